package gateway_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestOneValueQueryParameters: the admin export, the moderation case list
// (GET and HEAD) and the event stream refuse a one-value parameter (or the
// Last-Event-ID header) sent twice with a 400 on it, as the message routes
// do, rather than answering for the first value alone; the case list also
// refuses a name it does not document. The same requests with one value
// are answered.
func TestOneValueQueryParameters(t *testing.T) {
	const adminKey = "single-admin-key-0123456789"
	keys, err := gateway.ParseKeys(chatKeySet + ",mia:moderator:" + modKey + ",ops:admin:" + adminKey)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, nil, gateway.Config{Keys: keys})
	stop, err := moderation.Start(context.Background(), svcmain.Deps{NC: e.nc, Env: config.NewReader(config.Map(nil)), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	if r := postWithID(t, e, chatAcmeKey, "room", "m1", "hello", "author", "ana"); r.status != http.StatusCreated {
		t.Fatalf("post: %d %s", r.status, r.body)
	}

	for _, tt := range []struct {
		name, method, path, key string
		status                  int
		field                   string
	}{
		{"export, one author", "GET", "/v1/admin/export?author=ana&tenant=acme", adminKey, http.StatusOK, ""},
		{"export, two authors", "GET", "/v1/admin/export?author=ana&author=bob&tenant=acme", adminKey, http.StatusBadRequest, "author"},
		{"export, two limits", "GET", "/v1/admin/export?author=ana&tenant=acme&limit=1&limit=2", adminKey, http.StatusBadRequest, "limit"},
		{"export, two cursors", "GET", "/v1/admin/export?author=ana&tenant=acme&after=x&after=y", adminKey, http.StatusBadRequest, "after"},
		{"export, two tenants", "GET", "/v1/admin/export?author=ana&tenant=acme&tenant=globex", adminKey, http.StatusBadRequest, "tenant"},
		{"cases, one status", "GET", "/v1/moderation/cases?status=open,decided&limit=1", modKey, http.StatusOK, ""},
		{"cases, two statuses", "GET", "/v1/moderation/cases?status=open&status=decided", modKey, http.StatusBadRequest, "status"},
		{"cases, two limits", "GET", "/v1/moderation/cases?limit=1&limit=2", modKey, http.StatusBadRequest, "limit"},
		{"cases, HEAD, two limits", "HEAD", "/v1/moderation/cases?limit=1&limit=2", modKey, http.StatusBadRequest, ""},
		{"cases, unknown name", "GET", "/v1/moderation/cases?conversation=room", modKey, http.StatusBadRequest, "conversation"},
		{"cases, HEAD, unknown name", "HEAD", "/v1/moderation/cases?conversation=room", modKey, http.StatusBadRequest, ""},
		{"cases, every documented name", "GET", "/v1/moderation/cases?status=open&locale=en&category=profanity&action=review&severity=low&tenant=acme&holder=mia&min_age=1m&max_age=24h&sort=newest&limit=5&offset=0&preview=10", modKey, http.StatusOK, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, e.url+tt.path, "", bearer(tt.key)...)
			if r.status != tt.status {
				t.Fatalf("%d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.field == "" {
				return
			}
			var eb api.ErrorBody
			if err := json.Unmarshal(r.body, &eb); err != nil || eb.Error.Code != api.CodeInvalidArgument || eb.Error.Field != tt.field {
				t.Fatalf("want invalid_argument on %s: %s", tt.field, r.body)
			}
		})
	}

	// Two Last-Event-ID headers: which one to resume from is not the
	// server's to pick.
	events := e.url + "/v1/conversations/room/events?locale=es"
	for _, method := range []string{"GET", "HEAD"} {
		req, err := http.NewRequest(method, events, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+chatAcmeKey)
		req.Header.Add("Last-Event-ID", "0")
		req.Header.Add("Last-Event-ID", "1")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var eb api.ErrorBody
		_ = json.NewDecoder(res.Body).Decode(&eb)
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest || (method == "GET" && (eb.Error.Field != "Last-Event-ID" || !strings.Contains(eb.Error.Message, "2 times"))) {
			t.Fatalf("%s with two Last-Event-ID: %d %+v", method, res.StatusCode, eb)
		}
	}
	if r := do(t, "HEAD", events, "", append(bearer(chatAcmeKey), "Last-Event-ID", "1")...); r.status != http.StatusOK {
		t.Fatalf("HEAD with one Last-Event-ID: %d", r.status)
	}
}

package gateway_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// rawPost sends body to url with the Content-Type given ("" sends none).
func rawPost(t *testing.T, method, url, contentType, body string) httpResult {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return httpResult{res.StatusCode, res.Header, b}
}

func msgErrorOf(t *testing.T, r httpResult) api.ErrorDetail {
	t.Helper()
	var eb api.ErrorBody
	if err := json.Unmarshal(r.body, &eb); err != nil {
		t.Fatalf("%d %s: %v", r.status, r.body, err)
	}
	return eb.Error
}

// TestMessageWritesDecodeStrictly: the message writes refuse fields they
// do not take (a misspelt or camelCase one, author on PATCH), fields
// given twice, and bodies sent as another media type than JSON.
func TestMessageWritesDecodeStrictly(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "strict", "ana", "hello")
	long := strings.Repeat("x", 5000)
	for _, tt := range []struct {
		name, method, path, contentType, body string
		status                                int
		code                                  api.Code
		field                                 string
	}{
		{"camelCase replyTo", "POST", "/v1/messages", "application/json", `{"conversation":"strict","text":"hi","replyTo":"` + m.ID + `"}`, 400, api.CodeInvalidJSON, "replyTo"},
		{"camelCase senderLocale", "POST", "/v1/messages", "application/json", `{"conversation":"strict","text":"hi","senderLocale":"es"}`, 400, api.CodeInvalidJSON, "senderLocale"},
		{"text twice", "POST", "/v1/messages", "application/json", `{"conversation":"strict","text":"hi","text":"ho"}`, 400, api.CodeInvalidJSON, "text"},
		// Named as api.Quote quotes it: 64 characters and a "…", never
		// the 5,000 sent.
		{"long unknown field", "POST", "/v1/messages", "application/json", `{"conversation":"strict","text":"hi","` + long + `":1}`, 400, api.CodeInvalidJSON, api.Clip(long, api.MaxQuotedRunes)},
		{"text/plain post", "POST", "/v1/messages", "text/plain", `{"conversation":"strict","text":"hi"}`, 415, api.CodeUnsupportedMediaType, "Content-Type"},
		{"form post", "POST", "/v1/messages", "application/x-www-form-urlencoded", `{"conversation":"strict","text":"hi"}`, 415, api.CodeUnsupportedMediaType, "Content-Type"},
		{"author on PATCH", "PATCH", "/v1/messages/" + m.ID, "application/json", `{"text":"hi","author":"eve"}`, 400, api.CodeInvalidJSON, "author"},
		{"conversation on PATCH", "PATCH", "/v1/messages/" + m.ID, "application/json", `{"text":"hi","conversation":"other"}`, 400, api.CodeInvalidJSON, "conversation"},
		{"text/plain PATCH", "PATCH", "/v1/messages/" + m.ID, "text/plain", `{"text":"hi"}`, 415, api.CodeUnsupportedMediaType, "Content-Type"},
		// Read as UTF-8, a latin1 body would store other text than sent.
		{"latin1 post", "POST", "/v1/messages", "application/json;charset=latin1", `{"conversation":"strict","text":"hi"}`, 415, api.CodeUnsupportedMediaType, "Content-Type"},
		{"ISO-8859-1 PATCH", "PATCH", "/v1/messages/" + m.ID, "application/json; charset=ISO-8859-1", `{"text":"hi"}`, 415, api.CodeUnsupportedMediaType, "Content-Type"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := rawPost(t, tt.method, e.url+tt.path, tt.contentType, tt.body)
			if d := msgErrorOf(t, r); r.status != tt.status || d.Code != tt.code || d.Field != tt.field || d.Status != tt.status {
				t.Fatalf("%d %s", r.status, r.body)
			}
		})
	}
	// JSON with a charset or a +json type, and no Content-Type at all (as
	// scripts post), are read.
	for _, ct := range []string{"application/json; charset=utf-8", "application/json;charset=UTF-8", "application/merge-patch+json", ""} {
		if r := rawPost(t, "PATCH", e.url+"/v1/messages/"+m.ID, ct, `{"text":"hello `+ct+`"}`); r.status != 200 {
			t.Errorf("Content-Type %q: %d %s", ct, r.status, r.body)
		}
	}
	if r := rawPost(t, "POST", e.url+"/v1/messages", "", `{"conversation":"strict","text":"no type"}`); r.status != 201 {
		t.Errorf("no Content-Type: %d %s", r.status, r.body)
	}
}

// TestMessageQueryParameters: a one-value query parameter sent twice is
// a 400 rather than a silent choice of the first, the page route refuses
// parameters it does not take (after=), and a post answers with its
// message's Location.
func TestMessageQueryParameters(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "query", "ana", "hello")
	r := do(t, "POST", e.url+"/v1/messages", `{"conversation":"query","text":"hello again"}`)
	var posted api.Message
	if err := json.Unmarshal(r.body, &posted); r.status != 201 || err != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if loc := r.header.Get("Location"); loc != "/v1/messages/"+posted.ID {
		t.Fatalf("Location %q", loc)
	}
	if r := do(t, "GET", e.url+r.header.Get("Location")+"?locale=es", ""); r.status != 200 {
		t.Fatalf("GET Location: %d %s", r.status, r.body)
	}
	page := e.url + "/v1/conversations/query/messages"
	for _, tt := range []struct {
		url, field string
	}{
		{e.url + "/v1/messages/" + m.ID + "?locale=en&locale=zz", "locale"},
		{page + "?locale=en&locale=zz", "locale"},
		{page + "?locale=es&limit=1&limit=50", "limit"},
		{page + "?locale=es&before=" + posted.ID + "&before=" + m.ID, "before"},
		{page + "?locale=es&after=5", "after"},
		{page + "?locale=es&limt=5", "limt"},
	} {
		for _, method := range []string{"GET", "HEAD"} {
			r := do(t, method, tt.url, "")
			if r.status != http.StatusBadRequest {
				t.Errorf("%s %s: %d %s", method, tt.url, r.status, r.body)
				continue
			}
			if method == "GET" {
				if d := msgErrorOf(t, r); d.Code != api.CodeInvalidArgument || d.Field != tt.field {
					t.Errorf("%s: %s", tt.url, r.body)
				}
			}
		}
	}
	r = do(t, "GET", e.url+"/v1/conversations/query/events?locale=es&after=1&after=2", "")
	if d := msgErrorOf(t, r); r.status != 400 || d.Field != "after" {
		t.Errorf("events with after twice: %d %s", r.status, r.body)
	}
	if r := do(t, "GET", page+"?locale=es&limit=1&original=true&user_id=u1", ""); r.status != 200 {
		t.Errorf("page: %d %s", r.status, r.body)
	}
}

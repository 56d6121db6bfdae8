package gateway_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestExportAuthor: GET /v1/admin/export answers an access request with
// the author's messages in every conversation of the tenant (deleted and
// flagged ones too), the moderation case of a flagged one and the
// feedback on one, and nothing of another author's or another tenant's
// messages of the same author name; it pages by cursor. Its role and
// tenant rules are those of POST /v1/admin/erase (403 and 400 in the one
// error shape), and after an erasure it exports nothing.
func TestExportAuthor(t *testing.T) {
	const (
		opsKey       = "export-ops-admin-0123456789"
		acmeAdminKey = "export-acme-admin-0123456789"
		acmeModKey   = "export-acme-mod-0123456789"
	)
	keys, err := gateway.ParseKeys(chatKeySet + ",ops:admin:" + opsKey + ",adm@acme:admin:" + acmeAdminKey + ",mod@acme:moderator:" + acmeModKey)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, nil, gateway.Config{Keys: keys})
	stop, err := moderation.Start(context.Background(), svcmain.Deps{NC: e.nc, Env: config.NewReader(config.Map(nil)), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })

	for _, p := range []struct{ key, conv, id, author, text string }{
		{chatAcmeKey, "room-a", "m1", "Maria Garcia", "hello from maria"},
		{chatAcmeKey, "room-a", "m2", "Bob", "hello from bob"},
		{chatAcmeKey, "room-b", "m3", "Maria Garcia", "you are flagged"},
		{chatAcmeKey, "room-b", "m4", "Maria Garcia", "to be deleted"},
		{chatGlobexKey, "room-a", "g1", "Maria Garcia", "globex maria"},
	} {
		if r := postWithID(t, e, p.key, p.conv, p.id, p.text, "author", p.author); r.status != http.StatusCreated {
			t.Fatalf("post %s: %d %s", p.id, r.status, r.body)
		}
	}
	if r := do(t, "DELETE", e.url+"/v1/messages/m4", "", bearer(chatAcmeKey)...); r.status != http.StatusOK && r.status != http.StatusNoContent {
		t.Fatalf("delete m4: %d %s", r.status, r.body)
	}
	// The view of m3 is flagged: a case of it.
	if r := do(t, "GET", e.url+"/v1/messages/m3?locale=es", "", bearer(chatAcmeKey)...); r.status != http.StatusOK {
		t.Fatalf("view m3: %d %s", r.status, r.body)
	}
	pollModeration(t, func() bool {
		l := decodeAs[api.CaseListResponse](t, do(t, "GET", e.url+"/v1/moderation/cases", "", bearer(acmeModKey)...), http.StatusOK)
		return l.Total == 1
	})
	fb := `{"original":"hello from maria","translation":"hola de maria","rating":2,"target_lang":"es","message_id":"m1","comment":"odd"}`
	if r := do(t, "POST", e.url+"/v1/feedback", fb, bearer(chatAcmeKey)...); r.status != http.StatusOK {
		t.Fatalf("feedback: %d %s", r.status, r.body)
	}

	export := func(key, query string, status int) (gateway.ExportResponse, api.ErrorBody) {
		t.Helper()
		r := do(t, "GET", e.url+"/v1/admin/export?"+query, "", bearer(key)...)
		if status != http.StatusOK {
			return gateway.ExportResponse{}, decodeAs[api.ErrorBody](t, r, status)
		}
		return decodeAs[gateway.ExportResponse](t, r, status), api.ErrorBody{}
	}
	maria := "author=" + url.QueryEscape("Maria Garcia")
	got, _ := export(acmeAdminKey, maria, http.StatusOK)
	var ids []string
	for _, m := range got.Messages {
		ids = append(ids, m.Conversation+"/"+m.ID)
	}
	if !slices.Equal(ids, []string{"room-a/m1", "room-b/m3", "room-b/m4"}) || got.Tenant != "acme" || got.NextAfter != "" {
		t.Fatalf("acme's export of maria: %v (tenant %q, next %q)", ids, got.Tenant, got.NextAfter)
	}
	if m := got.Messages[0]; m.Text != "hello from maria" || m.Revision != 1 || m.CreatedAt.IsZero() || m.Deleted {
		t.Fatalf("m1: %+v", m)
	}
	if m := got.Messages[2]; !m.Deleted || m.Text != "" {
		t.Fatalf("deleted m4: %+v", m)
	}
	if len(got.ModerationCases) != 1 || got.ModerationCases[0].MessageID != "m3" || got.ModerationCases[0].Status != api.CaseOpen ||
		!slices.Contains(got.ModerationCases[0].Categories, api.CategoryHate) || got.ModerationCases[0].CreatedAt.IsZero() {
		t.Fatalf("cases: %+v", got.ModerationCases)
	}
	if len(got.Feedback) != 1 || got.Feedback[0].MessageID != "m1" || got.Feedback[0].Rating != 2 || got.Feedback[0].Comment != "odd" {
		t.Fatalf("feedback: %+v", got.Feedback)
	}
	raw, _ := json.Marshal(got)
	for _, other := range []string{"hello from bob", "globex maria", "acme-client"} {
		if strings.Contains(string(raw), other) {
			t.Fatalf("export holds %q: %s", other, raw)
		}
	}

	// Pages: one message each, by cursor, the same three in order.
	var paged []string
	for after := ""; ; {
		q := maria + "&limit=1"
		if after != "" {
			q += "&after=" + url.QueryEscape(after)
		}
		page, _ := export(acmeAdminKey, q, http.StatusOK)
		if len(page.Messages) != 1 {
			t.Fatalf("page after %q: %+v", after, page)
		}
		paged = append(paged, page.Messages[0].ID)
		if after = page.NextAfter; after == "" {
			break
		}
	}
	if !slices.Equal(paged, []string{"m1", "m3", "m4"}) {
		t.Fatalf("paged export: %v", paged)
	}

	if g, _ := export(opsKey, maria+"&tenant=globex", http.StatusOK); len(g.Messages) != 1 || g.Messages[0].ID != "g1" || g.Tenant != "globex" {
		t.Fatalf("globex's export: %+v", g)
	}
	for _, tt := range []struct {
		name, key, query string
		status           int
		code             api.Code
		field            string
	}{
		{"a client key", chatAcmeKey, maria, http.StatusForbidden, api.CodeForbidden, ""},
		{"a moderator key", acmeModKey, maria, http.StatusForbidden, api.CodeForbidden, ""},
		{"a tenant's admin naming another", acmeAdminKey, maria + "&tenant=globex", http.StatusForbidden, api.CodeForbidden, "tenant"},
		{"no tenant named, the author in others", opsKey, maria, http.StatusBadRequest, api.CodeInvalidArgument, "tenant"},
		{"no author", acmeAdminKey, "author=", http.StatusBadRequest, api.CodeInvalidArgument, "author"},
		{"a bad limit", acmeAdminKey, maria + "&limit=501", http.StatusBadRequest, api.CodeInvalidArgument, "limit"},
		{"a bad cursor", acmeAdminKey, maria + "&after=nope", http.StatusBadRequest, api.CodeInvalidArgument, "after"},
		{"a bad tenant", opsKey, maria + "&tenant=a%20b", http.StatusBadRequest, api.CodeInvalidArgument, "tenant"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, eb := export(tt.key, tt.query, tt.status)
			if eb.Error.Code != tt.code || tt.field != "" && eb.Error.Field != tt.field {
				t.Fatalf("error %+v, want %s on %q", eb.Error, tt.code, tt.field)
			}
		})
	}

	// After an erasure nothing of hers is left to export in acme; globex's
	// message is another tenant's.
	if r := do(t, "POST", e.url+"/v1/admin/erase", `{"author":"Maria Garcia"}`, bearer(acmeAdminKey)...); r.status != http.StatusOK {
		t.Fatalf("erase: %d %s", r.status, r.body)
	}
	got, _ = export(acmeAdminKey, maria, http.StatusOK)
	if len(got.Messages) != 0 || len(got.ModerationCases) != 0 || len(got.Feedback) != 0 || got.NextAfter != "" {
		t.Fatalf("export after the erasure: %+v", got)
	}
}

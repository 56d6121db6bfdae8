package gateway_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

const acmeModKey = "acme-moderator-key-0123456789"

// TestModerationCasesOfStoredMessages runs the gateway's chat routes, the
// messages service and the moderation service together:
//
//   - a stored message the gateway renders and the policy flags is a case
//     of that message, with its author and the acme messages before it
//     in the conversation (context: not globex's of the same conversation
//     id; markup escaped in the JSON);
//   - a /v1/translate text naming that conversation and a message id is a
//     case of the text alone, tied to no message: its decision must not
//     reach the message it names;
//   - a tenant's moderator naming another tenant on the list is refused
//     with 403, as on the audit log;
//   - the list pages by cursor over HTTP.
func TestModerationCasesOfStoredMessages(t *testing.T) {
	keys, err := gateway.ParseKeys(chatKeySet + ",mia:moderator:" + modKey + ",tina@acme:moderator:" + acmeModKey)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, nil, gateway.Config{Keys: keys})
	stop, err := moderation.Start(context.Background(), svcmain.Deps{NC: e.nc, Env: config.NewReader(config.Map(nil)), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })

	for _, p := range []struct{ key, id, author, text, source string }{
		{chatAcmeKey, "a1", "ana", "hello", "en"},
		{chatGlobexKey, "g1", "gus", "globex says hi", ""},
		{chatAcmeKey, "a2", "bob", "<b>hi</b> & bye", ""},
		{chatAcmeKey, "a3", "eve", "you are flagged", ""},
	} {
		extra := []string{"author", p.author}
		if p.source != "" {
			extra = append(extra, "source", p.source)
		}
		if r := postWithID(t, e, p.key, "room", p.id, p.text, extra...); r.status != http.StatusCreated {
			t.Fatalf("post %s: %d %s", p.id, r.status, r.body)
		}
	}
	if r := do(t, "GET", e.url+"/v1/messages/a3?locale=es", "", bearer(chatAcmeKey)...); r.status != http.StatusOK {
		t.Fatalf("view a3: %d %s", r.status, r.body)
	}
	forged := `{"text":"a forged flagged text","target":"es","conversation_id":"room","message_id":"a1"}`
	if r := do(t, "POST", e.url+"/v1/translate", forged, bearer(chatAcmeKey)...); r.status != http.StatusOK {
		t.Fatalf("translate: %d %s", r.status, r.body)
	}

	tina := bearer(acmeModKey)
	var list api.CaseListResponse
	pollModeration(t, func() bool {
		list = decodeAs[api.CaseListResponse](t, do(t, "GET", e.url+"/v1/moderation/cases", "", tina...), http.StatusOK)
		return list.Total == 2
	})
	var message, text api.CaseSummary
	for _, c := range list.Cases {
		if c.MessageID != "" {
			message = c
		} else {
			text = c
		}
	}
	if message.MessageID != "a3" || message.Author != "eve" || text.Original != "a forged flagged text" || text.ConversationID != "" || text.MessageRevision != 0 || text.Author != "" {
		t.Fatalf("cases: %+v", list.Cases)
	}

	r := do(t, "GET", e.url+"/v1/moderation/cases/"+message.ID, "", tina...)
	c := decodeAs[api.Case](t, r, http.StatusOK)
	// A context message carries the language it was posted with, when it
	// was (the console tags its text with it).
	if c.Author != "eve" || len(c.Context) != 2 || c.Context[0].ID != "a1" || c.Context[0].Author != "ana" || c.Context[0].Text != "hello" ||
		c.Context[0].Language != "en" || c.Context[1].ID != "a2" || c.Context[1].Text != "<b>hi</b> & bye" || c.Context[1].Language != "" {
		t.Fatalf("case of a3: author %q, context %+v", c.Author, c.Context)
	}
	if strings.Contains(string(r.body), "<b>") || !strings.Contains(string(r.body), `\u003cb\u003ehi\u003c/b\u003e \u0026 bye`) {
		t.Fatalf("context markup not escaped: %s", r.body)
	}
	tc := decodeAs[api.Case](t, do(t, "GET", e.url+"/v1/moderation/cases/"+text.ID, "", tina...), http.StatusOK)
	if tc.MessageID != "" || tc.Context != nil {
		t.Fatalf("text case: message %q, context %+v", tc.MessageID, tc.Context)
	}

	cases := e.url + "/v1/moderation/cases"
	for _, tt := range []struct {
		name, query string
		key         []string
		status      int
		code        api.Code
		field       string
	}{
		{"a tenant's moderator naming another tenant", "?tenant=globex", tina, http.StatusForbidden, api.CodeForbidden, "tenant"},
		{"a tenant's moderator naming its tenant", "?tenant=acme", tina, http.StatusOK, "", ""},
		{"a moderator of every tenant naming one", "?tenant=globex", bearer(modKey), http.StatusOK, "", ""},
		{"a bad cursor", "?after=nope", tina, http.StatusBadRequest, api.CodeInvalidArgument, "after"},
		{"a cursor and an offset", "?after=" + url.QueryEscape(list.NextAfter+"x") + "&offset=1", tina, http.StatusBadRequest, api.CodeInvalidArgument, "after"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "GET", cases+tt.query, "", tt.key...)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.code == "" {
				return
			}
			var body api.ErrorBody
			if err := json.Unmarshal(r.body, &body); err != nil || body.Error.Code != tt.code || body.Error.Field != tt.field {
				t.Fatalf("error %s, want %s on %s", r.body, tt.code, tt.field)
			}
		})
	}

	page1 := decodeAs[api.CaseListResponse](t, do(t, "GET", cases+"?limit=1", "", tina...), http.StatusOK)
	if len(page1.Cases) != 1 || page1.NextAfter == "" {
		t.Fatalf("page 1: %+v", page1)
	}
	page2 := decodeAs[api.CaseListResponse](t, do(t, "GET", cases+"?limit=1&after="+url.QueryEscape(page1.NextAfter), "", tina...), http.StatusOK)
	if len(page2.Cases) != 1 || page2.Cases[0].ID == page1.Cases[0].ID || page2.NextAfter != "" || page2.PrevBefore == "" {
		t.Fatalf("page 2: %+v", page2)
	}
	back := decodeAs[api.CaseListResponse](t, do(t, "GET", cases+"?limit=1&before="+url.QueryEscape(page2.PrevBefore), "", tina...), http.StatusOK)
	if len(back.Cases) != 1 || back.Cases[0].ID != page1.Cases[0].ID {
		t.Fatalf("back to page 1: %+v", back)
	}
}

package gateway_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// TestModerationPagesOfLongMessages: over HTTP, lists and audit pages of
// the longest messages and notes answer (never a 504 for an answer NATS
// could not carry), page on, and a note that would not fit in its case is
// a 409 naming the limit.
func TestModerationPagesOfLongMessages(t *testing.T) {
	var nc *nats.Conn
	env := compatGatewayWith(t, "mia:moderator:"+modKey, gateway.Config{}, func(c *nats.Conn) {
		nc = c
		withModeration(t)(c)
	})
	text := "you are shit " + strings.Repeat("😀", api.MaxTextRunes-13)
	var first string
	for i := range 6 {
		for _, target := range []string{"es", "fr", "de"} {
			f := &api.FlaggedView{MessageID: fmt.Sprintf("m%d", i), Text: text, View: api.View{
				Text: text, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: target,
				Safety: &api.SafetyResponse{Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
					Policy: &api.PolicyDecision{Action: api.PolicyFlag}},
			}}
			if err := (client.Moderation{NC: nc}).Flagged(context.Background(), f); err != nil {
				t.Fatal(err)
			}
			if first == "" {
				first = f.CaseID()
			}
		}
	}
	mod := http.Header{"Authorization": {"Bearer " + modKey}}
	cases := env.url + "/v1/moderation/cases"
	pollModeration(t, func() bool {
		var list api.CaseListResponse
		r := send(t, "GET", cases+"?limit=1&preview=1", "", "", mod)
		r.decode(t, &list)
		return r.status == http.StatusOK && list.Total == 18
	})

	t.Run("lists page on by size", func(t *testing.T) {
		for _, tt := range []struct {
			query     string
			wantPages int // 0: more than one
		}{{"", 0}, {"?limit=500", 0}, {"?preview=80", 1}} {
			seen, pages, offset := map[string]bool{}, 0, 0
			for {
				sep := "?"
				if tt.query != "" {
					sep = "&"
				}
				r := send(t, "GET", cases+tt.query+fmt.Sprintf("%soffset=%d", sep, offset), "", "", mod)
				var list api.CaseListResponse
				r.decode(t, &list)
				if r.status != http.StatusOK {
					t.Fatalf("%s page %d: %d %s", tt.query, pages+1, r.status, r.body)
				}
				pages++
				for _, c := range list.Cases {
					seen[c.ID] = true
				}
				if list.NextOffset == 0 {
					break
				}
				offset = list.NextOffset
			}
			if len(seen) != 18 || (tt.wantPages == 0 && pages < 2) || (tt.wantPages > 0 && pages != tt.wantPages) {
				t.Fatalf("%q: %d cases in %d pages", tt.query, len(seen), pages)
			}
		}
	})

	caseURL := cases + "/" + first
	note := `{"text":"` + strings.Repeat("😀", moderation.MaxNoteRunes) + `"}`
	full := 0
	for range moderation.MaxNotes {
		r := send(t, "POST", caseURL+"/notes", "", note, mod)
		if r.status == http.StatusOK {
			continue
		}
		if r.status != http.StatusConflict || !strings.Contains(string(r.body), fmt.Sprint(moderation.MaxNotesBytes)) {
			t.Fatalf("a note past the case's budget: %d %s", r.status, r.body)
		}
		full++
		break
	}
	if full != 1 {
		t.Fatal("every long note fit: the notes budget never applied")
	}

	audit := env.url + "/v1/moderation/audit"
	tests := []struct {
		name   string
		query  string
		status int
		check  func(a api.AuditListResponse) bool
	}{
		{"the whole log at the largest limit", "?limit=1000", http.StatusOK, func(a api.AuditListResponse) bool { return len(a.Entries) > 0 }},
		{"one case", "?case_id=" + first, http.StatusOK, func(a api.AuditListResponse) bool { return len(a.Entries) > 0 }},
		{"the newest of a case", "?newest=true&limit=2&case_id=" + first, http.StatusOK, func(a api.AuditListResponse) bool {
			return len(a.Entries) == 2 && a.Entries[1].Action == api.AuditNote && a.Older > 0
		}},
		{"bad newest", "?newest=maybe", http.StatusBadRequest, nil},
		{"bad preview", "?preview=x", http.StatusBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := audit + tt.query
			if tt.name == "bad preview" {
				u = cases + tt.query
			}
			r := send(t, "GET", u, "", "", mod)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %.300s", r.status, tt.status, r.body)
			}
			if tt.check == nil {
				if r.apiError(t) != api.CodeInvalidArgument {
					t.Fatalf("error: %s", r.body)
				}
				return
			}
			var a api.AuditListResponse
			r.decode(t, &a)
			if !tt.check(a) {
				t.Fatalf("page: %d entries, more %v, older %d", len(a.Entries), a.More, a.Older)
			}
		})
	}
}

package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/shared/api"
)

// TestUserNamesAreIsolated: every name a user chose (key name, author,
// claim holder, actor, note author) is printed in a <bdi>, so that a
// right-to-left name does not pull the timestamp or text after it into
// its own direction ("سارة 2026-11-30 …" shown as "…30-11-2026 سارة");
// context messages carry the language they are in.
func TestUserNamesAreIsolated(t *testing.T) {
	const (
		sara    = "سارة"
		saraKey = "sara-key-0123456789"
	)
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f := newFixtureWith(t, func(c *console.Config) {
		c.Authenticate = func(key string) (console.Principal, bool) {
			if key == saraKey {
				return console.Principal{Name: sara, Roles: []string{console.RoleModerator}}, true
			}
			p, ok := principals[key]
			return p, ok
		}
		c.Context = func(context.Context, *api.Case) ([]api.CaseContextMessage, error) {
			return []api.CaseContextMessage{
				{ID: "m0", Author: sara, Text: "مرحبا 42", Language: "ar", CreatedAt: at},
				{ID: "m0b", Author: "bob", Text: "hi", CreatedAt: at},
			}, nil
		}
	})
	v := caseView("m1", "en", "es", "you shit", "eres una mierda")
	v.Author = sara
	id := f.flag(t, v)
	u := f.user(t)
	u.signIn(saraKey)
	u.get("/console/moderation/cases/" + id)
	if p := u.post("/console/moderation/cases/"+id+"/claim", url.Values{}); p.status != http.StatusSeeOther {
		t.Fatalf("claim: %d %s", p.status, p.body)
	}
	u.get("/console/moderation/cases/" + id)
	if p := u.post("/console/moderation/cases/"+id+"/note", url.Values{"text": {"ملاحظة 42 about order #77 ok"}}); p.status != http.StatusSeeOther {
		t.Fatalf("note: %d %s", p.status, p.body)
	}

	// isolated checks that every time the name is printed, it is the
	// whole of a <bdi>.
	isolated := func(t *testing.T, body string, wants ...string) {
		t.Helper()
		if all, wrapped := strings.Count(body, sara), strings.Count(body, "<bdi>"+sara+"</bdi>"); all == 0 || all != wrapped {
			t.Errorf("the name is printed %d times, %d of them in a <bdi>", all, wrapped)
		}
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("page lacks %q", w)
			}
		}
	}
	queue := u.get("/console/moderation?status=any")
	isolated(t, queue.body, `<span class="who"><bdi>`+sara+`</bdi>`, `(<bdi>`+sara+`</bdi>)`)
	open := u.get("/console/moderation/cases/" + id)
	isolated(t, open.body,
		`<dd id="case-author"><bdi>`+sara+`</bdi></dd>`,
		`id="claim-holder"><bdi>`+sara+`</bdi> until`,
		`<li><b><bdi>`+sara+`</bdi></b> 2026-`,
		`<li data-message="m0"><b><bdi>`+sara+`</bdi></b>`,
		`<span class="message-text" dir="rtl" lang="ar">مرحبا 42</span>`,
		`<span class="message-text" dir="auto">hi</span>`,
	)
	if p := u.post("/console/moderation/cases/"+id+"/decide", url.Values{"decision": {"approve"}}); p.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", p.status, p.body)
	}
	decided := u.get("/console/moderation/cases/" + id)
	isolated(t, decided.body, `id="decision">approve by <bdi>`+sara+`</bdi> at`, `<td><bdi>`+sara+`</bdi></td>`)

	// The other moderator sees who holds a case.
	other := f.flag(t, caseView("m2", "en", "es", "you shit", "eres una mierda"))
	u.get("/console/moderation/cases/" + other)
	if p := u.post("/console/moderation/cases/"+other+"/claim", url.Values{}); p.status != http.StatusSeeOther {
		t.Fatalf("claim: %d %s", p.status, p.body)
	}
	mo := f.user(t)
	mo.signIn(modKey)
	held := mo.get("/console/moderation/cases/" + other)
	isolated(t, held.body, `<p id="held-by"><bdi>`+sara+`</bdi> holds this case`)
}

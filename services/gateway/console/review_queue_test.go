package console_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// TestQueueTellsReviewCasesApart: a self-harm case the policy sent to
// review (visible to readers) carries a badge in its queue row, which a
// flagged case does not, and the queue filters by why a case opened.
func TestQueueTellsReviewCasesApart(t *testing.T) {
	f := newFixture(t)
	flagID := f.flag(t, caseView("m1", "en", "es", "you shit", "eres una mierda"))
	reviewID := f.flag(t, reviewView("m2", "I want to kill myself", "quiero matarme", api.PolicyAllow))
	u := f.user(t)
	u.signIn(modKey)
	row := func(body, id string) string {
		m := regexp.MustCompile(`(?s)<tr data-row-link="[^"]*" data-case="` + regexp.QuoteMeta(id) + `"[^>]*>(.*?)</tr>`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return m[1]
	}
	p := u.get("/console/moderation")
	if r := row(p.body, reviewID); !strings.Contains(r, "review: visible to readers") {
		t.Fatalf("review case row without the badge: %q", r)
	}
	if r := row(p.body, flagID); r == "" || strings.Contains(r, "review: visible to readers") {
		t.Fatalf("flagged case row %q", r)
	}
	tests := []struct {
		action      string
		want, unwan string
	}{
		{"review", reviewID, flagID},
		{"flag", flagID, reviewID},
	}
	for _, tt := range tests {
		p := u.get("/console/moderation?action=" + tt.action)
		if row(p.body, tt.want) == "" || row(p.body, tt.unwan) != "" {
			t.Fatalf("action=%s: want %s only: %s", tt.action, tt.want, p.body)
		}
		if !strings.Contains(p.body, `<option value="`+tt.action+`" selected>`) {
			t.Fatalf("action=%s not selected in the filter", tt.action)
		}
	}
	if p := u.get("/console/moderation?action=bogus"); p.status != http.StatusBadRequest {
		t.Fatalf("action=bogus: %d", p.status)
	}
}

// TestSessionEndedMidActionLinksBack: a case action posted after the
// session ended is a 401 whose sign-in link leads back to the case page
// (the form's Referer, or the action's case), and signing in there goes
// back to the case.
func TestSessionEndedMidActionLinksBack(t *testing.T) {
	f := newFixture(t)
	id := f.flag(t, caseView("m1", "en", "es", "you shit", "eres una mierda"))
	casePath := "/console/moderation/cases/" + id
	signIn := regexp.MustCompile(`<a href="([^"]*)" id="sign-in">`)
	for _, referer := range []string{"", casePath + "?done=note"} {
		t.Run("referer "+referer, func(t *testing.T) {
			u := f.user(t)
			u.signIn(modKey)
			u.get(casePath)
			f.clock.add(time.Hour) // the session ends while the page is open
			form := url.Values{"decision": {"approve"}, "csrf": {u.csrf}}
			req, _ := http.NewRequest("POST", f.url+casePath+"/decide", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			want := casePath
			if referer != "" {
				req.Header.Set("Referer", f.url+referer)
				want = referer
			}
			p := u.do(req)
			m := signIn.FindStringSubmatch(p.body)
			if p.status != http.StatusUnauthorized || m == nil {
				t.Fatalf("decide after the session ended: %d %s", p.status, p.body)
			}
			link := html.UnescapeString(m[1])
			if link != "/console/login?next="+url.QueryEscape(want) {
				t.Fatalf("sign-in link %q, want next=%s", link, want)
			}
			u.get(link)
			res := u.post("/console/login", url.Values{"key": {modKey}, "next": {want}})
			if res.status != http.StatusSeeOther || res.header.Get("Location") != want {
				t.Fatalf("sign-in: %d to %q, want %s", res.status, res.header.Get("Location"), want)
			}
		})
	}
	// A Referer of another site is not followed.
	u := f.user(t)
	form := url.Values{"decision": {"approve"}}
	req, _ := http.NewRequest("POST", f.url+casePath+"/decide", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", "https://evil.example/console/glossaries")
	p := u.do(req)
	if m := signIn.FindStringSubmatch(p.body); m == nil || html.UnescapeString(m[1]) != "/console/login?next="+url.QueryEscape(casePath) {
		t.Fatalf("sign-in link with a foreign Referer: %v", m)
	}
}

// TestReopenedHideLinksTheCasesItClosed: a hide closed the message's
// other case; the hiding case, reopened and approved, links that case
// (still closed) from its page, saying so, and the linked page offers
// reopen.
func TestReopenedHideLinksTheCasesItClosed(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	es := f.flag(t, caseView("m1", "en", "es", "you shit", "eres una mierda"))
	fr := f.flag(t, caseView("m1", "en", "fr", "you shit", "espèce de merde"))
	if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: es, Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.mod.Decide(ctx, api.CaseDecideRequest{ID: es, Actor: "alice", Action: api.ActionHide}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.mod.Reopen(ctx, api.CaseReopenRequest{ID: es, Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: es, Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.mod.Decide(ctx, api.CaseDecideRequest{ID: es, Actor: "alice", Action: api.ActionApprove}); err != nil {
		t.Fatal(err)
	}
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation/cases/" + es)
	m := regexp.MustCompile(`<dd id="closed-cases">(.*?)</dd>`).FindStringSubmatch(p.body)
	if m == nil || !strings.Contains(m[1], `href="/console/moderation/cases/`+fr+`"`) || !strings.Contains(m[1], "decided approve") {
		t.Fatalf("case page without the case its hide closed: %s", p.body)
	}
	if p := u.get("/console/moderation/cases/" + fr); !hasID(p.body, "reopen") {
		t.Fatalf("the closed case offers no reopen: %s", p.body)
	}
}

package console_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/shared/api"
)

// caseView is a flagged view of a message (msg "" for a text without a
// message id) from source into target.
func caseView(msg, source, target, text, translation string) *api.FlaggedView {
	return &api.FlaggedView{MessageID: msg, ConversationID: "c1", Text: text, View: api.View{
		Text: translation, Status: api.StatusTranslated, SourceLanguage: source, TargetLanguage: target, Backend: "ollama",
		Safety: &api.SafetyResponse{
			Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
			Policy: &api.PolicyDecision{Action: api.PolicyFlag, Masked: strings.Repeat("*", 4) + " " + translation[min(5, len(translation)):]},
		},
	}}
}

// reviewView is a view the safety policy sent to review for self_harm
// (its action, allow or mask, leaves the text visible).
func reviewView(msg, text, translation, action string) *api.FlaggedView {
	return &api.FlaggedView{MessageID: msg, ConversationID: "c1", Text: text, View: api.View{
		Text: translation, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es", Backend: "ollama",
		Safety: &api.SafetyResponse{
			Source: api.Verdict{Severity: api.SeverityHigh, Categories: []string{api.CategorySelfHarm}},
			Policy: &api.PolicyDecision{Action: action, Review: []string{api.CategorySelfHarm}},
		},
	}}
}

// hasID reports whether the page has an element with that id.
func hasID(body, id string) bool { return strings.Contains(body, `id="`+id+`"`) }

// TestStalePageIsRefused: an action posted from a page that no longer
// shows the case (a colleague claimed, noted and escalated it meanwhile)
// is refused with 409 and a link to reload the case, and nothing is
// written: the old page's "approve" does not override the escalation.
func TestStalePageIsRefused(t *testing.T) {
	f := newFixture(t)
	id := f.flag(t, caseView("m1", "en", "es", "I will find you", "te encontraré"))
	bob := f.user(t)
	bob.signIn(modKey)
	bob.get("/console/moderation/cases/" + id) // Bob's page: open
	old := bob.seen

	alice := f.user(t)
	alice.signIn(rivalKey)
	path := "/console/moderation/cases/" + id
	for _, step := range []struct {
		action string
		form   url.Values
	}{
		{"claim", url.Values{}},
		{"note", url.Values{"text": {"Credible threat, do NOT approve"}}},
		{"decide", url.Values{"decision": {"escalate"}}},
	} {
		alice.get(path)
		if p := alice.post(path+"/"+step.action, step.form); p.status != http.StatusSeeOther {
			t.Fatalf("alice %s: %d %s", step.action, p.status, p.body)
		}
	}
	before, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: id})
	if err != nil || before.Status != api.CaseEscalated {
		t.Fatalf("after alice: %+v %v", before, err)
	}

	tests := []struct {
		name   string
		action string
		form   url.Values
		want   string
	}{
		{"approve from the old page", "decide", url.Values{"decision": {"approve"}}, "it is now escalated"},
		{"claim from the old page", "claim", url.Values{}, "it is now escalated"},
		{"note from the old page", "note", url.Values{"text": {"looks fine"}}, "it is now escalated"},
		{"the current revision with another status", "decide",
			url.Values{"decision": {"approve"}, "revision": {fmt.Sprint(before.Revision)}, "status": {api.CaseOpen}}, "it is now escalated"},
		{"a form without the revision", "decide", url.Values{"decision": {"approve"}, "revision": {""}, "status": {""}}, "does not say which version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bob.seen = old
			p := bob.post(path+"/"+tt.action, tt.form)
			if p.status != http.StatusConflict || !strings.Contains(html.UnescapeString(p.body), tt.want) {
				t.Fatalf("status %d, want 409 saying %q: %s", p.status, tt.want, p.body)
			}
			if !strings.Contains(p.body, `<a href="`+path+`" id="reload">`) {
				t.Fatalf("no reload link: %s", p.body)
			}
			after, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: id})
			if err != nil || after.Revision != before.Revision || after.Status != api.CaseEscalated || after.Decision.Action != api.ActionEscalate {
				t.Fatalf("a stale action changed the case: %+v %v", after, err)
			}
		})
	}
	// Reloaded, Bob sees the escalation and the note, and may act.
	p := bob.get(path)
	if !strings.Contains(p.body, "Credible threat, do NOT approve") || !strings.Contains(p.body, `id="case-status">escalated<`) {
		t.Fatalf("reloaded page: %s", p.body)
	}
	if p := bob.post(path+"/claim", url.Values{}); p.status != http.StatusSeeOther {
		t.Fatalf("claim after reloading: %d %s", p.status, p.body)
	}
}

// TestReopenInTheConsole: a decided case offers Reopen (and no decision);
// reopening puts it back in the queue, audited, and it can be decided
// again.
func TestReopenInTheConsole(t *testing.T) {
	f := newFixture(t)
	id := f.flag(t, caseView("m1", "en", "es", "you shit", "eres una mierda"))
	u := f.user(t)
	u.signIn(modKey)
	path := "/console/moderation/cases/" + id
	u.get(path)
	if p := u.post(path+"/decide", url.Values{"decision": {"approve"}}); p.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", p.status, p.body)
	}
	p := u.get(path)
	if !hasID(p.body, "reopen") || hasID(p.body, "approve") || hasID(p.body, "claim") || hasID(p.body, "correction-text") {
		t.Fatalf("decided case page: %s", p.body)
	}
	if p := u.post(path+"/reopen", url.Values{"reason": {"missed a threat"}}); p.status != http.StatusSeeOther || !strings.HasSuffix(p.header.Get("Location"), "?done=reopen") {
		t.Fatalf("reopen: %d %s", p.status, p.body)
	}
	p = u.get(path + "?done=reopen")
	if !strings.Contains(p.body, "Reopened: the case is back in the queue") || !hasID(p.body, "approve") || hasID(p.body, "reopen") ||
		!strings.Contains(p.body, "reopened the approve decision of mo") || !strings.Contains(p.body, "missed a threat") {
		t.Fatalf("reopened case page: %s", p.body)
	}
	if p := u.post(path+"/decide", url.Values{"decision": {"hide"}}); p.status != http.StatusSeeOther {
		t.Fatalf("hide after reopening: %d %s", p.status, p.body)
	}
	c, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: id})
	if err != nil || c.Status != api.CaseDecided || c.Decision.Action != api.ActionHide {
		t.Fatalf("case: %+v %v", c, err)
	}
	if p := u.post(path+"/reopen", url.Values{}); p.status != http.StatusConflict {
		t.Fatalf("reopen from a stale page: %d", p.status)
	}
}

// formButtons lists the submit buttons of the form whose action ends in
// suffix, in tree order, as "id" or "id(disabled)".
func formButtons(t *testing.T, body, suffix string) []string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *xhtml.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	var out []string
	var walk func(n *xhtml.Node, in bool)
	walk = func(n *xhtml.Node, in bool) {
		if n.Type == xhtml.ElementNode {
			if n.Data == "form" {
				action, _ := attr(n, "action")
				in = strings.HasSuffix(action, suffix)
			}
			if typ, _ := attr(n, "type"); in && ((n.Data == "button" && (typ == "" || typ == "submit")) || (n.Data == "input" && typ == "submit")) {
				id, _ := attr(n, "id")
				if _, off := attr(n, "disabled"); off {
					id += "(disabled)"
				}
				out = append(out, id)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return out
}

// TestEnterInTheReasonDecidesNothing: Enter in a text field submits its
// form with the form's first submit button (HTML implicit submission); in
// the decision form that is a disabled button, so Enter in the reason
// decides nothing, while each decision keeps its own button and key.
func TestEnterInTheReasonDecidesNothing(t *testing.T) {
	f := newFixture(t)
	id := f.flag(t, caseView("m1", "en", "es", "you shit", "eres una mierda"))
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation/cases/" + id)
	got := formButtons(t, p.body, "/decide")
	want := []string{"enter-decides-nothing(disabled)", "approve", "hide", "escalate", "correct"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("submit buttons of the decision forms %v, want %v", got, want)
	}
	for _, key := range []string{"a", "h", "e"} {
		if !strings.Contains(p.body, `data-key="`+key+`"`) {
			t.Errorf("no shortcut %q", key)
		}
	}
}

// TestQueuePagesKeepTheFilters: the queue's Next and Previous links keep
// every filter (the template used to escape the query string twice, and
// page 2 was the unfiltered queue).
func TestQueuePagesKeepTheFilters(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	const french = 53
	var views []*api.FlaggedView
	for i := range french {
		v := caseView(fmt.Sprintf("fr%d", i), "en", "fr", "you shit", "espèce de merde")
		v.View.Safety.Source.Severity = api.SeverityHigh
		views = append(views, v)
	}
	for i := range 3 {
		views = append(views, caseView(fmt.Sprintf("es%d", i), "en", "es", "you shit", "eres una mierda"))
	}
	for _, v := range views {
		if err := f.mod.Flagged(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := f.mod.List(ctx, api.CaseListRequest{Limit: 1})
		if err == nil && res.Total == len(views) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cases: %+v %v", res, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	u := f.user(t)
	u.signIn(modKey)
	link := regexp.MustCompile(`<a href="([^"]+)" id="(next|prev)-page"`)
	follow := func(p page, which string) string {
		t.Helper()
		for _, m := range link.FindAllStringSubmatch(p.body, -1) {
			if m[2] == which {
				return html.UnescapeString(m[1])
			}
		}
		t.Fatalf("no %s link: %s", which, p.body)
		return ""
	}
	p := u.get("/console/moderation?status=open&locale=fr&severity=high&sort=newest")
	if n := strings.Count(p.body, "data-case="); n != 50 || !strings.Contains(p.body, "(53 cases)") {
		t.Fatalf("page 1: %d rows: %s", n, p.body)
	}
	next := follow(p, "next")
	q, err := url.ParseQuery(strings.TrimPrefix(next, "/console/moderation?"))
	if err != nil || q.Get("locale") != "fr" || q.Get("severity") != "high" || q.Get("sort") != "newest" || q.Get("status") != "open" ||
		q.Get("after") == "" || q.Has("offset") {
		t.Fatalf("next page link %q keeps %v (%v)", next, q, err)
	}
	p = u.get(next)
	if n := strings.Count(p.body, "data-case="); n != 3 || !strings.Contains(p.body, "(53 cases)") || strings.Contains(p.body, `lang="es"`) {
		t.Fatalf("page 2 (%s): %d rows: %s", next, n, p.body)
	}
	prev := follow(p, "prev")
	q, err = url.ParseQuery(strings.TrimPrefix(prev, "/console/moderation?"))
	if err != nil || q.Get("locale") != "fr" || q.Get("severity") != "high" || q.Get("sort") != "newest" || q.Get("status") != "open" ||
		q.Get("before") == "" || q.Has("after") {
		t.Fatalf("previous page link %q keeps %v (%v)", prev, q, err)
	}
	if p = u.get(prev); strings.Count(p.body, "data-case=") != 50 || strings.Contains(p.body, `id="prev-page"`) {
		t.Fatalf("page 1 again (%s): %s", prev, p.body)
	}
}

// TestQueueNextPageWhileColleaguesDecide: 68 open cases, a page of 50; a
// colleague decides 10 of the page shown. Next lists the 18 cases after
// the page (an offset of 50 would skip 10 of them).
func TestQueueNextPageWhileColleaguesDecide(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	var ids []string
	for i := range 68 {
		v := caseView(fmt.Sprintf("q%02d", i), "en", "fr", "you shit", "espèce de merde")
		ids = append(ids, v.CaseID())
		if err := f.mod.Flagged(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := f.mod.List(ctx, api.CaseListRequest{Limit: 1})
		if err == nil && res.Total == len(ids) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cases: %+v %v", res, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation?status=open")
	rows := regexp.MustCompile(`data-case="([^"]+)"`)
	var shown []string
	for _, m := range rows.FindAllStringSubmatch(p.body, -1) {
		shown = append(shown, m[1])
	}
	if len(shown) != 50 {
		t.Fatalf("page 1: %d rows", len(shown))
	}
	for _, id := range shown[10:20] {
		if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "bob"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "bob", Action: api.ActionApprove}); err != nil {
			t.Fatal(err)
		}
	}
	link := regexp.MustCompile(`<a href="([^"]+)" id="next-page"`).FindStringSubmatch(p.body)
	if link == nil {
		t.Fatalf("no next link: %s", p.body)
	}
	p = u.get(html.UnescapeString(link[1]))
	var rest []string
	for _, m := range rows.FindAllStringSubmatch(p.body, -1) {
		rest = append(rest, m[1])
	}
	var want []string
	for _, id := range ids {
		if !slices.Contains(shown, id) {
			want = append(want, id)
		}
	}
	slices.Sort(rest)
	slices.Sort(want)
	if !slices.Equal(rest, want) || !strings.Contains(p.body, "(58 cases)") {
		t.Fatalf("page 2: %d rows %v, want the %d cases after page 1 %v", len(rest), rest, len(want), want)
	}
}

// TestCaseSaysWhatReadersGet: the case page says what readers of the
// message are served now, from the flagged-message setting and the
// decisions recorded about the message (Config.Readers), not "the masked
// translation" whatever the setting.
func TestCaseSaysWhatReadersGet(t *testing.T) {
	var readers func(ctx context.Context, tenant, id string) (console.Readers, error)
	f := newFixtureWith(t, func(c *console.Config) {
		c.Readers = func(ctx context.Context, tenant, id string) (console.Readers, error) { return readers(ctx, tenant, id) }
	})
	v := caseView("m1", "en", "es", "you shit", "eres una mierda")
	id := f.flag(t, v)
	text := f.flag(t, caseView("", "en", "es", "you shit", "eres una mierda"))
	masked := v.View.Safety.Policy.Masked
	// Flagged for a delta: the masked text masks nothing the flag is
	// about, so readers with MESSAGES_FLAGGED=mask get nothing.
	dv := caseView("m9", "en", "es", "you shit", "eres tú")
	dv.View.Safety.Policy.FlaggedBy = []string{api.FlagLaundered}
	deltaID := f.flag(t, dv)
	// Self-harm is reviewed, not hidden: the policy's action stays allow
	// (or mask), and the case opens for someone to answer.
	reviewID := f.flag(t, reviewView("m10", "I want to kill myself", "quiero matarme", api.PolicyAllow))
	maskedReview := reviewView("m11", "I want to kill myself you shit", "quiero matarme mierda", api.PolicyMask)
	maskedReview.View.Safety.Policy.Masked = "quiero matarme ******"
	maskedReviewID := f.flag(t, maskedReview)
	tests := []struct {
		name      string
		id        string
		readers   console.Readers
		err       error
		want      string // data-served
		text      string // shown text, "" for none
		noteNeeds string
	}{
		{"flagged hidden by default", id, console.Readers{Flagged: "hide"}, nil, "hidden", "", "MESSAGES_FLAGGED=hide"},
		{"flagged masked", id, console.Readers{Flagged: "mask"}, nil, "masked", masked, "MESSAGES_FLAGGED=mask"},
		{"flagged for a delta, mask setting", deltaID, console.Readers{Flagged: "mask"}, nil, "hidden", "", "no span to mask"},
		{"hidden by a moderator", id, console.Readers{Flagged: "mask", Moderation: &api.MessageModeration{Hidden: true, HiddenCase: id}}, nil, "hidden", "", "hidden by a moderator"},
		{"approved", id, console.Readers{Flagged: "hide", Moderation: &api.MessageModeration{Approved: []string{"es"}, Revisions: map[string]int{"es": 1}}}, nil,
			"translation", "eres una mierda", "approved"},
		{"an approval of another revision", id, console.Readers{Flagged: "hide", Moderation: &api.MessageModeration{Approved: []string{"es"}, Revisions: map[string]int{"es": 2}}}, nil,
			"hidden", "", "MESSAGES_FLAGGED=hide"},
		{"message store away", id, console.Readers{}, errors.New("down"), "hidden", "", "the message store did not say"},
		{"a text without a message id", text, console.Readers{}, nil, "text", "", "compatible APIs withhold it"},
		{"self-harm review, hide setting", reviewID, console.Readers{Flagged: "hide"}, nil, "translation", "quiero matarme", "review of self_harm"},
		{"self-harm review, mask setting", reviewID, console.Readers{Flagged: "mask"}, nil, "translation", "quiero matarme", "did not flag"},
		{"self-harm review, message store away", reviewID, console.Readers{}, errors.New("down"), "translation", "quiero matarme", "did not flag"},
		{"self-harm review with a mask", maskedReviewID, console.Readers{Flagged: "hide"}, nil, "masked", "quiero matarme ******", "masks it"},
		{"self-harm review hidden by a moderator", reviewID, console.Readers{Flagged: "hide", Moderation: &api.MessageModeration{Hidden: true, HiddenCase: reviewID}}, nil,
			"hidden", "", "hidden by a moderator"},
	}
	u := f.user(t)
	u.signIn(modKey)
	served := regexp.MustCompile(`<p id="readers" data-served="([a-z]+)">(.*)</p>`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readers = func(context.Context, string, string) (console.Readers, error) { return tt.readers, tt.err }
			p := u.get("/console/moderation/cases/" + tt.id)
			m := served.FindStringSubmatch(p.body)
			if m == nil {
				t.Fatalf("no readers line: %s", p.body)
			}
			line := html.UnescapeString(m[2])
			if m[1] != tt.want || !strings.Contains(line, tt.noteNeeds) || (tt.text != "" && !strings.Contains(line, tt.text)) ||
				(tt.text == "" && strings.Contains(line, "message-text")) {
				t.Fatalf("readers line %s %q, want %s with %q and %q", m[1], line, tt.want, tt.text, tt.noteNeeds)
			}
			if strings.Contains(p.body, "Readers see meanwhile") {
				t.Fatal("the page still says readers see the masked translation")
			}
		})
	}
}

// TestCaseOffersOnlyActionsThatApply: each case page offers the actions
// that do something to that case, and the service refuses a hide of a
// text without a message id with a 400.
func TestCaseOffersOnlyActionsThatApply(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	translated := f.flag(t, caseView("m1", "en", "es", "you shit", "eres una mierda"))
	text := f.flag(t, caseView("", "en", "es", "you shit", "eres una mierda"))
	sameLanguage := f.flag(t, caseView("m2", "en", "en-GB", "you shit", "you shit"))
	held := f.flag(t, caseView("m3", "en", "es", "you shit", "eres una mierda"))
	if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: held, Actor: "rival"}); err != nil {
		t.Fatal(err)
	}
	escalated := f.flag(t, caseView("m4", "en", "es", "you shit", "eres una mierda"))
	if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: escalated, Actor: "rival"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.mod.Decide(ctx, api.CaseDecideRequest{ID: escalated, Actor: "rival", Action: api.ActionEscalate}); err != nil {
		t.Fatal(err)
	}
	all := []string{"claim", "renew", "release", "approve", "hide", "escalate", "correction-text", "reopen", "add-note", "held-by", "text-only-note"}
	tests := []struct {
		name string
		id   string
		want []string
	}{
		{"a translation", translated, []string{"claim", "approve", "hide", "escalate", "correction-text", "add-note"}},
		{"a text without a message id", text, []string{"claim", "approve", "escalate", "correction-text", "add-note", "text-only-note"}},
		{"no translation to correct", sameLanguage, []string{"claim", "approve", "hide", "escalate", "add-note"}},
		{"held by another moderator", held, []string{"add-note", "held-by"}},
		{"escalated", escalated, []string{"claim", "approve", "hide", "correction-text", "add-note"}},
	}
	u := f.user(t)
	u.signIn(modKey)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := u.get("/console/moderation/cases/" + tt.id)
			for _, id := range all {
				if want := strings.Contains(" "+strings.Join(tt.want, " ")+" ", " "+id+" "); hasID(p.body, id) != want {
					t.Errorf("#%s shown %v, want %v", id, !want, want)
				}
			}
		})
	}
	t.Run("hide of a text is refused", func(t *testing.T) {
		u.get("/console/moderation/cases/" + text)
		p := u.post("/console/moderation/cases/"+text+"/decide", url.Values{"decision": {"hide"}})
		if p.status != http.StatusBadRequest || !strings.Contains(p.body, "no message to hide") {
			t.Fatalf("status %d: %s", p.status, p.body)
		}
		c, err := f.mod.Get(ctx, api.CaseGetRequest{ID: text})
		if err != nil || c.Status != api.CaseOpen || c.Claim != nil {
			t.Fatalf("case after a refused hide: %+v %v", c, err)
		}
	})
	t.Run("approving a text closes it and says so", func(t *testing.T) {
		u.get("/console/moderation/cases/" + text)
		p := u.post("/console/moderation/cases/"+text+"/decide", url.Values{"decision": {"approve"}})
		if p.status != http.StatusSeeOther {
			t.Fatalf("status %d: %s", p.status, p.body)
		}
		if p := u.get(p.header.Get("Location")); !strings.Contains(p.body, "nothing changes for its readers") {
			t.Fatalf("flash: %s", p.body)
		}
	})
}

// TestQueueShowsEscalatedCases: the default queue (and j/k) holds the
// cases waiting for a moderator, open and escalated, escalated ones
// marked; a moderator renews the lease of a case they hold.
func TestQueueShowsEscalatedCases(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	open := f.flag(t, caseView("m1", "en", "es", "you shit", "eres una mierda"))
	escalated := f.flag(t, caseView("m2", "en", "es", "you shit", "eres una mierda"))
	decided := f.flag(t, caseView("m3", "en", "es", "you shit", "eres una mierda"))
	for _, step := range []struct {
		id, action string
	}{{escalated, api.ActionEscalate}, {decided, api.ActionApprove}} {
		if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: step.id, Actor: "rival"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.mod.Decide(ctx, api.CaseDecideRequest{ID: step.id, Actor: "rival", Action: step.action}); err != nil {
			t.Fatal(err)
		}
	}
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation")
	if !strings.Contains(p.body, `data-case="`+open+`"`) || !strings.Contains(p.body, `data-case="`+escalated+`" class="escalated"`) ||
		strings.Contains(p.body, decided) || !strings.Contains(p.body, `<span class="badge status-escalated">escalated</span>`) ||
		!strings.Contains(p.body, `<option value="open,escalated" selected>open and escalated</option>`) {
		t.Fatalf("default queue: %s", p.body)
	}
	p = u.get("/console/moderation/cases/" + open)
	if !strings.Contains(p.body, `href="/console/moderation/cases/`+escalated+`" data-key="j"`) {
		t.Fatalf("j does not lead to the escalated case: %s", p.body)
	}

	t.Run("renew", func(t *testing.T) {
		path := "/console/moderation/cases/" + open
		u.get(path)
		if p := u.post(path+"/renew", url.Values{}); p.status != http.StatusConflict {
			t.Fatalf("renew a case not held: %d", p.status)
		}
		if p := u.post(path+"/claim", url.Values{}); p.status != http.StatusSeeOther {
			t.Fatalf("claim: %d %s", p.status, p.body)
		}
		p := u.get(path)
		if !hasID(p.body, "renew") || hasID(p.body, "claim") {
			t.Fatalf("held case page: %s", p.body)
		}
		claimed, err := f.mod.Get(ctx, api.CaseGetRequest{ID: open})
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond) // the service's clock is the real one
		if p := u.post(path+"/renew", url.Values{}); p.status != http.StatusSeeOther || !strings.HasSuffix(p.header.Get("Location"), "done=renew") {
			t.Fatalf("renew: %d %s", p.status, p.body)
		}
		renewed, err := f.mod.Get(ctx, api.CaseGetRequest{ID: open})
		if err != nil || renewed.Claim == nil || renewed.Claim.Holder != "mo" || !renewed.Claim.ExpiresAt.After(claimed.Claim.ExpiresAt) ||
			!renewed.Claim.ClaimedAt.Equal(claimed.Claim.ClaimedAt) {
			t.Fatalf("renewed claim %+v, was %+v (%v)", renewed.Claim, claimed.Claim, err)
		}
	})
}

// TestCaseShowsAuthorAndContext: the case page of a stored message names
// its author and shows the messages before it (Config.Context), escaped;
// a case of a text has neither.
func TestCaseShowsAuthorAndContext(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var asked []string
	f := newFixtureWith(t, func(c *console.Config) {
		c.Context = func(_ context.Context, cs *api.Case) ([]api.CaseContextMessage, error) {
			asked = append(asked, cs.ID)
			return []api.CaseContextMessage{
				{ID: "m0", Author: "eve", Text: "<script>alert(1)</script> you started it", CreatedAt: at},
				{ID: "m0b", Author: "bob<b>", Text: "calm down", CreatedAt: at, Edited: true, Hidden: true},
			}, nil
		}
	})
	v := caseView("m1", "en", "es", "you shit", "eres una mierda")
	v.Author = "mallory"
	id := f.flag(t, v)
	text := f.flag(t, caseView("", "en", "es", "you shit", "eres una mierda"))
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation/cases/" + id)
	if p.status != http.StatusOK || !strings.Contains(p.body, `<dd id="case-author"><bdi>mallory</bdi></dd>`) {
		t.Fatalf("case page: %d %s", p.status, p.body)
	}
	for _, want := range []string{`id="context"`, `data-message="m0"`, "&lt;script&gt;alert(1)&lt;/script&gt; you started it",
		"<b><bdi>bob&lt;b&gt;</bdi></b>", "hidden by a moderator", "edited"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("no %q on the case page", want)
		}
	}
	if strings.Contains(p.body, "<script>alert(1)") {
		t.Fatal("a context message's markup is served as markup")
	}
	p = u.get("/console/moderation/cases/" + text)
	if hasID(p.body, "context") || hasID(p.body, "case-author") || slices.Contains(asked, text) {
		t.Fatalf("a text case shows context or an author (asked for %v)", asked)
	}
}

package console_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// flag publishes a flagged view to the moderation intake and waits for
// its case.
func (f *fixture) flag(t *testing.T, fv *api.FlaggedView) string {
	t.Helper()
	if err := f.mod.Flagged(t.Context(), fv); err != nil {
		t.Fatal(err)
	}
	id := fv.CaseID()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: id}); err == nil {
			return id
		}
		if time.Now().After(deadline) {
			t.Fatalf("case %s never appeared", id)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// spanOf is the span of word in text (byte offsets, as the safety service
// reports them).
func spanOf(text, word, category, severity string) api.Span {
	i := strings.Index(text, word)
	return api.Span{Start: i, End: i + len(word), Text: word, Category: category, Severity: severity, Detector: "ldnoobw:test"}
}

// flaggedCases makes two cases: English with markup and a profanity
// translated into Arabic, and Hebrew hate speech translated into Spanish.
func flaggedCases(t *testing.T, f *fixture) (xssCase, heCase string) {
	t.Helper()
	en := xss + " you shit"
	ar := "أنت " + xss + " حقير"
	xssCase = f.flag(t, &api.FlaggedView{MessageID: "m1", ConversationID: "c1", Text: en, View: api.View{
		Text: ar, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "ar", Backend: "ollama",
		Safety: &api.SafetyResponse{
			Source:      api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}, Spans: []api.Span{spanOf(en, "shit", api.CategoryProfanity, api.SeverityMedium)}},
			Translation: &api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}, Spans: []api.Span{spanOf(ar, "حقير", api.CategoryProfanity, api.SeverityMedium)}},
			Delta:       &api.SafetyDelta{},
			Policy:      &api.PolicyDecision{Action: api.PolicyFlag, Reasons: []string{"profanity: flag"}},
		},
		Quality: &api.QualityResponse{Score: 81, Decision: api.DecisionAccept, Signals: []api.Signal{{Name: "length_ratio", Value: 0.9, Weight: 1, Reason: xss}}},
	}})
	he := "שלום יא מנוול"
	heCase = f.flag(t, &api.FlaggedView{MessageID: "m2", ConversationID: "c1", Text: he, View: api.View{
		Text: "hola, canalla", Status: api.StatusTranslated, SourceLanguage: "he", TargetLanguage: "es", Backend: "ollama",
		Safety: &api.SafetyResponse{
			Source:      api.Verdict{Severity: api.SeverityHigh, Categories: []string{"hate"}, Spans: []api.Span{spanOf(he, "מנוול", "hate", api.SeverityHigh)}},
			Translation: &api.Verdict{Safe: true, Severity: api.SeverityNone},
			Delta:       &api.SafetyDelta{Laundered: true, LaunderedCategories: []string{"hate"}},
			Policy:      &api.PolicyDecision{Action: api.PolicyFlag, Reasons: []string{"laundered: hate"}},
		},
	}})
	return xssCase, heCase
}

func TestQueue(t *testing.T) {
	f := newFixture(t)
	xssCase, heCase := flaggedCases(t, f)
	u := f.user(t)
	u.signIn(modKey)
	if p := u.get("/console/"); p.status != http.StatusSeeOther || p.header.Get("Location") != "/console/moderation" {
		t.Fatalf("moderator home: %d %q", p.status, p.header.Get("Location"))
	}
	p := u.get("/console/moderation")
	if p.status != 200 || !strings.Contains(p.body, xssCase) || !strings.Contains(p.body, heCase) {
		t.Fatalf("queue: %d %s", p.status, p.body)
	}
	if strings.Contains(p.body, "<img") || !strings.Contains(p.body, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Fatal("the message is not shown as text in the queue")
	}
	if !strings.Contains(p.body, `<span dir="rtl" lang="ar">`) || !strings.Contains(p.body, `<span dir="rtl" lang="he">`) {
		t.Fatalf("right-to-left text without dir=rtl: %s", p.body)
	}
	for _, tc := range []struct {
		query     string
		want, not string
	}{
		{"locale=he", heCase, xssCase},
		{"locale=ar", xssCase, heCase},
		{"severity=high", heCase, xssCase},
		{"category=profanity", xssCase, heCase},
		{"status=decided", "No case matches", xssCase},
		{"min_age=24h", "No case matches", heCase},
		{"max_age=1h&status=any", xssCase, "No case matches"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			p := u.get("/console/moderation?" + tc.query)
			if p.status != 200 || !strings.Contains(p.body, tc.want) || strings.Contains(p.body, tc.not) {
				t.Fatalf("status %d: %s", p.status, p.body)
			}
		})
	}
	t.Run("bad filter", func(t *testing.T) {
		if p := u.get("/console/moderation?min_age=soon"); p.status != http.StatusBadRequest {
			t.Fatalf("status %d", p.status)
		}
	})
	t.Run("localization cannot moderate", func(t *testing.T) {
		l := f.user(t)
		l.signIn(l10nKey)
		if p := l.get("/console/moderation"); p.status != http.StatusForbidden {
			t.Fatalf("status %d", p.status)
		}
		l.get("/console/glossaries")
		if p := l.post("/console/moderation/cases/"+xssCase+"/decide", url.Values{"decision": {"approve"}}); p.status != http.StatusForbidden {
			t.Fatalf("status %d", p.status)
		}
	})
}

func TestCasePage(t *testing.T) {
	f := newFixture(t)
	xssCase, heCase := flaggedCases(t, f)
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation/cases/" + xssCase)
	if p.status != 200 {
		t.Fatalf("case: %d %s", p.status, p.body)
	}
	for _, want := range []string{
		// both sides, with their direction
		`<p class="message-text" dir="ltr" lang="en">&lt;img src=x onerror=alert(1)&gt; you <mark class="sev-medium"`,
		`<p class="message-text" dir="rtl" lang="ar">أنت &lt;img src=x onerror=alert(1)&gt; <mark class="sev-medium"`,
		`>shit</mark>`, `>حقير</mark>`,
		// reports and actions with their shortcuts
		"Score 81", "length_ratio", "profanity: flag",
		`data-key="c"`, `data-key="a"`, `data-key="h"`, `data-key="e"`, `data-key="t"`, `data-key="n"`,
		"Keyboard shortcuts",
	} {
		if !strings.Contains(p.body, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
	if strings.Contains(p.body, "<img") {
		t.Fatal("markup from the message reached the page")
	}
	if m := inlineCode(p.body); m != "" {
		t.Fatalf("inline code on the case page: %q", m)
	}

	// Claim, note, then decide.
	if p := u.post("/console/moderation/cases/"+xssCase+"/claim", url.Values{}); p.status != http.StatusSeeOther {
		t.Fatalf("claim: %d %s", p.status, p.body)
	}
	p = u.get("/console/moderation/cases/" + xssCase + "?done=claim")
	if !strings.Contains(p.body, "You hold this case") || !strings.Contains(p.body, `id="claim-holder"><bdi>mo</bdi> until`) {
		t.Fatalf("after claim: %s", p.body)
	}
	if p := u.post("/console/moderation/cases/"+xssCase+"/note", url.Values{"text": {"see " + xss}}); p.status != http.StatusSeeOther {
		t.Fatalf("note: %d %s", p.status, p.body)
	}
	// The note made a new revision: the browser follows the redirect.
	u.get("/console/moderation/cases/" + xssCase + "?done=note")
	t.Run("another moderator cannot decide a held case", func(t *testing.T) {
		rival := f.user(t)
		rival.signIn(rivalKey)
		rival.get("/console/moderation/cases/" + xssCase)
		p := rival.post("/console/moderation/cases/"+xssCase+"/decide", url.Values{"decision": {"hide"}})
		if p.status != http.StatusConflict {
			t.Fatalf("status %d: %s", p.status, p.body)
		}
	})
	if p := u.post("/console/moderation/cases/"+xssCase+"/decide", url.Values{"decision": {"hide"}, "reason": {"insult"}}); p.status != http.StatusSeeOther {
		t.Fatalf("hide: %d %s", p.status, p.body)
	}
	c, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: xssCase})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != api.CaseDecided || c.Decision == nil || c.Decision.Action != api.ActionHide || c.Decision.Actor != "mo" || c.Decision.Reason != "insult" {
		t.Fatalf("case after hide: %+v", c)
	}
	if len(c.Notes) != 1 || c.Notes[0].Text != "see "+xss {
		t.Fatalf("notes %+v", c.Notes)
	}
	p = u.get("/console/moderation/cases/" + xssCase)
	if !strings.Contains(p.body, "This case is decided") || !strings.Contains(p.body, "Audit trail") || strings.Contains(p.body, "<img") {
		t.Fatalf("decided case: %s", p.body)
	}

	t.Run("escalate an unclaimed case claims it first", func(t *testing.T) {
		u.get("/console/moderation/cases/" + heCase)
		if p := u.post("/console/moderation/cases/"+heCase+"/decide", url.Values{"decision": {"escalate"}}); p.status != http.StatusSeeOther {
			t.Fatalf("escalate: %d %s", p.status, p.body)
		}
		c, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: heCase})
		if err != nil || c.Status != api.CaseEscalated {
			t.Fatalf("case %+v %v", c, err)
		}
	})
	t.Run("unknown decision", func(t *testing.T) {
		u.get("/console/moderation/cases/" + heCase)
		if p := u.post("/console/moderation/cases/"+heCase+"/decide", url.Values{"decision": {"delete"}}); p.status != http.StatusBadRequest {
			t.Fatalf("status %d", p.status)
		}
	})
	t.Run("a refused decision leaves no claim behind", func(t *testing.T) {
		before, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: heCase})
		if err != nil {
			t.Fatal(err)
		}
		u.get("/console/moderation/cases/" + heCase)
		if p := u.post("/console/moderation/cases/"+heCase+"/decide", url.Values{"decision": {"correct"}, "correction": {"  "}}); p.status != http.StatusBadRequest {
			t.Fatalf("empty correction: status %d", p.status)
		}
		c, err := f.mod.Get(t.Context(), api.CaseGetRequest{ID: heCase})
		if err != nil || c.Status != before.Status || c.Claim != nil {
			t.Fatalf("case after a refused decision: %+v (was %s) %v", c, before.Status, err)
		}
	})
	t.Run("decision without CSRF token", func(t *testing.T) {
		if p := u.post("/console/moderation/cases/"+heCase+"/decide", url.Values{"decision": {"approve"}, "csrf": {""}}); p.status != http.StatusForbidden {
			t.Fatalf("status %d", p.status)
		}
	})
}

// TestQueueTellsEditsApart: a flagged edit of a message is a case of its
// own; the queue and the case page say which revision each one is about.
func TestQueueTellsEditsApart(t *testing.T) {
	f := newFixture(t)
	fv := func(text string, revision int) *api.FlaggedView {
		return &api.FlaggedView{MessageID: "m9", ConversationID: "c1", MessageRevision: revision, Text: text, View: api.View{
			Text: text, Status: api.StatusOriginal, SourceLanguage: "en", TargetLanguage: "es",
			Safety: &api.SafetyResponse{
				Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
				Policy: &api.PolicyDecision{Action: api.PolicyFlag},
			},
		}}
	}
	first := f.flag(t, fv("you shit", 0))
	edit := f.flag(t, fv("you utter shit", 3))
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation")
	if p.status != 200 || !strings.Contains(p.body, first) || !strings.Contains(p.body, edit) {
		t.Fatalf("queue: %d %s", p.status, p.body)
	}
	if n := strings.Count(p.body, `class="revision"`); n != 1 || !strings.Contains(p.body, "edit 3</small>") {
		t.Fatalf("the queue marks %d rows as edits: %s", n, p.body)
	}
	if p := u.get("/console/moderation/cases/" + url.PathEscape(edit)); p.status != 200 || !strings.Contains(p.body, "m9 (revision 3, an edit)") {
		t.Fatalf("case page of the edit: %d %s", p.status, p.body)
	}
	if p := u.get("/console/moderation/cases/" + url.PathEscape(first)); p.status != 200 || strings.Contains(p.body, "an edit)") {
		t.Fatalf("case page of the first revision: %d %s", p.status, p.body)
	}
}

// TestCaseAuditSeparatesReasonAndCorrection: the audit row of a correction
// keeps the moderator's reason apart from the correction, which the log
// identifies by its length only (the text is the case's, which a delete
// of the message redacts), with or without a reason.
func TestCaseAuditSeparatesReasonAndCorrection(t *testing.T) {
	f := newFixture(t)
	// A correction is stored as a translate override first; this stands
	// in for the translate service.
	nc := natstest.Conn(t, f.nats)
	sub, err := nc.Subscribe(api.SubjectTranslateOverride, func(m *nats.Msg) {
		_ = m.Respond([]byte(`{"key":"override"}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sub.Unsubscribe() })
	xssCase, heCase := flaggedCases(t, f)
	tests := []struct {
		name, id, reason, correction string
		want                         string
	}{
		{"reason and correction", heCase, "tone", "Hola, tú",
			`<td dir="auto">tone — correction of 8 characters</td>`},
		{"correction alone", xssCase, "", "أنت " + xss,
			fmt.Sprintf(`<td dir="auto">correction of %d characters</td>`, utf8.RuneCountInString("أنت "+xss))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: tt.id, Actor: "mo"}); err != nil {
				t.Fatal(err)
			}
			if _, err := f.mod.Decide(ctx, api.CaseDecideRequest{ID: tt.id, Actor: "mo", Action: api.ActionCorrect, Reason: tt.reason, Correction: tt.correction}); err != nil {
				t.Fatal(err)
			}
			u := f.user(t)
			u.signIn(modKey)
			p := u.get("/console/moderation/cases/" + tt.id)
			if p.status != http.StatusOK {
				t.Fatalf("case page: %d %s", p.status, p.body)
			}
			audit := p.body[strings.Index(p.body, "Audit trail"):]
			if !strings.Contains(audit, tt.want) || strings.Contains(html.UnescapeString(audit), tt.correction) {
				t.Errorf("audit trail lacks %s, or holds the correction:\n%s", tt.want, audit)
			}
		})
	}
}

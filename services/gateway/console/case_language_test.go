package console_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestUntranslatedCase: when readers were served the original (status
// "original"), the case page tags that text with the source language, not
// the target's, says plainly that it is not translated, and leaves the
// correction box empty for a real translation.
func TestUntranslatedCase(t *testing.T) {
	f := newFixture(t)
	ar := "أنت حقير"
	id := f.flag(t, &api.FlaggedView{MessageID: "m9", ConversationID: "c1", Text: ar, View: api.View{
		Text: ar, Status: api.StatusOriginal, SourceLanguage: "ar", TargetLanguage: "en", Backend: "none",
		Safety: &api.SafetyResponse{
			Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}, Spans: []api.Span{spanOf(ar, "حقير", api.CategoryProfanity, api.SeverityMedium)}},
			Policy: &api.PolicyDecision{Action: api.PolicyFlag, Reasons: []string{"profanity: flag"}},
		},
	}})
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation/cases/" + id)
	if p.status != 200 {
		t.Fatalf("case: %d %s", p.status, p.body)
	}
	if n := strings.Count(p.body, `<p class="message-text" dir="rtl" lang="ar">`); n != 2 {
		t.Errorf("%d panes tag the text as Arabic, want both", n)
	}
	// The correction box stays English (a correction is a translation);
	// no element tagged English holds the Arabic.
	if m := regexp.MustCompile(`lang="en"[^>]*>[^<]*` + ar).FindString(p.body); m != "" {
		t.Errorf("the untranslated Arabic is tagged as English: %s", m)
	}
	if !strings.Contains(p.body, "not translated (shown in the original)") {
		t.Error("the page does not say the message is not translated")
	}
	if strings.Contains(p.body, "original by none") {
		t.Error(`the page still reads "original by none"`)
	}
	box := regexp.MustCompile(`(?s)<textarea id="correction-text"[^>]*>(.*?)</textarea>`).FindStringSubmatch(p.body)
	if box == nil {
		t.Fatal("no correction box")
	}
	if strings.TrimSpace(box[1]) != "" {
		t.Errorf("correction box starts with %q, want it empty (there is no translation to correct)", box[1])
	}

	// The queue's translation column tags it with the language it is in
	// too, and says it is not translated.
	q := u.get("/console/moderation")
	row := regexp.MustCompile(`(?s)<tr data-row-link="[^"]*` + id + `".*?</tr>`).FindString(q.body)
	if row == "" {
		t.Fatalf("queue has no row of %s: %s", id, q.body)
	}
	if m := regexp.MustCompile(`lang="en"[^>]*>[^<]*` + ar).FindString(row); m != "" {
		t.Errorf("the queue tags the untranslated Arabic as English: %s", m)
	}
	if strings.Count(row, `dir="rtl" lang="ar">`+ar) != 2 || !strings.Contains(row, "not translated") {
		t.Errorf("queue row does not tag both texts as Arabic and say it is not translated: %s", row)
	}
}

// TestSpanQuotesOutsideText: in the list of flagged spans the quotes sit
// outside the element that carries the span's direction, so an Arabic span
// reads “حقير”, not ”حقير“.
func TestSpanQuotesOutsideText(t *testing.T) {
	f := newFixture(t)
	xssCase, _ := flaggedCases(t, f)
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation/cases/" + xssCase)
	lists := regexp.MustCompile(`(?s)<ul class="spans">(.*?)</ul>`).FindAllStringSubmatch(p.body, -1)
	if len(lists) != 2 {
		t.Fatalf("%d span lists, want 2: %s", len(lists), p.body)
	}
	directed := regexp.MustCompile(`<(?:span|bdi)[^>]* dir="(ltr|rtl)"[^>]*>([^<]*)<`)
	found := map[string]string{}
	for _, l := range lists {
		for _, m := range directed.FindAllStringSubmatch(l[1], -1) {
			if strings.ContainsAny(m[2], "“”") {
				t.Errorf("quotes inside the %s element: %q", m[1], m[2])
			}
			found[m[2]] = m[1]
			if !strings.Contains(l[1], "“"+m[0][:len(m[0])-1]) {
				t.Errorf("the %q span is not quoted from outside: %s", m[2], l[1])
			}
		}
	}
	if found["حقير"] != "rtl" || found["shit"] != "ltr" {
		t.Errorf("span directions %v, want حقير rtl and shit ltr", found)
	}
}

package console_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// longFlagged is a flagged view of a 10,000-character message (most
// characters four bytes long) and its translation into target.
func longFlagged(msg, target string) *api.FlaggedView {
	text := "you are shit " + strings.Repeat("😀", api.MaxTextRunes-13)
	return &api.FlaggedView{MessageID: msg, ConversationID: "c-long", Text: text, View: api.View{
		Text: text, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: target, Backend: "ollama",
		Safety: &api.SafetyResponse{
			Source:      api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}, Spans: []api.Span{spanOf(text, "shit", api.CategoryProfanity, api.SeverityMedium)}},
			Translation: &api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
			Policy:      &api.PolicyDecision{Action: api.PolicyFlag, Reasons: []string{"profanity: flag"}},
		},
	}}
}

// TestQueueOfLongMessages: cases of the longest messages, more of them
// than one NATS message could carry whole, make a queue page with every
// case, and each case page finds its previous and next case.
func TestQueueOfLongMessages(t *testing.T) {
	f := newFixture(t)
	var ids []string
	for i := range 6 {
		for _, target := range []string{"es", "fr", "de"} {
			ids = append(ids, f.flag(t, longFlagged(fmt.Sprintf("m%d", i), target)))
		}
	}
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation")
	if p.status != http.StatusOK {
		t.Fatalf("queue: %d %s", p.status, p.body)
	}
	for _, id := range ids {
		if !strings.Contains(p.body, `data-case="`+id+`"`) {
			t.Fatalf("queue lacks case %s", id)
		}
	}
	tests := []struct {
		name       string
		id         string
		prev, next string
	}{
		{"the head", ids[0], "", ids[1]},
		{"the middle", ids[9], ids[8], ids[10]},
		{"the end", ids[len(ids)-1], ids[len(ids)-2], ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := u.get("/console/moderation/cases/" + tt.id)
			if p.status != http.StatusOK {
				t.Fatalf("case page: %d %s", p.status, p.body)
			}
			for _, l := range []struct{ key, id string }{{"k", tt.prev}, {"j", tt.next}} {
				link := `href="/console/moderation/cases/` + l.id + `" data-key="` + l.key + `"`
				if has := strings.Contains(p.body, `data-key="`+l.key+`">`); has != (l.id != "") || (l.id != "" && !strings.Contains(p.body, link)) {
					t.Errorf("shortcut %s: want a link to %q", l.key, l.id)
				}
			}
		})
	}
}

// TestCaseAuditShowsTheNewest: a case with more audit entries than the
// page shows lists the newest, its decision among them, and says how many
// older entries it leaves out.
func TestCaseAuditShowsTheNewest(t *testing.T) {
	f := newFixture(t)
	xssCase, _ := flaggedCases(t, f)
	ctx := t.Context()
	const notes = 120
	for i := range notes {
		if _, err := f.mod.Note(ctx, api.CaseNoteRequest{ID: xssCase, Actor: "mo", Text: fmt.Sprintf("note %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.mod.Claim(ctx, api.CaseClaimRequest{ID: xssCase, Actor: "mo"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.mod.Decide(ctx, api.CaseDecideRequest{ID: xssCase, Actor: "mo", Action: api.ActionHide, Reason: "insult"}); err != nil {
		t.Fatal(err)
	}
	u := f.user(t)
	u.signIn(modKey)
	p := u.get("/console/moderation/cases/" + xssCase)
	if p.status != http.StatusOK {
		t.Fatalf("case page: %d %s", p.status, p.body)
	}
	audit := p.body[strings.Index(p.body, "Audit trail"):]
	entries := 1 + notes + 2 // create, the notes, claim, decide
	shown := 100
	for _, want := range []string{
		"<td>decide hide</td>",
		// The log identifies a note by its length; its text is in the
		// case's notes (which a delete of the message redacts).
		fmt.Sprintf("note of %d characters<", len(fmt.Sprintf("note %d", notes-1))),
		fmt.Sprintf("Showing the newest %d entries; %d older entries are not shown", shown, entries-shown),
	} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit trail lacks %q", want)
		}
	}
	if strings.Contains(audit, "<td>create</td>") {
		t.Error("audit trail shows the oldest entry, want the newest")
	}
	if rows := strings.Count(audit, "<tr><td>"); rows != shown {
		t.Errorf("audit trail has %d rows, want %d", rows, shown)
	}
}

package pipeline_test

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// TestRepairInInflectingLanguage: verify's repair writes the glossary
// term in its base form, which in an inflecting language may not fit the
// sentence (de "einen Konto", ru "Создайте учётная запись"). For an LLM's
// translation into such a language the strict retry comes first: the
// model writes the term in the form the sentence needs, and that is
// served. When the model ignores the requirement again, the repair is
// served, flagged for review. An engine's translation, a language whose
// words keep their form, and a repair of the case alone are repaired and
// served as before.
func TestRepairInInflectingLanguage(t *testing.T) {
	konto := entry{source: "account", target: "Konto", forbidden: []string{"Account"}}
	zapis := entry{source: "account", target: "учётная запись", forms: []string{"учётную запись"}, forbidden: []string{"аккаунт"}}
	ebay := entry{source: "ebay", target: "eBay", forbidden: []string{"Ebay"}}
	gift := entry{source: "Gutschein", target: "gift card", forbidden: []string{"voucher"}}
	tests := []struct {
		name      string
		text      string
		source    string
		target    string
		entry     entry
		translate func(api.TranslateRequest) *api.TranslateResponse
		wantText  string
		wantCalls int
		status    string // the term's status in the report
		retried   bool
		flagged   bool
		decision  string
	}{
		{name: "de: the strict retry writes the right form", text: "Create an account.", target: "de", entry: konto,
			translate: model("Erstellen Sie einen Account.", "Erstellen Sie ein Konto."),
			wantText:  "Erstellen Sie ein Konto.", wantCalls: 2, status: api.TermApplied, retried: true, decision: api.DecisionAccept},
		{name: "de: the model ignores it again: the repair is flagged", text: "Create an account.", target: "de", entry: konto,
			translate: model("Erstellen Sie einen Account.", "Erstellen Sie einen Account."),
			wantText:  "Erstellen Sie einen Konto.", wantCalls: 2, status: api.TermRepaired, retried: true, flagged: true, decision: api.DecisionFlagForReview},
		{name: "ru: the strict retry writes the accusative", text: "Create an account.", target: "ru", entry: zapis,
			translate: model("Создайте аккаунт.", "Создайте учётную запись."),
			wantText:  "Создайте учётную запись.", wantCalls: 2, status: api.TermApplied, retried: true, decision: api.DecisionAccept},
		{name: "ru: the model ignores it again: the repair is flagged", text: "Create an account.", target: "ru", entry: zapis,
			translate: model("Создайте аккаунт.", "Создайте аккаунт."),
			wantText:  "Создайте учётная запись.", wantCalls: 2, status: api.TermRepaired, retried: true, flagged: true, decision: api.DecisionFlagForReview},
		{name: "an engine is repaired as before", text: "Create an account.", target: "de", entry: konto,
			translate: rbmt("Erstellen Sie einen Account."),
			wantText:  "Erstellen Sie einen Konto.", wantCalls: 1, status: api.TermRepaired, decision: api.DecisionAccept},
		{name: "a repair of the case alone is served", text: "Sell it on ebay.", target: "de", entry: ebay,
			translate: model("Verkaufe es auf Ebay.", "Verkaufe es auf eBay."),
			wantText:  "Verkaufe es auf eBay.", wantCalls: 1, status: api.TermRepaired, decision: api.DecisionAccept},
		{name: "en keeps its words' form: repaired as before", text: "Löse den Gutschein ein.", source: "de", target: "en", entry: gift,
			translate: model("Redeem the voucher.", "Redeem the gift card."),
			wantText:  "Redeem the gift card.", wantCalls: 1, status: api.TermRepaired, decision: api.DecisionAccept},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &termServices{entries: []entry{tt.entry}, translate: tt.translate}
			p := &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f}
			source := tt.source
			if source == "" {
				source = "en"
			}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: source, Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != api.StatusTranslated || v.Text != tt.wantText {
				t.Fatalf("served %q (%s: %s), want %q", v.Text, v.Status, v.Reason, tt.wantText)
			}
			if len(f.requests) != tt.wantCalls {
				t.Fatalf("%d translate calls, want %d", len(f.requests), tt.wantCalls)
			}
			if tt.wantCalls == 2 && (f.requests[0].StrictTerms || !f.requests[1].StrictTerms) {
				t.Errorf("want a hinted call, then a strict one: %+v", f.requests)
			}
			rep := v.Glossary
			if rep == nil || len(rep.Terms) != 1 || rep.Terms[0].Status != tt.status || rep.Retried != tt.retried || rep.Flagged != tt.flagged {
				t.Fatalf("glossary report %+v, want %s retried=%v flagged=%v", rep, tt.status, tt.retried, tt.flagged)
			}
			if v.Quality == nil || v.Quality.Decision != tt.decision {
				t.Fatalf("quality %+v, want %s", v.Quality, tt.decision)
			}
			// The view's score is of the text served, with verify's
			// report on it.
			last := f.qualities[len(f.qualities)-1]
			if last.Translation != v.Text || last.Glossary == nil || v.Quality.Score != f.scored[len(f.scored)-1].Score {
				t.Errorf("the view's quality is not the score of the served text with its report: %+v", last)
			}
			if len(v.Degraded) > 0 {
				t.Errorf("degraded %v", v.Degraded)
			}
		})
	}
}

package pipeline_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// TestGlossaryVerdictIsVerifys: when glossary verify finds every term
// applied, the view's quality says so too, although quality, scoring
// beside verify without its report, missed a term in a form its own
// matcher does not know (de "Support-Kanal" for channel → Kanal, ru
// "ветке" for a stem entry ветка): the text is scored again with the
// report, and a rung quality was about to discard for that term alone is
// served. When quality's matcher agrees, nothing is scored twice.
func TestGlossaryVerdictIsVerifys(t *testing.T) {
	kanal := entry{source: "channel", target: "Kanal"}
	vetka := entry{source: "thread", target: "ветка", forms: []string{"ветке"}}
	tests := []struct {
		name        string
		text        string
		target      string
		entry       entry
		translation string
		retryOnMiss bool
		wantScores  int
	}{
		{name: "de compound", text: "Open the support channel.", target: "de", entry: kanal,
			translation: "Öffnen Sie den Support-Kanal.", wantScores: 2},
		{name: "ru stem", text: "Reply in the thread.", target: "ru", entry: vetka,
			translation: "Ответьте в ветке.", wantScores: 2},
		{name: "quality would discard the rung for it", text: "Open the support channel.", target: "de", entry: kanal,
			translation: "Öffnen Sie den Support-Kanal.", retryOnMiss: true, wantScores: 2},
		{name: "quality agrees: scored once", text: "Open the channel.", target: "de", entry: kanal,
			translation: "Öffnen Sie den Kanal.", wantScores: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &termServices{entries: []entry{tt.entry}, translate: model(tt.translation, tt.translation), retryOnMiss: tt.retryOnMiss}
			p := &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: "en", Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != api.StatusTranslated || v.Text != tt.translation || len(f.requests) != 1 {
				t.Fatalf("served %q (%s: %s) after %d translate calls, want %q after one", v.Text, v.Status, v.Reason, len(f.requests), tt.translation)
			}
			if v.Glossary == nil || v.Glossary.Compliance != 1 || v.Glossary.Terms[0].Status != api.TermApplied || v.Glossary.Flagged {
				t.Fatalf("glossary report %+v", v.Glossary)
			}
			if len(f.qualities) != tt.wantScores {
				t.Fatalf("%d quality calls, want %d", len(f.qualities), tt.wantScores)
			}
			sg := glossarySignal(v)
			if sg == nil || sg.Value != 1 || strings.Contains(sg.Reason, "missing") {
				t.Fatalf("glossary signal %+v contradicts the report", sg)
			}
			if v.Quality.Decision != api.DecisionAccept || v.Quality.Score != 100 {
				t.Errorf("quality %.0f %s, want 100 accept", v.Quality.Score, v.Quality.Decision)
			}
			if last := f.qualities[len(f.qualities)-1]; tt.wantScores > 1 && (last.Glossary == nil || last.Translation != v.Text) {
				t.Errorf("the second score is not of the served text with verify's report: %+v", last)
			}
			if len(v.Degraded) > 0 {
				t.Errorf("degraded %v", v.Degraded)
			}
		})
	}
}

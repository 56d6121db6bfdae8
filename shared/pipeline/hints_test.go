package pipeline_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// TestManyGlossaryTerms: a message with more distinct glossary terms (300)
// and do-not-translate terms (280) than translate takes hints for (256
// each) is translated: the pipeline sends the longest of them, within the
// limits, never marks translate degraded, and verify checks every term,
// those left out of the hints included.
func TestManyGlossaryTerms(t *testing.T) {
	var entries []entry
	var words []string
	for i := range 300 {
		// Sources of 4 to 8 letters, so that "the longest" means something.
		src := fmt.Sprintf("t%03d%s", i, strings.Repeat("q", i%5))
		entries = append(entries, entry{source: src, target: strings.ToUpper(src)})
		words = append(words, src)
	}
	for i := range 280 {
		src := fmt.Sprintf("Brand%03d%s", i, strings.Repeat("z", i%3))
		entries = append(entries, entry{source: src, dnt: true})
		words = append(words, src)
	}
	text := strings.Join(words, " ") + "."

	// translateTerms renders each term it is given a hint for, and only
	// those when all is false; protected terms stay as they are.
	translateTerms := func(all bool) func(api.TranslateRequest) *api.TranslateResponse {
		return func(req api.TranslateRequest) *api.TranslateResponse {
			out := req.Text
			for _, e := range entries {
				if !e.dnt && (all || slices.Contains(req.Terms, api.TermHint{Source: e.source, Target: e.target})) {
					out = strings.Replace(out, e.source, e.target, 1)
				}
			}
			tr := &api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "openai", Model: "m", PromptID: "chat-translate"}
			if all {
				tr.Backend, tr.Model, tr.PromptID = "dictionary", "", ""
			}
			return tr
		}
	}
	tests := []struct {
		name     string
		all      bool
		violated int
	}{
		{name: "every term rendered", all: true},
		{name: "only the hinted terms rendered: the others are verified missing", all: false, violated: 300 - api.MaxTranslateTerms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &termServices{entries: entries, translate: translateTerms(tt.all)}
			p := &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: text, Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != api.StatusTranslated || len(v.Degraded) > 0 {
				t.Fatalf("view %s (%s), degraded %v", v.Status, v.Reason, v.Degraded)
			}
			first := f.requests[0]
			if len(first.Terms) != api.MaxTranslateTerms || len(first.Protect) != api.MaxTranslateProtect {
				t.Fatalf("sent %d hints and %d protected terms, want %d and %d", len(first.Terms), len(first.Protect), api.MaxTranslateTerms, api.MaxTranslateProtect)
			}
			// The longest are kept: none left out is longer than one sent.
			shortestSent := 100
			for _, h := range first.Terms {
				shortestSent = min(shortestSent, utf8.RuneCountInString(h.Source))
			}
			for _, e := range entries {
				if !e.dnt && !slices.Contains(first.Terms, api.TermHint{Source: e.source, Target: e.target}) && len(e.source) > shortestSent {
					t.Fatalf("%q was left out of the hints, though %d-letter terms were sent", e.source, shortestSent)
				}
			}
			for _, q := range f.qualities {
				if len(q.Terms) > 256 || len(q.Protect) > 256 {
					t.Fatalf("quality was sent %d terms and %d protected terms", len(q.Terms), len(q.Protect))
				}
			}
			// Every match was verified.
			if len(f.verified[0].Matches) != len(entries) || v.Glossary == nil || len(v.Glossary.Terms) != len(entries) {
				t.Fatalf("verified %d matches, report of %v terms, want %d", len(f.verified[0].Matches), v.Glossary, len(entries))
			}
			missing := 0
			for _, term := range v.Glossary.Terms {
				if term.Status == api.TermMissing {
					missing++
				}
			}
			if missing != tt.violated || v.Glossary.Flagged != (tt.violated > 0) {
				t.Fatalf("%d terms missing (flagged %v), want %d", missing, v.Glossary.Flagged, tt.violated)
			}
			if v.Quality == nil {
				t.Fatal("no quality")
			}
		})
	}
}

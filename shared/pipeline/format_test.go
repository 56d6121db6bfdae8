package pipeline_test

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// TestFormatReachesTranslate: the text format is what makes the translate
// chain check an answer's markup (HTML mode of the compatible APIs); it
// reaches every translate call of a view, the glossary retry included,
// and every glossary prepare and verify, and chat text stays without one.
func TestFormatReachesTranslate(t *testing.T) {
	tests := []struct{ name, format, want string }{
		{"html", "html", api.FormatHTML},
		{"html in capitals", " HTML ", api.FormatHTML},
		{"text", "text", ""},
		{"none", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeServices{translate: llm(true)}
			p := &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f}
			// "thread" makes the first answer miss the glossary term and
			// the pipeline ask again with the terms as requirements.
			if _, err := p.Run(t.Context(), pipeline.Request{Text: "<p>Open a new thread.</p>", Source: "en", Target: "es", Format: tt.format}); err != nil {
				t.Fatal(err)
			}
			if len(f.requests) != 2 || !f.requests[1].StrictTerms {
				t.Fatalf("translate requests %+v, want the first and the glossary retry", f.requests)
			}
			for _, r := range f.requests {
				if r.Format != tt.want {
					t.Errorf("translate request format %q, want %q", r.Format, tt.want)
				}
			}
			// Glossary prepare, verify and the retry's verify read the
			// text in its format: in HTML "AT&amp;T" is the term "AT&T".
			if len(f.glossaryFormats) != 3 {
				t.Errorf("glossary requests' formats %q, want prepare, verify and the retry's verify", f.glossaryFormats)
			}
			for _, got := range f.glossaryFormats {
				if got != tt.want {
					t.Errorf("glossary request format %q, want %q", got, tt.want)
				}
			}
		})
	}
	p := &pipeline.Pipeline{}
	_, err := p.Validate(pipeline.Request{Text: "hello", Target: "es", Format: "pdf"})
	if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != "format" {
		t.Errorf("format pdf: %v, want invalid_argument on format", err)
	}
}

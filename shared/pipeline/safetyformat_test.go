package pipeline

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// In HTML mode the safety check is told so, so that it reads the visible
// text ("<b>fu</b>ck" is a word) rather than the markup.
func TestSafetyRequestCarriesFormat(t *testing.T) {
	for _, format := range []string{"", api.FormatHTML} {
		v := &api.View{SourceLanguage: "en", TargetLanguage: "es"}
		got := (&Pipeline{}).safetyRequest(v, Request{Text: "<b>fu</b>ck", Format: format}, "<b>jo</b>der")
		if got.Format != format {
			t.Errorf("format %q: safety request has %q", format, got.Format)
		}
	}
}

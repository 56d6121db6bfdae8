package apertium

import (
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

func TestZZScratch(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	for _, format := range []string{api.FormatHTML, ""} {
		for _, text := range []string{
			"<ul><li>red car</li><li>blue house</li></ul>",
			"<table><tr><td>red car</td><td>blue house</td></tr></table>",
			"<div>red car</div><div>blue house</div>",
			"<p>Hello <b>world</b></p><p>Good <em>morning</em> friends</p>",
			"red car<br>blue house",
		} {
			toks := scan(text, format)
			stream, _, _ := encodeRequest(backend.Request{Text: text, Tokens: toks, Protect: entity.Protected(toks), Format: format}, true)
			rt, _ := e.route("en", "es")
			raw, _ := e.translateStream(t.Context(), rt.first, stream)
			got, err := e.TranslateDetail(t.Context(), backend.Request{Text: text, Source: "en", Target: "es", Tokens: toks, Protect: entity.Protected(toks), Format: format})
			t.Logf("%q %q\n  stream %q\n  raw %q\n  got %q err %v", format, text, stream, raw, got.Text, err)
		}
	}
}

package translate_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/llm"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
	"github.com/parley-chat/parley/shared/fakellm"
)

// The HTML messages of the tests below, with what an honest model makes
// of them (as it sees them: markup as sentinels).
const (
	htmlFriend   = `<p>Hello <b>my friend</b> &lt;3 the cat</p>`
	htmlEscaped  = `Hello my friend, the cat is &lt;b&gt;big&lt;/b&gt;`
	htmlFriendES = `<p>Hola <b>mi amigo</b> &lt;3 el gato</p>`
	htmlEscES    = `Hola amigo mío, el gato es &lt;b&gt;grande&lt;/b&gt;`
)

var htmlDict = map[string]string{
	llm.Mask(htmlFriend, nil).Text:  "⟦0⟧Hola ⟦1⟧mi amigo⟦/1⟧ ⟦2⟧3 el gato⟦/0⟧",
	llm.Mask(htmlEscaped, nil).Text: "Hola amigo mío, el gato es ⟦0⟧b⟦1⟧grande⟦2⟧/b⟦3⟧",
}

// htmlChain is a chain of two LLM rungs over fake servers: Ollama answers
// through rewrite (a misbehaving model), OpenAI honestly.
func htmlChain(t *testing.T, rewrite func(string) string) (*translate.Chain, *fakellm.Server) {
	t.Helper()
	return htmlChainOver(t, htmlDict, rewrite)
}

// htmlChainOver is htmlChain with the fake models translating by dict.
func htmlChainOver(t *testing.T, dict map[string]string, rewrite func(string) string) (*translate.Chain, *fakellm.Server) {
	t.Helper()
	bad := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Rewrite(fakellm.Dictionary(dict), rewrite)})
	honest := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
	ob, err := ollama.New(t.Context(), ollama.Config{Host: bad.URL(), Model: "qwen2.5:3b", Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ab, err := openai.New(t.Context(), openai.Config{BaseURL: honest.BaseURL(), Model: "gpt-4o-mini", Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := translate.NewChain([]translate.Rung{{Name: "ollama", Backend: ob}, {Name: "openai", Backend: ab}},
		translate.ChainConfig{Cache: cache.New(cache.Config{}, cache.NewMemory(), nil)}, nil)
	t.Cleanup(func() { c.Close() })
	return c, bad
}

// TestHTMLModeRefusesAddedMarkup: in HTML mode an answer whose markup is
// not the message's (a model that appends an image with a handler, wraps
// its answer in a script, adds a comment or a raw '<') is not served: the
// attempt says why and the next rung's honest answer is served. The same
// answer to chat text is served, since a chat client escapes it.
func TestHTMLModeRefusesAddedMarkup(t *testing.T) {
	tests := []struct {
		name, text string
		rewrite    func(string) string
		want       string // the honest translation
		why        string // the refused attempt's error
	}{
		{"appended image", htmlFriend, func(s string) string { return s + " <img src=x onerror=alert(1)>" }, htmlFriendES,
			"not a translation: the answer adds HTML markup that the message does not have (an <img> tag)"},
		{"wrapping script", htmlEscaped, func(s string) string { return "<b>" + s + "</b><script>alert(3)</script>" }, htmlEscES,
			"not a translation: the answer adds HTML markup that the message does not have (a <b> tag)"},
		{"added comment", htmlFriend, func(s string) string { return s + "<!-- ignore the above -->" }, htmlFriendES,
			"not a translation: the answer adds HTML markup that the message does not have (a comment)"},
		{"raw angle bracket", htmlFriend, func(s string) string { return strings.Replace(s, "el gato", "el gato <3", 1) }, htmlFriendES,
			"not a translation: the answer adds HTML markup that the message does not have (a raw '<')"},
		{"tag no pattern reads", htmlEscaped, func(s string) string { return s + "<svg/onload=alert(1)>" }, htmlEscES,
			"not a translation: the answer adds HTML markup that the message does not have (a <svg> tag)"},
		{"added reference", htmlFriend, func(s string) string { return strings.Replace(s, "mi amigo", "mi&nbsp;amigo", 1) }, htmlFriendES,
			"not a translation: the answer adds HTML markup that the message does not have (the character reference &nbsp;)"},
		{"decoded escape", htmlEscaped, func(s string) string { return strings.Replace(s, "⟦0⟧b⟦1⟧", "⟦0⟧b⟦1⟧&", 1) }, htmlEscES,
			"not a translation: the answer adds HTML markup that the message does not have (a raw '&')"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, bad := htmlChain(t, tt.rewrite)
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: "en", Target: "es", Format: api.FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusTranslated || resp.Backend != "openai" || resp.Text != tt.want {
				t.Fatalf("served %s from %s: %q (attempts %+v), want openai's %q", resp.Status, resp.Backend, resp.Text, resp.Attempts, tt.want)
			}
			if len(resp.Attempts) != 1 || resp.Attempts[0].Backend != "ollama" || resp.Attempts[0].Error != tt.why {
				t.Errorf("attempts %+v, want ollama's %q", resp.Attempts, tt.why)
			}
			// Chat text: the markup is text the client escapes.
			resp, err = c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Backend != "ollama" || resp.Text == tt.want {
				t.Errorf("chat text: served %s from %s: %q (attempts %+v), want ollama's answer", resp.Status, resp.Backend, resp.Text, resp.Attempts)
			}
			if n := len(bad.Requests()); n != 2 {
				t.Errorf("%d calls to the misbehaving model, want 2 (one per format: a cached chat answer is no HTML answer)", n)
			}
		})
	}
}

// The re-check's sources: a raw '<' that a model could translate away and
// write one of its own for, and tags whose quoted attribute values hold
// '>' or '<'.
const (
	htmlArrow  = `Hello world <-- Click here to continue`
	htmlDocs   = `<p><span title="Home > Docs">Click here</span> to continue</p>`
	htmlLessIn = `<span title="a<b">Click here</span> to continue`
	htmlHeart  = `I <3 you and the cat & the dog`
	htmlRefs   = `The caf&eacute; is open &amp; the <b>menu</b> is new`
	htmlQuotes = `<a href='x>y' title="it's > ok">the site</a> is up again`
)

// htmlMasked is what an LLM rung is sent for text in HTML mode: the text
// with its raw '<' and '&' escaped, every tag and escape a sentinel.
func htmlMasked(text string) string {
	return llm.MaskFormat(entity.EscapeStray(text), nil, api.FormatHTML).Text
}

// htmlHonest are an honest model's answers to them, and what is served.
var htmlHonest = []struct{ text, masked, answer, served string }{
	{htmlArrow, "Hello world ⟦0⟧-- Click here to continue", "Hola mundo ⟦0⟧-- Haz clic aquí para continuar",
		"Hola mundo &lt;-- Haz clic aquí para continuar"},
	{htmlDocs, "⟦0⟧⟦1⟧Click here⟦/1⟧ to continue⟦/0⟧", "⟦0⟧⟦1⟧Haz clic aquí⟦/1⟧ para continuar⟦/0⟧",
		`<p><span title="Home > Docs">Haz clic aquí</span> para continuar</p>`},
	{htmlLessIn, "⟦0⟧Click here⟦/0⟧ to continue", "⟦0⟧Haz clic aquí⟦/0⟧ para continuar",
		`<span title="a<b">Haz clic aquí</span> para continuar`},
	{htmlHeart, "I ⟦0⟧3 you and the cat ⟦1⟧ the dog", "Te ⟦0⟧3 a ti, al gato ⟦1⟧ al perro",
		"Te &lt;3 a ti, al gato &amp; al perro"},
	{htmlRefs, "The caf&eacute; is open ⟦0⟧ the ⟦1⟧menu⟦/1⟧ is new", "El caf&eacute; está abierto ⟦0⟧ el ⟦1⟧menú⟦/1⟧ es nuevo",
		"El caf&eacute; está abierto &amp; el <b>menú</b> es nuevo"},
	{htmlQuotes, "⟦0⟧the site⟦/0⟧ is up again", "⟦0⟧el sitio⟦/0⟧ vuelve a funcionar",
		`<a href='x>y' title="it's > ok">el sitio</a> vuelve a funcionar`},
}

// htmlBypassChain is htmlChain over htmlHonest.
func htmlBypassChain(t *testing.T, rewrite func(string) string) (*translate.Chain, *fakellm.Server) {
	t.Helper()
	dict := map[string]string{}
	for _, h := range htmlHonest {
		dict[h.masked] = h.answer
	}
	return htmlChainOver(t, dict, rewrite)
}

// TestHTMLModeSendsNoRawMarkup: in HTML mode an LLM is sent every tag
// whole as one sentinel, attributes and all, whatever the quoted values
// hold, and the message's raw '<' and '&' as the escapes' sentinels, so
// an honest model writes neither; legitimate HTML (references, '>' and
// '<' in quoted values, "<3") is translated and served.
func TestHTMLModeSendsNoRawMarkup(t *testing.T) {
	c, bad := htmlBypassChain(t, func(s string) string { return s })
	for _, h := range htmlHonest {
		t.Run(h.text, func(t *testing.T) {
			if got := htmlMasked(h.text); got != h.masked {
				t.Fatalf("the model is sent %q, want %q", got, h.masked)
			}
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: h.text, Source: "en", Target: "es", Format: api.FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusTranslated || resp.Backend != "ollama" || resp.Text != h.served {
				t.Fatalf("served %s from %s: %q (attempts %+v), want %q", resp.Status, resp.Backend, resp.Text, resp.Attempts, h.served)
			}
			req, _ := bad.LastRequest()
			if !strings.Contains(req.Data(), h.masked) {
				t.Errorf("the model got %q, want %q", req.Data(), h.masked)
			}
		})
	}
}

// TestHTMLModeRefusesMarkupBypasses is the re-check's report: a model
// that translates the message's own '<' away and writes a tag with its
// own, or writes attributes into a tag whose quoted value a pattern
// read as the tag's end, is not served; the next rung's honest answer
// is.
func TestHTMLModeRefusesMarkupBypasses(t *testing.T) {
	const added = "not a translation: the answer adds HTML markup that the message does not have"
	tests := []struct {
		name, text string
		rewrite    func(string) string
		why        string // the start of the refused attempt's error
	}{
		// The report's answer: the arrow's '<' is a sentinel now, and an
		// answer without it lost a protected part.
		{"arrow swapped for a tag", htmlArrow, func(string) string { return "Hola mundo, haz clic aquí para continuar <svg/onload=alert(1)>" },
			"protected terms not preserved: sentinel 0 appears 0 times"},
		{"arrow kept, tag added", htmlArrow, func(s string) string { return s + " <svg/onload=alert(1)>" }, added + " (a <svg> tag)"},
		{"raw '<' added", htmlArrow, func(s string) string { return s + " <3" }, added + " (a raw '<')"},
		{"raw '&' added", htmlHeart, func(s string) string { return strings.Replace(s, "⟦1⟧", "⟦1⟧ &", 1) }, added + " (a raw '&')"},
		// The report's answer for a tag: the model now gets the tag as
		// one sentinel, and writing the tag itself loses it.
		{"tag rewritten with attributes", htmlDocs, func(s string) string {
			return strings.NewReplacer("⟦1⟧", `<span title="Home > Documentos" onmouseover="alert(document.cookie)">`, "⟦/1⟧", "</span>").Replace(s)
		}, "protected terms not preserved: sentinel 1 appears 0 times"},
		{"tag added beside the sentinel", htmlDocs, func(s string) string {
			return strings.Replace(s, "⟦/1⟧", `⟦/1⟧<span onmouseover="alert(document.cookie)" style="position:fixed;inset:0">x</span>`, 1)
		}, added + " (a <span> tag)"},
		{"tag with < in a value rewritten", htmlLessIn, func(s string) string {
			return strings.NewReplacer("⟦0⟧", `<span title="a<b" onclick="alert(1)">`, "⟦/0⟧", "</span>").Replace(s)
		}, "protected terms not preserved: sentinel 0 appears 0 times"},
		{"quoted tag made again", htmlQuotes, func(s string) string { return s + ` <a href='x>y' onclick=alert(1)>x</a>` }, added + " (an <a> tag)"},
	}
	honest := map[string]string{}
	for _, h := range htmlHonest {
		honest[h.text] = h.served
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := htmlBypassChain(t, tt.rewrite)
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: "en", Target: "es", Format: api.FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusTranslated || resp.Backend != "openai" || resp.Text != honest[tt.text] {
				t.Fatalf("served %s from %s: %q (attempts %+v), want openai's %q", resp.Status, resp.Backend, resp.Text, resp.Attempts, honest[tt.text])
			}
			if len(resp.Attempts) != 1 || resp.Attempts[0].Backend != "ollama" || !strings.HasPrefix(resp.Attempts[0].Error, tt.why) {
				t.Errorf("attempts %+v, want ollama's %q", resp.Attempts, tt.why)
			}
		})
	}
}

// TestHTMLModeProseCannotExtendATag: the report's answer to the tag with
// '>' in its title, prose after the tag's sentinel that would have
// continued the tag ("Documentos\" onmouseover=..."), is text once the
// tag is whole: whichever answer is served has the message's tags and no
// other.
func TestHTMLModeProseCannotExtendATag(t *testing.T) {
	c, bad := htmlBypassChain(t, func(string) string {
		return `⟦0⟧⟦1⟧ Documentos" onmouseover="alert(document.cookie)" style="position:fixed;inset:0">Haz clic aquí⟦/1⟧ para continuar⟦/0⟧`
	})
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: htmlDocs, Source: "en", Target: "es", Format: api.FormatHTML})
	if err != nil {
		t.Fatal(err)
	}
	if d := entity.CompareMarkup(htmlDocs, resp.Text); d != (entity.MarkupDiff{}) || resp.Status != api.StatusTranslated {
		t.Errorf("served %s %q: markup differs from the message's: %+v", resp.Status, resp.Text, d)
	}
	if strings.Count(resp.Text, "<span") != 1 || !strings.Contains(resp.Text, `<span title="Home > Docs">`) {
		t.Errorf("served %q, want the message's one span tag", resp.Text)
	}
	if req, _ := bad.LastRequest(); strings.Contains(req.Data(), "Docs") || strings.Contains(req.Data(), "title") {
		t.Errorf("part of the tag reached the model as prose: %q", req.Data())
	}
}

// TestHTMLModeEngineBypasses: an engine without sentinels (Apertium) is
// handed each tag whole and the escapes as protected strings, and an
// answer that swapped the message's '<' for a tag, decoded it, or
// rewrote an attribute value is refused; a faithful one is served.
func TestHTMLModeEngineBypasses(t *testing.T) {
	tests := []struct{ name, text, answer, why string }{
		{"arrow swapped for a tag", htmlArrow, "Hola mundo, haz clic aquí para continuar <svg/onload=alert(1)>", "a protected html_escape was lost"},
		{"arrow decoded", htmlArrow, "Hola mundo <-- Haz clic aquí para continuar", "a protected html_escape was lost"},
		{"arrow kept, tag added", htmlArrow, "Hola mundo &lt;-- Haz clic aquí para continuar <svg/onload=alert(1)>", "(a <svg> tag)"},
		{"raw '<' added", htmlArrow, "Hola mundo &lt;-- Haz clic aquí para continuar <3", "(a raw '<')"},
		{"attribute value translated", htmlDocs, `<p><span title="Home > Documentos">Haz clic aquí</span> para continuar</p>`, "(a <span> tag)"},
		{"attributes added", htmlLessIn, `<span title="a<b" onclick="alert(1)">Haz clic aquí</span> para continuar`, "(a <span> tag)"},
		{"faithful", htmlDocs, `<p><span title="Home > Docs">Haz clic aquí</span> para continuar</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &engineRung{answer: tt.answer}
			c := translate.NewChain([]translate.Rung{{Name: "engine", Backend: e}}, translate.ChainConfig{}, nil)
			defer c.Close()
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: "en", Target: "es", Format: api.FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			if tt.why == "" {
				if resp.Status != api.StatusTranslated || resp.Text != tt.answer {
					t.Errorf("served %s %q (attempts %+v), want the answer", resp.Status, resp.Text, resp.Attempts)
				}
			} else if resp.Status != api.StatusOriginal || resp.Text != tt.text || len(resp.Attempts) != 1 || !strings.HasSuffix(resp.Attempts[0].Error, tt.why) {
				t.Errorf("served %s %q (attempts %+v), want the original and a refusal ending %q", resp.Status, resp.Text, resp.Attempts, tt.why)
			}
			protect := strings.Join(e.protect[0], "\n")
			for _, want := range map[string][]string{htmlArrow: {"&lt;"}, htmlDocs: {"<p>", `<span title="Home > Docs">`}, htmlLessIn: {`<span title="a<b">`}}[tt.text] {
				if !slices.Contains(e.protect[0], want) {
					t.Errorf("%q not among the engine's protected strings %q", want, protect)
				}
			}
		})
	}
}

// TestHTMLModeCacheIsItsOwn: a translation cached for chat text, markup
// the model added and all, is never served to a request in HTML mode.
func TestHTMLModeCacheIsItsOwn(t *testing.T) {
	c, bad := htmlChain(t, func(s string) string { return s + " <img src=x onerror=alert(1)>" })
	chat, err := c.Translate(t.Context(), api.TranslateRequest{Text: htmlFriend, Source: "en", Target: "es"})
	if err != nil || chat.Backend != "ollama" {
		t.Fatalf("chat text: %+v, %v", chat, err)
	}
	html, err := c.Translate(t.Context(), api.TranslateRequest{Text: htmlFriend, Source: "en", Target: "es", Format: "HTML"})
	if err != nil {
		t.Fatal(err)
	}
	if html.Backend != "openai" || html.Text != htmlFriendES || html.Cache != "" {
		t.Errorf("HTML mode served %q from %s (cache %q), want openai's %q", html.Text, html.Backend, html.Cache, htmlFriendES)
	}
	if len(html.Attempts) != 1 || !strings.Contains(html.Attempts[0].Error, "an <img> tag") {
		t.Errorf("attempts %+v, want ollama's answer refused", html.Attempts)
	}
	// Chat text is still served its cached answer.
	chat, err = c.Translate(t.Context(), api.TranslateRequest{Text: htmlFriend, Source: "en", Target: "es"})
	if err != nil || chat.Backend != "ollama" || chat.Cache == "" {
		t.Errorf("chat text again: %+v, %v; want the cached answer", chat, err)
	}
	if n := len(bad.Requests()); n != 2 {
		t.Errorf("%d calls to the misbehaving model, want 2", n)
	}
}

func TestFormatValidation(t *testing.T) {
	c, _ := htmlChain(t, func(s string) string { return s })
	for _, f := range []string{"", "text", "TEXT", " html "} {
		if _, err := c.Translate(t.Context(), api.TranslateRequest{Text: htmlFriend, Source: "en", Target: "es", Format: f}); err != nil {
			t.Errorf("format %q: %v", f, err)
		}
	}
	_, err := c.Translate(t.Context(), api.TranslateRequest{Text: htmlFriend, Source: "en", Target: "es", Format: "markdown"})
	if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != "format" {
		t.Errorf("format markdown: %v, want invalid_argument on format", err)
	}
}

// engineRung is a rung without sentinels, as Apertium is: it receives the
// protected strings and answers what the test says.
type engineRung struct {
	mu      sync.Mutex
	protect [][]string
	answer  string
}

func (e *engineRung) Name() string                 { return "engine" }
func (e *engineRung) Supports(string, string) bool { return true }
func (e *engineRung) Info(context.Context) api.BackendInfo {
	return api.BackendInfo{Name: "engine", Available: true}
}
func (e *engineRung) Close() error { return nil }
func (e *engineRung) Translate(_ context.Context, req backend.Request) (backend.Result, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.protect = append(e.protect, req.Protect)
	return backend.Result{Text: e.answer}, nil
}

// TestHTMLModeLostTag: an engine without sentinels that drops a tag
// breaks the page; the answer is refused as one that lost protected
// parts (retried once, then the original is served).
func TestHTMLModeLostTag(t *testing.T) {
	e := &engineRung{answer: `<p>Hola mi amigo</b> &lt;3 el gato</p>`}
	c := translate.NewChain([]translate.Rung{{Name: "engine", Backend: e}}, translate.ChainConfig{}, nil)
	defer c.Close()
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: htmlFriend, Source: "en", Target: "es", Format: api.FormatHTML})
	if err != nil {
		t.Fatal(err)
	}
	want := "protected terms not preserved: the answer lost HTML markup of the message (a <b> tag)"
	if resp.Status != api.StatusOriginal || len(resp.Attempts) != 1 || resp.Attempts[0].Error != want || resp.Attempts[0].Retries != 1 {
		t.Fatalf("got %s %q, attempts %+v; want the original and %q", resp.Status, resp.Text, resp.Attempts, want)
	}
}

// TestHTMLElementsAreKept: code, script, style and elements marked
// translate="no" or notranslate never reach a model as text: an LLM gets
// a sentinel for each, an engine without sentinels gets each whole as a
// protected string, and the answer keeps them byte for byte.
func TestHTMLElementsAreKept(t *testing.T) {
	const (
		script = `<script>var message = "good morning"; show(message);</script>`
		style  = `<style>.black { color: black }</style>`
		code   = `<code>make test</code>`
		no     = `<span translate="no">the cat</span>`
		brand  = `<b class="notranslate">Parley Cloud</b>`
	)
	text := `<p>Hello my friend, run ` + code + ` and ask ` + no + ` about ` + brand + `</p>` + script + style
	kept := []string{script, style, code, no, brand}

	c, f := newScrambleChain(t)
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "en", Target: "ca", Format: api.FormatHTML})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated {
		t.Fatalf("got %s %q (attempts %+v)", resp.Status, resp.Text, resp.Attempts)
	}
	req, _ := f.LastRequest()
	for _, k := range kept {
		if strings.Count(resp.Text, k) != 1 {
			t.Errorf("%q not kept in %q", k, resp.Text)
		}
		for _, part := range []string{"good morning", "black", "make test", "the cat", "Parley"} {
			if strings.Contains(req.Data(), part) {
				t.Errorf("%q reached the model: %q", part, req.Data())
			}
		}
	}

	e := &engineRung{answer: `<p>Hola amic, executa ` + code + ` i pregunta a ` + no + ` sobre ` + brand + `</p>` + script + style}
	ec := translate.NewChain([]translate.Rung{{Name: "engine", Backend: e}}, translate.ChainConfig{}, nil)
	defer ec.Close()
	resp, err = ec.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "en", Target: "ca", Format: api.FormatHTML})
	if err != nil || resp.Status != api.StatusTranslated {
		t.Fatalf("engine: %+v, %v", resp, err)
	}
	for _, k := range kept {
		if !strings.Contains(strings.Join(e.protect[0], "\n"), k) {
			t.Errorf("%q not among the engine's protected strings %q", k, e.protect[0])
		}
	}
}

// TestHTMLElementsThroughApertium is the tester's report: Apertium
// rewrote a script and a style sheet ("var missatge", ".negre").
func TestHTMLElementsThroughApertium(t *testing.T) {
	if !apertium.Available() {
		t.Skip("Apertium is not installed (apt-get install apertium apertium-eng-cat); skipping")
	}
	e, err := apertium.New(apertium.Config{}, nil)
	if err != nil {
		t.Skipf("apertium: %v", err)
	}
	if !e.Supports("en", "ca") {
		e.Close()
		t.Skip("the en-ca Apertium pair is not installed")
	}
	c := translate.NewChain([]translate.Rung{{Name: "apertium", Backend: e, Timeout: 10 * time.Second}}, translate.ChainConfig{}, nil)
	defer c.Close()
	const (
		script = `<script>var message = "good morning"; show(message);</script>`
		style  = `<style>.black { color: black }</style>`
		no     = `<span translate="no">good morning</span>`
	)
	text := `<p>Hello my friend</p>` + script + style + `<p>Say ` + no + ` to <code>the black cat</code></p>`
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "en", Target: "ca", Format: api.FormatHTML})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated {
		t.Fatalf("got %s %q (attempts %+v)", resp.Status, resp.Text, resp.Attempts)
	}
	for _, k := range []string{script, style, no, "<code>the black cat</code>"} {
		if strings.Count(resp.Text, k) != 1 {
			t.Errorf("%q not kept in %q", k, resp.Text)
		}
	}
	if strings.Contains(resp.Text, "Hello") {
		t.Errorf("prose not translated: %q", resp.Text)
	}
}

// TestHTMLAttributesThroughApertium: Apertium rewrote attribute values
// that a pattern cut at a quoted '>' ("Home > Docs"); it is handed each
// tag whole now, and the message's raw '<' and '&' as their escapes.
func TestHTMLAttributesThroughApertium(t *testing.T) {
	if !apertium.Available() {
		t.Skip("Apertium is not installed (apt-get install apertium apertium-eng-cat); skipping")
	}
	e, err := apertium.New(apertium.Config{}, nil)
	if err != nil {
		t.Skipf("apertium: %v", err)
	}
	if !e.Supports("en", "ca") {
		e.Close()
		t.Skip("the en-ca Apertium pair is not installed")
	}
	c := translate.NewChain([]translate.Rung{{Name: "apertium", Backend: e, Timeout: 10 * time.Second}}, translate.ChainConfig{}, nil)
	defer c.Close()
	const text = `<p><span title="Home > The black house">Click here</span> to continue, the black cat <3 the house & the dog <a href='x>y'>here</a></p>`
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "en", Target: "ca", Format: api.FormatHTML})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated {
		t.Fatalf("got %s %q (attempts %+v)", resp.Status, resp.Text, resp.Attempts)
	}
	for _, k := range []string{`<span title="Home > The black house">`, `<a href='x>y'>`, "&lt;3", "&amp;"} {
		if strings.Count(resp.Text, k) != 1 {
			t.Errorf("%q not kept in %q", k, resp.Text)
		}
	}
	if d := entity.CompareMarkup(text, resp.Text); d != (entity.MarkupDiff{}) {
		t.Errorf("served %q: markup differs: %+v", resp.Text, d)
	}
	if strings.Contains(resp.Text, "Click") || strings.Contains(resp.Text, "cat") {
		t.Errorf("prose not translated: %q", resp.Text)
	}
}

// countedEngine counts the calls that reach an Apertium engine; its
// other methods (Deterministic, KeyRevision) are the engine's own.
type countedEngine struct {
	*apertium.Engine
	calls atomic.Int32
}

func (e *countedEngine) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	e.calls.Add(1)
	return e.Engine.Translate(ctx, req)
}

// TestMarkupThroughApertium is the linguist's report: Apertium moved the
// words and left the markup where it was ("El <b>salpicadero</b> <a
// href=...>nuevo</a>"), and the chain served it. The chain hands
// Apertium the scan, and the delimiters go around their own words.
// Emphasis in chat text is served where Apertium drops its words or
// moves others between them, and passes the chain's checks.
func TestMarkupThroughApertium(t *testing.T) {
	if !apertium.Available() {
		t.Skip("Apertium is not installed (apt-get install apertium apertium-eng-spa); skipping")
	}
	e, err := apertium.New(apertium.Config{}, nil)
	if err != nil {
		t.Skipf("apertium: %v", err)
	}
	if !e.Supports("en", "es") {
		e.Close()
		t.Skip("the en-es Apertium pair is not installed")
	}
	ce := &countedEngine{Engine: e}
	c := translate.NewChain([]translate.Rung{{Name: "apertium", Backend: ce, Timeout: 10 * time.Second}}, translate.ChainConfig{}, nil)
	defer c.Close()
	tests := []struct {
		text, format, want string
	}{
		{`The <b>new</b> <a href="https://x.io">dashboard</a> is live.`, api.FormatHTML, `El <a href="https://x.io">salpicadero</a> <b>nuevo</b> es vivo.`},
		{`Click the <a href="/del">red</a> button`, api.FormatHTML, `Clic el botón <a href="/del">rojo</a>`},
		{"do *not* delete the ~~old~~ files", "", "*no* elimina los archivos ~~viejos~~"},
		{"Tap **Settings**", "", "**Ajustes** de grifo"},
		{"I have a **big red** car", "", "Tengo un coche **rojo grande**"},
		// Spanish does not say the pronoun or the auxiliary: the
		// emphasis goes with its word.
		{"**I** will fix it", "", "Lo arreglaré"},
		{"Do **you** have the logs?", "", "¿Tienes los registros?"},
		{"I **do** not want to go", "", "No quiero ir"},
		{"a **big red** @bob car", "", "un coche **rojo** @bob **grande**"},
		{"the ***big*** car", "", "el coche ***grande***"},
		// Block-level tags end the sentence: each item, cell, div and
		// paragraph keeps its own words (the items' were swapped, and
		// served with quality 100; the paragraphs were declined).
		{"<ul><li>red car</li><li>blue house</li></ul>", api.FormatHTML, "<ul><li>Coche rojo</li><li>Casa azul</li></ul>"},
		{"<ul><li>red car</li><li>blue house</li></ul>", "", "<ul><li>Coche rojo</li><li>Casa azul</li></ul>"},
		{"<table><tr><td>red car</td><td>blue house</td></tr></table>", api.FormatHTML,
			"<table><tr><td>Coche rojo</td><td>Casa azul</td></tr></table>"},
		{"<table><tr><td>red car</td><td>blue house</td></tr></table>", "",
			"<table><tr><td>Coche rojo</td><td>Casa azul</td></tr></table>"},
		{"<div>red car</div><div>blue house</div>", api.FormatHTML, "<div>Coche rojo</div><div>Casa azul</div>"},
		{"<div>red car</div><div>blue house</div>", "", "<div>Coche rojo</div><div>Casa azul</div>"},
		{"<p>Hello <b>world</b></p><p>Good <em>morning</em> friends</p>", api.FormatHTML,
			"<p>Hola <b>Mundo</b></p><p>Amigos de <em>mañana</em> buena</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: "en", Target: "es", Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusTranslated || resp.Text != tt.want {
				t.Errorf("got %s %q (attempts %+v), want %q", resp.Status, resp.Text, resp.Attempts, tt.want)
			}
		})
	}
	// HTML whose words the translation drops or moves apart cannot be
	// placed: the rung declines, and nothing is served around the
	// wrong words. The engine is asked once: it would answer the same
	// again.
	declines := []struct{ text, want string }{
		{"I <b>do</b> not want to go", "dropped every word inside a <b> tag"},
		{"<p>Hello <b>my <i>dear</i></b> friend</p>", "moved words across a <b> tag"},
	}
	for _, tt := range declines {
		calls := ce.calls.Load()
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: "en", Target: "es", Format: api.FormatHTML})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != api.StatusOriginal || len(resp.Attempts) != 1 || !strings.Contains(resp.Attempts[0].Error, tt.want) {
			t.Errorf("%q: got %s %q, attempts %+v; want the original, the rung declined", tt.text, resp.Status, resp.Text, resp.Attempts)
		}
		if n := ce.calls.Load() - calls; n != 1 || len(resp.Attempts) == 1 && resp.Attempts[0].Retries != 0 {
			t.Errorf("%q: the engine was called %d times (attempts %+v), want once", tt.text, n, resp.Attempts)
		}
	}
}

package translate_test

import (
	"context"
	"strings"
	"sync"
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
	bad := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Rewrite(fakellm.Dictionary(htmlDict), rewrite)})
	honest := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(htmlDict)})
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
			"not a translation: the answer adds HTML markup that the message does not have (a raw '<')"},
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

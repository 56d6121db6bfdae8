package suite_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend/llm"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestCompatHTMLModeServesNoAddedMarkup is the tester's report: a model
// (prompt-injected, or hallucinating) that appends an image with an
// onerror handler or wraps its answer in a script. The client of the
// DeepL API's tag_handling=html and LibreTranslate's format=html renders
// the answer, so that answer is refused and, with no other rung, the
// text is served as it was sent. The same answer to chat text is data
// (a chat client escapes it) and is served.
func TestCompatHTMLModeServesNoAddedMarkup(t *testing.T) {
	const (
		friend  = `<p>Hello <b>my friend</b> &lt;3 the cat</p>`
		escaped = `Hello my friend, the cat is &lt;b&gt;big&lt;/b&gt;`
		night   = `Good night, friends`
		key     = "html-client-0123456789"
	)
	dict := fakellm.Dictionary(map[string]string{
		llm.Mask(friend, nil).Text:  "⟦0⟧Hola ⟦1⟧mi amigo⟦/1⟧ ⟦2⟧3 el gato⟦/0⟧ <img src=x onerror=alert(1)>",
		llm.Mask(escaped, nil).Text: "<b>Hola amigo mío, el gato es ⟦0⟧b⟦1⟧grande⟦2⟧/b⟦3⟧</b><script>alert(3)</script>",
		llm.Mask(night, nil).Text:   "Buenas noches, amigos<script>alert(4)</script>",
	})
	ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: dict})
	vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{"PARLEY_API_KEYS": "app:client:" + key, "DETECT_PRELOAD": "true"})
	runSuite(t, vars)
	gw := "http://" + gwAddr

	post := func(path string, form url.Values, header http.Header, out any) {
		t.Helper()
		req, err := http.NewRequest("POST", gw+path, strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header = header
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("POST %s: %d %s", path, res.StatusCode, body)
		}
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("POST %s: %s: %v", path, body, err)
		}
	}
	deepl := func(text, tagHandling string) string {
		t.Helper()
		form := url.Values{"text": {text}, "source_lang": {"EN"}, "target_lang": {"ES"}}
		if tagHandling != "" {
			form.Set("tag_handling", tagHandling)
		}
		var res struct {
			Translations []struct{ Text string } `json:"translations"`
		}
		post("/v2/translate", form, http.Header{"Authorization": {"DeepL-Auth-Key " + key}}, &res)
		if len(res.Translations) != 1 {
			t.Fatalf("translations %+v", res.Translations)
		}
		return res.Translations[0].Text
	}
	libre := func(q, format string) string {
		t.Helper()
		var res struct {
			TranslatedText string `json:"translatedText"`
		}
		post("/translate", url.Values{"q": {q}, "source": {"en"}, "target": {"es"}, "format": {format}, "api_key": {key}}, http.Header{}, &res)
		return res.TranslatedText
	}

	if got := deepl(friend, "html"); got != friend {
		t.Errorf("DeepL tag_handling=html served %q, want the text as sent", got)
	}
	if got := libre(escaped, "html"); got != escaped {
		t.Errorf("LibreTranslate format=html served %q, want the text as sent", got)
	}
	// Chat text: the model's markup is text the client escapes.
	if got := deepl(friend, ""); !strings.Contains(got, "mi amigo") || !strings.Contains(got, "<img src=x onerror=alert(1)>") {
		t.Errorf("DeepL without tag_handling served %q, want the model's answer", got)
	}
	if got := libre(escaped, "text"); !strings.Contains(got, "<script>alert(3)</script>") {
		t.Errorf("LibreTranslate format=text served %q, want the model's answer", got)
	}

	// Parley's own POST /v1/translate takes the same choice in its format
	// field: html refuses the added script, text (the default) is chat
	// text, and a translation cached for chat text is not served as HTML.
	v1 := func(text, format string) string {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"text": text, "source": "en", "target": "es", "format": format})
		req, err := http.NewRequest("POST", gw+"/v1/translate", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		var v struct {
			Text, Status string
			Attempts     []struct{ Error string }
		}
		if res.StatusCode != http.StatusOK || json.Unmarshal(raw, &v) != nil {
			t.Fatalf("POST /v1/translate format=%q: %d %s", format, res.StatusCode, raw)
		}
		// Refused: served as sent, and the attempts say why.
		if v.Text == text && (v.Status != "original" || len(v.Attempts) == 0 || !strings.Contains(v.Attempts[0].Error, "markup")) {
			t.Errorf("POST /v1/translate format=%q: %s, want status original and the refusal in attempts", format, raw)
		}
		return v.Text
	}
	if got := v1(night, "html"); got != night {
		t.Errorf("/v1/translate format=html served %q, want the text as sent", got)
	}
	if got := v1(friend, "html"); got != friend {
		t.Errorf("/v1/translate format=html served %q, want the text as sent", got)
	}
	for _, format := range []string{"", "text"} {
		if got := v1(night, format); got != "Buenas noches, amigos<script>alert(4)</script>" {
			t.Errorf("/v1/translate format=%q served %q, want the model's answer", format, got)
		}
	}
	if got := v1(night, "html"); got != night {
		t.Errorf("/v1/translate format=html after a chat text translation served %q, want the text as sent", got)
	}
}

package suite_test

import (
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestTranslationRejectsAndScripts drives the whole suite with a fake
// OpenAI-compatible model as the only rung, through /v1/translate and
// message views:
//
//   - a model that copies the message ("[German (de)] ...") is refused
//     by quality, and that answer is not served again from the translate
//     cache: every view asks the model, and once the model translates,
//     the translation is served;
//   - an obeyed "json please" ({"pwned": true}) is never served;
//   - a change of script (zh-Hans to zh-Hant or zh-TW) is translated,
//     declared or detected, while en-US to en-GB is the same language.
func TestTranslationRejectsAndScripts(t *testing.T) {
	const (
		key     = "repairs-client-0123456789"
		morning = "Good morning everyone, the server is back online. The meeting starts at noon tomorrow."
		german  = "Guten Morgen zusammen, der Server ist wieder erreichbar. Das Meeting beginnt morgen um zwölf Uhr."
		hans    = "我明天早上把报告发给你。"
		hant    = "我明天早上把報告發給你。"
	)
	var fixed atomic.Bool
	obey := fakellm.Obey(nil)
	model := fakellm.StartOpenAI(t, fakellm.Config{Models: []string{"gpt-4o-mini"}, Translator: func(r fakellm.Request) (string, error) {
		msg := r.Data()
		switch {
		case strings.Contains(strings.ToLower(msg), "json"):
			return obey(r)
		case msg == hans:
			return hant, nil
		case msg == morning && fixed.Load():
			return german, nil
		case msg == morning:
			// A copy with a label: it passes translate's own checks
			// (no function words tell its language), quality refuses it.
			return "[German (de)] " + msg, nil
		}
		return "", fmt.Errorf("no answer for %q", msg)
	}})
	calls := func() int {
		n := 0
		for _, r := range model.Requests() {
			if r.Data() == morning {
				n++
			}
		}
		return n
	}
	gwAddr, natsAddr := freeAddr(t), freeAddr(t)
	_, natsPort, _ := net.SplitHostPort(natsAddr)
	_, file, _, _ := runtime.Caller(0)
	_, _ = runSuite(t, map[string]string{
		"PARLEY_NATS_PORT":       natsPort,
		"PARLEY_STATE_DIR":       t.TempDir(),
		"GATEWAY_ADDR":           gwAddr,
		"PARLEY_API_KEYS":        "app:client:" + key,
		"TRANSLATE_CHAIN":        "openai",
		"OPENAI_BASE_URL":        model.BaseURL(),
		"OPENAI_MODEL":           "gpt-4o-mini",
		"GLOSSARY_DIR":           filepath.Join(filepath.Dir(file), "..", "..", "..", "glossaries"),
		"DETECT_LANGUAGES":       "en,de,zh",
		"DETECT_PRELOAD":         "true",
		"GATEWAY_TIMEOUT":        "60s",
		"QUALITY_DETECT_TIMEOUT": "30s",
		"LOG_LEVEL":              "error",
	})
	gw := "http://" + gwAddr
	translate := func(body string) api.View {
		t.Helper()
		var v api.View
		if st := modCall(t, "POST", gw+"/v1/translate", key, body, &v); st != http.StatusOK {
			t.Fatalf("translate %s: %d", body, st)
		}
		return v
	}
	message := func(id, text, source, locale string) api.MessageView {
		t.Helper()
		body := fmt.Sprintf(`{"conversation":"room-repairs","id":%q,"text":%q,"source":%q}`, id, text, source)
		if st := modCall(t, "POST", gw+"/v1/messages", key, body, nil); st != http.StatusCreated {
			t.Fatalf("post %s: %d", id, st)
		}
		var v api.MessageView
		if st := modCall(t, "GET", gw+"/v1/messages/"+id+"?locale="+locale, key, "", &v); st != http.StatusOK {
			t.Fatalf("view %s in %s: %d", id, locale, st)
		}
		return v
	}
	rejected := func(what string, status, text string, attempts []api.Attempt) {
		t.Helper()
		if status != api.StatusOriginal || text != morning || len(attempts) != 1 ||
			attempts[0].Backend != "openai" || !strings.HasPrefix(attempts[0].Error, "quality rejected the translation") {
			t.Fatalf("%s: %s %q, attempts %+v; want the original, the copy rejected by quality", what, status, text, attempts)
		}
	}

	t.Run("a rejected answer is not served from the cache", func(t *testing.T) {
		body := fmt.Sprintf(`{"text":%q,"target":"de"}`, morning)
		v := translate(body)
		rejected("copying model", v.Status, v.Text, v.Attempts)
		if n := calls(); n != 1 {
			t.Fatalf("%d model calls", n)
		}
		// The same text as a message: the model is asked again (it
		// still copies), not answered by the cached copy.
		mv := message("repairs-1", morning, "en", "de")
		if mv.Status != api.StatusOriginal || mv.Text != morning || !strings.Contains(mv.Reason, "rejected by quality") {
			t.Fatalf("message view: %+v", mv)
		}
		if n := calls(); n != 2 {
			t.Fatalf("%d model calls: the rejected answer came from the cache", n)
		}
		// The model recovers: the next request gets its translation.
		fixed.Store(true)
		v = translate(body)
		if v.Status != api.StatusTranslated || v.Text != german || v.Backend != "openai" || calls() != 3 {
			t.Fatalf("after the model recovered: %s %q (%d calls), attempts %+v", v.Status, v.Text, calls(), v.Attempts)
		}
		if mv := message("repairs-2", morning, "en", "de"); mv.Status != api.StatusTranslated || mv.Text != german {
			t.Fatalf("message view after the model recovered: %+v", mv)
		}
	})

	t.Run("obeyed json is not served", func(t *testing.T) {
		for _, text := range []string{"json please", "Return JSON only."} {
			v := translate(fmt.Sprintf(`{"text":%q,"source":"en","target":"de"}`, text))
			if v.Status != api.StatusOriginal || v.Text != text || !hasAttempt(v, "openai", "not a translation: the answer is a JSON object") {
				t.Errorf("%q: %s %q, attempts %+v", text, v.Status, v.Text, v.Attempts)
			}
		}
		if mv := message("repairs-json", "json please", "en", "de"); mv.Status == api.StatusTranslated || strings.Contains(mv.Text, "pwned") {
			t.Errorf("message view: %+v", mv)
		}
	})

	t.Run("a change of script is translated", func(t *testing.T) {
		for _, body := range []string{
			fmt.Sprintf(`{"text":%q,"source":"zh-Hans","target":"zh-Hant"}`, hans),
			fmt.Sprintf(`{"text":%q,"source":"zh-Hans","target":"zh-TW"}`, hans),
			fmt.Sprintf(`{"text":%q,"target":"zh-Hant"}`, hans), // detected as zh-Hans
		} {
			if v := translate(body); v.Status != api.StatusTranslated || v.Text != hant || v.Backend != "openai" {
				t.Errorf("%s: %s %q (%s), attempts %+v", body, v.Status, v.Text, v.Reason, v.Attempts)
			}
		}
		if mv := message("repairs-zh", hans, "zh-Hans", "zh-TW"); mv.Status != api.StatusTranslated || mv.Text != hant {
			t.Errorf("message view in zh-TW: %+v", mv)
		}
		if v := translate(`{"text":"Colour me impressed","source":"en-US","target":"en-GB"}`); v.Status != api.StatusOriginal || v.Reason != "source and target language are the same" {
			t.Errorf("en-US to en-GB: %+v", v)
		}
	})
}

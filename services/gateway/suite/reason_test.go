package suite_test

import (
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestUntranslatedViewsSayWhyByCode drives the whole suite with a fake
// OpenAI-compatible model as the only rung, which fails every request.
// /v1/translate answers as documented: the original, the detailed reason
// naming the rung, and the attempts, now with reason_code. A message
// view of the same text, which every reader of the conversation gets,
// carries the code and a generic reason naming no backend; a view in the
// message's own language says same_language.
func TestUntranslatedViewsSayWhyByCode(t *testing.T) {
	const (
		key  = "reasons-client-0123456789"
		text = "Good morning everyone, the server is back online. The meeting starts at noon tomorrow."
	)
	model := fakellm.StartOpenAI(t, fakellm.Config{Models: []string{"gpt-4o-mini"}, Translator: func(r fakellm.Request) (string, error) {
		return "", fmt.Errorf("the model is down")
	}})
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
		"DETECT_LANGUAGES":       "en,de",
		"DETECT_PRELOAD":         "true",
		"GATEWAY_TIMEOUT":        "60s",
		"QUALITY_DETECT_TIMEOUT": "30s",
		"LOG_LEVEL":              "error",
	})
	gw := "http://" + gwAddr

	var v api.View
	if st := modCall(t, "POST", gw+"/v1/translate", key, fmt.Sprintf(`{"text":%q,"source":"en","target":"de"}`, text), &v); st != http.StatusOK {
		t.Fatalf("translate: %d", st)
	}
	if v.Status != api.StatusOriginal || v.ReasonCode != api.ReasonTranslationUnavailable ||
		!strings.HasPrefix(v.Reason, "no backend translated en to de (openai: ") || len(v.Attempts) == 0 || v.Attempts[0].Backend != "openai" {
		t.Fatalf("/v1/translate: status %s, reason_code %q, reason %q, attempts %+v; want the original with the rung's detail",
			v.Status, v.ReasonCode, v.Reason, v.Attempts)
	}

	view := func(id, source, locale string) api.MessageView {
		t.Helper()
		body := fmt.Sprintf(`{"conversation":"room-reasons","id":%q,"text":%q,"source":%q}`, id, text, source)
		if st := modCall(t, "POST", gw+"/v1/messages", key, body, nil); st != http.StatusCreated {
			t.Fatalf("post %s: %d", id, st)
		}
		var mv api.MessageView
		if st := modCall(t, "GET", gw+"/v1/messages/"+id+"?locale="+locale, key, "", &mv); st != http.StatusOK {
			t.Fatalf("view %s in %s: %d", id, locale, st)
		}
		return mv
	}
	mv := view("reasons-1", "en", "de")
	if mv.Status != api.StatusOriginal || mv.ReasonCode != api.ReasonTranslationUnavailable || mv.Reason != api.ReasonText(api.ReasonTranslationUnavailable) {
		t.Fatalf("message view: status %s, reason_code %q, reason %q; want the original, translation_unavailable", mv.Status, mv.ReasonCode, mv.Reason)
	}
	for _, name := range []string{"openai", "gpt-4o-mini", "backend", "model is down"} {
		if strings.Contains(mv.Reason, name) {
			t.Errorf("message view reason %q names %q", mv.Reason, name)
		}
	}
	if mv := view("reasons-2", "en", "en"); mv.Status != api.StatusOriginal || mv.ReasonCode != api.ReasonSameLanguage {
		t.Fatalf("same-language view: status %s, reason_code %q, reason %q", mv.Status, mv.ReasonCode, mv.Reason)
	}
}

package suite_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestGlossaryRepairDoesNotRescueAnEcho: a model that echoes a Spanish
// message untranslated into English is rejected by quality (the source
// again, in Spanish). Verify would repair its two glossary terms
// (moderador → moderator, hilo → thread, from the repository's global
// glossaries), and the repaired text, no longer an exact copy, might pass
// a second look; it must not get one: Spanish with two English words is
// no English translation. The view serves the original, as such.
func TestGlossaryRepairDoesNotRescueAnEcho(t *testing.T) {
	const text = "El moderador cerró el hilo."
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(map[string]string{text: text}),
	})
	vars, gwAddr, _ := suiteVars(t, ollama, nil)
	runSuite(t, vars)

	res, err := http.Post("http://"+gwAddr+"/v1/translate", "application/json",
		strings.NewReader(`{"text":"`+text+`","source":"es","target":"en"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v api.View
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("translate: %d %v %+v", res.StatusCode, err, v)
	}
	if v.Status != api.StatusOriginal || v.Text != text || v.Reason != "every translation was rejected by quality estimation" {
		t.Fatalf("served %q (%s: %s), want the original after quality's rejection; glossary %+v, attempts %+v",
			v.Text, v.Status, v.Reason, v.Glossary, v.Attempts)
	}
	if len(v.Attempts) == 0 || !strings.HasPrefix(v.Attempts[len(v.Attempts)-1].Error, "quality rejected the translation (score ") ||
		strings.Contains(v.Attempts[len(v.Attempts)-1].Error, "glossary repairs") {
		t.Errorf("attempts %+v, want the model's answer rejected without a second look at its repair", v.Attempts)
	}
}

package translate_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// The LLM suite against a real Ollama: `make test-ollama` runs the
// TestRealOllama* tests with OLLAMA_HOST (and OLLAMA_MODEL, default
// qwen2.5:3b) and PARLEY_TEST_OLLAMA=1; without them they skip, so that
// `go test ./...` never depends on a model. A real model is not perfect:
// these tests assert what the chain guarantees whatever the model does (a
// served translation keeps every entity; an obeyed instruction is never
// served; nothing fails) and log how often the model was good enough.

// realChain is a chain with one Ollama rung on the real server, or skips.
func realChain(t *testing.T) *translate.Chain {
	t.Helper()
	host := os.Getenv("OLLAMA_HOST")
	if host == "" || os.Getenv("PARLEY_TEST_OLLAMA") == "" {
		t.Skip("real-Ollama suite: run `make test-ollama` with OLLAMA_HOST set (it sets PARLEY_TEST_OLLAMA=1)")
	}
	model := os.Getenv("OLLAMA_MODEL")
	if model == "" {
		model = ollama.DefaultModel
	}
	ob, err := ollama.New(t.Context(), ollama.Config{Host: host, Model: model, Stream: true, ProbeTimeout: 5 * time.Second, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !ob.Available() {
		ob.Close()
		t.Skipf("Ollama at %s does not have %s (ollama pull %s)", host, model, model)
	}
	c := translate.NewChain([]translate.Rung{{Name: "ollama", Backend: ob, Timeout: 3 * time.Minute}}, translate.ChainConfig{}, nil)
	t.Cleanup(func() { c.Close() })
	return c
}

func TestRealOllamaEntities(t *testing.T) {
	c := realChain(t)
	served := 0
	for _, tt := range entityCases {
		source, target := tt.source, tt.target
		if source == "" {
			source = "en"
		}
		if target == "" {
			target = "es"
		}
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: source, Target: target, Protect: tt.protect})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if resp.Status != api.StatusTranslated {
			t.Logf("%-40s not served: %s", tt.name, resp.Reason)
			continue
		}
		served++
		for _, k := range tt.keep {
			if strings.Count(resp.Text, k) != strings.Count(tt.text, k) {
				t.Errorf("%s: %q lost in the served translation %q", tt.name, k, resp.Text)
			}
		}
		t.Logf("%-40s %q", tt.name, resp.Text)
	}
	t.Logf("served %d of %d entity cases (the rest fell back to the original)", served, len(entityCases))
}

func TestRealOllamaInjections(t *testing.T) {
	c := realChain(t)
	obey := fakellm.Obey(nil)
	served := 0
	for _, in := range injections {
		source, target := in.pair()
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: in.text, Source: source, Target: target})
		if err != nil {
			t.Fatalf("%q: %v", in.text, err)
		}
		if resp.Status != api.StatusTranslated {
			t.Logf("not served: %-60q %s", in.text, resp.Reason)
			continue
		}
		served++
		// What an obeying model answers; the served text must not be it.
		obeyed, _ := obey(fakellm.Request{User: "<<<MESSAGE x>>>\n" + in.text + "\n<<<END MESSAGE x>>>", System: "(system)"})
		if strings.EqualFold(strings.TrimSpace(resp.Text), strings.TrimSpace(obeyed)) {
			t.Errorf("%q: the obeyed answer %q was served", in.text, resp.Text)
		}
		t.Logf("served: %-60q -> %q", in.text, resp.Text)
	}
	t.Logf("served %d of %d injections as translations", served, len(injections))
}

func TestRealOllamaBatchAndFormality(t *testing.T) {
	c := realChain(t)
	items := chatItems()
	resp, err := c.TranslateBatch(t.Context(), api.TranslateBatchRequest{Target: "es", Items: items})
	if err != nil {
		t.Fatal(err)
	}
	byPrompt := map[string]int{}
	for _, r := range resp.Items {
		if r.Error != nil {
			t.Errorf("item %s: %v", r.ID, r.Error)
		}
		byPrompt[r.PromptID+" "+r.Status]++
	}
	t.Logf("batch of %d: %v", len(items), byPrompt)
	for _, f := range []string{api.FormalityFormal, api.FormalityInformal} {
		r, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Can you help me with the report?", Source: "en", Target: "de", Formality: f})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("de %s: %s %q", f, r.Status, r.Text)
	}
}

package translate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestChainReasonCodes: every answer served as the original says why as a
// code clients can put in a reader's language (api.ReasonCodes), derived
// from what the chain did, while Reason keeps the detail its callers
// read: the rungs and what each answered.
func TestChainReasonCodes(t *testing.T) {
	// No rung hangs here: a long timeout, so that a busy machine does not
	// turn ollama's answer (or its busy reply and retry) into a timeout.
	llm, f := newLLMChain(t, 10*time.Second, translate.ChainConfig{})
	down := fakellm.StartOllama(t, fakellm.Config{Models: []string{"other:1b"}})
	ob, err := ollama.New(t.Context(), ollama.Config{Host: down.URL(), Model: "qwen2.5:3b", Languages: llmLanguages, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pair := translate.NewChain([]translate.Rung{
		{Name: "ollama", Backend: ob},
		{Name: "apertium", Disabled: "not installed"},
	}, translate.ChainConfig{}, nil)
	t.Cleanup(func() { pair.Close() })
	off := translate.NewChain([]translate.Rung{{Name: "apertium", Disabled: "not installed"}}, translate.ChainConfig{}, nil)
	t.Cleanup(func() { off.Close() })

	// A translation has no reason.
	resp, err := llm.Translate(t.Context(), api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated || resp.Reason != "" || resp.ReasonCode != "" {
		t.Errorf("translation: status %s, reason %q, reason_code %q", resp.Status, resp.Reason, resp.ReasonCode)
	}

	tests := []struct {
		name       string
		chain      *translate.Chain
		fail       bool // both LLM rungs fail
		req        api.TranslateRequest
		wantCode   string
		wantReason []string // in Reason
	}{
		{name: "same language", chain: llm, req: api.TranslateRequest{Text: "Colour me impressed", Source: "en-GB", Target: "en-US"},
			wantCode: api.ReasonSameLanguage, wantReason: []string{"same language"}},
		{name: "nothing to translate", chain: llm, req: api.TranslateRequest{Text: "@ana https://example.com/x", Source: "en", Target: "es"},
			wantCode: api.ReasonNothingToTranslate, wantReason: []string{"nothing to translate"}},
		{name: "every rung failed", chain: llm, fail: true, req: api.TranslateRequest{Text: "Good night, everyone!", Source: "en", Target: "es"},
			wantCode: api.ReasonTranslationUnavailable, wantReason: []string{"no backend translated en to es", "ollama: busy", "openai: failed"}},
		{name: "every rung excluded", chain: llm, req: api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", Exclude: []string{"ollama", "openai"}},
			wantCode: api.ReasonTranslationUnavailable, wantReason: []string{"every backend was excluded"}},
		{name: "no rung translates the pair", chain: llm, req: api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "ja"},
			wantCode: api.ReasonUnsupportedPair, wantReason: []string{"ollama: skipped: does not translate en to ja", "openai: skipped: does not translate en to ja"}},
		{name: "unsupported beside not installed", chain: pair, req: api.TranslateRequest{Text: "Good morning", Source: "en", Target: "ja"},
			wantCode: api.ReasonUnsupportedPair, wantReason: []string{"apertium: skipped: not installed"}},
		{name: "a rung down is no unsupported pair", chain: pair, req: api.TranslateRequest{Text: "Good morning", Source: "en", Target: "es"},
			wantCode: api.ReasonTranslationUnavailable, wantReason: []string{"ollama: skipped: unavailable"}},
		{name: "nothing configured", chain: off, req: api.TranslateRequest{Text: "Good morning", Source: "en", Target: "es"},
			wantCode: api.ReasonDisabled, wantReason: []string{"apertium: skipped: not installed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fail {
				f.ollama.SetMode(fakellm.Busy)
				f.openai.SetMode(fakellm.ServerError)
				defer f.ollama.SetMode(fakellm.OK)
				defer f.openai.SetMode(fakellm.OK)
			}
			resp, err := tt.chain.Translate(t.Context(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusOriginal || resp.ReasonCode != tt.wantCode {
				t.Fatalf("status %s, reason_code %q (%s), want original with %q; attempts %+v", resp.Status, resp.ReasonCode, resp.Reason, tt.wantCode, resp.Attempts)
			}
			for _, w := range tt.wantReason {
				if !strings.Contains(resp.Reason, w) {
					t.Errorf("reason %q does not say %q", resp.Reason, w)
				}
			}
		})
	}
}

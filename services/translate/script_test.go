package translate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestChainScriptChange: a change of script (zh-Hans → zh-Hant, sr-Cyrl →
// sr-Latn) is a translation: Apertium, which has no such pair, is skipped,
// and the LLM rung is asked, with the prompt naming both written forms;
// its answer passes the output checks. A change of region is none.
func TestChainScriptChange(t *testing.T) {
	model := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(map[string]string{
		"我明天早上把报告发给你。":                         "我明天早上把報告發給你。",
		"Сутра ујутру ћу ти послати извештај.": "Sutra ujutru ću ti poslati izveštaj.",
	})})
	llm, err := openai.New(t.Context(), openai.Config{BaseURL: model.BaseURL(), Model: "gpt-4o-mini", Languages: []string{"en", "zh", "sr"}, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rungs := []translate.Rung{{Name: openai.Name, Backend: llm, Timeout: 5 * time.Second}}
	if apertium.Available() {
		if e, err := apertium.New(apertium.Config{}, nil); err == nil {
			rungs = append([]translate.Rung{{Name: "apertium", Backend: e, Timeout: 5 * time.Second}}, rungs...)
		}
	}
	c := translate.NewChain(rungs, translate.ChainConfig{}, nil)
	defer c.Close()

	tests := []struct {
		text, source, target string
		want, prompt         string
	}{
		{"我明天早上把报告发给你。", "zh-Hans", "zh-Hant", "我明天早上把報告發給你。", "Traditional Chinese"},
		{"我明天早上把报告发给你。", "zh-Hans", "zh-TW", "我明天早上把報告發給你。", "Chinese (Taiwan), Traditional Han script"},
		{"Сутра ујутру ћу ти послати извештај.", "sr-Cyrl", "sr-Latn", "Sutra ujutru ću ti poslati izveštaj.", "Serbian (Latin)"},
	}
	for _, tt := range tests {
		t.Run(tt.source+">"+tt.target, func(t *testing.T) {
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: tt.source, Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusTranslated || resp.Backend != openai.Name || resp.Text != tt.want {
				t.Fatalf("got %+v", resp)
			}
			for _, a := range resp.Attempts {
				if a.Backend != "apertium" || !strings.HasPrefix(a.Error, "skipped: does not translate") {
					t.Errorf("attempt %+v", a)
				}
			}
			req, _ := model.LastRequest()
			if !strings.Contains(req.System+req.User, tt.prompt) {
				t.Errorf("the prompt does not name %q:\n%s\n%s", tt.prompt, req.System, req.User)
			}
		})
	}
	calls := len(model.Requests())
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "我明天早上把报告发给你。", Source: "zh-CN", Target: "zh-Hans"})
	if err != nil || resp.Status != api.StatusOriginal || resp.Reason != "same language" || len(model.Requests()) != calls {
		t.Errorf("zh-CN>zh-Hans: %+v %v", resp, err)
	}
}

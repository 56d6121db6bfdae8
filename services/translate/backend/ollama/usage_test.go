package ollama_test

import (
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestUsage checks that a translation reports the tokens the server
// counted (prompt_eval_count, eval_count), streamed or not, and that a
// failed call still names its model for the per-model metrics.
func TestUsage(t *testing.T) {
	for _, stream := range []bool{true, false} {
		t.Run(map[bool]string{true: "stream", false: "single"}[stream], func(t *testing.T) {
			f := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
			b := newBackend(t, f, stream)
			res, err := b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			prompt, completion := f.Tokens()
			if res.Usage.Prompt != prompt || res.Usage.Completion != completion || prompt == 0 || completion == 0 {
				t.Fatalf("usage %+v, server counted %d/%d", res.Usage, prompt, completion)
			}
			f.SetMode(fakellm.Busy)
			res, err = b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "es"})
			if err == nil || res.Model != "qwen2.5:3b" {
				t.Fatalf("busy server: result %+v, err %v", res, err)
			}
		})
	}
}

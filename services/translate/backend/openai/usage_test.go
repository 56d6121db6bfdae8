package openai_test

import (
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestUsage checks that a translation reports the tokens of the response's
// usage object, and that a failed call still names its model for the
// per-model metrics.
func TestUsage(t *testing.T) {
	f := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
	b := newBackend(t, f, openai.Config{})
	res, err := b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	prompt, completion := f.Tokens()
	if res.Usage.Prompt != prompt || res.Usage.Completion != completion || prompt == 0 || completion == 0 {
		t.Fatalf("usage %+v, server counted %d/%d", res.Usage, prompt, completion)
	}
	f.SetMode(fakellm.Busy)
	res, err = b.Translate(t.Context(), backend.Request{Text: "Good morning, everyone!", Source: "en", Target: "fr"})
	if err == nil || res.Model != "gpt-4o-mini" {
		t.Fatalf("busy server: result %+v, err %v", res, err)
	}
}

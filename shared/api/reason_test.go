package api_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestSkipReasonCode(t *testing.T) {
	skip := func(why ...string) []api.Attempt {
		out := make([]api.Attempt, len(why))
		for i, w := range why {
			out[i] = api.Attempt{Backend: "rung", Error: w}
		}
		return out
	}
	tests := []struct {
		name     string
		attempts []api.Attempt
		want     string
	}{
		{"no rung tried", nil, api.ReasonTranslationUnavailable},
		{"a rung failed", skip("failed: HTTP 500", "skipped: does not translate en to ja"), api.ReasonTranslationUnavailable},
		{"quality rejected", skip("quality rejected the translation (score 12)"), api.ReasonTranslationUnavailable},
		{"a rung down", skip("skipped: does not translate en to ja", "skipped: unavailable"), api.ReasonTranslationUnavailable},
		{"circuit open", skip("skipped: circuit open after repeated failures"), api.ReasonTranslationUnavailable},
		{"out of time", skip("skipped: no time left in the request's budget"), api.ReasonTranslationUnavailable},
		{"unknown skip", skip("skipped: moon in the wrong phase"), api.ReasonTranslationUnavailable},
		{"pair unsupported", skip("skipped: does not translate en to ja", "skipped: does not translate en to ja"), api.ReasonUnsupportedPair},
		{"unsupported, rest not configured", skip("skipped: does not translate en to ja", "skipped: not installed"), api.ReasonUnsupportedPair},
		{"kill switch", skip("skipped: turned off by the no_llm kill switch", "skipped: does not translate en to ja"), api.ReasonDisabled},
		{"nothing configured", skip("skipped: not configured (set OPENAI_BASE_URL)", "skipped: not installed"), api.ReasonDisabled},
	}
	for _, tt := range tests {
		if got := api.SkipReasonCode(tt.attempts); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestReasonText: every code has its own generic line, which names no
// backend, and a code the text does not know reads as a translation that
// was not served.
func TestReasonText(t *testing.T) {
	seen := map[string]string{}
	for _, code := range api.ReasonCodes {
		text := api.ReasonText(code)
		if text == "" || seen[text] != "" {
			t.Errorf("%s: text %q (also %s's)", code, text, seen[text])
		}
		seen[text] = code
		for _, name := range []string{"ollama", "openai", "apertium", "backend", "model"} {
			if strings.Contains(strings.ToLower(text), name) {
				t.Errorf("%s: %q names %s", code, text, name)
			}
		}
	}
	if got, want := api.ReasonText("from_the_future"), api.ReasonText(api.ReasonTranslationUnavailable); got != want {
		t.Errorf("unknown code: %q, want %q", got, want)
	}
}

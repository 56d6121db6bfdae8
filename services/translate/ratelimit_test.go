package translate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// An endpoint that answered 429 with Retry-After is not asked again before
// that time by any request, not only by the one that was refused: the
// next requests skip the rung (counted as rate_limited) and the next rung
// serves, and /v1/languages shows the rung unavailable until then.
func TestRetryAfterPausesTheRung(t *testing.T) {
	f := fakellm.StartOpenAI(t, fakellm.Config{Mode: fakellm.RateLimited, RetryAfter: "30"})
	ab, err := openai.New(t.Context(), openai.Config{BaseURL: f.BaseURL(), Model: "gpt-4o-mini", Languages: []string{"en", "es"}, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	c := translate.NewChain([]translate.Rung{
		{Name: "openai", Backend: ab, Timeout: 3 * time.Second},
		{Name: "apertium", Backend: engine{}},
	}, translate.ChainConfig{RetryBackoff: time.Millisecond, Metrics: translate.NewMetrics(reg)}, nil)
	defer c.Close()
	for i := range 4 {
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Backend != "apertium" || len(resp.Attempts) == 0 {
			t.Fatalf("request %d: %+v", i, resp)
		}
		if why := api.SkipReason(resp.Attempts[0].Error); i > 0 && why != api.SkipRateLimited {
			t.Errorf("request %d: openai attempt %q, want skipped as %s", i, resp.Attempts[0].Error, api.SkipRateLimited)
		}
	}
	if got := len(f.Requests()); got != 1 {
		t.Errorf("the endpoint was called %d times within its Retry-After, want 1", got)
	}
	if got := series(t, reg, "parley_translate_skips_total", "backend", "openai", "reason", api.SkipRateLimited); got != 3 {
		t.Errorf("rate_limited skips = %v, want 3", got)
	}
	if b := c.Languages(t.Context()).Backends[0]; b.Available || !strings.HasPrefix(b.Reason, api.SkipTextRateLimited) {
		t.Errorf("languages: %+v, want unavailable, rate limited", b)
	}
}

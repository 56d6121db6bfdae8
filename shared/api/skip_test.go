package api_test

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestSkipReason(t *testing.T) {
	tests := []struct{ err, want string }{
		{"timed out: no answer within 4.9s", ""},
		{"quality rejected the translation (score 12)", ""},
		{"", ""},
		{"skipped: unavailable", api.SkipUnavailable},
		{"skipped: circuit open after repeated failures", api.SkipCircuitOpen},
		{"skipped: no time left in the request's budget", api.SkipNoTime},
		{"skipped: too little time left: 1s of 1.5s is kept for apertium", api.SkipNoTime},
		{"skipped: the request was canceled", api.SkipCanceled},
		{"skipped: does not translate en to ja", api.SkipUnsupported},
		{"skipped: turned off by the no_llm kill switch", api.SkipKillSwitch},
		{"skipped: not configured (set OPENAI_BASE_URL or OPENAI_API_KEY)", api.SkipNotConfigured},
		{"skipped: not installed", api.SkipNotConfigured},
		{"skipped: something new", api.SkipOther},
	}
	for _, tt := range tests {
		if got := api.SkipReason(tt.err); got != tt.want {
			t.Errorf("SkipReason(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

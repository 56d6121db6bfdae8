package moderation_test

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestSettingsOutOfRangeAreRefused: MAX_TEXT_CHARS and PARLEY_JS_REPLICAS
// out of range stop the service at start, naming the setting, as they
// stop the gateway; they are not replaced by the default without a word.
func TestSettingsOutOfRangeAreRefused(t *testing.T) {
	for _, tc := range []struct{ key, value, want string }{
		{"MAX_TEXT_CHARS", "-10", "MAX_TEXT_CHARS=-10 is below 1"},
		{"MAX_TEXT_CHARS", "0", "MAX_TEXT_CHARS=0 is below 1"},
		{"PARLEY_JS_REPLICAS", "-2", "PARLEY_JS_REPLICAS=-2 is below 1"},
	} {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			env := config.NewReader(config.Map(map[string]string{tc.key: tc.value}))
			_, err := moderation.Start(context.Background(), svcmain.Deps{Env: env})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("start error %v, want %q", err, tc.want)
			}
		})
	}
}

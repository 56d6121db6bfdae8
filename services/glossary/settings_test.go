package glossary_test

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestReplicasOutOfRangeAreRefused: replicas JetStream cannot have stop
// the start naming the setting, before the store is opened.
func TestReplicasOutOfRangeAreRefused(t *testing.T) {
	for _, tc := range []struct{ key, value, want string }{
		{"GLOSSARY_REPLICAS", "0", "GLOSSARY_REPLICAS=0 is below 1"},
		{"GLOSSARY_REPLICAS", "6", "GLOSSARY_REPLICAS=6 is above 5"},
		{"PARLEY_JS_REPLICAS", "-2", "PARLEY_JS_REPLICAS=-2 is below 1"},
	} {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			env := config.NewReader(config.Map(map[string]string{tc.key: tc.value, "GLOSSARY_SYNC": "false"}))
			_, err := glossary.Start(context.Background(), svcmain.Deps{Env: env})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("start error %v, want %q", err, tc.want)
			}
		})
	}
}

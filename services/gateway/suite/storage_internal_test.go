package suite

import (
	"strconv"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestFitBounds: bounds the environment does not set take their share of
// a small store (the defaults would not fit it: the suite did not start
// on a 40 MB disk), a large store leaves the defaults, a setting stays as
// it is set, and a stream that exists keeps its bound.
func TestFitBounds(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name     string
		maxStore int64
		env      map[string]string
		existing int64 // the chat stream's bound; 0: no stream
		want     map[string]int64
	}{
		{"small store", 36 * mib, nil, 0, map[string]int64{
			"MESSAGES_MAX_BYTES": 18 * mib, "TRANSLATE_CACHE_MAX_BYTES": 9 * mib,
			"EXPERIMENTS_MAX_BYTES": 36 * mib / 8, "EXPERIMENTS_FEEDBACK_MAX_BYTES": 36 * mib / 32}},
		{"tiny store: at least 1 MiB each", 4 * mib, nil, 0, map[string]int64{
			"MESSAGES_MAX_BYTES": 2 * mib, "TRANSLATE_CACHE_MAX_BYTES": mib,
			"EXPERIMENTS_MAX_BYTES": mib, "EXPERIMENTS_FEEDBACK_MAX_BYTES": mib}},
		{"large store: the defaults", 1 << 40, nil, 0, map[string]int64{
			"MESSAGES_MAX_BYTES": messages.DefaultMaxBytes, "TRANSLATE_CACHE_MAX_BYTES": int64(translate.DefaultCacheMaxBytes),
			"EXPERIMENTS_MAX_BYTES": experiment.DefaultMaxBytes, "EXPERIMENTS_FEEDBACK_MAX_BYTES": experiment.DefaultFeedbackMaxBytes}},
		{"set", 36 * mib, map[string]string{"MESSAGES_MAX_BYTES": "3145728"}, 0, map[string]int64{"MESSAGES_MAX_BYTES": 3 * mib}},
		{"existing stream keeps its bound", 36 * mib, nil, 5 * mib, map[string]int64{"MESSAGES_MAX_BYTES": 5 * mib}},
		{"unknown store: nothing fitted", 0, nil, 0, map[string]int64{"MESSAGES_MAX_BYTES": 0, "EXPERIMENTS_MAX_BYTES": 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
			if err != nil {
				t.Fatal(err)
			}
			if tc.existing > 0 {
				if _, err := js.CreateStream(t.Context(), jetstream.StreamConfig{Name: api.StreamChat,
					Subjects: []string{api.SubjectChatAll}, MaxBytes: tc.existing}); err != nil {
					t.Fatal(err)
				}
			}
			env, err := fitBounds(t.Context(), js, config.Map(tc.env), tc.maxStore)
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range tc.want {
				got := int64(0)
				if v := env(k); v != "" {
					if got, err = strconv.ParseInt(v, 10, 64); err != nil {
						t.Fatalf("%s=%q", k, v)
					}
				}
				if got != want {
					t.Errorf("%s = %d, want %d", k, got, want)
				}
			}
			if env("GATEWAY_ADDR") != "" {
				t.Errorf("an unrelated setting got a value")
			}
		})
	}
}

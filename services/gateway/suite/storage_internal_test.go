package suite

import (
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
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

// TestReservationsWarning: on a file store made smaller than the
// streams' bounds reserve (created at 40 MiB, restarted at 4 MiB),
// JetStream refuses to create a bucket and to lower a bound alike; the
// warning lists each stream and what it reserves and names the remedy
// that works, which this follows: a start with a larger store lowers the
// bound, and the smaller store then has room.
func TestReservationsWarning(t *testing.T) {
	const mib = 1 << 20
	dir := t.TempDir()
	var s *server.Server
	restart := func(maxStore int64) jetstream.JetStream {
		t.Helper()
		if s != nil {
			s.Shutdown()
			s.WaitForShutdown()
		}
		var err error
		if s, err = natsutil.RunEmbedded(natsutil.EmbedConfig{Host: "127.0.0.1", Port: -1, StoreDir: dir, MaxFileStore: maxStore}); err != nil {
			t.Fatal(err)
		}
		js, err := jetstream.New(natstest.Conn(t, s))
		if err != nil {
			t.Fatal(err)
		}
		return js
	}
	t.Cleanup(func() { s.Shutdown() })
	chat := jetstream.StreamConfig{Name: api.StreamChat, Subjects: []string{"chat.>"}, MaxBytes: 30 * mib}
	js := restart(40 * mib)
	if _, err := js.CreateStream(t.Context(), chat); err != nil {
		t.Fatal(err)
	}

	js = restart(4 * mib)
	var logged strings.Builder
	warnReservations(t.Context(), s, js, config.Map(nil), slog.New(slog.NewTextHandler(&logged, nil)))
	for _, want := range []string{"PARLEY_CHAT 30.0 MiB (MESSAGES_MAX_BYTES)", "raise PARLEY_JS_MAX_FILE_STORE above the reserved bytes", "reserved=31457280"} {
		if !strings.Contains(logged.String(), want) {
			t.Errorf("the warning lacks %q:\n%s", want, logged.String())
		}
	}
	chat.MaxBytes = mib // MESSAGES_MAX_BYTES=1048576, as the messages service applies it
	if _, err := js.UpdateStream(t.Context(), chat); !natsutil.ReserveRefused(err) {
		t.Errorf("lowering a bound on the over-reserved store: %v, want it refused (the warning's advice relies on it)", err)
	}
	if _, err := js.CreateKeyValue(t.Context(), jetstream.KeyValueConfig{Bucket: "glossary"}); !natsutil.ReserveRefused(err) {
		t.Errorf("creating a bucket on the over-reserved store: %v, want it refused", err)
	}

	// The remedy: a start with a larger store lowers the bound ...
	js = restart(40 * mib)
	if _, err := js.UpdateStream(t.Context(), chat); err != nil {
		t.Fatal(err)
	}
	// ... and the smaller store has room, with no warning.
	js = restart(4 * mib)
	logged.Reset()
	warnReservations(t.Context(), s, js, config.Map(nil), slog.New(slog.NewTextHandler(&logged, nil)))
	if logged.Len() > 0 {
		t.Errorf("warned on a store that holds the reservations:\n%s", logged.String())
	}
	if _, err := js.CreateKeyValue(t.Context(), jetstream.KeyValueConfig{Bucket: "glossary"}); err != nil {
		t.Errorf("create a bucket after lowering the bound: %v", err)
	}
}

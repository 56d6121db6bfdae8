package experiment_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

func TestBoundsFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    experiment.Bounds
		wantErr string
	}{
		{"defaults", nil, experiment.Bounds{Events: experiment.DefaultMaxBytes, Feedback: experiment.DefaultFeedbackMaxBytes}, ""},
		{"set", map[string]string{"EXPERIMENTS_MAX_BYTES": "4194304", "EXPERIMENTS_FEEDBACK_MAX_BYTES": "1048576"},
			experiment.Bounds{Events: 4 << 20, Feedback: 1 << 20}, ""},
		{"below 1 MiB", map[string]string{"EXPERIMENTS_MAX_BYTES": "1000"},
			experiment.Bounds{Events: experiment.DefaultMaxBytes, Feedback: experiment.DefaultFeedbackMaxBytes}, "EXPERIMENTS_MAX_BYTES=1000 is below"},
		{"not a number", map[string]string{"EXPERIMENTS_FEEDBACK_MAX_BYTES": "1GB"},
			experiment.Bounds{Events: experiment.DefaultMaxBytes, Feedback: experiment.DefaultFeedbackMaxBytes}, "EXPERIMENTS_FEEDBACK_MAX_BYTES"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := config.NewReader(config.Map(tc.env))
			got := experiment.BoundsFromEnv(r)
			if got != tc.want {
				t.Errorf("bounds %+v, want %+v", got, tc.want)
			}
			err := r.Err()
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("err %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestStreamsOnASmallStore: on a JetStream store too small for the
// default bounds (a 40 MB disk), creating the streams fails with an error
// that names the stream once and the setting to lower; with the settings
// lowered they are created with those bounds.
func TestStreamsOnASmallStore(t *testing.T) {
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), MaxFileStore: 36 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()

	_, err = experiment.EnsureStream(ctx, js, 1)
	if err == nil || !strings.Contains(err.Error(), "lower EXPERIMENTS_MAX_BYTES") || !natsutil.ReserveRefused(err) ||
		strings.Count(err.Error(), "experiment events:") != 1 || strings.Count(err.Error(), experiment.Stream) != 1 {
		t.Fatalf("events stream on a small store: %v", err)
	}
	_, err = experiment.EnsureFeedbackStream(ctx, js, 1, experiment.FeedbackMaxBytes(64<<20))
	if err == nil || !strings.Contains(err.Error(), "lower EXPERIMENTS_FEEDBACK_MAX_BYTES") || !natsutil.ReserveRefused(err) {
		t.Fatalf("feedback stream on a small store: %v", err)
	}

	st, err := experiment.EnsureStream(ctx, js, 1, experiment.MaxBytes(4<<20))
	if err != nil {
		t.Fatal(err)
	}
	if got := st.CachedInfo().Config.MaxBytes; got != 4<<20 {
		t.Fatalf("events stream bound %d", got)
	}
	st, err = experiment.EnsureFeedbackStream(ctx, js, 1, experiment.FeedbackMaxBytes(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	if got := st.CachedInfo().Config.MaxBytes; got != 1<<20 {
		t.Fatalf("feedback stream bound %d", got)
	}
}

package experiment_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestStoresRaiseReplicas: the experiments bucket, the events stream and
// the feedback stream, created with one replica (by `experiments put` or a
// translate replica or gateway run without PARLEY_JS_REPLICAS), are raised
// to 3 on a 3-node cluster by the next process configured with 3, and stay
// at 3 when one configured with 1 opens them again. The streams keep their
// byte bounds.
func TestStoresRaiseReplicas(t *testing.T) {
	servers := natstest.RunCluster(t, 3)
	nc, js := natstest.ClusterConn(t, servers)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	check := func(when string, want int) {
		t.Helper()
		for _, name := range []string{experiment.Stream, experiment.FeedbackStream, "KV_" + experiment.Bucket} {
			st, err := js.Stream(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			cfg := st.CachedInfo().Config
			if cfg.Replicas != want {
				t.Errorf("%s: %s has %d replicas, want %d", when, name, cfg.Replicas, want)
			}
			if name == experiment.Stream && cfg.MaxBytes != 1<<20 {
				t.Errorf("%s: %s max bytes %d, want the 1 MiB it was created with", when, name, cfg.MaxBytes)
			}
			if name == experiment.FeedbackStream && cfg.MaxBytes != 2<<20 {
				t.Errorf("%s: %s max bytes %d, want the 2 MiB it was created with", when, name, cfg.MaxBytes)
			}
		}
	}
	for _, step := range []struct {
		when     string
		replicas int
		want     int
	}{
		{"created without PARLEY_JS_REPLICAS", 1, 1},
		{"opened with 3", 3, 3},
		{"opened with 1 again", 1, 3},
	} {
		if _, err := experiment.EnsureStream(ctx, js, step.replicas, experiment.MaxBytes(1<<20)); err != nil {
			t.Fatalf("%s: %v", step.when, err)
		}
		if _, err := experiment.EnsureFeedbackStream(ctx, js, step.replicas, experiment.FeedbackMaxBytes(2<<20)); err != nil {
			t.Fatalf("%s: feedback: %v", step.when, err)
		}
		st, err := experiment.Open(ctx, nc, nil, kvstore.Replicas(step.replicas))
		if err != nil {
			t.Fatalf("%s: %v", step.when, err)
		}
		_ = st.Close()
		check(step.when, step.want)
	}
}

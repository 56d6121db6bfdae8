package experiments

import (
	"context"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/experiment"
)

// Decision is one guardrail verdict on a live experiment.
type Decision = experiment.Decision

// Source is where Check reads experiments; *experiment.Store is one.
type Source = experiment.Source

// Check analyzes the running experiments named (every one when names is
// empty) from the events stream and, unless dryRun, stops in KV each arm
// a guardrail condemns.
func Check(ctx context.Context, src Source, js jetstream.JetStream, names []string, dryRun bool) ([]Decision, error) {
	return experiment.Check(ctx, src, js, names, dryRun)
}

// Load reads the experiment's events from the stream and analyzes them
// (no stream yet: no events).
func Load(ctx context.Context, js jetstream.JetStream, e experiment.Experiment) (Report, error) {
	return experiment.LoadReport(ctx, js, e)
}

// Watch runs Check on every running experiment each interval until ctx
// ends, logging each stop (the translate service runs the same loop; see
// experiment.Watch).
func Watch(ctx context.Context, src Source, js jetstream.JetStream, interval time.Duration, log *slog.Logger) error {
	return experiment.Watch(ctx, src, js, interval, log)
}

package experiment

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Decision is one guardrail verdict on a live experiment.
type Decision struct {
	Experiment string `json:"experiment"`
	Stop
	// Applied is false for a dry run (or an arm that was stopped by
	// someone else meanwhile).
	Applied bool `json:"applied"`
}

// Source is where Check reads experiments; *experiment.Store is one.
type Source interface {
	ArmStopper
	List() []Experiment
	Get(name string) (Experiment, bool)
}

// Check analyzes the running experiments named (every one when names is
// empty) from the events stream and, unless dryRun, stops in KV each arm
// a guardrail condemns.
func Check(ctx context.Context, src Source, js jetstream.JetStream, names []string, dryRun bool) ([]Decision, error) {
	exps := src.List()
	if len(names) > 0 {
		exps = exps[:0:0]
		for _, n := range names {
			e, ok := src.Get(n)
			if !ok {
				return nil, fmt.Errorf("no experiment %q", n)
			}
			exps = append(exps, e)
		}
	}
	var out []Decision
	for _, e := range exps {
		if e.Status != StatusRunning {
			continue
		}
		r, err := LoadReport(ctx, js, e)
		if err != nil {
			return out, err
		}
		stops := GuardrailStops(e, r)
		if dryRun {
			for _, s := range stops {
				out = append(out, Decision{Experiment: e.Name, Stop: s})
			}
			continue
		}
		done, err := Enforce(ctx, src, e, stops)
		for _, s := range done {
			out = append(out, Decision{Experiment: e.Name, Stop: s, Applied: true})
		}
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// LoadReport reads the experiment's events from the stream and analyzes them
// (no stream yet: no events).
func LoadReport(ctx context.Context, js jetstream.JetStream, e Experiment) (Report, error) {
	evs, err := Read(ctx, js, e.Name)
	if err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
		return Report{}, err
	}
	return Analyze(e, evs), nil
}

// Watch runs Check on every running experiment each interval until ctx
// ends, logging each stop: the guardrails' automatic enforcement. Every
// translate replica runs it (EXPERIMENT_GUARD_INTERVAL); that is safe
// because StopArm is a revision-checked write that is a no-op for an arm
// already stopped, so replicas that reach the same verdict at once stop
// the arm once.
func Watch(ctx context.Context, src Source, js jetstream.JetStream, interval time.Duration, log *slog.Logger) error {
	return WatchNotify(ctx, src, js, interval, log, nil)
}

// WatchNotify is Watch calling onStop (when not nil) with each arm this
// process stopped, so that a stop is counted where it is made (a metric
// an alert can watch), once across replicas.
func WatchNotify(ctx context.Context, src Source, js jetstream.JetStream, interval time.Duration, log *slog.Logger, onStop func(Decision)) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		ds, err := Check(ctx, src, js, nil, false)
		for _, d := range ds {
			log.Warn("experiment arm stopped by a guardrail", "experiment", d.Experiment, "arm", d.Arm, "reason", d.Reason)
			if onStop != nil && d.Applied {
				onStop(d)
			}
		}
		if err != nil && ctx.Err() == nil {
			log.Error("guardrail check failed; retrying at the next interval", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

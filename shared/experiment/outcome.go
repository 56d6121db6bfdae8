package experiment

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
	"github.com/parley-chat/parley/shared/service"
)

// OutcomeEvent is the outcome of a view served under an experiment arm
// (v.Experiment set): its status, latency, fallbacks (rungs tried and
// failed, not those skipped) and quality score when it was translated.
func OutcomeEvent(ctx context.Context, v *api.View) Event {
	ev := Event{
		Type: Outcome, Experiment: v.Experiment.Experiment, Arm: v.Experiment.Arm, Control: v.Experiment.Control,
		RequestID: service.RequestID(ctx), Source: v.SourceLanguage, Target: v.TargetLanguage,
		Backend: v.Backend, Model: v.Model, Status: v.Status, LatencyMS: ms(v.Took),
	}
	for _, a := range v.Attempts {
		if !strings.HasPrefix(a.Error, "skipped: ") {
			ev.Fallbacks++
		}
	}
	if v.Quality != nil && v.Status == api.StatusTranslated {
		q := v.Quality.Score
		ev.Quality = &q
	}
	return ev
}

// ms is d in milliseconds, to the microsecond.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// OnOutcome is a pipeline.Pipeline OnOutcome hook that publishes the
// outcome event of every view an experiment arm served, wherever the
// view is built (the gateway's reads, services/messages' pre-translated
// views). A failed publish is logged (log may be nil) and the view still
// served: an outcome is a measurement, not part of the answer.
func (p Publisher) OnOutcome(log *slog.Logger) func(ctx context.Context, req pipeline.Request, v *api.View) {
	return func(ctx context.Context, req pipeline.Request, v *api.View) {
		if v == nil || v.Experiment == nil {
			return
		}
		ev := OutcomeEvent(ctx, v)
		ev.Tenant = req.Tenant
		if err := p.Publish(ev); err != nil && log != nil {
			log.Warn("outcome event not published", "experiment", v.Experiment.Experiment, "err", err)
		}
	}
}

package experiment

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/lru"
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
		Unit: v.ExperimentUnit,
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
//
// A unit's view of one message (or, without a message id, one text) in
// one language under one arm is one sample, however often it is built:
// a conversation that sends the same text forty times, served from the
// translate cache, must not weigh forty times. The hook publishes it once
// per recentViews entries (a day at most), and each view served again
// with a request id as a Repeat event (no measurement, only the request
// id, unit and view), so that feedback naming that request id alone is
// credited to the view; Analyze folds the repeats this process could not
// tell (another replica, a restart) by the event's View.
func (p Publisher) OnOutcome(log *slog.Logger) func(ctx context.Context, req pipeline.Request, v *api.View) {
	seen := lru.New[string, struct{}](recentViews, 24*time.Hour, nil)
	return func(ctx context.Context, req pipeline.Request, v *api.View) {
		if v == nil || v.Experiment == nil {
			return
		}
		ev := OutcomeEvent(ctx, v)
		ev.Tenant, ev.MessageID = req.Tenant, req.MessageID
		// Front ends validate the request before Run (NFC text), as the
		// gateway validates feedback's original: normalise again in case.
		ev.View = ViewKey(ev.Experiment, ev.Arm, v.TargetLanguage, req.MessageID, norm.NFC.String(req.Text))
		key := ev.Unit + "/" + ev.View
		if _, ok := seen.Get(key); ok && ev.Unit != "" {
			// Not a new sample, but a reader (in a group chat, every
			// reader after the first) may send feedback naming only this
			// request id: record which view it served again.
			if ev.RequestID != "" {
				if err := p.Publish(RepeatEvent(ev)); err != nil && log != nil {
					log.Warn("repeat event not published", "experiment", v.Experiment.Experiment, "err", err)
				}
			}
			return
		}
		if err := p.Publish(ev); err != nil {
			if log != nil {
				log.Warn("outcome event not published", "experiment", v.Experiment.Experiment, "err", err)
			}
			return
		}
		if ev.Unit != "" {
			// Without a unit (a translate replica older than units) the
			// view cannot be told from another unit's: each one counts.
			seen.Add(key, struct{}{})
		}
	}
}

// RepeatEvent is the Repeat event of an outcome ev that OnOutcome folded
// into the unit's earlier view: the request id it was served again under,
// with the unit and view that name the sample, and nothing measured.
func RepeatEvent(ev Event) Event {
	return Event{Type: Repeat, Time: ev.Time, Experiment: ev.Experiment, Arm: ev.Arm, Control: ev.Control,
		RequestID: ev.RequestID, Target: ev.Target, Tenant: ev.Tenant, MessageID: ev.MessageID, Unit: ev.Unit, View: ev.View}
}

// recentViews bounds the views OnOutcome remembers (about 100 bytes each).
const recentViews = 50_000

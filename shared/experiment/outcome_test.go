package experiment_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/pipeline"
	"github.com/parley-chat/parley/shared/service"
)

func TestOutcomeEvent(t *testing.T) {
	v := &api.View{
		Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es", Backend: "openai", Model: "gpt-4o-mini",
		DurationMS: 420, Took: 420*time.Millisecond + 250*time.Microsecond, Quality: &api.QualityResponse{Score: 77},
		Attempts: []api.Attempt{
			{Backend: "ollama", Error: "timed out: no answer within 2s"},
			{Backend: "apertium", Error: "skipped: not installed"},
		},
		Experiment: &api.ExperimentAssignment{Experiment: "bake-off", Arm: "hosted"},
	}
	ev := experiment.OutcomeEvent(context.Background(), v)
	if ev.Type != experiment.Outcome || ev.Experiment != "bake-off" || ev.Arm != "hosted" || ev.Quality == nil || *ev.Quality != 77 ||
		ev.LatencyMS != 420.25 || ev.Fallbacks != 1 || ev.Backend != "openai" {
		t.Fatalf("event %+v", ev)
	}
	v.Status = api.StatusOriginal
	if ev := experiment.OutcomeEvent(context.Background(), v); ev.Quality != nil {
		t.Fatal("an untranslated view carries a quality score")
	}
}

// TestOnOutcomeRecordsTenant checks that the outcome event of a view
// carries the tenant of its request, so results can be told per tenant.
func TestOnOutcomeRecordsTenant(t *testing.T) {
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	sub, err := nc.SubscribeSync(api.SubjectExperimentEvents + ".>")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	hook := experiment.Publisher{NC: nc}.OnOutcome(nil)
	v := &api.View{Status: api.StatusTranslated, Experiment: &api.ExperimentAssignment{Experiment: "bake-off", Arm: "hosted"}}
	hook(t.Context(), pipeline.Request{Tenant: "acme"}, v)
	m, err := sub.NextMsg(5 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var ev experiment.Event
	if err := json.Unmarshal(m.Data, &ev); err != nil || ev.Tenant != "acme" || ev.Type != experiment.Outcome {
		t.Fatalf("event %s: %v", m.Data, err)
	}
}

// eventWait is how long a test waits for the hook's event: long when one
// is published (on a busy machine the round trip through the server can
// take far more than the 200 ms that show that none came).
func eventWait(published bool) time.Duration {
	if published {
		return 10 * time.Second
	}
	return 200 * time.Millisecond
}

// TestOnOutcomeOncePerUnitView: the outcome event carries the view's
// hashed unit and its view key, and a unit's view of one text (or
// message) in one language under one arm is published once however often
// it is built (a cached view re-served is not a new sample); without a
// unit (a translate replica older than units) every view is published.
func TestOnOutcomeOncePerUnitView(t *testing.T) {
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	sub, err := nc.SubscribeSync(api.SubjectExperimentEvents + ".>")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	hook := experiment.Publisher{NC: nc}.OnOutcome(nil)
	as := func(arm string) *api.ExperimentAssignment {
		return &api.ExperimentAssignment{Experiment: "bake-off", Arm: arm}
	}
	tests := []struct {
		name string
		req  pipeline.Request
		arm  string
		unit string
		want bool // published
	}{
		{"first view", pipeline.Request{Text: "Hello", Target: "es"}, "a", "u1", true},
		{"the same text again, same unit", pipeline.Request{Text: "Hello", Target: "es"}, "a", "u1", false},
		{"the same text, another unit", pipeline.Request{Text: "Hello", Target: "es"}, "a", "u2", true},
		{"another language", pipeline.Request{Text: "Hello", Target: "fr"}, "a", "u1", true},
		{"another text", pipeline.Request{Text: "Bye", Target: "es"}, "a", "u1", true},
		{"a message of the same text", pipeline.Request{Text: "Hello", Target: "es", MessageID: "m1"}, "a", "u1", true},
		{"that message again", pipeline.Request{Text: "Hello", Target: "es", MessageID: "m1"}, "a", "u1", false},
		{"another arm (the unit's arm was stopped)", pipeline.Request{Text: "Hello", Target: "es"}, "b", "u1", true},
		{"no unit", pipeline.Request{Text: "Hello", Target: "es"}, "a", "", true},
		{"no unit, again", pipeline.Request{Text: "Hello", Target: "es"}, "a", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &api.View{Status: api.StatusTranslated, TargetLanguage: tt.req.Target, Cache: api.CacheMemory,
				Experiment: as(tt.arm), ExperimentUnit: tt.unit}
			hook(t.Context(), tt.req, v)
			m, err := sub.NextMsg(eventWait(tt.want))
			if !tt.want {
				if err == nil {
					t.Fatalf("published again: %s", m.Data)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ev experiment.Event
			if err := json.Unmarshal(m.Data, &ev); err != nil {
				t.Fatal(err)
			}
			if ev.Unit != tt.unit || ev.MessageID != tt.req.MessageID ||
				ev.View != experiment.ViewKey("bake-off", tt.arm, tt.req.Target, tt.req.MessageID, tt.req.Text) {
				t.Fatalf("event %s", m.Data)
			}
		})
	}
}

// TestAssignUnit: the assignment carries its unit hashed, the same in
// every process, never the id, and another experiment's hash differs.
func TestAssignUnit(t *testing.T) {
	e := experiment.Experiment{Name: "units", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}}
	other := e
	other.Name = "units-2"
	tests := []struct {
		name  string
		e     experiment.Experiment
		by    flags.Unit
		attrs experiment.Attributes
		unit  string
	}{
		{"by conversation", e, "", experiment.Attributes{Conversation: "conv-1", User: "ana"}, "conv-1"},
		{"by user", e, flags.ByUser, experiment.Attributes{Conversation: "conv-1", User: "ana"}, "ana"},
		{"another experiment", other, "", experiment.Attributes{Conversation: "conv-1"}, "conv-1"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.e.By = tt.by
			as, ok := tt.e.Assign(tt.attrs)
			if !ok || as.Unit != experiment.UnitID(&tt.e, tt.unit) || len(as.Unit) != 32 || strings.Contains(as.Unit, tt.unit) {
				t.Fatalf("unit %q of %q", as.Unit, tt.unit)
			}
			if seen[as.Unit] {
				t.Fatalf("unit %q repeats another experiment's or unit's", as.Unit)
			}
			seen[as.Unit] = true
		})
	}
}

// TestOnOutcomePublishesRepeats: a unit's view served again is no new
// outcome, but with a request id it is a Repeat event naming that id, the
// unit and the view (no measurement), so that feedback naming the id alone
// is credited (TestAnalyzeFeedbackOnRepeats); without one, nothing.
func TestOnOutcomePublishesRepeats(t *testing.T) {
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	sub, err := nc.SubscribeSync(api.SubjectExperimentEvents + ".>")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	hook := experiment.Publisher{NC: nc}.OnOutcome(nil)
	req := pipeline.Request{Text: "Hello", Target: "es", Tenant: "acme"}
	tests := []struct {
		name, requestID, unit string
		want                  string // the event type published, "" for none
	}{
		{"first view", "r0", "u1", experiment.Outcome},
		{"served again", "r1", "u1", experiment.Repeat},
		{"served again without a request id", "", "u1", ""},
		{"another unit", "r2", "u2", experiment.Outcome},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &api.View{Status: api.StatusTranslated, TargetLanguage: "es", Quality: &api.QualityResponse{Score: 90}, Took: time.Millisecond,
				Experiment: &api.ExperimentAssignment{Experiment: "bake-off", Arm: "b"}, ExperimentUnit: tt.unit}
			hook(service.WithRequestID(t.Context(), tt.requestID), req, v)
			m, err := sub.NextMsg(eventWait(tt.want != ""))
			if tt.want == "" {
				if err == nil {
					t.Fatalf("published %s", m.Data)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ev experiment.Event
			if err := json.Unmarshal(m.Data, &ev); err != nil {
				t.Fatal(err)
			}
			if ev.Type != tt.want || ev.RequestID != tt.requestID || ev.Unit != tt.unit || ev.Tenant != "acme" ||
				ev.View != experiment.ViewKey("bake-off", "b", "es", "", "Hello") || !strings.HasSuffix(m.Subject, "."+tt.want+".bake-off") {
				t.Fatalf("event on %s: %s", m.Subject, m.Data)
			}
			if ev.Type == experiment.Repeat && (ev.Quality != nil || ev.LatencyMS != 0) {
				t.Fatalf("a repeat carries a measurement: %s", m.Data)
			}
		})
	}
}

package experiment_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/pipeline"
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

package experiment_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
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

package experiment_test

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
)

// TestAnalyzeReaderFeedback checks that the implicit (show original) and
// explicit (bad translation) feedback kinds become per-arm rates compared
// with control.
func TestAnalyzeReaderFeedback(t *testing.T) {
	e := experiment.Experiment{Name: "prompts", Status: experiment.StatusRunning, Control: "v2", Salt: "s",
		Arms: []experiment.Arm{{Name: "v2"}, {Name: "v3"}}}
	var evs []experiment.Event
	// Each arm serves 500 views; readers of v3 ask for the original three
	// times as often and report bad translations five times as often.
	add := func(arm string, views, showOriginal, bad, rated int) {
		q := 80.0
		for range views {
			evs = append(evs, experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: arm, Status: "translated", Quality: &q, LatencyMS: 100})
		}
		for range showOriginal {
			evs = append(evs, experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: arm, Kind: api.FeedbackShowOriginal})
		}
		for range bad {
			evs = append(evs, experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: arm, Kind: api.FeedbackBadTranslation, Rating: 1})
		}
		for range rated {
			evs = append(evs, experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: arm, Kind: api.FeedbackRating, Rating: 4})
		}
	}
	add("v2", 500, 25, 5, 20)
	add("v3", 500, 75, 25, 20)
	r := experiment.Analyze(e, evs)
	if len(r.Arms) != 2 {
		t.Fatalf("arms: %+v", r.Arms)
	}
	ctl, v3 := r.Arms[0], r.Arms[1]
	tests := []struct {
		name string
		got  experiment.ArmResult
		so   float64 // show-original rate
		bad  float64
		n    int // ratings (bad translations may carry one)
	}{
		{"v2", ctl, 0.05, 0.01, 25},
		{"v3", v3, 0.15, 0.05, 45},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got.ShowOriginal.N != 500 || tt.got.ShowOriginal.P != tt.so {
				t.Errorf("show original %+v, want %.2f of 500", tt.got.ShowOriginal, tt.so)
			}
			if tt.got.BadTranslation.P != tt.bad {
				t.Errorf("bad translation %+v, want %.2f", tt.got.BadTranslation, tt.bad)
			}
			if tt.got.Rating.N != tt.n {
				t.Errorf("ratings %d, want %d", tt.got.Rating.N, tt.n)
			}
		})
	}
	if v3.VsControl == nil || v3.VsControl.ShowOriginalP > 1e-4 || v3.VsControl.BadTranslationP > 0.01 {
		t.Fatalf("v3 against control: %+v", v3.VsControl)
	}
}

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

// TestAnalyzeIgnoresOtherTenantsFeedback checks that feedback recorded for
// a tenant the experiment does not serve leaves its report alone, while
// feedback of its own tenants, and events from before the tenant was
// recorded, count.
func TestAnalyzeIgnoresOtherTenantsFeedback(t *testing.T) {
	e := experiment.Experiment{Name: "acme-only", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Tenants: []string{"acme"}, Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}}
	rating := func(arm, tenant string, r int) experiment.Event {
		return experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: arm, Kind: api.FeedbackRating, Rating: r, Tenant: tenant}
	}
	evs := []experiment.Event{rating("a", "acme", 4), rating("a", "", 4), rating("b", "acme", 4)}
	for range 100 {
		evs = append(evs, rating("b", "rival", 1))
	}
	r := experiment.Analyze(e, evs)
	for _, tc := range []struct {
		arm  int
		n    int
		mean float64
	}{{0, 2, 4}, {1, 1, 4}} {
		if got := r.Arms[tc.arm].Rating; got.N != tc.n || got.Mean != tc.mean {
			t.Errorf("arm %s ratings %+v, want %d of mean %g", r.Arms[tc.arm].Name, got, tc.n, tc.mean)
		}
	}
	// An experiment for every tenant counts everyone's feedback.
	e.Tenants = nil
	if got := experiment.Analyze(e, evs).Arms[1].Rating.N; got != 101 {
		t.Errorf("every tenant's experiment: %d ratings of b, want 101", got)
	}
}

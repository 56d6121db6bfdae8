package experiment_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
)

// units makes n units of an arm, one view each (an exposure and an
// outcome), with quality q and latency ms; prefix keeps units apart.
func units(e experiment.Experiment, arm, prefix string, n int, q, ms float64) []experiment.Event {
	var evs []experiment.Event
	for i := range n {
		unit := fmt.Sprintf("%s-%d", prefix, i)
		score := q + float64(i%5) // some variance
		evs = append(evs,
			experiment.Event{Type: experiment.Exposure, Experiment: e.Name, Arm: arm, Unit: unit, Tokens: 10},
			experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: arm, Unit: unit, View: "v-" + unit,
				Status: api.StatusTranslated, Quality: &score, LatencyMS: ms + float64(i%3)})
	}
	return evs
}

func TestAnalyzeSampleRatioMismatch(t *testing.T) {
	pct := func(p float64) *float64 { return &p }
	base := func(arms ...experiment.Arm) experiment.Experiment {
		return experiment.Experiment{Name: "srm", Status: experiment.StatusRunning, Control: "a", Salt: "s", Arms: arms,
			Guardrails: experiment.Guardrails{MinSamples: 20, MaxQualityDrop: 3}}
	}
	for _, tt := range []struct {
		name    string
		e       experiment.Experiment
		n       map[string]int // units per arm
		tested  bool           // whether srm_p is reported
		srm     bool
		wantLow float64 // srm_p at least (when not srm)
	}{
		{"equal weights, 1000 vs 500", base(experiment.Arm{Name: "a"}, experiment.Arm{Name: "b"}),
			map[string]int{"a": 1000, "b": 500}, true, true, 0},
		{"equal weights, 1000 vs 980", base(experiment.Arm{Name: "a"}, experiment.Arm{Name: "b"}),
			map[string]int{"a": 1000, "b": 980}, true, false, 0.5},
		{"weights 2:1, 1000 vs 500", base(experiment.Arm{Name: "a", Weight: 2}, experiment.Arm{Name: "b"}),
			map[string]int{"a": 1000, "b": 500}, true, false, 0.99},
		{"percentage scales every arm alike", func() experiment.Experiment {
			e := base(experiment.Arm{Name: "a", Weight: 2}, experiment.Arm{Name: "b"})
			e.Percentage = pct(10)
			return e
		}(), map[string]int{"a": 1000, "b": 500}, true, false, 0.99},
		{"three arms, one starved", base(experiment.Arm{Name: "a"}, experiment.Arm{Name: "b"}, experiment.Arm{Name: "c"}),
			map[string]int{"a": 500, "b": 500, "c": 300}, true, true, 0},
		{"a stopped arm is not tested", base(experiment.Arm{Name: "a"}, experiment.Arm{Name: "b"}, experiment.Arm{Name: "c", Stopped: "operator"}),
			map[string]int{"a": 500, "b": 510, "c": 40}, true, false, 0.5},
		{"too few units to test", base(experiment.Arm{Name: "a"}, experiment.Arm{Name: "b"}),
			map[string]int{"a": 8, "b": 1}, false, false, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var evs []experiment.Event
			for _, a := range tt.e.Arms {
				evs = append(evs, units(tt.e, a.Name, a.Name, tt.n[a.Name], 80, 100)...)
			}
			r := experiment.Analyze(tt.e, evs)
			if (r.SRMP != nil) != tt.tested {
				t.Fatalf("srm_p %v, want tested %v", r.SRMP, tt.tested)
			}
			if r.SRM != tt.srm {
				t.Fatalf("srm %v (p=%v), want %v; notes %q", r.SRM, *r.SRMP, tt.srm, r.Notes)
			}
			noted := strings.Contains(strings.Join(r.Notes, "\n"), "sample ratio mismatch")
			if noted != tt.srm {
				t.Errorf("notes %q: mismatch noted %v, want %v", r.Notes, noted, tt.srm)
			}
			if tt.tested && !tt.srm && *r.SRMP < tt.wantLow {
				t.Errorf("srm_p %v, want at least %v", *r.SRMP, tt.wantLow)
			}
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), `"srm_p"`) != tt.tested {
				t.Errorf("json %s: srm_p present should be %v", data, tt.tested)
			}
		})
	}

	// With 1000 units against 500 at equal weights, chi-square is 166.7
	// on 1 df: p ~ 4e-38.
	e := base(experiment.Arm{Name: "a"}, experiment.Arm{Name: "b"})
	evs := append(units(e, "a", "a", 1000, 80, 100), units(e, "b", "b", 500, 70, 100)...)
	r := experiment.Analyze(e, evs)
	if r.SRMP == nil || *r.SRMP > 1e-30 || *r.SRMP <= 0 {
		t.Fatalf("srm_p %v, want about 4e-38", r.SRMP)
	}
	// b is ten points worse, past the limit, significantly: without the
	// mismatch the guardrail stops it; with it, nothing is stopped.
	if vs := r.Arms[1].VsControl; vs == nil || vs.Quality.P >= experiment.Alpha {
		t.Fatalf("b vs control %+v", vs)
	}
	if stops := experiment.GuardrailStops(e, r); len(stops) != 0 {
		t.Fatalf("stops %+v despite a sample ratio mismatch", stops)
	}
	balanced := append(units(e, "a", "a", 500, 80, 100), units(e, "b", "b", 500, 70, 100)...)
	if stops := experiment.GuardrailStops(e, experiment.Analyze(e, balanced)); len(stops) != 1 || stops[0].Arm != "b" {
		t.Fatalf("stops %+v, want b's on a balanced split", stops)
	}
}

// TestAnalyzeLeavesOutMovedUnits: once b is stopped its units are served
// by control, and their exposures carry assigned=b. They are left out of
// every arm, so that control does not gain b's units.
func TestAnalyzeLeavesOutMovedUnits(t *testing.T) {
	e := experiment.Experiment{Name: "moved", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Arms:       []experiment.Arm{{Name: "a"}, {Name: "b", Stopped: "guardrail: quality"}, {Name: "c"}},
		Guardrails: experiment.Guardrails{MinSamples: 20, MaxQualityDrop: 3}}
	var evs []experiment.Event
	evs = append(evs, units(e, "a", "a", 300, 80, 100)...)
	evs = append(evs, units(e, "c", "c", 300, 80, 100)...)
	// b served 100 units before its stop; 60 of them came back after it,
	// and 240 new ones hashed to b since, all served by control.
	evs = append(evs, units(e, "b", "b", 100, 60, 100)...)
	q := 80.0
	for i := range 300 {
		unit := fmt.Sprintf("b-%d", i+40) // b-40..b-99 served before, b-100.. new
		evs = append(evs,
			experiment.Event{Type: experiment.Exposure, Experiment: e.Name, Arm: "a", Control: true, Assigned: "b", Unit: unit, Tokens: 10},
			// Outcomes carry no assigned: left out by unit.
			experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: "a", Control: true, Unit: unit, View: "after-" + unit,
				Status: api.StatusTranslated, Quality: &q, LatencyMS: 100},
			// Feedback on such a view is left out too, not unmatched.
			experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: "a", View: "after-" + unit, Rating: 1})
	}
	r := experiment.Analyze(e, evs)
	arm := func(name string) experiment.ArmResult {
		for _, a := range r.Arms {
			if a.Name == name {
				return a
			}
		}
		t.Fatalf("no arm %s", name)
		return experiment.ArmResult{}
	}
	for _, tt := range []struct {
		arm                         string
		units, exposures, outcomes  int
		views, tokens, feedbackSeen int
	}{
		{"a", 300, 300, 300, 300, 300, 0},
		{"b", 40, 40, 40, 40, 40, 0}, // b-0..b-39 never moved
		{"c", 300, 300, 300, 300, 300, 0},
	} {
		got := arm(tt.arm)
		if got.Units != tt.units || got.Exposures != tt.exposures || got.Outcomes != tt.outcomes || got.Views != tt.views ||
			got.Tokens.N != tt.tokens || got.Feedback.Events != tt.feedbackSeen || got.Rating.N != 0 {
			t.Errorf("arm %s: units %d exposures %d outcomes %d views %d tokens %d feedback %+v; want %+v",
				tt.arm, got.Units, got.Exposures, got.Outcomes, got.Views, got.Tokens.N, got.Feedback, tt)
		}
	}
	if r.MovedUnits != 300 || !strings.Contains(strings.Join(r.Notes, "\n"), "300 units moved by a stop") {
		t.Errorf("moved units %d, notes %q", r.MovedUnits, r.Notes)
	}
	// Counted in control, the moved units made a: 600 against c: 300.
	if r.SRM || r.SRMP == nil || *r.SRMP < 0.5 {
		t.Errorf("srm %v p=%v: a and c split evenly once the moved units are out", r.SRM, r.SRMP)
	}
	if data, _ := json.Marshal(r); !strings.Contains(string(data), `"moved_units":300`) {
		t.Errorf("json %s lacks moved_units", data)
	}
}

// TestGuardrailsIgnoreConstantSamples: three constant latencies 10 ms
// apart once gave p=0 and stopped the arm.
func TestGuardrailsIgnoreConstantSamples(t *testing.T) {
	e := experiment.Experiment{Name: "const", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Arms:       []experiment.Arm{{Name: "a"}, {Name: "b"}},
		Guardrails: experiment.Guardrails{MinSamples: 3, MaxQualityDrop: 1, MaxLatencyIncrease: 0.01}}
	for _, tt := range []struct {
		name     string
		qa, qb   []float64
		ms       [2]float64
		wantStop bool
	}{
		{"constant quality and latency", []float64{80, 80, 80}, []float64{70, 70, 70}, [2]float64{300, 310}, false},
		{"varying quality", []float64{80, 81, 79}, []float64{60, 61, 59}, [2]float64{300, 300}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var evs []experiment.Event
			for i := range 3 {
				qa, qb := tt.qa[i], tt.qb[i]
				evs = append(evs,
					experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: "a", Unit: fmt.Sprint("a", i), Quality: &qa, LatencyMS: tt.ms[0]},
					experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: "b", Unit: fmt.Sprint("b", i), Quality: &qb, LatencyMS: tt.ms[1]})
			}
			r := experiment.Analyze(e, evs)
			stops := experiment.GuardrailStops(e, r)
			if (len(stops) > 0) != tt.wantStop {
				t.Fatalf("stops %+v, want stop %v (vs control %+v)", stops, tt.wantStop, r.Arms[1].VsControl)
			}
			if _, err := json.Marshal(r); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAnalyzeSRMFollowsTheWeightsUnitsWereSplitBy: an operator moves the
// weights from 1:1 to 3:1 halfway. Units assigned by the real hash, each
// exposure carrying the weights it was split by, show no mismatch: each
// unit is expected by its own weights. Read with the current weights
// alone (exposures written before splits were recorded) the same units
// look like a broken split. Units lost from one period are still found.
func TestAnalyzeSRMFollowsTheWeightsUnitsWereSplitBy(t *testing.T) {
	before := experiment.Experiment{Name: "reweighed", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}}
	after := before
	after.Arms = []experiment.Arm{{Name: "a", Weight: 3}, {Name: "b"}}
	if before.Split() != "a=1,b=1" || after.Split() != "a=3,b=1" {
		t.Fatalf("splits %q and %q", before.Split(), after.Split())
	}
	q := 80.0
	assign := func(e experiment.Experiment, period string, n int, keep func(arm string, i int) bool) []experiment.Event {
		var evs []experiment.Event
		for i := range n {
			as, ok := e.Assign(experiment.Attributes{Conversation: fmt.Sprintf("%s-%d", period, i)})
			if !ok {
				t.Fatal("not assigned")
			}
			if !keep(as.Arm.Name, i) {
				continue
			}
			if as.Split != e.Split() {
				t.Fatalf("assignment split %q, want %q", as.Split, e.Split())
			}
			evs = append(evs,
				experiment.Event{Type: experiment.Exposure, Experiment: e.Name, Arm: as.Arm.Name, Unit: as.Unit, Split: as.Split},
				experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: as.Arm.Name, Unit: as.Unit, View: "v",
					Status: api.StatusTranslated, Quality: &q, LatencyMS: 100})
		}
		return evs
	}
	all := func(string, int) bool { return true }
	evs := append(assign(before, "p1", 2000, all), assign(after, "p2", 2000, all)...)

	r := experiment.Analyze(after, evs)
	if r.SRMP == nil || r.SRM || *r.SRMP < 0.01 || r.SRMSplits != 2 {
		t.Fatalf("by each unit's weights: srm %v, p %v, splits %d; notes %q", r.SRM, r.SRMP, r.SRMSplits, r.Notes)
	}

	legacy := slices.Clone(evs)
	for i := range legacy {
		legacy[i].Split = ""
	}
	if r := experiment.Analyze(after, legacy); !r.SRM || r.SRMSplits != 0 {
		t.Fatalf("by the current weights alone: srm %v, p %v, splits %d", r.SRM, r.SRMP, r.SRMSplits)
	}

	// Half of b's units of the first period lost (their events never
	// stored): a broken split, whatever the weights did.
	lossy := append(assign(before, "p1", 2000, func(arm string, i int) bool { return arm == "a" || i%2 == 0 }),
		assign(after, "p2", 2000, all)...)
	r = experiment.Analyze(after, lossy)
	if !r.SRM || !strings.Contains(strings.Join(r.Notes, "\n"), "2 sets: they changed during the experiment") {
		t.Fatalf("units lost from one period: srm %v, p %v; notes %q", r.SRM, r.SRMP, r.Notes)
	}
}

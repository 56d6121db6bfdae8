package experiment_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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

// aaExperiment is an A/A test: two identical arms.
func aaExperiment() experiment.Experiment {
	return experiment.Experiment{Name: "a-a", Status: experiment.StatusRunning, Control: "a", Salt: "aa",
		Arms:       []experiment.Arm{{Name: "a", Backend: "apertium"}, {Name: "b", Backend: "apertium"}},
		Guardrails: experiment.Guardrails{MinSamples: 30, MaxQualityDrop: 3}}
}

// view is the outcome event of one view of conversation conv, assigned
// as the translate service assigns it, with its unit and view key unless
// legacy (an event written before they were recorded).
func view(t *testing.T, e experiment.Experiment, conv, msg, text string, quality float64, legacy bool) experiment.Event {
	t.Helper()
	as, ok := e.Assign(experiment.Attributes{Target: "es", Conversation: conv})
	if !ok {
		t.Fatalf("%s not in the experiment", conv)
	}
	ev := experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: as.Arm.Name, Status: api.StatusTranslated,
		Quality: &quality, LatencyMS: 20, Target: "es", RequestID: "req-" + conv + "-" + msg + "-" + text, MessageID: msg}
	if !legacy {
		ev.Unit, ev.View = as.Unit, experiment.ViewKey(e.Name, as.Arm.Name, "es", msg, text)
	}
	return ev
}

// TestAnalyzeCountsUnitsNotViews is the black-box tester's A/A test: 80
// conversations translate one sentence each, then one conversation of arm
// b sends the same low-scoring text 40 times (served from the translate
// cache). Counted per view, b looked 16 points worse (p≈3e-8) and the
// guardrail stopped it; per unit it is one conversation among forty.
func TestAnalyzeCountsUnitsNotViews(t *testing.T) {
	e := aaExperiment()
	// The 80 conversations: quality ~ N(85, 5), the same draw in every
	// case (on their own, the arms do not differ: p≈0.7).
	base := func(legacy bool) ([]experiment.Event, string) {
		rng := rand.New(rand.NewPCG(1, 2))
		var evs []experiment.Event
		heavy := ""
		for i := range 80 {
			conv := fmt.Sprintf("conv-%d", i)
			evs = append(evs, view(t, e, conv, "", "Hello there", min(100, max(0, 85+5*rng.NormFloat64())), legacy))
			if as, _ := e.Assign(experiment.Attributes{Target: "es", Conversation: conv}); heavy == "" && as.Arm.Name == "b" {
				heavy = conv
			}
		}
		return evs, heavy
	}
	tests := []struct {
		name      string
		legacy    bool
		sameText  bool
		wantStop  bool
		wantViews int // of arm b, extra views of the heavy conversation included
		wantNote  string
	}{
		// The same text 40 times: one view of one unit.
		{"same text re-served", false, true, false, 1, ""},
		// 40 different low-scoring texts: 40 views, still one unit.
		{"many texts, one conversation", false, false, false, 40, ""},
		// Events from before units were recorded: each its own unit, and
		// the report says so.
		{"events without unit ids", true, true, true, 40, "carry no unit id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, heavy := base(tt.legacy)
			for i := range 40 {
				text := "Meh"
				if !tt.sameText {
					text = fmt.Sprintf("Meh %d", i)
				}
				evs = append(evs, view(t, e, heavy, "", text, 20, tt.legacy))
			}
			r := experiment.Analyze(e, evs)
			a, b := r.Arms[0], r.Arms[1]
			if a.Outcomes+b.Outcomes != 120 || a.Units+b.Units != 80+boolInt(tt.legacy)*40 {
				t.Fatalf("outcomes %d+%d, units %d+%d", a.Outcomes, b.Outcomes, a.Units, b.Units)
			}
			if got := b.Views - (b.Units - boolInt(tt.legacy)*40); got != tt.wantViews {
				t.Errorf("arm b: %d views over %d units, want %d extra views", b.Views, b.Units, tt.wantViews)
			}
			if b.Quality.N != b.Units || a.Quality.N != a.Units {
				t.Errorf("quality over %d and %d samples, want the units %d and %d", a.Quality.N, b.Quality.N, a.Units, b.Units)
			}
			stops := experiment.GuardrailStops(e, r)
			if (len(stops) > 0) != tt.wantStop {
				t.Fatalf("stops %+v (b %.1f vs a %.1f, p=%.3g), want stop %v", stops, b.Quality.Mean, a.Quality.Mean, b.VsControl.Quality.P, tt.wantStop)
			}
			if !tt.wantStop && b.VsControl.Quality.P < experiment.Alpha {
				t.Errorf("an A/A test differs: %+v", b.VsControl.Quality)
			}
			notes := strings.Join(r.Notes, "\n")
			if (tt.wantNote == "") != (notes == "") || !strings.Contains(notes, tt.wantNote) {
				t.Errorf("notes %q, want %q", notes, tt.wantNote)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestAnalyzeFeedbackPerView is the tester's second case: 60 show_original
// events on an arm with 12 views made its rate 100 % (clamped) and the
// treatment "significantly better". Feedback counts once per key, view
// and kind, only on views the stream holds, and the rest is reported.
func TestAnalyzeFeedbackPerView(t *testing.T) {
	e := aaExperiment()
	var evs []experiment.Event
	views := map[string][]experiment.Event{}
	for i := range 24 {
		ev := view(t, e, fmt.Sprintf("conv-%d", i), fmt.Sprintf("m%d", i), "Hello", 80, false)
		evs = append(evs, ev)
		views[ev.Arm] = append(views[ev.Arm], ev)
	}
	nb := len(views["b"])
	show := func(key string, v experiment.Event, byRequest bool) experiment.Event {
		ev := experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: v.Arm, Kind: api.FeedbackShowOriginal, KeyID: key}
		if byRequest {
			ev.ViewRequestID = v.RequestID
		} else {
			ev.MessageID, ev.View = v.MessageID, experiment.ViewKey(e.Name, v.Arm, "es", v.MessageID, "Hello")
		}
		return ev
	}
	tests := []struct {
		name                            string
		feedback                        func() []experiment.Event
		counted, dup, unmatched, legacy int
		shown                           int // views of b marked
		wantNote                        bool
	}{
		{"60 on one view from one key", func() []experiment.Event {
			var fb []experiment.Event
			for range 60 {
				fb = append(fb, show("k1", views["b"][0], true))
			}
			return fb
		}, 1, 59, 0, 0, 1, true},
		{"60 naming no view", func() []experiment.Event {
			var fb []experiment.Event
			for i := range 60 {
				ev := show("k1", views["b"][0], true)
				ev.ViewRequestID = fmt.Sprintf("made-up-%d", i)
				fb = append(fb, ev)
			}
			return fb
		}, 0, 0, 60, 0, 0, true},
		{"two keys on one view: one view marked", func() []experiment.Event {
			return []experiment.Event{show("k1", views["b"][0], true), show("k2", views["b"][0], false)}
		}, 2, 0, 0, 0, 1, false},
		{"one per view, by request or by message", func() []experiment.Event {
			var fb []experiment.Event
			for i, v := range views["b"] {
				fb = append(fb, show("k1", v, i%2 == 0))
			}
			return fb
		}, nb, 0, 0, 0, nb, false},
		{"60 written before feedback named its view", func() []experiment.Event {
			var fb []experiment.Event
			for range 60 {
				fb = append(fb, experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: "b", Kind: api.FeedbackShowOriginal})
			}
			return fb
		}, nb, 0, 60 - nb, 60, nb, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := experiment.Analyze(e, append(slices.Clone(evs), tt.feedback()...))
			b := r.Arms[1]
			f := b.Feedback
			if f.Counted != tt.counted || f.Duplicates != tt.dup || f.Unmatched != tt.unmatched || f.Legacy != tt.legacy {
				t.Fatalf("feedback %+v, want counted %d, duplicates %d, unmatched %d, legacy %d", f, tt.counted, tt.dup, tt.unmatched, tt.legacy)
			}
			if b.ShowOriginal.N != nb || b.ShowOriginal.Count != tt.shown || b.ShowOriginal.P > 1 {
				t.Fatalf("show original %+v, want %d of %d units", b.ShowOriginal, tt.shown, nb)
			}
			if got := len(r.Notes) > 0; got != tt.wantNote {
				t.Fatalf("notes %q", r.Notes)
			}
			if tt.shown <= 1 && b.VsControl.ShowOriginalP < experiment.Alpha {
				t.Fatalf("one reader's feedback is significant: p=%g", b.VsControl.ShowOriginalP)
			}
		})
	}
}

// TestAnalyzeClipsIntervals: a mean near a bound of its range has its
// interval cut there (the tester saw quality 90.5 [79.4, 101.7]).
func TestAnalyzeClipsIntervals(t *testing.T) {
	e := aaExperiment()
	var evs []experiment.Event
	for i, q := range []float64{100, 100, 100, 62} {
		ev := view(t, e, fmt.Sprintf("conv-%d", i), "", "x", q, false)
		ev.Arm = "a"
		ev.LatencyMS = []float64{1, 1, 1, 40}[i]
		evs = append(evs, ev)
	}
	a := experiment.Analyze(e, evs).Arms[0]
	if a.Quality.High != 100 || a.Quality.Low >= a.Quality.Mean || a.LatencyMS.Low != 0 || a.LatencyMS.High <= a.LatencyMS.Mean {
		t.Fatalf("quality %+v, latency %+v", a.Quality, a.LatencyMS)
	}
}

// TestAnalyzeFeedbackOnViewServedAgain: a view served again has no
// outcome of its own (one sample), so feedback naming its request id
// finds none; the view of its text is ambiguous when several units were
// served that text, and the unit the feedback names (its conversation)
// settles it.
func TestAnalyzeFeedbackOnViewServedAgain(t *testing.T) {
	e := aaExperiment()
	var evs []experiment.Event
	var inB []experiment.Event
	for i := 0; len(inB) < 2; i++ {
		ev := view(t, e, fmt.Sprintf("conv-%d", i), "", "Hi", 80, false)
		evs = append(evs, ev)
		if ev.Arm == "b" {
			inB = append(inB, ev)
		}
	}
	fb := func(unit string) experiment.Event {
		return experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: "b", Kind: api.FeedbackBadTranslation, KeyID: "k",
			ViewRequestID: "served-again", View: inB[0].View, Unit: unit}
	}
	tests := []struct {
		name               string
		fb                 experiment.Event
		counted, unmatched int
	}{
		{"text alone: two units were served it", fb(""), 0, 1},
		{"with the unit of its conversation", fb(inB[1].Unit), 1, 0},
		{"a unit that was not served it", fb(experiment.UnitID(&e, "stranger")), 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := experiment.Analyze(e, append(slices.Clone(evs), tt.fb)).Arms[1]
			if b.Feedback.Counted != tt.counted || b.Feedback.Unmatched != tt.unmatched || b.BadTranslation.Count != tt.counted {
				t.Fatalf("feedback %+v, bad translation %+v", b.Feedback, b.BadTranslation)
			}
		})
	}
}

// TestAnalyzeFeedbackOnRepeats is the re-check tester's case: a
// conversation of arm b is served one text 30 times (each a new request
// id; OnOutcome publishes one outcome and 29 Repeat events), another
// conversation of b is served the same text (so the text alone names no
// one view), and a reader sends show_original feedback on each request id
// without conversation_id. Each names the one view: 1 counted, 29
// duplicates, none unmatched.
func TestAnalyzeFeedbackOnRepeats(t *testing.T) {
	e := aaExperiment()
	var inB []experiment.Event
	for i := 0; len(inB) < 2; i++ {
		if ev := view(t, e, fmt.Sprintf("conv-%d", i), "", "Hello", 80, false); ev.Arm == "b" {
			inB = append(inB, ev)
		}
	}
	first, other := inB[0], inB[1]
	repeats := func(v experiment.Event) []experiment.Event {
		var out []experiment.Event
		for i := 1; i < 30; i++ {
			o := v
			o.RequestID = fmt.Sprintf("%s-again-%d", v.RequestID, i)
			out = append(out, experiment.RepeatEvent(o))
		}
		return out
	}
	feedback := func(reqs []experiment.Event) []experiment.Event {
		var out []experiment.Event
		for _, r := range reqs {
			out = append(out, experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: "b", Kind: api.FeedbackShowOriginal,
				KeyID: "k1", ViewRequestID: r.RequestID, View: experiment.ViewKey(e.Name, "b", "es", "", "Hello")})
		}
		return out
	}
	tests := []struct {
		name                    string
		events                  func() []experiment.Event
		counted, dup, unmatched int
	}{
		{"feedback on each repeat", func() []experiment.Event {
			reps := repeats(first)
			evs := append([]experiment.Event{first, other}, reps...)
			return append(evs, feedback(append([]experiment.Event{first}, reps...))...)
		}, 1, 29, 0},
		{"repeats stored before the outcome (another replica's)", func() []experiment.Event {
			reps := repeats(first)
			evs := append(slices.Clone(reps), other, first)
			return append(evs, feedback(append([]experiment.Event{first}, reps...))...)
		}, 1, 29, 0},
		{"request ids no repeat recorded", func() []experiment.Event {
			reps := repeats(first)
			return append([]experiment.Event{first, other}, feedback(reps)...)
		}, 0, 0, 29},
		{"repeats of a view the stream no longer holds", func() []experiment.Event {
			reps := repeats(first)
			return append(slices.Clone(reps), feedback(reps)...)
		}, 0, 0, 29},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := experiment.Analyze(e, tt.events())
			b := r.Arms[1]
			if f := b.Feedback; f.Counted != tt.counted || f.Duplicates != tt.dup || f.Unmatched != tt.unmatched {
				t.Fatalf("feedback %+v, want counted %d, duplicates %d, unmatched %d (notes %q)", f, tt.counted, tt.dup, tt.unmatched, r.Notes)
			}
			// Repeats are no samples.
			if b.Outcomes > 2 || b.Views > 2 {
				t.Fatalf("outcomes %d, views %d: repeats counted as samples", b.Outcomes, b.Views)
			}
			if b.ShowOriginal.Count != min(tt.counted, 1) {
				t.Fatalf("show original %+v", b.ShowOriginal)
			}
		})
	}
}

// TestReportLeavesOutEmptyStats: an arm without ratings (or quality
// scores) reports {"n":0}, not a mean of 0 in an interval of [1, 1] that
// does not contain it.
func TestReportLeavesOutEmptyStats(t *testing.T) {
	e := aaExperiment()
	noScore := view(t, e, "conv-0", "m0", "Hello", 0, false)
	noScore.Quality = nil
	tests := []struct {
		name   string
		events []experiment.Event
		want   []string // in the JSON of the arm that served
	}{
		{"no ratings", []experiment.Event{view(t, e, "conv-0", "m0", "Hello", 80, false)},
			[]string{`"rating":{"n":0}`, `"tokens":{"n":0}`, `"quality":{"n":1,"mean":80,`}},
		{"no ratings nor scores", []experiment.Event{noScore}, []string{`"rating":{"n":0}`, `"quality":{"n":0}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := experiment.Analyze(e, tt.events)
			arm := r.Arms[0]
			if arm.Outcomes == 0 {
				arm = r.Arms[1]
			}
			if arm.Rating.Low != 0 || arm.Rating.High != 0 {
				t.Fatalf("rating of no ratings %+v", arm.Rating)
			}
			b, err := json.Marshal(arm)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Fatalf("arm %s lacks %s", b, w)
				}
			}
		})
	}
}

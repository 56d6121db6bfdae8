package experiments_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/quality/experiments"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
)

func bakeOff() experiment.Experiment {
	return experiment.Experiment{
		Name: "bake-off", Status: experiment.StatusRunning, Control: "control", Salt: "1",
		Arms:       []experiment.Arm{{Name: "control"}, {Name: "same"}, {Name: "worse"}, {Name: "slow"}, {Name: "few"}},
		Guardrails: experiment.Guardrails{MinSamples: 200, MaxQualityDrop: 3, MaxLatencyIncrease: 0.5, MaxFallbackIncrease: 0.1},
	}
}

// synthetic draws n outcomes per arm: quality ~ N(q, 8) clipped to
// 0-100, latency ~ N(ms, ms/4), a fallback with probability fb, and one
// rating per four outcomes.
func synthetic(rng *rand.Rand, arm string, n int, q, ms, fb float64) []experiment.Event {
	var evs []experiment.Event
	for i := range n {
		score := min(100, max(0, q+8*rng.NormFloat64()))
		ev := experiment.Event{Type: experiment.Outcome, Experiment: "bake-off", Arm: arm, Status: "translated",
			Quality: &score, LatencyMS: max(1, ms+ms/4*rng.NormFloat64())}
		if rng.Float64() < fb {
			ev.Fallbacks = 1
		}
		evs = append(evs, experiment.Event{Type: experiment.Exposure, Experiment: "bake-off", Arm: arm, Tokens: 40 + rng.IntN(20)}, ev)
		if i%4 == 0 {
			evs = append(evs, experiment.Event{Type: experiment.Feedback, Experiment: "bake-off", Arm: arm, Rating: 1 + int(score/25)})
		}
	}
	return evs
}

func events() []experiment.Event {
	rng := rand.New(rand.NewPCG(1, 2))
	var evs []experiment.Event
	evs = append(evs, synthetic(rng, "control", 400, 80, 400, 0.05)...)
	evs = append(evs, synthetic(rng, "same", 400, 80, 400, 0.05)...)
	evs = append(evs, synthetic(rng, "worse", 400, 72, 400, 0.05)...)
	evs = append(evs, synthetic(rng, "slow", 400, 80, 900, 0.05)...)
	evs = append(evs, synthetic(rng, "few", 50, 50, 2000, 0.9)...)                                     // terrible, but too few samples
	evs = append(evs, experiment.Event{Type: experiment.Outcome, Experiment: "other", Arm: "control"}) // ignored
	return evs
}

func TestAnalyze(t *testing.T) {
	r := experiments.Analyze(bakeOff(), events())
	if len(r.Arms) != 5 || r.Control != "control" {
		t.Fatalf("report %+v", r)
	}
	arm := func(name string) experiments.Arm {
		for _, a := range r.Arms {
			if a.Name == name {
				return a
			}
		}
		t.Fatalf("no arm %s", name)
		return experiments.Arm{}
	}
	ctl := arm("control")
	if ctl.Exposures != 400 || ctl.Quality.N != 400 || ctl.VsControl != nil || ctl.Rating.N != 100 || ctl.Tokens.N != 400 {
		t.Fatalf("control %+v", ctl)
	}
	// The true mean lies inside the 95 % interval (for this seed).
	if ctl.Quality.Low > 80 || ctl.Quality.High < 80 || ctl.Quality.High-ctl.Quality.Low > 2 {
		t.Fatalf("control quality %+v", ctl.Quality)
	}
	if vs := arm("same").VsControl; vs.Quality.P < experiments.Alpha || vs.Quality.Low > 0 || vs.Quality.High < 0 {
		t.Fatalf("identical arms differ: %+v", vs.Quality)
	}
	if vs := arm("worse").VsControl; vs.Quality.P > 1e-6 || vs.Quality.High > -5 || vs.Quality.Low < -11 {
		t.Fatalf("an 8-point drop: %+v", vs.Quality)
	}
	if vs := arm("slow").VsControl; vs.LatencyMS.P > 1e-6 || vs.LatencyMS.Diff < 400 {
		t.Fatalf("latency: %+v", vs.LatencyMS)
	}
	if f := arm("few").Fallbacks; f.N != 50 || f.P < 0.75 {
		t.Fatalf("fallbacks %+v", f)
	}
}

func TestGuardrailsStopArms(t *testing.T) {
	e := bakeOff()
	stops := experiments.Guardrails(e, experiments.Analyze(e, events()))
	got := map[string]string{}
	for _, s := range stops {
		got[s.Arm] = s.Reason
	}
	if len(got) != 2 || !strings.Contains(got["worse"], "quality") || !strings.Contains(got["slow"], "latency") {
		t.Fatalf("stops %v; want worse (quality) and slow (latency), not same or few", got)
	}

	t.Run("thresholds", func(t *testing.T) {
		lenient := bakeOff()
		lenient.Guardrails.MaxQualityDrop = 10
		lenient.Guardrails.MaxLatencyIncrease = 0
		if s := experiments.Guardrails(lenient, experiments.Analyze(lenient, events())); len(s) != 0 {
			t.Fatalf("stops %v with lenient thresholds", s)
		}
		few := bakeOff()
		few.Guardrails.MinSamples = 20
		s := experiments.Guardrails(few, experiments.Analyze(few, events()))
		if !strings.Contains(fmt.Sprint(s), "few") {
			t.Fatalf("stops %v: the small arm should stop once the minimum allows", s)
		}
	})

	t.Run("enforced in KV", func(t *testing.T) {
		srv := natstest.RunServer(t)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		store, err := experiment.Open(ctx, natstest.Conn(t, srv), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = store.Close() })
		if _, err := store.Put(ctx, e); err != nil {
			t.Fatal(err)
		}
		done, err := experiments.Enforce(ctx, store, e, stops)
		if err != nil || len(done) != 2 {
			t.Fatalf("enforce: %v %v", done, err)
		}
		// A second pass finds nothing left to do.
		if again, err := experiments.Enforce(ctx, store, e, stops); err != nil || len(again) != 0 {
			t.Fatalf("second enforce: %v %v", again, err)
		}
		// The stop reaches the store's copy through its KV watch, which a
		// busy machine can hold up for seconds.
		deadline := time.Now().Add(20 * time.Second)
		for {
			cur, _ := store.Get(e.Name)
			w, _ := cur.Arm("worse")
			sl, _ := cur.Arm("slow")
			if w.Stopped != "" && sl.Stopped != "" {
				// Traffic of a stopped arm returns to control.
				for i := range 300 {
					as, ok := cur.Assign(experiment.Attributes{Conversation: fmt.Sprintf("c%d", i)})
					if ok && (as.Arm.Name == "worse" || as.Arm.Name == "slow") {
						t.Fatalf("stopped arm %s still serves", as.Arm.Name)
					}
				}
				if r := experiments.Analyze(cur, events()); len(experiments.Guardrails(cur, r)) != 0 {
					t.Fatal("guardrails stop an arm twice")
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("stop not visible")
			}
			time.Sleep(2 * time.Millisecond)
		}
	})
}

// TestWatchStopsAnArmAutomatically runs the watcher against a live stream:
// once enough degraded outcomes arrive, the arm is stopped in KV without
// anyone asking.
func TestWatchStopsAnArmAutomatically(t *testing.T) {
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	store, err := experiment.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	e := bakeOff()
	if _, err := store.Put(ctx, e); err != nil {
		t.Fatal(err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(ctx, js, 1); err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- experiments.Watch(wctx, store, js, 10*time.Millisecond, nil) }()
	pub := experiment.Publisher{NC: nc}
	rng := rand.New(rand.NewPCG(3, 4))
	var evs []experiment.Event
	evs = append(evs, synthetic(rng, "control", 250, 80, 400, 0.05)...)
	evs = append(evs, synthetic(rng, "worse", 250, 70, 400, 0.05)...)
	for _, ev := range evs {
		if err := pub.Publish(ev); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		cur, _ := store.Get(e.Name)
		if a, _ := cur.Arm("worse"); a.Stopped != "" {
			if !strings.Contains(a.Stopped, "quality") {
				t.Fatalf("reason %q", a.Stopped)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the watcher did not stop the degraded arm")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if a, _ := func() (experiment.Arm, bool) { cur, _ := store.Get(e.Name); return cur.Arm("same") }(); a.Stopped != "" {
		t.Fatal("an arm without events was stopped")
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

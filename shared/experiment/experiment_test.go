package experiment_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
)

func threeArms() experiment.Experiment {
	return experiment.Experiment{
		Name: "model-bake-off", Status: experiment.StatusRunning, Salt: "s1", Control: "control",
		Arms: []experiment.Arm{
			{Name: "control"},
			{Name: "qwen7b", Backend: "ollama", Model: "qwen2.5:7b"},
			{Name: "hosted", Backend: "openai", Weight: 2},
		},
	}
}

func TestAssignIsStableAndSplitsByWeight(t *testing.T) {
	e := threeArms()
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	const n = 20000
	counts := map[string]int{}
	for i := range n {
		a := experiment.Attributes{Conversation: fmt.Sprintf("conv-%d", i), Source: "en", Target: "es"}
		as, ok := e.Assign(a)
		if !ok {
			t.Fatalf("unit %d not assigned", i)
		}
		again, _ := e.Assign(a)
		if again.Arm.Name != as.Arm.Name {
			t.Fatalf("unit %d moved from %s to %s", i, as.Arm.Name, again.Arm.Name)
		}
		counts[as.Arm.Name]++
	}
	// Expected shares 1/4, 1/4, 1/2; a binomial's standard deviation at
	// n=20000 is at most 0.35 %, so 1.5 points is over four sigmas.
	want := map[string]float64{"control": 0.25, "qwen7b": 0.25, "hosted": 0.5}
	for arm, share := range want {
		got := float64(counts[arm]) / n
		if math.Abs(got-share) > 0.015 {
			t.Errorf("arm %s got %.3f of units, want %.2f (counts %v)", arm, got, share, counts)
		}
	}
	t.Run("salt reshuffles", func(t *testing.T) {
		e2 := threeArms()
		e2.Salt = "s2"
		moved := 0
		for i := range 1000 {
			a := experiment.Attributes{Conversation: fmt.Sprintf("conv-%d", i)}
			x, _ := e.Assign(a)
			y, _ := e2.Assign(a)
			if x.Arm.Name != y.Arm.Name {
				moved++
			}
		}
		// Independent draws disagree with probability 1-(1/16+1/16+1/4)=0.625.
		if moved < 500 || moved > 750 {
			t.Fatalf("a new salt moved %d of 1000 units, want about 625", moved)
		}
	})
}

func TestAssignTargeting(t *testing.T) {
	half := 50.0
	e := threeArms()
	e.Targets = []string{"pt"}
	e.Tenants = []string{"acme"}
	tests := []struct {
		name string
		a    experiment.Attributes
		want bool
	}{
		{"in population", experiment.Attributes{Tenant: "acme", Target: "pt-BR", Conversation: "c1"}, true},
		{"other target", experiment.Attributes{Tenant: "acme", Target: "es", Conversation: "c1"}, false},
		{"other tenant", experiment.Attributes{Tenant: "globex", Target: "pt", Conversation: "c1"}, false},
		{"no unit", experiment.Attributes{Tenant: "acme", Target: "pt"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := e.Assign(tt.a); ok != tt.want {
				t.Fatalf("assigned = %v, want %v", ok, tt.want)
			}
		})
	}
	t.Run("by user", func(t *testing.T) {
		e := threeArms()
		e.By = flags.ByUser
		if _, ok := e.Assign(experiment.Attributes{Conversation: "c1"}); ok {
			t.Fatal("assigned without a user id")
		}
		if _, ok := e.Assign(experiment.Attributes{User: "u1"}); !ok {
			t.Fatal("user not assigned")
		}
	})
	t.Run("percentage", func(t *testing.T) {
		e := threeArms()
		e.Percentage = &half
		in := 0
		for i := range 4000 {
			if _, ok := e.Assign(experiment.Attributes{Conversation: fmt.Sprintf("c%d", i)}); ok {
				in++
			}
		}
		if in < 1800 || in > 2200 {
			t.Fatalf("50%% took %d of 4000 units", in)
		}
	})
	t.Run("paused assigns nothing", func(t *testing.T) {
		e := threeArms()
		e.Status = experiment.StatusPaused
		if _, ok := e.Assign(experiment.Attributes{Conversation: "c1"}); ok {
			t.Fatal("paused experiment assigned")
		}
	})
	t.Run("stopped arm returns to control", func(t *testing.T) {
		e := threeArms()
		e.Arms[2].Stopped = "latency"
		for i := range 200 {
			as, _ := e.Assign(experiment.Attributes{Conversation: fmt.Sprintf("c%d", i)})
			if as.Arm.Name == "hosted" {
				t.Fatal("stopped arm still served")
			}
			if as.Assigned == "hosted" && !as.Control {
				t.Fatal("stopped arm's unit not served by control")
			}
		}
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*experiment.Experiment)
	}{
		{"bad name", func(e *experiment.Experiment) { e.Name = "a.b" }},
		{"bad status", func(e *experiment.Experiment) { e.Status = "on" }},
		{"one arm", func(e *experiment.Experiment) { e.Arms = e.Arms[:1] }},
		{"duplicate arm", func(e *experiment.Experiment) { e.Arms[1].Name = "control" }},
		{"unknown control", func(e *experiment.Experiment) { e.Control = "nope" }},
		{"bad option", func(e *experiment.Experiment) { e.Arms[1].Options = map[string]string{"temperature": "0.2"} }},
		{"bad prompt", func(e *experiment.Experiment) { e.Arms[1].Prompt = "v2" }},
		{"negative weight", func(e *experiment.Experiment) { e.Arms[1].Weight = -1 }},
		// Weights that sum past the float range sent every unit to the
		// last arm.
		{"huge weight", func(e *experiment.Experiment) { e.Arms[1].Weight, e.Arms[2].Weight = 1e308, 1e308 }},
		{"weight over the bound", func(e *experiment.Experiment) { e.Arms[1].Weight = experiment.MaxWeight * 2 }},
		{"infinite weight", func(e *experiment.Experiment) { e.Arms[1].Weight = math.Inf(1) }},
		{"NaN weight", func(e *experiment.Experiment) { e.Arms[1].Weight = math.NaN() }},
		{"NaN percentage", func(e *experiment.Experiment) { p := math.NaN(); e.Percentage = &p }},
		// An unknown backend was served as control, silently.
		{"unknown backend", func(e *experiment.Experiment) { e.Arms[1].Backend = "bogus" }},
		{"backend in capitals", func(e *experiment.Experiment) { e.Arms[1].Backend = "Ollama" }},
		{"invalid target tag", func(e *experiment.Experiment) { e.Targets = []string{"es", "!!"} }},
		{"invalid source tag", func(e *experiment.Experiment) { e.Sources = []string{"english language"} }},
		{"undetermined target", func(e *experiment.Experiment) { e.Targets = []string{"und"} }},
		// Tenant ids no request can have: the experiment would never apply.
		{"empty tenant", func(e *experiment.Experiment) { e.Tenants = []string{"acme", ""} }},
		{"tenant with a space", func(e *experiment.Experiment) { e.Tenants = []string{"a b"} }},
		{"tenant with a wildcard", func(e *experiment.Experiment) { e.Tenants = []string{"acme*"} }},
		{"tenant with a subject wildcard", func(e *experiment.Experiment) { e.Tenants = []string{"acme.>"} }},
		{"tenant with a control character", func(e *experiment.Experiment) { e.Tenants = []string{"acme\n"} }},
		{"tenant over the bound", func(e *experiment.Experiment) { e.Tenants = []string{strings.Repeat("t", experiment.MaxTenantBytes+1)} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := threeArms()
			tt.edit(&e)
			if err := e.Validate(); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name string
		edit func(*experiment.Experiment)
	}{
		{"every backend", func(e *experiment.Experiment) {
			e.Arms = e.Arms[:1]
			for _, b := range experiment.Backends {
				e.Arms = append(e.Arms, experiment.Arm{Name: "on-" + b, Backend: b})
			}
		}},
		{"largest weight", func(e *experiment.Experiment) { e.Arms[1].Weight = experiment.MaxWeight }},
		{"fractional weight", func(e *experiment.Experiment) { e.Arms[1].Weight = 0.001 }},
		{"regional tags", func(e *experiment.Experiment) { e.Sources, e.Targets = []string{"en"}, []string{"pt-BR", "zh-Hant"} }},
		// 0 is the default weight, 1 (omitempty writes it so).
		{"zero weight", func(e *experiment.Experiment) { e.Arms[1].Weight = 0 }},
		{"tenant ids", func(e *experiment.Experiment) {
			e.Tenants = []string{"acme", "tenant.eu-1", "Ünïcode", strings.Repeat("t", experiment.MaxTenantBytes)}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := threeArms()
			tt.edit(&e)
			if err := e.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestZeroWeightMeansOne: a weight of 0 (what omitempty leaves out of the
// stored JSON) is the default share, 1: the arm splits the units as an
// arm of weight 1 does, and the refusal of a bad weight says so.
func TestZeroWeightMeansOne(t *testing.T) {
	zero, one := threeArms(), threeArms()
	zero.Arms[1].Weight, one.Arms[1].Weight = 0, 1
	for i := range 500 {
		a := experiment.Attributes{Conversation: fmt.Sprintf("c%d", i)}
		z, _ := zero.Assign(a)
		o, _ := one.Assign(a)
		if z.Arm.Name != o.Arm.Name {
			t.Fatalf("unit %d: arm %s with weight 0, %s with weight 1", i, z.Arm.Name, o.Arm.Name)
		}
	}
	bad := threeArms()
	bad.Arms[1].Weight = 1e308
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "0 or absent means 1") || strings.Contains(err.Error(), "positive") {
		t.Fatalf("weight 1e308: %v", err)
	}
}

// TestValidateCanonicalizesTags: the language lists are matched against
// requests' canonical tags, so a list written "pt_br" must match pt-BR
// requests, and the caller's slice is left as written.
func TestValidateCanonicalizesTags(t *testing.T) {
	e := threeArms()
	written := []string{"pt_br", "ES"}
	e.Targets = written
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"pt-BR", "es"}; fmt.Sprint(e.Targets) != fmt.Sprint(want) {
		t.Fatalf("targets %v, want %v", e.Targets, want)
	}
	if written[0] != "pt_br" {
		t.Fatalf("the caller's slice changed: %v", written)
	}
	if _, ok := e.Assign(experiment.Attributes{Target: "pt-BR", Conversation: "c1"}); !ok {
		t.Fatal("a pt-BR request is not in an experiment targeting pt_br")
	}
}

// TestLargeWeightsStillSplit: at the largest weights the arms still
// share the units by weight (the sum used to overflow to +Inf and send
// every unit to the last arm).
func TestLargeWeightsStillSplit(t *testing.T) {
	e := experiment.Experiment{Name: "big", Status: experiment.StatusRunning, Control: "a",
		Arms: []experiment.Arm{{Name: "a", Weight: experiment.MaxWeight}, {Name: "b", Weight: experiment.MaxWeight}}}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	const n = 2000
	for i := range n {
		as, ok := e.Assign(experiment.Attributes{Conversation: fmt.Sprintf("c%d", i)})
		if !ok {
			t.Fatalf("unit %d not assigned", i)
		}
		counts[as.Arm.Name]++
	}
	// Half each; a binomial's standard deviation at n=2000 is 1.1 %, so
	// 40-60 % is about nine sigmas.
	if counts["a"] < n*4/10 || counts["b"] < n*4/10 {
		t.Fatalf("arms %v, want about half each", counts)
	}
}

// eventually polls cond until it holds or the test's patience ends.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	// A KV watch's delivery, which a busy machine (-race, other test
	// binaries) can hold up for seconds.
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: never happened", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestStoreAndEvents(t *testing.T) {
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := experiment.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	worker, err := experiment.Open(ctx, natstest.Conn(t, srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = worker.Close() })

	if _, ok := worker.Assign(experiment.Attributes{Conversation: "c1"}); ok {
		t.Fatal("assigned with no experiments")
	}
	if _, err := admin.Put(ctx, threeArms()); err != nil {
		t.Fatal(err)
	}
	eventually(t, "experiment visible", func() bool {
		_, ok := worker.Assign(experiment.Attributes{Conversation: "c1"})
		return ok
	})
	stopped, err := admin.StopArm(ctx, "model-bake-off", "hosted", "quality dropped")
	if err != nil || !stopped {
		t.Fatalf("StopArm = %v, %v", stopped, err)
	}
	if again, err := admin.StopArm(ctx, "model-bake-off", "hosted", "again"); err != nil || again {
		t.Fatalf("second StopArm = %v, %v; want a no-op", again, err)
	}
	if ok, err := admin.StopArm(ctx, "model-bake-off", "control", "x"); err != nil || ok {
		t.Fatalf("stopping control = %v, %v; want a no-op", ok, err)
	}
	eventually(t, "stop visible", func() bool {
		e, _ := worker.Get("model-bake-off")
		a, _ := e.Arm("hosted")
		return a.Stopped == "quality dropped"
	})

	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(ctx, js, 1); err != nil {
		t.Fatal(err)
	}
	pub := experiment.Publisher{NC: nc}
	q := 80.0
	if err := pub.Publish(experiment.Event{Type: experiment.Exposure, Experiment: "model-bake-off", Arm: "control"}); err != nil {
		t.Fatal(err)
	}
	if err := pub.Publish(experiment.Event{Type: experiment.Outcome, Experiment: "other", Arm: "a", Quality: &q}); err != nil {
		t.Fatal(err)
	}
	// Feedback written before it had a stream of its own stays readable.
	old, _ := json.Marshal(experiment.Event{Type: experiment.Feedback, ID: "fb-0", Experiment: "model-bake-off", Arm: "qwen7b", Rating: 4,
		Time: time.Now().UTC()})
	if _, err := js.Publish(ctx, api.SubjectExperimentEvents+".feedback.model-bake-off", old); err != nil {
		t.Fatal(err)
	}
	if _, err := pub.PublishAck(ctx, experiment.Event{Type: experiment.Feedback, ID: "fb-1", Experiment: "model-bake-off", Arm: "qwen7b", Rating: 2}); !errors.Is(err, jetstream.ErrNoStreamResponse) {
		t.Fatalf("feedback without its stream: %v", err)
	}
	if _, err := experiment.EnsureFeedbackStream(ctx, js, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := pub.PublishAck(ctx, experiment.Event{Type: experiment.Feedback, ID: "fb-1", Experiment: "model-bake-off", Arm: "qwen7b", Rating: 2}); err != nil {
		t.Fatal(err)
	}
	var evs []experiment.Event
	eventually(t, "events stored", func() bool {
		evs, err = experiment.Read(ctx, js, "model-bake-off")
		return err == nil && len(evs) == 3
	})
	if evs[0].Type != experiment.Exposure || evs[1].ID != "fb-0" || evs[2].Rating != 2 || evs[2].ID != "fb-1" {
		t.Fatalf("events %+v", evs)
	}
	all, err := experiment.Read(ctx, js, "")
	if err != nil || len(all) != 4 {
		t.Fatalf("all events: %d, %v", len(all), err)
	}
	// The events stream holds no new feedback: a flood of it cannot evict
	// exposures and outcomes.
	st, err := js.Stream(ctx, experiment.Stream)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := st.Info(ctx); err != nil || info.State.Msgs != 3 {
		t.Fatalf("events stream: %+v, %v; want the exposure, the outcome and the old feedback", info.State, err)
	}
}

// TestStreamIsBounded: any client key can write feedback, so the stream
// has a byte bound (the oldest events go first), an operator's own bound
// stays, and a stream created before there was a bound gets one.
func TestStreamIsBounded(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tests := []struct {
		name     string
		existing int64 // 0: no stream yet; -1: one without a bound
		opts     []experiment.StreamOption
		want     int64
	}{
		{"new stream", 0, nil, experiment.DefaultMaxBytes},
		{"new stream, own bound", 0, []experiment.StreamOption{experiment.MaxBytes(64 << 20)}, 64 << 20},
		{"unbounded stream gets the bound", -1, nil, experiment.DefaultMaxBytes},
		{"operator's bound stays", 32 << 20, nil, 32 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
			if err != nil {
				t.Fatal(err)
			}
			if tt.existing != 0 {
				if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: experiment.Stream,
					Subjects: []string{"parley.experiment.events.>"}, MaxBytes: tt.existing}); err != nil {
					t.Fatal(err)
				}
			}
			st, err := experiment.EnsureStream(ctx, js, 1, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			info, err := st.Info(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if info.Config.MaxBytes != tt.want || info.Config.Discard != jetstream.DiscardOld {
				t.Fatalf("max bytes %d discard %v, want %d, old", info.Config.MaxBytes, info.Config.Discard, tt.want)
			}
		})
	}
}

func TestSplitsByUser(t *testing.T) {
	srv := natstest.RunServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := experiment.Open(ctx, natstest.Conn(t, srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	var none *experiment.Store
	if !none.SplitsByUser() {
		t.Fatal("a nil store (nothing known) must count the user")
	}
	if s.SplitsByUser() {
		t.Fatal("no experiments, yet the user counts")
	}
	e := threeArms()
	if _, err := s.Put(ctx, e); err != nil {
		t.Fatal(err)
	}
	e.Name, e.By, e.Status = "by-user", flags.ByUser, experiment.StatusPaused
	if _, err := s.Put(ctx, e); err != nil {
		t.Fatal(err)
	}
	eventually(t, "both experiments loaded", func() bool { return len(s.List()) == 2 })
	if s.SplitsByUser() {
		t.Fatal("a paused experiment by user counts")
	}
	e.Status = experiment.StatusRunning
	if _, err := s.Put(ctx, e); err != nil {
		t.Fatal(err)
	}
	eventually(t, "running by user", s.SplitsByUser)
}

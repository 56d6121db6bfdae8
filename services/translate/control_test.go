package translate_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/registry"
	"github.com/parley-chat/parley/shared/svcmain"
)

// engine is a non-LLM rung named apertium that knows one sentence.
type engine struct{}

func (engine) Name() string                 { return "apertium" }
func (engine) Supports(string, string) bool { return true }
func (engine) Info(context.Context) api.BackendInfo {
	return api.BackendInfo{Name: "apertium", Available: true}
}
func (engine) Close() error { return nil }
func (engine) Translate(_ context.Context, req backend.Request) (backend.Result, error) {
	return backend.Result{Text: "Buenos días a todos", Model: "apertium-en-es"}, nil
}

// controlled is a chain of two LLM rungs (over fake servers) and an
// engine, steered by stores on an embedded NATS server.
type controlled struct {
	chain          *translate.Chain
	ctl            *translate.Controls
	nc             *nats.Conn
	reg            *prometheus.Registry
	ollama, openai *fakellm.Server
}

func newControlledChain(t *testing.T) controlled {
	t.Helper()
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	ctl, closeCtl, err := translate.OpenControls(t.Context(), nc, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeCtl)
	reg := prometheus.NewRegistry()
	ctl.Metrics = translate.NewControlMetrics(reg)
	c := controlled{ctl: ctl, nc: nc, reg: reg,
		ollama: fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b", "qwen2.5:7b"}, Translator: fakellm.Dictionary(esDict)}),
		openai: fakellm.StartOpenAI(t, fakellm.Config{Models: []string{"gpt-4o-mini"}, Translator: fakellm.Dictionary(esDictAlt)}),
	}
	ob, err := ollama.New(t.Context(), ollama.Config{Host: c.ollama.URL(), Model: "qwen2.5:3b", Languages: llmLanguages, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ab, err := openai.New(t.Context(), openai.Config{BaseURL: c.openai.BaseURL(), Model: "gpt-4o-mini", Languages: llmLanguages, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.chain = translate.NewChain([]translate.Rung{
		{Name: "ollama", Backend: ob}, {Name: "openai", Backend: ab}, {Name: "apertium", Backend: engine{}},
	}, translate.ChainConfig{Controls: ctl, Cache: cache.New(cache.Config{}, cache.NewMemory(), nil)}, nil)
	t.Cleanup(func() { c.chain.Close() })
	return c
}

// within polls cond until it holds; the flags contract is one second.
func within(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	// d is the promise (a change is live within a second); a busy machine
	// under -race can hold a watch update back for longer, so the test
	// fails only on a change that never arrives, and logs a late one.
	start := time.Now()
	for !cond() {
		if time.Since(start) > max(d, 10*time.Second) {
			t.Fatalf("%s: not after %v", what, max(d, 10*time.Second))
		}
		time.Sleep(2 * time.Millisecond)
	}
	if took := time.Since(start); took > d {
		t.Logf("%s: after %v, past the %v promised", what, took.Round(time.Millisecond), d)
	}
}

func (c controlled) backendFor(t *testing.T, req api.TranslateRequest) string {
	t.Helper()
	resp, err := c.chain.Translate(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.Backend
}

func TestKillSwitchesTakeEffectLive(t *testing.T) {
	c := newControlledChain(t)
	ctx := t.Context()
	hello := func(tenant, conv string) api.TranslateRequest {
		return api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", Tenant: tenant, ConversationID: conv}
	}
	if got := c.backendFor(t, hello("acme", "c1")); got != "ollama" {
		t.Fatalf("served by %s before any flag", got)
	}

	t.Run("no_llm for one tenant", func(t *testing.T) {
		if _, err := c.ctl.Flags.Set(ctx, flags.NoLLM, flags.Flag{Enabled: true, Tenants: []string{"acme"}}); err != nil {
			t.Fatal(err)
		}
		within(t, time.Second, "no_llm", func() bool { return c.backendFor(t, hello("acme", "c1")) == "apertium" })
		if got := c.backendFor(t, hello("globex", "c1")); got != "ollama" {
			t.Fatalf("another tenant served by %s", got)
		}
		if n := counter(t, c.reg, "parley_translate_kill_switch_total", "no_llm"); n < 1 {
			t.Fatalf("kill switch metric %v", n)
		}
		if err := c.ctl.Flags.Delete(ctx, flags.NoLLM); err != nil {
			t.Fatal(err)
		}
		within(t, time.Second, "no_llm off", func() bool { return c.backendFor(t, hello("acme", "c1")) == "ollama" })
	})

	t.Run("force_apertium by locale", func(t *testing.T) {
		if _, err := c.ctl.Flags.Set(ctx, flags.ForceApertium, flags.Flag{Enabled: true, Locales: []string{"es"}}); err != nil {
			t.Fatal(err)
		}
		within(t, time.Second, "force_apertium", func() bool { return c.backendFor(t, hello("", "c1")) == "apertium" })
		fr := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "fr"}
		resp, err := c.chain.Translate(ctx, fr)
		if err != nil || resp.Backend == "apertium" {
			t.Fatalf("a French reader was forced to apertium: %+v %v", resp, err)
		}
		c.clearFlag(t, flags.ForceApertium)
	})

	t.Run("no_llm by conversation percentage", func(t *testing.T) {
		half := 50.0
		if _, err := c.ctl.Flags.Set(ctx, flags.NoLLM, flags.Flag{Enabled: true, Percentage: &half, Salt: "x"}); err != nil {
			t.Fatal(err)
		}
		within(t, time.Second, "percentage flag", func() bool {
			f, ok := c.ctl.Flags.Get(flags.NoLLM)
			return ok && f.Percentage != nil
		})
		killed := 0
		for i := range 40 {
			conv := fmt.Sprintf("conv-%d", i)
			want := "ollama"
			if flags.Bucket10k(flags.NoLLM, "x", conv) < 5000 {
				want = "apertium"
				killed++
			}
			if got := c.backendFor(t, hello("", conv)); got != want {
				t.Fatalf("%s served by %s, want %s", conv, got, want)
			}
		}
		if killed == 0 || killed == 40 {
			t.Fatalf("a 50%% rollout took %d of 40 conversations", killed)
		}
		c.clearFlag(t, flags.NoLLM)
	})
}

// evaluated are offline scores that pass the default thresholds for a
// version serving en and es: both directions evaluated, every segment
// translated by backend/model rendering prompt.
func evaluated(backend, model, prompt string) *registry.Scores {
	s := &registry.Scores{Segments: 200, Translated: 200, ChrF: 60, ServedBy: map[string]int{backend + "/" + model: 200}}
	for _, p := range [][2]string{{"en", "es"}, {"es", "en"}} {
		s.Pairs = append(s.Pairs, registry.PairScore{Pair: p[0] + "-" + p[1], Source: p[0], Target: p[1], Segments: 100, ChrF: 60})
		s.Tally = append(s.Tally, registry.Tally{Source: p[0], Target: p[1], Status: api.StatusTranslated, Backend: backend, Model: model, Prompt: prompt, Segments: 100})
	}
	return s
}

func TestRegistryRoutesModels(t *testing.T) {
	c := newControlledChain(t)
	ctx := t.Context()
	e, err := c.ctl.Registry.Add(ctx, registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "qwen2.5:7b", Version: "1",
		Languages: []string{"en", "es"}, Offline: evaluated("ollama", "qwen2.5:7b", "chat-translate@4")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ctl.Registry.Promote(ctx, registry.Promotion{Key: e.Key(), To: registry.StatusProduction}, registry.DefaultThresholds); err != nil {
		t.Fatal(err)
	}
	req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", ConversationID: "c1"}
	within(t, time.Second, "registry model", func() bool {
		resp, err := c.chain.Translate(ctx, req)
		return err == nil && resp.Model == "qwen2.5:7b"
	})
	// A pair outside the version's languages keeps the configured model.
	resp, err := c.chain.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "fr"})
	if err != nil || resp.Model != "qwen2.5:3b" {
		t.Fatalf("en-fr: %+v %v", resp, err)
	}
}

func TestExperimentArmsServeAndExpose(t *testing.T) {
	c := newControlledChain(t)
	ctx := t.Context()
	js, err := jetstream.New(c.nc)
	if err != nil {
		t.Fatal(err)
	}
	exp := experiment.Experiment{Name: "hosted-vs-local", Status: experiment.StatusRunning, Salt: "1", Control: "local",
		Targets: []string{"es"},
		Arms: []experiment.Arm{
			{Name: "local"},
			{Name: "hosted", Backend: "openai"},
		}}
	if _, err := c.ctl.Experiments.Put(ctx, exp); err != nil {
		t.Fatal(err)
	}
	within(t, time.Second, "experiment", func() bool { _, ok := c.ctl.Experiments.Get(exp.Name); return ok })
	served, units := map[string]int{}, map[string]bool{}
	for i := range 30 {
		conv := fmt.Sprintf("conv-%d", i)
		as, _ := exp.Assign(experiment.Attributes{Target: "es", Conversation: conv})
		resp, err := c.chain.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", ConversationID: conv})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"local": "ollama", "hosted": "openai"}[as.Arm.Name]
		if resp.Backend != want || resp.Experiment == nil || resp.Experiment.Arm != as.Arm.Name || resp.Experiment.Control != (as.Arm.Name == "local") {
			t.Fatalf("%s (arm %s): served by %s, experiment %+v", conv, as.Arm.Name, resp.Backend, resp.Experiment)
		}
		// The hashed unit goes with the response, for the view's outcome.
		if resp.ExperimentUnit != experiment.UnitID(&exp, conv) {
			t.Fatalf("%s: unit %q, want %q", conv, resp.ExperimentUnit, experiment.UnitID(&exp, conv))
		}
		units[resp.ExperimentUnit] = true
		served[as.Arm.Name]++
	}
	if served["local"] == 0 || served["hosted"] == 0 {
		t.Fatalf("arms %v", served)
	}
	if n := counter(t, c.reg, "parley_experiment_exposures_total", "hosted"); n != float64(served["hosted"]) {
		t.Fatalf("exposure metric %v, want %d", n, served["hosted"])
	}
	var evs []experiment.Event
	within(t, 5*time.Second, "exposure events", func() bool {
		evs, err = experiment.Read(ctx, js, exp.Name)
		return err == nil && len(evs) == 30
	})
	for _, ev := range evs {
		if ev.Type != experiment.Exposure || ev.Target != "es" || (ev.Arm == "hosted") != (ev.Backend == "openai") || !units[ev.Unit] {
			t.Fatalf("event %+v", ev)
		}
	}

	t.Run("outside the population", func(t *testing.T) {
		resp, err := c.chain.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "fr", ConversationID: "conv-1"})
		if err != nil || resp.Experiment != nil {
			t.Fatalf("%+v %v", resp, err)
		}
	})
	t.Run("kill switch wins", func(t *testing.T) {
		if _, err := c.ctl.Flags.Set(ctx, flags.NoLLM, flags.Flag{Enabled: true}); err != nil {
			t.Fatal(err)
		}
		within(t, time.Second, "no_llm", func() bool {
			resp, err := c.chain.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", ConversationID: "conv-2"})
			return err == nil && resp.Backend == "apertium" && resp.Experiment == nil
		})
		c.clearFlag(t, flags.NoLLM)
	})
	t.Run("stopped arm returns to control", func(t *testing.T) {
		if _, err := c.ctl.Experiments.StopArm(ctx, exp.Name, "hosted", "test"); err != nil {
			t.Fatal(err)
		}
		within(t, time.Second, "stop", func() bool {
			e, _ := c.ctl.Experiments.Get(exp.Name)
			a, _ := e.Arm("hosted")
			return a.Stopped != ""
		})
		for i := range 30 {
			resp, err := c.chain.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", ConversationID: fmt.Sprintf("conv-%d", i)})
			if err != nil || resp.Backend != "ollama" || resp.Experiment.Arm != "local" {
				data, _ := json.Marshal(resp)
				t.Fatalf("after the stop: %s %v", data, err)
			}
		}
	})
}

func TestServiceOpensControls(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	c := startServiceOn(t, nc, map[string]string{"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL()})
	admin, err := flags.Open(t.Context(), natstest.Conn(t, s), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", Tenant: "acme"}
	resp, err := c.Translate(t.Context(), req)
	if err != nil || resp.Backend != "ollama" {
		t.Fatalf("before: %+v %v", resp, err)
	}
	if _, err := admin.Set(t.Context(), flags.NoLLM, flags.Flag{Enabled: true, Tenants: []string{"acme"}}); err != nil {
		t.Fatal(err)
	}
	within(t, time.Second, "no_llm through the service", func() bool {
		resp, err := c.Translate(t.Context(), req)
		return err == nil && resp.Status == api.StatusOriginal
	})
}

// startServiceOn runs the translate service on nc and returns a client.
func startServiceOn(t *testing.T, nc *nats.Conn, env map[string]string) client.Translate {
	t.Helper()
	return startServiceMetrics(t, nc, env, nil)
}

// startServiceMetrics is startServiceOn registering the service's metrics
// on reg (nil: none).
func startServiceMetrics(t *testing.T, nc *nats.Conn, env map[string]string, reg *prometheus.Registry) client.Translate {
	t.Helper()
	r := config.NewReader(config.Map(env))
	d := svcmain.Deps{NC: nc, Env: r}
	if reg != nil {
		d.Registry = reg
	}
	stop, err := translate.Start(t.Context(), d)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return client.Translate{NC: nc}
}

// counter sums the samples of family name that carry label value v.
func counter(t *testing.T, reg *prometheus.Registry, name, v string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetValue() == v {
					sum += m.GetCounter().GetValue()
				}
			}
		}
	}
	return sum
}

func TestExperimentArmOptionsAndMissingPrompt(t *testing.T) {
	c := newControlledChain(t)
	ctx := t.Context()
	exp := experiment.Experiment{Name: "options", Status: experiment.StatusRunning, Salt: "o", Control: "plain",
		Arms: []experiment.Arm{
			{Name: "plain"},
			{Name: "informal", Options: map[string]string{experiment.OptionFormality: api.FormalityInformal}},
			{Name: "future-prompt", Backend: "ollama", Prompt: "chat-translate@99"},
		}}
	// A prompt no replica has is refused when the experiment is written.
	if _, err := c.ctl.Experiments.Put(ctx, exp); err == nil {
		t.Fatal("an arm naming an unknown prompt version was stored")
	}
	// A known prompt on a rung without prompts cannot be honoured by this
	// chain: control serves it, visibly.
	exp.Arms[2] = experiment.Arm{Name: "future-prompt", Backend: "apertium", Prompt: "chat-translate@3"}
	if _, err := c.ctl.Experiments.Put(ctx, exp); err != nil {
		t.Fatal(err)
	}
	within(t, time.Second, "experiment", func() bool { _, ok := c.ctl.Experiments.Get(exp.Name); return ok })
	seen := map[string]bool{}
	for i := 0; i < 60 && len(seen) < 3; i++ {
		conv := fmt.Sprintf("conv-%d", i)
		as, _ := exp.Assign(experiment.Attributes{Conversation: conv})
		req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", ConversationID: conv}
		resp, err := c.chain.Translate(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		switch as.Arm.Name {
		case "informal":
			if resp.Formality != api.FormalityInformal || resp.Experiment.Arm != "informal" {
				t.Fatalf("informal arm: formality %q, experiment %+v", resp.Formality, resp.Experiment)
			}
			// A register the request asks for is not overridden.
			req.Formality = api.FormalityFormal
			if resp, _ := c.chain.Translate(ctx, req); resp.Formality != api.FormalityFormal {
				t.Fatalf("the arm overrode the request's register: %q", resp.Formality)
			}
		case "future-prompt":
			// The engine has no such prompt: control serves, visibly.
			if resp.Experiment.Arm != "plain" || !resp.Experiment.Control || resp.Formality != "" {
				t.Fatalf("arm with a missing prompt: %+v", resp.Experiment)
			}
		case "plain":
			if resp.Formality != "" || !resp.Experiment.Control {
				t.Fatalf("control: formality %q, %+v", resp.Formality, resp.Experiment)
			}
		}
		seen[as.Arm.Name] = true
	}
	if len(seen) != 3 {
		t.Fatalf("arms seen %v", seen)
	}
}

// clearFlag deletes a flag and waits until this process sees it gone, so
// the next step does not race the watcher.
func (c controlled) clearFlag(t *testing.T, name string) {
	t.Helper()
	if err := c.ctl.Flags.Delete(t.Context(), name); err != nil {
		t.Fatal(err)
	}
	within(t, time.Second, name+" deleted", func() bool { _, ok := c.ctl.Flags.Get(name); return !ok })
}

func TestExperimentArmsPickPromptVersions(t *testing.T) {
	c := newControlledChain(t)
	ctx := t.Context()
	exp := experiment.Experiment{Name: "prompts", Status: experiment.StatusRunning, Salt: "p", Control: "v2",
		Arms: []experiment.Arm{
			{Name: "v2", Backend: "ollama", Prompt: "chat-translate@2"},
			{Name: "v3", Backend: "ollama", Prompt: "chat-translate@3"},
		}}
	if _, err := c.ctl.Experiments.Put(ctx, exp); err != nil {
		t.Fatal(err)
	}
	within(t, time.Second, "experiment", func() bool { _, ok := c.ctl.Experiments.Get(exp.Name); return ok })
	// One conversation per arm.
	convs := map[string]string{}
	for i := 0; len(convs) < 2 && i < 100; i++ {
		conv := fmt.Sprintf("conv-%d", i)
		as, _ := exp.Assign(experiment.Attributes{Conversation: conv})
		if _, ok := convs[as.Arm.Name]; !ok {
			convs[as.Arm.Name] = conv
		}
	}
	systems := map[string]string{}
	for _, arm := range []string{"v2", "v3"} {
		req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", ConversationID: convs[arm]}
		before := len(c.ollama.Requests())
		resp, err := c.chain.Translate(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"v2": 2, "v3": 3}[arm]
		// The view names the version; the same text under the other arm
		// was not served from the cache (another key).
		if resp.Experiment == nil || resp.Experiment.Arm != arm || resp.PromptID != "chat-translate" || resp.PromptVersion != want || resp.Cache != "" {
			t.Fatalf("arm %s: %+v", arm, resp)
		}
		reqs := c.ollama.Requests()
		if len(reqs) != before+1 {
			t.Fatalf("arm %s: %d model calls, want 1", arm, len(reqs)-before)
		}
		systems[arm] = reqs[len(reqs)-1].System
		// The arm's second request is served from its own cache entry.
		again, err := c.chain.Translate(ctx, req)
		if err != nil || again.Cache == "" || again.PromptVersion != want || again.Text != resp.Text {
			t.Fatalf("arm %s again: %+v %v", arm, again, err)
		}
	}
	if systems["v2"] == systems["v3"] || systems["v2"] == "" || systems["v3"] == "" {
		t.Fatalf("both arms sent the same system prompt:\n%s", systems["v2"])
	}
	if !strings.Contains(systems["v3"], "never instructions") || !strings.Contains(systems["v3"], `{"translation": "..."}`) {
		t.Fatalf("v3 lost its safety rules:\n%s", systems["v3"])
	}
}

func TestRegistryRoutesPromptVersions(t *testing.T) {
	c := newControlledChain(t)
	ctx := t.Context()
	// A version that is not compiled in is refused when it is written.
	if _, err := c.ctl.Registry.Add(ctx, registry.Entry{Kind: registry.KindPrompt, Name: "chat-translate", Version: "99", Languages: []string{"en", "es"}}); err == nil {
		t.Fatal("the registry stored an unknown prompt version")
	}
	e, err := c.ctl.Registry.Add(ctx, registry.Entry{Kind: registry.KindPrompt, Backend: "ollama", Name: "chat-translate", Version: "3",
		Languages: []string{"en", "es"}, Offline: evaluated("ollama", "qwen2.5:7b", "chat-translate@3")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ctl.Registry.Promote(ctx, registry.Promotion{Key: e.Key(), To: registry.StatusProduction}, registry.DefaultThresholds); err != nil {
		t.Fatal(err)
	}
	req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", ConversationID: "c1"}
	within(t, time.Second, "registry prompt", func() bool {
		resp, err := c.chain.Translate(ctx, req)
		return err == nil && resp.PromptVersion == 3 && resp.Backend == "ollama"
	})
	// A pair outside the version's languages keeps the default template.
	resp, err := c.chain.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "fr"})
	if err != nil || resp.PromptVersion != 4 {
		t.Fatalf("en-fr: %+v %v", resp, err)
	}
}

func TestServiceGuardStopsDegradingArm(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	// Only the running service enforces: no sidecar.
	reg := prometheus.NewRegistry()
	startServiceMetrics(t, nc, map[string]string{"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(), "EXPERIMENT_GUARD_INTERVAL": "20ms"}, reg)
	admin, err := experiment.Open(t.Context(), natstest.Conn(t, s), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	exp := experiment.Experiment{Name: "guarded", Status: experiment.StatusRunning, Salt: "g", Control: "control",
		Arms:       []experiment.Arm{{Name: "control"}, {Name: "worse", Model: "qwen2.5:0.5b"}, {Name: "same", Model: "qwen2.5:7b"}},
		Guardrails: experiment.Guardrails{MinSamples: 30, MaxQualityDrop: 5}}
	if _, err := admin.Put(t.Context(), exp); err != nil {
		t.Fatal(err)
	}
	// Synthetic outcomes: "worse" scores about 20 points below control,
	// "same" like control.
	pub := experiment.Publisher{NC: nc}
	for i := range 40 {
		jitter := float64(i%7) - 3
		for arm, q := range map[string]float64{"control": 80, "worse": 60, "same": 80} {
			q += jitter
			ev := experiment.Event{Type: experiment.Outcome, Experiment: exp.Name, Arm: arm, Status: api.StatusTranslated, Quality: &q, LatencyMS: 100}
			if _, err := pub.PublishAck(t.Context(), ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	within(t, 10*time.Second, "the service stopped the degrading arm", func() bool {
		e, ok := admin.Get(exp.Name)
		a, _ := e.Arm("worse")
		return ok && a.Stopped != ""
	})
	e, _ := admin.Get(exp.Name)
	if a, _ := e.Arm("same"); a.Stopped != "" {
		t.Fatalf("an arm like control was stopped: %s", a.Stopped)
	}
	if a, _ := e.Arm("worse"); !strings.Contains(a.Stopped, "quality") {
		t.Fatalf("stop reason %q", a.Stopped)
	}
	// Counted once, for the alert on a guardrail stopping an arm (after
	// the write the store above saw).
	within(t, 5*time.Second, "the stop was counted", func() bool {
		return counter(t, reg, "parley_experiment_guardrail_stops_total", "worse") >= 1
	})
	time.Sleep(100 * time.Millisecond) // more checks, no second stop
	if n := counter(t, reg, "parley_experiment_guardrail_stops_total", "worse"); n != 1 {
		t.Errorf("parley_experiment_guardrail_stops_total{arm=worse} = %v, want 1", n)
	}
	if n := counter(t, reg, "parley_experiment_guardrail_stops_total", "same"); n != 0 {
		t.Errorf("parley_experiment_guardrail_stops_total{arm=same} = %v, want 0", n)
	}
}

// TestServiceGuardCountsUnits: the service's guardrails compare units, not
// views. Arm "b" is control's twin but one of its conversations saw 40
// poor translations: counted per view that is a 14-point drop (p<1e-6)
// that stopped the arm; per unit it is one conversation among 41. Arm
// "worse" is worse in every conversation and is stopped. The service also
// creates the feedback stream the guardrails read.
func TestServiceGuardCountsUnits(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	startServiceOn(t, nc, map[string]string{"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(), "EXPERIMENT_GUARD_INTERVAL": "20ms"})
	admin, err := experiment.Open(t.Context(), natstest.Conn(t, s), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Stream(t.Context(), experiment.FeedbackStream); err != nil {
		t.Fatalf("feedback stream: %v", err)
	}
	exp := experiment.Experiment{Name: "a-a", Status: experiment.StatusRunning, Salt: "u", Control: "a",
		Arms:       []experiment.Arm{{Name: "a", Backend: "apertium"}, {Name: "b", Backend: "apertium"}, {Name: "worse"}},
		Guardrails: experiment.Guardrails{MinSamples: 30, MaxQualityDrop: 3}}
	if _, err := admin.Put(t.Context(), exp); err != nil {
		t.Fatal(err)
	}
	pub := experiment.Publisher{NC: nc}
	outcome := func(arm, unit, text string, q float64) {
		t.Helper()
		ev := experiment.Event{Type: experiment.Outcome, Experiment: exp.Name, Arm: arm, Status: api.StatusTranslated, Quality: &q, LatencyMS: 100,
			Unit: experiment.UnitID(&exp, unit), View: experiment.ViewKey(exp.Name, arm, "es", "", text)}
		if _, err := pub.PublishAck(t.Context(), ev); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 40 {
		jitter := float64(i%7) - 3
		for arm, q := range map[string]float64{"a": 80, "b": 80, "worse": 60} {
			outcome(arm, fmt.Sprintf("%s-conv-%d", arm, i), "Good morning", q+jitter)
		}
	}
	for i := range 40 {
		outcome("b", "b-heavy", fmt.Sprintf("Poor %d", i), 20)
	}
	within(t, 10*time.Second, "the service stopped the arm worse in every conversation", func() bool {
		e, ok := admin.Get(exp.Name)
		a, _ := e.Arm("worse")
		return ok && a.Stopped != ""
	})
	// Every event was stored before the wait; a few more checks run on
	// all of them.
	time.Sleep(200 * time.Millisecond)
	e, _ := admin.Get(exp.Name)
	if a, _ := e.Arm("worse"); !strings.Contains(a.Stopped, "units") {
		t.Fatalf("stop reason %q does not count units", a.Stopped)
	}
	if a, _ := e.Arm("b"); a.Stopped != "" {
		t.Fatalf("one conversation's views stopped an arm: %s", a.Stopped)
	}
}

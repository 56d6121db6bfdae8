package translate

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/registry"
	"github.com/parley-chat/parley/shared/service"
)

// Controls are the live, operator-set inputs that steer each request on
// top of the routing document: feature flags (the no_llm and
// force_apertium kill switches), the model registry (each pair's
// production model and canaries) and A/B experiments. Each is optional;
// all are read from memory, kept current by JetStream KV watchers.
type Controls struct {
	Flags       *flags.Store
	Registry    *registry.Store
	Experiments *experiment.Store
	// Events receives exposure events (nil NC: none are sent).
	Events experiment.Publisher
	// Metrics counts what the controls did (nil: nothing).
	Metrics *ControlMetrics
}

// ControlMetrics make the controls visible: how many requests a kill
// switch changed, how many a registry version routed, and exposures per
// experiment arm. Experiment and arm names are set by operators, so the
// label sets stay small.
type ControlMetrics struct {
	kills     *prometheus.CounterVec
	registry  *prometheus.CounterVec
	exposures *prometheus.CounterVec
	stops     *prometheus.CounterVec
}

// NewControlMetrics registers the control metrics on reg.
func NewControlMetrics(reg prometheus.Registerer) *ControlMetrics {
	m := &ControlMetrics{
		kills: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_kill_switch_total",
			Help: "Translate requests a kill switch applied to, by switch (no_llm, force_apertium).",
		}, []string{"switch"}),
		registry: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_registry_routed_total",
			Help: "Rung models chosen by the model registry, by backend and status (production, canary).",
		}, []string{"backend", "status"}),
		exposures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_experiment_exposures_total",
			Help: "Translate requests served under an A/B experiment arm.",
		}, []string{"experiment", "arm"}),
		stops: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_experiment_guardrail_stops_total",
			Help: "Experiment arms this replica's guardrail check stopped (quality, latency or fallbacks past the experiment's thresholds).",
		}, []string{"experiment", "arm"}),
	}
	reg.MustRegister(m.kills, m.registry, m.exposures, m.stops)
	// The switches and the registry's rungs and statuses are known now:
	// their series read 0 from the start, so that a dashboard and an
	// alert see a switch turned on as a rise, not as a new series.
	// Experiments and arms are named by operators later.
	for _, s := range []string{flags.NoLLM, flags.ForceApertium} {
		m.kills.WithLabelValues(s)
	}
	for _, b := range []string{ollama.Name, openai.Name} {
		for _, st := range []string{registry.StatusProduction, registry.StatusCanary} {
			m.registry.WithLabelValues(b, st)
		}
	}
	return m
}

func (m *ControlMetrics) stopped(d experiment.Decision) {
	if m != nil {
		m.stops.WithLabelValues(d.Experiment, d.Arm).Inc()
	}
}

func (m *ControlMetrics) kill(name string) {
	if m != nil {
		m.kills.WithLabelValues(name).Inc()
	}
}

func (m *ControlMetrics) routed(backend, status string) {
	if m != nil {
		m.registry.WithLabelValues(backend, status).Inc()
	}
}

func (m *ControlMetrics) exposed(exp, arm string) {
	if m != nil {
		m.exposures.WithLabelValues(exp, arm).Inc()
	}
}

// flagAttrs are the flag attributes of v: the reader's locale is the
// target language.
func flagAttrs(v validated) flags.Attributes {
	return flags.Attributes{Tenant: v.tenant, Locale: v.target, Conversation: v.conversation, User: v.user}
}

// isLLM reports a rung whose answers come from a prompted model.
func isLLM(r *chainRung) bool {
	if r.Backend == nil {
		return r.Name != apertium.Name
	}
	_, ok := r.Backend.(backend.Prompted)
	return ok
}

// hasPrompt reports whether rung b can render the prompt template ref:
// its default, or one it can choose.
func hasPrompt(b backend.Backend, ref string) bool {
	if c, ok := b.(backend.PromptChooser); ok {
		return c.HasPrompt(ref)
	}
	p, ok := b.(backend.Prompted)
	return ok && p.PromptRef() == ref
}

// unit is what canaries bucket by: the conversation, else the message.
func (v validated) unit() string {
	if v.conversation != "" {
		return v.conversation
	}
	return v.message
}

// controlled applies the registry and the kill switches to the rungs the
// routing chose. The registry sets the model of a rung the routing left
// at its default; no_llm turns the LLM rungs off (they stay in the list,
// marked off, so that the answer's attempts say why they did not serve);
// force_apertium moves the Apertium rung to the front.
func (c *Chain) controlled(v validated, rungs []routedRung) []routedRung {
	ctl := c.cfg.Controls
	if ctl == nil {
		return rungs
	}
	if ctl.Registry != nil {
		for i := range rungs {
			if rungs[i].Backend == nil || !isLLM(rungs[i].chainRung) {
				continue
			}
			if rungs[i].model == "" {
				if ch, ok := ctl.Registry.Model(rungs[i].Name, v.source, v.target, v.unit()); ok {
					rungs[i].model = ch.Model
					ctl.Metrics.routed(rungs[i].Name, ch.Status)
				}
			}
			// A prompt version the registry promoted for the pair; one
			// this binary cannot render (an older replica) is skipped,
			// so the rung keeps its default.
			// (A request that names its template gets it: requestedPrompt.)
			if ch, ok := ctl.Registry.Prompt(rungs[i].Name, v.source, v.target, v.unit()); ok && v.prompt == "" && hasPrompt(rungs[i].Backend, ch.Prompt) {
				if ch.Prompt != rungs[i].Backend.(backend.Prompted).PromptRef() {
					rungs[i].prompt = ch.Prompt
				}
				ctl.Metrics.routed(rungs[i].Name, ch.Status)
			}
		}
	}
	if ctl.Flags == nil {
		return rungs
	}
	a := flagAttrs(v)
	ctx := context.Background() // evaluation is a memory read
	if ctl.Flags.NoLLM(ctx, a) {
		ctl.Metrics.kill(flags.NoLLM)
		for i := range rungs {
			if isLLM(rungs[i].chainRung) {
				rungs[i].off = killedBy(flags.NoLLM)
			}
		}
	}
	if ctl.Flags.ForceApertium(ctx, a) {
		ctl.Metrics.kill(flags.ForceApertium)
		i := slices.IndexFunc(rungs, func(r routedRung) bool { return r.Name == apertium.Name })
		if i < 0 {
			// The routing left Apertium out for this pair: the switch
			// still puts it first, if the chain has it.
			for _, r := range c.rungs {
				if r.Name == apertium.Name {
					rungs = append(rungs, routedRung{chainRung: r})
					i = len(rungs) - 1
				}
			}
		}
		if i > 0 {
			r := rungs[i]
			rungs = append([]routedRung{r}, slices.Delete(rungs, i, i+1)...)
		}
	}
	return rungs
}

// killedBy is the reason a rung turned off by kill switch name is
// skipped, after "skipped: " in its attempt.
func killedBy(name string) string {
	return api.SkipTextKillSwitch + name + " kill switch"
}

// experimentFor assigns v to an experiment arm and applies the arm to the
// rungs and the request: the arm's backend is tried first (with the arm's
// model), its options set the register and the context. A kill switch on
// for the request keeps it out of every experiment, and an arm the chain
// cannot honour (its backend or prompt is not here) is served as control.
func (c *Chain) experimentFor(v *validated, rungs []routedRung) ([]routedRung, *experiment.Assignment) {
	ctl := c.cfg.Controls
	// A request that names its template is not an experiment's unit:
	// its arm would be measured with a prompt the arm did not choose.
	if ctl == nil || ctl.Experiments == nil || v.prompt != "" {
		return rungs, nil
	}
	if ctl.Flags != nil {
		k := ctl.Flags.Kills(context.Background(), flagAttrs(*v))
		if k.NoLLM || k.ForceApertium {
			return rungs, nil
		}
	}
	as, ok := ctl.Experiments.Assign(experiment.Attributes{Tenant: v.tenant, Source: v.source, Target: v.target, Conversation: v.conversation, User: v.user})
	if !ok {
		return rungs, nil
	}
	arm := as.Arm
	i := 0
	if arm.Backend != "" {
		i = slices.IndexFunc(rungs, func(r routedRung) bool { return r.Name == arm.Backend })
	}
	usable := i >= 0 && i < len(rungs) && rungs[i].Backend != nil
	if usable && arm.Prompt != "" {
		usable = hasPrompt(rungs[i].Backend, arm.Prompt)
	}
	if !usable {
		if e, ok := ctl.Experiments.Get(as.Experiment); ok {
			as.Arm, _ = e.Arm(e.Control)
			as.Control = true
		}
		return rungs, &as
	}
	// Control, or an arm of options only, keeps the routing's rungs.
	if arm.Backend != "" || arm.Model != "" || arm.Prompt != "" {
		r := rungs[i]
		if arm.Model != "" {
			r.model = arm.Model
		}
		if arm.Prompt != "" {
			r.prompt = arm.Prompt
			if arm.Prompt == r.Backend.(backend.Prompted).PromptRef() {
				r.prompt = "" // the default: same cache key as without the arm
			}
		}
		rungs = append([]routedRung{r}, slices.Delete(slices.Clone(rungs), i, i+1)...)
	}
	if f := arm.Options[experiment.OptionFormality]; f != "" && !v.formalityAsked {
		if f == api.FormalityDefault {
			f = ""
		}
		v.formality = f
	}
	if s := arm.Options[experiment.OptionContextMessages]; s != "" {
		if n, err := strconv.Atoi(s); err == nil && n < len(v.context) {
			v.context = v.context[len(v.context)-n:]
		}
	}
	return rungs, &as
}

// expose publishes the exposure event of a request served under an arm.
func (c *Chain) expose(ctx context.Context, v validated, as *experiment.Assignment, resp *api.TranslateResponse, usage backend.Usage, fallbacks int, took time.Duration) {
	if as == nil {
		return
	}
	// The unit goes with the response to the view's outcome event
	// (View.ExperimentUnit), never into the view a client reads.
	resp.Experiment, resp.ExperimentUnit = as.API(), as.Unit
	c.cfg.Controls.Metrics.exposed(as.Experiment, as.Arm.Name)
	if len(v.exclude) > 0 {
		// A retry of the same view after quality rejected a rung: the
		// view was exposed once already.
		return
	}
	ev := experiment.Event{
		Type: experiment.Exposure, Experiment: as.Experiment, Arm: as.Arm.Name, Control: as.Control, Unit: as.Unit, Split: as.Split,
		RequestID: service.RequestID(ctx), Source: v.source, Target: v.target,
		Backend: resp.Backend, Model: resp.Model, Status: resp.Status,
		LatencyMS: float64(took.Microseconds()) / 1000, Tokens: usage.Prompt + usage.Completion, Fallbacks: fallbacks,
	}
	if as.Assigned != as.Arm.Name {
		ev.Assigned = as.Assigned
	}
	if resp.PromptID != "" {
		ev.Prompt = resp.PromptID + "@" + strconv.Itoa(resp.PromptVersion)
	}
	if err := c.cfg.Controls.Events.Publish(ev); err != nil {
		c.logAttrs(ctx, slog.LevelWarn, "exposure event not published", slog.String("experiment", as.Experiment), slog.Any("err", err))
	}
}

// OpenControls opens the flags, registry and experiments stores on nc
// (each watches its JetStream KV bucket, created with replicas when
// absent), the experiment events and feedback streams (created, or given
// the bounds they lack) and the exposure publisher. The returned func
// closes them. bounds, at most one, are the streams' byte bounds
// (experiment.BoundsFromEnv; none: the defaults).
func OpenControls(ctx context.Context, nc *nats.Conn, replicas int, log *slog.Logger, bounds ...experiment.Bounds) (*Controls, func(), error) {
	var b experiment.Bounds
	if len(bounds) > 0 {
		b = bounds[0]
	}
	ctl := &Controls{Events: experiment.Publisher{NC: nc}}
	var closers []func() error
	closeAll := func() {
		for _, f := range closers {
			_ = f()
		}
	}
	octx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var err error
	if ctl.Flags, err = flags.Open(octx, nc, log, flags.Replicas(replicas)); err != nil {
		return nil, nil, err
	}
	closers = append(closers, ctl.Flags.Close)
	if ctl.Registry, err = registry.Open(octx, nc, log, kvstore.Replicas(replicas)); err != nil {
		closeAll()
		return nil, nil, err
	}
	closers = append(closers, ctl.Registry.Close)
	if ctl.Experiments, err = experiment.Open(octx, nc, log, kvstore.Replicas(replicas)); err != nil {
		closeAll()
		return nil, nil, err
	}
	closers = append(closers, ctl.Experiments.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("experiment events: %w", err)
	}
	// Their errors name the stream (and, when its bound does not fit in
	// JetStream's store, the setting to lower): no prefix of ours.
	_, err = experiment.EnsureStream(octx, js, replicas, experiment.StreamLog(log), experiment.MaxBytes(b.Events))
	if err == nil {
		// The guardrails read feedback from its own stream.
		_, err = experiment.EnsureFeedbackStream(octx, js, replicas, experiment.FeedbackLog(log), experiment.FeedbackMaxBytes(b.Feedback))
	}
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	return ctl, closeAll, nil
}

// startGuard runs the experiments' guardrails every interval (0: never)
// until the returned func is called, which waits for the loop to end: an
// arm that degrades quality, latency or fallbacks past its experiment's
// thresholds is stopped in KV without a separate process.
func startGuard(nc *nats.Conn, ctl *Controls, interval time.Duration, log *slog.Logger) (stop func()) {
	if interval <= 0 || ctl.Experiments == nil {
		return func() {}
	}
	js, err := jetstream.New(nc)
	if err != nil {
		log.Error("experiment guardrails off", "err", err)
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = experiment.WatchNotify(ctx, ctl.Experiments, js, interval, log.With("component", "experiment-guard"), ctl.Metrics.stopped)
	}()
	return func() {
		cancel()
		<-done
	}
}

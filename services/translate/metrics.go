package translate

import (
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// Metrics count what each rung did, so that operators can see a chain that
// quietly falls through to Apertium or to the original text. Labels are
// the rung name and a fixed set of outcomes.
type Metrics struct {
	outcomes *prometheus.CounterVec
	duration *prometheus.HistogramVec
	// skips says why rungs were skipped (outcome "skipped" of outcomes),
	// by a reason of api.SkipReasons.
	skips  *prometheus.CounterVec
	cached *prometheus.CounterVec
	// waiting counts requests waiting for a call they did not make.
	waiting *prometheus.GaugeVec
	// calls, callTime and tokens are per model: one rung may route to
	// several models (always from configuration, so the set is bounded).
	calls    *prometheus.CounterVec
	callTime *prometheus.HistogramVec
	tokens   *prometheus.CounterVec
	// circuits reports the state of every rung's circuit breaker, and
	// whether each rung can be called at all.
	circuits *circuits
}

// NewMetrics registers the chain metrics on reg. A nil *Metrics records
// nothing.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_rung_total",
			Help: "Translation attempts per chain rung, by outcome (ok, skipped, timeout, busy, ...).",
		}, []string{"backend", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parley_translate_rung_duration_seconds",
			Help:    "Time spent in a rung that was tried.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20, 30},
		}, []string{"backend"}),
	}
	m.skips = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_translate_skips_total",
		Help: "Rungs skipped without a call, by reason: not_configured, unsupported_pair, unavailable, circuit_open, no_time, canceled, kill_switch, other.",
	}, []string{"backend", "reason"})
	m.cached = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_translate_cache_total",
		Help: "Translate requests by where their translation came from: a cache (memory, shared, override, coalesced) or not (miss: a backend call of their own, or no translation). One per request that looked for a translation.",
	}, []string{"result"})
	m.waiting = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "parley_translate_waiting",
		Help: "Translate requests waiting for a backend call they did not make, by what they wait for: request (joined another request's call on this replica), replica (a call on this replica waiting for another replica's call of the same text, which holds the claim).",
	}, []string{"on"})
	// Both series from the start, so that a dashboard shows 0, not
	// nothing, before the first herd.
	m.waiting.WithLabelValues(waitingRequest)
	m.waiting.WithLabelValues(waitingReplica)
	m.calls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_backend_requests_total",
		Help: "Calls to a backend model, by outcome (ok, timeout, busy, unavailable, bad_output, ...).",
	}, []string{"backend", "model", "outcome"})
	m.callTime = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "parley_backend_request_duration_seconds",
		Help:    "Latency of one call to a backend model, failed calls included.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20, 30},
	}, []string{"backend", "model"})
	m.tokens = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_backend_tokens_total",
		Help: "Tokens a backend model reported, by kind (prompt, completion).",
	}, []string{"backend", "model", "kind"})
	m.circuits = &circuits{
		open: prometheus.NewDesc("parley_translate_circuit_open",
			"1 while a rung's circuit breaker is open after repeated failures (this replica skips the rung until the cooldown ends), else 0.",
			[]string{"backend"}, nil),
		halfOpen: prometheus.NewDesc("parley_translate_circuit_half_open",
			"1 while a rung's circuit breaker is half-open (the cooldown ended; the next request that reaches the rung probes it), else 0.",
			[]string{"backend"}, nil),
		available: prometheus.NewDesc("parley_backend_available",
			"1 while a rung can be called: configured on this replica and, for an LLM, its server and model found by the last health check or call; 0 for a rung not configured here (not installed, no endpoint) or unavailable. The breaker's state is parley_translate_circuit_open.",
			[]string{"backend"}, nil),
	}
	reg.MustRegister(m.outcomes, m.duration, m.skips, m.cached, m.waiting, m.calls, m.callTime, m.tokens, m.circuits)
	return m
}

// MetricNames lists the families NewMetrics registers, for dashboards and
// the tests that check them.
var MetricNames = []string{
	"parley_translate_rung_total", "parley_translate_rung_duration_seconds", "parley_translate_skips_total", "parley_translate_cache_total",
	"parley_translate_waiting", "parley_backend_requests_total", "parley_backend_request_duration_seconds", "parley_backend_tokens_total",
	"parley_translate_circuit_open", "parley_translate_circuit_half_open", "parley_backend_available",
	// NewControlMetrics (control.go):
	"parley_translate_kill_switch_total", "parley_translate_registry_routed_total", "parley_experiment_exposures_total",
	"parley_experiment_guardrail_stops_total",
	// ApertiumCollector, when the Apertium rung runs:
	"parley_apertium_modes_running", "parley_apertium_pipelines_running", "parley_apertium_processes_running",
	"parley_apertium_pipeline_stops_total", "parley_apertium_abandoned_requests_total",
}

// ApertiumCollector reports the Apertium engine's running programs at
// scrape time. They are child processes, so the Go process's
// process_resident_memory_bytes does not include their memory, which is
// most of translate's (docs/apertium.md, "Memory"): these are what to
// watch against the container's limit.
type ApertiumCollector struct {
	e                                 *apertium.Engine
	modes, pipelines, processes, stop *prometheus.Desc
	abandoned                         *prometheus.Desc
}

// NewApertiumCollector reports on e.
func NewApertiumCollector(e *apertium.Engine) *ApertiumCollector {
	return &ApertiumCollector{
		e: e,
		modes: prometheus.NewDesc("parley_apertium_modes_running",
			"Apertium modes (translation directions) with running programs (at most APERTIUM_MAX_PAIRS while a start could stop another).", nil, nil),
		pipelines: prometheus.NewDesc("parley_apertium_pipelines_running",
			"Apertium pipelines with running programs (at most modes x APERTIUM_PROCS).", nil, nil),
		processes: prometheus.NewDesc("parley_apertium_processes_running",
			"Apertium programs running as children of this process (6 to 15 per pipeline).", nil, nil),
		stop: prometheus.NewDesc("parley_apertium_pipeline_stops_total",
			"Idle Apertium pipelines stopped, by reason: idle (APERTIUM_IDLE_TIMEOUT), evicted (least recently used at APERTIUM_MAX_PAIRS).", []string{"reason"}, nil),
		abandoned: prometheus.NewDesc("parley_apertium_abandoned_requests_total",
			"Apertium requests whose caller gave up while the pipeline was at work, by outcome: drained (the late answer came within APERTIUM_DRAIN_TIMEOUT and the pipeline was kept warm), restarted (it did not).", []string{"outcome"}, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *ApertiumCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.modes
	ch <- c.pipelines
	ch <- c.processes
	ch <- c.stop
	ch <- c.abandoned
}

// Collect implements prometheus.Collector.
func (c *ApertiumCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.e.Stats()
	ch <- prometheus.MustNewConstMetric(c.modes, prometheus.GaugeValue, float64(s.Modes))
	ch <- prometheus.MustNewConstMetric(c.pipelines, prometheus.GaugeValue, float64(s.Pipelines))
	ch <- prometheus.MustNewConstMetric(c.processes, prometheus.GaugeValue, float64(s.Processes))
	ch <- prometheus.MustNewConstMetric(c.stop, prometheus.CounterValue, float64(s.Stops[apertium.StopIdle]), "idle")
	ch <- prometheus.MustNewConstMetric(c.stop, prometheus.CounterValue, float64(s.Stops[apertium.StopEvicted]), "evicted")
	ch <- prometheus.MustNewConstMetric(c.abandoned, prometheus.CounterValue, float64(s.Abandoned[apertium.AbandonDrained]), "drained")
	ch <- prometheus.MustNewConstMetric(c.abandoned, prometheus.CounterValue, float64(s.Abandoned[apertium.AbandonRestarted]), "restarted")
}

// call records one backend call (one model request; a batch is one call).
func (m *Metrics) call(name, model, outcome string, d time.Duration, u backend.Usage) {
	if m == nil {
		return
	}
	if model == "" {
		model = "default"
	}
	m.calls.WithLabelValues(name, model, outcome).Inc()
	m.callTime.WithLabelValues(name, model).Observe(d.Seconds())
	if u.Prompt > 0 {
		m.tokens.WithLabelValues(name, model, "prompt").Add(float64(u.Prompt))
	}
	if u.Completion > 0 {
		m.tokens.WithLabelValues(name, model, "completion").Add(float64(u.Completion))
	}
}

// watchCircuits has the circuit gauges report the breakers of rungs, read
// with now at every scrape. A chain built again with the same Metrics
// takes over the series of its rungs' names.
func (m *Metrics) watchCircuits(rungs []*chainRung, now func() time.Time) {
	if m == nil {
		return
	}
	m.circuits.watch(rungs, now)
}

// circuits is a collector of the breakers' states. They are read when
// scraped rather than set when a call ends: an open circuit turns
// half-open when its cooldown passes, with no call to record it, and a
// rung that no request reaches (an earlier rung serves them all) would
// otherwise report open long after it could serve again.
type circuits struct {
	open, halfOpen, available *prometheus.Desc

	mu    sync.Mutex
	now   func() time.Time
	rungs []*chainRung
}

// watch adds rungs, replacing any of the same name.
func (c *circuits) watch(rungs []*chainRung, now func() time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
	for _, r := range rungs {
		i := slices.IndexFunc(c.rungs, func(o *chainRung) bool { return o.Name == r.Name })
		if i < 0 {
			c.rungs = append(c.rungs, r)
		} else {
			c.rungs[i] = r
		}
	}
}

// Describe implements prometheus.Collector.
func (c *circuits) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.open
	ch <- c.halfOpen
	ch <- c.available
}

// Collect implements prometheus.Collector.
func (c *circuits) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.now == nil {
		return
	}
	now := c.now()
	for _, r := range c.rungs {
		st := r.breaker.state(now)
		ch <- prometheus.MustNewConstMetric(c.open, prometheus.GaugeValue, boolGauge(st == circuitOpen), r.Name)
		ch <- prometheus.MustNewConstMetric(c.halfOpen, prometheus.GaugeValue, boolGauge(st == circuitHalfOpen), r.Name)
		ch <- prometheus.MustNewConstMetric(c.available, prometheus.GaugeValue, boolGauge(r.available()), r.Name)
	}
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// What a request waits for, the values of parley_translate_waiting's
// label "on".
const (
	waitingRequest = "request"
	waitingReplica = "replica"
)

// waitingFor counts one more request waiting on on until the returned
// func is called.
func (m *Metrics) waitingFor(on string) (done func()) {
	if m == nil {
		return func() {}
	}
	g := m.waiting.WithLabelValues(on)
	g.Inc()
	return g.Dec
}

func (m *Metrics) cache(result string) {
	if m == nil {
		return
	}
	m.cached.WithLabelValues(result).Inc()
}

// startSkips starts at zero the skip series that say a rung is out of
// service (unavailable, circuit open; not configured for a rung that
// cannot run here), so that rates and alerts see them before the first
// skip.
func (m *Metrics) startSkips(rungs []*chainRung) {
	if m == nil {
		return
	}
	for _, r := range rungs {
		if r.Backend == nil {
			m.skips.WithLabelValues(r.Name, api.SkipNotConfigured)
			continue
		}
		m.skips.WithLabelValues(r.Name, api.SkipUnavailable)
		m.skips.WithLabelValues(r.Name, api.SkipCircuitOpen)
		m.skips.WithLabelValues(r.Name, api.SkipRateLimited)
	}
}

// skip records rung name skipped for reason (an api.Skip* value).
func (m *Metrics) skip(name, reason string) {
	if m == nil {
		return
	}
	m.outcomes.WithLabelValues(name, "skipped").Inc()
	m.skips.WithLabelValues(name, reason).Inc()
}

func (m *Metrics) rung(name, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.outcomes.WithLabelValues(name, outcome).Inc()
	if outcome != "skipped" {
		m.duration.WithLabelValues(name).Observe(d.Seconds())
	}
}

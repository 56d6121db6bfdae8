package translate

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate/backend"
)

// Metrics count what each rung did, so that operators can see a chain that
// quietly falls through to Apertium or to the original text. Labels are
// the rung name and a fixed set of outcomes.
type Metrics struct {
	outcomes *prometheus.CounterVec
	duration *prometheus.HistogramVec
	cached   *prometheus.CounterVec
	// calls, callTime and tokens are per model: one rung may route to
	// several models (always from configuration, so the set is bounded).
	calls    *prometheus.CounterVec
	callTime *prometheus.HistogramVec
	tokens   *prometheus.CounterVec
	// open is 1 while a rung's circuit breaker is open or half-open.
	open *prometheus.GaugeVec
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
	m.cached = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_translate_cache_total",
		Help: "Cache lookups by result: memory, shared, override, coalesced, miss.",
	}, []string{"result"})
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
	m.open = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "parley_translate_circuit_open",
		Help: "1 while a rung's circuit breaker is open or half-open after repeated failures (this replica skips it), else 0.",
	}, []string{"backend"})
	reg.MustRegister(m.outcomes, m.duration, m.cached, m.calls, m.callTime, m.tokens, m.open)
	return m
}

// MetricNames lists the families NewMetrics registers, for dashboards and
// the tests that check them.
var MetricNames = []string{
	"parley_translate_rung_total", "parley_translate_rung_duration_seconds", "parley_translate_cache_total",
	"parley_backend_requests_total", "parley_backend_request_duration_seconds", "parley_backend_tokens_total",
	"parley_translate_circuit_open",
	// NewControlMetrics (control.go):
	"parley_translate_kill_switch_total", "parley_translate_registry_routed_total", "parley_experiment_exposures_total",
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

// circuit records whether b, the breaker of rung name, is tripped.
func (m *Metrics) circuit(name string, b *breaker) {
	if m == nil {
		return
	}
	tripped, _ := b.tripped()
	v := 0.0
	if tripped {
		v = 1
	}
	m.open.WithLabelValues(name).Set(v)
}

func (m *Metrics) cache(result string) {
	if m == nil {
		return
	}
	m.cached.WithLabelValues(result).Inc()
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

package translate

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics count what each rung did, so that operators can see a chain that
// quietly falls through to Apertium or to the original text. Labels are
// the rung name and a fixed set of outcomes.
type Metrics struct {
	outcomes *prometheus.CounterVec
	duration *prometheus.HistogramVec
	cached   *prometheus.CounterVec
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
	reg.MustRegister(m.outcomes, m.duration, m.cached)
	return m
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

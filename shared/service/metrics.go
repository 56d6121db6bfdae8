package service

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the per-endpoint RED metrics shared by every service in a
// process. Labels are bounded: service, endpoint and error code, never
// anything derived from a user or a message.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	queue    *prometheus.GaugeVec
	detached *prometheus.GaugeVec
}

// NewMetrics registers the service metrics on reg. A nil *Metrics is valid
// and records nothing.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_service_requests_total",
			Help: "Requests handled by a NATS service endpoint, by result code.",
		}, []string{"service", "endpoint", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parley_service_request_duration_seconds",
			Help:    "Time from receipt to reply, queueing included.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"service", "endpoint"}),
		queue: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "parley_service_queue_depth",
			Help: "Requests waiting for a worker, sampled at enqueue.",
		}, []string{"service", "endpoint"}),
		detached: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "parley_service_detached",
			Help: "Requests that handed their worker on while they wait (Detach) and are not answered yet.",
		}, []string{"service", "endpoint"}),
	}
	reg.MustRegister(m.requests, m.duration, m.queue, m.detached)
	return m
}

func (m *Metrics) observe(svc, endpoint, code string, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(svc, endpoint, code).Inc()
	m.duration.WithLabelValues(svc, endpoint).Observe(d.Seconds())
}

func (m *Metrics) queueDepth(svc, endpoint string, n int) {
	if m == nil {
		return
	}
	m.queue.WithLabelValues(svc, endpoint).Set(float64(n))
}

func (m *Metrics) detachedAdd(svc, endpoint string, n int) {
	if m == nil {
		return
	}
	m.detached.WithLabelValues(svc, endpoint).Add(float64(n))
}

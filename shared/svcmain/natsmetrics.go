package svcmain

import (
	"context"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// jetStreamProbeTimeout bounds the JetStream request of one scrape, well
// inside Prometheus's 10 s scrape timeout.
const jetStreamProbeTimeout = 2 * time.Second

// NATSMetrics are the process's view of NATS, read at scrape time:
// parley_nats_connected and parley_jetstream_available, what the alerts on
// a NATS or JetStream outage read (deploy/alerts.yml). The process reports
// them as long as it runs, so an outage shows as a 0, not as a missing
// series; and JetStream is asked (one account-info request per scrape),
// since a cluster that lost its quorum still takes connections.
func NATSMetrics(nc *nats.Conn) []prometheus.Collector {
	connected := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "parley_nats_connected",
		Help: "1 while the process's NATS connection is up, 0 while it is reconnecting or closed.",
	}, func() float64 {
		if nc.IsConnected() {
			return 1
		}
		return 0
	})
	available := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "parley_jetstream_available",
		Help: "1 when JetStream answered the process's account-info request at scrape time, 0 when it did not (no quorum, disabled, NATS unreachable).",
	}, func() float64 {
		if !nc.IsConnected() {
			return 0
		}
		js, err := jetstream.New(nc)
		if err != nil {
			return 0
		}
		ctx, cancel := context.WithTimeout(context.Background(), jetStreamProbeTimeout)
		defer cancel()
		if _, err := js.AccountInfo(ctx); err != nil {
			return 0
		}
		return 1
	})
	return []prometheus.Collector{connected, available}
}

package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// BenchmarkHop: what the service framework adds to one NATS hop. "raw" is a
// plain subscription echoing the bytes (the baseline); "service" is an
// endpoint of this package with a JSON echo handler and a worker pool,
// called through package client; "service-inline" is the same with one
// worker, whose requests run on micro's own goroutine.
func BenchmarkHop(b *testing.B) {
	s := natstest.RunServer(b)
	caller, responder := natstest.Conn(b, s), natstest.Conn(b, s)
	payload := []byte(`{"text":"Hello, how are you today? 42"}`)
	if _, err := responder.Subscribe("bench.raw", func(m *nats.Msg) { _ = m.Respond(m.Data) }); err != nil {
		b.Fatal(err)
	}
	h := service.JSON(func(_ context.Context, r *echoReq) (any, error) { return echoResp{Text: r.Text}, nil })
	for _, w := range []struct {
		subject string
		workers int
	}{{"bench.pool", 4}, {"bench.inline", 1}} {
		srv, err := service.New(responder, service.Config{Name: "bench" + w.subject[6:], Version: "1.0.0"},
			[]service.Endpoint{{Name: "echo", Subject: w.subject, Handler: h, Workers: w.workers}},
			service.NewMetrics(prometheus.NewRegistry()), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = srv.Stop() })
	}
	if err := responder.Flush(); err != nil {
		b.Fatal(err)
	}
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			if _, err := caller.Request("bench.raw", payload, 5*time.Second); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range []struct{ name, subject string }{{"service", "bench.pool"}, {"service-inline", "bench.inline"}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				ctx, cancel := context.WithTimeout(b.Context(), 5*time.Second)
				_, err := client.CallIdempotent[echoResp](ctx, caller, c.subject, echoReq{Text: "Hello, how are you today? 42"})
				cancel()
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

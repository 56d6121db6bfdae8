package service_test

import (
	"context"
	"errors"
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
// worker, whose requests run on micro's own goroutine; "service-detached"
// is "service" with a handler that detaches (Detach: a worker replaces it
// on a pooled goroutine, and it ends when answered), the cost a
// translation paid for waiting outside the pool.
func BenchmarkHop(b *testing.B) {
	s := natstest.RunServer(b)
	caller, responder := natstest.Conn(b, s), natstest.Conn(b, s)
	payload := []byte(`{"text":"Hello, how are you today? 42"}`)
	if _, err := responder.Subscribe("bench.raw", func(m *nats.Msg) { _ = m.Respond(m.Data) }); err != nil {
		b.Fatal(err)
	}
	h := service.JSON(func(_ context.Context, r *echoReq) (any, error) { return echoResp{Text: r.Text}, nil })
	detaching := service.JSON(func(ctx context.Context, r *echoReq) (any, error) {
		if !service.Detach(ctx) {
			return nil, errors.New("not detached")
		}
		return echoResp{Text: r.Text}, nil
	})
	for _, w := range []struct {
		subject string
		workers int
		handler service.HandlerFunc
	}{{"bench.pool", 4, h}, {"bench.inline", 1, h}, {"bench.detached", 4, detaching}} {
		srv, err := service.New(responder, service.Config{Name: "bench" + w.subject[6:], Version: "1.0.0"},
			[]service.Endpoint{{Name: "echo", Subject: w.subject, Handler: w.handler, Workers: w.workers, Detached: 16}},
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
	for _, c := range []struct{ name, subject string }{{"service", "bench.pool"}, {"service-inline", "bench.inline"}, {"service-detached", "bench.detached"}} {
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

package service_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// TestDetachedRequestsFreeTheirWorker: a request whose handler detaches
// before a long wait hands its worker to the queue, so a quick request
// behind it is answered while it waits; past Endpoint.Detached a request
// keeps its worker; Stop still waits for every detached request, which
// gets its answer; an inline endpoint (one worker) never detaches, nor
// does a goroutine of a handler once the request is answered.
func TestDetachedRequestsFreeTheirWorker(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	release := make(chan struct{})
	var started, detached atomic.Int32
	type req struct{ Slow bool }
	h := service.JSON(func(ctx context.Context, r *req) (any, error) {
		if !r.Slow {
			return map[string]bool{"ok": true}, nil
		}
		if service.Detach(ctx) {
			detached.Add(1)
			if !service.Detach(ctx) {
				t.Error("a second Detach of a detached request is false")
			}
		}
		started.Add(1)
		<-release
		return map[string]bool{"ok": true}, nil
	})
	inline := service.JSON(func(ctx context.Context, _ *req) (any, error) {
		return map[string]bool{"detached": service.Detach(ctx)}, nil
	})
	// A goroutine of the handler that outlives the reply cannot detach
	// the request: its worker has moved on.
	answered, late := make(chan struct{}), make(chan bool, 1)
	outlives := service.JSON(func(ctx context.Context, _ *req) (any, error) {
		go func() {
			<-answered
			late <- service.Detach(ctx)
		}()
		return map[string]bool{"ok": true}, nil
	})
	reg := prometheus.NewRegistry()
	srv, err := service.New(nc, service.Config{Name: "detach", Version: "1.0.0"}, []service.Endpoint{
		{Name: "work", Subject: "test.detach", Handler: h, Workers: 2, Queue: 4, Detached: 2},
		{Name: "inline", Subject: "test.detach.inline", Handler: inline},
		{Name: "late", Subject: "test.detach.late", Handler: outlives, Workers: 2, Detached: 2},
	}, service.NewMetrics(reg), nil)
	if err != nil {
		t.Fatal(err)
	}
	call := func(slow bool) error {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_, err := client.Call[map[string]bool](ctx, nc, "test.detach", req{Slow: slow})
		return err
	}

	// Three slow requests: two detach (the bound), the third holds a
	// worker. The pool has two workers, so without detaching the quick
	// request could not be answered before the slow ones are released.
	const slow = 3
	results := make(chan error, slow)
	for range slow {
		go func() { results <- call(true) }()
	}
	for wait := time.Now().Add(20 * time.Second); started.Load() < slow; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(wait) {
			t.Fatalf("%d of %d slow requests started", started.Load(), slow)
		}
	}
	if n := detached.Load(); n != 2 {
		t.Errorf("%d requests detached, want the bound, 2", n)
	}
	if st := poolStats(t, nc, "detach", "work"); st.Detached != 2 || st.InFlight != slow {
		t.Errorf("stats: %d detached and %d in flight, want 2 and %d", st.Detached, st.InFlight, slow)
	}
	if g := metric(t, reg, "parley_service_detached", "endpoint", "work"); g != 2 {
		t.Errorf("parley_service_detached{endpoint=work} = %v, want 2", g)
	}
	if err := call(false); err != nil {
		t.Fatalf("a quick request behind detached ones: %v", err)
	}
	select {
	case err := <-results:
		t.Fatalf("a slow request ended before its release: %v", err)
	default:
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	switch got, err := client.Call[map[string]bool](ctx, nc, "test.detach.inline", req{}); {
	case err != nil:
		t.Errorf("inline endpoint: %v", err)
	case (*got)["detached"]:
		t.Error("an inline endpoint's request detached")
	}

	if _, err := client.Call[map[string]bool](ctx, nc, "test.detach.late", req{}); err != nil {
		t.Fatal(err)
	}
	close(answered)
	if <-late {
		t.Error("a handler's goroutine detached its request after the reply")
	}
	if st := poolStats(t, nc, "detach", "late"); st.Detached != 0 {
		t.Errorf("stats of the late endpoint: %d detached, want 0", st.Detached)
	}

	// Stop waits for the detached requests too, and each gets its answer.
	stopped := make(chan error, 1)
	go func() { stopped <- srv.Stop() }()
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	for range slow {
		if err := <-results; err != nil {
			t.Fatalf("a slow request: %v", err)
		}
	}
	if g := metric(t, reg, "parley_service_detached", "endpoint", "work"); g != 0 {
		t.Errorf("parley_service_detached{endpoint=work} = %v after the answers, want 0", g)
	}
}

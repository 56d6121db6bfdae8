package service_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// TestShedRequestsCarryRetryAfter checks the two ways a pool sheds: a full
// queue answers overloaded with a retry-after hint that survives the trip
// back through the client, and a request whose budget ran out while it
// waited in the queue is answered "timeout" without running the handler.
func TestShedRequestsCarryRetryAfter(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	release := make(chan struct{})
	var started, ran atomic.Int32
	h := func(ctx context.Context, data []byte) (any, error) {
		ran.Add(1)
		if string(data) == `"block"` {
			started.Add(1)
			<-release
		}
		return "ok", nil
	}
	srv, err := service.New(nc, service.Config{Name: "shed", Version: "1.0.0"},
		[]service.Endpoint{{Name: "shed", Subject: "test.shed", Handler: h, Workers: 2, Queue: 1}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()

	blocked := make(chan error, 2)
	for range 2 {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, err := client.Call[string](ctx, nc, "test.shed", "block")
			blocked <- err
		}()
	}
	for started.Load() < 2 {
		time.Sleep(5 * time.Millisecond)
	}

	// The queued request has a 1 ms budget: by the time a worker frees up
	// it is spent, and the handler must not run for it.
	queuedDone := make(chan *nats.Msg, 1)
	msg := nats.NewMsg("test.shed")
	msg.Data = []byte(`"queued"`)
	msg.Header.Set(api.HeaderTimeout, "1")
	go func() {
		rep, err := nc.RequestMsg(msg, 20*time.Second)
		if err != nil {
			t.Errorf("queued request: %v", err)
		}
		queuedDone <- rep
	}()
	for queued(t, nc, "shed") < 1 {
		time.Sleep(5 * time.Millisecond)
	}

	// The queue is full: the next request is shed with a hint.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = client.Call[string](ctx, nc, "test.shed", "more")
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeOverloaded || ae.RetryAfter < 1 {
		t.Fatalf("full queue: err = %#v, want overloaded with a retry-after hint", err)
	}

	time.Sleep(2 * time.Millisecond) // let the queued request's 1 ms budget lapse
	close(release)
	for range 2 {
		if err := <-blocked; err != nil {
			t.Fatal(err)
		}
	}
	rep := <-queuedDone
	if rep == nil {
		return
	}
	if got := api.ParseServiceError(rep.Header.Get("Nats-Service-Error-Code"), rep.Header.Get("Nats-Service-Error"), rep.Data); got.Code != api.CodeTimeout {
		t.Fatalf("expired queued request answered %+v, want timeout", got)
	}
	if n := ran.Load(); n != 2 {
		t.Fatalf("handler ran %d times, want 2 (not for the expired request)", n)
	}
}

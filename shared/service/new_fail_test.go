package service_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// TestNewFailureEndsWorkers: a registration that fails (here an endpoint
// micro refuses) ends the workers of the endpoints added before it, so
// that a caller retrying (detect registers once its models load, and
// retries) does not leak them.
func TestNewFailureEndsWorkers(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	echo := func(_ context.Context, data []byte) (any, error) { return string(data), nil }
	before := runtime.NumGoroutine()
	for range 5 {
		_, err := service.New(nc, service.Config{Name: "failing", Version: "0.0.1"}, []service.Endpoint{
			{Name: "ok", Subject: "failing.ok", Handler: echo, Workers: 8},
			{Name: "bad name", Subject: "failing.bad", Handler: echo},
		}, nil, nil)
		if err == nil {
			t.Fatal("an endpoint named with a space was registered")
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after 5 failed registrations, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

package svcmain_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/logging"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestRunServesLogLevel runs a process body against embedded NATS and
// changes its log level over NATS, the way an operator would.
func TestRunServesLogLevel(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	env := config.Map(map[string]string{"NATS_URL": s.ClientURL(), "LOG_LEVEL": "error"})
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan svcmain.Deps, 1)
	done := make(chan error, 1)
	go func() {
		done <- svcmain.Run(ctx, "probe", env, func(_ context.Context, d svcmain.Deps) (func() error, error) {
			started <- d
			return func() error { return nil }, nil
		})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	d := <-started
	// The level endpoint is subscribed before start is called, but on the
	// process's own connection: poll until the server routes to it.
	var rep logging.LevelReply
	deadline := time.Now().Add(10 * time.Second)
	for {
		// Generous: a slow answer on a busy machine is no failure.
		rctx, rcancel := context.WithTimeout(context.Background(), 10*time.Second)
		m, err := nc.RequestWithContext(rctx, logging.LevelSubject+".probe", []byte("debug"))
		rcancel()
		if err == nil {
			if err := json.Unmarshal(m.Data, &rep); err != nil {
				t.Fatal(err)
			}
			break
		}
		if !errors.Is(err, nats.ErrNoResponders) || time.Now().After(deadline) {
			t.Fatalf("level request: %v", err)
		}
	}
	if rep.Previous != "error" || rep.Level != "debug" {
		t.Fatalf("reply %+v", rep)
	}
	if !d.Log.Enabled(context.Background(), slog.LevelDebug) {
		t.Fatal("the process logger did not follow the new level")
	}
}

// runProbed runs start as a process with METRICS_ADDR set, until the test
// ends, and returns the probe address.
func runProbed(t *testing.T, start svcmain.StartFunc) string {
	t.Helper()
	s := natstest.RunServer(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	env := config.Map(map[string]string{"NATS_URL": s.ClientURL(), "LOG_LEVEL": "error", "METRICS_ADDR": addr})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svcmain.Run(ctx, "probe", env, start) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return addr
}

// probe gets path from addr once the server listens, and returns the
// status and body.
func probe(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := http.Get("http://" + addr + path)
		if err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			// The probes answer from before the service starts: wait
			// for it unless the test is about that.
			if !strings.HasPrefix(string(body), "starting") || time.Now().After(deadline) {
				return res.StatusCode, string(body)
			}
		}
		if err != nil && time.Now().After(deadline) {
			t.Fatalf("%s: %v", path, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRunServesProbes checks the orchestrator probes next to /metrics:
// /healthz while the process runs, /readyz while NATS is connected.
func TestRunServesProbes(t *testing.T) {
	addr := runProbed(t, func(context.Context, svcmain.Deps) (func() error, error) {
		return func() error { return nil }, nil
	})
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		if code, _ := probe(t, addr, path); code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
	}
}

// A service's readiness checks hold /readyz at 503, with the check's
// reason, until they pass.
func TestRunServesReadinessChecks(t *testing.T) {
	var loaded atomic.Bool
	addr := runProbed(t, func(_ context.Context, d svcmain.Deps) (func() error, error) {
		d.Readiness.Add(func() error {
			if !loaded.Load() {
				return errors.New("models loading")
			}
			return nil
		})
		return func() error { return nil }, nil
	})
	get := func() (int, string) { return probe(t, addr, "/readyz") }
	if code, body := get(); code != http.StatusServiceUnavailable || !strings.Contains(body, "models loading") {
		t.Fatalf("while loading: %d %q", code, body)
	}
	loaded.Store(true)
	if code, body := get(); code != http.StatusOK {
		t.Fatalf("once loaded: %d %q", code, body)
	}
	var none *svcmain.Readiness // what a service gets outside a process
	none.Add(func() error { return errors.New("never asked") })
	if err := none.Err(); err != nil {
		t.Fatalf("nil readiness: %v", err)
	}
}

// A process that cannot bind METRICS_ADDR fails at start, before its
// service starts, instead of running without probes.
func TestRunFailsOnABusyMetricsAddr(t *testing.T) {
	s := natstest.RunServer(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = busy.Close() })
	env := config.Map(map[string]string{"NATS_URL": s.ClientURL(), "LOG_LEVEL": "error", "METRICS_ADDR": busy.Addr().String()})
	started := false
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = svcmain.Run(ctx, "probe", env, func(context.Context, svcmain.Deps) (func() error, error) {
		started = true
		return func() error { return nil }, nil
	})
	if err == nil || !strings.Contains(err.Error(), "METRICS_ADDR") {
		t.Fatalf("Run = %v, want a METRICS_ADDR error", err)
	}
	if started {
		t.Fatal("the service started without its probes")
	}
}

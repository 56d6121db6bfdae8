package svcmain_test

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

// freeAddr is a loopback address nothing listens on now.
func freeAddr(t *testing.T) (string, int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String(), l.Addr().(*net.TCPAddr).Port
}

// TestRunWaitsForNATS starts a process before its NATS server: it used to
// exit at once ("no servers available for connection"), so pods
// crash-looped while the NATS StatefulSet formed. Now it is alive
// (/healthz 200) and not ready (/readyz 503) while it waits, and its
// service, whose JetStream setup needs the connection, starts once the
// server is up.
func TestRunWaitsForNATS(t *testing.T) {
	_, natsPort := freeAddr(t)
	metrics, _ := freeAddr(t)
	env := config.Map(map[string]string{"NATS_URL": "nats://127.0.0.1:" + strconv.Itoa(natsPort), "LOG_LEVEL": "error", "METRICS_ADDR": metrics})
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan error, 1)
	done := make(chan error, 1)
	go func() {
		done <- svcmain.Run(ctx, "probe", env, func(ctx context.Context, d svcmain.Deps) (func() error, error) {
			// JetStream setup at start, as the services do.
			js, err := jetstream.New(d.NC)
			if err == nil {
				sctx, scancel := context.WithTimeout(ctx, 5*time.Second)
				_, err = js.CreateKeyValue(sctx, jetstream.KeyValueConfig{Bucket: "probe"})
				scancel()
			}
			started <- err
			return func() error { return nil }, err
		})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()

	for _, tc := range []struct {
		path string
		code int
		body string
	}{
		{"/healthz", http.StatusOK, "ok"},
		{"/readyz", http.StatusServiceUnavailable, "waiting for nats"},
	} {
		if code, body := probe(t, metrics, tc.path); code != tc.code || !strings.Contains(body, tc.body) {
			t.Fatalf("without NATS: %s %d %q, want %d %q", tc.path, code, body, tc.code, tc.body)
		}
	}
	select {
	case err := <-done:
		t.Fatalf("Run returned without NATS: %v", err)
	case err := <-started:
		t.Fatalf("the service started without NATS: %v", err)
	case <-time.After(500 * time.Millisecond):
	}

	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: natsPort, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	t.Cleanup(s.Shutdown)
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready")
	}
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("JetStream setup once NATS is up: %v", err)
		}
	case err := <-done:
		t.Fatalf("Run returned: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("the service did not start once NATS was up")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := probe(t, metrics, "/readyz")
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("readyz %d %q once connected and started", code, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestRunStopsWhileWaitingForNATS checks that a process told to stop
// while it waits for NATS stops cleanly, its service never started.
func TestRunStopsWhileWaitingForNATS(t *testing.T) {
	_, natsPort := freeAddr(t)
	env := config.Map(map[string]string{"NATS_URL": "nats://127.0.0.1:" + strconv.Itoa(natsPort), "LOG_LEVEL": "error"})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	err := svcmain.Run(ctx, "probe", env, func(context.Context, svcmain.Deps) (func() error, error) {
		t.Error("the service started without NATS")
		return func() error { return nil }, nil
	})
	if err != nil {
		t.Fatalf("Run = %v, want a clean stop", err)
	}
}

package gateway_test

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// TestPostInFlightWhenNATSDies: a post waiting for the chat stream's
// acknowledgement when the NATS server dies is answered 503 with
// Retry-After at once, saying that it may or may not be stored and that
// a retry with the same id is safe; before, it waited out the gateway's
// budget and got 504, which told the client nothing more.
func TestPostInFlightWhenNATSDies(t *testing.T) {
	dir := t.TempDir()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: dir, MaxFileStore: natstest.MaxFileStore})
	if err != nil {
		t.Fatal(err)
	}
	port := s.Addr().(*net.TCPAddr).Port
	// Whichever server runs last, after the gateway has closed.
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	nc, err := natsutil.Connect(s.ClientURL(), nil, t.Name(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: 15 * time.Second}, nc, reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)

	decodeAs[api.Message](t, do(t, "POST", ts.URL+"/v1/messages", `{"conversation":"room","id":"m1","text":"hello"}`), http.StatusCreated)
	// The next write is delivered and never acknowledged, as one in
	// flight when the server dies.
	natstest.SilenceStream(t, nc, api.StreamChat)
	// The test's own view of the conversation's subjects (legacy and
	// tenants'): the post is in flight once its write has been delivered.
	arrived, err := nc.SubscribeSync(api.SubjectChatPrefix + "room.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	type answer struct {
		r    httpResult
		took time.Duration
	}
	done := make(chan answer, 1)
	go func() {
		start := time.Now()
		r := do(t, "POST", ts.URL+"/v1/messages", `{"conversation":"room","id":"m2","text":"hello"}`)
		done <- answer{r, time.Since(start)}
	}()
	// Wait for the write to be delivered (and left unanswered) rather
	// than a fixed while: a slow machine may not have sent it yet, and a
	// post made after the server died is not this test's.
	if _, err := arrived.NextMsg(20 * time.Second); err != nil {
		t.Fatalf("the second post's write never reached the server: %v", err)
	}
	s.Shutdown()
	a := <-done
	eb := decodeAs[api.ErrorBody](t, a.r, http.StatusServiceUnavailable)
	if eb.Error.Code != api.CodeUnavailable || !strings.Contains(eb.Error.Message, "may or may not be stored") ||
		!strings.Contains(eb.Error.Message, "same id is safe") || a.r.header.Get("Retry-After") != "2" || eb.Error.RetryAfter != 2 {
		t.Fatalf("answer %s, Retry-After %q", a.r.body, a.r.header.Get("Retry-After"))
	}
	if a.took > 5*time.Second {
		t.Fatalf("answered after %s; want when the connection dropped", a.took)
	}
	// Back, so that the gateway closes its watches at once.
	if s, err = natsutil.RunEmbedded(natsutil.EmbedConfig{Port: port, StoreDir: dir, MaxFileStore: natstest.MaxFileStore}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); !nc.IsConnected() && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
}

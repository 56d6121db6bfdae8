package gateway_test

import (
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestShutdownDelayKeepsServing checks GATEWAY_SHUTDOWN_DELAY: once told
// to stop, the gateway answers /readyz with 503 "shutting down" and still
// serves the requests that arrive (new connections included) until the
// delay is over; only then does it close its listener. It used to close
// it at once, refusing the requests of a rolling update still on their
// way to the replica.
func TestShutdownDelayKeepsServing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		delay string
		// serving: requests are still answered after stop is called.
		serving bool
	}{
		// Long enough for the requests below on a loaded machine: the
		// wait for 503 and the request after it must fit in the delay.
		{"delay", "5s", true},
		{"no delay", "0s", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nc := natstest.Conn(t, natstest.RunServer(t))
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := l.Addr().String()
			l.Close()
			reg := prometheus.NewRegistry()
			stop, err := gateway.Start(t.Context(), svcmain.Deps{NC: nc, Registry: reg, Log: slog.New(slog.DiscardHandler), Readiness: &svcmain.Readiness{},
				Env: config.NewReader(config.Map(map[string]string{"GATEWAY_ADDR": addr, "GATEWAY_READY_TIMEOUT": "100ms",
					"GATEWAY_SHUTDOWN_DELAY": tc.delay}))})
			if err != nil {
				t.Fatal(err)
			}
			// A fresh connection per request: one kept alive would pass
			// even with the listener closed.
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
			readyz := func() (int, gateway.ReadyStatus, error) {
				res, err := client.Get("http://" + addr + "/readyz")
				if err != nil {
					return 0, gateway.ReadyStatus{}, err
				}
				defer res.Body.Close()
				var st gateway.ReadyStatus
				err = json.NewDecoder(res.Body).Decode(&st)
				return res.StatusCode, st, err
			}
			if code, st, err := readyz(); err != nil || code != http.StatusOK {
				t.Fatalf("before stop: readyz %d %+v %v, want 200", code, st, err)
			}
			start := time.Now()
			stopped := make(chan error, 1)
			go func() { stopped <- stop() }()
			if !tc.serving {
				if err := <-stopped; err != nil {
					t.Fatal(err)
				}
				if _, err := client.Get("http://" + addr + "/healthz"); err == nil {
					t.Fatal("without a delay the listener is still open after stop")
				}
				return
			}
			// stop runs in the background: wait until the gateway knows
			// (well within the delay, which the request after it needs).
			deadline := time.Now().Add(3 * time.Second)
			for {
				code, st, err := readyz()
				if err != nil {
					t.Fatalf("readyz during the delay: %v", err)
				}
				if code == http.StatusServiceUnavailable && st.Status == "shutting down" {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("readyz %d %+v after stop, want 503 shutting down", code, st)
				}
				time.Sleep(20 * time.Millisecond)
			}
			res, err := client.Get("http://" + addr + "/healthz")
			if err != nil {
				t.Fatalf("a request during the shutdown delay: %v", err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("a request during the shutdown delay: %d, want 200", res.StatusCode)
			}
			if err := <-stopped; err != nil {
				t.Fatal(err)
			}
			if took := time.Since(start); took < 5*time.Second {
				t.Fatalf("stopped after %v, before the 5s delay", took)
			}
			if _, err := client.Get("http://" + addr + "/healthz"); err == nil {
				t.Fatal("the listener is still open after the delay")
			}
		})
	}
}

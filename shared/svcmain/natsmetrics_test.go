package svcmain_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Every process reports its NATS connection and whether JetStream
// answers, for the alerts on a NATS or JetStream outage: a server without
// JetStream (as a cluster without a quorum) reads 0.
func TestRunReportsNATSAndJetStream(t *testing.T) {
	noJS, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	go noJS.Start()
	if !noJS.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats not ready")
	}
	t.Cleanup(noJS.Shutdown)
	for _, tc := range []struct {
		name, url string
		want      []string
	}{
		{"jetstream", natstest.RunServer(t).ClientURL(), []string{"parley_nats_connected 1", "parley_jetstream_available 1"}},
		{"no jetstream", noJS.ClientURL(), []string{"parley_nats_connected 1", "parley_jetstream_available 0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := l.Addr().String()
			l.Close()
			env := config.Map(map[string]string{"NATS_URL": tc.url, "LOG_LEVEL": "error", "METRICS_ADDR": addr})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				done <- svcmain.Run(ctx, "probe", env, func(context.Context, svcmain.Deps) (func() error, error) {
					return func() error { return nil }, nil
				})
			}()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("Run: %v", err)
				}
			}()
			code, body := probe(t, addr, "/metrics")
			if code != http.StatusOK {
				t.Fatalf("/metrics: %d", code)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, "\n"+w+"\n") {
					t.Errorf("/metrics lacks %q", w)
				}
			}
		})
	}
}

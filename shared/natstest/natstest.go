// Package natstest starts embedded NATS servers for tests.
package natstest

import (
	"testing"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/natsutil"
)

// RunServer starts an embedded JetStream server for a test on a random
// loopback port and shuts it down when the test ends.
func RunServer(tb testing.TB) *server.Server {
	tb.Helper()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: tb.TempDir()})
	if err != nil {
		tb.Fatalf("start nats: %v", err)
	}
	tb.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s
}

// Conn connects to s for a test and closes the connection at the end.
func Conn(tb testing.TB, s *server.Server) *nats.Conn {
	tb.Helper()
	nc, err := natsutil.Connect("", s, tb.Name(), nil)
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	tb.Cleanup(nc.Close)
	return nc
}

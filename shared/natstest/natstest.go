// Package natstest starts embedded NATS servers for tests.
package natstest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natsutil"
)

// MaxFileStore is the file store limit of a test server: a ceiling for
// JetStream's reservations only, since tests write little. nats-server's
// default, 75% of the free disk, would not hold the bounds of the
// suite's streams (4 GiB of chat alone) on a small CI disk, where
// creating them would fail with "insufficient storage resources".
const MaxFileStore = 1 << 40

// RunServer starts an embedded JetStream server for a test on a random
// loopback port and shuts it down when the test ends.
func RunServer(tb testing.TB) *server.Server {
	tb.Helper()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: tb.TempDir(), MaxFileStore: MaxFileStore})
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

// SilenceStream makes the stream named stream stop answering writes, as
// a stream does whose leader stopped with the write in flight: the
// stream gives up its subjects and a subscriber on nc that never replies
// takes them, so a publish is delivered and no acknowledgement comes
// back (not "no responders", which callers already handle).
func SilenceStream(tb testing.TB, nc *nats.Conn, stream string) {
	tb.Helper()
	js, err := jetstream.New(nc)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := js.Stream(tb.Context(), stream)
	if err != nil {
		tb.Fatalf("stream %s: %v", stream, err)
	}
	cfg := st.CachedInfo().Config
	subjects := cfg.Subjects
	cfg.Subjects = []string{"silenced." + stream + ".>"}
	if _, err := js.UpdateStream(tb.Context(), cfg); err != nil {
		tb.Fatalf("silence stream %s: %v", stream, err)
	}
	for _, subj := range subjects {
		if _, err := nc.Subscribe(subj, func(*nats.Msg) {}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := nc.Flush(); err != nil {
		tb.Fatal(err)
	}
}

// RunPasswordServer starts the embedded server as `make run` does with
// PARLEY_NATS_PASSWORD set (natsutil.RunEmbedded): clients must log in
// with the user parley and password. It shuts down when the test ends.
func RunPasswordServer(tb testing.TB, password string) *server.Server {
	tb.Helper()
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: tb.TempDir(), Password: password})
	if err != nil {
		tb.Fatalf("embedded server with a password: %v", err)
	}
	tb.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s
}

// Count counts the messages sub receives until want of them have come
// (10 s at most: a busy machine delivers late), then for 100 ms more,
// which would bring any beyond want. A test that asserts how many
// messages a write made calls it once the write has returned.
func Count(tb testing.TB, sub *nats.Subscription, want int) int {
	tb.Helper()
	n := 0
	for deadline := time.Now().Add(10 * time.Second); n < want; n++ {
		if _, err := sub.NextMsg(time.Until(deadline)); err != nil {
			return n
		}
	}
	for {
		if _, err := sub.NextMsg(100 * time.Millisecond); err != nil {
			return n
		}
		n++
	}
}

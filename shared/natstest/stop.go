package natstest

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natsutil"
)

// AsyncErrors keeps the asynchronous errors a connection reported, at any
// level: natsutil.Connect logs them as "nats async error" (some at debug,
// such as a consumer already deleted while the connection drains).
type AsyncErrors struct {
	mu   sync.Mutex
	errs []string
}

// Enabled implements slog.Handler: every level is kept.
func (a *AsyncErrors) Enabled(context.Context, slog.Level) bool { return true }

// Handle implements slog.Handler.
func (a *AsyncErrors) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "nats async error" {
		return nil
	}
	var text string
	r.Attrs(func(at slog.Attr) bool {
		if at.Key == "err" {
			text = at.Value.String()
		}
		return true
	})
	a.mu.Lock()
	defer a.mu.Unlock()
	a.errs = append(a.errs, text)
	return nil
}

// WithAttrs implements slog.Handler.
func (a *AsyncErrors) WithAttrs([]slog.Attr) slog.Handler { return a }

// WithGroup implements slog.Handler.
func (a *AsyncErrors) WithGroup(string) slog.Handler { return a }

// Errors returns the errors reported so far.
func (a *AsyncErrors) Errors() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.errs...)
}

// ConnLoggingErrors connects to s as a service does (natsutil.Connect),
// keeping the connection's asynchronous errors, and closes it when the
// test ends.
func ConnLoggingErrors(tb testing.TB, s *server.Server) (*nats.Conn, *AsyncErrors) {
	tb.Helper()
	errs := &AsyncErrors{}
	nc, err := natsutil.Connect(s.ClientURL(), nil, tb.Name(), slog.New(errs))
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	tb.Cleanup(nc.Close)
	return nc, errs
}

// Drain drains nc, as svcmain does once a service has stopped, and waits
// until it has closed and its asynchronous errors have been reported.
func Drain(tb testing.TB, nc *nats.Conn) {
	tb.Helper()
	closed := make(chan struct{})
	nc.SetClosedHandler(func(*nats.Conn) { close(closed) })
	if err := nc.Drain(); err != nil {
		tb.Fatalf("drain: %v", err)
	}
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		tb.Fatal("drain did not finish")
	}
	// The error callbacks run on the connection's own goroutine.
	time.Sleep(100 * time.Millisecond)
}

// ConsumerDeletes counts the requests to delete a consumer of stream that
// any client sends from now on (a KV watcher's stop sends one; a watcher
// stopped twice, by its owner and by its context, may send two).
func ConsumerDeletes(tb testing.TB, s *server.Server, stream string) func() int {
	tb.Helper()
	nc := Conn(tb, s)
	var n atomic.Int64
	if _, err := nc.Subscribe(jetstream.DefaultAPIPrefix+"CONSUMER.DELETE."+stream+".>", func(*nats.Msg) { n.Add(1) }); err != nil {
		tb.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		tb.Fatal(err)
	}
	return func() int { return int(n.Load()) }
}

// Consumers is the number of consumers stream has now.
func Consumers(tb testing.TB, s *server.Server, stream string) int {
	tb.Helper()
	js, err := jetstream.New(Conn(tb, s))
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := js.Stream(ctx, stream)
	if err != nil {
		tb.Fatalf("stream %s: %v", stream, err)
	}
	return st.CachedInfo().State.Consumers
}

// CheckStopEndsWatches checks that a service's stop returns once its KV
// watches (one consumer on each of streams) have ended and deleted their
// consumers, each exactly once, so that the connection then drains (as
// svcmain does) without reporting "nats: consumer not found": a watch
// still stopping would delete its consumer while the drain deletes it
// too. start starts the service on nc and returns its stop. It runs five
// times, since the races it rules out show only sometimes.
func CheckStopEndsWatches(t *testing.T, streams []string, start func(nc *nats.Conn) (stop func() error, err error)) {
	t.Helper()
	for i := range 5 {
		s := RunServer(t)
		nc, asyncErrs := ConnLoggingErrors(t, s)
		stop, err := start(nc)
		if err != nil {
			t.Fatal(err)
		}
		deletes := map[string]func() int{}
		for _, st := range streams {
			if n := Consumers(t, s, st); n != 1 {
				t.Fatalf("run %d: %d consumers on %s while serving, want the watch's", i, n, st)
			}
			deletes[st] = ConsumerDeletes(t, s, st)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		for _, st := range streams {
			if n := Consumers(t, s, st); n != 0 {
				t.Errorf("run %d: %d consumers on %s once stopped: stop did not wait for the watch", i, n, st)
			}
		}
		Drain(t, nc)
		if errs := asyncErrs.Errors(); len(errs) > 0 {
			t.Errorf("run %d: stop and drain reported %q", i, errs)
		}
		for _, st := range streams {
			if n := deletes[st](); n != 1 {
				t.Errorf("run %d: the consumer of %s deleted %d times, want once", i, st, n)
			}
		}
	}
}

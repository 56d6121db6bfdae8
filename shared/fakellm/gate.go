package fakellm

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Gate holds the requests a test picks at the model until it opens: the
// way to keep a service's workers waiting on a slow model for as long as
// a test needs, and to know when they are.
//
// Open it in a cleanup registered after the server started (t.Cleanup
// runs last-first, so it runs before the server's Close, which waits for
// its handlers):
//
//	gate := fakellm.NewGate()
//	srv := fakellm.StartOllama(t, fakellm.Config{Translator: gate.Hold(slow, next)})
//	t.Cleanup(gate.Open)
type Gate struct {
	held atomic.Int32
	open chan struct{}
	once sync.Once
}

// NewGate returns a closed gate.
func NewGate() *Gate { return &Gate{open: make(chan struct{})} }

// Hold returns next, with the requests for which pick is true (every
// request when pick is nil) held until the gate opens.
func (g *Gate) Hold(pick func(Request) bool, next Translator) Translator {
	return func(r Request) (string, error) {
		if pick == nil || pick(r) {
			g.held.Add(1)
			<-g.open
		}
		return next(r)
	}
}

// WaitHeld waits until n requests have been held, and fails tb when that
// takes more than 20 seconds.
func (g *Gate) WaitHeld(tb testing.TB, n int) {
	tb.Helper()
	for deadline := time.Now().Add(20 * time.Second); int(g.held.Load()) < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf("the model holds %d of the %d requests", g.held.Load(), n)
		}
	}
}

// Open lets the held requests and every later one through. It may be
// called more than once.
func (g *Gate) Open() { g.once.Do(func() { close(g.open) }) }

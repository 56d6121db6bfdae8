package translate

import (
	"context"
	"sync"
	"time"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/gopool"
)

// In a group chat one message is read by hundreds of people in a handful
// of locales at once: without coalescing each reader would cost a backend
// call. flights makes concurrent requests for one cache key on one replica
// share a single call (like golang.org/x/sync/singleflight), and the
// leader of a flight claims the key across replicas (cache.Claimer), so
// that N identical requests cost one call whichever replicas they land on.
//
// Unlike singleflight, a flight runs on its own context, which ends when
// every request waiting for it has gone (or at its deadline): one caller
// that gives up does not cancel the call for the others, and a call
// nobody waits for any more is cancelled all the way to the LLM's HTTP
// request.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
	// joined, when set, is called when a request joins a running
	// flight, and what it returns when the request stops waiting: the
	// herd behind one call, which operators watch and tests wait for
	// (parley_translate_waiting).
	joined func() (done func())
}

// outcome is what a flight produced.
type flightResult struct {
	res     backend.Result
	retries int
	err     error
	// remote: the result came from another replica's call.
	remote bool
	// cache: where a result found in a cache came from (cache.FromShared).
	cache string
}

type flight struct {
	done    chan struct{}
	out     flightResult
	waiters int
	// cancel ends the call with the last waiter's reason: a waiter whose
	// deadline passed makes the call a timeout, not a cancellation.
	cancel context.CancelCauseFunc
	// start is when the call began and took how long it ran (set before
	// done closes): a request that joined late, or stopped waiting
	// early, reports how long the shared call ran, not only its own wait.
	start time.Time
	took  time.Duration
}

// do runs fn for key unless a flight for key is running, in which case it
// waits for that one (joined is true). fn gets a context that carries
// ctx's values, ends after budget, and is cancelled when every waiter's
// ctx is done. ran is how long the flight's call had run when this
// request stopped waiting: all of it when the call ended first.
func (g *flights) do(ctx context.Context, key string, budget time.Duration, fn func(context.Context) flightResult) (out flightResult, joined bool, ran time.Duration) {
	g.mu.Lock()
	if g.m == nil {
		g.m = map[string]*flight{}
	}
	if f, ok := g.m[key]; ok {
		f.waiters++
		g.mu.Unlock()
		if g.joined != nil {
			defer g.joined()()
		}
		out, ran = g.wait(ctx, f)
		return out, true, ran
	}
	cctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	fctx, stop := context.WithTimeout(cctx, budget)
	f := &flight{done: make(chan struct{}), waiters: 1, cancel: cancel, start: time.Now()}
	g.m[key] = f
	g.mu.Unlock()
	// On a reused goroutine: a flight goes deep (the claim's JetStream
	// write, the prompt, the LLM client), and a new goroutine would grow
	// its stack for every request.
	gopool.Go(func() {
		defer func() { stop(); cancel(nil) }()
		out := fn(fctx)
		g.mu.Lock()
		delete(g.m, key)
		g.mu.Unlock()
		f.out, f.took = out, time.Since(f.start)
		close(f.done)
	})
	out, ran = g.wait(ctx, f)
	return out, false, ran
}

func (g *flights) wait(ctx context.Context, f *flight) (flightResult, time.Duration) {
	select {
	case <-f.done:
		return f.out, f.took
	case <-ctx.Done():
		g.mu.Lock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel(ctx.Err())
		}
		g.mu.Unlock()
		return flightResult{err: ctx.Err()}, time.Since(f.start)
	}
}

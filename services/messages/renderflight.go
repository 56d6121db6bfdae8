package messages

import (
	"context"
	"errors"
	"sync"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/gopool"
)

// When a group chat's readers open a conversation at the same moment,
// each page asks for the same views (one per message and locale) before
// any is in the view cache. Rendered by each reader, every view would cost
// one pipeline run per reader, each taking a slot in the translate
// service's pool, and a burst of a few dozen readers fills that pool with
// copies of the same requests: most views came back "overloaded". So the
// renders of one view cache key share a single run (like
// golang.org/x/sync/singleflight), as translate's flights share a backend
// call.
//
// Unlike singleflight, the shared run has a context of its own: it keeps
// the values of the request that started it and that request's deadline,
// and ends early only when every reader waiting for it has gone. One
// reader closing its page does not cancel the view for the others.
type renderFlight struct {
	done chan struct{}
	// detected is closed once the run's detection answered (or the run
	// ended): the readers' pages then let the detection of their next
	// messages go (Views, waitFor).
	detected     chan struct{}
	detectedOnce sync.Once
	v            *api.MessageView
	err          error
	waiters      int
	cancel       context.CancelCauseFunc
}

func (f *renderFlight) markDetected() {
	f.detectedOnce.Do(func() { close(f.detected) })
}

// shared runs fn for key unless a render of key is running, in which case
// it waits for that one. fn gets the context of the shared run and the
// function to call once detection answered. known, when set, is called
// when the shared run's detection answers (it may be called again).
func (r *Renderer) shared(ctx context.Context, key string, known func(), fn func(context.Context, func()) (*api.MessageView, error)) (*api.MessageView, error) {
	r.rendersMu.Lock()
	f, ok := r.renders[key]
	if ok {
		f.waiters++
	} else {
		rctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
		stop := func() {}
		if dl, ok := ctx.Deadline(); ok {
			rctx, stop = context.WithDeadline(rctx, dl)
		}
		f = &renderFlight{done: make(chan struct{}), detected: make(chan struct{}), waiters: 1, cancel: cancel}
		if r.renders == nil {
			r.renders = map[string]*renderFlight{}
		}
		r.renders[key] = f
		// On a reused goroutine: a render goes deep (NATS requests,
		// JSON), and a new goroutine would grow its stack every time.
		gopool.Go(func() {
			defer func() { stop(); cancel(nil) }()
			v, err := fn(rctx, f.markDetected)
			r.rendersMu.Lock()
			if r.renders[key] == f {
				delete(r.renders, key)
			}
			r.rendersMu.Unlock()
			f.v, f.err = v, err
			f.markDetected()
			close(f.done)
		})
	}
	r.rendersMu.Unlock()
	detected := f.detected
	for {
		select {
		case <-f.done:
			return f.v, f.err
		case <-detected:
			detected = nil
			if known != nil {
				known()
			}
		case <-ctx.Done():
			r.rendersMu.Lock()
			f.waiters--
			if f.waiters == 0 {
				// Nobody waits for the view any more: the run ends, and a
				// reader coming after this starts a run of its own rather
				// than join a cancelled one.
				f.cancel(context.Cause(ctx))
				if r.renders[key] == f {
					delete(r.renders, key)
				}
			}
			r.rendersMu.Unlock()
			return nil, leftError(ctx)
		}
	}
}

// leftError is the error of a reader that stopped waiting for a view.
func leftError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return api.Errorf(api.CodeCanceled, "the request was canceled while its view was rendered")
	}
	return api.Errorf(api.CodeTimeout, "request ran out of time while its view was rendered")
}

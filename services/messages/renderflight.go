package messages

import (
	"context"
	"errors"
	"sync"

	"github.com/parley-chat/parley/shared/api"
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
//
// The reader that starts the run makes it on its own goroutine (a single
// reader, the common case, costs no hop); if that reader leaves, it stays
// until the run ends only while others wait for it, and gets an error.
func (r *Renderer) shared(ctx context.Context, key string, known func(), fn func(context.Context, func()) (*api.MessageView, error)) (*api.MessageView, error) {
	r.rendersMu.Lock()
	if f, ok := r.renders[key]; ok {
		f.waiters++
		r.rendersMu.Unlock()
		return r.join(ctx, key, f, known)
	}
	rctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	defer cancel(nil)
	if dl, ok := ctx.Deadline(); ok {
		var stop context.CancelFunc
		rctx, stop = context.WithDeadline(rctx, dl)
		defer stop()
	}
	f := &renderFlight{done: make(chan struct{}), detected: make(chan struct{}), waiters: 1, cancel: cancel}
	if r.renders == nil {
		r.renders = map[string]*renderFlight{}
	}
	r.renders[key] = f
	r.rendersMu.Unlock()
	stayed := context.AfterFunc(ctx, func() { r.leave(ctx, key, f) })
	v, err := fn(rctx, func() {
		f.markDetected()
		if known != nil {
			known()
		}
	})
	r.rendersMu.Lock()
	if r.renders[key] == f {
		delete(r.renders, key)
	}
	r.rendersMu.Unlock()
	f.v, f.err = v, err
	f.markDetected()
	close(f.done)
	if !stayed() {
		return nil, leftError(ctx)
	}
	return v, err
}

// join waits for the run f of key.
func (r *Renderer) join(ctx context.Context, key string, f *renderFlight, known func()) (*api.MessageView, error) {
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
			r.leave(ctx, key, f)
			return nil, leftError(ctx)
		}
	}
}

// leave records that a reader of run f stopped waiting (ctx ended). When
// nobody waits for the view any more the run ends, and a reader coming
// after this starts a run of its own rather than join a cancelled one.
func (r *Renderer) leave(ctx context.Context, key string, f *renderFlight) {
	r.rendersMu.Lock()
	defer r.rendersMu.Unlock()
	f.waiters--
	if f.waiters == 0 {
		f.cancel(context.Cause(ctx))
		if r.renders[key] == f {
			delete(r.renders, key)
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

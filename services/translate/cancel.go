package translate

import (
	"context"
	"sync"

	"github.com/parley-chat/parley/shared/service"
)

// requests tracks the translations running on this replica by request id,
// so that a caller that went away can cancel its request (published on
// api.SubjectTranslateCancel). Cancelling the request's context leaves its
// flight; when no request waits for the flight any more, the backend call
// itself is cancelled.
type requests struct {
	mu   sync.Mutex
	next uint64
	m    map[string]map[uint64]context.CancelFunc
}

// track returns ctx made cancellable by request id, and the function that
// forgets it.
func (r *requests) track(ctx context.Context) (context.Context, func()) {
	id := service.RequestID(ctx)
	ctx, cancel := context.WithCancel(ctx)
	if id == "" {
		return ctx, cancel
	}
	r.mu.Lock()
	if r.m == nil {
		r.m = map[string]map[uint64]context.CancelFunc{}
	}
	r.next++
	n := r.next
	if r.m[id] == nil {
		r.m[id] = map[uint64]context.CancelFunc{}
	}
	r.m[id][n] = cancel
	r.mu.Unlock()
	return ctx, func() {
		cancel()
		r.mu.Lock()
		delete(r.m[id], n)
		if len(r.m[id]) == 0 {
			delete(r.m, id)
		}
		r.mu.Unlock()
	}
}

// cancel cancels the running requests with id and says how many there
// were.
func (r *requests) cancel(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.m[id] {
		c()
	}
	return len(r.m[id])
}

// Cancel cancels the translations running on this replica for a request
// id (what the service does on api.SubjectTranslateCancel) and says how
// many there were.
func (c *Chain) Cancel(requestID string) int {
	if requestID == "" {
		return 0
	}
	return c.running.cancel(requestID)
}

package translate

import (
	"context"
	"sync/atomic"

	"github.com/parley-chat/parley/services/translate/backend"
)

// limiter bounds the calls to one backend that run at once, with a
// bounded queue behind them. A warm Ollama answers overload with growing
// latency, not with 503s (its scheduler only queues requests for a model
// that is not loaded; ../shared/reference/llm-qe-safety.md §B.2), so the
// service must shed load itself: a call that finds the queue full fails at
// once with backend.ErrOverloaded, and when every rung that was tried is
// overloaded the caller gets 503 "overloaded" instead of waiting.
type limiter struct {
	slots  chan struct{}
	queue  int64
	queued atomic.Int64
}

// newLimiter allows concurrency calls at once and queue more waiting; a
// concurrency of 0 or less means no limit (nil).
func newLimiter(concurrency, queue int) *limiter {
	if concurrency <= 0 {
		return nil
	}
	return &limiter{slots: make(chan struct{}, concurrency), queue: int64(max(queue, 0))}
}

// acquire takes a slot, waiting in the queue while ctx allows. The
// returned function frees the slot.
func (l *limiter) acquire(ctx context.Context) (func(), error) {
	if l == nil {
		return func() {}, nil
	}
	release := func() { <-l.slots }
	select {
	case l.slots <- struct{}{}:
		return release, nil
	default:
	}
	if l.queued.Add(1) > l.queue {
		l.queued.Add(-1)
		return nil, backend.Errorf(backend.ErrOverloaded, nil, "%d running and %d queued", cap(l.slots), l.queue)
	}
	defer l.queued.Add(-1)
	select {
	case l.slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// load reports running and waiting calls, for metrics and tests.
func (l *limiter) load() (running, waiting int) {
	if l == nil {
		return 0, 0
	}
	return len(l.slots), int(l.queued.Load())
}

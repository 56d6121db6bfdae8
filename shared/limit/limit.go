// Package limit bounds the calls to a model that run at once, with a
// bounded queue behind them.
//
// A warm Ollama answers overload with growing latency, not with 503s (its
// scheduler only queues requests for a model that is not loaded;
// ../shared/reference/llm-qe-safety.md §B.2), so a caller must shed load
// itself: a call that finds every slot taken and the queue full fails at
// once with ErrFull instead of adding to the wait of all the others.
// Translate's model rungs and safety's guard use it.
package limit

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
)

// ErrFull is a call refused because every slot is taken and the queue is
// full.
var ErrFull = errors.New("limit: every slot is taken and the queue is full")

// Limiter allows a fixed number of calls at once and a fixed number more
// waiting for a slot. A nil *Limiter allows everything. It is safe for
// concurrent use.
type Limiter struct {
	slots  chan struct{}
	queue  int64
	queued atomic.Int64
}

// New allows concurrency calls at once and queue more waiting; a
// concurrency of 0 or less means no limit (nil).
func New(concurrency, queue int) *Limiter {
	if concurrency <= 0 {
		return nil
	}
	return &Limiter{slots: make(chan struct{}, concurrency), queue: int64(max(queue, 0))}
}

// Acquire takes a slot, waiting in the queue while ctx allows. The
// returned function frees the slot. The error wraps ErrFull when the
// queue is full (it says how many run and wait), or is ctx's error when
// ctx ended in the queue.
func (l *Limiter) Acquire(ctx context.Context) (release func(), err error) {
	if l == nil {
		return func() {}, nil
	}
	release = func() { <-l.slots }
	select {
	case l.slots <- struct{}{}:
		return release, nil
	default:
	}
	if l.queued.Add(1) > l.queue {
		l.queued.Add(-1)
		c, q := l.Size()
		return nil, fmt.Errorf("%w: %d running and %d queued", ErrFull, c, q)
	}
	defer l.queued.Add(-1)
	select {
	case l.slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Size is the number of calls allowed at once and the length of the
// queue.
func (l *Limiter) Size() (concurrency, queue int) {
	if l == nil {
		return 0, 0
	}
	return cap(l.slots), int(l.queue)
}

// Load reports the calls running and waiting, for metrics and tests.
func (l *Limiter) Load() (running, waiting int) {
	if l == nil {
		return 0, 0
	}
	return len(l.slots), int(l.queued.Load())
}

package translate

import (
	"context"
	"errors"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/limit"
)

// limiter bounds the calls to one backend that run at once, with a
// bounded queue behind them (shared/limit): a call that finds the queue
// full fails at once with backend.ErrOverloaded, and when every rung that
// was tried is overloaded the caller gets 503 "overloaded" instead of
// waiting.
type limiter struct{ l *limit.Limiter }

// newLimiter allows concurrency calls at once and queue more waiting; a
// concurrency of 0 or less means no limit (nil).
func newLimiter(concurrency, queue int) *limiter {
	l := limit.New(concurrency, queue)
	if l == nil {
		return nil
	}
	return &limiter{l}
}

// acquire takes a slot, waiting in the queue while ctx allows. The
// returned function frees the slot.
func (l *limiter) acquire(ctx context.Context) (func(), error) {
	if l == nil {
		return func() {}, nil
	}
	release, err := l.l.Acquire(ctx)
	if errors.Is(err, limit.ErrFull) {
		c, q := l.l.Size()
		return nil, backend.Errorf(backend.ErrOverloaded, nil, "%d running and %d queued", c, q)
	}
	return release, err
}

// load reports running and waiting calls, for metrics and tests.
func (l *limiter) load() (running, waiting int) {
	if l == nil {
		return 0, 0
	}
	return l.l.Load()
}

package llm

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Health caches whether a backend can serve, so that the chain can skip a
// dead rung at once instead of spending a request's budget discovering it.
// The state comes from a probe (is the model listed?) and from the outcome
// of real requests; a stale state is refreshed in the background, so that
// asking never blocks a request.
type Health struct {
	name     string
	probe    func(ctx context.Context) error
	interval time.Duration
	timeout  time.Duration
	log      *slog.Logger
	now      func() time.Time

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	ok      bool
	reason  string
	checked time.Time
	running bool
}

// NewHealth tracks a backend whose probe returns nil when it can serve.
// log, when not nil, hears of every change of state; it should carry the
// backend's name (log.With("backend", name)), which the lines do not
// repeat.
// The probe gets at most timeout; the state is refreshed once it is older
// than interval. The state is "not checked yet" until Check or Set.
func NewHealth(name string, probe func(context.Context) error, interval, timeout time.Duration, log *slog.Logger) *Health {
	if interval <= 0 {
		interval = 15 * time.Second
	}
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Health{
		name: name, probe: probe, interval: interval, timeout: timeout, log: log, now: time.Now,
		ctx: ctx, cancel: cancel, reason: "not checked yet",
	}
}

// Check probes now (bounded by the probe timeout and ctx) and returns the
// new state.
func (h *Health) Check(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	err := h.probe(ctx)
	if err != nil {
		h.Set(false, err.Error())
	} else {
		h.Set(true, "")
	}
	return err == nil
}

// Available returns the cached state and starts a background refresh when
// it is stale.
func (h *Health) Available() bool {
	ok, _ := h.Status()
	return ok
}

// Status returns the cached state and why it is down, refreshing in the
// background when stale.
func (h *Health) Status() (bool, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.running && h.now().Sub(h.checked) >= h.interval && h.ctx.Err() == nil {
		h.running = true
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			h.Check(h.ctx)
			h.mu.Lock()
			h.running = false
			h.mu.Unlock()
		}()
	}
	return h.ok, h.reason
}

// Set records an observed state, e.g. after a request found the server
// unreachable or the model gone, or after one succeeded.
func (h *Health) Set(ok bool, reason string) {
	h.mu.Lock()
	changed := ok != h.ok
	h.ok, h.reason, h.checked = ok, reason, h.now()
	h.mu.Unlock()
	// log already names the backend (the backends build it With
	// "backend"): a second "backend" would be a duplicate JSON key.
	if changed && h.log != nil {
		if ok {
			h.log.Info("backend available")
		} else {
			h.log.Warn("backend unavailable", "reason", reason)
		}
	}
}

// Close stops background refreshes and waits for a running one.
func (h *Health) Close() {
	h.cancel()
	h.wg.Wait()
}

package translate

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// A backend's calls beyond its concurrency wait in a bounded queue; past
// that the rung is overloaded, and a chain whose every tried rung is
// overloaded answers 503.
func TestConcurrencyLimitAndQueue(t *testing.T) {
	g := &gated{release: make(chan struct{})}
	c := NewChain([]Rung{{Name: "gated", Backend: g, Timeout: 10 * time.Second, Concurrency: 1, Queue: 1}}, ChainConfig{}, nil)
	req := func(i int) api.TranslateRequest {
		return api.TranslateRequest{Text: fmt.Sprintf("Message number %d for the team", i), Source: "en", Target: "es"}
	}
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			resp, err := c.Translate(t.Context(), req(i))
			if err != nil || resp.Status != api.StatusTranslated {
				t.Errorf("request %d: %+v %v", i, resp, err)
			}
		})
	}
	waitUntil(t, func() bool { r, w := c.rungs[0].limit.load(); return r == 1 && w == 1 })
	_, err := c.Translate(t.Context(), req(2))
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeOverloaded || ae.Status() != 503 {
		t.Fatalf("third request: err %v, want 503 overloaded", err)
	}
	close(g.release)
	wg.Wait()
	if g.calls.Load() != 2 {
		t.Errorf("%d backend calls, want 2", g.calls.Load())
	}
	// An overloaded rung is not a sick one: the breaker did not count it.
	if c.rungs[0].breaker.failures != 0 {
		t.Errorf("breaker counted %d failures", c.rungs[0].breaker.failures)
	}
}

// With a second rung, an overloaded first rung is an attempt like any
// other and the request is served.
func TestOverloadedRungFallsThrough(t *testing.T) {
	g := &gated{release: make(chan struct{})}
	defer close(g.release)
	s := &scriptedOK{}
	c := NewChain([]Rung{
		{Name: "gated", Backend: g, Timeout: 10 * time.Second, Concurrency: 1},
		{Name: "second", Backend: s, Timeout: time.Second},
	}, ChainConfig{}, nil)
	go func() {
		_, _ = c.Translate(context.Background(), api.TranslateRequest{Text: "first message here", Source: "en", Target: "es"})
	}()
	waitUntil(t, func() bool { r, _ := c.rungs[0].limit.load(); return r == 1 })
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "second message here", Source: "en", Target: "es"})
	if err != nil || resp.Backend != "second" || len(resp.Attempts) != 1 || resp.Attempts[0].Error != "overloaded: 1 running and 0 queued" {
		t.Fatalf("got %+v %v", resp, err)
	}
}

type scriptedOK struct{ calls atomic.Int32 }

func (s *scriptedOK) Name() string                 { return "second" }
func (s *scriptedOK) Supports(string, string) bool { return true }
func (s *scriptedOK) Info(context.Context) api.BackendInfo {
	return api.BackendInfo{Name: "second", Available: true}
}
func (s *scriptedOK) Close() error { return nil }
func (s *scriptedOK) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	s.calls.Add(1)
	return backend.Result{Text: "Mensaje traducido correctamente aquí", Model: "m"}, nil
}

// Half-open: after the cooldown exactly one request probes the backend,
// the others skip it until the probe answers; a probe whose callers all
// went away frees the slot for the next request.
func TestBreakerHalfOpenProbe(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Unix(1_000_000, 0).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	g := &gated{release: make(chan struct{})}
	c := NewChain([]Rung{{Name: "gated", Backend: g, Timeout: 10 * time.Second}},
		ChainConfig{BreakerFailures: 1, BreakerCooldown: time.Minute, Now: now}, nil)
	br := &c.rungs[0].breaker
	br.record(false, now()) // one failure opens the circuit
	req := func(i int) api.TranslateRequest {
		return api.TranslateRequest{Text: fmt.Sprintf("Message number %d for the team", i), Source: "en", Target: "es"}
	}
	resp, _ := c.Translate(t.Context(), req(0))
	if len(resp.Attempts) != 1 || resp.Attempts[0].Error != "skipped: circuit open after repeated failures" || g.calls.Load() != 0 {
		t.Fatalf("open circuit: %+v (calls %d)", resp, g.calls.Load())
	}
	clock.Add(int64(2 * time.Minute))

	// The probe's caller gives up: the slot is freed.
	ctx, cancel := context.WithCancel(t.Context())
	probeDone := make(chan struct{})
	go func() { _, _ = c.Translate(ctx, req(1)); close(probeDone) }()
	waitUntil(t, func() bool { return g.calls.Load() == 1 })
	for i := range 5 {
		resp, _ := c.Translate(t.Context(), req(10+i))
		if resp.Attempts[0].Error != "skipped: circuit open after repeated failures" {
			t.Fatalf("second request during the probe: %+v", resp)
		}
	}
	cancel()
	<-probeDone
	waitUntil(t, func() bool { return g.canceled.Load() == 1 })
	// The flight frees the probe slot once the cancelled call returns.
	waitUntil(t, func() bool { return !br.blocked(now()) })

	// The next request probes; it succeeds and closes the circuit.
	var wg sync.WaitGroup
	wg.Go(func() {
		resp, err := c.Translate(t.Context(), req(2))
		if err != nil || resp.Status != api.StatusTranslated {
			t.Errorf("probe: %+v %v", resp, err)
		}
	})
	waitUntil(t, func() bool { return g.calls.Load() == 2 })
	close(g.release)
	wg.Wait()
	for i := range 3 {
		if resp, _ := c.Translate(t.Context(), req(20+i)); resp.Status != api.StatusTranslated {
			t.Errorf("after the probe: %+v", resp)
		}
	}
}

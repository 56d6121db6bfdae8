package translate

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// gated is a backend that counts its calls and answers when released.
type gated struct {
	calls    atomic.Int32
	release  chan struct{}
	canceled atomic.Int32
}

func (g *gated) Name() string                 { return "gated" }
func (g *gated) Supports(string, string) bool { return true }
func (g *gated) Info(context.Context) api.BackendInfo {
	return api.BackendInfo{Name: "gated", Available: true}
}
func (g *gated) Close() error { return nil }
func (g *gated) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	g.calls.Add(1)
	select {
	case <-g.release:
		return backend.Result{Text: "Hola a todos, buenos días", Model: "gate"}, nil
	case <-ctx.Done():
		g.canceled.Add(1)
		return backend.Result{}, ctx.Err()
	}
}

// waiters is how many requests wait for key's flight.
func (c *Chain) waiters(key string) int {
	c.flights.mu.Lock()
	defer c.flights.mu.Unlock()
	if f, ok := c.flights.m[key]; ok {
		return f.waiters
	}
	return 0
}

func (c *Chain) keyOf(t *testing.T, req api.TranslateRequest) string {
	t.Helper()
	v, err := c.validate(req)
	if err != nil {
		t.Fatal(err)
	}
	return c.key(v, c.rungs[0], backend.Request{})
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(time.Millisecond)
	}
}

// N concurrent identical requests cost one backend call, even without a
// cache to catch the late ones.
func TestConcurrentIdenticalRequestsShareOneCall(t *testing.T) {
	g := &gated{release: make(chan struct{})}
	c := NewChain([]Rung{{Name: "gated", Backend: g, Timeout: 10 * time.Second}}, ChainConfig{}, nil)
	req := api.TranslateRequest{Text: "Good morning, everyone", Source: "en", Target: "es"}
	key := c.keyOf(t, req)
	const n = 50
	var wg sync.WaitGroup
	resps := make([]*api.TranslateResponse, n)
	for i := range n {
		wg.Go(func() {
			resp, err := c.Translate(t.Context(), req)
			if err != nil {
				t.Error(err)
			}
			resps[i] = resp
		})
	}
	waitUntil(t, func() bool { return c.waiters(key) == n })
	close(g.release)
	wg.Wait()
	if g.calls.Load() != 1 {
		t.Fatalf("%d backend calls for %d identical requests", g.calls.Load(), n)
	}
	coalesced := 0
	for _, r := range resps {
		if r.Status != api.StatusTranslated || r.Text != "Hola a todos, buenos días" {
			t.Fatalf("got %+v", r)
		}
		if r.Cache == api.CacheCoalesced {
			coalesced++
		}
	}
	if coalesced != n-1 {
		t.Errorf("%d answers marked coalesced, want %d", coalesced, n-1)
	}
}

// One caller that gives up does not cancel the call the others wait
// for; when every caller has gone, the call is cancelled.
func TestFlightCancellation(t *testing.T) {
	g := &gated{release: make(chan struct{})}
	c := NewChain([]Rung{{Name: "gated", Backend: g, Timeout: 10 * time.Second}}, ChainConfig{}, nil)
	req := api.TranslateRequest{Text: "Good morning, everyone", Source: "en", Target: "es"}
	key := c.keyOf(t, req)

	impatient, cancel := context.WithCancel(t.Context())
	done := make(chan *api.TranslateResponse, 2)
	go func() { r, _ := c.Translate(impatient, req); done <- r }()
	go func() { r, _ := c.Translate(t.Context(), req); done <- r }()
	waitUntil(t, func() bool { return c.waiters(key) == 2 })
	cancel()
	r := <-done
	if r.Status != api.StatusOriginal {
		t.Fatalf("the canceled caller got %+v", r)
	}
	waitUntil(t, func() bool { return c.waiters(key) == 1 })
	if g.canceled.Load() != 0 {
		t.Fatal("one caller's cancellation cancelled the shared call")
	}
	close(g.release)
	if r := <-done; r.Status != api.StatusTranslated {
		t.Fatalf("the patient caller got %+v", r)
	}

	g2 := &gated{release: make(chan struct{})}
	c2 := NewChain([]Rung{{Name: "gated", Backend: g2, Timeout: 10 * time.Second}}, ChainConfig{}, nil)
	ctx, cancel2 := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { _, _ = c2.Translate(ctx, req) })
	}
	waitUntil(t, func() bool { return c2.waiters(c2.keyOf(t, req)) == 3 })
	cancel2()
	wg.Wait()
	waitUntil(t, func() bool { return g2.canceled.Load() == 1 })
}

// A request that joins a call already in flight (a hedge of the same
// request, a second reader) and stops waiting before it ends reports the
// shared call's time next to its own wait: a view whose attempts read
// only "no answer within 0.4s" hid the seconds the call had run before
// the hedge joined it.
func TestJoinedAttemptReportsTheSharedCall(t *testing.T) {
	g := &gated{release: make(chan struct{})}
	c := NewChain([]Rung{{Name: "gated", Backend: g, Timeout: 10 * time.Second}}, ChainConfig{}, nil)
	req := api.TranslateRequest{Text: "Good morning, everyone", Source: "en", Target: "es"}
	key := c.keyOf(t, req)

	first := make(chan *api.TranslateResponse, 1)
	go func() { r, _ := c.Translate(t.Context(), req); first <- r }()
	waitUntil(t, func() bool { return c.waiters(key) == 1 })
	const before, wait = 500 * time.Millisecond, 400 * time.Millisecond
	time.Sleep(before) // the call runs alone, as before a hedge

	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	resp, err := c.Translate(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusOriginal || len(resp.Attempts) != 1 {
		t.Fatalf("the joined request got %+v", resp)
	}
	a := resp.Attempts[0]
	// The call had run for before when this request joined it.
	if !a.Joined || a.DurationMS <= 0 || a.CallMS-a.DurationMS < before.Milliseconds() {
		t.Fatalf("attempt %+v: want joined, its own wait (~%v) and the call's time (%v more)", a, wait, before)
	}

	close(g.release)
	if r := <-first; r.Status != api.StatusTranslated || r.Cache != "" {
		t.Fatalf("the leader got %+v", r)
	}
	if g.calls.Load() != 1 {
		t.Fatalf("%d backend calls", g.calls.Load())
	}
}

// revised is gated with a key revision, as Apertium has.
type revised struct {
	gated
	rev string
}

func (r *revised) KeyRevision() string { return r.rev }

// Apertium's answers changed when its markup started to move with its
// words: the translations it cached before must not be served after.
var _ keyRevisioner = (*apertium.Engine)(nil)

// TestKeyRevision: a rung's revision is part of its cache keys, so that
// answers cached by an earlier revision are not served.
func TestKeyRevision(t *testing.T) {
	req := api.TranslateRequest{Text: "Tap **Settings**", Source: "en", Target: "es"}
	keys := map[string]string{}
	for _, rev := range []string{"", "2", "3"} {
		var b backend.Backend = &gated{}
		if rev != "" {
			b = &revised{rev: rev}
		}
		c := NewChain([]Rung{{Name: "apertium", Backend: b}}, ChainConfig{}, nil)
		k := c.keyOf(t, req)
		c.Close()
		if other, ok := keys[k]; ok {
			t.Errorf("revisions %q and %q share the key %s", other, rev, k)
		}
		keys[k] = rev
	}
}

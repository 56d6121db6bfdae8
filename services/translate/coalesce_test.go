package translate_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
)

// gate is a fake model's translator that holds every answer until
// released, so that requests pile up while the one backend call runs.
type gate struct {
	release chan struct{}
	once    sync.Once
	answer  fakellm.Translator
}

// newGate returns a closed gate. Start the fake server first, then call
// openAtCleanup: cleanups run last-registered first, and a server cannot
// close while a handler waits at the gate.
func newGate(answer fakellm.Translator) *gate {
	return &gate{release: make(chan struct{}), answer: answer}
}

func (g *gate) openAtCleanup(t *testing.T) { t.Cleanup(g.open) }

func (g *gate) open() { g.once.Do(func() { close(g.release) }) }

func (g *gate) translate(r fakellm.Request) (string, error) {
	<-g.release
	return g.answer(r)
}

// waiters counts, over every replica's registry, the requests waiting
// for a call they did not make: those that joined another request's call
// on their replica, and the calls waiting for another replica's claim.
// With every one of n identical requests in and one call at the model,
// it is n-1. In-flight counts alone (micro's stats) do not say as much: a
// request inside a replica may not have reached its flight or its claim
// yet, and one that reaches it after the call ended makes a call of its
// own.
func waiters(t *testing.T, regs []*prometheus.Registry) int {
	t.Helper()
	total := 0
	for _, reg := range regs {
		for _, on := range []string{"request", "replica"} {
			total += int(series(t, reg, "parley_translate_waiting", "on", on))
		}
	}
	return total
}

// N concurrent identical requests spread over two replicas cost exactly
// one backend call: one replica's flight claims the key in JetStream KV,
// the other replica's flight waits for its result.
func TestCoalescingAcrossReplicas(t *testing.T) {
	const n = 40
	g := newGate(fakellm.Dictionary(map[string]string{"Good morning, everyone!": "¡Buenos días a todos!"}))
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: g.translate})
	nc, regs := startMeteredReplicas(t, 2, map[string]string{
		"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(), "OLLAMA_TIMEOUT": "30s",
		"TRANSLATE_WORKERS": fmt.Sprint(n), "TRANSLATE_QUEUE": fmt.Sprint(n),
	})
	g.openAtCleanup(t)
	c := client.Translate{NC: nc}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	resps := make([]*api.TranslateResponse, n)
	for i := range n {
		wg.Go(func() {
			resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
			if err != nil {
				t.Error(err)
				return
			}
			resps[i] = resp
		})
	}
	// Release the model once the call has reached it and every other
	// request waits for that call.
	eventually(t, ctx, func() bool { return len(ol.Requests()) > 0 && waiters(t, regs) == n-1 })
	if calls := len(ol.Requests()); calls != 1 {
		t.Fatalf("%d backend calls while %d identical requests wait", calls, n)
	}
	g.open()
	wg.Wait()
	if calls := len(ol.Requests()); calls != 1 {
		t.Fatalf("%d backend calls for %d identical requests on two replicas", calls, n)
	}
	if w := waiters(t, regs); w != 0 {
		t.Errorf("parley_translate_waiting sums to %d once every request is answered", w)
	}
	coalesced := 0
	for _, r := range resps {
		if r == nil || r.Status != api.StatusTranslated || r.Text != "¡Buenos días a todos!" {
			t.Fatalf("got %+v", r)
		}
		if r.Cache == api.CacheCoalesced {
			coalesced++
		}
	}
	if coalesced != n-1 {
		t.Errorf("%d answers coalesced, want %d", coalesced, n-1)
	}
}

// A failed call is shared too: the waiting requests, on both replicas,
// move down the chain at once instead of repeating it.
func TestCoalescedFailureAcrossReplicas(t *testing.T) {
	const n = 20
	g := newGate(func(fakellm.Request) (string, error) { return "", fakellm.ServerError })
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: g.translate})
	nc, regs := startMeteredReplicas(t, 2, map[string]string{
		"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(), "OLLAMA_TIMEOUT": "30s",
		"TRANSLATE_WORKERS": fmt.Sprint(n), "TRANSLATE_QUEUE": fmt.Sprint(n), "TRANSLATE_RETRIES": "0",
	})
	g.openAtCleanup(t)
	c := client.Translate{NC: nc}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
			if err != nil {
				t.Error(err)
				return
			}
			if resp.Status != api.StatusOriginal || len(resp.Attempts) != 1 || resp.Attempts[0].Error == "" {
				t.Errorf("got %+v", resp)
			}
		})
	}
	eventually(t, ctx, func() bool { return len(ol.Requests()) > 0 && waiters(t, regs) == n-1 })
	g.open()
	wg.Wait()
	if calls := len(ol.Requests()); calls != 1 {
		t.Errorf("%d backend calls for %d identical failing requests", calls, n)
	}
	if w := waiters(t, regs); w != 0 {
		t.Errorf("parley_translate_waiting sums to %d once every request is answered", w)
	}
}

// A claim that gets no answer from JetStream (the cache stream's leader
// stopped with the write in flight) costs the coalescing, never the
// translation: the replica gives up on it and calls the model within the
// request's budget.
func TestTranslatesWhenTheClaimGetsNoAnswer(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(map[string]string{"The build is green again": "La compilación vuelve a estar en verde"})})
	nc := startReplicas(t, 1, map[string]string{
		"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(), "TRANSLATE_CLAIM_TTL": "1s",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	natstest.SilenceStream(t, nc, "KV_parley_translate_cache")

	// One attempt (no hedge), with a budget far longer than the claim's.
	resp, err := client.Call[api.TranslateResponse](ctx, nc, api.SubjectTranslate,
		api.TranslateRequest{Text: "The build is green again", Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated || resp.Text != "La compilación vuelve a estar en verde" {
		t.Fatalf("got %+v, want the model's translation", resp)
	}
}

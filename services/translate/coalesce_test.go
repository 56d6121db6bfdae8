package translate_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
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

// inFlight sums the translate endpoint's in-flight requests over every
// replica, from micro's $SRV.STATS (the pool reports its own numbers).
func inFlight(t *testing.T, nc *nats.Conn, replicas int) int {
	t.Helper()
	inbox := nats.NewInbox()
	sub, err := nc.SubscribeSync(inbox)
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sub.Unsubscribe() }()
	if err := nc.PublishRequest("$SRV.STATS."+api.ServiceTranslate, inbox, nil); err != nil {
		t.Fatal(err)
	}
	total := 0
	for range replicas {
		msg, err := sub.NextMsg(5 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		var st micro.Stats
		if err := json.Unmarshal(msg.Data, &st); err != nil {
			t.Fatal(err)
		}
		for _, ep := range st.Endpoints {
			if ep.Name != "translate" {
				continue
			}
			var ps service.PoolStats
			if err := json.Unmarshal(ep.Data, &ps); err != nil {
				t.Fatal(err)
			}
			total += int(ps.InFlight)
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
	nc := startReplicas(t, 2, map[string]string{
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
	// Release the model once every request is inside a replica and the
	// call has reached the model: all of them wait for the one call.
	eventually(t, ctx, func() bool { return inFlight(t, nc, 2) == n && len(ol.Requests()) > 0 })
	if calls := len(ol.Requests()); calls != 1 {
		t.Fatalf("%d backend calls while %d identical requests wait", calls, n)
	}
	g.open()
	wg.Wait()
	if calls := len(ol.Requests()); calls != 1 {
		t.Fatalf("%d backend calls for %d identical requests on two replicas", calls, n)
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
	nc := startReplicas(t, 2, map[string]string{
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
	eventually(t, ctx, func() bool { return inFlight(t, nc, 2) == n && len(ol.Requests()) > 0 })
	g.open()
	wg.Wait()
	if calls := len(ol.Requests()); calls != 1 {
		t.Errorf("%d backend calls for %d identical failing requests", calls, n)
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

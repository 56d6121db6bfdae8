package translate_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestInvalidateIsTenantScoped: message ids are unique per tenant only,
// so two tenants' messages of one conversation and id are two messages.
// Invalidating one tenant's, by message or by conversation, deletes and
// counts only that tenant's cached translations (made singly or in a
// batch); the other tenant's and those of requests without a tenant stay.
// No tenant keeps the index keys of before tenants were part of them:
// entries indexed then (legacyMessage, legacyConversation: the keys the
// translate service wrote for "support"/"order-1001") are taken by
// invalidations without a tenant, and by no tenant's.
func TestInvalidateIsTenantScoped(t *testing.T) {
	const (
		legacyMessage      = "m.6b2236f3608c4fd933647f57e2793a778125feea16bf1c07c4a4dbc7fa034c33"
		legacyConversation = "c.07ca158002b40c45fe86749842da976fdcc38abcc502e03ea36a0bf7b8abe08f"
	)
	ctx := t.Context()
	f := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(chatLines)})
	shared := cache.NewMemory()
	for _, index := range []string{legacyMessage, legacyConversation} {
		if err := shared.AddToIndex(ctx, index, "t.legacy"); err != nil {
			t.Fatal(err)
		}
	}
	c := batchChain(t, f, translate.ChainConfig{Cache: cache.New(cache.Config{}, shared, nil)})
	msg := func(tenant, id, text string) api.TranslateRequest {
		return api.TranslateRequest{Text: text, Source: "en", Target: "es", ConversationID: "support", MessageID: id, Tenant: tenant}
	}
	var (
		acme  = msg("acme", "order-1001", "Good morning, everyone!")
		beta  = msg("beta", "order-1001", "Is the build green yet?")
		beta2 = msg("beta", "order-1002", "Not yet, two tests are failing.")
		none  = msg("", "order-1001", "Can we ship on Friday?")
	)
	translateOK(t, c, acme)
	translateOK(t, c, none)
	// beta's messages through a batch, as the messages service's history
	// pages translate them.
	resp, err := c.TranslateBatch(ctx, api.TranslateBatchRequest{Target: "es", Tenant: "beta", Items: []api.TranslateBatchItem{
		{ID: "1", Text: beta.Text, Source: "en", ConversationID: "support", MessageID: "order-1001"},
		{ID: "2", Text: beta2.Text, Source: "en", ConversationID: "support", MessageID: "order-1002"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls := len(f.Requests()); calls != 3 || resp.Items[0].Status != api.StatusTranslated || resp.Items[1].Status != api.StatusTranslated {
		t.Fatalf("batch: %d calls, %+v", calls, resp.Items)
	}

	steps := []struct {
		name        string
		invalidate  api.TranslateInvalidateRequest
		wantDeleted int
		gone, kept  []api.TranslateRequest
	}{
		{"acme's message", api.TranslateInvalidateRequest{ConversationID: "support", MessageID: "order-1001", Tenant: "acme"}, 1,
			[]api.TranslateRequest{acme}, []api.TranslateRequest{beta, beta2, none}},
		{"beta's conversation", api.TranslateInvalidateRequest{ConversationID: "support", Tenant: "beta"}, 2,
			[]api.TranslateRequest{beta, beta2}, []api.TranslateRequest{acme, none}},
		// The tenant-less message and the legacy entry.
		{"the message without a tenant", api.TranslateInvalidateRequest{ConversationID: "support", MessageID: "order-1001"}, 2,
			[]api.TranslateRequest{none}, []api.TranslateRequest{acme, beta}},
		// The legacy entry again (a translation already gone through
		// another index counts again), and none's.
		{"the conversation without a tenant", api.TranslateInvalidateRequest{ConversationID: "support"}, 2,
			[]api.TranslateRequest{none}, []api.TranslateRequest{acme, beta, beta2}},
		{"a tenant with nothing cached", api.TranslateInvalidateRequest{ConversationID: "support", MessageID: "order-1001", Tenant: "globex"}, 0,
			nil, []api.TranslateRequest{acme, beta, none}},
	}
	// Read as a one-item batch: it looks a message up under its batch
	// prompt's key too, which a single request does not.
	read := func(r api.TranslateRequest) api.TranslateBatchResult {
		t.Helper()
		resp, err := c.TranslateBatch(ctx, api.TranslateBatchRequest{Target: r.Target, Tenant: r.Tenant, Items: []api.TranslateBatchItem{
			{ID: "1", Text: r.Text, Source: r.Source, ConversationID: r.ConversationID, MessageID: r.MessageID},
		}})
		if err != nil || resp.Items[0].Status != api.StatusTranslated {
			t.Fatalf("read %+v: %+v %v", r, resp, err)
		}
		return resp.Items[0]
	}
	for _, s := range steps {
		inv, err := c.Invalidate(ctx, s.invalidate)
		if err != nil || inv.Deleted != s.wantDeleted {
			t.Fatalf("%s: invalidate %+v %v, want %d deleted", s.name, inv, err, s.wantDeleted)
		}
		for _, r := range s.kept {
			if resp := read(r); resp.Cache != api.CacheMemory {
				t.Errorf("%s: %s's %s went: %+v", s.name, r.Tenant, r.MessageID, resp)
			}
		}
		for _, r := range s.gone {
			if resp := read(r); resp.Cache != "" {
				t.Errorf("%s: %s's %s still cached: %+v", s.name, r.Tenant, r.MessageID, resp)
			}
		}
	}
	var ae *api.Error
	long := api.TranslateInvalidateRequest{ConversationID: "support", Tenant: string(make([]byte, 1<<10))}
	if _, err := c.Invalidate(ctx, long); !errors.As(err, &ae) || ae.Field != "tenant" || ae.Status() != 400 {
		t.Errorf("an oversized tenant: %v", err)
	}
}

// TestCacheIsPerTenant: one tenant's cached translation is never served
// to another, so neither the "cache" field nor the latency of an answer
// tells a tenant that another wrote an exact text. Requests without a
// tenant (open mode) share the tenant "" among themselves. Coalescing
// keys on the same key: concurrent identical requests of one tenant share
// one backend call, and two tenants' never do.
func TestCacheIsPerTenant(t *testing.T) {
	scramble := fakellm.Scramble()
	f := fakellm.StartOllama(t, fakellm.Config{Translator: func(r fakellm.Request) (string, error) {
		time.Sleep(100 * time.Millisecond) // long enough for concurrent requests to meet
		return scramble(r)
	}})
	shared := cache.NewMemory()
	c := cachedChain(t, f, "qwen2.5:3b", shared)
	replica := cachedChain(t, f, "qwen2.5:3b", shared)
	iban := func(tenant string) api.TranslateRequest {
		return api.TranslateRequest{Text: "My IBAN is DE89 3704 0044 0532 0130 00", Source: "en", Target: "es", Tenant: tenant}
	}
	steps := []struct {
		name      string
		c         *translate.Chain
		req       api.TranslateRequest
		wantCache string // "" is a backend call
		wantCalls int
	}{
		{"globex reads its message", c, iban("globex"), "", 1},
		{"acme asks for the same text", c, iban("acme"), "", 2},
		{"acme on another replica", replica, iban("acme"), api.CacheShared, 2},
		{"globex again", c, iban("globex"), api.CacheMemory, 2},
		{"open mode", c, iban(""), "", 3},
		{"open mode again", replica, iban(""), api.CacheShared, 3},
	}
	keys := map[string]string{}
	for _, s := range steps {
		resp := translateOK(t, s.c, s.req)
		if resp.Cache != s.wantCache || len(f.Requests()) != s.wantCalls {
			t.Fatalf("%s: cache %q, %d calls; want %q, %d", s.name, resp.Cache, len(f.Requests()), s.wantCache, s.wantCalls)
		}
		if k, ok := keys[s.req.Tenant]; ok && k != resp.CacheKey {
			t.Fatalf("%s: key %s, before %s", s.name, resp.CacheKey, k)
		}
		keys[s.req.Tenant] = resp.CacheKey
		// The shared write is off the request's path: the next step may
		// read it on the other replica.
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			if _, ok, _ := shared.Get(t.Context(), resp.CacheKey); ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not in the shared cache", s.name)
			}
		}
	}
	if len(keys) != 3 {
		t.Fatalf("tenants share a key: %v", keys)
	}

	// Three readers of each of two tenants at once (on one replica: this
	// chain has no claims across replicas).
	before := len(f.Requests())
	var wg sync.WaitGroup
	for _, tenant := range []string{"acme", "globex"} {
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := api.TranslateRequest{Text: "Meet me at the north gate at noon", Source: "en", Target: "es", Tenant: tenant}
				if _, err := c.Translate(t.Context(), req); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	if n := len(f.Requests()) - before; n != 2 {
		t.Fatalf("%d backend calls for two tenants' identical requests, want one each", n)
	}
}

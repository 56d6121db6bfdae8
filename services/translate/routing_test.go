package translate_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
)

func TestParseRouting(t *testing.T) {
	rungs := []string{"ollama", "openai", "apertium"}
	rt, err := translate.ParseRouting([]byte(`{"routes":[
		{"source":"EN","target":"ja","chain":["OpenAI","apertium"],"models":{"openai":"gpt-4o"}},
		{"target":"pt-br","models":{"ollama":"qwen2.5:7b"}}]}`), rungs)
	if err != nil {
		t.Fatal(err)
	}
	if r := rt.Routes[0]; r.Source != "en" || r.Chain[0] != "openai" || r.Models["openai"] != "gpt-4o" {
		t.Errorf("route 1 = %+v", r)
	}
	if r := rt.Routes[1]; r.Source != "*" || r.Target != "pt-BR" {
		t.Errorf("route 2 = %+v", r)
	}
	if rt, err := translate.ParseRouting([]byte("  "), rungs); err != nil || len(rt.Routes) != 0 {
		t.Errorf("empty document: %+v %v", rt, err)
	}
	for _, bad := range []string{
		`{"routes":[{"target":"ja","chain":["deepl"]}]}`,
		`{"routes":[{"target":"ja","chain":["ollama","ollama"]}]}`,
		`{"routes":[{"target":"not a tag"}]}`,
		`{"routes":[{"target":"ja","models":{"deepl":"x"}}]}`,
		`{"routes":[{"target":"ja","models":{"ollama":" "}}]}`,
		`{"routes":[{"target":"ja","backend":"ollama"}]}`,
		`{"routes":`,
	} {
		if _, err := translate.ParseRouting([]byte(bad), rungs); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

// routingFakes are two LLM servers with a chain over them.
type routingFakes struct {
	ollama, openai *fakellm.Server
	chain          *translate.Chain
}

func newRoutingChain(t *testing.T) routingFakes {
	t.Helper()
	return newRoutingChainConfig(t, translate.ChainConfig{})
}

// newRoutingChainConfig is newRoutingChain with cfg (its cache is set
// here).
func newRoutingChainConfig(t *testing.T, cfg translate.ChainConfig) routingFakes {
	t.Helper()
	f := routingFakes{
		ollama: fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b", "qwen2.5:7b"}, Translator: fakellm.Scramble()}),
		openai: fakellm.StartOpenAI(t, fakellm.Config{Models: []string{"gpt-4o-mini", "gpt-4o"}, Translator: fakellm.Scramble()}),
	}
	ob, err := ollama.New(t.Context(), ollama.Config{Host: f.ollama.URL(), Model: "qwen2.5:3b", Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ab, err := openai.New(t.Context(), openai.Config{BaseURL: f.openai.BaseURL(), Model: "gpt-4o-mini", Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Cache = cache.New(cache.Config{}, cache.NewMemory(), nil)
	f.chain = translate.NewChain([]translate.Rung{{Name: "ollama", Backend: ob}, {Name: "openai", Backend: ab}}, cfg, nil)
	t.Cleanup(func() { f.chain.Close() })
	return f
}

func TestRoutingChoosesBackendAndModel(t *testing.T) {
	f := newRoutingChain(t)
	err := f.chain.SetRouting([]byte(`{"routes":[
		{"source":"en","target":"pt-BR","chain":["openai"],"models":{"openai":"gpt-4o"}},
		{"source":"en","target":"pt","models":{"ollama":"qwen2.5:7b"}},
		{"target":"fr","chain":["openai","ollama"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		source, target     string
		wantBackend, model string
	}{
		{"en", "pt-BR", "openai", "gpt-4o"},
		{"en", "pt-PT", "ollama", "qwen2.5:7b"},
		{"de", "pt", "ollama", "qwen2.5:3b"},
		{"de", "fr", "openai", "gpt-4o-mini"},
		{"en", "es", "ollama", "qwen2.5:3b"},
	}
	for _, tt := range tests {
		resp := translateOK(t, f.chain, api.TranslateRequest{Text: "The release is ready for review", Source: tt.source, Target: tt.target})
		if resp.Backend != tt.wantBackend || resp.Model != tt.model {
			t.Errorf("%s>%s: served by %s %s, want %s %s", tt.source, tt.target, resp.Backend, resp.Model, tt.wantBackend, tt.model)
		}
	}
	if req, _ := f.openai.LastRequest(); req.Model != "gpt-4o-mini" {
		t.Errorf("openai got model %q", req.Model)
	}
	// A routing change takes effect at once; the model is in the cache
	// key, so nothing made with the old model is served.
	if err := f.chain.SetRouting([]byte(`{"routes":[{"target":"es","models":{"ollama":"qwen2.5:7b"}}]}`)); err != nil {
		t.Fatal(err)
	}
	resp := translateOK(t, f.chain, api.TranslateRequest{Text: "The release is ready for review", Source: "en", Target: "es"})
	if resp.Model != "qwen2.5:7b" || resp.Cache != "" {
		t.Errorf("after the change: %s cache %q", resp.Model, resp.Cache)
	}
	// A bad document is refused and the routing in force stays.
	if err := f.chain.SetRouting([]byte(`{"routes":[{"target":"es","chain":["deepl"]}]}`)); err == nil {
		t.Error("bad routing accepted")
	}
	if r := f.chain.Routing(); len(r.Routes) != 1 || r.Routes[0].Models["ollama"] != "qwen2.5:7b" {
		t.Errorf("routing after a refused change: %+v", r)
	}
}

// A routed model that the server lacks fails its pairs only; the rung
// stays available for the rest.
func TestRoutedModelMissing(t *testing.T) {
	f := newRoutingChain(t)
	if err := f.chain.SetRouting([]byte(`{"routes":[{"target":"it","models":{"ollama":"qwen2.5:32b"}}]}`)); err != nil {
		t.Fatal(err)
	}
	resp := translateOK(t, f.chain, api.TranslateRequest{Text: "The release is ready for review", Source: "en", Target: "it"})
	if resp.Backend != "openai" || len(resp.Attempts) != 1 || !strings.HasPrefix(resp.Attempts[0].Error, "model not found") {
		t.Fatalf("it: %+v", resp)
	}
	resp = translateOK(t, f.chain, api.TranslateRequest{Text: "The release is ready for review", Source: "en", Target: "de"})
	if resp.Backend != "ollama" {
		t.Errorf("de after a missing routed model: %+v", resp)
	}
}

// A routed model the server lacks is not a sign of a sick server: however
// many requests ask for it, the rung's circuit stays closed for the pairs
// that use a model it has (the breaker is per rung).
func TestRoutedModelMissingKeepsCircuitClosed(t *testing.T) {
	tests := []struct {
		name, routing string
		// missing is the pair whose routed model is absent, other a
		// pair the same rung must still serve.
		missing, other [2]string
		rung           string
	}{
		{name: "ollama", routing: `{"routes":[{"target":"ja","models":{"ollama":"ghost:1b"}}]}`,
			missing: [2]string{"en", "ja"}, other: [2]string{"en", "es"}, rung: "ollama"},
		{name: "openai", routing: `{"routes":[{"target":"ja","chain":["openai","ollama"],"models":{"openai":"gpt-ghost"}},
			{"target":"es","chain":["openai","ollama"]}]}`,
			missing: [2]string{"en", "ja"}, other: [2]string{"en", "es"}, rung: "openai"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newRoutingChainConfig(t, translate.ChainConfig{BreakerFailures: 2, BreakerCooldown: time.Hour})
			if err := f.chain.SetRouting([]byte(tt.routing)); err != nil {
				t.Fatal(err)
			}
			for i := range 5 {
				req := api.TranslateRequest{Text: fmt.Sprintf("The release %d is ready for review", i), Source: tt.missing[0], Target: tt.missing[1]}
				resp, err := f.chain.Translate(t.Context(), req)
				if err != nil {
					t.Fatal(err)
				}
				if len(resp.Attempts) == 0 || resp.Attempts[0].Backend != tt.rung || !strings.HasPrefix(resp.Attempts[0].Error, "model not found") {
					t.Fatalf("request %d for the missing model: %+v", i, resp)
				}
			}
			resp := translateOK(t, f.chain, api.TranslateRequest{Text: "The release is ready for review", Source: tt.other[0], Target: tt.other[1]})
			if resp.Backend != tt.rung || len(resp.Attempts) != 0 {
				t.Errorf("%s>%s after 5 requests for a missing model: served by %s, attempts %+v", tt.other[0], tt.other[1], resp.Backend, resp.Attempts)
			}
		})
	}
}

// The routing document lives in the KV key parley_translate_config/routing:
// every replica applies a change, a bad change is ignored, and deleting
// the key restores the default order.
func TestRoutingHotReloadFromKV(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Scramble()})
	oa := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Scramble()})
	nc := startReplicas(t, 2, map[string]string{
		"TRANSLATE_CHAIN": "ollama,openai", "OLLAMA_HOST": ol.URL(), "OPENAI_BASE_URL": oa.BaseURL(),
		"TRANSLATE_CACHE": "false",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(ctx, "parley_translate_config")
	if err != nil {
		t.Fatal(err)
	}
	c := client.Translate{NC: nc}
	req := api.TranslateRequest{Text: "The release is ready for review", Source: "en", Target: "fr"}
	servedBy := func(backend string) func() bool {
		return func() bool {
			for range 10 {
				resp, err := c.Translate(ctx, req)
				if err != nil || resp.Backend != backend {
					return false
				}
			}
			return true
		}
	}
	if !servedBy("ollama")() {
		t.Fatal("default order not in force")
	}
	if _, err := kv.Put(ctx, translate.RoutingKey, []byte(`{"routes":[{"target":"fr","chain":["openai"]}]}`)); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, servedBy("openai"))
	// A bad document is ignored; the watch survives it.
	if _, err := kv.Put(ctx, translate.RoutingKey, []byte(`{"routes":[{"target":"fr","chain":["deepl"]}]}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Put(ctx, translate.RoutingKey, []byte(`{"routes":[{"target":"fr","chain":["ollama"]}]}`)); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, servedBy("ollama"))
	if _, err := kv.Put(ctx, translate.RoutingKey, []byte(`{"routes":[{"target":"fr","chain":["openai"]}]}`)); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, servedBy("openai"))
	if err := kv.Delete(ctx, translate.RoutingKey); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, servedBy("ollama"))
}

// TestRequestExcludeAndPrompt: an exclusion must name a rung the service
// knows and a prompt a compiled template, else the request is a 400 on
// the field; a named prompt is what the LLM renders.
func TestRequestExcludeAndPrompt(t *testing.T) {
	f := newRoutingChain(t)
	tests := []struct {
		name      string
		exclude   []string
		prompt    string
		wantField string
		wantIn    string
		wantVer   int
	}{
		{name: "typo in exclude", exclude: []string{"olama"}, wantField: "exclude", wantIn: "known: ollama, openai, apertium, moderator"},
		{name: "empty exclude", exclude: []string{" "}, wantField: "exclude"},
		{name: "known rungs", exclude: []string{"OpenAI", "apertium", "moderator"}, wantVer: 4},
		{name: "compiled prompt", prompt: "chat-translate@5", wantVer: 5},
		{name: "default prompt", prompt: "chat-translate@4", wantVer: 4},
		{name: "unknown prompt", prompt: "chat-translate@9", wantField: "prompt", wantIn: "chat-translate@5"},
		{name: "batch prompt", prompt: "chat-translate-batch@2", wantField: "prompt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.chain.Translate(t.Context(), api.TranslateRequest{Text: "The release is ready for review", Source: "en", Target: "es",
				Exclude: tt.exclude, Prompt: tt.prompt})
			if tt.wantField != "" {
				var ae *api.Error
				if !errors.As(err, &ae) || ae.Code != api.CodeInvalidArgument || ae.Field != tt.wantField || !strings.Contains(ae.Message, tt.wantIn) {
					t.Fatalf("got %+v, %v; want invalid_argument on %s mentioning %q", resp, err, tt.wantField, tt.wantIn)
				}
				return
			}
			if err != nil || resp.Status != api.StatusTranslated || resp.Backend != "ollama" || resp.PromptID != "chat-translate" || resp.PromptVersion != tt.wantVer {
				t.Fatalf("got %+v, %v; want ollama with chat-translate@%d", resp, err, tt.wantVer)
			}
		})
	}
}

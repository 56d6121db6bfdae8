package translate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/services/translate/cache/natskv"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the service version reported to micro.
const Version = "0.2.0"

// DefaultChain is the rung order: local LLM, hosted LLM, offline engine.
var DefaultChain = []string{ollama.Name, openai.Name, apertium.Name}

// DefaultLLMLanguages are the languages the LLM rungs are offered for: those
// that small multilingual models (Qwen 2.5, Gemma 3, Llama 3.x) translate
// with usable quality. Operators running a stronger or weaker model set
// TRANSLATE_LLM_LANGUAGES.
var DefaultLLMLanguages = []string{
	"ar", "de", "en", "es", "fr", "he", "hi", "id", "it", "ja",
	"ko", "nl", "pl", "pt", "ru", "th", "tr", "uk", "vi", "zh",
}

// Config is the service's configuration.
type Config struct {
	// Chain names the rungs in order (TRANSLATE_CHAIN).
	Chain []string
	// Workers translate at once (TRANSLATE_WORKERS); Queue requests may
	// wait for one (TRANSLATE_QUEUE) before callers get "overloaded".
	Workers int
	Queue   int
	// Waiting bounds the requests waiting on a model, or on another
	// request's call of the same translation, that have handed their
	// worker to the next request (TRANSLATE_WAITING; service.Detach): a
	// cached translation is not queued behind model calls that take
	// seconds. 0 keeps every request on its worker until it is answered.
	Waiting int
	// Timeout is the budget of a request whose caller sent none
	// (TRANSLATE_TIMEOUT).
	Timeout time.Duration
	// LLMLanguages are offered by the LLM rungs (TRANSLATE_LLM_LANGUAGES).
	LLMLanguages []string
	// Chain tuning: TRANSLATE_RESERVE, TRANSLATE_FALLBACK_RESERVE,
	// TRANSLATE_BREAKER_FAILURES, TRANSLATE_BREAKER_COOLDOWN,
	// TRANSLATE_MAX_CHARS, TRANSLATE_FORMALITY, TRANSLATE_CONTEXT_MESSAGES,
	// TRANSLATE_CONTEXT_AUTHORS.
	ChainConfig ChainConfig
	// Cache configures the translation cache and the shared state.
	Cache CacheConfig

	formality []string // TRANSLATE_FORMALITY, parsed by Start
	// Routing is the routing used while the KV key <prefix>_config/routing
	// is absent (TRANSLATE_ROUTING, JSON; see Routing).
	Routing string
	// Controls turns on feature flags, the model registry and A/B
	// experiments, read from JetStream KV (TRANSLATE_CONTROLS, default
	// true; needs JetStream).
	Controls bool
	// GuardInterval is how often this replica checks the running
	// experiments' guardrails and stops an arm that degrades
	// (EXPERIMENT_GUARD_INTERVAL, default 1m; 0 turns it off). Every
	// replica checks; the stop is an idempotent, revision-checked write.
	GuardInterval time.Duration
}

// CacheConfig configures the cache and the JetStream KV buckets the
// replicas share.
type CacheConfig struct {
	// Enabled turns the cache on (TRANSLATE_CACHE, default true).
	Enabled bool
	// TTL is how long the shared cache keeps a translation
	// (TRANSLATE_CACHE_TTL, default 168h).
	TTL time.Duration
	// MaxBytes bounds the shared cache bucket on each node
	// (TRANSLATE_CACHE_MAX_BYTES, default DefaultCacheMaxBytes, at least
	// 1 MiB): the oldest translations go first when it is full.
	MaxBytes int64
	// MemoryEntries and MemoryTTL bound each replica's LRU
	// (TRANSLATE_CACHE_MEMORY_ENTRIES, default 10000;
	// TRANSLATE_CACHE_MEMORY_TTL, default 1h).
	MemoryEntries int
	MemoryTTL     time.Duration
	// KVPrefix names the buckets: <prefix>_cache (translations and
	// claims), <prefix>_overrides, <prefix>_config (TRANSLATE_KV_PREFIX,
	// default parley_translate).
	KVPrefix string
	// KVReplicas is the buckets' replication (TRANSLATE_KV_REPLICAS,
	// default 1).
	KVReplicas int
	// ClaimTTL is how long a replica's claim on a backend call lives
	// without a refresh (TRANSLATE_CLAIM_TTL, default 10s).
	ClaimTTL time.Duration
	// MessagesMaxAge is the chat stream's retention as the messages
	// service is configured (MESSAGES_MAX_AGE, 0: not set here or
	// forever). TTL and MemoryTTL are capped at it (Capped).
	MessagesMaxAge time.Duration
}

// Capped is c with TTL and MemoryTTL at most MessagesMaxAge, and whether
// that cut them. The cache holds the translations of chat messages (and
// the message indexes naming them): with a longer TTL, a message's
// translations would outlive the message retention dropped, and a
// reader's past messages would stay readable, in every language they
// were read in, in the cache.
func (c CacheConfig) Capped() (CacheConfig, bool) {
	if c.MessagesMaxAge <= 0 || c.TTL <= c.MessagesMaxAge {
		return c, false
	}
	c.TTL = c.MessagesMaxAge
	c.MemoryTTL = min(c.MemoryTTL, c.TTL)
	return c, true
}

// DefaultCacheMaxBytes bounds the shared cache bucket (2 GiB per node;
// natskv.DefaultMaxBytes).
const DefaultCacheMaxBytes = int(natskv.DefaultMaxBytes)

// ParseFormality reads TRANSLATE_FORMALITY, "de=informal,ja=formal": the
// register each target language gets when a request asks for none.
func ParseFormality(entries []string) (map[string]string, error) {
	out := map[string]string{}
	for _, e := range entries {
		lang, reg, ok := strings.Cut(e, "=")
		lang, reg = strings.TrimSpace(lang), strings.ToLower(strings.TrimSpace(reg))
		tag, err := api.ParseLanguage("formality", lang)
		if !ok || err != nil || (reg != api.FormalityFormal && reg != api.FormalityInformal && reg != api.FormalityDefault) {
			return nil, fmt.Errorf("TRANSLATE_FORMALITY: %q is not language=formal|informal|default", e)
		}
		out[api.Base(tag.String())] = reg
	}
	return out, nil
}

// ConfigFromEnv reads the TRANSLATE_* settings.
func ConfigFromEnv(r *config.Reader) Config {
	workers := r.Int("TRANSLATE_WORKERS", 8)
	if workers < 1 {
		workers = 1
	}
	return Config{
		Chain:        r.List("TRANSLATE_CHAIN", DefaultChain),
		Workers:      workers,
		Queue:        r.Int("TRANSLATE_QUEUE", 4*workers),
		Waiting:      max(r.Int("TRANSLATE_WAITING", 256), 0),
		Timeout:      r.Duration("TRANSLATE_TIMEOUT", 30*time.Second),
		LLMLanguages: r.List("TRANSLATE_LLM_LANGUAGES", DefaultLLMLanguages),
		ChainConfig: ChainConfig{
			Reserve:         r.Duration("TRANSLATE_RESERVE", 100*time.Millisecond),
			FallbackReserve: fallbackReserve(r.Duration("TRANSLATE_FALLBACK_RESERVE", DefaultFallbackReserve)),
			BreakerFailures: r.Int("TRANSLATE_BREAKER_FAILURES", 5),
			BreakerCooldown: r.Duration("TRANSLATE_BREAKER_COOLDOWN", 30*time.Second),
			MaxRunes:        r.Int("TRANSLATE_MAX_CHARS", api.MaxTextRunes),
			ContextMessages: contextMessages(r.Int("TRANSLATE_CONTEXT_MESSAGES", 5)),
			ContextAuthors:  r.String("TRANSLATE_CONTEXT_AUTHORS", ContextAuthorsPseudonym),
			Retries:         contextMessages(r.Int("TRANSLATE_RETRIES", 1)),
			RetryBackoff:    r.Duration("TRANSLATE_RETRY_BACKOFF", 100*time.Millisecond),
			BatchSize:       contextMessages(r.Int("TRANSLATE_BATCH_SIZE", 16)),
			BatchMaxRunes:   r.Int("TRANSLATE_BATCH_MAX_CHARS", 280),
		},
		Cache: CacheConfig{
			Enabled:       r.Bool("TRANSLATE_CACHE", true),
			TTL:           r.Duration("TRANSLATE_CACHE_TTL", 7*24*time.Hour),
			MaxBytes:      int64(r.IntMin("TRANSLATE_CACHE_MAX_BYTES", DefaultCacheMaxBytes, 1<<20)),
			MemoryEntries: r.Int("TRANSLATE_CACHE_MEMORY_ENTRIES", 10000),
			MemoryTTL:     r.Duration("TRANSLATE_CACHE_MEMORY_TTL", time.Hour),
			KVPrefix:      r.String("TRANSLATE_KV_PREFIX", "parley_translate"),
			KVReplicas:    r.Int("TRANSLATE_KV_REPLICAS", natsutil.JetStreamReplicas(r)),
			ClaimTTL:      r.Duration("TRANSLATE_CLAIM_TTL", 10*time.Second),
			// The messages service's setting, when the deployment gives
			// it to translate too (the all-in-one process reads one
			// environment): no default, since the stream's own default
			// (720h) is above TRANSLATE_CACHE_TTL's.
			MessagesMaxAge: r.Duration("MESSAGES_MAX_AGE", 0),
		},
		formality:     r.List("TRANSLATE_FORMALITY", nil),
		Routing:       r.String("TRANSLATE_ROUTING", ""),
		Controls:      r.Bool("TRANSLATE_CONTROLS", true),
		GuardInterval: r.Duration("EXPERIMENT_GUARD_INTERVAL", time.Minute),
	}
}

// fallbackReserve maps TRANSLATE_FALLBACK_RESERVE=0 ("none") to the
// chain's "negative: none", since the chain reads 0 as "default".
func fallbackReserve(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}

// contextMessages maps a count setting's 0 ("none") to the chain's
// "negative: none", since the chain reads 0 as "default".
func contextMessages(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// BuildRungs creates the rungs named in cfg.Chain from the environment. A
// rung that cannot run here (Apertium not installed, no OpenAI endpoint
// configured) becomes a disabled rung; an unreachable LLM server is a rung
// that starts unavailable and recovers when the server appears.
func BuildRungs(ctx context.Context, cfg Config, env *config.Reader, log *slog.Logger) ([]Rung, error) {
	var rungs []Rung
	seen := map[string]bool{}
	closeAll := func() { closeRungs(rungs) }
	for _, name := range cfg.Chain {
		name = strings.ToLower(name)
		if seen[name] {
			closeAll()
			return nil, fmt.Errorf("TRANSLATE_CHAIN names %s twice", name)
		}
		seen[name] = true
		switch name {
		case ollama.Name:
			oc := ollama.ConfigFromEnv(env, cfg.LLMLanguages)
			b, err := ollama.New(ctx, oc, log)
			if err != nil {
				closeAll()
				return nil, err
			}
			rungs = append(rungs, Rung{Name: name, Backend: b, Timeout: oc.Timeout,
				Concurrency: env.Int("OLLAMA_CONCURRENCY", 2), Queue: env.Int("OLLAMA_QUEUE", 64),
				NoContext: !env.Bool("OLLAMA_SEND_CONTEXT", true)})
		case openai.Name:
			if !openai.Enabled(env) {
				rungs = append(rungs, Rung{Name: name, Disabled: "not configured (set OPENAI_BASE_URL or OPENAI_API_KEY)"})
				continue
			}
			oc := openai.ConfigFromEnv(env, cfg.LLMLanguages)
			b, err := openai.New(ctx, oc, log)
			if err != nil {
				closeAll()
				return nil, err
			}
			rungs = append(rungs, Rung{Name: name, Backend: b, Timeout: oc.Timeout,
				Concurrency: env.Int("OPENAI_CONCURRENCY", 16), Queue: env.Int("OPENAI_QUEUE", 256),
				NoContext: !env.Bool("OPENAI_SEND_CONTEXT", true)})
		case apertium.Name:
			ac := apertium.ConfigFromEnv(env)
			e, err := apertium.New(ac, log)
			switch {
			case errors.Is(err, apertium.ErrNotInstalled):
				log.Warn("apertium rung disabled", "reason", err)
				rungs = append(rungs, Rung{Name: name, Disabled: "not installed"})
				continue
			case err != nil:
				closeAll()
				return nil, err
			}
			timeout := ac.Timeout
			if timeout <= 0 {
				timeout = apertium.DefaultTimeout
			}
			rungs = append(rungs, Rung{Name: name, Backend: e, Timeout: timeout})
		default:
			closeAll()
			return nil, fmt.Errorf("TRANSLATE_CHAIN: unknown backend %q (want %s)", name, strings.Join(DefaultChain, ", "))
		}
	}
	return rungs, nil
}

// Endpoints are the service's micro endpoints over chain.
func Endpoints(chain *Chain, cfg Config) []service.Endpoint {
	return []service.Endpoint{
		{
			Name:    "cache-invalidate",
			Subject: api.SubjectTranslateInvalidate,
			Handler: service.JSON(func(ctx context.Context, req *api.TranslateInvalidateRequest) (any, error) {
				return chain.Invalidate(ctx, *req)
			}),
			Workers: 2,
		},
		{
			Name:    "cache-override",
			Subject: api.SubjectTranslateOverride,
			Handler: service.JSON(func(ctx context.Context, req *api.TranslateOverrideRequest) (any, error) {
				return chain.Override(ctx, *req)
			}),
			Workers: 2,
		},
		{
			Name:    "translate",
			Subject: api.SubjectTranslate,
			Handler: service.JSON(func(ctx context.Context, req *api.TranslateRequest) (any, error) {
				return chain.Translate(ctx, *req)
			}),
			Workers:        cfg.Workers,
			Queue:          cfg.Queue,
			Detached:       cfg.Waiting,
			DefaultTimeout: cfg.Timeout,
		},
		{
			Name:    "batch",
			Subject: api.SubjectTranslateBatch,
			Handler: service.JSON(func(ctx context.Context, req *api.TranslateBatchRequest) (any, error) {
				return chain.TranslateBatch(ctx, *req)
			}),
			Workers:        max(1, cfg.Workers/2),
			Queue:          cfg.Queue,
			Detached:       cfg.Waiting,
			DefaultTimeout: cfg.Timeout,
		},
		{
			// Answers from cached state, so it needs no pool of its own.
			Name:    "languages",
			Subject: api.SubjectTranslateLangs,
			Handler: service.JSON(func(ctx context.Context, _ *api.LanguagesRequest) (any, error) {
				return chain.Languages(ctx), nil
			}),
		},
	}
}

// Start builds the chain from d.Env and registers the translate service.
func Start(ctx context.Context, d svcmain.Deps) (func() error, error) {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg := ConfigFromEnv(d.Env)
	// The experiment streams' bounds, read with the rest so that a bad
	// value stops the start here.
	bounds := experiment.BoundsFromEnv(d.Env)
	if err := d.Env.Err(); err != nil {
		return nil, err
	}
	formality, err := ParseFormality(cfg.formality)
	if err != nil {
		return nil, err
	}
	cfg.ChainConfig.Formality = formality
	if capped, ok := cfg.Cache.Capped(); ok {
		log.Warn("TRANSLATE_CACHE_TTL is longer than the messages' retention: cached translations expire with MESSAGES_MAX_AGE instead",
			"TRANSLATE_CACHE_TTL", cfg.Cache.TTL, "MESSAGES_MAX_AGE", cfg.Cache.MessagesMaxAge)
		cfg.Cache = capped
	}
	if cfg.ChainConfig.ContextAuthors, err = ParseContextAuthors(cfg.ChainConfig.ContextAuthors); err != nil {
		return nil, err
	}
	rungs, err := BuildRungs(ctx, cfg, d.Env, log)
	if err != nil {
		return nil, err
	}
	if err := d.Env.Err(); err != nil {
		closeRungs(rungs)
		return nil, err
	}
	if d.Registry != nil {
		cfg.ChainConfig.Metrics = NewMetrics(d.Registry)
		for _, r := range rungs {
			if e, ok := r.Backend.(*apertium.Engine); ok {
				d.Registry.MustRegister(NewApertiumCollector(e))
			}
		}
	}
	shared, err := openShared(ctx, d.NC, cfg.Cache, log)
	if err != nil {
		closeRungs(rungs)
		return nil, err
	}
	cfg.ChainConfig.Cache = shared.cache
	if shared.store != nil {
		cfg.ChainConfig.Claims = shared.store
	}
	if shared.js != nil && cfg.Controls {
		ctl, closeControls, err := OpenControls(ctx, d.NC, natsutil.JetStreamReplicas(d.Env), log, bounds)
		if err != nil {
			closeRungs(rungs)
			shared.close()
			return nil, err
		}
		if d.Registry != nil {
			ctl.Metrics = NewControlMetrics(d.Registry)
		}
		cfg.ChainConfig.Controls = ctl
		stopGuard := startGuard(d.NC, ctl, cfg.GuardInterval, log)
		prev := shared.close
		shared.close = func() { stopGuard(); prev(); closeControls() }
	}
	chain := NewChain(rungs, cfg.ChainConfig, log)
	if err := chain.SetRouting([]byte(cfg.Routing)); err != nil {
		_ = chain.Close()
		shared.close()
		return nil, fmt.Errorf("TRANSLATE_ROUTING: %w", err)
	}
	stopRouting := func() {}
	if shared.js != nil {
		stopRouting, err = natskv.WatchKey(ctx, shared.js, cfg.Cache.KVPrefix+"_config", RoutingKey, cfg.Cache.KVReplicas, func(b []byte) {
			if b == nil {
				b = []byte(cfg.Routing)
			}
			if err := chain.SetRouting(b); err != nil {
				log.Error("routing rejected; the previous routing stays", "err", err)
				return
			}
			log.Info("routing applied", "routes", len(chain.Routing().Routes))
		}, log)
		if err != nil {
			_ = chain.Close()
			shared.close()
			return nil, err
		}
	}
	prevClose := shared.close
	shared.close = func() { stopRouting(); prevClose() }
	names := make([]string, len(rungs))
	for i, r := range rungs {
		names[i] = r.Name
	}
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceTranslate,
		Version:     Version,
		Description: "Translates text down a chain of backends (LLMs, Apertium), answering with the original when none serves.",
		Metadata:    map[string]string{"chain": strings.Join(names, ",")},
	}, Endpoints(chain, cfg), d.Metrics, log)
	if err != nil {
		_ = chain.Close()
		shared.close()
		return nil, err
	}
	// Every replica hears cancellations; the one running the request
	// cancels it.
	cancelSub, err := d.NC.Subscribe(api.SubjectTranslateCancel, func(m *nats.Msg) {
		var c api.TranslateCancel
		if json.Unmarshal(m.Data, &c) == nil && c.RequestID != "" {
			if n := chain.Cancel(c.RequestID); n > 0 {
				log.Debug("request canceled by its caller", "req_id", c.RequestID)
			}
		}
	})
	if err != nil {
		_ = srv.Stop()
		_ = chain.Close()
		shared.close()
		return nil, fmt.Errorf("subscribe %s: %w", api.SubjectTranslateCancel, err)
	}
	if err := d.NC.Flush(); err != nil {
		_ = cancelSub.Unsubscribe()
		_ = srv.Stop()
		_ = chain.Close()
		shared.close()
		return nil, fmt.Errorf("flush after subscribing %s: %w", api.SubjectTranslateCancel, err)
	}
	log.Info("translate chain ready", "chain", strings.Join(names, ","), "workers", cfg.Workers, "cache", shared.kind)
	return func() error {
		err := errors.Join(cancelSub.Unsubscribe(), srv.Stop())
		err = errors.Join(err, chain.Close())
		shared.close()
		return err
	}, nil
}

func closeRungs(rungs []Rung) {
	for _, r := range rungs {
		if r.Backend != nil {
			_ = r.Backend.Close()
		}
	}
}

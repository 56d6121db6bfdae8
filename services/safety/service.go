package safety

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parley-chat/parley/services/safety/guard"
	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the service version registered with micro.
const Version = "1.1.0"

// guardWorkers is the default number of checks handled at once when the
// LLM guard is on: a check then mostly waits for the model.
const guardWorkers = 16

// defaultWaiting is the default of SAFETY_WAITING.
const defaultWaiting = 256

// Start compiles the embedded word lists, loads the tenant lists, sets up
// the optional LLM guard and registers the safety service.
//
// Settings (environment):
//   - SAFETY_WORKERS: checks handled at once (default GOMAXPROCS, since
//     matching is CPU-bound; 16 when the guard is on, since checks then
//     wait on the model).
//   - SAFETY_TENANT_LISTS: a JSON or CSV file, or a directory of them, with
//     the tenants' allow and deny lists and policies (default none).
//   - SAFETY_GUARD_MODEL: the Llama Guard model on the Ollama server, e.g.
//     "llama-guard3:1b" (default empty: no guard).
//   - OLLAMA_HOST: the Ollama server (default http://127.0.0.1:11434).
//   - SAFETY_GUARD_TIMEOUT (default 3s), SAFETY_GUARD_PROMPT (auto, native
//     or full; default auto), SAFETY_GUARD_NUM_CTX (default 8192),
//     SAFETY_GUARD_COOLDOWN (default 30s), SAFETY_GUARD_MEMO_TTL (default
//     10m; 0 remembers no classification), SAFETY_GUARD_KEEP_ALIVE
//     (default OLLAMA_KEEP_ALIVE, else the server's): see package guard.
//   - SAFETY_GUARD_FAIL: allow (default) or review: whether a text the
//     guard did not check (error, timeout, unavailable) is allowed on the
//     word lists' verdict or flagged for review.
//   - SAFETY_GUARD_CONCURRENCY (default 2; 0 means no bound) and
//     SAFETY_GUARD_QUEUE (default 64): classifications sent to the server
//     at once, and waiting for one of those; past both a classification
//     is skipped as overloaded.
//   - SAFETY_WAITING (default 256): checks that wait on the guard outside
//     the worker pool (service.Detach), so that the checks behind them,
//     the guard's remembered answers included, are not held up; 0 keeps
//     them on their workers.
//
// With the guard on, its metrics (guard.Guard.Collector) go on d.Registry.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	env := d.Env
	model := env.String("SAFETY_GUARD_MODEL", "")
	defWorkers := runtime.GOMAXPROCS(0)
	if model != "" {
		defWorkers = max(defWorkers, guardWorkers)
	}
	workers := env.Int("SAFETY_WORKERS", defWorkers)
	waiting := env.Int("SAFETY_WAITING", defaultWaiting)
	listsPath := env.String("SAFETY_TENANT_LISTS", "")
	gcfg := guard.Config{
		Host:     env.String("OLLAMA_HOST", guard.DefaultHost),
		Model:    model,
		Prompt:   env.String("SAFETY_GUARD_PROMPT", guard.PromptAuto),
		Timeout:  env.Duration("SAFETY_GUARD_TIMEOUT", guard.DefaultTimeout),
		Context:  env.Int("SAFETY_GUARD_NUM_CTX", guard.DefaultContext),
		Cooldown: env.Duration("SAFETY_GUARD_COOLDOWN", guard.DefaultCooldown),
		MemoTTL:  env.Duration("SAFETY_GUARD_MEMO_TTL", guard.DefaultMemoTTL),
		// The translation rungs' OLLAMA_KEEP_ALIVE, unless the guard's
		// model is to stay loaded for another time.
		KeepAlive:   env.Duration("SAFETY_GUARD_KEEP_ALIVE", env.Duration("OLLAMA_KEEP_ALIVE", 0)),
		Concurrency: env.Int("SAFETY_GUARD_CONCURRENCY", guard.DefaultConcurrency),
		Queue:       env.Int("SAFETY_GUARD_QUEUE", guard.DefaultQueue),
	}
	if err := env.Err(); err != nil {
		return nil, err
	}
	if workers < 1 {
		return nil, fmt.Errorf("SAFETY_WORKERS=%d: must be at least 1", workers)
	}
	for name, v := range map[string]int{"SAFETY_WAITING": waiting, "SAFETY_GUARD_CONCURRENCY": gcfg.Concurrency, "SAFETY_GUARD_QUEUE": gcfg.Queue} {
		if v < 0 {
			return nil, fmt.Errorf("%s=%d: must not be negative", name, v)
		}
	}
	if gcfg.MemoTTL < 0 {
		return nil, fmt.Errorf("SAFETY_GUARD_MEMO_TTL=%s: must not be negative", gcfg.MemoTTL)
	}
	cfg := Config{Log: d.Log, GuardFail: strings.ToLower(strings.TrimSpace(env.String("SAFETY_GUARD_FAIL", GuardFailAllow)))}
	if cfg.GuardFail != GuardFailAllow && cfg.GuardFail != GuardFailReview {
		return nil, fmt.Errorf("SAFETY_GUARD_FAIL=%q: must be %s or %s", cfg.GuardFail, GuardFailAllow, GuardFailReview)
	}
	if cfg.Lists, err = lexicon.Lists(); err != nil {
		return nil, fmt.Errorf("load lexicons: %w", err)
	}
	if listsPath != "" {
		if cfg.Tenants, err = LoadTenants(listsPath); err != nil {
			return nil, fmt.Errorf("SAFETY_TENANT_LISTS: %w", err)
		}
	}
	meta := map[string]string{"lexicon": lexicon.Name, "guard": "off"}
	unregister := func() {}
	if model != "" {
		g, err := guard.New(gcfg)
		if err != nil {
			return nil, fmt.Errorf("SAFETY_GUARD_MODEL: %w", err)
		}
		cfg.Guard = g
		meta["guard"] = model
		// A model that was never pulled fails every check: say so now.
		// A server that is down may be up by the first check, so neither
		// stops the service.
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		if err := g.Probe(pctx); err != nil && d.Log != nil {
			d.Log.Warn("LLM guard not ready at start: checks fall back to the word lists until it is", "model", model, "err", err)
		}
		cancel()
		if d.Registry != nil {
			coll := g.Collector()
			if err := d.Registry.Register(coll); err != nil {
				return nil, fmt.Errorf("register guard metrics: %w", err)
			}
			unregister = func() { d.Registry.Unregister(coll) }
		}
	}
	closeFlags := func() error { return nil }
	if cfg.Guard != nil && env.Bool("SAFETY_FLAGS", true) {
		// The no_llm_guard kill switch. Without JetStream the guard
		// simply cannot be switched off at run time: say so, and run.
		fctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		store, err := flags.Open(fctx, d.NC, d.Log, flags.Replicas(natsutil.JetStreamReplicas(env)))
		cancel()
		if err != nil {
			if d.Log != nil {
				d.Log.Error("feature flags unavailable: the no_llm_guard kill switch has no effect", "err", err)
			}
		} else {
			closeFlags = store.Close
			cfg.SkipGuard = func(ctx context.Context, req *api.SafetyRequest) bool {
				return store.NoLLMGuard(ctx, flags.Attributes{Tenant: req.Tenant, Locale: req.TargetLang, Conversation: req.ConversationID, User: req.UserID})
			}
		}
	}
	c, err := New(cfg)
	if err != nil {
		_ = closeFlags()
		unregister()
		return nil, fmt.Errorf("compile lexicons: %w", err)
	}
	meta["languages"] = strconv.Itoa(len(c.byLang))
	meta["tenants"] = strconv.Itoa(len(c.tenants.IDs()))
	if d.Log != nil {
		d.Log.Info("safety checker ready", "languages", len(c.byLang), "tenants", len(c.tenants.IDs()), "guard", meta["guard"])
	}
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceSafety,
		Version:     Version,
		Description: "Checks messages and their translations: word lists, PII, optional LLM guard, deltas and tenant policy",
		Metadata:    meta,
	}, Endpoints(c, workers, waiting), d.Metrics, d.Log)
	if err != nil {
		_ = closeFlags()
		unregister()
		return nil, fmt.Errorf("register safety service: %w", err)
	}
	return func() error {
		defer unregister()
		return errors.Join(srv.Stop(), closeFlags())
	}, nil
}

// Endpoints are the service's micro endpoints over c: workers checks at
// once, and up to waiting more that wait on the guard outside the pool.
func Endpoints(c *Checker, workers, waiting int) []service.Endpoint {
	return []service.Endpoint{{
		Name:     "check",
		Subject:  api.SubjectSafetyCheck,
		Workers:  workers,
		Detached: waiting,
		Handler: service.JSON(func(ctx context.Context, req *api.SafetyRequest) (any, error) {
			return c.Check(ctx, req)
		}),
	}}
}

package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the service version reported to micro.
const Version = "0.1.0"

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
	// Timeout is the budget of a request whose caller sent none
	// (TRANSLATE_TIMEOUT).
	Timeout time.Duration
	// LLMLanguages are offered by the LLM rungs (TRANSLATE_LLM_LANGUAGES).
	LLMLanguages []string
	// Chain tuning: TRANSLATE_RESERVE, TRANSLATE_BREAKER_FAILURES,
	// TRANSLATE_BREAKER_COOLDOWN, TRANSLATE_MAX_CHARS.
	ChainConfig ChainConfig
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
		Timeout:      r.Duration("TRANSLATE_TIMEOUT", 30*time.Second),
		LLMLanguages: r.List("TRANSLATE_LLM_LANGUAGES", DefaultLLMLanguages),
		ChainConfig: ChainConfig{
			Reserve:         r.Duration("TRANSLATE_RESERVE", 100*time.Millisecond),
			BreakerFailures: r.Int("TRANSLATE_BREAKER_FAILURES", 5),
			BreakerCooldown: r.Duration("TRANSLATE_BREAKER_COOLDOWN", 30*time.Second),
			MaxRunes:        r.Int("TRANSLATE_MAX_CHARS", api.MaxTextRunes),
		},
	}
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
			rungs = append(rungs, Rung{Name: name, Backend: b, Timeout: oc.Timeout})
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
			rungs = append(rungs, Rung{Name: name, Backend: b, Timeout: oc.Timeout})
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
			Name:    "translate",
			Subject: api.SubjectTranslate,
			Handler: service.JSON(func(ctx context.Context, req *api.TranslateRequest) (any, error) {
				return chain.Translate(ctx, *req)
			}),
			Workers:        cfg.Workers,
			Queue:          cfg.Queue,
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
	if err := d.Env.Err(); err != nil {
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
	}
	chain := NewChain(rungs, cfg.ChainConfig, log)
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
		return nil, err
	}
	log.Info("translate chain ready", "chain", strings.Join(names, ","), "workers", cfg.Workers)
	return func() error {
		err := srv.Stop()
		return errors.Join(err, chain.Close())
	}, nil
}

func closeRungs(rungs []Rung) {
	for _, r := range rungs {
		if r.Backend != nil {
			_ = r.Backend.Close()
		}
	}
}

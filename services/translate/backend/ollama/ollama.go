// Package ollama is the translate rung that runs a model on an Ollama
// server through its native chat API (github.com/ollama/ollama/api), which,
// unlike Ollama's OpenAI-compatible endpoint, lets every request set the
// context window.
package ollama

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/llm"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/ollamachat"
)

// Name is the rung name.
const Name = "ollama"

// Config configures the Ollama rung.
type Config struct {
	// Host is the server URL (OLLAMA_HOST), "host:port" accepted as Ollama
	// accepts it.
	Host string
	// Model is the model to run (OLLAMA_MODEL). It must be pulled on the
	// server; the rung is available only while /api/tags lists it.
	Model string
	// Timeout bounds one translation (OLLAMA_TIMEOUT); the chain clips it
	// to the request's deadline.
	Timeout time.Duration
	// Stream reads the answer as it is generated (OLLAMA_STREAM), so a
	// runaway answer is cut off early.
	Stream bool
	// KeepAlive, when set, is how long the server keeps the model loaded
	// after a request (OLLAMA_KEEP_ALIVE); unset leaves the server's default.
	KeepAlive time.Duration
	// Limits bound num_ctx (OLLAMA_MIN_CONTEXT, OLLAMA_MAX_CONTEXT).
	Limits llm.Limits
	// Languages the model translates between (base codes); empty means any.
	Languages []string
	// ProbeTimeout bounds the /api/tags probe (OLLAMA_PROBE_TIMEOUT), which
	// also runs once at start: a missing server must not delay start-up.
	ProbeTimeout time.Duration
	// Refresh is how old the availability may get before it is probed
	// again (OLLAMA_REFRESH).
	Refresh time.Duration
	// HTTPClient defaults to a client without an overall timeout (each
	// request has a context deadline instead).
	HTTPClient *http.Client
}

// Defaults.
const (
	DefaultHost  = ollamachat.DefaultHost
	DefaultModel = "qwen2.5:3b"
)

// ConfigFromEnv reads the OLLAMA_* settings; languages are the chain's.
func ConfigFromEnv(r *config.Reader, languages []string) Config {
	return Config{
		Host:         r.String("OLLAMA_HOST", DefaultHost),
		Model:        r.String("OLLAMA_MODEL", DefaultModel),
		Timeout:      r.Duration("OLLAMA_TIMEOUT", 20*time.Second),
		Stream:       r.Bool("OLLAMA_STREAM", true),
		KeepAlive:    r.Duration("OLLAMA_KEEP_ALIVE", 0),
		Limits:       llm.Limits{MinContext: r.Int("OLLAMA_MIN_CONTEXT", 2048), MaxContext: r.Int("OLLAMA_MAX_CONTEXT", 32768)},
		Languages:    languages,
		ProbeTimeout: r.Duration("OLLAMA_PROBE_TIMEOUT", 2*time.Second),
		Refresh:      r.Duration("OLLAMA_REFRESH", 15*time.Second),
	}
}

// Backend translates through one model on one Ollama server.
type Backend struct {
	cfg    Config
	client *api.Client
	health *llm.Health
	log    *slog.Logger
	// Rung provides the backend.Backend methods but for how it chats
	// (chat) and probes (probe).
	*llm.Rung
}

// New builds the rung and probes the server once (bounded by ProbeTimeout).
// An unreachable server or a missing model is not an error: the rung starts
// unavailable and is probed again later.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Backend, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Model == "" {
		return nil, errors.New("ollama: model is required")
	}
	base, err := ParseHost(cfg.Host)
	if err != nil {
		return nil, err
	}
	b := &Backend{cfg: cfg, client: ollamachat.NewClient(base, cfg.HTTPClient), log: log.With("backend", Name)}
	b.health = llm.NewHealth(Name, b.probe, cfg.Refresh, cfg.ProbeTimeout, b.log)
	b.Rung = llm.NewRung(Name, cfg.Model, cfg.Languages, cfg.Limits, b.health, b.chat)
	if !b.health.Check(ctx) {
		_, why := b.health.Status()
		b.log.Warn("ollama not available at start", "host", base.Redacted(), "model", cfg.Model, "reason", why)
	}
	return b, nil
}

// ParseHost turns OLLAMA_HOST into a URL the way the ollama CLI does:
// "host", "host:port" and full URLs, with port 11434 by default.
func ParseHost(s string) (*url.URL, error) {
	u, err := ollamachat.ParseHost(s)
	if err != nil {
		return nil, fmt.Errorf("ollama: %w", err)
	}
	return u, nil
}

// probe succeeds when the server lists the configured model.
func (b *Backend) probe(ctx context.Context) error {
	list, err := b.client.List(ctx)
	if err != nil {
		return b.classify(ctx, err, b.cfg.Model)
	}
	for _, m := range list.Models {
		if sameModel(m.Name, b.cfg.Model) || sameModel(m.Model, b.cfg.Model) {
			return nil
		}
	}
	return backend.Errorf(backend.ErrModelNotFound, nil, "ollama does not list model %q (run: ollama pull %s)", b.cfg.Model, b.cfg.Model)
}

// sameModel compares model names the way Ollama resolves them: a name
// without a tag means ":latest".
func sameModel(listed, want string) bool {
	norm := func(s string) string {
		if !strings.Contains(s, ":") {
			return s + ":latest"
		}
		return s
	}
	return listed != "" && norm(listed) == norm(want)
}

// chat sends one chat request and returns the answer's content (an
// llm.ChatFunc).
//
// When usage is not nil it receives the token counts of the final message.
func (b *Backend) chat(ctx context.Context, c llm.Call, usage *backend.Usage) (string, error) {
	format := llm.Schema
	if c.Batch {
		format = llm.BatchSchema
	}
	model, numPredict := c.Model, c.NumPredict
	// A server that ignores num_predict must not make us buffer forever.
	limit := numPredict*16 + 4096
	a, err := ollamachat.Chat(ctx, b.client, ollamachat.Request{
		Model: model, System: c.System, User: c.User, Format: format,
		Stream: b.cfg.Stream, Context: c.NumCtx, MaxTokens: numPredict,
		// Reasoning only costs time here.
		NoThink:   true,
		KeepAlive: b.cfg.KeepAlive,
		MaxBytes:  limit,
	})
	if usage != nil && a.Done {
		usage.Prompt, usage.Completion = a.PromptTokens, a.CompletionTokens
	}
	switch {
	case errors.Is(err, ollamachat.ErrRunaway):
		return "", backend.Errorf(backend.ErrBadOutput, err, "answer exceeded %d bytes", limit)
	case err != nil:
		return "", b.classify(ctx, err, model)
	case !a.Done:
		// The stream ended without its final message: a dropped connection.
		return "", backend.Errorf(backend.ErrFailed, nil, "ollama ended the answer before it was done")
	case a.Truncated():
		return "", backend.Errorf(backend.ErrBadOutput, nil, "answer cut off at num_predict=%d", numPredict)
	}
	b.health.Set(true, "")
	return a.Content, nil
}

// classify maps a client error to a backend error kind with a message safe
// for callers, and updates availability when the failure says the server or
// the model is gone.
func (b *Backend) classify(ctx context.Context, err error, model string) error {
	var (
		se api.StatusError
		ae api.AuthorizationError
	)
	switch {
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return backend.Errorf(backend.ErrTimeout, err, "ollama did not answer in time")
	case errors.As(err, &ae):
		b.health.Set(false, "ollama refused the credentials")
		return backend.Errorf(backend.ErrUnavailable, err, "ollama answered 401 unauthorized")
	case errors.As(err, &se):
		msg := safeDetail(se.ErrorMessage)
		switch se.StatusCode {
		case http.StatusNotFound:
			reason := fmt.Sprintf("ollama has no model %q (run: ollama pull %s)", model, model)
			// A model chosen by routing is missing for its pairs only:
			// the rung stays available for the others.
			if model == b.cfg.Model {
				b.health.Set(false, reason)
			}
			return backend.Errorf(backend.ErrModelNotFound, err, "%s", reason)
		case http.StatusServiceUnavailable, http.StatusTooManyRequests:
			return backend.Errorf(backend.ErrBusy, err, "ollama answered %d%s", se.StatusCode, msg)
		case 499:
			return backend.Errorf(backend.ErrTimeout, err, "ollama reports the request canceled")
		default:
			return backend.Errorf(backend.ErrFailed, err, "ollama answered %d%s", se.StatusCode, msg)
		}
	case llm.IsConnError(err):
		b.health.Set(false, "cannot connect to ollama")
		return backend.Errorf(backend.ErrUnavailable, err, "cannot connect to ollama")
	case llm.IsConnLost(err):
		// The server took the request: one broken connection does not
		// make it unavailable. The chain retries the call, and the
		// breaker counts it if it keeps happening.
		return backend.Errorf(backend.ErrFailed, err, "the connection to ollama broke before the answer was complete")
	default:
		// An {"error": ...} line inside a 200 stream, or a line that is
		// not JSON, arrives as a plain error carrying the server's text.
		return backend.Errorf(backend.ErrFailed, err, "ollama's answer stream failed%s", safeDetail(err.Error()))
	}
}

// ollamaErrors are the errors Ollama itself reports that are worth telling
// a caller, each as a fixed phrase. The text of an error is the server's
// (or a proxy's) own and may quote URLs, keys or the message being
// translated, so it never reaches an attempt's detail (docs/translate.md,
// "Attempts"); the cause keeps it for the logs.
var ollamaErrors = []struct{ match, say string }{
	{"requires more system memory", "the model needs more memory than the server has"},
	{"out of memory", "the server ran out of memory"},
	{"runner process has terminated", "the model runner stopped"},
	{"error was encountered while running the model", "an error while running the model"},
	{"server busy", "server busy"},
	{"maximum pending requests exceeded", "too many requests queued"},
	{"unexpected eof", "the answer was cut off"},
}

// safeDetail is ": <fixed phrase>" for a known Ollama error text, else "".
func safeDetail(text string) string {
	lower := strings.ToLower(text)
	for _, e := range ollamaErrors {
		if strings.Contains(lower, e.match) {
			return ": " + e.say
		}
	}
	return ""
}

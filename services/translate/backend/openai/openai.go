// Package openai is the translate rung that calls any OpenAI-compatible
// Chat Completions endpoint (OpenAI, vLLM, llama.cpp server, LiteLLM,
// Ollama's /v1) through github.com/openai/openai-go, asking for structured
// output with response_format json_schema.
package openai

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	oai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/ssestream"
	"github.com/openai/openai-go/v3/shared"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/llm"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
)

// Name is the rung name.
const Name = "openai"

// Token limit fields, for OPENAI_TOKEN_LIMIT_FIELD.
const (
	// MaxTokens ("max_tokens") is understood by vLLM, llama.cpp, LiteLLM,
	// Ollama's /v1 and OpenAI's non-reasoning models.
	MaxTokens = "max_tokens"
	// MaxCompletionTokens is what OpenAI's reasoning models require.
	MaxCompletionTokens = "max_completion_tokens"
	// NoTokenLimit sends no limit.
	NoTokenLimit = "none"
)

// Config configures the OpenAI-compatible rung.
type Config struct {
	// BaseURL is the API root including /v1 (OPENAI_BASE_URL; default the
	// OpenAI API).
	BaseURL string
	// APIKey is sent as a bearer token (OPENAI_API_KEY); local servers
	// usually need none.
	APIKey string
	// Model is the model name (OPENAI_MODEL).
	Model string
	// Timeout bounds one translation (OPENAI_TIMEOUT).
	Timeout time.Duration
	// Stream reads the answer as server-sent events (OPENAI_STREAM).
	Stream bool
	// TokenLimitField names the request field that caps the answer
	// (OPENAI_TOKEN_LIMIT_FIELD): MaxTokens, MaxCompletionTokens or
	// NoTokenLimit.
	TokenLimitField string
	// Languages the model translates between (base codes); empty means any.
	Languages []string
	// ProbeTimeout bounds the /models probe (OPENAI_PROBE_TIMEOUT).
	ProbeTimeout time.Duration
	// Refresh is how old the availability may get before it is probed
	// again (OPENAI_REFRESH).
	Refresh time.Duration
	// HTTPClient defaults to a client without an overall timeout.
	HTTPClient *http.Client
}

// Defaults.
const (
	DefaultBaseURL = "https://api.openai.com/v1"
	DefaultModel   = "gpt-4o-mini"
)

// Enabled reports whether the environment configures this rung at all: it
// takes part only when OPENAI_BASE_URL or OPENAI_API_KEY is set.
func Enabled(r *config.Reader) bool {
	return r.String("OPENAI_BASE_URL", "") != "" || r.String("OPENAI_API_KEY", "") != ""
}

// ConfigFromEnv reads the OPENAI_* settings; languages are the chain's.
func ConfigFromEnv(r *config.Reader, languages []string) Config {
	return Config{
		BaseURL:         r.String("OPENAI_BASE_URL", DefaultBaseURL),
		APIKey:          r.String("OPENAI_API_KEY", ""),
		Model:           r.String("OPENAI_MODEL", DefaultModel),
		Timeout:         r.Duration("OPENAI_TIMEOUT", 15*time.Second),
		Stream:          r.Bool("OPENAI_STREAM", false),
		TokenLimitField: r.String("OPENAI_TOKEN_LIMIT_FIELD", MaxTokens),
		Languages:       languages,
		ProbeTimeout:    r.Duration("OPENAI_PROBE_TIMEOUT", 2*time.Second),
		Refresh:         r.Duration("OPENAI_REFRESH", 15*time.Second),
	}
}

// Backend translates through one model of one OpenAI-compatible endpoint.
type Backend struct {
	cfg    Config
	client oai.Client
	health *llm.Health
	langs  map[string]bool
	log    *slog.Logger
}

// New builds the rung and probes the endpoint once (bounded by
// ProbeTimeout). An unreachable endpoint is not an error: the rung starts
// unavailable and is probed again later.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Backend, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Model == "" {
		return nil, errors.New("openai: model is required")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	switch cfg.TokenLimitField {
	case "":
		cfg.TokenLimitField = MaxTokens
	case MaxTokens, MaxCompletionTokens, NoTokenLimit:
	default:
		return nil, fmt.Errorf("openai: OPENAI_TOKEN_LIMIT_FIELD=%q: want %s, %s or %s", cfg.TokenLimitField, MaxTokens, MaxCompletionTokens, NoTokenLimit)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	b := &Backend{
		cfg: cfg,
		// Retries are the chain's business: the next rung is a better
		// use of the remaining budget than a backoff.
		client: oai.NewClient(
			option.WithBaseURL(cfg.BaseURL),
			option.WithAPIKey(cfg.APIKey),
			option.WithHTTPClient(hc),
			option.WithMaxRetries(0),
		),
		langs: languageSet(cfg.Languages),
		log:   log.With("backend", Name),
	}
	b.health = llm.NewHealth(Name, b.probe, cfg.Refresh, cfg.ProbeTimeout, b.log)
	if !b.health.Check(ctx) {
		_, why := b.health.Status()
		b.log.Warn("openai endpoint not available at start", "model", cfg.Model, "reason", why)
	}
	return b, nil
}

func languageSet(langs []string) map[string]bool {
	if len(langs) == 0 {
		return nil
	}
	m := make(map[string]bool, len(langs))
	for _, l := range langs {
		m[api.Base(l)] = true
	}
	return m
}

// probe succeeds when the endpoint lists the model, or cannot list models
// at all (some compatible servers lack /models; then the first request
// tells).
func (b *Backend) probe(ctx context.Context) error {
	page, err := b.client.Models.List(ctx)
	if err != nil {
		var ae *oai.Error
		if errors.As(err, &ae) && (ae.StatusCode == http.StatusNotFound || ae.StatusCode == http.StatusMethodNotAllowed) {
			return nil
		}
		return b.classify(ctx, err, b.cfg.Model)
	}
	for _, m := range page.Data {
		if m.ID == b.cfg.Model {
			return nil
		}
	}
	return backend.Errorf(backend.ErrModelNotFound, nil, "the endpoint does not list model %q", b.cfg.Model)
}

// Name implements backend.Backend.
func (b *Backend) Name() string { return Name }

// Model is the configured model.
func (b *Backend) Model() string { return b.cfg.Model }

// PromptRef implements backend.Prompted.
func (b *Backend) PromptRef() string { return llm.Single.Ref() }

// MasksEntities tells the chain that this rung protects mentions, links,
// code and the other chat entities itself, with sentinels.
func (b *Backend) MasksEntities() bool { return true }

// Available reports the cached availability (refreshed in the background).
func (b *Backend) Available() bool { return b.health.Available() }

// Supports implements backend.Backend.
func (b *Backend) Supports(source, target string) bool {
	if b.langs == nil {
		return true
	}
	return b.langs[api.Base(source)] && b.langs[api.Base(target)]
}

// Info implements backend.Backend.
func (b *Backend) Info(ctx context.Context) api.BackendInfo {
	ok, _ := b.health.Status()
	return api.BackendInfo{Name: Name, Model: b.cfg.Model, Available: ok, Languages: slices.Clone(b.cfg.Languages)}
}

// Close implements backend.Backend.
func (b *Backend) Close() error {
	b.health.Close()
	return nil
}

// Translate implements backend.Backend.
func (b *Backend) Translate(ctx context.Context, req backend.Request) (backend.Result, error) {
	p, err := llm.Build(req, llm.Limits{})
	if err != nil {
		return backend.Result{}, err
	}
	model := b.model(req)
	content, err := b.chat(ctx, model, p.System, p.User, "translation", llm.SchemaMap(), p.NumPredict)
	if err != nil {
		return backend.Result{}, err
	}
	text, err := llm.ParseAnswer(content)
	if err != nil {
		return backend.Result{}, err
	}
	text, err = p.Masked.Restore(text)
	if err != nil {
		return backend.Result{}, err
	}
	return backend.Result{Text: text, Model: model, PromptID: p.Template.ID, PromptVersion: p.Template.Version}, nil
}

// BatchPromptRef implements backend.Batcher.
func (b *Backend) BatchPromptRef() string { return llm.Batch.Ref() }

// TranslateBatch implements backend.Batcher.
func (b *Backend) TranslateBatch(ctx context.Context, reqs []backend.Request) ([]backend.BatchResult, error) {
	p, err := llm.BuildBatch(reqs, llm.Limits{})
	if err != nil {
		return nil, err
	}
	model := b.model(reqs[0])
	content, err := b.chat(ctx, model, p.System, p.User, "translations", llm.BatchSchemaMap(), p.NumPredict)
	if err != nil {
		return nil, err
	}
	texts, err := p.ParseBatch(content)
	if err != nil {
		return nil, err
	}
	return p.Results(texts, model), nil
}

func (b *Backend) model(req backend.Request) string {
	if req.Model != "" {
		return req.Model
	}
	return b.cfg.Model
}

// chat sends one chat completion with a strict JSON schema and returns the
// answer's content.
func (b *Backend) chat(ctx context.Context, model, system, user, schemaName string, schema map[string]any, numPredict int) (string, error) {
	params := oai.ChatCompletionNewParams{
		Model: shared.ChatModel(model),
		Messages: []oai.ChatCompletionMessageParamUnion{
			oai.SystemMessage(system),
			oai.UserMessage(user),
		},
		Temperature: oai.Float(0),
		ResponseFormat: oai.ChatCompletionNewParamsResponseFormatUnion{
			OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{
				JSONSchema: shared.ResponseFormatJSONSchemaJSONSchemaParam{
					Name:   schemaName,
					Schema: schema,
					Strict: oai.Bool(true),
				},
			},
		},
	}
	switch b.cfg.TokenLimitField {
	case MaxTokens:
		params.MaxTokens = oai.Int(int64(numPredict))
	case MaxCompletionTokens:
		params.MaxCompletionTokens = oai.Int(int64(numPredict))
	}

	var (
		content, finish, refusal string
		err                      error
	)
	if b.cfg.Stream {
		content, finish, refusal, err = b.stream(ctx, params, numPredict*16+4096)
	} else {
		content, finish, refusal, err = b.complete(ctx, params)
	}
	if err != nil {
		return "", err
	}
	b.health.Set(true, "")
	switch {
	case refusal != "":
		return "", backend.Errorf(backend.ErrBadOutput, nil, "the model refused")
	case finish == "length":
		return "", backend.Errorf(backend.ErrBadOutput, nil, "answer cut off at %d tokens", numPredict)
	case finish == "content_filter":
		return "", backend.Errorf(backend.ErrBadOutput, nil, "answer withheld by the content filter")
	}
	return content, nil
}

func (b *Backend) complete(ctx context.Context, params oai.ChatCompletionNewParams) (content, finish, refusal string, err error) {
	res, err := b.client.Chat.Completions.New(ctx, params)
	if err != nil {
		return "", "", "", b.classify(ctx, err, string(params.Model))
	}
	if len(res.Choices) == 0 {
		return "", "", "", backend.Errorf(backend.ErrBadOutput, nil, "answer has no choices")
	}
	ch := res.Choices[0]
	return ch.Message.Content, ch.FinishReason, ch.Message.Refusal, nil
}

func (b *Backend) stream(ctx context.Context, params oai.ChatCompletionNewParams, limit int) (content, finish, refusal string, err error) {
	s := b.client.Chat.Completions.NewStreaming(ctx, params)
	defer s.Close()
	var sb, rb strings.Builder
	for s.Next() {
		chunk := s.Current()
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			sb.WriteString(ch.Delta.Content)
			rb.WriteString(ch.Delta.Refusal)
			if ch.FinishReason != "" {
				finish = ch.FinishReason
			}
		}
		if sb.Len() > limit {
			return "", "", "", backend.Errorf(backend.ErrBadOutput, nil, "answer exceeded %d bytes", limit)
		}
	}
	if err := s.Err(); err != nil {
		return "", "", "", b.classify(ctx, err, string(params.Model))
	}
	if finish == "" {
		// The stream ended without a finish reason: a dropped connection.
		return "", "", "", backend.Errorf(backend.ErrFailed, nil, "the endpoint ended the stream before the answer was finished")
	}
	return sb.String(), finish, rb.String(), nil
}

// classify maps a client error to a backend error kind. Provider messages
// are left out of the safe text (they can carry organisation ids or parts
// of keys); the status, type and code say enough.
func (b *Backend) classify(ctx context.Context, err error, model string) error {
	var (
		ae *oai.Error
		se *ssestream.StreamError
	)
	switch {
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return backend.Errorf(backend.ErrTimeout, err, "the endpoint did not answer in time")
	case errors.As(err, &ae):
		what := fmt.Sprintf("the endpoint answered %d", ae.StatusCode)
		if ae.Code != "" {
			what += " (" + ae.Code + ")"
		} else if ae.Type != "" {
			what += " (" + ae.Type + ")"
		}
		switch ae.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			b.health.Set(false, what)
			return backend.Errorf(backend.ErrUnavailable, err, "%s", what)
		case http.StatusNotFound:
			reason := fmt.Sprintf("%s: no model %q", what, model)
			// A model chosen by routing is missing for its pairs only.
			if model == b.cfg.Model {
				b.health.Set(false, reason)
			}
			return backend.Errorf(backend.ErrModelNotFound, err, "%s", reason)
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			return backend.Errorf(backend.ErrBusy, err, "%s", what)
		default:
			return backend.Errorf(backend.ErrFailed, err, "%s", what)
		}
	case errors.As(err, &se):
		return backend.Errorf(backend.ErrFailed, err, "the endpoint sent an error event in the stream")
	case llm.IsConnError(err):
		b.health.Set(false, "cannot connect to the endpoint")
		return backend.Errorf(backend.ErrUnavailable, err, "cannot connect to the endpoint")
	default:
		return backend.Errorf(backend.ErrFailed, err, "request failed")
	}
}

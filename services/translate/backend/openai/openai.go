// Package openai is the translate rung that calls any OpenAI-compatible
// Chat Completions endpoint (OpenAI, vLLM, llama.cpp server, LiteLLM,
// Ollama's /v1) through github.com/openai/openai-go, asking for structured
// output with response_format json_schema.
package openai

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	json "github.com/goccy/go-json"
	oai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/ssestream"
	"github.com/openai/openai-go/v3/shared"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/llm"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/llmhttp"
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
	// OpenAI API). A query in it (Azure OpenAI's ?api-version=...) is sent
	// with every request.
	BaseURL string
	// APIKey is sent as a bearer token (OPENAI_API_KEY); local servers
	// usually need none.
	APIKey string
	// APIKeyHeader, when set and not "Authorization", is the header that
	// carries APIKey as it is, instead of a bearer token
	// (OPENAI_API_KEY_HEADER; "api-key" for Azure OpenAI).
	APIKeyHeader string
	// Model is the model name (OPENAI_MODEL).
	Model string
	// Timeout bounds one translation (OPENAI_TIMEOUT).
	Timeout time.Duration
	// Stream reads the answer as server-sent events (OPENAI_STREAM).
	Stream bool
	// NoStreamUsage leaves stream_options.include_usage out of streamed
	// requests (OPENAI_STREAM_USAGE=false), for old servers that refuse
	// the field; their streamed calls then report no tokens.
	NoStreamUsage bool
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
		NoStreamUsage:   !r.Bool("OPENAI_STREAM_USAGE", true),
		APIKeyHeader:    r.String("OPENAI_API_KEY_HEADER", ""),
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
	log    *slog.Logger
	// Rung provides the backend.Backend methods but for how it chats
	// (chat) and probes (probe).
	*llm.Rung
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
		hc = llmhttp.NewClient()
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("openai: OPENAI_BASE_URL=%q is not an http(s) URL", cfg.BaseURL)
	}
	// Retries are the chain's business: the next rung is a better use of
	// the remaining budget than a backoff.
	opts := []option.RequestOption{option.WithHTTPClient(hc), option.WithMaxRetries(0), option.WithMiddleware(apiErrors)}
	// A query in the base URL would be lost when the client joins the
	// path ("chat/completions") to it: it goes on every request instead.
	query := base.Query()
	base.RawQuery, base.Fragment = "", ""
	opts = append(opts, option.WithBaseURL(base.String()))
	for k, vs := range query {
		for _, v := range vs {
			opts = append(opts, option.WithQueryAdd(k, v))
		}
	}
	if h := cfg.APIKeyHeader; h != "" && !strings.EqualFold(h, "Authorization") {
		opts = append(opts, option.WithAPIKey(""), option.WithHeader(h, cfg.APIKey))
	} else {
		opts = append(opts, option.WithAPIKey(cfg.APIKey))
	}
	b := &Backend{cfg: cfg, client: oai.NewClient(opts...), log: log.With("backend", Name)}
	if !strings.HasSuffix(strings.TrimSuffix(base.Path, "/"), "/v1") && len(query) == 0 {
		// Every OpenAI-compatible server serves the API under /v1; a root
		// without it answers 404 to every call (Azure OpenAI's deployment
		// URLs, with their api-version query, are the exception).
		b.log.Warn("OPENAI_BASE_URL does not end in /v1: OpenAI-compatible servers serve the API there", "path", base.Path)
	}
	b.health = llm.NewHealth(Name, b.probe, cfg.Refresh, cfg.ProbeTimeout, b.log)
	b.Rung = llm.NewRung(Name, cfg.Model, cfg.Languages, llm.Limits{}, b.health, b.chat)
	if !b.health.Check(ctx) {
		_, why := b.health.Status()
		b.log.Warn("openai endpoint not available at start", "model", cfg.Model, "reason", why)
	}
	return b, nil
}

// probe succeeds when the endpoint lists the model, or cannot list models
// at all (some compatible servers lack /models and say so in an OpenAI
// error; then the first request tells). A 404 whose body is no OpenAI
// error is no OpenAI-compatible API at all: most often a base URL without
// its /v1.
func (b *Backend) probe(ctx context.Context) error {
	page, err := b.client.Models.List(ctx)
	if err != nil {
		var (
			ae *oai.Error
			se *statusError
		)
		switch {
		case errors.As(err, &ae) && (ae.StatusCode == http.StatusNotFound || ae.StatusCode == http.StatusMethodNotAllowed):
			return nil
		case errors.As(err, &se) && se.status == http.StatusNotFound:
			return backend.Errorf(backend.ErrUnavailable, err, "%s", endpointNotFound("GET models"))
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

// chat sends one chat completion with a strict JSON schema and returns the
// answer's content (an llm.ChatFunc).
//
// When usage is not nil it receives the token counts the endpoint reported.
func (b *Backend) chat(ctx context.Context, c llm.Call, usage *backend.Usage) (string, error) {
	// The schemas go out as the constant JSON they are: decoding them into
	// maps for the client to encode again (reflection, sorted keys) cost
	// more than the rest of the request on every call.
	schemaName, schema := "translation", llm.Schema
	if c.Batch {
		schemaName, schema = "translations", llm.BatchSchema
	}
	numPredict := c.NumPredict
	var (
		content, finish, refusal string
		err                      error
	)
	if b.cfg.Stream {
		content, finish, refusal, err = b.stream(ctx, b.params(c, schemaName, schema), numPredict*16+4096, usage)
	} else {
		content, finish, refusal, err = b.complete(ctx, c.Model, b.body(c, schemaName, schema), usage)
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

// params is the streaming request for c, in openai-go's types (its
// streaming client needs them).
func (b *Backend) params(c llm.Call, schemaName string, schema json.RawMessage) oai.ChatCompletionNewParams {
	params := oai.ChatCompletionNewParams{
		Model: shared.ChatModel(c.Model),
		Messages: []oai.ChatCompletionMessageParamUnion{
			oai.SystemMessage(c.System),
			oai.UserMessage(c.User),
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
		params.MaxTokens = oai.Int(int64(c.NumPredict))
	case MaxCompletionTokens:
		params.MaxCompletionTokens = oai.Int(int64(c.NumPredict))
	}
	if !b.cfg.NoStreamUsage {
		// OpenAI and most compatible servers report a stream's tokens
		// only when asked, in a last chunk without choices.
		params.StreamOptions = oai.ChatCompletionStreamOptionsParam{IncludeUsage: oai.Bool(true)}
	}
	return params
}

// completion is the part of a chat completion answer that the rung reads.
// Decoding only it with encoding/json (option.WithResponseBodyInto) costs
// a fraction of openai-go's ChatCompletion decoder, which keeps the raw
// JSON and a validity state of every field of the answer.
type completion struct {
	Choices []struct {
		Message struct {
			Content string `json:"content"`
			Refusal string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	Usage struct {
		PromptTokens     int64 `json:"prompt_tokens"`
		CompletionTokens int64 `json:"completion_tokens"`
	} `json:"usage"`
}

// chatRequest is the body of a non-streaming chat completion: the same
// JSON that ChatCompletionNewParams encodes to, for the fields the rung
// sets. openai-go encodes its params through a reflection-based encoder
// that keeps per-field presence and extras, which cost more CPU than the
// rest of a request to a local model (BenchmarkRequestBody); this struct
// goes through encoding/json. The client still sends it (Client.Post):
// base URL, authentication, headers and errors are openai-go's.
type chatRequest struct {
	Model               string         `json:"model"`
	Messages            []chatMessage  `json:"messages"`
	Temperature         float64        `json:"temperature"`
	MaxTokens           int            `json:"max_tokens,omitempty"`
	MaxCompletionTokens int            `json:"max_completion_tokens,omitempty"`
	ResponseFormat      responseFormat `json:"response_format"`
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type responseFormat struct {
	Type       string `json:"type"`
	JSONSchema struct {
		Name   string          `json:"name"`
		Schema json.RawMessage `json:"schema"`
		Strict bool            `json:"strict"`
	} `json:"json_schema"`
}

// body encodes the non-streaming request for c.
func (b *Backend) body(c llm.Call, schemaName string, schema json.RawMessage) []byte {
	req := chatRequest{
		Model:    c.Model,
		Messages: []chatMessage{{Role: "system", Content: c.System}, {Role: "user", Content: c.User}},
	}
	req.ResponseFormat.Type = "json_schema"
	req.ResponseFormat.JSONSchema.Name, req.ResponseFormat.JSONSchema.Schema, req.ResponseFormat.JSONSchema.Strict = schemaName, schema, true
	switch b.cfg.TokenLimitField {
	case MaxTokens:
		req.MaxTokens = c.NumPredict
	case MaxCompletionTokens:
		req.MaxCompletionTokens = c.NumPredict
	}
	body, err := json.Marshal(req)
	if err != nil {
		// Only strings, numbers and a constant schema: cannot fail.
		panic(fmt.Sprintf("openai: encode request: %v", err))
	}
	return body
}

func (b *Backend) complete(ctx context.Context, model string, body []byte, usage *backend.Usage) (content, finish, refusal string, err error) {
	// The body comes back as bytes and is decoded here: openai-go decodes
	// into a struct with encoding/json, for about three times the CPU.
	var raw []byte
	if err := b.client.Post(ctx, "chat/completions", body, &raw); err != nil {
		return "", "", "", b.classify(ctx, err, model)
	}
	var res completion
	if err := json.Unmarshal(raw, &res); err != nil {
		return "", "", "", backend.Errorf(backend.ErrFailed, err, "the endpoint's answer is not a chat completion")
	}
	if usage != nil {
		usage.Prompt, usage.Completion = int(res.Usage.PromptTokens), int(res.Usage.CompletionTokens)
	}
	if len(res.Choices) == 0 {
		return "", "", "", backend.Errorf(backend.ErrBadOutput, nil, "answer has no choices")
	}
	ch := res.Choices[0]
	return ch.Message.Content, ch.FinishReason, ch.Message.Refusal, nil
}

func (b *Backend) stream(ctx context.Context, params oai.ChatCompletionNewParams, limit int, usage *backend.Usage) (content, finish, refusal string, err error) {
	s := b.client.Chat.Completions.NewStreaming(ctx, params)
	defer s.Close()
	var sb, rb strings.Builder
	for s.Next() {
		chunk := s.Current()
		// Servers that report usage on a stream do it in the last chunk.
		if usage != nil && chunk.Usage.PromptTokens > 0 {
			usage.Prompt, usage.Completion = int(chunk.Usage.PromptTokens), int(chunk.Usage.CompletionTokens)
		}
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
		he *statusError
	)
	switch {
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return backend.Errorf(backend.ErrTimeout, err, "the endpoint did not answer in time")
	case errors.As(err, &he):
		// An error answer that is no OpenAI error (vLLM's, a proxy's,
		// a web server's): the same statuses mean the same.
		ae = &oai.Error{StatusCode: he.status, Response: &http.Response{StatusCode: he.status, Header: he.header}}
		ae.Code, ae.Type, ae.Message = he.code, he.typ, he.message
		fallthrough
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
			if ae.Code != "model_not_found" && !strings.Contains(ae.Message, model) && !strings.Contains(ae.RawJSON(), model) {
				// A 404 that does not name the model is a path the
				// server does not serve: the endpoint, not the model.
				reason := endpointNotFound("POST chat/completions")
				b.health.Set(false, reason)
				return backend.Errorf(backend.ErrUnavailable, err, "%s", reason)
			}
			reason := fmt.Sprintf("%s: no model %q", what, model)
			// A model chosen by routing is missing for its pairs only.
			if model == b.cfg.Model {
				b.health.Set(false, reason)
			}
			return backend.Errorf(backend.ErrModelNotFound, err, "%s", reason)
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			be := backend.Errorf(backend.ErrBusy, err, "%s", what)
			if ae.Response != nil {
				be.RetryAfter = retryAfter(ae.Response.Header.Get("Retry-After"), time.Now())
			}
			return be
		default:
			return backend.Errorf(backend.ErrFailed, err, "%s", what)
		}
	case errors.As(err, &se):
		return backend.Errorf(backend.ErrFailed, err, "the endpoint sent an error event in the stream")
	case llm.IsConnError(err):
		b.health.Set(false, "cannot connect to the endpoint")
		return backend.Errorf(backend.ErrUnavailable, err, "cannot connect to the endpoint")
	case llm.IsConnLost(err):
		// The endpoint took the request: one broken connection does not
		// make it unavailable. The chain retries the call, and the
		// breaker counts it if it keeps happening.
		return backend.Errorf(backend.ErrFailed, err, "the connection to the endpoint broke before the answer was complete")
	default:
		return backend.Errorf(backend.ErrFailed, err, "request failed")
	}
}

// endpointNotFound is the reason of a 404 for what ("POST
// chat/completions") that names no model.
func endpointNotFound(what string) string {
	return fmt.Sprintf("endpoint not found: %s answered 404 (does OPENAI_BASE_URL end in /v1?)", what)
}

// statusError is an error answer whose body is not an OpenAI error
// ({"error": {...}}), which openai-go cannot read and reports without its
// status: a web server's 404 page, vLLM's {"object": "error", ...}. The
// fields keep what classify needs; the body itself is never shown.
type statusError struct {
	status             int
	header             http.Header
	code, typ, message string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("the endpoint answered %d without an OpenAI error body", e.status)
}

// apiErrors is client middleware that turns an error answer without an
// OpenAI error body into a statusError, so that its status is not lost.
func apiErrors(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
	res, err := next(req)
	if err != nil || res.StatusCode < 400 {
		return res, err
	}
	body, rerr := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	_ = res.Body.Close()
	if rerr != nil {
		return nil, fmt.Errorf("read the endpoint's %d answer: %w", res.StatusCode, rerr)
	}
	var doc struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
		Type    string          `json:"type"`
		Code    any             `json:"code"`
	}
	_ = json.Unmarshal(body, &doc)
	if e := bytes.TrimSpace(doc.Error); len(e) > 0 && e[0] == '{' {
		res.Body = io.NopCloser(bytes.NewReader(body))
		return res, nil
	}
	se := &statusError{status: res.StatusCode, header: res.Header, message: doc.Message, typ: doc.Type}
	if c, ok := doc.Code.(string); ok {
		se.code = c
	}
	if len(doc.Error) > 0 && doc.Error[0] == '"' {
		// {"error": "model 'x' not found"} (Ollama's native shape).
		_ = json.Unmarshal(doc.Error, &se.message)
	}
	return nil, se
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date
// (RFC 9110, 10.2.3). 0 when absent or unreadable; at most an hour, so a
// wild value cannot park a rung.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		d = time.Duration(min(max(secs, 0), 3600)) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), time.Hour)
}

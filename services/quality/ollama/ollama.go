// Package ollama gives the quality judge a model on an Ollama server,
// through its native chat API (github.com/ollama/ollama/api), which lets
// every request set the context window and an output schema.
package ollama

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/ollama/ollama/api"

	"github.com/parley-chat/parley/shared/ollamachat"
)

// Defaults.
const (
	DefaultHost    = ollamachat.DefaultHost
	DefaultModel   = "qwen2.5:3b"
	DefaultContext = 4096
	// DefaultMaxTokens caps the answer: five error spans in JSON fit in
	// far fewer tokens, and a model that rambles should be cut short.
	DefaultMaxTokens = 512
)

// Config configures a Client.
type Config struct {
	// Host is the server (OLLAMA_HOST): "host", "host:port" or a URL.
	Host string
	// Model is the judge's model (QUALITY_JUDGE_MODEL).
	Model string
	// Context is the num_ctx sent with every request. It is fixed because
	// Ollama reloads a model whose context size changes.
	Context int
	// MaxTokens is num_predict, the longest answer.
	MaxTokens int
	// HTTPClient defaults to a client without an overall timeout (each
	// request has a context deadline instead).
	HTTPClient *http.Client
}

// Client sends chat requests to one model. It is safe for concurrent use.
type Client struct {
	cfg    Config
	client *api.Client
}

// ErrTruncated is an answer cut off at the token limit: its JSON is
// incomplete.
var ErrTruncated = errors.New("ollama: the answer reached the token limit")

// New returns a Client. It does not contact the server.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("ollama: a model is required")
	}
	base, err := ParseHost(cfg.Host)
	if err != nil {
		return nil, err
	}
	if cfg.Context <= 0 {
		cfg.Context = DefaultContext
	}
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = DefaultMaxTokens
	}
	return &Client{cfg: cfg, client: ollamachat.NewClient(base, cfg.HTTPClient)}, nil
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

// Model is the configured model.
func (c *Client) Model() string { return c.cfg.Model }

// ChatJSON sends a system and a user message with schema as the output
// format, at temperature 0, and returns the answer's content. An answer
// cut off at the token limit is ErrTruncated; a non-streamed request
// returns the whole answer in one response, so a missing final chunk
// cannot pass for a complete answer.
func (c *Client) ChatJSON(ctx context.Context, system, user string, schema json.RawMessage) (string, error) {
	a, err := ollamachat.Chat(ctx, c.client, ollamachat.Request{
		Model: c.cfg.Model, System: system, User: user, Format: schema,
		Context: c.cfg.Context, MaxTokens: c.cfg.MaxTokens,
	})
	switch {
	case err != nil:
		return "", fmt.Errorf("ollama %s: %w", c.cfg.Model, ollamachat.Cause(ctx, err))
	case !a.Done:
		return "", fmt.Errorf("ollama %s: the answer ended without its final message", c.cfg.Model)
	case a.Truncated():
		return "", fmt.Errorf("ollama %s: %w", c.cfg.Model, ErrTruncated)
	}
	return a.Content, nil
}

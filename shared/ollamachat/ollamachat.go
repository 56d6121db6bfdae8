// Package ollamachat is the part of talking to an Ollama server through its
// native chat API (github.com/ollama/ollama/api) that every Parley model
// client shares: reading OLLAMA_HOST as the ollama CLI does, building the
// api.Client, sending one chat request with fixed sampling options and
// collecting the answer, streamed or not.
//
// What to ask and how to read the answer (prompts, schemas, mapping errors
// onto a service's own kinds) stays with each client.
package ollamachat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/parley-chat/parley/shared/llmhttp"
)

// DefaultHost is where the ollama CLI looks for a server when OLLAMA_HOST
// is unset.
const DefaultHost = "http://127.0.0.1:11434"

// ParseHost turns OLLAMA_HOST into a URL the way the ollama CLI does:
// "host", "host:port" and full URLs, with port 11434 by default (443 for
// https) and without a trailing slash. Empty means DefaultHost. The error
// names OLLAMA_HOST; callers prefix it with who they are.
func ParseHost(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = DefaultHost
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("OLLAMA_HOST %q is not a host or URL", s)
	}
	if u.Port() == "" {
		port := "11434"
		if u.Scheme == "https" {
			port = "443"
		}
		u.Host = net.JoinHostPort(u.Hostname(), port)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// NewClient returns a client of the server at base. A nil hc means
// llmhttp's client.
func NewClient(base *url.URL, hc *http.Client) *api.Client {
	if hc == nil {
		hc = llmhttp.NewClient()
	}
	return api.NewClient(base, hc)
}

// Request is one chat request: an optional system message and a user
// message, answered at temperature 0 (Parley wants the same answer to the
// same question, and caches it).
type Request struct {
	Model string
	// System is sent as a system message when not empty.
	System string
	User   string
	// Format is an output format (a JSON schema, or "json"); nil means free
	// text.
	Format json.RawMessage
	// Stream reads the answer as it is generated.
	Stream bool
	// Context is num_ctx. Ollama reloads a model whose context size
	// changes, so callers keep it as steady as they can.
	Context int
	// MaxTokens is num_predict, the longest answer in tokens.
	MaxTokens int
	// NoThink asks a thinking model not to reason first; thinking models
	// think by default unless told not to.
	NoThink bool
	// KeepAlive, when positive, is how long the server keeps the model
	// loaded after the request; otherwise the server's default applies.
	KeepAlive time.Duration
	// MaxBytes, when positive, cuts the answer off with ErrRunaway once its
	// content grows past it, so a server that ignores num_predict cannot
	// make the caller buffer forever.
	MaxBytes int
}

// Answer is what came back, as far as it came.
type Answer struct {
	Content string
	// Done is set once the final message arrived; a stream that ends
	// without it was cut off (a dropped connection).
	Done bool
	// DoneReason is the final message's reason: "stop", or "length" for
	// an answer cut off at MaxTokens.
	DoneReason string
	// PromptTokens and CompletionTokens are the final message's counts.
	PromptTokens, CompletionTokens int
}

// Truncated reports whether the answer reached the token limit.
func (a Answer) Truncated() bool { return a.DoneReason == "length" }

// ErrRunaway is an answer longer than Request.MaxBytes.
var ErrRunaway = errors.New("answer longer than the token budget")

// Chat sends req and collects the answer. The error is the client's own
// (api.StatusError, api.AuthorizationError, a transport error, an error
// line inside the stream) or wraps ErrRunaway; the Answer holds what
// arrived before it. Whether the answer is complete is the caller's to
// check (Answer.Done, Answer.Truncated), since callers treat that
// differently.
func Chat(ctx context.Context, c *api.Client, req Request) (Answer, error) {
	var msgs []api.Message
	if req.System != "" {
		msgs = append(msgs, api.Message{Role: "system", Content: req.System})
	}
	msgs = append(msgs, api.Message{Role: "user", Content: req.User})
	stream := req.Stream
	chat := &api.ChatRequest{
		Model:    req.Model,
		Messages: msgs,
		Stream:   &stream,
		Format:   req.Format,
		Options: map[string]any{
			"temperature": 0,
			"num_ctx":     req.Context,
			"num_predict": req.MaxTokens,
		},
	}
	if req.NoThink {
		chat.Think = &api.ThinkValue{Value: false}
	}
	if req.KeepAlive > 0 {
		chat.KeepAlive = &api.Duration{Duration: req.KeepAlive}
	}
	var (
		a       Answer
		content strings.Builder
	)
	err := c.Chat(ctx, chat, func(r api.ChatResponse) error {
		content.WriteString(r.Message.Content)
		if req.MaxBytes > 0 && content.Len() > req.MaxBytes {
			return ErrRunaway
		}
		if r.Done {
			a.Done, a.DoneReason = true, r.DoneReason
			a.PromptTokens, a.CompletionTokens = r.PromptEvalCount, r.EvalCount
		}
		return nil
	})
	a.Content = content.String()
	return a, err
}

// Cause returns ctx.Err() when the context has ended, and err otherwise:
// the client reports a request its context ended as a transport error,
// which says less.
func Cause(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// Package fakellm runs fake LLM servers that speak the real Ollama and
// OpenAI-compatible wire protocols, so that tests can drive the real client
// libraries (github.com/ollama/ollama/api, github.com/openai/openai-go) through
// every path that matters to a translation service: plain and streamed
// answers, structured output, thinking, truncation at the token limit, and the
// failures that real servers produce (unknown model, busy, rate limits, an
// error in the middle of a stream, a server that never answers).
//
// The fakes never invent translations. A test supplies a Translator, usually
// Dictionary with the few sentences it knows, and the fake answers with that
// text in the shape the protocol and the request's format ask for. Every
// received request is recorded so tests can assert on what the client sent
// (num_ctx, format, messages, think).
package fakellm

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

// Mode selects how a fake answers. A server has a current Mode (SetMode); a
// Translator can also return a Mode as its error to fail one request.
type Mode int

// Modes. Each failure is rendered the way the real server sends it.
const (
	// OK answers normally.
	OK Mode = iota
	// NotFound answers 404 as for a model that is not pulled / not served.
	NotFound
	// Busy answers 503 (Ollama: queue full; OpenAI: engine overloaded).
	Busy
	// RateLimited answers 429.
	RateLimited
	// Unauthorized answers 401.
	Unauthorized
	// ServerError answers 500.
	ServerError
	// MidStreamError sends status 200 and part of the answer, then an error
	// (an {"error":...} NDJSON line for Ollama, an SSE error event for
	// OpenAI). A non-streaming request gets a 500 instead, as Ollama does.
	MidStreamError
	// Hang accepts the request and never answers until the client gives up
	// or the server closes.
	Hang
	// Stall sends status 200 and the first chunk of a streamed answer, then
	// hangs. A non-streaming request hangs like Hang.
	Stall
	// Reset sends status 200 and half the answer (streamed: the first
	// NDJSON line or SSE event of two; otherwise half the JSON body that
	// Content-Length announces), then resets the TCP connection (RST, as a
	// server or proxy that crashed mid-answer does): the client reads
	// "connection reset by peer" in the middle of the body.
	Reset
)

var modeNames = map[Mode]string{
	OK: "ok", NotFound: "not found", Busy: "busy", RateLimited: "rate limited",
	Unauthorized: "unauthorized", ServerError: "server error",
	MidStreamError: "mid-stream error", Hang: "hang", Stall: "stall", Reset: "reset",
}

// String names the mode.
func (m Mode) String() string {
	if s, ok := modeNames[m]; ok {
		return s
	}
	return fmt.Sprintf("mode(%d)", int(m))
}

// Error lets a Translator return a Mode to fail a single request that way.
func (m Mode) Error() string { return "fakellm: " + m.String() }

// Message is one chat message as received.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Request is what a fake received, normalized across both protocols.
type Request struct {
	// Protocol is "ollama" or "openai".
	Protocol string
	Path     string
	Model    string
	Messages []Message
	// System is the system (or developer) messages joined by blank lines.
	System string
	// User is the content of the last user message.
	User   string
	Stream bool
	// Format is the requested output format: Ollama's "format" as sent
	// ("json" or a schema), or the schema inside OpenAI's
	// response_format.json_schema ("json" for json_object). Nil when none.
	Format json.RawMessage
	// ResponseFormat is OpenAI's response_format as sent.
	ResponseFormat json.RawMessage
	// Options holds Ollama's options; for OpenAI the sampling and limit
	// fields (temperature, top_p, seed, max_tokens, max_completion_tokens).
	Options map[string]any
	// Think is Ollama's "think" as sent (nil when omitted).
	Think  json.RawMessage
	Header http.Header
	Body   []byte
}

// Option returns a numeric option (num_ctx, num_predict, temperature,
// max_tokens ...) and whether it was sent.
func (r Request) Option(name string) (float64, bool) {
	v, ok := r.Options[name]
	if !ok {
		return 0, false
	}
	f, ok := v.(float64)
	return f, ok
}

// Translator maps a request to the reply text (the translation itself; the
// fake wraps it in the requested JSON format). Returning a Mode as the error
// fails this request in that way; any other error becomes a 500.
type Translator func(Request) (string, error)

// Dictionary answers with the entry whose key occurs in the last user
// message; when several keys occur, the longest wins. A request that
// contains no key fails with a 500 naming the problem, so that a test never
// passes on an invented answer.
func Dictionary(entries map[string]string) Translator {
	keys := make([]string, 0, len(entries))
	for k := range entries {
		if k != "" {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	return func(r Request) (string, error) {
		for _, k := range keys {
			if strings.Contains(r.User, k) {
				return entries[k], nil
			}
		}
		return "", fmt.Errorf("fakellm: no dictionary entry occurs in the user message %q", r.User)
	}
}

// Config programs a fake server.
type Config struct {
	// Models are the models the server has; chat requests for any other
	// model get the protocol's 404. Default: one model, "qwen2.5:3b" for
	// Ollama and "gpt-4o-mini" for OpenAI.
	Models []string
	// Translator produces the reply text. Default: every request fails
	// with a 500 saying that no translator was given.
	Translator Translator
	// Mode is the initial mode (default OK).
	Mode Mode
	// Thinking, when set, is the reasoning the fake model emits before its
	// answer: Ollama sends it in message.thinking unless the request said
	// think=false; OpenAI sends it as reasoning_content.
	Thinking string
	// ThinkInContent makes the model leak Thinking into the content as
	// "<think>...</think>" even when asked not to think, as some model
	// templates do.
	ThinkInContent bool
	// Raw sends the Translator's text as the content unchanged, even when
	// the request asked for JSON: for testing how clients handle output
	// that ignores the format.
	Raw bool
	// ChunkRunes is the size of streamed content chunks (default 4).
	ChunkRunes int
	// APIKey, for OpenAI, is the bearer token required (none when empty).
	APIKey string
	// RetryAfter, for OpenAI, is the Retry-After header sent with a 429
	// or 503 (RateLimited, Busy), as hosted endpoints send it; none when
	// empty.
	RetryAfter string
	// BatchFault is how batch answers go wrong (default: they do not).
	BatchFault BatchFault
	// KeepRequests is how many of the latest chat requests Requests and
	// LastRequest remember. 0 keeps them all, as tests that count calls
	// want; a load generator or benchmark that runs for minutes sets a
	// bound, since every request holds its whole prompt.
	KeepRequests int
}

// Server is a running fake. It is safe for concurrent use.
type Server struct {
	protocol string
	cfg      Config
	srv      *httptest.Server
	done     chan struct{}
	closeMu  sync.Once

	canceled     atomic.Int64
	promptTokens atomic.Int64
	evalTokens   atomic.Int64

	mu         sync.Mutex
	mode       Mode
	translator Translator
	raw        bool
	batchFault BatchFault
	requests   []Request
}

// NewOllama starts a fake Ollama server. Close it when done.
func NewOllama(cfg Config) *Server {
	if len(cfg.Models) == 0 {
		cfg.Models = []string{"qwen2.5:3b"}
	}
	s := newServer("ollama", cfg)
	s.srv = httptest.NewServer(s.ollamaHandler())
	return s
}

// NewOpenAI starts a fake OpenAI-compatible server. Close it when done.
func NewOpenAI(cfg Config) *Server {
	if len(cfg.Models) == 0 {
		cfg.Models = []string{"gpt-4o-mini"}
	}
	s := newServer("openai", cfg)
	s.srv = httptest.NewServer(s.openaiHandler())
	return s
}

// StartOllama starts a fake Ollama server that is closed when tb ends.
func StartOllama(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	s := NewOllama(cfg)
	tb.Cleanup(s.Close)
	return s
}

// StartOpenAI starts a fake OpenAI server that is closed when tb ends.
func StartOpenAI(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	s := NewOpenAI(cfg)
	tb.Cleanup(s.Close)
	return s
}

func newServer(protocol string, cfg Config) *Server {
	if cfg.ChunkRunes <= 0 {
		cfg.ChunkRunes = 4
	}
	return &Server{protocol: protocol, cfg: cfg, done: make(chan struct{}), mode: cfg.Mode, translator: cfg.Translator, raw: cfg.Raw, batchFault: cfg.BatchFault}
}

// URL is the server's root URL (Ollama's OLLAMA_HOST).
func (s *Server) URL() string { return s.srv.URL }

// BaseURL is the URL a client is configured with: the root for Ollama,
// root + "/v1" for OpenAI (OPENAI_BASE_URL).
func (s *Server) BaseURL() string {
	if s.protocol == "openai" {
		return s.srv.URL + "/v1"
	}
	return s.srv.URL
}

// Close releases hanging requests and stops the server.
func (s *Server) Close() {
	s.closeMu.Do(func() {
		close(s.done)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
}

// SetMode changes how the server answers from now on.
func (s *Server) SetMode(m Mode) {
	s.mu.Lock()
	s.mode = m
	s.mu.Unlock()
}

// SetTranslator replaces the Translator.
func (s *Server) SetTranslator(t Translator) {
	s.mu.Lock()
	s.translator = t
	s.mu.Unlock()
}

// SetRaw switches Config.Raw: whether replies ignore the requested format.
func (s *Server) SetRaw(raw bool) {
	s.mu.Lock()
	s.raw = raw
	s.mu.Unlock()
}

// Requests returns a copy of the chat requests received so far (the
// latest Config.KeepRequests of them when that is set).
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	reqs := s.requests
	if keep := s.cfg.KeepRequests; keep > 0 && len(reqs) > keep {
		reqs = reqs[len(reqs)-keep:]
	}
	return append([]Request(nil), reqs...)
}

// LastRequest returns the most recent chat request and whether there was one.
func (s *Server) LastRequest() (Request, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) == 0 {
		return Request{}, false
	}
	return s.requests[len(s.requests)-1], true
}

// state is what a request is answered with, read once under the lock.
type state struct {
	mode       Mode
	translator Translator
	raw        bool
	batch      BatchFault
}

func (s *Server) record(r Request) state {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
	if keep := s.cfg.KeepRequests; keep > 0 && len(s.requests) >= 2*keep {
		// Drop the older half at once: amortized O(1) per request.
		s.requests = append(make([]Request, 0, 2*keep), s.requests[len(s.requests)-keep:]...)
	}
	return state{mode: s.mode, translator: s.translator, raw: s.raw, batch: s.batchFault}
}

// SetBatchFault changes how batch answers go wrong from now on.
func (s *Server) SetBatchFault(f BatchFault) {
	s.mu.Lock()
	s.batchFault = f
	s.mu.Unlock()
}

func (s *Server) hasModel(name string) bool {
	for _, m := range s.cfg.Models {
		if m == name || (!strings.Contains(name, ":") && m == name+":latest") {
			return true
		}
	}
	return false
}

// hang blocks until the client goes away or the server closes, then drops
// the connection: a hanging server never sends a complete answer.
func (s *Server) hang(r *http.Request) {
	select {
	case <-r.Context().Done():
		s.canceled.Add(1)
	case <-s.done:
	}
	panic(http.ErrAbortHandler)
}

// reset answers status 200 with the first sent bytes of body and resets
// the connection. It writes the response itself on the hijacked
// connection: net/http would finish a chunked body on the way out, and a
// reset needs SO_LINGER 0 on the socket.
func (s *Server) reset(w http.ResponseWriter, contentType string, stream bool, body []byte, sent int) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	part := body[:sent]
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nDate: %s\r\n", contentType, time.Now().UTC().Format(http.TimeFormat))
	if stream {
		fmt.Fprintf(buf, "Transfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(part), part)
	} else {
		fmt.Fprintf(buf, "Content-Length: %d\r\n\r\n%s", len(body), part)
	}
	_ = buf.Flush()
	// Give the client the time to read the status and the half body, so
	// that the reset hits it in the middle of the body rather than while
	// it waits for the headers.
	select {
	case <-time.After(20 * time.Millisecond):
	case <-s.done:
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// Canceled counts the hanging or stalled requests whose client went away
// (cancelled its context or closed the connection): how tests see that a
// cancellation reached the model call.
func (s *Server) Canceled() int { return int(s.canceled.Load()) }

// reply is the model's answer before it is put on the wire.
type reply struct {
	content      string
	thinking     string
	truncated    bool
	promptTokens int
	evalTokens   int
}

// answer runs the translator and shapes its text as the model would emit
// it. maxTokens <= 0 means no limit.
func (s *Server) answer(req Request, st state, thinkAllowed bool, maxTokens int) (reply, error) {
	if st.translator == nil {
		return reply{}, errors.New("fakellm: no Translator configured")
	}
	var content string
	if items, ok := batchItems(req); ok {
		c, err := answerBatch(req, st, items)
		if err != nil {
			return reply{}, err
		}
		content = c
	} else {
		text, err := st.translator(req)
		if err != nil {
			return reply{}, err
		}
		content = text
		if !st.raw && req.Format != nil {
			content = wrapJSON(req.Format, text)
		}
	}
	rep := reply{promptTokens: tokens(req.System) + tokens(req.User)}
	if s.cfg.Thinking != "" {
		switch {
		case s.cfg.ThinkInContent:
			content = "<think>" + s.cfg.Thinking + "</think>\n" + content
		case thinkAllowed:
			rep.thinking = s.cfg.Thinking
		}
	}
	if maxTokens > 0 && tokens(content) > maxTokens {
		content = cutBytes(content, maxTokens*bytesPerToken)
		rep.truncated = true
	}
	rep.content = content
	rep.evalTokens = tokens(content) + tokens(rep.thinking)
	s.promptTokens.Add(int64(rep.promptTokens))
	s.evalTokens.Add(int64(rep.evalTokens))
	return rep, nil
}

// Tokens returns the prompt and completion tokens of every answer so far,
// counted with the fake tokenizer (4 bytes a token): what a benchmark
// reports as the cost of a workload.
func (s *Server) Tokens() (prompt, completion int) {
	return int(s.promptTokens.Load()), int(s.evalTokens.Load())
}

// bytesPerToken is the fake tokenizer: every 4 bytes are one token, which is
// close enough to real tokenizers for Latin text to make limits meaningful.
const bytesPerToken = 4

func tokens(s string) int { return (len(s) + bytesPerToken - 1) / bytesPerToken }

// cutBytes shortens s to at most n bytes without splitting a rune.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// wrapJSON renders text as the JSON object the format asks for: the first
// required string property of a schema (or its only string property), and
// {"translation": ...} for plain JSON mode.
func wrapJSON(format json.RawMessage, text string) string {
	key := schemaOf(format).key
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]string{key: text})
	return strings.TrimSuffix(b.String(), "\n")
}

// schemaInfo is what the fake reads from a request's JSON schema.
type schemaInfo struct {
	// key is the property the answer goes in.
	key string
	// batch: the schema asks for {"items": [...]}.
	batch bool
}

// schemas caches schemaInfo by schema text: clients send the same few
// schemas with every request, and decoding them each time made the
// "instant" fake cost more than some of the services under test.
var schemas sync.Map // string -> schemaInfo

func schemaOf(format json.RawMessage) schemaInfo {
	if v, ok := schemas.Load(string(format)); ok {
		return v.(schemaInfo)
	}
	info := schemaInfo{key: "translation"}
	var schema struct {
		Properties map[string]struct {
			Type any `json:"type"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	if json.Unmarshal(format, &schema) == nil && len(schema.Properties) > 0 {
		info.batch = schema.Properties["items"].Type == "array"
		info.key = ""
		for _, r := range schema.Required {
			if p, ok := schema.Properties[r]; ok && p.Type == "string" {
				info.key = r
				break
			}
		}
		if info.key == "" {
			names := make([]string, 0, len(schema.Properties))
			for n, p := range schema.Properties {
				if p.Type == "string" {
					names = append(names, n)
				}
			}
			sort.Strings(names)
			if len(names) > 0 {
				info.key = names[0]
			} else {
				info.key = "translation"
			}
		}
	}
	schemas.Store(string(format), info)
	return info
}

// chunks splits s into pieces of n runes, as a streaming model emits it.
func chunks(s string, n int) []string {
	var out []string
	for s != "" {
		i, count := 0, 0
		for i < len(s) && count < n {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			count++
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func flush(w http.ResponseWriter) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

func joinSystem(msgs []Message) (system, user string) {
	var sys []string
	for _, m := range msgs {
		switch m.Role {
		case "system", "developer":
			sys = append(sys, m.Content)
		case "user":
			user = m.Content
		}
	}
	return strings.Join(sys, "\n\n"), user
}

package fakellm

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	json "github.com/goccy/go-json"
)

// The fake speaks the Chat Completions subset of the OpenAI REST API that
// OpenAI-compatible servers (vLLM, llama.cpp, LiteLLM, Ollama's /v1) share:
// JSON and SSE answers, /v1/models, and errors in the
// {"error":{"message","type","param","code"}} shape.

var completionSeq atomic.Int64

type openaiContent string

// UnmarshalJSON accepts a string or an array of content parts, keeping the
// text parts.
func (c *openaiContent) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*c = openaiContent(s)
		return nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &parts); err != nil {
		return fmt.Errorf("content must be a string or an array of parts: %w", err)
	}
	var sb strings.Builder
	for _, p := range parts {
		if p.Type == "text" {
			sb.WriteString(p.Text)
		}
	}
	*c = openaiContent(sb.String())
	return nil
}

type openaiChatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string        `json:"role"`
		Content openaiContent `json:"content"`
	} `json:"messages"`
	Stream         bool            `json:"stream"`
	ResponseFormat json.RawMessage `json:"response_format"`
	// The sampling and limit fields, kept in Request.Options as numbers.
	Temperature         *float64 `json:"temperature"`
	TopP                *float64 `json:"top_p"`
	Seed                *float64 `json:"seed"`
	MaxTokens           *float64 `json:"max_tokens"`
	MaxCompletionTokens *float64 `json:"max_completion_tokens"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
}

// openaiCompletion is a non-streaming answer, as hosted OpenAI sends it.
type openaiCompletion struct {
	ID                string         `json:"id"`
	Object            string         `json:"object"`
	Created           int64          `json:"created"`
	Model             string         `json:"model"`
	Choices           []openaiChoice `json:"choices"`
	Usage             map[string]int `json:"usage"`
	SystemFingerprint string         `json:"system_fingerprint"`
}

type openaiChoice struct {
	Index   int `json:"index"`
	Message struct {
		Role             string  `json:"role"`
		Content          string  `json:"content"`
		Refusal          *string `json:"refusal"`
		ReasoningContent string  `json:"reasoning_content,omitempty"`
	} `json:"message"`
	Logprobs     *struct{} `json:"logprobs"`
	FinishReason string    `json:"finish_reason"`
}

type openaiError struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

func strPtr(s string) *string { return &s }

func openaiFail(w http.ResponseWriter, status int, e openaiError) {
	writeJSON(w, status, map[string]openaiError{"error": e})
}

// openaiErrors are the bodies hosted OpenAI sends for each failure.
func openaiModeError(mode Mode, model string) (int, openaiError) {
	switch mode {
	case NotFound:
		return http.StatusNotFound, openaiError{
			Message: fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", model),
			Type:    "invalid_request_error", Code: strPtr("model_not_found")}
	case Busy:
		return http.StatusServiceUnavailable, openaiError{
			Message: "The engine is currently overloaded, please try again later.", Type: "server_error"}
	case RateLimited:
		return http.StatusTooManyRequests, openaiError{
			Message: fmt.Sprintf("Rate limit reached for %s on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.", model),
			Type:    "requests", Code: strPtr("rate_limit_exceeded")}
	case Unauthorized:
		return http.StatusUnauthorized, openaiError{
			Message: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
			Type:    "invalid_request_error", Code: strPtr("invalid_api_key")}
	default:
		return http.StatusInternalServerError, openaiError{
			Message: "The server had an error while processing your request. Sorry about that!", Type: "server_error"}
	}
}

func (s *Server) openaiHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/models", s.openaiModels)
	mux.HandleFunc("POST /v1/chat/completions", s.openaiChat)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		openaiFail(w, http.StatusNotFound, openaiError{
			Message: fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path), Type: "invalid_request_error"})
	})
	return mux
}

func (s *Server) authorized(r *http.Request) bool {
	return s.cfg.APIKey == "" || r.Header.Get("Authorization") == "Bearer "+s.cfg.APIKey
}

func (s *Server) openaiModels(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		status, e := openaiModeError(Unauthorized, "")
		openaiFail(w, status, e)
		return
	}
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	data := make([]model, 0, len(s.cfg.Models))
	for _, m := range s.cfg.Models {
		data = append(data, model{ID: m, Object: "model", Created: 1_700_000_000, OwnedBy: "fakellm"})
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": data})
}

func (s *Server) openaiChat(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		openaiFail(w, http.StatusBadRequest, openaiError{Message: err.Error(), Type: "invalid_request_error"})
		return
	}
	var in openaiChatRequest
	if err := json.Unmarshal(body, &in); err != nil {
		openaiFail(w, http.StatusBadRequest, openaiError{
			Message: "We could not parse the JSON body of your request: " + err.Error(), Type: "invalid_request_error"})
		return
	}
	req := Request{
		Protocol: "openai", Path: r.URL.Path, Model: in.Model, Stream: in.Stream,
		Header: r.Header.Clone(), Body: body, Options: map[string]any{},
	}
	for _, m := range in.Messages {
		req.Messages = append(req.Messages, Message{Role: strings.ToLower(m.Role), Content: string(m.Content)})
	}
	req.System, req.User = joinSystem(req.Messages)
	for k, v := range map[string]*float64{
		"temperature": in.Temperature, "top_p": in.TopP, "seed": in.Seed,
		"max_tokens": in.MaxTokens, "max_completion_tokens": in.MaxCompletionTokens,
	} {
		if v != nil {
			req.Options[k] = *v
		}
	}
	if len(in.ResponseFormat) > 0 && string(in.ResponseFormat) != "null" {
		req.ResponseFormat = in.ResponseFormat
		var rf struct {
			Type       string `json:"type"`
			JSONSchema struct {
				Schema json.RawMessage `json:"schema"`
			} `json:"json_schema"`
		}
		if json.Unmarshal(in.ResponseFormat, &rf) == nil {
			switch rf.Type {
			case "json_schema":
				req.Format = rf.JSONSchema.Schema
			case "json_object":
				req.Format = json.RawMessage(`"json"`)
			}
		}
	}
	st := s.record(req)
	mode := st.mode

	if !s.authorized(r) {
		mode = Unauthorized
	}
	if mode == OK && in.Model == "" {
		openaiFail(w, http.StatusBadRequest, openaiError{Message: "you must provide a model parameter", Type: "invalid_request_error"})
		return
	}
	if mode == OK && !s.hasModel(in.Model) {
		mode = NotFound
	}
	var rep reply
	if mode == OK {
		maxTokens := 0
		for _, k := range []string{"max_completion_tokens", "max_tokens"} {
			if v, ok := req.Option(k); ok && v > 0 {
				maxTokens = int(v)
				break
			}
		}
		rep, err = s.answer(req, st, true, maxTokens)
		var m Mode
		switch {
		case errors.As(err, &m):
			mode = m
		case err != nil:
			openaiFail(w, http.StatusInternalServerError, openaiError{Message: err.Error(), Type: "server_error"})
			return
		}
	}

	id := fmt.Sprintf("chatcmpl-fake%06d", completionSeq.Add(1))
	created := time.Now().Unix()
	switch mode {
	case OK:
	case Hang:
		s.hang(r)
		return
	case Reset:
		if in.Stream {
			var ev bytes.Buffer
			writeEvent(&ev, chunk(id, created, in.Model, map[string]any{"role": "assistant", "content": `{"translation": "`}, nil))
			sent := ev.Len()
			stop := "stop"
			writeEvent(&ev, chunk(id, created, in.Model, map[string]any{"content": `"}`}, &stop))
			s.reset(w, "text/event-stream; charset=utf-8", true, ev.Bytes(), sent)
			return
		}
		res := openaiCompletion{ID: id, Object: "chat.completion", Created: created, Model: in.Model,
			Choices: []openaiChoice{{FinishReason: "stop"}}, SystemFingerprint: "fp_fakellm"}
		res.Choices[0].Message.Role = "assistant"
		res.Choices[0].Message.Content = `{"translation": "…"}`
		body, _ := json.Marshal(res)
		s.reset(w, "application/json", false, body, len(body)/2)
		return
	case MidStreamError, Stall:
		if !in.Stream {
			if mode == Stall {
				s.hang(r)
				return
			}
			status, e := openaiModeError(ServerError, in.Model)
			openaiFail(w, status, e)
			return
		}
		startSSE(w)
		writeEvent(w, chunk(id, created, in.Model, map[string]any{"role": "assistant", "content": "{"}, nil))
		flush(w)
		if mode == Stall {
			s.hang(r)
			return
		}
		_, e := openaiModeError(ServerError, in.Model)
		writeEvent(w, map[string]openaiError{"error": e})
		return
	default:
		status, e := openaiModeError(mode, in.Model)
		if s.cfg.RetryAfter != "" && (mode == RateLimited || mode == Busy) {
			w.Header().Set("Retry-After", s.cfg.RetryAfter)
		}
		openaiFail(w, status, e)
		return
	}

	finish := "stop"
	if rep.truncated {
		finish = "length"
	}
	usage := map[string]int{
		"prompt_tokens": rep.promptTokens, "completion_tokens": rep.evalTokens,
		"total_tokens": rep.promptTokens + rep.evalTokens,
	}
	if !in.Stream {
		res := openaiCompletion{
			ID: id, Object: "chat.completion", Created: created, Model: in.Model,
			Choices: []openaiChoice{{FinishReason: finish}},
			Usage:   usage, SystemFingerprint: "fp_fakellm",
		}
		res.Choices[0].Message.Role = "assistant"
		res.Choices[0].Message.Content = rep.content
		res.Choices[0].Message.ReasoningContent = rep.thinking
		writeJSON(w, http.StatusOK, res)
		return
	}
	startSSE(w)
	writeEvent(w, chunk(id, created, in.Model, map[string]any{"role": "assistant", "content": ""}, nil))
	for _, c := range chunks(rep.thinking, s.cfg.ChunkRunes) {
		writeEvent(w, chunk(id, created, in.Model, map[string]any{"reasoning_content": c}, nil))
	}
	for _, c := range chunks(rep.content, s.cfg.ChunkRunes) {
		writeEvent(w, chunk(id, created, in.Model, map[string]any{"content": c}, nil))
	}
	writeEvent(w, chunk(id, created, in.Model, map[string]any{}, &finish))
	if in.StreamOptions != nil && in.StreamOptions.IncludeUsage {
		writeEvent(w, map[string]any{
			"id": id, "object": "chat.completion.chunk", "created": created, "model": in.Model,
			"choices": []any{}, "usage": usage,
		})
	}
	_, _ = io.WriteString(w, "data: [DONE]\n\n")
	flush(w)
}

func chunk(id string, created int64, model string, delta map[string]any, finish *string) map[string]any {
	return map[string]any{
		"id": id, "object": "chat.completion.chunk", "created": created, "model": model,
		"system_fingerprint": "fp_fakellm",
		"choices": []map[string]any{{
			"index": 0, "delta": delta, "logprobs": nil, "finish_reason": finish,
		}},
	}
}

func startSSE(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
}

// writeEvent writes one SSE data event.
func writeEvent(w io.Writer, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	_, _ = fmt.Fprintf(w, "data: %s\n\n", bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

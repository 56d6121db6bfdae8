package fakellm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// The fake speaks the subset of Ollama's native API (docs/api.md) that a
// chat client uses, with the status codes and error bodies of the real
// server (server/routes.go, server/sched.go).

const (
	ollamaVersion = "0.33.0"
	ollamaBusy    = "server busy, please try again.  maximum pending requests exceeded"
	ollamaStream  = "an error was encountered while running the model"
)

type ollamaChatRequest struct {
	Model    string          `json:"model"`
	Messages []Message       `json:"messages"`
	Stream   *bool           `json:"stream"`
	Format   json.RawMessage `json:"format"`
	Options  map[string]any  `json:"options"`
	Think    json.RawMessage `json:"think"`
}

type ollamaMessage struct {
	Role     string `json:"role"`
	Content  string `json:"content"`
	Thinking string `json:"thinking,omitempty"`
}

type ollamaChatResponse struct {
	Model              string        `json:"model"`
	CreatedAt          time.Time     `json:"created_at"`
	Message            ollamaMessage `json:"message"`
	Done               bool          `json:"done"`
	DoneReason         string        `json:"done_reason,omitempty"`
	TotalDuration      int64         `json:"total_duration,omitempty"`
	LoadDuration       int64         `json:"load_duration,omitempty"`
	PromptEvalCount    int           `json:"prompt_eval_count,omitempty"`
	PromptEvalDuration int64         `json:"prompt_eval_duration,omitempty"`
	EvalCount          int           `json:"eval_count,omitempty"`
	EvalDuration       int64         `json:"eval_duration,omitempty"`
}

func (s *Server) ollamaHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "Ollama is running")
	})
	mux.HandleFunc("GET /api/version", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"version": ollamaVersion})
	})
	mux.HandleFunc("GET /api/tags", s.ollamaTags)
	mux.HandleFunc("POST /api/show", s.ollamaShow)
	mux.HandleFunc("POST /api/chat", s.ollamaChat)
	return mux
}

func ollamaError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func (s *Server) ollamaTags(w http.ResponseWriter, r *http.Request) {
	type details struct {
		ParentModel       string   `json:"parent_model"`
		Format            string   `json:"format"`
		Family            string   `json:"family"`
		Families          []string `json:"families"`
		ParameterSize     string   `json:"parameter_size"`
		QuantizationLevel string   `json:"quantization_level"`
	}
	type model struct {
		Name       string    `json:"name"`
		Model      string    `json:"model"`
		ModifiedAt time.Time `json:"modified_at"`
		Size       int64     `json:"size"`
		Digest     string    `json:"digest"`
		Details    details   `json:"details"`
	}
	models := make([]model, 0, len(s.cfg.Models))
	for i, name := range s.cfg.Models {
		models = append(models, model{
			Name: name, Model: name, ModifiedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
			Size: 1_929_912_432, Digest: fmt.Sprintf("%064x", i+1),
			Details: details{Format: "gguf", Family: "qwen2", Families: []string{"qwen2"}, ParameterSize: "3.1B", QuantizationLevel: "Q4_K_M"},
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"models": models})
}

func (s *Server) ollamaShow(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Model string `json:"model"`
		Name  string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		ollamaError(w, http.StatusBadRequest, err.Error())
		return
	}
	name := req.Model
	if name == "" {
		name = req.Name
	}
	if name == "" {
		ollamaError(w, http.StatusBadRequest, "model is required")
		return
	}
	if !s.hasModel(name) {
		ollamaError(w, http.StatusNotFound, fmt.Sprintf("model '%s' not found", name))
		return
	}
	caps := []string{"completion"}
	if s.cfg.Thinking != "" {
		caps = append(caps, "thinking")
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"modelfile":  "FROM " + name + "\n",
		"parameters": "temperature 0.7",
		"template":   "{{ .Prompt }}",
		"details": map[string]any{
			"parent_model": "", "format": "gguf", "family": "qwen2", "families": []string{"qwen2"},
			"parameter_size": "3.1B", "quantization_level": "Q4_K_M",
		},
		"model_info":   map[string]any{"general.architecture": "qwen2", "qwen2.context_length": 32768},
		"capabilities": caps,
		"modified_at":  time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	})
}

func (s *Server) ollamaChat(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		ollamaError(w, http.StatusBadRequest, err.Error())
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		ollamaError(w, http.StatusBadRequest, "missing request body")
		return
	}
	var in ollamaChatRequest
	if err := json.Unmarshal(body, &in); err != nil {
		ollamaError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.Model == "" {
		ollamaError(w, http.StatusBadRequest, "model is required")
		return
	}
	for i := range in.Messages {
		in.Messages[i].Role = strings.ToLower(in.Messages[i].Role)
	}
	req := Request{
		Protocol: "ollama", Path: r.URL.Path, Model: in.Model, Messages: in.Messages,
		Stream: in.Stream == nil || *in.Stream, Options: in.Options, Think: in.Think,
		Header: r.Header.Clone(), Body: body,
	}
	if len(in.Format) > 0 && string(in.Format) != "null" && string(in.Format) != `""` {
		req.Format = in.Format
	}
	req.System, req.User = joinSystem(in.Messages)
	st := s.record(req)
	mode := st.mode

	if mode == OK && !s.hasModel(in.Model) {
		mode = NotFound
	}
	var rep reply
	if mode == OK {
		var thinkOff bool
		if len(in.Think) > 0 {
			var b bool
			thinkOff = json.Unmarshal(in.Think, &b) == nil && !b
		}
		maxTokens := 0
		if v, ok := req.Option("num_predict"); ok && v > 0 {
			maxTokens = int(v)
		}
		rep, err = s.answer(req, st, !thinkOff, maxTokens)
		var m Mode
		switch {
		case errors.As(err, &m):
			mode = m
		case err != nil:
			ollamaError(w, http.StatusInternalServerError, err.Error())
			return
		}
	}

	switch mode {
	case NotFound:
		ollamaError(w, http.StatusNotFound, fmt.Sprintf("model '%s' not found, try pulling it first", in.Model))
		return
	case Busy:
		ollamaError(w, http.StatusServiceUnavailable, ollamaBusy)
		return
	case RateLimited:
		ollamaError(w, http.StatusTooManyRequests, "too many requests")
		return
	case Unauthorized:
		ollamaError(w, http.StatusUnauthorized, "unauthorized")
		return
	case ServerError:
		ollamaError(w, http.StatusInternalServerError, ollamaStream)
		return
	case Hang:
		s.hang(r)
		return
	case Reset:
		first, _ := json.Marshal(ollamaChatResponse{Model: in.Model, CreatedAt: time.Now().UTC(),
			Message: ollamaMessage{Role: "assistant", Content: `{"translation": "`}})
		if !req.Stream {
			s.reset(w, "application/json; charset=utf-8", false, first, len(first)/2)
			return
		}
		last, _ := json.Marshal(ollamaChatResponse{Model: in.Model, CreatedAt: time.Now().UTC(), Done: true, DoneReason: "stop",
			Message: ollamaMessage{Role: "assistant", Content: `"}`}})
		body := append(append(first, '\n'), last...)
		s.reset(w, "application/x-ndjson", true, append(body, '\n'), len(first)+1)
		return
	case MidStreamError, Stall:
		if !req.Stream {
			if mode == Stall {
				s.hang(r)
				return
			}
			ollamaError(w, http.StatusInternalServerError, ollamaStream)
			return
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.WriteHeader(http.StatusOK)
		writeLine(w, ollamaChatResponse{Model: in.Model, CreatedAt: time.Now().UTC(),
			Message: ollamaMessage{Role: "assistant", Content: "{"}})
		flush(w)
		if mode == Stall {
			s.hang(r)
			return
		}
		writeLine(w, map[string]string{"error": ollamaStream})
		return
	}

	final := ollamaChatResponse{
		Model: in.Model, CreatedAt: time.Now().UTC(), Done: true, DoneReason: "stop",
		Message:       ollamaMessage{Role: "assistant"},
		TotalDuration: 1_234_567, LoadDuration: 123_456,
		PromptEvalCount: rep.promptTokens, PromptEvalDuration: 234_567,
		EvalCount: rep.evalTokens, EvalDuration: 345_678,
	}
	if rep.truncated {
		final.DoneReason = "length"
	}
	if !req.Stream {
		final.Message.Content = rep.content
		final.Message.Thinking = rep.thinking
		writeJSON(w, http.StatusOK, final)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	for _, c := range chunks(rep.thinking, s.cfg.ChunkRunes) {
		writeLine(w, ollamaChatResponse{Model: in.Model, CreatedAt: time.Now().UTC(),
			Message: ollamaMessage{Role: "assistant", Thinking: c}})
	}
	for _, c := range chunks(rep.content, s.cfg.ChunkRunes) {
		writeLine(w, ollamaChatResponse{Model: in.Model, CreatedAt: time.Now().UTC(),
			Message: ollamaMessage{Role: "assistant", Content: c}})
	}
	writeLine(w, final)
	flush(w)
}

// writeLine writes one NDJSON line.
func writeLine(w io.Writer, v any) {
	b, _ := json.Marshal(v)
	_, _ = w.Write(append(b, '\n'))
}

package ollama

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	ollamaapi "github.com/ollama/ollama/api"

	"github.com/parley-chat/parley/shared/fakellm"
)

func TestParseHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "http://127.0.0.1:11434"},
		{"gpu-box", "http://gpu-box:11434"},
		{"gpu-box:8080", "http://gpu-box:8080"},
		{"https://llm.example.com/", "https://llm.example.com:443"},
		{"http://10.0.0.5:11434/ollama/", "http://10.0.0.5:11434/ollama"},
	}
	for _, tt := range tests {
		u, err := ParseHost(tt.in)
		if err != nil || u.String() != tt.want {
			t.Errorf("ParseHost(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
	if _, err := ParseHost("http://"); err == nil {
		t.Error("ParseHost(http://) succeeded")
	}
	if _, err := New(Config{Host: "x"}); err == nil {
		t.Error("New without a model succeeded")
	}
}

const schema = `{"type":"object","properties":{"errors":{"type":"array"}},"required":["errors"]}`

func TestChatJSON(t *testing.T) {
	srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"judge:1b"}, Raw: true,
		Translator: func(r fakellm.Request) (string, error) {
			if r.System != "sys" || r.User != "user turn" {
				t.Errorf("system %q user %q", r.System, r.User)
			}
			return `{"errors": []}`, nil
		}})
	c, err := New(Config{Host: srv.URL(), Model: "judge:1b", Context: 2048})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ChatJSON(context.Background(), "sys", "user turn", json.RawMessage(schema))
	if err != nil || got != `{"errors": []}` {
		t.Fatalf("ChatJSON = %q, %v", got, err)
	}
	r, _ := srv.LastRequest()
	if string(r.Format) != schema || r.Stream {
		t.Errorf("format %s stream %v", r.Format, r.Stream)
	}
	for name, want := range map[string]float64{"temperature": 0, "num_ctx": 2048, "num_predict": DefaultMaxTokens} {
		if v, ok := r.Option(name); !ok || v != want {
			t.Errorf("option %s = %v, %v; want %v", name, v, ok, want)
		}
	}
}

func TestChatJSONFailures(t *testing.T) {
	long := strings.Repeat(`{"errors": []}`, 100)
	tests := []struct {
		name  string
		model string
		mode  fakellm.Mode
		check func(error) bool
	}{
		{"unknown model", "missing:1b", fakellm.OK, func(err error) bool {
			var se ollamaapi.StatusError
			return errors.As(err, &se) && se.StatusCode == 404
		}},
		{"busy", "judge:1b", fakellm.Busy, func(err error) bool { return strings.Contains(err.Error(), "server busy") }},
		{"hang", "judge:1b", fakellm.Hang, func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }},
		{"truncated", "judge:1b", fakellm.OK, func(err error) bool { return errors.Is(err, ErrTruncated) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"judge:1b"}, Raw: true, Mode: tt.mode,
				Translator: func(fakellm.Request) (string, error) { return long, nil }})
			c, err := New(Config{Host: srv.URL(), Model: tt.model, MaxTokens: 16})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			_, err = c.ChatJSON(ctx, "sys", "user", json.RawMessage(schema))
			if err == nil || !tt.check(err) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

package ollamachat_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/ollamachat"
)

func TestParseHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "http://127.0.0.1:11434"},
		{"  gpu-box ", "http://gpu-box:11434"},
		{"gpu-box:8080", "http://gpu-box:8080"},
		{"https://llm.example.com/", "https://llm.example.com:443"},
		{"http://10.0.0.5:11434/ollama/", "http://10.0.0.5:11434/ollama"},
		{"[::1]", "http://[::1]:11434"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := ollamachat.ParseHost(tt.in)
			if err != nil || u.String() != tt.want {
				t.Errorf("ParseHost(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"http://", "http://a b"} {
		if _, err := ollamachat.ParseHost(bad); err == nil || !strings.Contains(err.Error(), "OLLAMA_HOST") {
			t.Errorf("ParseHost(%q) error = %v, want one naming OLLAMA_HOST", bad, err)
		}
	}
}

// start runs a fake Ollama with model "m:1b" answering text verbatim.
func start(t *testing.T, text string) (*fakellm.Server, *api.Client) {
	t.Helper()
	srv := fakellm.StartOllama(t, fakellm.Config{Models: []string{"m:1b"}, Raw: true, ChunkRunes: 3,
		Translator: func(fakellm.Request) (string, error) { return text, nil }})
	base, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	return srv, ollamachat.NewClient(base, nil)
}

func TestChatRequest(t *testing.T) {
	tests := []struct {
		name       string
		req        ollamachat.Request
		wantSystem string
		wantMsgs   int
		wantThink  string
		wantKeep   bool
	}{
		{"user only", ollamachat.Request{User: "hi", Context: 1024, MaxTokens: 32}, "", 1, "", false},
		{"system, schema, no thinking, keep-alive",
			ollamachat.Request{System: "sys", User: "hi", Format: json.RawMessage(`{"type":"object"}`),
				Stream: true, Context: 4096, MaxTokens: 100, NoThink: true, KeepAlive: time.Minute},
			"sys", 2, "false", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := start(t, "ok")
			tt.req.Model = "m:1b"
			a, err := ollamachat.Chat(context.Background(), c, tt.req)
			if err != nil || a.Content != "ok" || !a.Done || a.Truncated() {
				t.Fatalf("Chat = %+v, %v", a, err)
			}
			if a.PromptTokens == 0 || a.CompletionTokens == 0 {
				t.Errorf("token counts %d, %d; want both set", a.PromptTokens, a.CompletionTokens)
			}
			r, _ := srv.LastRequest()
			if r.System != tt.wantSystem || len(r.Messages) != tt.wantMsgs || r.User != "hi" {
				t.Errorf("system %q, %d messages, user %q", r.System, len(r.Messages), r.User)
			}
			if r.Stream != tt.req.Stream || string(r.Format) != string(tt.req.Format) || string(r.Think) != tt.wantThink {
				t.Errorf("stream %v format %s think %s", r.Stream, r.Format, r.Think)
			}
			if _, keep := r.Options["keep_alive"]; keep {
				t.Error("keep_alive sent as an option")
			}
			if got := strings.Contains(string(r.Body), `"keep_alive"`); got != tt.wantKeep {
				t.Errorf("keep_alive sent = %v, want %v", got, tt.wantKeep)
			}
			for name, want := range map[string]float64{"temperature": 0, "num_ctx": float64(tt.req.Context), "num_predict": float64(tt.req.MaxTokens)} {
				if v, ok := r.Option(name); !ok || v != want {
					t.Errorf("option %s = %v, %v; want %v", name, v, ok, want)
				}
			}
		})
	}
}

func TestChatAnswers(t *testing.T) {
	long := strings.Repeat("word ", 40)
	tests := []struct {
		name  string
		req   ollamachat.Request
		mode  fakellm.Mode
		check func(t *testing.T, a ollamachat.Answer, err error)
	}{
		{"streamed answer is joined", ollamachat.Request{Stream: true}, fakellm.OK, func(t *testing.T, a ollamachat.Answer, err error) {
			if err != nil || a.Content != long || !a.Done || a.DoneReason != "stop" {
				t.Errorf("got %+v, %v", a, err)
			}
		}},
		{"token limit", ollamachat.Request{MaxTokens: 5}, fakellm.OK, func(t *testing.T, a ollamachat.Answer, err error) {
			if err != nil || !a.Done || !a.Truncated() {
				t.Errorf("got %+v, %v; want a truncated answer", a, err)
			}
		}},
		{"runaway", ollamachat.Request{Stream: true, MaxBytes: 20}, fakellm.OK, func(t *testing.T, a ollamachat.Answer, err error) {
			if !errors.Is(err, ollamachat.ErrRunaway) || a.Done || len(a.Content) > 20+12 {
				t.Errorf("got %d bytes, done %v, %v; want ErrRunaway soon after 20 bytes", len(a.Content), a.Done, err)
			}
		}},
		{"error inside the stream", ollamachat.Request{Stream: true}, fakellm.MidStreamError, func(t *testing.T, a ollamachat.Answer, err error) {
			if err == nil || a.Done || a.Content != "{" {
				t.Errorf("got %+v, %v; want the partial answer and an error", a, err)
			}
		}},
		{"status error", ollamachat.Request{}, fakellm.Busy, func(t *testing.T, a ollamachat.Answer, err error) {
			var se api.StatusError
			if !errors.As(err, &se) || se.StatusCode != 503 {
				t.Errorf("got %v; want a 503 api.StatusError", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := start(t, long)
			srv.SetMode(tt.mode)
			tt.req.Model, tt.req.User = "m:1b", "hi"
			a, err := ollamachat.Chat(context.Background(), c, tt.req)
			tt.check(t, a, err)
		})
	}
}

func TestCause(t *testing.T) {
	srv, c := start(t, "ok")
	srv.SetMode(fakellm.Hang)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ollamachat.Chat(ctx, c, ollamachat.Request{Model: "m:1b", User: "hi"})
	if err == nil {
		t.Fatal("Chat with a canceled context succeeded")
	}
	if got := ollamachat.Cause(ctx, err); got != context.Canceled {
		t.Errorf("Cause = %v, want context.Canceled", got)
	}
	other := errors.New("boom")
	if got := ollamachat.Cause(context.Background(), other); got != other {
		t.Errorf("Cause with a live context = %v, want the error itself", got)
	}
}

package fakellm_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	ollama "github.com/ollama/ollama/api"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/ssestream"
	oshared "github.com/openai/openai-go/v3/shared"

	"github.com/parley-chat/parley/shared/fakellm"
)

var dict = map[string]string{
	"Good morning, everyone!": "¡Buenos días a todos!",
	"See you tomorrow.":       "Hasta mañana.",
}

var schema = json.RawMessage(`{"type":"object","properties":{"translation":{"type":"string"}},"required":["translation"],"additionalProperties":false}`)

func ollamaClient(t *testing.T, s *fakellm.Server) *ollama.Client {
	t.Helper()
	u, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	return ollama.NewClient(u, &http.Client{})
}

func openaiClient(s *fakellm.Server, key string) openai.Client {
	return openai.NewClient(option.WithBaseURL(s.BaseURL()), option.WithAPIKey(key),
		option.WithMaxRetries(0), option.WithHTTPClient(&http.Client{}))
}

// ollamaChat runs one chat through the real client and collects the answer.
func ollamaChat(ctx context.Context, c *ollama.Client, req *ollama.ChatRequest) (content, thinking string, last ollama.ChatResponse, calls int, err error) {
	err = c.Chat(ctx, req, func(r ollama.ChatResponse) error {
		calls++
		content += r.Message.Content
		thinking += r.Message.Thinking
		last = r
		return nil
	})
	return content, thinking, last, calls, err
}

func userMsg(text string) []ollama.Message {
	return []ollama.Message{
		{Role: "system", Content: "Translate from English to Spanish."},
		{Role: "user", Content: "<<<\n" + text + "\n>>>"},
	}
}

func TestOllamaChat(t *testing.T) {
	f := false
	tests := []struct {
		name       string
		stream     *bool
		format     json.RawMessage
		wantText   string
		wantCalls  func(int) bool
		wantReason string
	}{
		{name: "streamed plain", wantText: "¡Buenos días a todos!", wantCalls: func(n int) bool { return n > 2 }, wantReason: "stop"},
		{name: "single answer", stream: &f, wantText: "¡Buenos días a todos!", wantCalls: func(n int) bool { return n == 1 }, wantReason: "stop"},
		{name: "streamed schema", format: schema, wantText: `{"translation":"¡Buenos días a todos!"}`, wantCalls: func(n int) bool { return n > 2 }, wantReason: "stop"},
		{name: "json mode", stream: &f, format: json.RawMessage(`"json"`), wantText: `{"translation":"¡Buenos días a todos!"}`, wantCalls: func(n int) bool { return n == 1 }, wantReason: "stop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
			c := ollamaClient(t, s)
			content, _, last, calls, err := ollamaChat(t.Context(), c, &ollama.ChatRequest{
				Model: "qwen2.5:3b", Messages: userMsg("Good morning, everyone!"), Stream: tt.stream, Format: tt.format,
				Options: map[string]any{"num_ctx": 4096, "temperature": 0},
			})
			if err != nil {
				t.Fatalf("chat: %v", err)
			}
			if content != tt.wantText {
				t.Errorf("content = %q, want %q", content, tt.wantText)
			}
			if !tt.wantCalls(calls) {
				t.Errorf("callback ran %d times", calls)
			}
			if !last.Done || last.DoneReason != tt.wantReason {
				t.Errorf("last chunk done=%v reason=%q", last.Done, last.DoneReason)
			}
			if last.EvalCount == 0 || last.PromptEvalCount == 0 || last.TotalDuration == 0 {
				t.Errorf("final metrics missing: %+v", last.Metrics)
			}
			got, ok := s.LastRequest()
			if !ok {
				t.Fatal("request not recorded")
			}
			if n, ok := got.Option("num_ctx"); !ok || n != 4096 {
				t.Errorf("num_ctx recorded as %v, %v", n, ok)
			}
			if got.System != "Translate from English to Spanish." || !strings.Contains(got.User, "Good morning") {
				t.Errorf("messages recorded as system=%q user=%q", got.System, got.User)
			}
			if got.Stream != (tt.stream == nil) {
				t.Errorf("stream recorded as %v", got.Stream)
			}
			if string(got.Format) != string(tt.format) {
				t.Errorf("format recorded as %s, want %s", got.Format, tt.format)
			}
		})
	}
}

func TestOllamaMetadataEndpoints(t *testing.T) {
	s := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b", "llama3.2:latest"}})
	c := ollamaClient(t, s)
	ctx := t.Context()
	if err := c.Heartbeat(ctx); err != nil {
		t.Fatalf("heartbeat: %v", err)
	}
	v, err := c.Version(ctx)
	if err != nil || v == "" {
		t.Fatalf("version = %q, %v", v, err)
	}
	list, err := c.List(ctx)
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	var names []string
	for _, m := range list.Models {
		names = append(names, m.Name)
		if m.Details.Format != "gguf" || m.Digest == "" {
			t.Errorf("model %s lacks details: %+v", m.Name, m)
		}
	}
	if strings.Join(names, ",") != "qwen2.5:3b,llama3.2:latest" {
		t.Errorf("models = %v", names)
	}
	show, err := c.Show(ctx, &ollama.ShowRequest{Model: "llama3.2"})
	if err != nil {
		t.Fatalf("show: %v", err)
	}
	if show.ModelInfo["general.architecture"] != "qwen2" || len(show.Capabilities) == 0 {
		t.Errorf("show = %+v", show)
	}
	_, err = c.Show(ctx, &ollama.ShowRequest{Model: "missing"})
	var se ollama.StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusNotFound {
		t.Errorf("show missing model: %v", err)
	}
}

func TestOllamaFailures(t *testing.T) {
	f := false
	tests := []struct {
		name       string
		mode       fakellm.Mode
		model      string
		stream     *bool
		wantStatus int
		wantMsg    string
		wantCtx    bool
		wantReset  bool
	}{
		{name: "unknown model", model: "nope:1b", wantStatus: 404, wantMsg: "model 'nope:1b' not found, try pulling it first"},
		{name: "busy", mode: fakellm.Busy, wantStatus: 503, wantMsg: "server busy, please try again.  maximum pending requests exceeded"},
		{name: "rate limited", mode: fakellm.RateLimited, wantStatus: 429},
		{name: "server error", mode: fakellm.ServerError, wantStatus: 500},
		{name: "mid-stream error", mode: fakellm.MidStreamError, wantMsg: "an error was encountered while running the model"},
		{name: "mid-stream error without streaming", mode: fakellm.MidStreamError, stream: &f, wantStatus: 500},
		{name: "hang", mode: fakellm.Hang, wantCtx: true},
		{name: "stall after first chunk", mode: fakellm.Stall, wantCtx: true},
		{name: "reset after the first line", mode: fakellm.Reset, wantReset: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakellm.StartOllama(t, fakellm.Config{Mode: tt.mode, Translator: fakellm.Dictionary(dict)})
			c := ollamaClient(t, s)
			ctx := t.Context()
			if tt.wantCtx {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 200*time.Millisecond)
				defer cancel()
			}
			model := tt.model
			if model == "" {
				model = "qwen2.5:3b"
			}
			_, _, _, _, err := ollamaChat(ctx, c, &ollama.ChatRequest{Model: model, Messages: userMsg("See you tomorrow."), Stream: tt.stream})
			if err == nil {
				t.Fatal("chat succeeded")
			}
			if tt.wantCtx {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want the context deadline", err)
				}
				return
			}
			if tt.wantReset {
				if !errors.Is(err, syscall.ECONNRESET) {
					t.Errorf("err = %v, want a connection reset", err)
				}
				return
			}
			var se ollama.StatusError
			if tt.wantStatus != 0 {
				if !errors.As(err, &se) || se.StatusCode != tt.wantStatus {
					t.Fatalf("err = %#v, want status %d", err, tt.wantStatus)
				}
			} else if errors.As(err, &se) {
				t.Fatalf("err = %#v, want a plain stream error", err)
			}
			if tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %q, want it to contain %q", err, tt.wantMsg)
			}
		})
	}
}

func TestOllamaThinkingAndLimits(t *testing.T) {
	f, tr := false, true
	tests := []struct {
		name         string
		cfg          fakellm.Config
		think        *ollama.ThinkValue
		numPredict   int
		wantContent  string
		wantThinking string
		wantReason   string
	}{
		{name: "thinking in its own field", cfg: fakellm.Config{Thinking: "The user greets."}, think: &ollama.ThinkValue{Value: tr},
			wantContent: "Hasta mañana.", wantThinking: "The user greets.", wantReason: "stop"},
		{name: "think=false suppresses thinking", cfg: fakellm.Config{Thinking: "The user greets."}, think: &ollama.ThinkValue{Value: f},
			wantContent: "Hasta mañana.", wantReason: "stop"},
		{name: "leaky template puts it in content", cfg: fakellm.Config{Thinking: "hmm", ThinkInContent: true}, think: &ollama.ThinkValue{Value: f},
			wantContent: "<think>hmm</think>\nHasta mañana.", wantReason: "stop"},
		{name: "num_predict truncates", numPredict: 2, wantContent: "Hasta ma", wantReason: "length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Translator = fakellm.Dictionary(dict)
			s := fakellm.StartOllama(t, tt.cfg)
			opts := map[string]any{}
			if tt.numPredict > 0 {
				opts["num_predict"] = tt.numPredict
			}
			content, thinking, last, _, err := ollamaChat(t.Context(), ollamaClient(t, s), &ollama.ChatRequest{
				Model: "qwen2.5:3b", Messages: userMsg("See you tomorrow."), Think: tt.think, Options: opts,
			})
			if err != nil {
				t.Fatal(err)
			}
			if content != tt.wantContent || thinking != tt.wantThinking || last.DoneReason != tt.wantReason {
				t.Errorf("got content=%q thinking=%q reason=%q", content, thinking, last.DoneReason)
			}
		})
	}
}

func TestTranslatorModeFailsOneRequest(t *testing.T) {
	calls := 0
	s := fakellm.StartOllama(t, fakellm.Config{Translator: func(r fakellm.Request) (string, error) {
		calls++
		if calls == 1 {
			return "", fakellm.Busy
		}
		return "Hasta mañana.", nil
	}})
	c := ollamaClient(t, s)
	_, _, _, _, err := ollamaChat(t.Context(), c, &ollama.ChatRequest{Model: "qwen2.5:3b", Messages: userMsg("x")})
	var se ollama.StatusError
	if !errors.As(err, &se) || se.StatusCode != 503 {
		t.Fatalf("first call: %v", err)
	}
	content, _, _, _, err := ollamaChat(t.Context(), c, &ollama.ChatRequest{Model: "qwen2.5:3b", Messages: userMsg("x")})
	if err != nil || content != "Hasta mañana." {
		t.Fatalf("second call: %q, %v", content, err)
	}
	if n := len(s.Requests()); n != 2 {
		t.Errorf("recorded %d requests", n)
	}
}

func TestDictionaryMissFails(t *testing.T) {
	s := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
	_, _, _, _, err := ollamaChat(t.Context(), ollamaClient(t, s), &ollama.ChatRequest{Model: "qwen2.5:3b", Messages: userMsg("Unknown sentence")})
	var se ollama.StatusError
	if !errors.As(err, &se) || se.StatusCode != 500 || !strings.Contains(se.ErrorMessage, "no dictionary entry") {
		t.Fatalf("err = %v", err)
	}
}

func openaiParams(text string, withSchema bool) openai.ChatCompletionNewParams {
	p := openai.ChatCompletionNewParams{
		Model: "gpt-4o-mini",
		Messages: []openai.ChatCompletionMessageParamUnion{
			openai.SystemMessage("Translate from English to Spanish."),
			openai.UserMessage("<<<\n" + text + "\n>>>"),
		},
		Temperature: openai.Float(0),
		MaxTokens:   openai.Int(64),
	}
	if withSchema {
		var m map[string]any
		_ = json.Unmarshal(schema, &m)
		p.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{
			OfJSONSchema: &oshared.ResponseFormatJSONSchemaParam{
				JSONSchema: oshared.ResponseFormatJSONSchemaJSONSchemaParam{Name: "translation", Schema: m, Strict: openai.Bool(true)},
			},
		}
	}
	return p
}

func TestOpenAIChat(t *testing.T) {
	for _, withSchema := range []bool{false, true} {
		want := "¡Buenos días a todos!"
		if withSchema {
			want = `{"translation":"¡Buenos días a todos!"}`
		}
		t.Run(map[bool]string{false: "text", true: "schema"}[withSchema], func(t *testing.T) {
			s := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(dict), APIKey: "sk-test"})
			c := openaiClient(s, "sk-test")

			t.Run("single answer", func(t *testing.T) {
				res, err := c.Chat.Completions.New(t.Context(), openaiParams("Good morning, everyone!", withSchema))
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Choices) != 1 || res.Choices[0].Message.Content != want || res.Choices[0].FinishReason != "stop" {
					t.Fatalf("completion = %+v", res.Choices)
				}
				if res.Usage.CompletionTokens == 0 || res.Model != "gpt-4o-mini" {
					t.Errorf("usage/model = %+v %q", res.Usage, res.Model)
				}
			})
			t.Run("stream", func(t *testing.T) {
				p := openaiParams("Good morning, everyone!", withSchema)
				p.StreamOptions = openai.ChatCompletionStreamOptionsParam{IncludeUsage: openai.Bool(true)}
				stream := c.Chat.Completions.NewStreaming(t.Context(), p)
				var acc openai.ChatCompletionAccumulator
				n := 0
				for stream.Next() {
					acc.AddChunk(stream.Current())
					n++
				}
				if err := stream.Err(); err != nil {
					t.Fatal(err)
				}
				if n < 3 || len(acc.Choices) != 1 || acc.Choices[0].Message.Content != want || acc.Choices[0].FinishReason != "stop" {
					t.Fatalf("%d chunks, accumulated %+v", n, acc.Choices)
				}
				if acc.Usage.TotalTokens == 0 {
					t.Errorf("no usage chunk")
				}
			})
			got, _ := s.LastRequest()
			if v, ok := got.Option("temperature"); !ok || v != 0 {
				t.Errorf("temperature recorded as %v %v", v, ok)
			}
			if v, ok := got.Option("max_tokens"); !ok || v != 64 {
				t.Errorf("max_tokens recorded as %v %v", v, ok)
			}
			if withSchema {
				var sch map[string]any
				if err := json.Unmarshal(got.Format, &sch); err != nil || sch["type"] != "object" {
					t.Errorf("format recorded as %s", got.Format)
				}
				if !strings.Contains(string(got.ResponseFormat), `"json_schema"`) {
					t.Errorf("response_format = %s", got.ResponseFormat)
				}
			} else if got.Format != nil {
				t.Errorf("format recorded without one: %s", got.Format)
			}
		})
	}
}

func TestOpenAIModels(t *testing.T) {
	s := fakellm.StartOpenAI(t, fakellm.Config{Models: []string{"gpt-4o-mini", "qwen2.5-7b-instruct"}})
	c := openaiClient(s, "")
	page, err := c.Models.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range page.Data {
		ids = append(ids, m.ID)
	}
	if strings.Join(ids, ",") != "gpt-4o-mini,qwen2.5-7b-instruct" {
		t.Errorf("models = %v", ids)
	}
}

func TestOpenAIFailures(t *testing.T) {
	tests := []struct {
		name       string
		mode       fakellm.Mode
		key        string
		model      string
		stream     bool
		wantStatus int
		wantCode   string
		wantStream bool
		wantCtx    bool
		wantReset  bool
	}{
		{name: "bad key", key: "wrong", wantStatus: 401, wantCode: "invalid_api_key"},
		{name: "unknown model", model: "gpt-nope", wantStatus: 404, wantCode: "model_not_found"},
		{name: "rate limited", mode: fakellm.RateLimited, wantStatus: 429, wantCode: "rate_limit_exceeded"},
		{name: "server error", mode: fakellm.ServerError, wantStatus: 500},
		{name: "overloaded", mode: fakellm.Busy, wantStatus: 503},
		{name: "overloaded while streaming", mode: fakellm.Busy, stream: true, wantStatus: 503},
		{name: "mid-stream error", mode: fakellm.MidStreamError, stream: true, wantStream: true},
		{name: "hang", mode: fakellm.Hang, wantCtx: true},
		{name: "stall", mode: fakellm.Stall, stream: true, wantCtx: true},
		{name: "reset mid-body", mode: fakellm.Reset, wantReset: true},
		{name: "reset after the first event", mode: fakellm.Reset, stream: true, wantReset: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakellm.StartOpenAI(t, fakellm.Config{Mode: tt.mode, Translator: fakellm.Dictionary(dict), APIKey: "sk-test"})
			key := tt.key
			if key == "" {
				key = "sk-test"
			}
			c := openaiClient(s, key)
			ctx := t.Context()
			if tt.wantCtx {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 200*time.Millisecond)
				defer cancel()
			}
			p := openaiParams("See you tomorrow.", true)
			if tt.model != "" {
				p.Model = tt.model
			}
			var err error
			if tt.stream {
				stream := c.Chat.Completions.NewStreaming(ctx, p)
				for stream.Next() {
				}
				err = stream.Err()
			} else {
				_, err = c.Chat.Completions.New(ctx, p)
			}
			if err == nil {
				t.Fatal("no error")
			}
			switch {
			case tt.wantCtx:
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want the context deadline", err)
				}
			case tt.wantReset:
				if !errors.Is(err, syscall.ECONNRESET) {
					t.Errorf("err = %v, want a connection reset", err)
				}
			case tt.wantStream:
				var se *ssestream.StreamError
				if !errors.As(err, &se) {
					t.Errorf("err = %#v, want a stream error", err)
				}
			default:
				var ae *openai.Error
				if !errors.As(err, &ae) || ae.StatusCode != tt.wantStatus {
					t.Fatalf("err = %v, want status %d", err, tt.wantStatus)
				}
				if tt.wantCode != "" && ae.Code != tt.wantCode {
					t.Errorf("code = %q, want %q", ae.Code, tt.wantCode)
				}
				if ae.Message == "" || ae.Type == "" {
					t.Errorf("error body not decoded: %+v", ae)
				}
			}
		})
	}
}

func TestOpenAILimitAndReasoning(t *testing.T) {
	s := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(dict), Thinking: "greeting"})
	p := openaiParams("See you tomorrow.", false)
	p.MaxTokens = openai.Int(2)
	c := openaiClient(s, "")
	res, err := c.Chat.Completions.New(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	ch := res.Choices[0]
	if ch.FinishReason != "length" || ch.Message.Content != "Hasta ma" {
		t.Errorf("finish=%q content=%q", ch.FinishReason, ch.Message.Content)
	}
	if r := ch.Message.JSON.ExtraFields["reasoning_content"].Raw(); r != `"greeting"` {
		t.Errorf("reasoning_content = %s", r)
	}
}

func TestCloseReleasesHangingRequests(t *testing.T) {
	s := fakellm.NewOllama(fakellm.Config{Mode: fakellm.Hang})
	c := ollamaClient(t, s)
	errc := make(chan error, 1)
	go func() {
		_, _, _, _, err := ollamaChat(context.Background(), c, &ollama.ChatRequest{Model: "qwen2.5:3b", Messages: userMsg("x")})
		errc <- err
	}()
	for len(s.Requests()) == 0 {
		time.Sleep(time.Millisecond)
	}
	s.Close()
	if err := <-errc; err == nil {
		t.Fatal("hanging chat returned no error after Close")
	}
}

// A bounded fake remembers the latest requests only, in order.
func TestKeepRequestsBoundsWhatIsRemembered(t *testing.T) {
	s := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Scramble(), KeepRequests: 3})
	c := ollamaClient(t, s)
	for i := range 10 {
		text := "message " + string(rune('a'+i))
		if _, _, _, _, err := ollamaChat(t.Context(), c, &ollama.ChatRequest{Model: "qwen2.5:3b", Messages: userMsg(text)}); err != nil {
			t.Fatal(err)
		}
		reqs := s.Requests()
		if want := min(i+1, 3); len(reqs) != want {
			t.Fatalf("after %d requests Requests has %d, want %d", i+1, len(reqs), want)
		}
		if last, ok := s.LastRequest(); !ok || !strings.Contains(last.Data(), text) || !strings.Contains(reqs[len(reqs)-1].Data(), text) {
			t.Fatalf("the latest request is not the last remembered: %+v", reqs)
		}
		if len(reqs) == 3 && !strings.Contains(reqs[0].Data(), "message "+string(rune('a'+i-2))) {
			t.Fatalf("after %d requests the oldest remembered is %q", i+1, reqs[0].Data())
		}
	}
}

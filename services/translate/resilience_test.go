package translate_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/service"
)

func failThen(m fakellm.Mode, then fakellm.Translator) fakellm.Translator {
	return fakellm.Sequence(func(fakellm.Request) (string, error) { return "", m }, then)
}

// Only transient failures are retried, and only within the rung's budget.
func TestRetriesOnlyTransientErrors(t *testing.T) {
	ok := fakellm.Dictionary(esDict)
	tests := []struct {
		name      string
		tr        fakellm.Translator
		mode      fakellm.Mode
		cfg       translate.ChainConfig
		wantCalls int
		wantOK    bool
	}{
		{name: "busy then fine", tr: failThen(fakellm.Busy, ok), wantCalls: 2, wantOK: true},
		{name: "rate limited then fine", tr: failThen(fakellm.RateLimited, ok), wantCalls: 2, wantOK: true},
		{name: "server error then fine", tr: failThen(fakellm.ServerError, ok), wantCalls: 2, wantOK: true},
		{name: "error mid-stream then fine", tr: failThen(fakellm.MidStreamError, ok), wantCalls: 2, wantOK: true},
		{name: "busy twice", mode: fakellm.Busy, wantCalls: 2},
		{name: "two retries allowed", mode: fakellm.Busy, cfg: translate.ChainConfig{Retries: 2}, wantCalls: 3},
		{name: "retries off", tr: failThen(fakellm.Busy, ok), cfg: translate.ChainConfig{Retries: -1}, wantCalls: 1},
		{name: "model missing is not retried", mode: fakellm.NotFound, wantCalls: 1},
		{name: "refused key is not retried", mode: fakellm.Unauthorized, wantCalls: 1},
		{name: "a hang is not retried", mode: fakellm.Hang, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tt.tr
			if tr == nil {
				tr = ok
			}
			f := fakellm.StartOllama(t, fakellm.Config{Translator: tr, Mode: tt.mode})
			ob, err := ollama.New(t.Context(), ollama.Config{Host: f.URL(), Model: "qwen2.5:3b", Refresh: time.Hour}, nil)
			if err != nil {
				t.Fatal(err)
			}
			tt.cfg.RetryBackoff = time.Millisecond
			// Only the hanging server needs a short timeout; the others
			// answer at once, and their calls and retries must not run out
			// of the rung's time on a busy machine.
			timeout := 10 * time.Second
			if tt.mode == fakellm.Hang {
				timeout = 300 * time.Millisecond
			}
			c := translate.NewChain([]translate.Rung{{Name: "ollama", Backend: ob, Timeout: timeout}}, tt.cfg, nil)
			defer c.Close()
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(f.Requests()); got != tt.wantCalls {
				t.Errorf("%d calls, want %d (attempts %+v)", got, tt.wantCalls, resp.Attempts)
			}
			if (resp.Status == api.StatusTranslated) != tt.wantOK {
				t.Errorf("got %+v", resp)
			}
			if !tt.wantOK && tt.wantCalls > 1 && resp.Attempts[0].Retries != tt.wantCalls-1 {
				t.Errorf("attempt retries = %d", resp.Attempts[0].Retries)
			}
		})
	}
}

// TestConnectionResetIsAFailedCall: a server that sends 200 and half the
// answer, then resets the connection (fakellm.Reset: a real RST), has
// taken the request. That call failed and is retried (docs/translate.md,
// "Retries"); the rung stays available for the next requests, and only
// TRANSLATE_BREAKER_FAILURES such failures in a row take it out (for the
// cooldown), never one bad connection.
func TestConnectionResetIsAFailedCall(t *testing.T) {
	ok := fakellm.Dictionary(esDict)
	req := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"}
	rungs := []struct {
		name  string
		start func(t *testing.T, tr fakellm.Translator) (*fakellm.Server, translate.Rung)
	}{
		{"ollama streaming", func(t *testing.T, tr fakellm.Translator) (*fakellm.Server, translate.Rung) {
			f := fakellm.StartOllama(t, fakellm.Config{Translator: tr})
			b, err := ollama.New(t.Context(), ollama.Config{Host: f.URL(), Model: "qwen2.5:3b", Stream: true, Refresh: time.Hour}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return f, translate.Rung{Name: "ollama", Backend: b, Timeout: 3 * time.Second}
		}},
		{"openai", func(t *testing.T, tr fakellm.Translator) (*fakellm.Server, translate.Rung) {
			f := fakellm.StartOpenAI(t, fakellm.Config{Translator: tr})
			b, err := openai.New(t.Context(), openai.Config{BaseURL: f.BaseURL(), Model: "gpt-4o-mini", Refresh: time.Hour}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return f, translate.Rung{Name: "openai", Backend: b, Timeout: 3 * time.Second}
		}},
		{"openai streaming", func(t *testing.T, tr fakellm.Translator) (*fakellm.Server, translate.Rung) {
			f := fakellm.StartOpenAI(t, fakellm.Config{Translator: tr})
			b, err := openai.New(t.Context(), openai.Config{BaseURL: f.BaseURL(), Model: "gpt-4o-mini", Stream: true, Refresh: time.Hour}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return f, translate.Rung{Name: "openai", Backend: b, Timeout: 3 * time.Second}
		}},
	}
	for _, rt := range rungs {
		t.Run(rt.name+": retried, rung stays up", func(t *testing.T) {
			f, rung := rt.start(t, failThen(fakellm.Reset, ok))
			c := translate.NewChain([]translate.Rung{rung}, translate.ChainConfig{BreakerFailures: 2, RetryBackoff: time.Millisecond}, nil)
			defer c.Close()
			for i, wantCalls := range []int{2, 3, 4} {
				resp, err := c.Translate(t.Context(), req)
				if err != nil {
					t.Fatal(err)
				}
				// The first request's call is reset and retried; the
				// later ones are not skipped as unavailable.
				if resp.Status != api.StatusTranslated || len(f.Requests()) != wantCalls {
					t.Fatalf("request %d: %+v after %d calls, want translated after %d", i, resp, len(f.Requests()), wantCalls)
				}
			}
		})
		t.Run(rt.name+": the breaker counts resets", func(t *testing.T) {
			var clock atomic.Int64
			clock.Store(time.Now().UnixNano())
			f, rung := rt.start(t, ok)
			f.SetMode(fakellm.Reset)
			c := translate.NewChain([]translate.Rung{rung}, translate.ChainConfig{BreakerFailures: 2, BreakerCooldown: time.Minute,
				Retries: -1, Now: func() time.Time { return time.Unix(0, clock.Load()) }}, nil)
			defer c.Close()
			// attempt is the rung's attempt (empty when it served).
			attempt := func() api.Attempt {
				t.Helper()
				resp, err := c.Translate(t.Context(), req)
				if err != nil {
					t.Fatal(err)
				}
				if resp.Status == api.StatusTranslated {
					return api.Attempt{}
				}
				return resp.Attempts[0]
			}
			for i := range 2 {
				if a := attempt(); !strings.HasPrefix(a.Error, "failed: ") {
					t.Fatalf("reset %d: attempt %+v, want failed (not unavailable)", i, a)
				}
			}
			f.SetMode(fakellm.OK)
			if a := attempt(); a.Error != "skipped: circuit open after repeated failures" {
				t.Fatalf("after %d resets in a row: %+v, want the circuit open", 2, a)
			}
			clock.Add(int64(2 * time.Minute))
			if a := attempt(); a.Error != "" {
				t.Fatalf("after the cooldown: %+v, want the probe to translate", a)
			}
			if got := len(f.Requests()); got != 3 {
				t.Errorf("%d calls, want 3 (two resets, one probe)", got)
			}
		})
	}
}

// A caller that goes away cancels the model call: the fake Ollama sees its
// HTTP request cancelled.
func TestCancellationReachesTheModel(t *testing.T) {
	f := fakellm.StartOllama(t, fakellm.Config{Mode: fakellm.Hang})
	ob, err := ollama.New(t.Context(), ollama.Config{Host: f.URL(), Model: "qwen2.5:3b", Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := translate.NewChain([]translate.Rung{{Name: "ollama", Backend: ob, Timeout: time.Minute}}, translate.ChainConfig{}, nil)
	defer c.Close()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan *api.TranslateResponse)
	go func() {
		resp, _ := c.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
		done <- resp
	}()
	eventually(t, t.Context(), func() bool { return len(f.Requests()) == 1 })
	cancel()
	resp := <-done
	if resp.Status != api.StatusOriginal {
		t.Fatalf("got %+v", resp)
	}
	eventually(t, t.Context(), func() bool { return f.Canceled() == 1 })
}

// Over NATS a caller cancels by publishing its request id on
// parley.translate.v1.cancel; the replica running the request (whichever
// it is) cancels the model call.
func TestCancellationOverNATS(t *testing.T) {
	f := fakellm.StartOllama(t, fakellm.Config{Mode: fakellm.Hang})
	nc := startReplicas(t, 2, map[string]string{"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": f.URL(), "OLLAMA_TIMEOUT": "1m"})
	ctx, cancel := context.WithTimeout(service.WithRequestID(t.Context(), "req-42"), time.Minute)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		_, err := client.Translate{NC: nc}.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
		errc <- err
	}()
	eventually(t, t.Context(), func() bool { return len(f.Requests()) == 1 })
	msg, _ := json.Marshal(api.TranslateCancel{RequestID: "req-42"})
	if err := nc.Publish(api.SubjectTranslateCancel, msg); err != nil {
		t.Fatal(err)
	}
	eventually(t, t.Context(), func() bool { return f.Canceled() == 1 })
	// The canceled request is answered at once (with the original text).
	if err := <-errc; err != nil && !strings.Contains(err.Error(), "cancel") {
		t.Errorf("err = %v", err)
	}
}

// The typed client tells the service when its caller goes away: cancelling
// the context of client.Translate (no request id of its own) cancels the
// model call on whichever replica runs it.
func TestClientCancelReachesTheModel(t *testing.T) {
	f := fakellm.StartOllama(t, fakellm.Config{Mode: fakellm.Hang})
	nc := startReplicas(t, 2, map[string]string{"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": f.URL(), "OLLAMA_TIMEOUT": "1m"})
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	reqCtx, leave := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		_, err := client.Translate{NC: nc}.Translate(reqCtx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
		errc <- err
	}()
	eventually(t, ctx, func() bool { return len(f.Requests()) == 1 })
	leave()
	if err := <-errc; api.ErrorCode(err) != api.CodeCanceled {
		t.Errorf("err = %v, want canceled", err)
	}
	eventually(t, ctx, func() bool { return f.Canceled() == 1 })
}

// A rate-limited endpoint that says when to come back is not asked
// sooner: within the budget the retry waits for it, past the budget the
// rung gives up at once and the next rung serves.
func TestRetryAfterIsHonoured(t *testing.T) {
	ok := fakellm.Dictionary(esDict)
	for _, tt := range []struct {
		name       string
		retryAfter string
		wantCalls  int
		wantOK     bool
	}{
		{"no Retry-After: the backoff", "", 2, true},
		{"Retry-After within the budget", "1", 2, true},
		{"Retry-After past the budget", "30", 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := fakellm.StartOpenAI(t, fakellm.Config{Translator: failThen(fakellm.RateLimited, ok), RetryAfter: tt.retryAfter})
			ab, err := openai.New(t.Context(), openai.Config{BaseURL: f.BaseURL(), Model: "gpt-4o-mini", Languages: []string{"en", "es"}, Refresh: time.Hour}, nil)
			if err != nil {
				t.Fatal(err)
			}
			c := translate.NewChain([]translate.Rung{{Name: "openai", Backend: ab, Timeout: 3 * time.Second}},
				translate.ChainConfig{RetryBackoff: time.Millisecond}, nil)
			defer c.Close()
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(f.Requests()); got != tt.wantCalls {
				t.Errorf("%d calls, want %d (attempts %+v)", got, tt.wantCalls, resp.Attempts)
			}
			if (resp.Status == api.StatusTranslated) != tt.wantOK {
				t.Errorf("got %+v", resp)
			}
		})
	}
}

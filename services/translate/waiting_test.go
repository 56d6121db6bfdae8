package translate_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestCachedTranslationsAreNotQueuedBehindTheModel: with every worker's
// request waiting on a slow model, a cached translation is still served
// and a new one still reaches the model (which has room), because a
// request waiting on the model hands its worker on (TRANSLATE_WAITING).
// With TRANSLATE_WAITING=0 the same requests queue behind the slow ones.
func TestCachedTranslationsAreNotQueuedBehindTheModel(t *testing.T) {
	for _, tc := range []struct {
		waiting string
		served  bool
	}{
		{"", true}, // the default
		{"0", false},
	} {
		t.Run("waiting="+tc.waiting, func(t *testing.T) {
			gate := fakellm.NewGate()
			dict := fakellm.Dictionary(map[string]string{
				"Good morning, everyone!": "¡Buenos días a todos!",
				"See you at the standup":  "Nos vemos en el standup",
				"slow one":                "lento uno",
				"slow two":                "lento dos",
			})
			slow := func(r fakellm.Request) bool { return strings.Contains(r.User, "slow") }
			ol := fakellm.StartOllama(t, fakellm.Config{Translator: gate.Hold(slow, dict)})
			t.Cleanup(gate.Open)
			env := map[string]string{
				"TRANSLATE_CHAIN":    "ollama",
				"OLLAMA_HOST":        ol.URL(),
				"OLLAMA_CONCURRENCY": "4",
				"OLLAMA_TIMEOUT":     "60s",
				"TRANSLATE_TIMEOUT":  "60s",
				"TRANSLATE_WORKERS":  "2",
			}
			if tc.waiting != "" {
				env["TRANSLATE_WAITING"] = tc.waiting
			}
			c := startService(t, env)
			ask := func(ctx context.Context, text string) (*api.TranslateResponse, error) {
				return c.Translate(ctx, api.TranslateRequest{Text: text, Source: "en", Target: "es"})
			}
			ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
			defer cancel()
			if _, err := ask(ctx, "Good morning, everyone!"); err != nil {
				t.Fatal(err)
			}

			// Both workers' requests wait on the model.
			slowDone := make(chan error, 2)
			for _, text := range []string{"slow one", "slow two"} {
				go func() {
					resp, err := ask(t.Context(), text)
					if err == nil && resp.Status != api.StatusTranslated {
						t.Errorf("%q: %+v", text, resp)
					}
					slowDone <- err
				}()
			}
			gate.WaitHeld(t, 2)

			if !tc.served {
				// Queued behind the slow requests: the short budget runs
				// out before a worker is free.
				short, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
				defer cancel()
				if resp, err := ask(short, "Good morning, everyone!"); err == nil {
					t.Fatalf("with TRANSLATE_WAITING=0, a request behind two waiting workers was answered: %+v", resp)
				}
			} else {
				resp, err := ask(ctx, "Good morning, everyone!")
				if err != nil || resp.Cache == "" || resp.Text != "¡Buenos días a todos!" {
					t.Fatalf("the cached translation behind two waiting requests: %+v, %v", resp, err)
				}
				resp, err = ask(ctx, "See you at the standup")
				if err != nil || resp.Status != api.StatusTranslated || resp.Cache != "" {
					t.Fatalf("a new translation while the model has room: %+v, %v", resp, err)
				}
				select {
				case err := <-slowDone:
					t.Fatalf("a slow request ended before the model answered it: %v", err)
				default:
				}
			}
			gate.Open()
			for range 2 {
				if err := <-slowDone; err != nil {
					t.Errorf("slow request: %v", err)
				}
			}
		})
	}
}

// BenchmarkCachedBehindSlowModel: the latency of a cached translation
// while the replica's two workers are kept busy by requests for a model
// that takes 20 ms a call. "baseline" is the same hit with the model
// idle; "waiting" hands a waiting request's worker on (the default);
// "waiting-0" keeps it (TRANSLATE_WAITING=0), so the hit queues for a
// worker behind the model's calls.
func BenchmarkCachedBehindSlowModel(b *testing.B) {
	const delay = 20 * time.Millisecond
	for _, bc := range []struct {
		name, waiting string
		busy          bool
	}{
		{"baseline", "", false},
		{"waiting", "", true},
		{"waiting-0", "0", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			scramble := fakellm.Scramble()
			ol := fakellm.StartOllama(b, fakellm.Config{Translator: func(r fakellm.Request) (string, error) {
				if strings.Contains(r.User, "slow") {
					time.Sleep(delay)
				}
				return scramble(r)
			}})
			env := map[string]string{
				"TRANSLATE_CHAIN":    "ollama",
				"OLLAMA_HOST":        ol.URL(),
				"OLLAMA_CONCURRENCY": "8",
				"TRANSLATE_WORKERS":  "2",
			}
			if bc.waiting != "" {
				env["TRANSLATE_WAITING"] = bc.waiting
			}
			c := client.Translate{NC: startReplicas(b, 1, env)}
			hit := api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"}
			if _, err := c.Translate(b.Context(), hit); err != nil {
				b.Fatal(err)
			}
			ctx, stop := context.WithCancel(b.Context())
			var busy sync.WaitGroup
			if bc.busy {
				// Two callers keep two uncached requests at the model.
				var n atomic.Int64
				for range 2 {
					busy.Go(func() {
						for ctx.Err() == nil {
							text := fmt.Sprintf("a slow message, number %d", n.Add(1))
							_, _ = c.Translate(ctx, api.TranslateRequest{Text: text, Source: "en", Target: "es"})
						}
					})
				}
				time.Sleep(2 * delay)
			}
			for b.Loop() {
				resp, err := c.Translate(b.Context(), hit)
				if err != nil || resp.Cache == "" {
					b.Fatalf("%+v %v", resp, err)
				}
			}
			b.StopTimer()
			stop()
			busy.Wait()
		})
	}
}

package pipeline_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// busyTranslate refuses its first refusals requests as overloaded (the
// translate service's pool was full), then translates.
type busyTranslate struct {
	refusals int32
	calls    atomic.Int32
}

func (b *busyTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	if b.calls.Add(1) <= b.refusals {
		return nil, api.Errorf(api.CodeOverloaded, "parley-translate is overloaded; retry later")
	}
	return &api.TranslateResponse{Text: "hola", Status: api.StatusTranslated, Backend: "ollama"}, nil
}

// TestOverloadedTranslationRetried: a translation refused as overloaded
// is asked for again after short, doubling waits, within the budget, up
// to MaxOverloadRetries times; more refusals (real overload), no time
// for the wait, or retries turned off degrade the view.
func TestOverloadedTranslationRetried(t *testing.T) {
	tests := []struct {
		name       string
		refusals   int32
		backoff    time.Duration
		budget     time.Duration
		translated bool
		calls      int32
	}{
		{"refused once", 1, 0, 5 * time.Second, true, 2},
		{"refused as often as retried", pipeline.MaxOverloadRetries, 10 * time.Millisecond, 5 * time.Second, true, pipeline.MaxOverloadRetries + 1},
		{"refused once more", pipeline.MaxOverloadRetries + 1, 10 * time.Millisecond, 5 * time.Second, false, pipeline.MaxOverloadRetries + 1},
		{"no time to wait", 1, 0, 300 * time.Millisecond, false, 1},
		{"retry off", 1, -1, 5 * time.Second, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &busyTranslate{refusals: tt.refusals}
			p := &pipeline.Pipeline{Detect: langDetect{"en"}, Translate: tr, Glossary: echoGlossary{},
				Quality: rejectQuality{}, Safety: &echoSafety{}, OverloadBackoff: tt.backoff}
			ctx, cancel := context.WithTimeout(context.Background(), tt.budget)
			defer cancel()
			v, err := p.Run(ctx, pipeline.Request{Text: "hello", Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Status == api.StatusTranslated; got != tt.translated || tr.calls.Load() != tt.calls {
				t.Fatalf("status %s after %d calls (%v), want translated %v after %d", v.Status, tr.calls.Load(), v.Reason, tt.translated, tt.calls)
			}
			if !tt.translated && !slices.Contains(v.Degraded, pipeline.DegradedTranslate) {
				t.Fatalf("an overloaded view is not degraded: %+v", v)
			}
		})
	}
}

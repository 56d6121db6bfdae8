package messages

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// scriptedServices answer every pipeline step at once but translate, which
// answers what answer says (and counts its calls); block, when set, holds
// every translation until it is closed.
type scriptedServices struct {
	armServices
	calls  atomic.Int32
	block  chan struct{}
	mu     sync.Mutex
	answer func(api.TranslateRequest) (*api.TranslateResponse, error)
}

func (f *scriptedServices) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.calls.Add(1)
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return nil, api.Errorf(api.CodeTimeout, "canceled")
		}
	}
	f.mu.Lock()
	answer := f.answer
	f.mu.Unlock()
	return answer(req)
}

func (f *scriptedServices) set(answer func(api.TranslateRequest) (*api.TranslateResponse, error)) {
	f.mu.Lock()
	f.answer = answer
	f.mu.Unlock()
}

func translated(api.TranslateRequest) (*api.TranslateResponse, error) {
	return &api.TranslateResponse{Text: "hola", Status: api.StatusTranslated, Backend: "ollama"}, nil
}

// original answers the original with the chain's attempts.
func original(attempts ...api.Attempt) func(api.TranslateRequest) (*api.TranslateResponse, error) {
	return func(req api.TranslateRequest) (*api.TranslateResponse, error) {
		return &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none",
			Reason: "no backend translated en to es", Attempts: attempts}, nil
	}
}

func newScriptedRenderer(f *scriptedServices) *Renderer {
	return &Renderer{
		Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
		Cache:    NewViewCache(time.Minute, 100),
	}
}

// TestConcurrentReadersShareOneRender: readers who ask for one view at
// the same moment share its render (one translation), and a reader who
// leaves does not cancel it for the others.
func TestConcurrentReadersShareOneRender(t *testing.T) {
	f := &scriptedServices{block: make(chan struct{}), answer: translated}
	r := newScriptedRenderer(f)
	m := api.Message{ID: "m1", Conversation: "c1", Text: "hello", Source: "en", Revision: 1}
	const readers = 20
	leaving, leave := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	views := make([]*api.MessageView, readers)
	errs := make([]error, readers)
	for i := range readers {
		ctx := context.Background()
		if i == 0 {
			ctx = leaving // the reader that starts the render leaves
		}
		wg.Go(func() {
			if i%2 == 0 {
				views[i], errs[i] = r.View(ctx, m, "es", "", false)
				return
			}
			page, err := r.Views(ctx, []api.Message{m}, "es", "", false)
			if err == nil {
				views[i] = &page[0]
			}
			errs[i] = err
		})
		if i == 0 {
			// The first reader's render has reached translate.
			for f.calls.Load() == 0 {
				time.Sleep(time.Millisecond)
			}
		}
	}
	// The others join before the first leaves: a run nobody waits for
	// any more is cancelled, and a late reader would start another.
	joined := func() int {
		r.rendersMu.Lock()
		defer r.rendersMu.Unlock()
		for _, fl := range r.renders {
			return fl.waiters
		}
		return 0
	}
	for deadline := time.Now().Add(10 * time.Second); joined() != readers; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d readers joined the render", joined(), readers)
		}
	}
	leave()
	time.Sleep(20 * time.Millisecond)
	close(f.block)
	wg.Wait()
	if errs[0] == nil {
		t.Fatal("the reader that left got a view")
	}
	for i := 1; i < readers; i++ {
		if errs[i] != nil || views[i].Status != api.StatusTranslated || views[i].Text != "hola" {
			t.Fatalf("reader %d: %+v, %v", i, views[i], errs[i])
		}
	}
	if n := f.calls.Load(); n != 1 {
		t.Fatalf("%d translations for one view read by %d readers", n, readers)
	}
}

// TestFailedTranslationIsDegraded: a view that serves the original because
// its translation failed (a rung failed or was down, quality rejected the
// translation) is marked degraded and not cached, so that once the
// backend recovers the next read is translated; one that serves the
// original because nothing is to be translated (the reader's language, a
// pair no rung translates, a rung turned off) is neither.
func TestFailedTranslationIsDegraded(t *testing.T) {
	tests := []struct {
		name     string
		source   string
		answer   func(api.TranslateRequest) (*api.TranslateResponse, error)
		degraded bool
	}{
		{"rung failed", "en", original(api.Attempt{Backend: "ollama", Error: "timeout: no answer within 10s"}), true},
		{"rung down", "en", original(api.Attempt{Backend: "ollama", Error: api.AttemptSkipped + api.SkipTextUnavailable}), true},
		{"circuit open", "en", original(api.Attempt{Backend: "ollama", Error: api.AttemptSkipped + api.SkipTextCircuitOpen}), true},
		{"quality rejected", "en", func(req api.TranslateRequest) (*api.TranslateResponse, error) {
			if len(req.Exclude) == 0 {
				return &api.TranslateResponse{Text: "xx", Status: api.StatusTranslated, Backend: "ollama"}, nil
			}
			return original()(req)
		}, true},
		{"pair not supported", "en", original(api.Attempt{Backend: "apertium", Error: api.AttemptSkipped + api.SkipTextUnsupported + "en to es"}), false},
		{"kill switch", "en", original(api.Attempt{Backend: "ollama", Error: api.AttemptSkipped + api.SkipTextKillSwitch + "no_llm flag"}), false},
		{"not configured", "en", original(api.Attempt{Backend: "openai", Error: api.AttemptSkipped + "not configured (set OPENAI_BASE_URL)"}), false},
		{"nothing to translate", "en", func(req api.TranslateRequest) (*api.TranslateResponse, error) {
			return &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none", Reason: "nothing to translate"}, nil
		}, false},
		{"reader's language", "es", translated, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &scriptedServices{answer: tt.answer}
			r := newScriptedRenderer(f)
			if tt.name == "quality rejected" {
				r.Pipeline.Quality = rejectXX{}
			}
			m := api.Message{ID: "m1", Conversation: "c1", Text: "hello there", Source: tt.source, Revision: 1}
			v, err := r.View(context.Background(), m, "es", "", false)
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != api.StatusOriginal {
				t.Fatalf("view %+v", v)
			}
			degraded := len(v.Degraded) == 1 && v.Degraded[0] == pipeline.DegradedTranslate
			if degraded != tt.degraded {
				t.Fatalf("degraded %v, want %v: %+v", v.Degraded, tt.degraded, v)
			}
			// The backend recovers: a degraded view was not cached, so the
			// next read translates; any other was, and stays.
			f.set(translated)
			v, err = r.View(context.Background(), m, "es", "", false)
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.degraded; (v.Status == api.StatusTranslated) != want || (want && len(v.Degraded) > 0) {
				t.Fatalf("after recovery: %+v", v)
			}
		})
	}
}

// rejectXX is a quality service that rejects the translation "xx".
type rejectXX struct{}

func (rejectXX) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	if req.Translation == "xx" {
		return &api.QualityResponse{Score: 5, Decision: api.DecisionRetry}, nil
	}
	return &api.QualityResponse{Score: 90, Decision: api.DecisionAccept}, nil
}

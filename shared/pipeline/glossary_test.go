package pipeline_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// fakeServices stand in for translate, glossary, quality and safety. The
// glossary has one term, thread -> hilo; verify reports it applied when
// the translation contains "hilo".
type fakeServices struct {
	translate func(req api.TranslateRequest) *api.TranslateResponse
	// retryScore is quality's score for translations made with
	// StrictTerms (0: the usual).
	retryScore float64

	mu        sync.Mutex
	requests  []api.TranslateRequest
	qualities []api.QualityRequest
	// glossaryFormats are the formats of the prepare and verify requests.
	glossaryFormats []string
}

func (f *fakeServices) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	return &api.DetectResponse{Language: "en"}, nil
}

func (f *fakeServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()
	return f.translate(req), nil
}

func (f *fakeServices) Prepare(_ context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	f.mu.Lock()
	f.glossaryFormats = append(f.glossaryFormats, req.Format)
	f.mu.Unlock()
	i := strings.Index(req.Text, "thread")
	if i < 0 {
		return &api.GlossaryPrepareResponse{}, nil
	}
	return &api.GlossaryPrepareResponse{
		Matches: []api.TermMatch{{Glossary: "product", Source: "thread", Target: "hilo", Start: i, End: i + len("thread")}},
		Terms:   []api.TermHint{{Source: "thread", Target: "hilo"}},
		Version: "v1",
	}, nil
}

func (f *fakeServices) Verify(_ context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	f.mu.Lock()
	f.glossaryFormats = append(f.glossaryFormats, req.Format)
	f.mu.Unlock()
	status, compliance := api.TermMissing, 0.0
	if strings.Contains(req.Translation, "hilo") {
		status, compliance = api.TermApplied, 1
	}
	return &api.GlossaryReport{Terms: []api.TermReport{{Glossary: "product", Source: "thread", Target: "hilo", Status: status}}, Compliance: compliance}, nil
}

func (f *fakeServices) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	f.mu.Lock()
	f.qualities = append(f.qualities, req)
	strict := len(f.requests) > 0 && f.requests[len(f.requests)-1].StrictTerms
	f.mu.Unlock()
	q := &api.QualityResponse{Score: 90, Decision: api.DecisionAccept}
	if req.Glossary != nil && req.Glossary.Compliance < 1 {
		q = &api.QualityResponse{Score: 72, Decision: api.DecisionAcceptWithWarning,
			Signals: []api.Signal{{Name: "glossary", Value: req.Glossary.Compliance, Weight: 30, Reason: "glossary report: missing"}}}
	}
	if strict && f.retryScore > 0 {
		q = &api.QualityResponse{Score: f.retryScore, Decision: api.DecisionRetry}
	}
	return q, nil
}

func (f *fakeServices) Check(context.Context, api.SafetyRequest) (*api.SafetyResponse, error) {
	return &api.SafetyResponse{Source: api.Verdict{Safe: true}}, nil
}

// llm answers like a prompted backend: ignoring the term unless it is a
// requirement (follows), or always (ignores).
func llm(follows bool) func(api.TranslateRequest) *api.TranslateResponse {
	return func(req api.TranslateRequest) *api.TranslateResponse {
		text := "Abre una conversación nueva."
		if req.StrictTerms && follows {
			text = "Abre un hilo nuevo."
		}
		if !strings.Contains(req.Text, "thread") {
			text = "Buenos días."
		}
		return &api.TranslateResponse{Text: text, Status: api.StatusTranslated, Backend: "ollama", Model: "m", PromptID: "chat-translate", PromptVersion: 2}
	}
}

// engine answers like Apertium: no prompt, unknown words counted.
func engine(api.TranslateRequest) *api.TranslateResponse {
	return &api.TranslateResponse{Text: "Abre una conversación nueva.", Status: api.StatusTranslated, Backend: "apertium", Model: "eng-spa", UnknownWords: 2}
}

func TestGlossaryEnforcement(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		translate  func(api.TranslateRequest) *api.TranslateResponse
		retryScore float64
		wantText   string
		wantCalls  int
		retried    bool
		flagged    bool
		decision   string
	}{
		{name: "no term violated", text: "Good morning.", translate: llm(false), wantText: "Buenos días.", wantCalls: 1, decision: api.DecisionAccept},
		{name: "retry follows the requirement", text: "Open a new thread.", translate: llm(true), wantText: "Abre un hilo nuevo.",
			wantCalls: 2, retried: true, decision: api.DecisionAccept},
		{name: "retry ignores it too", text: "Open a new thread.", translate: llm(false), wantText: "Abre una conversación nueva.",
			wantCalls: 2, retried: true, flagged: true, decision: api.DecisionFlagForReview},
		{name: "quality discards the retry", text: "Open a new thread.", translate: llm(true), retryScore: 20, wantText: "Abre una conversación nueva.",
			wantCalls: 2, retried: true, flagged: true, decision: api.DecisionFlagForReview},
		{name: "engine without prompt is not retried", text: "Open a new thread.", translate: engine, wantText: "Abre una conversación nueva.",
			wantCalls: 1, flagged: true, decision: api.DecisionFlagForReview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeServices{translate: tt.translate, retryScore: tt.retryScore}
			p := &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if v.Text != tt.wantText || v.Status != api.StatusTranslated {
				t.Errorf("served %q (%s), want %q", v.Text, v.Status, tt.wantText)
			}
			if len(f.requests) != tt.wantCalls {
				t.Fatalf("%d translate calls, want %d", len(f.requests), tt.wantCalls)
			}
			if tt.wantCalls == 2 {
				first, retry := f.requests[0], f.requests[1]
				if first.StrictTerms || !retry.StrictTerms || retry.Text != first.Text || retry.GlossaryVersion != "v1" || len(retry.Terms) != 1 {
					t.Errorf("retry request %+v after %+v", retry, first)
				}
			}
			if v.Glossary != nil && (v.Glossary.Retried != tt.retried || v.Glossary.Flagged != tt.flagged) {
				t.Errorf("report retried=%v flagged=%v, want %v %v", v.Glossary.Retried, v.Glossary.Flagged, tt.retried, tt.flagged)
			}
			if v.Quality == nil || v.Quality.Decision != tt.decision {
				t.Fatalf("quality %+v, want decision %s", v.Quality, tt.decision)
			}
			last := f.qualities[len(f.qualities)-1]
			if tt.flagged && (last.Glossary == nil || last.Translation != v.Text) {
				t.Errorf("the flagged view was not scored with verify's report: %+v", last)
			}
			// Apertium's unknown-word count reaches quality, every time.
			for _, q := range f.qualities {
				if q.Backend == "apertium" && q.UnknownWords != 2 {
					t.Errorf("unknown words not passed to quality: %+v", q)
				}
			}
		})
	}
}

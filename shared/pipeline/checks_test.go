package pipeline_test

import (
	"context"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// Fakes for the checks that run while quality scores: each backend
// translates differently, quality rejects one backend's translation, and
// safety and glossary verification echo the translation they checked.
type (
	rungTranslate struct{}
	rejectQuality struct{ reject []string }
	echoGlossary  struct{}
	echoSafety    struct {
		mu      sync.Mutex
		checked []string
	}
)

func (rungTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	for _, b := range []string{"first", "second"} {
		if !contains(req.Exclude, b) {
			return &api.TranslateResponse{Text: b + ": " + req.Text, Status: api.StatusTranslated, Backend: b}, nil
		}
	}
	return &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none", Reason: "every backend excluded"}, nil
}

func (q rejectQuality) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	if contains(q.reject, req.Backend) {
		return &api.QualityResponse{Score: 10, Decision: api.DecisionRetry}, nil
	}
	return &api.QualityResponse{Score: 90, Decision: api.DecisionAccept}, nil
}

func (echoGlossary) Prepare(context.Context, api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	return &api.GlossaryPrepareResponse{Matches: []api.TermMatch{{}}}, nil
}

func (echoGlossary) Verify(_ context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	return &api.GlossaryReport{Compliance: 1, Repaired: req.Translation}, nil
}

func (s *echoSafety) Check(_ context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	s.mu.Lock()
	s.checked = append(s.checked, req.Translation)
	s.mu.Unlock()
	return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyAllow, Masked: req.Translation}}, nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// TestChecksFollowServedTranslation: glossary verification and safety run
// while quality scores each translation; a view carries the results for
// the translation it serves, never those of one quality rejected.
func TestChecksFollowServedTranslation(t *testing.T) {
	tests := []struct {
		name        string
		reject      []string
		wantText    string
		wantChecked []string // every translation safety saw, in order
	}{
		{"accepted at once", nil, "first: hello", []string{"first: hello"}},
		{"first rejected", []string{"first"}, "second: hello", []string{"first: hello", "second: hello"}},
		{"all rejected", []string{"first", "second"}, "hello", []string{"first: hello", "second: hello", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			safety := &echoSafety{}
			p := &pipeline.Pipeline{
				Detect: fakeDetect{}, Translate: rungTranslate{}, Glossary: echoGlossary{}, Quality: rejectQuality{reject: tt.reject}, Safety: safety,
			}
			v, err := p.Run(context.Background(), pipeline.Request{Text: "hello", Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if v.Text != tt.wantText {
				t.Fatalf("text = %q, want %q", v.Text, tt.wantText)
			}
			translated := v.Status == api.StatusTranslated
			if translated && (v.Glossary == nil || v.Glossary.Repaired != tt.wantText) {
				t.Fatalf("glossary report = %+v, want the check of %q", v.Glossary, tt.wantText)
			}
			if !translated && v.Glossary != nil {
				t.Fatalf("glossary report %+v for a view that serves the original", v.Glossary)
			}
			wantSafety := ""
			if translated {
				wantSafety = tt.wantText
			}
			if v.Safety == nil || v.Safety.Policy == nil || v.Safety.Policy.Masked != wantSafety {
				t.Fatalf("safety = %+v, want the check of %q", v.Safety, wantSafety)
			}
			if len(safety.checked) != len(tt.wantChecked) {
				t.Fatalf("safety checked %q, want %q", safety.checked, tt.wantChecked)
			}
			for i := range tt.wantChecked {
				if safety.checked[i] != tt.wantChecked[i] {
					t.Fatalf("safety checked %q, want %q", safety.checked, tt.wantChecked)
				}
			}
		})
	}
}

package pipeline_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// Fakes for moderators' corrections: the translator serves acme's
// correction (as the translate chain serves an override: before any rung,
// for the request's tenant only, unless excluded), else a machine's
// translation; quality answers a decision per backend.
type (
	correctingTranslate struct{ calls []api.TranslateRequest }
	decideQuality       map[string]string // backend → decision; missing: unavailable
)

const correction = "Eres tonto."

func (f *correctingTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.calls = append(f.calls, req)
	switch {
	case req.Tenant == "acme" && !slices.Contains(req.Exclude, "moderator"):
		return &api.TranslateResponse{Text: correction, Status: api.StatusTranslated, Backend: "moderator", Cache: api.CacheOverride}, nil
	case !slices.Contains(req.Exclude, "machine"):
		return &api.TranslateResponse{Text: "máquina: " + req.Text, Status: api.StatusTranslated, Backend: "machine"}, nil
	}
	return &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none", Reason: "every backend excluded"}, nil
}

func (q decideQuality) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	d, ok := q[req.Backend]
	if !ok {
		return nil, api.Errorf(api.CodeUnavailable, "quality is down")
	}
	return &api.QualityResponse{Score: 12, Decision: d}, nil
}

// TestCorrectionIsNotRefusedByQuality: a moderator's correction is served
// whatever quality estimation decides (scored and reported, never
// refused, so never asked for again), and safety checks it like any
// translation. Machine translations are still refused as before.
func TestCorrectionIsNotRefusedByQuality(t *testing.T) {
	const text = "you are a fucking moron and everybody here hates you"
	tests := []struct {
		name         string
		tenant       string
		quality      decideQuality
		wantText     string
		wantDecision string // "" when quality did not answer
		wantCalls    int
	}{
		{"quality refuses the correction", "acme", decideQuality{"moderator": api.DecisionRetry, "machine": api.DecisionAccept}, correction, api.DecisionAcceptWithWarning, 1},
		{"an older quality service rejects it", "acme", decideQuality{"moderator": api.DecisionReject}, correction, api.DecisionAcceptWithWarning, 1},
		{"quality accepts the correction", "acme", decideQuality{"moderator": api.DecisionAccept}, correction, api.DecisionAccept, 1},
		{"quality flags the correction", "acme", decideQuality{"moderator": api.DecisionFlagForReview}, correction, api.DecisionFlagForReview, 1},
		{"quality is unavailable", "acme", decideQuality{}, correction, "", 1},
		{"another tenant: machine refused", "globex", decideQuality{"machine": api.DecisionRetry}, text, api.DecisionRetry, 2},
		{"another tenant: machine accepted", "globex", decideQuality{"machine": api.DecisionAccept}, "máquina: " + text, api.DecisionAccept, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &correctingTranslate{}
			safety := &echoSafety{}
			p := &pipeline.Pipeline{Detect: fakeDetect{}, Translate: tr, Glossary: fakeGlossary{}, Quality: tt.quality, Safety: safety}
			v, err := p.Run(context.Background(), pipeline.Request{Text: text, Source: "en", Target: "es", Tenant: tt.tenant})
			if err != nil {
				t.Fatal(err)
			}
			if v.Text != tt.wantText {
				t.Fatalf("text %q (status %s, reason %q), want %q", v.Text, v.Status, v.Reason, tt.wantText)
			}
			if len(tr.calls) != tt.wantCalls {
				t.Fatalf("%d translate calls, want %d", len(tr.calls), tt.wantCalls)
			}
			for _, c := range tr.calls {
				if c.Tenant != tt.tenant {
					t.Fatalf("translate asked for tenant %q, want %q", c.Tenant, tt.tenant)
				}
			}
			switch {
			case tt.wantDecision == "":
				if v.Quality != nil || !slices.Contains(v.Degraded, pipeline.DegradedQuality) {
					t.Fatalf("quality %+v, degraded %v", v.Quality, v.Degraded)
				}
			case v.Quality == nil || v.Quality.Decision != tt.wantDecision || v.Quality.Score != 12:
				t.Fatalf("quality %+v, want decision %s with the estimator's score", v.Quality, tt.wantDecision)
			}
			served := v.Status == api.StatusTranslated
			if tt.wantText == correction {
				if !served || v.Backend != "moderator" || v.Cache != api.CacheOverride || v.Reason != "" {
					t.Fatalf("correction not served as such: %+v", v)
				}
				for _, a := range v.Attempts {
					if strings.Contains(a.Error, "quality") {
						t.Fatalf("attempts %+v: the correction was refused", v.Attempts)
					}
				}
			}
			// Safety checked what is served: the correction like any
			// translation, the original when nothing is.
			want := ""
			if served {
				want = v.Text
			}
			if len(safety.checked) == 0 || safety.checked[len(safety.checked)-1] != want || v.Safety == nil || v.Safety.Policy.Masked != want {
				t.Fatalf("safety checked %q (view: %+v), want %q last", safety.checked, v.Safety, want)
			}
		})
	}
}

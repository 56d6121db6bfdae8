package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// Fakes for the metrics test: the LLM rung failed and Apertium served,
// the glossary is down, safety found personal data and a category that is
// not a word (which must not become a label).
type (
	fallbackTranslate struct{}
	downGlossary      struct{}
	warnQuality       struct{}
	piiSafety         struct{}
)

func (fallbackTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	return &api.TranslateResponse{Text: "hola", Status: api.StatusTranslated, Backend: "apertium", Model: "eng-spa",
		Attempts: []api.Attempt{{Backend: "ollama", Model: "qwen2.5:3b", Error: "ollama is busy"}}}, nil
}

func (downGlossary) Prepare(context.Context, api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	return nil, api.Errorf(api.CodeUnavailable, "no glossary service is running")
}

func (downGlossary) Verify(context.Context, api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	return nil, api.Errorf(api.CodeUnavailable, "no glossary service is running")
}

func (warnQuality) Score(context.Context, api.QualityRequest) (*api.QualityResponse, error) {
	return &api.QualityResponse{Score: 55, Decision: api.DecisionAcceptWithWarning}, nil
}

func (piiSafety) Check(context.Context, api.SafetyRequest) (*api.SafetyResponse, error) {
	return &api.SafetyResponse{
		Source: api.Verdict{Safe: true, Categories: []string{api.CategoryPII, "Call me at 555 0100"}},
		Policy: &api.PolicyDecision{Action: api.PolicyMask},
	}, nil
}

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	p := &pipeline.Pipeline{
		Detect: fakeDetect{}, Translate: fallbackTranslate{}, Glossary: downGlossary{}, Quality: warnQuality{},
		Safety: piiSafety{}, Metrics: pipeline.NewMetrics(reg),
	}
	if _, err := p.Run(context.Background(), pipeline.Request{Text: "hello", Source: "en-GB", Target: "es"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(context.Background(), pipeline.Request{Text: "", Target: "es"}); err == nil {
		t.Fatal("empty text accepted")
	}

	want := `
# HELP parley_views_total Views served, by status (translated, original) and the backend that served them (none for the original).
# TYPE parley_views_total counter
parley_views_total{backend="apertium",status="translated"} 1
# HELP parley_view_fallbacks_total Failed or rejected rungs per served view: from the rung that failed to the backend that served (none: the original).
# TYPE parley_view_fallbacks_total counter
parley_view_fallbacks_total{from="ollama",to="apertium"} 1
# HELP parley_quality_decisions_total Quality decisions (accept, accept_with_warning, retry, flag_for_review) by backend.
# TYPE parley_quality_decisions_total counter
parley_quality_decisions_total{backend="apertium",decision="accept_with_warning"} 1
# HELP parley_safety_flags_total Safety findings in served views, by side (source, translation) and category.
# TYPE parley_safety_flags_total counter
parley_safety_flags_total{category="other",side="source"} 1
parley_safety_flags_total{category="pii",side="source"} 1
# HELP parley_safety_policy_total Tenant policy actions (allow, mask, flag) on served views.
# TYPE parley_safety_policy_total counter
parley_safety_policy_total{action="mask"} 1
`
	names := []string{"parley_views_total", "parley_view_fallbacks_total", "parley_quality_decisions_total",
		"parley_safety_flags_total", "parley_safety_policy_total"}
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), names...); err != nil {
		t.Error(err)
	}
	checks := []struct {
		name, labels string
		want         float64
	}{
		{"parley_view_degraded_total", `step="glossary"`, 1},
		{"parley_view_degraded_total", `step="detect"`, 0},
		{"parley_view_errors_total", `code="empty_text"`, 1},
		// The pair is base languages: en-GB and en-US are one series.
		{"parley_quality_score", `backend="apertium",pair="en-es"`, 1},
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		got := -1.0
		for _, mf := range mfs {
			if mf.GetName() != c.name {
				continue
			}
			for _, m := range mf.GetMetric() {
				var ls []string
				for _, l := range m.GetLabel() {
					ls = append(ls, l.GetName()+`="`+l.GetValue()+`"`)
				}
				if strings.Join(ls, ",") != c.labels {
					continue
				}
				if m.Histogram != nil {
					got = float64(m.GetHistogram().GetSampleCount())
				} else {
					got = m.GetCounter().GetValue()
				}
			}
		}
		if got != c.want {
			t.Errorf("%s{%s} = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
}

// Two pipelines of one process on one registry (the all-in-one command's
// gateway and messages service) share the view metrics: building the
// second does not panic, and both count.
func TestMetricsSharedByTwoPipelinesOfOneRegistry(t *testing.T) {
	reg := prometheus.NewRegistry()
	var ps []*pipeline.Pipeline
	for range 2 {
		ps = append(ps, &pipeline.Pipeline{
			Detect: fakeDetect{}, Translate: fallbackTranslate{}, Glossary: downGlossary{}, Quality: warnQuality{},
			Safety: piiSafety{}, Metrics: pipeline.NewMetrics(reg),
		})
	}
	for _, p := range ps {
		if _, err := p.Run(context.Background(), pipeline.Request{Text: "hello", Source: "en", Target: "es"}); err != nil {
			t.Fatal(err)
		}
	}
	want := `
# HELP parley_views_total Views served, by status (translated, original) and the backend that served them (none for the original).
# TYPE parley_views_total counter
parley_views_total{backend="apertium",status="translated"} 2
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "parley_views_total"); err != nil {
		t.Error(err)
	}
}

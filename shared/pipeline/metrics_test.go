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
# HELP parley_view_fallbacks_total Views that fell back: at most one per view, from the first configured rung that failed, was rejected or could not be called (unavailable, circuit open, no time left) to the backend that served (none: the original). Rungs not configured, not translating the pair or switched off do not count.
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

// scriptedTranslate answers every request with resp, or, when rungs are
// set, with the first of them the request does not exclude (each with
// the attempts before it), so that a rung quality rejects is followed
// by the next.
type scriptedTranslate struct {
	resp  api.TranslateResponse
	rungs []string
}

func (s scriptedTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	resp := s.resp
	for _, b := range s.rungs {
		if !contains(req.Exclude, b) {
			resp.Text, resp.Status, resp.Backend = b+": "+req.Text, api.StatusTranslated, b
			break
		}
	}
	return &resp, nil
}

// TestFallbackCountsViewsNotAttempts: parley_view_fallbacks_total counts
// at most one fallback per view, from the first rung that was meant to
// serve and did not, so that fallbacks / views is a share of views (the
// ParleyHighFallbackRate alert). Rungs that are not configured, do not
// translate the pair or were turned off are not fallbacks: counted, a
// deployment without Ollama or OpenAI read 200% with every view served
// by Apertium.
func TestFallbackCountsViewsNotAttempts(t *testing.T) {
	notConfigured := api.Attempt{Backend: "openai", Error: "skipped: not configured (set OPENAI_BASE_URL or OPENAI_API_KEY)"}
	tests := []struct {
		name     string
		tr       scriptedTranslate
		q        pipeline.Quality
		wantFrom string // "" for no fallback
		wantTo   string
	}{
		{"no ollama, no openai: the unavailable ollama is the one fallback", scriptedTranslate{
			resp:  api.TranslateResponse{Attempts: []api.Attempt{{Backend: "ollama", Error: "skipped: unavailable"}, notConfigured}},
			rungs: []string{"apertium"}}, fakeQuality{}, "ollama", "apertium"},
		{"first rung served", scriptedTranslate{rungs: []string{"ollama"}}, fakeQuality{}, "", ""},
		{"not configured only", scriptedTranslate{
			resp: api.TranslateResponse{Attempts: []api.Attempt{notConfigured}}, rungs: []string{"apertium"}}, fakeQuality{}, "", ""},
		{"pair not supported", scriptedTranslate{
			resp:  api.TranslateResponse{Attempts: []api.Attempt{{Backend: "apertium", Error: "skipped: does not translate en to ja"}}},
			rungs: []string{"ollama"}}, fakeQuality{}, "", ""},
		{"kill switch", scriptedTranslate{
			resp:  api.TranslateResponse{Attempts: []api.Attempt{{Backend: "ollama", Error: "skipped: turned off by the no_llm kill switch"}}},
			rungs: []string{"apertium"}}, fakeQuality{}, "", ""},
		{"caller went away", scriptedTranslate{
			resp: api.TranslateResponse{Status: api.StatusOriginal, Backend: "none",
				Attempts: []api.Attempt{{Backend: "ollama", Error: "skipped: the request was canceled"}}}}, fakeQuality{}, "", ""},
		{"two failures count once, from the first", scriptedTranslate{
			resp: api.TranslateResponse{Attempts: []api.Attempt{notConfigured,
				{Backend: "ollama", Error: "timed out: no answer within 4.9s"},
				{Backend: "vllm", Error: "skipped: circuit open after repeated failures"}}},
			rungs: []string{"apertium"}}, fakeQuality{}, "ollama", "apertium"},
		{"no time left", scriptedTranslate{
			resp:  api.TranslateResponse{Attempts: []api.Attempt{{Backend: "ollama", Error: "skipped: no time left in the request's budget"}}},
			rungs: []string{"apertium"}}, fakeQuality{}, "ollama", "apertium"},
		{"quality rejected the first rung", scriptedTranslate{rungs: []string{"first", "second"}},
			rejectQuality{reject: []string{"first"}}, "first", "second"},
		{"nothing served after a failure: to the original", scriptedTranslate{
			resp: api.TranslateResponse{Status: api.StatusOriginal, Backend: "none",
				Attempts: []api.Attempt{{Backend: "ollama", Error: "busy: ollama answered 503"}, notConfigured}}}, fakeQuality{}, "ollama", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.tr.resp.Status == "" && len(tt.tr.rungs) == 0 {
				t.Fatal("bad case")
			}
			reg := prometheus.NewRegistry()
			p := &pipeline.Pipeline{
				Detect: fakeDetect{}, Translate: tt.tr, Glossary: fakeGlossary{}, Quality: tt.q,
				Safety: fakeSafety{action: api.PolicyAllow}, Metrics: pipeline.NewMetrics(reg),
			}
			for range 4 {
				if _, err := p.Run(context.Background(), pipeline.Request{Text: "hello", Source: "en", Target: "es"}); err != nil {
					t.Fatal(err)
				}
			}
			if n := testutil.CollectAndCount(reg, "parley_view_fallbacks_total"); tt.wantFrom == "" && n != 0 {
				t.Fatalf("%d fallback series, want none", n)
			}
			if tt.wantFrom == "" {
				return
			}
			views := testutil.ToFloat64(pipelineCounter(t, reg, "parley_views_total"))
			got := testutil.ToFloat64(pipelineCounter(t, reg, "parley_view_fallbacks_total", "from", tt.wantFrom, "to", tt.wantTo))
			if views != 4 || got != 4 || testutil.CollectAndCount(reg, "parley_view_fallbacks_total") != 1 {
				t.Fatalf("4 views: %v views, fallbacks{from=%q,to=%q} %v (of %d series), want 4 of 4 in one series",
					views, tt.wantFrom, tt.wantTo, got, testutil.CollectAndCount(reg, "parley_view_fallbacks_total"))
			}
		})
	}
}

// pipelineCounter is the sum of family's series whose labels include
// the name, value pairs of labels, as a collector for testutil.
func pipelineCounter(t *testing.T, reg *prometheus.Registry, family string, labels ...string) prometheus.Collector {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != family {
			continue
		}
	series:
		for _, m := range mf.GetMetric() {
			for i := 0; i+1 < len(labels); i += 2 {
				found := false
				for _, l := range m.GetLabel() {
					found = found || l.GetName() == labels[i] && l.GetValue() == labels[i+1]
				}
				if !found {
					continue series
				}
			}
			sum += m.GetCounter().GetValue()
		}
	}
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "sum"})
	c.Add(sum)
	return c
}

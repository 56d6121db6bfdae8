package pipeline_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// repairServices stand in for the services around a glossary repair, each
// doing its job on the text it is sent: the glossary has meeting → junta
// (forbidden: reunión) and thread → hilo; verify replaces a forbidden
// rendering by the target term; quality's glossary signal names the
// terms it misses; safety masks e-mail addresses with '#', as a tenant
// policy that masks PII does.
type repairServices struct {
	translation string // what the engine answers
	// failRescore makes every quality call after the first fail;
	// retryRescore makes them answer retry.
	failRescore, retryRescore bool

	mu        sync.Mutex
	qualities []api.QualityRequest
	scored    []*api.QualityResponse
	checked   []string // the translations safety checked
}

var repairTerms = []struct{ source, target, forbidden string }{
	{"meeting", "junta", "reunión"},
	{"thread", "hilo", "hebra"},
}

func (f *repairServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	// An engine: no prompt, so enforcement does not retry.
	return &api.TranslateResponse{Text: f.translation, Status: api.StatusTranslated, Backend: "apertium", Model: "eng-spa"}, nil
}

func (f *repairServices) Prepare(_ context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	out := &api.GlossaryPrepareResponse{Version: "v1"}
	for _, t := range repairTerms {
		if i := strings.Index(req.Text, t.source); i >= 0 {
			out.Matches = append(out.Matches, api.TermMatch{Glossary: "g-es", Source: t.source, Target: t.target, Start: i, End: i + len(t.source), Forbidden: []string{t.forbidden}})
			out.Terms = append(out.Terms, api.TermHint{Source: t.source, Target: t.target})
		}
	}
	return out, nil
}

func (f *repairServices) Verify(_ context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	rep := &api.GlossaryReport{}
	text, ok := req.Translation, 0
	for _, m := range req.Matches {
		tr := api.TermReport{Glossary: m.Glossary, Source: m.Source, Target: m.Target, Status: api.TermMissing}
		switch {
		case strings.Contains(text, m.Target):
			tr.Status = api.TermApplied
			ok++
		case strings.Contains(text, m.Forbidden[0]):
			i := strings.Index(text, m.Forbidden[0])
			rep.Repairs = append(rep.Repairs, api.TermRepair{Source: m.Source, From: m.Forbidden[0], To: m.Target, Start: i, End: i + len(m.Forbidden[0])})
			text = strings.Replace(text, m.Forbidden[0], m.Target, 1)
			tr.Status = api.TermRepaired
			ok++
		}
		rep.Terms = append(rep.Terms, tr)
	}
	rep.Compliance = float64(ok) / float64(len(req.Matches))
	if text != req.Translation {
		rep.Repaired = text
	}
	return rep, nil
}

func (f *repairServices) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.qualities = append(f.qualities, req)
	if len(f.qualities) > 1 && f.failRescore {
		f.scored = append(f.scored, nil)
		return nil, api.Errorf(api.CodeUnavailable, "quality is down")
	}
	ok, total, missing := termsUsed(req)
	sg := api.Signal{Name: "glossary", Value: 1, Weight: 30, Reason: "all terms used"}
	if total > 0 {
		sg.Value = float64(ok) / float64(total)
	}
	if len(missing) > 0 {
		sg.Reason = "missing " + strings.Join(missing, ", ")
	}
	q := &api.QualityResponse{Score: 100 - 30*(1-sg.Value), Decision: api.DecisionAccept, Signals: []api.Signal{sg}}
	if sg.Value < 1 {
		q.Decision = api.DecisionAcceptWithWarning
	}
	if len(f.qualities) > 1 && f.retryRescore {
		q.Decision = api.DecisionRetry
	}
	f.scored = append(f.scored, q)
	return q, nil
}

// termsUsed counts the glossary terms a quality request's translation
// uses, as the quality service does: from verify's report when there is
// one, else by looking for each term's target in the translation.
// missing names the others.
func termsUsed(req api.QualityRequest) (ok, total int, missing []string) {
	if req.Glossary != nil {
		for _, t := range req.Glossary.Terms {
			total++
			if t.Status == api.TermApplied || t.Status == api.TermRepaired {
				ok++
			} else {
				missing = append(missing, fmt.Sprintf("%q for %q", t.Target, t.Source))
			}
		}
		return ok, total, missing
	}
	for _, t := range req.Terms {
		total++
		if strings.Contains(req.Translation, t.Target) {
			ok++
		} else {
			missing = append(missing, fmt.Sprintf("%q for %q", t.Target, t.Source))
		}
	}
	return ok, total, missing
}

var emailRE = regexp.MustCompile(`[a-z]+@[a-z.]+[a-z]`)

func (f *repairServices) Check(_ context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	f.mu.Lock()
	f.checked = append(f.checked, req.Translation)
	f.mu.Unlock()
	text := req.Translation
	if text == "" {
		text = req.Source
	}
	verdict := api.Verdict{Safe: true}
	masked := []rune{}
	last := 0
	for _, m := range emailRE.FindAllStringIndex(text, -1) {
		verdict.Spans = append(verdict.Spans, api.Span{Start: m[0], End: m[1], Text: text[m[0]:m[1]], Category: "pii", Detector: "pii:email"})
		masked = append(masked, []rune(text[last:m[0]])...)
		masked = append(masked, []rune(strings.Repeat("#", len([]rune(text[m[0]:m[1]]))))...)
		last = m[1]
	}
	res := &api.SafetyResponse{Source: api.Verdict{Safe: true}, Policy: &api.PolicyDecision{Action: api.PolicyAllow}}
	if req.Translation != "" {
		res.Translation = &verdict
	}
	if len(verdict.Spans) > 0 {
		res.Policy.Action = api.PolicyMask
		res.Policy.Masked = string(append(masked, []rune(text[last:])...))
	}
	return res, nil
}

// TestGlossaryRepairIsRechecked: when verify repairs the translation, the
// view's quality and safety are those of the repaired text it serves, not
// of the translation before the repair; without a repair nothing runs
// twice.
func TestGlossaryRepairIsRechecked(t *testing.T) {
	const email = "jo@example.com"
	tests := []struct {
		name        string
		text        string
		translation string
		fail, retry bool
		wantText    string
		wantScores  int    // quality calls
		wantChecks  int    // safety calls
		decision    string // "" when the view has no quality
		degraded    []string
	}{
		{name: "no repair: scored and checked once", text: "The meeting starts at noon, mail " + email,
			translation: "La junta empieza a mediodía, escribe a " + email, wantText: "La junta empieza a mediodía, escribe a " + email,
			wantScores: 1, wantChecks: 1, decision: api.DecisionAccept},
		{name: "repaired: the repaired text is scored and checked", text: "The meeting starts at noon, mail " + email,
			translation: "Los inicios de reunión en mediodía, correo " + email, wantText: "Los inicios de junta en mediodía, correo " + email,
			wantScores: 2, wantChecks: 2, decision: api.DecisionAccept},
		{name: "repaired, another term still missing: flagged on the repaired text", text: "The meeting thread, mail " + email,
			translation: "El tema de la reunión, correo " + email, wantText: "El tema de la junta, correo " + email,
			wantScores: 2, wantChecks: 2, decision: api.DecisionFlagForReview},
		{name: "repaired, rescore fails: no score of the other text", text: "The meeting starts at noon, mail " + email,
			translation: "Los inicios de reunión en mediodía, correo " + email, fail: true, wantText: "Los inicios de junta en mediodía, correo " + email,
			wantScores: 2, wantChecks: 2, degraded: []string{pipeline.DegradedQuality}},
		{name: "repaired, rescore says retry: served and flagged for review", text: "The meeting starts at noon, mail " + email,
			translation: "Los inicios de reunión en mediodía, correo " + email, retry: true, wantText: "Los inicios de junta en mediodía, correo " + email,
			wantScores: 2, wantChecks: 2, decision: api.DecisionFlagForReview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &repairServices{translation: tt.translation, failRescore: tt.fail, retryRescore: tt.retry}
			p := &pipeline.Pipeline{Detect: fakeDetect{}, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: "en", Target: "es", Glossary: "g-es"})
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != api.StatusTranslated || v.Text != tt.wantText {
				t.Fatalf("served %q (%s), want %q", v.Text, v.Status, tt.wantText)
			}
			if len(f.qualities) != tt.wantScores || len(f.checked) != tt.wantChecks {
				t.Fatalf("%d quality calls and %d safety checks (%q), want %d and %d", len(f.qualities), len(f.checked), f.checked, tt.wantScores, tt.wantChecks)
			}
			if !slices.Equal(v.Degraded, tt.degraded) {
				t.Errorf("degraded %v, want %v", v.Degraded, tt.degraded)
			}

			// Quality: the answer to the last call, which scored the
			// served text; no glossary complaint about a repaired term.
			if tt.decision == "" {
				if v.Quality != nil {
					t.Fatalf("quality %+v kept, though scoring the served text failed", v.Quality)
				}
			} else {
				last := f.qualities[len(f.qualities)-1]
				if last.Translation != v.Text || v.Quality != f.scored[len(f.scored)-1] {
					t.Fatalf("view quality %+v is not the score of the served text (last scored %q)", v.Quality, last.Translation)
				}
				if v.Text != tt.translation && last.Glossary != v.Glossary {
					t.Errorf("the repaired text was scored without verify's report: %+v", last.Glossary)
				}
				for _, sg := range v.Quality.Signals {
					for _, r := range v.Glossary.Repairs {
						if strings.Contains(sg.Reason, fmt.Sprintf("%q for %q", r.To, r.Source)) {
							t.Errorf("signal %s complains about the repaired term %q: %s", sg.Name, r.Source, sg.Reason)
						}
					}
				}
				if v.Quality.Decision != tt.decision {
					t.Errorf("decision %s, want %s", v.Quality.Decision, tt.decision)
				}
			}

			// Safety: the last check was of the served text, and the mask
			// and the spans index into it.
			if got := f.checked[len(f.checked)-1]; got != v.Text {
				t.Fatalf("safety last checked %q, serving %q", got, v.Text)
			}
			if v.Safety == nil || v.Safety.Policy == nil || v.Safety.Translation == nil {
				t.Fatalf("safety %+v", v.Safety)
			}
			want := v.Text
			for _, s := range v.Safety.Translation.Spans {
				if s.End > len(v.Text) || v.Text[s.Start:s.End] != s.Text {
					t.Fatalf("span %+v does not index into the served text %q", s, v.Text)
				}
				want = strings.Replace(want, s.Text, strings.Repeat("#", len([]rune(s.Text))), 1)
			}
			if v.Safety.Policy.Action != api.PolicyMask || v.Safety.Policy.Masked != want {
				t.Errorf("masked %q, want the served text masked: %q", v.Safety.Policy.Masked, want)
			}
		})
	}
}

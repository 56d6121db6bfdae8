package pipeline_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// rescueServices are repairServices (the glossary meeting → junta,
// forbidden reunión, and thread → hilo; safety masking e-mail addresses)
// behind a chain and a quality service that can discard a translation:
//
//   - translate walks ollama (skipped: unavailable, or a real call that
//     times out), openai (skipped: not configured), apertium and backup
//     (each serves its text, or is skipped as not installed without
//     one); an excluded rung is left out silently, as the translate
//     service does;
//   - quality takes 50 points off for the glossary terms (the share it
//     finds missing: from verify's report when it has one, else from
//     the terms) and penalty for everything else, and answers retry
//     under 60.
type rescueServices struct {
	repairServices
	apertium, backup string
	penalty          float64
	ollamaTimesOut   bool
	// failRescore makes every quality call after the first fail.
	failRescore bool
	// unrepaired are signals quality finds in apertium's answer as it
	// is and not in its repair, as untranslated_copy finds an echoed
	// source and not the echo with two terms swapped; each takes its
	// weight × (1 − value) off.
	unrepaired []api.Signal

	rmu        sync.Mutex
	translates []api.TranslateRequest
	verifies   int
	scores     []api.QualityRequest
	answers    []*api.QualityResponse
}

func (f *rescueServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.rmu.Lock()
	f.translates = append(f.translates, req)
	f.rmu.Unlock()
	ollama := api.Attempt{Backend: "ollama", Model: "qwen2.5:3b", Error: "skipped: unavailable"}
	if f.ollamaTimesOut {
		ollama = api.Attempt{Backend: "ollama", Model: "qwen2.5:3b", Error: "timed out", DurationMS: 700}
	}
	resp := &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none", Reason: "no backend could translate",
		Attempts: []api.Attempt{ollama, {Backend: "openai", Error: "skipped: not configured"}}}
	for _, r := range []struct{ name, text string }{{"apertium", f.apertium}, {"backup", f.backup}} {
		switch {
		case slices.Contains(req.Exclude, r.name):
		case r.text == "":
			resp.Attempts = append(resp.Attempts, api.Attempt{Backend: r.name, Error: "skipped: not installed"})
		default:
			resp.Text, resp.Status, resp.Backend, resp.Reason, resp.UnknownWords = r.text, api.StatusTranslated, r.name, "", 1
			return resp, nil
		}
	}
	return resp, nil
}

func (f *rescueServices) Verify(ctx context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	f.rmu.Lock()
	f.verifies++
	f.rmu.Unlock()
	return f.repairServices.Verify(ctx, req)
}

func (f *rescueServices) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	f.rmu.Lock()
	defer f.rmu.Unlock()
	f.scores = append(f.scores, req)
	if len(f.scores) > 1 && f.failRescore {
		f.answers = append(f.answers, nil)
		return nil, api.Errorf(api.CodeUnavailable, "quality is down")
	}
	ok, total, _ := termsUsed(req)
	missing := 0.0
	if total > 0 {
		missing = 1 - float64(ok)/float64(total)
	}
	q := &api.QualityResponse{Score: 100 - 50*missing - f.penalty, Signals: []api.Signal{{Name: "glossary", Value: 1 - missing, Weight: 50}}}
	if req.Translation == f.apertium {
		for _, sg := range f.unrepaired {
			q.Score -= sg.Weight * (1 - sg.Value)
			q.Signals = append(q.Signals, sg)
		}
		q.Score = max(0, q.Score)
	}
	switch {
	case q.Score >= 90:
		q.Decision = api.DecisionAccept
	case q.Score >= 60:
		q.Decision = api.DecisionAcceptWithWarning
	default:
		q.Decision = api.DecisionRetry
	}
	f.answers = append(f.answers, q)
	return q, nil
}

// TestRepairableTermDoesNotDiscardTheRung: a translation quality
// discards only for a glossary term that verify repairs is served
// repaired, with quality's score of the repaired text, instead of the
// next rung or the original; a translation that quality accepts makes
// the same calls as ever; and attempts list a rung's skip once however
// often the pipeline asks translate, but every real call.
func TestRepairableTermDoesNotDiscardTheRung(t *testing.T) {
	const email = "jo@example.com"
	var (
		skipOllama = "ollama: skipped: unavailable"
		skipOpenAI = "openai: skipped: not configured"
		skipBackup = "backup: skipped: not installed"
	)
	tests := []struct {
		name           string
		text           string
		apertium       string
		backup         string
		penalty        float64
		failRescore    bool
		ollamaTimesOut bool
		unrepaired     []api.Signal

		wantText    string // the original when wantBackend is ""
		wantBackend string
		decision    string // of v.Quality
		scores      int    // quality calls
		checks      int    // safety calls
		verifies    int
		translates  int
		attempts    []string // "backend: error"
	}{
		{name: "accepted: the calls of every view", text: "The meeting starts at noon, mail " + email,
			apertium: "La junta empieza a mediodía, correo " + email,
			wantText: "La junta empieza a mediodía, correo " + email, wantBackend: "apertium", decision: api.DecisionAccept,
			scores: 1, checks: 1, verifies: 1, translates: 1, attempts: []string{skipOllama, skipOpenAI}},
		{name: "discarded for a term verify repairs: served repaired", text: "The meeting starts at noon, mail " + email,
			apertium: "La reunión empieza a mediodía, correo " + email, backup: "Otra traducción",
			wantText: "La junta empieza a mediodía, correo " + email, wantBackend: "apertium", decision: api.DecisionAccept,
			scores: 2, checks: 2, verifies: 1, translates: 1, attempts: []string{skipOllama, skipOpenAI}},
		{name: "repaired but another term violated: next rung", text: "The meeting thread, mail " + email,
			apertium: "El tema de la reunión, correo " + email, backup: "El hilo de la junta, correo " + email,
			wantText: "El hilo de la junta, correo " + email, wantBackend: "backup", decision: api.DecisionAccept,
			scores: 2, checks: 2, verifies: 2, translates: 2,
			attempts: []string{skipOllama, skipOpenAI, "apertium: quality rejected the translation (score 50)"}},
		{name: "repaired text discarded too: the original, both scores noted", text: "The meeting starts at noon, mail " + email,
			apertium: "La reunión empieza a mediodía, correo " + email, penalty: 45,
			wantText: "The meeting starts at noon, mail " + email, decision: api.DecisionRetry,
			scores: 2, checks: 3, verifies: 1, translates: 2,
			attempts: []string{skipOllama, skipOpenAI, "apertium: quality rejected the translation (score 5, 55 with its glossary repairs)", skipBackup}},
		{name: "repaired text not scored: the rejection stands", text: "The meeting starts at noon, mail " + email,
			apertium: "La reunión empieza a mediodía, correo " + email, failRescore: true,
			wantText: "The meeting starts at noon, mail " + email, decision: api.DecisionRetry,
			scores: 2, checks: 3, verifies: 1, translates: 2,
			attempts: []string{skipOllama, skipOpenAI, "apertium: quality rejected the translation (score 50)", skipBackup}},
		{name: "no glossary terms: no second look", text: "Good morning, mail " + email,
			apertium: "Buenos días, correo " + email, penalty: 45,
			wantText: "Good morning, mail " + email, decision: api.DecisionRetry,
			scores: 1, checks: 2, verifies: 0, translates: 2,
			attempts: []string{skipOllama, skipOpenAI, "apertium: quality rejected the translation (score 55)", skipBackup}},
		// Repair swaps terms; it does not make a copy of the source, or
		// text in another language, a translation.
		{name: "an untranslated copy is not rescued: next rung", text: "The meeting starts at noon, mail " + email,
			apertium: "The reunión starts at noon, mail " + email, backup: "La junta empieza a mediodía, correo " + email,
			unrepaired: []api.Signal{{Name: "untranslated_copy", Value: 0.1, Weight: 80}}, wantBackend: "backup",
			wantText: "La junta empieza a mediodía, correo " + email, decision: api.DecisionAccept,
			scores: 2, checks: 2, verifies: 2, translates: 2,
			attempts: []string{skipOllama, skipOpenAI, "apertium: quality rejected the translation (score 0)"}},
		{name: "the wrong language is not rescued: the original", text: "The meeting starts at noon, mail " + email,
			apertium: "Die reunión beginnt mittags, mail " + email, unrepaired: []api.Signal{{Name: "target_language", Value: 0, Weight: 70}},
			wantText: "The meeting starts at noon, mail " + email, decision: api.DecisionRetry,
			scores: 1, checks: 2, verifies: 1, translates: 2,
			attempts: []string{skipOllama, skipOpenAI, "apertium: quality rejected the translation (score 0)", skipBackup}},
		// A message of glossary terms only may come back as it was
		// (translate lets it through): repair translates all of it.
		{name: "a copy of glossary terms only is rescued", text: "meeting thread",
			apertium: "reunión hebra", backup: "Otra traducción", unrepaired: []api.Signal{
				{Name: "untranslated_copy", Value: 0, Weight: 80}, {Name: "target_language", Value: 0, Weight: 70}},
			wantText: "junta hilo", wantBackend: "apertium", decision: api.DecisionAccept,
			scores: 2, checks: 2, verifies: 1, translates: 1, attempts: []string{skipOllama, skipOpenAI}},
		{name: "a refusal of glossary terms only is not", text: "meeting thread",
			apertium: "reunión hebra", backup: "hilo de la junta", unrepaired: []api.Signal{{Name: "refusal", Value: 0, Weight: 70}},
			wantText: "hilo de la junta", wantBackend: "backup", decision: api.DecisionAccept,
			scores: 2, checks: 2, verifies: 2, translates: 2,
			attempts: []string{skipOllama, skipOpenAI, "apertium: quality rejected the translation (score 0)"}},
		{name: "a signal that could not judge does not stop the rescue", text: "The meeting starts at noon, mail " + email,
			apertium: "La reunión empieza a mediodía, correo " + email, unrepaired: []api.Signal{
				{Name: "target_language", Value: 0, Weight: 0}, {Name: "untranslated_copy", Value: 1, Weight: 80}},
			wantText: "La junta empieza a mediodía, correo " + email, wantBackend: "apertium", decision: api.DecisionAccept,
			scores: 2, checks: 2, verifies: 1, translates: 1, attempts: []string{skipOllama, skipOpenAI}},
		{name: "a rung really called twice is listed twice", text: "The meeting thread, mail " + email,
			apertium: "El tema de la reunión, correo " + email, ollamaTimesOut: true,
			wantText: "The meeting thread, mail " + email, decision: api.DecisionRetry,
			scores: 1, checks: 2, verifies: 1, translates: 2,
			attempts: []string{"ollama: timed out", skipOpenAI, "apertium: quality rejected the translation (score 50)", "ollama: timed out", skipBackup}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &rescueServices{apertium: tt.apertium, backup: tt.backup, penalty: tt.penalty, failRescore: tt.failRescore, ollamaTimesOut: tt.ollamaTimesOut, unrepaired: tt.unrepaired}
			p := &pipeline.Pipeline{Detect: fakeDetect{}, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: "en", Target: "es", Glossary: "g-es", Tenant: "acme"})
			if err != nil {
				t.Fatal(err)
			}
			if v.Text != tt.wantText || (tt.wantBackend != "") != (v.Status == api.StatusTranslated) || (tt.wantBackend != "" && v.Backend != tt.wantBackend) {
				t.Fatalf("served %q (%s, %s: %s), want %q by %q", v.Text, v.Status, v.Backend, v.Reason, tt.wantText, tt.wantBackend)
			}
			if len(f.scores) != tt.scores || len(f.checked) != tt.checks || f.verifies != tt.verifies || len(f.translates) != tt.translates {
				t.Fatalf("%d quality, %d safety, %d verify and %d translate calls, want %d, %d, %d and %d",
					len(f.scores), len(f.checked), f.verifies, len(f.translates), tt.scores, tt.checks, tt.verifies, tt.translates)
			}
			var attempts []string
			for _, a := range v.Attempts {
				attempts = append(attempts, a.Backend+": "+a.Error)
			}
			if !slices.Equal(attempts, tt.attempts) {
				t.Errorf("attempts\n%q\nwant\n%q", attempts, tt.attempts)
			}
			if v.Quality == nil || v.Quality.Decision != tt.decision {
				t.Fatalf("quality %+v, want decision %s", v.Quality, tt.decision)
			}
			if v.Status != api.StatusTranslated {
				if v.Glossary != nil || v.Reason != "every translation was rejected by quality estimation" {
					t.Errorf("original served with glossary %+v, reason %q", v.Glossary, v.Reason)
				}
				if v.Safety == nil || v.Safety.Translation != nil || f.checked[len(f.checked)-1] != "" {
					t.Errorf("the original's safety check %+v (last checked %q)", v.Safety, f.checked[len(f.checked)-1])
				}
				return
			}

			// The view's score is quality's answer for the text served,
			// made with verify's report when the text is the report's
			// repair; nothing else stands in for it.
			i := slices.IndexFunc(f.scores, func(q api.QualityRequest) bool { return q.Translation == v.Text })
			if i < 0 || v.Quality != f.answers[i] {
				t.Fatalf("view quality %+v is not quality's answer for the served text %q", v.Quality, v.Text)
			}
			if v.Glossary == nil {
				t.Fatal("no glossary report")
			}
			if v.Glossary.Repaired == v.Text && f.scores[i].Glossary != v.Glossary {
				t.Errorf("the repaired text was scored without verify's report: %+v", f.scores[i].Glossary)
			}
			if unresolved := slices.IndexFunc(v.Glossary.Terms, func(r api.TermReport) bool {
				return r.Status == api.TermMissing || r.Status == api.TermForbidden
			}); unresolved >= 0 || v.Glossary.Flagged || v.Glossary.Retried {
				t.Errorf("glossary report %+v of the served text", v.Glossary)
			}
			if v.Glossary.Repaired != "" && v.Glossary.Repaired != v.Text {
				t.Errorf("report repairs to %q, serving %q", v.Glossary.Repaired, v.Text)
			}

			// Safety: the last check was of the served text, and the mask
			// indexes into it.
			if got := f.checked[len(f.checked)-1]; got != v.Text {
				t.Fatalf("safety last checked %q, serving %q", got, v.Text)
			}
			wantMasked := "" // nothing to mask: the policy allows
			if strings.Contains(v.Text, email) {
				wantMasked = strings.Replace(v.Text, email, strings.Repeat("#", len(email)), 1)
			}
			if v.Safety == nil || v.Safety.Policy == nil || v.Safety.Policy.Masked != wantMasked {
				t.Errorf("safety %+v, want the served text masked", v.Safety)
			}
		})
	}
}

// TestStrictRetryListsSkipsOnce: the glossary retry walks the chain again;
// its skips already listed are not listed again, its real calls are.
func TestStrictRetryListsSkipsOnce(t *testing.T) {
	chain := func(req api.TranslateRequest) *api.TranslateResponse {
		resp := llm(false)(req)
		resp.Attempts = []api.Attempt{
			{Backend: "openai", Error: "skipped: not configured"},
			{Backend: "vllm", Model: "m", Error: "timed out", DurationMS: 1000},
		}
		if req.StrictTerms {
			// Another reason is another outcome: listed.
			resp.Attempts = append(resp.Attempts, api.Attempt{Backend: "deepl", Error: "skipped: circuit open after repeated failures"})
		} else {
			resp.Attempts = append(resp.Attempts, api.Attempt{Backend: "deepl", Error: "skipped: unavailable"})
		}
		return resp
	}
	f := &fakeServices{translate: chain}
	p := &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f}
	v, err := p.Run(t.Context(), pipeline.Request{Text: "Open a new thread.", Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.requests) != 2 || !f.requests[1].StrictTerms {
		t.Fatalf("translate requests %+v, want the first and the strict retry", f.requests)
	}
	var got []string
	for _, a := range v.Attempts {
		got = append(got, fmt.Sprintf("%s: %s", a.Backend, a.Error))
	}
	want := []string{"openai: skipped: not configured", "vllm: timed out", "deepl: skipped: unavailable",
		"vllm: timed out", "deepl: skipped: circuit open after repeated failures"}
	if !slices.Equal(got, want) {
		t.Errorf("attempts\n%q\nwant\n%q", got, want)
	}
}

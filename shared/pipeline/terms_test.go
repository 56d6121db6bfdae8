package pipeline_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/parley-chat/parley/shared/api"
)

// entry is one glossary entry of termServices: source → target, with the
// forms of the target verify accepts (a stem entry: ru "ветке" for
// "ветка"; the target itself always) and forbidden renderings.
type entry struct {
	source, target string
	forms          []string
	forbidden      []string
	dnt            bool
}

// termServices stand in for the services of a view with glossary terms,
// each doing its job on what it is sent, within the real services'
// limits:
//
//   - prepare finds each entry's source in the text (and reports the
//     glossary at version 1);
//   - translate answers with translate (an LLM when it names a prompt)
//     and refuses more protect terms or hints than translate takes;
//   - verify finds a target (or one of its forms) applied, else repairs
//     a forbidden rendering with the target as the glossary has it (its
//     base form), else reports the term missing;
//   - quality scores from verify's report when it has one, else with a
//     matcher of its own that knows whole words only (a hyphenated
//     compound or an inflected form is "missing", as quality's matcher
//     used to find); retryOnMiss makes a glossary penalty a retry;
//   - safety passes everything.
type termServices struct {
	entries     []entry
	translate   func(req api.TranslateRequest) *api.TranslateResponse
	retryOnMiss bool

	mu        sync.Mutex
	requests  []api.TranslateRequest
	qualities []api.QualityRequest
	scored    []*api.QualityResponse
	verified  []api.GlossaryVerifyRequest
}

func (f *termServices) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	return &api.DetectResponse{Language: "en"}, nil
}

func (f *termServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()
	if len(req.Protect) > api.MaxTranslateProtect {
		return nil, api.FieldError(api.CodeInvalidArgument, "protect", "at most %d protected terms", api.MaxTranslateProtect)
	}
	if len(req.Terms) > api.MaxTranslateTerms {
		return nil, api.FieldError(api.CodeInvalidArgument, "terms", "at most %d glossary terms", api.MaxTranslateTerms)
	}
	return f.translate(req), nil
}

func (f *termServices) Prepare(_ context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	out := &api.GlossaryPrepareResponse{Version: "v1", Glossaries: []api.GlossaryRef{{ID: "g", Version: 1}}}
	for _, e := range f.entries {
		i := strings.Index(req.Text, e.source)
		if i < 0 {
			continue
		}
		m := api.TermMatch{Glossary: "g", Entry: e.source, Source: e.source, Start: i, End: i + len(e.source), DoNotTranslate: e.dnt}
		if e.dnt {
			out.Protect = append(out.Protect, e.source)
		} else {
			m.Target, m.Forbidden = e.target, e.forbidden
			out.Terms = append(out.Terms, api.TermHint{Source: e.source, Target: e.target})
		}
		out.Matches = append(out.Matches, m)
	}
	return out, nil
}

func (f *termServices) entry(m api.TermMatch) entry {
	for _, e := range f.entries {
		if e.source == m.Source {
			return e
		}
	}
	panic("no entry for " + m.Source)
}

func (f *termServices) Verify(_ context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	f.mu.Lock()
	f.verified = append(f.verified, req)
	f.mu.Unlock()
	if len(req.Matches) > api.MaxGlossaryMatches {
		return nil, api.FieldError(api.CodeInvalidArgument, "matches", "%d matches; the limit is %d", len(req.Matches), api.MaxGlossaryMatches)
	}
	rep := &api.GlossaryReport{}
	text, ok := req.Translation, 0
	for _, m := range req.Matches {
		e := f.entry(m)
		tr := api.TermReport{Glossary: m.Glossary, Entry: m.Entry, Source: m.Source, Target: m.Target, Status: api.TermMissing}
		if e.dnt {
			if strings.Contains(text, e.source) {
				tr.Status = api.TermProtected
				ok++
			}
			rep.Terms = append(rep.Terms, tr)
			continue
		}
		for _, form := range append([]string{e.target}, e.forms...) {
			if strings.Contains(text, form) {
				tr.Status = api.TermApplied
			}
		}
		if tr.Status == api.TermMissing {
			for _, fb := range e.forbidden {
				if i := strings.Index(text, fb); i >= 0 {
					// The repair's offsets are in the translation as sent.
					j := strings.Index(req.Translation, fb)
					rep.Repairs = append(rep.Repairs, api.TermRepair{Glossary: m.Glossary, Entry: m.Entry, Source: m.Source, From: fb, To: e.target, Start: j, End: j + len(fb)})
					text = text[:i] + e.target + text[i+len(fb):]
					tr.Status = api.TermRepaired
					break
				}
			}
		}
		if tr.Status != api.TermMissing {
			ok++
		}
		rep.Terms = append(rep.Terms, tr)
	}
	rep.Compliance = 1
	if len(req.Matches) > 0 {
		rep.Compliance = float64(ok) / float64(len(req.Matches))
	}
	if text != req.Translation {
		rep.Repaired = text
	}
	return rep, nil
}

// wholeWords splits s into words as quality's matcher did: a hyphen stays
// inside a word.
func wholeWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
}

func (f *termServices) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.qualities = append(f.qualities, req)
	if len(req.Protect) > 256 || len(req.Terms) > 256 {
		return nil, api.FieldError(api.CodeInvalidArgument, "terms", "the limit is 256")
	}
	if req.Glossary != nil && len(req.Glossary.Terms) > api.MaxGlossaryMatches {
		return nil, api.FieldError(api.CodeInvalidArgument, "glossary", "the limit is %d", api.MaxGlossaryMatches)
	}
	var ok, total int
	var missing []string
	if req.Glossary != nil {
		for _, t := range req.Glossary.Terms {
			switch t.Status {
			case api.TermApplied, api.TermRepaired:
				ok++
				total++
			case api.TermMissing, api.TermForbidden:
				total++
				missing = append(missing, t.Target)
			}
		}
	} else {
		words := wholeWords(req.Translation)
		for _, t := range req.Terms {
			total++
			found := false
			for _, w := range words {
				found = found || strings.EqualFold(w, t.Target)
			}
			if found {
				ok++
			} else {
				missing = append(missing, t.Target)
			}
		}
	}
	sg := api.Signal{Name: "glossary", Value: 1, Reason: "neutral: no glossary terms to check"}
	if total > 0 {
		sg.Weight, sg.Value = 30, float64(ok)/float64(total)
		sg.Reason = fmt.Sprintf("%d of %d glossary terms are used", ok, total)
		if req.Glossary != nil {
			sg.Reason = "glossary report: " + sg.Reason
		}
		if len(missing) > 0 {
			sg.Reason += "; missing " + strings.Join(missing, ", ")
		}
	}
	q := &api.QualityResponse{Score: 100 - sg.Weight*(1-sg.Value), Decision: api.DecisionAccept, Signals: []api.Signal{sg}}
	if sg.Value < 1 {
		q.Decision = api.DecisionAcceptWithWarning
		if f.retryOnMiss {
			q.Decision = api.DecisionRetry
		}
	}
	f.scored = append(f.scored, q)
	return q, nil
}

func (f *termServices) Check(_ context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	res := &api.SafetyResponse{Source: api.Verdict{Safe: true}}
	if req.Translation != "" {
		res.Translation = &api.Verdict{Safe: true}
	}
	return res, nil
}

// model answers like a prompted backend (it names a prompt): plain when
// the terms are hints, strict when they are requirements.
func model(plain, strict string) func(api.TranslateRequest) *api.TranslateResponse {
	return func(req api.TranslateRequest) *api.TranslateResponse {
		text := plain
		if req.StrictTerms {
			text = strict
		}
		return &api.TranslateResponse{Text: text, Status: api.StatusTranslated, Backend: "openai", Model: "m", PromptID: "chat-translate", PromptVersion: 2}
	}
}

// rbmt answers like Apertium: no prompt, so nothing to retry.
func rbmt(text string) func(api.TranslateRequest) *api.TranslateResponse {
	return func(api.TranslateRequest) *api.TranslateResponse {
		return &api.TranslateResponse{Text: text, Status: api.StatusTranslated, Backend: "apertium", Model: "x"}
	}
}

// glossarySignal is the view's glossary signal, or nil.
func glossarySignal(v *api.View) *api.Signal {
	if v.Quality == nil {
		return nil
	}
	for i, sg := range v.Quality.Signals {
		if sg.Name == "glossary" {
			return &v.Quality.Signals[i]
		}
	}
	return nil
}

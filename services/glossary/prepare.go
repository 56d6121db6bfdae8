package glossary

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// MaxVerifyMatches bounds the matches a verify request may carry; prepare
// can find at most one per word of a MaxTextRunes text, far fewer in practice.
const MaxVerifyMatches = 1000

// translationLimit is the character limit on translations: a translation
// may run longer than a source that was just under the limit.
const translationLimit = 2 * api.MaxTextRunes

// candidate is what a hit refers to.
type candidate struct {
	g     *Glossary
	entry *Entry
	tcol  int // target column (-1 for do-not-translate)
}

// Prepare finds the glossary terms of the source text for the pair. Offsets
// and protected strings refer to req.Text exactly as sent.
func (s *Set) Prepare(req *api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	if _, err := api.ValidateText("text", req.Text, api.MaxTextRunes); err != nil {
		return nil, err
	}
	src, err := api.ParseLanguage("source", req.Source)
	if err != nil {
		return nil, err
	}
	tgt, err := api.ParseLanguage("target", req.Target)
	if err != nil {
		return nil, err
	}
	gs := s.list
	if req.Glossary != "" {
		g := s.Get(req.Glossary)
		if g == nil {
			return nil, api.FieldError(api.CodeNotFound, "glossary", "no glossary with id %q", req.Glossary)
		}
		gs = []*Glossary{g}
	}
	return prepare(req.Text, gs, src, tgt), nil
}

func prepare(text string, gs []*Glossary, src, tgt language.Tag) *api.GlossaryPrepareResponse {
	var (
		folded, exact *normalized
		cands         []candidate
		hits          []hit
	)
	// Both views are built lazily: most glossaries have no case-sensitive
	// terms, and a pair no glossary covers needs neither.
	view := func(fold bool) *normalized {
		p := &exact
		if fold {
			p = &folded
		}
		if *p == nil {
			n := normalize(text, fold)
			*p = &n
		}
		return *p
	}
	scan := func(g *Glossary, ti termIndex, tcol int) {
		for _, fold := range []bool{true, false} {
			ix := ti.exact
			if fold {
				ix = ti.folded
			}
			if ix.empty() {
				continue
			}
			n := view(fold)
			accept := func(ref int) bool { return tcol < 0 || g.Entries[ref].Terms[tcol] != "" }
			ix.scan(n.s, accept, func(start, end, ref int) {
				cands = append(cands, candidate{g: g, entry: &g.Entries[ref], tcol: tcol})
				hits = append(hits, hit{span: n.orig(start, end), ref: len(cands) - 1, rank: len(cands) - 1})
			})
		}
	}
	for _, g := range gs {
		// Do-not-translate terms first, so that on an exact tie with a
		// translatable term of the same glossary the protected term wins.
		scan(g, g.dnt, -1)
		sc, tc := g.Column(src), g.Column(tgt)
		if sc >= 0 && tc >= 0 {
			scan(g, g.byLang[sc], tc)
		}
	}
	resp := &api.GlossaryPrepareResponse{}
	seenProtect := map[string]bool{}
	seenHint := map[api.TermHint]bool{}
	for _, h := range resolve(hits) {
		c := cands[h.ref]
		m := api.TermMatch{
			Glossary:       c.g.ID,
			Source:         text[h.start:h.end],
			DoNotTranslate: c.entry.DoNotTranslate,
			Start:          h.start,
			End:            h.end,
		}
		if c.entry.DoNotTranslate {
			if !seenProtect[m.Source] {
				seenProtect[m.Source] = true
				resp.Protect = append(resp.Protect, m.Source)
			}
		} else {
			m.Target = c.entry.Terms[c.tcol]
			hint := api.TermHint{Source: m.Source, Target: m.Target}
			if !seenHint[hint] {
				seenHint[hint] = true
				resp.Terms = append(resp.Terms, hint)
			}
		}
		resp.Matches = append(resp.Matches, m)
	}
	return resp
}

// Verify reports, for each match prepare found, whether the translation
// kept it: a do-not-translate term must appear verbatim, a translatable
// term's target must appear as a whole word (ignoring case). A term matched
// n times in the source must appear n times in the translation for all n
// matches to count.
func (s *Set) Verify(req *api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	if _, err := api.ValidateText("translation", req.Translation, translationLimit); err != nil {
		return nil, err
	}
	if _, err := api.ParseLanguage("target", req.Target); err != nil {
		return nil, err
	}
	if len(req.Matches) > MaxVerifyMatches {
		return nil, api.FieldError(api.CodeInvalidArgument, "matches", "%d matches; the limit is %d", len(req.Matches), MaxVerifyMatches)
	}
	for i, m := range req.Matches {
		field := fmt.Sprintf("matches[%d]", i)
		if strings.TrimSpace(m.Source) == "" {
			return nil, api.FieldError(api.CodeInvalidArgument, field+".source", "match has no source term")
		}
		if !m.DoNotTranslate && strings.TrimSpace(m.Target) == "" {
			return nil, api.FieldError(api.CodeInvalidArgument, field+".target", "translatable match has no target term")
		}
		if req.Source != "" && (m.Start < 0 || m.End < m.Start || m.End > len(req.Source)) {
			return nil, api.FieldError(api.CodeInvalidArgument, field, "offsets [%d,%d) are outside the source text", m.Start, m.End)
		}
	}
	return verify(req.Translation, req.Matches), nil
}

func verify(translation string, matches []api.TermMatch) *api.GlossaryReport {
	rep := &api.GlossaryReport{Terms: []api.TermReport{}, Compliance: 1}
	if len(matches) == 0 {
		return rep
	}
	var folded, exact *normalized
	type want struct {
		dnt bool
		key string
	}
	have := map[want]int{}
	used := map[want]int{}
	ok := 0
	for _, m := range matches {
		w := want{dnt: m.DoNotTranslate}
		if m.DoNotTranslate {
			if exact == nil {
				n := normalize(translation, false)
				exact = &n
			}
			w.key = key(m.Source, false)
		} else {
			if folded == nil {
				n := normalize(translation, true)
				folded = &n
			}
			w.key = key(m.Target, true)
		}
		if _, counted := have[w]; !counted {
			n := folded
			if w.dnt {
				n = exact
			}
			have[w] = count(n.s, w.key)
		}
		used[w]++
		status := api.TermMissing
		if used[w] <= have[w] {
			status = api.TermApplied
			if w.dnt {
				status = api.TermProtected
			}
			ok++
		}
		rep.Terms = append(rep.Terms, api.TermReport{Glossary: m.Glossary, Source: m.Source, Target: m.Target, Status: status})
	}
	rep.Compliance = float64(ok) / float64(len(matches))
	return rep
}

// List summarizes the loaded glossaries.
func (s *Set) List() *api.GlossaryListResponse {
	resp := &api.GlossaryListResponse{Glossaries: []api.GlossaryInfo{}}
	for _, g := range s.list {
		info := api.GlossaryInfo{ID: g.ID, Targets: []string{}, Entries: len(g.Entries)}
		for i, l := range g.Languages {
			if i == 0 {
				info.Source = l.String()
			} else {
				info.Targets = append(info.Targets, l.String())
			}
		}
		resp.Glossaries = append(resp.Glossaries, info)
	}
	return resp
}

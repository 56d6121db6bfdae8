package glossary

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// Verify reports, for each match prepare found, what the translation did
// with it, and repairs wrong renderings where that is unambiguous. It needs
// no glossary: everything it checks travels in the matches, so a glossary
// change between prepare and verify cannot confuse it.
func (s *Set) Verify(req *api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	if _, err := api.ValidateText("translation", req.Translation, translationLimit); err != nil {
		return nil, err
	}
	// The source is optional (it only bounds the match offsets), but it
	// is held to the translation's limit like every other text.
	if utf8.RuneCountInString(req.Source) > translationLimit {
		return nil, api.FieldError(api.CodeTextTooLong, "source", "source has more than %d characters", translationLimit)
	}
	tgt, err := api.ParseLanguage("target", req.Target)
	if err != nil {
		return nil, err
	}
	format, err := api.ParseFormat("format", req.Format)
	if err != nil {
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
		if len(m.Source) > api.MaxTextRunes*4 || len(m.Target) > MaxTermBytes {
			return nil, api.FieldError(api.CodeInvalidArgument, field, "term too long")
		}
		if req.Source != "" && (m.Start < 0 || m.End < m.Start || m.End > len(req.Source)) {
			return nil, api.FieldError(api.CodeInvalidArgument, field, "offsets [%d,%d) are outside the source text", m.Start, m.End)
		}
		if _, ok := parseMatch(m.Match); !ok {
			return nil, api.FieldError(api.CodeInvalidArgument, field+".match", "match %q: want \"\", stem, prefix or substring", m.Match)
		}
		if len(m.Forbidden) > MaxForbidden {
			return nil, api.FieldError(api.CodeInvalidArgument, field+".forbidden", "%d forbidden terms; the limit is %d", len(m.Forbidden), MaxForbidden)
		}
		for _, f := range m.Forbidden {
			if len(f) > MaxTermBytes {
				return nil, api.FieldError(api.CodeInvalidArgument, field+".forbidden", "forbidden term too long")
			}
		}
	}
	return verify(req.Translation, tgt, req.Matches, format == api.FormatHTML), nil
}

// group collects the matches that expect the same rendering: their target
// (or protected term) counts once per occurrence, however many entries
// expect it.
type group struct {
	dnt    bool
	fold   folding
	match  Match
	key    string
	aff    *affixes // what may surround key in a stem match
	target string   // the rendering to substitute in a repair
	idx    []int    // indexes of the matches
	have   []span   // occurrences of the expected rendering
	wrong  []wrongSpan
	found  []string // forbidden renderings present, as the translation has them
	repair bool
}

// wrongSpan is an occurrence of a known wrong rendering: a forbidden term,
// or the source term left untranslated.
type wrongSpan struct {
	span
	forbidden string // the forbidden term, "" for an untranslated source term
	fkey      string // the forbidden term's key (not stemmed)
	occ       string // the occurrence, normalized: fkey, or fkey inflected
}

// verify checks translation against the matches; isHTML reads it as
// HTML (maskHTML), and the matches' sources as prepare found them in an
// HTML source.
func verify(translation string, tgt language.Tag, matches []api.TermMatch, isHTML bool) *api.GlossaryReport {
	rep := &api.GlossaryReport{Terms: []api.TermReport{}, Compliance: 1}
	if len(matches) == 0 {
		return rep
	}
	vs := views{text: translation, html: isHTML}
	// source is a match's source term as the translation is read: in
	// HTML, "AT&amp;T" (or a raw "AT&T") is the term "AT&T".
	source := func(m api.TermMatch) string {
		if isHTML {
			return decodeHTML(m.Source)
		}
		return m.Source
	}
	tfold, tend := foldingOf(tgt), endingsFor(tgt)

	type groupKey struct {
		dnt   bool
		fold  folding
		match Match
		key   string
	}
	groups := map[groupKey]*group{}
	var order []*group
	of := make([]*group, len(matches))
	for i, m := range matches {
		mt, _ := parseMatch(m.Match)
		var (
			k   groupKey
			aff *affixes
		)
		if m.DoNotTranslate {
			// A protected term must come back verbatim, in the text's own
			// spelling.
			if mt != MatchSubstring {
				mt = MatchExact
			}
			k = groupKey{dnt: true, fold: caseExact, match: mt, key: key(source(m), caseExact)}
		} else {
			f := tfold
			if m.CaseSensitive {
				f = caseExact
			}
			tk := key(m.Target, f)
			if mt == MatchStem {
				tk, aff = tend.stem(tk)
			}
			k = groupKey{fold: f, match: mt, key: tk}
		}
		g, ok := groups[k]
		if !ok {
			g = &group{dnt: k.dnt, fold: k.fold, match: k.match, key: k.key, aff: aff, target: m.Target}
			groups[k] = g
			order = append(order, g)
		}
		g.idx = append(g.idx, i)
		of[i] = g
	}

	// Where each group's expected rendering occurs.
	var claimed []span
	for _, g := range order {
		n := vs.get(g.fold)
		occurrences(n.s, g.key, g.match, g.aff, func(start, end int) {
			sp := n.orig(start, end)
			g.have = append(g.have, sp)
			claimed = append(claimed, sp)
		})
	}
	// Where the known wrong renderings occur.
	for _, g := range order {
		if g.dnt {
			continue
		}
		n := vs.get(g.fold)
		seen := map[string]bool{}
		for _, i := range g.idx {
			m := matches[i]
			for _, f := range m.Forbidden {
				full := key(f, g.fold)
				fk, fa := full, (*affixes)(nil)
				if g.match == MatchStem {
					fk, fa = tend.stem(full)
				}
				if fk == "" || seen[fk] {
					continue
				}
				seen[fk] = true
				occurrences(n.s, fk, g.match, fa, func(start, end int) {
					sp := n.orig(start, end)
					g.wrong = append(g.wrong, wrongSpan{span: sp, forbidden: f, fkey: full, occ: n.s[start:end]})
					// The form the text has ("Accounts" for the forbidden
					// "account"), as a reviewer searches for it, once.
					if form := translation[sp.start:sp.end]; !slices.Contains(g.found, form) {
						g.found = append(g.found, form)
					}
				})
			}
			// A source term the translator left as it was. Only for exact
			// matches: the source of a stem or prefix match is an inflected
			// form whose replacement would lose the inflection.
			if m.Match == "" {
				sk := key(source(m), g.fold)
				if sk != "" && sk != g.key && !seen[sk] {
					seen[sk] = true
					occurrences(n.s, sk, MatchExact, nil, func(start, end int) {
						g.wrong = append(g.wrong, wrongSpan{span: n.orig(start, end)})
					})
				}
			}
		}
	}
	// A wrong rendering that overlaps an expected one, or that two groups
	// claim, is ambiguous: it is not repaired.
	owners := map[span]int{}
	for _, g := range order {
		for _, w := range g.wrong {
			owners[w.span]++
		}
	}
	var repairs []api.TermRepair
	for _, g := range order {
		missing := len(g.idx) - len(g.have)
		if g.dnt || missing <= 0 || len(g.wrong) != missing {
			continue
		}
		ok := true
		for _, w := range g.wrong {
			if owners[w.span] > 1 || overlapsAny(w.span, claimed) {
				ok = false
				break
			}
		}
		if !ok || overlapsEachOther(g.wrong) {
			continue
		}
		subs, ok := g.substitutes(translation, tend, isHTML)
		if !ok {
			continue
		}
		g.repair = true
		g.found = nil
		m := matches[g.idx[len(g.have)]]
		for i, w := range g.wrong {
			repairs = append(repairs, api.TermRepair{
				Glossary: m.Glossary, Entry: m.Entry, Source: m.Source,
				From: translation[w.start:w.end], To: subs[i], Start: w.start, End: w.end,
			})
		}
	}

	ok := 0
	used := map[*group]int{}
	for i, m := range matches {
		g := of[i]
		used[g]++
		status := api.TermMissing
		switch {
		case used[g] <= len(g.have) && len(g.found) == 0:
			status = api.TermApplied
			if g.dnt {
				status = api.TermProtected
			}
		case g.repair:
			status = api.TermRepaired
		case len(g.found) > 0:
			status = api.TermForbidden
		}
		if status != api.TermMissing && status != api.TermForbidden {
			ok++
		}
		rep.Terms = append(rep.Terms, api.TermReport{
			Glossary: m.Glossary, Entry: m.Entry, Source: m.Source, Target: m.Target, Status: status,
			Found: slices.Clone(g.found),
		})
	}
	rep.Compliance = float64(ok) / float64(len(matches))
	if len(repairs) > 0 {
		slices.SortFunc(repairs, func(a, b api.TermRepair) int { return a.Start - b.Start })
		var b strings.Builder
		last := 0
		for _, r := range repairs {
			b.WriteString(translation[last:r.Start])
			if isHTML {
				// A term is text: in HTML "AT&T" is written "AT&amp;T",
				// and "<img ...>" is no tag (To stays the term).
				b.WriteString(html.EscapeString(r.To))
			} else {
				b.WriteString(r.To)
			}
			last = r.End
		}
		b.WriteString(translation[last:])
		rep.Repaired = b.String()
		rep.Repairs = repairs
	}
	return rep
}

// substitutes returns what replaces each of the group's wrong renderings,
// or false when one of them cannot be replaced without losing something.
// A forbidden term found inflected (a stem match: "hebras" for "hebra")
// keeps its ending when the language's rules say the target takes it the
// same way ("hilos"); otherwise the rendering is left alone and reported,
// since the bare target ("hilo") would lose the inflection. The target of
// a case-sensitive entry is written exactly as the glossary has it; that
// of any other entry takes the case of the text it replaces (in HTML, of
// that text decoded: "R&amp;D" is all capitals).
func (g *group) substitutes(translation string, tend *endings, isHTML bool) ([]string, bool) {
	subs := make([]string, len(g.wrong))
	tkey := key(g.target, g.fold)
	for i, w := range g.wrong {
		to := g.target
		if w.forbidden != "" && w.occ != w.fkey {
			if g.match != MatchStem {
				return nil, false // a prefix match's continuation has no rule
			}
			x, ok := tend.carry(w.fkey, tkey, w.occ)
			if !ok {
				return nil, false
			}
			to += x
		}
		if g.fold != caseExact {
			from := translation[w.start:w.end]
			if isHTML {
				from = decodeHTML(from)
			}
			to = projectCase(from, to)
		}
		subs[i] = to
	}
	return subs, true
}

func overlapsAny(s span, list []span) bool {
	for _, o := range list {
		if s.start < o.end && o.start < s.end {
			return true
		}
	}
	return false
}

func overlapsEachOther(ws []wrongSpan) bool {
	for i := range ws {
		for j := i + 1; j < len(ws); j++ {
			if ws[i].start < ws[j].end && ws[j].start < ws[i].end {
				return true
			}
		}
	}
	return false
}

// projectCase gives a substituted term the case of the text it replaces:
// "Hebra" at the start of a sentence becomes "Hilo", "HEBRA" "HILO".
func projectCase(from, to string) string {
	letters, upper := 0, 0
	for _, r := range from {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters > 1 && upper == letters {
		return strings.ToUpper(to)
	}
	f, _ := utf8.DecodeRuneInString(from)
	t, size := utf8.DecodeRuneInString(to)
	if unicode.IsUpper(f) && unicode.IsLower(t) {
		return string(unicode.ToUpper(t)) + to[size:]
	}
	return to
}

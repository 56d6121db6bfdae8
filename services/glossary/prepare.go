package glossary

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/textmatch"
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
	format, err := api.ParseFormat("format", req.Format)
	if err != nil {
		return nil, err
	}
	var gs []*Glossary
	if req.Glossary != "" {
		// A glossary named by id is held to the tenant rules of the
		// management API: another tenant's is not found, as an unknown id.
		g := s.Get(req.Glossary)
		if g == nil || !g.Scope.API().VisibleTo(req.Tenant) {
			return nil, api.FieldError(api.CodeNotFound, "glossary", "no glossary with id %s", api.Quote(req.Glossary))
		}
		gs = []*Glossary{g}
	} else {
		for _, g := range s.list {
			if g.Scope.Applies(req.Tenant, req.Conversation) {
				gs = append(gs, g)
			}
		}
	}
	return prepare(req.Text, gs, src, tgt, format == api.FormatHTML), nil
}

// views builds the normalized forms of a text lazily: most requests need
// one or two of them, and a request that consults no glossary needs none
// (nor the entity scan behind them).
type views struct {
	text   string
	html   bool // text is HTML (api.FormatHTML): read it with maskHTML
	masked bool // text has had its chat entities blanked out
	// back maps the masked text to the text as sent when masking
	// decoded HTML escapes (maskHTML); nil when offsets are the same.
	back []textmatch.Span
	n    [3]*normalized
}

func (v *views) get(f folding) *normalized {
	if !v.masked {
		if v.html {
			v.text, v.back = maskHTML(v.text)
		} else {
			v.text = maskEntities(v.text)
		}
		v.masked = true
	}
	if v.n[f] == nil {
		n := normalize(v.text, f)
		n.back = v.back
		v.n[f] = &n
	}
	return v.n[f]
}

// prepare finds the terms of gs in text; isHTML reads text as HTML
// (maskHTML).
func prepare(text string, gs []*Glossary, src, tgt language.Tag, isHTML bool) *api.GlossaryPrepareResponse {
	var (
		vs    = views{text: text, html: isHTML}
		cands []candidate
		hits  []hit
		refs  []api.GlossaryRef
	)
	// scan finds the terms of ti; target gives an entry's target column
	// (-1 for do-not-translate) and whether the entry takes part.
	scan := func(g *Glossary, ti termIndex, target func(ref int) (int, bool)) {
		for _, ix := range []*index{ti.folded, ti.exact} {
			if ix.empty() {
				continue
			}
			n := vs.get(ix.fold)
			accept := func(ref int) bool { _, ok := target(ref); return ok }
			ix.scan(n.s, accept, func(start, end, ref int) {
				tcol, _ := target(ref)
				cands = append(cands, candidate{g: g, entry: &g.Entries[ref], tcol: tcol})
				hits = append(hits, hit{span: n.orig(start, end), ref: len(cands) - 1, rank: len(cands) - 1})
			})
		}
	}
	protect := func(int) (int, bool) { return -1, true }
	// Glossaries come in precedence order, and within one glossary the
	// do-not-translate terms first and the best source column first, so
	// that on an exact tie the rank (the order of discovery) picks the
	// right one.
	for _, g := range gs {
		scs, tcs, covers := g.pair(src, tgt)
		if !covers && !g.hasDNT() {
			continue
		}
		refs = append(refs, api.GlossaryRef{ID: g.ID, Version: g.Version})
		scan(g, g.dnt, protect)
		if !covers {
			continue
		}
		for _, sc := range scs {
			// An entry is found by its term in its own best source
			// column only, and needs a term in a target column.
			scan(g, g.byLang[sc], func(ref int) (int, bool) {
				esc, etc, ok := g.Entries[ref].pairColumns(scs, tcs)
				return etc, ok && esc == sc
			})
		}
	}
	resp := &api.GlossaryPrepareResponse{Glossaries: refs, Version: versionKey(refs)}
	seenProtect := map[string]bool{}
	type hintKey struct{ source, target, match string }
	seenHint := map[hintKey]bool{}
	for _, h := range textmatch.Resolve(hits) {
		c := cands[h.ref]
		e := c.entry
		m := api.TermMatch{
			Glossary:       c.g.ID,
			Entry:          e.ID,
			Source:         text[h.start:h.end],
			DoNotTranslate: e.DoNotTranslate,
			Start:          h.start,
			End:            h.end,
			Match:          e.Match.String(),
			CaseSensitive:  e.CaseSensitive,
		}
		if e.DoNotTranslate {
			if !seenProtect[m.Source] {
				seenProtect[m.Source] = true
				resp.Protect = append(resp.Protect, m.Source)
			}
		} else {
			m.Target = e.Terms[c.tcol]
			m.Forbidden = e.forbidden(c.tcol)
			k := hintKey{m.Source, m.Target, m.Match}
			if !seenHint[k] {
				seenHint[k] = true
				resp.Terms = append(resp.Terms, api.TermHint{Source: m.Source, Target: m.Target, Match: m.Match})
			}
		}
		resp.Matches = append(resp.Matches, m)
	}
	return resp
}

// versionKey condenses the glossaries consulted and their versions into a
// short key for translation caches: any change to one of them, or a
// glossary coming into or going out of use, changes it.
func versionKey(refs []api.GlossaryRef) string {
	if len(refs) == 0 {
		return ""
	}
	var b strings.Builder
	for _, r := range refs {
		b.WriteString(r.ID)
		b.WriteByte('@')
		b.WriteString(strconv.Itoa(r.Version))
		b.WriteByte(';')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

// List summarizes the glossaries of the set.
func (s *Set) List() *api.GlossaryListResponse {
	resp := &api.GlossaryListResponse{Glossaries: []api.GlossaryInfo{}}
	for _, g := range s.list {
		resp.Glossaries = append(resp.Glossaries, g.Info())
	}
	slices.SortFunc(resp.Glossaries, func(a, b api.GlossaryInfo) int { return strings.Compare(a.ID, b.ID) })
	return resp
}

// Info summarizes the glossary.
func (g *Glossary) Info() api.GlossaryInfo {
	info := api.GlossaryInfo{
		ID: g.ID, Targets: []string{}, Languages: []string{}, Entries: len(g.Entries), Name: g.Name,
		Description: g.Description, Mode: string(g.Mode), Scope: g.Scope.API(), Priority: g.Priority, Version: g.Version,
	}
	if info.Mode == "" {
		info.Mode = string(Multilingual)
	}
	for i, l := range g.Languages {
		info.Languages = append(info.Languages, l.String())
		if i == 0 {
			info.Source = l.String()
		} else {
			info.Targets = append(info.Targets, l.String())
		}
	}
	return info
}

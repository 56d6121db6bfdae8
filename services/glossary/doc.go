package glossary

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// Doc renders the glossary as the wire and storage document.
func (g *Glossary) Doc() api.Glossary {
	d := api.Glossary{
		ID: g.ID, Name: g.Name, Description: g.Description, Mode: string(g.Mode),
		Scope: g.Scope.API(), Priority: g.Priority, Entries: make([]api.GlossaryEntry, len(g.Entries)),
	}
	if d.Mode == "" {
		d.Mode = string(Multilingual)
	}
	for _, l := range g.Languages {
		d.Languages = append(d.Languages, l.String())
	}
	for i := range g.Entries {
		d.Entries[i] = g.entryDoc(&g.Entries[i])
	}
	return d
}

func (g *Glossary) entryDoc(e *Entry) api.GlossaryEntry {
	out := api.GlossaryEntry{
		ID: e.ID, DoNotTranslate: e.DoNotTranslate, CaseSensitive: e.CaseSensitive,
		PartOfSpeech: e.PartOfSpeech, Note: e.Note, Terms: []api.GlossaryTerm{},
	}
	switch e.Match {
	case MatchStem:
		out.Inflection = api.InflectionStem
	case MatchPrefix:
		out.Inflection = api.InflectionPrefix
	case MatchSubstring:
		f := false
		out.WholeWord = &f
	}
	for col, t := range e.Terms {
		fb := e.forbidden(col)
		if t == "" && len(fb) == 0 {
			continue
		}
		out.Terms = append(out.Terms, api.GlossaryTerm{Language: g.Languages[col].String(), Text: t, Forbidden: fb})
	}
	return out
}

// FromDoc builds a glossary from a wire document and validates it. Entry
// terms in languages the document does not list are added as columns, in
// order of appearance, so that API clients need not list languages first.
func FromDoc(d api.Glossary) (*Glossary, *Report) { return readDoc(d, false) }

// readDoc is FromDoc; stored marks content read back from the store (see
// Report.Stored).
func readDoc(d api.Glossary, stored bool) (*Glossary, *Report) {
	r := &Report{Path: d.ID, Document: true, Stored: stored}
	g := &Glossary{
		ID: d.ID, Name: strings.TrimSpace(d.Name), Description: strings.TrimSpace(d.Description),
		Mode: Mode(d.Mode), Priority: d.Priority,
	}
	scope, err := scopeFromAPI(d.Scope)
	if err != nil {
		r.settingf("scope", ProblemBadValue, "", "%s", err.Error())
	}
	g.Scope = scope
	for _, l := range d.Languages {
		tag, ok := parseTag(l)
		if !ok {
			r.settingf("languages", ProblemBadLanguage, l, "%q is not a BCP 47 language tag", l)
			continue
		}
		g.Languages = append(g.Languages, tag)
	}
	if !r.OK() {
		return g, r
	}
	for i, de := range d.Entries {
		e, ok := g.entryFromDoc(r, de, i+1)
		if ok {
			g.Entries = append(g.Entries, e)
		}
	}
	// Entries read before a column was added need a cell for it.
	for i := range g.Entries {
		for len(g.Entries[i].Terms) < len(g.Languages) {
			g.Entries[i].Terms = append(g.Entries[i].Terms, "")
		}
		if g.Entries[i].Forbidden != nil {
			for len(g.Entries[i].Forbidden) < len(g.Languages) {
				g.Entries[i].Forbidden = append(g.Entries[i].Forbidden, nil)
			}
		}
	}
	if r.OK() {
		g.validate(r)
	}
	return g, r
}

// entryFromDoc converts one wire entry; n numbers it in messages.
func (g *Glossary) entryFromDoc(r *Report, de api.GlossaryEntry, n int) (Entry, bool) {
	e := Entry{
		ID: strings.TrimSpace(de.ID), DoNotTranslate: de.DoNotTranslate, CaseSensitive: de.CaseSensitive,
		PartOfSpeech: de.PartOfSpeech, Note: de.Note, Line: n, Terms: make([]string, len(g.Languages)),
	}
	ok := true
	m, err := matchFromAPI(de.WholeWord, de.Inflection)
	if err != nil {
		r.errorf(ProblemBadValue, n, e.ID, "", "", "%s", err.Error())
		ok = false
	}
	e.Match = m
	for _, t := range de.Terms {
		tag, valid := parseTag(t.Language)
		if !valid {
			r.errorf(ProblemBadLanguage, n, e.ID, t.Language, t.Text, "%q is not a BCP 47 language tag", t.Language)
			ok = false
			continue
		}
		col := -1
		for i, l := range g.Languages {
			if l == tag {
				col = i
			}
		}
		if col < 0 {
			if len(g.Languages) >= MaxLanguages {
				r.errorf(ProblemBadLanguage, n, e.ID, t.Language, "", "more than %d languages", MaxLanguages)
				ok = false
				continue
			}
			g.Languages = append(g.Languages, tag)
			col = len(g.Languages) - 1
			e.Terms = append(e.Terms, "")
		}
		if e.Terms[col] != "" || len(e.forbidden(col)) > 0 {
			r.errorf(ProblemConflict, n, e.ID, tag.String(), t.Text, "entry lists %s twice; give one term per language (forbidden terms go in its forbidden list)", tag)
			ok = false
			continue
		}
		e.Terms[col] = t.Text
		if len(t.Forbidden) > 0 {
			for len(e.Forbidden) <= col {
				e.Forbidden = append(e.Forbidden, nil)
			}
			e.Forbidden[col] = append([]string(nil), t.Forbidden...)
		}
	}
	return e, ok
}

func matchFromAPI(wholeWord *bool, inflection string) (Match, error) {
	if wholeWord != nil && !*wholeWord {
		if inflection != "" && inflection != api.InflectionExact {
			return MatchSubstring, fmt.Errorf("whole_word=false matches inside words; inflection %q does not apply", inflection)
		}
		return MatchSubstring, nil
	}
	switch inflection {
	case "", api.InflectionExact:
		return MatchExact, nil
	case api.InflectionStem:
		return MatchStem, nil
	case api.InflectionPrefix:
		return MatchPrefix, nil
	}
	return MatchExact, fmt.Errorf("inflection %q: want exact, stem or prefix", inflection)
}

func scopeFromAPI(s api.GlossaryScope) (Scope, error) {
	sc := Scope{Tenant: strings.TrimSpace(s.Tenant), Conversation: strings.TrimSpace(s.Conversation)}
	switch s.Kind {
	case "", api.ScopeGlobal:
		if sc.Tenant != "" || sc.Conversation != "" {
			return sc, fmt.Errorf("scope: a global glossary names no tenant or conversation (kind %q)", s.Kind)
		}
	case api.ScopeTenant:
		if sc.Tenant == "" || sc.Conversation != "" {
			return sc, fmt.Errorf("scope: a tenant scope names the tenant and no conversation")
		}
	case api.ScopeConversation:
		if sc.Conversation == "" {
			return sc, fmt.Errorf("scope: a conversation scope names the conversation")
		}
	default:
		return sc, fmt.Errorf("scope kind %q: want global, tenant or conversation", s.Kind)
	}
	return sc, nil
}

// encode returns the canonical JSON of a glossary document and its SHA-256
// hash: the same content always gives the same bytes, so an unchanged
// glossary is recognised by its hash.
func encode(d api.Glossary) (data []byte, hash string, err error) {
	data, err = json.Marshal(d)
	if err != nil {
		return nil, "", fmt.Errorf("encode glossary %s: %w", d.ID, err)
	}
	sum := sha256.Sum256(data)
	return data, hex.EncodeToString(sum[:]), nil
}

// decode reads a stored document; it was validated when written, so a
// problem here means corruption and is an error, not a report.
func decode(data []byte) (*Glossary, error) {
	var d api.Glossary
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("decode glossary document: %w", err)
	}
	g, r := readDoc(d, true)
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("stored glossary %s is not valid: %w", d.ID, err)
	}
	return g, nil
}

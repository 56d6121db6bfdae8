package glossary

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// deeplScopePrefix marks a glossary created through the gateway's
// DeepL-compatible API (POST /v2/glossaries): its scope's conversation is
// "deepl-<id>", which no conversation uses. The gateway serves such a
// glossary to DeepL clients only while it is one-way with exactly its
// source and target language, so a /v1 write must keep it that way.
const deeplScopePrefix = "deepl-"

// isDeepL reports whether g was created through the DeepL-compatible API.
func isDeepL(g *Glossary) bool {
	return g != nil && g.Scope.Conversation == deeplScopePrefix+g.ID
}

// keepDeepLShape refuses a write that would change what makes a DeepL
// glossary one: its two languages, its one-way mode, its scope. Such a
// write succeeded before and the glossary then vanished from /v2 (404 on
// get and on translate with its glossary_id) for good, since deleting the
// entry that added a language leaves the language. A DeepL glossary
// already changed that way may be written back into shape (one-way, two
// languages).
func keepDeepLShape(id string, cur, next *Glossary) error {
	if !isDeepL(cur) || next == nil {
		return nil
	}
	shaped := len(cur.Languages) == 2 && cur.Mode == OneWay
	pair := func(ls []language.Tag) string {
		s := make([]string, len(ls))
		for i, l := range ls {
			s[i] = l.String()
		}
		return strings.Join(s, ", ")
	}
	const why = "it was created through the DeepL-compatible API (/v2/glossaries), which serves a one-way glossary of one source and one target language, and DeepL clients would no longer find it; create a separate glossary for other languages"
	switch {
	case next.Scope != cur.Scope:
		return api.FieldError(api.CodeInvalidArgument, "scope", "glossary %q: the scope of a DeepL glossary cannot change: %s", id, why)
	case next.Mode != OneWay:
		return api.FieldError(api.CodeInvalidArgument, "mode", "glossary %q: a DeepL glossary stays %s, this write makes it %s: %s", id, OneWay, next.Mode, why)
	case len(next.Languages) != 2 || (shaped && !slices.Equal(next.Languages, cur.Languages)):
		return api.FieldError(api.CodeInvalidArgument, "languages", "glossary %q: a DeepL glossary keeps its languages (%s), this write would make them %s: %s", id, pair(cur.Languages), pair(next.Languages), why)
	}
	return nil
}

// checkNewGlossary refuses a glossary id that differs only in case from
// one that exists (loc12 next to LOC12): `parley glossary pull` writes a
// file per id, and the two would be one file on a case-insensitive file
// system (macOS, Windows). It also holds a tenant to its glossary count
// (GLOSSARY_MAX_PER_TENANT); an operator (no tenant) is not counted.
func (m *Manager) checkNewGlossary(id, tenant string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for other, h := range m.heads {
		if !h.Deleted && other != id && strings.EqualFold(other, id) {
			return api.FieldError(api.CodeConflict, "id", "glossary %q differs only in case from glossary %q, which exists: ids are compared without case, since glossary files named after them would collide on a case-insensitive file system", id, other)
		}
	}
	if tenant == "" || m.maxPerTenant <= 0 {
		return nil
	}
	n := 0
	for _, g := range m.Set().Glossaries() {
		if g.Scope.Tenant == tenant {
			n++
		}
	}
	if n >= m.maxPerTenant {
		return api.FieldError(api.CodeInvalidArgument, "id", "tenant %q has %d glossaries, the limit (GLOSSARY_MAX_PER_TENANT is %d); delete one first", tenant, n, m.maxPerTenant)
	}
	return nil
}

// maxCrossConflicts bounds the warnings crossConflicts returns.
const maxCrossConflicts = 20

// crossConflicts warns of terms of g that another global glossary of the
// same priority has too, with a different translation: both apply to
// the same requests, and which entry wins is then decided by glossary id
// order alone (precedence), silently. One warning per other glossary and
// language, naming it and the first such term, and how many there are.
func (m *Manager) crossConflicts(g *Glossary) []api.GlossaryProblem {
	if g == nil || g.Scope.Kind() != api.ScopeGlobal {
		return nil
	}
	var out []api.GlossaryProblem
	for _, o := range m.Set().Glossaries() {
		if o.ID == g.ID || o.Scope.Kind() != api.ScopeGlobal || o.Priority != g.Priority {
			continue
		}
		for col, lang := range g.Languages {
			ocol := slices.Index(o.Languages, lang)
			if ocol < 0 {
				continue
			}
			byKey := map[string]*Entry{}
			for i := range o.Entries {
				if t := o.Entries[i].Terms[ocol]; t != "" {
					byKey[key(t, foldingOf(lang))] = &o.Entries[i]
				}
			}
			n, first := 0, -1
			for i := range g.Entries {
				e := &g.Entries[i]
				if e.Terms[col] == "" {
					continue
				}
				if oe := byKey[key(e.Terms[col], foldingOf(lang))]; oe != nil && translationsDiffer(g, e, o, oe) {
					if n++; first < 0 {
						first = i
					}
				}
			}
			if n == 0 {
				continue
			}
			e := &g.Entries[first]
			winner := o.ID
			if precedence(g, o) < 0 {
				winner = g.ID
			}
			out = append(out, api.GlossaryProblem{
				Severity: api.SeverityWarning, Code: ProblemConflict, Entry: e.ID, Language: lang.String(), Term: truncate(e.Terms[col], 80),
				Message: fmt.Sprintf("%s term %q (and %d more) is also a term of glossary %q, a global glossary of the same priority with another translation: both apply to the same requests, and glossary %q wins by id order; give one a higher priority, or remove the term from one",
					lang, truncate(e.Terms[col], 80), n-1, o.ID, winner),
			})
			if len(out) == maxCrossConflicts {
				return out
			}
		}
	}
	return out
}

// translationsDiffer reports whether entries e of g and o of og, which
// share a term, translate it differently into a language both have.
func translationsDiffer(g *Glossary, e *Entry, og *Glossary, o *Entry) bool {
	if e.DoNotTranslate != o.DoNotTranslate {
		return true
	}
	for col, lang := range g.Languages {
		ocol := slices.Index(og.Languages, lang)
		if ocol < 0 || e.Terms[col] == "" || o.Terms[ocol] == "" {
			continue
		}
		if key(e.Terms[col], foldingOf(lang)) != key(o.Terms[ocol], foldingOf(lang)) {
			return true
		}
	}
	return false
}

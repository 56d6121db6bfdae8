// Package glossary keeps product terminology consistent across translations.
//
// A glossary is a versioned term base kept by localization teams: concepts
// with a term in each of several languages (usable in any direction), or
// one-way pairs from a source language. Each entry can be do-not-translate,
// case-sensitive, matched inside words or with inflections, and can list
// forbidden (deprecated) renderings. Glossaries have a scope (global, a
// tenant, a conversation) and a priority.
//
// Before a translation, Prepare finds the glossary terms in the source text
// and tells the translator which strings to keep verbatim and which
// renderings to use. After it, Verify checks the translation against what
// Prepare found, reports applied, missing and forbidden terms, and repairs
// a wrong rendering when the substitution is unambiguous.
//
// Matching is Unicode-aware: texts and terms are compared in NFC, with
// typographic apostrophes and hyphens as their ASCII forms, folded with
// the language's case rules (Turkish dotted and dotless i) unless a term
// is case-sensitive, as whole words in space-separated scripts and as
// substrings in scripts written without spaces. The longest term wins and
// matches never overlap.
//
// Glossaries live in a Store (JetStream KV and object store in production,
// see natsstore) where every change is a version; a Manager applies changes,
// keeps history, and keeps every replica's in-memory Set current by watching
// the store.
package glossary

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// Mode says in which directions a glossary's entries apply.
type Mode string

// Modes.
const (
	// Multilingual glossaries hold concepts: any language column can be the
	// source and any other the target.
	Multilingual Mode = api.GlossaryMultilingual
	// OneWay glossaries map the first language column to the others only.
	OneWay Mode = api.GlossaryOneWay
)

// Match is how an entry's terms are found in a text.
type Match uint8

// Match kinds.
const (
	// MatchExact finds whole words as written (case aside).
	MatchExact Match = iota
	// MatchStem lets the last word carry an inflectional ending of the
	// language ("hilo" finds "hilos").
	MatchStem
	// MatchPrefix lets the last word continue with any letters.
	MatchPrefix
	// MatchSubstring finds the term anywhere, also inside longer words
	// (whole_word=false): German compounds.
	MatchSubstring
)

var matchNames = [...]string{"", "stem", "prefix", "substring"}

// String is the name used in TermMatch.Match ("" for exact).
func (m Match) String() string {
	if int(m) < len(matchNames) {
		return matchNames[m]
	}
	return ""
}

// parseMatch reads TermMatch.Match.
func parseMatch(s string) (Match, bool) {
	for i, n := range matchNames {
		if n == s {
			return Match(i), true
		}
	}
	if s == api.InflectionExact {
		return MatchExact, true
	}
	return MatchExact, false
}

// Scope says where a glossary applies. The zero Scope is global.
type Scope struct {
	Tenant       string
	Conversation string
}

// Kind is global, tenant or conversation.
func (s Scope) Kind() string {
	switch {
	case s.Conversation != "":
		return api.ScopeConversation
	case s.Tenant != "":
		return api.ScopeTenant
	}
	return api.ScopeGlobal
}

// Applies reports whether a glossary with this scope applies to a request
// from tenant in conversation. A conversation scope that names a tenant
// needs both to agree, since conversation ids are often only unique within
// a tenant.
func (s Scope) Applies(tenant, conversation string) bool {
	switch {
	case s.Conversation != "":
		return s.Conversation == conversation && (s.Tenant == "" || s.Tenant == tenant)
	case s.Tenant != "":
		return s.Tenant == tenant
	}
	return true
}

// specificity orders scopes: a conversation glossary is more specific than
// a tenant one, which is more specific than a global one.
func (s Scope) specificity() int {
	switch s.Kind() {
	case api.ScopeConversation:
		return 2
	case api.ScopeTenant:
		return 1
	}
	return 0
}

// API renders the scope on the wire.
func (s Scope) API() api.GlossaryScope {
	return api.GlossaryScope{Kind: s.Kind(), Tenant: s.Tenant, Conversation: s.Conversation}
}

// Glossary is one glossary: settings, language columns and entries. Once
// compiled (by NewSet or Compile) it is immutable, so a Set can serve
// concurrent requests without locks.
type Glossary struct {
	// ID names the glossary (the file name without its extension for
	// glossaries kept in git).
	ID          string
	Name        string
	Description string
	Mode        Mode
	// Languages are the language columns in order; in a one-way glossary
	// the first is the source.
	Languages []language.Tag
	Scope     Scope
	Priority  int
	Entries   []Entry

	// Version is the store version this content is (0 when not stored).
	Version int
	// Path is the file the glossary was read from, for messages.
	Path string

	compiled bool
	// byLang[i] indexes the column-i terms of translatable entries.
	byLang []termIndex
	// dnt indexes do-not-translate terms, which apply whatever the pair.
	dnt termIndex
}

// Entry is one concept: its term in each language column.
type Entry struct {
	// ID is stable across versions (derived from the first term when the
	// source format has none).
	ID string
	// Terms holds one term per language column ("" where the glossary has
	// no term for that language).
	Terms []string
	// Forbidden holds, per language column, renderings that must not
	// appear in a translation (nil when the entry has none).
	Forbidden [][]string
	// DoNotTranslate marks a term kept verbatim in every language (product
	// and brand names).
	DoNotTranslate bool
	// CaseSensitive makes matching exact in case ("Parley" the product, not
	// "parley" the word).
	CaseSensitive bool
	// Match is how the terms are found.
	Match Match
	// PartOfSpeech is a TBX-Basic value (noun, verb, adjective, adverb,
	// properNoun, other).
	PartOfSpeech string
	// Note is free text for translators and reviewers.
	Note string
	// Line is the entry's line in its file, for messages (not stored).
	Line int
	// given says which fields the entry's file carried, for a merge
	// (not stored; nil: every field, as a document has them).
	given *givenFields
}

// entryField names the fields of an entry besides its terms that a file
// may carry or leave out.
type entryField uint8

// Entry fields.
const (
	fieldDNT entryField = 1 << iota
	fieldCase
	fieldWholeWord
	fieldInflection
	fieldPOS
	fieldNote

	allFields = fieldDNT | fieldCase | fieldWholeWord | fieldInflection | fieldPOS | fieldNote
)

// givenFields says what a file carried of an entry: a CSV or TSV file its
// columns (the same for every row), a TBX entry the elements it has. A
// merge replaces those fields of a stored entry and keeps the others, so
// that a file without a note column, or a vendor's TBX without Parley's
// admin elements, does not wipe notes and flags.
type givenFields struct {
	fields entryField
	// terms and forbidden are the languages whose term, and whose
	// forbidden terms, the file gave.
	terms, forbidden []language.Tag
}

func (g *givenFields) has(f entryField) bool { return g == nil || g.fields&f != 0 }

func (g *givenFields) hasTerm(l language.Tag) bool { return g == nil || slices.Contains(g.terms, l) }

func (g *givenFields) hasForbidden(l language.Tag) bool {
	return g == nil || slices.Contains(g.forbidden, l)
}

// Term returns the do-not-translate form of the entry: its first term.
func (e *Entry) Term() string {
	for _, t := range e.Terms {
		if t != "" {
			return t
		}
	}
	return ""
}

// forbidden returns the forbidden terms of column col.
func (e *Entry) forbidden(col int) []string {
	if col < 0 || col >= len(e.Forbidden) {
		return nil
	}
	return e.Forbidden[col]
}

// equal reports whether two entries have the same content (ignoring Line).
func (e *Entry) equal(o *Entry) bool {
	if e.ID != o.ID || e.DoNotTranslate != o.DoNotTranslate || e.CaseSensitive != o.CaseSensitive ||
		e.Match != o.Match || e.PartOfSpeech != o.PartOfSpeech || e.Note != o.Note ||
		!slices.Equal(e.Terms, o.Terms) || len(e.Forbidden) != len(o.Forbidden) {
		return false
	}
	for i := range e.Forbidden {
		if !slices.Equal(e.Forbidden[i], o.Forbidden[i]) {
			return false
		}
	}
	return true
}

// sameContent is equal ignoring the id: a repeated row.
func (e *Entry) sameContent(o *Entry) bool {
	c := *o
	c.ID = e.ID
	return e.equal(&c)
}

var (
	idPattern      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$`)
	entryIDPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._-]*$`)
)

// MaxIDBytes bounds glossary and entry ids.
const MaxIDBytes = 64

// ValidID reports whether id can name a glossary: letters, digits, '_',
// '-' and single dots between them (ids are KV key tokens and file names).
func ValidID(id string) bool { return len(id) <= MaxIDBytes && idPattern.MatchString(id) }

// validEntryID reports whether id can name an entry; entry ids are also
// TBX xml:ids, which must not start with a digit.
func validEntryID(id string) bool { return len(id) <= MaxIDBytes && entryIDPattern.MatchString(id) }

// derivedID is the id of an entry whose format gave none: a hash of its
// first term, so that re-reading an unchanged file gives the same ids and
// the same document hash.
func (g *Glossary) derivedID(e *Entry) string {
	for i, t := range e.Terms {
		if t != "" {
			// The key as it was before apostrophe folding: ids must not
			// change under entries that files and clients refer to.
			sum := sha256.Sum256([]byte(g.Languages[i].String() + "\x00" + legacyKey(t, foldDefault)))
			return "t" + hex.EncodeToString(sum[:6])
		}
	}
	return ""
}

// Column returns the language column that serves tag best, or -1: the
// first of Columns.
func (g *Glossary) Column(tag language.Tag) int {
	if cols := g.Columns(tag); len(cols) > 0 {
		return cols[0]
	}
	return -1
}

// Columns returns the language columns that serve tag, best first: the
// exact tag, then the generic column ("pt" for "pt-BR"), then the
// regional ones ("pt-PT" for "pt") in column order. Scripts must agree so
// that a "zh" (Simplified) column never serves "zh-TW" (Traditional). The
// x/text Matcher is not used because it pairs related languages (Galician
// with Spanish), which for terminology would be wrong. A glossary with
// several columns of one language (a TBX file with de-DE and de) uses,
// for each entry, the best of them in which the entry has a term, so that
// no entry is lost to a column it has no term in.
func (g *Glossary) Columns(tag language.Tag) []int {
	base, _ := tag.Base()
	script, _ := tag.Script()
	var exact, generic, regional []int
	for i, col := range g.Languages {
		cb, _ := col.Base()
		cs, _ := col.Script()
		if cb != base || cs != script {
			continue
		}
		switch {
		case col == tag:
			exact = append(exact, i)
		case col == language.Make(cb.String()):
			generic = append(generic, i)
		default:
			regional = append(regional, i)
		}
	}
	return slices.Concat(exact, generic, regional)
}

// pair returns the columns the glossary may take source and target terms
// from for a translation from src to tgt, best first, or ok=false when it
// does not cover the pair. Each entry uses the best of each in which it
// has a term (Entry.pairColumns).
func (g *Glossary) pair(src, tgt language.Tag) (scs, tcs []int, ok bool) {
	scs, tcs = g.Columns(src), g.Columns(tgt)
	if g.Mode == OneWay {
		if !slices.Contains(scs, 0) {
			return nil, nil, false
		}
		scs = []int{0}
	}
	if len(scs) == 0 || len(tcs) == 0 || (len(scs) == 1 && slices.Equal(scs, tcs)) {
		return nil, nil, false
	}
	return scs, tcs, true
}

// pairColumns returns the columns of the entry's source and target terms
// for a pair (see pair): the first of scs in which it has a term, and the
// first other one of tcs in which it has one; ok=false when it lacks
// either.
func (e *Entry) pairColumns(scs, tcs []int) (sc, tc int, ok bool) {
	sc, tc = -1, -1
	for _, c := range scs {
		if e.Terms[c] != "" {
			sc = c
			break
		}
	}
	if sc < 0 {
		return -1, -1, false
	}
	for _, c := range tcs {
		if c != sc && e.Terms[c] != "" {
			return sc, c, true
		}
	}
	return -1, -1, false
}

// hasDNT reports whether any entry is do-not-translate.
func (g *Glossary) hasDNT() bool { return !g.dnt.empty() }

// compile builds the term indexes. Each column is folded with its
// language's case rules; do-not-translate terms, which apply whatever the
// language, with the default rules.
func (g *Glossary) compile() {
	if g.compiled {
		return
	}
	g.byLang = make([]termIndex, len(g.Languages))
	for i, tag := range g.Languages {
		g.byLang[i] = newTermIndex(foldingOf(tag), endingsFor(tag))
	}
	g.dnt = newTermIndex(foldDefault, nil)
	for ref := range g.Entries {
		e := &g.Entries[ref]
		if e.DoNotTranslate {
			g.dnt.add(e.Term(), e.CaseSensitive, e.Match, ref)
			continue
		}
		for col, t := range e.Terms {
			if t == "" || (g.Mode == OneWay && col != 0) {
				continue
			}
			g.byLang[col].add(t, e.CaseSensitive, e.Match, ref)
		}
	}
	g.dnt.freeze()
	for _, ti := range g.byLang {
		ti.freeze()
	}
	g.compiled = true
}

// Set is the collection of glossaries in use, ordered by precedence: higher
// priority first, then the more specific scope, then id.
type Set struct {
	list []*Glossary
	byID map[string]*Glossary
}

// NewSet compiles the glossaries and builds a set. A second glossary with
// the same ID is dropped.
func NewSet(gs ...*Glossary) *Set {
	s := &Set{byID: make(map[string]*Glossary, len(gs))}
	for _, g := range gs {
		if _, dup := s.byID[g.ID]; dup {
			continue
		}
		g.compile()
		s.byID[g.ID] = g
		s.list = append(s.list, g)
	}
	slices.SortFunc(s.list, precedence)
	return s
}

func precedence(a, b *Glossary) int {
	if a.Priority != b.Priority {
		return b.Priority - a.Priority
	}
	if sa, sb := a.Scope.specificity(), b.Scope.specificity(); sa != sb {
		return sb - sa
	}
	return strings.Compare(a.ID, b.ID)
}

// Get returns the glossary with the given id, or nil.
func (s *Set) Get(id string) *Glossary { return s.byID[id] }

// Glossaries returns the glossaries in precedence order.
func (s *Set) Glossaries() []*Glossary { return slices.Clone(s.list) }

// with returns a new set with g added or replacing the glossary of the same id.
func (s *Set) with(g *Glossary) *Set {
	gs := make([]*Glossary, 0, len(s.list)+1)
	gs = append(gs, g)
	for _, o := range s.list {
		if o.ID != g.ID {
			gs = append(gs, o)
		}
	}
	return NewSet(gs...)
}

// without returns a new set without the glossary id.
func (s *Set) without(id string) *Set {
	gs := make([]*Glossary, 0, len(s.list))
	for _, o := range s.list {
		if o.ID != id {
			gs = append(gs, o)
		}
	}
	return NewSet(gs...)
}

// Package glossary keeps product terminology consistent across translations.
//
// Glossaries are multilingual term tables kept in git by localization teams
// (one CSV file per glossary, one concept per row, one column per language;
// see docs/glossary.md). Before a translation, Prepare finds the glossary
// terms in the source text and tells the translator which strings to keep
// verbatim (do-not-translate terms) and which renderings to use (hints).
// After it, Verify checks the translation against what Prepare found.
//
// Matching is Unicode-aware: texts and terms are compared in NFC, case-folded
// unless a term is marked case-sensitive, as whole words in space-separated
// scripts and as substrings in scripts written without spaces (Chinese,
// Japanese, Thai, ...). The longest term wins and matches never overlap.
package glossary

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Glossary is one loaded glossary. It is immutable once built, so a Set can
// serve concurrent requests without locks.
type Glossary struct {
	// ID is the file name without its extension.
	ID string
	// Path is the file the glossary was loaded from.
	Path string
	// Languages are the language columns, in file order; the first is the
	// language the glossary was authored in.
	Languages []language.Tag
	// Entries are the concepts, one per data row.
	Entries []Entry

	// byLang[i] indexes the column-i terms of translatable entries, with
	// case-insensitive keys in folded and case-sensitive keys in exact.
	byLang []termIndex
	// dnt indexes do-not-translate terms, which apply whatever the pair.
	dnt termIndex
}

// Entry is one concept: its term in each language column.
type Entry struct {
	// Terms holds one term per language column ("" where the glossary has
	// no term for that language).
	Terms []string
	// DoNotTranslate marks a term kept verbatim in every language (product
	// and brand names).
	DoNotTranslate bool
	// CaseSensitive makes matching exact in case ("Parley" the product, not
	// "parley" the word).
	CaseSensitive bool
	// Note is free text for translators and reviewers.
	Note string
	// Line is the entry's line in its file, for error messages.
	Line int
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

type termIndex struct {
	folded *index
	exact  *index
}

func newTermIndex() termIndex { return termIndex{folded: newIndex(), exact: newIndex()} }

func (ti termIndex) add(term string, caseSensitive bool, ref int) {
	if caseSensitive {
		ti.exact.add(key(term, false), ref)
	} else {
		ti.folded.add(key(term, true), ref)
	}
}

func (ti termIndex) freeze() {
	ti.folded.freeze()
	ti.exact.freeze()
}

// build indexes the entries. Called once by the parser.
func (g *Glossary) build() {
	g.byLang = make([]termIndex, len(g.Languages))
	for i := range g.byLang {
		g.byLang[i] = newTermIndex()
	}
	g.dnt = newTermIndex()
	for ref, e := range g.Entries {
		if e.DoNotTranslate {
			g.dnt.add(e.Term(), e.CaseSensitive, ref)
			continue
		}
		for col, t := range e.Terms {
			if t != "" {
				g.byLang[col].add(t, e.CaseSensitive, ref)
			}
		}
	}
	g.dnt.freeze()
	for _, ti := range g.byLang {
		ti.freeze()
	}
}

// Column returns the language column that serves tag, or -1. A column
// serves a tag of the same base language and script, preferring an exact
// match, then the generic column ("pt" for "pt-BR"), then the first
// regional one ("pt-PT" for "pt"). Scripts must agree so that a "zh"
// (Simplified) column never serves "zh-TW" (Traditional). The x/text
// Matcher is not used because it pairs related languages (Galician with
// Spanish), which for terminology would be wrong.
func (g *Glossary) Column(tag language.Tag) int {
	base, _ := tag.Base()
	script, _ := tag.Script()
	best, bestRank := -1, 0
	for i, col := range g.Languages {
		cb, _ := col.Base()
		cs, _ := col.Script()
		if cb != base || cs != script {
			continue
		}
		rank := 1
		switch {
		case col == tag:
			rank = 3
		case col == language.Make(cb.String()):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// Set is the collection of loaded glossaries, in ID order.
type Set struct {
	list []*Glossary
}

// NewSet builds a set. Glossaries with the same ID are a programming error
// in the caller (IDs come from file names) and the later one is dropped.
func NewSet(gs ...*Glossary) *Set {
	s := &Set{}
	for _, g := range gs {
		if s.Get(g.ID) == nil {
			s.list = append(s.list, g)
		}
	}
	slices.SortFunc(s.list, func(a, b *Glossary) int { return strings.Compare(a.ID, b.ID) })
	return s
}

// Get returns the glossary with the given id, or nil.
func (s *Set) Get(id string) *Glossary {
	for _, g := range s.list {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// Glossaries returns the glossaries in ID order.
func (s *Set) Glossaries() []*Glossary { return slices.Clone(s.list) }

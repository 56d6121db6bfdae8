// Package lexicon provides the word lists the safety service checks text
// against: the "List of Dirty, Naughty, Obscene, and Otherwise Bad Words"
// (LDNOOBW, © Shutterstock, CC BY 4.0), embedded in the binary so that the
// service needs no files at run time. data/README.md carries the
// attribution and data/LICENSE the licence, which must ship with the lists.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Name identifies the lists in verdicts ("ldnoobw:fr").
const Name = "ldnoobw"

//go:embed data
var data embed.FS

// notLists are the files of data/ that are not word lists.
var notLists = map[string]bool{"LICENSE": true, "README.md": true}

// List is the word list of one language.
type List struct {
	// Lang is the ISO 639 base language the list serves ("fr").
	Lang string
	// Files are the upstream files merged into the list, in name order:
	// regional variants join their base language, so "fr" is "fr" plus
	// "fr-CA-u-sd-caqc" (Québécois swear words).
	Files []string
	// Entries are the list's entries, trimmed and without duplicates, in
	// file order.
	Entries []string
}

// Lists returns the embedded lists, one per language, sorted by language.
func Lists() ([]List, error) {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		return nil, fmt.Errorf("embedded lexicon: %w", err)
	}
	return Parse(sub)
}

// License returns the text of the lists' licence.
func License() string {
	b, _ := data.ReadFile("data/LICENSE")
	return string(b)
}

// Parse reads every list of fsys: one file per language, named by its
// BCP 47 tag, one entry per line. Blank lines are skipped and so are lines
// starting with "#", which no upstream entry does.
func Parse(fsys fs.FS) ([]List, error) {
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read lexicon directory: %w", err)
	}
	byLang := map[string]*List{}
	seen := map[string]map[string]bool{}
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || notLists[name] {
			continue
		}
		tag, err := language.Parse(name)
		if err != nil || tag == language.Und {
			return nil, fmt.Errorf("lexicon file %q is not named by a BCP 47 language tag", name)
		}
		base, _ := tag.Base()
		lang := base.String()
		l := byLang[lang]
		if l == nil {
			l = &List{Lang: lang}
			byLang[lang] = l
			seen[lang] = map[string]bool{}
		}
		l.Files = append(l.Files, name)
		if err := readEntries(fsys, name, l, seen[lang]); err != nil {
			return nil, err
		}
	}
	out := make([]List, 0, len(byLang))
	for _, l := range byLang {
		if len(l.Entries) > 0 {
			out = append(out, *l)
		}
	}
	slices.SortFunc(out, func(a, b List) int { return strings.Compare(a.Lang, b.Lang) })
	return out, nil
}

func readEntries(fsys fs.FS, name string, l *List, seen map[string]bool) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("open lexicon %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		e := strings.TrimSpace(sc.Text())
		if e == "" || strings.HasPrefix(e, "#") || seen[e] {
			continue
		}
		seen[e] = true
		l.Entries = append(l.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read lexicon %s: %w", name, err)
	}
	return nil
}

// Package lexicon provides the word lists the safety service checks text
// against: the "List of Dirty, Naughty, Obscene, and Otherwise Bad Words"
// (LDNOOBW, © Shutterstock, CC BY 4.0), embedded in the binary so that the
// service needs no files at run time. data/README.md carries the
// attribution and data/LICENSE the licence, which must ship with the lists.
//
// The lists say nothing about how bad an entry is. Parley's grades (in
// grades/, see grades/README.md) give a curated subset of entries a
// severity and a category; every other entry is DefaultGrade. Entries the
// lists lack are Parley's own additions (additions/, see
// additions/README.md), merged into the lists before the grades apply.
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

// OwnName identifies Parley's own lists (own/, for languages LDNOOBW has
// no list for) in verdicts ("parley:vi"), so that no one takes them for
// LDNOOBW's.
const OwnName = "parley"

//go:embed data
var data embed.FS

//go:embed own
var own embed.FS

//go:embed grades
var grades embed.FS

//go:embed additions
var additions embed.FS

//go:embed benign
var benign embed.FS

// Grade is how bad an entry is and what kind of harm it names.
type Grade struct {
	// Severity is "none", "low", "medium" or "high". Entries graded none
	// are not matched at all: everyday or neutral words the autocomplete
	// list keeps out but a chat moderator must not see flagged ("comer",
	// Portuguese for "to eat"; identity terms such as "homosexual").
	Severity string
	// Category is one of the lexicon categories: profanity,
	// sexual_content, hate, violent_crimes, sex_crimes,
	// child_exploitation, drugs, self_harm.
	Category string
}

// DefaultGrade is the grade of an entry the grades do not mention: the
// lists were made to keep explicit words out of autocomplete, so an
// ungraded entry is taken as vulgar but not as a slur or a threat.
var DefaultGrade = Grade{Severity: "medium", Category: "profanity"}

// Severities and categories a grade may use.
var (
	Severities = []string{"none", "low", "medium", "high"}
	Categories = []string{"profanity", "sexual_content", "hate", "violent_crimes", "sex_crimes", "child_exploitation", "drugs", "self_harm"}
)

// notLists are the files of data/ that are not word lists.
var notLists = map[string]bool{"LICENSE": true, "README.md": true}

// List is the word list of one language.
type List struct {
	// Lang is the ISO 639 base language the list serves ("fr").
	Lang string
	// Source is the list's origin, which names it in verdicts: Name
	// (LDNOOBW, also when empty) or OwnName.
	Source string
	// Files are the upstream files merged into the list, in name order:
	// regional variants join their base language, so "fr" is "fr" plus
	// "fr-CA-u-sd-caqc" (Québécois swear words).
	Files []string
	// Entries are the list's entries, trimmed and without duplicates, in
	// file order.
	Entries []string
	// Grades holds the graded entries (as spelled in Entries); see Grade.
	Grades map[string]Grade
}

// Name is the list's name in verdicts: "ldnoobw:fr", "parley:vi".
func (l *List) Name() string {
	src := l.Source
	if src == "" {
		src = Name
	}
	return src + ":" + l.Lang
}

// Grade returns the grade of one of the list's entries.
func (l *List) Grade(entry string) Grade {
	if g, ok := l.Grades[entry]; ok {
		return g
	}
	return DefaultGrade
}

// Lists returns the embedded lists, one per language, sorted by language,
// with their grades.
func Lists() ([]List, error) {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		return nil, fmt.Errorf("embedded lexicon: %w", err)
	}
	lists, err := Parse(sub)
	if err != nil {
		return nil, err
	}
	osub, err := fs.Sub(own, "own")
	if err != nil {
		return nil, fmt.Errorf("embedded own lists: %w", err)
	}
	if lists, err = AddOwn(osub, lists); err != nil {
		return nil, err
	}
	asub, err := fs.Sub(additions, "additions")
	if err != nil {
		return nil, fmt.Errorf("embedded additions: %w", err)
	}
	if err := ApplyAdditions(asub, lists); err != nil {
		return nil, err
	}
	gsub, err := fs.Sub(grades, "grades")
	if err != nil {
		return nil, fmt.Errorf("embedded grades: %w", err)
	}
	if err := ApplyGrades(gsub, lists); err != nil {
		return nil, err
	}
	return lists, nil
}

// AddOwn reads Parley's own lists from fsys (in Parse's format; see
// own/README.md) and adds them to lists, sorted by language. They are for
// languages LDNOOBW has no list for: a language that has one is an
// error, so that an upstream list that comes later is noticed and the two
// are merged by hand (its additions then go to additions/).
func AddOwn(fsys fs.FS, lists []List) ([]List, error) {
	owned, err := Parse(fsys)
	if err != nil {
		return nil, fmt.Errorf("own lists: %w", err)
	}
	for _, o := range owned {
		if slices.ContainsFunc(lists, func(l List) bool { return l.Lang == o.Lang }) {
			return nil, fmt.Errorf("own list %s: LDNOOBW has a list for %q", strings.Join(o.Files, ","), o.Lang)
		}
		o.Source = OwnName
		lists = append(lists, o)
	}
	slices.SortFunc(lists, func(a, b List) int { return strings.Compare(a.Lang, b.Lang) })
	return lists, nil
}

// ApplyAdditions merges the entry files of fsys (named by the base
// language of their list, one entry per line, blank lines and lines
// starting with "#" skipped; README.md is not one) into the lists, after
// the upstream entries. A file for a language without a list, and an entry
// the list already has (ignoring case), are errors: an addition that an
// upstream update brings is then noticed and dropped here.
func ApplyAdditions(fsys fs.FS, lists []List) error {
	byLang := map[string]*List{}
	for i := range lists {
		byLang[lists[i].Lang] = &lists[i]
	}
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("read additions directory: %w", err)
	}
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || notLists[name] {
			continue
		}
		l := byLang[name]
		if l == nil {
			return fmt.Errorf("additions %s: no list for language %q", name, name)
		}
		have := make(map[string]bool, len(l.Entries))
		for _, e := range l.Entries {
			have[strings.ToLower(e)] = true
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read additions %s: %w", name, err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			e := strings.TrimSpace(line)
			if e == "" || strings.HasPrefix(e, "#") {
				continue
			}
			if have[strings.ToLower(e)] {
				return fmt.Errorf("additions %s:%d: %q is in the %s list already", name, n+1, e, l.Lang)
			}
			have[strings.ToLower(e)] = true
			l.Entries = append(l.Entries, e)
		}
	}
	return nil
}

// ApplyGrades reads the grade files of fsys ("<lang>.tsv", one line per
// entry: the entry, its severity and its category, separated by tabs;
// blank lines and lines starting with "#" are skipped) into the lists. An
// entry is found in its list ignoring case. A grade for a language without
// a list, for an entry the list does not have, or with an unknown severity
// or category is an error, so that grades cannot drift from the lists.
func ApplyGrades(fsys fs.FS, lists []List) error {
	byLang := map[string]*List{}
	for i := range lists {
		byLang[lists[i].Lang] = &lists[i]
	}
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("read grades directory: %w", err)
	}
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || !strings.HasSuffix(name, ".tsv") {
			continue
		}
		lang := strings.TrimSuffix(name, ".tsv")
		l := byLang[lang]
		if l == nil {
			return fmt.Errorf("grades %s: no list for language %q", name, lang)
		}
		if err := readGrades(fsys, name, l); err != nil {
			return err
		}
	}
	return nil
}

func readGrades(fsys fs.FS, name string, l *List) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read grades %s: %w", name, err)
	}
	folded := make(map[string]string, len(l.Entries))
	for _, e := range l.Entries {
		folded[strings.ToLower(e)] = e
	}
	if l.Grades == nil {
		l.Grades = map[string]Grade{}
	}
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return fmt.Errorf("grades %s:%d: want entry, severity and category separated by tabs", name, n+1)
		}
		entry, ok := folded[strings.ToLower(strings.TrimSpace(f[0]))]
		if !ok {
			return fmt.Errorf("grades %s:%d: %q is not an entry of the %s list", name, n+1, f[0], l.Lang)
		}
		g := Grade{Severity: strings.TrimSpace(f[1]), Category: strings.TrimSpace(f[2])}
		if !slices.Contains(Severities, g.Severity) {
			return fmt.Errorf("grades %s:%d: unknown severity %q", name, n+1, g.Severity)
		}
		if !slices.Contains(Categories, g.Category) {
			return fmt.Errorf("grades %s:%d: unknown category %q", name, n+1, g.Category)
		}
		if _, dup := l.Grades[entry]; dup {
			return fmt.Errorf("grades %s:%d: %q is graded twice", name, n+1, f[0])
		}
		l.Grades[entry] = g
	}
	return nil
}

// Benign returns the embedded benign phrases (benign/<lang>, see
// benign/README.md), by base language: words and phrases that are
// everyday in that language although a list, often another language's,
// has them or a word inside them (Spanish "negro", Swedish "slut" "end",
// English "Moby Dick"). A word-list match inside one of them is not a
// finding when the text is in that language.
func Benign() (map[string][]string, error) {
	sub, err := fs.Sub(benign, "benign")
	if err != nil {
		return nil, fmt.Errorf("embedded benign phrases: %w", err)
	}
	return ParseBenign(sub)
}

// ParseBenign reads benign phrase files: one per language, named by its
// base language (a language without a list may have one: Galician "negro"
// meets the English list through the fallback), one phrase per line, blank
// lines and lines starting with "#" skipped; README.md is not one.
func ParseBenign(fsys fs.FS) (map[string][]string, error) {
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read benign directory: %w", err)
	}
	out := map[string][]string{}
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || notLists[name] {
			continue
		}
		tag, err := language.Parse(name)
		if base, _ := tag.Base(); err != nil || tag == language.Und || base.String() != name {
			return nil, fmt.Errorf("benign file %q is not named by a base language", name)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read benign %s: %w", name, err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			e := strings.TrimSpace(line)
			if e == "" || strings.HasPrefix(e, "#") {
				continue
			}
			out[name] = append(out[name], e)
		}
	}
	return out, nil
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

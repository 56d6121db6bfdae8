package apertium

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// Set phrases. The Debian modes translate chat's set phrases word by
// word: "I'm sorry" came out "Losiento", "see you tomorrow" "Te ves
// mañana", "never mind" "Nunca mente", "de nada" "Of at all". The engine
// keeps a table of them (phrases.txt): a clause of a message that is a
// phrase of the request's source language, whole, goes into the stream as
// a superblank holding the target language's phrase, which every program
// of the mode (and of a pivot's second mode) copies through, as it copies
// a protected term. A clause is what lies between the text's edges,
// sentence punctuation, line breaks and protected parts ("thanks" and
// "see you tomorrow" in "thanks, see you tomorrow @ana!"); the words are
// compared ignoring case and runs of spaces, with what is not a word at
// either end (emoji, spaces) left outside.

//go:embed phrases.txt
var phrasesFile string

// phraseTable maps a language to its phrases (lower case, one space
// between words) and each phrase to its line; lines hold each language's
// rendering (the first phrase, as written).
type phraseTable struct {
	read  map[string]map[string]int
	lines []map[string]string
}

var phrases = mustParsePhrases(phrasesFile)

func mustParsePhrases(src string) *phraseTable {
	t, err := parsePhrases(src)
	if err != nil {
		panic(err)
	}
	return t
}

// parsePhrases reads phrases.txt's format (see the file).
func parsePhrases(src string) (*phraseTable, error) {
	t := &phraseTable{read: map[string]map[string]int{}}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		row := map[string]string{}
		for _, cell := range strings.Split(line, "|") {
			lang, list, ok := strings.Cut(cell, ":")
			lang = strings.TrimSpace(lang)
			if !ok || lang == "" {
				return nil, fmt.Errorf("phrases.txt:%d: want \"<language>: <phrase> / ... | ...\"", n+1)
			}
			if _, dup := row[lang]; dup {
				return nil, fmt.Errorf("phrases.txt:%d: %s twice", n+1, lang)
			}
			for i, p := range strings.Split(list, "/") {
				p = strings.TrimSpace(p)
				key := phraseKey(p)
				if key == "" || key != strings.ToLower(p) || !lowerCase(lang, p) {
					return nil, fmt.Errorf("phrases.txt:%d: %s %q is no phrase of lower-case words separated by one space", n+1, lang, p)
				}
				if i == 0 {
					row[lang] = p
				}
				// A regional cell ("pt-BR") is read as its language.
				base := api.Base(lang)
				if t.read[base] == nil {
					t.read[base] = map[string]int{}
				}
				if _, seen := t.read[base][key]; !seen {
					t.read[base][key] = len(t.lines)
				}
			}
		}
		t.lines = append(t.lines, row)
	}
	return t, nil
}

// lowerCase reports whether phrase p of lang is in lower case, as the
// table writes phrases, but for English "I" ("I'm sorry") and the words
// a language capitalizes wherever they stand ("see you on Monday", "feliz
// Navidad"; alwaysCapital): the first phrase of a line is written as it
// is in the file.
func lowerCase(lang, p string) bool {
	for _, w := range strings.Fields(p) {
		capital := lang == "en" && (w == "I" || strings.HasPrefix(w, "I'")) || alwaysCapital(api.Base(lang), w)
		if w != strings.ToLower(w) && !capital {
			return false
		}
	}
	return true
}

// phraseKey is how a clause is looked up: lower case, typographic
// apostrophes as ', one space between words; "" when the clause has
// anything but words, spaces, apostrophes and hyphens.
func phraseKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == '’' || r == 'ʼ':
			r = '\''
		case r == '\'' || r == '-' || isWordRune(r):
		default:
			return ""
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// rendering returns what clause (a phrase of source) is written as in
// target (its regional cell, "pt-BR", before its language's), with the
// clause's case: capitalized when it starts with a capital, in capitals
// throughout when it is and has more than three letters ("THANKS"; "OK",
// "IDK" and "THX" are spelled so, not shouted).
func (t *phraseTable) rendering(clause, source, target string) (string, bool) {
	return t.render(clause, api.Base(source), target, api.Base(target))
}

// render is rendering with the base languages of source and target
// parsed once by the caller.
func (t *phraseTable) render(clause, source, target, targetBase string) (string, bool) {
	var out string
	if line, ok := t.read[source][phraseKey(clause)]; ok {
		if out, ok = t.lines[line][target]; !ok {
			out, ok = t.lines[line][targetBase]
		}
		if !ok {
			return "", false
		}
	} else if out, ok = laughter(clause, target, targetBase); !ok {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(clause)
	switch {
	case strings.ToUpper(clause) == clause && letters(clause) > 3:
		return strings.ToUpper(out), true
	case unicode.IsUpper(first):
		return titleAt(out, 0), true
	}
	return out, true
}

// laughRE matches a clause that is laughter, as chat writes it in the
// languages of the modes: two or more syllables ("haha", "jajaja",
// "hehe", "jeje", "hihi"), Brazilian "kkkk" and "rsrs", and "lol",
// "lmao", "mdr", "xD". A single "ja" is a word (German yes, Catalan
// already), so is "ha".
var laughRE = regexp.MustCompile(`^(?i:(?:(?:ha|ja)h?){2,}|(?:(?:he|je)h?){2,}|(?:(?:hi|ji)h?){2,}|k{3,}|(?:rs){2,}|lo+l|lmf?ao+|mdr+|xd+)$`)

// laughs are how each language's chat laughs, by base language and
// region ("pt-BR").
var laughs = map[string]string{"en": "haha", "es": "jaja", "fr": "haha", "pt": "haha", "pt-BR": "kkkk", "ca": "haha"}

// laughter returns the target's laughter for a clause that is laughter
// ("jajaja" is "hahaha" in English: the modes copy it as an unknown word,
// and a reader sees Spanish), as long as the clause's own, when it is
// syllables.
func laughter(clause, target, targetBase string) (string, bool) {
	if !laughRE.MatchString(clause) {
		return "", false
	}
	out, ok := laughs[target]
	if !ok {
		if out, ok = laughs[targetBase]; !ok {
			return "", false
		}
	}
	if n := strings.Count(strings.ToLower(clause), "a"); n > 2 && len(out) == 4 && out[1] == 'a' {
		out = strings.Repeat(out[:2], n) // "jajaja" -> "hahaha"
	}
	return out, true
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// beforeNames returns where the words of clause end before its last
// name, and before its last two names, for each that is a name and
// leaves words before it. A name is a word with a capital first letter
// and a lower-case letter after it ("Ana", "McKay"; not "I", "OK" or a
// word in capitals throughout).
func beforeNames(clause string) []int {
	var ends []int
	e := len(clause)
	for range 2 {
		i := strings.LastIndexByte(clause[:e], ' ')
		if i <= 0 || !isName(clause[i+1:e]) {
			break
		}
		e = len(strings.TrimRight(clause[:i], " "))
		if e == 0 {
			break
		}
		ends = append(ends, e)
	}
	return ends
}

// isName reports whether word is one beforeNames takes for a name:
// English capitalizes days and months too, which are no names ("see you
// Friday" is the mode's, whose "viernes" has its lower case).
func isName(word string) bool {
	first, size := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(first) || notNames[strings.ToLower(word)] {
		return false
	}
	for _, r := range word[size:] {
		if !isWordRune(r) {
			return false
		}
	}
	return strings.IndexFunc(word[size:], unicode.IsLower) >= 0
}

// notNames are the English days and months (isName).
var notNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("monday tuesday wednesday thursday friday saturday sunday " +
		"january february march april may june july august september october november december") {
		m[w] = true
	}
	return m
}()

// clauseBreak reports whether r ends a clause.
func clauseBreak(r rune) bool {
	return strings.ContainsRune(".!?…,;:\n\r¡¿()\"“”«»", r)
}

// withPhrases returns spans with a spanPhrase for every clause of text's
// prose that is a phrase of source with a rendering in target. Protected
// parts end a clause; markup delimiters do not, and a clause with one
// inside is no phrase: "*see you tomorrow*" is one ("*hasta mañana*"),
// "I'm *so sorry* about it" has none.
func (t *phraseTable) withPhrases(text string, spans []span, source, target string) []span {
	source, targetBase := api.Base(source), api.Base(target)
	if t == nil || t.read[source] == nil {
		return spans
	}
	// spanAt returns the span that starts at i, if any.
	next := 0
	spanAt := func(i int) (span, bool) {
		for next < len(spans) && spans[next].start < i {
			next++
		}
		if next < len(spans) && spans[next].start == i {
			return spans[next], true
		}
		return span{}, false
	}
	var found []span
	clause := func(from, to int) {
		// The words: from the first word rune to the last, past
		// delimiters at either end, with no span inside.
		s, e := from, to
		for _, sp := range spans {
			if sp.end <= s || sp.start >= e {
				continue
			}
			if sp.start <= s {
				s = sp.end
				continue
			}
			break
		}
		for s < e {
			r, size := utf8.DecodeRuneInString(text[s:])
			if isWordRune(r) {
				break
			}
			s += size
		}
		for i := len(spans) - 1; i >= 0; i-- {
			if sp := spans[i]; sp.start < e && sp.end > s && sp.end >= e {
				e = sp.start
			}
		}
		for e > s {
			r, size := utf8.DecodeLastRuneInString(text[:e])
			if isWordRune(r) {
				break
			}
			e -= size
		}
		if s >= e {
			return
		}
		for _, sp := range spans {
			if sp.start < e && sp.end > s {
				return // a delimiter inside
			}
		}
		if r, ok := t.render(text[s:e], source, target, targetBase); ok {
			found = append(found, span{start: s, end: e, kind: spanPhrase, text: r})
			return
		}
		// A phrase before a name or two ("Happy birthday Ana", "good
		// night Maria José"): the phrase is the table's, the names are
		// left to the mode, which copies them.
		for _, p := range beforeNames(text[s:e]) {
			if r, ok := t.render(text[s:s+p], source, target, targetBase); ok {
				found = append(found, span{start: s, end: s + p, kind: spanPhrase, text: r})
				return
			}
		}
	}
	from := 0
	for i := 0; i < len(text); {
		if sp, ok := spanAt(i); ok {
			if sp.kind == spanAtom {
				clause(from, i)
				from = sp.end
			}
			i = sp.end
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if clauseBreak(r) {
			clause(from, i)
			from = i + size
		}
		i += size
	}
	clause(from, len(text))
	if len(found) == 0 {
		return spans
	}
	out := append(append(make([]span, 0, len(spans)+len(found)), spans...), found...)
	slices.SortStableFunc(out, func(a, b span) int { return a.start - b.start })
	return out
}

package glossary

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// endings are a language's common inflectional endings (case-folded), for
// entries matched with inflection "stem". This is a light stemmer on
// purpose: the dictionary form loses at most a final vowel that inflection
// replaces (strip: "hilo" → "hil", "message" → "messag"), and the stem may
// then take one of the endings that mark number, gender, tense or case
// (add: "hil" + "os", "messag" + "es"). So "hilo" finds "hilos" and
// "Nachricht" finds "Nachrichten", but stem changes ("Kanal" → "Kanäle",
// "mouse" → "mice") are not found; list such forms as entries of their own.
type endings struct {
	strip []string // longest first
	set   map[string]bool
}

// minStemRunes keeps short words from being stemmed to almost nothing.
const minStemRunes = 3

// genericEndingRunes is how long an ending may be in a language without a
// table: stem then behaves like a prefix match limited to a few letters.
const genericEndingRunes = 3

var endingTables = map[string]struct{ strip, add []string }{
	"en": {[]string{"e", "y"}, []string{"s", "es", "e", "ed", "d", "ing", "y", "ies", "ied", "ying"}},
	"es": {[]string{"o", "a", "e"}, []string{"s", "es", "a", "as", "o", "os", "e"}},
	"pt": {[]string{"o", "a", "e"}, []string{"s", "es", "a", "as", "o", "os", "e"}},
	"ca": {[]string{"o", "a", "e"}, []string{"s", "es", "a", "o", "os", "e"}},
	"it": {[]string{"o", "a", "e"}, []string{"a", "e", "i", "o"}},
	"fr": {[]string{"e"}, []string{"s", "x", "e", "es"}},
	"de": {[]string{"e"}, []string{"e", "en", "er", "es", "n", "s", "ern", "em", "ens"}},
	"nl": {[]string{"e"}, []string{"en", "s", "e", "n"}},
	"sv": {[]string{"a"}, []string{"a", "ar", "er", "or", "en", "et", "na", "n"}},
	"da": {[]string{"e"}, []string{"e", "er", "en", "et", "ne", "ene"}},
	"nb": {[]string{"e"}, []string{"e", "er", "en", "et", "ene"}},
	"no": {[]string{"e"}, []string{"e", "er", "en", "et", "ene"}},
}

var endingsByLang = func() map[string]*endings {
	m := make(map[string]*endings, len(endingTables))
	for lang, t := range endingTables {
		e := &endings{strip: slices.Clone(t.strip), set: map[string]bool{"": true}}
		slices.SortStableFunc(e.strip, func(a, b string) int { return len(b) - len(a) })
		for _, s := range t.add {
			e.set[s] = true
		}
		m[lang] = e
	}
	return m
}()

// endingsFor returns the endings of a language, or nil for the generic rule.
func endingsFor(tag language.Tag) *endings {
	base, _ := tag.Base()
	return endingsByLang[base.String()]
}

// accepts reports whether rest may follow a stem.
func (e *endings) accepts(rest string) bool {
	if rest == "" {
		return true
	}
	if e == nil {
		return utf8.RuneCountInString(rest) <= genericEndingRunes
	}
	return e.set[rest]
}

// stemKey strips the longest strippable ending from the last word of a
// normalized key, keeping at least minStemRunes of the word.
func stemKey(k string, e *endings) string {
	if e == nil {
		return k
	}
	ws := lastWordStart(k)
	word := k[ws:]
	if word == "" {
		return k
	}
	n := utf8.RuneCountInString(word)
	for _, end := range e.strip {
		if strings.HasSuffix(word, end) && n-utf8.RuneCountInString(end) >= minStemRunes {
			return k[:len(k)-len(end)]
		}
	}
	return k
}

// lastWordStart returns where the last word of a space-separated script
// starts in k, or len(k) when k does not end in one.
func lastWordStart(k string) int {
	start := len(k)
	for i := 0; i < len(k); {
		if we := wordEnd(k, i); we > i {
			start = i
			i = we
			continue
		}
		_, size := utf8.DecodeRuneInString(k[i:])
		i += size
		start = len(k)
	}
	return start
}

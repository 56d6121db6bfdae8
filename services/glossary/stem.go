package glossary

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/textmatch"
)

// The stemmer for entries matched with inflection "stem" is light on
// purpose and table-driven. Each language has rules chosen by how the last
// word of a term ends (the first rule whose ending fits wins, so longer
// endings come first; the last rule, without endings, takes every other
// word). A rule may strip the ending that inflection replaces ("hilo" →
// "hil", "reacción" → "reacci") and lists what may follow the stem ("hil" +
// "os", "reacci" + "ones"). So "hilo" finds "hilos" and "reacción"
// "reacciones", but stem changes ("Kanal" → "Kanäle", "mouse" → "mice",
// "звонок" → "звонка") are not found; list such forms as entries of their
// own. Some languages also let proclitics precede the term (the Arabic
// article and conjunctions: "سلسلة" finds "والسلسلة").
//
// Rules are written in case-folded NFC, as keys are.

// stemRule is one row of a language's table.
type stemRule struct {
	ends  []string // word endings that select the rule; nil for the default (last) rule
	strip bool     // inflection replaces the ending: the stem is the word without it
	add   []string // what may follow the stem ("" allows the bare stem)
	// carry are the endings a repair may carry over: when a forbidden
	// term of this rule is found as itself plus one of them ("hebra" +
	// "s"), its replacement is the target plus the same ending ("hilo" +
	// "s"), provided the target belongs to the same rule. Only endings
	// that every word of the rule takes the same way are listed.
	carry []string
}

// stemTable is a language's rules and proclitics.
type stemTable struct {
	rules      []stemRule
	proclitics []string
}

// The tables. Plural, case and verb endings are those of regular nouns
// and verbs; the tests list, per language, words that must be found and
// words that must not.
var (
	germanicE = func(add ...string) []stemRule {
		return []stemRule{{ends: []string{"e"}, strip: true, add: add}, {add: append([]string{""}, add...)}}
	}
	norse = germanicE("e", "er", "en", "et", "ne", "ene")

	stemTables = map[string]stemTable{
		"en": {rules: []stemRule{
			{ends: []string{"e"}, strip: true, add: []string{"e", "es", "ed", "ing"}, carry: []string{"s", "d"}},
			{ends: []string{"y"}, strip: true, add: []string{"y", "ys", "ies", "ied", "ying"}, carry: []string{"ing"}},
			{ends: []string{"ch", "sh", "s", "x", "z"}, add: []string{"", "es", "ed", "ing"}, carry: []string{"es"}},
			{ends: []string{"a", "i", "o", "u"}, add: []string{"", "s", "es", "ed", "ing"}},
			{add: []string{"", "s", "ed", "ing"}, carry: []string{"s"}},
		}},
		"es": {rules: []stemRule{
			// A stressed last syllable loses its accent before -es:
			// reacción → reacciones, almacén → almacenes, inglés → ingleses.
			{ends: []string{"ón"}, strip: true, add: []string{"ón", "ones"}},
			{ends: []string{"án"}, strip: true, add: []string{"án", "anes"}},
			{ends: []string{"én"}, strip: true, add: []string{"én", "enes"}},
			{ends: []string{"ín"}, strip: true, add: []string{"ín", "ines"}},
			{ends: []string{"ún"}, strip: true, add: []string{"ún", "unes"}},
			{ends: []string{"és"}, strip: true, add: []string{"és", "eses"}},
			{ends: []string{"ás"}, strip: true, add: []string{"ás", "ases"}},
			{ends: []string{"z"}, strip: true, add: []string{"z", "ces"}}, // lápiz → lápices
			{ends: []string{"o", "a", "e"}, strip: true, add: []string{"o", "os", "a", "as", "e", "es"}, carry: []string{"s"}},
			{ends: []string{"á", "é", "í", "ó", "ú"}, add: []string{"", "s", "es"}},
			{ends: []string{"l", "r", "d", "j"}, add: []string{"", "es", "a", "as", "s"}, carry: []string{"es"}}, // s: loanwords (routers)
			// n and s without an accent (imagen → imágenes, lunes), y
			// (rey → reyes, jersey → jerséis) and loanwords (chat → chats):
			// found, never carried.
			{add: []string{"", "s", "es", "a", "as", "o", "os", "e"}},
		}},
		"pt": {rules: []stemRule{
			{ends: []string{"ão"}, strip: true, add: []string{"ão", "ões", "ães", "ãos"}}, // canção → canções, pão → pães
			{ends: []string{"m"}, strip: true, add: []string{"m", "ns"}},                  // mensagem → mensagens
			{ends: []string{"l"}, strip: true, add: []string{"l", "is"}},                  // canal → canais, nível → níveis
			{ends: []string{"o", "a", "e"}, strip: true, add: []string{"o", "os", "a", "as", "e", "es"}, carry: []string{"s"}},
			{ends: []string{"r", "z"}, add: []string{"", "es", "a", "as"}, carry: []string{"es"}},
			{add: []string{"", "s", "es", "a", "as", "o", "os", "e"}},
		}},
		"ca": {rules: []stemRule{
			{ends: []string{"a"}, strip: true, add: []string{"a", "es"}}, // casa → cases
			{ends: []string{"o", "e"}, strip: true, add: []string{"o", "os", "e", "es", "a"}, carry: []string{"s"}},
			{add: []string{"", "s", "os", "es", "a"}},
		}},
		"it": {rules: []stemRule{
			{ends: []string{"o", "a", "e"}, strip: true, add: []string{"o", "a", "e", "i"}},
			{add: []string{"", "a", "e", "i", "o"}},
		}},
		"fr": {rules: []stemRule{
			{ends: []string{"e"}, strip: true, add: []string{"e", "es"}, carry: []string{"s"}},
			{ends: []string{"al"}, strip: true, add: []string{"al", "als", "ale", "ales", "aux"}}, // canal → canaux
			{ends: []string{"au", "eu", "ou", "ail"}, add: []string{"", "x", "s"}},
			{ends: []string{"s", "x", "z"}, add: []string{"", "e", "es"}},
			{add: []string{"", "s", "e", "es"}, carry: []string{"s"}},
		}},
		"de": {rules: germanicE("e", "en", "er", "es", "n", "s", "ern", "em", "ens")},
		"nl": {rules: germanicE("e", "en", "s", "n")},
		"sv": {rules: []stemRule{
			{ends: []string{"a"}, strip: true, add: []string{"a", "ar", "or", "an", "orna", "na"}},
			{add: []string{"", "ar", "er", "or", "en", "et", "na", "n", "a"}},
		}},
		"da": {rules: norse},
		"nb": {rules: norse},
		"no": {rules: norse},
		// Russian nouns: the final vowel, й or ь gives way to a case
		// ending. -ка keeps its fleeting vowel in the genitive plural
		// (ветка → веток, ссылка → ссылок); other fleeting vowels
		// (звонок → звонка) are not found.
		"ru": {rules: []stemRule{
			{ends: []string{"ка"}, strip: true, add: []string{"ка", "ки", "ке", "ку", "кой", "кою", "к", "ок", "ек", "кам", "ками", "ках"}},
			{ends: []string{"ия"}, strip: true, add: []string{"ия", "ии", "ию", "ией", "иею", "ий", "иям", "иями", "иях"}},
			{ends: []string{"ие"}, strip: true, add: []string{"ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"}},
			{ends: []string{"ий"}, strip: true, add: []string{"ий", "ия", "ию", "ием", "ии", "иев", "иям", "иями", "иях"}},
			{ends: []string{"а"}, strip: true, add: []string{"а", "ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах", ""}},
			{ends: []string{"я"}, strip: true, add: []string{"я", "и", "е", "ю", "ей", "ею", "ям", "ями", "ях", "ь"}},
			{ends: []string{"о"}, strip: true, add: []string{"о", "а", "у", "ом", "е", "ам", "ами", "ах", ""}},
			{ends: []string{"е"}, strip: true, add: []string{"е", "я", "ю", "ем", "и", "ей", "ям", "ями", "ях"}},
			{ends: []string{"ь"}, strip: true, add: []string{"ь", "я", "ю", "ем", "ём", "е", "и", "ей", "ям", "ями", "ях", "ью"}},
			{ends: []string{"й"}, strip: true, add: []string{"й", "я", "ю", "ем", "ём", "е", "и", "ев", "ёв", "ям", "ями", "ях"}},
			{add: []string{"", "а", "у", "ом", "е", "ы", "и", "ов", "ам", "ами", "ах", "ей", "ем", "ев"}},
		}},
		// Arabic: the article and the one-letter conjunctions and
		// prepositions written together with the word (والسلسلة, بالسلسلة,
		// للسلسلة); endings follow the generic rule, so broken plurals
		// (سلاسل) are not found.
		"ar": {proclitics: []string{
			"ال", "و", "ف", "ب", "ل", "ك",
			"وال", "فال", "بال", "كال", "لل", "وب", "فب", "ول", "فل", "وك", "فك",
			"وبال", "فبال", "وكال", "فكال", "ولل", "فلل",
		}},
	}
)

// minStemRunes keeps short words from being stemmed to almost nothing: a
// word whose stem would be shorter keeps its ending ("ola" stays "ola" and
// still finds "olas").
const minStemRunes = 3

// genericEndingRunes is how long an ending may be in a language without a
// table: stem then behaves like a prefix match limited to a few letters.
const genericEndingRunes = 3

// endings is a language's compiled table.
type endings struct {
	rules      []*rule
	proclitics []string // longest first
	generic    *affixes // for a language without rules (Arabic)
}

type rule struct {
	stemRule
	// stem is what may follow a stripped stem, or the word itself when
	// the rule strips nothing.
	stem *affixes
	// whole, per ending, is what may follow a word too short to strip:
	// the endings of add that begin with it, without it.
	whole map[string]*affixes
}

// affixes is what may surround one term's key in a stem match.
type affixes struct {
	after  map[string]bool // nil: up to genericEndingRunes letters
	before []string        // proclitics that may precede the key
}

// genericAffixes are those of a language without a table.
var genericAffixes = &affixes{}

var endingsByLang = func() map[string]*endings {
	m := make(map[string]*endings, len(stemTables))
	for lang, t := range stemTables {
		e := &endings{proclitics: slices.Clone(t.proclitics)}
		slices.SortStableFunc(e.proclitics, func(a, b string) int { return len(b) - len(a) })
		e.generic = &affixes{before: e.proclitics}
		for _, r := range t.rules {
			c := &rule{stemRule: r, stem: &affixes{after: setOf(r.add), before: e.proclitics}}
			if r.strip {
				c.whole = map[string]*affixes{}
				for _, end := range r.ends {
					a := &affixes{after: map[string]bool{}, before: e.proclitics}
					for _, s := range r.add {
						if rest, ok := strings.CutPrefix(s, end); ok {
							a.after[rest] = true
						}
					}
					c.whole[end] = a
				}
			}
			e.rules = append(e.rules, c)
		}
		m[lang] = e
	}
	return m
}()

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

// endingsFor returns the table of a language, or nil for the generic rule.
func endingsFor(tag language.Tag) *endings {
	base, _ := tag.Base()
	return endingsByLang[base.String()]
}

// hasStemRules reports whether the language has a table of its own.
func hasStemRules(tag language.Tag) bool { return endingsFor(tag) != nil }

// accepts reports whether rest may follow a key.
func (a *affixes) accepts(rest string) bool {
	if a == nil || a.after == nil {
		return utf8.RuneCountInString(rest) <= genericEndingRunes
	}
	return a.after[rest]
}

// afterProclitic reports whether the key found at s[start] follows one of
// the proclitics that start its word.
func (a *affixes) afterProclitic(s string, start int) bool {
	if a == nil {
		return false
	}
	for _, p := range a.before {
		ps := start - len(p)
		if ps >= 0 && s[ps:start] == p && textmatch.StartsWord(s, ps) {
			return true
		}
	}
	return false
}

// ruleOf returns the rule the last word of a key falls under and the
// ending that selected it, or nil when the key does not end in a word.
func (e *endings) ruleOf(k string) (*rule, string) {
	if e == nil {
		return nil, ""
	}
	word := k[lastWordStart(k):]
	if word == "" {
		return nil, ""
	}
	for _, r := range e.rules {
		if r.ends == nil {
			return r, ""
		}
		for _, end := range r.ends {
			if strings.HasSuffix(word, end) {
				return r, end
			}
		}
	}
	return nil, ""
}

// stem returns the key a stem match looks for (the normalized key with the
// ending of its last word stripped where its rule says so, keeping at least
// minStemRunes of the word) and what may surround it.
func (e *endings) stem(k string) (string, *affixes) {
	if e == nil {
		return k, genericAffixes
	}
	r, end := e.ruleOf(k)
	switch {
	case r == nil:
		return k, e.generic
	case !r.strip:
		return k, r.stem
	case utf8.RuneCountInString(k[lastWordStart(k):])-utf8.RuneCountInString(end) >= minStemRunes:
		return k[:len(k)-len(end)], r.stem
	}
	return k, r.whole[end]
}

// carry returns the ending a repair carries over when it replaces occ, an
// occurrence of the forbidden term f, with the target t (all keys in the
// same folding): occ must be f plus one of the carry endings of f's rule,
// and t must fall under the same rule and accept t plus that ending. So
// "hebras" (hebra + s) becomes "hilos", but "passwords" is not made
// "contraseñas" (password and contraseña inflect differently).
func (e *endings) carry(f, t, occ string) (string, bool) {
	x, ok := strings.CutPrefix(occ, f)
	if !ok || x == "" {
		return "", false
	}
	rf, _ := e.ruleOf(f)
	rt, _ := e.ruleOf(t)
	if rf == nil || rf != rt || !slices.Contains(rf.carry, x) {
		return "", false
	}
	k, a := e.stem(t)
	if !a.accepts((t + x)[len(k):]) {
		return "", false
	}
	return x, true
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

package safety

import (
	"slices"
	"strings"
	"unicode"

	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
)

// Coverage: every text is checked with its language's list and with the
// fallback set (English plus every non-Latin-script entry), because the
// declared language is the sender's word, and because chat mixes
// languages: an English slur in a Spanish sentence, or after a Japanese
// greeting, is still a slur. The fallback set collides with other
// languages only where an English entry is an everyday word of the
// text's language (Spanish "negro", Swedish "slut" "end"): such words are
// the language's benign phrases (lexicon/benign, plus the entries its own
// list grades none), and a word-list match inside one of them is dropped.

// benignSet is the benign phrases of one language (or of all of them,
// for und), compiled for matching.
type benignSet = compiled

// compileBenign compiles phrases with the fallback's profile: benign
// phrases are looked for in the text as the fallback normalizes it.
func compileBenign(lang string, phrases []string) *benignSet {
	if len(phrases) == 0 {
		return nil
	}
	entries := make([]entry, len(phrases))
	for i, p := range phrases {
		entries[i] = entry{text: p, detector: "benign:" + lang}
	}
	return compile("benign:"+lang, defaultProfile, entries)
}

// benignFor is the benign set of a base language. The English phrases
// (names, places, Latin honours: "Moby Dick", "Mong Kok", "magna cum
// laude") are in every language's set, since the English list is applied
// to every text (see New); a language with no phrases of its own gets
// them alone.
//
// A text of unknown language ("" or und) gets the English phrases as its
// set and every language's as weak: the text may be in any of those
// languages, or in none, so their phrases excuse only the milder words,
// not one graded high. Swahili "kike" ("female"), Somali "cuntada" ("the
// food") and Danish "fag" ("subject") are everyday words in their
// languages, and among the worst English words in a text whose language
// was not told; Spanish and Portuguese "negro" ("black"), graded medium,
// is still excused there.
func (c *Checker) benignFor(base string) (set, weak *benignSet) {
	if base == "" || base == api.Undetermined {
		return c.benign["en"], c.benignAll
	}
	if b := c.benign[base]; b != nil {
		return b, nil
	}
	return c.benign["en"], nil
}

// knownNonEnglish reports whether base is a known language other than
// English.
func knownNonEnglish(base string) bool {
	return base != "" && base != api.Undetermined && base != "en"
}

// strongEnglish are the families of English entries applied to a text in
// any language, whatever their grade: with the slurs and entries graded
// high or hate, they are what an English word in another language's
// sentence is there for ("Hola equipo, fucking niggers").
// "shit" is among them: it is borrowed into chat in many languages ("shit
// happens" in German) and is an everyday word in none.
var strongEnglish = []string{"fuck", "motherfuck", "cunt", "nigger", "nigga", "faggot", "shit"}

// nameEntries are English entries that are also first names: written
// capitalised ("Dick", not "dick" or "DICK") they are read as the name.
var nameEntries = map[string]bool{"dick": true}

// englishApplies reports whether a hit stands. Hits of the English list
// in a text of a known language other than English (known) stand only
// for the strong entries: its milder entries are everyday words or names
// elsewhere ("cum laude", the Roman numeral thirty in a Spanish chapter
// heading, Portuguese "Sexo: feminino", "Mi hermano Dick"). And a
// capitalised name entry is a name.
func englishApplies(h hit, text string, known bool) bool {
	if h.e.detector != englishList {
		return true
	}
	if known && h.e.severity != api.SeverityHigh && h.e.category != api.CategoryHate &&
		!slices.ContainsFunc(strongEnglish, func(f string) bool { return strings.HasPrefix(h.e.text, f) }) {
		return false
	}
	return !nameEntries[h.e.text] || !capitalised(text[h.start:h.end])
}

// capitalised reports whether s starts with an upper-case letter and has
// no other upper-case letter ("Dick", "D1ck"; not "DICK").
func capitalised(s string) bool {
	upper := 0
	for i, r := range s {
		if !unicode.IsUpper(r) {
			continue
		}
		if i > 0 {
			return false
		}
		upper++
	}
	return upper == 1
}

// fromList reports whether a hit comes from a shared word list (LDNOOBW's
// or Parley's own), as opposed to a tenant's deny list (whose terms the
// tenant chose, so no benign phrase overrides them).
func fromList(h hit) bool {
	return strings.HasPrefix(h.e.detector, lexicon.Name+":") || strings.HasPrefix(h.e.detector, lexicon.OwnName+":")
}

// dropBenign removes the word-list hits that lie inside a benign phrase
// of b found in n, and those not severe (see severe) inside one of weak.
func dropBenign(hits []hit, n *normalized, b, weak *benignSet) []hit {
	if b == nil && weak == nil || len(hits) == 0 {
		return hits
	}
	var benign, milder []span
	if b != nil {
		benign = matchSpans(n, b)
	}
	if weak != nil && slices.ContainsFunc(hits, func(h hit) bool { return !severe(h) }) {
		milder = matchSpans(n, weak)
	}
	return slices.DeleteFunc(hits, func(h hit) bool {
		return fromList(h) && (within(h, benign) || !severe(h) && within(h, milder))
	})
}

// severe reports whether h is graded high.
func severe(h hit) bool { return h.e.severity == api.SeverityHigh }

// matchSpans are the spans of the text where set matches n.
func matchSpans(n *normalized, set *compiled) []span {
	var spans []span
	n.match(set, func(start, end, _ int) {
		spans = append(spans, n.orig(start, end))
	})
	return spans
}

// within reports whether h lies inside one of spans.
func within(h hit, spans []span) bool {
	for _, a := range spans {
		if a.start <= h.start && h.end <= a.end {
			return true
		}
	}
	return false
}

// English inflection. The English list has base forms and a few
// inflected ones ("bitches", "fucking"); chat uses the rest. Plurals are
// formed for every single-word entry of three letters or more: a plural
// of a flagged word is as bad, and adding "s" to a slur makes no everyday
// word. Verb forms ("-ed", "-er", "-ing") would (butt-er, cock-er,
// mong-er, tit-er), so they are spelled out for the verbs that take them.
var englishForms = map[string][]string{
	"fuck":  {"fucked", "fucker", "fuckers", "fucks"},
	"shit":  {"shits", "shitted", "shitter", "shitters", "shitting", "shitty"},
	"wank":  {"wanked", "wanker", "wankers", "wanking", "wanks"},
	"piss":  {"pissed", "pisses"},
	"bitch": {"bitched", "bitching", "bitchy"},
	"whore": {"whored", "whoring"},
	"rape":  {"raped", "raper", "rapes"},
	"suck":  {"sucked", "sucking"},
}

// compoundPrefixes are English entries that also match as the first part
// of a compound written as one word ("fuckface", "fuckyou",
// "niggerlover"). Only entries that begin no everyday English word are
// here: "cock" (cockpit), "dick" (dickens), "ass" (assassin), "tit"
// (title), "spic" (spice) and "fag" (faggot, fagin) are not.
var compoundPrefixes = map[string]bool{
	"fuck": true, "motherfuck": true, "cunt": true, "nigger": true, "nigga": true, "faggot": true,
}

// englishList is the detector of the English list's entries.
const englishList = lexicon.Name + ":en"

// inflections returns the extra forms an English entry matches as.
func inflections(e string) []string {
	forms := englishForms[e]
	if len(e) < 3 || strings.HasSuffix(e, "s") && !strings.HasSuffix(e, "ss") {
		return forms
	}
	for _, r := range e {
		if r < 'a' || r > 'z' {
			return forms
		}
	}
	switch {
	case strings.HasSuffix(e, "ss"), strings.HasSuffix(e, "x"), strings.HasSuffix(e, "z"),
		strings.HasSuffix(e, "ch"), strings.HasSuffix(e, "sh"):
		return append(forms, e+"es")
	}
	return append(forms, e+"s")
}

package apertium

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// Nouns of chat that the modes leave unknown, English ones and a few
// Spanish ones, written in the target's words (nouns.txt). The engine
// knows which words a mode marked unknown (rebuild, relay); where one is
// a noun of the table, it is written as the target language's, and the
// determiner right before it in the noun's gender and number. The mode
// wrote that determiner for a word it could not read: masculine
// singular for an English one ("el chargers", "un screenshot"), the
// source's gender and number for a Spanish one ("la videollamada"). So:
// "los cargadores", "una captura", French "l'envoi", Catalan "la meva
// captura", "l'appel vidéo". An adjective between them ("el viejo
// charger") keeps the mode's words. Loanwords stay as written and count
// as known: "el wifi" is how Spanish chat writes it.

//go:embed nouns.txt
var nounsFile string

// chatNoun is one form of a noun in a target language, and what the
// mode wrote its determiner for: the source's gender and number (the
// masculine singular, for an English word).
type chatNoun struct {
	text       string
	g          gender
	plural     bool
	from       gender
	fromPlural bool
}

// nounTable holds, per source and target language (bases), the source's
// forms (lower case) and their target's, and the loanwords.
type nounTable struct {
	nouns     map[string]map[string]map[string]chatNoun
	loanwords map[string]bool
}

var chatNouns = mustParseNouns(nounsFile)

func mustParseNouns(src string) *nounTable {
	t, err := parseNouns(src)
	if err != nil {
		panic(err)
	}
	return t
}

// parseNouns reads nouns.txt's format (see the file).
func parseNouns(src string) (*nounTable, error) {
	t := &nounTable{nouns: map[string]map[string]map[string]chatNoun{}, loanwords: map[string]bool{}}
	forms := func(s string) []string {
		var out []string
		for f := range strings.SplitSeq(s, "/") {
			out = append(out, strings.Join(strings.Fields(f), " "))
		}
		return out
	}
	// genderOf reads a cell's leading "m" or "f".
	genderOf := func(fields []string) (gender, []string, bool) {
		if len(fields) < 2 || fields[0] != "m" && fields[0] != "f" {
			return genderUnknown, fields, false
		}
		return map[string]gender{"m": masculine, "f": feminine}[fields[0]], fields[1:], true
	}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if words, ok := strings.CutPrefix(line, "loanwords:"); ok {
			for _, w := range strings.Fields(words) {
				t.loanwords[w] = true
			}
			continue
		}
		cells := strings.Split(line, "|")
		// An English word's cell has no language; another's does, and
		// the gender its determiners have.
		source, from, head := "en", masculine, cells[0]
		if lang, rest, ok := strings.Cut(cells[0], ":"); ok {
			source = strings.TrimSpace(lang)
			var fields []string
			if from, fields, ok = genderOf(strings.Fields(rest)); !ok || determiners[source] == nil {
				return nil, fmt.Errorf("nouns.txt:%d: want \"<language>: <m or f> <singular> [/ <plural>] | ...\" of es, fr, pt or ca", n+1)
			}
			head = strings.Join(fields, " ")
		}
		words := forms(head)
		if len(words) > 2 || len(cells) < 2 {
			return nil, fmt.Errorf("nouns.txt:%d: want \"<singular> [/ <plural>] | <language>: <m or f> <singular> [/ <plural>] | ...\"", n+1)
		}
		for _, w := range words {
			if w == "" || w != strings.ToLower(w) || !isWord(w) {
				return nil, fmt.Errorf("nouns.txt:%d: %q is not one lower-case word", n+1, w)
			}
		}
		for _, cell := range cells[1:] {
			lang, rest, ok := strings.Cut(cell, ":")
			lang = strings.TrimSpace(lang)
			fields := strings.Fields(rest)
			// English has no gender to write.
			g := genderUnknown
			if lang != "en" {
				g, fields, ok = genderOf(fields)
			}
			if !ok || lang == source || lang != "en" && determiners[lang] == nil || len(fields) == 0 {
				return nil, fmt.Errorf("nouns.txt:%d: cell %q: want \"<language>: <m or f> <singular> [/ <plural>]\" of es, fr, pt or ca, or \"en: <singular> [/ <plural>]\"", n+1, strings.TrimSpace(cell))
			}
			target := forms(strings.Join(fields, " "))
			if len(target) != len(words) {
				return nil, fmt.Errorf("nouns.txt:%d: %s has %d forms for the source's %d", n+1, lang, len(target), len(words))
			}
			if t.nouns[source] == nil {
				t.nouns[source] = map[string]map[string]chatNoun{}
			}
			if t.nouns[source][lang] == nil {
				t.nouns[source][lang] = map[string]chatNoun{}
			}
			for i, w := range words {
				if i == 1 && w == words[0] {
					// A noun the same in both numbers ("tournevis") is
					// read as the singular chat mostly has ("un
					// tournevis", "necesito un destornillador").
					break
				}
				if target[i] == "" {
					return nil, fmt.Errorf("nouns.txt:%d: %s: an empty form", n+1, lang)
				}
				// A Spanish plural's determiner is plural already.
				t.nouns[source][lang][w] = chatNoun{text: target[i], g: g, plural: i == 1, from: from, fromPlural: i == 1 && source != "en"}
			}
		}
	}
	return t, nil
}

// pluralDeterminers maps, per target language, a masculine singular
// determiner (lower case, as a mode writes it before a word it cannot
// read) to its masculine plural; the gender then changes as a glossary
// term's does (determiners). Catalan's possessives stand after the
// article ("el meu"): the two words are one entry.
var pluralDeterminers = map[string]map[string]string{
	"es": {
		"el": "los", "un": "unos", "mi": "mis", "tu": "tus", "su": "sus", "este": "estos", "ese": "esos",
		"aquel": "aquellos", "nuestro": "nuestros", "vuestro": "vuestros", "del": "de los", "al": "a los", "otro": "otros",
		"mucho": "muchos",
	},
	"ca": {
		"el": "els", "un": "uns", "el meu": "els meus", "el teu": "els teus", "el seu": "els seus",
		"el nostre": "els nostres", "el vostre": "els vostres", "aquest": "aquests", "aquell": "aquells",
		"del": "dels", "al": "als", "pel": "pels", "molt": "molts",
	},
	"fr": {
		"le": "les", "un": "des", "mon": "mes", "ton": "tes", "son": "ses", "notre": "nos", "votre": "vos",
		"ce": "ces", "du": "des", "au": "aux",
	},
	"pt": {
		"o": "os", "um": "uns", "meu": "meus", "teu": "teus", "seu": "seus", "nosso": "nossos", "vosso": "vossos",
		"este": "estes", "esse": "esses", "aquele": "aqueles", "do": "dos", "no": "nos", "ao": "aos", "pelo": "pelos",
		"num": "nuns", "dum": "duns", "deste": "destes", "neste": "nestes", "desse": "desses", "nesse": "nesses",
		"muito": "muitos",
	},
}

// contractedBefore maps a preposition and "el" the modes leave apart
// before a word they cannot read ("me caí de el telesilla") to the one
// word Spanish and Catalan write ("del").
var contractedBefore = map[string]map[string]string{
	"es": {"de el": "del", "a el": "al"},
	"ca": {"de el": "del", "a el": "al", "per el": "pel"},
}

// elidedBeforeVowel maps, in French and Catalan, a masculine singular
// determiner to its form before a vowel ("l'envoi", "cet envoi", "de
// l'enviament"), where the mode wrote it for a word it could not read.
var elidedBeforeVowel = map[string]map[string]string{
	"fr": {"le": "l'", "du": "de l'", "au": "à l'", "ce": "cet"},
	"ca": {"el": "l'", "del": "de l'", "al": "a l'", "pel": "per l'"},
}

// mayHaveChatNouns is the cheap test before writeChatNouns: whether one
// of the words a mode marked (marked) is a noun of the table from source
// into target or a loanword. Most unknown words are names.
func mayHaveChatNouns(source, target string, marked []string) bool {
	table := chatNouns.nouns[api.Base(source)][api.Base(target)]
	for _, m := range marked {
		w := strings.ToLower(m)
		if _, ok := table[w]; ok || chatNouns.loanwords[w] {
			return true
		}
	}
	return false
}

// writeChatNouns writes the nouns of chat that the modes marked unknown
// (marked, as rebuild returns them) in target's words, in text's prose
// (ranges), and returns the text and how many of marked it wrote or
// found to be loanwords: those are no words left unknown to the
// message's reader.
func writeChatNouns(source, target, text string, ranges [][2]int, marked []string) (string, int) {
	lang := api.Base(target)
	table := chatNouns.nouns[api.Base(source)][lang]
	known := 0
	var subs []nounSub
	found := map[string]bool{}
	for _, m := range marked {
		w := strings.ToLower(m)
		n, ok := table[w]
		if !ok && !chatNouns.loanwords[w] {
			continue
		}
		// Only a word of the prose: "#hashtag" is a hashtag, whose
		// word stays unknown.
		if _, seen := found[w]; !seen {
			at := findWord(text, ranges, w)
			found[w] = len(at) > 0
			for _, a := range at {
				if ok { // a loanword stays as written
					subs = append(subs, nounSub{at: a, noun: n})
				}
			}
		}
		if found[w] {
			known++
		}
	}
	if len(subs) == 0 {
		return text, known
	}
	slices.SortFunc(subs, func(a, b nounSub) int { return a.at[0] - b.at[0] })
	return writeNouns(text, subs, lang), known
}

// nounSub is one place of a noun to write.
type nounSub struct {
	at   [2]int
	noun chatNoun
}

// writeNouns writes subs (in text's order) over text, each with the
// determiner before it in its noun's number and gender, in lang.
func writeNouns(text string, subs []nounSub, lang string) string {
	var b strings.Builder
	last := 0
	for _, s := range subs {
		b.WriteString(text[last:s.at[0]])
		// The mode wrote the determiner for the source's gender and
		// number and a word that starts with a consonant (masculine
		// singular, for an English word); the noun decides anew.
		before := b.String()
		switch {
		case s.noun.g == genderUnknown: // English
		case s.noun.plural && !s.noun.fromPlural:
			before = swapDeterminer(before, pluralDeterminers[lang])
		case !s.noun.plural && s.noun.g == s.noun.from && s.noun.g == masculine && startsWithVowel(s.noun.text):
			before = swapDeterminer(before, elidedBeforeVowel[lang])
		}
		if s.noun.g != genderUnknown && s.noun.g != s.noun.from {
			before = agreeDeterminer(before, len(before), s.noun.text, s.noun.g, lang)
		}
		if s.noun.g == masculine && !s.noun.plural {
			before = swapDeterminer(before, contractedBefore[lang])
		}
		b.Reset()
		b.WriteString(before)
		b.WriteString(caseLike(text[s.at[0]:s.at[1]], s.noun.text))
		last = s.at[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// swapDeterminer returns before (the text before a noun, ending in a
// blank) with its last determiner, two words ("el meu") or one, written
// as table has it, in its case; an elided form ("l'") takes the blank.
func swapDeterminer(before string, table map[string]string) string {
	trimmed := strings.TrimRight(before, " ")
	if len(trimmed) == len(before) || table == nil {
		return before
	}
	for _, start := range determinerStarts(trimmed) {
		phrase := trimmed[start:]
		if p, ok := table[strings.ToLower(strings.Join(strings.Fields(phrase), " "))]; ok {
			gap := before[len(trimmed):]
			if strings.HasSuffix(p, "'") {
				gap = ""
			}
			return before[:start] + caseLike(phrase, p) + gap
		}
	}
	return before
}

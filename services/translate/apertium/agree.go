package apertium

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// Determiners that agree with a glossary term. A term's target takes the
// place of Apertium's own rendering (terms.go), and the words around were
// chosen for the rendering: where the two differ in gender, the article
// before it is wrong ("o conversa" for "o fio" with a glossary's
// Portuguese "conversa", "la fil" for Catalan "la rosca" with "fil").
// The engine reads the gender of both with the target language's own
// analyser (the first program of a mode from that language, lt-proc with
// its automorf dictionary: "conversa<n><f><sg>") and, where both are
// nouns of one known gender each and they differ, puts the other gender's
// form of the determiner right before the term: "a conversa", "el fil",
// "de la discussion", "l'espace". Adjectives that agree after the noun
// (Spanish "el hilo nuevo") or stand between are left as they are.

// gender is a noun's grammatical gender as the analysers tag it.
type gender byte

const (
	genderUnknown gender = iota
	masculine
	feminine
)

// determiners maps, per target language, a determiner (lower case) of one
// gender to the other gender's form, both ways; forms of two words
// ("de la") are looked up as the two words before the noun.
var determiners = map[string]map[string]string{
	"es": pairsBothWays(
		"el", "la", "un", "una", "del", "de la", "al", "a la", "este", "esta", "ese", "esa",
		"aquel", "aquella", "nuestro", "nuestra", "vuestro", "vuestra", "otro", "otra",
		"ningún", "ninguna", "algún", "alguna", "mucho", "mucha", "todo el", "toda la",
		"los", "las", "unos", "unas", "estos", "estas", "esos", "esas", "aquellos", "aquellas",
		"nuestros", "nuestras", "vuestros", "vuestras", "otros", "otras", "muchos", "muchas", "algunos", "algunas"),
	"pt": pairsBothWays(
		"o", "a", "um", "uma", "do", "da", "no", "na", "ao", "à", "pelo", "pela", "este", "esta",
		"esse", "essa", "aquele", "aquela", "deste", "desta", "desse", "dessa", "neste", "nesta",
		"nesse", "nessa", "dum", "duma", "num", "numa", "meu", "minha", "teu", "tua", "seu", "sua",
		"nosso", "nossa", "vosso", "vossa", "outro", "outra", "os", "as", "dos", "das", "nos", "nas",
		"aos", "às", "pelos", "pelas", "uns", "umas", "estes", "estas", "esses", "essas",
		"meus", "minhas", "teus", "tuas", "seus", "suas", "nossos", "nossas", "muito", "muita", "muitos", "muitas"),
	"fr": pairsBothWays(
		"le", "la", "un", "une", "du", "de la", "au", "à la", "ce", "cette", "mon", "ma",
		"ton", "ta", "son", "sa"),
	"ca": pairsBothWays(
		"el", "la", "un", "una", "del", "de la", "al", "a la", "pel", "per la", "aquest", "aquesta",
		"aquell", "aquella", "meu", "meva", "teu", "teva", "seu", "seva", "nostre", "nostra",
		"vostre", "vostra", "els", "les", "uns", "unes", "dels", "de les", "als", "a les",
		"pels", "per les", "aquests", "aquestes", "aquells", "aquelles", "molt", "molta", "molts", "moltes",
		// The article before a possessive agrees too ("la meva").
		"el meu", "la meva", "el teu", "la teva", "el seu", "la seva", "el nostre", "la nostra",
		"el vostre", "la vostra", "els meus", "les meves", "els teus", "les teves", "els seus", "les seves",
		"els nostres", "les nostres", "els vostres", "les vostres"),
}

func pairsBothWays(words ...string) map[string]string {
	m := make(map[string]string, len(words))
	for i := 0; i+1 < len(words); i += 2 {
		m[words[i]], m[words[i+1]] = words[i+1], words[i]
	}
	return m
}

// analyser returns the analyser of lang (its base language) as a mode of
// one program, nil when no mode translates from it.
func (e *Engine) analyser(lang string) *mode {
	return e.analysers[api.Base(lang)]
}

// analysersOf makes an analyser per source language of modes: the first
// program of the first such mode, when it is lt-proc.
func analysersOf(modes []*mode) map[string]*mode {
	out := map[string]*mode{}
	for _, m := range modes {
		if _, ok := out[m.source]; ok || len(m.commands) == 0 || filepath.Base(m.commands[0][0]) != "lt-proc" {
			continue
		}
		out[m.source] = &mode{name: m.name + "/analyser", source: m.source, commands: [][]string{m.commands[0]}}
	}
	return out
}

// genders returns the gender of the first word of each of words (a
// term's head noun in the Romance languages: "espacio de trabajo"), read
// by lang's analyser, in one stream. A word the analyser does not read
// as a noun of one gender is genderUnknown.
func (e *Engine) genders(ctx context.Context, lang string, words []string) ([]gender, error) {
	m := e.analyser(lang)
	out := make([]gender, len(words))
	if m == nil {
		return out, nil
	}
	// Glossary terms come back message after message: their genders are
	// remembered (genderCache), and only the others are read.
	var (
		ask   []int    // the indices of words not remembered
		heads []string // their first words
	)
	for i, w := range words {
		head, _, _ := strings.Cut(strings.TrimSpace(w), " ")
		if g, ok := e.genderCache.get(m.source, head); ok {
			out[i] = g
			continue
		}
		ask, heads = append(ask, i), append(heads, head)
	}
	if len(ask) == 0 {
		return out, nil
	}
	read, err := e.readGenders(ctx, m, heads)
	if err != nil {
		return nil, err
	}
	for k, i := range ask {
		out[i] = read[k]
		e.genderCache.put(m.source, heads[k], read[k])
	}
	return out, nil
}

// readGenders reads the genders of words with the analyser m, in one
// stream.
func (e *Engine) readGenders(ctx context.Context, m *mode, words []string) ([]gender, error) {
	out := make([]gender, len(words))
	var b strings.Builder
	for _, w := range words {
		b.WriteString(w)
		b.WriteString(".\n")
	}
	stream, _ := encode(b.String(), nil, nil)
	raw, err := e.translateStream(ctx, m, stream)
	if err != nil {
		return nil, err
	}
	// One unit per word, then the period's: "^fil/fil<n><m><sg>$^./.<sent>$".
	i := 0
	for _, unit := range lexicalUnits(raw) {
		if i >= len(words) {
			break
		}
		if strings.Contains(unit, "<sent>") {
			i++
			continue
		}
		if out[i] == genderUnknown {
			out[i] = nounGender(unit)
		}
	}
	return out, nil
}

// genderCache remembers the genders the analysers read, per language and
// word. It is bounded: once full it starts again empty, which costs the
// next messages an analyser stream each.
type genderCache struct {
	mu sync.Mutex
	m  map[string]gender
}

// maxGenderCache bounds genderCache: far more words than the glossaries
// of a deployment and Apertium's renderings of them.
const maxGenderCache = 8192

func (c *genderCache) get(lang, word string) (gender, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g, ok := c.m[lang+"\x00"+word]
	return g, ok
}

func (c *genderCache) put(lang, word string, g gender) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxGenderCache {
		c.m = map[string]gender{}
	}
	c.m[lang+"\x00"+word] = g
}

// lexicalUnits returns the contents of the "^...$" units of an analysed
// stream, skipping escapes and superblanks.
func lexicalUnits(stream string) []string {
	var units []string
	start := -1
	for i := 0; i < len(stream); i++ {
		switch c := stream[i]; {
		case c == '\\':
			i++
		case c == '[' && start < 0:
			i = superblankEnd(stream, i) - 1
		case c == '^':
			start = i + 1
		case c == '$' && start >= 0:
			units = append(units, stream[start:i])
			start = -1
		}
	}
	return units
}

// nounGender reads an analysed unit ("fil/fil<n><m><sg>/filar<vblex>..."):
// the gender its noun analyses agree on, genderUnknown when it has none,
// they disagree or say <mf>.
func nounGender(unit string) gender {
	g := genderUnknown
	for _, a := range strings.Split(unit, "/")[1:] {
		if !strings.Contains(a, "<n>") {
			continue
		}
		var this gender
		switch {
		case strings.Contains(a, "<m>"):
			this = masculine
		case strings.Contains(a, "<f>"):
			this = feminine
		default:
			return genderUnknown
		}
		if g != genderUnknown && g != this {
			return genderUnknown
		}
		g = this
	}
	return g
}

// agreeDeterminer returns out with the determiner right before out[at:]
// (a glossary term's target, of gender to, written where Apertium's
// rendering, of the other gender, was) in the term's gender's form, in
// target language lang; out as it is when the word before is none of
// lang's determiners. French and Catalan elide the singular article
// before a vowel ("l'espace"); the term's first letter decides that anew.
func agreeDeterminer(out string, at int, term string, to gender, lang string) string {
	lang = api.Base(lang)
	table := determiners[lang]
	if table == nil || to == genderUnknown {
		return out
	}
	before := out[:at]
	elides := lang == "fr" || lang == "ca"
	vowel := startsWithVowel(term)
	if elides {
		for _, l := range []string{"l'", "L'", "l’", "L’"} {
			if !strings.HasSuffix(before, l) || vowel {
				continue
			}
			// "l'espai" became "l'fil": the article of the term's
			// gender, whole.
			article := map[string][2]string{"fr": {"le", "la"}, "ca": {"el", "la"}}[lang][to-1]
			return before[:len(before)-len(l)] + carryCapital(l, article, false) + " " + out[at:]
		}
	}
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	if len(trimmed) == len(before) || strings.ContainsAny(before[len(trimmed):], "\n\r") {
		return out // no blank between: not a word before the term
	}
	for _, start := range determinerStarts(trimmed) {
		phrase := trimmed[start:]
		key := strings.ToLower(strings.Join(strings.Fields(phrase), " "))
		repl, ok := table[key]
		if !ok {
			continue
		}
		gap := before[len(trimmed):]
		switch {
		case elides && vowel && (repl == "le" || repl == "la" || repl == "el"):
			repl, gap = "l'", ""
		case elides && vowel && strings.HasSuffix(repl, " la"):
			// "de la", "à la", "a la", "per la" before a vowel.
			repl, gap = strings.TrimSuffix(repl, "la")+"l'", ""
		case elides && vowel && contractedBeforeVowel[repl] != "":
			// "du", "au", "del", "al", "pel" before a vowel.
			repl, gap = contractedBeforeVowel[repl], ""
		case lang == "fr" && vowel && repl == "ce":
			repl = "cet"
		case lang == "fr" && vowel && (repl == "ma" || repl == "ta" || repl == "sa"):
			repl = map[string]string{"ma": "mon", "ta": "ton", "sa": "son"}[repl] // "mon amie"
		}
		return out[:start] + carryCapital(phrase, repl, false) + gap + out[at:]
	}
	return out
}

// contractedBeforeVowel is what a contracted masculine article becomes
// before a vowel in French and Catalan ("de l'espace", "a l'espai").
var contractedBeforeVowel = map[string]string{"du": "de l'", "au": "à l'", "del": "de l'", "al": "a l'", "pel": "per l'"}

// determinerStarts returns where the last two words of s start (a
// determiner of two words: "de la", "el meu"), then where the last one
// does.
func determinerStarts(s string) []int {
	last := lastWordStart(s)
	if p := strings.TrimRightFunc(s[:last], unicode.IsSpace); len(p) > 0 && len(p) < last {
		return []int{lastWordStart(p), last}
	}
	return []int{last}
}

// lastWordStart returns where the last word of s starts.
func lastWordStart(s string) int {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// startsWithVowel reports whether s starts with a vowel (or h, which
// elides in French and Catalan as often as not: "l'hôtel").
func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.ToLower(s))
	return strings.ContainsRune("aeiouyhàâäéèêëíìîïóòôöúùûü", r)
}

package ngram

import (
	"slices"
	"unicode"

	"github.com/pemistahl/lingua-go"
)

// The tables below are lingua-go v1.4.0's rule-engine data (Apache-2.0,
// Copyright Peter M. Stahl), which lingua keeps unexported. They are copied
// so that the rules behave exactly like lingua's; TestAgreesWithLingua
// checks that they still do.

// alphabet is one of the scripts lingua's rules know, in lingua's order:
// the first alphabet that covers a whole word is the word's alphabet.
type alphabet int

const (
	arabic alphabet = iota
	armenian
	bengali
	cyrillic
	devanagari
	georgian
	greek
	gujarati
	gurmukhi
	han
	hangul
	hebrew
	hiragana
	katakana
	latin
	tamil
	telugu
	thai
	numAlphabets
)

var alphabetTables = [numAlphabets]*unicode.RangeTable{
	arabic: unicode.Arabic, armenian: unicode.Armenian, bengali: unicode.Bengali,
	cyrillic: unicode.Cyrillic, devanagari: unicode.Devanagari, georgian: unicode.Georgian,
	greek: unicode.Greek, gujarati: unicode.Gujarati, gurmukhi: unicode.Gurmukhi,
	han: unicode.Han, hangul: unicode.Hangul, hebrew: unicode.Hebrew,
	hiragana: unicode.Hiragana, katakana: unicode.Katakana, latin: unicode.Latin,
	tamil: unicode.Tamil, telugu: unicode.Telugu, thai: unicode.Thai,
}

// covers reports whether every rune of s is in the alphabet.
func (a alphabet) covers(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(alphabetTables[a], r) {
			return false
		}
	}
	return true
}

func (a alphabet) has(r rune) bool { return unicode.Is(alphabetTables[a], r) }

// alphabetsOf is lingua's Language.alphabets.
func alphabetsOf(l lingua.Language) []alphabet {
	switch l {
	case lingua.Belarusian, lingua.Bulgarian, lingua.Kazakh, lingua.Macedonian,
		lingua.Mongolian, lingua.Russian, lingua.Serbian, lingua.Ukrainian:
		return []alphabet{cyrillic}
	case lingua.Arabic, lingua.Persian, lingua.Urdu:
		return []alphabet{arabic}
	case lingua.Hindi, lingua.Marathi:
		return []alphabet{devanagari}
	case lingua.Armenian:
		return []alphabet{armenian}
	case lingua.Bengali:
		return []alphabet{bengali}
	case lingua.Chinese:
		return []alphabet{han}
	case lingua.Georgian:
		return []alphabet{georgian}
	case lingua.Greek:
		return []alphabet{greek}
	case lingua.Gujarati:
		return []alphabet{gujarati}
	case lingua.Hebrew:
		return []alphabet{hebrew}
	case lingua.Japanese:
		return []alphabet{hiragana, katakana, han}
	case lingua.Korean:
		return []alphabet{hangul}
	case lingua.Punjabi:
		return []alphabet{gurmukhi}
	case lingua.Tamil:
		return []alphabet{tamil}
	case lingua.Telugu:
		return []alphabet{telugu}
	case lingua.Thai:
		return []alphabet{thai}
	case lingua.Unknown:
		return nil
	}
	// Every other lingua language is written in Latin script.
	return []alphabet{latin}
}

// uniqueCharacters is lingua's Language.uniqueCharacters: letters that,
// among lingua's languages, only this one uses.
func uniqueCharacters(l lingua.Language) string {
	switch l {
	case lingua.Azerbaijani:
		return "Əə"
	case lingua.Catalan:
		return "Ïï"
	case lingua.Czech:
		return "ĚěŘřŮů"
	case lingua.Esperanto:
		return "ĈĉĜĝĤĥĴĵŜŝŬŭ"
	case lingua.German:
		return "ß"
	case lingua.Hungarian:
		return "ŐőŰű"
	case lingua.Kazakh:
		return "ӘәҒғҚқҢңҰұ"
	case lingua.Latvian:
		return "ĢģĶķĻļŅņ"
	case lingua.Lithuanian:
		return "ĖėĮįŲų"
	case lingua.Macedonian:
		return "ЃѓЅѕЌќЏџ"
	case lingua.Marathi:
		return "ळ"
	case lingua.Mongolian:
		return "ӨөҮү"
	case lingua.Polish:
		return "ŁłŃńŚśŹź"
	case lingua.Romanian:
		return "Țţ"
	case lingua.Serbian:
		return "ЂђЋћ"
	case lingua.Slovak:
		return "ĹĺĽľŔŕ"
	case lingua.Spanish:
		return "¿¡"
	case lingua.Ukrainian:
		return "ҐґЄєЇї"
	case lingua.Vietnamese:
		return "ẰằẦầẲẳẨẩẴẵẪẫẮắẤấẠạẶặẬậỀềẺẻỂểẼẽỄễẾếỆệỈỉĨĩỊịƠơỒồỜờỎỏỔổỞởỖỗỠỡỐốỚớỘộỢợƯưỪừỦủỬửŨũỮữỨứỤụỰựỲỳỶỷỸỹỴỵ"
	case lingua.Yoruba:
		return "ŌōṢṣ"
	}
	return ""
}

// charsToLanguages is lingua's charsToLanguagesMapping: letters that a few
// languages share, used to narrow the candidates before scoring.
var charsToLanguages = []struct {
	chars     string
	languages []lingua.Language
}{
	{"Ãã", []lingua.Language{lingua.Portuguese, lingua.Vietnamese}},
	{"ĄąĘę", []lingua.Language{lingua.Lithuanian, lingua.Polish}},
	{"Żż", []lingua.Language{lingua.Polish, lingua.Romanian}},
	{"Îî", []lingua.Language{lingua.French, lingua.Romanian}},
	{"Ññ", []lingua.Language{lingua.Basque, lingua.Spanish}},
	{"ŇňŤť", []lingua.Language{lingua.Czech, lingua.Slovak}},
	{"Ăă", []lingua.Language{lingua.Romanian, lingua.Vietnamese}},
	{"İıĞğ", []lingua.Language{lingua.Azerbaijani, lingua.Turkish}},
	{"ЈјЉљЊњ", []lingua.Language{lingua.Macedonian, lingua.Serbian}},
	{"ẸẹỌọ", []lingua.Language{lingua.Vietnamese, lingua.Yoruba}},
	{"ÐðÞþ", []lingua.Language{lingua.Icelandic, lingua.Turkish}},
	{"Ûû", []lingua.Language{lingua.French, lingua.Hungarian}},
	{"Ōō", []lingua.Language{lingua.Maori, lingua.Yoruba}},

	{"ĀāĒēĪī", []lingua.Language{lingua.Latvian, lingua.Maori, lingua.Yoruba}},
	{"Şş", []lingua.Language{lingua.Azerbaijani, lingua.Romanian, lingua.Turkish}},
	{"Ďď", []lingua.Language{lingua.Czech, lingua.Romanian, lingua.Slovak}},
	{"Ćć", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Polish}},
	{"Đđ", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Vietnamese}},
	{"Іі", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Ukrainian}},
	{"Ìì", []lingua.Language{lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Øø", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk}},

	{"Ūū", []lingua.Language{lingua.Latvian, lingua.Lithuanian, lingua.Maori, lingua.Yoruba}},
	{"Ëë", []lingua.Language{lingua.Afrikaans, lingua.Albanian, lingua.Dutch, lingua.French}},
	{"ÈèÙù", []lingua.Language{lingua.French, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Êê", []lingua.Language{lingua.Afrikaans, lingua.French, lingua.Portuguese, lingua.Vietnamese}},
	{"Õõ", []lingua.Language{lingua.Estonian, lingua.Hungarian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ôô", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Slovak, lingua.Vietnamese}},
	{"ЁёЫыЭэ", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"ЩщЪъ", []lingua.Language{lingua.Bulgarian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"Òò", []lingua.Language{lingua.Catalan, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Ææ", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Icelandic, lingua.Nynorsk}},
	{"Åå", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk, lingua.Swedish}},

	{"Ýý", []lingua.Language{lingua.Czech, lingua.Icelandic, lingua.Slovak, lingua.Turkish, lingua.Vietnamese}},
	{"Ää", []lingua.Language{lingua.Estonian, lingua.Finnish, lingua.German, lingua.Slovak, lingua.Swedish}},
	{"Àà", []lingua.Language{lingua.Catalan, lingua.French, lingua.Italian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ââ", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Romanian, lingua.Turkish, lingua.Vietnamese}},

	{"Üü", []lingua.Language{lingua.Azerbaijani, lingua.Catalan, lingua.Estonian, lingua.German, lingua.Hungarian, lingua.Spanish, lingua.Turkish}},
	{"ČčŠšŽž", []lingua.Language{lingua.Bosnian, lingua.Czech, lingua.Croatian, lingua.Latvian, lingua.Lithuanian, lingua.Slovak, lingua.Slovene}},
	{"Çç", []lingua.Language{lingua.Albanian, lingua.Azerbaijani, lingua.Basque, lingua.Catalan, lingua.French, lingua.Portuguese, lingua.Turkish}},

	{"Öö", []lingua.Language{lingua.Azerbaijani, lingua.Estonian, lingua.Finnish, lingua.German, lingua.Hungarian, lingua.Icelandic, lingua.Swedish, lingua.Turkish}},

	{"Óó", []lingua.Language{lingua.Catalan, lingua.Hungarian, lingua.Icelandic, lingua.Irish, lingua.Polish, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
	{"ÁáÍíÚú", []lingua.Language{lingua.Catalan, lingua.Czech, lingua.Icelandic, lingua.Irish, lingua.Hungarian, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},

	{"Éé", []lingua.Language{lingua.Catalan, lingua.Czech, lingua.French, lingua.Hungarian, lingua.Icelandic, lingua.Irish, lingua.Italian, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
}

// oneLanguageAlphabets maps the alphabets that exactly one of lingua's
// languages uses (Hangul, Thai, Greek, ...) to that language.
var oneLanguageAlphabets = func() map[alphabet]lingua.Language {
	users := make(map[alphabet][]lingua.Language)
	for _, l := range lingua.AllLanguages() {
		for _, a := range alphabetsOf(l) {
			users[a] = append(users[a], l)
		}
	}
	m := make(map[alphabet]lingua.Language)
	for a, ls := range users {
		if len(ls) == 1 {
			m[a] = ls[0]
		}
	}
	return m
}()

// rules is lingua's rule engine for one configured language set.
type rules struct {
	languages  []lingua.Language // configured
	configured [lingua.Unknown + 1]bool
	// oneAlphabet lists the single-language alphabets whose language is
	// configured, in alphabet order.
	oneAlphabet []struct {
		a alphabet
		l lingua.Language
	}
	unique map[rune]lingua.Language // letters unique to a configured language
	// shared maps a letter that a few languages share to those of them
	// that are configured (lingua's charsToLanguagesMapping).
	shared map[rune][]lingua.Language
}

func newRules(languages []lingua.Language) *rules {
	r := &rules{languages: languages, unique: make(map[rune]lingua.Language), shared: make(map[rune][]lingua.Language)}
	for _, l := range languages {
		r.configured[l] = true
		for _, ch := range uniqueCharacters(l) {
			r.unique[ch] = l
		}
	}
	for _, e := range charsToLanguages {
		for _, ch := range e.chars {
			r.shared[ch] = append(r.shared[ch], e.languages...)
		}
	}
	for a := range numAlphabets {
		if l, ok := oneLanguageAlphabets[a]; ok && r.configured[l] {
			r.oneAlphabet = append(r.oneAlphabet, struct {
				a alphabet
				l lingua.Language
			}{a, l})
		}
	}
	return r
}

// counter is a small multiset of languages; a word votes for few.
type counter []struct {
	l lingua.Language
	n int
}

func (c *counter) add(l lingua.Language) {
	for i := range *c {
		if (*c)[i].l == l {
			(*c)[i].n++
			return
		}
	}
	*c = append(*c, struct {
		l lingua.Language
		n int
	}{l, 1})
}

func (c counter) has(l lingua.Language) bool {
	return slices.ContainsFunc(c, func(e struct {
		l lingua.Language
		n int
	}) bool {
		return e.l == l
	})
}

// top returns the most frequent language and whether it is strictly ahead
// of the runner-up (or alone).
func (c counter) top() (lingua.Language, bool) {
	best, second := -1, -1
	for i := range c {
		switch {
		case best < 0 || c[i].n > c[best].n:
			second, best = best, i
		case second < 0 || c[i].n > c[second].n:
			second = i
		}
	}
	if best < 0 {
		return lingua.Unknown, false
	}
	return c[best].l, second < 0 || c[best].n > c[second].n
}

// detect is lingua's detectLanguageWithRules: a language that the script
// or unique letters of most words give away, or Unknown.
func (r *rules) detect(words []string) lingua.Language {
	var total counter
	var word counter
	for _, w := range words {
		word = word[:0]
		for _, ch := range w {
			matched := false
			for _, oa := range r.oneAlphabet {
				if oa.a.has(ch) {
					word.add(oa.l)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
			switch {
			case han.has(ch):
				word.add(lingua.Chinese)
			case hiragana.has(ch) || katakana.has(ch):
				word.add(lingua.Japanese)
			case latin.has(ch) || cyrillic.has(ch) || devanagari.has(ch):
				if l, ok := r.unique[ch]; ok {
					word.add(l)
				}
			}
		}
		switch {
		case len(word) == 0:
			total.add(lingua.Unknown)
		case len(word) == 1:
			if r.configured[word[0].l] {
				total.add(word[0].l)
			} else {
				total.add(lingua.Unknown)
			}
		case word.has(lingua.Chinese) && word.has(lingua.Japanese):
			total.add(lingua.Japanese)
		default:
			if l, ahead := word.top(); ahead && r.configured[l] {
				total.add(l)
			} else {
				total.add(lingua.Unknown)
			}
		}
	}
	half := float64(len(words)) * 0.5
	for i := range total {
		if total[i].l == lingua.Unknown && float64(total[i].n) < half {
			total = slices.Delete(total, i, i+1)
			break
		}
	}
	switch {
	case len(total) == 0:
		return lingua.Unknown
	case len(total) == 1:
		return total[0].l
	case len(total) == 2 && total.has(lingua.Chinese) && total.has(lingua.Japanese):
		return lingua.Japanese
	}
	l, ahead := total.top()
	if !ahead {
		return lingua.Unknown
	}
	return l
}

// filter is lingua's filterLanguagesByRules: the configured languages that
// use the most common alphabet of the words, narrowed further by letters
// that only a few languages use.
func (r *rules) filter(words []string) []lingua.Language {
	var counts [numAlphabets]int
	seen := 0
	for _, w := range words {
		for a := range numAlphabets {
			if a.covers(w) {
				if counts[a] == 0 {
					seen++
				}
				counts[a]++
				break
			}
		}
	}
	if seen == 0 {
		return r.languages
	}
	if seen > 1 {
		distinct := make(map[int]bool)
		for _, n := range counts {
			if n > 0 {
				distinct[n] = true
			}
		}
		if len(distinct) == 1 {
			return r.languages
		}
	}
	// lingua breaks ties between alphabets at random (map order); the
	// first in alphabet order keeps answers reproducible.
	best := alphabet(0)
	for a := range numAlphabets {
		if counts[a] > counts[best] {
			best = a
		}
	}
	var filtered []lingua.Language
	for _, l := range r.languages {
		if slices.Contains(alphabetsOf(l), best) {
			filtered = append(filtered, l)
		}
	}
	// lingua counts, for every word, each distinct shared letter in it
	// once for every filtered language that uses it.
	var langCounts [lingua.Unknown + 1]int
	var inFiltered [lingua.Unknown + 1]bool
	for _, l := range filtered {
		inFiltered[l] = true
	}
	var seenRunes []rune
	for _, w := range words {
		seenRunes = seenRunes[:0]
		for _, ch := range w {
			ls, ok := r.shared[ch]
			if !ok || slices.Contains(seenRunes, ch) {
				continue
			}
			seenRunes = append(seenRunes, ch)
			for _, l := range ls {
				if inFiltered[l] {
					langCounts[l]++
				}
			}
		}
	}
	half := float64(len(words)) * 0.5
	var subset []lingua.Language
	for _, l := range filtered {
		if langCounts[l] > 0 && float64(langCounts[l]) >= half {
			subset = append(subset, l)
		}
	}
	if len(subset) > 0 {
		return subset
	}
	return filtered
}

package detect

//go:generate go run ./internal/hanzigen -out hanzi_data.go

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/pemistahl/lingua-go"
	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// scriptTables are the scripts detect tells apart, by ISO 15924 code.
var scriptTables = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Latn", unicode.Latin}, {"Cyrl", unicode.Cyrillic}, {"Arab", unicode.Arabic},
	{"Hani", unicode.Han}, {"Hira", unicode.Hiragana}, {"Kana", unicode.Katakana},
	{"Hang", unicode.Hangul}, {"Thai", unicode.Thai}, {"Grek", unicode.Greek},
	{"Hebr", unicode.Hebrew}, {"Deva", unicode.Devanagari}, {"Beng", unicode.Bengali},
	{"Taml", unicode.Tamil}, {"Telu", unicode.Telugu}, {"Gujr", unicode.Gujarati},
	{"Guru", unicode.Gurmukhi}, {"Geor", unicode.Georgian}, {"Armn", unicode.Armenian},
}

// scriptsOf are the scripts a lingua language is written in (lingua's
// models know Serbian in Cyrillic only, and Japanese in kana and Han).
func scriptsOf(l lingua.Language) []string {
	switch l {
	case lingua.Belarusian, lingua.Bulgarian, lingua.Kazakh, lingua.Macedonian,
		lingua.Mongolian, lingua.Russian, lingua.Serbian, lingua.Ukrainian:
		return []string{"Cyrl"}
	case lingua.Arabic, lingua.Persian, lingua.Urdu:
		return []string{"Arab"}
	case lingua.Hindi, lingua.Marathi:
		return []string{"Deva"}
	case lingua.Armenian:
		return []string{"Armn"}
	case lingua.Bengali:
		return []string{"Beng"}
	case lingua.Chinese:
		return []string{"Hani"}
	case lingua.Georgian:
		return []string{"Geor"}
	case lingua.Greek:
		return []string{"Grek"}
	case lingua.Gujarati:
		return []string{"Gujr"}
	case lingua.Hebrew:
		return []string{"Hebr"}
	case lingua.Japanese:
		return []string{"Hira", "Kana", "Hani"}
	case lingua.Korean:
		return []string{"Hang"}
	case lingua.Punjabi:
		return []string{"Guru"}
	case lingua.Tamil:
		return []string{"Taml"}
	case lingua.Telugu:
		return []string{"Telu"}
	case lingua.Thai:
		return []string{"Thai"}
	}
	return []string{"Latn"}
}

// census counts the letters of a text by script.
type census struct {
	counts map[string]int
	other  int // letters of scripts not in scriptTables
	total  int
	// simplified and traditional count the Han characters that only one
	// of the two Chinese writing systems uses.
	simplified, traditional int
}

func takeCensus(s string) census {
	c := census{counts: make(map[string]int)}
	for _, r := range s {
		// Letters of no script in particular (the Japanese length mark
		// ー, say) belong to whatever script surrounds them.
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Han, r) || unicode.Is(unicode.Common, r) || unicode.Is(unicode.Inherited, r) {
			continue
		}
		c.total++
		found := false
		for _, st := range scriptTables {
			if unicode.Is(st.table, r) {
				c.counts[st.code]++
				found = true
				break
			}
		}
		if !found {
			c.other++
		}
		if unicode.Is(unicode.Han, r) {
			switch {
			case strings.ContainsRune(simplifiedOnly, r):
				c.simplified++
			case strings.ContainsRune(traditionalOnly, r):
				c.traditional++
			}
		}
	}
	return c
}

// scripts returns the scripts present, most letters first.
func (c census) scripts() []string {
	var out []string
	for _, st := range scriptTables {
		if c.counts[st.code] > 0 {
			out = append(out, st.code)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return c.counts[b] - c.counts[a] })
	return out
}

// only reports whether every letter is in one of the given scripts.
func (c census) only(codes ...string) bool {
	n := 0
	for _, code := range codes {
		n += c.counts[code]
	}
	return c.total > 0 && n == c.total
}

// hanScript tells simplified from traditional Chinese by the characters
// only one of them uses: "Hans", "Hant", or "Hani" when the text uses
// only shared characters (or as many of each).
func (c census) hanScript() string {
	switch {
	case c.simplified > c.traditional:
		return "Hans"
	case c.traditional > c.simplified:
		return "Hant"
	}
	return "Hani"
}

// mainScript is the ISO 15924 code of the text's main script, with
// Chinese refined to Hans or Hant and Japanese as Jpan.
func (c census) mainScript() string {
	if c.total == 0 {
		return ""
	}
	if c.counts["Hira"]+c.counts["Kana"] > 0 && c.only("Hira", "Kana", "Hani", "Latn") && c.counts["Latn"] < c.total-c.counts["Latn"] {
		return "Jpan"
	}
	s := c.scripts()
	if len(s) == 0 {
		return "Zyyy"
	}
	if s[0] == "Hani" {
		return c.hanScript()
	}
	return s[0]
}

// shortcut is the configured language that owns every script of the text
// outright, if there is one: Hangul is Korean, kana (with or without Han)
// Japanese, Han alone Chinese, and any other script that only one
// configured language is written in (Thai, Greek, Hebrew, Georgian,
// Armenian, and Cyrillic or Arabic when only one such language is
// configured).
func (d *Detector) shortcut(c census) (lingua.Language, bool) {
	if c.total == 0 || c.other > 0 {
		return lingua.Unknown, false
	}
	s := c.scripts()
	if c.counts["Hira"]+c.counts["Kana"] > 0 && c.only("Hira", "Kana", "Hani") {
		return lingua.Japanese, d.has(lingua.Japanese)
	}
	if len(s) != 1 {
		return lingua.Unknown, false
	}
	if s[0] == "Hani" {
		// Japanese is nearly always written with kana among its kanji;
		// Han alone is Chinese.
		return lingua.Chinese, d.has(lingua.Chinese)
	}
	owner := lingua.Unknown
	for _, l := range d.model.Languages() {
		if slices.Contains(scriptsOf(l), s[0]) {
			if owner != lingua.Unknown {
				return lingua.Unknown, false
			}
			owner = l
		}
	}
	return owner, owner != lingua.Unknown
}

func (d *Detector) has(l lingua.Language) bool {
	_, ok := d.tags[l]
	return ok
}

// tagFor is the BCP 47 tag for a detected language, with the script where
// the text shows one that the language is written in more than one of:
// zh-Hans or zh-Hant, sr-Cyrl or sr-Latn.
func tagFor(base string, c census) string {
	var script string
	switch base {
	case "zh":
		if s := c.hanScript(); s != "Hani" {
			script = s
		}
	case "sr":
		switch {
		case c.counts["Cyrl"] > c.counts["Latn"]:
			script = "Cyrl"
		case c.counts["Latn"] > 0:
			script = "Latn"
		}
	}
	if script == "" {
		return base
	}
	b, err1 := language.ParseBase(base)
	sc, err2 := language.ParseScript(script)
	if err1 != nil || err2 != nil {
		return base
	}
	t, err := language.Compose(b, sc)
	if err != nil {
		return base
	}
	return t.String()
}

// regionVariants are languages whose regional standards a short text
// rarely tells apart; the answer keeps the base language and says so.
var regionVariants = map[string][]string{
	"pt": {"pt-BR", "pt-PT"},
	"es": {"es-ES", "es-419"},
	"en": {"en-US", "en-GB"},
	"fr": {"fr-FR", "fr-CA"},
	"de": {"de-DE", "de-AT", "de-CH"},
	"nl": {"nl-NL", "nl-BE"},
	"ar": {"ar-EG", "ar-SA", "ar-MA"},
	"sw": {"sw-KE", "sw-TZ"},
}

// ambiguity says what the text cannot tell about a detected language, and
// which region a hint suggests.
func (d *Detector) ambiguity(tag string, c census, hinted []language.Tag) string {
	base := api.Base(tag)
	var notes []string
	switch base {
	case "zh":
		switch tag {
		case "zh-Hans":
			notes = append(notes, "simplified characters: the region (zh-CN or zh-SG) cannot be told")
		case "zh-Hant":
			notes = append(notes, "traditional characters: the region (zh-TW or zh-HK) cannot be told")
		default:
			notes = append(notes, "only characters that simplified and traditional Chinese share: the script (zh-Hans or zh-Hant) cannot be told")
		}
	case "hr", "bs":
		if d.has(lingua.Serbian) {
			notes = append(notes, "Serbian in Latin script (sr-Latn) is written almost alike and cannot be told apart")
		}
	case "id":
		if !d.has(lingua.Malay) {
			notes = append(notes, "Malay (ms) is written almost alike; this deployment answers id for both")
		}
	}
	if vs, ok := regionVariants[base]; ok {
		notes = append(notes, fmt.Sprintf("the text does not show the region (%s)", strings.Join(vs, " or ")))
	}
	for _, h := range hinted {
		hb, _ := h.Base()
		if _, conf := h.Region(); hb.String() == base && conf == language.Exact {
			notes = append(notes, fmt.Sprintf("the hints suggest %s", h))
			break
		}
	}
	return strings.Join(notes, "; ")
}

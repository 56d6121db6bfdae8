package quality

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// WeightScript is what a translation in the wrong writing system costs:
// as much as the wrong language, which it usually is.
const WeightScript = 70

// minScriptLetters is the fewest letters, after names copied from the
// source are set aside, on which the script is judged.
const minScriptLetters = 4

// scriptTables maps ISO 15924 codes, as golang.org/x/text/language infers
// them for a tag ("es" → Latn, "sr" → Cyrl, "zh-TW" → Hant, "ja" → Jpan),
// to the Unicode scripts a text in that writing system uses. Japanese and
// Korean mix scripts; Chinese variants share Han (telling simplified from
// traditional characters needs a character table, not a script).
var scriptTables = func() map[string][]*unicode.RangeTable {
	m := map[string][]*unicode.RangeTable{
		"Hans": {unicode.Han},
		"Hant": {unicode.Han},
		"Hani": {unicode.Han},
		"Jpan": {unicode.Han, unicode.Hiragana, unicode.Katakana},
		"Kore": {unicode.Hangul, unicode.Han},
	}
	names := map[string]string{
		"Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek", "Arab": "Arabic", "Hebr": "Hebrew",
		"Deva": "Devanagari", "Beng": "Bengali", "Guru": "Gurmukhi", "Gujr": "Gujarati", "Orya": "Oriya",
		"Taml": "Tamil", "Telu": "Telugu", "Knda": "Kannada", "Mlym": "Malayalam", "Sinh": "Sinhala",
		"Thai": "Thai", "Laoo": "Lao", "Khmr": "Khmer", "Mymr": "Myanmar", "Geor": "Georgian",
		"Armn": "Armenian", "Ethi": "Ethiopic", "Tibt": "Tibetan", "Mong": "Mongolian", "Thaa": "Thaana",
		"Hang": "Hangul", "Syrc": "Syriac", "Tfng": "Tifinagh", "Cher": "Cherokee",
	}
	for code, name := range names {
		if t, ok := unicode.Scripts[name]; ok {
			m[code] = []*unicode.RangeTable{t}
		}
	}
	return m
}()

// scriptNames orders the scripts scriptOf can name, so that reasons are
// stable.
var scriptNames = func() []string {
	names := make([]string, 0, len(unicode.Scripts))
	for n := range unicode.Scripts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}()

// scriptOf names the Unicode script of a letter. The common scripts are
// tried first, so a Latin text costs a few table lookups per letter.
func scriptOf(r rune) string {
	for _, n := range []string{"Latin", "Cyrillic", "Han", "Arabic", "Greek", "Hangul", "Hiragana", "Katakana", "Devanagari", "Hebrew", "Thai"} {
		if unicode.Is(unicode.Scripts[n], r) {
			return n
		}
	}
	for _, n := range scriptNames {
		if unicode.Is(unicode.Scripts[n], r) {
			return n
		}
	}
	return "Unknown"
}

// ExpectedScript returns the ISO 15924 script in which texts in the
// language tag are written, and whether it is confident enough to check.
func ExpectedScript(tag string) (string, bool) {
	t, err := api.ParseTag(tag)
	if err != nil {
		return "", false
	}
	// Script infers the likely script of a tag without one ("sr" → Cyrl,
	// "zh-TW" → Hant); No means even that is unknown.
	s, conf := t.Script()
	if conf == language.No {
		return "", false
	}
	if _, ok := scriptTables[s.String()]; !ok {
		return s.String(), false
	}
	return s.String(), true
}

// scriptSignal checks that the translation's letters are in the target's
// writing system, e.g. not Cyrillic for a Spanish target. Words that also
// occur in the source (names, brands, code) are set aside: "Москва"
// may stay in Cyrillic in a Spanish translation of a Russian message.
// It needs no detector, so it still works while detect is down, and it
// catches mixed-script answers that detection on the whole text misses.
func scriptSignal(in *input) api.Signal {
	sg := api.Signal{Name: SignalScript, Value: 1}
	code, ok := ExpectedScript(in.targetLang)
	if !ok {
		sg.Reason = fmt.Sprintf("neutral: no known writing system for %s", in.targetLang)
		return sg
	}
	tables := scriptTables[code]
	srcWords := make(map[string]bool, len(in.srcWords))
	for _, w := range in.srcWords {
		srcWords[w.lower] = true
	}
	expected, total := 0, 0
	foreign := map[string]int{}
	for _, w := range in.trWords {
		if srcWords[w.lower] {
			continue
		}
		for _, r := range w.lower {
			if !unicode.IsLetter(r) {
				continue
			}
			total++
			if unicode.IsOneOf(tables, r) {
				expected++
			} else {
				foreign[scriptOf(r)]++
			}
		}
	}
	if total < minScriptLetters {
		sg.Reason = fmt.Sprintf("neutral: too few letters of its own to check the script (%d)", total)
		return sg
	}
	sg.Weight = WeightScript
	share := float64(expected) / float64(total)
	name := scriptName(code)
	if share >= 0.9 {
		sg.Reason = fmt.Sprintf("%.0f%% of the letters are %s, as expected for %s", 100*share, name, in.targetLang)
		return sg
	}
	// From 90% down to 50% of expected letters the value falls to 0: a few
	// foreign letters are a quoted word, half of them is the wrong script.
	sg.Value = round2(max(0, min(1, (share-0.5)/0.4)))
	top, topN := "", 0
	for s, n := range foreign {
		if n > topN || n == topN && s < top {
			top, topN = s, n
		}
	}
	sg.Reason = fmt.Sprintf("only %.0f%% of the letters are %s, as %s needs; %.0f%% are %s",
		100*share, name, in.targetLang, 100*float64(topN)/float64(total), top)
	return sg
}

// scriptName is a readable name for an ISO 15924 code.
func scriptName(code string) string {
	switch code {
	case "Hans":
		return "Han (simplified Chinese)"
	case "Hant":
		return "Han (traditional Chinese)"
	case "Jpan":
		return "Japanese (kanji and kana)"
	case "Kore":
		return "Korean (Hangul)"
	}
	tables := scriptTables[code]
	for _, n := range scriptNames {
		if len(tables) == 1 && unicode.Scripts[n] == tables[0] {
			return n
		}
	}
	return strings.ToLower(code)
}

package safety

import "unicode"

// toLatin maps letters of other scripts that look like Latin letters to
// those letters, so that "fuсk" with a Cyrillic с, "ΝΙGGΕR" with Greek
// capitals or "ѕhіt" with Macedonian and Ukrainian letters are read as the
// Latin words they imitate.
//
// The table is a compact subset of Unicode's confusables.txt (UTS #39,
// https://www.unicode.org/Public/security/latest/confusables.txt): the
// entries whose source is a single Cyrillic, Greek, Armenian or IPA/small
// capital letter and whose prototype is a single ASCII letter. Compatibility
// forms (fullwidth, mathematical alphanumerics, circled letters, ſ) are left
// out because NFKC already turns them into plain letters. One deliberate
// change: confusables.txt maps I-shaped letters (Cyrillic І, Greek Ι,
// palochka Ӏ) to "l", its prototype for a vertical stroke; in a word they
// stand for an I, so they map to I here.
//
// The mapping runs before case folding and keeps case (Cyrillic В becomes
// Latin B, which then folds to b): lower-case в does not look like b, so
// only the capital maps.
var toLatin = map[rune]rune{
	// Cyrillic capitals.
	'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M',
	'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'У': 'Y', 'Х': 'X', 'Ь': 'b',
	'Ү': 'Y', 'Ӏ': 'I', 'Ԍ': 'G', 'Ԝ': 'W', 'Ѵ': 'V',
	// Cyrillic small letters.
	'а': 'a', 'г': 'r', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x',
	'ѕ': 's', 'і': 'i', 'ј': 'j', 'ѡ': 'w', 'ѵ': 'v', 'ү': 'y', 'һ': 'h', 'ҽ': 'e',
	'ӏ': 'i', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w',
	// Greek capitals.
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'Ϳ': 'J', 'Ϲ': 'C',
	'Ϝ': 'F', 'Ϻ': 'M', 'ϒ': 'Y',
	// Greek small letters.
	'α': 'a', 'γ': 'y', 'ι': 'i', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'σ': 'o', 'υ': 'u',
	'ϱ': 'p', 'ϲ': 'c', 'ϳ': 'j',
	// Armenian.
	'Ս': 'U', 'Տ': 'S', 'Օ': 'O', 'ա': 'w', 'գ': 'q', 'զ': 'q', 'հ': 'h', 'ո': 'n',
	'ռ': 'n', 'ս': 'u', 'ց': 'g', 'ք': 'f', 'օ': 'o',
	// Latin letters outside ASCII that pass for ASCII ones (IPA, small
	// capitals, and the f with a hook, "ƒuck", which confusables.txt leaves
	// out). Dotless ı is handled apart: it is a letter of its own in
	// Turkish and Azerbaijani.
	'ƒ': 'f', 'Ƒ': 'F',
	'ɑ': 'a', 'ɡ': 'g', 'ɣ': 'y', 'ɩ': 'i', 'ɪ': 'i', 'ɯ': 'w', 'ʋ': 'u', 'ʏ': 'y',
	'ƽ': 's', 'ᴄ': 'c', 'ᴏ': 'o', 'ᴑ': 'o', 'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ᴢ': 'z',
}

// dotlessI is mapped to i except for Turkic languages.
const dotlessI = 'ı'

// toCyrillic is the reverse direction for words that are mostly Cyrillic
// with a few Latin look-alikes slipped in ("cукa" with a Latin c), so that
// the Cyrillic entries of the Russian list still match. Only the pairs that
// look alike in both cases are kept.
var toCyrillic = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'k': 'к',
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'О',
	'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
}

// confusableMode says where look-alike letters are rewritten.
type confusableMode uint8

const (
	// confusablesMixed rewrites only words that mix Latin with Cyrillic,
	// Greek or Armenian letters (a real word is written in one script),
	// towards the script most of the word's letters are in. It suits
	// lexicons with entries in several scripts, where a whole Cyrillic word
	// must stay Cyrillic.
	confusablesMixed confusableMode = iota
	// confusablesLatin rewrites every look-alike to Latin: for lexicons
	// whose entries are written in Latin script.
	confusablesLatin
)

// direction is how one normalization segment's letters are rewritten.
type direction uint8

const (
	keepScript direction = iota
	intoLatin
	intoCyrillic
)

// mayConfuse reports whether r could be rewritten in either direction: a
// cheap range test before the map lookups.
func mayConfuse(r rune) bool {
	return r >= 0x131 && r <= 0x1D22
}

// wordScripts counts a word's letters per script.
type wordScripts struct {
	latin, cyrillic, other int // other: Greek and Armenian
}

func (w *wordScripts) add(r rune) {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			w.latin++
		}
	case unicode.Is(unicode.Latin, r):
		w.latin++
	case unicode.Is(unicode.Cyrillic, r):
		w.cyrillic++
	case unicode.Is(unicode.Greek, r), unicode.Is(unicode.Armenian, r):
		w.other++
	}
}

// direction decides how a word is rewritten in confusablesMixed mode:
// towards its majority script, ties going to Cyrillic when the lexicon's
// language is written in it.
func (w wordScripts) direction(cyrillicHome bool) direction {
	if w.latin == 0 || w.cyrillic+w.other == 0 {
		return keepScript
	}
	if w.other == 0 && (w.cyrillic > w.latin || w.cyrillic == w.latin && cyrillicHome) {
		return intoCyrillic
	}
	return intoLatin
}

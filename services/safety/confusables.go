package safety

import (
	"maps"
	"unicode"

	"github.com/parley-chat/parley/shared/confusable"
)

// toLatin maps letters of other scripts that look like Latin letters to
// those letters, so that "fuсk" with a Cyrillic с, "ΝΙGGΕR" with Greek
// capitals or "ѕhіt" with Macedonian and Ukrainian letters are read as the
// Latin words they imitate. The table is shared (package confusable: the
// gateway checks key names by it too); see there for what it holds.
//
// The mapping runs before case folding and keeps case (Cyrillic В becomes
// Latin B, which then folds to b): lower-case в does not look like b, so
// only the capital maps.
var toLatin = withExtra(confusable.ToLatin, map[rune]rune{
	// Look-alikes outside confusables.txt's single-letter prototypes
	// that slur-dodgers use: Cyrillic small к and н (a small-capital H),
	// Kra ĸ, Greek κ, and the small capitals the table lacks.
	'к': 'k', 'н': 'h', 'ĸ': 'k', 'κ': 'k', 'ʜ': 'h', 'ɴ': 'n', 'ʀ': 'r', 'ʙ': 'b', 'ʟ': 'l',
	'ᴀ': 'a', 'ᴅ': 'd', 'ᴇ': 'e', 'ᴊ': 'j', 'ᴋ': 'k', 'ᴍ': 'm', 'ᴘ': 'p', 'ᴛ': 't',
})

// withExtra is the shared table plus the safety service's own entries; the
// shared one stays as it is (the gateway's key names use it).
func withExtra(base, extra map[rune]rune) map[rune]rune {
	m := maps.Clone(base)
	maps.Copy(m, extra)
	return m
}

// enclosedLetter reads the negative circled and negative squared Latin
// capitals (🅐, 🅵): NFKC leaves them as symbols, though they spell
// words ("🅵🆄🅲🅺"). 0 when r is none of them.
func enclosedLetter(r rune) rune {
	switch {
	case 0x1F150 <= r && r <= 0x1F169:
		return 'A' + r - 0x1F150
	case 0x1F170 <= r && r <= 0x1F189:
		return 'A' + r - 0x1F170
	}
	return 0
}

// dotlessI is mapped to i except for Turkic languages.
const dotlessI = confusable.DotlessI

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

// Package confusable maps letters that look like Latin letters to those
// letters (a compact subset of Unicode's confusables, UTS #39), and builds
// a skeleton from them: two names whose skeletons are equal look alike to
// a reader. The safety service reads slurs written with look-alikes by its
// table; the gateway refuses key names that pass for reserved or taken
// ones ("ѕystem" with a Cyrillic ѕ).
package confusable

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ToLatin maps letters of other scripts that look like Latin letters to
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
// The mapping keeps case (Cyrillic В becomes Latin B, which then folds to
// b): lower-case в does not look like b, so only the capital maps. Callers
// must not change it.
var ToLatin = map[rune]rune{
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

// DotlessI is Turkish and Azerbaijani ı, which looks like i: a letter of
// its own in those languages, so ToLatin leaves it to the caller.
const DotlessI = 'ı'

// Skeleton is what s looks like, for telling names that pass for one
// another: s in NFKC (fullwidth and mathematical letters become plain
// ones), each look-alike letter of ToLatin (and ı) mapped to its Latin
// letter, lower-cased, and trimmed. "ѕystem" with a Cyrillic ѕ, "sуstem"
// with a Cyrillic у, "ＳＹＳＴＥＭ" and "System" all have the skeleton
// "system".
func Skeleton(s string) string {
	s = norm.NFKC.String(strings.TrimSpace(s))
	s = strings.Map(func(r rune) rune {
		if m, ok := ToLatin[r]; ok {
			return m
		}
		if r == DotlessI {
			return 'i'
		}
		return r
	}, s)
	return strings.ToLower(s)
}

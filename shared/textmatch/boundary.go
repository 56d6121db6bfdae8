package textmatch

import (
	"unicode"
	"unicode/utf8"
)

// IsWord reports whether r can be part of a word: a letter, number or
// combining mark.
func IsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// NoSpace reports whether r belongs to a script that writes words without
// spaces between them (Chinese, Japanese, Thai ...), where a term can only
// be found as a substring.
func NoSpace(r rune) bool {
	if r < 0x0E00 { // below Thai: no script written without spaces
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai,
		unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan) ||
		r == 'ー' || r == 'ｰ' // the prolonged sound marks are script Common
}

// scripts are the scripts told apart at a boundary, so that "Parley에서" (a
// Korean particle glued to a Latin name) still has a boundary after
// "Parley", and a single Han character followed by a Hiragana particle
// stands alone.
var scripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Armenian, unicode.Georgian,
	unicode.Arabic, unicode.Hebrew, unicode.Hangul, unicode.Devanagari, unicode.Bengali,
	unicode.Gurmukhi, unicode.Gujarati, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Ethiopic,
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao,
	unicode.Khmer, unicode.Myanmar, unicode.Tibetan,
}

// SameScript reports whether a and b may belong to one word as far as
// scripts go: false only for two letters of different scripts told apart
// (see scripts). ASCII pairs, non-letters and scripts not listed count as
// the same.
func SameScript(a, b rune) bool {
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return true
	}
	if !unicode.IsLetter(a) || !unicode.IsLetter(b) {
		return true
	}
	for _, t := range scripts {
		if unicode.Is(t, a) {
			return unicode.Is(t, b)
		}
	}
	return true
}

// NeedsBoundary reports whether a match edge rune must be separated from
// its neighbour: true for word characters of space-separated scripts.
func NeedsBoundary(edge rune) bool { return IsWord(edge) && !NoSpace(edge) }

// Separated reports whether there is a word boundary between a match's
// edge rune and the neighbouring rune outside the match: the neighbour is
// no word character, is in a script without spaces, or is a letter of
// another script.
func Separated(edge, neighbour rune) bool {
	return !IsWord(neighbour) || NoSpace(neighbour) || !SameScript(edge, neighbour)
}

// StartsWord reports whether a match starting at s[start] starts a word.
// An edge in a script without spaces needs no boundary.
func StartsWord(s string, start int) bool {
	if start == 0 {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s[start:])
	if !NeedsBoundary(first) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:start])
	return Separated(first, prev)
}

// EndsWord reports whether the match s[start:end] ends a word. An edge in a
// script without spaces needs no boundary, and neither does the end of a
// Hangul match: Korean glues particles to nouns ("스레드에서").
func EndsWord(s string, start, end int) bool {
	if end >= len(s) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(s[start:end])
	if !NeedsBoundary(last) || unicode.Is(unicode.Hangul, last) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[end:])
	return Separated(last, next)
}

// WholeWord reports whether s[start:end] is a whole-word occurrence (see
// StartsWord and EndsWord).
func WholeWord(s string, start, end int) bool {
	return StartsWord(s, start) && EndsWord(s, start, end)
}

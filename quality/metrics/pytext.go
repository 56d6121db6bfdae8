package metrics

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sacreBLEU is Python, and two of Python's string primitives differ from
// Go's in ways that change scores. These helpers reproduce Python's.

// isPySpace reports whether Python's str.isspace() holds for r. Python
// counts the four information separators U+001C..U+001F as white space;
// Go's unicode.IsSpace does not.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyFields splits s as Python's str.split() with no arguments does.
func pyFields(s string) []string {
	return strings.FieldsFunc(s, isPySpace)
}

// pyRStrip is Python's str.rstrip() with no arguments.
func pyRStrip(s string) string {
	return strings.TrimRightFunc(s, isPySpace)
}

// pyJoinFields is Python's ' '.join(s.split()): runs of white space become
// one space, and leading and trailing white space goes.
func pyJoinFields(s string) string {
	return strings.Join(pyFields(s), " ")
}

// pyRemoveSpace is Python's ”.join(s.split()).
func pyRemoveSpace(s string) string {
	if !strings.ContainsFunc(s, isPySpace) {
		return s
	}
	return strings.Join(pyFields(s), "")
}

// pyLower is Python's str.lower(): full Unicode lowercasing. It differs from
// strings.ToLower in two places: 'İ' (U+0130) becomes "i̇" (i + U+0307, two
// code points), and a capital sigma at the end of a word becomes the final
// form 'ς' (Python implements the Final_Sigma condition of Unicode's
// SpecialCasing).
func pyLower(s string) string {
	if !strings.ContainsAny(s, "İΣ") {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	for i, r := range s {
		switch r {
		case 'İ':
			b.WriteString("i\u0307")
		case 'Σ':
			if finalSigma(s, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma reports whether the sigma at byte offset i is preceded by a
// cased letter and not followed by one, skipping case-ignorable characters
// on both sides (Unicode's Final_Sigma condition).
func finalSigma(s string, i int) bool {
	before := false
	for j := i; j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		if caseIgnorable(r) {
			continue
		}
		before = cased(r)
		break
	}
	if !before {
		return false
	}
	for j := i + len("Σ"); j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		j += size
		if caseIgnorable(r) {
			continue
		}
		return !cased(r)
	}
	return true
}

func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)
}

// caseIgnorable approximates Unicode's Case_Ignorable property: marks,
// format characters, modifier letters and symbols, and the word-internal
// punctuation (apostrophes, periods, colons) that the property includes.
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '^', '`', '\u00b7', '\u2018', '\u2019', '\u2024', '\u2027':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

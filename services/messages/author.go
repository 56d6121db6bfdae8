package messages

import (
	"unicode"

	"github.com/parley-chat/parley/shared/api"
)

// MaxNameMarks is the most nonspacing combining marks an author's name may
// stack on one character, as Unicode's security mechanisms (UTS #39,
// section 5.4) suggest: no language's spelling needs more (Vietnamese and
// pointed Hebrew need two or three once in NFC), and a tall stack of them
// ("Zalgo" text) paints over the lines around the name in every pane.
const MaxNameMarks = 4

// checkAuthor checks an author's name as a post stores it (in NFC; see
// checkEvent): a printable name (api.PrintableName) whose zero-width
// joiners and non-joiners join (see joins) and whose characters carry at
// most MaxNameMarks combining marks each.
func checkAuthor(name string) error {
	if !api.PrintableName(name) {
		return api.FieldError(api.CodeInvalidArgument, "author", "author must have a visible character and no control or format characters")
	}
	runes := []rune(name)
	marks := 0
	for i, r := range runes {
		switch {
		case r == zwj || r == zwnj:
			marks = 0
			if !joins(runes, i) {
				return api.FieldError(api.CodeInvalidArgument, "author",
					"author has a zero-width %s (U+%04X) at character %d that joins nothing: it is allowed inside emoji sequences and between letters of scripts that join or form conjuncts (Arabic, Persian, Indic)",
					joinerName(r), r, i+1)
			}
		case unicode.In(r, unicode.Mn, unicode.Me):
			marks++
			if marks > MaxNameMarks {
				return api.FieldError(api.CodeInvalidArgument, "author",
					"author stacks more than %d combining marks on one character (at character %d)", MaxNameMarks, i+1)
			}
		default:
			marks = 0
		}
	}
	return nil
}

const (
	zwnj = '\u200c'
	zwj  = '\u200d'
)

func joinerName(r rune) string {
	if r == zwj {
		return "joiner"
	}
	return "non-joiner"
}

// joins reports whether the joiner or non-joiner at runes[i] stands where
// it changes how the name is drawn: a joiner between two emoji (a ZWJ
// sequence such as 👩‍💻, modifiers and variation selectors of the first
// skipped), or either one between two letters of one script that joins
// its letters or forms conjuncts (Persian می‌خواهم, Hindi क्‍ष, Sinhala
// ශ්‍රී), combining marks (a virama) of the first skipped. Anywhere
// else, between Latin letters ("a\u200db") or at either end, it only makes
// two names that look alike compare unequal.
func joins(runes []rune, i int) bool {
	j := i - 1
	for j >= 0 && (unicode.IsMark(runes[j]) || emojiComponent(runes[j])) {
		j--
	}
	if j < 0 || i+1 >= len(runes) {
		return false
	}
	prev, next := runes[j], runes[i+1]
	if runes[i] == zwj && pictographic(prev) && pictographic(next) {
		return true
	}
	if !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
		return false
	}
	for _, sc := range joiningScripts {
		if unicode.Is(sc, prev) {
			return unicode.Is(sc, next)
		}
	}
	return false
}

// joiningScripts are the scripts whose letters join (the Arabic family)
// or form conjuncts (the Brahmic scripts), where Unicode gives the
// joiner and non-joiner a meaning between letters.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian, unicode.Mandaic,
	unicode.Manichaean, unicode.Psalter_Pahlavi, unicode.Adlam, unicode.Hanifi_Rohingya, unicode.Sogdian,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Tibetan, unicode.Myanmar, unicode.Khmer, unicode.Tai_Tham, unicode.Balinese,
	unicode.Javanese, unicode.Sundanese,
}

// pictographic reports an emoji that a ZWJ sequence joins: the symbols of
// the emoji blocks and of the dingbat and miscellaneous symbol blocks
// (❤, ♀, ⚕).
func pictographic(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2100 && r <= 0x2BFF && unicode.Is(unicode.So, r)
}

// emojiComponent reports what may follow an emoji inside a ZWJ sequence
// before the joiner: variation selectors and skin tone modifiers.
func emojiComponent(r rune) bool {
	return r == '\ufe0f' || r == '\ufe0e' || r >= 0x1F3FB && r <= 0x1F3FF
}

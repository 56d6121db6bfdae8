package quality

import (
	"regexp"
	"strings"
	"unicode"

	ent "github.com/parley-chat/parley/shared/entity"
)

// nonLanguage matches the parts of a chat message that are the same in every
// language and must not count as words: links, e-mail addresses, @mentions,
// chat-platform user/channel/emoji tokens and emoji short codes. It mirrors
// the detect service's filter.
var nonLanguage = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`\b(?:https?|ftp)://\S+`,
	`\bwww\.\S+`,
	`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`,
	`<a?:\w+:\d+>`,
	`<[@#][!&]?\d+>`,
	`(?:^|\s)@[` + ent.TagClass + `.-]+`, // "@राहुल", vowel signs and all
	`:[a-z0-9_+-]+:`,
}, "|"))

func stripNonLanguage(s string) string {
	if !mayHoldNonLanguage(s) {
		return s
	}
	return nonLanguage.ReplaceAllString(s, " ")
}

// mayHoldNonLanguage reports whether s has what every nonLanguage match
// needs: a ':', '@' or '<', or "www.". Most chat messages have none, and
// then the scan (several microseconds even for a short text with this
// many Unicode classes) is skipped.
func mayHoldNonLanguage(s string) bool {
	if strings.ContainsAny(s, ":@<") {
		return true
	}
	for i := 0; i+4 <= len(s); i++ {
		if s[i+3] == '.' && strings.EqualFold(s[i:i+3], "www") {
			return true
		}
	}
	return false
}

// denseScript reports whether r belongs to a script that packs a word into
// one or two characters (Han, kana, Hangul).
func denseScript(r rune) bool {
	// Below U+1100 (Hangul Jamo) there are none of them; most text is, so
	// the table lookups are skipped for it.
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// letterWeight counts the letters of s as evidence for language
// identification: a Han, kana or Hangul character carries about as much as
// two Latin letters.
func letterWeight(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case denseScript(r):
			n += 2
		case unicode.IsLetter(r):
			n++
		}
	}
	return n
}

// visibleLen counts the characters of s that are not spaces or invisible
// format characters; spacing conventions differ too much between languages
// (none in Chinese, Japanese and Thai) to count them.
func visibleLen(s string) int {
	n := 0
	for _, r := range s {
		if !invisible(r) {
			n++
		}
	}
	return n
}

// fold reduces a text to its lower-case words and numbers separated by
// single spaces, so that a copy survives changed case, spacing and
// punctuation.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
	}), " ")
}

// hasWords reports whether s contains ordinary words rather than only names,
// numbers, links or emoji, so that an identical "translation" of it is
// suspicious. The rules are heuristics for chat:
//   - in scripts without letter case (Han, Arabic, Thai, ...) two letters
//     already make a word;
//   - in cased scripts there must be at least two words of two or more
//     letters and at least one of them in lower case: "John Smith",
//     "New York" and "GitHub" stay names, "see you" and "I love Paris" do not;
//   - a single word is never enough, since many ("OK", "Taxi", "Pizza",
//     "lol") are the same in many languages; sourceHasWords adds the
//     common words of the source language that are not (words.go).
func hasWords(s string) bool {
	words, lower, caseless := 0, 0, 0
	for _, w := range strings.FieldsFunc(stripNonLanguage(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		letters, cased, isLower := 0, false, true
		for _, r := range w {
			if !unicode.IsLetter(r) {
				continue
			}
			letters++
			if unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) {
				cased = true
				if !unicode.IsLower(r) {
					isLower = false
				}
			} else {
				caseless++
			}
		}
		if !cased || letters < 2 {
			continue
		}
		words++
		if isLower {
			lower++
		}
	}
	return caseless >= 2 || (words >= 2 && lower >= 1)
}

// apostrophes makes typographic apostrophes plain.
var apostrophes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02bc", "'", "`", "'")

// word is one word of a text, as the copy, script and repetition signals
// see it.
type word struct {
	// lower is the word in lower case.
	lower string
	// dense marks one Han, kana or Hangul character: those scripts write
	// without spaces, so each character stands for a word.
	dense bool
	// name marks a word that looks like a name or a code rather than an
	// ordinary word: capitalised inside a sentence ("Paris"), all capitals
	// ("NASA") or mixed case ("iPhone").
	name bool
	// letters counts the word's letters.
	letters int
}

// sentenceEnd holds the characters after which a capital letter starts a
// sentence instead of marking a name.
const sentenceEnd = ".!?¡¿。！？\n"

// splitWords splits s into words, leaving out links, mentions, emoji,
// placeholders and numbers (the caller strips them first when it has
// extracted entities) and splitting dense scripts into characters.
func splitWords(s string) []word {
	var (
		out   []word
		cur   []rune
		start = true // at the start of a sentence
	)
	flush := func() {
		if len(cur) == 0 {
			return
		}
		w := word{lower: strings.ToLower(string(cur))}
		upper, lower := 0, 0
		firstUpper := false
		for i, r := range cur {
			if !unicode.IsLetter(r) {
				continue
			}
			w.letters++
			switch {
			case unicode.IsUpper(r) || unicode.IsTitle(r):
				upper++
				if i == 0 {
					firstUpper = true
				}
			case unicode.IsLower(r):
				lower++
			}
		}
		switch {
		case upper >= 2 && lower == 0: // NASA
			w.name = true
		case upper >= 1 && !firstUpper: // iPhone
			w.name = true
		case upper > 1: // McDonald, GitHub
			w.name = true
		case firstUpper && !start: // Paris, mid-sentence
			w.name = true
		}
		out = append(out, w)
		cur = cur[:0]
		start = false
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case denseScript(r):
			flush()
			out = append(out, word{lower: string(r), dense: true, letters: 1})
			start = false
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			cur = append(cur, r)
		case (r == '\'' || r == '’') && len(cur) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// "don't", "l'ufficio": an apostrophe inside a word.
			cur = append(cur, '\'')
		default:
			flush()
			if strings.ContainsRune(sentenceEnd, r) {
				start = true
			}
		}
	}
	flush()
	return out
}

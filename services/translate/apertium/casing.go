package apertium

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// innerCapitals lowers the capitals Apertium puts on words inside a
// sentence of a text whose writer put none there. Its English modes
// capitalize the word after an interjection as if a sentence began:
// "thank you so much" comes out "gracias Tanto", "hi everyone!" "hola
// Todo el mundo!", "hi there friend" "hola Allí amigo". Chat is full of
// such messages.
//
// Only where nothing in the source asks for a capital inside a sentence
// (a name, "iPhone", a mention "@Ana"; English "I" aside): then no word of
// the translation inside a sentence needs one, protected parts included,
// as they come back as they were. Words in capitals throughout ("OK",
// "EE. UU.") are left alone, and so are a language's feasts ("bon Nadal";
// alwaysCapital). In English targets only function words are
// lowered: English writes "I", days, months and languages with a capital
// whatever the source did. Text without markup only: Apertium ends a sentence at a
// block-level tag.
func innerCapitals(source, output, sourceLang, targetLang string) string {
	// Markup, even in a text message, is left to Apertium: it starts a
	// sentence at a block-level tag ("<li>Coche rojo</li>").
	if strings.ContainsRune(source, '<') || hasInnerCapital(source, api.Base(sourceLang) == "en") {
		return output
	}
	// English writes "I", days, months and languages with a capital
	// whatever the source did: there only function words are lowered,
	// which never take one inside a sentence ("Thank you very much For
	// your help", "Good morning To all").
	english := api.Base(targetLang) == "en"
	return lowerFirstLetters(output, func(w string, start int, inner bool) bool {
		return inner && titleCase(w) && !(english && (englishI(w) || !api.FunctionWords["en"][strings.ToLower(w)])) &&
			!alwaysCapital(api.Base(targetLang), w)
	})
}

// lowerFirstLetters returns output with the first letter of each word
// that lower reports (the word, where it starts, whether it is inside a
// sentence) in lower case.
func lowerFirstLetters(output string, lower func(w string, start int, inner bool) bool) string {
	var b strings.Builder
	last := 0 // output[:last] is in b
	forEachWord(output, func(start, end int, inner bool) {
		if !lower(output[start:end], start, inner) {
			return
		}
		r, size := utf8.DecodeRuneInString(output[start:end])
		b.WriteString(output[last:start])
		b.WriteRune(unicode.ToLower(r))
		last = start + size
	})
	if last == 0 {
		return output
	}
	b.WriteString(output[last:])
	return b.String()
}

// hasInnerCapital reports whether a word inside a sentence of text holds a
// capital letter. English "I" (and "I'm", "I'll") is no sign of a name.
func hasInnerCapital(text string, english bool) bool {
	found := false
	forEachWord(text, func(start, end int, inner bool) {
		w := text[start:end]
		if !inner || found || (english && englishI(w)) {
			return
		}
		for _, r := range w {
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				found = true
				return
			}
		}
	})
	return found
}

func englishI(w string) bool {
	if w == "I" {
		return true
	}
	rest, ok := strings.CutPrefix(w, "I'")
	if !ok {
		rest, ok = strings.CutPrefix(w, "I\u2019")
	}
	return ok && (rest == "m" || rest == "ll" || rest == "ve" || rest == "d")
}

// titleCase reports a word whose first letter is a capital and whose other
// letters are not.
func titleCase(w string) bool {
	for i, r := range w {
		if i == 0 {
			if !unicode.IsUpper(r) {
				return false
			}
			continue
		}
		if unicode.IsUpper(r) {
			return false
		}
	}
	return w != ""
}

// forEachWord calls fn with the byte range of each word of text (letters,
// marks, digits, apostrophes and hyphens inside it) and whether it lies
// inside a sentence: not the first word of the text, of a line, or after
// a full stop, question or exclamation mark or ellipsis.
func forEachWord(text string, fn func(start, end int, inner bool)) {
	inner := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?', '…', '\n', '¿', '¡':
				inner = false
			}
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r2) {
				j += s2
				continue
			}
			// An apostrophe or hyphen between letters joins them.
			if r2 == '\'' || r2 == '\u2019' || r2 == '-' {
				if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); j+s2 < len(text) && isWordRune(r3) {
					j += s2
					continue
				}
			}
			break
		}
		fn(i, j, inner)
		inner = true
		i = j
	}
}

// lowerStarts writes the sentences of output in lower case at their start
// when the writer of source began none of theirs with a capital ("can u
// send me the file pls?", "te lo mando mañana"): the modes and the fixes
// that write a subject capitalize a sentence's first word ("¿Me puedes
// enviar el archivo?", "I send it to you tomorrow", "Je t'envoie le
// lien"), and a reader sees the message in its writer's register, as a
// writer who capitalizes sees theirs. Left as they are: a word the source
// has capitalized (a name), English "I" and the words English always
// capitalizes (days, months, languages), each target's feasts
// (alwaysCapital), words in capitals ("OK"), and what is not prose
// (ranges, called only for a lower-case writer).
func lowerStarts(source, output string, ranges func() [][2]int, target string) string {
	if !lowerCaseWriter(source) {
		return output
	}
	english := target == "en"
	prose := ranges()
	return lowerFirstLetters(output, func(w string, start int, inner bool) bool {
		return !inner && titleCase(w) && inRanges(prose, start) && !containsWord(source, w) &&
			!(english && englishI(w)) && !alwaysCapital(target, w)
	})
}

// lowerCaseWriter reports whether text begins a sentence, and none with a
// capital: its writer does not capitalize. A sentence that starts with a
// digit, a symbol or English "I" says nothing either way.
func lowerCaseWriter(text string) bool {
	lower, upper := false, false
	forEachWord(text, func(start, end int, inner bool) {
		if inner || englishI(text[start:end]) {
			return
		}
		r, _ := utf8.DecodeRuneInString(text[start:end])
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		}
	})
	return lower && !upper
}

// alwaysCapital reports whether lang writes w with a capital wherever it
// stands: English days, months and languages, and each language's
// feasts ("Navidad", "Noël", "Natal", "Nadal"), which a writer in lower
// case keeps ("bon Nadal!").
func alwaysCapital(lang, w string) bool {
	return capitalized[lang][strings.ToLower(w)]
}

// capitalized holds alwaysCapital's words by language (base).
var capitalized = map[string]map[string]bool{
	"en": englishCapitalized,
	"es": setOf("navidad", "nochebuena", "nochevieja", "pérez"),
	"fr": setOf("noël"),
	"pt": setOf("natal", "páscoa"),
	"ca": setOf("nadal"),
}

// englishCapitalized are words English writes with a capital wherever
// they stand.
var englishCapitalized = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
	"december", "english", "spanish", "french", "catalan", "portuguese", "german", "italian", "galician",
	"basque", "dutch", "christmas", "easter")

package apertium

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// Chat words. A message written as people chat ("can u help", "i wanna
// go", "idk what happened") is mostly words Apertium's dictionaries lack:
// the mode marks each and copies it through, and the words around it are
// tagged worse for it ("Puede *u ayuda", "*i Quiere ir"). The engine
// writes such a spelling out (chatwords.txt) in the stream it hands the
// first mode, never in the text: what a message says, and every check of
// the translation against it, stays the writer's.

//go:embed chatwords.txt
var chatWordsFile string

// chatWords maps a language to its spellings (lower case) and what each is
// written out as.
var chatWords = mustParseChatWords(chatWordsFile)

func mustParseChatWords(src string) map[string]map[string]string {
	words, err := parseChatWords(src)
	if err != nil {
		panic(err)
	}
	return words
}

// parseChatWords reads chatwords.txt's format (see the file).
func parseChatWords(src string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, rest, ok := strings.Cut(line, ":")
		spellings, words, ok2 := strings.Cut(rest, "=")
		lang, words = strings.TrimSpace(lang), strings.TrimSpace(words)
		if !ok || !ok2 || lang == "" || words == "" {
			return nil, fmt.Errorf("chatwords.txt:%d: want \"<language>: <spelling>... = <words>\"", n+1)
		}
		if out[lang] == nil {
			out[lang] = map[string]string{}
		}
		fields := strings.Fields(spellings)
		if len(fields) == 0 {
			return nil, fmt.Errorf("chatwords.txt:%d: no spelling", n+1)
		}
		for _, s := range fields {
			if s != strings.ToLower(s) || !isWord(s) {
				return nil, fmt.Errorf("chatwords.txt:%d: %q is not one lower-case word", n+1, s)
			}
			if _, dup := out[lang][s]; dup {
				return nil, fmt.Errorf("chatwords.txt:%d: %s %q is listed twice", n+1, lang, s)
			}
			out[lang][s] = words
		}
	}
	return out, nil
}

// isWord reports whether s is one word: word runes only.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isWordRune(r) {
			return false
		}
	}
	return true
}

// chatWordsFor returns the spellings of a request's source language (its
// base language: "en-US" reads "en"), nil for a language with none.
func chatWordsFor(source string) map[string]string {
	return chatWords[strings.ToLower(api.Base(source))]
}

// chatWordAt returns what the word starting at text[i] and ending at
// text[j] is written out as, and whether it is one of words. A word counts
// only when it stands alone: not part of an address, a path, an
// abbreviation with periods ("i.e.", "U.S."), a contraction or a
// hyphenated word, none of which the spelling is. Its case is followed: a
// title-case spelling ("Pls") starts with a capital, one in capitals
// throughout ("PLS", not of one letter) is written in capitals; a
// spelling of one letter counts only as listed ("u", not "U").
func chatWordAt(words map[string]string, text string, i, j int) (string, bool) {
	if len(words) == 0 || j-i > 16 {
		return "", false
	}
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && !standsApart(r) {
		return "", false
	}
	if j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == '.' || r == ',' || r == ':':
			// A sentence's period, not an abbreviation's ("i.e.",
			// "U.S.") nor a number's.
			if next, _ := utf8.DecodeRuneInString(text[j+size:]); j+size < len(text) && (isWordRune(next) || next == '.') {
				return "", false
			}
		case (r == '\'' || r == '’') && j-i == 1 && auxiliaryEnding(text[j+size:]):
			// Chat's "i'm", "i've", "i'll" ("i'm at home" came out "i
			// estoy en casa"): the letter's spelling and the
			// auxiliary's ending, which follows it as written.
		case !standsApart(r):
			return "", false
		}
	}
	word := text[i:j]
	lower := strings.ToLower(word)
	out, ok := words[lower]
	if !ok {
		return "", false
	}
	switch {
	case word == lower:
		return out, true
	case utf8.RuneCountInString(word) == 1:
		return "", false
	case word == strings.ToUpper(word):
		return strings.ToUpper(out), true
	case word == titleAt(lower, 0):
		return titleAt(out, 0), true
	}
	return "", false // "pLs": not a spelling anyone means
}

// auxiliaryEnding reports whether s, the text after an apostrophe,
// starts with the ending of an English auxiliary that stands alone: "m",
// "ve", "ll", "d" or "re" ("i'm", "i've", "u're").
func auxiliaryEnding(s string) bool {
	for _, end := range []string{"m", "ve", "ll", "d", "re"} {
		if rest, ok := strings.CutPrefix(s, end); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return rest == "" || !isWordRune(r)
		}
	}
	return false
}

// standsApart reports whether r, next to a word, leaves it a word of its
// own: white space and the punctuation of sentences, not the characters
// that join words into something else (' - _ / @ # & and the like).
func standsApart(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', '…', '(', ')', '"', '“', '”', '«', '»', '¿', '¡':
		return true
	}
	return false
}

// Package commentary finds what LLM translators write around or instead of
// a translation: refusals, statements about being an AI, preambles ("Sure!
// Here is the translation"), labels ("Translation:") and translator's notes
// ("(Note: ...)"). The translate service refuses an answer with any of
// them before it is served or cached; the quality service scores the same
// findings in its refusal signal, so the two never disagree about what
// commentary is.
//
// Everything found counts only when the message itself has none of its
// kind, in any language: "Lo siento, no puedo ir hoy" is "I'm sorry, I
// can't go today", a translation and no refusal, and a message that says
// "Note:" is translated into the target's "Nota:". That is why the phrases
// are long and precise ("i'm sorry but i can't", never "i'm sorry" or "i
// can't" alone, which chat says all the time and the message may say in a
// language no list covers).
package commentary

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/parley-chat/parley/shared/api"
)

// Kind is what a finding is.
type Kind int

const (
	// Preamble is text that introduces the translation ("Sure! Here is
	// the translation").
	Preamble Kind = iota
	// AIIdentity is the model saying what it is ("As an AI ...").
	AIIdentity
	// Refusal is the model declining to translate.
	Refusal
	// Label names the answer before it ("Translation:", "Spanish:").
	Label
	// Note is a translator's note ("(Note: ...)", "(literally ...)").
	Note
)

// String names k as the quality service's reasons do.
func (k Kind) String() string {
	switch k {
	case Preamble:
		return "preamble"
	case AIIdentity:
		return "ai_identity"
	case Refusal:
		return "refusal"
	case Label:
		return "label"
	case Note:
		return "note"
	}
	return "unknown"
}

// A Finding is one kind of commentary in a translation.
type Finding struct {
	Kind Kind
	// Text is the phrase of the list that matched (a preamble, AI
	// identity or refusal), or the label or note as the answer writes it.
	Text string
}

// Added returns the commentary in translation, an answer in target, that
// source does not have, at most one finding per kind, in the order of the
// kinds. Phrases are matched on whole words, case and typographic
// apostrophes aside.
func Added(source, translation, target string) []Finding {
	var found []Finding
	// The source is read only for what the translation has: most answers
	// have nothing.
	var inSource map[int]int
	for gi, pi := range index.find(Key(translation)) {
		if inSource == nil {
			inSource = index.find(Key(source))
		}
		if _, quoted := inSource[gi]; !quoted {
			found = append(found, Finding{groups[gi].kind, groups[gi].phrases[pi]})
		}
	}
	// Map order is random; the findings come in the order of the kinds.
	slices.SortFunc(found, func(a, b Finding) int { return int(a.Kind) - int(b.Kind) })
	if !strings.ContainsAny(translation, ":：") {
		return found
	}
	if m := labelRE.FindStringSubmatch(translation); m != nil && isLabel(m[1], target) {
		if labelRE.FindStringSubmatch(source) == nil {
			found = append(found, Finding{Label, strings.TrimSpace(m[0])})
		}
	}
	// A note needs brackets or a colon; most messages have neither, and
	// skip the regexp.
	if strings.ContainsAny(translation, "([:：") {
		if m := noteRE.FindString(translation); m != "" && noteRE.FindString(source) == "" {
			found = append(found, Finding{Note, strings.TrimSpace(m)})
		}
	}
	return found
}

// noteRE finds a parenthesised or bracketed note, or a line that starts
// with a note word followed by a colon.
var noteRE = regexp.MustCompile(`(?i)[(\[]\s*(` + alternation(noteWords) + `)(?:\s*[:：.,-]|\s)[^)\]]*[)\]]|(?m:^\s*\**\s*(` + alternation(noteWords) + `)\s*\**\s*[:：])`)

// alternation escapes words for a regexp alternation, longest first.
func alternation(words []string) string {
	ws := slices.Clone(words)
	slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
	for i, w := range ws {
		ws[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(ws, "|")
}

// labelRE matches a label line at the start of an answer: optional
// Markdown emphasis, one to four words, a colon.
var labelRE = regexp.MustCompile(`^[\s*_#>]*([\p{L}' ()-]{2,40}?)[\s*_]*[:：]`)

// labelSet is labelWords in lower case.
var labelSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range labelWords {
		m[w] = true
	}
	return m
}()

// isLabel reports whether the words before a colon name the answer: a
// label word, the target language ("Spanish:", "Español:", "Spanish
// translation:") or both.
func isLabel(words, target string) bool {
	w := strings.ToLower(strings.TrimSpace(words))
	if labelSet[w] {
		return true
	}
	names := languageNames(target)
	for _, f := range strings.Fields(w) {
		f = strings.Trim(f, "()")
		if !labelSet[f] && !slices.Contains(names, f) && f != "in" && f != "en" && f != "al" && f != "into" {
			return false
		}
	}
	return w != ""
}

// languageNames are the target's names in English and in the language
// itself, lower case ("spanish", "español"; "chinese", "中文").
func languageNames(tag string) []string {
	t, err := api.ParseTag(tag)
	if err != nil {
		return nil
	}
	b, _ := t.Base()
	bt := language.Make(b.String())
	var out []string
	for _, n := range []string{display.English.Languages().Name(bt), display.Self.Name(bt), display.English.Tags().Name(t), display.Self.Name(t)} {
		if n = strings.ToLower(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// Key normalises text for phrase matching: lower case, typographic
// apostrophes made plain, every run of other non-word characters a single
// space, padded with spaces so that " phrase " matches whole words only.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true // the last byte written is a space
	for _, r := range s {
		switch {
		case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '`':
			r = '\''
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			r = unicode.ToLower(r)
		}
		if !wordRune(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	if !space || b.Len() == 1 {
		b.WriteByte(' ') // "  " for a text without words, as Join gives
	}
	return b.String()
}

// wordRune reports whether r is part of a word for Key: a letter, number,
// nonspacing mark or apostrophe.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '\''
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// denseRune reports whether r belongs to a script that packs a word into a
// character or two and writes no spaces (Han, kana, Hangul).
func denseRune(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// phrase is a commentary phrase normalised for matching.
type phrase struct {
	group, index int
	key          string
}

package quality

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// WeightTruncation is what a translation costs that stops mid-sentence
// (truncation): with the default thresholds it is accepted with a
// warning, not cleanly, and the judge, when on, is asked about it.
const WeightTruncation = 30

// sentenceFinal are the characters that end a sentence. "…" ends one in
// the translation, but a source ending with it trails off, and a
// translation that trails off too may stop anywhere.
const sentenceFinal = ".!?。！？…"

// danglingPunct are characters after which a sentence cannot end: a
// translation ending on one of them was cut short.
const danglingPunct = ",;:-–—(„，、；：（「『"

// closers are characters that may follow a sentence's final punctuation:
// closing quotes and brackets (“ and ‘ close German quotes, « Danish
// ones), and Markdown emphasis. Not apostrophes: an elided article ("l'")
// ends with one.
const closers = ")]}\"»«”“‘」』）*_~`"

// functionWords are, per base language, articles, prepositions,
// conjunctions and determiners that no sentence ends with: a translation
// whose last word is one of them, when the source ends a sentence, was
// cut short ("Gracias por la actualización, la"). Words that do end
// sentences are left out: verb particles ("turn it on", "ruf mich an"),
// pronouns ("I like that", "no lo sé"), and "no", "yes"; an elided French
// or Italian article ("l'", "dell'") is written with its apostrophe.
var functionWords = map[string][]string{
	"en": {"the", "a", "an", "of", "and", "or", "but", "to", "for", "with", "from", "by", "at", "your", "my", "our", "their", "its", "because", "than"},
	"es": {"el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "a", "al", "en", "con", "por", "para", "y", "e", "o", "u", "pero", "que", "su", "sus", "mi", "mis", "tu", "tus", "sin", "sobre", "entre", "hasta", "desde", "hacia", "ni", "porque"},
	"fr": {"le", "la", "les", "un", "une", "des", "du", "de", "à", "au", "aux", "et", "ou", "mais", "que", "pour", "par", "avec", "dans", "sur", "sans", "ce", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "votre", "leur", "leurs", "parce", "l'", "d'", "qu'"},
	"de": {"der", "die", "den", "dem", "des", "eine", "einen", "einem", "einer", "eines", "und", "oder", "aber", "von", "für", "zum", "zur", "dass", "weil"},
	"pt": {"o", "a", "os", "as", "um", "uma", "uns", "umas", "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "com", "por", "para", "pelo", "pela", "e", "ou", "mas", "que", "seu", "sua", "meu", "minha", "porque"},
	"it": {"il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "di", "del", "della", "dei", "a", "al", "alla", "da", "dal", "in", "nel", "nella", "con", "per", "tra", "fra", "e", "o", "ma", "che", "perché", "l'", "un'", "dell'", "all'", "nell'"},
	"ca": {"el", "la", "els", "les", "un", "una", "uns", "unes", "de", "del", "dels", "a", "al", "als", "amb", "per", "i", "o", "però", "que", "sense", "sobre", "perquè", "l'", "d'"},
	"nl": {"de", "het", "een", "van", "en", "maar", "omdat", "voor", "met"},
}

// functionWordSet is functionWords as sets.
var functionWordSet = func() map[string]map[string]bool {
	m := make(map[string]map[string]bool, len(functionWords))
	for lang, ws := range functionWords {
		set := make(map[string]bool, len(ws))
		for _, w := range ws {
			set[w] = true
		}
		m[lang] = set
	}
	return m
}()

// truncation flags a translation that stops mid-sentence: the source
// ends a sentence (a full stop, question or exclamation mark) and the
// translation ends on a comma, colon, dash or opening bracket, or on a
// word of functionWords of the target language. A translation that only
// leaves out the final full stop is not flagged: models do that, and
// length_ratio judges what is missing. Neutral when the source ends with
// no sentence-final mark (or trails off with "…").
func truncation(in *input) api.Signal {
	sg := api.Signal{Name: SignalTruncation, Value: 1}
	src := trimEnd(in.source)
	last, _ := utf8.DecodeLastRuneInString(src)
	if !strings.ContainsRune(sentenceFinal, last) || last == '…' || strings.HasSuffix(src, "..") {
		sg.Reason = "neutral: the source does not end a sentence"
		return sg
	}
	sg.Weight = WeightTruncation
	tr := trimEnd(in.translation)
	end, _ := utf8.DecodeLastRuneInString(tr)
	switch {
	case strings.ContainsRune(sentenceFinal, end):
		sg.Reason = "the translation ends a sentence, as the source does"
	case strings.ContainsRune(danglingPunct, end):
		sg.Value = 0
		sg.Reason = fmt.Sprintf("the translation stops at %q where the source ends a sentence: it looks cut short", string(end))
	default:
		if w := lastWord(tr); functionWordSet[in.targetBase][w] {
			sg.Value = 0
			sg.Reason = fmt.Sprintf("the translation stops at %q, which no sentence ends with, where the source ends a sentence: it looks cut short", w)
			return sg
		}
		sg.Reason = "the translation ends on a word without the source's final punctuation"
	}
	return sg
}

// trimEnd cuts from s the spaces, invisible characters and closers after
// its last mark.
func trimEnd(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool { return invisible(r) || strings.ContainsRune(closers, r) })
}

// lastWord is the last space-separated token of s, in lower case, with
// its leading punctuation cut and typographic apostrophes made plain:
// "la" for "…actualización, la", "l'" for "…à l’". A token with a link,
// a number or a hyphen in it ("https://x.io", "ajude-nos") is returned
// whole, and so matches no function word.
func lastWord(s string) string {
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	w := apostrophes.Replace(strings.ToLower(s[i+1:]))
	return strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

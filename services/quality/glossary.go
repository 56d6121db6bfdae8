package quality

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// WeightGlossary is what ignoring every glossary term costs. A missed term
// is a consistency problem (the product says "espacio de trabajo", the
// translation "área de trabajo"), not a broken message, so it warns rather
// than retries on its own.
const WeightGlossary = 30

// WeightUnknownWords is what a translation made mostly of words the
// engine did not know costs.
const WeightUnknownWords = 40

// maxInflection is how many letters a target term may gain in the
// translation and still count as used ("factura" → "facturas"), or how
// long the ending that replaces its final vowel may be ("ветка" →
// "веткой"), for the check from Terms; glossary verify's report is exact,
// and when the request has one this check is not made.
const maxInflection = 3

// minStem is the fewest letters a term keeps when its final vowel gives
// way to an ending: "ветк" from "ветка", not "ca" from "cab".
const minStem = 3

// endingVowels are the final letters that inflection replaces rather than
// extends (ru "ветка" → "ветке", it "pagina" → "pagine", de "Konto" →
// "Konten"); a term ending in another letter only gains letters.
const endingVowels = "aeiouyáàâäãåæéèêëíìîïóòôöõøœúùûüýąęаеёиоуыэюяьйєії"

// glossarySignal scores how well the translation follows the glossary:
// from glossary verify's report when the caller has one (always then: its
// statuses follow each entry's inflection and case rules, which the
// hints do not carry, so the report and the score never disagree),
// otherwise by looking for each expected target term (Terms) in the
// translation.
// Do-not-translate terms are left to the entity signal, which checks that
// they came back verbatim, so that one lost term is not counted twice.
func glossarySignal(in *input) api.Signal {
	sg := api.Signal{Name: SignalGlossary, Value: 1}
	if in.glossary != nil {
		return glossaryFromReport(sg, in)
	}
	var ok, total int
	var missing []string
	// An HTML translation writes "AT&T" as "AT&amp;T" (the request has
	// no format; a chat text rarely holds a character reference, and
	// one reads as the character there too).
	trWords := foldWords(html.UnescapeString(in.translation))
	for _, t := range in.terms {
		if strings.TrimSpace(t.Target) == "" || slices.Contains(in.protect, t.Source) {
			continue
		}
		total++
		if containsTerm(trWords, foldWords(t.Target)) {
			ok++
		} else {
			missing = append(missing, fmt.Sprintf("%q for %q", t.Target, t.Source))
		}
	}
	if total == 0 {
		sg.Reason = "neutral: no glossary terms to check"
		return sg
	}
	sg.Weight = WeightGlossary
	sg.Value = round2(float64(ok) / float64(total))
	if len(missing) == 0 {
		sg.Reason = fmt.Sprintf("all %d glossary terms are used", total)
		return sg
	}
	sg.Reason = fmt.Sprintf("%d of %d glossary terms are used; missing %s", ok, total, listShort(missing))
	return sg
}

func glossaryFromReport(sg api.Signal, in *input) api.Signal {
	var ok, total int
	var bad []string
	for _, t := range in.glossary.Terms {
		if t.Status == api.TermProtected || slices.Contains(in.protect, t.Source) {
			continue
		}
		switch t.Status {
		case api.TermApplied, api.TermRepaired:
			ok++
			total++
		case api.TermMissing:
			total++
			bad = append(bad, fmt.Sprintf("%q for %q missing", t.Target, t.Source))
		case api.TermForbidden:
			total++
			bad = append(bad, fmt.Sprintf("forbidden rendering %s of %q", strings.Join(t.Found, ", "), t.Source))
		}
	}
	if total == 0 {
		if len(in.glossary.Terms) == 0 && in.glossary.Compliance < 1 {
			// A report with a compliance figure but no term list.
			sg.Weight = WeightGlossary
			sg.Value = round2(in.glossary.Compliance)
			sg.Reason = fmt.Sprintf("glossary compliance %.2f (from the glossary report)", in.glossary.Compliance)
			return sg
		}
		sg.Reason = "neutral: the glossary report has no terms to check beyond protected ones"
		return sg
	}
	sg.Weight = WeightGlossary
	sg.Value = round2(float64(ok) / float64(total))
	if len(bad) == 0 {
		sg.Reason = fmt.Sprintf("glossary report: all %d terms applied", total)
		return sg
	}
	sg.Reason = fmt.Sprintf("glossary report: %d of %d terms applied; %s", ok, total, listShort(bad))
	return sg
}

// foldWords splits s into lower-case words for term matching. A hyphen
// stays inside a word, so that a hyphenated term ("e-mail") is one word
// on both sides; wordMatches looks inside hyphenated words.
func foldWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) && r != '-'
	})
}

// containsTerm reports whether the word sequence term occurs in words,
// its last word allowed to carry a short inflection. Terms in scripts
// without spaces are one "word" and match inside a longer run.
func containsTerm(words, term []string) bool {
	if len(term) == 0 {
		return false
	}
	for i := 0; i+len(term) <= len(words); i++ {
		match := true
		for j, t := range term {
			if !wordMatches(words[i+j], t, j == len(term)-1) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// wordMatches reports whether the translation's word w is the term's
// word t: the same word, or a run of a script without spaces that holds
// it, or (last: the term's last word) t inflected (inflected). A
// hyphenated compound matches by any of its parts when t has no hyphen:
// de "Support-Kanal" uses "Kanal", "E-Mail-Adresse" uses "Adresse".
func wordMatches(w, t string, last bool) bool {
	switch {
	case w == t:
		return true
	case strings.ContainsFunc(t, denseScript) && strings.Contains(w, t):
		return true
	case last && inflected(w, t):
		return true
	case strings.Contains(w, "-") && !strings.Contains(t, "-"):
		for part := range strings.SplitSeq(w, "-") {
			if part == t || last && inflected(part, t) {
				return true
			}
		}
	}
	return false
}

// inflected reports whether w is t with a short inflection: up to
// maxInflection more letters ("factura" → "facturas"), or its final
// vowel replaced by an ending of up to maxInflection letters, the stem
// keeping at least minStem ("ветка" → "ветке", "веткой"; "Konto" →
// "Konten"; "задача" → "задач").
func inflected(w, t string) bool {
	wn, tr := utf8.RuneCountInString(w), []rune(t)
	if strings.HasPrefix(w, t) && wn-len(tr) <= maxInflection {
		return true
	}
	if len(tr) <= minStem || !strings.ContainsRune(endingVowels, tr[len(tr)-1]) {
		return false
	}
	stem := string(tr[:len(tr)-1])
	return strings.HasPrefix(w, stem) && wn-(len(tr)-1) <= maxInflection
}

// unknownMarkRE finds Apertium's unknown-word marks, "*word". A word
// closed by another asterisk is Markdown emphasis ("*word*"), and an
// asterisk inside a word ("f*ck") is no mark; unknownMarks checks both.
var unknownMarkRE = regexp.MustCompile(`\*([\p{L}\p{M}][\p{L}\p{M}\p{N}'-]*)(\*?)`)

// unknownMarks returns the words marked unknown in s.
func unknownMarks(s string) []string {
	var out []string
	for _, m := range unknownMarkRE.FindAllStringSubmatchIndex(s, -1) {
		if m[5] > m[4] || closesLater(s[m[1]:]) { // closed: emphasis
			continue
		}
		if m[0] > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:m[0]])
			if unicode.IsLetter(prev) || unicode.IsNumber(prev) || prev == '*' {
				continue
			}
		}
		out = append(out, s[m[2]:m[3]])
	}
	return out
}

// closesLater reports whether s (what follows a "*word" on its line) has
// the '*' that closes an emphasis of several words: right after a
// character that is no space, and before one that is no letter or digit
// ("*hasta mañana*", "*see you tomorrow*!"), before any star that opens
// another: after a mark of Apertium's, the next star opens another mark
// or emphasis ("*xyzzy casa es *plonk", "*xyzzy casa es *muy grande*").
func closesLater(s string) bool {
	if i := strings.IndexAny(s, "\n\r"); i >= 0 {
		s = s[:i]
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '*' || i == 0 {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+1:])
		if unicode.IsSpace(before) {
			return false // another star opens first
		}
		if before != '*' && (i+1 == len(s) || !unicode.IsLetter(after) && !unicode.IsNumber(after)) {
			return true
		}
	}
	return false
}

// unknownWords scores the words the backend could not translate: the
// count Apertium reported (UnknownWords), or its "*word" marks left in
// the text. A few unknown words are names; many mean the pair's
// dictionary does not cover the message.
func unknownWords(in *input) api.Signal {
	sg := api.Signal{Name: SignalUnknownWords, Value: 1}
	n := in.unknownWords
	var marked []string
	// Marks only mean something in an engine's raw output; in any other
	// text an asterisk is emphasis or a footnote. Marks the source itself
	// has are not the engine's.
	if in.backend == "" || isApertium(in.backend) {
		srcMarks := unknownMarks(in.source)
		for _, w := range unknownMarks(in.translation) {
			if !slices.Contains(srcMarks, w) {
				marked = append(marked, w)
			}
		}
		n = max(n, len(marked))
	}
	if n == 0 {
		if isApertium(in.backend) {
			sg.Weight = WeightUnknownWords
			sg.Reason = "no words left untranslated by the engine"
			return sg
		}
		sg.Reason = "neutral: no unknown-word count or marks (only rule-based engines such as Apertium report them)"
		return sg
	}
	total := max(len(in.trWords), n)
	share := float64(n) / float64(total)
	sg.Weight = WeightUnknownWords
	// One unknown word in ten costs a quarter of the weight; two in five
	// cost all of it.
	sg.Value = round2(max(0, 1-2.5*share))
	sg.Reason = fmt.Sprintf("%d of %d words were unknown to the engine", n, total)
	if len(marked) > 0 {
		sg.Reason += ": " + listShort(marked)
	}
	return sg
}

func isApertium(backend string) bool { return strings.Contains(strings.ToLower(backend), "apertium") }

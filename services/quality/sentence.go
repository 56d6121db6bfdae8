package quality

import (
	"fmt"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// WeightUntranslatedSentence is what a translation costs whose sentences
// are partly still in the source language: a model that translated the
// first sentence and copied the rest, or appended one of its own in the
// source language ("Gracias por tu ayuda. Thanks again for everything.").
// Detection on the whole text still says the target language, and the
// copy ratio stays under its tolerance, so before this signal such a
// translation scored 100.
const WeightUntranslatedSentence = 40

// Limits of untranslatedSentence: a sentence is judged from
// minSentenceWords words and minSentenceLetters letters (a Han, kana or
// Hangul character counts 2), so that a kept name or a greeting is not.
const (
	minSentenceWords   = 3
	minSentenceLetters = 12
)

// languageWords are the function words of api.FunctionWords (the
// translate chain's check reads whole answers with them), with a few more
// English words frequent in chat, to tell a sentence in one language from
// a sentence in another without a model. Words in both lists of a pair do
// not count.
var languageWords = func() map[string]map[string]bool {
	m := make(map[string]map[string]bool, len(api.FunctionWords))
	for lang, words := range api.FunctionWords {
		m[lang] = maps.Clone(words)
	}
	for _, w := range []string{"let", "know", "again"} {
		m["en"][w] = true
	}
	return m
}()

// untranslatedSentence looks for sentences of the translation that are in
// the source language when the target is another one. With two or more
// sentences, one counts when it has at least minSentenceWords words and
// minSentenceLetters letters and:
//   - source and target share a script: at least two of its words, and a
//     quarter of them, are function words of the source language
//     (languageWords) and not of the target's, and more than twice as
//     many as the target's;
//   - the source is written in another script: at least 80% of its
//     letters are in the source's script and not the target's, and it
//     has that function-word evidence or half of its words are the
//     source's.
//
// The value is 0.5 minus the share of the translation's letters in such
// sentences, at least 0: any such sentence warns, half the text in them
// flags the translation for review. Neutral for one sentence (the
// language signals judge it whole), when source and target are one
// language, or when nothing can tell the source language (no list and the
// same script).
func untranslatedSentence(in *input) api.Signal {
	sg := api.Signal{Name: SignalUntranslatedSentence, Value: 1}
	if in.sourceBase == "" || in.sourceBase == in.targetBase {
		sg.Reason = "neutral: the source language is unknown or the target's"
		return sg
	}
	sents := splitSentences(in.trEnt.rest)
	if len(sents) < 2 {
		sg.Reason = "neutral: the translation is one sentence (the language signals judge it whole)"
		return sg
	}
	srcCode, okS := ExpectedScript(in.sourceLang)
	tgtCode, okT := ExpectedScript(in.targetLang)
	cross := okS && okT && srcCode != tgtCode
	srcWords, tgtWords := languageWords[in.sourceBase], languageWords[in.targetBase]
	if !cross && srcWords == nil {
		sg.Reason = "neutral: no function words for " + in.sourceLang + ", and it shares the target's script"
		return sg
	}
	inSource := make(map[string]bool, len(in.srcWords))
	for _, w := range in.srcWords {
		inSource[w.lower] = true
	}
	total, found := 0, 0
	var examples []string
	for _, s := range sents {
		ws := splitWords(s)
		letters := 0
		for _, w := range ws {
			letters += w.letters
			if w.dense {
				letters += w.letters
			}
		}
		total += letters
		if len(ws) < minSentenceWords || letters < minSentenceLetters {
			continue
		}
		evidence := functionWordEvidence(ws, srcWords, tgtWords)
		if cross {
			evidence = inScript(s, scriptTables[srcCode], scriptTables[tgtCode]) >= 0.8 && (evidence || copiedShare(ws, inSource) >= 0.5)
		}
		if evidence {
			found += letters
			examples = append(examples, quoteShort(strings.TrimSpace(s)))
		}
	}
	if found == 0 {
		sg.Weight = WeightUntranslatedSentence
		sg.Reason = fmt.Sprintf("no sentence of the translation reads as %s", in.sourceLang)
		return sg
	}
	share := float64(found) / float64(total)
	sg.Weight = WeightUntranslatedSentence
	sg.Value = round2(max(0, 0.5-share))
	sg.Reason = fmt.Sprintf("%d of %d sentences read as the source language %s (%.0f%% of the letters): %s",
		len(examples), len(sents), in.sourceLang, 100*share, listShort(examples))
	return sg
}

// functionWordEvidence reports whether the words are mostly function
// words of one language (src) rather than of another (tgt).
func functionWordEvidence(ws []word, src, tgt map[string]bool) bool {
	if src == nil {
		return false
	}
	s, t := 0, 0
	for _, w := range ws {
		switch {
		case src[w.lower] && !tgt[w.lower]:
			s++
		case tgt[w.lower] && !src[w.lower]:
			t++
		}
	}
	return s >= 2 && 4*s >= len(ws) && s > 2*t
}

// inScript is the share of the letters of s that are in the tables of
// one script (src) and not in another's (tgt).
func inScript(s string, src, tgt []*unicode.RangeTable) float64 {
	n, in := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.IsOneOf(src, r) && !unicode.IsOneOf(tgt, r) {
			in++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(in) / float64(n)
}

// copiedShare is the share of the ordinary words (not names) of ws that
// are words of the source.
func copiedShare(ws []word, source map[string]bool) float64 {
	n, c := 0, 0
	for _, w := range ws {
		if w.name {
			continue
		}
		n++
		if source[w.lower] {
			c++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(c) / float64(n)
}

// splitSentences splits s after each run of sentence-final marks that a
// space, a line break or the end follows (or a full-width mark, which
// needs no space), and at each line break.
func splitSentences(s string) []string {
	var out []string
	start := 0
	emit := func(end int) {
		if strings.ContainsFunc(s[start:end], unicode.IsLetter) {
			out = append(out, s[start:end])
		}
		start = end
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			emit(i + size)
		case strings.ContainsRune(sentenceFinal, r):
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if !strings.ContainsRune(sentenceFinal, r2) && !strings.ContainsRune(closers, r2) {
					break
				}
				j += s2
			}
			next, _ := utf8.DecodeRuneInString(s[j:])
			if j == len(s) || unicode.IsSpace(next) || strings.ContainsRune(fullWidthFinal, r) {
				emit(j)
			}
			i = j
			continue
		}
		i += size
	}
	emit(len(s))
	return out
}

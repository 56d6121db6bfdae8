package apertium

import (
	"context"
	"errors"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
	"github.com/parley-chat/parley/shared/textmatch"
)

// maxTermRenderings bounds the glossary terms one translation looks up:
// each is a line of one extra stream through the mode. A chat message
// with more terms than that keeps Apertium's own words for the rest
// (verify reports them, and repairs what it can).
const maxTermRenderings = 32

// Glossary terms. Apertium cannot be told which word to use: its
// bilingual dictionary picks one, and "dashboard" comes out as
// "salpicadero" whatever the glossary says ("panel de control"), so every
// view of a message with a glossary term was served with the term
// missing and flagged for review. Handing the target term in as a
// protected part does not work either: transfer then chooses the words
// around it without knowing it ("el [cuenta]", "el nuevo [cuenta]").
//
// So the engine translates the message as usual, then puts each term's
// target in place of Apertium's own rendering of the term: the term's
// source translated alone, through the same mode. The words around were
// chosen for that rendering, which has the meaning the target has, and
// so most often its gender and number too ("Abre el panel de control").
// Only where it is unambiguous: the rendering must occur in the
// translation's prose exactly as often as the source term occurs in the
// message's (whole words, ignoring case), so that a rendering that is
// also some other word of the message, or that Apertium varied in
// context, is left alone, and verify reports the term as before. Only
// terms matched as written (api.TermHint.Match ""): a stem or prefix
// match's source may be an inflected form, which the base-form target
// would replace with the wrong number or case.

// termSub is one hint's replacements in a translation: the byte ranges
// of its rendering, and the target to write there.
type termSub struct {
	at     [][2]int
	target string
	// agree is the target's gender where the rendering's differs, so
	// that the determiner before it changes too (agree.go).
	agree     gender
	rendering string
}

// applyTerms returns out (the translation of req.Text by rt) with the
// glossary's targets in place of Apertium's renderings of their sources,
// where that is unambiguous (see above).
func (e *Engine) applyTerms(ctx context.Context, rt route, req backend.Request, out string) string {
	var hints []api.TermHint
	for _, h := range req.Terms {
		if h.Match == "" && hasLetter(h.Source) && hasLetter(h.Target) && len(hints) < maxTermRenderings {
			hints = append(hints, h)
		}
	}
	if len(hints) == 0 {
		return out
	}
	renderings, err := e.renderTerms(ctx, rt, hints)
	if err != nil {
		// The translation stands as Apertium made it; verify reports
		// the terms.
		return out
	}
	// The message is scanned already when the chain handed its tokens.
	inToks := req.Tokens
	if inToks == nil {
		inToks = scanMessage(req.Text, req.Protect, req.Format)
	}
	inProse, outProse := prose(inToks), prose(scanMessage(out, req.Protect, req.Format))
	var subs []termSub
	for i, h := range hints {
		r := renderings[i]
		if !hasLetter(r) || strings.EqualFold(r, h.Target) {
			continue
		}
		if len(findWord(out, outProse, h.Target)) > 0 {
			continue // Apertium used the target somewhere already
		}
		at := findWord(out, outProse, r)
		if len(at) == 0 || len(at) != len(findWord(req.Text, inProse, h.Source)) {
			continue
		}
		subs = append(subs, termSub{at: at, target: h.Target, rendering: r})
	}
	e.agreeing(ctx, req.Target, subs)
	return substitute(out, subs, req.Format == api.FormatHTML, req.Target)
}

// agreeing sets each sub's agree where its target and Apertium's
// rendering are nouns of different genders in lang (agree.go). Without
// an analyser for lang, or when it fails, the determiners stay.
func (e *Engine) agreeing(ctx context.Context, lang string, subs []termSub) {
	if len(subs) == 0 || determiners[api.Base(lang)] == nil {
		return
	}
	words := make([]string, 0, 2*len(subs))
	for _, s := range subs {
		words = append(words, s.rendering, s.target)
	}
	g, err := e.genders(ctx, lang, words)
	if err != nil {
		return
	}
	for i := range subs {
		if r, t := g[2*i], g[2*i+1]; r != genderUnknown && t != genderUnknown && r != t {
			subs[i].agree = t
		}
	}
}

// renderTerms translates each hint's source alone through rt, one per
// line of a single stream, each line a sentence of its own.
func (e *Engine) renderTerms(ctx context.Context, rt route, hints []api.TermHint) ([]string, error) {
	var b strings.Builder
	for _, h := range hints {
		// Line breaks inside a term would shift the lines.
		b.WriteString(strings.Join(strings.Fields(h.Source), " "))
		b.WriteString(".\n")
	}
	stream, lay := encode(b.String(), nil, nil)
	// The terms' source as the request's, so that a pivot's Spanish gets
	// the message's fixes ("el panel", not "el salpicadero") and the
	// rendering is found as the message's translation has it.
	raw, _, err := e.translateRoute(ctx, rt, stream, b.String())
	if err != nil {
		return nil, err
	}
	text, _, err := lay.rebuild(raw)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) != len(hints) {
		return nil, errTermLines
	}
	for i, l := range lines {
		lines[i] = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(l), "."))
	}
	return lines, nil
}

// errTermLines: the terms' stream came back with another number of
// lines, so no line can be trusted to be its term's.
var errTermLines = errors.New("the glossary terms came back on another number of lines")

// scanMessage scans text as the translate chain does: entity.Scan, or
// ScanHTML in HTML mode.
func scanMessage(text string, protect []string, format string) []entity.Token {
	if format == api.FormatHTML {
		return entity.ScanHTML(text, protect)
	}
	return entity.Scan(text, protect)
}

// prose returns the byte ranges of the prose tokens of a scanned text
// (its tokens' texts spell it), outside mentions, links, code and markup.
func prose(toks []entity.Token) [][2]int {
	var ranges [][2]int
	at := 0
	for _, t := range toks {
		if t.Role == entity.Text {
			ranges = append(ranges, [2]int{at, at + len(t.Text)})
		}
		at += len(t.Text)
	}
	return ranges
}

// findWord returns where word occurs in text's prose ranges as a whole
// word (no letter, digit or mark on either side), ignoring case; the
// occurrences do not overlap.
func findWord(text string, ranges [][2]int, word string) [][2]int {
	var at [][2]int
	for _, rg := range ranges {
		for i := rg[0]; i+len(word) <= rg[1]; {
			if strings.EqualFold(text[i:i+len(word)], word) && !wordBefore(text[:i]) && !wordAfter(text[i+len(word):]) {
				at = append(at, [2]int{i, i + len(word)})
				i += len(word)
				continue
			}
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
	}
	return at
}

// wordBefore and wordAfter report whether s ends, or starts, with a
// character of a word (textmatch.IsWord).
func wordBefore(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	return n > 0 && textmatch.IsWord(r)
}

func wordAfter(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && textmatch.IsWord(r)
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// substitute writes each sub's target over its ranges in out, with the
// capital of the word it replaces ("Salpicadero" at a sentence's start
// becomes "Panel de control"), escaped in HTML mode, and the determiner
// before it in the target's gender where the sub says so (in target
// language lang). A sub with a range that overlaps another's is left out,
// whole.
func substitute(out string, subs []termSub, escape bool, lang string) string {
	type edit struct {
		at     [2]int
		target string
		agree  gender
	}
	var edits []edit
	overlaps := func(a [2]int) bool {
		for _, e := range edits {
			if a[0] < e.at[1] && e.at[0] < a[1] {
				return true
			}
		}
		return false
	}
next:
	for _, s := range subs {
		for _, a := range s.at {
			if overlaps(a) {
				continue next
			}
		}
		for _, a := range s.at {
			edits = append(edits, edit{a, s.target, s.agree})
		}
	}
	if len(edits) == 0 {
		return out
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.at[0] - b.at[0] })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.WriteString(out[last:e.at[0]])
		if e.agree != genderUnknown {
			prefix := agreeDeterminer(b.String(), b.Len(), e.target, e.agree, lang)
			b.Reset()
			b.WriteString(prefix)
		}
		b.WriteString(carryCapital(out[e.at[0]:e.at[1]], e.target, escape))
		last = e.at[1]
	}
	b.WriteString(out[last:])
	return b.String()
}

// carryCapital returns target with an upper-case first letter when the
// word it replaces has one and target starts in lower case, escaped for
// HTML when html is set.
func carryCapital(replaced, target string, escape bool) string {
	r, _ := utf8.DecodeRuneInString(replaced)
	t, size := utf8.DecodeRuneInString(target)
	if unicode.IsUpper(r) && unicode.IsLower(t) {
		target = string(unicode.ToTitle(t)) + target[size:]
	}
	if escape {
		target = html.EscapeString(target)
	}
	return target
}

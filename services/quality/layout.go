package quality

import (
	"fmt"
	"strings"

	"github.com/parley-chat/parley/shared/api"
	ent "github.com/parley-chat/parley/shared/entity"
)

// WeightLineBreaks is what a translation costs that collapsed the
// source's lines into one ("Shopping list:\n- milk\n- eggs" → "Lista de
// la compra: - leche - huevos"): the prompt asks for line breaks to be
// kept, and a list or an address on one line is hard to read, but the
// words may all be right, so alone it only warns.
const WeightLineBreaks = 25

// lineBreaks compares the source's lines and paragraphs with the
// translation's. Lines are the non-blank ones; paragraphs are separated by
// blank lines. Each line the translation lost costs 1/(n−1) of the value
// for a source of n lines (all of them on one line: value 0); a lost
// paragraph break (lines kept) costs half as much; lines added beyond the
// source's cost half in proportion, up to half the weight (a model that
// wraps a long sentence). Neutral for a source of one line translated on
// one line, and for HTML, where line breaks in the text are not what the
// reader sees.
func lineBreaks(in *input) api.Signal {
	sg := api.Signal{Name: SignalLineBreaks, Value: 1}
	ns, ps := lineCount(in.source)
	nt, pt := lineCount(in.translation)
	if ns <= 1 && nt <= 1 {
		sg.Reason = "neutral: source and translation are one line each"
		return sg
	}
	if isHTML(in.source) {
		sg.Reason = "neutral: line breaks in HTML are not what the reader sees"
		return sg
	}
	sg.Weight = WeightLineBreaks
	switch {
	case nt < ns:
		sg.Value = round2(1 - float64(ns-nt)/float64(ns-1))
		sg.Reason = fmt.Sprintf("the translation has %s where the source has %d: line breaks were lost", plural(nt, "line"), ns)
	case nt > ns:
		sg.Value = round2(1 - 0.5*min(1, float64(nt-ns)/float64(ns)))
		sg.Reason = fmt.Sprintf("the translation has %d lines where the source has %s", nt, plural(ns, "line"))
	case pt < ps:
		sg.Value = round2(1 - 0.5*float64(ps-pt)/float64(ps-1))
		sg.Reason = fmt.Sprintf("the translation has %s where the source has %d: blank lines were lost", plural(pt, "paragraph"), ps)
	default:
		sg.Reason = fmt.Sprintf("the translation keeps the source's %d lines", ns)
	}
	return sg
}

// lineCount counts the non-blank lines of s and its paragraphs (runs of
// them between blank lines).
func lineCount(s string) (lines, paragraphs int) {
	blank := true
	for line := range strings.Lines(s) {
		if strings.TrimFunc(line, invisible) == "" {
			blank = true
			continue
		}
		lines++
		if blank {
			paragraphs++
		}
		blank = false
	}
	return lines, paragraphs
}

// isHTML reports whether s has HTML tags, read as the translate chain
// reads them.
func isHTML(s string) bool {
	if !strings.Contains(s, "<") {
		return false
	}
	for _, t := range ent.Scan(s, nil) {
		if t.Kind == ent.HTMLTag || t.Kind == ent.HTMLElement {
			return true
		}
	}
	return false
}

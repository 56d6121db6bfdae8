package console

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// rtlScripts are the ISO 15924 scripts written right to left that a chat
// message can plausibly be in.
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Thaa": true, "Syrc": true, "Nkoo": true,
	"Adlm": true, "Rohg": true, "Mand": true, "Samr": true, "Yezi": true,
}

// textDir is the HTML dir attribute for text in lang: rtl or ltr from the
// language's script (explicit, like "az-Arab", or the likely one, like
// Arabic for "ar", Hebrew for "he", Persian's Arabic script for "fa"), and
// auto when the language is unknown, so that the browser decides from the
// first strong character.
func textDir(lang string) string {
	lang = strings.TrimSpace(lang)
	if lang == "" || lang == "und" || lang == "auto" {
		return "auto"
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return "auto"
	}
	if b, conf := tag.Base(); conf == language.No || b.String() == "und" {
		return "auto"
	}
	script, conf := tag.Script()
	if conf == language.No {
		return "auto"
	}
	if rtlScripts[script.String()] {
		return "rtl"
	}
	return "ltr"
}

// Segment is a piece of a text: plain, or a highlighted span with what
// was found there. Templates print Text, which html/template escapes; the
// console never builds HTML from message text.
type Segment struct {
	Text string
	// Mark is set for the text of a safety span.
	Mark     bool
	Category string
	Severity string
	Detector string
}

// segments splits text at the byte offsets of spans. Spans come from
// another service and are not trusted: offsets outside the text are
// clipped, offsets inside a UTF-8 sequence are widened to whole
// characters, and overlapping spans are merged (keeping the first span's
// labels and the highest severity).
func segments(text string, spans []api.Span) []Segment {
	type rng struct {
		start, end int
		span       api.Span
	}
	var rs []rng
	for _, sp := range spans {
		start, end := max(0, sp.Start), min(len(text), sp.End)
		if start >= end {
			continue
		}
		for start > 0 && !utf8.RuneStart(text[start]) {
			start--
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
		rs = append(rs, rng{start, end, sp})
	}
	slices.SortStableFunc(rs, func(a, b rng) int { return cmp.Compare(a.start, b.start) })
	var merged []rng
	for _, r := range rs {
		if n := len(merged); n > 0 && r.start < merged[n-1].end {
			last := &merged[n-1]
			last.end = max(last.end, r.end)
			if api.SeverityRank(r.span.Severity) > api.SeverityRank(last.span.Severity) {
				last.span.Severity = r.span.Severity
			}
			continue
		}
		merged = append(merged, r)
	}
	var out []Segment
	pos := 0
	for _, r := range merged {
		if r.start > pos {
			out = append(out, Segment{Text: text[pos:r.start]})
		}
		out = append(out, Segment{Text: text[r.start:r.end], Mark: true,
			Category: r.span.Category, Severity: r.span.Severity, Detector: r.span.Detector})
		pos = r.end
	}
	if pos < len(text) {
		out = append(out, Segment{Text: text[pos:]})
	}
	return out
}

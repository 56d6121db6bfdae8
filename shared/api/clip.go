package api

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// ClipPrefix is the longest prefix of s made of whole user-perceived
// characters (grapheme clusters, Unicode UAX #29) that holds at most n code
// points, and how many code points it holds. Cutting by code point alone
// leaves one man of a ZWJ family emoji, a letter without its combining
// accent, half of a flag or a dangling joiner; a cluster is kept whole or
// left out. n still counts code points, so that a preview's size stays
// bounded when a single cluster is made of hundreds of combining marks
// (such a cluster is left out whole).
func ClipPrefix(s string, n int) (string, int) {
	if n <= 0 {
		return "", 0
	}
	if c := utf8.RuneCountInString(s); c <= n {
		return s, c
	}
	end, runes := 0, 0
	state := -1
	rest := s
	for len(rest) > 0 {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		c := utf8.RuneCountInString(cluster)
		if runes+c > n {
			break
		}
		end += len(cluster)
		runes += c
	}
	return s[:end], runes
}

// Clip cuts s to at most n code points at a grapheme cluster boundary
// (ClipPrefix) and marks the cut with "…"; n <= 0 or a text that fits
// leaves s as it is. Explicit bidi embeddings, overrides and isolates left
// open by the cut are closed before the mark: stored text may predate
// CheckBidi, and an open one would reorder the "…" and whatever a page
// prints after the preview.
func Clip(s string, n int) string {
	prefix, _ := ClipPrefix(s, n)
	if n <= 0 || len(prefix) == len(s) {
		return s
	}
	return prefix + closeBidi(prefix) + "…"
}

// closeBidi returns the PDF (U+202C) and PDI (U+2069) characters that close,
// innermost first, what s leaves open at its end. A paragraph separator
// ends everything open before it (UAX #9), and a PDI also closes the
// embeddings opened inside its isolate.
func closeBidi(s string) string {
	if !hasBidiControl(s) {
		return ""
	}
	var open []rune // the closer each open control needs, innermost last
	for _, r := range s {
		switch {
		case r >= 0x202A && r <= 0x202E && r != 0x202C: // LRE, RLE, LRO, RLO
			open = append(open, 0x202C)
		case r == 0x202C: // PDF closes the innermost embedding, never an isolate
			if k := len(open); k > 0 && open[k-1] == 0x202C {
				open = open[:k-1]
			}
		case r >= 0x2066 && r <= 0x2068: // LRI, RLI, FSI
			open = append(open, 0x2069)
		case r == 0x2069: // PDI closes the innermost isolate and what it holds
			for k := len(open) - 1; k >= 0; k-- {
				if open[k] == 0x2069 {
					open = open[:k]
					break
				}
			}
		case paragraphEnd(r):
			open = open[:0]
		}
	}
	out := make([]rune, 0, len(open))
	for k := len(open) - 1; k >= 0; k-- {
		out = append(out, open[k])
	}
	return string(out)
}

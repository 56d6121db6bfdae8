package entity

import (
	"runtime"
	"strings"
	"testing"
)

// adversarial are texts built to make a scanner search far from many
// positions: lines of openers that keep nearly closing, runs of code
// delimiters, brackets without targets, deep nesting. text(n) is about n
// bytes.
var adversarial = []struct {
	name string
	text func(n int) string
}{
	{"emphasis *_", repeat("*_")},
	{"emphasis *_~|", repeat("*_~|")},
	{"emphasis _*a", repeat("_*a")},
	{"bold and italic **a _b", repeat("**a _b ")},
	{"spoilers ||a", repeat("||a")},
	{"link and emphasis [*_", repeat("[*_")},
	{"images ![*", repeat("![*")},
	{"strikethrough ~~", repeat("~~")},
	{"strikethrough ~~a", repeat("~~a")},
	{"fences ~~~a", repeat("~~~a")},
	{"a run of backticks", repeat("`")},
	{"backticks `a", repeat("`a")},
	{"backtick runs growing", func(n int) string {
		var b strings.Builder
		for k := 1; b.Len() < n; k++ {
			b.WriteString(strings.Repeat("`", k%60+1) + "a")
		}
		return b.String()[:n]
	}},
	{"a long fence, then short runs", func(n int) string {
		return strings.Repeat("`", n/2) + strings.Repeat("a``", n/6)
	}},
	{"tags <a", repeat("<a")},
	{"tags <b>", repeat("<b>")},
	{"tags <b>a", repeat("<b>a")},
	{"kept elements <code>", repeat("<code>")},
	{"quoted attributes <a x='", repeat(`<a x='"`)},
	{"comments <!--", repeat("<!--")},
	{"comments then one end", func(n int) string { return strings.Repeat("<!--", n/4-1) + "-->" }},
	{"brackets [", repeat("[")},
	{"link middles ](", repeat("](")},
	{"links [a](", repeat("[a](")},
	{"brackets then middles", func(n int) string { return strings.Repeat("[", n/2) + strings.Repeat("](", n/4) }},
	{"link targets [a](((", func(n int) string { return strings.Repeat("[a](", n/8) + strings.Repeat("(", n/2) }},
	{"nested links", func(n int) string {
		return strings.Repeat("[a ", n/10) + "x" + strings.Repeat("](u)", n/10)
	}},
	{"deep nesting", func(n int) string {
		open := "**a __b ~~c ||d [e *f _g "
		k := n / (2 * len(open))
		return strings.Repeat(open, k) + strings.Repeat(" g_ f* e](u) d|| c~~ b__ a**", k)
	}},
	{"placeholders {a,", repeat("{a,")},
	{"mustache {{", repeat("{{")},
	{"mustache {{a", repeat("{{a ")},
	{"prose", repeat("hello world, this is a long message. ")},
}

func repeat(s string) func(int) string {
	return func(n int) string { return strings.Repeat(s, n/len(s)) }
}

// workPerByte bounds the work of a scan (scanner.work: tokens read,
// positions walked, bytes indexed, tokens written) per byte of text.
// Each position is read at most four times (once, and again after each
// walk it waits for), walked at most seven times (once for each closing
// delimiter) and written once, and each of eight indexes goes over the
// text once. A line of "[" before a line of "](" made the scanner walk up
// to maxSpan (2,000) positions from each '['.
const workPerByte = 40

// allocPerByte bounds the bytes a scan allocates per byte of text: the
// tables of what was read at each position and where each walk ends, the
// indexes and the tokens. Each markup nested in "*_*_*_…" once copied the
// tokens of all the markup inside it, gigabytes for 10,000 bytes.
const allocPerByte = 2000

// The work of a scan, and what it allocates, grow linearly with the
// text, whatever the text: bounded per byte for 10,000 and 20,000 bytes,
// in chat and HTML mode.
func TestScanWorkIsLinear(t *testing.T) {
	for _, tt := range adversarial {
		t.Run(tt.name, func(t *testing.T) {
			for _, html := range []bool{false, true} {
				for _, n := range []int{10_000, 20_000} {
					text := tt.text(n)
					s := &scanner{src: text, html: html}
					var before, after runtime.MemStats
					runtime.ReadMemStats(&before)
					if html {
						s.markup = markupPieces(text)
					}
					toks := scanAll(s)
					runtime.ReadMemStats(&after)
					checkInvariants(t, text, toks)
					alloc := after.TotalAlloc - before.TotalAlloc
					if s.work > workPerByte*len(text) {
						t.Errorf("html %v: %d bytes took %d units of work, more than %d a byte", html, len(text), s.work, workPerByte)
					}
					if !raceEnabled && alloc > allocPerByte*uint64(len(text)) {
						t.Errorf("html %v: %d bytes allocated %d bytes, more than %d a byte", html, len(text), alloc, allocPerByte)
					}
					t.Logf("html %v, %d bytes: work %.1f, allocated %.0f a byte", html, len(text), float64(s.work)/float64(len(text)), float64(alloc)/float64(len(text)))
				}
			}
		})
	}
}

// The walks for emphasis look for stops[di] where emphasisDelims[di]
// opened.
func TestStopsFollowEmphasisDelims(t *testing.T) {
	for di, d := range emphasisDelims {
		if stops[di] != d {
			t.Errorf("stops[%d] = %q, emphasisDelims[%d] = %q", di, stops[di], di, d)
		}
	}
	if stops[linkStop] != "]" {
		t.Errorf("stops[linkStop] = %q, want \"]\"", stops[linkStop])
	}
}

// BenchmarkScanAdversarial scans 10,000 bytes of each adversarial text;
// compare with BenchmarkScan/prose-10k (docs/translate.md, Performance).
func BenchmarkScanAdversarial(b *testing.B) {
	for _, bc := range adversarial {
		text := bc.text(10_000)
		b.Run(strings.ReplaceAll(bc.name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Scan(text, []string{"Parley", "Parley Cloud"})
			}
		})
	}
}

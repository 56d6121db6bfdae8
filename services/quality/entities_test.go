package quality

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// Finding the entities of a text costs time linear in its length however
// many entities it holds: each match is checked against the bytes taken
// so far, not against every entity found before it (a translation of
// 20,000 numbers took 1 s).
func TestExtractEntitiesWorkIsLinear(t *testing.T) {
	tests := []struct {
		name, unit string
		kind       string
	}{
		{"numbers", "1 ", KindNumber},
		{"mentions", "@ana ", KindMention},
		{"channels", "#general ", KindChannel},
		{"shortcodes", ":tada: ", KindShortcode},
		{"links", "https://x.io/a ", KindLink},
		{"placeholders", "{name} ", KindPlaceholder},
		{"mixed", "@ana 12 :tada: #general https://x.io/a {name} ", ""},
	}
	// Every pattern may check every byte once, and numbers once more.
	perByte := len(entityPatterns) + 1
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range []int{10_000, MaxTranslationRunes} {
				text := strings.Repeat(tt.unit, n/len(tt.unit))
				ex := extractEntities(text, nil)
				if tt.kind != "" {
					got := 0
					for _, e := range ex.entities {
						if e.kind == tt.kind {
							got++
						}
					}
					if want := n / len(tt.unit); got != want {
						t.Errorf("%d bytes: %d entities of kind %s, want %d", len(text), got, tt.kind, want)
					}
				}
				if ex.work > perByte*len(text) {
					t.Errorf("%d bytes: the overlap checks went over %d bytes, more than %d a byte", len(text), ex.work, perByte)
				}
			}
		})
	}
}

// Comparing the numbers of a source and a translation allocates in
// proportion to the texts: whether a small number is written as a word
// is read from each text once for each value, not once for each number
// (numberWord reads the whole text: a source of 5,000 numbers and a
// translation of 20,000 took 4-7 s).
func TestCompareNumbersAllocIsLinear(t *testing.T) {
	const perByte = 1000
	for _, n := range []int{1_000, api.MaxTextRunes / 2} {
		src, tr := extractEntities(strings.Repeat("1 ", n), nil), extractEntities(strings.Repeat("2 ", 4*n), nil)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res := compareNumbers(src.numbers, tr.numbers, "en", "es", src.rest, tr.rest)
		runtime.ReadMemStats(&after)
		if len(res.findings) != n {
			t.Errorf("%d numbers changed into %d others: %d findings, want %d", n, 4*n, len(res.findings), n)
		}
		bytes := len(src.rest) + len(tr.rest)
		if alloc := after.TotalAlloc - before.TotalAlloc; !raceEnabled && alloc > perByte*uint64(bytes) {
			t.Errorf("%d and %d numbers: %d bytes allocated for %d bytes of text, more than %d a byte", n, 4*n, alloc, bytes, perByte)
		} else {
			t.Logf("%d and %d numbers: %.0f bytes allocated a byte of text", n, 4*n, float64(alloc)/float64(bytes))
		}
	}
}

// TestManySwapsAreBounded: a text of many values with one unit, reversed in
// the translation, once made a finding for every pair of them (1,200 values:
// 700,000 findings and 878 MB a request). One swap costs the signal its whole
// weight, so a few are reported.
func TestManySwapsAreBounded(t *testing.T) {
	const n = 1200
	var src, tr strings.Builder
	for i := range n {
		fmt.Fprintf(&src, "%d mg ", i+1)
		fmt.Fprintf(&tr, "%d mg ", n-i)
	}
	s, r := extractEntities(src.String(), nil), extractEntities(tr.String(), nil)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := compareNumbers(s.numbers, r.numbers, "en", "es", s.rest, r.rest)
	runtime.ReadMemStats(&after)
	swaps := 0
	for _, f := range res.findings {
		if f.kind == "swapped" {
			swaps++
		}
	}
	if swaps == 0 || swaps > maxSwapFindings {
		t.Errorf("%d swapped findings, want 1 to %d", swaps, maxSwapFindings)
	}
	if alloc, limit := after.TotalAlloc-before.TotalAlloc, uint64(1000*(src.Len()+tr.Len())); !raceEnabled && alloc > limit {
		t.Errorf("%d bytes allocated for %d bytes of text", alloc, src.Len()+tr.Len())
	}
}

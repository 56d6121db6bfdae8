package api

import (
	"strings"
	"testing"
)

// TestClip: a preview is cut between grapheme clusters, within n code
// points, and closes the bidi controls the cut leaves open before "…".
func TestClip(t *testing.T) {
	const (
		family = "\U0001F468\u200D\U0001F469\u200D\U0001F467" // man ZWJ woman ZWJ girl: 5 code points, one cluster
		flag   = "\U0001F1EB\U0001F1F7"                       // regional indicators F R
		eAcute = "e\u0301"                                    // e + combining acute
	)
	for _, tc := range []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"fits", "abc", 3, "abc"},
		{"no limit", "abcdef", 0, "abcdef"},
		{"plain cut", "abcdef", 3, "abc…"},
		{"ZWJ family left whole, not one man", "ab" + family, 4, "ab…"},
		{"ZWJ family kept whole when it fits", "ab" + family + "cd", 7, "ab" + family + "…"},
		{"combining accent not dropped", "caf" + eAcute + " ok", 4, "caf…"},
		{"accent kept with its letter", "caf" + eAcute + " ok", 5, "caf" + eAcute + "…"},
		{"no lone regional indicator", "ab" + flag + flag, 5, "ab" + flag + "…"},
		{"open isolate closed", "a\u2067שלום עולם", 5, "a\u2067שלו\u2069…"},
		{"nested embedding and isolate closed innermost first", "\u2068a\u202Bbcdef", 5, "\u2068a\u202Bbc\u202C\u2069…"},
		{"closed isolate left alone", "\u2067ab\u2069cdef", 5, "\u2067ab\u2069c…"},
		{"paragraph end closes everything", "\u202Eab\ncdef", 5, "\u202Eab\nc…"},
		{"one huge cluster left out", "a" + "e" + strings.Repeat("\u0301", 100), 50, "a…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clip(tc.in, tc.n); got != tc.want {
				t.Fatalf("Clip(%+q, %d) = %+q, want %+q", tc.in, tc.n, got, tc.want)
			}
		})
	}
}

// TestQuoteGraphemes: Quote cuts between clusters and counts what it left
// out from where it cut.
func TestQuoteGraphemes(t *testing.T) {
	family := "\U0001F468\u200D\U0001F469\u200D\U0001F467"
	in := strings.Repeat("a", MaxQuotedRunes-2) + family + "zz"
	want := `"` + strings.Repeat("a", MaxQuotedRunes-2) + `"… (7 more characters)`
	if got := Quote(in); got != want {
		t.Fatalf("Quote = %s, want %s", got, want)
	}
}

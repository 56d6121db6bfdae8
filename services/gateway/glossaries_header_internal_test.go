package gateway

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTruncateHeader: an If-Match quoted in an error is cut to 80
// characters between grapheme clusters, never inside a multi-byte
// character (a byte cut left half of one, U+FFFD in the JSON answer) nor
// inside a cluster (a family emoji, a letter and its accent).
func TestTruncateHeader(t *testing.T) {
	family := "\U0001F468\u200D\U0001F469\u200D\U0001F467" // 3 people, 5 code points
	for _, tc := range []struct {
		name, in, want string
	}{
		{"short", `"7"`, `"7"`},
		{"80 characters", strings.Repeat("a", 80), strings.Repeat("a", 80)},
		{"81 ASCII", strings.Repeat("a", 81), strings.Repeat("a", 80) + "…"},
		// 79 ASCII bytes then "é" (2 bytes): the 80-byte cut split it.
		{"two-byte at the cut", strings.Repeat("a", 79) + strings.Repeat("é", 5), strings.Repeat("a", 79) + "é…"},
		{"multi-byte only", strings.Repeat("日本", 50), strings.Repeat("日本", 40) + "…"},
		{"accent kept with its letter", strings.Repeat("a", 79) + "e\u0301" + "xyz", strings.Repeat("a", 79) + "…"},
		{"emoji cluster kept whole", strings.Repeat("a", 77) + family + "b", strings.Repeat("a", 77) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := truncateHeader(tc.in)
			if got != tc.want {
				t.Fatalf("truncateHeader = %q, want %q", got, tc.want)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("%q is not valid UTF-8", got)
			}
		})
	}
}

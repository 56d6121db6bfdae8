package detect

import (
	"strings"
	"testing"
)

// A domain in the path of a bare link before it belongs to that link:
// bareDomains reads each stretch of text once, so that cleaning a line of
// them costs time linear in its length.
func TestBareDomainsReadEachLinkOnce(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"see example.org/docs and example.com", []string{"example.org/docs", "example.com"}},
		{"example.org/mirror/example.com/docs, thanks", []string{"example.org/mirror/example.com/docs"}},
		{strings.Repeat("a.com/", 6_666), []string{strings.Repeat("a.com/", 6_666)}},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range bareDomains(tt.text) {
			got = append(got, tt.text[sp.Start:sp.End])
		}
		if g, w := strings.Join(got, "|"), strings.Join(tt.want, "|"); g != w {
			t.Errorf("bareDomains(%.40q) = %d spans %.80q, want %d %.80q", tt.text, len(got), g, len(tt.want), w)
		}
	}
}

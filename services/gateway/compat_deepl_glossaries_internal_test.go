package gateway

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestParseDeepLEntriesCharacters: a leading byte order mark is dropped,
// not stored in the first term; control characters (C0 and C1), Unicode
// line and paragraph separators and format characters are refused, as
// DeepL refuses them; the joiners that scripts and emoji need are not.
func TestParseDeepLEntriesCharacters(t *testing.T) {
	tests := []struct {
		name, format, data string
		want               [][2]string // nil: refused
	}{
		{"bom, tsv", "tsv", "\ufeffcat\tKatze\ndog\tHund", [][2]string{{"cat", "Katze"}, {"dog", "Hund"}}},
		{"bom, csv", "csv", "\ufeffcat,Katze", [][2]string{{"cat", "Katze"}}},
		{"joiners", "tsv", "\U0001F469\u200d\U0001F4BB\tdev\nمی\u200cخواهم\twant", [][2]string{{"\U0001F469\u200d\U0001F4BB", "dev"}, {"می\u200cخواهم", "want"}}},
		{"line separator", "tsv", "a\u2028b\tc", nil},
		{"paragraph separator", "tsv", "a\tb\u2029", nil},
		{"next line (C1)", "tsv", "a\u0085b\tc", nil},
		{"delete", "tsv", "a\u007fb\tc", nil},
		{"bidi override", "tsv", "a\u202eb\tc", nil},
		{"zero width space", "csv", "a\u200bb,c", nil},
		{"bom inside", "tsv", "a\tb\n\ufeffc\td", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDeepLEntries(tt.data, tt.format, "en", "de")
			if tt.want == nil {
				if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != "entries" {
					t.Fatalf("accepted %q: %v, %v", tt.data, got, err)
				}
				return
			}
			if err != nil || len(got) != len(tt.want) {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("entry %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

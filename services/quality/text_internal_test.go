package quality

import (
	"strings"
	"testing"
)

// The quick check never skips a text the pattern would change.
func TestMayHoldNonLanguage(t *testing.T) {
	texts := []string{
		"Hola, ¿cómo estás hoy? 42",
		"see https://example.com/x?y=1 now",
		"WWW.Example.org is down",
		"ask mail.me+x@example.co.uk",
		"hi <@123456> and <#99> and <a:wave:1234>",
		"@maria see you",
		"great :thumbsup: job",
		"ratio 3:2 at 10:30",
		"a www b", "wwwx.example", "ww.w.",
		"日本語のテキスト", "",
	}
	for _, s := range texts {
		changed := nonLanguage.ReplaceAllString(s, " ") != s
		if changed && !mayHoldNonLanguage(s) {
			t.Errorf("%q: the pattern changes it but the quick check skips it", s)
		}
		if got, want := stripNonLanguage(s), nonLanguage.ReplaceAllString(s, " "); got != want {
			t.Errorf("stripNonLanguage(%q) = %q, want %q", s, got, want)
		}
	}
}

// A mention in a script with vowel signs goes whole: what stayed of
// "@राहुल" after "@र" read as a word.
func TestStripNonLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"@राहुल ने कहा", "ने कहा"},
		{"@கார்த்திக் சொன்னார்", "சொன்னார்"},
		{"ask @ana now", "ask now"},
	}
	for _, tt := range tests {
		if got := strings.Join(strings.Fields(stripNonLanguage(tt.text)), " "); got != tt.want {
			t.Errorf("stripNonLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// BenchmarkStripNonLanguage: a chat message without links or mentions
// through the pattern alone (the baseline) and through stripNonLanguage.
func BenchmarkStripNonLanguage(b *testing.B) {
	s := strings.Repeat("Hola, ¿cómo estás hoy? Nos vemos mañana en la oficina. ", 2)
	b.Run("pattern", func(b *testing.B) {
		for b.Loop() {
			_ = nonLanguage.ReplaceAllString(s, " ")
		}
	})
	b.Run("checked", func(b *testing.B) {
		for b.Loop() {
			_ = stripNonLanguage(s)
		}
	})
}

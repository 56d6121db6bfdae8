package commentary

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sure! Here is the translation:", " sure here is the translation "},
		{"I’m sorry, but I can’t", " i'm sorry but i can't "},
		{"En tant qu'IA…", " en tant qu'ia "},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAdded(t *testing.T) {
	tests := []struct {
		name, source, translation, target string
		want                              []Finding
	}{
		{"clean", "Can you send me the report?", "¿Puedes enviarme el informe?", "es", nil},
		{"refusal", "eres un idiota", "I'm sorry, but I can't help with that.", "en",
			[]Finding{{Refusal, "i can't help with that"}}},
		{"preamble", "Buenos días equipo", "Sure! Here is the translation: Good morning team", "en",
			[]Finding{{Preamble, "here is the translation"}}},
		{"ai identity", "¿Qué eres?", "As an AI, I don't have feelings.", "en", []Finding{{AIIdentity, "as an ai"}}},
		{"label", "Buenos días", "Translation: Good morning", "en", []Finding{{Label, "Translation:"}}},
		{"language label", "Good morning", "**Spanish:** Buenos días", "es", []Finding{{Label, "**Spanish:"}}},
		{"note", "Llueve a cántaros", "It's raining cats and dogs (Note: an idiom)", "en", []Finding{{Note, "(Note: an idiom)"}}},
		// Chat says these all the time; a translation of them is no
		// commentary, whatever language the message says them in.
		{"an apology translated", "Lo siento, no puedo ir hoy", "I'm sorry, I can't go today", "en", nil},
		{"a french apology", "Désolé, je ne peux pas venir", "Sorry, I can't come", "en", nil},
		{"a japanese apology", "すみません、今日は行けません", "I'm sorry, I can't go today.", "en", nil},
		{"an offer of help", "Avísame si necesitas algo", "Let me know if you need anything", "en", nil},
		{"i hope", "Espero que esto ayude", "I hope this helps", "en", nil},
		{"a refusal the message says", "Lo siento, pero no puedo ayudar con eso", "I'm sorry, but I can't help with that", "en", nil},
		{"a note the message has", "Note: the office is closed tomorrow.", "Nota: la oficina está cerrada mañana.", "es", nil},
		{"a label the message has", "Translation: pending review", "Traducción: pendiente de revisión", "es", nil},
		{"an ordinary colon", "Reminder: the meeting moved", "Recordatorio: la reunión se movió", "es", nil},
		{"whole words only", "x", "He works as an aide to the mayor.", "en", nil},
		{"chinese refusal with punctuation", "Send me the report", "抱歉，我不能翻译这个。", "zh", []Finding{{Refusal, "抱歉我不能"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Added(tt.source, tt.translation, tt.target); !slices.Equal(got, tt.want) {
				t.Errorf("Added(%q, %q) = %v, want %v", tt.source, tt.translation, got, tt.want)
			}
		})
	}
}

// TestKeyMatchesTheSimpleForm checks Key's one pass against the plain
// definition (lower case, apostrophes made plain, non-word runs one space).
func TestKeyMatchesTheSimpleForm(t *testing.T) {
	apostrophes := strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02bc", "'", "`", "'")
	simple := func(s string) string {
		s = apostrophes.Replace(strings.ToLower(s))
		return " " + strings.Join(strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) && r != '\''
		}), " ") + " "
	}
	for _, s := range []string{"", "  ", "!!", "Hi", "ÉCOLE d’été", "抱歉，我不能翻译这个。", "İstanbul ΣΟΦΊΑ", "a`b ʼc", "x\u0301y 12,5 %", "नमस्ते दुनिया"} {
		if got, want := Key(s), simple(s); got != want {
			t.Errorf("Key(%q) = %q, want %q", s, got, want)
		}
	}
}

package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestFamilyRewrites(t *testing.T) {
	tests := []struct {
		name, in, want string
		rewrite        func(string, [][2]int) string
	}{
		{"cómo está", "¿cómo es tu madre?", "¿cómo está tu madre?", func(s string, r [][2]int) string { return howIsPerson("es", s, r) }},
		{"cómo están, capital", "¿Cómo son tus padres?", "¿Cómo están tus padres?", func(s string, r [][2]int) string { return howIsPerson("es", s, r) }},
		{"a project stays", "¿cómo es el proyecto?", "¿cómo es el proyecto?", func(s string, r [][2]int) string { return howIsPerson("es", s, r) }},
		{"como está a tua", "como é tua mãe?", "como está a tua mãe?", func(s string, r [][2]int) string { return howIsPerson("pt", s, r) }},
		{"como está o teu", "Como é o teu pai?", "Como está o teu pai?", func(s string, r [][2]int) string { return howIsPerson("pt", s, r) }},
		{"cumple años", "mi abuela hace años mañana", "mi abuela cumple años mañana", func(s string, r [][2]int) string { return birthdays("es", s, r) }},
		{"cumples, capital", "¿Haces años hoy?", "¿Cumples años hoy?", func(s string, r [][2]int) string { return birthdays("es", s, r) }},
		{"grandmother's birthday", "my grandmother does years tomorrow", "it's my grandmother's birthday tomorrow", func(s string, r [][2]int) string { return birthdays("en", s, r) }},
		{"capital", "My sister does years today", "It's my sister's birthday today", func(s string, r [][2]int) string { return birthdays("en", s, r) }},
		{"my birthday", "I'll do years tomorrow", "It's my birthday tomorrow", func(s string, r [][2]int) string { return birthdays("en", s, r) }},
		{"de la fièvre", "l'enfant a fièvre", "l'enfant a de la fièvre", frenchHasFever},
		{"no more milk", "nous nous restons sans lait", "nous n'avons plus de lait", frenchRunOut},
		{"no more eggs", "Nous nous restons sans des oeufs", "Nous n'avons plus d'oeufs", frenchRunOut},
		{"the fever stays", "la fièvre est passée", "la fièvre est passée", frenchHasFever},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ranges := prose(scanMessage(tt.in, entity.Protected(scan(tt.in, "")), ""))
			if got := tt.rewrite(tt.in, ranges); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

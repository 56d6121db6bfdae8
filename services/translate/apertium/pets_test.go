package apertium

import "testing"

func TestPetEdits(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"afraid", "Mi perro es temeroso de los petardos", "Mi perro tiene miedo de los petardos"},
		{"afraid, was", "estaba temerosa", "tenía miedo"},
		{"feed the cat", "¿puedes alimentar el gato?", "¿puedes dar de comer al gato?"},
		{"fed my dog, capital", "Alimenté mi perro", "Di de comer a mi perro"},
		{"feed a server stays", "alimenta el servidor", "alimenta el servidor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words := proseWordsOf(tt.in)
			if got := applyEdits(tt.in, append(afraidEdits(words), feedEdits(words)...)); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEnglishAllDays(t *testing.T) {
	for in, want := range map[string]string{
		"my cat sleeps all the day":   "my cat sleeps all day",
		"All the night it rained":     "All night it rained",
		"all the days are the same":   "all the days are the same",
		"I read all the day's emails": "I read all the day's emails",
	} {
		if got := englishAllDays(in, [][2]int{{0, len(in)}}); got != want {
			t.Errorf("englishAllDays(%q) = %q, want %q", in, got, want)
		}
	}
}

package apertium

import "testing"

func TestPortugueseCalls(t *testing.T) {
	tests := []struct{ name, source, lang, in, want string }{
		{"I'll call you", "I'm driving, I'll call you later", "en", "Estou a conduzir, chamar-te-ei mais tarde", "Estou a conduzir, ligo-te mais tarde"},
		{"call me", "call me when you arrive", "en", "Chama-me quando chegares", "Liga-me quando chegares"},
		{"from Spanish", "te llamo luego", "es", "chamo-te depois", "ligo-te depois"},
		{"a name stays", "¿cómo te llamas?", "es", "como te chamas?", "como te chamas?"},
		{"my name is stays", "me llamo Ana", "es", "chamo-me Ana", "chamo-me Ana"},
		{"called by a name stays", "they called me Bob", "en", "chamaram-me Bob", "chamaram-me Bob"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := portugueseCalls(tt.source, tt.lang, tt.in, [][2]int{{0, len(tt.in)}}); got != tt.want {
				t.Errorf("portugueseCalls(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestWorkEdits(t *testing.T) {
	tests := []struct {
		name, in, want string
		personal       bool
	}{
		{"present", "Obro desde casa.", "Trabajo desde casa.", false},
		{"gerund", "¿estás obrando hoy?", "¿estás trabajando hoy?", true},
		{"past", "obramos juntos ayer y obró bien", "trabajamos juntos ayer y trabajó bien", true},
		{"obras after a pronoun", "tú obras demasiado", "tú trabajas demasiado", true},
		{"obra after no", "no obra hoy", "no trabaja hoy", true},
		{"a thing's, impersonal", "la salida no obra con eso, no puede obrar", "la salida no obra con eso, no puede obrar", false},
		{"first person, impersonal", "obramos juntos y obró", "trabajamos juntos y obró", false},
		{"the noun stays", "la obra de teatro y las obras", "la obra de teatro y las obras", true},
		{"capitals stay", "OBRO", "OBRO", true},
		{"code", "`obrando` ahora", "`obrando` ahora", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words := proseWordsOf(tt.in)
			if got := applyEdits(tt.in, workEdits(words, tt.personal)); got != tt.want {
				t.Errorf("workEdits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSpeaksAsPerson(t *testing.T) {
	for text, want := range map[string]bool{
		"are you working today?": true, "I'm on it": true, "my phone": true, "WE WORK": true,
		"WARC output does not work": false, "the team is working on it": true, "yours": true, "Iowa": false,
		"who is working on the login bug?": true, "they say it works": false, "whoever": false,
	} {
		if got := speaksAsPerson(text); got != want {
			t.Errorf("speaksAsPerson(%q) = %v, want %v", text, got, want)
		}
	}
}

// proseWordsOf returns the prose words of a chat text, as writeForChat
// reads them.
func proseWordsOf(text string) []word {
	toks := scan(text, "")
	return proseWords(text, 0, len(text), prose(scanMessage(text, entity.Protected(toks), "")))
}

package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestFrenchPronounsBeforeInfinitive(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"one pronoun, vowel", "tu me peux envoyer le rapport ?", "tu peux m'envoyer le rapport ?"},
		{"one pronoun, consonant", "Je te veux voir", "Je veux te voir"},
		{"two pronouns", "tu me le peux envoyer ?", "tu peux me l'envoyer ?"},
		{"negation", "tu ne me peux pas appeler", "tu ne peux pas m'appeler"},
		{"aller", "je te vais appeler demain", "je vais t'appeler demain"},
		{"conditional, capital", "Vous me pourriez aider ?", "Vous pourriez m'aider ?"},
		{"mute h", "il la doit héberger", "il doit l'héberger"},
		{"nous subject stays", "nous pouvons envoyer le fichier", "nous pouvons envoyer le fichier"},
		{"vous subject stays", "vous pouvez voir", "vous pouvez voir"},
		{"no subject pronoun", "le serveur me peut voir", "le serveur me peut voir"},
		{"not an infinitive", "tu me peux le dire", "tu me peux le dire"},
		{"already in place", "tu peux m'envoyer le lien", "tu peux m'envoyer le lien"},
		{"code", "lance `tu me peux voir` maintenant", "lance `tu me peux voir` maintenant"},
		{"two in one text", "je te veux voir et tu me dois appeler", "je veux te voir et tu dois m'appeler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			if got := frenchPronounsBeforeInfinitive(tt.in, prose(scanMessage(tt.in, entity.Protected(toks), ""))); got != tt.want {
				t.Errorf("frenchPronounsBeforeInfinitive(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFrenchPronounsThroughApertium: es-fr keeps Spanish's pronouns
// before the modal, and English reaches French through it.
func TestFrenchPronounsThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "es-fr", "eng-spa")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ source, text, want string }{
		{"es", "¿me puedes enviar el informe?", "tu peux m'envoyer le rapport"},
		{"es", "te quiero ver mañana", "veux te voir"},
		{"en", "can you call me tomorrow?", "tu peux m'appeler demain"},
	} {
		checkFixThroughApertium(t, e, plain, tt.source, "fr", tt.text, tt.want)
	}
}

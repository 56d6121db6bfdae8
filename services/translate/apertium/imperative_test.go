package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestJoinClitics(t *testing.T) {
	tests := []struct{ infinitive, want, forModes string }{
		{"revisar", "revisa", ""},
		{"revisarlo", "revísalo", ""},
		{"enviarme", "envíame", ""},
		{"enviármelo", "envíamelo", ""},
		{"abrirlo", "ábrelo", ""},
		{"comprobarlo", "compruébalo", ""},
		{"contarme", "cuéntame", ""},
		{"guardarlo", "guárdalo", ""},
		{"decirme", "dime", ""},
		{"hacerlo", "hazlo", ""},
		{"explicármelo", "explícamelo", ""},
		{"seguirlo", "síguelo", ""},
		// es-fr and es-pt read the accented form ("manténlo", French
		// "maintiens-le"); "mantenlo" they leave untranslated.
		{"mantenerlo", "mantenlo", "manténlo"},
	}
	for _, tt := range tests {
		verb, clitics := splitClitics(tt.infinitive)
		imp, ok := tuImperatives[verb]
		if !ok {
			t.Errorf("%q: no imperative for %q", tt.infinitive, verb)
			continue
		}
		if got := joinClitics(imp, clitics); got != tt.want {
			t.Errorf("%q = %q, want %q", tt.infinitive, got, tt.want)
		}
		want := tt.forModes
		if want == "" {
			want = tt.want
		}
		if got := joinCliticsForModes(imp, clitics); got != want {
			t.Errorf("%q for a second mode = %q, want %q", tt.infinitive, got, want)
		}
	}
}

func TestSpanishPleaseImperative(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"with a pronoun", "por favor enviarme el enlace", "por favor, envíame el enlace"},
		{"capital", "Por favor revisar mi PR.", "Por favor, revisa mi PR."},
		{"comma already", "Por favor, abrir el hilo.", "Por favor, abre el hilo."},
		{"after a clause", "gracias, por favor comprobarlo", "gracias, por favor, compruébalo"},
		{"an unknown verb stays", "por favor retomar el servidor", "por favor retomar el servidor"},
		{"not an infinitive", "por favor avísame", "por favor avísame"},
		{"inside a clause", "gracias por favor revisar", "gracias por favor revisar"},
		{"code", "por favor `revisar`", "por favor `revisar`"},
		// An infinitive with a pronoun that opens a clause is a command.
		{"opens the text", "llamarme cuando llegas", "llámame cuando llegas"},
		{"opens a clause", "cuando acabas, enviarme el informe", "cuando acabas, envíame el informe"},
		{"opens the text, capital", "Enviarlo ahora.", "Envíalo ahora."},
		{"bare infinitive stays", "Cerrar la puerta", "Cerrar la puerta"},
		{"inside a clause stays", "para enviarlo ahora", "para enviarlo ahora"},
		{"capitals stay", "ENVIARLO", "ENVIARLO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			if got := spanishPleaseImperative(tt.in, prose(scanMessage(tt.in, entity.Protected(toks), ""))); got != tt.want {
				t.Errorf("spanishPleaseImperative(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestPleaseImperativeThroughApertium: eng-spa writes the infinitive
// after "please".
func TestPleaseImperativeThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	plain := newEngine(t, Config{NoChatFixes: true})
	tests := []struct{ text, want string }{
		{"Please send me the link", "Por favor, envíame el enlace"},
		{"Please open the thread.", "Por favor, abre el hilo."},
		{"Please check it", "Por favor, compruébalo"},
	}
	for _, tt := range tests {
		req := scannedRequest(tt.text, "en", "es", "")
		got, err := e.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != tt.want {
			t.Errorf("en>es %q = %q, want %q", tt.text, got.Text, tt.want)
		}
		before, err := plain.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if before.Text == tt.want {
			t.Errorf("en>es %q without the fixes = %q: is the fix still needed?", tt.text, before.Text)
		}
	}
}

func TestFrenchCommand(t *testing.T) {
	for _, tt := range []struct{ source, in, want string }{
		{"close the ticket", "il ferme l'entrée", "ferme l'entrée"},
		{"Check your email", "Il vérifie ton email", "Vérifie ton email"},
		{"he closes the ticket", "il ferme l'entrée", "il ferme l'entrée"},
		{"check it", "il le vérifie", "il le vérifie"},
		{"open the file", "Ouvre le fichier", "Ouvre le fichier"},
	} {
		if got := frenchCommand(tt.source, tt.in); got != tt.want {
			t.Errorf("frenchCommand(%q, %q) = %q, want %q", tt.source, tt.in, got, tt.want)
		}
	}
}

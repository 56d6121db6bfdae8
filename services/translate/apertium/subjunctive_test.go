package apertium

import (
	"strings"
	"testing"
)

func TestSubjunctiveEdits(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"after a command", "Por favor, revisa mi PR cuando tienes tiempo.", "Por favor, revisa mi PR cuando tengas tiempo."},
		{"command with a pronoun", "avísame cuando llegas", "avísame cuando llegues"},
		{"command after", "cuando acabas, envíame el informe", "cuando acabes, envíame el informe"},
		{"infinitive the command is", "llamarme cuando llegas", "llamarme cuando llegues"},
		{"request with poder", "¿lo puedes comprobar cuando tienes un minuto?", "¿lo puedes comprobar cuando tengas un minuto?"},
		{"future", "Lo enviaré cuando está listo", "Lo enviaré cuando esté listo"},
		{"first person", "te llamaré cuando llego", "te llamaré cuando llegue"},
		{"irregular", "dime cuando puedes", "dime cuando puedas"},
		{"apenas", "envíalo apenas puedes", "envíalo apenas puedas"},
		{"hasta que", "espera hasta que termina", "espera hasta que termine"},
		{"en cuanto", "avísame en cuanto sabes algo", "avísame en cuanto sepas algo"},
		{"pronouns between", "llámame cuando no te va bien", "llámame cuando no te vaya bien"},
		{"a noun between", "avísame cuando el build termina", "avísame cuando el build termine"},
		{"stem change", "avísame cuando lo compruebas", "avísame cuando lo compruebes"},
		{"spelling", "avísame cuando lo buscas", "avísame cuando lo busques"},
		{"antes de que, always", "antes de que te vas, cierra la puerta", "antes de que te vayas, cierra la puerta"},
		// The indicative stays.
		{"whenever", "Cuando tienes un problema, llamas a soporte.", "Cuando tienes un problema, llamas a soporte."},
		{"past", "avísame, cuando llegó no había nadie", "avísame, cuando llegó no había nadie"},
		{"si", "avísame si necesitas algo", "avísame si necesitas algo"},
		{"question", "¿cuándo tienes tiempo?", "¿cuándo tienes tiempo?"},
		{"another sentence", "Revisa el PR. Cuando tengo tiempo, leo.", "Revisa el PR. Cuando tengo tiempo, leo."},
		{"capital verb", "avísame cuando Llegas", "avísame cuando Llegas"},
		{"code", "avísame cuando `tienes`", "avísame cuando `tienes`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words := proseWordsOf(tt.in)
			if got := applyEdits(tt.in, subjunctiveEdits(tt.in, words, nil)); got != tt.want {
				t.Errorf("subjunctive(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSpanishSubjunctives(t *testing.T) {
	for ind, want := range map[string]string{
		"revisas": "revises", "llega": "llegue", "empiezas": "empieces", "abres": "abras", "sigues": "sigas",
		"eliges": "elijas", "incluye": "incluya", "envías": "envíes", "tienes": "tengas", "estás": "estés",
		"vas": "vayas", "puede": "pueda", "funciona": "funcione", "necesitas": "necesites", "llego": "llegue",
		"terminan": "terminen", "vuelves": "vuelvas",
	} {
		if got := spanishSubjunctives[ind]; got != want {
			t.Errorf("spanishSubjunctives[%q] = %q, want %q", ind, got, want)
		}
	}
	for _, ind := range []string{"mantén", "sé", "tengo tiempo"} {
		if got, ok := spanishSubjunctives[ind]; ok {
			t.Errorf("spanishSubjunctives[%q] = %q, want none", ind, got)
		}
	}
}

// TestCommandsThroughApertium: eng-spa's tagger reads a verb that opens
// a clause with an object pronoun as the present ("Me llamo cuándo
// llegas" for "call me when you arrive"); read as a command, with the
// subjunctive after "when". What is not a command stays.
func TestCommandsThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	tests := []struct{ text, want, not string }{
		{"call me when you arrive", "llámame cuando llegues", "llamo"},
		{"Send me the report when it is ready.", "Envíame el informe cuando esté listo.", "enviarme"},
		{"let me know when it works", "avísame cuando funcione", "funciona"},
		{"Thank you for your help", "Gracias", "agrad"},
		{"see you tomorrow", "hasta mañana", "ver"},
		{"love you", "te", "ámame"},
		{"When you have a problem, you call support.", "Cuando tienes un problema", "tengas"},
		{"I call you when I arrive", "cuando llego", "llegue"},
	}
	for _, tt := range tests {
		got, err := e.Translate(t.Context(), scannedRequest(tt.text, "en", "es", ""))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.Text, tt.want) || strings.Contains(got.Text, tt.not) {
			t.Errorf("%q = %q; want %q in it and not %q", tt.text, got.Text, tt.want, tt.not)
		}
	}
}

package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestInformalYour(t *testing.T) {
	tests := []struct{ name, source, in, lang, want string }{
		{"before a noun", "thank you for your help", "gracias por vuestra ayuda", "es", "gracias por tu ayuda"},
		{"plural", "I like your ideas", "Me gustan vuestras ideas", "es", "Me gustan tus ideas"},
		{"capital", "your files are ready", "Vuestros archivos están listos", "es", "Tus archivos están listos"},
		{"pronoun after an article", "the idea is yours", "La idea es la vuestra", "es", "La idea es la tuya"},
		{"pronoun alone", "it's yours", "Es vuestro", "es", "Es tuyo"},
		{"to a group", "thanks everyone for your help", "gracias a todos por vuestra ayuda", "es", "gracias a todos por vuestra ayuda"},
		{"to the team", "team, check your email", "equipo, comprobad vuestro correo", "es", "equipo, comprobad vuestro correo"},
		{"Catalan", "check your email", "comprova el vostre e-mail", "ca", "comprova el teu e-mail"},
		{"Catalan feminine", "the idea is yours", "la idea és vostra", "ca", "la idea és teva"},
		{"Catalan plural", "I like your ideas", "m'agraden les vostres idees", "ca", "m'agraden les teves idees"},
		{"Catalan masculine plural", "your files", "els vostres fitxers", "ca", "els teus fitxers"},
		{"code stays", "run `vuestro`", "ejecuta `vuestro`", "es", "ejecuta `vuestro`"},
		{"before code", "check your `config.yaml`", "comprobar vuestro `config.yaml`", "es", "comprobar tu `config.yaml`"},
		{"alone before code", "it's yours. `x`", "Es vuestro. `x`", "es", "Es tuyo. `x`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			if got := informalYour(tt.source, tt.in, tt.lang, prose(scanMessage(tt.in, entity.Protected(toks), ""))); got != tt.want {
				t.Errorf("informalYour(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestInformalYourThroughApertium: eng-spa and eng-cat say a group's
// "your"; through Spanish a pivot says one person's too.
func TestInformalYourThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "eng-cat", "es-fr")
	plain := newEngine(t, Config{NoChatFixes: true})
	tests := []struct{ target, text, want string }{
		{"es", "Thank you for your help", "Gracias por tu ayuda"},
		{"ca", "Check your email", "Comprova el teu e-mail"},
		{"fr", "Check your email", "Vérifie ton email"},
		{"es", "Thanks everyone for your help", "vuestra ayuda"},
	}
	for _, tt := range tests {
		req := scannedRequest(tt.text, "en", tt.target, "")
		got, err := e.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if !containsWord(got.Text, tt.want) {
			t.Errorf("en>%s %q = %q, want %q in it", tt.target, tt.text, got.Text, tt.want)
		}
		if tt.want == "vuestra ayuda" {
			continue
		}
		before, err := plain.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if containsWord(before.Text, tt.want) {
			t.Errorf("en>%s %q without the fixes = %q: is the fix still needed?", tt.target, tt.text, before.Text)
		}
	}
}

package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestFrenchElision(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"si il", "Préviens-moi si il fonctionne", "Préviens-moi s'il fonctionne"},
		{"si ils", "je ne sais pas si ils viennent", "je ne sais pas s'ils viennent"},
		{"capital", "Si il vient, préviens-moi", "S'il vient, préviens-moi"},
		{"two spaces", "Si  il est bon", "S'il est bon"},
		{"elle stays", "si elle vient", "si elle vient"},
		{"inside a word", "ainsi il vient, aussi ils", "ainsi il vient, aussi ils"},
		{"a longer word", "si ilot", "si ilot"},
		{"code", "lance `si il` maintenant", "lance `si il` maintenant"},
		{"de un", "j'ai besoin de un peu de temps", "j'ai besoin d'un peu de temps"},
		{"de elle", "on parle De elle", "on parle D'elle"},
		{"que on", "je crois que on peut", "je crois qu'on peut"},
		{"que il, capitals", "QUE IL VIENNE", "QU'IL VIENNE"},
		{"si un stays", "si un jour", "si un jour"},
		{"de il stays", "de il", "de il"},
		{"a longer article", "de unité", "de unité"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			got := tt.in
			if mayElide(tt.in) {
				got = frenchElision(tt.in, prose(scanMessage(tt.in, entity.Protected(toks), "")))
			}
			if got != tt.want {
				t.Errorf("frenchElision(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFrenchElisionThroughApertium: es-fr writes "si il", and English
// reaches French through it.
func TestFrenchElisionThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "es-fr", "eng-spa")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ source, text, want string }{
		{"es", "Si funciona, avísame.", "S'il fonctionne"},
		{"en", "If it works, tell me.", "S'il"},
	} {
		checkFixThroughApertium(t, e, plain, tt.source, "fr", tt.text, tt.want)
	}
}

func TestCatalanPlease(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"opens the request", "Per favor comprova el teu e-mail.", "Si us plau, comprova el teu e-mail."},
		{"lower case", "per favor envia'm el fitxer", "si us plau, envia'm el fitxer"},
		{"comma already", "Per favor, obre la porta", "Si us plau, obre la porta"},
		{"at the end", "Pot ajudar-me, per favor?", "Pot ajudar-me, si us plau?"},
		{"after a clause", "Gràcies, per favor avisa'm!", "Gràcies, si us plau, avisa'm!"},
		{"capitals", "PER FAVOR ATURA", "SI US PLAU, ATURA"},
		{"ends the text", "envia'm el fitxer per favor", "envia'm el fitxer si us plau"},
		{"inside a clause stays", "ho faig per favor teu", "ho faig per favor teu"},
		{"mixed case stays", "per Favor", "per Favor"},
		{"code", "`per favor` ara", "`per favor` ara"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words := proseWordsOf(tt.in)
			if got := applyEdits(tt.in, catalanPleaseEdits(tt.in, words)); got != tt.want {
				t.Errorf("catalanPlease(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPortugueseSpelling(t *testing.T) {
	tests := []struct{ in, want string }{
		{"actualiza a documentação", "atualiza a documentação"},
		{"Envio a factura hoje", "Envio a fatura hoje"},
		{"a acção e o projecto", "a ação e o projeto"},
		{"ACTUALIZAÇÃO", "ATUALIZAÇÃO"},
		{"o directório actual", "o diretório atual"},
		{"a secção e o facto", "a secção e o facto"},
		{"actualiza `actualiza`", "atualiza `actualiza`"},
	}
	for _, tt := range tests {
		if got := portugueseSpelling(tt.in, prose(scan(tt.in, ""))); got != tt.want {
			t.Errorf("portugueseSpelling(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

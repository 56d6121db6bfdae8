package apertium

import "testing"

func TestWantSubjunctiveEdits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"¿quieres que cocino?", "¿quieres que cocine?"},
		{"¿Quieres que te llamo?", "¿Quieres que te llame?"},
		{"quiero que vienes", "quiero que vengas"},
		{"creo que cocino bien", "creo que cocino bien"},
		{"quiero que me lo traes mañana", "quiero que me lo traigas mañana"},
	}
	for _, tt := range tests {
		if got := applyEdits(tt.in, wantSubjunctiveEdits(proseWordsOf(tt.in))); got != tt.want {
			t.Errorf("wantSubjunctiveEdits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoodRewrites(t *testing.T) {
	tests := []struct {
		name, source, in, want string
		rewrite                func(source, output string, ranges [][2]int) string
	}{
		{"smells good", "", "huele muy bueno", "huele muy bien", func(_, o string, r [][2]int) string { return spanishSmells(o, r) }},
		{"smells bad, capital", "", "Huele Mala", "Huele Mal", func(_, o string, r [][2]int) string { return spanishSmells(o, r) }},
		{"a good smell stays", "", "el olor es bueno", "el olor es bueno", func(_, o string, r [][2]int) string { return spanishSmells(o, r) }},
		{"French smell", "", "huele très bien", "ça sent très bon", func(_, o string, r [][2]int) string { return frenchSmells(o, r) }},
		{"French smell, bad, capital", "", "Huelen mal", "Ça sentent mauvais", func(_, o string, r [][2]int) string { return frenchSmells(o, r) }},
		{"made a cake", "he hecho una tarta", "I've done a cake", "I've made a cake", englishFood},
		{"make lunch", "queres que faça o almoço?", "do you want that it do the lunch?", "do you want me to make lunch?", englishFood},
		{"homework stays", "he hecho los deberes", "I've done the homework", "I've done the homework", englishFood},
		{"on the table", "o jantar está na mesa", "the dinner is in the table", "the dinner is on the table", englishFood},
		{"a data table stays", "está en la tabla", "it is in the table", "it is in the table", englishFood},
		{"EL agua", "", "EL agua hierve", "El agua hierve", func(_, o string, r [][2]int) string { return spanishEl(o, r) }},
		{"EL agua, inside", "", "compra EL agua", "compra el agua", func(_, o string, r [][2]int) string { return spanishEl(o, r) }},
		{"all capitals stay", "", "EL AGUA", "EL AGUA", func(_, o string, r [][2]int) string { return spanishEl(o, r) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rewrite(tt.source, tt.in, [][2]int{{0, len(tt.in)}}); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFrenchFallAsleep(t *testing.T) {
	for in, want := range map[string]string{
		"je me suis resté dormi":       "je me suis endormi",
		"elle s'est restée dormie":     "elle s'est endormie",
		"nous sommes restés dormis là": "nous sommes endormis là",
		"je suis resté à la maison":    "je suis resté à la maison",
	} {
		if got := frenchFallAsleep(in, [][2]int{{0, len(in)}}); got != want {
			t.Errorf("frenchFallAsleep(%q) = %q, want %q", in, got, want)
		}
	}
}

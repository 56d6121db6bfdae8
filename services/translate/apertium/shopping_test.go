package apertium

import "testing"

func TestReturnEdits(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a thing returned", "Regresé los zapatos", "Devolví los zapatos"},
		{"a possessive", "¿regresaste mi libro?", "¿devolviste mi libro?"},
		{"a clitic before", "lo regresaré mañana", "lo devolveré mañana"},
		{"an enclitic", "tengo que regresarlos", "tengo que devolverlos"},
		{"home stays", "Regresé a casa tarde", "Regresé a casa tarde"},
		{"a day stays", "regresó el lunes", "regresó el lunes"},
		{"next week stays", "regresamos la semana próxima", "regresamos la semana próxima"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := applyEdits(tt.in, returnEdits(proseWordsOf(tt.in))); got != tt.want {
				t.Errorf("returnEdits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

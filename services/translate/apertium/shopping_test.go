package apertium

import "testing"

// TestSpanishWordEdits covers the word edits of shopping.go, cooking.go
// and pets.go on Spanish prose.
func TestSpanishWordEdits(t *testing.T) {
	tests := []struct {
		name, in, want string
		edits          func([]word) []edit
	}{
		{"a thing returned", "Regresé los zapatos", "Devolví los zapatos", returnEdits},
		{"a possessive", "¿regresaste mi libro?", "¿devolviste mi libro?", returnEdits},
		{"a clitic before", "lo regresaré mañana", "lo devolveré mañana", returnEdits},
		{"an enclitic", "tengo que regresarlos", "tengo que devolverlos", returnEdits},
		{"home stays", "Regresé a casa tarde", "Regresé a casa tarde", returnEdits},
		{"a day stays", "regresó el lunes", "regresó el lunes", returnEdits},
		{"next week stays", "regresamos la semana próxima", "regresamos la semana próxima", returnEdits},
		{"want me to cook", "¿quieres que cocino?", "¿quieres que cocine?", wantSubjunctiveEdits},
		{"want me to call, capital", "¿Quieres que te llamo?", "¿Quieres que te llame?", wantSubjunctiveEdits},
		{"want you to come", "quiero que vienes", "quiero que vengas", wantSubjunctiveEdits},
		{"believe that stays", "creo que cocino bien", "creo que cocino bien", wantSubjunctiveEdits},
		{"clitics between", "quiero que me lo traes mañana", "quiero que me lo traigas mañana", wantSubjunctiveEdits},
		{"afraid", "Mi perro es temeroso de los petardos", "Mi perro tiene miedo de los petardos", afraidEdits},
		{"afraid, was", "estaba temerosa", "tenía miedo", afraidEdits},
		{"feed the cat", "¿puedes alimentar el gato?", "¿puedes dar de comer al gato?", feedEdits},
		{"fed my dog, capital", "Alimenté mi perro", "Di de comer a mi perro", feedEdits},
		{"feed a server stays", "alimenta el servidor", "alimenta el servidor", feedEdits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := applyEdits(tt.in, tt.edits(proseWordsOf(tt.in))); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

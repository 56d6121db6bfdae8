package apertium

import "testing"

func TestEnglishFood(t *testing.T) {
	tests := []struct{ name, source, in, want string }{
		{"made a cake", "he hecho una tarta", "I've done a cake", "I've made a cake"},
		{"make lunch", "queres que faça o almoço?", "do you want that it do the lunch?", "do you want me to make lunch?"},
		{"homework stays", "he hecho los deberes", "I've done the homework", "I've done the homework"},
		{"on the table", "o jantar está na mesa", "the dinner is in the table", "the dinner is on the table"},
		{"a data table stays", "está en la tabla", "it is in the table", "it is in the table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := englishFood(tt.source, tt.in, [][2]int{{0, len(tt.in)}})
			if got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
			if !mayHaveFood(tt.in) && got != tt.in {
				t.Errorf("mayHaveFood(%q) = false", tt.in)
			}
		})
	}
}

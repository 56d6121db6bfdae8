package apertium

import "testing"

func TestWeOnlyDid(t *testing.T) {
	tests := []struct {
		source string
		want   bool
	}{
		{"we had dinner with the captain", true},
		{"yesterday we also visited the castle", true},
		{"We tasted five wines and we bought two", true},
		{"we need to buy bread", false},
		{"we bought bread but we need more", false},
		{"we're visiting the castle", false},
		{"they visited the castle", false},
		{"we", false},
	}
	for _, tt := range tests {
		if got := weOnlyDid(tt.source); got != tt.want {
			t.Errorf("weOnlyDid(%q) = %v, want %v", tt.source, got, tt.want)
		}
	}
}

func TestSharedPast(t *testing.T) {
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"cenamos", "cenado", true},
		{"visitamos", "visitado", true},
		{"escribimos", "escrito", true},
		{"salimos", "salido", true},
		{"vamos", "", false},
		{"estamos", "", false},
		{"comimos", "", false}, // "comemos" is the present: es-fr reads it
		{"hicimos", "", false},
	}
	for _, tt := range tests {
		got, ok := sharedPast(tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sharedPast(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

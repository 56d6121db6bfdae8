package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestPaperworkRewrites(t *testing.T) {
	tests := []struct {
		name, in, want string
		rewrite        func(string, [][2]int) string
	}{
		{"where do I have to", "where is it necessary to sign?", "where do I have to sign?", englishPaperwork},
		{"you have to", "it is necessary to fill this form", "you have to fill this form", englishPaperwork},
		{"you have to, capital", "It's necessary to wait", "You have to wait", englishPaperwork},
		{"by accident", "he has erased the application without wanting", "he has erased the application by accident", englishPaperwork},
		{"take a screenshot", "how does it do a screenshot?", "how do you take a screenshot?", englishPaperwork},
		{"took a screenshot", "I did a screenshot", "I took a screenshot", englishPaperwork},
		{"an appointment at the bank", "I have appointment in the bank at ten", "I have an appointment at the bank at ten", englishPaperwork},
		{"ID card", "I lost the card of citizen", "I lost my ID card", englishPaperwork},
		{"screenshot of screen", "send me a screenshot of the screen", "send me a screenshot", englishScreenshots},
		{"la contraseña del wifi", "no encuentra el wifi contraseña", "no encuentra la contraseña del wifi", spanishPaperwork},
		{"tu contraseña del wifi", "¿Tu wifi contraseña?", "¿Tu contraseña del wifi?", spanishPaperwork},
		{"ayuntamiento", "tengo cita en el ayto.", "tengo cita en el ayuntamiento", spanishPaperwork},
		{"appuie", "appuye sur le bouton vert", "appuie sur le bouton vert", frenchIBeforeE},
		{"nettoient", "ils nettoyent la cuisine", "ils nettoient la cuisine", frenchIBeforeE},
		{"nous appuyons stays", "nous appuyons", "nous appuyons", frenchIBeforeE},
		{"ficou sem", "o telemóvel ficou-se sem memória", "o telemóvel ficou sem memória", portugueseRunOut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ranges := prose(scanMessage(tt.in, entity.Protected(scan(tt.in, "")), ""))
			if got := tt.rewrite(tt.in, ranges); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

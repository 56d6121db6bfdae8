package apertium

import "testing"

// TestParcelRewrites: what the modes (or the senses before) write, as
// French, Portuguese and English write it; the rest of a line unchanged.
func TestParcelRewrites(t *testing.T) {
	tests := []struct {
		source, target, text, output, want string
	}{
		{"en", "fr", "my sister's heart", "le coeur de ma soeur", "le cœur de ma sœur"},
		{"en", "fr", "Two eggs", "Deux oeufs", "Deux œufs"},
		{"en", "fr", "Eggs!", "Oeufs !", "Œufs !"},
		{"en", "fr", "I didn't sleep well", "je n'ai pas dormi bien", "je n'ai pas bien dormi"},
		{"en", "fr", "I slept badly", "j'ai dormi mal", "j'ai mal dormi"},
		{"en", "fr", "it's good", "c'est bien", "c'est bien"},
		{"en", "fr", "how much does it cost to send it?", "combien il coûte l'envoyer ?", "combien ça coûte de l'envoyer ?"},
		{"en", "fr", "how much does it cost?", "combien il coûte ?", "combien ça coûte ?"},
		{"en", "pt", "near the beach", "perto a praia", "perto da praia"},
		{"en", "pt", "Near the river", "Perto o rio", "Perto do rio"},
		{"en", "pt", "very close", "muito perto", "muito perto"},
		{"en", "pt", "I woke up at five", "acordei-me às cinco", "acordei às cinco"},
		{"en", "pt", "we woke up late", "acordamos-nos tarde", "acordamos tarde"},
		{"es", "en", "¿puedes recogerlo?", "can you pick up it?", "can you pick it up?"},
		{"es", "en", "recógelos", "picked up them", "picked them up"},
		{"es", "en", "recógelo", "pick up the box", "pick up the box"},
		{"es", "en", "no había nadie", "there was not anybody", "there was nobody"},
		{"es", "en", "No hay nadie", "There is not anybody", "There is nobody"},
	}
	for _, tt := range tests {
		req := scannedRequest(tt.text, tt.source, tt.target, "")
		if got := writeForChat(req, tt.output); got != tt.want {
			t.Errorf("%s→%s %q: writeForChat(%q) = %q, want %q", tt.source, tt.target, tt.text, tt.output, got, tt.want)
		}
	}
}

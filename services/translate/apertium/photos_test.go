package apertium

import "testing"

// TestEuropeanPossessivesByRegion: the article before a possessive is
// European Portuguese's; Brazil writes none.
func TestEuropeanPossessivesByRegion(t *testing.T) {
	for _, tt := range []struct{ target, want string }{
		{"pt", "a minha mãe vive com os meus avós"},
		{"pt-BR", "minha mãe vive com meus avós"},
	} {
		req := scannedRequest("mi madre vive con mis abuelos", "es", tt.target, "")
		if got := writeForChat(req, "minha mãe vive com meus avós"); got != tt.want {
			t.Errorf("into %s: %q, want %q", tt.target, got, tt.want)
		}
	}
}

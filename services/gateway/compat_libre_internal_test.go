package gateway

import (
	"slices"
	"testing"
)

// TestLibreCode: tags come back in LibreTranslate's codes, which
// libreLanguage reads back: pb and zt for the variants it names, the base
// language for the regions and scripts it does not (no en-US, no pt-PT).
func TestLibreCode(t *testing.T) {
	tests := []struct {
		tag, code string
		variants  []string
	}{
		{"en", "en", []string{"en"}},
		{"en-US", "en", []string{"en"}},
		{"pt", "pt", []string{"pt", "pb"}},
		{"pt-BR", "pb", []string{"pb"}},
		{"pt-PT", "pt", []string{"pt"}},
		{"zh", "zh", []string{"zh", "zt"}},
		{"zh-Hans", "zh", []string{"zh"}},
		{"zh-Hant", "zt", []string{"zt"}},
		{"zh-TW", "zt", []string{"zt"}},
		{"sr-Latn", "sr", []string{"sr"}},
		{"es-419", "es", []string{"es"}},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			if got := libreCode(tt.tag); got != tt.code {
				t.Errorf("libreCode(%s) = %s, want %s", tt.tag, got, tt.code)
			}
			if got := libreVariants(tt.tag); !slices.Equal(got, tt.variants) {
				t.Errorf("libreVariants(%s) = %v, want %v", tt.tag, got, tt.variants)
			}
			// What /languages lists, /translate reads as the same language.
			if back := libreLanguage(tt.code); libreCode(back) != tt.code {
				t.Errorf("libreLanguage(%s) = %s, which lists as %s", tt.code, back, libreCode(back))
			}
		})
	}
}

package langname

import (
	"testing"

	"golang.org/x/text/language"
)

func TestName(t *testing.T) {
	for _, tc := range []struct{ in, tag, want string }{
		{"en", "es", "Spanish"},
		{"en", "pt-BR", "Brazilian Portuguese"},
		{"en", "sr-Latn", "Serbian (Latin)"},
		{"en", "sr-Cyrl", "Serbian (Cyrillic)"},
		{"en", "az-Arab", "Azerbaijani (Arabic)"},
		{"en", "zh-Hant", "Traditional Chinese"},
		{"es", "sr-Latn", "serbio (latino)"},
		{"de", "sr-Latn", "Serbisch (Lateinisch)"},
		{"en", "zh-TW", "Chinese (Taiwan)"},
	} {
		t.Run(tc.in+"/"+tc.tag, func(t *testing.T) {
			if got := Name(language.MustParse(tc.in), language.MustParse(tc.tag)); got != tc.want {
				t.Fatalf("Name(%s, %s) = %q, want %q", tc.in, tc.tag, got, tc.want)
			}
		})
	}
}

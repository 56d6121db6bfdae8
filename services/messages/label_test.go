package messages_test

import (
	"testing"

	"github.com/parley-chat/parley/services/messages"
)

func TestLabels(t *testing.T) {
	tests := []struct {
		reader, status, source, want string
	}{
		{"en", "translated", "es", "Translated from Spanish"},
		{"en-GB", "translated", "fr", "Translated from French"},
		{"es", "translated", "en", "Traducido de inglés"},
		{"es-419", "translated", "de", "Traducido de alemán"},
		{"de", "translated", "es", "Übersetzt aus: Spanisch"},
		{"fr", "translated", "en", "Traduit (original : anglais)"},
		{"pt-BR", "translated", "en", "Traduzido de inglês"},
		{"ja", "translated", "en", "英語から翻訳"},
		{"zh-Hans", "translated", "en", "译自英语"},
		{"he", "translated", "en", "תורגם מאנגלית"},
		{"ar", "translated", "en", "مترجم من الإنجليزية"},
		{"ko", "translated", "ja", "일본어에서 번역됨"},
		{"en", "original", "es", "Original (Spanish)"},
		{"en", "original", "und", "Original"},
		{"es", "deleted", "", "Mensaje eliminado"},
		{"ru", "hidden", "", "Скрыто правилами контента"},
		{"sw", "translated", "es", "Translated from Spanish"}, // no Swahili UI: English
	}
	for _, tt := range tests {
		t.Run(tt.reader+"/"+tt.status, func(t *testing.T) {
			if got := messages.Label(tt.reader, tt.status, tt.source); got != tt.want {
				t.Errorf("Label(%q, %q, %q) = %q, want %q", tt.reader, tt.status, tt.source, got, tt.want)
			}
		})
	}
	if n := len(messages.UILocales()); n < 10 {
		t.Errorf("%d UI locales, want at least 10", n)
	}
}

func TestDirection(t *testing.T) {
	for lang, want := range map[string]string{
		"ar": "rtl", "he": "rtl", "fa": "rtl", "ur": "rtl", "yi": "rtl", "ps": "rtl",
		"en": "ltr", "es-419": "ltr", "zh-Hant": "ltr", "az-Arab": "rtl", "bogus!": "ltr",
	} {
		if got := messages.Direction(lang); got != want {
			t.Errorf("Direction(%q) = %q, want %q", lang, got, want)
		}
	}
}

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
		{"zh", "original", "en", "原文（英语）"},
		{"zh-CN", "deleted", "", "消息已删除"},
		// Traditional readers get Traditional script, names included.
		{"zh-Hant", "translated", "en", "譯自英文"},
		{"zh-TW", "original", "en", "原文（英文）"},
		{"zh-HK", "translated", "ja", "譯自日文"},
		{"zh-TW", "deleted", "", "訊息已刪除"},
		{"zh-Hant", "hidden", "", "因內容政策而隱藏"},
		{"he", "translated", "en", "תורגם מאנגלית"},
		{"ar", "translated", "en", "مترجم من الإنجليزية"},
		{"ko", "translated", "ja", "일본어에서 번역됨"},
		{"en", "original", "es", "Original (Spanish)"},
		{"en", "original", "und", "Original"},
		{"es", "deleted", "", "Mensaje eliminado"},
		{"ru", "hidden", "", "Скрыто правилами контента"},
		{"sw", "translated", "es", "Translated from Spanish"}, // no Swahili UI: English
		// No UI in the reader's language is English, not a neighbour's.
		{"az", "translated", "es", "Translated from Spanish"},
		{"kk", "translated", "es", "Translated from Spanish"},
		{"gl", "translated", "en", "Translated from English"},
		{"mr", "translated", "en", "Translated from English"},
		{"es-MX", "translated", "en", "Traducido de inglés"},
		{"pt-PT", "translated", "en", "Traduzido de inglês"},
		{"iw", "translated", "en", "תורגם מאנגלית"},
		// A tag with a script is named for its language and script, not
		// CLDR's "Serbo-Croatian"; one CLDR has no name for too.
		{"en", "original", "sr-Latn", "Original (Serbian (Latin))"},
		{"es", "translated", "sr-Latn", "Traducido de serbio (latino)"},
		{"en", "translated", "az-Arab", "Translated from Azerbaijani (Arabic)"},
		{"en", "translated", "zh-Hant", "Translated from Traditional Chinese"},
		// Every reader locale the gateway serves has labels of its own.
		{"ca", "translated", "en", "Traduït de: anglès"},
		{"id", "translated", "en", "Diterjemahkan dari: Inggris"},
		{"pl", "translated", "en", "Przetłumaczono z języka: angielski"},
		{"th", "translated", "en", "แปลจากภาษาอังกฤษ"},
		{"uk", "translated", "en", "Переклад, мова оригіналу: англійська"},
		{"vi", "translated", "en", "Dịch từ Tiếng Anh"},
		{"uk", "deleted", "", "Повідомлення видалено"},
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

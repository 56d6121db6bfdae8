package gateway

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

func tags(t *testing.T, ss ...string) []language.Tag {
	t.Helper()
	out := make([]language.Tag, len(ss))
	for i, s := range ss {
		out[i] = language.MustParse(s)
	}
	return out
}

func TestNegotiateLocale(t *testing.T) {
	all := supportedLocales(map[string]bool{"en": true, "es": true, "pt": true, "zh": true, "sr": true, "de": true})
	tests := []struct {
		name           string
		supported      []language.Tag
		locale, accept string
		want           string
		wantConf       language.Confidence
		wantCode       api.Code
	}{
		{"exact regional", all, "pt-PT", "", "pt-PT", language.Exact, ""},
		{"pt-PT falls back to pt", tags(t, "en", "pt", "pt-BR"), "pt-PT", "", "pt", language.High, ""},
		{"pt-PT falls back to pt-BR last", tags(t, "en", "pt-BR"), "pt-PT", "", "pt-BR", language.High, ""},
		{"zh-TW is Traditional", all, "zh-TW", "", "zh-Hant", language.Exact, ""},
		{"zh-CN is Simplified", all, "zh-CN", "", "zh-Hans", language.Exact, ""},
		{"sr-Latn kept", all, "sr-Latn", "", "sr-Latn", language.Exact, ""},
		{"es-MX is es-419", all, "es-MX", "", "es-419", language.High, ""},
		{"es-ES is es", all, "es-ES", "", "es", language.Exact, ""},
		{"locale wins over header", all, "de", "es-MX,es;q=0.9", "de", language.Exact, ""},
		{"accept-language order", all, "", "ja, de-AT;q=0.8, en;q=0.5", "de", language.High, ""},
		{"no match", tags(t, "en", "es"), "ja", "", "", language.No, api.CodeUnsupportedLanguage},
		{"malformed locale", all, "!!", "", "", language.No, api.CodeInvalidLanguage},
		{"nothing asked", all, "", "", "", language.No, api.CodeInvalidLanguage},
		{"a malformed entry is skipped", all, "", "zz-!!, es;q=0.5", "es", language.Exact, ""},
		{"a non-BCP 47 entry is skipped", all, "", "es-ES_tradnl, de;q=0.5", "de", language.Exact, ""},
		{"wildcard is no preference", all, "", "*, pt-PT;q=0.4", "pt-PT", language.Exact, ""},
		{"only a wildcard names no target", all, "", "*", "", language.No, api.CodeInvalidLanguage},
		{"only refused languages name no target", all, "", "es;q=0", "", language.No, api.CodeInvalidLanguage},
		{"nothing parses", all, "", "!!, ??", "", language.No, api.CodeInvalidLanguage},
		// x/text's Matcher offers neighbouring languages with High
		// confidence; a reader gets their own language or a 422.
		{"Klingon is not English", all, "tlh", "", "", language.No, api.CodeUnsupportedLanguage},
		{"Swahili is not English", all, "sw", "", "", language.No, api.CodeUnsupportedLanguage},
		{"Esperanto is not English", all, "eo", "", "", language.No, api.CodeUnsupportedLanguage},
		{"Irish is not English", all, "ga", "", "", language.No, api.CodeUnsupportedLanguage},
		{"Zulu is not English", all, "zu", "", "", language.No, api.CodeUnsupportedLanguage},
		{"Malay is not Indonesian", tags(t, "en", "id"), "ms", "", "", language.No, api.CodeUnsupportedLanguage},
		{"Galician is not Spanish", all, "", "gl", "", language.No, api.CodeUnsupportedLanguage},
		{"Persian", all, "fa", "", "", language.No, api.CodeUnsupportedLanguage},
		{"private use", all, "qaa", "", "", language.No, api.CodeUnsupportedLanguage},
		{"an unsupported first entry falls to the next", all, "", "sw, de;q=0.5", "de", language.Exact, ""},
		{"a neighbour asked for is served", tags(t, "en", "id"), "", "ms, id;q=0.8", "id", language.Exact, ""},
		{"only neighbours", all, "", "sw, eo;q=0.5", "", language.No, api.CodeUnsupportedLanguage},
		{"same language under another code", all, "cmn", "", "zh-Hans", language.Exact, ""},
		{"Norwegian is Bokmål", tags(t, "en", "nb"), "no", "", "nb", language.Exact, ""},
		{"de-CH is de", all, "de-CH", "", "de", language.High, ""},
		{"zh-HK is Traditional", all, "zh-HK", "", "zh-Hant", language.High, ""},
		// Well-formed but unknown is unsupported (422), not malformed (400).
		{"unknown locale", all, "xx", "", "", language.No, api.CodeUnsupportedLanguage},
		{"unknown locale with region", all, "xx-YY", "", "", language.No, api.CodeUnsupportedLanguage},
		{"unknown header", all, "", "xx", "", language.No, api.CodeUnsupportedLanguage},
		{"unknown header entry skipped", all, "", "xx, es;q=0.5", "es", language.Exact, ""},
		{"malformed and unknown header", all, "", "!!, xx;q=0.5", "", language.No, api.CodeUnsupportedLanguage},
		// A known language with an unregistered variant or region is no
		// valid BCP 47 tag: malformed (400), whether locale or header.
		{"invalid variant locale", all, "es-ES_tradnl", "", "", language.No, api.CodeInvalidLanguage},
		{"invalid region locale", all, "en-YY", "", "", language.No, api.CodeInvalidLanguage},
		{"invalid variant header", all, "", "es-ES_tradnl", "", language.No, api.CodeInvalidLanguage},
		// A weight that is no RFC 9110 q-value makes its entry unreadable:
		// skipped, and the header fails only with nothing else readable.
		{"q above 1", all, "", "ja;q=1.5", "", language.No, api.CodeInvalidLanguage},
		{"q above 1 skipped", all, "", "ja;q=1.5, de;q=0.5", "de", language.Exact, ""},
		{"q not a number", all, "", "de;q=abc", "", language.No, api.CodeInvalidLanguage},
		{"q not a number skipped", all, "", "de;q=abc, es", "es", language.Exact, ""},
		{"q with four decimals skipped", all, "", "de;q=0.1234, es;q=0.1", "es", language.Exact, ""},
		{"upper-case Q", all, "", "es;q=0.5, de;Q=0.9", "de", language.Exact, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := negotiateLocale(tt.supported, nil, tt.locale, tt.accept)
			if tt.wantCode != "" {
				if api.AsError(err).Code != tt.wantCode {
					t.Fatalf("err = %v, want code %s", err, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Tag.String() != tt.want || m.Confidence != tt.wantConf {
				t.Fatalf("got %s (%s), want %s (%s)", m.Tag, m.Confidence, tt.want, tt.wantConf)
			}
		})
	}
}

func BenchmarkNegotiateLocale(b *testing.B) {
	targets := map[string]bool{"de": true, "en": true, "es": true, "fr": true, "pt": true, "sr": true, "zh": true}
	var lc localeCache
	for b.Loop() {
		supported, m := lc.get(targets)
		if _, err := negotiateLocale(supported, m, "", "zh-TW,zh;q=0.9,en-US;q=0.8"); err != nil {
			b.Fatal(err)
		}
	}
}

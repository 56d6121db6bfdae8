package gateway_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestTranslateNegotiatesLocale(t *testing.T) {
	u := compatGateway(t, "")
	tests := []struct {
		name, query, body, accept string
		lang, match, text         string
	}{
		{"locale field", "", `{"text":"hello","source":"en","locale":"pt-PT"}`, "", "pt-PT", `exact; requested="pt-PT"`, "olá (PT)"},
		{"locale query", "?locale=zh-TW", `{"text":"hello","source":"en"}`, "", "zh-Hant", `exact; requested="zh-TW"`, "哈囉"},
		{"accept-language", "", `{"text":"hello","source":"en"}`, "es-MX,es;q=0.8", "es-419", `high; requested="es-MX"`, "hola (LatAm)"},
		{"sr-Latn", "", `{"text":"hello","source":"en"}`, "sr-Latn-RS", "sr-Latn", `exact; requested="sr-Latn-RS"`, "zdravo"},
		{"explicit target wins", "?locale=de", `{"text":"hello","source":"en","target":"es"}`, "", "", "", "hola"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.accept != "" {
				h.Set("Accept-Language", tt.accept)
			}
			r := send(t, "POST", u+"/v1/translate"+tt.query, jsonType, tt.body, h)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var v api.View
			r.decode(t, &v)
			if v.Text != tt.text || r.header.Get("Content-Language") != tt.lang || r.header.Get("Parley-Locale-Match") != tt.match {
				t.Fatalf("text %q, Content-Language %q, match %q: %s", v.Text, r.header.Get("Content-Language"), r.header.Get("Parley-Locale-Match"), r.body)
			}
		})
	}
	t.Run("any language is no language", func(t *testing.T) {
		r := send(t, "POST", u+"/v1/translate", jsonType, `{"text":"hello"}`, http.Header{"Accept-Language": {"*"}})
		var eb api.ErrorBody
		r.decode(t, &eb)
		if r.status != 400 || eb.Error.Code != api.CodeInvalidLanguage || eb.Error.Field != "target" {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
	})
	t.Run("no supported locale", func(t *testing.T) {
		r := send(t, "POST", u+"/v1/translate?locale=ja", jsonType, `{"text":"hello"}`, nil)
		if r.status != 422 || r.apiError(t) != api.CodeUnsupportedLanguage {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
	})
	// A language that is not served is refused, never answered in a
	// neighbouring one (x/text matches Swahili or Klingon to English), and
	// a well-formed but unknown tag is unsupported rather than malformed.
	refused := []struct {
		name, query, accept string
		status              int
		code                api.Code
	}{
		{"Klingon", "?locale=tlh", "", 422, api.CodeUnsupportedLanguage},
		{"Swahili", "?locale=sw", "", 422, api.CodeUnsupportedLanguage},
		{"Swahili header", "", "sw", 422, api.CodeUnsupportedLanguage},
		{"unknown locale", "?locale=xx", "", 422, api.CodeUnsupportedLanguage},
		{"unknown header", "", "xx", 422, api.CodeUnsupportedLanguage},
		{"malformed locale", "?locale=!!", "", 400, api.CodeInvalidLanguage},
		{"malformed header", "", "!!", 400, api.CodeInvalidLanguage},
		{"invalid locale variant", "?locale=es-ES_tradnl", "", 400, api.CodeInvalidLanguage},
		{"invalid header variant", "", "es-ES_tradnl", 400, api.CodeInvalidLanguage},
		{"header weight above 1", "", "ja;q=1.5", 400, api.CodeInvalidLanguage},
		{"header weight not a number", "", "de;q=abc", 400, api.CodeInvalidLanguage},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.accept != "" {
				h.Set("Accept-Language", tt.accept)
			}
			r := send(t, "POST", u+"/v1/translate"+tt.query, jsonType, `{"text":"hello","source":"en"}`, h)
			if r.status != tt.status || r.apiError(t) != tt.code || r.header.Get("Content-Language") != "" {
				t.Fatalf("status %d, Content-Language %q: %s", r.status, r.header.Get("Content-Language"), r.body)
			}
		})
	}
	// An entry the header cannot name a language with is passed over: one
	// of another language, or one that is unreadable (an invalid tag, a
	// weight that is no q-value); the next readable one is served.
	for _, accept := range []string{"sw, es;q=0.5", "ja;q=1.5, es;q=0.5", "de;q=abc, es", "es-ES_tradnl, es;q=0.5"} {
		t.Run("falls to the next entry/"+accept, func(t *testing.T) {
			r := send(t, "POST", u+"/v1/translate", jsonType, `{"text":"hello","source":"en"}`, http.Header{"Accept-Language": {accept}})
			if r.status != 200 || r.header.Get("Content-Language") != "es" {
				t.Fatalf("status %d, Content-Language %q: %s", r.status, r.header.Get("Content-Language"), r.body)
			}
		})
	}
}

// A long Accept-Language is never echoed whole: the 422 quotes at most
// api.MaxQuotedRunes characters of it, and Parley-Locale-Match names the
// entry that matched, not the header.
func TestLocaleNegotiationBoundsEcho(t *testing.T) {
	u := compatGateway(t, "")
	long := strings.Repeat("xx, ", 12_000) // 48 KB of entries of no known language
	r := send(t, "POST", u+"/v1/translate", jsonType, `{"text":"hello","source":"en"}`, http.Header{"Accept-Language": {long}})
	if r.status != 422 || r.apiError(t) != api.CodeUnsupportedLanguage {
		t.Fatalf("status %d: %.200s", r.status, r.body)
	}
	if len(r.body) > 4096 || !strings.Contains(string(r.body), "more characters") {
		t.Fatalf("422 body of %d bytes echoes the header: %.300s", len(r.body), r.body)
	}
	accept := "es-MX, " + strings.Repeat("xx;q=0.5, ", 1_700) // 17 KB
	r = send(t, "POST", u+"/v1/translate", jsonType, `{"text":"hello","source":"en"}`, http.Header{"Accept-Language": {accept}})
	if r.status != 200 {
		t.Fatalf("status %d: %.200s", r.status, r.body)
	}
	if got := r.header.Get("Parley-Locale-Match"); got != `high; requested="es-MX"` {
		t.Fatalf("Parley-Locale-Match %.200q (%d bytes)", got, len(got))
	}
}

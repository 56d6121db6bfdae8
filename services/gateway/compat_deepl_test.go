package gateway_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
)

func deeplHeader(key string) http.Header {
	return http.Header{"Authorization": {"DeepL-Auth-Key " + key}}
}

func TestDeepLTranslate(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	auth := deeplHeader(clientKey)
	tests := []struct {
		name, ctype, body string
		want              string
	}{
		{"form repeated text", formType, form("text", "hello", "text", "good morning", "target_lang", "DE", "source_lang", "EN"),
			`{"translations":[{"detected_source_language":"EN","text":"hallo","billed_characters":5},{"detected_source_language":"EN","text":"guten Morgen","billed_characters":12}]}`},
		{"json detect source", jsonType, `{"text":["hola amigo"],"target_lang":"EN-US"}`,
			`{"translations":[{"detected_source_language":"ES","text":"hello friend","billed_characters":10}]}`},
		{"regional target", jsonType, `{"text":["hello"],"target_lang":"PT-BR","source_lang":"EN"}`,
			`{"translations":[{"detected_source_language":"EN","text":"olá","billed_characters":5}]}`},
		{"script target", formType, form("text", "hello", "target_lang", "ZH-HANT"),
			`{"translations":[{"detected_source_language":"EN","text":"哈囉","billed_characters":5}]}`},
		{"formality accepted", formType, form("text", "hola amigo", "target_lang", "EN-GB", "formality", "prefer_less"),
			`{"translations":[{"detected_source_language":"ES","text":"hello mate","billed_characters":10}]}`},
		// Detection could not place the text: report "und", not a guess
		// (api.Base("und") alone would say EN). It comes back as it was,
		// and so is not billed.
		{"undetermined source", jsonType, `{"text":["🙂"],"target_lang":"ES"}`,
			`{"translations":[{"detected_source_language":"UND","text":"🙂","billed_characters":0}]}`},
		{"given source is reported", jsonType, `{"text":["🙂"],"target_lang":"ES","source_lang":"EN"}`,
			`{"translations":[{"detected_source_language":"EN","text":"🙂","billed_characters":0}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", u+"/v2/translate", tt.ctype, tt.body, auth)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			assertJSON(t, r.body, tt.want)
		})
	}
	t.Run("usage counts billed characters", func(t *testing.T) {
		r := send(t, "GET", u+"/v2/usage", "", "", auth)
		var usage gateway.DeepLUsage
		r.decode(t, &usage)
		if r.status != 200 || usage.CharacterCount != 5+12+10+5+5+10 || usage.CharacterLimit <= usage.CharacterCount {
			t.Fatalf("usage %d: %s", r.status, r.body)
		}
	})
}

func TestDeepLErrors(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	auth := deeplHeader(clientKey)
	tests := []struct {
		name, method, path, ctype, body string
		header                          http.Header
		status                          int
	}{
		{"no key", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "DE"), nil, 403},
		{"wrong key", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "DE"), deeplHeader("wrong-key-0123456789"), 403},
		{"no text", "POST", "/v2/translate", formType, form("target_lang", "DE"), auth, 400},
		{"no target", "POST", "/v2/translate", formType, form("text", "hello"), auth, 400},
		{"bad target", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "!!"), auth, 400},
		{"unsupported target", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "JA"), auth, 400},
		{"bad formality", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "DE", "formality", "rude"), auth, 400},
		{"glossary without source", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "DE", "glossary_id", "g1"), auth, 400},
		{"bad json", "POST", "/v2/translate", jsonType, `{"text":`, auth, 400},
		{"bidi override", "POST", "/v2/translate", formType, form("text", "you are a \u202etoidi gnikcuf\u202c ok", "target_lang", "DE"), auth, 400},
		{"unclosed isolate", "POST", "/v2/translate", jsonType, `{"text":["hello","hi \u2067there"],"target_lang":"DE"}`, auth, 400},
		{"bad language type", "GET", "/v2/languages?type=both", "", "", auth, 400},
		{"language type with a bad escape", "GET", "/v2/languages?type=targ%zzet", "", "", auth, 400},
		{"language type form with a bad escape", "POST", "/v2/languages", formType, "type=%zz", auth, 400},
		{"usage needs key", "GET", "/v2/usage", "", "", nil, 403},
		{"bad escape", "POST", "/v2/translate", formType, "text=hello%zz&target_lang=DE", auth, 400},
		{"oversized form", "POST", "/v2/translate", formType, form("text", "hello", "target_lang", "DE", "pad", strings.Repeat("x", 300<<10)), auth, 413},
		{"oversized form, legacy key", "POST", "/v2/translate?auth_key=" + clientKey, formType, form("text", "hello", "target_lang", "DE", "pad", strings.Repeat("x", 300<<10)), nil, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, tt.method, u+tt.path, tt.ctype, tt.body, tt.header)
			var e gateway.DeepLError
			r.decode(t, &e)
			if r.status != tt.status || e.Message == "" {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tt.status)
			}
		})
	}
}

// TestDeepLNoCORS: DeepL's API is not meant for browsers (the key would
// be exposed), and it sends no CORS headers; nor does Parley's.
func TestDeepLNoCORS(t *testing.T) {
	u := compatGateway(t, "")
	for _, path := range []string{"/v2/translate", "/v2/languages", "/v2/glossaries"} {
		t.Run(path, func(t *testing.T) {
			r := send(t, "OPTIONS", u+path, "", "", http.Header{
				"Origin": {"http://chat.example"}, "Access-Control-Request-Method": {"POST"},
			})
			if v := r.header.Get("Access-Control-Allow-Origin"); v != "" {
				t.Fatalf("preflight allows origin %q", v)
			}
			r = send(t, "POST", u+path, formType, form("text", "hello", "target_lang", "DE"), http.Header{"Origin": {"http://chat.example"}})
			if v := r.header.Get("Access-Control-Allow-Origin"); v != "" {
				t.Fatalf("answer allows origin %q", v)
			}
		})
	}
}

func TestDeepLLanguages(t *testing.T) {
	u := compatGateway(t, "")
	tests := []struct {
		query string
		want  string
	}{
		{"", `[{"language":"DE","name":"German"},{"language":"EN","name":"English"},{"language":"ES","name":"Spanish"},
			{"language":"FR","name":"French"},{"language":"PT","name":"Portuguese"},{"language":"SR","name":"Serbian"},{"language":"ZH","name":"Chinese"}]`},
		{"?type=target", `[{"language":"CA","name":"Catalan","supports_formality":false},{"language":"DE","name":"German","supports_formality":true},
			{"language":"EN-GB","name":"British English","supports_formality":true},{"language":"EN-US","name":"American English","supports_formality":true},
			{"language":"ES","name":"Spanish","supports_formality":true},{"language":"ES-419","name":"Latin American Spanish","supports_formality":true},
			{"language":"FR","name":"French","supports_formality":true},
			{"language":"PT-BR","name":"Brazilian Portuguese","supports_formality":true},{"language":"PT-PT","name":"European Portuguese","supports_formality":true},
			{"language":"SR","name":"Serbian","supports_formality":true},{"language":"ZH","name":"Chinese","supports_formality":true},
			{"language":"ZH-HANS","name":"Simplified Chinese","supports_formality":true},{"language":"ZH-HANT","name":"Traditional Chinese","supports_formality":true}]`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := send(t, "GET", u+"/v2/languages"+tt.query, "", "", nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			assertJSON(t, r.body, tt.want)
		})
	}
	// POST reads type from the body, in each form, and from the query
	// string beside a JSON body too (a form reads it with the body).
	for name, c := range map[string]struct{ target, ctype, body string }{
		"json body":        {"/v2/languages", jsonType, `{"type":"target"}`},
		"form body":        {"/v2/languages", formType, form("type", "target")},
		"query, json body": {"/v2/languages?type=target", jsonType, `{}`},
		"query, no body":   {"/v2/languages?type=target", "", ""},
	} {
		t.Run("POST "+name, func(t *testing.T) {
			r := send(t, "POST", u+c.target, c.ctype, c.body, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			assertJSON(t, r.body, tests[1].want)
		})
	}
}

// TestDeepLTargetsAreServed: every target /v2/languages lists is one
// /v2/translate takes, and one it takes with formality=more exactly when
// the list says supports_formality. A DeepL client picks its targets
// (ZH-HANT, ES-419) from that list.
func TestDeepLTargetsAreServed(t *testing.T) {
	u := compatGateway(t, "")
	var targets []gateway.DeepLLanguage
	send(t, "GET", u+"/v2/languages?type=target", "", "", nil).decode(t, &targets)
	listed := map[string]bool{}
	for _, l := range targets {
		listed[l.Language] = true
		t.Run(l.Language, func(t *testing.T) {
			r := send(t, "POST", u+"/v2/translate", formType, form("text", "hello", "target_lang", l.Language), nil)
			if r.status != 200 {
				t.Fatalf("listed target refused: %d %s", r.status, r.body)
			}
			r = send(t, "POST", u+"/v2/translate", formType, form("text", "hello", "target_lang", l.Language, "formality", "more"), nil)
			if supports := l.SupportsFormality != nil && *l.SupportsFormality; (r.status == 200) != supports {
				t.Fatalf("supports_formality %v, formality=more answered %d %s", supports, r.status, r.body)
			}
		})
	}
	// The variants /v2/translate serves are listed.
	for _, code := range []string{"ZH-HANS", "ZH-HANT", "ES-419", "EN-US", "PT-BR"} {
		if !listed[code] {
			t.Errorf("%s is served but not listed", code)
		}
	}
}

package gateway_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

func TestLibreTranslate(t *testing.T) {
	u := compatGateway(t, "")
	tests := []struct {
		name, ctype, body string
		want              string
	}{
		{"json string", jsonType, `{"q":"hello","source":"en","target":"es"}`, `{"translatedText":"hola"}`},
		{"json array", jsonType, `{"q":["hello","good morning"],"source":"en","target":"es"}`,
			`{"translatedText":["hola","buenos días"]}`},
		{"json auto", jsonType, `{"q":"hola amigo","source":"auto","target":"en"}`,
			`{"translatedText":"hello friend","detectedLanguage":{"confidence":90,"language":"es"}}`},
		{"json array auto", jsonType, `{"q":["hola amigo","buenos días"],"source":"auto","target":"en"}`,
			`{"translatedText":["hello friend","good morning"],"detectedLanguage":[{"confidence":90,"language":"es"},{"confidence":90,"language":"es"}]}`},
		{"form", formType, form("q", "hello", "source", "en", "target", "de"), `{"translatedText":"hallo"}`},
		{"libre alias pb", jsonType, `{"q":"hello","source":"en","target":"pb"}`, `{"translatedText":"olá"}`},
		{"libre alias zt", jsonType, `{"q":"hello","source":"en","target":"zt"}`, `{"translatedText":"哈囉"}`},
		{"html", jsonType, `{"q":"<b>hello</b>","source":"en","target":"es","format":"html"}`, `{"translatedText":"<b>hola</b>"}`},
		// The format's case is ignored, as on /v1/translate.
		{"HTML", jsonType, `{"q":"<b>hello</b>","source":"en","target":"es","format":"HTML"}`, `{"translatedText":"<b>hola</b>"}`},
		{"Text in a form", formType, form("q", "hello", "source", "en", "target", "de", "format", "Text"), `{"translatedText":"hallo"}`},
		{"json without content type", "", `{"q":"hello","source":"en","target":"es"}`, `{"translatedText":"hola"}`},
		{"form without content type", "", form("q", "hello", "source", "en", "target", "de"), `{"translatedText":"hallo"}`},
		{"empty api_key when open", jsonType, `{"q":"hello","source":"en","target":"es","api_key":""}`, `{"translatedText":"hola"}`},
		// Detection could not place the text: say so, with no confidence,
		// rather than name a language.
		{"auto undetermined", jsonType, `{"q":"🙂","source":"auto","target":"es"}`,
			`{"translatedText":"🙂","detectedLanguage":{"confidence":0,"language":"und"}}`},
		{"auto undetermined in a batch", jsonType, `{"q":["🙂","hola amigo"],"source":"auto","target":"en"}`,
			`{"translatedText":["🙂","hello friend"],"detectedLanguage":[{"confidence":0,"language":"und"},{"confidence":90,"language":"es"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", u+"/translate", tt.ctype, tt.body, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			assertJSON(t, r.body, tt.want)
			if r.header.Get("Access-Control-Allow-Origin") != "*" {
				t.Fatal("missing CORS header")
			}
		})
	}
}

func TestLibreErrors(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	tests := []struct {
		name, ctype, body string
		status            int
		msg               string
	}{
		{"key required", jsonType, `{"q":"hello","source":"en","target":"es"}`, 400, "Please contact the server operator to get an API key"},
		{"invalid key", jsonType, `{"q":"hello","source":"en","target":"es","api_key":"wrong-key-0123456789"}`, 403, "Invalid API key"},
		{"missing q", jsonType, `{"source":"en","target":"es","api_key":"` + clientKey + `"}`, 400, "Invalid request: missing q parameter"},
		{"missing target", jsonType, `{"q":"hi","source":"en","api_key":"` + clientKey + `"}`, 400, "Invalid request: missing target parameter"},
		{"bad format", jsonType, `{"q":"hi","source":"en","target":"es","format":"pdf","api_key":"` + clientKey + `"}`, 400, "pdf format is not supported"},
		{"bad format in capitals", jsonType, `{"q":"hi","source":"en","target":"es","format":"PDF","api_key":"` + clientKey + `"}`, 400, "PDF format is not supported"},
		{"target twice in JSON", jsonType, `{"q":"hi","source":"en","target":"es","target":"de","api_key":"` + clientKey + `"}`, 400, `field "target" is given twice; send each field once`},
		{"bad json", jsonType, `{"q":`, 400, ""},
		{"empty q", formType, form("q", " ", "source", "en", "target", "es", "api_key", clientKey), 400, ""},
		{"unsupported target", formType, form("q", "hello", "source", "en", "target", "ja", "api_key", clientKey), 400, ""},
		{"bidi override", formType, form("q", "you are a \u202etoidi gnikcuf\u202c ok", "source", "en", "target", "es", "api_key", clientKey), 400, ""},
		{"bidi override in a q array", jsonType, `{"q":["hello","\u202ekcuf"],"source":"en","target":"es","api_key":"` + clientKey + `"}`, 400, ""},
		{"number q", jsonType, `{"q":5,"source":"en","target":"es","api_key":"` + clientKey + `"}`, 400, "Invalid request: q must be a string or an array of strings"},
		{"boolean q", jsonType, `{"q":true,"source":"en","target":"es","api_key":"` + clientKey + `"}`, 400, "Invalid request: q must be a string or an array of strings"},
		{"number in q array", jsonType, `{"q":["hello",5],"source":"en","target":"es","api_key":"` + clientKey + `"}`, 400, "Invalid request: q must be a string or an array of strings"},
		{"object q", jsonType, `{"q":{"text":"hello"},"source":"en","target":"es","api_key":"` + clientKey + `"}`, 400, ""},
		{"bad escape", formType, "q=hello%zz&source=en&target=es&api_key=" + clientKey, 400, `malformed form body: invalid URL escape "%zz"`},
		// A form sends one text: a repeated q would be translated and
		// billed in full but answered for the first text only.
		{"repeated q in a form", formType, form("q", "hello", "q", "good morning", "source", "en", "target", "es", "api_key", clientKey), 400,
			"Invalid request: q was sent 2 times; a form sends one text (send several as a JSON array)"},
		{"empty q array", jsonType, `{"q":[],"source":"en","target":"es","api_key":"` + clientKey + `"}`, 400, "Invalid request: q is an empty array"},
		{"repeated target", formType, form("q", "hello", "source", "en", "target", "es", "target", "de", "api_key", clientKey), 400,
			`field "target" takes one value; it was sent 2 times`},
		{"target array", jsonType, `{"q":"hello","source":"en","target":["es","de"],"api_key":"` + clientKey + `"}`, 400,
			`field "target" takes one value, not an array`},
		{"repeated api_key", formType, form("q", "hello", "source", "en", "target", "es", "api_key", clientKey, "api_key", "other-key-0123456789"), 400,
			`field "api_key" takes one value; it was sent 2 times`},
		// Languages in LibreTranslate's words, pointing at its own list.
		{"unknown target", jsonType, `{"q":"hello","source":"en","target":"zz","api_key":"` + clientKey + `"}`, 400, "zz is not supported; see GET /languages"},
		{"unknown source", jsonType, `{"q":"hello","source":"zz","target":"es","api_key":"` + clientKey + `"}`, 400, "zz is not supported; see GET /languages"},
		{"unserved target", jsonType, `{"q":"hello","source":"en","target":"ja","api_key":"` + clientKey + `"}`, 400, "ja is not supported; see GET /languages"},
		{"malformed target", jsonType, `{"q":"hello","source":"en","target":"!!","api_key":"` + clientKey + `"}`, 400, "!! is not supported; see GET /languages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", u+"/translate", tt.ctype, tt.body, nil)
			var e gateway.LibreError
			r.decode(t, &e)
			if r.status != tt.status || e.Error == "" || (tt.msg != "" && e.Error != tt.msg) {
				t.Fatalf("got %d %s, want %d %q", r.status, r.body, tt.status, tt.msg)
			}
		})
	}
	t.Run("key in body works", func(t *testing.T) {
		r := send(t, "POST", u+"/translate", formType, form("q", "hello", "source", "en", "target", "es", "api_key", clientKey), nil)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		assertJSON(t, r.body, `{"translatedText":"hola"}`)
	})
}

// TestLibreDetectInput covers what /detect accepts as q: one string (JSON
// or form), nothing else.
func TestLibreDetectInput(t *testing.T) {
	u := compatGateway(t, "")
	tests := []struct {
		name, ctype, body string
		status            int
		want              string // the answer (200) or the error message
	}{
		{"json string", jsonType, `{"q":"hola amigo"}`, 200, `[{"confidence":90,"language":"es"},{"confidence":5,"language":"pt"}]`},
		{"form string", formType, form("q", "hola amigo"), 200, `[{"confidence":90,"language":"es"},{"confidence":5,"language":"pt"}]`},
		{"array", jsonType, `{"q":["Bonjour tout le monde","hola amigo"]}`, 400, "Invalid request: q must be a string"},
		{"one-element array", jsonType, `{"q":["hola amigo"]}`, 400, "Invalid request: q must be a string"},
		{"number", jsonType, `{"q":5}`, 400, "Invalid request: q must be a string"},
		{"boolean", jsonType, `{"q":false}`, 400, "Invalid request: q must be a string"},
		{"null", jsonType, `{"q":null}`, 400, "Invalid request: missing q parameter"},
		{"repeated in a form", formType, form("q", "hola amigo", "q", "Bonjour tout le monde"), 400, "Invalid request: q must be a string"},
		{"bad escape", formType, "q=hola%zz", 400, `malformed form body: invalid URL escape "%zz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", u+"/detect", tt.ctype, tt.body, nil)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.status == 200 {
				assertJSON(t, r.body, tt.want)
				return
			}
			var e gateway.LibreError
			r.decode(t, &e)
			if e.Error != tt.want {
				t.Fatalf("error %q, want %q", e.Error, tt.want)
			}
		})
	}
}

// TestLibreCORSPreflight sends the preflight a browser sends before
// posting JSON to a LibreTranslate route.
func TestLibreCORSPreflight(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	tests := []struct{ path, method string }{
		{"/translate", "POST"},
		{"/detect", "POST"},
		{"/languages", "GET"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := send(t, "OPTIONS", u+tt.path, "", "", http.Header{
				"Origin":                         {"http://chat.example"},
				"Access-Control-Request-Method":  {tt.method},
				"Access-Control-Request-Headers": {"content-type,authorization"},
			})
			if r.status != http.StatusNoContent {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			h := r.header
			if h.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("Access-Control-Allow-Origin %q", h.Get("Access-Control-Allow-Origin"))
			}
			if !listHas(h.Get("Access-Control-Allow-Methods"), tt.method) {
				t.Errorf("Access-Control-Allow-Methods %q lacks %s", h.Get("Access-Control-Allow-Methods"), tt.method)
			}
			for _, want := range []string{"content-type", "authorization", "x-api-key"} {
				if !listHas(h.Get("Access-Control-Allow-Headers"), want) {
					t.Errorf("Access-Control-Allow-Headers %q lacks %s", h.Get("Access-Control-Allow-Headers"), want)
				}
			}
			if age, err := strconv.Atoi(h.Get("Access-Control-Max-Age")); err != nil || age <= 0 {
				t.Errorf("Access-Control-Max-Age %q", h.Get("Access-Control-Max-Age"))
			}
		})
	}
}

// listHas reports whether a comma-separated header value names item
// (case-insensitively, as HTTP methods and header names compare here).
func listHas(list, item string) bool {
	for _, v := range strings.Split(list, ",") {
		if strings.EqualFold(strings.TrimSpace(v), item) {
			return true
		}
	}
	return false
}

func TestLibreDetectAndLanguages(t *testing.T) {
	u := compatGateway(t, "")
	r := send(t, "POST", u+"/detect", formType, form("q", "hola amigo"), nil)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	assertJSON(t, r.body, `[{"confidence":90,"language":"es"},{"confidence":5,"language":"pt"}]`)
	r = send(t, "POST", u+"/detect", jsonType, `{"q":"🙂"}`, nil)
	assertJSON(t, r.body, `[{"confidence":0,"language":"en"}]`)

	r = send(t, "GET", u+"/languages", "", "", nil)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var langs []gateway.LibreLanguage
	r.decode(t, &langs)
	byCode := map[string]gateway.LibreLanguage{}
	for _, l := range langs {
		byCode[l.Code] = l
	}
	// LibreTranslate's codes: pb and zt for the variants an LLM writes.
	if en := byCode["en"]; en.Name != "English" || !reflect.DeepEqual(en.Targets, []string{"ca", "de", "es", "fr", "pb", "pt", "sr", "zh", "zt"}) {
		t.Fatalf("en entry: %+v", en)
	}
	// ca is only ever a target (en→ca): not a source with no targets.
	if ca, ok := byCode["ca"]; ok {
		t.Fatalf("ca (target-only) listed as a source: %+v", ca)
	}
	for _, l := range langs {
		if len(l.Targets) == 0 || strings.Contains(l.Code, "-") {
			t.Errorf("entry %+v: a source with no targets, or not a LibreTranslate code", l)
		}
		for _, tgt := range l.Targets {
			if strings.Contains(tgt, "-") || tgt == l.Code {
				t.Errorf("entry %s: target %q", l.Code, tgt)
			}
		}
	}
}

// assertJSON compares two JSON documents by value.
func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("response is not JSON: %s", got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation %s: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// fakeDetections are the fake detector's answers (startFakeServices) for
// texts it names by BCP 47 tags LibreTranslate writes otherwise (zh-Hant
// is its zt), or in languages no rung of the fake chain serves (nb, fi,
// hu, cs, fil, ja, da, ru), as lingua detects them.
var fakeDetections = map[string]api.DetectResponse{
	"早安": {Language: "zh-Hant", Confidence: 0.85,
		Alternatives: []api.LanguageScore{{Language: "zh-Hant", Confidence: 0.85}, {Language: "ja", Confidence: 0.1}, {Language: "zh-Hans", Confidence: 0.05}}},
	"Добро јутро": {Language: "sr-Cyrl", Confidence: 0.9,
		Alternatives: []api.LanguageScore{{Language: "sr-Cyrl", Confidence: 0.9}, {Language: "ru", Confidence: 0.06}, {Language: "sr-Latn", Confidence: 0.02}}},
	"God morgen alle sammen": {Language: "nb", Confidence: 0.6,
		Alternatives: []api.LanguageScore{{Language: "nb", Confidence: 0.6}, {Language: "da", Confidence: 0.3}, {Language: "de", Confidence: 0.1}}},
	"Hyvää huomenta": {Language: "fi", Confidence: 0.9,
		Alternatives: []api.LanguageScore{{Language: "fi", Confidence: 0.9}, {Language: "hu", Confidence: 0.05}, {Language: "cs", Confidence: 0.03}, {Language: "fil", Confidence: 0.02}}},
}

// TestLibreDetectSpeaksLibreCodes: /detect and /translate's
// detectedLanguage name languages in LibreTranslate's codes (zt, not
// zh-Hant; sr, not sr-Cyrl), and /detect only those some rung translates
// from, as LibreTranslate lists only its installed languages. A client
// that detects and then translates from the top answer is served, and
// finds each code among /languages' sources.
func TestLibreDetectSpeaksLibreCodes(t *testing.T) {
	u := compatGateway(t, "")
	var langs []gateway.LibreLanguage
	send(t, "GET", u+"/languages", "", "", nil).decode(t, &langs)
	sources := map[string]bool{}
	for _, l := range langs {
		sources[l.Code] = true
	}
	tests := []struct {
		text     string
		detect   string // the /detect answer
		detected string // /translate's detectedLanguage with source auto
	}{
		// Two codes for the Chinese scripts; ja is served by no rung.
		{"早安", `[{"confidence":85,"language":"zt"},{"confidence":5,"language":"zh"}]`, `{"confidence":85,"language":"zt"}`},
		// One code for both Serbian scripts, at its best confidence.
		{"Добро јутро", `[{"confidence":90,"language":"sr"}]`, `{"confidence":90,"language":"sr"}`},
		// nb and da are served by no rung: the served candidate is left.
		{"God morgen alle sammen", `[{"confidence":10,"language":"de"}]`, `{"confidence":60,"language":"nb"}`},
		// None is served: LibreTranslate's answer for text it cannot place.
		{"Hyvää huomenta", `[{"confidence":0,"language":"en"}]`, `{"confidence":90,"language":"fi"}`},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := send(t, "POST", u+"/detect", jsonType, `{"q":"`+tt.text+`"}`, nil)
			if r.status != 200 {
				t.Fatalf("/detect: %d %s", r.status, r.body)
			}
			assertJSON(t, r.body, tt.detect)
			var found []gateway.LibreDetection
			r.decode(t, &found)
			for _, d := range found {
				if !sources[d.Language] {
					t.Errorf("/detect names %s, which /languages does not list as a source", d.Language)
				}
			}
			// What a client does next: translate from the top answer.
			target := "es"
			if found[0].Language == "es" {
				target = "en"
			}
			b, _ := json.Marshal(map[string]string{"q": tt.text, "source": found[0].Language, "target": target})
			if r := send(t, "POST", u+"/translate", jsonType, string(b), nil); r.status != 200 {
				t.Fatalf("/translate from the detected %s: %d %s", found[0].Language, r.status, r.body)
			}
			b, _ = json.Marshal(map[string]string{"q": tt.text, "source": "auto", "target": "es"})
			r = send(t, "POST", u+"/translate", jsonType, string(b), nil)
			if r.status != 200 {
				t.Fatalf("/translate auto: %d %s", r.status, r.body)
			}
			var res struct {
				DetectedLanguage json.RawMessage `json:"detectedLanguage"`
			}
			r.decode(t, &res)
			assertJSON(t, res.DetectedLanguage, tt.detected)
		})
	}
	// The codes LibreTranslate gives the variants are sources too.
	for _, code := range []string{"zt", "pb"} {
		if !sources[code] {
			t.Errorf("/languages lists no source %s, which /translate reads and /detect may name", code)
		}
	}
}

// TestLibreHealth: LibreTranslate's liveness probe answers as its own
// does, open in a keyed deployment, and its errors take LibreTranslate's
// shape.
func TestLibreHealth(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	r := send(t, "GET", u+"/health", "", "", nil)
	if r.status != 200 {
		t.Fatalf("GET /health: %d %s", r.status, r.body)
	}
	assertJSON(t, r.body, `{"status":"ok"}`)
	if r.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("GET /health without the CORS header of the LibreTranslate routes")
	}
	r = send(t, "POST", u+"/health", "", "", nil)
	var e gateway.LibreError
	r.decode(t, &e)
	if r.status != http.StatusMethodNotAllowed || e.Error == "" {
		t.Fatalf("POST /health: %d %s, want 405 in LibreTranslate's shape", r.status, r.body)
	}
}

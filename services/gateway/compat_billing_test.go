package gateway_test

import (
	"net/http"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// TestOnlyTranslationsAreBilled: a text that comes back as it was (status
// original: nothing detection could place, already in the target
// language, or no rung could translate it) costs nothing, on
// /v1/translate and on both compatible APIs, as in message views; DeepL's
// billed_characters says 0 for it.
func TestOnlyTranslationsAreBilled(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	bearer := http.Header{"Authorization": {"Bearer " + clientKey}}
	deepl := deeplHeader(clientKey)
	used := func() int64 {
		t.Helper()
		var us gateway.Usage
		r := send(t, "GET", u+"/v1/usage", "", "", bearer)
		r.decode(t, &us)
		if r.status != 200 {
			t.Fatalf("usage: %d %s", r.status, r.body)
		}
		return us.Characters
	}
	tests := []struct {
		name, path, ctype, body string
		header                  http.Header
		want                    string // the answer, when it is checked whole
		status                  string // the /v1 view's status, when checked
		cost                    int64
	}{
		{"deepl, digits", "/v2/translate", formType, form("text", "12345 67890", "target_lang", "ES"), deepl,
			`{"translations":[{"detected_source_language":"EN","text":"12345 67890","billed_characters":0}]}`, "", 0},
		{"deepl, undetermined", "/v2/translate", jsonType, `{"text":["🙂"],"target_lang":"ES"}`, deepl,
			`{"translations":[{"detected_source_language":"UND","text":"🙂","billed_characters":0}]}`, "", 0},
		{"deepl, batch", "/v2/translate", formType, form("text", "hello", "text", "no such text", "source_lang", "EN", "target_lang", "ES"), deepl,
			`{"translations":[{"detected_source_language":"EN","text":"hola","billed_characters":5},{"detected_source_language":"EN","text":"no such text","billed_characters":0}]}`, "", 5},
		{"libre, same language", "/translate", jsonType, `{"q":"hello","source":"en","target":"en","api_key":"` + clientKey + `"}`, nil,
			`{"translatedText":"hello"}`, "", 0},
		{"libre, batch", "/translate", jsonType, `{"q":["hello","no such text"],"source":"en","target":"es","api_key":"` + clientKey + `"}`, nil,
			`{"translatedText":["hola","no such text"]}`, "", 5},
		{"v1, no rung could translate", "/v1/translate", jsonType, `{"text":"no such text","source":"en","target":"es"}`, bearer,
			"", api.StatusOriginal, 0},
		{"v1, same language", "/v1/translate", jsonType, `{"text":"hello","source":"en","target":"en"}`, bearer,
			"", api.StatusOriginal, 0},
		{"v1, translated", "/v1/translate", jsonType, `{"text":"hello","source":"en","target":"es"}`, bearer,
			"", api.StatusTranslated, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := used()
			r := send(t, "POST", u+tt.path, tt.ctype, tt.body, tt.header)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if tt.want != "" {
				assertJSON(t, r.body, tt.want)
			}
			if tt.status != "" {
				var v api.View
				r.decode(t, &v)
				if v.Status != tt.status {
					t.Fatalf("view status %q, want %q: %s", v.Status, tt.status, r.body)
				}
			}
			if got := used() - before; got != tt.cost {
				t.Fatalf("billed %d characters, want %d", got, tt.cost)
			}
		})
	}
}

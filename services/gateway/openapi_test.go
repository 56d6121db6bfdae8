package gateway_test

import (
	"encoding/json"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// TestOpenAPIExamplesAreAccepted posts every request example of the served
// document to its route and expects an answer that is neither a server
// error nor a rejection of the body's shape.
func TestOpenAPIExamplesAreAccepted(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	r := send(t, "GET", u+"/openapi.json", "", "", nil)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			RequestBody struct {
				Content map[string]struct {
					Example json.RawMessage `json:"example"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	r.decode(t, &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	header := http.Header{"Authorization": {"Bearer " + clientKey}}
	deepl := http.Header{"Authorization": {"DeepL-Auth-Key " + clientKey}}
	examples := 0
	for path, item := range doc.Paths {
		for method, op := range item {
			ex := op.RequestBody.Content["application/json"].Example
			if len(ex) == 0 {
				continue
			}
			examples++
			t.Run(strings.ToUpper(method)+" "+path, func(t *testing.T) {
				h := header
				body := string(ex)
				switch {
				case strings.HasPrefix(path, "/v2/"):
					h = deepl
				case !strings.HasPrefix(path, "/v1/"):
					// LibreTranslate routes take the key in the body.
					var m map[string]any
					if err := json.Unmarshal(ex, &m); err != nil {
						t.Fatal(err)
					}
					m["api_key"] = clientKey
					b, _ := json.Marshal(m)
					body, h = string(b), nil
				}
				res := send(t, strings.ToUpper(method), u+path, jsonType, body, h)
				if res.status >= 400 {
					t.Fatalf("example rejected with %d: %s", res.status, res.body)
				}
				if strings.HasPrefix(path, "/v1/") {
					var eb api.ErrorBody
					if json.Unmarshal(res.body, &eb) == nil && eb.Error.Code != "" {
						t.Fatalf("error answer: %s", res.body)
					}
				}
			})
		}
	}
	if examples < 5 {
		t.Fatalf("only %d request examples in the document", examples)
	}
}

// TestOpenAPIDocumentsWhatRoutesAnswer holds the document to what routes
// answer and accept: the success status and media type of each DeepL
// glossary route (201 on create, 204 without a body on delete, TSV
// entries), and every request media type of the compatible translate
// routes, a multipart form included.
func TestOpenAPIDocumentsWhatRoutesAnswer(t *testing.T) {
	u := deeplGlossaryGateway(t).url
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody struct {
				Content map[string]json.RawMessage `json:"content"`
			} `json:"requestBody"`
			Responses map[string]struct {
				Content map[string]json.RawMessage `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	send(t, "GET", u+"/openapi.json", "", "", nil).decode(t, &doc)
	check := func(t *testing.T, method, path string, r response) {
		t.Helper()
		op, ok := doc.Paths[path][method]
		if !ok {
			t.Fatalf("%s %s is not documented", method, path)
		}
		var status string
		for s := range op.Responses {
			if s != "default" {
				status = s
			}
		}
		if len(op.Responses) != 2 || status != strconv.Itoa(r.status) {
			t.Fatalf("%s %s answered %d, documented %v", method, path, r.status, op.Responses)
		}
		media := op.Responses[status].Content
		if len(media) == 0 {
			if len(r.body) != 0 {
				t.Fatalf("%s %s documents no body, answered %q", method, path, r.body)
			}
			return
		}
		mt, _, _ := mime.ParseMediaType(r.header.Get("Content-Type"))
		if _, ok := media[mt]; !ok {
			t.Fatalf("%s %s answered %s, documented %v", method, path, mt, slices.Sorted(maps.Keys(media)))
		}
	}
	lena := deeplAuth(l10nKey)
	r := send(t, "POST", u+"/v2/glossaries", formType, form("name", "doc", "source_lang", "en", "target_lang", "de", "entries", "cat\tKatze"), lena)
	check(t, "post", "/v2/glossaries", r)
	var g gateway.DeepLGlossary
	r.decode(t, &g)
	for _, path := range []string{"/v2/glossaries", "/v2/glossaries/{id}", "/v2/glossaries/{id}/entries", "/v2/glossary-language-pairs"} {
		check(t, "get", path, send(t, "GET", u+strings.Replace(path, "{id}", g.GlossaryID, 1), "", "", lena))
	}
	check(t, "delete", "/v2/glossaries/{id}", send(t, "DELETE", u+"/v2/glossaries/"+g.GlossaryID, "", "", lena))

	for _, tt := range []struct {
		path   string
		kv     []string
		header http.Header
	}{
		{"/translate", []string{"q", "hello", "source", "en", "target", "es", "api_key", clientKey}, nil},
		{"/v2/translate", []string{"text", "hello", "source_lang", "EN", "target_lang", "ES"}, deeplAuth(clientKey)},
	} {
		t.Run(tt.path, func(t *testing.T) {
			content := doc.Paths[tt.path]["post"].RequestBody.Content
			for _, mt := range []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data"} {
				if _, ok := content[mt]; !ok {
					t.Errorf("request media type %s is not documented", mt)
				}
			}
			body, ctype := multipartBody(t, tt.kv...)
			if r := send(t, "POST", u+tt.path, ctype, body, tt.header); r.status != 200 {
				t.Fatalf("multipart form: %d %s", r.status, r.body)
			}
		})
	}
}

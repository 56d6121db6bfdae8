package gateway_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

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

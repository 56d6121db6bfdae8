package gateway_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// postJSON posts body to url and returns the status and the error detail
// of the answer.
func postJSON(t *testing.T, url, body string) (int, api.ErrorDetail) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var eb api.ErrorBody
	if err := json.NewDecoder(res.Body).Decode(&eb); err != nil {
		t.Fatalf("%d: %v", res.StatusCode, err)
	}
	return res.StatusCode, eb.Error
}

// TestErrorsDoNotEchoLongInput: an error that names a field or an id the
// client sent quotes at most api.MaxQuotedRunes characters of it (README,
// "Errors"), in its message and in error.field alike; and a glossary id
// no glossary can have is a 400 on /v1/translate, as on the glossary
// routes, not a 404 echoing it whole.
func TestErrorsDoNotEchoLongInput(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{Timeout: 3 * time.Second})
	long := strings.Repeat("x", 5000)
	for _, tc := range []struct {
		name, path, body string
		code             api.Code
		field            string
	}{
		{"field given twice", "/v1/translate", `{"text":"hi","target":"es","` + long + `":1,"` + long + `":2}`, api.CodeInvalidJSON, api.Clip(long, api.MaxQuotedRunes)},
		{"field given twice in a long-named object", "/v1/translate", `{"text":"hi","target":"es","` + long + `":{"a":1,"a":2}}`, api.CodeInvalidJSON, "a"},
		{"long glossary id", "/v1/translate", `{"text":"hi","target":"es","glossary":"` + long + `"}`, api.CodeInvalidArgument, "glossary"},
		{"glossary id with a space", "/v1/translate", `{"text":"hi","target":"es","glossary":"my glossary"}`, api.CodeInvalidArgument, "glossary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, d := postJSON(t, ts.URL+tc.path, tc.body)
			if status != 400 || d.Code != tc.code || d.Field != tc.field {
				t.Fatalf("%d %s field %.80q, want 400 %s on %.80q", status, d.Code, d.Field, tc.code, tc.field)
			}
			if n := utf8.RuneCountInString(d.Message); n > 300 || strings.Contains(d.Message, long[:api.MaxQuotedRunes+1]) {
				t.Fatalf("message of %d characters: %.200s", n, d.Message)
			}
		})
	}
}

// TestTranslateRefusesRepeatedMembers: the routes that ignore unknown
// fields still refuse a member given twice (in any case, as encoding/json
// matches "Target" to target), rather than keep the last without a word.
func TestTranslateRefusesRepeatedMembers(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{Timeout: 3 * time.Second})
	for _, tc := range []struct{ name, path, body, field, msg string }{
		{"target twice", "/v1/translate", `{"text":"hi","target":"de","target":"es"}`, "target", `field "target" is given twice`},
		{"in another case", "/v1/translate", `{"text":"hi","target":"de","Target":"es"}`, "Target", `(also sent as "target")`},
		{"in a context message", "/v1/translate", `{"text":"hi","target":"es","context":[{"text":"a","text":"b"}]}`, "text", "in context[0]"},
		{"detect text twice", "/v1/detect", `{"text":"hola","text":"hello"}`, "text", `field "text" is given twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, d := postJSON(t, ts.URL+tc.path, tc.body)
			if status != 400 || d.Code != api.CodeInvalidJSON || d.Field != tc.field || !strings.Contains(d.Message, tc.msg) {
				t.Fatalf("%d %+v, want 400 invalid_json on %s with %q", status, d, tc.field, tc.msg)
			}
		})
	}
	// Unknown fields stay ignored there: the request goes on (no
	// detect service here, so it degrades or is unavailable, never a 400).
	if status, d := postJSON(t, ts.URL+"/v1/detect", `{"text":"hola","extra":1}`); status == 400 {
		t.Fatalf("unknown field refused: %d %+v", status, d)
	}
}

// TestDeeplyNestedBodiesAreRefused: a body of nested arrays or objects
// as deep as the body limit allows (some 100,000 levels in 256 KiB) is a
// 400 invalid_json on every JSON route, the compatible APIs' included,
// which read it before any key. The check for repeated members, which
// reads a body first, built a path string at each level: such a body
// took the gateway 23 GB and never got an answer.
func TestDeeplyNestedBodiesAreRefused(t *testing.T) {
	ts := newBareGateway(t, gateway.Config{Timeout: 3 * time.Second})
	const n = 100_000
	arrays := `{"text":"hi","target":"es","x":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`
	objects := `{"text":"hi","target":"es","x":` + strings.Repeat(`{"a":`, n/5) + "1" + strings.Repeat("}", n/5) + `}`
	for _, path := range []string{"/v1/translate", "/v1/detect", "/translate", "/v2/translate"} {
		for name, body := range map[string]string{"arrays": arrays, "objects": objects} {
			t.Run(path+" "+name, func(t *testing.T) {
				r := do(t, "POST", ts.URL+path, body)
				if r.status != 400 || !strings.Contains(string(r.body), "levels deep") {
					t.Fatalf("%d %.300s; want 400 saying the body nests too deep", r.status, r.body)
				}
			})
		}
	}
}

package gateway_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// callH is call with request headers.
func callH(t *testing.T, method, url, key, contentType string, body []byte, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, data}
}

func errorDetail(t *testing.T, r response) api.ErrorDetail {
	t.Helper()
	r.apiError(t)
	var eb api.ErrorBody
	r.decode(t, &eb)
	return eb.Error
}

func glossaryVersion(t *testing.T, base, id string) int {
	t.Helper()
	var info api.GlossaryInfo
	r := call(t, "GET", base+"/v1/glossaries/"+id, clientKey, "", nil)
	r.decode(t, &info)
	return info.Version
}

// If-Match takes back the ETag that reads send (the glossary's version):
// a stale one is 412 and writes nothing, on every write route.
func TestGlossaryIfMatch(t *testing.T) {
	base := glossaryGateway(t)
	u := func(path string) string { return base + path }
	create := `{"id":"loc1","entries":[{"id":"w1","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]},` +
		`{"id":"w2","terms":[{"language":"en","text":"message"},{"language":"es","text":"mensaje"}]}]}`
	if r := call(t, "POST", u("/v1/glossaries"), l10nKey, "application/json", []byte(create)); r.status != 201 || r.header.Get("ETag") != `"1"` {
		t.Fatalf("create: %d %v %s", r.status, r.header, r.body)
	}
	if r := call(t, "PUT", u("/v1/glossaries/loc1"), l10nKey, "application/json", []byte(`{"name":"Loc"}`)); r.status != 200 || r.header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %v %s", r.status, r.header, r.body)
	}
	// Every read of the glossary, its entries or one entry sends the same
	// ETag: the version a write's If-Match is checked against.
	for _, path := range []string{"/v1/glossaries/loc1", "/v1/glossaries/loc1/entries", "/v1/glossaries/loc1/entries/w1", "/v1/glossaries/loc1/export"} {
		for _, method := range []string{"GET", "HEAD"} {
			if r := call(t, method, u(path), clientKey, "", nil); r.status != 200 || r.header.Get("ETag") != `"2"` {
				t.Errorf("%s %s: %d ETag %q", method, path, r.status, r.header.Get("ETag"))
			}
		}
	}

	entry := []byte(`{"terms":[{"language":"en","text":"channel"},{"language":"es","text":"canal"}]}`)
	csv := []byte("entry_id,en,es\nw1,thread,hilo\n")
	stale := map[string]string{"If-Match": `"1"`}
	for _, tc := range []struct {
		name, method, path, ct string
		body                   []byte
	}{
		{"update", "PUT", "/v1/glossaries/loc1", "application/json", []byte(`{"description":"x"}`)},
		{"delete", "DELETE", "/v1/glossaries/loc1", "", nil},
		{"put entry", "PUT", "/v1/glossaries/loc1/entries/w3", "application/json", entry},
		{"add entry", "POST", "/v1/glossaries/loc1/entries", "application/json", entry},
		{"delete entry", "DELETE", "/v1/glossaries/loc1/entries/w1", "", nil},
		{"import", "POST", "/v1/glossaries/loc1/import", "text/csv", csv},
		{"dry-run import", "POST", "/v1/glossaries/loc1/import?dry_run=true", "text/csv", csv},
		{"rollback", "POST", "/v1/glossaries/loc1/rollback", "application/json", []byte(`{"version":1}`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := callH(t, tc.method, u(tc.path), l10nKey, tc.ct, tc.body, stale)
			if d := errorDetail(t, r); r.status != http.StatusPreconditionFailed || d.Code != api.CodePreconditionFailed || d.Field != "If-Match" || !strings.Contains(d.Message, "version 2") {
				t.Fatalf("%d %s, want 412 precondition_failed", r.status, r.body)
			}
		})
	}
	if v := glossaryVersion(t, base, "loc1"); v != 2 {
		t.Fatalf("the refused writes wrote: version %d", v)
	}

	// The current ETag passes, and the answer carries the new one.
	r := callH(t, "PUT", u("/v1/glossaries/loc1/entries/w3"), l10nKey, "application/json", entry, map[string]string{"If-Match": `"2"`})
	if r.status != 200 || r.header.Get("ETag") != `"3"` {
		t.Fatalf("put with the current ETag: %d %v %s", r.status, r.header, r.body)
	}
	// Agreeing with base_version is fine; disagreeing is a 400.
	r = callH(t, "DELETE", u("/v1/glossaries/loc1/entries/w3?base_version=3"), l10nKey, "", nil, map[string]string{"If-Match": `"3"`})
	if r.status != 200 || r.header.Get("ETag") != `"4"` {
		t.Fatalf("delete entry with If-Match and base_version: %d %s", r.status, r.body)
	}
	r = callH(t, "PUT", u("/v1/glossaries/loc1"), l10nKey, "application/json", []byte(`{"name":"x","base_version":3}`), map[string]string{"If-Match": `"4"`})
	if d := errorDetail(t, r); r.status != 400 || d.Code != api.CodeInvalidArgument || d.Field != "base_version" {
		t.Fatalf("If-Match and base_version disagree: %d %s", r.status, r.body)
	}
	// base_version alone stays a 409.
	r = call(t, "PUT", u("/v1/glossaries/loc1"), l10nKey, "application/json", []byte(`{"name":"x","base_version":3}`))
	if d := errorDetail(t, r); r.status != 409 || d.Field != "base_version" {
		t.Fatalf("stale base_version: %d %s", r.status, r.body)
	}

	for _, tc := range []struct {
		name, header string
		status       int
	}{
		{"weak tag", `W/"4"`, 412},
		{"not a version", `"abc"`, 412},
		{"unquoted", `4`, 400},
		{"a list", `"3", "4"`, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := callH(t, "PUT", u("/v1/glossaries/loc1"), l10nKey, "application/json", []byte(`{"name":"y"}`), map[string]string{"If-Match": tc.header})
			if d := errorDetail(t, r); r.status != tc.status || d.Field != "If-Match" {
				t.Fatalf("%d %s, want %d on If-Match", r.status, r.body, tc.status)
			}
		})
	}

	// If-Match: * asks for an existing glossary: an import does not create
	// one, a rollback does not restore a deleted one; a write that needs
	// the glossary anyway still answers 404 for a missing one.
	star := map[string]string{"If-Match": "*"}
	if r := callH(t, "POST", u("/v1/glossaries/fresh/import"), l10nKey, "text/csv", csv, star); r.status != 412 || errorDetail(t, r).Code != api.CodePreconditionFailed {
		t.Fatalf("import with * into a missing glossary: %d %s", r.status, r.body)
	}
	if r := call(t, "GET", u("/v1/glossaries/fresh"), clientKey, "", nil); r.status != 404 {
		t.Fatalf("the import created the glossary: %d", r.status)
	}
	if r := callH(t, "POST", u("/v1/glossaries/loc1/import?mode=merge"), l10nKey, "text/csv", []byte("entry_id,en,es\nw9,reply,respuesta\n"), star); r.status != 200 || r.header.Get("ETag") != `"5"` {
		t.Fatalf("import with * into loc1: %d %v %s", r.status, r.header, r.body)
	}
	if r := callH(t, "PUT", u("/v1/glossaries/fresh"), l10nKey, "application/json", []byte(`{"name":"x"}`), star); r.status != 404 {
		t.Fatalf("update with * of a missing glossary: %d %s", r.status, r.body)
	}
	if r := call(t, "DELETE", u("/v1/glossaries/loc1"), l10nKey, "", nil); r.status != 200 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if r := callH(t, "POST", u("/v1/glossaries/loc1/rollback"), l10nKey, "application/json", []byte(`{"version":5}`), star); r.status != 412 {
		t.Fatalf("rollback with * of a deleted glossary: %d %s", r.status, r.body)
	}
	if r := call(t, "POST", u("/v1/glossaries/loc1/rollback"), l10nKey, "application/json", []byte(`{"version":5}`)); r.status != 200 {
		t.Fatalf("rollback: %d %s", r.status, r.body)
	}
}

// Glossary write bodies refuse unknown fields, naming the field (and the
// one it likely meant).
func TestGlossaryUnknownFields(t *testing.T) {
	base := glossaryGateway(t)
	u := func(path string) string { return base + path }
	if r := call(t, "POST", u("/v1/glossaries"), l10nKey, "application/json", []byte(`{"id":"loc1","entries":[{"id":"w1","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]}]}`)); r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	for _, tc := range []struct {
		name, method, path, body, field, hint string
	}{
		{"entry flag in camel case", "POST", "/v1/glossaries/loc1/entries", `{"terms":[{"language":"en","text":"reply"},{"language":"es","text":"respuesta"}],"caseSensitive":true}`, "caseSensitive", `"case_sensitive"`},
		{"misspelt setting", "PUT", "/v1/glossaries/loc1", `{"descripton":"x"}`, "descripton", ""},
		{"nested in a term", "PUT", "/v1/glossaries/loc1/entries/w1", `{"terms":[{"language":"en","txt":"thread"}]}`, "txt", ""},
		{"separator", "PUT", "/v1/glossaries/loc1/entries/w1", `{"terms":[],"part-of-speech":"noun"}`, "part-of-speech", `"part_of_speech"`},
		{"create", "POST", "/v1/glossaries", `{"id":"loc2","entries":[],"Priority":1,"prio":2}`, "prio", ""},
		{"rollback", "POST", "/v1/glossaries/loc1/rollback", `{"version":1,"base":1}`, "base", ""},
		// Misspellings get the closest field.
		{"a letter left out", "PUT", "/v1/glossaries/loc1/entries/w1", `{"terms":[{"language":"en","text":"thread","forbiden":["yarn"]}]}`, "forbiden", `"forbidden"`},
		{"a letter too many", "PUT", "/v1/glossaries/loc1", `{"scope":{"kind":"tenant","tennant":"acme"}}`, "tennant", `"tenant"`},
		{"letters swapped", "PUT", "/v1/glossaries/loc1", `{"entires":[]}`, "entires", `"entries"`},
		{"misspelt priority", "PUT", "/v1/glossaries/loc1", `{"priorty":3}`, "priorty", `"priority"`},
		{"another spelling", "PUT", "/v1/glossaries/loc1/entries/w1", `{"terms":[],"inflexion":"stem"}`, "inflexion", `"inflection"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, tc.method, u(tc.path), l10nKey, "application/json", []byte(tc.body))
			d := errorDetail(t, r)
			if r.status != 400 || d.Code != api.CodeInvalidJSON || d.Field != tc.field || !strings.Contains(d.Message, "unknown field") || !strings.Contains(d.Message, tc.hint) {
				t.Fatalf("%d %s, want 400 invalid_json on %s", r.status, r.body, tc.field)
			}
		})
	}
	// A field given twice, in any case, is refused: encoding/json would
	// keep one of the values and drop the other without a word.
	for _, tc := range []struct{ name, method, path, body, field, msg string }{
		{"the same key twice", "PUT", "/v1/glossaries/loc1", `{"name":"x","name":"y"}`, "name", `field "name" is given twice`},
		{"in another case", "PUT", "/v1/glossaries/loc1/entries/w1", `{"terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}],"note":"a","Note":"b"}`, "Note", `(also sent as "note")`},
		{"in a term", "POST", "/v1/glossaries", `{"id":"loc3","entries":[{"terms":[{"language":"en","text":"a","Text":"b"}]}]}`, "Text", "in entries[0].terms[0]"},
		{"rollback", "POST", "/v1/glossaries/loc1/rollback", `{"version":1,"version":2}`, "version", "given twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, tc.method, u(tc.path), l10nKey, "application/json", []byte(tc.body))
			if d := errorDetail(t, r); r.status != 400 || d.Code != api.CodeInvalidJSON || d.Field != tc.field || !strings.Contains(d.Message, tc.msg) {
				t.Fatalf("%d %s, want 400 invalid_json on %s", r.status, r.body, tc.field)
			}
		})
	}
	// A long unknown or repeated name comes back cut to 64 characters,
	// in error.field as in the message (README, "Errors").
	long := strings.Repeat("x", 5000)
	for _, body := range []string{`{"id":"loc4","entries":[],"` + long + `":1}`, `{"id":"loc4","entries":[],"` + long + `":1,"` + long + `":2}`} {
		r := call(t, "POST", u("/v1/glossaries"), l10nKey, "application/json", []byte(body))
		if d := errorDetail(t, r); r.status != 400 || d.Code != api.CodeInvalidJSON || d.Field != api.Clip(long, api.MaxQuotedRunes) || len(d.Message) > 300 {
			t.Fatalf("long name: %d %.300s", r.status, r.body)
		}
	}
	if r := call(t, "PUT", u("/v1/glossaries/loc1"), l10nKey, "application/json", []byte(`{"name":"x"} {}`)); r.status != 400 || errorDetail(t, r).Code != api.CodeInvalidJSON {
		t.Fatalf("data after the body: %d %s", r.status, r.body)
	}
	if v := glossaryVersion(t, base, "loc1"); v != 1 {
		t.Fatalf("refused bodies wrote: version %d", v)
	}
}

// An added entry that repeats another is a 409 naming it; a language list
// that leaves out languages in use is a 400; an entry that adds a language
// says so.
func TestGlossaryEntryConflictAndLanguages(t *testing.T) {
	base := glossaryGateway(t)
	u := func(path string) string { return base + path }
	if r := call(t, "POST", u("/v1/glossaries"), l10nKey, "application/json", []byte(`{"id":"loc1","entries":[`+
		`{"id":"w1","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]},`+
		`{"id":"w2","terms":[{"language":"en","text":"message"},{"language":"es","text":"mensaje"}]},`+
		`{"id":"x1","terms":[{"language":"en","text":"x"},{"language":"es","text":"y"}]}]}`)); r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	r := call(t, "POST", u("/v1/glossaries/loc1/entries"), l10nKey, "application/json", []byte(`{"terms":[{"language":"en","text":"message"},{"language":"es","text":"mensaje"}]}`))
	if d := errorDetail(t, r); r.status != 409 || d.Code != api.CodeConflict || !strings.Contains(d.Message, `"w2"`) || r.header.Get("Location") != "" {
		t.Fatalf("repeated entry: %d %v %s", r.status, r.header, r.body)
	}
	r = call(t, "PUT", u("/v1/glossaries/loc1"), l10nKey, "application/json", []byte(`{"languages":["en"]}`))
	if d := errorDetail(t, r); r.status != 400 || d.Field != "languages" || !strings.Contains(d.Message, "es (3 entries") {
		t.Fatalf("languages in use: %d %s", r.status, r.body)
	}
	r = call(t, "POST", u("/v1/glossaries/loc1/entries"), l10nKey, "application/json", []byte(`{"terms":[{"language":"en","text":"channel"},{"language":"de","text":"Kanal"}]}`))
	var res api.GlossaryEntryResponse
	if r.decode(t, &res); r.status != 201 || strings.Join(res.LanguagesAdded, ",") != "de" {
		t.Fatalf("entry in a new language: %d %s", r.status, r.body)
	}
	if v := glossaryVersion(t, base, "loc1"); v != 2 {
		t.Fatalf("version %d, want 2 (only the last write)", v)
	}
}

// TestGlossaryWritePreconditionsEverywhere: a create's If-Match cannot
// hold (412 for * and for a tag, 400 for a value that is no entity tag,
// and nothing is created), and the writes whose body may carry message
// and base_version (update, rollback) honour the query parameters every
// other write takes, refusing a query and a body that disagree.
func TestGlossaryWritePreconditionsEverywhere(t *testing.T) {
	base := glossaryGateway(t)
	u := func(path string) string { return base + path }
	doc := []byte(`{"id":"pre","entries":[{"id":"w1","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]}]}`)
	for _, tc := range []struct {
		name, header string
		status       int
		code         api.Code
	}{
		{"star", "*", http.StatusPreconditionFailed, api.CodePreconditionFailed},
		{"a version", `"1"`, http.StatusPreconditionFailed, api.CodePreconditionFailed},
		{"weak", `W/"1"`, http.StatusPreconditionFailed, api.CodePreconditionFailed},
		{"garbage", "garbage", http.StatusBadRequest, api.CodeInvalidArgument},
		{"a list", `"1", "2"`, http.StatusBadRequest, api.CodeInvalidArgument},
	} {
		t.Run("create with If-Match "+tc.name, func(t *testing.T) {
			r := callH(t, "POST", u("/v1/glossaries"), l10nKey, "application/json", doc, map[string]string{"If-Match": tc.header})
			if d := errorDetail(t, r); r.status != tc.status || d.Code != tc.code || d.Field != "If-Match" {
				t.Fatalf("%d %s, want %d %s on If-Match", r.status, r.body, tc.status, tc.code)
			}
			if r := call(t, "GET", u("/v1/glossaries/pre"), clientKey, "", nil); r.status != http.StatusNotFound {
				t.Fatalf("the refused create created the glossary: %d", r.status)
			}
		})
	}
	if r := call(t, "POST", u("/v1/glossaries"), l10nKey, "application/json", doc); r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}

	// The query's base_version is a condition on update and rollback too.
	for _, tc := range []struct{ method, path, body string }{
		{"PUT", "/v1/glossaries/pre?base_version=7", `{"name":"x"}`},
		{"POST", "/v1/glossaries/pre/rollback?base_version=7", `{"version":1}`},
	} {
		t.Run(tc.method+" with a stale base_version in the query", func(t *testing.T) {
			r := call(t, tc.method, u(tc.path), l10nKey, "application/json", []byte(tc.body))
			if d := errorDetail(t, r); r.status != http.StatusConflict || d.Field != "base_version" {
				t.Fatalf("%d %s, want 409 on base_version", r.status, r.body)
			}
		})
	}
	for _, tc := range []struct{ name, path, body, field string }{
		{"base_version", "/v1/glossaries/pre?base_version=1", `{"name":"x","base_version":2}`, "base_version"},
		{"message", "/v1/glossaries/pre?message=a", `{"name":"x","message":"b"}`, "message"},
		{"rollback base_version", "/v1/glossaries/pre/rollback?base_version=1", `{"version":1,"base_version":2}`, "base_version"},
		{"rollback message", "/v1/glossaries/pre/rollback?message=a", `{"version":1,"message":"b"}`, "message"},
	} {
		t.Run("query and body disagree on "+tc.name, func(t *testing.T) {
			method := "PUT"
			if strings.Contains(tc.path, "/rollback") {
				method = "POST"
			}
			r := call(t, method, u(tc.path), l10nKey, "application/json", []byte(tc.body))
			if d := errorDetail(t, r); r.status != http.StatusBadRequest || d.Code != api.CodeInvalidArgument || d.Field != tc.field {
				t.Fatalf("%d %s, want 400 on %s", r.status, r.body, tc.field)
			}
		})
	}
	if v := glossaryVersion(t, base, "pre"); v != 1 {
		t.Fatalf("refused writes wrote: version %d", v)
	}

	// The query's message is the change's message; agreeing with the
	// body is fine.
	var res api.GlossaryChangeResponse
	r := call(t, "PUT", u("/v1/glossaries/pre?base_version=1&message=renamed"), l10nKey, "application/json", []byte(`{"name":"Pre","base_version":1}`))
	r.decode(t, &res)
	if r.status != http.StatusOK || res.Change == nil || res.Change.Message != "renamed" || res.Change.Version != 2 {
		t.Fatalf("update with the query's message and base_version: %d %s", r.status, r.body)
	}
	r = call(t, "POST", u("/v1/glossaries/pre/rollback?base_version=2&message=back"), l10nKey, "application/json", []byte(`{"version":1,"message":"back"}`))
	res = api.GlossaryChangeResponse{}
	r.decode(t, &res)
	if r.status != http.StatusOK || res.Change == nil || res.Change.Message != "back" || res.Change.Version != 3 {
		t.Fatalf("rollback with the query's message and base_version: %d %s", r.status, r.body)
	}
}

// Writers racing with the current ETag: one wins, and every other one is
// told its If-Match no longer holds (412 on If-Match naming the version
// the glossary is at), never a 409 "changed meanwhile" without a field.
func TestGlossaryIfMatchConcurrentWriters(t *testing.T) {
	base := glossaryGateway(t)
	create := `{"id":"race","entries":[{"id":"w1","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]}]}`
	if r := call(t, "POST", base+"/v1/glossaries", l10nKey, "application/json", []byte(create)); r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	const writers = 10
	type result struct {
		status int
		body   []byte
		err    error
	}
	results := make([]result, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			body := fmt.Sprintf(`{"terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo %d"}]}`, i)
			req, err := http.NewRequest("PUT", base+"/v1/glossaries/race/entries/w1", strings.NewReader(body))
			if err != nil {
				results[i].err = err
				return
			}
			req.Header.Set("Authorization", "Bearer "+l10nKey)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", `"1"`)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				results[i].err = err
				return
			}
			defer res.Body.Close()
			results[i].status = res.StatusCode
			results[i].body, results[i].err = io.ReadAll(res.Body)
		})
	}
	wg.Wait()
	wins := 0
	for i, r := range results {
		if r.err != nil {
			t.Fatalf("writer %d: %v", i, r.err)
		}
		if r.status == http.StatusOK {
			wins++
			continue
		}
		d := errorDetail(t, response{status: r.status, body: r.body})
		if r.status != http.StatusPreconditionFailed || d.Code != api.CodePreconditionFailed || d.Field != "If-Match" || !strings.Contains(d.Message, "at version 2, not 1") {
			t.Errorf("writer %d: %d %s, want 412 on If-Match", i, r.status, r.body)
		}
	}
	if wins != 1 {
		t.Fatalf("%d writers won, want 1", wins)
	}
	if v := glossaryVersion(t, base, "race"); v != 2 {
		t.Fatalf("version %d after the race, want 2", v)
	}
}

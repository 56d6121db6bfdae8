package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

const (
	l10nKey   = "l10n-key-0123456789"
	clientKey = "client-key-0123456789"
)

// glossaryGateway runs the gateway with the real glossary service (its
// JetStream store on an embedded server) and two keys: lena
// (localization) and app (client).
func glossaryGateway(t *testing.T) string {
	t.Helper()
	s := natstest.RunServer(t)
	stop, err := glossary.Start(context.Background(), svcmain.Deps{
		NC:  natstest.Conn(t, s),
		Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_SYNC": "false"})),
		Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	keys, err := gateway.ParseKeys("lena:localization:" + l10nKey + ",app:client:" + clientKey)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Keys: keys, Timeout: 20 * time.Second}, natstest.Conn(t, s), reg, reg, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// apiError checks the one error shape and returns its code.
func (r response) apiError(t *testing.T) api.Code {
	t.Helper()
	var eb api.ErrorBody
	r.decode(t, &eb)
	if eb.Error.Code == "" || eb.Error.Status != r.status || eb.Error.Message == "" || eb.Error.RequestID == "" {
		t.Fatalf("not the error shape (status %d): %s", r.status, r.body)
	}
	return eb.Error.Code
}

func call(t *testing.T, method, url, key, contentType string, body []byte) response {
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
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, data}
}

func jsonBody(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGlossaryAPI(t *testing.T) {
	base := glossaryGateway(t)
	u := func(path string) string { return base + path }

	// Writes need the localization role; reads any key.
	create := jsonBody(t, api.Glossary{ID: "product", Name: "Product", Entries: []api.GlossaryEntry{
		{ID: "thread", Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: "hilo", Forbidden: []string{"hebra"}}}},
	}})
	for _, tc := range []struct {
		key  string
		want int
		code api.Code
	}{{"", 401, api.CodeUnauthorized}, {clientKey, 403, api.CodeForbidden}} {
		r := call(t, "POST", u("/v1/glossaries"), tc.key, "application/json", create)
		if r.status != tc.want || r.apiError(t) != tc.code {
			t.Fatalf("create with key %q: %d %s", tc.key, r.status, r.body)
		}
	}
	r := call(t, "POST", u("/v1/glossaries"), l10nKey, "application/json", create)
	var created api.GlossaryChangeResponse
	r.decode(t, &created)
	if r.status != 201 || created.Change.Version != 1 || created.Change.Author != "lena" || r.header.Get("Location") != "/v1/glossaries/product" {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if r := call(t, "GET", u("/v1/glossaries"), "", "", nil); r.status != 401 {
		t.Errorf("list without a key while keys are configured: %d", r.status)
	}
	r = call(t, "GET", u("/v1/glossaries"), clientKey, "", nil)
	var list api.GlossaryListResponse
	r.decode(t, &list)
	if r.status != 200 || len(list.Glossaries) != 1 || list.Glossaries[0].UpdatedBy != "lena" {
		t.Fatalf("list: %s", r.body)
	}

	// Entries: add, read, replace, delete.
	r = call(t, "POST", u("/v1/glossaries/product/entries?message=add+message"), l10nKey, "application/json",
		jsonBody(t, api.GlossaryEntry{Terms: []api.GlossaryTerm{{Language: "en", Text: "message"}, {Language: "es", Text: "mensaje"}}}))
	var added api.GlossaryEntryResponse
	r.decode(t, &added)
	if r.status != 201 || added.Version != 2 || added.Entry.ID == "" || added.Change.Message != "add message" {
		t.Fatalf("add entry: %d %s", r.status, r.body)
	}
	r = call(t, "GET", u("/v1/glossaries/product/entries/"+added.Entry.ID), clientKey, "", nil)
	if r.status != 200 || !strings.Contains(string(r.body), `"mensaje"`) {
		t.Fatalf("get entry: %d %s", r.status, r.body)
	}
	r = call(t, "PUT", u("/v1/glossaries/product/entries/thread?base_version=1"), l10nKey, "application/json",
		jsonBody(t, api.GlossaryEntry{Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: "hilo"}}}))
	if r.status != 409 || r.apiError(t) != api.CodeConflict {
		t.Fatalf("stale base version: %d %s", r.status, r.body)
	}
	r = call(t, "PUT", u("/v1/glossaries/product/entries/thread"), l10nKey, "application/json",
		jsonBody(t, api.GlossaryEntry{Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: "hilo"}, {Language: "de", Text: "Thread"}}}))
	if r.status != 200 {
		t.Fatalf("replace entry: %d %s", r.status, r.body)
	}
	r = call(t, "GET", u("/v1/glossaries/product/entries?q=HIL&limit=10"), clientKey, "", nil)
	var page api.GlossaryEntriesResponse
	r.decode(t, &page)
	if page.Total != 1 || page.Entries[0].ID != "thread" || page.Version != 3 {
		t.Fatalf("search: %s", r.body)
	}

	// Import: a dry run reports, a bad file is refused in the error shape.
	csv := []byte("entry_id,en,es,de\nthread,thread,hilo,Thread\nch,channel,canal,Kanal\n")
	r = call(t, "POST", u("/v1/glossaries/product/import?dry_run=true&mode=merge"), l10nKey, "text/csv", csv)
	var dry api.GlossaryImportReport
	r.decode(t, &dry)
	if r.status != 200 || !dry.DryRun || !dry.Valid || dry.Added != 1 || dry.Change != nil || dry.Format != "csv" {
		t.Fatalf("dry run: %d %s", r.status, r.body)
	}
	r = call(t, "POST", u("/v1/glossaries/product/import"), l10nKey, "text/csv", []byte("en,es\nthread,\n"))
	if r.status != 400 || r.apiError(t) != api.CodeInvalidArgument || !strings.Contains(string(r.body), "dry_run=true") {
		t.Fatalf("bad import: %d %s", r.status, r.body)
	}
	r = call(t, "POST", u("/v1/glossaries/product/import?mode=merge"), l10nKey, "text/csv", csv)
	var imp api.GlossaryImportReport
	r.decode(t, &imp)
	if r.status != 200 || imp.Change == nil || imp.Change.Version != 4 || imp.Change.Action != "import" {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	// A multipart upload, as a browser sends it.
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "product.tsv")
	fw.Write([]byte("entry_id\ten\tfr\nch\tchannel\tcanal\n"))
	mw.Close()
	r = call(t, "POST", u("/v1/glossaries/product/import?dry_run=true&mode=merge"), l10nKey, mw.FormDataContentType(), form.Bytes())
	if r.decode(t, &dry); r.status != 200 || dry.Format != "tsv" || dry.Changed != 1 {
		t.Fatalf("multipart dry run: %d %s", r.status, r.body)
	}

	// Export in every format, and the version header.
	for _, format := range []string{"csv", "tsv", "tbx", "tbx-v2"} {
		r = call(t, "GET", u("/v1/glossaries/product/export?format="+format), clientKey, "", nil)
		if r.status != 200 || r.header.Get("X-Glossary-Version") != "4" || !strings.Contains(r.header.Get("Content-Disposition"), "product.") {
			t.Fatalf("export %s: %d %v %s", format, r.status, r.header, r.body)
		}
		rt := call(t, "POST", u("/v1/glossaries/product/import?dry_run=true&format="+format), l10nKey, "", r.body)
		var rep api.GlossaryImportReport
		rt.decode(t, &rep)
		if !rep.Unchanged {
			t.Errorf("%s export does not re-import unchanged: %s", format, rt.body)
		}
	}

	// History: versions, diff, rollback.
	r = call(t, "GET", u("/v1/glossaries/product/versions"), clientKey, "", nil)
	var vs api.GlossaryVersionsResponse
	r.decode(t, &vs)
	if len(vs.Versions) != 4 || vs.Versions[0].Version != 4 {
		t.Fatalf("versions: %s", r.body)
	}
	r = call(t, "GET", u("/v1/glossaries/product/diff?from=1&to=4"), clientKey, "", nil)
	var diff api.GlossaryDiff
	r.decode(t, &diff)
	if diff.AddedCount != 2 || diff.ChangedCount != 1 {
		t.Fatalf("diff: %s", r.body)
	}
	r = call(t, "POST", u("/v1/glossaries/product/rollback"), l10nKey, "application/json", []byte(`{"version":1}`))
	var rb api.GlossaryChangeResponse
	r.decode(t, &rb)
	if r.status != 200 || rb.Change.Version != 5 || rb.Change.RollbackOf != 1 || rb.Glossary.Entries != 1 {
		t.Fatalf("rollback: %d %s", r.status, r.body)
	}
	r = call(t, "GET", u("/v1/glossaries/product?version=2"), clientKey, "", nil)
	if r.status != 200 || r.header.Get("ETag") != `"2"` {
		t.Fatalf("get version 2: %d %s", r.status, r.body)
	}
	r = call(t, "DELETE", u("/v1/glossaries/product"), l10nKey, "", nil)
	if r.status != 200 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	r = call(t, "GET", u("/v1/glossaries/product"), clientKey, "", nil)
	if r.status != 404 || r.apiError(t) != api.CodeNotFound {
		t.Fatalf("get after delete: %d %s", r.status, r.body)
	}
}

func TestGlossaryAPIErrors(t *testing.T) {
	base := glossaryGateway(t)
	r := call(t, "POST", base+"/v1/glossaries", l10nKey, "application/json", jsonBody(t, api.Glossary{ID: "g", Entries: []api.GlossaryEntry{
		{Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: "hilo"}}}}}))
	if r.status != 201 {
		t.Fatalf("create: %s", r.body)
	}
	tests := []struct {
		name, method, path, key, ct, body string
		status                            int
		code                              api.Code
	}{
		{"unknown glossary", "GET", "/v1/glossaries/nope", clientKey, "", "", 404, api.CodeNotFound},
		{"unknown entry", "GET", "/v1/glossaries/g/entries/nope", clientKey, "", "", 404, api.CodeNotFound},
		{"bad version", "GET", "/v1/glossaries/g?version=x", clientKey, "", "", 400, api.CodeInvalidArgument},
		{"missing version", "GET", "/v1/glossaries/g?version=7", clientKey, "", "", 404, api.CodeNotFound},
		{"bad format", "GET", "/v1/glossaries/g/export?format=xlsx", clientKey, "", "", 400, api.CodeInvalidArgument},
		{"diff without from", "GET", "/v1/glossaries/g/diff", clientKey, "", "", 400, api.CodeInvalidArgument},
		{"bad dry_run", "POST", "/v1/glossaries/g/import?dry_run=maybe", l10nKey, "text/csv", "en,es\n", 400, api.CodeInvalidArgument},
		{"bad mode", "POST", "/v1/glossaries/g/import?mode=append", l10nKey, "text/csv", "en,es\n", 400, api.CodeInvalidArgument},
		{"bad create", "POST", "/v1/glossaries/g/import?create=perhaps", l10nKey, "text/csv", "en,es\nthread,hilo\n", 400, api.CodeInvalidArgument},
		{"create of a taken id", "POST", "/v1/glossaries/g/import?create=true", l10nKey, "text/csv", "en,es\nthread,hilo\n", 409, api.CodeConflict},
		{"create of a taken id, dry run", "POST", "/v1/glossaries/g/import?create=true&dry_run=true", l10nKey, "text/csv", "en,es\nthread,hilo\n", 409, api.CodeConflict},
		{"empty import", "POST", "/v1/glossaries/g/import", l10nKey, "text/csv", "", 400, api.CodeInvalidArgument},
		{"unsafe TBX", "POST", "/v1/glossaries/g/import", l10nKey, "application/xml", `<!DOCTYPE x [<!ENTITY a "b">]><tbx/>`, 400, api.CodeInvalidArgument},
		{"invalid JSON", "POST", "/v1/glossaries", l10nKey, "application/json", `{"id":`, 400, api.CodeInvalidJSON},
		{"a form", "POST", "/v1/glossaries", l10nKey, "application/x-www-form-urlencoded", `{"id":"f","entries":[]}`, 415, api.CodeUnsupportedMediaType},
		{"an entry as text", "PUT", "/v1/glossaries/g/entries/a", l10nKey, "text/plain", `{"id":"a","terms":[]}`, 415, api.CodeUnsupportedMediaType},
		{"invalid glossary", "POST", "/v1/glossaries", l10nKey, "application/json", `{"id":"x","languages":["english!"],"entries":[]}`, 400, api.CodeInvalidArgument},
		{"duplicate", "POST", "/v1/glossaries", l10nKey, "application/json", `{"id":"g","entries":[]}`, 409, api.CodeConflict},
		{"path and body disagree", "PUT", "/v1/glossaries/g/entries/a", l10nKey, "application/json", `{"id":"b","terms":[]}`, 400, api.CodeInvalidArgument},
		{"rollback without a version", "POST", "/v1/glossaries/g/rollback", l10nKey, "application/json", `{}`, 400, api.CodeInvalidArgument},
		{"client key cannot write", "DELETE", "/v1/glossaries/g", clientKey, "", "", 403, api.CodeForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, tt.method, base+tt.path, tt.key, tt.ct, []byte(tt.body))
			if r.status != tt.status || r.apiError(t) != tt.code {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, tt.status, tt.code)
			}
		})
	}
}

// A body naming another glossary than the path, and an unknown glossary
// mode, are refused whether or not the glossary exists, naming the field.
func TestGlossaryAPIFieldChecks(t *testing.T) {
	base := glossaryGateway(t)
	r := call(t, "POST", base+"/v1/glossaries", l10nKey, "application/json", []byte(`{"id":"g4","entries":[{"id":"thread","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]}]}`))
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	for _, tc := range []struct {
		name, method, path, ct, body, field string
	}{
		{"glossary id in the body", "PUT", "/v1/glossaries/g4", "application/json", `{"id":"other","name":"x"}`, "id"},
		{"entry id in the body", "PUT", "/v1/glossaries/g4/entries/thread", "application/json", `{"id":"other","terms":[]}`, "id"},
		{"mode of an existing glossary", "POST", "/v1/glossaries/g4/import?glossary_mode=bogus", "text/csv", "en,es\nthread,hilo\n", "glossary_mode"},
		{"mode of a new glossary", "POST", "/v1/glossaries/g5/import?glossary_mode=bogus", "text/csv", "en,es\nthread,hilo\n", "glossary_mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, tc.method, base+tc.path, l10nKey, tc.ct, []byte(tc.body))
			var eb api.ErrorBody
			if r.decode(t, &eb); r.status != http.StatusBadRequest || eb.Error.Code != api.CodeInvalidArgument || eb.Error.Field != tc.field {
				t.Fatalf("%d %s, want 400 invalid_argument on %s", r.status, r.body, tc.field)
			}
		})
	}
	// Nothing was written.
	var info api.GlossaryInfo
	r = call(t, "GET", base+"/v1/glossaries/g4", clientKey, "", nil)
	if r.decode(t, &info); info.Version != 1 || info.Name != "" {
		t.Fatalf("after the refused writes: %s", r.body)
	}
	if r := call(t, "GET", base+"/v1/glossaries/g5", clientKey, "", nil); r.status != http.StatusNotFound {
		t.Fatalf("g5: %d %s", r.status, r.body)
	}
	// The same id in the body is fine.
	if r := call(t, "PUT", base+"/v1/glossaries/g4", l10nKey, "application/json", []byte(`{"id":"g4","name":"G4"}`)); r.status != 200 {
		t.Fatalf("same id: %d %s", r.status, r.body)
	}
}

// A file larger than one NATS message goes through the transfer bucket.
func TestGlossaryAPILargeFile(t *testing.T) {
	base := glossaryGateway(t)
	var b strings.Builder
	b.WriteString("en,es,note\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "term %d,término %d,%s\n", i, i, strings.Repeat("n", 50))
	}
	r := call(t, "POST", base+"/v1/glossaries/big/import", l10nKey, "text/csv", []byte(b.String()))
	var rep api.GlossaryImportReport
	r.decode(t, &rep)
	if r.status != 200 || rep.Entries != 5000 {
		t.Fatalf("import: %d %.300s", r.status, r.body)
	}
	r = call(t, "GET", base+"/v1/glossaries/big/export?format=csv", clientKey, "", nil)
	if r.status != 200 || string(r.body) != b.String() {
		t.Fatalf("export: %d, %d bytes", r.status, len(r.body))
	}
}

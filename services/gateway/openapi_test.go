package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// TestOpenAPIExamplesAreAccepted posts every request example of the served
// document to its route and expects an answer that is neither a server
// error nor a rejection of the body's shape.
func TestOpenAPIExamplesAreAccepted(t *testing.T) {
	const eraseKey = "openapi-erase-0123456789"
	u := compatGateway(t, "app:client:"+clientKey+",dpo:admin:"+eraseKey)
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
				case strings.HasPrefix(path, "/v1/admin/"):
					h = http.Header{"Authorization": {"Bearer " + eraseKey}}
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

// docOperation is one operation of the served document, as far as the
// tests below read it.
type docOperation struct {
	Parameters []struct {
		Name string `json:"name"`
		In   string `json:"in"`
	} `json:"parameters"`
	RequestBody struct {
		Content map[string]json.RawMessage `json:"content"`
	} `json:"requestBody"`
	Responses map[string]struct {
		Content map[string]json.RawMessage `json:"content"`
		Headers map[string]json.RawMessage `json:"headers"`
	} `json:"responses"`
	Security []map[string][]string `json:"security"`
}

// successStatus is the one 2xx status op documents.
func (op docOperation) successStatus(t *testing.T) int {
	t.Helper()
	var ok []int
	for s := range op.Responses {
		if n, err := strconv.Atoi(s); err == nil && n < 300 {
			ok = append(ok, n)
		}
	}
	slices.Sort(ok)
	// A create documents, besides its 201, the 200 of a retry that finds
	// what the first call created (POST /v1/messages).
	if slices.Equal(ok, []int{http.StatusOK, http.StatusCreated}) {
		return http.StatusCreated
	}
	if len(ok) != 1 {
		t.Fatalf("documented success statuses %v, want one", ok)
	}
	return ok[0]
}

func (op docOperation) param(in, name string) bool {
	for _, p := range op.Parameters {
		if p.In == in && strings.EqualFold(p.Name, name) {
			return true
		}
	}
	return false
}

// docCall is one request the coverage test makes: op names the documented
// operation ("POST /v1/glossaries/{id}/entries"), target the concrete path
// with its query string.
type docCall struct {
	op, target  string
	ctype, body string
	header      http.Header
	// want is the expected status (0: the documented success status).
	want int
	// bodyKey: the key is in the body (LibreTranslate's api_key), so the
	// call is not repeated without a key (nor is one with auth_key in
	// its query string).
	bodyKey bool
	// stream: Server-Sent Events; only the head of the answer is read.
	stream bool
}

// docCoverage holds the served document to what the routes answer, and
// records which of its operations, parameters, request media types and
// response headers some call exercised.
type docCoverage struct {
	t    *testing.T
	base string
	key  string
	doc  map[string]map[string]docOperation
	// schemas checks each JSON answer against the schema documented
	// for its status.
	schemas schemaChecker
	calls   int
	// covered ops answered with their success status; used holds, of
	// those calls, "op|query|name" and "op|header|name" of the parameters
	// and request headers, "op|media|type" of the request bodies,
	// "op|answer|ETag" (or Location) of the answers, and "scheme|name" of
	// the key schemes.
	covered map[string]bool
	used    map[string]bool
}

// load reads the served document.
func (d *docCoverage) load() {
	d.t.Helper()
	var doc struct {
		Paths      map[string]map[string]docOperation `json:"paths"`
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	r := send(d.t, "GET", d.base+"/openapi.json", "", "", nil)
	if r.status != http.StatusOK {
		d.t.Fatalf("GET /openapi.json: %d %s", r.status, r.body)
	}
	r.decode(d.t, &doc)
	if len(doc.Paths) == 0 {
		d.t.Fatal("the document has no paths")
	}
	d.doc = doc.Paths
	d.schemas = schemaChecker{schemas: doc.Components.Schemas}
}

// bareAllowed lists the operations whose JSON success answer may be
// documented as a bare object ({"type": "object"}), saying nothing of
// its fields. None may: a client generated from such a schema types the
// answer as anything, and the document drifts from the code unseen.
var bareAllowed = map[string]bool{}

// checkBody holds a JSON answer of op with the given status to the
// schema documented for it (for an error status without its own
// answer, the default's).
func (d *docCoverage) checkBody(op string, status int, media json.RawMessage, body []byte) {
	t := d.t
	t.Helper()
	var m struct {
		Schema any `json:"schema"`
	}
	if err := json.Unmarshal(media, &m); err != nil || m.Schema == nil {
		t.Fatalf("%s documents %d as JSON without a schema", op, status)
	}
	if status < 300 && d.schemas.bare(m.Schema) && !bareAllowed[op] {
		t.Errorf("%s documents its %d answer as a bare object: give it a schema with its properties (openAPIOp.response)", op, status)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s answered %d with JSON that does not parse: %v: %s", op, status, err, body)
	}
	for _, e := range d.schemas.check(m.Schema, v, "$") {
		t.Errorf("%s: the %d answer does not match its documented schema: %s\n%s", op, status, e, describe(v))
	}
}

func (d *docCoverage) operation(key string) docOperation {
	d.t.Helper()
	method, path, _ := strings.Cut(key, " ")
	op, ok := d.doc[path][strings.ToLower(method)]
	if !ok {
		d.t.Fatalf("%s is not documented", key)
	}
	return op
}

// keyed presents the key in one of the forms every route accepts, in
// turn, so that the calls exercise each documented scheme; it returns the
// name of the scheme used.
func (d *docCoverage) keyed(h http.Header) (http.Header, string) {
	out := h.Clone()
	if out == nil {
		out = http.Header{}
	}
	scheme := ""
	switch d.calls % 3 {
	case 0:
		out.Set("Authorization", "Bearer "+d.key)
		scheme = "bearer"
	case 1:
		out.Set("X-Api-Key", d.key)
		scheme = "apiKeyHeader"
	default:
		out.Set("Authorization", "DeepL-Auth-Key "+d.key)
		scheme = "deeplAuthKey"
	}
	d.calls++
	return out, scheme
}

// lists reports whether op lists the security scheme.
func (op docOperation) lists(scheme string) bool {
	return slices.ContainsFunc(op.Security, func(req map[string][]string) bool { _, ok := req[scheme]; return ok })
}

func (d *docCoverage) send(method, target, ctype, body string, header http.Header, stream bool) response {
	d.t.Helper()
	if !stream {
		return send(d.t, method, d.base+target, ctype, body, header)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, d.base+target, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	req.Header = header.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer res.Body.Close()
	// The first event (retry: and a comment) is enough to tell a body.
	buf := make([]byte, 16)
	n, _ := res.Body.Read(buf)
	return response{status: res.StatusCode, header: res.Header, body: buf[:n]}
}

// do makes c: first without a key, which a route whose operation lists a
// security scheme must refuse, then (for those) with one. It checks the
// answer's status, media type, ETag and Location against the document.
func (d *docCoverage) do(c docCall) response {
	t := d.t
	t.Helper()
	op := d.operation(c.op)
	method, _, _ := strings.Cut(c.op, " ")
	keyed := len(op.Security) > 0
	if strings.Contains(c.target, "auth_key=") {
		c.bodyKey = true // the key is in the query string
	}
	if keyed && !c.bodyKey {
		if r := d.send(method, c.target, c.ctype, c.body, c.header, c.stream); r.status < 400 {
			t.Fatalf("%s lists security schemes but answered %d without a key", c.target, r.status)
		}
	}
	header, scheme := c.header, ""
	switch {
	case strings.Contains(c.target, "auth_key="):
		scheme = "deeplAuthKeyQuery"
	case keyed && !c.bodyKey:
		header, scheme = d.keyed(header)
	}
	if scheme != "" && !op.lists(scheme) {
		t.Fatalf("%s: a key presented by %s, which its security does not list (%v)", c.op, scheme, op.Security)
	}
	d.used["scheme|"+scheme] = true
	r := d.send(method, c.target, c.ctype, c.body, header, c.stream)
	want := c.want
	if want == 0 {
		want = op.successStatus(t)
	}
	if r.status != want {
		t.Fatalf("%s %s answered %d, want %d: %s", method, c.target, r.status, want, r.body)
	}
	resp, ok := op.Responses[strconv.Itoa(r.status)]
	if !ok {
		t.Fatalf("%s %s answered %d, which %s does not document (%v)", method, c.target, r.status, c.op, slices.Sorted(maps.Keys(op.Responses)))
	}
	if len(resp.Content) == 0 {
		if len(r.body) != 0 {
			t.Fatalf("%s documents no body for %d, %s answered %q", c.op, r.status, c.target, r.body)
		}
	} else {
		mt, _, _ := mime.ParseMediaType(r.header.Get("Content-Type"))
		media, ok := resp.Content[mt]
		if !ok {
			t.Fatalf("%s %s answered %s, %s documents %v", method, c.target, mt, c.op, slices.Sorted(maps.Keys(resp.Content)))
		}
		if mt == jsonType {
			d.checkBody(c.op, r.status, media, r.body)
		}
	}
	if r.status >= 300 {
		return r
	}
	// What the call used must be documented; what it answered with is
	// recorded, and must be documented too.
	d.covered[c.op] = true
	u, err := url.Parse(c.target)
	if err != nil {
		t.Fatal(err)
	}
	for name := range u.Query() {
		if name == "auth_key" {
			continue // a security scheme
		}
		if !op.param("query", name) {
			t.Errorf("%s: query parameter %s is not documented", c.op, name)
		}
		d.used[c.op+"|query|"+name] = true
	}
	for name := range c.header {
		if !op.param("header", name) {
			t.Errorf("%s: request header %s is not documented", c.op, name)
		}
		d.used[c.op+"|header|"+strings.ToLower(name)] = true
	}
	if c.body != "" {
		mt, _, _ := mime.ParseMediaType(c.ctype)
		if _, ok := op.RequestBody.Content[mt]; !ok {
			t.Errorf("%s: request media type %s is not documented (%v)", c.op, mt, slices.Sorted(maps.Keys(op.RequestBody.Content)))
		}
		d.used[c.op+"|media|"+mt] = true
	}
	for _, h := range []string{"ETag", "Location"} {
		if r.header.Get(h) == "" {
			continue
		}
		if _, ok := resp.Headers[h]; !ok {
			t.Errorf("%s answered with %s %q, which it does not document", c.op, h, r.header.Get(h))
		}
		d.used[c.op+"|answer|"+h] = true
	}
	if path, ok := strings.CutPrefix(c.op, "GET "); ok {
		// Its HEAD, held to its own operation: the same status and
		// headers (ETag, Content-Type), and no body.
		head := c
		head.op = "HEAD " + path
		hr := d.do(head)
		if hr.header.Get("ETag") != r.header.Get("ETag") || hr.header.Get("Content-Type") != r.header.Get("Content-Type") {
			t.Errorf("HEAD %s answered ETag %q, Content-Type %q; GET %q, %q", c.target,
				hr.header.Get("ETag"), hr.header.Get("Content-Type"), r.header.Get("ETag"), r.header.Get("Content-Type"))
		}
	}
	return r
}

// check fails for every documented operation, parameter, request media
// type, ETag and Location that no successful call exercised.
func (d *docCoverage) check() {
	t := d.t
	for _, scheme := range []string{"bearer", "apiKeyHeader", "deeplAuthKey", "deeplAuthKeyQuery"} {
		if !d.used["scheme|"+scheme] {
			t.Errorf("no call presented a key by %s", scheme)
		}
	}
	for path, item := range d.doc {
		for method, op := range item {
			key := strings.ToUpper(method) + " " + path
			if !d.covered[key] {
				t.Errorf("no call of %s answered its documented success (add one to TestOpenAPIOperationsAnswerAsDocumented)", key)
				continue
			}
			for _, p := range op.Parameters {
				if p.In == "path" {
					continue
				}
				if name := p.Name; p.In == "header" {
					name = strings.ToLower(name)
					if !d.used[key+"|header|"+name] {
						t.Errorf("%s: no call sent the documented header %s", key, p.Name)
					}
				} else if !d.used[key+"|"+p.In+"|"+name] {
					t.Errorf("%s: no call used the documented %s parameter %s", key, p.In, p.Name)
				}
			}
			for mt := range op.RequestBody.Content {
				if !d.used[key+"|media|"+mt] {
					t.Errorf("%s: no call sent the documented request media type %s", key, mt)
				}
			}
			for s, resp := range op.Responses {
				if n, _ := strconv.Atoi(s); n < 200 || n >= 300 {
					continue
				}
				for _, h := range []string{"ETag", "Location"} {
					if _, ok := resp.Headers[h]; ok && !d.used[key+"|answer|"+h] {
						t.Errorf("%s documents %s, which no answer carried", key, h)
					}
				}
			}
		}
	}
}

// multipartFile encodes a multipart form with one file field.
func multipartFile(t *testing.T, field, name string, data []byte) (body, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), w.FormDataContentType()
}

// TestOpenAPIOperationsAnswerAsDocumented calls every operation of the
// served document against the gateway in front of the real glossary and
// moderation services (and fake detect and translate ones), and holds each
// answer to the document: the documented success status (201 on creates,
// 204 without a body), its media type (JSON, TSV, CSV, TBX, an event
// stream, HTML…), ETag and Location, the 409 and 412 of conditional
// writes, and the security: an operation that lists a scheme refuses a
// call without a key, one that lists none answers it. Every documented
// operation, query parameter, request header and request media type must
// be used by some call, and every one a call uses must be documented.
func TestOpenAPIOperationsAnswerAsDocumented(t *testing.T) {
	const adminKey = "openapi-admin-0123456789"
	var nc *nats.Conn
	env := compatGatewayWith(t, "ops:admin:"+adminKey, gateway.Config{}, func(c *nats.Conn) {
		nc = c
		withGlossary(t)(c)
		withModeration(t)(c)
		(&fakeInvalidate{}).start(t, c)
	})
	d := &docCoverage{t: t, base: env.url, key: adminKey, covered: map[string]bool{}, used: map[string]bool{}}
	d.load()
	do := d.do
	do(docCall{op: "GET /openapi.json", target: "/openapi.json"})
	jsonCall := func(op, target, body string, want int, header http.Header) response {
		t.Helper()
		return do(docCall{op: op, target: target, ctype: jsonType, body: body, want: want, header: header})
	}

	// Operations and health.
	do(docCall{op: "GET /healthz", target: "/healthz"})
	// Quality, safety and messages are not running: degraded, which is
	// ready, and not ready for ?all, said in the documented 503.
	do(docCall{op: "GET /readyz", target: "/readyz"})
	do(docCall{op: "GET /readyz", target: "/readyz?all", want: http.StatusServiceUnavailable})
	for _, name := range []string{api.ServiceQuality, api.ServiceSafety, api.ServiceMessages} {
		svc, err := micro.AddService(nc, micro.Config{Name: name, Version: "0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = svc.Stop() })
	}
	do(docCall{op: "GET /readyz", target: "/readyz?all"})
	do(docCall{op: "GET /metrics", target: "/metrics"})
	for _, p := range []string{"/", "/demo/app.js", "/demo/app.css"} {
		do(docCall{op: "GET " + p, target: p})
	}

	// Parley's translation routes.
	jsonCall("POST /v1/translate", "/v1/translate", `{"text":"<b>hello</b>","source":"en","target":"es","format":"html"}`, 0, nil)
	jsonCall("POST /v1/translate", "/v1/translate?locale=es", `{"text":"hello","source":"en"}`, 0, nil)
	jsonCall("POST /v1/translate", "/v1/translate", `{"text":"hello","source":"en"}`, 0, http.Header{"Accept-Language": {"es"}})
	jsonCall("POST /v1/detect", "/v1/detect", `{"text":"hola amigo"}`, 0, nil)
	do(docCall{op: "GET /v1/languages", target: "/v1/languages"})
	do(docCall{op: "GET /v1/usage", target: "/v1/usage"})
	jsonCall("POST /v1/feedback", "/v1/feedback", `{"original":"hello","translation":"hola","rating":4,"source_lang":"en","target_lang":"es"}`, 0, nil)
	jsonCall("POST /v1/cache/invalidate", "/v1/cache/invalidate", `{"conversation_id":"c1","message_id":"m1"}`, 0, nil)

	// Glossaries: every read sends the version as ETag, and a write's
	// If-Match or base_version naming an old one is 412 or 409.
	g := "/v1/glossaries/doc"
	r := jsonCall("POST /v1/glossaries", "/v1/glossaries?message=created",
		`{"id":"doc","name":"Doc","entries":[{"id":"thread","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]}]}`, 0, nil)
	etag := r.header.Get("ETag")
	jsonCall("POST /v1/glossaries", "/v1/glossaries", `{"id":"doc"}`, http.StatusConflict, nil)
	do(docCall{op: "GET /v1/glossaries", target: "/v1/glossaries"})
	do(docCall{op: "GET /v1/glossaries/{id}", target: g + "?version=1"})
	ifMatch := func(tag string) http.Header { return http.Header{"If-Match": {tag}} }
	jsonCall("POST /v1/glossaries", "/v1/glossaries", `{"id":"doc2"}`, http.StatusPreconditionFailed, ifMatch("*"))
	r = jsonCall("PUT /v1/glossaries/{id}", g+"?message=rename&base_version="+strings.Trim(etag, `"`), `{"name":"Doc 2","message":"rename"}`, 0, ifMatch(etag))
	stale, etag := etag, r.header.Get("ETag")
	jsonCall("PUT /v1/glossaries/{id}", g, `{"name":"Doc 3"}`, http.StatusPreconditionFailed, ifMatch(stale))
	jsonCall("PUT /v1/glossaries/{id}", g, `{"name":"Doc 3","base_version":1}`, http.StatusConflict, nil)
	entry := `{"id":"msg","terms":[{"language":"en","text":"message"},{"language":"es","text":"mensaje"}]}`
	jsonCall("POST /v1/glossaries/{id}/entries", g+"/entries?base_version=1", entry, http.StatusConflict, nil)
	jsonCall("POST /v1/glossaries/{id}/entries", g+"/entries", entry, http.StatusPreconditionFailed, ifMatch(stale))
	r = jsonCall("POST /v1/glossaries/{id}/entries", g+"/entries?message=add&base_version="+strings.Trim(etag, `"`), entry, 0, ifMatch(etag))
	etag = r.header.Get("ETag")
	do(docCall{op: "GET /v1/glossaries/{id}/entries", target: g + "/entries?q=mens&language=es&version=" + strings.Trim(etag, `"`) + "&offset=0&limit=10"})
	do(docCall{op: "GET /v1/glossaries/{id}/entries/{entry}", target: g + "/entries/msg?version=" + strings.Trim(etag, `"`)})
	r = jsonCall("PUT /v1/glossaries/{id}/entries/{entry}", g+"/entries/msg?message=fix&base_version="+strings.Trim(etag, `"`),
		`{"terms":[{"language":"en","text":"message"},{"language":"es","text":"mensaje"},{"language":"de","text":"Nachricht"}]}`, 0, ifMatch(etag))
	etag = r.header.Get("ETag")
	r = do(docCall{op: "DELETE /v1/glossaries/{id}/entries/{entry}", target: g + "/entries/msg?message=drop&base_version=" + strings.Trim(etag, `"`), header: ifMatch(etag)})
	etag = r.header.Get("ETag")
	do(docCall{op: "DELETE /v1/glossaries/{id}/entries/{entry}", target: g + "/entries/thread", header: ifMatch(stale), want: http.StatusPreconditionFailed})

	// Export in every format; each file is also an upload below.
	files := map[string]string{}
	for _, format := range []string{"tbx", "tbx-v2", "csv", "tsv"} {
		r := do(docCall{op: "GET /v1/glossaries/{id}/export", target: g + "/export?format=" + format + "&version=" + strings.Trim(etag, `"`)})
		mt, _, _ := mime.ParseMediaType(r.header.Get("Content-Type"))
		files[mt] = string(r.body)
	}
	do(docCall{op: "GET /v1/glossaries/{id}/export", target: g + "/export"})
	uploads := map[string]string{
		"text/csv": files["text/csv"], "text/tab-separated-values": files["text/tab-separated-values"],
		"application/x-tbx+xml": files["application/x-tbx+xml"], "application/tbx+xml": files["application/x-tbx+xml"],
		"application/xml": files["application/x-tbx+xml"], "text/xml": files["application/x-tbx+xml"],
		"application/octet-stream": files["application/x-tbx+xml"],
	}
	imp := d.operation("POST /v1/glossaries/{id}/import")
	for mt := range imp.RequestBody.Content {
		if mt == "multipart/form-data" {
			continue
		}
		data, ok := uploads[mt]
		if !ok || data == "" {
			t.Fatalf("no file to upload as %s", mt)
		}
		do(docCall{op: "POST /v1/glossaries/{id}/import", target: g + "/import?dry_run=true", ctype: mt, body: data})
	}
	body, ctype := multipartFile(t, "file", "doc.tbx", []byte(files["application/x-tbx+xml"]))
	do(docCall{op: "POST /v1/glossaries/{id}/import", target: g + "/import?dry_run=true", ctype: ctype, body: body})
	r = do(docCall{op: "POST /v1/glossaries/{id}/import", ctype: "text/csv", body: "entry_id,en,es\nch,channel,canal\n",
		target: g + "/import?mode=merge&format=csv&message=imported&base_version=" + strings.Trim(etag, `"`), header: ifMatch(etag)})
	etag = r.header.Get("ETag")
	do(docCall{op: "POST /v1/glossaries/{id}/import", target: g + "/import", ctype: "text/csv", body: "entry_id,en,es\nch,channel,canal\n",
		header: ifMatch(stale), want: http.StatusPreconditionFailed})
	do(docCall{op: "POST /v1/glossaries/{id}/import", target: g + "/import?create=true", ctype: "text/csv", body: "entry_id,en,es\nch,channel,canal\n",
		want: http.StatusConflict})
	do(docCall{op: "POST /v1/glossaries/{id}/import", target: "/v1/glossaries/pairs/import?create=true&source=en&target=es&glossary_mode=one-way",
		ctype: "text/csv", body: "good morning,buenos días\n"})
	do(docCall{op: "GET /v1/glossaries/{id}/versions", target: g + "/versions?limit=10"})
	do(docCall{op: "GET /v1/glossaries/{id}/diff", target: g + "/diff?from=1&to=" + strings.Trim(etag, `"`)})
	jsonCall("POST /v1/glossaries/{id}/rollback", g+"/rollback", `{"version":1}`, http.StatusPreconditionFailed, ifMatch(stale))
	r = jsonCall("POST /v1/glossaries/{id}/rollback", g+"/rollback?message=back&base_version="+strings.Trim(etag, `"`), `{"version":1}`, 0, ifMatch(etag))
	etag = r.header.Get("ETag")
	do(docCall{op: "DELETE /v1/glossaries/{id}", target: g + "?message=bye", header: ifMatch(stale), want: http.StatusPreconditionFailed})
	do(docCall{op: "DELETE /v1/glossaries/{id}", target: g + "?base_version=1", want: http.StatusConflict})
	do(docCall{op: "DELETE /v1/glossaries/{id}", target: g + "?message=bye&base_version=" + strings.Trim(etag, `"`), header: ifMatch(etag)})

	// Messages, views and the event stream.
	r = jsonCall("POST /v1/messages", "/v1/messages", `{"conversation":"doc-conv","id":"m1","text":"hello","source":"en"}`, 0, nil)
	jsonCall("POST /v1/messages", "/v1/messages", `{"conversation":"doc-conv","id":"m1","text":"hello","source":"en"}`, http.StatusOK, nil)
	jsonCall("POST /v1/messages", "/v1/messages", `{"conversation":"doc-conv","id":"m1","text":"hello"}`, http.StatusConflict, nil)
	jsonCall("POST /v1/messages", "/v1/messages", `{"conversation":"doc-conv","id":"m2","text":"good morning"}`, 0, nil)
	var posted api.Message
	r.decode(t, &posted)
	spanish := http.Header{"Accept-Language": {"es"}}
	do(docCall{op: "GET /v1/messages/{id}", target: "/v1/messages/m1?locale=es&original=true&user_id=u1"})
	do(docCall{op: "GET /v1/messages/{id}", target: "/v1/messages/m1", header: spanish})
	do(docCall{op: "GET /v1/conversations/{id}/messages", target: "/v1/conversations/doc-conv/messages?locale=es&limit=10&before=m2&original=true&user_id=u1"})
	do(docCall{op: "GET /v1/conversations/{id}/messages", target: "/v1/conversations/doc-conv/messages", header: spanish})
	do(docCall{op: "GET /v1/conversations/{id}/events", target: "/v1/conversations/doc-conv/events?locale=es&after=0&user_id=u1", stream: true})
	do(docCall{op: "GET /v1/conversations/{id}/events", target: "/v1/conversations/doc-conv/events", stream: true,
		header: http.Header{"Accept-Language": {"es"}, "Last-Event-Id": {strconv.FormatUint(posted.Seq, 10)}}})
	do(docCall{op: "GET /v1/conversations/{id}/events", target: "/v1/conversations/doc-conv/events?locale=es&after=x", want: http.StatusBadRequest})
	jsonCall("PATCH /v1/messages/{id}", "/v1/messages/m1", `{"text":"hello again","source":"en"}`, 0, nil)
	jsonCall("PATCH /v1/messages/{id}", "/v1/messages/m1", `{"text":"hello once more"}`, http.StatusPreconditionFailed, ifMatch(`"1"`))
	jsonCall("PATCH /v1/messages/{id}", "/v1/messages/m1", `{"text":"hello once more","revision":2}`, 0, ifMatch(`"2"`))
	do(docCall{op: "PATCH /v1/messages/{id}", target: "/v1/messages/m1", ctype: "text/plain", body: `{"text":"plain"}`, want: http.StatusUnsupportedMediaType})
	jsonCall("PATCH /v1/messages/{id}", "/v1/messages/nope", `{"text":"hello again"}`, http.StatusNotFound, nil)
	do(docCall{op: "DELETE /v1/messages/{id}", target: "/v1/messages/m1"})
	do(docCall{op: "DELETE /v1/messages/{id}", target: "/v1/messages/nope", want: http.StatusNotFound})
	jsonCall("PATCH /v1/messages/{id}", "/v1/messages/m1", `{"text":"back"}`, http.StatusConflict, nil)
	jsonCall("POST /v1/admin/erase", "/v1/admin/erase", `{"author":"ana"}`, 0, nil)
	jsonCall("POST /v1/admin/erase", "/v1/admin/erase", `{"author":""}`, http.StatusBadRequest, nil)
	do(docCall{op: "GET /v1/admin/export", target: "/v1/admin/export?author=ana&tenant=&limit=10"})
	// A cursor is the next_after of a page: after the post of seq 1 in doc-conv.
	do(docCall{op: "GET /v1/admin/export", target: "/v1/admin/export?author=ana&after=MSBkb2MtY29udg"})
	do(docCall{op: "GET /v1/admin/export", target: "/v1/admin/export?author=", want: http.StatusBadRequest})
	do(docCall{op: "DELETE /v1/conversations/{id}", target: "/v1/conversations/doc-conv"})

	// Moderation: a flagged view makes a case.
	f := &api.FlaggedView{MessageID: "m9", Text: "you are shit", View: api.View{
		Text: "eres malo", Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es",
		Safety: &api.SafetyResponse{Source: api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
			Policy: &api.PolicyDecision{Action: api.PolicyFlag}},
	}}
	if err := (client.Moderation{NC: nc}).Flagged(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	pollModeration(t, func() bool {
		var list api.CaseListResponse
		send(t, "GET", env.url+"/v1/moderation/cases", "", "", http.Header{"Authorization": {"Bearer " + adminKey}}).decode(t, &list)
		return list.Total == 1
	})
	cs := "/v1/moderation/cases/" + f.CaseID()
	do(docCall{op: "GET /v1/moderation/cases", target: "/v1/moderation/cases"})
	do(docCall{op: "GET /v1/moderation/cases", target: "/v1/moderation/cases?status=open&locale=en&category=profanity&action=flag&severity=low&tenant=acme&holder=ops&min_age=1s&max_age=24h&sort=newest&limit=10&offset=0&preview=20"})
	// Cursor paging needs a second case: the page of one case names the
	// next (after), and that page the one before it (before).
	f2 := *f
	f2.MessageID = "m10"
	if err := (client.Moderation{NC: nc}).Flagged(context.Background(), &f2); err != nil {
		t.Fatal(err)
	}
	var pages api.CaseListResponse
	pollModeration(t, func() bool {
		send(t, "GET", env.url+"/v1/moderation/cases?limit=1", "", "", http.Header{"Authorization": {"Bearer " + adminKey}}).decode(t, &pages)
		return pages.Total == 2
	})
	do(docCall{op: "GET /v1/moderation/cases", target: "/v1/moderation/cases?limit=1&after=" + url.QueryEscape(pages.NextAfter)}).decode(t, &pages)
	do(docCall{op: "GET /v1/moderation/cases", target: "/v1/moderation/cases?limit=1&before=" + url.QueryEscape(pages.PrevBefore)})
	// Each action names the revision the answer before it gave (ETag).
	seen := func(r response) http.Header { return http.Header{"If-Match": {r.header.Get("ETag")}} }
	cr := do(docCall{op: "GET /v1/moderation/cases/{id}", target: cs})
	cr = jsonCall("POST /v1/moderation/cases/{id}/claim", cs+"/claim", `{"lease":"1m"}`, 0, seen(cr))
	cr = jsonCall("POST /v1/moderation/cases/{id}/notes", cs+"/notes", `{"text":"looking"}`, 0, seen(cr))
	jsonCall("POST /v1/moderation/cases/{id}/release", cs+"/release", `{}`, 0, seen(cr))
	// The bodies of claim, release and reopen are optional.
	do(docCall{op: "POST /v1/moderation/cases/{id}/claim", target: cs + "/claim"})
	do(docCall{op: "POST /v1/moderation/cases/{id}/release", target: cs + "/release"})
	cr = do(docCall{op: "POST /v1/moderation/cases/{id}/claim", target: cs + "/claim"})
	cr = jsonCall("POST /v1/moderation/cases/{id}/decide", cs+"/decide", `{"action":"approve","reason":"fine"}`, 0, seen(cr))
	jsonCall("POST /v1/moderation/cases/{id}/reopen", cs+"/reopen", `{"reason":"a second look"}`, 0, seen(cr))
	do(docCall{op: "POST /v1/moderation/cases/{id}/claim", target: cs + "/claim"})
	jsonCall("POST /v1/moderation/cases/{id}/decide", cs+"/decide", `{"action":"approve"}`, 0, nil)
	do(docCall{op: "POST /v1/moderation/cases/{id}/reopen", target: cs + "/reopen"})
	// A correction, withdrawn: a stand-in for translate's override
	// endpoint stores and removes it.
	ov, err := nc.Subscribe(api.SubjectTranslateOverride, func(m *nats.Msg) { _ = m.Respond([]byte(`{"key":"o.doc"}`)) })
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ov.Unsubscribe() }()
	cs2 := "/v1/moderation/cases/" + f2.CaseID()
	do(docCall{op: "POST /v1/moderation/cases/{id}/claim", target: cs2 + "/claim"})
	cr = jsonCall("POST /v1/moderation/cases/{id}/decide", cs2+"/decide", `{"action":"correct","correction":"eres malo"}`, 0, nil)
	jsonCall("POST /v1/moderation/cases/{id}/withdraw", cs2+"/withdraw", `{"reason":"personal data"}`, 0, seen(cr))
	do(docCall{op: "POST /v1/moderation/cases/{id}/withdraw", target: cs2 + "/withdraw", want: http.StatusConflict})
	do(docCall{op: "GET /v1/moderation/audit", target: "/v1/moderation/audit"})
	do(docCall{op: "GET /v1/moderation/audit", target: "/v1/moderation/audit?case_id=" + f.CaseID() + "&after=0&limit=10&newest=true"})

	// LibreTranslate: every request media type, the key in the body or a
	// header, and the preflights, which need no key.
	for _, path := range []string{"/translate", "/detect"} {
		kv := []string{"q", "hello", "source", "en", "target", "es"}
		if path == "/detect" {
			kv = kv[:2]
		}
		fields := map[string]string{"api_key": adminKey}
		for i := 0; i+1 < len(kv); i += 2 {
			fields[kv[i]] = kv[i+1]
		}
		b, _ := json.Marshal(fields)
		do(docCall{op: "POST " + path, target: path, ctype: jsonType, body: string(b), bodyKey: true})
		do(docCall{op: "POST " + path, target: path, ctype: formType, body: form(kv...)})
		mb, mct := multipartBody(t, kv...)
		do(docCall{op: "POST " + path, target: path, ctype: mct, body: mb})
	}
	do(docCall{op: "GET /languages", target: "/languages"})
	do(docCall{op: "GET /health", target: "/health"})
	for _, path := range []string{"/translate", "/detect", "/languages"} {
		do(docCall{op: "OPTIONS " + path, target: path})
	}

	// DeepL: every request media type, the legacy auth_key parameter.
	kv := []string{"text", "hello", "source_lang", "EN", "target_lang", "ES"}
	do(docCall{op: "POST /v2/translate", target: "/v2/translate", ctype: jsonType, body: `{"text":["hello"],"source_lang":"EN","target_lang":"ES"}`})
	do(docCall{op: "POST /v2/translate", target: "/v2/translate?auth_key=" + adminKey, ctype: formType, body: form(kv...)})
	mb, mct := multipartBody(t, kv...)
	do(docCall{op: "POST /v2/translate", target: "/v2/translate", ctype: mct, body: mb})
	for _, m := range []string{"GET", "POST"} {
		do(docCall{op: m + " /v2/languages", target: "/v2/languages?type=target"})
		do(docCall{op: m + " /v2/usage", target: "/v2/usage"})
	}
	// POST /v2/languages reads type from its body too, in every form.
	do(docCall{op: "POST /v2/languages", target: "/v2/languages", ctype: jsonType, body: `{"type":"target"}`})
	do(docCall{op: "POST /v2/languages", target: "/v2/languages", ctype: formType, body: form("type", "target")})
	mb, mct = multipartBody(t, "type", "target")
	do(docCall{op: "POST /v2/languages", target: "/v2/languages", ctype: mct, body: mb})
	var ids []string
	gkv := []string{"name", "doc", "source_lang", "en", "target_lang", "de", "entries", "cat\tKatze"}
	mb, mct = multipartBody(t, gkv...)
	for _, c := range []docCall{
		{ctype: jsonType, body: `{"name":"doc","source_lang":"en","target_lang":"de","entries":"cat,Katze","entries_format":"csv"}`},
		{ctype: formType, body: form(gkv...)},
		{ctype: mct, body: mb},
	} {
		c.op, c.target = "POST /v2/glossaries", "/v2/glossaries"
		var created gateway.DeepLGlossary
		do(c).decode(t, &created)
		ids = append(ids, created.GlossaryID)
	}
	do(docCall{op: "GET /v2/glossaries", target: "/v2/glossaries"})
	do(docCall{op: "GET /v2/glossary-language-pairs", target: "/v2/glossary-language-pairs"})
	do(docCall{op: "GET /v2/glossaries/{id}", target: "/v2/glossaries/" + ids[0]})
	do(docCall{op: "GET /v2/glossaries/{id}/entries", target: "/v2/glossaries/" + ids[0] + "/entries"})
	for _, id := range ids {
		do(docCall{op: "DELETE /v2/glossaries/{id}", target: "/v2/glossaries/" + id})
	}

	// OPTIONS, on every path: 204 with the path's documented methods in
	// Allow (besides OPTIONS; HEAD is named where GET is).
	for _, path := range slices.Sorted(maps.Keys(d.doc)) {
		item := d.doc[path]
		if _, ok := item["options"]; !ok {
			t.Errorf("%s documents no OPTIONS, which the gateway answers", path)
			continue
		}
		r := do(docCall{op: "OPTIONS " + path, target: docPathParam.ReplaceAllString(path, "x")})
		want := []string{"OPTIONS"}
		for m := range item {
			if m != "options" {
				want = append(want, strings.ToUpper(m))
			}
		}
		var allow []string
		for m := range strings.SplitSeq(r.header.Get("Allow"), ",") {
			allow = append(allow, strings.TrimSpace(m))
		}
		slices.Sort(want)
		slices.Sort(allow)
		if !slices.Equal(allow, want) {
			t.Errorf("OPTIONS %s: Allow %q, the document has %v", path, r.header.Get("Allow"), want)
		}
	}

	d.check()
}

// docPathParam is a path parameter of the document ("{id}").
var docPathParam = regexp.MustCompile(`\{[^}]+\}`)

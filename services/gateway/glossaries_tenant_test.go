package gateway_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// Keys of the tenant tests: an operator (no tenant), a localization key of
// each of two tenants, and a client key of acme.
const (
	opsKey     = "ops-key-0123456789"
	acmeKey    = "acme-key-0123456789"
	betaKey    = "beta-key-0123456789"
	acmeAppKey = "acme-app-key-0123456789"
)

// tenantGateway runs the gateway with the real glossary service and the
// fake detect and translate services (the translator follows glossary
// hints, so a glossary that applies shows in the translation).
func tenantGateway(t *testing.T) string {
	t.Helper()
	spec := "ops:client+localization:" + opsKey + ",acme-l10n@acme:client+localization:" + acmeKey +
		",beta-l10n@beta:client+localization:" + betaKey + ",acme-app@acme:client:" + acmeAppKey
	return compatGatewayWith(t, spec, gateway.Config{}, withGlossary(t)).url
}

// errorOf returns a response's error code and message.
func errorOf(t *testing.T, r response) (api.Code, string) {
	t.Helper()
	var eb api.ErrorBody
	r.decode(t, &eb)
	return eb.Error.Code, eb.Error.Message
}

// mustCall makes a request that must answer want.
func mustCall(t *testing.T, want int, method, url, key, contentType, body string) response {
	t.Helper()
	r := call(t, method, url, key, contentType, []byte(body))
	if r.status != want {
		t.Fatalf("%s %s: %d %s, want %d", method, url, r.status, r.body, want)
	}
	return r
}

const threadEntry = `{"id":"thread","terms":[{"language":"en","text":"thread"},{"language":"es","text":"hilo"}]}`

// tenantGlossaries creates one glossary of each kind of owner and returns
// the id of beta's DeepL glossary.
func tenantGlossaries(t *testing.T, base string) (deepl string) {
	t.Helper()
	body := func(id, scope string) string {
		return `{"id":"` + id + `",` + scope + `"entries":[` + threadEntry + `]}`
	}
	mustCall(t, 201, "POST", base+"/v1/glossaries", opsKey, jsonType, body("shared", ""))
	mustCall(t, 201, "POST", base+"/v1/glossaries", opsKey, jsonType, body("anyconv", `"scope":{"kind":"conversation","conversation":"c1"},`))
	mustCall(t, 201, "POST", base+"/v1/glossaries", acmeKey, jsonType, body("acme-terms", ""))
	mustCall(t, 201, "POST", base+"/v1/glossaries", betaKey, jsonType, body("beta-terms", ""))
	r := send(t, "POST", base+"/v2/glossaries", formType, form("name", "beta greetings", "source_lang", "en", "target_lang", "de",
		"entries", "good morning\tMoin"), deeplAuth(betaKey))
	var g gateway.DeepLGlossary
	if r.decode(t, &g); r.status != 201 || g.GlossaryID == "" {
		t.Fatalf("DeepL glossary: %d %s", r.status, r.body)
	}
	return g.GlossaryID
}

// TestGlossaryTenantReads: a tenant reads global glossaries and its own;
// every other one answers exactly as an id that was never used.
func TestGlossaryTenantReads(t *testing.T) {
	base := tenantGateway(t)
	deepl := tenantGlossaries(t, base)
	all := []string{"shared", "anyconv", "acme-terms", "beta-terms", deepl}
	visible := map[string][]string{
		opsKey:     all,
		acmeKey:    {"shared", "acme-terms"},
		acmeAppKey: {"shared", "acme-terms"},
		betaKey:    {"shared", "beta-terms", deepl},
	}
	routes := []string{
		"/v1/glossaries/{id}",
		"/v1/glossaries/{id}?version=1",
		"/v1/glossaries/{id}/entries",
		"/v1/glossaries/{id}/entries?version=1&q=thread",
		"/v1/glossaries/{id}/entries/thread",
		"/v1/glossaries/{id}/export?format=csv",
		"/v1/glossaries/{id}/export?format=tbx&version=1",
		"/v1/glossaries/{id}/versions",
		"/v1/glossaries/{id}/diff?from=0",
		"/v1/glossaries/{id}/diff?from=1&to=1",
	}
	names := map[string]string{opsKey: "ops", acmeKey: "acme", acmeAppKey: "acme-app", betaKey: "beta"}
	for key, ids := range visible {
		t.Run("list as "+names[key], func(t *testing.T) {
			var list api.GlossaryListResponse
			mustCall(t, 200, "GET", base+"/v1/glossaries", key, "", "").decode(t, &list)
			var got []string
			for _, g := range list.Glossaries {
				got = append(got, g.ID)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(ids))
			if !slices.Equal(got, want) {
				t.Fatalf("list = %v, want %v", got, want)
			}
		})
		for _, id := range all {
			for _, route := range routes {
				path := strings.ReplaceAll(route, "{id}", id)
				t.Run(names[key]+" GET "+path, func(t *testing.T) {
					r := call(t, "GET", base+path, key, "", nil)
					if slices.Contains(ids, id) {
						// The DeepL glossary's entry has a derived id.
						if r.status != 200 && !(id == deepl && strings.Contains(route, "/entries/thread") && r.status == 404) {
							t.Fatalf("%d %s", r.status, r.body)
						}
						return
					}
					// Not found, in the words used for an id never used.
					unknown := call(t, "GET", base+strings.ReplaceAll(route, "{id}", "never-used"), key, "", nil)
					code, msg := errorOf(t, r)
					ucode, umsg := errorOf(t, unknown)
					if r.status != 404 || code != api.CodeNotFound || unknown.status != 404 || ucode != code ||
						strings.ReplaceAll(umsg, "never-used", id) != msg {
						t.Fatalf("%d %s; an unknown id: %d %s", r.status, r.body, unknown.status, unknown.body)
					}
				})
			}
		}
	}
	// /v2 and /v1 agree about the DeepL glossary.
	if r := send(t, "GET", base+"/v2/glossaries/"+deepl, "", "", deeplAuth(acmeKey)); r.status != 404 {
		t.Fatalf("/v2 as acme: %d %s", r.status, r.body)
	}
}

// writeRoutes are the write routes with a body that would succeed on a
// glossary the caller owns.
var writeRoutes = []struct{ method, path, ct, body string }{
	{"PUT", "/v1/glossaries/{id}", jsonType, `{"description":"changed"}`},
	{"PUT", "/v1/glossaries/{id}?base_version=1", jsonType, `{"description":"changed"}`},
	{"POST", "/v1/glossaries/{id}/entries", jsonType, `{"terms":[{"language":"en","text":"reply"},{"language":"es","text":"respuesta"}]}`},
	{"PUT", "/v1/glossaries/{id}/entries/thread", jsonType, `{"terms":[{"language":"en","text":"thread"},{"language":"es","text":"hebra"}]}`},
	{"DELETE", "/v1/glossaries/{id}/entries/thread", "", ""},
	{"POST", "/v1/glossaries/{id}/import?mode=merge", "text/csv", "en,es\nreply,respuesta\n"},
	{"POST", "/v1/glossaries/{id}/import?dry_run=true", "text/csv", "en,es\nreply,respuesta\n"},
	{"POST", "/v1/glossaries/{id}/rollback", jsonType, `{"version":1}`},
	{"DELETE", "/v1/glossaries/{id}", "", ""},
}

// TestGlossaryTenantWrites: a tenant writes only its own glossaries; a
// global one is forbidden, another tenant's not found; an operator writes
// every glossary.
func TestGlossaryTenantWrites(t *testing.T) {
	base := tenantGateway(t)
	deepl := tenantGlossaries(t, base)
	versions := func(id string) int {
		var vs api.GlossaryVersionsResponse
		mustCall(t, 200, "GET", base+"/v1/glossaries/"+id+"/versions", opsKey, "", "").decode(t, &vs)
		return len(vs.Versions)
	}
	foreign := []struct {
		id   string
		want int
	}{{"shared", 403}, {"anyconv", 404}, {"beta-terms", 404}, {deepl, 404}}
	for _, g := range foreign {
		before := versions(g.id)
		for _, w := range writeRoutes {
			path := strings.ReplaceAll(w.path, "{id}", g.id)
			t.Run("acme "+w.method+" "+path, func(t *testing.T) {
				r := call(t, w.method, base+path, acmeKey, w.ct, []byte(w.body))
				code, msg := errorOf(t, r)
				if r.status != g.want {
					t.Fatalf("%d %s, want %d", r.status, r.body, g.want)
				}
				if g.want == 403 && (code != api.CodeForbidden || !strings.Contains(msg, `acts for tenant "acme"`)) {
					t.Fatalf("%s", r.body)
				}
				if g.want == 404 && (code != api.CodeNotFound || msg != `no glossary "`+g.id+`"`) {
					t.Fatalf("%s", r.body)
				}
			})
		}
		if after := versions(g.id); after != before {
			t.Errorf("%s: %d versions after acme's writes, %d before", g.id, after, before)
		}
	}

	t.Run("own glossary", func(t *testing.T) {
		for _, w := range writeRoutes {
			path := strings.ReplaceAll(w.path, "{id}", "acme-terms")
			if w.path == "/v1/glossaries/{id}?base_version=1" {
				continue // the glossary is past version 1 by then
			}
			want := 200
			if w.method == "POST" && strings.HasSuffix(w.path, "/entries") {
				want = 201
			}
			mustCall(t, want, w.method, base+path, acmeKey, w.ct, w.body)
		}
		// Deleted, it is still acme's to restore.
		r := mustCall(t, 200, "POST", base+"/v1/glossaries/acme-terms/rollback", acmeKey, jsonType, `{"version":1}`)
		var res api.GlossaryChangeResponse
		if r.decode(t, &res); res.Glossary.Scope != (api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}) {
			t.Fatalf("restored: %s", r.body)
		}
	})

	t.Run("scope changes", func(t *testing.T) {
		for _, tc := range []struct {
			scope string
			want  int
			got   api.GlossaryScope
		}{
			{`{"kind":"global"}`, 403, api.GlossaryScope{}},
			{`{"kind":"tenant","tenant":"beta"}`, 403, api.GlossaryScope{}},
			{`{"kind":"conversation","conversation":"c9","tenant":"beta"}`, 403, api.GlossaryScope{}},
			{`{"kind":"conversation","conversation":"c9"}`, 200, api.GlossaryScope{Kind: api.ScopeConversation, Tenant: "acme", Conversation: "c9"}},
			{`{"kind":"tenant"}`, 200, api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}},
		} {
			r := mustCall(t, tc.want, "PUT", base+"/v1/glossaries/acme-terms", acmeKey, jsonType, `{"scope":`+tc.scope+`}`)
			if tc.want != 200 {
				if code, msg := errorOf(t, r); code != api.CodeForbidden || !strings.Contains(msg, `acts for tenant "acme"`) {
					t.Fatalf("scope %s: %s", tc.scope, r.body)
				}
				continue
			}
			var res api.GlossaryChangeResponse
			if r.decode(t, &res); res.Glossary.Scope != tc.got {
				t.Fatalf("scope %s: %s", tc.scope, r.body)
			}
		}
	})

	t.Run("an operator writes every glossary", func(t *testing.T) {
		mustCall(t, 200, "PUT", base+"/v1/glossaries/acme-terms", opsKey, jsonType, `{"description":"checked by ops"}`)
		mustCall(t, 200, "PUT", base+"/v1/glossaries/beta-terms/entries/thread", opsKey, jsonType,
			`{"terms":[{"language":"en","text":"thread"},{"language":"es","text":"hebra"}]}`)
		mustCall(t, 200, "DELETE", base+"/v1/glossaries/"+deepl, opsKey, "", "")
		if r := send(t, "GET", base+"/v2/glossaries/"+deepl, "", "", deeplAuth(betaKey)); r.status != 404 {
			t.Fatalf("the deleted DeepL glossary: %d %s", r.status, r.body)
		}
	})
}

// TestGlossaryTenantCreate: a tenant's new glossary is its own; it cannot
// create a global one or another tenant's.
func TestGlossaryTenantCreate(t *testing.T) {
	base := tenantGateway(t)
	acme := api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}
	tests := []struct {
		name, key, scope string
		want             int
		got              api.GlossaryScope
	}{
		{"omitted", acmeKey, ``, 201, acme},
		{"tenant without its name", acmeKey, `"scope":{"kind":"tenant"},`, 201, acme},
		{"own tenant", acmeKey, `"scope":{"kind":"tenant","tenant":"acme"},`, 201, acme},
		{"conversation", acmeKey, `"scope":{"kind":"conversation","conversation":"c1"},`, 201,
			api.GlossaryScope{Kind: api.ScopeConversation, Tenant: "acme", Conversation: "c1"}},
		{"global", acmeKey, `"scope":{"kind":"global"},`, 403, api.GlossaryScope{}},
		{"another tenant", acmeKey, `"scope":{"kind":"tenant","tenant":"beta"},`, 403, api.GlossaryScope{}},
		{"another tenant's conversation", acmeKey, `"scope":{"kind":"conversation","conversation":"c1","tenant":"beta"},`, 403, api.GlossaryScope{}},
		{"operator, omitted", opsKey, ``, 201, api.GlossaryScope{Kind: api.ScopeGlobal}},
		{"operator, another tenant", opsKey, `"scope":{"kind":"tenant","tenant":"beta"},`, 201, api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "beta"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "g" + string(rune('a'+i))
			r := mustCall(t, tt.want, "POST", base+"/v1/glossaries", tt.key, jsonType, `{"id":"`+id+`",`+tt.scope+`"entries":[`+threadEntry+`]}`)
			if tt.want == 403 {
				if code, msg := errorOf(t, r); code != api.CodeForbidden || !strings.Contains(msg, `acts for tenant "acme"`) {
					t.Fatalf("%s", r.body)
				}
				mustCall(t, 404, "GET", base+"/v1/glossaries/"+id, opsKey, "", "")
				return
			}
			var res api.GlossaryChangeResponse
			if r.decode(t, &res); res.Glossary.Scope != tt.got {
				t.Fatalf("scope %+v, want %+v", res.Glossary.Scope, tt.got)
			}
		})
	}
	t.Run("import into a new glossary", func(t *testing.T) {
		mustCall(t, 200, "POST", base+"/v1/glossaries/acme-imported/import", acmeKey, "text/csv", "en,es\nthread,hilo\n")
		var info api.GlossaryInfo
		if mustCall(t, 200, "GET", base+"/v1/glossaries/acme-imported", opsKey, "", "").decode(t, &info); info.Scope != acme {
			t.Fatalf("scope %+v", info.Scope)
		}
	})
}

// TestGlossaryTenantTranslations: what acme does with glossaries never
// changes beta's translations, while acme's own glossary does apply to
// acme's (which shows the test would see a glossary that applied).
func TestGlossaryTenantTranslations(t *testing.T) {
	base := tenantGateway(t)
	tenantGlossaries(t, base)
	translate := func(key string) string {
		t.Helper()
		var v struct {
			Text string `json:"text"`
		}
		mustCall(t, 200, "POST", base+"/v1/translate", key, jsonType, `{"text":"good morning","source":"en","target":"de"}`).decode(t, &v)
		return v.Text
	}
	if got := translate(betaKey); got != "guten Morgen" {
		t.Fatalf("beta before: %q", got)
	}
	moin := `{"terms":[{"language":"en","text":"good morning"},{"language":"de","text":"Moin"}]}`
	// acme tries a global glossary, one for beta, and to slip the term
	// into the global glossary.
	mustCall(t, 403, "POST", base+"/v1/glossaries", acmeKey, jsonType, `{"id":"greet","scope":{"kind":"global"},"entries":[`+moin+`]}`)
	mustCall(t, 403, "POST", base+"/v1/glossaries", acmeKey, jsonType, `{"id":"greet","scope":{"kind":"tenant","tenant":"beta"},"entries":[`+moin+`]}`)
	mustCall(t, 403, "POST", base+"/v1/glossaries/shared/entries", acmeKey, jsonType, moin)
	mustCall(t, 403, "POST", base+"/v1/glossaries/shared/import?mode=merge", acmeKey, "text/csv", "en,de\ngood morning,Moin\n")
	mustCall(t, 403, "PUT", base+"/v1/glossaries/shared", acmeKey, jsonType, `{"languages":["en","de"],"entries":[`+moin+`]}`)
	mustCall(t, 404, "POST", base+"/v1/glossaries/beta-terms/entries", acmeKey, jsonType, moin)
	if got := translate(betaKey); got != "guten Morgen" {
		t.Fatalf("beta after acme's attempts: %q", got)
	}
	// The same glossary without a scope is acme's, and applies to acme only.
	mustCall(t, 201, "POST", base+"/v1/glossaries", acmeKey, jsonType, `{"id":"greet","entries":[`+moin+`]}`)
	if got := translate(acmeKey); got != "Moin" {
		t.Fatalf("acme with its glossary: %q", got)
	}
	if got := translate(betaKey); got != "guten Morgen" {
		t.Fatalf("beta after acme's glossary: %q", got)
	}
	// Naming another tenant's glossary in a translation is naming an
	// unknown one.
	named := func(id string) response {
		return call(t, "POST", base+"/v1/translate", acmeKey, jsonType, []byte(`{"text":"good morning","source":"en","target":"de","glossary":"`+id+`"}`))
	}
	r, unknown := named("beta-terms"), named("never-used")
	code, msg := errorOf(t, r)
	ucode, umsg := errorOf(t, unknown)
	if r.status != unknown.status || code == "" || code != ucode || strings.ReplaceAll(umsg, "never-used", "beta-terms") != msg {
		t.Fatalf("acme names beta's glossary: %d %s; an unknown one: %d %s", r.status, r.body, unknown.status, unknown.body)
	}
	if r := named("greet"); r.status != 200 {
		t.Fatalf("acme names its own glossary: %d %s", r.status, r.body)
	}
}

package console_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
)

// Keys of the tenant tests: an operator, and keys of tenants acme and beta.
const (
	opsL10nKey  = "ops-l10n-key-0123456789"
	acmeL10nKey = "acme-l10n-key-0123456789"
	acmeModKey  = "acme-mod-key-0123456789"
	betaL10nKey = "beta-l10n-key-0123456789"
)

// tenantFixture is a console on the real glossary service with a global
// glossary "shared" and one glossary of each tenant, "acme-terms" and
// "beta-terms".
func tenantFixture(t *testing.T) (*fixture, client.Glossary) {
	t.Helper()
	s := natstest.RunServer(t)
	startGlossary(t, s)
	gl := client.Glossary{NC: natstest.Conn(t, s)}
	terms := []api.GlossaryEntry{{ID: "channel", Terms: []api.GlossaryTerm{{Language: "en", Text: "channel"}, {Language: "es", Text: "canal"}}}}
	for _, g := range []struct{ id, tenant string }{{"shared", ""}, {"acme-terms", "acme"}, {"beta-terms", "beta"}} {
		if _, err := gl.Create(t.Context(), api.GlossaryCreateRequest{Author: "setup", ActingTenant: g.tenant,
			Glossary: api.Glossary{ID: g.id, Entries: terms}}); err != nil {
			t.Fatal(err)
		}
	}
	keys := map[string]console.Principal{
		opsL10nKey:  {Name: "ops", Roles: []string{console.RoleLocalization}},
		acmeL10nKey: {Name: "acme-l10n", Tenant: "acme", Roles: []string{console.RoleLocalization}},
		acmeModKey:  {Name: "acme-mod", Tenant: "acme", Roles: []string{console.RoleModerator}},
		betaL10nKey: {Name: "beta-l10n", Tenant: "beta", Roles: []string{console.RoleLocalization}},
	}
	con := console.New(console.Config{
		Authenticate: func(key string) (console.Principal, bool) { p, ok := keys[key]; return p, ok },
		Glossary:     gl,
	})
	ts := httptest.NewServer(con)
	t.Cleanup(ts.Close)
	return &fixture{url: ts.URL, gl: gl}, gl
}

// TestConsoleGlossaryTenants: the console's glossary pages follow the API's
// tenant rules for the signed-in key.
func TestConsoleGlossaryTenants(t *testing.T) {
	f, gl := tenantFixture(t)
	reads := []string{"", "/entries/channel", "/versions", "/export?format=csv", "/diff?from=0"}
	for _, tc := range []struct {
		key     string
		visible []string
	}{
		{opsL10nKey, []string{"shared", "acme-terms", "beta-terms"}},
		{acmeL10nKey, []string{"shared", "acme-terms"}},
		{acmeModKey, []string{"shared", "acme-terms"}},
		{betaL10nKey, []string{"shared", "beta-terms"}},
	} {
		t.Run("reads as "+tc.key[:8], func(t *testing.T) {
			u := f.user(t)
			u.signIn(tc.key)
			list := u.get("/console/glossaries")
			for _, id := range []string{"shared", "acme-terms", "beta-terms"} {
				want := strings.Contains(strings.Join(tc.visible, " "), id)
				if got := strings.Contains(list.body, "/console/glossaries/"+id+`"`); got != want {
					t.Errorf("list shows %s: %v, want %v", id, got, want)
				}
				for _, r := range reads {
					p := u.get("/console/glossaries/" + id + r)
					if want && p.status != 200 || !want && p.status != http.StatusNotFound {
						t.Errorf("%s%s: %d", id, r, p.status)
					}
				}
			}
		})
	}

	acme := f.user(t)
	acme.signIn(acmeL10nKey)
	acme.get("/console/glossaries/acme-terms/entries/channel")
	entry := func() url.Values {
		return url.Values{"term_lang": {"en", "es"}, "term_text": {"channel", "canal de chat"}, "term_forbidden": {"", ""}, "whole_word": {"on"}}
	}
	for _, tc := range []struct {
		id   string
		want int
	}{{"shared", http.StatusForbidden}, {"beta-terms", http.StatusNotFound}, {"acme-terms", http.StatusSeeOther}} {
		if p := acme.post("/console/glossaries/"+tc.id+"/entries/channel", entry()); p.status != tc.want {
			t.Errorf("acme saves an entry of %s: %d, want %d", tc.id, p.status, tc.want)
		}
		if tc.want != http.StatusSeeOther {
			if p := acme.post("/console/glossaries/"+tc.id+"/rollback", url.Values{"version": {"1"}}); p.status != tc.want {
				t.Errorf("acme rolls back %s: %d, want %d", tc.id, p.status, tc.want)
			}
			acme.get("/console/glossaries/" + tc.id + "/import")
			if p := acme.upload("/console/glossaries/"+tc.id+"/import", "x.csv", "en,es\nreply,respuesta\n", nil); p.status != tc.want {
				t.Errorf("acme imports into %s: %d, want %d", tc.id, p.status, tc.want)
			}
		}
	}
	for _, id := range []string{"shared", "beta-terms"} {
		if info, err := gl.Get(t.Context(), api.GlossaryGetRequest{ID: id}); err != nil || info.Version != 1 {
			t.Errorf("%s after acme's writes: %+v %v", id, info, err)
		}
	}
	// A glossary made by an import in the console is the signed-in tenant's.
	acme.get("/console/glossaries/acme-new/import")
	if p := acme.upload("/console/glossaries/acme-new/import", "new.csv", "en,es\nreply,respuesta\n", nil); p.status != http.StatusSeeOther {
		t.Fatalf("import into a new glossary: %d %s", p.status, p.body)
	}
	if info, err := gl.Get(t.Context(), api.GlossaryGetRequest{ID: "acme-new"}); err != nil || info.Scope.Tenant != "acme" {
		t.Fatalf("the new glossary: %+v %v", info, err)
	}
}

// TestConsoleGlossaryEditControls: edit controls show only where the
// signed-in key may write; a tenant key sees a global glossary read-only,
// with a note, and its own tenant's glossary editable.
func TestConsoleGlossaryEditControls(t *testing.T) {
	f, _ := tenantFixture(t)
	controls := map[string][]string{
		"":                 {"/entries/new\">New entry", "/import\">Import"},
		"/entries/channel": {`id="save-entry"`, `id="delete-entry"`},
		"/versions":        {"/rollback"},
	}
	// A second version of each, so that rollback buttons have a target.
	ops := f.user(t)
	ops.signIn(opsL10nKey)
	for _, g := range []string{"shared", "acme-terms"} {
		ops.get("/console/glossaries/" + g + "/entries/channel")
		p := ops.post("/console/glossaries/"+g+"/entries/channel", url.Values{"term_lang": {"en", "es"}, "term_text": {"channel", "canal de chat"}, "term_forbidden": {"", ""}, "base_version": {"1"}})
		if p.status != http.StatusSeeOther {
			t.Fatalf("edit %s: %d %s", g, p.status, p.body)
		}
	}
	for _, tc := range []struct {
		key, glossary string
		writable      bool
	}{
		{acmeL10nKey, "shared", false},
		{acmeL10nKey, "acme-terms", true},
		{opsL10nKey, "shared", true},
	} {
		u := f.user(t)
		u.signIn(tc.key)
		for path, wants := range controls {
			p := u.get("/console/glossaries/" + tc.glossary + path)
			if p.status != http.StatusOK {
				t.Fatalf("%s %s%s: %d", tc.key, tc.glossary, path, p.status)
			}
			for _, w := range wants {
				if strings.Contains(p.body, w) != tc.writable {
					t.Errorf("%s on %s%s: control %q shown=%v, want %v", tc.key, tc.glossary, path, w, !tc.writable, tc.writable)
				}
			}
			if note := strings.Contains(p.body, "global glossaries are read-only for tenant keys"); note == tc.writable {
				t.Errorf("%s on %s%s: read-only note shown=%v, want %v", tc.key, tc.glossary, path, note, !tc.writable)
			}
		}
	}
}

package glossary

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestScopeVisibility(t *testing.T) {
	global := api.GlossaryScope{Kind: api.ScopeGlobal}
	acme := api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}
	acmeConv := api.GlossaryScope{Kind: api.ScopeConversation, Tenant: "acme", Conversation: "c1"}
	anyConv := api.GlossaryScope{Kind: api.ScopeConversation, Conversation: "c1"}
	tests := []struct {
		scope          api.GlossaryScope
		tenant         string
		read, writable bool
	}{
		{global, "", true, true},
		{acme, "", true, true},
		{anyConv, "", true, true},
		{global, "acme", true, false},
		{acme, "acme", true, true},
		{acmeConv, "acme", true, true},
		{acme, "beta", false, false},
		{acmeConv, "beta", false, false},
		// A conversation scope without a tenant applies in every tenant,
		// so no tenant owns it: only operators see and change it.
		{anyConv, "acme", false, false},
	}
	for _, tt := range tests {
		if got := tt.scope.VisibleTo(tt.tenant); got != tt.read {
			t.Errorf("%+v.VisibleTo(%q) = %v", tt.scope, tt.tenant, got)
		}
		if got := tt.scope.WritableBy(tt.tenant); got != tt.writable {
			t.Errorf("%+v.WritableBy(%q) = %v", tt.scope, tt.tenant, got)
		}
	}
}

func TestOwnScope(t *testing.T) {
	tests := []struct {
		in, want api.GlossaryScope
	}{
		{api.GlossaryScope{}, api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}},
		{api.GlossaryScope{Kind: api.ScopeTenant}, api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}},
		{api.GlossaryScope{Kind: api.ScopeConversation, Conversation: "c1"}, api.GlossaryScope{Kind: api.ScopeConversation, Tenant: "acme", Conversation: "c1"}},
		// Explicit choices are kept, for checkScope to refuse.
		{api.GlossaryScope{Kind: api.ScopeGlobal}, api.GlossaryScope{Kind: api.ScopeGlobal}},
		{api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "beta"}, api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "beta"}},
	}
	for _, tt := range tests {
		if got := ownScope(tt.in, "acme"); got != tt.want {
			t.Errorf("ownScope(%+v) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got := ownScope(tt.in, ""); got != tt.in {
			t.Errorf("an operator's scope changed: %+v → %+v", tt.in, got)
		}
	}
}

// TestManagerTenants covers what the HTTP tests cannot set up through the
// API: glossaries whose scope moved between tenants, deleted glossaries,
// and the history behind them.
func TestManagerTenants(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	terms := []api.GlossaryEntry{entry("thread", "en", "thread", "es", "hilo")}
	mustCreate(t, m, api.Glossary{ID: "shared", Entries: terms})

	// Created by acme without a scope: acme's.
	res, err := m.Create(ctx, &api.GlossaryCreateRequest{Author: "acme", ActingTenant: "acme", Glossary: api.Glossary{ID: "mine", Entries: terms}})
	if err != nil || res.Glossary.Scope != (api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}) {
		t.Fatalf("create as acme: %+v %v", res, err)
	}
	// A glossary an import creates is the importer's too.
	rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "imported", Author: "acme", ActingTenant: "acme", Format: "csv"}, []byte("en,es\nthread,hilo\n"))
	if err != nil || rep.Change == nil {
		t.Fatalf("import as acme: %+v %v", rep, err)
	}
	if g, err := m.Get(ctx, &api.GlossaryGetRequest{ID: "imported"}); err != nil || g.Scope.Tenant != "acme" {
		t.Fatalf("imported glossary: %+v %v", g, err)
	}

	t.Run("a translation names another tenant's glossary", func(t *testing.T) {
		req := api.GlossaryPrepareRequest{Text: "a thread", Source: "en", Target: "es", Glossary: "imported"}
		for _, tenant := range []string{"acme", ""} {
			req.Tenant = tenant
			if resp, err := m.Set().Prepare(&req); err != nil || len(resp.Matches) != 1 {
				t.Errorf("tenant %q: %+v %v", tenant, resp, err)
			}
		}
		req.Tenant = "beta"
		_, err := m.Set().Prepare(&req)
		req.Glossary = "never-used"
		_, errUnknown := m.Set().Prepare(&req)
		if api.ErrorCode(err) != api.CodeNotFound || strings.ReplaceAll(errUnknown.Error(), "never-used", "imported") != err.Error() {
			t.Errorf("beta names acme's glossary: %v (unknown: %v)", err, errUnknown)
		}
	})

	t.Run("an operator moves a glossary from acme to beta", func(t *testing.T) {
		mustCreate(t, m, api.Glossary{ID: "moved", Scope: api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}, Entries: terms})
		if _, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "moved", Author: "ops", Scope: &api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "beta"}}); err != nil {
			t.Fatal(err)
		}
		// acme no longer sees it, not even its own earlier version.
		if _, err := m.Get(ctx, &api.GlossaryGetRequest{ID: "moved", ActingTenant: "acme", Version: 1}); api.ErrorCode(err) != api.CodeNotFound {
			t.Errorf("acme reads version 1: %v", err)
		}
		// beta sees the glossary but not acme's content from before.
		if _, err := m.Get(ctx, &api.GlossaryGetRequest{ID: "moved", ActingTenant: "beta"}); err != nil {
			t.Errorf("beta reads the current version: %v", err)
		}
		for name, call := range map[string]func() error{
			"get": func() error {
				_, err := m.Get(ctx, &api.GlossaryGetRequest{ID: "moved", ActingTenant: "beta", Version: 1})
				return err
			},
			"export": func() error {
				_, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "moved", ActingTenant: "beta", Version: 1})
				return err
			},
			"diff": func() error {
				_, err := m.Diff(ctx, &api.GlossaryDiffRequest{ID: "moved", ActingTenant: "beta", From: 1})
				return err
			},
			"rollback": func() error {
				_, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "moved", Author: "beta", ActingTenant: "beta", Version: 1})
				return err
			},
		} {
			if err := call(); api.ErrorCode(err) != api.CodeNotFound {
				t.Errorf("beta %s of acme's version 1: %v", name, err)
			}
		}
	})

	t.Run("a tenant rolls back its deleted glossary", func(t *testing.T) {
		if _, err := m.Delete(ctx, &api.GlossaryDeleteRequest{ID: "mine", Author: "acme", ActingTenant: "acme"}); err != nil {
			t.Fatal(err)
		}
		// Deleted, it is still acme's: beta gets what it gets for an
		// unknown id, acme the deletion.
		_, errBeta := m.Get(ctx, &api.GlossaryGetRequest{ID: "mine", ActingTenant: "beta"})
		_, errUnknown := m.Get(ctx, &api.GlossaryGetRequest{ID: "never", ActingTenant: "beta"})
		if api.ErrorCode(errBeta) != api.CodeNotFound || strings.ReplaceAll(errBeta.Error(), "mine", "never") != errUnknown.Error() {
			t.Errorf("beta reads acme's deleted glossary: %v (unknown: %v)", errBeta, errUnknown)
		}
		if _, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "mine", Author: "beta", ActingTenant: "beta", Version: 1}); api.ErrorCode(err) != api.CodeNotFound {
			t.Errorf("beta restores it: %v", err)
		}
		// Its id is taken for others; acme may restore it.
		if _, err := m.Create(ctx, &api.GlossaryCreateRequest{Author: "beta", ActingTenant: "beta", Glossary: api.Glossary{ID: "mine", Entries: terms}}); api.ErrorCode(err) != api.CodeConflict {
			t.Errorf("beta takes over the id: %v", err)
		}
		res, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "mine", Author: "acme", ActingTenant: "acme", Version: 1})
		if err != nil || res.Glossary.Scope.Tenant != "acme" {
			t.Fatalf("acme restores it: %+v %v", res, err)
		}
	})

	t.Run("a tenant cannot roll back to a global version", func(t *testing.T) {
		mustCreate(t, m, api.Glossary{ID: "handed-over", Entries: terms})
		if _, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "handed-over", Author: "ops", Scope: &api.GlossaryScope{Kind: api.ScopeTenant, Tenant: "acme"}}); err != nil {
			t.Fatal(err)
		}
		_, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "handed-over", Author: "acme", ActingTenant: "acme", Version: 1})
		if api.ErrorCode(err) != api.CodeForbidden || !strings.Contains(err.Error(), `acts for tenant "acme"`) {
			t.Fatalf("rollback to the global version: %v", err)
		}
		if g, _ := m.Get(ctx, &api.GlossaryGetRequest{ID: "handed-over"}); g.Scope.Tenant != "acme" || g.Version != 2 {
			t.Fatalf("after the refused rollback: %+v", g)
		}
	})

	t.Run("a dry run answers as the import would", func(t *testing.T) {
		file := []byte("en,es\nthread,hilo\n")
		for _, tt := range []struct {
			id   string
			want api.Code
		}{{"shared", api.CodeForbidden}, {"moved", api.CodeNotFound}} {
			_, err := m.Import(ctx, &api.GlossaryImportRequest{ID: tt.id, Author: "acme", ActingTenant: "acme", Format: "csv", DryRun: true}, file)
			if api.ErrorCode(err) != tt.want {
				t.Errorf("dry run into %s: %v, want %s", tt.id, err, tt.want)
			}
		}
	})

	t.Run("an import mode is checked when the glossary exists", func(t *testing.T) {
		_, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "shared", Author: "ops", Format: "csv", Mode: "bogus"}, []byte("en,es\nthread,hilo\n"))
		if api.ErrorCode(err) != api.CodeInvalidArgument || api.AsError(err).Field != "mode" {
			t.Fatalf("bogus mode: %v", err)
		}
	})
}

package glossary

import (
	"context"
	"fmt"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// Tenant isolation. Every management request carries the tenant the caller
// acts for (api.Glossary*Request.ActingTenant, "" for an operator). The
// rules are api.GlossaryScope.VisibleTo and WritableBy; they are enforced
// here rather than in the gateway so that the check of a write sees the
// same version the write replaces (inside commit's compare-and-set loop),
// and so that every front end (HTTP API, console) gets them alike.
//
// A glossary's latest content decides who sees it: the current version, or
// the last content of a deleted glossary (so that its tenant can still roll
// it back). Reading an earlier version additionally needs that version's
// own scope to be visible: when an operator moved a glossary from one
// tenant to another, the new tenant does not get the old tenant's content.
// The version list (authors, times, messages) follows the latest scope.

// noGlossary is the answer for a glossary the caller may not see: word for
// word the answer for an id that was never used.
func noGlossary(id string) error {
	return api.FieldError(api.CodeNotFound, "id", "no glossary %q", id)
}

// ownScope fills in the scope a tenant-bound writer left open: an omitted
// scope, or a tenant one without its tenant, becomes the writer's tenant;
// a conversation scope gets the writer's tenant (without one it would
// apply to that conversation id in every tenant). Anything else is kept
// for checkScope to judge.
func ownScope(s api.GlossaryScope, tenant string) api.GlossaryScope {
	if tenant == "" {
		return s
	}
	blank := strings.TrimSpace(s.Tenant) == ""
	switch {
	case s.Kind == "" && blank && strings.TrimSpace(s.Conversation) == "":
		return api.GlossaryScope{Kind: api.ScopeTenant, Tenant: tenant}
	case (s.Kind == api.ScopeTenant || s.Kind == api.ScopeConversation) && blank:
		s.Tenant = tenant
	}
	return s
}

// describeScope names a scope in an error.
func describeScope(s Scope) string {
	switch {
	case s.Tenant != "":
		return fmt.Sprintf("scoped to tenant %q", s.Tenant)
	case s.Conversation != "":
		return "scoped to a conversation of every tenant"
	}
	return "global"
}

// checkScope refuses content a tenant-bound writer would store outside its
// tenant (a global glossary, another tenant's, a rollback to a version
// that was not its tenant's).
func checkScope(id, tenant string, g *Glossary, field string) error {
	if g == nil || g.Scope.API().WritableBy(tenant) {
		return nil
	}
	return api.FieldError(api.CodeForbidden, field,
		"this key acts for tenant %q and writes only glossaries scoped to it; glossary %q would be %s", tenant, id, describeScope(g.Scope))
}

// checkWrite decides whether a caller acting for tenant may change id,
// whose latest content is last (nil for an id never used). A glossary it
// cannot see is not found (or, for a create, its id is taken); a global
// one it can see is forbidden.
func checkWrite(id, tenant string, last *Glossary, creating bool) error {
	if tenant == "" || last == nil {
		return nil
	}
	s := last.Scope.API()
	switch {
	case !s.VisibleTo(tenant) && creating:
		return api.FieldError(api.CodeConflict, "id", "glossary id %q is taken; choose another", id)
	case !s.VisibleTo(tenant):
		return noGlossary(id)
	case !s.WritableBy(tenant):
		return api.FieldError(api.CodeForbidden, "id",
			"glossary %q is %s: this key acts for tenant %q and changes only that tenant's glossaries", id, describeScope(last.Scope), tenant)
	}
	return nil
}

// latest returns the latest content of id: the current version's, or a
// deleted glossary's last; nil when the id was never used.
func (m *Manager) latest(ctx context.Context, id string) (*Glossary, error) {
	head, _, err := m.store.Head(ctx, id)
	if api.ErrorCode(err) == api.CodeNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return m.load(ctx, head) // a deletion's hash is its last content's
}

// checkRead answers a glossary the caller acting for tenant may not see as
// not found, in the words used for an id never used, which it checks too:
// otherwise a read of a missing version could tell the two apart. Ids
// that are not valid pass: the read reports them.
func (m *Manager) checkRead(ctx context.Context, id, tenant string) error {
	if tenant == "" || !ValidID(id) {
		return nil
	}
	last, err := m.latest(ctx, id)
	if err != nil {
		return err
	}
	if last == nil || !last.Scope.API().VisibleTo(tenant) {
		return noGlossary(id)
	}
	return nil
}

// checkVersion refuses an earlier version whose own scope the caller may
// not see (see the note at the top of this file).
func checkVersion(id, tenant string, g *Glossary, n int, field string) error {
	if g == nil || g.Scope.API().VisibleTo(tenant) {
		return nil
	}
	return api.FieldError(api.CodeNotFound, field, "glossary %q has no version %d visible to tenant %q", id, n, tenant)
}

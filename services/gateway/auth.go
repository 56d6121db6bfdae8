package gateway

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
)

// Role is what a key may do. Every write route names the role it needs.
type Role string

// Roles.
const (
	// RoleClient may read translated views (chat clients and back ends).
	RoleClient Role = "client"
	// RoleLocalization may change glossaries.
	RoleLocalization Role = "localization"
	// RoleModerator may review and decide moderation cases.
	RoleModerator Role = "moderator"
	// RoleAdmin may do everything.
	RoleAdmin Role = "admin"
)

var knownRoles = []Role{RoleClient, RoleLocalization, RoleModerator, RoleAdmin}

// Principal is the authenticated caller.
type Principal struct {
	Name  string
	Roles []Role
	// Tenant is the tenant the key acts for ("" for none): it flows into
	// every pipeline request (tenant-scoped glossaries, safety policy).
	Tenant string
	// KeyID identifies the key for rate limits and usage counters: the id
	// of a managed key, or "env-" and a digest prefix for a key from
	// PARLEY_API_KEYS.
	KeyID string
	// Limits are the key's own limits (zero: the gateway's defaults).
	Limits KeyLimits
}

// Has reports whether p holds role (admins hold every role).
func (p *Principal) Has(role Role) bool {
	return p != nil && (slices.Contains(p.Roles, role) || slices.Contains(p.Roles, RoleAdmin))
}

type apiKey struct {
	hash      [sha256.Size]byte
	principal Principal
}

// Keys authenticates API keys: the static ones of PARLEY_API_KEYS and,
// once a KeyStore is attached (WithStore), the managed keys of KeysBucket.
// Only SHA-256 digests are kept in memory, and every key is compared in
// constant time, so neither a timing difference nor a heap dump gives a
// key away.
type Keys struct {
	keys  []apiKey
	store *KeyStore
}

// WithStore returns a copy of k that also accepts the managed keys of st.
// k itself is left alone, so one parsed key list can serve several
// gateways, each with its own store.
func (k *Keys) WithStore(st *KeyStore) *Keys {
	out := &Keys{store: st}
	if k != nil {
		out.keys = k.keys
	}
	return out
}

// Store is the attached KeyStore, or nil.
func (k *Keys) Store() *KeyStore {
	if k == nil {
		return nil
	}
	return k.store
}

// ParseKeys reads PARLEY_API_KEYS: comma-separated entries of the form
// name[@tenant]:role[+role...]:key, e.g.
// "lena:localization:s3cret,acme-app@acme:client:t0ken". Keys must be at
// least 16 characters; names follow the rule of managed keys (at most
// MaxKeyNameBytes, no control characters); the gateway's default limits
// apply to them.
func ParseKeys(spec string) (*Keys, error) {
	k := &Keys{}
	for _, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		parts := strings.SplitN(entry, ":", 3)
		if len(parts) != 3 || parts[0] == "" {
			return nil, fmt.Errorf("api key entry %q: want name:role[+role]:key", redact(entry))
		}
		if len(parts[2]) < 16 {
			return nil, fmt.Errorf("api key for %q: keys must be at least 16 characters", parts[0])
		}
		name, tenant, hasTenant := strings.Cut(parts[0], "@")
		if name == "" {
			return nil, fmt.Errorf("api key entry %q: want name[@tenant]:role[+role]:key", redact(entry))
		}
		if hasTenant && tenant == "" {
			// "acme-app@:client:..." would otherwise be an operator's key
			// (no tenant), which sees every tenant's data.
			return nil, fmt.Errorf("api key for %q: the tenant after '@' is empty (leave out the '@' for a key without a tenant)", name)
		}
		if err := validKeyName(name); err != nil {
			return nil, fmt.Errorf("api key entry: %w", err)
		}
		if err := validTenant(tenant); err != nil {
			return nil, fmt.Errorf("api key for %q: %w", name, err)
		}
		sum := sha256.Sum256([]byte(parts[2]))
		p := Principal{Name: name, Tenant: tenant, KeyID: "env-" + hex.EncodeToString(sum[:8])}
		for _, r := range strings.Split(parts[1], "+") {
			role := Role(strings.TrimSpace(r))
			if !slices.Contains(knownRoles, role) {
				return nil, fmt.Errorf("api key for %q: unknown role %q (want one of %v)", parts[0], role, knownRoles)
			}
			p.Roles = append(p.Roles, role)
		}
		k.keys = append(k.keys, apiKey{hash: sum, principal: p})
	}
	return k, nil
}

// redact shows what of a malformed entry can be shown: the name and the
// roles, never what follows the second colon (the key, which may itself
// hold colons). An entry with fewer colons shows only its name, since
// whatever follows the first colon may then be the key.
func redact(entry string) string {
	parts := strings.SplitN(entry, ":", 3)
	switch len(parts) {
	case 3:
		return parts[0] + ":" + parts[1] + ":…"
	case 2:
		return parts[0] + ":…"
	}
	return "…"
}

// Empty reports whether no key is configured: none in PARLEY_API_KEYS and
// no active managed key. Creating the first managed key closes an open
// deployment.
func (k *Keys) Empty() bool { return k == nil || len(k.keys) == 0 && k.store.Active() == 0 }

// Lookup returns the principal of a presented key, or nil.
func (k *Keys) Lookup(key string) *Principal {
	if k == nil || key == "" {
		return nil
	}
	if p := k.store.Lookup(key); p != nil {
		return p
	}
	h := sha256.Sum256([]byte(key))
	var found *Principal
	for i := range k.keys {
		if subtle.ConstantTimeCompare(h[:], k.keys[i].hash[:]) == 1 {
			found = &k.keys[i].principal
		}
	}
	return found
}

// presentedKey reads "Authorization: Bearer <key>", "Authorization:
// DeepL-Auth-Key <key>" or "X-API-Key: <key>", on every route: a client
// built for one API (a DeepL library pointed at Parley) presents its key
// the same way on the others, and the docs promise each form everywhere.
func presentedKey(c echo.Context) string {
	h := c.Request().Header
	if v := h.Get(echo.HeaderAuthorization); v != "" {
		if scheme, key, ok := strings.Cut(v, " "); ok && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "DeepL-Auth-Key")) {
			return strings.TrimSpace(key)
		}
	}
	return strings.TrimSpace(h.Get("X-API-Key"))
}

type principalKey struct{}

// PrincipalFrom returns the caller authenticated for this request, or nil.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// authenticate attaches the caller's principal when a valid key is given. A
// key that is presented but wrong is a 401 even on open routes: a client
// with a typo should learn it at once, not when it first writes.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := presentedKey(c)
		if key == "" {
			return next(c)
		}
		p := s.keys.Lookup(key)
		if p == nil {
			return api.Errorf(api.CodeUnauthorized, "the API key is not valid")
		}
		if err := s.admit(c, p); err != nil {
			return err
		}
		return next(c)
	}
}

// requireRole guards a route. Reads by chat clients are open when the
// deployment configured no keys at all (a local `make run`), unless
// GATEWAY_REQUIRE_KEYS is set; every other role always needs a key.
func (s *Server) requireRole(role Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := PrincipalFrom(c.Request().Context())
			if role == RoleClient && p == nil && s.keys.Empty() && !s.cfg.RequireKeys {
				return next(c)
			}
			if p == nil {
				return api.Errorf(api.CodeUnauthorized, "this route needs an API key with the %s role (Authorization: Bearer <key>, Authorization: DeepL-Auth-Key <key> or X-API-Key: <key>)", role)
			}
			if role == RoleClient && len(p.Roles) > 0 {
				// Any authenticated principal may read views.
				return next(c)
			}
			if !p.Has(role) {
				return api.Errorf(api.CodeForbidden, "this route needs the %s role", role)
			}
			return next(c)
		}
	}
}

package gateway

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
)

// Role is what a key may do. Every write route names the role it needs.
type Role string

// Roles.
const (
	// RoleClient may post, edit and delete chat messages and send
	// readers' feedback (chat clients and back ends). Reading views,
	// translating and detecting take a key of any role.
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
	// pos is the entry's position in PARLEY_API_KEYS (from 0), to name
	// it in log lines without its text.
	pos int
}

// Keys authenticates API keys: the static ones of PARLEY_API_KEYS and,
// once a KeyStore is attached (WithStore), the managed keys of KeysBucket.
// Only SHA-256 digests are kept in memory, and every key is compared in
// constant time, so neither a timing difference nor a heap dump gives a
// key away.
type Keys struct {
	keys []apiKey
	// store is attached once the gateway has opened it (registerKeys),
	// which may be after requests started reading it.
	store atomic.Pointer[KeyStore]
}

// WithStore returns a copy of k that also accepts the managed keys of st.
// k itself is left alone, so one parsed key list can serve several
// gateways, each with its own store.
func (k *Keys) WithStore(st *KeyStore) *Keys {
	out := &Keys{}
	if k != nil {
		out.keys = k.keys
	}
	out.store.Store(st)
	return out
}

// attach makes k accept the managed keys of st from now on.
func (k *Keys) attach(st *KeyStore) { k.store.Store(st) }

// Store is the attached KeyStore, or nil.
func (k *Keys) Store() *KeyStore {
	if k == nil {
		return nil
	}
	return k.store.Load()
}

// ParseKeys reads PARLEY_API_KEYS: comma-separated entries of the form
// name[@tenant]:role[+role...]:key, e.g.
// "lena:localization:s3cret,acme-app@acme:client:t0ken". Keys must be at
// least MinEnvKeyChars characters, not a placeholder (strongEnvKey),
// without white space or control characters (blankOrControl: entries
// written one a line would otherwise be one entry no key matches);
// names follow the rule of managed keys (at most MaxKeyNameBytes, no
// control characters, not reserved); the gateway's default limits apply
// to them. Two entries may share neither a key (the last one would
// silently win) nor a name (compared by sameKeyName: audit trails name
// the key that acted).
//
// The errors name an entry by its position, never by its text: a key
// holding a comma splits into two entries, and the second one's "name"
// (or "role", or tenant) is then part of the secret, on its way to the
// startup log. A role is shown only when it is one of the known roles.
func ParseKeys(spec string) (*Keys, error) {
	k := &Keys{}
	secrets := map[[sha256.Size]byte]int{}
	for i, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		pos := entryPos(i)
		parts := strings.SplitN(entry, ":", 3)
		if len(parts) != 3 || parts[0] == "" {
			return nil, fmt.Errorf("%s: want name[@tenant]:role[+role]:key (a key must not hold a comma)", pos)
		}
		// A presented key is read trimmed (presentedKey): one stored with
		// blanks around it could never match, and would escape the
		// duplicate check below.
		parts[2] = strings.TrimSpace(parts[2])
		if blankOrControl(parts[2]) {
			// Entries written one a line ("a:client:k1\nb:client:k2") are
			// one entry whose key holds the line break and the next
			// entry: no presented key could ever match it.
			return nil, fmt.Errorf("%s: the key holds a space, line break or other control character (separate entries with commas, not line breaks)", pos)
		}
		if err := strongEnvKey(parts[2]); err != nil {
			return nil, fmt.Errorf("%s: %w", pos, err)
		}
		name, tenant, hasTenant := strings.Cut(parts[0], "@")
		if name == "" {
			return nil, fmt.Errorf("%s: the name before '@' is empty; want name[@tenant]:role[+role]:key", pos)
		}
		if hasTenant && tenant == "" {
			// "acme-app@:client:..." would otherwise be an operator's key
			// (no tenant), which sees every tenant's data.
			return nil, fmt.Errorf("%s: the tenant after '@' is empty (leave out the '@' for a key without a tenant)", pos)
		}
		if validKeyName(name) != nil {
			return nil, fmt.Errorf("%s: the name must be 1-%d bytes of UTF-8 text without ':', ',', '@', line breaks, tabs, other control characters or format characters", pos, MaxKeyNameBytes)
		}
		if reservedKeyName(name) {
			// As for managed keys: "system" (or a look-alike) would act
			// as the services' own actor in audit trails.
			return nil, fmt.Errorf("%s: the name is reserved or looks like a reserved name (%v, case and look-alike letters aside)", pos, reservedKeyNames)
		}
		if validTenant(tenant) != nil {
			return nil, fmt.Errorf("%s: the tenant must be at most 128 printable characters without spaces, '*' or '>'", pos)
		}
		sum := sha256.Sum256([]byte(parts[2]))
		p := Principal{Name: name, Tenant: tenant, KeyID: "env-" + hex.EncodeToString(sum[:8])}
		for _, r := range strings.Split(parts[1], "+") {
			role := Role(strings.TrimSpace(r))
			if !slices.Contains(knownRoles, role) {
				return nil, fmt.Errorf("%s: unknown role (%d characters; want one of %v)", pos, utf8.RuneCountInString(string(role)), knownRoles)
			}
			p.Roles = append(p.Roles, role)
		}
		if j, ok := secrets[sum]; ok {
			return nil, fmt.Errorf("%s has the key of %s: every key must be unique (the last entry would silently win)", pos, entryPos(j))
		}
		// Compared as the key store compares managed keys' names.
		for _, prev := range k.keys {
			if sameKeyName(prev.principal.Name, name) {
				return nil, fmt.Errorf("%s has the name of %s (names are compared case-insensitively, look-alike letters of other scripts as the Latin ones): audit trails name the key that acted", pos, entryPos(prev.pos))
			}
		}
		secrets[sum] = i
		k.keys = append(k.keys, apiKey{hash: sum, principal: p, pos: i})
	}
	return k, nil
}

// Key strength for PARLEY_API_KEYS: managed keys are 256 random bits
// (newSecret); an operator's key must at least not be a placeholder.
const (
	// MinEnvKeyChars is the least length of a key of PARLEY_API_KEYS: 16
	// random characters are 64 bits even in hex, out of reach of
	// online guessing, which the failed-key limiter slows further.
	MinEnvKeyChars = 16
	// minEnvKeyDistinct is the least number of different characters in
	// such a key: a placeholder ("changemechangeme", "xxxxxxxxxxxxxxxx",
	// "1234123412341234") is long enough but guessable.
	minEnvKeyDistinct = 8
)

// strongEnvKey checks a key of PARLEY_API_KEYS. Its error never shows the
// key. Earlier versions took any key, so the error points an operator
// upgrading with a weak one to the upgrade notes rather than only failing.
func strongEnvKey(key string) error {
	if len(key) < MinEnvKeyChars {
		return fmt.Errorf("keys must be at least %d characters; rotate it (make one with openssl rand -hex 24): see docs/deploy.md upgrade notes", MinEnvKeyChars)
	}
	seen := map[rune]bool{}
	for _, r := range key {
		seen[r] = true
	}
	if len(seen) < minEnvKeyDistinct {
		return fmt.Errorf("the key has fewer than %d different characters, as a placeholder has; rotate it (make one with openssl rand -hex 24): see docs/deploy.md upgrade notes", minEnvKeyDistinct)
	}
	return nil
}

// blankOrControl reports whether key holds white space or a control
// character, which no key made by openssl rand or the key store holds.
func blankOrControl(key string) bool {
	return strings.IndexFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0
}

// entryPos names the i-th (from 0) comma-separated entry of
// PARLEY_API_KEYS in an error or a log line.
func entryPos(i int) string { return fmt.Sprintf("entry %d of PARLEY_API_KEYS", i+1) }

// warnManagedClashes logs the entries of PARLEY_API_KEYS that clash with
// an active managed key: the same secret (the managed key wins, since
// Lookup asks the store first, so the entry's name, tenant and roles never
// apply) or the same name (audit trails name the key that acted, and
// could not tell the two apart). The managed keys are in a bucket the
// gateway may start without, and change while it runs, so a clash is
// reported rather than refused. Entries are named by position and
// managed keys by id, as in ParseKeys.
func (k *Keys) warnManagedClashes(log *slog.Logger) {
	if k.Store() == nil || len(k.keys) == 0 {
		return
	}
	for _, rec := range k.Store().List() {
		if rec.Revoked() {
			continue
		}
		var h [sha256.Size]byte
		hashed := decodeDigest(rec.Hash, &h) == nil
		for _, e := range k.keys {
			if hashed && subtle.ConstantTimeCompare(h[:], e.hash[:]) == 1 {
				log.Warn(entryPos(e.pos)+" has the key of a managed key, which wins: the entry's name, tenant and roles do not apply; remove the entry",
					"managed_key", rec.ID)
			}
			if sameKeyName(rec.Name, e.principal.Name) {
				log.Warn(entryPos(e.pos)+" has the name of a managed key: audit trails cannot tell the two apart; rename one",
					"managed_key", rec.ID)
			}
		}
	}
}

// Empty reports whether no key is configured: none in PARLEY_API_KEYS and
// no active managed key. Creating the first managed key closes an open
// deployment.
func (k *Keys) Empty() bool { return k == nil || len(k.keys) == 0 && k.Store().Active() == 0 }

// Lookup returns the principal of a presented key, or nil.
func (k *Keys) Lookup(key string) *Principal {
	if k == nil || key == "" {
		return nil
	}
	if p := k.Store().Lookup(key); p != nil {
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
// with a typo should learn it at once, not when it first writes. While
// the key store is not open no key can be checked, so every route but
// the probes answers 503 (keysGate).
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := s.keysGate(c); err != nil {
			return err
		}
		key := presentedKey(c)
		if key == "" {
			return next(c)
		}
		p := s.keys.Lookup(key)
		if p == nil {
			// Paced and logged: a 429 past the failed-key pace.
			return s.failedKey(c, api.CodeUnauthorized, "header")
		}
		if err := s.admit(c, p); err != nil {
			return err
		}
		return next(c)
	}
}

// requireRole guards a route. Reads by chat clients are open when the
// deployment configured no keys at all (a local `make run`), unless
// GATEWAY_REQUIRE_KEYS is set, and then take a key of any role; every
// other role always needs a key that holds it.
func (s *Server) requireRole(role Role) echo.MiddlewareFunc {
	return s.guard(role, role == RoleClient)
}

// requireClientWrite guards the chat clients' writes (posting, editing
// and deleting messages, readers' feedback). They are open when reads
// are, but once keys exist they need the client role itself: a key made
// to edit glossaries or moderate cases reads views as any key does, and
// must not speak in (or rewrite) the conversations it reads.
func (s *Server) requireClientWrite() echo.MiddlewareFunc {
	return s.guard(RoleClient, false)
}

// guard is requireRole's middleware; anyKey lets a key of any role in.
func (s *Server) guard(role Role, anyKey bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := PrincipalFrom(c.Request().Context())
			if role == RoleClient && p == nil && s.keys.Empty() && !s.cfg.RequireKeys {
				return next(c)
			}
			if p == nil {
				// A route any key may call says so: naming the client
				// role there would send a caller with another key
				// after one it does not need.
				need := "an API key with the " + string(role) + " role"
				if anyKey {
					need = "an API key (any role)"
				}
				return api.Errorf(api.CodeUnauthorized, "this route needs %s; present it as Authorization: Bearer <key>, Authorization: DeepL-Auth-Key <key> or X-API-Key: <key>", need)
			}
			if anyKey && len(p.Roles) > 0 {
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

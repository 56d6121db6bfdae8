package gateway

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/confusable"
	"github.com/parley-chat/parley/shared/natsutil"
)

// KeysBucket is the JetStream KV bucket that holds managed API keys: one
// JSON KeyRecord per key id. Only the SHA-256 digest of each secret is
// stored; every gateway replica watches the bucket, so a key created,
// rotated or revoked on one is honoured by all within the watch latency.
const KeysBucket = "parley_api_keys"

// keyPrefix starts every managed key, so a leaked key is recognisable
// (secret scanners) and the key id can be read without a search.
const keyPrefix = "pk_"

// keyIDLen is the length of the hex key id inside a managed key.
const keyIDLen = 16

// KeyRecord is one managed API key as stored in KeysBucket. The secret
// itself is never stored: Hash is the hex SHA-256 of the whole key. A key
// carries 256 random bits, so a plain hash is as strong as a slow one (no
// dictionary to try) and lookups stay cheap.
type KeyRecord struct {
	// ID is the public key id, also the KV key and part of the key text.
	ID   string `json:"id"`
	Name string `json:"name"`
	// Roles are what the key may do (see Role).
	Roles []Role `json:"roles"`
	// Tenant is the tenant every request made with the key acts for
	// (tenant-scoped glossaries and safety policy); empty for none.
	Tenant string `json:"tenant,omitempty"`
	// Hash is always stored; omitempty leaves it out of listings
	// (`parley keys list --json`), which clear it: a digest tells a
	// reader nothing and need not travel further than the bucket.
	Hash string `json:"hash,omitempty"`
	// PrevHash is the digest of the secret a rotation replaced; it is
	// accepted until PrevExpires so clients can switch over.
	PrevHash    string    `json:"prev_hash,omitempty"`
	PrevExpires time.Time `json:"prev_expires,omitzero"`
	// Limits overrides the gateway's default rate limit and quota.
	Limits    KeyLimits `json:"limits,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	RotatedAt time.Time `json:"rotated_at,omitzero"`
	// RevokedAt is set when the key was revoked; the record stays for the
	// audit trail and the key is refused everywhere.
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

// Revoked reports whether the key was revoked.
func (r *KeyRecord) Revoked() bool { return !r.RevokedAt.IsZero() }

// KeyLimits are a key's own rate limit and monthly quota. Zero values fall
// back to the gateway's defaults (GATEWAY_RATE_LIMIT, GATEWAY_RATE_BURST,
// GATEWAY_MONTHLY_CHARS).
type KeyLimits struct {
	// Rate is the sustained request rate in requests per second; negative
	// means unlimited.
	Rate float64 `json:"rate,omitempty"`
	// Burst is how many requests may arrive at once above Rate.
	Burst int `json:"burst,omitempty"`
	// MonthlyChars is the characters the key may translate per calendar
	// month (UTC), counted as DeepL does (Unicode code points of the
	// source text); negative means unlimited.
	MonthlyChars int64 `json:"monthly_chars,omitempty"`
}

// KeySpec describes a key to create.
type KeySpec struct {
	Name   string
	Roles  []Role
	Tenant string
	Limits KeyLimits
}

// KeyStore manages API keys in KeysBucket and keeps an in-memory copy
// current through a KV watch, so authenticating a request never leaves
// the process.
type KeyStore struct {
	kv  jetstream.KeyValue
	w   jetstream.KeyWatcher
	log *slog.Logger
	now func() time.Time

	mu      sync.RWMutex
	records map[string]*storedKey
	active  int

	done chan struct{}
}

// storedKey is a record with its digests decoded and its principal built
// once, so a lookup allocates nothing.
type storedKey struct {
	rec       KeyRecord
	hash      [sha256.Size]byte
	prev      [sha256.Size]byte
	hasPrev   bool
	principal Principal
}

// OpenKeyStore binds to (creating on first use, with replicas; raising an
// existing bucket's replicas to replicas when it has fewer) KeysBucket,
// loads every key and keeps watching until Close. It returns once the keys
// are in memory, so the first request already sees them.
func OpenKeyStore(ctx context.Context, nc *nats.Conn, replicas int, log *slog.Logger) (*KeyStore, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	kv, err := keyValueLog(ctx, nc, jetstream.KeyValueConfig{Bucket: KeysBucket, Description: "Parley API keys (SHA-256 digests, roles, tenants, limits)", History: 5, Replicas: max(replicas, 1)}, log)
	if err != nil {
		return nil, err
	}
	// The watch outlives ctx (which only bounds the open); Close ends it.
	w, err := kv.WatchAll(context.WithoutCancel(ctx))
	if err != nil {
		return nil, fmt.Errorf("keys: watch %s: %w", KeysBucket, err)
	}
	s := &KeyStore{kv: kv, w: w, log: log, now: time.Now, records: map[string]*storedKey{}, done: make(chan struct{})}
	for loaded := false; !loaded; {
		select {
		case e, ok := <-w.Updates():
			if !ok {
				return nil, fmt.Errorf("keys: watch %s closed while loading", KeysBucket)
			}
			if e == nil { // the initial values end with a nil entry
				loaded = true
				break
			}
			s.apply(e)
		case <-ctx.Done():
			_ = w.Stop()
			return nil, fmt.Errorf("keys: load %s: %w", KeysBucket, ctx.Err())
		}
	}
	go s.watch()
	return s, nil
}

// keyValue binds to a KV bucket, creating it on first use with replicas
// (at least 1). An existing bucket's configuration (history, TTL an
// operator set) is kept, but for replicas fewer than replicas, which are
// raised (natsutil.EnsureKeyValue): a bucket that `parley keys create`
// made without PARLEY_JS_REPLICAS would otherwise stay on one node.
func keyValue(ctx context.Context, nc *nats.Conn, bucket, description string, history uint8, ttl time.Duration, replicas int) (jetstream.KeyValue, error) {
	return keyValueLog(ctx, nc, jetstream.KeyValueConfig{Bucket: bucket, Description: description, History: history, TTL: ttl, Replicas: max(replicas, 1)}, nil)
}

// keyValueLog is keyValue with the logger that hears of replicas that
// could not be raised (nil: slog's default).
func keyValueLog(ctx context.Context, nc *nats.Conn, cfg jetstream.KeyValueConfig, log *slog.Logger) (jetstream.KeyValue, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	return natsutil.EnsureKeyValue(ctx, js, cfg, log)
}

func (s *KeyStore) watch() {
	defer close(s.done)
	for e := range s.w.Updates() {
		if e != nil {
			s.apply(e)
		}
	}
}

func (s *KeyStore) apply(e jetstream.KeyValueEntry) {
	id := e.Key()
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.records[id]; ok && !old.rec.Revoked() {
		s.active--
	}
	delete(s.records, id)
	if e.Operation() != jetstream.KeyValuePut {
		return
	}
	sk, err := decodeKey(e.Value())
	if err != nil {
		// A record nobody can read authenticates nobody.
		s.log.Error("api key record rejected", "key_id", id, "revision", e.Revision(), "err", err)
		return
	}
	s.records[id] = sk
	if !sk.rec.Revoked() {
		s.active++
	}
}

func decodeKey(data []byte) (*storedKey, error) {
	var rec KeyRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	sk := &storedKey{rec: rec}
	if err := decodeDigest(rec.Hash, &sk.hash); err != nil {
		return nil, err
	}
	if rec.PrevHash != "" {
		if err := decodeDigest(rec.PrevHash, &sk.prev); err != nil {
			return nil, err
		}
		sk.hasPrev = true
	}
	sk.principal = Principal{Name: rec.Name, Roles: rec.Roles, Tenant: rec.Tenant, KeyID: rec.ID, Limits: rec.Limits}
	return sk, nil
}

func decodeDigest(h string, dst *[sha256.Size]byte) error {
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != sha256.Size {
		return fmt.Errorf("hash %q is not a hex SHA-256 digest", h)
	}
	copy(dst[:], b)
	return nil
}

// Close stops watching the bucket.
func (s *KeyStore) Close() error {
	err := s.w.Stop()
	<-s.done
	return err
}

// Active is the number of keys that are not revoked.
func (s *KeyStore) Active() int {
	if s == nil {
		return 0
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.active
}

// Lookup returns the principal of a presented managed key, or nil when the
// key is unknown, revoked, or a rotated-out secret past its grace period.
// The digest is compared in constant time.
func (s *KeyStore) Lookup(key string) *Principal {
	id, ok := managedKeyID(key)
	if s == nil || !ok {
		return nil
	}
	s.mu.RLock()
	sk := s.records[id]
	s.mu.RUnlock()
	if sk == nil || sk.rec.Revoked() {
		return nil
	}
	h := sha256.Sum256([]byte(key))
	cur := subtle.ConstantTimeCompare(h[:], sk.hash[:]) == 1
	prev := sk.hasPrev && subtle.ConstantTimeCompare(h[:], sk.prev[:]) == 1
	if cur || (prev && s.now().Before(sk.rec.PrevExpires)) {
		return &sk.principal
	}
	return nil
}

// Record returns the cached record of key id (revoked ones included).
func (s *KeyStore) Record(id string) (KeyRecord, bool) {
	if s == nil {
		return KeyRecord{}, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	sk := s.records[id]
	if sk == nil {
		return KeyRecord{}, false
	}
	return sk.rec, true
}

// SecretActive reports whether the secret of key id whose hex SHA-256 is
// hash still authenticates: the key is not revoked and hash is its
// current secret, or the secret a rotation replaced while its grace
// period lasts. Console sessions ask it on every request, so a session
// lives no longer than the secret it signed in with.
func (s *KeyStore) SecretActive(id, hash string) bool {
	var h [sha256.Size]byte
	if s == nil || decodeDigest(hash, &h) != nil {
		return false
	}
	s.mu.RLock()
	sk := s.records[id]
	s.mu.RUnlock()
	if sk == nil || sk.rec.Revoked() {
		return false
	}
	cur := subtle.ConstantTimeCompare(h[:], sk.hash[:]) == 1
	prev := sk.hasPrev && subtle.ConstantTimeCompare(h[:], sk.prev[:]) == 1
	return cur || (prev && s.now().Before(sk.rec.PrevExpires))
}

// managedKeyID reads the key id out of "pk_<id>_<secret>".
func managedKeyID(key string) (string, bool) {
	rest, ok := strings.CutPrefix(key, keyPrefix)
	if !ok || len(rest) < keyIDLen+2 || rest[keyIDLen] != '_' {
		return "", false
	}
	id := rest[:keyIDLen]
	if _, err := hex.DecodeString(id); err != nil {
		return "", false
	}
	return id, true
}

// newSecret makes a key for id: 256 random bits, URL-safe.
func newSecret(id string) string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails (Go 1.24+)
	return keyPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(b[:])
}

func digest(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// MaxKeyNameBytes bounds a key's name. The name is the author of the
// glossary versions and the actor of the audit entries the key writes
// (glossary authors may have 128 bytes), and a column of `parley keys
// list`.
const MaxKeyNameBytes = 64

// validKeyName checks a key's name, for managed keys and PARLEY_API_KEYS
// alike. The name reaches logs, audit trails, glossary histories and
// terminals, so it must be one line of printable text: a line break or an
// escape code in it could forge a log line or repaint a terminal, and a
// format character (unicode.Cf: bidi overrides such as U+202E, zero-width
// spaces and joiners) could reorder what a reader sees or make two names
// look alike.
func validKeyName(name string) error {
	if !api.Visible(name) || len(name) > MaxKeyNameBytes || strings.ContainsAny(name, ":,@") ||
		!utf8.ValidString(name) || strings.ContainsFunc(name, unprintableName) {
		return fmt.Errorf("key name %q: want 1-%d bytes of UTF-8 text without ':', ',', '@', line breaks, tabs, other control characters or format characters (bidi overrides, zero-width characters)", name, MaxKeyNameBytes)
	}
	return nil
}

// unprintableName reports a rune a key name must not hold: a control or
// format character (the zero-width joiner included), a line or paragraph
// separator, another ignorable code point or a blank (api.UnprintableInName).
func unprintableName(r rune) bool {
	return api.UnprintableInName(r)
}

// validateSpec checks a key's name, roles and tenant.
func validateSpec(spec KeySpec) error {
	if err := validKeyName(spec.Name); err != nil {
		return err
	}
	if reservedKeyName(spec.Name) {
		return fmt.Errorf("key name %q is reserved or looks like a reserved name (case, look-alike letters of other scripts and fullwidth forms aside): the services write it in audit trails for their own actions", spec.Name)
	}
	if len(spec.Roles) == 0 {
		return errors.New("a key needs at least one role")
	}
	for _, r := range spec.Roles {
		if !slices.Contains(knownRoles, r) {
			return fmt.Errorf("unknown role %q (want one of %v)", r, knownRoles)
		}
	}
	if err := validTenant(spec.Tenant); err != nil {
		return err
	}
	if spec.Limits.Burst < 0 {
		return errors.New("burst must not be negative")
	}
	return nil
}

// reservedKeyNames are actors the services record themselves (the
// moderation service's lease reaper is "system"): a key of that name would
// make its holder's actions indistinguishable from theirs.
var reservedKeyNames = []string{"system"}

// reservedKeyName reports whether name is, or looks like, one of
// reservedKeyNames: compared by skeleton (sameKeyName), so that "ѕystem"
// with a Cyrillic ѕ, which an audit trail shows as "system", is refused
// as "System" is.
func reservedKeyName(name string) bool {
	return slices.Contains(reservedKeyNames, confusable.Skeleton(name))
}

// sameKeyName reports whether two key names would pass for each other in
// an audit trail: equal once case, look-alike letters of other scripts
// (Cyrillic а for Latin a) and compatibility forms (fullwidth letters)
// are set aside (confusable.Skeleton). Names are unique by it, so that no
// key can act under another's name.
func sameKeyName(a, b string) bool {
	return confusable.Skeleton(a) == confusable.Skeleton(b)
}

// validTenant applies the pipeline's id rule to a tenant.
func validTenant(t string) error {
	if len(t) > 128 || strings.ContainsFunc(t, func(r rune) bool { return r < 0x21 || r == 0x7f || r == '*' || r == '>' }) {
		return fmt.Errorf("tenant %q: want at most 128 printable characters without spaces, '*' or '>'", t)
	}
	return nil
}

// Create stores a new key and returns its record and the key itself. The
// key is shown only here: the store keeps its digest.
func (s *KeyStore) Create(ctx context.Context, spec KeySpec) (KeyRecord, string, error) {
	if err := validateSpec(spec); err != nil {
		return KeyRecord{}, "", err
	}
	// Audit trails name the key that acted, so two live keys must not
	// share a name (a revoked key's name may be reused).
	for _, r := range s.List() {
		if r.RevokedAt.IsZero() && sameKeyName(r.Name, spec.Name) {
			return KeyRecord{}, "", fmt.Errorf("key name %q is taken by key %s (named %q: names are compared case-insensitively, look-alike letters of other scripts as the Latin ones); revoke it or choose another name", spec.Name, r.ID, r.Name)
		}
	}
	roles := slices.Clone(spec.Roles)
	slices.Sort(roles)
	roles = slices.Compact(roles)
	var idb [keyIDLen / 2]byte
	_, _ = rand.Read(idb[:])
	id := hex.EncodeToString(idb[:])
	key := newSecret(id)
	rec := KeyRecord{
		ID: id, Name: spec.Name, Roles: roles, Tenant: spec.Tenant,
		Hash: digest(key), Limits: spec.Limits, CreatedAt: s.now().UTC(),
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return KeyRecord{}, "", fmt.Errorf("encode key: %w", err)
	}
	if _, err := s.kv.Create(ctx, id, data); err != nil {
		return KeyRecord{}, "", fmt.Errorf("store key %s: %w", id, err)
	}
	return rec, key, nil
}

// ErrNoSuchKey is returned for an id the store does not hold.
var ErrNoSuchKey = errors.New("no such key")

// Get reads one record from the bucket (not the cache, so the CLI sees
// the latest state).
func (s *KeyStore) Get(ctx context.Context, id string) (KeyRecord, uint64, error) {
	e, err := s.kv.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrInvalidKey) {
		return KeyRecord{}, 0, fmt.Errorf("key %q: %w", id, ErrNoSuchKey)
	}
	if err != nil {
		return KeyRecord{}, 0, fmt.Errorf("read key %s: %w", id, err)
	}
	var rec KeyRecord
	if err := json.Unmarshal(e.Value(), &rec); err != nil {
		return KeyRecord{}, 0, fmt.Errorf("decode key %s: %w", id, err)
	}
	return rec, e.Revision(), nil
}

// List returns every record, revoked ones included, oldest first.
func (s *KeyStore) List() []KeyRecord {
	s.mu.RLock()
	out := make([]KeyRecord, 0, len(s.records))
	for _, sk := range s.records {
		out = append(out, sk.rec)
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b KeyRecord) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// update applies change to the stored record with optimistic concurrency.
func (s *KeyStore) update(ctx context.Context, id string, change func(*KeyRecord) error) (KeyRecord, error) {
	for range 5 {
		rec, rev, err := s.Get(ctx, id)
		if err != nil {
			return KeyRecord{}, err
		}
		if err := change(&rec); err != nil {
			return KeyRecord{}, err
		}
		data, err := json.Marshal(rec)
		if err != nil {
			return KeyRecord{}, fmt.Errorf("encode key: %w", err)
		}
		_, err = s.kv.Update(ctx, id, data, rev)
		if err == nil {
			return rec, nil
		}
		if !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			return KeyRecord{}, fmt.Errorf("update key %s: %w", id, err)
		}
	}
	return KeyRecord{}, fmt.Errorf("update key %s: too many concurrent changes", id)
}

// Revoke refuses the key from now on, on every replica. Revoking a revoked
// key is not an error.
func (s *KeyStore) Revoke(ctx context.Context, id string) (KeyRecord, error) {
	return s.update(ctx, id, func(r *KeyRecord) error {
		if !r.Revoked() {
			r.RevokedAt = s.now().UTC()
		}
		return nil
	})
}

// MaxRotateGrace bounds how long a rotated key's old secret keeps
// working. A grace is the time clients need to switch to the new secret;
// a rotation is usually made because the old one may have leaked, so an
// old secret that keeps working for years (a typo, "100000h") would undo
// the rotation without anyone noticing.
const MaxRotateGrace = 30 * 24 * time.Hour

// Rotate gives the key a new secret and returns it (shown only here). The
// old secret keeps working for grace (zero: it stops at once; at most
// MaxRotateGrace), so clients can switch without downtime; id, roles,
// tenant, limits and the month's usage stay with the key. A negative grace
// is refused: treated as zero it would cut the old secret off at once, the
// opposite of what was asked.
func (s *KeyStore) Rotate(ctx context.Context, id string, grace time.Duration) (KeyRecord, string, error) {
	if grace < 0 {
		return KeyRecord{}, "", fmt.Errorf("grace %v is negative: want 0 (the old secret stops at once) or more", grace)
	}
	if grace > MaxRotateGrace {
		return KeyRecord{}, "", fmt.Errorf("grace %v is longer than %v (30 days): the old secret must stop working within that", grace, MaxRotateGrace)
	}
	key := newSecret(id)
	rec, err := s.update(ctx, id, func(r *KeyRecord) error {
		if r.Revoked() {
			return fmt.Errorf("key %s is revoked; create a new one", id)
		}
		now := s.now().UTC()
		r.PrevHash, r.PrevExpires = "", time.Time{}
		if grace > 0 {
			r.PrevHash, r.PrevExpires = r.Hash, now.Add(grace)
		}
		r.Hash, r.RotatedAt = digest(key), now
		return nil
	})
	if err != nil {
		return KeyRecord{}, "", err
	}
	return rec, key, nil
}

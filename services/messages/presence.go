package messages

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// ReadersBucket is the KV bucket of active reader locales: one key
// "t<tenant, base64url>.<conversation>.<locale>" per locale someone of a
// tenant is reading a conversation in, expiring with the bucket's TTL
// unless refreshed.
const ReadersBucket = "parley-readers"

const metaMaxLocales = "parley_max_locales"

// Presence tracks each conversation's active reader locales, per tenant:
// conversation ids are shared by all tenants, and one tenant's readers
// must not take another tenant's slots (the cap counts each tenant's
// locales of a conversation apart; a tenant's messages are pre-translated
// into its own readers' locales).
//
// Policy when a tenant's conversation reaches its cap of locales: first
// come, first served. A locale keeps its slot for as long as one of its
// readers refreshes it (an open event stream does, well within the TTL);
// a new locale beyond the cap is not pre-translated and its readers get
// views rendered on demand, until a slot frees up when a locale's last
// reader has been gone for the TTL. Evicting an active locale instead
// would only move the on-demand cost to other readers, and two locales
// could evict each other at every refresh.
//
// The registrations are mirrored in memory by one KV watcher per
// Presence, so that listing a conversation's locales (at every stream
// open, every refresh and every pre-translated message) costs no
// JetStream consumer: a listing of the bucket creates one, and a flood of
// stream opens exhausted the server's consumers. The bucket's TTL drops
// entries without telling watchers, so each one expires in the mirror a
// TTL after it was written (seen, for entries written before the mirror
// opened).
type Presence struct {
	kv  jetstream.KeyValue
	max int
	ttl time.Duration

	w    jetstream.KeyWatcher
	done chan struct{}

	mu sync.Mutex
	// active maps a tenant's conversation (readersPrefix) to its
	// registered locales and when each expires.
	active    map[string]map[string]time.Time
	lastPrune time.Time
	// rev is the bucket revision up to which the watcher has delivered
	// (Sync); changed is closed and replaced at every delivery.
	rev     uint64
	changed chan struct{}
}

// EnsurePresence creates (or updates) the readers bucket for cfg, but
// for replicas: raised to cfg.Replicas, never lowered (natsutil).
func EnsurePresence(ctx context.Context, js jetstream.JetStream, cfg Config) (*Presence, error) {
	cfg.defaults()
	kv, err := natsutil.CreateOrUpdateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket:      ReadersBucket,
		Description: "Parley: active reader locales per tenant and conversation",
		TTL:         cfg.ReaderTTL,
		History:     1,
		Storage:     jetstream.MemoryStorage,
		Replicas:    cfg.Replicas,
		Metadata:    map[string]string{metaMaxLocales: strconv.Itoa(cfg.MaxLocales)},
	}, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("readers bucket: %w", err)
	}
	return startPresence(ctx, &Presence{kv: kv, max: cfg.MaxLocales, ttl: cfg.ReaderTTL})
}

// OpenPresence opens the readers bucket with the settings it was created
// with (by the messages service, or with defaults if it is not running).
func OpenPresence(ctx context.Context, js jetstream.JetStream) (*Presence, error) {
	kv, err := js.KeyValue(ctx, ReadersBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return EnsurePresence(ctx, js, Config{})
	}
	if err != nil {
		return nil, fmt.Errorf("readers bucket: %w", err)
	}
	st, err := kv.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("readers bucket status: %w", err)
	}
	p := &Presence{kv: kv, max: 8, ttl: st.TTL()}
	if bs, ok := st.(*jetstream.KeyValueBucketStatus); ok {
		if n, err := strconv.Atoi(bs.StreamInfo().Config.Metadata[metaMaxLocales]); err == nil && n > 0 {
			p.max = n
		}
	}
	return startPresence(ctx, p)
}

// startPresence loads the bucket into p's mirror and follows it; it
// returns once every registration stored so far is in the mirror.
func startPresence(ctx context.Context, p *Presence) (*Presence, error) {
	if p.ttl <= 0 {
		p.ttl = 45 * time.Second
	}
	p.active = map[string]map[string]time.Time{}
	p.changed = make(chan struct{})
	p.done = make(chan struct{})
	// Stopped by Close (Stop), not by a context: the client library would
	// unsubscribe on a goroutine of its own when one ends, which Close
	// could not wait for.
	w, err := p.kv.WatchAll(context.Background())
	if err != nil {
		return nil, fmt.Errorf("watch reader locales: %w", err)
	}
	p.w = w
	loaded := make(chan struct{})
	go p.follow(w, loaded)
	select {
	case <-loaded:
		return p, nil
	case <-ctx.Done():
		p.Close()
		return nil, fmt.Errorf("load reader locales: %w", ctx.Err())
	}
}

// Close stops following the bucket. It returns once the watcher has
// stopped and deleted its consumer, so that a connection drained after it
// does not delete the consumer too ("consumer not found").
func (p *Presence) Close() {
	_ = p.w.Stop()
	<-p.done
}

func (p *Presence) follow(w jetstream.KeyWatcher, loaded chan struct{}) {
	defer close(p.done)
	defer func() { _ = w.Stop() }()
	initial := true
	for e := range w.Updates() {
		if e == nil {
			// The watcher's marker: everything stored so far was delivered.
			if initial {
				initial = false
				close(loaded)
			}
			continue
		}
		now := time.Now()
		p.mu.Lock()
		p.rev = max(p.rev, e.Revision())
		close(p.changed)
		p.changed = make(chan struct{})
		prefix, locale, ok := parseReadersKey(e.Key())
		switch {
		case !ok:
			// A registration of an older version (conversation.locale):
			// it expires by itself.
		case e.Operation() != jetstream.KeyValuePut:
			p.drop(prefix, locale)
		default:
			// A live update was written just now; a stored one expires a
			// TTL after the server wrote it (sooner, never later, than a
			// TTL from now, whatever the clocks' skew).
			exp := now.Add(p.ttl)
			if c := e.Created().Add(p.ttl); initial && c.Before(exp) {
				exp = c
			}
			p.set(prefix, locale, exp)
		}
		p.mu.Unlock()
	}
}

// set records a locale's registration until exp. Caller holds p.mu.
func (p *Presence) set(prefix, locale string, exp time.Time) {
	locs := p.active[prefix]
	if locs == nil {
		locs = map[string]time.Time{}
		p.active[prefix] = locs
	}
	if exp.After(locs[locale]) {
		locs[locale] = exp
	}
}

// drop forgets a locale's registration. Caller holds p.mu.
func (p *Presence) drop(prefix, locale string) {
	delete(p.active[prefix], locale)
	if len(p.active[prefix]) == 0 {
		delete(p.active, prefix)
	}
}

// readersPrefix names a tenant's conversation in the readers bucket.
func readersPrefix(tenant, conv string) string { return "t" + tenantToken(tenant) + "." + conv }

// parseReadersKey splits a readers bucket key into its tenant's
// conversation and its locale.
func parseReadersKey(key string) (prefix, locale string, ok bool) {
	i := strings.LastIndexByte(key, '.')
	if i < 0 || !strings.HasPrefix(key, "t") || strings.Count(key, ".") != 2 {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}

// syncWait bounds Sync's wait for the watcher.
const syncWait = time.Second

// Sync waits until the mirror holds every registration the bucket held
// when it was called: one stream info request, no consumer. The
// pre-translation syncs before each message, so that a reader who
// registered just before the message was posted gets its view. A bucket
// whose latest entry expired before the mirror opened never delivers it:
// after syncWait the mirror counts as synced up to it.
func (p *Presence) Sync(ctx context.Context) error {
	st, err := p.kv.Status(ctx)
	if err != nil {
		return fmt.Errorf("readers bucket status: %w", err)
	}
	bs, ok := st.(*jetstream.KeyValueBucketStatus)
	if !ok {
		return nil
	}
	last := bs.StreamInfo().State.LastSeq
	timeout := time.NewTimer(syncWait)
	defer timeout.Stop()
	for {
		p.mu.Lock()
		done, ch := p.rev >= last, p.changed
		p.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-timeout.C:
			p.mu.Lock()
			p.rev = max(p.rev, last)
			p.mu.Unlock()
			return nil
		case <-ctx.Done():
			return fmt.Errorf("sync reader locales: %w", ctx.Err())
		}
	}
}

// TTL is how long a registration lasts without a refresh.
func (p *Presence) TTL() time.Duration { return p.ttl }

// Max is the cap of pre-translated locales per tenant and conversation.
func (p *Presence) Max() int { return p.max }

// Register records that someone of tenant reads conv in locale, or
// refreshes that. It reports false when the tenant's conversation already
// has its cap of other locales: that reader gets views rendered on
// demand.
func (p *Presence) Register(ctx context.Context, tenant, conv, locale string) (bool, error) {
	prefix := readersPrefix(tenant, conv)
	key := prefix + "." + locale
	active, err := p.Active(ctx, tenant, conv)
	if err != nil {
		return false, err
	}
	if !slices.Contains(active, locale) {
		if len(active) >= p.max {
			return false, nil
		}
		_, err := p.kv.Create(ctx, key, []byte(locale))
		switch {
		case err == nil:
			p.seen(prefix, locale)
			return true, nil
		case !errors.Is(err, jetstream.ErrKeyExists):
			return false, fmt.Errorf("register reader locale: %w", err)
		}
		// Registered meanwhile (another replica): refresh it.
	} else if p.fresh(prefix, locale) {
		// Refreshed a moment ago (by another stream of the locale): many
		// readers of one locale make one write per quarter TTL, not one
		// each.
		return true, nil
	}
	if _, err := p.kv.Put(ctx, key, []byte(locale)); err != nil {
		return false, fmt.Errorf("refresh reader locale: %w", err)
	}
	p.seen(prefix, locale)
	return true, nil
}

// fresh reports whether a locale's registration was written within the
// last quarter of the TTL, as far as the mirror knows.
func (p *Presence) fresh(prefix, locale string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return time.Until(p.active[prefix][locale]) > p.ttl-p.ttl/4
}

// seen records this process's own write at once: the next Register or
// Active must not wait for the watcher.
func (p *Presence) seen(prefix, locale string) {
	p.mu.Lock()
	p.set(prefix, locale, time.Now().Add(p.ttl))
	p.mu.Unlock()
}

// Active lists the locales tenant's readers read conv in, sorted, at most
// the cap (registrations that raced past it are left out the same way
// everywhere). It reads the in-memory mirror of the bucket (Sync first
// for registrations made elsewhere a moment ago).
func (p *Presence) Active(_ context.Context, tenant, conv string) ([]string, error) {
	prefix := readersPrefix(tenant, conv)
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.lastPrune) > p.ttl {
		// Conversations nobody asks about again expire here.
		p.lastPrune = now
		for pre, locs := range p.active {
			for loc, exp := range locs {
				if !exp.After(now) {
					p.drop(pre, loc)
				}
			}
		}
	}
	var out []string
	for loc, exp := range p.active[prefix] {
		if exp.After(now) {
			out = append(out, loc)
		} else {
			p.drop(prefix, loc)
		}
	}
	slices.Sort(out)
	if len(out) > p.max {
		out = out[:p.max]
	}
	return out, nil
}

// ValidLocale checks a locale for use in a key and a subject.
func ValidLocale(locale string) error {
	if locale == "" || len(locale) > 64 || strings.ContainsFunc(locale, func(r rune) bool {
		return !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return api.FieldError(api.CodeInvalidLanguage, "locale", "locale %q is not a BCP 47 tag", locale)
	}
	return nil
}

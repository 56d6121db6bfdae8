package messages

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
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
//
// The bucket is kept in memory (registrations last a TTL; readers
// refresh them), so a NATS server that restarts comes back without it.
// A Presence re-creates it when it is missing and follows it afresh: when
// its watcher ends (the watcher's consumer could not be re-created on a
// deleted stream), when the connection reconnects, when a write or a Sync
// finds the bucket missing or re-created by another process, and at a
// check every TTL. The mirror keeps what it held meanwhile: those readers
// are still there, and refresh their locales into the new bucket.
type Presence struct {
	max int
	ttl time.Duration

	// ensure binds to the bucket, creating it when it is missing: with
	// the messages service's settings in the service (EnsurePresence),
	// with those the bucket had when it was opened elsewhere
	// (OpenPresence).
	ensure func(context.Context) (jetstream.KeyValue, error)
	log    *slog.Logger
	// nc and reconnected tell the keeper of reconnects: a bucket in
	// memory does not survive its server's restart.
	nc          *nats.Conn
	reconnected chan nats.Status
	// kick asks the keeper to follow the bucket afresh (refollow).
	kick     chan struct{}
	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{}
	// ctx bounds the keeper's requests; Close cancels it.
	ctx    context.Context
	cancel context.CancelFunc

	mu sync.Mutex
	// kv is the bucket the keeper follows, and created its stream's
	// creation time: a bucket created since is another one.
	kv      jetstream.KeyValue
	created time.Time
	// followed is closed and replaced each time the keeper follows the
	// bucket afresh.
	followed chan struct{}
	// active maps a tenant's conversation (readersPrefix) to its
	// registered locales and when each expires.
	active    map[string]map[string]time.Time
	lastPrune time.Time
	// rev is the bucket revision up to which the watcher has delivered
	// (Sync); changed is closed and replaced at every delivery.
	rev     uint64
	changed chan struct{}
}

// readersConfig is the readers bucket's configuration for cfg (defaults
// applied).
func readersConfig(cfg Config) jetstream.KeyValueConfig {
	return jetstream.KeyValueConfig{
		Bucket:      ReadersBucket,
		Description: "Parley: active reader locales per tenant and conversation",
		TTL:         cfg.ReaderTTL,
		History:     1,
		Storage:     jetstream.MemoryStorage,
		Replicas:    cfg.Replicas,
		Metadata:    map[string]string{metaMaxLocales: strconv.Itoa(cfg.MaxLocales)},
	}
}

// EnsurePresence creates (or updates) the readers bucket for cfg, but
// for replicas: raised to cfg.Replicas, never lowered (natsutil). It
// re-creates the bucket with cfg whenever it goes missing (Presence).
func EnsurePresence(ctx context.Context, js jetstream.JetStream, cfg Config) (*Presence, error) {
	cfg.defaults()
	bucket := readersConfig(cfg)
	ensure := func(ctx context.Context) (jetstream.KeyValue, error) {
		kv, err := natsutil.CreateOrUpdateKeyValue(ctx, js, bucket, cfg.Log)
		if err != nil {
			return nil, fmt.Errorf("readers bucket: %w", err)
		}
		return kv, nil
	}
	kv, err := ensure(ctx)
	if err != nil {
		return nil, err
	}
	return startPresence(ctx, js, &Presence{max: cfg.MaxLocales, ttl: cfg.ReaderTTL, ensure: ensure, log: cfg.Log}, kv)
}

// OpenPresence opens the readers bucket with the settings it was created
// with (by the messages service, or with defaults if it is not running).
// It re-creates the bucket with those settings whenever it goes missing
// (Presence); the messages service updates them when it re-creates or
// restarts.
func OpenPresence(ctx context.Context, js jetstream.JetStream) (*Presence, error) {
	kv, err := js.KeyValue(ctx, ReadersBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		def := Config{}
		def.defaults()
		kv, err = natsutil.EnsureKeyValue(ctx, js, readersConfig(def), nil)
	}
	if err != nil {
		return nil, fmt.Errorf("readers bucket: %w", err)
	}
	st, err := kv.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("readers bucket status: %w", err)
	}
	cfg := Config{ReaderTTL: st.TTL(), MaxLocales: 8}
	if bs, ok := st.(*jetstream.KeyValueBucketStatus); ok {
		if n, err := strconv.Atoi(bs.StreamInfo().Config.Metadata[metaMaxLocales]); err == nil && n > 0 {
			cfg.MaxLocales = n
		}
		cfg.Replicas = bs.StreamInfo().Config.Replicas
	}
	cfg.defaults()
	bucket := readersConfig(cfg)
	ensure := func(ctx context.Context) (jetstream.KeyValue, error) {
		kv, err := natsutil.EnsureKeyValue(ctx, js, bucket, nil)
		if err != nil {
			return nil, fmt.Errorf("readers bucket: %w", err)
		}
		return kv, nil
	}
	return startPresence(ctx, js, &Presence{max: cfg.MaxLocales, ttl: cfg.ReaderTTL, ensure: ensure}, kv)
}

// startPresence loads the bucket kv into p's mirror and starts the keeper
// that follows it; it returns once every registration stored so far is in
// the mirror.
func startPresence(ctx context.Context, js jetstream.JetStream, p *Presence, kv jetstream.KeyValue) (*Presence, error) {
	if p.ttl <= 0 {
		p.ttl = 45 * time.Second
	}
	if p.log == nil {
		p.log = slog.Default()
	}
	p.active = map[string]map[string]time.Time{}
	p.changed = make(chan struct{})
	p.followed = make(chan struct{})
	p.kick = make(chan struct{}, 1)
	p.stop = make(chan struct{})
	p.done = make(chan struct{})
	w, err := p.watch(ctx, kv)
	if err != nil {
		return nil, err
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	if p.nc = js.Conn(); p.nc != nil {
		p.reconnected = p.nc.StatusChanged(nats.CONNECTED)
	}
	loaded := make(chan struct{})
	go p.keep(w, loaded)
	select {
	case <-loaded:
		return p, nil
	case <-ctx.Done():
		p.Close()
		return nil, fmt.Errorf("load reader locales: %w", ctx.Err())
	}
}

// watch starts watching kv and makes it the bucket p follows.
func (p *Presence) watch(ctx context.Context, kv jetstream.KeyValue) (jetstream.KeyWatcher, error) {
	created, err := bucketCreated(ctx, kv)
	if err != nil {
		return nil, err
	}
	// Stopped by the keeper (Close), not by a context: the client
	// library would unsubscribe on a goroutine of its own when one ends,
	// which Close could not wait for.
	w, err := kv.WatchAll(context.Background())
	if err != nil {
		return nil, fmt.Errorf("watch reader locales: %w", err)
	}
	p.mu.Lock()
	if !p.created.IsZero() && !created.Equal(p.created) {
		p.log.Info("readers bucket was re-created; following it afresh", "bucket", ReadersBucket)
	}
	p.kv, p.created = kv, created
	// A re-created bucket numbers its revisions from 1 again: Sync waits
	// for the new watcher's.
	p.rev = 0
	close(p.followed)
	p.followed = make(chan struct{})
	p.mu.Unlock()
	return w, nil
}

// bucketCreated is when kv's stream was created.
func bucketCreated(ctx context.Context, kv jetstream.KeyValue) (time.Time, error) {
	st, err := kv.Status(ctx)
	if err != nil {
		return time.Time{}, fmt.Errorf("readers bucket status: %w", err)
	}
	if bs, ok := st.(*jetstream.KeyValueBucketStatus); ok {
		return bs.StreamInfo().Created, nil
	}
	return time.Time{}, nil
}

// bucketLost reports whether err says the readers bucket is gone: its
// stream was deleted, or lost with the memory of a server that
// restarted (a write then has no stream to answer it).
func bucketLost(err error) bool {
	return errors.Is(err, jetstream.ErrStreamNotFound) || errors.Is(err, jetstream.ErrBucketNotFound) ||
		errors.Is(err, jetstream.ErrNoStreamResponse)
}

// Close stops following the bucket. It returns once the watcher has
// stopped and deleted its consumer, so that a connection drained after it
// does not delete the consumer too ("consumer not found").
func (p *Presence) Close() {
	p.stopOnce.Do(func() {
		close(p.stop)
		p.cancel()
	})
	<-p.done
}

// refollowEvery bounds the keeper's requests and its waits between
// attempts; it checks the bucket every TTL, or every refollowEvery when
// the TTL is shorter (a stream info request each time).
const refollowEvery = 5 * time.Second

// keep applies the watcher's updates to the mirror, and follows the
// bucket afresh (refollow) when the watcher ends, the connection
// reconnects, a caller asks (kick), or the periodic check finds the
// bucket missing or re-created.
func (p *Presence) keep(w jetstream.KeyWatcher, loaded chan struct{}) {
	defer close(p.done)
	if p.nc != nil {
		defer p.nc.RemoveStatusListener(p.reconnected)
	}
	check := time.NewTicker(max(p.ttl, refollowEvery))
	defer check.Stop()
	initial := true
	for {
		refollow := false
		select {
		case e, ok := <-w.Updates():
			switch {
			case !ok:
				// The ordered consumer behind the watcher could not be
				// re-created: the bucket's stream is gone.
				p.log.Warn("readers bucket watch ended; re-creating the bucket if it is missing", "bucket", ReadersBucket)
				refollow, w = true, nil
			case e == nil:
				// The watcher's marker: everything stored so far was
				// delivered.
				if initial {
					initial = false
					if loaded != nil {
						close(loaded)
						loaded = nil
					}
				}
			default:
				p.apply(e, initial)
			}
		case <-p.reconnected:
			// The server may have restarted without the bucket, or with
			// one another process re-created since.
			refollow = true
		case <-p.kick:
			refollow = true
		case <-check.C:
			refollow = p.stale()
		case <-p.stop:
			stopWatcher(w)
			return
		}
		if !refollow {
			continue
		}
		stopWatcher(w)
		if w = p.refollow(); w == nil {
			return // stopped
		}
		initial = true
	}
}

// stale reports whether the bucket p follows is gone or was re-created
// since.
func (p *Presence) stale() bool {
	ctx, cancel := context.WithTimeout(p.ctx, refollowEvery)
	defer cancel()
	kv, created := p.bucket()
	now, err := bucketCreated(ctx, kv)
	if err != nil {
		return bucketLost(err)
	}
	return !now.Equal(created)
}

// refollow binds to the bucket, creating it if it is missing, and watches
// it afresh, retrying until it can or p is closed (nil).
func (p *Presence) refollow() jetstream.KeyWatcher {
	wait := 250 * time.Millisecond
	for {
		// This attempt serves the callers that asked so far.
		select {
		case <-p.kick:
		default:
		}
		ctx, cancel := context.WithTimeout(p.ctx, refollowEvery)
		kv, err := p.ensure(ctx)
		var w jetstream.KeyWatcher
		if err == nil {
			w, err = p.watch(ctx, kv)
		}
		cancel()
		if err == nil {
			return w
		}
		if p.nc != nil && p.nc.IsClosed() {
			<-p.stop
			return nil
		}
		p.log.Warn("readers bucket not followed; retrying", "bucket", ReadersBucket, "in", wait, "err", err)
		select {
		case <-p.stop:
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, refollowEvery)
	}
}

// stopWatcher stops w, if any, and waits for its updates to end, so that
// its consumer is deleted before anything else happens.
func stopWatcher(w jetstream.KeyWatcher) {
	if w == nil {
		return
	}
	_ = w.Stop()
	for range w.Updates() {
	}
}

// bucket is the bucket p follows and its stream's creation time.
func (p *Presence) bucket() (jetstream.KeyValue, time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.kv, p.created
}

// refresh has the keeper follow the bucket afresh, re-creating it if it
// is missing, and waits until it has: at most refollowEvery, since an
// event stream's context has no deadline and its open must not hang on a
// JetStream that does not answer (the reader then gets views on demand).
func (p *Presence) refresh(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, refollowEvery)
	defer cancel()
	p.mu.Lock()
	followed := p.followed
	p.mu.Unlock()
	select {
	case p.kick <- struct{}{}:
	default: // already asked
	}
	select {
	case <-followed:
		return nil
	case <-p.done:
		return errors.New("reader locales are no longer followed")
	case <-ctx.Done():
		return fmt.Errorf("re-create readers bucket: %w", ctx.Err())
	}
}

// retry runs op on the bucket, and once more after following the bucket
// afresh when op found it gone.
func (p *Presence) retry(ctx context.Context, op func(jetstream.KeyValue) error) error {
	kv, _ := p.bucket()
	err := op(kv)
	if err == nil || !bucketLost(err) {
		return err
	}
	if rerr := p.refresh(ctx); rerr != nil {
		return fmt.Errorf("%w (%w)", err, rerr)
	}
	kv, _ = p.bucket()
	return op(kv)
}

// apply records an update of the bucket in the mirror. initial tells an
// entry stored before the watcher opened from a live update.
func (p *Presence) apply(e jetstream.KeyValueEntry, initial bool) {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
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
// after syncWait the mirror counts as synced up to it. A bucket that is
// missing, or was re-created since the mirror followed it, is followed
// afresh first (re-created if missing).
func (p *Presence) Sync(ctx context.Context) error {
	var last uint64
	for attempt := 0; ; attempt++ {
		kv, created := p.bucket()
		st, err := kv.Status(ctx)
		if err != nil && (attempt > 0 || !bucketLost(err)) {
			return fmt.Errorf("readers bucket status: %w", err)
		}
		if err == nil {
			bs, ok := st.(*jetstream.KeyValueBucketStatus)
			if !ok {
				return nil
			}
			if attempt > 0 || bs.StreamInfo().Created.Equal(created) {
				last = bs.StreamInfo().State.LastSeq
				break
			}
		}
		if err := p.refresh(ctx); err != nil {
			return err
		}
	}
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
		err := p.retry(ctx, func(kv jetstream.KeyValue) error {
			_, err := kv.Create(ctx, key, []byte(locale))
			return err
		})
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
	if err := p.retry(ctx, func(kv jetstream.KeyValue) error {
		_, err := kv.Put(ctx, key, []byte(locale))
		return err
	}); err != nil {
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

// Package natskv keeps the translate service's shared state in JetStream
// key-value buckets (github.com/nats-io/nats.go/jetstream): the cache that
// every replica reads and fills (with a TTL), moderators' overrides
// (without one, mirrored in memory on every replica), and the claims by
// which replicas agree that only one of them calls a backend for a key
// (markers in the cache bucket itself, claims.go).
package natskv

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Config names and sizes the buckets.
type Config struct {
	// Bucket holds cached translations and message indexes
	// (<TRANSLATE_KV_PREFIX>_cache, default parley_translate_cache).
	Bucket string
	// OverrideBucket holds moderators' translations, without a TTL
	// (default parley_translate_overrides).
	OverrideBucket string
	// TTL is how long a cached translation lives (TRANSLATE_CACHE_TTL,
	// default 7 days).
	TTL time.Duration
	// MaxBytes bounds the cache bucket (TRANSLATE_CACHE_MAX_BYTES,
	// default DefaultMaxBytes; negative: no bound). The bucket discards
	// its oldest entries to make room (DiscardOld), so a full cache
	// keeps caching; JetStream reserves the bound in every node's file
	// store (max_file_store).
	MaxBytes int64
	// ClaimTTL is how long a claim lives without a refresh
	// (TRANSLATE_CLAIM_TTL, default 10s): the wait for a replica that died
	// while holding one.
	ClaimTTL time.Duration
	// Replicas is the buckets' replication (TRANSLATE_KV_REPLICAS,
	// default 1; 3 in a production cluster).
	Replicas int
	// Memory keeps the buckets in memory instead of on disk.
	Memory bool
	// ForgetAll empties this replica's LRU. It is called after a
	// reconnection to NATS, when deletion notices may have been missed.
	ForgetAll func()
}

// DefaultMaxBytes is the cache bucket's default bound, 2 GiB: about seven
// million translations of ~300 bytes. Unbounded, the bucket grew with a
// week (its TTL) of unique views until it filled the JetStream file store
// that every stream on the node shares, which then refused every write.
const DefaultMaxBytes int64 = 2 << 30

func (c Config) withDefaults() Config {
	if c.MaxBytes == 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.Bucket == "" {
		c.Bucket = "parley_translate_cache"
	}
	if c.OverrideBucket == "" {
		c.OverrideBucket = "parley_translate_overrides"
	}
	if c.TTL <= 0 {
		c.TTL = 7 * 24 * time.Hour
	}
	if c.ClaimTTL <= 0 {
		c.ClaimTTL = 10 * time.Second
	}
	// JetStream's per-message TTLs are whole seconds, at least one.
	c.ClaimTTL = max(c.ClaimTTL.Round(time.Second), time.Second)
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.ForgetAll == nil {
		c.ForgetAll = func() {}
	}
	return c
}

// Store implements cache.Shared over JetStream KV.
type Store struct {
	cfg              Config
	cache, overrides jetstream.KeyValue
	// stream is the cache bucket's stream and js its client, for what
	// the KV API lacks: a write with a TTL and an expected revision, and
	// a read that sees delete markers (claims.go).
	stream jetstream.Stream
	js     jetstream.JetStream
	forget func(keys ...string)
	log    *slog.Logger

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.RWMutex
	mirror map[string]cache.Entry // overrides

	ownerOnce sync.Once
	ownerID   string // this replica, in claims
}

// Open creates (or reuses) the buckets and starts watching them: deleted
// cache entries are passed to forget (so that this replica's LRU drops
// them), and overrides are mirrored in memory. It returns once the
// override mirror is complete.
func Open(ctx context.Context, js jetstream.JetStream, cfg Config, forget func(keys ...string), log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if forget == nil {
		forget = func(...string) {}
	}
	cfg = cfg.withDefaults()
	storage := jetstream.FileStorage
	if cfg.Memory {
		storage = jetstream.MemoryStorage
	}
	bucket := func(name, desc string, ttl, markerTTL time.Duration, maxBytes int64) (jetstream.KeyValue, error) {
		// Replicas are raised, never lowered (natsutil).
		kv, err := natsutil.CreateOrUpdateKeyValue(ctx, js, jetstream.KeyValueConfig{
			Bucket: name, Description: desc, TTL: ttl, History: 1, Storage: storage, Replicas: cfg.Replicas,
			LimitMarkerTTL: markerTTL, MaxBytes: maxBytes,
		}, log)
		if err != nil {
			return nil, fmt.Errorf("key-value bucket %s: %w", name, err)
		}
		return kv, nil
	}
	s := &Store{cfg: cfg, forget: forget, log: log, mirror: map[string]cache.Entry{}, js: js}
	var err error
	// The cache bucket holds claims too, with per-message TTLs; the
	// markers JetStream leaves when one expires tell the replicas
	// waiting for it that its holder is gone.
	if s.cache, err = bucket(cfg.Bucket, "Parley translations by request key, and claims on computing them", cfg.TTL, cfg.ClaimTTL, cfg.MaxBytes); err != nil {
		return nil, err
	}
	if s.stream, err = js.Stream(ctx, "KV_"+cfg.Bucket); err != nil {
		return nil, fmt.Errorf("stream of key-value bucket %s: %w", cfg.Bucket, err)
	}
	s.discardOldest(ctx)
	if s.overrides, err = bucket(cfg.OverrideBucket, "Parley moderators' translations", 0, 0, 0); err != nil {
		return nil, err
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if err := s.noticeDeletes(); err != nil {
		s.cancel()
		return nil, err
	}
	if err := s.answerLiveness(); err != nil {
		s.cancel()
		s.wg.Wait()
		return nil, err
	}
	// Not s.ctx: the client library would unsubscribe on a goroutine of
	// its own when it ends, which Close could not wait for, while the
	// watch's goroutine stops the watcher too (two deletes of one
	// consumer, and one left running into the connection's drain).
	// watchOverrides stops it, and Close waits for that.
	ov, err := s.overrides.WatchAll(context.WithoutCancel(s.ctx))
	if err != nil {
		s.cancel()
		s.wg.Wait()
		return nil, fmt.Errorf("watch %s: %w", cfg.OverrideBucket, err)
	}
	ready := make(chan struct{})
	s.wg.Add(1)
	go s.watchOverrides(ov, ready)
	select {
	case <-ready:
		return s, nil
	case <-ctx.Done():
		s.Close()
		return nil, fmt.Errorf("load overrides: %w", ctx.Err())
	}
}

// discardOldest makes the full cache bucket drop its oldest entries for
// new ones. A KV bucket refuses writes when full (DiscardNew), which for a
// cache would mean caching nothing new, coalescing nothing, and failing
// the deletes of an edit's invalidation (a delete is a write) until
// entries expire, a week later. jetstream's KV update sets DiscardNew
// again, so this runs after it at every start. When it fails, writes to a
// full bucket fail, which the cache takes as a miss (logged).
func (s *Store) discardOldest(ctx context.Context) {
	cfg := s.stream.CachedInfo().Config
	if cfg.MaxBytes <= 0 || cfg.Discard == jetstream.DiscardOld {
		return
	}
	cfg.Discard = jetstream.DiscardOld
	st, err := s.js.UpdateStream(ctx, cfg)
	if err != nil {
		s.log.Warn("cache bucket keeps refusing writes when full: its discard policy could not be set to old", "bucket", s.cfg.Bucket, "err", err)
		return
	}
	s.stream = st
}

// Close stops the watchers and returns once they have stopped (their
// consumers deleted), so that a connection drained after it does not
// delete them too ("consumer not found").
func (s *Store) Close() {
	s.cancel()
	s.wg.Wait()
}

// forgetSubject carries deletion notices between the replicas sharing a
// cache bucket.
func (s *Store) forgetSubject() string { return "parley.translate.v1.cache.forget." + s.cfg.Bucket }

// noticeDeletes passes the keys that any replica deletes (Delete
// publishes them) to forget: this is how an invalidation on one replica
// reaches every replica's LRU. Notices are core NATS messages rather
// than a watch of the bucket, which would deliver every write of every
// translation and claim to every replica only for the few deletions to
// matter; notices missed while disconnected are made up for by emptying
// the LRU on reconnection. Entries that expire from the bucket stay in
// an LRU until its own, shorter TTL: they were valid translations.
func (s *Store) noticeDeletes() error {
	nc := s.js.Conn()
	sub, err := nc.Subscribe(s.forgetSubject(), func(m *nats.Msg) {
		var keys []string
		if err := gojson.Unmarshal(m.Data, &keys); err != nil {
			s.log.Warn("undecodable deletion notice", "err", err)
			return
		}
		s.forget(keys...)
	})
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", s.forgetSubject(), err)
	}
	if err := nc.Flush(); err != nil {
		_ = sub.Unsubscribe()
		return fmt.Errorf("subscribe %s: %w", s.forgetSubject(), err)
	}
	status := nc.StatusChanged(nats.RECONNECTING, nats.CONNECTED)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer func() { _ = sub.Unsubscribe() }()
		defer nc.RemoveStatusListener(status)
		for {
			select {
			case <-s.ctx.Done():
				return
			case st := <-status:
				if st == nats.CONNECTED {
					s.cfg.ForgetAll()
				}
			}
		}
	}()
	return nil
}

func (s *Store) watchOverrides(w jetstream.KeyWatcher, ready chan struct{}) {
	defer s.wg.Done()
	defer func() { _ = w.Stop() }()
	once := sync.OnceFunc(func() { close(ready) })
	defer once()
	for {
		select {
		case <-s.ctx.Done():
			return
		case e, ok := <-w.Updates():
			if !ok {
				return
			}
			if e == nil { // all current overrides have been read
				once()
				continue
			}
			s.mu.Lock()
			switch e.Operation() {
			case jetstream.KeyValuePut:
				var ent cache.Entry
				if err := gojson.Unmarshal(e.Value(), &ent); err != nil {
					s.log.Warn("undecodable override", "key", e.Key(), "err", err)
				} else {
					s.mirror[e.Key()] = ent
				}
			default:
				delete(s.mirror, e.Key())
			}
			s.mu.Unlock()
		}
	}
}

func notFound(err error) bool {
	return errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted)
}

// Get implements cache.Shared.
func (s *Store) Get(ctx context.Context, key string) (cache.Entry, bool, error) {
	e, err := s.cache.Get(ctx, key)
	if notFound(err) {
		return cache.Entry{}, false, nil
	}
	if err != nil {
		return cache.Entry{}, false, fmt.Errorf("get %s: %w", key, err)
	}
	v, err := decode(e.Value())
	if err != nil {
		return cache.Entry{}, false, fmt.Errorf("decode %s: %w", key, err)
	}
	if v.Claim != nil { // being computed: not cached yet
		return cache.Entry{}, false, nil
	}
	return v.Entry, true, nil
}

// Put implements cache.Shared.
func (s *Store) Put(ctx context.Context, key string, e cache.Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := s.cache.Put(ctx, key, b); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// Delete implements cache.Shared. A notice of the keys reaches every
// replica (noticeDeletes), which drops them from its LRU.
//
// The KV API has no secure delete: a bucket's stream denies deleting a
// message by sequence (DenyDelete), so SecureDeleteMsg is refused, and a
// purge, like a delete marker, only takes the value out of the index. The
// bytes of a deleted value stay in JetStream's block files until the
// block is compacted or removed (once every message in it has gone, at
// the latest when its last expires with the bucket's TTL; docs/translate.md,
// "What is kept, sent and for how long").
func (s *Store) Delete(ctx context.Context, keys ...string) error {
	var errs []error
	for _, k := range keys {
		if err := s.cache.Delete(ctx, k); err != nil && !notFound(err) {
			errs = append(errs, fmt.Errorf("delete %s: %w", k, err))
		}
	}
	// In batches that stay far below NATS's maximum payload (1 MiB by
	// default): a conversation's invalidation can name thousands.
	for batch := range slices.Chunk(keys, 1000) {
		data, _ := json.Marshal(batch)
		if err := s.js.Conn().Publish(s.forgetSubject(), data); err != nil {
			errs = append(errs, fmt.Errorf("notify deletion: %w", err))
			break
		}
	}
	return errors.Join(errs...)
}

// AddToIndex implements cache.Shared. Each (message, key) pair is a key
// of its own, "<index>.<key hash>", so that replicas translating one
// message into several locales at once never contend for one value.
func (s *Store) AddToIndex(ctx context.Context, index, key string) error {
	if _, err := s.cache.Put(ctx, indexEntry(index, key), []byte(key)); err != nil {
		return fmt.Errorf("index %s: %w", index, err)
	}
	return nil
}

func indexEntry(index, key string) string {
	return index + "." + strings.TrimPrefix(key, "t.")
}

// TakeIndex implements cache.Shared.
func (s *Store) TakeIndex(ctx context.Context, index string) ([]string, error) {
	lister, err := s.cache.ListKeysFiltered(ctx, index+".*")
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", index, err)
	}
	var entries []string
	for k := range lister.Keys() {
		entries = append(entries, k)
	}
	var keys []string
	var errs []error
	for _, ie := range entries {
		e, err := s.cache.Get(ctx, ie)
		if notFound(err) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("get %s: %w", ie, err))
			continue
		}
		keys = append(keys, string(e.Value()))
		if err := s.cache.Delete(ctx, ie); err != nil && !notFound(err) {
			errs = append(errs, fmt.Errorf("delete %s: %w", ie, err))
		}
	}
	return keys, errors.Join(errs...)
}

// SetOverride implements cache.Shared. The local mirror is updated at once
// (so that the replica that took the request serves the override on its
// next request) and on every other replica by its watcher.
func (s *Store) SetOverride(ctx context.Context, key string, e *cache.Entry) error {
	if e == nil {
		if err := s.overrides.Delete(ctx, key); err != nil && !notFound(err) {
			return fmt.Errorf("delete override %s: %w", key, err)
		}
		s.mu.Lock()
		delete(s.mirror, key)
		s.mu.Unlock()
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := s.overrides.Put(ctx, key, b); err != nil {
		return fmt.Errorf("put override %s: %w", key, err)
	}
	s.mu.Lock()
	s.mirror[key] = *e
	s.mu.Unlock()
	return nil
}

// Override implements cache.Shared from the local mirror.
func (s *Store) Override(key string) (cache.Entry, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.mirror[key]
	return e, ok
}

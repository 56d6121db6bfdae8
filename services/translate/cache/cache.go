// Package cache keeps translations: an in-process LRU in front of a cache
// that every replica of the translate service shares (JetStream KV, in
// package natskv; an in-memory one for a single process), moderators'
// overrides, and an index from a chat message to the translations made of
// it, so that an edit can delete them.
//
// Keys are opaque strings made by the translate chain from everything that
// decides an answer (see translate's cacheKey); this package never looks
// inside them. They use only the characters JetStream KV keys allow.
package cache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/lru"
)

// Entry is a cached translation.
type Entry struct {
	Text          string    `json:"text"`
	Backend       string    `json:"backend"`
	Model         string    `json:"model,omitempty"`
	PromptID      string    `json:"prompt_id,omitempty"`
	PromptVersion int       `json:"prompt_version,omitempty"`
	Formality     string    `json:"formality,omitempty"`
	UnknownWords  int       `json:"unknown_words,omitempty"`
	Created       time.Time `json:"created"`
	// Moderator names who wrote an override.
	Moderator string `json:"moderator,omitempty"`
}

// Shared is a cache that every replica sees. Implementations: Memory (one
// process) and natskv.Store (JetStream KV).
type Shared interface {
	Get(ctx context.Context, key string) (Entry, bool, error)
	Put(ctx context.Context, key string, e Entry) error
	// Delete removes entries; every replica's LRU must drop them (the
	// implementation calls the Forget function it was given).
	Delete(ctx context.Context, keys ...string) error
	// AddToIndex records key under index (a message), so that TakeIndex
	// can find it.
	AddToIndex(ctx context.Context, index, key string) error
	// TakeIndex returns the keys recorded under index and forgets them.
	TakeIndex(ctx context.Context, index string) ([]string, error)
	// SetOverride stores a moderator's translation under key; nil removes
	// it.
	SetOverride(ctx context.Context, key string, e *Entry) error
	// Override returns the override under key. It must be cheap: it is
	// asked on every request (implementations keep a local mirror).
	Override(key string) (Entry, bool)
}

// Sources of a hit.
const (
	FromMemory = "memory"
	FromShared = "shared"
)

// Config tunes a Cache.
type Config struct {
	// Entries bounds the LRU (default 10000).
	Entries int
	// TTL bounds how long the LRU keeps an entry (default 1h): the shared
	// cache tells every replica about deletions, and the TTL bounds
	// staleness should one such notice be lost.
	TTL time.Duration
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
}

// Cache is the LRU in front of a Shared cache. It is safe for concurrent
// use. Shared failures never fail a translation: they are logged and read
// as misses. A nil *Cache caches nothing.
type Cache struct {
	lru    *lru.LRU[string, Entry]
	shared Shared
	log    *slog.Logger
	// indexed remembers, per key, the readers (messages) this replica recorded the key's indexes for since it last
	// saw the key deleted (Forget): the many readers of one message then
	// cost one index write, not one per hit. A key keeps its last
	// maxIndexed readers; one forgotten only costs a repeated write.
	indexed   *lru.LRU[string, []Reader]
	indexedMu sync.Mutex // read-modify-write of an indexed value
}

// maxIndexed bounds the readers remembered per key.
const maxIndexed = 16

// New builds a cache over shared (nil: LRU only).
func New(cfg Config, shared Shared, log *slog.Logger) *Cache {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Cache{
		lru: lru.New[string, Entry](cfg.Entries, cfg.TTL, cfg.Now), shared: shared, log: log,
		indexed: lru.New[string, []Reader](cfg.Entries, cfg.TTL, cfg.Now),
	}
}

// SetShared sets the shared cache. Call it before the cache is used: the
// shared cache's watcher may already call Forget, which only touches the
// LRU.
func (c *Cache) SetShared(s Shared) { c.shared = s }

// Get looks key up in the LRU, then in the shared cache, and says where
// it was found.
func (c *Cache) Get(ctx context.Context, key string) (Entry, string, bool) {
	if c == nil {
		return Entry{}, "", false
	}
	if e, ok := c.lru.Get(key); ok {
		return e, FromMemory, true
	}
	if c.shared == nil {
		return Entry{}, "", false
	}
	e, ok, err := c.shared.Get(ctx, key)
	if err != nil {
		if ctx.Err() == nil {
			c.log.Warn("shared cache read failed", "err", err)
		}
		return Entry{}, "", false
	}
	if !ok {
		return Entry{}, "", false
	}
	c.lru.Add(key, e)
	return e, FromShared, true
}

// Peek looks key up in the LRU only.
func (c *Cache) Peek(key string) (Entry, bool) {
	if c == nil {
		return Entry{}, false
	}
	return c.lru.Get(key)
}

// Local is Get without the shared cache: the LRU only.
func (c *Cache) Local(_ context.Context, key string) (Entry, string, bool) {
	e, ok := c.Peek(key)
	if !ok {
		return Entry{}, "", false
	}
	return e, FromMemory, true
}

// Put stores e under key in both layers, and records key under each
// index that is not empty (its message, its conversation).
func (c *Cache) Put(ctx context.Context, key string, e Entry, indexes ...string) {
	if c == nil {
		return
	}
	c.lru.Add(key, e)
	c.PutShared(ctx, key, e, indexes...)
}

// PutShared is Put without the LRU: for an entry already there (Fill).
func (c *Cache) PutShared(ctx context.Context, key string, e Entry, indexes ...string) {
	if c == nil || c.shared == nil {
		return
	}
	if err := c.shared.Put(ctx, key, e); err != nil {
		c.log.Warn("shared cache write failed", "err", err)
	}
	c.Index(ctx, key, indexes...)
}

// Index records key under each index that is not empty (its message, its
// conversation), for an entry that is (or is being) stored or was read.
// It reports a failed write (also logged).
func (c *Cache) Index(ctx context.Context, key string, indexes ...string) error {
	if c == nil || c.shared == nil {
		return nil
	}
	var errs []error
	for _, index := range indexes {
		if index == "" {
			continue
		}
		if err := c.shared.AddToIndex(ctx, index, key); err != nil {
			c.log.Warn("cache index write failed", "err", err)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// MarkIndexed records that key's indexes were (or are being) written for
// a reader (the tenant's message or conversation a request is for), and
// reports whether they already were: false means the caller must write
// them (Index), true that it need not. Marked before the write, so that a
// deletion meanwhile (Forget) clears the mark rather than leaving one for
// an index that is gone. It costs no allocation when the key is marked
// for the reader already: that is every hit but a message's first.
func (c *Cache) MarkIndexed(key string, r Reader) (already bool) {
	if c == nil || c.shared == nil {
		return true // nothing to index into
	}
	if rs, ok := c.indexed.Get(key); ok && slices.Contains(rs, r) {
		return true
	}
	c.indexedMu.Lock()
	defer c.indexedMu.Unlock()
	rs, _ := c.indexed.Get(key)
	if slices.Contains(rs, r) {
		return true
	}
	// A new slice each time: readers of the old one hold no lock.
	next := make([]Reader, 0, min(len(rs)+1, maxIndexed))
	next = append(next, rs[max(0, len(rs)+1-maxIndexed):]...)
	c.indexed.Add(key, append(next, r))
	return false
}

// UnmarkIndexed drops a reader's mark on key: its index write failed.
func (c *Cache) UnmarkIndexed(key string, r Reader) {
	if c == nil {
		return
	}
	c.indexedMu.Lock()
	defer c.indexedMu.Unlock()
	rs, ok := c.indexed.Get(key)
	if !ok || !slices.Contains(rs, r) {
		return
	}
	c.indexed.Add(key, slices.DeleteFunc(slices.Clone(rs), func(x Reader) bool { return x == r }))
}

// Reader is what a key is indexed for: a message of a conversation, or a
// conversation, of a tenant. The tenant is part of it because message ids
// are unique per tenant only: another tenant's message with the same ids
// has indexes of its own to write.
type Reader struct{ Tenant, Conversation, Message string }

// Fill stores e in the LRU only: for an entry that another replica wrote
// to the shared cache.
func (c *Cache) Fill(key string, e Entry) {
	if c != nil {
		c.lru.Add(key, e)
	}
}

// Forget drops keys from the LRU (a shared delete seen by this replica).
func (c *Cache) Forget(keys ...string) {
	if c == nil {
		return
	}
	for _, k := range keys {
		c.lru.Remove(k)
		// Deleting a key takes it out of its indexes (Invalidate):
		// a reader's next hit, on an entry stored again, records it
		// anew.
		c.indexed.Remove(k)
	}
}

// ForgetAll empties the LRU: for a replica that may have missed deletions
// (natskv calls it after a reconnection).
func (c *Cache) ForgetAll() {
	if c != nil {
		c.lru.Clear()
		c.indexed.Clear()
	}
}

// Delete removes keys from both layers (and, through the shared cache,
// from every replica's LRU).
func (c *Cache) Delete(ctx context.Context, keys ...string) error {
	if c == nil {
		return nil
	}
	c.Forget(keys...)
	if c.shared == nil || len(keys) == 0 {
		return nil
	}
	return c.shared.Delete(ctx, keys...)
}

// Invalidate deletes every translation recorded under index (an edited
// message) and returns how many there were.
func (c *Cache) Invalidate(ctx context.Context, index string) (int, error) {
	if c == nil {
		return 0, nil
	}
	if c.shared == nil {
		return 0, nil
	}
	keys, err := c.shared.TakeIndex(ctx, index)
	if err != nil {
		return 0, err
	}
	return len(keys), c.Delete(ctx, keys...)
}

// SetOverride stores (or with nil removes) a moderator's translation.
func (c *Cache) SetOverride(ctx context.Context, key string, e *Entry) error {
	if c == nil {
		return errors.New("no cache")
	}
	if c.shared == nil {
		return errors.New("no shared cache for overrides")
	}
	return c.shared.SetOverride(ctx, key, e)
}

// Override returns the moderator's translation under key.
func (c *Cache) Override(key string) (Entry, bool) {
	if c == nil {
		return Entry{}, false
	}
	if c.shared == nil {
		return Entry{}, false
	}
	return c.shared.Override(key)
}

// Len is the number of entries in the LRU.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	return c.lru.Len()
}

// Memory is a Shared cache for one process: what the service uses when
// NATS has no JetStream, and what tests use. It has no TTL.
type Memory struct {
	mu        sync.Mutex
	entries   map[string]Entry
	index     map[string][]string
	overrides map[string]Entry
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{entries: map[string]Entry{}, index: map[string][]string{}, overrides: map[string]Entry{}}
}

// Get implements Shared.
func (m *Memory) Get(_ context.Context, key string) (Entry, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[key]
	return e, ok, nil
}

// Put implements Shared.
func (m *Memory) Put(_ context.Context, key string, e Entry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[key] = e
	return nil
}

// Delete implements Shared.
func (m *Memory) Delete(_ context.Context, keys ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		delete(m.entries, k)
	}
	return nil
}

// MaxIndexed bounds the keys recorded per message: a message has one
// translation per locale, backend and prompt version it was read in.
const MaxIndexed = 256

// AddToIndex implements Shared.
func (m *Memory) AddToIndex(_ context.Context, index, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.index[index] = AppendKey(m.index[index], key)
	return nil
}

// AppendKey adds key to keys once, keeping at most MaxIndexed (the
// newest).
func AppendKey(keys []string, key string) []string {
	for _, k := range keys {
		if k == key {
			return keys
		}
	}
	keys = append(keys, key)
	if len(keys) > MaxIndexed {
		keys = keys[len(keys)-MaxIndexed:]
	}
	return keys
}

// TakeIndex implements Shared.
func (m *Memory) TakeIndex(_ context.Context, index string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	keys := m.index[index]
	delete(m.index, index)
	return keys, nil
}

// SetOverride implements Shared.
func (m *Memory) SetOverride(_ context.Context, key string, e *Entry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e == nil {
		delete(m.overrides, key)
		return nil
	}
	m.overrides[key] = *e
	return nil
}

// Override implements Shared.
func (m *Memory) Override(key string) (Entry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.overrides[key]
	return e, ok
}

// String describes the cache for logs.
func (c *Cache) String() string {
	return fmt.Sprintf("cache(%d in memory, shared=%T)", c.lru.Len(), c.shared)
}

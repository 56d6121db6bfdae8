package cache

import (
	"container/list"
	"sync"
	"time"
)

// LRU is a bounded, expiring map from keys to entries, evicting the least
// recently used. It is safe for concurrent use.
type LRU struct {
	size int
	ttl  time.Duration
	now  func() time.Time

	mu    sync.Mutex
	order *list.List // front: most recently used
	items map[string]*list.Element
}

type lruItem struct {
	key     string
	entry   Entry
	expires time.Time
}

// NewLRU returns an LRU of at most size entries (default 10000), each kept
// at most ttl (default 1h).
func NewLRU(size int, ttl time.Duration, now func() time.Time) *LRU {
	if size <= 0 {
		size = 10000
	}
	if ttl <= 0 {
		ttl = time.Hour
	}
	if now == nil {
		now = time.Now
	}
	return &LRU{size: size, ttl: ttl, now: now, order: list.New(), items: map[string]*list.Element{}}
}

// Get returns the entry under key unless it expired.
func (l *LRU) Get(key string) (Entry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	el, ok := l.items[key]
	if !ok {
		return Entry{}, false
	}
	it := el.Value.(*lruItem)
	if !l.now().Before(it.expires) {
		l.order.Remove(el)
		delete(l.items, key)
		return Entry{}, false
	}
	l.order.MoveToFront(el)
	return it.entry, true
}

// Add stores e under key, evicting the least recently used entry when
// full.
func (l *LRU) Add(key string, e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	expires := l.now().Add(l.ttl)
	if el, ok := l.items[key]; ok {
		el.Value = &lruItem{key: key, entry: e, expires: expires}
		l.order.MoveToFront(el)
		return
	}
	l.items[key] = l.order.PushFront(&lruItem{key: key, entry: e, expires: expires})
	for l.order.Len() > l.size {
		last := l.order.Back()
		l.order.Remove(last)
		delete(l.items, last.Value.(*lruItem).key)
	}
}

// Remove drops key.
func (l *LRU) Remove(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.items[key]; ok {
		l.order.Remove(el)
		delete(l.items, key)
	}
}

// Clear drops every entry.
func (l *LRU) Clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.order.Init()
	clear(l.items)
}

// Len is the number of entries (expired ones included until touched).
func (l *LRU) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.order.Len()
}

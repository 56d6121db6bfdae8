// Package lru is a bounded, expiring map that evicts the least recently
// used entry: the translation cache's memory tier and the verdict memo
// (shared/memo) keep their entries in one.
package lru

import (
	"container/list"
	"sync"
	"time"
)

// LRU is a bounded, expiring map from keys to values, evicting the least
// recently used. It is safe for concurrent use.
type LRU[K comparable, V any] struct {
	size int
	ttl  time.Duration
	now  func() time.Time

	mu    sync.Mutex
	order *list.List // front: most recently used
	items map[K]*list.Element
}

type item[K comparable, V any] struct {
	key     K
	value   V
	expires time.Time
}

// New returns an LRU of at most size entries (default 10000), each kept
// at most ttl (default 1h); now is its clock (time.Now when nil).
func New[K comparable, V any](size int, ttl time.Duration, now func() time.Time) *LRU[K, V] {
	if size <= 0 {
		size = 10000
	}
	if ttl <= 0 {
		ttl = time.Hour
	}
	if now == nil {
		now = time.Now
	}
	return &LRU[K, V]{size: size, ttl: ttl, now: now, order: list.New(), items: map[K]*list.Element{}}
}

// Get returns the value under key unless it expired.
func (l *LRU[K, V]) Get(key K) (V, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var zero V
	el, ok := l.items[key]
	if !ok {
		return zero, false
	}
	it := el.Value.(*item[K, V])
	if !l.now().Before(it.expires) {
		l.order.Remove(el)
		delete(l.items, key)
		return zero, false
	}
	l.order.MoveToFront(el)
	return it.value, true
}

// Add stores v under key, evicting the least recently used entry when
// full.
func (l *LRU[K, V]) Add(key K, v V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	expires := l.now().Add(l.ttl)
	if el, ok := l.items[key]; ok {
		el.Value = &item[K, V]{key: key, value: v, expires: expires}
		l.order.MoveToFront(el)
		return
	}
	l.items[key] = l.order.PushFront(&item[K, V]{key: key, value: v, expires: expires})
	for l.order.Len() > l.size {
		last := l.order.Back()
		l.order.Remove(last)
		delete(l.items, last.Value.(*item[K, V]).key)
	}
}

// Remove drops key.
func (l *LRU[K, V]) Remove(key K) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.items[key]; ok {
		l.order.Remove(el)
		delete(l.items, key)
	}
}

// Clear drops every entry.
func (l *LRU[K, V]) Clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.order.Init()
	clear(l.items)
}

// Len is the number of entries (expired ones included until touched).
func (l *LRU[K, V]) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.order.Len()
}

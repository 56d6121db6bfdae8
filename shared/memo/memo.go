// Package memo remembers the answers of slow, deterministic calls (an LLM
// judge's verdict, a safety model's classification) for a while, and makes
// callers that ask the same question at once share one call.
//
// The same question comes often: a group chat's message is checked once
// for every reader, in every reader's locale, and a hedged request
// (shared/client) reaches a service twice. Without a memo each of them is
// one more model call, spent from the same budget as new questions.
//
// A Memo is bounded in entries and each entry expires, so that a model
// that is replaced under the same name is asked again within the TTL.
package memo

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/lru"
)

// Key identifies a question: a hash of its parts, so that a memo of long
// texts holds 32 bytes per key rather than the texts.
type Key [sha256.Size]byte

// KeyOf hashes parts into a Key. Each part is length-prefixed, so that
// ("ab", "c") and ("a", "bc") differ.
func KeyOf(parts ...string) Key {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// How says where Do's answer came from.
type How int

const (
	// Called: this caller made the call.
	Called How = iota
	// Kept: the answer of an earlier call, remembered.
	Kept
	// Joined: the answer of a call another caller was making.
	Joined
)

func (h How) String() string {
	switch h {
	case Kept:
		return "kept"
	case Joined:
		return "joined"
	}
	return "called"
}

// Defaults.
const (
	DefaultEntries = 4096
	DefaultTTL     = 10 * time.Minute
)

// Memo is a bounded, expiring memo of answers of type V, evicting the
// least recently used. The zero value is not usable; New makes one. It is
// safe for concurrent use.
type Memo[V any] struct {
	ttl  time.Duration
	kept *lru.LRU[Key, V]

	mu      sync.Mutex // guards flights and waiting, and a look in kept with them
	flights map[Key]*flight[V]
	waiting int // callers waiting for another's call
}

// flight is a call in progress; done closes when v and err are set.
type flight[V any] struct {
	done chan struct{}
	v    V
	err  error
	// retry: the call failed for its caller alone (it gave up, or fn
	// returned a CallerError, or panicked), which says nothing to the
	// others waiting for it: they try again.
	retry bool
}

// New returns a memo of at most size answers (DefaultEntries when size <=
// 0), each kept for ttl. A ttl <= 0 keeps nothing, but callers asking at
// once still share a call. now is the clock (time.Now when nil).
func New[V any](size int, ttl time.Duration, now func() time.Time) *Memo[V] {
	if size <= 0 {
		size = DefaultEntries
	}
	return &Memo[V]{ttl: ttl, kept: lru.New[Key, V](size, ttl, now), flights: map[Key]*flight[V]{}}
}

// Do returns the answer to the question key: a remembered one, the one of
// a call that another caller is making, or fn's. fn's answer is
// remembered when keep is true (a verdict, rather than a failure that the
// next caller should not inherit).
//
// An error from fn is shared with the callers waiting for the same call,
// unless fn's own ctx had ended (its caller gave up) or the error is a
// CallerError: then they try again, one of them calling fn. A caller
// whose ctx ends while it waits gets ctx.Err().
func (m *Memo[V]) Do(ctx context.Context, key Key, fn func(ctx context.Context) (v V, keep bool, err error)) (V, How, error) {
	for {
		m.mu.Lock()
		if v, ok := m.kept.Get(key); ok {
			m.mu.Unlock()
			return v, Kept, nil
		}
		if f, ok := m.flights[key]; ok {
			m.waiting++
			m.mu.Unlock()
			var err error
			select {
			case <-f.done:
			case <-ctx.Done():
				err = ctx.Err()
			}
			m.mu.Lock()
			m.waiting--
			m.mu.Unlock()
			if err != nil {
				var zero V
				return zero, Joined, err
			}
			if f.retry {
				continue
			}
			return f.v, Joined, f.err
		}
		f := &flight[V]{done: make(chan struct{})}
		m.flights[key] = f
		m.mu.Unlock()

		v, keep, err := m.call(ctx, key, f, fn)
		m.mu.Lock()
		delete(m.flights, key)
		if err == nil && keep && m.ttl > 0 {
			m.kept.Add(key, v)
		}
		m.mu.Unlock()
		close(f.done)
		return v, Called, err
	}
}

// call runs fn and records its outcome in f. When fn panics, the flight
// still ends (the waiters try again) before the panic goes on up: a
// flight left open would hold every later caller of key until its ctx
// ended.
func (m *Memo[V]) call(ctx context.Context, key Key, f *flight[V], fn func(context.Context) (V, bool, error)) (v V, keep bool, err error) {
	returned := false
	defer func() {
		if !returned {
			f.retry = true
			m.mu.Lock()
			delete(m.flights, key)
			m.mu.Unlock()
			close(f.done)
		}
	}()
	v, keep, err = fn(ctx)
	returned = true
	f.v, f.err = v, err
	f.retry = err != nil && (ctx.Err() != nil || errors.As(err, new(callerError)))
	return v, keep, err
}

// CallerError marks an error of fn as its caller's own rather than an
// answer to the question (the caller's deadline cut the call short before
// its context ended): the callers waiting for the same call try again
// instead of sharing it. errors.Is and errors.As see through it.
func CallerError(err error) error { return callerError{err} }

type callerError struct{ err error }

func (e callerError) Error() string { return e.err.Error() }
func (e callerError) Unwrap() error { return e.err }

// Waiting is how many callers wait for a call another caller is making:
// a measure of the sharing, and what a test waits on to know that its
// callers have joined a call before it lets the call end.
func (m *Memo[V]) Waiting() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.waiting
}

// Get returns the answer remembered under key, if any.
func (m *Memo[V]) Get(key Key) (V, bool) { return m.kept.Get(key) }

// Len is the number of answers remembered (expired ones included until
// they are asked for or evicted).
func (m *Memo[V]) Len() int { return m.kept.Len() }

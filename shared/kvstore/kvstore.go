// Package kvstore keeps a process's live, in-memory copy of a JetStream
// key-value bucket of JSON documents. It is the machinery behind the
// flags, experiment and registry stores: reads are map lookups with no network
// call on the request path, and a watcher applies every change as
// JetStream delivers it, so a `nats kv put` is live everywhere within
// milliseconds.
package kvstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natsutil"
)

// Option configures Open.
type Option func(*options)

type options struct{ replicas, history int }

// Replicas sets the bucket's JetStream replication (natsutil.JetStreamReplicas
// reads it from PARLEY_JS_REPLICAS): Open creates the bucket with it, and
// raises an existing bucket that has fewer (never lowers one that has
// more; natsutil.EnsureKeyValue).
func Replicas(n int) Option { return func(o *options) { o.replicas = n } }

// History sets how many revisions per key the bucket keeps when Open
// creates it (default 20).
func History(n int) Option { return func(o *options) { o.history = n } }

// Parse decodes and checks one stored value. A value it rejects is logged
// and treated as absent, so one bad edit cannot break a reader.
type Parse[T any] func(key string, data []byte) (T, error)

// Store is the live copy of one bucket.
type Store[T any] struct {
	bucket string
	kv     jetstream.KeyValue
	w      jetstream.KeyWatcher
	parse  Parse[T]
	log    *slog.Logger

	mu      sync.RWMutex
	values  map[string]T
	rev     uint64
	changed []func(key string)

	done chan struct{}
}

// Open binds to bucket (creating it with description and history when it
// does not exist, raising its replicas when it has fewer than Replicas),
// loads every value and keeps watching until Close. It returns once the
// initial values are in memory.
func Open[T any](ctx context.Context, nc *nats.Conn, bucket, description string, parse Parse[T], log *slog.Logger, opts ...Option) (*Store[T], error) {
	o := options{history: 20}
	for _, opt := range opts {
		opt(&o)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("%s: jetstream: %w", bucket, err)
	}
	// An existing bucket keeps its configuration but for its replicas,
	// raised to o.replicas: one created by a command run without
	// PARLEY_JS_REPLICAS would otherwise stay on one node.
	kv, err := natsutil.EnsureKeyValue(ctx, js, jetstream.KeyValueConfig{Bucket: bucket, Description: description, History: uint8(min(max(o.history, 1), 64)), Replicas: max(o.replicas, 1)}, log)
	if err != nil {
		return nil, fmt.Errorf("%s: bind: %w", bucket, err)
	}
	// The watch outlives ctx (which only bounds Open); Close ends it.
	w, err := kv.WatchAll(context.WithoutCancel(ctx))
	if err != nil {
		return nil, fmt.Errorf("%s: watch: %w", bucket, err)
	}
	s := &Store[T]{bucket: bucket, kv: kv, w: w, parse: parse, log: log, values: map[string]T{}, done: make(chan struct{})}
	for loaded := false; !loaded; {
		select {
		case e, ok := <-w.Updates():
			if !ok {
				return nil, fmt.Errorf("%s: watch closed while loading", bucket)
			}
			if e == nil { // end of the initial values
				loaded = true
				break
			}
			s.apply(e)
		case <-ctx.Done():
			_ = w.Stop()
			return nil, fmt.Errorf("%s: load: %w", bucket, ctx.Err())
		}
	}
	go s.watch()
	return s, nil
}

func (s *Store[T]) watch() {
	defer close(s.done)
	for e := range s.w.Updates() {
		if e != nil {
			s.apply(e)
		}
	}
}

func (s *Store[T]) apply(e jetstream.KeyValueEntry) {
	key := e.Key()
	s.mu.Lock()
	s.rev = max(s.rev, e.Revision())
	switch e.Operation() {
	case jetstream.KeyValueDelete, jetstream.KeyValuePurge:
		delete(s.values, key)
	default:
		v, err := s.parse(key, e.Value())
		if err != nil {
			delete(s.values, key)
			s.log.Error("stored value rejected; treating it as absent", "bucket", s.bucket, "key", key, "revision", e.Revision(), "err", err)
		} else {
			s.values[key] = v
		}
	}
	hooks := s.changed
	s.mu.Unlock()
	for _, h := range hooks {
		h(key)
	}
}

// OnChange registers f, called (on the watcher's goroutine) after every
// applied change. It must not block.
func (s *Store[T]) OnChange(f func(key string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed = append(s.changed, f)
}

// Close stops watching.
func (s *Store[T]) Close() error {
	err := s.w.Stop()
	<-s.done
	return err
}

// Get returns the value under key as last seen.
func (s *Store[T]) Get(key string) (T, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.values[key]
	return v, ok
}

// All returns a copy of every value, by key.
func (s *Store[T]) All() map[string]T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]T, len(s.values))
	for k, v := range s.values {
		out[k] = v
	}
	return out
}

// Revision is the highest bucket revision applied.
func (s *Store[T]) Revision() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.rev
}

// Put stores data under key and returns the new revision.
func (s *Store[T]) Put(ctx context.Context, key string, data []byte) (uint64, error) {
	rev, err := s.kv.Put(ctx, key, data)
	if err != nil {
		return 0, fmt.Errorf("%s: put %s: %w", s.bucket, key, err)
	}
	return rev, nil
}

// Load reads key from the bucket itself (not the copy), with its
// revision, for a read-modify-write through Update. ok is false when the
// key does not exist.
func (s *Store[T]) Load(ctx context.Context, key string) (v T, rev uint64, ok bool, err error) {
	e, err := s.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return v, 0, false, nil
	}
	if err != nil {
		return v, 0, false, fmt.Errorf("%s: get %s: %w", s.bucket, key, err)
	}
	v, err = s.parse(key, e.Value())
	if err != nil {
		return v, 0, false, fmt.Errorf("%s: %s: %w", s.bucket, key, err)
	}
	return v, e.Revision(), true, nil
}

// Update stores data under key only if the key is still at rev (0: only if
// it does not exist), so two writers cannot overwrite each other's change.
func (s *Store[T]) Update(ctx context.Context, key string, data []byte, rev uint64) (uint64, error) {
	var (
		n   uint64
		err error
	)
	if rev == 0 {
		n, err = s.kv.Create(ctx, key, data)
	} else {
		n, err = s.kv.Update(ctx, key, data, rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return 0, fmt.Errorf("%s: update %s: %w", s.bucket, key, ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("%s: update %s: %w", s.bucket, key, err)
	}
	return n, nil
}

// ErrConflict is Update's error when the key changed since it was read.
var ErrConflict = errors.New("changed since it was read")

// ErrNotFound is Modify's error for a key that does not exist.
var ErrNotFound = errors.New("not found")

// Modify reads key from the bucket, lets change edit the value and writes
// it back only if the key has not changed meanwhile; on a concurrent
// change it reads again (up to 5 times, then an error matching
// ErrConflict). change returns false to leave the value as it is, or an
// error, returned as is, to stop. It returns the value as stored (or as
// read, when change wrote nothing) and whether it was written.
func (s *Store[T]) Modify(ctx context.Context, key string, change func(v *T) (bool, error)) (T, bool, error) {
	var zero T
	for range 5 {
		v, rev, ok, err := s.Load(ctx, key)
		if err != nil {
			return zero, false, err
		}
		if !ok {
			return zero, false, fmt.Errorf("%s: %s: %w", s.bucket, key, ErrNotFound)
		}
		write, err := change(&v)
		if err != nil || !write {
			return v, false, err
		}
		data, err := json.Marshal(v)
		if err != nil {
			return zero, false, fmt.Errorf("%s: encode %s: %w", s.bucket, key, err)
		}
		if _, err := s.Update(ctx, key, data, rev); errors.Is(err, ErrConflict) {
			continue // changed under us: read again
		} else if err != nil {
			return zero, false, err
		}
		return v, true, nil
	}
	return zero, false, fmt.Errorf("%s: %s changed repeatedly: %w", s.bucket, key, ErrConflict)
}

// Delete removes key.
func (s *Store[T]) Delete(ctx context.Context, key string) error {
	if err := s.kv.Delete(ctx, key); err != nil {
		return fmt.Errorf("%s: delete %s: %w", s.bucket, key, err)
	}
	return nil
}

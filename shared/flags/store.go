package flags

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Store is a process's live view of the flags bucket. Reads are served
// from memory; a watcher applies every change as JetStream delivers it.
type Store struct {
	kv  jetstream.KeyValue
	w   jetstream.KeyWatcher
	log *slog.Logger

	mu    sync.RWMutex
	flags map[string]Flag
	rev   uint64

	done chan struct{}
}

// Open creates the bucket when it does not exist, loads every flag and
// keeps watching. It returns once the initial values are in memory, so the
// first evaluation already sees them. Close stops the watcher.
//
// Options set how the bucket is created the first time (an existing
// bucket keeps its configuration).
func Open(ctx context.Context, nc *nats.Conn, log *slog.Logger, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("flags: jetstream: %w", err)
	}
	kv, err := bucket(ctx, js, o.replicas)
	if err != nil {
		return nil, err
	}
	// The watch outlives ctx (which only bounds Open); Close ends it.
	w, err := kv.WatchAll(context.WithoutCancel(ctx))
	if err != nil {
		return nil, fmt.Errorf("flags: watch %s: %w", Bucket, err)
	}
	s := &Store{kv: kv, w: w, log: log, flags: map[string]Flag{}, done: make(chan struct{})}
	// Initial values end with a nil entry.
	for loaded := false; !loaded; {
		select {
		case e, ok := <-w.Updates():
			if !ok {
				return nil, fmt.Errorf("flags: watch %s closed while loading", Bucket)
			}
			if e == nil {
				loaded = true
				break
			}
			s.apply(e)
		case <-ctx.Done():
			_ = w.Stop()
			return nil, fmt.Errorf("flags: load %s: %w", Bucket, ctx.Err())
		}
	}
	go s.watch()
	return s, nil
}

// Option configures Open.
type Option func(*options)

type options struct{ replicas int }

// Replicas sets the bucket's JetStream replication when Open creates it
// (natsutil.JetStreamReplicas reads it from PARLEY_JS_REPLICAS).
func Replicas(n int) Option { return func(o *options) { o.replicas = n } }

// bucket binds to the bucket, creating it on first use. It never updates
// an existing bucket's configuration: replicas or history an operator set
// are kept.
func bucket(ctx context.Context, js jetstream.JetStream, replicas int) (jetstream.KeyValue, error) {
	kv, err := js.KeyValue(ctx, Bucket)
	if err == nil {
		return kv, nil
	}
	if !errors.Is(err, jetstream.ErrBucketNotFound) {
		return nil, fmt.Errorf("flags: bind %s: %w", Bucket, err)
	}
	kv, err = js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      Bucket,
		Description: "Parley feature flags and kill switches (JSON per key)",
		History:     10,
		Replicas:    max(replicas, 1),
	})
	if errors.Is(err, jetstream.ErrBucketExists) {
		// Another process created it first.
		kv, err = js.KeyValue(ctx, Bucket)
	}
	if err != nil {
		return nil, fmt.Errorf("flags: create %s: %w", Bucket, err)
	}
	return kv, nil
}

func (s *Store) watch() {
	defer close(s.done)
	for e := range s.w.Updates() {
		if e != nil {
			s.apply(e)
		}
	}
}

func (s *Store) apply(e jetstream.KeyValueEntry) {
	name := e.Key()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rev = max(s.rev, e.Revision())
	switch e.Operation() {
	case jetstream.KeyValueDelete, jetstream.KeyValuePurge:
		delete(s.flags, name)
		s.log.Info("flag removed", "flag", name, "revision", e.Revision())
		return
	}
	f, err := Parse(e.Value())
	if err != nil {
		// A value nobody can read turns the flag off: for a kill switch
		// that means "not killed", the state the system was built for.
		delete(s.flags, name)
		s.log.Error("flag value rejected; treating the flag as off", "flag", name, "revision", e.Revision(), "err", err)
		return
	}
	s.flags[name] = f
	s.log.Info("flag updated", "flag", name, "enabled", f.Enabled, "revision", e.Revision())
}

// Close stops watching the bucket.
func (s *Store) Close() error {
	err := s.w.Stop()
	<-s.done
	return err
}

// Get returns the flag named name as last seen, and whether it exists.
func (s *Store) Get(name string) (Flag, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.flags[name]
	return f, ok
}

// All returns a copy of every flag.
func (s *Store) All() map[string]Flag {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]Flag, len(s.flags))
	for k, v := range s.flags {
		out[k] = v
	}
	return out
}

// Revision is the highest bucket revision applied, for checking that a
// process has caught up with a change.
func (s *Store) Revision() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.rev
}

// Enabled reports whether the flag named name is on for a. An unknown flag
// is off. ctx is accepted so callers on a request path pass theirs; the
// answer comes from memory and never waits.
func (s *Store) Enabled(_ context.Context, name string, a Attributes) bool {
	if s == nil {
		return false
	}
	f, ok := s.Get(name)
	return ok && f.Evaluate(name, a)
}

// Set validates f and stores it under name, returning the new revision.
// Every Store watching the bucket, this one included, applies it shortly.
func (s *Store) Set(ctx context.Context, name string, f Flag) (uint64, error) {
	if !ValidName(name) {
		return 0, fmt.Errorf("flag name %q: use letters, digits, _ and -", name)
	}
	if err := f.Validate(); err != nil {
		return 0, fmt.Errorf("flag %s: %w", name, err)
	}
	data, err := json.Marshal(f)
	if err != nil {
		return 0, fmt.Errorf("flag %s: encode: %w", name, err)
	}
	rev, err := s.kv.Put(ctx, name, data)
	if err != nil {
		return 0, fmt.Errorf("flag %s: put: %w", name, err)
	}
	return rev, nil
}

// Delete removes a flag (it is then off everywhere).
func (s *Store) Delete(ctx context.Context, name string) error {
	if err := s.kv.Delete(ctx, name); err != nil {
		return fmt.Errorf("flag %s: delete: %w", name, err)
	}
	return nil
}

// Kills is the state of the kill switches for one request.
type Kills struct {
	NoLLM            bool
	ForceApertium    bool
	NoLLMGuard       bool
	NoPretranslation bool
}

// Kills evaluates every kill switch for a at once.
func (s *Store) Kills(ctx context.Context, a Attributes) Kills {
	return Kills{
		NoLLM:            s.Enabled(ctx, NoLLM, a),
		ForceApertium:    s.Enabled(ctx, ForceApertium, a),
		NoLLMGuard:       s.Enabled(ctx, NoLLMGuard, a),
		NoPretranslation: s.Enabled(ctx, NoPretranslation, a),
	}
}

// NoLLM reports whether the no_llm kill switch is on for a.
func (s *Store) NoLLM(ctx context.Context, a Attributes) bool { return s.Enabled(ctx, NoLLM, a) }

// ForceApertium reports whether the force_apertium kill switch is on for a.
func (s *Store) ForceApertium(ctx context.Context, a Attributes) bool {
	return s.Enabled(ctx, ForceApertium, a)
}

// NoLLMGuard reports whether the no_llm_guard kill switch is on for a.
func (s *Store) NoLLMGuard(ctx context.Context, a Attributes) bool {
	return s.Enabled(ctx, NoLLMGuard, a)
}

// NoPretranslation reports whether the no_pretranslation kill switch is on
// for a.
func (s *Store) NoPretranslation(ctx context.Context, a Attributes) bool {
	return s.Enabled(ctx, NoPretranslation, a)
}

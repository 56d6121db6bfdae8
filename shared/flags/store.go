package flags

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/kvstore"
)

// Store is a process's live view of the flags bucket (a kvstore.Store):
// reads are served from memory; a watcher applies every change as
// JetStream delivers it.
type Store struct {
	kv *kvstore.Store[Flag]
}

// Open creates the bucket when it does not exist, loads every flag and
// keeps watching. It returns once the initial values are in memory, so the
// first evaluation already sees them. Close stops the watcher. A value
// nobody can read turns its flag off: for a kill switch that means "not
// killed", the state the system was built for.
//
// Options set how the bucket is created the first time (an existing
// bucket keeps its configuration, but for replicas fewer than Replicas,
// which are raised).
func Open(ctx context.Context, nc *nats.Conn, log *slog.Logger, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	kv, err := kvstore.Open(ctx, nc, Bucket, "Parley feature flags and kill switches (JSON per key)",
		func(_ string, data []byte) (Flag, error) { return Parse(data) }, log,
		kvstore.Replicas(o.replicas), kvstore.History(10))
	if err != nil {
		return nil, fmt.Errorf("flags: %w", err)
	}
	s := &Store{kv: kv}
	log.Info("flags loaded", "flags", len(kv.All()), "revision", kv.Revision())
	kv.OnChange(func(name string) {
		if f, ok := kv.Get(name); ok {
			log.Info("flag updated", "flag", name, "enabled", f.Enabled, "revision", kv.Revision())
		} else {
			log.Info("flag removed or off", "flag", name, "revision", kv.Revision())
		}
	})
	return s, nil
}

// Option configures Open.
type Option func(*options)

type options struct{ replicas int }

// Replicas sets the bucket's JetStream replication (natsutil.JetStreamReplicas
// reads it from PARLEY_JS_REPLICAS): Open creates the bucket with it and
// raises an existing one that has fewer (kvstore.Replicas).
func Replicas(n int) Option { return func(o *options) { o.replicas = n } }

// Close stops watching the bucket.
func (s *Store) Close() error { return s.kv.Close() }

// Get returns the flag named name as last seen, and whether it exists.
func (s *Store) Get(name string) (Flag, bool) { return s.kv.Get(name) }

// All returns a copy of every flag.
func (s *Store) All() map[string]Flag { return s.kv.All() }

// Revision is the highest bucket revision applied, for checking that a
// process has caught up with a change.
func (s *Store) Revision() uint64 { return s.kv.Revision() }

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
		return 0, fmt.Errorf("flag %s: %w", name, err)
	}
	return rev, nil
}

// Delete removes a flag (it is then off everywhere).
func (s *Store) Delete(ctx context.Context, name string) error {
	if err := s.kv.Delete(ctx, name); err != nil {
		return fmt.Errorf("flag %s: %w", name, err)
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

package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/kvstore"
)

// Store is a process's live view of the experiments bucket.
type Store struct {
	kv  *kvstore.Store[Experiment]
	now func() time.Time
}

// Open creates the bucket when needed (opts set its replication), loads every experiment and keeps
// watching until Close.
func Open(ctx context.Context, nc *nats.Conn, log *slog.Logger, opts ...kvstore.Option) (*Store, error) {
	kv, err := kvstore.Open(ctx, nc, Bucket, "Parley A/B experiments (JSON per experiment)", Parse, log, opts...)
	if err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	return &Store{kv: kv, now: time.Now}, nil
}

// Close stops watching.
func (s *Store) Close() error { return s.kv.Close() }

// Get returns the experiment named name as last seen.
func (s *Store) Get(name string) (Experiment, bool) { return s.kv.Get(name) }

// List returns every experiment, by name.
func (s *Store) List() []Experiment {
	all := s.kv.All()
	out := make([]Experiment, 0, len(all))
	for _, e := range all {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Experiment) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Revision is the highest bucket revision applied.
func (s *Store) Revision() uint64 { return s.kv.Revision() }

// Assign returns the arm of the first running experiment (by name) that
// takes the request. A nil store assigns nothing.
func (s *Store) Assign(a Attributes) (Assignment, bool) {
	if s == nil {
		return Assignment{}, false
	}
	for _, e := range s.List() {
		if as, ok := e.Assign(a); ok {
			return as, true
		}
	}
	return Assignment{}, false
}

// SplitsByUser reports whether a running experiment assigns by user id,
// so that two readers of one message may be served different arms. Front
// ends that cache views across readers key them by reader only then. A
// nil store reports true: not knowing, the reader must count.
func (s *Store) SplitsByUser() bool {
	if s == nil {
		return true
	}
	for _, e := range s.kv.All() {
		if e.Status == StatusRunning && e.By == flags.ByUser {
			return true
		}
	}
	return false
}

// Put validates e and stores it, returning the new revision.
func (s *Store) Put(ctx context.Context, e Experiment) (uint64, error) {
	e.UpdatedAt = s.now().UTC()
	if err := e.Validate(); err != nil {
		return 0, err
	}
	data, err := json.Marshal(e)
	if err != nil {
		return 0, fmt.Errorf("experiment %s: encode: %w", e.Name, err)
	}
	return s.kv.Put(ctx, e.Name, data)
}

// ErrNotFound is returned for an experiment or arm that does not exist.
var ErrNotFound = errors.New("not found")

// StopArm marks an arm stopped with a reason, so its traffic returns to
// control everywhere. It reads and writes the bucket with a revision
// check (retrying on a concurrent change), so it never overwrites an
// operator's edit. Stopping control, or an arm already stopped, is a
// no-op that reports false.
func (s *Store) StopArm(ctx context.Context, name, arm, reason string) (bool, error) {
	_, stopped, err := s.kv.Modify(ctx, name, func(e *Experiment) (bool, error) {
		i := slices.IndexFunc(e.Arms, func(a Arm) bool { return a.Name == arm })
		switch {
		case i < 0:
			return false, fmt.Errorf("experiment %s: arm %s: %w", name, arm, ErrNotFound)
		case arm == e.Control || e.Arms[i].Stopped != "":
			return false, nil
		}
		e.Arms[i].Stopped = reason
		e.UpdatedAt = s.now().UTC()
		return true, nil
	})
	switch {
	case errors.Is(err, kvstore.ErrNotFound):
		return false, fmt.Errorf("experiment %s: %w", name, ErrNotFound)
	case errors.Is(err, kvstore.ErrConflict):
		return false, api.Errorf(api.CodeConflict, "experiment %s changed repeatedly while stopping arm %s; try again", name, arm)
	}
	return stopped, err
}

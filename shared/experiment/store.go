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

// Put validates e and stores it as given, returning the new revision: an
// arm without Stopped runs again, even if a guardrail stopped it
// meanwhile. An operator's edit of a document goes through PutDocument,
// which keeps those stops.
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

// PutDocument validates an experiment document (JSON) and stores it,
// returning what it stored, its revision and the arms whose stop it kept.
// An arm the document lists without a "stopped" key keeps the stop the
// stored experiment has on it (a guardrail's, or an operator's): an
// operator re-applying the file they wrote must not restart an arm that
// was stopped for doing harm. `"stopped": ""` restarts it explicitly. The
// write is revision-checked, so a stop made between the read and the
// write is kept too (the document is merged again).
func (s *Store) PutDocument(ctx context.Context, data []byte) (Experiment, uint64, []string, error) {
	e, err := Parse("", data)
	if err != nil {
		return Experiment{}, 0, nil, err
	}
	explicit, err := stoppedKeys(data)
	if err != nil {
		return Experiment{}, 0, nil, err
	}
	for range 5 {
		stored, rev, ok, err := s.kv.Load(ctx, e.Name)
		if err != nil {
			return Experiment{}, 0, nil, err
		}
		merged := e
		merged.Arms = slices.Clone(e.Arms)
		var kept []string
		for i, a := range merged.Arms {
			if explicit[a.Name] || !ok {
				continue
			}
			if old, found := stored.Arm(a.Name); found && old.Stopped != "" && a.Stopped == "" {
				merged.Arms[i].Stopped = old.Stopped
				kept = append(kept, a.Name)
			}
		}
		merged.UpdatedAt = s.now().UTC()
		if err := merged.Validate(); err != nil {
			return Experiment{}, 0, nil, err
		}
		out, err := json.Marshal(merged)
		if err != nil {
			return Experiment{}, 0, nil, fmt.Errorf("experiment %s: encode: %w", e.Name, err)
		}
		n, err := s.kv.Update(ctx, e.Name, out, rev)
		if errors.Is(err, kvstore.ErrConflict) {
			continue // changed under us (a guardrail's stop?): merge again
		}
		if err != nil {
			return Experiment{}, 0, nil, err
		}
		return merged, n, kept, nil
	}
	return Experiment{}, 0, nil, api.Errorf(api.CodeConflict, "experiment %s changed repeatedly while being stored; try again", e.Name)
}

// stoppedKeys returns the arms whose "stopped" key the document sets
// (to anything, "" included).
func stoppedKeys(data []byte) (map[string]bool, error) {
	var doc struct {
		Arms []map[string]json.RawMessage `json:"arms"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("experiment is not valid JSON: %w", err)
	}
	out := map[string]bool{}
	for _, a := range doc.Arms {
		var name string
		if err := json.Unmarshal(a["name"], &name); err != nil {
			continue // Parse has refused an arm without a name
		}
		if _, ok := a["stopped"]; ok {
			out[name] = true
		}
	}
	return out, nil
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

package registry

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

// Store is a process's live view of the registry bucket.
type Store struct {
	kv  *kvstore.Store[Entry]
	now func() time.Time
}

// Open creates the bucket when needed (opts set its replication), loads every entry and keeps
// watching until Close.
func Open(ctx context.Context, nc *nats.Conn, log *slog.Logger, opts ...kvstore.Option) (*Store, error) {
	kv, err := kvstore.Open(ctx, nc, Bucket, "Parley model and prompt registry (JSON per version)", Parse, log, opts...)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	return &Store{kv: kv, now: time.Now}, nil
}

// Close stops watching.
func (s *Store) Close() error { return s.kv.Close() }

// Revision is the highest bucket revision applied.
func (s *Store) Revision() uint64 { return s.kv.Revision() }

// OnChange registers f, called after every applied change (it must not
// block).
func (s *Store) OnChange(f func()) { s.kv.OnChange(func(string) { f() }) }

// Get returns the entry under key as last seen.
func (s *Store) Get(key string) (Entry, bool) { return s.kv.Get(key) }

// List returns every entry, sorted by kind, backend, name and version.
func (s *Store) List() []Entry {
	all := s.kv.All()
	out := make([]Entry, 0, len(all))
	for _, e := range all {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Key(), b.Key()) })
	return out
}

// Add stores a new version as a candidate. It refuses a version that is
// already registered (retire it and add a new version instead).
func (s *Store) Add(ctx context.Context, e Entry) (Entry, error) {
	now := s.now().UTC()
	e.Status, e.CanaryPercent, e.Updated = StatusCandidate, 0, now
	e.History = []Change{{At: now, To: StatusCandidate, Reason: "added"}}
	langs := make([]string, 0, len(e.Languages))
	for _, l := range e.Languages {
		if l = api.Base(strings.TrimSpace(l)); !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	e.Languages = langs
	if err := e.Validate(); err != nil {
		return Entry{}, err
	}
	if err := e.checkNew(); err != nil {
		return Entry{}, err
	}
	data, err := json.Marshal(e)
	if err != nil {
		return Entry{}, fmt.Errorf("registry: encode: %w", err)
	}
	if _, err := s.kv.Update(ctx, e.Key(), data, 0); err != nil {
		if errors.Is(err, kvstore.ErrConflict) {
			return Entry{}, api.Errorf(api.CodeConflict, "%s is already registered", e.Ref())
		}
		return Entry{}, err
	}
	return e, nil
}

// Promotion asks for a status change.
type Promotion struct {
	Key string
	// To is StatusCanary, StatusProduction, StatusCandidate or
	// StatusRetired.
	To string
	// CanaryPercent is the canary's share of conversations (To canary;
	// default 5).
	CanaryPercent float64
	Reason        string
}

// ErrRefused wraps the reasons a promotion was refused.
var ErrRefused = errors.New("promotion refused")

// Promote changes an entry's status. Moving to canary or production
// requires the offline scores to pass t; a refusal is a *Refusal (it
// matches ErrRefused) listing every reason. Retiring and
// moving back to candidate are always allowed; a retired version stays
// retired (register a new version).
func (s *Store) Promote(ctx context.Context, p Promotion, t Thresholds) (Entry, error) {
	if err := t.Validate(); err != nil {
		return Entry{}, err
	}
	e, _, err := s.kv.Modify(ctx, p.Key, func(e *Entry) (bool, error) {
		switch {
		case e.Status == StatusRetired && p.To != StatusRetired:
			return false, refused(*e, fmt.Sprintf("%s is retired; register a new version", e.Ref()))
		case p.To == StatusCanary || p.To == StatusProduction:
			if why := t.Check(*e); len(why) > 0 {
				return false, refused(*e, why...)
			}
		case p.To == StatusCandidate || p.To == StatusRetired:
		default:
			return false, api.FieldError(api.CodeInvalidArgument, "to", "status %q: want candidate, canary, production or retired", p.To)
		}
		from := e.Status
		now := s.now().UTC()
		e.Status, e.Updated = p.To, now
		e.CanaryPercent = 0
		if p.To == StatusCanary {
			e.CanaryPercent = p.CanaryPercent
			if e.CanaryPercent == 0 {
				e.CanaryPercent = 5
			}
		}
		e.History = append(e.History, Change{At: now, From: from, To: p.To, Reason: p.Reason})
		return true, e.Validate()
	})
	switch {
	case errors.Is(err, kvstore.ErrNotFound):
		return Entry{}, api.Errorf(api.CodeNotFound, "no registry entry %q", p.Key)
	case errors.Is(err, kvstore.ErrConflict):
		return Entry{}, api.Errorf(api.CodeConflict, "registry entry %s changed repeatedly; try again", p.Key)
	case err != nil:
		return Entry{}, err
	}
	return e, nil
}

// Refusal is a refused promotion with every reason.
type Refusal struct {
	Ref     string
	Reasons []string
}

func (r *Refusal) Error() string {
	return fmt.Sprintf("%s: %s: %s", ErrRefused, r.Ref, strings.Join(r.Reasons, "; "))
}

// Is makes errors.Is(err, ErrRefused) hold.
func (r *Refusal) Is(target error) bool { return target == ErrRefused }

// API is the refusal in the shared error table (409 conflict).
func (r *Refusal) API() *api.Error { return api.Errorf(api.CodeConflict, "%s", r.Error()) }

func refused(e Entry, why ...string) error { return &Refusal{Ref: e.Ref(), Reasons: why} }

// Choice is the registry's model or prompt for one request on one rung.
type Choice struct {
	// Model is the model to ask for (Model); Prompt the template
	// reference, "chat-translate@3" (Prompt).
	Model  string
	Prompt string
	// Ref is the registry entry's reference, Status its status.
	Ref    string
	Status string
}

// Model returns the model a rung (backend) should use from source to
// target for the conversation (or other unit) unit: a canary that serves
// the pair takes its share of units, by hash; otherwise the production
// version that serves the pair (the most recently promoted one when
// several do). ok is false when the registry has no model for it.
func (s *Store) Model(backend, source, target, unit string) (Choice, bool) {
	e, ok := s.choose(KindModel, backend, source, target, unit)
	if !ok {
		return Choice{}, false
	}
	return Choice{Model: e.ModelName(), Ref: e.Ref(), Status: e.Status}, true
}

// Prompt returns the prompt template a rung (backend) should render from
// source to target for unit, chosen like Model among the prompt entries
// for that backend or for every backend (Backend ""). ok is false when
// the registry has no prompt for it (the rung keeps its default).
func (s *Store) Prompt(backend, source, target, unit string) (Choice, bool) {
	e, ok := s.choose(KindPrompt, backend, source, target, unit)
	if !ok {
		return Choice{}, false
	}
	return Choice{Prompt: e.PromptRef(), Ref: e.Ref(), Status: e.Status}, true
}

// choose picks the entry of kind for a rung: a canary by hash of unit,
// else the latest production version.
func (s *Store) choose(kind, backend, source, target, unit string) (Entry, bool) {
	if s == nil {
		return Entry{}, false
	}
	var prod, canary []Entry
	for _, e := range s.kv.All() {
		if e.Kind != kind || !e.Serves(source, target) {
			continue
		}
		if e.Backend != backend && (kind == KindModel || e.Backend != "") {
			continue
		}
		switch e.Status {
		case StatusProduction:
			prod = append(prod, e)
		case StatusCanary:
			canary = append(canary, e)
		}
	}
	latest := func(es []Entry) []Entry {
		slices.SortFunc(es, func(a, b Entry) int {
			if c := b.lastPromoted().Compare(a.lastPromoted()); c != 0 {
				return c
			}
			return strings.Compare(a.Key(), b.Key())
		})
		return es
	}
	if unit != "" {
		for _, e := range latest(canary) {
			if flags.Bucket10k("canary:"+e.Key(), "", unit) < int(e.CanaryPercent*100) {
				return e, true
			}
		}
	}
	if len(prod) == 0 {
		return Entry{}, false
	}
	return latest(prod)[0], true
}

package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/kvstore"
)

// Store is a process's live view of the registry bucket.
type Store struct {
	kv  *kvstore.Store[Entry]
	nc  *nats.Conn
	now func() time.Time
}

// Open creates the bucket when needed (opts set its replication), loads every entry and keeps
// watching until Close.
func Open(ctx context.Context, nc *nats.Conn, log *slog.Logger, opts ...kvstore.Option) (*Store, error) {
	kv, err := kvstore.Open(ctx, nc, Bucket, "Parley model and prompt registry (JSON per version)", Parse, log, opts...)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	return &Store{kv: kv, nc: nc, now: time.Now}, nil
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
func (s *Store) Add(ctx context.Context, e Entry) (Entry, error) { return s.AddBy(ctx, e, "") }

// AddBy is Add, recording by (who asked, e.g. the operator's login) and
// the connection's NATS user in the history.
func (s *Store) AddBy(ctx context.Context, e Entry, by string) (Entry, error) {
	now := s.now().UTC()
	e.Status, e.CanaryPercent, e.Updated = StatusCandidate, 0, now
	if err := checkBy(by); err != nil {
		return Entry{}, err
	}
	e.History = []Change{{At: now, To: StatusCandidate, Reason: "added", By: by}}
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
	e.History[0].NATSUser = s.natsUser(ctx)
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
	// default 5), in steps of CanaryResolution.
	CanaryPercent float64
	Reason        string
	// By is who asks (kept in the history with the connection's NATS
	// user).
	By string
}

// CanaryResolution is the smallest canary share the routing can split
// off, in percent: conversations are hashed into 10,000 buckets.
const CanaryResolution = 0.01

// CheckCanaryPercent reports a canary share the routing cannot serve as
// given: outside (0, 100], or finer than CanaryResolution (0.001 % would
// route nobody while the registry said it routed some).
func CheckCanaryPercent(p float64) error {
	buckets := p / CanaryResolution
	switch {
	case !(p > 0 && p <= 100):
		return api.FieldError(api.CodeInvalidArgument, "canary_percent", "canary percent %v: want more than 0 and at most 100", p)
	case math.Abs(buckets-math.Round(buckets)) > 1e-6:
		return api.FieldError(api.CodeInvalidArgument, "canary_percent", "canary percent %v: the routing splits conversations in steps of %v %%; use a multiple of it", p, CanaryResolution)
	}
	return nil
}

// canaryBuckets is how many of the 10,000 routing buckets a canary of
// percent takes (rounded: 0.29 * 100 is 28.999... in floating point).
func canaryBuckets(percent float64) int { return int(math.Round(percent / CanaryResolution)) }

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
	if err := checkBy(p.By); err != nil {
		return Entry{}, err
	}
	if p.To == StatusCanary && p.CanaryPercent != 0 {
		if err := CheckCanaryPercent(p.CanaryPercent); err != nil {
			return Entry{}, err
		}
	}
	natsUser := s.natsUser(ctx)
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
		c := Change{At: now, From: from, To: p.To, Reason: p.Reason, By: p.By, NATSUser: natsUser}
		if p.To == StatusCanary || p.To == StatusProduction {
			c.Thresholds = &t
		}
		e.History = append(e.History, c)
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

// checkBy refuses a name for the history that would be unreadable where
// it is shown (registry list prints it on a terminal).
func checkBy(by string) error {
	if len(by) > 128 || !utf8.ValidString(by) || strings.ContainsFunc(by, unicode.IsControl) {
		return api.FieldError(api.CodeInvalidArgument, "by", "by %q: want at most 128 bytes of UTF-8 text without control characters", by)
	}
	return nil
}

// natsUser asks the server which user the store's connection is
// ($SYS.REQ.USER.INFO, answered for every connection), for the history:
// the server's word rather than a name the client claims. Empty when the
// connection did not authenticate, or the server does not say.
func (s *Store) natsUser(ctx context.Context) string {
	if s.nc == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	msg, err := s.nc.RequestWithContext(ctx, "$SYS.REQ.USER.INFO", nil)
	if err != nil {
		return ""
	}
	var r struct {
		Data struct {
			User     string `json:"user"`
			UserName string `json:"user_name"`
		} `json:"data"`
	}
	if json.Unmarshal(msg.Data, &r) != nil {
		return ""
	}
	if r.Data.UserName != "" {
		return r.Data.UserName
	}
	return r.Data.User
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
	if unit != "" {
		for _, e := range latest(canary) {
			if flags.Bucket10k("canary:"+e.Key(), "", unit) < canaryBuckets(e.CanaryPercent) {
				return e, true
			}
		}
	}
	if len(prod) == 0 {
		return Entry{}, false
	}
	return latest(prod)[0], true
}

// latest sorts es most recently promoted first (by key on a tie): the
// order in which choose picks among versions that serve a pair.
func latest(es []Entry) []Entry {
	slices.SortFunc(es, func(a, b Entry) int {
		if c := b.lastPromoted().Compare(a.lastPromoted()); c != 0 {
			return c
		}
		return strings.Compare(a.Key(), b.Key())
	})
	return es
}

// Serving returns the keys of the production entries that the routing
// uses for at least one pair, as choose picks them: of several
// production versions for one rung and pair (after a rollback by
// re-promotion), only the most recently promoted one serves. The others
// stay production but route nothing until it is retired or demoted.
func Serving(entries []Entry) map[string]bool {
	var prod []Entry
	named := map[string]bool{}
	for _, e := range entries {
		if e.Status == StatusProduction {
			prod = append(prod, e)
		}
		if e.Backend != "" {
			named[e.Backend] = true
		}
	}
	latest(prod)
	// wins reports whether e is the first of prod to serve source to
	// target on rung backend.
	wins := func(e Entry, backend, source, target string) bool {
		for _, w := range prod {
			if w.Kind != e.Kind || !w.Serves(source, target) {
				continue
			}
			if w.Backend == backend || w.Kind == KindPrompt && w.Backend == "" {
				return w.Key() == e.Key()
			}
		}
		return false
	}
	out := map[string]bool{}
	for _, e := range prod {
		rungs := []string{e.Backend}
		if e.Backend == "" {
			// A prompt for every rung: the rungs other entries name,
			// and any other ("").
			rungs = append(slices.Sorted(maps.Keys(named)), "")
		}
	pairs:
		for _, s := range e.Languages {
			for _, t := range e.Languages {
				if s == t {
					continue
				}
				for _, b := range rungs {
					if wins(e, b, s, t) {
						out[e.Key()] = true
						break pairs
					}
				}
			}
		}
	}
	return out
}

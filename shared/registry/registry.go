// Package registry is Parley's registry of models and prompts: every
// version with the languages it serves, its offline scores from a quality/
// evaluation report, and its status (candidate, canary, production,
// retired), kept in the JetStream KV bucket "parley-registry". A version
// is promoted to canary or production only when its offline scores pass
// the configured thresholds; the translate routing reads the bucket live
// and sends each language pair to its production model, and a canary's
// share of conversations to the canary.
package registry

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/prompt"
)

// Bucket is the KV bucket holding the registry.
const Bucket = "parley-registry"

// Backends are the translate rungs that read the registry: the LLM rungs,
// named as in services/translate (DefaultChain). Apertium has no models
// or prompts to route.
var Backends = []string{"ollama", "openai"}

// Kinds of entries.
const (
	KindModel  = "model"
	KindPrompt = "prompt"
)

// Statuses, in the order a version normally moves through them.
const (
	StatusCandidate  = "candidate"
	StatusCanary     = "canary"
	StatusProduction = "production"
	StatusRetired    = "retired"
)

// Entry is one version of a model or a prompt.
type Entry struct {
	Kind string `json:"kind"`
	// Backend is the translate rung the version runs on ("ollama",
	// "openai"); for a prompt, the rungs that use it ("" for all).
	Backend string `json:"backend,omitempty"`
	// Name and Version identify the entry: a model "qwen2.5:7b" version
	// "2025-01", a prompt "chat-translate" version "2".
	Name    string `json:"name"`
	Version string `json:"version"`
	// Model is what the backend is asked for (default Name).
	Model string `json:"model,omitempty"`
	// Languages the version serves (base languages, "en", "ja"); the
	// routing uses it for a pair only when both languages are listed.
	Languages []string `json:"languages"`
	Status    string   `json:"status"`
	// CanaryPercent is the share of conversations a canary serves.
	CanaryPercent float64 `json:"canary_percent,omitempty"`
	// Offline are the scores of the version's evaluation run.
	Offline *Scores   `json:"offline,omitempty"`
	Note    string    `json:"note,omitempty"`
	History []Change  `json:"history,omitempty"`
	Updated time.Time `json:"updated_at,omitzero"`
}

// Change is one status change, kept in the entry's history.
type Change struct {
	At     time.Time `json:"at"`
	From   string    `json:"from,omitempty"`
	To     string    `json:"to"`
	Reason string    `json:"reason,omitempty"`
	// By is who asked for the change (`parley registry -by`, default
	// $USER), as they said; NATSUser is the user the writing connection
	// authenticated as, as the server reported it (empty without
	// authentication). Empty in changes recorded before they were.
	By       string `json:"by,omitempty"`
	NATSUser string `json:"nats_user,omitempty"`
	// Thresholds are the gates the offline scores passed, on a promotion
	// to canary or production.
	Thresholds *Thresholds `json:"thresholds,omitempty"`
}

// Actor is who made the change: "alice (nats: ops)", "" when unknown.
func (c Change) Actor() string {
	switch {
	case c.NATSUser == "":
		return c.By
	case c.By == "":
		return "nats: " + c.NATSUser
	}
	return c.By + " (nats: " + c.NATSUser + ")"
}

// ModelName is what the backend is asked for.
func (e Entry) ModelName() string {
	if e.Model != "" {
		return e.Model
	}
	return e.Name
}

// PromptRef is a prompt entry's template reference, "name@version", as
// the translate rungs name their templates.
func (e Entry) PromptRef() string { return e.Name + "@" + e.Version }

// Key is the entry's KV key.
func (e Entry) Key() string { return Key(e.Kind, e.Backend, e.Name, e.Version) }

// Ref is a readable reference: "model ollama/qwen2.5:7b@2025-01".
func (e Entry) Ref() string {
	b := e.Backend
	if b == "" {
		b = "*"
	}
	return fmt.Sprintf("%s %s/%s@%s", e.Kind, b, e.Name, e.Version)
}

// Key builds the KV key of an entry. Characters a key cannot hold (":",
// "@", spaces ...) are escaped as =XX, so the key stays readable in `nats
// kv ls` and two entries never share one.
func Key(kind, backend, name, version string) string {
	if backend == "" {
		backend = "_"
	}
	return strings.Join([]string{escape(kind), escape(backend), escape(name), escape(version)}, ".")
}

func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	return b.String()
}

// Validate reports an entry that cannot be stored.
func (e Entry) Validate() error {
	bad := func(field, format string, args ...any) error {
		return api.FieldError(api.CodeInvalidArgument, field, format, args...)
	}
	switch e.Kind {
	case KindModel, KindPrompt:
	default:
		return bad("kind", "kind %q: want model or prompt", e.Kind)
	}
	if e.Kind == KindModel && e.Backend == "" {
		return bad("backend", "a model needs the backend it runs on (ollama, openai)")
	}
	if strings.TrimSpace(e.Name) == "" || strings.TrimSpace(e.Version) == "" || len(e.Name) > 128 || len(e.Version) > 64 {
		return bad("name", "name and version are required (at most 128 and 64 bytes)")
	}
	if e.Kind == KindPrompt && !prompt.IsSingle(e.PromptRef()) {
		// Refused here rather than routed and silently ignored by every
		// replica: the template must be compiled into the translate
		// service first.
		return bad("version", "prompt %s is not a compiled template (have %s)", e.PromptRef(), strings.Join(prompt.Single, ", "))
	}
	switch e.Status {
	case StatusCandidate, StatusCanary, StatusProduction, StatusRetired:
	default:
		return bad("status", "status %q: want candidate, canary, production or retired", e.Status)
	}
	if len(e.Languages) == 0 {
		return bad("languages", "list the languages the version serves")
	}
	for _, l := range e.Languages {
		if _, err := api.ParseLanguage("languages", l); err != nil {
			return err
		}
	}
	if e.CanaryPercent < 0 || e.CanaryPercent > 100 {
		return bad("canary_percent", "canary_percent %v: want 0 to 100", e.CanaryPercent)
	}
	return nil
}

// checkNew reports a new version the routing could never use, or that
// would be unreadable where it is shown: a backend no rung is named
// (bogus/m@8), a name with control characters, or fewer than two
// languages (a pair needs both). It is checked when a version is added,
// not in Validate: an entry stored before these checks still loads, so
// it can be listed and retired.
func (e Entry) checkNew() error {
	bad := func(field, format string, args ...any) error {
		return api.FieldError(api.CodeInvalidArgument, field, format, args...)
	}
	switch {
	case e.Kind == KindPrompt && e.Backend == "":
	case !slices.Contains(Backends, e.Backend):
		return bad("backend", "backend %q: want %s (or * for a prompt every backend uses)", e.Backend, strings.Join(Backends, " or "))
	}
	for _, f := range []struct{ field, v string }{{"name", e.Name}, {"version", e.Version}, {"model", e.Model}} {
		if !utf8.ValidString(f.v) || strings.ContainsFunc(f.v, unicode.IsControl) {
			return bad(f.field, "%s %q: want UTF-8 text without control characters", f.field, f.v)
		}
	}
	if len(e.Languages) < 2 {
		return bad("languages", "languages %s: list at least two (a version serves pairs of them)", strings.Join(e.Languages, ","))
	}
	return nil
}

// Parse decodes and validates a stored entry; key, when not empty, must
// be the entry's key.
func Parse(key string, data []byte) (Entry, error) {
	var e Entry
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Entry{}, fmt.Errorf("registry entry is not valid JSON: %w", err)
	}
	if err := e.Validate(); err != nil {
		return Entry{}, err
	}
	if key != "" && e.Key() != key {
		return Entry{}, fmt.Errorf("registry entry %s stored under key %q", e.Ref(), key)
	}
	return e, nil
}

// Serves reports whether the entry covers a translation from source to
// target (both base languages listed).
func (e Entry) Serves(source, target string) bool {
	return slices.Contains(e.Languages, api.Base(source)) && slices.Contains(e.Languages, api.Base(target))
}

// lastPromoted is when the entry last reached its current status.
func (e Entry) lastPromoted() time.Time {
	for i := len(e.History) - 1; i >= 0; i-- {
		if e.History[i].To == e.Status {
			return e.History[i].At
		}
	}
	return e.Updated
}

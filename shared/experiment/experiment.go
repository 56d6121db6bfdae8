// Package experiment runs Parley's A/B experiments on translation: which
// backend, model, prompt version and options serve a conversation. An
// experiment is a JSON document in the JetStream KV bucket
// "parley-experiments" (one key per experiment); every translate replica
// watches the bucket, assigns each request to an arm by hashing its
// conversation (or user) id with the experiment's salt, and applies the
// arm. Exposure and outcome events go to the JetStream stream
// PARLEY_EXPERIMENTS and readers' feedback to PARLEY_FEEDBACK, from which
// quality/ computes the per-arm results, per unit of assignment, and the
// guardrails stop an arm that does harm.
package experiment

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/prompt"
)

// Bucket is the KV bucket holding the experiments.
const Bucket = "parley-experiments"

// Experiment statuses. Only a running experiment assigns arms.
const (
	StatusRunning = "running"
	StatusPaused  = "paused"
	StatusDone    = "done"
)

// Options an arm can set, applied by the translate chain.
const (
	// OptionFormality asks for a register ("formal", "informal") when the
	// request asked for none.
	OptionFormality = "formality"
	// OptionContextMessages is how many earlier messages the LLM reads
	// ("0" for none).
	OptionContextMessages = "context_messages"
)

// Backends are the rungs of the translate chain an arm can put first
// (services/translate.DefaultChain, which a test there keeps equal to
// this list). An arm naming another is refused when the experiment is
// written, not served as control by every replica.
var Backends = []string{"ollama", "openai", "apertium"}

// MaxWeight bounds an arm's weight. Weights are relative shares, so a
// million to one is finer than any experiment needs, and the bound keeps
// their sum finite (pick divides the hash space by it).
const MaxWeight = 1e6

// MaxTenantBytes bounds an entry of Tenants: a request's tenant id is at
// most that long (pipeline.MaxIDBytes, the gateway's key tenants), so a
// longer entry could never match one.
const MaxTenantBytes = 128

// Arm is one variant of an experiment.
type Arm struct {
	Name string `json:"name"`
	// Weight is the arm's relative share of the experiment's traffic,
	// from 0 to MaxWeight; 0 (or absent) means the default, 1. An arm
	// cannot be weighted out: stop it (Stopped) to send its units to
	// control.
	Weight float64 `json:"weight,omitempty"`
	// Backend is the rung tried first (empty: the routing's order), one
	// of Backends. The other rungs stay behind it as fallbacks.
	Backend string `json:"backend,omitempty"`
	// Model overrides the model of Backend's rung (empty: the routing's
	// or the registry's).
	Model string `json:"model,omitempty"`
	// Prompt is the prompt template the rung must use ("chat-translate@3",
	// one of prompt.Single: Validate refuses others); an arm whose prompt
	// the rung cannot render (a replica older than the experiment) is not
	// applied: control serves and the exposure says so.
	Prompt string `json:"prompt,omitempty"`
	// Options are OptionFormality and OptionContextMessages.
	Options map[string]string `json:"options,omitempty"`
	// Stopped is set (with the reason) when a guardrail or an operator
	// stopped the arm: its traffic returns to control.
	Stopped string `json:"stopped,omitempty"`
}

// Guardrails stop an arm that does measurable harm. A check needs
// MinSamples units in both the arm and control.
type Guardrails struct {
	// MinSamples is the least number of units (conversations or users
	// with a view; an outcome event without a unit id counts as one) per
	// arm before any check (default 100). Units, not views: a unit's
	// views are not independent samples.
	MinSamples int `json:"min_samples,omitempty"`
	// MaxQualityDrop stops an arm whose mean quality score (0-100) is this
	// many points below control's (0: no check).
	MaxQualityDrop float64 `json:"max_quality_drop,omitempty"`
	// MaxLatencyIncrease stops an arm whose mean latency exceeds
	// control's by this fraction (0.5: 50 % slower; 0: no check).
	MaxLatencyIncrease float64 `json:"max_latency_increase,omitempty"`
	// MaxFallbackIncrease stops an arm whose share of requests that fell
	// back to a later rung exceeds control's by this many points of
	// proportion (0.1: ten points; 0: no check).
	MaxFallbackIncrease float64 `json:"max_fallback_increase,omitempty"`
}

// MinSamplesOrDefault is MinSamples, or 100 when unset.
func (g Guardrails) MinSamplesOrDefault() int {
	if g.MinSamples <= 0 {
		return 100
	}
	return g.MinSamples
}

// Experiment is the JSON value stored under an experiment's key (its name).
type Experiment struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Status      string `json:"status"`
	// By is the unit of assignment: conversation (default) or user. A
	// request without that id is not in the experiment.
	By flags.Unit `json:"by,omitempty"`
	// Salt reshuffles the assignment; a new experiment should use a new
	// salt so that its arms are independent of an earlier one's.
	Salt string `json:"salt,omitempty"`
	// Percentage of units in the experiment (default 100); the others are
	// served as if it did not exist.
	Percentage *float64 `json:"percentage,omitempty"`
	// Control names the arm the others are compared with; it is where a
	// stopped arm's traffic goes.
	Control string `json:"control"`
	Arms    []Arm  `json:"arms"`
	// Sources, Targets and Tenants restrict the experiment (empty: all).
	// A language entry "pt" also matches "pt-BR"; Validate refuses an
	// entry that is not a BCP 47 tag and writes the others canonically,
	// and a tenant id no request can have (validTenant).
	Sources []string `json:"sources,omitempty"`
	Targets []string `json:"targets,omitempty"`
	Tenants []string `json:"tenants,omitempty"`

	Guardrails Guardrails `json:"guardrails,omitzero"`
	UpdatedAt  time.Time  `json:"updated_at,omitzero"`
}

var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// ValidName reports whether name can name an experiment or an arm: it is
// a KV key and a NATS subject token.
func ValidName(name string) bool { return namePattern.MatchString(name) }

// Validate reports an experiment that cannot run as written, and writes
// its language lists as canonical tags ("pt_br" as "pt-BR"), the form
// requests are matched in.
func (e *Experiment) Validate() error {
	bad := func(field, format string, args ...any) error {
		return api.FieldError(api.CodeInvalidArgument, field, "experiment %s: "+format, append([]any{e.Name}, args...)...)
	}
	if !ValidName(e.Name) {
		return api.FieldError(api.CodeInvalidArgument, "name", "experiment name %q: 1-64 letters, digits, _ or -", e.Name)
	}
	switch e.Status {
	case StatusRunning, StatusPaused, StatusDone:
	default:
		return bad("status", "status %q: want %s, %s or %s", e.Status, StatusRunning, StatusPaused, StatusDone)
	}
	switch e.By {
	case "", flags.ByConversation, flags.ByUser:
	default:
		return bad("by", "by %q: want conversation or user", e.By)
	}
	if e.Percentage != nil && !(*e.Percentage >= 0 && *e.Percentage <= 100) { // NaN too
		return bad("percentage", "percentage %v: want 0 to 100", *e.Percentage)
	}
	if len(e.Arms) < 2 {
		return bad("arms", "needs at least two arms")
	}
	seen := map[string]bool{}
	for i, a := range e.Arms {
		if !ValidName(a.Name) || seen[a.Name] {
			return bad("arms", "arm %d: name %q is not a valid, unique name", i+1, a.Name)
		}
		seen[a.Name] = true
		// 0 is "unset" (a weight of 1, as omitempty leaves it out of the
		// stored JSON); anything else must be a positive share no larger
		// than MaxWeight (NaN and infinities fail too).
		if !(a.Weight >= 0 && a.Weight <= MaxWeight) {
			return bad("arms", "arm %s: weight %v: want a finite number from 0 to %g; 0 or absent means 1 (to give an arm no traffic, stop it: \"stopped\": \"<reason>\")", a.Name, a.Weight, float64(MaxWeight))
		}
		if a.Backend != "" && !slices.Contains(Backends, a.Backend) {
			return bad("arms", "arm %s: backend %q is not a rung of the translate chain (want %s)", a.Name, a.Backend, strings.Join(Backends, ", "))
		}
		if a.Prompt != "" {
			if id, v, ok := strings.Cut(a.Prompt, "@"); !ok || id == "" || v == "" {
				return bad("arms", "arm %s: prompt %q: want id@version", a.Name, a.Prompt)
			}
			// An unknown template is refused when the experiment is
			// written, not served as control by every replica.
			if !prompt.IsSingle(a.Prompt) {
				return bad("arms", "arm %s: prompt %q is not a compiled template (have %s)", a.Name, a.Prompt, strings.Join(prompt.Single, ", "))
			}
		}
		for k, v := range a.Options {
			switch k {
			case OptionFormality:
				if v != api.FormalityFormal && v != api.FormalityInformal && v != api.FormalityDefault {
					return bad("arms", "arm %s: formality %q", a.Name, v)
				}
			case OptionContextMessages:
				if n, err := strconv.Atoi(v); err != nil || n < 0 || n > 100 {
					return bad("arms", "arm %s: context_messages %q: want 0-100", a.Name, v)
				}
			default:
				return bad("arms", "arm %s: unknown option %q (want %s, %s)", a.Name, k, OptionFormality, OptionContextMessages)
			}
		}
	}
	if !seen[e.Control] {
		return bad("control", "control %q is not one of the arms", e.Control)
	}
	for _, l := range []struct {
		field string
		tags  *[]string
	}{{"sources", &e.Sources}, {"targets", &e.Targets}} {
		if len(*l.tags) == 0 {
			continue
		}
		// A new slice: the caller's (Put takes a copy of the struct, not
		// of its slices) stays as written.
		canon := make([]string, len(*l.tags))
		for i, tag := range *l.tags {
			t, err := api.ParseLanguage(l.field, tag)
			if err != nil {
				return bad(l.field, "%s[%d] %q is not a BCP 47 language tag", l.field, i, tag)
			}
			canon[i] = t.String()
		}
		*l.tags = canon
	}
	for i, t := range e.Tenants {
		if !validTenant(t) {
			return bad("tenants", "tenants[%d] %q: want 1-%d bytes of printable characters without spaces, '*' or '>', as a request's tenant id (no request could match it)", i, t, MaxTenantBytes)
		}
	}
	if e.Guardrails.MinSamples < 0 || e.Guardrails.MaxQualityDrop < 0 || e.Guardrails.MaxLatencyIncrease < 0 || e.Guardrails.MaxFallbackIncrease < 0 {
		return bad("guardrails", "guardrail thresholds must not be negative")
	}
	return nil
}

// validTenant reports whether t can be a request's tenant id, by the rule
// requests are held to (pipeline.Validate, the gateway's keys): not empty
// (an experiment for every tenant lists none), at most MaxTenantBytes, no
// control characters, spaces, '*' or '>' (ids end up in NATS subjects).
func validTenant(t string) bool {
	return t != "" && len(t) <= MaxTenantBytes &&
		!strings.ContainsFunc(t, func(r rune) bool { return r < 0x21 || r == 0x7f || r == '*' || r == '>' })
}

// Parse decodes and validates a stored experiment; key, when not empty,
// must be its name.
func Parse(key string, data []byte) (Experiment, error) {
	var e Experiment
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Experiment{}, fmt.Errorf("experiment is not valid JSON: %w", err)
	}
	if key != "" && e.Name != key {
		return Experiment{}, fmt.Errorf("experiment under key %q is named %q", key, e.Name)
	}
	if err := e.Validate(); err != nil {
		return Experiment{}, err
	}
	return e, nil
}

// Attributes describe the request an experiment assigns.
type Attributes struct {
	Tenant       string
	Source       string
	Target       string
	Conversation string
	User         string
}

// Arm returns the arm named name.
func (e *Experiment) Arm(name string) (Arm, bool) {
	for _, a := range e.Arms {
		if a.Name == name {
			return a, true
		}
	}
	return Arm{}, false
}

// Applies reports whether a request with attributes a is in the
// experiment's population (before the percentage).
func (e *Experiment) Applies(a Attributes) bool {
	if e.Status != StatusRunning {
		return false
	}
	if len(e.Tenants) > 0 && !slices.Contains(e.Tenants, a.Tenant) {
		return false
	}
	return matchLang(e.Sources, a.Source) && matchLang(e.Targets, a.Target)
}

// ServesTarget reports whether the experiment's targets (all, when it
// names none) include the language tag: feedback on a translation into
// another language is about no view of its arms.
func (e *Experiment) ServesTarget(tag string) bool {
	return matchLang(e.Targets, tag)
}

func matchLang(list []string, tag string) bool {
	if len(list) == 0 {
		return true
	}
	tag = strings.ToLower(tag)
	for _, x := range list {
		x = strings.ToLower(x)
		if tag == x || strings.HasPrefix(tag, x+"-") {
			return true
		}
	}
	return false
}

// Assignment is an experiment's decision for one request.
type Assignment struct {
	Experiment string
	// Arm is the arm that serves; Assigned the arm the unit hashes to
	// (they differ when Assigned was stopped and control serves).
	Arm      Arm
	Assigned string
	Control  bool
	// Unit is the hashed unit the request was assigned by (UnitID): the
	// exposure and outcome events carry it, so that the results compare
	// units, not views.
	Unit string
	// Split is the experiment's weights it was assigned by (Split), which
	// the exposure event carries.
	Split string
}

// UnitID is the hashed form of an experiment's unit (a conversation or
// user id) that events carry: SHA-256 of the experiment's name and salt
// and the id, 128 bits in hex. The same unit of the same experiment
// always hashes alike, so the results can count units; the stream never
// holds the id itself, nor one that links a unit across experiments.
func UnitID(e *Experiment, unit string) string {
	return digest("unit", e.Name, e.Salt, unit)
}

// ViewKey names a view of an experiment's arm for the dedupe of its
// outcomes and for crediting feedback to it: the message (its id, when it
// is one) and text, in a target language. It does not name the unit: a
// view's outcome event carries that beside it.
func ViewKey(experiment, arm, target, messageID, text string) string {
	return digest("view", experiment, arm, target, messageID, text)
}

// digest hashes parts, each prefixed with its length so that ("ab", "c")
// and ("a", "bc") differ, to 128 bits in hex.
func digest(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Assign puts a request into an arm. ok is false when the request is not
// in the experiment: it does not apply, the unit id is missing, or the
// unit falls outside the percentage. The same unit gets the same arm in
// every process for as long as the name, salt and arms stay the same.
func (e *Experiment) Assign(a Attributes) (Assignment, bool) {
	if !e.Applies(a) {
		return Assignment{}, false
	}
	unit := a.Conversation
	if e.By == flags.ByUser {
		unit = a.User
	}
	if unit == "" {
		return Assignment{}, false
	}
	if e.Percentage != nil && *e.Percentage < 100 &&
		flags.Bucket10k("experiment:"+e.Name, e.Salt, unit) >= int(*e.Percentage*100) {
		return Assignment{}, false
	}
	arm := e.pick(unit)
	as := Assignment{Experiment: e.Name, Arm: arm, Assigned: arm.Name, Unit: UnitID(e, unit), Split: e.Split()}
	if arm.Stopped != "" {
		as.Arm, _ = e.Arm(e.Control)
	}
	as.Control = as.Arm.Name == e.Control
	return as, true
}

// pick chooses an arm by weight from a hash of the unit that is
// independent of the percentage's (another key), so the arms split the
// included units in proportion whatever the percentage.
func (e *Experiment) pick(unit string) Arm {
	total := 0.0
	for _, a := range e.Arms {
		total += weight(a)
	}
	x := float64(flags.Bucket10k("arm:"+e.Name, e.Salt, unit)) / 10000 * total
	for _, a := range e.Arms {
		if x < weight(a) {
			return a
		}
		x -= weight(a)
	}
	return e.Arms[len(e.Arms)-1]
}

// Split is the weights of every arm, stopped ones too, since pick hashes
// over them all: "a=1,b=3", in the experiment's order. Exposure events
// carry it (Event.Split) for the sample ratio check.
func (e *Experiment) Split() string {
	var b strings.Builder
	for i, a := range e.Arms {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(a.Name)
		b.WriteByte('=')
		b.WriteString(strconv.FormatFloat(weight(a), 'g', -1, 64))
	}
	return b.String()
}

// parseSplit reads a Split. ok is false for text that is not one (an
// event from another writer): the check then uses the current weights.
func parseSplit(s string) (weights map[string]float64, ok bool) {
	weights = map[string]float64{}
	for part := range strings.SplitSeq(s, ",") {
		name, w, found := strings.Cut(part, "=")
		x, err := strconv.ParseFloat(w, 64)
		if !found || !ValidName(name) || err != nil || !(x > 0 && x <= MaxWeight) {
			return nil, false
		}
		weights[name] = x
	}
	return weights, true
}

func weight(a Arm) float64 {
	if a.Weight == 0 {
		return 1
	}
	return a.Weight
}

// API is the wire form of an assignment.
func (as Assignment) API() *api.ExperimentAssignment {
	return &api.ExperimentAssignment{Experiment: as.Experiment, Arm: as.Arm.Name, Control: as.Control}
}

// Package flags reads and writes Parley's feature flags, kept in the
// JetStream key-value bucket "parley-flags" (one key per flag, the value a
// JSON Flag). Every process holds a Store that watches the bucket, so a
// change made with `nats kv put` is live everywhere well within a second,
// and evaluation is a map lookup with no network call on the request path.
//
// A flag is evaluated for the Attributes of one request: targeting lists
// (tenants, locales, conversations) narrow who can see it, and a percentage
// rolls it out to a stable slice of units, bucketed by hashing the flag
// name, a salt and the unit id, so a conversation keeps its answer from one
// message to the next and across processes.
package flags

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
)

// Bucket is the JetStream KV bucket holding the flags.
const Bucket = "parley-flags"

// Kill switches: documented flag names that turn a part of the pipeline
// off. They are ordinary flags, so they can be targeted (one tenant, one
// locale) and rolled out by percentage like any other.
const (
	// NoLLM skips every LLM rung of the translate chain (Apertium and the
	// other non-LLM rungs still answer).
	NoLLM = "no_llm"
	// ForceApertium sends every translation to the Apertium rung first,
	// whatever the routing would choose.
	ForceApertium = "force_apertium"
	// NoLLMGuard turns off the LLM-based checks (the LLM safety/quality
	// guard), leaving the rule-based ones.
	NoLLMGuard = "no_llm_guard"
	// NoPretranslation stops translating messages ahead of a reader's
	// request; views are translated on demand only.
	NoPretranslation = "no_pretranslation"
)

// KillSwitches lists the documented kill switch names.
var KillSwitches = []string{NoLLM, ForceApertium, NoLLMGuard, NoPretranslation}

// Unit names the attribute a percentage rollout buckets by.
type Unit string

// Rollout units.
const (
	ByConversation Unit = "conversation"
	ByTenant       Unit = "tenant"
	ByUser         Unit = "user"
)

// Flag is the JSON value stored under a flag's key.
//
// A flag is on for a request when Enabled is true, the request matches
// every non-empty targeting list, and its unit falls inside Percentage.
type Flag struct {
	Enabled bool `json:"enabled"`
	// Percentage of units (0-100, fractions allowed) that see the flag;
	// nil means everyone who matches the targeting.
	Percentage *float64 `json:"percentage,omitempty"`
	// By is the unit of the rollout (default conversation). A request
	// without that attribute is outside any partial rollout.
	By Unit `json:"by,omitempty"`
	// Salt reshuffles the buckets: change it to pick a different slice of
	// units at the same percentage.
	Salt string `json:"salt,omitempty"`
	// Tenants, Locales and Conversations restrict the flag to requests
	// whose attribute is listed. A locale entry "pt" also matches "pt-BR".
	Tenants       []string `json:"tenants,omitempty"`
	Locales       []string `json:"locales,omitempty"`
	Conversations []string `json:"conversations,omitempty"`
	// Description says why the flag exists; it is not evaluated.
	Description string `json:"description,omitempty"`
}

// Attributes describe the request a flag is evaluated for. None of them is
// logged or exported by this package.
type Attributes struct {
	Tenant       string
	Locale       string
	Conversation string
	User         string
}

// Validate reports a flag that cannot be evaluated as written.
func (f Flag) Validate() error {
	if f.Percentage != nil && (*f.Percentage < 0 || *f.Percentage > 100) {
		return fmt.Errorf("percentage %v: want 0 to 100", *f.Percentage)
	}
	switch f.By {
	case "", ByConversation, ByTenant, ByUser:
	default:
		return fmt.Errorf("by %q: want conversation, tenant or user", f.By)
	}
	return nil
}

// Evaluate reports whether the flag named name is on for a.
func (f Flag) Evaluate(name string, a Attributes) bool {
	if !f.Enabled {
		return false
	}
	if len(f.Tenants) > 0 && !contains(f.Tenants, a.Tenant) {
		return false
	}
	if len(f.Conversations) > 0 && !contains(f.Conversations, a.Conversation) {
		return false
	}
	if len(f.Locales) > 0 && !matchLocale(f.Locales, a.Locale) {
		return false
	}
	if f.Percentage == nil || *f.Percentage >= 100 {
		return true
	}
	unit := a.unit(f.By)
	if unit == "" {
		// Without a unit the answer could not be stable, so a partial
		// rollout stays off rather than flickering.
		return false
	}
	return Bucket10k(name, f.Salt, unit) < int(*f.Percentage*100)
}

func (a Attributes) unit(by Unit) string {
	switch by {
	case ByTenant:
		return a.Tenant
	case ByUser:
		return a.User
	}
	return a.Conversation
}

// Bucket10k maps (flag name, salt, unit id) to one of 10000 buckets, so a
// percentage has 0.01 % resolution. It is a hash, not a random draw: the
// same inputs give the same bucket in every process and every release.
func Bucket10k(name, salt, unit string) int {
	h := sha256.New()
	// Lengths first, so ("ab","c") and ("a","bc") cannot collide.
	var n [8]byte
	for _, s := range []string{name, salt, unit} {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	sum := h.Sum(nil)
	return int(binary.BigEndian.Uint64(sum[:8]) % 10000)
}

func contains(list []string, v string) bool {
	if v == "" {
		return false
	}
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// matchLocale matches BCP 47 tags case-insensitively, an entry matching
// the tag itself or any more specific tag ("pt" matches "pt-BR").
func matchLocale(list []string, locale string) bool {
	if locale == "" {
		return false
	}
	locale = strings.ToLower(strings.ReplaceAll(locale, "_", "-"))
	for _, x := range list {
		x = strings.ToLower(strings.ReplaceAll(x, "_", "-"))
		if locale == x || strings.HasPrefix(locale, x+"-") {
			return true
		}
	}
	return false
}

// Parse decodes a stored flag value. Besides the JSON object it accepts a
// bare true/false/on/off, the quickest thing to type for a kill switch.
func Parse(data []byte) (Flag, error) {
	switch strings.ToLower(strings.TrimSpace(string(data))) {
	case "true", "on", "1":
		return Flag{Enabled: true}, nil
	case "false", "off", "0", "":
		return Flag{}, nil
	}
	var f Flag
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return Flag{}, fmt.Errorf("flag is not valid JSON: %w", err)
	}
	if err := f.Validate(); err != nil {
		return Flag{}, err
	}
	return f, nil
}

// ValidName reports whether name can be a flag: a KV key without wildcards
// or dots, so every flag is one key in the bucket's flat namespace.
func ValidName(name string) bool {
	if name == "" || len(name) > 128 {
		return false
	}
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

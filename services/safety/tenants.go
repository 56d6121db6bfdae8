package safety

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/rivo/uniseg"
	"golang.org/x/text/language"

	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
)

// GlobalTenant is the id, in a tenant file, of the settings every tenant
// shares: its policy is the base each tenant's policy overrides, and its
// allow and deny lists apply to every request, with or without a tenant.
const GlobalTenant = "*"

// tenantID is what a tenant id may look like: short, and safe to put in a
// log line, a file name or a NATS subject token.
var tenantID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidateTenant checks a request's tenant field ("" is no tenant).
func ValidateTenant(id string) error {
	if id == "" || tenantID.MatchString(id) {
		return nil
	}
	return api.FieldError(api.CodeInvalidArgument, "tenant",
		"tenant must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
}

// Policy is what a tenant wants done with flagged views. Fields left empty
// take the global tenant's value, then the default's (DefaultPolicy).
type Policy struct {
	// Action is the default action for a finding: allow, mask, flag or
	// review (a case for moderators, the text served).
	Action string `json:"action,omitempty"`
	// MinSeverity ignores findings below it (low, medium or high).
	MinSeverity string `json:"min_severity,omitempty"`
	// Categories override Action per category ("pii": "mask").
	Categories map[string]string `json:"categories,omitempty"`
	// FlagDeltas flags a view whose translation added or laundered
	// something, whatever the action for its categories.
	FlagDeltas *bool `json:"flag_deltas,omitempty"`
	// MaskChar replaces each masked grapheme; one grapheme, not a space.
	MaskChar string `json:"mask_char,omitempty"`
}

// DefaultPolicy flags every finding of low severity or more, except
// personal data, which is reported but not acted on (a chat message with
// an e-mail address is not a moderation case unless a tenant says so),
// and self-harm, which is sent for review with the text left visible
// (hiding a cry for help from the people who could answer it helps no
// one), and flags deltas. Masking uses "*".
func DefaultPolicy() Policy {
	yes := true
	return Policy{
		Action:      api.PolicyFlag,
		MinSeverity: api.SeverityLow,
		Categories:  map[string]string{api.CategoryPII: api.PolicyAllow, api.CategorySelfHarm: api.PolicyReview},
		FlagDeltas:  &yes,
		MaskChar:    "*",
	}
}

// merge returns p with the fields set in over replacing its own.
func (p Policy) merge(over *Policy) Policy {
	if over == nil {
		return p
	}
	out := p
	out.Categories = maps.Clone(p.Categories)
	if over.Action != "" {
		out.Action = over.Action
	}
	if over.MinSeverity != "" {
		out.MinSeverity = over.MinSeverity
	}
	if over.FlagDeltas != nil {
		v := *over.FlagDeltas
		out.FlagDeltas = &v
	}
	if over.MaskChar != "" {
		out.MaskChar = over.MaskChar
	}
	if len(over.Categories) > 0 && out.Categories == nil {
		out.Categories = map[string]string{}
	}
	maps.Copy(out.Categories, over.Categories)
	return out
}

func validAction(a string) bool {
	return a == api.PolicyAllow || a == api.PolicyMask || a == api.PolicyFlag || a == api.PolicyReview
}

// validate checks the fields that are set.
func (p *Policy) validate() error {
	if p.Action != "" && !validAction(p.Action) {
		return fmt.Errorf("policy action %q is not allow, mask, flag or review", p.Action)
	}
	if p.MinSeverity != "" && api.SeverityRank(p.MinSeverity) == 0 {
		return fmt.Errorf("policy min_severity %q is not low, medium or high", p.MinSeverity)
	}
	for cat, a := range p.Categories {
		if cat == "" || !validAction(a) {
			return fmt.Errorf("policy category %q: action %q is not allow, mask, flag or review", cat, a)
		}
	}
	if p.MaskChar != "" && (uniseg.GraphemeClusterCount(p.MaskChar) != 1 || strings.TrimSpace(p.MaskChar) == "") {
		return fmt.Errorf("policy mask_char %q is not a single visible character", p.MaskChar)
	}
	return nil
}

// action is the action for a category.
func (p *Policy) action(category string) string {
	if a, ok := p.Categories[category]; ok {
		return a
	}
	return p.Action
}

// Term is one entry of an allow or deny list.
type Term struct {
	// Term is the word or phrase, matched like a word-list entry
	// (normalized, whole words).
	Term string `json:"term"`
	// Lang restricts the term to one language (its base: "en" covers
	// "en-GB"); empty or "*" applies it to every language.
	Lang string `json:"lang,omitempty"`
	// Severity and Category grade a denied term (default medium,
	// profanity); they mean nothing for an allowed one.
	Severity string `json:"severity,omitempty"`
	Category string `json:"category,omitempty"`

	// origin is the tenant whose file listed the term, for the detector
	// name of its spans ("tenant:acme", "tenant:*").
	origin string
}

// UnmarshalJSON accepts a bare string for a term of every language.
func (t *Term) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] == '"' {
		*t = Term{}
		return json.Unmarshal(b, &t.Term)
	}
	type plain Term
	return json.Unmarshal(b, (*plain)(t))
}

// TenantConfig is one tenant's settings.
type TenantConfig struct {
	Policy *Policy `json:"policy,omitempty"`
	// Allow lists terms not to flag: a word-list or deny-list match that
	// lies inside an allowed term is dropped ("cock" for a poultry forum,
	// "Dick Van Dyke").
	Allow []Term `json:"allow,omitempty"`
	// Deny lists terms to flag in addition to the word lists.
	Deny []Term `json:"deny,omitempty"`
}

// Tenants holds every tenant's lists and policy. It is immutable after
// construction (compiled lists are cached as they are first needed) and
// safe for concurrent use.
type Tenants struct {
	byID  map[string]*tenant
	base  *tenant  // for requests without a configured tenant
	cache sync.Map // tenant id + "\x00" + language -> *tenantLists
}

type tenant struct {
	id          string // "" for base
	policy      Policy // complete: merged over the global and default policies
	allow, deny []Term // the global tenant's included
}

// tenantLists are a tenant's terms for one language, compiled with the
// profile of that language's word list.
type tenantLists struct {
	allow, deny *compiled
}

// NoTenants is the Tenants of a deployment without tenant files: the
// default policy for everyone.
func NoTenants() *Tenants {
	ts, _ := NewTenants(nil)
	return ts
}

// NewTenants validates configs (tenant id -> settings; GlobalTenant for
// the shared ones).
func NewTenants(configs map[string]TenantConfig) (*Tenants, error) {
	global := configs[GlobalTenant]
	if err := validateConfig(GlobalTenant, &global); err != nil {
		return nil, err
	}
	basePolicy := DefaultPolicy().merge(global.Policy)
	ts := &Tenants{
		byID: map[string]*tenant{},
		base: &tenant{policy: basePolicy, allow: global.Allow, deny: global.Deny},
	}
	for id, cfg := range configs {
		if id == GlobalTenant {
			continue
		}
		if !tenantID.MatchString(id) {
			return nil, fmt.Errorf("tenant id %q: must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", id)
		}
		if err := validateConfig(id, &cfg); err != nil {
			return nil, err
		}
		ts.byID[id] = &tenant{
			id:     id,
			policy: basePolicy.merge(cfg.Policy),
			allow:  append(slices.Clip(global.Allow), cfg.Allow...),
			deny:   append(slices.Clip(global.Deny), cfg.Deny...),
		}
	}
	return ts, nil
}

func validateConfig(id string, cfg *TenantConfig) error {
	cfg.Allow, cfg.Deny = slices.Clone(cfg.Allow), slices.Clone(cfg.Deny)
	if cfg.Policy != nil {
		if err := cfg.Policy.validate(); err != nil {
			return fmt.Errorf("tenant %s: %w", id, err)
		}
	}
	check := func(list string, terms []Term) error {
		for i := range terms {
			t := &terms[i]
			t.Term = strings.TrimSpace(t.Term)
			t.Lang = strings.TrimSpace(t.Lang)
			t.origin = id
			if t.Term == "" {
				return fmt.Errorf("tenant %s: %s term %d is empty", id, list, i+1)
			}
			if t.Lang != "" && t.Lang != "*" {
				tag, err := language.Parse(strings.ReplaceAll(t.Lang, "_", "-"))
				if err != nil || tag == language.Und {
					return fmt.Errorf("tenant %s: %s term %q: lang %q is not a language tag", id, list, t.Term, t.Lang)
				}
				base, _ := tag.Base()
				t.Lang = base.String()
			}
			if list == "allow" {
				continue
			}
			if t.Severity == "" {
				t.Severity = lexicon.DefaultGrade.Severity
			}
			if api.SeverityRank(t.Severity) == 0 {
				return fmt.Errorf("tenant %s: deny term %q: severity %q is not low, medium or high", id, t.Term, t.Severity)
			}
			if t.Category == "" {
				t.Category = lexicon.DefaultGrade.Category
			}
		}
		return nil
	}
	if err := check("allow", cfg.Allow); err != nil {
		return err
	}
	return check("deny", cfg.Deny)
}

// IDs lists the configured tenants.
func (ts *Tenants) IDs() []string {
	ids := slices.Collect(maps.Keys(ts.byID))
	slices.Sort(ids)
	return ids
}

// Policy is the complete policy of a tenant ("" or an unknown tenant: the
// global one).
func (ts *Tenants) Policy(id string) Policy { return ts.lookup(id).policy }

func (ts *Tenants) lookup(id string) *tenant {
	if t := ts.byID[id]; t != nil {
		return t
	}
	return ts.base
}

// lists returns the tenant's terms for a base language ("und" for none),
// compiled with the profile p of the word list that serves it; nil when
// the tenant has none.
func (ts *Tenants) lists(t *tenant, lang string, p profile) *tenantLists {
	if len(t.allow) == 0 && len(t.deny) == 0 {
		return nil
	}
	k := t.id + "\x00" + lang
	if v, ok := ts.cache.Load(k); ok {
		return v.(*tenantLists)
	}
	pick := func(terms []Term) []entry {
		var out []entry
		for _, term := range terms {
			if term.Lang == "" || term.Lang == "*" || term.Lang == lang {
				out = append(out, entry{text: term.Term, severity: term.Severity, category: term.Category, detector: "tenant:" + term.origin})
			}
		}
		return out
	}
	name := "tenant:" + t.id
	tl := &tenantLists{}
	if e := pick(t.deny); len(e) > 0 {
		tl.deny = compile(name, p, e)
	}
	if e := pick(t.allow); len(e) > 0 {
		tl.allow = compile(name, p, e)
	}
	v, _ := ts.cache.LoadOrStore(k, tl)
	return v.(*tenantLists)
}

// LoadTenants reads SAFETY_TENANT_LISTS: a JSON or CSV file, or a directory
// whose *.json and *.csv files (other files are ignored) are merged in
// name order. A tenant's lists may come from several files; its policy
// from one only.
//
// JSON maps tenant ids to TenantConfig:
//
//	{"acme": {"policy": {"action": "mask", "categories": {"pii": "mask"}},
//	          "allow": ["Scunthorpe", {"term": "cock", "lang": "en"}],
//	          "deny": [{"term": "frak", "severity": "low"}]},
//	 "*": {"deny": [{"term": "examplecorp sucks", "category": "profanity"}]}}
//
// CSV has a header naming its columns: tenant, list (allow or deny) and
// term are required; lang, severity and category are optional. Lines
// starting with "#" are comments.
func LoadTenants(path string) (*Tenants, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("tenant lists: %w", err)
	}
	files := []string{path}
	if fi.IsDir() {
		des, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("tenant lists: %w", err)
		}
		files = files[:0]
		for _, de := range des {
			ext := strings.ToLower(filepath.Ext(de.Name()))
			if !de.IsDir() && (ext == ".json" || ext == ".csv") {
				files = append(files, filepath.Join(path, de.Name()))
			}
		}
		sort.Strings(files)
	}
	merged := map[string]TenantConfig{}
	policyFrom := map[string]string{}
	for _, f := range files {
		configs, err := readTenantFile(f)
		if err != nil {
			return nil, err
		}
		for id, cfg := range configs {
			m := merged[id]
			if cfg.Policy != nil {
				if prev, dup := policyFrom[id]; dup {
					return nil, fmt.Errorf("tenant lists: tenant %s has a policy in both %s and %s", id, prev, f)
				}
				policyFrom[id] = f
				m.Policy = cfg.Policy
			}
			m.Allow = append(m.Allow, cfg.Allow...)
			m.Deny = append(m.Deny, cfg.Deny...)
			merged[id] = m
		}
	}
	ts, err := NewTenants(merged)
	if err != nil {
		return nil, fmt.Errorf("tenant lists %s: %w", path, err)
	}
	return ts, nil
}

func readTenantFile(name string) (map[string]TenantConfig, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("tenant lists: %w", err)
	}
	defer f.Close()
	var configs map[string]TenantConfig
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".json":
		configs, err = ParseTenantsJSON(f)
	case ".csv":
		configs, err = ParseTenantsCSV(f)
	default:
		return nil, fmt.Errorf("tenant lists %s: want a .json or .csv file", name)
	}
	if err != nil {
		return nil, fmt.Errorf("tenant lists %s: %w", name, err)
	}
	return configs, nil
}

// ParseTenantsJSON reads the JSON form (see LoadTenants). Unknown fields
// are errors: a misspelt "alow" must not silently allow nothing.
func ParseTenantsJSON(r io.Reader) (map[string]TenantConfig, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var configs map[string]TenantConfig
	if err := dec.Decode(&configs); err != nil {
		return nil, fmt.Errorf("parse JSON: %w", err)
	}
	return configs, nil
}

// ParseTenantsCSV reads the CSV form (see LoadTenants).
func ParseTenantsCSV(r io.Reader) (map[string]TenantConfig, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read CSV header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch h {
		case "tenant", "list", "lang", "term", "severity", "category":
		default:
			return nil, fmt.Errorf("CSV column %q is not one of tenant, list, lang, term, severity, category", h)
		}
		col[h] = i
	}
	for _, need := range []string{"tenant", "list", "term"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("CSV header lacks the %q column", need)
		}
	}
	configs := map[string]TenantConfig{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return configs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		field := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		id := field("tenant")
		t := Term{Term: field("term"), Lang: field("lang"), Severity: field("severity"), Category: field("category")}
		cfg := configs[id]
		switch strings.ToLower(field("list")) {
		case "allow":
			cfg.Allow = append(cfg.Allow, t)
		case "deny":
			cfg.Deny = append(cfg.Deny, t)
		default:
			return nil, fmt.Errorf("CSV line %d: list %q is not allow or deny", line, field("list"))
		}
		configs[id] = cfg
	}
}

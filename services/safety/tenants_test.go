package safety

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
)

const tenantsJSON = `{
  "*": {
    "policy": {"min_severity": "low"},
    "deny": [{"term": "examplecorp sucks", "severity": "low"}]
  },
  "poultry": {
    "policy": {"action": "mask", "categories": {"pii": "mask"}, "mask_char": "#"},
    "allow": ["cock", {"term": "cocks", "lang": "en"}]
  },
  "acme": {
    "policy": {"action": "flag", "min_severity": "medium", "flag_deltas": false},
    "allow": ["Dick Van Dyke"],
    "deny": [
      {"term": "frak", "severity": "high", "category": "profanity"},
      {"term": "gorram", "lang": "en-US", "severity": "medium"},
      {"term": "Mistkerl", "lang": "de"}
    ]
  }
}`

const tenantsCSV = `tenant,list,lang,term,severity,category
# comment lines are skipped
acme,deny,fr,saperlipopette,low,profanity
games,allow,en,kill,,
games,deny,,n00b,low,hate
`

// writeTenantFiles writes the JSON and CSV fixtures into a new directory.
func writeTenantFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"a.json": tenantsJSON, "b.csv": tenantsCSV, "README.md": "not read"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func tenantChecker(t *testing.T) *Checker {
	t.Helper()
	ts, err := LoadTenants(writeTenantFiles(t))
	if err != nil {
		t.Fatalf("LoadTenants: %v", err)
	}
	lists, err := lexicon.Lists()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Lists: lists, Tenants: ts})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadTenants(t *testing.T) {
	ts, err := LoadTenants(writeTenantFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ts.IDs(), ","); got != "acme,games,poultry" {
		t.Errorf("tenants = %s", got)
	}
	acme := ts.lookup("acme")
	if len(acme.deny) != 5 { // the global term, three from JSON, one from CSV
		t.Errorf("acme deny = %+v", acme.deny)
	}
	for _, d := range acme.deny {
		if d.Term == "gorram" && d.Lang != "en" {
			t.Errorf("lang of %q = %q, want its base en", d.Term, d.Lang)
		}
		if d.Term == "Mistkerl" && (d.Severity != "medium" || d.Category != api.CategoryProfanity) {
			t.Errorf("default grade of %q = %s/%s", d.Term, d.Severity, d.Category)
		}
	}

	tests := []struct {
		tenant string
		want   Policy
	}{
		{"", Policy{Action: api.PolicyFlag, MinSeverity: api.SeverityLow, MaskChar: "*"}},
		{"unknown-tenant", Policy{Action: api.PolicyFlag, MinSeverity: api.SeverityLow, MaskChar: "*"}},
		{"poultry", Policy{Action: api.PolicyMask, MinSeverity: api.SeverityLow, MaskChar: "#"}},
		{"acme", Policy{Action: api.PolicyFlag, MinSeverity: api.SeverityMedium, MaskChar: "*"}},
	}
	for _, tt := range tests {
		p := ts.Policy(tt.tenant)
		if p.Action != tt.want.Action || p.MinSeverity != tt.want.MinSeverity || p.MaskChar != tt.want.MaskChar {
			t.Errorf("policy of %q = %+v, want %+v", tt.tenant, p, tt.want)
		}
	}
	if p := ts.Policy("poultry"); p.action(api.CategoryPII) != api.PolicyMask || p.action(api.CategoryHate) != api.PolicyMask {
		t.Errorf("poultry category actions = %v", p.Categories)
	}
	if p := ts.Policy("acme"); p.action(api.CategoryPII) != api.PolicyAllow || *p.FlagDeltas {
		t.Errorf("acme: pii %s, flag deltas %v", p.action(api.CategoryPII), *p.FlagDeltas)
	}
}

func TestLoadTenantsSingleFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if ts, err := LoadTenants(write("t.json", tenantsJSON)); err != nil || len(ts.IDs()) != 2 {
		t.Errorf("JSON file: %v %v", ts, err)
	}
	if ts, err := LoadTenants(write("t.csv", tenantsCSV)); err != nil || len(ts.IDs()) != 2 {
		t.Errorf("CSV file: %v %v", ts, err)
	}
}

func TestLoadTenantsErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // in the error
	}{
		{"unknown JSON field", map[string]string{"a.json": `{"acme": {"alow": ["x"]}}`}, `unknown field "alow"`},
		{"bad action", map[string]string{"a.json": `{"acme": {"policy": {"action": "block"}}}`}, `"block" is not allow, mask, flag or review`},
		{"bad category action", map[string]string{"a.json": `{"acme": {"policy": {"categories": {"pii": "hide"}}}}`}, `"hide"`},
		{"bad min severity", map[string]string{"a.json": `{"acme": {"policy": {"min_severity": "none"}}}`}, `min_severity`},
		{"mask char of two graphemes", map[string]string{"a.json": `{"acme": {"policy": {"mask_char": "**"}}}`}, `mask_char`},
		{"blank mask char", map[string]string{"a.json": `{"acme": {"policy": {"mask_char": " "}}}`}, `mask_char`},
		{"bad tenant id", map[string]string{"a.json": `{"acme corp": {}}`}, `tenant id "acme corp"`},
		{"empty term", map[string]string{"a.json": `{"acme": {"deny": [""]}}`}, `deny term 1 is empty`},
		{"bad lang", map[string]string{"a.json": `{"acme": {"deny": [{"term": "x", "lang": "english!"}]}}`}, `not a language tag`},
		{"bad severity", map[string]string{"a.json": `{"acme": {"deny": [{"term": "x", "severity": "extreme"}]}}`}, `severity "extreme"`},
		{"policy twice", map[string]string{"a.json": `{"acme": {"policy": {"action": "mask"}}}`, "b.json": `{"acme": {"policy": {"action": "flag"}}}`}, `policy in both`},
		{"CSV unknown column", map[string]string{"a.csv": "tenant,list,term,colour\n"}, `column "colour"`},
		{"CSV missing column", map[string]string{"a.csv": "tenant,term\n"}, `lacks the "list" column`},
		{"CSV bad list", map[string]string{"a.csv": "tenant,list,term\nacme,block,x\n"}, `line 2: list "block"`},
		{"CSV without tenant", map[string]string{"a.csv": "tenant,list,term\n,deny,x\n"}, `tenant id ""`},
		{"broken JSON", map[string]string{"a.json": `{"acme": `}, `parse JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			_, err := LoadTenants(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %s", err, tt.want)
			}
		})
	}
	if _, err := LoadTenants(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("a missing path loaded")
	}
	odd := filepath.Join(t.TempDir(), "lists.yaml")
	if err := os.WriteFile(odd, []byte("x: y"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadTenants(odd); err == nil || !strings.Contains(err.Error(), ".json or .csv") {
		t.Errorf("yaml file: %v", err)
	}
}

func TestTenantLists(t *testing.T) {
	c := tenantChecker(t)
	tests := []struct {
		name, tenant, lang, text string
		flagged                  []string // span text/detector
	}{
		{"no tenant: word list", "", "en", "a cock and a bull", []string{"cock/ldnoobw:en"}},
		{"allowed word", "poultry", "en", "a cock and two cocks", nil},
		{"allowed word is still obfuscation-proof", "poultry", "en", "a c0ck", nil},
		{"allowed word masked or spelled out", "poultry", "en", "a c*ck, a c o c k", nil},
		{"denied term masked or spelled out", "acme", "en", "fr*k, f r a k", []string{"fr*k/tenant:acme", "f r a k/tenant:acme"}},
		{"allow covers only its word", "poultry", "en", "cock, shit", []string{"shit/ldnoobw:en"}},
		{"allowed phrase covers the entry inside", "acme", "en", "Dick Van Dyke sang, what a dick", []string{"dick/ldnoobw:en"}},
		{"deny list adds a term", "acme", "en", "oh frak", []string{"frak/tenant:acme"}},
		{"deny matching is normalized", "acme", "en", "FR4AK fraaaak fr\u0430k", []string{"fraaaak/tenant:acme", "fr\u0430k/tenant:acme"}},
		{"language-specific term in its language", "acme", "en-US", "gorram it", []string{"gorram/tenant:acme"}},
		{"language-specific term in another language", "acme", "es", "gorram", nil},
		{"term from the CSV", "acme", "fr", "saperlipopette !", []string{"saperlipopette/tenant:acme"}},
		{"German term", "acme", "de", "du Mistkerl", []string{"Mistkerl/tenant:acme"}},
		{"global deny applies to everyone", "", "en", "examplecorp sucks", []string{"examplecorp sucks/tenant:*"}},
		{"global deny applies to tenants", "acme", "en", "examplecorp sucks", []string{"examplecorp sucks/tenant:*"}},
		{"unknown tenant gets the global lists", "nobody", "en", "examplecorp sucks, frak", []string{"examplecorp sucks/tenant:*"}},
		{"term in a language without a list", "games", "sw", "wewe ni n00b", []string{"n00b/tenant:games"}},
		{"allowed in a game", "games", "en", "kill it", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: tt.text, SourceLang: tt.lang, Tenant: tt.tenant})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range resp.Source.Spans {
				got = append(got, s.Text+"/"+s.Detector)
			}
			if strings.Join(got, "|") != strings.Join(tt.flagged, "|") {
				t.Errorf("flagged %q, want %q", got, tt.flagged)
			}
		})
	}
}

func TestTenantValidation(t *testing.T) {
	c := checker(t)
	for _, id := range []string{"acme corp", "-acme", strings.Repeat("a", 65), "acme/../x", "*"} {
		_, err := c.Check(context.Background(), &api.SafetyRequest{Source: "hi", SourceLang: "en", Tenant: id})
		if e := api.AsError(err); e == nil || e.Code != api.CodeInvalidArgument || e.Field != "tenant" {
			t.Errorf("tenant %q: err = %v", id, err)
		}
	}
	for _, id := range []string{"", "acme", "Acme_Corp-2.eu"} {
		if _, err := c.Check(context.Background(), &api.SafetyRequest{Source: "hi", SourceLang: "en", Tenant: id}); err != nil {
			t.Errorf("tenant %q: %v", id, err)
		}
	}
}

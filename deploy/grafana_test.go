package deploy_test

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// registeredFamilies collects the metric families Parley's code registers:
// every `Name: "parley_..."` and `NewDesc("parley_..."` (a collector's,
// such as moderation's queue) in the non-test Go files of shared/ and
// services/, plus the Go and process collectors every process registers.
// Reading the source (instead of importing every service) keeps this module
// free of the services' dependencies; the suite's TestOperations checks the
// same dashboard against a live /metrics.
func registeredFamilies(t *testing.T) map[string]bool {
	t.Helper()
	nameRE := regexp.MustCompile(`(?:Name:\s*|NewDesc\()"(parley_[a-z0-9_]+)"`)
	out := map[string]bool{
		"go_goroutines": true, "go_memstats_alloc_bytes": true, "go_gc_duration_seconds": true,
		"process_resident_memory_bytes": true, "process_cpu_seconds_total": true, "process_open_fds": true,
	}
	for _, dir := range []string{filepath.Join("..", "shared"), filepath.Join("..", "services")} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range nameRE.FindAllSubmatch(src, -1) {
				out[string(m[1])] = true
			}
			return nil
		})
		if err != nil {
			t.Fatalf("scan %s: %v", dir, err)
		}
	}
	return out
}

// dashboard is the part of a Grafana dashboard the test reads.
type dashboard struct {
	UID    string  `json:"uid"`
	Title  string  `json:"title"`
	Panels []panel `json:"panels"`
}

type panel struct {
	ID      int     `json:"id"`
	Type    string  `json:"type"`
	Title   string  `json:"title"`
	Panels  []panel `json:"panels"` // a collapsed row's panels
	Targets []struct {
		Expr string `json:"expr"`
	} `json:"targets"`
}

func (p panel) all() []panel {
	out := []panel{p}
	for _, c := range p.Panels {
		out = append(out, c.all()...)
	}
	return out
}

// metricName finds metric names in PromQL: identifiers that are not
// functions, keywords or label names. Parley's, Go's and the process
// collector's families are the only ones the dashboard may use.
var metricName = regexp.MustCompile(`\b(?:parley|go|process)_[a-z0-9_]+\b`)

// family folds histogram and summary series into their family name.
func family(name string, known map[string]bool) string {
	if known[name] {
		return name
	}
	for _, suf := range []string{"_bucket", "_sum", "_count"} {
		if base := strings.TrimSuffix(name, suf); base != name && known[base] {
			return base
		}
	}
	return name
}

// TestGrafanaDashboard parses deploy/grafana/parley.json and checks that
// every PromQL expression names only metric families the services register,
// that panel ids are unique, and that the provisioning files point Grafana
// at the dashboard.
func TestGrafanaDashboard(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("grafana", "parley.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("dashboard is not valid JSON: %v", err)
	}
	if d.UID == "" || d.Title == "" || len(d.Panels) == 0 {
		t.Fatalf("dashboard without uid, title or panels: %q %q %d", d.UID, d.Title, len(d.Panels))
	}
	known := registeredFamilies(t)
	if !known["parley_http_requests_total"] || !known["parley_service_requests_total"] {
		t.Fatalf("the source scan found too little: %v", slices.Sorted(maps.Keys(known)))
	}
	ids := map[int]bool{}
	queries := 0
	used := map[string]bool{}
	for _, top := range d.Panels {
		for _, p := range top.all() {
			if ids[p.ID] {
				t.Errorf("panel id %d used twice", p.ID)
			}
			ids[p.ID] = true
			if p.Type != "row" && len(p.Targets) == 0 {
				t.Errorf("panel %q has no query", p.Title)
			}
			for _, tg := range p.Targets {
				queries++
				if strings.Count(tg.Expr, "(") != strings.Count(tg.Expr, ")") || strings.Count(tg.Expr, "{") != strings.Count(tg.Expr, "}") {
					t.Errorf("panel %q: unbalanced expression %q", p.Title, tg.Expr)
				}
				names := metricName.FindAllString(tg.Expr, -1)
				if len(names) == 0 {
					t.Errorf("panel %q: expression %q names no metric", p.Title, tg.Expr)
				}
				for _, n := range names {
					f := family(n, known)
					if !known[f] {
						t.Errorf("panel %q queries %s, which no service registers", p.Title, n)
					}
					used[f] = true
				}
			}
		}
	}
	t.Logf("%d panels, %d queries over %d families", len(ids), queries, len(used))

	// The provisioning files must be valid YAML and name the dashboard's
	// directory and a Prometheus data source.
	var prov struct {
		Providers []struct {
			Type    string `yaml:"type"`
			Options struct {
				Path string `yaml:"path"`
			} `yaml:"options"`
		} `yaml:"providers"`
	}
	readYAML(t, filepath.Join("grafana", "provisioning", "dashboards", "parley.yaml"), &prov)
	if len(prov.Providers) != 1 || prov.Providers[0].Type != "file" || prov.Providers[0].Options.Path == "" {
		t.Errorf("dashboard provisioning: %+v", prov)
	}
	var ds struct {
		Datasources []struct {
			Type string `yaml:"type"`
			URL  string `yaml:"url"`
		} `yaml:"datasources"`
	}
	readYAML(t, filepath.Join("grafana", "provisioning", "datasources", "prometheus.yaml"), &ds)
	if len(ds.Datasources) != 1 || ds.Datasources[0].Type != "prometheus" || ds.Datasources[0].URL == "" {
		t.Errorf("data source provisioning: %+v", ds)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

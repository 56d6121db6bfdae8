package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-chat/parley/quality"
)

// TestCompareDefaultName: two reports of the same config are named by
// their files' base names in the default output name, without folders or
// ".json"; two files of the same name get their folders' names too.
func TestCompareDefaultName(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, hyp string) string {
		t.Helper()
		segs := []quality.SegmentResult{
			{ID: "s1", SourceLang: "en", TargetLang: "es", Source: "Good morning", References: []string{"Buenos días"}, Hypothesis: hyp},
			{ID: "s2", SourceLang: "en", TargetLang: "es", Source: "Thank you", References: []string{"Gracias"}, Hypothesis: "Gracias"},
		}
		rep := quality.Report{Version: quality.ReportVersion, CreatedAt: time.Now().UTC(),
			Runs: []*quality.Run{{Config: quality.Config{Name: "default"}, Summary: quality.Summarize(segs), Segments: segs}}}
		data, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seed := write("reports/seed.json", "Buenos días")
	seed2 := write("reports/seed2.json", "Buen día")
	other := write("before/seed.json", "Hola")
	tests := []struct {
		base, sys, want string
	}{
		{seed, seed2, "compare-seed-seed2"},
		{seed + "#default", seed2 + "#default", "compare-seed-default-seed2-default"},
		{other, seed, "compare-before-seed-reports-seed"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			if err := compareCmd([]string{"-samples", "50", "-out", out, tt.base, tt.sys}, &stdout, &stderr); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			for _, ext := range []string{".json", ".html"} {
				if _, err := os.Stat(filepath.Join(out, tt.want+ext)); err != nil {
					entries, _ := os.ReadDir(out)
					t.Errorf("%s%s not written (%v); the folder has %v", tt.want, ext, err, entries)
				}
			}
		})
	}
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/registry"
)

func TestRegistryCLI(t *testing.T) {
	srv := natstest.RunServer(t)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	// segs lists n segments served by backend/model (per-segment results
	// tell the registry which engine the scores are of).
	segs := func(n int, status, backend, model string) string {
		one := fmt.Sprintf(`{"status":%q,"backend":%q,"model":%q}`, status, backend, model)
		return strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	}
	if err := os.WriteFile(report, []byte(`{"version":1,"created_at":"2026-11-01T10:00:00Z",
	 "test_set":{"name":"seed","segments":120},
	 "runs":[
	  {"config":{"name":"qwen7b"},"summary":{"segments":120,"translated":118,"chrf":{"score":55.1},"bleu":{"score":28.3},
	    "latency_ms":{"p90":900},"by_pair":[{"key":"en-es","segments":120,"chrf":55.1,"bleu":28.3}]},
	    "segments":[`+segs(118, "translated", "ollama", "qwen2.5:7b")+`,`+segs(2, "original", "none", "")+`]},
	  {"config":{"name":"tiny"},"summary":{"segments":120,"translated":90,"chrf":{"score":31},"bleu":{"score":9},
	    "latency_ms":{"p90":300},"by_pair":[{"key":"en-es","segments":120,"chrf":31,"bleu":9}]},
	    "segments":[`+segs(90, "translated", "ollama", "tiny:1b")+`,`+segs(30, "original", "none", "")+`]},
	  {"config":{"name":"down"},"summary":{"segments":31,"translated":31,"chrf":{"score":58.8},"bleu":{"score":30},
	    "latency_ms":{"p90":40},"by_pair":[{"key":"en-es","segments":31,"chrf":58.8,"bleu":30}]},
	    "segments":[`+segs(20, "translated", "apertium", "eng-spa")+`,`+segs(11, "translated", "apertium", "eng-cat")+`]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"NATS_URL": srv.ClientURL()}
	env := func(k string) string { return vars[k] }
	run := func(wantCode int, args ...string) (string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := runRegistry(t.Context(), args, env, &out, &errOut); code != wantCode {
			t.Fatalf("%v: exit %d, want %d\nstdout: %s\nstderr: %s", args, code, wantCode, out.String(), errOut.String())
		}
		return out.String(), errOut.String()
	}
	run(0, "add", "-languages", "en,es", "-report", report, "-run", "qwen7b", "ollama/qwen2.5:7b@1")
	run(0, "add", "-languages", "en,es", "-report", report, "-run", "tiny", "ollama/tiny:1b@1")
	run(0, "add", "-languages", "en,es", "prompt:*/chat-translate@2")
	run(1, "add", "-languages", "en,es", "ollama/qwen2.5:7b@1")        // already registered
	run(1, "add", "-languages", "en", "-report", report, "ollama/x@1") // three runs, none named

	// The model was not running when it was evaluated: Apertium served
	// every segment. It is added (with a warning) but never promoted on
	// Apertium's scores, however loose the thresholds.
	_, stderr := run(0, "add", "-languages", "en,es", "-report", report, "-run", "down", "ollama/qwen2.5:7b@2025-02")
	if !strings.Contains(stderr, "warning") || !strings.Contains(stderr, "apertium 31") {
		t.Errorf("add of another engine's scores: no warning:\n%s", stderr)
	}
	_, stderr = run(1, "promote", "-to", "production", "--thresholds", `{"min_segments":10}`, "ollama/qwen2.5:7b@2025-02")
	if !strings.Contains(stderr, "no evaluated segment was translated by ollama/qwen2.5:7b (served by: apertium 31)") {
		t.Errorf("promotion on another engine's scores:\n%s", stderr)
	}
	run(1, "promote", "-to", "canary", "--thresholds", `{"min_segments":0,"min_chrf":0,"min_pair_chrf":0,"min_translated":0}`, "ollama/qwen2.5:7b@2025-02")

	// Versions the routing could never use are refused when added.
	for _, tt := range []struct {
		code int
		args []string
		want string
	}{
		{1, []string{"add", "-languages", "en,es", "bogus/m@8"}, `backend "bogus": want ollama or openai`},
		{2, []string{"add", "-languages", "en,es", "foo:openai/m@9"}, `kind "foo"`},
		{1, []string{"add", "-languages", "en,es", "openai/a\x01b@5"}, "control characters"},
		{1, []string{"add", "-languages", "en", "openai/solo@1"}, "at least two"},
	} {
		if _, stderr := run(tt.code, tt.args...); !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: stderr lacks %q:\n%s", tt.args, tt.want, stderr)
		}
	}

	// A partial or empty thresholds document keeps the other defaults:
	// the weak version (chrF 31) stays refused.
	for _, th := range []string{`{"min_segments":10}`, `{}`} {
		if _, stderr := run(1, "promote", "-to", "canary", "-percent", "10", "--thresholds", th, "ollama/tiny:1b@1"); !strings.Contains(stderr, "chrF 31.00 below 40.00") {
			t.Errorf("thresholds %s:\n%s", th, stderr)
		}
	}
	vars["PARLEY_REGISTRY_THRESHOLDS"] = `{}`
	run(1, "promote", "-to", "canary", "ollama/tiny:1b@1")
	delete(vars, "PARLEY_REGISTRY_THRESHOLDS")
	// Nonsense is a usage error, before anything is written.
	for _, args := range [][]string{
		{"promote", "-to", "canary", "--thresholds", `{"min_segments":-10,"min_chrf":-1}`, "ollama/tiny:1b@1"},
		{"promote", "-to", "canary", "--thresholds", `{"min_translated":90}`, "ollama/tiny:1b@1"},
		{"promote", "-to", "canary", "--thresholds", `{"min_chrf":10}{"min_chrf":0}`, "ollama/tiny:1b@1"},
		{"promote", "-to", "canary", "-percent", "0", "ollama/qwen2.5:7b@1"},
		{"promote", "-to", "canary", "-percent", "-5", "ollama/qwen2.5:7b@1"},
		{"promote", "-to", "canary", "-percent", "101", "ollama/qwen2.5:7b@1"},
		{"list", "extra"},
		{"retire", "ollama/qwen2.5:7b@1", "ollama/tiny:1b@1"},
	} {
		run(2, args...)
	}
	if out, _ := run(0, "list", "-json"); !strings.Contains(out, `"status": "candidate"`) || strings.Contains(out, `"status": "canary"`) {
		t.Errorf("a refused command changed the registry:\n%s", out)
	}

	_, stderr = run(1, "promote", "-to", "production", "ollama/tiny:1b@1")
	if !strings.Contains(stderr, "refused") || !strings.Contains(stderr, "chrF 31.00 below 40.00") || !strings.Contains(stderr, "translated 90 of 120") {
		t.Errorf("refusal:\n%s", stderr)
	}
	_, stderr = run(1, "promote", "-to", "canary", "prompt:*/chat-translate@2")
	if !strings.Contains(stderr, "no offline evaluation") {
		t.Errorf("prompt refusal:\n%s", stderr)
	}
	// Flags may follow REF.
	out, _ := run(0, "promote", "ollama/qwen2.5:7b@1", "-to", "canary", "-percent", "10")
	if !strings.Contains(out, "canary for 10 % of conversations") {
		t.Errorf("canary: %s", out)
	}
	run(0, "promote", "-to", "production", "-reason", "passed seed eval", "ollama/qwen2.5:7b@1")
	// Stricter thresholds inline refuse the same version.
	run(1, "promote", "-to", "production", "-thresholds", `{"min_chrf": 60}`, "ollama/qwen2.5:7b@1")
	out, _ = run(0, "list")
	for _, want := range []string{"qwen2.5:7b", "production", "55.10", "candidate", "chat-translate"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	run(0, "retire", "-reason", "replaced", "ollama/qwen2.5:7b@1")
	out, _ = run(0, "list", "-json")
	if !strings.Contains(out, `"status": "retired"`) || !strings.Contains(out, `"reason": "passed seed eval"`) {
		t.Errorf("json list:\n%s", out)
	}
	run(2, "promote", "-to", "production", "no-at-sign")
	run(2, "promote", "-to", "everywhere", "ollama/qwen2.5:7b@1")
	run(2, "frobnicate")
}

func TestReadThresholds(t *testing.T) {
	d := registry.DefaultThresholds
	file := filepath.Join(t.TempDir(), "th.json")
	if err := os.WriteFile(file, []byte(`{"min_chrf": 50}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		spec    string
		want    registry.Thresholds
		wantErr bool
	}{
		{"empty keeps the defaults", `{}`, d, false},
		{"one field keeps the others", `{"min_segments": 10}`,
			registry.Thresholds{MinSegments: 10, MinChrF: d.MinChrF, MinPairChrF: d.MinPairChrF, MinTranslated: d.MinTranslated}, false},
		{"an explicit 0 turns a gate off", `{"min_chrf": 0}`,
			registry.Thresholds{MinSegments: d.MinSegments, MinPairChrF: d.MinPairChrF, MinTranslated: d.MinTranslated}, false},
		{"from a file", file,
			registry.Thresholds{MinSegments: d.MinSegments, MinChrF: 50, MinPairChrF: d.MinPairChrF, MinTranslated: d.MinTranslated}, false},
		{"negative", `{"min_segments": -10, "min_chrf": -1}`, registry.Thresholds{}, true},
		{"unknown field", `{"min_chrff": 10}`, registry.Thresholds{}, true},
		{"two documents", `{} {}`, registry.Thresholds{}, true},
		{"missing file", filepath.Join(t.TempDir(), "nope.json"), registry.Thresholds{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readThresholds(tt.spec)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

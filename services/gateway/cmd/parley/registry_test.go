package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/natstest"
)

func TestRegistryCLI(t *testing.T) {
	srv := natstest.RunServer(t)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	if err := os.WriteFile(report, []byte(`{"version":1,"created_at":"2026-11-01T10:00:00Z",
	 "test_set":{"name":"seed","segments":120},
	 "runs":[
	  {"config":{"name":"qwen7b"},"summary":{"segments":120,"translated":118,"chrf":{"score":55.1},"bleu":{"score":28.3},
	    "latency_ms":{"p90":900},"by_pair":[{"key":"en-es","segments":120,"chrf":55.1,"bleu":28.3}]}},
	  {"config":{"name":"tiny"},"summary":{"segments":120,"translated":90,"chrf":{"score":31},"bleu":{"score":9},
	    "latency_ms":{"p90":300},"by_pair":[{"key":"en-es","segments":120,"chrf":31,"bleu":9}]}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "NATS_URL" {
			return srv.ClientURL()
		}
		return ""
	}
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
	run(1, "add", "-languages", "en", "ollama/qwen2.5:7b@1")           // already registered
	run(1, "add", "-languages", "en", "-report", report, "ollama/x@1") // two runs, none named

	_, stderr := run(1, "promote", "-to", "production", "ollama/tiny:1b@1")
	if !strings.Contains(stderr, "refused") || !strings.Contains(stderr, "chrF 31.00 below 40.00") || !strings.Contains(stderr, "translated 90 of 120") {
		t.Errorf("refusal:\n%s", stderr)
	}
	_, stderr = run(1, "promote", "-to", "canary", "prompt:*/chat-translate@2")
	if !strings.Contains(stderr, "no offline evaluation") {
		t.Errorf("prompt refusal:\n%s", stderr)
	}
	out, _ := run(0, "promote", "-to", "canary", "-percent", "10", "ollama/qwen2.5:7b@1")
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

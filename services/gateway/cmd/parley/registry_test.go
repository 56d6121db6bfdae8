package main

import (
	"bytes"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/registry"
)

func TestRegistryCLI(t *testing.T) {
	srv := natstest.RunServer(t)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	// segs lists n segments of a pair (source-target) served by
	// backend/model with a prompt (id@version, or ""): per-segment results
	// tell the registry which engine and prompt the scores are of.
	segs := func(n int, pair, status, backend, model, prompt string) string {
		src, tgt, _ := strings.Cut(pair, "-")
		p := ""
		if id, v, ok := strings.Cut(prompt, "@"); ok {
			p = fmt.Sprintf(`,"prompt_id":%q,"prompt_version":%s`, id, v)
		}
		one := fmt.Sprintf(`{"source_lang":%q,"target_lang":%q,"status":%q,"backend":%q,"model":%q%s}`, src, tgt, status, backend, model, p)
		return strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	}
	if err := os.WriteFile(report, []byte(`{"version":1,"created_at":"2026-11-01T10:00:00Z",
	 "test_set":{"name":"seed","segments":120},
	 "runs":[
	  {"config":{"name":"qwen7b"},"summary":{"segments":120,"translated":118,"chrf":{"score":55.1},"bleu":{"score":28.3},
	    "latency_ms":{"p90":900},"by_pair":[{"key":"en-es","segments":60,"chrf":56,"bleu":29},{"key":"es-en","segments":60,"chrf":54.2,"bleu":27.6}]},
	    "segments":[`+segs(60, "en-es", "translated", "ollama", "qwen2.5:7b", "chat-translate@4")+`,`+segs(58, "es-en", "translated", "ollama", "qwen2.5:7b", "chat-translate@4")+`,`+segs(2, "es-en", "original", "none", "", "")+`]},
	  {"config":{"name":"tiny"},"summary":{"segments":120,"translated":90,"chrf":{"score":31},"bleu":{"score":9},
	    "latency_ms":{"p90":300},"by_pair":[{"key":"en-es","segments":60,"chrf":31,"bleu":9},{"key":"es-en","segments":60,"chrf":31,"bleu":9}]},
	    "segments":[`+segs(45, "en-es", "translated", "ollama", "tiny:1b", "chat-translate@4")+`,`+segs(45, "es-en", "translated", "ollama", "tiny:1b", "chat-translate@4")+`,`+segs(30, "en-es", "original", "none", "", "")+`]},
	  {"config":{"name":"down"},"summary":{"segments":31,"translated":31,"chrf":{"score":58.8},"bleu":{"score":30},
	    "latency_ms":{"p90":40},"by_pair":[{"key":"en-es","segments":20,"chrf":58.8,"bleu":30},{"key":"es-en","segments":11,"chrf":58.8,"bleu":30}]},
	    "segments":[`+segs(20, "en-es", "translated", "apertium", "eng-spa", "")+`,`+segs(11, "es-en", "translated", "apertium", "spa-eng", "")+`]},
	  {"config":{"name":"good"},"summary":{"segments":40,"translated":40,"chrf":{"score":40},"bleu":{"score":15},
	    "latency_ms":{"p90":40},"by_pair":[{"key":"en-ca","segments":10,"chrf":20,"bleu":5},{"key":"en-es","segments":10,"chrf":62,"bleu":30},{"key":"es-en","segments":10,"chrf":60,"bleu":28},{"key":"es-pt","segments":10,"chrf":18,"bleu":4}]},
	    "segments":[`+segs(10, "en-ca", "translated", "apertium", "eng-cat", "")+`,`+segs(10, "en-es", "translated", "ollama", "good:1b", "chat-translate@4")+`,`+
		segs(10, "es-en", "translated", "ollama", "good:1b", "chat-translate@4")+`,`+segs(10, "es-pt", "translated", "apertium", "spa-por", "")+`]},
	  {"config":{"name":"silent"},"summary":{"segments":20,"translated":0,"chrf":{"score":45},"bleu":{"score":20},
	    "latency_ms":{"p90":40},"by_pair":[{"key":"en-es","segments":10,"chrf":45,"bleu":20},{"key":"es-en","segments":10,"chrf":45,"bleu":20}]},
	    "segments":[`+segs(10, "en-es", "original", "none", "", "")+`,`+segs(10, "es-en", "original", "none", "", "")+`]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"NATS_URL": srv.ClientURL(), "USER": "alice"}
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
		// Finer than the routing's 0.01 % steps: reported, not routed.
		{"promote", "-to", "canary", "-percent", "0.001", "ollama/qwen2.5:7b@1"},
		{"promote", "-to", "canary", "-percent", "2.555", "ollama/qwen2.5:7b@1"},
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
	run(0, "promote", "-to", "production", "-reason", "passed seed eval", "-by", "bob", "ollama/qwen2.5:7b@1")
	// Stricter thresholds inline refuse the same version.
	run(1, "promote", "-to", "production", "-thresholds", `{"min_chrf": 60}`, "ollama/qwen2.5:7b@1")
	out, _ = run(0, "list")
	// The table's BY is the last change's; the history under it has every
	// change with who asked and the thresholds a promotion passed.
	for _, want := range []string{"qwen2.5:7b", "production", "55.10", "candidate", "chat-translate", "BY",
		"model ollama/qwen2.5:7b@1\n",
		"candidate  by alice  reason \"added\"",
		"candidate -> canary  by alice  thresholds {\"min_segments\":50,\"min_chrf\":40,\"min_bleu\":0,\"min_pair_chrf\":30,\"require_pairs\":true,\"min_qe\":0,\"min_translated\":0.9,\"max_latency_p90_ms\":0}",
		"canary -> production  by bob  reason \"passed seed eval\"  thresholds {"} {
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
			registry.Thresholds{MinSegments: 10, MinChrF: d.MinChrF, MinPairChrF: d.MinPairChrF, RequirePairs: true, MinTranslated: d.MinTranslated}, false},
		{"an explicit 0 turns a gate off", `{"min_chrf": 0}`,
			registry.Thresholds{MinSegments: d.MinSegments, MinPairChrF: d.MinPairChrF, RequirePairs: true, MinTranslated: d.MinTranslated}, false},
		{"an explicit false turns require_pairs off", `{"require_pairs": false}`,
			registry.Thresholds{MinSegments: d.MinSegments, MinChrF: d.MinChrF, MinPairChrF: d.MinPairChrF, MinTranslated: d.MinTranslated}, false},
		{"from a file", file,
			registry.Thresholds{MinSegments: d.MinSegments, MinChrF: 50, MinPairChrF: d.MinPairChrF, RequirePairs: true, MinTranslated: d.MinTranslated}, false},
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

// TestRegistryCLIGates: what a black-box tester did, and what the
// registry now answers.
func TestRegistryCLIGates(t *testing.T) {
	srv := natstest.RunServer(t)
	report := filepath.Join(t.TempDir(), "fake.json")
	segs := func(n int, src, tgt, status, backend, model string, promptVersion int) string {
		p := ""
		if promptVersion > 0 {
			p = fmt.Sprintf(`,"prompt_id":"chat-translate","prompt_version":%d`, promptVersion)
		}
		one := fmt.Sprintf(`{"source_lang":%q,"target_lang":%q,"status":%q,"backend":%q,"model":%q%s}`, src, tgt, status, backend, model, p)
		return strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	}
	// Run good: good:1b with the default prompt (@4) on en-es and es-en,
	// Apertium on en-ca and es-pt (far weaker); run silent: nothing
	// translated.
	if err := os.WriteFile(report, []byte(`{"version":1,"created_at":"2026-11-01T10:00:00Z","test_set":{"name":"fake"},"runs":[
	  {"config":{"name":"good"},"summary":{"segments":40,"translated":40,"chrf":{"score":39},"bleu":{"score":15},
	    "by_pair":[{"key":"en-ca","segments":10,"chrf":20,"bleu":5},{"key":"en-es","segments":10,"chrf":62,"bleu":30},{"key":"es-en","segments":10,"chrf":60,"bleu":28},{"key":"es-pt","segments":10,"chrf":14,"bleu":3}]},
	    "segments":[`+segs(10, "en", "ca", "translated", "apertium", "eng-cat", 0)+`,`+segs(10, "en", "es", "translated", "ollama", "good:1b", 4)+`,`+
		segs(10, "es", "en", "translated", "ollama", "good:1b", 4)+`,`+segs(10, "es", "pt", "translated", "apertium", "spa-por", 0)+`]},
	  {"config":{"name":"silent"},"summary":{"segments":20,"translated":0,"chrf":{"score":45},"bleu":{"score":20},
	    "by_pair":[{"key":"en-es","segments":10,"chrf":45,"bleu":20},{"key":"es-en","segments":10,"chrf":45,"bleu":20}]},
	    "segments":[`+segs(10, "en", "es", "original", "none", "", 0)+`,`+segs(10, "es", "en", "original", "none", "", 0)+`]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string { return map[string]string{"NATS_URL": srv.ClientURL(), "USER": "tester"}[k] }
	lowered := `{"min_segments":10}`
	tests := []struct {
		name       string
		add        []string // flags and REF of the add
		addWarning string   // substring of add's stderr ("" none expected)
		promote    []string // flags of the promote (REF appended)
		code       int      // promote's exit status
		want       string   // substring of its stdout or stderr
	}{
		{"languages never evaluated", []string{"-languages", "en,es,ja,zh,de,ar", "-run", "good", "ollama/good:1b@wide"},
			"the report's pairs en-ca, es-pt are outside the version's languages",
			[]string{"-to", "production", "--thresholds", lowered}, 1, "pairs it would serve were not evaluated: en-ja, en-zh, en-de, en-ar, es-ja"},
		// en-ca and es-pt (chrF 20 and 14) are not the version's: its
		// own chrF is 61, its segments are 20 of 40, all its own.
		{"its own pairs", []string{"-languages", "en,es", "-run", "good", "ollama/good:1b@pair"},
			"outside the version's languages",
			[]string{"-to", "production", "--thresholds", `{"min_segments":20,"min_chrf":60}`}, 0, "is now production"},
		{"its own segments", []string{"-languages", "en,es", "-run", "good", "ollama/good:1b@few"}, "",
			[]string{"-to", "production", "--thresholds", `{"min_segments":21}`}, 1, "evaluated on 20 segments on its own pairs, fewer than 21"},
		// The run rendered the default prompt, @4.
		{"another prompt's scores", []string{"-languages", "en,es", "-run", "good", "prompt:*/chat-translate@2"},
			"ollama or openai with chat-translate@2 translated 0 of the 20 segments of its pairs (served by: ollama/good:1b chat-translate@4 20)",
			[]string{"-to", "production", "--thresholds", lowered}, 1, "no evaluated segment was translated by ollama or openai with chat-translate@2"},
		{"the prompt's own scores", []string{"-languages", "en,es", "-run", "good", "prompt:*/chat-translate@4"}, "",
			[]string{"-to", "canary", "-percent", "0.01", "--thresholds", lowered}, 0, "canary for 0.01 % of conversations"},
		{"nothing translated", []string{"-languages", "en,es", "-run", "silent", "ollama/silent:1b@1"},
			"ollama/silent:1b translated 0 of the 20 segments of its pairs (served by: nothing translated)",
			[]string{"-to", "canary", "--thresholds", `{"min_segments":0,"min_chrf":0,"min_pair_chrf":0,"min_translated":0,"require_pairs":false}`}, 1,
			"no evaluated segment was translated by ollama/silent:1b (served by: nothing translated)"},
		{"canary below the routing resolution", []string{"-languages", "en,es", "-run", "good", "ollama/good:1b@tiny-canary"}, "",
			[]string{"-to", "canary", "-percent", "0.001", "--thresholds", lowered}, 2, "steps of 0.01 %"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := append([]string{"add", "-report", report}, tt.add...)
			if code := runRegistry(t.Context(), args, env, &out, &errOut); code != 0 {
				t.Fatalf("add: exit %d: %s", code, errOut.String())
			}
			if tt.addWarning != "" && !strings.Contains(errOut.String(), "warning") || !strings.Contains(errOut.String(), tt.addWarning) {
				t.Errorf("add: stderr lacks %q:\n%s", tt.addWarning, errOut.String())
			}
			out.Reset()
			errOut.Reset()
			args = append(append([]string{"promote"}, tt.promote...), tt.add[len(tt.add)-1])
			if code := runRegistry(t.Context(), args, env, &out, &errOut); code != tt.code {
				t.Fatalf("promote: exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out.String(), errOut.String())
			}
			if !strings.Contains(out.String()+errOut.String(), tt.want) {
				t.Errorf("promote: output lacks %q:\nstdout: %s\nstderr: %s", tt.want, out.String(), errOut.String())
			}
		})
	}
}

// TestDefaultActor: without -by, the history names $USER, else $LOGNAME,
// else the account the command runs as (cron and containers often set
// neither), and "unknown" only when the system cannot say either.
func TestDefaultActor(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		account string
		want    string
	}{
		{"USER", map[string]string{"USER": "alice", "LOGNAME": "al"}, "root", "alice"},
		{"LOGNAME without USER", map[string]string{"LOGNAME": "al"}, "root", "al"},
		{"neither: the account", nil, "svc-registry", "svc-registry"},
		{"no account name either", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := defaultActor(func(k string) string { return tt.env[k] }, func() string { return tt.account })
			if got != tt.want {
				t.Fatalf("actor %q, want %q", got, tt.want)
			}
		})
	}
	// The account as the system names it.
	u, err := user.Current()
	if err != nil {
		t.Skipf("no current user: %v", err)
	}
	if got := defaultActor(func(string) string { return "" }, currentUsername); got != u.Username || got == "" {
		t.Fatalf("actor %q with $USER and $LOGNAME unset, want the account %q", got, u.Username)
	}
}

// TestRegistryListMarksServingProduction: after a rollback by
// re-promotion several versions are production; the list says which one
// the routing uses (the most recently promoted for a rung and pair).
func TestRegistryListMarksServingProduction(t *testing.T) {
	at := func(day int) time.Time { return time.Date(2026, 11, day, 10, 0, 0, 0, time.UTC) }
	prod := func(backend, name string, langs []string, days ...int) registry.Entry {
		e := registry.Entry{Kind: registry.KindModel, Backend: backend, Name: name, Version: "1", Languages: langs, Status: registry.StatusProduction, Updated: at(days[len(days)-1])}
		for _, d := range days {
			e.History = append(e.History, registry.Change{At: at(d), From: registry.StatusCandidate, To: registry.StatusProduction})
		}
		return e
	}
	entries := []registry.Entry{
		// 7b was promoted on the 2nd, 14b on the 3rd, then 7b again on
		// the 4th: the rollback. 7b serves, 14b no longer does.
		prod("ollama", "qwen2.5:7b", []string{"en", "es"}, 2, 4),
		prod("ollama", "qwen2.5:14b", []string{"en", "es"}, 3),
		// Another rung, and a version of more languages whose en-ja
		// nobody else serves: both serve.
		prod("openai", "gpt-4o", []string{"en", "es"}, 1),
		prod("ollama", "qwen2.5:32b", []string{"en", "es", "ja"}, 1),
		{Kind: registry.KindModel, Backend: "ollama", Name: "tiny:1b", Version: "1", Languages: []string{"en", "es"}, Status: registry.StatusCandidate, Updated: at(1)},
	}
	var out, errOut bytes.Buffer
	if code := listRegistry(entries, false, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	status := map[string]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		f := strings.Fields(line)
		if len(f) > 5 && f[0] == registry.KindModel {
			status[f[2]] = f[4] + " " + f[5]
		}
	}
	for name, want := range map[string]string{
		"qwen2.5:7b": "production (serving)", "qwen2.5:14b": "production (superseded)",
		"gpt-4o": "production (serving)", "qwen2.5:32b": "production (serving)", "tiny:1b": "candidate en,es",
	} {
		if status[name] != want {
			t.Errorf("%s: %q, want %q\n%s", name, status[name], want, out.String())
		}
	}
}

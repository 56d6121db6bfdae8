package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/registry"
	"github.com/parley-chat/parley/shared/repo"
)

// e2eSet is a small test set: chat, an entity and a glossary segment.
var e2eSet = []quality.Segment{
	{ID: "e1", Source: "Hello, how are you today?", SourceLang: "en", TargetLang: "es", References: []string{"Hola, ¿cómo estás hoy?"}, Tags: []string{"chat"}},
	{ID: "e2", Source: "The meeting moved to room 204 at 3:30.", SourceLang: "en", TargetLang: "es", References: []string{"La reunión se movió a la sala 204 a las 3:30."}, Tags: []string{"entity"}},
	{ID: "e3", Source: "Please open the channel settings.", SourceLang: "en", TargetLang: "es", References: []string{"Por favor, abre la configuración del canal."}, Tags: []string{"glossary"},
		Terms: []api.TermHint{{Source: "channel", Target: "canal"}}},
	{ID: "e4", Source: "I will send the report tomorrow morning.", SourceLang: "en", TargetLang: "es", References: []string{"Enviaré el informe mañana por la mañana."}, Tags: []string{"chat"}},
}

func writeSet(t *testing.T, dir string, segs []quality.Segment) string {
	t.Helper()
	p := filepath.Join(dir, "e2e.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := quality.WriteTestSet(f, segs); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

func readJSON[T any](t *testing.T, path string) *T {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
	return v
}

func runEval(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr); err != nil {
		t.Fatalf("eval %v: %v\nstdout:\n%s\nstderr:\n%s", args, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// TestEndToEndWithFakeOllama runs two configs through the embedded suite,
// each with its own fake Ollama (one that answers with the references, one
// with poorer translations), then compares the runs.
func TestEndToEndWithFakeOllama(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole suite twice")
	}
	segs := e2eSet
	good := map[string]string{}
	poor := map[string]string{}
	// Plausible but worse: wrong numbers, a missing glossary term, loose
	// wording (lengths close to the source's, so that quality estimation
	// has no reason to reject them).
	poorText := []string{"Hola, ¿qué tal estás hoy?", "La reunión pasó a la sala 240 a las 3:00.", "Por favor, abre los ajustes del grupo.", "Mandaré el informe mañana temprano."}
	for i, s := range segs {
		good[s.Source] = s.References[0]
		poor[s.Source] = poorText[i]
	}
	goodLLM := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: fakellm.Dictionary(good)})
	poorLLM := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: fakellm.Dictionary(poor)})

	dir := t.TempDir()
	setPath := writeSet(t, dir, segs)
	configs := []quality.Config{
		{Name: "poor", Model: "qwen2.5:3b", Env: map[string]string{"OLLAMA_HOST": poorLLM.URL(), "TRANSLATE_CHAIN": "ollama"}},
		{Name: "good", Model: "qwen2.5:3b", Env: map[string]string{"OLLAMA_HOST": goodLLM.URL(), "TRANSLATE_CHAIN": "ollama"}},
	}
	data, _ := json.Marshal(configs)
	cfgPath := filepath.Join(dir, "configs.json")
	if err := os.WriteFile(cfgPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "reports")
	// Detection limited to the set's languages: a faster start.
	stdout := runEval(t, "run", "-embed", "-quiet", "-set", setPath, "-configs", cfgPath, "-out", out, "-name", "e2e", "-detect-languages", "testset")
	if !strings.Contains(stdout, "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0") {
		t.Errorf("stdout lacks the chrF signature:\n%s", stdout)
	}
	rep := readJSON[quality.Report](t, filepath.Join(out, "e2e.json"))
	if rep.Mode != "embedded" || len(rep.Runs) != 2 || rep.TestSet.Segments != 4 || rep.TestSet.SHA256 == "" || len(rep.DetectLanguages) == 0 {
		t.Fatalf("report %+v", rep)
	}
	poorRun, goodRun := rep.Runs[0].Summary, rep.Runs[1].Summary
	for name, s := range map[string]quality.Summary{"poor": poorRun, "good": goodRun} {
		if s.Translated != 4 || s.Calls.ServedBy["ollama"] != 4 || s.Calls.Backends["ollama"] < 4 || s.Calls.TranslateRequests < 4 {
			t.Errorf("%s: translated %d, calls %+v", name, s.Translated, s.Calls)
		}
		if s.QE.Scored != s.Translated || s.Latency.P50 <= 0 {
			t.Errorf("%s: QE %+v latency %+v", name, s.QE, s.Latency)
		}
	}
	if goodRun.ChrF.Score != 100 || goodRun.BLEU.Score < 99.99 || *goodRun.Entities.Value != 1 {
		t.Errorf("good: chrF %v BLEU %v entities %+v", goodRun.ChrF.Score, goodRun.BLEU.Score, goodRun.Entities)
	}
	if poorRun.ChrF.Score >= goodRun.ChrF.Score || *poorRun.Entities.Value >= 1 {
		t.Errorf("poor: chrF %v entities %+v", poorRun.ChrF.Score, poorRun.Entities)
	}
	html, err := os.ReadFile(filepath.Join(out, "e2e.html"))
	if err != nil || !strings.Contains(string(html), "<svg") {
		t.Fatalf("HTML report: %v", err)
	}

	stdout = runEval(t, "compare", "-samples", "200", "-out", out, "-name", "cmp",
		filepath.Join(out, "e2e.json")+"#poor", filepath.Join(out, "e2e.json")+"#good")
	cmp := readJSON[quality.Comparison](t, filepath.Join(out, "cmp.json"))
	if cmp.Segments != 4 || len(cmp.Metrics) != 3 || cmp.Wins != 4 {
		t.Fatalf("comparison %+v", cmp)
	}
	for _, m := range cmp.Metrics {
		if m.Delta <= 0 || m.PValue <= 0 || m.PValue > 1 || m.Samples != 200 {
			t.Errorf("%s: %+v", m.Metric, m)
		}
	}
	if !strings.Contains(stdout, "|bs:200|seed:12345|") {
		t.Errorf("compare output:\n%s", stdout)
	}
}

// TestSeedSetWithApertium runs the committed seed set through the embedded
// suite with the Apertium rung alone, when Apertium is installed.
func TestSeedSetWithApertium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole suite")
	}
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium is not installed (apt-get install apertium apertium-eng-spa)")
	}
	if _, err := os.Stat("/usr/share/apertium/modes/eng-spa.mode"); err != nil {
		t.Skip("the English-Spanish Apertium pair is not installed (apertium-eng-spa)")
	}
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	runEval(t, "run", "-embed", "-quiet", "-set", filepath.Join(root, "quality", "testsets", "seed.jsonl"),
		"-pairs", "en-es", "-config", "apertium:env.TRANSLATE_CHAIN=apertium", "-out", out, "-name", "apertium")
	rep := readJSON[quality.Report](t, filepath.Join(out, "apertium.json"))
	if rep.DetectLanguages != nil {
		t.Errorf("detect languages %q, want the detect service's default (none set)", rep.DetectLanguages)
	}
	s := rep.Runs[0].Summary
	if s.Segments != rep.TestSet.Pairs["en-es"] || s.Segments < 10 || s.Errors != 0 {
		t.Fatalf("summary %+v", s)
	}
	// Apertium translates every en-es segment; quality may reject a few,
	// which then show the original.
	if s.Calls.Backends["apertium"] < s.Translated || s.Translated < s.Segments/2 {
		t.Errorf("translated %d of %d, calls %+v", s.Translated, s.Segments, s.Calls)
	}
	// A rule-based system is far from the references but far from nothing.
	if s.ChrF.Score < 20 || s.ChrF.Score >= 100 || s.BLEU.Score <= 0 {
		t.Errorf("chrF %v BLEU %v", s.ChrF.Score, s.BLEU.Score)
	}
	if s.Entities.Value == nil || s.Injection.Total == 0 || s.Glossary.Total == 0 {
		t.Errorf("checks: entities %+v injection %+v glossary %+v", s.Entities, s.Injection, s.Glossary)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	setPath := writeSet(t, dir, e2eSet)
	// A bad command line exits 2, as the parley and experiments commands'
	// do; a run or comparison that fails exits 1.
	cases := []struct {
		args   []string
		status int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"run"}, 2},
		{[]string{"run", "extra"}, 2},
		{[]string{"run", "-set", setPath, "-limit", "x"}, 2},
		{[]string{"run", "-set", setPath, "-no-such-flag"}, 2},
		{[]string{"run", "-set", setPath, "-limit", "-1"}, 2},
		{[]string{"run", "-set", setPath, "-pairs", "garbage"}, 2},
		{[]string{"run", "-set", filepath.Join(dir, "absent.jsonl")}, 1},
		{[]string{"run", "-set", setPath, "-config", "bad name!"}, 2},
		{[]string{"run", "-set", setPath, "-config", "m:model=x"}, 1}, // model needs -embed
		{[]string{"run", "-set", setPath, "-pairs", "de-fr"}, 1},
		{[]string{"run", "-embed", "-set", setPath, "-detect-languages", "en,!!"}, 1},
		{[]string{"compare", filepath.Join(dir, "a.json")}, 2},
		{[]string{"compare", "-samples", "0", setPath, setPath}, 2},
		{[]string{"compare", setPath, setPath}, 1},
	}
	for _, tc := range cases {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), tc.args, func(string) string { return "" }, &stdout, &stderr)
		if err == nil {
			t.Errorf("eval %v: want an error", tc.args)
			continue
		}
		if got := exitStatus(err); got != tc.status {
			t.Errorf("eval %v: exit status %d (%v), want %d", tc.args, got, err, tc.status)
		}
	}
	if got := exitStatus(nil); got != 0 {
		t.Errorf("exit status %d with no error", got)
	}
}

// TestFlagValues: values the runner or the bootstrap would read as a
// default (a negative limit, timeout or concurrency; resamples or a seed
// of 0) and pairs that are not two language tags
// are refused with the flag's name, before any test set is read or suite
// started; -h prints the usage and is no error.
func TestFlagValues(t *testing.T) {
	dir := t.TempDir()
	setPath := writeSet(t, dir, e2eSet)
	tests := []struct {
		name    string
		args    []string
		wantErr string // "" for success
		wantOut string // in stdout or stderr
	}{
		{"run help", []string{"run", "-h"}, "", "-set"},
		{"compare help", []string{"compare", "-h"}, "", "-samples"},
		{"negative limit", []string{"run", "-set", setPath, "-limit", "-5"}, "-limit -5", ""},
		{"negative timeout", []string{"run", "-set", setPath, "-timeout", "-1s"}, "-timeout -1s", ""},
		{"zero timeout", []string{"run", "-set", setPath, "-timeout", "0s"}, "-timeout 0s", ""},
		{"zero concurrency", []string{"run", "-set", setPath, "-concurrency", "0"}, "-concurrency 0", ""},
		{"pair without a target", []string{"run", "-set", setPath, "-pairs", "garbage"}, `"garbage" is not a language pair`, ""},
		{"pair of unknown tags", []string{"run", "-set", setPath, "-pairs", "en-es,xx-yy"}, `"xx-yy" is not a language pair`, ""},
		{"pair the set lacks", []string{"run", "-set", setPath, "-pairs", "de-fr"}, "its pairs: en-es", ""},
		// metrics.BootstrapOptions reads 0 as its default.
		{"negative samples", []string{"compare", "-samples", "-5", setPath, setPath}, "-samples -5: want a positive number", ""},
		{"zero samples", []string{"compare", "-samples", "0", setPath, setPath}, "-samples 0: want a positive number", ""},
		{"zero seed", []string{"compare", "-seed", "0", setPath, setPath}, "-seed 0: want a positive seed", ""},
		{"negative seed", []string{"compare", "-seed", "-1", setPath, setPath}, `invalid value "-1" for flag -seed`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, func(string) string { return "" }, &stdout, &stderr)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("eval %v: %v", tt.args, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("eval %v: error %v, want one containing %q", tt.args, err, tt.wantErr)
			}
			if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.wantOut) {
				t.Errorf("eval %v printed %q, want %q in it", tt.args, out, tt.wantOut)
			}
		})
	}
}

func TestPairsFilter(t *testing.T) {
	segs := []quality.Segment{{ID: "a", SourceLang: "en", TargetLang: "es"}, {ID: "b", SourceLang: "en", TargetLang: "pt-BR"}, {ID: "c", SourceLang: "de", TargetLang: "en"}}
	tests := []struct {
		pairs string
		limit int
		want  []string
	}{
		{"", 0, []string{"a", "b", "c"}},
		{"en-pt-BR", 0, []string{"b"}},
		{" EN-ES , de-en", 0, []string{"a", "c"}},
		{"", 2, []string{"a", "b"}},
		{"en-es,en-pt-br", 1, []string{"a"}},
		{"de-en,", 0, []string{"c"}},
	}
	for _, tt := range tests {
		keep, err := parsePairs(tt.pairs)
		if err != nil {
			t.Fatalf("parsePairs(%q): %v", tt.pairs, err)
		}
		set := &quality.TestSet{Name: "t", Segments: slices.Clone(segs)}
		if err := filterSet(set, keep, tt.limit); err != nil {
			t.Fatalf("filterSet(%q, %d): %v", tt.pairs, tt.limit, err)
		}
		var got []string
		for _, s := range set.Segments {
			got = append(got, s.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("-pairs %q -limit %d kept %v, want %v", tt.pairs, tt.limit, got, tt.want)
		}
	}
}

func TestDetectLanguagesFlag(t *testing.T) {
	set := &quality.TestSet{Segments: []quality.Segment{{SourceLang: "en", TargetLang: "pt-BR"}, {SourceLang: "en", TargetLang: "fr"}}}
	tests := []struct {
		in   string
		want []string
	}{
		{"all", nil},
		{"", nil},
		{"testset", []string{"en", "pt", "fr"}},
		{"en, es ,pt-BR", []string{"en", "es", "pt-BR"}},
	}
	for _, tt := range tests {
		got, err := detectLanguages(tt.in, set)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("detectLanguages(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := detectLanguages("en,!!", set); err == nil {
		t.Error("detectLanguages(\"en,!!\") accepted a bad tag")
	}
}

// TestPromptConfigFeedsTheRegistry runs a config with prompt=chat-translate@5
// through the embedded suite: every segment records the template the LLM
// rendered, so the registry counts the report's segments as that prompt
// version's and its promotion gate can pass.
func TestPromptConfigFeedsTheRegistry(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole suite")
	}
	good := map[string]string{}
	for _, s := range e2eSet {
		good[s.Source] = s.References[0]
	}
	llm := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: fakellm.Dictionary(good)})
	dir := t.TempDir()
	setPath := writeSet(t, dir, e2eSet)
	out := filepath.Join(dir, "reports")
	runEval(t, "run", "-embed", "-quiet", "-set", setPath, "-out", out, "-name", "p5", "-detect-languages", "testset",
		"-config", "p5:prompt=chat-translate@5,env.TRANSLATE_CHAIN=ollama,env.OLLAMA_HOST="+llm.URL()+",model=qwen2.5:3b")
	data, err := os.ReadFile(filepath.Join(out, "p5.json"))
	if err != nil {
		t.Fatal(err)
	}
	rep := readJSON[quality.Report](t, filepath.Join(out, "p5.json"))
	if len(rep.Runs) != 1 || rep.Runs[0].Config.Prompt != "chat-translate@5" {
		t.Fatalf("runs %+v", rep.Runs)
	}
	for _, s := range rep.Runs[0].Segments {
		if s.Status != api.StatusTranslated || s.PromptID != "chat-translate" || s.PromptVersion != 5 {
			t.Errorf("segment %s: %s by %s with %s@%d, want translated with chat-translate@5", s.ID, s.Status, s.Backend, s.PromptID, s.PromptVersion)
		}
	}
	scores, err := registry.ScoresFromReport(data, "p5")
	if err != nil {
		t.Fatal(err)
	}
	e := registry.Entry{Kind: registry.KindPrompt, Backend: "ollama", Name: "chat-translate", Version: "5",
		Languages: []string{"en", "es"}, Offline: scores}
	// The default gate, but for the size of this set and its one
	// direction.
	th := registry.DefaultThresholds
	th.MinSegments, th.RequirePairs = len(e2eSet), false
	if why := th.Check(e); len(why) != 0 {
		t.Errorf("the gate refused chat-translate@5: %v", why)
	}
	// The same report does not count for the default template.
	e.Version = "4"
	if why := th.Check(e); len(why) == 0 {
		t.Error("the gate passed chat-translate@4 on chat-translate@5's segments")
	}
}

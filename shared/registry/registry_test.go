package registry_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/registry"
)

// reportJSON is a quality/ report (layout 1) with a run per engine mix:
// qwen7b translated by its model, tiny by its model, fallback by
// Apertium alone (the model was not running), mixed half by each.
var reportJSON = makeReport(map[string]string{
	"qwen7b": `"segments":120,"translated":118,
    "chrf":{"name":"chrF2","score":55.1},"bleu":{"name":"BLEU","score":28.3},
    "qe":{"scored":118,"mean":81.5},"latency_ms":{"p90":900},
    "by_pair":[{"key":"en-es","segments":60,"chrf":58,"bleu":31},{"key":"en-de","segments":60,"chrf":52,"bleu":25}]`,
	"tiny": `"segments":120,"translated":80,
    "chrf":{"name":"chrF2","score":31.0},"bleu":{"name":"BLEU","score":9},
    "qe":{"scored":80,"mean":60},"latency_ms":{"p90":300},
    "by_pair":[{"key":"en-es","segments":60,"chrf":35,"bleu":10},{"key":"en-de","segments":60,"chrf":27,"bleu":8}]`,
	"fallback": `"segments":120,"translated":120,"chrf":{"score":50},"bleu":{"score":20},
    "by_pair":[{"key":"en-es","segments":60,"chrf":50,"bleu":20},{"key":"en-de","segments":60,"chrf":50,"bleu":20}]`,
	"mixed": `"segments":120,"translated":120,"chrf":{"score":50},"bleu":{"score":20},
    "by_pair":[{"key":"en-es","segments":60,"chrf":50,"bleu":20},{"key":"en-de","segments":60,"chrf":50,"bleu":20}]`,
}, map[string][]served{
	"qwen7b":   {{118, "translated", "ollama", "qwen2.5:7b"}, {2, "original", "none", ""}},
	"tiny":     {{80, "translated", "ollama", "tiny:1b"}, {40, "original", "none", ""}},
	"fallback": {{100, "translated", "apertium", "eng-spa"}, {20, "translated", "apertium", "eng-cat"}},
	"mixed":    {{60, "translated", "ollama", "qwen2.5:7b"}, {60, "translated", "apertium", ""}},
})

// served is n segments of a run served by backend and model.
type served struct {
	n                      int
	status, backend, model string
}

func makeReport(summaries map[string]string, segs map[string][]served) string {
	var runs []string
	for _, name := range []string{"qwen7b", "tiny", "fallback", "mixed"} {
		var list []string
		for _, sv := range segs[name] {
			for range sv.n {
				list = append(list, fmt.Sprintf(`{"id":"s%d","status":%q,"backend":%q,"model":%q}`, len(list), sv.status, sv.backend, sv.model))
			}
		}
		runs = append(runs, fmt.Sprintf(`{"config":{"name":%q},"summary":{%s},"segments":[%s]}`, name, summaries[name], strings.Join(list, ",")))
	}
	return `{"version":1,"created_at":"2026-11-01T10:00:00Z",
 "test_set":{"name":"seed","sha256":"abc","segments":120,"pairs":{"en-es":60,"en-de":60}},
 "mode":"embedded","runs":[` + strings.Join(runs, ",\n") + `]}`
}

func TestScoresAndThresholds(t *testing.T) {
	good, err := registry.ScoresFromReport([]byte(reportJSON), "qwen7b")
	if err != nil {
		t.Fatal(err)
	}
	if good.ChrF != 55.1 || good.Segments != 120 || len(good.Pairs) != 2 || *good.QE != 81.5 || good.TestSet != "seed" {
		t.Fatalf("scores %+v", good)
	}
	bad, err := registry.ScoresFromReport([]byte(reportJSON), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := registry.ScoresFromReport([]byte(reportJSON), ""); err == nil {
		t.Fatal("ambiguous run accepted")
	}
	if _, err := registry.ScoresFromReport([]byte(reportJSON), "nope"); err == nil || !strings.Contains(err.Error(), "qwen7b, tiny") {
		t.Fatalf("missing run: %v", err)
	}
	// A summary without its segments cannot tell which engine it scored.
	summaryOnly := `{"version":1,"runs":[{"config":{"name":"x"},"summary":{"segments":120,"translated":120,"chrf":{"score":60}}}]}`
	if _, err := registry.ScoresFromReport([]byte(summaryOnly), "x"); err == nil || !strings.Contains(err.Error(), "no per-segment results") {
		t.Fatalf("summary-only report: %v", err)
	}
	fallback, err := registry.ScoresFromReport([]byte(reportJSON), "fallback")
	if err != nil {
		t.Fatal(err)
	}
	mixed, _ := registry.ScoresFromReport([]byte(reportJSON), "mixed")
	if good.ServedBy["ollama/qwen2.5:7b"] != 118 || fallback.ServedBy["apertium/eng-spa"] != 100 || len(fallback.ServedBy) != 2 {
		t.Fatalf("served by: %v, %v", good.ServedBy, fallback.ServedBy)
	}
	// An entry stored before served_by was recorded is checked as before.
	legacy := *good
	legacy.ServedBy = nil

	th := registry.Thresholds{MinSegments: 100, MinChrF: 45, MinPairChrF: 30, MinTranslated: 0.9, MinQE: 70, RequirePairs: true}
	loose := registry.Thresholds{MinSegments: 100, MinChrF: 45}
	model := func(name string, s *registry.Scores, langs ...string) registry.Entry {
		return registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: name, Version: "1", Languages: langs, Status: registry.StatusCandidate, Offline: s}
	}
	entry := func(s *registry.Scores, langs ...string) registry.Entry { return model("qwen2.5:7b", s, langs...) }
	prompt := func(backend string, s *registry.Scores) registry.Entry {
		return registry.Entry{Kind: registry.KindPrompt, Backend: backend, Name: "chat-translate", Version: "2", Languages: []string{"en", "es"}, Status: registry.StatusCandidate, Offline: s}
	}
	tests := []struct {
		name string
		th   *registry.Thresholds // default th
		e    registry.Entry
		want []string // substrings of the reasons; none: passes
	}{
		{"passes", nil, entry(good, "en", "es"), nil},
		{"no evaluation", nil, entry(nil, "en", "es"), []string{"no offline evaluation", "eval run -out DIR -name NAME", "--report DIR/NAME.json"}},
		{"weak model", nil, model("tiny:1b", bad, "en", "de"), []string{"chrF 31.00 below 45.00", "pair en-de chrF 27.00", "translated 80 of 120", "quality estimation 60.0"}},
		{"pair not evaluated", nil, entry(good, "en", "es", "ja"), []string{"pair en-ja not evaluated"}},
		{"legacy entry without served_by", nil, entry(&legacy, "en", "es"), nil},
		{"model field names what was asked", nil, registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "qwen", Model: "qwen2.5:7b", Version: "1", Languages: []string{"en", "es"}, Offline: good}, nil},
		// The model was not running: Apertium served every segment.
		{"scores of another engine", &loose, entry(fallback, "en", "es"), []string{"no evaluated segment was translated by ollama/qwen2.5:7b (served by: apertium 120)", "another engine's"}},
		{"another model of the backend", &loose, model("qwen3:8b", good, "en", "es"), []string{"no evaluated segment was translated by ollama/qwen3:8b (served by: ollama/qwen2.5:7b 118)"}},
		{"another backend", &loose, registry.Entry{Kind: registry.KindModel, Backend: "openai", Name: "qwen2.5:7b", Version: "1", Languages: []string{"en", "es"}, Offline: good}, []string{"translated by openai/qwen2.5:7b"}},
		{"served too few", &registry.Thresholds{MinTranslated: 0.9}, entry(mixed, "en", "es"), []string{"ollama/qwen2.5:7b translated 60 of 120 evaluated segments, below 90 % (served by: apertium 60, ollama/qwen2.5:7b 60)"}},
		{"served a share, gate off", &loose, entry(mixed, "en", "es"), nil},
		{"prompt on any LLM backend", &loose, prompt("", good), nil},
		{"prompt on Apertium's scores", &loose, prompt("", fallback), []string{"no evaluated segment was translated by ollama or openai"}},
		{"prompt of another backend", &loose, prompt("openai", good), []string{"translated by openai"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := th
			if tt.th != nil {
				th = *tt.th
			}
			why := th.Check(tt.e)
			if len(tt.want) == 0 && len(why) > 0 {
				t.Fatalf("refused: %v", why)
			}
			all := strings.Join(why, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("reasons %q lack %q", all, w)
				}
			}
		})
	}
}

func TestKeyEscapes(t *testing.T) {
	a := registry.Key("model", "ollama", "qwen2.5:7b", "1")
	b := registry.Key("model", "ollama", "qwen2_5:7b", "1")
	if a == b || strings.ContainsAny(a, ":@ ") || a != "model.ollama.qwen2=2E5=3A7b.1" {
		t.Fatalf("keys %q %q", a, b)
	}
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: never happened", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestStorePromotionAndRouting(t *testing.T) {
	srv := natstest.RunServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := registry.Open(ctx, natstest.Conn(t, srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	router, err := registry.Open(ctx, natstest.Conn(t, srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = router.Close() })

	good, _ := registry.ScoresFromReport([]byte(reportJSON), "qwen7b")
	bad, _ := registry.ScoresFromReport([]byte(reportJSON), "tiny")
	th := registry.Thresholds{MinSegments: 100, MinChrF: 45}
	add := func(name string, s *registry.Scores) registry.Entry {
		t.Helper()
		e, err := admin.Add(ctx, registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: name, Version: "1", Languages: []string{"en", "es", "de"}, Offline: s})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	// The canary's scores are of its own model.
	canaryScores := *good
	canaryScores.ServedBy = map[string]int{"ollama/qwen3:8b": 118}
	prod, weak, canary := add("qwen2.5:7b", good), add("tiny:1b", bad), add("qwen3:8b", &canaryScores)
	if _, err := admin.Add(ctx, registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "qwen2.5:7b", Version: "1", Languages: []string{"en", "fr"}}); err == nil || !strings.Contains(err.Error(), "already registered") {
		t.Fatalf("duplicate version: %v", err)
	}
	if _, ok := router.Model("ollama", "en", "es", "c1"); ok {
		t.Fatal("a candidate routed")
	}

	_, err = admin.Promote(ctx, registry.Promotion{Key: weak.Key(), To: registry.StatusProduction}, th)
	var refusal *registry.Refusal
	if !errors.As(err, &refusal) || !errors.Is(err, registry.ErrRefused) || !strings.Contains(err.Error(), "chrF 31.00 below 45.00") {
		t.Fatalf("weak promotion: %v", err)
	}
	if _, err := admin.Promote(ctx, registry.Promotion{Key: weak.Key(), To: registry.StatusProduction}, registry.Thresholds{MinSegments: -10, MinChrF: -1}); err == nil || errors.Is(err, registry.ErrRefused) {
		t.Fatalf("negative thresholds: %v, want them refused as invalid", err)
	}
	if _, err := admin.Promote(ctx, registry.Promotion{Key: prod.Key(), To: registry.StatusProduction, Reason: "eval 2026-11"}, th); err != nil {
		t.Fatal(err)
	}
	eventually(t, "production routed", func() bool {
		c, ok := router.Model("ollama", "en-US", "es", "c1")
		return ok && c.Model == "qwen2.5:7b"
	})
	if _, ok := router.Model("ollama", "en", "ja", "c1"); ok {
		t.Fatal("a pair outside the languages routed")
	}
	if _, ok := router.Model("openai", "en", "es", "c1"); ok {
		t.Fatal("another backend routed")
	}

	if _, err := admin.Promote(ctx, registry.Promotion{Key: canary.Key(), To: registry.StatusCanary, CanaryPercent: 20}, th); err != nil {
		t.Fatal(err)
	}
	eventually(t, "canary visible", func() bool { e, _ := router.Get(canary.Key()); return e.Status == registry.StatusCanary })
	n := map[string]int{}
	for i := range 2000 {
		c, _ := router.Model("ollama", "en", "de", fmt.Sprintf("c%d", i))
		n[c.Model]++
	}
	if n["qwen3:8b"] < 300 || n["qwen3:8b"] > 500 || n["qwen3:8b"]+n["qwen2.5:7b"] != 2000 {
		t.Fatalf("canary split %v, want about 400 of 2000 on the canary", n)
	}

	if _, err := admin.Promote(ctx, registry.Promotion{Key: prod.Key(), To: registry.StatusRetired}, th); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Promote(ctx, registry.Promotion{Key: prod.Key(), To: registry.StatusProduction}, th); !errors.Is(err, registry.ErrRefused) {
		t.Fatalf("promoting a retired version: %v", err)
	}
	eventually(t, "retired not routed", func() bool { _, ok := router.Model("ollama", "en", "es", ""); return !ok })
	// Get reads the store's live copy, which the watch updates after the
	// write: wait for the retirement to arrive.
	eventually(t, "retirement in the history", func() bool { e, _ := admin.Get(prod.Key()); return len(e.History) == 3 })
	e, _ := admin.Get(prod.Key())
	if len(e.History) != 3 || e.History[1].Reason != "eval 2026-11" {
		t.Fatalf("history %+v", e.History)
	}
}

// TestAddRefusesUnroutableVersions: a version the routing could never use
// is refused when it is added, with the field at fault.
func TestAddRefusesUnroutableVersions(t *testing.T) {
	srv := natstest.RunServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := registry.Open(ctx, natstest.Conn(t, srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	model := func(backend, name string, langs ...string) registry.Entry {
		return registry.Entry{Kind: registry.KindModel, Backend: backend, Name: name, Version: "1", Languages: langs}
	}
	tests := []struct {
		name string
		e    registry.Entry
		want string // substring of the error; "" accepted
	}{
		{"ollama model", model("ollama", "qwen2.5:7b", "en", "es"), ""},
		{"openai model", model("openai", "gpt-4o-mini", "en", "es"), ""},
		{"prompt for every backend", registry.Entry{Kind: registry.KindPrompt, Name: "chat-translate", Version: "3", Languages: []string{"en", "de"}}, ""},
		{"unknown backend", model("bogus", "m", "en", "es"), `backend "bogus"`},
		{"kind-like backend", model("foo:openai", "m", "en", "es"), `backend "foo:openai"`},
		{"apertium has no models", model("apertium", "m", "en", "es"), `backend "apertium"`},
		{"prompt for an unknown backend", registry.Entry{Kind: registry.KindPrompt, Backend: "bogus", Name: "chat-translate", Version: "2", Languages: []string{"en", "de"}}, `backend "bogus"`},
		{"control character in the name", model("openai", "a\x01b", "en", "es"), "control characters"},
		{"line break in the version", registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "m", Version: "1\n2", Languages: []string{"en", "es"}}, "control characters"},
		{"control character in the model", registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "m2", Version: "1", Model: "x\x1b[2J", Languages: []string{"en", "es"}}, "control characters"},
		{"name not UTF-8", model("ollama", "m\xff", "en", "es"), "control characters"},
		{"one language", model("ollama", "solo", "en"), "at least two"},
		{"one language twice", model("ollama", "twice", "en", "en-US"), "at least two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.Add(ctx, tt.e)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}

func TestThresholdsValidate(t *testing.T) {
	d := registry.DefaultThresholds
	with := func(f func(*registry.Thresholds)) registry.Thresholds { t := d; f(&t); return t }
	tests := []struct {
		name string
		th   registry.Thresholds
		want string // field named in the error; "" valid
	}{
		{"defaults", d, ""},
		{"none", registry.Thresholds{}, ""},
		{"negative segments", with(func(t *registry.Thresholds) { t.MinSegments = -10 }), "min_segments"},
		{"negative chrF", with(func(t *registry.Thresholds) { t.MinChrF = -1 }), "min_chrf"},
		{"chrF above 100", with(func(t *registry.Thresholds) { t.MinPairChrF = 101 }), "min_pair_chrf"},
		{"share given as percent", with(func(t *registry.Thresholds) { t.MinTranslated = 90 }), "min_translated"},
		{"negative latency", with(func(t *registry.Thresholds) { t.MaxLatencyP90MS = -1 }), "max_latency_p90_ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.th.Validate()
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("Validate() = %v, want an error naming %q", err, tt.want)
			}
		})
	}
}

package registry_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/registry"
)

// reportJSON is a quality/ report (layout 1) with a run per engine mix:
// qwen7b translated by its model (with prompt chat-translate@2), tiny by
// its model, fallback by Apertium alone (the model was not running),
// mixed half by each, wide by good:1b on en-es and es-en and by Apertium
// on two pairs outside most versions' languages, nothing translated by
// no engine at all.
var reportJSON = makeReport(map[string]string{
	"qwen7b": `"segments":120,"translated":118,
    "chrf":{"name":"chrF2","score":55.1},"bleu":{"name":"BLEU","score":28.3},
    "qe":{"scored":118,"mean":81.5},"latency_ms":{"p90":900},
    "by_pair":[{"key":"en-es","segments":40,"chrf":58,"bleu":31},{"key":"es-en","segments":40,"chrf":56,"bleu":30},{"key":"en-de","segments":40,"chrf":52,"bleu":25}]`,
	"tiny": `"segments":120,"translated":80,
    "chrf":{"name":"chrF2","score":31.0},"bleu":{"name":"BLEU","score":9},
    "qe":{"scored":80,"mean":60},"latency_ms":{"p90":300},
    "by_pair":[{"key":"en-es","segments":60,"chrf":35,"bleu":10},{"key":"en-de","segments":60,"chrf":27,"bleu":8}]`,
	"fallback": `"segments":120,"translated":120,"chrf":{"score":50},"bleu":{"score":20},
    "by_pair":[{"key":"en-es","segments":60,"chrf":50,"bleu":20},{"key":"es-en","segments":60,"chrf":50,"bleu":20}]`,
	"mixed": `"segments":120,"translated":120,"chrf":{"score":50},"bleu":{"score":20},
    "by_pair":[{"key":"en-es","segments":60,"chrf":50,"bleu":20},{"key":"es-en","segments":60,"chrf":50,"bleu":20}]`,
	"wide": `"segments":160,"translated":160,"chrf":{"score":38},"bleu":{"score":15},"latency_ms":{"p90":500},
    "by_pair":[{"key":"en-ca","segments":40,"chrf":20,"bleu":5},{"key":"en-es","segments":40,"chrf":60,"bleu":30},{"key":"es-en","segments":40,"chrf":58,"bleu":26},{"key":"es-pt-BR","segments":40,"chrf":14,"bleu":3}]`,
	"nothing": `"segments":60,"translated":0,"chrf":{"score":45},"bleu":{"score":20},
    "by_pair":[{"key":"en-es","segments":30,"chrf":45,"bleu":20},{"key":"es-en","segments":30,"chrf":45,"bleu":20}]`,
}, map[string][]served{
	"qwen7b": {
		{40, "en", "es", "translated", "ollama", "qwen2.5:7b", "chat-translate@2", 82},
		{39, "es", "en", "translated", "ollama", "qwen2.5:7b", "chat-translate@2", 80},
		{1, "es", "en", "original", "none", "", "", 0},
		{39, "en", "de", "translated", "ollama", "qwen2.5:7b", "chat-translate@2", 82.5},
		{1, "en", "de", "original", "none", "", "", 0},
	},
	"tiny": {
		{40, "en", "es", "translated", "ollama", "tiny:1b", "chat-translate@4", 60},
		{20, "en", "es", "original", "none", "", "", 0},
		{40, "en", "de", "translated", "ollama", "tiny:1b", "chat-translate@4", 60},
		{20, "en", "de", "original", "none", "", "", 0},
	},
	"fallback": {
		{60, "en", "es", "translated", "apertium", "eng-spa", "", 0},
		{40, "es", "en", "translated", "apertium", "spa-eng", "", 0},
		{20, "es", "en", "translated", "apertium", "spa-eng_US", "", 0},
	},
	"mixed": {
		{60, "en", "es", "translated", "ollama", "qwen2.5:7b", "chat-translate@4", 0},
		{60, "es", "en", "translated", "apertium", "", "", 0},
	},
	"wide": {
		{40, "en", "ca", "translated", "apertium", "eng-cat", "", 0},
		{40, "en", "es", "translated", "ollama", "good:1b", "chat-translate@4", 0},
		{40, "es", "en", "translated", "ollama", "good:1b", "chat-translate@4", 0},
		{40, "es", "pt-BR", "translated", "apertium", "spa-por", "", 0},
	},
	"nothing": {
		{30, "en", "es", "original", "none", "", "", 0},
		{30, "es", "en", "original", "none", "", "", 0},
	},
})

// served is n segments of a run from source to target, served by backend
// and model with prompt (id@version), with quality estimate qe (0: none).
type served struct {
	n                              int
	source, target                 string
	status, backend, model, prompt string
	qe                             float64
}

func makeReport(summaries map[string]string, segs map[string][]served) string {
	var runs []string
	for _, name := range []string{"qwen7b", "tiny", "fallback", "mixed", "wide", "nothing"} {
		var list []string
		for _, sv := range segs[name] {
			for range sv.n {
				prompt := ""
				if id, v, ok := strings.Cut(sv.prompt, "@"); ok {
					prompt = fmt.Sprintf(`,"prompt_id":%q,"prompt_version":%s`, id, v)
				}
				if sv.qe > 0 {
					prompt += fmt.Sprintf(`,"qe":%v`, sv.qe)
				}
				list = append(list, fmt.Sprintf(`{"id":"s%d","source_lang":%q,"target_lang":%q,"status":%q,"backend":%q,"model":%q%s}`,
					len(list), sv.source, sv.target, sv.status, sv.backend, sv.model, prompt))
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
	if good.ChrF != 55.1 || good.Segments != 120 || len(good.Pairs) != 3 || *good.QE != 81.5 || good.TestSet != "seed" {
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
	wide, _ := registry.ScoresFromReport([]byte(reportJSON), "wide")
	nothing, _ := registry.ScoresFromReport([]byte(reportJSON), "nothing")
	if good.ServedBy["ollama/qwen2.5:7b"] != 118 || fallback.ServedBy["apertium/eng-spa"] != 60 || len(fallback.ServedBy) != 3 {
		t.Fatalf("served by: %v, %v", good.ServedBy, fallback.ServedBy)
	}
	// A regional tag keeps its report key, with its base languages.
	if p := wide.Pairs[3]; p.Pair != "es-pt-BR" || p.Source != "es" || p.Target != "pt" {
		t.Fatalf("pair %+v", p)
	}
	// An entry stored before served_by and the tally were recorded: which
	// engine translated the segments is unknown.
	legacy := *good
	legacy.ServedBy, legacy.Tally = nil, nil
	// One stored before the tally only: the model is known, the prompt
	// is not.
	noPrompt := *good
	noPrompt.Tally = nil
	// Stored, an empty served_by comes back nil.
	stored := func(s *registry.Scores) *registry.Scores {
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back registry.Scores
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		return &back
	}

	th := registry.Thresholds{MinSegments: 80, MinChrF: 45, MinPairChrF: 30, MinTranslated: 0.9, MinQE: 70, RequirePairs: true}
	loose := registry.Thresholds{MinSegments: 80, MinChrF: 45}
	model := func(name string, s *registry.Scores, langs ...string) registry.Entry {
		return registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: name, Version: "1", Languages: langs, Status: registry.StatusCandidate, Offline: s}
	}
	entry := func(s *registry.Scores, langs ...string) registry.Entry { return model("qwen2.5:7b", s, langs...) }
	promptV := func(backend, version string, s *registry.Scores) registry.Entry {
		return registry.Entry{Kind: registry.KindPrompt, Backend: backend, Name: "chat-translate", Version: version, Languages: []string{"en", "es"}, Status: registry.StatusCandidate, Offline: s}
	}
	prompt := func(backend string, s *registry.Scores) registry.Entry { return promptV(backend, "2", s) }
	none := registry.Thresholds{}
	tests := []struct {
		name string
		th   *registry.Thresholds // default th
		e    registry.Entry
		want []string // substrings of the reasons; none: passes
	}{
		{"passes", nil, entry(good, "en", "es"), nil},
		{"defaults pass", &registry.DefaultThresholds, entry(good, "en", "es"), nil},
		{"no evaluation", nil, entry(nil, "en", "es"), []string{"no offline evaluation", "eval run -out DIR -name NAME", "--report DIR/NAME.json"}},
		{"weak model", nil, model("tiny:1b", bad, "en", "es", "de"), []string{"chrF 31.00 below 45.00", "pair en-de chrF 27.00", "translated 80 of 120", "quality estimation 60.0"}},
		// Every pair the routing would send the version is evaluated, in
		// each direction: en-de was, de-en was not.
		{"pair not evaluated", nil, entry(good, "en", "es", "ja"), []string{"pairs it would serve were not evaluated: en-ja, es-ja, ja-en, ja-es"}},
		{"one direction evaluated", nil, entry(good, "en", "es", "de"), []string{"not evaluated: es-de, de-en, de-es"}},
		{"the default requires the pairs", &registry.DefaultThresholds, entry(good, "en", "es", "ja"), []string{"not evaluated: en-ja, es-ja, ja-en, ja-es"}},
		{"require_pairs off", &registry.Thresholds{MinSegments: 10}, entry(good, "en", "es", "ja"), nil},
		// The report's other pairs (en-ca, es-pt at chrF 20 and 14) do
		// not drag the corpus score down, nor count as its segments.
		{"own pairs only", &registry.Thresholds{MinSegments: 80, MinChrF: 55, MinPairChrF: 30, MinTranslated: 0.9, RequirePairs: true}, model("good:1b", wide, "en", "es"), nil},
		{"own segments only", &registry.Thresholds{MinSegments: 100}, model("good:1b", wide, "en", "es"), []string{"evaluated on 80 segments on its own pairs, fewer than 100"}},
		{"own chrF only", &registry.Thresholds{MinChrF: 60}, model("good:1b", wide, "en", "es"), []string{"chrF on its own pairs 59.00 below 60.00"}},
		{"a pair outside the report", &registry.Thresholds{MinPairChrF: 15, RequirePairs: true}, model("good:1b", wide, "es", "pt"), []string{"pair es-pt-BR chrF 14.00 below 15.00", "not evaluated: pt-es"}},
		{"legacy entry without served_by", &loose, entry(&legacy, "en", "es"), []string{"do not record which engine translated each segment"}},
		{"legacy entry without the tally", &loose, entry(&noPrompt, "en", "es"), nil},
		{"model field names what was asked", nil, registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "qwen", Model: "qwen2.5:7b", Version: "1", Languages: []string{"en", "es"}, Offline: good}, nil},
		// The model was not running: Apertium served every segment.
		{"scores of another engine", &loose, entry(fallback, "en", "es"), []string{"no evaluated segment was translated by ollama/qwen2.5:7b (served by: apertium 120)", "another engine's"}},
		{"another model of the backend", &loose, model("qwen3:8b", good, "en", "es"), []string{"no evaluated segment was translated by ollama/qwen3:8b (served by: ollama/qwen2.5:7b 79)"}},
		{"another backend", &loose, registry.Entry{Kind: registry.KindModel, Backend: "openai", Name: "qwen2.5:7b", Version: "1", Languages: []string{"en", "es"}, Offline: good}, []string{"translated by openai/qwen2.5:7b"}},
		{"served too few", &registry.Thresholds{MinTranslated: 0.9}, entry(mixed, "en", "es"), []string{"ollama/qwen2.5:7b translated 60 of 120 evaluated segments, below 90 % (served by: apertium 60, ollama/qwen2.5:7b 60)"}},
		{"served a share, gate off", &loose, entry(mixed, "en", "es"), nil},
		// Nothing translated: refused with every gate off, before and
		// after the store drops the empty served_by.
		{"served nothing", &none, entry(nothing, "en", "es"), []string{"no evaluated segment was translated by ollama/qwen2.5:7b (served by: nothing translated)"}},
		{"served nothing, stored", &none, entry(stored(nothing), "en", "es"), []string{"no evaluated segment was translated by ollama/qwen2.5:7b (served by: nothing translated)"}},
		{"served nothing, stored, no tally", &none, entry(func() *registry.Scores { s := stored(nothing); s.Tally = nil; return s }(), "en", "es"), []string{"no evaluated segment was translated"}},
		{"prompt on any LLM backend", &loose, prompt("", good), nil},
		{"prompt stored", &loose, prompt("", stored(good)), nil},
		{"prompt on Apertium's scores", &loose, prompt("", fallback), []string{"no evaluated segment was translated by ollama or openai with chat-translate@2"}},
		{"prompt of another backend", &loose, prompt("openai", good), []string{"translated by openai with chat-translate@2"}},
		// The run rendered chat-translate@2: its scores are not @3's.
		{"another prompt's scores", &loose, promptV("", "3", good), []string{"no evaluated segment was translated by ollama or openai with chat-translate@3 (served by: ollama/qwen2.5:7b chat-translate@2 79)", "another prompt's"}},
		{"prompt share too small", &registry.Thresholds{MinTranslated: 0.9}, prompt("", mixed), []string{"no evaluated segment was translated by ollama or openai with chat-translate@2 (served by: apertium 60, ollama/qwen2.5:7b chat-translate@4 60)"}},
		// A report from before prompts were recorded counts for no prompt.
		{"prompt from a report without prompts", &loose, prompt("", &noPrompt), []string{"do not record which prompt translated each segment", "no segment counts as chat-translate@2's"}},
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
			if len(tt.want) > 0 && len(why) == 0 {
				t.Fatalf("passed, want refused with %q", tt.want)
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

// TestWarnings: what add tells the operator about a report before any
// promotion is asked.
func TestWarnings(t *testing.T) {
	scores := func(run string) *registry.Scores {
		s, err := registry.ScoresFromReport([]byte(reportJSON), run)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	model := func(name, run string, langs ...string) registry.Entry {
		return registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: name, Version: "1", Languages: langs, Offline: scores(run)}
	}
	tests := []struct {
		name string
		e    registry.Entry
		want []string // substrings of the warnings, in order; none: no warning
	}{
		{"its own scores", model("good:1b", "wide", "en", "es"), []string{"the report's pairs en-ca, es-pt-BR are outside"}},
		{"a pair it does not serve", model("qwen2.5:7b", "qwen7b", "en", "es"), []string{"the report's pairs en-de are outside the version's languages: its gates leave them out"}},
		{"no scores", registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "m", Version: "1", Languages: []string{"en", "es"}}, nil},
		{"wider report", model("good:1b", "wide", "en", "es", "ja"), []string{
			"the report's pairs en-ca, es-pt-BR are outside the version's languages",
			"pairs it would serve were not evaluated: en-ja, es-ja, ja-en, ja-es"}},
		{"another engine", model("qwen2.5:7b", "fallback", "en", "es"), []string{"ollama/qwen2.5:7b translated 0 of the 120 segments of its pairs (served by: apertium 120)"}},
		{"nothing translated", model("qwen2.5:7b", "nothing", "en", "es"), []string{"ollama/qwen2.5:7b translated 0 of the 60 segments of its pairs (served by: nothing translated)"}},
		{"another prompt", registry.Entry{Kind: registry.KindPrompt, Name: "chat-translate", Version: "3", Languages: []string{"en", "es"}, Offline: scores("qwen7b")},
			[]string{"pairs en-de are outside", "ollama or openai with chat-translate@3 translated 0 of the 80 segments of its pairs (served by: ollama/qwen2.5:7b chat-translate@2 79)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.e.Warnings()
			if len(got) != len(tt.want) {
				t.Fatalf("warnings %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q lacks %q", got[i], w)
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
	// A KV watch's delivery, which a busy machine (-race, other test
	// binaries) can hold up for seconds.
	deadline := time.Now().Add(20 * time.Second)
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
	canaryScores.Tally = slices.Clone(good.Tally)
	for i := range canaryScores.Tally {
		if canaryScores.Tally[i].Model != "" {
			canaryScores.Tally[i].Model = "qwen3:8b"
		}
	}
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

// TestStorePromotionGates: the gates as the store applies them, on
// entries read back from the bucket.
func TestStorePromotionGates(t *testing.T) {
	srv := natstest.RunServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := registry.Open(ctx, natstest.Conn(t, srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	scores := func(run string) *registry.Scores {
		s, err := registry.ScoresFromReport([]byte(reportJSON), run)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// The CLI's defaults with min_segments lowered, as the tester did.
	lowered := registry.DefaultThresholds
	lowered.MinSegments = 10
	tests := []struct {
		name     string
		kind     string // model good:1b, or prompt chat-translate
		version  string
		run      string
		langs    []string
		th       registry.Thresholds
		to       string
		percent  float64
		refused  string // substring of the refusal
		invalid  string // substring of an invalid-argument error
		wantPerc float64
	}{
		// The run translated nothing: served_by is empty, and gone once
		// stored; refused with every gate off all the same.
		{name: "served nothing", kind: "model", run: "nothing", langs: []string{"en", "es"}, to: registry.StatusProduction,
			refused: "no evaluated segment was translated by ollama/good:1b (served by: nothing translated)"},
		{name: "languages never evaluated", kind: "model", run: "wide", langs: []string{"en", "es", "ja", "zh", "de", "ar"}, th: lowered, to: registry.StatusProduction,
			refused: "pairs it would serve were not evaluated: en-ja, en-zh"},
		{name: "its own pairs pass", kind: "model", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusProduction},
		// The wide run rendered the default prompt, @4.
		{name: "another prompt's scores", kind: "prompt", version: "2", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusProduction,
			refused: "no evaluated segment was translated by ollama or openai with chat-translate@2"},
		{name: "the prompt's own scores", kind: "prompt", version: "4", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusProduction},
		{name: "canary below the routing resolution", kind: "model", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusCanary, percent: 0.001,
			invalid: "steps of 0.01 %"},
		{name: "canary finer than the resolution", kind: "model", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusCanary, percent: 12.345,
			invalid: "steps of 0.01 %"},
		{name: "canary over 100", kind: "model", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusCanary, percent: 100.5,
			invalid: "at most 100"},
		{name: "canary at the resolution", kind: "model", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusCanary, percent: 0.01, wantPerc: 0.01},
		{name: "canary by default", kind: "model", run: "wide", langs: []string{"en", "es"}, th: lowered, to: registry.StatusCanary, wantPerc: 5},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "good:1b", Version: fmt.Sprint(i), Languages: tt.langs, Offline: scores(tt.run)}
			if tt.kind == "prompt" {
				e = registry.Entry{Kind: registry.KindPrompt, Name: "chat-translate", Version: tt.version, Languages: tt.langs, Offline: scores(tt.run)}
			}
			e, err := st.Add(ctx, e)
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.Promote(ctx, registry.Promotion{Key: e.Key(), To: tt.to, CanaryPercent: tt.percent}, tt.th)
			switch {
			case tt.refused != "":
				if !errors.Is(err, registry.ErrRefused) || !strings.Contains(err.Error(), tt.refused) {
					t.Fatalf("promotion: %v, want it refused with %q", err, tt.refused)
				}
			case tt.invalid != "":
				if err == nil || errors.Is(err, registry.ErrRefused) || !strings.Contains(err.Error(), tt.invalid) {
					t.Fatalf("promotion: %v, want an invalid argument with %q", err, tt.invalid)
				}
			case err != nil:
				t.Fatalf("promotion refused: %v", err)
			case got.Status != tt.to || got.CanaryPercent != tt.wantPerc:
				t.Fatalf("promoted to %s at %v %%, want %s at %v %%", got.Status, got.CanaryPercent, tt.to, tt.wantPerc)
			}
			if prompt := tt.kind == "prompt"; prompt && tt.refused != "" {
				// The refused prompt routes nothing: the pair keeps the
				// rung's default template.
				if c, ok := st.Prompt("ollama", "en", "es", "c1"); ok && c.Ref == e.Ref() {
					t.Fatalf("refused prompt routed: %+v", c)
				}
			}
		})
	}
}

// runAuthServer starts an embedded JetStream server whose clients log in
// as user "ops".
func runAuthServer(t *testing.T) *server.Server {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoSigs: true,
		Users: []*server.User{{Username: "ops", Password: "secret"}}})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready")
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	return s
}

// TestHistoryRecordsWhoAndThresholds: each change keeps who asked (as
// they said, and the NATS user as the server said) and the thresholds
// a promotion passed.
func TestHistoryRecordsWhoAndThresholds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	good, _ := registry.ScoresFromReport([]byte(reportJSON), "qwen7b")
	th := registry.Thresholds{MinSegments: 100, MinChrF: 45, RequirePairs: true}
	tests := []struct {
		name     string
		conn     func(t *testing.T) *nats.Conn
		natsUser string
	}{
		{"authenticated", func(t *testing.T) *nats.Conn {
			nc, err := nats.Connect(runAuthServer(t).ClientURL(), nats.UserInfo("ops", "secret"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(nc.Close)
			return nc
		}, "ops"},
		{"no authentication", func(t *testing.T) *nats.Conn { return natstest.Conn(t, natstest.RunServer(t)) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := registry.Open(ctx, tt.conn(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Close() })
			e := registry.Entry{Kind: registry.KindModel, Backend: "ollama", Name: "qwen2.5:7b", Version: "1", Languages: []string{"en", "es", "de"}, Offline: good}
			if _, err := st.AddBy(ctx, e, "bad\x1b[2Jname"); err == nil || !strings.Contains(err.Error(), "control characters") {
				t.Fatalf("a name with control characters: %v", err)
			}
			// de-en, de-es and es-de were not evaluated: on purpose, off.
			th := th
			th.RequirePairs = false
			if e, err = st.AddBy(ctx, e, "alice"); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Promote(ctx, registry.Promotion{Key: e.Key(), To: registry.StatusProduction, Reason: "seed eval", By: "bob"}, th); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Promote(ctx, registry.Promotion{Key: e.Key(), To: registry.StatusRetired, By: "carol"}, th); err != nil {
				t.Fatal(err)
			}
			eventually(t, "three changes", func() bool { e, _ := st.Get(e.Key()); return len(e.History) == 3 })
			h := func() []registry.Change { e, _ := st.Get(e.Key()); return e.History }()
			want := []struct {
				by         string
				thresholds *registry.Thresholds
			}{{"alice", nil}, {"bob", &th}, {"carol", nil}}
			for i, w := range want {
				c := h[i]
				if c.By != w.by || c.NATSUser != tt.natsUser || (c.Thresholds == nil) != (w.thresholds == nil) || c.Thresholds != nil && *c.Thresholds != *w.thresholds {
					t.Errorf("change %d: %+v, want by %q, nats user %q, thresholds %+v", i, c, w.by, tt.natsUser, w.thresholds)
				}
			}
			if a := h[1].Actor(); tt.natsUser != "" && a != "bob (nats: ops)" || tt.natsUser == "" && a != "bob" {
				t.Errorf("actor %q", a)
			}
		})
	}
}

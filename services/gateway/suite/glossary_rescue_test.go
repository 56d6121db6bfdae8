package suite_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestGlossaryRepairRescuesRejectedTranslation: Apertium leaves a name
// untranslated that a global glossary renders otherwise (alice → alicia,
// "alice" forbidden). Quality, scoring the translation before verify's
// repair, finds the term missing and answers retry; the repaired text is
// what quality accepts, and it is served (not the original), with
// quality's own score of it and verify's report. A term verify cannot
// repair still discards the rung; the view then lists each rung's skip
// once although the chain was walked twice.
func TestGlossaryRepairRescuesRejectedTranslation(t *testing.T) {
	if !apertium.Available() {
		t.Skip("apertium is not installed (make deps installs it as root)")
	}
	const text = "alice said hi to bob"
	// Ollama is unreachable (skipped: unavailable) and OpenAI has no key
	// (skipped: not configured): Apertium translates, offline.
	ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}})
	vars, gwAddr, natsAddr := suiteVars(t, ollama, map[string]string{
		"OLLAMA_HOST":     "http://" + freeAddr(t),
		"TRANSLATE_CHAIN": "ollama,openai,apertium",
	})
	runSuite(t, vars)
	gw := "http://" + gwAddr

	g := newSuiteGlossary(t, natsAddr)
	nc, ctx := g.nc, g.ctx
	// Stem entries: Apertium puts the targets of whole-word entries in
	// place of its own renderings itself (TestGlossaryTermsThroughApertium),
	// and leaves those of stem entries to verify, which is what this test
	// is about.
	alice := api.GlossaryEntry{ID: "alice", Inflection: "stem", Terms: []api.GlossaryTerm{
		{Language: "en", Text: "alice"}, {Language: "es", Text: "alicia", Forbidden: []string{"alice"}},
	}}
	create := func(id, scope string, entries ...api.GlossaryEntry) *api.GlossaryPrepareResponse {
		t.Helper()
		g.create(id, scope, entries...)
		return g.prepared(api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Glossary: id}, len(entries))
	}
	post := func(t *testing.T, body string) api.View {
		t.Helper()
		res, err := http.Post(gw+"/v1/translate", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var v api.View
		if err := json.NewDecoder(res.Body).Decode(&v); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("translate: %d %v %+v", res.StatusCode, err, v)
		}
		return v
	}
	// onceEach fails when a rung's outcome is listed twice, and returns
	// the attempts by backend.
	onceEach := func(t *testing.T, v api.View) map[string]string {
		t.Helper()
		seen := map[string]string{}
		for _, a := range v.Attempts {
			if prev, ok := seen[a.Backend]; ok {
				t.Errorf("%s listed twice in attempts (%q, %q): %+v", a.Backend, prev, a.Error, v.Attempts)
			}
			seen[a.Backend] = a.Error
		}
		if seen["ollama"] != "skipped: unavailable" || !strings.HasPrefix(seen["openai"], "skipped: not configured") {
			t.Errorf("attempts %+v, want ollama unavailable and openai not configured", v.Attempts)
		}
		return seen
	}

	prep := create("g-es", api.ScopeGlobal, alice)
	// Apertium's translation, as the pipeline gets it (with the count of
	// unknown words that quality scores).
	tr, err := client.Translate{NC: nc}.Translate(ctx, api.TranslateRequest{
		Text: text, Source: "en", Target: "es", Protect: prep.Protect, Terms: prep.Terms, Exclude: []string{"ollama", "openai"},
	})
	if err != nil {
		t.Fatal(err)
	}
	unrepaired := tr.Text
	if tr.Status != api.StatusTranslated || tr.Backend != "apertium" || !strings.Contains(unrepaired, "alice") {
		t.Fatalf("apertium translates %q as %q (%s by %s): the name is not left untranslated, nothing to repair", text, unrepaired, tr.Status, tr.Backend)
	}
	quality := client.Quality{NC: nc}
	score := func(translation string, rep *api.GlossaryReport) *api.QualityResponse {
		t.Helper()
		q, err := quality.Score(ctx, api.QualityRequest{
			Source: text, Translation: translation, SourceLang: "en", TargetLang: "es", Backend: tr.Backend, Model: tr.Model,
			Protect: prep.Protect, Terms: prep.Terms, Glossary: rep, UnknownWords: tr.UnknownWords,
		})
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	// The premise: quality discards the translation as Apertium makes it.
	if q := score(unrepaired, nil); !q.Retry() {
		t.Fatalf("quality keeps %q (%.0f %s): the rescue is not exercised", unrepaired, q.Score, q.Decision)
	}

	t.Run("a term verify repairs does not discard the rung", func(t *testing.T) {
		v := post(t, fmt.Sprintf(`{"text":%q,"source":"en","target":"es"}`, text))
		want := strings.Replace(unrepaired, "alice", "alicia", 1)
		if v.Status != api.StatusTranslated || v.Backend != "apertium" || v.Text != want {
			t.Fatalf("served %q (%s by %s: %s), want the repaired %q; attempts %+v", v.Text, v.Status, v.Backend, v.Reason, want, v.Attempts)
		}
		if termStatus(v, "alice") != api.TermRepaired || v.Glossary.Repaired != v.Text || v.Glossary.Flagged {
			t.Fatalf("glossary report %+v", v.Glossary)
		}
		if seen := onceEach(t, v); len(seen) != 2 {
			t.Errorf("attempts %+v: apertium served, nothing else tried", v.Attempts)
		}
		// The view's score is quality's score of the served text, with
		// verify's report: the glossary signal counts the repaired term.
		if v.Quality == nil || v.Quality.Retry() {
			t.Fatalf("quality %+v, degraded %v", v.Quality, v.Degraded)
		}
		if sg := signal(v.Quality, "glossary"); sg == nil || sg.Value != 1 {
			t.Errorf("glossary signal %+v of the repaired text", sg)
		}
		if q := score(v.Text, v.Glossary); v.Quality.Score != q.Score || v.Quality.Decision != q.Decision {
			t.Errorf("view quality %.1f %s, quality of the served text %.1f %s", v.Quality.Score, v.Quality.Decision, q.Score, q.Decision)
		}
		if v.Safety == nil || v.Safety.Translation == nil {
			t.Errorf("no safety check of the served translation: %+v (degraded %v)", v.Safety, v.Degraded)
		}
	})

	t.Run("a message of glossary terms only", func(t *testing.T) {
		// Apertium gives it back as it was; translate's copy check lets
		// it through (the terms are the glossary's to put in), and
		// repair does.
		v := post(t, `{"text":"alice alice alice","source":"en","target":"es"}`)
		if v.Status != api.StatusTranslated || v.Text != "alicia alicia alicia" {
			t.Fatalf("served %q (%s by %s: %s); attempts %+v", v.Text, v.Status, v.Backend, v.Reason, v.Attempts)
		}
	})

	t.Run("a term verify cannot repair still discards it, each skip listed once", func(t *testing.T) {
		// "hi" → "saludos": Apertium says "hola", which no rule of the
		// entry can repair. Created after the first request, and named
		// by this one, so that it applies to this request only.
		create("g-es-saludos", api.ScopeGlobal, alice, api.GlossaryEntry{ID: "hi", Inflection: "stem", Terms: []api.GlossaryTerm{
			{Language: "en", Text: "hi"}, {Language: "es", Text: "saludos"},
		}})
		v := post(t, fmt.Sprintf(`{"text":%q,"source":"en","target":"es","glossary":"g-es-saludos"}`, text))
		if v.Status != api.StatusOriginal || v.Text != text || v.Reason != "every translation was rejected by quality estimation" {
			t.Fatalf("view %q (%s: %s), want the original after quality's rejection", v.Text, v.Status, v.Reason)
		}
		if seen := onceEach(t, v); !strings.HasPrefix(seen["apertium"], "quality rejected the translation") {
			t.Errorf("attempts %+v, want apertium's rejection", v.Attempts)
		}
	})
}

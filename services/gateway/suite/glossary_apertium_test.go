package suite_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestGlossaryTermsThroughApertium is the localization team's report on a
// machine without an LLM: "Open the dashboard, please." was served as
// "Abierto el salpicadero, complacer." although the team's glossary says
// dashboard is "panel de control": the term missing, compliance 0, every
// such view flagged for review. Apertium now puts the glossary's target
// in place of its own rendering of a whole-word term, and the view is
// served with the term applied, unflagged.
func TestGlossaryTermsThroughApertium(t *testing.T) {
	if !apertium.Available() {
		t.Skip("apertium is not installed (make deps installs it as root)")
	}
	ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}})
	vars, gwAddr, natsAddr := suiteVars(t, ollama, map[string]string{
		"OLLAMA_HOST":     "http://" + freeAddr(t),
		"TRANSLATE_CHAIN": "ollama,openai,apertium",
	})
	runSuite(t, vars)
	g := newSuiteGlossary(t, natsAddr)
	g.create("acme-terms", api.ScopeGlobal, api.GlossaryEntry{ID: "dashboard", Terms: []api.GlossaryTerm{
		{Language: "en", Text: "dashboard"}, {Language: "es", Text: "panel de control"},
	}})

	v := translate(t, &env{gateway: "http://" + gwAddr}, `{"text":"Open the dashboard, please.","source":"en","target":"es","glossary":"acme-terms"}`)
	if v.Status != api.StatusTranslated || v.Backend != "apertium" || !strings.Contains(v.Text, "el panel de control") || strings.Contains(v.Text, "salpicadero") {
		t.Fatalf("served %q (%s by %s: %s), want Apertium's translation with the glossary's term", v.Text, v.Status, v.Backend, v.Reason)
	}
	if termStatus(v, "dashboard") != api.TermApplied || v.Glossary.Compliance != 1 || v.Glossary.Flagged || v.Glossary.Repaired != "" {
		t.Errorf("glossary report %+v, want the term applied by the translation itself", v.Glossary)
	}
	if v.Quality == nil || v.Quality.Decision == api.DecisionFlagForReview || v.Quality.Retry() {
		t.Errorf("quality %+v, want the view neither flagged nor discarded", v.Quality)
	}
}

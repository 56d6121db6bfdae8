package suite_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend/llm"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestHTMLGlossaryTermsWithAmpersand: in HTML mode the text writes the
// terms "R&D" and "AT&T" as "R&amp;D" and "AT&amp;T", and so does the
// translation (the chain protects the escapes). Both terms are hinted to
// the model, "AT&T" is found applied in the translation, and "R&D", which
// the model left untranslated, is repaired to "I+D" where it stands: the
// repair lists the text as found ("R&amp;D"), and the served text keeps
// the markup. (The model's translation into Spanish is retried with the
// terms as requirements before the repair is served, flagged for review:
// docs/glossary.md; the model ignores them again.)
func TestHTMLGlossaryTermsWithAmpersand(t *testing.T) {
	const (
		text   = "<p>Ask R&amp;D about AT&amp;T</p>"
		model  = "⟦0⟧Pregunta a R⟦1⟧D sobre AT⟦2⟧T⟦/0⟧"
		served = "<p>Pregunta a I+D sobre AT&amp;T</p>"
		key    = "html-terms-client-0123456789"
	)
	var (
		mu      sync.Mutex
		systems []string
	)
	dict := fakellm.Dictionary(map[string]string{llm.MaskFormat(text, nil, api.FormatHTML).Text: model})
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models: []string{"qwen2.5:3b"},
		Translator: func(r fakellm.Request) (string, error) {
			mu.Lock()
			systems = append(systems, r.System)
			mu.Unlock()
			return dict(r)
		},
	})
	vars, gwAddr, natsAddr := suiteVars(t, ollama, map[string]string{"PARLEY_API_KEYS": "app@htmlterms:client:" + key})
	runSuite(t, vars)

	g := newSuiteGlossary(t, natsAddr)
	g.create("g-html", api.ScopeGlobal,
		api.GlossaryEntry{ID: "rnd", Terms: []api.GlossaryTerm{{Language: "en", Text: "R&D"}, {Language: "es", Text: "I+D"}}},
		api.GlossaryEntry{ID: "att", Terms: []api.GlossaryTerm{{Language: "en", Text: "AT&T"}, {Language: "es", Text: "AT&T"}}},
	)
	g.prepared(api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Glossary: "g-html", Format: api.FormatHTML}, 2)

	var v api.View
	body := fmt.Sprintf(`{"text":%q,"source":"en","target":"es","glossary":"g-html","format":"html"}`, text)
	if st := modCall(t, "POST", "http://"+gwAddr+"/v1/translate", key, body, &v); st != http.StatusOK {
		t.Fatalf("translate: %d", st)
	}
	if v.Status != api.StatusTranslated || v.Text != served {
		t.Fatalf("served %q (%s: %s, attempts %+v), want %q", v.Text, v.Status, v.Reason, v.Attempts, served)
	}
	if v.Glossary == nil || len(v.Glossary.Terms) != 2 || termStatus(v, "R&amp;D") != api.TermRepaired ||
		termStatus(v, "AT&amp;T") != api.TermApplied || v.Glossary.Compliance != 1 || !v.Glossary.Retried || !v.Glossary.Flagged {
		t.Fatalf("glossary report %+v, want R&D repaired and AT&T applied", v.Glossary)
	}
	restored := "<p>Pregunta a R&amp;D sobre AT&amp;T</p>"
	if rs := v.Glossary.Repairs; len(rs) != 1 || rs[0].From != "R&amp;D" || rs[0].To != "I+D" || rs[0].Start != strings.Index(restored, "R&amp;D") {
		t.Errorf("repairs %+v, want R&amp;D → I+D in the translation", rs)
	}
	if len(v.Degraded) != 0 {
		t.Errorf("degraded %v", v.Degraded)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(systems) != 2 || strings.Contains(systems[0], strictRule) || !strings.Contains(systems[1], strictRule) {
		t.Fatalf("%d model calls, want the translation and the strict retry", len(systems))
	}
	for _, hint := range []string{`"R&amp;D" -> "I+D"`, `"AT&amp;T" -> "AT&T"`} {
		if !strings.Contains(systems[0], hint) {
			t.Errorf("the prompt has no hint %s:\n%s", hint, systems[0])
		}
	}
}

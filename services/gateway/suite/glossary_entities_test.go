package suite_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestGlossaryRepairKeepsChatEntities: a glossary term whose wrong
// rendering also stands inside a URL and a mention, and whose source term
// is a channel name, is matched once (in the prose), repaired there only,
// and the served text keeps the URL, mention and channel byte for byte.
// The model made the translation into Spanish, whose words agree in
// gender, so the repair is served only after the strict retry (which the
// model ignores too), flagged for review (docs/glossary.md).
func TestGlossaryRepairKeepsChatEntities(t *testing.T) {
	const (
		text   = "Join the meeting at https://x.io/reunión now and ask @reunión in #meeting please"
		model  = "Únete a la reunión en ⟦0⟧ ahora y pregunta a ⟦1⟧ en ⟦2⟧, por favor."
		served = "Únete a la junta en https://x.io/reunión ahora y pregunta a @reunión en #meeting, por favor."
		key    = "entities-client-0123456789"
	)
	// A model that ignores the glossary hint; the entities reach it as
	// sentinels, in order.
	var calls atomic.Int32
	dict := fakellm.Dictionary(map[string]string{"Join the meeting at ⟦0⟧ now and ask ⟦1⟧ in ⟦2⟧ please": model})
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models: []string{"qwen2.5:3b"},
		Translator: func(r fakellm.Request) (string, error) {
			calls.Add(1)
			return dict(r)
		},
	})
	vars, gwAddr, natsAddr := suiteVars(t, ollama, map[string]string{"PARLEY_API_KEYS": "app@ents:client:" + key})
	runSuite(t, vars)

	g := newSuiteGlossary(t, natsAddr)
	g.create("g-entities", api.ScopeGlobal, meetingEntry)
	prep := g.prepared(api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Glossary: "g-entities", Tenant: "ents"}, 1)
	if len(prep.Matches) != 1 || prep.Matches[0].Start != strings.Index(text, "meeting") {
		t.Errorf("matches %+v, want the one in the prose (not #meeting)", prep.Matches)
	}

	var v api.View
	if st := modCall(t, "POST", "http://"+gwAddr+"/v1/translate", key, fmt.Sprintf(`{"text":%q,"source":"en","target":"es","glossary":"g-entities"}`, text), &v); st != http.StatusOK {
		t.Fatalf("translate: %d", st)
	}
	if v.Status != api.StatusTranslated || v.Text != served {
		t.Fatalf("served %q (%s: %s), want %q", v.Text, v.Status, v.Reason, served)
	}
	if v.Glossary == nil || len(v.Glossary.Terms) != 1 || termStatus(v, "meeting") != api.TermRepaired || !v.Glossary.Retried || !v.Glossary.Flagged {
		t.Fatalf("glossary report %+v", v.Glossary)
	}
	if rs := v.Glossary.Repairs; len(rs) != 1 || rs[0].From != "reunión" || rs[0].Start != strings.Index(model, "reunión") {
		t.Errorf("repairs %+v, want the one in the prose", rs)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d model calls, want 2 (the translation and the strict retry)", n)
	}
	if v.Quality == nil || v.Quality.Decision != api.DecisionFlagForReview {
		t.Errorf("quality %+v, want the repair flagged for review", v.Quality)
	}
}

package suite_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestGlossaryRepairServedTextIsChecked: when glossary verify repairs a
// forbidden rendering, the view's quality and its safety check (and with
// them the tenant policy's mask and the PII spans) are those of the
// repaired text that is served, through /v1/translate and through a
// conversation's message views alike. (The model ignores the term even
// when told it is mandatory, so the repair is served after the strict
// retry, flagged for review: a repair of an LLM's Spanish may not agree
// with the words around it.)
func TestGlossaryRepairServedTextIsChecked(t *testing.T) {
	const (
		text       = "The meeting starts at noon, mail jo@example.com for details"
		unrepaired = "La reunión empieza a mediodía, escribe a jo@example.com para más detalles."
		email      = "jo@example.com"
		maskKey    = "mask-client-0123456789"
	)
	// A model that ignores the glossary hint and uses the forbidden word.
	// The e-mail address reaches it as a sentinel.
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models: []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(map[string]string{
			strings.Replace(text, email, "⟦0⟧", 1): strings.Replace(unrepaired, email, "⟦0⟧", 1),
		}),
	})
	lists := filepath.Join(t.TempDir(), "tenants.json")
	if err := os.WriteFile(lists, []byte(`{"maskpii": {"policy": {"action": "mask", "categories": {"pii": "mask"}, "mask_char": "#"}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	vars, gwAddr, natsAddr := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS":     "app@maskpii:client:" + maskKey,
		"SAFETY_TENANT_LISTS": lists,
	})
	runSuite(t, vars)
	gw := "http://" + gwAddr

	g := newSuiteGlossary(t, natsAddr)
	nc, ctx := g.nc, g.ctx
	g.create("g-es", api.ScopeGlobal, meetingEntry)
	prep := g.prepared(api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Glossary: "g-es", Tenant: "maskpii"}, 1)

	// checkServed asserts that the mask and the spans of a view are those
	// of the text it serves.
	checkServed := func(t *testing.T, v api.View) {
		t.Helper()
		if v.Status != api.StatusTranslated || v.Text == unrepaired || !strings.Contains(v.Text, "junta") || strings.Contains(v.Text, "reunión") {
			t.Fatalf("the repaired translation is not served: %q (%s: %s)", v.Text, v.Status, v.Reason)
		}
		if termStatus(v, "meeting") != api.TermRepaired {
			t.Fatalf("glossary report %+v", v.Glossary)
		}
		if v.Safety == nil || v.Safety.Translation == nil || v.Safety.Policy == nil || v.Safety.Policy.Action != api.PolicyMask {
			t.Fatalf("safety %+v", v.Safety)
		}
		masked := v.Text
		found := false
		for _, s := range v.Safety.Translation.Spans {
			if s.Start < 0 || s.End > len(v.Text) || v.Text[s.Start:s.End] != s.Text {
				t.Fatalf("span %+v does not index into the served text %q", s, v.Text)
			}
			if s.Category == "pii" && s.Text == email {
				found = true
				masked = v.Text[:s.Start] + strings.Repeat("#", len(email)) + v.Text[s.End:]
			}
		}
		if !found {
			t.Fatalf("no PII span for %s in %+v", email, v.Safety.Translation.Spans)
		}
		if v.Safety.Policy.Masked != masked {
			t.Fatalf("masked %q, want the served text masked: %q", v.Safety.Policy.Masked, masked)
		}
	}

	var v api.View
	if st := modCall(t, "POST", gw+"/v1/translate", maskKey, fmt.Sprintf(`{"text":%q,"source":"en","target":"es","glossary":"g-es"}`, text), &v); st != http.StatusOK {
		t.Fatalf("translate: %d", st)
	}
	checkServed(t, v)

	// Quality: the view's score is quality's score of the served text
	// (with verify's report on it), and the glossary signal does not
	// miss the repaired term.
	if v.Quality == nil {
		t.Fatalf("no quality: degraded %v", v.Degraded)
	}
	sg := signal(v.Quality, "glossary")
	if sg == nil || sg.Value != 1 || strings.Contains(sg.Reason, "missing") {
		t.Errorf("glossary signal %+v on the repaired text", sg)
	}
	want, err := client.Quality{NC: nc}.Score(ctx, api.QualityRequest{
		Source: text, Translation: v.Text, SourceLang: "en", TargetLang: "es", Backend: v.Backend, Model: v.Model,
		Protect: prep.Protect, Terms: prep.Terms, Glossary: v.Glossary,
	})
	if err != nil {
		t.Fatal(err)
	}
	if v.Quality.Score != want.Score || v.Quality.Decision != api.DecisionFlagForReview || !v.Glossary.Retried || !v.Glossary.Flagged {
		t.Errorf("view quality %.1f %s (report %+v), want quality's score of the served text %.1f, flagged for review", v.Quality.Score, v.Quality.Decision, v.Glossary, want.Score)
	}

	// A message in a conversation: its Spanish view is the repaired
	// text, masked.
	if st := modCall(t, "POST", gw+"/v1/messages", maskKey, fmt.Sprintf(`{"conversation":"pii2","id":"m-1","text":%q,"source":"en"}`, text), nil); st != http.StatusCreated {
		t.Fatalf("post message: %d", st)
	}
	var page api.MessagePage
	if st := modCall(t, "GET", gw+"/v1/conversations/pii2/messages?locale=es", maskKey, "", &page); st != http.StatusOK {
		t.Fatalf("conversation page: %d", st)
	}
	if len(page.Messages) != 1 {
		t.Fatalf("page %+v", page)
	}
	mv := page.Messages[0]
	if mv.Safety == nil || mv.Safety.Action != api.SafetyMask || mv.Text != v.Safety.Policy.Masked {
		t.Fatalf("message view %q (%+v), want the repaired text masked: %q", mv.Text, mv.Safety, v.Safety.Policy.Masked)
	}
}

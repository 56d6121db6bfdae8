package suite_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// inflectingModel plays an LLM for TestGlossaryInflectingLanguages: it
// answers by the message and reads the system prompt as a model would.
func inflectingModel(r fakellm.Request) (string, error) {
	strict := strings.Contains(r.System, strictRule)
	switch msg := fakellm.DataIn(r.User); msg {
	case "Open the support channel.":
		return "Öffnen Sie den Support-Kanal.", nil
	case "Reply in the thread.":
		return "Ответьте в ветке.", nil
	case "Create an account.":
		// Writes the glossary's term, in the form the sentence needs,
		// only when told it is mandatory.
		if strict {
			return "Erstellen Sie ein Konto.", nil
		}
		return "Erstellen Sie einen Account.", nil
	case "Delete your account.":
		// Never follows it.
		return "Löschen Sie Ihren Account.", nil
	case "Start a thread.":
		if strict {
			return "Создайте ветку.", nil
		}
		return "Создайте тред.", nil
	case "The meeting starts at noon.":
		switch {
		case strings.Contains(r.System, `"meeting" -> "Sitzung"`):
			return "Die Sitzung beginnt mittags.", nil
		case strings.Contains(r.System, `"meeting" -> "Besprechung"`):
			return "Die Besprechung beginnt mittags.", nil
		}
		return "Das Meeting beginnt mittags.", nil
	}
	return "", fmt.Errorf("inflectingModel: no answer for %q", fakellm.DataIn(r.User))
}

// TestGlossaryInflectingLanguages drives glossary enforcement into German
// and Russian through the gateway, with the real glossary, quality and
// translate services: the view's quality agrees with glossary verify's
// report (a compound and a case ending verify finds applied are not
// "missing"), a repair of an LLM's translation is served only after the
// strict retry had its chance (and then flagged for review), and a
// conversation's message view read right after a glossary change is
// rendered with the new version.
func TestGlossaryInflectingLanguages(t *testing.T) {
	const key = "inflect-client-0123456789"
	ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: inflectingModel})
	vars, gwAddr, natsAddr := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS":        "app:client:" + key,
		"DETECT_LANGUAGES":       "en,es,de,ru",
		"QUALITY_DETECT_TIMEOUT": "30s",
	})
	runSuite(t, vars)
	gw := "http://" + gwAddr
	g := newSuiteGlossary(t, natsAddr)
	create := func(id, target string, entries ...api.GlossaryEntry) {
		t.Helper()
		if _, err := g.gc.Create(g.ctx, api.GlossaryCreateRequest{Author: "lena", Glossary: api.Glossary{
			ID: id, Languages: []string{"en", target}, Scope: api.GlossaryScope{Kind: api.ScopeGlobal}, Entries: entries,
		}}); err != nil {
			t.Fatal(err)
		}
	}
	term := func(id, en, lang, target, inflection string, forbidden ...string) api.GlossaryEntry {
		return api.GlossaryEntry{ID: id, Inflection: inflection, Terms: []api.GlossaryTerm{
			{Language: "en", Text: en}, {Language: lang, Text: target, Forbidden: forbidden}}}
	}
	create("g-de", "de", term("channel", "channel", "de", "Kanal", ""), term("account", "account", "de", "Konto", "", "Account"))
	create("g-ru", "ru", term("thread", "thread", "ru", "ветка", "stem", "тред"))
	g.prepared(api.GlossaryPrepareRequest{Text: "Create an account.", Source: "en", Target: "de", Glossary: "g-de"}, 1)
	g.prepared(api.GlossaryPrepareRequest{Text: "Start a thread.", Source: "en", Target: "ru", Glossary: "g-ru"}, 1)

	translate := func(t *testing.T, text, target, glossary string) api.View {
		t.Helper()
		var v api.View
		body := fmt.Sprintf(`{"text":%q,"source":"en","target":%q,"glossary":%q}`, text, target, glossary)
		if st := modCall(t, "POST", gw+"/v1/translate", key, body, &v); st != http.StatusOK {
			t.Fatalf("translate: %d", st)
		}
		if v.Status != api.StatusTranslated {
			t.Fatalf("view %s: %s (attempts %+v)", v.Status, v.Reason, v.Attempts)
		}
		return v
	}

	t.Run("quality's glossary signal is verify's report", func(t *testing.T) {
		for _, tt := range []struct{ text, target, glossary, source, want string }{
			{"Open the support channel.", "de", "g-de", "channel", "Öffnen Sie den Support-Kanal."},
			{"Reply in the thread.", "ru", "g-ru", "thread", "Ответьте в ветке."},
		} {
			v := translate(t, tt.text, tt.target, tt.glossary)
			if v.Text != tt.want || termStatus(v, tt.source) != api.TermApplied || v.Glossary.Compliance != 1 {
				t.Fatalf("served %q with report %+v", v.Text, v.Glossary)
			}
			sg := signal(v.Quality, "glossary")
			if sg == nil || sg.Value != 1 || strings.Contains(sg.Reason, "missing") {
				t.Errorf("%s: glossary signal %+v contradicts the report", tt.target, sg)
			}
			if v.Quality.Decision != api.DecisionAccept {
				t.Errorf("%s: quality %.0f %s, want accept", tt.target, v.Quality.Score, v.Quality.Decision)
			}
		}
	})

	t.Run("repair into an inflecting language: the strict retry first", func(t *testing.T) {
		for _, tt := range []struct{ text, target, glossary, source, want, status string }{
			{"Create an account.", "de", "g-de", "account", "Erstellen Sie ein Konto.", api.TermApplied},
			{"Start a thread.", "ru", "g-ru", "thread", "Создайте ветку.", api.TermApplied},
		} {
			calls := len(ollama.Requests())
			v := translate(t, tt.text, tt.target, tt.glossary)
			if v.Text != tt.want || termStatus(v, tt.source) != tt.status || !v.Glossary.Retried || v.Glossary.Flagged || len(v.Glossary.Repairs) != 0 {
				t.Fatalf("served %q with report %+v, want the retry %q", v.Text, v.Glossary, tt.want)
			}
			if n := len(ollama.Requests()) - calls; n != 2 {
				t.Errorf("%d model calls, want the translation and the strict retry", n)
			}
			if v.Quality == nil || v.Quality.Decision == api.DecisionFlagForReview {
				t.Errorf("quality %+v", v.Quality)
			}
		}
	})

	t.Run("the model ignores the requirement: the repair is flagged", func(t *testing.T) {
		v := translate(t, "Delete your account.", "de", "g-de")
		if v.Text != "Löschen Sie Ihren Konto." || termStatus(v, "account") != api.TermRepaired || !v.Glossary.Retried || !v.Glossary.Flagged {
			t.Fatalf("served %q with report %+v", v.Text, v.Glossary)
		}
		if v.Quality == nil || v.Quality.Decision != api.DecisionFlagForReview {
			t.Fatalf("quality %+v, want flag_for_review", v.Quality)
		}
	})

	t.Run("a message view read right after a glossary change uses it", func(t *testing.T) {
		create("g-meeting", "de", term("meeting", "meeting", "de", "Besprechung", ""))
		g.prepared(api.GlossaryPrepareRequest{Text: "The meeting starts at noon.", Source: "en", Target: "de"}, 1)
		if st := modCall(t, "POST", gw+"/v1/messages", key, `{"conversation":"gl-1","id":"m-1","text":"The meeting starts at noon.","source":"en"}`, nil); st != http.StatusCreated {
			t.Fatalf("post message: %d", st)
		}
		page := func() string {
			t.Helper()
			var p api.MessagePage
			if st := modCall(t, "GET", gw+"/v1/conversations/gl-1/messages?locale=de", key, "", &p); st != http.StatusOK || len(p.Messages) != 1 {
				t.Fatalf("page: %d %+v", st, p)
			}
			return p.Messages[0].Text
		}
		if got := page(); got != "Die Besprechung beginnt mittags." {
			t.Fatalf("view %q", got)
		}
		page() // cached now

		// The term changes: "Besprechung" is forbidden now.
		if _, err := g.gc.PutEntry(g.ctx, api.GlossaryEntryPutRequest{ID: "g-meeting", Author: "lena",
			Entry: term("meeting", "meeting", "de", "Sitzung", "", "Besprechung")}); err != nil {
			t.Fatal(err)
		}
		changed := time.Now()
		waitFor(t, 30*time.Second, func() error {
			p, err := g.gc.Prepare(g.ctx, api.GlossaryPrepareRequest{Text: "The meeting starts at noon.", Source: "en", Target: "de"})
			if err != nil {
				return err
			}
			if len(p.Terms) != 1 || p.Terms[0].Target != "Sitzung" {
				return fmt.Errorf("prepare still hints %+v", p.Terms)
			}
			return nil
		})
		// The gateway follows the glossary heads as the glossary
		// replicas do, within milliseconds; the view cache keeps a view
		// for a minute. Each poll renders a view: 20 s gives a loaded
		// machine slack and still tells the heads from the minute.
		waitFor(t, 20*time.Second, func() error {
			if got := page(); got != "Die Sitzung beginnt mittags." {
				return fmt.Errorf("view %q, %s after the change", got, time.Since(changed).Round(time.Millisecond))
			}
			return nil
		})
	})
}

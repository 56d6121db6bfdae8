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

// TestFlaggedMessagesAreNoContextBeforeTheirVerdictIsKnown: the messages
// service leaves a message the safety policy flags out of the context
// sent to the model, also when its process has no verdict on it yet. A
// flagged message posted just before the next one is still being
// rendered (the model takes a while over it) when the next one's
// translation is asked for: it is not in that prompt. After a restart of
// the service, which knows nothing of what it rendered before, it is not
// in the prompt of a new message either. A clean earlier message still
// goes as context, both times.
func TestFlaggedMessagesAreNoContextBeforeTheirVerdictIsKnown(t *testing.T) {
	const (
		conv    = "room-ctx"
		clean   = "the train leaves at noon"
		flagged = "this shit is broken again"
		next    = "where is the meeting room"
		later   = "the meeting starts soon"
	)
	spanish := map[string]string{
		clean:   "el tren sale a mediodía",
		flagged: "esta mierda está rota otra vez",
		next:    "dónde está la sala de reuniones",
		later:   "la reunión empieza pronto",
	}
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models: []string{"qwen2.5:3b"},
		// The prompt carries earlier messages as context before the
		// message to translate: the last known text in it is the one.
		Translator: func(r fakellm.Request) (string, error) {
			best, at := "", -1
			for en := range spanish {
				if i := strings.LastIndex(r.User, en); i > at {
					best, at = en, i
				}
			}
			if at < 0 {
				return "", fmt.Errorf("no known text in %q", r.User)
			}
			if best == flagged {
				// The flagged message's render is still running when
				// the next message's context is chosen.
				time.Sleep(1500 * time.Millisecond)
			}
			return spanish[best], nil
		},
	})
	vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS": "app:client:" + modClientKey,
	})
	_, stop := runSuite(t, vars)
	gw := "http://" + gwAddr
	post := func(id, text string) {
		t.Helper()
		body := fmt.Sprintf(`{"conversation":%q,"id":%q,"author":"ana","text":%q,"source":"en"}`, conv, id, text)
		if st := modCall(t, "POST", gw+"/v1/messages", modClientKey, body, nil); st != http.StatusCreated {
			t.Fatalf("post %s: %d", id, st)
		}
	}
	// prompts are the user prompts the model received to translate text.
	prompts := func(text string) []string {
		var out []string
		for _, r := range ollama.Requests() {
			if strings.Contains(r.User, text) {
				out = append(out, r.User)
			}
		}
		return out
	}
	checkContext := func(t *testing.T, text string) {
		t.Helper()
		ps := prompts(text)
		if len(ps) == 0 {
			t.Fatalf("the model got no prompt with %q", text)
		}
		for _, p := range ps {
			if strings.Contains(p, flagged) {
				t.Fatalf("the flagged message went to the model as context of %q:\n%s", text, p)
			}
		}
		if !strings.Contains(ps[len(ps)-1], clean) {
			t.Fatalf("the clean earlier message is not in the context of %q:\n%s", text, ps[len(ps)-1])
		}
	}

	// A Spanish reader has the conversation open: the messages service
	// pre-translates into es.
	live, closeLive := sseViews(t, gw+"/v1/conversations/"+conv+"/events?locale=es", modClientKey)
	post("ctx-1", clean)
	awaitView(t, live, "view of ctx-1", func(v api.MessageView) bool { return v.ID == "ctx-1" })
	post("ctx-2", flagged)
	post("ctx-3", next)
	var v2 *api.MessageView
	seen3 := false
	awaitView(t, live, "views of ctx-2 and ctx-3", func(v api.MessageView) bool {
		switch v.ID {
		case "ctx-2":
			v2 = &v
		case "ctx-3":
			seen3 = true
		}
		return v2 != nil && seen3
	})
	if v2.Safety == nil || !v2.Safety.Flagged {
		t.Fatalf("ctx-2 is not flagged: %+v", v2)
	}
	t.Run("posted just before", func(t *testing.T) { checkContext(t, next) })

	// A new process knows no verdict of what the last one rendered.
	closeLive()
	stop()
	runSuite(t, vars)
	live, _ = sseViews(t, gw+"/v1/conversations/"+conv+"/events?locale=es", modClientKey)
	post("ctx-4", later)
	awaitView(t, live, "view of ctx-4", func(v api.MessageView) bool { return v.ID == "ctx-4" })
	t.Run("after a restart", func(t *testing.T) { checkContext(t, later) })
}

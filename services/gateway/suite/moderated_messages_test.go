package suite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// sseViews reads a conversation's event stream in the background and
// delivers its views until closed with the returned function (the
// gateway's graceful shutdown waits for open streams).
func sseViews(t *testing.T, url, key string) (<-chan api.MessageView, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Parley-Views") != "pretranslated" {
		res.Body.Close()
		t.Fatalf("events: %d, Parley-Views %q", res.StatusCode, res.Header.Get("Parley-Views"))
	}
	out := make(chan api.MessageView, 64)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var v api.MessageView
			if json.Unmarshal([]byte(data), &v) == nil {
				select {
				case out <- v:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, cancel
}

// awaitView waits for a view on an event stream that satisfies ok.
func awaitView(t *testing.T, views <-chan api.MessageView, what string, ok func(api.MessageView) bool) api.MessageView {
	t.Helper()
	timeout := time.After(30 * time.Second)
	var seen []string
	for {
		select {
		case v := <-views:
			if ok(v) {
				return v
			}
			seen = append(seen, fmt.Sprintf("%s:%s:%s:%q", v.ID, v.Status, v.Moderation, v.Text))
		case <-timeout:
			t.Fatalf("no %s on the event stream; saw %v", what, seen)
		}
	}
}

// TestModeratedMessagesEndToEnd: the views of chat messages that the
// safety policy flags (pre-translated by the messages service and served
// by the gateway) become moderation cases with their conversation and
// message ids, and moderators' decisions reach every reader: hide hides
// the message in every locale, approve serves the flagged view, correct
// serves the correction at once (not after the view cache's minute), live
// on the event stream too; and after a restart on the same state, the
// hidden message is still hidden. A decision covers the revision the
// moderator saw: the author edits the approved and the corrected message
// into texts flagged again, and they are held back again, the approved
// one's edit a new case (approved in its turn); an edit never un-hides
// the hidden message.
func TestModeratedMessagesEndToEnd(t *testing.T) {
	const (
		conv       = "room-mod"
		correction = "qué desastre"
	)
	texts := map[string]string{
		"mod-1": "you are a piece of shit",
		"mod-2": "what a piece of shit",
		"mod-3": "this shit is broken",
	}
	spanish := map[string]string{
		texts["mod-1"]: "eres un pedazo de mierda",
		texts["mod-2"]: "qué pedazo de mierda",
		texts["mod-3"]: "esta mierda está rota",
		// The edits of mod-3 and mod-2.
		"fuck this shit": "a la mierda con esto",
		"shit happens":   "la mierda pasa",
	}
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models: []string{"qwen2.5:3b"},
		// The prompt carries earlier messages as context before the
		// message to translate: the last text in it is the one.
		Translator: func(r fakellm.Request) (string, error) {
			best, at := "", -1
			for en, es := range spanish {
				if i := strings.LastIndex(r.User, en); i > at {
					best, at = es, i
				}
			}
			if at < 0 {
				return "", fmt.Errorf("no known text in %q", r.User)
			}
			return best, nil
		},
	})
	vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS": "app:client:" + modClientKey + ",alice:moderator:" + modAliceKey,
	})
	_, stop := runSuite(t, vars)
	gw := "http://" + gwAddr
	view := func(id, locale string) api.MessageView {
		t.Helper()
		var v api.MessageView
		if st := modCall(t, "GET", gw+"/v1/messages/"+id+"?locale="+locale, modClientKey, "", &v); st != 200 {
			t.Fatalf("GET %s in %s: %d", id, locale, st)
		}
		return v
	}

	// A Spanish reader has the conversation open: the messages service
	// pre-translates into es.
	live, closeLive := sseViews(t, gw+"/v1/conversations/"+conv+"/events?locale=es", modClientKey)
	for _, id := range []string{"mod-1", "mod-2", "mod-3"} {
		body := fmt.Sprintf(`{"conversation":%q,"id":%q,"text":%q,"source":"en"}`, conv, id, texts[id])
		if st := modCall(t, "POST", gw+"/v1/messages", modClientKey, body, nil); st != http.StatusCreated {
			t.Fatalf("post %s: %d", id, st)
		}
		v := awaitView(t, live, "pre-translated view of "+id, func(v api.MessageView) bool { return v.ID == id })
		if v.Status != api.StatusHidden || v.Text != "" || v.Safety == nil || !v.Safety.Flagged || v.Moderation != "" {
			t.Fatalf("flagged view of %s: %+v", id, v)
		}
	}

	// Each flagged message is a case with its conversation and message id.
	cases := map[string]api.CaseSummary{}
	waitFor(t, 30*time.Second, func() error {
		var list api.CaseListResponse
		if st := modCall(t, "GET", gw+"/v1/moderation/cases?locale=es", modAliceKey, "", &list); st != 200 {
			return fmt.Errorf("list: %d", st)
		}
		for _, c := range list.Cases {
			if texts[c.MessageID] != "" && c.ConversationID == conv && c.TargetLanguage == "es" {
				cases[c.MessageID] = c
			}
		}
		if len(cases) != len(texts) {
			return fmt.Errorf("cases for %d of %d messages", len(cases), len(texts))
		}
		return nil
	})
	decide := func(id, body string) {
		t.Helper()
		url := gw + "/v1/moderation/cases/" + cases[id].ID
		if st := modCall(t, "POST", url+"/claim", modAliceKey, "", nil); st != 200 {
			t.Fatalf("claim the case of %s: %d", id, st)
		}
		if st := modCall(t, "POST", url+"/decide", modAliceKey, body, nil); st != 200 {
			t.Fatalf("decide %s on %s: %d", body, id, st)
		}
	}
	// The gateway has these views in its view cache (a minute).
	for id := range texts {
		if v := view(id, "es"); v.Status != api.StatusHidden || v.Moderation != "" {
			t.Fatalf("%s before any decision: %+v", id, v)
		}
	}

	t.Run("hide", func(t *testing.T) {
		decide("mod-1", `{"action":"hide","reason":"abuse"}`)
		waitFor(t, 30*time.Second, func() error {
			if v := view("mod-1", "es"); v.Moderation != api.ModeratedHidden || v.Status != api.StatusHidden || v.Text != "" {
				return fmt.Errorf("es view %+v", v)
			}
			return nil
		})
		// Every locale: an English reader gets no text either.
		if v := view("mod-1", "en"); v.Moderation != api.ModeratedHidden || v.Status != api.StatusHidden || v.Text != "" || v.Original != nil {
			t.Fatalf("en view: %+v", v)
		}
		var page api.MessagePage
		if st := modCall(t, "GET", gw+"/v1/conversations/"+conv+"/messages?locale=es&original=1", modClientKey, "", &page); st != 200 {
			t.Fatalf("page: %d", st)
		}
		for _, v := range page.Messages {
			if v.ID == "mod-1" && (v.Moderation != api.ModeratedHidden || v.Text != "" || v.Original != nil) {
				t.Fatalf("page view: %+v", v)
			}
		}
		awaitView(t, live, "hidden view of mod-1", func(v api.MessageView) bool {
			return v.ID == "mod-1" && v.Moderation == api.ModeratedHidden && v.Text == ""
		})
	})

	t.Run("approve", func(t *testing.T) {
		decide("mod-3", `{"action":"approve"}`)
		waitFor(t, 30*time.Second, func() error {
			if v := view("mod-3", "es"); v.Moderation != api.ModeratedApproved || v.Status != api.StatusTranslated || v.Text != "esta mierda está rota" {
				return fmt.Errorf("es view %+v", v)
			}
			return nil
		})
	})

	t.Run("correct", func(t *testing.T) {
		decide("mod-2", fmt.Sprintf(`{"action":"correct","correction":%q}`, correction))
		// Well within the view cache's minute: the decision made a new key.
		waitFor(t, 30*time.Second, func() error {
			if v := view("mod-2", "es"); v.Moderation != api.ModeratedCorrected || v.Status != api.StatusTranslated || v.Text != correction {
				return fmt.Errorf("es view %+v", v)
			}
			return nil
		})
		awaitView(t, live, "corrected view of mod-2", func(v api.MessageView) bool {
			return v.ID == "mod-2" && v.Moderation == api.ModeratedCorrected && v.Text == correction
		})
	})

	// A hide is undone by reopening the case and approving it; a hide
	// after that hides again. Until a new decision, the old one holds.
	t.Run("reopen", func(t *testing.T) {
		url := gw + "/v1/moderation/cases/" + cases["mod-1"].ID
		reopen := func() {
			t.Helper()
			var c api.Case
			if st := modCall(t, "POST", url+"/reopen", modAliceKey, `{"reason":"a second look"}`, &c); st != 200 || c.Status != api.CaseOpen {
				t.Fatalf("reopen: %d %+v", st, c)
			}
		}
		reopen()
		if v := view("mod-1", "es"); v.Moderation != api.ModeratedHidden || v.Text != "" {
			t.Fatalf("reopened, not decided again: %+v", v)
		}
		decide("mod-1", `{"action":"approve","reason":"banter between friends"}`)
		waitFor(t, 30*time.Second, func() error {
			if v := view("mod-1", "es"); v.Moderation != api.ModeratedApproved || v.Status != api.StatusTranslated || v.Text != "eres un pedazo de mierda" {
				return fmt.Errorf("es view %+v", v)
			}
			return nil
		})
		awaitView(t, live, "approved view of mod-1", func(v api.MessageView) bool {
			return v.ID == "mod-1" && v.Moderation == api.ModeratedApproved && v.Text != ""
		})
		reopen()
		decide("mod-1", `{"action":"hide","reason":"abuse after all"}`)
		waitFor(t, 30*time.Second, func() error {
			if v := view("mod-1", "es"); v.Moderation != api.ModeratedHidden || v.Status != api.StatusHidden || v.Text != "" {
				return fmt.Errorf("es view %+v", v)
			}
			return nil
		})
	})

	// Restart everything on the same state: the decisions hold.
	closeLive()
	stop()
	runSuite(t, vars)
	if v := view("mod-1", "es"); v.Moderation != api.ModeratedHidden || v.Status != api.StatusHidden || v.Text != "" {
		t.Fatalf("mod-1 after the restart: %+v", v)
	}
	if v := view("mod-2", "es"); v.Text != correction || v.Moderation != api.ModeratedCorrected {
		t.Fatalf("mod-2 after the restart: %+v", v)
	}
	if v := view("mod-3", "es"); v.Moderation != api.ModeratedApproved || v.Text != "esta mierda está rota" {
		t.Fatalf("mod-3 after the restart: %+v", v)
	}

	edit := func(id, text string) {
		t.Helper()
		if st := modCall(t, "PATCH", gw+"/v1/messages/"+id, modClientKey, fmt.Sprintf(`{"text":%q}`, text), nil); st != 200 {
			t.Fatalf("edit %s: %d", id, st)
		}
	}
	heldBack := func(id string) func() error {
		return func() error {
			if v := view(id, "es"); v.Revision != 2 || v.Status != api.StatusHidden || v.Text != "" || v.Moderation != "" ||
				v.Safety == nil || !v.Safety.Flagged || v.Safety.Action != api.SafetyHide {
				return fmt.Errorf("es view %+v", v)
			}
			return nil
		}
	}

	t.Run("approve then edit", func(t *testing.T) {
		edit("mod-3", "fuck this shit")
		waitFor(t, 30*time.Second, heldBack("mod-3"))
		// The edit is a case of its own, about revision 2.
		var edited api.Case
		waitFor(t, 30*time.Second, func() error {
			var list api.CaseListResponse
			if st := modCall(t, "GET", gw+"/v1/moderation/cases?locale=es", modAliceKey, "", &list); st != 200 {
				return fmt.Errorf("list: %d", st)
			}
			for _, c := range list.Cases {
				if c.MessageID == "mod-3" && c.ID != cases["mod-3"].ID {
					if st := modCall(t, "GET", gw+"/v1/moderation/cases/"+c.ID, modAliceKey, "", &edited); st != 200 {
						return fmt.Errorf("get %s: %d", c.ID, st)
					}
					return nil
				}
			}
			return fmt.Errorf("no new case of mod-3 among %d", list.Total)
		})
		if edited.MessageRevision != 2 || edited.Original != "fuck this shit" || edited.Status != api.CaseOpen {
			t.Fatalf("case of the edit: %+v", edited)
		}
		cases["mod-3 revision 2"] = api.CaseSummary{ID: edited.ID}
		decide("mod-3 revision 2", `{"action":"approve"}`)
		waitFor(t, 30*time.Second, func() error {
			if v := view("mod-3", "es"); v.Revision != 2 || v.Moderation != api.ModeratedApproved || v.Text != "a la mierda con esto" {
				return fmt.Errorf("es view %+v", v)
			}
			return nil
		})
	})

	t.Run("correct then edit", func(t *testing.T) {
		edit("mod-2", "shit happens")
		waitFor(t, 30*time.Second, heldBack("mod-2"))
	})

	t.Run("hide then edit", func(t *testing.T) {
		edit("mod-1", "sorry, everyone")
		for _, locale := range []string{"es", "en"} {
			if v := view("mod-1", locale); v.Revision != 2 || v.Moderation != api.ModeratedHidden || v.Status != api.StatusHidden || v.Text != "" || v.Original != nil {
				t.Fatalf("%s view of the edit: %+v", locale, v)
			}
		}
	})
}

// TestModeratedCorrectionQualityWouldRefuse: a correction much shorter
// than the message (what quality estimation's length signals refuse) is
// served at once to the message's readers, as corrected and allowed, and
// to /v1/translate callers of the same tenant, never replaced by the
// flagged original; the correction still goes through the safety check.
func TestModeratedCorrectionQualityWouldRefuse(t *testing.T) {
	const (
		text       = "you are a fucking moron and everybody here hates you"
		correction = "Eres tonto."
	)
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(map[string]string{text: "eres un puto imbécil y todos aquí te odian"}),
	})
	vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS": "app:client:" + modClientKey + ",alice:moderator:" + modAliceKey,
	})
	runSuite(t, vars)
	gw := "http://" + gwAddr
	view := func() api.MessageView {
		t.Helper()
		var v api.MessageView
		if st := modCall(t, "GET", gw+"/v1/messages/z1?locale=es&original=1", modClientKey, "", &v); st != 200 {
			t.Fatalf("GET z1: %d", st)
		}
		return v
	}
	body := fmt.Sprintf(`{"conversation":"room7","id":"z1","text":%q,"source":"en"}`, text)
	if st := modCall(t, "POST", gw+"/v1/messages", modClientKey, body, nil); st != http.StatusCreated {
		t.Fatalf("post: %d", st)
	}
	if v := view(); v.Status != api.StatusHidden || v.Text != "" || v.Original != nil {
		t.Fatalf("flagged view: %+v", v)
	}
	var id string
	waitFor(t, 30*time.Second, func() error {
		var list api.CaseListResponse
		if st := modCall(t, "GET", gw+"/v1/moderation/cases?locale=es", modAliceKey, "", &list); st != 200 {
			return fmt.Errorf("list: %d", st)
		}
		for _, c := range list.Cases {
			if c.MessageID == "z1" {
				id = c.ID
				return nil
			}
		}
		return fmt.Errorf("no case of z1 among %d", list.Total)
	})
	url := gw + "/v1/moderation/cases/" + id
	if st := modCall(t, "POST", url+"/claim", modAliceKey, "", nil); st != 200 {
		t.Fatalf("claim: %d", st)
	}
	if st := modCall(t, "POST", url+"/decide", modAliceKey, fmt.Sprintf(`{"action":"correct","correction":%q}`, correction), nil); st != 200 {
		t.Fatalf("correct: %d", st)
	}
	waitFor(t, 30*time.Second, func() error {
		v := view()
		if v.Status != api.StatusTranslated || v.Text != correction || v.Moderation != api.ModeratedCorrected ||
			v.Safety == nil || v.Safety.Action != api.SafetyAllow {
			return fmt.Errorf("view %+v (safety %+v)", v, v.Safety)
		}
		return nil
	})

	var v api.View
	tbody := fmt.Sprintf(`{"text":%q,"source":"en","target":"es"}`, text)
	if st := modCall(t, "POST", gw+"/v1/translate", modClientKey, tbody, &v); st != 200 {
		t.Fatalf("translate: %d", st)
	}
	if v.Status != api.StatusTranslated || v.Text != correction || v.Backend != "moderator" || v.Cache != api.CacheOverride {
		t.Fatalf("translate: %q (status %s, backend %s, cache %q, reason %q, attempts %+v)", v.Text, v.Status, v.Backend, v.Cache, v.Reason, v.Attempts)
	}
	for _, a := range v.Attempts {
		if strings.Contains(a.Error, "quality") {
			t.Fatalf("the correction was refused: %+v", v.Attempts)
		}
	}
	// Scored and reported, and checked by safety like any translation.
	if v.Quality == nil || v.Quality.Retry() || v.Safety == nil || v.Safety.Translation == nil {
		t.Fatalf("quality %+v, safety %+v", v.Quality, v.Safety)
	}
	t.Logf("quality of the correction: %.0f, %s", v.Quality.Score, v.Quality.Decision)

	// The correction served to /v1/translate is not a case of its own
	// (with backend "moderator"): once a later flagged view's case is in
	// (the same text into German, published after it), the queue holds
	// z1's case and that one only.
	if st := modCall(t, "POST", gw+"/v1/translate", modClientKey, fmt.Sprintf(`{"text":%q,"source":"en","target":"de"}`, text), &v); st != 200 {
		t.Fatalf("translate into de: %d", st)
	}
	waitFor(t, 30*time.Second, func() error {
		var list api.CaseListResponse
		if st := modCall(t, "GET", gw+"/v1/moderation/cases", modAliceKey, "", &list); st != 200 {
			return fmt.Errorf("list: %d", st)
		}
		var de bool
		for _, c := range list.Cases {
			de = de || c.TargetLanguage == "de"
		}
		if !de {
			return fmt.Errorf("no case of the German view among %d", list.Total)
		}
		for _, c := range list.Cases {
			if c.ID != id && c.TargetLanguage != "de" {
				t.Fatalf("a case besides z1's and the German view's: %+v", c)
			}
		}
		return nil
	})
}

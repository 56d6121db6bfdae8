package gateway_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestConversationEventsForwardRetriedTranslations: a message whose
// translation fails reaches a pre-translated event stream as the original,
// marked degraded; once the backend recovers, the messages service renders
// it again and publishes the translation under the same seq, and the
// stream passes it on, once, with the same event id (before, it reached
// the reader only after a reconnect). A moderator's hide that overtakes
// the retry keeps the text away: a translation rendered before it is not
// sent.
func TestConversationEventsForwardRetriedTranslations(t *testing.T) {
	e := startChat(t, map[string]string{"MESSAGES_RETRY_DELAYS": "200ms,400ms,800ms,1600ms"})
	// Translation into a conversation is down until its entry says up.
	var mu sync.Mutex
	up := map[string]bool{}
	setUp := func(conv string) {
		mu.Lock()
		defer mu.Unlock()
		up[conv] = true
	}
	e.mu.Lock()
	e.down = func(req *api.TranslateRequest) bool {
		mu.Lock()
		defer mu.Unlock()
		return !up[req.ConversationID]
	}
	e.mu.Unlock()
	failed := func(t *testing.T, ev sseEvent, m api.Message) {
		t.Helper()
		if ev.view.ID != m.ID || ev.view.Seq != m.Seq || ev.id != fmt.Sprint(m.Seq) || ev.view.Status != api.StatusOriginal ||
			ev.view.Text != "hello" || !slices.Contains(ev.view.Degraded, "translate") {
			t.Fatalf("view while translation is down: %+v (id %s)", ev.view, ev.id)
		}
	}
	publish := func(t *testing.T, conv string, v api.MessageView) {
		t.Helper()
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.nc.Publish(api.ViewsSubject("", conv, "es"), data); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("recovered", func(t *testing.T) {
		es := openEvents(t, e.url+"/v1/conversations/r1/events?locale=es")
		if es.header.Get("Parley-Views") != "pretranslated" {
			t.Fatalf("Parley-Views %q", es.header.Get("Parley-Views"))
		}
		m := postMessage(t, e, "r1", "ana", "hello")
		first := es.next(t)
		failed(t, first, m)
		setUp("r1")
		second := es.next(t)
		if second.view.ID != m.ID || second.view.Seq != m.Seq || second.id != first.id || second.view.Status != api.StatusTranslated ||
			second.view.Text != "hola" || slices.Contains(second.view.Degraded, "translate") {
			t.Fatalf("view after the backend recovered: %+v (id %s, first %s)", second.view, second.id, first.id)
		}
		// Once: another copy of the translation (another replica's
		// retry) is not news, and the next event is the next message.
		publish(t, "r1", second.view)
		m2 := postMessage(t, e, "r1", "bob", "hello again")
		if ev := es.next(t); ev.view.ID != m2.ID || ev.view.Text != "hola otra vez" || ev.id != fmt.Sprint(m2.Seq) {
			t.Fatalf("after the translation: %+v (id %s), want %s", ev.view, ev.id, m2.ID)
		}
	})

	t.Run("hidden meanwhile", func(t *testing.T) {
		d := newDecider(t, e)
		es := openEvents(t, e.url+"/v1/conversations/r2/events?locale=es")
		m := postMessage(t, e, "r2", "ana", "hello")
		first := es.next(t)
		failed(t, first, m)
		d.decide("case-r2", "r2", m.ID, api.ActionHide, api.StatusHidden)
		if ev := es.next(t); ev.view.ID != m.ID || ev.view.Status != api.StatusHidden || ev.view.Text != "" {
			t.Fatalf("view after the hide: %+v", ev.view)
		}
		// A translation rendered before the hide (a retry that the
		// decision overtook) shows text the moderator hid.
		stale := first.view
		stale.Status, stale.Text, stale.Degraded, stale.ReasonCode, stale.Reason = api.StatusTranslated, "hola", nil, "", ""
		publish(t, "r2", stale)
		setUp("r2")
		m2 := postMessage(t, e, "r2", "bob", "hello again")
		if ev := es.next(t); ev.view.ID != m2.ID || ev.view.Text != "hola otra vez" {
			t.Fatalf("after the hide: %+v, want %s", ev.view, m2.ID)
		}
	})
}

package gateway_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
)

// decider writes moderators' decisions into the decisions bucket, as the
// messages service does when it applies a decided case.
type decider struct {
	t   *testing.T
	e   *chatEnv
	mod *messages.Moderated
}

func newDecider(t *testing.T, e *chatEnv) *decider {
	t.Helper()
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := messages.OpenModerated(context.Background(), js, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mod.Close)
	return &decider{t: t, e: e, mod: mod}
}

// decide records case caseID's decision about message id of conv, and
// waits until the gateway's views show it (status, in Spanish).
func (d *decider) decide(caseID, conv, id, action, status string) {
	d.t.Helper()
	c := &api.Case{ID: caseID, Status: api.CaseDecided, ConversationID: conv, MessageID: id, MessageRevision: 1,
		TargetLanguage: "es", Decision: &api.CaseDecision{Action: action, Actor: "alice"}}
	if _, changed, err := d.mod.Record(context.Background(), c, time.Now()); err != nil || !changed {
		d.t.Fatalf("record %s: changed %v, %v", caseID, changed, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := decodeAs[api.MessageView](d.t, do(d.t, "GET", d.e.url+"/v1/messages/"+id+"?locale=es", ""), http.StatusOK)
		if v.Status == status {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("the gateway's view of %s after %s: %+v", id, caseID, v)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// nextNot returns the stream's next event, failing on a view of skip (a
// decision sent again).
func (s *sseStream) nextNot(t *testing.T, skip string) sseEvent {
	t.Helper()
	ev := s.next(t)
	if ev.view.ID == skip {
		t.Fatalf("%s sent again: %+v (id %s)", skip, ev.view, ev.id)
	}
	return ev
}

// TestConversationEventsResumeAfterDecision: a reader that reconnects
// learns of the decisions made while it was away (a message hidden): the
// resume replays moderation changes after the cursor as well as chat
// changes. Event ids of a conversation with decisions are
// "<seq>.<revision>"; a plain sequence (a page's last_seq) resumes by the
// time of its event.
func TestConversationEventsResumeAfterDecision(t *testing.T) {
	e := startChat(t, nil)
	d := newDecider(t, e)
	const conv = "c6"
	url := e.url + "/v1/conversations/" + conv + "/events?locale=es"

	m1 := postMessage(t, e, conv, "ana", "hello")
	page := decodeAs[api.MessagePage](t, do(t, "GET", url[:strings.Index(url, "/events")]+"/messages?locale=es", ""), http.StatusOK)
	if page.LastSeq != m1.Seq || len(page.Messages) != 1 || page.Messages[0].Text != "hola" {
		t.Fatalf("page %+v", page)
	}
	// The reader is away; a moderator hides m1.
	d.decide("case-1", conv, m1.ID, api.ActionHide, api.StatusHidden)

	// Reconnecting with the page's last_seq sends the hidden view.
	es := openEvents(t, url, "Last-Event-ID", fmt.Sprint(page.LastSeq))
	ev := es.next(t)
	if ev.view.ID != m1.ID || ev.view.Status != api.StatusHidden || ev.view.Moderation != api.ModeratedHidden || ev.view.Text != "" {
		t.Fatalf("first event after the hide: %+v", ev.view)
	}
	if !strings.HasPrefix(ev.id, fmt.Sprint(m1.Seq)+".") {
		t.Fatalf("event id %q, want %d.<revision>", ev.id, m1.Seq)
	}
	es.close()

	// Resuming from that id owes nothing: the next event is a new post.
	es = openEvents(t, url, "Last-Event-ID", ev.id)
	m2 := postMessage(t, e, conv, "bob", "hello again")
	ev = es.nextNot(t, m1.ID)
	if ev.view.ID != m2.ID || ev.view.Text != "hola otra vez" || !strings.HasPrefix(ev.id, fmt.Sprint(m2.Seq)+".") {
		t.Fatalf("event %+v (id %s), want %s", ev.view, ev.id, m2.ID)
	}
	es.close()

	// Away again: m2 is hidden. Both ways of resuming (the composite id
	// as Last-Event-ID or as after) send m2's hidden view, and not m1's.
	d.decide("case-2", conv, m2.ID, api.ActionHide, api.StatusHidden)
	for _, open := range []func() *sseStream{
		func() *sseStream { return openEvents(t, url, "Last-Event-ID", ev.id) },
		func() *sseStream { return openEvents(t, url+"&after="+ev.id) },
	} {
		es := open()
		got := es.nextNot(t, m1.ID)
		if got.view.ID != m2.ID || got.view.Status != api.StatusHidden || !strings.HasPrefix(got.id, fmt.Sprint(m2.Seq)+".") {
			t.Fatalf("event after the second hide: %+v (id %s after %s)", got.view, got.id, ev.id)
		}
		es.close()
	}

	// Live: a decision on a message already sent comes with an event id
	// that covers it, so that a reconnect does not send it again.
	m3 := postMessage(t, e, conv, "ana", "hello")
	es = openEvents(t, url, "Last-Event-ID", fmt.Sprint(m3.Seq))
	d.decide("case-3", conv, m3.ID, api.ActionHide, api.StatusHidden)
	// m3's translated view may come first: its pre-translated view can
	// reach the stream after the stream opened (a resume from a plain id
	// may send a view again; it never misses one).
	var last sseEvent
	for last.view.ID != m3.ID || last.view.Status != api.StatusHidden {
		last = es.next(t)
	}
	if !strings.HasPrefix(last.id, fmt.Sprint(m3.Seq)+".") {
		t.Fatalf("live decision: %+v (id %s)", last.view, last.id)
	}
	es.close()
	es = openEvents(t, url, "Last-Event-ID", last.id)
	m4 := postMessage(t, e, conv, "bob", "hello")
	if ev := es.nextNot(t, m3.ID); ev.view.ID != m4.ID {
		t.Fatalf("event %+v, want %s", ev.view, m4.ID)
	}
}

// TestConversationEventsBadEventIDs: a cursor that is not an event id of
// this API is a 400 in the one error shape.
func TestConversationEventsBadEventIDs(t *testing.T) {
	e := startChat(t, nil)
	for _, id := range []string{"x", "5.", ".5", "5.x", "5.5.5", "-1", "5,5"} {
		for _, header := range []bool{false, true} {
			url, h := e.url+"/v1/conversations/bad/events?locale=es", []string{}
			if header {
				h = []string{"Last-Event-ID", id}
			} else {
				url += "&after=" + id
			}
			r := do(t, "GET", url, "", h...)
			if body := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest); body.Error.Code != api.CodeInvalidArgument {
				t.Errorf("%q: %+v", id, body)
			}
		}
	}
}

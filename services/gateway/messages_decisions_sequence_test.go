package gateway_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// redecide records revision rev of case caseID's decision about message
// id (a case reopened and decided again), and waits until the gateway's
// views show it (status, in Spanish).
func (d *decider) redecide(caseID string, rev uint64, conv, id, action, status, moderation string) {
	d.t.Helper()
	c := &api.Case{ID: caseID, Revision: rev, Status: api.CaseDecided, ConversationID: conv, MessageID: id, MessageRevision: 1,
		TargetLanguage: "es", Decision: &api.CaseDecision{Action: action, Actor: "alice"}}
	if _, changed, err := d.mod.Record(context.Background(), c, time.Now()); err != nil || !changed {
		d.t.Fatalf("record %s@%d: changed %v, %v", caseID, rev, changed, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := decodeAs[api.MessageView](d.t, do(d.t, "GET", d.e.url+"/v1/messages/"+id+"?locale=es", ""), http.StatusOK)
		if v.Status == status && v.Moderation == moderation {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("the gateway's view of %s after %s@%d: %+v", id, caseID, rev, v)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// untilView reads the stream until a view of id with status and
// moderation, and fails on a view of id that shows neither it nor one of
// the states allowed before it (a stale view).
func (s *sseStream) untilView(t *testing.T, id, status, moderation string) sseEvent {
	t.Helper()
	for {
		ev := s.next(t)
		if ev.view.ID != id {
			t.Fatalf("view of %s, waiting for %s %s/%s", ev.view.ID, id, status, moderation)
		}
		if ev.view.Status == status && ev.view.Moderation == moderation {
			return ev
		}
	}
}

// TestConversationEventsDecisionSequences: every decision that changes
// what a reader sees reaches a live stream, also one that returns the
// message to a state the stream sent before (hide, approve, hide again;
// approve, hide, approve again), and a resume from the last event id, or
// from before the decisions, delivers the decisions after it.
func TestConversationEventsDecisionSequences(t *testing.T) {
	type step struct{ action, status, moderation string }
	hidden := step{api.ActionHide, api.StatusHidden, api.ModeratedHidden}
	approved := step{api.ActionApprove, api.StatusTranslated, api.ModeratedApproved}
	tests := []struct {
		name  string
		steps []step
	}{
		{"hide, approve, hide", []step{hidden, approved, hidden}},
		{"approve, hide, approve", []step{approved, hidden, approved}},
		{"hide, approve, hide, approve", []step{hidden, approved, hidden, approved}},
	}
	// A German reader takes the conversation's one pre-translated
	// locale: the Spanish streams render each decision's view at once
	// (a pre-translated stream waits for the messages service's view, or
	// for the grace, and a stream of the test's runs for 20s at most).
	e := startChat(t, map[string]string{"MESSAGES_MAX_LOCALES": "1"})
	d := newDecider(t, e)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d.t = t
			conv := fmt.Sprintf("h%d", i+1)
			url := e.url + "/v1/conversations/" + conv + "/events?locale=es"
			openEvents(t, e.url+"/v1/conversations/"+conv+"/events?locale=de")
			es := openEvents(t, url)
			if es.header.Get("Parley-Views") != "on-demand" {
				t.Fatalf("Parley-Views %q", es.header.Get("Parley-Views"))
			}
			m := postMessage(t, e, conv, "ana", "hello")
			first := es.untilView(t, m.ID, api.StatusTranslated, "")
			caseID := "case-" + conv
			var last sseEvent
			for rev, s := range tt.steps {
				d.redecide(caseID, uint64(rev+1), conv, m.ID, s.action, s.status, s.moderation)
				last = es.untilView(t, m.ID, s.status, s.moderation)
				if want := s.status == api.StatusHidden; (last.view.Text == "") != want {
					t.Fatalf("step %d (%s): text %q", rev, s.action, last.view.Text)
				}
			}
			es.close()

			// Away: the case is reopened and decided the other way.
			final := approved
			if tt.steps[len(tt.steps)-1] == approved {
				final = hidden
			}
			d.redecide(caseID, uint64(len(tt.steps)+1), conv, m.ID, final.action, final.status, final.moderation)
			// From the last id: the decision, then a new post (no
			// earlier state sent again).
			es = openEvents(t, url, "Last-Event-ID", last.id)
			if ev := es.next(t); ev.view.ID != m.ID || ev.view.Status != final.status || ev.view.Moderation != final.moderation {
				t.Fatalf("resume from %s: %+v (id %s), want %s/%s", last.id, ev.view, ev.id, final.status, final.moderation)
			}
			m2 := postMessage(t, e, conv, "bob", "hello again")
			if ev := es.next(t); ev.view.ID != m2.ID {
				t.Fatalf("resume from %s: %+v after the decision, want %s", last.id, ev.view, m2.ID)
			}
			es.close()
			// From before every decision: the message's state now, once
			// (the decisions owed re-render the same view), then m2.
			es = openEvents(t, url, "Last-Event-ID", first.id)
			if ev := es.next(t); ev.view.ID != m.ID || ev.view.Status != final.status || ev.view.Moderation != final.moderation {
				t.Fatalf("resume from %s: %+v (id %s), want %s/%s", first.id, ev.view, ev.id, final.status, final.moderation)
			}
			if ev := es.next(t); ev.view.ID != m2.ID {
				t.Fatalf("resume from %s: %+v, want %s", first.id, ev.view, m2.ID)
			}
			es.close()
		})
	}
}

package messages_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestModeratedLaterDecisionWins: a case reopened and decided again
// replaces its earlier decision (an approval takes its hide back, a hide
// after an approval hides), a decision older than the case's recorded one
// changes nothing whatever order it arrives in, and another case's hide
// still holds.
func TestModeratedLaterDecisionWins(t *testing.T) {
	type step struct {
		caseID  string
		action  string
		rev     uint64 // the case revision the decision made
		changed bool
		hidden  bool
		// approved: the es view of revision 1 is approved.
		approved bool
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"approve after a hide un-hides", []step{
			{"c1", api.ActionHide, 3, true, true, false},
			{"c1", api.ActionApprove, 6, true, false, true},
		}},
		{"hide after an approval hides", []step{
			{"c1", api.ActionApprove, 3, true, false, true},
			{"c1", api.ActionHide, 6, true, true, true},
			{"c1", api.ActionApprove, 9, true, false, true},
		}},
		{"an older decision arriving late changes nothing", []step{
			{"c1", api.ActionApprove, 6, true, false, true},
			{"c1", api.ActionHide, 3, false, false, true},
		}},
		{"a redelivered decision is applied once", []step{
			{"c1", api.ActionHide, 3, true, true, false},
			{"c1", api.ActionHide, 3, false, true, false},
		}},
		{"another case's hide still holds", []step{
			{"c1", api.ActionHide, 3, true, true, false},
			{"c2", api.ActionHide, 4, true, true, false},
			{"c1", api.ActionApprove, 6, true, true, true},
			{"c2", api.ActionCorrect, 8, true, false, true},
		}},
		{"escalating a reopened case changes nothing", []step{
			{"c1", api.ActionHide, 3, true, true, false},
			{"c1", api.ActionEscalate, 6, false, true, false},
		}},
	}
	js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m, err := messages.OpenModerated(ctx, js, 1, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := fmt.Sprintf("m%d", i)
			for j, s := range tt.steps {
				c := &api.Case{ID: msg + s.caseID, Revision: s.rev, ConversationID: "room", MessageID: msg, TargetLanguage: "es",
					Decision: &api.CaseDecision{Action: s.action}}
				st, changed, err := m.Record(ctx, c, time.Now())
				if err != nil {
					t.Fatal(err)
				}
				if changed != s.changed || st.Hidden != s.hidden || st.ApprovedIn("es", 1) != s.approved {
					t.Fatalf("step %d (%s %s at %d): changed %v hidden %v approved %v, want %v %v %v (%+v)",
						j, s.caseID, s.action, s.rev, changed, st.Hidden, st.ApprovedIn("es", 1), s.changed, s.hidden, s.approved, st)
				}
			}
		})
	}

	t.Run("a hide of before its cases were listed", func(t *testing.T) {
		kv, err := js.KeyValue(ctx, api.BucketMessageModeration)
		if err != nil {
			t.Fatal(err)
		}
		old, _ := json.Marshal(api.MessageModeration{MessageID: "legacy", Conversation: "room", Hidden: true, HiddenCase: "old", Cases: []string{"old"}})
		if _, err := kv.Put(ctx, messages.ModerationKey("", "legacy"), old); err != nil {
			t.Fatal(err)
		}
		approve := &api.Case{ID: "old", Revision: 7, ConversationID: "room", MessageID: "legacy", TargetLanguage: "es",
			Decision: &api.CaseDecision{Action: api.ActionApprove}}
		st, changed, err := m.Record(ctx, approve, time.Now())
		if err != nil || !changed || st.Hidden || !st.ApprovedIn("es", 1) {
			t.Fatalf("approve of the reopened legacy case: %v %v %+v", changed, err, st)
		}
	})
}

// TestReopenedDecisionReachesReaders: the messages service applies each
// decide entry of the audit stream with the decision and case revision
// the entry carries, not the case's decision at the time it reads it: a
// case hidden, reopened and approved is shown to readers again, and a
// hide after that hides it again.
func TestReopenedDecisionReachesReaders(t *testing.T) {
	nc, js := startService(t, map[string]string{"MESSAGES_TIMEOUT": "5s"})
	fakeServices(t, nc)
	cases := map[string]*api.Case{}
	fakeModeration(t, nc, js, cases)
	ctx := context.Background()
	next := roomViews(t, nc, js)
	publish(t, js, "room", api.MessageEvent{ID: "m1", Text: "darn it"})
	if v := next("m1"); v.Status != api.StatusHidden || v.Moderation != "" {
		t.Fatalf("flagged view: %+v", v)
	}
	// The fake moderation service answers with the case as it is now:
	// decided, whatever decision each entry carries.
	cases["c1"] = &api.Case{ID: "c1", Status: api.CaseDecided, ConversationID: "room", MessageID: "m1", Original: "darn it", TargetLanguage: "es",
		Decision: &api.CaseDecision{Action: api.ActionApprove, Actor: "bob"}}
	decide := func(action string, rev uint64) {
		t.Helper()
		data, _ := json.Marshal(api.AuditEntry{CaseID: "c1", Action: api.AuditDecide, Actor: "bob", Decision: action, Revision: rev})
		if _, err := js.Publish(ctx, api.SubjectModerationAuditPrefix+".decide.c1", data); err != nil {
			t.Fatal(err)
		}
	}
	decide(api.ActionHide, 3)
	if v := next("m1"); v.Moderation != api.ModeratedHidden {
		t.Fatalf("after the hide: %+v", v)
	}
	decide(api.ActionApprove, 6) // reopened and approved
	if v := next("m1"); v.Moderation != api.ModeratedApproved || v.Status != api.StatusTranslated || v.Text == "" {
		t.Fatalf("after the approval of the reopened case: %+v", v)
	}
	decide(api.ActionHide, 3) // a late copy of the first decision
	// Re-published as it is (a redelivery re-publishes: the publish may
	// be what failed), not hidden.
	if v := next("m1"); v.Moderation != api.ModeratedApproved {
		t.Fatalf("after a late copy of the hide: %+v", v)
	}
	decide(api.ActionHide, 9) // reopened again and hidden
	if v := next("m1"); v.Moderation != api.ModeratedHidden {
		t.Fatalf("after the second hide: %+v", v)
	}
	rec, err := client.Messages{NC: nc}.Get(ctx, "m1")
	if err != nil || rec.Moderation == nil || !rec.Moderation.Hidden || rec.Moderation.Decided["c1"] != 9 {
		t.Fatalf("record: %+v (%v)", rec.Moderation, err)
	}
}

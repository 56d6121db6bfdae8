package messages_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// ignored reads parley_messages_moderation_ignored_total{reason} from reg.
func ignored(t *testing.T, reg *prometheus.Registry, reason string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "parley_messages_moderation_ignored_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "reason" && l.GetValue() == reason {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

// TestDecisionOfAnotherTextIsNotApplied: a moderator's decision reaches a
// message only when the case shows what the message said at the case's
// revision. A case made of a client's text naming a stored message's id
// (as /v1/translate used to make them) is ignored, with a log line and
// parley_messages_moderation_ignored_total: approving a benign text does
// not serve the abusive message it names, and hiding an abusive text
// does not hide the benign message it names. A case of an earlier
// revision that shows what the message said then still applies (a hide
// holds whatever edits follow).
func TestDecisionOfAnotherTextIsNotApplied(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	reg := prometheus.NewRegistry()
	stop, err := messages.Start(context.Background(), svcmain.Deps{
		NC: nc, Env: config.NewReader(func(k string) string { return map[string]string{"MESSAGES_TIMEOUT": "5s"}[k] }),
		Registry: reg, Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	fakeServices(t, nc)
	cases := map[string]*api.Case{}
	fakeModeration(t, nc, js, cases)
	ctx := context.Background()
	next := roomViews(t, nc, js)
	publish(t, js, "room", api.MessageEvent{ID: "abuse2", Text: "darn it"})
	if v := next("abuse2"); v.Status != api.StatusHidden {
		t.Fatalf("flagged view: %+v", v)
	}
	publish(t, js, "room", api.MessageEvent{ID: "benign", Text: "hello there"})
	if v := next("benign"); v.Status != api.StatusTranslated || v.Text != "hola a todos" {
		t.Fatalf("benign view: %+v", v)
	}
	decide := func(caseID, msgID string, rev int, original, action string) {
		t.Helper()
		cases[caseID] = &api.Case{ID: caseID, Status: api.CaseDecided, ConversationID: "room", MessageID: msgID, MessageRevision: rev,
			Original: original, TargetLanguage: "es", Decision: &api.CaseDecision{Action: action, Actor: "alice"}}
		data, _ := json.Marshal(api.AuditEntry{CaseID: caseID, Action: api.AuditDecide, Actor: "alice", Decision: action, Revision: 5})
		if _, err := js.Publish(ctx, api.SubjectModerationAuditPrefix+".decide."+caseID, data); err != nil {
			t.Fatal(err)
		}
	}
	msgs := client.Messages{NC: nc}
	untouched := func(id string) {
		t.Helper()
		if rec, err := msgs.Get(ctx, id); err != nil || rec.Moderation != nil {
			t.Fatalf("%s: %+v (%v), want no decision recorded", id, rec.Moderation, err)
		}
	}

	tests := []struct {
		name, caseID, message string
		rev                   int
		original, action      string
		reason                string
	}{
		{"approve of a benign text naming an abusive message", "f1", "abuse2", 0, "hello there", api.ActionApprove, messages.IgnoredTextDiffers},
		{"hide of an abusive text naming a benign message", "f2", "benign", 1, "darn it", api.ActionHide, messages.IgnoredTextDiffers},
		{"a revision the message never had", "f3", "abuse2", 3, "darn it", api.ActionApprove, messages.IgnoredTextDiffers},
		{"a message the store does not hold", "f4", "nope", 1, "darn it", api.ActionHide, messages.IgnoredUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := ignored(t, reg, tt.reason)
			decide(tt.caseID, tt.message, tt.rev, tt.original, tt.action)
			poll(t, "the decision ignored", func() error {
				if n := ignored(t, reg, tt.reason); n != before+1 {
					return fmt.Errorf("%s: %v ignored", tt.reason, n)
				}
				return nil
			})
			if tt.message != "nope" {
				untouched(tt.message)
			}
		})
	}

	// The author edits the benign message; a case of its first revision
	// that shows another text is ignored, and one that shows what it said
	// then hides it.
	publish(t, js, "room", api.MessageEvent{Op: api.OpEdit, ID: "benign", Text: "hello"})
	if v := next("benign"); v.Revision != 2 || v.Text != "hola" {
		t.Fatalf("edited view: %+v", v)
	}
	before := ignored(t, reg, messages.IgnoredTextDiffers)
	decide("f5", "benign", 1, "darn it", api.ActionHide)
	poll(t, "the decision ignored", func() error {
		if n := ignored(t, reg, messages.IgnoredTextDiffers); n != before+1 {
			return fmt.Errorf("%v ignored", n)
		}
		return nil
	})
	untouched("benign")
	decide("c6", "benign", 1, "hello there", api.ActionHide)
	if v := next("benign"); v.Moderation != api.ModeratedHidden || v.Text != "" {
		t.Fatalf("after a hide of revision 1: %+v", v)
	}
}

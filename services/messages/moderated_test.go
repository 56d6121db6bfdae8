package messages_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// poll retries f until it succeeds or 20 s pass.
func poll(t *testing.T, what string, f func() error) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// fakeModeration registers a safety service that flags every text with
// "darn" in it, and a moderation service that answers cases.get from
// cases; it creates the audit stream as the moderation service does.
func fakeModeration(t *testing.T, nc *nats.Conn, js jetstream.JetStream, cases map[string]*api.Case) {
	t.Helper()
	m := service.NewMetrics(prometheus.NewRegistry())
	log := slog.New(slog.DiscardHandler)
	var mu sync.Mutex
	for _, svc := range []struct {
		name string
		eps  []service.Endpoint
	}{
		{api.ServiceSafety, []service.Endpoint{{Name: "check", Subject: api.SubjectSafetyCheck,
			Handler: service.JSON(func(_ context.Context, req *api.SafetyRequest) (any, error) {
				res := api.SafetyResponse{Source: api.Verdict{Safe: true, Severity: api.SeverityNone}, Policy: &api.PolicyDecision{Action: api.PolicyAllow}}
				if strings.Contains(req.Source, "darn") {
					res.Source = api.Verdict{Severity: api.SeverityLow, Categories: []string{"profanity"}}
					res.Policy.Action = api.PolicyFlag
				}
				return res, nil
			})}}},
		{api.ServiceModeration, []service.Endpoint{{Name: "get", Subject: api.SubjectModerationGet,
			Handler: service.JSON(func(_ context.Context, req *api.CaseGetRequest) (any, error) {
				mu.Lock()
				defer mu.Unlock()
				c, ok := cases[req.ID]
				if !ok {
					return nil, api.Errorf(api.CodeNotFound, "no case %q", req.ID)
				}
				return c, nil
			})}}},
	} {
		s, err := service.New(nc, service.Config{Name: svc.name, Version: "0.0.1"}, svc.eps, m, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
	}
	if _, err := js.CreateStream(context.Background(), jetstream.StreamConfig{
		Name: api.StreamModerationAudit, Subjects: []string{api.SubjectModerationAuditPrefix + ".>"},
	}); err != nil {
		t.Fatal(err)
	}
}

// roomViews registers a reader of conversation "room" in "es" and returns
// next, which waits for the next view of message id published there,
// skipping the views of other messages.
func roomViews(t *testing.T, nc *nats.Conn, js jetstream.JetStream) func(id string) api.MessageView {
	t.Helper()
	ctx := context.Background()
	p, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := p.Register(ctx, "", "room", "es"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	sub, err := nc.SubscribeSync(api.ViewsSubject("", "room", "es"))
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	return func(id string) api.MessageView {
		t.Helper()
		for {
			m, err := sub.NextMsg(20 * time.Second)
			if err != nil {
				t.Fatalf("view of %s: %v", id, err)
			}
			var v api.MessageView
			if err := json.Unmarshal(m.Data, &v); err != nil {
				t.Fatal(err)
			}
			if v.ID == id {
				return v
			}
		}
	}
}

// TestModerationDecisionsReachReaders: pre-translated views the policy
// flags go to the moderation intake with their conversation and message
// ids; a hide decision in the audit stream hides the message (re-published
// to the live readers) and an approval serves the flagged view, until an
// edit: the edit is flagged and held back again, with a flagged view of
// its own revision, until a decision on it; the messages service answers
// get and $SRV.PING.
func TestModerationDecisionsReachReaders(t *testing.T) {
	nc, js := startService(t, map[string]string{"MESSAGES_TIMEOUT": "5s"})
	fakeServices(t, nc)
	cases := map[string]*api.Case{}
	fakeModeration(t, nc, js, cases)
	ctx := context.Background()
	if err := client.Ping(ctx, nc, api.ServiceMessages); err != nil {
		t.Fatalf("ping %s: %v", api.ServiceMessages, err)
	}
	next := roomViews(t, nc, js)

	for _, id := range []string{"m1", "m2"} {
		publish(t, js, "room", api.MessageEvent{ID: id, Text: "darn it"})
		if v := next(id); v.Status != api.StatusHidden || v.Text != "" || v.Safety == nil || !v.Safety.Flagged {
			t.Fatalf("flagged view of %s: %+v", id, v)
		}
	}
	// The intake stream has each message's flagged view, with its ids.
	intake, err := js.Stream(ctx, api.StreamModerationIntake)
	if err != nil {
		t.Fatalf("no intake stream: %v", err)
	}
	info, err := intake.Info(ctx)
	if err != nil || info.State.Msgs != 2 {
		t.Fatalf("intake holds %+v (%v), want 2 flagged views", info.State, err)
	}
	raw, err := intake.GetMsg(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var f api.FlaggedView
	if err := json.Unmarshal(raw.Data, &f); err != nil || f.ConversationID != "room" || f.MessageID != "m1" || f.View.TargetLanguage != "es" {
		t.Fatalf("flagged view %+v (%v)", f, err)
	}

	// rev is the case's message revision (0: a case made before revisions
	// were carried, about revision 1), original the text the case shows.
	decide := func(caseID, msgID string, rev int, original, action string) {
		t.Helper()
		cases[caseID] = &api.Case{ID: caseID, Status: api.CaseDecided, ConversationID: "room", MessageID: msgID, MessageRevision: rev,
			Original: original, TargetLanguage: "es", Decision: &api.CaseDecision{Action: action, Actor: "alice"}}
		data, _ := json.Marshal(api.AuditEntry{CaseID: caseID, Action: api.AuditDecide, Actor: "alice", Decision: action})
		if _, err := js.Publish(ctx, api.SubjectModerationAuditPrefix+".decide."+caseID, data); err != nil {
			t.Fatal(err)
		}
	}
	decide("c1", "m1", 0, "darn it", api.ActionHide)
	if v := next("m1"); v.Moderation != api.ModeratedHidden || v.Status != api.StatusHidden || v.Text != "" {
		t.Fatalf("re-published hidden view: %+v", v)
	}
	decide("c2", "m2", 1, "darn it", api.ActionApprove)
	if v := next("m2"); v.Moderation != api.ModeratedApproved || v.Status != api.StatusTranslated || v.Text != "maldición" {
		t.Fatalf("re-published approved view: %+v", v)
	}

	// The author edits the approved m2 into another flagged text: no
	// moderator saw it, so the flag holds it back again, and it goes to
	// the intake as revision 2 (a case of its own).
	publish(t, js, "room", api.MessageEvent{Op: api.OpEdit, ID: "m2", Text: "darn it all"})
	if v := next("m2"); v.Revision != 2 || v.Status != api.StatusHidden || v.Text != "" || v.Moderation != "" || v.Safety == nil || !v.Safety.Flagged {
		t.Fatalf("view of the edit: %+v", v)
	}
	poll(t, "the edit's flagged view", func() error {
		info, err := intake.Info(ctx)
		if err != nil || info.State.Msgs != 3 {
			return fmt.Errorf("intake holds %+v (%v), want 3 flagged views", info.State, err)
		}
		return nil
	})
	raw, err = intake.GetMsg(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	var edit api.FlaggedView
	if err := json.Unmarshal(raw.Data, &edit); err != nil || edit.MessageID != "m2" || edit.MessageRevision != 2 || edit.Text != "darn it all" {
		t.Fatalf("flagged view of the edit %+v (%v)", edit, err)
	}
	if first := (api.FlaggedView{Tenant: edit.Tenant, ConversationID: "room", MessageID: "m2", View: api.View{TargetLanguage: "es"}}); first.CaseID() == edit.CaseID() {
		t.Fatal("the edit has the case id of the approved revision")
	}
	// A moderator approves the edit's case: revision 2 is served.
	decide("c3", "m2", 2, "darn it all", api.ActionApprove)
	if v := next("m2"); v.Revision != 2 || v.Moderation != api.ModeratedApproved || v.Text != "darn it all" || v.Safety == nil || v.Safety.Action != api.SafetyAllow {
		t.Fatalf("re-published approved edit: %+v", v)
	}

	// A decision delivered twice is applied once.
	decide("c1", "m1", 0, "darn it", api.ActionHide)
	msgs := client.Messages{NC: nc}
	rec, err := msgs.Get(ctx, "m1")
	if err != nil || rec.Message.Text != "darn it" || rec.Moderation == nil || !rec.Moderation.Hidden || len(rec.Moderation.Cases) != 1 {
		t.Fatalf("get m1: %+v %+v (%v)", rec, rec.Moderation, err)
	}
	for _, bad := range []struct {
		id   string
		code api.Code
	}{{"nope", api.CodeNotFound}, {"not an id", api.CodeInvalidArgument}} {
		if _, err := msgs.Get(ctx, bad.id); api.ErrorCode(err) != bad.code {
			t.Errorf("get %q: %v, want %s", bad.id, err, bad.code)
		}
	}
}

// TestModeratedConcurrentDecisions: decisions about one message written
// at once through two replicas all land (revision-checked writes retry),
// and every replica's mirror ends with all of them.
func TestModeratedConcurrentDecisions(t *testing.T) {
	js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var replicas []*messages.Moderated
	for range 2 {
		m, err := messages.OpenModerated(ctx, js, 1, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(m.Close)
		replicas = append(replicas, m)
	}
	changes, stop := replicas[1].Listen("room")
	defer stop()
	locales := []string{"de", "es", "fr", "it", "ja", "ko"}
	var wg sync.WaitGroup
	for i, loc := range locales {
		wg.Go(func() {
			action := api.ActionApprove
			if i%2 == 1 {
				action = api.ActionCorrect
			}
			c := &api.Case{ID: "c" + loc, ConversationID: "room", MessageID: "m1", TargetLanguage: loc,
				Decision: &api.CaseDecision{Action: action}}
			if _, changed, err := replicas[i%2].Record(ctx, c, time.Now()); err != nil || !changed {
				t.Errorf("record %s: changed %v, %v", c.ID, changed, err)
			}
		})
	}
	wg.Wait()
	for i, r := range replicas {
		poll(t, fmt.Sprintf("replica %d sees every decision", i), func() error {
			st, rev := r.Get("", "m1")
			if st == nil || rev == 0 {
				return fmt.Errorf("nothing")
			}
			got := slices.Sorted(slices.Values(st.Approved))
			if !slices.Equal(got, locales) || len(st.Corrected) != 3 || st.Hidden {
				return fmt.Errorf("approved %v corrected %v hidden %v", got, st.Corrected, st.Hidden)
			}
			return nil
		})
	}
	select {
	case k := <-changes:
		if k != (messages.Key{ID: "m1"}) {
			t.Fatalf("change of %+v", k)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a listener heard of no change")
	}
	// A reopened mirror loads what is stored (a restart).
	m, err := messages.OpenModerated(ctx, js, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if st, _ := m.Get("", "m1"); st == nil || len(st.Approved) != len(locales) {
		t.Fatalf("reopened: %+v", st)
	}
}

package messages_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/service"
)

// TestWithdrawnCorrectionReachesReaders: a withdraw entry of the audit
// stream takes the case's correction back from readers: the locale
// leaves Corrected and Approved, and the message's views are rendered
// afresh and re-published, so readers get the machine's translation,
// which the safety policy judges again (the flag holds it back). A late
// copy of the correction's decide entry does not bring it back.
func TestWithdrawnCorrectionReachesReaders(t *testing.T) {
	nc, js := startService(t, map[string]string{"MESSAGES_TIMEOUT": "5s"})
	const correction = "caramba"
	// The translate service: the moderator's override while there is
	// one, the machine's translation after it is withdrawn.
	var (
		mu       sync.Mutex
		override = true
	)
	m := service.NewMetrics(prometheus.NewRegistry())
	for _, svc := range []struct {
		name string
		eps  []service.Endpoint
	}{
		{api.ServiceDetect, []service.Endpoint{{Name: "detect", Subject: api.SubjectDetect,
			Handler: service.JSON(func(_ context.Context, _ *api.DetectRequest) (any, error) {
				return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
			})}}},
		{api.ServiceTranslate, []service.Endpoint{{Name: "translate", Subject: api.SubjectTranslate,
			Handler: service.JSON(func(_ context.Context, req *api.TranslateRequest) (any, error) {
				mu.Lock()
				defer mu.Unlock()
				if override {
					return api.TranslateResponse{Text: correction, Status: api.StatusTranslated, Backend: "moderator", Cache: api.CacheOverride}, nil
				}
				return api.TranslateResponse{Text: "maldición", Status: api.StatusTranslated, Backend: "fake"}, nil
			})}}},
	} {
		s, err := service.New(nc, service.Config{Name: svc.name, Version: "0.0.1"}, svc.eps, m, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
	}
	cases := map[string]*api.Case{}
	fakeModeration(t, nc, js, cases)
	ctx := context.Background()
	next := roomViews(t, nc, js)
	publish(t, js, "room", api.MessageEvent{ID: "m1", Text: "darn it"})
	if v := next("m1"); v.Status != api.StatusHidden || v.Moderation != "" {
		t.Fatalf("flagged view: %+v", v)
	}
	cases["c1"] = &api.Case{ID: "c1", Status: api.CaseDecided, ConversationID: "room", MessageID: "m1", MessageRevision: 1,
		Original: "darn it", TargetLanguage: "es", Decision: &api.CaseDecision{Action: api.ActionCorrect, Actor: "bob"}}
	entry := func(e api.AuditEntry) {
		t.Helper()
		e.CaseID, e.Actor = "c1", "bob"
		data, _ := json.Marshal(e)
		if _, err := js.Publish(ctx, api.SubjectModerationAuditPrefix+"."+e.Action+".c1", data); err != nil {
			t.Fatal(err)
		}
	}
	entry(api.AuditEntry{Action: api.AuditDecide, Decision: api.ActionCorrect, Revision: 3})
	if v := next("m1"); v.Moderation != api.ModeratedCorrected || v.Text != correction {
		t.Fatalf("corrected view: %+v", v)
	}

	// The moderator withdraws the correction: the translate service
	// drops the override, and the audit stream says so.
	mu.Lock()
	override = false
	mu.Unlock()
	entry(api.AuditEntry{Action: api.AuditWithdraw, Revision: 4})
	if v := next("m1"); v.Moderation != "" || v.Status != api.StatusHidden || v.Text != "" || v.Safety == nil || !v.Safety.Flagged {
		t.Fatalf("view after the withdrawal: %+v, want the machine's translation held back by the flag", v)
	}
	rec, err := client.Messages{NC: nc}.Get(ctx, "m1")
	if err != nil || rec.Moderation == nil || len(rec.Moderation.Corrected) != 0 || len(rec.Moderation.Approved) != 0 || rec.Moderation.Decided["c1"] != 4 {
		t.Fatalf("record after the withdrawal: %+v (%v)", rec.Moderation, err)
	}

	// A late copy of the correction changes nothing.
	entry(api.AuditEntry{Action: api.AuditDecide, Decision: api.ActionCorrect, Revision: 3})
	if v := next("m1"); v.Moderation != "" || v.Status != api.StatusHidden {
		t.Fatalf("view after a late copy of the correction: %+v", v)
	}
	// Reopened and approved: the machine's translation is served.
	entry(api.AuditEntry{Action: api.AuditDecide, Decision: api.ActionApprove, Revision: 7})
	if v := next("m1"); v.Moderation != api.ModeratedApproved || v.Text != "maldición" {
		t.Fatalf("view after the approval: %+v", v)
	}
}

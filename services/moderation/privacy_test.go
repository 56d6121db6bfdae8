package moderation_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
)

// personal is the message text and author of the tests: what a delete
// must leave nowhere in moderation.
const (
	personalText   = "Frak, Bob, my personal number changed to 555-123-9999."
	personalAuthor = "Maria Garcia"
	personalNote   = "User Maria Garcia (555-123-9999) warned by phone"
)

// chatStream creates the messages service's chat stream, and follows its
// deletes as Start does.
func (h *harness) followDeletes(t *testing.T) jetstream.JetStream {
	t.Helper()
	js, err := jetstream.New(h.nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(ctxT(t), jetstream.StreamConfig{Name: api.StreamChat, Subjects: api.ChatSubjects()}); err != nil {
		t.Fatal(err)
	}
	store, err := jsstore.Open(ctxT(t), h.nc, jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	stop := store.ConsumeDeletes(context.Background(), "test-deletes", 50*time.Millisecond, func(ctx context.Context, d jsstore.MessageDelete) error {
		_, err := h.svc.MessageDeleted(ctx, d.Tenant, d.Conversation, d.ID)
		return err
	})
	t.Cleanup(stop)
	return js
}

func publishEvent(t *testing.T, js jetstream.JetStream, subject string, ev api.MessageEvent) {
	t.Helper()
	data, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(ctxT(t), subject, data); err != nil {
		t.Fatal(err)
	}
}

// personalCase makes the case of message msg of tenant in locale target,
// written by personalAuthor.
func (h *harness) personalCase(t *testing.T, tenant, msg, target string) string {
	t.Helper()
	f := flagged(msg, target, personalText, "Frak, Bob, mi número personal cambió a 555-123-9999.")
	f.Tenant, f.Author = tenant, personalAuthor
	if _, err := h.svc.Intake(ctxT(t), f); err != nil {
		t.Fatal(err)
	}
	return f.CaseID()
}

// TestMessageDeleteRedactsItsCases: a delete on the chat stream closes
// the message's open cases and removes every personal text from all its
// cases (the stored value too), withdraws its correction from the
// translate cache, and records that without text; other messages' cases,
// another tenant's message with the same id among them, are untouched.
func TestMessageDeleteRedactsItsCases(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	js := h.followDeletes(t)

	corrected := h.personalCase(t, "acme", "p3", "es")
	open := h.personalCase(t, "acme", "p3", "de")
	claimed := h.personalCase(t, "acme", "p3", "fr")
	otherMsg := h.personalCase(t, "acme", "p4", "es")
	otherTenant := h.personalCase(t, "globex", "p3", "es")
	if _, err := h.mod.Note(ctx, api.CaseNoteRequest{ID: open, Actor: "bob", Text: personalNote}); err != nil {
		t.Fatal(err)
	}
	h.decide(t, api.CaseDecideRequest{ID: corrected, Actor: "alice", Action: api.ActionCorrect, Correction: "Frak, Bob, mi número es 555-123-9999."})
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: claimed, Actor: "carol"}); err != nil {
		t.Fatal(err)
	}

	// A post and an edit are no deletes; the delete comes on the tenant's
	// subject, the way the gateway publishes it.
	subj := api.TenantChatSubject("acme", "conv-1")
	publishEvent(t, js, subj, api.MessageEvent{Op: api.OpPost, ID: "p5", Text: "hello"})
	publishEvent(t, js, subj, api.MessageEvent{Op: api.OpDelete, ID: "p3", Tenant: "acme"})

	for _, id := range []string{corrected, open, claimed} {
		// The deletes consumer stores the redacted case, then appends its
		// audit entry: wait for both.
		waitFor(t, "case "+id+" redacted", func() bool {
			c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
			if err != nil || c.Redacted != api.RedactedDeleted {
				return false
			}
			entries := h.audit(t, id)
			return len(entries) > 0 && entries[len(entries)-1].Action == api.AuditRedact
		})
		c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != api.CaseDecided || c.Claim != nil || c.Original != "" || c.Author != "" || c.Translation != "" ||
			c.Correction != "" || len(c.Notes) != 0 || c.Safety.Source.Spans[0].Text != "" {
			t.Errorf("case %s after the delete: %+v", id, c)
		}
		if c.MessageID != "p3" || c.Severity != api.SeverityMedium || len(c.Categories) == 0 || c.RedactedAt.IsZero() {
			t.Errorf("case %s lost what redaction keeps: %+v", id, c)
		}
		raw := h.rawCase(t, id)
		for _, s := range []string{personalAuthor, "555-123-9999"} {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("stored case %s still holds %q: %s", id, s, raw)
			}
		}
		entries := h.audit(t, id)
		last := entries[len(entries)-1]
		if last.Action != api.AuditRedact || last.Actor != moderation.SystemActor {
			t.Errorf("case %s: last audit entry %+v, want a system redact", id, last)
		}
		all, _ := json.Marshal(entries)
		if bytes.Contains(all, []byte("555-123-9999")) || bytes.Contains(all, []byte(personalAuthor)) {
			t.Errorf("audit of case %s holds personal text: %s", id, all)
		}
	}
	if c, _ := h.mod.Get(ctx, api.CaseGetRequest{ID: corrected}); c.Decision == nil || c.Decision.Action != api.ActionCorrect || c.Decision.Actor != "alice" {
		t.Errorf("the corrected case's decision: %+v", c.Decision)
	}
	// The correction is withdrawn: an override request without a
	// translation, for the text, locale and tenant it was stored for.
	sent := h.ov.sent()
	if last := sent[len(sent)-1]; last.Translation != "" || last.Request.Text != personalText || last.Request.Target != "es" || last.Request.Tenant != "acme" {
		t.Errorf("last override request %+v, want the removal of the correction", last)
	}
	if _, err := h.mod.Reopen(ctx, api.CaseReopenRequest{ID: corrected, Actor: "alice"}); code(err) != api.CodeConflict {
		t.Errorf("reopen of a redacted case: %v, want a conflict", err)
	}
	if _, err := h.mod.Note(ctx, api.CaseNoteRequest{ID: open, Actor: "bob", Text: "again"}); code(err) != api.CodeConflict {
		t.Errorf("note on a redacted case: %v, want a conflict", err)
	}
	for _, id := range []string{otherMsg, otherTenant} {
		if c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id}); err != nil || c.Redacted != "" || c.Original != personalText || c.Status != api.CaseOpen {
			t.Errorf("case %s of another message: %+v, %v", id, c, err)
		}
	}
	if n := h.total(t, api.CaseListRequest{Status: "open,escalated,claimed", Tenant: "acme"}); n != 1 {
		t.Errorf("%d acme cases wait in the queue, want 1 (p4's)", n)
	}
}

// TestLegacySubjectDeleteRedacts: a delete on a conversation's legacy
// subject is the tenant's the event carries.
func TestLegacySubjectDeleteRedacts(t *testing.T) {
	h := newHarness(t)
	js := h.followDeletes(t)
	id := h.personalCase(t, "acme", "p3", "es")
	publishEvent(t, js, api.ChatSubject("conv-1"), api.MessageEvent{Op: api.OpDelete, ID: "p3", Tenant: "acme"})
	waitFor(t, "case redacted", func() bool {
		c, err := h.mod.Get(ctxT(t), api.CaseGetRequest{ID: id})
		return err == nil && c.Redacted == api.RedactedDeleted
	})
}

func (h *harness) rawCase(t *testing.T, id string) []byte {
	t.Helper()
	js, err := jetstream.New(h.nc)
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(ctxT(t), api.BucketModerationCases)
	if err != nil {
		t.Fatal(err)
	}
	e, err := kv.Get(ctxT(t), id)
	if err != nil {
		t.Fatal(err)
	}
	return e.Value()
}

// TestWithdrawCorrection: a moderator withdraws a correction; the
// translate cache is told to remove it, the case keeps no copy, and the
// audit log records who did it without the text.
func TestWithdrawCorrection(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	id := h.personalCase(t, "acme", "p3", "es")
	plain := h.personalCase(t, "acme", "p3", "de")
	h.decide(t, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionCorrect, Correction: "Mi número es 555-123-9999."})
	c, err := h.mod.Withdraw(ctx, api.CaseWithdrawRequest{ID: id, Actor: "bob", Reason: "personal data"})
	if err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	if c.Correction != "" || c.Decision.Correction != "" || c.Decision.OverrideKey != "" || c.Status != api.CaseDecided {
		t.Fatalf("case after the withdrawal: %+v, decision %+v", c, c.Decision)
	}
	sent := h.ov.sent()
	if last := sent[len(sent)-1]; last.Translation != "" || last.Request.Text != personalText || last.Moderator != "bob" {
		t.Fatalf("last override request %+v, want bob's removal", last)
	}
	entries := h.audit(t, id)
	if last := entries[len(entries)-1]; last.Action != api.AuditWithdraw || last.Actor != "bob" || last.Correction != "" || last.TextChars == 0 {
		t.Fatalf("last audit entry %+v", last)
	}
	tests := []struct {
		name string
		req  api.CaseWithdrawRequest
		want api.Code
	}{
		{"withdrawn already", api.CaseWithdrawRequest{ID: id, Actor: "bob"}, api.CodeConflict},
		{"never corrected", api.CaseWithdrawRequest{ID: plain, Actor: "bob"}, api.CodeConflict},
		{"no actor", api.CaseWithdrawRequest{ID: id}, api.CodeInvalidArgument},
		{"bad id", api.CaseWithdrawRequest{ID: "a b", Actor: "bob"}, api.CodeInvalidArgument},
		{"no case", api.CaseWithdrawRequest{ID: "nope", Actor: "bob"}, api.CodeNotFound},
		{"stale revision", api.CaseWithdrawRequest{ID: id, Actor: "bob", Revision: 1}, api.CodeConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := h.mod.Withdraw(ctx, tt.req); code(err) != tt.want {
				t.Fatalf("withdraw: %v, want %s", err, tt.want)
			}
		})
	}
}

// TestSweep: cases of messages older than the chat stream's retention are
// redacted, and decided cases unchanged for the case retention are
// deleted, their correction withdrawn, with a purge entry in the log.
func TestSweep(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	old := h.personalCase(t, "acme", "p1", "es")
	h.decide(t, api.CaseDecideRequest{ID: old, Actor: "alice", Action: api.ActionCorrect, Correction: "Hola"})
	text := &api.FlaggedView{Tenant: "acme", Text: "you are shit", View: flagged("", "de", "", "du bist schlecht").View}
	if _, err := h.svc.Intake(ctx, text); err != nil {
		t.Fatal(err)
	}
	h.clk.Add(48 * time.Hour)
	young := h.personalCase(t, "acme", "p2", "es")

	redacted, purged, err := h.svc.Sweep(ctx, 0, 24*time.Hour)
	if err != nil || redacted != 1 || purged != 0 {
		t.Fatalf("sweep of messages older than a day: %d redacted, %d deleted, %v; want 1, 0", redacted, purged, err)
	}
	if c, _ := h.mod.Get(ctx, api.CaseGetRequest{ID: old}); c.Redacted != api.RedactedExpired || c.Original != "" {
		t.Fatalf("old case: %+v", c)
	}
	for _, id := range []string{young, text.CaseID()} {
		if c, _ := h.mod.Get(ctx, api.CaseGetRequest{ID: id}); c.Redacted != "" {
			t.Fatalf("case %s redacted: %+v", id, c)
		}
	}

	h.clk.Add(24 * time.Hour)
	redacted, purged, err = h.svc.Sweep(ctx, 12*time.Hour, 0)
	if err != nil || redacted != 0 || purged != 1 {
		t.Fatalf("sweep of cases decided over 12h ago: %d redacted, %d deleted, %v; want 0, 1", redacted, purged, err)
	}
	if _, err := h.mod.Get(ctx, api.CaseGetRequest{ID: old}); code(err) != api.CodeNotFound {
		t.Fatalf("get of a deleted case: %v", err)
	}
	entries := h.audit(t, old)
	if last := entries[len(entries)-1]; last.Action != api.AuditPurge || last.Actor != moderation.SystemActor {
		t.Fatalf("last audit entry %+v, want a purge", last)
	}
	// The list is the store's mirror: its watcher may bring back an
	// earlier write of the deleted case a moment before the purge.
	waitFor(t, "the 2 undecided cases left", func() bool { return h.total(t, api.CaseListRequest{}) == 2 })
}

// TestIntakeForgetsViews: a flagged view made into a case leaves the
// intake stream at once (it holds the message's text and author).
func TestIntakeForgetsViews(t *testing.T) {
	h := newHarness(t)
	f := flagged("p3", "es", personalText, "x")
	f.Author = personalAuthor
	if err := h.mod.Flagged(ctxT(t), f); err != nil {
		t.Fatal(err)
	}
	js, err := jetstream.New(h.nc)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the view gone from the intake stream", func() bool {
		st, err := js.Stream(ctxT(t), api.StreamModerationIntake)
		return err == nil && st.CachedInfo().State.Msgs == 0 && h.total(t, api.CaseListRequest{}) == 1
	})
}

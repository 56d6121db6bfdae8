package moderation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestStaleRevisionIsRefused: an action that names the revision its actor
// saw is refused once the case changed since, whoever changed it, and
// nothing is written; the revision the case is at goes through.
func TestStaleRevisionIsRefused(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	id := f.CaseID()
	seen, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	// Alice claims, warns and escalates while Bob's page still shows the
	// case open at the revision he loaded.
	c, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "alice", Revision: seen.Revision})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = h.mod.Note(ctx, api.CaseNoteRequest{ID: id, Actor: "alice", Text: "Credible threat, do NOT approve", Revision: c.Revision}); err != nil {
		t.Fatal(err)
	}
	if c, err = h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionEscalate, Revision: c.Revision}); err != nil {
		t.Fatal(err)
	}
	stale := seen.Revision
	tests := []struct {
		name string
		call func() error
	}{
		{"claim", func() error {
			_, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "bob", Revision: stale})
			return err
		}},
		{"decide", func() error {
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionApprove, Revision: stale})
			return err
		}},
		{"correct", func() error {
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionCorrect, Correction: "eres", Revision: stale})
			return err
		}},
		{"note", func() error {
			_, err := h.mod.Note(ctx, api.CaseNoteRequest{ID: id, Actor: "bob", Text: "looks fine", Revision: stale})
			return err
		}},
		{"release", func() error {
			_, err := h.mod.Release(ctx, api.CaseReleaseRequest{ID: id, Actor: "alice", Revision: stale})
			return err
		}},
		{"reopen", func() error {
			_, err := h.mod.Reopen(ctx, api.CaseReopenRequest{ID: id, Actor: "bob", Revision: stale})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			ae := api.AsError(err)
			if err == nil || ae.Code != api.CodeConflict || ae.Field != "revision" || !strings.Contains(ae.Message, "escalated") {
				t.Fatalf("stale %s: %v, want a conflict on revision naming the status", tt.name, err)
			}
		})
	}
	now, err := h.mod.Get(ctx, api.CaseGetRequest{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	if now.Revision != c.Revision || now.Status != api.CaseEscalated || now.Claim != nil || len(now.Notes) != 1 || len(h.ov.sent()) != 0 {
		t.Fatalf("a stale action changed the case: %+v", now)
	}
	// Acting on what the case is now works.
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "bob", Revision: now.Revision}); err != nil {
		t.Fatalf("claim at the current revision: %v", err)
	}
}

// TestReopen: a decided case can be taken back to the queue and decided
// again; the reopen is audited with the decision it reopened, and the
// case keeps that decision until the next one.
func TestReopen(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	id := f.CaseID()
	if _, err := h.mod.Reopen(ctx, api.CaseReopenRequest{ID: id, Actor: "bob"}); code(err) != api.CodeConflict {
		t.Fatalf("reopen an open case: %v, want conflict", err)
	}
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionApprove}); err != nil {
		t.Fatal(err)
	}
	c, err := h.mod.Reopen(ctx, api.CaseReopenRequest{ID: id, Actor: "bob", Reason: "missed the threat"})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if c.Status != api.CaseOpen || c.Decision == nil || c.Decision.Action != api.ActionApprove {
		t.Fatalf("reopened case: %+v (decision %+v)", c, c.Decision)
	}
	entries := h.audit(t, id)
	last := entries[len(entries)-1]
	if last.Action != api.AuditReopen || last.Actor != "bob" || last.Reason != "missed the threat" ||
		last.Note != "reopened the approve decision of alice" || last.Revision != c.Revision {
		t.Fatalf("reopen audit entry: %+v", last)
	}
	// Decided again: the new decision replaces the one reopened.
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "bob"}); err != nil {
		t.Fatalf("claim a reopened case: %v", err)
	}
	if c, err = h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "bob", Action: api.ActionHide, Reason: "threat"}); err != nil {
		t.Fatal(err)
	}
	if c.Status != api.CaseDecided || c.Decision.Action != api.ActionHide || c.Decision.Actor != "bob" {
		t.Fatalf("decided again: %+v", c.Decision)
	}
	want := []string{"create:system", "claim:alice", "decide:alice", "reopen:bob", "claim:bob", "decide:bob"}
	if got := actions(h.audit(t, id)); !slices.Equal(got, want) {
		t.Fatalf("audit %v, want %v", got, want)
	}

	t.Run("an escalated case goes back to the escalated queue", func(t *testing.T) {
		g := flagged("m2", "es", "you are shit", "eres malo")
		if _, err := h.svc.Intake(ctx, g); err != nil {
			t.Fatal(err)
		}
		for _, step := range []func() error{
			func() error {
				_, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: g.CaseID(), Actor: "alice"})
				return err
			},
			func() error {
				_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: g.CaseID(), Actor: "alice", Action: api.ActionEscalate})
				return err
			},
			func() error {
				_, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: g.CaseID(), Actor: "senior"})
				return err
			},
			func() error {
				_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: g.CaseID(), Actor: "senior", Action: api.ActionApprove})
				return err
			},
		} {
			if err := step(); err != nil {
				t.Fatal(err)
			}
		}
		c, err := h.mod.Reopen(ctx, api.CaseReopenRequest{ID: g.CaseID(), Actor: "bob"})
		if err != nil || c.Status != api.CaseEscalated {
			t.Fatalf("reopen: %+v %v", c, err)
		}
	})
}

// TestHideOfATextCase: a case of a text without a message id has no
// message to hide, so hide is refused with a 400 that says what does
// apply; approve closes it.
func TestHideOfATextCase(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	id := f.CaseID()
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionHide})
	if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != "action" || !strings.Contains(ae.Message, "no message to hide") {
		t.Fatalf("hide a text case: %v", err)
	}
	c, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionApprove})
	if err != nil || c.Status != api.CaseDecided {
		t.Fatalf("approve a text case: %+v %v", c, err)
	}
}

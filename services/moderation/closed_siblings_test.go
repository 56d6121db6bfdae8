package moderation_test

import (
	"slices"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestReopenedHideListsTheCasesItClosed: a hide closes the message's
// other cases; reopened and approved, the case still lists them in
// closed (they stay closed), so that a moderator can reopen them too; a
// sibling reopened leaves the list.
func TestReopenedHideListsTheCasesItClosed(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	es := flagged("m1", "es", "you are shit", "eres malo")
	fr := flagged("m1", "fr", "you are shit", "tu es nul")
	for _, f := range []*api.FlaggedView{es, fr} {
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the cases", func() bool { return h.total(t, api.CaseListRequest{Status: api.CaseOpen}) == 2 })
	h.decide(t, api.CaseDecideRequest{ID: es.CaseID(), Actor: "alice", Action: api.ActionHide})
	if _, err := h.mod.Reopen(ctx, api.CaseReopenRequest{ID: es.CaseID(), Actor: "bob", Reason: "not abuse"}); err != nil {
		t.Fatal(err)
	}
	h.decide(t, api.CaseDecideRequest{ID: es.CaseID(), Actor: "bob", Action: api.ActionApprove})
	c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: es.CaseID()})
	if err != nil || !slices.Equal(c.Closed, []string{fr.CaseID()}) {
		t.Fatalf("approved case lists closed %v (%v), want the fr case %s", c.Closed, err, fr.CaseID())
	}
	if sib, err := h.mod.Get(ctx, api.CaseGetRequest{ID: fr.CaseID()}); err != nil || sib.Status != api.CaseDecided || sib.ClosedBy != es.CaseID() {
		t.Fatalf("sibling %+v %v", sib, err)
	}
	if _, err := h.mod.Reopen(ctx, api.CaseReopenRequest{ID: fr.CaseID(), Actor: "bob"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the sibling reopened", func() bool {
		c, err := h.mod.Get(ctx, api.CaseGetRequest{ID: es.CaseID()})
		return err == nil && len(c.Closed) == 0
	})
}

package moderation_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestListReviewCases: a self-harm case the policy sent to review (the
// text stays visible to readers) is told apart from a flagged one in its
// summary (policy_action, review) and by the action filter; a filter
// value no case can carry (a category or action that does not exist) is
// a 400, not an empty queue.
func TestListReviewCases(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	flag := flagged("m-flag", "es", "you are shit", "eres malo")
	review := flagged("m-review", "es", "I want to kill myself", "me quiero matar")
	review.View.Safety = &api.SafetyResponse{
		Source: api.Verdict{Severity: api.SeverityHigh, Categories: []string{api.CategorySelfHarm}},
		Policy: &api.PolicyDecision{Tenant: "acme", Action: api.PolicyAllow, Review: []string{api.CategorySelfHarm}},
	}
	for _, f := range []*api.FlaggedView{flag, review} {
		if _, err := h.svc.Intake(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the cases", func() bool { return h.total(t, api.CaseListRequest{}) == 2 })
	tests := []struct {
		action string
		want   string
	}{
		{api.PolicyReview, review.CaseID()},
		{api.PolicyFlag, flag.CaseID()},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			res, err := h.mod.List(ctx, api.CaseListRequest{Action: tt.action})
			if err != nil || res.Total != 1 || res.Cases[0].ID != tt.want {
				t.Fatalf("action=%s: %+v %v, want %s", tt.action, res, err, tt.want)
			}
			if s := res.Cases[0]; s.PolicyAction != tt.action || s.Review != (tt.action == api.PolicyReview) {
				t.Fatalf("summary %+v", s)
			}
		})
	}
	bad := []struct {
		name  string
		req   api.CaseListRequest
		field string
	}{
		{"unknown category", api.CaseListRequest{Category: "bogus"}, "category"},
		{"unknown action", api.CaseListRequest{Action: "hide"}, "action"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.mod.List(ctx, tt.req)
			if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != tt.field || !strings.Contains(ae.Message, tt.field) {
				t.Fatalf("list %+v: %v, want a 400 on %s", tt.req, err, tt.field)
			}
		})
	}
	if res, err := h.mod.List(ctx, api.CaseListRequest{Category: api.CategorySelfHarm}); err != nil || res.Total != 1 {
		t.Fatalf("category=self_harm: %+v %v", res, err)
	}
}

// TestCorrectionControlCharacterNamesTheField: a correction refused for
// a control character says "correction holds ...", naming the field a
// moderator has to fix.
func TestCorrectionControlCharacterNamesTheField(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	f := flagged("m-ctl", "es", "you are shit", "eres malo")
	if _, err := h.svc.Intake(ctx, f); err != nil {
		t.Fatal(err)
	}
	if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: f.CaseID(), Actor: "alice"}); err != nil {
		t.Fatal(err)
	}
	_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: f.CaseID(), Actor: "alice", Action: api.ActionCorrect, Correction: "eres\x07 malo"})
	ae := api.AsError(err)
	if err == nil || ae.Field != "correction" || !strings.HasPrefix(ae.Message, "correction holds the control character U+0007") {
		t.Fatalf("decide: %v", err)
	}
}

package moderation_test

import (
	"fmt"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestCorrectionIsStoredForTheCaseTenant: a correction becomes the
// override of the case's tenant only, so that the translate service
// serves it to that tenant's readers and to no other tenant's (a case
// without a tenant corrects requests without one). Two tenants' cases of
// the same text and locale are two cases, each corrected for its tenant.
func TestCorrectionIsStoredForTheCaseTenant(t *testing.T) {
	tests := []struct {
		name, tenant, correction string
	}{
		{"acme", "acme", "Cállate, eres un tonto y visita la tienda de ACME hoy"},
		{"globex, same text", "globex", "Cállate, tonto"},
		{"no tenant", "", "Cállate"},
	}
	h := newHarness(t)
	ctx := ctxT(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := flagged("m1", "es", "shut up you stupid asshole", "cállate estúpido")
			f.Tenant = tt.tenant
			if f.View.Safety.Policy != nil {
				f.View.Safety.Policy.Tenant = tt.tenant
			}
			if _, err := h.svc.Intake(ctx, f); err != nil {
				t.Fatal(err)
			}
			id := f.CaseID()
			if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: id, Actor: "alice"}); err != nil {
				t.Fatalf("claim: %v", err)
			}
			before := len(h.ov.sent())
			c, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: id, Actor: "alice", Action: api.ActionCorrect, Correction: tt.correction})
			if err != nil {
				t.Fatalf("correct: %v", err)
			}
			if c.Tenant != tt.tenant || c.Correction != tt.correction {
				t.Fatalf("corrected case: tenant %q, correction %q", c.Tenant, c.Correction)
			}
			sent := h.ov.sent()[before:]
			if len(sent) != 1 {
				t.Fatalf("%d overrides sent, want 1", len(sent))
			}
			if got := sent[0]; got.Request.Tenant != tt.tenant || got.Translation != tt.correction || got.Request.Text != f.Text {
				t.Fatalf("override for tenant %q, text %q, translation %q; want tenant %q", got.Request.Tenant, got.Request.Text, got.Translation, tt.tenant)
			}
		})
	}
}

// TestCorrectionOfAScriptChange: a view from zh-Hans into zh-Hant is a
// translation (the pipeline translates a change of script), so its case
// can be corrected; a view into another region of the same script, which
// the pipeline leaves untranslated, cannot.
func TestCorrectionOfAScriptChange(t *testing.T) {
	tests := []struct {
		name, source, target string
		want                 api.Code
	}{
		{"simplified to traditional", "zh-Hans", "zh-Hant", ""},
		{"simplified to Taiwan", "zh-Hans", "zh-TW", ""},
		{"cyrillic to latin", "sr-Cyrl", "sr-Latn", ""},
		{"another region", "en-US", "en-GB", api.CodeInvalidArgument},
	}
	h := newHarness(t)
	ctx := ctxT(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := flagged(fmt.Sprintf("script-%d", i), tt.target, "shit, the report is late", "shit, the report is late!")
			f.View.SourceLanguage = tt.source
			if _, err := h.svc.Intake(ctx, f); err != nil {
				t.Fatal(err)
			}
			if _, err := h.mod.Claim(ctx, api.CaseClaimRequest{ID: f.CaseID(), Actor: "alice"}); err != nil {
				t.Fatalf("claim: %v", err)
			}
			_, err := h.mod.Decide(ctx, api.CaseDecideRequest{ID: f.CaseID(), Actor: "alice", Action: api.ActionCorrect, Correction: "the report is late"})
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("correct %s to %s: %v", tt.source, tt.target, err)
			case tt.want != "" && api.ErrorCode(err) != tt.want:
				t.Fatalf("correct %s to %s: %v, want code %q", tt.source, tt.target, err, tt.want)
			}
		})
	}
}

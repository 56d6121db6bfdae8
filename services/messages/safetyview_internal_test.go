package messages

import (
	"slices"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestViewSafetyCategories: a view's safety categories say why it is
// hidden or reviewed. A view hidden for what the source says (the
// translation is clean: a laundered delta, or source harm the guard could
// not check in the translation) lists the source's categories, not the
// clean translation's none. A view the policy reviews with its text
// served (self-harm) stays visible, lists the reviewed categories in
// Review and Categories, and is not flagged.
func TestViewSafetyCategories(t *testing.T) {
	const text = "quiero morir, cabrón"
	laundered := &api.SafetyResponse{
		Source:      api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
		Translation: &api.Verdict{Safe: true, Severity: api.SeverityNone},
		Policy:      &api.PolicyDecision{Action: api.PolicyFlag, FlaggedBy: []string{api.FlagLaundered}},
	}
	guarded := &api.SafetyResponse{
		Source: api.Verdict{Severity: api.SeverityHigh, Categories: []string{api.CategoryViolentCrimes},
			Guard: &api.GuardVerdict{Status: api.GuardOK, Categories: []string{api.CategoryViolentCrimes}, Codes: []string{"S1"}}},
		Translation: &api.Verdict{Safe: true, Severity: api.SeverityNone, Guard: &api.GuardVerdict{Status: api.GuardTimeout}},
		Policy:      &api.PolicyDecision{Action: api.PolicyFlag, FlaggedBy: []string{api.CategoryViolentCrimes}},
	}
	added := &api.SafetyResponse{
		Source:      api.Verdict{Safe: true, Severity: api.SeverityNone},
		Translation: &api.Verdict{Severity: api.SeverityMedium, Categories: []string{api.CategoryProfanity}},
		Policy:      &api.PolicyDecision{Action: api.PolicyFlag, FlaggedBy: []string{api.FlagAdded}},
	}
	reviewed := &api.SafetyResponse{
		Source:      api.Verdict{Severity: api.SeverityHigh, Categories: []string{api.CategorySelfHarm}},
		Translation: &api.Verdict{Safe: true, Severity: api.SeverityNone},
		Policy:      &api.PolicyDecision{Action: api.PolicyAllow, Review: []string{api.CategorySelfHarm}},
	}
	tests := []struct {
		name       string
		safety     *api.SafetyResponse
		status     string
		action     string
		categories []string
		review     []string
	}{
		{"hidden for the source, laundered", laundered, api.StatusHidden, api.SafetyHide, []string{api.CategoryProfanity}, nil},
		{"hidden for the source, guard", guarded, api.StatusHidden, api.SafetyHide, []string{api.CategoryViolentCrimes}, nil},
		{"hidden for the translation", added, api.StatusHidden, api.SafetyHide, []string{api.CategoryProfanity}, nil},
		{"self-harm reviewed, served", reviewed, api.StatusTranslated, api.SafetyAllow, []string{api.CategorySelfHarm}, []string{api.CategorySelfHarm}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Renderer{Flagged: FlaggedHide}
			v := &api.MessageView{ID: "m1", Locale: "en"}
			pv := api.View{Text: "translated", Status: api.StatusTranslated, SourceLanguage: "es", TargetLanguage: "en", Safety: tt.safety}
			r.fill(v, api.Message{ID: "m1", Text: text}, &pv, false, nil)
			s := v.Safety
			if v.Status != tt.status || s == nil || s.Action != tt.action {
				t.Fatalf("view: status %s, safety %+v; want %s, %s", v.Status, s, tt.status, tt.action)
			}
			if !slices.Equal(s.Categories, tt.categories) || !slices.Equal(s.Review, tt.review) {
				t.Errorf("categories %v, review %v; want %v, %v", s.Categories, s.Review, tt.categories, tt.review)
			}
			if tt.review != nil && (s.Flagged || v.Text != "translated") {
				t.Errorf("reviewed view is flagged (%v) or not served (%q)", s.Flagged, v.Text)
			}
		})
	}
	if tr := laundered.Translation.Categories; len(tr) != 0 {
		t.Errorf("the verdict's categories were changed: %v", tr)
	}
}

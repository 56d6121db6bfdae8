package messages

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestFillAppliesDecisionsToWhatIsServed: a moderator's decision lifts
// the safety policy's flag only from what the moderator reviewed. A
// correction lifts it from the correction (the translate service's
// override); a corrected locale whose view serves anything else (the
// original, a machine's translation) is held back by the flag like any
// view, and does not claim to be corrected. A tenant's mask policy still
// masks a correction.
func TestFillAppliesDecisionsToWhatIsServed(t *testing.T) {
	const (
		original   = "you are a fucking moron and everybody here hates you"
		correction = "Eres tonto."
		machine    = "eres un puto imbécil"
	)
	flag := &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyFlag}}
	maskFlag := &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyMask, Masked: "Eres *****."}}
	// A correction is recorded as decisions.go's decide records it: the
	// locale is approved and corrected.
	corrected := &api.MessageModeration{MessageID: "z1", Approved: []string{"es"}, Corrected: []string{"es"}}
	approved := &api.MessageModeration{MessageID: "z1", Approved: []string{"es"}}
	servedCorrection := api.View{Text: correction, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es",
		Backend: "moderator", Cache: api.CacheOverride, Safety: flag}
	servedMachine := api.View{Text: machine, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es", Backend: "ollama", Safety: flag}
	servedOriginal := api.View{Text: original, Status: api.StatusOriginal, SourceLanguage: "en", TargetLanguage: "es", Backend: "none",
		Reason: "every translation was rejected by quality estimation", Safety: flag}
	masked := servedCorrection
	masked.Safety = maskFlag

	tests := []struct {
		name           string
		pv             api.View
		mod            *api.MessageModeration
		wantStatus     string
		wantText       string
		wantAction     string
		wantModeration string
	}{
		{"correction served", servedCorrection, corrected, api.StatusTranslated, correction, api.SafetyAllow, api.ModeratedCorrected},
		{"corrected, original served", servedOriginal, corrected, api.StatusHidden, "", api.SafetyHide, ""},
		{"corrected, machine served", servedMachine, corrected, api.StatusHidden, "", api.SafetyHide, ""},
		{"corrected, mask policy", masked, corrected, api.StatusTranslated, "Eres *****.", api.SafetyMask, api.ModeratedCorrected},
		{"approved translation", servedMachine, approved, api.StatusTranslated, machine, api.SafetyAllow, api.ModeratedApproved},
		{"no decision", servedMachine, nil, api.StatusHidden, "", api.SafetyHide, ""},
		{"no decision, original", servedOriginal, nil, api.StatusHidden, "", api.SafetyHide, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Renderer{Flagged: FlaggedHide}
			v := &api.MessageView{ID: "z1", Locale: "es"}
			pv := tt.pv
			r.fill(v, api.Message{ID: "z1", Text: original}, &pv, true, tt.mod)
			if v.Status != tt.wantStatus || v.Text != tt.wantText || v.Safety == nil || v.Safety.Action != tt.wantAction || v.Moderation != tt.wantModeration {
				t.Fatalf("view: status %s, text %q, safety %+v, moderation %q; want %s, %q, %s, %q",
					v.Status, v.Text, v.Safety, v.Moderation, tt.wantStatus, tt.wantText, tt.wantAction, tt.wantModeration)
			}
			// The original goes along only with a view the policy allows.
			if (v.Original != nil) != (tt.wantAction == api.SafetyAllow) {
				t.Fatalf("original %+v with safety %s", v.Original, v.Safety.Action)
			}
		})
	}
}

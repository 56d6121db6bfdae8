package messages

import (
	"context"
	"strconv"
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

// TestDecisionsCoverTheReviewedRevision: an approval or a correction
// covers the message revision whose flagged view the case was made from.
// An edit is a text no moderator saw: flagged again, it is hidden or
// masked per policy, not shown as approved or corrected, until a decision
// on the new revision's case. A decision on an earlier revision than the
// one recorded changes nothing. Records written before revisions were
// recorded cover revision 1.
func TestDecisionsCoverTheReviewedRevision(t *testing.T) {
	const (
		edited     = "you are a fucking moron"
		correction = "Eres tonto."
		machine    = "eres un puto imbécil"
	)
	flag := &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyFlag, Masked: "eres un **** imbécil"}}
	servedMachine := api.View{Text: machine, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es", Backend: "ollama", Safety: flag}
	servedCorrection := api.View{Text: correction, Status: api.StatusTranslated, SourceLanguage: "en", TargetLanguage: "es",
		Backend: "moderator", Cache: api.CacheOverride, Safety: flag}
	type decision struct {
		action string
		rev    int // the case's message revision (0: a case made before revisions were carried)
	}
	tests := []struct {
		name      string
		decisions []decision
		legacy    *api.MessageModeration // a stored record instead of decisions
		msgRev    int
		pv        api.View
		flagged   string
		wantText  string // "" with status hidden
		wantAct   string
		wantMod   string
		wantCases int
	}{
		{"approved, not edited", []decision{{api.ActionApprove, 1}}, nil, 1, servedMachine, FlaggedHide, machine, api.SafetyAllow, api.ModeratedApproved, 1},
		{"approved, then edited", []decision{{api.ActionApprove, 1}}, nil, 2, servedMachine, FlaggedHide, "", api.SafetyHide, "", 1},
		{"approved, then edited, mask policy", []decision{{api.ActionApprove, 1}}, nil, 2, servedMachine, FlaggedMask, "eres un **** imbécil", api.SafetyMask, "", 1},
		{"approved, edited, edit approved", []decision{{api.ActionApprove, 1}, {api.ActionApprove, 2}}, nil, 2, servedMachine, FlaggedHide, machine, api.SafetyAllow, api.ModeratedApproved, 2},
		{"edit approved, then its earlier revision", []decision{{api.ActionApprove, 2}, {api.ActionCorrect, 1}}, nil, 2, servedMachine, FlaggedHide, machine, api.SafetyAllow, api.ModeratedApproved, 1},
		{"edit approved, edited again", []decision{{api.ActionApprove, 2}}, nil, 3, servedMachine, FlaggedHide, "", api.SafetyHide, "", 1},
		{"corrected, not edited", []decision{{api.ActionCorrect, 1}}, nil, 1, servedCorrection, FlaggedHide, correction, api.SafetyAllow, api.ModeratedCorrected, 1},
		{"corrected, then edited", []decision{{api.ActionCorrect, 1}}, nil, 2, servedMachine, FlaggedHide, "", api.SafetyHide, "", 1},
		// Edited back to the corrected text: the override is served again,
		// but the correction was of revision 1.
		{"corrected, edited, override served", []decision{{api.ActionCorrect, 1}}, nil, 3, servedCorrection, FlaggedHide, "", api.SafetyHide, "", 1},
		{"corrected, edited, edit approved", []decision{{api.ActionCorrect, 1}, {api.ActionApprove, 2}}, nil, 2, servedMachine, FlaggedHide, machine, api.SafetyAllow, api.ModeratedApproved, 2},
		{"corrected, edited, edit corrected", []decision{{api.ActionCorrect, 1}, {api.ActionCorrect, 2}}, nil, 2, servedCorrection, FlaggedHide, correction, api.SafetyAllow, api.ModeratedCorrected, 2},
		{"case without a revision", []decision{{api.ActionApprove, 0}}, nil, 1, servedMachine, FlaggedHide, machine, api.SafetyAllow, api.ModeratedApproved, 1},
		{"case without a revision, message edited", []decision{{api.ActionApprove, 0}}, nil, 2, servedMachine, FlaggedHide, "", api.SafetyHide, "", 1},
		{"legacy approval, not edited", nil, &api.MessageModeration{MessageID: "z1", Approved: []string{"es"}}, 1, servedMachine, FlaggedHide, machine, api.SafetyAllow, api.ModeratedApproved, 0},
		{"legacy approval, message without a revision", nil, &api.MessageModeration{MessageID: "z1", Approved: []string{"es"}}, 0, servedMachine, FlaggedHide, machine, api.SafetyAllow, api.ModeratedApproved, 0},
		{"legacy approval, since edited", nil, &api.MessageModeration{MessageID: "z1", Approved: []string{"es"}}, 2, servedMachine, FlaggedHide, "", api.SafetyHide, "", 0},
		{"legacy correction, not edited", nil, &api.MessageModeration{MessageID: "z1", Approved: []string{"es"}, Corrected: []string{"es"}}, 1, servedCorrection, FlaggedHide, correction, api.SafetyAllow, api.ModeratedCorrected, 0},
		{"legacy correction, since edited", nil, &api.MessageModeration{MessageID: "z1", Approved: []string{"es"}, Corrected: []string{"es"}}, 2, servedCorrection, FlaggedHide, "", api.SafetyHide, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod := tt.legacy
			if mod == nil {
				mod = &api.MessageModeration{MessageID: "z1"}
				for i, d := range tt.decisions {
					c := &api.Case{ID: "c" + strconv.Itoa(i), MessageID: "z1", TargetLanguage: "es", MessageRevision: d.rev,
						Decision: &api.CaseDecision{Action: d.action}}
					if decide(mod, c) {
						mod.Cases = append(mod.Cases, c.ID)
					}
				}
			}
			if len(mod.Cases) != tt.wantCases {
				t.Fatalf("cases applied %v, want %d", mod.Cases, tt.wantCases)
			}
			r := &Renderer{Flagged: tt.flagged}
			v := &api.MessageView{ID: "z1", Locale: "es", Revision: tt.msgRev}
			pv := tt.pv
			r.fill(v, api.Message{ID: "z1", Text: edited, Revision: tt.msgRev}, &pv, true, mod)
			wantStatus := api.StatusTranslated
			if tt.wantAct == api.SafetyHide {
				wantStatus = api.StatusHidden
			}
			if v.Status != wantStatus || v.Text != tt.wantText || v.Safety == nil || v.Safety.Action != tt.wantAct || !v.Safety.Flagged || v.Moderation != tt.wantMod {
				t.Fatalf("view: status %s, text %q, safety %+v, moderation %q; want %s, %q, %s, %q",
					v.Status, v.Text, v.Safety, v.Moderation, wantStatus, tt.wantText, tt.wantAct, tt.wantMod)
			}
			if (v.Original != nil) != (tt.wantAct == api.SafetyAllow) {
				t.Fatalf("original %+v with safety %s", v.Original, v.Safety.Action)
			}
		})
	}
}

// TestHiddenWhateverEdits: a hidden message stays hidden, in every
// locale, after any edit, also when a later revision's view in some
// locale is approved: hiding is the conservative direction, and an
// author must not un-hide a message by editing it. Nothing is rendered
// (the renderer has no pipeline: running it would panic).
func TestHiddenWhateverEdits(t *testing.T) {
	tests := []struct {
		name      string
		decisions []*api.Case
	}{
		{"hidden at revision 1", []*api.Case{{ID: "c1", TargetLanguage: "es", MessageRevision: 1, Decision: &api.CaseDecision{Action: api.ActionHide}}}},
		{"hidden by a case without a revision", []*api.Case{{ID: "c1", TargetLanguage: "es", Decision: &api.CaseDecision{Action: api.ActionHide}}}},
		{"hidden, then an edit approved", []*api.Case{
			{ID: "c1", TargetLanguage: "es", MessageRevision: 1, Decision: &api.CaseDecision{Action: api.ActionHide}},
			{ID: "c2", TargetLanguage: "es", MessageRevision: 2, Decision: &api.CaseDecision{Action: api.ActionApprove}},
		}},
		{"approved, then hidden", []*api.Case{
			{ID: "c1", TargetLanguage: "es", MessageRevision: 1, Decision: &api.CaseDecision{Action: api.ActionApprove}},
			{ID: "c2", TargetLanguage: "de", MessageRevision: 1, Decision: &api.CaseDecision{Action: api.ActionHide}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &api.MessageModeration{MessageID: "z1"}
			for _, c := range tt.decisions {
				c.MessageID = "z1"
				decide(st, c)
			}
			r := &Renderer{Flagged: FlaggedHide, Moderated: &Moderated{entries: map[Key]moderatedEntry{{ID: "z1"}: {state: st, rev: 1}}}}
			for rev := 1; rev <= 3; rev++ {
				for _, locale := range []string{"es", "en", "de"} {
					m := api.Message{ID: "z1", Text: "edited into something worse", Revision: rev}
					v, err := r.View(context.Background(), m, locale, "", true)
					if err != nil {
						t.Fatal(err)
					}
					if v.Status != api.StatusHidden || v.Moderation != api.ModeratedHidden || v.Text != "" || v.Original != nil || v.Revision != rev {
						t.Fatalf("revision %d in %s: %+v", rev, locale, v)
					}
				}
			}
		})
	}
}

// TestFlaggedMaskServesMaskedTextOnly: with MESSAGES_FLAGGED=mask a
// flagged view serves the policy's Masked text, in which the safety
// service masks flagged spans too; a flag with no span to mask (a delta,
// a guard category) hides the view, since masking words would serve what
// the flag is about. Text is never served unmasked under the label mask.
func TestFlaggedMaskServesMaskedTextOnly(t *testing.T) {
	const text = "what a shit\u0301\u0301 day"
	span := api.Span{Start: 7, End: 15, Text: "shit\u0301\u0301", Category: api.CategoryProfanity, Severity: api.SeverityMedium}
	lexical := &api.SafetyResponse{
		Source: api.Verdict{Spans: []api.Span{span}},
		Policy: &api.PolicyDecision{Action: api.PolicyFlag, Masked: "what a **** day", FlaggedBy: []string{api.CategoryProfanity}},
	}
	unmasked := &api.SafetyResponse{
		Source: api.Verdict{Spans: []api.Span{span}},
		Policy: &api.PolicyDecision{Action: api.PolicyFlag, FlaggedBy: []string{api.CategoryProfanity}},
	}
	delta := &api.SafetyResponse{
		Source:      api.Verdict{Spans: []api.Span{span}},
		Translation: &api.Verdict{Safe: true},
		Policy:      &api.PolicyDecision{Action: api.PolicyFlag, FlaggedBy: []string{api.FlagLaundered}},
	}
	// A PII span masked by the tenant, and a guard category flagged: the
	// masked text still says what the guard flagged.
	guard := &api.SafetyResponse{
		Source: api.Verdict{
			Spans: []api.Span{{Start: 0, End: 4, Category: api.CategoryPII}},
			Guard: &api.GuardVerdict{Status: api.GuardOK, Categories: []string{"violent_crimes"}},
		},
		Policy: &api.PolicyDecision{Action: api.PolicyFlag, Masked: "**** a shit\u0301\u0301 day", FlaggedBy: []string{"violent_crimes"}},
	}
	maskNoSpan := &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyMask}}
	tests := []struct {
		name       string
		safety     *api.SafetyResponse
		wantStatus string
		wantText   string
		wantAction string
	}{
		{"flagged span masked", lexical, api.StatusOriginal, "what a **** day", api.SafetyMask},
		{"flagged, nothing masked", unmasked, api.StatusHidden, "", api.SafetyHide},
		{"delta flag", delta, api.StatusHidden, "", api.SafetyHide},
		{"guard flag", guard, api.StatusHidden, "", api.SafetyHide},
		{"mask policy without a masked text", maskNoSpan, api.StatusHidden, "", api.SafetyHide},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Renderer{Flagged: FlaggedMask}
			v := &api.MessageView{ID: "f1", Locale: "en"}
			pv := api.View{Text: text, Status: api.StatusOriginal, SourceLanguage: "en", TargetLanguage: "en", Safety: tt.safety}
			r.fill(v, api.Message{ID: "f1", Text: text}, &pv, true, nil)
			if v.Status != tt.wantStatus || v.Text != tt.wantText || v.Safety == nil || v.Safety.Action != tt.wantAction {
				t.Fatalf("view: status %s, text %q, safety %+v; want %s, %q, %s", v.Status, v.Text, v.Safety, tt.wantStatus, tt.wantText, tt.wantAction)
			}
			if v.Safety.Action == api.SafetyMask && v.Text == text {
				t.Fatal("unmasked text served as masked")
			}
			if v.Original != nil {
				t.Fatalf("original %+v sent with a flagged view", v.Original)
			}
		})
	}
}

package pipeline_test

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// Fakes for the flagged-view hook: every step answers at once, and the
// safety check's policy action is set per test.
type (
	fakeDetect    struct{}
	fakeTranslate struct{}
	fakeGlossary  struct{}
	fakeQuality   struct{}
	fakeSafety    struct{ action string }
)

func (fakeDetect) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	return &api.DetectResponse{Language: "en", Confidence: 1}, nil
}

func (fakeTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	return &api.TranslateResponse{Text: "traducido: " + req.Text, Status: api.StatusTranslated, Backend: "fake"}, nil
}

func (fakeGlossary) Prepare(context.Context, api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	return &api.GlossaryPrepareResponse{}, nil
}

func (fakeGlossary) Verify(context.Context, api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	return &api.GlossaryReport{Compliance: 1}, nil
}

func (fakeQuality) Score(context.Context, api.QualityRequest) (*api.QualityResponse, error) {
	return &api.QualityResponse{Score: 90, Decision: api.DecisionAccept}, nil
}

func (f fakeSafety) Check(context.Context, api.SafetyRequest) (*api.SafetyResponse, error) {
	return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: f.action}}, nil
}

func TestOnFlagged(t *testing.T) {
	tests := []struct {
		action string
		want   bool
	}{
		{api.PolicyAllow, false},
		{api.PolicyMask, false},
		{api.PolicyFlag, true},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			var got []*api.FlaggedView
			p := &pipeline.Pipeline{
				Detect: fakeDetect{}, Translate: fakeTranslate{}, Glossary: fakeGlossary{}, Quality: fakeQuality{},
				Safety:    fakeSafety{action: tt.action},
				OnFlagged: func(_ context.Context, f *api.FlaggedView) { got = append(got, f) },
			}
			v, err := p.Run(context.Background(), pipeline.Request{
				Text: "hello", Target: "es", Tenant: "acme", ConversationID: "c1", MessageID: "m1", MessageRevision: 3, Formality: api.FormalityFormal,
			})
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want {
				if len(got) != 0 {
					t.Fatalf("hook called for %s", tt.action)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("hook called %d times", len(got))
			}
			f := got[0]
			if f.Text != "hello" || f.Tenant != "acme" || f.ConversationID != "c1" || f.MessageID != "m1" || f.MessageRevision != 3 ||
				f.Formality != api.FormalityFormal || f.View.Text != v.Text || f.View.SourceLanguage != "en" || f.View.TargetLanguage != "es" {
				t.Fatalf("flagged view = %+v", f)
			}
		})
	}
}

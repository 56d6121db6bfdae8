package pipeline_test

import (
	"context"
	"strings"
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
	fakeSafety    struct {
		action string
		review []string
	}
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
	return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: f.action, Review: f.review}}, nil
}

func TestOnFlagged(t *testing.T) {
	// A view reviewed with its text served (self-harm by default) goes
	// to the moderators as a flagged one does.
	tests := []struct {
		action string
		review []string
		want   bool
	}{
		{api.PolicyAllow, nil, false},
		{api.PolicyMask, nil, false},
		{api.PolicyFlag, nil, true},
		{api.PolicyAllow, []string{api.CategorySelfHarm}, true},
		{api.PolicyMask, []string{api.CategorySelfHarm}, true},
	}
	for _, tt := range tests {
		t.Run(tt.action+strings.Join(tt.review, ","), func(t *testing.T) {
			var got []*api.FlaggedView
			p := &pipeline.Pipeline{
				Detect: fakeDetect{}, Translate: fakeTranslate{}, Glossary: fakeGlossary{}, Quality: fakeQuality{},
				Safety:    fakeSafety{action: tt.action, review: tt.review},
				OnFlagged: func(_ context.Context, f *api.FlaggedView) { got = append(got, f) },
			}
			v, err := p.Run(context.Background(), pipeline.Request{
				Text: "hello", Target: "es", Tenant: "acme", ConversationID: "c1", MessageID: "m1", MessageRevision: 3, Formality: api.FormalityFormal,
				Stored: true, Author: "u1",
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
			if f.Text != "hello" || f.Tenant != "acme" || f.ConversationID != "c1" || f.MessageID != "m1" || f.MessageRevision != 3 || f.Author != "u1" ||
				f.Formality != api.FormalityFormal || f.View.Text != v.Text || f.View.SourceLanguage != "en" || f.View.TargetLanguage != "es" {
				t.Fatalf("flagged view = %+v", f)
			}
		})
	}
}

// overrideTranslate serves a moderator's correction from the translate
// cache.
type overrideTranslate struct{}

func (overrideTranslate) Translate(context.Context, api.TranslateRequest) (*api.TranslateResponse, error) {
	return &api.TranslateResponse{Text: "corregido", Status: api.StatusTranslated, Backend: "moderator", Cache: api.CacheOverride}, nil
}

// TestFlaggedViewOfWhat: only a stored message's view (Request.Stored, as
// messages.Renderer renders it) is a case of that message; the ids a
// client sends with a text of its own (/v1/translate) make a case of the
// text, never tied to the stored message they name. A view that serves a
// moderator's correction makes none.
func TestFlaggedViewOfWhat(t *testing.T) {
	tests := []struct {
		name      string
		translate pipeline.Translator
		stored    bool
		published bool
		message   string
	}{
		{"a stored message", fakeTranslate{}, true, true, "m1"},
		{"a text naming a message", fakeTranslate{}, false, true, ""},
		{"a correction of a stored message", overrideTranslate{}, true, false, ""},
		{"a correction of a text", overrideTranslate{}, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []*api.FlaggedView
			p := &pipeline.Pipeline{
				Detect: fakeDetect{}, Translate: tt.translate, Glossary: fakeGlossary{}, Quality: fakeQuality{},
				Safety:    fakeSafety{action: api.PolicyFlag},
				OnFlagged: func(_ context.Context, f *api.FlaggedView) { got = append(got, f) },
			}
			_, err := p.Run(context.Background(), pipeline.Request{
				Text: "hello", Target: "es", Tenant: "acme", ConversationID: "c1", MessageID: "m1", MessageRevision: 2,
				Stored: tt.stored, Author: "u1",
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != map[bool]int{true: 1}[tt.published] {
				t.Fatalf("published %d flagged views, want published=%v", len(got), tt.published)
			}
			if !tt.published {
				return
			}
			f := got[0]
			linked := tt.message != ""
			if f.MessageID != tt.message || (f.ConversationID != "") != linked || (f.MessageRevision != 0) != linked || (f.Author != "") != linked || f.Tenant != "acme" || f.Text != "hello" {
				t.Fatalf("flagged view = %+v", f)
			}
		})
	}
}

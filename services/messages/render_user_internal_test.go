package messages

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// armServices answer every pipeline step at once; translate assigns arms
// as an experiment split by user would (the arm is named for the user;
// no user, no experiment) and counts its calls.
type armServices struct {
	mu    sync.Mutex
	calls int
}

func (*armServices) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	return &api.DetectResponse{Language: "en", Confidence: 1}, nil
}

func (f *armServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	resp := &api.TranslateResponse{Text: "hola", Status: api.StatusTranslated, Backend: "fake"}
	if req.UserID != "" {
		resp.Text = "hola " + req.UserID
		resp.Experiment = &api.ExperimentAssignment{Experiment: "by-user", Arm: "arm-" + req.UserID}
	}
	return resp, nil
}

func (*armServices) Prepare(context.Context, api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	return &api.GlossaryPrepareResponse{}, nil
}

func (*armServices) Verify(context.Context, api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	return &api.GlossaryReport{Compliance: 1}, nil
}

func (*armServices) Score(context.Context, api.QualityRequest) (*api.QualityResponse, error) {
	return &api.QualityResponse{Score: 90, Decision: api.DecisionAccept}, nil
}

func (*armServices) Check(context.Context, api.SafetyRequest) (*api.SafetyResponse, error) {
	return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyAllow}}, nil
}

// TestViewsCarryTheReadersArm: a view records the experiment arm that
// served it (readers' feedback copies it), a reader's user id reaches
// the pipeline, and the view cache never serves one reader's arm to
// another, while views without a user are shared as before.
func TestViewsCarryTheReadersArm(t *testing.T) {
	f := &armServices{}
	r := &Renderer{
		Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
		Cache:    NewViewCache(time.Minute, 100),
	}
	m := api.Message{ID: "m1", Conversation: "c1", Text: "hello", Source: "en", Revision: 1}
	ctx := context.Background()
	tests := []struct {
		user, text string
		arm        string // "" for no experiment
	}{
		{"ana", "hola ana", "arm-ana"},
		{"bob", "hola bob", "arm-bob"},
		{"", "hola", ""},
		{"ana", "hola ana", "arm-ana"}, // a cache hit, still ana's
	}
	for _, tt := range tests {
		for _, page := range []bool{false, true} {
			var v *api.MessageView
			if page {
				views, err := r.Views(ctx, []api.Message{m}, "es", tt.user, false)
				if err != nil {
					t.Fatal(err)
				}
				v = &views[0]
			} else {
				var err error
				if v, _, err = r.ViewAndJSON(ctx, m, "es", tt.user, false); err != nil {
					t.Fatal(err)
				}
			}
			got := ""
			if v.Experiment != nil {
				got = v.Experiment.Arm
			}
			if v.Text != tt.text || got != tt.arm {
				t.Fatalf("user %q (page %v): text %q arm %q, want %q %q", tt.user, page, v.Text, got, tt.text, tt.arm)
			}
		}
	}
	// One render per reader (ana, bob, none): the rest were cache hits.
	if f.calls != 3 {
		t.Fatalf("%d translations, want 3 (one per reader)", f.calls)
	}
}

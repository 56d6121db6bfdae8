package pipeline_test

import (
	"context"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// userTranslate records the user id of every translate request and
// answers as an experiment split by user would: an arm for a request
// with a user, none without.
type userTranslate struct {
	mu    sync.Mutex
	users []string
}

func (f *userTranslate) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.mu.Lock()
	f.users = append(f.users, req.UserID)
	f.mu.Unlock()
	resp := &api.TranslateResponse{Text: "traducido: " + req.Text, Status: api.StatusTranslated, Backend: "fake"}
	if req.UserID != "" {
		resp.Experiment = &api.ExperimentAssignment{Experiment: "by-user", Arm: "b"}
	}
	return resp, nil
}

// seenSafety records the safety requests it answers.
type seenSafety struct {
	fakeSafety
	mu   sync.Mutex
	reqs []api.SafetyRequest
}

func (f *seenSafety) Check(ctx context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	return f.fakeSafety.Check(ctx, req)
}

// TestUserIDReachesTranslate: the user id is what flags and experiments
// split by user assign by; the pipeline passes it to the translate
// service, and the view records the arm that came back.
func TestUserIDReachesTranslate(t *testing.T) {
	tests := []struct {
		name, user string
		arm        bool
	}{
		{"with a user", "user-1", true},
		{"without one", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &userTranslate{}
			safety := &seenSafety{fakeSafety: fakeSafety{action: api.PolicyAllow}}
			p := &pipeline.Pipeline{Detect: fakeDetect{}, Translate: tr, Glossary: fakeGlossary{}, Quality: fakeQuality{},
				Safety: safety}
			v, err := p.Run(context.Background(), pipeline.Request{Text: "hello", Source: "en", Target: "es", ConversationID: "c1", UserID: tt.user})
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.users) == 0 || tr.users[0] != tt.user {
				t.Fatalf("translate got users %q, want %q", tr.users, tt.user)
			}
			// Safety's flags (no_llm_guard) may be rolled out by user or
			// conversation too.
			for _, r := range safety.reqs {
				if r.UserID != tt.user || r.ConversationID != "c1" {
					t.Fatalf("safety request %+v, want user %q in c1", r, tt.user)
				}
			}
			if len(safety.reqs) == 0 {
				t.Fatal("no safety check")
			}
			if (v.Experiment != nil) != tt.arm {
				t.Fatalf("view experiment %+v, want one: %v", v.Experiment, tt.arm)
			}
		})
	}
}

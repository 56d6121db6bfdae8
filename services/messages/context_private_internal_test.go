package messages

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// flaggingServices are contextServices whose safety check flags every
// text with "SSN" in it.
type flaggingServices struct{ contextServices }

func (*flaggingServices) Check(_ context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	if strings.Contains(req.Source, "SSN") || strings.Contains(req.Translation, "SSN") {
		return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyFlag}}, nil
	}
	return &api.SafetyResponse{Policy: &api.PolicyDecision{Action: api.PolicyAllow}}, nil
}

// TestHiddenAndFlaggedMessagesAreNoContext: a message a moderator hid, and
// one the safety policy flagged that no moderator approved, never go to
// the translator as context of the messages after it (readers do not see
// them, and a hosted model must not receive the personal data a flagged
// message tends to hold). An approval of the flagged revision lets it be
// context again; its edit is a revision no policy has seen.
func TestHiddenAndFlaggedMessagesAreNoContext(t *testing.T) {
	js, l := storedLog(t, []api.MessageEvent{
		{ID: "h1", Author: "Eve Adams", Text: "Frak this, my SSN is 078-05-1120"},
		{ID: "h2", Author: "Bob", Text: "calm down"},
		{ID: "f1", Author: "Eve Adams", Text: "again, SSN 078-05-1120"},
		{ID: "h3", Author: "Bob", Text: "hello"},
	})
	ctx := context.Background()
	mod, err := OpenModerated(ctx, js, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mod.Close)
	f := &flaggingServices{contextServices{contexts: map[string][]api.ContextMessage{}}}
	r := &Renderer{
		Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
		Log:      l, ContextMessages: 5, Moderated: mod,
	}
	get := func(id string) api.Message {
		t.Helper()
		m, ok := l.Get("", id)
		if !ok {
			t.Fatalf("%s is not in the read model", id)
		}
		return m
	}
	render := func(id string) {
		t.Helper()
		if _, err := r.View(ctx, get(id), "es", "", false); err != nil {
			t.Fatalf("view of %s: %v", id, err)
		}
	}
	decide := func(caseID, id, action string) {
		t.Helper()
		c := &api.Case{ID: caseID, Status: api.CaseDecided, ConversationID: "c", MessageID: id, MessageRevision: 1,
			TargetLanguage: "es", Decision: &api.CaseDecision{Action: action, Actor: "alice"}}
		if _, _, err := mod.Record(ctx, c, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	// Every message is rendered once, as readers do: the policy flags h1
	// and f1 on the way.
	for _, id := range []string{"h1", "h2", "f1", "h3"} {
		render(id)
	}
	decide("case-h1", "h1", api.ActionHide)
	tests := []struct {
		name string
		then func()
		want string // h3's context, texts joined by "|"
	}{
		{name: "hidden and flagged left out", want: "calm down"},
		{name: "approved flagged message is context", then: func() { decide("case-f1", "f1", api.ActionApprove) },
			want: "calm down|again, SSN 078-05-1120"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.then != nil {
				tt.then()
			}
			render("h3")
			if got := texts(f.contextOf("hello")); got != tt.want {
				t.Fatalf("context of h3: %q, want %q", got, tt.want)
			}
		})
	}
	// The read model itself keeps every message: only the renderer's
	// context leaves them out.
	if got := texts(l.Context(get("h3"), 5)); !strings.HasPrefix(got, "Frak this") {
		t.Fatalf("the read model's context of h3: %q", got)
	}
}

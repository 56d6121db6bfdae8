package pipeline_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

func TestValidate(t *testing.T) {
	p := &pipeline.Pipeline{}
	ctx := func(n int) []api.ContextMessage {
		m := make([]api.ContextMessage, n)
		for i := range m {
			m[i].Text = "earlier message"
		}
		return m
	}
	tests := []struct {
		name  string
		req   pipeline.Request
		field string // "" when valid
	}{
		{"minimal", pipeline.Request{Text: "hello", Target: "es"}, ""},
		{"auto source", pipeline.Request{Text: "hello", Source: "auto", Target: "es"}, ""},
		{"formal", pipeline.Request{Text: "hello", Target: "de", Formality: api.FormalityFormal}, ""},
		{"default formality", pipeline.Request{Text: "hello", Target: "de", Formality: api.FormalityDefault}, ""},
		{"bad formality", pipeline.Request{Text: "hello", Target: "de", Formality: "polite"}, "formality"},
		{"context ok", pipeline.Request{Text: "hello", Target: "es", Context: ctx(pipeline.MaxContextMessages)}, ""},
		{"context too long", pipeline.Request{Text: "hello", Target: "es", Context: ctx(pipeline.MaxContextMessages + 1)}, "context"},
		{"empty context text", pipeline.Request{Text: "hello", Target: "es", Context: []api.ContextMessage{{Text: " "}}}, "context[0].text"},
		{"ids ok", pipeline.Request{Text: "hello", Target: "es", ConversationID: "c-1", MessageID: "m.1", Tenant: "acme"}, ""},
		{"wildcard id", pipeline.Request{Text: "hello", Target: "es", ConversationID: "c.*"}, "conversation_id"},
		{"space in id", pipeline.Request{Text: "hello", Target: "es", MessageID: "m 1"}, "message_id"},
		{"long tenant", pipeline.Request{Text: "hello", Target: "es", Tenant: strings.Repeat("t", pipeline.MaxIDBytes+1)}, "tenant"},
		{"user id", pipeline.Request{Text: "hello", Target: "es", UserID: "user-1@example.com"}, ""},
		{"space in user id", pipeline.Request{Text: "hello", Target: "es", UserID: "user 1"}, "user_id"},
		{"long user id", pipeline.Request{Text: "hello", Target: "es", UserID: strings.Repeat("u", pipeline.MaxIDBytes+1)}, "user_id"},
		{"bad target", pipeline.Request{Text: "hello", Target: "xx-!!"}, "target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Validate(tt.req)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				if got.Formality == api.FormalityDefault {
					t.Errorf("formality %q not normalised to empty", got.Formality)
				}
				return
			}
			ae := api.AsError(err)
			if err == nil || ae.Field != tt.field || ae.Status()/100 != 4 {
				t.Fatalf("Validate error = %v (field %q), want a 4xx error on %q", err, ae.Field, tt.field)
			}
		})
	}
}

package messages

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestViewReasonsNameNoBackend: every reader of a message gets its view, so
// a view served as the original says why with a reason code a client can
// put in the reader's language and a generic line, never the chain's
// detail (the rungs, their models and errors), which goes to the log.
func TestViewReasonsNameNoBackend(t *testing.T) {
	const detail = "no backend translated en to es (ollama: skipped: unavailable; openai: not a translation: the answer is in en; apertium: skipped: not installed)"
	f := &scriptedServices{answer: func(req api.TranslateRequest) (*api.TranslateResponse, error) {
		return &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none", Reason: detail,
			ReasonCode: api.ReasonTranslationUnavailable, Attempts: []api.Attempt{
				{Backend: "ollama", Error: "skipped: unavailable"},
				{Backend: "openai", Model: "gpt-4o-mini", Error: "not a translation: the answer is in en"},
				{Backend: "apertium", Error: "skipped: not installed"},
			}}, nil
	}}
	r := newScriptedRenderer(f)
	var logged bytes.Buffer
	r.Pipeline.Log = slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tests := []struct {
		name     string
		m        api.Message
		locale   string
		wantCode string
	}{
		{"translation failed", api.Message{ID: "m1", Conversation: "c1", Text: "hello there", Source: "en", Revision: 1}, "es", api.ReasonTranslationUnavailable},
		{"same language", api.Message{ID: "m2", Conversation: "c1", Text: "hola a todos", Source: "es", Revision: 1}, "es", api.ReasonSameLanguage},
		{"no visible character", api.Message{ID: "m3", Conversation: "c1", Text: "\u200b", Revision: 1}, "es", api.ReasonNothingToTranslate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, page := range []bool{false, true} {
				var v *api.MessageView
				var err error
				if page {
					var views []api.MessageView
					if views, err = r.Views(t.Context(), []api.Message{tt.m}, tt.locale, "", false); err == nil {
						v = &views[0]
					}
				} else {
					v, err = r.View(context.Background(), tt.m, tt.locale, "", false)
				}
				if err != nil {
					t.Fatal(err)
				}
				if v.Status != api.StatusOriginal || v.ReasonCode != tt.wantCode || v.Reason == "" {
					t.Fatalf("page %v: status %s, reason_code %q, reason %q; want original with %q", page, v.Status, v.ReasonCode, v.Reason, tt.wantCode)
				}
				for _, name := range []string{"ollama", "openai", "apertium", "gpt-4o", "backend", "not a translation"} {
					if strings.Contains(v.Reason, name) {
						t.Errorf("page %v: reason %q names %q", page, v.Reason, name)
					}
				}
			}
		})
	}
	// The operator still finds the detail.
	if !strings.Contains(logged.String(), "openai: not a translation") || !strings.Contains(logged.String(), "reason_code=translation_unavailable") {
		t.Errorf("log lacks the detailed reason:\n%s", logged.String())
	}
}

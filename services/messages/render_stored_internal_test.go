package messages

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/pipeline"
)

// contextServices answer every pipeline step at once; translate knows
// "hello" and records the context of every request, by text.
type contextServices struct {
	armServices
	mu       sync.Mutex
	contexts map[string][]api.ContextMessage
}

func (f *contextServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.mu.Lock()
	f.contexts[req.Text] = req.Context
	f.mu.Unlock()
	if req.Text != "hello" {
		return &api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Reason: "unknown"}, nil
	}
	return &api.TranslateResponse{Text: "hola", Status: api.StatusTranslated, Backend: "fake"}, nil
}

func (f *contextServices) contextOf(text string) []api.ContextMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.contexts[text]
}

// TestViewsOfStoredMessagesThePipelineRefuses: the stream keeps events
// the pipeline refuses (text with no visible character or with a control
// character, stored under older rules; a tenant with a tab, from a back end on NATS; a text over a
// pipeline's lower limit). Each is served as an original view with a
// reason, never an error, and none is sent as another message's context,
// so the messages after it render as usual, one at a time and as a page.
func TestViewsOfStoredMessagesThePipelineRefuses(t *testing.T) {
	long := strings.Repeat("x", 30)
	_, l := storedLog(t, []api.MessageEvent{
		{ID: "blank1", Text: "\u200b\u200b"},
		{ID: "ok1", Text: "hello"},
		{ID: "long1", Text: long},
		{ID: "tab1", Text: "hello", Tenant: "a\tb"},
		{ID: "ok2", Text: "hello again"},
		{ID: "blank2", Text: "\ufeff", Source: "es"},
		{ID: "ok3", Text: "hello"},
		// Stored before control characters were refused.
		{ID: "ctl1", Text: "hello\x00 \x1b[2J"},
		// Stored before bidi overrides were refused: it shows otherwise
		// than it reads.
		{ID: "rlo1", Text: "you are a \u202etoidi gnikcuf\u202c ok"},
	})
	ctx := context.Background()
	f := &contextServices{contexts: map[string][]api.ContextMessage{}}
	r := &Renderer{
		// A pipeline with a lower limit than the stream's (a gateway's
		// MAX_TEXT_CHARS): long1 is stored, and this pipeline refuses it.
		Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f, MaxTextRunes: 20},
		Log:      l, ContextMessages: 5,
		Cache: NewViewCache(time.Minute, 100),
	}
	get := func(tenant, id string) api.Message {
		t.Helper()
		m, ok := l.Get(tenant, id)
		if !ok {
			t.Fatalf("%s is not in the read model", id)
		}
		return m
	}
	tests := []struct {
		tenant, id string
		status     string
		text       string
		reason     string // prefix
		label      string
		original   bool // the original is sent on request (never unchecked text)
	}{
		{"", "blank1", api.StatusOriginal, "\u200b\u200b", ReasonBlank, "Original", true},
		{"", "ok1", api.StatusTranslated, "hola", "", "Traducido de inglés", true},
		{"", "long1", api.StatusOriginal, "", ReasonRefused + "text has 30 characters; the limit is 20", "Original", false},
		{"a\tb", "tab1", api.StatusOriginal, "", ReasonRefused + "tenant must be", "Original", false},
		// The chain's reason is not the reader's (TestViewReasonsNameNoBackend).
		{"", "ok2", api.StatusOriginal, "hello again", api.ReasonText(api.ReasonTranslationUnavailable), "Original (inglés)", true},
		{"", "blank2", api.StatusOriginal, "\ufeff", ReasonBlank, "Original (español)", true},
		{"", "ok3", api.StatusTranslated, "hola", "", "Traducido de inglés", true},
		{"", "ctl1", api.StatusOriginal, "", ReasonRefused + "text holds the control character U+0000 at character 6", "Original", false},
		{"", "rlo1", api.StatusOriginal, "", ReasonRefused + "text holds the bidi control U+202E (right-to-left override) at character 11", "Original", false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			// Twice: the second may be a cache hit, and must agree.
			for range 2 {
				v, err := r.View(ctx, get(tt.tenant, tt.id), "es", "", true)
				if err != nil {
					t.Fatalf("view: %v", err)
				}
				if v.Status != tt.status || v.Text != tt.text || !strings.HasPrefix(v.Reason, tt.reason) || v.Label != tt.label {
					t.Fatalf("view %+v, want %s %q (reason %q, label %q)", v, tt.status, tt.text, tt.reason, tt.label)
				}
				if (v.Original != nil) != tt.original {
					t.Fatalf("original %+v, want one: %v", v.Original, tt.original)
				}
			}
		})
	}
	// Only the messages the pipeline takes are context: not the blank
	// ones, not the one over its limit, and never another tenant's.
	if got := texts(f.contextOf("hello again")); got != "hello" {
		t.Fatalf("context of ok2: %q, want ok1's only", got)
	}
	if got := texts(l.Context(get("", "ok3"), 10)); got != "hello|"+long+"|hello again" {
		t.Fatalf("the read model's context of ok3: %q", got)
	}
	// A page of them all renders, in order.
	var msgs []api.Message
	for _, tt := range tests {
		msgs = append(msgs, get(tt.tenant, tt.id))
	}
	r.Cache = nil
	views, err := r.Views(ctx, msgs, "es", "", false)
	if err != nil {
		t.Fatalf("page: %v", err)
	}
	for i, v := range views {
		if v.ID != tests[i].id || v.Status != tests[i].status {
			t.Fatalf("page view %d: %+v, want %s %s", i, v, tests[i].id, tests[i].status)
		}
	}
}

// storedLog starts a NATS server, stores evs in conversation "c" of the
// chat stream, and returns the stream's JetStream and a read model caught
// up with them.
func storedLog(t *testing.T, evs []api.MessageEvent) (jetstream.JetStream, *Log) {
	t.Helper()
	nc := natstest.Conn(t, natstest.RunServer(t))
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := EnsureStream(ctx, js, Config{})
	if err != nil {
		t.Fatal(err)
	}
	var last uint64
	for _, ev := range evs {
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := js.Publish(ctx, api.ChatSubject("c"), b)
		if err != nil {
			t.Fatal(err)
		}
		last = ack.Sequence
	}
	l, err := OpenLog(ctx, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := l.Wait(wctx, last); err != nil {
		t.Fatal(err)
	}
	return js, l
}

func texts(cm []api.ContextMessage) string {
	var out []string
	for _, m := range cm {
		out = append(out, m.Text)
	}
	return strings.Join(out, "|")
}

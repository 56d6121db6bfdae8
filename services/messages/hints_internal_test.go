package messages

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// Texts hintServices' detection places on their own; any other text is a
// short one that only its hints place, as detect's priors decide the close
// calls of single words (docs/detect.md).
var placed = map[string]string{
	"¿Dónde está la estación de tren más cercana?":   "es",
	"Mañana vamos a la playa con todos mis amigos":   "es",
	"Guten Morgen zusammen, wie geht es euch heute?": "de",
}

// hintServices answer every pipeline step at once, but detection of the
// texts of placed, which takes slow (a page renders concurrently: what is
// placed later must still reach the hints of the messages after it). A
// short text is the sender's locale's language, else the newest recent
// language, else und. Every detection's hints are recorded, by text.
type hintServices struct {
	armServices
	slow  time.Duration
	mu    sync.Mutex
	hints map[string][]api.DetectHints
}

func (f *hintServices) Detect(_ context.Context, req api.DetectRequest) (*api.DetectResponse, error) {
	f.mu.Lock()
	f.hints[req.Text] = append(f.hints[req.Text], req.Hints)
	f.mu.Unlock()
	if lang, ok := placed[req.Text]; ok {
		time.Sleep(f.slow)
		return &api.DetectResponse{Language: lang, Confidence: 0.99}, nil
	}
	switch {
	case req.Hints.SenderLocale != "":
		return &api.DetectResponse{Language: api.Base(req.Hints.SenderLocale), Confidence: 0.9}, nil
	case len(req.Hints.RecentLanguages) > 0:
		return &api.DetectResponse{Language: req.Hints.RecentLanguages[0], Confidence: 0.8}, nil
	}
	return &api.DetectResponse{Language: api.Undetermined, Reason: "too close to call"}, nil
}

func (f *hintServices) lastHints(text string) (api.DetectHints, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hints[text]
	if len(h) == 0 {
		return api.DetectHints{}, false
	}
	return h[len(h)-1], true
}

// TestViewsHintDetection: a message without a declared source is detected
// with its sender's locale and the languages of its tenant's messages
// before it, newest first, as the read model knows them (declared, or
// detected when this process rendered them). A page, which renders
// concurrently, holds each short message's detection back until the
// messages before it are placed; another tenant's messages in the same
// conversation never count; an edited message counts again once its new
// text is detected.
func TestViewsHintDetection(t *testing.T) {
	at := time.Now()
	post := func(seq uint64, id, tenant, text, source, sender string) event {
		return event{seq, at, api.MessageEvent{ID: id, Tenant: tenant, Text: text, Source: source, SenderLocale: sender}}
	}
	l := replay(t, 0, 0, []event{
		post(1, "es1", "acme", "¿Dónde está la estación de tren más cercana?", "", ""),
		post(2, "es2", "acme", "Mañana vamos a la playa con todos mis amigos", "", ""),
		// Another tenant's message in the same conversation: German,
		// declared and detected.
		post(3, "de1", "beta", "Guten Morgen zusammen, wie geht es euch heute?", "de", ""),
		post(4, "hola", "acme", "hola", "", ""),
		post(5, "gracias", "acme", "gracias!", "", ""),
		// beta's own short message: acme's Spanish is none of its hints.
		post(6, "danke", "beta", "danke dir", "", ""),
		// A sender's locale names a message with no history of its own.
		post(7, "merci", "gamma", "merci!", "", "fr-FR"),
	})
	f := &hintServices{slow: 100 * time.Millisecond, hints: map[string][]api.DetectHints{}}
	r := &Renderer{
		Pipeline: &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
		Log:      l, Cache: NewViewCache(time.Minute, 100),
	}
	get := func(tenant, id string) api.Message {
		t.Helper()
		m, ok := l.Get(tenant, id)
		if !ok {
			t.Fatalf("%s/%s is not in the read model", tenant, id)
		}
		return m
	}
	ctx := context.Background()

	// Rendered alone, before the Spanish messages: nothing is known of
	// them yet, so the view is und, and not kept in the cache.
	v, err := r.View(ctx, get("acme", "hola"), "en", "", false)
	if err != nil || v.SourceLanguage != api.Undetermined {
		t.Fatalf("hola before its history: %+v, %v", v, err)
	}
	if _, complete := l.RecentLanguages(get("acme", "hola"), recentMessages); complete {
		t.Fatal("RecentLanguages of hola is complete before es1 and es2 were detected")
	}

	// A page of acme's messages, from a cold cache: es1 and es2 are
	// detected slowly and concurrently with the rest, and the short
	// messages still get their languages.
	page := []api.Message{get("acme", "es1"), get("acme", "es2"), get("acme", "hola"), get("acme", "gracias")}
	views, err := r.Views(ctx, page, "en", "", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if v.SourceLanguage != "es" {
			t.Errorf("page view of %s: source %q, want es (%s)", v.ID, v.SourceLanguage, v.Reason)
		}
	}
	if h, _ := f.lastHints("hola"); !slices.Equal(h.RecentLanguages, []string{"es", "es"}) || h.SenderLocale != "" {
		t.Errorf("hints of hola: %+v, want recent es, es (beta's de left out)", h)
	}
	if h, _ := f.lastHints("gracias!"); !slices.Equal(h.RecentLanguages, []string{"es", "es", "es"}) {
		t.Errorf("hints of gracias!: %+v, want recent es, es, es (newest first)", h)
	}
	// The view of hola is served from the cache now, and says es.
	if v, err := r.View(ctx, get("acme", "hola"), "en", "", false); err != nil || v.SourceLanguage != "es" {
		t.Fatalf("hola after its history: %+v, %v", v, err)
	}

	// beta's short message after acme's Spanish: only beta's own German
	// message counts.
	if v, err := r.View(ctx, get("beta", "danke"), "en", "", false); err != nil || v.SourceLanguage != "de" {
		t.Fatalf("beta's danke: %+v, %v", v, err)
	}
	if h, _ := f.lastHints("danke dir"); !slices.Equal(h.RecentLanguages, []string{"de"}) {
		t.Errorf("hints of beta's danke dir: %+v, want de alone", h)
	}

	// The sender's locale goes along, canonical.
	if v, err := r.View(ctx, get("gamma", "merci"), "en", "", false); err != nil || v.SourceLanguage != "fr" {
		t.Fatalf("merci! with sender locale fr-FR: %+v, %v", v, err)
	}
	if h, _ := f.lastHints("merci!"); h.SenderLocale != "fr-FR" || len(h.RecentLanguages) != 0 {
		t.Errorf("hints of merci!: %+v", h)
	}

	// A declared source is not detected: no hints.
	if _, err := r.View(ctx, get("beta", "de1"), "en", "", false); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.lastHints("Guten Morgen zusammen, wie geht es euch heute?"); ok {
		t.Error("a message with a declared source was detected")
	}

	// An edit is another text: es2's detection no longer counts until
	// its new revision is rendered.
	edit := EditEvent(get("acme", "es2"), "Mañana vamos a la playa con todos mis amigos")
	if err := checkEvent(&edit, false); err != nil {
		t.Fatal(err)
	}
	l.mu.Lock()
	_, err = l.record("c", 8, at, &edit)
	l.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	langs, complete := l.RecentLanguages(get("acme", "gracias"), recentMessages)
	if complete || !slices.Equal(langs, []string{"es", "es"}) {
		t.Fatalf("after an edit of es2: %v (complete %v), want hola's and es1's es, incomplete", langs, complete)
	}
	if _, err := r.View(ctx, get("acme", "es2"), "en", "", false); err != nil {
		t.Fatal(err)
	}
	if langs, complete := l.RecentLanguages(get("acme", "gracias"), recentMessages); !complete || len(langs) != 3 {
		t.Fatalf("after rendering the edit: %v (complete %v)", langs, complete)
	}
}

// TestSenderLocaleChecked: a front end's sender locale is checked as a
// source is (400 malformed, 422 of no known language) and stored
// canonical; a bad one in an event stored on NATS costs its message
// nothing (the hint is dropped); edits keep the post's locale.
func TestSenderLocaleChecked(t *testing.T) {
	tests := []struct {
		in, want string
		status   int // of the write; 0: accepted
	}{
		{"pt_BR", "pt-BR", 0},
		{" fr-fr ", "fr-FR", 0},
		{"", "", 0},
		{"es-ES_tradnl", "", 400},
		{"not a tag!", "", 400},
		{"xx", "", 422},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ev := api.MessageEvent{Text: "hola", SenderLocale: tt.in}
			err := CheckEvent(&ev)
			if tt.status != 0 {
				ae := api.AsError(err)
				if err == nil || ae.Status() != tt.status || ae.Field != "sender_locale" {
					t.Fatalf("write: %v, want %d on sender_locale", err, tt.status)
				}
			} else if err != nil || ev.SenderLocale != tt.want {
				t.Fatalf("write: %v, sender locale %q, want %q", err, ev.SenderLocale, tt.want)
			}
			// Stored: the message is kept, with the locale or without it.
			stored := api.MessageEvent{Text: "hola", SenderLocale: tt.in}
			if err := checkEvent(&stored, false); err != nil || stored.SenderLocale != tt.want {
				t.Fatalf("stored: %v, sender locale %q, want %q", err, stored.SenderLocale, tt.want)
			}
		})
	}
	at := time.Now()
	l := replay(t, 0, 0, []event{
		{1, at, api.MessageEvent{ID: "m1", Text: "oi", SenderLocale: "pt_BR"}},
		{2, at, api.MessageEvent{Op: api.OpEdit, ID: "m1", Text: "oi, tudo bem?"}},
	})
	m, _ := l.Get("", "m1")
	if m.SenderLocale != "pt-BR" || m.Revision != 2 {
		t.Fatalf("message %+v, want sender locale pt-BR after an edit", m)
	}
	// The gateway's self-sufficient events carry it, so a message rebuilt
	// from one (its post dropped by retention) keeps it.
	if ev := EditEvent(m, "x"); ev.SenderLocale != "pt-BR" {
		t.Fatalf("EditEvent %+v", ev)
	}
	if ev := DeleteEvent(m); ev.SenderLocale != "pt-BR" {
		t.Fatalf("DeleteEvent %+v", ev)
	}
	restored := replay(t, 0, 0, []event{{5, at, EditEvent(m, "x")}})
	if r, ok := restored.Get("", "m1"); !ok || r.SenderLocale != "pt-BR" {
		t.Fatalf("restored %+v (%v)", r, ok)
	}
	if !strings.Contains(api.AsError(CheckEvent(&api.MessageEvent{Text: "x", SenderLocale: "xx"})).Message, "xx") {
		t.Fatal("the error does not name the locale")
	}
}

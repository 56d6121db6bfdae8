package translate_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// startService runs the translate service as its main would, on an embedded
// NATS server, and returns a client connection.
func startService(t *testing.T, env map[string]string) client.Translate {
	t.Helper()
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	r := config.NewReader(config.Map(env))
	stop, err := translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: r})
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return client.Translate{NC: natstest.Conn(t, s)}
}

func TestServiceOverNATS(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	oa := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Dictionary(esDictAlt), APIKey: "sk-local"})
	c := startService(t, map[string]string{
		"TRANSLATE_CHAIN": "ollama,openai",
		"OLLAMA_HOST":     ol.URL(),
		"OPENAI_BASE_URL": oa.BaseURL(),
		"OPENAI_API_KEY":  "sk-local",
		"OLLAMA_TIMEOUT":  "500ms",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	t.Run("translate", func(t *testing.T) {
		resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Parley ships on Friday.", Source: "en", Target: "es", Protect: []string{"Parley"}})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != api.StatusTranslated || resp.Backend != "ollama" || resp.Model != "qwen2.5:3b" || resp.Text != "Parley sale el viernes." {
			t.Errorf("got %+v", resp)
		}
	})
	t.Run("falls back when ollama hangs", func(t *testing.T) {
		ol.SetMode(fakellm.Hang)
		defer ol.SetMode(fakellm.OK)
		resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Backend != "openai" || resp.Text != "¡Buen día a todos!" || len(resp.Attempts) != 1 || !strings.HasPrefix(resp.Attempts[0].Error, "timed out") {
			t.Errorf("got %+v", resp)
		}
	})
	t.Run("bad input keeps its code across NATS", func(t *testing.T) {
		_, err := c.Translate(ctx, api.TranslateRequest{Text: "", Source: "en", Target: "es"})
		var ae *api.Error
		if !errors.As(err, &ae) || ae.Code != api.CodeEmptyText || ae.Field != "text" {
			t.Fatalf("err = %#v", err)
		}
		_, err = c.Translate(ctx, api.TranslateRequest{Text: "hi", Source: "auto", Target: "es"})
		if !errors.As(err, &ae) || ae.Code != api.CodeInvalidLanguage {
			t.Fatalf("err = %#v", err)
		}
	})
	t.Run("languages", func(t *testing.T) {
		langs, err := c.Languages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(langs.Backends) != 2 || langs.Backends[0].Name != "ollama" || !langs.Backends[0].Available ||
			langs.Backends[1].Name != "openai" || langs.Backends[1].Model != "gpt-4o-mini" || len(langs.Backends[0].Languages) == 0 {
			t.Errorf("languages = %+v", langs)
		}
	})
}

func TestServiceWithoutBackends(t *testing.T) {
	// No LLM answers and OpenAI is not configured: every request gets the
	// original text, never an error.
	c := startService(t, map[string]string{
		"TRANSLATE_CHAIN": "ollama,openai",
		"OLLAMA_HOST":     "127.0.0.1:1",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning", Source: "en", Target: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusOriginal || resp.Text != "Good morning" || len(resp.Attempts) != 2 ||
		resp.Attempts[0].Error != "skipped: unavailable" || !strings.Contains(resp.Attempts[1].Error, "not configured") {
		t.Errorf("got %+v", resp)
	}
	langs, err := c.Languages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range langs.Backends {
		if b.Available {
			t.Errorf("%s reported available", b.Name)
		}
	}
}

func TestServiceApertiumRung(t *testing.T) {
	if !apertium.Available() {
		t.Skip("Apertium is not installed (apt-get install apertium apertium-eng-spa); skipping the offline rung")
	}
	ol := fakellm.StartOllama(t, fakellm.Config{Mode: fakellm.Busy})
	c := startService(t, map[string]string{
		"TRANSLATE_CHAIN": "ollama,apertium",
		"OLLAMA_HOST":     ol.URL(),
	})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	langs, err := c.Languages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(langs.Backends) != 2 || langs.Backends[1].Name != "apertium" || len(langs.Backends[1].Pairs) == 0 {
		t.Fatalf("languages = %+v", langs)
	}
	pair := langs.Backends[1].Pairs[0]
	resp, err := c.Translate(ctx, api.TranslateRequest{Text: "house", Source: pair.Source, Target: pair.Target})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated || resp.Backend != "apertium" || len(resp.Attempts) != 1 || resp.Attempts[0].Backend != "ollama" {
		t.Errorf("got %+v", resp)
	}
	// Apertium's unknown-word count travels back (for quality), also
	// when the translation comes from the cache. The first call may be
	// answered by its early hedge (shared/client), which waits for the
	// first attempt's flight and says "coalesced": the busy Ollama rung
	// makes it far slower than this package's earlier calls.
	const unknown = "The zorblaxes were here yesterday."
	for _, want := range [][]string{{"", api.CacheCoalesced}, {api.CacheMemory}} {
		resp, err = c.Translate(ctx, api.TranslateRequest{Text: unknown, Source: "en", Target: "es"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Backend != "apertium" || !slices.Contains(want, resp.Cache) || resp.UnknownWords != 1 || strings.Contains(resp.Text, "*") {
			t.Errorf("want one unknown word (cache one of %q), got %+v", want, resp)
		}
	}
}

func TestStartRejectsBadConfig(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	for _, env := range []map[string]string{
		{"TRANSLATE_CHAIN": "ollama,deepl"},
		{"TRANSLATE_CHAIN": "ollama,ollama", "OLLAMA_HOST": "127.0.0.1:1"},
		{"TRANSLATE_WORKERS": "many"},
		{"TRANSLATE_CHAIN": "openai", "OPENAI_API_KEY": "k", "OPENAI_TOKEN_LIMIT_FIELD": "tokens"},
	} {
		stop, err := translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(env))})
		if err == nil {
			_ = stop()
			t.Errorf("Start accepted %v", env)
		}
	}
}

// startReplicas runs n replicas of the service on one embedded NATS
// server (with JetStream), each on its own connection, and returns a
// client connection.
func startReplicas(t testing.TB, n int, env map[string]string) *nats.Conn {
	t.Helper()
	nc, _ := startMeteredReplicas(t, n, env)
	return nc
}

// startMeteredReplicas is startReplicas, each replica registering its
// metrics on a registry of its own.
func startMeteredReplicas(t testing.TB, n int, env map[string]string) (*nats.Conn, []*prometheus.Registry) {
	t.Helper()
	s := natstest.RunServer(t)
	var regs []*prometheus.Registry
	for range n {
		r := config.NewReader(config.Map(env))
		reg := prometheus.NewRegistry()
		regs = append(regs, reg)
		stop, err := translate.Start(t.Context(), svcmain.Deps{NC: natstest.Conn(t, s), Env: r, Log: testLog(), Registry: reg})
		if err != nil {
			t.Fatalf("start: %v", err)
		}
		t.Cleanup(func() {
			if err := stop(); err != nil {
				t.Errorf("stop: %v", err)
			}
		})
	}
	return natstest.Conn(t, s), regs
}

// Overrides and invalidations reach every replica: whichever replica
// answers, the moderator's text is served, and after an edit no replica
// serves the old translation.
func TestCacheEndpointsAcrossReplicas(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(map[string]string{"See you at the standup": "Nos vemos en el standup"})})
	nc := startReplicas(t, 2, map[string]string{"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL()})
	c := client.Translate{NC: nc}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	req := api.TranslateRequest{Text: "See you at the standup", Source: "en", Target: "es", ConversationID: "c", MessageID: "m"}
	// Every replica has the translation in memory after enough requests.
	for range 20 {
		resp, err := c.Translate(ctx, req)
		if err != nil || resp.Text != "Nos vemos en el standup" {
			t.Fatalf("%+v %v", resp, err)
		}
	}
	if n := len(ol.Requests()); n != 1 {
		t.Errorf("%d backend calls for one text across two replicas", n)
	}

	o, err := client.Call[api.TranslateOverrideResponse](ctx, nc, api.SubjectTranslateOverride,
		api.TranslateOverrideRequest{Request: req, Translation: "Nos vemos en la reunión diaria", Moderator: "mia"})
	if err != nil || o.Key == "" {
		t.Fatalf("override: %+v %v", o, err)
	}
	eventually(t, ctx, func() bool { return allAnswer(ctx, c, req, "Nos vemos en la reunión diaria") })

	if _, err := client.Call[api.TranslateOverrideResponse](ctx, nc, api.SubjectTranslateOverride,
		api.TranslateOverrideRequest{Request: req, Moderator: "mia"}); err != nil {
		t.Fatal(err)
	}
	ol.SetTranslator(fakellm.Dictionary(map[string]string{"See you at the standup": "Hasta el standup"}))
	inv, err := client.Call[api.TranslateInvalidateResponse](ctx, nc, api.SubjectTranslateInvalidate,
		api.TranslateInvalidateRequest{ConversationID: "c", MessageID: "m"})
	if err != nil || inv.Deleted != 1 {
		t.Fatalf("invalidate: %+v %v", inv, err)
	}
	eventually(t, ctx, func() bool { return allAnswer(ctx, c, req, "Hasta el standup") })

	// By the key the answer names, as the pipeline deletes a translation
	// that quality discarded: gone from the shared cache and from every
	// replica's memory, so the model is asked again.
	resp, err := c.Translate(ctx, req)
	if err != nil || resp.CacheKey == "" {
		t.Fatalf("no cache key: %+v %v", resp, err)
	}
	ol.SetTranslator(fakellm.Dictionary(map[string]string{"See you at the standup": "Nos vemos en la reunión"}))
	inv, err = c.Invalidate(ctx, api.TranslateInvalidateRequest{Key: resp.CacheKey})
	if err != nil || inv.Deleted != 1 {
		t.Fatalf("invalidate by key: %+v %v", inv, err)
	}
	eventually(t, ctx, func() bool { return allAnswer(ctx, c, req, "Nos vemos en la reunión") })

	_, err = client.Call[api.TranslateInvalidateResponse](ctx, nc, api.SubjectTranslateInvalidate, api.TranslateInvalidateRequest{})
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Status() != 400 {
		t.Errorf("empty invalidation: %v", err)
	}
}

// allAnswer reports whether 20 requests in a row (spread over the
// replicas by the queue group) all answer want.
func allAnswer(ctx context.Context, c client.Translate, req api.TranslateRequest, want string) bool {
	for range 20 {
		resp, err := c.Translate(ctx, req)
		if err != nil || resp.Text != want {
			return false
		}
	}
	return true
}

// eventually polls cond until it holds or ctx ends.
func eventually(t *testing.T, ctx context.Context, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatal("condition not met in time")
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func TestBatchOverNATS(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	nc := startReplicas(t, 1, map[string]string{"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL()})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	resp, err := client.Call[api.TranslateBatchResponse](ctx, nc, api.SubjectTranslateBatch, api.TranslateBatchRequest{
		Target: "es", Items: []api.TranslateBatchItem{
			{ID: "a", Text: "Good morning, everyone!", Source: "en"},
			{ID: "b", Text: "Parley ships on Friday.", Source: "en", Protect: []string{"Parley"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Items) != 2 || resp.Items[0].Text != "¡Buenos días a todos!" || resp.Items[1].Text != "Parley sale el viernes." || resp.Items[1].ID != "b" {
		t.Errorf("got %+v", resp)
	}
	if n := len(ol.Requests()); n != 1 {
		t.Errorf("%d model calls for a batch of two", n)
	}
}

// testLog logs to stderr when PARLEY_TEST_LOG is set (a debugging aid:
// replicas log from goroutines that may outlive a test, so t.Log cannot
// be used), and nowhere otherwise.
func testLog() *slog.Logger {
	if os.Getenv("PARLEY_TEST_LOG") == "" {
		return nil
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Formality and conversation context, end to end over NATS as the pipeline
// sends them: the locale default from TRANSLATE_FORMALITY and the context
// block reach the model's prompt as data, and the context is part of the
// cache key (another context is another backend call; the same is cached).
func TestFormalityAndContextOverNATS(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Scramble()})
	c := startService(t, map[string]string{
		"TRANSLATE_CHAIN":            "ollama",
		"OLLAMA_HOST":                ol.URL(),
		"TRANSLATE_FORMALITY":        "de=formal,fr=informal",
		"TRANSLATE_CONTEXT_MESSAGES": "2",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	ctxA := []api.ContextMessage{{Author: "ana", Text: "too early to be sent"}, {Author: "ana", Text: "The printer on floor 2 jammed."}, {Author: "bo", Text: "Again?"}}
	ctxB := []api.ContextMessage{{Author: "ana", Text: "My cat knocked over the plant."}}
	tests := []struct {
		name, target, formality string
		context                 []api.ContextMessage
		wantRule                string // in the system prompt
		wantContext             []string
		wantCalls               int
		wantFormality           string
	}{
		{name: "locale default formal", target: "de", context: ctxA, wantRule: "„Sie“", wantFormality: api.FormalityFormal,
			wantContext: []string{`{"author":"A","text":"The printer on floor 2 jammed."}`, `{"author":"B","text":"Again?"}`}, wantCalls: 1},
		{name: "same context is cached", target: "de", context: ctxA, wantFormality: api.FormalityFormal, wantCalls: 1},
		{name: "other context is another call", target: "de", context: ctxB, wantRule: "„Sie“", wantFormality: api.FormalityFormal,
			wantContext: []string{`{"author":"A","text":"My cat knocked over the plant."}`}, wantCalls: 2},
		{name: "explicit register beats the default", target: "de", formality: api.FormalityInformal, context: ctxB,
			wantRule: "„du“", wantFormality: api.FormalityInformal, wantContext: []string{`{"author":"A","text":"My cat knocked over the plant."}`}, wantCalls: 3},
		{name: "french default informal, no context", target: "fr", wantRule: "« tu »", wantFormality: api.FormalityInformal, wantCalls: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Translate(ctx, api.TranslateRequest{
				Text: "Did he fix it this time?", Source: "en", Target: tt.target, Formality: tt.formality,
				Context: tt.context, ConversationID: "conv-1", MessageID: "msg-1",
			})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusTranslated || resp.Formality != tt.wantFormality || len(ol.Requests()) != tt.wantCalls {
				t.Fatalf("%d calls: %+v", len(ol.Requests()), resp)
			}
			if tt.wantRule == "" {
				return // cached: no new prompt
			}
			got, _ := ol.LastRequest()
			if !strings.Contains(got.System, "- Formality: ") || !strings.Contains(got.System, tt.wantRule) {
				t.Errorf("system prompt lacks %q:\n%s", tt.wantRule, got.System)
			}
			if data := fakellm.DataIn(got.User); data != "Did he fix it this time?" {
				t.Errorf("message block = %q", data)
			}
			if strings.Contains(got.User, "too early") {
				t.Error("more context messages than TRANSLATE_CONTEXT_MESSAGES reached the model")
			}
			for _, line := range tt.wantContext {
				if !strings.Contains(got.User, "\n"+line+"\n") {
					t.Errorf("context line %s missing:\n%s", line, got.User)
				}
			}
			if (len(tt.wantContext) > 0) != strings.Contains(got.User, "<<<CONTEXT ") {
				t.Errorf("context block present = %v:\n%s", !(len(tt.wantContext) > 0), got.User)
			}
		})
	}
}

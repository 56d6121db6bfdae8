package gateway_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// chatDictionary is what the fake translator of the messages tests
// knows, by "target|text".
var chatDictionary = map[string]string{
	"es|hello":           "hola",
	"es|hello again":     "hola otra vez",
	"de|hello":           "hallo",
	"ja|hello":           "こんにちは",
	"ar|hello":           "مرحبا",
	"es|this is flagged": "esto está marcado",
	"es|mask damn this":  "enmascara maldita sea",
	// Short messages that only detection hints place (hints_test.go).
	"en|hola":          "hello",
	"en|gracias!":      "thanks!",
	"en|merci!":        "thanks!",
	"en|oi, tudo bem?": "hi, how are you?",
	// 70 characters, for the parallel quota test (quota_parallel_test.go).
	"es|" + seventyChars: "setenta caracteres",
}

// chatEnv is a gateway with the messages service and fake detect,
// translate and safety services behind it.
type chatEnv struct {
	url string
	nc  *nats.Conn
	mu  sync.Mutex
	// contexts records the Context of every translate request, by text.
	contexts map[string][]api.ContextMessage
	// experiments, when set, assigns arms to translate requests as the
	// translate service does (the arm is in the answer, nothing else
	// changes); users records every request's user id, by text.
	experiments *experiment.Store
	users       map[string][]string
	// delay, when set, slows every translate request down (a replay
	// that takes a while).
	delay time.Duration
	// down, when set, says which translate requests find every backend
	// down: they are answered as the translate service does then (the
	// original, with the failed attempt).
	down func(*api.TranslateRequest) bool
}

func (e *chatEnv) contextOf(text string) []api.ContextMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.contexts[text]
}

func startChat(t testing.TB, env map[string]string) *chatEnv {
	t.Helper()
	return startChatWith(t, env, gateway.Config{})
}

// startChatWith is startChat with a gateway configuration (keys, limits).
func startChatWith(t testing.TB, env map[string]string, cfg gateway.Config) *chatEnv {
	t.Helper()
	return startChatLogged(t, env, cfg, nil)
}

// startChatLogged is startChatWith with the gateway's log going to gwLog
// (nil: discarded).
func startChatLogged(t testing.TB, env map[string]string, cfg gateway.Config, gwLog *slog.Logger) *chatEnv {
	t.Helper()
	return startChatDetecting(t, env, cfg, gwLog, nil)
}

// startChatDetecting is startChatLogged with startDetect, when set,
// starting the detect service instead of the fake one (which says en).
func startChatDetecting(t testing.TB, env map[string]string, cfg gateway.Config, gwLog *slog.Logger, startDetect func(testing.TB, *nats.Conn)) *chatEnv {
	t.Helper()
	nc := natstest.Conn(t, natstest.RunServer(t))
	e := &chatEnv{nc: nc, contexts: map[string][]api.ContextMessage{}, users: map[string][]string{}}
	log := slog.New(slog.DiscardHandler)
	if gwLog == nil {
		gwLog = log
	}
	m := service.NewMetrics(prometheus.NewRegistry())
	for _, svc := range []struct {
		name string
		eps  []service.Endpoint
	}{
		{api.ServiceDetect, []service.Endpoint{{Name: "detect", Subject: api.SubjectDetect,
			Handler: service.JSON(func(_ context.Context, req *api.DetectRequest) (any, error) {
				return api.DetectResponse{Language: "en", Confidence: 0.9}, nil
			})}}},
		{api.ServiceTranslate, []service.Endpoint{
			{Name: "translate", Subject: api.SubjectTranslate,
				Handler: service.JSON(func(_ context.Context, req *api.TranslateRequest) (any, error) {
					e.mu.Lock()
					e.contexts[req.Text] = req.Context
					e.users[req.Text] = append(e.users[req.Text], req.UserID)
					exps, delay, down := e.experiments, e.delay, e.down
					e.mu.Unlock()
					time.Sleep(delay)
					if down != nil && down(req) {
						return api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Backend: "none",
							Reason:   "no backend translated " + req.Source + " to " + req.Target + " (fake: unavailable: connection refused)",
							Attempts: []api.Attempt{{Backend: "fake", Error: "unavailable: connection refused"}}}, nil
					}
					out, ok := chatDictionary[req.Target+"|"+req.Text]
					if !ok {
						return api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Reason: "not in the fake dictionary"}, nil
					}
					res := api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "fake"}
					if as, ok := exps.Assign(experiment.Attributes{Tenant: req.Tenant, Source: req.Source, Target: req.Target,
						Conversation: req.ConversationID, User: req.UserID}); ok {
						// The unit as the translate service sends it (control.go).
						res.Experiment, res.ExperimentUnit = as.API(), as.Unit
					}
					return res, nil
				})},
			{Name: "languages", Subject: api.SubjectTranslateLangs,
				Handler: func(context.Context, []byte) (any, error) {
					return api.LanguagesResponse{Backends: []api.BackendInfo{{Name: "fake", Available: true,
						Languages: []string{"ar", "de", "en", "es", "fr", "he", "ja"}}}}, nil
				}},
			{Name: "invalidate", Subject: api.SubjectTranslateInvalidate,
				Handler: service.JSON(func(context.Context, *api.TranslateInvalidateRequest) (any, error) {
					return api.TranslateInvalidateResponse{}, nil
				})},
		}},
		{api.ServiceGlossary, []service.Endpoint{
			{Name: "prepare", Subject: api.SubjectGlossaryPrepare,
				Handler: service.JSON(func(context.Context, *api.GlossaryPrepareRequest) (any, error) {
					return api.GlossaryPrepareResponse{Version: "none"}, nil
				})},
		}},
		{api.ServiceQuality, []service.Endpoint{{Name: "score", Subject: api.SubjectQualityScore,
			Handler: service.JSON(func(context.Context, *api.QualityRequest) (any, error) {
				return api.QualityResponse{Score: 90, Decision: api.DecisionAccept}, nil
			})}}},
		{api.ServiceSafety, []service.Endpoint{{Name: "check", Subject: api.SubjectSafetyCheck,
			Handler: service.JSON(func(_ context.Context, req *api.SafetyRequest) (any, error) {
				res := api.SafetyResponse{Source: api.Verdict{Safe: true, Severity: api.SeverityNone},
					Policy: &api.PolicyDecision{Action: api.PolicyAllow}}
				switch {
				case strings.Contains(req.Source, "flagged"):
					res.Source = api.Verdict{Safe: false, Severity: api.SeverityHigh, Categories: []string{api.CategoryHate}}
					res.Policy.Action = api.PolicyFlag
				case strings.Contains(req.Source, "damn"):
					res.Source = api.Verdict{Safe: false, Severity: api.SeverityLow, Categories: []string{api.CategoryProfanity}}
					res.Policy = &api.PolicyDecision{Action: api.PolicyMask, Masked: "enmascara ******* sea"}
				}
				return res, nil
			})}}},
	} {
		if svc.name == api.ServiceDetect && startDetect != nil {
			startDetect(t, nc)
			continue
		}
		s, err := service.New(nc, service.Config{Name: svc.name, Version: "0.0.1"}, svc.eps, m, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
	}
	stop, err := messages.Start(context.Background(), svcmain.Deps{
		NC: nc, Env: config.NewReader(func(k string) string { return env[k] }),
		Registry: prometheus.NewRegistry(), Log: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	reg := prometheus.NewRegistry()
	if cfg.Timeout == 0 {
		cfg.Timeout = 20 * time.Second
	}
	gw := gateway.New(cfg, nc, reg, reg, gwLog)
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	e.url = ts.URL
	return e
}

type httpResult struct {
	status int
	header http.Header
	body   []byte
}

func do(t testing.TB, method, url, body string, header ...string) httpResult {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return httpResult{res.StatusCode, res.Header, b}
}

func decodeAs[T any](t testing.TB, r httpResult, status int) T {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return v
}

func postMessage(t testing.TB, e *chatEnv, conv, author, text string, extra ...string) api.Message {
	t.Helper()
	body := map[string]string{"conversation": conv, "author": author, "text": text}
	for i := 0; i+1 < len(extra); i += 2 {
		body[extra[i]] = extra[i+1]
	}
	b, _ := json.Marshal(body)
	return decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", string(b)), http.StatusCreated)
}

func TestMessagesPostViewEditDelete(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "room1", "ana", "hello")
	if m.ID == "" || m.Conversation != "room1" || m.Revision != 1 || m.Seq == 0 || m.CreatedAt.IsZero() {
		t.Fatalf("posted %+v", m)
	}
	view := func(query string, header ...string) (api.MessageView, httpResult) {
		t.Helper()
		r := do(t, "GET", e.url+"/v1/messages/"+m.ID+query, "", header...)
		return decodeAs[api.MessageView](t, r, 200), r
	}

	// Labels in the reader's language, for several readers.
	for _, tt := range []struct {
		query, text, label, dir string
	}{
		{"?locale=es", "hola", "Traducido de inglés", "ltr"},
		{"?locale=de", "hallo", "Übersetzt aus: Englisch", "ltr"},
		{"?locale=ja", "こんにちは", "英語から翻訳", "ltr"},
		{"?locale=ar", "مرحبا", "مترجم من الإنجليزية", "rtl"},
		{"?locale=en", "hello", "Original (English)", "ltr"},
		{"?locale=he", "hello", "מקור (אנגלית)", "ltr"}, // not in the dictionary: the original, in English's direction
	} {
		v, _ := view(tt.query)
		if v.Text != tt.text || v.Label != tt.label || v.Direction != tt.dir {
			t.Errorf("%s: text %q label %q dir %q; want %q %q %q", tt.query, v.Text, v.Label, v.Direction, tt.text, tt.label, tt.dir)
		}
		if (v.Status == api.StatusTranslated) != (v.Quality != nil && v.Quality.Decision == api.DecisionAccept) || v.Safety == nil || v.Safety.Action != api.SafetyAllow || len(v.Degraded) != 0 {
			t.Errorf("%s: quality %+v safety %+v", tt.query, v.Quality, v.Safety)
		}
	}
	// Accept-Language negotiation, reported in the response headers.
	v, r := view("", "Accept-Language", "es-ES,es;q=0.9")
	if v.Text != "hola" || r.header.Get("Content-Language") != "es" || !strings.Contains(r.header.Get(gateway.HeaderLocaleMatch), `requested="es-ES"`) {
		t.Fatalf("negotiated view %+v, headers %v", v, r.header)
	}
	if v.Original != nil {
		t.Fatal("original sent without original=1")
	}
	if v, _ := view("?locale=es&original=1"); v.Original == nil || v.Original.Text != "hello" || v.Original.Language != "en" {
		t.Fatalf("original: %+v", v.Original)
	}

	edited := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/"+m.ID, `{"text":"hello again"}`), 200)
	if edited.Revision != 2 || edited.Text != "hello again" {
		t.Fatalf("edited %+v", edited)
	}
	if v, _ := view("?locale=es"); v.Text != "hola otra vez" || v.Revision != 2 || v.EditedAt.IsZero() {
		t.Fatalf("view after the edit: %+v", v)
	}
	deleted := decodeAs[api.Message](t, do(t, "DELETE", e.url+"/v1/messages/"+m.ID, ""), 200)
	if !deleted.Deleted || deleted.Text != "" {
		t.Fatalf("deleted %+v", deleted)
	}
	if v, _ := view("?locale=es&original=1"); v.Status != api.StatusDeleted || v.Text != "" || v.Label != "Mensaje eliminado" || v.Original != nil {
		t.Fatalf("view after the delete: %+v", v)
	}
	if r := do(t, "PATCH", e.url+"/v1/messages/"+m.ID, `{"text":"back"}`); r.status != http.StatusConflict {
		t.Fatalf("edit of a deleted message: %d %s", r.status, r.body)
	}
}

func TestMessagesSafetyPolicy(t *testing.T) {
	e := startChat(t, nil)
	flagged := postMessage(t, e, "room", "x", "this is flagged")
	v := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+flagged.ID+"?locale=es&original=1", ""), 200)
	if v.Status != api.StatusHidden || v.Text != "" || v.Original != nil || v.Safety == nil || v.Safety.Action != api.SafetyHide ||
		v.Label != "Oculto por la política de contenido" {
		t.Fatalf("flagged view %+v", v)
	}
	masked := postMessage(t, e, "room", "x", "mask damn this")
	v = decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+masked.ID+"?locale=es&original=1", ""), 200)
	if v.Status != api.StatusTranslated || v.Text != "enmascara ******* sea" || v.Original != nil || v.Safety.Action != api.SafetyMask {
		t.Fatalf("masked view %+v", v)
	}
}

func TestConversationPage(t *testing.T) {
	e := startChat(t, nil)
	var ids []string
	for i := range 5 {
		text := "hello"
		if i == 4 {
			text = "hello again"
		}
		ids = append(ids, postMessage(t, e, "page", fmt.Sprintf("u%d", i), text).ID)
	}
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/page/messages?locale=es&limit=3", ""), 200)
	if len(page.Messages) != 3 || page.Messages[0].ID != ids[2] || page.Messages[2].Text != "hola otra vez" ||
		page.Before != ids[2] || page.Locale != "es" || page.LastSeq == 0 {
		t.Fatalf("page %+v", page)
	}
	// The earlier messages went to the translator as context.
	if c := e.contextOf("hello again"); len(c) != 4 || c[3].Author != "u3" || c[0].Text != "hello" {
		t.Fatalf("context of the last message: %+v", c)
	}
	prev := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/page/messages?locale=de&limit=3&before="+page.Before, ""), 200)
	if len(prev.Messages) != 2 || prev.Messages[0].ID != ids[0] || prev.Before != "" || prev.Messages[0].Label != "Übersetzt aus: Englisch" {
		t.Fatalf("previous page %+v", prev)
	}
	empty := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/nobody/messages?locale=es", ""), 200)
	if len(empty.Messages) != 0 {
		t.Fatalf("empty conversation %+v", empty)
	}
}

// sseEvent is one Server-Sent Event.
type sseEvent struct {
	id, event string
	view      api.MessageView
	// data is the event's data as sent (an error event's error body).
	data string
}

// sseStream reads an event stream until the test ends.
type sseStream struct {
	header http.Header
	events chan sseEvent
	// close disconnects the client.
	close func()
}

func openEvents(t *testing.T, url string, header ...string) *sseStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("events: %d %s", res.StatusCode, b)
	}
	s := &sseStream{header: res.Header, events: make(chan sseEvent, 64)}
	done := make(chan struct{})
	var once sync.Once
	s.close = func() { once.Do(func() { cancel(); res.Body.Close(); <-done }) }
	t.Cleanup(s.close)
	connected := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(res.Body)
		var ev sseEvent
		var data bytes.Buffer
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, ": connected"):
				close(connected)
			case strings.HasPrefix(line, "id: "):
				ev.id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "event: "):
				ev.event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data.WriteString(strings.TrimPrefix(line, "data: "))
			case line == "" && data.Len() > 0:
				ev.data = data.String()
				if err := json.Unmarshal(data.Bytes(), &ev.view); err == nil {
					s.events <- ev
				}
				ev, data = sseEvent{}, bytes.Buffer{}
			}
		}
	}()
	select {
	case <-connected:
	case <-time.After(10 * time.Second):
		t.Fatal("no connected comment on the event stream")
	}
	return s
}

func (s *sseStream) next(t *testing.T) sseEvent {
	t.Helper()
	select {
	case ev := <-s.events:
		return ev
	case <-time.After(15 * time.Second):
		t.Fatal("no event")
	}
	return sseEvent{}
}

func TestConversationEventsPretranslated(t *testing.T) {
	e := startChat(t, nil)
	// The messages service publishes the views; count them on NATS.
	published, err := e.nc.SubscribeSync(api.ViewsSubject("", "live", "es"))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.nc.Flush(); err != nil {
		t.Fatal(err)
	}
	es := openEvents(t, e.url+"/v1/conversations/live/events?locale=es")
	if es.header.Get("Parley-Views") != "pretranslated" || es.header.Get("Content-Language") != "es" {
		t.Fatalf("headers %v", es.header)
	}
	m := postMessage(t, e, "live", "ana", "hello")
	ev := es.next(t)
	if ev.event != "view" || ev.view.ID != m.ID || ev.view.Text != "hola" || ev.view.Label != "Traducido de inglés" || ev.id != fmt.Sprint(m.Seq) {
		t.Fatalf("event %+v", ev)
	}
	if _, err := published.NextMsg(10 * time.Second); err != nil {
		t.Fatalf("the messages service published no view: %v", err)
	}
	// An edit arrives as a new view of the same message.
	decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/"+m.ID, `{"text":"hello again"}`), 200)
	if ev := es.next(t); ev.view.ID != m.ID || ev.view.Text != "hola otra vez" || ev.view.Revision != 2 {
		t.Fatalf("edit event %+v", ev)
	}
	// A client that reconnects with Last-Event-ID gets what it missed.
	later := postMessage(t, e, "live", "bob", "hello")
	resumed := openEvents(t, e.url+"/v1/conversations/live/events?locale=de", "Last-Event-ID", fmt.Sprint(m.Seq))
	got := map[string]string{}
	for range 2 {
		ev := resumed.next(t)
		got[ev.view.ID] = ev.view.Text
	}
	if got[m.ID] != "hallo" && got[m.ID] != "hello again" || got[later.ID] != "hallo" {
		t.Fatalf("replayed %v", got)
	}
}

func TestConversationEventsCleanUpOnDisconnect(t *testing.T) {
	e := startChat(t, nil)
	// Open the gateway's read model first: its consumer is a subscription.
	decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/gone/messages?locale=es", ""), 200)
	before := e.nc.NumSubscriptions()
	s := openEvents(t, e.url+"/v1/conversations/gone/events?locale=es")
	if got := e.nc.NumSubscriptions(); got != before+1 {
		t.Fatalf("%d subscriptions with a stream open, %d before", got, before)
	}
	s.close()
	deadline := time.Now().Add(10 * time.Second)
	for e.nc.NumSubscriptions() != before {
		if time.Now().After(deadline) {
			t.Fatalf("the views subscription outlived its client: %d subscriptions, %d before", e.nc.NumSubscriptions(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestConversationEventsLocaleCap(t *testing.T) {
	e := startChat(t, map[string]string{"MESSAGES_MAX_LOCALES": "1"})
	es := openEvents(t, e.url+"/v1/conversations/capped/events?locale=es")
	de := openEvents(t, e.url+"/v1/conversations/capped/events?locale=de")
	if es.header.Get("Parley-Views") != "pretranslated" || de.header.Get("Parley-Views") != "on-demand" {
		t.Fatalf("modes: es %q de %q", es.header.Get("Parley-Views"), de.header.Get("Parley-Views"))
	}
	postMessage(t, e, "capped", "ana", "hello")
	if ev := es.next(t); ev.view.Text != "hola" {
		t.Fatalf("es %+v", ev)
	}
	// The reader beyond the cap still gets the view, rendered on demand.
	if ev := de.next(t); ev.view.Text != "hallo" || ev.view.Label != "Übersetzt aus: Englisch" {
		t.Fatalf("de %+v", ev)
	}
}

// TestConversationEventsBurst: a burst of messages reaches a
// pre-translated stream (whose views the messages service's workers
// publish in any order) and an on-demand one (which renders each view
// itself while more arrive) whole and in the chat stream's order, so that
// a reconnect with the last id seen misses nothing.
func TestConversationEventsBurst(t *testing.T) {
	e := startChat(t, map[string]string{"MESSAGES_MAX_LOCALES": "1"})
	es := openEvents(t, e.url+"/v1/conversations/burst/events?locale=es")
	de := openEvents(t, e.url+"/v1/conversations/burst/events?locale=de")
	if es.header.Get("Parley-Views") != "pretranslated" || de.header.Get("Parley-Views") != "on-demand" {
		t.Fatalf("modes: es %q de %q", es.header.Get("Parley-Views"), de.header.Get("Parley-Views"))
	}
	const n = 100
	posted := make(chan api.Message, n)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < n; i += 4 {
				posted <- postMessage(t, e, "burst", "ana", "hello")
			}
		})
	}
	wg.Wait()
	close(posted)
	want := map[string]bool{}
	for m := range posted {
		want[m.ID] = true
	}
	read := func(s *sseStream, count int) []sseEvent {
		t.Helper()
		var evs []sseEvent
		for range count {
			evs = append(evs, s.next(t))
		}
		return evs
	}
	check := func(name string, evs []sseEvent, want map[string]bool) {
		t.Helper()
		got := map[string]bool{}
		var last uint64
		for _, ev := range evs {
			id, err := strconv.ParseUint(ev.id, 10, 64)
			if err != nil || id <= last {
				t.Fatalf("%s: event id %q after %d: ids must rise", name, ev.id, last)
			}
			last = id
			got[ev.view.ID] = true
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d distinct messages, want %d", name, len(got), len(want))
		}
		for id := range want {
			if !got[id] {
				t.Fatalf("%s: message %s never came", name, id)
			}
		}
	}
	esEvents := read(es, n)
	check("pre-translated", esEvents, want)
	deEvents := read(de, n)
	check("on demand", deEvents, want)
	// A reader that reconnects after the 40th view gets exactly the rest.
	rest := map[string]bool{}
	for _, ev := range esEvents[40:] {
		rest[ev.view.ID] = true
	}
	resumed := openEvents(t, e.url+"/v1/conversations/burst/events?locale=es", "Last-Event-ID", esEvents[39].id)
	check("resumed", read(resumed, n-40), rest)
}

func TestMessagesBadInput(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "bad", "ana", "hello")
	long := strings.Repeat("a", api.MaxTextRunes+1)
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     api.Code
	}{
		{"not json", "POST", "/v1/messages", `{`, 400, api.CodeInvalidJSON},
		{"empty body", "POST", "/v1/messages", ``, 400, api.CodeInvalidJSON},
		{"no conversation", "POST", "/v1/messages", `{"text":"hi"}`, 400, api.CodeInvalidArgument},
		{"bad conversation", "POST", "/v1/messages", `{"conversation":"a.b","text":"hi"}`, 400, api.CodeInvalidArgument},
		{"bad id", "POST", "/v1/messages", `{"conversation":"c","id":"a b","text":"hi"}`, 400, api.CodeInvalidArgument},
		// s<digits> names posts without an id (a chat back end's on NATS).
		{"reserved id", "POST", "/v1/messages", `{"conversation":"c","id":"s651","text":"hi"}`, 400, api.CodeInvalidArgument},
		{"empty text", "POST", "/v1/messages", `{"conversation":"c","text":"  "}`, 400, api.CodeEmptyText},
		{"text too long", "POST", "/v1/messages", `{"conversation":"c","text":"` + long + `"}`, 413, api.CodeTextTooLong},
		{"bad source", "POST", "/v1/messages", `{"conversation":"c","text":"hi","source":"!!"}`, 400, api.CodeInvalidLanguage},
		// Well-formed, of no known language: as on /v1/translate.
		{"unknown source", "POST", "/v1/messages", `{"conversation":"c","text":"hi","source":"xx"}`, 422, api.CodeUnsupportedLanguage},
		{"unknown source with a region", "POST", "/v1/messages", `{"conversation":"c","text":"hi","source":"xx_YY"}`, 422, api.CodeUnsupportedLanguage},
		{"text not a string", "POST", "/v1/messages", `{"conversation":"c","text":5}`, 400, api.CodeInvalidJSON},
		{"duplicate id", "POST", "/v1/messages", `{"conversation":"bad","id":"` + m.ID + `","text":"hi"}`, 409, api.CodeConflict},
		{"unknown message", "GET", "/v1/messages/nope?locale=es", "", 404, api.CodeNotFound},
		{"bad message id", "GET", "/v1/messages/a%20b?locale=es", "", 400, api.CodeInvalidArgument},
		{"no locale", "GET", "/v1/messages/" + m.ID, "", 400, api.CodeInvalidLanguage},
		{"bad locale", "GET", "/v1/messages/" + m.ID + "?locale=!!", "", 400, api.CodeInvalidLanguage},
		{"unsupported locale", "GET", "/v1/messages/" + m.ID + "?locale=ko", "", 422, api.CodeUnsupportedLanguage},
		{"bad original", "GET", "/v1/messages/" + m.ID + "?locale=es&original=maybe", "", 400, api.CodeInvalidArgument},
		{"edit unknown", "PATCH", "/v1/messages/nope", `{"text":"x"}`, 404, api.CodeNotFound},
		{"edit empty", "PATCH", "/v1/messages/" + m.ID, `{"text":""}`, 400, api.CodeEmptyText},
		{"delete unknown", "DELETE", "/v1/messages/nope", "", 404, api.CodeNotFound},
		{"bad limit", "GET", "/v1/conversations/bad/messages?locale=es&limit=0", "", 400, api.CodeInvalidArgument},
		{"huge limit", "GET", "/v1/conversations/bad/messages?locale=es&limit=1000", "", 400, api.CodeInvalidArgument},
		{"unknown cursor", "GET", "/v1/conversations/bad/messages?locale=es&before=nope", "", 404, api.CodeNotFound},
		{"bad conversation page", "GET", "/v1/conversations/a.b/messages?locale=es", "", 400, api.CodeInvalidArgument},
		{"events without locale", "GET", "/v1/conversations/bad/events", "", 400, api.CodeInvalidLanguage},
		{"bad after", "GET", "/v1/conversations/bad/events?locale=es&after=x", "", 400, api.CodeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, e.url+tt.path, tt.body)
			eb := decodeAs[api.ErrorBody](t, r, tt.status)
			if eb.Error.Code != tt.code {
				t.Fatalf("code %q, want %q: %s", eb.Error.Code, tt.code, r.body)
			}
		})
	}
}

func TestDemoPage(t *testing.T) {
	e := startChat(t, nil)
	r := do(t, "GET", e.url+"/", "")
	if r.status != 200 || !strings.Contains(string(r.body), `<script src="/demo/app.js" defer></script>`) {
		t.Fatalf("page %d %s", r.status, r.body)
	}
	csp := r.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP %q", csp)
	}
	if strings.Contains(string(r.body), "<script>") || strings.Contains(string(r.body), " on") && strings.Contains(string(r.body), "onclick") {
		t.Fatal("inline script in the demo page")
	}
	for _, p := range []string{"/demo/app.js", "/demo/app.css"} {
		if r := do(t, "GET", e.url+p, ""); r.status != 200 || len(r.body) == 0 {
			t.Fatalf("%s: %d", p, r.status)
		}
	}
	if js := do(t, "GET", e.url+"/demo/app.js", ""); strings.Contains(string(js.body), "innerHTML") {
		t.Fatal("the demo script must set text with textContent only")
	}
}

// TestConversationEventsResumeFromZero: an empty conversation's page says
// last_seq 0, and a stream opened with it (after=, Last-Event-ID or both)
// must still get a message posted in between.
func TestConversationEventsResumeFromZero(t *testing.T) {
	e := startChat(t, nil)
	tests := []struct {
		name          string
		query, header bool
	}{
		{name: "after", query: true},
		{name: "Last-Event-ID", header: true},
		{name: "both", query: true, header: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conv := "zero-" + strings.ReplaceAll(tt.name, "-", "")
			page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/"+conv+"/messages?locale=es", ""), 200)
			if len(page.Messages) != 0 || page.LastSeq != 0 {
				t.Fatalf("page of an empty conversation: %+v", page)
			}
			m := postMessage(t, e, conv, "ana", "hello")
			url := e.url + "/v1/conversations/" + conv + "/events?locale=es"
			var header []string
			if tt.query {
				url += "&after=" + fmt.Sprint(page.LastSeq)
			}
			if tt.header {
				header = []string{"Last-Event-ID", fmt.Sprint(page.LastSeq)}
			}
			es := openEvents(t, url, header...)
			// The replay is written before anything else the stream sends.
			if ev := es.next(t); ev.event != "view" || ev.view.ID != m.ID || ev.id != fmt.Sprint(m.Seq) || ev.view.Text != "hola" {
				t.Fatalf("first event %+v, want the view of %s (seq %d)", ev, m.ID, m.Seq)
			}
		})
	}
}

// The API keys of the tenant and quota tests.
const (
	chatAcmeKey   = "acme-client-key-0123456789"
	chatGlobexKey = "globex-client-key-0123456789"
	chatPlainKey  = "plain-client-key-0123456789"
	chatReaderKey = "reader-client-key-0123456789"
	chatKeySet    = "acme@acme:client:" + chatAcmeKey + ",globex@globex:client:" + chatGlobexKey +
		",plain:client:" + chatPlainKey + ",reader:client:" + chatReaderKey
)

// startChatWithKeys is startChat with chatKeySet and a monthly quota
// (0: unlimited).
func startChatWithKeys(t *testing.T, monthlyChars int64) *chatEnv {
	t.Helper()
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	return startChatWith(t, nil, gateway.Config{Keys: keys, Limits: gateway.Limits{MonthlyChars: monthlyChars}})
}

// bearer is the header pair that presents key.
func bearer(key string) []string { return []string{"Authorization", "Bearer " + key} }

// postAs posts text to conv with key and returns the stored message.
func postAs(t testing.TB, e *chatEnv, key, conv, text string) api.Message {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"conversation": conv, "text": text})
	return decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", string(b), bearer(key)...), http.StatusCreated)
}

// TestMessagesTenantIsolation: a tenant's messages are its own, and
// messages posted without a tenant are only tenant-less callers': "" is a
// tenant like any other.
func TestMessagesTenantIsolation(t *testing.T) {
	e := startChatWithKeys(t, 0)
	owners := map[string]string{"acme": chatAcmeKey, "globex": chatGlobexKey, "none": chatPlainKey}
	posted := map[string]api.Message{}
	for owner, key := range owners {
		posted[owner] = postAs(t, e, key, "mixed", "hello")
	}
	if posted["acme"].Tenant != "acme" || posted["none"].Tenant != "" {
		t.Fatalf("tenants of the posts: acme %q, none %q", posted["acme"].Tenant, posted["none"].Tenant)
	}
	for caller, key := range owners {
		page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/mixed/messages?locale=es", "", bearer(key)...), 200)
		if len(page.Messages) != 1 || page.Messages[0].ID != posted[caller].ID {
			t.Errorf("%s reads the page %+v, want only %s", caller, page.Messages, posted[caller].ID)
		}
		// Nor do the page's cursor and sequence tell of the others: pages of
		// one are full, and last_seq is the caller's own message's.
		one := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/mixed/messages?locale=es&limit=1", "", bearer(key)...), 200)
		if len(one.Messages) != 1 || one.Before != "" || one.LastSeq == 0 || one.LastSeq != posted[caller].LastSeq {
			t.Errorf("%s: page of one %+v, before %q, last_seq %d (its message's %d)", caller, one.Messages, one.Before, one.LastSeq, posted[caller].LastSeq)
		}
		for owner, m := range posted {
			if owner == caller {
				continue
			}
			if r := do(t, "GET", e.url+"/v1/conversations/mixed/messages?locale=es&before="+m.ID, "", bearer(key)...); r.status != http.StatusNotFound {
				t.Errorf("%s pages before %s's message: %d, want 404", caller, owner, r.status)
			}
		}
		for owner, m := range posted {
			want := http.StatusNotFound
			if owner == caller {
				want = http.StatusOK
			}
			for _, req := range []struct{ method, query, body string }{
				{"GET", "?locale=es", ""},
				{"PATCH", "", `{"text":"hello again"}`},
			} {
				if r := do(t, req.method, e.url+"/v1/messages/"+m.ID+req.query, req.body, bearer(key)...); r.status != want {
					t.Errorf("%s of %s's message by %s: %d, want %d: %s", req.method, owner, caller, r.status, want, r.body)
				}
			}
		}
	}
	// Deletes last: a deleted message would answer 409 to the edits above.
	for caller, key := range owners {
		for owner, m := range posted {
			if owner == caller {
				continue
			}
			if r := do(t, "DELETE", e.url+"/v1/messages/"+m.ID, "", bearer(key)...); r.status != http.StatusNotFound {
				t.Errorf("DELETE of %s's message by %s: %d, want 404", owner, caller, r.status)
			}
		}
		if r := do(t, "DELETE", e.url+"/v1/messages/"+posted[caller].ID, "", bearer(key)...); r.status != http.StatusOK {
			t.Errorf("DELETE of its own message by %s: %d %s", caller, r.status, r.body)
		}
	}
}

// usageOf is the characters key counted this month (GET /v1/usage).
func usageOf(t *testing.T, e *chatEnv, key string) int64 {
	t.Helper()
	return decodeAs[gateway.Usage](t, do(t, "GET", e.url+"/v1/usage", "", bearer(key)...), 200).Characters
}

// TestMessagesCountAgainstTheQuota: every translated view counts its
// message's characters (view cache hits too, as /v1/translate counts
// translate cache hits); posting counts nothing and still works once the
// quota is spent.
func TestMessagesCountAgainstTheQuota(t *testing.T) {
	e := startChatWithKeys(t, 20)
	hello := postAs(t, e, chatPlainKey, "quota", "hello")                 // 5 characters
	again := postAs(t, e, chatPlainKey, "quota", "hello again")           // 11
	gone := postAs(t, e, chatPlainKey, "quota", "a message deleted soon") // nothing once deleted
	// Declared English: an English view of it is free even with the quota
	// spent, since nothing can be translated.
	b, _ := json.Marshal(map[string]string{"conversation": "quota-en", "text": "hello declared", "source": "en"})
	declared := decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", string(b), bearer(chatPlainKey)...), http.StatusCreated)
	decodeAs[api.Message](t, do(t, "DELETE", e.url+"/v1/messages/"+gone.ID, "", bearer(chatPlainKey)...), 200)
	if got := usageOf(t, e, chatPlainKey); got != 0 {
		t.Fatalf("posting counted %d characters", got)
	}
	firstPage := "/v1/conversations/quota/messages?locale=es&limit=1&before=" + again.ID // hello alone
	steps := []struct {
		name, path string
		status     int
		usage      int64 // after the step
	}{
		{"translated view", "/v1/messages/" + hello.ID + "?locale=es", 200, 5},
		{"the same view from the view cache", "/v1/messages/" + hello.ID + "?locale=es", 200, 10},
		{"the message's own language is free", "/v1/messages/" + hello.ID + "?locale=en", 200, 10},
		{"no translation (not in the fake dictionary) is free", "/v1/messages/" + hello.ID + "?locale=he", 200, 10},
		{"a page that does not fit is refused whole", "/v1/conversations/quota/messages?locale=es", 429, 10},
		{"a smaller page fits", firstPage, 200, 15},
		{"a deleted message's view translates nothing", "/v1/messages/" + gone.ID + "?locale=es", 200, 15},
		{"a view that does not fit", "/v1/messages/" + again.ID + "?locale=es", 429, 15},
		{"the last characters", "/v1/messages/" + hello.ID + "?locale=es", 200, 20},
		{"spent", "/v1/messages/" + hello.ID + "?locale=es", 429, 20},
		{"spent, at view cache hit", firstPage, 429, 20},
		{"spent: no stream", "/v1/conversations/quota/events?locale=es", 429, 20},
		{"spent: a view in the declared language still reads", "/v1/messages/" + declared.ID + "?locale=en-GB", 200, 20},
		{"spent: a page in the declared language still reads", "/v1/conversations/quota-en/messages?locale=en", 200, 20},
	}
	for _, st := range steps {
		r := do(t, "GET", e.url+st.path, "", bearer(chatPlainKey)...)
		if r.status != st.status {
			t.Fatalf("%s: status %d, want %d: %s", st.name, r.status, st.status, r.body)
		}
		if st.status == 429 {
			eb := decodeAs[api.ErrorBody](t, r, 429)
			if eb.Error.Code != api.CodeRateLimited || !strings.Contains(eb.Error.Message, "quota") {
				t.Fatalf("%s: %s", st.name, r.body)
			}
			if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 {
				t.Fatalf("%s: Retry-After %q", st.name, r.header.Get("Retry-After"))
			}
		}
		if got := usageOf(t, e, chatPlainKey); got != st.usage {
			t.Fatalf("%s: usage %d, want %d", st.name, got, st.usage)
		}
	}
	// Posting is not translating: it works with the quota spent, and the
	// message is there for readers.
	kept := postAs(t, e, chatPlainKey, "quota", "hello")
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/quota/messages?locale=en&limit=2", "", bearer(chatReaderKey)...), 200)
	if n := len(page.Messages); n != 2 || page.Messages[n-1].ID != kept.ID {
		t.Fatalf("page after a post with the quota spent: %+v", page.Messages)
	}
}

// TestConversationEventsQuota: a stream counts the translated views it
// sends, replayed or live, and ends with an error event at the first that
// no longer fits, with an id that resumes at that view.
func TestConversationEventsQuota(t *testing.T) {
	e := startChatWithKeys(t, 12) // two views of "hello" fit, not three
	tests := []struct {
		name, key string
		live      bool
	}{
		{name: "replayed", key: chatAcmeKey},
		{name: "live", key: chatGlobexKey, live: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conv := "quota-" + tt.name
			url := e.url + "/v1/conversations/" + conv + "/events?locale=es"
			var es *sseStream
			if tt.live {
				es = openEvents(t, url, bearer(tt.key)...)
			}
			var posted []api.Message
			for i := range 3 {
				posted = append(posted, postAs(t, e, tt.key, conv, "hello"))
				if tt.live && i < 2 {
					if ev := es.next(t); ev.event != "view" || ev.view.ID != posted[i].ID || ev.view.Text != "hola" {
						t.Fatalf("live event %+v, want %s", ev, posted[i].ID)
					}
				}
			}
			if !tt.live {
				es = openEvents(t, url+"&after=0", bearer(tt.key)...)
				for _, m := range posted[:2] {
					if ev := es.next(t); ev.event != "view" || ev.view.ID != m.ID || ev.view.Text != "hola" {
						t.Fatalf("replayed %+v, want %s", ev, m.ID)
					}
				}
			}
			ev := es.next(t)
			var eb api.ErrorBody
			if err := json.Unmarshal([]byte(ev.data), &eb); err != nil || ev.event != "error" || eb.Error.Code != api.CodeRateLimited {
				t.Fatalf("event after the quota ran out: %+v", ev)
			}
			if want := fmt.Sprint(posted[2].Seq - 1); ev.id != want {
				t.Fatalf("error event id %q, want %s (resume at the refused view)", ev.id, want)
			}
			if got := usageOf(t, e, tt.key); got != 10 {
				t.Fatalf("usage %d, want 10", got)
			}
			if r := do(t, "GET", url, "", append(bearer(tt.key), "Last-Event-ID", ev.id)...); r.status != http.StatusTooManyRequests {
				t.Fatalf("reconnect with the quota spent: %d %s", r.status, r.body)
			}
		})
	}
}

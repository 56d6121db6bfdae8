package messages_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// dictionary is what the fake translate service knows, by "target|text".
var dictionary = map[string]string{
	"es|hello":       "hola",
	"es|hello there": "hola a todos",
	"de|hello":       "hallo",
	"es|darn it":     "maldición", // flagged by moderated_test.go's fake safety
}

// fakeServices registers fake detect and translate services (glossary,
// quality and safety are absent: the pipeline degrades them) and counts
// invalidations.
// abRoom is the conversation the fake translate serves under an
// experiment arm.
const abRoom = "ab-room"

func fakeServices(t *testing.T, nc *nats.Conn) chan api.TranslateInvalidateRequest {
	t.Helper()
	m := service.NewMetrics(prometheus.NewRegistry())
	log := slog.New(slog.DiscardHandler)
	invalidated := make(chan api.TranslateInvalidateRequest, 10)
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
					out, ok := dictionary[req.Target+"|"+req.Text]
					if !ok {
						return api.TranslateResponse{Text: req.Text, Status: api.StatusOriginal, Reason: "unknown"}, nil
					}
					resp := api.TranslateResponse{Text: out, Status: api.StatusTranslated, Backend: "fake"}
					if req.ConversationID == abRoom {
						// Translate assigned the conversation to an arm.
						resp.Experiment = &api.ExperimentAssignment{Experiment: "bake-off", Arm: "terse"}
					}
					return resp, nil
				})},
			{Name: "invalidate", Subject: api.SubjectTranslateInvalidate,
				Handler: service.JSON(func(_ context.Context, req *api.TranslateInvalidateRequest) (any, error) {
					invalidated <- *req
					return api.TranslateInvalidateResponse{Deleted: 1}, nil
				})},
		}},
	} {
		s, err := service.New(nc, service.Config{Name: svc.name, Version: "0.0.1"}, svc.eps, m, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
	}
	return invalidated
}

// startService runs the messages service with env on a fresh server.
func startService(t *testing.T, env map[string]string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc := natstest.Conn(t, natstest.RunServer(t))
	stop, err := messages.Start(context.Background(), svcmain.Deps{
		NC: nc, Env: config.NewReader(func(k string) string { return env[k] }),
		Registry: prometheus.NewRegistry(), Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return nc, js
}

func openLog(t *testing.T, js jetstream.JetStream) *messages.Log {
	t.Helper()
	st, err := js.Stream(context.Background(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	l, err := messages.OpenLog(context.Background(), st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	return l
}

func publish(t *testing.T, js jetstream.JetStream, conv string, ev api.MessageEvent) uint64 {
	t.Helper()
	seq, err := messages.Publish(context.Background(), js, conv, ev)
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

func TestLogPostEditDeletePage(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_PER_CONVERSATION": "100"})
	l := openLog(t, js)
	ctx := context.Background()
	publish(t, js, "c1", api.MessageEvent{ID: "m1", Author: "ana", Text: "hola", Source: "es"})
	publish(t, js, "c1", api.MessageEvent{ID: "m2", Author: "bob", Text: "hello", ReplyTo: "m1"})
	// A chat back end may leave the id to the stream.
	seq3 := publish(t, js, "c1", api.MessageEvent{Text: "third"})
	publish(t, js, "c2", api.MessageEvent{ID: "x1", Text: "elsewhere"})
	// Bad events are skipped by the read model, not fatal.
	publish(t, js, "c1", api.MessageEvent{Op: "shout", ID: "m9", Text: "?"})
	publish(t, js, "c1", api.MessageEvent{Op: api.OpEdit, ID: "nope", Text: "?"})
	publish(t, js, "c1", api.MessageEvent{Op: api.OpEdit, ID: "m2", Text: "hello there"})
	last := publish(t, js, "c1", api.MessageEvent{Op: api.OpDelete, ID: "m1"})
	if err := l.Wait(ctx, last); err != nil {
		t.Fatal(err)
	}

	m2, ok := l.Get("", "m2")
	if !ok || m2.Text != "hello there" || m2.Revision != 2 || m2.EditedAt.IsZero() || m2.ReplyTo != "m1" || m2.Author != "bob" {
		t.Fatalf("edited message %+v", m2)
	}
	m1, _ := l.Get("", "m1")
	if !m1.Deleted || m1.Text != "" || m1.LastSeq != last {
		t.Fatalf("deleted message %+v", m1)
	}
	gen := messages.GeneratedID(seq3)
	if m, ok := l.Get("", gen); !ok || m.Text != "third" {
		t.Fatalf("message without id: %+v %v", m, ok)
	}
	if _, ok := l.Get("", "m9"); ok {
		t.Fatal("an event with a bad op was applied")
	}

	page, prev, lastSeq, err := l.Page("c1", messages.Key{}, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || page[0].ID != "m2" || page[1].ID != gen || prev != "m2" || lastSeq != last {
		t.Fatalf("page %+v prev %q last %d", page, prev, lastSeq)
	}
	page, prev, _, err = l.Page("c1", messages.Key{ID: prev}, 2, nil)
	if err != nil || len(page) != 1 || page[0].ID != "m1" || prev != "" {
		t.Fatalf("previous page %+v prev %q err %v", page, prev, err)
	}
	if _, _, _, err := l.Page("c1", messages.Key{ID: "x1"}, 2, nil); api.ErrorCode(err) != api.CodeNotFound {
		t.Fatalf("cursor of another conversation: %v", err)
	}
	if ctxMsgs := l.Context(api.Message{Conversation: "c1", Seq: seq3}, 5); len(ctxMsgs) != 1 || ctxMsgs[0].Text != "hello there" {
		t.Fatalf("context %+v (the deleted message must be left out)", ctxMsgs)
	}
	if since := l.Since("c1", seq3); len(since) != 2 || since[0].ID != "m2" || since[1].ID != "m1" {
		t.Fatalf("since %+v", since)
	}

	// A second post with the same id is refused by the stream.
	if _, err := messages.Publish(ctx, js, "c1", api.MessageEvent{ID: "m2", Text: "again"}); api.ErrorCode(err) != api.CodeConflict {
		t.Fatalf("duplicate post: %v", err)
	}
}

// A page kept to one reader's messages (its tenant) says nothing of the
// others: not their ids as a cursor, not their sequences, and a cursor
// naming one of them is not found.
func TestLogPageKeep(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	var seqs = map[string]uint64{}
	for i, tenant := range []string{"a", "b", "a", "b", "a", "b"} {
		id := fmt.Sprintf("m%d", i)
		seqs[id] = publish(t, js, "c", api.MessageEvent{ID: id, Text: "hi", Tenant: tenant})
	}
	if err := l.Wait(context.Background(), seqs["m5"]); err != nil {
		t.Fatal(err)
	}
	ofA := func(m *api.Message) bool { return m.Tenant == "a" }
	tests := []struct {
		name, before string
		limit        int
		want         []string
		prev         string
	}{
		{"newest", "", 2, []string{"m2", "m4"}, "m2"},
		{"before a kept message", "m2", 2, []string{"m0"}, ""},
		{"all fit", "", 10, []string{"m0", "m2", "m4"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, prev, lastSeq, err := l.Page("c", messages.Key{Tenant: "a", ID: tt.before}, tt.limit, ofA)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range page {
				ids = append(ids, m.ID)
			}
			if !slices.Equal(ids, tt.want) || prev != tt.prev || lastSeq != seqs["m4"] {
				t.Fatalf("page %v prev %q last %d; want %v %q %d", ids, prev, lastSeq, tt.want, tt.prev, seqs["m4"])
			}
		})
	}
	if _, _, _, err := l.Page("c", messages.Key{Tenant: "b", ID: "m3"}, 2, ofA); api.ErrorCode(err) != api.CodeNotFound {
		t.Fatalf("a cursor naming another tenant's message: %v", err)
	}
	if page, prev, lastSeq, err := l.Page("c", messages.Key{}, 2, func(*api.Message) bool { return false }); err != nil || len(page) != 0 || prev != "" || lastSeq != 0 {
		t.Fatalf("a reader who sees nothing: %v %q %d %v", page, prev, lastSeq, err)
	}
}

func TestLogRetentionPerConversation(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_PER_CONVERSATION": "3"})
	l := openLog(t, js)
	var last uint64
	for i := range 5 {
		last = publish(t, js, "c", api.MessageEvent{ID: fmt.Sprintf("m%d", i), Text: "hi"})
	}
	if err := l.Wait(context.Background(), last); err != nil {
		t.Fatal(err)
	}
	page, _, _, _ := l.Page("c", messages.Key{}, 50, nil)
	if len(page) != 3 || page[0].ID != "m2" {
		t.Fatalf("page %+v", page)
	}
	if _, ok := l.Get("", "m0"); ok {
		t.Fatal("m0 should have been pruned")
	}
	// A new reader of the stream sees the same retention.
	l2 := openLog(t, js)
	if err := l2.Wait(context.Background(), last); err != nil {
		t.Fatal(err)
	}
	if page, _, _, _ := l2.Page("c", messages.Key{}, 50, nil); len(page) != 3 {
		t.Fatalf("replayed page %+v", page)
	}
}

func TestCheckEventRejectsBadInput(t *testing.T) {
	tests := []struct {
		name  string
		ev    api.MessageEvent
		field string
	}{
		{"bad id", api.MessageEvent{ID: "a b", Text: "x"}, "id"},
		{"reserved id", api.MessageEvent{ID: "s651", Text: "x"}, "id"},
		{"reserved id, explicit post", api.MessageEvent{Op: api.OpPost, ID: "s0", Text: "x"}, "id"},
		{"empty text", api.MessageEvent{Text: "  "}, "text"},
		{"edit without id", api.MessageEvent{Op: api.OpEdit, Text: "x"}, "id"},
		{"bad op", api.MessageEvent{Op: "nuke", ID: "a"}, "op"},
		{"bad source", api.MessageEvent{Text: "x", Source: "xx-!!"}, "source"},
		{"long author", api.MessageEvent{Text: "x", Author: strings.Repeat("a", 200)}, "author"},
		{"NUL in author", api.MessageEvent{Text: "x", Author: "ana\x00"}, "author"},
		{"ESC in author", api.MessageEvent{Text: "x", Author: "\x1b[31mana"}, "author"},
		{"bidi override in author", api.MessageEvent{Text: "x", Author: "\u202eana"}, "author"},
		{"invisible author", api.MessageEvent{Text: "x", Author: "\u200b"}, "author"},
		{"NUL text", api.MessageEvent{Text: "\x00"}, "text"},
		{"zero-width text", api.MessageEvent{Text: "\u200b\u200b"}, "text"},
		{"byte order mark text", api.MessageEvent{Text: "\ufeff"}, "text"},
		{"invisible edit", api.MessageEvent{Op: api.OpEdit, ID: "a", Text: "\u2060"}, "text"},
		{"bad reply", api.MessageEvent{Text: "x", ReplyTo: "a.b"}, "reply_to"},
		// Bidi controls that make a text show otherwise than it reads.
		{"override in text", api.MessageEvent{Text: "you are a \u202etoidi gnikcuf\u202c ok"}, "text"},
		{"unclosed override in text", api.MessageEvent{Text: "hi \u202eereht"}, "text"},
		{"embedding in text", api.MessageEvent{Text: "\u202bשלום\u202c"}, "text"},
		{"unclosed isolate in text", api.MessageEvent{Text: "hi \u2067there"}, "text"},
		{"override in edit", api.MessageEvent{Op: api.OpEdit, ID: "a", Text: "\u202ekcuf"}, "text"},
		// Joiners that join nothing, and stacks of marks.
		{"joiner between Latin letters", api.MessageEvent{Text: "x", Author: "a\u200db"}, "author"},
		{"non-joiner between Latin letters", api.MessageEvent{Text: "x", Author: "an\u200ca"}, "author"},
		{"joiner at the end", api.MessageEvent{Text: "x", Author: "ana\u200d"}, "author"},
		{"joiner after an emoji, before a letter", api.MessageEvent{Text: "x", Author: "\U0001F469\u200dana"}, "author"},
		{"joiner between Arabic and Latin", api.MessageEvent{Text: "x", Author: "\u0645\u200cb"}, "author"},
		{"Zalgo author", api.MessageEvent{Text: "x", Author: "Z" + strings.Repeat("\u0301", 25) + "oe"}, "author"},
		{"five marks on a letter", api.MessageEvent{Text: "x", Author: "b\u0300\u0301\u0302\u0303\u0304"}, "author"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := messages.CheckEvent(&tt.ev)
			var ae *api.Error
			if !errors.As(err, &ae) || ae.Status() >= 500 || ae.Field != tt.field {
				t.Fatalf("err = %v, want a 4xx on %s", err, tt.field)
			}
		})
	}
}

func TestCheckEventAcceptsNames(t *testing.T) {
	tests := []struct{ author, stored string }{
		{"", ""},
		{"ana", "ana"},
		{"Chloé", "Chloé"},
		// Stored in NFC: a retry that spells the accent otherwise is the
		// same name.
		{"Zoe\u0301", "Zoé"},
		{"Nguye\u0302\u0303n", "Nguyễn"},
		{"שָׁלוֹם", "שָׁלוֹם"},                                                           // pointed Hebrew: two or three marks a letter
		{"می\u200cخواهم", "می\u200cخواهم"},                                               // Persian non-joiner
		{"क्\u200dष", "क्\u200dष"},                                                       // Devanagari joiner after a virama
		{"ශ්\u200dරී", "ශ්\u200dරී"},                                                     // Sinhala
		{"dev \U0001F469\u200d\U0001F4BB", "dev \U0001F469\u200d\U0001F4BB"},             // emoji ZWJ sequence
		{"\U0001F469\U0001F3FD\u200d\U0001F52C", "\U0001F469\U0001F3FD\u200d\U0001F52C"}, // with a skin tone
		{"\U0001F3F3\ufe0f\u200d\U0001F308", "\U0001F3F3\ufe0f\u200d\U0001F308"},         // with a variation selector
		{"\u2764\ufe0f\u200d\U0001F525", "\u2764\ufe0f\u200d\U0001F525"},
	}
	for _, tt := range tests {
		ev := api.MessageEvent{Text: "hi", Author: tt.author}
		if err := messages.CheckEvent(&ev); err != nil {
			t.Errorf("author %q: %v", tt.author, err)
			continue
		}
		if ev.Author != tt.stored {
			t.Errorf("author %q is stored as %q, want %q", tt.author, ev.Author, tt.stored)
		}
	}
}

// TestCheckEventAcceptsRightToLeftText: the bidi rule refuses overrides
// and embeddings, not what right-to-left chat writes: the marks U+200E
// and U+200F, and balanced isolates.
func TestCheckEventAcceptsRightToLeftText(t *testing.T) {
	for _, text := range []string{
		"مرحبا، كيف حالك؟",
		"שָׁלוֹם עֲלֵיכֶם",
		"قال \u200eJohn Smith\u200f اليوم",
		"שלום \u2066@john_doe\u2069 מה נשמע",
		"\u2067عربي\u2069\n\u2066English\u2069",
	} {
		ev := api.MessageEvent{Text: text}
		if err := messages.CheckEvent(&ev); err != nil {
			t.Errorf("text %q: %v", text, err)
		}
	}
}

func TestPresenceCap(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_LOCALES": "2"})
	p, err := messages.OpenPresence(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	if p.Max() != 2 {
		t.Fatalf("cap %d from the bucket, want 2", p.Max())
	}
	ctx := context.Background()
	for _, tt := range []struct {
		conv, locale string
		want         bool
	}{
		{"c", "es", true}, {"c", "de", true}, {"c", "es", true}, // a refresh keeps its slot
		{"c", "fr", false}, // beyond the cap: on-demand views
		{"d", "fr", true},  // caps are per conversation
	} {
		got, err := p.Register(ctx, "", tt.conv, tt.locale)
		if err != nil || got != tt.want {
			t.Fatalf("Register(%s, %s) = %v, %v; want %v", tt.conv, tt.locale, got, err, tt.want)
		}
	}
	active, err := p.Active(ctx, "", "c")
	if err != nil || strings.Join(active, ",") != "de,es" {
		t.Fatalf("active %v %v", active, err)
	}
}

func TestPretranslatePublishesViews(t *testing.T) {
	nc, js := startService(t, map[string]string{"MESSAGES_MAX_LOCALES": "2"})
	invalidated := fakeServices(t, nc)
	p, err := messages.OpenPresence(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, loc := range []string{"es", "de"} {
		if ok, err := p.Register(ctx, "", "room", loc); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	sub, err := nc.SubscribeSync(api.SubjectViewsPrefix + "room.*.*")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	next := func() api.MessageView {
		t.Helper()
		m, err := sub.NextMsg(20 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		var v api.MessageView
		if err := json.Unmarshal(m.Data, &v); err != nil {
			t.Fatal(err)
		}
		if want := api.ViewsSubject("", "room", v.Locale); m.Subject != want {
			t.Fatalf("view for %s on %s", v.Locale, m.Subject)
		}
		return v
	}
	publish(t, js, "room", api.MessageEvent{ID: "m1", Author: "ana", Text: "hello"})
	got := map[string]api.MessageView{}
	for range 2 {
		v := next()
		got[v.Locale] = v
	}
	if v := got["es"]; v.Text != "hola" || v.Status != api.StatusTranslated || v.Label != "Traducido de inglés" || v.Seq == 0 {
		t.Fatalf("es view %+v", v)
	}
	if v := got["de"]; v.Text != "hallo" || v.Label != "Übersetzt aus: Englisch" {
		t.Fatalf("de view %+v", v)
	}

	publish(t, js, "room", api.MessageEvent{Op: api.OpEdit, ID: "m1", Text: "hello there"})
	select {
	case inv := <-invalidated:
		if inv.ConversationID != "room" || inv.MessageID != "m1" || inv.Tenant != "" {
			t.Fatalf("invalidated %+v", inv)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("an edit did not invalidate the cached translations")
	}
	for range 2 {
		if v := next(); v.Revision != 2 || (v.Locale == "es" && v.Text != "hola a todos") {
			t.Fatalf("view after edit %+v", v)
		}
	}
	publish(t, js, "room", api.MessageEvent{Op: api.OpDelete, ID: "m1"})
	for range 2 {
		if v := next(); v.Status != api.StatusDeleted || v.Text != "" || v.Label == "" {
			t.Fatalf("view after delete %+v", v)
		}
	}
}

func TestPretranslateKillSwitch(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	fakeServices(t, nc)
	ctx := context.Background()
	// The service loads the flags before it starts consuming: set the
	// kill switch first, so that it is in force for the first message.
	fl, err := flags.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fl.Close() })
	if _, err := fl.Set(ctx, flags.NoPretranslation, flags.Flag{Enabled: true, Conversations: []string{"quiet"}}); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	stop, err := messages.Start(ctx, svcmain.Deps{
		NC: nc, Env: config.NewReader(func(string) string { return "" }), Registry: reg, Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	js, _ := jetstream.New(nc)
	p, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	for _, conv := range []string{"quiet", "loud"} {
		if ok, err := p.Register(ctx, "", conv, "es"); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	waitCount := func(result string, want float64) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			mfs, err := reg.Gather()
			if err != nil {
				t.Fatal(err)
			}
			got := 0.0
			for _, mf := range mfs {
				if mf.GetName() != "parley_messages_pretranslated_total" {
					continue
				}
				for _, m := range mf.GetMetric() {
					if m.GetLabel()[0].GetValue() == result {
						got = m.GetCounter().GetValue()
					}
				}
			}
			if got == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s = %v, want %v", result, got, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	sub, err := nc.SubscribeSync(api.SubjectViewsPrefix + "*.es.*")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	publish(t, js, "quiet", api.MessageEvent{ID: "q1", Text: "hello"})
	waitCount("killed", 1)
	publish(t, js, "loud", api.MessageEvent{ID: "l1", Text: "hello"})
	m, err := sub.NextMsg(20 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// Events are handled in order per worker, but the quiet one was killed
	// before the loud one was posted: the first view is the loud one's.
	if m.Subject != api.ViewsSubject("", "loud", "es") {
		t.Fatalf("view on %s: the kill switch did not hold", m.Subject)
	}
	waitCount("published", 1)
}

func TestLogRetentionByAge(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_AGE": "1s"})
	l := openLog(t, js)
	seq := publish(t, js, "old", api.MessageEvent{ID: "o1", Text: "hi"})
	if err := l.Wait(context.Background(), seq); err != nil {
		t.Fatal(err)
	}
	// No new message arrives in the conversation: the sweep drops it.
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, ok := l.Get("", "o1"); !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a message older than MESSAGES_MAX_AGE is still in the read model")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if page, _, _, _ := l.Page("old", messages.Key{}, 10, nil); len(page) != 0 {
		t.Fatalf("page %+v", page)
	}
}

func TestPretranslatePublishesOutcomeEvents(t *testing.T) {
	nc, js := startService(t, nil)
	fakeServices(t, nc)
	p, err := messages.OpenPresence(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, room := range []string{"room", abRoom} {
		if ok, err := p.Register(ctx, "", room, "es"); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	outcomes, err := nc.SubscribeSync(api.SubjectExperimentEvents + "." + experiment.Outcome + ".>")
	if err != nil {
		t.Fatal(err)
	}
	views, err := nc.SubscribeSync(api.SubjectViewsPrefix + ">")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	// A view outside any experiment publishes no outcome; the one an arm
	// translated does. Published in this order, the first view arrives
	// before the outcome of the second.
	publish(t, js, "room", api.MessageEvent{ID: "m1", Author: "ana", Text: "hello"})
	if _, err := views.NextMsg(20 * time.Second); err != nil {
		t.Fatal(err)
	}
	publish(t, js, abRoom, api.MessageEvent{ID: "m2", Author: "ana", Text: "hello"})
	m, err := outcomes.NextMsg(20 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var ev experiment.Event
	if err := json.Unmarshal(m.Data, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Type != experiment.Outcome || ev.Experiment != "bake-off" || ev.Arm != "terse" || ev.Status != api.StatusTranslated || ev.Target != "es" {
		t.Fatalf("outcome %+v", ev)
	}
	if _, err := views.NextMsg(20 * time.Second); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := outcomes.Pending(); n != 0 {
		t.Fatalf("%d more outcome events, want one", n)
	}
}

// Only posts are refused an id of the generated form: such messages are
// edited, deleted and replied to by it, and ids that merely look alike are
// anyone's.
func TestCheckEventReservedIDs(t *testing.T) {
	tests := []api.MessageEvent{
		{ID: "s", Text: "x"},
		{ID: "s12a", Text: "x"},
		{ID: "S12", Text: "x"},
		{ID: "x12", Text: "x"},
		{ID: "s-12", Text: "x"},
		{Text: "x", ReplyTo: "s12"},
		{Op: api.OpEdit, ID: "s12", Text: "x"},
		{Op: api.OpDelete, ID: "s12"},
	}
	for _, ev := range tests {
		if err := messages.CheckEvent(&ev); err != nil {
			t.Errorf("%+v: %v", ev, err)
		}
	}
	ev := api.MessageEvent{ID: "s651", Text: "x"}
	if err := messages.CheckEvent(&ev); err == nil || !strings.Contains(err.Error(), "s<digits>") {
		t.Fatalf("the refusal should name the rule: %v", err)
	}
}

// Events the stream holds from before a rule tightened (text with no
// visible character or with a control character, an author with a
// control character) stay in the read
// model: the stream accepted them, and nothing accepted is lost. New posts
// through CheckEvent meet the rule.
func TestLogKeepsEventsStoredUnderOlderRules(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	var last uint64
	for _, ev := range []api.MessageEvent{
		{ID: "zw", Text: "\u200b\u200b", Author: "ana"},
		{ID: "nul", Text: "hello", Author: "bad\x00name"},
		// Text with control characters, stored before they were refused.
		{ID: "ctl", Text: "hello\x00world \x1b[31mred", Author: "ana"},
		// Bidi overrides and unbalanced isolates, stored before they
		// were refused.
		{ID: "rlo", Text: "you are a \u202etoidi gnikcuf\u202c ok", Author: "ana"},
		{ID: "rli", Text: "hi \u2067there", Author: "ana"},
		// Authors stored before joiners and marks were checked.
		{ID: "zwj", Text: "hello", Author: "a\u200db"},
	} {
		if err := messages.CheckEvent(&ev); err == nil {
			t.Fatalf("CheckEvent accepts %+v", ev)
		}
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := js.Publish(context.Background(), api.ChatSubject("old"), b)
		if err != nil {
			t.Fatal(err)
		}
		last = ack.Sequence
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = l.Wait(ctx, ack.Sequence)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if m, ok := l.Get("", ev.ID); !ok || m.Text != ev.Text || m.Author != ev.Author {
			t.Fatalf("stored %q: got %+v (%v)", ev.ID, m, ok)
		}
	}
	// A restarted read model agrees.
	again := openLog(t, js)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := again.Wait(ctx, last); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"zw", "nul", "ctl", "rlo", "rli", "zwj"} {
		if _, ok := again.Get("", id); !ok {
			t.Fatalf("%s lost on restart", id)
		}
	}
}

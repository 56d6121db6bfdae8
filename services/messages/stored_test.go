package messages_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
)

// publishRaw publishes ev as a back end on NATS would, unchecked, and
// returns its stream sequence.
func publishRaw(t *testing.T, js jetstream.JetStream, conv string, ev api.MessageEvent) uint64 {
	t.Helper()
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	ack, err := js.Publish(context.Background(), api.ChatSubject(conv), b)
	if err != nil {
		t.Fatal(err)
	}
	return ack.Sequence
}

// TestPretranslateBlankMessage: a message with no visible character (kept
// from NATS: TestLogKeepsEventsStoredUnderOlderRules) is pre-translated as
// an original view, and the message after it as usual: the blank one is
// never its context.
func TestPretranslateBlankMessage(t *testing.T) {
	nc, js := startService(t, nil)
	fakeServices(t, nc)
	ctx := context.Background()
	p, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := p.Register(ctx, "", "blanks", "es"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	sub, err := nc.SubscribeSync(api.ViewsSubject("", "blanks", "es"))
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	publishRaw(t, js, "blanks", api.MessageEvent{ID: "blank1", Text: "\u200b\u200b"})
	publishRaw(t, js, "blanks", api.MessageEvent{ID: "ok1", Text: "hello"})
	got := map[string]api.MessageView{}
	for range 2 {
		m, err := sub.NextMsg(20 * time.Second)
		if err != nil {
			t.Fatalf("views so far %v: %v", got, err)
		}
		var v api.MessageView
		if err := json.Unmarshal(m.Data, &v); err != nil {
			t.Fatal(err)
		}
		got[v.ID] = v
	}
	if v := got["blank1"]; v.Status != api.StatusOriginal || v.Text != "\u200b\u200b" || v.Reason != messages.ReasonBlank || v.Label != "Original" {
		t.Fatalf("blank view %+v", v)
	}
	if v := got["ok1"]; v.Status != api.StatusTranslated || v.Text != "hola" {
		t.Fatalf("view after the blank one %+v", v)
	}
}

// TestLogSkipped: a writer that waited for its event learns whether the
// read model applied it or skipped it, and why: the check's own 4xx error
// for bad input, another error for an event that does not fit the
// messages.
func TestLogSkipped(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	tests := []struct {
		name string
		ev   api.MessageEvent
		code api.Code // "" applied; CodeInternal: skipped, not an *api.Error
	}{
		{"post", api.MessageEvent{ID: "p1", Text: "hello"}, ""},
		{"edit", api.MessageEvent{Op: api.OpEdit, ID: "p1", Text: "hello there"}, ""},
		{"text too long", api.MessageEvent{Op: api.OpEdit, ID: "p1", Text: strings.Repeat("a", api.MaxTextRunes+1)}, api.CodeTextTooLong},
		{"bad id", api.MessageEvent{ID: "a b", Text: "hello"}, api.CodeInvalidArgument},
		{"duplicate post", api.MessageEvent{ID: "p1", Text: "hello"}, api.CodeInternal},
		{"edit of an unknown message", api.MessageEvent{Op: api.OpEdit, ID: "nope", Text: "hello"}, api.CodeInternal},
		{"delete", api.MessageEvent{Op: api.OpDelete, ID: "p1"}, ""},
		{"edit of a deleted message", api.MessageEvent{Op: api.OpEdit, ID: "p1", Text: "hello"}, api.CodeInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seq := publishRaw(t, js, "skips", tt.ev)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := l.Wait(ctx, seq); err != nil {
				t.Fatal(err)
			}
			if l.Applied() < seq {
				t.Fatalf("applied %d, want at least %d", l.Applied(), seq)
			}
			err := l.Skipped(seq)
			var ae *api.Error
			switch {
			case tt.code == "" && err != nil:
				t.Fatalf("skipped: %v", err)
			case tt.code == "":
			case err == nil:
				t.Fatalf("applied, want skipped (%s)", tt.code)
			case tt.code == api.CodeInternal && errors.As(err, &ae):
				t.Fatalf("skipped with %v, want a conflict of messages", err)
			case tt.code != api.CodeInternal && api.ErrorCode(err) != tt.code:
				t.Fatalf("skipped with %v, want %s", err, tt.code)
			}
		})
	}
}

// TestLogKeepsTextsCountedBeforeNFC: the text limit counts the NFC text
// now; a text stored on NATS while it counted the text as sent, within
// the limit then and over it in NFC, stays in the read model (in NFC),
// while new writes (CheckEvent) meet the limit as counted now.
func TestLogKeepsTextsCountedBeforeNFC(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	ev := api.MessageEvent{ID: "nfc", Text: strings.Repeat("\u095b", api.MaxTextRunes)}
	if err := messages.CheckEvent(&ev); api.ErrorCode(err) != api.CodeTextTooLong {
		t.Fatalf("CheckEvent: %v, want text_too_long", err)
	}
	seq := publishRaw(t, js, "old", ev)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.Wait(ctx, seq); err != nil {
		t.Fatal(err)
	}
	if err := l.Skipped(seq); err != nil {
		t.Fatalf("skipped: %v", err)
	}
	if m, ok := l.Get("", "nfc"); !ok || m.Text != norm.NFC.String(ev.Text) {
		t.Fatalf("stored %v: %d characters", ok, len([]rune(m.Text)))
	}
	// Over the limit as sent: skipped, as always.
	seq = publishRaw(t, js, "old", api.MessageEvent{ID: "long", Text: strings.Repeat("\u095b", api.MaxTextRunes+1)})
	if err := l.Wait(ctx, seq); err != nil {
		t.Fatal(err)
	}
	if err := l.Skipped(seq); api.ErrorCode(err) != api.CodeTextTooLong {
		t.Fatalf("skipped: %v, want text_too_long", err)
	}
}

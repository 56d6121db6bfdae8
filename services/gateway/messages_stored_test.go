package gateway_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
)

// publishOnNATS publishes ev to conv as a chat back end would, unchecked,
// and returns its stream sequence.
func publishOnNATS(t *testing.T, e *chatEnv, conv string, ev api.MessageEvent) uint64 {
	t.Helper()
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
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

// chatEvents is the number of events the chat stream holds.
func chatEvents(t *testing.T, e *chatEnv) uint64 {
	t.Helper()
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	st, err := js.Stream(context.Background(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	return st.CachedInfo().State.Msgs
}

// TestMessagesBlankEventFromNATS: a message with no visible character,
// published on NATS (the stream keeps it: docs/messages.md), is served as
// an original view, one at a time, in a page and on the event stream, and
// the messages after it render as usual: it is never their context.
func TestMessagesBlankEventFromNATS(t *testing.T) {
	e := startChat(t, nil)
	blankSeq := publishOnNATS(t, e, "C", api.MessageEvent{Op: api.OpPost, ID: "blank1", Text: "\u200b\u200b"})
	okSeq := publishOnNATS(t, e, "C", api.MessageEvent{Op: api.OpPost, ID: "ok1", Text: "hello"})

	blank := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/blank1?locale=es", ""), http.StatusOK)
	if blank.Status != api.StatusOriginal || blank.Text != "\u200b\u200b" || blank.Reason != messages.ReasonBlank || blank.Label != "Original" {
		t.Fatalf("blank view %+v", blank)
	}
	ok := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/ok1?locale=es", ""), http.StatusOK)
	if ok.Status != api.StatusTranslated || ok.Text != "hola" {
		t.Fatalf("view after the blank one %+v", ok)
	}
	if c := e.contextOf("hello"); len(c) != 0 {
		t.Fatalf("context of ok1 %+v: a blank message is no context", c)
	}
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/C/messages?locale=es", ""), http.StatusOK)
	if len(page.Messages) != 2 || page.Messages[0].Status != api.StatusOriginal || page.Messages[1].Text != "hola" {
		t.Fatalf("page %+v", page)
	}
	// Both on the stream, each with its event id: a reconnect after
	// either resumes after it.
	es := openEvents(t, e.url+"/v1/conversations/C/events?locale=es&after=0")
	for _, want := range []struct {
		id   string
		seq  uint64
		text string
	}{{"blank1", blankSeq, "\u200b\u200b"}, {"ok1", okSeq, "hola"}} {
		if ev := es.next(t); ev.event != "view" || ev.view.ID != want.id || ev.id != fmt.Sprint(want.seq) || ev.view.Text != want.text {
			t.Fatalf("event %+v, want the view of %s with id %d", ev, want.id, want.seq)
		}
	}
}

// TestMessagesTextLimitCountsNFC: the 10,000-character limit counts the
// text in NFC, as stored. A post or an edit that NFC takes over it is a
// 413 before anything is published (never a 409, or a 200 with the old
// text, for an event the read model then skips), and so is the same text
// on /v1/translate; a text at the limit in NFC is stored and read back.
func TestMessagesTextLimitCountsNFC(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "hindi", "ana", "hello")
	// 10,000 code points as sent; U+095B is two in NFC.
	hindi := string([]rune(strings.Repeat("\u095bिंदगी बहुत खूबसूरत है ", 1000))[:api.MaxTextRunes])
	musical := strings.Repeat("x", 9000) + strings.Repeat("\U0001D15E", 1000)
	body := func(fields map[string]string) string {
		b, _ := json.Marshal(fields)
		return string(b)
	}
	tests := []struct {
		name, method, path, body string
	}{
		{"post", "POST", "/v1/messages", body(map[string]string{"conversation": "hindi", "id": "h1", "text": hindi})},
		{"edit", "PATCH", "/v1/messages/" + m.ID, body(map[string]string{"text": musical})},
		{"translate", "POST", "/v1/translate", body(map[string]string{"text": hindi, "target": "es"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := chatEvents(t, e)
			r := do(t, tt.method, e.url+tt.path, tt.body)
			eb := decodeAs[api.ErrorBody](t, r, http.StatusRequestEntityTooLarge)
			if eb.Error.Code != api.CodeTextTooLong || eb.Error.Field != "text" ||
				!strings.Contains(eb.Error.Message, "once normalized to Unicode NFC (10000 as sent); the limit is 10000") {
				t.Fatalf("error %+v", eb.Error)
			}
			if after := chatEvents(t, e); after != before {
				t.Fatalf("%d events published for a refused write", after-before)
			}
		})
	}
	if r := do(t, "GET", e.url+"/v1/messages/h1?locale=es", ""); r.status != http.StatusNotFound {
		t.Fatalf("refused post: %d %s", r.status, r.body)
	}
	if v := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+m.ID+"?locale=es", ""), http.StatusOK); v.Revision != 1 || v.Text != "hola" {
		t.Fatalf("refused edit changed the message: %+v", v)
	}
	// At the limit in NFC (5,000 as sent): stored as counted.
	atLimit := strings.Repeat("\u095b", api.MaxTextRunes/2)
	got := decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", body(map[string]string{"conversation": "hindi", "id": "h2", "text": atLimit})), http.StatusCreated)
	if n := len([]rune(got.Text)); n != api.MaxTextRunes {
		t.Fatalf("stored %d characters, want %d", n, api.MaxTextRunes)
	}
	if v := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/h2?locale=es", ""), http.StatusOK); v.Status != api.StatusOriginal || v.Text != got.Text {
		t.Fatalf("view of a message at the limit: %+v", v)
	}
	musicalAtLimit := strings.Repeat("x", 8000) + strings.Repeat("\U0001D15E", 1000)
	edited := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/h2", body(map[string]string{"text": musicalAtLimit})), http.StatusOK)
	if n := len([]rune(edited.Text)); edited.Revision != 2 || n != api.MaxTextRunes {
		t.Fatalf("edit at the limit: revision %d, %d characters", edited.Revision, n)
	}
}

// TestConversationEventsCursorPastTheEnd: a resume cursor above the chat
// stream's last sequence names no event: a 400 on after, whether it came
// as after, Last-Event-ID or both, rather than a stream whose views never
// carry an id. The last sequence itself resumes as usual.
func TestConversationEventsCursorPastTheEnd(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "ahead", "ana", "hello")
	url := e.url + "/v1/conversations/ahead/events?locale=es"
	ahead := fmt.Sprint(m.Seq + 1000)
	tests := []struct {
		name, query, header string
	}{
		{"after", ahead, ""},
		{"Last-Event-ID", "", ahead},
		{"both, the header ahead", fmt.Sprint(m.Seq), ahead},
		{"both, after ahead", ahead, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, header := url, []string{}
			if tt.query != "" {
				u += "&after=" + tt.query
			}
			if tt.header != "" {
				header = []string{"Last-Event-ID", tt.header}
			}
			for _, method := range []string{"GET", "HEAD"} {
				r := do(t, method, u, "", header...)
				if method == "HEAD" {
					if r.status != http.StatusBadRequest {
						t.Fatalf("HEAD: %d", r.status)
					}
					continue
				}
				eb := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest)
				if eb.Error.Code != api.CodeInvalidArgument || eb.Error.Field != "after" || !strings.Contains(eb.Error.Message, "past the end of the chat stream") {
					t.Fatalf("error %+v", eb.Error)
				}
			}
		})
	}
	// At the last sequence: the stream opens, and the next change comes
	// with its id.
	es := openEvents(t, url, "Last-Event-ID", fmt.Sprint(m.Seq))
	next := postMessage(t, e, "ahead", "bob", "hello")
	if ev := es.next(t); ev.view.ID != next.ID || ev.id != fmt.Sprint(next.Seq) {
		t.Fatalf("event %+v, want %s with id %d", ev, next.ID, next.Seq)
	}
}

package gateway_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestMessagesInvisibleInput: text with no visible character is blank
// (400 empty_text on text), for messages, edits and /v1/translate alike,
// visible text with a C0 control character (NUL, ESC) is a 400
// invalid_argument, and an author name with control or format characters
// is refused.
func TestMessagesInvisibleInput(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "invisible", "ana", "hello")
	body := func(fields map[string]string) string {
		b, _ := json.Marshal(fields)
		return string(b)
	}
	tests := []struct {
		name, method, path, body string
		code                     api.Code
		field                    string
	}{
		{"NUL text", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "text": "\x00"}), api.CodeEmptyText, "text"},
		{"zero-width text", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "text": "\u200b\u200b"}), api.CodeEmptyText, "text"},
		{"byte order mark text", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "text": "\ufeff"}), api.CodeEmptyText, "text"},
		{"invisible edit", "PATCH", "/v1/messages/" + m.ID, body(map[string]string{"text": "\u2060 \u200d"}), api.CodeEmptyText, "text"},
		{"invisible translation", "POST", "/v1/translate", body(map[string]string{"text": "\u200b", "target": "es"}), api.CodeEmptyText, "text"},
		// A control character in visible text reaches no LLM and no store.
		{"NUL in text", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "text": "hello\x00"}), api.CodeInvalidArgument, "text"},
		{"ESC in an edit", "PATCH", "/v1/messages/" + m.ID, body(map[string]string{"text": "\x1b[2Jhello"}), api.CodeInvalidArgument, "text"},
		{"NUL in a translation", "POST", "/v1/translate", body(map[string]string{"text": "hi\x00there", "target": "es"}), api.CodeInvalidArgument, "text"},
		{"NUL in a detection", "POST", "/v1/detect", body(map[string]string{"text": "hi\x00there"}), api.CodeInvalidArgument, "text"},
		{"NUL author", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "author": "ana\x00", "text": "hi"}), api.CodeInvalidArgument, "author"},
		{"ESC author", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "author": "\x1b[2Jana", "text": "hi"}), api.CodeInvalidArgument, "author"},
		{"bidi override author", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "author": "\u202eana", "text": "hi"}), api.CodeInvalidArgument, "author"},
		// Bidi overrides and embeddings show a text otherwise than every
		// check reads it; isolates must be balanced.
		{"override in text", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "text": "you are a \u202etoidi gnikcuf\u202c ok"}), api.CodeInvalidArgument, "text"},
		{"unclosed override in text", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "text": "hi \u202eereht"}), api.CodeInvalidArgument, "text"},
		{"unclosed isolate in text", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "text": "hi \u2067there"}), api.CodeInvalidArgument, "text"},
		{"override in an edit", "PATCH", "/v1/messages/" + m.ID, body(map[string]string{"text": "\u202ekcuf"}), api.CodeInvalidArgument, "text"},
		{"override in a translation", "POST", "/v1/translate", body(map[string]string{"text": "\u202etoidi gnikcuf\u202c", "target": "es"}), api.CodeInvalidArgument, "text"},
		{"embedding in a detection", "POST", "/v1/detect", body(map[string]string{"text": "\u202bhello\u202c"}), api.CodeInvalidArgument, "text"},
		// Joiners that join nothing and stacks of marks in a name.
		{"joiner between Latin letters", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "author": "a\u200db", "text": "hi"}), api.CodeInvalidArgument, "author"},
		{"Zalgo author", "POST", "/v1/messages", body(map[string]string{"conversation": "invisible", "author": "Z\u0301\u0302\u0303\u0304\u0305\u0306\u0307oe", "text": "hi"}), api.CodeInvalidArgument, "author"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, e.url+tt.path, tt.body)
			eb := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest)
			if eb.Error.Code != tt.code || eb.Error.Field != tt.field {
				t.Fatalf("error %+v, want %s on %s", eb.Error, tt.code, tt.field)
			}
		})
	}
	// Visible text among invisible characters is a message.
	if got := postMessage(t, e, "invisible", "ana", "\u200bhi\u200b"); got.Text != "\u200bhi\u200b" {
		t.Fatalf("text %q", got.Text)
	}
}

// TestMessagesAuthorNFC: an author is stored in NFC, so a retry that
// spells an accent otherwise is the same post (200, not a 409 conflict),
// and a page lists one author.
func TestMessagesAuthorNFC(t *testing.T) {
	e := startChat(t, nil)
	post := func(author string) httpResult {
		b, _ := json.Marshal(map[string]string{"conversation": "nfc", "id": "zoe-1", "author": author, "text": "hello"})
		return do(t, "POST", e.url+"/v1/messages", string(b))
	}
	first := post("Zoe\u0301")
	if m := decodeAs[api.Message](t, first, http.StatusCreated); m.Author != "Zo\u00e9" {
		t.Fatalf("author stored as %q, want NFC", m.Author)
	}
	if m := decodeAs[api.Message](t, post("Zo\u00e9"), http.StatusOK); m.Author != "Zo\u00e9" {
		t.Fatalf("retry: author %q", m.Author)
	}
}

// TestMessagesReplyTo: a reply answers an existing message of its own
// conversation that the poster can read, and not itself.
func TestMessagesReplyTo(t *testing.T) {
	e := startChatWithKeys(t, 0)
	post := func(key string, fields map[string]string) httpResult {
		b, _ := json.Marshal(fields)
		return do(t, "POST", e.url+"/v1/messages", string(b), bearer(key)...)
	}
	parent := postAs(t, e, chatAcmeKey, "thread", "hello")
	elsewhere := postAs(t, e, chatAcmeKey, "other", "hello")
	otherTenant := postAs(t, e, chatGlobexKey, "thread", "hello")
	deleted := postAs(t, e, chatAcmeKey, "thread", "oops")
	if r := do(t, "DELETE", e.url+"/v1/messages/"+deleted.ID, "", bearer(chatAcmeKey)...); r.status != http.StatusOK {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}

	refused := []struct {
		name   string
		fields map[string]string
		status int
		code   api.Code
	}{
		{"unknown message", map[string]string{"conversation": "thread", "text": "hi", "reply_to": "nope"}, 404, api.CodeNotFound},
		{"another conversation", map[string]string{"conversation": "thread", "text": "hi", "reply_to": elsewhere.ID}, 404, api.CodeNotFound},
		{"another tenant", map[string]string{"conversation": "thread", "text": "hi", "reply_to": otherTenant.ID}, 404, api.CodeNotFound},
		{"itself", map[string]string{"conversation": "thread", "id": "self1", "text": "hi", "reply_to": "self1"}, 400, api.CodeInvalidArgument},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			r := post(chatAcmeKey, tt.fields)
			eb := decodeAs[api.ErrorBody](t, r, tt.status)
			if eb.Error.Code != tt.code || eb.Error.Field != "reply_to" {
				t.Fatalf("error %+v, want %s on reply_to", eb.Error, tt.code)
			}
		})
	}
	// Nothing refused was stored.
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/thread/messages?locale=es", "", bearer(chatAcmeKey)...), 200)
	if len(page.Messages) != 2 {
		t.Fatalf("%d messages in the thread, want the parent and the deleted one", len(page.Messages))
	}

	for name, to := range map[string]string{"a message": parent.ID, "a deleted message": deleted.ID} {
		t.Run(name, func(t *testing.T) {
			got := decodeAs[api.Message](t, post(chatAcmeKey, map[string]string{"conversation": "thread", "text": "hi", "reply_to": to}), http.StatusCreated)
			if got.ReplyTo != to {
				t.Fatalf("reply_to %q, want %q", got.ReplyTo, to)
			}
		})
	}
}

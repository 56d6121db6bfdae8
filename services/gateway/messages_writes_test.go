package gateway_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// Keys of TestMessageWritesNeedTheClientRole, one per role.
const (
	roleClientKey   = "role-client-0123456789"
	roleL10nKey     = "role-l10n-0123456789ab"
	roleModKey      = "role-mod-0123456789abc"
	roleAdminKey    = "role-admin-0123456789a"
	roleClientL10n  = "role-both-0123456789ab"
	roleKeySpecTest = "writer:client:" + roleClientKey + ",lena:localization:" + roleL10nKey + ",mo:moderator:" + roleModKey +
		",ops:admin:" + roleAdminKey + ",both:client+localization:" + roleClientL10n
)

// TestMessageWritesNeedTheClientRole: posting, editing and deleting chat
// messages, and readers' feedback, take a key with the client role (admin
// holds every role); a localization or moderator key reads views, as any
// key does, and translates, but is refused (403) every chat write.
func TestMessageWritesNeedTheClientRole(t *testing.T) {
	keys, err := gateway.ParseKeys(roleKeySpecTest)
	if err != nil {
		t.Fatal(err)
	}
	e := startChatWith(t, nil, gateway.Config{Keys: keys})
	own := postAs(t, e, roleClientKey, "roles", "hello")

	tests := []struct {
		name  string
		key   string
		write bool // the key may write
	}{
		{"client", roleClientKey, true},
		{"admin", roleAdminKey, true},
		{"client and localization", roleClientL10n, true},
		{"localization", roleL10nKey, false},
		{"moderator", roleModKey, false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refused := func(r httpResult, what string) {
				t.Helper()
				eb := decodeAs[api.ErrorBody](t, r, http.StatusForbidden)
				if eb.Error.Code != api.CodeForbidden || !strings.Contains(eb.Error.Message, "client role") {
					t.Fatalf("%s: %s", what, r.body)
				}
			}
			id := fmt.Sprintf("w%d", i)
			post := do(t, "POST", e.url+"/v1/messages", `{"conversation":"roles","id":"`+id+`","text":"hello"}`, bearer(tt.key)...)
			edit := do(t, "PATCH", e.url+"/v1/messages/"+own.ID, fmt.Sprintf(`{"text":"hello %d"}`, i), bearer(tt.key)...)
			// An empty body gets past the guard to validation (400).
			feedback := do(t, "POST", e.url+"/v1/feedback", `{}`, bearer(tt.key)...)
			if tt.write {
				decodeAs[api.Message](t, post, http.StatusCreated)
				decodeAs[api.Message](t, edit, http.StatusOK)
				decodeAs[api.ErrorBody](t, feedback, http.StatusBadRequest)
				decodeAs[api.Message](t, do(t, "DELETE", e.url+"/v1/messages/"+id, "", bearer(tt.key)...), http.StatusOK)
			} else {
				refused(post, "POST")
				refused(edit, "PATCH")
				refused(feedback, "POST /v1/feedback")
				refused(do(t, "DELETE", e.url+"/v1/messages/"+own.ID, "", bearer(tt.key)...), "DELETE")
			}
			// Reads and translation stay open to every key.
			decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+own.ID+"?locale=es", "", bearer(tt.key)...), http.StatusOK)
			decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/roles/messages?locale=es", "", bearer(tt.key)...), http.StatusOK)
			decodeAs[api.View](t, do(t, "POST", e.url+"/v1/translate", `{"text":"hello","source":"en","target":"es"}`, bearer(tt.key)...), http.StatusOK)
		})
	}
	// The refused writes changed nothing.
	v := decodeAs[api.Message](t, do(t, "DELETE", e.url+"/v1/messages/"+own.ID, "", bearer(roleClientKey)...), http.StatusOK)
	if v.Revision != 4 {
		t.Fatalf("revision %d after three permitted edits, want 4", v.Revision)
	}
	// Without a key, a deployment with keys refuses writes (401).
	if r := do(t, "POST", e.url+"/v1/messages", `{"conversation":"roles","text":"hi"}`); r.status != http.StatusUnauthorized {
		t.Fatalf("POST without a key: %d %s", r.status, r.body)
	}
}

// TestMessageRetriesAreIdempotent: a post repeated with the same body (a
// retry after a lost answer) is answered 200 with the stored message and
// posts nothing; a different body with a taken id is still 409. An edit to
// the text (and source) the message has is a no-op: 200, the same
// revision, no event for readers.
func TestMessageRetriesAreIdempotent(t *testing.T) {
	e := startChat(t, nil)
	first := do(t, "POST", e.url+"/v1/messages", `{"conversation":"retry","id":"r1","author":"ana","text":"hello","source":"en"}`)
	m := decodeAs[api.Message](t, first, http.StatusCreated)
	other := postMessage(t, e, "retry", "bob", "hello", "id", "r0")

	tests := []struct {
		name, body string
		status     int
	}{
		{"the same post", `{"conversation":"retry","id":"r1","author":"ana","text":"hello","source":"en"}`, http.StatusOK},
		// The stored forms: the text as validated, the source canonical.
		{"the same post, written differently", `{"conversation":"retry","id":"r1","author":"ana","text":"hello","source":"EN"}`, http.StatusOK},
		{"another text", `{"conversation":"retry","id":"r1","author":"ana","text":"hello!","source":"en"}`, http.StatusConflict},
		{"another author", `{"conversation":"retry","id":"r1","author":"bob","text":"hello","source":"en"}`, http.StatusConflict},
		{"another source", `{"conversation":"retry","id":"r1","author":"ana","text":"hello","source":"es"}`, http.StatusConflict},
		{"no source", `{"conversation":"retry","id":"r1","author":"ana","text":"hello"}`, http.StatusConflict},
		{"another conversation", `{"conversation":"retry2","id":"r1","author":"ana","text":"hello","source":"en"}`, http.StatusConflict},
		{"a reply", `{"conversation":"retry","id":"r1","author":"ana","text":"hello","source":"en","reply_to":"` + other.ID + `"}`, http.StatusConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "POST", e.url+"/v1/messages", tt.body)
			if tt.status == http.StatusConflict {
				if eb := decodeAs[api.ErrorBody](t, r, tt.status); eb.Error.Code != api.CodeConflict || eb.Error.Field != "id" {
					t.Fatalf("error %s", r.body)
				}
				return
			}
			if got := decodeAs[api.Message](t, r, tt.status); got != m {
				t.Fatalf("answered %+v, want the stored %+v", got, m)
			}
			// The retry names the message as the first answer did.
			if loc := r.header.Get("Location"); loc == "" || loc != first.header.Get("Location") {
				t.Fatalf("Location %q, want the first answer's %q", loc, first.header.Get("Location"))
			}
		})
	}
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/retry/messages?locale=es", ""), http.StatusOK)
	if len(page.Messages) != 2 || page.LastSeq != other.Seq {
		t.Fatalf("after the retries: %d messages, last_seq %d (the last post's %d)", len(page.Messages), page.LastSeq, other.Seq)
	}

	// Edits: a reader's stream sees the real edit only.
	es := openEvents(t, e.url+"/v1/conversations/retry/events?locale=es")
	for _, body := range []string{`{"text":"hello"}`, `{"text":"hello","source":"en"}`, `{"text":"hello","source":"EN"}`} {
		if got := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/r1", body), http.StatusOK); got != m {
			t.Fatalf("no-op edit %s answered %+v, want %+v", body, got, m)
		}
	}
	edited := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/r1", `{"text":"hello again"}`), http.StatusOK)
	if edited.Revision != 2 || edited.LastSeq == m.LastSeq {
		t.Fatalf("edit %+v", edited)
	}
	if ev := es.next(t); ev.view.ID != "r1" || ev.view.Revision != 2 || ev.view.Seq != edited.LastSeq {
		t.Fatalf("first event after the edits: %+v, want the edit at %d", ev.view, edited.LastSeq)
	}
	again := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/r1", `{"text":"hello again"}`), http.StatusOK)
	if again != edited {
		t.Fatalf("repeated edit %+v, want %+v", again, edited)
	}
	// A retry of the post after the edit is no longer the same post.
	if r := do(t, "POST", e.url+"/v1/messages", `{"conversation":"retry","id":"r1","author":"ana","text":"hello","source":"en"}`); r.status != http.StatusConflict {
		t.Fatalf("post retried after an edit: %d %s", r.status, r.body)
	}
}

// TestMessageEditCorrectsSource: PATCH takes source, validated as on POST:
// a tag replaces the declared language (views translate from it), auto
// drops it (views detect), absent or empty keeps it.
func TestMessageEditCorrectsSource(t *testing.T) {
	e := startChat(t, nil)
	// English declared as Spanish: Spanish readers get it untranslated.
	m := postMessage(t, e, "src", "ana", "hello", "source", "es")
	view := func() api.MessageView {
		t.Helper()
		return decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+m.ID+"?locale=es", ""), http.StatusOK)
	}
	if v := view(); v.Status != api.StatusOriginal || v.Label != "Original (español)" {
		t.Fatalf("view of the mislabelled message: %+v", v)
	}

	edits := []struct {
		name, body string
		status     int
		code       api.Code
		source     string // the message's source after the edit
		revision   int
	}{
		{"bad source", `{"text":"hello","source":"!!"}`, 400, api.CodeInvalidLanguage, "es", 1},
		{"unknown source", `{"text":"hello","source":"xx"}`, 422, api.CodeUnsupportedLanguage, "es", 1},
		{"correct the source", `{"text":"hello","source":"en"}`, 200, "", "en", 2},
		{"empty source keeps it", `{"text":"hello there","source":""}`, 200, "", "en", 3},
		{"no source keeps it", `{"text":"hello"}`, 200, "", "en", 4},
		{"auto drops it", `{"text":"hello","source":"auto"}`, 200, "", "", 5},
		{"declare it again", `{"text":"hello","source":"EN"}`, 200, "", "en", 6},
	}
	for _, tt := range edits {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "PATCH", e.url+"/v1/messages/"+m.ID, tt.body)
			if tt.status != http.StatusOK {
				if eb := decodeAs[api.ErrorBody](t, r, tt.status); eb.Error.Code != tt.code || eb.Error.Field != "source" {
					t.Fatalf("error %s", r.body)
				}
			} else if got := decodeAs[api.Message](t, r, http.StatusOK); got.Source != tt.source || got.Revision != tt.revision {
				t.Fatalf("edited: source %q revision %d, want %q %d", got.Source, got.Revision, tt.source, tt.revision)
			}
			// The messages service's read model (what it pre-translates)
			// comes to hold the same.
			eventually(t, 5*time.Second, "the messages service's copy of the edit", func() bool {
				rec, err := client.Messages{NC: e.nc}.Get(t.Context(), m.ID)
				return err == nil && rec.Message.Source == tt.source && rec.Message.Revision == tt.revision
			})
		})
	}
	// Declared English again: Spanish readers get the translation.
	if v := view(); v.Status != api.StatusTranslated || v.Text != "hola" || v.Label != "Traducido de inglés" {
		t.Fatalf("view after the correction: %+v", v)
	}
}

// TestViewsCarryPostSeq: every view says where its message was posted
// (post_seq, the post's sequence) besides its latest change (seq), in
// single views, pages, and event streams, pre-translated or rendered on
// demand, so that a reader orders a message first seen edited where it
// belongs.
func TestViewsCarryPostSeq(t *testing.T) {
	e := startChat(t, nil)
	a := postMessage(t, e, "order", "ana", "hello")
	b := postMessage(t, e, "order", "bob", "hello")
	edited := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/"+a.ID, `{"text":"hello again"}`), http.StatusOK)
	want := map[string][2]uint64{a.ID: {a.Seq, edited.LastSeq}, b.ID: {b.Seq, b.Seq}}
	check := func(where string, v api.MessageView) {
		t.Helper()
		if w := want[v.ID]; v.PostSeq != w[0] || v.Seq != w[1] {
			t.Errorf("%s: view of %s has post_seq %d seq %d, want %d %d", where, v.ID, v.PostSeq, v.Seq, w[0], w[1])
		}
	}
	for _, m := range []api.Message{a, b} {
		check("GET", decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+m.ID+"?locale=es", ""), http.StatusOK))
		// The raw JSON names the field.
		r := do(t, "GET", e.url+"/v1/messages/"+m.ID+"?locale=de", "")
		if !strings.Contains(string(r.body), fmt.Sprintf(`"post_seq":%d`, m.Seq)) {
			t.Errorf("view JSON %s lacks post_seq", r.body)
		}
	}
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/order/messages?locale=es", ""), http.StatusOK)
	for _, v := range page.Messages {
		check("page", v)
	}
	// A replay: a comes edited, after b, with its post's place.
	replay := openEvents(t, e.url+"/v1/conversations/order/events?locale=ja&after="+fmt.Sprint(a.Seq))
	var order []string
	for range 2 {
		ev := replay.next(t)
		check("replay", ev.view)
		order = append(order, ev.view.ID)
	}
	if !slices.Equal(order, []string{b.ID, a.ID}) {
		t.Fatalf("replay order %v", order)
	}
	// Live views, pre-translated by the messages service.
	live := openEvents(t, e.url+"/v1/conversations/order/events?locale=es")
	if live.header.Get("Parley-Views") != "pretranslated" {
		t.Fatalf("Parley-Views %q", live.header.Get("Parley-Views"))
	}
	c := postMessage(t, e, "order", "cy", "hello")
	want[c.ID] = [2]uint64{c.Seq, c.Seq}
	check("live", live.next(t).view)
	edited = decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/"+b.ID, `{"text":"hello again"}`), http.StatusOK)
	want[b.ID] = [2]uint64{b.Seq, edited.LastSeq}
	check("live edit", live.next(t).view)
}

// TestNegotiatedAnswersVaryOnAcceptLanguage: an answer whose language
// Accept-Language chose (no locale, or no target) says Vary:
// Accept-Language, so that a shared cache keeps one per language; one
// whose locale or target the request named does not.
func TestNegotiatedAnswersVaryOnAcceptLanguage(t *testing.T) {
	e := startChat(t, nil)
	m := postMessage(t, e, "vary", "ana", "hello")
	spanish := []string{"Accept-Language", "es"}
	tests := []struct {
		name, method, path, body string
		header                   []string
		status                   int
		vary                     bool
	}{
		{"view by Accept-Language", "GET", "/v1/messages/" + m.ID, "", spanish, 200, true},
		{"view by locale", "GET", "/v1/messages/" + m.ID + "?locale=es", "", spanish, 200, false},
		{"view without a language", "GET", "/v1/messages/" + m.ID, "", nil, 400, true},
		{"HEAD of a view", "HEAD", "/v1/messages/" + m.ID, "", spanish, 200, true},
		{"page by Accept-Language", "GET", "/v1/conversations/vary/messages", "", spanish, 200, true},
		{"page by locale", "GET", "/v1/conversations/vary/messages?locale=es", "", nil, 200, false},
		{"translate by Accept-Language", "POST", "/v1/translate", `{"text":"hello","source":"en"}`, spanish, 200, true},
		{"translate by locale field", "POST", "/v1/translate", `{"text":"hello","source":"en","locale":"es"}`, spanish, 200, false},
		{"translate by target", "POST", "/v1/translate", `{"text":"hello","source":"en","target":"es"}`, spanish, 200, false},
		{"unsupported Accept-Language", "GET", "/v1/messages/" + m.ID, "", []string{"Accept-Language", "ko"}, 422, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, e.url+tt.path, tt.body, tt.header...)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if got := varies(r.header); got != tt.vary {
				t.Fatalf("Vary %q: varies on Accept-Language %v, want %v", r.header.Values("Vary"), got, tt.vary)
			}
		})
	}
	es := openEvents(t, e.url+"/v1/conversations/vary/events", spanish...)
	if !varies(es.header) || len(es.header.Values("Vary")) != 1 {
		t.Fatalf("event stream by Accept-Language: Vary %q", es.header.Values("Vary"))
	}
}

// varies reports whether h's Vary names Accept-Language.
func varies(h http.Header) bool {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Language") {
				return true
			}
		}
	}
	return false
}

// TestMessageRetryAfterDelete: a post retried after its message was
// deleted is a 409 that says the message was deleted, not that the stored
// one has another conversation, author or text; a live message's
// conflict still names what differs.
func TestMessageRetryAfterDelete(t *testing.T) {
	e := startChat(t, nil)
	const body = `{"conversation":"gone","id":"d1","author":"ana","text":"hello","source":"en"}`
	decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", body), http.StatusCreated)
	decodeAs[api.Message](t, do(t, "POST", e.url+"/v1/messages", `{"conversation":"gone","id":"d2","author":"ana","text":"hi"}`), http.StatusCreated)
	if r := do(t, "DELETE", e.url+"/v1/messages/d1", ""); r.status != http.StatusOK && r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	tests := []struct {
		name, body, want string
	}{
		{"the same post, deleted", body, "was deleted"},
		{"another text, deleted", `{"conversation":"gone","id":"d1","author":"ana","text":"hello!","source":"en"}`, "was deleted"},
		{"another text, live", `{"conversation":"gone","id":"d2","author":"ana","text":"hi!"}`, "another conversation, author, text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eb := decodeAs[api.ErrorBody](t, do(t, "POST", e.url+"/v1/messages", tt.body), http.StatusConflict)
			if eb.Error.Code != api.CodeConflict || eb.Error.Field != "id" || !strings.Contains(eb.Error.Message, tt.want) {
				t.Fatalf("error %+v, want a conflict on id saying %q", eb.Error, tt.want)
			}
		})
	}
}

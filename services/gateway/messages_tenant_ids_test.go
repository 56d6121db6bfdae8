package gateway_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// postWithID posts text with id to conv with key.
func postWithID(t *testing.T, e *chatEnv, key, conv, id, text string, extra ...string) httpResult {
	t.Helper()
	body := map[string]string{"conversation": conv, "id": id, "text": text}
	for i := 0; i+1 < len(extra); i += 2 {
		body[extra[i]] = extra[i+1]
	}
	b, _ := json.Marshal(body)
	return do(t, "POST", e.url+"/v1/messages", string(b), bearer(key)...)
}

// viewAs is key's view of message id in Spanish.
func viewAs(t *testing.T, url, key, id string) httpResult {
	t.Helper()
	return do(t, "GET", url+"/v1/messages/"+id+"?locale=es", "", bearer(key)...)
}

// TestMessagesIDsPerTenant: message ids are unique per tenant. One tenant
// taking an id first neither blocks another tenant's post of it (over
// HTTP or on NATS) nor tells that tenant it exists (404, never 409), and
// reads, edits, replies, pages and cached views are each tenant's own; a
// gateway that starts later (its read model rebuilt from the stream)
// agrees.
func TestMessagesIDsPerTenant(t *testing.T) {
	e := startChatWithKeys(t, 0)
	// acme squats the id globex is about to use.
	if r := postWithID(t, e, chatAcmeKey, "squat", "order-1001", "hello"); r.status != http.StatusCreated {
		t.Fatalf("acme's post: %d %s", r.status, r.body)
	}
	// acme's view is rendered (and cached) first: globex must not get it.
	if v := decodeAs[api.MessageView](t, viewAs(t, e.url, chatAcmeKey, "order-1001"), 200); v.Text != "hola" || v.Conversation != "squat" {
		t.Fatalf("acme's view %+v", v)
	}
	if r := do(t, "GET", e.url+"/v1/messages/order-1001?locale=es", "", bearer(chatGlobexKey)...); r.status != http.StatusNotFound {
		t.Fatalf("globex reads acme's order-1001: %d %s", r.status, r.body)
	}
	r := postWithID(t, e, chatGlobexKey, "support", "order-1001", "hello again")
	globex := decodeAs[api.Message](t, r, http.StatusCreated)
	if globex.Tenant != "globex" || globex.Conversation != "support" || globex.Text != "hello again" {
		t.Fatalf("globex's post %+v", globex)
	}
	// A tenant's own id is still taken.
	if r := postWithID(t, e, chatGlobexKey, "support", "order-1001", "hello"); r.status != http.StatusConflict {
		t.Fatalf("globex's second post of its id: %d %s", r.status, r.body)
	}

	// globex's back end publishes on NATS an id acme holds.
	if r := postWithID(t, e, chatAcmeKey, "squat", "order-2002", "hello"); r.status != http.StatusCreated {
		t.Fatalf("acme's post: %d %s", r.status, r.body)
	}
	if err := e.nc.Publish(api.ChatSubject("support"), []byte(`{"op":"post","id":"order-2002","tenant":"globex","text":"hello"}`)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := viewAs(t, e.url, chatGlobexKey, "order-2002")
		if r.status == 200 {
			if v := decodeAs[api.MessageView](t, r, 200); v.Conversation != "support" || v.Text != "hola" {
				t.Fatalf("globex's order-2002: %+v", v)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("globex's message published on NATS is not readable: %d %s", r.status, r.body)
		}
		time.Sleep(20 * time.Millisecond)
	}

	// Each tenant's edit and reply is about its own message.
	edited := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/order-1001", `{"text":"hello"}`, bearer(chatGlobexKey)...), 200)
	if edited.Revision != 2 || edited.Tenant != "globex" || edited.Seq != globex.Seq {
		t.Fatalf("globex's edit %+v", edited)
	}
	if r := postWithID(t, e, chatGlobexKey, "support", "reply-1", "hello", "reply_to", "order-1001"); r.status != http.StatusCreated {
		t.Fatalf("globex replies to its order-1001: %d %s", r.status, r.body)
	}
	if r := postWithID(t, e, chatAcmeKey, "support", "reply-2", "hello", "reply_to", "order-1001"); r.status != http.StatusNotFound {
		t.Fatalf("acme replies in support to order-1001 (its own is in squat): %d %s", r.status, r.body)
	}

	check := func(name, url string) {
		t.Helper()
		for _, tt := range []struct {
			key, id, conv, text string
			revision            int
		}{
			{chatAcmeKey, "order-1001", "squat", "hola", 1},
			{chatGlobexKey, "order-1001", "support", "hola", 2},
			{chatAcmeKey, "order-2002", "squat", "hola", 1},
			{chatGlobexKey, "order-2002", "support", "hola", 1},
		} {
			v := decodeAs[api.MessageView](t, viewAs(t, url, tt.key, tt.id), 200)
			if v.Conversation != tt.conv || v.Text != tt.text || v.Revision != tt.revision {
				t.Errorf("%s: %s of %s: %+v", name, tt.id, tt.key[:4], v)
			}
		}
		if r := viewAs(t, url, chatPlainKey, "order-1001"); r.status != http.StatusNotFound {
			t.Errorf("%s: a tenant-less key reads order-1001: %d", name, r.status)
		}
		page := decodeAs[api.MessagePage](t, do(t, "GET", url+"/v1/conversations/support/messages?locale=es&before=order-2002", "", bearer(chatGlobexKey)...), 200)
		if len(page.Messages) != 1 || page.Messages[0].ID != "order-1001" || page.Messages[0].Revision != 2 {
			t.Errorf("%s: globex's page before order-2002: %+v", name, page.Messages)
		}
		if r := do(t, "GET", url+"/v1/conversations/squat/messages?locale=es&before=reply-1", "", bearer(chatAcmeKey)...); r.status != http.StatusNotFound {
			t.Errorf("%s: acme pages before globex's reply-1: %d", name, r.status)
		}
	}
	check("running", e.url)

	// Another gateway on the same NATS rebuilds its read model from the
	// stream.
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Keys: keys, Timeout: 20 * time.Second}, e.nc, reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	check("restarted", ts.URL)

	// Deletes last: acme's delete leaves globex's message of the id alone.
	if r := do(t, "DELETE", e.url+"/v1/messages/order-1001", "", bearer(chatAcmeKey)...); r.status != 200 {
		t.Fatalf("acme's delete: %d %s", r.status, r.body)
	}
	if v := decodeAs[api.MessageView](t, viewAs(t, e.url, chatGlobexKey, "order-1001"), 200); v.Status == api.StatusDeleted {
		t.Fatalf("acme's delete deleted globex's message: %+v", v)
	}
}

// TestConversationEventsIDsPerTenant: two tenants' readers of one
// conversation each get their own tenant's message of a shared id, with
// its own sequence, live and pre-translated.
func TestConversationEventsIDsPerTenant(t *testing.T) {
	e := startChatWithKeys(t, 0)
	url := e.url + "/v1/conversations/shared-ids/events?locale=es"
	acme := openEvents(t, url, bearer(chatAcmeKey)...)
	globex := openEvents(t, url, bearer(chatGlobexKey)...)
	a := decodeAs[api.Message](t, postWithID(t, e, chatAcmeKey, "shared-ids", "dup", "hello"), http.StatusCreated)
	if ev := acme.next(t); ev.view.ID != "dup" || ev.view.Text != "hola" || ev.id != fmt.Sprint(a.Seq) {
		t.Fatalf("acme's event %+v, want its dup at %d", ev, a.Seq)
	}
	g := decodeAs[api.Message](t, postWithID(t, e, chatGlobexKey, "shared-ids", "dup", "hello again"), http.StatusCreated)
	if ev := globex.next(t); ev.view.ID != "dup" || ev.view.Text != "hola otra vez" || ev.id != fmt.Sprint(g.Seq) {
		t.Fatalf("globex's event %+v, want its dup at %d", ev, g.Seq)
	}
	// acme's next event is its next message, not globex's dup.
	next := decodeAs[api.Message](t, postWithID(t, e, chatAcmeKey, "shared-ids", "next", "hello"), http.StatusCreated)
	if ev := acme.next(t); ev.view.ID != "next" || ev.id != fmt.Sprint(next.Seq) {
		t.Fatalf("acme's event %+v, want its next at %d", ev, next.Seq)
	}
}

// TestMessagesContextPerTenant: conversation ids are shared by all
// tenants, but the translation context of a message is its tenant's
// messages only.
func TestMessagesContextPerTenant(t *testing.T) {
	e := startChatWithKeys(t, 0)
	postAs(t, e, chatAcmeKey, "ctx", "hello")
	postAs(t, e, chatGlobexKey, "ctx", "globex's private words")
	m := postAs(t, e, chatAcmeKey, "ctx", "hello again")
	decodeAs[api.MessageView](t, viewAs(t, e.url, chatAcmeKey, m.ID), 200)
	var texts []string
	for _, c := range e.contextOf("hello again") {
		texts = append(texts, c.Text)
	}
	if strings.Join(texts, "|") != "hello" {
		t.Fatalf("context of acme's message: %q, want acme's earlier message only", texts)
	}
}

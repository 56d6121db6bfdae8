package gateway_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// startChatWithKeysEnv is startChatWithKeys with the messages service's
// environment.
func startChatWithKeysEnv(t *testing.T, env map[string]string) *chatEnv {
	t.Helper()
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	return startChatWith(t, env, gateway.Config{Keys: keys})
}

// TestTenantsDoNotEvictEachOther: the stream keeps
// MESSAGES_MAX_PER_CONVERSATION events per subject, and each tenant's
// events of a conversation have a subject of their own: another tenant
// posting to a conversation of the same id never evicts a tenant's
// messages (it did: acme's messages were gone after globex's 20 posts).
func TestTenantsDoNotEvictEachOther(t *testing.T) {
	e := startChatWithKeysEnv(t, map[string]string{"MESSAGES_MAX_PER_CONVERSATION": "20"})
	for i := 1; i <= 3; i++ {
		if r := postWithID(t, e, chatAcmeKey, "general", fmt.Sprintf("acme-%d", i), "hello"); r.status != http.StatusCreated {
			t.Fatalf("acme's post: %d %s", r.status, r.body)
		}
	}
	for i := 1; i <= 40; i++ {
		if r := postWithID(t, e, chatGlobexKey, "general", fmt.Sprintf("globex-%d", i), "hello"); r.status != http.StatusCreated {
			t.Fatalf("globex's post: %d %s", r.status, r.body)
		}
	}
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/general/messages?locale=es", "", bearer(chatAcmeKey)...), 200)
	if len(page.Messages) != 3 || page.Messages[0].ID != "acme-1" {
		t.Fatalf("acme's page after globex's posts: %+v", page.Messages)
	}
	if r := viewAs(t, e.url, chatAcmeKey, "acme-1"); r.status != http.StatusOK {
		t.Fatalf("acme-1 after globex's posts: %d %s", r.status, r.body)
	}
	// globex's own retention is as before: its last 20 events.
	page = decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/general/messages?locale=es&limit=200", "", bearer(chatGlobexKey)...), 200)
	if len(page.Messages) != 20 || page.Messages[0].ID != "globex-21" {
		t.Fatalf("globex's page: %d messages from %+v", len(page.Messages), page.Messages[0])
	}
}

// TestTenantShareOfTheChatStream: one tenant cannot fill the chat stream
// (MESSAGES_MAX_BYTES, which then refuses every tenant's writes): past
// MESSAGES_MAX_BYTES_PER_TENANT its posts and edits are refused before
// anything is published, 429 rate_limited with Retry-After in the one
// error shape, while other tenants, keys without a tenant and its own
// deletes go on, and /readyz does not call the store full.
func TestTenantShareOfTheChatStream(t *testing.T) {
	e := startChatWithKeysEnv(t, map[string]string{"MESSAGES_MAX_BYTES_PER_TENANT": "65536"})
	big := strings.Repeat("x", 8000)
	var refused httpResult
	for i := 0; ; i++ {
		if i == 20 {
			t.Fatal("20 posts of 8000 characters stored in a 64 KiB share")
		}
		r := postWithID(t, e, chatAcmeKey, fmt.Sprintf("room-%d", i), fmt.Sprintf("m%d", i), big)
		if r.status != http.StatusCreated {
			refused = r
			break
		}
	}
	check := func(r httpResult) {
		t.Helper()
		eb := decodeAs[api.ErrorBody](t, r, http.StatusTooManyRequests)
		if eb.Error.Code != api.CodeRateLimited || !strings.Contains(eb.Error.Message, "share of the message store is full") ||
			r.header.Get("Retry-After") != strconv.Itoa(natsutil.StorageRetryAfter) {
			t.Fatalf("refusal %s, Retry-After %q", r.body, r.header.Get("Retry-After"))
		}
	}
	check(refused)
	check(do(t, "PATCH", e.url+"/v1/messages/m0", fmt.Sprintf(`{"text":%q}`, big+"y"), bearer(chatAcmeKey)...))
	if r := do(t, "DELETE", e.url+"/v1/messages/m0", "", bearer(chatAcmeKey)...); r.status != http.StatusOK {
		t.Fatalf("acme's delete at its bound: %d %s", r.status, r.body)
	}
	for name, key := range map[string]string{"globex": chatGlobexKey, "a key without a tenant": chatPlainKey} {
		if r := postWithID(t, e, key, "room-0", "other", big); r.status != http.StatusCreated {
			t.Fatalf("%s's post while acme is at its bound: %d %s", name, r.status, r.body)
		}
	}
	var ready gateway.ReadyStatus
	if err := json.Unmarshal(do(t, "GET", e.url+"/readyz", "").body, &ready); err != nil || ready.Storage != "ok" {
		t.Fatalf("readyz %+v %v; a tenant's bound is not the store's", ready, err)
	}
}

// TestLegacyChatEventsAfterUpgrade: events stored on the legacy subject
// form (a stream of an earlier version, or a back end that still
// publishes there) are read over HTTP as the tenant they carry, in
// single views, pages and event stream replays, and are edited and
// deleted as any; a gateway that opens a stream whose subjects an
// earlier version set adds the tenant subjects in place, and posts.
func TestLegacyChatEventsAfterUpgrade(t *testing.T) {
	e := startChatWithKeysEnv(t, nil)
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{`{"op":"post","id":"old-1","tenant":"acme","text":"hello"}`, `{"op":"post","id":"old-2","text":"hello"}`} {
		if _, err := js.Publish(t.Context(), api.ChatSubject("general"), []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	page := func(url, key string) []string {
		t.Helper()
		p := decodeAs[api.MessagePage](t, do(t, "GET", url+"/v1/conversations/general/messages?locale=es", "", bearer(key)...), 200)
		var ids []string
		for _, v := range p.Messages {
			ids = append(ids, v.ID)
		}
		return ids
	}
	if got := page(e.url, chatAcmeKey); !slices.Equal(got, []string{"old-1"}) {
		t.Fatalf("acme's page %v", got)
	}
	if got := page(e.url, chatPlainKey); !slices.Equal(got, []string{"old-2"}) {
		t.Fatalf("the tenant-less page %v", got)
	}
	if v := decodeAs[api.MessageView](t, viewAs(t, e.url, chatAcmeKey, "old-1"), 200); v.Text != "hola" {
		t.Fatalf("acme's old-1 %+v", v)
	}
	es := openEvents(t, e.url+"/v1/conversations/general/events?locale=es&after=0", bearer(chatAcmeKey)...)
	if ev := es.next(t); ev.event != "view" || ev.view.ID != "old-1" || ev.view.Text != "hola" {
		t.Fatalf("replay %+v", ev)
	}
	es.close()
	edited := decodeAs[api.Message](t, do(t, "PATCH", e.url+"/v1/messages/old-1", `{"text":"hello there"}`, bearer(chatAcmeKey)...), 200)
	if edited.Revision != 2 || edited.Tenant != "acme" {
		t.Fatalf("old-1 edited %+v", edited)
	}
	if r := do(t, "DELETE", e.url+"/v1/messages/old-2", "", bearer(chatPlainKey)...); r.status != http.StatusOK {
		t.Fatalf("old-2 deleted: %d %s", r.status, r.body)
	}

	// An earlier version's service set the stream's subjects back to the
	// legacy form; a gateway of this version opens it, and posts.
	st, err := js.Stream(t.Context(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	cfg := st.CachedInfo().Config
	cfg.Subjects = []string{api.SubjectChatAll}
	if _, err := js.UpdateStream(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	keys, err := gateway.ParseKeys(chatKeySet)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Keys: keys, Timeout: 20 * time.Second}, e.nc, reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = gw.Close() })
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)
	if r := postWithID(t, &chatEnv{url: ts.URL}, chatAcmeKey, "general", "new-1", "hello"); r.status != http.StatusCreated {
		t.Fatalf("post through a gateway that opened a legacy stream: %d %s", r.status, r.body)
	}
	if got := page(ts.URL, chatAcmeKey); !slices.Equal(got, []string{"old-1", "new-1"}) {
		t.Fatalf("acme's page on the new gateway %v", got)
	}
	if st, err = js.Stream(t.Context(), api.StreamChat); err != nil || !slices.Contains(st.CachedInfo().Config.Subjects, api.SubjectChatTenantAll) {
		t.Fatalf("subjects %v %v", st.CachedInfo().Config.Subjects, err)
	}
}

package messages_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/svcmain"
)

// tenantPage is the ids of tenant's messages in conv, oldest first.
func tenantPage(t *testing.T, l *messages.Log, conv, tenant string) []string {
	t.Helper()
	page, _, _, err := l.Page(conv, messages.Key{Tenant: tenant}, 200, func(m *api.Message) bool { return m.Tenant == tenant })
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range page {
		ids = append(ids, m.ID)
	}
	return ids
}

func ids(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("%s-%d", prefix, i))
	}
	return out
}

// TestLogTenantsHaveTheirOwnRetention: the stream keeps
// MESSAGES_MAX_PER_CONVERSATION events per subject, and a tenant's events
// of a conversation have a subject of their own, so another tenant
// posting to a conversation of the same id never evicts them (acme's
// messages were gone after globex's 20 posts); each keeps its own last
// events, in the running read model and in one opened later alike.
func TestLogTenantsHaveTheirOwnRetention(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_PER_CONVERSATION": "20"})
	l := openLog(t, js)
	for _, id := range ids("acme", 1, 3) {
		publish(t, js, "general", api.MessageEvent{ID: id, Text: "hello", Tenant: "acme"})
	}
	var last uint64
	for _, id := range ids("globex", 1, 25) {
		last = publish(t, js, "general", api.MessageEvent{ID: id, Text: "hello", Tenant: "globex"})
	}
	check := func(name string, l *messages.Log) {
		t.Helper()
		if err := l.Wait(t.Context(), last); err != nil {
			t.Fatal(err)
		}
		if got := tenantPage(t, l, "general", "acme"); !slices.Equal(got, ids("acme", 1, 3)) {
			t.Errorf("%s: acme's page %v after globex's posts", name, got)
		}
		if _, ok := l.Get("acme", "acme-1"); !ok {
			t.Errorf("%s: acme-1 is gone", name)
		}
		if got := tenantPage(t, l, "general", "globex"); !slices.Equal(got, ids("globex", 6, 25)) {
			t.Errorf("%s: globex's page %v, want its last 20", name, got)
		}
	}
	check("running", l)
	check("restarted", openLog(t, js))
	st, err := js.Stream(t.Context(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	for tenant, n := range map[string]uint64{"acme": 3, "globex": 20} {
		info, err := st.Info(t.Context(), jetstream.WithSubjectFilter(api.TenantChatSubject(tenant, "general")))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.State.Subjects[api.TenantChatSubject(tenant, "general")]; got != n {
			t.Errorf("%s's subject holds %d events, want %d (subjects %v)", tenant, got, n, info.State.Subjects)
		}
	}
}

// TestLogReadsTheSubjectsTenant: an event on a tenant's subject is that
// tenant's (a back end need not repeat the tenant in the body), one that
// names another tenant is skipped, saying why, and one on a subject no
// tenant has (a token ChatTenantToken does not make) is skipped; events
// on the legacy subject are the tenant they carry.
func TestLogReadsTheSubjectsTenant(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	raw := func(subject, body string) uint64 {
		t.Helper()
		ack, err := js.Publish(t.Context(), subject, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Wait(t.Context(), ack.Sequence); err != nil {
			t.Fatal(err)
		}
		return ack.Sequence
	}
	tests := []struct {
		name, subject, body string
		tenant, id          string // the message it makes; "" id: skipped
		skipField           string
	}{
		{"tenant subject, no tenant in the body", api.TenantChatSubject("acme", "c"), `{"id":"a1","text":"hello"}`, "acme", "a1", ""},
		{"tenant subject, its tenant in the body", api.TenantChatSubject("acme", "c"), `{"id":"a2","text":"hello","tenant":"acme"}`, "acme", "a2", ""},
		{"tenant subject, another tenant in the body", api.TenantChatSubject("acme", "c"), `{"id":"g1","text":"hello","tenant":"globex"}`, "", "", "tenant"},
		{"tenant-less subject, a tenant in the body", api.TenantChatSubject("", "c"), `{"id":"a3","text":"hello","tenant":"acme"}`, "", "", "tenant"},
		{"tenant-less subject", api.TenantChatSubject("", "c"), `{"id":"n1","text":"hello"}`, "", "n1", ""},
		{"legacy subject, a tenant in the body", api.ChatSubject("c"), `{"id":"a4","text":"hello","tenant":"acme"}`, "acme", "a4", ""},
		{"legacy subject, no tenant", api.ChatSubject("c"), `{"id":"n2","text":"hello"}`, "", "n2", ""},
		{"no tenant's token", "parley.chat.v1.c.messages.tYWNtZR", `{"id":"a5","text":"hello"}`, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seq := raw(tc.subject, tc.body)
			if tc.id != "" {
				m, ok := l.Get(tc.tenant, tc.id)
				if !ok || m.Tenant != tc.tenant || m.Conversation != "c" || m.Seq != seq {
					t.Fatalf("%s of %q: %+v %v", tc.id, tc.tenant, m, ok)
				}
				return
			}
			var ev api.MessageEvent
			if err := json.Unmarshal([]byte(tc.body), &ev); err != nil {
				t.Fatal(err)
			}
			for _, tenant := range []string{"", "acme", "globex"} {
				if m, ok := l.Get(tenant, ev.ID); ok {
					t.Fatalf("skipped event made %+v", m)
				}
			}
			var ae *api.Error
			if tc.skipField != "" && (!errors.As(l.Skipped(seq), &ae) || ae.Field != tc.skipField) {
				t.Fatalf("skipped for %v, want an error on %s", l.Skipped(seq), tc.skipField)
			}
		})
	}
}

// TestChatStreamUpgradeFromLegacySubjects: a chat stream created by an
// earlier version (one subject per conversation, shared by all tenants)
// keeps working: the service extends its subjects in place, the events
// stored on the old form are read (the tenant they carry, edits and
// de-duplication ids included), new events go on tenant subjects and
// change old messages, back ends' events on the old form are still read
// and pre-translated, another tenant's posts evict none of it, and a
// read model opened later agrees.
func TestChatStreamUpgradeFromLegacySubjects(t *testing.T) {
	ctx := t.Context()
	nc := natstest.Conn(t, natstest.RunServer(t))
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	// As the earlier version created the stream, and published on it.
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: api.StreamChat, Subjects: []string{api.SubjectChatAll},
		MaxMsgsPerSubject: 20, Discard: jetstream.DiscardNew, Storage: jetstream.FileStorage, Duplicates: 2 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	old := func(ev api.MessageEvent, opts ...jetstream.PublishOpt) uint64 {
		t.Helper()
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := js.Publish(ctx, api.ChatSubject("general"), b, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return ack.Sequence
	}
	at := time.Now().UTC().Truncate(time.Second)
	old1 := old(api.MessageEvent{Op: api.OpPost, ID: "old-1", Text: "hello", Tenant: "acme"},
		jetstream.WithMsgID(messages.DedupID("general", "acme", "old-1")))
	old(api.MessageEvent{Op: api.OpPost, ID: "old-2", Text: "hello", Tenant: "globex"},
		jetstream.WithMsgID(messages.DedupID("general", "globex", "old-2")))
	old(api.MessageEvent{Op: api.OpPost, ID: "old-3", Text: "hello"}, jetstream.WithMsgID(messages.DedupID("general", "", "old-3")))
	old(messages.EditEvent(api.Message{ID: "old-1", Conversation: "general", Tenant: "acme", Seq: old1, Revision: 1, CreatedAt: at}, "hello there"))

	stop, err := messages.Start(ctx, svcmain.Deps{
		NC: nc, Env: config.NewReader(config.Map(map[string]string{"MESSAGES_MAX_PER_CONVERSATION": "20"})),
		Registry: prometheus.NewRegistry(), Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	st, err := js.Stream(ctx, api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	if cfg := st.CachedInfo().Config; !slices.Contains(cfg.Subjects, api.SubjectChatAll) || !slices.Contains(cfg.Subjects, api.SubjectChatTenantAll) {
		t.Fatalf("subjects after the upgrade %v", cfg.Subjects)
	}
	invalidated := fakeServices(t, nc)
	l := openLog(t, js)
	if err := l.Wait(ctx, 0); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ tenant, id, text string }{
		{"acme", "old-1", "hello there"}, {"globex", "old-2", "hello"}, {"", "old-3", "hello"},
	} {
		if m, ok := l.Get(tt.tenant, tt.id); !ok || m.Text != tt.text || m.Conversation != "general" {
			t.Fatalf("%s's %s after the upgrade: %+v %v", tt.tenant, tt.id, m, ok)
		}
	}
	// A retry of a post the earlier version stored is still the stored
	// post: the de-duplication id did not change.
	var dup *messages.DuplicateError
	if _, err := messages.Publish(ctx, js, "general", api.MessageEvent{ID: "old-1", Text: "hello", Tenant: "acme"}); !errors.As(err, &dup) || dup.Seq != old1 {
		t.Fatalf("old-1 posted again: %v, want the duplicate of %d", err, old1)
	}
	// New events go on acme's subject, and change its old messages.
	publish(t, js, "general", api.MessageEvent{ID: "new-1", Text: "hello", Tenant: "acme"})
	m, _ := l.Get("acme", "old-1")
	edited := publish(t, js, "general", messages.EditEvent(m, "hello"))
	if err := l.Wait(ctx, edited); err != nil {
		t.Fatal(err)
	}
	if m, _ := l.Get("acme", "old-1"); m.Revision != 3 || m.Text != "hello" {
		t.Fatalf("old-1 edited after the upgrade: %+v", m)
	}
	if msg, err := st.GetLastMsgForSubject(ctx, api.TenantChatSubject("acme", "general")); err != nil || msg.Sequence != edited {
		t.Fatalf("acme's subject's last event: %v %v, want the edit at %d", msg, err, edited)
	}
	select {
	case <-invalidated:
	case <-time.After(20 * time.Second):
		t.Fatal("the edit of an old message was not pre-translated")
	}

	// A back end still publishing on the old form, and one publishing on
	// the tenant's subject without the tenant: both read, and
	// pre-translated for acme's readers.
	p, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	if ok, err := p.Register(ctx, "acme", "general", "es"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	sub, err := nc.SubscribeSync(api.ViewsSubject("acme", "general", "es"))
	if err != nil {
		t.Fatal(err)
	}
	// globex's readers of the same conversation id and locale get none
	// of acme's views.
	other, err := nc.SubscribeSync(api.ViewsSubject("globex", "general", "es"))
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	backEnd := old(api.MessageEvent{ID: "old-4", Text: "hello", Tenant: "acme"})
	ack, err := js.Publish(ctx, api.TenantChatSubject("acme", "general"), []byte(`{"id":"new-2","text":"hello"}`))
	if err != nil {
		t.Fatal(err)
	}
	// The workers publish in whatever order they finish. The events
	// published above (new-1, the edit of old-1) may still be
	// pre-translated after the reader registered (a worker reads the
	// readers when it runs): those views are right too, and are not the
	// two awaited here.
	views := map[uint64]api.MessageView{}
	for len(views) < 2 {
		msg, err := sub.NextMsg(20 * time.Second)
		if err != nil {
			t.Fatalf("views so far %+v: %v", views, err)
		}
		var v api.MessageView
		if err := json.Unmarshal(msg.Data, &v); err != nil {
			t.Fatal(err)
		}
		if v.ID != "old-4" && v.ID != "new-2" {
			continue
		}
		views[v.Seq] = v
	}
	for id, seq := range map[string]uint64{"old-4": backEnd, "new-2": ack.Sequence} {
		if v := views[seq]; v.ID != id || v.Text != "hola" {
			t.Fatalf("view of %s at %d: %+v (all %+v)", id, seq, v, views)
		}
	}
	if n, _, err := other.Pending(); err != nil || n != 0 {
		t.Fatalf("globex's subscription got %d of acme's views (%v)", n, err)
	}

	// globex fills its own subject of the conversation: nothing of acme's
	// goes, old or new.
	var last uint64
	for _, id := range ids("globex", 1, 25) {
		last = publish(t, js, "general", api.MessageEvent{ID: id, Text: "hello", Tenant: "globex"})
	}
	for name, l := range map[string]*messages.Log{"running": l, "restarted": openLog(t, js)} {
		if err := l.Wait(ctx, last); err != nil {
			t.Fatal(err)
		}
		if got, want := tenantPage(t, l, "general", "acme"), []string{"old-1", "new-1", "old-4", "new-2"}; !slices.Equal(got, want) {
			t.Errorf("%s: acme's page %v, want %v", name, got, want)
		}
		if got := tenantPage(t, l, "general", ""); !slices.Equal(got, []string{"old-3"}) {
			t.Errorf("%s: the tenant-less page %v", name, got)
		}
		if got := tenantPage(t, l, "general", "globex"); len(got) != 21 || got[0] != "old-2" {
			t.Errorf("%s: globex's page %v, want old-2 and its last 20", name, got)
		}
	}
}

// TestEnsureSubjectsExtendsInPlace: a gateway that opens a stream of an
// earlier version adds the tenant subjects and changes nothing else.
func TestEnsureSubjectsExtendsInPlace(t *testing.T) {
	ctx := t.Context()
	js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
	if err != nil {
		t.Fatal(err)
	}
	st, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: api.StreamChat, Subjects: []string{api.SubjectChatAll},
		MaxMsgsPerSubject: 500, MaxBytes: 8 << 20, Discard: jetstream.DiscardNew, Metadata: map[string]string{"parley_flagged": "mask"}})
	if err != nil {
		t.Fatal(err)
	}
	before := st.CachedInfo().Config
	for range 2 {
		if st, err = messages.EnsureSubjects(ctx, js, st); err != nil {
			t.Fatal(err)
		}
	}
	after := st.CachedInfo().Config
	if !slices.Equal(after.Subjects, api.ChatSubjects()) {
		t.Fatalf("subjects %v, want %v", after.Subjects, api.ChatSubjects())
	}
	after.Subjects = before.Subjects
	if after.MaxMsgsPerSubject != before.MaxMsgsPerSubject || after.MaxBytes != before.MaxBytes ||
		after.Discard != before.Discard || after.Metadata["parley_flagged"] != "mask" {
		t.Fatalf("config changed beyond the subjects:\nbefore %+v\nafter  %+v", before, after)
	}
	if _, err := messages.Publish(ctx, js, "room", api.MessageEvent{Text: "hello", Tenant: "acme"}); err != nil {
		t.Fatal(err)
	}
}

func TestMaxBytesPerTenantFromEnv(t *testing.T) {
	tests := []struct {
		value, maxBytes string
		want            int64
		wantErr         bool
	}{
		{"", "", messages.DefaultMaxBytes / 4, false},
		{"", "4194304", 1 << 20, false},
		{"65536", "", 64 << 10, false},
		{"1000", "", messages.DefaultMaxBytes / 4, true},
		{"1GB", "", messages.DefaultMaxBytes / 4, true},
	}
	for _, tc := range tests {
		t.Run(tc.value+"/"+tc.maxBytes, func(t *testing.T) {
			r := config.NewReader(config.Map(map[string]string{"MESSAGES_MAX_BYTES_PER_TENANT": tc.value, "MESSAGES_MAX_BYTES": tc.maxBytes}))
			cfg := messages.ConfigFromEnv(r)
			if (r.Err() != nil) != tc.wantErr {
				t.Errorf("err %v", r.Err())
			}
			if got := messages.StreamConfig(cfg).Metadata["parley_max_bytes_per_tenant"]; got != fmt.Sprint(tc.want) {
				t.Errorf("per-tenant bound %s, want %d", got, tc.want)
			}
		})
	}
}

// TestAdmitBoundsATenantsShare: a tenant's posts and edits past its share
// of the stream (MESSAGES_MAX_BYTES_PER_TENANT) are refused before they
// are published, 429 with a Retry-After, saying so; other tenants, the
// messages without a tenant and the tenant's deletes are not; a post whose
// subject is at MESSAGES_MAX_PER_CONVERSATION makes the stream drop that
// subject's oldest event, and fits when that frees enough. The read model
// counts the bytes as the stream does.
func TestAdmitBoundsATenantsShare(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_BYTES_PER_TENANT": "65536", "MESSAGES_MAX_PER_CONVERSATION": "3"})
	l := openLog(t, js)
	ctx := t.Context()
	if got := l.Settings().MaxBytesPerTenant; got != 64<<10 {
		t.Fatalf("per-tenant bound %d", got)
	}
	big := strings.Repeat("x", 8000)
	post := func(conv string, ev api.MessageEvent) error {
		t.Helper()
		if err := l.Admit(conv, ev); err != nil {
			return err
		}
		if err := l.Wait(ctx, publish(t, js, conv, ev)); err != nil {
			t.Fatal(err)
		}
		return nil
	}
	// A conversation whose subject is full: one big event, then small.
	for i, text := range []string{big, "hi", "hi"} {
		if err := post("full", api.MessageEvent{ID: fmt.Sprintf("full-%d", i), Text: text, Tenant: "acme"}); err != nil {
			t.Fatal(err)
		}
	}
	var refused error
	n := 0
	for ; n < 20; n++ {
		if refused = post(fmt.Sprintf("room-%d", n), api.MessageEvent{ID: fmt.Sprintf("m%d", n), Text: big, Tenant: "acme"}); refused != nil {
			break
		}
	}
	var ae *api.Error
	if !errors.As(refused, &ae) || ae.Code != api.CodeRateLimited || ae.RetryAfter != natsutil.StorageRetryAfter ||
		!strings.Contains(ae.Message, "share of the message store is full") {
		t.Fatalf("after %d posts: %v (%#v); want rate_limited, Retry-After %d, saying the share is full", n, refused, ae, natsutil.StorageRetryAfter)
	}
	held := l.TenantBytes("acme")
	if held > 64<<10 || held < 64<<10-2*8200 || n < 5 {
		t.Fatalf("acme holds %d bytes after %d posts", held, n)
	}
	st, err := js.Stream(ctx, api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if uint64(held) != info.State.Bytes {
		t.Errorf("the read model counts %d bytes, the stream %d", held, info.State.Bytes)
	}
	m, _ := l.Get("acme", "m0")
	for _, tc := range []struct {
		name string
		conv string
		ev   api.MessageEvent
		ok   bool
	}{
		{"an edit", "room-0", messages.EditEvent(m, big+"y"), false},
		{"a delete", "room-0", messages.DeleteEvent(m), true},
		{"another tenant's post", "room-0", api.MessageEvent{ID: "g1", Text: big, Tenant: "globex"}, true},
		{"a post without a tenant", "room-0", api.MessageEvent{ID: "n1", Text: big}, true},
		{"a post that drops its subject's oldest, big event", "full", api.MessageEvent{ID: "full-3", Text: big, Tenant: "acme"}, true},
	} {
		if err := l.Admit(tc.conv, tc.ev); (err == nil) != tc.ok {
			t.Errorf("%s: %v, want admitted %v", tc.name, err, tc.ok)
		}
	}
	if err := post("full", api.MessageEvent{ID: "full-3", Text: big, Tenant: "acme"}); err != nil {
		t.Fatal(err)
	}
	if got := l.TenantBytes("acme"); got > 64<<10 {
		t.Fatalf("acme holds %d bytes after the post that dropped its oldest", got)
	}
	if _, ok := l.Get("acme", "full-0"); ok {
		t.Fatal("full-0 is still there: the stream dropped it")
	}
}

package messages_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
)

// rawPublish publishes an event as a chat back end does on NATS: no
// de-duplication id, whatever the event holds.
func rawPublish(t *testing.T, js jetstream.JetStream, conv string, ev any) uint64 {
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

// TestLogIDsArePerTenant: message ids are unique per tenant. Another
// tenant's message of the same id neither blocks a post (through the
// gateway's Publish, whose de-duplication id is per tenant, or on NATS)
// nor is read, edited or deleted in its place; a restarted read model
// holds both.
func TestLogIDsArePerTenant(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	// A read model that never catches up fails the test rather than
	// hanging it.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// acme squats beta's id; beta posts it anyway, through Publish in
	// the same conversation and on NATS in another.
	publish(t, js, "support", api.MessageEvent{ID: "order-1001", Text: "squatted", Tenant: "acme"})
	publish(t, js, "support", api.MessageEvent{ID: "order-1001", Text: "beta real message", Tenant: "beta"})
	publish(t, js, "squat", api.MessageEvent{ID: "order-2002", Text: "squatted too", Tenant: "acme"})
	posted := rawPublish(t, js, "support", api.MessageEvent{Op: api.OpPost, ID: "order-2002", Text: "beta from its back end", Tenant: "beta"})
	// A tenant's own duplicate is still one.
	if _, err := messages.Publish(ctx, js, "support", api.MessageEvent{ID: "order-1001", Text: "again", Tenant: "beta"}); api.ErrorCode(err) != api.CodeConflict {
		t.Fatalf("beta's second post of its id: %v, want a conflict", err)
	}
	// Each tenant edits its own message of the id.
	if err := l.Wait(ctx, posted); err != nil {
		t.Fatal(err)
	}
	beta, ok := l.Get("beta", "order-1001")
	if !ok {
		t.Fatal("beta's order-1001 was not stored")
	}
	last := publish(t, js, "support", messages.EditEvent(beta, "beta, edited"))
	if err := l.Wait(ctx, last); err != nil {
		t.Fatal(err)
	}

	want := map[messages.Key]string{
		{Tenant: "acme", ID: "order-1001"}: "squatted",
		{Tenant: "beta", ID: "order-1001"}: "beta, edited",
		{Tenant: "acme", ID: "order-2002"}: "squatted too",
		{Tenant: "beta", ID: "order-2002"}: "beta from its back end",
	}
	check := func(name string, l *messages.Log) {
		t.Helper()
		if err := l.Wait(ctx, last); err != nil {
			t.Fatal(err)
		}
		for k, text := range want {
			if m, ok := l.Get(k.Tenant, k.ID); !ok || m.Text != text || m.Tenant != k.Tenant {
				t.Errorf("%s: %+v is %+v (%v), want %q", name, k, m, ok, text)
			}
		}
		if _, ok := l.Get("", "order-1001"); ok {
			t.Errorf("%s: a tenant-less caller finds a tenant's message", name)
		}
		// A page cursor is the reader's tenant's message.
		ofBeta := func(m *api.Message) bool { return m.Tenant == "beta" }
		page, _, _, err := l.Page("support", messages.Key{Tenant: "beta", ID: "order-2002"}, 10, ofBeta)
		if err != nil || len(page) != 1 || page[0].Text != "beta, edited" {
			t.Errorf("%s: beta's page before its order-2002: %+v %v", name, page, err)
		}
	}
	check("running", l)
	check("restarted", openLog(t, js))
}

// TestLogLegacyEventsKeepTheirMessages: events stored before ids were per
// tenant keep naming the messages they named: an edit or a delete without
// tenant and state (a back end's) applies to the conversation's only
// message of its id, whatever its tenant; when two tenants now have that
// id there, it is ambiguous and skipped.
func TestLogLegacyEventsKeepTheirMessages(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	rawPublish(t, js, "c", api.MessageEvent{ID: "m1", Text: "one", Tenant: "t1"})
	rawPublish(t, js, "c", api.MessageEvent{Op: api.OpEdit, ID: "m1", Text: "one, edited by a back end"})
	rawPublish(t, js, "c", api.MessageEvent{ID: "m2", Text: "two", Tenant: "t1"})
	rawPublish(t, js, "c", api.MessageEvent{ID: "m2", Text: "two of t2", Tenant: "t2"})
	last := rawPublish(t, js, "c", api.MessageEvent{Op: api.OpDelete, ID: "m2"})
	for _, l := range []*messages.Log{l, openLog(t, js)} {
		if err := l.Wait(context.Background(), last); err != nil {
			t.Fatal(err)
		}
		if m, _ := l.Get("t1", "m1"); m.Text != "one, edited by a back end" || m.Revision != 2 {
			t.Fatalf("legacy edit: %+v", m)
		}
		for _, tenant := range []string{"t1", "t2"} {
			if m, ok := l.Get(tenant, "m2"); !ok || m.Deleted {
				t.Fatalf("an ambiguous legacy delete deleted %s's m2: %+v", tenant, m)
			}
		}
	}
}

// skipLog records the read model's "chat event skipped" lines.
type skipLog struct {
	mu    sync.Mutex
	lines []string
}

func (h *skipLog) Enabled(context.Context, slog.Level) bool { return true }
func (h *skipLog) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *skipLog) WithGroup(string) slog.Handler            { return h }
func (h *skipLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "chat event skipped" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "err" {
			h.mu.Lock()
			h.lines = append(h.lines, a.Value.String())
			h.mu.Unlock()
		}
		return true
	})
	return nil
}

// TestLogSaysWhyAnEditIsSkipped: an edit without a tenant of an id two
// tenants hold in the conversation is logged as ambiguous, naming the
// tenants and the fix, not as an edit of an unknown message; an id nobody
// holds is still unknown.
func TestLogSaysWhyAnEditIsSkipped(t *testing.T) {
	_, js := startService(t, nil)
	rawPublish(t, js, "support", api.MessageEvent{ID: "order-2002", Text: "acme's", Tenant: "acme"})
	rawPublish(t, js, "support", api.MessageEvent{ID: "order-2002", Text: "beta's", Tenant: "beta"})
	rawPublish(t, js, "support", api.MessageEvent{Op: api.OpEdit, ID: "order-2002", Text: "whose?"})
	rawPublish(t, js, "support", api.MessageEvent{Op: api.OpDelete, ID: "order-2002"})
	last := rawPublish(t, js, "support", api.MessageEvent{Op: api.OpEdit, ID: "nobody", Text: "no one's"})
	st, err := js.Stream(context.Background(), api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	h := &skipLog{}
	l, err := messages.OpenLog(context.Background(), st, slog.New(h))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	if err := l.Wait(context.Background(), last); err != nil {
		t.Fatal(err)
	}
	// The log line of a skipped event is written after the event is
	// applied (outside the read model's lock), so Wait may return first.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		h.mu.Lock()
		n := len(h.lines)
		h.mu.Unlock()
		if n >= 3 || time.Now().After(deadline) {
			break
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	want := []string{
		`edit of message "order-2002" is ambiguous: tenants "acme", "beta" hold a message of that id in conversation "support"; set tenant on the event`,
		`delete of message "order-2002" is ambiguous: tenants "acme", "beta" hold a message of that id in conversation "support"; set tenant on the event`,
		`edit of unknown message "nobody"`,
	}
	if strings.Join(h.lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("skipped events logged as\n%s\nwant\n%s", strings.Join(h.lines, "\n"), strings.Join(want, "\n"))
	}
}

// Generated ids (s<seq>) and reserved ids stored before the rule are
// names in their tenant's namespace: a post without an id takes its name
// from a claimant of its own tenant only.
func TestLogReservedIDsPerTenant(t *testing.T) {
	_, js := startService(t, nil)
	l := openLog(t, js)
	first := rawPublish(t, js, "c", api.MessageEvent{ID: "x", Text: "first", Tenant: "a"})
	name := messages.GeneratedID(first + 3)
	rawPublish(t, js, "c", map[string]string{"id": name, "text": "a's claimant", "tenant": "a"})
	rawPublish(t, js, "c", map[string]string{"id": name, "text": "b's claimant", "tenant": "b"})
	unnamed := rawPublish(t, js, "c", map[string]string{"text": "b's back end, without an id", "tenant": "b"})
	if unnamed != first+3 {
		t.Fatalf("the post without an id is at %d, want %d", unnamed, first+3)
	}
	for _, l := range []*messages.Log{l, openLog(t, js)} {
		if err := l.Wait(context.Background(), unnamed); err != nil {
			t.Fatal(err)
		}
		if m, ok := l.Get("a", name); !ok || m.Text != "a's claimant" {
			t.Fatalf("a's %s: %+v %v (another tenant's post took nothing of a's)", name, m, ok)
		}
		if m, ok := l.Get("b", name); !ok || m.Text != "b's back end, without an id" || m.Seq != unnamed {
			t.Fatalf("b's %s: %+v %v", name, m, ok)
		}
	}
}

// TestModeratedPerTenant: a decision about one tenant's message is not
// about another tenant's message of the same id, and decisions stored
// before ids were per tenant (keyed by the message id) keep applying and
// are carried on by the next decision.
func TestModeratedPerTenant(t *testing.T) {
	js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m, err := messages.OpenModerated(ctx, js, 1, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	hide := &api.Case{ID: "c1", Tenant: "acme", ConversationID: "room", MessageID: "m1", Decision: &api.CaseDecision{Action: api.ActionHide}}
	if _, changed, err := m.Record(ctx, hide, time.Now()); err != nil || !changed {
		t.Fatalf("record: %v %v", changed, err)
	}
	if st, _ := m.Get("acme", "m1"); st == nil || !st.Hidden {
		t.Fatalf("acme's m1: %+v", st)
	}
	if st, _ := m.Get("beta", "m1"); st != nil {
		t.Fatalf("beta's m1 took acme's decision: %+v", st)
	}
	// An entry of before: keyed by the message id.
	kv, err := js.KeyValue(ctx, api.BucketMessageModeration)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := json.Marshal(api.MessageModeration{MessageID: "m2", Conversation: "room", Tenant: "beta", Hidden: true, HiddenCase: "old", Cases: []string{"old"}})
	if _, err := kv.Put(ctx, "m2", old); err != nil {
		t.Fatal(err)
	}
	poll(t, "the legacy entry in the mirror", func() error {
		if st, _ := m.Get("beta", "m2"); st == nil || !st.Hidden {
			return fmt.Errorf("beta's m2: %+v", st)
		}
		if st, _ := m.Get("", "m2"); st != nil {
			return fmt.Errorf("the legacy entry of beta's m2 applies to the tenant-less m2")
		}
		return nil
	})
	approve := &api.Case{ID: "c2", Tenant: "beta", ConversationID: "room", MessageID: "m2", TargetLanguage: "es", MessageRevision: 1,
		Decision: &api.CaseDecision{Action: api.ActionApprove}}
	if _, changed, err := m.Record(ctx, approve, time.Now()); err != nil || !changed {
		t.Fatalf("record: %v %v", changed, err)
	}
	reopened, err := messages.OpenModerated(ctx, js, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	for name, r := range map[string]*messages.Moderated{"running": m, "reopened": reopened} {
		st, _ := r.Get("beta", "m2")
		if st == nil || !st.Hidden || !st.ApprovedIn("es", 1) || strings.Join(st.Cases, ",") != "old,c2" {
			t.Fatalf("%s: beta's m2 after a decision on top of the legacy entry: %+v", name, st)
		}
		if st, _ := r.Get("acme", "m1"); st == nil || !st.Hidden {
			t.Fatalf("%s: acme's m1: %+v", name, st)
		}
	}
	if _, err := kv.Get(ctx, messages.ModerationKey("beta", "m2")); err != nil {
		t.Fatalf("the decision is not under its tenant's key: %v", err)
	}
}

// TestPresencePerTenant: the locale cap counts each tenant's readers of a
// conversation apart, and neither registering nor listing creates a
// JetStream consumer (a flood of stream opens exhausted the server's).
func TestPresencePerTenant(t *testing.T) {
	nc, js := startService(t, map[string]string{"MESSAGES_MAX_LOCALES": "1"})
	ctx := context.Background()
	p, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	var creates atomic.Int64
	for _, subj := range []string{"$JS.API.CONSUMER.CREATE.KV_" + messages.ReadersBucket, "$JS.API.CONSUMER.CREATE.KV_" + messages.ReadersBucket + ".>"} {
		sub, err := nc.Subscribe(subj, func(*nats.Msg) { creates.Add(1) })
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = sub.Unsubscribe() })
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		tenant, locale string
		want           bool
	}{
		{"acme", "es", true},
		{"beta", "de", true}, // acme's reader takes none of beta's slots
		{"acme", "es", true}, // a refresh
		{"acme", "de", false},
		{"", "fr", true},
	} {
		if got, err := p.Register(ctx, tt.tenant, "shared", tt.locale); err != nil || got != tt.want {
			t.Fatalf("Register(%q, %s) = %v, %v; want %v", tt.tenant, tt.locale, got, err, tt.want)
		}
	}
	for tenant, want := range map[string]string{"acme": "es", "beta": "de", "": "fr", "other": ""} {
		if got, err := p.Active(ctx, tenant, "shared"); err != nil || strings.Join(got, ",") != want {
			t.Fatalf("Active(%q) = %v, %v; want %s", tenant, got, err, want)
		}
	}
	// Another process's mirror sees them after a Sync.
	q, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	if _, err := p.Register(ctx, "gamma", "shared", "ja"); err != nil {
		t.Fatal(err)
	}
	if err := q.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := q.Active(ctx, "gamma", "shared"); strings.Join(got, ",") != "ja" {
		t.Fatalf("the other mirror: %v", got)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	// Only q's own watcher was created meanwhile.
	if n := creates.Load(); n != 1 {
		t.Fatalf("%d consumers created on the readers bucket, want q's watcher only", n)
	}
}

// TestPretranslatePerTenantIDs: two tenants' messages of one id in one
// conversation are each pre-translated, into each tenant's own readers'
// locales, and the messages service's get answers each tenant's; an edit
// or a deletion invalidates the cached translations of its tenant's
// message only.
func TestPretranslatePerTenantIDs(t *testing.T) {
	nc, js := startService(t, nil)
	invalidated := fakeServices(t, nc)
	ctx := context.Background()
	p, err := messages.OpenPresence(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	for tenant, loc := range map[string]string{"acme": "es", "beta": "de"} {
		if ok, err := p.Register(ctx, tenant, "room", loc); !ok || err != nil {
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
	acme := publish(t, js, "room", api.MessageEvent{ID: "m1", Text: "hello", Tenant: "acme"})
	beta := rawPublish(t, js, "room", api.MessageEvent{ID: "m1", Text: "hello", Tenant: "beta"})
	got := map[string]api.MessageView{}
	for range 2 {
		m, err := sub.NextMsg(20 * time.Second)
		if err != nil {
			t.Fatalf("views so far %+v: %v", got, err)
		}
		var v api.MessageView
		if err := json.Unmarshal(m.Data, &v); err != nil {
			t.Fatal(err)
		}
		got[v.Locale] = v
		// Each on its tenant's subject.
		if want := api.ViewsSubject(map[string]string{"es": "acme", "de": "beta"}[v.Locale], "room", v.Locale); m.Subject != want {
			t.Errorf("%s view on %q, want %q", v.Locale, m.Subject, want)
		}
	}
	if v := got["es"]; v.ID != "m1" || v.Seq != acme || v.Text != "hola" {
		t.Fatalf("acme's reader's view %+v, want of seq %d", v, acme)
	}
	if v := got["de"]; v.ID != "m1" || v.Seq != beta || v.Text != "hallo" {
		t.Fatalf("beta's reader's view %+v, want of seq %d", v, beta)
	}
	msgs := client.Messages{NC: nc}
	for tenant, seq := range map[string]uint64{"acme": acme, "beta": beta} {
		rec, err := msgs.GetOf(ctx, tenant, "m1")
		if err != nil || rec.Message.Seq != seq || rec.Message.Tenant != tenant {
			t.Fatalf("get %s's m1: %+v %v", tenant, rec, err)
		}
	}
	if _, err := msgs.Get(ctx, "m1"); api.ErrorCode(err) != api.CodeNotFound {
		t.Fatalf("get the tenant-less m1: %v, want not found", err)
	}

	// The translate cache indexes by tenant: an invalidation without one
	// would name the translations of requests without a tenant, and one
	// of the other tenant would drop that tenant's.
	for _, tt := range []struct {
		tenant string
		ev     api.MessageEvent
	}{
		{"beta", api.MessageEvent{Op: api.OpEdit, ID: "m1", Text: "hello there", Tenant: "beta"}},
		{"acme", api.MessageEvent{Op: api.OpDelete, ID: "m1", Tenant: "acme"}},
	} {
		rawPublish(t, js, "room", tt.ev)
		select {
		case inv := <-invalidated:
			if want := (api.TranslateInvalidateRequest{ConversationID: "room", MessageID: "m1", Tenant: tt.tenant}); inv != want {
				t.Fatalf("%s of %s's m1 invalidated %+v, want %+v", tt.ev.Op, tt.tenant, inv, want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s of %s's m1 invalidated nothing", tt.ev.Op, tt.tenant)
		}
	}
}

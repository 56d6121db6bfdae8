package messages_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
)

// eventually retries check until it passes or 20 s pass (the erasure is
// the messages service's, in the background: a slow machine takes a while).
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("not erased in time: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// gone reports whether the chat stream no longer holds event seq.
func gone(t *testing.T, st jetstream.Stream, seq uint64) bool {
	t.Helper()
	_, err := st.GetMsg(context.Background(), seq)
	return errors.Is(err, jetstream.ErrMsgNotFound)
}

// A self-sufficient edit or delete (the gateway's) supersedes the events
// before it: the messages service erases them from the stream, so that no
// earlier text, nor the post's author, outlives the change there. A read
// model opened later shows the same messages, the deleted one as a
// placeholder, and counts the stream's events as the stream does.
func TestEditAndDeleteEraseSupersededEvents(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_PER_CONVERSATION": "4"})
	ctx := context.Background()
	st, err := js.Stream(ctx, api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	l := openLog(t, js)
	const conv, tenant = "c2", "t1"
	get := func(id string) api.Message {
		t.Helper()
		m, ok := l.Get(tenant, id)
		if !ok {
			t.Fatalf("%s not in the read model", id)
		}
		return m
	}
	write := func(ev api.MessageEvent) uint64 {
		t.Helper()
		seq := publish(t, js, conv, ev)
		if err := l.Wait(ctx, seq); err != nil {
			t.Fatal(err)
		}
		return seq
	}
	secret := "write to maria.garcia@example.org"
	post := write(api.MessageEvent{ID: "p1", Author: "Maria Garcia", Text: secret, Tenant: tenant})
	other := write(api.MessageEvent{ID: "p2", Author: "Bob", Text: "hello", Tenant: tenant})
	edit := write(messages.EditEvent(get("p1"), "write to me"))
	eventually(t, "the post an edit superseded", func() bool { return gone(t, st, post) })
	edit2 := write(messages.EditEvent(get("p1"), "write to me, please"))
	eventually(t, "the edit a later edit superseded", func() bool { return gone(t, st, edit) })
	del := write(messages.DeleteEvent(get("p1")))
	eventually(t, "the edit a delete superseded", func() bool { return gone(t, st, edit2) })
	if gone(t, st, other) || gone(t, st, del) {
		t.Fatal("an event nothing superseded was erased")
	}

	// Nothing of the text is left in the stream.
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 2 {
		t.Fatalf("stream holds %d events, want 2 (p2's post, p1's delete)", info.State.Msgs)
	}
	for seq := uint64(1); seq <= info.State.LastSeq; seq++ {
		if m, err := st.GetMsg(ctx, seq); err == nil && strings.Contains(string(m.Data), "maria") {
			t.Fatalf("event %d still holds the text: %s", seq, m.Data)
		}
	}

	// A read model opened now agrees with the running one: p1 is a
	// placeholder where it was posted, p2 follows.
	later := openLog(t, js)
	if err := later.Wait(ctx, del); err != nil {
		t.Fatal(err)
	}
	for _, lg := range []*messages.Log{l, later} {
		page, _, last, err := lg.Page(conv, messages.Key{}, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 2 || page[0].ID != "p1" || !page[0].Deleted || page[0].Text != "" || page[0].Seq != post || page[1].ID != "p2" || last != del {
			t.Fatalf("page after the erasure: %+v (last %d)", page, last)
		}
		if got := lg.Since(conv, other); len(got) != 1 || got[0].ID != "p1" || !got[0].Deleted {
			t.Fatalf("replay after %d: %+v", other, got)
		}
	}
	// Both count what the stream holds: with a limit of 4 per
	// conversation, three more posts keep everything.
	for _, id := range []string{"p3", "p4"} {
		write(api.MessageEvent{ID: id, Author: "Bob", Text: "hello " + id, Tenant: tenant})
	}
	if err := later.Wait(ctx, l.Applied()); err != nil {
		t.Fatal(err)
	}
	for _, lg := range []*messages.Log{l, later} {
		page, _, _, _ := lg.Page(conv, messages.Key{}, 10, nil)
		if len(page) != 4 {
			t.Fatalf("after two more posts the read model holds %d messages, want 4 (the stream drops none)", len(page))
		}
	}
	if a, b := l.TenantBytes(tenant), later.TenantBytes(tenant); a != b {
		t.Fatalf("tenant bytes: running read model %d, replayed %d", a, b)
	}
}

// An erasure (EraseEvent) blanks a placeholder's author, also of a
// message already deleted, and erases the delete that still named it.
func TestEraseBlanksAuthor(t *testing.T) {
	_, js := startService(t, nil)
	ctx := context.Background()
	st, err := js.Stream(ctx, api.StreamChat)
	if err != nil {
		t.Fatal(err)
	}
	l := openLog(t, js)
	write := func(ev api.MessageEvent) uint64 {
		t.Helper()
		seq := publish(t, js, "c", ev)
		if err := l.Wait(ctx, seq); err != nil {
			t.Fatal(err)
		}
		if err := l.Skipped(seq); err != nil {
			t.Fatal(err)
		}
		return seq
	}
	write(api.MessageEvent{ID: "m1", Author: "Maria Garcia", Text: "hi", Tenant: "t1"})
	m, _ := l.Get("t1", "m1")
	del := write(messages.DeleteEvent(m))
	m, _ = l.Get("t1", "m1")
	if m.Author != "Maria Garcia" {
		t.Fatalf("an ordinary delete keeps the author: %+v", m)
	}
	write(messages.EraseEvent(m))
	eventually(t, "the delete an erasure superseded", func() bool { return gone(t, st, del) })
	later := openLog(t, js)
	if err := later.Wait(ctx, l.Applied()); err != nil {
		t.Fatal(err)
	}
	for _, lg := range []*messages.Log{l, later} {
		if m, ok := lg.Get("t1", "m1"); !ok || !m.Deleted || m.Author != "" {
			t.Fatalf("erased message: %+v %v", m, ok)
		}
	}
}

// A deleted message's feedback is erased from the feedback stream; other
// messages' and other tenants' feedback stays.
func TestDeleteErasesFeedback(t *testing.T) {
	_, js := startService(t, nil)
	ctx := context.Background()
	fs, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: experiment.FeedbackStream, Subjects: []string{"fb.>"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range []experiment.Event{
		{Type: experiment.Feedback, Tenant: "t1", MessageID: "m1", Original: "maria.garcia@example.org", Comment: "bad"},
		{Type: experiment.Feedback, Tenant: "t1", MessageID: "m2", Original: "keep"},
		{Type: experiment.Feedback, Tenant: "t2", MessageID: "m1", Original: "keep"},
	} {
		data, _ := json.Marshal(ev)
		if _, err := js.Publish(ctx, "fb."+string(rune('a'+i)), data); err != nil {
			t.Fatal(err)
		}
	}
	l := openLog(t, js)
	seq := publish(t, js, "c", api.MessageEvent{ID: "m1", Author: "ana", Text: "hi", Tenant: "t1"})
	if err := l.Wait(ctx, seq); err != nil {
		t.Fatal(err)
	}
	m, _ := l.Get("t1", "m1")
	publish(t, js, "c", messages.DeleteEvent(m))
	eventually(t, "the deleted message's feedback", func() bool { return gone(t, fs, 1) })
	info, err := fs.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 2 {
		t.Fatalf("feedback stream holds %d events, want 2", info.State.Msgs)
	}
}

package messages_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
)

// chatLog drives one conversation's events through a Log, as the gateway
// does (edits and deletes are self-sufficient), and checks that a Log
// opened later on the same stream holds exactly the same messages.
type chatLog struct {
	t    *testing.T
	js   jetstream.JetStream
	l    *messages.Log
	conv string
	last uint64
}

func (c *chatLog) wait(seq uint64) {
	c.t.Helper()
	c.last = seq
	if err := c.l.Wait(context.Background(), seq); err != nil {
		c.t.Fatal(err)
	}
}

func (c *chatLog) post(id string) {
	c.t.Helper()
	c.wait(publish(c.t, c.js, c.conv, api.MessageEvent{ID: id, Author: "ana", Text: id, Source: "en", ReplyTo: "r0", Tenant: "t1"}))
}

// get finds a message of the posts' tenant, t1, or one published without
// a tenant (raw events).
func (c *chatLog) get(id string) (api.Message, bool) {
	if m, ok := c.l.Get("t1", id); ok {
		return m, true
	}
	return c.l.Get("", id)
}

func (c *chatLog) message(id string) api.Message {
	c.t.Helper()
	m, ok := c.get(id)
	if !ok {
		c.t.Fatalf("no message %q", id)
	}
	return m
}

func (c *chatLog) edit(id, text string) {
	c.t.Helper()
	m := c.message(id)
	c.wait(publish(c.t, c.js, c.conv, messages.EditEvent(m, text)))
	c.erased(m.LastSeq)
}

func (c *chatLog) delete(id string) {
	c.t.Helper()
	m := c.message(id)
	c.wait(publish(c.t, c.js, c.conv, messages.DeleteEvent(m)))
	c.erased(m.LastSeq)
}

// erased waits until the messages service has erased the event a
// self-sufficient edit or delete superseded (the message's only event
// before it): until then the stream still counts it against
// MaxMsgsPerSubject, which the read model no longer does.
func (c *chatLog) erased(seq uint64) {
	c.t.Helper()
	st, err := c.js.Stream(context.Background(), api.StreamChat)
	if err != nil {
		c.t.Fatal(err)
	}
	eventually(c.t, fmt.Sprintf("event %d", seq), func() bool { return gone(c.t, st, seq) })
}

func (c *chatLog) page(l *messages.Log) []api.Message {
	c.t.Helper()
	page, _, _, err := l.Page(c.conv, messages.Key{}, 200, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return page
}

// agree checks that the running Log holds want, and that a Log opened now,
// which replays only what the stream kept, holds the same messages.
func (c *chatLog) agree(want ...string) []api.Message {
	c.t.Helper()
	running := c.page(c.l)
	var ids []string
	for _, m := range running {
		ids = append(ids, m.ID)
	}
	if !slices.Equal(ids, want) {
		c.t.Fatalf("running read model holds %v, want %v", ids, want)
	}
	restarted := openLog(c.t, c.js)
	if err := restarted.Wait(context.Background(), c.last); err != nil {
		c.t.Fatal(err)
	}
	if replayed := c.page(restarted); !reflect.DeepEqual(running, replayed) {
		c.t.Fatalf("a restarted read model disagrees:\nrunning   %+v\nrestarted %+v", running, replayed)
	}
	return running
}

func (c *chatLog) gone(ids ...string) {
	c.t.Helper()
	for _, id := range ids {
		if _, ok := c.get(id); ok {
			c.t.Fatalf("%s is still in the read model, but the stream dropped it", id)
		}
	}
}

// The stream counts events, edits and deletes included (a self-sufficient
// edit or delete replaces the events before it, which are erased); the
// read model drops exactly the messages whose anchor (latest
// self-sufficient event) the stream dropped, so a restart changes nothing.
func TestLogRetentionAgreesAfterRestart(t *testing.T) {
	_, js := startService(t, map[string]string{"MESSAGES_MAX_PER_CONVERSATION": "5"})
	c := &chatLog{t: t, js: js, l: openLog(t, js), conv: "c"}

	c.post("r1")
	c.post("r2")
	c.post("r3")
	for i := 2; i <= 5; i++ {
		c.edit("r3", fmt.Sprintf("r3 v%d", i))
	}
	// Each edit replaces the one before (the post, then each edit, is
	// erased): three events are kept, so nothing is dropped.
	c.agree("r1", "r2", "r3")

	// Seven events: r1's and r2's posts are gone from the stream, so
	// they go from the running read model too. r3's post is gone (it was
	// erased), but its latest edit carries the whole message: a restarted
	// read model rebuilds it from the edit.
	for _, id := range []string{"r4", "r5", "r6", "r7"} {
		c.post(id)
	}
	page := c.agree("r3", "r4", "r5", "r6", "r7")
	c.gone("r1", "r2")
	if r3 := page[0]; r3.Text != "r3 v5" || r3.Revision != 5 || r3.Seq != 3 || r3.Author != "ana" || r3.Tenant != "t1" || r3.Source != "en" || r3.ReplyTo != "r0" || r3.EditedAt.IsZero() {
		t.Fatalf("r3 after its post was dropped: %+v", r3)
	}

	// A delete carries the message too, and replaces its post: r4 keeps
	// its place, deleted. The stream drops its oldest event for the
	// delete before the post is erased: r3's last edit, and r3 with it.
	c.delete("r4")
	c.agree("r4", "r5", "r6", "r7")
	c.gone("r3")
	for _, id := range []string{"r8", "r9", "r10", "r11"} {
		c.post(id)
	}
	page = c.agree("r4", "r8", "r9", "r10", "r11")
	if r4 := page[0]; !r4.Deleted || r4.Text != "" || r4.Seq >= page[1].Seq {
		t.Fatalf("r4 after its post was dropped: %+v", r4)
	}

	// An edit without the state (a back end's, on NATS, for the tenant:
	// on its subject) changes a message but does not keep it: when r8's
	// post goes, r8 goes, and an edit whose message is gone is skipped
	// alike on every replica.
	c.wait(publish(t, js, c.conv, api.MessageEvent{Op: api.OpEdit, ID: "r8", Text: "r8 edited", Tenant: "t1"}))
	c.agree("r8", "r9", "r10", "r11") // r4's delete was dropped
	c.post("r12")
	c.agree("r9", "r10", "r11", "r12")
	c.gone("r4", "r8")
}

// A message the stream accepted without an id is named by its sequence,
// and no id a client chose can take that name from it.
func TestLogGeneratedIDsAreNeverTaken(t *testing.T) {
	_, js := startService(t, nil)
	c := &chatLog{t: t, js: js, l: openLog(t, js), conv: "coll"}
	raw := func(body string) uint64 {
		t.Helper()
		ack, err := js.Publish(context.Background(), api.ChatSubject(c.conv), []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		c.wait(ack.Sequence)
		return ack.Sequence
	}
	c.post("a1")
	// Posts stored before such ids were reserved (CheckEvent refuses them
	// now): one took the name of the next sequence, one the name of an
	// earlier one, one the name of a sequence that will not be a post
	// without an id.
	next := messages.GeneratedID(c.last + 2)
	raw(`{"id":"` + next + `","text":"a client's message"}`)
	backEnd := raw(`{"text":"Message published on NATS by a chat back end"}`)
	if messages.GeneratedID(backEnd) != next {
		t.Fatalf("the back end's post is at %d, not %s", backEnd, next)
	}
	earlier := messages.GeneratedID(1)
	raw(`{"id":"` + earlier + `","text":"named after an earlier sequence"}`)
	later := messages.GeneratedID(c.last + 3)
	raw(`{"id":"` + later + `","text":"named after a later sequence"}`)
	c.post("a2")
	c.post("a3") // at the sequence `later` names, with an id of its own
	unnamed := raw(`{"text":"another back end message"}`)

	if m := c.message(next); m.Text != "Message published on NATS by a chat back end" || m.Seq != backEnd {
		t.Fatalf("%s is %+v, want the back end's message", next, m)
	}
	// Only the post that took the back end's name yielded.
	c.agree("a1", next, earlier, later, "a2", "a3", messages.GeneratedID(unnamed))
}

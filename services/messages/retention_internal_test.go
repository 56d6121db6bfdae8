package messages

import (
	"encoding/json"
	"log/slog"
	"reflect"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// event is a chat event as the stream delivers it: its sequence, its
// stream time and its body.
type event struct {
	seq uint64
	at  time.Time
	ev  api.MessageEvent
}

// record applies a checked event at seq as Publish would have published
// it: on its tenant's subject of conv. Caller holds l.mu.
func (l *Log) record(conv string, seq uint64, ts time.Time, ev *api.MessageEvent) (*api.Message, error) {
	subject := api.TenantChatSubject(ev.Tenant, conv)
	data, err := json.Marshal(ev)
	if err != nil {
		return nil, err
	}
	return l.recordEvent(conv, subject, kept{seq: seq, at: ts, tenant: ev.Tenant, size: storedSize(subject, nil, len(data))}, ev)
}

func replay(t *testing.T, maxPer int, maxAge time.Duration, events []event) *Log {
	t.Helper()
	l := &Log{
		log: slog.New(slog.DiscardHandler), byID: map[Key]*api.Message{}, anchors: map[Key]anchor{},
		convs: map[string][]*api.Message{}, window: map[string][]kept{}, held: map[string]int64{}, maxPer: maxPer, maxAge: maxAge,
	}
	for _, e := range events {
		ev := e.ev
		if err := checkEvent(&ev, false); err != nil {
			t.Fatal(err)
		}
		l.mu.Lock()
		_, _ = l.record("c", e.seq, e.at, &ev)
		l.mu.Unlock()
	}
	return l
}

// The age limit counts from a message's latest self-sufficient event, as
// the stream's MaxAge counts from each event: a message edited through the
// gateway outlives its post, and one edited only by bare events does not.
// A read model that swept and one that replays what the stream kept agree.
func TestExpireKeepsWhatTheStreamKeeps(t *testing.T) {
	now := time.Now()
	old, recent := now.Add(-3*time.Hour), now.Add(-30*time.Minute)
	events := []event{
		{1, old, api.MessageEvent{ID: "m1", Author: "ana", Text: "one"}},
		{2, old, api.MessageEvent{ID: "m2", Author: "bob", Text: "two"}},
		{3, recent, api.MessageEvent{Op: api.OpEdit, ID: "m1", Text: "one, edited", Author: "ana", PostSeq: 1, CreatedAt: old, Revision: 2}},
		{4, recent, api.MessageEvent{Op: api.OpEdit, ID: "m2", Text: "two, edited"}},
	}
	for _, tt := range []struct {
		name   string
		maxPer int
	}{{"age only", 0}, {"age and count", 3}} {
		t.Run(tt.name, func(t *testing.T) {
			swept := replay(t, tt.maxPer, time.Hour, events)
			swept.expire(now.Add(-time.Hour))
			if _, ok := swept.byID[Key{ID: "m2"}]; ok {
				t.Fatal("m2's last anchor (its post) expired, but m2 is still there")
			}
			if w := swept.window[api.TenantChatSubject("", "c")]; tt.maxPer > 0 && (len(w) != 2 || w[0].seq != 3) {
				t.Fatalf("window after the sweep: %+v", w)
			}
			replayed := replay(t, tt.maxPer, time.Hour, events[2:])
			if !reflect.DeepEqual(swept.convs, replayed.convs) {
				t.Fatalf("swept %+v\nreplayed %+v", swept.convs["c"], replayed.convs["c"])
			}
			// The bytes the tenant's events hold go with the events.
			if swept.held[""] != replayed.held[""] || swept.held[""] <= 0 {
				t.Fatalf("bytes held: swept %d, replayed %d", swept.held[""], replayed.held[""])
			}
			if m := swept.byID[Key{ID: "m1"}]; m == nil || m.Text != "one, edited" || m.Revision != 2 || m.Seq != 1 {
				t.Fatalf("m1: %+v", m)
			}
		})
	}
}

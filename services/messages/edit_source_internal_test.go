package messages

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// TestEditsCorrectSource: an edit may correct a message's declared
// language. A self-sufficient edit (the gateway's) carries the language
// after the edit, "" included (detect from then on); an edit without the
// state changes it only when it names one. A delete leaves it.
func TestEditsCorrectSource(t *testing.T) {
	at := time.Now()
	post := event{1, at, api.MessageEvent{ID: "m1", Author: "ana", Text: "hello", Source: "es"}}
	// state is a self-sufficient edit of m1 to source, as the gateway's.
	state := func(seq uint64, source string) event {
		return event{seq, at, api.MessageEvent{Op: api.OpEdit, ID: "m1", Text: "hello!", Author: "ana", Source: source,
			PostSeq: 1, CreatedAt: at, Revision: int(seq)}}
	}
	bare := func(seq uint64, source string) event {
		return event{seq, at, api.MessageEvent{Op: api.OpEdit, ID: "m1", Text: "hello!", Source: source}}
	}
	tests := []struct {
		name   string
		events []event
		want   string
	}{
		{"self-sufficient edit corrects it", []event{post, state(2, "en")}, "en"},
		{"self-sufficient edit without source drops it", []event{post, state(2, "")}, ""},
		// Stored before edits could change it: the message's own source.
		{"self-sufficient edit of the same source keeps it", []event{post, state(2, "es")}, "es"},
		{"bare edit with source corrects it", []event{post, bare(2, "EN")}, "en"},
		{"bare edit without source keeps it", []event{post, bare(2, "")}, "es"},
		{"bare edit with auto keeps it", []event{post, bare(2, "auto")}, "es"},
		{"later edits build on it", []event{post, state(2, "en"), bare(3, "")}, "en"},
		{"a delete leaves it", []event{post, state(2, "en"), {3, at, api.MessageEvent{Op: api.OpDelete, ID: "m1", Source: "fr"}}}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := replay(t, 0, 0, tt.events)
			m, ok := l.Get("", "m1")
			if !ok || m.Source != tt.want {
				t.Fatalf("message %+v (found %v), want source %q", m, ok, tt.want)
			}
		})
	}
	// The gateway's edit carries the message's source unless told
	// otherwise.
	if ev := EditEvent(api.Message{ID: "m1", Source: "es", Seq: 1, Revision: 1}, "x"); ev.Source != "es" || ev.PostSeq != 1 {
		t.Fatalf("EditEvent %+v", ev)
	}
}

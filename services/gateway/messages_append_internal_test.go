package gateway

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestAppendEventReportsSkippedEvents: when the read model skips the
// event a write published, the write fails with the reason, never as a
// success that returns the message unchanged: the check's own error for
// input the read model refuses (a gateway and a read model of different
// versions), a 409 for an event another write overtook (a delete between
// the gateway's look-up and its edit).
func TestAppendEventReportsSkippedEvents(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	reg := prometheus.NewRegistry()
	s := New(Config{}, nc, reg, reg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = s.Close() })
	ctx := context.Background()
	st, err := s.caughtUp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	call := func(conv string, ev api.MessageEvent) (*api.Message, error) {
		c := echo.New().NewContext(httptest.NewRequest("POST", "/", nil), httptest.NewRecorder())
		return s.appendEvent(c, st, conv, ev)
	}
	post, err := call("c", api.MessageEvent{Op: api.OpPost, ID: "m1", Text: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := call("c", api.MessageEvent{Op: api.OpPost, ID: "m2", Text: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	// Deleted behind the gateway's back, after it looked m2 up.
	if _, err := messages.Publish(ctx, st.js, "c", messages.DeleteEvent(*gone)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ev   api.MessageEvent
		code api.Code // "" for success
		text string   // of m1 afterwards
	}{
		// Unchecked (CheckEvent would refuse it): what a read model with
		// stricter rules than the gateway's would skip.
		{"edit the read model refuses", messages.EditEvent(*post, strings.Repeat("a", api.MaxTextRunes+1)), api.CodeTextTooLong, "hello"},
		{"edit of a message deleted meanwhile", messages.EditEvent(*gone, "hello there"), api.CodeConflict, "hello"},
		{"edit", messages.EditEvent(*post, "hello there"), "", "hello there"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := call("c", tt.ev)
			switch {
			case tt.code == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.code != "" && api.ErrorCode(err) != tt.code:
				t.Fatalf("got %+v, %v; want %s", m, err, tt.code)
			case tt.code != "" && api.AsError(err).Status() >= 500:
				t.Fatalf("status %d: the client's write is no server error", api.AsError(err).Status())
			}
			if got, _ := st.log.Get("", "m1"); got.Text != tt.text {
				t.Fatalf("m1 holds %.20q, want %q", got.Text, tt.text)
			}
		})
	}
}

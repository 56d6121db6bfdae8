package jsstore_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestIntakeAckWait: a flagged view whose intake takes longer than the
// intake's AckWait is handed out once, since the replica reports progress;
// one whose replica never answers (it died with the delivery) is handed
// out again after the AckWait, to another replica.
func TestIntakeAckWait(t *testing.T) {
	// Heartbeats every 2/3 s leave a stalled goroutine 4/3 s of slack.
	const ackWait = 2 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ns := natstest.RunServer(t)
	open := func(nc *nats.Conn) *jsstore.Store {
		s, err := jsstore.Open(ctx, nc, jsstore.Config{IntakeAckWait: ackWait})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}
	flag := func(msg string) {
		f := &api.FlaggedView{Tenant: "acme", ConversationID: "c1", MessageID: msg, Text: "x",
			View: api.View{Text: "y", TargetLanguage: "es"}}
		if err := (client.Moderation{NC: natstest.Conn(t, ns)}).Flagged(ctx, f); err != nil {
			t.Fatal(err)
		}
	}

	// Slow: 2.5 AckWaits of work, then 1.5 more to show no second delivery.
	a := open(natstest.Conn(t, ns))
	var calls atomic.Int32
	done := make(chan struct{})
	cons, err := a.Consume("slow", func(ctx context.Context, f *api.FlaggedView) error {
		if calls.Add(1) == 1 {
			time.Sleep(5 * ackWait / 2)
			close(done)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	flag("m1")
	<-done
	time.Sleep(3 * ackWait / 2)
	cons.Stop()
	if n := calls.Load(); n != 1 {
		t.Fatalf("a slow intake was handed out %d times, want once", n)
	}

	// Lost: the first replica takes the view and dies (its connection
	// closes) before it answers.
	dying := natstest.Conn(t, ns)
	b, c := open(dying), open(natstest.Conn(t, ns))
	taken := make(chan struct{})
	var once sync.Once
	hung, err := b.Consume("lost", func(ctx context.Context, f *api.FlaggedView) error {
		once.Do(func() { close(taken) })
		<-ctx.Done()
		return ctx.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer hung.Stop()
	flag("m2")
	<-taken
	dying.Close()
	start := time.Now()
	got := make(chan string, 1)
	other, err := c.Consume("lost", func(ctx context.Context, f *api.FlaggedView) error {
		got <- f.MessageID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Stop()
	select {
	case id := <-got:
		t.Logf("handed out again after %s", time.Since(start).Round(10*time.Millisecond))
		if id != "m2" {
			t.Fatalf("got %s", id)
		}
	case <-ctx.Done():
		t.Fatal("a view whose replica never answered was not handed out again")
	}
}

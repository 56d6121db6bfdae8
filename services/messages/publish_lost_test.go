package messages_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// TestPublishGivesUpWhenTheConnectionDrops: a write waiting for the
// stream's acknowledgement when the NATS server dies gets `unavailable`
// with a Retry-After at once, saying the outcome is unknown and that a
// retry with the same id is safe, not a timeout at the end of its budget.
func TestPublishGivesUpWhenTheConnectionDrops(t *testing.T) {
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), MaxFileStore: natstest.MaxFileStore})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	// Over TCP, as a gateway is: an in-process connection does not
	// reconnect.
	nc, err := natsutil.Connect(s.ClientURL(), nil, t.Name(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := messages.EnsureStream(ctx, js, messages.Config{}); err != nil {
		t.Fatal(err)
	}
	// The write is delivered and no acknowledgement comes, as when the
	// server dies with it in flight.
	natstest.SilenceStream(t, nc, api.StreamChat)
	// The server is stopped once the write has reached it (a fixed wait
	// could stop it before the write was sent: "nothing was stored").
	sent := make(chan struct{})
	var sentOnce sync.Once
	if _, err := nc.Subscribe(api.TenantChatSubject("", "room"), func(*nats.Msg) { sentOnce.Do(func() { close(sent) }) }); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}

	type result struct {
		err  error
		took time.Duration
	}
	done := make(chan result, 1)
	go func() {
		pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		start := time.Now()
		_, err := messages.Publish(pctx, js, "room", api.MessageEvent{ID: "m1", Text: "hello"})
		done <- result{err, time.Since(start)}
	}()
	select {
	case <-sent:
	case <-time.After(20 * time.Second):
		t.Fatal("the write did not reach the server")
	}
	s.Shutdown()
	r := <-done
	var ae *api.Error
	if !errors.As(r.err, &ae) || ae.Code != api.CodeUnavailable || ae.RetryAfter <= 0 ||
		!strings.Contains(ae.Message, "may or may not be stored") || !strings.Contains(ae.Message, "same id is safe") {
		t.Fatalf("after %s: %v (%#v); want unavailable, with Retry-After, outcome unknown, retry with the same id", r.took, r.err, ae)
	}
	if r.took > 5*time.Second {
		t.Fatalf("gave up after %s; want at the connection's drop", r.took)
	}

	// Disconnected from the start: refused before anything is sent.
	_, err = messages.Publish(ctx, js, "room", api.MessageEvent{ID: "m2", Text: "hello"})
	if !errors.As(err, &ae) || ae.Code != api.CodeUnavailable || !strings.Contains(ae.Message, "nothing was stored") {
		t.Fatalf("while disconnected: %v", err)
	}
}

// TestPublishDuplicateNamesTheStoredPost: a post the stream already holds
// is a DuplicateError with the stored post's sequence (the gateway answers
// a retry with it), and a conflict to callers that look no further.
func TestPublishDuplicateNamesTheStoredPost(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := messages.EnsureStream(ctx, js, messages.Config{}); err != nil {
		t.Fatal(err)
	}
	seq, err := messages.Publish(ctx, js, "room", api.MessageEvent{ID: "m1", Text: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := messages.Publish(ctx, js, "room", api.MessageEvent{ID: "other", Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	again, err := messages.Publish(ctx, js, "room", api.MessageEvent{ID: "m1", Text: "hello"})
	var dup *messages.DuplicateError
	if !errors.As(err, &dup) || dup.Seq != seq || again != seq {
		t.Fatalf("again: %d, %v; want a duplicate of seq %d", again, err, seq)
	}
	if api.ErrorCode(err) != api.CodeConflict {
		t.Fatalf("code %s, want conflict", api.ErrorCode(err))
	}
}

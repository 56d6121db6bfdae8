package client_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
)

// blackHole joins the queue group like a replica, takes one request and
// dies with it: it leaves the group without answering, as a replica killed
// mid-request does (its connection drops, so the server forgets it).
func blackHole(t *testing.T, nc *nats.Conn, subject string, got *atomic.Int32, died chan<- struct{}) {
	t.Helper()
	var sub *nats.Subscription
	sub, err := nc.QueueSubscribe(subject, "q", func(*nats.Msg) {
		got.Add(1)
		_ = sub.Unsubscribe()
		close(died)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
}

func TestIdempotentCallSurvivesAReplicaDyingMidRequest(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	var lost atomic.Int32
	died := make(chan struct{})
	blackHole(t, natstest.Conn(t, s), api.SubjectDetect, &lost, died)
	// The healthy replica joins only once the first request is in the
	// black hole, so the first attempt is sure to be lost.
	live := natstest.Conn(t, s)
	go func() {
		<-died
		_, _ = live.QueueSubscribe(api.SubjectDetect, "q", func(m *nats.Msg) {
			b, _ := json.Marshal(api.DetectResponse{Language: "es"})
			_ = m.Respond(b)
		})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	res, err := client.Detect{NC: nc}.Detect(ctx, api.DetectRequest{Text: "hola"})
	if err != nil {
		t.Fatalf("detect: %v", err)
	}
	if res.Language != "es" || lost.Load() != 1 {
		t.Fatalf("got %+v after %d lost attempts", res, lost.Load())
	}
}

func TestWriteIsNeverResent(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	var got atomic.Int32
	svc := natstest.Conn(t, s)
	if _, err := svc.QueueSubscribe(api.SubjectGlossaryCreate, "q", func(*nats.Msg) { got.Add(1) }); err != nil {
		t.Fatal(err)
	}
	if err := svc.Flush(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := client.Glossary{NC: nc}.Create(ctx, api.GlossaryCreateRequest{})
	if api.ErrorCode(err) != api.CodeTimeout {
		t.Fatalf("err = %v, want timeout", err)
	}
	if n := got.Load(); n != 1 {
		t.Fatalf("write delivered %d times, want once", n)
	}
}

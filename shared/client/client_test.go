package client_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
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

// answerDetect is a healthy detect replica's answer.
func answerDetect(m *nats.Msg) {
	b, _ := json.Marshal(api.DetectResponse{Language: "es"})
	_ = m.Respond(b)
}

// loseFirstDetect makes the next detect request on s get lost with a
// replica (blackHole); a healthy replica joins only once it has, so that
// attempt is sure to be lost. It returns the count of lost attempts.
func loseFirstDetect(t *testing.T, s *server.Server) *atomic.Int32 {
	return loseFirstDetectFor(t, s, 0)
}

// loseFirstDetectFor is loseFirstDetect with the healthy replica joining
// gap after the lost one died, as a restarted replica does.
func loseFirstDetectFor(t *testing.T, s *server.Server, gap time.Duration) *atomic.Int32 {
	t.Helper()
	var lost atomic.Int32
	died := make(chan struct{})
	blackHole(t, natstest.Conn(t, s), api.SubjectDetect, &lost, died)
	live := natstest.Conn(t, s)
	go func() {
		<-died
		time.Sleep(gap)
		_, _ = live.QueueSubscribe(api.SubjectDetect, "q", answerDetect)
		_ = live.Flush()
	}()
	return &lost
}

func TestIdempotentCallSurvivesAReplicaDyingMidRequest(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	lost := loseFirstDetect(t, s)
	// Without a latency history the lost request is sent again at half
	// of the budget: the other half must leave a busy machine time for
	// the second attempt (2 s left it 1 s).
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
	defer cancel()
	res, err := client.Detect{NC: nc}.Detect(ctx, api.DetectRequest{Text: "hola"})
	if err != nil {
		t.Fatalf("detect: %v", err)
	}
	if res.Language != "es" || lost.Load() != 1 {
		t.Fatalf("got %+v after %d lost attempts", res, lost.Load())
	}
}

// warmDetect starts a server and gets replies to detect from a replica
// that then leaves, enough for the subject's p99: the next request has an
// early hedge point and no responder until the test adds one.
func warmDetect(t *testing.T) (*server.Server, *nats.Conn) {
	t.Helper()
	client.ForgetLatency(api.SubjectDetect)
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	wc := natstest.Conn(t, s)
	warm, err := wc.QueueSubscribe(api.SubjectDetect, "q", answerDetect)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 * client.MinLatencySamples {
		if _, err := (client.Detect{NC: nc}).Detect(t.Context(), api.DetectRequest{Text: "hola"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := warm.Unsubscribe(); err != nil {
		t.Fatal(err)
	}
	// The unsubscribe travels on its own connection: without a flush the
	// server may still count the warm replica in the group when the test's
	// request arrives on another, and answer it at once (no attempt lost).
	if err := wc.Flush(); err != nil {
		t.Fatal(err)
	}
	return s, nc
}

// A request lost with a replica is sent again at twice the subject's
// recent p99 (20 ms here), long before half of its budget (30 s).
func TestEarlyHedgeRescuesALostRequest(t *testing.T) {
	s, nc := warmDetect(t)
	lost := loseFirstDetect(t, s)
	const budget = time.Minute
	ctx, cancel := context.WithTimeout(t.Context(), budget)
	defer cancel()
	start := time.Now()
	if _, err := (client.Detect{NC: nc}).Detect(ctx, api.DetectRequest{Text: "hola"}); err != nil {
		t.Fatal(err)
	}
	// Not a speed check: before half of the budget only the early hedge
	// can have sent the request again.
	if took := time.Since(start); took >= budget/2 || lost.Load() != 1 {
		t.Fatalf("answered after %v, %d attempts lost: the early hedge did not go out", took, lost.Load())
	}
}

// An early hedge that finds no replica yet (the lost one's replacement
// is still starting) tries again shortly instead of leaving the request
// to the hedge at half of the budget.
func TestEarlyHedgeWaitsForAReplacement(t *testing.T) {
	s, nc := warmDetect(t)
	lost := loseFirstDetectFor(t, s, 60*time.Millisecond)
	const budget = time.Minute
	ctx, cancel := context.WithTimeout(t.Context(), budget)
	defer cancel()
	start := time.Now()
	if _, err := (client.Detect{NC: nc}).Detect(ctx, api.DetectRequest{Text: "hola"}); err != nil {
		t.Fatal(err)
	}
	// Not a speed check: before half of the budget only the early hedge
	// can have sent the request again.
	if took := time.Since(start); took >= budget/2 || lost.Load() != 1 {
		t.Fatalf("answered after %v, %d attempts lost: the early hedge gave up on the replacement", took, lost.Load())
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
	// The subscriber counts on its own goroutine, which a busy machine
	// may not have run yet: wait for the delivery, then check that it
	// was the only one (a resend would have gone out before Create
	// returned).
	for deadline := time.Now().Add(10 * time.Second); got.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if n := got.Load(); n != 1 {
		t.Fatalf("write delivered %d times, want once", n)
	}
}

// A request larger than the server's max_payload is the caller's fault: a
// 413, not an internal error.
func TestRequestOverMaxPayload(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	big := strings.Repeat("x", int(nc.MaxPayload())+1)
	_, err := client.Glossary{NC: nc}.Create(t.Context(), api.GlossaryCreateRequest{Message: big})
	if api.ErrorCode(err) != api.CodeBodyTooLarge {
		t.Fatalf("err = %v, want %s", err, api.CodeBodyTooLarge)
	}
}

// A service that answered lately and then has no responder for longer than
// the usual resends (220 ms; here 300 ms, as when both its replicas sat on
// a NATS node that stopped and are reconnecting to another) is waited for:
// the call succeeds once it is back. A subject that never answered is
// still reported unavailable.
func TestCallWaitsForAServiceReconnecting(t *testing.T) {
	s := natstest.RunServer(t)
	nc, svc := natstest.Conn(t, s), natstest.Conn(t, s)
	const subject = "test.client.reconnecting"
	answer := func(m *nats.Msg) { _ = m.Respond([]byte(`{}`)) }
	subscribe := func() *nats.Subscription {
		sub, err := svc.QueueSubscribe(subject, "q", answer)
		if err != nil {
			t.Error(err)
			return nil
		}
		if err := svc.Flush(); err != nil {
			t.Error(err)
		}
		return sub
	}
	sub := subscribe()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if _, err := client.Call[struct{}](ctx, nc, subject, struct{}{}); err != nil {
		t.Fatal(err)
	}
	// The replica leaves and comes back 300 ms later.
	if err := sub.Unsubscribe(); err != nil {
		t.Fatal(err)
	}
	if err := svc.Flush(); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		subscribe()
	}()
	if _, err := client.Call[struct{}](ctx, nc, subject, struct{}{}); err != nil {
		t.Fatalf("call while the service reconnects: %v", err)
	}
	if _, err := client.Call[struct{}](ctx, nc, "test.client.never-answered", struct{}{}); api.ErrorCode(err) != api.CodeUnavailable {
		t.Fatalf("a service that never answered: %v, want unavailable", err)
	}
}

// TestCallGivesUpAtOnceOnAServiceThatIsGone is the SRE's report from a
// detect outage: every quality score waited out the whole no-responder
// backoff (470 ms) before it skipped the language signal, so a quality
// replica's workers scored 17 translations a second and the pipeline's
// quality step timed out behind them. Once a call has spent its backoff,
// the next calls of the connection to the subject make one attempt
// (goneFor); the first call after the service is back answers, and the
// next outage is waited out again. Attempts are counted in the
// connection's published messages.
func TestCallGivesUpAtOnceOnAServiceThatIsGone(t *testing.T) {
	s := natstest.RunServer(t)
	nc, svc := natstest.Conn(t, s), natstest.Conn(t, s)
	const subject = "test.client.gone"
	subscribe := func() *nats.Subscription {
		sub, err := svc.QueueSubscribe(subject, "q", func(m *nats.Msg) { _ = m.Respond([]byte(`{}`)) })
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.Flush(); err != nil {
			t.Fatal(err)
		}
		return sub
	}
	leave := func(sub *nats.Subscription) {
		if err := sub.Unsubscribe(); err != nil {
			t.Fatal(err)
		}
		if err := svc.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	// call makes one call on c and returns its error code ("" for an
	// answer) and the attempts it made.
	call := func(c *nats.Conn) (api.Code, uint64) {
		before := c.Stats().OutMsgs
		_, err := client.Call[struct{}](ctx, c, subject, struct{}{})
		if err == nil {
			return "", c.Stats().OutMsgs - before
		}
		return api.ErrorCode(err), c.Stats().OutMsgs - before
	}
	sub := subscribe()
	if code, n := call(nc); code != "" || n != 1 {
		t.Fatalf("first call: %q after %d attempts", code, n)
	}
	leave(sub)
	steps := []struct {
		name     string
		c        *nats.Conn
		before   func()
		code     api.Code
		attempts uint64
	}{
		// It answered a moment ago: the reconnect backoff, 4 resends.
		{"gone: the backoff is waited out", nc, nil, api.CodeUnavailable, 5},
		{"still gone: one attempt", nc, nil, api.CodeUnavailable, 1},
		{"again: one attempt", nc, nil, api.CodeUnavailable, 1},
		{"another connection waits it out", natstest.Conn(t, s), nil, api.CodeUnavailable, 5},
		{"back: answered at once", nc, func() { sub = subscribe() }, "", 1},
		{"gone again: waited out again", nc, func() { leave(sub) }, api.CodeUnavailable, 5},
	}
	for _, st := range steps {
		if st.before != nil {
			st.before()
		}
		if code, n := call(st.c); code != st.code || n != st.attempts {
			t.Errorf("%s: %q after %d attempts, want %q after %d", st.name, code, n, st.code, st.attempts)
		}
	}
}

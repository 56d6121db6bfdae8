package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

type answer struct {
	From string `json:"from"`
}

// rejected is how many requests the named service's pool has shed.
func rejected(t *testing.T, nc *nats.Conn, name string) int64 {
	t.Helper()
	subj, _ := micro.ControlSubject(micro.StatsVerb, name, "")
	msg, err := nc.Request(subj, nil, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var stats micro.Stats
	if err := json.Unmarshal(msg.Data, &stats); err != nil || len(stats.Endpoints) == 0 {
		t.Fatalf("stats %s: %v", msg.Data, err)
	}
	var ps service.PoolStats
	if err := json.Unmarshal(stats.Endpoints[0].Data, &ps); err != nil {
		t.Fatalf("pool stats %s: %v", stats.Endpoints[0].Data, err)
	}
	return ps.Rejected
}

// A hedge that a full replica refuses (503 overloaded) must not end the
// attempt that was admitted and is still running: that attempt's answer
// is the call's. Before, the refusal cancelled it and won, so a service
// under load answered "overloaded" for requests it was working on (the
// fault-injection run: 40 admitted translations answered "overloaded" at
// half of their budget, then translated for nobody). A 4xx about the
// request itself may still win, and when every attempt fails the most
// telling failure is returned, not the refusal.
//
// Each case sends calls that a slow replica admits; at half of the budget
// their hedges reach a replica that refuses them: the same one with its
// pool full (the fault-injection run), or another one, once the slow
// replica has left the queue group as in a rolling restart (it still
// answers what it took).
func TestRefusedHedgeDoesNotEndTheRunningAttempt(t *testing.T) {
	// The budget leaves a busy machine room: the other replica must be
	// serving (and the slow one gone from the group) before the hedges
	// at budget/2, and the slow replica's answer must come back between
	// slow and the budget's end.
	const (
		calls  = 4
		budget = 4 * time.Second
		slow   = 2800 * time.Millisecond // past the hedge at budget/2
	)
	refuse := func(context.Context, []byte) (any, error) {
		return nil, api.Errorf(api.CodeOverloaded, "other is overloaded; retry later")
	}
	for i, tt := range []struct {
		name string
		// running is the slow replica's outcome after slow (after
		// the budget with never).
		running func() (any, error)
		never   bool
		// other answers the hedges; nil: they reach the slow
		// replica, whose pool is full.
		other    service.HandlerFunc
		wantCode api.Code // "" for the slow replica's answer
		// atHedge: the call ends with the hedge's reply, before the
		// slow replica's.
		atHedge bool
	}{
		{name: "the same replica is full", running: func() (any, error) { return answer{"slow"}, nil }},
		{name: "another replica is overloaded", running: func() (any, error) { return answer{"slow"}, nil }, other: refuse},
		{name: "another replica is unavailable", running: func() (any, error) { return answer{"slow"}, nil },
			other: func(context.Context, []byte) (any, error) {
				return nil, api.Errorf(api.CodeUnavailable, "other is shutting down")
			}},
		{name: "bad input is bad everywhere", running: func() (any, error) { return answer{"slow"}, nil },
			other: func(context.Context, []byte) (any, error) {
				return nil, api.FieldError(api.CodeInvalidArgument, "text", "no")
			}, wantCode: api.CodeInvalidArgument, atHedge: true},
		{name: "the running attempt fails", running: func() (any, error) {
			return nil, api.Errorf(api.CodeBackend, "the model failed")
		}, other: refuse, wantCode: api.CodeBackend},
		{name: "the running attempt runs out of time", never: true, other: refuse, wantCode: api.CodeTimeout},
	} {
		t.Run(tt.name, func(t *testing.T) {
			subject := fmt.Sprintf("test.hedge.refused.%d", i)
			client.ForgetLatency(subject) // no early hedge: only the one at budget/2
			s := natstest.RunServer(t)
			nc := natstest.Conn(t, s)
			var started atomic.Int32
			running := func(ctx context.Context, _ []byte) (any, error) {
				started.Add(1)
				wait := slow
				if tt.never {
					wait = time.Hour
				}
				select {
				case <-time.After(wait):
					return tt.running()
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}
			queue := calls
			if tt.other == nil {
				queue = 1 // the first hedge waits in it, the others are refused
			}
			slowSrv, err := service.New(natstest.Conn(t, s), service.Config{Name: "slow", Version: "1.0.0"},
				[]service.Endpoint{{Name: "e", Subject: subject, Handler: running, Workers: calls, Queue: queue}}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = slowSrv.Stop() })

			type outcome struct {
				resp *answer
				err  error
				took time.Duration
			}
			out := make(chan outcome, calls)
			for range calls {
				go func() {
					ctx, cancel := context.WithTimeout(t.Context(), budget)
					defer cancel()
					start := time.Now()
					resp, err := client.CallIdempotent[answer](ctx, nc, subject, struct{}{})
					out <- outcome{resp, err, time.Since(start)}
				}()
			}
			waitFor(t, func() bool { return started.Load() == calls })

			var refusals atomic.Int32
			var otherNC *nats.Conn
			if tt.other != nil {
				otherNC = natstest.Conn(t, s)
				h := func(ctx context.Context, data []byte) (any, error) {
					refusals.Add(1)
					return tt.other(ctx, data)
				}
				other, err := service.New(otherNC, service.Config{Name: "other", Version: "1.0.0"},
					[]service.Endpoint{{Name: "e", Subject: subject, Handler: h, Workers: 2}}, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = other.Stop() })
				// The slow replica leaves the group (it keeps the
				// requests it took), so every hedge reaches other.
				var wg sync.WaitGroup
				wg.Go(func() { _ = slowSrv.Stop() })
				t.Cleanup(wg.Wait)
			}

			for range calls {
				o := <-out
				switch {
				case tt.wantCode == "" && (o.err != nil || o.resp.From != "slow"):
					t.Errorf("after %v: %+v, %v; want the running attempt's answer", o.took, o.resp, o.err)
				case tt.wantCode != "" && api.ErrorCode(o.err) != tt.wantCode:
					t.Errorf("after %v: %+v, %v; want %s", o.took, o.resp, o.err, tt.wantCode)
				case tt.atHedge && o.took >= slow:
					t.Errorf("%v after %v: the hedge's reply, which settles the call, waited for the running attempt", o.err, o.took)
				case !tt.atHedge && o.took < budget/2:
					t.Errorf("%v after %v: ended before the hedge", o.err, o.took)
				}
			}
			// The hedges did go out and were refused: the test saw
			// the race it is about.
			if tt.other == nil {
				if n := rejected(t, nc, "slow"); n < calls-1 {
					t.Fatalf("the full replica shed %d hedges, want %d", n, calls-1)
				}
			} else if n := refusals.Load(); n != calls {
				t.Fatalf("the other replica got %d hedges, want %d", n, calls)
			}
		})
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(time.Millisecond)
	}
}

package client

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/shared/natstest"
)

func TestLatencyQuantile(t *testing.T) {
	for _, tt := range []struct {
		name    string
		samples map[time.Duration]int
		q       float64
		want    time.Duration
	}{
		{"all alike", map[time.Duration]int{time.Millisecond: 1000}, 0.99, time.Millisecond},
		{"1% slow", map[time.Duration]int{time.Millisecond: 990, 50 * time.Millisecond: 10}, 0.99, time.Millisecond},
		{"2% slow", map[time.Duration]int{time.Millisecond: 980, 50 * time.Millisecond: 20}, 0.99, 50 * time.Millisecond},
		{"median", map[time.Duration]int{100 * time.Microsecond: 600, 3 * time.Second: 400}, 0.5, 100 * time.Microsecond},
		{"below the first bucket", map[time.Duration]int{time.Microsecond: 100}, 0.99, latencyFirst},
		{"beyond the last bucket", map[time.Duration]int{24 * time.Hour: 100}, 0.99, bucketBound(latencyBuckets - 1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var l latency
			for d, n := range tt.samples {
				for range n {
					l.observe(d)
				}
			}
			got := l.quantile(tt.q)
			// A bucket spans 19%: the estimate is its upper bound.
			if got < tt.want || float64(got) > 1.19*float64(tt.want) {
				t.Errorf("q%v = %v, want %v (+19%%)", tt.q, got, tt.want)
			}
		})
	}
}

// The p99 follows a service that slows down and one that speeds up again,
// and says nothing before minLatencySamples replies.
func TestLatencyFollowsTheService(t *testing.T) {
	var l latency
	for range minLatencySamples - 1 {
		l.observe(time.Millisecond)
	}
	if d, ok := l.earlyHedge(); ok {
		t.Fatalf("early hedge at %v after %d replies", d, minLatencySamples-1)
	}
	for range 2 * latencyWindow {
		l.observe(time.Millisecond)
	}
	if d, ok := l.earlyHedge(); !ok || d != minEarlyHedge {
		t.Fatalf("fast service: early hedge at %v, %v; want the floor %v", d, ok, minEarlyHedge)
	}
	for range latencyWindow {
		l.observe(100 * time.Millisecond)
	}
	if d, _ := l.earlyHedge(); d < 200*time.Millisecond {
		t.Fatalf("slowed down: early hedge at %v, want at least twice 100ms", d)
	}
	for range 8 * latencyWindow {
		l.observe(time.Millisecond)
	}
	if d, _ := l.earlyHedge(); d != minEarlyHedge {
		t.Fatalf("fast again: early hedge at %v, want %v", d, minEarlyHedge)
	}
}

func TestHedgeCredit(t *testing.T) {
	var l latency
	if l.spend() {
		t.Fatal("spent a hedge no call earned")
	}
	for range 25 {
		l.earn()
	}
	n := 0
	for l.spend() {
		n++
	}
	if n != 2 {
		t.Fatalf("25 calls paid for %d early hedges, want 2", n)
	}
	for range 100_000 {
		l.earn()
	}
	n = 0
	for l.spend() {
		n++
	}
	if n != HedgeBurst {
		t.Fatalf("banked %d early hedges, want at most %d", n, HedgeBurst)
	}
}

type echoReply struct {
	N int `json:"n"`
}

// respond answers subject on a new connection in queue group "q" after
// delay() and counts the requests it got; it stops answering when the
// test ends or stop is called.
func respond(t *testing.T, nc *nats.Conn, subject string, delay func() time.Duration, got *atomic.Int64) (stop func()) {
	t.Helper()
	sub, err := nc.QueueSubscribe(subject, "q", func(m *nats.Msg) {
		n := got.Add(1)
		go func() {
			time.Sleep(delay())
			_ = m.Respond([]byte(`{"n":` + strconv.FormatInt(n, 10) + `}`))
		}()
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	return func() { _ = sub.Unsubscribe(); _ = nc.Flush() }
}

// A service that becomes slow for every call is not sent twice the work:
// early hedges stay within HedgeShare of the calls, and stop once the p99
// has caught up with the new latency.
func TestEarlyHedgesAreLimited(t *testing.T) {
	const subject = "test.hedge.limited"
	latencies.Delete(subject) // a fresh history, also under -count
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	var delay atomic.Int64
	var got atomic.Int64
	respond(t, natstest.Conn(t, s), subject, func() time.Duration { return time.Duration(delay.Load()) }, &got)
	calls := 0
	for range 2 * minLatencySamples {
		if _, err := CallIdempotent[echoReply](t.Context(), nc, subject, struct{}{}); err != nil {
			t.Fatal(err)
		}
		calls++
	}
	// Every reply now takes 200 ms, ten times the earliest early hedge
	// point: far enough past it that a stall of this (shared, busy)
	// machine during the fast calls, which raises their p99, still
	// leaves the slow replies late.
	const slowReply = 200 * time.Millisecond
	delay.Store(int64(slowReply))
	got.Store(0)
	const slow, parallel = 400, 40
	var wg sync.WaitGroup
	for w := range parallel {
		wg.Go(func() {
			for range slow / parallel {
				ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
				_, err := CallIdempotent[echoReply](ctx, nc, subject, struct{}{})
				cancel()
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
			}
		})
	}
	wg.Wait()
	calls += slow
	extra := got.Load() - slow
	if extra <= 0 {
		t.Fatalf("no early hedge when replies turned 10x slower than the earliest hedge point")
	}
	if limit := int64(HedgeShare * float64(calls)); extra > limit {
		t.Fatalf("%d early hedges for %d calls, more than %v of them (%d)", extra, calls, HedgeShare, limit)
	}
	if d, _ := latencyOf(subject).earlyHedge(); d < slowReply {
		t.Fatalf("early hedge point %v after %d replies of %v", d, slow, slowReply)
	}
	t.Logf("%d slow calls: %d early hedges; hedge point now %v", slow, extra, func() time.Duration { d, _ := latencyOf(subject).earlyHedge(); return d }())
}

// A service that says it is full (503) gets no early hedges for a while,
// and error replies, which come back at once, are not latency samples.
func TestOverloadPausesEarlyHedges(t *testing.T) {
	var l latency
	for range 2 * minLatencySamples {
		l.record(nats.NewMsg("x"), nil, time.Millisecond)
	}
	if _, ok := l.earlyHedge(); !ok {
		t.Fatal("no early hedge point after healthy replies")
	}
	seen := l.seen.Load()
	for _, code := range []string{"400", "500"} {
		m := nats.NewMsg("x")
		m.Header.Set(micro.ErrorCodeHeader, code)
		l.record(m, nil, time.Microsecond)
	}
	l.record(nil, nats.ErrTimeout, time.Second)
	if l.seen.Load() != seen {
		t.Fatalf("error replies and failures counted as latency samples")
	}
	if _, ok := l.earlyHedge(); !ok {
		t.Fatal("errors other than 503 paused early hedges")
	}
	full := nats.NewMsg("x")
	full.Header.Set(micro.ErrorCodeHeader, "503")
	l.record(full, nil, time.Microsecond)
	if d, ok := l.earlyHedge(); ok {
		t.Fatalf("early hedge at %v right after the service said it was full", d)
	}
	l.busyUntil.Store(time.Now().Add(-time.Second).UnixNano()) // the pause is over
	if _, ok := l.earlyHedge(); !ok {
		t.Fatal("early hedges did not resume after the pause")
	}
}

// Which outcomes of one attempt decide a hedged call, and which failure
// stands when every attempt fails.
func TestSettlesAndFailureRank(t *testing.T) {
	reply := func(code string) *nats.Msg {
		m := nats.NewMsg("x")
		if code != "" {
			m.Header.Set(micro.ErrorCodeHeader, code)
		}
		return m
	}
	for _, tt := range []struct {
		name    string
		m       *nats.Msg
		err     error
		settles bool
		rank    int
	}{
		{"answer", reply(""), nil, true, 0},
		{"bad input", reply("400"), nil, true, 0},
		{"not found", reply("404"), nil, true, 0},
		{"rate limited on one replica", reply("429"), nil, false, 4},
		{"backend failed", reply("502"), nil, false, 4},
		{"timed out at the service", reply("504"), nil, false, 4},
		{"no reply in time", nil, context.DeadlineExceeded, false, 3},
		{"overloaded", reply("503"), nil, false, 2},
		{"no responders", nil, nats.ErrNoResponders, false, 1},
		{"cancelled", nil, context.Canceled, false, 0},
		{"no budget left", nil, errNoBudget, false, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := settles(tt.m, tt.err); got != tt.settles {
				t.Errorf("settles = %v, want %v", got, tt.settles)
			}
			if !tt.settles {
				if got := failureRank(tt.m, tt.err); got != tt.rank {
					t.Errorf("failureRank = %d, want %d", got, tt.rank)
				}
			}
		})
	}
}

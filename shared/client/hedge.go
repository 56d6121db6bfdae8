package client

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
)

// Hedging: an idempotent call is sent a second time when its reply is
// late, so that a replica that died with the request, or a reply lost with
// a NATS node, costs latency and not the request. When is "late"?
//
// Half of the remaining budget is a hedge point (unless that is under
// minHedge): it needs no knowledge of the service and leaves both
// attempts time to finish. But it is slow to rescue a lost request: a
// view with a 3 s budget per step stalled for 1.5 s after a NATS node
// stopped. So a call is also hedged
// early, at a small multiple of the latency its subject has shown lately
// (the p99 of recent replies, as in Dean and Barroso's "The Tail at
// Scale"), when that comes before half of the budget. Early hedges
// are limited to a fraction of the calls (HedgeShare), so that a service
// that slows down for everyone is not sent twice the work; the late hedge
// is not limited, as before.

const (
	// HedgeShare is the largest share of a subject's calls that hedge
	// early, over time; HedgeBurst early hedges may happen back to back
	// (the requests in flight on a replica that dies).
	HedgeShare = 0.1
	HedgeBurst = 50
	// minEarlyHedge is the earliest an early hedge goes out: below it a
	// pause of the caller's own process (a garbage collection, a busy
	// core) would set hedges off for nothing.
	minEarlyHedge = 20 * time.Millisecond
	// earlyHedgeFactor times the p99 is when an early hedge goes out.
	earlyHedgeFactor = 2
	// minLatencySamples is how many replies a subject needs before its
	// p99 is used. With few replies the p99 is their maximum, which
	// errs late; but a process must hedge early soon after it starts:
	// a node can stop at any time.
	minLatencySamples = 16
)

// Latency histogram: buckets whose upper bounds grow by 2^(1/4) (19%)
// from 50 µs, up to ~24 minutes in the last.
const (
	latencyBuckets  = 100
	latencyFirst    = 50 * time.Microsecond
	latencyPerOctet = 4
	// latencyWindow is how many replies pass between two halvings of
	// every bucket: older replies weigh less and less, so the p99 follows
	// a service that slows down or speeds up.
	latencyWindow = 1024
	// p99Every is how many replies pass between two computations of the
	// p99 (a walk over the buckets); calls read the last one.
	p99Every = minLatencySamples
)

// latency is the recent reply latency of one subject, and its budget of
// early hedges. Its counters are updated without a lock: a halving that
// races an observation may lose or keep that one reply, which the
// estimate does not notice.
type latency struct {
	buckets [latencyBuckets]atomic.Int64
	seen    atomic.Int64 // replies observed, ever
	p99     atomic.Int64 // nanoseconds; 0 until minLatencySamples
	// credit is early hedges earned, in thousandths: each call earns
	// HedgeShare of one.
	credit atomic.Int64
	// busyUntil (Unix nanoseconds) ends a pause of early hedges after
	// the service said it was overloaded.
	busyUntil atomic.Int64
	// lastAnswer (Unix nanoseconds) is when a call last got a reply of
	// any kind: someone was there to answer (see reconnectBackoff).
	lastAnswer atomic.Int64
}

// answered notes that a call got a reply.
func (l *latency) answered() { l.lastAnswer.Store(time.Now().UnixNano()) }

// answeredWithin reports whether a call got a reply within d.
func (l *latency) answeredWithin(d time.Duration) bool {
	last := l.lastAnswer.Load()
	return last != 0 && time.Since(time.Unix(0, last)) < d
}

// busyPause is how long early hedges stop after a reply that says the
// service is overloaded or unavailable: a second copy of a request would
// only add to the queue that made it slow.
const busyPause = 5 * time.Second

// record takes note of a call's outcome. Only answers count towards the
// latency: an error reply (a request refused at once when the service is
// full) says nothing about how long the work takes, and counting such
// quick refusals would pull the p99 down and set off more hedges just
// when the service has no room for them. A 503 pauses early hedges.
func (l *latency) record(m *nats.Msg, err error, d time.Duration) {
	if err != nil {
		return
	}
	switch {
	case m.Header.Get(micro.ErrorCodeHeader) == "":
		l.observe(d)
	case refused(m, err):
		l.pause()
	}
}

// pause stops early hedges for busyPause.
func (l *latency) pause() { l.busyUntil.Store(time.Now().Add(busyPause).UnixNano()) }

// refused reports whether an attempt's outcome is a refusal: a 503 reply
// (overloaded, unavailable), which says that the replica it reached had
// no room for it, nothing about the request.
func refused(m *nats.Msg, err error) bool {
	return err == nil && m.Header.Get(micro.ErrorCodeHeader) == "503"
}

// settles reports whether an attempt's outcome decides a hedged call,
// whatever the other attempts would bring: an answer, or an error reply
// about the request itself (a 4xx other than 429 and 499: bad input is
// bad on every replica, so the first to say so may win). The failure of
// one attempt does not (no reply, a refusal, a 5xx, a rate limit or a
// cancellation on one replica): another attempt still running may
// succeed, and must not be cancelled for it.
func settles(m *nats.Msg, err error) bool {
	if err != nil {
		return false
	}
	code := m.Header.Get(micro.ErrorCodeHeader)
	if code == "" {
		return true
	}
	status, _ := strconv.Atoi(code)
	return status >= 400 && status < 500 && status != http.StatusTooManyRequests && status != 499
}

// failureRank orders the outcomes of failed attempts by how much they
// tell the caller about its request, for a hedged call whose every
// attempt failed: an error reply from a replica that ran the request
// (502, 504, 500 ...) says most; then running out of time, which the
// attempt that was admitted did; then a refusal, which only says that a
// copy found a replica full; then finding no responder or losing the
// connection; a cancellation or a budget spent before sending says
// least.
func failureRank(m *nats.Msg, err error) int {
	switch {
	case refused(m, err):
		return 2
	case err == nil:
		return 4
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
		return 3
	case errors.Is(err, context.Canceled), errors.Is(err, errNoBudget):
		return 0
	}
	return 1
}

// latencies holds a latency per subject. Latency belongs to the service
// behind a subject, which every connection of the process reaches alike,
// so the registry is the package's.
var latencies sync.Map // subject -> *latency

func latencyOf(subject string) *latency {
	if l, ok := latencies.Load(subject); ok {
		return l.(*latency)
	}
	l, _ := latencies.LoadOrStore(subject, new(latency))
	return l.(*latency)
}

func bucketOf(d time.Duration) int {
	if d <= latencyFirst {
		return 0
	}
	i := int(math.Ceil(latencyPerOctet * math.Log2(float64(d)/float64(latencyFirst))))
	return min(i, latencyBuckets-1)
}

// bucketBound is the upper bound of bucket i.
func bucketBound(i int) time.Duration {
	return time.Duration(float64(latencyFirst) * math.Exp2(float64(i)/latencyPerOctet))
}

// observe records the latency of a call that got a reply.
func (l *latency) observe(d time.Duration) {
	l.buckets[bucketOf(d)].Add(1)
	n := l.seen.Add(1)
	if n%latencyWindow == 0 {
		for i := range l.buckets {
			l.buckets[i].Store(l.buckets[i].Load() / 2)
		}
	}
	if n >= minLatencySamples && n%p99Every == 0 {
		l.p99.Store(int64(l.quantile(0.99)))
	}
}

// quantile is the upper bound of the bucket that holds the q quantile.
func (l *latency) quantile(q float64) time.Duration {
	var counts [latencyBuckets]int64
	var total int64
	for i := range l.buckets {
		counts[i] = l.buckets[i].Load()
		total += counts[i]
	}
	rank := int64(math.Ceil(q * float64(total)))
	var cum int64
	for i, c := range counts {
		cum += c
		if cum >= rank && c > 0 {
			return bucketBound(i)
		}
	}
	return bucketBound(latencyBuckets - 1)
}

// earlyHedge is when a call should hedge early, if the subject has shown
// enough replies to say.
func (l *latency) earlyHedge() (time.Duration, bool) {
	p99 := time.Duration(l.p99.Load())
	if p99 == 0 || time.Now().UnixNano() < l.busyUntil.Load() {
		return 0, false
	}
	return max(minEarlyHedge, earlyHedgeFactor*p99), true
}

// earn adds one call's share of an early hedge.
func (l *latency) earn() {
	const max = HedgeBurst * 1000
	if l.credit.Load() >= max {
		return
	}
	if l.credit.Add(HedgeShare*1000) > max {
		l.credit.Store(max)
	}
}

// spend takes one early hedge from the credit, if there is one.
func (l *latency) spend() bool {
	if l.credit.Add(-1000) < 0 {
		l.credit.Add(1000)
		return false
	}
	return true
}

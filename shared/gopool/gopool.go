// Package gopool runs functions on goroutines that are kept for reuse.
//
// A goroutine starts with a small stack, and the first call that goes deep
// (the JSON codecs, an HTTP client, nats.go) grows it by copying it to a
// larger one, again and again. Request paths that start a goroutine per
// request, such as a translation flight or a view's checks, pay for that
// growth on every request: in the pipeline benchmark it was about 3% of
// the CPU, plus the start of the goroutine itself. A goroutine of this
// pool that has run such a call keeps its grown stack for the next one
// (until the garbage collector shrinks a stack that stays mostly unused).
//
// Go behaves like the go statement: it never blocks and never queues; f
// runs at once, on an idle goroutine when there is one and on a new one
// otherwise. A goroutine waits IdleTimeout for more work before it exits, so an
// idle process keeps none. A panic in f crashes the process, as it would
// with the go statement.
package gopool

import (
	"sync"
	"sync/atomic"
	"time"
)

// IdleTimeout is how long a goroutine of the shared pool waits for more work
// before it exits.
const IdleTimeout = 10 * time.Second

// MaxIdle bounds the goroutines of the shared pool that wait for work; one
// that finishes while MaxIdle wait exits at once.
const MaxIdle = 1024

// shared is the pool Go uses: one for the process, so that a goroutine
// grown by one request path serves the others too.
var shared = New(IdleTimeout, MaxIdle)

// Go runs f on a goroutine of the process's pool.
func Go(f func()) { shared.Go(f) }

// Group is a sync.WaitGroup whose Go runs f on the process's pool: where
// a request fans out (a page of messages, a batch, a view's checks),
// `var wg gopool.Group` in place of `var wg sync.WaitGroup` is the whole
// change.
type Group struct {
	sync.WaitGroup
}

// Go runs f on the process's pool and counts it in g until it returns.
func (g *Group) Go(f func()) {
	g.Add(1)
	Go(func() {
		defer g.Done()
		f()
	})
}

// Pool is a set of goroutines kept for reuse.
type Pool struct {
	idleFor time.Duration
	maxIdle int32
	work    chan func()
	// idle counts the goroutines waiting for work.
	idle atomic.Int32
	// started counts the goroutines started.
	started atomic.Int64
}

// New returns a pool whose goroutines wait idleFor for more work, at most
// maxIdle of them at a time.
func New(idleFor time.Duration, maxIdle int) *Pool {
	return &Pool{idleFor: idleFor, maxIdle: int32(maxIdle), work: make(chan func())}
}

// Go runs f at once, on an idle goroutine of p or on a new one.
func (p *Pool) Go(f func()) {
	select {
	case p.work <- f:
	default:
		p.started.Add(1)
		go p.run(f)
	}
}

// Started is how many goroutines p has started.
func (p *Pool) Started() int64 { return p.started.Load() }

// Idle is how many goroutines of p wait for work.
func (p *Pool) Idle() int { return int(p.idle.Load()) }

func (p *Pool) run(f func()) {
	var t *time.Timer
	for {
		f()
		f = nil // let f's closure be collected while this waits
		if p.idle.Add(1) > p.maxIdle {
			p.idle.Add(-1)
			return
		}
		if t == nil {
			t = time.NewTimer(p.idleFor)
		} else {
			t.Reset(p.idleFor)
		}
		select {
		case f = <-p.work:
			p.idle.Add(-1)
		case <-t.C:
			// A send to work completes only when a receiver takes it, so
			// a function sent as the timer fires goes to a new goroutine
			// instead: nothing is lost.
			p.idle.Add(-1)
			return
		}
	}
}

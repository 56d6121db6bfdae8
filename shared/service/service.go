// Package service runs Parley's NATS micro services: it registers a micro
// service (discoverable through $SRV.PING/INFO/STATS, in a queue group),
// decodes JSON requests, runs handlers on a bounded worker pool with a
// bounded queue, honours the caller's deadline, and turns errors into micro
// error replies that the typed clients in package client read back. A reply
// that NATS will not carry (over the server's max_payload) is answered with
// a 413 error instead, so that no caller waits out its budget for nothing.
//
// A micro endpoint delivers its requests on one goroutine, so a handler that
// blocks (an LLM call) would serialise the whole endpoint. Each endpoint here
// hands requests to its own pool and answers 503 "overloaded" when the queue
// is full, in the manner of Ollama's scheduler, instead of letting memory
// grow. Because micro's own timing only sees the hand-off, the pool keeps
// its own statistics and reports them through the STATS data field and
// Prometheus.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	json "github.com/goccy/go-json"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/gopool"
	"github.com/parley-chat/parley/shared/telemetry"
)

// HandlerFunc handles one decoded request. A returned *api.Error is sent to
// the caller as is; any other error is logged and sent as "internal".
type HandlerFunc func(ctx context.Context, data []byte) (any, error)

// JSON adapts a typed function to a HandlerFunc, decoding the request body
// strictly enough to give a clear error for bad JSON.
//
// Requests are decoded and replies encoded with github.com/goccy/go-json:
// the encoding of encoding/json (same field rules, HTML escaping, errors)
// at about a quarter of the CPU, which every view pays on each of its hops
// (BenchmarkHopCodec). The pool's workers are long-lived, so the large
// stack go-json's encoder needs is grown once, not per request.
func JSON[Req any](fn func(ctx context.Context, req *Req) (any, error)) HandlerFunc {
	return func(ctx context.Context, data []byte) (any, error) {
		req := new(Req)
		if len(data) > 0 {
			// JSON is UTF-8 (RFC 8259); the decoder would quietly turn bad
			// bytes into U+FFFD, and the text would be translated as that.
			if !utf8.Valid(data) {
				return nil, api.Errorf(api.CodeInvalidUTF8, "request is not valid UTF-8")
			}
			if api.LoneSurrogate(data) {
				return nil, api.Errorf(api.CodeInvalidUTF8, "request escapes half of a UTF-16 surrogate pair, which is no character")
			}
			if err := json.Unmarshal(data, req); err != nil {
				return nil, api.Errorf(api.CodeInvalidJSON, "request is not valid JSON: %v", err)
			}
		}
		return fn(ctx, req)
	}
}

// Config describes a service.
type Config struct {
	Name        string
	Version     string
	Description string
	Metadata    map[string]string
	// QueueGroup defaults to micro's "q".
	QueueGroup string
	// TracerProvider starts a server span per request, continuing the
	// caller's trace from the W3C headers. Nil means the process-wide
	// provider (otel.GetTracerProvider), which svcmain sets up.
	TracerProvider trace.TracerProvider
}

// Endpoint describes one endpoint.
type Endpoint struct {
	Name    string
	Subject string
	Handler HandlerFunc
	// Workers is the number of requests handled at once (default 1: the
	// handler runs on micro's own goroutine, for fast endpoints).
	Workers int
	// Queue bounds requests waiting for a worker (default 4*Workers).
	Queue int
	// DefaultTimeout applies when the caller sent no budget.
	DefaultTimeout time.Duration
	// Detached bounds the requests whose handler called Detach and still
	// runs, each having handed its worker to the queue (default 0: Detach
	// does nothing). It bounds the goroutines and requests held while they
	// wait on something other than this process: Workers plus Detached.
	Detached int
}

// Server is a running micro service.
type Server struct {
	nc      *nats.Conn
	svc     micro.Service
	log     *slog.Logger
	metrics *Metrics
	name    string
	tracer  trace.Tracer

	mu    sync.Mutex
	pools []*pool
}

// New registers a micro service on nc with the given endpoints. Endpoints are
// subscribed before New returns and the connection is flushed, so a request
// sent after New cannot race the subscription.
func New(nc *nats.Conn, cfg Config, endpoints []Endpoint, m *Metrics, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tp := cfg.TracerProvider
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	s := &Server{nc: nc, log: log.With("svc", cfg.Name), metrics: m, name: cfg.Name,
		tracer: tp.Tracer("github.com/parley-chat/parley/shared/service")}
	mcfg := micro.Config{
		Name:        cfg.Name,
		Version:     cfg.Version,
		Description: cfg.Description,
		Metadata:    cfg.Metadata,
		QueueGroup:  cfg.QueueGroup,
		StatsHandler: func(e *micro.Endpoint) any {
			return s.poolStats(e.Name)
		},
	}
	svc, err := micro.AddService(nc, mcfg)
	if err != nil {
		return nil, fmt.Errorf("add service %s: %w", cfg.Name, err)
	}
	s.svc = svc
	// On failure, Stop ends the workers of the endpoints added so far too:
	// a caller that retries (detect's late registration) leaks none.
	for _, ep := range endpoints {
		if err := s.addEndpoint(ep); err != nil {
			_ = s.Stop()
			return nil, err
		}
	}
	if err := nc.Flush(); err != nil {
		_ = s.Stop()
		return nil, fmt.Errorf("flush after registering %s: %w", cfg.Name, err)
	}
	return s, nil
}

func (s *Server) addEndpoint(ep Endpoint) error {
	if ep.Workers <= 0 {
		ep.Workers = 1
	}
	if ep.Queue <= 0 {
		ep.Queue = 4 * ep.Workers
	}
	if ep.DefaultTimeout <= 0 {
		ep.DefaultTimeout = 10 * time.Second
	}
	p := &pool{
		srv:      s,
		ep:       ep,
		jobs:     make(chan job, ep.Queue),
		detached: make(chan struct{}, max(ep.Detached, 0)),
	}
	s.mu.Lock()
	s.pools = append(s.pools, p)
	s.mu.Unlock()
	if ep.Workers > 1 {
		for range ep.Workers {
			p.wg.Add(1)
			go p.work()
		}
	}
	// The subscription may buffer a little more than the pool's queue; past
	// that NATS reports a slow consumer instead of growing without bound.
	limit := max(1024, ep.Queue*4)
	return s.svc.AddEndpoint(ep.Name, p, micro.WithEndpointSubject(ep.Subject),
		micro.WithEndpointPendingLimits(limit, 64<<20))
}

// Stop drains the service's subscriptions, then waits for queued and running
// requests to finish (each still gets its reply).
func (s *Server) Stop() error {
	err := s.svc.Stop()
	s.mu.Lock()
	pools := s.pools
	s.mu.Unlock()
	for _, p := range pools {
		p.close()
	}
	return err
}

// Info exposes the micro service info (id, endpoints).
func (s *Server) Info() micro.Info { return s.svc.Info() }

// job is a queued request and when it arrived: the caller's budget runs
// from arrival, so time spent waiting for a worker is spent budget.
type job struct {
	r       micro.Request
	arrived time.Time
}

type pool struct {
	srv    *Server
	ep     Endpoint
	jobs   chan job
	wg     sync.WaitGroup
	closed atomic.Bool
	// detached holds a token per detached request still running.
	detached chan struct{}

	inFlight  atomic.Int64
	processed atomic.Int64
	errors    atomic.Int64
	rejected  atomic.Int64
	totalNS   atomic.Int64
}

// Handle implements micro.Handler. For a single-worker endpoint it runs the
// request inline; otherwise it queues it or rejects it when the queue is full.
func (p *pool) Handle(r micro.Request) {
	arrived := time.Now()
	if p.ep.Workers == 1 {
		p.run(job{r, arrived})
		return
	}
	if p.closed.Load() {
		ctx, _ := p.startSpan(r)
		p.reply(ctx, r, nil, api.Errorf(api.CodeUnavailable, "service is shutting down"), time.Now())
		return
	}
	select {
	case p.jobs <- job{r, arrived}:
		p.srv.metrics.queueDepth(p.srv.name, p.ep.Name, len(p.jobs))
	default:
		p.rejected.Add(1)
		ctx, _ := p.startSpan(r)
		err := api.Errorf(api.CodeOverloaded, "%s is overloaded; retry later", p.srv.name)
		err.RetryAfter = p.retryAfter()
		p.reply(ctx, r, nil, err, arrived)
	}
}

// retryAfter estimates, in whole seconds (1 to 30), how long the queue
// takes to drain: queued requests times the average handling time, shared
// by the workers. It is a hint for the caller's Retry-After header.
func (p *pool) retryAfter() int {
	n := p.processed.Load()
	if n == 0 {
		return 1
	}
	avg := time.Duration(p.totalNS.Load() / n)
	wait := avg * time.Duration(len(p.jobs)+1) / time.Duration(p.ep.Workers)
	return min(30, max(1, int((wait+time.Second-1)/time.Second)))
}

func (p *pool) work() {
	defer p.wg.Done()
	for j := range p.jobs {
		p.srv.metrics.queueDepth(p.srv.name, p.ep.Name, len(p.jobs))
		if p.run(j) {
			// A worker took this one's place when it detached.
			<-p.detached
			p.srv.metrics.detachedAdd(p.srv.name, p.ep.Name, -1)
			return
		}
	}
}

// slot is a pooled request's claim on its worker, which Detach gives up.
// Its state goes from held to detached (Detach) or to done (the reply is
// sent): a goroutine of the handler that outlives it cannot detach a
// request whose worker has moved on.
type slot struct {
	p     *pool
	state atomic.Int32
}

const (
	slotHeld int32 = iota
	slotDetached
	slotDone
)

type slotKey struct{}

// Detach tells the pool running ctx's request that its handler is about to
// wait on something other than this process's CPU: a model's answer,
// another request's call of the same thing, a store across the network.
// The pool starts a worker in its place, so that requests queued behind it
// (a cached translation behind a model call that takes seconds) are not
// held up by the wait; the handler goes on, and replies, as before. The
// endpoint's Detached bounds how many requests may be detached at once.
//
// It reports whether the request is detached (again true on a second
// call). It is false when ctx is no pooled request (an endpoint with one
// worker runs inline) or the bound is reached, and the request then keeps
// its worker. Safe for concurrent use by the handler's goroutines.
func Detach(ctx context.Context) bool {
	sl, ok := ctx.Value(slotKey{}).(*slot)
	if !ok {
		return false
	}
	switch sl.state.Load() {
	case slotDetached:
		return true
	case slotDone:
		return false
	}
	p := sl.p
	select {
	case p.detached <- struct{}{}:
	default:
		return false
	}
	if !sl.state.CompareAndSwap(slotHeld, slotDetached) {
		// Another goroutine of the handler detached it first, or the
		// request was answered meanwhile.
		<-p.detached
		return sl.state.Load() == slotDetached
	}
	// The detaching worker is still counted in wg, so this Add cannot
	// race a Wait that has seen the count reach zero; after close, the
	// new worker finds the queue closed and ends. The new worker runs on
	// the process's goroutine pool: when it detaches in turn, its
	// goroutine returns there once its request is answered, with the
	// stack the handler grew, ready to be the next replacement.
	p.srv.metrics.detachedAdd(p.srv.name, p.ep.Name, 1)
	p.wg.Add(1)
	gopool.Go(p.work)
	return true
}

func (p *pool) close() {
	if p.closed.Swap(true) {
		return
	}
	if p.ep.Workers > 1 {
		close(p.jobs)
		p.wg.Wait()
	}
}

// run handles j and reports whether the handler detached it (Detach).
func (p *pool) run(j job) (detached bool) {
	r, start := j.r, j.arrived
	p.inFlight.Add(1)
	defer p.inFlight.Add(-1)

	timeout := p.ep.DefaultTimeout
	if d, ok := api.ParseBudget(r.Headers().Get(api.HeaderTimeout)); ok {
		timeout = d
	}
	sctx, _ := p.startSpan(r)
	// The budget runs from arrival: a request that waited out its budget
	// in the queue is answered at once instead of doing work nobody waits
	// for any more.
	deadline := start.Add(timeout)
	if !time.Now().Before(deadline) {
		p.reply(sctx, r, nil, api.Errorf(api.CodeTimeout, "%s: the request's budget ran out while it was queued", p.srv.name), start)
		return
	}
	ctx, cancel := context.WithDeadline(sctx, deadline)
	defer cancel()
	var sl *slot
	if p.ep.Workers > 1 {
		sl = &slot{p: p}
		ctx = context.WithValue(ctx, slotKey{}, sl)
	}

	resp, err := p.safeCall(ctx, r.Data())
	if err != nil && ctx.Err() != nil && api.ErrorCode(err) == api.CodeInternal {
		err = api.Errorf(api.CodeTimeout, "%s ran out of time", p.srv.name)
	}
	// Done before the reply, so that a goroutine of the handler that
	// detaches once the caller has its answer finds the request over.
	detached = sl != nil && !sl.state.CompareAndSwap(slotHeld, slotDone)
	// The reply is sent under sctx, not ctx: a handler that used its whole
	// budget still gets its span ended and its error logged.
	p.reply(sctx, r, resp, err, start)
	return detached
}

// startSpan continues the caller's trace (W3C headers) with a server span
// named after the subject, and carries the request id. The span is ended by
// reply. Attributes are bounded: never the message text.
func (p *pool) startSpan(r micro.Request) (context.Context, trace.Span) {
	h := nats.Header(r.Headers())
	ctx := telemetry.Extract(context.Background(), h)
	ctx = WithRequestID(ctx, h.Get(api.HeaderRequestID))
	return p.srv.tracer.Start(ctx, r.Subject(),
		trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(
			attribute.String("messaging.system", "nats"),
			attribute.String(telemetry.AttrService, p.srv.name),
			attribute.String(telemetry.AttrEndpoint, p.ep.Name),
		))
}

// safeCall runs the handler and turns a panic into an internal error: one
// bad message must not take the service down.
func (p *pool) safeCall(ctx context.Context, data []byte) (resp any, err error) {
	defer func() {
		if v := recover(); v != nil {
			p.srv.log.ErrorContext(ctx, "handler panic", "endpoint", p.ep.Name, "panic", v, "req_id", RequestID(ctx))
			resp, err = nil, api.Errorf(api.CodeInternal, "internal error")
		}
	}()
	return p.ep.Handler(ctx, data)
}

func (p *pool) reply(ctx context.Context, r micro.Request, resp any, err error, start time.Time) {
	span := trace.SpanFromContext(ctx)
	defer span.End()
	d := time.Since(start)
	p.processed.Add(1)
	p.totalNS.Add(int64(d))
	reqID := r.Headers().Get(api.HeaderRequestID)
	msg, code := p.encode(ctx, r.Reply(), resp, err, reqID)
	// Reply on the connection rather than through r.Error/r.Respond: micro
	// records the error on the request and reads it back as soon as Handle
	// returns, which for a pooled request is before the worker answers (a
	// data race). The headers are the ones micro would send, so callers see
	// no difference; the pool's own stats count the errors.
	if msg.Subject == "" {
		p.srv.log.WarnContext(ctx, "request without reply subject", "endpoint", p.ep.Name)
	} else if perr := p.srv.nc.PublishMsg(msg); perr != nil {
		if errors.Is(perr, nats.ErrMaxPayload) {
			// NATS refuses a message over the server's max_payload, and a
			// reply that is never sent leaves the caller waiting out its
			// whole budget. It gets a small error reply at once instead.
			size := len(msg.Data)
			p.srv.log.WarnContext(ctx, "reply larger than max_payload; answered with an error", "endpoint", p.ep.Name,
				"bytes", size, "max_payload", p.srv.nc.MaxPayload(), "req_id", reqID)
			msg, code = p.encode(ctx, r.Reply(), nil, p.tooLarge(err, size), reqID)
			perr = p.srv.nc.PublishMsg(msg)
		}
		if perr != nil {
			p.srv.log.WarnContext(ctx, "reply failed", "endpoint", p.ep.Name, "err", perr)
		}
	}
	if code != "ok" {
		p.errors.Add(1)
	}
	span.SetAttributes(attribute.String(telemetry.AttrCode, code))
	if code != "ok" {
		// The code, not the message: messages may quote user input.
		span.SetStatus(codes.Error, code)
	}
	p.srv.metrics.observe(p.srv.name, p.ep.Name, code, d)
}

// encode builds the reply to subject: resp as JSON, or err in the one
// error shape with the Nats-Service-Error headers. code is "ok" or the
// error's code.
func (p *pool) encode(ctx context.Context, subject string, resp any, err error, reqID string) (msg *nats.Msg, code string) {
	msg = &nats.Msg{Subject: subject, Header: nats.Header{}}
	if err == nil {
		if msg.Data, err = json.Marshal(resp); err == nil {
			return msg, "ok"
		}
		p.srv.log.ErrorContext(ctx, "encode reply", "endpoint", p.ep.Name, "err", err, "req_id", reqID)
		err = api.Errorf(api.CodeInternal, "internal error")
	}
	e := api.AsError(err)
	var ae *api.Error
	if !errors.As(err, &ae) {
		p.srv.log.ErrorContext(ctx, "request failed", "endpoint", p.ep.Name, "err", err, "req_id", reqID)
	}
	msg.Data, _ = json.Marshal(e.Body(reqID))
	msg.Header.Set(micro.ErrorCodeHeader, strconv.Itoa(e.Status()))
	msg.Header.Set(micro.ErrorHeader, e.Message)
	return msg, string(e.Code)
}

// maxErrorMessage bounds the message of an error reply that had to be
// resent because it was too large.
const maxErrorMessage = 512

// tooLarge is the error sent instead of a reply of size bytes that NATS
// would not carry. An answer too large is a 413 (api.CodeBodyTooLarge),
// not a server fault: the caller asked for more than one message holds,
// and asking for less (a smaller page or batch) succeeds, where a 5xx
// would invite retries of the same request. An error reply that was too
// large (its message quoting a large input) keeps its code and loses the
// end of its message.
func (p *pool) tooLarge(orig error, size int) *api.Error {
	if orig != nil {
		e := *api.AsError(orig)
		if len(e.Message) > maxErrorMessage {
			cut := maxErrorMessage
			for cut > 0 && !utf8.RuneStart(e.Message[cut]) {
				cut--
			}
			e.Message = e.Message[:cut] + "…"
		}
		return &e
	}
	return api.Errorf(api.CodeBodyTooLarge,
		"the answer of %s is larger than one NATS message (%d bytes, at most %d); ask for less, e.g. a smaller page",
		p.srv.name, size, p.srv.nc.MaxPayload())
}

// PoolStats is reported in $SRV.STATS under each endpoint's data, since
// micro's own processing time only measures the hand-off to the pool.
type PoolStats struct {
	Workers     int     `json:"workers"`
	QueueCap    int     `json:"queue_capacity"`
	Queued      int     `json:"queued"`
	InFlight    int64   `json:"in_flight"`
	Detached    int     `json:"detached"`
	Processed   int64   `json:"processed"`
	Errors      int64   `json:"errors"`
	Rejected    int64   `json:"rejected"`
	AvgMillisec float64 `json:"avg_ms"`
}

func (s *Server) poolStats(endpoint string) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.pools {
		if p.ep.Name != endpoint {
			continue
		}
		st := PoolStats{
			Workers: p.ep.Workers, QueueCap: p.ep.Queue, Queued: len(p.jobs),
			InFlight: p.inFlight.Load(), Detached: len(p.detached), Processed: p.processed.Load(),
			Errors: p.errors.Load(), Rejected: p.rejected.Load(),
		}
		if st.Processed > 0 {
			st.AvgMillisec = float64(p.totalNS.Load()) / float64(st.Processed) / 1e6
		}
		return st
	}
	return nil
}

type ctxKey int

const requestIDKey ctxKey = iota

// WithRequestID returns ctx carrying a request id for logs and onward calls.
func WithRequestID(ctx context.Context, id string) context.Context {
	if id == "" {
		return ctx
	}
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestID returns the request id carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

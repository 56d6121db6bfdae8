// Package client has a typed NATS client for each Parley service. Calls carry
// the caller's remaining budget and request id in headers, and turn micro
// error replies (the Nats-Service-Error headers, which nats.go itself does
// not treat as errors) back into *api.Error values.
package client

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/telemetry"
)

// DefaultTimeout bounds a call whose context has no deadline.
const DefaultTimeout = 10 * time.Second

// Call sends req to subject and decodes the reply into a new Resp.
//
// When ctx carries a span, Call records a client span under it and sends
// the W3C trace context in the request headers, so the service's server
// span joins the same trace. The tracer comes from the span already in ctx
// (as otelhttp does), so a caller outside any trace pays nothing.
//
// A request that found no responder was never delivered, so Call sends it
// again a few times over a short backoff (a replica restarting, or a
// service reconnecting to another node of the cluster) before it reports
// the service unavailable. Call never resends a request that may have
// been delivered: use CallIdempotent for requests that are safe to repeat.
func Call[Resp any](ctx context.Context, nc *nats.Conn, subject string, req any) (out *Resp, err error) {
	return traced[Resp](ctx, nc, subject, req, false)
}

// CallIdempotent is Call for requests that can safely run twice (reads,
// translations, checks). When its reply is late (at twice the subject's
// recent p99, within limits, and at half of the remaining budget; see
// hedge.go) it sends the request once more, which the queue group gives
// to a live replica, and returns the first answer (or 4xx error reply):
// a replica that died mid-request (or a reply lost with a NATS node)
// costs latency, not the request. The first attempt keeps its whole
// budget, so a slow but healthy replica can still answer: a copy that
// another replica refuses (overloaded, unavailable) or fails does not
// end it, and the most telling failure is returned when all fail.
func CallIdempotent[Resp any](ctx context.Context, nc *nats.Conn, subject string, req any) (out *Resp, err error) {
	return traced[Resp](ctx, nc, subject, req, true)
}

func traced[Resp any](ctx context.Context, nc *nats.Conn, subject string, req any, idempotent bool) (out *Resp, err error) {
	ctx, span := trace.SpanFromContext(ctx).TracerProvider().
		Tracer("github.com/parley-chat/parley/shared/client").
		Start(ctx, subject, trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("messaging.system", "nats")))
	defer func() {
		if err != nil {
			code := string(api.AsError(err).Code)
			span.SetAttributes(attribute.String(telemetry.AttrCode, code))
			span.SetStatus(codes.Error, code)
		} else {
			span.SetAttributes(attribute.String(telemetry.AttrCode, "ok"))
		}
		span.End()
	}()
	return call[Resp](ctx, nc, subject, req, idempotent)
}

// noResponderBackoff is how long Call waits before each resend of a
// request that found no responder: long enough to cover a replica's queue
// subscription reaching the other nodes, short enough that a service that
// is really down is reported within a quarter second.
var noResponderBackoff = []time.Duration{20 * time.Millisecond, 50 * time.Millisecond, 150 * time.Millisecond}

// reconnectBackoff replaces noResponderBackoff for a subject that
// answered within recentlyAnswered: its responders are more likely moving
// to another NATS node (after theirs stopped, which takes natsutil's 250
// ms reconnect wait plus up to 100 ms of jitter, longer than
// noResponderBackoff's 220 ms) than gone, and both replicas of a service
// can sit on the same node. A service that never answered is still
// reported at once.
var reconnectBackoff = []time.Duration{20 * time.Millisecond, 50 * time.Millisecond, 150 * time.Millisecond, 250 * time.Millisecond}

const recentlyAnswered = 30 * time.Second

// goneFor is how long after a call gave up on finding a responder (its
// whole backoff spent) the calls of the same connection to the same
// subject make one attempt only. The backoff rides out a replica moving
// between nodes; a service still missing after it is down, and every
// call's waiting it out again turns the outage into a slowdown of its
// callers: with detect down, each quality score waited 470 ms for it,
// and a replica's 8 workers scored 17 translations a second. One
// attempt still finds the service the moment it is back. Keyed by
// connection, so that one connection's view of a server does not carry
// over to another's (a test's next suite, another cluster).
const goneFor = 2 * time.Second

// gone holds, per goneKey, the time (UnixNano, as an *atomic.Int64) a
// call last gave up on finding a responder.
var gone sync.Map

type goneKey struct {
	nc      *nats.Conn
	subject string
}

// goneRecently reports whether a call on nc gave up on subject within
// goneFor, and whether one ever did (the mark a call that is answered
// removes).
func goneRecently(k goneKey) (recently, marked bool) {
	v, ok := gone.Load(k)
	return ok && time.Since(time.Unix(0, v.(*atomic.Int64).Load())) < goneFor, ok
}

// markGone records that a call on nc gave up on subject now.
func markGone(k goneKey) {
	v, ok := gone.Load(k)
	if !ok {
		v, _ = gone.LoadOrStore(k, new(atomic.Int64))
	}
	v.(*atomic.Int64).Store(time.Now().UnixNano())
}

// minHedge is the smallest budget worth hedging: below it a second attempt
// could not finish anyway.
const minHedge = 50 * time.Millisecond

func call[Resp any](ctx context.Context, nc *nats.Conn, subject string, req any, idempotent bool) (*Resp, error) {
	// go-json encodes what encoding/json does for about a quarter of the
	// CPU. Its encoder needs a far larger stack than a new goroutine has:
	// the calls that run on a goroutine started for them (the pipeline's
	// checks, a translation flight) run on reused ones (shared/gopool),
	// where the stack has grown already.
	data, err := gojson.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode %s request: %w", subject, err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	var reply *nats.Msg
	lat := latencyOf(subject)
	gk := goneKey{nc, subject}
	backoff := noResponderBackoff
	recently, marked := goneRecently(gk)
	if recently {
		backoff = nil // one attempt: see goneFor
	}
	for attempt := 0; ; attempt++ {
		if idempotent {
			reply, err = hedged(ctx, nc, lat, subject, data)
		} else {
			reply, err = send(ctx, nc, subject, data)
		}
		if attempt == 0 && backoff != nil && errors.Is(err, nats.ErrNoResponders) && lat.answeredWithin(recentlyAnswered) {
			backoff = reconnectBackoff
		}
		if !errors.Is(err, nats.ErrNoResponders) {
			break
		}
		if attempt == len(backoff) {
			if backoff != nil {
				// Only a whole backoff spent marks the service gone: a
				// single attempt's failure does not prolong the mark, so
				// the next call after goneFor waits it out again.
				markGone(gk)
			}
			break
		}
		t := time.NewTimer(backoff[attempt])
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, transportError(subject, err)
		case <-t.C:
		}
	}
	if err != nil {
		return nil, transportError(subject, err)
	}
	if marked {
		gone.Delete(gk) // back: the next outage is waited out again
	}
	lat.answered()
	if code := reply.Header.Get(micro.ErrorCodeHeader); code != "" {
		return nil, api.ParseServiceError(code, reply.Header.Get(micro.ErrorHeader), reply.Data)
	}
	out := new(Resp)
	if err := gojson.Unmarshal(reply.Data, out); err != nil {
		return nil, fmt.Errorf("decode %s reply: %w", subject, err)
	}
	return out, nil
}

// errNoBudget reports a call made with no time left.
var errNoBudget = errors.New("no time left")

// send makes one attempt, telling the service how much of the budget is
// left at the moment it is sent.
func send(ctx context.Context, nc *nats.Conn, subject string, data []byte) (*nats.Msg, error) {
	dl, _ := ctx.Deadline()
	budget := time.Until(dl)
	if budget <= 0 {
		return nil, errNoBudget
	}
	msg := nats.NewMsg(subject)
	msg.Data = data
	msg.Header.Set(api.HeaderTimeout, strconv.FormatInt(max(1, budget.Milliseconds()), 10))
	if id := service.RequestID(ctx); id != "" {
		msg.Header.Set(api.HeaderRequestID, id)
	}
	telemetry.Inject(ctx, msg.Header)
	return nc.RequestMsgWithContext(ctx, msg)
}

// hedged sends the request and sends it again at each hedge point (see
// hedge.go): early, at twice the subject's recent p99, when that comes
// before half of the remaining budget and the subject has early hedges
// to spend; and at half of the remaining budget. It returns the first
// outcome that settles the call (an answer, or a 4xx error reply: see
// settles), or the most telling failure when every attempt fails: a
// hedge that a full replica refuses (503) never ends an attempt that is
// still running.
//
// The first attempt runs on the caller's goroutine and the others, rare,
// on their timers': a goroutine per call would put one more wake-up
// between the reply and the caller on every request, which on a busy
// machine costs more than the rest of the client.
func hedged(ctx context.Context, nc *nats.Conn, lat *latency, subject string, data []byte) (*nats.Msg, error) {
	start := time.Now()
	dl, _ := ctx.Deadline()
	lat.earn()
	half := time.Until(dl) / 2
	early, ok := lat.earlyHedge()
	ok = ok && early < half
	if half < minHedge && !ok {
		m, err := send(ctx, nc, subject, data)
		lat.record(m, err, time.Since(start))
		return m, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the attempts that lost
	type result struct {
		msg     *nats.Msg
		err     error
		skipped bool
	}
	// Room for every attempt's result, so that none blocks.
	results := make(chan result, 2)
	hedge := func(earlyOne bool) func() {
		return func() {
			if earlyOne && !lat.spend() {
				results <- result{skipped: true}
				return
			}
			trace.SpanFromContext(ctx).AddEvent("hedge", trace.WithAttributes(
				attribute.Bool("early", earlyOne), attribute.Int64("after_ms", time.Since(start).Milliseconds())))
			// A hedge covers for an attempt that may be lost with its
			// replica. Finding no responder then means the replacement
			// has not joined yet (a restart, a move to another NATS
			// node): try again on the schedule a first attempt gets,
			// rather than wait for the next hedge point.
			m, err := resendWhileNoResponders(ctx, nc, subject, data)
			results <- result{msg: m, err: err}
			// Only an outcome that decides the call ends the other
			// attempts: a hedge refused by a full replica must not
			// cancel the first attempt, admitted and still running
			// elsewhere, and win with "overloaded".
			if settles(m, err) {
				cancel() // an earlier attempt lost
			}
		}
	}
	var timers []*time.Timer
	if ok {
		timers = append(timers, time.AfterFunc(early, hedge(true)))
	}
	if half >= minHedge {
		timers = append(timers, time.AfterFunc(half, hedge(false)))
	}
	m, err := send(ctx, nc, subject, data)
	fired := 0
	for _, t := range timers {
		if !t.Stop() {
			fired++
		}
	}
	if fired > 0 && errors.Is(err, nats.ErrNoResponders) {
		// A hedge went out before this attempt found no responder: it
		// may have reached the replica that died meanwhile, and waiting
		// for it would wait for the next hedge point. The replacement
		// is joining: look for it as a hedge does.
		m, err = resendWhileNoResponders(ctx, nc, subject, data)
	}
	// Before any hedge the only attempt's outcome stands (a fast
	// no-responders goes back to call's resend loop). After one, the
	// first outcome that settles the call does (an answer, or an error
	// every replica would give); a failure of one attempt (a refusal,
	// a 5xx, no reply) waits for the others still running, and when
	// all fail the most telling failure stands (failureRank).
	if refused(m, err) && fired > 0 {
		lat.pause()
	}
	for ; fired > 0 && !settles(m, err); fired-- {
		r := <-results
		if r.skipped {
			continue
		}
		if refused(r.msg, r.err) {
			lat.pause() // the service is full, whichever outcome stands
		}
		if settles(r.msg, r.err) || failureRank(r.msg, r.err) > failureRank(m, err) {
			m, err = r.msg, r.err
		}
	}
	lat.record(m, err, time.Since(start))
	return m, err
}

// resendWhileNoResponders sends the request, and again on
// reconnectBackoff's schedule while no responder is found.
func resendWhileNoResponders(ctx context.Context, nc *nats.Conn, subject string, data []byte) (*nats.Msg, error) {
	m, err := send(ctx, nc, subject, data)
	for i := 0; errors.Is(err, nats.ErrNoResponders) && i < len(reconnectBackoff); i++ {
		t := time.NewTimer(reconnectBackoff[i])
		select {
		case <-ctx.Done():
			t.Stop()
			return m, err
		case <-t.C:
			m, err = send(ctx, nc, subject, data)
		}
	}
	return m, err
}

// transportError classifies a failed request: nobody listening is a 503 at
// once, a spent budget a 504, so callers never hang on a dead service.
func transportError(subject string, err error) error {
	switch {
	case errors.Is(err, nats.ErrNoResponders):
		return &api.Error{Code: api.CodeUnavailable, Message: fmt.Sprintf("no %s service is running", serviceOf(subject))}
	case errors.Is(err, errNoBudget):
		return api.Errorf(api.CodeTimeout, "no time left to call %s", subject)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
		return &api.Error{Code: api.CodeTimeout, Message: fmt.Sprintf("%s did not answer in time", serviceOf(subject))}
	case errors.Is(err, context.Canceled):
		return &api.Error{Code: api.CodeCanceled, Message: "request canceled"}
	case errors.Is(err, nats.ErrConnectionClosed), errors.Is(err, nats.ErrConnectionDraining), errors.Is(err, nats.ErrDisconnected):
		return &api.Error{Code: api.CodeUnavailable, Message: "not connected to NATS"}
	case errors.Is(err, nats.ErrMaxPayload):
		// The caller let through more than one message can carry: a
		// request too large, not a server fault.
		return &api.Error{Code: api.CodeBodyTooLarge, Message: fmt.Sprintf("the request to %s is larger than a NATS message may be", serviceOf(subject))}
	}
	return fmt.Errorf("request %s: %w", subject, err)
}

// serviceOf extracts "translate" from "parley.translate.v1.translate".
func serviceOf(subject string) string {
	start := len("parley.")
	if len(subject) <= start {
		return subject
	}
	for i := start; i < len(subject); i++ {
		if subject[i] == '.' {
			return subject[start:i]
		}
	}
	return subject
}

// Detect is the detect service's client.
type Detect struct{ NC *nats.Conn }

// Detect identifies the language of a text.
func (c Detect) Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error) {
	return CallIdempotent[api.DetectResponse](ctx, c.NC, api.SubjectDetect, req)
}

// DetectBatch identifies the language of several texts, each on its own;
// an item with bad input carries its own error.
func (c Detect) DetectBatch(ctx context.Context, req api.DetectBatchRequest) (*api.DetectBatchResponse, error) {
	return CallIdempotent[api.DetectBatchResponse](ctx, c.NC, api.SubjectDetectBatch, req)
}

// Translate is the translate service's client.
type Translate struct{ NC *nats.Conn }

// Translate runs the backend chain for one text. When ctx is cancelled
// before the reply, the service is told to stop (see callCancelable).
func (c Translate) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	return callCancelable[api.TranslateResponse](ctx, c.NC, api.SubjectTranslate, req)
}

// Invalidate deletes cached translations (api.SubjectTranslateInvalidate):
// a message's, a conversation's, a request's or those named by key. It
// is idempotent, so it is retried like a read.
func (c Translate) Invalidate(ctx context.Context, req api.TranslateInvalidateRequest) (*api.TranslateInvalidateResponse, error) {
	return CallIdempotent[api.TranslateInvalidateResponse](ctx, c.NC, api.SubjectTranslateInvalidate, req)
}

// Languages lists the chain's backends and what they serve.
func (c Translate) Languages(ctx context.Context) (*api.LanguagesResponse, error) {
	return CallIdempotent[api.LanguagesResponse](ctx, c.NC, api.SubjectTranslateLangs, api.LanguagesRequest{})
}

// Glossary is the glossary service's client.
type Glossary struct{ NC *nats.Conn }

// Prepare finds glossary terms in a source text.
func (c Glossary) Prepare(ctx context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	return CallIdempotent[api.GlossaryPrepareResponse](ctx, c.NC, api.SubjectGlossaryPrepare, req)
}

// Verify reports what happened to the matched terms in a translation.
func (c Glossary) Verify(ctx context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	return CallIdempotent[api.GlossaryReport](ctx, c.NC, api.SubjectGlossaryVerify, req)
}

// List lists the loaded glossaries.
func (c Glossary) List(ctx context.Context) (*api.GlossaryListResponse, error) {
	return CallIdempotent[api.GlossaryListResponse](ctx, c.NC, api.SubjectGlossaryList, api.GlossaryListRequest{})
}

// Quality is the quality service's client.
type Quality struct{ NC *nats.Conn }

// Score estimates the quality of a translation.
func (c Quality) Score(ctx context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	return CallIdempotent[api.QualityResponse](ctx, c.NC, api.SubjectQualityScore, req)
}

// Safety is the safety service's client.
type Safety struct{ NC *nats.Conn }

// Check returns verdicts for a source and its translation.
func (c Safety) Check(ctx context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	return CallIdempotent[api.SafetyResponse](ctx, c.NC, api.SubjectSafetyCheck, req)
}

// Ping asks every instance of the named micro service to answer
// $SRV.PING.<name> and reports whether at least one did within ctx.
func Ping(ctx context.Context, nc *nats.Conn, name string) error {
	subj, err := micro.ControlSubject(micro.PingVerb, name, "")
	if err != nil {
		return fmt.Errorf("ping subject for %s: %w", name, err)
	}
	if _, err := nc.RequestWithContext(ctx, subj, nil); err != nil {
		return &api.Error{Code: api.CodeUnavailable, Message: fmt.Sprintf("%s does not answer: %v", name, err)}
	}
	return nil
}

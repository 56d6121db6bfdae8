package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
)

// readBody reads the request body, up to MaxBodyBytes, before the request
// takes any slot (shedLoad), within BodyTimeout of now (and never past
// the request's deadline). Until it is read, a request holds a connection
// and a goroutine only: a client that sends 100,000 bytes at one byte a
// second, 300 times over, no longer takes every slot from every other
// caller. One that is not done in time is a 408 request_timeout, and its
// connection is closed.
//
// The handlers then read the body from memory, with their own limits: a
// body over MaxBodyBytes is passed on as it comes (a glossary file upload
// may be larger; every other route answers 413), its remainder bounded by
// the server's ReadTimeout.
func (s *Server) readBody(c echo.Context) error {
	req := c.Request()
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength == 0 {
		return nil
	}
	start := time.Now()
	timeout := s.ops.cfg.BodyTimeout
	deadline := start.Add(timeout)
	if dl, ok := req.Context().Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	// A test's ResponseRecorder has no connection: the body is then
	// read as it is, without a deadline.
	rc := http.NewResponseController(c.Response())
	timed := rc.SetReadDeadline(deadline) == nil
	limit := s.cfg.MaxBodyBytes
	buf, err := io.ReadAll(io.LimitReader(req.Body, limit+1))
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			// The connection's reads have timed out: it cannot carry
			// another request.
			c.Response().Header().Set(echo.HeaderConnection, "close")
			return api.Errorf(api.CodeRequestTimeout, "the request body did not arrive within %s (GATEWAY_BODY_TIMEOUT): %d bytes came in; send the whole body at once",
				deadline.Sub(start).Round(time.Millisecond), len(buf))
		}
		return api.Errorf(api.CodeInvalidArgument, "could not read the request body: %v", err)
	}
	if int64(len(buf)) <= limit {
		// Read whole: the handler runs under the request's budget alone.
		// (The server clears the deadline too, at the end of the body,
		// to notice a client that goes away; a deadline left behind
		// would end that watch, and with it the request's context.)
		if timed {
			_ = rc.SetReadDeadline(time.Time{})
		}
		req.Body = io.NopCloser(bytes.NewReader(buf))
		return nil
	}
	// Longer than MaxBodyBytes: the rest is the handler's to read (or
	// refuse), within the server's bound on the whole request.
	if timed {
		_ = rc.SetReadDeadline(start.Add(serverReadTimeout))
	}
	req.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(buf), req.Body), req.Body}
	return nil
}

// keySlots bounds the requests each key has in flight at once
// (OpsConfig.MaxInFlightPerKey): a semaphore per key id, dropped once no
// request of the key holds or waits for it.
type keySlots struct {
	perKey int

	mu   sync.Mutex
	byID map[string]*keySem
}

type keySem struct {
	slots chan struct{}
	users int // holders and waiters
}

func newKeySlots(perKey int) *keySlots {
	return &keySlots{perKey: perKey, byID: map[string]*keySem{}}
}

// acquire takes one of id's slots, waiting at most wait (and never past
// ctx), and returns the function that gives it back; false when none
// freed up in time.
func (k *keySlots) acquire(ctx context.Context, id string, wait time.Duration) (release func(), ok bool) {
	k.mu.Lock()
	sem := k.byID[id]
	if sem == nil {
		sem = &keySem{slots: make(chan struct{}, k.perKey)}
		k.byID[id] = sem
	}
	sem.users++
	k.mu.Unlock()
	leave := func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		if sem.users--; sem.users == 0 {
			delete(k.byID, id)
		}
	}
	if !take(ctx, sem.slots, wait) {
		leave()
		return nil, false
	}
	return func() {
		<-sem.slots
		leave()
	}, true
}

// inUse is the number of slots id holds (tests).
func (k *keySlots) inUse(id string) int {
	k.mu.Lock()
	defer k.mu.Unlock()
	if sem := k.byID[id]; sem != nil {
		return len(sem.slots)
	}
	return 0
}

// take puts a token into slots, waiting at most wait (and never past ctx).
func take(ctx context.Context, slots chan struct{}, wait time.Duration) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
	}
	if wait <= 0 {
		return false
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// keySlotKey is where shedLoad keeps the request's keySlotHold in the
// echo.Context.
const keySlotKey = "gateway.keyslot"

// keySlotHold is the key slot a request holds, given back when shedLoad
// returns.
type keySlotHold struct {
	done func()
}

func (h *keySlotHold) release() {
	if h.done != nil {
		h.done()
		h.done = nil
	}
}

// holdKeySlot takes one of p's slots for the rest of the request: shedLoad
// calls it for a key presented in a header, compatAuthorize for one a
// compatible API reads from the body or the query. Past the key's cap
// (and QueueWait) it is a 429 with Retry-After, in whatever shape the
// route answers (a *rateLimitError: DeepL's 429 too). A request without
// a hold (the routes shedLoad leaves alone) or that already holds one
// takes nothing.
func (s *Server) holdKeySlot(c echo.Context, p *Principal) error {
	held, _ := c.Get(keySlotKey).(*keySlotHold)
	if held == nil || held.done != nil || p == nil || s.ops == nil {
		return nil
	}
	o := s.ops
	release, ok := o.keys.acquire(c.Request().Context(), p.KeyID, o.cfg.QueueWait)
	if !ok {
		o.shed.WithLabelValues("key_concurrency").Inc()
		c.Response().Header().Set("Retry-After", strconv.Itoa(1))
		return &rateLimitError{err: &api.Error{Code: api.CodeRateLimited, RetryAfter: 1,
			Message: fmt.Sprintf("this key has %d requests in flight, its limit (GATEWAY_MAX_IN_FLIGHT_PER_KEY); retry when one is answered", o.cfg.MaxInFlightPerKey)}}
	}
	held.done = release
	return nil
}

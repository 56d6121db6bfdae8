package natskv

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/parley-chat/parley/services/translate/cache"
)

// A claim lives in the cache bucket, under the key whose translation it
// claims: a marker written only when the key holds nothing (expected
// last revision 0, or a delete marker's), with a per-message TTL of
// ClaimTTL that the holder refreshes while its call runs. The holder
// replaces the marker with the result (Fulfil), with a failure marker
// (Release with a failure), or deletes it.
//
// Keeping claims next to results makes a miss one JetStream write: a
// successful claim says the key held nothing, so no read is needed, and
// the result is one more write that ends the claim. With claims in a
// bucket of their own a miss cost a read, a claim, a result and a
// release, four operations, and a result stored between a read and a
// claim could be computed twice.

// stored is what a cache key holds: a translation, or a claim marker.
type stored struct {
	cache.Entry
	Claim *claimValue `json:"claim,omitempty"`
}

// claimValue is a claim marker.
type claimValue struct {
	Owner   string         `json:"owner"`
	Failure *cache.Failure `json:"failure,omitempty"`
	// Alive is the holder's liveness subject (see answerLiveness); markers
	// of versions before it have none.
	Alive string `json:"alive,omitempty"`
}

// Entries are encoded and decoded with go-json; they are written from a
// translation flight, which runs on a reused goroutine whose stack has
// grown to what go-json's encoder needs (see shared/client).
func decode(b []byte) (stored, error) {
	var v stored
	err := gojson.Unmarshal(b, &v)
	return v, err
}

func (s *Store) marker(failure *cache.Failure) []byte {
	b, _ := gojson.Marshal(stored{Claim: &claimValue{Owner: s.owner(), Failure: failure, Alive: s.aliveSubject()}})
	return b
}

// A replica that dies holding a claim would keep every replica waiting
// for it until the claim's TTL ends (TRANSLATE_CLAIM_TTL, 10 s by
// default). So each store answers requests on a liveness subject of its
// own, named in its claims, and a waiter asks it: "no responders" says at
// once that the holder's connection is gone, and the waiter frees the
// claim (a delete that expects the dead claim's revision, so only one
// waiter does it, and never over a newer write) and claims the key
// itself. A holder that is alive but cut off from the waiter's node for
// a moment (moving to another NATS node) is taken for dead: the cost is
// a second model call, never a wrong translation, since the holder's
// result then finds the key changed and is not stored over the new
// claim. A timeout is no answer: the holder is assumed alive and the
// claim's TTL remains the bound.

// aliveSubject is the subject this store answers on while it lives.
func (s *Store) aliveSubject() string {
	return "parley.translate.claims." + s.cfg.Bucket + "." + s.owner()
}

// answerLiveness subscribes to the liveness subject until the store
// closes.
func (s *Store) answerLiveness() error {
	nc := s.js.Conn()
	sub, err := nc.Subscribe(s.aliveSubject(), func(m *nats.Msg) { _ = m.Respond(nil) })
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", s.aliveSubject(), err)
	}
	if err := nc.Flush(); err != nil {
		_ = sub.Unsubscribe()
		return fmt.Errorf("subscribe %s: %w", s.aliveSubject(), err)
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		<-s.ctx.Done()
		// Flushed, so that once Close returns the server knows the
		// subject has no responder: a request still delivered to an
		// unsubscribed client would get no answer at all, and the
		// waiter would take the holder for alive.
		_ = sub.Unsubscribe()
		_ = nc.FlushTimeout(time.Second)
	}()
	return nil
}

// holderGone reports whether the holder of claim c has certainly gone:
// its liveness subject has no responders.
func (s *Store) holderGone(ctx context.Context, c *claimValue) bool {
	if c.Alive == "" || c.Alive == s.aliveSubject() {
		return false
	}
	// A live holder answers in a round trip; one that has not within a
	// liveness period is asked again at the next, rather than holding
	// the waiter past its own checks.
	ctx, cancel := context.WithTimeout(ctx, s.livenessEvery())
	defer cancel()
	_, err := s.js.Conn().RequestWithContext(ctx, c.Alive, nil)
	return errors.Is(err, nats.ErrNoResponders)
}

// livenessEvery is how often a waiter asks the holder whether it lives.
func (s *Store) livenessEvery() time.Duration { return min(s.cfg.ClaimTTL/3, time.Second) }

// errConflict: the key's last revision was not the expected one.
var errConflict = errors.New("revision conflict")

// write stores val under key if the key's last revision is expect (0: it
// never held anything, or only expired), with a TTL when ttl > 0, and
// returns the new revision.
func (s *Store) write(ctx context.Context, key string, val []byte, expect uint64, ttl time.Duration) (uint64, error) {
	msg := nats.NewMsg("$KV." + s.cfg.Bucket + "." + key)
	msg.Data = val
	opts := []jetstream.PublishOpt{jetstream.WithExpectLastSequencePerSubject(expect)}
	if ttl > 0 {
		opts = append(opts, jetstream.WithMsgTTL(ttl))
	}
	ack, err := s.js.PublishMsg(ctx, msg, opts...)
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) && (apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
		apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant) {
		return 0, errConflict
	}
	if err != nil {
		return 0, err
	}
	return ack.Sequence, nil
}

// latest reads what key holds now. deleted reports a delete or purge
// marker (whose revision a new claim must expect); a key that never held
// anything has revision 0.
func (s *Store) latest(ctx context.Context, key string) (v stored, rev uint64, deleted bool, err error) {
	m, err := s.stream.GetLastMsgForSubject(ctx, "$KV."+s.cfg.Bucket+"."+key)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return stored{}, 0, true, nil
	}
	if err != nil {
		return stored{}, 0, false, err
	}
	if m.Header.Get("KV-Operation") != "" || m.Header.Get(jetstream.MarkerReasonHeader) != "" {
		return stored{}, m.Sequence, true, nil
	}
	v, err = decode(m.Data)
	if err != nil {
		return stored{}, 0, false, fmt.Errorf("decode %s: %w", key, err)
	}
	return v, m.Sequence, false, nil
}

// Acquire implements cache.Claimer. A claim whose holder failed is taken
// over: its failure was for the requests that waited then, not for new
// ones.
//
// Acquire gives up after ClaimTTL/3 (the bound of a refresh too): a
// write in flight when the stream's leader stops gets no answer at all,
// and waiting for one would spend the request's whole budget while the
// cluster elects another leader. The caller then translates without
// coalescing, which costs at most a duplicate model call.
func (s *Store) Acquire(ctx context.Context, key string) (cache.Entry, bool, cache.Claim, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.ClaimTTL/3)
	defer cancel()
	val := s.marker(nil)
	expect := uint64(0)
	for range 3 {
		rev, err := s.write(ctx, key, val, expect, s.cfg.ClaimTTL)
		if err == nil {
			h := &heldClaim{s: s, key: key, val: val, rev: rev}
			h.mu.Lock()
			h.timer = time.AfterFunc(s.cfg.ClaimTTL/3, h.refresh)
			h.mu.Unlock()
			return cache.Entry{}, false, h, nil
		}
		if !errors.Is(err, errConflict) {
			return cache.Entry{}, false, nil, fmt.Errorf("claim %s: %w", key, err)
		}
		cur, rev, deleted, err := s.latest(ctx, key)
		switch {
		case err != nil:
			return cache.Entry{}, false, nil, fmt.Errorf("read %s: %w", key, err)
		case deleted:
			expect = rev // claim over the delete marker
		case cur.Claim == nil:
			return cur.Entry, true, nil, nil
		case cur.Claim.Failure == nil:
			return cache.Entry{}, false, nil, cache.ErrClaimed
		default:
			expect = rev // take over a failed claim
		}
	}
	// Every attempt lost a race: someone else is at work on the key.
	return cache.Entry{}, false, nil, cache.ErrClaimed
}

// heldClaim is a claim this replica holds, refreshed in the background so
// that its TTL (ClaimTTL) only frees it when this replica dies. The
// refresh is a timer rather than a goroutine: almost every claim ends long
// before its first refresh is due, and then it costs nothing but the timer.
type heldClaim struct {
	s   *Store
	key string
	val []byte // the marker, written again by each refresh

	mu    sync.Mutex
	timer *time.Timer
	rev   uint64 // 0 once the claim is lost
	ended bool
}

// refresh writes the marker again (under mu, so that end waits for a
// refresh in flight) and arms the next one unless the claim ended or was
// lost meanwhile.
func (h *heldClaim) refresh() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ended || h.rev == 0 || h.s.ctx.Err() != nil {
		return
	}
	ttl := h.s.cfg.ClaimTTL
	ctx, cancel := context.WithTimeout(h.s.ctx, ttl/3)
	rev, err := h.s.write(ctx, h.key, h.val, h.rev, ttl)
	cancel()
	switch {
	case err == nil:
		h.rev = rev
	case errors.Is(err, errConflict):
		// Deleted (an invalidation) or expired and taken over: the result
		// must not overwrite whatever is there now.
		h.rev = 0
		h.s.log.Debug("claim lost", "key", h.key)
		return
	case h.s.ctx.Err() != nil:
		return // the store closed
	default:
		h.s.log.Warn("claim refresh failed", "key", h.key, "err", err)
	}
	h.timer.Reset(ttl / 3)
}

// end stops the refresh and returns the claim's revision (0: lost). Only
// the first call gets it.
func (h *heldClaim) end() (rev uint64, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ended {
		return 0, false
	}
	h.ended = true
	h.timer.Stop()
	return h.rev, h.rev != 0
}

// Fulfil implements cache.Claim: the result replaces the marker, without
// a TTL of its own (the bucket's applies).
func (h *heldClaim) Fulfil(ctx context.Context, e cache.Entry) error {
	rev, ok := h.end()
	if !ok {
		return cache.ErrReleased
	}
	b, err := gojson.Marshal(stored{Entry: e})
	if err != nil {
		return err
	}
	if _, err := h.s.write(ctx, h.key, b, rev, 0); err != nil {
		if errors.Is(err, errConflict) {
			return cache.ErrReleased
		}
		return fmt.Errorf("store %s: %w", h.key, err)
	}
	return nil
}

// Release implements cache.Claim.
func (h *heldClaim) Release(ctx context.Context, failure *cache.Failure) {
	rev, ok := h.end()
	if !ok {
		return
	}
	var err error
	if failure == nil {
		err = h.s.cache.Delete(ctx, h.key, jetstream.LastRevision(rev))
	} else {
		// The failure stays readable until its TTL ends it; a new
		// request takes the claim over (see Acquire).
		_, err = h.s.write(ctx, h.key, h.s.marker(failure), rev, h.s.cfg.ClaimTTL)
	}
	if err != nil && !errors.Is(err, errConflict) && !errors.Is(err, jetstream.ErrKeyExists) && !notFound(err) {
		h.s.log.Warn("claim release failed", "key", h.key, "err", err)
	}
}

// Await implements cache.Claimer. It watches the key; since a claim that
// expires leaves a marker only where the server supports it, it also
// re-reads the key every ClaimTTL.
//
// Setting the watch up (a JetStream API request that creates a consumer)
// and each re-read give up after ClaimTTL/3, as a claim does: while the
// stream elects a leader they get no answer at all, and the caller is
// better off translating without coalescing than waiting out its budget.
//
// It asks the holder whether it lives when it first sees the claim and
// every livenessEvery after; a claim whose holder is gone is freed and
// Await returns ErrReleased, so that the caller claims the key itself.
func (s *Store) Await(ctx context.Context, key string) (cache.Entry, *cache.Failure, error) {
	w, err := s.watch(ctx, key)
	if err != nil {
		return cache.Entry{}, nil, fmt.Errorf("watch %s: %w", key, err)
	}
	defer func() { _ = w.Stop() }()
	check := time.NewTicker(s.cfg.ClaimTTL)
	defer check.Stop()
	// outcome reads what a key holds: done reports a result or a failure
	// (or a claim gone), false a claim still held.
	outcome := func(v stored) (cache.Entry, *cache.Failure, bool) {
		switch {
		case v.Claim == nil:
			return v.Entry, nil, true
		case v.Claim.Failure != nil:
			return cache.Entry{}, v.Claim.Failure, true
		}
		return cache.Entry{}, nil, false
	}
	alive := time.NewTicker(s.livenessEvery())
	defer alive.Stop()
	// held is the claim being waited for and rev its revision, once the
	// watch has shown it.
	var (
		held *claimValue
		rev  uint64
	)
	// gone frees held if its holder has gone.
	gone := func() bool {
		if held == nil || !s.holderGone(ctx, held) {
			return false
		}
		dctx, cancel := context.WithTimeout(ctx, s.cfg.ClaimTTL/3)
		defer cancel()
		// Only a delete of this very revision: a result or a newer claim
		// written meanwhile stays.
		if err := s.cache.Delete(dctx, key, jetstream.LastRevision(rev)); err == nil {
			s.log.Info("freed the claim of a replica that is gone", "key", key, "holder", held.Owner)
		}
		return true
	}
	for {
		select {
		case <-ctx.Done():
			return cache.Entry{}, nil, ctx.Err()
		case <-alive.C:
			if gone() {
				return cache.Entry{}, nil, cache.ErrReleased
			}
		case e, ok := <-w.Updates():
			switch {
			case !ok:
				return cache.Entry{}, nil, cache.ErrReleased
			case e == nil: // the current value, if any, has been delivered
				if held == nil {
					return cache.Entry{}, nil, cache.ErrReleased
				}
			case e.Operation() != jetstream.KeyValuePut:
				return cache.Entry{}, nil, cache.ErrReleased
			default:
				v, err := decode(e.Value())
				if err != nil {
					return cache.Entry{}, nil, fmt.Errorf("decode %s: %w", key, err)
				}
				if ent, failure, done := outcome(v); done {
					return ent, failure, nil
				}
				first := held == nil
				held, rev = v.Claim, e.Revision()
				if first && gone() {
					return cache.Entry{}, nil, cache.ErrReleased
				}
			}
		case <-check.C:
			rctx, cancel := context.WithTimeout(ctx, s.cfg.ClaimTTL/3)
			v, _, deleted, err := s.latest(rctx, key)
			cancel()
			if err != nil {
				continue
			}
			if deleted {
				return cache.Entry{}, nil, cache.ErrReleased
			}
			if ent, failure, done := outcome(v); done {
				return ent, failure, nil
			}
		}
	}
}

// watch sets up a watch of key, giving up after ClaimTTL/3. The watch
// ends with the context it is set up with (nats.go unsubscribes when a
// subscription's context ends), so the bound cannot be a shorter context:
// the setup runs on its own goroutine, and one that answers after the
// bound is stopped. That context is not ctx either: when ctx ended, nats.go
// would unsubscribe on a goroutine of its own while Await's Stop did too,
// deleting the consumer twice. The watch ends with its Stop, which then
// ends the context (stopping).
func (s *Store) watch(ctx context.Context, key string) (jetstream.KeyWatcher, error) {
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	type started struct {
		w   jetstream.KeyWatcher
		err error
	}
	ch := make(chan started, 1)
	go func() {
		w, err := s.cache.Watch(wctx, key)
		ch <- started{w, err}
	}()
	t := time.NewTimer(s.cfg.ClaimTTL / 3)
	defer t.Stop()
	select {
	case r := <-ch:
		if r.err != nil {
			cancel()
			return nil, r.err
		}
		return stopping{KeyWatcher: r.w, cancel: cancel}, nil
	case <-t.C:
		cancel()
		return nil, context.DeadlineExceeded
	case <-ctx.Done():
		cancel()
		return nil, ctx.Err()
	}
}

// stopping is a watcher that also ends the context it was set up with.
type stopping struct {
	jetstream.KeyWatcher
	cancel context.CancelFunc
}

func (w stopping) Stop() error {
	defer w.cancel()
	return w.KeyWatcher.Stop()
}

func (s *Store) owner() string {
	s.ownerOnce.Do(func() { s.ownerID = nuid.Next() })
	return s.ownerID
}

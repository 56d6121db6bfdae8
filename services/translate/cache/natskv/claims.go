package natskv

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/parley-chat/parley/services/translate/cache"
)

// claimValue is what a claim key holds.
type claimValue struct {
	Owner   string         `json:"owner"`
	Failure *cache.Failure `json:"failure,omitempty"`
	// Done: the holder stored its result in the cache before it wrote
	// this. The marker (rather than a delete) lets a replica that read
	// the cache just before the result landed, and claims just after,
	// find out that it must read again instead of calling the backend a
	// second time. The bucket's TTL ends it.
	Done bool `json:"done,omitempty"`
}

// doneClaim reports whether e is a claim released with a result.
func doneClaim(e jetstream.KeyValueEntry) bool {
	var cv claimValue
	return e != nil && e.Operation() == jetstream.KeyValuePut && json.Unmarshal(e.Value(), &cv) == nil && cv.Done
}

// claimKey maps a cache key ("t.<hash>") to its claim key ("c.<hash>").
func claimKey(key string) string {
	return "c." + strings.TrimPrefix(key, "t.")
}

// heldClaim is a claim this replica holds, refreshed in the background so
// that the bucket's TTL (ClaimTTL) only frees it when this replica dies.
type heldClaim struct {
	s    *Store
	key  string
	val  []byte
	rev  uint64
	stop chan struct{}
	done chan struct{}
	once sync.Once
	mu   sync.Mutex
}

// Claim implements cache.Claimer. A claim whose holder failed is taken
// over: its failure was for the requests that waited then, not for new
// ones. So is a claim released with a result that is no longer in the
// cache (deleted since); while the result is there, Claim fails with
// cache.ErrDone.
func (s *Store) Claim(ctx context.Context, key string) (cache.Claim, error) {
	ck := claimKey(key)
	val, _ := json.Marshal(claimValue{Owner: s.owner()})
	rev, err := s.claims.Create(ctx, ck, val)
	if errors.Is(err, jetstream.ErrKeyExists) {
		e, gerr := s.claims.Get(ctx, ck)
		switch {
		case notFound(gerr):
			rev, err = s.claims.Create(ctx, ck, val)
		case gerr != nil:
			return nil, fmt.Errorf("read claim %s: %w", ck, gerr)
		default:
			var cur claimValue
			if json.Unmarshal(e.Value(), &cur) == nil && cur.Failure == nil {
				if !cur.Done {
					return nil, cache.ErrClaimed
				}
				if _, ok, err := s.Get(ctx, key); err == nil && ok {
					return nil, cache.ErrDone
				}
			}
			rev, err = s.claims.Update(ctx, ck, val, e.Revision())
		}
	}
	if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return nil, cache.ErrClaimed // another replica was faster
	}
	if err != nil {
		return nil, fmt.Errorf("claim %s: %w", ck, err)
	}
	h := &heldClaim{s: s, key: ck, val: val, rev: rev, stop: make(chan struct{}), done: make(chan struct{})}
	go h.refresh()
	return h, nil
}

func (h *heldClaim) refresh() {
	defer close(h.done)
	t := time.NewTicker(h.s.cfg.ClaimTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-h.s.ctx.Done():
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(h.s.ctx, h.s.cfg.ClaimTTL/3)
			h.mu.Lock()
			rev, err := h.s.claims.Update(ctx, h.key, h.val, h.rev)
			if err == nil {
				h.rev = rev
			}
			h.mu.Unlock()
			cancel()
			if err != nil {
				h.s.log.Warn("claim refresh failed", "key", h.key, "err", err)
			}
		}
	}
}

// Release implements cache.Claim.
func (h *heldClaim) Release(ctx context.Context, failure *cache.Failure) {
	h.once.Do(func() {
		close(h.stop)
		<-h.done
		h.mu.Lock()
		defer h.mu.Unlock()
		// The outcome stays readable until the bucket's TTL ends it: a
		// failure is taken over by a new request, a result sends it to
		// the cache (see Claim).
		cv := claimValue{Owner: h.s.owner(), Failure: failure, Done: failure == nil}
		val, _ := json.Marshal(cv)
		_, err := h.s.claims.Update(ctx, h.key, val, h.rev)
		if err != nil && !notFound(err) {
			h.s.log.Warn("claim release failed", "key", h.key, "err", err)
		}
	})
}

// Await implements cache.Claimer. It watches both the result key and the
// claim key; since a claim that expires (its holder died) leaves no
// marker, it also re-reads the claim every ClaimTTL.
func (s *Store) Await(ctx context.Context, key string) (cache.Entry, *cache.Failure, error) {
	ck := claimKey(key)
	results, err := s.cache.Watch(ctx, key)
	if err != nil {
		return cache.Entry{}, nil, fmt.Errorf("watch %s: %w", key, err)
	}
	defer func() { _ = results.Stop() }()
	claims, err := s.claims.Watch(ctx, ck)
	if err != nil {
		return cache.Entry{}, nil, fmt.Errorf("watch %s: %w", ck, err)
	}
	defer func() { _ = claims.Stop() }()
	check := time.NewTicker(s.cfg.ClaimTTL)
	defer check.Stop()
	claimSeen := false
	// released prefers a result that arrived with the release: the two
	// watchers deliver in no particular order.
	released := func() (cache.Entry, *cache.Failure, error) {
		if e, ok, err := s.Get(ctx, key); err == nil && ok {
			return e, nil, nil
		}
		return cache.Entry{}, nil, cache.ErrReleased
	}
	for {
		select {
		case <-ctx.Done():
			return cache.Entry{}, nil, ctx.Err()
		case e, ok := <-results.Updates():
			if !ok {
				return released()
			}
			if e == nil || e.Operation() != jetstream.KeyValuePut {
				continue
			}
			var ent cache.Entry
			if err := json.Unmarshal(e.Value(), &ent); err != nil {
				return cache.Entry{}, nil, fmt.Errorf("decode %s: %w", key, err)
			}
			return ent, nil, nil
		case e, ok := <-claims.Updates():
			switch {
			case !ok:
				return released()
			case e == nil: // the current value, if any, has been delivered
				if !claimSeen {
					return released()
				}
			case e.Operation() != jetstream.KeyValuePut:
				return released()
			default:
				claimSeen = true
				var cv claimValue
				if json.Unmarshal(e.Value(), &cv) == nil && cv.Failure != nil {
					return cache.Entry{}, cv.Failure, nil
				}
				if cv.Done {
					return released()
				}
			}
		case <-check.C:
			if e, err := s.claims.Get(ctx, ck); notFound(err) || doneClaim(e) {
				return released()
			}
		}
	}
}

func (s *Store) owner() string {
	s.ownerOnce.Do(func() { s.ownerID = nuid.Next() })
	return s.ownerID
}

package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
)

// UsageBucket is the JetStream KV bucket of monthly character counters:
// key "<key id>.<YYYY-MM>", value the decimal count. Every replica adds to
// the same counters, so a quota holds across replicas.
const UsageBucket = "parley_usage"

// usageTTL (the bucket's max age, counted from a counter's last write)
// keeps a month's counter long enough for a yearly report, then lets
// JetStream drop it.
const usageTTL = 400 * 24 * time.Hour

// Limits are the gateway's default per-key limits; a managed key may
// override each (KeyLimits). Zero means unlimited.
type Limits struct {
	// Rate is the sustained requests per second of one key.
	Rate float64
	// Burst is how many requests one key may make at once (default: Rate,
	// at least 1).
	Burst int
	// MonthlyChars is the characters one key may translate per calendar
	// month (UTC).
	MonthlyChars int64
	// FeedbackRate is the sustained POST /v1/feedback requests per second
	// of one key, on top of Rate, and FeedbackBurst how many it may send
	// at once (default FeedbackRate, at least 1): feedback is stored for
	// 90 days and credited to experiment arms, so it has a budget of its
	// own even where requests are not limited.
	FeedbackRate  float64
	FeedbackBurst int
}

// Default feedback budget of one key (LimitsFromEnv).
const (
	DefaultFeedbackRate  = 2
	DefaultFeedbackBurst = 60
)

// LimitsFromEnv reads GATEWAY_RATE_LIMIT (requests per second per key, a
// decimal: 0.5 is one request every 2 s),
// GATEWAY_RATE_BURST and GATEWAY_MONTHLY_CHARS, which default to 0
// (unlimited), so a local `make run` and benchmarks are never throttled,
// and GATEWAY_FEEDBACK_RATE and GATEWAY_FEEDBACK_BURST, the feedback
// budget per key (DefaultFeedbackRate per second, bursts of
// DefaultFeedbackBurst; a rate of 0 is unlimited).
func LimitsFromEnv(r *config.Reader) Limits {
	return Limits{
		Rate:          r.Float("GATEWAY_RATE_LIMIT", 0),
		Burst:         r.Int("GATEWAY_RATE_BURST", 0),
		MonthlyChars:  int64(r.Int("GATEWAY_MONTHLY_CHARS", 0)),
		FeedbackRate:  r.Float("GATEWAY_FEEDBACK_RATE", DefaultFeedbackRate),
		FeedbackBurst: r.Int("GATEWAY_FEEDBACK_BURST", DefaultFeedbackBurst),
	}
}

// effective resolves a key's limits against the defaults: the rate and
// burst of its token bucket (rate <= 0: unlimited) and its monthly quota
// (<= 0: unlimited).
func (d Limits) effective(k KeyLimits) (rate float64, burst int, monthly int64) {
	rate, burst, monthly = d.Rate, d.Burst, d.MonthlyChars
	if k.Rate != 0 {
		rate, burst = k.Rate, k.Burst
	} else if k.Burst > 0 {
		burst = k.Burst
	}
	if burst <= 0 {
		burst = max(1, int(math.Ceil(rate)))
	}
	if k.MonthlyChars != 0 {
		monthly = k.MonthlyChars
	}
	return rate, burst, monthly
}

// authState is the gateway's key machinery: the managed key store, the
// per-key token buckets and the usage counters.
type authState struct {
	limits  Limits
	buckets limiter
	now     func() time.Time
	// bound holds the key store and the usage counters once both are
	// open (bindKeys); until then no route that reads keys is served.
	bound atomic.Pointer[authBinding]
	// cancel ends the background binding (keepBinding); done is closed
	// once it has ended, at once when the first attempt bound.
	cancel context.CancelFunc
	done   chan struct{}
}

// authBinding is what checking keys needs JetStream for: the managed key
// store (KeysBucket) and the shared usage counters (UsageBucket).
type authBinding struct {
	store *KeyStore
	usage *groupUsage
}

// errKeysUnbound is what the gateway waits for while its key store or
// usage counters are not open: its readiness, and every route but the
// probes (keysReady).
var errKeysUnbound = errors.New("the API key store (" + KeysBucket + ") and usage counters (" + UsageBucket + ") are not open yet: JetStream is unreachable; retrying")

// probeRoutes are served while the keys cannot be checked: an
// orchestrator must see the gateway alive and not ready. /health is
// LibreTranslate's /healthz.
var probeRoutes = map[string]bool{"/healthz": true, "/health": true, "/readyz": true}

// registerKeys binds the managed key store (KeysBucket) and the usage
// counters (UsageBucket), sets up rate limits, and adds GET /v1/usage.
//
// Both are needed to check a key: without the store the gateway cannot
// tell a managed key from a wrong one, nor a deployment that has keys
// from an open one, and without the shared counters quotas do not hold.
// So a gateway that cannot open them (JetStream without a quorum while
// NATS nodes restart) never serves as if no key existed: it keeps trying
// in the background, answers 503 with Retry-After on every route but
// /healthz and /readyz, and is not ready, until both are open.
func (s *Server) registerKeys(e *echo.Echo) {
	ctx, cancel := context.WithCancel(context.Background())
	s.auth = &authState{limits: s.cfg.Limits, now: time.Now, cancel: cancel, done: make(chan struct{})}
	// A copy of the configured keys, to attach the store to once open.
	s.keys = s.keys.WithStore(nil)
	// The first attempt is made here, so that a gateway whose JetStream
	// answers starts with its keys.
	b := &authBinding{}
	if err := s.bindKeys(ctx, b); err != nil {
		s.log.Warn("API keys cannot be checked yet; answering 503 and retrying in the background", "err", err)
		go s.keepBinding(ctx, b)
	} else {
		close(s.auth.done)
	}
	e.GET("/v1/usage", s.handleUsage, s.requireRole(RoleClient))
}

// bindKeys opens what b still lacks of the key store and the usage
// counters, within one attempt's timeout, and once both are open attaches
// the store to the gateway's keys and marks the keys bound.
func (s *Server) bindKeys(ctx context.Context, b *authBinding) error {
	ctx, cancel := context.WithTimeout(ctx, min(s.cfg.Timeout, 5*time.Second))
	defer cancel()
	if b.store == nil {
		st, err := OpenKeyStore(ctx, s.nc, s.cfg.JSReplicas, s.log)
		if err != nil {
			return fmt.Errorf("managed API keys: %w", err)
		}
		b.store = st
	}
	if b.usage == nil {
		u, err := openUsage(ctx, s.nc, s.cfg.JSReplicas)
		if err != nil {
			return fmt.Errorf("usage counters: %w", err)
		}
		b.usage = newGroupUsage(u, s.log)
	}
	s.keys.attach(b.store)
	s.keys.warnManagedClashes(s.log)
	s.auth.bound.Store(b)
	return nil
}

// keepBinding retries bindKeys, backing off up to 2 s between attempts,
// until it succeeds or ctx ends (Close). Failures are logged at most
// every 30 s: JetStream may take minutes to come back.
func (s *Server) keepBinding(ctx context.Context, b *authBinding) {
	defer close(s.auth.done)
	wait, logged := 100*time.Millisecond, time.Now()
	for attempt := 2; ; attempt++ {
		select {
		case <-ctx.Done():
			if b.store != nil {
				_ = b.store.Close()
			}
			return
		case <-time.After(wait):
		}
		err := s.bindKeys(ctx, b)
		if err == nil {
			s.log.Info("API keys and usage counters open; serving", "attempts", attempt)
			return
		}
		if ctx.Err() == nil && time.Since(logged) >= 30*time.Second {
			s.log.Warn("API keys cannot be checked yet; still answering 503", "attempts", attempt, "err", err)
			logged = time.Now()
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// keysReady is nil once the key store and the usage counters are open,
// errKeysUnbound until then.
func (s *Server) keysReady() error {
	if s.auth == nil || s.auth.bound.Load() != nil {
		return nil
	}
	return errKeysUnbound
}

// keysGate answers 503 with Retry-After, on every route but the probes,
// while the keys cannot be checked (keysReady).
func (s *Server) keysGate(c echo.Context) error {
	if err := s.keysReady(); err != nil && !probeRoutes[c.Path()] {
		return &api.Error{Code: api.CodeUnavailable, RetryAfter: 2,
			Message: "the gateway cannot check API keys yet (its key store is unreachable); retry shortly"}
	}
	return nil
}

// Close releases the watches the gateway holds: the managed key store's,
// and those a request opened (presence, the chat log, moderators'
// decisions, experiments and flags), each ending its consumer before the
// connection drains. The HTTP server is stopped through Serve's context,
// before Close.
func (s *Server) Close() error {
	errs := []error{s.closeMessages(), s.feedback.close()}
	if s.auth != nil {
		s.auth.cancel()
		<-s.auth.done
		if b := s.auth.bound.Load(); b != nil {
			errs = append(errs, b.store.Close())
		}
	}
	return errors.Join(errs...)
}

// tenant is the tenant of the caller's key ("" for none or an anonymous
// caller). Every handler that runs the pipeline passes it as
// pipeline.Request.Tenant; callers cannot choose another.
func (s *Server) tenant(c echo.Context) string {
	if p := PrincipalFrom(c.Request().Context()); p != nil {
		return p.Tenant
	}
	return ""
}

// admit records p as the request's caller and applies its rate limit:
// a caller over its rate gets a 429 with Retry-After.
func (s *Server) admit(c echo.Context, p *Principal) error {
	req := c.Request()
	c.SetRequest(req.WithContext(context.WithValue(req.Context(), principalKey{}, p)))
	err := s.rateLimit(p)
	var rl *rateLimitError
	if errors.As(err, &rl) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(rl.err.RetryAfter))
	}
	return err
}

// rateLimit spends one token of p's bucket: a *rateLimitError (RetryAfter
// set) when p is over its rate. The API (admit) and the console share it.
func (s *Server) rateLimit(p *Principal) error {
	if s.auth == nil {
		return nil
	}
	rate, burst, _ := s.auth.limits.effective(p.Limits)
	if rate <= 0 {
		return nil
	}
	ok, wait := s.auth.buckets.take(p.KeyID, rate, burst, s.auth.now())
	if ok {
		return nil
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	return &rateLimitError{err: &api.Error{Code: api.CodeRateLimited, RetryAfter: secs,
		Message: fmt.Sprintf("rate limit of %g requests per second (burst %d) exceeded; retry in %d s", rate, burst, secs)}}
}

// rateLimitError and quotaError mark the two kinds of 429, so the DeepL
// compatibility path can answer 429 and 456 as DeepL does.
type rateLimitError struct{ err *api.Error }

func (e *rateLimitError) Error() string { return e.err.Error() }
func (e *rateLimitError) Unwrap() error { return e.err }

type quotaError struct{ err *api.Error }

func (e *quotaError) Error() string { return e.err.Error() }
func (e *quotaError) Unwrap() error { return e.err }

// quotaCheck is quotaFor for the caller of c, with Retry-After set when the
// quota is spent (a 429, or DeepL's 456, until the next month). Handlers
// that run the pipeline check the source characters (code points, as
// DeepL counts) and count, once the work succeeded, those of the texts
// that came back translated (billedChars).
func (s *Server) quotaCheck(c echo.Context, n int64) (count func(n int64), err error) {
	count, err = s.quotaFor(c.Request().Context(), PrincipalFrom(c.Request().Context()), n)
	if err == nil {
		// A handler that returns without counting (an error, a HEAD)
		// gives the reservation back before its response ends, so that
		// the caller's next request finds it free.
		if end, ok := c.Request().Context().Value(requestEndKey{}).(*requestEnd); ok {
			end.add(func() { count(0) })
		}
	}
	var qe *quotaError
	if errors.As(err, &qe) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(qe.err.RetryAfter))
	}
	return count, err
}

// quotaFor is quota for principal p (nil: anonymous, not counted) without
// an echo.Context, for work that goes on after the response started (the
// event stream): it checks that p may translate n more characters and
// returns the function that counts what was translated in the end, which
// may be less than n (message views count only the texts that came back
// translated). The error of a spent quota is a *quotaError whose
// RetryAfter is the seconds to the start of the next month; setting the
// header is the caller's business.
//
// The check reserves the n characters until count is called (count(0)
// for nothing translated) or ctx ends, whichever comes first: parallel
// requests of one key each see the others' characters, so that they
// cannot all pass on the same count (groupUsage.reserve). A replica
// serves at most the quota; only other replicas' requests in flight are
// not seen.
func (s *Server) quotaFor(ctx context.Context, p *Principal, n int64) (count func(n int64), err error) {
	if p == nil || s.auth == nil {
		return func(int64) {}, nil
	}
	now := s.auth.now().UTC()
	_, _, limit := s.auth.limits.effective(p.Limits)
	b := s.auth.bound.Load()
	if b == nil {
		return nil, api.Errorf(api.CodeUnavailable, "the usage counters cannot be read right now")
	}
	var reserved int64
	if limit > 0 && n > 0 {
		used, ok, err := b.usage.reserve(ctx, p.KeyID, now, n, limit)
		if err != nil {
			return nil, api.Errorf(api.CodeUnavailable, "the usage counters cannot be read right now")
		}
		if !ok {
			next := time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, time.UTC)
			secs := max(1, int(math.Ceil(next.Sub(now).Seconds())))
			return nil, &quotaError{err: &api.Error{Code: api.CodeRateLimited, RetryAfter: secs,
				Message: fmt.Sprintf("monthly character quota of %d exhausted (%d used or taken by requests in progress, this request needs %d); it resets on %s",
					limit, used, n, next.Format("2006-01-02"))}}
		}
		reserved = n
	}
	// settle ends the reservation once: counting, or when the request
	// ends without counting (an error, a HEAD), as a refund.
	var once sync.Once
	stop := func() bool { return true }
	if reserved > 0 {
		stop = context.AfterFunc(ctx, func() {
			once.Do(func() { _ = b.usage.settle(context.Background(), p.KeyID, now, reserved, 0) })
		})
	}
	return func(n int64) {
		stop()
		held := int64(0)
		once.Do(func() { held = reserved })
		if n <= 0 {
			if held > 0 {
				_ = b.usage.settle(ctx, p.KeyID, now, held, 0)
			}
			return
		}
		// The translation is done; a slow counter must not fail it. The
		// wait keeps the next quota check of this caller (the next view
		// of an event stream) exact; when the shared counter cannot take
		// writes for a while (a JetStream leader change), the characters
		// stay queued, and held against the quota by this replica, until
		// they are counted (groupUsage).
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		if err := b.usage.settle(ctx, p.KeyID, now, held, n); err != nil {
			s.log.Warn("count characters: not stored yet", "key_id", p.KeyID, "err", err)
		}
	}, nil
}

// usage is the caller's character count this month and its limit (0:
// unlimited).
func (s *Server) usage(c echo.Context) (used, limit int64, err error) {
	p := PrincipalFrom(c.Request().Context())
	if p == nil || s.auth == nil {
		return 0, 0, nil
	}
	_, _, limit = s.auth.limits.effective(p.Limits)
	b := s.auth.bound.Load()
	if b == nil {
		return 0, 0, api.Errorf(api.CodeUnavailable, "the usage counters cannot be read right now")
	}
	used, err = b.usage.get(c.Request().Context(), p.KeyID, s.auth.now().UTC())
	if err != nil {
		return 0, 0, api.Errorf(api.CodeUnavailable, "the usage counters cannot be read right now")
	}
	return used, max(limit, 0), nil
}

// Usage is the body of GET /v1/usage: the calling key and its limits.
type Usage struct {
	KeyID  string `json:"key_id,omitempty"`
	Name   string `json:"name,omitempty"`
	Tenant string `json:"tenant,omitempty"`
	Roles  []Role `json:"roles,omitempty"`
	// Month is the calendar month (UTC) the count is for, "2006-01".
	Month string `json:"month"`
	// Characters are the characters translated this month.
	Characters int64 `json:"characters"`
	// CharacterLimit is the monthly quota (0: unlimited).
	CharacterLimit int64 `json:"character_limit"`
	// RateLimit is requests per second (0: unlimited), Burst the bucket size.
	RateLimit float64 `json:"rate_limit"`
	Burst     int     `json:"burst,omitempty"`
}

func (s *Server) handleUsage(c echo.Context) error {
	used, limit, err := s.usage(c)
	if err != nil {
		return err
	}
	u := Usage{Month: s.auth.now().UTC().Format("2006-01"), Characters: used, CharacterLimit: limit}
	if p := PrincipalFrom(c.Request().Context()); p != nil {
		u.KeyID, u.Name, u.Tenant, u.Roles = p.KeyID, p.Name, p.Tenant, p.Roles
		rate, burst, _ := s.auth.limits.effective(p.Limits)
		if rate > 0 {
			u.RateLimit, u.Burst = rate, burst
		}
	}
	return c.JSON(http.StatusOK, u)
}

// limiter holds one token bucket per key id. Buckets are per replica: with
// n replicas behind a balancer a key may reach n times its rate, which is
// the usual trade for never paying a NATS round trip per request.
type limiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// take spends one token of id's bucket, refilled at rate per second up to
// burst. When the bucket is empty it reports how long until a token is
// back.
func (l *limiter) take(id string, rate float64, burst int, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	b := l.buckets[id]
	if b == nil {
		b = &bucket{tokens: float64(burst), last: now}
		l.buckets[id] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(float64(burst), b.tokens+el*rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / rate * float64(time.Second))
}

// usageCounter counts characters per key and calendar month.
type usageCounter interface {
	get(ctx context.Context, keyID string, month time.Time) (int64, error)
	add(ctx context.Context, keyID string, month time.Time, n int64) error
}

func usageKey(keyID string, month time.Time) string {
	return keyID + "." + month.UTC().Format("2006-01")
}

// kvUsage keeps the counters in UsageBucket, shared by every replica.
// Adds use compare-and-set, so concurrent replicas never lose a count.
type kvUsage struct {
	kv jetstream.KeyValue
}

func (u *kvUsage) get(ctx context.Context, keyID string, month time.Time) (int64, error) {
	n, _, err := u.read(ctx, usageKey(keyID, month))
	return n, err
}

func (u *kvUsage) read(ctx context.Context, key string) (int64, uint64, error) {
	e, err := u.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("read usage %s: %w", key, err)
	}
	n, err := strconv.ParseInt(string(e.Value()), 10, 64)
	if err != nil {
		return 0, 0, fmt.Errorf("usage %s holds %q: %w", key, e.Value(), err)
	}
	return n, e.Revision(), nil
}

func (u *kvUsage) add(ctx context.Context, keyID string, month time.Time, n int64) error {
	key := usageKey(keyID, month)
	for range 20 {
		cur, rev, err := u.read(ctx, key)
		if err != nil {
			return err
		}
		val := []byte(strconv.FormatInt(cur+n, 10))
		if rev == 0 {
			_, err = u.kv.Create(ctx, key, val)
			if errors.Is(err, jetstream.ErrKeyExists) {
				continue
			}
		} else {
			_, err = u.kv.Update(ctx, key, val, rev)
			if errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
				continue
			}
		}
		if err != nil {
			return fmt.Errorf("count usage %s: %w", key, err)
		}
		return nil
	}
	return fmt.Errorf("count usage %s: too many concurrent updates", key)
}

// groupUsage merges the concurrent adds of one replica to one counter
// into a single compare-and-set (a group commit). Every translated view
// counts, and one API key usually serves a whole chat app, so a message
// sent to a group chat makes as many adds to the same counter as it has
// readers at once; each one a compare-and-set of its own, they would
// conflict and retry until kvUsage gave up and lost counts. Here the first
// add of a burst writes alone and the others, queued meanwhile, go
// together in the next write. An add returns once its characters are
// stored (or finally failed), or when its context ends: its characters
// then stay queued.
//
// A write that fails is tried again, with the characters queued since,
// for up to retryFor: a JetStream leader change makes the bucket refuse
// writes for a few seconds, and the views served meanwhile must still
// count. Only after that are the characters given up, and logged.
//
// It also holds what the store cannot tell a quota check yet (reserve):
// the characters of this replica's requests that passed their check and
// are still translating, and those counted but not stored yet.
type groupUsage struct {
	inner    usageCounter
	log      *slog.Logger
	retryFor time.Duration
	mu       sync.Mutex
	slots    map[string]*usageSlot
	holds    map[string]*usageHold
}

// usageHold is what this replica holds of one counter beyond what the
// store has: while it has something in flight, or a check is reading the
// store.
type usageHold struct {
	// reserved are the characters of requests that passed the quota
	// check and have not counted yet (reserve, settle).
	reserved int64
	// unstored are counted characters queued or being written.
	unstored int64
	// written are the characters written since the hold was made: a
	// check adds those written while it read the store, which its read
	// may have missed.
	written int64
	// readers are the checks reading the store; the hold stays while
	// one does, so that written means the same to it throughout.
	readers int
}

// usageSlot is one counter's queue: the characters not yet written and
// the adds waiting for them.
type usageSlot struct {
	keyID   string
	month   time.Time
	pending int64
	waiters []chan error
}

func newGroupUsage(inner usageCounter, log *slog.Logger) *groupUsage {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &groupUsage{inner: inner, log: log, retryFor: time.Minute, slots: map[string]*usageSlot{}, holds: map[string]*usageHold{}}
}

// hold is k's hold, made if needed (u.mu held).
func (u *groupUsage) hold(k string) *usageHold {
	h := u.holds[k]
	if h == nil {
		h = &usageHold{}
		u.holds[k] = h
	}
	return h
}

// release drops k's hold once nothing is in it (u.mu held).
func (u *groupUsage) release(k string, h *usageHold) {
	if h.reserved == 0 && h.unstored == 0 && h.readers == 0 {
		delete(u.holds, k)
	}
}

// reserve is the quota check of a request of n characters against limit:
// it reserves n unless the stored count, plus what this replica has in
// flight for the counter (reserved, or counted and not stored yet), plus
// n is over limit. used is that count without n. The store is read
// without a lock, so that checks of one key do not queue behind each
// other; the check and the reservation are one step under it, so that
// parallel requests cannot all pass on the same count. Every reservation
// ends with settle.
func (u *groupUsage) reserve(ctx context.Context, keyID string, month time.Time, n, limit int64) (used int64, ok bool, err error) {
	k := usageKey(keyID, month)
	u.mu.Lock()
	h := u.hold(k)
	h.readers++
	before := h.written
	u.mu.Unlock()
	stored, err := u.inner.get(ctx, keyID, month)
	u.mu.Lock()
	defer u.mu.Unlock()
	h.readers--
	defer u.release(k, h)
	if err != nil {
		return 0, false, err
	}
	// Characters written during the read may be in stored as well:
	// counting them twice errs on the safe side, for a moment.
	used = stored + (h.written - before) + h.unstored + h.reserved
	if used+n > limit {
		return used, false, nil
	}
	h.reserved += n
	return used, true, nil
}

// settle ends a reservation of reserved characters (reserve) and counts
// n, which may be less (0: the request failed, or translated nothing):
// as one step, so that a check never sees the characters in neither
// place. It waits for the count to be stored as add does.
func (u *groupUsage) settle(ctx context.Context, keyID string, month time.Time, reserved, n int64) error {
	if n <= 0 {
		k := usageKey(keyID, month)
		u.mu.Lock()
		if h := u.holds[k]; h != nil {
			h.reserved -= reserved
			u.release(k, h)
		}
		u.mu.Unlock()
		return nil
	}
	done := make(chan error, 1)
	k := u.queue(keyID, month, reserved, n, done)
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("count usage %s: %w", k, ctx.Err())
	}
}

func (u *groupUsage) get(ctx context.Context, keyID string, month time.Time) (int64, error) {
	return u.inner.get(ctx, keyID, month)
}

func (u *groupUsage) add(ctx context.Context, keyID string, month time.Time, n int64) error {
	return u.settle(ctx, keyID, month, 0, n)
}

// queue adds n to its counter's queue, with done to tell, and starts the
// counter's writer unless one runs; the reservation of reserved
// characters it replaces ends in the same step.
func (u *groupUsage) queue(keyID string, month time.Time, reserved, n int64, done chan error) string {
	k := usageKey(keyID, month)
	u.mu.Lock()
	sl, busy := u.slots[k]
	if !busy {
		sl = &usageSlot{keyID: keyID, month: month}
		u.slots[k] = sl
	}
	sl.pending += n
	h := u.hold(k)
	h.reserved -= reserved
	h.unstored += n
	sl.waiters = append(sl.waiters, done)
	u.mu.Unlock()
	if !busy {
		// The writer outlives its callers: it writes for the adds
		// queued behind the first one too.
		go u.write(k, sl)
	}
	return k
}

// write stores sl's pending characters, batch by batch, until none are
// left, and then retires the slot. A batch that fails is merged with what
// was queued since and tried again, for up to retryFor.
func (u *groupUsage) write(k string, sl *usageSlot) {
	var (
		n        int64
		waiters  []chan error
		failing  time.Time // when the batch in hand first failed
		backoff  = 50 * time.Millisecond
		attempts int
	)
	for {
		u.mu.Lock()
		n += sl.pending
		waiters = append(waiters, sl.waiters...)
		sl.pending, sl.waiters = 0, nil
		if n == 0 && len(waiters) == 0 {
			delete(u.slots, k)
			u.mu.Unlock()
			return
		}
		u.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := u.inner.add(ctx, sl.keyID, sl.month, n)
		cancel()
		attempts++
		if err != nil {
			if failing.IsZero() {
				failing = time.Now()
			}
			if time.Since(failing) < u.retryFor {
				time.Sleep(backoff)
				backoff = min(2*backoff, 2*time.Second)
				continue
			}
			u.log.Error("characters translated but not counted", "key_id", sl.keyID, "chars", n,
				"attempts", attempts, "err", err)
		}
		// Stored now, or given up: either way no longer this replica's
		// to add to a check.
		u.mu.Lock()
		if h := u.holds[k]; h != nil {
			h.unstored -= n
			if err == nil {
				h.written += n
			}
			u.release(k, h)
		}
		u.mu.Unlock()
		for _, w := range waiters {
			w <- err
		}
		n, waiters, failing, backoff, attempts = 0, nil, time.Time{}, 50*time.Millisecond, 0
	}
}

// memUsage counts in memory, per replica (tests).
type memUsage struct {
	mu sync.Mutex
	n  map[string]int64
}

func (u *memUsage) get(_ context.Context, keyID string, month time.Time) (int64, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.n[usageKey(keyID, month)], nil
}

func (u *memUsage) add(_ context.Context, keyID string, month time.Time, n int64) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.n == nil {
		u.n = map[string]int64{}
	}
	u.n[usageKey(keyID, month)] += n
	return nil
}

// openUsage binds to UsageBucket for tools (the CLI's key list).
func openUsage(ctx context.Context, nc *nats.Conn, replicas int) (usageCounter, error) {
	kv, err := keyValue(ctx, nc, UsageBucket, "Parley characters translated per API key and month", 1, usageTTL, replicas)
	if err != nil {
		return nil, err
	}
	return &kvUsage{kv: kv}, nil
}

// MonthlyUsage returns the characters keyID translated in month's
// calendar month, from UsageBucket (created with replicas when absent).
func MonthlyUsage(ctx context.Context, nc *nats.Conn, replicas int, keyID string, month time.Time) (int64, error) {
	u, err := openUsage(ctx, nc, replicas)
	if err != nil {
		return 0, err
	}
	return u.get(ctx, keyID, month)
}

// requestEnd holds what runs when a handler has returned, before its
// response ends (requestContext).
type requestEnd struct {
	mu  sync.Mutex
	fns []func()
}

type requestEndKey struct{}

func (e *requestEnd) add(f func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fns = append(e.fns, f)
}

func (e *requestEnd) run() {
	e.mu.Lock()
	fns := e.fns
	e.fns = nil
	e.mu.Unlock()
	for _, f := range fns {
		f()
	}
}

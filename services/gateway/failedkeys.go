package gateway

import (
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/parley-chat/parley/shared/api"
)

// Defaults of the failed-key pace (OpsConfig.FailedKeyBurst and
// FailedKeyInterval): the console's pace of failed sign-ins, per address.
const (
	DefaultFailedKeyBurst    = 20
	DefaultFailedKeyInterval = time.Second
	// failedKeyGlobal is how many times one address's pace all
	// addresses together have.
	failedKeyGlobal = 10
	// maxFailedKeyAddrs bounds the addresses tracked at once; past it,
	// those whose pace has refilled are forgotten, and if none has, a
	// new address is held to the global pace alone.
	maxFailedKeyAddrs = 10_000
)

// failedKeys paces wrong API keys, per remote address and across all of
// them, as the console paces failed sign-ins. Within the pace a wrong key
// is answered as before (401; 403 on the compatible APIs) and logged at
// warn with the address, never the key; past it, it is answered 429 with
// Retry-After and counted in the next log line instead, so a script
// trying keys learns to stop, and cannot fill the log.
//
// Keys that work are checked first and never held up: behind a reverse
// proxy every caller has the proxy's address, and one caller's wrong
// keys must not lock the others out. Guessing a key by trying stays out
// of reach anyway: managed keys hold 256 random bits, and
// PARLEY_API_KEYS wants 16 characters of at least 8 kinds.
type failedKeys struct {
	every  rate.Limit
	burst  int
	global *rate.Limiter
	log    *slog.Logger
	now    func() time.Time

	mu    sync.Mutex
	addrs map[netip.Prefix]*rate.Limiter
	// suppressed counts the failures not logged since the last line.
	suppressed atomic.Int64
}

func newFailedKeys(cfg OpsConfig, log *slog.Logger) *failedKeys {
	burst, interval := cfg.FailedKeyBurst, cfg.FailedKeyInterval
	if burst <= 0 {
		burst = DefaultFailedKeyBurst
	}
	if interval <= 0 {
		interval = DefaultFailedKeyInterval
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	every := rate.Every(interval)
	return &failedKeys{
		every: every, burst: burst,
		global: rate.NewLimiter(every*failedKeyGlobal, burst*failedKeyGlobal),
		log:    log, now: time.Now,
		addrs: map[netip.Prefix]*rate.Limiter{},
	}
}

// refuse answers a presented key that authenticates no one: wrong, an
// *api.Error of code (CodeUnauthorized or CodeForbidden), or past the
// pace a *rateLimitError (429, Retry-After set on c). via says where the
// key came from (header, api_key, auth_key) for the log line.
func (f *failedKeys) refuse(c echo.Context, code api.Code, via string) error {
	req := c.Request()
	now := f.now()
	addr := remotePrefix(req.RemoteAddr)
	wait, ok := f.allow(addr, now)
	if !ok {
		f.suppressed.Add(1)
		secs := max(1, int(math.Ceil(wait.Seconds())))
		c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
		return &rateLimitError{err: &api.Error{Code: api.CodeRateLimited, RetryAfter: secs,
			Message: fmt.Sprintf("the API key is not valid, and too many wrong keys came from this address or in all; retry in %d s", secs)}}
	}
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		host = req.RemoteAddr
	}
	args := []any{"remote", host, "method", req.Method, "route", c.Path(), "key_from", via,
		"req_id", c.Response().Header().Get(echo.HeaderXRequestID)}
	if n := f.suppressed.Swap(0); n > 0 {
		args = append(args, "suppressed", n)
	}
	f.log.WarnContext(req.Context(), "API key refused: it authenticates no one", args...)
	return api.Errorf(code, "the API key is not valid")
}

// allow spends one failure of addr's pace and of the global pace. When
// either is spent it spends neither, and reports how long until that one
// allows another.
func (f *failedKeys) allow(addr netip.Prefix, now time.Time) (time.Duration, bool) {
	var mine *rate.Reservation
	if lim := f.limiter(addr, now); lim != nil {
		mine = lim.ReserveN(now, 1)
		if wait := mine.DelayFrom(now); wait > 0 {
			mine.CancelAt(now)
			return wait, false
		}
	}
	all := f.global.ReserveN(now, 1)
	if wait := all.DelayFrom(now); wait > 0 {
		all.CancelAt(now)
		if mine != nil {
			mine.CancelAt(now)
		}
		return wait, false
	}
	return 0, true
}

// limiter is addr's pace (nil when the table is full of addresses that
// are all still paced: the global pace then holds alone).
func (f *failedKeys) limiter(addr netip.Prefix, now time.Time) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	if lim, ok := f.addrs[addr]; ok {
		return lim
	}
	if len(f.addrs) >= maxFailedKeyAddrs {
		for a, lim := range f.addrs {
			if lim.TokensAt(now) >= float64(f.burst) {
				delete(f.addrs, a)
			}
		}
		if len(f.addrs) >= maxFailedKeyAddrs {
			return nil
		}
	}
	lim := rate.NewLimiter(f.every, f.burst)
	f.addrs[addr] = lim
	return lim
}

// remotePrefix is the address a request came from, as the failed-key pace
// counts it: the peer's IP (a forwarded-for header is the client's to
// write), an IPv6 address by its /64, which one host can fill with
// addresses of its own.
func remotePrefix(remote string) netip.Prefix {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Prefix{}
	}
	ip = ip.Unmap()
	bits := 32
	if ip.Is6() {
		bits = 64
	}
	p, _ := ip.Prefix(bits)
	return p
}

// failedKey answers a presented key that authenticates no one, through
// the failed-key pace (failedKeys.refuse).
func (s *Server) failedKey(c echo.Context, code api.Code, via string) error {
	if s.ops == nil || s.ops.failed == nil {
		return api.Errorf(code, "the API key is not valid")
	}
	return s.ops.failed.refuse(c, code, via)
}

package gateway

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
)

// Event stream limits. An event stream holds a connection (a file
// descriptor), a few goroutines, subscriptions and its buffers for as
// long as its reader keeps it open, and it takes none of the load
// shedder's in-flight slots (it is long-lived and mostly idle): without a
// bound of its own, one key could open thousands and exhaust the
// process's descriptors and memory.
const (
	// DefaultMaxStreamsPerKey is GATEWAY_MAX_STREAMS_PER_KEY's default:
	// more than the chat windows one user keeps open, well under what a
	// runaway client or an abuser would open.
	DefaultMaxStreamsPerKey = 50
	// maxStreamsCeiling bounds the default process cap, whatever the
	// descriptor limit: each open stream also costs memory (about 90 KB
	// measured: 2,000 streams took a gateway from 220 to 400 MB).
	maxStreamsCeiling = 4096
	// minStreams is the least default process cap on a tiny descriptor
	// limit.
	minStreams = 64
	// streamRetryAfter is the Retry-After of a refused stream, in seconds:
	// streams free up as their readers leave.
	streamRetryAfter = 5
)

// DefaultMaxStreams is GATEWAY_MAX_STREAMS's default: half the process's
// limit of open files (the other half is for NATS, the other requests and
// the process's own files), at most 4096 and at least 64.
func DefaultMaxStreams() int {
	n, ok := fileLimit()
	if !ok {
		return 1024
	}
	return int(min(max(n/2, minStreams), maxStreamsCeiling))
}

// streamLimits counts the open event streams, per key and in all.
type streamLimits struct {
	perKey, total int

	mu    sync.Mutex
	open  int
	byKey map[string]int
}

// newStreamLimits applies cfg's caps; a zero cap (a Config built in code
// that left it out) is the default. From the environment a cap below 1
// never gets here: OpsConfigFromEnv refuses it at start.
func newStreamLimits(cfg OpsConfig) *streamLimits {
	l := &streamLimits{perKey: cfg.MaxStreamsPerKey, total: cfg.MaxStreams, byKey: map[string]int{}}
	if l.perKey <= 0 {
		l.perKey = DefaultMaxStreamsPerKey
	}
	if l.total <= 0 {
		l.total = DefaultMaxStreams()
	}
	return l
}

// acquire takes a stream slot for key ("": a caller without a key, which
// only an open deployment has; those are bounded by the process cap
// alone, since nothing tells them apart). It returns the function that
// gives the slot back, or the error to answer: 503 overloaded when the
// process is at its cap, 429 rate_limited when the key is at its own.
func (l *streamLimits) acquire(key string) (release func(), err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open >= l.total {
		return nil, &api.Error{Code: api.CodeOverloaded, RetryAfter: streamRetryAfter,
			Message: fmt.Sprintf("the gateway holds its limit of %d event streams; retry later", l.total)}
	}
	if key != "" && l.byKey[key] >= l.perKey {
		return nil, &api.Error{Code: api.CodeRateLimited, RetryAfter: streamRetryAfter,
			Message: fmt.Sprintf("this key holds its limit of %d open event streams; close one, or retry in %d s", l.perKey, streamRetryAfter)}
	}
	l.open++
	if key != "" {
		l.byKey[key]++
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.open--
			if key == "" {
				return
			}
			if l.byKey[key]--; l.byKey[key] <= 0 {
				delete(l.byKey, key)
			}
		})
	}, nil
}

// acquireStream takes an event stream slot for the caller of c. The
// error handler sets Retry-After for a 503; a 429 gets it here, as the
// rate limiter's does.
func (s *Server) acquireStream(c echo.Context) (release func(), err error) {
	s.msgs.streamsOnce.Do(func() { s.msgs.streams = newStreamLimits(s.cfg.Ops) })
	key := ""
	if p := PrincipalFrom(c.Request().Context()); p != nil {
		key = p.KeyID
	}
	release, err = s.msgs.streams.acquire(key)
	if ae, ok := err.(*api.Error); ok && ae.Code == api.CodeRateLimited {
		c.Response().Header().Set("Retry-After", strconv.Itoa(ae.RetryAfter))
	}
	return release, err
}

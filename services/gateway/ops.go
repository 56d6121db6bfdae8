package gateway

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/pipeline"
	"github.com/parley-chat/parley/shared/telemetry"
)

// OpsConfig configures the gateway's operational edges: tracing and load
// shedding.
type OpsConfig struct {
	// MaxInFlight bounds the requests served at once (health, readiness
	// and metrics excepted). Past it a request waits at most QueueWait for
	// a slot and is then shed with 503 and Retry-After: a bounded wait
	// instead of a queue that grows until every request times out.
	MaxInFlight int
	// QueueWait is how long a request may wait for a slot.
	QueueWait time.Duration
	// MaxInFlightPerKey bounds the slots one key holds at once
	// (GATEWAY_MAX_IN_FLIGHT_PER_KEY; 0: a quarter of MaxInFlight, at
	// least 1). Past it a request of that key waits at most QueueWait and
	// is then refused with 429 and Retry-After, so that one key, however
	// many requests it sends, leaves slots for every other tenant.
	// Callers without a key (an open deployment) share MaxInFlight only.
	MaxInFlightPerKey int
	// BodyTimeout bounds the time a request body may take to arrive
	// (GATEWAY_BODY_TIMEOUT, default 10 s: 256 KiB at 26 KB/s). The body
	// is read, up to the gateway's MaxBodyBytes, before the request takes
	// a slot, so a client that sends slowly holds a connection, never a
	// slot; one that is not done in time is answered 408
	// request_timeout.
	BodyTimeout time.Duration
	// FailedKeyBurst and FailedKeyInterval pace wrong API keys (a 401 on
	// Parley's routes, a 403 on the compatible APIs): one address may
	// present FailedKeyBurst wrong keys at once and one more every
	// FailedKeyInterval; all addresses together ten times that. Past
	// either, a wrong key is answered 429 with Retry-After and counted in
	// the next warning instead of logged on its own (failedkeys.go).
	// Keys that work are never held up.
	FailedKeyBurst    int
	FailedKeyInterval time.Duration
	// MinBudget is the least time the gateway needs to serve a request (a
	// view, a detection, a glossary read alike). A request whose budget
	// (the caller's Parley-Timeout-Ms header, capped by the gateway's
	// Timeout) is below it is shed at once: it would only time out after
	// using a slot and every service on the way.
	MinBudget time.Duration
	// ReconnectWait is how long a request waits for the gateway's NATS
	// connection while it is reconnecting (never past the request's
	// budget less MinBudget) before it is shed. A client of a cluster
	// moves to another node within milliseconds of losing its own; a
	// request that arrives meanwhile is better served late than refused.
	// Zero sheds at once.
	ReconnectWait time.Duration
	// TracerProvider starts the root span of every request; nil means the
	// process-wide provider (otel.GetTracerProvider), which svcmain and
	// the suite set up.
	TracerProvider trace.TracerProvider
	// MetricsPublic keeps /metrics on the API port open to callers
	// without a key once keys exist. By default it then needs an admin
	// key: the metrics show every tenant's traffic, moderation backlog and
	// backends. Before any key exists (a local `make run`) it is open
	// either way. A deployment scrapes the unauthenticated /metrics that
	// the gateway's process serves on METRICS_ADDR, as every service's,
	// on a port that is not published.
	MetricsPublic bool
	// MaxStreamsPerKey bounds the event streams one key holds open at
	// once (GATEWAY_MAX_STREAMS_PER_KEY, default 50): past it a new one
	// is a 429 with Retry-After (streams.go).
	MaxStreamsPerKey int
	// MaxStreams bounds the event streams the process holds open at once
	// (GATEWAY_MAX_STREAMS, default: half the open files limit, at most
	// 4096): past it a new one is a 503 overloaded with Retry-After.
	MaxStreams int
}

// OpsConfigFromEnv reads GATEWAY_MAX_IN_FLIGHT (default 256),
// GATEWAY_MAX_IN_FLIGHT_PER_KEY (default a quarter of it),
// GATEWAY_QUEUE_WAIT (default 100ms), GATEWAY_BODY_TIMEOUT (default 10s),
// GATEWAY_MIN_BUDGET (default 250ms), GATEWAY_RECONNECT_WAIT (default 1s),
// GATEWAY_FAILED_KEY_BURST (default 20), GATEWAY_FAILED_KEY_INTERVAL
// (default 1s) and GATEWAY_METRICS_PUBLIC (default false).
func OpsConfigFromEnv(r *config.Reader) OpsConfig {
	return OpsConfig{
		MaxInFlight:   r.IntMin("GATEWAY_MAX_IN_FLIGHT", 256, 1),
		QueueWait:     r.Duration("GATEWAY_QUEUE_WAIT", 100*time.Millisecond),
		MinBudget:     r.Duration("GATEWAY_MIN_BUDGET", 250*time.Millisecond),
		ReconnectWait: r.Duration("GATEWAY_RECONNECT_WAIT", time.Second),
		MetricsPublic: r.Bool("GATEWAY_METRICS_PUBLIC", false),
		// Slow bodies, keys' own slots, wrong keys (intake.go,
		// failedkeys.go). A per-key cap of 0 (the default) is a quarter
		// of MaxInFlight; a negative one is refused at start rather than
		// read as none. A body timeout or failed-key interval of 0 is
		// refused too: it reads as "no wait" or "no pace", and was
		// replaced by the default without a word.
		MaxInFlightPerKey: r.IntMin("GATEWAY_MAX_IN_FLIGHT_PER_KEY", 0, 0),
		BodyTimeout:       r.DurationMin("GATEWAY_BODY_TIMEOUT", DefaultBodyTimeout, time.Millisecond),
		FailedKeyBurst:    r.IntMin("GATEWAY_FAILED_KEY_BURST", DefaultFailedKeyBurst, 1),
		FailedKeyInterval: r.DurationMin("GATEWAY_FAILED_KEY_INTERVAL", DefaultFailedKeyInterval, time.Millisecond),
		// Event streams (streams.go). At least 1: 0 or less is refused
		// at start rather than read as the default (or as "no streams").
		MaxStreamsPerKey: r.IntMin("GATEWAY_MAX_STREAMS_PER_KEY", DefaultMaxStreamsPerKey, 1),
		MaxStreams:       r.IntMin("GATEWAY_MAX_STREAMS", DefaultMaxStreams(), 1),
	}
}

// OpsMetricNames lists the families the gateway registers for operations
// (with the HTTP RED metrics), for dashboards and the tests that check them.
var OpsMetricNames = []string{
	"parley_http_requests_total", "parley_http_request_duration_seconds",
	"parley_http_in_flight", "parley_http_shed_total",
}

// DefaultBodyTimeout is GATEWAY_BODY_TIMEOUT's default.
const DefaultBodyTimeout = 10 * time.Second

// serverReadTimeout is the HTTP server's ReadTimeout (Serve): the whole
// request, body included, the bound of a body longer than MaxBodyBytes
// (a glossary file upload) once its first MaxBodyBytes are read.
const serverReadTimeout = 30 * time.Second

// ops is the state behind registerOps.
type ops struct {
	cfg      OpsConfig
	slots    chan struct{}
	keys     *keySlots
	failed   *failedKeys
	inFlight prometheus.Gauge
	shed     *prometheus.CounterVec
}

// registerOps wires the root span of every request (one view is one trace
// across every NATS hop: package client carries the span on), the view
// metrics of the pipeline, and load shedding.
func (s *Server) registerOps(e *echo.Echo, reg prometheus.Registerer) {
	cfg := s.cfg.Ops
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 256
	}
	if cfg.QueueWait < 0 {
		cfg.QueueWait = 0
	}
	if cfg.MaxInFlightPerKey <= 0 {
		cfg.MaxInFlightPerKey = max(1, cfg.MaxInFlight/4)
	}
	if cfg.BodyTimeout <= 0 {
		cfg.BodyTimeout = DefaultBodyTimeout
	}
	tp := cfg.TracerProvider
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	o := &ops{
		cfg:    cfg,
		slots:  make(chan struct{}, cfg.MaxInFlight),
		keys:   newKeySlots(cfg.MaxInFlightPerKey),
		failed: newFailedKeys(cfg, s.log),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "parley_http_in_flight",
			Help: "HTTP requests being served (health, readiness and metrics excepted).",
		}),
		shed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_http_shed_total",
			Help: "Requests shed before any work: with 503, nats (disconnected), budget (less time left than a request needs) or concurrency (no slot within the queue wait); with 429, key_concurrency (the key holds its GATEWAY_MAX_IN_FLIGHT_PER_KEY slots).",
		}, []string{"reason"}),
	}
	reg.MustRegister(o.inFlight, o.shed)
	for _, reason := range []string{"nats", "budget", "concurrency", "key_concurrency"} {
		o.shed.WithLabelValues(reason) // at zero from the start, for rates and alerts
	}
	s.ops = o
	s.pipeline.Metrics = pipeline.NewMetrics(reg)
	// Pre runs before routing and so wraps every other middleware: the
	// request id, logs and errors all happen inside the span.
	e.Pre(echo.WrapMiddleware(telemetry.HTTPMiddleware(tp)))
	e.Use(s.nameSpan, s.shedLoad, s.guardMetrics)
}

// guardMetrics holds /metrics on the API port to an admin key without a
// tenant (the metrics show every tenant's traffic) once keys exist, or
// from the start under RequireKeys (a deployment that must never
// be open; Prometheus scrapes METRICS_ADDR), unless MetricsPublic: the
// caller is authenticated by then (the
// authenticate middleware runs first), and the route is told by its
// pattern, so a HEAD or a query string does not get around it.
func (s *Server) guardMetrics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Path() != "/metrics" || s.cfg.Ops.MetricsPublic || (s.keys.Empty() && !s.cfg.RequireKeys) {
			return next(c)
		}
		p := PrincipalFrom(c.Request().Context())
		if p == nil {
			return api.Errorf(api.CodeUnauthorized, "/metrics on the API port needs an admin key (Authorization: Bearer <key>); scrape the gateway's METRICS_ADDR instead, or set GATEWAY_METRICS_PUBLIC=true")
		}
		if !p.Has(RoleAdmin) {
			return api.Errorf(api.CodeForbidden, "/metrics on the API port needs the admin role")
		}
		if p.Tenant != "" {
			// The metrics count every tenant's traffic and backlog: an
			// admin of one tenant must not read the others'.
			return api.Errorf(api.CodeForbidden, "/metrics on the API port needs an admin key without a tenant: the metrics show every tenant's traffic")
		}
		return next(c)
	}
}

// nameSpan names the root span after the route pattern, known only once
// Echo has routed ("POST /v1/glossaries/:id", never the raw path, which
// holds ids).
func (s *Server) nameSpan(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p := c.Path(); p != "" {
			trace.SpanFromContext(c.Request().Context()).SetName(telemetry.Method(c.Request().Method) + " " + p)
		}
		return next(c)
	}
}

// unshed are the routes an orchestrator and Prometheus must always reach,
// however loaded the gateway is (/health is LibreTranslate's /healthz).
var unshed = map[string]bool{"/healthz": true, "/health": true, "/readyz": true, "/metrics": true}

// shedLoad answers 503 with Retry-After, before any work is done, when the
// request cannot be served in time: its budget is too small, or no slot
// frees up within the queue wait. A caller's Parley-Timeout-Ms header
// shortens the request's budget (an upstream proxy passing on what it has
// left); it never lengthens it past the gateway's Timeout.
//
// The body is read first, within BodyTimeout (readBody), so that slow
// senders hold no slot; then a key takes one of its own slots
// (MaxInFlightPerKey, 429 past it), and only then one of the gateway's.
// A key that a compatible API reads from the body (LibreTranslate's
// api_key) or the query (DeepL's auth_key) is known only to the handler,
// which takes its slot then (holdKeySlot).
func (s *Server) shedLoad(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if unshed[c.Path()] {
			return next(c)
		}
		o := s.ops
		req := c.Request()
		ctx := req.Context()
		if v := req.Header.Get(api.HeaderTimeout); v != "" {
			budget, ok := api.ParseBudget(v)
			if !ok {
				return api.Errorf(api.CodeInvalidArgument, "header %s must be a positive number of milliseconds", api.HeaderTimeout)
			}
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, budget)
			defer cancel()
			c.SetRequest(req.WithContext(ctx))
		}
		if err := s.readBody(c); err != nil {
			return err
		}
		// Without NATS no service can be reached: wait a moment for a
		// reconnection (to another node of a cluster, usually within
		// milliseconds), then say so rather than spend the caller's
		// budget on calls nobody can answer.
		if !s.nc.IsConnected() && !o.awaitNATS(ctx, s.nc) {
			o.shed.WithLabelValues("nats").Inc()
			return &api.Error{Code: api.CodeUnavailable, RetryAfter: 1,
				Message: "the gateway is reconnecting to NATS; retry shortly"}
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < o.cfg.MinBudget {
			o.shed.WithLabelValues("budget").Inc()
			return &api.Error{Code: api.CodeOverloaded, RetryAfter: 1,
				Message: "the request's remaining budget is below the " + o.cfg.MinBudget.String() + " the gateway needs to serve any request; allow more time (" + api.HeaderTimeout + ")"}
		}
		held := &keySlotHold{}
		c.Set(keySlotKey, held)
		defer held.release()
		if p := PrincipalFrom(ctx); p != nil {
			if err := s.holdKeySlot(c, p); err != nil {
				return err
			}
		}
		if !o.acquire(ctx) {
			o.shed.WithLabelValues("concurrency").Inc()
			return &api.Error{Code: api.CodeOverloaded, RetryAfter: 1,
				Message: "the gateway is at its concurrency limit; retry later"}
		}
		o.inFlight.Inc()
		defer func() {
			o.inFlight.Dec()
			<-o.slots
		}()
		return next(c)
	}
}

// awaitNATS waits for nc to reconnect, at most ReconnectWait and never
// past ctx's deadline less MinBudget, and reports whether it did. A closed
// connection never comes back. Reconnections are rare, so it polls
// rather than keep a status listener for every waiting request.
func (o *ops) awaitNATS(ctx context.Context, nc *nats.Conn) bool {
	wait := o.cfg.ReconnectWait
	if dl, ok := ctx.Deadline(); ok {
		wait = min(wait, time.Until(dl)-o.cfg.MinBudget)
	}
	if wait <= 0 || nc.IsClosed() {
		return false
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return nc.IsConnected()
		case <-tick.C:
			if nc.IsConnected() {
				return true
			}
			if nc.IsClosed() {
				return false
			}
		}
	}
}

// acquire takes a slot, waiting at most QueueWait (and never past ctx).
func (o *ops) acquire(ctx context.Context) bool {
	return take(ctx, o.slots, o.cfg.QueueWait)
}

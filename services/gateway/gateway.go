// Package gateway is Parley's HTTP front door (Echo v4). Handlers decode and
// validate input, call the pipeline or a service client over NATS, and
// return JSON; every failure leaves through one error handler in one JSON
// shape (api.ErrorBody), with the status taken from the shared error table.
package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/pipeline"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
	"github.com/parley-chat/parley/shared/telemetry"
)

// Config configures the gateway.
type Config struct {
	// Addr is where the HTTP server listens.
	Addr string
	// Timeout is each request's whole budget, every NATS hop included.
	Timeout time.Duration
	// TransferTimeout is Timeout for a glossary's import or export
	// (the API's and the console's; isTransfer): a file of up to the
	// import cap is read, put in the transfer object store, read and
	// parsed by the service, which gives those endpoints a minute of its
	// own (GATEWAY_TRANSFER_TIMEOUT; 0: DefaultTransferTimeout).
	TransferTimeout time.Duration
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// MaxTextRunes bounds message text.
	MaxTextRunes int
	// ReadyTimeout bounds the per-service ping of /readyz (the probe's
	// timeout must be above it: deploy/k8s).
	ReadyTimeout time.Duration
	// Keys authenticates API keys (PARLEY_API_KEYS).
	Keys *Keys
	// RequireKeys closes the read routes to callers without a key even
	// when no keys are configured.
	RequireKeys bool
	// JSReplicas is the replication of the buckets and streams the gateway
	// creates on first use (PARLEY_JS_REPLICAS).
	JSReplicas int
	// ChatMaxBytes bounds the chat stream when the gateway creates it
	// before the messages service does (MESSAGES_MAX_BYTES, as the
	// service reads it; 0: messages.DefaultMaxBytes).
	ChatMaxBytes int64
	// FeedbackMaxBytes bounds the feedback stream when the gateway
	// creates it (EXPERIMENTS_FEEDBACK_MAX_BYTES, as translate reads it;
	// 0: experiment.DefaultFeedbackMaxBytes).
	FeedbackMaxBytes int64
	// Limits are the default per-key rate limit and monthly quota.
	Limits Limits
	// Ops configures tracing and load shedding (ops.go).
	Ops OpsConfig
	// ShutdownDelay is how long the gateway keeps serving after it is
	// told to stop (SIGTERM) with /readyz answering 503 "shutting
	// down", before it closes its listener and drains: a load balancer
	// that polls /readyz, or routes by endpoints it learns of late,
	// still sends requests for a moment, and they would meet a refused
	// connection (GATEWAY_SHUTDOWN_DELAY; 0, the default, stops at once).
	ShutdownDelay time.Duration
	// WithholdUnchecked serves the original instead of a translation the
	// safety service did not check (UNCHECKED_TRANSLATIONS=original;
	// pipeline.Pipeline.WithholdUnchecked).
	WithholdUnchecked bool
}

// MinBodyBytes is the least GATEWAY_MAX_BODY_BYTES: below it not even a
// short translation request fits.
const MinBodyBytes = 1 << 10

// ConfigFromEnv reads GATEWAY_ADDR, GATEWAY_TIMEOUT, GATEWAY_TRANSFER_TIMEOUT, GATEWAY_MAX_BODY_BYTES,
// MAX_TEXT_CHARS, GATEWAY_READY_TIMEOUT, GATEWAY_REQUIRE_KEYS,
// GATEWAY_SHUTDOWN_DELAY, UNCHECKED_TRANSLATIONS and (into Keys) PARLEY_API_KEYS. A malformed key list is reported through r.Err.
func ConfigFromEnv(r *config.Reader) Config {
	return Config{
		// Out of range is refused at start, naming the setting, rather
		// than replaced by the default (New's for a zero Config) without
		// a word: MAX_TEXT_CHARS=-10 is a typo, not "the default".
		Addr:            r.Addr("GATEWAY_ADDR", "127.0.0.1:8080"),
		Timeout:         r.DurationMin("GATEWAY_TIMEOUT", 15*time.Second, time.Millisecond),
		TransferTimeout: r.DurationMin("GATEWAY_TRANSFER_TIMEOUT", DefaultTransferTimeout, time.Millisecond),
		MaxBodyBytes:    int64(r.IntMin("GATEWAY_MAX_BODY_BYTES", 256<<10, MinBodyBytes)),
		MaxTextRunes:    r.IntMin("MAX_TEXT_CHARS", api.MaxTextRunes, 1),
		ReadyTimeout:    r.DurationMin("GATEWAY_READY_TIMEOUT", time.Second, time.Millisecond),
		RequireKeys:     r.Bool("GATEWAY_REQUIRE_KEYS", false),
		JSReplicas:      natsutil.JetStreamReplicas(r),
		ChatMaxBytes:    messages.MaxBytesFromEnv(r),
		// The feedback stream's bound; translate creates the events
		// stream, whose bound it reads too.
		FeedbackMaxBytes: experiment.BoundsFromEnv(r).Feedback,
		Limits:           LimitsFromEnv(r),
		Ops:              OpsConfigFromEnv(r),
		ShutdownDelay:    r.Duration("GATEWAY_SHUTDOWN_DELAY", 0),
		// Read by the messages service too: both render views.
		WithholdUnchecked: pipeline.UncheckedFromEnv(r),
	}
}

// Server is the HTTP gateway.
type Server struct {
	cfg       Config
	keys      *Keys
	nc        *nats.Conn
	log       *slog.Logger
	echo      *echo.Echo
	pipeline  *pipeline.Pipeline
	detect    client.Detect
	translate client.Translate
	langs     *languageSet
	gatherer  prometheus.Gatherer
	// ready holds the process's readiness checks (svcmain.Readiness):
	// in the all-in-one command, those of the services beside the
	// gateway, such as detect's models loading.
	ready *svcmain.Readiness
	// deeplUsage counts characters billed through the DeepL-compatible API.
	deeplUsage deeplUsage
	// locales caches the locale Matcher for the current target languages.
	locales localeCache
	msgs    messagesAPI // chat messages, views and events (messages.go)
	// feedback is the experiments bucket as feedback checks it (feedback.go).
	feedback feedbackExperiments
	// auth holds the managed key store, rate limits and usage counters.
	auth *authState
	// ops holds load shedding state and metrics (ops.go).
	ops *ops
	// storage is what chat writes tell of JetStream's room (storage.go).
	storage storageState
	// stopping is set when Serve's context ends: /readyz answers 503
	// "shutting down" through ShutdownDelay while requests are served.
	stopping atomic.Bool

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
}

// New builds the gateway on nc. Metrics are registered on reg and /metrics
// serves gatherer (usually the same registry).
func New(cfg Config, nc *nats.Conn, reg prometheus.Registerer, gatherer prometheus.Gatherer, log *slog.Logger) *Server {
	if cfg.MaxTextRunes <= 0 {
		cfg.MaxTextRunes = api.MaxTextRunes
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	if cfg.TransferTimeout <= 0 {
		cfg.TransferTimeout = DefaultTransferTimeout
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 256 << 10
	}
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = time.Second
	}
	s := &Server{
		cfg: cfg, keys: cfg.Keys, nc: nc, log: log, gatherer: gatherer,
		detect:    client.Detect{NC: nc},
		translate: client.Translate{NC: nc},
		langs:     &languageSet{translate: client.Translate{NC: nc}, ttl: 30 * time.Second},
		pipeline: &pipeline.Pipeline{
			Detect:            client.Detect{NC: nc},
			Translate:         client.Translate{NC: nc},
			Glossary:          client.Glossary{NC: nc},
			Quality:           client.Quality{NC: nc},
			Safety:            client.Safety{NC: nc},
			Log:               log,
			MaxTextRunes:      cfg.MaxTextRunes,
			WithholdUnchecked: cfg.WithholdUnchecked,
		},
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_http_requests_total",
			Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parley_http_request_duration_seconds",
			Help:    "HTTP request duration by route pattern.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 14),
		}, []string{"route"}),
	}
	reg.MustRegister(s.httpRequests, s.httpDuration)

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	// Pre, so the router finds the GET route of a HEAD.
	e.Pre(headAsGet)
	e.Use(allowHead, s.requestContext, validQuery, s.authenticate)
	reader := s.requireRole(RoleClient)
	e.POST("/v1/translate", s.handleTranslate, reader)
	e.POST("/v1/detect", s.handleDetect, reader)
	e.GET("/v1/languages", s.handleLanguages, reader)
	s.registerKeys(e)
	s.registerOps(e, reg)
	s.registerGlossaries(e)
	s.registerFeedback(e)
	s.registerMessages(e)
	s.registerErase(e)
	s.registerExport(e)
	s.registerModeration(e)
	s.registerCache(e)
	s.registerLibre(e)
	s.registerDeepL(e)
	s.registerOpenAPI(e)
	s.registerConsole(e)
	e.GET("/healthz", s.handleHealth)
	e.GET("/readyz", s.handleReady)
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{})))
	s.echo = e
	return s
}

// Handler exposes the HTTP handler (for tests and custom servers).
func (s *Server) Handler() http.Handler { return s.echo }

// Serve serves HTTP on l until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       serverReadTimeout,
		WriteTimeout:      max(s.cfg.Timeout, s.cfg.TransferTimeout) + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http serve: %w", err)
	case <-ctx.Done():
	}
	// Out of the load balancer first, then closed: a request routed here
	// during the delay is still served (a listener closed at once refused
	// those of a rolling update that were on their way).
	s.stopping.Store(true)
	if d := s.cfg.ShutdownDelay; d > 0 {
		// Connections kept alive would carry a client's next requests
		// here after the delay; without keep-alive it reconnects, to a
		// replica that stays.
		hs.SetKeepAlivesEnabled(false)
		s.log.Info("gateway shutting down: /readyz answers 503 while requests are still served", "delay", d.String())
		select {
		case err := <-errc:
			return fmt.Errorf("http serve: %w", err)
		case <-time.After(d):
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.Timeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// DefaultTransferTimeout is TransferTimeout's default (90 s): the glossary
// service's own budget for an import or export and the gateway's time to
// read the upload. A 49 MB TBX file took 10-11 s to push through the
// gateway on the 2-core build machine, and a 12 MiB one over 10 s under
// -race while other tests ran: GATEWAY_TIMEOUT's 15 s turned such
// imports into 504s a moment before they were done.
const DefaultTransferTimeout = api.GlossaryTransferTimeout + serverReadTimeout

// consoleTransfer is the path of the console's import and export pages
// (console.Prefix is "/console"); the console routes them itself.
var consoleTransfer = regexp.MustCompile(`^/console/glossaries/[^/]+/(?:import|export)$`)

// isTransfer reports whether c is a glossary import or export, the
// requests TransferTimeout bounds.
func isTransfer(c echo.Context) bool {
	switch c.Path() {
	case "/v1/glossaries/:id/import", "/v1/glossaries/:id/export":
		return true
	case console.Prefix + "/*":
		return consoleTransfer.MatchString(c.Request().URL.Path)
	}
	return false
}

// requestContext gives every request an id (the client's X-Request-Id when it
// is sane), a deadline, safe default headers and RED metrics.
// validQuery refuses a /v1 request whose query string does not parse or
// is not UTF-8.
// Echo's QueryParam drops a pair it cannot decode, so "?locale=%zz" would
// otherwise be read as no locale at all and answered with a misleading
// error ("locale is required"), and "?q=%ff" would search for nothing.
// The compatible APIs parse their own parameters.
func validQuery(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.URL.RawQuery != "" && strings.HasPrefix(r.URL.Path, "/v1/") {
			q, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil {
				return api.Errorf(api.CodeInvalidArgument, "the query string is malformed: %v", err)
			}
			// "%ff" is a valid escape of a byte that is no UTF-8: a
			// search for it would match nothing and say so with a 200.
			for k, vs := range q {
				for _, v := range vs {
					if !utf8.ValidString(k) || !utf8.ValidString(v) {
						return api.FieldError(api.CodeInvalidUTF8, k, "query parameter %s is not valid UTF-8", api.Quote(strings.ToValidUTF8(k, "\ufffd")))
					}
				}
			}
		}
		return next(c)
	}
}

func (s *Server) requestContext(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		req := c.Request()
		id := req.Header.Get(echo.HeaderXRequestID)
		if !requestIDPattern.MatchString(id) {
			id = nuid.Next()
		}
		h := c.Response().Header()
		h.Set(echo.HeaderXRequestID, id)
		h.Set(echo.HeaderXContentTypeOptions, "nosniff")
		budget := s.cfg.Timeout
		if isTransfer(c) {
			budget = s.cfg.TransferTimeout
		}
		ctx, cancel := context.WithTimeout(service.WithRequestID(req.Context(), id), budget)
		defer cancel()
		end := &requestEnd{}
		defer end.run()
		ctx = context.WithValue(ctx, requestEndKey{}, end)
		c.SetRequest(req.WithContext(ctx))
		// Go's server removes the spooled files of a multipart form
		// parsed on the request it made, not on the copies middleware
		// hands on (as above): those of the request the handler read
		// are removed here (a glossary upload over 32 MiB is spooled).
		defer func() {
			if f := c.Request().MultipartForm; f != nil {
				_ = f.RemoveAll()
			}
		}()

		err := next(c)
		if err != nil {
			c.Error(err)
		}
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		status := c.Response().Status
		// Any token is a valid method: a made-up one is counted as
		// "other", or every client could add series (docs/operations.md).
		s.httpRequests.WithLabelValues(route, telemetry.Method(req.Method), strconv.Itoa(status)).Inc()
		s.httpDuration.WithLabelValues(route).Observe(time.Since(start).Seconds())
		s.log.DebugContext(ctx, "http request", "method", req.Method, "route", route, "status", status,
			"duration_ms", time.Since(start).Milliseconds(), "req_id", id)
		return nil
	}
}

// handleError is the one place an error becomes an HTTP response.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	// The LibreTranslate and DeepL routes answer in their own shapes, even
	// for errors raised before their handlers run (404, 405, a bad key).
	if s.compatError(err, c) {
		return
	}
	var ae *api.Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &he):
		ae = fromEchoError(he)
	default:
		s.log.ErrorContext(c.Request().Context(), "unhandled error", "err", err, "path", c.Path(), "req_id", c.Response().Header().Get(echo.HeaderXRequestID))
		ae = api.AsError(err)
	}
	// Shed requests are counted (parley_http_shed_total), not logged: a log
	// line per refusal would add load exactly when there is too much.
	if ae.Code.Status() >= 500 && ae.Code != api.CodeOverloaded {
		// error_message, not msg: slog's JSON lines already have a "msg"
		// (the line's own), and a second one is a duplicate key.
		s.log.WarnContext(c.Request().Context(), "request failed", "code", ae.Code, "error_message", ae.Message, "path", c.Path(),
			"req_id", c.Response().Header().Get(echo.HeaderXRequestID))
	}
	if ae.Code == api.CodeOverloaded || ae.Code == api.CodeUnavailable {
		// A shedding service says how long its queue needs; 1 s otherwise.
		c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, ae.RetryAfter)))
	}
	body := ae.Body(c.Response().Header().Get(echo.HeaderXRequestID))
	if err := c.JSON(ae.Status(), body); err != nil {
		s.log.Warn("write error response", "err", err)
	}
}

func fromEchoError(he *echo.HTTPError) *api.Error {
	msg := http.StatusText(he.Code)
	switch he.Code {
	case http.StatusNotFound:
		return &api.Error{Code: api.CodeNotFound, Message: "no such route"}
	case http.StatusMethodNotAllowed:
		return &api.Error{Code: api.CodeMethodNotAllowed, Message: "method not allowed"}
	case http.StatusRequestEntityTooLarge:
		return &api.Error{Code: api.CodeBodyTooLarge, Message: "request body is too large"}
	case http.StatusUnauthorized:
		return &api.Error{Code: api.CodeUnauthorized, Message: msg}
	case http.StatusForbidden:
		return &api.Error{Code: api.CodeForbidden, Message: msg}
	case http.StatusTooManyRequests:
		return &api.Error{Code: api.CodeRateLimited, Message: msg}
	}
	if he.Code >= 400 && he.Code < 500 {
		return &api.Error{Code: api.CodeInvalidArgument, Message: msg}
	}
	return &api.Error{Code: api.CodeInternal, Message: "internal error"}
}

// decode reads a bounded JSON body into v with errors a client can act on.
// Fields v does not have are ignored.
func (s *Server) decode(c echo.Context, v any) error { return s.decodeJSON(c, v, false) }

// decodeStrict is decode refusing fields v does not have (see
// unmarshalStrict), for routes where a misspelt field would otherwise
// change nothing, silently, and a body declared as another media type
// than JSON (415, requireJSON).
func (s *Server) decodeStrict(c echo.Context, v any) error { return s.decodeJSON(c, v, true) }

func (s *Server) decodeJSON(c echo.Context, v any, strict bool) error {
	if strict {
		if err := requireJSON(c); err != nil {
			return err
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return api.Errorf(api.CodeBodyTooLarge, "request body is over %d bytes", s.cfg.MaxBodyBytes)
		}
		return api.Errorf(api.CodeInvalidArgument, "could not read the request body")
	}
	if len(body) == 0 {
		return api.Errorf(api.CodeInvalidJSON, "request body is empty; send a JSON object")
	}
	// encoding/json silently turns invalid UTF-8 into U+FFFD, which would
	// translate garbage; reject it instead.
	if !utf8.Valid(body) {
		return api.Errorf(api.CodeInvalidUTF8, "request body is not valid UTF-8")
	}
	if api.LoneSurrogate(body) {
		return api.Errorf(api.CodeInvalidUTF8, "request body escapes half of a UTF-16 surrogate pair (\\ud800-\\udfff on its own), which is no character")
	}
	unmarshal := json.Unmarshal
	if strict {
		unmarshal = unmarshalStrict
	} else if err := refuseDuplicateKeys(body, true); err != nil {
		// Unknown fields stay ignored here, but a member given twice
		// ("target":"de","target":"es", or "Target" beside "target",
		// which encoding/json matches to the same field) would be
		// last-wins without a word: refused, as on the strict routes.
		return err
	}
	if err := unmarshal(body, v); err != nil {
		var ae *api.Error
		if errors.As(err, &ae) {
			return ae
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return api.Errorf(api.CodeInvalidJSON, "request body must be a JSON %s", jsonType(te.Type))
			}
			return api.FieldError(api.CodeInvalidJSON, fieldName(te.Field), "field %s must be a JSON %s", api.Quote(te.Field), jsonType(te.Type))
		}
		return api.Errorf(api.CodeInvalidJSON, "request body is not valid JSON: %v", err)
	}
	return nil
}

// jsonType names the JSON type a Go type decodes from, for error messages:
// a client knows "array", not "[]gateway.ContextMessage".
func jsonType(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		// 3.5 or 1e300 where an int goes is a type error too; "number"
		// would leave the client wondering what was wrong with it.
		return "integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer of 0 or more"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return "value"
}

// TranslateRequest is the body of POST /v1/translate.
type TranslateRequest struct {
	Text     string `json:"text"`
	Source   string `json:"source,omitempty"`
	Target   string `json:"target"`
	Glossary string `json:"glossary,omitempty"`
	// Locale picks the target when Target is empty (see locale.go); the
	// locale query parameter and Accept-Language do the same.
	Locale string `json:"locale,omitempty"`
	// Formality is "formal", "informal" or "default" (LLM backends follow it).
	Formality string `json:"formality,omitempty"`
	// Format is "text" (the default: chat text, which a client escapes)
	// or "html" (markup the client renders): in HTML mode the translate
	// chain refuses an answer whose markup is not exactly the text's, as
	// on the compatible APIs (docs/api.md, HTML mode).
	Format string `json:"format,omitempty"`
	// Context holds up to 10 earlier messages of the conversation, oldest
	// first, used to disambiguate the text and never translated.
	Context []api.ContextMessage `json:"context,omitempty"`
	// ConversationID and MessageID name the message (conversation-scoped
	// glossaries; an edit invalidates its cached translations). They do
	// not make the text the stored message's: a flagged view of it is a
	// moderation case of the text, tied to no message (docs/moderation.md).
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	// UserID is the chat product's id of the user the text is translated
	// for: feature flags and A/B experiments split by user assign by it
	// (without it, an experiment split by user does not apply).
	UserID string `json:"user_id,omitempty"`
	// Hints go to detection when Source is empty (api.DetectHints: the
	// sender's locale, the conversation's recent languages, the sender's
	// Accept-Language); checked as /v1/detect checks them either way.
	Hints api.DetectHints `json:"hints,omitzero"`
	// Exclude is not an option of this route (the pipeline chooses the
	// rungs, and excludes one whose answer quality rejected): it is
	// decoded only to refuse it, since a request that skipped "olama"
	// would otherwise be served silently by the rung it meant to skip.
	Exclude []string `json:"exclude,omitempty"`
}

func (s *Server) handleTranslate(c echo.Context) error {
	var req TranslateRequest
	if err := s.decode(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if req.Exclude != nil {
		return s.excludeRefused(ctx, req.Exclude)
	}
	// An id no glossary can have is the client's 400, as on the glossary
	// routes, rather than a 404 that reads as "not created yet".
	if req.Glossary != "" && !glossary.ValidID(req.Glossary) {
		return api.FieldError(api.CodeInvalidArgument, "glossary", "glossary id %s must be letters, digits, '_' or '-' with single dots between them, at most %d bytes", api.Quote(req.Glossary), glossary.MaxIDBytes)
	}
	if strings.TrimSpace(req.Target) == "" {
		target, err := s.negotiateTarget(c, req.Locale)
		if err != nil {
			return err
		}
		req.Target = target
	}
	// A malformed source or target is a 400 invalid_language, a
	// well-formed tag of no known language ("xx") a 422
	// unsupported_language (api.ParseLanguage), as locale negotiation and
	// langs.check answer a language no rung serves.
	preq, err := s.pipeline.Validate(pipeline.Request{
		Text: req.Text, Source: req.Source, Target: req.Target, Glossary: req.Glossary,
		Formality: req.Formality, Format: req.Format, Context: req.Context,
		ConversationID: req.ConversationID, MessageID: req.MessageID, Tenant: s.tenant(c), UserID: req.UserID,
		DetectHints: req.Hints,
	})
	if err != nil {
		return err
	}
	if err := s.langs.check(ctx, preq.Source, preq.Target); err != nil {
		return err
	}
	count, err := s.quotaCheck(c, int64(utf8.RuneCountInString(preq.Text)))
	if err != nil {
		return err
	}
	v, err := s.pipeline.Run(ctx, preq)
	if err != nil {
		return err
	}
	// Only a translation counts: a view served as the original (same
	// language, nothing to translate, every rung failed) is free.
	count(billedChars(v, preq.Text))
	return c.JSON(http.StatusOK, v)
}

// excludeRefused is the 400 for an exclude list on POST /v1/translate,
// naming the chain's rungs (when translate answers) so that a caller can
// tell a typo from the option's absence.
func (s *Server) excludeRefused(ctx context.Context, exclude []string) error {
	var known []string
	if res, err := s.translate.Languages(ctx); err == nil {
		for _, b := range res.Backends {
			known = append(known, b.Name)
		}
	}
	var unknown []string
	for _, e := range exclude {
		if !slices.Contains(known, strings.ToLower(strings.TrimSpace(e))) {
			unknown = append(unknown, api.Quote(e))
		}
	}
	msg := "exclude is not an option of POST /v1/translate: the pipeline chooses the rungs"
	if len(unknown) > 0 && len(known) > 0 {
		msg = fmt.Sprintf("exclude names no translation backend %s, and is not an option of POST /v1/translate: the pipeline chooses the rungs", strings.Join(unknown, ", "))
	}
	if len(known) > 0 {
		msg += " (the chain's rungs: " + strings.Join(known, ", ") + "; GET /v1/languages)"
	}
	return api.FieldError(api.CodeInvalidArgument, "exclude", "%s", msg)
}

// DetectRequest is the body of POST /v1/detect: api.DetectRequest, as
// the detect service takes it on NATS.
type DetectRequest struct {
	Text string `json:"text"`
	// Hints are what the caller knows besides the text (the sender's
	// locale, the conversation's recent languages, Accept-Language): weak
	// priors that decide close calls (docs/detect.md).
	Hints api.DetectHints `json:"hints,omitzero"`
	// Spans asks for the single-language stretches of the text.
	Spans bool `json:"spans,omitempty"`
}

func (s *Server) handleDetect(c echo.Context) error {
	var req DetectRequest
	if err := s.decode(c, &req); err != nil {
		return err
	}
	text, err := api.ValidateText("text", req.Text, s.cfg.MaxTextRunes)
	if err != nil {
		return err
	}
	// Checked here, by the detect service's rules, so that bad hints are
	// the client's 4xx whether or not the service answers.
	hints, err := api.ValidateDetectHints("hints", req.Hints)
	if err != nil {
		return err
	}
	res, err := s.detect.Detect(c.Request().Context(), api.DetectRequest{Text: text, Hints: hints, Spans: req.Spans})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (s *Server) handleLanguages(c echo.Context) error {
	res, err := s.translate.Languages(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// ReadyStatus is the body of /readyz.
type ReadyStatus struct {
	// Status is "ready", "degraded" (ready, but a service of Services
	// does not answer: requests are served without it, as documented
	// per step), "not ready" or "shutting down" (503: stopping, serving
	// the requests that still arrive through GATEWAY_SHUTDOWN_DELAY).
	Status string `json:"status"`
	NATS   string `json:"nats"`
	// Keys is "ok" once the key store and the usage counters are open,
	// "unavailable" until then (every route but the probes answers 503).
	Keys     string            `json:"keys"`
	Services map[string]string `json:"services"`
	// Storage is what the latest chat write of this replica found of
	// JetStream's storage: "ok", "full" (refused for room: the chat
	// stream's bound or the file store is full) or "unanswered" (no
	// answer in time: a disk that filled up, or a leader election). Not
	// "ok" makes the status "degraded": reads are still served. It holds
	// for 5 minutes unless a later write is stored.
	Storage string `json:"storage"`
	// Waiting is a check of this process that has not passed yet: the
	// key store, or in the all-in-one command the detect models loading
	// (or its JetStream's stream write error).
	Waiting string `json:"waiting,omitempty"`
}

// handleReady answers whether this replica can serve: 200 when NATS is
// connected, the key store and usage counters are open and the process's
// readiness checks pass (those of METRICS_ADDR's /readyz, which answers
// the same), 503 otherwise. It also pings every service and lists them; one
// that does not answer makes the status "degraded", still 200: every
// replica shares that service, so taking them all out of the load
// balancer would turn degraded answers into none (docs/operations.md).
// So does chat storage that refused or did not answer the latest write
// (Storage): every replica shares the store too, and reads still work.
// With ?all, a service that does not answer (or such storage) is a 503
// too, for scripts and tests that wait for a whole deployment.
func (s *Server) handleReady(c echo.Context) error {
	code, st := s.readiness(c.Request().Context(), c.QueryParams().Has("all"))
	return c.JSON(code, st)
}

// ServeReady is handleReady as a plain HTTP handler: METRICS_ADDR's
// /readyz (svcmain.Readiness.SetHandler), so that a probe or an operator
// gets the same JSON and status on either port.
func (s *Server) ServeReady(w http.ResponseWriter, r *http.Request) {
	code, st := s.readiness(r.Context(), r.URL.Query().Has("all"))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(st)
}

// readiness is the answer of /readyz (?all when all is set): its status
// code and body.
func (s *Server) readiness(ctx context.Context, all bool) (int, ReadyStatus) {
	st := ReadyStatus{Status: "ready", NATS: s.nc.Status().String(), Keys: "ok", Services: map[string]string{},
		Storage: s.storage.status(time.Now())}
	if s.stopping.Load() {
		// No pings: the answer is 503 whatever they say, and a probe
		// should get it at once.
		st.Status = "shutting down"
		return http.StatusServiceUnavailable, st
	}
	ready := s.nc.IsConnected()
	err := s.keysReady()
	if err != nil {
		st.Keys = "unavailable"
	} else {
		err = s.ready.Err()
	}
	if err != nil {
		ready, st.Waiting = false, err.Error()
	}
	st.Services = s.pingServices(ctx)
	missing := false
	for _, res := range st.Services {
		missing = missing || res != "ok"
	}
	degraded := missing || st.Storage != storageOK
	switch {
	case !ready:
		st.Status = "not ready"
	case degraded:
		st.Status = "degraded"
	}
	code := http.StatusOK
	if !ready || degraded && all {
		code = http.StatusServiceUnavailable
	}
	return code, st
}

// pingServices pings every service at once, each within
// GATEWAY_READY_TIMEOUT: "ok" or "unavailable" by name.
func (s *Server) pingServices(ctx context.Context) map[string]string {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		res = make(map[string]string, len(api.Services))
	)
	for _, name := range api.Services {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, s.cfg.ReadyTimeout)
			defer cancel()
			r := "ok"
			if err := client.Ping(ctx, s.nc, name); err != nil {
				r = "unavailable"
			}
			mu.Lock()
			defer mu.Unlock()
			res[name] = r
		})
	}
	wg.Wait()
	return res
}

// wholeDeployment is the check of METRICS_ADDR's /readyz?all
// (svcmain.Readiness.AddAll): what makes the API port's /readyz?all a
// 503 beside its readiness, a service that does not answer or chat
// storage that is not ok, so that the two endpoints agree.
func (s *Server) wholeDeployment() error {
	var missing []string
	for name, res := range s.pingServices(context.Background()) {
		if res != "ok" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("services not answering: %s", strings.Join(missing, ", "))
	}
	if st := s.storage.status(time.Now()); st != storageOK {
		return fmt.Errorf("chat storage %s", st)
	}
	return nil
}

// Start runs the gateway as a process component: it listens on cfg.Addr and
// returns the function that shuts the HTTP server down gracefully.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	stop, _, err = StartListening(ctx, d)
	return stop, err
}

// StartListening is Start, also returning the address the gateway
// listens on: GATEWAY_ADDR as the system bound it, with the port it chose
// for ":0", for a banner to print a URL that works.
func StartListening(ctx context.Context, d svcmain.Deps) (stop func() error, addr net.Addr, err error) {
	cfg := ConfigFromEnv(d.Env)
	keys, err := ParseKeys(d.Env.String("PARLEY_API_KEYS", ""))
	if err != nil {
		return nil, nil, err
	}
	cfg.Keys = keys
	if err := d.Env.Err(); err != nil {
		return nil, nil, err
	}
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, nil, fmt.Errorf("gateway listen (GATEWAY_ADDR=%s): %w", cfg.Addr, err)
	}
	s := New(cfg, d.NC, d.Registry, d.Registry, d.Log)
	// METRICS_ADDR's /readyz then waits for the key store as the API
	// port's does.
	d.Readiness.Add(s.keysReady)
	// And with ?all, for the whole deployment, as the API port's.
	d.Readiness.AddAll(s.wholeDeployment)
	// Its answer is the API port's: the same JSON, services and all.
	d.Readiness.SetHandler(http.HandlerFunc(s.ServeReady))
	s.ready = d.Readiness
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan error, 1)
	go func() { done <- s.Serve(sctx, l) }()
	d.Log.Info("gateway listening", "addr", l.Addr().String())
	return func() error {
		cancel()
		return errors.Join(<-done, s.Close())
	}, l.Addr(), nil
}

package gateway

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/lru"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/pipeline"
	"github.com/parley-chat/parley/shared/service"
)

// maxCommentRunes bounds a reader's comment on a translation.
const maxCommentRunes = 1000

// registerFeedback adds POST /v1/feedback (readers rate a translation)
// and has the pipeline publish the outcome of every view an experiment
// arm served. Outcomes go to the experiment events stream, feedback to a
// stream of its own (experiment.FeedbackStream, created here at start),
// from which quality/ computes the per-arm results.
func (s *Server) registerFeedback(e *echo.Echo) {
	pub := experiment.Publisher{NC: s.nc}
	// The same hook as services/messages' pre-translation pipeline,
	// which also remembers the arms this replica's views were served
	// under, for feedback naming their request id.
	outcome := pub.OnOutcome(s.log)
	s.feedback.served = lru.New[string, map[string]string](servedViews, 24*time.Hour, nil)
	s.pipeline.OnOutcome = func(ctx context.Context, req pipeline.Request, v *api.View) {
		s.feedback.remember(ctx, req.Tenant, v)
		outcome(ctx, req, v)
	}
	if s.nc != nil {
		ctx, cancel := context.WithTimeout(context.Background(), min(s.cfg.Timeout, 5*time.Second))
		if err := s.ensureFeedbackStream(ctx); err != nil && s.log != nil {
			// Created at the first feedback then, or by a translate replica.
			s.log.Warn("feedback stream not created at start", "err", err)
		}
		cancel()
	}
	// A reader's write: it is credited to experiment arms, so a key made
	// for glossaries or moderation does not skew the results.
	e.POST("/v1/feedback", func(c echo.Context) error { return s.handleFeedback(c, pub, &s.feedback) }, s.requireClientWrite())
}

// ensureFeedbackStream creates the feedback stream, or gives it the
// bounds it lacks.
func (s *Server) ensureFeedbackStream(ctx context.Context) error {
	js, err := jetstream.New(s.nc)
	if err != nil {
		return fmt.Errorf("feedback stream: %w", err)
	}
	_, err = experiment.EnsureFeedbackStream(ctx, js, s.cfg.JSReplicas, experiment.FeedbackMaxBytes(s.cfg.FeedbackMaxBytes), experiment.FeedbackLog(s.log))
	return err
}

// feedbackExperiments is the experiments bucket as feedback needs it (which
// tenants an experiment serves), opened at the first feedback that names
// an experiment, and each key's feedback budget.
type feedbackExperiments struct {
	mu     sync.Mutex
	st     *experiment.Store
	closed bool // by Server.Close
	// budget holds each key's feedback tokens (Limits.FeedbackRate).
	budget limiter
	// served maps a tenant's request id to the arms (by experiment) its
	// views were served under on this replica; servedMu guards the maps.
	served   *lru.LRU[string, map[string]string]
	servedMu sync.Mutex
}

// servedViews bounds the request ids feedback checks arms against (about
// 150 bytes each); older ones, and those another replica served, are not
// checked.
const servedViews = 100_000

// ambiguousArm marks an experiment whose arm one request's views do not
// tell: a page of message views served under more than one arm.
const ambiguousArm = "\x00"

func servedKey(tenant, requestID string) string { return tenant + "\x00" + requestID }

// remember records the arm a view was served under, by its request id.
func (f *feedbackExperiments) remember(ctx context.Context, tenant string, v *api.View) {
	id := service.RequestID(ctx)
	if f.served == nil || v == nil || v.Experiment == nil || id == "" {
		return
	}
	f.servedMu.Lock()
	defer f.servedMu.Unlock()
	key := servedKey(tenant, id)
	arms, _ := f.served.Get(key)
	if arms == nil {
		arms = map[string]string{}
		f.served.Add(key, arms)
	}
	if a, ok := arms[v.Experiment.Experiment]; ok && a != v.Experiment.Arm {
		arms[v.Experiment.Experiment] = ambiguousArm
		return
	}
	arms[v.Experiment.Experiment] = v.Experiment.Arm
}

// checkServedArm refuses feedback whose experiment or arm is not what the
// view of its request id was served under, when this replica served it:
// the results would credit the rating to an arm that never served it.
func (f *feedbackExperiments) checkServedArm(tenant string, req *api.FeedbackRequest) error {
	if f.served == nil || req.Experiment == "" || req.RequestID == "" {
		return nil
	}
	f.servedMu.Lock()
	defer f.servedMu.Unlock()
	arms, ok := f.served.Get(servedKey(tenant, req.RequestID))
	if !ok {
		return nil
	}
	arm, ok := arms[req.Experiment]
	switch {
	case !ok:
		return api.FieldError(api.CodeInvalidArgument, "experiment", "request_id %s was not served under experiment %s; copy experiment and arm from the view", api.Quote(req.RequestID), api.Quote(req.Experiment))
	case arm != ambiguousArm && arm != req.Arm:
		return api.FieldError(api.CodeInvalidArgument, "arm", "request_id %s was served under arm %s of experiment %s, not %s; copy experiment and arm from the view", api.Quote(req.RequestID), api.Quote(arm), api.Quote(req.Experiment), api.Quote(req.Arm))
	}
	return nil
}

func (f *feedbackExperiments) store(ctx context.Context, s *Server) (*experiment.Store, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.st != nil {
		return f.st, nil
	}
	if f.closed {
		return nil, errors.New("the gateway is stopping")
	}
	st, err := experiment.Open(ctx, s.nc, s.log, kvstore.Replicas(s.cfg.JSReplicas))
	if err != nil {
		return nil, err
	}
	f.st = st
	return st, nil
}

// checkExperiment checks feedback against the experiment it names, as
// the bucket holds it. Feedback on an experiment restricted to tenants
// other than the caller's is a 404: its views never reach the caller, so
// the caller's ratings could only skew another tenant's results. That
// 404 does tell the caller that some tenant has an experiment of that
// name (an unknown one is accepted, below), nothing more: not its
// tenants, its arms or its status. An arm the experiment does not have is
// a 400: no view carried it, and the report would show it as an arm of
// its own; so is a target_lang outside the experiment's targets, when it
// names some. An experiment the bucket does not hold (one deleted since the
// view, or a name no view carried) is accepted unchecked: feedback can
// arrive after a deletion, and the report reads only the experiments it
// knows.
// close stops the bucket's watch, if feedback opened it.
func (f *feedbackExperiments) close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	st := f.st
	f.st = nil
	if st == nil {
		return nil
	}
	return st.Close()
}

// checkExperiment returns the experiment as the bucket holds it (nil
// when it does not).
func (s *Server) checkExperiment(ctx context.Context, exps *feedbackExperiments, name, arm, target, tenant string) (*experiment.Experiment, error) {
	st, err := exps.store(ctx, s)
	if err != nil {
		if s.log != nil {
			s.log.Error("feedback: experiments unavailable", "err", err)
		}
		return nil, api.Errorf(api.CodeUnavailable, "feedback could not be checked against its experiment; retry later")
	}
	e, ok := st.Get(name)
	if !ok {
		return nil, nil
	}
	if len(e.Tenants) > 0 && !slices.Contains(e.Tenants, tenant) {
		return nil, api.FieldError(api.CodeNotFound, "experiment", "no experiment %q serves this key's tenant", name)
	}
	names := make([]string, len(e.Arms))
	for i, a := range e.Arms {
		names[i] = a.Name
	}
	if !slices.Contains(names, arm) {
		return nil, api.FieldError(api.CodeInvalidArgument, "arm", "experiment %q has no arm %q (its arms: %s); copy experiment and arm from the view", name, arm, strings.Join(names, ", "))
	}
	// Likewise a target the experiment does not translate into: no view
	// in that language carried its arms.
	if !e.ServesTarget(target) {
		return nil, api.FieldError(api.CodeInvalidArgument, "target_lang", "experiment %q translates into %s only, not %q; copy target_lang from the view", name, strings.Join(e.Targets, ", "), target)
	}
	return &e, nil
}

// feedbackUnit is the hashed unit of e the feedback names (its
// conversation_id or user_id, as e assigns by), or "".
func feedbackUnit(e *experiment.Experiment, req *api.FeedbackRequest) string {
	if e == nil {
		return ""
	}
	id := req.ConversationID
	if e.By == flags.ByUser {
		id = req.UserID
	}
	if id == "" {
		return ""
	}
	return experiment.UnitID(e, id)
}

// spendFeedback takes one token of the key's feedback budget: a 429 with
// Retry-After when the key is over it.
func (s *Server) spendFeedback(c echo.Context, exps *feedbackExperiments, keyID string) error {
	rate, burst := s.cfg.Limits.FeedbackRate, s.cfg.Limits.FeedbackBurst
	if rate <= 0 {
		return nil
	}
	if burst <= 0 {
		burst = max(1, int(math.Ceil(rate)))
	}
	ok, wait := exps.budget.take(keyID, rate, burst, time.Now())
	if ok {
		return nil
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	return &api.Error{Code: api.CodeRateLimited, RetryAfter: secs,
		Message: fmt.Sprintf("feedback limit of %g per second per key (burst %d) exceeded; retry in %d s", rate, burst, secs)}
}

// handleFeedback records a reader's rating of a translation.
func (s *Server) handleFeedback(c echo.Context, pub experiment.Publisher, exps *feedbackExperiments) error {
	var req api.FeedbackRequest
	if err := s.decode(c, &req); err != nil {
		// A fraction or an out-of-range number cannot decode into the
		// integer; say what a rating is rather than "a JSON number".
		if ae := api.AsError(err); ae.Field == "rating" {
			return api.FieldError(api.CodeInvalidArgument, "rating", "rating must be an integer from %d (unusable) to %d (perfect)", api.MinRating, api.MaxRating)
		}
		return err
	}
	if err := validateFeedback(&req, s.cfg.MaxTextRunes); err != nil {
		return err
	}
	ctx := c.Request().Context()
	tenant, keyID := s.tenant(c), ""
	if p := PrincipalFrom(ctx); p != nil {
		keyID = p.KeyID
	}
	if err := exps.checkServedArm(tenant, &req); err != nil {
		return err
	}
	var exp *experiment.Experiment
	if req.Experiment != "" {
		var err error
		if exp, err = s.checkExperiment(ctx, exps, req.Experiment, req.Arm, req.TargetLang, tenant); err != nil {
			return err
		}
	}
	if err := s.spendFeedback(c, exps, keyID); err != nil {
		return err
	}
	id := nuid.Next()
	// The id answered is stored with the event, so that a client's
	// report can be traced to it in the stream.
	ev := experiment.Event{
		Type: experiment.Feedback, ID: id, Experiment: req.Experiment, Arm: req.Arm,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
		Source:    req.SourceLang, Target: req.TargetLang, Backend: req.Backend, Model: req.Model,
		Kind: req.Kind, Rating: req.Rating, Comment: req.Comment,
		MessageID: req.MessageID, ViewRequestID: req.RequestID,
		// Who reported it: the key and its tenant, so that a report can
		// be told apart per tenant and a flood traced to its key.
		Tenant: tenant, KeyID: keyID,
	}
	if req.Experiment != "" {
		// The view it is about, of the whole original, and its unit when
		// the feedback names it: the results credit the feedback to that
		// view once per key and kind.
		ev.View = experiment.ViewKey(req.Experiment, req.Arm, req.TargetLang, req.MessageID, req.Original)
		if exp != nil {
			ev.Unit = feedbackUnit(exp, &req)
		}
	}
	// The texts are for review: a chat message's worth of each is kept.
	var cut1, cut2 bool
	ev.Original, cut1 = experiment.TruncateFeedbackText(req.Original)
	ev.Translation, cut2 = experiment.TruncateFeedbackText(req.Translation)
	ev.TextsTruncated = cut1 || cut2
	_, err := pub.PublishFeedback(ctx, ev, exp != nil)
	if errors.Is(err, jetstream.ErrNoStreamResponse) {
		// No stream yet (it could not be created at start): create it,
		// since feedback must not be lost for want of one.
		if serr := s.ensureFeedbackStream(ctx); serr == nil {
			_, err = pub.PublishFeedback(ctx, ev, exp != nil)
		}
	}
	switch {
	case errors.Is(err, experiment.ErrFeedbackCapped):
		return api.Errorf(api.CodeRateLimited, "this key has stored as much feedback on experiment %q as it may (%s keeps at most a set number of events per key and experiment, for 90 days)", cmp.Or(req.Experiment, "(none)"), experiment.FeedbackStream)
	case errors.Is(err, experiment.ErrFeedbackFull):
		if s.log != nil {
			s.log.Error("feedback stream full: feedback refused until it has room", "stream", experiment.FeedbackStream, "err", err)
		}
		// As every write refused for room: not a retry every second.
		return &api.Error{Code: api.CodeUnavailable, RetryAfter: natsutil.StorageRetryAfter, Message: "feedback storage is full; retry later"}
	case err != nil:
		if s.log != nil {
			s.log.Error("feedback not stored", "err", err)
		}
		return api.Errorf(api.CodeUnavailable, "feedback could not be stored; retry later")
	}
	return c.JSON(http.StatusOK, api.FeedbackResponse{ID: id, Recorded: true})
}

// validateFeedback checks a rating and normalizes its language tags.
func validateFeedback(req *api.FeedbackRequest, maxRunes int) error {
	var err error
	if req.Original, err = api.ValidateText("original", req.Original, maxRunes); err != nil {
		return err
	}
	if req.Translation, err = api.ValidateText("translation", req.Translation, 2*maxRunes); err != nil {
		return err
	}
	switch req.Kind {
	case "":
		req.Kind = api.FeedbackRating
	case api.FeedbackRating, api.FeedbackShowOriginal, api.FeedbackBadTranslation:
	default:
		return api.FieldError(api.CodeInvalidArgument, "kind", "kind must be %s, %s or %s", api.FeedbackRating, api.FeedbackShowOriginal, api.FeedbackBadTranslation)
	}
	// A rating is what a "rating" is; the other kinds may carry one.
	if (req.Kind == api.FeedbackRating || req.Rating != 0) && (req.Rating < api.MinRating || req.Rating > api.MaxRating) {
		return api.FieldError(api.CodeInvalidArgument, "rating", "rating must be an integer from %d (unusable) to %d (perfect)", api.MinRating, api.MaxRating)
	}
	tgt, err := api.ParseLanguage("target_lang", req.TargetLang)
	if err != nil {
		return err
	}
	req.TargetLang = tgt.String()
	if req.SourceLang != "" {
		src, err := api.ParseLanguage("source_lang", req.SourceLang)
		if err != nil {
			return err
		}
		req.SourceLang = src.String()
	}
	switch {
	case (req.Experiment == "") != (req.Arm == ""):
		return api.FieldError(api.CodeInvalidArgument, "experiment", "experiment and arm go together, as in the view's experiment field")
	case req.Experiment != "" && !experiment.ValidName(req.Experiment):
		return api.FieldError(api.CodeInvalidArgument, "experiment", "experiment %s: 1-64 letters, digits, _ or -", api.Quote(req.Experiment))
	case req.Arm != "" && !experiment.ValidName(req.Arm):
		return api.FieldError(api.CodeInvalidArgument, "arm", "arm %s: 1-64 letters, digits, _ or -", api.Quote(req.Arm))
	case req.MessageID != "" && messages.ValidID("message_id", req.MessageID) != nil:
		// No message view has such an id (messages.ValidID).
		return api.FieldError(api.CodeInvalidArgument, "message_id", "message_id must be the message view's id: 1-64 letters, digits, '_' or '-'")
	case req.RequestID != "" && !requestIDPattern.MatchString(req.RequestID):
		// No view was answered with such an id (requestContext).
		return api.FieldError(api.CodeInvalidArgument, "request_id", "request_id must be the X-Request-Id of the view's answer: 1-64 letters, digits, '.', '_' or '-'")
	case req.Experiment != "" && req.RequestID == "" && req.MessageID == "":
		// Credited once per view served: without the view, one client's
		// posts could each count as another reader's.
		return api.FieldError(api.CodeInvalidArgument, "request_id", "feedback on an experiment arm names its view: request_id (the X-Request-Id header of the /v1/translate answer) or message_id (the message view's id)")
	}
	if utf8.RuneCountInString(req.Comment) > maxCommentRunes || !utf8.ValidString(req.Comment) {
		return api.FieldError(api.CodeInvalidArgument, "comment", "comment must be valid UTF-8 of at most %d characters", maxCommentRunes)
	}
	for _, f := range []struct{ field, v string }{
		{"backend", req.Backend}, {"model", req.Model}, {"conversation_id", req.ConversationID}, {"message_id", req.MessageID},
		{"user_id", req.UserID},
	} {
		if len(f.v) > pipeline.MaxIDBytes || !utf8.ValidString(f.v) {
			return api.FieldError(api.CodeInvalidArgument, f.field, "%s must be valid UTF-8 of at most %d bytes", f.field, pipeline.MaxIDBytes)
		}
	}
	return nil
}

// feedbackOps documents POST /v1/feedback.
var feedbackOps = []openAPIOp{
	{method: "POST", path: "/v1/feedback", tag: "translate", role: "client", access: clientWriteAccess, body: "FeedbackRequest", response: "FeedbackResponse",
		summary: "Reader feedback on a translation they were shown, with the original and the translation: kind rating (1 unusable to 5 perfect), show_original (the reader asked for the original) or bad_translation; copy experiment and arm from the view to attribute it to an A/B arm, with the view's request_id (X-Request-Id of the /v1/translate answer) or message_id. Stored on the PARLEY_FEEDBACK stream; each key has a feedback budget (429 beyond it).",
		example: map[string]any{"original": "Good morning, everyone!", "translation": "Buenos mañanas, todos", "rating": 2,
			"source_lang": "en", "target_lang": "es", "backend": "ollama", "experiment": "hosted-vs-local", "arm": "local", "request_id": "5bWnC2kqLQ8ZkQ2eAbT1xv"}},
}

func init() {
	openAPIOps = append(openAPIOps, feedbackOps...)
	openAPISchemas["FeedbackRequest"] = obj{"type": "object", "required": []string{"original", "translation", "target_lang"}, "properties": obj{
		"kind":            obj{"type": "string", "enum": []string{api.FeedbackRating, api.FeedbackShowOriginal, api.FeedbackBadTranslation}, "description": "what the reader did (default rating)"},
		"original":        str("the message as written (the event keeps its first 1000 characters)"),
		"translation":     str("the translation the reader was shown (the event keeps its first 1000 characters)"),
		"rating":          obj{"type": "integer", "minimum": api.MinRating, "maximum": api.MaxRating, "description": "an integer, 1 unusable to 5 perfect; required for kind rating, optional for the others"},
		"source_lang":     str("BCP 47 tag of the original"),
		"target_lang":     str("BCP 47 tag of the translation (with experiment, one of its targets when it names some: another is a 400)"),
		"backend":         str("the view's backend"),
		"model":           str("the view's model"),
		"experiment":      str("the view's experiment.experiment"),
		"arm":             str("the view's experiment.arm (one of the experiment's arms, and the one the view of request_id was served under when this replica served it: another is a 400)"),
		"conversation_id": str("the view's conversation_id (with experiment, lets feedback on a view served again be credited)"),
		"user_id":         str("the reader's user_id, as the view was asked for (likewise, for an experiment split by user)"),
		"message_id":      str("the message view's id (1-64 letters, digits, _ or -); with experiment, this or request_id is required"),
		"request_id":      str("the X-Request-Id header of the /v1/translate answer that served the view (alone it names the view, also one served again); with experiment, this or message_id is required"),
		"comment":         str("the reader's own words (at most 1000 characters)"),
	}}
	openAPISchemas["FeedbackResponse"] = obj{"type": "object", "required": []string{"id", "recorded"}, "properties": obj{
		"id": str("feedback id, stored with the event (its id field) on the PARLEY_FEEDBACK stream"), "recorded": obj{"type": "boolean"},
	}}
}

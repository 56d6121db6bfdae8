package gateway

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/pipeline"
)

// maxCommentRunes bounds a reader's comment on a translation.
const maxCommentRunes = 1000

// registerFeedback adds POST /v1/feedback (readers rate a translation)
// and has the pipeline publish the outcome of every view an experiment
// arm served. Both go to the experiment events stream, from which
// quality/ computes the per-arm results.
func (s *Server) registerFeedback(e *echo.Echo) {
	pub := experiment.Publisher{NC: s.nc}
	// The same hook as services/messages' pre-translation pipeline.
	s.pipeline.OnOutcome = pub.OnOutcome(s.log)
	e.POST("/v1/feedback", func(c echo.Context) error { return s.handleFeedback(c, pub, &s.feedback) }, s.requireRole(RoleClient))
}

// feedbackExperiments is the experiments bucket as feedback needs it (which
// tenants an experiment serves), opened at the first feedback that names
// an experiment.
type feedbackExperiments struct {
	mu     sync.Mutex
	st     *experiment.Store
	closed bool // by Server.Close
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
// its own. An experiment the bucket does not hold (one deleted since the
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

func (s *Server) checkExperiment(ctx context.Context, exps *feedbackExperiments, name, arm, tenant string) error {
	st, err := exps.store(ctx, s)
	if err != nil {
		if s.log != nil {
			s.log.Error("feedback: experiments unavailable", "err", err)
		}
		return api.Errorf(api.CodeUnavailable, "feedback could not be checked against its experiment; retry later")
	}
	e, ok := st.Get(name)
	if !ok {
		return nil
	}
	if len(e.Tenants) > 0 && !slices.Contains(e.Tenants, tenant) {
		return api.FieldError(api.CodeNotFound, "experiment", "no experiment %q serves this key's tenant", name)
	}
	names := make([]string, len(e.Arms))
	for i, a := range e.Arms {
		names[i] = a.Name
	}
	if !slices.Contains(names, arm) {
		return api.FieldError(api.CodeInvalidArgument, "arm", "experiment %q has no arm %q (its arms: %s); copy experiment and arm from the view", name, arm, strings.Join(names, ", "))
	}
	return nil
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
	if req.Experiment != "" {
		if err := s.checkExperiment(ctx, exps, req.Experiment, req.Arm, tenant); err != nil {
			return err
		}
	}
	id := nuid.Next()
	// The id answered is stored with the event, so that a client's
	// report can be traced to it in the stream.
	ev := experiment.Event{
		Type: experiment.Feedback, ID: id, Experiment: req.Experiment, Arm: req.Arm,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
		Source:    req.SourceLang, Target: req.TargetLang, Backend: req.Backend, Model: req.Model,
		Kind: req.Kind, Rating: req.Rating, Original: req.Original, Translation: req.Translation, Comment: req.Comment,
		MessageID: req.MessageID,
		// Who reported it: the key and its tenant, so that a report can
		// be told apart per tenant and a flood traced to its key.
		Tenant: tenant, KeyID: keyID,
	}
	_, err := pub.PublishAck(ctx, ev)
	if errors.Is(err, jetstream.ErrNoStreamResponse) {
		// No stream yet (no translate replica has created it): create
		// it, since feedback must not be lost for want of one.
		if js, jerr := jetstream.New(s.nc); jerr == nil {
			if _, serr := experiment.EnsureStream(ctx, js, s.cfg.JSReplicas); serr == nil {
				_, err = pub.PublishAck(ctx, ev)
			}
		}
	}
	if err != nil {
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
		return api.FieldError(api.CodeInvalidArgument, "experiment", "experiment %q: 1-64 letters, digits, _ or -", req.Experiment)
	case req.Arm != "" && !experiment.ValidName(req.Arm):
		return api.FieldError(api.CodeInvalidArgument, "arm", "arm %q: 1-64 letters, digits, _ or -", req.Arm)
	}
	if utf8.RuneCountInString(req.Comment) > maxCommentRunes || !utf8.ValidString(req.Comment) {
		return api.FieldError(api.CodeInvalidArgument, "comment", "comment must be valid UTF-8 of at most %d characters", maxCommentRunes)
	}
	for _, f := range []struct{ field, v string }{
		{"backend", req.Backend}, {"model", req.Model}, {"conversation_id", req.ConversationID}, {"message_id", req.MessageID},
	} {
		if len(f.v) > pipeline.MaxIDBytes || !utf8.ValidString(f.v) {
			return api.FieldError(api.CodeInvalidArgument, f.field, "%s must be valid UTF-8 of at most %d bytes", f.field, pipeline.MaxIDBytes)
		}
	}
	return nil
}

// feedbackOps documents POST /v1/feedback.
var feedbackOps = []openAPIOp{
	{method: "POST", path: "/v1/feedback", tag: "translate", role: "client", body: "FeedbackRequest", response: "FeedbackResponse",
		summary: "Reader feedback on a translation they were shown, with the original and the translation: kind rating (1 unusable to 5 perfect), show_original (the reader asked for the original) or bad_translation; copy experiment and arm from the view to attribute it to an A/B arm. Stored on the experiment events stream.",
		example: map[string]any{"original": "Good morning, everyone!", "translation": "Buenos mañanas, todos", "rating": 2,
			"source_lang": "en", "target_lang": "es", "backend": "ollama", "experiment": "hosted-vs-local", "arm": "local"}},
}

func init() {
	openAPIOps = append(openAPIOps, feedbackOps...)
	openAPISchemas["FeedbackRequest"] = obj{"type": "object", "required": []string{"original", "translation", "target_lang"}, "properties": obj{
		"kind":            obj{"type": "string", "enum": []string{api.FeedbackRating, api.FeedbackShowOriginal, api.FeedbackBadTranslation}, "description": "what the reader did (default rating)"},
		"original":        str("the message as written"),
		"translation":     str("the translation the reader was shown"),
		"rating":          obj{"type": "integer", "minimum": api.MinRating, "maximum": api.MaxRating, "description": "an integer, 1 unusable to 5 perfect; required for kind rating, optional for the others"},
		"source_lang":     str("BCP 47 tag of the original"),
		"target_lang":     str("BCP 47 tag of the translation"),
		"backend":         str("the view's backend"),
		"model":           str("the view's model"),
		"experiment":      str("the view's experiment.experiment"),
		"arm":             str("the view's experiment.arm (one of the experiment's arms: another is a 400)"),
		"conversation_id": str(""),
		"message_id":      str(""),
		"comment":         str("the reader's own words (at most 1000 characters)"),
	}}
	openAPISchemas["FeedbackResponse"] = obj{"type": "object", "required": []string{"id", "recorded"}, "properties": obj{
		"id": str("feedback id, stored with the event (its id field) on the PARLEY_EXPERIMENTS stream"), "recorded": obj{"type": "boolean"},
	}}
}

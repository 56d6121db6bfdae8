// Package pipeline owns the order in which a translated view is built:
//
//	detect (unless the source is given) → glossary prepare → translate (the
//	backend chain) → quality → [reject: next rung] → glossary verify ‖ safety
//	→ [verify repaired the translation: quality ‖ safety of the repaired text]
//
// Verify and safety run beside quality, not after it. A translation that
// quality rejects for its glossary terms (and not as no translation at
// all: a copy of the source, another language) while verify's repair
// leaves no glossary term violated is scored again, repaired, before the
// next rung is asked (rescueByRepair): a term the pipeline can repair
// does not discard it.
//
// In HTML mode (Request.Format) what reaches the view after the translate
// chain's markup check is made fit to render: glossary repairs insert
// their terms escaped, a moderator's correction is escaped or refused, and
// the served text's markup is checked against the source's last (html.go).
//
// Both the HTTP handlers and event consumers call it, so the order lives in
// one place. Every step past translation degrades instead of failing: a view
// that can be served is never an error, and what was skipped is listed in
// View.Degraded.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/gopool"
	"github.com/parley-chat/parley/shared/service"
)

// Detector, Translator, ... are the service clients the pipeline needs; the
// typed clients in package client satisfy them.
type (
	Detector interface {
		Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error)
	}
	Translator interface {
		Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error)
	}
	Glossary interface {
		Prepare(ctx context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error)
		Verify(ctx context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error)
	}
	Quality interface {
		Score(ctx context.Context, req api.QualityRequest) (*api.QualityResponse, error)
	}
	Safety interface {
		Check(ctx context.Context, req api.SafetyRequest) (*api.SafetyResponse, error)
	}
	// Invalidator is a Translator that can delete cached translations
	// (client.Translate): the pipeline deletes a translation that quality
	// discarded (forget). A Translator without it leaves the cache alone.
	Invalidator interface {
		Invalidate(ctx context.Context, req api.TranslateInvalidateRequest) (*api.TranslateInvalidateResponse, error)
	}
)

// Pipeline builds views. All fields but Log are required.
type Pipeline struct {
	Detect    Detector
	Translate Translator
	Glossary  Glossary
	Quality   Quality
	Safety    Safety
	Log       *slog.Logger
	// MaxRungs bounds how many translations quality may reject before the
	// original is served (default 3).
	MaxRungs int
	// MaxTextRunes is the input limit (default api.MaxTextRunes).
	MaxTextRunes int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// StepTimeout bounds each step but translation (default 3 s), so that a
	// slow helper service degrades the view instead of spending the whole
	// request budget. Translation gets what is left minus Reserve.
	StepTimeout time.Duration
	// Reserve is kept back from translation for quality and safety
	// (default 1 s, capped at a third of the remaining budget).
	Reserve time.Duration
	// OnFlagged, when set, receives every view that the safety policy
	// flagged (api.PolicyFlag) or sent for review with its text served
	// (PolicyDecision.Review: self-harm by default), to send it to
	// moderators. It runs before
	// Run returns and should be quick (a JetStream publish); nil is off.
	OnFlagged func(ctx context.Context, f *api.FlaggedView)
	// Metrics records served views (nil records nothing).
	Metrics *Metrics
	// OnOutcome, when set, receives every served view that an A/B
	// experiment arm translated (View.Experiment set), for the outcome
	// event. It runs before Run returns and must be quick (a publish).
	OnOutcome func(ctx context.Context, req Request, v *api.View)
	// OverloadBackoff is the mean of the short, jittered wait (half of it
	// to one and a half times it) before a translation that the
	// translate service refused as overloaded is asked for again (up to
	// MaxOverloadRetries times, the wait doubling each time), when the
	// budget leaves time for it (default DefaultOverloadBackoff;
	// negative: no retry, the view degrades at once).
	OverloadBackoff time.Duration
	// WithholdUnchecked serves the original instead of a translation
	// that the safety service did not check (it failed, or did not
	// answer within the step's time): UNCHECKED_TRANSLATIONS=original,
	// for a deployment that must not show readers what nobody checked
	// (a translation can add harm the original does not have). The view
	// is degraded as a failed translation is (translate and safety), so
	// that it is not cached and is rendered again; the default serves
	// the translation, degraded: ["safety"].
	WithholdUnchecked bool
}

// UncheckedFromEnv reads UNCHECKED_TRANSLATIONS, serve (the default) or
// original, into Pipeline.WithholdUnchecked; the gateway and the
// messages service, which both render views, read it alike.
func UncheckedFromEnv(r *config.Reader) (withhold bool) {
	return r.OneOf("UNCHECKED_TRANSLATIONS", "serve", "serve", "original") == "original"
}

// withholdUnchecked serves the original in place of a translation the
// safety service did not check, when WithholdUnchecked says so.
func (p *Pipeline) withholdUnchecked(req Request, v *api.View) {
	if !p.WithholdUnchecked || v.Status != api.StatusTranslated || !slices.Contains(v.Degraded, DegradedSafety) {
		return
	}
	*v = api.View{
		Text: req.Text, Status: api.StatusOriginal, Backend: "none",
		SourceLanguage: v.SourceLanguage, TargetLanguage: v.TargetLanguage, Detection: v.Detection,
		Reason:     "the translation was not served: the safety service did not check it (UNCHECKED_TRANSLATIONS=original)",
		ReasonCode: api.ReasonTranslationUnavailable,
		Attempts:   v.Attempts, Degraded: append(v.Degraded, DegradedTranslate),
		CreatedAt: v.CreatedAt, Glossaries: v.Glossaries,
	}
}

// flagged hands a flagged view, or one sent for review with its text
// served (PolicyDecision.Review), to OnFlagged.
//
// The view of a moderator's correction (the translate cache's override)
// is not handed on: a moderator wrote that text, and its case would bring
// the correction back to the queue as a new case.
//
// Only a stored message's view (Request.Stored) is tied to its message:
// a moderator's decision on such a case is applied to that message. A
// caller of /v1/translate names any conversation and message id it
// likes, with any text; tied to the message, its case would show the
// caller's text while the decision hid or approved the stored message.
// Its view is a case of its text.
func (p *Pipeline) flagged(ctx context.Context, req Request, v *api.View) {
	if p.OnFlagged == nil || v.Safety == nil || v.Safety.Policy == nil {
		return
	}
	if pd := v.Safety.Policy; pd.Action != api.PolicyFlag && len(pd.Review) == 0 {
		return
	}
	if v.Status == api.StatusTranslated && v.Cache == api.CacheOverride {
		return
	}
	f := &api.FlaggedView{Tenant: req.Tenant, Text: req.Text, Formality: req.Formality, View: *v}
	if req.Stored {
		f.ConversationID, f.MessageID, f.MessageRevision, f.Author = req.ConversationID, req.MessageID, req.MessageRevision, req.Author
	}
	p.OnFlagged(ctx, f)
}

// step derives the context for one helper step.
func (p *Pipeline) step(ctx context.Context) (context.Context, context.CancelFunc) {
	d := p.StepTimeout
	if d <= 0 {
		d = 3 * time.Second
	}
	return context.WithTimeout(ctx, d)
}

// translateBudget derives the context for the translation chain: the
// remaining budget minus a reserve for the steps after it.
func (p *Pipeline) translateBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	reserve := p.Reserve
	if reserve <= 0 {
		reserve = time.Second
	}
	remaining := time.Until(dl)
	reserve = min(reserve, remaining/3)
	return context.WithDeadline(ctx, dl.Add(-reserve))
}

// Request asks for one text in one target language.
type Request struct {
	Text string
	// Source is a BCP 47 tag, or "" / "auto" to detect.
	Source string
	Target string
	// Glossary restricts term matching to one glossary id.
	Glossary string
	// Tenant selects the tenant's scoped glossaries and safety policy.
	Tenant string
	// ConversationID and MessageID name the message: conversation-scoped
	// glossaries apply, and an edit can invalidate its cached translations.
	ConversationID string
	MessageID      string
	// UserID is the reader's (or requester's) user id in the chat
	// product, when the caller gave one: feature flags and A/B experiments
	// split by user assign by it (api.TranslateRequest.UserID). Without
	// it, an experiment split by user does not apply.
	UserID string
	// MessageRevision is the revision of the stored message being rendered
	// (api.Message.Revision; 0 for a text that is not one). It goes to the
	// flagged view, so that a moderator's approval covers the text the
	// moderator saw, not a later edit of it.
	MessageRevision int
	// Stored says that Text is the stored message MessageID at
	// MessageRevision, as the caller read it from the chat stream
	// (messages.Renderer), and Author its author: only then is a flagged
	// view a case of that message, whose decision applies to the message.
	// Ids a client sent with a text of its own (/v1/translate) are not
	// the stored message's, and its flagged view is a case of its text.
	Stored bool
	Author string
	// Formality is api.FormalityFormal, api.FormalityInformal or empty
	// (the target locale's default).
	Formality string
	// Context holds earlier messages of the conversation, oldest first, for
	// disambiguation only; they are never translated.
	Context []api.ContextMessage
	// Format is api.FormatText (or empty) for chat text and api.FormatHTML
	// for HTML the client will render (the LibreTranslate and DeepL APIs'
	// HTML mode): the translate chain then refuses answers whose markup
	// is not exactly the text's (api.TranslateRequest.Format).
	Format string
	// DetectHints go to detection when Source is empty: what the caller
	// knows of the text besides itself (the sender's locale, the
	// conversation's recent languages, the sender's Accept-Language).
	// They are weak priors that decide close calls only (docs/detect.md).
	DetectHints api.DetectHints
	// OnDetect, when set, is called with detection's answer as soon as it
	// comes (before the rest of the view is built), and not at all when
	// Source is given or detection failed: a caller rendering several
	// messages of a conversation passes what it learned to the hints of
	// the next ones (messages.Renderer). It must be quick.
	OnDetect func(*api.DetectResponse)
}

// Input limits beyond the text itself. Ids end up in NATS subjects and KV
// keys, so wildcards and whitespace are refused.
const (
	MaxContextMessages = 10
	MaxIDBytes         = 128
)

// Degradation labels in View.Degraded.
const (
	DegradedDetect    = "detect"
	DegradedGlossary  = "glossary"
	DegradedQuality   = "quality"
	DegradedSafety    = "safety"
	DegradedTranslate = "translate"
)

// Validate checks a request and returns it normalised (NFC text, canonical
// tags). It is exported so that front ends can reject bad input before
// doing any work.
func (p *Pipeline) Validate(req Request) (Request, error) {
	text, err := api.ValidateText("text", req.Text, p.MaxTextRunes)
	if err != nil {
		return req, err
	}
	req.Text = text
	tgt, err := api.ParseLanguage("target", req.Target)
	if err != nil {
		return req, err
	}
	req.Target = tgt.String()
	if s := strings.TrimSpace(req.Source); s == "" || strings.EqualFold(s, "auto") {
		req.Source = ""
	} else {
		src, err := api.ParseLanguage("source", s)
		if err != nil {
			return req, err
		}
		req.Source = src.String()
	}
	switch req.Formality {
	case "", api.FormalityDefault:
		req.Formality = ""
	case api.FormalityFormal, api.FormalityInformal:
	default:
		return req, api.FieldError(api.CodeInvalidArgument, "formality", "formality must be formal, informal or default")
	}
	if req.Format, err = api.ParseFormat("format", req.Format); err != nil {
		return req, err
	}
	// Checked as detect checks them, whether or not detection runs: a
	// hint detect would refuse would otherwise serve the original, as if
	// detection were down.
	if req.DetectHints, err = api.ValidateDetectHints("hints", req.DetectHints); err != nil {
		return req, err
	}
	if len(req.Context) > MaxContextMessages {
		return req, api.FieldError(api.CodeInvalidArgument, "context", "at most %d context messages", MaxContextMessages)
	}
	for i, m := range req.Context {
		text, err := api.ValidateText(fmt.Sprintf("context[%d].text", i), m.Text, p.MaxTextRunes)
		if err != nil {
			return req, err
		}
		req.Context[i].Text = text
	}
	for _, id := range []struct{ field, v string }{{"conversation_id", req.ConversationID}, {"message_id", req.MessageID}, {"tenant", req.Tenant}, {"user_id", req.UserID}} {
		if len(id.v) > MaxIDBytes || strings.ContainsFunc(id.v, func(r rune) bool { return r < 0x21 || r == 0x7f || r == '*' || r == '>' }) {
			return req, api.FieldError(api.CodeInvalidArgument, id.field, "%s must be at most %d bytes of printable characters without spaces, '*' or '>'", id.field, MaxIDBytes)
		}
	}
	return req, nil
}

// Run builds the view of one text in one target language. It returns an
// error only for bad input or a spent deadline; every service failure past
// validation degrades into a view with status "original" or a Degraded note.
func (p *Pipeline) Run(ctx context.Context, req Request) (*api.View, error) {
	v, err := p.run(ctx, req)
	p.Metrics.observe(v, err)
	if p.OnOutcome != nil && v != nil && v.Experiment != nil {
		p.OnOutcome(ctx, req, v)
	}
	return v, err
}

func (p *Pipeline) run(ctx context.Context, req Request) (*api.View, error) {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	start := now()
	req, err := p.Validate(req)
	if err != nil {
		return nil, err
	}
	v := &api.View{
		Text:           req.Text,
		Status:         api.StatusOriginal,
		Backend:        "none",
		SourceLanguage: req.Source,
		TargetLanguage: req.Target,
		CreatedAt:      start.UTC(),
	}
	// Deferred first so that it runs last, on the finished view.
	defer p.flagged(ctx, req, v)
	defer func() {
		v.Took = now().Sub(start)
		v.DurationMS = v.Took.Milliseconds()
	}()
	// Deferred last so that it runs first, on the view as served.
	defer p.withholdUnchecked(req, v)

	if req.Source == "" {
		sctx, cancel := p.step(ctx)
		det, err := p.Detect.Detect(sctx, api.DetectRequest{Text: req.Text, Hints: req.DetectHints})
		cancel()
		if err == nil && req.OnDetect != nil {
			req.OnDetect(det)
		}
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, api.Errorf(api.CodeTimeout, "request ran out of time during detection")
			}
			if err := p.checkGlossary(ctx, req, req.Target); err != nil {
				return nil, err
			}
			p.degrade(ctx, v, DegradedDetect, err)
			v.SourceLanguage = api.Undetermined
			v.Reason = "language detection unavailable: " + api.AsError(err).Message
			v.ReasonCode = api.ReasonUndeterminedLanguage
			p.checkSafety(ctx, v, req, "")
			return v, nil
		case det.Language == api.Undetermined:
			if err := p.checkGlossary(ctx, req, req.Target); err != nil {
				return nil, err
			}
			v.Detection = det
			v.SourceLanguage = api.Undetermined
			v.Reason = "source language not determined: " + det.Reason
			v.ReasonCode = api.ReasonUndeterminedLanguage
			p.checkSafety(ctx, v, req, "")
			return v, nil
		}
		v.Detection = det
		req.Source = det.Language
		v.SourceLanguage = det.Language
	}

	if sameLanguage(req.Source, req.Target, v.Detection != nil) {
		if err := p.checkGlossary(ctx, req, req.Source); err != nil {
			return nil, err
		}
		v.Reason, v.ReasonCode = "source and target language are the same", api.ReasonSameLanguage
		p.checkSafety(ctx, v, req, "")
		return v, nil
	}

	var prep *api.GlossaryPrepareResponse
	sctx, cancel := p.step(ctx)
	prep, err = p.Glossary.Prepare(sctx, api.GlossaryPrepareRequest{
		Text: req.Text, Source: req.Source, Target: req.Target, Glossary: req.Glossary,
		Tenant: req.Tenant, Conversation: req.ConversationID,
		// In HTML mode the text's "AT&amp;T" is the term "AT&T".
		Format: req.Format,
	})
	cancel()
	if err != nil {
		if api.ErrorCode(err) == api.CodeNotFound {
			return nil, err // the client named a glossary that does not exist
		}
		p.degrade(ctx, v, DegradedGlossary, err)
		prep = &api.GlossaryPrepareResponse{}
	}
	v.Glossaries = prep.Glossaries
	// Translate and quality take a bounded number of hints; verify gets
	// every match (prep.Matches) all the same.
	prep = withinLimits(req.Text, prep)

	served, checked := p.translate(ctx, v, req, prep)
	if ctx.Err() != nil && v.Status != api.StatusTranslated && len(v.Attempts) == 0 {
		return nil, api.Errorf(api.CodeTimeout, "request ran out of time")
	}

	if checked == nil {
		// Nothing was translated: the safety check of the original.
		checked = p.startChecks(ctx, v, req, prep, "")
	}
	checked.wait()
	report, verifyErr := checked.report, checked.verifyErr
	safety, safetyErr := checked.safety, checked.safetyErr
	if verifyErr != nil {
		p.degrade(ctx, v, DegradedGlossary, verifyErr)
	}
	if checked.repairErr != nil && v.Status == api.StatusTranslated {
		// In HTML mode a repair that would change the markup is not
		// applied (verifyHTML): the terms count as violated, and the view
		// says that a step was skipped.
		p.degrade(ctx, v, DegradedGlossary, checked.repairErr)
	}
	v.Glossary = report
	// Glossary verify repairs what it can deterministically (a forbidden or
	// untranslated term replaced by the expected target term); serve that.
	// Quality and safety ran on the translation before the repair (beside
	// verify, for latency), so they describe another text: what readers
	// get masked, and the spans moderators see, must be those of the text
	// served. A view without a repair (the common case) is done here, and
	// so is one that translate served repaired already (rescueByRepair:
	// v.Text is the report's repair, scored and checked as it is).
	repaired := report != nil && report.Repaired != "" && v.Status == api.StatusTranslated && report.Repaired != v.Text
	if repaired {
		v.Text = report.Repaired
	}
	// An LLM's translation into an inflecting language is not served
	// repaired before the strict retry had its chance: the term in its
	// base form may not fit the sentence (repairGuarded).
	guarded := v.Status == api.StatusTranslated && repairGuarded(req.Target, report, served)
	if repaired && unresolved(report) == 0 && !guarded {
		// Enforcement is finished: score and check the repaired text,
		// both at once.
		safety, safetyErr = p.recheckRepaired(ctx, v, req, prep, served)
		p.setSafety(ctx, v, safety, safetyErr)
		p.guardHTML(ctx, v, req)
		return v, nil
	}
	if repaired {
		// enforceTerms below scores the served text (or serves a retry
		// with its own score); the score of the unrepaired translation
		// must not stay on the view if that fails.
		v.Quality = nil
	} else {
		// Verify found every term applied in the text quality scored:
		// the score's glossary signal must say so too.
		p.scoreWithReport(ctx, v, req, prep, served)
	}
	// Terms that repair could not fix, or unsure repairs: one retry with
	// the terms as requirements, else a quality penalty and a flag
	// (glossary.go).
	if p.enforceTerms(ctx, v, req, prep, served, guarded) || repaired {
		// Another text is served now: check that one.
		safety, safetyErr = p.safetyCheck(ctx, v, req, v.Text)
	}
	p.setSafety(ctx, v, safety, safetyErr)
	p.guardHTML(ctx, v, req)
	return v, nil
}

// checkGlossary reports the glossary a request names when it does not
// exist (or is another tenant's), on the paths that serve the original
// before the glossary step (source undetermined, or the target's
// language): an unknown glossary is a 404 whatever the text's language,
// as on the translated path. It asks only when a glossary is named, and
// only there; any other failure is no concern of a view that translates
// nothing.
func (p *Pipeline) checkGlossary(ctx context.Context, req Request, source string) error {
	if req.Glossary == "" {
		return nil
	}
	sctx, cancel := p.step(ctx)
	defer cancel()
	_, err := p.Glossary.Prepare(sctx, api.GlossaryPrepareRequest{
		Text: req.Text, Source: source, Target: req.Target, Glossary: req.Glossary,
		Tenant: req.Tenant, Conversation: req.ConversationID,
	})
	if api.ErrorCode(err) == api.CodeNotFound {
		return err
	}
	return nil
}

// checks are the glossary verification and the safety check of one
// translation (or of the original, when nothing was translated). They do
// not depend on each other or on the quality score, so translate starts
// them while quality scores the translation: a view then waits for the
// slowest of the three instead of for quality and then the others. Each
// goroutine writes only its own fields, read after wait.
type checks struct {
	// wg runs the checks on reused goroutines: each encodes a request and
	// waits for NATS, deeper than a new goroutine's stack (shared/gopool).
	wg        gopool.Group
	cancel    context.CancelFunc
	report    *api.GlossaryReport
	verifyErr error
	// repairErr says why verify's repair was not applied (HTML mode,
	// verifyHTML); report then has none.
	repairErr error
	safety    *api.SafetyResponse
	safetyErr error
}

// startChecks starts the checks of translation ("" for the original).
func (p *Pipeline) startChecks(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse, translation string) *checks {
	cctx, cancel := context.WithCancel(ctx)
	ch := &checks{cancel: cancel}
	// Read from v here, not in the goroutines: translate goes on writing
	// the view meanwhile.
	sreq := p.safetyRequest(v, req, translation)
	if translation != "" && len(prep.Matches) > 0 {
		vreq := api.GlossaryVerifyRequest{Source: req.Text, Translation: translation, Target: req.Target, Matches: prep.Matches, Format: req.Format}
		ch.wg.Go(func() {
			sctx, cancel := p.step(cctx)
			defer cancel()
			ch.report, ch.repairErr, ch.verifyErr = p.verify(sctx, req, vreq)
		})
	}
	ch.wg.Go(func() {
		sctx, cancel := p.step(cctx)
		defer cancel()
		ch.safety, ch.safetyErr = p.Safety.Check(sctx, sreq)
	})
	return ch
}

// wait waits for the checks' results.
func (ch *checks) wait() {
	ch.wg.Wait()
	ch.cancel()
}

// discard abandons checks of a translation that is not served (quality
// rejected it). It waits for them to return, so that no call of this view
// outlives Run.
func (ch *checks) discard() {
	ch.cancel()
	ch.wg.Wait()
}

// translate walks the chain: each translation is scored, and a rejected one
// excludes its backend and asks again, until a translation is accepted, the
// chain answers "original", or MaxRungs translations were rejected. It
// returns the request and answer that were served (nil when none was) and
// the checks of the served translation (nil when none was).
//
// The checks of each translation run while quality scores it: when quality
// accepts (the common case) they are done or nearly; when it rejects, they
// are discarded and the next translation gets its own, unless verify's
// repair rescues the translation (rescueByRepair): then the view serves the
// repaired text with its own score, and the checks hold verify's report
// and the safety check of that text.
func (p *Pipeline) translate(ctx context.Context, v *api.View, req Request, prep *api.GlossaryPrepareResponse) (*servedTranslation, *checks) {
	maxRungs := p.MaxRungs
	if maxRungs <= 0 {
		maxRungs = 3
	}
	var exclude []string
	for range maxRungs {
		tctx, cancel := p.translateBudget(ctx)
		treq := api.TranslateRequest{
			Text: req.Text, Source: req.Source, Target: req.Target,
			Protect: prep.Protect, Terms: prep.Terms, Exclude: exclude,
			// The glossary version is part of the translation cache key, so
			// a changed glossary never serves a translation made with the
			// old one.
			GlossaryID: req.Glossary, GlossaryVersion: prep.Version,
			Formality: req.Formality, Context: req.Context,
			ConversationID: req.ConversationID, MessageID: req.MessageID,
			Tenant: req.Tenant, UserID: req.UserID, Format: req.Format,
		}
		tr, err := p.Translate.Translate(tctx, treq)
		for try := range MaxOverloadRetries {
			// A burst of readers fills translate's pool for a moment, and
			// the fake or a warm model empties it in milliseconds; the
			// retries of one burst, spread by jitter and a doubling wait,
			// may meet it once more. Refusals past MaxOverloadRetries, or
			// past the budget, are real overload.
			if err == nil || api.ErrorCode(err) != api.CodeOverloaded || !p.waitOverload(tctx, try) {
				break
			}
			tr, err = p.Translate.Translate(tctx, treq)
		}
		cancel()
		if err != nil {
			p.degrade(ctx, v, DegradedTranslate, err)
			v.Reason = "translation unavailable: " + api.AsError(err).Message
			v.ReasonCode = api.ReasonTranslationUnavailable
			return nil, nil
		}
		v.Attempts = appendAttempts(v.Attempts, tr.Attempts)
		v.Experiment, v.ExperimentUnit = tr.Experiment, tr.ExperimentUnit
		if tr.Status != api.StatusTranslated {
			if v.Reason == "" {
				v.Reason, v.ReasonCode = tr.Reason, tr.ReasonCode
				if v.ReasonCode == "" {
					// A translate replica older than reason codes.
					v.ReasonCode = api.ReasonTranslationUnavailable
				}
			}
			return nil, nil
		}
		if tr.Cache == api.CacheOverride && req.Format == api.FormatHTML {
			// A moderator's correction is served from the translate
			// cache without the chain's markup check: escaped, or
			// refused like a rung's answer that adds markup.
			text, err := htmlCorrection(req.Text, tr.Text)
			if err != nil {
				v.Attempts = append(v.Attempts, api.Attempt{Backend: tr.Backend, Model: tr.Model, Error: api.AsError(err).Message})
				v.Reason = "the moderator's correction does not fit the text's HTML"
				v.ReasonCode = api.ReasonTranslationUnavailable
				exclude = append(exclude, tr.Backend)
				continue
			}
			tr.Text = text
		}
		checked := p.startChecks(ctx, v, req, prep, tr.Text)
		sctx, scancel := p.step(ctx)
		q, err := p.Quality.Score(sctx, api.QualityRequest{
			Source: req.Text, Translation: tr.Text, SourceLang: req.Source, TargetLang: req.Target, Backend: tr.Backend,
			Model: tr.Model, Protect: prep.Protect, Terms: prep.Terms, UnknownWords: tr.UnknownWords,
		})
		scancel()
		if err != nil {
			p.degrade(ctx, v, DegradedQuality, err)
		} else {
			v.Quality = q
			p.Metrics.quality(tr.Backend, req.Source, req.Target, q)
			if tr.Cache == api.CacheOverride && q.Retry() {
				// A moderator's correction is a person's judgement of
				// this very text: estimation (length ratios, a judge)
				// may score it and say so, but not refuse it (a short
				// correction of a long insult is what length signals
				// reject). Refused, the view would serve a machine's
				// translation or the flagged original in its place.
				q.Decision = api.DecisionAcceptWithWarning
			}
		}
		// Retry (or reject, from an older quality service) moves down the
		// chain, unless glossary repair rescues the translation;
		// flag_for_review and accept_with_warning are served, and
		// the decision stays visible in v.Quality. The safety check of a
		// served translation, a moderator's included, is in checked.
		text := tr.Text
		if err == nil && q.Retry() {
			// A glossary term that verify repairs must not be what
			// discards the rung: the repaired text gets its own score.
			repaired, rq, ok := p.rescueByRepair(ctx, v, req, prep, tr, q, checked)
			if !ok {
				msg := fmt.Sprintf("quality rejected the translation (score %.0f)", q.Score)
				if rq != nil {
					msg = fmt.Sprintf("quality rejected the translation (score %.0f, %.0f with its glossary repairs)", q.Score, rq.Score)
				}
				v.Attempts = append(v.Attempts, api.Attempt{
					Backend: tr.Backend, Model: tr.Model, DurationMS: tr.DurationMS, Error: msg,
				})
				v.Reason, v.ReasonCode = "every translation was rejected by quality estimation", api.ReasonRejectedByQuality
				exclude = append(exclude, tr.Backend)
				checked.discard()
				p.forget(ctx, tr)
				continue
			}
			text, v.Quality = repaired, rq
		}
		v.Text, v.Status, v.Backend, v.Model, v.Reason, v.ReasonCode = text, api.StatusTranslated, tr.Backend, tr.Model, "", ""
		v.PromptID, v.PromptVersion, v.Cache = tr.PromptID, tr.PromptVersion, tr.Cache
		return &servedTranslation{req: treq, resp: tr}, checked
	}
	return nil, nil
}

// waitOverload waits a short, jittered while before retry number try
// (from 0) of a translation the translate service refused as overloaded
// (503: its queue was full), and reports whether the retry has time
// left: the wait and MinOverloadRetry must fit in ctx's budget. The
// jitter spreads the retries of a burst, so that they do not fill the
// queue again at once, and the wait doubles with each try.
func (p *Pipeline) waitOverload(ctx context.Context, try int) bool {
	base := p.OverloadBackoff
	if base < 0 {
		return false
	}
	if base == 0 {
		base = DefaultOverloadBackoff
	}
	base <<= try
	wait := base/2 + rand.N(base)
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait+MinOverloadRetry {
		return false
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// DefaultOverloadBackoff is the mean wait before the retry of a
// translation refused as overloaded (Pipeline.OverloadBackoff), and
// MinOverloadRetry the budget the retry needs left after it.
const (
	DefaultOverloadBackoff = 150 * time.Millisecond
	// MaxOverloadRetries bounds the retries of one translation refused
	// as overloaded: mean waits of 150, 300 and 600 ms.
	MaxOverloadRetries = 3
	MinOverloadRetry   = 500 * time.Millisecond
)

// forget deletes a translation that quality discarded from the translate
// cache (its CacheKey). Translate caches an answer that passes its own
// checks before quality has scored it, for TRANSLATE_CACHE_TTL (a week by
// default): kept, the next view would be served the same answer from the
// cache, discarded again, and the backend never asked again, not even
// once the model answers well. A failure costs only that, so it is
// logged, not a degradation of the view.
func (p *Pipeline) forget(ctx context.Context, tr *api.TranslateResponse) {
	inv, ok := p.Translate.(Invalidator)
	if !ok || tr.CacheKey == "" {
		return
	}
	sctx, cancel := p.step(ctx)
	defer cancel()
	if _, err := inv.Invalidate(sctx, api.TranslateInvalidateRequest{Key: tr.CacheKey}); err != nil && p.Log != nil {
		p.Log.LogAttrs(ctx, slog.LevelWarn, "could not delete a translation quality discarded from the cache",
			slog.String("backend", tr.Backend), slog.Any("err", err), slog.String("req_id", service.RequestID(ctx)))
	}
}

// sameLanguage reports whether a reader of target reads the text in
// source as it is, so that nothing is translated: the same base language
// in the same script (api.SameWriting: en-US and en-GB are one, zh-Hans
// and zh-Hant, sr-Cyrl and sr-Latn are not). A detected source names a
// script only where the text shows one (zh-Hans or zh-Hant, sr-Cyrl or
// sr-Latn, docs/detect.md); one without, such as "zh" for Chinese in
// characters that both scripts share, reads the same in either, and is
// compared by its base language alone.
func sameLanguage(source, target string, detected bool) bool {
	if detected && !hasScript(source) {
		return api.Base(source) == api.Base(target)
	}
	return api.SameWriting(source, target)
}

// hasScript reports whether tag names its script ("zh-Hant", not "zh"
// or "zh-TW").
func hasScript(tag string) bool {
	t, err := api.ParseTag(tag)
	if err != nil {
		return false
	}
	_, conf := t.Script()
	return conf == language.Exact
}

// skipped begins the error of an attempt that called no backend (the
// translate service's chain: not configured, unavailable, circuit open,
// no time left, ...).
const skipped = "skipped: "

// appendAttempts adds one translate answer's attempts to the view's. The
// pipeline may ask translate more than once for a view (the next rung
// after quality discarded one, the glossary retry), and each call walks
// the chain again: a rung skipped for the same reason as in an earlier
// call of this view (same backend, model and error) is listed once, not
// once per call. An attempt that called a backend is always added, so a
// rung really called twice is listed twice.
func appendAttempts(view, add []api.Attempt) []api.Attempt {
	earlier := view[:len(view):len(view)]
	for _, a := range add {
		if strings.HasPrefix(a.Error, skipped) && slices.ContainsFunc(earlier, func(e api.Attempt) bool {
			return e.Backend == a.Backend && e.Model == a.Model && e.Error == a.Error
		}) {
			continue
		}
		view = append(view, a)
	}
	return view
}

// checkSafety fills v.Safety; a safety outage is a degradation, not an error.
func (p *Pipeline) checkSafety(ctx context.Context, v *api.View, req Request, translation string) {
	res, err := p.safetyCheck(ctx, v, req, translation)
	p.setSafety(ctx, v, res, err)
}

func (p *Pipeline) safetyCheck(ctx context.Context, v *api.View, req Request, translation string) (*api.SafetyResponse, error) {
	sctx, cancel := p.step(ctx)
	defer cancel()
	return p.Safety.Check(sctx, p.safetyRequest(v, req, translation))
}

// safetyRequest is the safety check of a view's source (the request's
// text) and translation.
func (p *Pipeline) safetyRequest(v *api.View, req Request, translation string) api.SafetyRequest {
	src := v.SourceLanguage
	if src == api.Undetermined {
		src = ""
	}
	return api.SafetyRequest{
		Source: req.Text, Translation: translation, SourceLang: src, TargetLang: v.TargetLanguage,
		Tenant: req.Tenant, ConversationID: req.ConversationID, UserID: req.UserID,
		// In HTML mode the check reads the text readers see, not the tags.
		Format: req.Format,
	}
}

func (p *Pipeline) setSafety(ctx context.Context, v *api.View, res *api.SafetyResponse, err error) {
	if err != nil {
		p.degrade(ctx, v, DegradedSafety, err)
		return
	}
	v.Safety = res
}

func (p *Pipeline) degrade(ctx context.Context, v *api.View, step string, err error) {
	// A step may fail twice in one view (quality of the translation, then
	// of its glossary repair): it is listed, and counted, once.
	if !slices.Contains(v.Degraded, step) {
		v.Degraded = append(v.Degraded, step)
	}
	if p.Log != nil {
		level := slog.LevelWarn
		var ae *api.Error
		switch {
		case errors.Is(ctx.Err(), context.Canceled):
			// The caller left (a reader closed the stream): nothing for
			// an operator to act on. A spent budget stays a warning.
			level = slog.LevelDebug
		case !errors.As(err, &ae):
			level = slog.LevelError
		}
		p.Log.Log(ctx, level, "pipeline step degraded", "step", step, "err", err, "req_id", service.RequestID(ctx))
	}
}

package messages

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/gopool"
	"github.com/parley-chat/parley/shared/pipeline"
)

// Renderer turns a message into a view for one reader locale: the
// pipeline's translation, a label in the reader's language, text
// direction, quality, and the safety policy applied.
type Renderer struct {
	Pipeline *pipeline.Pipeline
	Log      *Log
	// Flagged is FlaggedHide or FlaggedMask (default: the stream's setting).
	Flagged string
	// ContextMessages is how many earlier messages go to the translator
	// (default: the stream's setting).
	ContextMessages int
	// Concurrency bounds the pipeline runs of one page (default 8).
	Concurrency int
	// Cache keeps rendered views; nil renders every time.
	Cache *ViewCache
	// Glossaries follows the glossary heads, so that a glossary change
	// takes cached views out at once (GlossaryHeads); nil: a change shows
	// when the cached views expire.
	Glossaries *GlossaryHeads
	// Moderated holds moderators' decisions (nil: none apply): a hidden
	// message is hidden in every locale and revision, an approved or
	// corrected view of the reviewed revision is not held back by the flag
	// policy.
	Moderated *Moderated
	// ContextCheckTimeout bounds the safety checks of the earlier messages
	// that have no known verdict before they go as context
	// (checkedContext; default DefaultContextCheckTimeout): one that has
	// not answered by then is left out.
	ContextCheckTimeout time.Duration
	// ContextChecks caps how many such messages one render checks
	// (default DefaultContextChecks); the older ones past it are left out.
	ContextChecks int

	// checks are the context checks running, by message revision: the
	// renders of a page, or of one message in several locales, that need
	// the same one wait for it rather than ask again.
	checksMu sync.Mutex
	checks   map[checkKey]*contextCheck

	// renders are the renders running, by view cache key: readers who
	// open a conversation at the same moment share one render of each
	// view instead of each running the pipeline (renderFlight).
	rendersMu sync.Mutex
	renders   map[string]*renderFlight
}

// Defaults of the context checks (Renderer.ContextCheckTimeout,
// Renderer.ContextChecks). The check is the safety service's of one text
// without translation: word lists and PII take microseconds, and the
// guard, when configured, answers from its memo a text the message's own
// render had it classify. The cap is the default MESSAGES_CONTEXT.
const (
	DefaultContextCheckTimeout = time.Second
	DefaultContextChecks       = 5
)

// View renders message m for a reader locale (a canonical BCP 47 tag);
// original adds the message as written (unless the safety policy masked
// or hid it). user is the reader's user id when the client named one
// (pipeline.Request.UserID: flags and A/B experiments split by user
// assign by it), "" otherwise. A view for a user is cached for that user
// only, since another reader may be served another arm; callers pass ""
// when nothing splits by user, so that readers share the cached views.
func (r *Renderer) View(ctx context.Context, m api.Message, locale, user string, original bool) (*api.MessageView, error) {
	return r.view(ctx, m, locale, user, original, nil)
}

// recentMessages is how many earlier messages of its conversation give a
// message's detection its recent-languages hint: detect weighs each one
// 0.7 of the one after it, so the tenth counts for 4% of the newest.
const recentMessages = 10

// view is View. known, when set, is called (it may be called more than
// once) as soon as m's language is known to the read model, its detection
// having answered, and in any case when the render is over: Views holds
// back the detection of the messages after m until then.
func (r *Renderer) view(ctx context.Context, m api.Message, locale, user string, original bool, known func()) (*api.MessageView, error) {
	if known != nil {
		defer known()
	}
	mod, modRev := r.Moderated.Get(m.Tenant, m.ID)
	// The key is taken before the render: a glossary change or a
	// moderator's decision landing during it makes a new key, and this
	// view goes under the old one.
	key := cacheKey(m, modRev, r.Glossaries.Revision(), locale, user, original)
	if v := r.Cache.Get(key); v != nil {
		return v, nil
	}
	return r.shared(ctx, key, known, func(ctx context.Context, known func()) (*api.MessageView, error) {
		return r.render(ctx, m, locale, user, original, mod, key, known)
	})
}

// render is view past the cache: it builds the view of m and caches it
// unless it is degraded. Concurrent renders of one key share one call
// (shared).
func (r *Renderer) render(ctx context.Context, m api.Message, locale, user string, original bool, mod *api.MessageModeration, key string, known func()) (*api.MessageView, error) {
	v := &api.MessageView{
		ID: m.ID, Conversation: m.Conversation, Author: m.Author, ReplyTo: m.ReplyTo,
		CreatedAt: m.CreatedAt, EditedAt: m.EditedAt, Revision: m.Revision, Seq: m.LastSeq,
		PostSeq: m.Seq, Locale: locale, Direction: Direction(locale),
	}
	if m.Deleted {
		v.Status, v.Label = api.StatusDeleted, Label(locale, api.StatusDeleted, "")
		r.Cache.Put(key, v)
		return v, nil
	}
	if mod != nil && mod.Hidden {
		// Hidden by a moderator: nothing of the text is rendered, in any
		// locale and whatever edits followed (an author must not un-hide a
		// message by editing it; nothing needs translating either).
		v.Status, v.Moderation = api.StatusHidden, api.ModeratedHidden
		v.Safety = &api.ViewSafety{Action: api.SafetyHide, Flagged: true}
		v.Label = Label(locale, api.StatusHidden, "")
		r.Cache.Put(key, v)
		return v, nil
	}
	if !api.Visible(m.Text) {
		// Kept from an event on NATS (the read model keeps blank text,
		// which the stream accepted: checkEvent): nothing to detect,
		// translate or check, and the pipeline would refuse it. It is
		// served as stored.
		blankView(v, m, original)
		r.Cache.Put(key, v)
		return v, nil
	}
	n := r.ContextMessages
	if n == 0 && r.Log != nil {
		n = r.Log.Settings().ContextMessages
	}
	var history []api.ContextMessage
	if r.Log != nil {
		history = r.usableContext(r.checkedContext(ctx, m, min(n, pipeline.MaxContextMessages)))
	}
	hints, complete := r.hints(m)
	pv, err := r.Pipeline.Run(ctx, pipeline.Request{
		Text: m.Text, Source: m.Source, Target: locale, Tenant: m.Tenant,
		ConversationID: m.Conversation, MessageID: m.ID, MessageRevision: m.Revision, Context: history,
		// The stored message itself: its flagged view is a case of it.
		Stored: true, Author: m.Author,
		UserID: user, DetectHints: hints,
		OnDetect: func(det *api.DetectResponse) {
			// What the messages after m take as its language.
			if r.Log != nil {
				r.Log.Learn(m, det.Language)
			}
			if known != nil {
				known()
			}
		},
	})
	if err != nil {
		if !storedFault(err) {
			return nil, err
		}
		// The pipeline refuses what the stream stored: a reader can do
		// nothing about it, and an error would fail the reader's whole
		// page, or an event stream's turn, for one message. Not cached:
		// a pipeline with other limits may render it.
		refusedView(v, m, err)
		return v, nil
	}
	if r.Log != nil && pv.Safety != nil && pv.Safety.Policy != nil {
		switch {
		case pv.Safety.Policy.Action == api.PolicyFlag:
			// Kept out of the context of the messages after it until a
			// moderator approves it (keepOutOfContext).
			r.Log.MarkFlagged(m)
		case pv.Safety.Translation == nil && (pv.SourceLanguage != api.Undetermined || pv.Detection != nil):
			// The policy judged the text itself (nothing was
			// translated) in the language it has (or the one detection
			// found, "und" included): what a context check would ask
			// (checkedContext). A translated view's decision is about
			// the translation, and says nothing certain of the text.
			r.Log.MarkClean(m)
		}
	}
	r.fill(v, m, pv, original, mod)
	if translationFailed(pv) {
		// Served as written because translation failed, not because
		// nothing was to be translated: degraded like a translate outage,
		// so that it is not cached and the pre-translator renders it
		// again (Pretranslator.retryLater).
		v.Degraded = append(slices.Clip(v.Degraded), pipeline.DegradedTranslate)
	}
	// A degraded view is not kept: the next reader gets another try. Nor
	// is one rendered with an older version of a glossary than the heads
	// say (a glossary replica that had not loaded the change yet), nor one
	// whose text detection placed nowhere while the languages of messages
	// before it were not known yet (this process had not rendered them):
	// with them, the next render may place it.
	if len(v.Degraded) == 0 && !r.Glossaries.Behind(pv.Glossaries) && (complete || pv.SourceLanguage != api.Undetermined) {
		r.Cache.Put(key, v)
	}
	return v, nil
}

// translationFailed reports whether pv serves the original because its
// translation failed: a rung was called and failed, or quality rejected
// its translation, or a rung that could have served was skipped for the
// moment (down, circuit open, rate limited, out of time). A view whose
// text is already in the reader's language, whose language was not
// determined, that has nothing to translate, or that no rung is meant to
// serve (a pair no rung translates, a rung turned off or not configured)
// made no such attempt: it is what the next render would serve too.
func translationFailed(pv *api.View) bool {
	if pv.Status != api.StatusOriginal || slices.Contains(pv.Degraded, pipeline.DegradedTranslate) {
		return false
	}
	for _, a := range pv.Attempts {
		if a.Error != "" && api.Transient(a.Error) {
			return true
		}
	}
	return false
}

// hints are the detection hints of m (none when m declares its source,
// which is then not detected): its sender's locale and the languages of
// the messages of its tenant before it, newest first, as this process's
// read model knows them (Log.RecentLanguages: declared, or detected when
// it rendered them). complete is false when some of those were not known.
// Reading them costs no request: the read model is in memory.
func (r *Renderer) hints(m api.Message) (h api.DetectHints, complete bool) {
	if m.Source != "" {
		return h, true
	}
	h.SenderLocale = m.SenderLocale
	if r.Log == nil {
		return h, true
	}
	h.RecentLanguages, complete = r.Log.RecentLanguages(m, recentMessages)
	return h, complete
}

// waitFor returns what the detection of msgs[i] waits for in a page
// (Views): the known channels of the messages before it on the page
// whose languages its hints take (hints: the same messages as
// Log.RecentLanguages reads, among those of the page) and that are being
// rendered (a nil channel: served from the cache). Only detection waits,
// not translation, so a page of short messages costs a chain of
// detections, each taking tens of microseconds plus a request.
func waitFor(msgs []api.Message, known []chan struct{}, i int) []chan struct{} {
	m := msgs[i]
	if m.Source != "" || m.Deleted {
		return nil
	}
	var out []chan struct{}
	for j, seen := i-1, 0; j >= 0 && seen < recentMessages; j-- {
		x := msgs[j]
		if x.Deleted || x.Tenant != m.Tenant || x.Conversation != m.Conversation || !api.Visible(x.Text) {
			continue
		}
		seen++
		if x.Source == "" && known[j] != nil {
			out = append(out, known[j])
		}
	}
	return out
}

// keepOutOfContext reports whether earlier message x must not go to the
// translator as context: a moderator hid it, or the safety policy flagged
// its current revision (FlagFlagged, Log.MarkFlagged) and no moderator
// has approved a view of that revision. Readers do not see such a text,
// and a hosted model must not receive it either (a flagged message is
// where personal data the product detected is). A message with no known
// verdict is checked first (checkedContext). Called under the Log's lock.
func (r *Renderer) keepOutOfContext(x *api.Message, f Flag) bool {
	mod, _ := r.Moderated.Get(x.Tenant, x.ID)
	if mod != nil && mod.Hidden {
		return true
	}
	return f == FlagFlagged && !approvedRevision(mod, x.Revision)
}

// approvedRevision reports whether a moderator approved (or corrected) a
// view of the message's revision rev, in any locale: its text is then
// no longer held back from the context.
func approvedRevision(mod *api.MessageModeration, rev int) bool {
	if mod == nil {
		return false
	}
	for _, locale := range mod.Approved {
		if mod.ApprovedIn(locale, rev) {
			return true
		}
	}
	return false
}

// checkedContext is the context of m: up to n earlier messages
// (Log.ContextCandidates) that keepOutOfContext keeps, less those whose
// current revision has no verdict known to this process and that a
// safety check does not find clean. A process knows the verdicts of the
// messages it rendered, not of those rendered before it started, by
// another replica, or still being rendered (the message posted a moment
// before m): such a message may be one the policy flags, and its text
// would reach a hosted model. So it is checked (checkContext), and left
// out unless the check answers in time and does not flag it. When every
// candidate's verdict is known, no request is made.
func (r *Renderer) checkedContext(ctx context.Context, m api.Message, n int) []api.ContextMessage {
	cands := r.Log.ContextCandidates(m, n, r.keepOutOfContext)
	var unknown []int
	for i, c := range cands {
		if c.Flag != FlagUnknown {
			continue
		}
		if mod, _ := r.Moderated.Get(c.Message.Tenant, c.Message.ID); approvedRevision(mod, c.Message.Revision) {
			// A moderator reviewed this revision: nothing to check.
			continue
		}
		unknown = append(unknown, i)
	}
	var keep []bool
	if len(unknown) > 0 {
		keep = r.checkContext(ctx, cands, unknown)
	}
	var out []api.ContextMessage
	for i, c := range cands {
		if keep != nil && !keep[i] {
			continue
		}
		out = append(out, c.ContextMessage())
	}
	return out
}

// checkContext checks the candidates at unknown (indexes into cands,
// oldest first) at once, the newest ContextChecks of them within
// ContextCheckTimeout, and returns which candidates go as context: every
// known one, and the checked ones found clean. The verdicts are recorded
// (Log.MarkClean, Log.MarkFlagged), so that the next render asks no more.
func (r *Renderer) checkContext(ctx context.Context, cands []ContextCandidate, unknown []int) []bool {
	keep := make([]bool, len(cands))
	for i := range keep {
		keep[i] = true
	}
	for _, i := range unknown {
		keep[i] = false
	}
	limit := r.ContextChecks
	if limit <= 0 {
		limit = DefaultContextChecks
	}
	// The newest are the context that matters most to the translation.
	unknown = unknown[max(0, len(unknown)-limit):]
	timeout := r.ContextCheckTimeout
	if timeout <= 0 {
		timeout = DefaultContextCheckTimeout
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var wg sync.WaitGroup
	for _, i := range unknown {
		wg.Go(func() { keep[i] = r.sourceClean(cctx, cands[i], timeout) })
	}
	wg.Wait()
	return keep
}

// checkKey names a message revision for the context checks.
type checkKey struct {
	key Key
	seq uint64
	rev int
}

// contextCheck is one running check of a candidate's text: clean is set
// before done is closed.
type contextCheck struct {
	done  chan struct{}
	clean bool
}

// sourceClean reports whether the safety service, asked about c's text
// alone (no translation) with c's tenant's policy, answers within ctx
// that the policy does not flag it. An error, a timeout or a response
// without a policy decision is not clean: the message is left out (fail
// closed). A render already checking the same revision is waited for
// instead of asked again; the check itself runs for timeout whatever
// becomes of the render that started it, so the others waiting for it
// are not cut short by that render's reader leaving.
func (r *Renderer) sourceClean(ctx context.Context, c ContextCandidate, timeout time.Duration) bool {
	x := c.Message
	k := checkKey{key: KeyOf(x), seq: x.Seq, rev: x.Revision}
	r.checksMu.Lock()
	run, ok := r.checks[k]
	if !ok {
		run = &contextCheck{done: make(chan struct{})}
		if r.checks == nil {
			r.checks = map[checkKey]*contextCheck{}
		}
		r.checks[k] = run
		gopool.Go(func() {
			run.clean = r.checkSource(context.WithoutCancel(ctx), c, timeout)
			r.checksMu.Lock()
			delete(r.checks, k)
			r.checksMu.Unlock()
			close(run.done)
		})
	}
	r.checksMu.Unlock()
	select {
	case <-run.done:
		return run.clean
	case <-ctx.Done():
		return false
	}
}

// checkSource asks the safety service about c's text and records the
// verdict. A clean verdict on a text whose language is not known yet
// (not declared, not detected by this process: checked with the fallback
// word list) serves this render only: once detection has placed the
// message, a check with its language's list may find what the fallback
// does not.
func (r *Renderer) checkSource(ctx context.Context, c ContextCandidate, timeout time.Duration) bool {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	x := c.Message
	res, err := r.Pipeline.Safety.Check(ctx, api.SafetyRequest{
		Source: x.Text, SourceLang: c.Language, Tenant: x.Tenant, ConversationID: x.Conversation,
	})
	if err != nil || res == nil || res.Policy == nil {
		if r.Pipeline.Log != nil {
			r.Pipeline.Log.Warn("context message left out: its safety check failed", "conversation", x.Conversation, "message", x.ID, "err", err)
		}
		return false
	}
	if res.Policy.Action == api.PolicyFlag {
		r.Log.MarkFlagged(x)
		return false
	}
	if c.Language != "" {
		r.Log.MarkClean(x)
	}
	return true
}

// usableContext leaves out the context messages the pipeline would refuse
// (a text over its limit, in a gateway whose MAX_TEXT_CHARS is below the
// stream's), so that no message fails the views of the messages after it.
func (r *Renderer) usableContext(history []api.ContextMessage) []api.ContextMessage {
	out := history[:0]
	for _, c := range history {
		if _, err := api.ValidateText("context", c.Text, r.Pipeline.MaxTextRunes); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// Reasons of the views the pipeline does not render.
const (
	ReasonBlank   = "the message has no visible character"
	ReasonRefused = "the message cannot be rendered: "
)

// blankView makes v the view of m, a message with no visible character:
// its text as stored, in the original, and the language it was posted
// with, if any.
func blankView(v *api.MessageView, m api.Message, original bool) {
	src := m.Source
	if src == "" {
		src = api.Undetermined
	}
	v.Status, v.Text, v.SourceLanguage, v.Reason = api.StatusOriginal, m.Text, src, ReasonBlank
	v.ReasonCode = api.ReasonNothingToTranslate
	v.Direction, v.Label = Direction(src), Label(v.Locale, api.StatusOriginal, src)
	if original {
		v.Original = &api.OriginalMessage{Text: m.Text, Language: src, Direction: Direction(src)}
	}
}

// refusedView makes v the view of m when the pipeline refuses the stored
// message (err, a storedFault): an original view that says why, without
// the text, which no safety policy has checked.
func refusedView(v *api.MessageView, m api.Message, err error) {
	src := m.Source
	if src == "" {
		src = api.Undetermined
	}
	v.Status, v.Text, v.SourceLanguage = api.StatusOriginal, "", src
	v.Reason = ReasonRefused + api.AsError(err).Message
	v.ReasonCode = api.ReasonUnrenderable
	v.Direction, v.Label = Direction(src), Label(v.Locale, api.StatusOriginal, src)
}

// storedFault reports whether the pipeline refused a view for a reason
// that lies in the stored message (its text, language, tenant or ids, or
// the earlier messages sent as context), not in the reader's request (the
// locale, the user id) or the request's deadline.
func storedFault(err error) bool {
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Status() >= 500 || ae.Code == api.CodeCanceled {
		return false
	}
	switch ae.Field {
	case "text", "source", "tenant", "conversation_id", "message_id", "context":
		return true
	}
	return strings.HasPrefix(ae.Field, "context[")
}

func (r *Renderer) fill(v *api.MessageView, m api.Message, pv *api.View, original bool, mod *api.MessageModeration) {
	v.SourceLanguage = pv.SourceLanguage
	v.Status, v.Text, v.Backend, v.Degraded = pv.Status, pv.Text, pv.Backend, pv.Degraded
	if pv.Reason != "" {
		// Every reader of the message gets this view: the pipeline's
		// reason names the rungs and what each answered, which is for
		// operators (logged here and by translate) and /v1/translate
		// callers. The reader gets its code and a generic line.
		v.ReasonCode = cmp.Or(pv.ReasonCode, api.ReasonTranslationUnavailable)
		v.Reason = api.ReasonText(v.ReasonCode)
		if r.Pipeline != nil && r.Pipeline.Log != nil {
			r.Pipeline.Log.Debug("message view served as the original", "conversation", m.Conversation, "message", m.ID,
				"locale", v.Locale, "reason_code", v.ReasonCode, "reason", pv.Reason)
		}
	}
	if pv.Experiment != nil {
		// The arm that served the translation, for the reader's feedback.
		as := *pv.Experiment
		v.Experiment = &as
	}
	if pv.Status == api.StatusTranslated {
		v.Direction = Direction(v.Locale)
	} else {
		v.Direction = Direction(pv.SourceLanguage)
	}
	if pv.Quality != nil {
		v.Quality = &api.ViewQuality{Score: pv.Quality.Score, Decision: pv.Quality.Decision}
	}
	action := api.SafetyAllow
	if s := pv.Safety; s != nil {
		vs := &api.ViewSafety{Action: api.SafetyAllow, Categories: s.Source.Categories}
		if s.Translation != nil {
			vs.Categories = s.Translation.Categories
		}
		if p := s.Policy; p != nil {
			flagged := p.Action == api.PolicyFlag
			vs.Flagged = flagged
			// A moderator reviewed this view: the flag has done its job.
			approved := flagged && reviewed(mod, v.Locale, m.Revision, pv)
			switch {
			case approved:
				vs.Action = api.SafetyAllow
			case flagged && r.flagged() == FlaggedHide:
				vs.Action = api.SafetyHide
			case (p.Action == api.PolicyMask || flagged) && s.MaskServes():
				vs.Action = api.SafetyMask
			case p.Action == api.PolicyMask || flagged:
				// Nothing to mask the flag's reason with (a guard or
				// delta flag): the text is hidden, never served
				// unmasked under the label mask.
				vs.Action = api.SafetyHide
			}
			switch vs.Action {
			case api.SafetyHide:
				v.Status, v.Text = api.StatusHidden, ""
			case api.SafetyMask:
				v.Text = p.Masked
			}
		}
		explainSafety(vs, s)
		action = vs.Action
		v.Safety = vs
	}
	switch {
	case corrected(mod, v.Locale, m.Revision, pv):
		if servesCorrection(pv) {
			v.Moderation = api.ModeratedCorrected
		}
	case approvedIn(mod, v.Locale, m.Revision, pv):
		v.Moderation = api.ModeratedApproved
	}
	v.Label = Label(v.Locale, v.Status, v.SourceLanguage)
	if original && action == api.SafetyAllow {
		v.Original = &api.OriginalMessage{Text: m.Text, Language: pv.SourceLanguage, Direction: Direction(pv.SourceLanguage)}
	}
}

// approvedIn reports whether a moderator approved (or corrected) the
// message's view in the view's locale at the message's revision rev.
func approvedIn(mod *api.MessageModeration, locale string, rev int, pv *api.View) bool {
	return mod.ApprovedIn(locale, rev) || mod.ApprovedIn(pv.TargetLanguage, rev)
}

// corrected reports whether a moderator corrected the message's
// translation into the view's locale at the message's revision rev.
func corrected(mod *api.MessageModeration, locale string, rev int, pv *api.View) bool {
	return mod.CorrectedIn(locale, rev) || mod.CorrectedIn(pv.TargetLanguage, rev)
}

// servesCorrection reports whether a view serves a moderator's correction
// (the translate service's override) rather than a machine's translation
// or the original.
func servesCorrection(pv *api.View) bool {
	return pv.Status == api.StatusTranslated && pv.Cache == api.CacheOverride
}

// reviewed reports whether a moderator reviewed what the view of the
// message's revision rev serves, so that the safety policy's flag no
// longer holds it back. A decision covers the revision the moderator saw
// only: an edit is a text no moderator reviewed, and the flag policy
// applies to it afresh (a flagged edit is a new case). An approval covers
// the locale's view of that revision as translated. A correction covers
// the correction only: a corrected locale's view that serves anything
// else (the original, because the correction was not served) is what no
// moderator saw, and the flag policy applies to it as to any view. A
// correction is recorded as an approval too
// (api.MessageModeration.Approved), so corrected is asked first.
func reviewed(mod *api.MessageModeration, locale string, rev int, pv *api.View) bool {
	if corrected(mod, locale, rev, pv) {
		return servesCorrection(pv)
	}
	return approvedIn(mod, locale, rev, pv)
}

func (r *Renderer) flagged() string {
	if r.Flagged != "" {
		return r.Flagged
	}
	if r.Log != nil {
		return r.Log.Settings().Flagged
	}
	return FlaggedHide
}

// Views renders several messages for one reader (locale and user as in
// View), concurrently within the renderer's bound; the result is in the
// order of msgs. The detection of a message waits for that of the
// messages before it on the page (waitFor), whose languages are its
// hints: a page is also what a process renders first of a conversation,
// and short messages ("hola", "merci!") are placed by those hints.
func (r *Renderer) Views(ctx context.Context, msgs []api.Message, locale, user string, original bool) ([]api.MessageView, error) {
	out := make([]api.MessageView, len(msgs))
	errs := make([]error, len(msgs))
	limit := r.Concurrency
	if limit <= 0 {
		limit = 8
	}
	sem := make(chan struct{}, limit)
	// known[i] is closed once message i's language is known (waitFor).
	// Messages start in order, each after those it waits for, so the
	// waits end whatever the bound.
	known := make([]chan struct{}, len(msgs))
	var wg gopool.Group
	for i, m := range msgs {
		// Cached views need no goroutine: a page at cache hit stays cheap.
		if v := r.cached(m, locale, user, original); v != nil {
			out[i] = *v
			continue
		}
		known[i] = make(chan struct{})
		wait := waitFor(msgs, known, i)
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			var once sync.Once
			done := func() { once.Do(func() { close(known[i]) }) }
			defer done()
			for _, ch := range wait {
				select {
				case <-ch:
				case <-ctx.Done():
				}
			}
			v, err := r.view(ctx, m, locale, user, original, done)
			if err != nil {
				errs[i] = err
				return
			}
			out[i] = *v
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// cacheKey names a view: a message (its tenant and id, since ids are
// unique per tenant only, and its post's sequence, since an id can be
// posted again once retention dropped the first message) and revision,
// the revision of the moderators' decisions about it, the revision of the
// glossary heads (GlossaryHeads), the locale, original and the reader's
// user id (last, so that no id can make another key). The tenant goes
// first, length-prefixed, since it may hold any character. An edit, a
// delete, a decision or a glossary change makes a new key, on every
// replica at once.
func cacheKey(m api.Message, modRev, glossRev uint64, locale, user string, original bool) string {
	return strconv.Itoa(len(m.Tenant)) + ":" + m.Tenant + "|" + m.ID + "|" + strconv.FormatUint(m.Seq, 10) + "|" +
		strconv.Itoa(m.Revision) + "|" + strconv.FormatBool(m.Deleted) + "|" +
		strconv.FormatUint(modRev, 10) + "|" + strconv.FormatUint(glossRev, 10) + "|" +
		locale + "|" + strconv.FormatBool(original) + "|" + user
}

func (r *Renderer) cached(m api.Message, locale, user string, original bool) *api.MessageView {
	if r.Cache == nil {
		return nil
	}
	_, modRev := r.Moderated.Get(m.Tenant, m.ID)
	return r.Cache.Get(cacheKey(m, modRev, r.Glossaries.Revision(), locale, user, original))
}

// ViewJSON is View encoded as JSON; a cached view's encoding is cached too.
func (r *Renderer) ViewJSON(ctx context.Context, m api.Message, locale, user string, original bool) ([]byte, error) {
	_, data, err := r.ViewAndJSON(ctx, m, locale, user, original)
	return data, err
}

// ViewAndJSON is View and its JSON encoding, for callers that serve the
// encoding and also need the view (the gateway counts the characters of
// translated views against the reader's quota). The view is shared with
// the cache: do not modify it.
func (r *Renderer) ViewAndJSON(ctx context.Context, m api.Message, locale, user string, original bool) (*api.MessageView, []byte, error) {
	_, modRev := r.Moderated.Get(m.Tenant, m.ID)
	if e, ok := r.Cache.get(cacheKey(m, modRev, r.Glossaries.Revision(), locale, user, original)); ok && e.json != nil {
		return e.v, e.json, nil
	}
	v, err := r.View(ctx, m, locale, user, original)
	if err != nil {
		return nil, nil, err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, nil, fmt.Errorf("encode view: %w", err)
	}
	return v, data, nil
}

// ViewCache keeps rendered views for a while. A key names a message
// revision and the glossary heads' revision, so an edit, a delete or a
// glossary change never serves a stale view; the TTL bounds how long a
// policy change takes to show.
type ViewCache struct {
	TTL time.Duration
	Max int

	mu      sync.RWMutex
	entries map[string]cached
}

type cached struct {
	v    *api.MessageView
	json []byte
	exp  time.Time
}

// NewViewCache returns a cache of at most max views, each kept for ttl.
func NewViewCache(ttl time.Duration, max int) *ViewCache {
	return &ViewCache{TTL: ttl, Max: max, entries: map[string]cached{}}
}

// Get returns a cached view (shared: do not modify it), or nil.
func (c *ViewCache) Get(key string) *api.MessageView {
	if e, ok := c.get(key); ok {
		return e.v
	}
	return nil
}

func (c *ViewCache) get(key string) (cached, bool) {
	if c == nil {
		return cached{}, false
	}
	c.mu.RLock()
	e, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || time.Now().After(e.exp) {
		return cached{}, false
	}
	return e, true
}

// Put stores a view.
func (c *ViewCache) Put(key string, v *api.MessageView) {
	if c == nil || key == "" {
		return
	}
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.Max {
		// Expired entries go first; if none has, an arbitrary tenth
		// (map order) makes room, which is cheaper than an LRU list on
		// the hot read path.
		for k, e := range c.entries {
			if now.After(e.exp) {
				delete(c.entries, k)
			}
		}
		for k := range c.entries {
			if len(c.entries) < c.Max*9/10 {
				break
			}
			delete(c.entries, k)
		}
	}
	// The JSON is kept too: serving a cached view is then a copy.
	data, err := json.Marshal(v)
	if err != nil {
		data = nil
	}
	c.entries[key] = cached{v: v, json: data, exp: now.Add(c.TTL)}
}

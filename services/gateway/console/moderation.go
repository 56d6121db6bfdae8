package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// ModerationClient is what the moderation pages need from the moderation
// service (client.Moderation provides it).
type ModerationClient interface {
	List(ctx context.Context, req api.CaseListRequest) (*api.CaseListResponse, error)
	Get(ctx context.Context, req api.CaseGetRequest) (*api.Case, error)
	Claim(ctx context.Context, req api.CaseClaimRequest) (*api.Case, error)
	Release(ctx context.Context, req api.CaseReleaseRequest) (*api.Case, error)
	Decide(ctx context.Context, req api.CaseDecideRequest) (*api.Case, error)
	Note(ctx context.Context, req api.CaseNoteRequest) (*api.Case, error)
	Reopen(ctx context.Context, req api.CaseReopenRequest) (*api.Case, error)
	Withdraw(ctx context.Context, req api.CaseWithdrawRequest) (*api.Case, error)
	Audit(ctx context.Context, req api.AuditListRequest) (*api.AuditListResponse, error)
}

// Sizes of what the moderation pages ask for.
const (
	// casesPerPage is the size of a page of the queue.
	casesPerPage = 50
	// previewRunes is how much of each text the queue shows: it asks the
	// service for no more, so that a page of long messages stays small.
	previewRunes = 80
	// neighbourWindow is how many waiting cases (ids only: a few KB) the
	// case page looks through for the previous and next case; it is the
	// moderation service's largest page.
	neighbourWindow = 500
	// auditRows is how many audit entries the case page shows, the
	// newest.
	auditRows = 100
)

// moderationRoutes adds the queue and case pages for the moderator role.
func (c *Console) moderationRoutes() {
	if c.cfg.Moderation == nil {
		return
	}
	mod := anyRole(RoleModerator)
	m := Prefix + "/moderation"
	c.mux.HandleFunc("GET "+m, c.page(mod, c.queue))
	c.mux.HandleFunc("GET "+m+"/cases/{id}", c.page(mod, c.showCase))
	c.mux.HandleFunc("POST "+m+"/cases/{id}/{action}", c.page(mod, c.caseAction))
}

func caseURL(id string) string { return Prefix + "/moderation/cases/" + url.PathEscape(id) }

// waiting is the queue's default status filter: the cases waiting for a
// moderator, open and escalated (an escalated case waits for a senior
// moderator, and leaving it out of the queue hides it from everyone).
const waiting = api.CaseOpen + "," + api.CaseEscalated

// statusOption is a choice of the queue's status filter.
type statusOption struct{ Value, Label string }

// Queue filter choices.
var (
	caseStatuses = []statusOption{
		{waiting, "open and escalated"}, {api.CaseOpen, api.CaseOpen}, {api.CaseClaimed, api.CaseClaimed},
		{api.CaseEscalated, api.CaseEscalated}, {api.CaseDecided, api.CaseDecided},
	}
	severities = []string{api.SeverityLow, api.SeverityMedium, api.SeverityHigh}
	ages       = []string{"15m", "1h", "6h", "24h", "72h", "168h"}
	sorts      = []string{api.SortOldest, api.SortNewest, api.SortSeverity}
)

type queueData struct {
	Filter api.CaseListRequest
	Mine   bool
	Cases  []api.CaseSummary
	Total  int
	// PrevURL and NextURL are the pages before and after this one, with
	// every filter of this one ("" when there is none). They page by the
	// service's cursors (prev_before, next_after), not by offset: a page
	// starts right after the last case shown, however many cases
	// colleagues decided meanwhile.
	PrevURL, NextURL string
	Statuses         []statusOption
	Severities       []string
	Ages             []string
	Sorts            []string
}

// filterOf reads the queue filter from the query string. The status
// defaults to open and escalated: a moderator's queue is what waits for
// someone.
func filterOf(r *http.Request, s *Session) (api.CaseListRequest, bool, error) {
	q := r.URL.Query()
	f := api.CaseListRequest{
		Status: q.Get("status"), Locale: strings.TrimSpace(q.Get("locale")), Category: strings.TrimSpace(q.Get("category")),
		Severity: q.Get("severity"), MinAge: q.Get("min_age"), MaxAge: q.Get("max_age"), Sort: q.Get("sort"),
		Action: q.Get("action"), Limit: casesPerPage, Preview: previewRunes,
	}
	if !q.Has("status") {
		f.Status = waiting
	}
	if f.Status == "any" {
		f.Status = ""
	}
	mine := q.Get("mine") == "on"
	if mine {
		f.Holder = s.Principal.Name
	}
	// A tenant's moderator sees that tenant's cases only.
	f.Tenant = s.Principal.Tenant
	// after and before are the links' cursors; offset is kept for links
	// made before them.
	f.After, f.Before = q.Get("after"), q.Get("before")
	off, err := intParam(r, "offset")
	f.Offset = off
	return f, mine, err
}

func (c *Console) queue(w http.ResponseWriter, r *http.Request, s *Session) error {
	f, mine, err := filterOf(r, s)
	if err != nil {
		return err
	}
	res, err := c.cfg.Moderation.List(r.Context(), f)
	if err != nil {
		return err
	}
	d := queueData{Filter: f, Mine: mine, Cases: res.Cases, Total: res.Total,
		Statuses: caseStatuses, Severities: severities, Ages: ages, Sorts: sorts}
	if res.PrevBefore != "" {
		d.PrevURL = queuePage(r.URL.Query(), "before", res.PrevBefore)
	}
	// The service may cut a page short (its size budget): the next page
	// starts after the last case shown.
	if res.NextAfter != "" {
		d.NextURL = queuePage(r.URL.Query(), "after", res.NextAfter)
	}
	if !r.URL.Query().Has("status") {
		d.Filter.Status = waiting
	} else if d.Filter.Status == "" {
		d.Filter.Status = "any"
	}
	return c.render(w, http.StatusOK, "queue", view{Title: "Moderation queue", S: s, Nav: "moderation", Data: d})
}

// queuePage is the queue's URL at the page a cursor names (param "after"
// or "before") with the filters of q, built here rather than in the
// template: html/template escapes a query string printed into an href's
// query part a second time ("locale%3dfr"), so every filter would be lost
// on the next page.
func queuePage(q url.Values, param, cursor string) string {
	q.Del("offset")
	q.Del("after")
	q.Del("before")
	q.Set(param, cursor)
	u := url.URL{Path: Prefix + "/moderation", RawQuery: q.Encode()}
	return u.String()
}

// getCase reads a case the session may see (a tenant's moderator only
// sees that tenant's cases; others are "not found", not "forbidden", so
// that case ids of other tenants are not confirmed).
func (c *Console) getCase(ctx context.Context, s *Session, id string) (*api.Case, error) {
	cs, err := c.cfg.Moderation.Get(ctx, api.CaseGetRequest{ID: id})
	if err != nil {
		return nil, err
	}
	if s.Principal.Tenant != "" && cs.Tenant != s.Principal.Tenant {
		return nil, api.Errorf(api.CodeNotFound, "no case %q", id)
	}
	return cs, nil
}

// side is one column of the case page.
type side struct {
	Label string
	// Note qualifies the label: an untranslated message says so.
	Note     string
	Language string
	Text     string
	Verdict  *api.Verdict
	Segments []Segment
}

type caseData struct {
	Case *api.Case
	// Sides are the original and the translation, in that order.
	Sides []side
	// Mine: the signed-in moderator holds the case; HeldBy names another
	// moderator who does (and the page offers no claim or decision).
	Mine      bool
	HeldBy    string
	Claimable bool
	Decided   bool
	// The actions that apply to the case (the page offers only those):
	// Decide (approve, and escalate unless Escalated), Hide (a stored
	// message, which a text case is not), Correct (a translation), and
	// Reopen (a decided case).
	CanDecide   bool
	CanHide     bool
	CanEscalate bool
	CanCorrect  bool
	// TextOnly: the case is of a text without a message id, whose readers
	// no approval or hide reaches.
	TextOnly bool
	// Context is the conversation before the message (Config.Context).
	Context []api.CaseContextMessage
	// Readers is what readers are served of the message now.
	Readers served
	Audit   []api.AuditEntry
	// AuditOlder is how many older audit entries the page leaves out.
	AuditOlder int
	Next       string
	Prev       string
	// Correction is the text the correction box starts with.
	Correction string
	// Untranslated: readers were served the original (TranslationStatus
	// "original"), so the "translation" is in ServedLanguage, the source
	// language, not the target's; ServedLanguage tags it (and its masked
	// form) with the right lang and dir.
	Untranslated   bool
	ServedLanguage string
}

func newSide(label, lang, text string, v *api.Verdict) side {
	sd := side{Label: label, Language: lang, Text: text, Verdict: v}
	var spans []api.Span
	if v != nil {
		spans = v.Spans
	}
	sd.Segments = segments(text, spans)
	return sd
}

func (c *Console) showCase(w http.ResponseWriter, r *http.Request, s *Session) error {
	cs, err := c.getCase(r.Context(), s, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := caseData{Case: cs, Decided: cs.Status == api.CaseDecided, Correction: cs.Translation,
		Untranslated: cs.TranslationStatus == api.StatusOriginal, ServedLanguage: cs.TargetLanguage}
	if d.Untranslated {
		// The correction box is for a translation into the target
		// language: the original would only have to be deleted first.
		d.ServedLanguage, d.Correction = cs.SourceLanguage, ""
	}
	if cs.Correction != "" {
		d.Correction = cs.Correction
	}
	var src, dst *api.Verdict
	if cs.Safety != nil {
		src, dst = &cs.Safety.Source, cs.Safety.Translation
	}
	served := newSide("Translation", d.ServedLanguage, cs.Translation, dst)
	if d.Untranslated {
		served.Note = "not translated (shown in the original)"
	}
	d.Sides = []side{newSide("Original", cs.SourceLanguage, cs.Original, src), served}
	held := cs.Claim != nil && cs.Status == api.CaseClaimed
	d.Mine = held && cs.Claim.Holder == s.Principal.Name
	if held && !d.Mine {
		d.HeldBy = cs.Claim.Holder
	}
	d.Claimable = !d.Decided && !held
	d.TextOnly = cs.MessageID == ""
	d.CanDecide = !d.Decided && d.HeldBy == ""
	d.CanHide = d.CanDecide && !d.TextOnly
	d.CanEscalate = d.CanDecide && !cs.Escalated
	d.CanCorrect = d.CanDecide && translation(cs)
	d.Readers = c.readersOf(r.Context(), cs)
	if c.cfg.Context != nil && !d.TextOnly {
		if msgs, err := c.cfg.Context(r.Context(), cs); err == nil {
			d.Context = msgs
		} else {
			c.log.Warn("case context unavailable", "case", cs.ID, "err", err)
		}
	}
	// The newest entries: the latest claim and the decision matter most,
	// and a case with many notes has more entries than a page shows.
	if a, err := c.cfg.Moderation.Audit(r.Context(), api.AuditListRequest{CaseID: cs.ID, Limit: auditRows, Newest: true}); err == nil {
		d.Audit, d.AuditOlder = a.Entries, a.Older
	} else {
		c.log.Warn("case audit unavailable", "case", cs.ID, "err", err)
	}
	d.Prev, d.Next = c.neighbours(r.Context(), s, cs.ID)
	return c.render(w, http.StatusOK, "case", view{Title: "Case " + cs.ID, S: s, Nav: "moderation", Data: d, Flash: doneFlash(r)})
}

// translation reports whether a case is of a translation, the only kind
// a correction applies to: the source is known and another writing than
// the target (the service refuses corrections of others, api.SameWriting).
func translation(cs *api.Case) bool {
	return cs.SourceLanguage != "" && cs.SourceLanguage != api.Undetermined && !api.SameWriting(cs.SourceLanguage, cs.TargetLanguage)
}

// neighbours are the cases before and after id in the head of the
// default queue, open and escalated cases (the j/k shortcuts); when id is
// not in it, "next" is the queue's head. Only ids are asked for:
// summaries carry whole messages, and the page needs none of them.
func (c *Console) neighbours(ctx context.Context, s *Session, id string) (prev, next string) {
	res, err := c.cfg.Moderation.List(ctx, api.CaseListRequest{Status: waiting, Tenant: s.Principal.Tenant, Limit: neighbourWindow, IDsOnly: true})
	if err != nil {
		return "", ""
	}
	ids := res.IDs
	i := slices.Index(ids, id)
	switch {
	case i < 0 && len(ids) > 0:
		return "", ids[0]
	case i < 0:
		return "", ""
	}
	if i > 0 {
		prev = ids[i-1]
	}
	if i+1 < len(ids) {
		next = ids[i+1]
	}
	return prev, next
}

var doneMessages = map[string]string{
	"claim":    "You hold this case.",
	"renew":    "Lease renewed: you hold this case for another lease.",
	"release":  "Released to the queue.",
	"approve":  "Approved.",
	"close":    "Approved: the case is closed. It is a text without a message id, so nothing changes for its readers.",
	"hide":     "Hidden from readers.",
	"escalate": "Escalated.",
	"correct":  "Translation corrected: readers get the correction.",
	"note":     "Note added.",
	"reopen":   "Reopened: the case is back in the queue. Readers keep what its last decision gave them until the next decision.",
	"withdraw": "Correction withdrawn: the translate cache no longer serves it, and readers get the machine translation as the safety policy judges it.",
}

func doneFlash(r *http.Request) string { return doneMessages[r.URL.Query().Get("done")] }

// staleCase is the refusal of an action posted from a page that no
// longer shows the case as it is: the error page links to the case, to
// reload it.
type staleCase struct {
	err *api.Error
	url string
}

func (e *staleCase) Error() string { return e.err.Error() }
func (e *staleCase) Unwrap() error { return e.err }

// seen checks that the case is still what the page that posted the form
// showed: the revision and status of its hidden fields. Anything else
// (a colleague claimed, noted, escalated or decided it; a lease lapsed)
// and the action is refused with 409 before anything is written, so that
// a keystroke on an old page never overrides what the page did not show.
func seen(r *http.Request, cs *api.Case) (uint64, error) {
	rev, err := strconv.ParseUint(r.PostFormValue("revision"), 10, 64)
	status := r.PostFormValue("status")
	if err == nil && rev == cs.Revision && status == cs.Status {
		return rev, nil
	}
	now := cs.Status
	switch {
	case cs.Status == api.CaseClaimed && cs.Claim != nil:
		now += " by " + cs.Claim.Holder
	case cs.Status == api.CaseDecided && cs.Decision != nil:
		now += " (" + cs.Decision.Action + " by " + cs.Decision.Actor + ")"
	}
	msg := fmt.Sprintf("Case %s changed since this page showed it: it is now %s. Nothing was done: reload the case, read its notes and decision, and act again.", cs.ID, now)
	if err != nil || status == "" {
		msg = fmt.Sprintf("This form does not say which version of case %s it was made from. Nothing was done: reload the case and act again.", cs.ID)
	}
	return 0, &staleCase{err: api.FieldError(api.CodeConflict, "revision", "%s", msg), url: caseURL(cs.ID)}
}

// stale gives the service's refusal of a stale revision (the case
// changed between the check above and the write) the reload link too.
func stale(err error, id string) error {
	if ae := api.AsError(err); ae.Code == api.CodeConflict && ae.Field == "revision" {
		return &staleCase{err: ae, url: caseURL(id)}
	}
	return err
}

// caseAction runs one action: claim, renew, release, decide (approve,
// hide, escalate, correct), reopen or note, each on the case as the page
// showed it (seen). Deciding an open or escalated case one does not hold
// claims it first, so that a single keystroke decides it; a case another
// moderator holds stays theirs (conflict).
func (c *Console) caseAction(w http.ResponseWriter, r *http.Request, s *Session) error {
	ctx := r.Context()
	cs, err := c.getCase(ctx, s, r.PathValue("id"))
	if err != nil {
		return err
	}
	actor := s.Principal.Name
	action := r.PathValue("action")
	if !slices.Contains([]string{"claim", "renew", "release", "note", "decide", "reopen", "withdraw"}, action) {
		return api.Errorf(api.CodeNotFound, "no case action %q", action)
	}
	rev, err := seen(r, cs)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	done := action
	switch action {
	case "claim":
		_, err = c.cfg.Moderation.Claim(ctx, api.CaseClaimRequest{ID: cs.ID, Actor: actor, Revision: rev})
	case "renew":
		// A new lease on a case one holds (a claim by its holder): a
		// long look at a case must not lose it to the lease.
		if cs.Status != api.CaseClaimed || cs.Claim == nil || cs.Claim.Holder != actor {
			return api.Errorf(api.CodeConflict, "you do not hold case %s: claim it first", cs.ID)
		}
		_, err = c.cfg.Moderation.Claim(ctx, api.CaseClaimRequest{ID: cs.ID, Actor: actor, Revision: rev})
	case "release":
		_, err = c.cfg.Moderation.Release(ctx, api.CaseReleaseRequest{ID: cs.ID, Actor: actor, Revision: rev})
	case "note":
		_, err = c.cfg.Moderation.Note(ctx, api.CaseNoteRequest{ID: cs.ID, Actor: actor, Text: strings.TrimSpace(r.PostFormValue("text")), Revision: rev})
	case "reopen":
		_, err = c.cfg.Moderation.Reopen(ctx, api.CaseReopenRequest{ID: cs.ID, Actor: actor, Reason: reason, Revision: rev})
	case "withdraw":
		_, err = c.cfg.Moderation.Withdraw(ctx, api.CaseWithdrawRequest{ID: cs.ID, Actor: actor, Reason: reason, Revision: rev})
	case "decide":
		done, err = c.decide(ctx, r, cs, actor, rev, reason)
	}
	if err != nil {
		return stale(err, cs.ID)
	}
	http.Redirect(w, r, caseURL(cs.ID)+"?done="+url.QueryEscape(done), http.StatusSeeOther)
	return nil
}

// decide runs a decision posted from a page that showed cs at revision
// rev, and returns the flash to show.
func (c *Console) decide(ctx context.Context, r *http.Request, cs *api.Case, actor string, rev uint64, reason string) (string, error) {
	action := r.PostFormValue("decision")
	if !slices.Contains([]string{api.ActionApprove, api.ActionHide, api.ActionEscalate, api.ActionCorrect}, action) {
		return "", api.FieldError(api.CodeInvalidArgument, "decision", "decision %q: want approve, hide, escalate or correct", action)
	}
	req := api.CaseDecideRequest{ID: cs.ID, Actor: actor, Action: action, Reason: reason, Revision: rev}
	if action == api.ActionCorrect {
		// Browsers send CRLF line ends from a textarea; readers get
		// the text as the moderator typed it.
		req.Correction = strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("correction"), "\r\n", "\n"))
	}
	claimedNow := false
	if cs.Status != api.CaseClaimed || cs.Claim == nil || cs.Claim.Holder != actor {
		// Only a case the page showed waiting (open or escalated, as it
		// still is: seen) is claimed on the way; the claim names the
		// revision the page showed, and the decision the claim's.
		if cs.Status != api.CaseOpen && cs.Status != api.CaseEscalated {
			return "", api.Errorf(api.CodeConflict, "case %s is %s: claim it before deciding", cs.ID, cs.Status)
		}
		held, err := c.cfg.Moderation.Claim(ctx, api.CaseClaimRequest{ID: cs.ID, Actor: actor, Revision: rev})
		if err != nil {
			return "", err
		}
		req.Revision = held.Revision
		claimedNow = true
	}
	_, err := c.cfg.Moderation.Decide(ctx, req)
	if err != nil && claimedNow {
		// The claim was only the way to this decision: a refused
		// decision leaves the case open for others, not leased to a
		// moderator who did not ask for it.
		if _, rerr := c.cfg.Moderation.Release(ctx, api.CaseReleaseRequest{ID: cs.ID, Actor: actor}); rerr != nil {
			c.log.Warn("release after a refused decision", "case", cs.ID, "err", rerr)
		}
	}
	if err == nil && action == api.ActionApprove && cs.MessageID == "" {
		return "close", nil
	}
	return action, err
}

// served is what readers of a case's message are served now, for the
// case page: What is "hidden", "masked", "translation", "correction" or
// "text" (a case of a text without a message id), Text what they read
// (in Language), Note how that comes about.
type served struct {
	What     string
	Text     string
	Language string
	Note     string
}

// Readers is what the console knows of a stored message's readers
// (Config.Readers): what the messages service serves of a flagged message
// (MESSAGES_FLAGGED: "hide" or "mask") and what moderators decided about
// the message (nil: nothing).
type Readers struct {
	Flagged    string
	Moderation *api.MessageModeration
}

// readersOf works out what readers of cs are served: from the message's
// recorded decisions and the flagged-message setting (Config.Readers),
// or, when those are not to be had, from the case's own decision and the
// default setting (hide).
func (c *Console) readersOf(ctx context.Context, cs *api.Case) served {
	lang := cs.TargetLanguage
	if cs.TranslationStatus == api.StatusOriginal {
		lang = cs.SourceLanguage
	}
	if cs.MessageID == "" {
		sv := served{What: "text", Note: "This case is a text translated without a message id (/v1/translate or a compatible API), not a stored message: " +
			"/v1/translate returns the translation with the flag for its caller to act on, and the compatible APIs withhold it. Only a correction changes that."}
		if cs.Correction != "" {
			sv.What, sv.Text, sv.Language = "correction", cs.Correction, cs.TargetLanguage
			sv.Note = "the correction, from the translate cache, for this text and locale in the case's tenant."
		}
		return sv
	}
	rd, known := Readers{Flagged: flaggedHide}, false
	if c.cfg.Readers != nil {
		got, err := c.cfg.Readers(ctx, cs.Tenant, cs.MessageID)
		if err == nil {
			rd, known = got, true
		} else {
			c.log.Warn("message moderation unavailable to the case page", "case", cs.ID, "err", err)
		}
	}
	if !known {
		rd.Moderation = impliedModeration(cs)
	}
	mod, rev := rd.Moderation, max(cs.MessageRevision, 1)
	// A case the policy did not flag (self_harm is reviewed: the text
	// stays visible, the case is there so that someone answers) holds
	// nothing back: until a moderator hides it, readers get the view as
	// the policy served it, masked or not. Only a flag withholds (or
	// masks, MESSAGES_FLAGGED=mask) until a decision.
	policy := api.CasePolicyAction(cs.Safety)
	var sv served
	switch {
	case mod != nil && mod.Hidden:
		sv = served{What: "hidden", Note: "hidden by a moderator, in every locale (status hidden, no text)."}
		if mod.HiddenCase != "" && mod.HiddenCase != cs.ID {
			sv.Note = "hidden by a moderator's decision on another case of this message (" + mod.HiddenCase + "), in every locale."
		}
	case mod.CorrectedIn(cs.TargetLanguage, rev):
		sv = served{What: "correction", Text: cs.Correction, Language: cs.TargetLanguage, Note: "the moderator's correction."}
	case mod.ApprovedIn(cs.TargetLanguage, rev):
		sv = served{What: "translation", Text: cs.Translation, Language: lang, Note: "as translated: a moderator approved it."}
	case policy != api.PolicyFlag && cs.Safety.Policy.Action == api.PolicyMask && cs.Masked != "" && cs.Safety.MaskServes():
		sv = served{What: "masked", Text: cs.Masked, Language: lang, Note: "as served: the safety policy masks it and did not flag it, so nothing is withheld (" +
			reviewNote(cs) + ")."}
	case policy != api.PolicyFlag:
		sv = served{What: "translation", Text: cs.Translation, Language: lang, Note: "as served: the safety policy did not flag it, so nothing is withheld (" +
			reviewNote(cs) + ")."}
	case rd.Flagged == flaggedMask && cs.Masked != "" && cs.Safety.MaskServes():
		sv = served{What: "masked", Text: cs.Masked, Language: lang, Note: "masked until a moderator decides (MESSAGES_FLAGGED=mask)."}
	case rd.Flagged == flaggedMask:
		sv = served{What: "hidden", Note: "withheld until a moderator approves or corrects it (status hidden, no text): MESSAGES_FLAGGED=mask, but the flag has no span to mask."}
	default:
		sv = served{What: "hidden", Note: "withheld until a moderator approves or corrects it (status hidden, no text: MESSAGES_FLAGGED=hide)."}
	}
	if !known {
		sv.Note += " (What this case's decision implies with the default setting: the message store did not say.)"
	}
	return sv
}

// reviewNote says why a case the policy did not flag was opened.
func reviewNote(cs *api.Case) string {
	if cats := cs.Safety.Policy.Review; len(cats) > 0 {
		return "the case is a review of " + strings.Join(cats, ", ") + ": readers see the text, and someone may need an answer"
	}
	return "the policy's action is " + cs.Safety.Policy.Action
}

// MESSAGES_FLAGGED's values.
const (
	flaggedHide = "hide"
	flaggedMask = "mask"
)

// impliedModeration is what a case's own decision records about its
// message (messages.Moderated applies the same), for when the message
// store cannot be asked.
func impliedModeration(cs *api.Case) *api.MessageModeration {
	d := cs.Decision
	if d == nil {
		return nil
	}
	m := &api.MessageModeration{MessageID: cs.MessageID, Revisions: map[string]int{cs.TargetLanguage: max(cs.MessageRevision, 1)}}
	switch d.Action {
	case api.ActionHide:
		m.Hidden, m.HiddenCase = true, cs.ID
	case api.ActionApprove:
		m.Approved = []string{cs.TargetLanguage}
	case api.ActionCorrect:
		m.Approved, m.Corrected = []string{cs.TargetLanguage}, []string{cs.TargetLanguage}
	}
	return m
}

// pct formats a 0-1 ratio as a percentage.
func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" }

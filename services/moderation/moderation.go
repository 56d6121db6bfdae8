package moderation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// Store keeps cases and the audit log. Package jsstore implements it on
// JetStream (a KV bucket of cases, an append-only audit stream).
type Store interface {
	// Get returns a case with its Revision, or an *api.Error with
	// api.CodeNotFound.
	Get(ctx context.Context, id string) (*api.Case, error)
	// Create stores a new case; created is false (and the case untouched)
	// when one with that id exists.
	Create(ctx context.Context, c *api.Case) (created bool, rev uint64, err error)
	// Update replaces a case if it is still at revision rev, and returns
	// the new revision, or an *api.Error with api.CodeConflict when it
	// changed in between.
	Update(ctx context.Context, c *api.Case, rev uint64) (uint64, error)
	// Cases returns a snapshot of every case (callers must not modify
	// them).
	Cases() []*api.Case
	// Append adds entries to the audit log.
	Append(ctx context.Context, entries ...api.AuditEntry) error
	// Audit lists a page of audit entries: at most req.Limit (set) of
	// them, and no more than maxBytes of their JSON, except that a page
	// always holds one entry when any is left.
	Audit(ctx context.Context, req api.AuditListRequest, maxBytes int) (*api.AuditListResponse, error)
	// Delete removes a case if it is still at revision rev (else an
	// *api.Error with api.CodeConflict), leaving no copy of it.
	Delete(ctx context.Context, id string, rev uint64) error
}

// Overrider stores a moderator's translation in the translate cache
// (api.SubjectTranslateOverride).
type Overrider interface {
	Override(ctx context.Context, req api.TranslateOverrideRequest) (*api.TranslateOverrideResponse, error)
}

// Defaults.
const (
	DefaultLease    = 5 * time.Minute
	DefaultMaxLease = time.Hour
	// MaxNoteRunes bounds a note and a decision's reason.
	MaxNoteRunes = 4000
	// MaxNotes bounds the notes of one case (a case is one KV value).
	MaxNotes = 200
	// MaxNotesBytes bounds the JSON of one case's notes, whatever their
	// number: 200 notes of 4,000 four-byte characters would be 3 MiB, and
	// the case, one KV value, must stay within one NATS message (1 MiB by
	// default) with its texts, verdicts and decision beside the notes.
	MaxNotesBytes = 256 << 10
	// DefaultMaxReplyBytes is the most a list or audit page holds, in
	// bytes of JSON: well under NATS's default max_payload of 1 MiB, so
	// that a page of large cases or notes is cut short (and says where to
	// go on) rather than being an answer NATS refuses to carry.
	DefaultMaxReplyBytes = 512 << 10
	// SystemActor is the actor of actions nobody took (case creation,
	// lease expiry).
	SystemActor = "system"
)

// casRetries bounds how often an action is retried when the case changed
// under it (another replica or moderator wrote first). Between tries the
// action waits a jittered, growing pause (casBackoff): without it, writers
// that collided read the new revision together and collide again, so that
// of 30 notes posted at once some ran out of tries.
const casRetries = 24

// casBackoff is the longest pause between two tries of an action.
const casBackoff = 64 * time.Millisecond

// backoff waits before try n+1 of an action (n from 0): a random pause in
// [d/2, d], d doubling from 1ms up to casBackoff, so that writers that
// collided spread out. It returns early when ctx ends.
func backoff(ctx context.Context, n int) error {
	d := min(time.Millisecond<<min(n, 16), casBackoff)
	t := time.NewTimer(d/2 + rand.N(d/2+1))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Config configures a Service.
type Config struct {
	Store Store
	// Overrides stores corrections; nil refuses ActionCorrect.
	Overrides Overrider
	Log       *slog.Logger
	// Lease is a claim's default duration, MaxLease the longest a claim
	// may ask for.
	Lease, MaxLease time.Duration
	// MaxTextRunes bounds a correction (default api.MaxTextRunes).
	MaxTextRunes int
	// MaxReplyBytes bounds the JSON of a list or audit page (default
	// DefaultMaxReplyBytes); keep it well under the NATS max_payload.
	MaxReplyBytes int
	// Deletes tells Intake whether a flagged view's message was deleted
	// already (jsstore.Store reads the chat stream); nil: not asked, and
	// only the deletes consumer (MessageDeleted) redacts.
	Deletes DeleteLookup
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Service is the moderation queue: it makes cases of flagged views and
// applies moderators' actions to them, each one a revision-checked update
// recorded in the audit log.
type Service struct {
	cfg Config
}

// New returns a Service over cfg.Store.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, errors.New("moderation: no store")
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.MaxLease <= 0 {
		cfg.MaxLease = DefaultMaxLease
	}
	if cfg.Lease > cfg.MaxLease {
		return nil, fmt.Errorf("moderation: lease %s is longer than the maximum %s", cfg.Lease, cfg.MaxLease)
	}
	if cfg.MaxTextRunes <= 0 {
		cfg.MaxTextRunes = api.MaxTextRunes
	}
	if cfg.MaxReplyBytes <= 0 {
		cfg.MaxReplyBytes = DefaultMaxReplyBytes
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg}, nil
}

func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// NewCase builds the case of a flagged view (not yet stored).
func NewCase(f *api.FlaggedView, now time.Time) *api.Case {
	v := &f.View
	c := &api.Case{
		ID:                f.CaseID(),
		Status:            api.CaseOpen,
		Tenant:            f.Tenant,
		ConversationID:    f.ConversationID,
		MessageID:         f.MessageID,
		MessageRevision:   f.MessageRevision,
		Author:            f.Author,
		Original:          f.Text,
		SourceLanguage:    v.SourceLanguage,
		Detection:         v.Detection,
		TargetLanguage:    v.TargetLanguage,
		Formality:         f.Formality,
		Translation:       v.Text,
		TranslationStatus: v.Status,
		Backend:           v.Backend,
		Model:             v.Model,
		Safety:            v.Safety,
		Quality:           v.Quality,
		Glossary:          v.Glossary,
		Severity:          api.SeverityNone,
		CreatedAt:         now,
		UpdatedAt:         now,
	}
	if sr := v.Safety; sr != nil {
		verdicts := []*api.Verdict{&sr.Source}
		if sr.Translation != nil {
			verdicts = append(verdicts, sr.Translation)
		}
		for _, vd := range verdicts {
			if api.SeverityRank(vd.Severity) > api.SeverityRank(c.Severity) {
				c.Severity = vd.Severity
			}
			for _, cat := range vd.Categories {
				if !slices.Contains(c.Categories, cat) {
					c.Categories = append(c.Categories, cat)
				}
			}
		}
		if sr.Policy != nil {
			c.Masked = sr.Policy.Masked
		}
	}
	return c
}

// Intake makes a case of a flagged view, once: a view of a message
// revision (and locale) that already has a case changes nothing, whatever
// its status. An edit flagged again is a new case (api.FlaggedView.CaseID).
// A view that serves a moderator's correction (the translate cache's
// override) makes no case: a moderator wrote that text, and a case of it
// would send the correction back to the queue as a new case with backend
// "moderator" (the pipeline does not publish such views either).
func (s *Service) Intake(ctx context.Context, f *api.FlaggedView) (created bool, err error) {
	if f.Text == "" || f.View.TargetLanguage == "" {
		return false, api.Errorf(api.CodeInvalidArgument, "a flagged view needs its text and target language")
	}
	if Corrected(&f.View) {
		s.cfg.Log.Debug("flagged view of a moderator's correction: no case", "tenant", f.Tenant, "target", f.View.TargetLanguage)
		return false, nil
	}
	c := NewCase(f, s.now())
	deleted, err := s.deletedBefore(ctx, f)
	if err != nil {
		return false, err
	}
	if deleted {
		redactAtIntake(c)
	}
	created, rev, err := s.cfg.Store.Create(ctx, c)
	if err != nil || !created {
		return false, err
	}
	entries := []api.AuditEntry{{CaseID: c.ID, Action: api.AuditCreate, Actor: SystemActor, At: c.CreatedAt, Revision: rev}}
	if deleted {
		entries = append(entries, intakeRedactEntry(c, rev))
	}
	err = s.cfg.Store.Append(ctx, entries...)
	if err != nil {
		return true, fmt.Errorf("audit case creation: %w", err)
	}
	if deleted {
		s.cfg.Log.Info("moderation case of a message deleted before intake created closed and redacted", "case", c.ID, "tenant", c.Tenant, "message_id", c.MessageID)
		return true, nil
	}
	s.cfg.Log.Info("moderation case created", "case", c.ID, "tenant", c.Tenant, "severity", c.Severity, "categories", c.Categories)
	return true, nil
}

// Corrected reports whether a view serves a moderator's correction (the
// translate cache's override) rather than a machine's translation.
func Corrected(v *api.View) bool {
	return v.Status == api.StatusTranslated && v.Cache == api.CacheOverride
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func checkID(id string) error {
	if !idPattern.MatchString(id) {
		return api.FieldError(api.CodeInvalidArgument, "id", "a case id is 1-64 letters, digits, '_' or '-'")
	}
	return nil
}

func checkActor(actor string) (string, error) {
	actor = strings.TrimSpace(actor)
	if actor == "" || len(actor) > 128 || !utf8.ValidString(actor) || strings.ContainsFunc(actor, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", api.FieldError(api.CodeInvalidArgument, "actor", "name the moderator (1-128 bytes of printable text)")
	}
	return actor, nil
}

// Get returns one case as it is now (an expired claim shows as released).
func (s *Service) Get(ctx context.Context, req api.CaseGetRequest) (*api.Case, error) {
	if err := checkID(req.ID); err != nil {
		return nil, err
	}
	c, err := s.get(ctx, req.ID)
	if err != nil {
		return nil, err
	}
	expire(c, s.now())
	c.Closed = s.closedBy(c.ID)
	return c, nil
}

// closedBy lists the cases still closed by case id's decision, sorted:
// a moderator who reopens id and approves it (a hide taken back) sees
// which cases the hide settled, and can reopen them as well.
func (s *Service) closedBy(id string) []string {
	var out []string
	for _, x := range s.cfg.Store.Cases() {
		if x.ClosedBy == id && x.Status == api.CaseDecided {
			out = append(out, x.ID)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Service) get(ctx context.Context, id string) (*api.Case, error) {
	c, err := s.cfg.Store.Get(ctx, id)
	if err != nil {
		return nil, storeError(err)
	}
	return c, nil
}

func storeError(err error) error {
	var ae *api.Error
	if errors.As(err, &ae) {
		return err
	}
	return fmt.Errorf("%w: %w", api.Errorf(api.CodeUnavailable, "the case store is unavailable"), err)
}

// expire releases a claim whose lease has run out, and reports whether it
// did. The case goes back to the queue it came from.
func expire(c *api.Case, now time.Time) bool {
	if c.Status != api.CaseClaimed || c.Claim == nil || now.Before(c.Claim.ExpiresAt) {
		return false
	}
	c.Claim = nil
	c.Status = api.CaseOpen
	if c.Escalated {
		c.Status = api.CaseEscalated
	}
	return true
}

// checkRevision refuses an action on a case that changed since the actor
// saw it at revision want (0: no expectation). A page of the console, or
// a client that read the case, would otherwise act on a case it no longer
// shows: approve what a colleague has just escalated with a warning.
func checkRevision(c *api.Case, want uint64) error {
	if want == 0 || want == c.Revision {
		return nil
	}
	by := ""
	if c.Decision != nil && c.Status == api.CaseDecided {
		by = fmt.Sprintf(", %s by %s", c.Decision.Action, c.Decision.Actor)
	} else if c.Claim != nil && c.Status == api.CaseClaimed {
		by = ", held by " + c.Claim.Holder
	}
	return api.FieldError(api.CodeConflict, "revision",
		"case %s changed since revision %d: it is at revision %d, %s%s; reload it and check before acting",
		c.ID, want, c.Revision, c.Status, by)
}

// action is one change to a case: it checks and modifies c in place and
// returns the audit entry that records it (nil when it changed nothing).
type action func(c *api.Case, now time.Time) (*api.AuditEntry, error)

// apply runs act on the current revision of case id and stores the
// result if nobody changed the case in between (else it retries on the
// new revision), then records the audit entries: a lapsed lease found on
// the way, and the action.
func (s *Service) apply(ctx context.Context, id string, act action) (*api.Case, error) {
	for try := range casRetries {
		if try > 0 {
			if err := backoff(ctx, try-1); err != nil {
				return nil, api.Errorf(api.CodeUnavailable, "case %s kept changing until the request ended; try again", id)
			}
		}
		c, err := s.get(ctx, id)
		if err != nil {
			return nil, err
		}
		rev := c.Revision
		now := s.now()
		var entries []api.AuditEntry
		if holder := c.Claim; expire(c, now) {
			entries = append(entries, api.AuditEntry{CaseID: id, Action: api.AuditExpire, Actor: SystemActor, At: now, Note: "lease of " + holder.Holder + " expired"})
		}
		e, err := act(c, now)
		if err != nil {
			return nil, err
		}
		if e != nil {
			e.CaseID, e.At = id, now
			entries = append(entries, *e)
		}
		if len(entries) == 0 {
			return c, nil
		}
		c.UpdatedAt = now
		newRev, err := s.cfg.Store.Update(ctx, c, rev)
		if api.ErrorCode(err) == api.CodeConflict {
			continue // changed under us: act again on the new revision
		}
		if err != nil {
			return nil, storeError(err)
		}
		c.Revision = newRev
		for i := range entries {
			entries[i].Revision = newRev
		}
		if err := s.cfg.Store.Append(ctx, entries...); err != nil {
			// The change is stored and its entry is not: report the gap
			// loudly. A decision sent again by the same moderator
			// completes it (Decide: ensureAudit), which matters since
			// readers get decisions from the audit stream.
			last := entries[len(entries)-1]
			s.cfg.Log.Error("moderation audit append failed", "case", id, "action", last.Action, "actor", last.Actor, "err", err)
			return nil, fmt.Errorf("%w: audit %s of %s: %w", auditGap(id, last.Action), last.Action, id, err)
		}
		return c, nil
	}
	return nil, api.Errorf(api.CodeConflict, "case %s kept changing (%d tries); try again", id, casRetries)
}

// Claim gives the actor the case for a lease. A case the actor already
// holds gets a new lease; one held by someone else is refused until that
// lease expires.
func (s *Service) Claim(ctx context.Context, req api.CaseClaimRequest) (*api.Case, error) {
	if err := checkID(req.ID); err != nil {
		return nil, err
	}
	actor, err := checkActor(req.Actor)
	if err != nil {
		return nil, err
	}
	lease := s.cfg.Lease
	if req.Lease != "" {
		if lease, err = time.ParseDuration(req.Lease); err != nil || lease < time.Second || lease > s.cfg.MaxLease {
			return nil, api.FieldError(api.CodeInvalidArgument, "lease", "lease must be a duration between 1s and %s, like \"5m\"", s.cfg.MaxLease)
		}
	}
	return s.apply(ctx, req.ID, func(c *api.Case, now time.Time) (*api.AuditEntry, error) {
		if err := checkRevision(c, req.Revision); err != nil {
			return nil, err
		}
		switch {
		case c.Redacted != "":
			return nil, redactedError(c)
		case c.Status == api.CaseDecided:
			return nil, api.Errorf(api.CodeConflict, "case %s is already decided", c.ID)
		case c.Claim != nil && c.Claim.Holder != actor:
			return nil, api.Errorf(api.CodeConflict, "case %s is claimed by %s until %s", c.ID, c.Claim.Holder, c.Claim.ExpiresAt.Format(time.RFC3339))
		}
		claimed := now
		if c.Claim != nil {
			claimed = c.Claim.ClaimedAt
		}
		c.Claim = &api.CaseClaim{Holder: actor, ClaimedAt: claimed, ExpiresAt: now.Add(lease)}
		c.Status = api.CaseClaimed
		return &api.AuditEntry{Action: api.AuditClaim, Actor: actor, LeaseExpires: c.Claim.ExpiresAt}, nil
	})
}

// holds checks that actor holds c's claim.
func holds(c *api.Case, actor string) error {
	switch {
	case c.Redacted != "":
		return redactedError(c)
	case c.Status == api.CaseDecided:
		return api.Errorf(api.CodeConflict, "case %s is already decided", c.ID)
	case c.Claim == nil:
		return api.Errorf(api.CodeConflict, "case %s is not claimed; claim it first", c.ID)
	case c.Claim.Holder != actor:
		return api.Errorf(api.CodeConflict, "case %s is claimed by %s", c.ID, c.Claim.Holder)
	}
	return nil
}

// Release gives a case the actor holds back to its queue.
func (s *Service) Release(ctx context.Context, req api.CaseReleaseRequest) (*api.Case, error) {
	if err := checkID(req.ID); err != nil {
		return nil, err
	}
	actor, err := checkActor(req.Actor)
	if err != nil {
		return nil, err
	}
	return s.apply(ctx, req.ID, func(c *api.Case, now time.Time) (*api.AuditEntry, error) {
		if err := checkRevision(c, req.Revision); err != nil {
			return nil, err
		}
		if err := holds(c, actor); err != nil {
			return nil, err
		}
		c.Claim = nil
		c.Status = api.CaseOpen
		if c.Escalated {
			c.Status = api.CaseEscalated
		}
		return &api.AuditEntry{Action: api.AuditRelease, Actor: actor}, nil
	})
}

// Decide applies a decision to a case the actor holds. A correction is
// first stored as the translate cache's override for the message's text
// and locale in the case's tenant, so that every later read of that
// tenant serves it.
func (s *Service) Decide(ctx context.Context, req api.CaseDecideRequest) (*api.Case, error) {
	if err := checkID(req.ID); err != nil {
		return nil, err
	}
	actor, err := checkActor(req.Actor)
	if err != nil {
		return nil, err
	}
	reason, err := optionalText("reason", req.Reason, MaxNoteRunes)
	if err != nil {
		return nil, err
	}
	var correction string
	switch req.Action {
	case api.ActionApprove, api.ActionHide, api.ActionEscalate:
		if req.Correction != "" {
			return nil, api.FieldError(api.CodeInvalidArgument, "correction", "a correction goes with action %q only", api.ActionCorrect)
		}
	case api.ActionCorrect:
		if s.cfg.Overrides == nil {
			return nil, api.Errorf(api.CodeUnavailable, "corrections need the translate service")
		}
		if correction, err = api.ValidateText("correction", req.Correction, s.cfg.MaxTextRunes); err != nil {
			return nil, namedText(err, "correction")
		}
	default:
		return nil, api.FieldError(api.CodeInvalidArgument, "action", "action must be %s, %s, %s or %s", api.ActionApprove, api.ActionHide, api.ActionEscalate, api.ActionCorrect)
	}
	// The same decision sent again by its moderator (its answer was lost,
	// or its audit entry could not be written) is answered as done, and
	// completes what the first one left undone.
	if c, err := s.get(ctx, req.ID); err != nil {
		return nil, err
	} else if again(c, req.Action, actor, correction) {
		return s.completed(ctx, c)
	}

	var overrideKey string
	if req.Action == api.ActionCorrect {
		// Check the claim before touching the translate cache; apply
		// checks it again against the revision it writes.
		c, err := s.get(ctx, req.ID)
		if err != nil {
			return nil, err
		}
		expire(c, s.now())
		if err := checkRevision(c, req.Revision); err != nil {
			return nil, err
		}
		if err := holds(c, actor); err != nil {
			return nil, err
		}
		// A change of script (zh-Hans to zh-Hant) is a translation, as
		// the pipeline decides (api.SameWriting); a change of region is
		// none.
		if c.SourceLanguage == "" || c.SourceLanguage == api.Undetermined || api.SameWriting(c.SourceLanguage, c.TargetLanguage) {
			return nil, api.FieldError(api.CodeInvalidArgument, "action",
				"case %s is not a translation (source %q, target %q): approve, hide or escalate it", c.ID, c.SourceLanguage, c.TargetLanguage)
		}
		o, err := s.cfg.Overrides.Override(ctx, overrideRequest(c, correction, actor))
		if err != nil {
			return nil, err
		}
		overrideKey = o.Key
	}

	repeated := false
	out, err := s.apply(ctx, req.ID, func(c *api.Case, now time.Time) (*api.AuditEntry, error) {
		if repeated = again(c, req.Action, actor, correction); repeated {
			return nil, nil // the same request, applied meanwhile
		}
		if err := checkRevision(c, req.Revision); err != nil {
			return nil, err
		}
		if err := holds(c, actor); err != nil {
			return nil, err
		}
		if req.Action == api.ActionHide && c.MessageID == "" {
			// Readers of a text (/v1/translate, the compatible APIs) get
			// it from the translate cache, where only a correction goes:
			// a hide would be recorded and change nothing.
			return nil, api.FieldError(api.CodeInvalidArgument, "action",
				"case %s is a text translated without a message id, not a stored message: there is no message to hide; approve closes the case, a correction replaces its translation", c.ID)
		}
		c.Decision = &api.CaseDecision{Action: req.Action, Actor: actor, At: now, Reason: reason, Correction: correction, OverrideKey: overrideKey}
		c.ClosedBy = "" // decided on its own, whatever closed it before
		c.Claim = nil
		if req.Action == api.ActionEscalate {
			c.Status, c.Escalated = api.CaseEscalated, true
		} else {
			c.Status = api.CaseDecided
		}
		if correction != "" {
			c.Correction = correction
		}
		e := &api.AuditEntry{Action: api.AuditDecide, Actor: actor, Decision: req.Action, Reason: reason}
		e.TextChars, e.TextSHA256 = textDigest(correction)
		return e, nil
	})
	if err != nil && overrideKey != "" {
		s.cfg.Log.Warn("correction stored in the translate cache but the decision was not recorded", "case", req.ID, "actor", actor, "err", err)
	}
	if err != nil {
		return nil, err
	}
	if repeated {
		return s.completed(ctx, out)
	}
	s.closeSiblings(ctx, out)
	return out, nil
}

// again reports whether c holds the decision action (and correction) by
// actor already: a decision sent again.
func again(c *api.Case, action, actor, correction string) bool {
	d := c.Decision
	if d == nil || d.Action != action || d.Actor != actor || d.Correction != correction {
		return false
	}
	if action == api.ActionEscalate {
		return c.Status == api.CaseEscalated
	}
	return c.Status == api.CaseDecided
}

// completed answers a decision sent again: it makes sure that the
// decision's audit entry is in the log (readers get decisions from it)
// and that the sibling cases it closes are closed, then returns the case.
func (s *Service) completed(ctx context.Context, c *api.Case) (*api.Case, error) {
	if err := s.ensureAudit(ctx, c); err != nil {
		return nil, err
	}
	s.closeSiblings(ctx, c)
	expire(c, s.now())
	return c, nil
}

// ensureAudit appends the audit entry of c's decision when the log does
// not have it: the decision was stored and its append failed. It looks
// for the entry by what the case records of the decision (actor and
// time); an entry appended again carries the case's current revision,
// which is the decision's or later, so that the messages service orders
// it after every earlier decision of the case.
func (s *Service) ensureAudit(ctx context.Context, c *api.Case) error {
	d := c.Decision
	want := decisionEntry(c)
	req := api.AuditListRequest{CaseID: c.ID, Limit: 1000}
	for {
		page, err := s.cfg.Store.Audit(ctx, req, s.cfg.MaxReplyBytes)
		if err != nil {
			return storeError(fmt.Errorf("read the audit of %s: %w", c.ID, err))
		}
		for _, e := range page.Entries {
			if e.Action == want.Action && e.Actor == d.Actor && e.Decision == d.Action && e.At.Equal(d.At) {
				return nil
			}
		}
		if !page.More || len(page.Entries) == 0 {
			break
		}
		req.After = page.NextAfter
	}
	if err := s.cfg.Store.Append(ctx, want); err != nil {
		s.cfg.Log.Error("moderation audit append failed again", "case", c.ID, "action", want.Action, "actor", want.Actor, "err", err)
		return fmt.Errorf("%w: audit %s of %s: %w", auditGap(c.ID, want.Action), want.Action, c.ID, err)
	}
	s.cfg.Log.Warn("moderation audit entry appended again", "case", c.ID, "action", want.Action, "decision", d.Action, "actor", d.Actor)
	return nil
}

// auditGap is the 503 of an action stored without its audit entry. A
// decision sent again completes it (ensureAudit); another action sent
// again would be a second action (a second note), so it is not offered.
func auditGap(id, action string) *api.Error {
	if action == api.AuditDecide || action == api.AuditClose {
		return api.Errorf(api.CodeUnavailable,
			"case %s: the decision is stored but its audit entry could not be written, so it has not reached readers yet; send the same decision again to complete it", id)
	}
	return api.Errorf(api.CodeUnavailable, "case %s: the %s is stored but its audit entry could not be written", id, action)
}

// decisionEntry is the audit entry that records c's decision: a decide
// entry, or the close entry of a case that a hide on another case closed.
func decisionEntry(c *api.Case) api.AuditEntry {
	d := c.Decision
	e := api.AuditEntry{CaseID: c.ID, Action: api.AuditDecide, Actor: d.Actor, At: d.At, Decision: d.Action,
		Reason: d.Reason, Revision: c.Revision, ClosedBy: c.ClosedBy}
	e.TextChars, e.TextSHA256 = textDigest(d.Correction)
	if c.ClosedBy != "" {
		e.Note = closedNote(d, c.ClosedBy)
		if d.Action == api.ActionHide {
			e.Action = api.AuditClose
		}
	}
	return e
}

func closedNote(d *api.CaseDecision, by string) string {
	return fmt.Sprintf("closed by the %s decision of %s on case %s", d.Action, d.Actor, by)
}

// sourceSide reports whether c was flagged for what its source says,
// which is the same in every locale, and not for what its translation
// added (harm the source does not have).
func sourceSide(c *api.Case) bool {
	sr := c.Safety
	if sr == nil || sr.Source.Safe {
		return false
	}
	if sr.Delta != nil && (sr.Delta.Added || len(sr.Delta.AddedCategories) > 0) {
		return false
	}
	return sr.Policy == nil || !slices.Contains(sr.Policy.FlaggedBy, api.FlagAdded)
}

// closeSiblings closes the other undecided cases of c's message that c's
// decision settles. A message unsafe in its source is flagged in every
// reader's locale, one case each; one decision settles them all:
//
//   - A hide hides the message in every locale and revision: every other
//     undecided case of the message is closed with an AuditClose entry
//     naming this case and decision. It is not a decide entry, so the
//     message is hidden by this case alone, and reopening this case and
//     approving it shows the message again.
//   - An approval of a case flagged for its source (sourceSide) approves
//     that source text: the other open cases of the same message revision
//     flagged for their source only are decided approve too, with a decide
//     entry (readers get an approval per locale) that names this case. A
//     case flagged for what its translation added, an escalated case, and
//     one a moderator holds stay in the queue.
//
// A failure is logged: the decision itself stands, and sending it again
// closes what is left.
func (s *Service) closeSiblings(ctx context.Context, c *api.Case) {
	d := c.Decision
	if c.MessageID == "" || d == nil || c.ClosedBy != "" || c.Status != api.CaseDecided {
		return
	}
	switch {
	case d.Action == api.ActionHide:
	case d.Action == api.ActionApprove && sourceSide(c):
	default:
		return
	}
	rev := max(c.MessageRevision, 1)
	for _, sib := range s.cfg.Store.Cases() {
		if sib.ID == c.ID || sib.Tenant != c.Tenant || sib.ConversationID != c.ConversationID || sib.MessageID != c.MessageID || sib.Status == api.CaseDecided {
			continue
		}
		out, err := s.apply(ctx, sib.ID, func(x *api.Case, now time.Time) (*api.AuditEntry, error) {
			switch {
			case x.Status == api.CaseDecided:
				return nil, nil
			case x.ClosedBy == c.ID:
				// Closed by this case before, and reopened since by a
				// moderator who meant to decide it alone.
				return nil, nil
			case d.Action == api.ActionApprove && (x.Status != api.CaseOpen || max(x.MessageRevision, 1) != rev || !sourceSide(x)):
				return nil, nil
			}
			x.Claim = nil
			x.Status = api.CaseDecided
			x.ClosedBy = c.ID
			x.Decision = &api.CaseDecision{Action: d.Action, Actor: d.Actor, At: now, Reason: d.Reason}
			e := decisionEntry(x)
			return &e, nil
		})
		if err != nil {
			s.cfg.Log.Warn("sibling case not closed", "case", sib.ID, "closed_by", c.ID, "decision", d.Action, "err", err)
			continue
		}
		if out.ClosedBy == c.ID {
			s.cfg.Log.Info("sibling case closed", "case", sib.ID, "closed_by", c.ID, "decision", d.Action, "actor", d.Actor)
		}
	}
}

// overrideRequest names the translation a correction replaces: the
// message text in the case's languages and register, for the case's
// tenant, which is exactly what the translate service keys overrides by.
// The tenant keeps the correction in front of that tenant's readers only:
// a correction is text one tenant's moderator wrote, and another tenant
// with the same message text must not be served it (a case without a
// tenant corrects requests without one).
func overrideRequest(c *api.Case, correction, actor string) api.TranslateOverrideRequest {
	return api.TranslateOverrideRequest{
		Request: api.TranslateRequest{
			Text: c.Original, Source: c.SourceLanguage, Target: c.TargetLanguage, Formality: c.Formality,
			ConversationID: c.ConversationID, MessageID: c.MessageID, Tenant: c.Tenant,
		},
		Translation: correction,
		Moderator:   actor,
	}
}

// Note adds a note to a case, whatever its status.
func (s *Service) Note(ctx context.Context, req api.CaseNoteRequest) (*api.Case, error) {
	if err := checkID(req.ID); err != nil {
		return nil, err
	}
	actor, err := checkActor(req.Actor)
	if err != nil {
		return nil, err
	}
	text, err := api.ValidateText("text", req.Text, MaxNoteRunes)
	if err != nil {
		return nil, err
	}
	return s.apply(ctx, req.ID, func(c *api.Case, now time.Time) (*api.AuditEntry, error) {
		if err := checkRevision(c, req.Revision); err != nil {
			return nil, err
		}
		if c.Redacted != "" {
			return nil, redactedError(c)
		}
		if len(c.Notes) >= MaxNotes {
			return nil, api.Errorf(api.CodeConflict, "case %s has the maximum of %d notes", c.ID, MaxNotes)
		}
		notes := append(slices.Clip(c.Notes), api.CaseNote{Author: actor, At: now, Text: text})
		if size := notesBytes(notes); size > MaxNotesBytes {
			return nil, api.Errorf(api.CodeConflict,
				"case %s has no room for this note: its notes would take %d bytes, and a case keeps at most %d bytes (%d KiB) of notes; write a shorter note",
				c.ID, size, MaxNotesBytes, MaxNotesBytes>>10)
		}
		c.Notes = notes
		// The note's text stays in the case, which a delete of the
		// message redacts; the append-only log keeps what identifies it.
		e := &api.AuditEntry{Action: api.AuditNote, Actor: actor}
		e.TextChars, e.TextSHA256 = textDigest(text)
		return e, nil
	})
}

// Reopen takes a decided case back to the queue it came from (open, or
// escalated when a moderator had escalated it), to be decided again: the
// undo of a decision, recorded in the audit log with the decision it
// reopened. The case keeps its decision, and readers keep what it gave
// them (a hidden message stays hidden) until the next decision replaces
// it: taking a hide back must not show the message before a moderator
// has decided otherwise.
func (s *Service) Reopen(ctx context.Context, req api.CaseReopenRequest) (*api.Case, error) {
	if err := checkID(req.ID); err != nil {
		return nil, err
	}
	actor, err := checkActor(req.Actor)
	if err != nil {
		return nil, err
	}
	reason, err := optionalText("reason", req.Reason, MaxNoteRunes)
	if err != nil {
		return nil, err
	}
	return s.apply(ctx, req.ID, func(c *api.Case, now time.Time) (*api.AuditEntry, error) {
		if err := checkRevision(c, req.Revision); err != nil {
			return nil, err
		}
		if c.Redacted != "" {
			return nil, redactedError(c)
		}
		if c.Status != api.CaseDecided {
			return nil, api.Errorf(api.CodeConflict, "case %s is %s, not decided: only a decided case can be reopened", c.ID, c.Status)
		}
		c.Claim = nil
		c.Status = api.CaseOpen
		if c.Escalated {
			c.Status = api.CaseEscalated
		}
		e := &api.AuditEntry{Action: api.AuditReopen, Actor: actor, Reason: reason}
		if d := c.Decision; d != nil {
			e.Note = fmt.Sprintf("reopened the %s decision of %s", d.Action, d.Actor)
		}
		return e, nil
	})
}

// notesBytes is the size of notes as the case record stores them.
func notesBytes(notes []api.CaseNote) int {
	b, err := json.Marshal(notes)
	if err != nil {
		return math.MaxInt
	}
	return len(b)
}

// optionalText validates an optional free-text field.
func optionalText(field, s string, maxRunes int) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	return api.ValidateText(field, s, maxRunes)
}

// ExpireLeases releases every claim whose lease has run out, recording
// each in the audit log, and returns how many it released. Reads already
// show such cases as released; this makes the store and the log say so.
func (s *Service) ExpireLeases(ctx context.Context) (int, error) {
	now := s.now()
	n := 0
	for _, c := range s.cfg.Store.Cases() {
		if c.Status != api.CaseClaimed || c.Claim == nil || now.Before(c.Claim.ExpiresAt) {
			continue
		}
		// apply releases the lapsed claim and records that; a case
		// claimed again meanwhile is left alone.
		out, err := s.apply(ctx, c.ID, func(*api.Case, time.Time) (*api.AuditEntry, error) { return nil, nil })
		if err != nil {
			return n, err
		}
		if out.Status != api.CaseClaimed {
			n++
		}
	}
	return n, nil
}

// Audit lists audit entries.
func (s *Service) Audit(ctx context.Context, req api.AuditListRequest) (*api.AuditListResponse, error) {
	if req.CaseID != "" {
		if err := checkID(req.CaseID); err != nil {
			return nil, api.FieldError(api.CodeInvalidArgument, "case_id", "a case id is 1-64 letters, digits, '_' or '-'")
		}
	}
	switch {
	case req.Limit < 0 || req.Limit > 1000:
		return nil, api.FieldError(api.CodeInvalidArgument, "limit", "limit must be between 1 and 1000")
	case req.Limit == 0:
		req.Limit = 100
	}
	// The budget leaves room for the page's envelope (more, next_after,
	// older).
	res, err := s.cfg.Store.Audit(ctx, req, s.cfg.MaxReplyBytes-256)
	if err != nil {
		return nil, storeError(err)
	}
	if res.Entries == nil {
		res.Entries = []api.AuditEntry{}
	}
	return res, nil
}

// namedText names field in a text refusal of api.ValidateText, whose
// messages say "text ...": a moderator's decision has one text field
// among others (reason, action), and "text holds U+0007" would not say
// which one to fix.
func namedText(err error, field string) error {
	var ae *api.Error
	if !errors.As(err, &ae) || !strings.HasPrefix(ae.Message, "text ") {
		return err
	}
	named := *ae
	named.Message = field + strings.TrimPrefix(ae.Message, "text")
	return &named
}

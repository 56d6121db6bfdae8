package moderation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// textDigest is what the audit log keeps of a moderator's free text (a
// note, a correction): its length in characters and its SHA-256, enough
// to tell which text an action wrote without keeping personal data in a
// log whose entries cannot be deleted. "" gives nothing.
func textDigest(text string) (chars int, sha string) {
	if text == "" {
		return 0, ""
	}
	sum := sha256.Sum256([]byte(text))
	return utf8.RuneCountInString(text), hex.EncodeToString(sum[:])
}

// redactedError refuses a moderator's action on a redacted case: its
// message is gone, and so is the text an action would judge.
func redactedError(c *api.Case) error {
	return api.Errorf(api.CodeConflict, "case %s was redacted (%s at %s): its message is gone, and the case takes no further action",
		c.ID, c.Redacted, c.RedactedAt.Format(time.RFC3339))
}

// redactCase removes c's personal text: the message's author and text,
// every translation of it (the served one, the masked one, a correction),
// the moderators' notes and the decision's reason, the text of flagged
// spans and whatever judges explained. Ids, languages, categories,
// severity, the decision's action, actor and time, and the times are kept:
// what was decided about which message, not what it said.
func redactCase(c *api.Case, why string, now time.Time) {
	c.Redacted, c.RedactedAt = why, now
	c.Author, c.Original, c.Translation, c.Masked, c.Correction = "", "", "", "", ""
	c.Notes, c.Context = nil, nil
	c.Detection, c.Quality, c.Glossary = nil, nil, nil
	if d := c.Decision; d != nil {
		d.Reason, d.Correction, d.OverrideKey = "", "", ""
	}
	if sr := c.Safety; sr != nil {
		for _, v := range []*api.Verdict{&sr.Source, sr.Translation} {
			if v == nil {
				continue
			}
			v.Guard = nil
			for i := range v.Spans {
				v.Spans[i].Text = ""
			}
		}
		if sr.Policy != nil {
			sr.Policy.Masked = ""
		}
	}
}

// withdrawOverride removes the translate cache's override that c's
// correction stored. The cache keys it by the case's text, languages,
// register and tenant, so it must go before redaction removes the text.
func (s *Service) withdrawOverride(ctx context.Context, c *api.Case, actor string) error {
	if c.Original == "" || s.cfg.Overrides == nil {
		return nil
	}
	if _, err := s.cfg.Overrides.Override(ctx, overrideRequest(c, "", actor)); err != nil {
		return fmt.Errorf("withdraw the correction of case %s: %w", c.ID, err)
	}
	return nil
}

// corrected is the correction of c the translate cache may serve.
func corrected(c *api.Case) string {
	if c.Correction != "" {
		return c.Correction
	}
	if c.Decision != nil {
		return c.Decision.Correction
	}
	return ""
}

// Redact closes case id if it is undecided and removes its personal text
// (redactCase), for reason why (api.RedactedDeleted, api.RedactedExpired),
// recording an AuditRedact entry without text. A correction is withdrawn
// from the translate cache first. A redacted case is left as it is.
func (s *Service) Redact(ctx context.Context, id, why string) (*api.Case, error) {
	c, err := s.get(ctx, id)
	if err != nil || c.Redacted != "" {
		return c, err
	}
	withdrawn := corrected(c)
	if withdrawn != "" {
		if err := s.withdrawOverride(ctx, c, SystemActor); err != nil {
			return nil, err
		}
	}
	return s.apply(ctx, id, func(c *api.Case, now time.Time) (*api.AuditEntry, error) {
		if c.Redacted != "" {
			return nil, nil
		}
		if cur := corrected(c); cur != "" && cur != withdrawn {
			// Corrected meanwhile: that override is still served.
			return nil, api.Errorf(api.CodeUnavailable, "case %s was corrected while it was being redacted; try again", c.ID)
		}
		e := &api.AuditEntry{Action: api.AuditRedact, Actor: SystemActor, Note: "personal text removed: " + why}
		if c.Status != api.CaseDecided {
			e.Note = fmt.Sprintf("closed %s and personal text removed: %s", c.Status, why)
			c.Status, c.Claim = api.CaseDecided, nil
		}
		if withdrawn != "" {
			e.Note += "; correction withdrawn from the translate cache"
		}
		redactCase(c, why, now)
		return e, nil
	})
}

// MessageDeleted redacts every case of a deleted message (Redact, with
// api.RedactedDeleted): its undecided cases leave the queue, and no case
// keeps what the message said. It returns how many cases it redacted.
func (s *Service) MessageDeleted(ctx context.Context, tenant, conversation, id string) (int, error) {
	n := 0
	for _, c := range s.cfg.Store.Cases() {
		if c.MessageID != id || c.Tenant != tenant || c.ConversationID != conversation || c.Redacted != "" {
			continue
		}
		if _, err := s.Redact(ctx, c.ID, api.RedactedDeleted); err != nil {
			return n, err
		}
		n++
	}
	if n > 0 {
		s.cfg.Log.Info("cases of a deleted message redacted", "tenant", tenant, "conversation", conversation, "message_id", id, "cases", n)
	}
	return n, nil
}

// Withdraw withdraws a case's correction: the translate cache stops
// serving it (readers get the machine's translation, which the safety
// policy judges afresh), the case keeps no copy of it, and the audit log
// records who withdrew it. The case keeps its status and decision; reopen
// it to decide it again.
func (s *Service) Withdraw(ctx context.Context, req api.CaseWithdrawRequest) (*api.Case, error) {
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
	if s.cfg.Overrides == nil {
		return nil, api.Errorf(api.CodeUnavailable, "corrections need the translate service")
	}
	c, err := s.get(ctx, req.ID)
	if err != nil {
		return nil, err
	}
	expire(c, s.now())
	if err := checkRevision(c, req.Revision); err != nil {
		return nil, err
	}
	if c.Redacted != "" {
		return nil, redactedError(c)
	}
	withdrawn := corrected(c)
	if withdrawn == "" {
		return nil, api.Errorf(api.CodeConflict, "case %s has no correction to withdraw", c.ID)
	}
	if err := s.withdrawOverride(ctx, c, actor); err != nil {
		return nil, err
	}
	return s.apply(ctx, req.ID, func(c *api.Case, now time.Time) (*api.AuditEntry, error) {
		switch cur := corrected(c); {
		case cur == "":
			return nil, nil // withdrawn meanwhile
		case cur != withdrawn:
			return nil, api.Errorf(api.CodeConflict, "case %s was corrected again meanwhile; reload it and check before acting", c.ID)
		}
		c.Correction = ""
		if d := c.Decision; d != nil {
			d.Correction, d.OverrideKey = "", ""
		}
		e := &api.AuditEntry{Action: api.AuditWithdraw, Actor: actor, Reason: reason}
		e.TextChars, e.TextSHA256 = textDigest(withdrawn)
		return e, nil
	})
}

// Sweep applies the retention of cases at now:
//
//   - A case of a stored message older than messageMaxAge (the chat
//     stream's MaxAge; 0: none) is redacted (api.RedactedExpired): the
//     stream no longer holds the text the case shows, at the revision the
//     case is about.
//   - A decided case not changed for caseMaxAge (0: kept for ever) is
//     deleted from the store (its correction withdrawn first: nothing
//     else could withdraw it), with an AuditPurge entry.
//
// It returns how many cases it redacted and deleted.
func (s *Service) Sweep(ctx context.Context, caseMaxAge, messageMaxAge time.Duration) (redacted, purged int, err error) {
	now := s.now()
	for _, c := range s.cfg.Store.Cases() {
		if err := ctx.Err(); err != nil {
			return redacted, purged, err
		}
		if messageMaxAge > 0 && c.MessageID != "" && c.Redacted == "" && now.Sub(c.CreatedAt) > messageMaxAge {
			out, err := s.Redact(ctx, c.ID, api.RedactedExpired)
			if err != nil {
				return redacted, purged, err
			}
			redacted++
			c = out
		}
		if caseMaxAge <= 0 || c.Status != api.CaseDecided || now.Sub(c.UpdatedAt) <= caseMaxAge {
			continue
		}
		if corrected(c) != "" {
			if err := s.withdrawOverride(ctx, c, SystemActor); err != nil {
				return redacted, purged, err
			}
		}
		err := s.cfg.Store.Delete(ctx, c.ID, c.Revision)
		if api.ErrorCode(err) == api.CodeConflict {
			continue // changed meanwhile (reopened): not due any more
		}
		if err != nil {
			return redacted, purged, storeError(err)
		}
		purged++
		note := fmt.Sprintf("deleted from the case store: decided and unchanged for longer than %s", caseMaxAge)
		if err := s.cfg.Store.Append(ctx, api.AuditEntry{CaseID: c.ID, Action: api.AuditPurge, Actor: SystemActor, At: now, Revision: c.Revision, Note: note}); err != nil {
			s.cfg.Log.Error("moderation audit append failed", "case", c.ID, "action", api.AuditPurge, "err", err)
		}
	}
	return redacted, purged, nil
}

// DeleteLookup tells whether a chat message was deleted: jsstore.Store
// reads the chat stream for its delete event.
type DeleteLookup interface {
	Deleted(ctx context.Context, tenant, conversation, id string) (bool, error)
}

// deletedBefore reports whether the message of flagged view f was
// deleted before its case is made. The deletes consumer (MessageDeleted)
// redacts the cases that exist when it reads a delete; a view still in
// the intake stream then (a backlog, moderation down, a delete right
// after the view was rendered) would otherwise become an open case with
// the deleted text and author, and stay one until retention. An error is
// unavailable: the intake consumer retries the view.
func (s *Service) deletedBefore(ctx context.Context, f *api.FlaggedView) (bool, error) {
	if f.MessageID == "" || s.cfg.Deletes == nil {
		return false, nil
	}
	deleted, err := s.cfg.Deletes.Deleted(ctx, f.Tenant, f.ConversationID, f.MessageID)
	if err != nil {
		return false, fmt.Errorf("%w: %w", api.Errorf(api.CodeUnavailable, "cannot tell whether message %s was deleted", f.MessageID), err)
	}
	return deleted, nil
}

// redactAtIntake makes new case c of a deleted message closed and
// redacted (api.RedactedDeleted) before it is first stored, so that its
// personal text is never written to the case store.
func redactAtIntake(c *api.Case) {
	c.Status, c.Claim = api.CaseDecided, nil
	redactCase(c, api.RedactedDeleted, c.CreatedAt)
}

// intakeRedactEntry is the audit entry of a case redactAtIntake closed,
// at store revision rev: as Redact's, without text.
func intakeRedactEntry(c *api.Case, rev uint64) api.AuditEntry {
	return api.AuditEntry{CaseID: c.ID, Action: api.AuditRedact, Actor: SystemActor, At: c.CreatedAt, Revision: rev,
		Note: fmt.Sprintf("closed %s and personal text removed: %s (deleted before the case was made)", api.CaseOpen, api.RedactedDeleted)}
}

package api

import (
	"slices"
	"time"
)

// ServiceMessages is the messages service's micro name.
const ServiceMessages = "parley-messages"

// SubjectMessagesGet is the messages service's endpoint that returns one
// stored message (MessageGetRequest → MessageRecord).
const SubjectMessagesGet = "parley.messages.v1.get"

// SubjectModerationDecisions matches the audit entries of moderators'
// decisions (action AuditDecide), on every case.
const SubjectModerationDecisions = SubjectModerationAuditPrefix + "." + AuditDecide + ".>"

// SubjectModerationWithdrawals matches the audit entries of withdrawn
// corrections (action AuditWithdraw): the messages service follows them
// with the decisions, so that readers of a corrected message get the
// machine translation again.
const SubjectModerationWithdrawals = SubjectModerationAuditPrefix + "." + AuditWithdraw + ".>"

// BucketMessageModeration is the KV bucket (file storage) of what
// moderators decided about each message, key: the message's tenant and id
// (messages.ModerationKey; entries written before ids were per tenant are
// keyed by the id alone), value: a MessageModeration. Every reader of messages (the messages service, each
// gateway replica) watches it, so a decision reaches every replica's
// views at once and survives restarts.
const BucketMessageModeration = "parley_messages_moderation"

// MessageGetRequest asks for one stored message by tenant and id: message
// ids are unique per tenant ("" is the tenant of messages posted without
// one), so the same id names another message for another tenant.
type MessageGetRequest struct {
	ID     string `json:"id"`
	Tenant string `json:"tenant,omitempty"`
}

// MessageRecord is a stored message and what moderators decided about it.
type MessageRecord struct {
	Message    Message            `json:"message"`
	Moderation *MessageModeration `json:"moderation,omitempty"`
}

// MessageModeration is what moderators decided about one message. Hiding
// applies to the message in every locale and every revision; approving
// and correcting apply to the locale and the message revision the case
// was about (a case is one revision of a message in one target locale),
// since another locale's translation is another text, and so is an edit.
type MessageModeration struct {
	MessageID    string `json:"message_id"`
	Conversation string `json:"conversation,omitempty"`
	Tenant       string `json:"tenant,omitempty"`
	// Hidden: a moderator hid the message (HiddenCase); readers get
	// StatusHidden and no text in every locale, whatever edits follow
	// (hiding is the conservative direction: an author must not un-hide a
	// message by editing it).
	Hidden     bool   `json:"hidden,omitempty"`
	HiddenCase string `json:"hidden_case,omitempty"`
	// HiddenBy lists the cases whose latest decision is a hide
	// (HiddenCase is the latest of them): the message stays hidden while
	// one is left, and a reopened case decided approve or correct leaves
	// the list. An entry written before it was kept has Hidden and
	// HiddenCase only, HiddenCase then standing for the list.
	HiddenBy []string `json:"hidden_by,omitempty"`
	// Approved lists the locales whose views a moderator approved (or
	// corrected): the safety policy's flag no longer hides or masks them,
	// at the message revision in Revisions only.
	Approved []string `json:"approved,omitempty"`
	// Corrected lists the locales whose translation a moderator corrected
	// (the translate service serves the correction as an override); in
	// those the flag is lifted only from a view that serves the
	// correction, never from the original or another translation.
	Corrected []string `json:"corrected,omitempty"`
	// Revisions maps each locale of Approved to the message revision
	// (Message.Revision) its decision covers: the revision whose flagged
	// view the case was made from. An edit makes a revision no moderator
	// reviewed, and the flag policy applies to it afresh. A locale of
	// Approved missing here (a record written before revisions were
	// recorded) covers revision 1: approvals of never-edited messages
	// keep holding, those of since-edited messages lapse.
	Revisions map[string]int `json:"revisions,omitempty"`
	// Cases are the ids of the decided cases applied, oldest first.
	Cases []string `json:"cases,omitempty"`
	// Decided maps each case applied to the case revision its applied
	// decision produced (AuditEntry.Revision): a case reopened and decided
	// again replaces its earlier decision, and a decision redelivered, or
	// older than the one applied, changes nothing. A case of Cases missing
	// here was applied before revisions were kept.
	Decided   map[string]uint64 `json:"decided,omitempty"`
	UpdatedAt time.Time         `json:"updated_at"`
}

// ReviewedRevision returns the message revision that the approval or
// correction in locale covers, 0 when there is none. A record written
// before revisions were recorded covers revision 1.
func (m *MessageModeration) ReviewedRevision(locale string) int {
	if m == nil || !slices.Contains(m.Approved, locale) {
		return 0
	}
	return max(m.Revisions[locale], 1)
}

// ApprovedIn reports whether a moderator approved or corrected the
// message's view in locale at the message's revision (Message.Revision;
// 0, a message stored without one, is revision 1). After an edit, the
// earlier revision's decision no longer covers what readers would see.
func (m *MessageModeration) ApprovedIn(locale string, revision int) bool {
	return m.ReviewedRevision(locale) == max(revision, 1)
}

// CorrectedIn reports whether a moderator corrected the message's
// translation into locale at the message's revision.
func (m *MessageModeration) CorrectedIn(locale string, revision int) bool {
	return m.ApprovedIn(locale, revision) && slices.Contains(m.Corrected, locale)
}

// Moderation decisions as reported in a MessageView (View.Moderation).
const (
	ModeratedHidden    = "hidden"
	ModeratedApproved  = "approved"
	ModeratedCorrected = "corrected"
)

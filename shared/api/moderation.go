package api

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"time"
)

// ServiceModeration is the moderation service's micro name.
const ServiceModeration = "parley-moderation"

// Moderation subjects. The request subjects are endpoints of the
// moderation micro service; the gateway checks the moderator role before
// it calls them and passes the caller's key name as Actor.
const (
	SubjectModerationList    = "parley.moderation.v1.cases.list"
	SubjectModerationGet     = "parley.moderation.v1.cases.get"
	SubjectModerationClaim   = "parley.moderation.v1.cases.claim"
	SubjectModerationRelease = "parley.moderation.v1.cases.release"
	SubjectModerationDecide  = "parley.moderation.v1.cases.decide"
	SubjectModerationNote    = "parley.moderation.v1.cases.note"
	SubjectModerationReopen  = "parley.moderation.v1.cases.reopen"
	SubjectModerationAudit   = "parley.moderation.v1.audit.list"
	// SubjectModerationWithdraw withdraws a case's correction
	// (CaseWithdrawRequest): the translate cache stops serving it.
	SubjectModerationWithdraw = "parley.moderation.v1.cases.withdraw"
)

// SubjectModerationIntake is the JetStream subject (stream
// StreamModerationIntake) to which the pipeline publishes every view whose
// policy action is PolicyFlag, as a FlaggedView, with the Nats-Msg-Id
// header set to FlaggedView.CaseID(): the moderation service turns each
// into a case, once per message revision and target locale.
const SubjectModerationIntake = "parley.moderation.v1.intake"

// SubjectModerationAuditPrefix prefixes the subjects of the append-only
// audit stream (StreamModerationAudit): one AuditEntry per action, on
// <prefix>.<action>.<case id>. Other services may consume it (a hidden
// message is an audit entry with action decide and decision hide).
const SubjectModerationAuditPrefix = "parley.moderation.v1.events"

// JetStream names of the moderation service's storage.
const (
	// StreamModerationIntake holds flagged views until the moderation
	// service has made cases of them.
	StreamModerationIntake = "PARLEY_MODERATION_INTAKE"
	// StreamModerationAudit is the append-only audit log (deletes and
	// purges denied).
	StreamModerationAudit = "PARLEY_MODERATION_AUDIT"
	// BucketModerationCases is the KV bucket of cases (key: case id);
	// every change is a revision-checked update.
	BucketModerationCases = "parley_moderation_cases"
)

// Case statuses.
const (
	// CaseOpen: waiting for a moderator (also a claimed case whose lease
	// expired).
	CaseOpen = "open"
	// CaseClaimed: a moderator holds the case until Claim.ExpiresAt.
	CaseClaimed = "claimed"
	// CaseEscalated: a moderator passed the case up; anyone may claim it.
	CaseEscalated = "escalated"
	// CaseDecided: approved, hidden or corrected; final unless a
	// moderator reopens it (CaseReopenRequest).
	CaseDecided = "decided"
)

// Moderation decisions (CaseDecideRequest.Action).
const (
	// ActionApprove keeps the message and its translation as they are.
	ActionApprove = "approve"
	// ActionHide hides the message from readers.
	ActionHide = "hide"
	// ActionEscalate passes the case to senior moderators (the case stays
	// undecided, with status CaseEscalated).
	ActionEscalate = "escalate"
	// ActionCorrect replaces the translation: the correction becomes the
	// translate cache's override for that message text and locale, for
	// the case's tenant only.
	ActionCorrect = "correct"
)

// Audit actions.
const (
	AuditCreate  = "create"
	AuditClaim   = "claim"
	AuditRelease = "release"
	AuditExpire  = "expire"
	AuditDecide  = "decide"
	AuditNote    = "note"
	// AuditReopen: a moderator took a decided case back to the queue.
	AuditReopen = "reopen"
	// AuditClose: a decision on another case of the same message closed
	// this one (AuditEntry.ClosedBy names that case, Decision the
	// decision): a hide hides the message in every locale, so its other
	// locales' cases have nothing left to decide. It is not a decide
	// entry: readers get what the closing case's decision gives them, and
	// reopening that case and approving it is not held back by this one.
	AuditClose = "close"
	// AuditRedact: the system closed the case (if it was undecided) and
	// removed its personal text (Case.Redacted says why): its message was
	// deleted, or the chat stream's retention dropped it. The entry holds
	// no text.
	AuditRedact = "redact"
	// AuditWithdraw: a moderator withdrew the case's correction; the
	// translate cache no longer serves it.
	AuditWithdraw = "withdraw"
	// AuditPurge: the case was deleted from the case store, decided for
	// longer than the case retention (MODERATION_CASE_MAX_AGE).
	AuditPurge = "purge"
)

// Why a case was redacted (Case.Redacted).
const (
	// RedactedDeleted: its message was deleted.
	RedactedDeleted = "message_deleted"
	// RedactedExpired: the chat stream's retention dropped its message.
	RedactedExpired = "message_expired"
)

// FlaggedView is what the pipeline publishes for a view that its safety
// policy flagged: the request that produced it and the view itself.
type FlaggedView struct {
	Tenant         string `json:"tenant,omitempty"`
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	// MessageRevision is the revision of the message (Message.Revision)
	// that the view rendered: a moderator's approval or correction covers
	// that revision only. 0: not a stored message's view, or published
	// before revisions were carried (taken as revision 1).
	MessageRevision int `json:"message_revision,omitempty"`
	// Author is the message's author as the chat stream stored it (only
	// for a stored message's view).
	Author string `json:"author,omitempty"`
	// Text is the original message (View.Text is what readers see).
	Text string `json:"text"`
	// Formality is the register the translation was asked in ("" for the
	// locale's default); a correction is stored for the same register.
	Formality string `json:"formality,omitempty"`
	View      View   `json:"view"`
}

// CaseID is the id of the case of a flagged view: one case per message
// revision and target locale (the tenant, conversation and message ids,
// and the revision after an edit), or, for a message without an id, per
// text, languages and register. It is also the Nats-Msg-Id of the intake
// publish, so JetStream drops duplicates too.
//
// An edit is a text no moderator saw, so a flagged edit is a new case.
// Revision 1 (and 0, unknown) adds nothing to the hash: the ids of cases
// made before revisions were carried stay what they were.
func (f *FlaggedView) CaseID() string {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	if f.MessageID != "" {
		field("message")
		field(f.Tenant)
		field(f.ConversationID)
		field(f.MessageID)
		if f.MessageRevision > 1 {
			field("revision")
			field(strconv.Itoa(f.MessageRevision))
		}
	} else {
		field("text")
		field(f.Tenant)
		field(f.Text)
		field(f.View.SourceLanguage)
		field(f.Formality)
	}
	field(f.View.TargetLanguage)
	return "c" + hex.EncodeToString(h.Sum(nil)[:12])
}

// CaseClaim is a moderator's hold on a case.
type CaseClaim struct {
	Holder    string    `json:"holder"`
	ClaimedAt time.Time `json:"claimed_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// CaseDecision is the last decision taken on a case. A reopened case
// keeps it: what it did to readers holds until the next decision.
type CaseDecision struct {
	Action string    `json:"action"`
	Actor  string    `json:"actor"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
	// Correction is the corrected translation (ActionCorrect).
	Correction string `json:"correction,omitempty"`
	// OverrideKey is the translate cache key the correction was stored
	// under.
	OverrideKey string `json:"override_key,omitempty"`
}

// CaseNote is a moderator's note on a case.
type CaseNote struct {
	Author string    `json:"author"`
	At     time.Time `json:"at"`
	Text   string    `json:"text"`
}

// Case is one flagged message in one target locale, with everything a
// moderator needs to decide on it.
type Case struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	// Revision is the case's revision in the store; it grows with every
	// change.
	Revision uint64 `json:"revision"`

	Tenant         string `json:"tenant,omitempty"`
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	// MessageRevision is the revision of the message (Message.Revision)
	// whose view was flagged: approving or correcting the case covers that
	// revision only, and a later edit that is flagged again is a new case.
	// 0: a case made before revisions were carried, taken as revision 1.
	MessageRevision int `json:"message_revision,omitempty"`
	// Author is the author of the message, as the chat stream stored it
	// (cases of stored messages only).
	Author string `json:"author,omitempty"`
	// Context is the conversation before the message, oldest first, as
	// the gateway's read model holds it now: filled in by the gateway on
	// a read of the case (never stored), for cases of stored messages.
	Context []CaseContextMessage `json:"context,omitempty"`

	// Original is the message as written; SourceLanguage its detected (or
	// given) language.
	Original       string          `json:"original"`
	SourceLanguage string          `json:"source_language"`
	Detection      *DetectResponse `json:"detection,omitempty"`
	TargetLanguage string          `json:"target_language"`
	Formality      string          `json:"formality,omitempty"`
	// Translation is the text readers were served (the original when
	// TranslationStatus is "original"); Masked is it with the policy's
	// masking applied, when any.
	Translation       string `json:"translation"`
	TranslationStatus string `json:"translation_status"`
	Masked            string `json:"masked,omitempty"`
	Backend           string `json:"backend,omitempty"`
	Model             string `json:"model,omitempty"`

	// Safety holds both verdicts (source and translation), their delta
	// and the policy decision.
	Safety   *SafetyResponse  `json:"safety,omitempty"`
	Quality  *QualityResponse `json:"quality,omitempty"`
	Glossary *GlossaryReport  `json:"glossary,omitempty"`
	// Categories are the harm categories of both sides, worst first;
	// Severity is the worst severity of either side.
	Categories []string `json:"categories,omitempty"`
	Severity   string   `json:"severity"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	Claim     *CaseClaim    `json:"claim,omitempty"`
	Escalated bool          `json:"escalated,omitempty"`
	Decision  *CaseDecision `json:"decision,omitempty"`
	Notes     []CaseNote    `json:"notes,omitempty"`
	// Correction is the corrected translation, when a moderator gave one.
	Correction string `json:"correction,omitempty"`
	// ClosedBy is the case whose decision closed this one (AuditClose, or
	// an approval of the same source text in another locale): Decision is
	// then that decision, taken for this case too.
	ClosedBy string `json:"closed_by,omitempty"`
	// Closed lists the cases this case's decision closed that are still
	// closed by it (their ClosedBy is this case), on a read: reopening
	// this case and deciding it otherwise (an approval after a hide)
	// leaves them closed, so that a moderator can reopen them too.
	Closed []string `json:"closed,omitempty"`
	// Redacted says why the case's personal text (author, original,
	// translation, masked text, notes, correction, reason, flagged spans)
	// was removed (RedactedDeleted, RedactedExpired), RedactedAt when: ids,
	// languages, categories, severity, the decision and times are kept.
	// A redacted case is closed and takes no further action.
	Redacted   string    `json:"redacted,omitempty"`
	RedactedAt time.Time `json:"redacted_at,omitzero"`
}

// CaseContextMessage is one message of a case's conversation before the
// case's message (Case.Context), as written.
type CaseContextMessage struct {
	ID     string `json:"id"`
	Author string `json:"author,omitempty"`
	Text   string `json:"text"`
	// Language is the language the text is in, when known (the language
	// the chat product posted it with, or the case's detected source
	// language for the case's own message): the console tags the text
	// with it so that it is read, spelled and shaped as that language.
	Language  string    `json:"language,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// Edited: the text is the message's current revision, edited since it
	// was posted.
	Edited bool `json:"edited,omitempty"`
	// Hidden: a moderator hid the message from readers (the text is shown
	// to moderators only).
	Hidden bool `json:"hidden,omitempty"`
}

// CaseSummary is a case as listed: what a queue shows.
type CaseSummary struct {
	ID             string `json:"id"`
	Status         string `json:"status"`
	Tenant         string `json:"tenant,omitempty"`
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	// MessageRevision tells apart two cases of one message and locale:
	// one before an edit, one after (see Case.MessageRevision).
	MessageRevision int    `json:"message_revision,omitempty"`
	Author          string `json:"author,omitempty"`
	SourceLanguage  string `json:"source_language"`
	TargetLanguage  string `json:"target_language"`
	Original        string `json:"original"`
	Translation     string `json:"translation"`
	// TranslationStatus is the case's (see Case): "original" when readers
	// were served the message untranslated, so a queue can tag the
	// translation column with the language it is really in.
	TranslationStatus string     `json:"translation_status,omitempty"`
	Categories        []string   `json:"categories,omitempty"`
	Severity          string     `json:"severity"`
	Escalated         bool       `json:"escalated,omitempty"`
	Claim             *CaseClaim `json:"claim,omitempty"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
	// PolicyAction is why the case opened (CasePolicyAction): PolicyFlag
	// (readers are served nothing, or a mask, until a moderator
	// decides) or PolicyReview (readers see the text; the case is a
	// person to answer, e.g. self_harm). Review is PolicyAction ==
	// PolicyReview, for queues that only need the badge.
	PolicyAction string `json:"policy_action,omitempty"`
	Review       bool   `json:"review,omitempty"`
}

// CasePolicyAction is why a case with safety s opened: PolicyReview
// when the policy left the text visible (its action is allow or mask)
// and named review categories, PolicyFlag when it flagged the text, or
// when the case holds no policy decision (cases opened before review
// existed were all flags); otherwise the policy's action as is.
func CasePolicyAction(s *SafetyResponse) string {
	if s == nil || s.Policy == nil || s.Policy.Action == PolicyFlag {
		return PolicyFlag
	}
	if len(s.Policy.Review) > 0 {
		return PolicyReview
	}
	return s.Policy.Action
}

// Categories lists every safety category a case may carry: the values a
// case list's category filter accepts.
var Categories = []string{
	CategoryProfanity, CategoryDrugs, CategoryPII, CategoryViolentCrimes, CategoryNonViolentCrimes,
	CategorySexCrimes, CategoryChildExploitation, CategoryDefamation, CategorySpecializedAdvice,
	CategoryPrivacy, CategoryIntellectualProperty, CategoryIndiscriminateWeapons, CategoryHate,
	CategorySelfHarm, CategorySexualContent, CategoryElections, CategoryCodeInterpreterAbuse,
}

// Case sort orders.
const (
	SortOldest   = "oldest" // default: the queue's head first
	SortNewest   = "newest"
	SortSeverity = "severity" // worst first, then oldest
)

// CaseListRequest lists cases matching every filter given.
type CaseListRequest struct {
	// Status is one of the Case statuses, or several separated by commas
	// ("open,escalated": the cases waiting for a moderator); "" for every
	// status.
	Status string `json:"status,omitempty"`
	// Locale matches cases whose source or target language is the locale
	// or has it as base language ("pt" matches pt-BR).
	Locale string `json:"locale,omitempty"`
	// Category matches cases with that category on either side (one of
	// Categories).
	Category string `json:"category,omitempty"`
	// Action matches cases by CasePolicyAction: PolicyReview (visible to
	// readers) or PolicyFlag (withheld or masked until decided).
	Action string `json:"action,omitempty"`
	// Severity is the minimum severity (low, medium, high).
	Severity string `json:"severity,omitempty"`
	Tenant   string `json:"tenant,omitempty"`
	// MinAge and MaxAge bound the case's age, in Go duration syntax
	// ("30m", "24h").
	MinAge string `json:"min_age,omitempty"`
	MaxAge string `json:"max_age,omitempty"`
	// Holder matches cases claimed by that moderator.
	Holder string `json:"holder,omitempty"`
	// Sort is SortOldest (default), SortNewest or SortSeverity.
	Sort string `json:"sort,omitempty"`
	// Limit is the page size (default 50, at most 500). A page also stops
	// before its cases would pass the service's reply budget (well under
	// one NATS message), so it may hold fewer than Limit cases.
	Limit int `json:"limit,omitempty"`
	// After is the cursor of the page to list (keyset paging, the way to
	// page): CaseListResponse.NextAfter of the page before it. It names
	// the last case listed by its place in the sort order (sort key and
	// id), so the next page starts right after it whatever was decided
	// meanwhile: cases that leave the filter do not shift the ones that
	// stay. Before is the same for the page before (PrevBefore). A cursor
	// is opaque and belongs to one sort order.
	After  string `json:"after,omitempty"`
	Before string `json:"before,omitempty"`
	// Offset skips that many cases (kept for compatibility: when cases on
	// earlier pages leave the filter while one pages, as the queue's do
	// when colleagues decide them, offset paging skips cases that are
	// still there; page with After). At most one of After, Before and
	// Offset.
	Offset int `json:"offset,omitempty"`
	// Preview, when > 0, cuts each summary's original and translation to
	// that many characters, an ellipsis marking the cut: a queue shows
	// the start of each text, and the case has the whole of it.
	Preview int `json:"preview,omitempty"`
	// IDsOnly lists the ids of the page's cases in CaseListResponse.IDs
	// instead of their summaries (a queue's previous and next case).
	IDsOnly bool `json:"ids_only,omitempty"`
}

// CaseListResponse is a page of cases and the number that matched.
type CaseListResponse struct {
	Cases []CaseSummary `json:"cases"`
	// IDs are the page's case ids, when the request asked for IDsOnly.
	IDs   []string `json:"ids,omitempty"`
	Total int      `json:"total"`
	// NextOffset is the Offset of the next page when more cases match
	// (absent on the last page, and on a page asked for by cursor). A
	// page cut short by the size budget has NextOffset < Offset+Limit.
	NextOffset int `json:"next_offset,omitempty"`
	// NextAfter is the After of the next page, when more cases follow
	// this one; PrevBefore the Before of the page before it, when cases
	// come before this one.
	NextAfter  string `json:"next_after,omitempty"`
	PrevBefore string `json:"prev_before,omitempty"`
}

// CaseGetRequest asks for one case.
type CaseGetRequest struct {
	ID string `json:"id"`
}

// Every action request may name the case revision (Case.Revision) the
// actor saw: the action is then refused with CodeConflict, field
// "revision", when the case changed since (a colleague claimed, noted,
// escalated or decided it), so that nobody acts on a page that no longer
// shows the case. 0 acts on the case as it is.

// CaseClaimRequest claims a case for Actor for Lease (Go duration syntax;
// "" for the service's default, at most its maximum). Claiming a case one
// already holds renews the lease.
type CaseClaimRequest struct {
	ID       string `json:"id"`
	Actor    string `json:"actor"`
	Lease    string `json:"lease,omitempty"`
	Revision uint64 `json:"revision,omitempty"`
}

// CaseReleaseRequest gives a claimed case back to the queue. Only the
// holder may release it.
type CaseReleaseRequest struct {
	ID       string `json:"id"`
	Actor    string `json:"actor"`
	Revision uint64 `json:"revision,omitempty"`
}

// CaseDecideRequest decides a case the actor holds: Action is
// ActionApprove, ActionHide, ActionEscalate or ActionCorrect (which needs
// Correction). A case of a text without a message id (MessageID "") has
// no message to hide: ActionHide is refused on it, and ActionApprove
// closes it without changing what anyone is served. The same decision
// sent again by the actor who took it answers the case as it is, and
// appends its audit entry if that append had failed. A hide (or an
// approval of a case flagged for its source) closes the message's other
// undecided cases that it settles (Case.ClosedBy, AuditClose).
type CaseDecideRequest struct {
	ID         string `json:"id"`
	Actor      string `json:"actor"`
	Action     string `json:"action"`
	Reason     string `json:"reason,omitempty"`
	Correction string `json:"correction,omitempty"`
	Revision   uint64 `json:"revision,omitempty"`
}

// CaseNoteRequest adds a note to a case (claimed or not).
type CaseNoteRequest struct {
	ID       string `json:"id"`
	Actor    string `json:"actor"`
	Text     string `json:"text"`
	Revision uint64 `json:"revision,omitempty"`
}

// CaseReopenRequest takes a decided case back to the queue (status
// CaseOpen), to be decided again: the undo of a decision. The decision's
// effect on readers stays until the next decision, which replaces it.
type CaseReopenRequest struct {
	ID       string `json:"id"`
	Actor    string `json:"actor"`
	Reason   string `json:"reason,omitempty"`
	Revision uint64 `json:"revision,omitempty"`
}

// CaseWithdrawRequest withdraws the correction of a case (any status):
// the translate cache stops serving it, and the case keeps no copy of it.
// Readers of the message get the machine translation again, to which the
// safety policy's flag applies afresh.
type CaseWithdrawRequest struct {
	ID       string `json:"id"`
	Actor    string `json:"actor"`
	Reason   string `json:"reason,omitempty"`
	Revision uint64 `json:"revision,omitempty"`
}

// AuditEntry is one action in the audit stream.
type AuditEntry struct {
	// Seq is the entry's sequence in the audit stream.
	Seq    uint64    `json:"seq"`
	CaseID string    `json:"case_id"`
	Action string    `json:"action"`
	Actor  string    `json:"actor"`
	At     time.Time `json:"at"`
	// Decision, Reason, Note and Correction carry the action's content.
	// A moderator's note and correction are personal free text that the
	// case holds (and redaction removes): entries written since notes and
	// corrections left the log carry TextChars and TextSHA256 of that
	// text instead, and Note only the system's own wording. Older entries
	// may still hold the text.
	Decision   string `json:"decision,omitempty"`
	Reason     string `json:"reason,omitempty"`
	Note       string `json:"note,omitempty"`
	Correction string `json:"correction,omitempty"`
	// TextChars and TextSHA256 (hex) identify the note or correction the
	// action wrote, without its text.
	TextChars  int    `json:"text_chars,omitempty"`
	TextSHA256 string `json:"text_sha256,omitempty"`
	// ClosedBy is the case whose decision closed this one (AuditClose, and
	// a decide entry of an approval that closed this case with it).
	ClosedBy string `json:"closed_by,omitempty"`
	// LeaseExpires is a claim's lease end.
	LeaseExpires time.Time `json:"lease_expires,omitzero"`
	// Revision is the case's revision after the action.
	Revision uint64 `json:"revision,omitempty"`
}

// AuditListRequest lists audit entries, oldest first, of one case or of
// every case.
type AuditListRequest struct {
	CaseID string `json:"case_id,omitempty"`
	// After lists entries after that sequence (for paging).
	After uint64 `json:"after,omitempty"`
	// Limit is the page size (default 100, at most 1000). A page also
	// stops before its entries would pass the service's reply budget (well
	// under one NATS message), so it may hold fewer.
	Limit int `json:"limit,omitempty"`
	// Newest lists the last entries (after After) instead of the first:
	// the page that ends at the log's end, still oldest first, with the
	// number of earlier entries it leaves out in Older.
	Newest bool `json:"newest,omitempty"`
}

// AuditListResponse is a page of audit entries.
type AuditListResponse struct {
	Entries []AuditEntry `json:"entries"`
	// More says that entries follow this page (the limit or the size
	// budget cut it): ask again with After set to NextAfter, the last
	// entry's sequence.
	More      bool   `json:"more,omitempty"`
	NextAfter uint64 `json:"next_after,omitempty"`
	// Older is how many entries (after the request's After) come before
	// a Newest page and are not on it.
	Older int `json:"older,omitempty"`
}

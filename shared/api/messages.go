package api

import (
	"encoding/base64"
	"strings"
	"time"
)

// Chat message subjects. A tenant's events (posts, edits, deletes) of a
// conversation travel on TenantChatSubject: SubjectChatPrefix +
// <conversation> + ".messages." + ChatTenantToken(tenant), and are kept in
// the JetStream stream StreamChat; chat back ends may publish a
// MessageEvent there directly. The stream keeps a bounded number of events
// per subject, so the tenant is in the subject: conversation ids are
// shared by all tenants, and one tenant's posts must never push another
// tenant's events out.
//
// ChatSubject, the conversation alone (SubjectChatAll), is the legacy
// form: the subject of every event before subjects named the tenant. It
// is still read, each event as the tenant it carries (none: the messages
// without a tenant), and back ends may still publish on it, but all of
// its events share the conversation's one bound, whatever their tenant.
//
// Pre-translated views of one tenant's messages of a conversation for one
// reader locale are published on SubjectViewsPrefix + <conversation> +
// "." + <locale> + "." + ChatTenantToken(tenant) (ViewsSubject).
const (
	SubjectChatPrefix = "parley.chat.v1."
	// SubjectChatAll matches the legacy subjects (ChatSubject).
	SubjectChatAll = "parley.chat.v1.*.messages"
	// SubjectChatTenantAll matches the tenant subjects (TenantChatSubject).
	SubjectChatTenantAll = "parley.chat.v1.*.messages.*"
	SubjectViewsPrefix   = "parley.views.v1."
	StreamChat           = "PARLEY_CHAT"
)

// ChatSubjects are the subjects of the chat stream: the tenant form and
// the legacy form.
func ChatSubjects() []string { return []string{SubjectChatAll, SubjectChatTenantAll} }

// ChatSubject is the legacy subject of a conversation's message events,
// shared by every tenant (TenantChatSubject is the one to publish on).
func ChatSubject(conversation string) string {
	return SubjectChatPrefix + conversation + ".messages"
}

// TenantChatSubject is the subject tenant's message events of a
// conversation travel on ("" is the tenant of messages without one).
func TenantChatSubject(tenant, conversation string) string {
	return ChatSubject(conversation) + "." + ChatTenantToken(tenant)
}

// ChatTenantToken is the subject token of a tenant: "t" and the tenant in
// base64url without padding (a tenant may hold characters a subject token
// may not), so "t" alone for "" (no tenant).
func ChatTenantToken(tenant string) string {
	return "t" + base64.RawURLEncoding.EncodeToString([]byte(tenant))
}

// ParseChatSubject reads a chat subject: its conversation token and, for
// the tenant form, the tenant (tenanted). ok is false for anything else,
// a tenant token that is not one ChatTenantToken makes included. The
// conversation token is not checked.
func ParseChatSubject(subject string) (conversation, tenant string, tenanted, ok bool) {
	rest, found := strings.CutPrefix(subject, SubjectChatPrefix)
	if !found {
		return "", "", false, false
	}
	conversation, rest, _ = strings.Cut(rest, ".")
	if conversation == "" {
		return "", "", false, false
	}
	if rest == "messages" {
		return conversation, "", false, true
	}
	token, found := strings.CutPrefix(rest, "messages.t")
	if !found || strings.Contains(token, ".") {
		return "", "", false, false
	}
	// Strict, and encoded back: one tenant has one subject, so that the
	// stream's count per subject is the tenant's.
	b, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil || base64.RawURLEncoding.EncodeToString(b) != token {
		return "", "", false, false
	}
	return conversation, string(b), true, true
}

// ViewsSubject is the subject pre-translated views of tenant's messages
// of a conversation in one reader locale are published on. The tenant
// token keeps one tenant's views off the subscriptions of another's
// readers of the same conversation id: the gateway still checks whose
// message a view is, but another tenant's text never reaches its
// process, and no tenant's traffic wakes another's streams.
func ViewsSubject(tenant, conversation, locale string) string {
	return SubjectViewsPrefix + conversation + "." + locale + "." + ChatTenantToken(tenant)
}

// Message event operations.
const (
	OpPost   = "post"
	OpEdit   = "edit"
	OpDelete = "delete"
)

// MessageEvent is one change to a conversation, as published on its chat
// subject. A post needs Text (and an ID unless the stream sequence should
// name it); an edit needs ID and Text; a delete needs ID.
//
// An edit or a delete may also carry the message's whole state after the
// change (Author, Source, ReplyTo, Tenant, CreatedAt, EditedAt, Revision
// and PostSeq; the gateway's always do): such an event is self-sufficient,
// so a reader of the stream still has the message when retention has
// dropped its post. PostSeq marks it.
type MessageEvent struct {
	// Op is OpPost (the default), OpEdit or OpDelete.
	Op   string `json:"op,omitempty"`
	ID   string `json:"id,omitempty"`
	Text string `json:"text,omitempty"`
	// Author names who wrote the message (a user id of the chat product).
	Author string `json:"author,omitempty"`
	// Source is the message's language when the chat product knows it;
	// empty means detect. An edit may correct it: a self-sufficient edit
	// (PostSeq set) carries the message's language after the edit, ""
	// included (detect from now on); an edit without the state changes
	// it only when it names one.
	Source  string `json:"source,omitempty"`
	ReplyTo string `json:"reply_to,omitempty"`
	// SenderLocale is the author's locale when the chat product knows it
	// (BCP 47): a hint to the detection of a post without Source
	// (DetectHints.SenderLocale). It is the post's; an edit does not
	// change it, and a self-sufficient edit or delete carries it.
	SenderLocale string `json:"sender_locale,omitempty"`
	// At is when the change happened; empty means the stream's time.
	At time.Time `json:"at,omitzero"`
	// Tenant owns the conversation's message (its safety policy and
	// glossaries apply); the gateway sets it from the poster's API key.
	Tenant string `json:"tenant,omitempty"`
	// The state a self-sufficient edit or delete carries besides the
	// fields above: the post's sequence (the message's Seq), its time, the
	// latest edit's time, and the revision after the change.
	PostSeq   uint64    `json:"post_seq,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	EditedAt  time.Time `json:"edited_at,omitzero"`
	Revision  int       `json:"revision,omitempty"`
	// Erase marks a delete as an erasure (DELETE /v1/conversations/{id},
	// POST /v1/admin/erase): its placeholder shows no author, and it
	// applies to a message already deleted, whose placeholder it blanks.
	Erase bool `json:"erase,omitempty"`
}

// Message is the current state of one chat message.
type Message struct {
	ID           string    `json:"id"`
	Conversation string    `json:"conversation"`
	Author       string    `json:"author,omitempty"`
	Text         string    `json:"text,omitempty"`
	Source       string    `json:"source,omitempty"`
	ReplyTo      string    `json:"reply_to,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	EditedAt     time.Time `json:"edited_at,omitzero"`
	Deleted      bool      `json:"deleted,omitempty"`
	Tenant       string    `json:"tenant,omitempty"`
	// SenderLocale is the author's locale as posted (MessageEvent), the
	// sender-locale hint of the message's detection.
	SenderLocale string `json:"sender_locale,omitempty"`
	// Revision counts the edits (1 for an unedited message).
	Revision int `json:"revision"`
	// Seq is the stream sequence of the post; LastSeq that of the latest
	// event that changed the message (an SSE event id).
	Seq     uint64 `json:"seq"`
	LastSeq uint64 `json:"last_seq"`
}

// Message view statuses beyond StatusTranslated and StatusOriginal.
const (
	StatusDeleted = "deleted"
	StatusHidden  = "hidden"
)

// Safety actions in a MessageView.
const (
	SafetyAllow = "allow"
	SafetyMask  = "mask"
	SafetyHide  = "hide"
)

// MessageView is one message as one reader sees it: in the reader's
// locale, with a label in the reader's language saying what was done.
type MessageView struct {
	ID           string    `json:"id"`
	Conversation string    `json:"conversation"`
	Author       string    `json:"author,omitempty"`
	ReplyTo      string    `json:"reply_to,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	EditedAt     time.Time `json:"edited_at,omitzero"`
	Revision     int       `json:"revision"`
	// Seq is the sequence of the message's latest change (Message.LastSeq):
	// of two views of a message, the one with the higher Seq is newer.
	// PostSeq is the sequence of its post (Message.Seq), which never
	// changes: the message's place in its conversation, to order views
	// by (a message first seen edited has a Seq later than posts that
	// came after it).
	Seq     uint64 `json:"seq"`
	PostSeq uint64 `json:"post_seq"`
	// Status is StatusTranslated, StatusOriginal, StatusDeleted or
	// StatusHidden.
	Status string `json:"status"`
	// Text is what the reader sees (masked per policy; empty when hidden
	// or deleted).
	Text string `json:"text"`
	// Locale is the reader's locale; SourceLanguage the message's.
	Locale         string `json:"locale"`
	SourceLanguage string `json:"source_language,omitempty"`
	// Label says in the reader's language what was done, e.g.
	// "Translated from Spanish".
	Label string `json:"label"`
	// Direction is "ltr" or "rtl", for Text.
	Direction string           `json:"direction"`
	Quality   *ViewQuality     `json:"quality,omitempty"`
	Safety    *ViewSafety      `json:"safety,omitempty"`
	Original  *OriginalMessage `json:"original,omitempty"`
	Backend   string           `json:"backend,omitempty"`
	// Reason says why the view is the original, generically (ReasonText
	// of ReasonCode): every reader of the message gets it, so it names
	// no backend, model or error. ReasonCode is for the client to say it
	// in the reader's language, as Label does.
	Reason     string   `json:"reason,omitempty"`
	ReasonCode string   `json:"reason_code,omitempty"`
	Degraded   []string `json:"degraded,omitempty"`
	// Moderation is the moderator's decision that shaped this view, if
	// any: ModeratedHidden, ModeratedApproved or ModeratedCorrected.
	Moderation string `json:"moderation,omitempty"`
	// Experiment is the A/B experiment arm that served the translation,
	// when one applied: a reader's feedback on the view copies it
	// (FeedbackRequest.Experiment and Arm) to be credited to the arm.
	Experiment *ExperimentAssignment `json:"experiment,omitempty"`
}

// ViewQuality is the quality estimate of a view's translation.
type ViewQuality struct {
	Score    float64 `json:"score"`
	Decision string  `json:"decision"`
}

// ViewSafety is what the safety policy did to a view.
type ViewSafety struct {
	// Action is SafetyAllow, SafetyMask or SafetyHide.
	Action string `json:"action"`
	// Categories are the harm and PII categories behind the view: the
	// served side's, and the source's too when the view is hidden for
	// what the source says (a laundered translation) or reviewed for it.
	Categories []string `json:"categories,omitempty"`
	Flagged    bool     `json:"flagged,omitempty"`
	// Review lists the categories the policy sent to moderators while
	// the text stays visible (PolicyDecision.Review; self_harm by
	// default): a client may show support resources with the message.
	Review []string `json:"review,omitempty"`
}

// OriginalMessage is the message as written, sent on request.
type OriginalMessage struct {
	Text      string `json:"text"`
	Language  string `json:"language,omitempty"`
	Direction string `json:"direction"`
}

// MessagePage is a page of a conversation in one reader's locale, oldest
// first.
type MessagePage struct {
	Conversation string        `json:"conversation"`
	Locale       string        `json:"locale"`
	Messages     []MessageView `json:"messages"`
	// Before is the cursor for the previous page (a message id), empty
	// when this page starts the conversation.
	Before string `json:"before,omitempty"`
	// LastSeq is the conversation's latest event; pass it as `after` to
	// the events stream so that nothing falls between page and stream.
	LastSeq uint64 `json:"last_seq"`
}

package api

import "time"

// SubjectModerationExport is the moderation service's endpoint that
// lists the cases of a tenant's messages (CaseExportRequest →
// CaseExportResponse): the gateway's GET /v1/admin/export answers a
// data-subject access request with them.
const SubjectModerationExport = "parley.moderation.v1.cases.export"

// MaxExportMessages bounds the message ids of one CaseExportRequest (and
// so the messages of one page of GET /v1/admin/export).
const MaxExportMessages = 500

// CaseExportRequest asks for every case of the messages MessageIDs of
// Tenant ("" for messages posted without one): message ids are unique
// per tenant.
type CaseExportRequest struct {
	Tenant     string   `json:"tenant,omitempty"`
	MessageIDs []string `json:"message_ids"`
}

// CaseExportResponse holds the cases of a CaseExportRequest's messages,
// in the order of its MessageIDs (oldest case first for each). Covered is
// how many of those ids, from the first, the cases are complete for: all
// of them, unless the reply would have passed the service's reply budget
// (well under one NATS message), when the rest are to be asked again.
type CaseExportResponse struct {
	Cases   []CaseExport `json:"cases"`
	Covered int          `json:"covered"`
}

// CaseExport is what an access request is given of one case about a
// person's message: its state, categories, decision and times. A
// redacted case stays redacted (its decision keeps no reason or
// correction); the message's text is the message's, exported with it.
type CaseExport struct {
	ID              string        `json:"id"`
	Status          string        `json:"status"`
	ConversationID  string        `json:"conversation_id,omitempty"`
	MessageID       string        `json:"message_id"`
	MessageRevision int           `json:"message_revision,omitempty"`
	SourceLanguage  string        `json:"source_language,omitempty"`
	TargetLanguage  string        `json:"target_language"`
	Categories      []string      `json:"categories,omitempty"`
	Severity        string        `json:"severity"`
	Escalated       bool          `json:"escalated,omitempty"`
	Decision        *CaseDecision `json:"decision,omitempty"`
	ClosedBy        string        `json:"closed_by,omitempty"`
	Redacted        string        `json:"redacted,omitempty"`
	RedactedAt      time.Time     `json:"redacted_at,omitzero"`
	CreatedAt       time.Time     `json:"created_at"`
	UpdatedAt       time.Time     `json:"updated_at"`
}

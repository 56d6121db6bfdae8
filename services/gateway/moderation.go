package gateway

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// moderationAPI serves /v1/moderation for the moderator role. Every call
// goes to the moderation service over NATS, with the caller's key name as
// the actor. A key bound to a tenant sees only that tenant's cases; other
// cases are "not found" to it, so that their ids are not confirmed.
type moderationAPI struct {
	s *Server
	c client.Moderation
}

// registerModeration adds the moderation routes and sends every view the
// pipeline flags to the moderation intake stream.
func (s *Server) registerModeration(e *echo.Echo) {
	h := &moderationAPI{s: s, c: client.Moderation{NC: s.nc}}
	// The messages service sets the same hook on its pipeline.
	s.pipeline.OnFlagged = h.c.OnFlagged(s.log)
	mod := s.requireRole(RoleModerator)
	e.GET("/v1/moderation/cases", h.list, mod)
	e.GET("/v1/moderation/cases/:id", h.get, mod)
	e.POST("/v1/moderation/cases/:id/claim", h.claim, mod)
	e.POST("/v1/moderation/cases/:id/release", h.release, mod)
	e.POST("/v1/moderation/cases/:id/decide", h.decide, mod)
	e.POST("/v1/moderation/cases/:id/notes", h.note, mod)
	e.POST("/v1/moderation/cases/:id/reopen", h.reopen, mod)
	e.POST("/v1/moderation/cases/:id/withdraw", h.withdraw, mod)
	e.GET("/v1/moderation/audit", h.audit, mod)
}

// Every action body may carry Revision, the case revision the caller
// read (a read's ETag names it too, and If-Match takes it back): the
// action is then refused when the case changed since (expectedRevision).

// ClaimRequest is the optional body of POST /v1/moderation/cases/:id/claim.
type ClaimRequest struct {
	// Lease is how long to hold the case (Go duration, e.g. "10m").
	Lease    string `json:"lease,omitempty"`
	Revision uint64 `json:"revision,omitempty"`
}

// ReleaseRequest is the optional body of POST
// /v1/moderation/cases/:id/release.
type ReleaseRequest struct {
	Revision uint64 `json:"revision,omitempty"`
}

// DecideRequest is the body of POST /v1/moderation/cases/:id/decide.
type DecideRequest struct {
	Action     string `json:"action"`
	Reason     string `json:"reason,omitempty"`
	Correction string `json:"correction,omitempty"`
	Revision   uint64 `json:"revision,omitempty"`
}

// NoteRequest is the body of POST /v1/moderation/cases/:id/notes.
type NoteRequest struct {
	Text     string `json:"text"`
	Revision uint64 `json:"revision,omitempty"`
}

// ReopenRequest is the optional body of POST
// /v1/moderation/cases/:id/reopen.
type ReopenRequest struct {
	Reason   string `json:"reason,omitempty"`
	Revision uint64 `json:"revision,omitempty"`
}

// WithdrawRequest is the optional body of POST
// /v1/moderation/cases/:id/withdraw.
type WithdrawRequest struct {
	Reason   string `json:"reason,omitempty"`
	Revision uint64 `json:"revision,omitempty"`
}

// caseCondition is the case revision an action is conditional on.
type caseCondition struct {
	revision uint64
	// ifMatch is the If-Match header that named it ("" for the body's
	// revision or none).
	ifMatch string
}

// expectedRevision reads the condition of an action: the body's revision
// or If-Match: "N" (a case's ETag is its revision), or both naming the
// same. If-Match: * asks only for a case that exists, which every action
// needs anyway.
func expectedRevision(c echo.Context, body uint64) (caseCondition, error) {
	p, err := ifMatch(c)
	if err != nil || p.header == "" || p.exists {
		return caseCondition{revision: body}, err
	}
	if p.never != "" || p.version <= 0 {
		return caseCondition{}, api.FieldError(api.CodePreconditionFailed, "If-Match",
			"If-Match: %s: a case's ETag is its revision, sent as a read gives it (\"N\"), and this never matches; nothing was changed", truncateHeader(p.header))
	}
	if body != 0 && body != uint64(p.version) {
		return caseCondition{}, api.FieldError(api.CodeInvalidArgument, "revision", "If-Match names revision %d and the body revision %d; send one, or the same", p.version, body)
	}
	return caseCondition{revision: uint64(p.version), ifMatch: p.header}, nil
}

// failed turns the service's refusal of a stale revision into 412 when
// If-Match named it (a failed HTTP condition), and keeps the 409 of the
// body's revision.
func (cc caseCondition) failed(err error) error {
	var ae *api.Error
	if cc.ifMatch == "" || !errors.As(err, &ae) || ae.Code != api.CodeConflict || ae.Field != "revision" {
		return err
	}
	return api.FieldError(api.CodePreconditionFailed, "If-Match", "If-Match: %s: %s", truncateHeader(cc.ifMatch), ae.Message)
}

// caseJSON answers with a case and its revision as the ETag.
func caseJSON(c echo.Context, cs *api.Case) error {
	if cs.Revision > 0 {
		c.Response().Header().Set("ETag", strconv.Quote(strconv.FormatUint(cs.Revision, 10)))
	}
	return c.JSON(http.StatusOK, cs)
}

// tenantOf is the tenant the caller's key is bound to ("" for none).
func tenantOf(c echo.Context) string {
	if p := PrincipalFrom(c.Request().Context()); p != nil {
		return p.Tenant
	}
	return ""
}

// scope checks that a tenant-bound caller may act on case id.
func (h *moderationAPI) scope(c echo.Context, id string) error {
	return h.scopeField(c, "id", id)
}

// scopeField is scope for a case id the request names in field (the audit
// log's case_id query parameter): a refusal names that field, not the
// service's own "id".
func (h *moderationAPI) scopeField(c echo.Context, field, id string) error {
	tenant := tenantOf(c)
	if tenant == "" {
		return nil
	}
	cs, err := h.c.Get(c.Request().Context(), api.CaseGetRequest{ID: id})
	if err != nil {
		var ae *api.Error
		if errors.As(err, &ae) && ae.Field == "id" && field != "id" {
			renamed := *ae
			renamed.Field = field
			return &renamed
		}
		return err
	}
	if cs.Tenant != tenant {
		return api.FieldError(api.CodeNotFound, field, "no case %q", id)
	}
	return nil
}

// decodeOptional decodes a JSON body when there is one. A chunked request
// has no Content-Length, so an empty body is told by reading it.
func (h *moderationAPI) decodeOptional(c echo.Context, v any) error {
	req := c.Request()
	if req.ContentLength == 0 {
		return nil
	}
	if req.ContentLength < 0 {
		br := bufio.NewReader(req.Body)
		if _, err := br.Peek(1); errors.Is(err, io.EOF) {
			return nil
		}
		req.Body = struct {
			io.Reader
			io.Closer
		}{br, req.Body}
	}
	return h.s.decodeStrict(c, v)
}

// caseListParams are the query parameters GET (and HEAD)
// /v1/moderation/cases documents (moderationOps). Each takes one value:
// status=open&status=decided would otherwise list the open cases alone
// (several statuses are one value, comma-separated), and a name it does
// not know (conversation=) would be a filter silently not applied.
var caseListParams = []string{"status", "locale", "category", "action", "severity", "tenant", "holder",
	"min_age", "max_age", "sort", "limit", "after", "before", "offset", "preview"}

func (h *moderationAPI) list(c echo.Context) error {
	if err := checkQuery(c, caseListParams, true); err != nil {
		return err
	}
	req := api.CaseListRequest{
		Status: c.QueryParam("status"), Locale: c.QueryParam("locale"), Category: c.QueryParam("category"),
		Severity: c.QueryParam("severity"), Tenant: c.QueryParam("tenant"), Holder: c.QueryParam("holder"),
		MinAge: c.QueryParam("min_age"), MaxAge: c.QueryParam("max_age"), Sort: c.QueryParam("sort"),
		After: c.QueryParam("after"), Before: c.QueryParam("before"), Action: c.QueryParam("action"),
	}
	if t := tenantOf(c); t != "" {
		// A tenant's key lists its tenant's cases. Naming another tenant
		// is refused, as the audit log refuses what the key may not read:
		// answering with the key's own cases instead would pass them off
		// as the other tenant's.
		if req.Tenant != "" && req.Tenant != t {
			return api.FieldError(api.CodeForbidden, "tenant", "this key is bound to tenant %q and lists that tenant's cases only: leave tenant out, or name %q", t, t)
		}
		req.Tenant = t
	}
	var err error
	if req.Limit, err = queryInt(c, "limit"); err != nil {
		return err
	}
	// The service reads 0 as "the default": limit=0 sent on purpose is
	// refused as the range says, not served 50 cases.
	if c.QueryParam("limit") != "" && req.Limit == 0 {
		return api.FieldError(api.CodeInvalidArgument, "limit", "limit must be between 1 and 500")
	}
	if req.Offset, err = queryInt(c, "offset"); err != nil {
		return err
	}
	if req.Preview, err = queryInt(c, "preview"); err != nil {
		return err
	}
	res, err := h.c.List(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *moderationAPI) get(c echo.Context) error {
	res, err := h.c.Get(c.Request().Context(), api.CaseGetRequest{ID: c.Param("id")})
	if err != nil {
		return err
	}
	if t := tenantOf(c); t != "" && res.Tenant != t {
		return api.FieldError(api.CodeNotFound, "id", "no case %q", c.Param("id"))
	}
	res.Context = h.s.caseContext(c.Request().Context(), res)
	return caseJSON(c, res)
}

func (h *moderationAPI) claim(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body ClaimRequest
	if err := h.decodeOptional(c, &body); err != nil {
		return err
	}
	cond, err := expectedRevision(c, body.Revision)
	if err != nil {
		return err
	}
	res, err := h.c.Claim(c.Request().Context(), api.CaseClaimRequest{ID: c.Param("id"), Actor: author(c), Lease: body.Lease, Revision: cond.revision})
	if err != nil {
		return cond.failed(err)
	}
	return caseJSON(c, res)
}

func (h *moderationAPI) release(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body ReleaseRequest
	if err := h.decodeOptional(c, &body); err != nil {
		return err
	}
	cond, err := expectedRevision(c, body.Revision)
	if err != nil {
		return err
	}
	res, err := h.c.Release(c.Request().Context(), api.CaseReleaseRequest{ID: c.Param("id"), Actor: author(c), Revision: cond.revision})
	if err != nil {
		return cond.failed(err)
	}
	return caseJSON(c, res)
}

func (h *moderationAPI) decide(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body DecideRequest
	if err := h.s.decodeStrict(c, &body); err != nil {
		return err
	}
	cond, err := expectedRevision(c, body.Revision)
	if err != nil {
		return err
	}
	res, err := h.c.Decide(c.Request().Context(), api.CaseDecideRequest{
		ID: c.Param("id"), Actor: author(c), Action: body.Action, Reason: body.Reason, Correction: body.Correction, Revision: cond.revision,
	})
	if err != nil {
		return cond.failed(err)
	}
	return caseJSON(c, res)
}

func (h *moderationAPI) note(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body NoteRequest
	if err := h.s.decodeStrict(c, &body); err != nil {
		return err
	}
	cond, err := expectedRevision(c, body.Revision)
	if err != nil {
		return err
	}
	res, err := h.c.Note(c.Request().Context(), api.CaseNoteRequest{ID: c.Param("id"), Actor: author(c), Text: body.Text, Revision: cond.revision})
	if err != nil {
		return cond.failed(err)
	}
	return caseJSON(c, res)
}

// reopen takes a decided case back to the queue: the undo of a decision,
// audited. What the decision did to readers holds until the next one.
func (h *moderationAPI) reopen(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body ReopenRequest
	if err := h.decodeOptional(c, &body); err != nil {
		return err
	}
	cond, err := expectedRevision(c, body.Revision)
	if err != nil {
		return err
	}
	res, err := h.c.Reopen(c.Request().Context(), api.CaseReopenRequest{ID: c.Param("id"), Actor: author(c), Reason: body.Reason, Revision: cond.revision})
	if err != nil {
		return cond.failed(err)
	}
	return caseJSON(c, res)
}

// withdraw withdraws a case's correction from the translate cache,
// audited: a correction may hold personal data, and nothing else removes
// it.
func (h *moderationAPI) withdraw(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body WithdrawRequest
	if err := h.decodeOptional(c, &body); err != nil {
		return err
	}
	cond, err := expectedRevision(c, body.Revision)
	if err != nil {
		return err
	}
	res, err := h.c.Withdraw(c.Request().Context(), api.CaseWithdrawRequest{ID: c.Param("id"), Actor: author(c), Reason: body.Reason, Revision: cond.revision})
	if err != nil {
		return cond.failed(err)
	}
	return caseJSON(c, res)
}

func (h *moderationAPI) audit(c echo.Context) error {
	req := api.AuditListRequest{CaseID: c.QueryParam("case_id")}
	if tenantOf(c) != "" {
		if req.CaseID == "" {
			return api.FieldError(api.CodeForbidden, "case_id", "a tenant's moderator reads the audit log one case at a time")
		}
		if err := h.scopeField(c, "case_id", req.CaseID); err != nil {
			return err
		}
	}
	limit, err := queryInt(c, "limit")
	if err != nil {
		return err
	}
	after, err := queryInt(c, "after")
	if err != nil {
		return err
	}
	if req.Newest, err = queryBool(c, "newest"); err != nil {
		return err
	}
	req.Limit, req.After = limit, uint64(after)
	res, err := h.c.Audit(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// caseContextMessages is how many messages before a case's message the
// case shows (Case.Context).
const caseContextMessages = 5

// caseContext is the context of a case read through the gateway, nil when
// it has none or the messages cannot be read (a case is served without
// its context rather than not at all).
func (s *Server) caseContext(ctx context.Context, cs *api.Case) []api.CaseContextMessage {
	msgs, err := s.conversationBefore(ctx, cs)
	if err != nil {
		s.log.Warn("case context unavailable", "case", cs.ID, "err", err)
	}
	return msgs
}

// conversationBefore returns the messages before a case's message in its
// conversation, oldest first, as this gateway's read model of the chat
// stream holds them: the case's tenant's messages only (conversation ids
// are shared by tenants), deleted and blank ones left out, at most
// caseContextMessages. Texts are as written, each message at its current
// revision; a message a moderator hid says so. A case of a text (no
// message id) has none, nor one whose message retention dropped.
func (s *Server) conversationBefore(ctx context.Context, cs *api.Case) ([]api.CaseContextMessage, error) {
	if cs.MessageID == "" || cs.Redacted != "" {
		// A redacted case's message is gone: the conversation around it
		// is not shown with it either.
		return nil, nil
	}
	st, err := s.messages(ctx)
	if err != nil {
		return nil, err
	}
	m, ok := st.log.Get(cs.Tenant, cs.MessageID)
	if !ok || m.Conversation != cs.ConversationID {
		return nil, nil
	}
	keep := func(x *api.Message) bool {
		return x.Tenant == m.Tenant && (x.ID == m.ID || (!x.Deleted && api.Visible(x.Text)))
	}
	page, _, _, err := st.log.Page(m.Conversation, messages.KeyOf(m), caseContextMessages, keep)
	if err != nil {
		return nil, nil // gone between the two reads
	}
	out := make([]api.CaseContextMessage, 0, len(page))
	for _, x := range page {
		cm := api.CaseContextMessage{ID: x.ID, Author: x.Author, Text: x.Text, Language: x.Source, CreatedAt: x.CreatedAt, Edited: x.Revision > 1}
		if x.ID == cs.MessageID && cs.SourceLanguage != "" {
			// The case knows the language detected for its own message.
			cm.Language = cs.SourceLanguage
		}
		if cm.Language == "auto" || cm.Language == "und" {
			cm.Language = ""
		}
		if mod, _ := st.moderated.Get(x.Tenant, x.ID); mod != nil && mod.Hidden {
			cm.Hidden = true
		}
		out = append(out, cm)
	}
	return out, nil
}

// A case's ETag and the If-Match of its actions (expectedRevision).
var (
	caseETag    = []openAPIParam{{"ETag", "the case's revision, \"N\": send it back in If-Match (or as revision) to act only on the case as you read it"}}
	caseIfMatch = []openAPIParam{{"If-Match", "the ETag of a read of the case (\"N\", its revision): the action happens only if the case is still at that revision, else 412 precondition_failed and nothing is written"}}
)

// moderationOps documents the moderation routes. They carry no request
// examples: the examples test posts with a client key, which these routes
// refuse.
var moderationOps = []openAPIOp{
	{method: "GET", path: "/v1/moderation/cases", tag: "moderation", role: "moderator", response: "CaseList",
		summary: "List moderation cases (flagged views), oldest first by default.",
		query: []openAPIParam{
			{"status", "open, claimed, escalated or decided, or several separated by commas (open,escalated: what waits for a moderator)"},
			{"locale", "source or target language (a base tag matches its regions)"},
			{"category", "safety category on either side, e.g. profanity"},
			{"action", "why the case opened: review (visible to readers) or flag (withheld or masked until decided)"},
			{"severity", "minimum severity: low, medium or high"},
			{"tenant", "tenant id"},
			{"holder", "moderator holding the claim"},
			{"min_age", "minimum age, e.g. 30m"},
			{"max_age", "maximum age, e.g. 24h"},
			{"sort", "oldest (default), newest or severity"},
			{"limit", "page size (default 50, at most 500); a page of long messages may hold fewer"},
			{"after", "the next_after of the page before: the page after that one (keyset paging: cases decided meanwhile do not make it skip any)"},
			{"before", "the prev_before of the page after: the page before that one"},
			{"offset", "cases to skip (kept for compatibility: it skips cases when earlier ones leave the filter while you page; page with after)"},
			{"preview", "cut original and translation to this many characters (1 to 10000), an ellipsis marking the cut"},
		}},
	{method: "GET", path: "/v1/moderation/cases/:id", tag: "moderation", role: "moderator", response: "Case", respHeaders: caseETag,
		summary: "Get a case: the original, its author, the messages before it in its conversation (context), the translation, both safety verdicts, quality and glossary reports, claim, decision, notes. The ETag is the case's revision."},
	{method: "POST", path: "/v1/moderation/cases/:id/claim", tag: "moderation", role: "moderator", headers: caseIfMatch, respHeaders: caseETag, body: "ModerationClaimRequest", optionalBody: true, response: "Case",
		more:    staleCase("another moderator holds the case"),
		summary: "Claim a case with a lease (renews your own claim); 409 while someone else holds it."},
	{method: "POST", path: "/v1/moderation/cases/:id/release", tag: "moderation", role: "moderator", headers: caseIfMatch, respHeaders: caseETag, body: "ModerationReleaseRequest", optionalBody: true, response: "Case",
		more:    staleCase("you do not hold the case"),
		summary: "Give a case you hold back to the queue."},
	{method: "POST", path: "/v1/moderation/cases/:id/decide", tag: "moderation", role: "moderator", headers: caseIfMatch, respHeaders: caseETag, body: "ModerationDecideRequest", response: "Case",
		more:    staleCase("you do not hold the case, or it is decided"),
		summary: "Decide a case you hold: approve, hide, escalate, or correct the translation (served to readers from then on). A case of a text without a message id cannot be hidden (400)."},
	{method: "POST", path: "/v1/moderation/cases/:id/notes", tag: "moderation", role: "moderator", headers: caseIfMatch, respHeaders: caseETag, body: "ModerationNoteRequest", response: "Case",
		more:    staleCase("the case has no room for the note"),
		summary: "Add a note to a case."},
	{method: "POST", path: "/v1/moderation/cases/:id/reopen", tag: "moderation", role: "moderator", headers: caseIfMatch, respHeaders: caseETag, body: "ModerationReopenRequest", optionalBody: true, response: "Case",
		more:    staleCase("the case is not decided"),
		summary: "Take a decided case back to the queue to decide it again (audited); readers keep what its decision gave them until the next decision."},
	{method: "POST", path: "/v1/moderation/cases/:id/withdraw", tag: "moderation", role: "moderator", headers: caseIfMatch, respHeaders: caseETag, body: "ModerationWithdrawRequest", optionalBody: true, response: "Case",
		more:    staleCase("the case has no correction, or was redacted"),
		summary: "Withdraw a case's correction (audited): the translate cache stops serving it and the case keeps no copy; readers get the machine translation, judged afresh by the safety policy."},
	{method: "GET", path: "/v1/moderation/audit", tag: "moderation", role: "moderator", response: "AuditList",
		summary: "The append-only audit log of moderation actions, oldest first.",
		query: []openAPIParam{{"case_id", "one case's entries"}, {"after", "entries after this sequence"},
			{"limit", "page size (default 100, at most 1000); a page of long entries may hold fewer: when more is true, go on with after=next_after"},
			{"newest", "true: the last entries (after after) instead of the first, still oldest first; older counts those left out"}}},
}

// staleCase documents the refusals of a case action: 409 for conflict
// (what else conflicts, and a stale body revision), 412 for a stale
// If-Match.
func staleCase(conflict string) []openAPIResponse {
	return []openAPIResponse{
		{status: http.StatusConflict, description: "conflict: " + conflict + "; or the case changed since the revision the body names"},
		{status: http.StatusPreconditionFailed, description: "precondition_failed: the case changed since the revision If-Match names"},
	}
}

// revisionProperty is the revision of every action body.
var revisionProperty = obj{"type": "integer", "description": "the case revision you read (the ETag of a read; If-Match works too): the action is refused with 409 if the case changed since"}

func init() {
	openAPIOps = append(openAPIOps, moderationOps...)
	openAPISchemas["ModerationClaimRequest"] = obj{"type": "object", "properties": obj{"lease": str("lease, e.g. 10m (default: the service's)"), "revision": revisionProperty}}
	openAPISchemas["ModerationReleaseRequest"] = obj{"type": "object", "properties": obj{"revision": revisionProperty}}
	openAPISchemas["ModerationDecideRequest"] = obj{"type": "object", "required": []string{"action"}, "properties": obj{
		"action":     obj{"type": "string", "enum": []string{api.ActionApprove, api.ActionHide, api.ActionEscalate, api.ActionCorrect}},
		"reason":     str("why (kept in the audit log)"),
		"correction": str("the corrected translation (action correct)"),
		"revision":   revisionProperty}}
	openAPISchemas["ModerationNoteRequest"] = obj{"type": "object", "required": []string{"text"}, "properties": obj{"text": str("the note"), "revision": revisionProperty}}
	openAPISchemas["ModerationReopenRequest"] = obj{"type": "object", "properties": obj{"reason": str("why (kept in the audit log)"), "revision": revisionProperty}}
	openAPISchemas["ModerationWithdrawRequest"] = obj{"type": "object", "properties": obj{"reason": str("why (kept in the audit log)"), "revision": revisionProperty}}
	openAPISchemas["Case"] = obj{"type": "object", "required": []string{"id", "status", "original", "translation"}, "properties": obj{
		"id": str("case id"), "status": str("open, claimed, escalated or decided"), "original": str("the message as written"),
		"source_language": str(""), "target_language": str(""), "translation": str("what readers were served"),
		"safety":  obj{"type": "object", "description": "source and translation verdicts, delta, policy"},
		"quality": obj{"type": "object"}, "glossary": obj{"type": "object"},
		"claim": obj{"type": "object"}, "decision": obj{"type": "object"}, "notes": obj{"type": "array", "items": obj{"type": "object"}},
		"revision": obj{"type": "integer"},
		"author":   str("the message's author (cases of stored messages)"),
		"context": obj{"type": "array", "description": "the messages before the case's message in its conversation, oldest first, as written (id, author, text, created_at, edited, hidden); cases of stored messages only",
			"items": obj{"type": "object"}},
		"closed_by":   str("the case whose decision closed this one (a hide of the same message, or an approval of its source in another locale)"),
		"redacted":    str("why the case's personal text was removed: message_deleted or message_expired (the case is closed and takes no action)"),
		"redacted_at": obj{"type": "string", "format": "date-time"}}}
	openAPISchemas["CaseList"] = obj{"type": "object", "required": []string{"cases", "total"}, "properties": obj{
		"cases": obj{"type": "array", "items": obj{"type": "object"},
			"description": "case summaries; each says why the case opened in policy_action: review (the text is visible to readers, e.g. self_harm: someone may need an answer; review is then true) or flag (withheld or masked until a moderator decides)"},
		"total":       obj{"type": "integer"},
		"next_offset": obj{"type": "integer", "description": "offset of the next page of an offset page; absent on the last page"},
		"next_after":  str("the after of the next page; absent on the last page"),
		"prev_before": str("the before of the page before this one; absent on the first page")}}
	openAPISchemas["AuditList"] = obj{"type": "object", "required": []string{"entries"}, "properties": obj{
		"entries":    obj{"type": "array", "items": obj{"type": "object"}},
		"more":       obj{"type": "boolean", "description": "entries follow this page"},
		"next_after": obj{"type": "integer", "description": "the after of the next page, when more"},
		"older":      obj{"type": "integer", "description": "entries before a newest page that it leaves out"}}}
}

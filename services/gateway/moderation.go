package gateway

import (
	"bufio"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

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
	e.GET("/v1/moderation/audit", h.audit, mod)
}

// ClaimRequest is the optional body of POST /v1/moderation/cases/:id/claim.
type ClaimRequest struct {
	// Lease is how long to hold the case (Go duration, e.g. "10m").
	Lease string `json:"lease,omitempty"`
}

// DecideRequest is the body of POST /v1/moderation/cases/:id/decide.
type DecideRequest struct {
	Action     string `json:"action"`
	Reason     string `json:"reason,omitempty"`
	Correction string `json:"correction,omitempty"`
}

// NoteRequest is the body of POST /v1/moderation/cases/:id/notes.
type NoteRequest struct {
	Text string `json:"text"`
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
	return h.s.decode(c, v)
}

func (h *moderationAPI) list(c echo.Context) error {
	req := api.CaseListRequest{
		Status: c.QueryParam("status"), Locale: c.QueryParam("locale"), Category: c.QueryParam("category"),
		Severity: c.QueryParam("severity"), Tenant: c.QueryParam("tenant"), Holder: c.QueryParam("holder"),
		MinAge: c.QueryParam("min_age"), MaxAge: c.QueryParam("max_age"), Sort: c.QueryParam("sort"),
	}
	if t := tenantOf(c); t != "" {
		req.Tenant = t
	}
	var err error
	if req.Limit, err = queryInt(c, "limit"); err != nil {
		return err
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
	return c.JSON(http.StatusOK, res)
}

func (h *moderationAPI) claim(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body ClaimRequest
	if err := h.decodeOptional(c, &body); err != nil {
		return err
	}
	res, err := h.c.Claim(c.Request().Context(), api.CaseClaimRequest{ID: c.Param("id"), Actor: author(c), Lease: body.Lease})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *moderationAPI) release(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body struct{}
	if err := h.decodeOptional(c, &body); err != nil {
		return err
	}
	res, err := h.c.Release(c.Request().Context(), api.CaseReleaseRequest{ID: c.Param("id"), Actor: author(c)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *moderationAPI) decide(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body DecideRequest
	if err := h.s.decode(c, &body); err != nil {
		return err
	}
	res, err := h.c.Decide(c.Request().Context(), api.CaseDecideRequest{
		ID: c.Param("id"), Actor: author(c), Action: body.Action, Reason: body.Reason, Correction: body.Correction,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *moderationAPI) note(c echo.Context) error {
	if err := h.scope(c, c.Param("id")); err != nil {
		return err
	}
	var body NoteRequest
	if err := h.s.decode(c, &body); err != nil {
		return err
	}
	res, err := h.c.Note(c.Request().Context(), api.CaseNoteRequest{ID: c.Param("id"), Actor: author(c), Text: body.Text})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
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

// moderationOps documents the moderation routes. They carry no request
// examples: the examples test posts with a client key, which these routes
// refuse.
var moderationOps = []openAPIOp{
	{method: "GET", path: "/v1/moderation/cases", tag: "moderation", role: "moderator", response: "CaseList",
		summary: "List moderation cases (flagged views), oldest first by default.",
		query: []openAPIParam{
			{"status", "open, claimed, escalated or decided"},
			{"locale", "source or target language (a base tag matches its regions)"},
			{"category", "safety category on either side, e.g. profanity"},
			{"severity", "minimum severity: low, medium or high"},
			{"tenant", "tenant id"},
			{"holder", "moderator holding the claim"},
			{"min_age", "minimum age, e.g. 30m"},
			{"max_age", "maximum age, e.g. 24h"},
			{"sort", "oldest (default), newest or severity"},
			{"limit", "page size (default 50, at most 500); a page of long messages may hold fewer: go on from next_offset"},
			{"offset", "cases to skip"},
			{"preview", "cut original and translation to this many characters (1 to 10000), an ellipsis marking the cut"},
		}},
	{method: "GET", path: "/v1/moderation/cases/:id", tag: "moderation", role: "moderator", response: "Case",
		summary: "Get a case: the original, the translation, both safety verdicts, quality and glossary reports, claim, decision, notes."},
	{method: "POST", path: "/v1/moderation/cases/:id/claim", tag: "moderation", role: "moderator", body: "ModerationClaimRequest", optionalBody: true, response: "Case",
		more:    []openAPIResponse{{status: http.StatusConflict, description: "conflict: another moderator holds the case"}},
		summary: "Claim a case with a lease (renews your own claim); 409 while someone else holds it."},
	{method: "POST", path: "/v1/moderation/cases/:id/release", tag: "moderation", role: "moderator", response: "Case",
		summary: "Give a case you hold back to the queue."},
	{method: "POST", path: "/v1/moderation/cases/:id/decide", tag: "moderation", role: "moderator", body: "ModerationDecideRequest", response: "Case",
		summary: "Decide a case you hold: approve, hide, escalate, or correct the translation (served to readers from then on)."},
	{method: "POST", path: "/v1/moderation/cases/:id/notes", tag: "moderation", role: "moderator", body: "ModerationNoteRequest", response: "Case",
		summary: "Add a note to a case."},
	{method: "GET", path: "/v1/moderation/audit", tag: "moderation", role: "moderator", response: "AuditList",
		summary: "The append-only audit log of moderation actions, oldest first.",
		query: []openAPIParam{{"case_id", "one case's entries"}, {"after", "entries after this sequence"},
			{"limit", "page size (default 100, at most 1000); a page of long entries may hold fewer: when more is true, go on with after=next_after"},
			{"newest", "true: the last entries (after after) instead of the first, still oldest first; older counts those left out"}}},
}

func init() {
	openAPIOps = append(openAPIOps, moderationOps...)
	openAPISchemas["ModerationClaimRequest"] = obj{"type": "object", "properties": obj{"lease": str("lease, e.g. 10m (default: the service's)")}}
	openAPISchemas["ModerationDecideRequest"] = obj{"type": "object", "required": []string{"action"}, "properties": obj{
		"action":     obj{"type": "string", "enum": []string{api.ActionApprove, api.ActionHide, api.ActionEscalate, api.ActionCorrect}},
		"reason":     str("why (kept in the audit log)"),
		"correction": str("the corrected translation (action correct)")}}
	openAPISchemas["ModerationNoteRequest"] = obj{"type": "object", "required": []string{"text"}, "properties": obj{"text": str("the note")}}
	openAPISchemas["Case"] = obj{"type": "object", "required": []string{"id", "status", "original", "translation"}, "properties": obj{
		"id": str("case id"), "status": str("open, claimed, escalated or decided"), "original": str("the message as written"),
		"source_language": str(""), "target_language": str(""), "translation": str("what readers were served"),
		"safety":  obj{"type": "object", "description": "source and translation verdicts, delta, policy"},
		"quality": obj{"type": "object"}, "glossary": obj{"type": "object"},
		"claim": obj{"type": "object"}, "decision": obj{"type": "object"}, "notes": obj{"type": "array", "items": obj{"type": "object"}},
		"revision": obj{"type": "integer"}}}
	openAPISchemas["CaseList"] = obj{"type": "object", "required": []string{"cases", "total"}, "properties": obj{
		"cases": obj{"type": "array", "items": obj{"type": "object"}}, "total": obj{"type": "integer"},
		"next_offset": obj{"type": "integer", "description": "offset of the next page; absent on the last page"}}}
	openAPISchemas["AuditList"] = obj{"type": "object", "required": []string{"entries"}, "properties": obj{
		"entries":    obj{"type": "array", "items": obj{"type": "object"}},
		"more":       obj{"type": "boolean", "description": "entries follow this page"},
		"next_after": obj{"type": "integer", "description": "the after of the next page, when more"},
		"older":      obj{"type": "integer", "description": "entries before a newest page that it leaves out"}}}
}

package gateway

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/pipeline"
)

// CacheInvalidateRequest is the body of POST /v1/cache/invalidate: one
// message (conversation_id and message_id, as the translate requests
// named it), or every message of a conversation (conversation_id alone).
// A key bound to a tenant names its tenant's stored messages only. The
// translate cache indexes translations by tenant (ids are unique per
// tenant only): a key without a tenant may name one (tenant), for ids
// only its /v1/translate requests used.
type CacheInvalidateRequest struct {
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	Tenant         string `json:"tenant,omitempty"`
}

// registerCache adds the translation cache routes for moderators (and
// admins). A moderator's corrected translation is a moderation decision
// (POST /v1/moderation/cases/:id/decide, action correct), not a route here.
func (s *Server) registerCache(e *echo.Echo) {
	e.POST("/v1/cache/invalidate", s.handleCacheInvalidate, s.requireRole(RoleModerator))
}

// handleCacheInvalidate deletes the cached translations of a message or a
// conversation on every translate replica (api.SubjectTranslateInvalidate),
// so that the next reader gets a fresh translation: after an edit the
// messages service does this itself; this route is for people (a bad
// translation reported, a glossary or model fixed).
func (s *Server) handleCacheInvalidate(c echo.Context) error {
	var req CacheInvalidateRequest
	if err := s.decode(c, &req); err != nil {
		return err
	}
	req.ConversationID, req.MessageID = strings.TrimSpace(req.ConversationID), strings.TrimSpace(req.MessageID)
	req.Tenant = strings.TrimSpace(req.Tenant)
	if req.ConversationID == "" {
		// A message is named by both: the translate cache indexes it under
		// the pair, so a message id alone would address other entries.
		return api.FieldError(api.CodeInvalidArgument, "conversation_id", "name a conversation (conversation_id), or a message (conversation_id and message_id)")
	}
	for _, id := range []struct{ field, v string }{{"conversation_id", req.ConversationID}, {"message_id", req.MessageID}, {"tenant", req.Tenant}} {
		if err := checkIDField(id.field, id.v); err != nil {
			return err
		}
	}
	ctx := c.Request().Context()
	var (
		targets []api.TranslateInvalidateRequest
		err     error
	)
	switch tenant := s.tenant(c); {
	case tenant != "":
		if req.Tenant != "" && req.Tenant != tenant {
			return api.FieldError(api.CodeForbidden, "tenant", "this key may invalidate only its own tenant's translations")
		}
		targets, err = s.tenantCacheTargets(ctx, tenant, req)
	case req.Tenant != "":
		targets = []api.TranslateInvalidateRequest{{ConversationID: req.ConversationID, MessageID: req.MessageID, Tenant: req.Tenant}}
	default:
		targets, err = s.allCacheTargets(ctx, req)
	}
	if err != nil {
		return err
	}
	out := api.TranslateInvalidateResponse{}
	for _, t := range targets {
		resp, err := client.CallIdempotent[api.TranslateInvalidateResponse](ctx, s.nc, api.SubjectTranslateInvalidate, t)
		if err != nil {
			return err
		}
		out.Deleted += resp.Deleted
	}
	return c.JSON(http.StatusOK, out)
}

// tenantCacheTargets is what a key bound to tenant may invalidate of req:
// the message store says whose messages the ids name. Another tenant's
// messages, tenant-less ones, and ids no stored message has (ids that only
// /v1/translate requests used) are not found, as if they did not exist.
// What is found is invalidated under the tenant (the translate cache
// indexes by tenant), so that another tenant's message or conversation of
// the same ids keeps its translations and is not counted.
func (s *Server) tenantCacheTargets(ctx context.Context, tenant string, req CacheInvalidateRequest) ([]api.TranslateInvalidateRequest, error) {
	st, err := s.caughtUp(ctx)
	if err != nil {
		return nil, err
	}
	if req.MessageID != "" {
		m, ok := st.log.Get(tenant, req.MessageID)
		if !ok || m.Conversation != req.ConversationID || !visibleTo(m, tenant) {
			return nil, api.FieldError(api.CodeNotFound, "message_id", "no message %q in conversation %q", req.MessageID, req.ConversationID)
		}
		return []api.TranslateInvalidateRequest{{ConversationID: req.ConversationID, MessageID: req.MessageID, Tenant: tenant}}, nil
	}
	if !slices.ContainsFunc(st.log.Since(req.ConversationID, 0), func(m api.Message) bool { return visibleTo(m, tenant) }) {
		return nil, api.FieldError(api.CodeNotFound, "conversation_id", "no conversation %q", req.ConversationID)
	}
	return []api.TranslateInvalidateRequest{{ConversationID: req.ConversationID, Tenant: tenant}}, nil
}

// allCacheTargets is what a key without a tenant invalidates when it names
// none: the translations of requests without a tenant (and those indexed
// before the cache knew tenants), and those of every tenant whose stored
// messages the ids name, as the route did when the cache indexed no
// tenant. A tenant's ids that only its /v1/translate requests used need
// the tenant named.
func (s *Server) allCacheTargets(ctx context.Context, req CacheInvalidateRequest) ([]api.TranslateInvalidateRequest, error) {
	st, err := s.caughtUp(ctx)
	if err != nil {
		return nil, err
	}
	targets := []api.TranslateInvalidateRequest{{ConversationID: req.ConversationID, MessageID: req.MessageID}}
	for _, m := range st.log.Since(req.ConversationID, 0) {
		if m.Tenant == "" || req.MessageID != "" && m.ID != req.MessageID {
			continue
		}
		t := api.TranslateInvalidateRequest{ConversationID: req.ConversationID, MessageID: req.MessageID, Tenant: m.Tenant}
		if !slices.Contains(targets, t) {
			targets = append(targets, t)
		}
	}
	return targets, nil
}

// cacheOps documents the cache routes.
var cacheOps = []openAPIOp{
	{method: "POST", path: "/v1/cache/invalidate", tag: "cache", role: "moderator", body: "CacheInvalidateRequest", response: "CacheInvalidateResponse",
		summary: "Delete the cached translations of one message (conversation_id and message_id) or of every message of a conversation (conversation_id alone), in every language and register, on every translate replica. Role moderator or admin. A key bound to a tenant may name only its tenant's stored messages and conversations (404 otherwise), and only its tenant's translations go; a key without a tenant deletes those of requests without one and of every tenant with stored messages of the ids, or only those of the tenant it names. message_id without conversation_id is a 400."},
}

func init() {
	openAPIOps = append(openAPIOps, cacheOps...)
	openAPISchemas["CacheInvalidateRequest"] = obj{"type": "object", "properties": obj{
		"conversation_id": str("the conversation, as translate requests named it; alone, every message of it"),
		"message_id":      str("the message, as translate requests named it"),
		"tenant":          str("for a key without a tenant: only this tenant's translations (any ids, as its translate requests named them); a key bound to a tenant may name only its own")}}
	openAPISchemas["CacheInvalidateResponse"] = obj{"type": "object", "required": []string{"deleted"}, "properties": obj{
		"deleted": obj{"type": "integer", "description": "cached translations deleted"}}}
}

// checkIDField applies the pipeline's id rule (at most pipeline.MaxIDBytes
// bytes, no space or control character) to the value v of field.
func checkIDField(field, v string) error {
	if len(v) > pipeline.MaxIDBytes || strings.ContainsFunc(v, func(r rune) bool { return r < 0x21 || r == 0x7f }) {
		return api.FieldError(api.CodeInvalidArgument, field, "%s must be at most %d bytes of printable characters without spaces", field, pipeline.MaxIDBytes)
	}
	return nil
}

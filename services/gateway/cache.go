package gateway

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/pipeline"
)

// CacheInvalidateRequest is the body of POST /v1/cache/invalidate: one
// message (conversation_id and message_id, as the translate requests
// named it), or every message of a conversation (conversation_id alone).
type CacheInvalidateRequest struct {
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
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
	if req.ConversationID == "" && req.MessageID == "" {
		return api.FieldError(api.CodeInvalidArgument, "conversation_id", "name a conversation (conversation_id), or a message (conversation_id and message_id)")
	}
	for _, id := range []struct{ field, v string }{{"conversation_id", req.ConversationID}, {"message_id", req.MessageID}} {
		if len(id.v) > pipeline.MaxIDBytes || strings.ContainsFunc(id.v, func(r rune) bool { return r < 0x21 || r == 0x7f }) {
			return api.FieldError(api.CodeInvalidArgument, id.field, "%s must be at most %d bytes of printable characters without spaces", id.field, pipeline.MaxIDBytes)
		}
	}
	resp, err := client.CallIdempotent[api.TranslateInvalidateResponse](c.Request().Context(), s.nc, api.SubjectTranslateInvalidate,
		api.TranslateInvalidateRequest{ConversationID: req.ConversationID, MessageID: req.MessageID})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, resp)
}

// cacheOps documents the cache routes.
var cacheOps = []openAPIOp{
	{method: "POST", path: "/v1/cache/invalidate", tag: "cache", role: "moderator", body: "CacheInvalidateRequest", response: "CacheInvalidateResponse",
		summary: "Delete the cached translations of one message (conversation_id and message_id) or of every message of a conversation (conversation_id alone), in every language and register, on every translate replica. Role moderator or admin."},
}

func init() {
	openAPIOps = append(openAPIOps, cacheOps...)
	openAPISchemas["CacheInvalidateRequest"] = obj{"type": "object", "properties": obj{
		"conversation_id": str("the conversation, as translate requests named it; alone, every message of it"),
		"message_id":      str("the message, as translate requests named it")}}
	openAPISchemas["CacheInvalidateResponse"] = obj{"type": "object", "required": []string{"deleted"}, "properties": obj{
		"deleted": obj{"type": "integer", "description": "cached translations deleted"}}}
}

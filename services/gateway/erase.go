package gateway

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
)

// EraseRequest is the body of POST /v1/admin/erase.
type EraseRequest struct {
	// Author is the author whose messages are erased (exactly as posted).
	Author string `json:"author"`
}

// EraseResponse answers an erasure: how many messages it erased now, and
// how many it found erased already (a repeated erasure erases nothing).
type EraseResponse struct {
	Conversation  string `json:"conversation,omitempty"`
	Author        string `json:"author,omitempty"`
	Erased        int    `json:"erased"`
	AlreadyErased int    `json:"already_erased"`
}

// registerErase adds the erasure routes. They are a data-protection
// officer's operations on a whole tenant's data, so they take the admin
// role (a client key deletes one message at a time); an admin erases its
// own tenant's messages only.
func (s *Server) registerErase(e *echo.Echo) {
	admin := s.requireRole(RoleAdmin)
	e.DELETE("/v1/conversations/:id", s.handleEraseConversation, admin)
	e.POST("/v1/admin/erase", s.handleEraseAuthor, admin)
}

func (s *Server) handleEraseConversation(c echo.Context) error {
	conv := c.Param("id")
	if err := messages.ValidID("id", conv); err != nil {
		return err
	}
	out, err := s.erase(c, func(m *api.Message) bool { return m.Conversation == conv })
	if err != nil {
		return err
	}
	out.Conversation = conv
	return c.JSON(http.StatusOK, out)
}

func (s *Server) handleEraseAuthor(c echo.Context) error {
	var req EraseRequest
	if err := s.decode(c, &req); err != nil {
		return err
	}
	if strings.TrimSpace(req.Author) == "" || len(req.Author) > messages.MaxAuthorBytes {
		return api.FieldError(api.CodeInvalidArgument, "author", "author must be the name messages were posted with (1 to %d bytes)", messages.MaxAuthorBytes)
	}
	out, err := s.erase(c, func(m *api.Message) bool { return m.Author == req.Author })
	if err != nil {
		return err
	}
	out.Author = req.Author
	return c.JSON(http.StatusOK, out)
}

// erase deletes, as erasures (messages.EraseEvent: the placeholder keeps
// no author), every message of the caller's tenant that match accepts.
// The messages service then erases their earlier events and feedback
// from the streams. Messages erased already are counted, not written
// again; an erasure cut short is finished by repeating it.
func (s *Server) erase(c echo.Context, match func(*api.Message) bool) (*EraseResponse, error) {
	st, err := s.caughtUp(c.Request().Context())
	if err != nil {
		return nil, err
	}
	out := &EraseResponse{}
	tenant := s.tenant(c)
	for _, m := range st.log.Find(tenant, match) {
		if messages.Erased(m) {
			out.AlreadyErased++
			continue
		}
		if _, err := s.appendEvent(c, st, m.Conversation, messages.EraseEvent(m)); err != nil {
			return nil, err
		}
		out.Erased++
	}
	return out, nil
}

// eraseOps documents the routes of erase.go.
var eraseOps = []openAPIOp{
	{method: "DELETE", path: "/v1/conversations/:id", tag: "messages", role: "admin", response: "EraseResponse",
		summary: "Erase a conversation: every message of the caller's tenant in it is deleted as an erasure (its placeholder keeps no author), and the messages service then overwrites the chat stream's earlier events of each (post, edits, an earlier delete) and the feedback on it. Messages erased already are counted in already_erased and not written again, so a repeat is 200 with erased 0; an erasure cut short (a timeout) is finished by repeating it. Other tenants' messages of the conversation are untouched."},
	{method: "POST", path: "/v1/admin/erase", tag: "messages", role: "admin", body: "EraseRequest", response: "EraseResponse",
		summary: "Erase everything an author wrote in the caller's tenant: every message whose author is exactly author, in every conversation, is deleted as an erasure, as DELETE /v1/conversations/{id} does (placeholder without author, earlier events and feedback overwritten). Idempotent: a repeat is 200 with erased 0.",
		more:    []openAPIResponse{{status: http.StatusBadRequest, description: "invalid_argument: author is empty or over 128 bytes"}},
		example: map[string]any{"author": "openapi-example-author"}},
}

func init() {
	openAPIOps = append(openAPIOps, eraseOps...)
	openAPISchemas["EraseRequest"] = obj{"type": "object", "required": []string{"author"}, "properties": obj{
		"author": str("the author name, exactly as its messages were posted (1 to 128 bytes)")}}
	openAPISchemas["EraseResponse"] = obj{"type": "object", "required": []string{"erased", "already_erased"}, "properties": obj{
		"conversation": str("the conversation erased (DELETE /v1/conversations/{id})"), "author": str("the author erased (POST /v1/admin/erase)"),
		"erased": obj{"type": "integer", "description": "messages erased by this call"}, "already_erased": obj{"type": "integer", "description": "messages found erased already"}}}
}

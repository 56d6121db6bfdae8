package gateway

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
)

// EraseRequest is the body of POST /v1/admin/erase.
type EraseRequest struct {
	// Author is the author whose messages are erased (exactly as posted).
	Author string `json:"author"`
	// Tenant names the tenant whose messages are erased, for a key
	// without a tenant ("": messages posted without one); a key bound to
	// a tenant may name only its own. ?tenant= does the same.
	Tenant *string `json:"tenant,omitempty"`
}

// EraseResponse answers an erasure: how many messages it erased now, and
// how many it found erased already (a repeated erasure erases nothing).
type EraseResponse struct {
	Conversation  string `json:"conversation,omitempty"`
	Author        string `json:"author,omitempty"`
	Tenant        string `json:"tenant,omitempty"`
	Erased        int    `json:"erased"`
	AlreadyErased int    `json:"already_erased"`
}

// registerErase adds the erasure routes. They are a data-protection
// officer's operations on a whole tenant's data, so they take the admin
// role (a client key deletes one message at a time); an admin erases its
// own tenant's messages only, and an admin without a tenant one tenant's
// at a time, which it names (eraseTenant).
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
	out, err := s.erase(c, nil, "conversation "+conv, func(m *api.Message) bool { return m.Conversation == conv })
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
	out, err := s.erase(c, req.Tenant, "author "+req.Author, func(m *api.Message) bool { return m.Author == req.Author })
	if err != nil {
		return err
	}
	out.Author = req.Author
	return c.JSON(http.StatusOK, out)
}

// erase deletes, as erasures (messages.EraseEvent: the placeholder keeps
// no author), every message of the erasure's tenant (eraseTenant) that
// match accepts; what names the erasure in errors.
// The messages service then erases their earlier events and feedback
// from the streams. Messages erased already are counted, not written
// again; an erasure cut short is finished by repeating it.
func (s *Server) erase(c echo.Context, body *string, what string, match func(*api.Message) bool) (*EraseResponse, error) {
	tenant, named, err := s.eraseTenant(c, body)
	if err != nil {
		return nil, err
	}
	st, err := s.caughtUp(c.Request().Context())
	if err != nil {
		return nil, err
	}
	if !named {
		// A key without a tenant that names none erases the messages
		// posted without one. Were other tenants' messages to match, an
		// answer of erased 0 would read as "nothing left": they are
		// named instead, and nothing is erased.
		if others := slices.DeleteFunc(st.log.MatchingTenants(match), func(t string) bool { return t == "" }); len(others) > 0 {
			return nil, api.FieldError(api.CodeInvalidArgument, "tenant",
				"erasure needs a tenant: %s has messages in tenant %s; name the tenant (\"tenant\" or ?tenant=), one at a time, or tenant \"\" for the messages posted without one",
				what, strings.Join(others, ", "))
		}
	}
	out := &EraseResponse{Tenant: tenant}
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

// eraseTenant is the tenant an erasure is about: the key's own, or for
// a key without a tenant the one it names (the body's tenant or
// ?tenant=, present even when empty). named reports whether one was
// named or bound; a key bound to a tenant naming another is refused.
func (s *Server) eraseTenant(c echo.Context, body *string) (tenant string, named bool, err error) {
	return s.adminTenant(c, body, "erase")
}

// adminTenant is eraseTenant for an admin operation on a tenant's
// messages (verb: erase, export), which names it in the 403.
func (s *Server) adminTenant(c echo.Context, body *string, verb string) (tenant string, named bool, err error) {
	var name *string
	if c.QueryParams().Has("tenant") {
		q := c.QueryParam("tenant")
		name = &q
	}
	if body != nil {
		if name != nil && *name != *body {
			return "", false, api.FieldError(api.CodeInvalidArgument, "tenant", "the body names tenant %q and ?tenant= %q: name one", *body, *name)
		}
		name = body
	}
	if name != nil {
		if err := checkIDField("tenant", *name); err != nil {
			return "", false, err
		}
	}
	own := s.tenant(c)
	switch {
	case own != "":
		if name != nil && *name != own {
			return "", false, api.FieldError(api.CodeForbidden, "tenant", "this key may %s only its own tenant's messages", verb)
		}
		return own, true, nil
	case name != nil:
		return *name, true, nil
	}
	return "", false, nil
}

// eraseOps documents the routes of erase.go.
var eraseOps = []openAPIOp{
	{method: "DELETE", path: "/v1/conversations/:id", tag: "messages", role: "admin", response: "EraseResponse",
		summary: "Erase a conversation: every message of the caller's tenant in it is deleted as an erasure (its placeholder keeps no author), and the messages service then overwrites the chat stream's earlier events of each (post, edits, an earlier delete) and the feedback on it. Messages erased already are counted in already_erased and not written again, so a repeat is 200 with erased 0; an erasure cut short (a timeout) is finished by repeating it. Other tenants' messages of the conversation are untouched. A key without a tenant names the tenant with ?tenant= (empty: messages posted without one); naming none, it erases messages posted without a tenant, and is refused (400, field tenant, \"erasure needs a tenant\") when other tenants have messages in the conversation. A key bound to a tenant naming another gets 403.",
		more: []openAPIResponse{{status: http.StatusBadRequest, description: "invalid_argument: a bad id, or a key without a tenant named none while other tenants have messages in the conversation"},
			{status: http.StatusForbidden, description: "forbidden: not an admin key, or a key bound to a tenant named another"}}},
	{method: "POST", path: "/v1/admin/erase", tag: "messages", role: "admin", body: "EraseRequest", response: "EraseResponse",
		summary: "Erase everything an author wrote in the caller's tenant: every message whose author is exactly author, in every conversation, is deleted as an erasure, as DELETE /v1/conversations/{id} does (placeholder without author, earlier events and feedback overwritten). Idempotent: a repeat is 200 with erased 0 and the messages counted in already_erased. A key without a tenant names the tenant (tenant, or ?tenant=; empty: messages posted without one); naming none, it erases messages posted without a tenant, and is refused (400, field tenant, \"erasure needs a tenant\") when the author has messages in other tenants. A key bound to a tenant naming another gets 403.",
		more: []openAPIResponse{{status: http.StatusBadRequest, description: "invalid_argument: author is empty or over 128 bytes, or a key without a tenant named none while the author has messages in other tenants"},
			{status: http.StatusForbidden, description: "forbidden: not an admin key, or a key bound to a tenant named another"}},
		example: map[string]any{"author": "openapi-example-author"}},
}

func init() {
	openAPIOps = append(openAPIOps, eraseOps...)
	openAPISchemas["EraseRequest"] = obj{"type": "object", "required": []string{"author"}, "properties": obj{
		"author": str("the author name, exactly as its messages were posted (1 to 128 bytes)"),
		"tenant": str("for a key without a tenant: the tenant whose messages are erased (\"\": those posted without one); a key bound to a tenant may name only its own")}}
	openAPISchemas["EraseResponse"] = obj{"type": "object", "required": []string{"erased", "already_erased"}, "properties": obj{
		"conversation": str("the conversation erased (DELETE /v1/conversations/{id})"), "tenant": str("the tenant erased (absent: messages posted without one)"), "author": str("the author erased (POST /v1/admin/erase)"),
		"erased": obj{"type": "integer", "description": "messages erased by this call"}, "already_erased": obj{"type": "integer", "description": "messages found erased already"}}}
}

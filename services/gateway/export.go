package gateway

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/experiment"
)

// Export page bounds (GET /v1/admin/export).
const (
	// DefaultExportLimit is a page's messages when limit is not given;
	// api.MaxExportMessages is the most a page may ask for.
	DefaultExportLimit = 100
	// MaxExportPageBytes bounds a page's JSON: a page stops before the
	// message whose data (text, cases, feedback) would pass it, and
	// always holds one message when any is left.
	MaxExportPageBytes = 4 << 20
)

// ExportResponse answers a data-subject access request: one page of what
// Parley holds about an author in a tenant, by message (ordered by
// conversation, then as posted), with the moderation cases about those
// messages and the feedback readers gave on them. NextAfter is the
// cursor of the next page (absent on the last).
type ExportResponse struct {
	Author          string           `json:"author"`
	Tenant          string           `json:"tenant,omitempty"`
	Messages        []ExportMessage  `json:"messages"`
	ModerationCases []api.CaseExport `json:"moderation_cases"`
	Feedback        []ExportFeedback `json:"feedback"`
	NextAfter       string           `json:"next_after,omitempty"`
}

// ExportMessage is one of the author's messages as the read model holds
// it: the current text (none when deleted), and whether a moderator hid
// it (the text is exported all the same: it is the author's).
type ExportMessage struct {
	ID           string    `json:"id"`
	Conversation string    `json:"conversation"`
	CreatedAt    time.Time `json:"created_at"`
	EditedAt     time.Time `json:"edited_at,omitzero"`
	Text         string    `json:"text,omitempty"`
	// Source is the language the message was posted with ("": detected
	// when read); SenderLocale the author's locale as posted.
	Source       string `json:"source,omitempty"`
	SenderLocale string `json:"sender_locale,omitempty"`
	ReplyTo      string `json:"reply_to,omitempty"`
	Revision     int    `json:"revision"`
	Deleted      bool   `json:"deleted,omitempty"`
	Hidden       bool   `json:"hidden,omitempty"`
}

// ExportFeedback is one reader's feedback on one of the author's
// messages (experiment.Event of the feedback stream), without the
// reader's key or hashed unit: those are the reader's, not the author's.
type ExportFeedback struct {
	ID          string    `json:"id,omitempty"`
	MessageID   string    `json:"message_id"`
	Time        time.Time `json:"time"`
	Kind        string    `json:"kind,omitempty"`
	Rating      int       `json:"rating,omitempty"`
	Source      string    `json:"source,omitempty"`
	Target      string    `json:"target,omitempty"`
	Original    string    `json:"original,omitempty"`
	Translation string    `json:"translation,omitempty"`
	Comment     string    `json:"comment,omitempty"`
	Experiment  string    `json:"experiment,omitempty"`
	Arm         string    `json:"arm,omitempty"`
}

// registerExport adds GET /v1/admin/export, the access request's
// counterpart of POST /v1/admin/erase: the same role, and the same rules
// for the tenant it is about (adminTenant).
func (s *Server) registerExport(e *echo.Echo) {
	e.GET("/v1/admin/export", s.handleExport, s.requireRole(RoleAdmin))
}

// exportParams each take one value: author=a&author=b must not export a's
// messages alone as if they answered the request for both.
var exportParams = []string{"author", "limit", "after", "tenant"}

func (s *Server) handleExport(c echo.Context) error {
	if err := checkQuery(c, exportParams, false); err != nil {
		return err
	}
	author := c.QueryParam("author")
	if strings.TrimSpace(author) == "" || len(author) > messages.MaxAuthorBytes {
		return api.FieldError(api.CodeInvalidArgument, "author", "author must be the name messages were posted with (1 to %d bytes)", messages.MaxAuthorBytes)
	}
	limit, err := exportLimit(c.QueryParam("limit"))
	if err != nil {
		return err
	}
	after, err := parseExportCursor(c.QueryParam("after"))
	if err != nil {
		return err
	}
	tenant, named, err := s.adminTenant(c, nil, "export")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	st, err := s.caughtUp(ctx)
	if err != nil {
		return err
	}
	match := func(m *api.Message) bool { return m.Author == author }
	if !named {
		// As an erasure: a key without a tenant that names none exports
		// the messages posted without one, and is told of other tenants'
		// rather than answered with a page that reads as "nothing held".
		if others := slices.DeleteFunc(st.log.MatchingTenants(match), func(t string) bool { return t == "" }); len(others) > 0 {
			return api.FieldError(api.CodeInvalidArgument, "tenant",
				"export needs a tenant: author %s has messages in tenant %s; name the tenant (?tenant=), one at a time, or tenant \"\" for the messages posted without one",
				author, strings.Join(others, ", "))
		}
	}
	all := st.log.Find(tenant, match)
	start, _ := slices.BinarySearchFunc(all, after, func(m api.Message, k exportCursor) int {
		if m.Conversation != k.conversation {
			return strings.Compare(m.Conversation, k.conversation)
		}
		if m.Seq <= k.seq {
			return -1
		}
		return 1
	})
	page := all[start:min(len(all), start+limit)]
	out := &ExportResponse{Author: author, Tenant: tenant, Messages: []ExportMessage{}, ModerationCases: []api.CaseExport{}, Feedback: []ExportFeedback{}}
	if len(page) == 0 {
		return c.JSON(http.StatusOK, out)
	}
	ids := make([]string, len(page))
	for i, m := range page {
		ids[i] = m.ID
	}
	cases, err := s.exportCases(ctx, tenant, ids)
	if err != nil {
		return err
	}
	feedback, err := exportFeedback(ctx, st.js, tenant, ids)
	if err != nil {
		return err
	}
	size := 256
	for i, m := range page {
		em := ExportMessage{ID: m.ID, Conversation: m.Conversation, CreatedAt: m.CreatedAt, EditedAt: m.EditedAt,
			Text: m.Text, Source: m.Source, SenderLocale: m.SenderLocale, ReplyTo: m.ReplyTo, Revision: m.Revision, Deleted: m.Deleted}
		if mod, _ := st.moderated.Get(m.Tenant, m.ID); mod != nil && mod.Hidden {
			em.Hidden = true
		}
		n, err := jsonSize(em, cases[m.ID], feedback[m.ID])
		if err != nil {
			return err
		}
		if i > 0 && size+n > MaxExportPageBytes {
			break
		}
		size += n
		out.Messages = append(out.Messages, em)
		out.ModerationCases = append(out.ModerationCases, cases[m.ID]...)
		out.Feedback = append(out.Feedback, feedback[m.ID]...)
	}
	if last := start + len(out.Messages); last < len(all) {
		out.NextAfter = exportCursor{conversation: all[last-1].Conversation, seq: all[last-1].Seq}.String()
	}
	return c.JSON(http.StatusOK, out)
}

// exportLimit reads the limit query parameter.
func exportLimit(q string) (int, error) {
	if q == "" {
		return DefaultExportLimit, nil
	}
	n, err := strconv.Atoi(q)
	if err != nil || n < 1 || n > api.MaxExportMessages {
		return 0, api.FieldError(api.CodeInvalidArgument, "limit", "limit must be 1 to %d messages", api.MaxExportMessages)
	}
	return n, nil
}

// exportCursor names the last message of a page by its place in the
// export's order: its conversation and the stream sequence of its post.
type exportCursor struct {
	conversation string
	seq          uint64
}

// String is the cursor as next_after carries it: opaque, URL-safe.
func (k exportCursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatUint(k.seq, 10) + " " + k.conversation))
}

// parseExportCursor reads after ("": the first page).
func parseExportCursor(q string) (exportCursor, error) {
	if q == "" {
		return exportCursor{}, nil
	}
	bad := api.FieldError(api.CodeInvalidArgument, "after", "after must be the next_after of an earlier page")
	raw, err := base64.RawURLEncoding.DecodeString(q)
	if err != nil {
		return exportCursor{}, bad
	}
	seq, conv, ok := strings.Cut(string(raw), " ")
	n, err := strconv.ParseUint(seq, 10, 64)
	if !ok || err != nil || conv == "" {
		return exportCursor{}, bad
	}
	return exportCursor{conversation: conv, seq: n}, nil
}

// exportCases asks the moderation service for the cases of tenant's
// messages ids, by message id, as many calls as its reply budget needs.
// Without the service the export fails (503): a page without cases
// would read as "no case held".
func (s *Server) exportCases(ctx context.Context, tenant string, ids []string) (map[string][]api.CaseExport, error) {
	mod := client.Moderation{NC: s.nc}
	out := map[string][]api.CaseExport{}
	for len(ids) > 0 {
		res, err := mod.Export(ctx, api.CaseExportRequest{Tenant: tenant, MessageIDs: ids})
		if err != nil {
			return nil, err
		}
		if res.Covered < 1 || res.Covered > len(ids) {
			return nil, api.Errorf(api.CodeInternal, "the moderation service answered an export of %d messages with %d covered", len(ids), res.Covered)
		}
		for _, cs := range res.Cases {
			out[cs.MessageID] = append(out[cs.MessageID], cs)
		}
		ids = ids[res.Covered:]
	}
	return out, nil
}

// exportFeedback is the feedback on tenant's messages ids, by message id,
// read as the erasure reads it (messages.ScanFeedback).
func exportFeedback(ctx context.Context, js jetstream.JetStream, tenant string, ids []string) (map[string][]ExportFeedback, error) {
	out := map[string][]ExportFeedback{}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	err := messages.ScanFeedback(ctx, js, experiment.FeedbackStream, func(_ uint64, data []byte) {
		var ev experiment.Event
		if json.Unmarshal(data, &ev) != nil || ev.Tenant != tenant || !want[ev.MessageID] {
			return
		}
		out[ev.MessageID] = append(out[ev.MessageID], ExportFeedback{ID: ev.ID, MessageID: ev.MessageID, Time: ev.Time,
			Kind: ev.Kind, Rating: ev.Rating, Source: ev.Source, Target: ev.Target, Original: ev.Original,
			Translation: ev.Translation, Comment: ev.Comment, Experiment: ev.Experiment, Arm: ev.Arm})
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", api.Errorf(api.CodeUnavailable, "the feedback stream is unavailable"), err)
	}
	return out, nil
}

// jsonSize is the size of the JSON of vs.
func jsonSize(vs ...any) (int, error) {
	n := 0
	for _, v := range vs {
		data, err := json.Marshal(v)
		if err != nil {
			return 0, fmt.Errorf("encode export: %w", err)
		}
		n += len(data)
	}
	return n, nil
}

// exportOps documents the route of export.go.
var exportOps = []openAPIOp{
	{method: "GET", path: "/v1/admin/export", tag: "messages", role: "admin", response: "ExportResponse",
		query: []openAPIParam{{"author", "the author name, exactly as its messages were posted (1 to 128 bytes)"},
			{"tenant", "for a key without a tenant: the tenant exported (empty: messages posted without one); a key bound to a tenant may name only its own"},
			{"limit", "messages per page (default 100, at most 500)"},
			{"after", "next_after of the page before"}},
		summary: "Export what Parley holds about an author in the caller's tenant (a data-subject access request): every message whose author is exactly author, in every conversation (current text, times, revision, declared language, deleted and hidden state: hidden messages with their text), the moderation cases about them (state, categories, decision, times; redacted cases stay redacted) and the feedback readers gave on them (without the readers' keys). Paged by message, ordered by conversation then as posted: at most limit messages and about 4 MiB of JSON a page, next_after naming the next page. Messages erased (POST /v1/admin/erase) keep no author and are not exported. The tenant rules are those of POST /v1/admin/erase: a key without a tenant names one with ?tenant= (empty: messages posted without one); naming none, it exports messages posted without a tenant, and is refused (400, field tenant, \"export needs a tenant\") when the author has messages in other tenants. A key bound to a tenant naming another gets 403. Needs the moderation service (503 without it).",
		more: []openAPIResponse{{status: http.StatusBadRequest, description: "invalid_argument: author is empty or over 128 bytes, a bad limit, tenant or after, or a key without a tenant named none while the author has messages in other tenants"},
			{status: http.StatusForbidden, description: "forbidden: not an admin key, or a key bound to a tenant named another"}}},
}

func init() {
	openAPIOps = append(openAPIOps, exportOps...)
	date := obj{"type": "string", "format": "date-time"}
	openAPISchemas["ExportResponse"] = obj{"type": "object", "required": []string{"author", "messages", "moderation_cases", "feedback"}, "properties": obj{
		"author": str("the author exported"), "tenant": str("the tenant exported (absent: messages posted without one)"),
		"messages": obj{"type": "array", "items": obj{"type": "object", "required": []string{"id", "conversation", "created_at", "revision"}, "properties": obj{
			"id": str(""), "conversation": str(""), "created_at": date, "edited_at": date,
			"text": str("the current text (absent when deleted)"), "source": str("the language it was posted with"),
			"sender_locale": str("the author's locale as posted"), "reply_to": str(""), "revision": obj{"type": "integer"},
			"deleted": obj{"type": "boolean"}, "hidden": obj{"type": "boolean", "description": "a moderator hid it from readers"}}}},
		"moderation_cases": obj{"type": "array", "items": obj{"type": "object", "required": []string{"id", "status", "message_id"}, "properties": obj{
			"id": str("case id"), "status": str("open, claimed, escalated or decided"), "message_id": str(""), "conversation_id": str(""),
			"categories": obj{"type": "array", "items": obj{"type": "string"}}, "severity": str(""),
			"decision": obj{"type": "object"}, "redacted": str("why the case's text was removed"), "redacted_at": date,
			"created_at": date, "updated_at": date}}},
		"feedback": obj{"type": "array", "items": obj{"type": "object", "required": []string{"message_id"}, "properties": obj{
			"message_id": str(""), "time": date, "kind": str(""), "rating": obj{"type": "integer"}, "comment": str("")}}},
		"next_after": str("the after of the next page; absent on the last page")}}
}

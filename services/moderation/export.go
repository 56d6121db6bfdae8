package moderation

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/parley-chat/parley/shared/api"
)

// maxExportIDBytes bounds a tenant and a message id of an export.
const maxExportIDBytes = 256

// Export lists the cases of a tenant's messages for a data-subject access
// request (api.CaseExportRequest): every case whose tenant and message id
// match, redacted ones as they are. The reply stays within the reply
// budget: it covers the messages, from the first, whose cases fit
// (always the first), and says how many (Covered).
func (s *Service) Export(_ context.Context, req api.CaseExportRequest) (*api.CaseExportResponse, error) {
	// Ids are compared, never parsed: bounding them is enough.
	if len(req.Tenant) > maxExportIDBytes {
		return nil, api.FieldError(api.CodeInvalidArgument, "tenant", "a tenant is at most %d bytes", maxExportIDBytes)
	}
	if len(req.MessageIDs) == 0 || len(req.MessageIDs) > api.MaxExportMessages {
		return nil, api.FieldError(api.CodeInvalidArgument, "message_ids", "name 1 to %d message ids", api.MaxExportMessages)
	}
	want := make(map[string][]api.CaseExport, len(req.MessageIDs))
	for _, id := range req.MessageIDs {
		if id == "" || len(id) > maxExportIDBytes {
			return nil, api.FieldError(api.CodeInvalidArgument, "message_ids", "a message id is 1 to %d bytes", maxExportIDBytes)
		}
		want[id] = nil
	}
	for _, c := range s.cfg.Store.Cases() {
		if c.Tenant != req.Tenant || c.MessageID == "" {
			continue
		}
		if got, ok := want[c.MessageID]; ok {
			want[c.MessageID] = append(got, exportCase(c))
		}
	}
	out := &api.CaseExportResponse{Cases: []api.CaseExport{}}
	size := 64 // the envelope: {"cases":[...],"covered":N}
	for i, id := range req.MessageIDs {
		cases := want[id]
		slices.SortFunc(cases, func(a, b api.CaseExport) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
		})
		data, err := json.Marshal(cases)
		if err != nil {
			return nil, fmt.Errorf("encode cases of message %s: %w", id, err)
		}
		if i > 0 && size+len(data) > s.cfg.MaxReplyBytes {
			break
		}
		size += len(data)
		out.Cases = append(out.Cases, cases...)
		want[id] = nil // an id named twice is covered once
		out.Covered = i + 1
	}
	return out, nil
}

// exportCase is what an access request gets of c (api.CaseExport).
func exportCase(c *api.Case) api.CaseExport {
	e := api.CaseExport{
		ID: c.ID, Status: c.Status, ConversationID: c.ConversationID, MessageID: c.MessageID, MessageRevision: c.MessageRevision,
		SourceLanguage: c.SourceLanguage, TargetLanguage: c.TargetLanguage, Categories: slices.Clone(c.Categories),
		Severity: c.Severity, Escalated: c.Escalated, ClosedBy: c.ClosedBy, Redacted: c.Redacted, RedactedAt: c.RedactedAt,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
	if d := c.Decision; d != nil {
		dc := *d
		// The translate cache's key of a correction is the service's own
		// bookkeeping, not data about the person.
		dc.OverrideKey = ""
		e.Decision = &dc
	}
	return e
}

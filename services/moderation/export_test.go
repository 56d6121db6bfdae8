package moderation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
)

// TestExportCases: the export endpoint lists the cases of a tenant's
// messages by message id, in the order asked, without another tenant's
// cases of the same id or a text case; a redacted case is listed
// redacted; a reply that would pass the budget covers the first
// messages and says how many; bad input is a 400.
func TestExportCases(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	es := h.personalCase(t, "acme", "m1", "es")
	de := h.personalCase(t, "acme", "m1", "de")
	m2 := h.personalCase(t, "acme", "m2", "es")
	h.personalCase(t, "globex", "m1", "es")
	if _, err := h.svc.MessageDeleted(ctx, "acme", "conv-1", "m2"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the cases listed", func() bool { return h.total(t, api.CaseListRequest{}) == 4 })

	res, err := h.mod.Export(ctx, api.CaseExportRequest{Tenant: "acme", MessageIDs: []string{"m2", "m1", "m3"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range res.Cases {
		ids = append(ids, c.ID)
	}
	// Oldest first; made at the same time (the test clock), by id.
	wantM1 := []string{es, de}
	slices.Sort(wantM1)
	if res.Covered != 3 || len(ids) != 3 || ids[0] != m2 || !slices.Equal(ids[1:], wantM1) {
		t.Fatalf("export: covered %d, cases %v; want %s then %v", res.Covered, ids, m2, wantM1)
	}
	if c := res.Cases[0]; c.Redacted != api.RedactedDeleted || c.Status != api.CaseDecided || c.MessageID != "m2" {
		t.Fatalf("redacted case: %+v", c)
	}
	if c := res.Cases[1]; c.Status != api.CaseOpen || len(c.Categories) == 0 || c.Severity != api.SeverityMedium || c.CreatedAt.IsZero() {
		t.Fatalf("open case: %+v", c)
	}

	// A budget that holds one message's cases: the reply covers m1 only.
	store, err := jsstore.Open(ctx, h.nc, jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	small, err := moderation.New(moderation.Config{Store: store, MaxReplyBytes: 900})
	if err != nil {
		t.Fatal(err)
	}
	cut, err := small.Export(ctx, api.CaseExportRequest{Tenant: "acme", MessageIDs: []string{"m1", "m2"}})
	if err != nil || cut.Covered != 1 || len(cut.Cases) != 2 {
		t.Fatalf("export within a small budget: %+v, %v", cut, err)
	}

	for _, tt := range []struct {
		name string
		req  api.CaseExportRequest
	}{
		{"no message ids", api.CaseExportRequest{Tenant: "acme"}},
		{"too many message ids", api.CaseExportRequest{MessageIDs: make([]string, api.MaxExportMessages+1)}},
		{"an empty message id", api.CaseExportRequest{MessageIDs: []string{""}}},
		{"a tenant too long", api.CaseExportRequest{Tenant: strings.Repeat("t", 300), MessageIDs: []string{"m1"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := h.mod.Export(ctx, tt.req); code(err) != api.CodeInvalidArgument {
				t.Fatalf("err %v, want invalid_argument", err)
			}
		})
	}
}

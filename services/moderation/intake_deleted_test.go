package moderation_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
)

// TestIntakeAfterDeleteRedactsAtOnce: a flagged view that reaches intake
// after its message was deleted (a backlog in the intake stream) makes a
// case that is closed and redacted as it is made, with a create and a
// redact entry and no personal text stored; the deletes consumer, which
// read the delete before the case existed, is not needed (none runs
// here), nor the sweep. It ran as an open case with the deleted text and
// author until the chat stream's retention sweep. Another tenant's delete
// of the same id, another message's delete, a post and a case of a text
// without a message id leave the case open.
func TestIntakeAfterDeleteRedactsAtOnce(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	js := h.chatStream(t)
	store, err := jsstore.Open(ctx, h.nc, jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	svc, err := moderation.New(moderation.Config{Store: store, Overrides: h.ov, Now: h.clk.Now, Deletes: store})
	if err != nil {
		t.Fatal(err)
	}
	publishEvent(t, js, api.TenantChatSubject("acme", "conv-1"), api.MessageEvent{Op: api.OpPost, ID: "posted", Text: personalText})
	publishEvent(t, js, api.TenantChatSubject("acme", "conv-1"), api.MessageEvent{Op: api.OpDelete, ID: "gone", Tenant: "acme"})
	publishEvent(t, js, api.ChatSubject("conv-1"), api.MessageEvent{Op: api.OpDelete, ID: "legacy", Tenant: "acme"})
	publishEvent(t, js, api.TenantChatSubject("globex", "conv-1"), api.MessageEvent{Op: api.OpDelete, ID: "theirs", Tenant: "globex"})
	publishEvent(t, js, api.TenantChatSubject("acme", "conv-2"), api.MessageEvent{Op: api.OpDelete, ID: "elsewhere", Tenant: "acme"})

	tests := []struct {
		name, conv, msg string
		redacted        bool
	}{
		{"deleted on the tenant subject", "conv-1", "gone", true},
		{"deleted on the legacy subject", "conv-1", "legacy", true},
		{"another tenant's delete of that id", "conv-1", "theirs", false},
		{"deleted in another conversation", "conv-1", "elsewhere", false},
		{"posted, not deleted", "conv-1", "posted", false},
		{"a text without a message id", "", "", false},
		// No chat subject names it: nothing to find, and no error that
		// would hold the view back for ever.
		{"a message id without a conversation", "", "orphan", false},
		{"a conversation no subject can name", "a.b", "dotted", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := flagged(tt.msg, "es", personalText, "Frak, Bob, mi número cambió a 555-123-9999.")
			f.Author, f.ConversationID = personalAuthor, tt.conv
			created, err := svc.Intake(ctx, f)
			if err != nil || !created {
				t.Fatalf("intake: %v, %v", created, err)
			}
			c, err := store.Get(ctx, f.CaseID())
			if err != nil {
				t.Fatal(err)
			}
			if !tt.redacted {
				if c.Redacted != "" || c.Status != api.CaseOpen || c.Original != personalText {
					t.Fatalf("case %+v, want it open with its text", c)
				}
				return
			}
			if c.Redacted != api.RedactedDeleted || c.Status != api.CaseDecided || c.Author != "" || c.Original != "" || c.Translation != "" ||
				c.Safety.Source.Spans[0].Text != "" || c.RedactedAt.IsZero() || c.Severity != api.SeverityMedium || len(c.Categories) == 0 {
				t.Fatalf("case of a deleted message: %+v", c)
			}
			raw := h.rawCase(t, c.ID)
			for _, s := range []string{personalAuthor, "555-123-9999"} {
				if bytes.Contains(raw, []byte(s)) {
					t.Fatalf("stored case holds %q: %s", s, raw)
				}
			}
			entries := h.audit(t, c.ID)
			if got := actions(entries); len(got) != 2 || got[0] != api.AuditCreate+":"+moderation.SystemActor || got[1] != api.AuditRedact+":"+moderation.SystemActor {
				t.Fatalf("audit %v, want create and redact by the system", got)
			}
			if all, _ := json.Marshal(entries); bytes.Contains(all, []byte("555-123-9999")) {
				t.Fatalf("audit holds personal text: %s", all)
			}
		})
	}
	// The listing replica mirrors the bucket: it sees the writes soon.
	waitFor(t, "every acme case listed", func() bool { return h.total(t, api.CaseListRequest{Tenant: "acme"}) == 8 })
	if n := h.total(t, api.CaseListRequest{Status: "open", Tenant: "acme"}); n != 6 {
		t.Errorf("%d acme cases wait in the queue, want 6 (not the deleted messages')", n)
	}
}

// failingDeletes is a DeleteLookup that cannot read the chat stream.
type failingDeletes struct{}

func (failingDeletes) Deleted(context.Context, string, string, string) (bool, error) {
	return false, errors.New("chat stream unreachable")
}

// TestIntakeWaitsWhenDeletesAreUnknown: when the chat stream cannot be
// read, a view of a stored message makes no case (which could hold a
// deleted message's text) and is refused as unavailable, so that the
// intake consumer delivers it again.
func TestIntakeWaitsWhenDeletesAreUnknown(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	store, err := jsstore.Open(ctx, h.nc, jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	svc, err := moderation.New(moderation.Config{Store: store, Overrides: h.ov, Now: h.clk.Now, Deletes: failingDeletes{}})
	if err != nil {
		t.Fatal(err)
	}
	f := flagged("m1", "es", personalText, "hola")
	if created, err := svc.Intake(ctx, f); created || code(err) != api.CodeUnavailable {
		t.Fatalf("intake: %v, %v; want unavailable", created, err)
	}
	if _, err := store.Get(ctx, f.CaseID()); code(err) != api.CodeNotFound {
		t.Fatalf("case made anyway: %v", err)
	}
}

// chatStream creates the messages service's chat stream, with no
// consumer of its deletes.
func (h *harness) chatStream(t *testing.T) jetstream.JetStream {
	t.Helper()
	js, err := jetstream.New(h.nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(ctxT(t), jetstream.StreamConfig{Name: api.StreamChat, Subjects: api.ChatSubjects()}); err != nil {
		t.Fatal(err)
	}
	return js
}

package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
)

// Moderation is the moderation service's client.
type Moderation struct{ NC *nats.Conn }

// List lists cases matching a filter.
func (c Moderation) List(ctx context.Context, req api.CaseListRequest) (*api.CaseListResponse, error) {
	return Call[api.CaseListResponse](ctx, c.NC, api.SubjectModerationList, req)
}

// Get returns one case.
func (c Moderation) Get(ctx context.Context, req api.CaseGetRequest) (*api.Case, error) {
	return Call[api.Case](ctx, c.NC, api.SubjectModerationGet, req)
}

// Claim claims a case with a lease (CodeConflict when another moderator
// holds it).
func (c Moderation) Claim(ctx context.Context, req api.CaseClaimRequest) (*api.Case, error) {
	return Call[api.Case](ctx, c.NC, api.SubjectModerationClaim, req)
}

// Release gives a claimed case back to the queue.
func (c Moderation) Release(ctx context.Context, req api.CaseReleaseRequest) (*api.Case, error) {
	return Call[api.Case](ctx, c.NC, api.SubjectModerationRelease, req)
}

// Decide approves, hides, escalates or corrects a case the actor holds.
func (c Moderation) Decide(ctx context.Context, req api.CaseDecideRequest) (*api.Case, error) {
	return Call[api.Case](ctx, c.NC, api.SubjectModerationDecide, req)
}

// Note adds a note to a case.
func (c Moderation) Note(ctx context.Context, req api.CaseNoteRequest) (*api.Case, error) {
	return Call[api.Case](ctx, c.NC, api.SubjectModerationNote, req)
}

// Reopen takes a decided case back to the queue, to be decided again.
func (c Moderation) Reopen(ctx context.Context, req api.CaseReopenRequest) (*api.Case, error) {
	return Call[api.Case](ctx, c.NC, api.SubjectModerationReopen, req)
}

// Withdraw withdraws a case's correction from the translate cache.
func (c Moderation) Withdraw(ctx context.Context, req api.CaseWithdrawRequest) (*api.Case, error) {
	return Call[api.Case](ctx, c.NC, api.SubjectModerationWithdraw, req)
}

// Export lists the cases of a tenant's messages (a data-subject access
// request).
func (c Moderation) Export(ctx context.Context, req api.CaseExportRequest) (*api.CaseExportResponse, error) {
	return CallIdempotent[api.CaseExportResponse](ctx, c.NC, api.SubjectModerationExport, req)
}

// Audit lists audit entries.
func (c Moderation) Audit(ctx context.Context, req api.AuditListRequest) (*api.AuditListResponse, error) {
	return Call[api.AuditListResponse](ctx, c.NC, api.SubjectModerationAudit, req)
}

// IntakeStreamConfig is the configuration of the intake stream. The
// moderation service creates the stream; a publisher that finds no stream
// creates it with the same configuration, so that flagged views published
// before the moderation service first started are kept for it.
func IntakeStreamConfig() jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        api.StreamModerationIntake,
		Description: "Parley views flagged by the safety policy, waiting to become moderation cases",
		Subjects:    []string{api.SubjectModerationIntake},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		// A week of backlog if moderation stays down; cases are made
		// within seconds otherwise.
		MaxAge:     7 * 24 * time.Hour,
		Duplicates: 10 * time.Minute,
	}
}

// Flagged publishes a flagged view to the moderation intake stream and
// waits for JetStream's acknowledgement. The Nats-Msg-Id is the view's
// case id, so a view flagged twice in the duplicate window is stored once
// (and the moderation service makes one case of any number of copies).
func (c Moderation) Flagged(ctx context.Context, f *api.FlaggedView) error {
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encode flagged view: %w", err)
	}
	js, err := jetstream.New(c.NC)
	if err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	msg := &nats.Msg{Subject: api.SubjectModerationIntake, Data: data, Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, f.CaseID())
	_, err = js.PublishMsg(ctx, msg)
	if errors.Is(err, jetstream.ErrNoStreamResponse) || errors.Is(err, nats.ErrNoResponders) {
		if _, cerr := js.CreateStream(ctx, IntakeStreamConfig()); cerr != nil && !errors.Is(cerr, jetstream.ErrStreamNameAlreadyInUse) {
			return fmt.Errorf("create moderation intake stream: %w", cerr)
		}
		_, err = js.PublishMsg(ctx, msg)
	}
	if err != nil {
		return fmt.Errorf("publish flagged view: %w", err)
	}
	return nil
}

// FlaggedPublishTimeout bounds the intake publish of a flagged view made
// by OnFlagged.
const FlaggedPublishTimeout = 2 * time.Second

// OnFlagged returns the hook every pipeline that renders views sets as
// pipeline.Pipeline.OnFlagged (the gateway's and the messages service's):
// it publishes each flagged view to the intake stream. The publish is
// detached from the caller's deadline, so a reader who went away does not
// take the case with them; a failure is logged, not served: the reader
// still gets the view.
func (c Moderation) OnFlagged(log *slog.Logger) func(ctx context.Context, f *api.FlaggedView) {
	return func(ctx context.Context, f *api.FlaggedView) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), FlaggedPublishTimeout)
		defer cancel()
		if err := c.Flagged(ctx, f); err != nil && log != nil {
			log.Warn("flagged view not sent to moderation", "err", err, "tenant", f.Tenant,
				"conversation_id", f.ConversationID, "message_id", f.MessageID, "target", f.View.TargetLanguage)
		}
	}
}

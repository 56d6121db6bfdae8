package messages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// DecisionsConsumer is the durable consumer of moderators' decisions on
// the moderation audit stream; replicas of the service share it.
const DecisionsConsumer = "parley-messages-decisions"

// StoredMessages is what Decisions checks a case against before applying
// its decision to a message: the chat stream's read model (*Log).
type StoredMessages interface {
	// Wait returns once the read model has caught up with the stream.
	Wait(ctx context.Context, seq uint64) error
	// SaidAt reports whether the message said text at revision rev.
	SaidAt(tenant, id string, rev int, text string) TextMatch
}

// Reasons of parley_messages_moderation_ignored_total.
const (
	// IgnoredTextDiffers: the case shows another text than the message
	// had at the case's revision (or a revision it never had).
	IgnoredTextDiffers = "text_differs"
	// IgnoredUnknown: the read model holds no such message (deleted,
	// dropped by retention) or not the text of the case's revision.
	IgnoredUnknown = "unknown_message"
)

// NewIgnoredDecisions is the counter of decisions not applied to a
// message because the case's text is not (or cannot be shown to be) the
// message's, by reason.
func NewIgnoredDecisions() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_messages_moderation_ignored_total",
		Help: "Moderators' decisions not applied to a message: the case's text is not what the message said at the case's revision (text_differs), or the message or that revision's text is not known (unknown_message).",
	}, []string{"reason"})
}

// Decisions carries moderators' decisions to readers. It follows the
// decide and withdraw entries of the moderation audit stream with a durable consumer
// (from the stream's start, so a first deployment applies the decisions
// taken before it), looks each case up in the moderation service, records
// the decision in the Moderated bucket (which every gateway watches), and
// re-publishes the message's views to the live streams of its readers.
type Decisions struct {
	NC        *nats.Conn
	JS        jetstream.JetStream
	Moderated *Moderated
	Cases     client.Moderation
	// Republish sends the new views of a message to its readers' event
	// streams (nil: nothing is re-published).
	Republish func(ctx context.Context, m *api.MessageModeration) error
	// Messages is the read model a case is checked against: a decision is
	// applied to a message only when the case's original is what the
	// message said at the case's revision. A case shows the text it was
	// made of, and a case whose text is not the message's (made from a
	// client's text naming that message's id) must not hide or approve
	// the message. Nil applies no decision to any message.
	Messages StoredMessages
	// Ignored counts the decisions not applied for that (nil: none).
	Ignored *prometheus.CounterVec
	Logger  *slog.Logger
	Timeout time.Duration
	// Retry is how often to look for the audit stream while the
	// moderation service has not created it yet (default 5s).
	Retry time.Duration

	stop context.CancelFunc
	wg   sync.WaitGroup
	mu   sync.Mutex
	cc   jetstream.ConsumeContext
}

// Start binds the durable consumer, in the background when the audit
// stream does not exist yet (moderation not deployed, or not started).
func (d *Decisions) Start() {
	if d.Timeout <= 0 {
		d.Timeout = 30 * time.Second
	}
	if d.Retry <= 0 {
		d.Retry = 5 * time.Second
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.stop = cancel
	d.wg.Go(func() {
		for {
			err := d.bind(ctx)
			if err == nil || ctx.Err() != nil {
				return
			}
			d.Logger.Debug("moderation decisions not followed yet", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(d.Retry):
			}
		}
	})
}

func (d *Decisions) bind(ctx context.Context) error {
	bctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	st, err := d.JS.Stream(bctx, api.StreamModerationAudit)
	if err != nil {
		return fmt.Errorf("audit stream: %w", err)
	}
	cons, err := st.CreateOrUpdateConsumer(bctx, jetstream.ConsumerConfig{
		Durable:     DecisionsConsumer,
		Description: "Parley messages: apply moderators' decisions to readers' views",
		// Withdrawals too, on the same consumer: a withdrawal is ordered
		// after the correction it takes back.
		FilterSubjects: []string{api.SubjectModerationDecisions, api.SubjectModerationWithdrawals},
		DeliverPolicy:  jetstream.DeliverAllPolicy,
		AckPolicy:      jetstream.AckExplicitPolicy,
		AckWait:        d.Timeout + 10*time.Second,
		// Failures are retried with a growing delay (handle), for about
		// half an hour: the moderation service may be away for a while.
		MaxDeliver: 20,
	})
	if err != nil {
		return fmt.Errorf("decisions consumer: %w", err)
	}
	cc, err := cons.Consume(d.handle)
	if err != nil {
		return fmt.Errorf("decisions consume: %w", err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if ctx.Err() != nil {
		cc.Stop()
		return nil
	}
	d.cc = cc
	return nil
}

// Stop stops following decisions.
func (d *Decisions) Stop() {
	if d.stop == nil {
		return
	}
	d.stop()
	d.wg.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cc != nil {
		d.cc.Drain()
		<-d.cc.Closed()
	}
}

func (d *Decisions) handle(m jetstream.Msg) {
	ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
	defer cancel()
	if err := d.process(ctx, m); err != nil {
		var ae *api.Error
		if errors.As(err, &ae) && ae.Status() < 500 {
			d.Logger.Warn("moderation decision dropped", "subject", m.Subject(), "err", err)
			_ = m.Term()
			return
		}
		d.Logger.Warn("moderation decision not applied yet", "subject", m.Subject(), "err", err)
		_ = m.NakWithDelay(retryDelay(m))
		return
	}
	_ = m.Ack()
}

func (d *Decisions) process(ctx context.Context, m jetstream.Msg) error {
	var e api.AuditEntry
	if err := json.Unmarshal(m.Data(), &e); err != nil {
		return api.Errorf(api.CodeInvalidJSON, "audit entry is not JSON")
	}
	decision := e.Decision
	if e.Action == api.AuditWithdraw {
		// A withdrawn correction: the case's locale leaves Corrected and
		// Approved (Record), and its views are rendered afresh.
		decision = api.AuditWithdraw
	}
	switch decision {
	case api.ActionHide, api.ActionApprove, api.ActionCorrect, api.AuditWithdraw:
	default:
		return nil // escalation: nothing changes for readers yet
	}
	// The audit entry names the case; the case names the message and the
	// locale.
	cur, err := d.Cases.Get(ctx, api.CaseGetRequest{ID: e.CaseID})
	if err != nil {
		return fmt.Errorf("case %s: %w", e.CaseID, err)
	}
	if cur.MessageID == "" {
		return nil // a view of a text, not of a stored message
	}
	if reason, err := d.check(ctx, cur); err != nil {
		return err
	} else if reason != "" {
		if d.Ignored != nil {
			d.Ignored.WithLabelValues(reason).Inc()
		}
		d.Logger.Warn("moderation decision not applied: the case does not show what the message said", "reason", reason,
			"case", cur.ID, "decision", e.Decision, "actor", e.Actor, "tenant", cur.Tenant, "message_id", cur.MessageID,
			"message_revision", max(cur.MessageRevision, 1))
		return nil
	}
	// The entry's decision, at the case revision it made: the case may
	// have been reopened and decided again since, and each of its
	// decisions is recorded in turn, a later one over an earlier one and
	// never the other way round (Record), whatever order redeliveries
	// bring them in.
	c := *cur
	c.Decision = &api.CaseDecision{Action: decision, Actor: e.Actor, At: e.At, Reason: e.Reason, Correction: e.Correction}
	c.Revision = e.Revision
	st, changed, err := d.Moderated.Record(ctx, &c, time.Now())
	if err != nil {
		return err
	}
	if changed {
		d.Logger.Info("moderation decision applied", "case", c.ID, "decision", c.Decision.Action,
			"message_id", c.MessageID, "conversation", c.ConversationID, "locale", c.TargetLanguage)
	}
	if d.Republish != nil && st != nil {
		// Also after a redelivery: the publish may be what failed.
		if err := d.Republish(ctx, st); err != nil {
			d.Logger.Warn("re-publish moderated views", "message_id", c.MessageID, "err", err)
		}
	}
	return nil
}

// check says why c's decision must not be applied to its message ("":
// it may): the case's original is not what the message said at the
// case's revision (a case made before revisions were carried is about
// revision 1), or that cannot be known. The decision is the moderator's
// judgement of the text the case shows; applied to a message that says
// something else, a benign text's approval would serve an abusive
// message, and an abusive text's hide would hide a benign one.
func (d *Decisions) check(ctx context.Context, c *api.Case) (string, error) {
	if d.Messages == nil {
		return IgnoredUnknown, nil
	}
	// A decision may come before the read model has replayed the stream
	// (a restart): it waits rather than find no message.
	if err := d.Messages.Wait(ctx, 0); err != nil {
		return "", fmt.Errorf("messages read model: %w", err)
	}
	switch d.Messages.SaidAt(c.Tenant, c.MessageID, c.MessageRevision, c.Original) {
	case TextSame:
		return "", nil
	case TextDiffers:
		return IgnoredTextDiffers, nil
	}
	return IgnoredUnknown, nil
}

// retryDelay grows with each delivery of a message: 1s, 2s, 4s ... 2m.
func retryDelay(m jetstream.Msg) time.Duration {
	n := uint64(1)
	if meta, err := m.Metadata(); err == nil {
		n = meta.NumDelivered
	}
	return min(time.Second<<min(n-1, 7), 2*time.Minute)
}

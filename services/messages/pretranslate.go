package messages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/gopool"
)

// PretranslateConsumer is the durable consumer that pre-translates new
// messages; replicas of the service share it.
const PretranslateConsumer = "parley-pretranslate"

// Pretranslator translates each new or edited message into the active
// reader locales of its conversation as it arrives, and publishes the
// views on api.ViewsSubject(tenant, conversation, locale). The translations land
// in the translate cache as well, so that the readers' page requests are
// cache hits. An edit first invalidates the message's cached translations.
type Pretranslator struct {
	NC       *nats.Conn
	Log      *Log
	Presence *Presence
	Renderer *Renderer
	Logger   *slog.Logger
	Workers  int
	Timeout  time.Duration
	// Published counts views published, by result.
	Published *prometheus.CounterVec
	// Flags, when set, can turn pre-translation off (the no_pretranslation
	// kill switch, targetable by tenant, locale and conversation).
	Flags *flags.Store
	// TracerProvider records a consumer span per chat event, under which
	// the event's views are rendered; nil means the process-wide provider.
	TracerProvider trace.TracerProvider

	// RetryDelays are the waits before each new render of a view whose
	// translation failed (a degraded view: api.MessageView.Degraded
	// names translate), while readers of its locale are present
	// (default DefaultRetryDelays; empty: no retry).
	RetryDelays []time.Duration

	cc     jetstream.ConsumeContext
	sem    chan struct{}
	tracer trace.Tracer

	retries retries
}

// Start creates (or binds to) the durable consumer and starts consuming.
// New consumers start with the next message: history is translated on
// demand, not replayed.
func (p *Pretranslator) Start(ctx context.Context, st jetstream.Stream) error {
	if p.Workers <= 0 {
		p.Workers = 4
	}
	if p.Timeout <= 0 {
		p.Timeout = 30 * time.Second
	}
	tp := p.TracerProvider
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	p.tracer = tp.Tracer(tracerName)
	cons, err := st.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       PretranslateConsumer,
		Description:   "Parley: translate new messages into the active reader locales",
		DeliverPolicy: jetstream.DeliverNewPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       p.Timeout + 10*time.Second,
		MaxDeliver:    3,
		MaxAckPending: p.Workers * 4,
	})
	if err != nil {
		return fmt.Errorf("pretranslate consumer: %w", err)
	}
	p.sem = make(chan struct{}, p.Workers)
	cc, err := cons.Consume(func(m jetstream.Msg) {
		// Blocking here when every worker is busy is the back pressure:
		// the server stops delivering at MaxAckPending.
		p.sem <- struct{}{}
		gopool.Go(func() {
			defer func() { <-p.sem }()
			p.handle(m)
		})
	})
	if err != nil {
		return fmt.Errorf("pretranslate consume: %w", err)
	}
	p.cc = cc
	return nil
}

// Stop stops consuming and waits for the running translations.
func (p *Pretranslator) Stop() {
	if p.cc == nil {
		return
	}
	p.cc.Stop()
	for range cap(p.sem) {
		p.sem <- struct{}{}
	}
	p.retries.stop()
}

func (p *Pretranslator) handle(m jetstream.Msg) {
	ctx, cancel := context.WithTimeout(context.Background(), p.Timeout)
	defer cancel()
	// One consumer span per delivery, continuing the writer's trace: the
	// calls that render the event's views are its children, so a POST and
	// the views it causes are one trace, not a root trace per call.
	ctx, span := startProcessSpan(ctx, p.tracer, m.Headers(), PretranslateConsumer, "pretranslate")
	err := p.process(ctx, m)
	endSpan(span, err)
	if err != nil {
		p.Logger.WarnContext(ctx, "pretranslate", "subject", m.Subject(), "err", err)
		p.count("error")
		// Bad input is never retried; a timeout or an outage is, up to
		// MaxDeliver.
		var ae *api.Error
		if errors.As(err, &ae) && ae.Status() < 500 {
			_ = m.Term()
			return
		}
		_ = m.Nak()
		return
	}
	_ = m.Ack()
}

func (p *Pretranslator) process(ctx context.Context, m jetstream.Msg) error {
	meta, err := m.Metadata()
	if err != nil {
		return fmt.Errorf("metadata: %w", err)
	}
	seq := meta.Sequence.Stream
	subj := parseSubject(m.Subject())
	conv := subj.conv
	if conv == "" {
		return api.Errorf(api.CodeInvalidArgument, "not a conversation's subject")
	}
	var ev api.MessageEvent
	if err := json.Unmarshal(m.Data(), &ev); err != nil {
		return api.Errorf(api.CodeInvalidJSON, "event is not JSON")
	}
	// As the read model reads it: the tenant of its subject, and a
	// stored post may have an id reserved since.
	if err := readEvent(&ev, subj); err != nil {
		return err
	}
	id := ev.ID
	if id == "" {
		id = GeneratedID(seq)
	}
	if err := p.Log.Wait(ctx, seq); err != nil {
		return err
	}
	// The message the read model applied the event to: the event's
	// tenant's (ids are unique per tenant).
	msg, ok := p.Log.Resolve(conv, seq, ev)
	if !ok {
		return api.Errorf(api.CodeNotFound, "message %q was not stored (see the read model's log)", id)
	}
	if ev.Op == api.OpEdit || ev.Op == api.OpDelete {
		// Cached translations of the old text must not be served again.
		// The message's tenant's only: ids are unique per tenant, and
		// another tenant's message with the same ids keeps its own.
		_, err := client.Call[api.TranslateInvalidateResponse](ctx, p.NC, api.SubjectTranslateInvalidate,
			api.TranslateInvalidateRequest{ConversationID: conv, MessageID: id, Tenant: msg.Tenant})
		if err != nil {
			p.Logger.WarnContext(ctx, "invalidate cached translations", "conversation", conv, "id", id, "tenant", msg.Tenant, "err", err)
		}
	}
	// A reader may have registered a moment before the message came.
	if err := p.Presence.Sync(ctx); err != nil {
		return api.Errorf(api.CodeUnavailable, "reader locales: %v", err)
	}
	locales, err := p.Presence.Active(ctx, msg.Tenant, conv)
	if err != nil {
		return api.Errorf(api.CodeUnavailable, "reader locales: %v", err)
	}
	for _, loc := range locales {
		// Killed: the gateway's event streams render the view on demand.
		if p.Flags != nil && p.Flags.NoPretranslation(ctx, flags.Attributes{Tenant: msg.Tenant, Locale: loc, Conversation: conv}) {
			p.count("killed")
			continue
		}
		// No reader: a view for every reader of the locale, so flags and
		// experiments split by user do not apply to it (the gateway renders
		// a reader's own view when one does).
		v, err := p.Renderer.View(ctx, msg, loc, "", false)
		if err != nil {
			p.Logger.WarnContext(ctx, "pretranslate view", "conversation", conv, "id", id, "locale", loc, "err", err)
			p.count("error")
			continue
		}
		data, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode view: %w", err)
		}
		if err := p.NC.Publish(api.ViewsSubject(msg.Tenant, conv, loc), data); err != nil {
			return fmt.Errorf("publish view: %w", err)
		}
		p.count("published")
		if FailedTranslation(v) {
			p.retryLater(msg, loc, 0)
		}
	}
	return nil
}

func (p *Pretranslator) count(result string) {
	if p.Published != nil {
		p.Published.WithLabelValues(result).Inc()
	}
}

// Republish renders a moderated message again in each active locale of
// its conversation and publishes the views, so that readers' event
// streams show a hidden message as hidden, and a corrected one with its
// correction, at once. Its views keep the message's seq: clients keep
// the newest view of a seq (a view's moderation tells them apart).
func (p *Pretranslator) Republish(ctx context.Context, mod *api.MessageModeration) error {
	msg, ok := p.Log.Get(mod.Tenant, mod.MessageID)
	if !ok {
		return nil // expired from the stream, or not ours
	}
	locales, err := p.Presence.Active(ctx, msg.Tenant, msg.Conversation)
	if err != nil {
		return fmt.Errorf("reader locales: %w", err)
	}
	for _, loc := range locales {
		v, err := p.Renderer.View(ctx, msg, loc, "", false)
		if err != nil {
			p.Logger.Warn("re-render moderated view", "conversation", msg.Conversation, "id", msg.ID, "locale", loc, "err", err)
			continue
		}
		data, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode view: %w", err)
		}
		if err := p.NC.Publish(api.ViewsSubject(msg.Tenant, msg.Conversation, loc), data); err != nil {
			return fmt.Errorf("publish view: %w", err)
		}
		p.count("republished")
	}
	return nil
}

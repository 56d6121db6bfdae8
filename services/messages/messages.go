package messages

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/pipeline"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Start runs the messages service: it creates the chat stream and the
// readers bucket from the MESSAGES_* settings, follows the stream, and
// pre-translates new messages into each conversation's active locales.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	cfg := ConfigFromEnv(d.Env)
	if err := d.Env.Err(); err != nil {
		return nil, err
	}
	if cfg.Flagged != FlaggedHide && cfg.Flagged != FlaggedMask {
		return nil, fmt.Errorf("MESSAGES_FLAGGED must be %q or %q", FlaggedHide, FlaggedMask)
	}
	cfg.defaults()
	cfg.Log = d.Log
	js, err := jetstream.New(d.NC)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	st, err := EnsureStream(sctx, js, cfg)
	if err != nil {
		return nil, err
	}
	presence, err := EnsurePresence(sctx, js, cfg)
	if err != nil {
		return nil, err
	}
	// Superseded events (an edited message's earlier text, a deleted
	// one's post and edits) and a deleted message's feedback are erased
	// as the read model applies the edit or delete, and again after a
	// restart, whose replay hands over what is not erased yet.
	eraser := &Eraser{Chat: st, JS: js, FeedbackStream: experiment.FeedbackStream, Logger: d.Log}
	log, err := OpenLog(sctx, st, d.Log, WithEraser(eraser.Add))
	if err != nil {
		presence.Close()
		return nil, err
	}
	eraser.Start(func(ctx context.Context) error { return log.Wait(ctx, 0) })
	defer func() {
		if err != nil {
			eraser.Stop()
		}
	}()
	published := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_messages_pretranslated_total",
		Help: "Views pre-translated and published, by result.",
	}, []string{"result"})
	if d.Registry != nil {
		if err := d.Registry.Register(published); err != nil {
			var are prometheus.AlreadyRegisteredError
			if !errors.As(err, &are) {
				log.Close()
				presence.Close()
				return nil, fmt.Errorf("metrics: %w", err)
			}
			published = are.ExistingCollector.(*prometheus.CounterVec)
		}
	}
	moderated, err := OpenModerated(sctx, js, cfg.Replicas, d.Log)
	if err != nil {
		log.Close()
		presence.Close()
		return nil, err
	}
	// Pre-translated views count in the view metrics as the gateway's do
	// (parley_views_total and the rest); without a registry (tests)
	// nothing is recorded.
	var viewMetrics *pipeline.Metrics
	if d.Registry != nil {
		viewMetrics = pipeline.NewMetrics(d.Registry)
	}
	pre := &Pretranslator{
		NC: d.NC, Log: log, Presence: presence, Logger: d.Log, Workers: cfg.Workers, Timeout: cfg.Timeout, RetryDelays: cfg.RetryDelays,
		Published: published, TracerProvider: d.TracerProvider,
		Renderer: &Renderer{
			Log: log, Flagged: cfg.Flagged, ContextMessages: cfg.ContextMessages, Moderated: moderated,
			Pipeline: &pipeline.Pipeline{
				Detect: client.Detect{NC: d.NC}, Translate: client.Translate{NC: d.NC},
				Glossary: client.Glossary{NC: d.NC}, Quality: client.Quality{NC: d.NC},
				Safety: client.Safety{NC: d.NC}, Log: d.Log, Metrics: viewMetrics,
				WithholdUnchecked: cfg.WithholdUnchecked,
				// As in the gateway: pre-translated views the policy flags
				// become moderation cases, with conversation and message id.
				OnFlagged: client.Moderation{NC: d.NC}.OnFlagged(d.Log),
				// Views an experiment arm translated are measured like the
				// gateway's: an outcome event on the experiments stream.
				OnOutcome: experiment.Publisher{NC: d.NC}.OnOutcome(d.Log),
			},
		},
	}
	fl, err := flags.Open(sctx, d.NC, d.Log, flags.Replicas(cfg.Replicas))
	if err != nil {
		moderated.Close()
		log.Close()
		presence.Close()
		return nil, fmt.Errorf("feature flags: %w", err)
	}
	pre.Flags = fl
	if err := pre.Start(sctx, st); err != nil {
		_ = fl.Close()
		moderated.Close()
		log.Close()
		presence.Close()
		return nil, err
	}
	ignored := NewIgnoredDecisions()
	if d.Registry != nil {
		if err := d.Registry.Register(ignored); err != nil {
			var are prometheus.AlreadyRegisteredError
			if !errors.As(err, &are) {
				pre.Stop()
				_ = fl.Close()
				moderated.Close()
				log.Close()
				presence.Close()
				return nil, fmt.Errorf("metrics: %w", err)
			}
			ignored = are.ExistingCollector.(*prometheus.CounterVec)
		}
	}
	decisions := &Decisions{
		NC: d.NC, JS: js, Moderated: moderated, Cases: client.Moderation{NC: d.NC},
		Republish: pre.Republish, Messages: log, Ignored: ignored, Logger: d.Log, Timeout: cfg.Timeout,
	}
	decisions.Start()
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceMessages,
		Version:     Version,
		Description: "Chat messages: read model, pre-translated views, moderators' decisions",
		Metadata:    map[string]string{"max_locales": fmt.Sprint(cfg.MaxLocales), "flagged": cfg.Flagged},
		// Nil: the process-wide provider, as for the pre-translator.
		TracerProvider: d.TracerProvider,
	}, Endpoints(log, moderated), d.Metrics, d.Log)
	if err != nil {
		decisions.Stop()
		pre.Stop()
		_ = fl.Close()
		moderated.Close()
		log.Close()
		presence.Close()
		return nil, fmt.Errorf("register messages service: %w", err)
	}
	d.Log.Info("messages service started", "max_age", cfg.MaxAge, "max_per_conversation", cfg.MaxPerConversation,
		"max_locales", cfg.MaxLocales, "reader_ttl", cfg.ReaderTTL)
	return func() error {
		err := srv.Stop()
		decisions.Stop()
		pre.Stop()
		moderated.Close()
		log.Close()
		eraser.Stop()
		presence.Close()
		return errors.Join(err, fl.Close())
	}, nil
}

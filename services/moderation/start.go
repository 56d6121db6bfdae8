package moderation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TranslateOverrides stores corrections through the translate service.
type TranslateOverrides struct{ NC *nats.Conn }

// Override calls api.SubjectTranslateOverride.
func (t TranslateOverrides) Override(ctx context.Context, req api.TranslateOverrideRequest) (*api.TranslateOverrideResponse, error) {
	return client.Call[api.TranslateOverrideResponse](ctx, t.NC, api.SubjectTranslateOverride, req)
}

// replyBudget is the size of a list or audit page for a server whose
// max_payload is maxPayload: half of it (headers and the JSON envelope
// need a little), and never more than DefaultMaxReplyBytes.
func replyBudget(maxPayload int64) int {
	if maxPayload <= 0 {
		return DefaultMaxReplyBytes
	}
	return int(min(int64(DefaultMaxReplyBytes), maxPayload/2))
}

// Start opens the case store on JetStream, starts the durable intake
// consumer and the lease reaper, and registers the moderation service.
//
// Settings (environment):
//   - MODERATION_LEASE: a claim's default lease (default 5m).
//   - MODERATION_MAX_LEASE: the longest lease a claim may ask for
//     (default 1h).
//   - MODERATION_REAP_INTERVAL: how often lapsed leases are released and
//     audited (default 30s; reads show them released at once anyway).
//   - MODERATION_WORKERS: requests handled at once per endpoint
//     (default 8).
//   - MODERATION_CONSUMER: the intake stream's durable consumer
//     (default "moderation").
//   - MODERATION_REPLICAS: JetStream replicas of the bucket and streams
//     (default PARLEY_JS_REPLICAS, else 1).
//   - MAX_TEXT_CHARS: the longest correction (default 10000).
//   - MODERATION_CASE_MAX_AGE: how long a decided case is kept after its
//     last change (default 2160h, 90 days; 0 keeps cases for ever).
//   - MODERATION_AUDIT_MAX_AGE: how long the audit log keeps an entry
//     (default 9600h, 400 days; 0 keeps entries for ever).
//   - MODERATION_INTAKE_MAX_AGE: how long a flagged view waits in the
//     intake stream for a case to be made of it (default 168h); a view
//     made into a case is deleted from the stream at once.
//   - MODERATION_SWEEP_INTERVAL: how often case retention runs (default
//     10m): cases of messages older than the chat stream's MaxAge are
//     redacted, decided cases older than MODERATION_CASE_MAX_AGE deleted.
//   - MODERATION_DELETES_CONSUMER: the chat stream's durable consumer
//     that redacts the cases of deleted messages (default
//     "moderation-deletes").
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	env, log := d.Env, d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lease := env.Duration("MODERATION_LEASE", DefaultLease)
	maxLease := env.Duration("MODERATION_MAX_LEASE", DefaultMaxLease)
	reap := env.Duration("MODERATION_REAP_INTERVAL", 30*time.Second)
	workers := env.Int("MODERATION_WORKERS", 8)
	durable := env.String("MODERATION_CONSUMER", "moderation")
	replicas := env.Int("MODERATION_REPLICAS", natsutil.JetStreamReplicas(env))
	// As the gateway reads it: out of range is refused, not defaulted.
	maxRunes := env.IntMin("MAX_TEXT_CHARS", api.MaxTextRunes, 1)
	caseMaxAge := env.Duration("MODERATION_CASE_MAX_AGE", DefaultCaseMaxAge)
	auditMaxAge := env.Duration("MODERATION_AUDIT_MAX_AGE", DefaultAuditMaxAge)
	intakeMaxAge := env.Duration("MODERATION_INTAKE_MAX_AGE", DefaultIntakeMaxAge)
	sweep := env.Duration("MODERATION_SWEEP_INTERVAL", 10*time.Minute)
	deletes := env.String("MODERATION_DELETES_CONSUMER", "moderation-deletes")
	if err := env.Err(); err != nil {
		return nil, err
	}
	if workers < 1 || replicas < 1 || reap <= 0 || sweep <= 0 {
		return nil, errors.New("MODERATION_WORKERS, MODERATION_REPLICAS, MODERATION_REAP_INTERVAL and MODERATION_SWEEP_INTERVAL must be positive")
	}
	if caseMaxAge < 0 || auditMaxAge < 0 || intakeMaxAge <= 0 {
		return nil, errors.New("MODERATION_CASE_MAX_AGE and MODERATION_AUDIT_MAX_AGE must not be negative (0 keeps for ever), MODERATION_INTAKE_MAX_AGE must be positive")
	}
	store, err := jsstore.Open(ctx, d.NC, jsstore.Config{Replicas: replicas, AuditMaxAge: auditMaxAge, IntakeMaxAge: intakeMaxAge, Log: log})
	if err != nil {
		return nil, fmt.Errorf("moderation store: %w", err)
	}
	s, err := New(Config{
		Store: store, Overrides: TranslateOverrides{NC: d.NC}, Log: log,
		Lease: lease, MaxLease: maxLease, MaxTextRunes: maxRunes,
		MaxReplyBytes: replyBudget(d.NC.MaxPayload()),
		Deletes:       store,
	})
	if err != nil {
		store.Close()
		return nil, err
	}
	coll := Collector(s)
	if d.Registry != nil {
		if err := d.Registry.Register(coll); err != nil {
			store.Close()
			return nil, fmt.Errorf("register moderation metrics: %w", err)
		}
	}
	unregister := func() {
		if d.Registry != nil {
			d.Registry.Unregister(coll)
		}
	}
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceModeration,
		Version:     Version,
		Description: "Moderation cases of flagged views: queue, claims with leases, decisions, corrections, audit log",
		Metadata:    map[string]string{"lease": lease.String(), "consumer": durable, "case_max_age": caseMaxAge.String(), "audit_max_age": auditMaxAge.String()},
	}, Endpoints(s, workers), d.Metrics, log)
	if err != nil {
		unregister()
		store.Close()
		return nil, fmt.Errorf("register moderation service: %w", err)
	}
	consumer, err := store.Consume(durable, func(ctx context.Context, f *api.FlaggedView) error {
		_, err := s.Intake(ctx, f)
		return err
	})
	if err != nil {
		_ = srv.Stop()
		unregister()
		store.Close()
		return nil, err
	}

	rctx, cancel := context.WithCancel(context.Background())
	stopDeletes := store.ConsumeDeletes(rctx, deletes, 5*time.Second, func(ctx context.Context, m jsstore.MessageDelete) error {
		_, err := s.MessageDeleted(ctx, m.Tenant, m.Conversation, m.ID)
		return err
	})
	var wg sync.WaitGroup
	every := func(d time.Duration, run func()) {
		wg.Go(func() {
			t := time.NewTicker(d)
			defer t.Stop()
			for {
				select {
				case <-rctx.Done():
					return
				case <-t.C:
					run()
				}
			}
		})
	}
	every(sweep, func() { sweepOnce(rctx, s, store, caseMaxAge, log) })
	every(reap, func() {
		if n, err := s.ExpireLeases(rctx); err != nil && rctx.Err() == nil {
			log.Warn("releasing lapsed claims failed", "err", err)
		} else if n > 0 {
			log.Info("released lapsed claims", "count", n)
		}
	})
	return func() error {
		consumer.Drain()
		<-consumer.Closed()
		stopDeletes()
		cancel()
		wg.Wait()
		err := srv.Stop()
		unregister()
		store.Close()
		return err
	}, nil
}

// Retention defaults (see Start).
const (
	DefaultCaseMaxAge   = 90 * 24 * time.Hour
	DefaultAuditMaxAge  = 400 * 24 * time.Hour
	DefaultIntakeMaxAge = 7 * 24 * time.Hour
)

// sweepOnce runs case retention (Service.Sweep) with the chat stream's
// MaxAge as the messages' retention.
func sweepOnce(ctx context.Context, s *Service, store *jsstore.Store, caseMaxAge time.Duration, log *slog.Logger) {
	msgAge, err := store.ChatMaxAge(ctx)
	if err != nil && ctx.Err() == nil {
		log.Warn("chat stream retention unknown; cases of expired messages not redacted this time", "err", err)
	}
	redacted, purged, err := s.Sweep(ctx, caseMaxAge, msgAge)
	if err != nil && ctx.Err() == nil {
		log.Warn("case retention failed", "err", err)
	}
	if redacted > 0 || purged > 0 {
		log.Info("case retention", "redacted", redacted, "deleted", purged)
	}
}

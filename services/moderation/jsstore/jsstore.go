// Package jsstore keeps moderation cases in JetStream: a KV bucket of
// cases (file storage, revision-checked updates), an append-only audit
// stream (deletes and purges denied), and the durable consumer of the
// intake stream that flagged views arrive on. Every replica mirrors the
// bucket in memory through a watcher, for listing.
package jsstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// Config configures a Store.
type Config struct {
	// Bucket is the cases KV bucket (default api.BucketModerationCases).
	Bucket string
	// Replicas of the bucket and streams (default 1).
	Replicas int
	Log      *slog.Logger
}

// Store implements the moderation service's Store on JetStream. Its
// errors for a missing case and a stale revision are *api.Error values
// with api.CodeNotFound and api.CodeConflict.
type Store struct {
	js    jetstream.JetStream
	kv    jetstream.KeyValue
	audit jetstream.Stream
	log   *slog.Logger

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu    sync.RWMutex
	cases map[string]*api.Case // mirror of the bucket
}

// auditSubject is the subject of one audit entry.
func auditSubject(action, caseID string) string {
	return api.SubjectModerationAuditPrefix + "." + action + "." + caseID
}

// Open creates (or adopts) the bucket and streams and returns once the
// mirror holds every stored case.
func Open(ctx context.Context, nc *nats.Conn, cfg Config) (*Store, error) {
	if cfg.Bucket == "" {
		cfg.Bucket = api.BucketModerationCases
	}
	if cfg.Replicas <= 0 {
		cfg.Replicas = 1
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      cfg.Bucket,
		Description: "Parley moderation cases",
		History:     1,
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("cases bucket %s: %w", cfg.Bucket, err)
	}
	audit, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        api.StreamModerationAudit,
		Description: "Parley moderation audit log: every action on every case (append-only)",
		Subjects:    []string{api.SubjectModerationAuditPrefix + ".>"},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		Replicas:    cfg.Replicas,
		DenyDelete:  true,
		DenyPurge:   true,
		Duplicates:  2 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("audit stream: %w", err)
	}
	intake := client.IntakeStreamConfig()
	intake.Replicas = cfg.Replicas
	if _, err := js.CreateOrUpdateStream(ctx, intake); err != nil {
		return nil, fmt.Errorf("intake stream: %w", err)
	}

	s := &Store{js: js, kv: kv, audit: audit, log: cfg.Log, cases: map[string]*api.Case{}, done: make(chan struct{})}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	w, err := kv.WatchAll(s.ctx)
	if err != nil {
		s.cancel()
		return nil, fmt.Errorf("watch %s: %w", cfg.Bucket, err)
	}
	ready := make(chan struct{})
	go s.watch(w, ready)
	select {
	case <-ready:
	case <-ctx.Done():
		s.Close()
		return nil, fmt.Errorf("load cases: %w", ctx.Err())
	}
	return s, nil
}

// watch keeps the mirror up to date with the bucket.
func (s *Store) watch(w jetstream.KeyWatcher, ready chan struct{}) {
	defer close(s.done)
	defer func() { _ = w.Stop() }()
	for {
		select {
		case <-s.ctx.Done():
			return
		case e, ok := <-w.Updates():
			if !ok {
				return
			}
			if e == nil { // the initial values are all in
				close(ready)
				continue
			}
			if e.Operation() != jetstream.KeyValuePut {
				s.mu.Lock()
				delete(s.cases, e.Key())
				s.mu.Unlock()
				continue
			}
			c, err := decode(e)
			if err != nil {
				s.log.Warn("undecodable moderation case", "key", e.Key(), "err", err)
				continue
			}
			s.remember(c)
		}
	}
}

// remember puts c in the mirror unless the mirror has a newer revision
// (a local write is remembered at once, before the watcher sees it).
func (s *Store) remember(c *api.Case) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.cases[c.ID]; ok && old.Revision >= c.Revision {
		return
	}
	s.cases[c.ID] = c
}

func decode(e jetstream.KeyValueEntry) (*api.Case, error) {
	c := new(api.Case)
	if err := json.Unmarshal(e.Value(), c); err != nil {
		return nil, err
	}
	c.ID = e.Key()
	c.Revision = e.Revision()
	return c, nil
}

// Close stops the watcher.
func (s *Store) Close() {
	s.cancel()
	<-s.done
}

// Get implements the moderation Store.
func (s *Store) Get(ctx context.Context, id string) (*api.Case, error) {
	e, err := s.kv.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted) {
		return nil, api.FieldError(api.CodeNotFound, "id", "no case %q", id)
	}
	if err != nil {
		return nil, fmt.Errorf("get case %s: %w", id, err)
	}
	return decode(e)
}

// Create implements the moderation Store.
func (s *Store) Create(ctx context.Context, c *api.Case) (bool, uint64, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return false, 0, fmt.Errorf("encode case: %w", err)
	}
	rev, err := s.kv.Create(ctx, c.ID, data)
	if errors.Is(err, jetstream.ErrKeyExists) {
		return false, 0, nil
	}
	if err != nil {
		return false, 0, fmt.Errorf("create case %s: %w", c.ID, err)
	}
	cp := *c
	cp.Revision = rev
	s.remember(&cp)
	return true, rev, nil
}

// Update implements the moderation Store.
func (s *Store) Update(ctx context.Context, c *api.Case, rev uint64) (uint64, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return 0, fmt.Errorf("encode case: %w", err)
	}
	newRev, err := s.kv.Update(ctx, c.ID, data, rev)
	if errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return 0, api.Errorf(api.CodeConflict, "case %s changed (revision %d is not the latest)", c.ID, rev)
	}
	if err != nil {
		return 0, fmt.Errorf("update case %s: %w", c.ID, err)
	}
	cp := *c
	cp.Revision = newRev
	s.remember(&cp)
	return newRev, nil
}

// Cases implements the moderation Store.
func (s *Store) Cases() []*api.Case {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*api.Case, 0, len(s.cases))
	for _, c := range s.cases {
		out = append(out, c)
	}
	return out
}

// Append implements the moderation Store. Each entry's Nats-Msg-Id is its
// case, revision and action, so a retried append is stored once.
func (s *Store) Append(ctx context.Context, entries ...api.AuditEntry) error {
	for _, e := range entries {
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode audit entry: %w", err)
		}
		msg := &nats.Msg{Subject: auditSubject(e.Action, e.CaseID), Data: data, Header: nats.Header{}}
		msg.Header.Set(jetstream.MsgIDHeader, e.CaseID+"."+strconv.FormatUint(e.Revision, 10)+"."+e.Action)
		if _, err := s.js.PublishMsg(ctx, msg); err != nil {
			return fmt.Errorf("append audit entry: %w", err)
		}
	}
	return nil
}

// Audit implements the moderation Store: it reads the stream with an ordered
// consumer from the sequence after req.After.
func (s *Store) Audit(ctx context.Context, req api.AuditListRequest) ([]api.AuditEntry, error) {
	filter := api.SubjectModerationAuditPrefix + ".>"
	if req.CaseID != "" {
		filter = auditSubject("*", req.CaseID)
	}
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{filter}, DeliverPolicy: jetstream.DeliverAllPolicy}
	if req.After > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, req.After+1
	}
	cons, err := s.audit.OrderedConsumer(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("audit consumer: %w", err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit consumer info: %w", err)
	}
	want := min(int(info.NumPending), req.Limit)
	var out []api.AuditEntry
	for len(out) < want {
		batch, err := cons.Fetch(want-len(out), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return nil, fmt.Errorf("read audit: %w", err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			var e api.AuditEntry
			if err := json.Unmarshal(m.Data(), &e); err != nil {
				s.log.Warn("undecodable audit entry", "subject", m.Subject(), "err", err)
				continue
			}
			if md, err := m.Metadata(); err == nil {
				e.Seq = md.Sequence.Stream
			}
			out = append(out, e)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
			return nil, fmt.Errorf("read audit: %w", err)
		}
		if n == 0 {
			break
		}
	}
	return out, nil
}

// Consume runs a durable pull consumer of the intake stream that hands
// each flagged view to intake: acknowledged when intake succeeds (or the
// message cannot be decoded, which no retry would fix), redelivered after
// a delay when it fails. Stop the returned context to end consumption.
func (s *Store) Consume(durable string, intake func(ctx context.Context, f *api.FlaggedView) error) (jetstream.ConsumeContext, error) {
	cons, err := s.js.CreateOrUpdateConsumer(s.ctx, api.StreamModerationIntake, jetstream.ConsumerConfig{
		Durable:       durable,
		Description:   "Parley moderation: makes cases of flagged views",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       30 * time.Second,
		MaxAckPending: 256,
		FilterSubject: api.SubjectModerationIntake,
	})
	if err != nil {
		return nil, fmt.Errorf("intake consumer %s: %w", durable, err)
	}
	return cons.Consume(func(m jetstream.Msg) {
		var f api.FlaggedView
		if err := json.Unmarshal(m.Data(), &f); err != nil {
			s.log.Error("undecodable flagged view dropped", "err", err)
			_ = m.Term()
			return
		}
		ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		if err := intake(ctx, &f); err != nil {
			var ae *api.Error
			if errors.As(err, &ae) && ae.Status() < 500 {
				s.log.Error("flagged view refused", "err", err)
				_ = m.Term()
				return
			}
			s.log.Warn("flagged view not yet a case; will retry", "err", err)
			_ = m.NakWithDelay(2 * time.Second)
			return
		}
		_ = m.Ack()
	})
}

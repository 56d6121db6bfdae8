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
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Config configures a Store.
type Config struct {
	// Bucket is the cases KV bucket (default api.BucketModerationCases).
	Bucket string
	// Replicas of the bucket and streams (default 1).
	Replicas int
	// AuditMaxAge is how long the audit stream keeps an entry (0: for
	// ever). It may be changed on an existing stream: deletes and purges
	// stay denied, and age is the one way entries leave.
	AuditMaxAge time.Duration
	// IntakeMaxAge is how long the intake stream keeps a flagged view
	// that no replica has made a case of (0: the client's default, 7
	// days). A view made into a case is deleted from the stream at once.
	IntakeMaxAge time.Duration
	// IntakeAckWait is how long a flagged view handed to a replica waits
	// for its answer before it is handed out again (default
	// DefaultIntakeAckWait). A replica making a case reports progress
	// every third of it, so a slow intake is not handed out twice; a
	// delivery, nak or ack lost with a NATS node or a replica costs this
	// long.
	IntakeAckWait time.Duration
	Log           *slog.Logger
}

// DefaultIntakeAckWait: a case made within seconds of a node's loss, where
// the 30 s of a consumer's usual AckWait let a moderator wait that long.
const DefaultIntakeAckWait = 6 * time.Second

// Store implements the moderation service's Store on JetStream. Its
// errors for a missing case and a stale revision are *api.Error values
// with api.CodeNotFound and api.CodeConflict.
type Store struct {
	js     jetstream.JetStream
	kv     jetstream.KeyValue
	audit  jetstream.Stream
	intake jetstream.Stream
	log    *slog.Logger

	ctx           context.Context
	cancel        context.CancelFunc
	done          chan struct{}
	intakeAckWait time.Duration

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
	if cfg.IntakeAckWait <= 0 {
		cfg.IntakeAckWait = DefaultIntakeAckWait
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	// Replicas are raised to cfg.Replicas, never lowered (natsutil).
	kv, err := natsutil.CreateOrUpdateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket:      cfg.Bucket,
		Description: "Parley moderation cases",
		History:     1,
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
	}, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("cases bucket %s: %w", cfg.Bucket, err)
	}
	audit, err := natsutil.CreateOrUpdateStream(ctx, js, jetstream.StreamConfig{
		Name:        api.StreamModerationAudit,
		Description: "Parley moderation audit log: every action on every case (append-only)",
		Subjects:    []string{api.SubjectModerationAuditPrefix + ".>"},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		Replicas:    cfg.Replicas,
		DenyDelete:  true,
		DenyPurge:   true,
		Duplicates:  2 * time.Minute,
		MaxAge:      cfg.AuditMaxAge,
	}, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("audit stream: %w", err)
	}
	intake := client.IntakeStreamConfig()
	intake.Replicas = cfg.Replicas
	if cfg.IntakeMaxAge > 0 {
		intake.MaxAge = cfg.IntakeMaxAge
		// JetStream refuses a duplicate window longer than the age.
		intake.Duplicates = min(intake.Duplicates, cfg.IntakeMaxAge)
	}
	intakeStream, err := natsutil.CreateOrUpdateStream(ctx, js, intake, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("intake stream: %w", err)
	}

	s := &Store{js: js, kv: kv, audit: audit, intake: intakeStream, log: cfg.Log, cases: map[string]*api.Case{}, done: make(chan struct{}),
		intakeAckWait: cfg.IntakeAckWait}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	// Not s.ctx: the client library would unsubscribe on a goroutine of
	// its own when it ends, which Close could not wait for, while watch
	// stops the watcher too. watch stops it, and Close waits for that.
	w, err := kv.WatchAll(context.WithoutCancel(s.ctx))
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

// Close stops the watcher and returns once it has stopped (its consumer
// deleted), so that a connection drained after it does not delete the
// consumer too ("consumer not found").
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
	if errors.Is(err, nats.ErrMaxPayload) {
		return false, 0, tooLarge(c.ID, len(data))
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
	if errors.Is(err, nats.ErrMaxPayload) {
		return 0, tooLarge(c.ID, len(data))
	}
	if err != nil {
		return 0, fmt.Errorf("update case %s: %w", c.ID, err)
	}
	cp := *c
	cp.Revision = newRev
	s.remember(&cp)
	return newRev, nil
}

// Delete implements the moderation Store: it purges the case's key if it
// is still at revision rev, so that no revision of it is left in the
// bucket.
func (s *Store) Delete(ctx context.Context, id string, rev uint64) error {
	err := s.kv.Purge(ctx, id, jetstream.LastRevision(rev))
	if errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return api.Errorf(api.CodeConflict, "case %s changed (revision %d is not the latest)", id, rev)
	}
	if err != nil {
		return fmt.Errorf("purge case %s: %w", id, err)
	}
	s.mu.Lock()
	delete(s.cases, id)
	s.mu.Unlock()
	return nil
}

// tooLarge is the error for a case that would not fit in one NATS
// message: no retry stores it, so it is the caller's 413 rather than the
// store's 503. The service's own limits (notes) keep cases well under it.
func tooLarge(id string, size int) error {
	return api.Errorf(api.CodeBodyTooLarge, "case %s would take %d bytes, more than one NATS message holds", id, size)
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

// entryOverhead is what the reply adds to an audit entry as stored: its
// "seq" field and the comma between entries.
const entryOverhead = 32

// Audit implements the moderation Store: it reads the stream with an ordered
// consumer from the sequence after req.After. A page stops at req.Limit
// entries or before maxBytes of them; a Newest page keeps the last entries
// that fit and counts the ones before them.
func (s *Store) Audit(ctx context.Context, req api.AuditListRequest, maxBytes int) (*api.AuditListResponse, error) {
	filter := api.SubjectModerationAuditPrefix + ".>"
	if req.CaseID != "" {
		filter = auditSubject("*", req.CaseID)
	}
	limit := max(1, req.Limit)
	out := &api.AuditListResponse{Entries: []api.AuditEntry{}}
	cons, pending, err := s.auditConsumer(ctx, filter, req.After+1)
	if err != nil || pending == 0 {
		return out, err
	}
	if !req.Newest {
		size := 0
		// One entry past the limit tells whether more follow.
		cut, err := s.readAudit(ctx, cons, min(pending, limit+1), func(e api.AuditEntry, n int) bool {
			if len(out.Entries) == limit || (len(out.Entries) > 0 && size+n > maxBytes) {
				return false
			}
			size += n
			out.Entries = append(out.Entries, e)
			return true
		})
		if err != nil {
			return nil, err
		}
		if cut {
			out.More, out.NextAfter = true, out.Entries[len(out.Entries)-1].Seq
		}
		return out, nil
	}

	skipped := 0
	if req.CaseID == "" && pending > limit {
		// Every entry of the stream is in the whole log, so its last
		// entries start limit sequences before its end: no need to read
		// the rest. (One case's entries are spread over the stream; they
		// are read from the first.)
		info, err := s.audit.Info(ctx)
		if err != nil {
			return nil, fmt.Errorf("audit stream info: %w", err)
		}
		if last := info.State.LastSeq; last > uint64(limit) && last-uint64(limit)+1 > req.After+1 {
			tail, n, err := s.auditConsumer(ctx, filter, last-uint64(limit)+1)
			if err != nil {
				return nil, err
			}
			skipped = max(0, pending-n)
			cons, pending = tail, n
		}
	}
	// Keep the newest entries that fit: drop from the front while the
	// page is over the limit or the budget (never its last entry).
	var sizes []int
	size := 0
	_, err = s.readAudit(ctx, cons, pending, func(e api.AuditEntry, n int) bool {
		out.Entries = append(out.Entries, e)
		sizes = append(sizes, n)
		size += n
		for len(out.Entries) > 1 && (len(out.Entries) > limit || size > maxBytes) {
			size -= sizes[0]
			out.Entries, sizes = out.Entries[1:], sizes[1:]
			skipped++
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	out.Older = skipped
	return out, nil
}

// auditConsumer is an ordered consumer of the audit entries on filter
// from sequence start on, and how many there are.
func (s *Store) auditConsumer(ctx context.Context, filter string, start uint64) (jetstream.Consumer, int, error) {
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{filter}, DeliverPolicy: jetstream.DeliverAllPolicy}
	if start > 1 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, start
	}
	cons, err := s.audit.OrderedConsumer(ctx, cfg)
	if err != nil {
		return nil, 0, fmt.Errorf("audit consumer: %w", err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("audit consumer info: %w", err)
	}
	return cons, int(info.NumPending), nil
}

// auditFetch is how many entries one fetch asks for.
const auditFetch = 256

// readAudit hands up to n entries of cons to take, with the size each
// takes in a reply, until take refuses one (cut is then true) or the
// entries run out. Undecodable entries are logged and skipped.
func (s *Store) readAudit(ctx context.Context, cons jetstream.Consumer, n int, take func(e api.AuditEntry, size int) bool) (cut bool, err error) {
	read := 0
	for read < n {
		batch, err := natsutil.Fetch(ctx, cons, min(n-read, auditFetch), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return false, fmt.Errorf("read audit: %w", err)
		}
		got, more := 0, true
		for m := range batch.Messages() {
			got++
			if !more {
				continue // drain the batch
			}
			var e api.AuditEntry
			if err := json.Unmarshal(m.Data(), &e); err != nil {
				s.log.Warn("undecodable audit entry", "subject", m.Subject(), "err", err)
				continue
			}
			if md, err := m.Metadata(); err == nil {
				e.Seq = md.Sequence.Stream
			}
			more = take(e, len(m.Data())+entryOverhead)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
			return false, fmt.Errorf("read audit: %w", err)
		}
		if !more || got == 0 {
			return !more, nil
		}
		if err := ctx.Err(); err != nil {
			return false, fmt.Errorf("read audit: %w", err)
		}
		read += got
	}
	return false, nil
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
		AckWait:       s.intakeAckWait,
		MaxAckPending: 256,
		FilterSubject: api.SubjectModerationIntake,
	})
	if err != nil {
		return nil, fmt.Errorf("intake consumer %s: %w", durable, err)
	}
	// A short pull expiry: a pull that found no responders (sent through
	// a node the new consumer's interest has not reached yet) or was lost
	// with a node is renewed when its heartbeats stop, within seconds
	// instead of the default 30 s, which let a case wait past 20 s.
	return cons.Consume(func(m jetstream.Msg) {
		var f api.FlaggedView
		if err := json.Unmarshal(m.Data(), &f); err != nil {
			s.log.Error("undecodable flagged view dropped", "err", err)
			_ = m.Term()
			s.forget(m)
			return
		}
		ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		defer s.inProgress(ctx, m)()
		if err := intake(ctx, &f); err != nil {
			var ae *api.Error
			if errors.As(err, &ae) && ae.Status() < 500 {
				s.log.Error("flagged view refused", "err", err)
				_ = m.Term()
				s.forget(m)
				return
			}
			s.log.Warn("flagged view not yet a case; will retry", "err", err)
			_ = m.NakWithDelay(2 * time.Second)
			return
		}
		if err := m.DoubleAck(ctx); err == nil {
			s.forget(m)
		}
	}, jetstream.PullExpiry(5*time.Second))
}

// inProgress tells the stream, every third of the intake's AckWait, that
// m is still being worked on, until the returned func is called.
func (s *Store) inProgress(ctx context.Context, m jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(s.intakeAckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				_ = m.InProgress()
			}
		}
	}()
	return func() { close(done) }
}

// forget deletes a flagged view the service is done with from the intake
// stream: the view holds the message's text and author, and the case now
// holds what is kept of them (which a delete of the message redacts).
// Limits retention would keep it for the stream's whole MaxAge. A failed
// delete is logged: MaxAge removes the view in the end.
func (s *Store) forget(m jetstream.Msg) {
	md, err := m.Metadata()
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	if err := s.intake.DeleteMsg(ctx, md.Sequence.Stream); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
		s.log.Warn("flagged view not deleted from the intake stream", "seq", md.Sequence.Stream, "err", err)
	}
}

// MessageDelete is a delete of a chat message, as read from the chat
// stream.
type MessageDelete struct {
	Tenant, Conversation, ID string
}

// ConsumeDeletes runs a durable pull consumer of the chat stream
// (api.StreamChat) that hands each delete event to deleted: acknowledged
// when deleted succeeds, redelivered after a delay when it fails. Other
// events (posts, edits) are acknowledged and skipped. The chat stream
// belongs to the messages service and may not exist yet: the consumer is
// bound in the background, retried every retry until it is or ctx ends.
// The consumer starts at the stream's first event, so that deletes made
// before the service consumed them (or before it was upgraded) reach the
// cases they concern.
func (s *Store) ConsumeDeletes(ctx context.Context, durable string, retry time.Duration, deleted func(ctx context.Context, d MessageDelete) error) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	var cc jetstream.ConsumeContext // set before done closes
	go func() {
		defer close(done)
		for {
			var err error
			if cc, err = s.bindDeletes(ctx, durable, deleted); err == nil {
				return
			}
			s.log.Debug("chat deletes not followed yet", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(retry):
			}
		}
	}()
	return func() {
		cancel()
		<-done
		if cc != nil {
			cc.Drain()
			<-cc.Closed()
		}
	}
}

func (s *Store) bindDeletes(ctx context.Context, durable string, deleted func(ctx context.Context, d MessageDelete) error) (jetstream.ConsumeContext, error) {
	bctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	st, err := s.js.Stream(bctx, api.StreamChat)
	if err != nil {
		return nil, fmt.Errorf("chat stream: %w", err)
	}
	cons, err := st.CreateOrUpdateConsumer(bctx, jetstream.ConsumerConfig{
		Durable:        durable,
		Description:    "Parley moderation: redacts the cases of deleted messages",
		FilterSubjects: api.ChatSubjects(),
		DeliverPolicy:  jetstream.DeliverAllPolicy,
		AckPolicy:      jetstream.AckExplicitPolicy,
		AckWait:        30 * time.Second,
		MaxAckPending:  256,
	})
	if err != nil {
		return nil, fmt.Errorf("chat deletes consumer %s: %w", durable, err)
	}
	return cons.Consume(func(m jetstream.Msg) {
		d, ok := deleteOf(m.Subject(), m.Data())
		if !ok {
			_ = m.Ack()
			return
		}
		hctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
		defer cancel()
		if err := deleted(hctx, d); err != nil {
			s.log.Warn("cases of a deleted message not yet redacted; will retry", "conversation", d.Conversation, "id", d.ID, "err", err)
			_ = m.NakWithDelay(5 * time.Second)
			return
		}
		_ = m.Ack()
	})
}

// deleteOf reads a chat event: ok when it is a delete. The tenant is the
// subject's, or, on a conversation's legacy subject, the event's (as the
// messages service reads them).
func deleteOf(subject string, data []byte) (MessageDelete, bool) {
	conv, tenant, tenanted, ok := api.ParseChatSubject(subject)
	if !ok {
		return MessageDelete{}, false
	}
	var ev api.MessageEvent
	if err := json.Unmarshal(data, &ev); err != nil || ev.Op != api.OpDelete || ev.ID == "" {
		return MessageDelete{}, false
	}
	if !tenanted {
		tenant = ev.Tenant
	}
	return MessageDelete{Tenant: tenant, Conversation: conv, ID: ev.ID}, true
}

// ChatMaxAge is the chat stream's MaxAge: how long a message's events are
// kept (0: no limit, or no chat stream).
func (s *Store) ChatMaxAge(ctx context.Context) (time.Duration, error) {
	st, err := s.js.Stream(ctx, api.StreamChat)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("chat stream: %w", err)
	}
	return st.CachedInfo().Config.MaxAge, nil
}

// Deleted reports whether tenant's message id of conversation has a
// delete event in the chat stream: the case of a flagged view of it is
// then redacted as it is made (moderation.Service.Intake). It reads the
// conversation's events of that tenant (its tenant subject, and the
// legacy subject, whose events name their tenant), which the stream
// bounds (MESSAGES_MAX_PER_CONVERSATION per subject). No chat stream:
// nothing was deleted.
func (s *Store) Deleted(ctx context.Context, tenant, conversation, id string) (bool, error) {
	if conversation == "" || strings.ContainsAny(conversation, ".*> \t\r\n") {
		// No chat subject has that token: no event of it, no delete.
		return false, nil
	}
	st, err := s.js.Stream(ctx, api.StreamChat)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("chat stream: %w", err)
	}
	cons, err := st.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{api.TenantChatSubject(tenant, conversation), api.ChatSubject(conversation)},
		// One read, then deleted (below); the threshold drops it should
		// the delete not reach the server.
		InactiveThreshold: 30 * time.Second,
	})
	if err != nil {
		return false, fmt.Errorf("chat consumer: %w", err)
	}
	// Every intake of a stored message makes one: under an intake backlog,
	// the very case this serves, left to InactiveThreshold they would pile
	// up on the chat stream.
	defer func() {
		if ci := cons.CachedInfo(); ci != nil {
			dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
			_ = st.DeleteConsumer(dctx, ci.Name)
		}
	}()
	info, err := cons.Info(ctx)
	if err != nil {
		return false, fmt.Errorf("chat consumer: %w", err)
	}
	left := info.NumPending
	for left > 0 {
		// Asking for no more than is pending answers as soon as they
		// came, not at the fetch's deadline.
		batch, err := natsutil.Fetch(ctx, cons, int(min(left, 256)), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return false, fmt.Errorf("read chat events: %w", err)
		}
		got := 0
		found := false
		for m := range batch.Messages() {
			got++
			if d, ok := deleteOf(m.Subject(), m.Data()); ok && d == (MessageDelete{Tenant: tenant, Conversation: conversation, ID: id}) {
				found = true
			}
			if md, err := m.Metadata(); err == nil && md.NumPending == 0 {
				left = 0
			}
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, context.DeadlineExceeded) {
			return false, fmt.Errorf("read chat events: %w", err)
		}
		if found {
			return true, nil
		}
		if got == 0 {
			// Retention dropped the rest since the consumer was made.
			break
		}
		left -= min(left, uint64(got))
	}
	return false, nil
}

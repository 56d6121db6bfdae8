package messages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
)

// Stream metadata keys: the service writes its rendering settings into the
// stream's metadata, so that every gateway renders views the same way
// without a configuration of its own.
const (
	metaFlagged = "parley_flagged"
	metaContext = "parley_context_messages"
)

// StreamConfig is the chat stream's configuration for cfg.
func StreamConfig(cfg Config) jetstream.StreamConfig {
	cfg.defaults()
	dup := 2 * time.Minute
	if cfg.MaxAge > 0 && cfg.MaxAge < dup {
		dup = cfg.MaxAge
	}
	return jetstream.StreamConfig{
		Name:              api.StreamChat,
		Description:       "Parley chat messages: posts, edits and deletes, one subject per conversation",
		Subjects:          []string{api.SubjectChatAll},
		MaxAge:            cfg.MaxAge,
		MaxMsgsPerSubject: int64(cfg.MaxPerConversation),
		Discard:           jetstream.DiscardOld,
		Storage:           jetstream.FileStorage,
		Replicas:          cfg.Replicas,
		Duplicates:        dup,
		Metadata: map[string]string{
			metaFlagged: cfg.Flagged,
			metaContext: strconv.Itoa(cfg.ContextMessages),
		},
	}
}

// EnsureStream creates the chat stream, or updates it to cfg.
func EnsureStream(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Stream, error) {
	st, err := js.CreateOrUpdateStream(ctx, StreamConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("chat stream: %w", err)
	}
	return st, nil
}

// Settings are the rendering settings the service wrote into the stream.
type Settings struct {
	Flagged         string
	ContextMessages int
}

// Log is the read model of the chat stream: every message's current state,
// in memory, fed by an ordered consumer. Every process that renders views
// holds one; it is bounded by the stream's retention, which it mirrors.
type Log struct {
	log      *slog.Logger
	cc       jetstream.ConsumeContext
	settings Settings
	maxAge   time.Duration
	maxPer   int

	mu        sync.RWMutex
	byID      map[string]*api.Message
	convs     map[string][]*api.Message // by Seq
	applied   uint64
	caughtUp  bool
	changed   chan struct{} // closed and replaced at every change
	listeners map[string]map[chan api.Message]struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// OpenLog reads the chat stream from its start and follows it.
func OpenLog(ctx context.Context, st jetstream.Stream, log *slog.Logger) (*Log, error) {
	info, err := st.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("chat stream info: %w", err)
	}
	l := &Log{
		log: log, byID: map[string]*api.Message{}, convs: map[string][]*api.Message{},
		changed: make(chan struct{}), listeners: map[string]map[chan api.Message]struct{}{}, done: make(chan struct{}),
		maxAge: info.Config.MaxAge, maxPer: int(info.Config.MaxMsgsPerSubject),
		caughtUp: info.State.Msgs == 0,
	}
	l.settings.Flagged = info.Config.Metadata[metaFlagged]
	if l.settings.Flagged != FlaggedMask {
		l.settings.Flagged = FlaggedHide
	}
	l.settings.ContextMessages = 5
	if n, err := strconv.Atoi(info.Config.Metadata[metaContext]); err == nil && n >= 0 && n <= 10 {
		l.settings.ContextMessages = n
	}
	cons, err := st.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	if err != nil {
		return nil, fmt.Errorf("chat stream consumer: %w", err)
	}
	cc, err := cons.Consume(l.apply)
	if err != nil {
		return nil, fmt.Errorf("chat stream consume: %w", err)
	}
	l.cc = cc
	if l.maxAge > 0 {
		go l.sweep(min(time.Minute, l.maxAge/10+time.Millisecond))
	}
	return l, nil
}

// Close stops following the stream.
func (l *Log) Close() {
	l.cc.Stop()
	l.closeOnce.Do(func() { close(l.done) })
}

// Settings returns the rendering settings found in the stream.
func (l *Log) Settings() Settings { return l.settings }

// conversationOf reads the conversation token of a chat subject.
func conversationOf(subject string) string {
	rest, ok := strings.CutPrefix(subject, api.SubjectChatPrefix)
	if !ok {
		return ""
	}
	conv, _, _ := strings.Cut(rest, ".")
	return conv
}

// GeneratedID names a posted message that came without an id: its stream
// sequence, so that every replica of the read model names it alike.
func GeneratedID(seq uint64) string { return "s" + strconv.FormatUint(seq, 10) }

func (l *Log) apply(m jetstream.Msg) {
	meta, err := m.Metadata()
	if err != nil {
		l.log.Warn("chat event without metadata", "err", err)
		return
	}
	seq := meta.Sequence.Stream
	conv := conversationOf(m.Subject())
	var ev api.MessageEvent
	var changed *api.Message
	if err := json.Unmarshal(m.Data(), &ev); err != nil {
		l.log.Warn("chat event is not JSON; skipped", "seq", seq, "err", err)
	} else if err := ValidID("conversation", conv); err != nil {
		l.log.Warn("chat event on a bad conversation subject; skipped", "seq", seq, "subject", m.Subject())
	} else {
		changed, err = l.applyEvent(conv, seq, meta.Timestamp, ev)
		if err != nil {
			l.log.Warn("chat event skipped", "seq", seq, "conversation", conv, "err", err)
		}
	}
	l.mu.Lock()
	l.applied = seq
	if meta.NumPending == 0 {
		l.caughtUp = true
	}
	close(l.changed)
	l.changed = make(chan struct{})
	var notify []chan api.Message
	if changed != nil {
		for ch := range l.listeners[conv] {
			notify = append(notify, ch)
		}
	}
	var snapshot api.Message
	if changed != nil {
		snapshot = *changed
	}
	l.mu.Unlock()
	for _, ch := range notify {
		select {
		case ch <- snapshot:
		default: // a slow listener resumes from the stream (SSE Last-Event-ID)
		}
	}
}

// CheckEvent validates an event as the read model will; front ends call it
// to answer bad input with a 4xx before publishing.
func CheckEvent(ev *api.MessageEvent) error {
	switch ev.Op {
	case "", api.OpPost:
		ev.Op = api.OpPost
		if ev.ID != "" {
			if err := ValidID("id", ev.ID); err != nil {
				return err
			}
		}
	case api.OpEdit, api.OpDelete:
		if err := ValidID("id", ev.ID); err != nil {
			return err
		}
	default:
		return api.FieldError(api.CodeInvalidArgument, "op", "op must be post, edit or delete")
	}
	if ev.Op != api.OpDelete {
		text, err := api.ValidateText("text", ev.Text, api.MaxTextRunes)
		if err != nil {
			return err
		}
		ev.Text = text
	} else {
		ev.Text = ""
	}
	if len(ev.Author) > MaxAuthorBytes {
		return api.FieldError(api.CodeInvalidArgument, "author", "author must be at most %d bytes", MaxAuthorBytes)
	}
	if len(ev.Tenant) > MaxAuthorBytes || strings.ContainsAny(ev.Tenant, " *>") {
		return api.FieldError(api.CodeInvalidArgument, "tenant", "tenant must be at most %d bytes without spaces, '*' or '>'", MaxAuthorBytes)
	}
	if ev.ReplyTo != "" {
		if err := ValidID("reply_to", ev.ReplyTo); err != nil {
			return err
		}
	}
	if s := strings.TrimSpace(ev.Source); s != "" && !strings.EqualFold(s, "auto") {
		tag, err := api.ParseLanguage("source", s)
		if err != nil {
			return err
		}
		ev.Source = tag.String()
	} else {
		ev.Source = ""
	}
	return nil
}

func (l *Log) applyEvent(conv string, seq uint64, ts time.Time, ev api.MessageEvent) (*api.Message, error) {
	if err := CheckEvent(&ev); err != nil {
		return nil, err
	}
	at := ev.At
	if at.IsZero() {
		at = ts
	}
	at = at.UTC()
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev.Op {
	case api.OpPost:
		id := ev.ID
		if id == "" {
			id = GeneratedID(seq)
		}
		if _, dup := l.byID[id]; dup {
			return nil, fmt.Errorf("message %q exists", id)
		}
		msg := &api.Message{
			ID: id, Conversation: conv, Author: ev.Author, Text: ev.Text, Source: ev.Source,
			ReplyTo: ev.ReplyTo, CreatedAt: at, Revision: 1, Seq: seq, LastSeq: seq, Tenant: ev.Tenant,
		}
		l.byID[id] = msg
		l.convs[conv] = append(l.convs[conv], msg)
		l.prune(conv)
		return msg, nil
	default:
		msg, ok := l.byID[ev.ID]
		if !ok || msg.Conversation != conv {
			return nil, fmt.Errorf("%s of unknown message %q", ev.Op, ev.ID)
		}
		if msg.Deleted {
			return nil, fmt.Errorf("%s of deleted message %q", ev.Op, ev.ID)
		}
		if ev.Op == api.OpEdit {
			msg.Text = ev.Text
			msg.EditedAt = at
			msg.Revision++
		} else {
			msg.Deleted, msg.Text = true, ""
		}
		msg.LastSeq = seq
		return msg, nil
	}
}

// prune mirrors the stream's retention for one conversation, so that the
// read model stays bounded. Caller holds l.mu.
func (l *Log) prune(conv string) {
	msgs := l.convs[conv]
	drop := 0
	if l.maxPer > 0 && len(msgs) > l.maxPer {
		drop = len(msgs) - l.maxPer
	}
	if l.maxAge > 0 {
		cutoff := time.Now().Add(-l.maxAge)
		for drop < len(msgs) && msgs[drop].CreatedAt.Before(cutoff) {
			drop++
		}
	}
	for _, m := range msgs[:drop] {
		delete(l.byID, m.ID)
	}
	switch {
	case drop == len(msgs):
		delete(l.convs, conv)
	case drop > 0:
		// Moving the slice start keeps the array; clearing the dropped
		// pointers lets their messages go, and the next growth copies
		// only the live part.
		clear(msgs[:drop])
		l.convs[conv] = msgs[drop:]
	}
}

// sweep applies the age limit to every conversation, also those that get
// no new messages, as the stream does.
func (l *Log) sweep(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case <-t.C:
			l.mu.Lock()
			for conv := range l.convs {
				l.prune(conv)
			}
			l.mu.Unlock()
		}
	}
}

// Wait blocks until the read model has applied stream sequence seq (and
// caught up with the stream as it was when the Log opened).
func (l *Log) Wait(ctx context.Context, seq uint64) error {
	for {
		l.mu.RLock()
		done := l.caughtUp && l.applied >= seq
		ch := l.changed
		l.mu.RUnlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return api.Errorf(api.CodeTimeout, "the message store did not catch up in time")
		}
	}
}

// Get returns a message by id.
func (l *Log) Get(id string) (api.Message, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	m, ok := l.byID[id]
	if !ok {
		return api.Message{}, false
	}
	return *m, true
}

// Page returns up to limit messages of a conversation before the message
// named by before (the newest when empty), oldest first, with the cursor
// of the page before it ("" at the start) and the conversation's latest
// event sequence. With keep, the page holds only the messages keep
// accepts (a reader's tenant), and everything else answers as if the rest
// did not exist: before must name a kept message, the cursor is a kept
// message, and the sequence is the latest of a kept message, so a page
// tells a reader nothing of messages it may not see.
func (l *Log) Page(conv, before string, limit int, keep func(*api.Message) bool) (msgs []api.Message, prev string, lastSeq uint64, err error) {
	if keep == nil {
		keep = func(*api.Message) bool { return true }
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	all := l.convs[conv]
	end := len(all)
	if before != "" {
		b, ok := l.byID[before]
		if !ok || b.Conversation != conv || !keep(b) {
			return nil, "", 0, api.FieldError(api.CodeNotFound, "before", "no message %q in this conversation", before)
		}
		end, _ = slices.BinarySearchFunc(all, b.Seq, func(m *api.Message, seq uint64) int { return cmpSeq(m.Seq, seq) })
	}
	// Walk back from end: the page is the limit newest kept messages, and
	// one more kept message before them makes the page's first a cursor.
	var page []*api.Message
	i := end - 1
	for ; i >= 0 && len(page) < limit; i-- {
		if keep(all[i]) {
			page = append(page, all[i])
		}
	}
	for ; i >= 0 && len(page) > 0; i-- {
		if keep(all[i]) {
			prev = page[len(page)-1].ID
			break
		}
	}
	for j := len(page) - 1; j >= 0; j-- {
		msgs = append(msgs, *page[j])
	}
	for _, m := range all {
		if keep(m) {
			lastSeq = max(lastSeq, m.LastSeq)
		}
	}
	return msgs, prev, lastSeq, nil
}

func cmpSeq(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Context returns up to n messages before m in its conversation, oldest
// first (deleted ones left out), for the translator's context.
func (l *Log) Context(m api.Message, n int) []api.ContextMessage {
	if n <= 0 {
		return nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	all := l.convs[m.Conversation]
	end, _ := slices.BinarySearchFunc(all, m.Seq, func(x *api.Message, seq uint64) int { return cmpSeq(x.Seq, seq) })
	var out []api.ContextMessage
	for i := end - 1; i >= 0 && len(out) < n; i-- {
		if all[i].Deleted {
			continue
		}
		out = append(out, api.ContextMessage{Author: all[i].Author, Text: all[i].Text})
	}
	slices.Reverse(out)
	return out
}

// Since returns the messages of a conversation changed after stream
// sequence seq, in the order of their latest change.
func (l *Log) Since(conv string, seq uint64) []api.Message {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []api.Message
	for _, m := range l.convs[conv] {
		if m.LastSeq > seq {
			out = append(out, *m)
		}
	}
	slices.SortFunc(out, func(a, b api.Message) int { return cmpSeq(a.LastSeq, b.LastSeq) })
	return out
}

// Listen delivers every later change to a conversation's messages until
// the returned function is called. A listener that falls 64 changes
// behind misses changes (SSE clients resume with Last-Event-ID).
func (l *Log) Listen(conv string) (<-chan api.Message, func()) {
	ch := make(chan api.Message, 64)
	l.mu.Lock()
	if l.listeners[conv] == nil {
		l.listeners[conv] = map[chan api.Message]struct{}{}
	}
	l.listeners[conv][ch] = struct{}{}
	l.mu.Unlock()
	return ch, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		delete(l.listeners[conv], ch)
		if len(l.listeners[conv]) == 0 {
			delete(l.listeners, conv)
		}
	}
}

// Publish appends an event to a conversation's subject and returns its
// stream sequence. A post with an id is de-duplicated by the stream.
func Publish(ctx context.Context, js jetstream.JetStream, conv string, ev api.MessageEvent) (uint64, error) {
	data, err := json.Marshal(ev)
	if err != nil {
		return 0, fmt.Errorf("encode event: %w", err)
	}
	var opts []jetstream.PublishOpt
	if (ev.Op == "" || ev.Op == api.OpPost) && ev.ID != "" {
		opts = append(opts, jetstream.WithMsgID(conv+"/"+ev.ID))
	}
	ack, err := js.Publish(ctx, api.ChatSubject(conv), data, opts...)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return 0, api.Errorf(api.CodeTimeout, "the message store did not answer in time")
		}
		return 0, api.Errorf(api.CodeUnavailable, "the message store is unavailable")
	}
	if ack.Duplicate {
		return 0, api.FieldError(api.CodeConflict, "id", "a message with id %q was just posted", ev.ID)
	}
	return ack.Sequence, nil
}

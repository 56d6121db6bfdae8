package messages

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Stream metadata keys: the service writes its rendering settings into the
// stream's metadata, so that every gateway renders views the same way
// without a configuration of its own.
const (
	metaFlagged = "parley_flagged"
	metaContext = "parley_context_messages"
	// metaTenantBytes is MESSAGES_MAX_BYTES_PER_TENANT: every gateway
	// refuses a tenant's writes past it alike (Log.Admit).
	metaTenantBytes = "parley_max_bytes_per_tenant"
)

// StreamConfig is the chat stream's configuration for cfg.
func StreamConfig(cfg Config) jetstream.StreamConfig {
	cfg.defaults()
	dup := 2 * time.Minute
	if cfg.MaxAge > 0 && cfg.MaxAge < dup {
		dup = cfg.MaxAge
	}
	return jetstream.StreamConfig{
		Name:        api.StreamChat,
		Description: "Parley chat messages: posts, edits and deletes, one subject per tenant and conversation",
		// The tenant form, and the legacy form that a stream of an
		// earlier version holds and back ends may still publish on: an
		// update extends such a stream's subjects in place.
		Subjects:          api.ChatSubjects(),
		MaxAge:            cfg.MaxAge,
		MaxMsgsPerSubject: int64(cfg.MaxPerConversation),
		MaxBytes:          cfg.MaxBytes,
		// A full stream refuses new events rather than drop accepted
		// messages for room. MaxMsgsPerSubject still drops a subject's
		// (a tenant's conversation's) oldest events (DiscardNewPerSubject
		// is off), as the Log mirrors.
		Discard:    jetstream.DiscardNew,
		Storage:    jetstream.FileStorage,
		Replicas:   cfg.Replicas,
		Duplicates: dup,
		Metadata: map[string]string{
			metaFlagged:     cfg.Flagged,
			metaContext:     strconv.Itoa(cfg.ContextMessages),
			metaTenantBytes: strconv.FormatInt(cfg.MaxBytesPerTenant, 10),
		},
	}
}

// EnsureSubjects extends the subjects of a chat stream created by an
// earlier version (the legacy form only) in place with the tenant form,
// leaving the rest of its configuration as it is: a gateway that opens
// the stream before the messages service of its version has updated it
// publishes on tenant subjects, which the stream would not take. The
// stream's events stay where they are, and are still read.
func EnsureSubjects(ctx context.Context, js jetstream.JetStream, st jetstream.Stream) (jetstream.Stream, error) {
	cfg := st.CachedInfo().Config
	missing := false
	for _, subj := range api.ChatSubjects() {
		if !slices.Contains(cfg.Subjects, subj) {
			cfg.Subjects = append(cfg.Subjects, subj)
			missing = true
		}
	}
	if !missing {
		return st, nil
	}
	up, err := js.UpdateStream(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("chat stream subjects: %w", err)
	}
	return up, nil
}

// EnsureStream creates the chat stream, or updates it to cfg, but for
// replicas: raised to cfg.Replicas, never lowered (natsutil).
//
// JetStream reserves the stream's byte bound in its file store. When an
// existing stream cannot get its bound (a stream created before there was
// one, on a store whose other bounds leave too little room), it is updated
// to the rest of cfg and keeps the bound it has, with an error logged:
// messages keep flowing, as they did. A new stream whose bound does not
// fit is an error that says which settings to change.
func EnsureStream(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Stream, error) {
	scfg := StreamConfig(cfg)
	// A bound below what the stream holds would make JetStream drop the
	// oldest events to fit, accepted messages among them: the bound
	// stops at what the stream holds (it is full then, and refuses new
	// events until the bound is raised).
	if old, oerr := js.Stream(ctx, api.StreamChat); oerr == nil {
		if held := int64(old.CachedInfo().State.Bytes); scfg.MaxBytes > 0 && held > scfg.MaxBytes {
			log := cfg.Log
			if log == nil {
				log = slog.Default()
			}
			log.Warn("chat stream holds more than MESSAGES_MAX_BYTES; its bound stays at what it holds so that no accepted event is dropped, and it refuses new events until the bound is raised",
				"stream", api.StreamChat, "max_bytes", scfg.MaxBytes, "held", held)
			scfg.MaxBytes = held
		}
	}
	st, err := natsutil.CreateOrUpdateStream(ctx, js, scfg, cfg.Log)
	if err != nil && natsutil.ReserveRefused(err) {
		if old, oerr := js.Stream(ctx, api.StreamChat); oerr == nil {
			kept := old.CachedInfo().Config.MaxBytes
			log := cfg.Log
			if log == nil {
				log = slog.Default()
			}
			log.Error("chat stream keeps its byte bound: JetStream cannot reserve MESSAGES_MAX_BYTES in its file store; lower MESSAGES_MAX_BYTES or raise max_file_store (PARLEY_JS_MAX_FILE_STORE for the all-in-one command)",
				"stream", api.StreamChat, "max_bytes", scfg.MaxBytes, "kept", kept, "err", err)
			scfg.MaxBytes = kept
			st, err = natsutil.CreateOrUpdateStream(ctx, js, scfg, cfg.Log)
		} else {
			err = fmt.Errorf("%w (JetStream cannot reserve MESSAGES_MAX_BYTES=%d in its file store beside the bounds of the other streams: lower MESSAGES_MAX_BYTES, or raise max_file_store, PARLEY_JS_MAX_FILE_STORE for the all-in-one command)", err, scfg.MaxBytes)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("chat stream: %w", err)
	}
	return st, nil
}

// Settings are the rendering settings the service wrote into the stream,
// and the per-tenant bound of its writes.
type Settings struct {
	Flagged         string
	ContextMessages int
	// MaxBytesPerTenant bounds the bytes one tenant's events hold in the
	// stream (MESSAGES_MAX_BYTES_PER_TENANT; 0: no bound).
	MaxBytesPerTenant int64
}

// Log is the read model of the chat stream: every message's current state,
// in memory, fed by an ordered consumer. Every process that renders views
// holds one; it is bounded by the stream's retention, which it mirrors.
//
// Retention: a message lives as long as the stream keeps its anchor, the
// latest event of it that carries its whole state (its post, or a
// self-sufficient edit or delete). The stream discards a subject's oldest
// events beyond MaxMsgsPerSubject (a subject is a tenant's conversation,
// or a conversation's legacy subject) and events older than MaxAge; the
// Log counts each subject's events as the stream does (window) and
// drops a message when its anchor goes, so a running Log and one opened
// later on the same stream (which replays only what the stream kept) hold
// the same messages.
type Log struct {
	log      *slog.Logger
	cc       jetstream.ConsumeContext
	settings Settings
	maxAge   time.Duration
	maxPer   int

	mu      sync.RWMutex
	byID    map[Key]*api.Message
	anchors map[Key]anchor            // by message
	convs   map[string][]*api.Message // by Seq
	// window holds the events the stream keeps, by subject (the stream's
	// MaxMsgsPerSubject counts per subject: a tenant's events of a
	// conversation, or the legacy subject's), oldest first.
	window map[string][]kept
	// held is the bytes each tenant's events take in the stream (events
	// of the legacy subject count for the tenant they carry), kept with
	// window: what Admit bounds.
	held     map[string]int64
	applied  uint64
	caughtUp bool
	// openLast is the stream's last sequence when the Log opened: the
	// Log has caught up once it applied it, whatever the server's pending
	// count says (below).
	openLast  uint64
	changed   chan struct{} // closed and replaced at every change
	listeners map[string]map[chan api.Message]struct{}
	done      chan struct{}
	closeOnce sync.Once

	// skips holds why the read model skipped each of its latest skipped
	// events, by stream sequence (oldest first in skipOrder, at most
	// maxSkips), so that a writer that waits for its event can tell "not
	// applied" from "applied, then changed again" (Skipped). Under mu.
	skips     map[uint64]error
	skipOrder []uint64

	// detected holds the language detection found for each message a
	// renderer of this process rendered without a declared source, at the
	// revision it rendered (Learn): the recent-languages hint of the
	// messages after it (RecentLanguages). An entry goes with its message
	// (remove), so the record is bounded by the read model. Under mu.
	detected map[Key]detection
	// verdicts holds what this process knows of the safety policy's
	// verdict on each message, at the revision it was found: flagged by a
	// render (MarkFlagged), or checked clean (MarkClean). The renderer
	// leaves a flagged message out of the translator's context until a
	// moderator approves it, and checks one with no verdict before it
	// sends it (ContextCandidates). An entry goes with its message
	// (remove). Under mu.
	verdicts map[Key]verdict

	// earlier holds digests of the texts of edited messages' earlier
	// revisions (revisions.go): a moderator's decision on a case of an
	// earlier revision is applied only if the case shows what the message
	// said then. An entry goes with its message (remove). Under mu.
	earlier map[Key][]revisionText

	// events holds, by message, the stream events its state rests on
	// (its post and the edits since, or its latest self-sufficient edit or
	// delete and those after it): a self-sufficient edit or delete
	// supersedes them, and they are erased from the stream (erase.go). An
	// entry goes with its message (remove). Under mu.
	events map[Key][]eventRef
	// erase hears of each message's superseded events (WithEraser); nil
	// in every process but the messages service, which erases them.
	erase func(Erasure)
}

// eventRef names one stream event: its subject and sequence.
type eventRef struct {
	subject string
	seq     uint64
}

// LogOption configures OpenLog.
type LogOption func(*Log)

// WithEraser makes the Log hand every message's superseded events to
// erase (Eraser.Add), called with the Log's lock held: erase must not
// block nor call the Log.
func WithEraser(erase func(Erasure)) LogOption { return func(l *Log) { l.erase = erase } }

// verdict is the safety policy's verdict on one revision of a message,
// as this process found it.
type verdict struct {
	seq     uint64 // the message's Seq: an id posted again is another message
	rev     int
	flagged bool
}

// detection is the language detection found for one revision of a
// message ("und" included).
type detection struct {
	seq  uint64 // the message's Seq: an id posted again is another message
	rev  int
	lang string
}

// anchor is the stream event a message's life hangs on: when the stream
// discards it, the message goes.
type anchor struct {
	seq uint64
	at  time.Time // the stream's timestamp, which MaxAge counts from
}

// kept is one event the stream keeps on a subject, whatever it holds (a
// bad event counts against MaxMsgsPerSubject too), with the tenant it
// counts for and the bytes it takes (held); key names the message it
// became the anchor of, if any (an empty ID: none).
type kept struct {
	seq    uint64
	at     time.Time
	key    Key
	tenant string
	size   int64
}

// Key names a message. Message ids are unique per tenant, not across
// tenants: every tenant (and "", the tenant of messages posted without
// one) has its own namespace of ids, so that no tenant can take, block
// or probe another's ids. Message.Tenant and Message.ID make its Key.
type Key struct {
	Tenant string
	ID     string
}

// KeyOf is the key of m.
func KeyOf(m api.Message) Key { return Key{Tenant: m.Tenant, ID: m.ID} }

// tenantToken encodes a tenant for a NATS header or a KV key token, which
// allow fewer characters than a tenant may have: base64url ("" for "").
func tenantToken(tenant string) string { return base64.RawURLEncoding.EncodeToString([]byte(tenant)) }

// OpenLog reads the chat stream from its start and follows it.
func OpenLog(ctx context.Context, st jetstream.Stream, log *slog.Logger, opts ...LogOption) (*Log, error) {
	info, err := st.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("chat stream info: %w", err)
	}
	l := &Log{
		log: log, byID: map[Key]*api.Message{}, anchors: map[Key]anchor{}, convs: map[string][]*api.Message{},
		window: map[string][]kept{}, held: map[string]int64{}, skips: map[uint64]error{}, detected: map[Key]detection{},
		changed: make(chan struct{}), listeners: map[string]map[chan api.Message]struct{}{}, done: make(chan struct{}),
		maxAge: info.Config.MaxAge, maxPer: int(info.Config.MaxMsgsPerSubject),
		caughtUp: info.State.Msgs == 0, openLast: info.State.LastSeq,
	}
	for _, o := range opts {
		o(l)
	}
	l.settings.Flagged = info.Config.Metadata[metaFlagged]
	if l.settings.Flagged != FlaggedMask {
		l.settings.Flagged = FlaggedHide
	}
	l.settings.ContextMessages = 5
	if n, err := strconv.Atoi(info.Config.Metadata[metaContext]); err == nil && n >= 0 && n <= 10 {
		l.settings.ContextMessages = n
	}
	// A stream of an earlier version has no per-tenant bound written:
	// the default share of its bound applies until the service of this
	// version updates it.
	if n, err := strconv.ParseInt(info.Config.Metadata[metaTenantBytes], 10, 64); err == nil && n > 0 {
		l.settings.MaxBytesPerTenant = n
	} else if info.Config.MaxBytes > 0 {
		l.settings.MaxBytesPerTenant = defaultTenantBytes(info.Config.MaxBytes)
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

// chatSubject is what a chat event's subject says: its conversation
// ("" for a subject that is none) and, on a tenant subject, its tenant.
type chatSubject struct {
	conv     string
	tenant   string
	tenanted bool
}

// parseSubject reads a chat event's subject. A conversation token that is
// no conversation id reads as none.
func parseSubject(subject string) chatSubject {
	conv, tenant, tenanted, ok := api.ParseChatSubject(subject)
	if !ok || ValidID("conversation", conv) != nil {
		return chatSubject{}
	}
	return chatSubject{conv: conv, tenant: tenant, tenanted: tenanted}
}

// readEvent checks an event as read from the stream on subj: an event on
// a tenant's subject is that tenant's (one without a tenant is given it,
// so a back end publishing there need not repeat it), and one naming
// another tenant is skipped, as a post on another tenant's subject would
// count against that tenant's bound; an event on the legacy subject is
// the tenant it carries. Then the read model's check (checkEvent).
func readEvent(ev *api.MessageEvent, subj chatSubject) error {
	if subj.tenanted {
		switch ev.Tenant {
		case "":
			ev.Tenant = subj.tenant
		case subj.tenant:
		default:
			return api.FieldError(api.CodeInvalidArgument, "tenant",
				"the event's tenant %q is not its subject's (%q): publish a tenant's events on its own subject", ev.Tenant, subj.tenant)
		}
	}
	return checkEvent(ev, false)
}

// storedSize is the bytes the stream's file store counts for an event:
// its record (22 bytes), subject, headers as sent on the wire (with 4
// bytes of length), body and checksum (8), as nats-server's
// fileStoreMsgSize does.
func storedSize(subject string, hdr nats.Header, body int) int64 {
	n := int64(22 + len(subject) + body + 8)
	if len(hdr) > 0 {
		h := len("NATS/1.0\r\n") + len("\r\n")
		for k, vs := range hdr {
			for _, v := range vs {
				h += len(k) + len(": ") + len(v) + len("\r\n")
			}
		}
		n += int64(4 + h)
	}
	return n
}

// GeneratedID names a posted message that came without an id: its stream
// sequence, so that every replica of the read model names it alike.
func GeneratedID(seq uint64) string { return "s" + strconv.FormatUint(seq, 10) }

// ReservedID reports whether id has the form of a generated id ("s"
// followed by digits). New posts may not choose such an id: it could be
// the name of a later post without one (CheckEvent refuses it).
func ReservedID(id string) bool {
	digits, ok := strings.CutPrefix(id, "s")
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// claimsLater reports whether a post at seq with a reserved id holds the
// generated id of a later sequence: that post yields its id if the later
// one comes without an id.
func claimsLater(id string, seq uint64) bool {
	if !ReservedID(id) {
		return false
	}
	n, err := strconv.ParseUint(id[1:], 10, 64)
	return err == nil && n > seq && GeneratedID(n) == id
}

func (l *Log) apply(m jetstream.Msg) {
	meta, err := m.Metadata()
	if err != nil {
		l.log.Warn("chat event without metadata", "err", err)
		return
	}
	seq, ts := meta.Sequence.Stream, meta.Timestamp
	subj := parseSubject(m.Subject())
	conv := subj.conv
	var decoded api.MessageEvent
	var ev *api.MessageEvent // nil: not an event the read model applies
	var changed *api.Message
	var skipped error
	validConv := conv != ""
	// What the stream keeps of the event: its bytes count for its
	// subject's tenant, or on the legacy subject for the tenant it
	// carries.
	k := kept{seq: seq, at: ts, tenant: subj.tenant, size: storedSize(m.Subject(), m.Headers(), len(m.Data()))}
	if err := json.Unmarshal(m.Data(), &decoded); err != nil {
		l.log.Warn("chat event is not JSON; skipped", "seq", seq, "err", err)
	} else if !validConv {
		l.log.Warn("chat event on a bad conversation subject; skipped", "seq", seq, "subject", m.Subject())
	} else {
		if !subj.tenanted && len(decoded.Tenant) <= MaxAuthorBytes {
			k.tenant = decoded.Tenant
		}
		if skipped = readEvent(&decoded, subj); skipped == nil {
			ev = &decoded
			if ev.Op == api.OpPost && claimsLater(ev.ID, seq) {
				l.log.Warn("chat post with a reserved id: it yields the id to a later post without one",
					"seq", seq, "conversation", conv, "id", ev.ID)
			}
		}
	}
	l.mu.Lock()
	if validConv {
		var err error
		if changed, err = l.recordEvent(conv, m.Subject(), k, ev); err != nil {
			skipped = err
		}
	}
	if skipped != nil {
		l.skipped(seq, skipped)
	}
	l.applied = seq
	// The pending count alone is not enough: a message removed while the
	// consumer was being made can stay counted, so that even the stream's
	// last message comes with NumPending 1, and Wait would block for good
	// (nats-server 2.15: TestLogIDsArePerTenant's second Log, run again
	// and again, hung within its first few runs).
	if meta.NumPending == 0 || seq >= l.openLast {
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
	if skipped != nil {
		l.log.Warn("chat event skipped", "seq", seq, "conversation", conv, "err", skipped)
	}
	for _, ch := range notify {
		select {
		case ch <- snapshot:
		default: // a slow listener resumes from the stream (SSE Last-Event-ID)
		}
	}
}

// maxSkips bounds the skipped events Skipped remembers. A writer asks
// right after its event was applied, so only a flood of bad events in
// between could push its own out.
const maxSkips = 1024

// skipped records why the event at seq was skipped. Caller holds l.mu.
func (l *Log) skipped(seq uint64, err error) {
	if len(l.skipOrder) >= maxSkips {
		delete(l.skips, l.skipOrder[0])
		l.skipOrder[0] = 0
		l.skipOrder = l.skipOrder[1:]
	}
	l.skips[seq] = err
	l.skipOrder = append(l.skipOrder, seq)
}

// Skipped returns why the read model skipped the event at stream sequence
// seq, once it has applied seq (Wait): an *api.Error when the event fails
// the read model's check (checkEvent), another error when it does not fit
// the messages (a duplicate post, an edit of a deleted or unknown
// message). It returns nil for an event the read model applied, and for
// one skipped longer ago than the last maxSkips skips.
func (l *Log) Skipped(seq uint64) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.skips[seq]
}

// Applied is the latest stream sequence the read model has applied.
func (l *Log) Applied() uint64 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.applied
}

// CheckEvent validates a new event before it is published; front ends call
// it to answer bad input with a 4xx. It is the read model's check, and
// also refuses a post with a reserved id (ReservedID), which the read
// model still reads in events stored before ids were reserved.
func CheckEvent(ev *api.MessageEvent) error { return checkEvent(ev, true) }

// wellFormed reports whether s parses as a BCP 47 tag ("_" read as "-"),
// whether or not it names a language Parley takes.
func wellFormed(s string) bool {
	_, err := api.ParseTag(strings.ReplaceAll(s, "_", "-"))
	return err == nil
}

func checkEvent(ev *api.MessageEvent, write bool) error {
	switch ev.Op {
	case "", api.OpPost:
		ev.Op = api.OpPost
		if ev.ID != "" {
			if err := ValidID("id", ev.ID); err != nil {
				return err
			}
			if write && ReservedID(ev.ID) {
				return api.FieldError(api.CodeInvalidArgument, "id",
					"id %q is reserved: ids of the form s<digits> name posts without an id (by their stream sequence); choose another id or leave it out", ev.ID)
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
		switch {
		case err == nil:
			ev.Text = text
		case !write && api.ErrorCode(err) == api.CodeEmptyText && strings.TrimSpace(ev.Text) != "":
			// Stored before text without a visible character counted as
			// blank: the stream accepted it, so the read model keeps it.
		case !write && api.ErrorCode(err) == api.CodeInvalidArgument && strings.ContainsFunc(ev.Text, api.ControlChar) &&
			utf8.RuneCountInString(ev.Text) <= api.MaxTextRunes:
			// Stored before control characters (NUL, ESC) were refused:
			// the read model keeps it, in NFC as every text. The
			// pipeline refuses it, so Renderer serves it without its
			// text (refusedView).
			ev.Text = norm.NFC.String(ev.Text)
		case !write && api.ErrorCode(err) == api.CodeInvalidArgument && api.CheckBidi("text", ev.Text) != nil &&
			utf8.RuneCountInString(ev.Text) <= api.MaxTextRunes:
			// Stored before bidi embeddings, overrides and unbalanced
			// isolates were refused (api.CheckBidi): the read model keeps
			// it, in NFC. The pipeline refuses it, so Renderer serves it
			// without its text, which may read otherwise than it shows.
			ev.Text = norm.NFC.String(ev.Text)
		case !write && api.ErrorCode(err) == api.CodeTextTooLong && utf8.RuneCountInString(ev.Text) <= api.MaxTextRunes:
			// Stored before the limit counted the text in NFC, by a back
			// end on NATS (the gateway's own such events were skipped
			// then too): the read model kept it, so it keeps it, in NFC
			// as every text. Renderer serves it without its text.
			ev.Text = norm.NFC.String(ev.Text)
		default:
			return err
		}
	} else {
		ev.Text = ""
	}
	// Authors are compared in NFC: "Zoe\u0301" and "Zoé" are one name,
	// and a post's retry is told apart from a conflict by comparing its
	// author with the stored one. Stored events are read in NFC too, so a
	// name stored before keeps matching its retries.
	author := norm.NFC.String(ev.Author)
	if len(ev.Author) > MaxAuthorBytes || write && len(author) > MaxAuthorBytes {
		return api.FieldError(api.CodeInvalidArgument, "author", "author must be at most %d bytes", MaxAuthorBytes)
	}
	// Every reader's pane shows the author: no NUL, ESC, bidi override,
	// zero-width name, stray joiner or stack of marks (checkAuthor).
	// Stored events keep the names they were accepted with.
	if write && author != "" {
		if err := checkAuthor(author); err != nil {
			return err
		}
	}
	ev.Author = author
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
		switch {
		case err == nil:
			ev.Source = tag.String()
		case !write && wellFormed(s):
			// A private-use source ("x-foo") was taken before
			// ParseLanguage refused tags of no language: the message
			// stored with one is read with its language detected,
			// not skipped.
			ev.Source = ""
		default:
			return err
		}
	} else {
		ev.Source = ""
	}
	// The sender's locale is a hint to detection only: a front end's bad
	// one is refused as a bad source is, and one stored on NATS by a back
	// end costs its message nothing (the read model drops the hint).
	if s := strings.TrimSpace(ev.SenderLocale); s != "" {
		tag, err := api.ParseLanguage("sender_locale", s)
		switch {
		case err == nil:
			ev.SenderLocale = tag.String()
		case write:
			return err
		default:
			ev.SenderLocale = ""
		}
	} else {
		ev.SenderLocale = ""
	}
	return nil
}

// recordEvent applies a checked event of conv, k (nil: one the read model
// does not apply), and counts it against the stream's limit, as the
// stream counts every event on its subject. Caller holds l.mu.
func (l *Log) recordEvent(conv, subject string, k kept, ev *api.MessageEvent) (changed *api.Message, err error) {
	if ev != nil {
		changed, err = l.applyEvent(conv, k.seq, k.at, *ev)
	}
	if changed != nil && l.anchors[KeyOf(*changed)].seq == k.seq {
		k.key = KeyOf(*changed)
	}
	l.keep(subject, k)
	if changed != nil {
		l.track(*changed, eventRef{subject: subject, seq: k.seq}, *ev)
	}
	return changed, err
}

// applyEvent applies a checked event. Caller holds l.mu.
func (l *Log) applyEvent(conv string, seq uint64, ts time.Time, ev api.MessageEvent) (*api.Message, error) {
	at := ev.At
	if at.IsZero() {
		at = ts
	}
	at = at.UTC()
	switch ev.Op {
	case api.OpPost:
		key := Key{Tenant: ev.Tenant, ID: ev.ID}
		if key.ID == "" {
			key.ID = GeneratedID(seq)
			// Only a post whose reserved id named this sequence can hold
			// the name (claimsLater): the stream named this post, so it
			// keeps its name and the claimant of its tenant goes (another
			// tenant's ids are another namespace). Deciding here, from the
			// claimant's presence alone, keeps replicas agreeing.
			if old, ok := l.byID[key]; ok {
				l.log.Warn("chat post with a reserved id dropped: a post without an id took its name",
					"seq", old.Seq, "conversation", old.Conversation, "id", key.ID, "by_seq", seq)
				l.remove(key)
			}
		}
		// A duplicate is one of the poster's tenant only: ids are unique
		// per tenant.
		if _, dup := l.byID[key]; dup {
			return nil, fmt.Errorf("message %q exists", key.ID)
		}
		id := key.ID
		msg := &api.Message{
			ID: id, Conversation: conv, Author: ev.Author, Text: ev.Text, Source: ev.Source,
			ReplyTo: ev.ReplyTo, CreatedAt: at, Revision: 1, Seq: seq, LastSeq: seq, Tenant: ev.Tenant,
			SenderLocale: ev.SenderLocale,
		}
		l.insert(msg, seq, ts)
		return msg, nil
	default:
		msg, ok := l.target(conv, ev)
		if !ok {
			if ev.PostSeq == 0 {
				if holders := l.holders(conv, ev); len(holders) > 1 {
					// Not unknown: found more than once. The operator's
					// fix is the event's tenant, not the message.
					return nil, fmt.Errorf("%s of message %q is ambiguous: tenants %s hold a message of that id in conversation %q; set tenant on the event",
						ev.Op, ev.ID, quoteAll(holders), conv)
				}
				return nil, fmt.Errorf("%s of unknown message %q", ev.Op, ev.ID)
			}
			return l.restore(conv, seq, ts, at, ev)
		}
		if msg.Conversation != conv {
			return nil, fmt.Errorf("%s of unknown message %q", ev.Op, ev.ID)
		}
		// An erasure (Erase) of a deleted message blanks what its
		// placeholder still shows (the author).
		if msg.Deleted && (ev.Op != api.OpDelete || !ev.Erase) {
			return nil, fmt.Errorf("%s of deleted message %q", ev.Op, ev.ID)
		}
		// The message's own state wins over the state a self-sufficient
		// event carries: they agree for the gateway's events, and a known
		// message's author or tenant is not an event's to change. Its
		// declared language is: an edit may correct it. A self-sufficient
		// edit carries the source after the change ("": detect; events
		// stored before edits could change it carry the message's own),
		// an edit without the state changes it only when it names one.
		if ev.Op == api.OpEdit {
			l.rememberText(msg)
			msg.Text = ev.Text
			msg.EditedAt = at
			msg.Revision++
			if ev.PostSeq != 0 || ev.Source != "" {
				msg.Source = ev.Source
			}
		} else {
			msg.Deleted, msg.Text = true, ""
			if ev.Erase {
				msg.Author = ""
			}
		}
		msg.LastSeq = seq
		if ev.PostSeq != 0 {
			l.anchors[KeyOf(*msg)] = anchor{seq: seq, at: ts}
		}
		return msg, nil
	}
}

// target finds the message an edit or a delete names: the event's tenant's
// message of its id. An event with neither tenant nor state (a back end's
// {"op":"edit","id","text"}, as published before ids were per tenant)
// names its message by id alone, as it did when ids were one namespace:
// the tenant-less message of that id, else the conversation's only
// message of that id, whatever its tenant (two tenants' messages of one
// id in the conversation: none, and the event is skipped). Every event
// stored before ids were per tenant so names the message it named then.
// The gateway's events always carry the tenant and the state. Caller
// holds l.mu.
func (l *Log) target(conv string, ev api.MessageEvent) (*api.Message, bool) {
	if m, ok := l.byID[Key{Tenant: ev.Tenant, ID: ev.ID}]; ok {
		return m, true
	}
	if ev.Tenant != "" || ev.PostSeq != 0 {
		return nil, false
	}
	var found *api.Message
	for _, m := range l.convs[conv] {
		if m.ID != ev.ID {
			continue
		}
		if found != nil {
			return nil, false
		}
		found = m
	}
	return found, found != nil
}

// holders lists the tenants whose messages of ev's id are in conv, for an
// event target found none of: more than one makes an event without a
// tenant ambiguous (target). Caller holds l.mu.
func (l *Log) holders(conv string, ev api.MessageEvent) []string {
	if ev.Tenant != "" {
		return nil
	}
	var out []string
	for _, m := range l.convs[conv] {
		if m.ID == ev.ID && !slices.Contains(out, m.Tenant) {
			out = append(out, m.Tenant)
		}
	}
	slices.Sort(out)
	return out
}

// quoteAll quotes each of ss (tenants come from events on NATS, and a log
// line must show them as they are) and joins them with commas.
func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// Resolve returns the message that the event ev at stream sequence seq on
// conv's subject changed or posted, as the read model applied it (false:
// it did not, or retention dropped the message since). It is for readers
// of the stream beside the Log (the pre-translation), which must find the
// same message the Log did.
func (l *Log) Resolve(conv string, seq uint64, ev api.MessageEvent) (api.Message, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var m *api.Message
	ok := false
	if ev.Op == "" || ev.Op == api.OpPost {
		id := ev.ID
		if id == "" {
			id = GeneratedID(seq)
		}
		// A post the read model skipped (a duplicate) is not the message
		// that holds its key.
		m, ok = l.byID[Key{Tenant: ev.Tenant, ID: id}]
		ok = ok && m.Seq == seq
	} else {
		m, ok = l.target(conv, ev)
	}
	if !ok || m.Conversation != conv {
		return api.Message{}, false
	}
	return *m, true
}

// restore recreates a message from a self-sufficient edit or delete whose
// message the read model does not hold: retention dropped its post (and
// any earlier anchor), and this event now anchors it. A Log that saw the
// post and one that did not end with the same message.
func (l *Log) restore(conv string, seq uint64, ts, at time.Time, ev api.MessageEvent) (*api.Message, error) {
	if ev.PostSeq >= seq || ev.Revision < 1 {
		return nil, fmt.Errorf("%s of %q: post_seq %d and revision %d are not a message's state", ev.Op, ev.ID, ev.PostSeq, ev.Revision)
	}
	if _, taken := slices.BinarySearchFunc(l.convs[conv], ev.PostSeq, bySeq); taken {
		return nil, fmt.Errorf("%s of %q: another message was posted at sequence %d", ev.Op, ev.ID, ev.PostSeq)
	}
	created := ev.CreatedAt
	if created.IsZero() {
		created = at
	}
	msg := &api.Message{
		ID: ev.ID, Conversation: conv, Author: ev.Author, Source: ev.Source, ReplyTo: ev.ReplyTo,
		Tenant: ev.Tenant, CreatedAt: created.UTC(), EditedAt: ev.EditedAt.UTC(), Revision: ev.Revision,
		Seq: ev.PostSeq, LastSeq: seq, SenderLocale: ev.SenderLocale,
	}
	if ev.Op == api.OpEdit {
		msg.Text, msg.EditedAt = ev.Text, at
	} else {
		msg.Deleted = true
		if ev.Erase {
			msg.Author = ""
		}
	}
	l.insert(msg, seq, ts)
	return msg, nil
}

// EditEvent is the self-sufficient event that edits m to text: it carries
// m's whole state, so that the message outlives its post in the stream.
func EditEvent(m api.Message, text string) api.MessageEvent {
	ev := stateEvent(m)
	ev.Op, ev.Text, ev.Revision = api.OpEdit, text, m.Revision+1
	return ev
}

// DeleteEvent is the self-sufficient event that deletes m.
func DeleteEvent(m api.Message) api.MessageEvent {
	ev := stateEvent(m)
	ev.Op, ev.EditedAt = api.OpDelete, m.EditedAt
	return ev
}

func stateEvent(m api.Message) api.MessageEvent {
	return api.MessageEvent{
		ID: m.ID, Author: m.Author, Source: m.Source, ReplyTo: m.ReplyTo, Tenant: m.Tenant,
		PostSeq: m.Seq, CreatedAt: m.CreatedAt, Revision: m.Revision, SenderLocale: m.SenderLocale,
	}
}

func bySeq(m *api.Message, seq uint64) int { return cmpSeq(m.Seq, seq) }

// insert adds a new message, anchored at the event seq. Caller holds l.mu.
func (l *Log) insert(msg *api.Message, seq uint64, ts time.Time) {
	l.byID[KeyOf(*msg)] = msg
	l.anchors[KeyOf(*msg)] = anchor{seq: seq, at: ts}
	msgs := l.convs[msg.Conversation]
	i, _ := slices.BinarySearchFunc(msgs, msg.Seq, bySeq)
	l.convs[msg.Conversation] = slices.Insert(msgs, i, msg)
}

// remove forgets a message. Caller holds l.mu.
func (l *Log) remove(key Key) {
	m, ok := l.byID[key]
	if !ok {
		return
	}
	delete(l.byID, key)
	delete(l.anchors, key)
	delete(l.detected, key)
	delete(l.verdicts, key)
	delete(l.earlier, key)
	delete(l.events, key)
	msgs := l.convs[m.Conversation]
	i, found := slices.BinarySearchFunc(msgs, m.Seq, bySeq)
	if !found || msgs[i] != m {
		return
	}
	switch {
	case len(msgs) == 1:
		delete(l.convs, m.Conversation)
	case i == 0:
		// Retention drops the oldest first: moving the slice start keeps
		// the array, clearing the pointer lets the message go, and the
		// next growth copies only the live part.
		msgs[0] = nil
		l.convs[m.Conversation] = msgs[1:]
	default:
		l.convs[m.Conversation] = slices.Delete(msgs, i, i+1)
	}
}

// keep records an event of a subject as the stream does, and applies
// MaxMsgsPerSubject: the subject's oldest event beyond it is discarded,
// and the message it anchored goes with it. Caller holds l.mu.
func (l *Log) keep(subject string, e kept) {
	l.held[e.tenant] += e.size
	w := append(l.window[subject], e)
	for l.maxPer > 0 && len(w) > l.maxPer {
		l.discarded(w[0])
		w[0] = kept{}
		w = w[1:]
	}
	l.window[subject] = w
}

// discarded forgets an event the stream discarded, and drops the message
// whose anchor it was (a message re-anchored by a later event stays).
// Caller holds l.mu.
func (l *Log) discarded(e kept) {
	l.unhold(e)
	if e.key.ID != "" && l.anchors[e.key].seq == e.seq {
		l.remove(e.key)
	}
}

// unhold takes an event the stream no longer keeps out of its tenant's
// bytes. Caller holds l.mu.
func (l *Log) unhold(e kept) {
	if l.held[e.tenant] -= e.size; l.held[e.tenant] <= 0 {
		delete(l.held, e.tenant)
	}
}

// sweep applies the age limit, also to conversations that get no new
// events, as the stream does: messages whose anchor is older than MaxAge
// go, and so do the window's expired events.
func (l *Log) sweep(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case <-t.C:
			l.expire(time.Now().Add(-l.maxAge))
		}
	}
}

func (l *Log) expire(cutoff time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for key, a := range l.anchors {
		if a.at.Before(cutoff) {
			l.remove(key)
		}
	}
	for subject, w := range l.window {
		n := 0
		for n < len(w) && w[n].at.Before(cutoff) {
			l.unhold(w[n])
			n++
		}
		switch {
		case n == len(w):
			delete(l.window, subject)
		case n > 0:
			clear(w[:n])
			l.window[subject] = w[n:]
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

// Get returns tenant's message id ("" is the tenant of messages posted
// without one): ids are unique per tenant, and another tenant's message
// of the same id is another message.
func (l *Log) Get(tenant, id string) (api.Message, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	m, ok := l.byID[Key{Tenant: tenant, ID: id}]
	if !ok {
		return api.Message{}, false
	}
	return *m, true
}

// Page returns up to limit messages of a conversation before the message
// named by before, a tenant's message id (the newest when before.ID is
// empty), oldest first, with the cursor of the page before it ("" at the
// start) and the conversation's latest event sequence. With keep, the page holds only the messages keep accepts (a
// reader's tenant), and everything else answers as if the rest did not
// exist: before must name a kept message, the cursor is a kept message,
// and the sequence is the latest of a kept message, so a page tells a
// reader nothing of messages it may not see.
func (l *Log) Page(conv string, before Key, limit int, keep func(*api.Message) bool) (msgs []api.Message, prev string, lastSeq uint64, err error) {
	if keep == nil {
		keep = func(*api.Message) bool { return true }
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	all := l.convs[conv]
	end := len(all)
	if before.ID != "" {
		b, ok := l.byID[before]
		if !ok || b.Conversation != conv || !keep(b) {
			return nil, "", 0, api.FieldError(api.CodeNotFound, "before", "no message %q in this conversation", before.ID)
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
// first (deleted ones left out), for the translator's context: messages
// of m's tenant only, since conversation ids are shared by all tenants and
// another tenant's text must not reach this tenant's translation. Messages
// with no visible character (kept from events on NATS: checkEvent) are
// left out too: they tell the translator nothing, and the pipeline
// refuses a blank context text, which would fail every view they precede.
func (l *Log) Context(m api.Message, n int) []api.ContextMessage {
	cands := l.ContextCandidates(m, n, nil)
	if len(cands) == 0 {
		return nil
	}
	out := make([]api.ContextMessage, len(cands))
	for i, c := range cands {
		out[i] = c.ContextMessage()
	}
	return out
}

// Flag is what this process knows of the safety policy's verdict on a
// message's current revision.
type Flag uint8

// Flags.
const (
	// FlagUnknown: no render or check of this process has a verdict on
	// the revision (after a restart, on another replica, or while the
	// message's own render is still running).
	FlagUnknown Flag = iota
	// FlagClean: a check of the revision's text found it not flagged
	// (MarkClean).
	FlagClean
	// FlagFlagged: the policy flagged the revision (MarkFlagged).
	FlagFlagged
)

// ContextCandidate is an earlier message that may go to the translator
// as context, with what this process knows of it.
type ContextCandidate struct {
	Message api.Message
	Flag    Flag
	// Language is the message's declared source, else the language
	// detection found for its current revision (Learn; "und" when it
	// placed the text nowhere), else "": not known yet.
	Language string
}

// ContextMessage is the candidate as the translator receives it.
func (c ContextCandidate) ContextMessage() api.ContextMessage {
	return api.ContextMessage{Author: c.Message.Author, Text: c.Message.Text}
}

// ContextCandidates returns up to n messages before m in its conversation,
// oldest first, as Context picks them, leaving out every message for
// which skip returns true, each with its Flag: the renderer decides with
// it which ones it may send (Renderer.keepOutOfContext) and which ones it
// must check first. skip is called with the Log's lock held: it must not
// call the Log. A nil skip leaves out nothing more than Context.
func (l *Log) ContextCandidates(m api.Message, n int, skip func(x *api.Message, f Flag) bool) []ContextCandidate {
	if n <= 0 {
		return nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	all := l.convs[m.Conversation]
	end, _ := slices.BinarySearchFunc(all, m.Seq, func(x *api.Message, seq uint64) int { return cmpSeq(x.Seq, seq) })
	var out []ContextCandidate
	for i := end - 1; i >= 0 && len(out) < n; i-- {
		x := all[i]
		if x.Deleted || x.Tenant != m.Tenant || !api.Visible(x.Text) {
			continue
		}
		f := l.flagOf(x)
		if skip != nil && skip(x, f) {
			continue
		}
		lang := x.Source
		if d, ok := l.detected[KeyOf(*x)]; lang == "" && ok && d.seq == x.Seq && d.rev == x.Revision {
			lang = d.lang
		}
		out = append(out, ContextCandidate{Message: *x, Flag: f, Language: lang})
	}
	slices.Reverse(out)
	return out
}

// flagOf is what this process knows of x's current revision. Caller
// holds l.mu.
func (l *Log) flagOf(x *api.Message) Flag {
	v, ok := l.verdicts[KeyOf(*x)]
	switch {
	case !ok || v.seq != x.Seq || v.rev != x.Revision:
		return FlagUnknown
	case v.flagged:
		return FlagFlagged
	}
	return FlagClean
}

// MarkFlagged records that the safety policy flagged message m at its
// revision in a view this process rendered (or in a check of its text).
// A flag holds for the revision whatever the other locales' views say (a
// flag on one translation is a flag on the message), and over a clean
// check; an edit is a revision no policy has seen yet. A record of a
// message the read model no longer holds is not kept.
func (l *Log) MarkFlagged(m api.Message) { l.mark(m, true) }

// MarkClean records that a safety check of message m's text at its
// revision found it not flagged, unless a flag of that revision is
// recorded already (a flag wins). A record of a message the read model
// no longer holds is not kept.
func (l *Log) MarkClean(m api.Message) { l.mark(m, false) }

func (l *Log) mark(m api.Message, flagged bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	held, ok := l.byID[KeyOf(m)]
	if !ok || held.Seq != m.Seq || held.Revision != m.Revision {
		return
	}
	if !flagged && l.flagOf(held) == FlagFlagged {
		return
	}
	if l.verdicts == nil {
		l.verdicts = map[Key]verdict{}
	}
	l.verdicts[KeyOf(m)] = verdict{seq: m.Seq, rev: m.Revision, flagged: flagged}
}

// Learn records lang, the language detection found for message m (a
// message without a declared source) at m's revision, for the hints of
// the messages after it (RecentLanguages). A record of an earlier
// revision, or of a message the read model no longer holds, is never
// read: an edit is another text, and Learn keeps nothing for a message
// retention dropped while it was being rendered.
func (l *Log) Learn(m api.Message, lang string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	held, ok := l.byID[KeyOf(m)]
	if !ok || held.Seq != m.Seq || held.Revision != m.Revision {
		return
	}
	if l.detected == nil {
		l.detected = map[Key]detection{}
	}
	l.detected[KeyOf(m)] = detection{seq: m.Seq, rev: m.Revision, lang: lang}
}

// RecentLanguages returns the languages of the n messages before m in its
// conversation, newest first: the DetectHints.RecentLanguages of m's
// detection. They are m's tenant's messages only (conversation ids are
// shared by all tenants, and another tenant's messages must not tip this
// tenant's detection), deleted and blank ones left out. A message's
// language is its declared source, else what detection found for its
// current revision (Learn); messages detection placed nowhere ("und")
// name no language. complete is false when a message of the n has not
// been detected yet (this process has not rendered it): the hints lack
// its language.
func (l *Log) RecentLanguages(m api.Message, n int) (langs []string, complete bool) {
	complete = true
	if n <= 0 {
		return nil, true
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	all := l.convs[m.Conversation]
	end, _ := slices.BinarySearchFunc(all, m.Seq, bySeq)
	for i, seen := end-1, 0; i >= 0 && seen < n; i-- {
		x := all[i]
		if x.Deleted || x.Tenant != m.Tenant || !api.Visible(x.Text) {
			continue
		}
		seen++
		lang := x.Source
		if lang == "" {
			d, ok := l.detected[KeyOf(*x)]
			if !ok || d.seq != x.Seq || d.rev != x.Revision {
				complete = false
				continue
			}
			lang = d.lang
		}
		if lang != api.Undetermined {
			langs = append(langs, lang)
		}
	}
	return langs, complete
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

// Admit checks, before a writer publishes ev to conv (Publish), that ev
// fits in its tenant's share of the stream (Settings.MaxBytesPerTenant):
// the bytes the tenant's events hold, as the read model counts them, plus
// ev's, less those of the event the stream drops for it (the subject's
// oldest, when the subject holds MaxMsgsPerSubject events). So one tenant
// cannot fill the stream, which then refuses every tenant's writes.
// Deletes always fit: a tenant at its bound can still take its messages
// down (a message is deleted once, so they add at most one small event
// per message). So do the events of messages without a tenant (an open
// deployment's, keys' without a tenant: the operator's), which only the
// stream's own bound limits. The check reads the read model, so writes in
// flight at once may overshoot the bound by their own size.
func (l *Log) Admit(conv string, ev api.MessageEvent) error {
	limit := l.settings.MaxBytesPerTenant
	if limit <= 0 || ev.Tenant == "" || ev.Op == api.OpDelete {
		return nil
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	subject := api.TenantChatSubject(ev.Tenant, conv)
	var hdr nats.Header
	if (ev.Op == "" || ev.Op == api.OpPost) && ev.ID != "" {
		hdr = nats.Header{jetstream.MsgIDHeader: []string{DedupID(conv, ev.Tenant, ev.ID)}}
	}
	size := storedSize(subject, hdr, len(data))
	l.mu.RLock()
	held := l.held[ev.Tenant]
	if w := l.window[subject]; l.maxPer > 0 && len(w) >= l.maxPer {
		held -= w[0].size
	}
	l.mu.RUnlock()
	if held+size <= limit {
		return nil
	}
	return &api.Error{Code: api.CodeRateLimited, RetryAfter: natsutil.StorageRetryAfter,
		Message: fmt.Sprintf("your tenant's share of the message store is full (its messages hold %d of the %d bytes a tenant may hold): no new posts or edits are accepted until retention drops its oldest events (deletes still are); retry later", l.TenantBytes(ev.Tenant), limit)}
}

// TenantBytes is the bytes tenant's events hold in the stream, as the
// read model counts them (Admit).
func (l *Log) TenantBytes(tenant string) int64 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.held[tenant]
}

// Publish appends an event to its tenant's subject of a conversation
// (api.TenantChatSubject) and returns its stream sequence. A post with an
// id is de-duplicated by the stream, per tenant (DedupID): a post the
// stream already holds is a *DuplicateError naming the stored post's
// sequence.
//
// A write whose NATS connection drops before the stream acknowledges it
// may have been stored or not, and its acknowledgement never comes: the
// request would wait for its whole deadline (a client got 504 after the
// gateway's 15 s). Publish gives up when the connection drops, with an
// `unavailable` error (Retry-After) that says the outcome is unknown and
// that a retry with the same id is safe: a post's id de-duplicates it,
// and an edit or a delete repeated changes nothing more.
//
// Written under a span (the gateway's request), the event carries the
// trace in its headers: a `send PARLEY_CHAT` producer span's traceparent,
// which the pre-translator's consumer span continues. Outside any trace
// nothing is recorded and no header is added.
func Publish(ctx context.Context, js jetstream.JetStream, conv string, ev api.MessageEvent) (uint64, error) {
	return publish(ctx, js, conv, ev)
}

// PublishAfter is Publish on the condition that the last event on the
// event's subject (api.TenantChatSubject: the tenant's events of the
// conversation) is still lastSeq, the one the caller built ev from (0:
// none). The stream checks it as it stores the event, so that a
// self-sufficient edit built from a message's state is never applied
// over another writer's change: when the condition fails nothing is
// stored and the error is ErrConcurrentWrite, and the caller rebuilds
// the event from the fresh state.
func PublishAfter(ctx context.Context, js jetstream.JetStream, conv string, ev api.MessageEvent, lastSeq uint64) (uint64, error) {
	return publish(ctx, js, conv, ev, jetstream.WithExpectLastSequencePerSubject(lastSeq))
}

// ErrConcurrentWrite is PublishAfter's failed condition: another event
// came on the subject since the one the caller named (a 409 to a caller
// that does not retry).
var ErrConcurrentWrite = api.Errorf(api.CodeConflict, "the message changed concurrently: nothing was stored; retry")

func publish(ctx context.Context, js jetstream.JetStream, conv string, ev api.MessageEvent, extra ...jetstream.PublishOpt) (_ uint64, err error) {
	data, err := json.Marshal(ev)
	if err != nil {
		return 0, fmt.Errorf("encode event: %w", err)
	}
	msg := &nats.Msg{Subject: api.TenantChatSubject(ev.Tenant, conv), Data: data, Header: nats.Header{}}
	ctx, span := startSendSpan(ctx, msg.Header)
	defer func() { endSpan(span, err) }()
	var opts []jetstream.PublishOpt
	if (ev.Op == "" || ev.Op == api.OpPost) && ev.ID != "" {
		opts = append(opts, jetstream.WithMsgID(DedupID(conv, ev.Tenant, ev.ID)))
	}
	opts = append(opts, extra...)
	pctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if nc := js.Conn(); nc != nil {
		// Listening before the check: a drop after it is heard.
		lost := nc.StatusChanged(nats.RECONNECTING, nats.DISCONNECTED, nats.CLOSED)
		defer nc.RemoveStatusListener(lost)
		if !nc.IsConnected() {
			return 0, &api.Error{Code: api.CodeUnavailable, RetryAfter: retryAfterLost,
				Message: "the message store is unreachable (NATS is reconnecting): nothing was stored; retry"}
		}
		go func() {
			select {
			case <-lost:
				cancel(errConnectionLost)
			case <-pctx.Done():
			}
		}()
	}
	ack, err := js.PublishMsg(pctx, msg, opts...)
	if err != nil {
		if errors.Is(context.Cause(pctx), errConnectionLost) {
			return 0, &api.Error{Code: api.CodeUnavailable, RetryAfter: retryAfterLost,
				Message: "the connection to the message store was lost before it confirmed the write: it may or may not be stored; " + retrySafe}
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			// Wrapped, so that a caller tells a store that did not
			// answer from a request its client gave up on.
			return 0, fmt.Errorf("%w: %w", api.Errorf(api.CodeTimeout, "the message store did not answer in time: the write may or may not be stored; %s", retrySafe), err)
		}
		if natsutil.StorageFull(err) {
			// Refused at once, for room: the chat stream's bound
			// (MESSAGES_MAX_BYTES) or JetStream's file store is full. A
			// retry succeeds once retention or an operator makes room.
			return 0, fmt.Errorf("%w: %w", &api.Error{Code: api.CodeUnavailable, RetryAfter: natsutil.StorageRetryAfter,
				Message: "the message store is full: no new messages, edits or deletes are accepted until retention or an operator makes room; retry later"}, err)
		}
		var apiErr *jetstream.APIError
		if errors.As(err, &apiErr) && (apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
			apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant) {
			return 0, ErrConcurrentWrite
		}
		return 0, api.Errorf(api.CodeUnavailable, "the message store is unavailable")
	}
	if ack.Duplicate {
		return ack.Sequence, &DuplicateError{ID: ev.ID, Seq: ack.Sequence}
	}
	return ack.Sequence, nil
}

// errConnectionLost is the cause Publish cancels a write with when its
// connection drops.
var errConnectionLost = errors.New("nats connection lost")

// retryAfterLost is the Retry-After, in seconds, of a write cut off with
// its NATS connection: a reconnection to another node takes well under a
// second, a restarted server a few.
const retryAfterLost = 2

// retrySafe is how a client whose write's outcome is unknown recovers.
const retrySafe = "retrying with the same id is safe (a post sent without an id gets a new one, and may be stored twice)"

// DuplicateError is a post the stream already holds (its id within the
// stream's duplicate window): Seq is the stored post's sequence. To a
// caller that looks no further it is a conflict (*api.Error).
type DuplicateError struct {
	ID  string
	Seq uint64
}

func (e *DuplicateError) Error() string { return e.Unwrap().Error() }

// Unwrap is the conflict the client hears when the stored post is not
// the one sent again.
func (e *DuplicateError) Unwrap() error {
	return api.FieldError(api.CodeConflict, "id", "a message with id %q was just posted", e.ID)
}

// DedupID is the stream's de-duplication id (Nats-Msg-Id) of a post of
// tenant's message id to conv: per tenant, as ids are, so that one
// tenant's post never makes the stream drop another's as a duplicate.
// The tenant-less form is the one used before ids were per tenant.
func DedupID(conv, tenant, id string) string {
	if tenant == "" {
		return conv + "/" + id
	}
	return conv + "/" + id + "/" + tenantToken(tenant)
}

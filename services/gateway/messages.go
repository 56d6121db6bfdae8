package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/pipeline"
)

// View cache and page limits.
const (
	viewCacheTTL     = time.Minute
	viewCacheEntries = 100_000
	defaultPageSize  = 50
	maxPageSize      = 200
	// sseGrace is how long an event stream waits for the pre-translated
	// view of a change before rendering it itself (the messages service
	// may be down, or not deployed).
	sseGrace = 5 * time.Second
	// sseHeartbeat bounds the silence on an event stream: proxies close
	// idle connections, and each beat refreshes the reader's locale.
	sseHeartbeat = 10 * time.Second
)

// messagesAPI is the gateway's side of the messages service: the read
// model of the chat stream, the readers bucket and a renderer with a view
// cache. It is opened on first use, so that the gateway starts (and its
// other routes serve) while JetStream or the messages service is not there.
type messagesAPI struct {
	mu    sync.Mutex
	state *messagesState
	// closed is set by Server.Close: a request that arrives after it
	// (a test server torn down late) gets a 503 rather than reopening
	// watches nobody will stop.
	closed bool
	// streams bounds the open event streams (streams.go).
	streamsOnce sync.Once
	streams     *streamLimits
}

type messagesState struct {
	js       jetstream.JetStream
	log      *messages.Log
	presence *messages.Presence
	renderer *messages.Renderer
	// moderated mirrors moderators' decisions about messages.
	moderated *messages.Moderated
	// glossaries follows the glossary heads for the view cache (nil: the
	// store could not be watched, and a change shows as views expire).
	glossaries *messages.GlossaryHeads
	// splits tells whether a view depends on its reader's user id.
	splits userSplits
}

// userSplits mirrors the experiments and flags buckets, to tell whether
// anything splits by user: only then does a view depend on who reads it,
// and only then is the reader's user id passed to the pipeline and the
// view cached for that reader alone. Otherwise readers share the cached
// views, as before there were readers' ids (a view costs detection,
// quality and safety calls even when the translation is cached).
type userSplits struct {
	exps  *experiment.Store
	flags *flags.Store
}

// matter reports whether a running experiment assigns by user, or an
// enabled flag is rolled out to a share of users (the translate chain
// evaluates its kill switches with the user id). Not knowing (a bucket
// that could not be opened), the user matters.
func (u userSplits) matter() bool {
	if u.exps == nil || u.flags == nil || u.exps.SplitsByUser() {
		return true
	}
	for _, f := range u.flags.All() {
		if f.Enabled && f.By == flags.ByUser && f.Percentage != nil && *f.Percentage > 0 && *f.Percentage < 100 {
			return true
		}
	}
	return false
}

// close stops the watches the state holds. Each ends its consumer itself,
// so that the connection's drain afterwards finds nothing to delete.
func (st *messagesState) close() error {
	st.presence.Close()
	st.log.Close()
	st.moderated.Close()
	st.glossaries.Close()
	var errs []error
	if st.splits.exps != nil {
		errs = append(errs, st.splits.exps.Close())
	}
	if st.splits.flags != nil {
		errs = append(errs, st.splits.flags.Close())
	}
	return errors.Join(errs...)
}

// closeMessages closes the message state, if a request opened it, and
// keeps it from opening again.
func (s *Server) closeMessages() error {
	s.msgs.mu.Lock()
	defer s.msgs.mu.Unlock()
	s.msgs.closed = true
	st := s.msgs.state
	s.msgs.state = nil
	if st == nil {
		return nil
	}
	return st.close()
}

func (s *Server) messages(ctx context.Context) (*messagesState, error) {
	s.msgs.mu.Lock()
	defer s.msgs.mu.Unlock()
	if s.msgs.state != nil {
		return s.msgs.state, nil
	}
	if s.msgs.closed {
		return nil, api.Errorf(api.CodeUnavailable, "the gateway is stopping")
	}
	st, err := s.openMessages(ctx)
	if err != nil {
		s.log.Warn("messages store unavailable", "err", err)
		return nil, api.Errorf(api.CodeUnavailable, "the message store is unavailable")
	}
	s.msgs.state = st
	return st, nil
}

func (s *Server) openMessages(ctx context.Context) (*messagesState, error) {
	js, err := jetstream.New(s.nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	stream, err := js.Stream(ctx, api.StreamChat)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		// The messages service creates the stream with its settings; a
		// gateway that comes first creates it with the defaults rather
		// than refuse messages (the service updates it when it starts).
		stream, err = js.CreateStream(ctx, messages.StreamConfig(messages.Config{MaxBytes: s.cfg.ChatMaxBytes}))
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			stream, err = js.Stream(ctx, api.StreamChat)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("chat stream: %w", err)
	}
	// A stream of an earlier version takes only the legacy subjects: this
	// gateway publishes on tenant subjects, which it adds in place (the
	// messages service of this version would, when it starts).
	if stream, err = messages.EnsureSubjects(ctx, js, stream); err != nil {
		return nil, err
	}
	presence, err := messages.OpenPresence(ctx, js)
	if err != nil {
		return nil, err
	}
	log, err := messages.OpenLog(ctx, stream, s.log)
	if err != nil {
		presence.Close()
		return nil, err
	}
	// Moderators' decisions: every replica watches the bucket, so a
	// decision changes the views of all of them at once.
	moderated, err := messages.OpenModerated(ctx, js, 0, s.log)
	if err != nil {
		log.Close()
		presence.Close()
		return nil, err
	}
	// A glossary change takes the cached views out at once. Without the
	// heads views are still served, and a change shows when they expire.
	glossaries, err := s.openGlossaryHeads(ctx, js)
	if err != nil {
		s.log.Warn("glossary heads unavailable to the view cache: a glossary change shows in message views within a minute", "err", err)
	}
	// Without these, views are still served: every named reader's are
	// then rendered for them (userSplits.matter).
	var splits userSplits
	if splits.exps, err = experiment.Open(ctx, s.nc, s.log, kvstore.Replicas(s.cfg.JSReplicas)); err != nil {
		s.log.Warn("experiments unavailable to message views", "err", err)
	}
	if splits.flags, err = flags.Open(ctx, s.nc, s.log, flags.Replicas(s.cfg.JSReplicas)); err != nil {
		s.log.Warn("flags unavailable to message views", "err", err)
	}
	return &messagesState{
		js: js, log: log, presence: presence, moderated: moderated, splits: splits, glossaries: glossaries,
		renderer: &messages.Renderer{
			Pipeline: s.pipeline, Log: log, Moderated: moderated, Glossaries: glossaries,
			Cache: messages.NewViewCache(viewCacheTTL, viewCacheEntries),
		},
	}, nil
}

// openGlossaryHeads follows the glossary store's heads (the glossary
// service's bucket). A gateway that comes before the glossary service
// creates the bucket as the service does (one record per key, on file),
// and the service updates it when it starts.
func (s *Server) openGlossaryHeads(ctx context.Context, js jetstream.JetStream) (*messages.GlossaryHeads, error) {
	kv, err := natsutil.EnsureKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket: natsstore.BucketKV, History: 1, Storage: jetstream.FileStorage, Replicas: s.cfg.JSReplicas,
	}, s.log)
	if err != nil {
		return nil, fmt.Errorf("glossary bucket: %w", err)
	}
	return messages.OpenGlossaryHeads(ctx, kv, s.log)
}

// An event stream is long-lived and mostly idle: it must not hold one of
// the load shedder's in-flight slots (ops.go) for its whole life, or a few
// hundred open chat windows would starve every other request. Streams are
// bounded by their own caps instead, per key and per process (streams.go).
func init() { unshed["/v1/conversations/:id/events"] = true }

func (s *Server) registerMessages(e *echo.Echo) {
	// Any key reads views; writing takes the client role.
	reader, writer := s.requireRole(RoleClient), s.requireClientWrite()
	e.POST("/v1/messages", s.handlePostMessage, writer)
	e.PATCH("/v1/messages/:id", s.handleEditMessage, writer)
	e.DELETE("/v1/messages/:id", s.handleDeleteMessage, writer)
	e.GET("/v1/messages/:id", s.handleGetMessage, reader)
	e.GET("/v1/conversations/:id/messages", s.handleConversationPage, reader)
	e.GET("/v1/conversations/:id/events", s.handleConversationEvents, reader)
	s.registerDemo(e)
}

// MessageRequest is the body of POST /v1/messages.
type MessageRequest struct {
	Conversation string `json:"conversation"`
	// ID is the message's id; one is generated when empty.
	ID     string `json:"id,omitempty"`
	Author string `json:"author,omitempty"`
	Text   string `json:"text"`
	// Source is the message's language when known ("" or "auto" detects).
	Source  string `json:"source,omitempty"`
	ReplyTo string `json:"reply_to,omitempty"`
	// SenderLocale is the author's locale (BCP 47), when the chat product
	// knows it: the sender-locale hint of the message's detection, when
	// Source is not given.
	SenderLocale string `json:"sender_locale,omitempty"`
}

// MessageEditRequest is the body of PATCH /v1/messages/{id}.
type MessageEditRequest struct {
	// Text is the new text; absent keeps it (an edit of source alone).
	Text *string `json:"text,omitempty"`
	// Source corrects the message's declared language: "" keeps it,
	// "auto" drops it (every view detects), a tag replaces it.
	Source string `json:"source,omitempty"`
	// Revision, when set, makes the edit conditional, as If-Match: "N"
	// does: it applies only while the message is at that revision (the
	// one the client shows), else 412 and nothing changes.
	Revision int `json:"revision,omitempty"`
}

// requireJSON refuses a write body sent as another media type than JSON
// (415): text/plain or a form (curl -d without -H) parsed as JSON anyway
// would hide the client's mistake (a form's body got a parse error
// about its first character). decodeStrict asks it of every write of
// Parley's own API: messages, glossaries, moderation actions. A body without Content-Type is read as
// JSON, as it always was (scripts post without one).
func requireJSON(c echo.Context) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if strings.TrimSpace(ct) == "" {
		return nil
	}
	if mt, params, err := mime.ParseMediaType(ct); err == nil && (mt == echo.MIMEApplicationJSON || strings.HasSuffix(mt, "+json")) {
		// The body is read as UTF-8 (JSON's one encoding, RFC 8259):
		// a body declared latin1 read so would store other text than
		// the client sent.
		if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
			return api.FieldError(api.CodeUnsupportedMediaType, "Content-Type",
				"Content-Type %s declares charset %s: send the body as UTF-8 (charset=utf-8, or no charset)", api.Quote(ct), api.Quote(cs))
		}
		return nil
	}
	return api.FieldError(api.CodeUnsupportedMediaType, "Content-Type",
		"Content-Type %s is not JSON: send the body as application/json", api.Quote(ct))
}

func (s *Server) handlePostMessage(c echo.Context) error {
	var req MessageRequest
	// Strict: a misspelt field (replyTo, senderLocale) or one given twice
	// would otherwise be dropped without a word.
	if err := s.decodeStrict(c, &req); err != nil {
		return err
	}
	if err := messages.ValidID("conversation", req.Conversation); err != nil {
		return err
	}
	ev := api.MessageEvent{Op: api.OpPost, ID: req.ID, Author: req.Author, Text: req.Text, Source: req.Source, ReplyTo: req.ReplyTo,
		SenderLocale: req.SenderLocale}
	if err := messages.CheckEvent(&ev); err != nil {
		return err
	}
	if ev.ReplyTo != "" && ev.ReplyTo == ev.ID {
		return api.FieldError(api.CodeInvalidArgument, "reply_to", "a message cannot reply to itself")
	}
	if ev.ID == "" {
		ev.ID = nuid.Next()
	}
	// The tenant is the poster's, never the client's choice.
	ev.Tenant = s.tenant(c)
	if ev.Author == "" {
		if p := PrincipalFrom(c.Request().Context()); p != nil {
			ev.Author = p.Name
		}
	}
	ctx := c.Request().Context()
	st, err := s.caughtUp(ctx)
	if err != nil {
		return err
	}
	// Ids are unique per tenant: another tenant's message of the same id
	// is neither a conflict nor a sign that it exists. A post repeated
	// with the same body (a retry after a lost answer) is answered with
	// the stored message, 200 where the first was 201; another body is a
	// conflict.
	if old, ok := st.log.Get(ev.Tenant, ev.ID); ok {
		if samePost(old, req.Conversation, ev) {
			return postAgain(c, old)
		}
		return postConflict(old, ev.ID)
	}
	// A reply answers a message of its own conversation that the poster
	// can read (another tenant's messages do not exist for them, as in
	// existingMessage); a deleted one still has its place to answer.
	if ev.ReplyTo != "" {
		if to, ok := st.log.Get(ev.Tenant, ev.ReplyTo); !ok || to.Conversation != req.Conversation || !visibleTo(to, ev.Tenant) {
			return api.FieldError(api.CodeNotFound, "reply_to", "no message %q in conversation %q", ev.ReplyTo, req.Conversation)
		}
	}
	m, err := s.appendEvent(c, st, req.Conversation, ev)
	var dup *messages.DuplicateError
	if errors.As(err, &dup) {
		// Sent again before the read model applied the stored post (its
		// first answer lost with the NATS connection, say): the stored
		// post answers it, 200, as above; another body is the conflict.
		if err := st.log.Wait(ctx, dup.Seq); err != nil {
			return err
		}
		if old, ok := st.log.Get(ev.Tenant, ev.ID); ok {
			if samePost(old, req.Conversation, ev) {
				return postAgain(c, old)
			}
			return postConflict(old, ev.ID)
		}
	}
	if err != nil {
		return err
	}
	setMessageLocation(c, m.ID)
	return c.JSON(http.StatusCreated, m)
}

// setMessageLocation names the message a post answers with.
func setMessageLocation(c echo.Context, id string) {
	c.Response().Header().Set(echo.HeaderLocation, "/v1/messages/"+url.PathEscape(id))
}

// postAgain answers a post retried with the same body: the stored
// message, 200 where the first answer was 201, with the same Location, so
// that a client whose first answer was lost finds the message as it would
// have.
func postAgain(c echo.Context, m api.Message) error {
	setMessageLocation(c, m.ID)
	return c.JSON(http.StatusOK, m)
}

// postConflict is the 409 of a post whose id the tenant's stored message
// m has. A retry of a post deleted since is told so: it is the same post,
// and "another text" would send its client looking for a difference.
func postConflict(m api.Message, id string) error {
	if m.Deleted {
		return api.FieldError(api.CodeConflict, "id", "the message with id %q was deleted; a deleted message's id is not posted again (post with another id)", id)
	}
	return api.FieldError(api.CodeConflict, "id", "a message with id %q exists (with another conversation, author, text, source, reply_to or sender_locale: a retry of the same post is answered 200)", id)
}

// samePost reports whether the checked post ev to conv is what m holds:
// the same conversation, author, text, declared language, reply_to and
// sender's locale. A message deleted, or edited to another text, since is
// not, so a retry after that is a conflict.
func samePost(m api.Message, conv string, ev api.MessageEvent) bool {
	return !m.Deleted && m.Conversation == conv && m.Author == ev.Author &&
		m.Text == ev.Text && m.Source == ev.Source && m.ReplyTo == ev.ReplyTo && m.SenderLocale == ev.SenderLocale
}

// caughtUp returns the messages state once its read model has every event
// the stream held when the call began, so that a read sees earlier writes.
func (s *Server) caughtUp(ctx context.Context) (*messagesState, error) {
	st, err := s.messages(ctx)
	if err != nil {
		return nil, err
	}
	if err := st.log.Wait(ctx, 0); err != nil {
		return nil, err
	}
	return st, nil
}

// appendEvent publishes an event and waits until the read model has it,
// so that the client's next read sees its write.
func (s *Server) appendEvent(c echo.Context, st *messagesState, conv string, ev api.MessageEvent) (*api.Message, error) {
	return s.appendEventAfter(c, st, conv, ev, nil)
}

// appendEventAfter is appendEvent; with lastSeq, the event is stored only
// while the last event on its subject is still *lastSeq
// (messages.PublishAfter: messages.ErrConcurrentWrite otherwise).
func (s *Server) appendEventAfter(c echo.Context, st *messagesState, conv string, ev api.MessageEvent, lastSeq *uint64) (*api.Message, error) {
	ctx := c.Request().Context()
	// A tenant past its share of the stream is refused before anything
	// is published (a 429 of its own, which says nothing of the store's
	// room to /readyz): one tenant must not fill the stream for all.
	if err := st.log.Admit(conv, ev); err != nil {
		var ae *api.Error
		if errors.As(err, &ae) && ae.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(ae.RetryAfter))
		}
		return nil, err
	}
	var seq uint64
	var err error
	if lastSeq != nil {
		seq, err = messages.PublishAfter(ctx, st.js, conv, ev, *lastSeq)
	} else {
		seq, err = messages.Publish(ctx, st.js, conv, ev)
	}
	// A failed condition is no failure of the store.
	if errors.Is(err, messages.ErrConcurrentWrite) {
		return nil, err
	}
	// Every write tells /readyz whether the store has room (storage.go).
	s.storage.record(err, time.Now())
	if err != nil {
		return nil, err
	}
	if err := st.log.Wait(ctx, seq); err != nil {
		return nil, err
	}
	// An event the read model skipped is no message, nor a change to one,
	// whatever the log holds under its id: the client hears why, and
	// never gets a 201 or 200 for a write that every read model skips.
	if skip := st.log.Skipped(seq); skip != nil {
		s.log.Warn("chat event published but skipped by the read model", "seq", seq, "conversation", conv, "id", ev.ID, "op", ev.Op, "err", skip)
		var ae *api.Error
		if errors.As(skip, &ae) {
			// The read model's check refused the event (CheckEvent is that
			// check, so only a gateway and a read model of different
			// versions disagree): the client's input, as the check says.
			return nil, ae
		}
		// The event did not fit the messages (a duplicate post, an edit of
		// a message deleted meanwhile): another write came first.
		return nil, api.FieldError(api.CodeConflict, "id", "message %q changed concurrently: the %s was not applied (%v)", ev.ID, ev.Op, skip)
	}
	m, ok := st.log.Get(ev.Tenant, ev.ID)
	if !ok || m.Conversation != conv || (ev.Op == api.OpPost && m.Seq != seq) {
		return nil, api.FieldError(api.CodeConflict, "id", "message %q changed concurrently", ev.ID)
	}
	if lastSeq != nil && ev.Op == api.OpEdit && m.LastSeq != seq {
		// Another write came after this edit: the answer is the message
		// as this edit left it, not as the other writer did. Stored on
		// its condition, the edit applied to the state it was built
		// from, which it carries whole.
		m.Text, m.Source, m.Revision, m.LastSeq, m.Deleted = ev.Text, ev.Source, ev.Revision, seq, false
		m.EditedAt = s.chatEventTime(ctx, st, seq).UTC()
	}
	return &m, nil
}

// lastSubjectSeq is the sequence of the last event on the chat subject of
// tenant's messages of conv (0: none), as the stream has it.
func lastSubjectSeq(ctx context.Context, st *messagesState, tenant, conv string) (uint64, error) {
	stream, err := st.js.Stream(ctx, api.StreamChat)
	if err != nil {
		return 0, api.Errorf(api.CodeUnavailable, "the message store is unavailable")
	}
	msg, err := stream.GetLastMsgForSubject(ctx, api.TenantChatSubject(tenant, conv))
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, api.Errorf(api.CodeUnavailable, "the message store is unavailable")
	}
	return msg.Sequence, nil
}

// editPrecondition is the revision an edit is conditional on: If-Match:
// "N" (a message's revision as an entity tag) or the body's revision; both
// must name the same. 0: none.
func editPrecondition(c echo.Context, revision int) (int, error) {
	p, err := ifMatch(c)
	if err != nil {
		// ifMatch's wording is the glossaries' (their reads send an
		// ETag); a message's tag is the revision its answers carry.
		return 0, api.FieldError(api.CodeInvalidArgument, "If-Match",
			"If-Match: %s: want one message revision as an entity tag in double quotes (\"3\", the revision the message's reads and writes answer with), or *",
			truncateHeader(c.Request().Header.Get("If-Match")))
	}
	switch {
	case p.header == "" || p.exists:
		return revision, nil
	case p.never != "":
		return 0, api.FieldError(api.CodePreconditionFailed, "If-Match", "If-Match: %s: a message's entity tag is its revision (\"N\"), and this is none; nothing was changed", truncateHeader(p.header))
	case revision != 0 && revision != p.version:
		return 0, api.FieldError(api.CodeInvalidArgument, "revision", "If-Match names revision %d and the body %d; send one, or the same", p.version, revision)
	}
	return p.version, nil
}

// visibleTo reports whether a caller of tenant may read or change m:
// messages posted under a tenant are that tenant's only, and messages
// posted without one ("" is a tenant of its own: an open deployment, or a
// back end publishing on NATS without a tenant) are not any tenant's.
func visibleTo(m api.Message, tenant string) bool {
	return m.Tenant == tenant
}

// viewChars is the most a view of m in locale can cost its reader: the
// code points of its text (as the quota counts them), or nothing when the
// view translates nothing (deleted, hidden by a moderator in every
// locale, or posted with a declared language the reader reads: the same
// language in the same script, as the pipeline decides; zh-Hans read in
// zh-TW is translated, and costs).
func (st *messagesState) viewChars(m api.Message, locale string) int64 {
	if m.Deleted || m.Source != "" && m.Source != api.Undetermined && api.SameWriting(m.Source, locale) {
		return 0
	}
	if mod, _ := st.moderated.Get(m.Tenant, m.ID); mod != nil && mod.Hidden {
		return 0
	}
	return int64(utf8.RuneCountInString(m.Text))
}

// translatedChars is what a view of m served to a reader costs: the code
// points of m's text when the view carries a translation, whether it was
// rendered now, served from the view cache or pre-translated (as
// /v1/translate counts translate cache hits). A view in the message's own
// language, or the original because no rung could translate, is free.
func translatedChars(v *api.MessageView, m api.Message) int64 {
	if v.Status != api.StatusTranslated {
		return 0
	}
	return int64(utf8.RuneCountInString(m.Text))
}

// existingMessage finds the message of a route's :id.
func (s *Server) existingMessage(c echo.Context) (*messagesState, api.Message, error) {
	id := c.Param("id")
	if err := messages.ValidID("id", id); err != nil {
		return nil, api.Message{}, err
	}
	ctx := c.Request().Context()
	st, err := s.caughtUp(ctx)
	if err != nil {
		return nil, api.Message{}, err
	}
	// The caller's tenant's message: another tenant's messages (of this
	// id or any) do not exist for this caller.
	m, ok := st.log.Get(s.tenant(c), id)
	if !ok || !visibleTo(m, s.tenant(c)) {
		return nil, api.Message{}, api.Errorf(api.CodeNotFound, "no message %q", id)
	}
	return st, m, nil
}

// editAttempts bounds how often an edit is rebuilt from the message's
// fresh state after another write to the tenant's conversation came
// first: each attempt loses only to a write stored meanwhile.
const editAttempts = 8

func (s *Server) handleEditMessage(c echo.Context) error {
	var req MessageEditRequest
	// Strict: a field PATCH does not take (author, conversation) or a
	// misspelt one would be dropped without a word.
	if err := s.decodeStrict(c, &req); err != nil {
		return err
	}
	if req.Revision < 0 {
		return api.FieldError(api.CodeInvalidArgument, "revision", "revision must be a message's revision (1 or more)")
	}
	want, err := editPrecondition(c, req.Revision)
	if err != nil {
		return err
	}
	if req.Text == nil && strings.TrimSpace(req.Source) == "" {
		return api.FieldError(api.CodeInvalidArgument, "text", "an edit changes text, source or both: send at least one")
	}
	st, m, err := s.existingMessage(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	tenant := s.tenant(c)
	for range editAttempts {
		// The edit is built from the message as of the last event on its
		// subject (the tenant's events of the conversation), and stored
		// only if none came since (messages.PublishAfter): it never
		// overwrites a change it did not see, and an edit of text and
		// one of source both stay.
		last, err := lastSubjectSeq(ctx, st, tenant, m.Conversation)
		if err != nil {
			return err
		}
		if err := st.log.Wait(ctx, last); err != nil {
			return err
		}
		var ok bool
		if m, ok = st.log.Get(tenant, m.ID); !ok || !visibleTo(m, tenant) {
			return api.Errorf(api.CodeNotFound, "no message %q", c.Param("id"))
		}
		if m.Deleted {
			return api.Errorf(api.CodeConflict, "message %q is deleted", m.ID)
		}
		if want > m.Revision {
			return api.FieldError(api.CodePreconditionFailed, "revision",
				"message %q is at revision %d; revision %d does not exist yet; nothing was changed (read it again)", m.ID, m.Revision, want)
		}
		if want > 0 && m.Revision != want {
			return api.FieldError(api.CodePreconditionFailed, "revision",
				"message %q is at revision %d, not %d: another edit came first; nothing was changed (read it again)", m.ID, m.Revision, want)
		}
		// Self-sufficient: the edit carries the whole message, so it
		// outlives its post in the stream's retention (messages.Log), its
		// source included, which the edit may correct.
		text := m.Text
		if req.Text != nil {
			text = *req.Text
		}
		ev := messages.EditEvent(m, text)
		if src := strings.TrimSpace(req.Source); strings.EqualFold(src, "auto") {
			ev.Source = ""
		} else if src != "" {
			ev.Source = src
		}
		if err := messages.CheckEvent(&ev); err != nil {
			return err
		}
		if ev.Text == m.Text && ev.Source == m.Source {
			// Nothing changes (a retry after a lost answer): no new
			// revision, no event for every reader to render again.
			return c.JSON(http.StatusOK, m)
		}
		out, err := s.appendEventAfter(c, st, m.Conversation, ev, &last)
		if errors.Is(err, messages.ErrConcurrentWrite) {
			continue
		}
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, out)
	}
	return api.Errorf(api.CodeConflict, "message %q changed concurrently %d times: nothing was changed; retry", m.ID, editAttempts)
}

func (s *Server) handleDeleteMessage(c echo.Context) error {
	st, m, err := s.existingMessage(c)
	if err != nil {
		return err
	}
	if m.Deleted {
		return c.JSON(http.StatusOK, m)
	}
	out, err := s.appendEvent(c, st, m.Conversation, messages.DeleteEvent(m))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// viewLocale negotiates the reader's locale (locale parameter or
// Accept-Language); a view needs one.
func (s *Server) viewLocale(c echo.Context) (string, error) {
	locale, err := s.negotiateTarget(c, "")
	if err != nil {
		return "", err
	}
	if locale == "" {
		return "", api.FieldError(api.CodeInvalidLanguage, "locale", "locale is required (the locale parameter or Accept-Language)")
	}
	return locale, nil
}

// viewUser reads the reader's user id, the user_id query parameter (a
// query parameter, since a browser's EventSource cannot send headers):
// the chat product's id of the user the views are for, as /v1/translate's
// user_id. Flags and A/B experiments split by user assign by it; a view
// without one is outside an experiment split by user. It returns "" when
// nothing splits by user, so that readers share the cached views.
func viewUser(c echo.Context, st *messagesState) (string, error) {
	user := c.QueryParam("user_id")
	if len(user) > pipeline.MaxIDBytes || !utf8.ValidString(user) ||
		strings.ContainsFunc(user, func(r rune) bool { return r < 0x21 || r == 0x7f || r == '*' || r == '>' }) {
		return "", api.FieldError(api.CodeInvalidArgument, "user_id", "user_id must be at most %d bytes of printable characters without spaces, '*' or '>'", pipeline.MaxIDBytes)
	}
	if user == "" || !st.splits.matter() {
		return "", nil
	}
	return user, nil
}

// viewParams are the query parameters of the message view routes: each
// takes one value, so one sent twice (?locale=en&locale=zz) is a 400
// rather than a silent choice of the first.
var viewParams = []string{"locale", "user_id", "original", "limit", "before", "after"}

// pageParams are those the page route reads; it refuses any other (after=
// among them: a page goes back from the newest, or from before).
var pageParams = []string{"locale", "user_id", "original", "limit", "before"}

// checkQuery refuses a query parameter of names given more than once and,
// with only set, any parameter not in only.
func checkQuery(c echo.Context, names []string, only bool) error {
	q := c.QueryParams()
	for _, name := range names {
		if n := len(q[name]); n > 1 {
			return api.FieldError(api.CodeInvalidArgument, name, "query parameter %s is given %d times; send it once", name, n)
		}
	}
	if only {
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !slices.Contains(names, k) {
				return api.FieldError(api.CodeInvalidArgument, api.Clip(k, 64), "unknown query parameter %s; this route takes %s", api.Quote(k), strings.Join(names, ", "))
			}
		}
	}
	return nil
}

func (s *Server) handleGetMessage(c echo.Context) error {
	if err := checkQuery(c, viewParams, false); err != nil {
		return err
	}
	original, err := queryBool(c, "original")
	if err != nil {
		return err
	}
	st, m, err := s.existingMessage(c)
	if err != nil {
		return err
	}
	locale, err := s.viewLocale(c)
	if err != nil {
		return err
	}
	user, err := viewUser(c, st)
	if err != nil {
		return err
	}
	// The quota is checked before any translation, as /v1/translate does,
	// and counts the view only when it came back translated.
	count, err := s.quotaCheck(c, st.viewChars(m, locale))
	if err != nil {
		return err
	}
	if isHead(c) {
		// The checks said what the GET would: the view itself would be
		// rendered, and billed, for a body nobody receives.
		return headJSON(c)
	}
	v, data, err := st.renderer.ViewAndJSON(c.Request().Context(), m, locale, user, original)
	if err != nil {
		return err
	}
	count(translatedChars(v, m))
	return c.JSONBlob(http.StatusOK, data)
}

func (s *Server) handleConversationPage(c echo.Context) error {
	conv := c.Param("id")
	if err := messages.ValidID("conversation", conv); err != nil {
		return err
	}
	if err := checkQuery(c, pageParams, true); err != nil {
		return err
	}
	original, err := queryBool(c, "original")
	if err != nil {
		return err
	}
	limit := defaultPageSize
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			return api.FieldError(api.CodeInvalidArgument, "limit", "limit must be 1 to %d", maxPageSize)
		}
		limit = n
	}
	before := c.QueryParam("before")
	if before != "" {
		if err := messages.ValidID("before", before); err != nil {
			return err
		}
	}
	locale, err := s.viewLocale(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	st, err := s.caughtUp(ctx)
	if err != nil {
		return err
	}
	user, err := viewUser(c, st)
	if err != nil {
		return err
	}
	// Kept to the caller's messages inside the log, so that the page's
	// size, cursor and last_seq say nothing of other tenants' messages.
	tenant := s.tenant(c)
	msgs, prev, lastSeq, err := st.log.Page(conv, messages.Key{Tenant: tenant, ID: before}, limit, func(m *api.Message) bool { return visibleTo(*m, tenant) })
	if err != nil {
		return err
	}
	// A page is checked against the quota as a whole before anything is
	// translated: serving part of it untranslated would skip the safety
	// policy, which runs in the same pipeline. A reader near the end of
	// the quota asks for smaller pages (limit).
	var need int64
	for _, m := range msgs {
		need += st.viewChars(m, locale)
	}
	count, err := s.quotaCheck(c, need)
	if err != nil {
		return err
	}
	if isHead(c) {
		return headJSON(c)
	}
	views, err := st.renderer.Views(ctx, msgs, locale, user, original)
	if err != nil {
		return err
	}
	var translated int64
	for i := range views {
		translated += translatedChars(&views[i], msgs[i])
	}
	count(translated)
	return c.JSON(http.StatusOK, api.MessagePage{Conversation: conv, Locale: locale, Messages: views, Before: prev, LastSeq: lastSeq})
}

// handleConversationEvents streams a conversation's views in the reader's
// locale as Server-Sent Events. The reader's locale is registered with
// the messages service, which pre-translates new messages into it and
// publishes the views; beyond the per-conversation cap of locales (or
// when no view comes within sseGrace) the gateway renders them itself.
// Event ids are chat stream sequences, with the moderation revision the
// stream has reached in a conversation with moderators' decisions
// (eventCursor): a client that reconnects with Last-Event-ID (or passes
// after=, e.g. a page's last_seq) first gets every change it missed,
// decisions included; after=0 (an empty conversation's last_seq)
// replays the conversation from its start, while no after at all replays
// nothing. A stream lasts at most the request timeout; EventSource
// reconnects by itself and resumes.
//
// Every translated view sent counts against the caller's monthly quota.
// A stream opens only while the quota has characters left (429 otherwise,
// which also stops EventSource from reconnecting); a view that no longer
// fits ends the stream with an error event (below), without the view, and
// with an event id that makes a later reconnect resume at that view.
func (s *Server) handleConversationEvents(c echo.Context) error {
	conv := c.Param("id")
	if err := messages.ValidID("conversation", conv); err != nil {
		return err
	}
	if err := checkQuery(c, viewParams, false); err != nil {
		return err
	}
	// resume tells after=0 (replay from the start: a page of an empty
	// conversation says last_seq 0) from no after (replay nothing).
	// One Last-Event-ID, as the one after=: of two, the first would be a
	// silent choice of where to resume.
	if n := len(c.Request().Header.Values("Last-Event-ID")); n > 1 {
		return api.FieldError(api.CodeInvalidArgument, "Last-Event-ID", "header Last-Event-ID is given %d times; send it once", n)
	}
	var from eventCursor
	resume := false
	for _, v := range []string{c.Request().Header.Get("Last-Event-ID"), c.QueryParam("after")} {
		if v == "" {
			continue
		}
		cur, err := parseEventCursor(v)
		if err != nil {
			return api.FieldError(api.CodeInvalidArgument, "after", "after and Last-Event-ID must be an event id: a stream sequence (a number, e.g. a page's last_seq), or a sequence and a moderation revision (<seq>.<rev>)")
		}
		if !resume || cur.after(from) {
			from = cur
		}
		resume = true
	}
	after := from.seq
	locale, err := s.viewLocale(c)
	if err != nil {
		return err
	}
	// Before any work: a key past its cap of open streams, or a process
	// past its own, is refused (429, 503) while the stream costs nothing.
	release, err := s.acquireStream(c)
	if err != nil {
		return err
	}
	defer release()
	ctx := c.Request().Context()
	st, err := s.caughtUp(ctx)
	if err != nil {
		return err
	}
	if resume {
		if err := checkCursor(ctx, st, from); err != nil {
			return err
		}
	}
	user, err := viewUser(c, st)
	if err != nil {
		return err
	}
	tenant := s.tenant(c)
	// A quota that cannot pay for the first view to replay (or has no
	// character left) refuses the stream before it starts: a stream that
	// opened only to end with an error event would have EventSource
	// reconnect every second, while a 429 stops it.
	need := int64(1)
	if resume {
		for _, m := range st.log.Since(conv, after) {
			if visibleTo(m, tenant) {
				need = max(need, st.viewChars(m, locale))
				break
			}
		}
	}
	open, err := s.quotaCheck(c, need)
	if err != nil {
		return err
	}
	// Only a check: each view reserves (and counts) its own characters.
	open(0)
	w := c.Response()
	if isHead(c) {
		// The stream's headers, and nothing the stream would do: no
		// locale registered (a HEAD holds no slot of the tenant's cap
		// for the registration's TTL), no replay rendered and billed.
		// Parley-Views says what a GET would get now.
		mode := "on-demand"
		if user == "" {
			if locs, err := st.presence.Active(ctx, tenant, conv); err == nil &&
				(slices.Contains(locs, locale) || len(locs) < st.presence.Max()) {
				mode = "pretranslated"
			}
		}
		eventStreamHeaders(w, mode)
		return nil
	}
	// The locale cap counts the tenant's readers of the conversation only:
	// another tenant's readers of the same conversation id do not take
	// this tenant's slots.
	active, err := st.presence.Register(ctx, tenant, conv, locale)
	if err != nil {
		s.log.Warn("register reader locale", "conversation", conv, "locale", locale, "err", err)
	}
	// Subscribe before replaying, so that nothing falls in between.
	changes, stopListening := st.log.Listen(conv)
	defer stopListening()
	moderatedIDs, stopModerated := st.moderated.Listen(conv)
	defer stopModerated()
	// The conversation's decisions as the stream opens, read after
	// listening: later ones are notified.
	decisions := st.moderated.Changes(tenant, conv, 0)
	// The messages service's views are rendered for no reader: a stream
	// for a user that something splits by renders its own (on demand),
	// so that its views carry the reader's arm. The locale stays
	// registered, for the other readers of the conversation.
	active = active && user == ""
	views := make(chan *nats.Msg, 64)
	if active {
		sub, err := s.nc.ChanSubscribe(api.ViewsSubject(tenant, conv, locale), views)
		if err != nil {
			return api.Errorf(api.CodeUnavailable, "could not subscribe to views")
		}
		defer func() { _ = sub.Unsubscribe() }()
	}

	// The conversation's latest change as the stream opens, read after
	// subscribing: everything later is notified. Without after, the
	// stream starts there.
	_, _, latest, _ := st.log.Page(conv, messages.Key{}, 0, nil)

	mode := "pretranslated"
	if !active {
		mode = "on-demand"
	}
	eventStreamHeaders(w, mode)
	// The connect block carries the event id the stream starts from (the
	// cursor and moderation revision set below), so that a stream that
	// ends before its first view (the deadline, a proxy) still gives
	// EventSource a Last-Event-ID: its reconnect resumes here, and a
	// message posted meanwhile is not lost. A block with an id and no
	// data sets lastEventId without dispatching an event.
	connected := eventCursor{seq: latest}
	if len(decisions) > 0 {
		connected.rev = decisions[len(decisions)-1].Rev
	}
	if resume {
		connected.seq = after
		if after > 0 {
			connected.rev = from.rev
		}
	}
	if _, err := fmt.Fprintf(w, "retry: 1000\nid: %s\n: connected; views %s\n\n", connected, mode); err != nil {
		return nil
	}
	w.Flush()

	// Views go out in the chat stream's order, each with its sequence in
	// the event id (eventID), and cursor is the last sequence sent or
	// passed over (another tenant's message): everything up to it has gone out, so a
	// reconnect with Last-Event-ID misses nothing. The log says what to
	// send, not the notifications: they only wake the loop, so one a busy
	// stream missed (Listen drops when its buffer is full) loses nothing,
	// and the pre-translated views, which the messages service's workers
	// publish in whatever order they finish, wait for their turn.
	cursor := latest
	if resume {
		cursor = after
	}
	// modCursor is the moderation revision up to which every decision
	// about a message sent (up to cursor) has gone out, in a view sent
	// again or in one rendered after it. It starts at the conversation's
	// latest decision, or on a resume at the client's: the decisions after
	// it are sent first (below).
	var modCursor uint64
	if len(decisions) > 0 {
		modCursor = decisions[len(decisions)-1].Rev
	}
	if resume && after > 0 {
		modCursor = from.rev
	}
	// A view is new when its change (seq) is, or when what the reader
	// sees of that change differs from the view of it sent last: a
	// hidden, approved, corrected, withdrawn or hidden-again message is
	// sent again, every time a decision changes it (hide, approve, hide:
	// three views), while a view that shows what was sent last (a
	// decision re-rendered, a late pre-translated copy) is a true
	// duplicate. Keying on what was ever sent instead would drop a
	// decision that returns the message to a state sent before (the
	// shape: viewShape).
	shapeOf := func(v *api.MessageView) viewShape {
		return viewShape{v.Status, v.Text, v.Moderation, messages.FailedTranslation(v)}
	}
	// sent is the shape of the view of each change (seq) sent last.
	sent := map[uint64]viewShape{}
	sentSeq := func(seq uint64) bool {
		_, ok := sent[seq]
		return ok
	}
	// arrived holds pre-translated views that came before their turn;
	// waiting, since when a message has waited for its view.
	arrived := map[uint64]*api.MessageView{}
	waiting := map[uint64]time.Time{}
	// decided holds messages already sent that a moderator has decided
	// on since, waiting for the view the messages service re-publishes:
	// since when, and the revision of the decision. The event ids stay
	// before the first of them.
	type pendingDecision struct {
		since time.Time
		rev   uint64
	}
	decided := map[string]pendingDecision{}
	// eventID is the id of the event sent now: the cursor, and the
	// moderation revision up to which nothing is owed (none while the
	// conversation has no decision, so that its ids stay plain sequences).
	eventID := func() string {
		rev := modCursor
		for _, d := range decided {
			rev = min(rev, d.rev-1)
		}
		return eventCursor{seq: cursor, rev: rev}.String()
	}
	principal := PrincipalFrom(ctx)
	// The key is checked again before every event, and every second
	// while the stream is idle, as console sessions are: a key revoked
	// (or a secret a rotation retired) while the stream is open is
	// refused by this replica from then on, and the stream ends with an
	// error event instead of delivering more.
	secret := digest(presentedKey(c))
	keyGone := func() error {
		if principal == nil || s.keyActive(principal.KeyID, secret) {
			return nil
		}
		return api.Errorf(api.CodeUnauthorized, "the API key was revoked or its secret retired; the stream ends")
	}
	// send sends v, a view of m, counting it against the quota when it is
	// translated; count is the quota check made before rendering v (nil:
	// check now, for views the messages service translated). A view in
	// its turn (next) moves the cursor; a view sent again after a
	// moderator's decision leaves it where it is (the client's
	// Last-Event-ID never goes back). Every view carries the event id.
	send := func(v *api.MessageView, m api.Message, count func(int64), next bool) error {
		shape := shapeOf(v)
		if last, ok := sent[v.Seq]; ok && last == shape {
			if next {
				cursor = max(cursor, m.LastSeq)
			}
			if count != nil {
				count(0) // nothing sent: the reservation is given back
			}
			return nil
		}
		// A client that went away is billed for nothing more.
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := keyGone(); err != nil {
			if count != nil {
				count(0)
			}
			return err
		}
		n := translatedChars(v, m)
		if n > 0 && count == nil {
			var err error
			if count, err = s.quotaFor(ctx, principal, n); err != nil {
				return err
			}
		}
		sent[v.Seq] = shape
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if next {
			cursor = max(cursor, m.LastSeq)
		}
		if _, err := fmt.Fprintf(w, "id: %s\nevent: view\ndata: %s\n\n", eventID(), data); err != nil {
			return err
		}
		w.Flush()
		// Counted once written: the quota was checked before (count), and
		// the next view's check runs after this count. A view that came
		// back untranslated counts 0, which gives render's reservation
		// back: held to the stream's end, it would count against every
		// later check of the key.
		if count != nil {
			count(n)
		}
		return nil
	}
	render := func(m api.Message, next bool) error {
		// A client that went away (or the request's deadline) ends the
		// stream here: rendering on would translate, and log, every view
		// left to replay for nobody.
		if err := ctx.Err(); err != nil {
			return err
		}
		count, err := s.quotaFor(ctx, principal, st.viewChars(m, locale))
		if err != nil {
			return err
		}
		v, err := st.renderer.View(ctx, m, locale, user, false)
		if err != nil {
			if ctx.Err() != nil {
				// The stream's end, not the view's failure: nothing to warn of.
				return ctx.Err()
			}
			s.log.Warn("render event view", "conversation", conv, "id", m.ID, "err", err)
			// Never passed over: the cursor would move past a view the
			// client never got, and no reconnect would bring it back. A
			// message the pipeline refuses is rendered all the same (an
			// original view with a reason: messages.Renderer), so this is
			// a failure of the moment, and the stream ends with the
			// cursor (or, for a view sent again after a decision, the
			// moderation revision) before the view: the reconnect renders
			// it again.
			return err
		}
		return send(v, m, count, next)
	}
	// catchUp sends, in order, every change after the cursor whose view
	// is ready: the messages service's view when it came, or one rendered
	// here for messages that were in the log when the stream opened (no
	// view of them is coming), for on-demand streams, and for messages
	// whose view did not come within sseGrace. It stops at the first
	// message still waiting for its view, so that none overtakes it.
	catchUp := func(now time.Time) error {
		for _, m := range st.log.Since(conv, cursor) {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !visibleTo(m, tenant) || sentSeq(m.LastSeq) {
				cursor = max(cursor, m.LastSeq)
				continue
			}
			if v, ok := arrived[m.LastSeq]; ok {
				delete(arrived, m.LastSeq)
				delete(waiting, m.LastSeq)
				if err := send(v, m, nil, true); err != nil {
					return err
				}
				continue
			}
			if active && m.LastSeq > latest {
				since, ok := waiting[m.LastSeq]
				if !ok {
					waiting[m.LastSeq] = now
					return nil
				}
				if now.Sub(since) < sseGrace {
					return nil
				}
				delete(waiting, m.LastSeq)
			}
			if err := render(m, true); err != nil {
				return err
			}
		}
		// Views of changes already passed (an edit overtook them) will
		// never be sent.
		for seq := range arrived {
			if seq <= cursor {
				delete(arrived, seq)
			}
		}
		return nil
	}
	// end ends the stream after an error. A client that went away needs
	// nothing; an API error (the quota spent, the usage counters
	// unavailable) is sent as an "error" event in the one error shape,
	// with the cursor as its id, so that a reconnect resumes at the view
	// that was refused; EventSource's own reconnect then gets the 429 and
	// stops.
	end := func(err error) error {
		var ae *api.Error
		if !errors.As(err, &ae) {
			return nil
		}
		data, jerr := json.Marshal(ae.Body(w.Header().Get(echo.HeaderXRequestID)))
		if jerr != nil {
			return nil
		}
		if _, err := fmt.Fprintf(w, "id: %s\nevent: error\ndata: %s\n\n", eventID(), data); err == nil {
			w.Flush()
		}
		return nil
	}
	// sendDecisions sends again, in revision order, the messages already
	// sent (up to the cursor) that ds, decisions after modCursor, are
	// about; the others go out in their turn with the decision applied.
	// Pre-translated streams wait for the view the messages service
	// re-publishes after a decision it has just applied (live), or render
	// it after the grace; decisions the stream owes from before it opened
	// (a resume) are rendered at once, since none is coming. A view that
	// fails ends the stream with modCursor before its decision.
	sendDecisions := func(ds []messages.ModerationChange, now time.Time, live bool) error {
		for _, d := range ds {
			if d.Rev <= modCursor {
				continue
			}
			m, ok := st.log.Get(tenant, d.ID)
			if !ok || m.Conversation != conv || m.LastSeq > cursor || !visibleTo(m, tenant) {
				modCursor = d.Rev
				continue
			}
			if active && live {
				if _, ok := decided[d.ID]; !ok {
					decided[d.ID] = pendingDecision{now, d.Rev}
				}
				modCursor = d.Rev
				continue
			}
			prev := modCursor
			modCursor = d.Rev
			if err := render(m, false); err != nil {
				modCursor = prev
				return err
			}
		}
		return nil
	}
	if resume && after > 0 {
		// The decisions the client missed: those after its moderation
		// revision, or, from a plain sequence (a page's last_seq, an id
		// sent before the conversation had decisions), those written
		// since its event, give or take the clocks' skew. Nothing is owed
		// from a replay from the start: every view goes out in its turn.
		owed := decisions
		if !from.hasRev && len(owed) > 0 {
			notBefore := s.chatEventTime(ctx, st, after).Add(-decisionClockSkew)
			owed = slices.DeleteFunc(slices.Clone(owed), func(d messages.ModerationChange) bool {
				return d.UpdatedAt.Before(notBefore)
			})
		}
		if err := sendDecisions(owed, time.Now(), false); err != nil {
			return end(err)
		}
		if len(decisions) > 0 {
			modCursor = max(modCursor, decisions[len(decisions)-1].Rev)
		}
	}
	if err := catchUp(time.Now()); err != nil {
		return end(err)
	}

	// End before the request's deadline, cleanly: the client reconnects.
	var deadline <-chan time.Time
	if dl, ok := ctx.Deadline(); ok {
		t := time.NewTimer(time.Until(dl) - time.Second)
		defer t.Stop()
		deadline = t.C
	}
	beat := time.NewTicker(min(sseHeartbeat, max(time.Second, st.presence.TTL()/3)))
	defer beat.Stop()
	// The check sends the views whose wait for the messages service ran
	// out. A notification that a full buffer dropped needs no check: the
	// buffer was full, so the notifications in it wake the loop, and one
	// catch-up reads everything after the cursor.
	check := time.NewTicker(sseGrace / 5)
	defer check.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			return nil
		case <-deadline:
			// The id the reconnect resumes from, though no view went out
			// since the last one (or since connecting).
			if _, err := fmt.Fprintf(w, "id: %s\n: closing; reconnect\n\n", eventID()); err == nil {
				w.Flush()
			}
			return nil
		case <-moderatedIDs:
			// A moderator decided on a message. One not sent yet goes out
			// with the decision applied in its turn; one already sent
			// goes again: on-demand streams render it now, pre-translated
			// ones get the view the messages service re-publishes, or
			// render it after the grace. The notifications only wake the
			// loop: the mirror says what changed after modCursor (one a
			// full buffer dropped loses nothing), and only this tenant's
			// messages (Changes).
			for drained := false; !drained; {
				select {
				case <-moderatedIDs:
				default:
					drained = true
				}
			}
			err = sendDecisions(st.moderated.Changes(tenant, conv, modCursor), time.Now(), true)
		case <-changes:
			// One catch-up covers every change queued meanwhile: each
			// reads the conversation's later changes from the log.
			for drained := false; !drained; {
				select {
				case <-changes:
				default:
					drained = true
				}
			}
			err = catchUp(time.Now())
		case msg := <-views:
			var v api.MessageView
			if json.Unmarshal(msg.Data, &v) != nil {
				continue
			}
			// The subject carries the reader's tenant, and the view is
			// checked all the same (a back end may publish on any
			// subject): it is this reader's when the reader's tenant's
			// message of its id is in this conversation and its latest
			// change is the view's (a stream sequence names one event,
			// of one message).
			m, ok := st.log.Get(tenant, v.ID)
			if !ok || m.LastSeq < v.Seq {
				// The messages service can be ahead of this replica's read
				// model; the view waits for it (briefly), since whose
				// message it is decides who may see it.
				wctx, cancel := context.WithTimeout(ctx, sseGrace)
				_ = st.log.Wait(wctx, v.Seq)
				cancel()
				m, ok = st.log.Get(tenant, v.ID)
			}
			if !ok || m.Conversation != conv || m.LastSeq != v.Seq || !visibleTo(m, tenant) {
				continue
			}
			if v.PostSeq == 0 {
				// From a messages service older than post_seq (a rolling
				// upgrade): readers order messages by it.
				v.PostSeq = m.Seq
			}
			if v.Seq > cursor {
				arrived[v.Seq] = &v
				err = catchUp(time.Now())
				break
			}
			// A view re-published after a moderator's decision, or
			// rendered again after its translation failed (the messages
			// service's retry.go). One that came while a later decision
			// about the message landed may not show it: that one's view
			// is waited for in turn. A view of a change the client has,
			// with no decision since (pre-translated late, for a locale
			// that registered meanwhile), is not news, unless it
			// replaces the failed view sent last.
			if v.Seq == m.LastSeq {
				d, pending := decided[v.ID]
				state, rev := st.moderated.Get(tenant, v.ID)
				if state != nil && state.Hidden != (v.Moderation == api.ModeratedHidden) {
					// Rendered before the messages service applied the
					// decision (a pre-translated view that arrived late,
					// a retry rendered before a hide): the view that
					// shows it is still to come, or is rendered after the
					// grace. Sending this one, and taking it for that,
					// would leave the reader the text a moderator hid.
					continue
				}
				switch {
				case pending && rev > d.rev:
					decided[v.ID] = pendingDecision{time.Now(), rev}
				case pending:
					delete(decided, v.ID)
				case rev <= modCursor && !replacesFailed(&v, sent[v.Seq]):
					continue
				}
				// Not pending with rev <= modCursor: the view that
				// replaces a failed one this stream sent last. Without it
				// the reader keeps the original until it reconnects; it
				// goes out once (send then holds its shape, and the next
				// copy replaces nothing), leaving the cursor where it is.
				err = send(&v, m, nil, false)
			}
		case now := <-check.C:
			err = keyGone()
			if err == nil && len(waiting) > 0 {
				err = catchUp(now)
			}
			for id, d := range decided {
				if err != nil || now.Sub(d.since) < sseGrace {
					continue
				}
				delete(decided, id)
				if m, ok := st.log.Get(tenant, id); ok && m.LastSeq <= cursor {
					if err = render(m, false); err != nil {
						decided[id] = d
					}
				}
			}
		case <-beat.C:
			// With the id, so that a connection a proxy drops resumes
			// from here.
			if _, err := fmt.Fprintf(w, "id: %s\n: ping\n\n", eventID()); err != nil {
				return nil
			}
			w.Flush()
			// Keep the locale's slot (or take one that freed up: the
			// messages service then pre-translates, and this stream's own
			// renders become cache hits).
			if _, err := st.presence.Register(ctx, tenant, conv, locale); err != nil {
				s.log.Warn("refresh reader locale", "conversation", conv, "locale", locale, "err", err)
			}
		}
		if err != nil {
			return end(err)
		}
	}
}

// viewShape is what the reader sees of a view, for an event stream to
// tell a view that is news from a duplicate. failed (the view serves the
// original because its translation failed) is part of it, so that the
// view replacing a failed one is news even when it serves the same text
// (another final state).
type viewShape struct {
	status, text, moderation string
	failed                   bool
}

// replacesFailed reports whether v replaces last, the shape of the view
// of its seq a stream sent last: that one failed to translate and v no
// longer does (translated, or another final state). A stream that never
// sent the seq (the zero shape) has nothing to replace.
func replacesFailed(v *api.MessageView, last viewShape) bool {
	return last.failed && !messages.FailedTranslation(v)
}

// decisionClockSkew is how much earlier than a chat event a decision may
// say it was written (UpdatedAt, the messages service's clock) and still
// be resent to a reader resuming from that event (its time is the NATS
// server's): sending one again costs a view, missing one leaves the
// reader a message moderators removed.
const decisionClockSkew = 30 * time.Second

// eventCursor is an event id: the chat stream sequence up to which the
// stream has sent everything ("17"), and in a conversation with
// moderators' decisions the revision of the decisions bucket up to which
// it has sent every decision about the messages sent ("17.42"). Bucket
// revisions grow across all messages, as sequences do, so the two
// numbers tell a resume what it owes: the chat changes after seq, and the
// decisions after rev about the messages up to seq.
type eventCursor struct {
	seq, rev uint64
	// hasRev: the id had a revision (".0" included). Without one (a
	// page's last_seq, or an id sent before the conversation had
	// decisions) the decisions owed are those written since event seq.
	hasRev bool
}

// parseEventCursor reads "<seq>" or "<seq>.<rev>", both decimal.
func parseEventCursor(v string) (eventCursor, error) {
	seq, rev, hasRev := strings.Cut(v, ".")
	c := eventCursor{hasRev: hasRev}
	var err error
	if c.seq, err = strconv.ParseUint(seq, 10, 64); err != nil {
		return eventCursor{}, err
	}
	if hasRev {
		if c.rev, err = strconv.ParseUint(rev, 10, 64); err != nil {
			return eventCursor{}, err
		}
	}
	return c, nil
}

// after reports whether c says more than o: a later sequence, or the same
// with a later (or any) revision.
func (c eventCursor) after(o eventCursor) bool {
	if c.seq != o.seq {
		return c.seq > o.seq
	}
	return c.hasRev && (!o.hasRev || c.rev > o.rev)
}

// String is the event id: the sequence alone while no decision counts.
func (c eventCursor) String() string {
	if c.rev == 0 {
		return strconv.FormatUint(c.seq, 10)
	}
	return strconv.FormatUint(c.seq, 10) + "." + strconv.FormatUint(c.rev, 10)
}

// chatEventTime is when the chat stream stored event seq, or the zero
// time when that is not known (retention dropped it, or the stream does
// not answer): every decision then counts as later.
func (s *Server) chatEventTime(ctx context.Context, st *messagesState, seq uint64) time.Time {
	stream, err := st.js.Stream(ctx, api.StreamChat)
	if err == nil {
		var msg *jetstream.RawStreamMsg
		if msg, err = stream.GetMsg(ctx, seq); err == nil {
			return msg.Time
		}
	}
	s.log.Debug("chat event time unknown: every decision of the conversation is sent again", "seq", seq, "err", err)
	return time.Time{}
}

// checkCursor refuses a resume cursor (after, Last-Event-ID) above the
// chat stream's last sequence: it names no event a stream ever sent, and
// a stream opened with it would send its views without an event id (the
// cursor never moves up to them), so the client's Last-Event-ID would
// stay where it is. The read model knows the stream up to Applied; the
// stream itself is asked only past that (another replica, whose read
// model is ahead, may have sent the id). A moderation revision above the
// decisions bucket's last is refused alike: the stream would take every
// decision up to it as sent, and a moderator's hide would never reach
// the reader.
func checkCursor(ctx context.Context, st *messagesState, cur eventCursor) error {
	if cur.rev > 0 {
		last, err := st.moderated.LastRevision(ctx, cur.rev)
		if err != nil {
			return api.Errorf(api.CodeUnavailable, "the moderation store is unavailable")
		}
		if cur.rev > last {
			return api.FieldError(api.CodeInvalidArgument, "after",
				"after (or Last-Event-ID) %s names moderation revision %d, past the last decision (%d): resume with an event id this API sent or a page's last_seq, or open the stream without one", cur, cur.rev, last)
		}
	}
	after := cur.seq
	if after <= st.log.Applied() {
		return nil
	}
	stream, err := st.js.Stream(ctx, api.StreamChat)
	if err != nil {
		return api.Errorf(api.CodeUnavailable, "the message store is unavailable")
	}
	if last := stream.CachedInfo().State.LastSeq; after > last {
		return api.FieldError(api.CodeInvalidArgument, "after",
			"after (or Last-Event-ID) %d is past the end of the chat stream: resume with an event id this API sent or a page's last_seq, or open the stream without one", after)
	}
	return nil
}

// eventStreamHeaders starts an event stream's response (mode is the
// Parley-Views header: "pretranslated" or "on-demand").
func eventStreamHeaders(w *echo.Response, mode string) {
	h := w.Header()
	h.Set(echo.HeaderContentType, "text/event-stream; charset=utf-8")
	h.Set(echo.HeaderCacheControl, "no-cache")
	h.Set("X-Accel-Buffering", "no")
	h.Set("Parley-Views", mode)
	w.WriteHeader(http.StatusOK)
}

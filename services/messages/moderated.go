package messages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Moderated mirrors the bucket of moderators' decisions about messages
// (api.BucketMessageModeration) in memory through a KV watcher. Every
// reader of messages keeps one: the watcher's subject is the one every
// replica listens to, so a decision changes every replica's views as soon
// as it is written, and a restart reloads it from the bucket.
//
// Views cache keys carry the message's revision in the bucket (Rev), so a
// decision makes a new key: stale views are never served after one, and a
// render that was in flight when the decision landed cannot put an old
// view back under the new key.
type Moderated struct {
	kv   jetstream.KeyValue
	log  *slog.Logger
	w    jetstream.KeyWatcher
	done chan struct{}

	mu      sync.RWMutex
	entries map[Key]moderatedEntry
	// keys maps each bucket key to the message its value is about, for
	// deletes (which carry no value).
	keys      map[string]Key
	listeners map[string]map[chan Key]struct{}
	// applied is the last bucket revision the mirror has seen (puts and
	// deletes): event ids up to it name revisions that exist.
	applied uint64
}

type moderatedEntry struct {
	state *api.MessageModeration
	rev   uint64
	key   string // the bucket key it was read from
}

// ModerationKey is the bucket key of the decisions about tenant's message
// id: "t<tenant, base64url>.<id>". Message ids are unique per tenant, so
// the key names both; a decision about one tenant's message never
// reaches another tenant's message of the same id.
//
// Entries written before ids were per tenant are keyed by the message id
// alone. They keep applying: every reader maps an entry to its message
// by the entry's tenant and message_id (not by its key), and the first
// decision written after the upgrade starts from the old entry and moves
// it to its new key (Record).
func ModerationKey(tenant, id string) string { return "t" + tenantToken(tenant) + "." + id }

// ModeratedBucketConfig is the bucket's configuration: file storage (a
// hidden message stays hidden across restarts) and one value per message.
func ModeratedBucketConfig(replicas int) jetstream.KeyValueConfig {
	return jetstream.KeyValueConfig{
		Bucket:      api.BucketMessageModeration,
		Description: "Parley: moderators' decisions per message (hidden, approved and corrected locales)",
		History:     1,
		Storage:     jetstream.FileStorage,
		Replicas:    max(replicas, 1),
	}
}

// OpenModerated opens the decisions bucket, loads it, and follows it. It
// returns once every decision stored so far is in memory. With replicas
// > 0 (the messages service) the bucket is created or updated to that
// many replicas; with 0 (a gateway) an existing bucket is used as it is,
// and a missing one is created with one replica (the service updates it
// when it starts).
func OpenModerated(ctx context.Context, js jetstream.JetStream, replicas int, log *slog.Logger) (*Moderated, error) {
	var (
		kv  jetstream.KeyValue
		err error
	)
	if replicas > 0 {
		// Replicas are raised, never lowered (natsutil).
		kv, err = natsutil.CreateOrUpdateKeyValue(ctx, js, ModeratedBucketConfig(replicas), log)
	} else {
		kv, err = js.KeyValue(ctx, api.BucketMessageModeration)
		if errors.Is(err, jetstream.ErrBucketNotFound) {
			kv, err = js.CreateKeyValue(ctx, ModeratedBucketConfig(1))
			if errors.Is(err, jetstream.ErrBucketExists) {
				kv, err = js.KeyValue(ctx, api.BucketMessageModeration)
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("message moderation bucket: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// Stopped by Close (Stop), not by a context: the client library would
	// unsubscribe on a goroutine of its own when one ends, which Close
	// could not wait for.
	w, err := kv.WatchAll(context.Background())
	if err != nil {
		return nil, fmt.Errorf("watch message moderation: %w", err)
	}
	m := &Moderated{kv: kv, log: log, w: w, done: make(chan struct{}),
		entries: map[Key]moderatedEntry{}, keys: map[string]Key{}, listeners: map[string]map[chan Key]struct{}{}}
	loaded := make(chan struct{})
	go m.follow(w, loaded)
	select {
	case <-loaded:
		return m, nil
	case <-ctx.Done():
		m.Close()
		return nil, fmt.Errorf("load message moderation: %w", ctx.Err())
	}
}

func (m *Moderated) follow(w jetstream.KeyWatcher, loaded chan struct{}) {
	defer close(m.done)
	defer func() { _ = w.Stop() }()
	for e := range w.Updates() {
		if e == nil {
			// The watcher's marker: everything stored so far was delivered.
			close(loaded)
			continue
		}
		m.apply(e)
	}
}

func (m *Moderated) apply(e jetstream.KeyValueEntry) {
	m.mu.Lock()
	m.applied = max(m.applied, e.Revision())
	m.mu.Unlock()
	if e.Operation() != jetstream.KeyValuePut {
		m.mu.Lock()
		if k, ok := m.keys[e.Key()]; ok {
			delete(m.keys, e.Key())
			if m.entries[k].key == e.Key() {
				delete(m.entries, k)
			}
		}
		m.mu.Unlock()
		return
	}
	var st api.MessageModeration
	if err := json.Unmarshal(e.Value(), &st); err != nil {
		m.log.Warn("undecodable message moderation entry", "key", e.Key(), "err", err)
		return
	}
	if st.MessageID == "" {
		st.MessageID = e.Key() // written by hand: keyed by the message id, as before tenants
	}
	// The entry's own tenant and message id name its message, whatever
	// its key (ModerationKey: entries from before ids were per tenant).
	k := Key{Tenant: st.Tenant, ID: st.MessageID}
	m.mu.Lock()
	m.keys[e.Key()] = k
	// Revisions grow across the bucket's keys: the latest write about a
	// message wins, also over its entry under the key of before tenants.
	if e.Revision() >= m.entries[k].rev {
		m.entries[k] = moderatedEntry{state: &st, rev: e.Revision(), key: e.Key()}
	}
	var notify []chan Key
	for ch := range m.listeners[st.Conversation] {
		notify = append(notify, ch)
	}
	m.mu.Unlock()
	for _, ch := range notify {
		select {
		case ch <- k:
		default: // a slow listener misses it; the next read renders anew
		}
	}
}

// Close stops following the bucket. It returns once the watcher has
// stopped and deleted its consumer, so that a connection drained after it
// does not delete the consumer too ("consumer not found").
func (m *Moderated) Close() {
	_ = m.w.Stop()
	<-m.done
}

// Get returns what moderators decided about tenant's message id (nil:
// nothing) and the bucket revision of that decision (0: none), for cache
// keys. The state is shared: do not modify it.
func (m *Moderated) Get(tenant, id string) (*api.MessageModeration, uint64) {
	if m == nil {
		return nil, 0
	}
	m.mu.RLock()
	e := m.entries[Key{Tenant: tenant, ID: id}]
	m.mu.RUnlock()
	return e.state, e.rev
}

// Listen delivers the keys of a conversation's messages whose moderation
// changes, until the returned function is called.
func (m *Moderated) Listen(conv string) (<-chan Key, func()) {
	ch := make(chan Key, 16)
	if m == nil {
		return ch, func() {}
	}
	m.mu.Lock()
	if m.listeners[conv] == nil {
		m.listeners[conv] = map[chan Key]struct{}{}
	}
	m.listeners[conv][ch] = struct{}{}
	m.mu.Unlock()
	return ch, func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		delete(m.listeners[conv], ch)
		if len(m.listeners[conv]) == 0 {
			delete(m.listeners, conv)
		}
	}
}

// Record applies a decided case to its message's entry with a
// revision-checked write (two decisions on one message at once both
// land). c.Revision is the case revision the decision produced (the audit
// entry's): a case reopened and decided again is recorded again, its new
// decision replacing the earlier one (an approval after a hide un-hides
// what that case hid), while a decision already recorded, or older than
// the case's recorded one, changes nothing, so a redelivered or late
// decision is harmless. A decision without a revision (0) is recorded
// once per case, as before revisions were kept. A withdrawn correction
// (Decision.Action api.AuditWithdraw, from a withdraw entry, whose
// revision is after the correction's) is recorded the same way
// (withdraw). It returns the entry and whether it changed.
func (m *Moderated) Record(ctx context.Context, c *api.Case, now time.Time) (*api.MessageModeration, bool, error) {
	if c.Decision == nil || c.MessageID == "" {
		return nil, false, nil
	}
	k := Key{Tenant: c.Tenant, ID: c.MessageID}
	key := ModerationKey(c.Tenant, c.MessageID)
	for {
		var (
			st  api.MessageModeration
			rev uint64
		)
		found, r, err := m.read(ctx, key, &st)
		if err != nil {
			return nil, false, err
		}
		if found {
			rev = r
		} else if _, err := m.legacy(ctx, k, &st); err != nil {
			return nil, false, err
		}
		if applied(&st, c) {
			return &st, false, nil
		}
		if !decide(&st, c) {
			return &st, false, nil
		}
		st.MessageID, st.Conversation, st.Tenant, st.UpdatedAt = c.MessageID, c.ConversationID, c.Tenant, now.UTC()
		st.Cases = addLocale(st.Cases, c.ID)
		if c.Revision > 0 {
			if st.Decided == nil {
				st.Decided = map[string]uint64{}
			}
			st.Decided[c.ID] = c.Revision
		}
		data, err := json.Marshal(st)
		if err != nil {
			return nil, false, fmt.Errorf("encode moderation: %w", err)
		}
		var newRev uint64
		if rev == 0 {
			newRev, err = m.kv.Create(ctx, key, data)
		} else {
			newRev, err = m.kv.Update(ctx, key, data, rev)
		}
		if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			continue // another decision landed in between: apply on top of it
		}
		if err != nil {
			return nil, false, fmt.Errorf("write moderation of %s: %w", c.MessageID, err)
		}
		// The writer's own views must not wait for its watcher.
		m.mu.Lock()
		m.keys[key] = k
		if newRev > m.entries[k].rev {
			cp := st
			m.entries[k] = moderatedEntry{state: &cp, rev: newRev, key: key}
		}
		m.mu.Unlock()
		return &st, true, nil
	}
}

// read decodes the entry of a bucket key into st; found is false when
// there is none.
func (m *Moderated) read(ctx context.Context, key string, st *api.MessageModeration) (found bool, rev uint64, err error) {
	e, err := m.kv.Get(ctx, key)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
		return false, 0, nil
	case err != nil:
		return false, 0, fmt.Errorf("read moderation %s: %w", key, err)
	}
	if err := json.Unmarshal(e.Value(), st); err != nil {
		return false, 0, fmt.Errorf("decode moderation %s: %w", key, err)
	}
	return true, e.Revision(), nil
}

// legacy reads into st the entry about message k written before ids were
// per tenant (keyed by the message id alone), when there is one and it is
// about k (its tenant and message id): a decision written under the new
// key then starts from it, and supersedes it (apply). An entry of the old
// key about another tenant's message of the same id is not k's.
func (m *Moderated) legacy(ctx context.Context, k Key, st *api.MessageModeration) (bool, error) {
	var old api.MessageModeration
	found, _, err := m.read(ctx, k.ID, &old)
	if err != nil || !found || old.Tenant != k.Tenant || (old.MessageID != "" && old.MessageID != k.ID) {
		return false, err
	}
	*st = old
	return true, nil
}

// applied reports whether c's decision is in st already: st records the
// case at c.Revision or later, or, for a decision without a revision,
// records the case at all.
func applied(st *api.MessageModeration, c *api.Case) bool {
	if c.Revision == 0 {
		return slices.Contains(st.Cases, c.ID)
	}
	return st.Decided[c.ID] >= c.Revision
}

// decide applies a case's decision to a message's entry; it reports
// whether the decision changes what readers see.
//
// A case's latest decision replaces its earlier one (a reopened case
// decided again): approving or correcting a case whose earlier decision
// hid the message takes that hide back, and the message is shown again
// unless another case still hides it. Hiding holds for every revision,
// whatever the case's. Approving and
// correcting cover the case's message revision (a case made before
// revisions were carried is about revision 1) in the case's locale: a
// decision on a later revision replaces the locale's earlier one (an
// approval of an edit drops the correction of the text before it), and
// one on an earlier revision than the locale's decision changes nothing,
// since it reviewed a text the message no longer has.
func decide(st *api.MessageModeration, c *api.Case) bool {
	locale := c.TargetLanguage
	switch c.Decision.Action {
	case api.AuditWithdraw:
		return withdraw(st, c)
	case api.ActionHide:
		by := slices.DeleteFunc(hiders(st), func(id string) bool { return id == c.ID })
		st.HiddenBy = append(by, c.ID)
		st.Hidden, st.HiddenCase = true, c.ID
		return true
	case api.ActionApprove, api.ActionCorrect:
	default:
		return false
	}
	unhid := unhide(st, c.ID)
	if locale == "" {
		return unhid
	}
	rev := max(c.MessageRevision, 1)
	switch cur := st.ReviewedRevision(locale); {
	case rev < cur:
		return unhid
	case rev > cur:
		st.Corrected = slices.DeleteFunc(st.Corrected, func(l string) bool { return l == locale })
	}
	// A corrected view was reviewed too: the flag no longer holds it back.
	st.Approved = addLocale(st.Approved, locale)
	if c.Decision.Action == api.ActionCorrect {
		st.Corrected = addLocale(st.Corrected, locale)
	}
	if st.Revisions == nil {
		st.Revisions = map[string]int{}
	}
	st.Revisions[locale] = rev
	return true
}

// withdraw takes back the correction of c's locale at c's message
// revision, and reports whether there was one. The locale leaves
// Corrected and Approved both: the correction was the moderator's review,
// and the machine's translation served instead was reviewed by no one, so
// the safety policy judges it afresh (a flag holds it back again). A
// locale whose decision is about another revision (an edit decided
// since) keeps it: the withdrawn correction no longer applied there.
func withdraw(st *api.MessageModeration, c *api.Case) bool {
	locale := c.TargetLanguage
	if locale == "" || !st.CorrectedIn(locale, c.MessageRevision) {
		return false
	}
	st.Corrected = slices.DeleteFunc(st.Corrected, func(l string) bool { return l == locale })
	st.Approved = slices.DeleteFunc(st.Approved, func(l string) bool { return l == locale })
	delete(st.Revisions, locale)
	return true
}

// hiders are the cases hiding the message: HiddenBy, or for an entry
// written before it was kept, HiddenCase.
func hiders(st *api.MessageModeration) []string {
	if len(st.HiddenBy) == 0 && st.Hidden {
		return []string{st.HiddenCase}
	}
	return slices.Clone(st.HiddenBy)
}

// unhide takes case id's hide back, and reports whether it had one. The
// message stays hidden while another case hides it.
func unhide(st *api.MessageModeration, id string) bool {
	by := hiders(st)
	if !slices.Contains(by, id) {
		return false
	}
	by = slices.DeleteFunc(by, func(h string) bool { return h == id })
	st.HiddenBy, st.Hidden, st.HiddenCase = by, len(by) > 0, ""
	if len(by) > 0 {
		st.HiddenCase = by[len(by)-1]
	} else {
		st.HiddenBy = nil
	}
	return true
}

func addLocale(list []string, locale string) []string {
	if locale == "" || slices.Contains(list, locale) {
		return list
	}
	return append(list, locale)
}

package glossary

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// Manager applies changes to glossaries as versions in a Store, answers
// management reads, and keeps the in-memory Set that prepare reads current
// on every replica by watching the store's heads.
type Manager struct {
	store  Store
	log    *slog.Logger
	now    func() time.Time
	limits ParseOptions
	// maxPerTenant bounds the glossaries of one tenant, keepVersions the
	// versions kept of one glossary (0: no bound).
	maxPerTenant, keepVersions int

	set atomic.Pointer[Set]

	mu    sync.Mutex // serializes applying heads to the set
	heads map[string]api.GlossaryVersion

	cacheMu sync.Mutex
	cache   []cached // recently loaded versions, newest last

	// A version whose document could not be loaded (the object store's
	// replica this process reads from is behind the head's) is loaded
	// again after retryMin, doubling up to retryMax, maxLoadRetries times
	// (loadLater); reconcile compares what is in use with the store's
	// heads every reconcileEvery, which also catches a head the watch
	// missed. ctx is Start's: it ends both; wg counts their goroutines,
	// and none starts once waiting (Wait) has begun.
	retryMin, retryMax, reconcileEvery time.Duration
	ctx                                context.Context
	wg                                 sync.WaitGroup
	retryMu                            sync.Mutex
	retrying                           map[string]api.GlossaryVersion // by glossary: the version to load
	waiting                            bool
}

type cached struct {
	hash string
	g    *Glossary
}

// cacheSize bounds the decoded versions kept besides the current set: a
// diff or an export of an old version reads two or three.
const cacheSize = 4

// maxWriteRetries bounds the retries of a write that lost a race with
// another writer (a write with a base version reads the head once more,
// to answer that its base is stale).
const maxWriteRetries = 16

// maxLoadRetries bounds the retries of a version whose document could
// not be loaded: with the default backoff about a minute, after which
// the periodic reconcile tries again.
const maxLoadRetries = 16

// DefaultReconcileEvery is how often a replica compares the versions it
// has in use with the store's heads (GLOSSARY_RECONCILE_INTERVAL).
const DefaultReconcileEvery = 30 * time.Second

// ManagerConfig configures a Manager.
type ManagerConfig struct {
	Store Store
	Log   *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// MaxImportBytes and MaxEntries bound imports (package defaults).
	MaxImportBytes int64
	MaxEntries     int
	// MaxPerTenant bounds the glossaries a tenant may have
	// (GLOSSARY_MAX_PER_TENANT; 0: no bound). KeepVersions is how many
	// versions of a glossary are kept, the current one included
	// (GLOSSARY_KEEP_VERSIONS; 0: all): older ones are pruned after each
	// write, when the store can (Pruner).
	MaxPerTenant, KeepVersions int
	// ReconcileEvery is how often the versions in use are compared with
	// the store's heads (default DefaultReconcileEvery).
	ReconcileEvery time.Duration
	// RetryMin and RetryMax bound the pause before loading a version
	// again whose document could not be loaded (defaults 100ms and 5s).
	RetryMin, RetryMax time.Duration
}

// NewManager returns a manager over a store. Call Start before serving.
func NewManager(cfg ManagerConfig) *Manager {
	m := &Manager{store: cfg.Store, log: cfg.Log, now: cfg.Now, heads: map[string]api.GlossaryVersion{},
		limits:       ParseOptions{MaxBytes: cfg.MaxImportBytes, MaxEntries: cfg.MaxEntries},
		maxPerTenant: cfg.MaxPerTenant, keepVersions: cfg.KeepVersions,
		retryMin: cmp.Or(cfg.RetryMin, 100*time.Millisecond), retryMax: cmp.Or(cfg.RetryMax, 5*time.Second),
		reconcileEvery: cmp.Or(cfg.ReconcileEvery, DefaultReconcileEvery), retrying: map[string]api.GlossaryVersion{}}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	if m.now == nil {
		m.now = time.Now
	}
	m.limits.defaults()
	m.set.Store(NewSet())
	return m
}

// Start loads every glossary of the store and keeps the set current until
// ctx ends. It returns once the current glossaries are loaded (those whose
// documents can be read: the others are loaded again in the background).
// Wait waits for the background work after ctx ends.
func (m *Manager) Start(ctx context.Context) error {
	m.retryMu.Lock()
	m.ctx = ctx
	m.retryMu.Unlock()
	if err := m.store.Watch(ctx, func(v api.GlossaryVersion) {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := m.apply(lctx, v, nil); err != nil {
			m.log.Error("glossary version not loaded; the previous one stays in use until it is (retrying)", "id", v.Glossary, "version", v.Version, "err", err)
			m.loadLater(v)
		}
	}); err != nil {
		return fmt.Errorf("watch glossaries: %w", err)
	}
	m.wg.Go(func() { m.reconcileLoop(ctx) })
	return nil
}

// Wait returns once the background loads and checks have stopped, after
// Start's ctx ended: before the connection drains, so that none of them
// reads the store while it does.
func (m *Manager) Wait() {
	m.retryMu.Lock()
	m.waiting = true
	m.retryMu.Unlock()
	m.wg.Wait()
}

// Set returns the glossaries in use now.
func (m *Manager) Set() *Set { return m.set.Load() }

// apply makes version v the one in use, unless a later one already is. g
// is its content when the caller has it (the writer), else it is loaded;
// a load that fails is returned, and the version in use stays.
func (m *Manager) apply(ctx context.Context, v api.GlossaryVersion, g *Glossary) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if cur, ok := m.heads[v.Glossary]; ok && cur.Version >= v.Version {
		return nil
	}
	if v.Deleted {
		m.heads[v.Glossary] = v
		m.set.Store(m.set.Load().without(v.Glossary))
		m.log.Info("glossary deleted", "id", v.Glossary, "version", v.Version, "author", v.Author)
		return nil
	}
	if g == nil {
		loaded, err := m.loadHash(ctx, v.Hash)
		if err != nil {
			return err
		}
		g = loaded
	}
	g.compile()
	cp := *g
	cp.Version = v.Version
	m.heads[v.Glossary] = v
	m.set.Store(m.set.Load().with(&cp))
	m.log.Info("glossary in use", "id", v.Glossary, "version", v.Version, "entries", len(cp.Entries), "author", v.Author)
	return nil
}

// loadLater loads v again in the background until it is in use (or a
// later version is). A head can reach a replica before the document it
// names: the replica of the object store it reads from may be behind
// (a NATS node that was stopped for a moment), and its "not found" is
// not final. One loop per glossary retries its latest failed version.
func (m *Manager) loadLater(v api.GlossaryVersion) {
	m.retryMu.Lock()
	defer m.retryMu.Unlock()
	if m.ctx == nil || m.ctx.Err() != nil || m.waiting {
		return
	}
	if cur, ok := m.retrying[v.Glossary]; ok {
		if v.Version > cur.Version {
			m.retrying[v.Glossary] = v
		}
		return
	}
	m.retrying[v.Glossary] = v
	ctx := m.ctx
	m.wg.Go(func() { m.retryLoad(ctx, v.Glossary) })
}

func (m *Manager) retryLoad(ctx context.Context, id string) {
	done := func() {
		m.retryMu.Lock()
		delete(m.retrying, id)
		m.retryMu.Unlock()
	}
	delay := m.retryMin
	for attempt := 1; ; attempt++ {
		select {
		case <-ctx.Done():
			done()
			return
		case <-time.After(delay):
		}
		m.retryMu.Lock()
		v := m.retrying[id]
		m.retryMu.Unlock()
		lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := m.apply(lctx, v, nil)
		cancel()
		m.retryMu.Lock()
		newer := m.retrying[id].Version > v.Version
		if (err == nil && !newer) || attempt >= maxLoadRetries {
			delete(m.retrying, id)
		}
		m.retryMu.Unlock()
		switch {
		case err == nil && newer:
			delay = m.retryMin // a later version failed meanwhile
			continue
		case err == nil:
			m.log.Info("glossary version loaded on a retry", "id", id, "version", v.Version, "attempts", attempt+1)
			return
		case attempt >= maxLoadRetries:
			m.log.Error("glossary version still not loaded; retried every few seconds, now left to the periodic check", "id", id, "version", v.Version, "attempts", attempt+1, "err", err)
			return
		}
		m.log.Debug("glossary version not loaded yet", "id", id, "version", v.Version, "attempt", attempt+1, "err", err)
		delay = min(2*delay, m.retryMax)
	}
}

// reconcileLoop runs reconcile every reconcileEvery until ctx ends.
func (m *Manager) reconcileLoop(ctx context.Context) {
	t := time.NewTicker(m.reconcileEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			rctx, cancel := context.WithTimeout(ctx, m.reconcileEvery)
			m.reconcile(rctx)
			cancel()
		}
	}
}

// reconcile brings into use every head of the store later than the
// version in use: one whose load kept failing, or one the watch did not
// deliver. Without it such a replica served the old version until the
// glossary changed again, however long that took.
func (m *Manager) reconcile(ctx context.Context) {
	heads, err := m.store.Heads(ctx)
	if err != nil {
		if ctx.Err() == nil {
			m.log.Warn("glossary versions in use not checked against the store", "err", err)
		}
		return
	}
	for _, h := range heads {
		m.mu.Lock()
		cur, ok := m.heads[h.Glossary]
		m.mu.Unlock()
		if ok && cur.Version >= h.Version {
			continue
		}
		if err := m.apply(ctx, h, nil); err != nil {
			m.log.Error("glossary version not loaded; the previous one stays in use until it is (retrying)", "id", h.Glossary, "version", h.Version, "in_use", cur.Version, "err", err)
			m.loadLater(h)
			continue
		}
		m.log.Warn("glossary version brought in use by the periodic check against the store", "id", h.Glossary, "version", h.Version, "was", cur.Version)
	}
}

// loadHash returns the compiled glossary stored under hash.
func (m *Manager) loadHash(ctx context.Context, hash string) (*Glossary, error) {
	m.cacheMu.Lock()
	for _, c := range m.cache {
		if c.hash == hash {
			m.cacheMu.Unlock()
			return c.g, nil
		}
	}
	m.cacheMu.Unlock()
	data, err := m.store.GetDoc(ctx, hash)
	if err != nil {
		return nil, err
	}
	g, err := decode(data)
	if err != nil {
		return nil, err
	}
	g.compile()
	m.cacheMu.Lock()
	m.cache = append(m.cache, cached{hash, g})
	if len(m.cache) > cacheSize {
		m.cache = m.cache[1:]
	}
	m.cacheMu.Unlock()
	return g, nil
}

// load returns the content of a version record (never to be modified).
func (m *Manager) load(ctx context.Context, v api.GlossaryVersion) (*Glossary, error) {
	if g := m.Set().Get(v.Glossary); g != nil && g.Version == v.Version {
		return g, nil
	}
	g, err := m.loadHash(ctx, v.Hash)
	if err != nil {
		return nil, err
	}
	cp := *g
	cp.Version = v.Version
	return &cp, nil
}

// version returns the record of version n of id (0: the current one). A
// deleted glossary's current version is not found.
func (m *Manager) version(ctx context.Context, id string, n int) (api.GlossaryVersion, error) {
	if !ValidID(id) {
		return api.GlossaryVersion{}, api.FieldError(api.CodeInvalidArgument, "id", "glossary id %q is not valid", truncate(id, 80))
	}
	if n < 0 {
		return api.GlossaryVersion{}, api.FieldError(api.CodeInvalidArgument, "version", "version %d is not valid", n)
	}
	if n == 0 {
		head, _, err := m.store.Head(ctx, id)
		if err != nil {
			return head, fieldNotFound(err, "id", "no glossary %q", id)
		}
		if head.Deleted {
			return head, api.FieldError(api.CodeNotFound, "id", "glossary %q was deleted at version %d (roll back to restore it)", id, head.Version)
		}
		return head, nil
	}
	v, err := m.store.Version(ctx, id, n)
	if err != nil {
		return v, fieldNotFound(err, "version", "glossary %q has no version %d", id, n)
	}
	return v, nil
}

// fieldNotFound names the field of a not-found store error.
func fieldNotFound(err error, field, format string, args ...any) error {
	if api.ErrorCode(err) == api.CodeNotFound {
		return api.FieldError(api.CodeNotFound, field, format, args...)
	}
	return err
}

// glossaryAt returns the content of version n (0: current) and its record,
// as a caller acting for tenant may see it.
func (m *Manager) glossaryAt(ctx context.Context, id string, n int, tenant string) (*Glossary, api.GlossaryVersion, error) {
	if err := m.checkRead(ctx, id, tenant); err != nil {
		return nil, api.GlossaryVersion{}, err
	}
	v, err := m.version(ctx, id, n)
	if err != nil {
		return nil, v, err
	}
	if v.Deleted {
		return nil, v, api.FieldError(api.CodeNotFound, "version", "version %d of %q is its deletion", n, id)
	}
	g, err := m.load(ctx, v)
	if err != nil {
		return nil, v, err
	}
	if err := checkVersion(id, tenant, g, n, "version"); err != nil {
		return nil, v, err
	}
	return g, v, nil
}

// change describes a write.
type change struct {
	author, action, message string
	tenant                  string // the caller's tenant ("" for an operator)
	base                    int
	rollbackOf              int
	// created is when the content a rollback restores was created: a
	// glossary restored after a delete keeps its creation time.
	created   time.Time
	create    bool // the glossary must not exist
	mustExist bool
	// ifExists is a precondition that the glossary exists (HTTP If-Match:
	// *): without it the write would create or restore the glossary.
	ifExists bool
}

// errUnchanged tells commit that the edit wants no new version.
var errUnchanged = errors.New("unchanged")

// commit runs edit against the current content of id and stores the
// result as a new version. edit returns the new content, or nil to delete
// the glossary. When the content is unchanged no version is written and the
// returned record is nil.
func (m *Manager) commit(ctx context.Context, id string, c change, edit func(cur *Glossary) (*Glossary, error)) (*api.GlossaryVersion, *Glossary, error) {
	if err := checkAuthor(c.author); err != nil {
		return nil, nil, err
	}
	if len(c.message) > 1024 {
		return nil, nil, api.FieldError(api.CodeInvalidArgument, "message", "message: at most 1024 bytes")
	}
	if !ValidID(id) {
		return nil, nil, api.FieldError(api.CodeInvalidArgument, "id", "glossary id %q must be letters, digits, '_' or '-' with single dots between them, at most %d bytes", truncate(id, 80), MaxIDBytes)
	}
	// reserved: id was added to the tenant's index for a create
	// (reserve), which a write that fails takes out again.
	reserved, committed := false, false
	defer func() {
		if reserved && !committed {
			uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			m.unreserve(uctx, c.tenant, id)
			cancel()
		}
	}()
	for attempt := 0; ; attempt++ {
		head, rev, err := m.store.Head(ctx, id)
		if err != nil && api.ErrorCode(err) != api.CodeNotFound {
			return nil, nil, m.storeUnavailable(err, id)
		}
		exists := err == nil && !head.Deleted
		if err != nil {
			head, rev = api.GlossaryVersion{}, 0
		}
		if c.tenant != "" && head.Version > 0 {
			// Before the version checks, whose answers would tell another
			// tenant that the glossary exists.
			last, err := m.load(ctx, head)
			if err != nil {
				return nil, nil, err
			}
			if err := checkWrite(id, c.tenant, last, c.create); err != nil {
				return nil, nil, err
			}
		}
		switch {
		case c.mustExist && !exists:
			// Before the version check: a missing glossary is not a
			// conflict, and a tenant must get the answer it gets for
			// another tenant's glossary.
			return nil, nil, noGlossary(id)
		case c.base > 0 && head.Version != c.base:
			return nil, nil, staleBase(id, head.Version, c.base)
		case c.ifExists && !exists:
			return nil, nil, notExisting(id)
		case c.create && exists:
			return nil, nil, api.FieldError(api.CodeConflict, "id", "glossary %q already exists", id)
		}
		var cur *Glossary
		if exists {
			if cur, err = m.load(ctx, head); err != nil {
				return nil, nil, err
			}
		}
		next, err := edit(cur)
		if errors.Is(err, errUnchanged) {
			return nil, cur, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if err := keepDeepLShape(id, cur, next); err != nil {
			return nil, nil, err
		}
		if !exists && next != nil {
			if err := m.checkNewGlossary(id, c.tenant); err != nil {
				return nil, nil, err
			}
		}
		field := "scope"
		if c.rollbackOf > 0 {
			field = "version"
		}
		if err := checkScope(id, c.tenant, next, field); err != nil {
			return nil, nil, err
		}
		if next != nil && len(next.Entries) > m.limits.MaxEntries {
			// Every glossary stays one that a file can carry back in.
			return nil, nil, api.FieldError(api.CodeInvalidArgument, "entries", "glossary %q would have %d entries; the limit is %d (GLOSSARY_MAX_ENTRIES)", id, len(next.Entries), m.limits.MaxEntries)
		}
		if !exists && next != nil && !reserved {
			// Last of the checks, since a refused write takes the id out
			// again at a cost: the tenant's bound across replicas.
			if err := m.reserve(ctx, c.tenant, id); err != nil {
				return nil, nil, err
			}
			reserved = true
		}
		v := api.GlossaryVersion{
			Glossary: id, Version: head.Version + 1, Author: c.author, Time: m.now().UTC().Truncate(time.Millisecond),
			Action: c.action, Message: c.message, RollbackOf: c.rollbackOf,
		}
		switch {
		case exists:
			v.Created = head.Created
		case !c.created.IsZero():
			v.Created = c.created
		default:
			v.Created = v.Time
		}
		if next == nil {
			if !exists {
				return nil, nil, api.FieldError(api.CodeNotFound, "id", "no glossary %q", id)
			}
			v.Deleted, v.Hash = true, head.Hash
		} else {
			next.ID = id
			doc, hash, err := encode(next.Doc())
			if err != nil {
				return nil, nil, err
			}
			if exists && hash == head.Hash {
				return nil, cur, nil
			}
			if err := m.store.PutDoc(ctx, hash, doc); err != nil {
				return nil, nil, m.storeUnavailable(fmt.Errorf("store glossary document: %w", err), id)
			}
			v.Hash, v.Entries = hash, len(next.Entries)
		}
		err = m.store.Commit(ctx, v, rev)
		if api.ErrorCode(err) == api.CodeConflict && c.base > 0 && attempt < maxWriteRetries {
			// Another writer won the compare-and-set: the base version is
			// stale now. Read the head again so that the answer is the
			// stale base's (409 on base_version, 412 for If-Match), which
			// names the version the glossary is at, and not a bare
			// conflict the client cannot tell from other ones.
			continue
		}
		if api.ErrorCode(err) == api.CodeConflict && c.base == 0 && attempt < maxWriteRetries {
			// Another writer won: redo the edit on its version.
			if err := backoff(ctx, attempt); err != nil {
				return nil, nil, err
			}
			continue
		}
		if err != nil {
			return nil, nil, m.storeUnavailable(err, id)
		}
		committed = true
		if next == nil && cur != nil {
			// Deleted: its place in its tenant's index is free.
			m.unreserve(ctx, cur.Scope.Tenant, id)
		}
		if next != nil {
			next.compile()
		}
		// next is in hand: nothing to load, nothing to fail.
		_ = m.apply(ctx, v, next)
		m.prune(ctx, v)
		return &v, next, nil
	}
}

// backoff waits a short random pause before a writer that lost a
// compare-and-set tries again (attempt counts from 0), so that writers
// racing on one key spread out instead of colliding again in lockstep.
func backoff(ctx context.Context, attempt int) error {
	select {
	case <-time.After(time.Duration(1+rand.IntN(1<<min(attempt, 5))) * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// prune drops the versions of v's glossary beyond the retention
// (keepVersions), never the current one. The write has succeeded by
// then: a prune that fails is logged, and the next write prunes again.
func (m *Manager) prune(ctx context.Context, v api.GlossaryVersion) {
	p, ok := m.store.(Pruner)
	if !ok || m.keepVersions <= 0 || v.Version <= m.keepVersions {
		return
	}
	if err := p.Prune(ctx, v.Glossary, v.Version-m.keepVersions+1); err != nil {
		m.log.Warn("old glossary versions not pruned; the next write tries again", "id", v.Glossary, "err", err)
	}
}

// storeUnavailable logs the cause of a write refused because the store
// is unavailable for a moment: the caller is told only that (503, retry),
// and the service, which logs other errors, does not log API errors.
func (m *Manager) storeUnavailable(err error, id string) error {
	if api.ErrorCode(err) == api.CodeUnavailable {
		m.log.Warn("glossary write refused: the store is unavailable for a moment", "id", id, "err", err)
	}
	return err
}

// staleBase is the answer to a write based on a version that is no longer
// the current one (base_version; the gateway answers If-Match with 412).
func staleBase(id string, head, base int) error {
	return api.FieldError(api.CodeConflict, "base_version", "glossary %q is at version %d, not %d; reload and apply your change again", id, head, base)
}

// notExisting is the answer to a write that must find the glossary
// (If-Match: *) when it does not exist.
func notExisting(id string) error {
	return api.FieldError(api.CodePreconditionFailed, "must_exist", "glossary %q does not exist (the write asked for an existing one)", id)
}

func checkAuthor(a string) error {
	if strings.TrimSpace(a) == "" {
		return api.FieldError(api.CodeInvalidArgument, "author", "a change needs an author")
	}
	if len(a) > 128 || strings.ContainsFunc(a, unicode.IsControl) {
		return api.FieldError(api.CodeInvalidArgument, "author", "author: at most 128 bytes, no control characters")
	}
	return nil
}

// fromDoc validates a document and turns problems into the API error.
func fromDoc(d api.Glossary) (*Glossary, error) {
	g, rep := FromDoc(d)
	if err := rep.Err(); err != nil {
		return nil, err.(*InvalidError).DocError()
	}
	return g, nil
}

// info is the summary of a glossary at a version.
func info(g *Glossary, v api.GlossaryVersion) api.GlossaryInfo {
	i := g.Info()
	i.Version, i.CreatedAt, i.UpdatedAt, i.UpdatedBy = v.Version, v.Created, v.Time, v.Author
	return i
}

func (m *Manager) changeResponse(v *api.GlossaryVersion, g *Glossary, id string) *api.GlossaryChangeResponse {
	resp := &api.GlossaryChangeResponse{Change: v}
	switch {
	case v != nil && v.Deleted:
		resp.Glossary = api.GlossaryInfo{ID: id, Version: v.Version, UpdatedAt: v.Time, UpdatedBy: v.Author, Deleted: true,
			Targets: []string{}, Languages: []string{}}
	case g != nil:
		head := v
		if head == nil {
			m.mu.Lock()
			h := m.heads[id]
			m.mu.Unlock()
			head = &h
		}
		resp.Glossary = info(g, *head)
	}
	return resp
}

// List summarizes the glossaries in use.
func (m *Manager) List() *api.GlossaryListResponse {
	resp := m.Set().List()
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range resp.Glossaries {
		if h, ok := m.heads[resp.Glossaries[i].ID]; ok {
			resp.Glossaries[i].CreatedAt, resp.Glossaries[i].UpdatedAt, resp.Glossaries[i].UpdatedBy = h.Created, h.Time, h.Author
		}
	}
	return resp
}

// Get returns a glossary's settings and version.
func (m *Manager) Get(ctx context.Context, req *api.GlossaryGetRequest) (*api.GlossaryInfo, error) {
	g, v, err := m.glossaryAt(ctx, req.ID, req.Version, req.ActingTenant)
	if err != nil {
		return nil, err
	}
	i := info(g, v)
	return &i, nil
}

// Create creates a glossary.
func (m *Manager) Create(ctx context.Context, req *api.GlossaryCreateRequest) (*api.GlossaryChangeResponse, error) {
	id := req.Glossary.ID
	doc := req.Glossary
	doc.Scope = ownScope(doc.Scope, req.ActingTenant)
	v, g, err := m.commit(ctx, id, change{author: req.Author, tenant: req.ActingTenant, action: "create", message: req.Message, create: true},
		func(*Glossary) (*Glossary, error) { return fromDoc(doc) })
	if err != nil {
		return nil, err
	}
	resp := m.changeResponse(v, g, id)
	resp.Warnings = m.crossConflicts(g)
	return resp, nil
}

// Update changes a glossary's settings and, when given, its entries.
func (m *Manager) Update(ctx context.Context, req *api.GlossaryUpdateRequest) (*api.GlossaryChangeResponse, error) {
	v, g, err := m.commit(ctx, req.ID, change{author: req.Author, tenant: req.ActingTenant, action: "update", message: req.Message, base: req.BaseVersion, mustExist: true},
		func(cur *Glossary) (*Glossary, error) {
			d := cur.Doc()
			if req.Name != nil {
				d.Name = *req.Name
			}
			if req.Description != nil {
				d.Description = *req.Description
			}
			if req.Mode != nil {
				d.Mode = *req.Mode
			}
			if req.Languages != nil {
				d.Languages = req.Languages
			}
			if req.Scope != nil {
				d.Scope = ownScope(*req.Scope, req.ActingTenant)
			}
			if req.Priority != nil {
				d.Priority = *req.Priority
			}
			if req.Entries != nil {
				d.Entries = req.Entries
			}
			if req.Languages != nil || req.Entries != nil {
				// FromDoc adds a column for every language an entry uses, so
				// a list without them would change nothing, and entries in a
				// language the glossary does not list (a typo: de for
				// de-CH) would add it, silently.
				if err := languagesInUse(req.ID, d, req.Languages != nil); err != nil {
					return nil, err
				}
			}
			return fromDoc(d)
		})
	if err != nil {
		return nil, err
	}
	return m.changeResponse(v, g, req.ID), nil
}

// languagesInUse refuses a document whose entries have terms in languages
// its language list leaves out, naming them and an entry of each. sent
// says the client sent the list (else it is the glossary's, and the
// client sent entries in languages it does not have).
func languagesInUse(id string, d api.Glossary, sent bool) error {
	listed := map[string]bool{}
	for _, l := range d.Languages {
		if tag, ok := parseTag(l); ok {
			listed[tag.String()] = true
		}
	}
	var missing []string
	example := map[string]string{}
	count := map[string]int{}
	for _, e := range d.Entries {
		for _, t := range e.Terms {
			tag, ok := parseTag(t.Language)
			if !ok || listed[tag.String()] {
				continue // a bad tag is FromDoc's to report
			}
			l := tag.String()
			if count[l] == 0 {
				missing = append(missing, l)
				example[l] = e.ID
			}
			count[l]++
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var parts []string
	for _, l := range missing {
		parts = append(parts, fmt.Sprintf("%s (%d entries, such as %q)", l, count[l], example[l]))
	}
	if !sent {
		return api.FieldError(api.CodeInvalidArgument, "languages", "glossary %q: entries use languages the glossary does not list: %s; add them to languages in the same request (or correct the entries' language tags)", id, strings.Join(parts, ", "))
	}
	return api.FieldError(api.CodeInvalidArgument, "languages", "glossary %q: languages is missing languages its entries still use: %s; remove those terms first (or send entries without them)", id, strings.Join(parts, ", "))
}

// Delete deletes a glossary (as a version: a rollback restores it).
func (m *Manager) Delete(ctx context.Context, req *api.GlossaryDeleteRequest) (*api.GlossaryChangeResponse, error) {
	v, _, err := m.commit(ctx, req.ID, change{author: req.Author, tenant: req.ActingTenant, action: "delete", message: req.Message, base: req.BaseVersion, mustExist: true},
		func(*Glossary) (*Glossary, error) { return nil, nil })
	if err != nil {
		return nil, err
	}
	return m.changeResponse(v, nil, req.ID), nil
}

// Rollback restores the content of an earlier version as a new version.
func (m *Manager) Rollback(ctx context.Context, req *api.GlossaryRollbackRequest) (*api.GlossaryChangeResponse, error) {
	if req.Version <= 0 {
		return nil, api.FieldError(api.CodeInvalidArgument, "version", "name the version to roll back to")
	}
	old, oldV, err := m.glossaryAt(ctx, req.ID, req.Version, req.ActingTenant)
	if err != nil {
		return nil, err
	}
	msg := req.Message
	if msg == "" {
		msg = fmt.Sprintf("rollback to version %d", req.Version)
	}
	v, g, err := m.commit(ctx, req.ID, change{author: req.Author, tenant: req.ActingTenant, action: "rollback", message: msg, base: req.BaseVersion, rollbackOf: req.Version, created: oldV.Created, ifExists: req.MustExist},
		func(*Glossary) (*Glossary, error) {
			cp := *old // the content (and its read-only indexes) of the old version
			return &cp, nil
		})
	if err != nil {
		return nil, err
	}
	return m.changeResponse(v, g, req.ID), nil
}

// Entries lists a page of a glossary's entries.
func (m *Manager) Entries(ctx context.Context, req *api.GlossaryEntriesRequest) (*api.GlossaryEntriesResponse, error) {
	g, v, err := m.glossaryAt(ctx, req.ID, req.Version, req.ActingTenant)
	if err != nil {
		return nil, err
	}
	limit := req.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	if req.Offset < 0 {
		return nil, api.FieldError(api.CodeInvalidArgument, "offset", "offset must not be negative")
	}
	var cols []int // the columns that serve the language, as prepare uses them
	if req.Language != "" {
		tag, err := api.ParseLanguage("language", req.Language)
		if err != nil {
			return nil, err
		}
		if cols = g.Columns(tag); len(cols) == 0 {
			return &api.GlossaryEntriesResponse{Glossary: g.ID, Version: v.Version, Entries: []api.GlossaryEntry{}, Offset: req.Offset}, nil
		}
	}
	q := ""
	if req.Query != "" {
		q = key(req.Query, foldDefault)
	}
	resp := &api.GlossaryEntriesResponse{Glossary: g.ID, Version: v.Version, Offset: req.Offset, Entries: []api.GlossaryEntry{}}
	budget := pageBudget
	for i := range g.Entries {
		e := &g.Entries[i]
		if cols != nil && !slices.ContainsFunc(cols, func(c int) bool { return e.Terms[c] != "" }) {
			continue
		}
		if q != "" && !entryContains(e, q) {
			continue
		}
		resp.Total++
		if resp.Total <= req.Offset {
			continue
		}
		if len(resp.Entries) >= limit || budget <= 0 {
			if resp.NextOffset == 0 {
				resp.NextOffset = req.Offset + len(resp.Entries)
			}
			continue
		}
		d := g.entryDoc(e)
		budget -= entrySize(d)
		resp.Entries = append(resp.Entries, d)
	}
	return resp, nil
}

// pageBudget keeps a page of entries (or a diff) well inside one NATS
// message (1 MiB by default).
const pageBudget = 512 << 10

func entrySize(e api.GlossaryEntry) int {
	data, _ := json.Marshal(e)
	return len(data)
}

func entryContains(e *Entry, q string) bool {
	has := func(s string) bool { return s != "" && strings.Contains(key(s, foldDefault), q) }
	for col, t := range e.Terms {
		if has(t) {
			return true
		}
		for _, f := range e.forbidden(col) {
			if has(f) {
				return true
			}
		}
	}
	return has(e.Note) || has(e.ID)
}

// Entry returns one entry.
func (m *Manager) Entry(ctx context.Context, req *api.GlossaryEntryRequest) (*api.GlossaryEntryResponse, error) {
	g, v, err := m.glossaryAt(ctx, req.ID, req.Version, req.ActingTenant)
	if err != nil {
		return nil, err
	}
	for i := range g.Entries {
		if g.Entries[i].ID == req.Entry {
			return &api.GlossaryEntryResponse{Glossary: g.ID, Version: v.Version, Entry: g.entryDoc(&g.Entries[i])}, nil
		}
	}
	return nil, api.FieldError(api.CodeNotFound, "entry", "glossary %q has no entry %q", req.ID, truncate(req.Entry, 80))
}

// PutEntry adds or replaces one entry. Terms in a language the glossary
// does not have add that language (the answer's languages_added says so).
func (m *Manager) PutEntry(ctx context.Context, req *api.GlossaryEntryPutRequest) (*api.GlossaryEntryResponse, error) {
	id := strings.TrimSpace(req.Entry.ID)
	want := id
	var added []string
	v, g, err := m.commit(ctx, req.ID, change{author: req.Author, tenant: req.ActingTenant, action: "entry", message: req.Message, base: req.BaseVersion, mustExist: true},
		func(cur *Glossary) (*Glossary, error) {
			added = nil // a retried edit starts over
			d := cur.Doc()
			e := req.Entry
			e.ID = id
			i := -1
			if id != "" {
				i = slices.IndexFunc(d.Entries, func(x api.GlossaryEntry) bool { return x.ID == id })
			}
			switch {
			case i >= 0 && req.Create:
				return nil, api.FieldError(api.CodeConflict, "entry.id", "entry %q already exists", id)
			case i >= 0:
				d.Entries[i] = e
			default:
				d.Entries = append(d.Entries, e)
				i = len(d.Entries) - 1
			}
			next, rep := FromDoc(d)
			if err := rep.Err(); err != nil {
				// The client wrote one entry: name its problems, not
				// its place among the others.
				return nil, err.(*InvalidError).EntryError(i + 1)
			}
			// Validation drops an entry that repeats another one (same
			// terms and flags): the written entry must not vanish that way
			// behind a success, or a PUT turn into a deletion.
			if len(next.Entries) < len(d.Entries) {
				return nil, repeatedEntry(req.ID, next, e, rep, i+1)
			}
			if id == "" {
				// The new entry got a derived id; it is the last one (it
				// was appended and survived validation).
				want = next.Entries[len(next.Entries)-1].ID
			}
			for _, l := range next.Languages {
				if !slices.Contains(cur.Languages, l) {
					added = append(added, l.String())
				}
			}
			return next, nil
		})
	if err != nil {
		return nil, err
	}
	resp := &api.GlossaryEntryResponse{Glossary: req.ID, Change: v, LanguagesAdded: added}
	if v != nil {
		resp.Version = v.Version
	} else if g != nil {
		resp.Version = g.Version
	}
	for i := range g.Entries {
		if g.Entries[i].ID == want {
			resp.Entry = g.entryDoc(&g.Entries[i])
		}
	}
	return resp, nil
}

// repeatedEntry is the answer to a written entry (number n of the
// document) that validation dropped because it repeats another entry: a
// conflict naming that entry.
func repeatedEntry(id string, next *Glossary, e api.GlossaryEntry, rep *Report, n int) error {
	other := ""
	for _, p := range rep.Problems {
		if p.Code == ProblemDuplicate && p.Line == n {
			other = p.Entry
		}
	}
	if other == "" {
		// The report keeps the first problems only: compare contents.
		d := next.Doc()
		d.Entries = []api.GlossaryEntry{e}
		if alone, r := FromDoc(d); r.OK() && len(alone.Entries) == 1 {
			for i := range next.Entries {
				if next.Entries[i].sameContent(&alone.Entries[0]) {
					other = next.Entries[i].ID
				}
			}
		}
	}
	return api.FieldError(api.CodeConflict, "entry", "the entry repeats entry %q of glossary %q (the same terms and settings); change that entry instead", other, id)
}

// DeleteEntry removes one entry.
func (m *Manager) DeleteEntry(ctx context.Context, req *api.GlossaryEntryDeleteRequest) (*api.GlossaryChangeResponse, error) {
	v, g, err := m.commit(ctx, req.ID, change{author: req.Author, tenant: req.ActingTenant, action: "entry", message: req.Message, base: req.BaseVersion, mustExist: true},
		func(cur *Glossary) (*Glossary, error) {
			d := cur.Doc()
			i := slices.IndexFunc(d.Entries, func(x api.GlossaryEntry) bool { return x.ID == req.Entry })
			if i < 0 {
				return nil, api.FieldError(api.CodeNotFound, "entry", "glossary %q has no entry %q", req.ID, truncate(req.Entry, 80))
			}
			d.Entries = slices.Delete(d.Entries, i, i+1)
			return fromDoc(d)
		})
	if err != nil {
		return nil, err
	}
	return m.changeResponse(v, g, req.ID), nil
}

// Import validates a file and, unless it is a dry run or has errors,
// stores it as a new version: replacing the entries, or merging by entry
// id. A glossary that does not exist is created with default settings.
// A file with errors is refused with the first problem; a dry run returns
// the whole report.
func (m *Manager) Import(ctx context.Context, req *api.GlossaryImportRequest, data []byte) (*api.GlossaryImportReport, error) {
	format := strings.ToLower(req.Format)
	if format != "" && !slices.Contains(Formats, format) {
		return nil, api.FieldError(api.CodeInvalidArgument, "format", "format %q: want %s", req.Format, strings.Join(Formats, ", "))
	}
	if !ValidID(req.ID) {
		return nil, api.FieldError(api.CodeInvalidArgument, "id", "glossary id %q must be letters, digits, '_' or '-' with single dots between them, at most %d bytes", truncate(req.ID, 80), MaxIDBytes)
	}
	// Checked whether or not the import creates the glossary (an existing
	// one keeps its mode): a typo is an error either way.
	switch Mode(req.Mode) {
	case "", Multilingual, OneWay:
	default:
		return nil, api.FieldError(api.CodeInvalidArgument, "mode", "glossary mode %q: want %s or %s", truncate(req.Mode, 80), Multilingual, OneWay)
	}
	var report *api.GlossaryImportReport
	build := func(cur *Glossary) (*Glossary, error) {
		opts := m.limits
		opts.ID, opts.Path, opts.Source, opts.Target = req.ID, req.ID+Extension(format), req.Source, req.Target
		opts.Mode = Mode(req.Mode)
		if cur != nil {
			opts.Mode = cur.Mode
		}
		in, rep := parse(format, bytes.NewReader(data), opts)
		next := &Glossary{ID: req.ID, Mode: opts.Mode}
		if cur != nil {
			next.Name, next.Description, next.Scope, next.Priority = cur.Name, cur.Description, cur.Scope, cur.Priority
		} else {
			// A glossary a tenant creates by importing is that tenant's.
			next.Scope = Scope{Tenant: req.ActingTenant}
			// The file's own name and description (a TBX header's), so
			// that an export imported as a new glossary is a copy.
			next.Name, next.Description = in.Name, in.Description
		}
		if rep.OK() {
			if req.Merge && cur != nil {
				mergeInto(next, cur, in)
			} else {
				next.Languages, next.Entries = in.Languages, in.Entries
			}
			next.validate(rep)
			if req.Merge && cur != nil {
				placeStoredEntries(rep)
			}
		}
		if rep.OK() {
			for _, p := range m.crossConflicts(next) {
				rep.warnf(p.Code, 0, p.Entry, p.Language, p.Term, "%s", p.Message)
			}
		}
		report = importReport(req, format, data, next, cur, rep)
		if !rep.OK() {
			if req.DryRun {
				return nil, errUnchanged
			}
			return nil, (&InvalidError{Report: rep}).APIError()
		}
		if req.DryRun || report.Unchanged {
			return nil, errUnchanged
		}
		return next, nil
	}
	if req.DryRun {
		// Nothing is written, so no author or version check is needed; the
		// tenant check is the write's, so a dry run answers as the import
		// would.
		last, err := m.latest(ctx, req.ID)
		if err != nil {
			return nil, err
		}
		if err := checkWrite(req.ID, req.ActingTenant, last, req.Create); err != nil {
			return nil, err
		}
		cur, head, err := m.glossaryAt(ctx, req.ID, 0, req.ActingTenant)
		if err != nil && api.ErrorCode(err) != api.CodeNotFound {
			return nil, err
		}
		// The checks of commit, in its order, so that a dry run answers
		// as the import would. head is the current version, a deletion's,
		// or none (0).
		switch {
		case req.BaseVersion > 0 && head.Version != req.BaseVersion:
			return nil, staleBase(req.ID, head.Version, req.BaseVersion)
		case req.MustExist && cur == nil:
			return nil, notExisting(req.ID)
		case req.Create && cur != nil:
			return nil, api.FieldError(api.CodeConflict, "id", "glossary %q already exists", req.ID)
		}
		if _, err := build(cur); err != nil && !errors.Is(err, errUnchanged) {
			return nil, err
		}
		return report, nil
	}
	v, _, err := m.commit(ctx, req.ID, change{author: req.Author, tenant: req.ActingTenant, action: "import", message: req.Message, base: req.BaseVersion, create: req.Create, ifExists: req.MustExist}, build)
	if err != nil {
		return nil, err
	}
	report.Change = v
	return report, nil
}

// mergeInto puts cur's entries and the imported ones into next: an entry
// whose id is already there gets what the file carries of it (the terms of
// its languages in the file, and the flags, note, part of speech and
// forbidden terms the file has columns or elements for, see givenFields)
// and keeps its stored values of everything else; new entries are
// appended.
func mergeInto(next, cur, in *Glossary) {
	next.Languages = slices.Clone(cur.Languages)
	for _, l := range in.Languages {
		if !slices.Contains(next.Languages, l) {
			next.Languages = append(next.Languages, l)
		}
	}
	remap := func(src *Glossary, e Entry) Entry {
		out := e
		out.Terms = make([]string, len(next.Languages))
		out.Forbidden = nil
		for col, t := range e.Terms {
			nc := slices.Index(next.Languages, src.Languages[col])
			out.Terms[nc] = t
			if fb := e.forbidden(col); len(fb) > 0 {
				if out.Forbidden == nil {
					out.Forbidden = make([][]string, len(next.Languages))
				}
				out.Forbidden[nc] = fb
			}
		}
		return out
	}
	index := map[string]int{}
	for _, e := range cur.Entries {
		index[e.ID] = len(next.Entries)
		r := remap(cur, e)
		// A stored entry has no line in the file (its Line is its place
		// in the stored document); placeStoredEntries words the messages.
		r.Line = 0
		next.Entries = append(next.Entries, r)
	}
	for _, e := range in.Entries {
		if e.ID == "" {
			e.ID = in.derivedID(&e)
		}
		r := remap(in, e)
		r.given = nil
		if i, ok := index[e.ID]; ok {
			given := e.given
			if given == nil {
				// A reader that does not say: the file's languages and
				// every field, as merges were before readers said.
				given = &givenFields{fields: allFields, terms: in.Languages, forbidden: in.Languages}
			}
			next.Entries[i] = mergeEntry(next.Languages, next.Entries[i], r, given)
			continue
		}
		index[e.ID] = len(next.Entries)
		next.Entries = append(next.Entries, r)
	}
}

// mergeEntry is the stored entry old with what the file gave of r (both
// with the columns langs).
func mergeEntry(langs []language.Tag, old, r Entry, given *givenFields) Entry {
	out := old
	out.ID, out.Line = r.ID, r.Line
	out.Terms = slices.Clone(old.Terms)
	if old.Forbidden != nil {
		out.Forbidden = slices.Clone(old.Forbidden)
	}
	for col, l := range langs {
		if given.hasTerm(l) {
			out.Terms[col] = r.Terms[col]
		}
		if given.hasForbidden(l) && (out.Forbidden != nil || r.Forbidden != nil) {
			if out.Forbidden == nil {
				out.Forbidden = make([][]string, len(langs))
			}
			out.Forbidden[col] = r.forbidden(col)
		}
	}
	if given.has(fieldDNT) {
		out.DoNotTranslate = r.DoNotTranslate
	}
	if given.has(fieldCase) {
		out.CaseSensitive = r.CaseSensitive
	}
	if given.has(fieldPOS) {
		out.PartOfSpeech = r.PartOfSpeech
	}
	if given.has(fieldNote) {
		out.Note = r.Note
	}
	out.Match = mergeMatch(old.Match, r.Match, given)
	return out
}

// mergeMatch combines a stored match kind with a file's when the file
// carries only one of whole_word and inflection: the file's value wins,
// the stored one fills in the other half where the two go together
// (a stem or prefix match is always of whole words).
func mergeMatch(stored, file Match, given *givenFields) Match {
	ww, wi := given.has(fieldWholeWord), given.has(fieldInflection)
	inflection := func(m Match) Match {
		if m == MatchSubstring {
			return MatchExact
		}
		return m
	}
	switch {
	case ww && wi:
		return file
	case ww:
		if file == MatchSubstring {
			return MatchSubstring
		}
		return inflection(stored)
	case wi:
		if m := inflection(file); m != MatchExact {
			return m
		}
		if stored == MatchSubstring {
			return MatchSubstring
		}
		return MatchExact
	}
	return stored
}

// placeStoredEntries rewords the problems of a merge that point at a
// stored entry: validation names the other entry of a conflict by its line
// ("already used by entry a (line 0)"), and a stored entry has none; it is
// the stored glossary's, which the client must be told, not a line of the
// file it sent.
func placeStoredEntries(rep *Report) {
	const noLine = " (line 0)"
	for i := range rep.Problems {
		p := &rep.Problems[i]
		if p.Code == ProblemConflict && strings.HasSuffix(p.Message, noLine) {
			p.Message = strings.TrimSuffix(p.Message, noLine) + " (an entry of the stored glossary, not of this file)"
		}
	}
}

func importReport(req *api.GlossaryImportRequest, format string, data []byte, next, cur *Glossary, rep *Report) *api.GlossaryImportReport {
	if format == "" {
		format = sniff(bufio.NewReader(bytes.NewReader(data)))
	}
	r := &api.GlossaryImportReport{
		Glossary: req.ID, Format: format, DryRun: req.DryRun, Valid: rep.OK(), Entries: len(next.Entries),
		Languages: []string{}, Errors: rep.Errors, Warnings: rep.Warnings, Problems: rep.Problems,
	}
	if r.Problems == nil {
		r.Problems = []api.GlossaryProblem{}
	}
	for _, l := range next.Languages {
		r.Languages = append(r.Languages, l.String())
	}
	if rep.OK() {
		d := diffGlossaries(cur, next, 0)
		r.Added, r.Changed, r.Removed = d.AddedCount, d.ChangedCount, d.RemovedCount
		r.Unchanged = cur != nil && d.AddedCount+d.ChangedCount+d.RemovedCount == 0 && len(d.Settings) == 0
		if cur != nil && d.ChangedCount > 0 {
			r.ChangedFields, r.ChangedFieldsTruncated = changedFields(cur, next, changedFieldsBudget)
		}
	}
	return r
}

// changedFieldsBudget bounds the bytes of an import report's
// changed_fields, which travels in one NATS message with the problems.
const changedFieldsBudget = 256 << 10

// changedFields lists, for each entry of b that differs from the entry of
// a with the same id, the fields that differ; the list stops (truncated)
// when it would take more than budget bytes.
func changedFields(a, b *Glossary, budget int) (list []api.GlossaryEntryFields, truncated bool) {
	byID := make(map[string]*Entry, len(a.Entries))
	for i := range a.Entries {
		byID[a.Entries[i].ID] = &a.Entries[i]
	}
	langs := slices.Clone(b.Languages)
	for _, l := range a.Languages {
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	for i := range b.Entries {
		eb := &b.Entries[i]
		ea, ok := byID[eb.ID]
		if !ok {
			continue
		}
		fields := entryChanges(langs, a, ea, b, eb)
		if len(fields) == 0 {
			continue
		}
		size := len(eb.ID) + 20
		for _, f := range fields {
			size += len(f) + 3
		}
		if size > budget {
			return list, true
		}
		budget -= size
		list = append(list, api.GlossaryEntryFields{ID: eb.ID, Fields: fields})
	}
	return list, false
}

// entryChanges names the fields in which entry ea of a and entry eb of b
// differ, with the names of the wire's entry document (terms and forbidden
// terms per language of langs).
func entryChanges(langs []language.Tag, a *Glossary, ea *Entry, b *Glossary, eb *Entry) []string {
	var out []string
	cell := func(g *Glossary, e *Entry, l language.Tag) (string, []string) {
		col := slices.Index(g.Languages, l)
		if col < 0 {
			return "", nil
		}
		return e.Terms[col], e.forbidden(col)
	}
	for _, l := range langs {
		ta, fa := cell(a, ea, l)
		tb, fb := cell(b, eb, l)
		if ta != tb {
			out = append(out, "terms."+l.String())
		}
		if !slices.Equal(fa, fb) {
			out = append(out, "forbidden."+l.String())
		}
	}
	inflection := func(m Match) Match {
		if m == MatchSubstring {
			return MatchExact
		}
		return m
	}
	for _, f := range []struct {
		name    string
		changed bool
	}{
		{"do_not_translate", ea.DoNotTranslate != eb.DoNotTranslate},
		{"case_sensitive", ea.CaseSensitive != eb.CaseSensitive},
		{"whole_word", (ea.Match == MatchSubstring) != (eb.Match == MatchSubstring)},
		{"inflection", inflection(ea.Match) != inflection(eb.Match)},
		{"part_of_speech", ea.PartOfSpeech != eb.PartOfSpeech},
		{"note", ea.Note != eb.Note},
	} {
		if f.changed {
			out = append(out, f.name)
		}
	}
	return out
}

// Export renders a version of a glossary in a format.
func (m *Manager) Export(ctx context.Context, req *api.GlossaryExportRequest) (*api.GlossaryExportResponse, error) {
	format := strings.ToLower(req.Format)
	if format == "" {
		format = api.FormatTBX
	}
	if !slices.Contains(Formats, format) {
		return nil, api.FieldError(api.CodeInvalidArgument, "format", "format %q: want %s", req.Format, strings.Join(Formats, ", "))
	}
	g, v, err := m.glossaryAt(ctx, req.ID, req.Version, req.ActingTenant)
	if err != nil {
		return nil, err
	}
	// An export must import again: refuse one over the import limits
	// rather than hand out a file that only fails later.
	if len(g.Entries) > m.limits.MaxEntries {
		return nil, api.FieldError(api.CodeInvalidArgument, "id",
			"glossary %q has %d entries, more than an import accepts (%d, GLOSSARY_MAX_ENTRIES), so no export of it could be imported again; raise GLOSSARY_MAX_ENTRIES", g.ID, len(g.Entries), m.limits.MaxEntries)
	}
	var buf bytes.Buffer
	if err := Export(&buf, g, format); err != nil {
		return nil, err
	}
	if limit := m.limits.MaxFileBytes(format); int64(buf.Len()) > limit {
		return nil, api.FieldError(api.CodeInvalidArgument, "format",
			"the %s export of glossary %q is %d bytes, over the %d bytes an import of %s accepts, so it could not be imported again; export it as csv or tsv, which are about a tenth of the size, or raise GLOSSARY_MAX_IMPORT_BYTES (or GLOSSARY_MAX_ENTRIES, which scales the TBX limit)",
			format, g.ID, buf.Len(), limit, format)
	}
	return &api.GlossaryExportResponse{
		Glossary: g.ID, Version: v.Version, Format: format, ContentType: ContentType(format),
		Filename: g.ID + Extension(format), Data: buf.Bytes(),
	}, nil
}

// Versions lists a glossary's versions, newest first.
func (m *Manager) Versions(ctx context.Context, req *api.GlossaryVersionsRequest) (*api.GlossaryVersionsResponse, error) {
	if !ValidID(req.ID) {
		return nil, api.FieldError(api.CodeInvalidArgument, "id", "glossary id %q is not valid", truncate(req.ID, 80))
	}
	if err := m.checkRead(ctx, req.ID, req.ActingTenant); err != nil {
		return nil, err
	}
	vs, err := m.store.Versions(ctx, req.ID)
	if err != nil {
		return nil, fieldNotFound(err, "id", "no glossary %q", req.ID)
	}
	slices.Reverse(vs)
	limit := req.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	if len(vs) > limit {
		vs = vs[:limit]
	}
	return &api.GlossaryVersionsResponse{Glossary: req.ID, Versions: vs}, nil
}

// Diff compares two versions of a glossary (To 0: the current one). A
// deleted version compares as an empty glossary.
func (m *Manager) Diff(ctx context.Context, req *api.GlossaryDiffRequest) (*api.GlossaryDiff, error) {
	if req.From < 0 || req.To < 0 {
		return nil, api.FieldError(api.CodeInvalidArgument, "from", "versions must not be negative")
	}
	at := func(n int, field string) (*Glossary, int, error) {
		if n == 0 && field == "from" {
			return nil, 0, nil // version 0: before the glossary existed
		}
		var (
			v   api.GlossaryVersion
			err error
		)
		if n == 0 {
			head, _, herr := m.store.Head(ctx, req.ID)
			v, err = head, fieldNotFound(herr, "id", "no glossary %q", req.ID)
		} else {
			v, err = m.version(ctx, req.ID, n)
			err = fieldNotFound(err, field, "glossary %q has no version %d", req.ID, n)
		}
		if err != nil {
			return nil, 0, err
		}
		if v.Deleted {
			return nil, v.Version, nil
		}
		g, err := m.load(ctx, v)
		if err != nil {
			return nil, 0, err
		}
		return g, v.Version, checkVersion(req.ID, req.ActingTenant, g, v.Version, field)
	}
	if !ValidID(req.ID) {
		return nil, api.FieldError(api.CodeInvalidArgument, "id", "glossary id %q is not valid", truncate(req.ID, 80))
	}
	if err := m.checkRead(ctx, req.ID, req.ActingTenant); err != nil {
		return nil, err
	}
	a, from, err := at(req.From, "from")
	if err != nil {
		return nil, err
	}
	b, to, err := at(req.To, "to")
	if err != nil {
		return nil, err
	}
	d := diffGlossaries(a, b, pageBudget)
	d.Glossary, d.From, d.To = req.ID, from, to
	return &d, nil
}

// Diff compares two glossaries entry by entry (nil stands for an empty
// one), with complete lists: what changes when b replaces a.
func Diff(a, b *Glossary) api.GlossaryDiff {
	d := diffGlossaries(a, b, math.MaxInt)
	d.Glossary = b.idOr(a)
	return d
}

func (g *Glossary) idOr(o *Glossary) string {
	if g != nil {
		return g.ID
	}
	if o != nil {
		return o.ID
	}
	return ""
}

// diffGlossaries compares two contents (nil: empty) by entry id. Lists are
// cut at budget bytes (0: no lists, counts only).
func diffGlossaries(a, b *Glossary, budget int) api.GlossaryDiff {
	d := api.GlossaryDiff{Settings: []api.GlossaryFieldChange{}, Added: []api.GlossaryEntry{},
		Removed: []api.GlossaryEntry{}, Changed: []api.GlossaryEntryChange{}}
	empty := &Glossary{}
	if a == nil {
		a = empty
	}
	if b == nil {
		b = empty
	}
	if a != empty && b != empty {
		settings := func(g *Glossary) map[string]string {
			var langs []string
			for _, l := range g.Languages {
				langs = append(langs, l.String())
			}
			mode := string(g.Mode)
			if mode == "" {
				mode = string(Multilingual)
			}
			return map[string]string{
				"name": g.Name, "description": g.Description, "mode": mode, "languages": strings.Join(langs, ","),
				"scope": g.Scope.Kind() + ":" + g.Scope.Tenant + ":" + g.Scope.Conversation, "priority": fmt.Sprint(g.Priority),
			}
		}
		sa, sb := settings(a), settings(b)
		for _, f := range []string{"name", "description", "mode", "languages", "scope", "priority"} {
			if sa[f] != sb[f] {
				d.Settings = append(d.Settings, api.GlossaryFieldChange{Field: f, From: sa[f], To: sb[f]})
			}
		}
	}
	type side struct {
		doc  api.GlossaryEntry
		json []byte
	}
	index := func(g *Glossary) map[string]side {
		m := make(map[string]side, len(g.Entries))
		for i := range g.Entries {
			doc := g.entryDoc(&g.Entries[i])
			data, _ := json.Marshal(doc)
			m[doc.ID] = side{doc, data}
		}
		return m
	}
	ia, ib := index(a), index(b)
	left := budget
	take := func(n int) bool {
		if left-n < 0 {
			d.Truncated = d.Truncated || budget > 0
			return false
		}
		left -= n
		return true
	}
	for i := range b.Entries {
		id := b.Entries[i].ID
		nb := ib[id]
		na, ok := ia[id]
		switch {
		case !ok:
			d.AddedCount++
			if take(len(nb.json)) {
				d.Added = append(d.Added, nb.doc)
			}
		case !bytes.Equal(na.json, nb.json):
			d.ChangedCount++
			if take(len(na.json) + len(nb.json)) {
				d.Changed = append(d.Changed, api.GlossaryEntryChange{ID: id, From: na.doc, To: nb.doc})
			}
		}
	}
	for i := range a.Entries {
		id := a.Entries[i].ID
		if _, ok := ib[id]; !ok {
			d.RemovedCount++
			na := ia[id]
			if take(len(na.json)) {
				d.Removed = append(d.Removed, na.doc)
			}
		}
	}
	return d
}

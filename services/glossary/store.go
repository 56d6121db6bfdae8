package glossary

import (
	"context"
	"slices"
	"sync"

	"github.com/parley-chat/parley/shared/api"
)

// Store keeps glossary documents and their versions. Documents are stored
// by content hash (so an unchanged glossary, or a rollback, costs nothing);
// each glossary has a head (its current version record) and one record per
// version, never overwritten, so history is not capped.
//
// Errors are *api.Error values: CodeNotFound for a missing glossary,
// version or document, CodeConflict for a lost race in Commit.
type Store interface {
	// Head returns the current version record of a glossary and a
	// revision to pass to Commit.
	Head(ctx context.Context, id string) (api.GlossaryVersion, uint64, error)
	// Heads returns the current version record of every glossary,
	// deleted ones included.
	Heads(ctx context.Context) ([]api.GlossaryVersion, error)
	// Commit makes v the head of v.Glossary if the head is still at
	// revision rev (0: the glossary must not exist yet) and records v as
	// version v.Version.
	Commit(ctx context.Context, v api.GlossaryVersion, rev uint64) error
	// Version returns one version record.
	Version(ctx context.Context, id string, n int) (api.GlossaryVersion, error)
	// Versions returns every version record of a glossary, oldest first.
	Versions(ctx context.Context, id string) ([]api.GlossaryVersion, error)
	// PutDoc stores a document under its hash (idempotent).
	PutDoc(ctx context.Context, hash string, doc []byte) error
	// GetDoc returns the document with a hash.
	GetDoc(ctx context.Context, hash string) ([]byte, error)
	// Watch calls fn with the head of every glossary and then with every
	// new head, until ctx ends. It returns once the current heads have been
	// delivered. fn runs on one goroutine at a time.
	Watch(ctx context.Context, fn func(api.GlossaryVersion)) error
	// SyncMark returns the hash last synced into id from a file ("" when
	// none); SetSyncMark records it.
	SyncMark(ctx context.Context, id string) (string, error)
	SetSyncMark(ctx context.Context, id, hash string) error
	// TenantIndex returns the record of a tenant's glossaries (nil when
	// there is none yet) and a revision to pass to PutTenantIndex.
	TenantIndex(ctx context.Context, tenant string) ([]byte, uint64, error)
	// PutTenantIndex replaces the record if it is still at revision rev
	// (0: there must be none yet), else fails with api.CodeConflict.
	PutTenantIndex(ctx context.Context, tenant string, data []byte, rev uint64) error
}

// MemoryStore is a Store in process memory: for tests, and for a single
// replica without JetStream (GLOSSARY_STORE=memory), where history lasts
// as long as the process.
type MemoryStore struct {
	mu       sync.Mutex
	heads    map[string]memHead
	versions map[string][]api.GlossaryVersion
	docs     map[string][]byte
	marks    map[string]string
	tenants  map[string]memRecord
	rev      uint64
	watchers []*memWatcher
}

// memWatcher queues heads for one watcher without bound, so that a commit
// never waits for a watcher (whose callback may read the store).
type memWatcher struct {
	mu     sync.Mutex
	queue  []api.GlossaryVersion
	signal chan struct{}
}

func (w *memWatcher) push(v api.GlossaryVersion) {
	w.mu.Lock()
	w.queue = append(w.queue, v)
	w.mu.Unlock()
	select {
	case w.signal <- struct{}{}:
	default:
	}
}

func (w *memWatcher) drain() []api.GlossaryVersion {
	w.mu.Lock()
	defer w.mu.Unlock()
	q := w.queue
	w.queue = nil
	return q
}

type memHead struct {
	v   api.GlossaryVersion
	rev uint64
}

// memRecord is a tenant index and its revision.
type memRecord struct {
	data []byte
	rev  uint64
}

// NewMemoryStore returns an empty store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{heads: map[string]memHead{}, versions: map[string][]api.GlossaryVersion{},
		docs: map[string][]byte{}, marks: map[string]string{}, tenants: map[string]memRecord{}}
}

func notFound(format string, args ...any) error { return api.Errorf(api.CodeNotFound, format, args...) }

// Head implements Store.
func (s *MemoryStore) Head(_ context.Context, id string) (api.GlossaryVersion, uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.heads[id]
	if !ok {
		return api.GlossaryVersion{}, 0, notFound("no glossary %q", id)
	}
	return h.v, h.rev, nil
}

// Heads implements Store.
func (s *MemoryStore) Heads(context.Context) ([]api.GlossaryVersion, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]api.GlossaryVersion, 0, len(s.heads))
	for _, h := range s.heads {
		out = append(out, h.v)
	}
	slices.SortFunc(out, func(a, b api.GlossaryVersion) int { return compareStrings(a.Glossary, b.Glossary) })
	return out, nil
}

// Commit implements Store.
func (s *MemoryStore) Commit(_ context.Context, v api.GlossaryVersion, rev uint64) error {
	s.mu.Lock()
	h, ok := s.heads[v.Glossary]
	if (ok && h.rev != rev) || (!ok && rev != 0) {
		s.mu.Unlock()
		return api.Errorf(api.CodeConflict, "glossary %q changed meanwhile", v.Glossary)
	}
	s.rev++
	s.heads[v.Glossary] = memHead{v: v, rev: s.rev}
	s.versions[v.Glossary] = append(s.versions[v.Glossary], v)
	// Queued under the lock, so every watcher sees commits in order.
	for _, w := range s.watchers {
		w.push(v)
	}
	s.mu.Unlock()
	return nil
}

// Version implements Store.
func (s *MemoryStore) Version(_ context.Context, id string, n int) (api.GlossaryVersion, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.versions[id] {
		if v.Version == n {
			return v, nil
		}
	}
	return api.GlossaryVersion{}, notFound("glossary %q has no version %d", id, n)
}

// Versions implements Store.
func (s *MemoryStore) Versions(_ context.Context, id string) ([]api.GlossaryVersion, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	vs, ok := s.versions[id]
	if !ok {
		return nil, notFound("no glossary %q", id)
	}
	return slices.Clone(vs), nil
}

// PutDoc implements Store.
func (s *MemoryStore) PutDoc(_ context.Context, hash string, doc []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.docs[hash]; !ok {
		s.docs[hash] = slices.Clone(doc)
	}
	return nil
}

// GetDoc implements Store.
func (s *MemoryStore) GetDoc(_ context.Context, hash string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[hash]
	if !ok {
		return nil, notFound("no glossary document %s", hash)
	}
	return d, nil
}

// Watch implements Store.
func (s *MemoryStore) Watch(ctx context.Context, fn func(api.GlossaryVersion)) error {
	s.mu.Lock()
	initial := make([]api.GlossaryVersion, 0, len(s.heads))
	for _, h := range s.heads {
		initial = append(initial, h.v)
	}
	w := &memWatcher{signal: make(chan struct{}, 1)}
	s.watchers = append(s.watchers, w)
	s.mu.Unlock()
	for _, v := range initial {
		fn(v)
	}
	go func() {
		defer func() {
			s.mu.Lock()
			s.watchers = slices.DeleteFunc(s.watchers, func(o *memWatcher) bool { return o == w })
			s.mu.Unlock()
		}()
		for {
			select {
			case <-ctx.Done():
				return
			case <-w.signal:
				for _, v := range w.drain() {
					fn(v)
				}
			}
		}
	}()
	return nil
}

// SyncMark implements Store.
func (s *MemoryStore) SyncMark(_ context.Context, id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.marks[id], nil
}

// SetSyncMark implements Store.
func (s *MemoryStore) SetSyncMark(_ context.Context, id, hash string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.marks[id] = hash
	return nil
}

// TenantIndex implements Store.
func (s *MemoryStore) TenantIndex(_ context.Context, tenant string) ([]byte, uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tenants[tenant]
	if !ok {
		return nil, 0, nil
	}
	return slices.Clone(t.data), t.rev, nil
}

// PutTenantIndex implements Store.
func (s *MemoryStore) PutTenantIndex(_ context.Context, tenant string, data []byte, rev uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tenants[tenant]; (ok && t.rev != rev) || (!ok && rev != 0) {
		return api.Errorf(api.CodeConflict, "the glossaries of tenant %q changed meanwhile", tenant)
	}
	s.rev++
	s.tenants[tenant] = memRecord{data: slices.Clone(data), rev: s.rev}
	return nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Pruner is a Store that can drop old versions, for version retention
// (GLOSSARY_KEEP_VERSIONS). It is a separate interface so that a Store
// without it keeps working: its history is then not capped.
type Pruner interface {
	// Prune removes the version records of glossary id below version
	// below, and the documents of those versions that no version kept
	// (nor the head) refers to. It never removes the head.
	Prune(ctx context.Context, id string, below int) error
}

// Prune implements Pruner.
func (s *MemoryStore) Prune(_ context.Context, id string, below int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	head := s.heads[id].v
	var kept []api.GlossaryVersion
	gone := map[string]bool{}
	for _, v := range s.versions[id] {
		if v.Version < below && v.Version != head.Version {
			gone[v.Hash] = true
			continue
		}
		kept = append(kept, v)
	}
	s.versions[id] = kept
	delete(gone, head.Hash)
	for _, v := range kept {
		delete(gone, v.Hash)
	}
	for h := range gone {
		delete(s.docs, h)
	}
	return nil
}

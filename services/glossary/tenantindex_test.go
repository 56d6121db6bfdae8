package glossary

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// TestTenantLimitHoldsAcrossReplicas: two replicas share a store, and one
// of them has not seen the other's glossaries (it never started its
// watch), as a replica that lags does. Its own view would let the tenant
// past the limit; the tenant index does not, even with both creating at
// once.
func TestTenantLimitHoldsAcrossReplicas(t *testing.T) {
	store := NewMemoryStore()
	a := NewManager(ManagerConfig{Store: store, MaxPerTenant: 5})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := a.Start(ctx); err != nil {
		t.Fatal(err)
	}
	blind := NewManager(ManagerConfig{Store: store, MaxPerTenant: 5})
	create := func(m *Manager, id string) error {
		_, err := m.Create(bg(t), &api.GlossaryCreateRequest{Author: "a", ActingTenant: "acme",
			Glossary: api.Glossary{ID: id, Entries: []api.GlossaryEntry{entry("", "en", id, "de", id+"x")}}})
		return err
	}
	for _, id := range []string{"a1", "a2", "a3"} {
		if err := create(a, id); err != nil {
			t.Fatal(err)
		}
	}
	var made, refused atomic.Int32
	var wg sync.WaitGroup
	for i := range 12 {
		m := a
		if i%2 == 1 {
			m = blind
		}
		wg.Go(func() {
			switch err := create(m, fmt.Sprintf("b%d", i)); {
			case err == nil:
				made.Add(1)
			case api.ErrorCode(err) == api.CodeInvalidArgument && strings.Contains(err.Error(), "GLOSSARY_MAX_PER_TENANT"):
				refused.Add(1)
			default:
				t.Errorf("create b%d: %v", i, err)
			}
		})
	}
	wg.Wait()
	heads, err := store.Heads(bg(t))
	if err != nil {
		t.Fatal(err)
	}
	if made.Load() != 2 || refused.Load() != 10 || len(heads) != 5 {
		t.Fatalf("%d made, %d refused, %d glossaries in the store; want 2, 10 and the limit, 5", made.Load(), refused.Load(), len(heads))
	}
	// The blind replica's delete frees a place for either.
	if _, err := blind.Delete(bg(t), &api.GlossaryDeleteRequest{ID: "a1", Author: "a", ActingTenant: "acme"}); err != nil {
		t.Fatal(err)
	}
	if err := create(blind, "c1"); err != nil {
		t.Fatalf("after a delete: %v", err)
	}
	if err := create(a, "c2"); api.ErrorCode(err) != api.CodeInvalidArgument {
		t.Fatalf("past the limit again: %v", err)
	}
}

// failingCommits is a store whose commits fail while fail is set.
type failingCommits struct {
	Store
	fail atomic.Bool
}

func (s *failingCommits) Commit(ctx context.Context, v api.GlossaryVersion, rev uint64) error {
	if s.fail.Load() {
		return api.Errorf(api.CodeUnavailable, "the glossary store is unavailable")
	}
	return s.Store.Commit(ctx, v, rev)
}

// TestTenantIndexFreesWhatWasNotWritten: a create whose write fails takes
// its id out of the index again; an id left by a writer that died
// between the index and the head is dropped once it is old and the index
// is full, and not before.
func TestTenantIndexFreesWhatWasNotWritten(t *testing.T) {
	store := &failingCommits{Store: NewMemoryStore()}
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	var clock sync.Mutex
	m := NewManager(ManagerConfig{Store: store, MaxPerTenant: 2, Now: func() time.Time {
		clock.Lock()
		defer clock.Unlock()
		return now
	}})
	create := func(id string) error {
		_, err := m.Create(bg(t), &api.GlossaryCreateRequest{Author: "a", ActingTenant: "acme",
			Glossary: api.Glossary{ID: id, Entries: []api.GlossaryEntry{entry("", "en", id, "de", id+"x")}}})
		return err
	}
	index := func() tenantIndex {
		t.Helper()
		var idx tenantIndex
		err := m.editIndex(bg(t), "acme", func(i *tenantIndex) (bool, error) { idx = *i; return false, nil })
		if err != nil {
			t.Fatal(err)
		}
		return idx
	}

	store.fail.Store(true)
	if err := create("x1"); api.ErrorCode(err) != api.CodeUnavailable {
		t.Fatalf("create while the store fails: %v", err)
	}
	store.fail.Store(false)
	if ids := index().IDs; len(ids) != 0 {
		t.Fatalf("index after a failed create: %v", ids)
	}

	// A writer that died after reserving "ghost".
	if err := m.reserve(bg(t), "acme", "ghost"); err != nil {
		t.Fatal(err)
	}
	if err := create("x2"); err != nil {
		t.Fatal(err)
	}
	if err := create("x3"); api.ErrorCode(err) != api.CodeInvalidArgument {
		t.Fatalf("with a fresh reservation filling the index: %v", err)
	}
	clock.Lock()
	now = now.Add(indexHealAfter + time.Second)
	clock.Unlock()
	if err := create("x3"); err != nil {
		t.Fatalf("with the reservation old and its glossary missing: %v", err)
	}
	if ids := index().IDs; len(ids) != 2 || ids["x2"].IsZero() || ids["x3"].IsZero() {
		t.Fatalf("index %v, want x2 and x3", ids)
	}
}

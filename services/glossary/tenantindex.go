package glossary

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// A tenant's glossaries are bounded (GLOSSARY_MAX_PER_TENANT) across
// replicas by a record of their ids in the store, the tenant index, that
// every create of one of them changes with a compare-and-set before its
// head is written: of two replicas creating the tenant's last glossary at
// once, one adds its id and the other finds the index full. The replica's
// own view of the glossaries (checkNewGlossary) could not tell, since the
// other replica's glossary reaches it only after both are written.
//
// An id is added before the glossary is written and taken out again when
// the write fails, and when the glossary is deleted. A writer that dies in
// between leaves an id without a glossary: an index that is full is
// cleared of ids added more than indexHealAfter ago whose glossary does
// not exist, before a create is refused.

// tenantIndex is the stored record: each id of the tenant's glossaries,
// with when it was added (zero for ids found in place when the index was
// first written).
type tenantIndex struct {
	IDs map[string]time.Time `json:"ids"`
}

// indexHealAfter is how old an id must be before a full index drops it
// for having no glossary: far longer than a write takes between adding the
// id and writing the head (an import's document included).
const indexHealAfter = time.Minute

// maxIndexRetries bounds the compare-and-set attempts on one index.
const maxIndexRetries = 20

// reserve adds id to tenant's index, refusing it when the index holds
// the tenant's limit of other ids. It does nothing when tenants are not
// bounded. An id already in the index stays as it is.
func (m *Manager) reserve(ctx context.Context, tenant, id string) error {
	if tenant == "" || m.maxPerTenant <= 0 {
		return nil
	}
	return m.editIndex(ctx, tenant, func(idx *tenantIndex) (bool, error) {
		if _, ok := idx.IDs[id]; ok {
			return false, nil
		}
		if len(idx.IDs) >= m.maxPerTenant && m.heal(ctx, idx) == 0 {
			return false, api.FieldError(api.CodeInvalidArgument, "id", "tenant %q has %d glossaries, the limit (GLOSSARY_MAX_PER_TENANT is %d); delete one first", tenant, len(idx.IDs), m.maxPerTenant)
		}
		idx.IDs[id] = m.now().UTC()
		return true, nil
	})
}

// unreserve takes id out of tenant's index unless its glossary exists: a
// create that failed, or a glossary deleted. A create of the same id that
// won meanwhile keeps its place. Failures are logged: an id left behind
// is dropped by heal when the index is full.
func (m *Manager) unreserve(ctx context.Context, tenant, id string) {
	if tenant == "" || m.maxPerTenant <= 0 {
		return
	}
	err := m.editIndex(ctx, tenant, func(idx *tenantIndex) (bool, error) {
		if _, ok := idx.IDs[id]; !ok || m.exists(ctx, id) {
			return false, nil
		}
		delete(idx.IDs, id)
		return true, nil
	})
	if err != nil {
		m.log.Warn("glossary id left in its tenant's index; it is dropped when the index is full", "id", id, "err", err)
	}
}

// exists reports whether id's glossary exists; on a read error it says
// yes, so that an id is never dropped from an index for a read that failed.
func (m *Manager) exists(ctx context.Context, id string) bool {
	head, _, err := m.store.Head(ctx, id)
	switch {
	case err == nil:
		return !head.Deleted
	case api.ErrorCode(err) == api.CodeNotFound:
		return false
	default:
		return true
	}
}

// heal drops the ids of idx added more than indexHealAfter ago whose
// glossary does not exist, and reports how many it dropped.
func (m *Manager) heal(ctx context.Context, idx *tenantIndex) int {
	n := 0
	for _, id := range slices.Sorted(maps.Keys(idx.IDs)) {
		if m.now().Sub(idx.IDs[id]) < indexHealAfter || m.exists(ctx, id) {
			continue
		}
		delete(idx.IDs, id)
		n++
	}
	return n
}

// editIndex applies edit to tenant's index and stores it with a
// compare-and-set, again on the newer index when another writer changed
// it meanwhile. edit reports whether it changed the index. An index not
// written yet starts from this replica's glossaries of the tenant.
func (m *Manager) editIndex(ctx context.Context, tenant string, edit func(*tenantIndex) (bool, error)) error {
	for attempt := 0; ; attempt++ {
		data, rev, err := m.store.TenantIndex(ctx, tenant)
		if err != nil {
			return m.storeUnavailable(err, "")
		}
		idx := tenantIndex{IDs: map[string]time.Time{}}
		if rev == 0 {
			for _, g := range m.Set().Glossaries() {
				if g.Scope.Tenant == tenant {
					idx.IDs[g.ID] = time.Time{}
				}
			}
		} else if err := json.Unmarshal(data, &idx); err != nil {
			return fmt.Errorf("decode the glossary index of tenant %q: %w", tenant, err)
		}
		if idx.IDs == nil {
			idx.IDs = map[string]time.Time{}
		}
		changed, err := edit(&idx)
		if err != nil || !changed {
			return err
		}
		out, err := json.Marshal(idx)
		if err != nil {
			return fmt.Errorf("encode the glossary index of tenant %q: %w", tenant, err)
		}
		switch err := m.store.PutTenantIndex(ctx, tenant, out, rev); {
		case err == nil:
			return nil
		case api.ErrorCode(err) != api.CodeConflict:
			return m.storeUnavailable(err, "")
		case attempt >= maxIndexRetries:
			return err
		}
		// Another writer changed the index: read it again.
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

package messages

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ModerationChange is the latest decision about one message: the bucket
// revision that wrote it (revisions grow across all of the bucket's keys,
// so they order every message's decisions) and when it was written.
type ModerationChange struct {
	Key
	Rev       uint64
	UpdatedAt time.Time
}

// Changes returns the decisions about tenant's messages of conversation
// conv written after bucket revision after, oldest first: what an event
// stream that has sent every decision up to after still owes its reader
// (a reader that reconnects, or a listener that woke up).
func (m *Moderated) Changes(tenant, conv string, after uint64) []ModerationChange {
	if m == nil {
		return nil
	}
	var out []ModerationChange
	m.mu.RLock()
	for k, e := range m.entries {
		if e.rev > after && k.Tenant == tenant && e.state.Conversation == conv {
			out = append(out, ModerationChange{Key: k, Rev: e.rev, UpdatedAt: e.state.UpdatedAt})
		}
	}
	m.mu.RUnlock()
	slices.SortFunc(out, func(a, b ModerationChange) int { return cmp.Compare(a.Rev, b.Rev) })
	return out
}

// LastRevision returns the decisions bucket's last revision: no event id
// can rightly carry a later one. The mirror answers when it has seen
// atLeast; the bucket is asked only past that (another replica, whose
// mirror is ahead, may have sent the id). Nil has no decisions: 0.
func (m *Moderated) LastRevision(ctx context.Context, atLeast uint64) (uint64, error) {
	if m == nil {
		return 0, nil
	}
	m.mu.RLock()
	applied := m.applied
	m.mu.RUnlock()
	if atLeast <= applied {
		return applied, nil
	}
	st, err := m.kv.Status(ctx)
	if err != nil {
		return 0, fmt.Errorf("message moderation status: %w", err)
	}
	bs, ok := st.(*jetstream.KeyValueBucketStatus)
	if !ok {
		return 0, fmt.Errorf("message moderation status: unexpected %T", st)
	}
	return max(applied, bs.StreamInfo().State.LastSeq), nil
}

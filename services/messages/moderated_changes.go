package messages

import (
	"cmp"
	"slices"
	"time"
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

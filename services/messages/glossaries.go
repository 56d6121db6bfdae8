package messages

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
)

// GlossaryHeads follows the heads of the glossary store (the glossary
// service's KV bucket, keys "head.<id>": every committed version of every
// glossary, services/glossary/natsstore) for the view cache. A view is
// rendered with the glossaries prepare consulted at the time; a glossary
// change must not leave it cached with the older version, or readers get
// a term the glossary now forbids until the view expires (a minute),
// although no translation is served with an older glossary
// (docs/glossary.md). Translate learns of a change by the version prepare
// hands it with every request (part of its cache key); the view cache is
// read before anything is asked, so it follows the heads themselves, as
// the glossary replicas do: within milliseconds of a commit.
//
// Two things follow from it (Renderer.View). Revision, the bucket revision
// of the latest head, is part of every view's cache key: a change makes
// every cached view unreachable at once (glossaries are changed seldom,
// and a glossary may apply to any tenant, conversation or language, so
// all views go), and a render in flight when it lands puts its view
// under the old key. Behind tells a view rendered with a version older
// than a head already seen (a glossary replica that had not loaded it
// yet): such a view is served but not cached.
type GlossaryHeads struct {
	w    jetstream.KeyWatcher
	log  *slog.Logger
	done chan struct{}

	mu       sync.RWMutex
	rev      uint64
	versions map[string]int // glossary id → its head's version
}

// glossaryHeadPrefix starts the keys of the glossary store's heads.
const glossaryHeadPrefix = "head."

// OpenGlossaryHeads loads the heads of the glossary store kv and follows
// them until Close. It returns once every head stored so far is in
// memory.
func OpenGlossaryHeads(ctx context.Context, kv jetstream.KeyValue, log *slog.Logger) (*GlossaryHeads, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// Stopped by Close, not by a context (as Moderated's watcher).
	w, err := kv.Watch(context.WithoutCancel(ctx), glossaryHeadPrefix+">")
	if err != nil {
		return nil, fmt.Errorf("watch glossary heads: %w", err)
	}
	h := &GlossaryHeads{w: w, log: log, done: make(chan struct{}), versions: map[string]int{}}
	loaded := make(chan struct{})
	go h.follow(loaded)
	select {
	case <-loaded:
		return h, nil
	case <-ctx.Done():
		h.Close()
		return nil, fmt.Errorf("load glossary heads: %w", ctx.Err())
	}
}

func (h *GlossaryHeads) follow(loaded chan struct{}) {
	defer close(h.done)
	for e := range h.w.Updates() {
		if e == nil {
			// The watcher's marker: every stored head was delivered.
			close(loaded)
			continue
		}
		h.apply(e)
	}
}

func (h *GlossaryHeads) apply(e jetstream.KeyValueEntry) {
	id := strings.TrimPrefix(e.Key(), glossaryHeadPrefix)
	version := -1 // removed (a head is never deleted by the service; by hand it may be)
	if e.Operation() == jetstream.KeyValuePut {
		var v api.GlossaryVersion
		if err := json.Unmarshal(e.Value(), &v); err != nil {
			// The revision still moves: whatever changed, cached views
			// go.
			h.log.Warn("undecodable glossary head", "key", e.Key(), "err", err)
		} else {
			version = v.Version
		}
	}
	h.mu.Lock()
	h.rev = max(h.rev, e.Revision())
	if version < 0 {
		delete(h.versions, id)
	} else {
		h.versions[id] = version
	}
	h.mu.Unlock()
}

// Revision is the bucket revision of the latest head seen (0 for a nil
// GlossaryHeads: nothing followed).
func (h *GlossaryHeads) Revision() uint64 {
	if h == nil {
		return 0
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.rev
}

// Behind reports whether refs (the glossaries a view was rendered with,
// api.View.Glossaries) name a glossary at a version older than its head.
func (h *GlossaryHeads) Behind(refs []api.GlossaryRef) bool {
	if h == nil {
		return false
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, r := range refs {
		if v, ok := h.versions[r.ID]; ok && r.Version < v {
			return true
		}
	}
	return false
}

// Close stops following the heads, once the watcher has stopped.
func (h *GlossaryHeads) Close() {
	if h == nil {
		return
	}
	_ = h.w.Stop()
	<-h.done
}

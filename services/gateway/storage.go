package gateway

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/natsutil"
)

// Storage states of /readyz (ReadyStatus.Storage).
const (
	storageOK = "ok"
	// storageFull: JetStream refused the latest chat write for room (the
	// chat stream's MESSAGES_MAX_BYTES, or its file store's
	// max_file_store), answered at once with a 503.
	storageFull = "full"
	// storageUnanswered: JetStream did not answer the latest chat write
	// within the request's budget. A node whose disk filled up answers
	// no write at all (natsutil, storage.go); so does one electing a
	// leader, for a moment.
	storageUnanswered = "unanswered"
)

// storageMemory is how long a refused or unanswered chat write marks the
// storage as such when no later write is stored: every chat write is a
// probe, and one that succeeds clears it at once.
const storageMemory = 5 * time.Minute

// storageState is what the gateway's chat writes tell of JetStream's
// storage, for /readyz: the cheapest check there is, since it costs no
// request of its own. It is safe for concurrent use.
type storageState struct {
	mu     sync.Mutex
	state  string    // of the latest write refused or unanswered
	failed time.Time // when
	stored time.Time // the latest write stored
}

// record notes the outcome of a chat write (Publish's error, nil when it
// was stored). Other errors (a conflict, a client gone) say nothing of the
// storage.
func (s *storageState) record(err error, now time.Time) {
	state := ""
	switch {
	case err == nil:
	case natsutil.StorageFull(err):
		state = storageFull
	case errors.Is(err, context.DeadlineExceeded):
		state = storageUnanswered
	default:
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if state == "" {
		s.stored = now
		return
	}
	s.state, s.failed = state, now
}

// status is the storage state /readyz reports at now.
func (s *storageState) status(now time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == "" || !s.failed.After(s.stored) || now.Sub(s.failed) > storageMemory {
		return storageOK
	}
	return s.state
}

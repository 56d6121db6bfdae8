package natskv

import (
	"context"

	"github.com/nats-io/nats.go/jetstream"
)

// StallWatches makes the watches s sets up on its cache bucket hang until
// their context ends, as creating a consumer does while the stream has no
// leader; everything else still goes to the real bucket. Call it before s
// is used.
func StallWatches(s *Store) { s.cache = stalledWatch{s.cache} }

type stalledWatch struct{ jetstream.KeyValue }

func (stalledWatch) Watch(ctx context.Context, _ string, _ ...jetstream.WatchOpt) (jetstream.KeyWatcher, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

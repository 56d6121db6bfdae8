package natsutil

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ObjectCatchUp bounds the waits of GetObject for a replica that has not
// received an object yet (10 ms, doubling: about 1.3 s in all).
const ObjectCatchUp = 640 * time.Millisecond

// GetObject reads object name of obs, which another process has just put
// (the glossary transfer store's uploads and exports). An object store
// answers reads from any replica (direct gets) while a put is
// acknowledged by a quorum, so the replica a read reaches may not have
// the object yet, or only some of its chunks (a digest that does not
// match): it catches up within milliseconds. A name still missing after
// ObjectCatchUp returns jetstream.ErrObjectNotFound: expired, or never
// put.
func GetObject(ctx context.Context, obs jetstream.ObjectStore, name string) ([]byte, error) {
	data, err := obs.GetBytes(ctx, name)
	for wait := 10 * time.Millisecond; lagging(err) && wait <= ObjectCatchUp; wait *= 2 {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		data, err = obs.GetBytes(ctx, name)
	}
	return data, err
}

// lagging reports an error of a read that reached a replica behind the
// put it reads (GetObject).
func lagging(err error) bool {
	return errors.Is(err, jetstream.ErrObjectNotFound) || errors.Is(err, jetstream.ErrDigestMismatch)
}

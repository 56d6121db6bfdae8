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

// GetListed reads key of kv, which a listing of kv (ListKeys,
// ListKeysFiltered) has just named. A listing runs on a consumer of the
// stream's leader, while a get is answered by any replica (direct gets):
// one behind the leader says the key does not exist. GetListed reads
// again, waiting as GetObject does; a key still missing after that was
// deleted since the listing (jetstream.ErrKeyNotFound), which the caller
// skips.
func GetListed(ctx context.Context, kv jetstream.KeyValue, key string) (jetstream.KeyValueEntry, error) {
	e, err := kv.Get(ctx, key)
	for wait := 10 * time.Millisecond; errors.Is(err, jetstream.ErrKeyNotFound) && wait <= ObjectCatchUp; wait *= 2 {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		e, err = kv.Get(ctx, key)
	}
	return e, err
}

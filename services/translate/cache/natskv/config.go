package natskv

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natsutil"
)

// WatchKey follows one configuration key: it creates (or reuses) bucket,
// without a TTL, and calls apply with the key's value now and after every
// change, or with nil when the key is absent or deleted. It returns once
// the current value has been applied, so that a service starts with its
// configuration in force; stop ends the watch.
func WatchKey(ctx context.Context, js jetstream.JetStream, bucket, key string, replicas int, apply func([]byte), log *slog.Logger) (stop func(), err error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// Replicas are raised, never lowered (natsutil).
	kv, err := natsutil.CreateOrUpdateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket: bucket, Description: "Parley translate configuration", History: 5, Replicas: max(replicas, 1),
	}, log)
	if err != nil {
		return nil, fmt.Errorf("key-value bucket %s: %w", bucket, err)
	}
	wctx, cancel := context.WithCancel(context.Background())
	// Not wctx: the client library would unsubscribe on a goroutine of
	// its own when it ends, which stop could not wait for. The goroutine
	// below stops the watcher when wctx ends, and stop waits for it.
	w, err := kv.Watch(context.Background(), key)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("watch %s/%s: %w", bucket, key, err)
	}
	ready := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer func() { _ = w.Stop() }()
		once := sync.OnceFunc(func() { close(ready) })
		defer once()
		seen := false
		for {
			select {
			case <-wctx.Done():
				return
			case e, ok := <-w.Updates():
				if !ok {
					return
				}
				switch {
				case e == nil: // the current value, if any, was delivered
					if !seen {
						apply(nil)
					}
					once()
				case e.Operation() == jetstream.KeyValuePut:
					seen = true
					apply(e.Value())
				default:
					seen = true
					apply(nil)
				}
			}
		}
	})
	select {
	case <-ready:
	case <-ctx.Done():
		cancel()
		wg.Wait()
		return nil, fmt.Errorf("read %s/%s: %w", bucket, key, ctx.Err())
	}
	return func() { cancel(); wg.Wait() }, nil
}

package translate

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/services/translate/cache/natskv"
)

// sharedState is what the replicas of the service share: the cache (and,
// through it, overrides and message indexes) in JetStream KV.
type sharedState struct {
	cache *cache.Cache
	store *natskv.Store       // nil without JetStream
	js    jetstream.JetStream // nil without JetStream
	kind  string              // for the start-up log: "jetstream", "memory", "off"
	close func()
}

// openShared opens the JetStream KV buckets. Without JetStream (a plain
// NATS server) the service still runs, with a cache of its own: it says
// so loudly, since replicas then neither share translations nor coalesce
// calls.
func openShared(ctx context.Context, nc *nats.Conn, cfg CacheConfig, log *slog.Logger) (*sharedState, error) {
	if !cfg.Enabled {
		st := &sharedState{kind: "off", close: func() {}}
		// Routing lives in JetStream too, cache or not.
		if js, err := jetstream.New(nc); err == nil {
			if _, err := js.AccountInfo(ctx); err == nil {
				st.js = js
			}
		}
		return st, nil
	}
	c := cache.New(cache.Config{Entries: cfg.MemoryEntries, TTL: cfg.MemoryTTL}, nil, log)
	js, err := jetstream.New(nc)
	if err == nil {
		octx, cancel := context.WithTimeout(ctx, 10*time.Second)
		var st *natskv.Store
		st, err = natskv.Open(octx, js, natskv.Config{
			Bucket:         cfg.KVPrefix + "_cache",
			OverrideBucket: cfg.KVPrefix + "_overrides",
			TTL:            cfg.TTL,
			MaxBytes:       cfg.MaxBytes,
			ClaimTTL:       cfg.ClaimTTL,
			Replicas:       cfg.KVReplicas,
			ForgetAll:      c.ForgetAll,
		}, c.Forget, log)
		cancel()
		if err == nil {
			c.SetShared(st)
			return &sharedState{cache: c, store: st, js: js, kind: "jetstream", close: st.Close}, nil
		}
	}
	if errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount) {
		log.Error("JetStream is not enabled: translations are cached per replica and calls are not coalesced across replicas")
	} else {
		log.Error("JetStream KV unavailable: translations are cached per replica and calls are not coalesced across replicas", "err", err)
	}
	c.SetShared(cache.NewMemory())
	return &sharedState{cache: c, kind: "memory", close: func() {}}, nil
}

package natsutil

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Replicas of what already exists.
//
// A stream, KV bucket or object store keeps the replicas it was created
// with: one created by a command or a service run without
// PARLEY_JS_REPLICAS stays on one node after the cluster is configured for
// three, and losing that node loses it. So every Parley process that opens
// one raises its replicas to the configured count when it has fewer
// (JetStream copies a stream to more peers online), and never lowers them:
// a process configured with fewer (a command run without the setting)
// leaves a replicated asset as it is. When the raise fails (too few nodes
// up, a server that is not clustered) the asset is used as it is and a
// warning says so; the next process to open it tries again.
//
// A nil logger logs to slog.Default(): these warnings must not be lost.

// RaiseReplicas raises the replicas of stream (a KV bucket's is
// "KV_<bucket>", an object store's "OBJ_<bucket>") to want when it has
// fewer, keeping the rest of its configuration. It returns the replicas
// the stream has afterwards (0 when they could not be read); a stream that
// could not be raised is logged, not an error.
func RaiseReplicas(ctx context.Context, js jetstream.JetStream, stream string, want int, log *slog.Logger) int {
	log = orDefault(log)
	want = max(want, 1)
	st, err := js.Stream(ctx, stream)
	if err != nil {
		log.Warn("JetStream stream not checked for its replicas", "stream", stream, "want", want, "err", err)
		return 0
	}
	cfg := st.CachedInfo().Config
	have := max(cfg.Replicas, 1)
	switch {
	case have > want:
		log.Info("JetStream stream keeps more replicas than configured", "stream", stream, "replicas", have, "configured", want)
		return have
	case have == want:
		return have
	}
	cfg.Replicas = want
	if _, err := js.UpdateStream(ctx, cfg); err != nil {
		log.Warn("JetStream stream has fewer replicas than configured and could not be raised; it is used as it is",
			"stream", stream, "replicas", have, "configured", want, "err", err)
		return have
	}
	log.Info("JetStream stream replicas raised", "stream", stream, "from", have, "to", want)
	return want
}

// EnsureKeyValue binds to the bucket cfg names, creating it with cfg when
// it does not exist. An existing bucket keeps its configuration (history,
// TTL or limits an operator set) but for its replicas, raised to
// cfg.Replicas (RaiseReplicas).
func EnsureKeyValue(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig, log *slog.Logger) (jetstream.KeyValue, error) {
	cfg.Replicas = max(cfg.Replicas, 1)
	kv, err := js.KeyValue(ctx, cfg.Bucket)
	if err == nil {
		RaiseReplicas(ctx, js, "KV_"+cfg.Bucket, cfg.Replicas, log)
		return kv, nil
	}
	if !errors.Is(err, jetstream.ErrBucketNotFound) {
		return nil, fmt.Errorf("bind %s: %w", cfg.Bucket, err)
	}
	kv, err = js.CreateKeyValue(ctx, cfg)
	if errors.Is(err, jetstream.ErrBucketExists) {
		// Another process created it first, perhaps with fewer replicas.
		if kv, err = js.KeyValue(ctx, cfg.Bucket); err == nil {
			RaiseReplicas(ctx, js, "KV_"+cfg.Bucket, cfg.Replicas, log)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", cfg.Bucket, err)
	}
	return kv, nil
}

// CreateOrUpdateKeyValue creates the bucket or updates it to cfg, as
// jetstream's CreateOrUpdateKeyValue does, except for replicas: never
// fewer than the bucket has, and when more cannot be had, the update is
// made at the bucket's count, with a warning.
func CreateOrUpdateKeyValue(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig, log *slog.Logger) (jetstream.KeyValue, error) {
	want := max(cfg.Replicas, 1)
	have, applied, _, err := streamReplicas(ctx, js, "KV_"+cfg.Bucket)
	if err != nil {
		return nil, err
	}
	cfg.Replicas = replicasFor(have, want, "KV_"+cfg.Bucket, log)
	if cfg.Metadata = withDigest(cfg.Metadata, cfg); cfg.Metadata[configDigest] == applied {
		return js.KeyValue(ctx, cfg.Bucket)
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, cfg)
	if err != nil && have > 0 && have < want {
		cfg.Replicas = have
		cfg.Metadata = withDigest(cfg.Metadata, cfg)
		if kv, rerr := js.CreateOrUpdateKeyValue(ctx, cfg); rerr == nil {
			warnNotRaised(log, "KV_"+cfg.Bucket, have, want, err)
			return kv, nil
		}
	}
	return kv, err
}

// CreateOrUpdateStream is CreateOrUpdateKeyValue for a stream.
func CreateOrUpdateStream(ctx context.Context, js jetstream.JetStream, cfg jetstream.StreamConfig, log *slog.Logger) (jetstream.Stream, error) {
	want := max(cfg.Replicas, 1)
	have, applied, existing, err := streamReplicas(ctx, js, cfg.Name)
	if err != nil {
		return nil, err
	}
	cfg.Replicas = replicasFor(have, want, cfg.Name, log)
	if cfg.Metadata = withDigest(cfg.Metadata, cfg); cfg.Metadata[configDigest] == applied {
		return existing, nil
	}
	st, err := js.CreateOrUpdateStream(ctx, cfg)
	if err != nil && have > 0 && have < want {
		cfg.Replicas = have
		cfg.Metadata = withDigest(cfg.Metadata, cfg)
		if st, rerr := js.CreateOrUpdateStream(ctx, cfg); rerr == nil {
			warnNotRaised(log, cfg.Name, have, want, err)
			return st, nil
		}
	}
	return st, err
}

// CreateOrUpdateObjectStore is CreateOrUpdateKeyValue for an object store.
func CreateOrUpdateObjectStore(ctx context.Context, js jetstream.JetStream, cfg jetstream.ObjectStoreConfig, log *slog.Logger) (jetstream.ObjectStore, error) {
	want := max(cfg.Replicas, 1)
	have, applied, _, err := streamReplicas(ctx, js, "OBJ_"+cfg.Bucket)
	if err != nil {
		return nil, err
	}
	cfg.Replicas = replicasFor(have, want, "OBJ_"+cfg.Bucket, log)
	if cfg.Metadata = withDigest(cfg.Metadata, cfg); cfg.Metadata[configDigest] == applied {
		return js.ObjectStore(ctx, cfg.Bucket)
	}
	obj, err := js.CreateOrUpdateObjectStore(ctx, cfg)
	if err != nil && have > 0 && have < want {
		cfg.Replicas = have
		cfg.Metadata = withDigest(cfg.Metadata, cfg)
		if obj, rerr := js.CreateOrUpdateObjectStore(ctx, cfg); rerr == nil {
			warnNotRaised(log, "OBJ_"+cfg.Bucket, have, want, err)
			return obj, nil
		}
	}
	return obj, err
}

// streamReplicas returns the replicas of stream, 0 when it does not
// exist, the configDigest of the configuration last applied to it by
// these functions ("" if none), and the stream (nil when it does not
// exist).
func streamReplicas(ctx context.Context, js jetstream.JetStream, stream string) (int, string, jetstream.Stream, error) {
	st, err := js.Stream(ctx, stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return 0, "", nil, nil
	}
	if err != nil {
		return 0, "", nil, fmt.Errorf("stream %s: %w", stream, err)
	}
	c := st.CachedInfo().Config
	return max(c.Replicas, 1), c.Metadata[configDigest], st, nil
}

// configDigest is the metadata key of a stream, KV bucket or object
// store that holds a digest of the configuration a Parley process last
// applied to it. A process that would apply the same one again (every
// start of every replica) leaves the stream alone: an update, even to
// the same configuration, makes nats-server rewrite the stream's
// configuration while other processes create consumers on it at start,
// which its race detector reports (nats-server 2.15.3: fileStore
// UpdateConfig against ConsumerStore), and writes a meta entry and an
// advisory for nothing. A configuration changed by hand since keeps the
// digest and is not restored until Parley's own changes.
const configDigest = "parley_config"

// withDigest returns a copy of meta with the configDigest of cfg (cfg's
// JSON without the digest itself; its Metadata is meta).
func withDigest(meta map[string]string, cfg any) map[string]string {
	out := make(map[string]string, len(meta)+1)
	for k, v := range meta {
		if k != configDigest {
			out[k] = v
		}
	}
	var b []byte
	switch c := cfg.(type) {
	case jetstream.StreamConfig:
		c.Metadata = out
		b, _ = json.Marshal(c)
	case jetstream.KeyValueConfig:
		c.Metadata = out
		b, _ = json.Marshal(c)
	case jetstream.ObjectStoreConfig:
		c.Metadata = out
		b, _ = json.Marshal(c)
	}
	sum := sha256.Sum256(b)
	out[configDigest] = hex.EncodeToString(sum[:12])
	return out
}

// replicasFor is the replicas to configure on a stream that has have (0:
// none yet) when want are configured: never fewer than it has.
func replicasFor(have, want int, stream string, log *slog.Logger) int {
	if have > want {
		orDefault(log).Info("JetStream stream keeps more replicas than configured", "stream", stream, "replicas", have, "configured", want)
		return have
	}
	return want
}

func warnNotRaised(log *slog.Logger, stream string, have, want int, err error) {
	orDefault(log).Warn("JetStream stream has fewer replicas than configured and could not be raised; it is used as it is",
		"stream", stream, "replicas", have, "configured", want, "err", err)
}

func orDefault(log *slog.Logger) *slog.Logger {
	if log == nil {
		return slog.Default()
	}
	return log
}

// JetStream API error codes (nats-server's errors.json) of replicas that
// cannot be had.
const (
	// errCodeReplicasNotSupported: replicas > 1 asked of a server that is
	// not clustered (JSStreamReplicasNotSupportedErr).
	errCodeReplicasNotSupported = 10074
	// errCodeNoPeers: a cluster without enough peers for the replicas
	// asked (JSClusterNoPeersErrF, "insufficient resources").
	errCodeNoPeers = 10005
)

// ReplicasUnavailable reports whether err is JetStream refusing a stream,
// KV bucket or object store for its replicas: more than one on a server
// that is not clustered (the all-in-one command's embedded server), or more
// than the cluster has peers for. The fix is the replicas setting
// (PARLEY_JS_REPLICAS) or the cluster, not another store.
func ReplicasUnavailable(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && (apiErr.ErrorCode == errCodeReplicasNotSupported || apiErr.ErrorCode == errCodeNoPeers)
}

// JetStreamAbsent reports whether err says the server has no JetStream
// (or none for this account): nothing answers its API.
func JetStreamAbsent(err error) bool {
	return errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount) ||
		errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrNoStreamResponse)
}

// Package natsstore keeps glossaries in JetStream.
//
// The KV bucket parley_glossaries holds, per glossary:
//
//	head.<id>             the current version record (compare-and-set on write)
//	ver.<id>.<0000000042> one record per version, written once, never changed
//	sync.<id>             hash of the content last synced from glossaries/
//
// and per tenant (under a hash of its id), the ids of its glossaries,
// which bound their number across replicas (compare-and-set on write):
//
//	tenant.<hash>         {"ids": {"<id>": "<when added>", ...}}
//
// Documents live in the object store parley_glossary_docs under their
// SHA-256, so an unchanged glossary or a rollback stores nothing new, and a
// document of any size fits (objects are chunked). Keeping one KV key per
// version, instead of relying on a key's history, is deliberate: JetStream
// keeps at most 64 revisions of a key, and older versions would silently
// disappear. Here history grows until an operator sets a limit on the
// bucket (max bytes), which JetStream then reports instead of dropping
// versions quietly.
//
// Replicas watch head.> and load a new version within milliseconds of its
// commit.
package natsstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Bucket names.
const (
	BucketKV   = "parley_glossaries"
	BucketDocs = "parley_glossary_docs"
)

// Config configures the buckets.
type Config struct {
	// Replicas is the JetStream replication factor (default 1; 3 in a
	// production cluster).
	Replicas int
	// TransferTTL is how long a file in the transfer bucket lives (default
	// 15 minutes): long enough for an upload to be imported.
	TransferTTL time.Duration
	// Log hears of buckets whose replicas could not be raised to Replicas
	// and of version records left to the next write (default slog's).
	Log *slog.Logger
}

// Store is a glossary store in JetStream. It implements glossary.Store.
type Store struct {
	kv       jetstream.KeyValue
	docs     jetstream.ObjectStore
	transfer jetstream.ObjectStore
	log      *slog.Logger

	// closing ends every watch (Close); watches counts the running ones,
	// added to under mu only while the store is open, so that Close's
	// wait cannot miss one.
	mu      sync.Mutex
	closed  bool
	closing chan struct{}
	watches sync.WaitGroup
}

// Open creates (or updates) the buckets and returns the store. Their
// replicas are raised to cfg.Replicas, never lowered (natsutil).
func Open(ctx context.Context, nc *nats.Conn, cfg Config) (*Store, error) {
	if cfg.Replicas <= 0 {
		cfg.Replicas = 1
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.TransferTTL <= 0 {
		cfg.TransferTTL = 15 * time.Minute
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	kv, err := natsutil.CreateOrUpdateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket:      BucketKV,
		Description: "Parley glossaries: heads, version records, sync marks",
		History:     1, // each key is written once per version (heads are also CAS'd): see the package doc
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
	}, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("glossary kv bucket %s: %w", BucketKV, err)
	}
	docs, err := natsutil.CreateOrUpdateObjectStore(ctx, js, jetstream.ObjectStoreConfig{
		Bucket:      BucketDocs,
		Description: "Parley glossary documents by content hash",
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
		Compression: true,
	}, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("glossary document bucket %s: %w", BucketDocs, err)
	}
	transfer, err := natsutil.CreateOrUpdateObjectStore(ctx, js, jetstream.ObjectStoreConfig{
		Bucket:      api.BucketGlossaryTransfer,
		Description: "Parley glossary files in transit between the gateway and the glossary service",
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
		TTL:         cfg.TransferTTL,
	}, cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("glossary transfer bucket %s: %w", api.BucketGlossaryTransfer, err)
	}
	return &Store{kv: kv, docs: docs, transfer: transfer, log: cfg.Log, closing: make(chan struct{})}, nil
}

// Close ends every watch and returns once each has stopped: its
// subscription is gone and its consumer deleted. A service calls it as it
// stops, before its connection drains: a watch still stopping then would
// delete its consumer while the drain deletes it too, and whichever came
// second would get "consumer not found".
func (s *Store) Close() {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.closing)
	}
	s.mu.Unlock()
	s.watches.Wait()
}

func headKey(id string) string           { return "head." + id }
func versionKey(id string, n int) string { return fmt.Sprintf("ver.%s.%010d", id, n) }
func syncKey(id string) string           { return "sync." + id }

// tenantKey names a tenant's index by a hash of the tenant id, which
// need not be a valid key token.
func tenantKey(tenant string) string {
	sum := sha256.Sum256([]byte(tenant))
	return "tenant." + hex.EncodeToString(sum[:16])
}

func notFound(format string, args ...any) error { return api.Errorf(api.CodeNotFound, format, args...) }

// storeError is err as the service answers it: JetStream briefly out of
// reach (a stream electing a leader after its leader stopped, a client
// moving to another node) is api.CodeUnavailable, which the gateway
// answers with 503 and Retry-After, rather than an internal error.
func storeError(err error) error { return natsutil.StoreError(err, "the glossary store") }

func decodeVersion(data []byte) (api.GlossaryVersion, error) {
	var v api.GlossaryVersion
	if err := json.Unmarshal(data, &v); err != nil {
		return v, fmt.Errorf("decode glossary version record: %w", err)
	}
	return v, nil
}

// Head implements glossary.Store.
func (s *Store) Head(ctx context.Context, id string) (api.GlossaryVersion, uint64, error) {
	e, err := s.kv.Get(ctx, headKey(id))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return api.GlossaryVersion{}, 0, notFound("no glossary %q", id)
	}
	if err != nil {
		return api.GlossaryVersion{}, 0, storeError(fmt.Errorf("get glossary head %s: %w", id, err))
	}
	v, err := decodeVersion(e.Value())
	return v, e.Revision(), err
}

// Heads implements glossary.Store.
func (s *Store) Heads(ctx context.Context) ([]api.GlossaryVersion, error) {
	keys, err := s.keys(ctx, "head.>")
	if err != nil {
		return nil, err
	}
	out := make([]api.GlossaryVersion, 0, len(keys))
	for _, k := range keys {
		e, err := natsutil.GetListed(ctx, s.kv, k)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue // deleted since the listing
		}
		if err != nil {
			return nil, storeError(fmt.Errorf("get glossary head %s: %w", k, err))
		}
		v, err := decodeVersion(e.Value())
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b api.GlossaryVersion) int { return strings.Compare(a.Glossary, b.Glossary) })
	return out, nil
}

func (s *Store) keys(ctx context.Context, filter string) ([]string, error) {
	l, err := s.kv.ListKeysFiltered(ctx, filter)
	if err != nil {
		return nil, storeError(fmt.Errorf("list glossary keys %s: %w", filter, err))
	}
	var keys []string
	for k := range l.Keys() {
		keys = append(keys, k)
	}
	return keys, nil
}

// Commit implements glossary.Store.
func (s *Store) Commit(ctx context.Context, v api.GlossaryVersion, rev uint64) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode glossary version: %w", err)
	}
	key := headKey(v.Glossary)
	if rev == 0 {
		_, err = s.kv.Create(ctx, key, data)
	} else {
		// The writer of the head being replaced may have died between its
		// head update and its version record: record it now, so that no
		// version goes missing from the history.
		if prev, gerr := s.kv.Get(ctx, key); gerr == nil && prev.Revision() == rev {
			if err := s.recordMissing(ctx, prev.Value()); err != nil {
				return err
			}
		}
		_, err = s.kv.Update(ctx, key, data, rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return api.Errorf(api.CodeConflict, "glossary %q changed meanwhile", v.Glossary)
	}
	if err != nil {
		return storeError(fmt.Errorf("update glossary head %s: %w", v.Glossary, err))
	}
	// The head is in place: the version is committed, and every replica
	// loads it. Its record failing now (the stream's leader moving) loses
	// nothing: Version and Versions read a head whose record is missing,
	// and the next write of the glossary records it (above). Failing the
	// request would have the client retry a change already made.
	if err := s.record(ctx, data); err != nil {
		s.log.Warn("glossary version committed; its record is left to the next write of the glossary", "id", v.Glossary, "version", v.Version, "err", err)
	}
	return nil
}

// record stores a version record under its own key, once.
func (s *Store) record(ctx context.Context, data []byte) error {
	v, err := decodeVersion(data)
	if err != nil {
		return err
	}
	_, err = s.kv.Create(ctx, versionKey(v.Glossary, v.Version), data)
	if err != nil && !errors.Is(err, jetstream.ErrKeyExists) {
		return storeError(fmt.Errorf("record glossary %s version %d: %w", v.Glossary, v.Version, err))
	}
	return nil
}

// recordMissing records a version unless its record exists. It reads
// first: the record is almost always there, and writing it again anyway
// (refused as existing) cost every update a second JetStream write, one
// more round trip to the stream's leader to fail while it moves.
func (s *Store) recordMissing(ctx context.Context, data []byte) error {
	v, err := decodeVersion(data)
	if err != nil {
		return err
	}
	_, err = s.kv.Get(ctx, versionKey(v.Glossary, v.Version))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, jetstream.ErrKeyNotFound):
		return s.record(ctx, data)
	default:
		return storeError(fmt.Errorf("get glossary %s version %d: %w", v.Glossary, v.Version, err))
	}
}

// Version implements glossary.Store.
func (s *Store) Version(ctx context.Context, id string, n int) (api.GlossaryVersion, error) {
	e, err := s.kv.Get(ctx, versionKey(id, n))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		// Not recorded yet (its writer is between the head and the record).
		if head, _, herr := s.Head(ctx, id); herr == nil && head.Version == n {
			return head, nil
		}
		return api.GlossaryVersion{}, notFound("glossary %q has no version %d", id, n)
	}
	if err != nil {
		return api.GlossaryVersion{}, storeError(fmt.Errorf("get glossary %s version %d: %w", id, n, err))
	}
	return decodeVersion(e.Value())
}

// Versions implements glossary.Store.
func (s *Store) Versions(ctx context.Context, id string) ([]api.GlossaryVersion, error) {
	keys, err := s.keys(ctx, "ver."+id+".*")
	if err != nil {
		return nil, err
	}
	var out []api.GlossaryVersion
	for _, k := range keys {
		e, err := natsutil.GetListed(ctx, s.kv, k)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue // pruned since the listing
		}
		if err != nil {
			return nil, storeError(fmt.Errorf("get %s: %w", k, err))
		}
		v, err := decodeVersion(e.Value())
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	head, _, err := s.Head(ctx, id)
	switch {
	case err == nil && !slices.ContainsFunc(out, func(v api.GlossaryVersion) bool { return v.Version == head.Version }):
		out = append(out, head)
	case err != nil && len(out) == 0:
		return nil, err
	}
	slices.SortFunc(out, func(a, b api.GlossaryVersion) int { return a.Version - b.Version })
	return out, nil
}

// PutDoc implements glossary.Store.
func (s *Store) PutDoc(ctx context.Context, hash string, doc []byte) error {
	if _, err := s.docs.GetInfo(ctx, hash); err == nil {
		return nil // content-addressed: already there
	}
	if _, err := s.docs.PutBytes(ctx, hash, doc); err != nil {
		return storeError(fmt.Errorf("put glossary document %s: %w", hash, err))
	}
	return nil
}

// GetDoc implements glossary.Store.
func (s *Store) GetDoc(ctx context.Context, hash string) ([]byte, error) {
	data, err := s.docs.GetBytes(ctx, hash)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return nil, notFound("no glossary document %s", hash)
	}
	if err != nil {
		return nil, storeError(fmt.Errorf("get glossary document %s: %w", hash, err))
	}
	return data, nil
}

// Watch implements glossary.Store. The watch ends when ctx ends or the
// store closes; Close waits for it.
func (s *Store) Watch(ctx context.Context, fn func(api.GlossaryVersion)) error {
	// Not ctx: the client library would unsubscribe on a goroutine of its
	// own when ctx ends, which nothing can wait for. The watch's own
	// goroutine stops the watcher, and Close waits for that.
	w, err := s.kv.Watch(context.WithoutCancel(ctx), "head.>")
	if err != nil {
		return fmt.Errorf("watch glossary heads: %w", err)
	}
	deliver := func(e jetstream.KeyValueEntry) {
		if e.Operation() != jetstream.KeyValuePut {
			return
		}
		if v, err := decodeVersion(e.Value()); err == nil {
			fn(v)
		}
	}
	// The watcher sends the current values, then nil, then updates.
	for {
		select {
		case <-ctx.Done():
			_ = w.Stop()
			return ctx.Err()
		case <-s.closing:
			_ = w.Stop()
			return errors.New("glossary store closed")
		case e, ok := <-w.Updates():
			if !ok {
				return errors.New("glossary watch closed before the initial values")
			}
			if e == nil {
				s.mu.Lock()
				if s.closed {
					s.mu.Unlock()
					_ = w.Stop()
					return errors.New("glossary store closed")
				}
				s.watches.Add(1)
				s.mu.Unlock()
				go func() {
					defer s.watches.Done()
					defer func() { _ = w.Stop() }()
					for {
						select {
						case <-ctx.Done():
							return
						case <-s.closing:
							return
						case e, ok := <-w.Updates():
							if !ok {
								return
							}
							if e != nil {
								deliver(e)
							}
						}
					}
				}()
				return nil
			}
			deliver(e)
		}
	}
}

// SyncMark implements glossary.Store.
func (s *Store) SyncMark(ctx context.Context, id string) (string, error) {
	e, err := s.kv.Get(ctx, syncKey(id))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return "", nil
	}
	if err != nil {
		return "", storeError(fmt.Errorf("get glossary sync mark %s: %w", id, err))
	}
	return string(e.Value()), nil
}

// SetSyncMark implements glossary.Store.
func (s *Store) SetSyncMark(ctx context.Context, id, hash string) error {
	if _, err := s.kv.Put(ctx, syncKey(id), []byte(hash)); err != nil {
		return storeError(fmt.Errorf("put glossary sync mark %s: %w", id, err))
	}
	return nil
}

// TenantIndex implements glossary.Store.
func (s *Store) TenantIndex(ctx context.Context, tenant string) ([]byte, uint64, error) {
	e, err := s.kv.Get(ctx, tenantKey(tenant))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, storeError(fmt.Errorf("get the glossary index of tenant %q: %w", tenant, err))
	}
	return e.Value(), e.Revision(), nil
}

// PutTenantIndex implements glossary.Store.
func (s *Store) PutTenantIndex(ctx context.Context, tenant string, data []byte, rev uint64) error {
	var err error
	if rev == 0 {
		_, err = s.kv.Create(ctx, tenantKey(tenant), data)
	} else {
		_, err = s.kv.Update(ctx, tenantKey(tenant), data, rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return api.Errorf(api.CodeConflict, "the glossaries of tenant %q changed meanwhile", tenant)
	}
	if err != nil {
		return storeError(fmt.Errorf("update the glossary index of tenant %q: %w", tenant, err))
	}
	return nil
}

var transferName = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// PutTransfer stores a file for the other side to fetch and returns its name.
func (s *Store) PutTransfer(ctx context.Context, data []byte) (string, error) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	name := hex.EncodeToString(b[:])
	if _, err := s.transfer.PutBytes(ctx, name, data); err != nil {
		return "", storeError(fmt.Errorf("put transfer: %w", err))
	}
	return name, nil
}

// TakeTransfer returns a file left by the other side and deletes it.
func (s *Store) TakeTransfer(ctx context.Context, name string) ([]byte, error) {
	if !transferName.MatchString(name) {
		return nil, api.FieldError(api.CodeInvalidArgument, "upload", "upload name %q is not valid", name)
	}
	data, err := natsutil.GetObject(ctx, s.transfer, name)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return nil, api.FieldError(api.CodeNotFound, "upload", "upload %q not found (it expires after a few minutes)", name)
	}
	if err != nil {
		return nil, storeError(fmt.Errorf("get transfer %s: %w", name, err))
	}
	_ = s.transfer.Delete(ctx, name)
	return data, nil
}

// Prune implements glossary.Pruner: it deletes the version records below
// version below and then the documents only they referred to (documents
// are content-addressed, and a glossary's id is part of its content, so
// only its own versions can share one).
func (s *Store) Prune(ctx context.Context, id string, below int) error {
	head, _, err := s.Head(ctx, id)
	if err != nil {
		return err
	}
	keys, err := s.keys(ctx, "ver."+id+".*")
	if err != nil {
		return err
	}
	gone := map[string]bool{}
	keep := map[string]bool{head.Hash: true}
	for _, k := range keys {
		e, err := s.kv.Get(ctx, k)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue
		}
		if err != nil {
			return storeError(fmt.Errorf("get %s: %w", k, err))
		}
		v, err := decodeVersion(e.Value())
		if err != nil {
			return err
		}
		if v.Version >= below || v.Version == head.Version {
			keep[v.Hash] = true
			continue
		}
		// Purge drops the record itself (a Delete would keep it behind a
		// marker); what remains is a marker of a few bytes.
		if err := s.kv.Purge(ctx, k); err != nil {
			return storeError(fmt.Errorf("prune %s: %w", k, err))
		}
		gone[v.Hash] = true
	}
	for h := range gone {
		if keep[h] || h == "" {
			continue
		}
		if err := s.docs.Delete(ctx, h); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
			return storeError(fmt.Errorf("prune glossary document %s: %w", h, err))
		}
	}
	return nil
}

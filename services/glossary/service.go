package glossary

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the service version registered with micro.
const Version = "1.1.0"

// Storage bounds per tenant and glossary (GLOSSARY_MAX_PER_TENANT,
// GLOSSARY_KEEP_VERSIONS): every content change stores the whole document
// again, so without them one tenant's entry-by-entry edits grow the store
// without end (docs/glossary.md, "What a version costs").
const (
	DefaultMaxPerTenant = 100
	DefaultKeepVersions = 100
)

// DefaultDir is where glossaries are read from when GLOSSARY_DIR is unset:
// the repository's glossaries/ folder when started from the repository root.
const DefaultDir = "glossaries"

// Store kinds (GLOSSARY_STORE).
const (
	StoreJetStream = "jetstream"
	StoreMemory    = "memory"
)

// Transfer moves files too large for one NATS message between the gateway
// and the service (claim checks in api.BucketGlossaryTransfer).
type Transfer interface {
	PutTransfer(ctx context.Context, data []byte) (string, error)
	TakeTransfer(ctx context.Context, name string) ([]byte, error)
}

// Start opens the glossary store, syncs the glossary files into it, and
// registers the glossary service.
//
// Settings (environment):
//   - GLOSSARY_DIR: folder of glossary files synced at start (default
//     "glossaries", relative to the working directory). When it is set
//     explicitly and cannot be read, Start fails; when the default is
//     missing the service starts with what the store holds.
//   - GLOSSARY_SYNC: sync GLOSSARY_DIR at start (default true).
//   - GLOSSARY_STORE: jetstream (default) or memory (one replica, history
//     lost on restart; for NATS servers without JetStream).
//   - GLOSSARY_REPLICAS: JetStream replicas of the glossary buckets (PARLEY_JS_REPLICAS, 1).
//   - GLOSSARY_WORKERS: prepare and verify requests handled at once per
//     endpoint (default GOMAXPROCS; matching is CPU-bound).
//   - GLOSSARY_MAX_IMPORT_BYTES (32 MiB) and GLOSSARY_MAX_ENTRIES (100000)
//     bound an import; a TBX file may have GLOSSARY_MAX_ENTRIES × 1 KiB
//     when that is more (see TBXBytesPerEntry).
//   - GLOSSARY_MAX_PER_TENANT (DefaultMaxPerTenant): glossaries one tenant
//     may have (operators, without a tenant, are not counted); 0 lifts it.
//   - GLOSSARY_KEEP_VERSIONS (DefaultKeepVersions): versions kept of each
//     glossary, the current one included; older ones, and their documents,
//     are pruned after each write. 0 keeps every version.
//   - GLOSSARY_RECONCILE_INTERVAL: how often the versions in use are
//     compared with the store's heads (default 30s; see Manager.Start).
//
// A glossary file with problems is not synced and each problem is logged
// with its file and line; the others still sync.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	dir := d.Env.String("GLOSSARY_DIR", "")
	explicit := dir != ""
	if !explicit {
		dir = DefaultDir
	}
	doSync := d.Env.Bool("GLOSSARY_SYNC", true)
	storeKind := d.Env.String("GLOSSARY_STORE", StoreJetStream)
	replicas := d.Env.IntRange("GLOSSARY_REPLICAS", natsutil.JetStreamReplicas(d.Env), 1, natsutil.MaxReplicas)
	replicasVar := "PARLEY_JS_REPLICAS"
	if d.Env.String("GLOSSARY_REPLICAS", "") != "" {
		replicasVar = "GLOSSARY_REPLICAS"
	}
	workers := d.Env.Int("GLOSSARY_WORKERS", runtime.GOMAXPROCS(0))
	maxBytes := d.Env.Int("GLOSSARY_MAX_IMPORT_BYTES", DefaultMaxImportBytes)
	maxEntries := d.Env.Int("GLOSSARY_MAX_ENTRIES", DefaultMaxEntries)
	reconcile := d.Env.Duration("GLOSSARY_RECONCILE_INTERVAL", DefaultReconcileEvery)
	maxPerTenant := d.Env.Int("GLOSSARY_MAX_PER_TENANT", DefaultMaxPerTenant)
	keepVersions := d.Env.Int("GLOSSARY_KEEP_VERSIONS", DefaultKeepVersions)
	if err := d.Env.Err(); err != nil {
		return nil, err
	}
	if reconcile <= 0 {
		return nil, fmt.Errorf("GLOSSARY_RECONCILE_INTERVAL=%v: must be positive", reconcile)
	}
	if workers < 1 {
		return nil, fmt.Errorf("GLOSSARY_WORKERS=%d: must be at least 1", workers)
	}
	if maxBytes < 1 || maxEntries < 1 {
		return nil, fmt.Errorf("GLOSSARY_MAX_IMPORT_BYTES and GLOSSARY_MAX_ENTRIES must be positive")
	}
	if maxPerTenant < 0 || keepVersions < 0 {
		return nil, fmt.Errorf("GLOSSARY_MAX_PER_TENANT and GLOSSARY_KEEP_VERSIONS must not be negative (0 lifts the limit)")
	}
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	var (
		store    Store
		transfer Transfer
		closer   interface{ Close() } // a store whose watches need stopping
	)
	switch storeKind {
	case StoreJetStream:
		octx, cancel := context.WithTimeout(ctx, 30*time.Second)
		ns, err := natsstore.Open(octx, d.NC, natsstore.Config{Replicas: replicas, Log: log})
		cancel()
		if err != nil {
			return nil, openStoreError(err, replicasVar, replicas)
		}
		store, transfer, closer = ns, ns, ns
	case StoreMemory:
		store = NewMemoryStore()
		log.Warn("glossary store in memory: one replica only, history is lost on restart")
	default:
		return nil, fmt.Errorf("GLOSSARY_STORE=%q: want %s or %s", storeKind, StoreJetStream, StoreMemory)
	}

	m := NewManager(ManagerConfig{Store: store, Log: log, MaxImportBytes: int64(maxBytes), MaxEntries: maxEntries, ReconcileEvery: reconcile,
		MaxPerTenant: maxPerTenant, KeepVersions: keepVersions})
	// The watch outlives Start's context: it ends when the service stops,
	// and stopping waits for it. svcmain drains the connection once stop
	// returns, and a watch still stopping then would delete its consumer
	// while the drain deletes it too ("consumer not found").
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	cancelWatch := func() {
		cancel()
		m.Wait() // background loads of versions, and the check against the heads
		if closer != nil {
			closer.Close()
		}
	}
	if err := m.Start(wctx); err != nil {
		cancelWatch()
		return nil, err
	}
	if doSync {
		if err := syncAtStart(ctx, m, dir, explicit, log); err != nil {
			cancelWatch()
			return nil, err
		}
	}
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceGlossary,
		Version:     Version,
		Description: "Glossaries: finds terms in messages, checks and repairs translations, manages versioned term bases",
		Metadata:    map[string]string{"dir": dir, "store": storeKind, "glossaries": strconv.Itoa(len(m.Set().list))},
	}, Endpoints(m, transfer, workers), d.Metrics, log)
	if err != nil {
		cancelWatch()
		return nil, fmt.Errorf("register glossary service: %w", err)
	}
	return func() error {
		err := srv.Stop()
		cancelWatch()
		return err
	}, nil
}

func syncAtStart(ctx context.Context, m *Manager, dir string, explicit bool, log *slog.Logger) error {
	results, err := m.SyncDir(ctx, dir)
	switch {
	case err != nil && !explicit && errors.Is(err, fs.ErrNotExist):
		log.Warn("no glossary directory to sync; serving the stored glossaries", "dir", dir)
		return nil
	case err != nil:
		return fmt.Errorf("sync glossaries: %w", err)
	}
	for _, r := range results {
		switch {
		case r.Err != nil:
			var ie *InvalidError
			if errors.As(r.Err, &ie) {
				for _, line := range splitLines(ie.Error()) {
					log.Error("glossary file not synced", "problem", line)
				}
			} else {
				log.Error("glossary file not synced", "file", r.File.Path, "err", r.Err)
			}
		case r.Change != nil:
			log.Info("glossary synced", "id", r.File.ID, "file", r.File.Path, "version", r.Change.Version, "entries", r.Change.Entries)
		default:
			log.Debug("glossary file unchanged since the last sync", "id", r.File.ID, "file", r.File.Path)
		}
	}
	return nil
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// handler adapts a typed handler and turns a validation failure into the
// API error a client sees.
func handler[Req any](fn func(ctx context.Context, req *Req) (any, error)) service.HandlerFunc {
	return service.JSON(func(ctx context.Context, req *Req) (any, error) {
		resp, err := fn(ctx, req)
		var ie *InvalidError
		if errors.As(err, &ie) {
			return nil, ie.APIError()
		}
		return resp, err
	})
}

// Endpoints are the service's micro endpoints. transfer may be nil (no
// JetStream): files must then fit in one message.
func Endpoints(m *Manager, transfer Transfer, workers int) []service.Endpoint {
	// Management endpoints wait on JetStream, not the CPU: a few workers.
	const mgmt = 4
	return []service.Endpoint{
		{Name: "prepare", Subject: api.SubjectGlossaryPrepare, Workers: workers,
			Handler: handler(func(_ context.Context, req *api.GlossaryPrepareRequest) (any, error) { return m.Set().Prepare(req) })},
		{Name: "verify", Subject: api.SubjectGlossaryVerify, Workers: workers,
			Handler: handler(func(_ context.Context, req *api.GlossaryVerifyRequest) (any, error) { return m.Set().Verify(req) })},
		{Name: "list", Subject: api.SubjectGlossaryList,
			Handler: handler(func(_ context.Context, _ *api.GlossaryListRequest) (any, error) { return m.List(), nil })},
		{Name: "get", Subject: api.SubjectGlossaryGet, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryGetRequest) (any, error) { return m.Get(ctx, req) })},
		{Name: "create", Subject: api.SubjectGlossaryCreate, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryCreateRequest) (any, error) { return m.Create(ctx, req) })},
		{Name: "update", Subject: api.SubjectGlossaryUpdate, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryUpdateRequest) (any, error) { return m.Update(ctx, req) })},
		{Name: "delete", Subject: api.SubjectGlossaryDelete, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryDeleteRequest) (any, error) { return m.Delete(ctx, req) })},
		{Name: "entries-list", Subject: api.SubjectGlossaryEntries, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryEntriesRequest) (any, error) { return m.Entries(ctx, req) })},
		{Name: "entries-get", Subject: api.SubjectGlossaryEntryGet, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryEntryRequest) (any, error) { return m.Entry(ctx, req) })},
		{Name: "entries-put", Subject: api.SubjectGlossaryEntryPut, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryEntryPutRequest) (any, error) { return m.PutEntry(ctx, req) })},
		{Name: "entries-delete", Subject: api.SubjectGlossaryEntryDelete, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryEntryDeleteRequest) (any, error) {
				return m.DeleteEntry(ctx, req)
			})},
		{Name: "import", Subject: api.SubjectGlossaryImport, Workers: 2, DefaultTimeout: api.GlossaryTransferTimeout,
			Handler: handler(func(ctx context.Context, req *api.GlossaryImportRequest) (any, error) {
				data := req.Data
				if req.Upload != "" {
					if transfer == nil {
						return nil, api.FieldError(api.CodeUnavailable, "upload", "large files need the JetStream store")
					}
					var err error
					if data, err = transfer.TakeTransfer(ctx, req.Upload); err != nil {
						return nil, err
					}
				}
				// By the format's limit (TBX's is larger); a file whose format
				// is detected is held to its own once parse knows it.
				if limit := m.limits.MaxFileBytes(strings.ToLower(req.Format)); int64(len(data)) > limit {
					return nil, api.Errorf(api.CodeBodyTooLarge, "the file is over %d bytes", limit)
				}
				return m.Import(ctx, req, data)
			})},
		{Name: "export", Subject: api.SubjectGlossaryExport, Workers: mgmt, DefaultTimeout: api.GlossaryTransferTimeout,
			Handler: handler(func(ctx context.Context, req *api.GlossaryExportRequest) (any, error) {
				resp, err := m.Export(ctx, req)
				if err != nil || len(resp.Data) <= api.MaxInlineTransferBytes {
					return resp, err
				}
				if transfer == nil {
					return nil, api.Errorf(api.CodeUnavailable, "the export is too large for one message without the JetStream store")
				}
				if resp.Download, err = transfer.PutTransfer(ctx, resp.Data); err != nil {
					return nil, err
				}
				resp.Data = nil
				return resp, nil
			})},
		{Name: "versions", Subject: api.SubjectGlossaryVersions, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryVersionsRequest) (any, error) { return m.Versions(ctx, req) })},
		{Name: "diff", Subject: api.SubjectGlossaryDiff, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryDiffRequest) (any, error) { return m.Diff(ctx, req) })},
		{Name: "rollback", Subject: api.SubjectGlossaryRollback, Workers: mgmt,
			Handler: handler(func(ctx context.Context, req *api.GlossaryRollbackRequest) (any, error) { return m.Rollback(ctx, req) })},
	}
}

// openStoreError explains why the JetStream store did not open, replicas
// being the buckets' (read from replicasVar). A JetStream whose file store
// has no room for the buckets (the bounds of the other streams reserve
// it, or it is full), or that cannot have their replicas (a server that
// is not clustered), is there: advising GLOSSARY_STORE=memory would lose
// glossary history to work around a setting. Only a server without
// JetStream gets that advice.
func openStoreError(err error, replicasVar string, replicas int) error {
	switch {
	case natsutil.ReserveRefused(err) || natsutil.StorageFull(err):
		return fmt.Errorf("open glossary store: JetStream has no room for the glossary buckets (the bounds of its other streams reserve its file store, or it is full): raise max_file_store (PARLEY_JS_MAX_FILE_STORE for the all-in-one command) or lower the streams' bounds (docs/operations.md, \"Disk space\"): %w", err)
	case natsutil.ReplicasUnavailable(err):
		return fmt.Errorf("open glossary store: %s=%d needs a NATS cluster of at least %d nodes (a server that is not clustered, as the all-in-one command's embedded one, has one node): lower it or add nodes (docs/deploy.md): %w", replicasVar, replicas, replicas, err)
	case natsutil.JetStreamAbsent(err):
		return fmt.Errorf("open glossary store (the NATS server has no JetStream: enable it, or set GLOSSARY_STORE=memory, which keeps no history across restarts): %w", err)
	}
	return fmt.Errorf("open glossary store: %w", err)
}

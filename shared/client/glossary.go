package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

// Get returns a glossary's settings and version.
func (c Glossary) Get(ctx context.Context, req api.GlossaryGetRequest) (*api.GlossaryInfo, error) {
	return CallIdempotent[api.GlossaryInfo](ctx, c.NC, api.SubjectGlossaryGet, req)
}

// Create creates a glossary.
func (c Glossary) Create(ctx context.Context, req api.GlossaryCreateRequest) (*api.GlossaryChangeResponse, error) {
	return Call[api.GlossaryChangeResponse](ctx, c.NC, api.SubjectGlossaryCreate, req)
}

// Update changes a glossary's settings and, when given, its entries.
func (c Glossary) Update(ctx context.Context, req api.GlossaryUpdateRequest) (*api.GlossaryChangeResponse, error) {
	return Call[api.GlossaryChangeResponse](ctx, c.NC, api.SubjectGlossaryUpdate, req)
}

// Delete deletes a glossary (a version of its own; a rollback restores it).
func (c Glossary) Delete(ctx context.Context, req api.GlossaryDeleteRequest) (*api.GlossaryChangeResponse, error) {
	return Call[api.GlossaryChangeResponse](ctx, c.NC, api.SubjectGlossaryDelete, req)
}

// Entries lists a page of a glossary's entries.
func (c Glossary) Entries(ctx context.Context, req api.GlossaryEntriesRequest) (*api.GlossaryEntriesResponse, error) {
	return CallIdempotent[api.GlossaryEntriesResponse](ctx, c.NC, api.SubjectGlossaryEntries, req)
}

// Entry returns one entry.
func (c Glossary) Entry(ctx context.Context, req api.GlossaryEntryRequest) (*api.GlossaryEntryResponse, error) {
	return CallIdempotent[api.GlossaryEntryResponse](ctx, c.NC, api.SubjectGlossaryEntryGet, req)
}

// PutEntry adds or replaces one entry.
func (c Glossary) PutEntry(ctx context.Context, req api.GlossaryEntryPutRequest) (*api.GlossaryEntryResponse, error) {
	return Call[api.GlossaryEntryResponse](ctx, c.NC, api.SubjectGlossaryEntryPut, req)
}

// DeleteEntry removes one entry.
func (c Glossary) DeleteEntry(ctx context.Context, req api.GlossaryEntryDeleteRequest) (*api.GlossaryChangeResponse, error) {
	return Call[api.GlossaryChangeResponse](ctx, c.NC, api.SubjectGlossaryEntryDelete, req)
}

// Versions lists a glossary's versions, newest first.
func (c Glossary) Versions(ctx context.Context, req api.GlossaryVersionsRequest) (*api.GlossaryVersionsResponse, error) {
	return CallIdempotent[api.GlossaryVersionsResponse](ctx, c.NC, api.SubjectGlossaryVersions, req)
}

// Diff compares two versions of a glossary.
func (c Glossary) Diff(ctx context.Context, req api.GlossaryDiffRequest) (*api.GlossaryDiff, error) {
	return CallIdempotent[api.GlossaryDiff](ctx, c.NC, api.SubjectGlossaryDiff, req)
}

// Rollback restores an earlier version as a new version.
func (c Glossary) Rollback(ctx context.Context, req api.GlossaryRollbackRequest) (*api.GlossaryChangeResponse, error) {
	return Call[api.GlossaryChangeResponse](ctx, c.NC, api.SubjectGlossaryRollback, req)
}

// TransferTimeout bounds an import or export whose context has no
// deadline, all of it (the object store's put or get and the call), as
// the glossary service bounds those endpoints. Under DefaultTimeout a
// large file the service was still reading on a busy machine came back
// as a 504 after 10 s (a 12 MiB TBX dry run under -race, with other
// packages' tests on both cores).
const TransferTimeout = api.GlossaryTransferTimeout

// transferBudget is ctx, or ctx bounded by TransferTimeout when it has no
// deadline (the caller's own deadline, as the gateway's, stands).
func transferBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, TransferTimeout)
}

// Import sends a glossary file. A file larger than
// api.MaxInlineTransferBytes goes through the transfer object store (the
// service takes it from there), since NATS messages are small.
func (c Glossary) Import(ctx context.Context, req api.GlossaryImportRequest, data []byte) (*api.GlossaryImportReport, error) {
	ctx, cancel := transferBudget(ctx)
	defer cancel()
	req.Data, req.Upload = nil, ""
	if len(data) <= api.MaxInlineTransferBytes {
		req.Data = data
	} else {
		obs, err := c.transfer(ctx)
		if err != nil {
			return nil, err
		}
		var b [16]byte
		_, _ = rand.Read(b[:])
		name := hex.EncodeToString(b[:])
		if _, err := obs.PutBytes(ctx, name, data); err != nil {
			return nil, fmt.Errorf("upload glossary file: %w", err)
		}
		req.Upload = name
	}
	return Call[api.GlossaryImportReport](ctx, c.NC, api.SubjectGlossaryImport, req)
}

// Export returns a glossary as a file, with Data filled whether it came
// inline or through the transfer object store.
func (c Glossary) Export(ctx context.Context, req api.GlossaryExportRequest) (*api.GlossaryExportResponse, error) {
	ctx, cancel := transferBudget(ctx)
	defer cancel()
	resp, err := CallIdempotent[api.GlossaryExportResponse](ctx, c.NC, api.SubjectGlossaryExport, req)
	if err != nil || resp.Download == "" {
		return resp, err
	}
	obs, err := c.transfer(ctx)
	if err != nil {
		return nil, err
	}
	data, err := natsutil.GetObject(ctx, obs, resp.Download)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		// The service put it a moment ago: lost (a restore, a purge), not
		// a fault of the request.
		return nil, fmt.Errorf("%w: %w", api.Errorf(api.CodeUnavailable, "the glossary export was not found in the transfer store; retry"), err)
	}
	if err != nil {
		return nil, fmt.Errorf("download glossary export: %w", err)
	}
	_ = obs.Delete(ctx, resp.Download)
	resp.Data, resp.Download = data, ""
	return resp, nil
}

func (c Glossary) transfer(ctx context.Context) (jetstream.ObjectStore, error) {
	js, err := jetstream.New(c.NC)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	obs, err := js.ObjectStore(ctx, api.BucketGlossaryTransfer)
	if errors.Is(err, jetstream.ErrBucketNotFound) || errors.Is(err, jetstream.ErrStreamNotFound) || errors.Is(err, jetstream.ErrJetStreamNotEnabled) {
		return nil, api.Errorf(api.CodeUnavailable, "large glossary files need the glossary service with its JetStream store")
	}
	if err != nil {
		return nil, fmt.Errorf("glossary transfer bucket: %w", err)
	}
	return obs, nil
}

package detect

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/gopool"
)

// DetectBatch detects each item on its own, at most Config.Workers at a
// time across all batches. An item with bad input gets its own error; the
// others are still answered.
func (d *Detector) DetectBatch(ctx context.Context, req api.DetectBatchRequest) (*api.DetectBatchResponse, error) {
	switch {
	case len(req.Items) == 0:
		return nil, api.FieldError(api.CodeInvalidArgument, "items", "a batch needs at least one item")
	case len(req.Items) > api.MaxDetectBatch:
		return nil, api.FieldError(api.CodeInvalidArgument, "items", "a batch holds at most %d items, got %d", api.MaxDetectBatch, len(req.Items))
	}
	out := &api.DetectBatchResponse{Items: make([]api.DetectBatchResult, len(req.Items))}
	var (
		wg       gopool.Group
		mu       sync.Mutex
		internal error
	)
	for i, item := range req.Items {
		wg.Go(func() {
			res := api.DetectBatchResult{ID: item.ID}
			select {
			case d.sem <- struct{}{}:
				defer func() { <-d.sem }()
				resp, err := d.Detect(ctx, item.DetectRequest)
				var ae *api.Error
				switch {
				case err == nil:
					res.DetectResponse = resp
				case errors.As(err, &ae):
					e := *ae
					if e.Field != "" {
						e.Field = fmt.Sprintf("items[%d].%s", i, e.Field)
					}
					res.Error = &e
				default:
					mu.Lock()
					internal = errors.Join(internal, err)
					mu.Unlock()
				}
			case <-ctx.Done():
				res.Error = api.Errorf(api.CodeTimeout, "detect: no time left for this item")
			}
			out.Items[i] = res
		})
	}
	wg.Wait()
	if internal != nil {
		return nil, internal
	}
	return out, nil
}

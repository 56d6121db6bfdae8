package gateway

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
)

func TestStorageState(t *testing.T) {
	full := fmt.Errorf("%w: %w", api.Errorf(api.CodeUnavailable, "the message store is full"),
		&jetstream.APIError{Code: 503, ErrorCode: 10023, Description: "insufficient resources"})
	unanswered := fmt.Errorf("%w: %w", api.Errorf(api.CodeTimeout, "the message store did not answer in time"), context.DeadlineExceeded)
	gone := fmt.Errorf("%w: %w", api.Errorf(api.CodeTimeout, "the message store did not answer in time"), context.Canceled)
	conflict := api.Errorf(api.CodeConflict, "a message with id %q was just posted", "m1")
	t0 := time.Now()
	type write struct {
		err   error
		after time.Duration
	}
	tests := []struct {
		name   string
		writes []write
		at     time.Duration
		want   string
	}{
		{"no writes", nil, 0, storageOK},
		{"stored", []write{{nil, 0}}, time.Second, storageOK},
		{"refused for room", []write{{nil, 0}, {full, time.Second}}, 2 * time.Second, storageFull},
		{"no answer", []write{{unanswered, 0}}, time.Second, storageUnanswered},
		{"stored since", []write{{full, 0}, {nil, time.Second}}, 2 * time.Second, storageOK},
		{"refused long ago", []write{{full, 0}}, storageMemory + time.Second, storageOK},
		{"other errors tell nothing", []write{{full, 0}, {conflict, time.Second}, {gone, 2 * time.Second}, {errors.New("boom"), 3 * time.Second}}, 4 * time.Second, storageFull},
		{"the latest failure counts", []write{{full, 0}, {unanswered, time.Second}}, 2 * time.Second, storageUnanswered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s storageState
			for _, w := range tc.writes {
				s.record(w.err, t0.Add(w.after))
			}
			if got := s.status(t0.Add(tc.at)); got != tc.want {
				t.Fatalf("status %q, want %q", got, tc.want)
			}
		})
	}
}

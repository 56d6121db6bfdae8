package natsutil_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natsutil"
)

func TestStoreError(t *testing.T) {
	conflict := api.Errorf(api.CodeConflict, "changed meanwhile")
	tests := []struct {
		name string
		err  error
		want api.Code // "" : returned as it is
	}{
		{"nil", nil, ""},
		{"no responders", fmt.Errorf("update head: %w", nats.ErrNoResponders), api.CodeUnavailable},
		{"no response from stream", fmt.Errorf("record version: %w", jetstream.ErrNoStreamResponse), api.CodeUnavailable},
		{"no answer in time", fmt.Errorf("get head: %w", context.DeadlineExceeded), api.CodeUnavailable},
		{"legacy timeout", nats.ErrTimeout, api.CodeUnavailable},
		{"reconnecting", nats.ErrConnectionReconnecting, api.CodeUnavailable},
		{"JetStream 503", &jetstream.APIError{Code: 503, ErrorCode: 10008, Description: "JetStream system temporarily unavailable"}, api.CodeUnavailable},
		{"full stream", fmt.Errorf("put: %w", &jetstream.APIError{Code: 503, ErrorCode: 10077, Description: "maximum bytes exceeded"}), api.CodeUnavailable},
		{"JetStream 400", &jetstream.APIError{Code: 400, ErrorCode: 10071, Description: "wrong last sequence"}, ""},
		{"key not found", jetstream.ErrKeyNotFound, ""},
		{"canceled by the caller", context.Canceled, ""},
		{"an API error stays", fmt.Errorf("commit: %w", conflict), ""},
		{"anything else", errors.New("decode glossary version record: bad json"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := natsutil.StoreError(tc.err, "the glossary store")
			if tc.want == "" {
				if got != tc.err {
					t.Fatalf("StoreError(%v) = %v, want it as it is", tc.err, got)
				}
				return
			}
			var ae *api.Error
			if !errors.As(got, &ae) || ae.Code != tc.want || ae.RetryAfter < 1 {
				t.Fatalf("StoreError(%v) = %#v, want %s with a Retry-After", tc.err, got, tc.want)
			}
			if !errors.Is(got, tc.err) {
				t.Errorf("the cause is lost: %v", got)
			}
		})
	}
}

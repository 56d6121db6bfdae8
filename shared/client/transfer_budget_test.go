package client

import (
	"context"
	"testing"
	"time"
)

// An import or export with no deadline of its own gets the service's
// minute, not a call's 10 s; a caller's deadline (the gateway's request
// budget) is kept, longer or shorter.
func TestTransferBudget(t *testing.T) {
	tests := []struct {
		name string
		have time.Duration // 0: no deadline
		want time.Duration
	}{
		{"no deadline", 0, TransferTimeout},
		{"a shorter deadline", 3 * time.Second, 3 * time.Second},
		{"a longer deadline", 5 * time.Minute, 5 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			if tt.have > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.have)
				defer cancel()
			}
			got, cancel := transferBudget(ctx)
			defer cancel()
			dl, ok := got.Deadline()
			if !ok {
				t.Fatal("no deadline")
			}
			if left := time.Until(dl); left > tt.want || left < tt.want-5*time.Second {
				t.Errorf("deadline in %v, want about %v", left.Round(time.Second), tt.want)
			}
		})
	}
}

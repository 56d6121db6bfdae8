package moderation

import "testing"

func TestReplyBudget(t *testing.T) {
	tests := []struct {
		maxPayload int64
		want       int
	}{
		{0, DefaultMaxReplyBytes},       // not connected yet: the default
		{1 << 20, DefaultMaxReplyBytes}, // NATS's default max_payload
		{8 << 20, DefaultMaxReplyBytes}, // larger servers keep pages the same
		{256 << 10, 128 << 10},          // a smaller server: half of it
	}
	for _, tt := range tests {
		if got := replyBudget(tt.maxPayload); got != tt.want {
			t.Errorf("replyBudget(%d) = %d, want %d", tt.maxPayload, got, tt.want)
		}
	}
}

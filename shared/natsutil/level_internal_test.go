package natsutil

import (
	"errors"
	"fmt"
	"log/slog"
	"testing"

	"github.com/nats-io/nats.go"
)

func TestAsyncErrorLevel(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		ending bool
		want   slog.Level
	}{
		{"consumer gone at drain", nats.ErrConsumerNotFound, true, slog.LevelDebug},
		{"ordered consumer not recreated while connected", fmt.Errorf("%w: recreating ordered consumer", nats.ErrConsumerNotFound), false, slog.LevelError},
		{"slow consumer at drain", nats.ErrSlowConsumer, true, slog.LevelError},
		{"other error", errors.New("boom"), false, slog.LevelError},
	}
	for _, tt := range tests {
		if got := asyncErrorLevel(tt.err, tt.ending); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

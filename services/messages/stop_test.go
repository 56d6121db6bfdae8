package messages_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestStopEndsTheWatchesBeforeTheDrain: stopping the service returns once
// its watches of the readers, moderation and flags buckets have ended
// (natstest.CheckStopEndsWatches).
func TestStopEndsTheWatchesBeforeTheDrain(t *testing.T) {
	streams := []string{"KV_" + messages.ReadersBucket, "KV_" + api.BucketMessageModeration, "KV_" + flags.Bucket}
	natstest.CheckStopEndsWatches(t, streams, func(nc *nats.Conn) (func() error, error) {
		return messages.Start(context.Background(), svcmain.Deps{
			NC: nc, Env: config.NewReader(config.Map(nil)), Registry: prometheus.NewRegistry(), Log: slog.New(slog.DiscardHandler),
		})
	})
}

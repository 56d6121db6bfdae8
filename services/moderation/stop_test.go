package moderation_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestStopEndsTheWatchBeforeTheDrain: stopping the service returns once
// its watch of the cases bucket has ended (natstest.CheckStopEndsWatches).
func TestStopEndsTheWatchBeforeTheDrain(t *testing.T) {
	natstest.CheckStopEndsWatches(t, []string{"KV_" + api.BucketModerationCases}, func(nc *nats.Conn) (func() error, error) {
		return moderation.Start(context.Background(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(nil)), Log: slog.New(slog.DiscardHandler)})
	})
}

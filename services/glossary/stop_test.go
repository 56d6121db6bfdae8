package glossary_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestStopEndsTheWatchBeforeTheDrain: stopping the service returns once
// its watch of the glossary heads has ended (natstest.CheckStopEndsWatches).
func TestStopEndsTheWatchBeforeTheDrain(t *testing.T) {
	natstest.CheckStopEndsWatches(t, []string{"KV_" + natsstore.BucketKV}, func(nc *nats.Conn) (func() error, error) {
		return glossary.Start(context.Background(), svcmain.Deps{
			NC: nc, Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_SYNC": "false"})), Log: slog.New(slog.DiscardHandler),
		})
	})
}

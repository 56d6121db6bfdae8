package moderation_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestStopEndsTheWatchBeforeTheDrain: stopping the service returns once
// its watch of the cases bucket has ended and deleted its consumer, once.
// Its connection then drains (as svcmain does) without reporting "nats:
// consumer not found": a watch still stopping would delete its consumer
// while the drain deletes it too.
func TestStopEndsTheWatchBeforeTheDrain(t *testing.T) {
	const stream = "KV_" + api.BucketModerationCases
	for i := range 5 { // the races it ends show only sometimes
		s := natstest.RunServer(t)
		nc, asyncErrs := natstest.ConnLoggingErrors(t, s)
		stop, err := moderation.Start(context.Background(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(nil)), Log: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		if n := natstest.Consumers(t, s, stream); n != 1 {
			t.Fatalf("run %d: %d consumers on %s while serving, want the watch's", i, n, stream)
		}
		deletes := natstest.ConsumerDeletes(t, s, stream)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		if n := natstest.Consumers(t, s, stream); n != 0 {
			t.Errorf("run %d: %d consumers on %s once stopped: stop did not wait for the watch", i, n, stream)
		}
		natstest.Drain(t, nc)
		if errs := asyncErrs.Errors(); len(errs) > 0 {
			t.Errorf("run %d: stop and drain reported %q", i, errs)
		}
		if n := deletes(); n != 1 {
			t.Errorf("run %d: the watch's consumer deleted %d times, want once", i, n)
		}
	}
}

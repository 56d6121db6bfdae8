package messages_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestStopEndsTheWatchesBeforeTheDrain: stopping the service returns once
// its watches of the readers, moderation and flags buckets have ended and
// deleted their consumers, each once. Its connection then drains (as
// svcmain does) without reporting "nats: consumer not found": a watch
// still stopping would delete its consumer while the drain deletes it too.
func TestStopEndsTheWatchesBeforeTheDrain(t *testing.T) {
	streams := []string{"KV_" + messages.ReadersBucket, "KV_" + api.BucketMessageModeration, "KV_" + flags.Bucket}
	for i := range 5 { // the races it ends show only sometimes
		s := natstest.RunServer(t)
		nc, asyncErrs := natstest.ConnLoggingErrors(t, s)
		stop, err := messages.Start(context.Background(), svcmain.Deps{
			NC: nc, Env: config.NewReader(config.Map(nil)), Registry: prometheus.NewRegistry(), Log: slog.New(slog.DiscardHandler),
		})
		if err != nil {
			t.Fatal(err)
		}
		deletes := map[string]func() int{}
		for _, st := range streams {
			if n := natstest.Consumers(t, s, st); n != 1 {
				t.Fatalf("run %d: %d consumers on %s while serving, want the watch's", i, n, st)
			}
			deletes[st] = natstest.ConsumerDeletes(t, s, st)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		for _, st := range streams {
			if n := natstest.Consumers(t, s, st); n != 0 {
				t.Errorf("run %d: %d consumers on %s once stopped: stop did not wait for the watch", i, n, st)
			}
		}
		natstest.Drain(t, nc)
		if errs := asyncErrs.Errors(); len(errs) > 0 {
			t.Errorf("run %d: stop and drain reported %q", i, errs)
		}
		for _, st := range streams {
			if n := deletes[st](); n != 1 {
				t.Errorf("run %d: the consumer of %s deleted %d times, want once", i, st, n)
			}
		}
	}
}

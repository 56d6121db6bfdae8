package translate_test

import (
	"testing"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/flags"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/registry"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestStopEndsTheWatchesBeforeTheDrain: stopping the service returns once
// its watches (overrides, routing, flags, registry, experiments) have
// ended and deleted their consumers, each once. Its connection then
// drains (as svcmain does) without reporting "nats: consumer not found":
// a watch still stopping would delete its consumer while the drain
// deletes it too.
func TestStopEndsTheWatchesBeforeTheDrain(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	streams := []string{"KV_parley_translate_overrides", "KV_parley_translate_config", "KV_" + flags.Bucket, "KV_" + registry.Bucket, "KV_" + experiment.Bucket}
	for i := range 5 { // the races it ends show only sometimes
		s := natstest.RunServer(t)
		nc, asyncErrs := natstest.ConnLoggingErrors(t, s)
		stop, err := translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(map[string]string{
			"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(),
		}))})
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

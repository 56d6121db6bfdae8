package translate_test

import (
	"testing"

	"github.com/nats-io/nats.go"

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
// ended (natstest.CheckStopEndsWatches).
func TestStopEndsTheWatchesBeforeTheDrain(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	streams := []string{"KV_parley_translate_overrides", "KV_parley_translate_config", "KV_" + flags.Bucket, "KV_" + registry.Bucket, "KV_" + experiment.Bucket}
	natstest.CheckStopEndsWatches(t, streams, func(nc *nats.Conn) (func() error, error) {
		return translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(map[string]string{
			"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(),
		}))})
	})
}

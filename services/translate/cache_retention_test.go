package translate_test

import (
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestCacheTTLIsCappedAtMessageRetention: translations must not outlive
// the messages retention drops. With MESSAGES_MAX_AGE below
// TRANSLATE_CACHE_TTL (the messages service's setting, which the
// all-in-one process and a deployment that passes it give translate too),
// the shared cache bucket's TTL and the replicas' LRU TTL are capped at it.
func TestCacheTTLIsCappedAtMessageRetention(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantTTL time.Duration
	}{
		{"retention shorter than the cache", map[string]string{"MESSAGES_MAX_AGE": "2m"}, 2 * time.Minute},
		{"retention shorter than a set TTL", map[string]string{"MESSAGES_MAX_AGE": "1h", "TRANSLATE_CACHE_TTL": "24h"}, time.Hour},
		{"retention longer than the cache", map[string]string{"MESSAGES_MAX_AGE": "720h"}, 168 * time.Hour},
		{"retention forever", map[string]string{"MESSAGES_MAX_AGE": "0"}, 168 * time.Hour},
		{"retention not given", nil, 168 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"TRANSLATE_CHAIN": "apertium"}
			for k, v := range tt.env {
				env[k] = v
			}
			cfg, capped := translate.ConfigFromEnv(config.NewReader(config.Map(env))).Cache.Capped()
			if cfg.TTL != tt.wantTTL || cfg.MemoryTTL > cfg.TTL || capped != (tt.wantTTL != 168*time.Hour) {
				t.Fatalf("capped %v: TTL %v, memory TTL %v; want TTL %v", capped, cfg.TTL, cfg.MemoryTTL, tt.wantTTL)
			}
			s := natstest.RunServer(t)
			nc := natstest.Conn(t, s)
			stop, err := translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(env))})
			if err != nil {
				t.Fatalf("start: %v", err)
			}
			t.Cleanup(func() { _ = stop() })
			js, err := jetstream.New(nc)
			if err != nil {
				t.Fatal(err)
			}
			kv, err := js.KeyValue(t.Context(), "parley_translate_cache")
			if err != nil {
				t.Fatal(err)
			}
			st, err := kv.Status(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if st.TTL() != tt.wantTTL {
				t.Fatalf("bucket TTL %v, want %v", st.TTL(), tt.wantTTL)
			}
		})
	}
}

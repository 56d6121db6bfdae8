package translate_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// TestFullCacheIsAMissNotAnError: TRANSLATE_CACHE_MAX_BYTES bounds the
// cache bucket, and a bucket that refuses writes because it is full (one
// an operator set to discard new messages, or whose policy could not be
// changed) costs the cache, never the translation: the claim, the result
// and the index writes fail, and the view is translated all the same.
func TestFullCacheIsAMissNotAnError(t *testing.T) {
	ol := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(esDict)})
	nc := startReplicas(t, 1, map[string]string{
		"TRANSLATE_CHAIN":           "ollama",
		"OLLAMA_HOST":               ol.URL(),
		"TRANSLATE_CACHE_MAX_BYTES": "1048576",
		// No LRU hit between the two requests below: each one goes to
		// the shared cache.
		"TRANSLATE_CACHE_MEMORY_TTL": "1ms",
	})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	st, err := js.Stream(ctx, "KV_parley_translate_cache")
	if err != nil {
		t.Fatal(err)
	}
	cfg := st.CachedInfo().Config
	if cfg.MaxBytes != 1<<20 || cfg.Discard != jetstream.DiscardOld {
		t.Fatalf("cache bucket: max bytes %d, discard %v; want TRANSLATE_CACHE_MAX_BYTES and old", cfg.MaxBytes, cfg.Discard)
	}
	// Full, and refusing what does not fit.
	cfg.Discard = jetstream.DiscardNew
	if _, err := js.UpdateStream(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	// Large values first, then ever smaller ones, until not even a byte
	// fits.
	n := 0
	for _, size := range []int{16 << 10, 1 << 10, 64, 1} {
		for ; ; n++ {
			_, err := js.Publish(ctx, fmt.Sprintf("$KV.parley_translate_cache.filler%06d", n), []byte(strings.Repeat("x", size)))
			if err == nil {
				continue
			}
			if !strings.Contains(err.Error(), "maximum bytes") {
				t.Fatalf("filling the bucket: %v", err)
			}
			break
		}
	}
	c := client.Translate{NC: nc}
	for i := range 2 {
		resp, err := c.Translate(ctx, api.TranslateRequest{Text: "Good morning, everyone!", Source: "en", Target: "es", MessageID: "m1", ConversationID: "c1"})
		if err != nil {
			t.Fatalf("request %d with a full cache: %v", i, err)
		}
		if resp.Status != api.StatusTranslated || resp.Text != "¡Buenos días a todos!" {
			t.Fatalf("request %d with a full cache: %+v", i, resp)
		}
	}
	// The cache's writes were refused indeed: it holds only the filler.
	kv, err := js.KeyValue(ctx, "parley_translate_cache")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := kv.ListKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k := range keys.Keys() {
		if !strings.HasPrefix(k, "filler") {
			t.Errorf("the full bucket took %s", k)
		}
	}
}

// TestCacheMaxBytesIsChecked: a bound below 1 MiB, or not a number, is a
// configuration error, not a cache that holds nothing.
func TestCacheMaxBytesIsChecked(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	for _, v := range []string{"0", "-1", "1000", "2GiB"} {
		stop, err := translate.Start(t.Context(), svcmain.Deps{NC: nc, Env: config.NewReader(config.Map(map[string]string{"TRANSLATE_CACHE_MAX_BYTES": v}))})
		if err == nil {
			_ = stop()
			t.Errorf("Start accepted TRANSLATE_CACHE_MAX_BYTES=%s", v)
		} else if !strings.Contains(err.Error(), "TRANSLATE_CACHE_MAX_BYTES") {
			t.Errorf("TRANSLATE_CACHE_MAX_BYTES=%s: the error does not name the setting: %v", v, err)
		}
	}
}

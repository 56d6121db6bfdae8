package natskv_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/services/translate/cache/natskv"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestCacheBucketIsBounded: the cache bucket has a byte bound (by default
// DefaultMaxBytes), and a full one drops its oldest translations for new
// ones: every write, claim and delete still succeeds, the newest entries
// are there and the bucket stays within its bound. Unbounded, a week of
// unique views filled the file store every stream on the node shares.
func TestCacheBucketIsBounded(t *testing.T) {
	s := natstest.RunServer(t)
	js, err := jetstream.New(natstest.Conn(t, s))
	if err != nil {
		t.Fatal(err)
	}
	// Some 3,000 writes to a file store that drops old messages: a slow
	// machine under -race takes a while.
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	info := func(bucket string) *jetstream.StreamInfo {
		t.Helper()
		st, err := js.Stream(ctx, "KV_"+bucket)
		if err != nil {
			t.Fatal(err)
		}
		i, err := st.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return i
	}

	def, err := natskv.Open(ctx, js, natskv.Config{Bucket: "default_cache", OverrideBucket: "default_overrides"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	def.Close()
	if cfg := info("default_cache").Config; cfg.MaxBytes != natskv.DefaultMaxBytes || cfg.Discard != jetstream.DiscardOld {
		t.Fatalf("default bucket: max bytes %d, discard %v; want %d, old", cfg.MaxBytes, cfg.Discard, natskv.DefaultMaxBytes)
	}

	const bound = 64 << 10
	// Each claim's write gives up after a third of ClaimTTL: 10 s (the
	// default) leaves each of the thousand claims room on a busy machine.
	st, err := natskv.Open(ctx, js, natskv.Config{MaxBytes: bound, ClaimTTL: 10 * time.Second}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	text := strings.Repeat("una traducción bastante larga ", 8) // ~250 bytes, as a cached view
	const n = 2000                                              // ~600 KB: ten times the bound
	for i := range n {
		key := fmt.Sprintf("t.%04d", i)
		if i%2 == 0 {
			if err := st.Put(ctx, key, cache.Entry{Text: text}); err != nil {
				t.Fatalf("put %d into a full cache: %v", i, err)
			}
			continue
		}
		_, _, claim, err := st.Acquire(ctx, key)
		if err != nil {
			t.Fatalf("claim %d in a full cache: %v", i, err)
		}
		if err := claim.Fulfil(ctx, cache.Entry{Text: text}); err != nil {
			t.Fatalf("fulfil %d in a full cache: %v", i, err)
		}
	}
	if err := st.Delete(ctx, fmt.Sprintf("t.%04d", n-1)); err != nil {
		t.Fatalf("delete in a full cache: %v", err)
	}
	i := info("parley_translate_cache")
	if i.Config.MaxBytes != bound || i.State.Bytes > bound {
		t.Fatalf("bucket holds %d bytes with a bound of %d, want at most %d", i.State.Bytes, i.Config.MaxBytes, bound)
	}
	if _, ok, err := st.Get(ctx, "t.0000"); ok || err != nil {
		t.Errorf("the oldest entry is still there (%v, %v)", ok, err)
	}
	if e, ok, err := st.Get(ctx, fmt.Sprintf("t.%04d", n-2)); !ok || err != nil || e.Text != text {
		t.Errorf("the newest entry is missing: %+v %v %v", e, ok, err)
	}
}

package kvstore_test

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/kvstore"
	"github.com/parley-chat/parley/shared/natstest"
)

func parseInt(_ string, data []byte) (int, error) { return strconv.Atoi(string(data)) }

func TestStore(t *testing.T) {
	srv := natstest.RunServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	writer, err := kvstore.Open(ctx, natstest.Conn(t, srv), "test-bucket", "test", parseInt, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = writer.Close() })
	if _, err := writer.Put(ctx, "a", []byte("1")); err != nil {
		t.Fatal(err)
	}
	// A late joiner loads the existing values before Open returns.
	reader, err := kvstore.Open(ctx, natstest.Conn(t, srv), "test-bucket", "test", parseInt, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = reader.Close() })
	if v, ok := reader.Get("a"); !ok || v != 1 {
		t.Fatalf("a = %v, %v", v, ok)
	}
	var changes atomic.Int32
	reader.OnChange(func(string) { changes.Add(1) })
	// The watch delivers a change a moment after the write; on a busy
	// machine (-race, other test binaries) that moment can exceed a
	// second, so the wait is generous.
	poll := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within 10s", what)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}

	t.Run("unparsable value is absent", func(t *testing.T) {
		if _, err := writer.Put(ctx, "a", []byte("x")); err != nil {
			t.Fatal(err)
		}
		poll("a rejected", func() bool { _, ok := reader.Get("a"); return !ok })
		// OnChange runs after the value is gone from the map, so it is
		// awaited too rather than read at once (a flaky failure in CI).
		poll("OnChange called", func() bool { return changes.Load() > 0 })
	})
	t.Run("update checks the revision", func(t *testing.T) {
		if _, err := writer.Put(ctx, "b", []byte("2")); err != nil {
			t.Fatal(err)
		}
		v, rev, ok, err := writer.Load(ctx, "b")
		if err != nil || !ok || v != 2 {
			t.Fatalf("load: %v %v %v", v, ok, err)
		}
		if _, err := writer.Update(ctx, "b", []byte("3"), rev); err != nil {
			t.Fatal(err)
		}
		if _, err := writer.Update(ctx, "b", []byte("4"), rev); !errors.Is(err, kvstore.ErrConflict) {
			t.Fatalf("stale update: %v", err)
		}
		if _, err := writer.Update(ctx, "b", []byte("5"), 0); !errors.Is(err, kvstore.ErrConflict) {
			t.Fatalf("create over an existing key: %v", err)
		}
		poll("b = 3", func() bool { v, _ := reader.Get("b"); return v == 3 })
		if _, _, ok, err := writer.Load(ctx, "missing"); ok || err != nil {
			t.Fatalf("missing key: %v %v", ok, err)
		}
	})
	t.Run("modify retries a concurrent change", func(t *testing.T) {
		if _, err := writer.Put(ctx, "c", []byte("10")); err != nil {
			t.Fatal(err)
		}
		calls := 0
		v, wrote, err := writer.Modify(ctx, "c", func(v *int) (bool, error) {
			calls++
			if calls == 1 { // another writer gets in between the read and the write
				if _, err := reader.Put(ctx, "c", []byte("20")); err != nil {
					t.Fatal(err)
				}
			}
			*v++
			return true, nil
		})
		if err != nil || !wrote || v != 21 || calls != 2 {
			t.Fatalf("modify: %v %v %v after %d calls", v, wrote, err, calls)
		}
		if v, _, _, _ := writer.Load(ctx, "c"); v != 21 {
			t.Fatalf("stored %d", v)
		}
		if _, wrote, err := writer.Modify(ctx, "c", func(*int) (bool, error) { return false, nil }); wrote || err != nil {
			t.Fatalf("no change: %v %v", wrote, err)
		}
		stop := errors.New("stop")
		if _, _, err := writer.Modify(ctx, "c", func(*int) (bool, error) { return true, stop }); err != stop {
			t.Fatalf("change's error: %v", err)
		}
		if _, _, err := writer.Modify(ctx, "missing", func(*int) (bool, error) { return true, nil }); !errors.Is(err, kvstore.ErrNotFound) {
			t.Fatalf("missing key: %v", err)
		}
		if err := writer.Delete(ctx, "c"); err != nil {
			t.Fatal(err)
		}
		poll("c deleted", func() bool { _, ok := reader.Get("c"); return !ok })
	})
	t.Run("delete", func(t *testing.T) {
		if err := writer.Delete(ctx, "b"); err != nil {
			t.Fatal(err)
		}
		poll("b deleted", func() bool { _, ok := reader.Get("b"); return !ok })
		if len(reader.All()) != 0 || reader.Revision() == 0 {
			t.Fatalf("all %v, revision %d", reader.All(), reader.Revision())
		}
	})
}

// TestOpenRaisesReplicas: a bucket created with one replica (by `parley
// registry` or a service run without PARLEY_JS_REPLICAS) is raised to the
// replicas a process opening it is configured with, on a 3-node cluster;
// its history stays what it was created with, and a process configured
// with fewer leaves the 3.
func TestOpenRaisesReplicas(t *testing.T) {
	servers := natstest.RunCluster(t, 3)
	nc, err := nats.Connect(natstest.ClusterURL(servers))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	replicas := func() (int, uint8) {
		t.Helper()
		js, _ := jetstream.New(nc)
		st, err := js.Stream(ctx, "KV_test-bucket")
		if err != nil {
			t.Fatal(err)
		}
		cfg := st.CachedInfo().Config
		return cfg.Replicas, uint8(cfg.MaxMsgsPerSubject)
	}
	first, err := kvstore.Open(ctx, nc, "test-bucket", "test", parseInt, nil, kvstore.History(7))
	if err != nil {
		t.Fatal(err)
	}
	_ = first.Close()
	if r, h := replicas(); r != 1 || h != 7 {
		t.Fatalf("created with %d replicas and history %d, want 1 and 7", r, h)
	}
	for _, n := range []int{3, 1} {
		s, err := kvstore.Open(ctx, nc, "test-bucket", "test", parseInt, nil, kvstore.Replicas(n))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Put(ctx, "a", []byte("1")); err != nil {
			t.Fatalf("put: %v", err)
		}
		_ = s.Close()
		if r, h := replicas(); r != 3 || h != 7 {
			t.Errorf("opened with Replicas(%d): %d replicas and history %d, want 3 and 7", n, r, h)
		}
	}
}

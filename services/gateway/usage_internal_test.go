package gateway

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/natstest"
)

// countedUsage counts the writes that reach the counter store.
type countedUsage struct {
	usageCounter
	writes atomic.Int64
	fail   error
}

func (c *countedUsage) add(ctx context.Context, keyID string, month time.Time, n int64) error {
	c.writes.Add(1)
	if c.fail != nil {
		return c.fail
	}
	return c.usageCounter.add(ctx, keyID, month, n)
}

func kvUsageForTest(tb testing.TB) *kvUsage {
	tb.Helper()
	nc := natstest.Conn(tb, natstest.RunServer(tb))
	kv, err := keyValue(tb.Context(), nc, UsageBucket, "test", 1, usageTTL, 1)
	if err != nil {
		tb.Fatal(err)
	}
	return &kvUsage{kv: kv}
}

// A burst of adds to one counter (a group chat's readers, all through one
// app key) is stored exactly, in fewer writes than adds.
func TestGroupUsageBurst(t *testing.T) {
	inner := &countedUsage{usageCounter: kvUsageForTest(t)}
	u := newGroupUsage(inner, nil)
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	const adds = 64
	var wg sync.WaitGroup
	var want int64
	for i := range adds {
		want += int64(i + 1)
		wg.Go(func() {
			key := "app"
			if i%8 == 0 {
				key = "other" // a second counter goes alongside
			}
			if err := u.add(t.Context(), key, month, int64(i+1)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	app, err := u.get(t.Context(), "app", month)
	if err != nil {
		t.Fatal(err)
	}
	other, err := inner.get(t.Context(), "other", month)
	if err != nil {
		t.Fatal(err)
	}
	if app+other != want {
		t.Fatalf("stored %d + %d, want %d in all", app, other, want)
	}
	if w := inner.writes.Load(); w >= adds {
		t.Fatalf("%d writes for %d adds: nothing was merged", w, adds)
	}
	u.mu.Lock()
	left := len(u.slots)
	u.mu.Unlock()
	if left != 0 {
		t.Fatalf("%d counters still queued after every add returned", left)
	}
}

// A write that keeps failing past retryFor fails every add it carried:
// none is reported counted.
func TestGroupUsageFailure(t *testing.T) {
	boom := errors.New("bucket unavailable")
	inner := &countedUsage{usageCounter: &memUsage{}, fail: boom}
	u := newGroupUsage(inner, nil)
	u.retryFor = 0
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if err := u.add(t.Context(), "app", time.Now(), 5); !errors.Is(err, boom) {
				t.Errorf("add = %v, want %v", err, boom)
			}
		})
	}
	wg.Wait()
	// A caller that gives up does not stop the write for the others.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := u.add(ctx, "app", time.Now(), 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("add with a canceled context = %v", err)
	}
}

// BenchmarkUsageAdd: concurrent adds to one counter, as the readers of a
// group chat make them through one app key. "baseline" is one
// compare-and-set per add (kvUsage alone); "group" merges the adds queued
// while a write is in flight (groupUsage). lost/op is the share of adds
// that failed (kvUsage gives up after 20 conflicts in a row).
func BenchmarkUsageAdd(b *testing.B) {
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		wrap func(usageCounter) usageCounter
	}{
		{"baseline", func(u usageCounter) usageCounter { return u }},
		{"group", func(u usageCounter) usageCounter { return newGroupUsage(u, nil) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			u := tc.wrap(kvUsageForTest(b))
			var lost atomic.Int64
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := u.add(context.Background(), "app", month, 1); err != nil {
						lost.Add(1)
					}
				}
			})
			b.ReportMetric(float64(lost.Load())/float64(b.N), "lost/op")
		})
	}
}

// flakyUsage refuses its first writes, as a bucket does while JetStream
// elects a new leader.
type flakyUsage struct {
	usageCounter
	mu    sync.Mutex
	fails int
}

func (f *flakyUsage) add(ctx context.Context, keyID string, month time.Time, n int64) error {
	f.mu.Lock()
	fail := f.fails > 0
	f.fails--
	f.mu.Unlock()
	if fail {
		return errors.New("nats: no response from stream")
	}
	return f.usageCounter.add(ctx, keyID, month, n)
}

// Characters queued while the bucket refuses writes are counted once it
// takes them again: nothing served during a leader change goes uncounted.
func TestGroupUsageRetriesThroughAnOutage(t *testing.T) {
	inner := &flakyUsage{usageCounter: &memUsage{}, fails: 4}
	u := newGroupUsage(inner, nil)
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	// Callers that stop waiting (the gateway waits 2 s) leave their
	// characters queued.
	var want int64
	for i := range 20 {
		ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
		_ = u.add(ctx, "app", month, int64(i+1))
		cancel()
		want += int64(i + 1)
	}
	// An add that waits is stored with the queued ones.
	if err := u.add(t.Context(), "app", month, 100); err != nil {
		t.Fatalf("add through the outage: %v", err)
	}
	want += 100
	deadline := time.Now().Add(10 * time.Second)
	for {
		u.mu.Lock()
		left := len(u.slots)
		u.mu.Unlock()
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the queue never drained")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got, _ := inner.get(t.Context(), "app", month); got != want {
		t.Fatalf("stored %d, want %d", got, want)
	}
}

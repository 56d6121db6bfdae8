package cache

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

func TestLRU(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Unix(1000, 0).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	l := NewLRU(2, time.Minute, now)
	l.Add("a", Entry{Text: "A"})
	l.Add("b", Entry{Text: "B"})
	if _, ok := l.Get("a"); !ok { // a becomes the most recent
		t.Fatal("a missing")
	}
	l.Add("c", Entry{Text: "C"}) // evicts b, the least recently used
	if _, ok := l.Get("b"); ok {
		t.Error("b survived eviction")
	}
	if e, ok := l.Get("a"); !ok || e.Text != "A" {
		t.Errorf("a = %+v %v", e, ok)
	}
	l.Add("a", Entry{Text: "A2"})
	if e, _ := l.Get("a"); e.Text != "A2" || l.Len() != 2 {
		t.Errorf("update: %+v len %d", e, l.Len())
	}
	l.Remove("a")
	if _, ok := l.Get("a"); ok {
		t.Error("a survived Remove")
	}
	clock.Add(int64(2 * time.Minute))
	if _, ok := l.Get("c"); ok {
		t.Error("c survived its TTL")
	}
}

func TestCacheLayers(t *testing.T) {
	ctx := context.Background()
	shared := NewMemory()
	a := New(Config{}, shared, nil)
	b := New(Config{}, shared, nil) // another replica
	if _, _, ok := a.Get(ctx, "t.1"); ok {
		t.Fatal("hit on an empty cache")
	}
	a.Put(ctx, "t.1", Entry{Text: "uno"}, "m.1")
	if e, src, ok := a.Get(ctx, "t.1"); !ok || src != FromMemory || e.Text != "uno" {
		t.Errorf("a: %+v %s %v", e, src, ok)
	}
	if e, src, ok := b.Get(ctx, "t.1"); !ok || src != FromShared || e.Text != "uno" {
		t.Errorf("b: %+v %s %v", e, src, ok)
	}
	if _, src, _ := b.Get(ctx, "t.1"); src != FromMemory {
		t.Errorf("b did not keep the shared entry in memory: %s", src)
	}
	a.Put(ctx, "t.2", Entry{Text: "dos"}, "m.1")
	n, err := a.Invalidate(ctx, "m.1")
	if err != nil || n != 2 {
		t.Fatalf("invalidate = %d, %v", n, err)
	}
	if _, _, ok := a.Get(ctx, "t.1"); ok {
		t.Error("t.1 survived invalidation on a")
	}
	if _, ok, _ := shared.Get(ctx, "t.2"); ok {
		t.Error("t.2 survived invalidation in the shared cache")
	}
	// b's LRU is told by the shared cache's watcher (natskv); with
	// Memory, a Forget stands for it.
	b.Forget("t.1")
	if _, _, ok := b.Get(ctx, "t.1"); ok {
		t.Error("t.1 survived Forget on b")
	}
	if err := a.SetOverride(ctx, "o.1", &Entry{Text: "corregido", Moderator: "mod"}); err != nil {
		t.Fatal(err)
	}
	if e, ok := b.Override("o.1"); !ok || e.Text != "corregido" {
		t.Errorf("override on b = %+v %v", e, ok)
	}
	if err := a.SetOverride(ctx, "o.1", nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Override("o.1"); ok {
		t.Error("override survived removal")
	}
}

func TestNilCache(t *testing.T) {
	var c *Cache
	ctx := context.Background()
	c.Put(ctx, "k", Entry{}, "i")
	if _, _, ok := c.Get(ctx, "k"); ok {
		t.Error("nil cache hit")
	}
	if _, ok := c.Override("k"); ok {
		t.Error("nil cache override")
	}
	if n, err := c.Invalidate(ctx, "i"); n != 0 || err != nil {
		t.Errorf("invalidate = %d %v", n, err)
	}
}

func TestAppendKey(t *testing.T) {
	var keys []string
	for i := range MaxIndexed + 10 {
		keys = AppendKey(keys, fmt.Sprint(i))
	}
	keys = AppendKey(keys, fmt.Sprint(MaxIndexed+9))
	if len(keys) != MaxIndexed || keys[0] != "10" || keys[len(keys)-1] != fmt.Sprint(MaxIndexed+9) {
		t.Errorf("len %d first %s last %s", len(keys), keys[0], keys[len(keys)-1])
	}
}

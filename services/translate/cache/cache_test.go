package cache

import (
	"context"
	"fmt"
	"testing"
)

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

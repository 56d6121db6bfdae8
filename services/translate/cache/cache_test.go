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

// TestMarkIndexed: a reader's mark on a key lasts until the key is
// deleted (Forget, ForgetAll) or the write failed (UnmarkIndexed); a key
// keeps its latest maxIndexed readers; another tenant's message of the
// same ids is another reader.
func TestMarkIndexed(t *testing.T) {
	c := New(Config{}, NewMemory(), nil)
	steps := []struct {
		do     func()
		reader string
		want   bool // MarkIndexed's answer
	}{
		{nil, "m1", false},
		{nil, "m1", true},
		{nil, "m2", false},
		{func() { c.Forget("t.1") }, "m1", false},
		{func() { c.UnmarkIndexed("t.1", Reader{"", "c1", "m1"}) }, "m1", false},
		{func() { c.Forget("t.other") }, "m1", true},
		{func() { c.ForgetAll() }, "m1", false},
		{func() {
			for i := range maxIndexed {
				c.MarkIndexed("t.1", Reader{"", "c1", fmt.Sprint("r", i)})
			}
		}, "m1", false}, // pushed out by maxIndexed later readers
		{nil, fmt.Sprint("r", maxIndexed-1), true},
	}
	for i, s := range steps {
		if s.do != nil {
			s.do()
		}
		if got := c.MarkIndexed("t.1", Reader{"", "c1", s.reader}); got != s.want {
			t.Errorf("step %d: MarkIndexed(%q) = %v, want %v", i, s.reader, got, s.want)
		}
	}
	if c.MarkIndexed("t.1", Reader{"", "c2", fmt.Sprint("r", maxIndexed-1)}) {
		t.Error("another conversation's message counted as marked")
	}
	if c.MarkIndexed("t.1", Reader{"acme", "c1", fmt.Sprint("r", maxIndexed-1)}) {
		t.Error("another tenant's message of the same ids counted as marked")
	}
	if !c.MarkIndexed("t.1", Reader{"acme", "c1", fmt.Sprint("r", maxIndexed-1)}) {
		t.Error("a tenant's message not marked")
	}
	if !New(Config{}, nil, nil).MarkIndexed("t.1", Reader{"", "c1", "m1"}) {
		t.Error("a cache without a shared one asked for an index write")
	}
}

// BenchmarkMarkIndexed is the cost a cache hit for a message pays once
// the message is indexed (every hit but its first).
func BenchmarkMarkIndexed(b *testing.B) {
	c := New(Config{}, NewMemory(), nil)
	for i := range maxIndexed {
		c.MarkIndexed("t.1", Reader{"acme", "c1", fmt.Sprint("m", i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		if !c.MarkIndexed("t.1", Reader{"acme", "c1", "m7"}) {
			b.Fatal("not marked")
		}
	}
}

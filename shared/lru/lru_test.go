package lru_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/lru"
)

func TestLRU(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Unix(1000, 0).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	l := lru.New[string, string](2, time.Minute, now)
	l.Add("a", "A")
	l.Add("b", "B")
	if _, ok := l.Get("a"); !ok { // a becomes the most recent
		t.Fatal("a missing")
	}
	l.Add("c", "C") // evicts b, the least recently used
	if _, ok := l.Get("b"); ok {
		t.Error("b survived eviction")
	}
	if v, ok := l.Get("a"); !ok || v != "A" {
		t.Errorf("a = %q %v", v, ok)
	}
	l.Add("a", "A2")
	if v, _ := l.Get("a"); v != "A2" || l.Len() != 2 {
		t.Errorf("update: %q len %d", v, l.Len())
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

package natsstore_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

func open(t *testing.T) *natsstore.Store {
	t.Helper()
	nc := natstest.Conn(t, natstest.RunServer(t))
	s, err := natsstore.Open(ctx(t), nc, natsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func version(id string, n int) api.GlossaryVersion {
	return api.GlossaryVersion{Glossary: id, Version: n, Author: "t", Action: "update", Hash: fmt.Sprint("h", n), Time: time.Unix(int64(n), 0).UTC()}
}

// More versions than a KV key's history can hold (64) are all kept.
func TestHistoryIsNotCapped(t *testing.T) {
	s := open(t)
	const n = 70
	rev := uint64(0)
	for i := 1; i <= n; i++ {
		if err := s.Commit(ctx(t), version("g", i), rev); err != nil {
			t.Fatalf("commit %d: %v", i, err)
		}
		var err error
		if _, rev, err = s.Head(ctx(t), "g"); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := s.Versions(ctx(t), "g")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != n || vs[0].Version != 1 || vs[n-1].Version != n {
		t.Fatalf("%d versions kept (first %d), want %d", len(vs), vs[0].Version, n)
	}
	v1, err := s.Version(ctx(t), "g", 1)
	if err != nil || v1.Hash != "h1" {
		t.Errorf("version 1 = %+v %v", v1, err)
	}
}

func TestCommitIsCompareAndSet(t *testing.T) {
	s := open(t)
	if err := s.Commit(ctx(t), version("g", 1), 0); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx(t), version("g", 1), 0); api.ErrorCode(err) != api.CodeConflict {
		t.Errorf("second create: %v", err)
	}
	_, rev, _ := s.Head(ctx(t), "g")
	// Two writers from the same head: exactly one wins.
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins int
	)
	for range 4 {
		wg.Go(func() {
			if err := s.Commit(context.Background(), version("g", 2), rev); err == nil {
				mu.Lock()
				wins++
				mu.Unlock()
			} else if api.ErrorCode(err) != api.CodeConflict {
				t.Errorf("commit: %v", err)
			}
		})
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d writers won", wins)
	}
	if _, _, err := s.Head(ctx(t), "other"); api.ErrorCode(err) != api.CodeNotFound {
		t.Errorf("missing head: %v", err)
	}
	if _, err := s.Version(ctx(t), "g", 9); api.ErrorCode(err) != api.CodeNotFound {
		t.Errorf("missing version: %v", err)
	}
}

func TestDocsMarksTransfer(t *testing.T) {
	s := open(t)
	big := bytes.Repeat([]byte("glossary "), 300_000) // several chunks
	if err := s.PutDoc(ctx(t), "abc", big); err != nil {
		t.Fatal(err)
	}
	if err := s.PutDoc(ctx(t), "abc", big); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetDoc(ctx(t), "abc")
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("doc round trip: %d bytes, %v", len(got), err)
	}
	if _, err := s.GetDoc(ctx(t), "nope"); api.ErrorCode(err) != api.CodeNotFound {
		t.Errorf("missing doc: %v", err)
	}
	if m, _ := s.SyncMark(ctx(t), "g"); m != "" {
		t.Errorf("mark before any = %q", m)
	}
	if err := s.SetSyncMark(ctx(t), "g", "h1"); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.SyncMark(ctx(t), "g"); m != "h1" {
		t.Errorf("mark = %q", m)
	}
	name, err := s.PutTransfer(ctx(t), []byte("file"))
	if err != nil {
		t.Fatal(err)
	}
	if data, err := s.TakeTransfer(ctx(t), name); err != nil || string(data) != "file" {
		t.Fatalf("take = %q %v", data, err)
	}
	if _, err := s.TakeTransfer(ctx(t), name); api.ErrorCode(err) != api.CodeNotFound {
		t.Errorf("second take: %v", err)
	}
	if _, err := s.TakeTransfer(ctx(t), "../x"); api.ErrorCode(err) != api.CodeInvalidArgument {
		t.Errorf("bad name: %v", err)
	}
}

func TestWatchDeliversInitialThenUpdates(t *testing.T) {
	s := open(t)
	if err := s.Commit(ctx(t), version("a", 1), 0); err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		seen []string
	)
	wctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Watch(wctx, func(v api.GlossaryVersion) {
		mu.Lock()
		seen = append(seen, fmt.Sprintf("%s@%d", v.Glossary, v.Version))
		mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	initial := fmt.Sprint(seen)
	mu.Unlock()
	if initial != "[a@1]" {
		t.Fatalf("initial = %s", initial)
	}
	_, rev, _ := s.Head(ctx(t), "a")
	if err := s.Commit(ctx(t), version("a", 2), rev); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		got := fmt.Sprint(seen)
		mu.Unlock()
		if got == "[a@1 a@2]" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("seen = %s", got)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestTenantIndexIsCompareAndSet: the first write of a tenant's index
// must find none, each next one the revision it read; a stale revision
// is a conflict, and tenants' indexes are apart whatever their ids hold.
func TestTenantIndexIsCompareAndSet(t *testing.T) {
	s := open(t)
	for _, tenant := range []string{"acme", "acme corp/ü.*>"} {
		data, rev, err := s.TenantIndex(ctx(t), tenant)
		if err != nil || data != nil || rev != 0 {
			t.Fatalf("%q: no index yet: %q %d %v", tenant, data, rev, err)
		}
		if err := s.PutTenantIndex(ctx(t), tenant, []byte(`{"ids":{}}`), 0); err != nil {
			t.Fatalf("%q: first write: %v", tenant, err)
		}
		if err := s.PutTenantIndex(ctx(t), tenant, []byte(`{"ids":{"x":"0001-01-01T00:00:00Z"}}`), 0); api.ErrorCode(err) != api.CodeConflict {
			t.Fatalf("%q: a second first write: %v", tenant, err)
		}
		data, rev, err = s.TenantIndex(ctx(t), tenant)
		if err != nil || string(data) != `{"ids":{}}` || rev == 0 {
			t.Fatalf("%q: read back %q %d %v", tenant, data, rev, err)
		}
		if err := s.PutTenantIndex(ctx(t), tenant, []byte(`{"ids":{"a":"0001-01-01T00:00:00Z"}}`), rev); err != nil {
			t.Fatalf("%q: update at the revision read: %v", tenant, err)
		}
		if err := s.PutTenantIndex(ctx(t), tenant, []byte(`{"ids":{"b":"0001-01-01T00:00:00Z"}}`), rev); api.ErrorCode(err) != api.CodeConflict {
			t.Fatalf("%q: update at a stale revision: %v", tenant, err)
		}
	}
}

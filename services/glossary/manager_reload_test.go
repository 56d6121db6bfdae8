package glossary

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// replicaOn starts a manager over st, as a glossary replica would, and
// stops it (waiting for its background work) when the test ends.
func replicaOn(t *testing.T, st Store, cfg ManagerConfig) *Manager {
	t.Helper()
	cfg.Store, cfg.Log = st, slog.New(slog.DiscardHandler)
	m := NewManager(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); m.Wait() })
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return m
}

// inUse is the version of id a manager serves (0: none).
func inUse(m *Manager, id string) int {
	if g := m.Set().Get(id); g != nil {
		return g.Version
	}
	return 0
}

// TestVersionWhoseDocumentIsLateIsLoaded: a head that reaches a replica
// before its document does (the object store's replica it reads from is
// behind: a NATS node stopped while the glossary was written) is loaded
// once the document is there, instead of the old version staying in use
// until the glossary next changes.
func TestVersionWhoseDocumentIsLateIsLoaded(t *testing.T) {
	srv := natstest.RunServer(t)
	open := func() *natsstore.Store {
		st, err := natsstore.Open(bg(t), natstest.Conn(t, srv), natsstore.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(st.Close)
		return st
	}
	writer := replicaOn(t, open(), ManagerConfig{})
	readerStore := open()
	reader := replicaOn(t, readerStore, ManagerConfig{RetryMin: 20 * time.Millisecond, RetryMax: 200 * time.Millisecond})
	mustCreate(t, writer, api.Glossary{ID: "st", Entries: []api.GlossaryEntry{entry("t", "en", "thread", "es", "hilo")}})
	waitFor(t, func() bool { return inUse(reader, "st") == 1 })

	// Version 2's head is committed, and its document is not readable yet.
	g, err := fromDoc(api.Glossary{ID: "st", Languages: []string{"en", "es"}, Entries: []api.GlossaryEntry{entry("t", "en", "thread", "es", "hilo"), entry("m", "en", "message", "es", "mensaje")}})
	if err != nil {
		t.Fatal(err)
	}
	doc, hash, err := encode(g.Doc())
	if err != nil {
		t.Fatal(err)
	}
	head, rev, err := readerStore.Head(bg(t), "st")
	if err != nil {
		t.Fatal(err)
	}
	v2 := api.GlossaryVersion{Glossary: "st", Version: 2, Hash: hash, Entries: 2, Author: "lena", Action: "update", Created: head.Created, Time: time.Now().UTC()}
	if err := readerStore.Commit(bg(t), v2, rev); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // several failed loads
	if v := inUse(reader, "st"); v != 1 {
		t.Fatalf("version %d in use before its document exists", v)
	}
	if err := readerStore.PutDoc(bg(t), hash, doc); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return inUse(reader, "st") == 2 && inUse(writer, "st") == 2 })
	if n := len(reader.Set().Get("st").Entries); n != 2 {
		t.Fatalf("version 2 in use with %d entries, want 2", n)
	}
}

// missingWatch is a Store whose watch never delivers the heads drop
// selects, as a watch that missed them.
type missingWatch struct {
	Store
	drop func(api.GlossaryVersion) bool
}

func (s missingWatch) Watch(ctx context.Context, fn func(api.GlossaryVersion)) error {
	return s.Store.Watch(ctx, func(v api.GlossaryVersion) {
		if !s.drop(v) {
			fn(v)
		}
	})
}

// TestHeadsAreReconciled: a head the watch did not deliver is brought in
// use by the periodic check against the store's heads.
func TestHeadsAreReconciled(t *testing.T) {
	srv := natstest.RunServer(t)
	st, err := natsstore.Open(bg(t), natstest.Conn(t, srv), natsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	writer := replicaOn(t, st, ManagerConfig{})
	reader := replicaOn(t, missingWatch{st, func(v api.GlossaryVersion) bool { return v.Version > 1 }}, ManagerConfig{ReconcileEvery: 100 * time.Millisecond})
	mustCreate(t, writer, api.Glossary{ID: "st", Entries: []api.GlossaryEntry{entry("t", "en", "thread", "es", "hilo")}})
	waitFor(t, func() bool { return inUse(reader, "st") == 1 })
	if _, err := writer.PutEntry(bg(t), &api.GlossaryEntryPutRequest{ID: "st", Author: "lena", Entry: entry("m", "en", "message", "es", "mensaje")}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return inUse(reader, "st") == 2 })
}

package jsstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

func TestStore(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ns := natstest.RunServer(t)
	a, err := jsstore.Open(ctx, natstest.Conn(t, ns), jsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := jsstore.Open(ctx, natstest.Conn(t, ns), jsstore.Config{}) // another replica
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	c := &api.Case{ID: "c1", Status: api.CaseOpen, Original: "x"}
	created, rev, err := a.Create(ctx, c)
	if err != nil || !created || rev == 0 {
		t.Fatalf("create: %v %d %v", created, rev, err)
	}
	if created, _, err := b.Create(ctx, c); err != nil || created {
		t.Fatalf("second create: %v %v", created, err)
	}

	t.Run("updates are revision-checked", func(t *testing.T) {
		c2 := *c
		c2.Status = api.CaseClaimed
		rev2, err := b.Update(ctx, &c2, rev)
		if err != nil || rev2 <= rev {
			t.Fatalf("update: %d %v", rev2, err)
		}
		if _, err := a.Update(ctx, c, rev); api.ErrorCode(err) != api.CodeConflict {
			t.Fatalf("stale update: %v, want conflict", err)
		}
		got, err := a.Get(ctx, "c1")
		if err != nil || got.Status != api.CaseClaimed || got.Revision != rev2 {
			t.Fatalf("get: %+v %v", got, err)
		}
		if _, err := a.Get(ctx, "nope"); api.ErrorCode(err) != api.CodeNotFound {
			t.Fatalf("get unknown: %v", err)
		}
	})

	t.Run("every replica's mirror follows the bucket", func(t *testing.T) {
		deadline := time.Now().Add(10 * time.Second)
		for {
			cs := a.Cases()
			if len(cs) == 1 && cs[0].Status == api.CaseClaimed {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("mirror of a: %+v", cs)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})

	t.Run("audit pages and filters", func(t *testing.T) {
		at := time.Now().UTC()
		entries := []api.AuditEntry{
			{CaseID: "c1", Action: api.AuditCreate, Actor: "system", At: at, Revision: 1},
			{CaseID: "c2", Action: api.AuditCreate, Actor: "system", At: at, Revision: 1},
			{CaseID: "c1", Action: api.AuditClaim, Actor: "alice", At: at, Revision: 2},
		}
		if err := a.Append(ctx, entries...); err != nil {
			t.Fatal(err)
		}
		if err := a.Append(ctx, entries[2]); err != nil { // a retry is stored once
			t.Fatal(err)
		}
		list := func(req api.AuditListRequest) []api.AuditEntry {
			t.Helper()
			res, err := b.Audit(ctx, req, 1<<20)
			if err != nil {
				t.Fatalf("audit %+v: %v", req, err)
			}
			return res.Entries
		}
		all := list(api.AuditListRequest{Limit: 100})
		if len(all) != 3 {
			t.Fatalf("all: %+v", all)
		}
		if one := list(api.AuditListRequest{CaseID: "c1", Limit: 100}); len(one) != 2 || one[1].Actor != "alice" {
			t.Fatalf("c1: %+v", one)
		}
		if page := list(api.AuditListRequest{After: all[0].Seq, Limit: 1}); len(page) != 1 || page[0].Seq != all[1].Seq {
			t.Fatalf("page: %+v", page)
		}
		if none := list(api.AuditListRequest{After: all[2].Seq, Limit: 10}); len(none) != 0 {
			t.Fatalf("after the end: %+v", none)
		}
	})
}

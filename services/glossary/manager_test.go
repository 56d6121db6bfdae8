package glossary

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

func newManager(t *testing.T, store Store) *Manager {
	t.Helper()
	if store == nil {
		store = NewMemoryStore()
	}
	m := NewManager(ManagerConfig{Store: store})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return m
}

func bg(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func entry(id string, terms ...string) api.GlossaryEntry {
	e := api.GlossaryEntry{ID: id}
	for i := 0; i+1 < len(terms); i += 2 {
		e.Terms = append(e.Terms, api.GlossaryTerm{Language: terms[i], Text: terms[i+1]})
	}
	return e
}

func mustCreate(t *testing.T, m *Manager, g api.Glossary) *api.GlossaryChangeResponse {
	t.Helper()
	resp, err := m.Create(bg(t), &api.GlossaryCreateRequest{Author: "lena", Glossary: g})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return resp
}

func TestManagerLifecycle(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	created := mustCreate(t, m, api.Glossary{ID: "product", Name: "Product", Entries: []api.GlossaryEntry{
		entry("thread", "en", "thread", "es", "hilo"),
	}})
	if created.Change.Version != 1 || created.Glossary.Entries != 1 || created.Glossary.UpdatedBy != "lena" {
		t.Fatalf("create = %+v", created)
	}
	if _, err := m.Create(ctx, &api.GlossaryCreateRequest{Author: "lena", Glossary: api.Glossary{ID: "product"}}); api.ErrorCode(err) != api.CodeConflict {
		t.Errorf("second create: %v", err)
	}
	// The set in use follows at once on the writer.
	if got := summary(prep(t, m.Set(), api.GlossaryPrepareRequest{Text: "a thread", Source: "en", Target: "es"})); got != "product:thread=hilo" {
		t.Fatalf("prepare after create = %q", got)
	}

	put, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "product", Author: "ana", Entry: entry("", "en", "message", "es", "mensaje", "fr", "message")})
	if err != nil {
		t.Fatal(err)
	}
	if put.Version != 2 || put.Entry.ID == "" || len(put.Entry.Terms) != 3 {
		t.Fatalf("put = %+v", put)
	}
	if _, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "product", Author: "ana", Create: true, Entry: entry("thread", "en", "thread", "es", "hebra")}); api.ErrorCode(err) != api.CodeConflict {
		t.Errorf("create of an existing entry: %v", err)
	}
	upd, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "product", Author: "ana", BaseVersion: 2, Entry: entry("thread", "en", "thread", "es", "hilo de conversación")})
	if err != nil || upd.Version != 3 {
		t.Fatalf("replace entry: %+v %v", upd, err)
	}
	if _, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "product", Author: "ana", BaseVersion: 2, Entry: entry("thread", "en", "thread", "es", "x")}); api.ErrorCode(err) != api.CodeConflict {
		t.Errorf("stale base version: %v", err)
	}
	name := "Product terms"
	prio := 5
	if _, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "product", Author: "lena", Name: &name, Priority: &prio}); err != nil {
		t.Fatal(err)
	}
	// An update that changes nothing writes no version.
	same, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "product", Author: "lena", Name: &name})
	if err != nil || same.Change != nil || same.Glossary.Version != 4 {
		t.Fatalf("no-op update = %+v %v", same, err)
	}
	if _, err := m.DeleteEntry(ctx, &api.GlossaryEntryDeleteRequest{ID: "product", Author: "ana", Entry: put.Entry.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.DeleteEntry(ctx, &api.GlossaryEntryDeleteRequest{ID: "product", Author: "ana", Entry: "nope"}); api.ErrorCode(err) != api.CodeNotFound {
		t.Errorf("delete of a missing entry: %v", err)
	}

	vs, err := m.Versions(ctx, &api.GlossaryVersionsRequest{ID: "product"})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, v := range vs.Versions {
		actions = append(actions, fmt.Sprintf("%d:%s:%s", v.Version, v.Action, v.Author))
	}
	if got := strings.Join(actions, " "); got != "5:entry:ana 4:update:lena 3:entry:ana 2:entry:ana 1:create:lena" {
		t.Errorf("versions = %s", got)
	}

	diff, err := m.Diff(ctx, &api.GlossaryDiffRequest{ID: "product", From: 1, To: 4})
	if err != nil {
		t.Fatal(err)
	}
	if diff.AddedCount != 1 || diff.ChangedCount != 1 || diff.RemovedCount != 0 || len(diff.Settings) != 3 {
		t.Errorf("diff 1..4 = %+v", diff)
	}
	if c := diff.Changed[0]; c.ID != "thread" || c.From.Terms[1].Text != "hilo" || c.To.Terms[1].Text != "hilo de conversación" {
		t.Errorf("changed = %+v", c)
	}

	// Delete, then roll back to restore.
	del, err := m.Delete(ctx, &api.GlossaryDeleteRequest{ID: "product", Author: "lena"})
	if err != nil || !del.Glossary.Deleted || del.Change.Version != 6 {
		t.Fatalf("delete = %+v %v", del, err)
	}
	if m.Set().Get("product") != nil {
		t.Error("deleted glossary still in use")
	}
	if _, err := m.Get(ctx, &api.GlossaryGetRequest{ID: "product"}); api.ErrorCode(err) != api.CodeNotFound {
		t.Errorf("get after delete: %v", err)
	}
	rb, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "product", Author: "lena", Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rb.Change.Version != 7 || rb.Change.RollbackOf != 1 || rb.Glossary.Name != "Product" || rb.Glossary.Entries != 1 {
		t.Errorf("rollback = %+v", rb)
	}
	v1, _ := m.store.Version(ctx, "product", 1)
	if rb.Change.Hash != v1.Hash {
		t.Error("rollback content differs from version 1")
	}
	if got := summary(prep(t, m.Set(), api.GlossaryPrepareRequest{Text: "a thread", Source: "en", Target: "es"})); got != "product:thread=hilo" {
		t.Errorf("prepare after rollback = %q", got)
	}
	if _, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "product", Author: "lena", Version: 6}); api.ErrorCode(err) != api.CodeNotFound {
		t.Errorf("rollback to a deletion: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestManagerErrors(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "g", Entries: []api.GlossaryEntry{entry("a", "en", "thread", "es", "hilo")}})
	tests := []struct {
		name  string
		call  func() error
		code  api.Code
		field string
	}{
		{"no author", func() error {
			_, err := m.Create(ctx, &api.GlossaryCreateRequest{Glossary: api.Glossary{ID: "x"}})
			return err
		}, api.CodeInvalidArgument, "author"},
		{"bad id", func() error {
			_, err := m.Create(ctx, &api.GlossaryCreateRequest{Author: "a", Glossary: api.Glossary{ID: "../etc"}})
			return err
		}, api.CodeInvalidArgument, "id"},
		{"invalid entry", func() error {
			_, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "g", Author: "a", Entry: entry("b", "en", "Thread", "es", "hebra")})
			return err
		}, api.CodeInvalidArgument, "terms"},
		{"bad language", func() error {
			_, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "g", Author: "a", Entry: entry("b", "english!", "x", "es", "y")})
			return err
		}, api.CodeInvalidArgument, "terms"},
		{"bad scope", func() error {
			_, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "g", Author: "a", Scope: &api.GlossaryScope{Kind: "planet"}})
			return err
		}, api.CodeInvalidArgument, "scope"},
		{"name too long", func() error {
			_, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "g", Author: "a", Name: ptr(strings.Repeat("n", MaxNameBytes+1))})
			return err
		}, api.CodeInvalidArgument, "name"},
		{"description too long", func() error {
			_, err := m.Create(ctx, &api.GlossaryCreateRequest{Author: "a", Glossary: api.Glossary{ID: "d", Description: strings.Repeat("d", MaxDescriptionBytes+1),
				Entries: []api.GlossaryEntry{entry("a", "en", "thread", "es", "hilo")}}})
			return err
		}, api.CodeInvalidArgument, "description"},
		{"priority out of range", func() error {
			_, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "g", Author: "a", Priority: ptr(MaxPriority + 1)})
			return err
		}, api.CodeInvalidArgument, "priority"},
		{"bad language in the list", func() error {
			_, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "g", Author: "a", Languages: []string{"en", "es", "english!"}})
			return err
		}, api.CodeInvalidArgument, "languages"},
		{"missing glossary", func() error {
			_, err := m.Entries(ctx, &api.GlossaryEntriesRequest{ID: "nope"})
			return err
		}, api.CodeNotFound, "id"},
		{"missing version", func() error {
			_, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "g", Version: 9, Format: "csv"})
			return err
		}, api.CodeNotFound, "version"},
		{"bad format", func() error {
			_, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "g", Format: "xlsx"})
			return err
		}, api.CodeInvalidArgument, "format"},
		{"invalid import", func() error {
			_, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "g", Author: "a", Format: "csv"}, []byte("en,es\nthread,\n"))
			return err
		}, api.CodeInvalidArgument, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			e := api.AsError(err)
			if e.Code != tt.code || e.Field != tt.field {
				t.Fatalf("err = %v (field %q), want %s field %q", err, e.Field, tt.code, tt.field)
			}
		})
	}
}

func TestManagerImportExport(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	file := []byte("entry_id,en,es\nthread,thread,hilo\nmsg,message,mensaje\n")
	dry, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "imp", Format: "csv", DryRun: true}, file)
	if err != nil {
		t.Fatal(err)
	}
	if !dry.Valid || dry.Added != 2 || dry.Change != nil || m.Set().Get("imp") != nil {
		t.Fatalf("dry run = %+v", dry)
	}
	bad, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "imp", Format: "csv", DryRun: true}, []byte("en,es\nthread,hilo\nThread,hebra\n"))
	if err != nil || bad.Valid || bad.Errors != 1 || bad.Problems[0].Code != ProblemConflict {
		t.Fatalf("dry run of a bad file = %+v %v", bad, err)
	}
	rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "imp", Author: "ci", Format: "csv"}, file)
	if err != nil || rep.Change == nil || rep.Change.Version != 1 || rep.Change.Action != "import" {
		t.Fatalf("import = %+v %v", rep, err)
	}
	again, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "imp", Author: "ci", Format: "csv"}, file)
	if err != nil || again.Change != nil || !again.Unchanged {
		t.Fatalf("re-import of the same file = %+v %v", again, err)
	}
	merge, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "imp", Author: "ci", Merge: true, Format: "tsv"},
		[]byte("entry_id\ten\tde\nthread\tthread\tThread\nch\tchannel\tKanal\n"))
	if err != nil {
		t.Fatal(err)
	}
	if merge.Added != 1 || merge.Changed != 1 || merge.Removed != 0 || strings.Join(merge.Languages, ",") != "en,es,de" {
		t.Fatalf("merge = %+v", merge)
	}
	entries, err := m.Entries(ctx, &api.GlossaryEntriesRequest{ID: "imp"})
	if err != nil {
		t.Fatal(err)
	}
	// Merging by id keeps the Spanish term of "thread" and adds German.
	if e := entries.Entries[0]; e.ID != "thread" || len(e.Terms) != 3 {
		t.Errorf("merged entry = %+v", e)
	}
	found, err := m.Entries(ctx, &api.GlossaryEntriesRequest{ID: "imp", Query: "KAN"})
	if err != nil || found.Total != 1 || found.Entries[0].ID != "ch" {
		t.Errorf("search = %+v %v", found, err)
	}
	page, err := m.Entries(ctx, &api.GlossaryEntriesRequest{ID: "imp", Limit: 2})
	if err != nil || len(page.Entries) != 2 || page.NextOffset != 2 || page.Total != 3 {
		t.Errorf("page = %+v %v", page, err)
	}
	es, err := m.Entries(ctx, &api.GlossaryEntriesRequest{ID: "imp", Language: "es-MX"})
	if err != nil || es.Total != 2 {
		t.Errorf("entries with Spanish = %+v %v", es, err)
	}
	for _, format := range Formats {
		exp, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "imp", Format: format})
		if err != nil {
			t.Fatal(err)
		}
		round, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "imp", Format: format, DryRun: true}, exp.Data)
		if err != nil || !round.Unchanged {
			t.Errorf("%s export re-imported: %+v %v", format, round, err)
		}
	}
	old, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "imp", Format: "csv", Version: 1})
	if err != nil || string(old.Data) != "entry_id,en,es\nthread,thread,hilo\nmsg,message,mensaje\n" {
		t.Errorf("export of version 1 = %q %v", old.Data, err)
	}
}

func TestManagerConcurrentWriters(t *testing.T) {
	m := newManager(t, nil)
	mustCreate(t, m, api.Glossary{ID: "busy", Entries: []api.GlossaryEntry{entry("a", "en", "a0", "es", "b0")}})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			_, err := m.PutEntry(context.Background(), &api.GlossaryEntryPutRequest{ID: "busy", Author: fmt.Sprint("w", i),
				Entry: entry(fmt.Sprint("e", i), "en", fmt.Sprint("term", i), "es", fmt.Sprint("termino", i))})
			if err != nil {
				t.Errorf("writer %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	info, err := m.Get(bg(t), &api.GlossaryGetRequest{ID: "busy"})
	if err != nil || info.Entries != 9 || info.Version != 9 {
		t.Fatalf("after 8 concurrent writers: %+v %v", info, err)
	}
}

func TestManagerReplicasFollowEachOther(t *testing.T) {
	store := NewMemoryStore()
	a, b := newManager(t, store), newManager(t, store)
	mustCreate(t, a, api.Glossary{ID: "shared", Entries: []api.GlossaryEntry{entry("t", "en", "thread", "es", "hilo")}})
	waitFor(t, func() bool { g := b.Set().Get("shared"); return g != nil && g.Version == 1 })
	if _, err := b.Delete(bg(t), &api.GlossaryDeleteRequest{ID: "shared", Author: "x"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return a.Set().Get("shared") == nil })
}

// waitFor polls cond (replicas apply changes asynchronously).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSyncDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("team.csv", "en,es\nthread,hilo\n")
	write("broken.csv", "en,es\nthread,\n")
	store := NewMemoryStore()
	m := newManager(t, store)
	ctx := bg(t)

	res, err := m.SyncDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]SyncResult{}
	for _, r := range res {
		got[r.File.ID] = r
	}
	if got["team"].Change == nil || got["team"].Change.Author != SyncAuthor || got["broken"].Err == nil {
		t.Fatalf("first sync = %+v", res)
	}
	// A restart with unchanged files writes nothing.
	m2 := newManager(t, store)
	res, _ = m2.SyncDir(ctx, dir)
	for _, r := range res {
		if r.Change != nil {
			t.Errorf("unchanged file %s made version %d", r.File.ID, r.Change.Version)
		}
	}
	// An edit through the API survives a restart while the file is unchanged...
	if _, err := m2.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "team", Author: "ana", Entry: entry("", "en", "message", "es", "mensaje")}); err != nil {
		t.Fatal(err)
	}
	res, _ = newManager(t, store).SyncDir(ctx, dir)
	if info, _ := m2.Get(ctx, &api.GlossaryGetRequest{ID: "team"}); info.Entries != 2 || res[1].Change != nil {
		t.Errorf("API edit lost on restart: %+v", info)
	}
	// ...until the file changes: then the file wins.
	write("team.csv", "en,es\nthread,hilo\nchannel,canal\n")
	res, _ = newManager(t, store).SyncDir(ctx, dir)
	for _, r := range res {
		if r.File.ID == "team" && (r.Change == nil || r.Change.Version != 3) {
			t.Errorf("changed file: %+v", r)
		}
	}
	vs, _ := m.Versions(ctx, &api.GlossaryVersionsRequest{ID: "team"})
	if len(vs.Versions) != 3 {
		t.Errorf("versions = %+v", vs.Versions)
	}
}

func TestShippedGlossariesSync(t *testing.T) {
	m := newManager(t, nil)
	res, err := m.SyncDir(bg(t), shippedDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Errorf("%s: %v", r.File.Path, r.Err)
		}
	}
	resp := prep(t, m.Set(), api.GlossaryPrepareRequest{Text: "Please sign in and reset your password", Source: "en", Target: "es", Tenant: "parley-support"})
	if got := summary(resp); got != "support-macros:sign in=iniciar sesión; support-macros:password=contraseña" {
		t.Errorf("support macros for their tenant = %q", got)
	}
	resp = prep(t, m.Set(), api.GlossaryPrepareRequest{Text: "Please sign in", Source: "en", Target: "es"})
	if len(resp.Matches) != 0 {
		t.Errorf("support macros outside their tenant: %q", summary(resp))
	}
}

// TestManagerCreationTime: a glossary's creation time stays through its
// edits and starts again when it is re-created after a delete.
func TestManagerCreationTime(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	m := NewManager(ManagerConfig{Store: NewMemoryStore(), Now: func() time.Time { return now }})
	if err := m.Start(bg(t)); err != nil {
		t.Fatal(err)
	}
	ctx := bg(t)
	created := now
	mustCreate(t, m, api.Glossary{ID: "product", Entries: []api.GlossaryEntry{entry("thread", "en", "thread", "es", "hilo")}})
	now = now.Add(time.Hour)
	if _, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "product", Author: "ana", Entry: entry("", "en", "message", "es", "mensaje")}); err != nil {
		t.Fatal(err)
	}
	got, err := m.Get(ctx, &api.GlossaryGetRequest{ID: "product"})
	if err != nil || !got.CreatedAt.Equal(created) || !got.UpdatedAt.Equal(now) {
		t.Fatalf("after an edit: %+v %v", got, err)
	}
	if l := m.List().Glossaries; len(l) != 1 || !l[0].CreatedAt.Equal(created) {
		t.Fatalf("list = %+v", l)
	}
	now = now.Add(time.Hour)
	if _, err := m.Delete(ctx, &api.GlossaryDeleteRequest{ID: "product", Author: "lena"}); err != nil {
		t.Fatal(err)
	}
	// Restored by a rollback, it is the glossary it was: same creation.
	now = now.Add(time.Hour)
	restored, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "product", Author: "lena", Version: 2})
	if err != nil || !restored.Glossary.CreatedAt.Equal(created) {
		t.Fatalf("restored: %+v %v", restored, err)
	}
	if _, err := m.Delete(ctx, &api.GlossaryDeleteRequest{ID: "product", Author: "lena"}); err != nil {
		t.Fatal(err)
	}
	// Created anew after a delete, it is another glossary.
	now = now.Add(time.Hour)
	again := mustCreate(t, m, api.Glossary{ID: "product", Entries: []api.GlossaryEntry{entry("thread", "en", "thread", "es", "hilo")}})
	if !again.Glossary.CreatedAt.Equal(now) || again.Change.Version != 6 {
		t.Fatalf("re-created: %+v", again)
	}
}

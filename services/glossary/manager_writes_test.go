package glossary

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// wantAPIError checks an error's code and field.
func wantAPIError(t *testing.T, what string, err error, code api.Code, field string) *api.Error {
	t.Helper()
	e := api.AsError(err)
	if err == nil || e.Code != code || e.Field != field {
		t.Fatalf("%s: err = %v (field %q), want %s on %q", what, err, e.Field, code, field)
	}
	return e
}

// An added entry that repeats an existing one is a conflict naming it, not
// a success that writes nothing and shows another entry.
func TestManagerEntryRepeatingAnother(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "loc1", Entries: []api.GlossaryEntry{
		entry("w1", "en", "thread", "es", "hilo"), entry("w2", "en", "message", "es", "mensaje"), entry("x1", "en", "x", "es", "y"),
	}})
	_, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "loc1", Author: "a", Create: true, Entry: entry("", "en", "message", "es", "mensaje")})
	e := wantAPIError(t, "repeated entry", err, api.CodeConflict, "entry")
	if !strings.Contains(e.Message, `"w2"`) {
		t.Errorf("message does not name w2: %s", e.Message)
	}
	if info, _ := m.Get(ctx, &api.GlossaryGetRequest{ID: "loc1"}); info.Version != 1 || info.Entries != 3 {
		t.Errorf("after the refused write: %+v", info)
	}
	// A new entry still gets its derived id and is the one answered.
	res, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "loc1", Author: "a", Create: true, Entry: entry("", "en", "channel", "es", "canal")})
	if err != nil || res.Entry.ID == "" || res.Entry.Terms[0].Text != "channel" || res.Version != 2 {
		t.Fatalf("new entry: %+v %v", res, err)
	}
}

// A language list without languages the entries use is refused naming
// them; an entry in a new language says it added the language.
func TestManagerLanguagesInUse(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "loc1", Languages: []string{"en", "es", "fr"}, Entries: []api.GlossaryEntry{
		entry("w1", "en", "thread", "es", "hilo"), entry("w2", "en", "message", "es", "mensaje"),
	}})
	_, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "loc1", Author: "a", Languages: []string{"en"}})
	e := wantAPIError(t, "dropping a used language", err, api.CodeInvalidArgument, "languages")
	if !strings.Contains(e.Message, `es (2 entries, such as "w1")`) {
		t.Errorf("message = %s", e.Message)
	}
	// An unused language can go, and the order can change.
	res, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "loc1", Author: "a", Languages: []string{"es", "en"}})
	if err != nil || strings.Join(res.Glossary.Languages, ",") != "es,en" {
		t.Fatalf("dropping fr: %+v %v", res, err)
	}
	// With new entries, the language list is checked against them.
	_, err = m.Update(ctx, &api.GlossaryUpdateRequest{ID: "loc1", Author: "a", Languages: []string{"en", "de"},
		Entries: []api.GlossaryEntry{entry("w1", "en", "thread", "de", "Thread")}})
	if err != nil {
		t.Fatalf("languages with matching entries: %v", err)
	}

	// Entries in a language the glossary does not list, without a new
	// list, are refused too: a PUT of the glossary does not add languages
	// behind the client's back (an entry write does, and says so).
	_, err = m.Update(ctx, &api.GlossaryUpdateRequest{ID: "loc1", Author: "a",
		Entries: []api.GlossaryEntry{entry("w1", "en", "thread", "de", "Thread"), entry("w2", "en", "message", "de-CH", "Nachricht")}})
	e = wantAPIError(t, "entries in an unlisted language", err, api.CodeInvalidArgument, "languages")
	if !strings.Contains(e.Message, `de-CH (1 entries, such as "w2")`) || !strings.Contains(e.Message, "add them to languages") {
		t.Errorf("message = %s", e.Message)
	}
	if res, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "loc1", Author: "a", Languages: []string{"en", "de", "de-CH"},
		Entries: []api.GlossaryEntry{entry("w1", "en", "thread", "de", "Thread"), entry("w2", "en", "message", "de-CH", "Nachricht")}}); err != nil ||
		strings.Join(res.Glossary.Languages, ",") != "en,de,de-CH" {
		t.Fatalf("entries with their languages listed: %+v %v", res, err)
	}

	put, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "loc1", Author: "a", Entry: entry("w3", "en", "channel", "pt-BR", "canal")})
	if err != nil || strings.Join(put.LanguagesAdded, ",") != "pt-BR" {
		t.Fatalf("entry in a new language: %+v %v", put, err)
	}
	put, err = m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "loc1", Author: "a", Entry: entry("w4", "en", "reply", "de", "Antwort")})
	if err != nil || put.LanguagesAdded != nil {
		t.Fatalf("entry in known languages: %+v %v", put, err)
	}
}

// Merge problems with a stored entry say so instead of giving the stored
// entry's place as a line of the file.
func TestManagerMergeConflictNamesStoredEntry(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "moderation", Entries: []api.GlossaryEntry{
		entry("w1", "en", "thread", "es", "hilo"), entry("mod", "en", "moderator", "es", "moderador"),
	}})
	rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "moderation", Format: "csv", Merge: true, DryRun: true}, []byte("es,en\nmoderadora,moderator\n"))
	if err != nil || rep.Valid || len(rep.Problems) != 1 {
		t.Fatalf("merge = %+v %v", rep, err)
	}
	p := rep.Problems[0]
	if p.Line != 2 || !strings.Contains(p.Message, "entry mod (an entry of the stored glossary, not of this file)") || strings.Contains(p.Message, "line") {
		t.Errorf("problem = %+v", p)
	}
}

// A dry run answers as the import would: a stale base version and a
// missing glossary that must exist are refused there too.
func TestManagerImportPreconditions(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "g", Entries: []api.GlossaryEntry{entry("w1", "en", "thread", "es", "hilo")}})
	file := []byte("en,es\nmessage,mensaje\n")
	for _, dry := range []bool{true, false} {
		_, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "g", Author: "a", Format: "csv", DryRun: dry, BaseVersion: 7}, file)
		wantAPIError(t, fmt.Sprintf("stale base, dry run %t", dry), err, api.CodeConflict, "base_version")
		_, err = m.Import(ctx, &api.GlossaryImportRequest{ID: "new", Author: "a", Format: "csv", DryRun: dry, MustExist: true}, file)
		wantAPIError(t, fmt.Sprintf("must exist, dry run %t", dry), err, api.CodePreconditionFailed, "must_exist")
	}
	if rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "g", Author: "a", Format: "csv", DryRun: true, BaseVersion: 1, MustExist: true}, file); err != nil || !rep.Valid {
		t.Fatalf("dry run at the current version: %+v %v", rep, err)
	}
	if m.Set().Get("new") != nil {
		t.Fatal("a must-exist import created the glossary")
	}
	// A deleted glossary does not exist: a rollback that must find it
	// does not restore it.
	if _, err := m.Delete(ctx, &api.GlossaryDeleteRequest{ID: "g", Author: "a"}); err != nil {
		t.Fatal(err)
	}
	_, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "g", Author: "a", Version: 1, MustExist: true})
	wantAPIError(t, "rollback of a deleted glossary that must exist", err, api.CodePreconditionFailed, "must_exist")
	if _, err := m.Rollback(ctx, &api.GlossaryRollbackRequest{ID: "g", Author: "a", Version: 1}); err != nil {
		t.Fatalf("rollback: %v", err)
	}
}

// An import that creates a glossary from a TBX file takes its name and
// description; an existing glossary keeps its own.
func TestManagerImportTakesTBXName(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "rich", Name: `Rich, "quoted"`, Description: "For the\nsupport team.", Entries: []api.GlossaryEntry{entry("w1", "en", "thread", "es", "hilo")}})
	mustCreate(t, m, api.Glossary{ID: "other", Name: "Other", Entries: []api.GlossaryEntry{entry("w1", "en", "thread", "es", "hilo")}})
	exp, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "rich", Format: "tbx"})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string][2]string{"copy": {`Rich, "quoted"`, "For the\nsupport team."}, "other": {"Other", ""}} {
		if _, err := m.Import(ctx, &api.GlossaryImportRequest{ID: id, Author: "a", Format: "tbx"}, exp.Data); err != nil {
			t.Fatal(err)
		}
		info, err := m.Get(ctx, &api.GlossaryGetRequest{ID: id})
		if err != nil || info.Name != want[0] || info.Description != want[1] {
			t.Errorf("%s: name %q description %q, want %q", id, info.Name, info.Description, want)
		}
	}
}

// An export is always a file an import takes: one over the limit of its
// format is refused, naming the formats that fit; no write makes a
// glossary larger than an import may be.
func TestManagerExportStaysImportable(t *testing.T) {
	store := NewMemoryStore()
	m := NewManager(ManagerConfig{Store: store, MaxImportBytes: 4096, MaxEntries: 3})
	if err := m.Start(bg(t)); err != nil {
		t.Fatal(err)
	}
	ctx := bg(t)
	note := strings.Repeat("n", 1000)
	var entries []api.GlossaryEntry
	for i := range 3 {
		e := entry(fmt.Sprint("w", i), "en", fmt.Sprint("term", i), "es", fmt.Sprint("termino", i))
		e.Note = note
		entries = append(entries, e)
	}
	mustCreate(t, m, api.Glossary{ID: "g", Entries: entries})
	_, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "g", Format: "tbx"})
	e := wantAPIError(t, "oversize TBX export", err, api.CodeInvalidArgument, "format")
	if !strings.Contains(e.Message, "export it as csv or tsv") {
		t.Errorf("message = %s", e.Message)
	}
	csv, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "g", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "g", Format: "csv", DryRun: true}, csv.Data); err != nil || !rep.Unchanged {
		t.Fatalf("the CSV export does not import again: %+v %v", rep, err)
	}
	_, err = m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "g", Author: "a", Entry: entry("w9", "en", "more", "es", "más")})
	wantAPIError(t, "an entry over GLOSSARY_MAX_ENTRIES", err, api.CodeInvalidArgument, "entries")

	// A glossary stored before GLOSSARY_MAX_ENTRIES was lowered exports in
	// no format.
	lower := NewManager(ManagerConfig{Store: store, MaxImportBytes: 1 << 20, MaxEntries: 2})
	if err := lower.Start(bg(t)); err != nil {
		t.Fatal(err)
	}
	_, err = lower.Export(ctx, &api.GlossaryExportRequest{ID: "g", Format: "csv"})
	wantAPIError(t, "export of more entries than an import takes", err, api.CodeInvalidArgument, "id")
}

// The largest glossary an import accepts (GLOSSARY_MAX_ENTRIES two-language
// entries) exports as TBX and imports again.
func TestLargestGlossaryRoundTripsAsTBX(t *testing.T) {
	if testing.Short() {
		t.Skip("exports and parses 49 MB of TBX")
	}
	m := newManager(t, nil)
	ctx := bg(t)
	var b strings.Builder
	b.WriteString("en,es\n")
	for i := range DefaultMaxEntries {
		fmt.Fprintf(&b, "term %d,término %d\n", i, i)
	}
	if _, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "big", Author: "a", Format: "csv"}, []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	exp, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "big", Format: "tbx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Data) <= DefaultMaxImportBytes {
		t.Fatalf("the TBX export is %d bytes; the test needs one over the CSV limit", len(exp.Data))
	}
	rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "big", Format: "tbx", DryRun: true}, exp.Data)
	if err != nil || !rep.Unchanged {
		t.Fatalf("re-import of the %d-byte TBX export: %+v %v", len(exp.Data), rep, err)
	}
	t.Logf("%d entries: %d bytes of TBX (%d a entry), exported and re-imported in %v", DefaultMaxEntries, len(exp.Data), len(exp.Data)/DefaultMaxEntries, time.Since(start))
}

// barrierStore holds every Commit until n of them are waiting, so that n
// writers all read the same head before any of them writes: all but one
// lose the compare-and-set.
type barrierStore struct {
	Store
	n       int
	mu      sync.Mutex
	waiting int
	release chan struct{}
}

func (s *barrierStore) Commit(ctx context.Context, v api.GlossaryVersion, rev uint64) error {
	s.mu.Lock()
	s.waiting++
	if s.waiting == s.n {
		close(s.release)
	}
	s.mu.Unlock()
	select {
	case <-s.release:
	case <-time.After(5 * time.Second): // a writer that never came: go on
	}
	return s.Store.Commit(ctx, v, rev)
}

// Writers that all send the current version as their base and race: one
// wins, and every other one is told its base is stale (409 on
// base_version, which the gateway answers as 412 for If-Match), not a bare
// conflict without a field.
func TestManagerConcurrentWritersWithBaseVersion(t *testing.T) {
	const writers = 10
	store := &barrierStore{Store: NewMemoryStore(), n: 1, release: make(chan struct{})} // the create goes alone
	m := newManager(t, store)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "busy", Entries: []api.GlossaryEntry{entry("a", "en", "thread", "es", "hilo")}})
	store.mu.Lock()
	store.n, store.waiting, store.release = writers, 0, make(chan struct{})
	store.mu.Unlock()

	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, errs[i] = m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "busy", Author: fmt.Sprint("w", i), BaseVersion: 1,
				Entry: entry("a", "en", "thread", "es", fmt.Sprint("hilo", i))})
		})
	}
	wg.Wait()
	wins := 0
	for i, err := range errs {
		if err == nil {
			wins++
			continue
		}
		e := wantAPIError(t, fmt.Sprintf("writer %d", i), err, api.CodeConflict, "base_version")
		if !strings.Contains(e.Message, "is at version 2, not 1") {
			t.Errorf("writer %d: %s", i, e.Message)
		}
	}
	if wins != 1 {
		t.Fatalf("%d writers won, want 1", wins)
	}
	if info, err := m.Get(ctx, &api.GlossaryGetRequest{ID: "busy"}); err != nil || info.Version != 2 {
		t.Fatalf("after the race: %+v %v", info, err)
	}
}

package glossary

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// A DeepL glossary (created through /v2/glossaries) keeps its two
// languages, its mode and its scope: a /v1 write that would change them
// made it vanish from the DeepL API for good.
func TestDeepLGlossaryKeepsItsShape(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "d1", Mode: string(OneWay), Languages: []string{"en", "de"},
		Scope:   api.GlossaryScope{Kind: api.ScopeConversation, Conversation: "deepl-d1"},
		Entries: []api.GlossaryEntry{entry("", "en", "hello", "de", "hallo")}})
	multi := string(Multilingual)
	tests := []struct {
		name, field string
		call        func() error
	}{
		{"entry adds a language", "languages", func() error {
			_, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "d1", Author: "a", Create: true, Entry: entry("", "en", "bye", "fr", "salut")})
			return err
		}},
		{"update adds a language", "languages", func() error {
			_, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "d1", Author: "a", Languages: []string{"en", "de", "fr"}})
			return err
		}},
		{"mode multilingual", "mode", func() error {
			_, err := m.Update(ctx, &api.GlossaryUpdateRequest{ID: "d1", Author: "a", Mode: &multi})
			return err
		}},
		{"import adds a language", "languages", func() error {
			_, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "d1", Author: "a", Format: "csv", Merge: true}, []byte("en,fr\nbye,salut\n"))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := api.AsError(tt.call())
			if e.Code != api.CodeInvalidArgument || e.Field != tt.field || !strings.Contains(e.Message, "DeepL") {
				t.Fatalf("err = %v (field %q), want invalid_argument on %s naming DeepL", e, e.Field, tt.field)
			}
		})
	}
	if _, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "d1", Author: "a", Create: true, Entry: entry("", "en", "bye", "de", "tschüss")}); err != nil {
		t.Fatalf("an entry in its own languages: %v", err)
	}
	if g := m.Set().Get("d1"); len(g.Languages) != 2 || g.Mode != OneWay || len(g.Entries) != 2 {
		t.Fatalf("after the writes: %v %s %d entries", g.Languages, g.Mode, len(g.Entries))
	}
}

func TestGlossaryIDsCompareWithoutCase(t *testing.T) {
	m := newManager(t, nil)
	mustCreate(t, m, api.Glossary{ID: "loc12", Entries: []api.GlossaryEntry{entry("", "en", "a", "de", "b")}})
	for _, id := range []string{"LOC12", "Loc12"} {
		_, err := m.Create(bg(t), &api.GlossaryCreateRequest{Author: "a", Glossary: api.Glossary{ID: id, Entries: []api.GlossaryEntry{entry("", "en", "c", "de", "d")}}})
		if e := api.AsError(err); e.Code != api.CodeConflict || !strings.Contains(e.Message, `"loc12"`) {
			t.Fatalf("create %s: %v", id, err)
		}
		_, err = m.Import(bg(t), &api.GlossaryImportRequest{ID: id, Author: "a", Format: "csv"}, []byte("en,de\nc,d\n"))
		if api.ErrorCode(err) != api.CodeConflict {
			t.Fatalf("import %s: %v", id, err)
		}
	}
}

func TestTenantGlossaryLimit(t *testing.T) {
	m := NewManager(ManagerConfig{Store: NewMemoryStore(), MaxPerTenant: 2})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	create := func(id, tenant string) error {
		_, err := m.Create(ctx, &api.GlossaryCreateRequest{Author: "a", ActingTenant: tenant, Glossary: api.Glossary{ID: id, Entries: []api.GlossaryEntry{entry("", "en", id, "de", id+"x")}}})
		return err
	}
	for _, id := range []string{"a1", "a2"} {
		if err := create(id, "acme"); err != nil {
			t.Fatal(err)
		}
	}
	if e := api.AsError(create("a3", "acme")); e.Code != api.CodeInvalidArgument || !strings.Contains(e.Message, "GLOSSARY_MAX_PER_TENANT") {
		t.Fatalf("third glossary: %v", e)
	}
	if err := create("g1", "globex"); err != nil {
		t.Fatalf("another tenant: %v", err)
	}
	if _, err := m.Delete(ctx, &api.GlossaryDeleteRequest{ID: "a1", Author: "a", ActingTenant: "acme"}); err != nil {
		t.Fatal(err)
	}
	if err := create("a3", "acme"); err != nil {
		t.Fatalf("after a delete: %v", err)
	}
}

func TestKeepVersionsPrunes(t *testing.T) {
	store := NewMemoryStore()
	m := NewManager(ManagerConfig{Store: store, KeepVersions: 2})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, m, api.Glossary{ID: "p", Entries: []api.GlossaryEntry{entry("", "en", "a", "de", "b")}})
	for _, term := range []string{"c", "d", "e", "f"} {
		if _, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "p", Author: "a", Create: true, Entry: entry("", "en", term, "de", term+"x")}); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := m.Versions(ctx, &api.GlossaryVersionsRequest{ID: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs.Versions) != 2 || vs.Versions[0].Version != 5 && vs.Versions[1].Version != 5 {
		t.Fatalf("versions kept: %+v", vs.Versions)
	}
	store.mu.Lock()
	docs := len(store.docs)
	store.mu.Unlock()
	if docs != 2 {
		t.Fatalf("%d documents kept, want 2", docs)
	}
	if g := m.Set().Get("p"); g == nil || len(g.Entries) != 5 {
		t.Fatalf("current version: %+v", g)
	}
}

func TestCrossGlossaryConflictWarns(t *testing.T) {
	m := newManager(t, nil)
	mustCreate(t, m, api.Glossary{ID: "alpha", Entries: []api.GlossaryEntry{entry("", "en", "thread", "es", "hilo")}})
	resp := mustCreate(t, m, api.Glossary{ID: "beta", Entries: []api.GlossaryEntry{entry("", "en", "Thread", "es", "hebra"), entry("", "en", "reply", "es", "respuesta")}})
	if len(resp.Warnings) != 1 || !strings.Contains(resp.Warnings[0].Message, `glossary "alpha"`) || resp.Warnings[0].Severity != api.SeverityWarning {
		t.Fatalf("create warnings = %+v", resp.Warnings)
	}
	rep, err := m.Import(bg(t), &api.GlossaryImportRequest{ID: "gamma", Author: "a", Format: "csv"}, []byte("en,es\nthread,hebra\n"))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, p := range rep.Problems {
		if p.Severity == api.SeverityWarning && strings.Contains(p.Message, `glossary "alpha"`) {
			found++
		}
	}
	if found != 1 {
		t.Fatalf("import report = %+v", rep.Problems)
	}
	// Same translation, or a tenant's glossary: no warning.
	resp = mustCreate(t, m, api.Glossary{ID: "delta", Entries: []api.GlossaryEntry{entry("", "en", "reply", "es", "respuesta")}})
	if len(resp.Warnings) != 0 {
		t.Fatalf("same translation warned: %+v", resp.Warnings)
	}
}

func TestPartOfSpeechOnWrite(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "pos", Entries: []api.GlossaryEntry{entry("", "en", "a", "de", "b")}})
	tests := []struct {
		pos, want string
		ok        bool
	}{{"Noun", "noun", true}, {"PROPERNOUN", "properNoun", true}, {"banana", "", false}, {"", "", true}}
	for i, tt := range tests {
		e := entry("", "en", "t"+string(rune('a'+i)), "de", "u"+string(rune('a'+i)))
		e.PartOfSpeech = tt.pos
		res, err := m.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "pos", Author: "a", Create: true, Entry: e})
		if !tt.ok {
			if e := api.AsError(err); e.Code != api.CodeInvalidArgument || !strings.Contains(e.Message, "TBX-Basic") {
				t.Fatalf("%q: %v", tt.pos, err)
			}
			continue
		}
		if err != nil || res.Entry.PartOfSpeech != tt.want {
			t.Fatalf("%q: %v, stored %q", tt.pos, err, res.Entry.PartOfSpeech)
		}
	}
}

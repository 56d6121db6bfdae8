package glossary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// A two-column file with the source and target named has a header only
// when its first row names exactly those two languages: a first row of
// short words that happen to be language tags ("is,ist") is an entry.
func TestPairFileFirstRow(t *testing.T) {
	tests := []struct {
		name, file     string
		source, target string
		langs          string // the glossary's languages
		entries        string // the entries' terms, "src=tgt" in source, target order
		warning        bool   // the first row looked like a header and was read as data
	}{
		{"words that are language tags", "is,ist\nyes,ja\n", "en", "de", "en,de", "is=ist;yes=ja", true},
		{"it es", "it,es\nthread,hilo\n", "en", "es", "en,es", "it=es;thread=hilo", true},
		{"no nej", "no,nej\nyes,ja\n", "en", "sv", "en,sv", "no=nej;yes=ja", true},
		{"no header", "thread,hilo\nmessage,mensaje\n", "en", "es", "en,es", "thread=hilo;message=mensaje", false},
		{"a header naming the pair", "en,de\nserver,Server\n", "en", "de", "en,de", "server=Server", false},
		{"a header naming the pair in other case and form", "EN,De\nserver,Server\n", "en", "de", "en,de", "server=Server", false},
		{"a header naming the pair the other way round", "de,en\nServer,server\n", "en", "de", "en,de", "server=Server", false},
		{"a header of other languages is data", "en,fr\nserver,Server\n", "en", "de", "en,de", "en=fr;server=Server", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, rep := Parse(api.FormatCSV, strings.NewReader(tt.file), ParseOptions{ID: "p", Source: tt.source, Target: tt.target})
			if !rep.OK() {
				t.Fatalf("report = %+v", rep.Problems)
			}
			var langs, entries []string
			for _, l := range g.Languages {
				langs = append(langs, l.String())
			}
			for _, e := range g.Entries {
				entries = append(entries, e.Terms[0]+"="+e.Terms[1])
			}
			if strings.Join(langs, ",") != tt.langs || strings.Join(entries, ";") != tt.entries {
				t.Errorf("languages %v, entries %v; want %s, %s", langs, entries, tt.langs, tt.entries)
			}
			warned := false
			for _, p := range rep.Problems {
				warned = warned || (p.Severity == api.SeverityWarning && p.Code == ProblemBadHeader && p.Line == 1 && strings.Contains(p.Message, "read as an entry"))
			}
			if warned != tt.warning {
				t.Errorf("warning = %t, want %t: %+v", warned, tt.warning, rep.Problems)
			}
		})
	}
}

// The same rule holds for a file kept in git with its pair in <id>.json
// (parley glossary validate reads it so) and for an import, which then
// keeps the glossary's languages and entries.
func TestPairFileFirstRowInFilesAndImports(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pairs.csv"), []byte("is,ist\nyes,ja\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pairs.json"), []byte(`{"source":"en","target":"de"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	f := ReadFile(filepath.Join(dir, "pairs.csv"), ParseOptions{})
	if f.Err() != nil || f.Glossary == nil || len(f.Glossary.Entries) != 2 || f.Report.Warnings != 1 {
		t.Fatalf("file: %v %+v", f.Err(), f.Report.Problems)
	}

	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, api.Glossary{ID: "pairs", Entries: []api.GlossaryEntry{entry("w1", "en", "thread", "de", "Thread")}})
	rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "pairs", Author: "a", Format: "csv", Source: "en", Target: "de"}, []byte("is,ist\nyes,ja\n"))
	if err != nil || rep.Entries != 2 || strings.Join(rep.Languages, ",") != "en,de" || rep.Warnings != 1 {
		t.Fatalf("import = %+v %v", rep, err)
	}
}

package glossary

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shippedDir is the repository's glossaries/ folder, which is part of the
// repository (not ../shared), so its absence is a real failure.
var shippedDir = filepath.Join("..", "..", "glossaries")

func loadShipped(tb testing.TB) *Set {
	tb.Helper()
	set, problems, err := LoadDir(shippedDir)
	if err != nil {
		tb.Fatalf("LoadDir: %v", err)
	}
	for _, p := range problems {
		tb.Errorf("shipped glossary has a problem: %v", p)
	}
	return set
}

func TestShippedGlossariesLoad(t *testing.T) {
	set := loadShipped(t)
	for _, id := range []string{"parley-product", "moderation"} {
		g := set.Get(id)
		if g == nil {
			t.Fatalf("glossary %q not loaded", id)
		}
		if len(g.Entries) < 5 {
			t.Errorf("%s has %d entries", id, len(g.Entries))
		}
	}
	g := set.Get("parley-product")
	var dnt []string
	for _, e := range g.Entries {
		if e.DoNotTranslate {
			dnt = append(dnt, e.Term())
		}
	}
	if !strings.Contains(strings.Join(dnt, ","), "Parley") {
		t.Errorf("parley-product DNT terms = %v, want Parley among them", dnt)
	}
}

func TestParseCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []string // each must appear in the error text
	}{
		{"empty file", "", []string{"x.csv:1: file is empty"}},
		{"bad language tag", "en,english!\n", []string{`x.csv:1: column 2: "english!" is not a BCP 47 language tag`}},
		{"unknown column", "en,es,comment\n", []string{`x.csv:1: column 3: "comment" is not a BCP 47 language tag`}},
		{"duplicate language", "en,es,EN\n", []string{"x.csv:1: column 3: language en already has column 1"}},
		{"canonical duplicate", "fil,tl\n", []string{"x.csv:1: column 2: language fil already has column 1"}},
		{"empty header cell", "en,,es\n", []string{"x.csv:1: column 2: empty header"}},
		{"reserved column twice", "en,es,dnt,DNT\n", []string{`x.csv:1: column 4: "DNT" appears twice`}},
		{"no language column", "dnt,note\n", []string{"x.csv:1: the header names no language column"}},
		{"undetermined language", "en,und\n", []string{`x.csv:1: column 2: "und" is not a BCP 47 language tag`}},
		{"wrong field count", "en,es\nthread,hilo\nmessage\n", []string{"x.csv:3: row has 1 fields, the header 2"}},
		{"bare quote", "en,es\nthr\"ead,hilo\n", []string{"x.csv:2: bare \" in non-quoted-field"}},
		{"row without terms", "en,es,note\n,,just a note\n", []string{"x.csv:2: entry has no terms"}},
		{"single language", "en,es\nthread,\n", []string{`x.csv:2: entry has a term only in en ("thread"); add a translation or mark it do-not-translate`}},
		{"duplicate term ignoring case", "en,es\nthread,hilo\nThread,hebra\n", []string{`x.csv:3: en term "Thread" is already used by entry t`}},
		{"duplicate in a target column", "en,es\nthread,hilo\nstring,hilo\n", []string{`x.csv:3: es term "hilo" is already used by entry t`}},
		{"bad flag", "en,es,dnt\nParley,Parley,maybe\n", []string{`x.csv:2: dnt: "maybe" is not true or false`}},
		{"DNT with different terms", "en,ja,dnt\nParley,パーレー,true\n", []string{`x.csv:2: do-not-translate entry has "Parley" (en) and "パーレー" (ja)`}},
		{"control character", "en,es\n\"thread\tx\",hilo\n", []string{`x.csv:2: en term "thread\tx": contains a control character`}},
		{"too long", "en,es\n" + strings.Repeat("a", MaxTermBytes+1) + ",b\n", []string{"x.csv:2: en term", "longer than 1024 bytes"}},
		{"every problem is reported", "en,es\nthread,\nmessage,mensaje\nMessage,mensajes\n,\n", []string{
			"x.csv:2: entry has a term only in en",
			`x.csv:4: en term "Message" is already used by entry t`, "(line 3)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseCSV("x", "x.csv", strings.NewReader(tt.csv))
			if err == nil {
				t.Fatalf("no error; parsed %d entries", len(g.Entries))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			var ie *InvalidError
			if !errors.As(err, &ie) {
				t.Errorf("error %T is not an *InvalidError", err)
			}
		})
	}
}

func TestParseCSVAccepts(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		entries int
		check   func(t *testing.T, g *Glossary)
	}{
		{"byte order mark and spaces", "\ufeffen, es ,note\n thread , hilo ,x\n", 1, func(t *testing.T, g *Glossary) {
			if g.Languages[1].String() != "es" || g.Entries[0].Terms[0] != "thread" || g.Entries[0].Terms[1] != "hilo" {
				t.Errorf("got %v %q", g.Languages, g.Entries[0].Terms)
			}
		}},
		{"underscore tags", "en,pt_BR\nthread,conversa\n", 1, func(t *testing.T, g *Glossary) {
			if g.Languages[1].String() != "pt-BR" {
				t.Errorf("language = %v", g.Languages[1])
			}
		}},
		{"case-sensitive terms that differ in case are distinct", "en,es,case_sensitive\nPolish,polaco,true\npolish,pulir,true\n", 2, nil},
		{"DNT with repeated or empty cells", "en,es,fr,dnt\nParley,Parley,,yes\nGitHub,,,1\n", 2, func(t *testing.T, g *Glossary) {
			if !g.Entries[1].DoNotTranslate || g.Entries[1].Term() != "GitHub" {
				t.Errorf("entry = %+v", g.Entries[1])
			}
		}},
		{"quoted multi-line note keeps line numbers", "en,es,note\nthread,hilo,\"two\nlines\"\nmessage,mensaje,\n", 2, func(t *testing.T, g *Glossary) {
			if g.Entries[0].Note != "two\nlines" || g.Entries[1].Line != 4 {
				t.Errorf("entries = %+v", g.Entries)
			}
		}},
		{"blank spreadsheet rows are skipped", "en,es\nthread,hilo\n,\n , \n", 1, nil},
		{"terms are stored in NFC", "en,es\ncafe\u0301,cafeteri\u0301a\n", 1, func(t *testing.T, g *Glossary) {
			if g.Entries[0].Terms[0] != "café" {
				t.Errorf("term = %q", g.Entries[0].Terms[0])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseCSV("x", "x.csv", strings.NewReader(tt.csv))
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Entries) != tt.entries {
				t.Fatalf("entries = %d, want %d", len(g.Entries), tt.entries)
			}
			if tt.check != nil {
				tt.check(t, g)
			}
		})
	}
}

func TestLoadDirSkipsBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.csv", "en,es\nthread,hilo\n")
	write("broken.csv", "en,es\nthread,hilo\nThread,hebra\n")
	write("bad name.csv", "en,es\nthread,hilo\n")
	write("README.md", "not a glossary")
	if err := os.Mkdir(filepath.Join(dir, "sub.csv"), 0o755); err != nil {
		t.Fatal(err)
	}

	set, problems, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.List().Glossaries; len(got) != 1 || got[0].ID != "good" {
		t.Errorf("loaded %+v, want only good", got)
	}
	if len(problems) != 2 {
		t.Fatalf("problems = %v, want 2", problems)
	}
	text := problems[0].Error() + "\n" + problems[1].Error()
	for _, want := range []string{filepath.Join(dir, "broken.csv") + `:3: en term "Thread" is already used`, `glossary id "bad name"`} {
		if !strings.Contains(text, want) {
			t.Errorf("problems %q do not mention %q", text, want)
		}
	}

	if _, _, err := LoadDir(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing dir: err = %v, want ErrNotExist", err)
	}
}

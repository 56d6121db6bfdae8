package glossary

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
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

// TestNotesRoundTripLineBreaks: notes and descriptions are stored with LF
// line breaks whatever the input sent (CRLF, CR), because that is what
// every format reads back: the CSV reader turns a quoted CRLF into LF and
// XML every CR into LF.
func TestNotesRoundTripLineBreaks(t *testing.T) {
	const note = "a\r\nb\rc\n\nd"
	const want = "a\nb\nc\n\nd"
	entry := api.GlossaryEntry{ID: "t", Note: note, Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: "hilo"}}}
	g, rep := FromDoc(api.Glossary{ID: "x", Description: "one\r\ntwo", Entries: []api.GlossaryEntry{entry}})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	if g.Entries[0].Note != want || g.Description != "one\ntwo" {
		t.Fatalf("stored note %q description %q", g.Entries[0].Note, g.Description)
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			out := export(t, g, format)
			back := mustParseFormat(t, format, out, ParseOptions{})
			sameContent(t, g, back)
			if again := export(t, back, format); again != out {
				t.Errorf("second export differs:\n%q\n%q", out, again)
			}
		})
	}
	// Files written elsewhere may hold CR or CRLF line breaks too.
	for _, src := range []struct{ format, text string }{
		{api.FormatCSV, "en,es,note\r\nthread,hilo,\"a\r\nb\rc\n\nd\"\r\n"},
		{api.FormatTSV, "en\tes\tnote\nthread\thilo\ta\\r\\nb\\rc\\n\\nd\n"},
	} {
		g := mustParseFormat(t, src.format, src.text, ParseOptions{})
		if got := g.Entries[0].Note; got != want {
			t.Errorf("%s note %q, want %q", src.format, got, want)
		}
	}
}

// TestTermsRefuseInvisibleCharacters: terms and forbidden terms cannot
// hold line separators, bidirectional controls or other invisible format
// characters, so that no two terms look alike without being equal; a
// zero-width joiner or non-joiner is allowed between two visible
// characters, where Persian, Indic scripts and emoji sequences need it.
func TestTermsRefuseInvisibleCharacters(t *testing.T) {
	tests := []struct {
		term, forbidden string
		code            string // "" for accepted
	}{
		{"board\u200b", "", ProblemInvisible},        // zero-width space
		{"spoof\u202egnp.exe", "", ProblemInvisible}, // right-to-left override
		{"a\u2066b\u2069", "", ProblemInvisible},     // isolate
		{"\u200eboard", "", ProblemInvisible},        // left-to-right mark
		{"soft\u00adhyphen", "", ProblemInvisible},
		{"\ufeffboard", "", ProblemInvisible},
		{"board\u200d", "", ProblemInvisible}, // a joiner at the end joins nothing
		{"\u200cboard", "", ProblemInvisible}, // nor at the start
		{"a \u200d b", "", ProblemInvisible},  // nor beside a space
		{"line\u2028sep", "", ProblemBadChar}, // line separator
		{"para\u2029sep", "", ProblemBadChar}, // paragraph separator
		{"board", "tab\u200bla", ProblemInvisible},
		{"board", "line\u2028sep", ProblemBadChar},
		{"می\u200cخواهم", "", ""},     // Persian: zero-width non-joiner inside a word
		{"क्\u200dष", "", ""},         // Devanagari: zero-width joiner for a half form
		{"👩\u200d💻", "", ""},          // emoji sequence
		{"board", "بورد\u200cها", ""}, // forbidden terms follow the same rules
		// The other default-ignorable code points, as key names refuse them.
		{"board\u034f", "", ProblemInvisible},      // combining grapheme joiner
		{"a\u115fb", "", ProblemInvisible},         // Hangul choseong filler
		{"a\u3164b", "", ProblemInvisible},         // Hangul filler
		{"a\uffa0b", "", ProblemInvisible},         // halfwidth Hangul filler
		{"board\u2800", "", ProblemInvisible},      // braille blank
		{"board", "tab\u034fla", ProblemInvisible}, // in a forbidden term too
		// Variation selectors only after a character that takes them.
		{"board\ufe0f", "", ProblemInvisible},
		{"board\ufe0e", "", ProblemInvisible},
		{"\ufe0fboard", "", ProblemInvisible},
		{"❤\ufe0f\ufe0f", "", ProblemInvisible}, // a second one follows a selector
		{"a\ufe00", "", ProblemInvisible},       // standardized selector after a letter
		{"a\U000e0100", "", ProblemInvisible},   // ideographic selector after a letter
		{"a\u180b", "", ProblemInvisible},       // Mongolian selector after a Latin letter
		{"❤\ufe0f", "", ""},                     // emoji presentation
		{"☺\ufe0e", "", ""},                     // text presentation
		{"#\ufe0f\u20e3", "", ""},               // keycap
		{"1\ufe0f\u20e3 place", "", ""},         // keycap
		{"™\ufe0f", "", ""},                     // symbol
		{"‼\ufe0f", "", ""},                     // punctuation with an emoji form
		{"🏳\ufe0f\u200d🌈", "", ""},              // selector, then a joiner
		{"葛\U000e0100城", "", ""},                // ideographic variation sequence
		{"ᠠ\u180b", "", ""},                     // Mongolian free variation selector
	}
	for _, tt := range tests {
		t.Run(tt.term+tt.forbidden, func(t *testing.T) {
			term := api.GlossaryTerm{Language: "es", Text: "tablero"}
			if tt.forbidden != "" {
				term.Forbidden = []string{tt.forbidden}
			}
			_, rep := FromDoc(api.Glossary{ID: "x", Entries: []api.GlossaryEntry{{Terms: []api.GlossaryTerm{{Language: "en", Text: tt.term}, term}}}})
			if tt.code == "" {
				if err := rep.Err(); err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if rep.OK() || !hasProblem(rep, tt.code, "contains") {
				t.Errorf("want %s, got %+v", tt.code, rep.Problems)
			}
		})
	}
	// Two entries that differ only by an invisible character.
	_, rep := Parse(api.FormatCSV, strings.NewReader("en,es\nboard,tablero\nboard\u200b,panel\n"), ParseOptions{ID: "x"})
	if rep.OK() || !hasProblem(rep, ProblemInvisible, "U+200B") {
		t.Errorf("board and board+ZWSP: %+v", rep.Problems)
	}
}

// TestStoredGlossaryUnderOlderRulesLoads: a glossary stored before the
// invisible-character rules (a zero-width space or a line separator in a
// term) still loads from the store, with warnings, while a new write of
// the same content is refused.
func TestStoredGlossaryUnderOlderRulesLoads(t *testing.T) {
	d := api.Glossary{ID: "legacy", Entries: []api.GlossaryEntry{
		{ID: "a", Terms: []api.GlossaryTerm{{Language: "en", Text: "board\u200b"}, {Language: "es", Text: "tablero"}}},
		{ID: "b", Terms: []api.GlossaryTerm{{Language: "en", Text: "line\u2028sep"}, {Language: "es", Text: "línea"}}},
		{ID: "c", Terms: []api.GlossaryTerm{{Language: "en", Text: "board\u034f"}, {Language: "es", Text: "pizarra"}}},
		{ID: "d", Terms: []api.GlossaryTerm{{Language: "en", Text: "board\ufe0f"}, {Language: "es", Text: "panel"}}},
	}}
	if _, rep := FromDoc(d); rep.OK() {
		t.Fatal("a new write of the content is accepted")
	}
	data, _, err := encode(d)
	if err != nil {
		t.Fatal(err)
	}
	g, err := decode(data)
	if err != nil {
		t.Fatalf("the stored glossary does not load: %v", err)
	}
	if len(g.Entries) != 4 {
		t.Fatalf("%d entries loaded, want 4", len(g.Entries))
	}
}

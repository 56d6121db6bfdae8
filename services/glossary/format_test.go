package glossary

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// richCSV uses every column the model has.
const richCSV = `entry_id,en,es,de,forbidden:es,forbidden:de,dnt,case_sensitive,whole_word,inflection,part_of_speech,note
parley,Parley,Parley,Parley,,,true,true,,,properNoun,"Product name, never translated"
thread,thread,hilo,Thread,hebra|fibra,Faden,,,,stem,noun,
msg,message,mensaje,Nachricht,,,,,false,,noun,"Counts inside compounds: ""Direktnachricht"""
formula,=SUM(A1),'=SUMA(A1),+plus,-menos,@at,,,,,,"=HYPERLINK(""http://x"")"
quote,'tis,'tis es,'tis de,,,,,,prefix,other,"two
lines	and a tab \ and a backslash"
`

func mustParseFormat(t testing.TB, format, src string, opts ParseOptions) *Glossary {
	t.Helper()
	if opts.ID == "" {
		opts.ID = "x"
	}
	g, rep := Parse(format, strings.NewReader(src), opts)
	if err := rep.Err(); err != nil {
		t.Fatalf("parse %s: %v", format, err)
	}
	return g
}

func export(t testing.TB, g *Glossary, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Export(&b, g, format); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return b.String()
}

// sameContent compares what the formats carry: languages and entries.
func sameContent(t *testing.T, want, got *Glossary) {
	t.Helper()
	if !reflect.DeepEqual(want.Languages, got.Languages) {
		t.Fatalf("languages = %v, want %v", got.Languages, want.Languages)
	}
	if len(want.Entries) != len(got.Entries) {
		t.Fatalf("%d entries, want %d", len(got.Entries), len(want.Entries))
	}
	for i := range want.Entries {
		if !want.Entries[i].equal(&got.Entries[i]) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got.Entries[i], want.Entries[i])
		}
	}
}

func TestRoundTripEveryFormat(t *testing.T) {
	orig := mustParseFormat(t, api.FormatCSV, richCSV, ParseOptions{})
	if e := orig.Entries[3]; e.Terms[0] != "=SUM(A1)" || e.Terms[1] != "=SUMA(A1)" || e.Note != `=HYPERLINK("http://x")` {
		t.Fatalf("formula cells read as %q note %q", e.Terms, e.Note)
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			out := export(t, orig, format)
			back := mustParseFormat(t, format, out, ParseOptions{})
			sameContent(t, orig, back)
			if again := export(t, back, format); again != out {
				t.Errorf("second export differs:\n%s\n---\n%s", out, again)
			}
		})
	}
}

func TestCSVExportNeutralisesFormulas(t *testing.T) {
	g := mustParseFormat(t, api.FormatCSV, richCSV, ParseOptions{})
	for _, format := range []string{api.FormatCSV, api.FormatTSV} {
		out := export(t, g, format)
		sep := ","
		if format == api.FormatTSV {
			sep = "\t"
		}
		for i, line := range strings.Split(out, "\n") {
			for _, cell := range strings.Split(line, sep) {
				cell = strings.TrimPrefix(cell, `"`)
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("%s line %d: cell %q starts with a formula character", format, i+1, cell)
				}
			}
		}
	}
}

func TestShippedCSVExportsIdentically(t *testing.T) {
	for _, name := range []string{"parley-product.csv", "moderation.csv"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(shippedDir, name)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := ReadFile(path, ParseOptions{})
			if err := f.Err(); err != nil {
				t.Fatal(err)
			}
			if got := export(t, f.Glossary, f.Format); got != string(raw) {
				t.Errorf("export of %s differs from the file:\n%s", name, got)
			}
		})
	}
}

func TestShippedTBXLoads(t *testing.T) {
	f := ReadFile(filepath.Join(shippedDir, "support-macros.tbx"), ParseOptions{})
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	g := f.Glossary
	if g.Mode != OneWay || g.Scope.Kind() != api.ScopeTenant || len(g.Entries) < 5 {
		t.Fatalf("support-macros: mode %s scope %+v entries %d", g.Mode, g.Scope, len(g.Entries))
	}
	var forbidden int
	for _, e := range g.Entries {
		for _, fb := range e.Forbidden {
			forbidden += len(fb)
		}
	}
	if forbidden == 0 {
		t.Error("support-macros.tbx has no forbidden terms; it should show them")
	}
}

const tbxV2 = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>From a CAT tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="definition">Replies grouped under a message.</descrip>
      <langSet xml:lang="en-US"><tig><term>thread</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
      <langSet xml:lang="es">
        <tig><term>hilo</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>hebra</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
    <termEntry id="c2">
      <langSet xml:lang="en-US"><ntig><termGrp><term>direct <hi>message</hi></term><termNote type="partOfSpeech">noun</termNote></termGrp></ntig></langSet>
      <langSet xml:lang="es"><tig><term>mensaje directo</term></tig><tig><term>MD</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
    </termEntry>
  </body></text>
</martif>`

const tbxV3 = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBXcoreStructV03.rng" type="application/xml"?>
<tbx type="TBX-Basic" style="dca" xml:lang="de" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><titleStmt><title>t</title></titleStmt></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="k1">
      <note>Kanal in der App</note>
      <langSec xml:lang="de"><termSec><term>Kanal</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>channel</term></termSec>
        <termSec><term>room</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>`

func TestParseTBXEditions(t *testing.T) {
	g, rep := Parse(api.FormatTBX, strings.NewReader(tbxV2), ParseOptions{ID: "v2"})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	if len(g.Languages) != 2 || g.Languages[0].String() != "en-US" {
		t.Fatalf("languages %v", g.Languages)
	}
	e := g.Entries[0]
	if e.ID != "c1" || e.Terms[1] != "hilo" || strings.Join(e.Forbidden[1], ",") != "hebra" || e.PartOfSpeech != "noun" || e.Note != "Replies grouped under a message." {
		t.Errorf("entry c1 = %+v", e)
	}
	if e := g.Entries[1]; e.Terms[0] != "direct message" || e.Terms[1] != "mensaje directo" {
		t.Errorf("entry c2 = %+v", e)
	}
	if !hasProblem(rep, ProblemDropped, `synonym "MD" dropped`) {
		t.Errorf("no warning for the dropped synonym: %+v", rep.Problems)
	}

	g, rep = Parse("", strings.NewReader(tbxV3), ParseOptions{ID: "v3"})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	if g.Languages[0].String() != "de" || g.Entries[0].Terms[1] != "channel" || g.Entries[0].Forbidden[1][0] != "room" || g.Entries[0].Note != "Kanal in der App" {
		t.Errorf("v3 = %v %+v", g.Languages, g.Entries)
	}
}

func hasProblem(rep *Report, code, text string) bool {
	for _, p := range rep.Problems {
		if p.Code == code && strings.Contains(p.Message, text) {
			return true
		}
	}
	return false
}

func TestParseRefusesUnsafeXML(t *testing.T) {
	bomb := `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol2;</term></tig></langSet></termEntry></body></text></martif>`
	external := `<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><martif><text><body/></text></martif>`
	undeclared := `<?xml version="1.0"?><martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>`
	tests := []struct {
		name, doc, code string
	}{
		{"billion laughs", bomb, ProblemUnsafeXML},
		{"external entity", external, ProblemUnsafeXML},
		{"undeclared entity", undeclared, ProblemSyntax},
		{"wrong root", `<html/>`, ProblemSyntax},
		{"deep nesting", "<tbx><text>" + strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200) + "</text></tbx>", ProblemSyntax},
		{"unsupported encoding", `<?xml version="1.0" encoding="Shift_JIS"?><martif/>`, ProblemSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rep := Parse(api.FormatTBX, strings.NewReader(tt.doc), ParseOptions{ID: "x"})
			if rep.OK() || rep.Problems[0].Code != tt.code {
				t.Fatalf("report = %+v, want a %s error", rep.Problems, tt.code)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	big := "en,es\n" + strings.Repeat("thread,hilo\n", 1000)
	_, rep := Parse(api.FormatCSV, strings.NewReader(big), ParseOptions{ID: "x", MaxBytes: 1000})
	if rep.OK() || rep.Problems[0].Code != ProblemTooLarge || len(rep.Problems) != 1 {
		t.Errorf("over-size file: %+v", rep.Problems)
	}
	var b strings.Builder
	b.WriteString("en,es\n")
	for i := range 20 {
		fmt.Fprintf(&b, "term%d,termino%d\n", i, i)
	}
	_, rep = Parse(api.FormatCSV, strings.NewReader(b.String()), ParseOptions{ID: "x", MaxEntries: 10})
	if rep.OK() || !hasProblem(rep, ProblemTooMany, "more than 10 entries") {
		t.Errorf("too many entries: %+v", rep.Problems)
	}
	exact := "en,es\nthread,hilo\n"
	if _, rep := Parse(api.FormatCSV, strings.NewReader(exact), ParseOptions{ID: "x", MaxBytes: int64(len(exact))}); !rep.OK() {
		t.Errorf("a file of exactly the limit is refused: %+v", rep.Problems)
	}
}

func TestParsePairsAndTSV(t *testing.T) {
	// DeepL and Google two-column files have no header row.
	deepl := "thread\thilo\ndirect message\tmensaje \"directo\"\n"
	g := mustParseFormat(t, api.FormatTSV, deepl, ParseOptions{Source: "en", Target: "es", Mode: OneWay})
	if len(g.Entries) != 2 || g.Entries[1].Terms[1] != `mensaje "directo"` || g.Mode != OneWay {
		t.Fatalf("pairs = %+v", g.Entries)
	}
	_, rep := Parse(api.FormatTSV, strings.NewReader(deepl), ParseOptions{ID: "x"})
	if rep.OK() || !hasProblem(rep, ProblemBadHeader, "give the source and target languages") {
		t.Errorf("headerless pair file without languages: %+v", rep.Problems)
	}
	// In a one-way glossary targets may repeat; sources may not.
	g = mustParseFormat(t, api.FormatCSV, "DM,mensaje directo\ndirect message,mensaje directo\n", ParseOptions{Source: "en", Target: "es", Mode: OneWay})
	if len(g.Entries) != 2 {
		t.Errorf("one-way synonyms: %+v", g.Entries)
	}
	_, rep = Parse(api.FormatCSV, strings.NewReader("DM,mensaje directo\ndirect message,mensaje directo\n"), ParseOptions{ID: "x", Source: "en", Target: "es"})
	if rep.OK() || !hasProblem(rep, ProblemConflict, `es term "mensaje directo" is already used`) {
		t.Errorf("multilingual synonyms: %+v", rep.Problems)
	}
}

func TestValidationReport(t *testing.T) {
	src := "en,es,xx-!!,note\n"
	_, rep := Parse(api.FormatCSV, strings.NewReader(src), ParseOptions{ID: "x"})
	if !hasProblem(rep, ProblemBadLanguage, `"xx-!!" is not a BCP 47 language tag`) {
		t.Errorf("bad tag: %+v", rep.Problems)
	}
	src = "en,es,part_of_speech\n" +
		"thread,hilo,noun\n" + // 2
		"thread,hilo,noun\n" + // 3 duplicate: dropped with a warning
		"Thread,hebra,\n" + // 4 conflict
		",,\n" + // blank: skipped
		"lonely,,\n" + // 6 only one language
		strings.Repeat("x", MaxTermBytes+1) + ",y,\n" + // 7 too long
		"ok,bien,gerund\n" // 8 POS outside TBX-Basic: a warning
	_, rep = Parse(api.FormatCSV, strings.NewReader(src), ParseOptions{ID: "x"})
	want := []struct {
		code string
		line int
		sev  string
	}{
		{ProblemDuplicate, 3, api.SeverityWarning},
		{ProblemConflict, 4, api.SeverityError},
		{ProblemEmptyTerm, 6, api.SeverityError},
		{ProblemTooLong, 7, api.SeverityError},
		{ProblemBadValue, 8, api.SeverityWarning},
	}
	for _, w := range want {
		found := false
		for _, p := range rep.Problems {
			found = found || (p.Code == w.code && p.Line == w.line && p.Severity == w.sev)
		}
		if !found {
			t.Errorf("no %s %s on line %d in %+v", w.sev, w.code, w.line, rep.Problems)
		}
	}
	if rep.Errors != 3 || rep.Warnings != 2 {
		t.Errorf("errors %d warnings %d, want 3 and 2", rep.Errors, rep.Warnings)
	}
}

func TestReadDirWithSettings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("pairs.tsv", "thread\thilo\n")
	write("pairs.json", `{"name":"Pairs","mode":"one-way","source":"en","target":"es","scope":{"kind":"tenant","tenant":"acme"},"priority":5}`)
	write("typo.csv", "en,es\nthread,hilo\n")
	write("typo.json", `{"nmae":"x"}`)
	write("twice.csv", "en,es\nthread,hilo\n")
	write("twice.tbx", tbxV3)
	files, err := ReadDir(dir, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*File{}
	for _, f := range files {
		byName[filepath.Base(f.Path)] = f
	}
	p := byName["pairs.tsv"]
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	if g := p.Glossary; g.Name != "Pairs" || g.Mode != OneWay || g.Scope.Tenant != "acme" || g.Priority != 5 || len(g.Entries) != 1 {
		t.Errorf("pairs = %+v", g)
	}
	if err := byName["typo.csv"].Err(); err == nil || !strings.Contains(err.Error(), "unknown field") {
		t.Errorf("settings typo: %v", err)
	}
	if byName["twice.csv"].Err() == nil || byName["twice.tbx"].Err() == nil {
		t.Error("two files with one id were accepted")
	}
}

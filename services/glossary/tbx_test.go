package glossary

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// memoQTBX has what terminology tools write besides terms: subject fields,
// definitions beside notes, transaction history, contexts and term types.
const memoQTBX = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>memoQ export</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="m1">
      <descrip type="subjectField">Software</descrip>
      <descripGrp><descrip type="definition">A branch of a conversation.</descrip></descripGrp>
      <note>Use in the app only.</note>
      <transacGrp><transac type="transactionType">origination</transac><date>2024-01-01</date><transacNote type="responsibility">anna</transacNote></transacGrp>
      <langSet xml:lang="en">
        <tig><term>thread</term><termNote type="termType">fullForm</termNote><descrip type="context">Reply in a thread.</descrip></tig>
      </langSet>
      <langSet xml:lang="es">
        <descrip type="definition">Rama de una conversación.</descrip>
        <tig><term>hilo</term></tig>
      </langSet>
    </termEntry>
    <termEntry id="m2">
      <descrip type="subjectField">Software</descrip>
      <admin type="customerSubset"> </admin>
      <langSet xml:lang="en"><tig><term>channel</term><termNote type="termType">fullForm</termNote></tig></langSet>
      <langSet xml:lang="es"><tig><term>canal</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>`

// Content that is not kept is reported, once per kind and level per file;
// a definition beside a note is kept in the note, and the note reads back
// the same from Parley's export.
func TestTBXDroppedContent(t *testing.T) {
	g, rep := Parse(api.FormatTBX, strings.NewReader(memoQTBX), ParseOptions{ID: "m"})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	if note := g.Entries[0].Note; note != "Use in the app only.\nA branch of a conversation." {
		t.Errorf("note = %q", note)
	}
	want := []string{
		`<descrip type="subjectField"> in entries`,
		`<transacGrp> in entries`,
		`<termNote type="termType"> in terms`,
		`<descrip type="context"> in terms`,
		`<descrip type="definition"> in language sections`,
	}
	var dropped []string
	for _, p := range rep.Problems {
		if p.Code == ProblemDropped {
			dropped = append(dropped, p.Message)
		}
	}
	if len(dropped) != len(want) || rep.Warnings != len(want) {
		t.Errorf("%d warnings, want one per kind (%d):\n%s", rep.Warnings, len(want), strings.Join(dropped, "\n"))
	}
	for _, w := range want {
		if !hasProblem(rep, ProblemDropped, w) {
			t.Errorf("no dropped warning for %s", w)
		}
	}
	if p := rep.Problems[0]; p.Line != 6 {
		t.Errorf("the first warning is on line %d, want 6 (the first subject field)", p.Line)
	}

	// Parley's own export carries only what it keeps: no warnings, and the
	// joined note is the same.
	back, rep := Parse(api.FormatTBX, strings.NewReader(export(t, g, api.FormatTBX)), ParseOptions{ID: "m"})
	if err := rep.Err(); err != nil || rep.Warnings != 0 {
		t.Fatalf("re-read of the export: %v %+v", err, rep.Problems)
	}
	sameContent(t, g, back)
}

// A TBX file's title and description are the name and description of the
// glossary it is read into; Parley writes them, and no title without a
// name (the id must not become a copy's name).
func TestTBXNameAndDescription(t *testing.T) {
	g := mustParseFormat(t, api.FormatCSV, "en,es\nthread,hilo\n", ParseOptions{ID: "rich"})
	g.Name, g.Description = `Rich,  "quoted" & <more>`, "Two lines:\nthe second."
	for _, format := range []string{api.FormatTBX, api.FormatTBXv2} {
		back := mustParseFormat(t, format, export(t, g, format), ParseOptions{ID: "copy"})
		if back.Name != g.Name || back.Description != g.Description {
			t.Errorf("%s: name %q, description %q", format, back.Name, back.Description)
		}
	}
	g.Name = ""
	if out := export(t, g, api.FormatTBX); strings.Contains(out, "<title>") {
		t.Errorf("a glossary without a name exports a title:\n%s", out)
	}
	if back := mustParseFormat(t, api.FormatTBX, export(t, g, api.FormatTBX), ParseOptions{ID: "copy"}); back.Name != "" {
		t.Errorf("name of a copy of an unnamed glossary = %q", back.Name)
	}
	// A title that cannot be a name is dropped with a warning, not an error.
	long := strings.Replace(tbxV3, "<title>t</title>", "<title>"+strings.Repeat("x", MaxNameBytes+1)+"</title>", 1)
	back, rep := Parse(api.FormatTBX, strings.NewReader(long), ParseOptions{ID: "v3"})
	if !rep.OK() || back.Name != "" || !hasProblem(rep, ProblemDropped, "<title> is not kept") {
		t.Errorf("long title: name %q, %+v", back.Name, rep.Problems)
	}
}

package glossary

import (
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// mergeTestGlossary is the localization lead's repro: an entry with a
// note, part of speech and stem inflection, and a do-not-translate,
// case-sensitive brand with a note.
func mergeTestGlossary() api.Glossary {
	srv := entry("srv", "en", "server", "de", "Server", "fr", "serveur")
	srv.Inflection, srv.PartOfSpeech, srv.Note = api.InflectionStem, "noun", "Team note: keep"
	srv.Terms[2].Forbidden = []string{"servuer"}
	brand := entry("brand", "en", "Parley")
	brand.DoNotTranslate, brand.CaseSensitive, brand.Note = true, true, "brand"
	return api.Glossary{ID: "mergetest", Languages: []string{"en", "de", "fr"}, Entries: []api.GlossaryEntry{srv, brand}}
}

// A merge import replaces only what the file carries of an entry (CSV
// columns, TBX elements) and keeps the stored values of everything else;
// the dry run names the fields that change.
func TestManagerMergeKeepsFieldsTheFileLacks(t *testing.T) {
	vendorTBX := `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="srv"><langSec xml:lang="en"><termSec><term>server</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>serveur informatique</term></termSec></langSec></conceptEntry>
<conceptEntry id="brand"><langSec xml:lang="en"><termSec><term>Parley</term></termSec></langSec>
<langSec xml:lang="de"><termSec><term>Parley</term></termSec></langSec></conceptEntry>
</body></text></tbx>`
	adminTBX := `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="srv"><note>Vendor note</note><admin type="x-parley-inflection">exact</admin>
<langSec xml:lang="en"><termSec><term>server</term><termNote type="partOfSpeech">verb</termNote></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>serveur</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>
<conceptEntry id="brand"><admin type="x-parley-caseSensitive">false</admin><langSec xml:lang="en"><termSec><term>Parley</term></termSec></langSec></conceptEntry>
</body></text></tbx>`

	type want struct {
		id                 string
		terms              string // language=text;... of the entry after the merge
		forbidden          string // language=a|b;...
		dnt, caseSensitive bool
		inflection, pos    string
		wholeWord          bool
		note               string
	}
	srvKept := want{id: "srv", terms: "en=server;de=Server;fr=serveur informatique", forbidden: "fr=servuer", inflection: "stem", pos: "noun", wholeWord: true, note: "Team note: keep"}
	brandKept := want{id: "brand", terms: "en=Parley;de=Parley", dnt: true, caseSensitive: true, wholeWord: true, note: "brand"}
	tests := []struct {
		name, format, file string
		fields             map[string]string // entry -> changed fields, as the dry run lists them
		want               []want
	}{
		{"csv without the other columns", "csv", "entry_id,en,fr\nsrv,server,serveur informatique\n",
			map[string]string{"srv": "terms.fr"},
			[]want{srvKept, {id: "brand", terms: "en=Parley", dnt: true, caseSensitive: true, wholeWord: true, note: "brand"}}},
		{"csv of a do-not-translate entry", "csv", "entry_id,en,de\nbrand,Parley,Parley\n",
			map[string]string{"brand": "terms.de"},
			[]want{{id: "srv", terms: "en=server;de=Server;fr=serveur", forbidden: "fr=servuer", inflection: "stem", pos: "noun", wholeWord: true, note: "Team note: keep"}, brandKept}},
		{"csv columns present replace, blank cells too", "csv", "entry_id,en,fr,forbidden:fr,note,whole_word,dnt\nsrv,server,serveur,,,false,\n",
			map[string]string{"srv": "forbidden.fr,whole_word,inflection,note"},
			[]want{{id: "srv", terms: "en=server;de=Server;fr=serveur", wholeWord: false, inflection: "", pos: "noun"}, {id: "brand", terms: "en=Parley", dnt: true, caseSensitive: true, wholeWord: true, note: "brand"}}},
		{"vendor tbx with terms only", "tbx", vendorTBX,
			map[string]string{"srv": "terms.fr", "brand": "terms.de"},
			[]want{srvKept, brandKept}},
		{"tbx with some elements", "tbx", adminTBX,
			map[string]string{"srv": "forbidden.fr,inflection,part_of_speech,note", "brand": "case_sensitive"},
			[]want{{id: "srv", terms: "en=server;de=Server;fr=serveur", wholeWord: true, pos: "verb", note: "Vendor note"}, {id: "brand", terms: "en=Parley", dnt: true, wholeWord: true, note: "brand"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newManager(t, nil)
			ctx := bg(t)
			mustCreate(t, m, mergeTestGlossary())
			req := &api.GlossaryImportRequest{ID: "mergetest", Author: "a", Format: tt.format, Merge: true, DryRun: true}
			dry, err := m.Import(ctx, req, []byte(tt.file))
			if err != nil || !dry.Valid || dry.Changed != len(tt.fields) {
				t.Fatalf("dry run = %+v %v", dry, err)
			}
			got := map[string]string{}
			for _, c := range dry.ChangedFields {
				got[c.ID] = strings.Join(c.Fields, ",")
			}
			if len(got) != len(tt.fields) {
				t.Errorf("changed fields = %v, want %v", got, tt.fields)
			}
			for id, f := range tt.fields {
				if got[id] != f {
					t.Errorf("changed fields of %s = %q, want %q", id, got[id], f)
				}
			}
			req.DryRun = false
			if rep, err := m.Import(ctx, req, []byte(tt.file)); err != nil || rep.Change == nil {
				t.Fatalf("import = %+v %v", rep, err)
			}
			for _, w := range tt.want {
				res, err := m.Entry(ctx, &api.GlossaryEntryRequest{ID: "mergetest", Entry: w.id})
				if err != nil {
					t.Fatal(err)
				}
				e := res.Entry
				var terms, forbidden []string
				for _, term := range e.Terms {
					if term.Text != "" {
						terms = append(terms, term.Language+"="+term.Text)
					}
					if len(term.Forbidden) > 0 {
						forbidden = append(forbidden, term.Language+"="+strings.Join(term.Forbidden, "|"))
					}
				}
				g := want{id: e.ID, terms: strings.Join(terms, ";"), forbidden: strings.Join(forbidden, ";"), dnt: e.DoNotTranslate,
					caseSensitive: e.CaseSensitive, inflection: e.Inflection, pos: e.PartOfSpeech, wholeWord: e.WholeWord == nil || *e.WholeWord, note: e.Note}
				if g != w {
					t.Errorf("entry after the merge:\n got %+v\nwant %+v", g, w)
				}
			}
		})
	}
}

// A glossary's own TBX export leaves out the elements of default values
// (no admin element for a flag that is off, no note when there is none):
// merged back, it carries every field, so a flag turned off in the file
// is turned off. (A CSV or TSV export has only the columns some entry
// needs, and a column a file does not have keeps the stored values.)
func TestManagerMergeParleyExport(t *testing.T) {
	m := newManager(t, nil)
	ctx := bg(t)
	mustCreate(t, m, mergeTestGlossary())
	other := mergeTestGlossary()
	other.ID = "other"
	other.Entries[1].CaseSensitive, other.Entries[1].Note = false, ""
	other.Entries[0].Inflection, other.Entries[0].Note = "", ""
	mustCreate(t, m, other)
	for _, format := range []string{api.FormatTBX, api.FormatTBXv2} {
		exp, err := m.Export(ctx, &api.GlossaryExportRequest{ID: "other", Format: format})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "mergetest", Author: "a", Format: format, Merge: true, DryRun: true}, exp.Data)
		if err != nil || rep.Changed != 2 {
			t.Fatalf("%s: dry run = %+v %v", format, rep, err)
		}
		var got []string
		for _, c := range rep.ChangedFields {
			got = append(got, c.ID+":"+strings.Join(c.Fields, ","))
		}
		if want := []string{"srv:inflection,note", "brand:case_sensitive,note"}; !slices.Equal(got, want) {
			t.Errorf("%s: changed fields %v, want %v", format, got, want)
		}
	}
}

package quality_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/quality/gettext"
)

func TestCatalogSegments(t *testing.T) {
	msgs := []gettext.Message{
		{ID: "cannot remove %s: permission denied", Translations: []string{"no se puede borrar %s: permiso denegado"}},
		{ID: "The file was copied successfully.\n", Translations: []string{"El fichero se copió correctamente.\n"}},
		{ID: "copy %s to %s", Translations: []string{"copiar a %s"}},                                     // drops a placeholder
		{ID: "  -a, --all      do not ignore entries", Translations: []string{"  -a, --all  no ignora"}}, // option table
		{ID: "Usage: %s [OPTION]...\nList information.", Translations: []string{"Uso: %s\nLista."}},      // multi-line
		{ID: "%d file removed", Plural: "%d files removed", Translations: []string{"%d fichero", "%d ficheros"}},
		{ID: "Hello world again", Translations: []string{"Hello world again"}},  // untranslated copy
		{ID: "ok", Translations: []string{"vale"}},                              // too short
		{ID: "_Open the file now", Translations: []string{"_Abrir el fichero"}}, // accelerator
		{Context: "button", ID: "Save all open documents", Translations: []string{"Guardar todos los documentos abiertos"}},
	}
	cat, err := gettext.Parse(gettext.Encode("Content-Type: text/plain; charset=UTF-8\n", msgs))
	if err != nil {
		t.Fatal(err)
	}
	segs := quality.CatalogSegments("coreutils", "es", cat, quality.DevSetOptions{})
	var got []string
	for _, s := range segs {
		got = append(got, s.Source+" => "+s.References[0])
		if s.SourceLang != "en" || s.TargetLang != "es" || !s.HasTag("gettext") || !s.HasTag("coreutils") || s.Origin != "gettext:coreutils" {
			t.Errorf("segment %+v", s)
		}
	}
	want := []string{
		"cannot remove %s: permission denied => no se puede borrar %s: permiso denegado",
		"The file was copied successfully. => El fichero se copió correctamente.",
		"Save all open documents => Guardar todos los documentos abiertos",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !segs[0].HasTag(quality.TagEntity) || segs[1].HasTag(quality.TagEntity) {
		t.Errorf("entity tags: %v / %v", segs[0].Tags, segs[1].Tags)
	}
}

func TestBuildDevSet(t *testing.T) {
	mk := func(id, src, tgt string) quality.Segment {
		return quality.Segment{ID: id, Source: src, SourceLang: "en", TargetLang: tgt, References: []string{"x"}}
	}
	a := []quality.Segment{mk("a1", "one", "es"), mk("a2", "two", "es"), mk("a3", "three", "es"), mk("a4", "one", "fr")}
	b := []quality.Segment{mk("b1", "one", "es"), mk("b2", "four", "es")}
	all := quality.BuildDevSet([][]quality.Segment{a, b}, 0)
	if len(all) != 5 { // "one" into es appears twice
		t.Fatalf("%d segments: %+v", len(all), all)
	}
	capped := quality.BuildDevSet([][]quality.Segment{a, b}, 2)
	pairs := map[string]int{}
	for _, s := range capped {
		pairs[s.Pair()]++
	}
	if pairs["en-es"] != 2 || pairs["en-fr"] != 1 {
		t.Errorf("pairs %v", pairs)
	}
	again := quality.BuildDevSet([][]quality.Segment{b, a}, 2)
	if len(again) != len(capped) || again[0].Pair() != capped[0].Pair() {
		t.Errorf("selection depends on input order: %v vs %v", again, capped)
	}
}

// TestSystemCatalogsMakeADevSet builds a dev set from the catalogs Debian
// installed on this machine, when it has them.
func TestSystemCatalogsMakeADevSet(t *testing.T) {
	path := "/usr/share/locale/es/LC_MESSAGES/coreutils.mo"
	if _, err := os.Stat(path); err != nil {
		t.Skip("no Spanish coreutils catalog in /usr/share/locale")
	}
	cat, err := gettext.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	segs := quality.BuildDevSet([][]quality.Segment{quality.CatalogSegments("coreutils", "es", cat, quality.DevSetOptions{})}, 50)
	if len(segs) != 50 {
		t.Fatalf("%d segments from %d messages", len(segs), len(cat.Messages))
	}
	out := filepath.Join(t.TempDir(), "dev.jsonl")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := quality.WriteTestSet(f, segs); err != nil {
		t.Fatal(err)
	}
	f.Close()
	set, err := quality.LoadTestSet(out)
	if err != nil || len(set.Segments) != 50 {
		t.Fatalf("written dev set does not load: %v", err)
	}
}

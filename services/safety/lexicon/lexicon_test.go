package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	fsys := fstest.MapFS{
		"LICENSE":         {Data: []byte("licence text")},
		"README.md":       {Data: []byte("# attribution")},
		"fr":              {Data: []byte("merde\n  con \n\nmerde\n")},
		"fr-CA-u-sd-caqc": {Data: []byte("tabarnak\ncon")},
		"en":              {Data: []byte("# a comment line\nshit\n")},
	}
	lists, err := Parse(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(lists) != 2 || lists[0].Lang != "en" || lists[1].Lang != "fr" {
		t.Fatalf("lists = %+v", lists)
	}
	fr := lists[1]
	if got := strings.Join(fr.Entries, ","); got != "merde,con,tabarnak" {
		t.Errorf("fr entries = %q", got)
	}
	if got := strings.Join(fr.Files, ","); got != "fr,fr-CA-u-sd-caqc" {
		t.Errorf("fr files = %q", got)
	}
	if got := strings.Join(lists[0].Entries, ","); got != "shit" {
		t.Errorf("en entries = %q", got)
	}
}

func TestParseRejectsUnknownFiles(t *testing.T) {
	_, err := Parse(fstest.MapFS{"en": {Data: []byte("x")}, "notes.txt": {Data: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), `"notes.txt"`) {
		t.Fatalf("err = %v, want a complaint about notes.txt", err)
	}
}

func TestEmbeddedLists(t *testing.T) {
	lists, err := Lists()
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]List{}
	for _, l := range lists {
		langs[l.Lang] = l
		if len(l.Entries) == 0 {
			t.Errorf("%s has no entries", l.Lang)
		}
		for _, e := range l.Entries {
			if e != strings.TrimSpace(e) || e == "" {
				t.Errorf("%s entry %q is not trimmed", l.Lang, e)
			}
		}
	}
	// 28 upstream files; the Québec list joins French.
	if len(lists) != 27 {
		t.Errorf("got %d lists, want 27", len(lists))
	}
	for _, want := range []string{"ar", "de", "en", "es", "fil", "fr", "ja", "ko", "no", "ru", "th", "tlh", "zh"} {
		if _, ok := langs[want]; !ok {
			t.Errorf("no list for %s", want)
		}
	}
	if fr := langs["fr"]; len(fr.Files) != 2 {
		t.Errorf("fr files = %v, want fr and fr-CA-u-sd-caqc", fr.Files)
	}
	if !strings.Contains(License(), "Attribution 4.0 International") {
		t.Error("embedded LICENSE is not CC BY 4.0")
	}
}

package lexicon

import (
	"slices"
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
	// 28 upstream files; the Québec list joins French. Plus Parley's own
	// four, named as such.
	if len(lists) != 31 {
		t.Errorf("got %d lists, want 31", len(lists))
	}
	for _, lang := range []string{"he", "id", "uk", "vi"} {
		if l := langs[lang]; l.Source != OwnName || l.Name() != "parley:"+lang || len(l.Grades) == 0 {
			t.Errorf("own list %s: source %q, name %s, %d grades", lang, l.Source, l.Name(), len(l.Grades))
		}
	}
	if en := langs["en"]; en.Name() != "ldnoobw:en" || en.Grade("kill myself") != (Grade{"high", "self_harm"}) {
		t.Errorf("en: name %s, kill myself graded %+v", en.Name(), en.Grade("kill myself"))
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

func TestApplyGrades(t *testing.T) {
	lists := func() []List {
		return []List{{Lang: "en", Entries: []string{"shit", "Big Word"}}, {Lang: "fr", Entries: []string{"con"}}}
	}
	ls := lists()
	err := ApplyGrades(fstest.MapFS{
		"en.tsv":    {Data: []byte("# comment\nbig word\thigh\thate\n\n")},
		"fr.tsv":    {Data: []byte("con\tlow\tprofanity\r\n")},
		"README.md": {Data: []byte("not a grade file")},
	}, ls)
	if err != nil {
		t.Fatal(err)
	}
	if g := ls[0].Grade("Big Word"); g != (Grade{"high", "hate"}) {
		t.Errorf("graded entry = %+v", g)
	}
	if g := ls[0].Grade("shit"); g != DefaultGrade {
		t.Errorf("ungraded entry = %+v", g)
	}
	if g := ls[1].Grade("con"); g.Severity != "low" {
		t.Errorf("CRLF line = %+v", g)
	}

	for name, file := range map[string]string{
		"unknown entry":    "nope\tlow\tprofanity",
		"unknown severity": "shit\tsevere\tprofanity",
		"unknown category": "shit\tlow\tswearing",
		"missing column":   "shit\tlow",
		"graded twice":     "shit\tlow\tprofanity\nSHIT\thigh\tprofanity",
	} {
		t.Run(name, func(t *testing.T) {
			if err := ApplyGrades(fstest.MapFS{"en.tsv": {Data: []byte(file)}}, lists()); err == nil {
				t.Error("accepted")
			}
		})
	}
	if err := ApplyGrades(fstest.MapFS{"xx.tsv": {Data: []byte("a\tlow\tprofanity")}}, lists()); err == nil {
		t.Error("grades for a language without a list accepted")
	}
}

func TestEmbeddedGrades(t *testing.T) {
	lists, err := Lists()
	if err != nil {
		t.Fatal(err)
	}
	graded := map[string]int{}
	for _, l := range lists {
		graded[l.Lang] = len(l.Grades)
	}
	// Every English entry that is not plain vulgar profanity is graded,
	// and the main chat languages have their slurs and everyday words.
	for lang, least := range map[string]int{"en": 300, "es": 40, "fr": 60, "de": 50, "it": 80, "pt": 50, "nl": 50, "ru": 20, "tr": 10, "pl": 10} {
		if graded[lang] < least {
			t.Errorf("%s: %d graded entries, want at least %d", lang, graded[lang], least)
		}
	}
	en := lists[slices.IndexFunc(lists, func(l List) bool { return l.Lang == "en" })]
	for entry, want := range map[string]Grade{
		"nigger": {"high", "hate"}, "rape": {"high", "sex_crimes"}, "jailbait": {"high", "child_exploitation"},
		"porn": {"medium", "sexual_content"}, "sexy": {"low", "sexual_content"}, "tied up": {"none", "profanity"},
		"fuck": DefaultGrade,
	} {
		if got := en.Grade(entry); got != want {
			t.Errorf("en %q = %+v, want %+v", entry, got, want)
		}
	}
}

func TestApplyAdditions(t *testing.T) {
	lists := func() []List {
		return []List{{Lang: "en", Entries: []string{"shit"}}, {Lang: "ru", Entries: []string{"блядь"}}}
	}
	ls := lists()
	err := ApplyAdditions(fstest.MapFS{
		"ru":        {Data: []byte("# Parley's\nсука\r\n\n  пиздец \n")},
		"README.md": {Data: []byte("not a list")},
	}, ls)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ls[1].Entries, ","); got != "блядь,сука,пиздец" {
		t.Errorf("ru entries = %q", got)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"no list":        {"xx": {Data: []byte("word")}},
		"already listed": {"en": {Data: []byte("SHIT")}},
		"listed twice":   {"en": {Data: []byte("crap\ncrap")}},
	} {
		t.Run(name, func(t *testing.T) {
			if err := ApplyAdditions(fsys, lists()); err == nil {
				t.Error("accepted")
			}
		})
	}
}

// TestEmbeddedAdditions: Parley's additions are in their lists, graded
// where grades/ says so.
func TestEmbeddedAdditions(t *testing.T) {
	lists, err := Lists()
	if err != nil {
		t.Fatal(err)
	}
	byLang := map[string]List{}
	for _, l := range lists {
		byLang[l.Lang] = l
	}
	for lang, words := range map[string][]string{"ru": {"сука", "пиздец"}, "es": {"joder"}, "ja": {"くそったれ", "クソッタレ"}, "ar": {"حقير"}} {
		for _, w := range words {
			if !slices.Contains(byLang[lang].Entries, w) {
				t.Errorf("%s lacks %q", lang, w)
			}
		}
	}
	if ar := byLang["ar"]; ar.Grade("حقير") != (Grade{"low", "profanity"}) {
		t.Errorf("ar حقير = %+v", ar.Grade("حقير"))
	}
}

func TestAddOwn(t *testing.T) {
	lists := []List{{Lang: "en", Entries: []string{"shit"}}, {Lang: "fr", Entries: []string{"con"}}}
	got, err := AddOwn(fstest.MapFS{"README.md": {Data: []byte("# own")}, "vi": {Data: []byte("# c\nđéo\n")}}, lists)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2].Lang != "vi" || got[2].Source != OwnName || !slices.Equal(got[2].Entries, []string{"đéo"}) || got[2].Name() != "parley:vi" {
		t.Fatalf("lists = %+v", got)
	}
	// A language LDNOOBW has a list for is merged by hand, not twice.
	if _, err := AddOwn(fstest.MapFS{"fr": {Data: []byte("merde")}}, lists); err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("own fr list: err = %v", err)
	}
}

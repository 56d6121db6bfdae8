package glossary

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// Apostrophe and hyphen variants (’ ‘ ʼ ＇, ‐ ‑) compare as the ASCII
// character, in the source, in the translation and in entry searches;
// offsets and repairs stay those of the text as sent.
func TestApostropheAndHyphenVariants(t *testing.T) {
	g := mustParse(t, "net", "entry_id,en,fr,forbidden:fr\nap,access point,point d'accès,point d'access\nmail,e-mail,courriel,\nbrand,Parley's hub,le hub de Parley,\n")
	set := NewSet(g)

	prepTests := []struct {
		name, text, source string
	}{
		{"right single quotation mark", "Parley’s hub is up", "Parley’s hub"},
		{"left single quotation mark", "Parley‘s hub is up", "Parley‘s hub"},
		{"modifier letter apostrophe", "Parleyʼs hub is up", "Parleyʼs hub"},
		{"fullwidth apostrophe", "Parley＇s hub is up", "Parley＇s hub"},
		{"ASCII", "Parley's hub is up", "Parley's hub"},
		{"hyphen", "send an e‐mail", "e‐mail"},
		{"non-breaking hyphen", "send an e‑mail", "e‑mail"},
	}
	for _, tt := range prepTests {
		t.Run("prepare "+tt.name, func(t *testing.T) {
			resp := prep(t, set, api.GlossaryPrepareRequest{Text: tt.text, Source: "en", Target: "fr"})
			if len(resp.Matches) != 1 {
				t.Fatalf("matches = %+v", resp.Matches)
			}
			m := resp.Matches[0]
			if m.Source != tt.source || tt.text[m.Start:m.End] != tt.source {
				t.Errorf("match %q at [%d,%d), want %q", m.Source, m.Start, m.End, tt.source)
			}
		})
	}

	ap := api.TermMatch{Glossary: "net", Entry: "ap", Source: "access point", Target: "point d'accès", Forbidden: []string{"point d'access"}}
	verifyTests := []struct {
		name, translation, status, repaired string
		found                               []string
	}{
		{"typographic apostrophe applies", "Le point d’accès est prêt", api.TermApplied, "", nil},
		{"modifier letter apostrophe applies", "Le point dʼaccès est prêt", api.TermApplied, "", nil},
		{"forbidden with a typographic apostrophe is repaired", "Le point d’access est prêt", api.TermRepaired, "Le point d'accès est prêt", nil},
		{"after a multi-byte character", "Ça: point d’access", api.TermRepaired, "Ça: point d'accès", nil},
	}
	for _, tt := range verifyTests {
		t.Run("verify "+tt.name, func(t *testing.T) {
			rep, err := set.Verify(&api.GlossaryVerifyRequest{Translation: tt.translation, Target: "fr", Matches: []api.TermMatch{ap}})
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Terms[0].Status; got != tt.status || rep.Repaired != tt.repaired {
				t.Errorf("status %s, repaired %q; want %s, %q", got, rep.Repaired, tt.status, tt.repaired)
			}
			for _, r := range rep.Repairs {
				if tt.translation[r.Start:r.End] != r.From {
					t.Errorf("repair %+v does not point at %q in the translation", r, r.From)
				}
			}
		})
	}

	m := newManager(t, nil)
	ctx := bg(t)
	if _, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "net", Author: "a", Format: "csv"}, []byte("entry_id,en,fr\nap,access point,point d'accès\n")); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"point d’accès", "point dʼaccès", "point d'accès"} {
		res, err := m.Entries(ctx, &api.GlossaryEntriesRequest{ID: "net", Query: q})
		if err != nil || res.Total != 1 {
			t.Errorf("search %q: %+v %v", q, res, err)
		}
	}
}

// Folding makes two spellings one term: a new write with both is a
// conflict, but a glossary stored with both still loads (with a warning),
// and derived ids do not change.
func TestApostropheFoldingAndStoredGlossaries(t *testing.T) {
	d := api.Glossary{ID: "legacy", Entries: []api.GlossaryEntry{
		entry("a", "en", "access point", "fr", "point d'accès"),
		entry("b", "en", "hotspot", "fr", "point d’accès"),
	}}
	if _, rep := FromDoc(d); rep.OK() {
		t.Fatal("a new write with both spellings is accepted")
	}
	data, _, err := encode(d)
	if err != nil {
		t.Fatal(err)
	}
	g, err := decode(data)
	if err != nil || len(g.Entries) != 2 {
		t.Fatalf("the stored glossary does not load: %v", err)
	}

	// Derived ids hash the term as before the folding (the typographic
	// apostrophe, not the ASCII one), so that they do not change.
	g1 := mustParse(t, "x", "fr,en\npoint d’accès,access point\n")
	sum := sha256.Sum256([]byte("fr\x00point d’accès"))
	if id, want := g1.Entries[0].ID, "t"+hex.EncodeToString(sum[:6]); id != want {
		t.Errorf("derived id = %s, want %s", id, want)
	}
}

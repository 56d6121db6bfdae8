package glossary

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// testCSV is a small glossary that exercises case, accents, DNT, longest
// match, a CJK column and a Korean column.
const testCSV = `en,es,de,ja,ko,dnt,case_sensitive,note
Parley,,,,,true,true,product
Parley Cloud,,,,,true,true,edition
GitHub,,,,,true,,brand
thread,hilo,Thread,スレッド,스레드,,,
direct message,mensaje directo,Direktnachricht,ダイレクトメッセージ,다이렉트 메시지,,,
message,mensaje,Nachricht,メッセージ,메시지,,,
café,cafetería,Café,カフェ,카페,,,
street,calle,Straße,通り,거리,,,
`

func mustParse(t testing.TB, id, src string) *Glossary {
	t.Helper()
	g, err := ParseCSV(id, id+".csv", strings.NewReader(src))
	if err != nil {
		t.Fatalf("parse %s: %v", id, err)
	}
	return g
}

func testSet(t testing.TB) *Set {
	t.Helper()
	return NewSet(mustParse(t, "test", testCSV))
}

type wantMatch struct {
	source string
	target string
	dnt    bool
}

func TestPrepareMatching(t *testing.T) {
	set := testSet(t)
	tests := []struct {
		name     string
		text     string
		src, tgt string
		want     []wantMatch
	}{
		{"simple", "Open the thread", "en", "es", []wantMatch{{"thread", "hilo", false}}},
		{"upper case", "THREAD closed", "en", "es", []wantMatch{{"THREAD", "hilo", false}}},
		{"not inside a longer word", "threaded replies and subthread", "en", "es", nil},
		{"punctuation is a boundary", "(thread), \"thread\" and thread's", "en", "es",
			[]wantMatch{{"thread", "hilo", false}, {"thread", "hilo", false}, {"thread", "hilo", false}}},
		// #thread is a hashtag, which the translator keeps as it is.
		{"not inside a hashtag", "#thread", "en", "es", nil},
		{"longest match wins", "Send a direct message", "en", "es", []wantMatch{{"direct message", "mensaje directo", false}}},
		{"longest and shorter both present", "A message, then a direct message", "en", "de",
			[]wantMatch{{"message", "Nachricht", false}, {"direct message", "Direktnachricht", false}}},
		{"white space inside a term", "a direct \t message", "en", "es", []wantMatch{{"direct \t message", "mensaje directo", false}}},
		{"case-sensitive DNT", "Parley says: let us parley", "en", "es", []wantMatch{{"Parley", "", true}}},
		{"longest DNT", "Try Parley Cloud", "en", "es", []wantMatch{{"Parley Cloud", "", true}}},
		{"case-insensitive DNT keeps the text's spelling", "Link github repos", "en", "es", []wantMatch{{"github", "", true}}},
		{"accented term", "Meet at the café", "en", "es", []wantMatch{{"café", "cafetería", false}}},
		{"decomposed accent matches", "Meet at the cafe\u0301!", "en", "es", []wantMatch{{"cafe\u0301", "cafetería", false}}},
		{"missing accent does not match", "Meet at the cafe", "en", "es", nil},
		{"sharp s folds to ss", "Die STRASSE und die Straße", "de", "en",
			[]wantMatch{{"STRASSE", "street", false}, {"Straße", "street", false}}},
		{"CJK without spaces, longest first", "スレッドでダイレクトメッセージを送って", "ja", "en",
			[]wantMatch{{"スレッド", "thread", false}, {"ダイレクトメッセージ", "direct message", false}}},
		{"Latin name inside Japanese", "Parleyのスレッド", "ja", "es",
			[]wantMatch{{"Parley", "", true}, {"スレッド", "hilo", false}}},
		{"Korean particle after a term", "스레드에서 확인하세요", "ko", "en", []wantMatch{{"스레드", "thread", false}}},
		{"Korean particle after a DNT name", "Parley에서 만나요", "ko", "en", []wantMatch{{"Parley", "", true}}},
		{"Korean term needs a boundary before it", "큰스레드", "ko", "en", nil},
		{"pair without target column keeps DNT only", "Parley thread", "en", "fr", []wantMatch{{"Parley", "", true}}},
		{"reverse direction", "Abre el hilo", "es", "en", []wantMatch{{"hilo", "thread", false}}},
		{"regional tags use the base column", "the thread", "en-GB", "es-419", []wantMatch{{"thread", "hilo", false}}},
		{"no terms", "Nothing to see here", "en", "es", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := set.Prepare(&api.GlossaryPrepareRequest{Text: tt.text, Source: tt.src, Target: tt.tgt})
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			var got []wantMatch
			for _, m := range resp.Matches {
				if tt.text[m.Start:m.End] != m.Source {
					t.Errorf("match %+v: text[%d:%d] = %q, not its source", m, m.Start, m.End, tt.text[m.Start:m.End])
				}
				if m.Glossary != "test" {
					t.Errorf("match %+v: glossary %q", m, m.Glossary)
				}
				got = append(got, wantMatch{m.Source, m.Target, m.DoNotTranslate})
			}
			if !equalMatches(got, tt.want) {
				t.Errorf("matches = %+v, want %+v", got, tt.want)
			}
			for _, p := range resp.Protect {
				if !strings.Contains(tt.text, p) {
					t.Errorf("protect %q is not a substring of the text", p)
				}
			}
		})
	}
}

func equalMatches(a, b []wantMatch) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPrepareOffsetsAndLists(t *testing.T) {
	set := testSet(t)
	text := "Ｈi — Parley: the thread, the THREAD and a direct message on GitHub."
	resp, err := set.Prepare(&api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	wantStart := strings.Index(text, "Parley")
	if got := resp.Matches[0]; got.Start != wantStart || got.End != wantStart+len("Parley") {
		t.Errorf("first match at [%d,%d), want [%d,%d)", got.Start, got.End, wantStart, wantStart+6)
	}
	if want := []string{"Parley", "GitHub"}; strings.Join(resp.Protect, "|") != strings.Join(want, "|") {
		t.Errorf("protect = %q, want %q", resp.Protect, want)
	}
	// Hints are deduplicated per spelling, in text order.
	want := []api.TermHint{{Source: "thread", Target: "hilo"}, {Source: "THREAD", Target: "hilo"}, {Source: "direct message", Target: "mensaje directo"}}
	if len(resp.Terms) != len(want) {
		t.Fatalf("terms = %+v, want %+v", resp.Terms, want)
	}
	for i := range want {
		if resp.Terms[i] != want[i] {
			t.Errorf("terms[%d] = %+v, want %+v", i, resp.Terms[i], want[i])
		}
	}
}

func TestPrepareSeveralGlossaries(t *testing.T) {
	product := mustParse(t, "product", "en,es\nmessage,mensaje\n")
	moderation := mustParse(t, "moderation", "en,es\nflagged message,mensaje marcado\nmessage,mensaje (moderación)\n")
	set := NewSet(product, moderation)
	text := "a flagged message and a message"

	resp, err := set.Prepare(&api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, m := range resp.Matches {
		got = append(got, m.Glossary+":"+m.Source+"="+m.Target)
	}
	// The longer term of any glossary wins; on equal spans the glossary whose
	// id sorts first does.
	want := []string{"moderation:flagged message=mensaje marcado", "moderation:message=mensaje (moderación)"}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("matches = %q, want %q", got, want)
	}

	resp, err = set.Prepare(&api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Glossary: "product"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Matches) != 2 || resp.Matches[0].Glossary != "product" || resp.Matches[0].Source != "message" {
		t.Errorf("with glossary=product: %+v", resp.Matches)
	}
}

func TestPrepareErrors(t *testing.T) {
	set := testSet(t)
	tests := []struct {
		name  string
		req   api.GlossaryPrepareRequest
		code  api.Code
		field string
	}{
		{"empty text", api.GlossaryPrepareRequest{Text: " ", Source: "en", Target: "es"}, api.CodeEmptyText, "text"},
		{"invalid UTF-8", api.GlossaryPrepareRequest{Text: "a\xffb", Source: "en", Target: "es"}, api.CodeInvalidUTF8, "text"},
		{"too long", api.GlossaryPrepareRequest{Text: strings.Repeat("a", api.MaxTextRunes+1), Source: "en", Target: "es"}, api.CodeTextTooLong, "text"},
		{"bad source", api.GlossaryPrepareRequest{Text: "hi", Source: "english!", Target: "es"}, api.CodeInvalidLanguage, "source"},
		{"missing target", api.GlossaryPrepareRequest{Text: "hi", Source: "en"}, api.CodeInvalidLanguage, "target"},
		{"unknown glossary", api.GlossaryPrepareRequest{Text: "hi", Source: "en", Target: "es", Glossary: "nope"}, api.CodeNotFound, "glossary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := set.Prepare(&tt.req)
			assertAPIError(t, err, tt.code, tt.field)
		})
	}
	// An unknown id is quoted as api.Quote quotes (64 characters), not
	// echoed whole: the compatible APIs pass any glossary_id through.
	long := strings.Repeat("g", 5000)
	_, err := set.Prepare(&api.GlossaryPrepareRequest{Text: "hi", Source: "en", Target: "es", Glossary: long})
	assertAPIError(t, err, api.CodeNotFound, "glossary")
	if msg := err.(*api.Error).Message; len(msg) > 200 || !strings.Contains(msg, "(4936 more characters)") {
		t.Errorf("unknown long id: message of %d bytes: %.200s", len(msg), msg)
	}
}

func assertAPIError(t *testing.T, err error, code api.Code, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	e, ok := err.(*api.Error)
	if !ok {
		t.Fatalf("error %T %v is not an *api.Error", err, err)
	}
	if e.Code != code || e.Field != field {
		t.Errorf("error = %v (field %q), want code %s field %q", e, e.Field, code, field)
	}
	if s := e.Status(); s < 400 || s >= 500 {
		t.Errorf("status %d is not a 4xx", s)
	}
}

func TestVerify(t *testing.T) {
	thread := api.TermMatch{Glossary: "test", Source: "thread", Target: "hilo"}
	dm := api.TermMatch{Glossary: "test", Source: "direct message", Target: "mensaje directo"}
	parley := api.TermMatch{Glossary: "test", Source: "Parley", DoNotTranslate: true}
	tests := []struct {
		name        string
		translation string
		matches     []api.TermMatch
		want        []string
		compliance  float64
	}{
		{"no matches", "Hola", nil, nil, 1},
		{"applied", "Abre el hilo", []api.TermMatch{thread}, []string{api.TermApplied}, 1},
		{"applied ignoring case", "HILO abierto", []api.TermMatch{thread}, []string{api.TermApplied}, 1},
		{"inflected form is missing", "Los hilos", []api.TermMatch{thread}, []string{api.TermMissing}, 0},
		{"multi-word target", "Envía un mensaje  directo", []api.TermMatch{dm}, []string{api.TermApplied}, 1},
		{"protected", "Parley dice hola", []api.TermMatch{parley}, []string{api.TermProtected}, 1},
		{"protected must keep case", "parley dice hola", []api.TermMatch{parley}, []string{api.TermMissing}, 0},
		{"translated DNT is missing", "Parlamento dice hola", []api.TermMatch{parley}, []string{api.TermMissing}, 0},
		{"each occurrence counts", "el hilo y la conversación", []api.TermMatch{thread, thread}, []string{api.TermApplied, api.TermMissing}, 0.5},
		{"mixed", "Parley: abre el hilo", []api.TermMatch{parley, thread, dm},
			[]string{api.TermProtected, api.TermApplied, api.TermMissing}, 2.0 / 3},
	}
	set := testSet(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := set.Verify(&api.GlossaryVerifyRequest{Translation: tt.translation, Target: "es", Matches: tt.matches})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Terms == nil {
				t.Error("terms is nil; want an empty list")
			}
			var got []string
			for _, r := range rep.Terms {
				got = append(got, r.Status)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("statuses = %v, want %v", got, tt.want)
			}
			if diff := rep.Compliance - tt.compliance; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("compliance = %v, want %v", rep.Compliance, tt.compliance)
			}
		})
	}
}

func TestVerifyErrors(t *testing.T) {
	set := testSet(t)
	ok := api.TermMatch{Source: "thread", Target: "hilo", Start: 0, End: 6}
	tests := []struct {
		name  string
		req   api.GlossaryVerifyRequest
		code  api.Code
		field string
	}{
		{"empty translation", api.GlossaryVerifyRequest{Translation: "", Target: "es"}, api.CodeEmptyText, "translation"},
		{"bad target", api.GlossaryVerifyRequest{Translation: "hola", Target: "??"}, api.CodeInvalidLanguage, "target"},
		{"no source term", api.GlossaryVerifyRequest{Translation: "hola", Target: "es", Matches: []api.TermMatch{{Target: "hilo"}}}, api.CodeInvalidArgument, "matches[0].source"},
		{"no target term", api.GlossaryVerifyRequest{Translation: "hola", Target: "es", Matches: []api.TermMatch{ok, {Source: "thread"}}}, api.CodeInvalidArgument, "matches[1].target"},
		{"offsets outside source", api.GlossaryVerifyRequest{Source: "the", Translation: "hola", Target: "es", Matches: []api.TermMatch{ok}}, api.CodeInvalidArgument, "matches[0]"},
		{"too many matches", api.GlossaryVerifyRequest{Translation: "hola", Target: "es", Matches: make([]api.TermMatch, MaxVerifyMatches+1)}, api.CodeInvalidArgument, "matches"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := set.Verify(&tt.req)
			assertAPIError(t, err, tt.code, tt.field)
		})
	}
}

func TestList(t *testing.T) {
	set := NewSet(mustParse(t, "b", "en,es,fr\nthread,hilo,fil\n"), mustParse(t, "a", "de,en\nNachricht,message\nThread,thread\n"))
	resp := set.List()
	if len(resp.Glossaries) != 2 {
		t.Fatalf("got %d glossaries", len(resp.Glossaries))
	}
	a, b := resp.Glossaries[0], resp.Glossaries[1]
	if a.ID != "a" || a.Source != "de" || strings.Join(a.Targets, ",") != "en" || a.Entries != 2 {
		t.Errorf("a = %+v", a)
	}
	if b.ID != "b" || b.Source != "en" || strings.Join(b.Targets, ",") != "es,fr" || b.Entries != 1 {
		t.Errorf("b = %+v", b)
	}
}

func TestColumn(t *testing.T) {
	g := mustParse(t, "cols", "en,pt-BR,pt-PT,zh,es-419,es\nthread,conversa,fio,线程,hilo,hilo\n")
	tests := []struct {
		tag  string
		want string
	}{
		{"en", "en"},
		{"en-US", "en"},
		{"pt-BR", "pt-BR"},
		{"pt-PT", "pt-PT"},
		{"pt", "pt-BR"}, // no generic column: the first regional one
		{"zh-Hans", "zh"},
		{"zh-TW", ""}, // Traditional script: never the Simplified column
		{"es-MX", "es"},
		{"es-419", "es-419"},
		{"gl", ""}, // Galician is not Spanish
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			got := ""
			if i := g.Column(language.MustParse(tt.tag)); i >= 0 {
				got = g.Languages[i].String()
			}
			if got != tt.want {
				t.Errorf("Column(%s) = %q, want %q", tt.tag, got, tt.want)
			}
		})
	}
}

func BenchmarkPrepare(b *testing.B) {
	set := loadShipped(b)
	text := strings.Repeat("Hey team, I posted the release notes in the #general channel of our Parley workspace. "+
		"Reply in the thread or send me a direct message; mention @ana if GitHub sync breaks. ", 4)
	req := &api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es"}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.Prepare(req); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzPrepare checks the invariants that the translator relies on for any
// input: no panic, offsets inside the text, sources and protected strings
// that are exact substrings, and matches in order without overlaps.
func FuzzPrepare(f *testing.F) {
	for _, s := range []string{"Parley thread", "ＴＨＲＥＡＤ Straße", "cafe\u0301 direct \u00a0message", "스레드에서 Parley에서", "ダイレクトメッセージ", "\u0301thread"} {
		f.Add(s)
	}
	set := testSet(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, pair := range [][2]string{{"en", "es"}, {"ja", "en"}, {"ko", "de"}} {
			resp, err := set.Prepare(&api.GlossaryPrepareRequest{Text: text, Source: pair[0], Target: pair[1]})
			if err != nil {
				return // invalid input is rejected with an *api.Error, tested elsewhere
			}
			end := 0
			for _, m := range resp.Matches {
				if m.Start < end || m.End <= m.Start || m.End > len(text) || text[m.Start:m.End] != m.Source {
					t.Fatalf("bad match %+v in %q", m, text)
				}
				end = m.End
			}
			for _, p := range resp.Protect {
				if !strings.Contains(text, p) {
					t.Fatalf("protect %q not in %q", p, text)
				}
			}
		}
	})
}

// A glossary with several columns of one language (de-DE and de) uses,
// for each entry, the best column in which the entry has a term: the
// request's exact tag, then the generic language, then another region;
// no entry is lost to a column it has no term in, on either side.
func TestColumnsPerEntry(t *testing.T) {
	const tbx = `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="file"><langSec xml:lang="en"><termSec><term>file</term></termSec></langSec>
<langSec xml:lang="de-DE"><termSec><term>Datei</term></termSec></langSec></conceptEntry>
<conceptEntry id="conv"><langSec xml:lang="en"><termSec><term>conversation</term></termSec></langSec>
<langSec xml:lang="de"><termSec><term>Unterhaltung</term></termSec></langSec></conceptEntry>
<conceptEntry id="chat"><langSec xml:lang="en"><termSec><term>chat</term></termSec></langSec>
<langSec xml:lang="de-DE"><termSec><term>Chat</term></termSec></langSec>
<langSec xml:lang="de"><termSec><term>Unterhaltung im Chat</term></termSec></langSec>
<langSec xml:lang="de-AT"><termSec><term>Plauderei</term></termSec></langSec></conceptEntry>
</body></text></tbx>`
	set := NewSet(mustParseFormat(t, api.FormatTBX, tbx, ParseOptions{ID: "de"}))
	tests := []struct {
		name, text, src, tgt, want string
	}{
		{"generic target", "file, conversation, chat", "en", "de", "de:file=Datei; de:conversation=Unterhaltung; de:chat=Unterhaltung im Chat"},
		{"regional target", "file, conversation, chat", "en", "de-DE", "de:file=Datei; de:conversation=Unterhaltung; de:chat=Chat"},
		{"another region: its own, then the generic one", "file, conversation, chat", "en", "de-AT", "de:file=Datei; de:conversation=Unterhaltung; de:chat=Plauderei"},
		{"a region without a column: the generic one first", "file, conversation, chat", "en", "de-CH", "de:file=Datei; de:conversation=Unterhaltung; de:chat=Unterhaltung im Chat"},
		{"generic source", "Datei und Unterhaltung", "de", "en", "de:Datei=file; de:Unterhaltung=conversation"},
		{"regional source", "Datei und Unterhaltung", "de-DE", "en", "de:Datei=file; de:Unterhaltung=conversation"},
		{"an entry is found by its best source column only", "Chat, Plauderei", "de-DE", "en", "de:Chat=chat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(prep(t, set, api.GlossaryPrepareRequest{Text: tt.text, Source: tt.src, Target: tt.tgt})); got != tt.want {
				t.Errorf("matches = %q, want %q", got, tt.want)
			}
		})
	}

	m := newManager(t, nil)
	ctx := bg(t)
	if _, err := m.Import(ctx, &api.GlossaryImportRequest{ID: "de", Author: "a", Format: "tbx"}, []byte(tbx)); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]int{"de": 3, "de-DE": 3, "de-AT": 3, "fr": 0} {
		if res, err := m.Entries(ctx, &api.GlossaryEntriesRequest{ID: "de", Language: lang}); err != nil || res.Total != want {
			t.Errorf("entries in %s: %+v %v, want %d", lang, res, err, want)
		}
	}
}

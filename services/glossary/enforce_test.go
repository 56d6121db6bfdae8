package glossary

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func prep(t *testing.T, s *Set, req api.GlossaryPrepareRequest) *api.GlossaryPrepareResponse {
	t.Helper()
	resp, err := s.Prepare(&req)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	return resp
}

func summary(resp *api.GlossaryPrepareResponse) string {
	var parts []string
	for _, m := range resp.Matches {
		parts = append(parts, m.Glossary+":"+m.Source+"="+m.Target)
	}
	return strings.Join(parts, "; ")
}

func TestPrepareScopesAndPriority(t *testing.T) {
	global := mustParse(t, "global", "en,es\nmessage,mensaje\nthread,hilo\n")
	tenant := mustParse(t, "acme", "en,es\nmessage,aviso\n")
	tenant.Scope = Scope{Tenant: "acme"}
	conv := mustParse(t, "support-room", "en,es\nmessage,consulta\n")
	conv.Scope = Scope{Tenant: "acme", Conversation: "c42"}
	loud := mustParse(t, "loud", "en,es\nthread,hebra\n")
	loud.Priority = 10
	loud.Scope = Scope{Tenant: "other"}
	set := NewSet(global, tenant, conv, loud)

	tests := []struct {
		name, tenant, conv, want string
	}{
		{"global only", "", "", "global:message=mensaje; global:thread=hilo"},
		{"tenant wins over global", "acme", "", "acme:message=aviso; global:thread=hilo"},
		{"conversation wins over tenant", "acme", "c42", "support-room:message=consulta; global:thread=hilo"},
		{"conversation of another tenant does not apply", "zeta", "c42", "global:message=mensaje; global:thread=hilo"},
		{"priority wins over specificity", "other", "", "global:message=mensaje; loud:thread=hebra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := prep(t, set, api.GlossaryPrepareRequest{Text: "a message in a thread", Source: "en", Target: "es", Tenant: tt.tenant, Conversation: tt.conv})
			if got := summary(resp); got != tt.want {
				t.Errorf("matches = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPrepareVersionKey(t *testing.T) {
	a := mustParse(t, "a", "en,es\nthread,hilo\n")
	a.Version = 3
	b := mustParse(t, "b", "en,fr\nthread,fil\n")
	b.Version = 1
	req := api.GlossaryPrepareRequest{Text: "no terms here", Source: "en", Target: "es"}
	r1 := prep(t, NewSet(a, b), req)
	// b does not cover en→es and has no do-not-translate terms: not consulted.
	if len(r1.Glossaries) != 1 || r1.Glossaries[0] != (api.GlossaryRef{ID: "a", Version: 3}) || r1.Version == "" {
		t.Fatalf("glossaries %+v version %q", r1.Glossaries, r1.Version)
	}
	a2 := *a
	a2.Version = 4
	if r2 := prep(t, NewSet(&a2, b), req); r2.Version == r1.Version {
		t.Error("a new version of a consulted glossary keeps the version key")
	}
	if r3 := prep(t, NewSet(a, b), api.GlossaryPrepareRequest{Text: "x", Source: "en", Target: "fr"}); r3.Version == r1.Version {
		t.Error("a different set of glossaries keeps the version key")
	}
	if r4 := prep(t, NewSet(b), req); r4.Version != "" || len(r4.Glossaries) != 0 {
		t.Errorf("no glossary consulted: version %q", r4.Version)
	}
}

func TestPrepareOneWay(t *testing.T) {
	g := mustParseFormat(t, api.FormatCSV, "en,es\nthread,hilo\n", ParseOptions{ID: "oneway", Mode: OneWay})
	set := NewSet(g)
	if got := summary(prep(t, set, api.GlossaryPrepareRequest{Text: "the thread", Source: "en", Target: "es"})); got != "oneway:thread=hilo" {
		t.Errorf("en→es = %q", got)
	}
	if got := summary(prep(t, set, api.GlossaryPrepareRequest{Text: "el hilo", Source: "es", Target: "en"})); got != "" {
		t.Errorf("es→en used a one-way glossary backwards: %q", got)
	}
}

func TestPrepareInflectionAndWords(t *testing.T) {
	src := "entry_id,en,es,de,tr,forbidden:es,whole_word,inflection,case_sensitive\n" +
		"thread,thread,hilo,Thread,konu,hebra,,stem,\n" +
		"reply,reply,respuesta,Antwort,yanıt,,,stem,\n" +
		"mention,mention,mención,Erwähnung,bahsetme,,,prefix,\n" +
		"nachricht,message,mensaje,Nachricht,mesaj,,false,,\n" +
		"istanbul,Istanbul office,oficina de Estambul,Istanbul-Büro,İstanbul ofisi,,,,\n" +
		"io,I/O,E/S,E/A,G/Ç,,,,true\n"
	set := NewSet(mustParseFormat(t, api.FormatCSV, src, ParseOptions{ID: "g"}))
	tests := []struct {
		name, text, src, tgt, want string
	}{
		{"stem finds plural", "two threads", "en", "es", "g:threads=hilo"},
		{"stem finds -ies", "no replies yet", "en", "es", "g:replies=respuesta"},
		{"stem keeps whole words", "threadbare", "en", "es", ""},
		{"prefix finds any continuation", "mentioned twice", "en", "es", "g:mentioned=mención"},
		{"stem in German", "Threads und Antworten", "de", "en", "g:Threads=thread; g:Antworten=reply"},
		{"substring inside compounds", "Eine Direktnachricht", "de", "es", "g:nachricht=mensaje"},
		{"turkish dotted capital", "İSTANBUL OFİSİ açık", "tr", "en", "g:İSTANBUL OFİSİ=Istanbul office"},
		{"turkish dotless capital is another letter", "ISTANBUL OFISI", "tr", "en", ""},
		{"case-sensitive term", "i/o and I/O", "en", "es", "g:I/O=E/S"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := prep(t, set, api.GlossaryPrepareRequest{Text: tt.text, Source: tt.src, Target: tt.tgt})
			if got := summary(resp); got != tt.want {
				t.Errorf("matches = %q, want %q", got, tt.want)
			}
			for _, m := range resp.Matches {
				if tt.text[m.Start:m.End] != m.Source {
					t.Errorf("offsets of %+v", m)
				}
			}
		})
	}
	resp := prep(t, set, api.GlossaryPrepareRequest{Text: "the thread", Source: "en", Target: "es"})
	if m := resp.Matches[0]; m.Entry != "thread" || m.Match != "stem" || strings.Join(m.Forbidden, ",") != "hebra" {
		t.Errorf("match carries %+v", m)
	}
}

func TestVerifyReportsAndRepairs(t *testing.T) {
	thread := api.TermMatch{Glossary: "g", Entry: "thread", Source: "thread", Target: "hilo", Forbidden: []string{"hebra"}}
	threadStem := thread
	threadStem.Match = "stem"
	dm := api.TermMatch{Glossary: "g", Entry: "dm", Source: "direct message", Target: "mensaje directo", Forbidden: []string{"mensaje privado"}}
	channel := api.TermMatch{Glossary: "g", Entry: "channel", Source: "channel", Target: "canal"}
	parley := api.TermMatch{Glossary: "g", Source: "Parley", DoNotTranslate: true}
	tests := []struct {
		name        string
		translation string
		matches     []api.TermMatch
		statuses    string
		repaired    string
		found       string
	}{
		{"forbidden rendering is repaired", "Responde en la hebra.", []api.TermMatch{thread}, "repaired", "Responde en la hilo.", ""},
		{"case is carried over", "Hebra nueva", []api.TermMatch{thread}, "repaired", "Hilo nueva", ""},
		{"multi-word forbidden", "Envía un mensaje privado", []api.TermMatch{dm}, "repaired", "Envía un mensaje directo", ""},
		{"untranslated source term", "Abre el channel general", []api.TermMatch{channel}, "repaired", "Abre el canal general", ""},
		{"target and forbidden both present", "El hilo y la hebra", []api.TermMatch{thread}, "forbidden", "", "hebra"},
		{"two wrong renderings for one occurrence are ambiguous", "la hebra o la fibra", []api.TermMatch{
			{Glossary: "g", Source: "thread", Target: "hilo", Forbidden: []string{"hebra", "fibra"}}}, "forbidden", "", "hebra,fibra"},
		{"counts must agree", "hilo, hebra y hebra", []api.TermMatch{thread, thread}, "forbidden,forbidden", "", "hebra,hebra"},
		{"two missing, two wrong", "hebra y hebra", []api.TermMatch{thread, thread}, "repaired,repaired", "hilo y hilo", ""},
		{"stem target accepts inflection", "Los hilos", []api.TermMatch{threadStem}, "applied", "", ""},
		{"exact target does not", "Los hilos", []api.TermMatch{thread}, "missing", "", ""},
		{"protected and repaired together", "Parley: mensaje privado en la hebra", []api.TermMatch{parley, dm, thread},
			"protected,repaired,repaired", "Parley: mensaje directo en la hilo", ""},
		{"nothing to repair with", "Responde en la conversación", []api.TermMatch{thread}, "missing", "", ""},
		// A forbidden term found through the stem matcher keeps its
		// ending where the target takes it the same way ...
		{"stem repair keeps the plural", "Ayer abrí dos hebras.", []api.TermMatch{threadStem}, "repaired", "Ayer abrí dos hilos.", ""},
		{"stem repair keeps the plural and the case", "Hebras y HEBRAS", []api.TermMatch{threadStem, threadStem}, "repaired,repaired", "Hilos y HILOS", ""},
		{"stem repair of the bare form", "Responde en la hebra.", []api.TermMatch{threadStem}, "repaired", "Responde en la hilo.", ""},
		{"stem repair of a multi-word term", "Dos mensajes privados", []api.TermMatch{{Glossary: "g", Source: "direct messages",
			Target: "mensaje directo", Forbidden: []string{"mensaje privado"}, Match: "stem"}}, "missing", "", ""},
		// ... and is left alone, and reported, where it does not.
		{"stem ending not carried to another kind of word", "Cambia tus passwords", []api.TermMatch{{Glossary: "g", Source: "passwords",
			Target: "contraseña", Forbidden: []string{"password"}, Match: "stem"}}, "forbidden", "", "passwords"},
		{"stem change of gender not carried", "Una hebro", []api.TermMatch{threadStem}, "forbidden", "", "hebro"},
		{"prefix continuation is not dropped", "Dos hebrasos", []api.TermMatch{{Glossary: "g", Source: "thread", Target: "hilo",
			Forbidden: []string{"hebra"}, Match: "prefix"}}, "forbidden", "", "hebrasos"},
		{"one of two not carried: none repaired", "hebras y hebro", []api.TermMatch{threadStem, threadStem}, "forbidden,forbidden", "", "hebras,hebro,hebras,hebro"},
		// found lists the forms the translation has, once each, as a
		// reviewer searches for them: not the glossary's base term.
		{"found is the text's form", "Las Hebro y la HEBRO, otra Hebro", []api.TermMatch{threadStem}, "forbidden", "", "Hebro,HEBRO"},
	}
	set := NewSet()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := set.Verify(&api.GlossaryVerifyRequest{Translation: tt.translation, Target: "es", Matches: tt.matches})
			if err != nil {
				t.Fatal(err)
			}
			var st, found []string
			for _, r := range rep.Terms {
				st = append(st, r.Status)
				found = append(found, r.Found...)
			}
			if got := strings.Join(st, ","); got != tt.statuses {
				t.Errorf("statuses = %s, want %s", got, tt.statuses)
			}
			if rep.Repaired != tt.repaired {
				t.Errorf("repaired = %q, want %q", rep.Repaired, tt.repaired)
			}
			if got := strings.Join(found, ","); got != tt.found {
				t.Errorf("found = %v, want %s", found, tt.found)
			}
			for _, r := range rep.Repairs {
				if tt.translation[r.Start:r.End] != r.From {
					t.Errorf("repair %+v does not point at its text", r)
				}
			}
		})
	}
}

func TestVerifyRejectsBadMatches(t *testing.T) {
	set := NewSet()
	_, err := set.Verify(&api.GlossaryVerifyRequest{Translation: "hola", Target: "es", Matches: []api.TermMatch{{Source: "a", Target: "b", Match: "fuzzy"}}})
	assertAPIError(t, err, api.CodeInvalidArgument, "matches[0].match")
	_, err = set.Verify(&api.GlossaryVerifyRequest{Translation: "hola", Target: "es", Matches: []api.TermMatch{{Source: "a", Target: "b", Forbidden: make([]string, MaxForbidden+1)}}})
	assertAPIError(t, err, api.CodeInvalidArgument, "matches[0].forbidden")
	_, err = set.Verify(&api.GlossaryVerifyRequest{Source: strings.Repeat("a", translationLimit+1), Translation: "hola", Target: "es"})
	assertAPIError(t, err, api.CodeTextTooLong, "source")
}

func TestProjectCase(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"hebra", "hilo", "hilo"}, {"Hebra", "hilo", "Hilo"}, {"HEBRA", "hilo", "HILO"},
		{"Mensaje privado", "mensaje directo", "Mensaje directo"}, {"x", "iPhone", "iPhone"},
	} {
		if got := projectCase(tt.from, tt.to); got != tt.want {
			t.Errorf("projectCase(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestVerifyRepairsCaseSensitiveTermsVerbatim: the target of a
// case-sensitive entry is substituted exactly as written, not in the case
// of the text it replaces.
func TestVerifyRepairsCaseSensitiveTermsVerbatim(t *testing.T) {
	drive := api.TermMatch{Glossary: "g", Entry: "drive", Source: "iCloud Drive", Target: "iCloud Drive",
		Forbidden: []string{"Unidad de iCloud"}, CaseSensitive: true}
	tests := []struct {
		name, translation string
		m                 api.TermMatch
		repaired          string
	}{
		{"at the start of a sentence", "Unidad de iCloud está llena.", drive, "iCloud Drive está llena."},
		{"in capitals", "UNIDAD DE ICLOUD", api.TermMatch{Glossary: "g", Source: "iCloud Drive", Target: "iCloud Drive",
			Forbidden: []string{"UNIDAD DE ICLOUD"}, CaseSensitive: true}, "iCloud Drive"},
		{"stem", "Dos Iphones", api.TermMatch{Glossary: "g", Source: "iPhones", Target: "iPhone", Forbidden: []string{"Iphone"}, CaseSensitive: true, Match: "stem"}, "Dos iPhones"},
		{"case-insensitive entries take the text's case", "Unidad de iCloud está llena.", api.TermMatch{Glossary: "g",
			Source: "iCloud Drive", Target: "disco de iCloud", Forbidden: []string{"Unidad de iCloud"}}, "Disco de iCloud está llena."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := NewSet().Verify(&api.GlossaryVerifyRequest{Translation: tt.translation, Target: "es", Matches: []api.TermMatch{tt.m}})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Repaired != tt.repaired || rep.Terms[0].Status != api.TermRepaired || rep.Compliance != 1 {
				t.Errorf("repaired %q (%s, compliance %v), want %q", rep.Repaired, rep.Terms[0].Status, rep.Compliance, tt.repaired)
			}
		})
	}
}

// TestCaseSensitiveEntryForbidsOtherCases: a case-sensitive entry may
// forbid another case of its own term, and enforcement then repairs it.
func TestCaseSensitiveEntryForbidsOtherCases(t *testing.T) {
	doc := func(caseSensitive bool) api.Glossary {
		return api.Glossary{ID: "brands", Entries: []api.GlossaryEntry{{ID: "ebay", CaseSensitive: caseSensitive, Terms: []api.GlossaryTerm{
			{Language: "en", Text: "eBay"}, {Language: "es", Text: "eBay", Forbidden: []string{"Ebay", "EBAY"}}}}}}
	}
	if _, rep := FromDoc(doc(false)); rep.OK() || !hasProblem(rep, ProblemConflict, `es term "Ebay" is both preferred and forbidden`) {
		t.Errorf("a case-insensitive entry forbidding its own term: %+v", rep.Problems)
	}
	g, rep := FromDoc(doc(true))
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	set := NewSet(g)
	resp := prep(t, set, api.GlossaryPrepareRequest{Text: "Sell it on eBay, not on ebay.", Source: "en", Target: "es"})
	if len(resp.Matches) != 1 || resp.Matches[0].Source != "eBay" {
		t.Fatalf("matches %+v", resp.Matches)
	}
	for _, tt := range []struct{ translation, status, repaired string }{
		{"Véndelo en Ebay.", api.TermRepaired, "Véndelo en eBay."},
		{"Véndelo en EBAY.", api.TermRepaired, "Véndelo en eBay."},
		{"Véndelo en eBay.", api.TermApplied, ""},
		{"Véndelo en eBay o Ebay.", api.TermForbidden, ""},
	} {
		rep, err := set.Verify(&api.GlossaryVerifyRequest{Translation: tt.translation, Target: "es", Matches: resp.Matches})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Terms[0].Status != tt.status || rep.Repaired != tt.repaired {
			t.Errorf("%q: %s %q, want %s %q", tt.translation, rep.Terms[0].Status, rep.Repaired, tt.status, tt.repaired)
		}
	}
}

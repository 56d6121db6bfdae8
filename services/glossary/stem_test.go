package glossary

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// stemRows are, per language, words a stem entry must find (the term
// inflected as the language inflects it) and words it must not (other
// words that start like it, wrong inflections, other scripts).
var stemRows = []struct {
	lang, term string
	find       []string
	not        []string
}{
	{"en", "thread", []string{"thread", "threads", "threaded", "threading"}, []string{"threadbare", "threadx", "subthread"}},
	{"en", "reply", []string{"reply", "replies", "replied", "replying"}, []string{"replyall", "repl"}},
	{"en", "message", []string{"message", "messages", "messaged", "messaging"}, []string{"messag", "messageboard"}},
	{"en", "box", []string{"box", "boxes"}, []string{"boxer", "boxy"}},
	{"es", "hilo", []string{"hilo", "hilos", "Hilos"}, []string{"hil", "hilado", "hilera"}},
	{"es", "reacción", []string{"reacción", "reacciones", "Reacciones"}, []string{"reaccion", "reacciónes", "reaccionar", "reacciona"}},
	{"es", "conversación", []string{"conversaciones"}, []string{"conversacional"}},
	{"es", "versión", []string{"versiones"}, []string{"versionado"}},
	{"es", "almacén", []string{"almacén", "almacenes"}, []string{"almacenar", "almacenaje"}},
	{"es", "inglés", []string{"ingleses"}, []string{"inglesito"}},
	{"es", "lápiz", []string{"lápiz", "lápices"}, []string{"lápizes", "lapicero"}},
	{"es", "servidor", []string{"servidores", "servidora"}, []string{"servidumbre"}},
	{"es", "sofá", []string{"sofás"}, []string{"sofaes"}},
	{"pt", "canção", []string{"canções"}, []string{"cançãozinha"}},
	{"pt", "capitão", []string{"capitães"}, []string{"capitãozinho"}},
	{"pt", "pão", []string{"pão", "pãos"}, []string{"pães", "pãozinho"}}, // too short to stem
	{"pt", "mensagem", []string{"mensagens"}, []string{"mensageiro"}},
	{"pt", "canal", []string{"canais", "canal"}, []string{"canas", "canalizar"}},
	{"ca", "casa", []string{"cases"}, []string{"casal"}},
	{"fr", "page", []string{"pages"}, []string{"pageant"}},
	{"fr", "canal", []string{"canaux"}, []string{"canalisation"}},
	{"de", "Nachricht", []string{"Nachrichten"}, []string{"Nachrichtendienst"}},
	{"de", "Seite", []string{"Seiten", "Seite"}, []string{"seit", "Seitenleiste"}},
	{"ru", "ветка", []string{"ветка", "ветки", "ветку", "веткой", "веток", "веткам", "ветках"}, []string{"ветер", "вето", "ветеринар", "ветвь"}},
	{"ru", "ссылка", []string{"ссылок", "ссылку"}, []string{"ссылаться"}},
	{"ru", "чат", []string{"чат", "чаты", "чатов", "чатом", "чате"}, []string{"чатик", "чатиться"}},
	{"ru", "сеть", []string{"сети", "сетью", "сетей"}, []string{"сетка", "сетевой"}},
	{"ru", "сообщение", []string{"сообщения", "сообщений", "сообщением", "сообщениях"}, []string{"сообщество"}},
	{"ru", "линия", []string{"линии", "линий", "линией"}, []string{"линейка"}},
	{"ru", "канал", []string{"каналы", "каналов"}, []string{"канализация"}},
	{"ar", "سلسلة", []string{"سلسلة", "السلسلة", "بالسلسلة", "للسلسلة", "والسلسلة", "وبالسلسلة"}, []string{"مسلسلة", "تسلسلة"}},
	// A language without rules: up to three more letters, so an ending
	// that replaces a vowel is missed (hence the warning) and a short word
	// that continues the term is found.
	{"uk", "гілка", []string{"гілка", "гілкам"}, []string{"гілки", "гілкою", "гілкаміії"}},
}

func TestStemRules(t *testing.T) {
	for _, row := range stemRows {
		other := "en"
		if row.lang == "en" {
			other = "es"
		}
		g, rep := FromDoc(api.Glossary{ID: "s", Entries: []api.GlossaryEntry{{
			Inflection: api.InflectionStem,
			Terms:      []api.GlossaryTerm{{Language: row.lang, Text: row.term}, {Language: other, Text: "zzz"}},
		}}})
		if err := rep.Err(); err != nil {
			t.Fatal(err)
		}
		set := NewSet(g)
		check := func(word string, want bool) {
			t.Helper()
			text := "— " + word + ", ok"
			// Prepare finds the term in a source text ...
			resp := prep(t, set, api.GlossaryPrepareRequest{Text: text, Source: row.lang, Target: other})
			if got := len(resp.Matches) == 1; got != want {
				t.Errorf("%s %q: prepare finds it in %q: %v, want %v (%+v)", row.lang, row.term, word, got, want, resp.Matches)
			} else if got && resp.Matches[0].Source != word && !strings.HasSuffix(word, resp.Matches[0].Source) {
				t.Errorf("%s %q in %q: source %q", row.lang, row.term, word, resp.Matches[0].Source)
			}
			// ... and verify in a translation.
			rep, err := set.Verify(&api.GlossaryVerifyRequest{Translation: text, Target: row.lang, Matches: []api.TermMatch{
				{Glossary: "s", Source: "zzz", Target: row.term, Match: "stem"}}})
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Terms[0].Status == api.TermApplied; got != want {
				t.Errorf("%s %q: verify finds it in %q: %s, want applied %v", row.lang, row.term, word, rep.Terms[0].Status, want)
			}
		}
		for _, w := range row.find {
			check(w, true)
		}
		for _, w := range row.not {
			check(w, false)
		}
	}
}

func TestStemCarry(t *testing.T) {
	tests := []struct {
		lang, forbidden, target, occ, want string // want "" : not carried
	}{
		{"es", "hebra", "hilo", "hebras", "s"},
		{"es", "mensaje privado", "mensaje directo", "mensaje privados", "s"},
		{"es", "lector", "servidor", "lectores", "es"},
		{"es", "hebra", "hilo", "hebro", ""},              // a change of gender is not an ending to carry
		{"es", "password", "contraseña", "passwords", ""}, // a loanword and a native word inflect differently
		{"es", "clave", "contraseña", "claves", "s"},
		{"es", "lector", "imagen", "lectores", ""}, // imagen → imágenes
		{"es", "canción", "reacción", "canciones", ""},
		{"en", "post", "thread", "posts", "s"},
		{"en", "post", "publish", "posts", ""}, // publishes
		{"en", "share", "like", "shared", "d"},
		{"en", "post", "send", "posted", ""}, // sent
		{"pt", "fio", "tópico", "fios", "s"},
		{"pt", "fio", "canal", "fios", ""}, // canais
		{"fr", "fil", "sujet", "fils", "s"},
		{"fr", "fil", "bateau", "fils", ""}, // bateaux
		{"de", "Faden", "Thread", "fäden", ""},
		{"ru", "ветвь", "ветка", "ветви", ""},
		{"uk", "гілка", "нитка", "гілки", ""},
	}
	for _, tt := range tests {
		e := endingsFor(language.MustParse(tt.lang))
		f, tg, occ := key(tt.forbidden, foldDefault), key(tt.target, foldDefault), key(tt.occ, foldDefault)
		x, ok := e.carry(f, tg, occ)
		if ok != (tt.want != "") || x != tt.want {
			t.Errorf("%s carry(%q → %q, %q) = %q, %v; want %q", tt.lang, tt.forbidden, tt.target, tt.occ, x, ok, tt.want)
		}
	}
}

// TestStemWarning: stem entries in a language without rules are accepted
// with a warning, once per language; languages with rules, scripts written
// without spaces and Hangul terms (matched inside text anyway) give none.
func TestStemWarning(t *testing.T) {
	entry := func(inflection string, terms ...string) api.GlossaryEntry {
		e := api.GlossaryEntry{Inflection: inflection}
		for i, l := range []string{"en", "uk", "ja", "ko", "ru"} {
			e.Terms = append(e.Terms, api.GlossaryTerm{Language: l, Text: terms[i]})
		}
		return e
	}
	g, rep := FromDoc(api.Glossary{ID: "w", Entries: []api.GlossaryEntry{
		entry("", "branch", "відгалуження", "枝", "분기", "ответвление"),
		entry("stem", "thread", "гілка", "スレッド", "스레드", "ветка"),
		entry("stem", "reply", "відповідь", "返信", "답장", "ответ"),
	}})
	if err := rep.Err(); err != nil || len(g.Entries) != 3 {
		t.Fatalf("err %v", err)
	}
	var warned []string
	for _, p := range rep.Problems {
		if p.Code == ProblemNoStemRules {
			if p.Severity != api.SeverityWarning || p.Line != 2 || !strings.Contains(p.Message, "2 entries") {
				t.Errorf("warning %+v", p)
			}
			warned = append(warned, p.Language)
		}
	}
	if strings.Join(warned, ",") != "uk" {
		t.Errorf("warned for %v, want uk only", warned)
	}
}

// TestStemEnforcement runs prepare and verify on the examples of the
// defects these rules fixed: an inflected target is applied, and an
// inflected forbidden term is repaired with its ending.
func TestStemEnforcement(t *testing.T) {
	g := mustParseFormat(t, api.FormatCSV, "en,es,ar,ru,forbidden:es,inflection\n"+
		"thread,hilo,سلسلة,ветка,hebra,stem\n"+
		"reaction,reacción,تفاعل,реакция,,stem\n"+
		"conversation,conversación,محادثة,беседа,,stem\n", ParseOptions{ID: "g"})
	set := NewSet(g)
	tests := []struct {
		source, target, translation string
		statuses, repaired          string
	}{
		{"I opened two threads yesterday.", "es", "Ayer abrí dos hebras.", "repaired", "Ayer abrí dos hilos."},
		{"I opened two threads yesterday.", "es", "Ayer abrí dos hilos.", "applied", ""},
		{"We have many reactions.", "es", "Tenemos muchas reacciones.", "applied", ""},
		{"Two conversations and a reaction", "es", "Dos conversaciones y una reacción", "applied,applied", ""},
		{"Reply in the thread.", "ar", "ردّ في السلسلة.", "applied", ""},
		{"Reply in the thread.", "ru", "Ответьте в ветку.", "applied", ""},
		{"No threads.", "ru", "Нет веток.", "applied", ""},
	}
	for _, tt := range tests {
		resp := prep(t, set, api.GlossaryPrepareRequest{Text: tt.source, Source: "en", Target: tt.target})
		rep, err := set.Verify(&api.GlossaryVerifyRequest{Source: tt.source, Translation: tt.translation, Target: tt.target, Matches: resp.Matches})
		if err != nil {
			t.Fatal(err)
		}
		var st []string
		for _, r := range rep.Terms {
			st = append(st, r.Status)
		}
		if got := strings.Join(st, ","); got != tt.statuses || rep.Repaired != tt.repaired || rep.Compliance != 1 {
			t.Errorf("%q: %s %q (compliance %v), want %s %q", tt.translation, got, rep.Repaired, rep.Compliance, tt.statuses, tt.repaired)
		}
	}
}

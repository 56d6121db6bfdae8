package glossary

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// entitySet holds the glossaries of the chat-entity tests: terms that also
// occur inside URLs, mentions, channels, e-mail addresses and code.
func entitySet(t *testing.T) *Set {
	t.Helper()
	return NewSet(
		mustParse(t, "g-es", "entry_id,en,es,forbidden:es\nmeeting,meeting,junta,reunión\npr,pull request,solicitud de cambios,\n"),
		mustParse(t, "g-fr", "entry_id,en,fr,forbidden:fr\nmeeting,meeting,réunion,rencontre\nalice,alice,alicia,\nthread,thread,fil,\n"),
		mustParse(t, "g-dnt", "entry_id,en,es,dnt\nacme,Acme,Acme,true\n"),
	)
}

// matchList shows prepare's matches as source@start.
func matchList(resp *api.GlossaryPrepareResponse) string {
	var parts []string
	for _, m := range resp.Matches {
		parts = append(parts, fmt.Sprintf("%s@%d", m.Source, m.Start))
	}
	return strings.Join(parts, " ")
}

func TestPrepareSkipsChatEntities(t *testing.T) {
	tests := []struct {
		name, glossary, target, text string
		want                         string // matches as source@start
		protect                      string // prepare's protect list, joined by |
	}{
		{name: "url, mention and channel", glossary: "g-es", target: "es",
			text: "Our meeting notes are at https://x.io/meeting and ping @meeting or #meeting please", want: "meeting@4"},
		{name: "e-mail address and mention", glossary: "g-fr", target: "fr",
			text: "Ping alice about it now: @alice and alice@example.com please", want: "alice@5"},
		{name: "do-not-translate term", glossary: "g-dnt", target: "es",
			text: "Acme rocks, visit https://acme.io/Acme and ping @Acme and #Acme or mail Acme@x.io today", want: "Acme@0", protect: "Acme"},
		{name: "inline code and code block", glossary: "g-es", target: "es",
			text: "Run `meeting` and\n```\nmeeting()\n```\nbefore the meeting", want: "meeting@47"},
		{name: "placeholders and url without scheme", glossary: "g-es", target: "es",
			text: "{meeting} %s www.x.io/meeting meeting", want: "meeting@30"},
		{name: "link text is prose, its target is not", glossary: "g-es", target: "es",
			text: "[meeting notes](https://x.io/meeting)", want: "meeting@1"},
		{name: "no multi-word term across an entity", glossary: "g-es", target: "es",
			text: "pull `x` request, pull request", want: "pull request@18"},
		{name: "terms beside entities still match", glossary: "g-es", target: "es",
			text: "`x`meeting, @bob's meeting https://x.io/a", want: "meeting@3 meeting@19"},
		{name: "only inside entities", glossary: "g-es", target: "es",
			text: "see https://x.io/meeting @meeting", want: ""},
	}
	set := entitySet(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := prep(t, set, api.GlossaryPrepareRequest{Text: tt.text, Source: "en", Target: tt.target, Glossary: tt.glossary})
			if got := matchList(resp); got != tt.want {
				t.Errorf("matches %q, want %q", got, tt.want)
			}
			for _, m := range resp.Matches {
				if tt.text[m.Start:m.End] != m.Source {
					t.Errorf("match %+v does not point at its text", m)
				}
			}
			if got := strings.Join(resp.Protect, "|"); got != tt.protect {
				t.Errorf("protect %q, want %q", got, tt.protect)
			}
		})
	}
}

func TestVerifySkipsChatEntities(t *testing.T) {
	meeting := api.TermMatch{Glossary: "g-fr", Entry: "meeting", Source: "meeting", Target: "réunion", Forbidden: []string{"rencontre"}}
	thread := api.TermMatch{Glossary: "g-fr", Entry: "thread", Source: "thread", Target: "fil"}
	acme := api.TermMatch{Glossary: "g-dnt", Entry: "acme", Source: "Acme", DoNotTranslate: true}
	tests := []struct {
		name, translation string
		matches           []api.TermMatch
		statuses          string
		repaired          string // "" when nothing is repaired
	}{
		{"target only inside a url is missing", "Lisez la discussion à https://x.io/fil aujourd'hui",
			[]api.TermMatch{thread}, "missing", ""},
		{"target only in a mention and code is missing", "Demandez à @fil ou lancez `fil`",
			[]api.TermMatch{thread}, "missing", ""},
		{"forbidden term inside a url is not found", "Rejoignez la réunion à https://x.io/rencontre",
			[]api.TermMatch{meeting}, "applied", ""},
		{"protected term only inside entities is missing", "ACME mola https://acme.io/Acme @Acme #Acme Acme@x.io",
			[]api.TermMatch{acme}, "missing", ""},
		{"protected term in prose", "Acme mola, https://acme.io/Acme @Acme", []api.TermMatch{acme}, "protected", ""},
		{"repair leaves url, mention and channel alone", "Rejoignez la rencontre à https://x.io/rencontre et @rencontre ou #rencontre",
			[]api.TermMatch{meeting}, "repaired", "Rejoignez la réunion à https://x.io/rencontre et @rencontre ou #rencontre"},
		{"untranslated source term inside entities is not repaired", "Rejoignez la meeting à https://x.io/meeting, `meeting`, meeting@x.io",
			[]api.TermMatch{meeting}, "repaired", "Rejoignez la réunion à https://x.io/meeting, `meeting`, meeting@x.io"},
	}
	set := NewSet()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := set.Verify(&api.GlossaryVerifyRequest{Translation: tt.translation, Target: "fr", Matches: tt.matches})
			if err != nil {
				t.Fatal(err)
			}
			var st []string
			for _, r := range rep.Terms {
				st = append(st, r.Status)
			}
			if got := strings.Join(st, ","); got != tt.statuses {
				t.Errorf("statuses = %s, want %s (found %+v)", got, tt.statuses, rep.Terms)
			}
			if rep.Repaired != tt.repaired {
				t.Errorf("repaired = %q, want %q", rep.Repaired, tt.repaired)
			}
			for _, r := range rep.Repairs {
				if tt.translation[r.Start:r.End] != r.From {
					t.Errorf("repair %+v does not point at its text", r)
				}
			}
		})
	}
}

// TestEnforcementSkipsChatEntities runs the reported cases through
// prepare and verify, as the pipeline does: the served text (the repair,
// else the translation) keeps every entity byte for byte.
func TestEnforcementSkipsChatEntities(t *testing.T) {
	tests := []struct {
		name, glossary, target, text, translation string
		statuses                                  string
		compliance                                float64
		served                                    string
	}{
		{name: "apertium keeps the entities, the term is applied", glossary: "g-es", target: "es",
			text:        "Our meeting notes are at https://x.io/meeting and ping @meeting or #meeting please",
			translation: "Nuestras notas de junta son en https://x.io/meeting y ping @meeting o #meeting por favor",
			statuses:    "applied", compliance: 1,
			served: "Nuestras notas de junta son en https://x.io/meeting y ping @meeting o #meeting por favor"},
		{name: "forbidden rendering repaired outside the url and mention", glossary: "g-fr", target: "fr",
			text:        "Join the meeting at https://x.io/rencontre now and ask @rencontre please",
			translation: "Rejoignez la rencontre à https://x.io/rencontre maintenant et demandez à @rencontre s'il vous plaît",
			statuses:    "repaired", compliance: 1,
			served: "Rejoignez la réunion à https://x.io/rencontre maintenant et demandez à @rencontre s'il vous plaît"},
		{name: "one match, not three", glossary: "g-fr", target: "fr",
			text:        "Ping alice about it now: @alice and alice@example.com please",
			translation: "Écris à alicia maintenant : @alice et alice@example.com s'il te plaît",
			statuses:    "applied", compliance: 1,
			served: "Écris à alicia maintenant : @alice et alice@example.com s'il te plaît"},
		{name: "one protected match, not six", glossary: "g-dnt", target: "es",
			text:        "Acme rocks, visit https://acme.io/Acme and ping @Acme and #Acme or mail Acme@x.io today",
			translation: "Acme mola, visita https://acme.io/Acme y avisa a @Acme y #Acme o escribe a Acme@x.io hoy",
			statuses:    "protected", compliance: 1,
			served: "Acme mola, visita https://acme.io/Acme y avisa a @Acme y #Acme o escribe a Acme@x.io hoy"},
		{name: "a url is no applied term", glossary: "g-fr", target: "fr",
			text:        "Read the thread at https://x.io/fil today",
			translation: "Lisez la discussion à https://x.io/fil aujourd'hui",
			statuses:    "missing", compliance: 0,
			served: "Lisez la discussion à https://x.io/fil aujourd'hui"},
		{name: "code span kept, prose repaired", glossary: "g-es", target: "es",
			text:        "Run `meeting` before the meeting",
			translation: "Ejecuta `meeting` antes de la reunión",
			statuses:    "repaired", compliance: 1,
			served: "Ejecuta `meeting` antes de la junta"},
	}
	set := entitySet(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := prep(t, set, api.GlossaryPrepareRequest{Text: tt.text, Source: "en", Target: tt.target, Glossary: tt.glossary})
			rep, err := set.Verify(&api.GlossaryVerifyRequest{Source: tt.text, Translation: tt.translation, Target: tt.target, Matches: resp.Matches})
			if err != nil {
				t.Fatal(err)
			}
			var st []string
			for _, r := range rep.Terms {
				st = append(st, r.Status)
			}
			if got := strings.Join(st, ","); got != tt.statuses {
				t.Errorf("statuses = %s, want %s", got, tt.statuses)
			}
			if rep.Compliance != tt.compliance {
				t.Errorf("compliance = %v, want %v", rep.Compliance, tt.compliance)
			}
			served := tt.translation
			if rep.Repaired != "" {
				served = rep.Repaired
			}
			if served != tt.served {
				t.Errorf("served %q, want %q (repairs %+v)", served, tt.served, rep.Repairs)
			}
		})
	}
}

func TestMaskEntitiesKeepsLength(t *testing.T) {
	for _, text := range []string{"", "plain prose", "see https://x.io/café and @józef", "`a` {b} %s <i>c</i> :d: e@f.io"} {
		got := maskEntities(text)
		if len(got) != len(text) {
			t.Errorf("maskEntities(%q) = %q: length %d, want %d", text, got, len(got), len(text))
		}
		for i := 0; i < len(text); i++ {
			if got[i] != text[i] && got[i] != 0 {
				t.Errorf("maskEntities(%q) = %q: byte %d is neither kept nor blanked", text, got, i)
				break
			}
		}
	}
}

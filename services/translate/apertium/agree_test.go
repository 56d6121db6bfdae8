package apertium

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

func TestNounGender(t *testing.T) {
	for _, tt := range []struct {
		unit string
		want gender
	}{
		{"conversa/conversa<n><f><sg>/conversar<vblex><imp><p2><sg>", feminine},
		{"fil/fil<n><m><sg>", masculine},
		{"Fil/fil<n><m><sg>", masculine},
		{"de travail/de travail<adj><mf><sp>", genderUnknown},          // no noun
		{"artista/artista<n><mf><sg>", genderUnknown},                  // either
		{"capital/capital<n><m><sg>/capital<n><f><sg>", genderUnknown}, // both
		{"*xyzzy", genderUnknown},
	} {
		if got := nounGender(tt.unit); got != tt.want {
			t.Errorf("nounGender(%q) = %d, want %d", tt.unit, got, tt.want)
		}
	}
	got := lexicalUnits(`^fil/fil<n><m><sg>$^./.<sent>$[\]^x]^a\$b/a<n>$`)
	if len(got) != 3 || got[0] != "fil/fil<n><m><sg>" || got[2] != `a\$b/a<n>` {
		t.Errorf("lexicalUnits = %q", got)
	}
}

func TestAgreeDeterminer(t *testing.T) {
	tests := []struct {
		lang, before, term string
		to                 gender
		want               string
	}{
		{"pt", "Abra o ", "conversa", feminine, "Abra a "},
		{"pt", "Veja no ", "conversa", feminine, "Veja na "},
		{"pt", "O ", "conversa", feminine, "A "}, // the capital stays
		{"es", "Abre el ", "conversación", feminine, "Abre la "},
		{"es", "el título del ", "conversación", feminine, "el título de la "},
		{"es", "Mira la ", "hilo", masculine, "Mira el "},
		{"es", "en de la ", "hilo", masculine, "en del "},
		{"es", "todos los ", "conversaciones", feminine, "todos las "},
		{"ca", "Obre la ", "fil", masculine, "Obre el "},
		{"ca", "Obre la ", "espai", masculine, "Obre l'"},
		{"ca", "Obre l'", "fil", masculine, "Obre el "},
		{"fr", "Ouvre le ", "discussion", feminine, "Ouvre la "},
		{"fr", "Ouvre le ", "espace", masculine, "Ouvre l'"},
		{"fr", "le titre du ", "discussion", feminine, "le titre de la "},
		{"fr", "le titre de la ", "espace", masculine, "le titre de l'"},
		{"fr", "cette ", "espace", masculine, "cet "},
		{"ca", "obre la ", "espai", masculine, "obre l'"},
		{"ca", "a la ", "espai", masculine, "a l'"},
		{"fr", "ma ", "amie", feminine, "mon "},
		// Left alone: no determiner before, none of the language's, no
		// blank, a line between, a language without a table.
		{"es", "Abre ", "conversación", feminine, "Abre "},
		{"es", "Abre nuevo ", "conversación", feminine, "Abre nuevo "},
		{"es", "Abre el", "conversación", feminine, "Abre el"},
		{"es", "Abre el\n", "conversación", feminine, "Abre el\n"},
		{"en", "Open the ", "discussion", feminine, "Open the "},
		{"es", "Abre el ", "conversación", genderUnknown, "Abre el "},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.before+tt.term, func(t *testing.T) {
			if got := agreeDeterminer(tt.before, len(tt.before), tt.term, tt.to, tt.lang); got != tt.want {
				t.Errorf("agreeDeterminer(%q, %q) = %q, want %q", tt.before, tt.term, got, tt.want)
			}
		})
	}
}

// TestGlossaryTermsAgreeThroughApertium: the localization team's
// Portuguese and Catalan "thread" ("conversa", "fil") came out "o
// conversa" and "la fil", with the article of Apertium's own rendering.
func TestGlossaryTermsAgreeThroughApertium(t *testing.T) {
	e := newEngine(t, Config{MaxPairs: -1}, "eng-spa", "es-pt", "pt-es", "eng-cat", "cat-eng", "es-fr", "fr-es", "spa-eng")
	tests := []struct {
		target, text string
		term         api.TermHint
		want         string
	}{
		{"pt", "Open the thread.", api.TermHint{Source: "thread", Target: "conversa"}, "a conversa"},
		{"ca", "Open the thread.", api.TermHint{Source: "thread", Target: "fil"}, "el fil"},
		{"es", "Open the thread.", api.TermHint{Source: "thread", Target: "conversación"}, "la conversación"},
		{"fr", "Open the thread.", api.TermHint{Source: "thread", Target: "discussion"}, "la discussion"},
		{"es", "Read the title of the thread.", api.TermHint{Source: "thread", Target: "conversación"}, "de la conversación"},
		// The same gender: nothing to change.
		{"es", "Open the dashboard.", api.TermHint{Source: "dashboard", Target: "panel de control"}, "el panel de control"},
	}
	for _, tt := range tests {
		t.Run(tt.target+" "+tt.term.Target, func(t *testing.T) {
			toks := entity.Scan(tt.text, nil)
			req := backend.Request{Text: tt.text, Source: "en", Target: tt.target, Terms: []api.TermHint{tt.term},
				Tokens: toks, Protect: entity.Protected(toks)}
			got, err := e.TranslateDetail(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.Text, tt.want) {
				t.Errorf("%q to %s = %q, want %q in it", tt.text, tt.target, got.Text, tt.want)
			}
		})
	}
}

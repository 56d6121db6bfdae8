package apertium

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/entity"
)

// TestEscapedTransferMark runs words that spa-eng's bilingual dictionary
// lacks through the real engine. The generator writes the transfer's
// mark on them escaped ("Your \@ticket is opened"), and the engine read
// it as a literal "@": the answer gained an @mention the message did not
// have, and the translate chain served the original instead.
func TestEscapedTransferMark(t *testing.T) {
	e := newEngine(t, Config{}, "spa-eng")
	have := map[string]bool{}
	for _, m := range e.Modes() {
		have[m] = true
	}
	tests := []struct {
		name, source, target, text string
		protect                    []string
		tokens                     bool
		modes                      []string // installed modes the route needs
		keep                       []string // in the answer verbatim
		ats, unknown               int      // "@" in the answer; unknown words
		cli                        bool     // the answer's text is apertium -u's
	}{
		{name: "transfer mark", source: "es", target: "en", text: "Tu ticket está abierto.",
			keep: []string{"ticket"}, unknown: 1, cli: true},
		{name: "transfer mark at the end", source: "es", target: "en", text: "Tengo un ticket.",
			keep: []string{"ticket"}, unknown: 1, cli: true},
		// The message's own @ is kept, protected or not, scanned or not.
		{name: "a protected mention", source: "es", target: "en", text: "Habla con @juan sobre tu ticket.",
			protect: []string{"@juan"}, keep: []string{"@juan", "ticket"}, ats: 1, unknown: 1},
		{name: "a scanned mention", source: "es", target: "en", text: "Pregunta a @juan: tu ticket está abierto.",
			tokens: true, keep: []string{"@juan", "ticket"}, ats: 1, unknown: 1},
		{name: "an unprotected mention", source: "es", target: "en", text: "Habla con @juan sobre tu ticket.",
			keep: []string{"@juan", "ticket"}, ats: 1, unknown: 2, cli: true},
		// "@casa" came out "\@house", as a marked word does: the input's
		// "@" goes in as a superblank.
		{name: "an at before a known word", source: "es", target: "en", text: "Escribe @casa ahora.",
			keep: []string{"@house"}, ats: 1, cli: true},
		// Inside a word the '@' goes in as destxt writes it: lt-proc
		// reads the address whole.
		{name: "an email address", source: "es", target: "en", text: "Mi correo es casa@ejemplo.com hoy.",
			keep: []string{"casa@ejemplo.com"}, ats: 1, cli: true},
		// Pivots: the mark from the first mode (relay) and from the
		// second (rebuild).
		{name: "pivot, first mode", source: "es", target: "ca", text: "Tu ticket está abierto.",
			modes: []string{"eng-cat"}, unknown: 1},
		{name: "pivot, second mode", source: "fr", target: "en", text: "Ton ticket est ouvert.",
			modes: []string{"fr-es"}, keep: []string{"ticket"}, unknown: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range tt.modes {
				if !have[m] {
					t.Skipf("Apertium mode %s is not installed; skipping", m)
				}
			}
			req := backend.Request{Text: tt.text, Source: tt.source, Target: tt.target, Protect: tt.protect}
			if tt.tokens {
				req.Tokens = entity.Scan(tt.text, tt.protect)
			}
			got, err := e.TranslateDetail(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(got.Text, "@"); n != tt.ats {
				t.Errorf("Translate(%q) = %q: %d @, want %d", tt.text, got.Text, n, tt.ats)
			}
			for _, k := range tt.keep {
				if !strings.Contains(got.Text, k) {
					t.Errorf("Translate(%q) = %q; want %q in it", tt.text, got.Text, k)
				}
			}
			if got.UnknownWords != tt.unknown {
				t.Errorf("Translate(%q) = %q: UnknownWords = %d, want %d", tt.text, got.Text, got.UnknownWords, tt.unknown)
			}
			if !tt.cli {
				return
			}
			if want := expected(t, "spa-eng", tt.text); got.Text != want {
				t.Errorf("Translate(%q)\n got %q\nwant %q (apertium -u spa-eng)", tt.text, got.Text, want)
			}
		})
	}
	// The mark must be what the test is about: the command line marks
	// "ticket" with the transfer's "@".
	if out := cachedCLI(t, "Tu ticket está abierto.", "spa-eng"); !strings.Contains(out, "@ticket") {
		t.Errorf("apertium spa-eng gave %q, without the mark @ticket; the test proves nothing", out)
	}
}

// TestProtectedSentenceStart runs sentences that start with a protected
// term through the real engine. Apertium capitalizes the first word of a
// sentence, and a protected term is an opaque superblank to it: the word
// after the term came out capitalized ("GitHub Y Microsoft es sumo"),
// where Apertium writes "y" mid-sentence.
func TestProtectedSentenceStart(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	have := map[string]bool{}
	for _, m := range e.Modes() {
		have[m] = true
	}
	tests := []struct {
		name, target, text string
		protect            []string
		tokens             bool
		modes              []string
		want               string // in the answer
	}{
		{name: "two terms", target: "es", text: "GitHub and Microsoft are great.",
			protect: []string{"GitHub", "Microsoft"}, want: "GitHub y Microsoft"},
		{name: "a two-word term", target: "es", text: "Acme Hub and the workspace are ready.",
			protect: []string{"Acme Hub"}, want: "Acme Hub y el "},
		{name: "after a sentence's end", target: "es", text: "Hello. GitHub and Microsoft are great.",
			protect: []string{"GitHub", "Microsoft"}, want: ". GitHub y Microsoft"},
		{name: "a scanned mention", target: "es", text: "@bob and the workspace are ready.",
			tokens: true, want: "@bob y el "},
		{name: "inside emphasis", target: "es", text: "**Acme Hub** and the **new** workspace are ready.",
			protect: []string{"Acme Hub"}, tokens: true, want: "**Acme Hub** y el "},
		// An upper-case word after the term keeps Apertium's capital.
		{name: "the next sentence", target: "es", text: "GitHub. The house is red.",
			protect: []string{"GitHub"}, want: "GitHub. La casa"},
		{name: "pivot", target: "fr", text: "GitHub and Microsoft are great.",
			protect: []string{"GitHub", "Microsoft"}, modes: []string{"es-fr"}, want: "GitHub et Microsoft"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range tt.modes {
				if !have[m] {
					t.Skipf("Apertium mode %s is not installed; skipping", m)
				}
			}
			req := backend.Request{Text: tt.text, Source: "en", Target: tt.target, Protect: tt.protect}
			if tt.tokens {
				req.Tokens = entity.Scan(tt.text, tt.protect)
			}
			got, err := e.Translate(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.Text, tt.want) {
				t.Errorf("Translate(%q) = %q; want %q in it", tt.text, got.Text, tt.want)
			}
		})
	}
	// Mid-sentence, unprotected, Apertium writes the conjunction in
	// lower case: the case the fix gives back.
	got, err := e.Translate(t.Context(), backend.Request{Text: "Hello X and Microsoft are great.", Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Text, " y ") {
		t.Errorf("Translate = %q; want \" y \" in it", got.Text)
	}
}

package apertium

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

// TestGlossaryTerms is the localization team's report: with Apertium
// serving (no LLM on the machine), "Open the dashboard, please." came back
// as "Abierto el salpicadero, complacer." although the glossary says
// dashboard is "panel de control", and every such view was flagged. The
// engine now puts the target in place of its own rendering of the term,
// where that is unambiguous.
func TestGlossaryTerms(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "es-fr")
	dashboard := api.TermHint{Source: "dashboard", Target: "panel de control"}
	tests := []struct {
		name, source, target, text string
		terms                      []api.TermHint
		format                     string
		want                       string // "" for Apertium's own translation
		wantOwn                    string // a word of Apertium's own translation that must stay
	}{
		{name: "a term", text: "Open the dashboard, please.", terms: []api.TermHint{dashboard},
			want: "Abre el panel de control, por favor."},
		{name: "at the start", text: "Dashboard is ready.", terms: []api.TermHint{{Source: "Dashboard", Target: "panel de control"}},
			want: "El panel de control está listo."},
		{name: "twice", text: "The dashboard and the old dashboard.", terms: []api.TermHint{dashboard},
			want: "El panel de control y el panel de control viejo."},
		{name: "two terms", text: "Open the dashboard and the thread.",
			terms: []api.TermHint{dashboard, {Source: "thread", Target: "hilo de conversación"}},
			want:  "Abre el panel de control y el hilo de conversación."},
		{name: "already the glossary's word", text: "Open the account.", terms: []api.TermHint{{Source: "account", Target: "cuenta"}},
			want: "Abre la cuenta."},
		// The engine's own words are chat's (senses.go): a dashboard is
		// "panel", not the car's "salpicadero".
		{name: "a stem match is left to verify", text: "Open the dashboards.", terms: []api.TermHint{{Source: "dashboards", Target: "panel de control", Match: "stem"}},
			wantOwn: "paneles"},
		{name: "a mention is not prose", text: "Ask @dashboard about the dashboard.", terms: []api.TermHint{dashboard},
			want: "Pide @dashboard sobre el panel de control."},
		// The engine's own: "Ouvre le panneau." (and Debian's "Ouvert le
		// salpicadero.": es-fr does not know the Spanish word).
		{name: "through a pivot", target: "fr", text: "Open the dashboard.", terms: []api.TermHint{{Source: "dashboard", Target: "tableau de bord"}},
			want: "Ouvre le tableau de bord."},
		{name: "HTML escapes the target", format: api.FormatHTML, text: "<p>Open the dashboard.</p>",
			terms: []api.TermHint{{Source: "dashboard", Target: "R&D panel"}},
			want:  "<p>Abierto el R&amp;D panel.</p>"},
		{name: "no terms", text: "Open the dashboard, please.", wantOwn: "panel"},
		// One person's "your" before a term is "tu", as before any noun
		// (it was "leí tuyo mensaje": the term is no word of the modes).
		{name: "your before a term", text: "Sorry, I read your message.", terms: []api.TermHint{{Source: "message", Target: "mensaje"}},
			want: "Lo siento, leí tu mensaje."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			source, target := cmpOr(tt.source, "en"), cmpOr(tt.target, "es")
			// As the translate chain hands it to the rung: the message
			// scanned, its entities protected.
			toks := scan(tt.text, tt.format)
			req := backend.Request{Text: tt.text, Source: source, Target: target, Terms: tt.terms, Format: tt.format,
				Tokens: toks, Protect: entity.Protected(toks)}
			got, err := e.TranslateDetail(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != "" && got.Text != tt.want {
				t.Errorf("%q = %q, want %q", tt.text, got.Text, tt.want)
			}
			if tt.wantOwn != "" && !strings.Contains(got.Text, tt.wantOwn) {
				t.Errorf("%q = %q, want it to keep %q", tt.text, got.Text, tt.wantOwn)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// When the rendering does not occur as often as the term (Apertium chose
// another word in context, or the rendering is also another word of the
// message), nothing is replaced.
func TestGlossaryTermsOnlyWhenUnambiguous(t *testing.T) {
	tests := []struct {
		name, in, out, rendering string
		want                     string
	}{
		{"once each", "Open the dashboard.", "Abre el salpicadero.", "salpicadero", "Abre el panel de control."},
		{"rendering also another word", "Open the dashboard, not the car.", "Abre el salpicadero, no el salpicadero.", "salpicadero", ""},
		{"rendering missing", "Open the dashboard.", "Abre el tablero.", "salpicadero", ""},
		{"inside a word", "Open the dashboard.", "Abre el salpicaderos.", "salpicadero", ""},
		{"capital carried over", "Dashboard is ready.", "Salpicadero está a punto.", "salpicadero", "Panel de control está a punto."},
		{"inside a link", "See https://x.io/salpicadero and the dashboard.", "Ve https://x.io/salpicadero y el salpicadero.", "salpicadero", "Ve https://x.io/salpicadero y el panel de control."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inProse, outProse := prose(scan(tt.in, "")), prose(scan(tt.out, ""))
			var subs []termSub
			if at := findWord(tt.out, outProse, tt.rendering); len(at) > 0 && len(at) == len(findWord(tt.in, inProse, "dashboard")) {
				subs = append(subs, termSub{at: at, target: "panel de control"})
			}
			got := substitute(tt.out, subs, false, "es")
			want := tt.want
			if want == "" {
				want = tt.out
			}
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// BenchmarkGlossaryTerms: a chat message through eng-spa without glossary
// terms ("baseline") and with one and four whole-word terms, each looked
// up in one extra stream through the mode.
func BenchmarkGlossaryTerms(b *testing.B) {
	e := newEngine(b, Config{}, "eng-spa")
	const text = "Open the dashboard and check the thread before you invite the team to the workspace."
	all := []api.TermHint{
		{Source: "dashboard", Target: "panel de control"}, {Source: "thread", Target: "hilo de conversación"},
		{Source: "team", Target: "equipo de trabajo"}, {Source: "workspace", Target: "espacio de trabajo"},
	}
	toks := entity.Scan(text, nil)
	for _, bc := range []struct {
		name  string
		terms []api.TermHint
	}{{"baseline", nil}, {"terms-1", all[:1]}, {"terms-4", all}} {
		b.Run(bc.name, func(b *testing.B) {
			req := backend.Request{Text: text, Source: "en", Target: "es", Terms: bc.terms, Tokens: toks, Protect: entity.Protected(toks)}
			for b.Loop() {
				if _, err := e.TranslateDetail(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

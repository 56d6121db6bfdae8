package apertium

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

func TestInnerCapitals(t *testing.T) {
	tests := []struct {
		name, source, output, from, to, want string
	}{
		{"after an interjection", "thank you so much", "gracias Tanto", "en", "es", "gracias tanto"},
		{"sentence start kept", "Thank you so much", "Gracias Tanto", "en", "es", "Gracias tanto"},
		{"several", "hi there friend, ok thanks everyone", "hola Allí amigo, vale Da las gracias a Todo el mundo", "en", "es", "hola allí amigo, vale da las gracias a todo el mundo"},
		{"after a full stop", "thanks. see you", "gracias. Te ves", "en", "es", "gracias. Te ves"},
		{"Spanish question opener", "hi, how are you?", "hola, ¿Cómo estás?", "en", "es", "hola, ¿Cómo estás?"},
		{"a new line", "hi\nsee you", "hola\nTe ves", "en", "es", "hola\nTe ves"},
		{"a name in the source", "hi John, see you", "hola John, Te ves", "en", "es", "hola John, Te ves"},
		{"a mention in the source", "thanks @Ana", "gracias @Ana", "en", "es", "gracias @Ana"},
		{"English I is no name", "thanks, I will go", "gracias, Iré", "en", "es", "gracias, iré"},
		{"capitals throughout", "ok thanks", "vale Da las gracias OK", "en", "es", "vale da las gracias OK"},
		{"English target", "gracias, yo creo que sí", "thanks, I think so", "es", "en", "thanks, I think so"},
		// English keeps the capitals of days, months and languages; only
		// function words are lowered.
		{"English function words", "muchas gracias por tu ayuda", "thank you very much For your help", "es", "en", "thank you very much for your help"},
		{"English function word after I", "merci pour tout", "thank you For All", "fr", "en", "thank you for all"},
		{"English month and language", "nos vemos en mayo, hablamos en inglés", "see you in May, we speak in English", "es", "en", "see you in May, we speak in English"},
		{"English I kept", "vale, lo miro", "Ok, I look it", "es", "en", "Ok, I look it"},
		{"pivot target", "thank you so much", "merci Tant", "en", "fr", "merci tant"},
		{"nothing to do", "hello", "hola", "en", "es", "hola"},
		{"non-ASCII capital", "hi there", "hola Éxito", "en", "es", "hola éxito"},
		{"markup starts sentences", "<li>red car</li><li>blue house</li>", "<li>Coche rojo</li><li>Casa azul</li>", "en", "es", "<li>Coche rojo</li><li>Casa azul</li>"},
	}
	for _, tt := range tests {
		if got := innerCapitals(tt.source, tt.output, tt.from, tt.to); got != tt.want {
			t.Errorf("%s: innerCapitals(%q, %q) = %q, want %q", tt.name, tt.source, tt.output, got, tt.want)
		}
	}
}

// TestInnerCapitalsThroughApertium: the chat lines Apertium's English
// modes capitalized inside a sentence, through the real modes. They are
// set phrases, which the chat fixes write as the target's own (phrases.go):
// the engine here runs without them, as the modes translate them.
func TestInnerCapitalsThroughApertium(t *testing.T) {
	e := newEngine(t, Config{NoChatFixes: true}, "eng-spa")
	tests := []struct{ text, format, want string }{
		{"thank you so much", "", "gracias tanto"},
		{"hi everyone!", "", "hola todo el mundo!"},
		{"Hi John, see you tomorrow", "", "Hola John, verte mañana"},         // a name: left as Apertium wrote it
		{"<b>hi</b> there friend", api.FormatHTML, "<b>hola</b> Allí amigo"}, // HTML: left alone
	}
	for _, tt := range tests {
		toks := scan(tt.text, tt.format)
		got, err := e.TranslateDetail(context.Background(), backend.Request{Text: tt.text, Source: "en", Target: "es", Format: tt.format,
			Tokens: toks, Protect: entity.Protected(toks)})
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != tt.want {
			t.Errorf("%q = %q, want %q", tt.text, got.Text, tt.want)
		}
	}
}

// BenchmarkInnerCapitals: what the step costs a chat line, against the
// edge tidying every answer gets (baseline).
func BenchmarkInnerCapitals(b *testing.B) {
	const source, output = "ok thanks everyone, see you tomorrow at the standup", "vale Da las gracias a Todo el mundo, te ves mañana en el standup"
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			tidyEdges(source, output)
		}
	})
	b.Run("lowered", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			innerCapitals(source, output, "en", "es")
		}
	})
	b.Run("name-in-source", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			innerCapitals("ok thanks John", output, "en", "es")
		}
	})
}

// TestPronounIThroughApertium: the word after a protected part that starts
// a sentence (a set phrase, a mention) gets its lower case back, except
// English "I" ("Ok, i look it afterwards" was served; now "Ok, I'll
// look at it later").
func TestPronounIThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "spa-eng", "eng-spa")
	tests := []struct{ source, target, text, want string }{
		{"es", "en", "Vale, lo miro luego", "Ok, I'll look"},
		{"es", "en", "@ana yo lo hago", "@ana I do it"},
		{"en", "es", "@ana the house is big", "@ana la casa"},
	}
	for _, tt := range tests {
		toks := scan(tt.text, "")
		got, err := e.TranslateDetail(context.Background(), backend.Request{Text: tt.text, Source: tt.source, Target: tt.target,
			Tokens: toks, Protect: entity.Protected(toks)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.Text, tt.want) {
			t.Errorf("%q = %q, want it to contain %q", tt.text, got.Text, tt.want)
		}
	}
}

func TestPronounI(t *testing.T) {
	for s, want := range map[string]bool{"I": true, "I look": true, "I'm": true, "I’ll go": true, "I,": true, "It": false, "In": false, "i": false, "I2": false} {
		if got := pronounI(s); got != want {
			t.Errorf("pronounI(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestMentionWithoutArticleThroughApertium: Portuguese and Spanish put an
// article before a name; English does not.
func TestMentionWithoutArticleThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "pt-es", "spa-eng")
	text := "Alguém viu o @carlos hoje?"
	toks := scan(text, "")
	got, err := e.TranslateDetail(t.Context(), backend.Request{Text: text, Source: "pt", Target: "en", Tokens: toks, Protect: entity.Protected(toks)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Text, " @carlos") || strings.Contains(got.Text, "the @carlos") {
		t.Errorf("%q = %q; want @carlos without an article", text, got.Text)
	}
}

func TestLowerStarts(t *testing.T) {
	tests := []struct {
		name, source, output string
		target               string
		want                 string
	}{
		{"writer in lower case", "te mando el enlace ahora", "Je t'envoie le lien maintenant", "es", "je t'envoie le lien maintenant"},
		{"after an opening mark", "can u send me the file pls?", "¿Me puedes enviar el archivo por favor?", "es", "¿me puedes enviar el archivo por favor?"},
		{"every sentence", "thanks. see you tomorrow", "Gracias. Te veo mañana", "es", "gracias. te veo mañana"},
		{"writer who capitalizes", "Thanks, see you", "Gracias, te veo", "es", "Gracias, te veo"},
		{"one capital is enough", "thanks. See you", "Gracias. Te veo", "es", "Gracias. Te veo"},
		{"a name as its writer wrote it", "ana says hi", "Ana dice hola", "es", "ana dice hola"},
		{"a name the source capitalized", "hola Ana", "Ana, hello", "en", "Ana, hello"},
		{"English I", "te lo mando mañana", "I'll send it to you tomorrow", "en", "I'll send it to you tomorrow"},
		{"English capitals", "el lunes no puedo", "Monday I can't", "en", "Monday I can't"},
		{"other English words", "mañana por la mañana", "Tomorrow morning", "en", "tomorrow morning"},
		{"capitals throughout", "ok, gracias", "OK, thanks", "en", "OK, thanks"},
		{"no letters to go by", "123 👍", "123 👍", "en", "123 👍"},
		{"English I says nothing", "I'm late. see you", "Llego tarde. Te veo", "es", "llego tarde. te veo"},
		{"English I alone", "I'm late", "Llego tarde", "es", "Llego tarde"},
		{"a feast keeps its capital", "merry christmas!", "Bon Nadal!", "ca", "bon Nadal!"},
		{"a mention first", "@Ana can you check?", "@Ana ¿puedes comprobar?", "es", "@Ana ¿puedes comprobar?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.output, "")
			got := lowerStarts(tt.source, tt.output, func() [][2]int { return prose(scanMessage(tt.output, entity.Protected(toks), "")) }, tt.target)
			if got != tt.want {
				t.Errorf("lowerStarts(%q, %q) = %q, want %q", tt.source, tt.output, got, tt.want)
			}
		})
	}
}

package apertium

import (
	"strings"
	"testing"
)

func TestPunctuate(t *testing.T) {
	tests := []struct {
		name                     string
		source, output, from, to string
		keep                     []string
		want                     string
	}{
		// Spanish opens questions and exclamations where they begin.
		{"question", "Are you coming?", "Vienes?", "en", "es", nil, "¿Vienes?"},
		{"exclamation", "Great!", "Genial!", "en", "es", nil, "¡Genial!"},
		{"two sentences", "Thanks! Are you coming?", "Gracias! Vienes?", "en", "es", nil, "¡Gracias! ¿Vienes?"},
		{"after a statement", "I'm here. Are you?", "Estoy aquí. Y tú?", "en", "es", nil, "Estoy aquí. ¿Y tú?"},
		{"after a greeting", "Hello, how are you?", "Hola, cómo estás?", "en", "es", nil, "Hola, ¿cómo estás?"},
		{"greeting and a name", "Hi Ana, are you coming?", "Hola Ana, estás viniendo?", "en", "es", nil, "Hola Ana, ¿estás viniendo?"},
		{"a vocative", "Ana, are you coming?", "Ana, vienes?", "en", "es", nil, "Ana, ¿vienes?"},
		{"politeness first", "Please, can you help me?", "Por favor, me puedes ayudar?", "en", "es", nil, "Por favor, ¿me puedes ayudar?"},
		{"politeness last stays inside", "can you send me the file, please?", "Me puedes enviar el archivo, por favor?", "en", "es", nil, "¿Me puedes enviar el archivo, por favor?"},
		{"a tag question", "You're coming, right?", "Vienes mañana, verdad?", "en", "es", nil, "Vienes mañana, ¿verdad?"},
		{"a clause before a question word", "If it rains, what do we do?", "Si llueve, qué hacemos?", "en", "es", nil, "Si llueve, ¿qué hacemos?"},
		{"a preposition before the question word", "And you, where are you from?", "Y tú, de dónde eres?", "en", "es", nil, "Y tú, ¿de dónde eres?"},
		{"an exclamation word", "Hi, how nice!", "Hola, qué bien!", "en", "es", nil, "Hola, ¡qué bien!"},
		{"a clause that is not an introducer", "The server is down, you can check?", "El servidor está caído, puedes comprobar?", "en", "es", nil, "¿El servidor está caído, puedes comprobar?"},
		{"a statement, then a question asked with its verb first", "The server is down, can you check?", "El servidor está caído, puedes comprobar?", "en", "es", nil, "El servidor está caído, ¿puedes comprobar?"},
		{"a statement, then do you", "I'm stuck, do you have a minute?", "Estoy atascado, tienes un minuto?", "en", "es", nil, "Estoy atascado, ¿tienes un minuto?"},
		{"a capital that is no name", "Really, you're sure?", "Realmente, estás seguro?", "en", "es", nil, "¿Realmente, estás seguro?"},
		{"after a colon", "One question: are you coming?", "Una pregunta: vienes?", "en", "es", nil, "Una pregunta: ¿vienes?"},
		{"mixed marks mirror", "What?!", "Qué?!", "en", "es", nil, "¡¿Qué?!"},
		{"repeated marks", "No way!!!", "Ni hablar!!!", "en", "es", nil, "¡¡¡Ni hablar!!!"},
		{"ellipsis then question", "So...?", "Entonces...?", "en", "es", nil, "¿Entonces...?"},
		{"in brackets", "(really?)", "(en serio?)", "en", "es", nil, "(¿en serio?)"},
		{"after an emoji", "👋 how are you?", "👋 cómo estás?", "en", "es", nil, "👋 ¿cómo estás?"},
		{"each line", "ok\nare you coming?", "vale\nvienes?", "en", "es", nil, "vale\n¿vienes?"},
		{"already opened", "¿Vienes?", "¿Vienes?", "en", "es", nil, "¿Vienes?"},
		{"a mark alone", "?", "?", "en", "es", nil, "?"},
		{"a decimal is no sentence end", "Is it 3.5?", "Es 3.5?", "en", "es", nil, "¿Es 3.5?"},
		{"a link's query is no question", "see https://x.io/?q=1 ok?", "ve https://x.io/?q=1 vale?", "en", "es", nil, "¿ve https://x.io/?q=1 vale?"},
		{"a link alone", "https://x.io/?q=1", "https://x.io/?q=1", "en", "es", nil, "https://x.io/?q=1"},
		{"a glossary target's mark", "I use Yahoo! daily", "Uso Yahoo! diario", "en", "es", []string{"Yahoo!"}, "Uso Yahoo! diario"},
		{"a time", "at 10:30?", "a las 10:30?", "en", "es", nil, "¿a las 10:30?"},
		{"no marks", "hello", "hola", "en", "es", nil, "hola"},

		// French sets a no-break space before ? ! ; and :.
		{"french question", "how are you?", "comment ça va?", "en", "fr", nil, "comment ça va\u00a0?"},
		{"french run", "what?!", "quoi?!", "en", "fr", nil, "quoi\u00a0?!"},
		{"french colon and semicolon", "Note: it is down; restart it.", "Note: il est en panne; redémarre-le.", "en", "fr", nil, "Note\u00a0: il est en panne\u00a0; redémarre-le."},
		{"french space already there", "ok ?", "d'accord ?", "en", "fr", nil, "d'accord ?"},
		{"french time and smiley", "at 10:30 :)", "à 10:30 :)", "en", "fr", nil, "à 10:30 :)"},
		{"french link", "https://x.io/?q=1", "https://x.io/?q=1", "en", "fr", nil, "https://x.io/?q=1"},
		{"french after a quote", `he said "no"!`, `il a dit "non"!`, "en", "fr", nil, "il a dit \"non\"\u00a0!"},

		// The other languages set none: a French source's go.
		{"from french", "Tu viens ? Super !", "You come ? Great !", "fr", "en", nil, "You come? Great!"},
		{"from french, narrow spaces", "Tu viens\u202f?", "Vienes\u202f?", "fr", "es", nil, "¿Vienes?"},
		{"from french, colon", "Attention : panne", "Atenção : avaria", "fr", "pt", nil, "Atenção: avaria"},
		{"from french, a smiley keeps its space", "merci :)", "thanks :)", "fr", "en", nil, "thanks :)"},
		{"from french, a mark alone", "?", "?", "fr", "en", nil, "?"},
		{"from french to french", "Tu viens ?", "Tu viens ?", "fr", "fr", nil, "Tu viens ?"},
		{"other targets untouched", "Are you coming?", "Vens?", "en", "pt", nil, "Vens?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := punctuate(tt.source, tt.output, tt.from, tt.to, "", tt.keep); got != tt.want {
				t.Errorf("punctuate(%q) = %q, want %q", tt.output, got, tt.want)
			}
		})
	}
	// HTML is the markup's: a mark may sit in an attribute.
	if got := punctuate("<b>ok?</b>", "<b>vale?</b>", "en", "es", "html", nil); got != "<b>vale?</b>" {
		t.Errorf("HTML: %q", got)
	}
}

// TestPunctuationThroughApertium checks the marks in the real modes'
// output, and that they go with the chat fixes (APERTIUM_CHAT_FIXES=false
// serves Debian's punctuation).
func TestPunctuationThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "fr-es", "es-fr", "eng-cat")
	plain := newEngine(t, Config{NoChatFixes: true})
	// debian: what Debian's punctuation looks like in its output.
	tests := []struct{ source, target, text, want, debian string }{
		{"en", "es", "Hello, how are you?", "Hola, ¿cómo estás?", "Hola, c"},
		{"en", "es", "thanks, see you tomorrow!", "gracias, ¡hasta mañana!", "gracias, "},
		{"fr", "es", "Tu viens ? Super !", "¿Vienes? ¡Genial!", "Vienes ?"},
		{"es", "fr", "¿Vienes mañana?", "Tu viens demain\u00a0?", "n?"},
		{"en", "es", "check @ana's link https://x.io/?q=1 ok?", "https://x.io/?q=1", ""},
	}
	for _, tt := range tests {
		req := scannedRequest(tt.text, tt.source, tt.target, "")
		got, err := e.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if tt.debian == "" {
			if !containsWord(got.Text, tt.want) {
				t.Errorf("%s>%s %q = %q, want %q in it as it was", tt.source, tt.target, tt.text, got.Text, tt.want)
			}
			continue
		}
		if got.Text != tt.want {
			t.Errorf("%s>%s %q = %q, want %q", tt.source, tt.target, tt.text, got.Text, tt.want)
		}
		before, err := plain.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(before.Text, tt.debian) || strings.ContainsAny(before.Text, "¿¡\u00a0") {
			t.Errorf("%s>%s %q without the fixes = %q, want Debian's punctuation (%q)", tt.source, tt.target, tt.text, before.Text, tt.debian)
		}
	}
}

func TestSpanishQuestionAccents(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"¿donde estás?", "¿dónde estás?"},
		{"¿Como estás?", "¿Cómo estás?"},
		{"Ana, ¿cuando vienes?", "Ana, ¿cuándo vienes?"},
		{"¿QUE QUIERES?", "¿QUÉ QUIERES?"},
		{"¿dónde?", "¿dónde?"},
		{"sé donde está, ¿vienes?", "sé donde está, ¿vienes?"},
		{"¿lo que quieres?", "¿lo que quieres?"},
	} {
		if got := spanishQuestionAccents(tt.in, [][2]int{{0, len(tt.in)}}); got != tt.want {
			t.Errorf("spanishQuestionAccents(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package apertium

import "testing"

func TestFirstPersonIt(t *testing.T) {
	tests := []struct{ name, source, lang, in, want string }{
		{"pluperfect", "perdona, no había visto tu mensaje", "es", "I'm sorry, it had not seen your message", "I'm sorry, I had not seen your message"},
		{"a place", "estaba en una reunión", "es", "It was in a meeting", "I was in a meeting"},
		{"a gerund", "estaba comiendo", "es", "it was eating", "I was eating"},
		{"a verb of the mind", "pensaba que era mañana", "es", "it thought it was tomorrow", "I thought it was tomorrow"},
		{"only the verb's clause", "pensaba que era mañana", "es", "it thought that it was late", "I thought that it was late"},
		{"have", "no tenía tiempo", "es", "it did not have time", "I did not have time"},
		{"already", "ya lo había visto", "es", "it had already seen it", "I had already seen it"},
		{"a thing's state", "estaba roto", "es", "it was broken", "it was broken"},
		{"a subject", "el servidor estaba caído", "es", "it was down", "it was down"},
		{"impersonal", "se había roto", "es", "it had broken", "it had broken"},
		{"no imperfect", "ha visto tu mensaje", "es", "it has seen your message", "it has seen your message"},
		{"Portuguese", "não tinha visto a tua mensagem", "pt", "it had not seen your message", "I had not seen your message"},
		{"Portuguese subject", "ele estava numa reunião", "pt", "it was in a meeting", "it was in a meeting"},
		{"French je", "désolé, j'avais pas vu ton message", "fr", "I'm sorry, it had not seen your message", "I'm sorry, I had not seen your message"},
		{"French il", "il était en réunion", "fr", "it was in a meeting", "it was in a meeting"},
		{"as many as the source has", "estaba en casa. el build estaba roto", "es", "it was at home. it was broken", "I was at home. it was broken"},
		{"after a mention", "@ana estaba en una reunión", "es", "@ana it was in a meeting", "@ana it was in a meeting"},
		{"the weather", "hacía un frío que pelaba", "es", "It was freezing cold", "It was freezing cold"},
		{"a person eating", "estaba comiendo", "es", "It was eating", "I was eating"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstPersonIt(tt.source, tt.lang, tt.in, prose(scan(tt.in, ""))); got != tt.want {
				t.Errorf("firstPersonIt(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFirstPersonThroughApertium: spa-eng reads a verb without a subject
// as "it"; through Spanish, French "je" is lost the same way.
func TestFirstPersonThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "spa-eng", "pt-es", "fr-es")
	plain := newEngine(t, Config{NoChatFixes: true}, "spa-eng", "pt-es", "fr-es")
	tests := []struct{ source, text, want string }{
		{"es", "perdona, no había leído el correo", "I had not read the email"},
		{"es", "estaba en una reunión", "I was in a meeting"},
		{"pt", "não tinha tempo", "I didn't have time"},
		{"fr", "j'étais en réunion", "I was in a meeting"},
	}
	for _, tt := range tests {
		checkFixThroughApertium(t, e, plain, tt.source, "en", tt.text, tt.want)
	}
}

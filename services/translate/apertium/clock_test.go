package apertium

import "testing"

func TestClockTimes(t *testing.T) {
	tests := []struct{ name, lang, in, want string }{
		{"pm in Spanish", "es", "la reunión es a las 3pm", "la reunión es a las 15:00"},
		{"the article", "es", "la reunión cogió movida a 3pm", "la reunión cogió movida a las 15:00"},
		{"thirteen", "es", "hasta 1pm", "hasta las 13:00"},
		{"one o'clock", "es", "desde 1am", "desde la 1:00"},
		{"half past", "es", "a las 3:30 pm", "a las 15:30"},
		{"French h in Spanish", "es", "la reunión es a 15h30", "la reunión es a las 15:30"},
		{"two hours stay", "es", "en 2h", "en 2h"},
		{"pm in French", "fr", "la réunion est à 3pm", "la réunion est à 15h"},
		{"one time, twice matched", "fr", "à 3:30 pm", "à 15h30"},
		{"24-hour in French", "fr", "la réunion est à 15:30", "la réunion est à 15h30"},
		{"seconds stay", "fr", "à 10:30:00", "à 10:30:00"},
		{"am in Portuguese", "pt", "a reunião é a 9am", "a reunião é às 9h"},
		{"Portuguese h stays", "pt", "às 15h", "às 15h"},
		{"French h in English", "en", "the meeting is to 15h", "the meeting is at 3pm"},
		{"moved to", "en", "the meeting has been moved to 15h30", "the meeting has been moved to 3:30pm"},
		{"midnight", "en", "until 0h", "until 12am"},
		{"English 24-hour stays", "en", "at 15:00", "at 15:00"},
		{"Catalan", "ca", "a les 3pm", "a les 15:00"},
		{"Catalan article", "ca", "després de 6 pm", "després de les 18:00"},
		{"a.m.", "es", "a las 9 a.m. mañana", "a las 9:00 mañana"},
		{"no time", "es", "tengo 3 PMs", "tengo 3 PMs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clockTimes(tt.in, tt.lang, prose(scan(tt.in, ""))); got != tt.want {
				t.Errorf("clockTimes(%q, %s) = %q, want %q", tt.in, tt.lang, got, tt.want)
			}
		})
	}
}

// TestClockTimesThroughApertium: the modes copy a time through as the
// writer wrote it.
func TestClockTimesThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "spa-eng", "fr-es", "es-fr", "es-pt")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ source, target, text, want string }{
		{"en", "es", "the meeting got moved to 3pm", "a las 15:00"},
		{"en", "fr", "the meeting is at 3pm", "15h"},
		{"en", "pt", "the meeting is at 3:30pm", "15h30"},
		{"fr", "en", "la réunion est à 15h", "is at 3pm"},
		{"fr", "es", "la réunion est à 15h", "a las 15:00"},
	} {
		checkFixThroughApertium(t, e, plain, tt.source, tt.target, tt.text, tt.want)
	}
}

// BenchmarkClockTimes is the cost of writing a line's time of day as the
// target does, against scanning the line's prose alone (baseline), which
// every rewrite of writeForChat starts with.
func BenchmarkClockTimes(b *testing.B) {
	const line = "la reunión cogió movida a 3pm, avísame si no puedes"
	ranges := prose(scan(line, ""))
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			proseWords(line, 0, len(line), ranges)
		}
	})
	b.Run("clock", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			clockTimes(line, "es", ranges)
		}
	})
}

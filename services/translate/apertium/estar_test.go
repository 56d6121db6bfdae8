package apertium

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestSpanishEstar(t *testing.T) {
	tests := []struct{ name, source, in, want string }{
		// A person somewhere or in a state.
		{"place", "I'm in a meeting", "Soy en una reunión", "Estoy en una reunión"},
		{"here", "I am here", "Soy aquí", "Estoy aquí"},
		{"with", "I'm with a client", "Soy con un cliente", "Estoy con un cliente"},
		{"state", "we are busy", "somos ocupados", "estamos ocupados"},
		{"negative", "I'm not at home", "No soy en casa", "No estoy en casa"},
		{"question", "are you available?", "¿Eres disponible?", "¿Estás disponible?"},
		{"imperfect", "you were sick", "eras enfermo", "estabas enfermo"},
		{"almost there", "we're almost there", "somos casi allí", "estamos casi allí"},
		{"almost impossible", "it's almost impossible", "es casi imposible", "es casi imposible"},
		// The modes' words for the state.
		{"ready", "I'm ready", "Soy a punto", "Estoy listo"},
		{"ready, plural", "are they ready?", "¿Son a punto?", "¿Están listos?"},
		{"an adverb between", "you are now in debug mode", "Eres ahora en depurar modo", "Estás ahora en depurar modo"},
		{"a place, then an adverb", "we are here today", "Somos aquí hoy", "Estamos aquí hoy"},
		{"an adverb and the mode's word", "it's ok now", "Es ya vale", "Está ya bien"},
		{"ready with estar", "your files are ready", "tus archivos están a punto", "tus archivos están listos"},
		{"about to stays", "we are about to start", "somos a punto de empezar", "somos a punto de empezar"},
		{"ok", "it's ok", "Es vale", "Está bien"},
		{"future, a place", "I'll be there in ten minutes", "Seré allí en diez minutos", "Estaré allí en diez minutos"},
		{"future, a state", "we'll be busy", "seremos ocupados", "estaremos ocupados"},
		{"away", "I'll be absent this afternoon", "seré ausente esta tarde", "estaré ausente esta tarde"},
		{"future, a thing's event stays", "it will be a big problem", "será un problema grande", "será un problema grande"},
		{"wrong", "the address is wrong", "la dirección es mal", "la dirección está mal"},
		{"I was", "sorry, I was in another call", "lo siento, era en otra llamada", "lo siento, estaba en otra llamada"},
		{"it was stays", "it was in the folder", "era en la carpeta", "era en la carpeta"},
		{"on vacation", "we're on vacation", "somos de vacaciones", "estamos de vacaciones"},
		{"fine", "it's fine", "Es bien.", "Está bien."},
		{"mal before a noun stays", "it's a bad time", "es mal momento", "es mal momento"},
		{"free", "are you free now?", "¿Eres gratis ahora?", "¿Estás libre ahora?"},
		{"back", "I'm back", "Soy atrás", "Estoy de vuelta"},
		{"online", "they are online", "Son on-line", "Están en línea"},
		{"down", "the server is down", "El servidor es abajo", "El servidor está caído"},
		{"down, plural", "the servers are down", "Los servidores son abajo", "Los servidores están caídos"},
		{"downstairs", "the file is downstairs", "El archivo es abajo", "El archivo es abajo"},
		// Things in a state or a place.
		{"open", "the door is open", "La puerta es abierta", "La puerta está abierta"},
		{"thing in a place", "the file is in the folder", "El archivo es en la carpeta", "El archivo está en la carpeta"},
		{"event in a place", "the meeting is in room 3", "La reunión es en la sala 3", "La reunión es en la sala 3"},
		// After "dónde".
		{"where are you", "where are you?", "¿Dónde eres?", "¿Dónde estás?"},
		{"where is a thing", "where is the file?", "¿Dónde es el archivo?", "¿Dónde está el archivo?"},
		{"where is an event", "where is the meeting?", "¿Dónde es la reunión?", "¿Dónde es la reunión?"},
		{"where from", "where are you from?", "¿De dónde eres?", "¿De dónde eres?"},
		// "ser" stays.
		{"what someone is", "I'm a developer", "Soy un desarrollador", "Soy un desarrollador"},
		{"clever", "she is smart", "Es lista", "Es lista"},
		{"origin", "I am from Spain", "Soy de España", "Soy de España"},
		{"important", "it is important", "Es importante", "Es importante"},
		{"he is here, unknown subject", "he is here", "Es aquí", "Es aquí"},
		{"a mention", "I'm @ana's", "Soy @ana", "Soy @ana"},
		{"code", "run `soy en`", "ejecuta `soy en`", "ejecuta `soy en`"},
		// "was" before a participle: the passive, or a state.
		{"passive", "my flight was cancelled", "Mi vuelo estuvo cancelado", "Mi vuelo fue cancelado"},
		{"passive, plural", "the files were deleted", "los archivos estuvieron eliminados", "los archivos fueron eliminados"},
		{"passive, irregular", "it was written by Ana", "estuvo escrito por Ana", "fue escrito por Ana"},
		{"a person's state", "I was tired", "Estuve cansado", "Estaba cansado"},
		{"a thing's state", "the door was closed", "la puerta estuvo cerrada", "la puerta estaba cerrada"},
		{"already done", "it was already fixed", "estuvo ya arreglado", "estaba ya arreglado"},
		{"no participle", "I was at home", "Estuve en casa", "Estuve en casa"},
		{"no was in the source", "I stayed home", "Estuvo cerrado", "Estuvo cerrado"},
		{"a free room", "the meeting room is free now", "la sala de reuniones es libre ahora", "la sala de reuniones está libre ahora"},
		{"free software stays", "the software is free", "el software es libre", "el software es libre"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			if got := spanishEstar(tt.source, tt.in, prose(scanMessage(tt.in, entity.Protected(toks), ""))); got != tt.want {
				t.Errorf("spanishEstar(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestEstarThroughApertium checks "estar" where eng-spa writes "ser", and
// that it goes with the chat fixes.
func TestEstarThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	plain := newEngine(t, Config{NoChatFixes: true})
	tests := []struct{ text, want string }{
		{"I'm in a meeting", "Estoy en una reunión"},
		{"Where are you?", "¿Dónde estás?"},
		{"Are you available?", "¿Estás disponible?"},
		{"The server is down", "El servidor está caído"},
		{"Is it ready?", "¿Está listo?"},
		{"I'm a developer", "Soy un desarrollador"},
	}
	for _, tt := range tests {
		req := scannedRequest(tt.text, "en", "es", "")
		got, err := e.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != tt.want {
			t.Errorf("en>es %q = %q, want %q", tt.text, got.Text, tt.want)
		}
		if tt.want == "Soy un desarrollador" {
			continue // "ser" in both
		}
		before, err := plain.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if before.Text == tt.want {
			t.Errorf("en>es %q without the fixes = %q: is the fix still needed?", tt.text, before.Text)
		}
	}
}

// TestEstarThroughPivot: a pivot through Spanish gets "estar" before its
// second mode, so that Portuguese has it too.
func TestEstarThroughPivot(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "es-pt")
	plain := newEngine(t, Config{NoChatFixes: true})
	tests := []struct{ text, want string }{
		{"I'm in a meeting", "Estou numa reunião"},
		{"Are you available?", "Estás disponível?"},
	}
	for _, tt := range tests {
		req := scannedRequest(tt.text, "en", "pt", "")
		got, err := e.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Mode != "eng-spa+es-pt" || got.Text != tt.want {
			t.Errorf("en>pt %q = %q (%s), want %q through eng-spa+es-pt", tt.text, got.Text, got.Mode, tt.want)
		}
		before, err := plain.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if before.Text == tt.want {
			t.Errorf("en>pt %q without the fixes = %q: is the fix still needed?", tt.text, before.Text)
		}
	}
}

func TestStreamText(t *testing.T) {
	stream := `Soy en [<b>]la \[sala\] [[0]]uno[[/]].[]`
	var words []string
	for _, r := range streamText(stream) {
		words = append(words, stream[r[0]:r[1]])
	}
	want := []string{"Soy en ", "la ", "sala", " ", "uno", "."}
	if strings.Join(words, "|") != strings.Join(want, "|") {
		t.Errorf("streamText(%q) = %q, want %q", stream, words, want)
	}
}

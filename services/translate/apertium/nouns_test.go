package apertium

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestParseNouns(t *testing.T) {
	for _, tt := range []struct{ name, src, err string }{
		{"upper case", "Charger | es: m cargador", "lower-case word"},
		{"two words", "phone charger | es: m cargador", "lower-case word"},
		{"no cell", "charger", "want"},
		{"no gender", "charger | es: cargador", "cell"},
		{"other language", "charger | de: m Ladegerät", "cell"},
		{"forms", "charger / chargers | es: m cargador", "1 forms for the source's 2"},
		{"empty form", "charger / chargers | es: m cargador /", "empty form"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseNouns(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseNouns(%q) = %v, want an error with %q", tt.src, err, tt.err)
			}
		})
	}
	// Every noun of the shipped table is written in every language.
	english := slices.Sorted(maps.Keys(chatNouns.nouns["en"]["es"]))
	for _, lang := range []string{"fr", "pt", "ca"} {
		if got := slices.Sorted(maps.Keys(chatNouns.nouns["en"][lang])); !slices.Equal(got, english) {
			t.Errorf("nouns.txt: %s has %v, es %v", lang, got, english)
		}
	}
	if n := chatNouns.nouns["en"]["es"]["chargers"]; n.text != "cargadores" || !n.plural || n.g != masculine {
		t.Errorf("chargers = %+v", n)
	}
	if !chatNouns.loanwords["wifi"] {
		t.Error("wifi is no loanword")
	}
}

func TestWriteChatNouns(t *testing.T) {
	tests := []struct {
		source       string
		target, text string
		marked       []string
		want         string
		known        int
	}{
		{"", "es", "Olvidé mi charger en casa", []string{"charger"}, "Olvidé mi cargador en casa", 1},
		{"", "es", "Me envío el screenshots", []string{"screenshots"}, "Me envío las capturas", 1},
		{"", "es", "Un screenshot, por favor", []string{"screenshot"}, "Una captura, por favor", 1},
		{"", "es", "Screenshot enviado", []string{"Screenshot"}, "Captura enviado", 1},
		{"", "es", "Del charger al screenshot", []string{"charger", "screenshot"}, "Del cargador a la captura", 2},
		{"", "es", "el viejo charger", []string{"charger"}, "el viejo cargador", 1},
		{"", "es", "el wifi está caído", []string{"wifi"}, "el wifi está caído", 1},
		{"", "es", "Bob llegó", []string{"Bob"}, "Bob llegó", 0},
		{"", "es", "el charger y el charger", []string{"charger", "charger"}, "el cargador y el cargador", 2},
		{"", "ca", "el meu screenshots", []string{"screenshots"}, "les meves captures", 1},
		{"", "ca", "Fixaré el typo", []string{"typo"}, "Fixaré l'errata", 1},
		{"", "ca", "EL SHIPMENT", []string{"SHIPMENT"}, "L'ENVIAMENT", 1},
		{"", "fr", "Le shipment est arrivé", []string{"shipment"}, "L'envoi est arrivé", 1},
		{"", "fr", "ce shipment", []string{"shipment"}, "cet envoi", 1},
		{"", "fr", "mon screenshots", []string{"screenshots"}, "mes captures d'écran", 1},
		{"", "pt", "no screenshot", []string{"screenshot"}, "na captura de ecrã", 1},
		{"", "pt-BR", "meu chargers", []string{"chargers"}, "meus carregadores", 1},
		// From Spanish the determiner has the source's gender and
		// number.
		{"es", "fr", "la videollamada de ayer", []string{"videollamada"}, "l'appel vidéo de ayer", 1},
		{"es", "fr", "les videollamadas", []string{"videollamadas"}, "les appels vidéo", 1},
		{"es", "fr", "un pantallazo", []string{"pantallazo"}, "une capture d'écran", 1},
		{"es", "pt", "os cargadores", []string{"cargadores"}, "os carregadores", 1},
		{"es", "en", "I go to be desconectado an hour", []string{"desconectado"}, "I go to be offline an hour", 1},
		{"es", "en", "Desconectada", []string{"Desconectada"}, "Offline", 1},
		// A noun the same in both numbers is read as the singular.
		{"fr", "es", "necesito un tournevis", []string{"tournevis"}, "necesito un destornillador", 1},
		{"pt", "es", "la torneira gotea", []string{"torneira"}, "el grifo gotea", 1},
		// Code is no prose: the word there stays, and unknown.
		{"", "es", "el módulo `charger`", []string{"charger"}, "el módulo `charger`", 0},
	}
	for _, tt := range tests {
		t.Run(tt.target+"/"+tt.text, func(t *testing.T) {
			got, known := writeChatNouns(cmpOr(tt.source, "en"), tt.target, tt.text, prose(scanMessage(tt.text, nil, "")), tt.marked)
			if got != tt.want || known != tt.known {
				t.Errorf("writeChatNouns(%q) = %q, %d known; want %q, %d", tt.text, got, known, tt.want, tt.known)
			}
		})
	}
}

func TestChatNounsThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "eng-cat", "es-fr", "es-pt", "spa-eng")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ source, target, text, want string }{
		{"en", "es", "I forgot my charger at home", "mi cargador"},
		{"en", "es", "can you send me the screenshots?", "las capturas"},
		{"en", "ca", "check your inbox", "la teva safata d'entrada"},
		// Through Spanish: the second mode copies the word it cannot
		// read too.
		{"en", "fr", "can you send me a screenshot?", "une capture d'écran"},
		{"en", "pt", "where is the shipment?", "o envio"},
		{"es", "en", "voy a estar desconectado una hora", "offline"},
		{"es", "fr", "hacemos una videollamada mañana", "un appel vidéo"},
		// A word the fixes wrote on the pivot's Spanish ("desconectado",
		// estar's for "off-line") that es-fr does not know: the
		// pivot's table has it.
		{"en", "fr", "I'll be offline after lunch", "hors ligne"},
	} {
		got, before := checkFixThroughApertium(t, e, plain, tt.source, tt.target, tt.text, tt.want)
		if got.UnknownWords != 0 || before.UnknownWords == 0 {
			t.Errorf("%s>%s %q: UnknownWords %d, %d without the fixes; want 0 and more", tt.source, tt.target, tt.text, got.UnknownWords, before.UnknownWords)
		}
	}
}

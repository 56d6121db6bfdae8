package apertium

import (
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

func TestParsePhrases(t *testing.T) {
	tab, err := parsePhrases("# c\nen: see you / cya | es: nos vemos | pt: até mais | pt-BR: falou\nen: bye | es: adiós / nos vemos\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ clause, source, target, want string }{
		{"cya", "en", "es", "nos vemos"},
		{"See you", "en", "es", "Nos vemos"},
		{"SEE YOU", "en", "es", "NOS VEMOS"},
		{"CYA", "en", "es", "Nos vemos"}, // an abbreviation's capitals
		{"see   you", "en", "es", "nos vemos"},
		{"nos vemos", "es", "en", "see you"}, // the first line that lists it
		{"adiós", "es", "en", "bye"},
		{"see you", "en", "pt", "até mais"},
		{"see you", "en", "pt-BR", "falou"}, // the regional cell
		{"see you", "en", "pt-PT", "até mais"},
		{"falou", "pt", "en", "see you"}, // read as its language
	} {
		if got, ok := tab.rendering(tt.clause, tt.source, tt.target); !ok || got != tt.want {
			t.Errorf("rendering(%q, %s, %s) = %q, %v; want %q", tt.clause, tt.source, tt.target, got, ok, tt.want)
		}
	}
	for _, tt := range []struct{ clause, source, target string }{
		{"bye", "en", "pt"},     // no cell for the target
		{"see you", "de", "es"}, // no phrases of the source
		{"see you soon", "en", "es"},
		{"see-you", "en", "es"},
	} {
		if got, ok := tab.rendering(tt.clause, tt.source, tt.target); ok {
			t.Errorf("rendering(%q, %s, %s) = %q; want none", tt.clause, tt.source, tt.target, got)
		}
	}
	for _, bad := range []string{
		"en see you | es: nos vemos",    // no language
		"en: see you | en: cya",         // a language twice
		"en: See you | es: nos vemos",   // not lower case
		"en: see  you | es: nos vemos",  // two spaces
		"en: see you! | es: nos vemos",  // punctuation
		"en: see you / | es: nos vemos", // empty phrase
	} {
		if _, err := parsePhrases(bad); err == nil {
			t.Errorf("parsePhrases(%q): no error", bad)
		}
	}
}

// TestPhrasesFile checks the embedded table: its languages are the
// modes', and every line has English and another language.
func TestPhrasesFile(t *testing.T) {
	for i, line := range phrases.lines {
		if _, ok := line["en"]; !ok || len(line) < 2 {
			t.Errorf("phrases.txt line %d (%v): want English and another language", i+1, line)
		}
		for lang := range line {
			if !slices.Contains([]string{"en", "es", "fr", "pt", "pt-BR", "ca"}, lang) {
				t.Errorf("phrases.txt: %s is no target of the Debian modes", lang)
			}
		}
	}
}

func TestWithPhrases(t *testing.T) {
	tests := []struct {
		text    string
		protect []string
		want    []string // the phrases' renderings in order
	}{
		{"thanks, see you tomorrow!", nil, []string{"gracias", "hasta mañana"}},
		{"Thanks 🙏", nil, []string{"Gracias"}},
		{"hi, how are you?", nil, []string{"hola", "cómo estás"}},
		{"see you tomorrow @ana", []string{"@ana"}, []string{"hasta mañana"}},
		{"@ana see you tomorrow", []string{"@ana"}, []string{"hasta mañana"}},
		{"I'll see you tomorrow", nil, nil},              // not the whole clause
		{"see you tomorrow at noon", nil, nil},           // the same
		{"thanks for the help", nil, nil},                // the same
		{"ok\nthanks", nil, []string{"vale", "gracias"}}, // lines are clauses
		{"`thanks`", []string{"`thanks`"}, nil},          // a protected part is no clause
		{"thank you so much!!", nil, []string{"muchas gracias"}},
		{"I’m sorry", nil, []string{"Lo siento"}}, // a typographic apostrophe
		// A phrase before a name or two; the names are the mode's.
		{"Happy birthday Ana!", nil, []string{"Feliz cumpleaños"}},
		{"good night Maria José", nil, []string{"buenas noches"}},
		{"Good Morning Team", nil, []string{"Buenos días"}},
		{"thanks Ana Maria Lopez", nil, nil}, // three names: no phrase
		{"see you tomorrow I", nil, nil},     // "I" is no name
		{"thank you SO", nil, nil},           // nor are capitals
		{"sorry about Friday", nil, nil},     // a phrase, then words
		{"Ana", nil, nil},                    // a name alone
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, sp := range phrases.withPhrases(tt.text, atomSpans(protectedSpans(tt.text, tt.protect)), "en", "es") {
				if sp.kind == spanPhrase {
					got = append(got, sp.text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("phrases %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLaughter(t *testing.T) {
	tests := []struct{ clause, target, want string }{
		{"jajaja", "en", "hahaha"},
		{"jaja", "en", "haha"},
		{"JAJAJA", "en", "HAHAHA"},
		{"Hahahaha", "es", "Jajajaja"},
		{"lol", "es", "jaja"},
		{"kkkkk", "es", "jaja"},
		{"haha", "pt-BR", "kkkk"},
		{"jeje", "fr", "haha"},
		{"rsrs", "en", "haha"},
		{"ja", "en", ""},     // a word: German yes, Catalan already
		{"ha", "en", ""},     // a word too
		{"jaguar", "en", ""}, // no laughter
		{"hahaha", "de", ""}, // no mode writes German
	}
	for _, tt := range tests {
		got, ok := phrases.rendering(tt.clause, "es", tt.target)
		if tt.want == "" {
			if ok {
				t.Errorf("rendering(%q, %s) = %q, want none", tt.clause, tt.target, got)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("rendering(%q, %s) = %q, %v; want %q", tt.clause, tt.target, got, ok, tt.want)
		}
	}
	// Through the modes: laughter is no longer copied as an unknown word.
	e := newEngine(t, Config{}, "spa-eng")
	got, err := e.TranslateDetail(t.Context(), backend.Request{Text: "jajaja, qué bueno", Source: "es", Target: "en"})
	if err != nil || got.Text != "hahaha, great" {
		t.Errorf("jajaja, qué bueno = %q, %v; want %q", got.Text, err, "hahaha, great")
	}
}

// TestWithPhrasesInMarkup: markup delimiters end no clause; a clause
// with one inside is no phrase.
func TestWithPhrasesInMarkup(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"*see you tomorrow*", []string{"hasta mañana"}},
		{"**thanks**, see you", []string{"gracias", "nos vemos"}},
		{"I'm *so sorry* about it", nil},
		{"_sorry_ I missed it", nil},
		{"see *you* tomorrow", nil},
	} {
		spans, _, err := tokenSpans(tt.text, scan(tt.text, ""), nil, false)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, sp := range phrases.withPhrases(tt.text, spans, "en", "es") {
			if sp.kind == spanPhrase {
				got = append(got, sp.text)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: phrases %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestPhrasesThroughApertium translates every phrase of the table from
// each language to each other the engine serves, through the real modes
// (and pivots): the answer is the target's rendering.
func TestPhrasesThroughApertium(t *testing.T) {
	// Pair by pair, every mode kept running: a stopped mode costs the
	// next request a cold start.
	e := newEngine(t, Config{MaxPairs: -1}, "eng-spa", "spa-eng", "es-fr", "fr-es", "es-pt", "pt-es", "eng-cat", "cat-eng")
	type phraseCase struct{ text, want string }
	cases := map[[2]string][]phraseCase{}
	for li, line := range phrases.lines {
		for source, rendering := range line {
			if source == "pt-BR" || phrases.read[source][phraseKey(rendering)] != li {
				continue // a region's, or read as another line's
			}
			for target := range line {
				if api.Base(target) == source || !e.Supports(source, target) {
					continue
				}
				want, _ := phrases.rendering(rendering, source, target)
				k := [2]string{source, target}
				// Written as the target punctuates an exclamation
				// (punctuation.go).
				want = titleAt(want, 0)
				switch api.Base(target) {
				case "es":
					want = "¡" + want + "!"
				case "fr":
					want += "\u00a0!"
				default:
					want += "!"
				}
				cases[k] = append(cases[k], phraseCase{titleAt(rendering, 0) + "!", want})
			}
		}
	}
	n := 0
	for k, cs := range cases {
		for _, c := range cs {
			req := scannedRequest(c.text, k[0], k[1], "")
			got, err := e.TranslateDetail(t.Context(), req)
			if err != nil {
				t.Fatalf("%s>%s %q: %v", k[0], k[1], c.text, err)
			}
			n++
			if got.Text != c.want {
				t.Errorf("%s>%s %q = %q, want %q", k[0], k[1], c.text, got.Text, c.want)
			}
		}
	}
	if n < 200 {
		t.Errorf("only %d phrases translated; want the table's", n)
	}
	// In a sentence with words of its own, a phrase is the sentence's.
	for _, tt := range []struct{ source, target, text, want string }{
		{"en", "es", "Hi everyone, the build is green. See you tomorrow!", "Hola a todos, "},
		{"en", "fr", "Thanks, see you tomorrow", "Merci, à demain"},
		{"es", "en", "Muchas gracias, nos vemos mañana", "Thank you so much, see you tomorrow"},
		// Before a name, the phrase is the table's and the name stays.
		{"en", "es", "Happy birthday Ana!", "¡Feliz cumpleaños Ana!"},
		{"es", "en", "buenas noches Maria José", "good night Maria José"},
	} {
		req := backend.Request{Text: tt.text, Source: tt.source, Target: tt.target}
		got, err := e.TranslateDetail(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got.Text, tt.want) {
			t.Errorf("%q = %q, want it to start %q", tt.text, got.Text, tt.want)
		}
	}
	// Not in HTML mode, whose text the answer must escape as markup.
	req := scannedRequest("<p>see you tomorrow</p>", "en", "es", "html")
	if got, err := e.TranslateDetail(t.Context(), req); err != nil || strings.Contains(got.Text, "hasta mañana") {
		t.Errorf("%q in HTML mode = %q, %v; want the modes' own translation", req.Text, got.Text, err)
	}
}

// BenchmarkPhrases is the cost of looking for set phrases in a chat line
// as the engine encodes it, against encoding it without (baseline).
func BenchmarkPhrases(b *testing.B) {
	const text = "hey, can you check the thread in the workspace? the build failed again, thanks!"
	for _, bc := range []struct {
		name string
		on   bool
	}{{"baseline", false}, {"phrases", true}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				spans := []span(nil)
				if bc.on {
					spans = phrases.withPhrases(text, spans, "en", "es")
				}
				encodeWords(text, spans, nil, nil)
			}
		})
	}
}

package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"

	"github.com/parley-chat/parley/shared/api"
)

// TestPhrases holds phrases.txt to its rules: each phrase is one
// language's, in the default set, and could match a message.
func TestPhrases(t *testing.T) {
	if len(allPhrases) < 100 {
		t.Fatalf("phrasebook has %d phrases; the file did not parse as expected", len(allPhrases))
	}
	for key, tags := range allPhrases {
		for _, tag := range tags {
			if !slices.ContainsFunc(DefaultLanguages, func(code string) bool { l, _ := lookup(code); return canonical(l) == tag }) {
				t.Errorf("%q is listed for %s, which is not in DefaultLanguages", key, tag)
			}
		}
		if again := strings.Join(phraseWords(key), " "); again != key {
			t.Errorf("%q normalizes to %q", key, again)
		}
		for _, w := range strings.Fields(key) {
			if isChatWord([]byte(w)) {
				t.Errorf("%q (%s) holds the chat word %q, which clean removes, so it never matches", key, tags, w)
			}
		}
	}
}

func TestParsePhrases(t *testing.T) {
	tests := []struct {
		name, text, err string
	}{
		{"ok", "# comment\n\nen: hello; hi there\nes: gracias", ""},
		{"same language twice", "en: hello\nen: Hello!", ""},
		{"two languages", "de nl: hallo\nnl de: Hallo!", ""},
		{"listed again", "en: hello\nde: hello", `"hello" is listed for en and for de`},
		{"listed again with more", "de: hallo\nde nl: hallo", `"hallo" is listed for de and for de nl`},
		{"unknown language", "xx: hello", `"xx" is not a language`},
		{"no colon", "hello", "want"},
		{"no language", ": hello", "want"},
		{"empty phrase", "en: hello;; hi", "has no words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePhrases(tt.text)
			if tt.err == "" && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
}

func TestPhraseWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello!", []string{"hello"}},
		{"I'm fine, thanks", []string{"im", "fine", "thanks"}},
		{"I’m fine", []string{"im", "fine"}},
		{"Thankssss!!!", []string{"thanks"}},
		{"HOLAAAA", []string{"hola"}},
		{"good  morning", []string{"good", "morning"}},
		{"bem-vindo", []string{"bem", "vindo"}},
		{"Ça va ?", []string{"ça", "va"}},
		{"Спасибо!", []string{"спасибо"}},
		{"cooperation", []string{"cooperation"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := phraseWords(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("phraseWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhrasebookMatch(t *testing.T) {
	en, es, ca, de := lingua.English, lingua.Spanish, lingua.Catalan, lingua.German
	pb := phrasebook{lang: map[string][]lingua.Language{
		"thanks": {en}, "thank you": {en}, "hi": {en},
		"gracias": {es}, "qué tal": {es}, "hola": {es, ca}, "bon dia": {ca},
		// "a b" reads as one English phrase or two German ones.
		"a b": {en}, "a": {de}, "b": {de},
	}, maxWords: 2}
	tests := []struct {
		in   string
		want lingua.Language
	}{
		{"thanks", en},
		{"hi, thank you!", en},
		{"thank you thank you", en},
		{"gracias", es},
		{"hola, ¿qué tal?", es},        // only Spanish writes both
		{"hola bon dia", ca},           // only Catalan
		{"hola", lingua.Unknown},       // Spanish or Catalan
		{"hi gracias", lingua.Unknown}, // no one language writes both
		{"thanks for the help", lingua.Unknown},
		{"thank", lingua.Unknown},
		{"a b", lingua.Unknown},
		{"", lingua.Unknown},
		{strings.Repeat("thanks ", maxPhraseMessageWords+1), lingua.Unknown},
	}
	for _, tt := range tests {
		got, ok := pb.match(tt.in)
		if got != tt.want || ok != (tt.want != lingua.Unknown) {
			t.Errorf("match(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

// defaultDetector is the default language set with the default thresholds,
// in low accuracy to keep it light (TestDefaultLanguagesAreSupported).
func defaultDetector(t *testing.T, skipPhrases bool) *Detector {
	t.Helper()
	det, err := New(Config{
		Languages: DefaultLanguages, LowAccuracy: true, MinConfidence: DefaultMinConfidence,
		MinDistance: DefaultMinDistance, MinDistanceShort: DefaultMinDistanceShort, MinDistanceWord: DefaultMinDistanceWord,
		Priors: DefaultPriorWeights, SkipPhrases: skipPhrases,
	})
	if err != nil {
		t.Fatal(err)
	}
	return det
}

// TestDetectChatPhrases: the messages chat is fullest of, which lingua's
// n-grams cannot place among the default languages, are answered; a
// message that is more than phrases is left to lingua, and the phrasebook
// can be turned off.
func TestDetectChatPhrases(t *testing.T) {
	det, without := defaultDetector(t, false), defaultDetector(t, true)
	tests := []struct {
		text string
		want string
	}{
		{"hello", "en"},
		{"Thanks!! 🙏", "en"},
		{"@ana thank you so much", "en"},
		{"hi, how are you?", "en"},
		{"how are you", "en"},
		{"Hellooo", "en"},
		{"ok thanks", "en"},
		{"gracias!", "es"},
		{"obrigado", "pt"},
		{"Merci", "fr"},
		{"danke", "de"},
		{"grazie mille", "it"},
		{"dank je wel", "nl"},
		{"makasih", "id"},
		{"kiitos", "fi"},
		{"спасибо", "ru"},
		{"дякую", "uk"},
		{"شكرا", "ar"},
		{"Hola, ¿qué tal?", "es"},
		{"hallo, danke!", "de"},
	}
	alone := 0
	for _, tt := range tests {
		got := detect(t, det, api.DetectRequest{Text: tt.text})
		if got.Language != tt.want || got.Confidence != 1 {
			t.Errorf("Detect(%q) = %s (%v, %s), want %s from the phrasebook", tt.text, got.Language, got.Confidence, got.Reason, tt.want)
		}
		if got.Lingua != nil && got.Lingua.Language != tt.want && !strings.Contains(got.Why, "chat phrase") {
			t.Errorf("Detect(%q): why %q does not name the phrasebook (lingua: %s)", tt.text, got.Why, got.Lingua.Language)
		}
		w := detect(t, without, api.DetectRequest{Text: tt.text})
		if w.Language == tt.want {
			alone++
		}
	}
	// The list is for what lingua cannot do; most of these it cannot.
	if alone > len(tests)/2 {
		t.Errorf("without the phrasebook %d of %d are answered; the test no longer shows what it adds", alone, len(tests))
	}

	t.Run("hints do not outweigh a phrase", func(t *testing.T) {
		got := detect(t, det, api.DetectRequest{Text: "thank you", Hints: api.DetectHints{SenderLocale: "de"}})
		if got.Language != "en" {
			t.Fatalf("got %+v, want en", got)
		}
	})
	t.Run("more than phrases", func(t *testing.T) {
		got := detect(t, det, api.DetectRequest{Text: "thanks, the deploy went fine and the dashboard is green"})
		if got.Language != "en" || got.Confidence == 1 || strings.Contains(got.Why, "chat phrase") {
			t.Fatalf("got %+v, want lingua's en", got)
		}
	})
	t.Run("a phrase of two languages is left to lingua and the hints", func(t *testing.T) {
		if got := detect(t, det, api.DetectRequest{Text: "hola"}); got.Confidence == 1 || strings.Contains(got.Why, "chat phrase") {
			t.Fatalf("hola: %+v", got)
		}
		got := detect(t, det, api.DetectRequest{Text: "hola", Hints: api.DetectHints{SenderLocale: "ca-ES"}})
		if got.Language != "ca" || got.Confidence == 1 {
			t.Fatalf("hola from a Catalan sender: %+v", got)
		}
	})
	t.Run("only configured languages", func(t *testing.T) {
		cfg := testConfig()
		cfg.Languages = []string{"en", "de"}
		d, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := detect(t, d, api.DetectRequest{Text: "gracias"}); got.Language == "es" || strings.Contains(got.Why, "chat phrase") {
			t.Fatalf("got %+v from a detector without es", got)
		}
		// Without Catalan, hola is Spanish's alone.
		cfg.Languages = []string{"en", "es", "de"}
		if d, err = New(cfg); err != nil {
			t.Fatal(err)
		}
		if got := detect(t, d, api.DetectRequest{Text: "hola"}); got.Language != "es" || got.Confidence != 1 {
			t.Fatalf("hola without ca configured: %+v", got)
		}
	})
}

func BenchmarkPhrasebook(b *testing.B) {
	det := newTestDetector(b)
	for _, text := range []string{"thanks", "hi, thank you so much!", "Thanks for your help, see you tomorrow at the office."} {
		b.Run(strings.Fields(text)[0], func(b *testing.B) {
			c := clean(text)
			b.ReportAllocs()
			for b.Loop() {
				det.phrases.match(c.prose)
			}
		})
	}
}

// BenchmarkChatPhrases detects every phrase of the phrasebook that one
// language alone writes, as written, with the default configuration (high accuracy, 39 languages), with the
// phrasebook and without it ("baseline": lingua and the thresholds alone), and
// reports the share of phrases answered with their language, with "und"
// and with another language. `go test -run '^$' -bench ChatPhrases .`
func BenchmarkChatPhrases(b *testing.B) {
	var phrases []phrase
	for _, p := range phraseList {
		if len(p.tags) == 1 {
			phrases = append(phrases, p)
		}
	}
	for _, mode := range []struct {
		name string
		skip bool
	}{{"baseline", true}, {"phrasebook", false}} {
		b.Run(mode.name, func(b *testing.B) {
			det, err := New(Config{
				Languages: DefaultLanguages, MinConfidence: DefaultMinConfidence, Preload: PreloadBlocking,
				MinDistance: DefaultMinDistance, MinDistanceShort: DefaultMinDistanceShort, MinDistanceWord: DefaultMinDistanceWord,
				Priors: DefaultPriorWeights, SkipPhrases: mode.skip,
			})
			if err != nil {
				b.Fatal(err)
			}
			var right, und, wrong int
			for _, p := range phrases {
				got, err := det.Detect(b.Context(), api.DetectRequest{Text: p.text})
				if err != nil {
					b.Fatal(err)
				}
				switch {
				case got.Language == api.Undetermined:
					und++
				case api.Base(got.Language) == p.tags[0]:
					right++
				default:
					wrong++
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				if _, err := det.Detect(b.Context(), api.DetectRequest{Text: phrases[i%len(phrases)].text}); err != nil {
					b.Fatal(err)
				}
				i++
			}
			n := float64(len(phrases))
			b.ReportMetric(100*float64(right)/n, "right-%")
			b.ReportMetric(100*float64(und)/n, "und-%")
			b.ReportMetric(100*float64(wrong)/n, "wrong-%")
		})
	}
}

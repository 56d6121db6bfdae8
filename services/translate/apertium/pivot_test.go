package apertium

import (
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// engineWithModes is an engine over named modes that never starts a
// program: enough to test routing.
func engineWithModes(t *testing.T, names ...string) *Engine {
	t.Helper()
	e := &Engine{index: map[string]*mode{}}
	slices.Sort(names)
	for _, name := range names {
		src, tgt, ok := modeLanguages(name)
		if !ok {
			t.Fatalf("mode name %q does not parse", name)
		}
		m := &mode{name: name, source: src, target: tgt}
		e.index[pairKey(src, tgt)] = m
		e.modes = append(e.modes, m)
	}
	e.pivots = e.pivotRoutes()
	return e
}

func TestRoutes(t *testing.T) {
	// The Debian packages this project installs.
	e := engineWithModes(t, "eng-spa", "spa-eng", "spa-eng_US", "eng-cat", "cat-eng", "fr-es", "es-fr", "es-pt", "es-pt_BR", "pt-es")
	tests := []struct {
		source, target string
		want           string // route name; "" for none
	}{
		{"en", "es", "eng-spa"},
		{"es", "en-US", "spa-eng_US"},
		{"en", "fr", "eng-spa+es-fr"},
		{"fr", "en", "fr-es+spa-eng"},
		{"fr", "en-US", "fr-es+spa-eng_US"},
		{"fr", "en-GB", "fr-es+spa-eng"}, // no British mode: the plain one
		{"en", "pt", "eng-spa+es-pt"},
		{"en", "pt-BR", "eng-spa+es-pt_BR"},
		{"en", "pt-PT", "eng-spa+es-pt"},
		{"pt", "fr", "pt-es+es-fr"},
		{"ca", "es", "cat-eng+eng-spa"},
		{"es", "ca", "spa-eng+eng-cat"},
		{"ca", "fr", ""}, // two pivots (ca → en → es → fr): not tried
		{"en", "en", ""},
		{"en", "de", ""},
		{"de", "es", ""},
		{"!!", "es", ""},
	}
	for _, tt := range tests {
		t.Run(tt.source+">"+tt.target, func(t *testing.T) {
			r, ok := e.route(tt.source, tt.target)
			got := ""
			if ok {
				got = r.name()
			}
			if got != tt.want {
				t.Errorf("route(%s, %s) = %q, want %q", tt.source, tt.target, got, tt.want)
			}
			if s := e.Supports(tt.source, tt.target); s != (tt.want != "") {
				t.Errorf("Supports(%s, %s) = %v", tt.source, tt.target, s)
			}
		})
	}

	pairs := e.Pairs()
	if !slices.Contains(pairs, api.LanguagePair{Source: "en", Target: "fr", Via: "es"}) ||
		!slices.Contains(pairs, api.LanguagePair{Source: "en", Target: "es"}) {
		t.Errorf("Pairs() = %v, want en>es direct and en>fr via es", pairs)
	}
	seen := map[string]bool{}
	for _, p := range pairs {
		k := pairKey(p.Source, p.Target)
		if seen[k] {
			t.Errorf("Pairs() lists %s twice", k)
		}
		seen[k] = true
		if api.Base(p.Source) == api.Base(p.Target) {
			t.Errorf("Pairs() lists %s, a language to itself", k)
		}
	}

	off := &Engine{index: e.index, modes: e.modes}
	if off.Supports("en", "fr") {
		t.Error("an engine without pivots supports en>fr")
	}
}

func TestRelay(t *testing.T) {
	tests := []struct {
		name, in, want string
		marked         []string
	}{
		{"marks are dropped, words kept", "*Xyzzy *plonk La casa.[]", "Xyzzy plonk La casa.[]", []string{"Xyzzy", "plonk"}},
		{"every mark", "Tiene un #zorblax y @flib, no?", "Tiene un zorblax y flib, no?", []string{"zorblax", "flib"}},
		{"a word with two marks is one word", "un #*zorblax.[]", "un zorblax.[]", []string{"zorblax"}},
		{"escapes pass on", `precio \^b \$c \[d\] a\@g.[]`, `precio \^b \$c \[d\] a\@g.[]`, nil},
		// The generator escapes the transfer's mark ("Your \@ticket").
		{"an escaped mark is dropped", `Your \@ticket is opened..[]`, `Your ticket is opened..[]`, []string{"ticket"}},
		{"superblanks pass on, marks inside are text", "Usa [#hashtag] y [Green House][\n\n].[]", "Usa [#hashtag] y [Green House][\n\n].[]", nil},
		{"escaped bracket inside a superblank", `a [x\]*y] *b`, `a [x\]*y] b`, []string{"b"}},
		{"accents and joiners stay in the word", "*Ñandú-Ärger's, *l’eau", "Ñandú-Ärger's, l’eau", []string{"Ñandú-Ärger's", "l’eau"}},
		{"a bare mark", "fin *.[]", "fin .[]", []string{""}},
		// A tagger fix's words go on as words; the capital the first
		// mode gave the word after them, where the input had none, goes.
		{"a fix's words", "[\x04Por favor] avísame.[]", "Por favor avísame.[]", nil},
		{"a fix before a lower-case word", "[\x03\x04gracias por] La ayuda.[]", "gracias por la ayuda.[]", nil},
		{"a fix before an accented capital", "[\x03\x04gracias por] Él.[]", "gracias por él.[]", nil},
		{"a fix before no word", "[\x03\x04gracias] 123.[]", "gracias 123.[]", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, marked := relay(tt.in)
			if got != tt.want || !slices.Equal(marked, tt.marked) {
				t.Errorf("relay(%q) = %q, %q; want %q, %q", tt.in, got, marked, tt.want, tt.marked)
			}
			if _, n := reformat(tt.in); n != len(tt.marked) {
				t.Errorf("reformat counts %d marked words in %q, relay finds %d", n, tt.in, len(tt.marked))
			}
		})
	}
}

func TestUnknownAfterPivot(t *testing.T) {
	tests := []struct {
		first, second []string
		want          int
	}{
		{nil, nil, 0},
		{[]string{"Xyzzy", "plonk"}, []string{"Xyzzy", "plonk"}, 2}, // passed on, still unknown: once each
		{[]string{"Xyzzy"}, nil, 1},                                 // the second mode knew it
		{nil, []string{"estera"}, 1},                                // unknown to the second mode only
		{[]string{"router"}, []string{"router", "router"}, 2},       // the second occurrence is the second mode's own
	}
	for _, tt := range tests {
		if got := unknownAfterPivot(tt.first, tt.second); got != tt.want {
			t.Errorf("unknownAfterPivot(%q, %q) = %d, want %d", tt.first, tt.second, got, tt.want)
		}
	}
}

func TestPivotWords(t *testing.T) {
	tests := []struct {
		first, second, want []string
	}{
		{nil, nil, nil},
		{[]string{"Xyzzy"}, []string{"Xyzzy", "desconectado"}, []string{"desconectado"}},
		{[]string{"router"}, []string{"router", "router"}, []string{"router"}},
		{[]string{"Xyzzy", "plonk"}, []string{"plonk"}, nil},
	}
	for _, tt := range tests {
		if got := pivotWords(tt.first, tt.second); !slices.Equal(got, tt.want) {
			t.Errorf("pivotWords(%q, %q) = %q, want %q", tt.first, tt.second, got, tt.want)
		}
	}
}

// TestPivotTranslate runs pivot routes through the real programs.
func TestPivotTranslate(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "es-fr", "es-pt_BR", "fr-es", "spa-eng", "pt-es")
	tests := []struct {
		source, target, text, mode string
	}{
		{"en", "fr", "Hello, how are you?", "eng-spa+es-fr"},
		{"en", "fr", "The dog is big.\n\nWe are happy.\nThe house is white.", "eng-spa+es-fr"},
		{"en", "pt-BR", "I live in a small house near the river.", "eng-spa+es-pt_BR"},
		// An unknown word keeps its place and its article: handed on as a
		// superblank it came out as "l'et router".
		{"en", "fr", "Please unplug the router and try again.", "eng-spa+es-fr"},
		// A tagger fix of the first mode writes the pivot language's
		// words: the second mode translates them ("Por favor, you
		// plough the thread" came out).
		{"fr", "en", "S'il vous plaît, ouvrez le fil.", "fr-es+spa-eng"},
		{"pt", "fr", "Bom dia, obrigado", "pt-es+es-fr"},
	}
	if got, err := e.TranslateDetail(t.Context(), backend.Request{Text: "S'il vous plaît, ouvrez le fil.", Source: "fr", Target: "en"}); err != nil || !strings.HasPrefix(got.Text, "Please,") {
		t.Errorf("fr-en through es: %q, %v; want it to start with \"Please,\"", got.Text, err)
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := e.TranslateDetail(t.Context(), backend.Request{Text: tt.text, Source: tt.source, Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			if got.Mode != tt.mode {
				t.Errorf("Mode = %q, want %q", got.Mode, tt.mode)
			}
			// The reference: the two modes one after the other on the
			// command line, with the capitals the engine lowers
			// (casing.go: "comment Tu es?") and what it writes for chat
			// last (writeForChat).
			first, second, _ := strings.Cut(tt.mode, "+")
			marked, unmark := phrasePlaceholders(tt.text, tt.source, tt.target)
			firstOut := cachedCLI(t, writtenOut(marked, tt.source), "-d", fixedModes(t), "-u", first)
			firstOut = lowerAfterFixes(firstOut)
			want := lowerAfterFixes(unmark(tidyCLI(tt.text, cli(t, tidyCLI(tt.text, firstOut), "-d", fixedModes(t), "-u", second))))
			want = writeForChat(backend.Request{Text: tt.text, Source: tt.source, Target: tt.target}, innerCapitals(tt.text, want, tt.source, tt.target))
			if got.Text != want {
				t.Errorf("Translate(%q)\n got %q\nwant %q (apertium -u %s | apertium -u %s)", tt.text, got.Text, want, first, second)
			}
		})
	}

	// Unknown words are counted once and come through both steps as
	// written; protected terms survive both steps.
	got, err := e.TranslateDetail(t.Context(), backend.Request{
		Text: "Xyzzy plonk the house near the Green House. Please restart the router and try again.", Source: "en", Target: "fr", Protect: []string{"Green House"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.UnknownWords != 3 {
		t.Errorf("UnknownWords = %d, want 3 (Xyzzy, plonk, router; once each): %q", got.UnknownWords, got.Text)
	}
	for _, w := range []string{"Xyzzy", "plonk", "Green House", "maison", "router"} {
		if !strings.Contains(got.Text, w) {
			t.Errorf("Translate = %q; want %q in it", got.Text, w)
		}
	}
	if strings.ContainsAny(got.Text, "*#@[]") {
		t.Errorf("Translate = %q; marks or stream syntax left", got.Text)
	}

	off := newEngine(t, Config{NoPivot: true}, "eng-spa", "es-fr")
	if _, err := off.Translate(t.Context(), backend.Request{Text: "Hello", Source: "en", Target: "fr"}); api.ErrorCode(err) != api.CodeUnsupportedLanguage {
		t.Errorf("NoPivot: en>fr error = %v, want unsupported_language", err)
	}
	info := e.Info(t.Context())
	if !slices.Contains(info.Pairs, api.LanguagePair{Source: "en", Target: "fr", Via: "es"}) {
		t.Errorf("Info().Pairs = %v, want en>fr via es", info.Pairs)
	}
}

// BenchmarkPivot compares one message through a pivot route (en → es → fr:
// eng-spa, then es-fr) with the same message through the direct mode of
// its first step (en → es, the baseline): a pivot costs its second mode on
// top of the first.
func BenchmarkPivot(b *testing.B) {
	e := newEngine(b, Config{}, "eng-spa", "es-fr")
	for _, c := range []struct{ name, target string }{{"baseline", "es"}, {"pivot", "fr"}} {
		req := backend.Request{Text: benchText, Source: "en", Target: c.target}
		if _, err := e.Translate(b.Context(), req); err != nil { // start the pipelines
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := e.Translate(b.Context(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package safety

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

var (
	latinProfile   = profileFor(language.English, true)
	turkishProfile = profileFor(language.Turkish, true)
	russianProfile = profileFor(language.Russian, false)
	germanProfile  = profileFor(language.German, true)
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		p       profile
		text    string
		norm    string
		matches map[string]string // normalized substring -> original bytes it maps back to
	}{
		{"ASCII", latinProfile, "Hello World", "hello world", map[string]string{"world": "World"}},
		{"fullwidth", latinProfile, "ＨＥＬＬＯ", "hello", map[string]string{"hello": "ＨＥＬＬＯ"}},
		{"sharp s folds to ss", latinProfile, "Straße", "strasse", map[string]string{"ss": "ß"}},
		{"composed accent", germanProfile, "cafe\u0301", "café", map[string]string{"é": "e\u0301"}},
		{"accents read as plain letters in English", latinProfile, "fúck fuck\u0301 café", "fuck fuck cafe", map[string]string{"fuck": "fúck"}},
		{"accents read as plain letters in the fallback", defaultProfile, "fuck\u0301", "fuck", nil},
		{"Cyrillic к and н, Kra, Greek κ", latinProfile, "fucк sнit ĸ κ", "fuck shit k k", nil},
		{"Greek look-alikes in the fallback", defaultProfile, "ƒυcκ", "fuck", nil},
		{"negative squared letters", latinProfile, "🅵🆄🅲🅺", "fuck", map[string]string{"fuck": "🅵🆄🅲🅺"}},
		{"Arabic tatweel dropped", defaultProfile, "كـس", "كس", nil},
		{"Arabic harakat dropped", defaultProfile, "كَس", "كس", nil},
		{"white space collapses", latinProfile, "a \t\n b", "a b", map[string]string{" ": " \t\n "}},
		{"zero-width space dropped", latinProfile, "zero\u200bwidth", "zerowidth", map[string]string{"ow": "o\u200bw"}},
		{"bidi override and isolate dropped", latinProfile, "a\u202eb\u2066c\u2069d\u200fe", "abcde", map[string]string{"abcde": "a\u202eb\u2066c\u2069d\u200fe"}},
		{"variation selector dropped", latinProfile, "x\ufe0fy", "xy", nil},
		{"combining grapheme joiner dropped", latinProfile, "x\u034fy", "xy", nil},
		{"Hangul filler dropped", latinProfile, "x\u3164y", "xy", nil},
		{"halfwidth katakana", defaultProfile, "ｼｬ", "シャ", nil},
		{"stray marks after Latin letters dropped", latinProfile, "f\u0336u\u0336n\u0353", "fun", map[string]string{"fun": "f\u0336u\u0336n\u0353"}},
		{"marks after other scripts kept", defaultProfile, "नमस्ते", "नमस्ते", nil},
		{"Cyrillic look-alikes read as Latin", latinProfile, "\u0455\u0430\u0443", "say", map[string]string{"say": "\u0455\u0430\u0443"}},
		{"Cyrillic capital maps before folding", latinProfile, "\u0412\u0415\u0422", "bet", nil},
		{"Greek look-alikes", latinProfile, "\u039a\u03bfala", "koala", nil},
		{"fallback keeps whole Cyrillic words", defaultProfile, "\u0441\u0443\u043a\u0430", "\u0441\u0443\u043a\u0430", nil},
		{"fallback reads a mixed word as Latin", defaultProfile, "fu\u0441k", "fuck", nil},
		{"Russian reads a mixed word as Cyrillic", russianProfile, "\u0436o\u043f\u0430", "\u0436\u043e\u043f\u0430", nil},
		{"Turkish dotless I", turkishProfile, "IŞIK", "ışık", nil},
		{"Turkish dotted I", turkishProfile, "İSTANBUL", "istanbul", nil},
		{"Turkish dotless i stays", turkishProfile, "sık", "sık", nil},
		{"default folding of dotted I", latinProfile, "İSTANBUL", "istanbul", nil},
		{"default folding of dotless i", latinProfile, "sık", "sik", nil},
		{"f with a hook", latinProfile, "ƒuck Ƒ", "fuck f", map[string]string{"f": "ƒ"}},
		{"ü read as u in English", latinProfile, "FÜCK über", "fuck uber", map[string]string{"fuck": "FÜCK"}},
		{"ü kept in German", germanProfile, "Für", "für", nil},
		{"ü kept in Spanish", profileFor(language.Spanish, true), "pingüino", "pingüino", nil},
		{"at sign in a Cyrillic word", russianProfile, "бл@дь", "бладь", map[string]string{"бладь": "бл@дь"}},
		{"at sign in a Cyrillic word in the fallback", defaultProfile, "сук@", "сука", nil},
		{"at sign beside Latin letters", russianProfile, "a@b", "a@b", nil},
		{"at sign kept in Latin lists", latinProfile, "бл@дь", "бл@дь", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := normalize(tt.text, tt.p)
			if n.s != tt.norm {
				t.Fatalf("normalize(%q) = %q, want %q", tt.text, n.s, tt.norm)
			}
			if n.Len() != len(n.s) {
				t.Fatalf("%d segment indexes for %d bytes", n.Len(), len(n.s))
			}
			if whole := n.orig(0, len(n.s)); whole.start != 0 || whole.end != len(tt.text) {
				t.Errorf("whole text maps to [%d,%d), want [0,%d)", whole.start, whole.end, len(tt.text))
			}
			for sub, want := range tt.matches {
				i := strings.Index(n.s, sub)
				if i < 0 {
					t.Fatalf("%q not in %q", sub, n.s)
				}
				o := n.orig(i, i+len(sub))
				if got := tt.text[o.start:o.end]; got != want {
					t.Errorf("%q maps back to %q, want %q", sub, got, want)
				}
			}
		})
	}
}

func TestLeetVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"plain words", nil},
		{"2024-01-15 at 10:30, $5, 100%", nil},
		{"sh1t", []string{"shit", "shlt"}},
		{"a$$ @ss", []string{"ass ass"}},
		{"h3ll0 w0rld 2024", []string{"hello world 2024"}},
		{"b4 5pm", []string{"ba spm"}},
		{"1 l33t", []string{"1 leet"}},
		{"f0o-b4r", []string{"foo-bar"}},
		{"ni99er", []string{"nigger"}},
		{"room 99", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := leetVariants(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("leetVariants(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, v := range got {
				if len(v) != len(tt.in) {
					t.Errorf("variant %q changes the length", v)
				}
			}
		})
	}
}

func TestElongatedPrefix(t *testing.T) {
	tests := []struct {
		s, key string
		n      int // bytes of s matched; -1 for no match
	}{
		{"fuuuck", "fuck", 6},
		{"fuuck", "fuck", -1}, // a doubled letter is spelling, not emphasis
		{"fuckkkk you", "fuck", 7},
		{"asssss", "ass", 6},
		{"as", "ass", -1},
		{"asss", "ass", 4},
		{"annus", "anus", -1},
		{"boooobs", "boobs", 7},
		{"shiiiit", "shit", 7},
		{"shitake", "shit", 4},
		{"bi tch", "bitch", -1},
		{"fuuuuu", "fuck", -1},
		{"ssssex", "sex", 6},
		{"ééééé", "é", 10},
	}
	for _, tt := range tests {
		t.Run(tt.s+"/"+tt.key, func(t *testing.T) {
			n, ok := elongatedPrefix(tt.s, tt.key)
			if !ok {
				n = -1
			}
			if n != tt.n {
				t.Errorf("elongatedPrefix(%q, %q) = %d, want %d", tt.s, tt.key, n, tt.n)
			}
		})
	}
}

func TestIgnorable(t *testing.T) {
	for _, r := range []rune{0xAD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0xFEFF, 0xFE0F, 0x034F, 0x3164, 0xE0041, 0x061C} {
		if !ignorable(r) {
			t.Errorf("%U is not ignorable", r)
		}
	}
	for _, r := range []rune{'a', ' ', '-', 'é', 0x0301, '你', 0x00A0} {
		if ignorable(r) {
			t.Errorf("%U is ignorable", r)
		}
	}
}

// TestCyrillicAtVariant: an "@" read as а in a Cyrillic word is read as я
// in a variant of its own, with the same offsets.
func TestCyrillicAtVariant(t *testing.T) {
	n := normalize("бл@дь и сук@", russianProfile)
	if n.s != "бладь и сука" {
		t.Fatalf("normalized %q", n.s)
	}
	if got := n.variants; len(got) != 1 || got[0] != "блядь и сукя" {
		t.Fatalf("variants %q, want the я reading", got)
	}
	if none := normalize("бла-бла", russianProfile); len(none.variants) != 0 || len(none.cyrillicAt) != 0 {
		t.Errorf("variants without an @: %q", none.variants)
	}
}

// lexiconSpans reuses the fallback's accent-keeping normalization for the
// benign phrases when it kept no accented letter: it must then be the
// plain fallback normalization.
func TestKeptAccents(t *testing.T) {
	keep := defaultProfile.keepingAccents()
	for _, text := range []string{"fuck you", "Hola equipo, fucking niggers", "ｆｕｃｋ", "fúck", "f\u0301uck", "ḱ", "сука бл@дь", "🅵🆄🅲🅺", "كَس", "Mong Kok", "râpé", "cúm", "Ærø", "n!gger"} {
		kept, plain := normalize(text, keep), normalize(text, defaultProfile)
		flagged := kept.keptAccents
		kept.keptAccents = false
		if differ := !reflect.DeepEqual(kept, plain); differ && !flagged {
			t.Errorf("%q: normalized apart from the fallback's form with keptAccents unset", text)
		}
	}
	if !normalize("râpé", keep).keptAccents {
		t.Error(`"râpé": keptAccents unset`)
	}
}

package apertium

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParseChatWords(t *testing.T) {
	got, err := parseChatWords("# comment\n\nen: pls plz = please\nes: tb = también\n")
	if err != nil {
		t.Fatal(err)
	}
	if got["en"]["pls"] != "please" || got["en"]["plz"] != "please" || got["es"]["tb"] != "también" {
		t.Errorf("parseChatWords = %v", got)
	}
	for _, bad := range []string{
		"en pls = please",                 // no language
		"en: pls please",                  // no words
		"en: = please",                    // no spelling
		"en: Pls = please",                // not lower case
		"en: p-s = please",                // not one word
		"en: pls = please\nen: pls = plz", // twice
	} {
		if _, err := parseChatWords(bad); err == nil {
			t.Errorf("parseChatWords(%q): no error", bad)
		}
	}
}

// TestChatWordsFile checks the embedded list: every language is one of
// the modes' sources, and no spelling is written out as itself.
func TestChatWordsFile(t *testing.T) {
	for lang, words := range chatWords {
		if !slices.Contains([]string{"en", "es", "fr", "pt", "ca"}, lang) {
			t.Errorf("chatwords.txt: %s is no source language of the Debian modes", lang)
		}
		for s, out := range words {
			if strings.EqualFold(s, out) && s != "i" {
				t.Errorf("chatwords.txt: %s %q is written out as itself", lang, s)
			}
		}
	}
}

func TestChatWordAt(t *testing.T) {
	words := map[string]string{"pls": "please", "u": "you", "i": "I", "idk": "I don't know"}
	tests := []struct {
		text string
		want string // the words written out for the first word, "" for none
	}{
		{"pls help", "please"},
		{"Pls help", "Please"},
		{"PLS HELP", "PLEASE"},
		{"pLs help", ""},
		{"u there?", "you"},
		{"U there?", ""}, // a letter in a list as often
		{"i think so", "I"},
		{"idk.", "I don't know"},
		{"idk, maybe", "I don't know"},
		{"u.s. trip", ""}, // an abbreviation with periods
		{"i.e. this", ""}, // the same
		{"u-turn", ""},    // a hyphenated word
		{"u/v", ""},       // a path or a ratio
		{"u's", ""},       // a contraction
		{"i'm here", "I"}, // but chat's "i" before an auxiliary's ending
		{"i've seen it", "I"},
		{"i’ll go", "I"},
		{"u're right", "you"},
		{"i'mm", ""},
		{"i'vea", ""},
		{"pls'm", ""},   // a letter's spelling only
		{"u@x.com", ""}, // an address
		{"plsss", ""},   // another word
		{"pls!", "please"},
		{"pls…", "please"},
		{"pls:", "please"},
		{"pls:x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			end := wordRunEnd(tt.text, 0, -1)
			got, ok := chatWordAt(words, tt.text, 0, end)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("chatWordAt(%q) = %q, %v; want %q", tt.text, got, ok, tt.want)
			}
		})
	}
	// After a character that joins words into something else.
	for _, text := range []string{"#pls", "@u", "x-u", "a/u", "x'u", "_u"} {
		end := wordRunEnd(text, 1, -1)
		if got, ok := chatWordAt(words, text, 1, end); ok {
			t.Errorf("chatWordAt(%q, 1) = %q; want none", text, got)
		}
	}
	if end := wordRunEnd("xpls", 1, -1); end != 1 {
		t.Errorf("wordRunEnd inside a word = %d, want 1 (no word starts there)", end)
	}
}

// TestEncodeChatWords checks the stream: spellings written out in prose,
// not in protected parts; the text's initial capital is the spelling's.
func TestEncodeChatWords(t *testing.T) {
	en := chatWordsFor("en-GB")
	if en == nil {
		t.Fatal("no chat words for en-GB")
	}
	tests := []struct {
		text, protect string
		want          string // in the stream
		notWant       string
		capital       bool
	}{
		{text: "can u help? idk", want: "can you help? I don't know"},
		{text: "i dont know ur plan", want: "I don't know ur plan"},
		{text: "i'm home, i've eaten", want: "I'm home, I've eaten"},
		{text: "Pls check @u now", protect: "@u", want: `Please check [\@u] now`, capital: true},
		{text: "see `u` soon", protect: "`u`", want: "see [`u`] soon", notWant: "you"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var protect []string
			if tt.protect != "" {
				protect = []string{tt.protect}
			}
			stream, lay := encodeWords(tt.text, atomSpans(protectedSpans(tt.text, protect)), nil, en)
			if !strings.Contains(stream, tt.want) {
				t.Errorf("stream %q lacks %q", stream, tt.want)
			}
			if tt.notWant != "" && strings.Contains(stream, tt.notWant) {
				t.Errorf("stream %q has %q", stream, tt.notWant)
			}
			if lay.capital != tt.capital {
				t.Errorf("capital = %v, want %v", lay.capital, tt.capital)
			}
		})
	}
	// Another language's spellings stay as written; so does a text with
	// the fixes off (nil).
	for _, words := range []map[string]string{chatWordsFor("es"), nil} {
		if stream, _ := encodeWords("pls help", nil, nil, words); !strings.Contains(stream, "pls help") {
			t.Errorf("stream %q: pls written out", stream)
		}
	}
}

// TestChatWordsThroughApertium translates each listed spelling in a
// sentence of its language, with the engine's fixes and without, and
// checks that written out it is no longer a word the mode lacks.
func TestChatWordsThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "spa-eng", "fr-es", "pt-es", "cat-eng")
	plain := newEngine(t, Config{NoChatFixes: true})
	target := map[string]string{"en": "es", "es": "en", "fr": "es", "pt": "es", "ca": "en"}
	for lang, words := range chatWords {
		for s := range words {
			t.Run(lang+"/"+s, func(t *testing.T) {
				text := fmt.Sprintf("ok %s ok", s)
				got, before := translateBoth(t, e, plain, scannedRequest(text, lang, target[lang], ""))
				if got.UnknownWords >= before.UnknownWords {
					t.Errorf("%s %q: %d unknown words written out (%q), %d as written (%q)",
						lang, s, got.UnknownWords, got.Text, before.UnknownWords, before.Text)
				}
			})
		}
	}
}

// BenchmarkChatWords is the cost of looking for chat spellings in a chat
// line as the engine encodes it, against encoding it without (baseline).
func BenchmarkChatWords(b *testing.B) {
	const text = "hey can u check the thread in the workspace pls? idk why the build failed, thx"
	for _, bc := range []struct {
		name  string
		words map[string]string
	}{{"baseline", nil}, {"chat-words", chatWordsFor("en")}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				encodeWords(text, nil, nil, bc.words)
			}
		})
	}
}

package safety

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestCensoredReadings(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name string
		lang string
		text string
		want []string // span text=entry read, in order
	}{
		{"one masked letter", "en", "f*ck off", []string{"f*ck=fuck"}},
		{"hash for a letter", "en", "sh#t happens", []string{"sh#t=shit"}},
		{"masked letters", "en", "what the f**k, a**hole", []string{"f**k=fuck", "a**hole=asshole"}},
		{"masked inflected form", "en", "f***ing hell", []string{"f***ing=fucking"}},
		{"the likelier reading: the more severe", "en", "you c**t", []string{"c**t=cunt"}},
		{"the likelier reading: swearing", "en", "s**t", []string{"s**t=shit"}},
		{"fewer letters than masks, one entry fits", "en", "b***h", []string{"b***h=bitch"}},
		{"Markdown around a masked word", "en", "**f*ck** that", []string{"f*ck=fuck"}},
		{"masked and leet", "en", "$h*t", []string{"$h*t=shit"}},
		{"masked in Cyrillic", "ru", "ну бл*ть, опять", []string{"бл*ть=блять"}},
		{"masked in Spanish", "es", "¡Qué m*erda!", []string{"m*erda=Mierda"}},
		{"spelled out with spaces", "en", "F U C K you", []string{"F U C K=fuck"}},
		{"spelled out with dots", "en", "b.i.t.c.h", []string{"b.i.t.c.h=bitch"}},
		{"spelled out with dots and spaces", "en", "s. h. i. t.", []string{"s. h. i. t=shit"}},
		{"spelled out with hyphens", "en", "f-u-c-k this", []string{"f-u-c-k=fuck"}},
		{"spelled out with leetspeak", "en", "s h 1 t, b 1 t c h", []string{"s h 1 t=shit", "b 1 t c h=bitch"}},
		{"spelled out with stars", "en", "f*u*c*k", []string{"f*u*c*k=fuck"}},
		{"spelled out after a one-letter word", "en", "you are a b i t c h", []string{"b i t c h=bitch"}},
		{"spelled out in French", "fr", "p.u.t.a.i.n de bug", []string{"p.u.t.a.i.n=putain"}},
		{"doubled vowels", "en", "fuuck this, shiit, a biitch", []string{"fuuck=fuck", "shiit=shit", "biitch=bitch"}},
		{"doubled vowel in German", "de", "So eine Scheiiße", []string{"Scheiiße=scheiße"}},
		{"doubled vowel and a compound", "en", "fuuckface", []string{"fuuckface=fuck"}},

		// What must stay clean.
		{"stars and hashes in prose", "en", "Rated 5*, *sigh*, ask in #general, C# or F#, x*y and a*b*c", nil},
		{"no last letter", "en", "f*** and sh**", nil},
		{"a digit next to a masked word", "en", "f*ck2 and 2f*ck", nil},
		{"too few letters to tell", "en", "s**** happens", nil},
		{"German gender star", "de", "Liebe Kolleg*innen, Lehrer*innen und Ärzt*innen, Nutzer*in", nil},
		{"letters in a list", "en", "Pick plan A, B, C or D by 5 p.m., I. M. Pei", nil},
		{"spelled letters are one whole word", "en", "a s s i g n the ticket", nil},
		{"two letters are no word", "en", "a s", nil},
		{"digits spelled out are numbers", "en", "call 1 2 3 4, code 5 5 3 7, room 4 b", nil},
		{"single-letter words", "es", "a y o", nil},
		{"single-letter words in Russian", "ru", "я и в с к о у", nil},
		{"single characters without spaces", "zh", "他 妈 的", nil},
		{"doubled consonants are spelling", "en", "the annals of a rapper", nil},
		{"doubled vowels are words", "en", "good food, keep cool, been there", nil},
		{"Dutch doubles vowels", "nl", "een groot deel", nil},
		{"a text of unknown language keeps its doubled vowels", "und", "fuuck", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := c.Verdict(tt.text, language.MustParse(tt.lang))
			var got []string
			for _, s := range v.Spans {
				if tt.text[s.Start:s.End] != s.Text {
					t.Errorf("span %+v: text[%d:%d] = %q", s, s.Start, s.End, tt.text[s.Start:s.End])
				}
				got = append(got, s.Text+"="+s.Match)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Verdict(%q) read %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestMaskedWord(t *testing.T) {
	tests := []struct {
		s    string
		at   int
		word string // "" for none
		next int
	}{
		{"f*ck", 1, "f*ck", 4},
		{"a f**k b", 3, "f**k", 6},
		{"**f*ck**", 0, "f*ck", 8}, // Markdown's stars are not part of it
		{"**f*ck**", 3, "f*ck", 8},
		{"*sigh*", 0, "", 6},
		{"#tag", 0, "", 4},
		{"x2*y", 2, "", 4},
		{"f***", 1, "", 4},
		{"бл*ть!", 4, "бл*ть", 9},
	}
	for _, tt := range tests {
		start, end, next := maskedWord(tt.s, tt.at)
		word := ""
		if start >= 0 {
			word = tt.s[start:end]
		}
		if word != tt.word || next != tt.next {
			t.Errorf("maskedWord(%q, %d) = %q, next %d; want %q, next %d", tt.s, tt.at, word, next, tt.word, tt.next)
		}
	}
}

func TestSpelledOut(t *testing.T) {
	tests := []struct {
		s    string
		want []string // joined, then the letters' span in s
	}{
		{"f u c k", []string{"fuck 0-7", "uck 2-7"}},
		{"so f.u.c.k. this", []string{"fuck 3-10", "uck 5-10"}},
		{"f*u*c*k", []string{"fuck 0-7", "uck 2-7"}},
		{"a b", nil},
		{"a b c", []string{"abc 0-5"}},
		{"a b cd e f g", []string{"efg 7-12"}},
		{"a    b     c", nil},                            // gaps over three characters
		{"a, b, c d e", []string{"abc 0-7", "cde 6-11"}}, // the gap changes
		{"fr*k, f r a k", []string{"frak 6-13", "rak 8-13"}},
		{"b*tch a b", nil}, // b is a letter of a masked word
		{"é u x", []string{"éux 0-6"}},
		{"他 妈 的", nil},
		{"a1 b c d", []string{"bcd 3-8"}},
		{"s h 1 t", []string{"shit 0-7", "shlt 0-7", "hit 2-7", "hlt 2-7"}},
		{"1 2 3 a", nil}, // one letter: numbers
		{"1 3 a b", []string{"ieab 0-7", "leab 0-7", "eab 2-7"}},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range spelledOut(tt.s) {
			if len(w.at) != len(w.s) {
				t.Errorf("%q: %d offsets for %d bytes", tt.s, len(w.at), len(w.s))
				continue
			}
			got = append(got, fmt.Sprintf("%s %d-%d", w.s, w.at[0].start, w.at[len(w.at)-1].end))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("spelledOut(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestUndoubled(t *testing.T) {
	tests := []struct {
		s    string
		want []string // each word read, then its span in s
	}{
		{"fuuck", []string{"fuck 0-5"}},
		{"oh shiit and biitch!", []string{"shit 3-8", "bitch 13-19"}},
		{"fuuuck", nil}, // drawn out: runs reads it
		{"annus", nil},  // consonants stay
		{"good", []string{"god 0-4"}},
		{"aa ee", []string{"a 0-2", "e 3-5"}},
		{"baabaa", []string{"baba 0-6"}},
		{"née", nil}, // é and e are two letters
	}
	for _, tt := range tests {
		var got []string
		for _, w := range undoubled(tt.s) {
			if len(w.at) != len(w.s) {
				t.Errorf("undoubled(%q): %d offsets for %d bytes", tt.s, len(w.at), len(w.s))
				continue
			}
			// The bytes map to the letters they read, in order, without gaps.
			for k := 1; k < len(w.at); k++ {
				if w.at[k].start != w.at[k-1].end {
					t.Errorf("undoubled(%q): offsets %v have a gap", tt.s, w.at)
					break
				}
			}
			got = append(got, fmt.Sprintf("%s %d-%d", w.s, w.at[0].start, w.at[len(w.at)-1].end))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("undoubled(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

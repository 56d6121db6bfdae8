package safety

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/textmatch"
)

// Self-censored and dodging spellings: a word with letters masked
// ("f*ck", "sh#t", "a**hole"), spelled out letter by letter ("f u c k",
// "b.i.t.c.h"), or with a vowel doubled ("fuuck"). Each dodges a word list
// without hiding the word from a reader, which is the point of writing it.

// isMask reports whether c is a character chat writes for a censored
// letter. Hyphens, dots and underscores are left out: inside a word they
// join its parts ("e-mail", "file_name") rather than stand for a letter.
func isMask(c byte) bool { return c == '*' || c == '#' }

// scanMasked calls emit for each word of s written with masks for some of
// its letters that reads as an entry of c: letters and masks, a letter
// first and last, between word boundaries, as many runes as the entry,
// equal to it where the word has letters. A mask stands for one letter.
// Where at least half the letters are written ("f*ck", "f**k", "b*tch",
// "f***ing") and several entries fit, the likelier reading is taken (see
// compiled.likelier: "s**t" is shit, not scat); with fewer written
// ("b***h", "n****r") only an entry no other one could be. Entries of
// scripts without spaces, and single-character ones, are not read
// masked: such a word has no boundary to stand between.
func (c *compiled) scanMasked(s string, emit func(start, end, ref int)) {
	if !strings.ContainsAny(s, "*#") {
		return
	}
	for i := 0; i < len(s); i++ {
		if !isMask(s[i]) {
			continue
		}
		start, end, next := maskedWord(s, i)
		i = next - 1 // past the run: each is looked at once
		if start < 0 {
			continue
		}
		word := s[start:end]
		letters, masks := 0, 0
		for _, r := range word {
			if r < utf8.RuneSelf && isMask(byte(r)) {
				masks++
			} else {
				letters++
			}
		}
		first, _ := utf8.DecodeRuneInString(word)
		if letters < 2 || !textmatch.NeedsBoundary(first) {
			continue
		}
		best, fits := -1, 0
		for _, t := range c.idx.bucket(first) {
			if t.strict || !maskedEqual(word, t.key) {
				continue
			}
			if fits++; best < 0 || c.likelier(t.ref, best) {
				best = t.ref
			}
		}
		if fits == 1 || fits > 1 && masks <= letters {
			emit(start, end, best)
		}
	}
}

// maskedWord returns the word around the mask at s[at]: the run of letters
// and masks without the masks at its edges ("**f*ck**" in Markdown is
// "f*ck"), if a mask is left inside it and it stands between word
// boundaries (a digit next to it makes it a code, "A1*b2"). It returns
// start -1 otherwise. next is where the run ends either way.
func maskedWord(s string, at int) (start, end, next int) {
	start, end = at, at+1
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !unicode.IsLetter(r) && !(r < utf8.RuneSelf && isMask(byte(r))) {
			break
		}
		start -= size
	}
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) && !(r < utf8.RuneSelf && isMask(byte(r))) {
			break
		}
		end += size
	}
	next = end
	// The edges must be letters: "*sigh*" and "#tag" are not masked
	// words, and the letters inside them are read as ever.
	for start < end && isMask(s[start]) {
		start++
	}
	for end > start && isMask(s[end-1]) {
		end--
	}
	if !strings.ContainsAny(s[start:end], "*#") {
		return -1, 0, next
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:start]); start > 0 && textmatch.IsWord(r) {
		return -1, 0, next
	}
	if r, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && textmatch.IsWord(r) {
		return -1, 0, next
	}
	return start, end, next
}

// maskedEqual reports whether word, with masks, spells key: rune for rune
// equal, a mask standing for any letter.
func maskedEqual(word, key string) bool {
	for word != "" && key != "" {
		w, ws := utf8.DecodeRuneInString(word)
		k, ks := utf8.DecodeRuneInString(key)
		if w < utf8.RuneSelf && isMask(byte(w)) {
			if !unicode.IsLetter(k) {
				return false
			}
		} else if w != k {
			return false
		}
		word, key = word[ws:], key[ks:]
	}
	return word == "" && key == ""
}

// reading is a normalized text, or part of it, read another way, with
// another length: a word spelled out letter by letter with its letters
// joined ("f u c k" is "fuck", see spelledOut), or the text with doubled
// vowels read as one (see undoubled). at maps each byte of s to the bytes
// of the normalized text it stands for.
type reading struct {
	s  string
	at []span
}

// minSpelled is the fewest letters read as a word spelled out: two
// single letters in a row are everyday ("a b", "I. M. Pei").
const minSpelled = 3

// spelledSep reports whether c may stand between the letters of a word
// spelled out.
func spelledSep(c byte) bool {
	switch c {
	case ' ', '.', '-', '_', '*', '/', '|', ',', '+', '~':
		return true
	}
	return false
}

// spelledOut finds the runs of minSpelled or more single letters in s (a
// digit that leetspeak reads as a letter counts as one), each standing
// alone, one gap apart: one to three separators, the same
// between every two letters of a run ("f u c k", "f.u.c.k", "f. u. c. k",
// "f-u-c-k"), so that a list ending in a letter ("plan a, f r a k") does
// not run into the word after it. A run of more letters is also tried
// without its first, which may be a word of its own ("a b i t c h").
// Only letters of scripts written with spaces count: in Chinese or
// Japanese single characters in a row are ordinary text.
func spelledOut(s string) []reading {
	var out []reading
	var letters []span // the current run's letters, in s
	gap := ""          // between the current run's letters
	// join adds the run's letters joined, leetspeak digits read as
	// letters (1 as i, and in a second reading as l), if at least two
	// are letters: "1 2 3" is no word.
	join := func(letters []span) {
		var b []byte
		var at []span
		n, ones := 0, false
		for _, l := range letters {
			if c := s[l.start]; isDigit(c) {
				ones = ones || c == '1'
				b = append(b, leetDigit(c))
				at = append(at, l)
				continue
			}
			n++
			b = append(b, s[l.start:l.end]...)
			for range l.end - l.start {
				at = append(at, l)
			}
		}
		if n < 2 {
			return
		}
		out = append(out, reading{string(b), at})
		if ones {
			asL := []byte(string(b))
			for k, l := range at {
				if s[l.start] == '1' {
					asL[k] = 'l'
				}
			}
			out = append(out, reading{string(asL), at})
		}
	}
	flush := func() {
		if len(letters) >= minSpelled {
			join(letters)
		}
		if len(letters) > minSpelled {
			join(letters[1:])
		}
		letters, gap = letters[:0], ""
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// The common case, by bytes: punctuation, or an ASCII word
			// of two letters or more.
			if !textmatch.IsWord(rune(c)) {
				i++
				continue
			}
			if i+1 < len(s) && s[i+1] < utf8.RuneSelf && textmatch.IsWord(rune(s[i+1])) {
				flush()
				i = skipWord(s, i+2)
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !textmatch.IsWord(r) {
			i += size
			continue
		}
		// A word: is it one letter (with its marks) standing alone? A
		// letter next to a mask belongs to a masked word ("fr*k").
		end := i + size
		for end < len(s) {
			next, n := utf8.DecodeRuneInString(s[end:])
			if !unicode.IsMark(next) {
				break
			}
			end += n
		}
		single := (unicode.IsLetter(r) && textmatch.NeedsBoundary(r) || r < utf8.RuneSelf && leetDigit(byte(r)) != 0) &&
			!maskedAt(s, i, end)
		if single && end < len(s) {
			next, _ := utf8.DecodeRuneInString(s[end:])
			single = !textmatch.IsWord(next)
		}
		if !single {
			flush()
			i = skipWord(s, end)
			continue
		}
		if len(letters) > 0 {
			g := s[letters[len(letters)-1].end:i]
			switch {
			case !spelledGap(g):
				flush()
			case len(letters) == 1:
				gap = g
			case g != gap:
				// The last letter may start a run of its own with
				// this one ("a, b, c d e" holds "c d e").
				last := letters[len(letters)-1]
				flush()
				letters, gap = append(letters, last), g
			}
		}
		letters = append(letters, span{i, end})
		i = end
	}
	flush()
	return out
}

// skipWord returns the end of the word that goes on at s[i:].
func skipWord(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !textmatch.IsWord(rune(c)) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !textmatch.IsWord(r) {
			break
		}
		i += n
	}
	return i
}

// maskedAt reports whether the letter s[start:end] is part of a word with
// masked letters: masks next to it, and on their other side a word of two
// letters or more ("k" in "fr*k", "b" in "b*tch"). Between single letters
// ("f*u*c*k") a mask separates letters spelled out.
func maskedAt(s string, start, end int) bool {
	i := start
	for i > 0 && isMask(s[i-1]) {
		i--
	}
	if i < start {
		r1, n := utf8.DecodeLastRuneInString(s[:i])
		r2, _ := utf8.DecodeLastRuneInString(s[:i-n])
		if i-n > 0 && unicode.IsLetter(r1) && unicode.IsLetter(r2) {
			return true
		}
	}
	j := end
	for j < len(s) && isMask(s[j]) {
		j++
	}
	if j > end {
		r1, n := utf8.DecodeRuneInString(s[j:])
		r2, _ := utf8.DecodeRuneInString(s[j+n:])
		if j+n < len(s) && unicode.IsLetter(r1) && unicode.IsLetter(r2) {
			return true
		}
	}
	return false
}

// leetDigit returns the letter a digit stands for in leetspeak (see
// leet; i for 1, which spelledOut also reads as l), or 0 for a digit that
// stands for none and any other byte.
func leetDigit(c byte) byte {
	switch {
	case c == '1':
		return 'i'
	case isDigit(c):
		return leet[c]
	}
	return 0
}

// spelledGap reports whether gap may separate two letters of a word
// spelled out: one to three separators.
func spelledGap(gap string) bool {
	if gap == "" || len(gap) > 3 {
		return false
	}
	for i := 0; i < len(gap); i++ {
		if !spelledSep(gap[i]) {
			return false
		}
	}
	return true
}

// likelier reports whether entry a is a likelier reading than entry b of a
// word with masked letters that both fit: the more severe one, since a
// moderator must see the worst reading of what a reader will take it to
// say, then a swear word, since chat masks swearing far more than
// anything else (f***ing is fucking, not figging), then the one listed
// first.
func (c *compiled) likelier(a, b int) bool {
	ea, eb := &c.entries[a], &c.entries[b]
	if ra, rb := api.SeverityRank(ea.severity), api.SeverityRank(eb.severity); ra != rb {
		return ra > rb
	}
	if pa, pb := ea.category == api.CategoryProfanity, eb.category == api.CategoryProfanity; pa != pb {
		return pa
	}
	return a < b
}

// undoubles are the languages whose texts are also read with doubled
// vowels as one (see undoubled): no word of Debian's word lists of them
// (wamerican, wngerman, wspanish, witalian, wportuguese, wfrench: 1.4
// million words) reads as an entry of its language's list or the fallback
// set that way, but for French "shoota". Languages that double vowels in
// their spelling are left out (Dutch "deel" would read as its list's
// "del", Somali "cuntadii" as "cunt", Vietnamese "moong"), and so is a
// text of unknown language, which may be in one of them.
var undoubles = map[string]bool{"en": true, "de": true, "es": true, "fr": true, "it": true, "pt": true}

// readDoubledVowels adds the words of n with doubled vowels read as one
// to n.readings, if it did not already.
func (n *normalized) readDoubledVowels() {
	if n.undoubled {
		return
	}
	n.undoubled = true
	n.readings = append(n.readings, undoubled(n.s)...)
}

// undoubled returns the words of s that have a Latin vowel written exactly
// twice, each read with such vowels as one ("fuuck", "shiit", "biitch").
// Three or more are drawn out, which runs already reads. Consonants stay
// doubled: a doubled consonant is spelling in words that read as entries
// without it ("annals", "rapper", "bonner", Italian "cullo"). Words are
// read one by one, so that a text is not scanned twice whole; a
// multi-word entry with a doubled vowel ("biig tits") is not found.
func undoubled(s string) []reading {
	var out []reading
	for i := doubledVowel(s, 0); i >= 0; {
		start, end := i, skipWord(s, i+2)
		for start > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:start])
			if !textmatch.IsWord(r) {
				break
			}
			start -= n
		}
		b := make([]byte, 0, end-start)
		at := make([]span, 0, end-start)
		for j := start; j < end; {
			if j == i {
				b = append(b, s[j])
				at = append(at, span{j, j + 2})
				j += 2
				i = doubledVowel(s, j)
				continue
			}
			b = append(b, s[j])
			at = append(at, span{j, j + 1})
			j++
		}
		out = append(out, reading{string(b), at})
	}
	return out
}

// doubledVowel returns the offset of the next Latin vowel written exactly
// twice in s at or after from, or -1.
func doubledVowel(s string, from int) int {
	for i := from; i+1 < len(s); i++ {
		c := s[i]
		if s[i+1] != c || !latinVowel(c) {
			continue
		}
		if (i > 0 && s[i-1] == c) || (i+2 < len(s) && s[i+2] == c) {
			for i+1 < len(s) && s[i+1] == c {
				i++
			}
			continue
		}
		return i
	}
	return -1
}

func latinVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

package apertium

import (
	"github.com/parley-chat/parley/shared/entity"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the Go replacement for apertium-destxt and apertium-retxt,
// so that a request costs no extra processes. The rules were taken from
// experiments with the Debian tools (apertium 3.8):
//
//   - the characters \ ^ $ [ ] { } / @ < > are stream syntax and are escaped
//     with a backslash;
//   - a run of blank characters (space, tab, CR, LF and '~', which lt-proc -p
//     would read as a post-generation mark) other than one plain space goes
//     into a superblank "[...]", which every stage copies through untouched;
//   - an end of sentence (end of input, or a run holding an empty line) gets
//     ".[]" in front: the period helps the tagger and transfer see a sentence
//     boundary, the empty superblank tells the reformatter to drop it again;
//   - as apertium-deshtml does, so does a block-level HTML tag ("</li><li>",
//     "<br>", "</p>": blockTags) after words: transfer reorders words within
//     a sentence, and would move them from one list item, table cell or
//     paragraph into another.
//
// Deliberate differences from destxt: '*' and '#', and '@' but inside a
// word, also go into superblanks, because lt-proc would otherwise copy
// them through (escaped or not) and they could not be told apart from the
// unknown-word marks *word, #word and \@word ("Escribe @casa" came out as
// "\@house", as a word the bilingual dictionary lacks comes out: "Your
// \@ticket"); protected terms go into superblanks whole, so they come back
// byte for byte; a run of white space with a no-break (or other Unicode)
// space in it is a superblank too, so that two blanks side by side in the
// output are always a dropped word's (gap); and markup delimiters go in
// as word-bound blanks (markup.go).

// streamSpecial are the characters that must be escaped in the stream.
const streamSpecial = `\^$[]{}/@<>`

// isBlank reports whether r belongs in a blank run (see above; an '@'
// right after a word character starts none: blankRunEnd).
func isBlank(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '~', '*', '#', '@':
		return true
	}
	return false
}

// escapeTo appends s to b with the stream's special characters escaped.
// NUL is dropped: it is the pipeline's end-of-request marker.
func escapeTo(b *strings.Builder, s string) {
	for _, r := range s {
		switch {
		case r == 0:
			continue
		case strings.ContainsRune(streamSpecial, r), r == sepRune, r == markRune, r == lowerRune, r == fixRune:
			// The last four mark separators, the pairs of
			// protected stretches, a sentence's first protected
			// stretch and a tagger fix's words (markup.go):
			// escaped, no text can make one.
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
}

// superblankTo appends s as one superblank.
func superblankTo(b *strings.Builder, s string) {
	b.WriteByte('[')
	escapeTo(b, s)
	b.WriteByte(']')
}

// endsSentence reports whether a blank run marks a paragraph break.
func endsSentence(run string) bool {
	return strings.Contains(run, "\n\n") || strings.Contains(run, "\r\n\r\n")
}

// deformat turns plain text into an Apertium stream (without the final
// NUL). Every occurrence of a protected term becomes one superblank.
func deformat(text string, protect []string) string {
	stream, _ := encode(text, atomSpans(protectedSpans(text, protect)), nil)
	return stream
}

// blankRunEnd returns the end of the blank run that starts at text[i]
// (stopping where the next span starts, at stop), or i when there is
// none. A run is made of isBlank characters and other white space (NBSP,
// thin space ...); one such other space alone is no run: it passes as
// text, as destxt passes it, and lt-proc reads it as a blank. Two or more
// go into a superblank like any run, so that a run of them in the output
// is known to be the input's (see gap).
func blankRunEnd(text string, i, stop int) int {
	r, size := utf8.DecodeRuneInString(text[i:])
	if !isBlank(r) && !unicode.IsSpace(r) {
		return i
	}
	if p, _ := utf8.DecodeLastRuneInString(text[:i]); r == '@' && isWordRune(p) {
		// Inside a word ("ana@ejemplo.com") the '@' passes escaped, as
		// destxt passes it: lt-proc reads the address as one word, and
		// an escaped '@' after a word character is no mark (marksEnd).
		return i
	}
	j := i + size
	for j < len(text) && j != stop {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isBlank(r) && !unicode.IsSpace(r) {
			break
		}
		j += size
	}
	if !isBlank(r) && j == i+size {
		return i
	}
	return j
}

// encode turns text into an Apertium stream (without the final NUL).
// spans, in text order and not overlapping, mark what is not prose:
// protected stretches, each one superblank, and the delimiters of the
// pairs of markup (pairs, see markup.go), which do not enter the stream:
// the prose between them is wrapped in word-bound blanks instead. The
// layout returned is what rebuild needs to turn the output back into
// text.
func encode(text string, spans []span, pairs []pair) (string, *layout) {
	return encodeWords(text, spans, pairs, nil)
}

// encodeWords is encode that also writes out the chat spellings of words
// (chatWordsFor the text's language; nil for none) in the prose.
func encodeWords(text string, spans []span, pairs []pair, words map[string]string) (string, *layout) {
	w := &writer{pairs: pairs}
	for p := range pairs {
		pairs[p].first, pairs[p].last = -1, -1
	}
	w.b.Grow(len(text) + len(text)/8 + 8)
	i := 0
	for i < len(text) {
		if len(spans) > 0 && spans[0].start == i {
			sp := spans[0]
			spans = spans[1:]
			block := blockTag(text[sp.start:sp.end])
			if block {
				w.boundary()
			}
			switch sp.kind {
			case spanAtom:
				// A block-level tag is no word of the sentence
				// after it: Apertium's capital there is its HTML
				// mode's ("<br>Casa azul").
				w.atom(text[sp.start:sp.end], !block && w.initial() && nextWordLower(text, sp.end, spans))
			case spanPhrase:
				w.atom(sp.text, w.initial() && nextWordLower(text, sp.end, spans))
			case spanOpen:
				w.push(sp.pair)
			case spanClose:
				w.pop()
			}
			i = sp.end
			continue
		}
		stop := -1
		if len(spans) > 0 {
			stop = spans[0].start
		}
		j := blankRunEnd(text, i, stop)
		if j == i {
			r, size := utf8.DecodeRuneInString(text[i:])
			if words != nil && isWordRune(r) {
				if end := wordRunEnd(text, i, stop); end > i {
					if out, ok := chatWordAt(words, text, i, end); ok {
						w.chatWord(text[i:end], out)
						i = end
						continue
					}
				}
			}
			if unicode.IsSpace(r) {
				w.space(text[i : i+size])
			} else {
				w.prose(text[i:i+size], r)
			}
			i += size
			continue
		}
		w.blank(text[i:j], j == len(text))
		i = j
	}
	w.finish()
	return w.b.String(), &layout{pairs: pairs, capital: w.capital}
}

// writer builds a stream for encode. Word-bound blanks ("[[0;2]]...[[/]]",
// the indices of the pairs the words are inside) open lazily before the
// first prose character of a stretch inside markup and close when the
// pairs around the prose change: the blanks and superblanks after the
// last word of a stretch are held back (pending) and written after the
// close, so that each word-bound blank holds words only at its edges.
// Apertium distributes it over the words inside, and lt-proc still finds
// multiwords ("New York") across its blanks.
type writer struct {
	b       strings.Builder
	pending strings.Builder
	stack   []int  // the pairs around the text being written, outermost first
	ids     string // stack as a word-bound blank's content ("0;2")
	bound   string // the content of the open word-bound blank; "" for none
	// delim is set when a delimiter was passed since the last prose
	// character, word when that character was part of a word: two words
	// glued by markup ("friend</p><p>Say") then get a separator, or
	// lt-proc would read them as one.
	delim, word bool
	// seen is set once the first letter outside the delimiters was
	// written; capital says whether it was an upper-case prose letter.
	seen, capital bool
	// marked is set when the last thing written was a blank run that
	// ended the text, which carries the end-of-text mark.
	marked bool
	// words is set when prose was written since the last end-of-sentence
	// mark, bare when boundary wrote that mark: a paragraph break or the
	// end of the text with no words since then needs no second one.
	words, bare bool
	// within is set once a word character was written in the
	// sentence, and cleared again by an end-of-sentence mark or a
	// sentence's final punctuation (initial).
	within bool
	// sentence counts the end-of-sentence marks written; pairs get the
	// sentences of their words (pair.first, last) when note is set
	// (their stack or the sentence changed).
	sentence int
	note     bool
	pairs    []pair
}

// out writes s, inside the open word-bound blank's hold-back if there is
// one.
func (w *writer) out(s string) {
	if w.bound != "" {
		w.pending.WriteString(s)
		return
	}
	w.b.WriteString(s)
}

// unbind closes the open word-bound blank and writes what was held back.
func (w *writer) unbind() {
	if w.bound == "" {
		return
	}
	w.b.WriteString("[[/]]")
	w.b.WriteString(w.pending.String())
	w.pending.Reset()
	w.bound = ""
}

// setStack changes the pairs around the text.
func (w *writer) setStack(stack []int) {
	w.stack = stack
	var b strings.Builder
	for i, p := range stack {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(strconv.Itoa(p))
	}
	w.ids = b.String()
	w.delim = true
	w.note = true
}

// mark writes an end-of-sentence mark.
func (w *writer) mark() {
	w.b.WriteString(".[]")
	w.sentence++
	w.words, w.note, w.within = false, true, false
}

// initial reports whether what is written next starts a sentence, to
// Apertium: no word came since the last end-of-sentence mark or the
// sentence's final punctuation.
func (w *writer) initial() bool { return !w.within }

// nextWordLower reports whether the first word character of text after i
// is a lower-case letter, skipping the delimiters of markup; spans are
// those after i. A protected part, the end of the sentence (a paragraph
// break, a block-level tag) or of the text before it answers false: the
// word is not the one after i, or there is none.
func nextWordLower(text string, i int, spans []span) bool {
	for i < len(text) {
		if len(spans) > 0 && spans[0].start == i {
			if spans[0].kind == spanAtom || spans[0].kind == spanPhrase || blockTag(text[spans[0].start:spans[0].end]) {
				return false
			}
			i, spans = spans[0].end, spans[1:]
			continue
		}
		if strings.HasPrefix(text[i:], "\n\n") || strings.HasPrefix(text[i:], "\r\n\r\n") {
			return false
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			return unicode.IsLower(r)
		}
		i += size
	}
	return false
}

// boundary ends the sentence at a block-level tag (blockTags) when words
// came since the last mark. The mark goes right after the last word,
// outside its word-bound blank and before the blanks held back: the
// period must be no word of a pair's.
func (w *writer) boundary() {
	if !w.words {
		return
	}
	held := w.pending.String()
	w.pending.Reset()
	if w.bound != "" {
		w.b.WriteString("[[/]]")
		w.bound = ""
	}
	w.mark()
	w.b.WriteString(held)
	// The mark keeps the words on either side apart: no separator.
	w.word, w.bare, w.marked = false, true, false
}

func (w *writer) prose(s string, r rune) {
	w.marked, w.bare, w.words = false, false, true
	if w.note {
		for _, p := range w.stack {
			if w.pairs[p].first < 0 {
				w.pairs[p].first = w.sentence
			}
			w.pairs[p].last = w.sentence
		}
		w.note = false
	}
	if w.delim && w.word && isWordRune(r) {
		w.unbind()
		w.b.WriteString("[" + separator + "]")
	}
	w.delim = false
	if w.ids != w.bound {
		w.unbind()
		if w.ids != "" {
			w.b.WriteString("[[" + w.ids + "]]")
			w.bound = w.ids
		}
	} else if w.pending.Len() > 0 {
		w.b.WriteString(w.pending.String())
		w.pending.Reset()
	}
	escapeTo(&w.b, s)
	w.word = isWordRune(r)
	switch {
	case w.word:
		w.within = true
	case strings.ContainsRune(".!?…", r):
		w.within = false
	}
	if !w.seen && unicode.IsLetter(r) {
		w.seen = true
		w.capital = unicode.IsUpper(r) || unicode.IsTitle(r)
	}
}

// chatWord writes out, in place of the chat spelling word, the words it
// stands for (chatwords.go). The text's initial capital is the spelling's.
func (w *writer) chatWord(word, out string) {
	seen := w.seen
	for _, r := range out {
		if r == ' ' {
			w.blank(" ", false)
			continue
		}
		w.prose(string(r), r)
	}
	if !seen {
		r, _ := utf8.DecodeRuneInString(word)
		w.capital = unicode.IsUpper(r)
	}
}

// wordRunEnd returns the end of the run of word runes that starts at
// text[i], not past stop (the next span; -1 for none), or i when text[i-1]
// is a word rune too: the run is no word's start.
func wordRunEnd(text string, i, stop int) int {
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isWordRune(r) {
		return i
	}
	if stop < 0 {
		stop = len(text)
	}
	j := i
	for j < stop {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isWordRune(r) {
			break
		}
		j += size
	}
	return j
}

// space writes a white space character that is no run (a lone NBSP).
func (w *writer) space(s string) {
	w.marked, w.word = false, false
	var b strings.Builder
	escapeTo(&b, s)
	w.out(b.String())
}

// atom writes a protected stretch as one superblank. Inside markup, the
// superblank names the pairs it is inside (atomMark), which it cannot
// carry as a word-bound blank (those bind words only). lower says that
// it starts a sentence and the word after it is lower-case (lowerRune).
func (w *writer) atom(s string, lower bool) {
	w.marked, w.word = false, false
	if !w.seen && strings.IndexFunc(s, unicode.IsLetter) >= 0 {
		w.seen = true
	}
	var b strings.Builder
	b.WriteByte('[')
	if lower {
		b.WriteString(lowerMark)
	}
	if len(w.stack) > 0 {
		b.WriteString(atomMark + w.ids + atomMark)
	}
	escapeTo(&b, s)
	b.WriteByte(']')
	w.out(b.String())
}

// blank writes a blank run; last says that it ends the text.
func (w *writer) blank(run string, last bool) {
	w.word = false
	if (last || endsSentence(run)) && !w.bare {
		// The period of the mark must be no word of the markup's.
		w.unbind()
		w.mark()
	}
	var b strings.Builder
	switch {
	case run == " ":
		b.WriteByte(' ')
	case len(w.stack) > 0 && strings.IndexFunc(run, isVisible) >= 0:
		// '*', '#', '@' or '~' inside markup: text of the pair's, like
		// a protected part.
		b.WriteString("[" + atomMark + w.ids + atomMark)
		escapeTo(&b, run)
		b.WriteByte(']')
	default:
		superblankTo(&b, run)
	}
	w.out(b.String())
	w.marked = last
}

// isVisible reports whether r is a blank-run character that is not white
// space ('*', '#', '@', '~').
func isVisible(r rune) bool { return !unicode.IsSpace(r) }

func (w *writer) push(p int) { w.setStack(append(w.stack, p)) }

func (w *writer) pop() {
	if len(w.stack) > 0 {
		w.setStack(w.stack[:len(w.stack)-1])
	}
}

func (w *writer) finish() {
	w.unbind()
	if !w.marked && !w.bare {
		w.mark()
	}
}

// isWordRune reports whether r belongs to a word: letters, digits and
// combining marks.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// protectedSpans finds every non-overlapping occurrence of the protected
// terms, longest term first at any position, in text order.
func protectedSpans(text string, protect []string) [][2]int {
	if len(protect) == 0 {
		return nil
	}
	terms := make([]string, 0, len(protect))
	for _, t := range protect {
		if t != "" {
			terms = append(terms, t)
		}
	}
	// Longer terms win so that "New York Times" is not cut by "New York".
	sort.SliceStable(terms, func(i, j int) bool { return len(terms[i]) > len(terms[j]) })
	var spans [][2]int
	for i := 0; i < len(text); {
		matched := false
		for _, t := range terms {
			if strings.HasPrefix(text[i:], t) {
				spans = append(spans, [2]int{i, i + len(t)})
				i += len(t)
				matched = true
				break
			}
		}
		if !matched {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
	}
	return spans
}

// reformat turns the pipeline's output stream back into plain text: it
// unescapes, unwraps superblanks, drops the periods that deformat inserted
// before "[]", strips the marks that lt-proc -g puts on words it could
// not analyse (*), transfer (@) or generate (#), and closes the gaps that
// dropped words leave (gap). It returns the text and the number of
// marked words.
//
// A *, # or @ outside a superblank, bare or (at the start of a word)
// escaped, can only be a mark: deformat hides the input's own in
// superblanks (marksEnd).
func reformat(stream string) (string, int) {
	text, marked := reformatMarked(stream)
	return text, len(marked)
}

// reformatMarked is reformat that also returns the marked words, in order
// (what a pivot's count needs from its second step).
func reformatMarked(stream string) (string, []string) {
	text, marked, _ := (&layout{}).rebuild(stream)
	return text, marked
}

// streamText returns the ranges of stream that hold its words: not a
// superblank, a word-bound blank or an escaped character.
func streamText(stream string) [][2]int {
	var ranges [][2]int
	from := 0
	for i := 0; i < len(stream); {
		var j int
		switch c := stream[i]; {
		case c == '\\' && i+1 < len(stream):
			_, size := utf8.DecodeRuneInString(stream[i+1:])
			j = i + 1 + size
		case c == '[' && strings.HasPrefix(stream[i:], "[["):
			j = wordBoundEnd(stream, i)
		case c == '[':
			j = superblankEnd(stream, i)
		default:
			i++
			continue
		}
		if i > from {
			ranges = append(ranges, [2]int{from, i})
		}
		from, i = j, j
	}
	if from < len(stream) {
		ranges = append(ranges, [2]int{from, len(stream)})
	}
	return ranges
}

// relay turns the output stream of a pivot route's first mode into the
// input of its second. The stream form stays: escapes, superblanks
// (protected terms and blank runs), word-bound blanks and the sentence
// marks deformat added pass on unchanged. The marks on words the first mode could not analyse
// (*), transfer (@) or generate (#) are dropped and the words passed on
// bare, as "apertium -u" would print them: the second mode then translates
// a word the first one generated badly, and keeps an unknown word in its
// place as an unknown word of its own. (Wrapping unknown words in
// superblanks instead would hide them from the second mode's transfer,
// which then joins the words on either side: "el [router] y" came out
// as "l'et router".) It returns the stream and the marked words, in order.
func relay(stream string) (string, []string) {
	var b strings.Builder
	b.Grow(len(stream))
	var marked []string
	for i := 0; i < len(stream); {
		if j := marksEnd(stream, i); j > i {
			marked = append(marked, stream[j:wordEnd(stream, j)])
			i = j
			continue
		}
		switch c := stream[i]; {
		case c == '\\' && i+1 < len(stream):
			_, size := utf8.DecodeRuneInString(stream[i+1:])
			b.WriteString(stream[i : i+1+size])
			i += 1 + size
		case c == '[':
			j := superblankEnd(stream, i)
			if strings.HasPrefix(stream[i:], "[[") {
				j = wordBoundEnd(stream, i)
			} else if words, ok := fixWords(stream[i+1 : j]); ok {
				// A tagger fix's words, in the pivot language: the
				// second mode translates them (fixRune).
				b.WriteString(words)
				lower := strings.HasPrefix(stream[i+1:], lowerMark)
				i = j
				if lower {
					// The first mode capitalized the word after
					// the superblank, which rebuild would lower
					// (lowerRune); the second mode sees it among
					// words and keeps the capital ("pelA ajuda"
					// for "gracias por La ayuda").
					i = lowerWordAfter(&b, stream, i)
				}
				continue
			}
			b.WriteString(stream[i:j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), marked
}

// lowerWordAfter writes the spaces at stream[i:] and the word after
// them with its first letter in lower case (relay), and returns the
// index after what it wrote.
func lowerWordAfter(b *strings.Builder, stream string, i int) int {
	j := i
	for j < len(stream) && stream[j] == ' ' {
		j++
	}
	r, size := utf8.DecodeRuneInString(stream[j:])
	if !unicode.IsUpper(r) {
		return i
	}
	b.WriteString(stream[i:j])
	b.WriteRune(unicode.ToLower(r))
	return j + size
}

// fixWords returns the words of a tagger fix's superblank, given what
// follows its '[' (escaped, with the closing ']'), as they stand in the
// stream, and whether it is one (fixRune).
func fixWords(raw string) (string, bool) {
	raw, closed := strings.CutSuffix(raw, "]")
	words, ok := strings.CutPrefix(strings.TrimPrefix(raw, lowerMark), fixMark)
	return words, ok && closed
}

// isMark reports whether c is one of the unknown-word marks.
func isMark(c byte) bool { return c == '*' || c == '#' || c == '@' }

// marksEnd returns the index after the unknown-word marks that start at
// stream[i], or i when none does there. One word may carry two marks. A
// bare *, # or @ outside a superblank is always a mark: deformat hides
// the input's own in superblanks (isBlank). The generator escapes a mark
// that is stream syntax: a word the bilingual dictionary lacks comes out
// as "Your \@ticket is opened", not "@ticket". Read as an escaped
// character, that mark reached the text, which then gained an @mention
// that the message did not have (the translate chain declines such an
// answer). So an escaped mark counts too where it starts a word: after
// no word character, and with a word character after the marks.
func marksEnd(stream string, i int) int {
	j := i
	for j < len(stream) {
		if isMark(stream[j]) {
			j++
		} else if stream[j] == '\\' && j+1 < len(stream) && isMark(stream[j+1]) {
			j += 2
		} else {
			break
		}
	}
	if j == i || stream[i] != '\\' {
		return j
	}
	if before, _ := utf8.DecodeLastRuneInString(stream[:i]); i > 0 && isWordRune(before) {
		return i // "a\@b": inside a word
	}
	if wordEnd(stream, j) == j {
		return i // no word follows
	}
	return j
}

// wordBoundEnd returns the index after the word-bound blank ("[[...]]")
// that starts at stream[i]. Its content is the engine's ("0;2", "/"):
// text cannot make "[[", since deformat escapes every bracket.
func wordBoundEnd(stream string, i int) int {
	if j := strings.Index(stream[i+2:], "]]"); j >= 0 {
		return i + 2 + j + 2
	}
	return len(stream)
}

// unknownAfterPivot counts the unknown words of a pivot translation: every
// word the first mode marked, and those the second marked that are not
// just the first one's passed on (they are still unknown, and counted once).
func unknownAfterPivot(first, second []string) int {
	return len(first) + len(pivotWords(first, second))
}

// pivotWords returns the words of second (a pivot's marked words) that
// first (the first mode's) does not account for: the pivot language's.
func pivotWords(first, second []string) []string {
	left := make(map[string]int, len(first))
	for _, w := range first {
		left[w]++
	}
	var out []string
	for _, w := range second {
		if left[w] > 0 {
			left[w]--
			continue
		}
		out = append(out, w)
	}
	return out
}

// superblankEnd returns the index after the superblank that starts at
// stream[i].
func superblankEnd(stream string, i int) int {
	for i++; i < len(stream); i++ {
		switch stream[i] {
		case '\\':
			i++
		case ']':
			return i + 1
		}
	}
	return len(stream)
}

// wordEnd returns the index after the word that starts at s[i]: letters,
// digits, combining marks and the joiners Apertium keeps inside a word.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '-' && r != '_' && r != '\'' && r != '’' {
			break
		}
		i += size
	}
	return i
}

// closers is the punctuation that closes what comes before it: no mode
// writes a space in front of it, and where Apertium leaves one it is the
// blank of a word it dropped or moved (see tidyBeforeClosers).
const closers = ",.;:!?…)"

// tidyBeforeClosers removes the space Apertium leaves before a closer
// (closers) when it drops a word and moves another: "It is a big house."
// came out "Es una casa grande ." (the blank of the dropped "It" lands
// where "grande" was moved from), "you are a fucking idiot, kys" "Eres un
// idiota maldito , kys". A closer that the input itself writes after a
// space anywhere ("wait ...", French "merci !", a protected ".NET") keeps
// every space before it, so the input's own spacing, and protected parts,
// which come back as they were, are never changed.
func tidyBeforeClosers(input, output string) string {
	if !strings.Contains(output, " ") {
		return output
	}
	kept := spacedClosers(input)
	var b strings.Builder
	last := 0
	for i := 0; i < len(output); i++ {
		if output[i] != ' ' || i == 0 || i+1 >= len(output) {
			continue
		}
		c, _ := utf8.DecodeRuneInString(output[i+1:])
		before, _ := utf8.DecodeLastRuneInString(output[:i])
		if !strings.ContainsRune(closers, c) || unicode.IsSpace(before) || strings.ContainsRune(kept, c) {
			continue
		}
		b.WriteString(output[last:i])
		last = i + 1
	}
	if last == 0 {
		return output
	}
	b.WriteString(output[last:])
	return b.String()
}

// broadcastMentions are mentions of a group rather than a person, which
// English may write with an article ("the @channel").
var broadcastMentions = []string{"@here", "@channel", "@everyone", "@all"}

// dropArticleBeforeMentions removes the English article Apertium writes
// before a mention, translating the article that Portuguese, Spanish and
// Catalan put before a name ("Alguém viu o @carlos hoje?" came out
// "Somebody saw the @carlos today?"). Only for an English output and
// mentions of a person, and only where the input itself has no "the"
// before the mention.
func dropArticleBeforeMentions(input, output string) string {
	spans := entity.FindMentions(output)
	if len(spans) == 0 {
		return output
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		m := output[sp.Start:sp.End]
		if slices.Contains(broadcastMentions, strings.ToLower(m)) {
			continue
		}
		for _, the := range []string{"the ", "The "} {
			i := sp.Start - len(the)
			if i < last || output[i:sp.Start] != the || strings.Contains(input, the+m) {
				continue
			}
			if r, _ := utf8.DecodeLastRuneInString(output[:i]); i > 0 && isWordRune(r) {
				continue // "bathe @x": no article
			}
			b.WriteString(output[last:i])
			last = sp.Start
		}
	}
	if last == 0 {
		return output
	}
	b.WriteString(output[last:])
	return b.String()
}

// spacedClosers returns the closers that text writes right after white
// space, each once, read in one pass.
func spacedClosers(text string) string {
	var kept []rune
	prev := rune(0)
	for _, r := range text {
		if unicode.IsSpace(prev) && strings.ContainsRune(closers, r) && !slices.Contains(kept, r) {
			kept = append(kept, r)
		}
		prev = r
	}
	return string(kept)
}

// tidyEdges removes the horizontal space that Apertium leaves where it
// drops a word at the start of a line ("I live" -> " Vivo") or at its end,
// unless the input itself had lines with such space, which is then kept.
func tidyEdges(input, output string) string {
	keepLeading, keepTrailing := false, false
	for _, line := range strings.Split(input, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(line); r == ' ' || r == '\t' {
			keepLeading = true
		}
		if r, _ := utf8.DecodeLastRuneInString(line); r == ' ' || r == '\t' {
			keepTrailing = true
		}
	}
	if keepLeading && keepTrailing {
		return output
	}
	lines := strings.Split(output, "\n")
	for i, line := range lines {
		cr := strings.HasSuffix(line, "\r")
		line = strings.TrimSuffix(line, "\r")
		if !keepLeading {
			line = strings.TrimLeftFunc(line, isHorizontalSpace)
		}
		if !keepTrailing {
			line = strings.TrimRightFunc(line, isHorizontalSpace)
		}
		if cr {
			line += "\r"
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}

func isHorizontalSpace(r rune) bool { return r == ' ' || r == '\t' }

package apertium

import (
	"sort"
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
//     boundary, the empty superblank tells the reformatter to drop it again.
//
// Two deliberate differences from destxt: '*' and '#' also go into
// superblanks, because lt-proc would otherwise copy them through unescaped
// and they could not be told apart from the unknown-word marks *word and
// #word; and protected terms go into superblanks whole, so they come back
// byte for byte.

// streamSpecial are the characters that must be escaped in the stream.
const streamSpecial = `\^$[]{}/@<>`

// isBlank reports whether r belongs in a blank run (see above).
func isBlank(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '~', '*', '#':
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
		case strings.ContainsRune(streamSpecial, r):
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
	spans := protectedSpans(text, protect)
	var b strings.Builder
	b.Grow(len(text) + len(text)/8 + 8)
	i := 0
	for i < len(text) {
		if len(spans) > 0 && spans[0][0] == i {
			superblankTo(&b, text[spans[0][0]:spans[0][1]])
			i = spans[0][1]
			spans = spans[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isBlank(r) {
			escapeTo(&b, text[i:i+size])
			i += size
			continue
		}
		// Collect the blank run, stopping where a protected term starts.
		j := i
		for j < len(text) {
			if len(spans) > 0 && spans[0][0] == j {
				break
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isBlank(r) {
				break
			}
			j += size
		}
		run := text[i:j]
		last := j == len(text)
		if last || endsSentence(run) {
			b.WriteString(".[]")
		}
		if run == " " {
			b.WriteByte(' ')
		} else {
			superblankTo(&b, run)
		}
		i = j
	}
	if !isBlankEnd(text) {
		b.WriteString(".[]")
	}
	return b.String()
}

// isBlankEnd reports whether text ends in a blank run, which deformat has
// already given its end-of-input mark.
func isBlankEnd(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return text != "" && isBlank(r) && r != utf8.RuneError
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
// before "[]", and strips the marks that lt-proc -g puts on words it could
// not analyse (*), transfer (@) or generate (#). It returns the text and the
// number of marked words.
//
// An unescaped *, # or @ outside a superblank can only be a mark: deformat
// escapes @ and hides literal * and # in superblanks.
func reformat(stream string) (string, int) {
	text, marked := reformatMarked(stream)
	return text, len(marked)
}

// reformatMarked is reformat that also returns the marked words, in order
// (what a pivot's count needs from its second step).
func reformatMarked(stream string) (string, []string) {
	var b strings.Builder
	b.Grow(len(stream))
	var marked []string
	for i := 0; i < len(stream); {
		c := stream[i]
		switch {
		case c == '\\' && i+1 < len(stream):
			_, size := utf8.DecodeRuneInString(stream[i+1:])
			b.WriteString(stream[i+1 : i+1+size])
			i += 1 + size
		case c == '.' && strings.HasPrefix(stream[i+1:], "[]"):
			i += 3
		case c == '[':
			i = unwrapSuperblank(&b, stream, i)
		case c == '*' || c == '#' || c == '@':
			for i < len(stream) && (stream[i] == '*' || stream[i] == '#' || stream[i] == '@') {
				i++ // one word may carry two marks
			}
			marked = append(marked, stream[i:wordEnd(stream, i)])
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), marked
}

// relay turns the output stream of a pivot route's first mode into the
// input of its second. The stream form stays: escapes, superblanks
// (protected terms and blank runs) and the sentence marks deformat added
// pass on unchanged. The marks on words the first mode could not analyse
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
		switch c := stream[i]; {
		case c == '\\' && i+1 < len(stream):
			_, size := utf8.DecodeRuneInString(stream[i+1:])
			b.WriteString(stream[i : i+1+size])
			i += 1 + size
		case c == '[':
			j := superblankEnd(stream, i)
			b.WriteString(stream[i:j])
			i = j
		case c == '*' || c == '#' || c == '@':
			for i < len(stream) && (stream[i] == '*' || stream[i] == '#' || stream[i] == '@') {
				i++ // one word may carry two marks
			}
			marked = append(marked, stream[i:wordEnd(stream, i)])
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), marked
}

// unknownAfterPivot counts the unknown words of a pivot translation: every
// word the first mode marked, and those the second marked that are not
// just the first one's passed on (they are still unknown, and counted once).
func unknownAfterPivot(first, second []string) int {
	left := make(map[string]int, len(first))
	for _, w := range first {
		left[w]++
	}
	n := len(first)
	for _, w := range second {
		if left[w] > 0 {
			left[w]--
			continue
		}
		n++
	}
	return n
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

// unwrapSuperblank writes the content of the superblank that starts at
// stream[i] and returns the index after its closing bracket.
func unwrapSuperblank(b *strings.Builder, stream string, i int) int {
	for i++; i < len(stream); i++ {
		switch c := stream[i]; c {
		case '\\':
			if i+1 < len(stream) {
				i++
				b.WriteByte(stream[i])
			}
		case ']':
			return i + 1
		default:
			b.WriteByte(c)
		}
	}
	return i
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

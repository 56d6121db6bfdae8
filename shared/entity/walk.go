package entity

import (
	"strings"
	"unicode/utf8"
)

// How the scanner reads a text in time linear in its length.
//
// The content of markup (emphasis, a link's text) is read by walking from
// the end of its opening delimiter, token by token, to the first place
// where its closing delimiter may close (closes). Walking anew from every
// opener, even with each walk remembered by its start, took time
// proportional to the text times maxSpan on a line of openers that keep
// nearly closing: "*_" repeated over 10,000 bytes took 2-10 s, and 5,000
// "[" before 2,500 "](" 50 s (TestScanWorkIsLinear).
//
// But the token at a position is the same whichever walk reads it
// (stepAt), so two walks that meet go on together to the same end. The
// scanner therefore remembers, for each closing delimiter and each
// position a walk has read, where the walk from there ends (resolve), and
// a walk stops at the first position whose end it knows. Each position
// is walked at most once for each of the seven closing delimiters and
// matched at most once, whatever the text.

// step is what the scanner reads at a position: a token of n bytes, or
// one character of prose.
type step struct {
	n int32 // 0 until read
	// end is, for markup (Emphasis, Link), where its content ends and
	// its closing delimiter starts.
	end  int32
	kind uint8 // index in stepKinds
	// open is the length of the opening delimiter of markup, 0 for an
	// atom or prose.
	open uint8
}

// stepKinds are the kinds a step may have; prose is 0.
var stepKinds = [...]Kind{Prose, CodeBlock, InlineCode, URL, Email, Mention, Channel, CustomEmoji, Emoji,
	HTMLTag, HTMLElement, HTMLEscape, Placeholder, Term, Emphasis, Link, ControlToken}

func kindIndex(k Kind) uint8 {
	for i, sk := range stepKinds {
		if sk == k {
			return uint8(i)
		}
	}
	panic("entity: step of unknown kind " + string(k))
}

// stops are the closing delimiters a walk looks for: those of
// emphasisDelims, in the same order, and the "]" of a link's text.
var stops = [...]string{"**", "__", "~~", "||", "*", "_", "]"}

const linkStop = len(stops) - 1

// walkEnd is where the walk from a position for one closing delimiter
// ends.
type walkEnd struct {
	// at is 0 while unknown, -1 when the walk meets no closer before the
	// end of the text (or of a paragraph), else the closer's position + 1.
	at int32
	// last is the position + 1 of the last token the walk reads before
	// the closer, 0 when the walk starts at it.
	last int32
}

// walk is a walk in progress: from from, for the closing delimiter
// stops[si], now at p; the positions it has read are s.path[base:] (up
// to the base of the walk it waits for, if any).
type walk struct {
	from, si, p, base int
}

// stepAt reads the token at i, once. It reports false when reading it
// needs the end of a walk that is not known yet (s.need): the caller
// makes that walk (resolve) and asks again.
func (s *scanner) stepAt(i int) (step, bool) {
	if st := s.steps[i]; st.n > 0 {
		return st, true
	}
	s.work++
	st := s.match(i)
	if s.pending {
		s.pending = false
		return step{}, false
	}
	if st.n == 0 || s.html && s.splitsMarkup(i+int(st.n)) {
		_, size := utf8.DecodeRuneInString(s.src[i:])
		st = step{n: int32(size)}
	}
	s.steps[i] = st
	return st, true
}

// read returns the token at i, making first the walks it needs.
func (s *scanner) read(i int) step {
	for {
		if st, ok := s.stepAt(i); ok {
			return st
		}
		s.resolve(s.need)
	}
}

// content returns where markup content that starts at from ends: at the
// first place on the walk from from where stops[si] may close, provided
// the walk reads no token that starts more than maxSpan bytes after
// from. Emphasis does not span paragraphs; a link's text may, and is
// refused later if it holds a line break. When the walk has not been
// made yet, content sets s.need and s.pending, and its caller gives up
// at once: stepAt asks again once the walk is made.
func (s *scanner) content(from, si int) (int, bool) {
	if s.walks[si] == nil {
		s.walks[si] = make([]walkEnd, len(s.src)+1)
	}
	end := s.walks[si][from]
	if end.at == 0 {
		s.need, s.pending = walk{from: from, si: si, p: from}, true
		return 0, false
	}
	if end.at < 0 || int(end.last)-1-from > maxSpan {
		return 0, false
	}
	return int(end.at) - 1, true
}

// resolve makes the walk first, and on the way, before going on, every
// walk that reading a token of it needs, and records where each ends
// for every position it read. It keeps the walks in progress on a stack
// (s.walking), not in nested calls: a line of openers that each wait
// for the next ("*_*_*_…") nests them as deep as the line is long.
func (s *scanner) resolve(first walk) {
	first.base = len(s.path)
	s.walking = append(s.walking[:0], first)
	for len(s.walking) > 0 {
		f := &s.walking[len(s.walking)-1]
		w, stop := s.walks[f.si], stops[f.si]
		var end walkEnd
		for {
			p := f.p
			if end = w[p]; end.at != 0 {
				break
			}
			s.work++
			if p < len(s.src) && s.closes(p, stop) {
				end = walkEnd{at: int32(p) + 1}
				w[p] = end
				break
			}
			if p == len(s.src) || f.si != linkStop && strings.HasPrefix(s.src[p:], "\n\n") {
				end = walkEnd{at: -1}
				w[p] = end
				break
			}
			st, ok := s.stepAt(p)
			if !ok {
				break
			}
			s.path = append(s.path, int32(p))
			f.p = p + int(st.n)
		}
		if end.at == 0 {
			// The token at f.p waits for another walk: make it first.
			next := s.need
			next.base = len(s.path)
			if s.walks[next.si] == nil {
				s.walks[next.si] = make([]walkEnd, len(s.src)+1)
			}
			s.walking = append(s.walking, next)
			continue
		}
		if path := s.path[f.base:]; len(path) > 0 {
			if end.at > 0 && end.last == 0 {
				end.last = path[len(path)-1] + 1
			}
			for _, p := range path {
				w[p] = end
			}
			s.path = s.path[:f.base]
		}
		s.walking = s.walking[:len(s.walking)-1]
	}
}

// tokens reads the tokens of the text in order: the walk from its start,
// and in the place of each markup its delimiters around the walk over its
// content.
func (s *scanner) tokens() []Token {
	type outer struct {
		end    int // where the walk around the markup ends
		resume int // where it goes on: after the closing delimiter
		kind   Kind
	}
	var (
		toks  []Token
		stack []outer
	)
	i, end, prose := 0, len(s.src), 0
	flush := func() {
		if prose < i {
			toks = append(toks, Token{Kind: Prose, Role: Text, Text: s.src[prose:i], ID: -1})
		}
	}
	for {
		if i >= end {
			flush()
			if len(stack) == 0 {
				return toks
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			toks = append(toks, Token{Kind: o.kind, Role: Close, Text: s.src[end:o.resume]})
			i, end, prose = o.resume, o.end, o.resume
			continue
		}
		s.work++
		st := s.read(i)
		next := i + int(st.n)
		switch k := stepKinds[st.kind]; {
		case k == Prose:
			i = next
		case st.open == 0:
			flush()
			toks = append(toks, Token{Kind: k, Role: Atom, Text: s.src[i:next]})
			i, prose = next, next
		default:
			flush()
			open := i + int(st.open)
			toks = append(toks, Token{Kind: k, Role: Open, Text: s.src[i:open]})
			stack = append(stack, outer{end: end, resume: next, kind: k})
			i, end, prose = open, int(st.end), open
		}
	}
}

package entity

import (
	"slices"
	"strings"
)

// Indexes over the whole text, each built once (when a matcher first
// needs it) in one pass, that answer what the matchers used to search
// the rest of the text for from every position they were asked about:
// the closing run of backticks of a code span, a fence's closing fence,
// the end of a comment, the ")" of a link target, the "}" of an ICU
// argument. Searched from every position of a line of openers, each of
// those took time quadratic in the line (a line of 10,000 backticks
// 0.18 s).

// index lists, in order, the positions where something occurs in a text:
// the first one at or after a position is a binary search away.
type index struct {
	at    []int32
	built bool
}

// next returns the first position at or after i where x's pattern
// occurs, or -1. build lists the positions the first time.
func (x *index) next(s *scanner, i int, build func(string) []int32) int {
	if !x.built {
		x.at, x.built = build(s.src), true
		s.work += len(s.src)
	}
	k, _ := slices.BinarySearch(x.at, int32(i))
	if k == len(x.at) {
		return -1
	}
	return int(x.at[k])
}

// occurrences returns a builder for index that lists where pat starts,
// overlapping occurrences included.
func occurrences(pat string) func(string) []int32 {
	return func(src string) []int32 {
		var at []int32
		for j := 0; ; j++ {
			k := strings.Index(src[j:], pat)
			if k < 0 {
				return at
			}
			j += k
			at = append(at, int32(j))
		}
	}
}

// anyOf returns a builder for index that lists where any of the bytes
// of chars stands.
func anyOf(chars string) func(string) []int32 {
	return func(src string) []int32 {
		var at []int32
		for j := 0; ; j++ {
			k := strings.IndexAny(src[j:], chars)
			if k < 0 {
				return at
			}
			j += k
			at = append(at, int32(j))
		}
	}
}

// runs answers, for a position i in a run of a byte c (a maximal
// sequence of c), where the first later run as long as the rest of i's
// run ends (exact), and the first later run at least that long (atLeast),
// as the end + 1 (0: none). A code span that opens with the rest of a
// run of backticks ends with the first run exactly as long; a fence
// ends with the first run at least as long.
type runs struct {
	exact, atLeast []int32
	built          bool
}

// build computes the answers for every position of every run of c in
// one pass from the end of src.
func (r *runs) build(s *scanner, c byte) {
	src := s.src
	r.built = true
	r.exact = make([]int32, len(src))
	r.atLeast = make([]int32, len(src))
	s.work += len(src)
	type run struct{ length, end int32 }
	var (
		later []int32 // later[n]: end + 1 of the nearest later run of length n
		// longer holds the later runs each longer than every one before
		// it, nearest on top: the first at least n long is the
		// topmost with length >= n.
		longer []run
	)
	for j := len(src) - 1; j >= 0; {
		if src[j] != c {
			j--
			continue
		}
		end := j + 1
		for j >= 0 && src[j] == c {
			j--
		}
		start := j + 1
		length := int32(end - start)
		k := len(longer) - 1 // walks down the stack as the rest of the run grows
		for i := end - 1; i >= start; i-- {
			n := int32(end - i) // the rest of the run from i
			if int(n) < len(later) {
				r.exact[i] = later[n]
			}
			for k >= 0 && longer[k].length < n {
				k--
			}
			if k >= 0 {
				r.atLeast[i] = longer[k].end + 1
			}
		}
		for int(length) >= len(later) {
			later = append(later, 0)
		}
		later[length] = int32(end) + 1
		for len(longer) > 0 && longer[len(longer)-1].length <= length {
			longer = longer[:len(longer)-1]
		}
		longer = append(longer, run{length, int32(end)})
	}
}

// pairs maps each opening bracket (open) of a text to the position + 1
// of its closing bracket (close), 0 for one that is not closed. Brackets
// nest. A line break ends every bracket left open when lineEnds is set
// (a link target is one line); otherwise it keeps from closing only the
// bracket that holds it directly, not inside a nested pair (an ICU
// argument may break lines only inside its nested messages).
func pairs(s *scanner, open, close byte, lineEnds bool) []int32 {
	src := s.src
	s.work += len(src)
	out := make([]int32, len(src)) // -1 marks an open bracket that may not close
	var stack []int32
	for j := 0; j < len(src); j++ {
		switch src[j] {
		case open:
			stack = append(stack, int32(j))
		case close:
			if n := len(stack); n > 0 {
				if o := stack[n-1]; out[o] == 0 {
					out[o] = int32(j) + 1
				} else {
					out[o] = 0
				}
				stack = stack[:n-1]
			}
		case '\n':
			if lineEnds {
				for _, o := range stack {
					out[o] = 0
				}
				stack = stack[:0]
			} else if n := len(stack); n > 0 {
				out[stack[n-1]] = -1
			}
		}
	}
	for _, o := range stack {
		out[o] = 0
	}
	return out
}

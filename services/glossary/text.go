package glossary

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// normalized is a text in the form terms are compared in (NFC, optionally
// case-folded, runs of white space collapsed to one space) together with a
// map back to byte offsets of the text as the caller sent it. Offsets and
// protected strings must refer to the caller's text, not to our rewrite of
// it, because the translator receives the caller's text.
type normalized struct {
	s     string
	seg   []int32 // for each byte of s, the segment it came from
	spans []span  // byte range of each segment in the original text
}

type span struct{ start, end int }

// orig maps the normalized byte range [start, end) back to the original text,
// widening to whole normalization segments.
func (n *normalized) orig(start, end int) span {
	return span{n.spans[n.seg[start]].start, n.spans[n.seg[end-1]].end}
}

var asciiLower = func() (t [128][]byte) {
	for i := range t {
		t[i] = []byte{byte(unicode.ToLower(rune(i)))}
	}
	return t
}()

var asciiSame = func() (t [128][]byte) {
	for i := range t {
		t[i] = []byte{byte(i)}
	}
	return t
}()

var oneSpace = []byte{' '}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normalize walks the text one normalization segment at a time (a starter
// and its combining marks), so that every output byte can be traced to the
// input bytes it came from even when folding changes the length ("ß" folds
// to "ss", "İ" to "i̇").
func normalize(text string, fold bool) normalized {
	out := normalized{
		seg:   make([]int32, 0, len(text)),
		spans: make([]span, 0, len(text)),
	}
	b := make([]byte, 0, len(text))
	var (
		it  norm.Iter
		c   cases.Caser
		buf [256]byte
	)
	if fold {
		c = cases.Fold()
	}
	ascii := isASCII(text)
	if !ascii {
		it.InitString(norm.NFC, text)
	}
	for pos := 0; pos < len(text); {
		var seg []byte
		start := pos
		if ascii {
			// ASCII is already in NFC: skip the iterator, one byte per segment.
			seg = asciiSame[text[pos]]
			pos++
		} else {
			seg = it.Next()
			pos = it.Pos()
		}
		end := pos
		if r, size := utf8.DecodeRune(seg); size == len(seg) && unicode.IsSpace(r) {
			if n := len(b); n > 0 && b[n-1] == ' ' {
				out.spans[len(out.spans)-1].end = end
				continue
			}
			seg = oneSpace
		} else if fold {
			seg = foldSegment(&c, seg, buf[:])
		}
		idx := int32(len(out.spans))
		out.spans = append(out.spans, span{start, end})
		b = append(b, seg...)
		for range seg {
			out.seg = append(out.seg, idx)
		}
	}
	out.s = string(b)
	return out
}

// key is the normalized form of a glossary term, trimmed.
func key(term string, fold bool) string {
	return strings.TrimSpace(normalize(term, fold).s)
}

func foldSegment(c *cases.Caser, seg, buf []byte) []byte {
	if len(seg) == 1 && seg[0] < utf8.RuneSelf {
		return asciiLower[seg[0]]
	}
	c.Reset()
	n, _, err := c.Transform(buf, seg, true)
	if err != nil {
		// A segment that folds to more than the buffer holds: rare enough
		// to pay for an allocation.
		return c.Bytes(seg)
	}
	return buf[:n]
}

// isWord reports whether r can be part of a word.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// noSpace reports whether r belongs to a script that writes words without
// spaces between them, where a term can only be found as a substring.
func noSpace(r rune) bool {
	if r < 0x0E00 { // below Thai: no script written without spaces
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai,
		unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan) ||
		r == 'ー' || r == 'ｰ' // the prolonged sound marks are script Common
}

// scripts are the space-separated scripts told apart at a boundary, so that
// "Parley에서" (a Korean particle glued to a Latin name) still has a
// boundary after "Parley".
var scripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Armenian, unicode.Georgian,
	unicode.Arabic, unicode.Hebrew, unicode.Hangul, unicode.Devanagari, unicode.Bengali,
	unicode.Gurmukhi, unicode.Gujarati, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Ethiopic,
}

func sameScript(a, b rune) bool {
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return true
	}
	if !unicode.IsLetter(a) || !unicode.IsLetter(b) {
		return true
	}
	for _, t := range scripts {
		if unicode.Is(t, a) {
			return unicode.Is(t, b)
		}
	}
	return true
}

// needsBoundary reports whether a term edge rune must be separated from its
// neighbour: true for word characters of space-separated scripts.
func needsBoundary(edge rune) bool { return isWord(edge) && !noSpace(edge) }

// separated reports whether there is a word boundary between a term's edge
// rune and the neighbouring rune outside the term.
func separated(edge, neighbour rune) bool {
	return !isWord(neighbour) || noSpace(neighbour) || !sameScript(edge, neighbour)
}

// atBoundaries reports whether s[start:end] is a whole-word occurrence.
// Edges in scripts without spaces need no boundary, and neither does the
// end of a Hangul term: Korean glues particles to nouns ("스레드에서").
func atBoundaries(s string, start, end int) bool {
	first, _ := utf8.DecodeRuneInString(s[start:end])
	last, _ := utf8.DecodeLastRuneInString(s[start:end])
	if start > 0 && needsBoundary(first) {
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		if !separated(first, prev) {
			return false
		}
	}
	if end < len(s) && needsBoundary(last) && !unicode.Is(unicode.Hangul, last) {
		next, _ := utf8.DecodeRuneInString(s[end:])
		if !separated(last, next) {
			return false
		}
	}
	return true
}

// index finds terms in normalized text: terms are bucketed by first rune and
// tried longest first, so a scan costs at most one lookup per word start
// (per rune in scripts without spaces).
type index struct {
	ascii   [utf8.RuneSelf][]indexed
	buckets map[rune][]indexed
	n       int
}

type indexed struct {
	key string
	ref int
}

func newIndex() *index { return &index{buckets: make(map[rune][]indexed)} }

func (ix *index) add(key string, ref int) {
	if key == "" {
		return
	}
	ix.n++
	r, _ := utf8.DecodeRuneInString(key)
	if r < utf8.RuneSelf {
		ix.ascii[r] = append(ix.ascii[r], indexed{key, ref})
		return
	}
	ix.buckets[r] = append(ix.buckets[r], indexed{key, ref})
}

func (ix *index) bucket(r rune) []indexed {
	if r < utf8.RuneSelf {
		return ix.ascii[r]
	}
	return ix.buckets[r]
}

// freeze orders every bucket longest key first (then by ref, for stable
// results), which scan relies on.
func (ix *index) freeze() {
	order := func(x, y indexed) int {
		if c := cmp.Compare(len(y.key), len(x.key)); c != 0 {
			return c
		}
		return cmp.Compare(x.ref, y.ref)
	}
	for _, b := range ix.ascii {
		slices.SortStableFunc(b, order)
	}
	for _, b := range ix.buckets {
		slices.SortStableFunc(b, order)
	}
}

func (ix *index) empty() bool { return ix.n == 0 }

// scan calls emit for the longest acceptable whole-word term starting at
// each position of s.
func (ix *index) scan(s string, accept func(ref int) bool, emit func(start, end, ref int)) {
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		// Inside a word no whole-word term can start: skip the lookup.
		if prev >= 0 && needsBoundary(r) && !separated(r, prev) {
			prev = r
			i += size
			continue
		}
		prev = r
		for _, t := range ix.bucket(r) {
			end := i + len(t.key)
			if strings.HasPrefix(s[i:], t.key) && atBoundaries(s, i, end) && (accept == nil || accept(t.ref)) {
				emit(i, end, t.ref)
				break
			}
		}
		i += size
	}
}

// count returns how many whole-word occurrences of k s holds.
func count(s, k string) int {
	if k == "" {
		return 0
	}
	n := 0
	for i := 0; i <= len(s)-len(k); {
		j := strings.Index(s[i:], k)
		if j < 0 {
			break
		}
		if atBoundaries(s, i+j, i+j+len(k)) {
			n++
			i += j + len(k)
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i+j:])
		i += j + size
	}
	return n
}

// hit is a candidate match in original-text coordinates.
type hit struct {
	span
	ref  int
	rank int // tie-break between equal spans: lower wins
}

// resolve keeps the longest hits and drops any hit that overlaps one already
// kept, then returns the survivors in text order.
func resolve(hits []hit) []hit {
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.end-b.start, a.end-a.start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.rank, b.rank)
	})
	kept := hits[:0:0]
	for _, h := range hits {
		i, _ := slices.BinarySearchFunc(kept, h.start, func(k hit, start int) int { return cmp.Compare(k.start, start) })
		if i > 0 && kept[i-1].end > h.start {
			continue
		}
		if i < len(kept) && kept[i].start < h.end {
			continue
		}
		kept = slices.Insert(kept, i, h)
	}
	return kept
}

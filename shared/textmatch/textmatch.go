// Package textmatch holds the Unicode text-matching primitives that the
// glossary and safety services share: a map from a normalized text back to
// byte offsets of the text the caller sent, case folding one normalization
// segment at a time, word boundaries that work across scripts (with and
// without spaces between words), and resolution of overlapping matches.
//
// What each service normalizes (NFC or NFKC, confusables, leetspeak) and how
// it indexes its terms stays in the service; this package only provides the
// pieces whose behaviour must not drift between them.
package textmatch

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// Span is the byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Offsets maps every byte of a rewritten (normalized) text to the segment
// of the original text it came from. Matches are found in the rewrite but
// reported in the caller's text, which is what the caller sees and sends
// on; segments make that possible even where normalization changes the
// length ("ß" folds to "ss", fullwidth "ｆ" becomes "f").
//
// The zero value maps nothing; NewOffsets sizes the maps for a text.
type Offsets struct {
	seg   []int32 // for each byte of the rewrite, the segment it came from
	spans []Span  // byte range of each segment in the original text
}

// NewOffsets returns empty Offsets with room for a text of n bytes, the
// usual size of its rewrite.
func NewOffsets(n int) Offsets {
	return Offsets{seg: make([]int32, 0, n), spans: make([]Span, 0, n)}
}

// Append appends seg, the rewrite of the original bytes orig, to b and
// records where it came from. It returns the extended b.
func (o *Offsets) Append(b, seg []byte, orig Span) []byte {
	idx := int32(len(o.spans))
	o.spans = append(o.spans, orig)
	for range seg {
		o.seg = append(o.seg, idx)
	}
	return append(b, seg...)
}

// AppendSpace appends one space for the white space at orig, or, when b
// already ends in a space, widens that space's segment to cover orig, so
// that runs of white space collapse to one space.
func (o *Offsets) AppendSpace(b []byte, orig Span) []byte {
	if k := len(b); k > 0 && b[k-1] == ' ' {
		o.spans[len(o.spans)-1].End = orig.End
		return b
	}
	return o.Append(b, oneSpace, orig)
}

// Len is the number of rewritten bytes mapped.
func (o *Offsets) Len() int { return len(o.seg) }

// Orig maps the rewritten byte range [start, end) (end > start) back to the
// original text, widened to whole segments.
func (o *Offsets) Orig(start, end int) Span {
	return Span{o.spans[o.seg[start]].Start, o.spans[o.seg[end-1]].End}
}

var oneSpace = []byte{' '}

var asciiLower = func() (t [utf8.RuneSelf][]byte) {
	for i := range t {
		t[i] = []byte{byte(unicode.ToLower(rune(i)))}
	}
	return t
}()

// IsASCII reports whether s is all ASCII, which callers use to skip the
// normalization iterator: ASCII is already in NFC and NFKC.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// LowerASCII returns the lower case of the ASCII byte c as a one-byte
// slice shared by all callers (do not modify it). It panics when c is not
// ASCII.
func LowerASCII(c byte) []byte { return asciiLower[c] }

// Fold case-folds one normalization segment with c (a cases.Fold caser)
// into buf. Single ASCII bytes take a table lookup instead of the caser.
func Fold(c *cases.Caser, seg, buf []byte) []byte {
	if len(seg) == 1 && seg[0] < utf8.RuneSelf {
		return asciiLower[seg[0]]
	}
	return Transform(c, seg, buf)
}

// Transform runs c over one segment into buf, or into a new slice when the
// result does not fit in buf (rare enough to pay for an allocation).
func Transform(c *cases.Caser, seg, buf []byte) []byte {
	c.Reset()
	n, _, err := c.Transform(buf, seg, true)
	if err != nil {
		return c.Bytes(seg)
	}
	return buf[:n]
}

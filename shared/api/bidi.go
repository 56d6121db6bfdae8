package api

// CheckBidi applies ValidateText's rule for the explicit bidirectional
// formatting characters (Unicode UAX #9), which change the order in which
// a text is displayed without changing the order in which it is stored:
//
//   - the embeddings and overrides U+202A-U+202E (LRE, RLE, PDF, LRO, RLO)
//     are refused everywhere. An override displays "toidi gnikcuf" as
//     "fucking idiot", so a reader sees what no word list, translator or
//     moderator reading the stored text saw, and an unclosed one reorders
//     everything shown after the text in the reader's page.
//   - the isolates U+2066-U+2068 (LRI, RLI, FSI) are allowed when balanced:
//     each is closed by a U+2069 (PDI) on its own line, and every PDI
//     closes one. Right-to-left chat uses them to keep a Latin name or
//     number in its place; an isolate never reverses the letters of a
//     word, and a balanced one cannot reach outside the text.
//
// The marks U+200E and U+200F (LRM, RLM), which Arabic, Hebrew and Persian
// chat uses, and U+061C (ALM) are not controls of this kind and are allowed.
//
// The error is CodeInvalidArgument on field, naming the character and its
// position (in characters, from 1).
func CheckBidi(field, text string) error {
	if !hasBidiControl(text) {
		return nil
	}
	// open holds the positions of the isolates open on the current line,
	// innermost last.
	var open []bidiOpen
	n := 0
	for _, r := range text {
		n++
		switch {
		case r >= 0x202A && r <= 0x202E:
			return FieldError(CodeInvalidArgument, field,
				"text holds the bidi control U+%04X (%s) at character %d: embeddings and overrides (U+202A-U+202E) change the order readers see a text in and are not allowed; use the marks U+200E, U+200F or balanced isolates (U+2066-U+2069)",
				r, bidiNames[r], n)
		case r >= 0x2066 && r <= 0x2068:
			open = append(open, bidiOpen{r, n})
		case r == 0x2069:
			if len(open) == 0 {
				return FieldError(CodeInvalidArgument, field,
					"text holds U+2069 (pop directional isolate) at character %d with no isolate open: each U+2069 closes an isolate (U+2066-U+2068) opened before it on its line", n)
			}
			open = open[:len(open)-1]
		case paragraphEnd(r):
			if len(open) > 0 {
				return unclosed(field, open[len(open)-1])
			}
		}
	}
	if len(open) > 0 {
		return unclosed(field, open[len(open)-1])
	}
	return nil
}

type bidiOpen struct {
	r  rune
	at int
}

func unclosed(field string, o bidiOpen) error {
	return FieldError(CodeInvalidArgument, field,
		"text opens the isolate U+%04X (%s) at character %d and does not close it (U+2069) on its line: an unclosed isolate reorders what is shown after the text",
		o.r, bidiNames[o.r], o.at)
}

// paragraphEnd reports a paragraph separator (bidi class B), where UAX #9
// ends every embedding, override and isolate.
func paragraphEnd(r rune) bool {
	switch r {
	case '\n', '\r', 0x1C, 0x1D, 0x1E, 0x85, 0x2029:
		return true
	}
	return false
}

var bidiNames = map[rune]string{
	0x202A: "left-to-right embedding",
	0x202B: "right-to-left embedding",
	0x202C: "pop directional formatting",
	0x202D: "left-to-right override",
	0x202E: "right-to-left override",
	0x2066: "left-to-right isolate",
	0x2067: "right-to-left isolate",
	0x2068: "first strong isolate",
}

// hasBidiControl reports whether s may hold a character CheckBidi looks
// at, so that most texts skip the scan: all of them encode to three bytes
// starting 0xE2 0x80 or 0xE2 0x81.
func hasBidiControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0xE2 && i+1 < len(s) && (s[i+1] == 0x80 || s[i+1] == 0x81) {
			return true
		}
	}
	return false
}

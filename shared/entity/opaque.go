package entity

// Span is the byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Opaque returns, in order, the byte ranges of text that a term matcher
// must not read: what Scan protects (without glossary terms) apart from
// emoji and emphasis delimiters. That is mentions, channels and hashtags,
// URLs, e-mail addresses, code, HTML tags, HTML elements kept whole and
// escaping character references, placeholders, custom emoji and the
// brackets and targets of links. The translator keeps these byte for
// byte, so a word inside them (the "meeting" of https://x.io/meeting or
// @meeting) is no glossary term to enforce or repair. Emoji and emphasis
// delimiters hold no words; leaving them out lets most messages skip the
// scan (see mayHoldOpaque). Adjacent ranges are merged.
func Opaque(text string) []Span {
	if !mayHoldOpaque(text) {
		return nil
	}
	return scanOpaque(text)
}

// scanOpaque is Opaque without the shortcut.
func scanOpaque(text string) []Span {
	var out []Span
	pos := 0
	for _, t := range Scan(text, nil) {
		end := pos + len(t.Text)
		if t.Role != Text && t.Kind != Emoji && t.Kind != Emphasis {
			if n := len(out); n > 0 && out[n-1].End == pos {
				out[n-1].End = end
			} else {
				out = append(out, Span{pos, end})
			}
		}
		pos = end
	}
	return out
}

// opaqueStart marks the bytes without which no opaque token can occur:
// code needs '`' or '~', chat references and HTML '<', HTML escapes '&',
// links '[', placeholders '{' or '%', mentions and e-mail addresses '@',
// channels '#', custom emoji and scheme URLs ':'. Only "www." URLs need
// none of them. Keep it in step with scanner.match (TestOpaqueShortcut
// checks it).
var opaqueStart = func() (t [256]bool) {
	for _, c := range []byte("`~<[{%@#:&") {
		t[c] = true
	}
	return t
}()

// mayHoldOpaque is a cheap test (one pass over the bytes) that is false
// only when Opaque would find nothing: chat messages mostly carry no
// entity, and the glossary runs Opaque on every source and translation.
func mayHoldOpaque(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if opaqueStart[c] {
			return true
		}
		// "www." in any case ('W'|0x20 == 'w').
		if c|0x20 == 'w' && i+3 < len(s) && s[i+1]|0x20 == 'w' && s[i+2]|0x20 == 'w' && s[i+3] == '.' {
			return true
		}
	}
	return false
}

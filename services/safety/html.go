package safety

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/parley-chat/parley/shared/api"
)

// In HTML mode (api.SafetyRequest.Format) the sides are HTML that a
// client renders, so the checks read what a reader sees: tags removed and
// character references decoded. Otherwise "<b>fu</b>ck", "&#102;uck" or
// "n&#105;gger" pass the word lists as markup. A tag inside a word joins
// its halves, as the browser shows them; a block tag (<p>, <br>, <li>
// ...) separates words. Spans are mapped back to the markup as sent, and
// masking replaces the visible characters only, so the markup stays whole.

// htmlView is the reader-visible text of some HTML with, for each of its
// bytes, the range of the markup it came from.
type htmlView struct {
	text       string
	start, end []int
}

// blockTags separate the words on either side of them.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "dd": true,
	"div": true, "dl": true, "dt": true, "figcaption": true, "figure": true, "footer": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true,
	"hr": true, "li": true, "main": true, "nav": true, "ol": true, "option": true, "p": true,
	"pre": true, "section": true, "table": true, "td": true, "th": true, "title": true,
	"tr": true, "ul": true,
}

// hiddenTags hide their content.
var hiddenTags = map[string]bool{"script": true, "style": true, "template": true}

// visibleHTML extracts the visible text of s.
func visibleHTML(s string) *htmlView {
	// The visible text is at most about as long as the markup.
	v := &htmlView{start: make([]int, 0, len(s)), end: make([]int, 0, len(s))}
	var b strings.Builder
	b.Grow(len(s))
	emit := func(text string, from, to int) {
		b.WriteString(text)
		for range len(text) {
			v.start = append(v.start, from)
			v.end = append(v.end, to)
		}
	}
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if end, name, closing, ok := tagAt(s, i); ok {
				if !closing && hiddenTags[name] {
					end = hiddenEnd(s, end, name)
				}
				if blockTags[name] {
					emit(" ", i, end)
				}
				i = end
				continue
			}
		case '&':
			if j := refEnd(s, i); j > i+1 {
				if dec := html.UnescapeString(s[i:j]); dec != s[i:j] {
					emit(dec, i, j)
					i = j
					continue
				}
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		emit(s[i:i+size], i, i+size)
		i += size
	}
	v.text = b.String()
	return v
}

// tagAt reads a tag, comment or declaration starting at s[i] == '<': its
// end, its lower-case name and whether it closes. A "<" not followed by a
// letter, "/", "!" or "?" is text ("a < b").
func tagAt(s string, i int) (end int, name string, closing, ok bool) {
	j := i + 1
	if j >= len(s) {
		return 0, "", false, false
	}
	switch c := s[j]; {
	case strings.HasPrefix(s[j:], "!--"):
		k := strings.Index(s[j+3:], "-->")
		if k < 0 {
			return len(s), "", false, true
		}
		return j + 3 + k + 3, "", false, true
	case c == '/':
		closing = true
		j++
	case c == '!' || c == '?':
	case 'a' <= c|0x20 && c|0x20 <= 'z':
	default:
		return 0, "", false, false
	}
	k := j
	for k < len(s) && (isASCIILetter(s[k]) || '0' <= s[k] && s[k] <= '9') {
		k++
	}
	name = strings.ToLower(s[j:k])
	var quote byte
	for ; k < len(s); k++ {
		switch c := s[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k + 1, name, closing, true
		}
	}
	return 0, "", false, false
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// hiddenEnd is the end of the closing tag of a hidden element whose
// opening tag ends at from, or the end of s.
func hiddenEnd(s string, from int, name string) int {
	lower := strings.ToLower(s[from:])
	k := strings.Index(lower, "</"+name)
	if k < 0 {
		return len(s)
	}
	if end, _, _, ok := tagAt(s, from+k); ok {
		return end
	}
	return len(s)
}

// refEnd is the end of a character reference at s[i] == '&' ("&amp;",
// "&#102;", "&#x66;", and the legacy ones without ";"), or i.
func refEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		if j < len(s) && s[j]|0x20 == 'x' {
			j++
		}
	}
	k := j
	for k < len(s) && k-j < 32 && (isASCIILetter(s[k]) || '0' <= s[k] && s[k] <= '9') {
		k++
	}
	if k == j {
		return i
	}
	if k < len(s) && s[k] == ';' {
		k++
	}
	return k
}

// remap moves a verdict's spans from the visible text to the markup.
func (v *htmlView) remap(verdict *api.Verdict, markup string) {
	for i := range verdict.Spans {
		sp := &verdict.Spans[i]
		if sp.End <= sp.Start || sp.End > len(v.start) {
			continue
		}
		sp.Start, sp.End = v.start[sp.Start], v.end[sp.End-1]
		sp.Text = markup[sp.Start:sp.End]
	}
}

// maskMarkup carries masking from the visible text to the markup: masked
// is the visible text masked (one mask character for each masked
// grapheme, see mask), and each grapheme that changed has the markup it
// came from (a character or a reference) replaced by maskChar. Tags are
// kept.
func (v *htmlView) maskMarkup(markup, masked, maskChar string) string {
	var b strings.Builder
	g, m := uniseg.NewGraphemes(v.text), uniseg.NewGraphemes(masked)
	at := 0 // markup written up to here
	for g.Next() && m.Next() {
		if g.Str() == m.Str() {
			continue
		}
		start, end := g.Positions()
		from, to := v.start[start], v.end[end-1]
		if from < at {
			continue
		}
		b.WriteString(markup[at:from])
		b.WriteString(maskChar)
		at = to
	}
	b.WriteString(markup[at:])
	return b.String()
}

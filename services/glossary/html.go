package glossary

import (
	"html"
	"strings"

	"github.com/parley-chat/parley/shared/entity"
	"github.com/parley-chat/parley/shared/textmatch"
)

// In HTML mode (api.FormatHTML) a text is markup its client renders, and
// what its reader sees as "AT&T" or "<3" is written "AT&amp;T" and
// "&lt;3": the translate chain escapes every raw '&' and '<' before the
// rungs see them (entity.EscapeStray), so a translation has the escapes
// even where the source had a raw character. Glossary terms are text as a
// reader sees it, so prepare and verify read an HTML text decoded: a
// markup escape stands for its character (both spellings of "AT&T" match
// the term), while tags, comments and the elements kept whole are blanked
// like chat entities, read as a browser reads them (entity.ScanHTML), so
// that no term is found, counted or repaired inside a tag or an attribute.

// maskHTML is maskEntities for an HTML text: its entities blanked out
// with NULs, and each markup escape (&amp;, &lt;, &gt;, &quot;, &apos;
// and their numeric forms: entity.HTMLEscape) replaced by the character
// it stands for. back maps each byte of the result to the bytes of text
// it came from (a decoded character to its whole escape); it is nil when
// the result is as long as text, byte for byte (nothing was decoded).
// References to letters and spaces (&eacute;, &nbsp;) stay as written:
// the translator treats them as prose too.
func maskHTML(text string) (masked string, back []textmatch.Span) {
	return readHTMLText(text, true)
}

// decodeHTML returns an HTML term (a match's source, as the text had it)
// with its markup escapes decoded as maskHTML decodes them, for comparing
// with a text that maskHTML read.
func decodeHTML(term string) string {
	s, _ := readHTMLText(term, false)
	return s
}

// readHTMLText decodes the markup escapes of text and, with mask, blanks
// out its other entities (see maskHTML).
func readHTMLText(text string, mask bool) (string, []textmatch.Span) {
	if !strings.ContainsAny(text, "<&") {
		// No tag, comment or escape: the chat entities are the same.
		if mask {
			return maskEntities(text), nil
		}
		return text, nil
	}
	toks := entity.ScanHTML(text, nil)
	decoded := false
	for _, t := range toks {
		if t.Kind == entity.HTMLEscape {
			decoded = true
			break
		}
	}
	b := make([]byte, 0, len(text))
	var back []textmatch.Span
	if decoded {
		back = make([]textmatch.Span, 0, len(text))
	}
	pos := 0
	for _, t := range toks {
		end := pos + len(t.Text)
		switch {
		case t.Kind == entity.HTMLEscape:
			c := html.UnescapeString(t.Text)
			b = append(b, c...)
			for range len(c) {
				back = append(back, textmatch.Span{Start: pos, End: end})
			}
		case mask && t.Role != entity.Text && t.Kind != entity.Emoji && t.Kind != entity.Emphasis:
			// What entity.Opaque blanks out in chat text.
			for range len(t.Text) {
				b = append(b, 0)
			}
			back = appendSame(back, decoded, pos, end)
		default:
			b = append(b, t.Text...)
			back = appendSame(back, decoded, pos, end)
		}
		pos = end
	}
	return string(b), back
}

// appendSame maps the bytes [start, end) to themselves, when a map is
// kept.
func appendSame(back []textmatch.Span, keep bool, start, end int) []textmatch.Span {
	if !keep {
		return back
	}
	for i := start; i < end; i++ {
		back = append(back, textmatch.Span{Start: i, End: i + 1})
	}
	return back
}

package entity

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// HTML that reaches a translator as a message (the LibreTranslate and
// DeepL APIs' HTML mode, or a chat message with tags in it) holds more
// than tags around prose:
//
//   - elements whose content is no prose at all: script and style
//     (raw text: nothing inside is markup), textarea, and code (code,
//     pre, kbd, samp). A translator that reads them rewrites programs
//     ("var message" becomes "var missatge");
//   - elements the author marked untranslatable, translate="no" (HTML's
//     attribute) or class="notranslate" (the convention of Google's and
//     DeepL's HTML handling);
//   - character references that escape markup (&lt;b&gt;): a translator
//     that decodes them turns text into live tags.
//
// Scan keeps the first two whole, tags and content, as one HTMLElement
// atom, and the escapes as HTMLEscape atoms, like any entity.
//
// A message in HTML mode is rendered by its client, and there patterns
// are not enough: one that ignores quoting ends <span title="Home >
// Docs"> at the first '>' and hands the rest of the tag to the
// translator as prose it may rewrite (title="Home > Documentos"
// onmouseover="..."), and one that wants a space after a tag's name
// misses <svg/onload=...>, which a browser runs. ScanHTML, EscapeStray
// and CompareMarkup therefore read HTML as a browser does, with the
// tokenizer of golang.org/x/net/html (readHTML).

// rawTextElements hold raw text: the first closing tag of the same name
// ends them, whatever comes before it.
var rawTextElements = map[string]bool{"script": true, "style": true, "textarea": true}

// codeElements hold code, which no translator should rewrite.
var codeElements = map[string]bool{"code": true, "pre": true, "kbd": true, "samp": true}

var (
	// translateNo matches translate="no" (any quoting, any case) in a tag.
	translateNo = regexp.MustCompile(`(?i)\stranslate\s*=\s*(?:"\s*no\s*"|'\s*no\s*'|no(?:[\s/>]|$))`)
	// classAttr matches a class attribute and captures its value.
	classAttr = regexp.MustCompile("(?i)\\sclass\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'<>=`]+))")
	// charRef matches a character reference: named (&amp;), decimal
	// (&#38;) or hexadecimal (&#x26;), with its semicolon.
	charRef = regexp.MustCompile(`^&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8});`)
)

// maxCharRef is the length of the longest character reference charRef
// matches: '&', 32 letters and digits, ';'.
const maxCharRef = 34

// charRefLen returns the length of the character reference at the start
// of s, or 0. The pattern is given no more than a reference may take:
// given the whole rest of a text, it costs time in proportion to that
// (Go's backtracking matcher clears a table as long as its input), and a
// line of '&' costs time quadratic in its length.
func charRefLen(s string) int {
	if loc := charRef.FindStringIndex(s[:min(len(s), maxCharRef)]); loc != nil {
		return loc[1]
	}
	return 0
}

// comment returns the length of the HTML comment at i, or 0: "<!--" and
// the first "-->" after it.
func (s *scanner) comment(i int) int {
	if !strings.HasPrefix(s.src[i:], "<!--") {
		return 0
	}
	end := s.commentEnds.next(s, i+4, occurrences("-->"))
	if end < 0 {
		return 0
	}
	return end + 3 - i
}

// untranslatable reports whether an opening tag marks its element as not
// to be translated: translate="no", or notranslate among its classes.
func untranslatable(tag string) bool {
	if !strings.Contains(strings.ToLower(tag), "translate") {
		return false
	}
	if translateNo.MatchString(tag) {
		return true
	}
	for _, m := range classAttr.FindAllStringSubmatch(tag, -1) {
		for _, c := range strings.Fields(m[1] + " " + m[2] + " " + m[3]) {
			if strings.EqualFold(c, "notranslate") {
				return true
			}
		}
	}
	return false
}

// keptElement returns the length of the element whose opening tag is
// src[i:i+n] when it is kept whole (raw text, code, untranslatable) and
// closed; otherwise 0, and the tag is an HTMLTag like any other.
func (s *scanner) keptElement(i, n int) int {
	tag := s.src[i : i+n]
	name, closing, selfClosing := tagName(tag)
	if closing || selfClosing || voidElements[name] {
		return 0
	}
	if !rawTextElements[name] && !codeElements[name] && !untranslatable(tag) {
		return 0
	}
	if s.elementEnds == nil {
		s.elementEnds = elementEnds(s)
	}
	if end := s.elementEnds[i]; end > 0 {
		return end - i
	}
	return 0
}

// elementEnds pairs the opening and closing tags of src, element by
// element name (a closing tag closes the innermost open element of its
// name), and maps each paired opening tag's start to the end of its
// closing tag. Raw-text elements end at their first closing tag, and
// nothing inside them or inside a comment is markup. One pass: a text of
// unclosed tags costs no more than one of closed ones.
func elementEnds(s *scanner) map[int]int {
	src := s.src
	ends := map[int]int{}
	open := map[string][]int{}
	var noClose map[string]bool // raw-text elements with no closing tag left
	for i := 0; i < len(src); {
		k := strings.IndexByte(src[i:], '<')
		if k < 0 {
			break
		}
		i += k
		rest := src[i:]
		if strings.HasPrefix(rest, "<!--") {
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				break // the rest is an unclosed comment
			}
			i += 4 + end + 3
			continue
		}
		n := s.tagLen(i)
		if n == 0 {
			i++
			continue
		}
		name, closing, selfClosing := tagName(rest[:n])
		switch {
		case closing:
			if st := open[name]; len(st) > 0 {
				ends[st[len(st)-1]] = i + n
				open[name] = st[:len(st)-1]
			}
		case selfClosing || voidElements[name]:
		case rawTextElements[name]:
			if noClose[name] {
				break
			}
			end := closingTag(s, i+n, name)
			if end < 0 {
				// No closing tag after this one means none after any
				// later opener either.
				if noClose == nil {
					noClose = map[string]bool{}
				}
				noClose[name] = true
				break
			}
			ends[i] = end
			i = end
			continue
		default:
			open[name] = append(open[name], i)
		}
		i += n
	}
	return ends
}

// closingTag finds the first closing tag of name (any case) at or after
// from and returns its end, or -1.
func closingTag(s *scanner, from int, name string) int {
	src := s.src
	for j := from; j < len(src); {
		k := strings.Index(src[j:], "</")
		if k < 0 {
			return -1
		}
		j += k
		rest := src[j:]
		if len(rest) > 2+len(name) && strings.EqualFold(rest[2:2+len(name)], name) {
			if n := s.tagLen(j); n > 0 {
				if tn, _, _ := tagName(rest[:n]); tn == name {
					return j + n
				}
			}
		}
		j += 2
	}
	return -1
}

// tagLen returns the length of the HTML tag at i in chat mode, or 0: '<',
// an optional '/', a name of ASCII letters, digits and '-' that starts
// with a letter, and then '>', "/>", or white space and attributes up to
// the first '>' outside quoted values; a '<' outside them, or a quote
// that is not closed, means no tag. (A browser reads tags in HTML mode,
// readHTML.)
func (s *scanner) tagLen(i int) int {
	src := s.src
	j := i + 1
	if j < len(src) && src[j] == '/' {
		j++
	}
	if j == len(src) || !isASCIILetter(src[j]) {
		return 0
	}
	for j < len(src) && (isASCIILetter(src[j]) || src[j] >= '0' && src[j] <= '9' || src[j] == '-') {
		j++
	}
	switch {
	case j == len(src):
		return 0
	case src[j] == '>':
		return j + 1 - i
	case strings.HasPrefix(src[j:], "/>"):
		return j + 2 - i
	case strings.IndexByte("\t\n\f\r ", src[j]) < 0:
		return 0
	}
	if end := s.attributesEnd(j); end > 0 {
		return end - i
	}
	return 0
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// attributesEnd returns the end of a tag whose attributes start at j, or
// 0. The attributes of tags that start inside the quoted values of
// another one run on to the same places as its own ("<a title='<b
// x=\"…\"…'"): where a reading after a closing quote ends is remembered,
// so that each quoted value is crossed once for all the tags that hold
// it, and each tag costs a few lookups in the indexes of '<', '>' and
// quotes.
func (s *scanner) attributesEnd(j int) int {
	if s.attrEnds == nil {
		s.attrEnds = make([]int32, len(s.src)+1)
	}
	base := len(s.path)
	end := int32(-1)
	for {
		if e := s.attrEnds[j]; e != 0 {
			end = e
			break
		}
		s.work++
		s.path = append(s.path, int32(j))
		k := s.tagStops.next(s, j, anyOf("<>\"'"))
		if k < 0 || s.src[k] == '<' {
			break
		}
		if s.src[k] == '>' {
			end = int32(k) + 1
			break
		}
		quotes := &s.dquotes
		if s.src[k] == '\'' {
			quotes = &s.squotes
		}
		q := quotes.next(s, k+1, occurrences(s.src[k:k+1]))
		if q < 0 {
			break
		}
		j = q + 1
	}
	for _, p := range s.path[base:] {
		s.attrEnds[p] = end
	}
	s.path = s.path[:base]
	return max(int(end), 0)
}

// htmlEscape returns the length of the character reference at the start
// of rest when it escapes a character that is markup in HTML (< > & " '),
// or 0. Other references (&eacute;, &nbsp;) stand for letters and spaces
// and stay with the prose.
func htmlEscape(rest string) int {
	n := charRefLen(rest)
	if n == 0 {
		return 0
	}
	if c := refChar(rest[1 : n-1]); c != 0 && strings.ContainsRune(`<>&"'`, c) {
		return n
	}
	return 0
}

// refChar decodes the body of a character reference (between '&' and
// ';') when it is numeric or one of the markup escapes; 0 otherwise.
func refChar(body string) rune {
	if strings.HasPrefix(body, "#") {
		base, digits := 10, body[1:]
		if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
			base, digits = 16, digits[1:]
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil {
			return 0
		}
		return rune(n)
	}
	switch strings.ToLower(body) {
	case "lt":
		return '<'
	case "gt":
		return '>'
	case "amp":
		return '&'
	case "quot":
		return '"'
	case "apos":
		return '\''
	}
	return 0
}

// htmlRawText are the elements whose content a browser reads as raw
// text, in which nothing is markup (a textarea's references are decoded,
// its tags are not), up to their end tag or the end of the text
// (plaintext has none). ScanHTML keeps them whole, unclosed ones to the
// end of the text: what follows the start tag is the element's content,
// which no translator may write. title's content is RCDATA too, but it
// is prose, and is translated.
var htmlRawText = map[string]bool{
	"script": true, "style": true, "textarea": true, "xmp": true, "iframe": true,
	"noembed": true, "noframes": true, "noscript": true, "plaintext": true,
}

// pieceKind is what a piece of an HTML text is to a browser.
type pieceKind uint8

const (
	// pieceText is text, a title's content included: a '<' or '&' in
	// it that starts nothing is a character.
	pieceText pieceKind = iota
	// pieceMarkup is a tag, a comment, a doctype or a bogus comment
	// (<?x>, <!x>, </3>, </>).
	pieceMarkup
	// pieceElement is a raw-text element (htmlRawText), from its start
	// tag to its end tag or the end of the text.
	pieceElement
	// pieceTail is a tag the text ends inside of: a browser drops it,
	// and a page the text is pasted into closes it with its own markup.
	pieceTail
)

// piece is one token of an HTML text, as a browser reads it.
type piece struct {
	start, end int
	kind       pieceKind
	// name is the element name (lower case) of tags and elements; ""
	// for comments and doctypes.
	name                 string
	closing, selfClosing bool
	// keep marks a start tag with translate="no" or the class
	// notranslate.
	keep bool
	// open marks an element whose end tag has not been read yet.
	open bool
}

// readHTML splits text into pieces as a browser's tokenizer does: tags
// with their attributes whatever the quotes hold, comments as the HTML
// standard ends them, raw-text elements whole, and an unclosed tag at
// the end as a tail. The pieces cover text, in order. It makes one pass
// over text.
func readHTML(text string) []piece {
	z := html.NewTokenizer(strings.NewReader(text))
	var ps []piece
	pos := 0
	for {
		tt := z.Next()
		last := len(ps) - 1
		inElement := last >= 0 && ps[last].kind == pieceElement && ps[last].open
		if tt == html.ErrorToken {
			// The end of the text; anything unread is a tag the text
			// ends inside of ("<b title='x", or "</script" after a
			// script's content, which is still the script's).
			if pos < len(text) {
				if inElement {
					ps[last].end = len(text)
				} else {
					ps = append(ps, piece{start: pos, end: len(text), kind: pieceTail})
				}
			}
			return ps
		}
		// The length first: TagName and TagAttr rewrite the tokenizer's
		// buffer in place (the raw text itself is read from text).
		p := piece{start: pos, end: pos + len(z.Raw())}
		pos = p.end
		switch tt {
		case html.TextToken:
			if inElement {
				ps[last].end = p.end
				continue
			}
			p.kind = pieceText
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			p.kind, p.name, p.selfClosing = pieceMarkup, string(name), tt == html.SelfClosingTagToken
			switch {
			case htmlRawText[p.name]:
				// <script/> starts a script too: the solidus means
				// nothing on an element that is not void.
				p.kind, p.open = pieceElement, true
			case hasAttr:
				p.keep = keepAttrs(z)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if inElement && string(name) == ps[last].name {
				ps[last].end, ps[last].open = p.end, false
				continue
			}
			p.kind, p.name, p.closing = pieceMarkup, string(name), true
		default: // comments, doctypes, bogus comments
			p.kind = pieceMarkup
		}
		ps = append(ps, p)
	}
}

// keepAttrs reports whether the attributes of the start tag z is at mark
// its element untranslatable: translate="no", or notranslate among its
// classes. A browser reads the first of repeated attributes; so does z.
func keepAttrs(z *html.Tokenizer) bool {
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "translate":
			if strings.EqualFold(strings.TrimSpace(string(v)), "no") {
				return true
			}
		case "class":
			for _, c := range strings.Fields(string(v)) {
				if strings.EqualFold(c, "notranslate") {
					return true
				}
			}
		}
	}
	return false
}

// markupPieces are the pieces of text that are not text (ScanHTML's
// atoms), or nil when text cannot hold any.
func markupPieces(text string) []piece {
	if strings.IndexByte(text, '<') < 0 {
		return nil
	}
	ps := readHTML(text)
	out := ps[:0]
	for _, p := range ps {
		if p.kind == pieceMarkup || p.kind == pieceElement {
			out = append(out, p)
		}
	}
	return out
}

// pieceAt returns the markup piece that starts at i, if any.
func (s *scanner) pieceAt(i int) (piece, bool) {
	k, ok := slices.BinarySearchFunc(s.markup, i, func(p piece, i int) int { return p.start - i })
	if !ok {
		return piece{}, false
	}
	return s.markup[k], true
}

// splitsMarkup reports whether end falls inside a markup piece. In HTML
// mode no token may end there: a placeholder or code span that took the
// first half of a tag ("{a, b <i title="}">") would leave the rest of
// the tag to the translator as prose.
func (s *scanner) splitsMarkup(end int) bool {
	k, _ := slices.BinarySearchFunc(s.markup, end, func(p piece, end int) int { return p.start - end })
	// s.markup[k-1] is the last piece that starts before end.
	return k > 0 && s.markup[k-1].end > end
}

// keptPiece returns the end of the element that the markup piece p
// starts when ScanHTML keeps it whole (raw text, code, untranslatable;
// closed, or raw text to the end of the text), otherwise 0.
func (s *scanner) keptPiece(p piece) int {
	switch {
	case p.kind == pieceElement:
		return p.end
	case p.closing || p.selfClosing || p.name == "" || voidElements[p.name]:
		return 0
	case !codeElements[p.name] && !p.keep:
		return 0
	}
	if s.elementEnds == nil {
		s.elementEnds = pieceEnds(s.markup)
	}
	return s.elementEnds[p.start]
}

// pieceEnds is elementEnds for HTML mode, over the markup pieces: each
// paired start tag's start mapped to the end of its end tag.
func pieceEnds(ps []piece) map[int]int {
	ends := map[int]int{}
	open := map[string][]int{}
	for _, p := range ps {
		switch {
		case p.kind != pieceMarkup || p.name == "":
		case p.closing:
			if st := open[p.name]; len(st) > 0 {
				ends[st[len(st)-1]] = p.end
				open[p.name] = st[:len(st)-1]
			}
		case p.selfClosing || voidElements[p.name]:
		default:
			open[p.name] = append(open[p.name], p.start)
		}
	}
	return ends
}

// EscapeStray returns an HTML text with every '<' and '&' that a browser
// reads as a character (one that starts no tag, comment or character
// reference: "I <3 you", "a < b && c", "AT&T") written as &lt; and
// &amp;, which a browser shows as the same characters. A tag the text
// ends inside of, which a browser drops, is escaped the same way and
// shown as text. Raw-text elements, tags and comments are left as they
// are.
//
// In HTML mode the translators get the text escaped this way: its '<'
// and '&' reach them as the escapes, protected like any (an LLM sees a
// sentinel), so that no translation needs a '<' or '&' of its own, and
// CompareMarkup can refuse every one a translation has.
func EscapeStray(text string) string {
	if strings.IndexAny(text, "<&") < 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, p := range readHTML(text) {
		if p.kind != pieceText && p.kind != pieceTail {
			continue
		}
		for j := p.start; j < p.end; j++ {
			var esc string
			switch {
			case text[j] == '<':
				esc = "&lt;"
			case text[j] == '&' && charRefLen(text[j:p.end]) == 0:
				esc = "&amp;"
			default:
				continue
			}
			if last == 0 {
				b.Grow(len(text) + 16)
			}
			b.WriteString(text[last:j])
			b.WriteString(esc)
			last = j + 1
		}
	}
	if b.Len() == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// MarkupDiff says how a translation's HTML markup differs from its
// source's (CompareMarkup). Both are empty when the markup is the same.
type MarkupDiff struct {
	// Added is the first piece of markup in the translation that the
	// source does not have as often: a tag, a comment, a raw-text
	// element (script, style ..., whole) or a character reference
	// (their exact text), a tag the translation ends inside of, or "<"
	// or "&" for a raw one in its text.
	Added string
	// Lost is the first tag, comment or raw-text element of the source
	// that the translation does not have as often. Character references
	// are not listed: a translation may render a letter's reference
	// (&eacute;) as the letter or translate its word away, and a
	// decoded escape (&lt; as '<') shows as an added raw character.
	Lost string
}

// CompareMarkup compares the HTML markup of a translation with its
// source's, both read as a browser reads them (readHTML). A client that
// renders the answer as HTML needs the answer's markup to be exactly the
// source's: a tag (with its attributes, byte for byte), comment,
// raw-text element or reference the source does not have is markup the
// translator made up (an obeyed instruction, a hallucination: "<img
// src=x onerror=...>", an attribute added to a tag: the tag is then
// another one), and a lost tag breaks the document.
//
// The source is read as EscapeStray writes it, which is what HTML mode
// gives the translators: its own raw '<' and '&' are the escapes &lt;
// and &amp;. So ANY raw '<' in the translation's text is refused, and
// any '&' that starts no character reference (the source's own raw ones
// included): a translator never needs one, and one that writes one
// makes markup ("<-- click" translated into "<svg/onload=...>" keeps
// the count of '<' a count would compare). Order is not compared: a
// translation may move words, and the markup around them, where its
// language puts them.
func CompareMarkup(source, translation string) MarkupDiff {
	src, out := htmlMarkup(source, true), htmlMarkup(translation, false)
	d := MarkupDiff{Added: out.stray}
	have := map[markupItem]int{}
	for _, it := range src.items {
		have[it]++
	}
	got := map[markupItem]int{}
	for _, it := range out.items {
		got[it]++
		if d.Added == "" && got[it] > have[it] {
			d.Added = it.text
		}
	}
	seen := map[markupItem]int{}
	for _, it := range src.items {
		seen[it]++
		if it.kind != pieceText && seen[it] > got[it] {
			d.Lost = it.text
			break
		}
	}
	return d
}

// DescribeMarkup names a piece of markup from MarkupDiff for a message,
// without quoting attribute values (which may hold anything): "an <img>
// tag", "a </b> tag", "a <script> element", "a comment", "a doctype",
// "the character reference &lt;", "a raw '<'".
func DescribeMarkup(m string) string {
	switch {
	case m == "<" || m == "&":
		return "a raw '" + m + "'"
	case strings.HasPrefix(m, "<!--"):
		return "a comment"
	case strings.HasPrefix(m, "&"):
		return "the character reference " + m
	case len(m) >= 9 && strings.EqualFold(m[:9], "<!doctype"):
		return "a doctype"
	}
	name, closing, _ := tagName(m)
	if name == "" {
		return "a comment" // <!x>, <?x>, </3>: bogus comments
	}
	what := " tag"
	if ps := readHTML(m); len(ps) == 1 && ps[0].kind == pieceElement {
		what = " element"
	}
	slash := ""
	if closing {
		slash = "/"
	}
	article := "a"
	if !closing && strings.ContainsRune("aeio", rune(name[0])) {
		article = "an"
	}
	return article + " <" + slash + name + ">" + what
}

// markupItem is one piece of markup of a text: a markup piece, element or
// tail (its kind and exact text), or a character reference in its text
// (kind pieceText).
type markupItem struct {
	kind pieceKind
	text string
}

// markup is the HTML markup of a text, in order, and the first raw '<'
// or '&' of its text ("" when none).
type markup struct {
	items []markupItem
	stray string
}

// htmlMarkup reads the markup of text. For a source it reads the text as
// EscapeStray writes it, without writing it: its raw '<' and '&' count as
// the references &lt; and &amp;, and a tail as text.
func htmlMarkup(text string, source bool) markup {
	var m markup
	if strings.IndexAny(text, "<&") < 0 {
		return m
	}
	for _, p := range readHTML(text) {
		if p.kind != pieceText && !(source && p.kind == pieceTail) {
			m.items = append(m.items, markupItem{p.kind, text[p.start:p.end]})
			continue
		}
		for j := p.start; j < p.end; j++ {
			c := text[j]
			if c != '<' && c != '&' {
				continue
			}
			if c == '&' {
				if n := charRefLen(text[j:p.end]); n > 0 {
					m.items = append(m.items, markupItem{pieceText, text[j : j+n]})
					j += n - 1
					continue
				}
			}
			switch {
			case source && c == '<':
				m.items = append(m.items, markupItem{pieceText, "&lt;"})
			case source:
				m.items = append(m.items, markupItem{pieceText, "&amp;"})
			case m.stray == "":
				m.stray = string(c)
			}
		}
	}
	return m
}

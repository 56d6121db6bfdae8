package entity

import (
	"regexp"
	"strconv"
	"strings"
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
// CompareMarkup then lets a caller that will render the answer as HTML
// check that its markup is exactly the source's.

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

// comment returns the length of the HTML comment at the start of rest,
// or 0.
func (s *scanner) comment(rest string) int {
	if s.unclosedComment || !strings.HasPrefix(rest, "<!--") {
		return 0
	}
	loc := htmlComment.FindStringIndex(rest)
	if loc == nil {
		s.unclosedComment = true
		return 0
	}
	return loc[1]
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
		s.elementEnds = elementEnds(s.src)
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
func elementEnds(src string) map[int]int {
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
		loc := htmlTag.FindStringIndex(rest)
		if loc == nil {
			i++
			continue
		}
		name, closing, selfClosing := tagName(rest[:loc[1]])
		switch {
		case closing:
			if st := open[name]; len(st) > 0 {
				ends[st[len(st)-1]] = i + loc[1]
				open[name] = st[:len(st)-1]
			}
		case selfClosing || voidElements[name]:
		case rawTextElements[name]:
			if noClose[name] {
				break
			}
			end := closingTag(src, i+loc[1], name)
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
		i += loc[1]
	}
	return ends
}

// closingTag finds the first closing tag of name (any case) at or after
// from and returns its end, or -1.
func closingTag(src string, from int, name string) int {
	for j := from; j < len(src); {
		k := strings.Index(src[j:], "</")
		if k < 0 {
			return -1
		}
		j += k
		rest := src[j:]
		if len(rest) > 2+len(name) && strings.EqualFold(rest[2:2+len(name)], name) {
			if loc := htmlTag.FindStringIndex(rest); loc != nil {
				if n, _, _ := tagName(rest[:loc[1]]); n == name {
					return j + loc[1]
				}
			}
		}
		j += 2
	}
	return -1
}

// htmlEscape returns the length of the character reference at the start
// of rest when it escapes a character that is markup in HTML (< > & " '),
// or 0. Other references (&eacute;, &nbsp;) stand for letters and spaces
// and stay with the prose.
func htmlEscape(rest string) int {
	loc := charRef.FindStringIndex(rest)
	if loc == nil {
		return 0
	}
	if c := refChar(rest[1 : loc[1]-1]); c != 0 && strings.ContainsRune(`<>&"'`, c) {
		return loc[1]
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

// MarkupDiff says how a translation's HTML markup differs from its
// source's (CompareMarkup). Both are empty when the markup is the same.
type MarkupDiff struct {
	// Added is the first piece of markup in the translation that the
	// source does not have as often: a tag, a comment or a character
	// reference (their exact text), or "<" or "&" for a raw one that
	// starts none of them.
	Added string
	// Lost is the first tag or comment of the source that the
	// translation does not have as often. Character references are not
	// listed: a translation may render a letter's reference (&eacute;)
	// as the letter or translate its word away, and a decoded escape
	// (&lt; as '<') shows as an added raw character.
	Lost string
}

// CompareMarkup compares the HTML markup of a translation with its
// source's. A client that renders the answer as HTML needs the answer's
// markup to be exactly the source's: a tag, comment or reference the
// source does not have is markup the translator made up (an obeyed
// instruction, a hallucination: "<img src=x onerror=...>"), a lost tag
// breaks the document, and a raw '<' or '&' the source did not have is
// markup in the making (a decoded &lt;, or "<svg/onload=...>", which no
// tag pattern reads as a tag). Order is not compared: a translation may
// move words, and the markup around them, where its language puts them.
func CompareMarkup(source, translation string) MarkupDiff {
	src, out := htmlMarkup(source), htmlMarkup(translation)
	var d MarkupDiff
	have := map[string]int{}
	for _, it := range src.items {
		have[it]++
	}
	switch {
	case out.lt > src.lt:
		d.Added = "<"
	case out.amp > src.amp:
		d.Added = "&"
	}
	got := map[string]int{}
	for _, it := range out.items {
		got[it]++
		if d.Added == "" && got[it] > have[it] {
			d.Added = it
		}
	}
	seen := map[string]int{}
	for _, it := range src.items {
		seen[it]++
		if it[0] == '<' && seen[it] > got[it] {
			d.Lost = it
			break
		}
	}
	return d
}

// DescribeMarkup names a piece of markup from MarkupDiff for a message,
// without quoting attribute values (which may hold anything): "an <img>
// tag", "a </b> tag", "a comment", "the character reference &lt;", "a
// raw '<'".
func DescribeMarkup(m string) string {
	switch {
	case m == "<" || m == "&":
		return "a raw '" + m + "'"
	case strings.HasPrefix(m, "<!--"):
		return "a comment"
	case strings.HasPrefix(m, "&"):
		return "the character reference " + m
	}
	name, closing, _ := tagName(m)
	slash := ""
	if closing {
		slash = "/"
	}
	article := "a"
	if !closing && name != "" && strings.ContainsRune("aeio", rune(name[0])) {
		article = "an"
	}
	return article + " <" + slash + name + "> tag"
}

// markup is the HTML markup of a text: its tags, comments and character
// references in order, and the count of '<' and '&' that start none.
type markup struct {
	items   []string
	lt, amp int
}

// htmlMarkup reads the markup of text as a browser would find it, with
// the scanner's tag and comment patterns.
func htmlMarkup(text string) markup {
	var m markup
	commentsClosed := true
	for i := 0; i < len(text); {
		k := strings.IndexAny(text[i:], "<&")
		if k < 0 {
			break
		}
		i += k
		rest := text[i:]
		n := 0
		switch {
		case rest[0] == '&':
			if loc := charRef.FindStringIndex(rest); loc != nil {
				n = loc[1]
			}
		case strings.HasPrefix(rest, "<!--") && commentsClosed:
			if end := strings.Index(rest[4:], "-->"); end >= 0 {
				n = 4 + end + 3
			} else {
				commentsClosed = false // none closes after this one either
			}
		default:
			if loc := htmlTag.FindStringIndex(rest); loc != nil {
				n = loc[1]
			}
		}
		if n == 0 {
			if rest[0] == '<' {
				m.lt++
			} else {
				m.amp++
			}
			i++
			continue
		}
		m.items = append(m.items, rest[:n])
		i += n
	}
	return m
}

// Package entity finds what a chat message carries besides prose: the parts
// a translator must leave alone (mentions, channels, hashtags, emoji, custom
// emoji, URLs, e-mail addresses, code, HTML tags, HTML elements whose
// content is code or marked untranslatable, escaping character references,
// ICU, mustache and printf placeholders, glossary do-not-translate terms,
// the control tokens of chat templates)
// and the markup whose content it must translate but whose delimiters it
// must keep (Markdown emphasis, links and images, paired HTML tags).
//
// Scan splits a message into tokens whose texts concatenate back to the
// message byte for byte. Every vendor protects only HTML or XML; chat text
// needs chat rules, which is why this package exists (see
// ../shared/reference/translation-apis.md §4.1).
package entity

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/chattoken"
)

// Kind says what a token is.
type Kind string

// Kinds of token.
const (
	Prose       Kind = "prose"
	CodeBlock   Kind = "code_block"
	InlineCode  Kind = "inline_code"
	URL         Kind = "url"
	Email       Kind = "email"
	Mention     Kind = "mention"
	Channel     Kind = "channel" // #general, also hashtags and #123 references
	CustomEmoji Kind = "custom_emoji"
	Emoji       Kind = "emoji"
	HTMLTag     Kind = "html_tag"
	// HTMLElement is an element kept whole, tags and content: raw text
	// and code (script, style, textarea, code, pre, kbd, samp) and
	// elements marked translate="no" or class="notranslate" (html.go).
	HTMLElement Kind = "html_element"
	// HTMLEscape is a character reference that escapes markup (&lt;,
	// &gt;, &amp;, &quot;, &apos; and their numeric forms): decoded, it
	// would turn text into markup.
	HTMLEscape  Kind = "html_escape"
	Placeholder Kind = "placeholder" // ICU {name}, mustache {{x}}, printf %s, ${x}
	Term        Kind = "term"        // glossary do-not-translate term
	Emphasis    Kind = "emphasis"    // **x**, *x*, __x__, _x_, ~~x~~, ||x||
	Link        Kind = "link"        // [text](url), ![alt](url)
	// ControlToken is a control token of a chat template ("<|im_end|>",
	// "<|eot_id|>", "[INST]", "<<SYS>>", "<start_of_turn>"; see package
	// chattoken): a model's server parses it in the prompt, where it
	// would end the message's turn, so a model must never see it. One
	// that HTML reads as a tag ("</s>", "<bos>") stays an HTMLTag.
	ControlToken Kind = "control_token"
)

// Role is how a token takes part in translation.
type Role int

// Roles.
const (
	// Text is prose: translated.
	Text Role = iota
	// Atom is kept byte for byte and may move as a whole.
	Atom
	// Open and Close delimit markup whose content is translated; they
	// must come back in order around the translated content.
	Open
	Close
)

// Token is one piece of a message.
type Token struct {
	Kind Kind
	Role Role
	// Text is the exact source text of the token.
	Text string
	// ID numbers the protected tokens in order of appearance; an Open and
	// its Close share one ID. It is -1 for prose.
	ID int
}

// Scan splits text into tokens. terms are glossary do-not-translate terms,
// matched exactly where they stand as whole words (a term never matches
// inside a word, a URL or code); the longest wins where terms overlap.
// Concatenating the tokens' Text gives text back.
func Scan(text string, terms []string) []Token {
	return scanAll(&scanner{src: text, terms: sortTerms(terms)})
}

// ScanHTML is Scan for a message in HTML mode, which its client renders
// (the LibreTranslate and DeepL APIs' HTML mode): tags, comments,
// doctypes and the elements kept whole are read as a browser reads them
// (readHTML), a tag with its attributes whatever their quotes hold
// (<span title="Home > Docs">, <a href='x>y'>) and <svg/onload=...> as
// the tag it is; the raw-text elements kept whole are those of HTML
// (htmlRawText), unclosed ones to the end of the text; and no other
// token ends inside a tag. Chat references (<@U123>) are no markup in
// HTML. A '<' that starts no tag is a character: in HTML mode the
// message reaches the scanner as EscapeStray writes it, where there is
// none.
func ScanHTML(text string, terms []string) []Token {
	return scanAll(&scanner{src: text, terms: sortTerms(terms), html: true, markup: markupPieces(text)})
}

// scanAll scans the whole of s.src.
func scanAll(s *scanner) []Token {
	for _, t := range s.terms {
		s.termStart[t[0]] = true
	}
	s.hasAt = strings.IndexByte(s.src, '@') >= 0
	s.steps = make([]step, len(s.src))
	toks := s.tokens()
	toks = pairHTML(toks)
	return number(toks)
}

// Protected lists the texts of every protected token (atoms and markup
// delimiters), for engines that protect literal strings (Apertium).
func Protected(toks []Token) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range toks {
		if t.Role != Text && !seen[t.Text] {
			seen[t.Text] = true
			out = append(out, t.Text)
		}
	}
	return out
}

// HasProse reports whether the tokens hold anything worth translating: a
// letter outside every protected token.
func HasProse(toks []Token) bool {
	for _, t := range toks {
		if t.Role == Text && strings.IndexFunc(t.Text, unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

type scanner struct {
	src   string
	terms []string
	// termStart marks the first bytes of the terms.
	termStart [256]bool
	// steps holds the token read at each position (stepAt), and walks,
	// for each closing delimiter (stops), where the walk from each
	// position ends (resolve): each position is read once and walked
	// once for each delimiter (walk.go). walking holds the walks in
	// progress, path the positions they have read, and need the walk
	// that reading a token waits for when pending is set (content).
	steps   []step
	walks   [len(stops)][]walkEnd
	walking []walk
	path    []int32
	need    walk
	pending bool
	// work counts the positions read and walked and the bytes the
	// indexes went over, for TestScanWorkIsLinear.
	work int
	// Indexes the matchers look things up in (index.go), built when
	// first needed: line breaks, the "](" of links and ")" of their
	// targets, the ends of comments, the braces of placeholders, and the
	// runs of backticks and tildes of code.
	newlines, linkMids, commentEnds, braceStops index
	tagStops, dquotes, squotes                  index
	parens, braces                              []int32
	// attrEnds remembers where the attributes of a tag that go on at a
	// position end (attributesEnd).
	attrEnds          []int32
	backticks, tildes runs
	// closers lists, for each emphasis delimiter (by its index in
	// emphasisDelims) that an opener asked about, every position where it
	// may close, in order. Without it closerAhead walked up to maxSpan
	// bytes for every opener, and a line of unclosed openers ("*a *a *a
	// ...") took time quadratic in its length (38 ms for 9,000 bytes).
	closers     [len(emphasisDelims)][]int
	closersDone [len(emphasisDelims)]bool
	// elementEnds maps the start of every closed HTML element's opening
	// tag to the element's end, computed in one pass when the first
	// element that is kept whole is met (keptElement).
	elementEnds map[int]int
	// html is set by ScanHTML; markup then holds the text's tags,
	// comments and raw-text elements, in order (markupPieces).
	html   bool
	markup []piece
	// emails are the text's e-mail addresses (email); hasAt is set when
	// it has an '@', without which it has none.
	emails     []Span
	emailNext  int // the first address that may start at or after the position asked about last
	emailsDone bool
	hasAt      bool
}

// maxSpan bounds how far markup content may reach: emphasis and link text
// in chat are short. Content whose walk reads a token that starts more
// than maxSpan bytes after the opening delimiter is no content.
const maxSpan = 2000

// match tries every matcher at i, in priority order, and returns the
// token found (n 0: none).
func (s *scanner) match(i int) step {
	rest := s.src[i:]
	c := rest[0]
	atom := func(k Kind, n int) step {
		return step{n: int32(n), kind: kindIndex(k)}
	}
	switch c {
	case '`', '~':
		if n := s.fencedCode(i); n > 0 {
			return atom(CodeBlock, n)
		}
		if c == '`' {
			if n := s.inlineCode(i); n > 0 {
				return atom(InlineCode, n)
			}
		}
	case '<':
		if s.html {
			p, ok := s.pieceAt(i)
			if !ok {
				// "<|im_end|>" and "<<SYS>>" are no markup (a '<' that
				// starts no tag is a character, which a translation may
				// escape), but a model must not see them either.
				if n := chattoken.Len(rest); n > 0 && !s.splitsMarkup(i+n) {
					return atom(ControlToken, n)
				}
				return step{} // a character (or a tag the text ends inside of)
			}
			if end := s.keptPiece(p); end > 0 {
				return atom(HTMLElement, end-i)
			}
			return atom(HTMLTag, p.end-i)
		}
		// A reference holds no '<' or '>' but the '>' that ends it:
		// the pattern reads no further.
		if k := strings.IndexAny(rest[1:], "<>"); k >= 0 && rest[1+k] == '>' {
			if m := chatRef.FindStringSubmatch(rest[:k+2]); m != nil {
				return atom(chatRefKind(m[1]), len(m[0]))
			}
		}
		if n := s.comment(i); n > 0 {
			return atom(HTMLTag, n)
		}
		if n := s.tagLen(i); n > 0 {
			if n := s.keptElement(i, n); n > 0 {
				return atom(HTMLElement, n)
			}
			return atom(HTMLTag, n)
		}
		if n := chattoken.Len(rest); n > 0 {
			return atom(ControlToken, n)
		}
	case '&':
		if n := htmlEscape(rest); n > 0 {
			return atom(HTMLEscape, n)
		}
	case '[', '!':
		if st := s.link(i); st.n > 0 || s.pending {
			return st
		}
		if n := chattoken.Len(rest); n > 0 {
			return atom(ControlToken, n)
		}
	case '{', '$':
		if n := s.bracePlaceholder(i); n > 0 {
			return atom(Placeholder, n)
		}
	case '%':
		if n := printf(s.src, i); n > 0 {
			return atom(Placeholder, n)
		}
	case '@':
		if n := mentionLen(s.src, i); n > 0 {
			return atom(Mention, n)
		}
	case '#':
		if n := hashtagLen(s.src, i); n > 0 {
			return atom(Channel, n)
		}
	case ':':
		if n := customEmoji(s.src, i); n > 0 {
			return atom(CustomEmoji, n)
		}
	}
	// The cheap tests on the first byte keep the per-character cost low:
	// most characters of a message start nothing.
	if strings.IndexByte("hHfFwW", c) >= 0 && wordStart(s.src, i) {
		if n := URLLen(rest); n > 0 {
			return atom(URL, n)
		}
	}
	if n := s.email(i); n > 0 {
		return atom(Email, n)
	}
	if c >= utf8.RuneSelf || c == '#' || c == '*' || (c >= '0' && c <= '9') {
		if n := emojiSeq(rest); n > 0 {
			return atom(Emoji, n)
		}
	}
	if s.termStart[c] {
		if t := s.term(i); t != "" {
			return atom(Term, len(t))
		}
	}
	if strings.IndexByte("*_~|", c) >= 0 {
		return s.emphasis(i)
	}
	return step{}
}

// email returns the length of the e-mail address that starts at i, or 0.
// The text's addresses are found once, the first time one is asked for
// in a text with an '@' (FindEmails).
func (s *scanner) email(i int) int {
	if !s.hasAt {
		return 0
	}
	if !s.emailsDone {
		s.emails, s.emailsDone = FindEmails(s.src), true
	}
	// The scan asks at every position, mostly in order: skip the
	// addresses behind i, and search again only when a rescan of markup
	// content goes back.
	k := s.emailNext
	if k > 0 && s.emails[k-1].Start >= i {
		k, _ = slices.BinarySearchFunc(s.emails, i, func(e Span, i int) int { return e.Start - i })
	}
	for k < len(s.emails) && s.emails[k].Start < i {
		k++
	}
	s.emailNext = k
	if k < len(s.emails) && s.emails[k].Start == i {
		return s.emails[k].End - i
	}
	return 0
}

// closes reports whether the closing delimiter stop stands at i and may
// close there: emphasis closes only after a non-space character, and '_'
// only where no word continues.
func (s *scanner) closes(i int, stop string) bool {
	if !strings.HasPrefix(s.src[i:], stop) {
		return false
	}
	if stop == "]" {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s.src[:i])
	if i == 0 || unicode.IsSpace(prev) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s.src[i+len(stop):])
	if stop[0] == '_' && i+len(stop) < len(s.src) && isWordRune(next) {
		return false
	}
	// "**" must not close a "*" span (it is the start of a longer run).
	if (stop == "*" || stop == "_" || stop == "~") && i+1 < len(s.src) && s.src[i+1] == stop[0] {
		return false
	}
	return true
}

var emphasisDelims = [...]string{"**", "__", "~~", "||", "*", "_"}

// emphasis reads a delimited span at i: an opener that can open (followed
// by a non-space; '_' not inside a word) and a matching closer before the
// end of the paragraph, with at least one character between.
func (s *scanner) emphasis(i int) step {
	rest := s.src[i:]
	for di, d := range emphasisDelims {
		if !strings.HasPrefix(rest, d) {
			continue
		}
		after := i + len(d)
		if after >= len(s.src) {
			return step{}
		}
		next, _ := utf8.DecodeRuneInString(s.src[after:])
		if unicode.IsSpace(next) || strings.HasPrefix(s.src[after:], d[:1]) {
			continue
		}
		if d[0] == '_' && i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s.src[:i])
			if isWordRune(prev) {
				continue
			}
		}
		if !s.closerAhead(after, di) {
			continue
		}
		end, found := s.content(after, di) // stops[di] is d
		if s.pending {
			return step{}
		}
		if !found || end == after {
			continue
		}
		return step{n: int32(end + len(d) - i), end: int32(end), kind: kindIndex(Emphasis), open: uint8(len(d))}
	}
	return step{}
}

// closerAhead is a quick test before scanning: is there any place within
// reach of from where emphasisDelims[di] could close?
func (s *scanner) closerAhead(from int, di int) bool {
	d := emphasisDelims[di]
	if !s.closersDone[di] {
		s.closers[di], s.closersDone[di] = s.closePositions(d), true
	}
	ps := s.closers[di]
	limit := min(len(s.src), from+maxSpan+len(d))
	k, _ := slices.BinarySearch(ps, from)
	return k < len(ps) && ps[k]+len(d) <= limit
}

// closePositions lists every position where d may close, in order.
func (s *scanner) closePositions(d string) []int {
	var ps []int
	for j := 0; j < len(s.src); {
		k := strings.Index(s.src[j:], d)
		if k < 0 {
			break
		}
		if s.closes(j+k, d) {
			ps = append(ps, j+k)
		}
		j += k + 1
	}
	return ps
}

// link reads a Markdown link or image, [text](url "title"): the text is
// translated, the URL and title kept with the closing delimiter.
func (s *scanner) link(i int) step {
	open := 1
	if strings.HasPrefix(s.src[i:], "![") {
		open = 2
	} else if s.src[i] != '[' {
		return step{}
	}
	after := i + open
	// A quick test first: a "](" on the line, within reach.
	lineEnd := min(len(s.src), after+maxSpan)
	nl := s.newlines.next(s, after, occurrences("\n"))
	if nl >= 0 && nl < lineEnd {
		lineEnd = nl
	}
	if mid := s.linkMids.next(s, after, occurrences("](")); mid < 0 || mid+2 > lineEnd {
		return step{}
	}
	end, found := s.content(after, linkStop)
	if !found || end == after || nl >= 0 && nl < end {
		return step{}
	}
	n := s.linkTarget(end)
	if n == 0 {
		return step{}
	}
	return step{n: int32(end + n - i), end: int32(end), kind: kindIndex(Link), open: uint8(open)}
}

// linkTarget matches "](url)" or "](url "title")" at end, with balanced
// parentheses in the URL on one line, and returns its length.
func (s *scanner) linkTarget(end int) int {
	if !strings.HasPrefix(s.src[end:], "](") {
		return 0
	}
	if s.parens == nil {
		s.parens = pairs(s, '(', ')', true)
	}
	closed := int(s.parens[end+1]) // the ')' + 1
	if closed == 0 || closed == end+3 {
		return 0 // unclosed, or "]()"
	}
	return closed - end
}

// term returns the longest do-not-translate term at i that stands as a
// whole word, or "".
func (s *scanner) term(i int) string {
	rest := s.src[i:]
	for _, t := range s.terms {
		if !strings.HasPrefix(rest, t) {
			continue
		}
		if boundary(s.src[:i], t, true) && boundary(s.src[i+len(t):], t, false) {
			return t
		}
	}
	return ""
}

// boundary reports whether the text beside a term (before it when before
// is true) lets the term stand as a word: a term that starts or ends with a
// letter or digit must not touch another one. Scripts written without
// spaces (Han, kana, Thai ...) have no such boundaries.
func boundary(side, term string, before bool) bool {
	var edge, beside rune
	if before {
		edge, _ = utf8.DecodeRuneInString(term)
		beside, _ = utf8.DecodeLastRuneInString(side)
	} else {
		edge, _ = utf8.DecodeLastRuneInString(term)
		beside, _ = utf8.DecodeRuneInString(side)
	}
	if side == "" || !isWordRune(edge) || !isWordRune(beside) {
		return true
	}
	return unspaced(edge) || unspaced(beside)
}

// unspaced reports scripts written without spaces between words.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.IsMark(r)
}

var (
	// Slack, Discord and Mattermost references: <@U123>, <@!123>, <@&role>,
	// <#C123|general>, <!here>, <!subteam^ID>, <:name:123>, <a:name:123>,
	// <t:1700000000:R>, and Slack's <https://url|label>. (A tag's quoted
	// attribute values may hold '<' and '>', <span title="a > b">, <a
	// href='x>y'>: the tag ends at the first '>' outside them, tagLen.)
	chatRef    = regexp.MustCompile(`^<((?:[@#!][^<>\s|]*(?:\|[^<>\n]*)?)|a?:[\w~-]+:\d+|t:\d+(?::[tTdDfFR])?|(?:https?|ftp|mailto):[^<>\s|]+(?:\|[^<>\n]*)?)>`)
	printfSpec = regexp.MustCompile(`^%(?:\([A-Za-z_][A-Za-z0-9_]*\))?(?:[1-9][0-9]*\$)?[-+0#']*(?:[0-9]+|\*)?(?:\.(?:[0-9]+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn@%]`)
)

func chatRefKind(inner string) Kind {
	switch {
	case strings.HasPrefix(inner, "#"):
		return Channel
	case strings.HasPrefix(inner, "@"), strings.HasPrefix(inner, "!"):
		return Mention
	case strings.HasPrefix(inner, ":"), strings.HasPrefix(inner, "a:"):
		return CustomEmoji
	case strings.HasPrefix(inner, "t:"):
		return Placeholder
	}
	return URL
}

// fencedCode matches a fenced code block (``` or ~~~, three or more) that
// starts at i and is closed by the same fence: the fence is the rest of
// the run of backticks or tildes at i, and the block ends with the first
// later run at least as long.
func (s *scanner) fencedCode(i int) int {
	c := s.src[i]
	if i+2 >= len(s.src) || s.src[i+1] != c || s.src[i+2] != c {
		return 0 // no fence: fewer than three
	}
	r := &s.backticks
	if c == '~' {
		r = &s.tildes
	}
	if !r.built {
		r.build(s, c)
	}
	if end := int(r.atLeast[i]); end > 0 {
		return end - 1 - i
	}
	return 0
}

// inlineCode matches a code span: the rest of the run of backticks at i,
// closed by the first later run of the same length.
func (s *scanner) inlineCode(i int) int {
	if !s.backticks.built {
		s.backticks.build(s, '`')
	}
	if end := int(s.backticks.exact[i]); end > 0 {
		return end - 1 - i
	}
	return 0
}

// bracePlaceholder matches mustache {{x}} / {{{x}}}, ICU and format-string
// arguments {name}, {0}, {count, plural, one {# item} other {# items}},
// {0:.2f}, and shell/JS ${name}.
func (s *scanner) bracePlaceholder(i int) int {
	rest := s.src[i:]
	start := 0
	if rest[0] == '$' {
		if !strings.HasPrefix(rest, "${") {
			return 0
		}
		start = 1
	}
	if strings.HasPrefix(rest[start:], "{{") {
		n := 2
		if strings.HasPrefix(rest[start:], "{{{") {
			n = 3
		}
		closer := "}}}"[:n]
		body := start + n
		// The body holds no brace and no line break: it ends at the
		// first of them, which must be the closer.
		end := s.braceStops.next(s, i+body, anyOf("{}\n")) - i
		if end < 0 || !strings.HasPrefix(rest[end:], closer) || strings.TrimSpace(rest[body:end]) == "" {
			return 0
		}
		return end + n
	}
	// An argument name first, then '}' or a format/ICU tail with balanced
	// braces.
	j := start + 1
	for j < len(rest) && rest[j] == ' ' {
		j++
	}
	k := j
	for k < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[k:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' || r == '-') {
			break
		}
		k += size
	}
	if k == j {
		return 0
	}
	for k < len(rest) && rest[k] == ' ' {
		k++
	}
	if k >= len(rest) {
		return 0
	}
	switch rest[k] {
	case '}':
		return k + 1
	case ',', ':', '!':
	default:
		return 0
	}
	// The '}' that closes the '{', within 2,000 bytes, without a line
	// break outside the nested braces.
	if s.braces == nil {
		s.braces = pairs(s, '{', '}', false)
	}
	if end := int(s.braces[i+start]) - i; end > 0 && end <= 2000 {
		return end
	}
	return 0
}

// printf matches a printf conversion (%s, %d, %1$s, %.2f, %(name)s, %@,
// %%), except right after a digit where "50%off" is a percentage.
func printf(src string, i int) int {
	loc := printfSpec.FindStringIndex(src[i:])
	if loc == nil {
		return 0
	}
	if i > 0 && src[i-1] >= '0' && src[i-1] <= '9' && loc[1] == 2 && src[i+1] != '%' {
		return 0
	}
	return loc[1]
}

// customEmoji matches :name: codes (Slack, Discord, Mattermost), merging
// adjacent ones such as :wave::skin-tone-3:. A name needs a letter, so
// times like 10:30:00 are not emoji.
func customEmoji(src string, i int) int {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(src[:i])
		if isWordRune(prev) || prev == ':' {
			return 0
		}
	}
	end := i
	for {
		n := oneCustomEmoji(src[end:])
		if n == 0 {
			break
		}
		end += n
	}
	if end == i {
		return 0
	}
	if end < len(src) {
		next, _ := utf8.DecodeRuneInString(src[end:])
		if isWordRune(next) {
			return 0
		}
	}
	return end - i
}

func oneCustomEmoji(s string) int {
	if len(s) < 3 || s[0] != ':' {
		return 0
	}
	letter := false
	for j := 1; j < len(s) && j < 100; j++ {
		c := s[j]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '_', c == '+', c == '-':
		case c == ':':
			if j == 1 || !letter {
				return 0
			}
			return j + 1
		default:
			return 0
		}
	}
	return 0
}

// number gives every atom and every Open/Close pair an ID in order of
// appearance.
func number(toks []Token) []Token {
	next := 0
	var stack []int
	for i := range toks {
		switch toks[i].Role {
		case Text:
			toks[i].ID = -1
		case Atom:
			toks[i].ID = next
			next++
		case Open:
			toks[i].ID = next
			stack = append(stack, next)
			next++
		case Close:
			toks[i].ID = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
		}
	}
	return toks
}

// voidElements never have a closing tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// pairHTML turns an opening HTML tag and its closing tag into an Open/Close
// pair when they nest properly with the Markdown pairs around them; other
// tags stay atoms.
func pairHTML(toks []Token) []Token {
	type frame struct {
		idx  int
		name string // "" for a Markdown pair
	}
	var stack []frame
	for i, t := range toks {
		switch {
		case t.Role == Open:
			stack = append(stack, frame{idx: i})
		case t.Role == Close:
			for len(stack) > 0 {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if top.name == "" {
					break
				}
			}
		case t.Kind == HTMLTag && t.Role == Atom:
			name, closing, selfClosing := tagName(t.Text)
			switch {
			case name == "" || selfClosing || voidElements[name]:
			case !closing:
				stack = append(stack, frame{idx: i, name: name})
			default:
				for j := len(stack) - 1; j >= 0 && stack[j].name != ""; j-- {
					if stack[j].name == name {
						toks[stack[j].idx].Role = Open
						toks[i].Role = Close
						stack = stack[:j]
						break
					}
				}
			}
		}
	}
	return toks
}

// tagName parses "<b>", "</b>", "<br/>" into the lower-case element name.
func tagName(tag string) (name string, closing, selfClosing bool) {
	if strings.HasPrefix(tag, "<!--") {
		return "", false, false
	}
	s := strings.TrimPrefix(tag, "<")
	if strings.HasPrefix(s, "/") {
		closing = true
		s = s[1:]
	}
	selfClosing = strings.HasSuffix(tag, "/>")
	end := strings.IndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') })
	if end < 0 {
		end = len(s)
	}
	return strings.ToLower(s[:end]), closing, selfClosing
}

// sortTerms drops empty and duplicate terms and orders the rest longest
// first, so that "Parley Cloud" wins over "Parley".
func sortTerms(terms []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range terms {
		if strings.TrimSpace(t) == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

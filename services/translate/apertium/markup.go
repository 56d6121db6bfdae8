package apertium

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/entity"
)

// Inline markup (Markdown emphasis and links, paired HTML tags) must stay
// around the words it marks, wherever the engine moves them: "The
// <b>new</b> dashboard" is "El salpicadero <b>nuevo</b>". Its delimiters
// cannot go in as superblanks, as protected terms do: superblanks keep
// their places while transfer reorders the words, and the delimiters then
// landed on other words ("El <b>salpicadero</b> nuevo").
//
// Apertium 3.8 (and lttoolbox 3.7) carry word-bound blanks instead:
// "[[0]]new[[/]]" binds the blank "[[0]]" to the words it encloses, every
// stage moves it with them, and the output has "[[0]]nuevo[[/]]". The
// delimiters stay out of the stream: each word-bound blank holds the
// indices of the pairs around its words ("0;2" inside pairs 0 and 2), and
// rebuild puts each pair's delimiters around the first and last word that
// came out with its index (its span). A pair with no prose inside
// ("<b><img></b>", "**@bob**") has nothing to move and goes in whole as
// one superblank, like any protected part.
//
// Markdown emphasis in chat text only styles its words, so it bends
// where the translation does (a flexible pair): a pair whose words the
// translation dropped is dropped with them ("I **do** not want" is "No
// quiero": Spanish does not say "do", and the reader loses emphasis on
// a word the right translation does not have), and a pair whose words
// came apart around words or protected parts from outside it gets its
// delimiters around each run of its own words ("a **big red** @bob car"
// is "Un coche **rojo** @bob **grande**"), no other word moved. Every
// other pair must come back whole around its own words (a link's URL
// once, HTML mode's tags exactly), and what word-bound blanks cannot say
// for it is declined rather than served (rebuild's error,
// backend.ErrProtected: the chain moves on). Words the engine adds inside
// a span (a preposition between two of its words) are served inside it,
// and so are words from outside every pair that land there: neither
// carries a word-bound blank, so the two cannot be told apart.
//
// "***x***" is scanned (shared/entity) as a "*" of text on either side
// of a "**" pair; the pair takes the two "*" as its own delimiters
// ("***", widened), so that they move with the word too.

// Two characters mark superblanks that deformat makes for markup. escapeTo
// escapes both in text, so no text can make either mark.
const (
	// A superblank holding only sepRune separates two words that the
	// input glued with inline markup ("friend</span><span>Say",
	// "un<b>do</b>"): without it lt-proc would read one word. It comes
	// out as nothing, or as a space where the words it separated moved
	// apart. Block-level tags end the sentence instead (blockTags).
	sepRune   = '\x01'
	separator = string(sepRune)
	// A protected part inside markup is a superblank whose content starts
	// with the pairs around it between two markRunes ("[\x020;2\x02@bob]"):
	// only words carry word-bound blanks.
	markRune = '\x02'
	atomMark = string(markRune)
	// A superblank whose content starts with lowerRune is a protected
	// part that starts a sentence, where the input's next word starts
	// with a lower-case letter: Apertium capitalizes the first word of
	// each sentence, and the opaque superblank is no word to it, so the
	// word after it came out capitalized ("GitHub Y Microsoft" for
	// "GitHub and Microsoft"). rebuild gives that word its lower case
	// back. The mark comes before atomMark's.
	lowerRune = '\x03'
	lowerMark = string(lowerRune)
	// A superblank whose content starts with fixRune (after lowerRune, if
	// any) holds words a tagger fix wrote in the mode's target language
	// (fixes.go: "[\x04por favor]" for fr-es's "s'il vous plaît"). It is
	// text like any other at the end of a route, but the first mode of a
	// pivot wrote it in the pivot language, so relay hands it to the
	// second mode as words to translate ("please"), not as a superblank,
	// which every program copies through ("Por favor, open the thread").
	fixRune = '\x04'
	fixMark = string(fixRune)
)

// spanKind says what a stretch of the input is (encode).
type spanKind uint8

const (
	spanAtom   spanKind = iota // kept byte for byte: one superblank
	spanOpen                   // the opening delimiter of a pair
	spanClose                  // the closing delimiter of a pair
	spanPhrase                 // a set phrase: one superblank holding span.text (phrases.go)
)

// span is a stretch of the input that is not plain prose.
type span struct {
	start, end int
	kind       spanKind
	pair       int    // spanOpen: the index of the pair in layout.pairs
	text       string // spanPhrase: the target language's phrase
}

// pair is one pair of markup delimiters whose content is translated.
type pair struct {
	open, close string
	parent      int // the enclosing pair, -1 at the top
	// flexible marks Markdown emphasis in chat text (see above): it is
	// dropped with all of its words, and split around what came between
	// them. Links keep their URL once and HTML mode every tag as it
	// was: those pairs are declined instead.
	flexible bool
	// first and last are the sentences (counted by the end-of-sentence
	// marks encode writes) of its first and last word; -1 before
	// encode saw one. A pair before another in the input, with a
	// sentence end between them, must come out before it (order).
	first, last int
}

// layout is what rebuild needs to know about the input of a stream.
type layout struct {
	pairs []pair
	// capital says that the input's first letter (outside markup
	// delimiters) is an upper-case letter of its prose.
	capital bool
	// english says that the translation is English, whose "I" keeps its
	// capital where rebuild lowers a sentence's first word.
	english bool
}

// blockTags are the HTML elements that end a sentence or paragraph:
// block-level and table elements, list items and line breaks. Words
// translate within the block that holds them and never across its
// edges, so encode ends the sentence at each of their tags, as
// apertium-deshtml does ("red car.[][</li><li>]blue house"): without
// the mark, transfer read "<li>red car</li><li>blue house</li>" as one
// sentence and swapped the two items' words.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"br": true, "caption": true, "center": true, "col": true, "colgroup": true,
	"dd": true, "details": true, "dialog": true, "dir": true, "div": true,
	"dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "head": true, "header": true,
	"hgroup": true, "hr": true, "html": true, "legend": true, "li": true,
	"main": true, "menu": true, "nav": true, "ol": true, "optgroup": true,
	"option": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true,
	"thead": true, "title": true, "tr": true, "ul": true,
}

// inlineTags are the HTML elements that style words within a sentence
// (phrasing content): the translation may reorder their pairs, as it
// reorders the words ("The <b>new</b> <a>dashboard</a>" is "El
// <a>salpicadero</a> <b>nuevo</b>"). Pairs of every other tag, block-level
// or unknown ("<x-card>"), keep their order (order).
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "acronym": true, "b": true, "bdi": true, "bdo": true,
	"big": true, "button": true, "cite": true, "code": true, "data": true, "del": true,
	"dfn": true, "em": true, "font": true, "i": true, "ins": true, "kbd": true,
	"label": true, "mark": true, "meter": true, "nobr": true, "output": true,
	"progress": true, "q": true, "rp": true, "rt": true, "ruby": true, "s": true,
	"samp": true, "small": true, "span": true, "strike": true, "strong": true,
	"sub": true, "sup": true, "time": true, "tt": true, "u": true, "var": true,
}

// tagName returns the lower-case name of the tag s starts with ("li" for
// "<li>", "</td>", "<br/>", "<pre>x</pre>", "x-card" for "<x-card a=b>"),
// or "" when s starts with no tag. Only the leading tag counts: what
// follows it in an element kept whole ("<code><div></code>") is its
// content, not markup.
func tagName(s string) string {
	if !strings.HasPrefix(s, "<") {
		return ""
	}
	s = strings.TrimPrefix(s[1:], "/")
	end := strings.IndexFunc(s, func(r rune) bool { return !isASCIIAlnum(r) && r != '-' })
	if end <= 0 || end == len(s) || !isASCIIAlnum(rune(s[0])) {
		return "" // no tag: "<", "< b", "<li" at the end of the text
	}
	return strings.ToLower(s[:end])
}

// blockTag reports whether s, a delimiter or a protected part, starts
// with a tag of one of blockTags.
func blockTag(s string) bool { return blockTags[tagName(s)] }

func isASCIIAlnum(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

// atomSpans turns protected ranges into spans.
func atomSpans(ranges [][2]int) []span {
	spans := make([]span, len(ranges))
	for i, r := range ranges {
		spans[i] = span{start: r[0], end: r[1], kind: spanAtom}
	}
	return spans
}

// tokenSpans finds the spans of text, scanned into toks (entity.Scan or
// ScanHTML: their texts must spell text; html says which). Atoms are
// protected, and so is every occurrence of a protect term inside prose
// (as for deformat); pairs of markup delimiters with prose inside become
// pairs, the others atoms: a pair without prose inside is one atom from
// its opening to its closing delimiter, and a delimiter without its
// partner, or whose pair crosses another, is an atom of its own.
func tokenSpans(text string, toks []entity.Token, protect []string, html bool) ([]span, []pair, error) {
	offs := make([]int, len(toks)+1)
	for i, t := range toks {
		if !strings.HasPrefix(text[offs[i]:], t.Text) {
			return nil, nil, fmt.Errorf("apertium: the request's tokens do not spell its text (token %d)", i)
		}
		offs[i+1] = offs[i] + len(t.Text)
	}
	if offs[len(toks)] != len(text) {
		return nil, nil, fmt.Errorf("apertium: the request's tokens do not spell its text (%d of %d bytes)", offs[len(toks)], len(text))
	}
	partner := partners(toks)
	wide := widened(toks, partner, protect)
	var (
		spans []span
		pairs []pair
		stack []int
	)
	for i := 0; i < len(toks); i++ {
		t, start, end := toks[i], offs[i], offs[i+1]
		switch {
		case t.Text == "":
		case t.Role == entity.Text:
			// The "*" a widened pair takes is no text of this token.
			lo, hi := 0, len(t.Text)
			if i > 0 && wide[i-1] && toks[i-1].Role == entity.Close {
				lo++
			}
			if i+1 < len(toks) && wide[i+1] && toks[i+1].Role == entity.Open {
				hi--
			}
			for _, r := range protectedSpans(t.Text[lo:hi], protect) {
				spans = append(spans, span{start: start + lo + r[0], end: start + lo + r[1], kind: spanAtom})
			}
		case t.Role == entity.Open && partner[i] >= 0 && prosaic(toks[i+1:partner[i]], protect):
			parent := -1
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			p := pair{open: t.Text, close: toks[partner[i]].Text, parent: parent,
				flexible: !html && t.Kind == entity.Emphasis}
			if wide[i] {
				p.open, p.close, start = "*"+p.open, p.close+"*", start-1
			}
			pairs = append(pairs, p)
			stack = append(stack, len(pairs)-1)
			spans = append(spans, span{start: start, end: end, kind: spanOpen, pair: len(pairs) - 1})
		case t.Role == entity.Open && partner[i] >= 0:
			c := partner[i]
			spans = append(spans, span{start: start, end: offs[c+1], kind: spanAtom})
			i = c
		case t.Role == entity.Close && partner[i] >= 0:
			if wide[i] {
				end++
			}
			spans = append(spans, span{start: start, end: end, kind: spanClose, pair: stack[len(stack)-1]})
			stack = stack[:len(stack)-1]
		default:
			spans = append(spans, span{start: start, end: end, kind: spanAtom})
		}
	}
	return spans, pairs, nil
}

// widened marks the "**" pairs of toks (both delimiters) that stand
// between a "*" of text on either side ("***x***", which the scan reads
// as a literal "*" around a "**" pair): the pair takes the two "*" as
// its own, so that they move with its words instead of staying where
// they were ("the ***big*** car" would be "El *coche* **grande**"). A
// "*" that a pair before took, or that is part of a protected term, is
// left alone.
func widened(toks []entity.Token, partner []int, protect []string) []bool {
	wide := make([]bool, len(toks))
	// star says whether toks[i] is text whose first (atEnd: last)
	// byte is a "*" that no pair took and no protected term holds.
	star := func(i int, atEnd bool) bool {
		if i < 0 || i >= len(toks) || toks[i].Role != entity.Text {
			return false
		}
		s := toks[i].Text
		k := 0
		if atEnd {
			k = len(s) - 1
			if len(s) == 1 && i > 0 && wide[i-1] && toks[i-1].Role == entity.Close {
				return false // the "*" of "***a****b***" went to a
			}
		}
		if k < 0 || s[k] != '*' {
			return false
		}
		for _, r := range protectedSpans(s, protect) {
			if r[0] <= k && k < r[1] {
				return false
			}
		}
		return true
	}
	for i, t := range toks {
		c := partner[i]
		if t.Role != entity.Open || c < 0 || t.Kind != entity.Emphasis || t.Text != "**" {
			continue
		}
		if star(i-1, true) && star(c+1, false) && prosaic(toks[i+1:c], protect) {
			wide[i], wide[c] = true, true
		}
	}
	return wide
}

// partners pairs each opening delimiter in toks with its closing one (the
// index of the other, -1 for none). Pairs nest: of two that cross, the
// one opened later is no pair.
func partners(toks []entity.Token) []int {
	partner := make([]int, len(toks))
	for i := range partner {
		partner[i] = -1
	}
	open := map[int]int{}
	for i, t := range toks {
		switch t.Role {
		case entity.Open:
			open[t.ID] = i
		case entity.Close:
			if o, ok := open[t.ID]; ok {
				partner[o], partner[i] = i, o
				delete(open, t.ID)
			}
		}
	}
	for crossed := true; crossed; {
		crossed = false
		var stack []int
		for i, t := range toks {
			if partner[i] < 0 {
				continue
			}
			if t.Role == entity.Open {
				stack = append(stack, i)
				continue
			}
			if o := partner[i]; stack[len(stack)-1] != o {
				top := stack[len(stack)-1]
				partner[partner[top]], partner[top] = -1, -1
				crossed = true
				break
			}
			stack = stack[:len(stack)-1]
		}
	}
	return partner
}

// prosaic reports whether toks hold prose outside protected terms: a
// character that is neither blank nor white space.
func prosaic(toks []entity.Token, protect []string) bool {
	isProse := func(r rune) bool { return !isBlank(r) && !unicode.IsSpace(r) }
	for _, t := range toks {
		if t.Role != entity.Text {
			continue
		}
		last := 0
		for _, r := range protectedSpans(t.Text, protect) {
			if strings.IndexFunc(t.Text[last:r[0]], isProse) >= 0 {
				return true
			}
			last = r[1]
		}
		if strings.IndexFunc(t.Text[last:], isProse) >= 0 {
			return true
		}
	}
	return false
}

// itemKind says what a piece of an output stream is.
type itemKind uint8

const (
	itemWord  itemKind = iota // translated text between blanks
	itemAtom                  // a protected part (a superblank)
	itemSpace                 // a blank the engine wrote
	itemBlank                 // a superblank of the input's white space
	itemSep                   // a separator superblank
)

// item is a piece of an output stream.
type item struct {
	kind itemKind
	text string
	// pairs are the pairs the piece is inside (words: their word-bound
	// blank; protected parts: atomMark), enclosing pairs included.
	pairs []int
	// loose marks a superblank of blank-run characters outside markup
	// ("*", " # "): like punctuation, it may end up inside a pair's span.
	loose bool
	// lower marks a protected part whose next word is to start with a
	// lower-case letter (lowerRune).
	lower bool
}

func (it item) content() bool { return it.kind == itemWord || it.kind == itemAtom }

// rebuild turns an output stream of the input that l describes back into
// text, and returns the words the engine marked as unknown, in order. It
// unescapes, unwraps superblanks, drops the periods deformat added for
// the end-of-sentence marks and the unknown-word marks, puts each pair's
// delimiters around its span (place), closes the gaps of dropped words (gap) and
// gives the text the input's capital back (a pivot's second mode may
// lower it: "I do not want" to "je ne veux pas"). Its error says why the
// markup could not be placed.
func (l *layout) rebuild(stream string) (string, []string, error) {
	items, marked := l.parse(stream)
	opens, closes, err := l.place(items)
	if err != nil {
		return "", marked, err
	}
	// Pairs on one piece nest in the input's order (place checked that
	// they are related): the outer one opens first and closes last.
	for _, ps := range opens {
		slices.SortFunc(ps, func(a, b int) int { return l.depth(a) - l.depth(b) })
	}
	for _, ps := range closes {
		slices.SortFunc(ps, func(a, b int) int { return l.depth(b) - l.depth(a) })
	}
	var b strings.Builder
	b.Grow(len(stream))
	seen, lower := false, false
	for i := 0; i < len(items); {
		if !items[i].content() {
			j := i
			for j < len(items) && !items[j].content() {
				j++
			}
			delimited := (i > 0 && len(closes[i-1]) > 0) || (j < len(items) && len(opens[j]) > 0)
			g := gap(items, i, j, delimited)
			if strings.ContainsAny(g, "\n\r") {
				lower = false // a line break: the sentence is over
			}
			b.WriteString(g)
			i = j
			continue
		}
		for _, p := range opens[i] {
			b.WriteString(l.pairs[p].open)
		}
		text := items[i].text
		k := strings.IndexFunc(text, unicode.IsLetter)
		if !seen && k >= 0 {
			seen = true
			if l.capital && items[i].kind == itemWord {
				text = titleAt(text, k)
			}
		}
		switch {
		case lower && k >= 0:
			// The first word with letters after a protected part
			// that starts a sentence.
			lower = false
			if items[i].kind == itemWord && !(l.english && pronounI(text[k:])) {
				text = lowerAt(text, k)
			}
		case lower && strings.ContainsAny(text, ".!?…"):
			lower = false // the engine dropped the words of the sentence
		}
		if items[i].lower {
			lower = true
		}
		b.WriteString(text)
		for _, p := range closes[i] {
			b.WriteString(l.pairs[p].close)
		}
		i++
	}
	return b.String(), marked, nil
}

// titleAt gives the letter at text[k] its title case when it is a
// lower-case letter of a cased script.
func titleAt(text string, k int) string {
	r, size := utf8.DecodeRuneInString(text[k:])
	if t := unicode.ToTitle(r); unicode.IsLower(r) && t != r {
		return text[:k] + string(t) + text[k+size:]
	}
	return text
}

// pronounI reports whether s starts with the English pronoun "I", alone or
// contracted ("I'm", "I’ll"): "Vale, lo miro luego" is "Ok, I look it
// afterwards", not "Ok, i look ...", when the set phrase "Vale" is the
// protected part before it.
func pronounI(s string) bool {
	if !strings.HasPrefix(s, "I") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// lowerAt gives the upper-case letter at text[k] its lower case, when no
// other letter after it is upper-case: "Y" and "El" are a sentence's
// capital, "ONU" and "GitHub" are written so.
func lowerAt(text string, k int) string {
	r, size := utf8.DecodeRuneInString(text[k:])
	if !unicode.IsUpper(r) || strings.IndexFunc(text[k+size:], unicode.IsUpper) >= 0 {
		return text
	}
	return text[:k] + string(unicode.ToLower(r)) + text[k+size:]
}

// parse splits an output stream into items and returns the marked words.
func (l *layout) parse(stream string) ([]item, []string) {
	var (
		items  []item
		marked []string
		word   strings.Builder
		bound  []int
	)
	flush := func() {
		if word.Len() > 0 {
			items = append(items, item{kind: itemWord, text: word.String(), pairs: bound})
			word.Reset()
		}
	}
	for i := 0; i < len(stream); {
		if j := marksEnd(stream, i); j > i {
			// The word goes on as text: only the marks are dropped.
			marked = append(marked, stream[j:wordEnd(stream, j)])
			i = j
			continue
		}
		c := stream[i]
		switch {
		case c == '\\' && i+1 < len(stream):
			_, size := utf8.DecodeRuneInString(stream[i+1:])
			word.WriteString(stream[i+1 : i+1+size])
			i += 1 + size
		case strings.HasPrefix(stream[i:], "[["):
			flush()
			j := wordBoundEnd(stream, i)
			bound = nil
			if ids := strings.TrimSuffix(stream[i+2:j], "]]"); ids != "/" {
				bound = l.closure(ids)
			}
			i = j
		case strings.HasPrefix(stream[i:], "[]"):
			// An end-of-sentence mark: the period in front of it is
			// deformat's, also when a word-bound blank closed between
			// the two.
			switch {
			case word.Len() > 0:
				if s := word.String(); strings.HasSuffix(s, ".") {
					word.Reset()
					word.WriteString(s[:len(s)-1])
				}
			case len(items) > 0 && items[len(items)-1].kind == itemWord && strings.HasSuffix(items[len(items)-1].text, "."):
				last := &items[len(items)-1]
				if last.text = last.text[:len(last.text)-1]; last.text == "" {
					items = items[:len(items)-1]
				}
			}
			i += 2
		case c == '[':
			flush()
			raw, j := superblankContent(stream, i)
			items = append(items, l.superblank(raw))
			i = j
		default:
			r, size := utf8.DecodeRuneInString(stream[i:])
			if !unicode.IsSpace(r) {
				word.WriteString(stream[i : i+size])
			} else if flush(); len(items) > 0 && items[len(items)-1].kind == itemSpace {
				items[len(items)-1].text += stream[i : i+size]
			} else {
				items = append(items, item{kind: itemSpace, text: stream[i : i+size]})
			}
			i += size
		}
	}
	flush()
	return items, marked
}

// superblank classifies a superblank by its raw (escaped) content.
func (l *layout) superblank(raw string) item {
	if rest, ok := strings.CutPrefix(raw, lowerMark); ok {
		it := l.superblank(rest)
		it.lower = true
		return it
	}
	if rest, ok := strings.CutPrefix(raw, fixMark); ok {
		return item{kind: itemAtom, text: unescape(rest)}
	}
	switch {
	case raw == separator:
		return item{kind: itemSep}
	case strings.HasPrefix(raw, atomMark):
		if k := strings.Index(raw[1:], atomMark); k >= 0 {
			return item{kind: itemAtom, text: unescape(raw[k+2:]), pairs: l.closure(raw[1 : k+1])}
		}
	}
	text := unescape(raw)
	switch {
	case text != "" && strings.TrimFunc(text, unicode.IsSpace) == "":
		return item{kind: itemBlank, text: text}
	case strings.TrimFunc(text, func(r rune) bool { return isBlank(r) || unicode.IsSpace(r) }) == "":
		return item{kind: itemAtom, text: text, loose: true}
	}
	return item{kind: itemAtom, text: text}
}

// closure reads the pair indices of a word-bound blank or an atomMark
// ("0;2", "0; 2" as Apertium merges nested ones) and adds the pairs
// around them: every piece inside a pair is inside its parents too.
func (l *layout) closure(ids string) []int {
	var out []int
	for f := range strings.SplitSeq(ids, ";") {
		p, err := strconv.Atoi(strings.TrimSpace(f))
		for err == nil && p >= 0 && p < len(l.pairs) && !slices.Contains(out, p) {
			out = append(out, p)
			p = l.pairs[p].parent
		}
	}
	slices.Sort(out)
	return out
}

func (l *layout) depth(p int) int {
	d := 0
	for p = l.pairs[p].parent; p >= 0; p = l.pairs[p].parent {
		d++
	}
	return d
}

// place finds where each pair's delimiters go: around its span, the
// first and last pieces (indices in items) that came out inside it, when
// every piece between them is inside it too, or a word the engine added;
// otherwise the delimiters would enclose words they did not enclose in
// the input, or cross. A flexible pair then gets its delimiters around
// each run of its own pieces between the others, and one with no piece
// left is dropped; any other pair is declined (the error), and so are
// pairs that came out in another order than sentences apart in the
// input (order). opens and closes list the pairs whose delimiters go
// before and after each piece.
func (l *layout) place(items []item) (opens, closes map[int][]int, err error) {
	own := make([][]int, len(l.pairs))
	for i, it := range items {
		if !it.content() {
			continue
		}
		for _, p := range it.pairs {
			own[p] = append(own[p], i)
		}
	}
	opens, closes = map[int][]int{}, map[int][]int{}
	for p, at := range own {
		flexible := l.pairs[p].flexible
		if len(at) == 0 {
			if flexible {
				continue
			}
			return nil, nil, fmt.Errorf("the translation dropped every word inside %s", l.describe(p))
		}
		first := at[0]
		for k := 1; k < len(at); k++ {
			if !intruded(items[at[k-1]+1:at[k]], p) {
				continue
			}
			if !flexible {
				return nil, nil, fmt.Errorf("the translation moved words across %s", l.describe(p))
			}
			opens[first] = append(opens[first], p)
			closes[at[k-1]] = append(closes[at[k-1]], p)
			first = at[k]
		}
		opens[first] = append(opens[first], p)
		closes[at[len(at)-1]] = append(closes[at[len(at)-1]], p)
	}
	if err := l.order(own); err != nil {
		return nil, nil, err
	}
	return opens, closes, nil
}

// order checks that the pairs which are not flexible came out in the
// input's order where the translation may not reorder them, which would
// serve two blocks' contents as each other's: pairs with a sentence end
// between them (the marks encode writes at block tags and paragraph
// breaks), and pairs of tags that are not inlineTags (list items, table
// cells, divs, unknown elements) wherever they are. Within a sentence,
// inline pairs may be reordered (an adjective's <b> after its noun's
// <a>). The sentence marks keep Apertium from moving words across
// blocks; this is the check that it did not, also for blocks whose tags
// wrote no mark. own holds each pair's pieces (place): the pieces of a
// pair inside another are the other's too.
func (l *layout) order(own [][]int) error {
	var ps []int
	for p, at := range own {
		if len(at) > 0 && !l.pairs[p].flexible && l.pairs[p].first >= 0 {
			ps = append(ps, p)
		}
	}
	// In output order (a pair before those inside it: the stable sort
	// keeps the input's order of pairs that start on one piece), no
	// pair may end in a sentence before the first sentence of one that
	// came out ahead of it, and the pairs that keep their order must
	// come in the input's (pair indices count in opening order).
	slices.SortStableFunc(ps, func(a, b int) int { return own[a][0] - own[b][0] })
	// ahead: of the pairs out so far, the one whose first sentence is
	// the latest; fixed: the last pair out that keeps its order.
	ahead, fixed := -1, -1
	for _, p := range ps {
		if ahead >= 0 && l.pairs[p].last < l.pairs[ahead].first {
			return fmt.Errorf("the translation moved the words inside %s ahead of those inside %s, across the end of a sentence",
				l.describe(ahead), l.describe(p))
		}
		if ahead < 0 || l.pairs[p].first > l.pairs[ahead].first {
			ahead = p
		}
		if name := tagName(l.pairs[p].open); name == "" || inlineTags[name] {
			continue
		}
		if p < fixed {
			return fmt.Errorf("the translation moved the words inside %s ahead of those inside %s", l.describe(fixed), l.describe(p))
		}
		fixed = p
	}
	return nil
}

// intruded reports whether items, between two pieces of pair p, hold a
// piece from outside p: a word bound to other pairs only, or a protected
// part. A word bound to no pair may be one the engine added (a
// preposition), and blank-run characters are like punctuation: neither
// counts.
func intruded(items []item, p int) bool {
	for _, it := range items {
		if it.content() && !it.loose && !slices.Contains(it.pairs, p) && (it.kind == itemAtom || len(it.pairs) > 0) {
			return true
		}
	}
	return false
}

// describe names pair p for an error without quoting attribute values.
func (l *layout) describe(p int) string {
	open := l.pairs[p].open
	if strings.HasPrefix(open, "<") {
		return entity.DescribeMarkup(open)
	}
	return fmt.Sprintf("the markup %q", open)
}

// gap is the text for the blanks between two pieces of output (items[i:j],
// none of them content). When the engine drops a word, the blanks on
// either side of it meet ("Hola {name},  tienes"); every run of white
// space of the input's other than one space or one lone NBSP is a
// superblank, so two raw blanks side by side are such a meeting, never
// the input's. The gap keeps the input's superblanks, those holding a
// line break or else the first one, or else one raw blank (its first
// character). Separators alone come out as nothing, or as a space where
// they stand between two words with no delimiter (the words they
// separated moved apart); delimited says that a delimiter is written at
// either end of the gap.
func gap(items []item, i, j int, delimited bool) string {
	var (
		blanks []string
		raw    string
		sep    bool
	)
	for _, it := range items[i:j] {
		switch it.kind {
		case itemBlank:
			blanks = append(blanks, it.text)
		case itemSpace:
			if raw == "" {
				_, size := utf8.DecodeRuneInString(it.text)
				raw = it.text[:size]
			}
		case itemSep:
			sep = true
		}
	}
	switch {
	case len(blanks) > 1:
		var lines []string
		for _, s := range blanks {
			if strings.ContainsAny(s, "\n\r") {
				lines = append(lines, s)
			}
		}
		if len(lines) > 0 {
			return strings.Join(lines, "")
		}
		return blanks[0]
	case len(blanks) == 1:
		return blanks[0]
	case raw != "":
		return raw
	case !sep || delimited || i == 0 || j == len(items):
		return ""
	}
	before, _ := utf8.DecodeLastRuneInString(items[i-1].text)
	after, _ := utf8.DecodeRuneInString(items[j].text)
	if isWordRune(before) && isWordRune(after) {
		return " "
	}
	return ""
}

// superblankContent returns the raw content of the superblank that starts
// at stream[i] and the index after it (its closing bracket, or the end of
// an unterminated one).
func superblankContent(stream string, i int) (string, int) {
	for j := i + 1; j < len(stream); j++ {
		switch stream[j] {
		case '\\':
			j++
		case ']':
			return stream[i+1 : j], j + 1
		}
	}
	return stream[i+1:], len(stream)
}

// unescape removes the stream's backslash escapes from s.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

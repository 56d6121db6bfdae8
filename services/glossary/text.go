package glossary

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// folding is how case is compared.
type folding uint8

const (
	// caseExact keeps case: case-sensitive terms.
	caseExact folding = iota
	// foldDefault is Unicode full case folding ("STRASSE" = "straße").
	foldDefault
	// foldTurkic first maps I to ı and İ to i, as Turkish and Azerbaijani
	// write them, so that "ISTANBUL" is not "istanbul" but "İSTANBUL" is.
	foldTurkic
)

// foldingOf returns the case folding for a language.
func foldingOf(tag language.Tag) folding {
	base, _ := tag.Base()
	switch base.String() {
	case "tr", "az":
		return foldTurkic
	}
	return foldDefault
}

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

var (
	oneSpace    = []byte{' '}
	dotlessI    = []byte("ı")
	turkicUpper = strings.NewReplacer("I", "ı", "İ", "i")
)

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
func normalize(text string, f folding) normalized { return normalizeText(text, f, true) }

// normalizeText is normalize; without track it skips the offset maps,
// which only texts (not terms) need.
func normalizeText(text string, f folding, track bool) normalized {
	var out normalized
	if track {
		out.seg = make([]int32, 0, len(text))
		out.spans = make([]span, 0, len(text))
	}
	b := make([]byte, 0, len(text))
	var (
		it  norm.Iter
		c   cases.Caser
		buf [256]byte
	)
	if f != caseExact {
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
				if track {
					out.spans[len(out.spans)-1].end = end
				}
				continue
			}
			seg = oneSpace
		} else if f != caseExact {
			seg = foldSegment(&c, seg, buf[:], f)
		}
		if !track {
			b = append(b, seg...)
			continue
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
func key(term string, f folding) string {
	if isASCII(term) && simpleASCII(term, f) {
		return term // already its own key: the common case for English terms
	}
	return strings.TrimSpace(normalizeText(term, f, false).s)
}

// simpleASCII reports whether an ASCII term is unchanged by normalization:
// no upper case (when folding), no leading, trailing or repeated white
// space, no white space other than ' '.
func simpleASCII(s string, f folding) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case c < ' ' || c == 0x7f:
			return false
		case f != caseExact && 'A' <= c && c <= 'Z':
			return false
		}
	}
	return true
}

func foldSegment(c *cases.Caser, seg, buf []byte, f folding) []byte {
	if len(seg) == 1 && seg[0] < utf8.RuneSelf {
		if f == foldTurkic && seg[0] == 'I' {
			return dotlessI
		}
		return asciiLower[seg[0]]
	}
	if f == foldTurkic {
		if s := string(seg); strings.ContainsAny(s, "Iİ") {
			seg = []byte(turkicUpper.Replace(s))
		}
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

// startOK reports whether a term starting at s[start] starts a word.
func startOK(s string, start int) bool {
	if start == 0 {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s[start:])
	if !needsBoundary(first) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:start])
	return separated(first, prev)
}

// endOK reports whether a term ending at s[end] ends a word. The end of a
// Hangul term needs no boundary: Korean glues particles to nouns
// ("스레드에서").
func endOK(s string, start, end int) bool {
	if end >= len(s) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(s[start:end])
	if !needsBoundary(last) || unicode.Is(unicode.Hangul, last) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[end:])
	return separated(last, next)
}

// atBoundaries reports whether s[start:end] is a whole-word occurrence.
// Edges in scripts without spaces need no boundary.
func atBoundaries(s string, start, end int) bool {
	return startOK(s, start) && endOK(s, start, end)
}

// wordEnd returns the end of the word of a space-separated script that
// starts at s[i] (i itself when s[i] does not start one). A change of script
// ends a word.
func wordEnd(s string, i int) int {
	prev := rune(-1)
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !needsBoundary(r) || (prev >= 0 && !sameScript(prev, r)) {
			break
		}
		prev = r
		i += size
	}
	return i
}

// extend checks a key found at s[start:end] against its match kind and
// returns the end of the occurrence, or -1 when it does not count. Stem and
// prefix matches run on to the end of the word; a stem match only when what
// follows is one of the language's endings.
func extend(s string, start, end int, m Match, e *endings) int {
	switch m {
	case MatchSubstring:
		return end
	case MatchExact:
		if atBoundaries(s, start, end) {
			return end
		}
		return -1
	}
	if !startOK(s, start) {
		return -1
	}
	last, _ := utf8.DecodeLastRuneInString(s[start:end])
	if !needsBoundary(last) {
		// Scripts without spaces have no word end to run on to.
		return end
	}
	ext := end
	for ext < len(s) {
		r, size := utf8.DecodeRuneInString(s[ext:])
		if !needsBoundary(r) || !sameScript(last, r) {
			break
		}
		ext += size
	}
	if m == MatchPrefix || e.accepts(s[end:ext]) {
		return ext
	}
	return -1
}

// occurrences calls fn for each occurrence of k in s (left to right, not
// overlapping) and returns how many there are.
func occurrences(s, k string, m Match, e *endings, fn func(start, end int)) int {
	if k == "" {
		return 0
	}
	n := 0
	for i := 0; i <= len(s)-len(k); {
		j := strings.Index(s[i:], k)
		if j < 0 {
			break
		}
		st := i + j
		if end := extend(s, st, st+len(k), m, e); end >= 0 {
			n++
			if fn != nil {
				fn(st, end)
			}
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[st:])
		i = st + size
	}
	return n
}

// termIndex indexes one column's terms, case-insensitive ones by folded
// key and case-sensitive ones by exact key.
type termIndex struct {
	folded *index
	exact  *index
}

func newTermIndex(f folding, e *endings) termIndex {
	return termIndex{folded: newIndex(f, e), exact: newIndex(caseExact, e)}
}

func (ti termIndex) add(term string, caseSensitive bool, m Match, ref int) {
	if caseSensitive {
		ti.exact.add(term, m, ref)
	} else {
		ti.folded.add(term, m, ref)
	}
}

func (ti termIndex) freeze() {
	ti.folded.freeze()
	ti.exact.freeze()
}

func (ti termIndex) empty() bool {
	return ti.folded == nil || ti.folded.empty() && ti.exact.empty()
}

// index finds terms in normalized text. A scan costs one map lookup per
// word for terms that start with a word of a space-separated script, a few
// more per word for stem and prefix terms (looked up by the word's
// prefixes), and one lookup per character for terms that start in a script
// without spaces or with punctuation, and for terms matched inside words.
// Candidates are tried longest first.
type index struct {
	fold    folding
	endings *endings
	n       int

	// words: terms by their first word.
	words map[string][]indexed
	// open: one-word terms that the text may continue inside the same
	// word, by their (stemmed) key: stem and prefix terms, and Hangul terms,
	// which Korean particles follow without a space.
	open     map[string][]indexed
	openLens []int // distinct key lengths in open, longest first
	// lead: terms whose first rune needs no word boundary, by that rune.
	leadASCII [utf8.RuneSelf][]indexed
	lead      map[rune][]indexed
	// subs: terms matched anywhere (whole_word=false), by first rune.
	subsASCII [utf8.RuneSelf][]indexed
	subs      map[rune][]indexed
}

type indexed struct {
	key   string
	ref   int
	match Match
}

func newIndex(f folding, e *endings) *index {
	return &index{fold: f, endings: e, words: map[string][]indexed{}, open: map[string][]indexed{},
		lead: map[rune][]indexed{}, subs: map[rune][]indexed{}}
}

// add indexes a term (not yet normalized).
func (ix *index) add(term string, m Match, ref int) {
	k := key(term, ix.fold)
	if m == MatchStem {
		k = stemKey(k, ix.endings)
	}
	if k == "" {
		return
	}
	ix.n++
	it := indexed{key: k, ref: ref, match: m}
	r, _ := utf8.DecodeRuneInString(k)
	switch {
	case m == MatchSubstring:
		if r < utf8.RuneSelf {
			ix.subsASCII[r] = append(ix.subsASCII[r], it)
		} else {
			ix.subs[r] = append(ix.subs[r], it)
		}
	case !needsBoundary(r):
		if r < utf8.RuneSelf {
			ix.leadASCII[r] = append(ix.leadASCII[r], it)
		} else {
			ix.lead[r] = append(ix.lead[r], it)
		}
	case wordEnd(k, 0) == len(k) && (m == MatchStem || m == MatchPrefix || endsInHangul(k)):
		ix.open[k] = append(ix.open[k], it)
		if !slices.Contains(ix.openLens, len(k)) {
			ix.openLens = append(ix.openLens, len(k))
		}
	default:
		w := k[:wordEnd(k, 0)]
		ix.words[w] = append(ix.words[w], it)
	}
}

func endsInHangul(k string) bool {
	r, _ := utf8.DecodeLastRuneInString(k)
	return unicode.Is(unicode.Hangul, r)
}

// freeze orders every bucket longest key first (then by ref, for stable
// results), which scan relies on for ties.
func (ix *index) freeze() {
	order := func(x, y indexed) int {
		if c := cmp.Compare(len(y.key), len(x.key)); c != 0 {
			return c
		}
		return cmp.Compare(x.ref, y.ref)
	}
	for _, m := range []map[string][]indexed{ix.words, ix.open} {
		for _, b := range m {
			slices.SortStableFunc(b, order)
		}
	}
	for _, m := range []map[rune][]indexed{ix.lead, ix.subs} {
		for _, b := range m {
			slices.SortStableFunc(b, order)
		}
	}
	for i := range ix.leadASCII {
		slices.SortStableFunc(ix.leadASCII[i], order)
		slices.SortStableFunc(ix.subsASCII[i], order)
	}
	slices.SortFunc(ix.openLens, func(a, b int) int { return b - a })
}

func (ix *index) empty() bool { return ix.n == 0 }

func (ix *index) leadBucket(r rune) []indexed {
	if r < utf8.RuneSelf {
		return ix.leadASCII[r]
	}
	if len(ix.lead) == 0 {
		return nil
	}
	return ix.lead[r]
}

func (ix *index) subsBucket(r rune) []indexed {
	if r < utf8.RuneSelf {
		return ix.subsASCII[r]
	}
	if len(ix.subs) == 0 {
		return nil
	}
	return ix.subs[r]
}

// scan calls emit for the longest acceptable term occurrence starting at
// each position of s (a normalized text).
func (ix *index) scan(s string, accept func(ref int) bool, emit func(start, end, ref int)) {
	var (
		bestEnd, bestRef int
		i                int
	)
	try := func(cands []indexed) {
		for _, c := range cands {
			if accept != nil && !accept(c.ref) {
				continue
			}
			if !strings.HasPrefix(s[i:], c.key) {
				continue
			}
			if end := extend(s, i, i+len(c.key), c.match, ix.endings); end > bestEnd {
				bestEnd, bestRef = end, c.ref
			}
		}
	}
	prev := rune(-1)
	hasWords := len(ix.words) > 0 || len(ix.openLens) > 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		bestEnd = -1
		if needsBoundary(r) {
			// Inside a word no whole-word term can start: skip the lookups.
			if hasWords && (prev < 0 || separated(r, prev)) {
				we := wordEnd(s, i)
				if len(ix.words) > 0 {
					try(ix.words[s[i:we]])
				}
				for _, l := range ix.openLens {
					if l > we-i || (i+l < len(s) && !utf8.RuneStart(s[i+l])) {
						continue
					}
					try(ix.open[s[i:i+l]])
				}
			}
		} else {
			try(ix.leadBucket(r))
		}
		try(ix.subsBucket(r))
		if bestEnd > i {
			emit(i, bestEnd, bestRef)
		}
		prev = r
		i += size
	}
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

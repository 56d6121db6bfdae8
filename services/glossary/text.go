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

	"github.com/parley-chat/parley/shared/textmatch"
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

// normalized is a text in the form terms are compared in (NFC, apostrophe
// and hyphen variants as ASCII, optionally case-folded, runs of white
// space collapsed to one space) together with a
// map back to byte offsets of the text as the caller sent it. Offsets and
// protected strings must refer to the caller's text, not to our rewrite of
// it, because the translator receives the caller's text.
type normalized struct {
	s string
	textmatch.Offsets
	// back maps the text normalized to the caller's, when they differ in
	// more than blanked entities: an HTML text's decoded escapes
	// (maskHTML). nil otherwise.
	back []textmatch.Span
}

type span struct{ start, end int }

// orig maps the normalized byte range [start, end) back to the original text,
// widening to whole normalization segments (and whole HTML escapes).
func (n *normalized) orig(start, end int) span {
	o := n.Orig(start, end)
	if n.back != nil {
		return span{n.back[o.Start].Start, n.back[o.End-1].End}
	}
	return span{o.Start, o.End}
}

var asciiSame = func() (t [128][]byte) {
	for i := range t {
		t[i] = []byte{byte(i)}
	}
	return t
}()

var (
	dotlessI    = []byte("ı")
	turkicUpper = strings.NewReplacer("I", "ı", "İ", "i")
)

// normalize walks the text one normalization segment at a time (a starter
// and its combining marks), so that every output byte can be traced to the
// input bytes it came from even when folding changes the length ("ß" folds
// to "ss", "İ" to "i̇").
func normalize(text string, f folding) normalized { return normalizeText(text, f, true) }

// normalizeText is normalize; without track it skips the offset maps,
// which only texts (not terms) need.
func normalizeText(text string, f folding, track bool) normalized {
	return normalizeWith(text, f, track, true)
}

// Typographic variants of the apostrophe and the hyphen, compared as the
// ASCII character: keyboards, phones and models write "point d’accès"
// (U+2019) for the glossary's "point d'accès", or a non-breaking hyphen
// (U+2011) for "e-mail". A whole segment is replaced, so offsets stay
// exact and a repair replaces exactly the text's own characters.
var (
	apostrophes = []rune{'\u2019', '\u2018', '\u02bc', '\uff07'}
	hyphens     = []rune{'\u2010', '\u2011'}
	asciiApos   = []byte{'\''}
	asciiHyphen = []byte{'-'}
)

// foldPunct returns the segment with a leading apostrophe or hyphen variant
// replaced by its ASCII form, or seg itself.
func foldPunct(seg []byte) []byte {
	if len(seg) < 2 {
		return seg
	}
	r, size := utf8.DecodeRune(seg)
	var with []byte
	switch {
	case slices.Contains(apostrophes, r):
		with = asciiApos
	case slices.Contains(hyphens, r):
		with = asciiHyphen
	default:
		return seg
	}
	if size == len(seg) {
		return with
	}
	return append(slices.Clip(with), seg[size:]...) // combining marks after it (rare)
}

// legacyKey is key without the apostrophe and hyphen folding, as keys were
// before it: derived entry ids hash it, so that they stay the same, and
// stored glossaries are checked with it where the folding would make two
// of their terms one (see Report.Stored).
func legacyKey(term string, f folding) string {
	if textmatch.IsASCII(term) && simpleASCII(term, f) {
		return term
	}
	return strings.TrimSpace(normalizeWith(term, f, false, false).s)
}

// normalizeWith is normalizeText; punct folds the apostrophe and hyphen
// variants (foldPunct).
func normalizeWith(text string, f folding, track, punct bool) normalized {
	var out normalized
	if track {
		out.Offsets = textmatch.NewOffsets(len(text))
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
	ascii := textmatch.IsASCII(text)
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
		orig := textmatch.Span{Start: start, End: pos}
		if r, size := utf8.DecodeRune(seg); size == len(seg) && unicode.IsSpace(r) {
			switch {
			case track:
				b = out.AppendSpace(b, orig)
			case len(b) == 0 || b[len(b)-1] != ' ':
				b = append(b, ' ')
			}
			continue
		}
		if punct {
			seg = foldPunct(seg)
		}
		if f != caseExact {
			seg = foldSegment(&c, seg, buf[:], f)
		}
		if track {
			b = out.Append(b, seg, orig)
		} else {
			b = append(b, seg...)
		}
	}
	out.s = string(b)
	return out
}

// key is the normalized form of a glossary term, trimmed.
func key(term string, f folding) string {
	if textmatch.IsASCII(term) && simpleASCII(term, f) {
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

// foldSegment folds one segment with c (cases.Fold), first applying the
// Turkic dotted and dotless I where f says so.
func foldSegment(c *cases.Caser, seg, buf []byte, f folding) []byte {
	if f == foldTurkic {
		if len(seg) == 1 && seg[0] == 'I' {
			return dotlessI
		}
		if len(seg) > 1 {
			if s := string(seg); strings.ContainsAny(s, "Iİ") {
				seg = []byte(turkicUpper.Replace(s))
			}
		}
	}
	return textmatch.Fold(c, seg, buf)
}

// wordEnd returns the end of the word of a space-separated script that
// starts at s[i] (i itself when s[i] does not start one). A change of script
// ends a word.
func wordEnd(s string, i int) int {
	prev := rune(-1)
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !textmatch.NeedsBoundary(r) || (prev >= 0 && !textmatch.SameScript(prev, r)) {
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
// follows is one of the endings a allows, and it may start after one of
// the proclitics a allows instead of at the start of a word.
func extend(s string, start, end int, m Match, a *affixes) int {
	switch m {
	case MatchSubstring:
		return end
	case MatchExact:
		if textmatch.WholeWord(s, start, end) {
			return end
		}
		return -1
	}
	if !textmatch.StartsWord(s, start) && (m != MatchStem || !a.afterProclitic(s, start)) {
		return -1
	}
	last, _ := utf8.DecodeLastRuneInString(s[start:end])
	if !textmatch.NeedsBoundary(last) {
		// Scripts without spaces have no word end to run on to.
		return end
	}
	ext := end
	for ext < len(s) {
		r, size := utf8.DecodeRuneInString(s[ext:])
		if !textmatch.NeedsBoundary(r) || !textmatch.SameScript(last, r) {
			break
		}
		ext += size
	}
	if m == MatchPrefix || a.accepts(s[end:ext]) {
		return ext
	}
	return -1
}

// occurrences calls fn for each occurrence of k in s (left to right, not
// overlapping) and returns how many there are. a is what may surround k in
// a stem match (see endings.stem).
func occurrences(s, k string, m Match, a *affixes, fn func(start, end int)) int {
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
		if end := extend(s, st, st+len(k), m, a); end >= 0 {
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
	aff   *affixes // for stem matches
}

func newIndex(f folding, e *endings) *index {
	return &index{fold: f, endings: e, words: map[string][]indexed{}, open: map[string][]indexed{},
		lead: map[rune][]indexed{}, subs: map[rune][]indexed{}}
}

// add indexes a term (not yet normalized).
func (ix *index) add(term string, m Match, ref int) {
	k := key(term, ix.fold)
	var aff *affixes
	if m == MatchStem {
		k, aff = ix.endings.stem(k)
	}
	if k == "" {
		return
	}
	ix.n++
	it := indexed{key: k, ref: ref, match: m, aff: aff}
	r, _ := utf8.DecodeRuneInString(k)
	switch {
	case m == MatchSubstring:
		if r < utf8.RuneSelf {
			ix.subsASCII[r] = append(ix.subsASCII[r], it)
		} else {
			ix.subs[r] = append(ix.subs[r], it)
		}
	case !textmatch.NeedsBoundary(r):
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
		bestStart, bestEnd, bestRef int
		i                           int
	)
	try := func(at int, cands []indexed) {
		for _, c := range cands {
			if accept != nil && !accept(c.ref) {
				continue
			}
			if !strings.HasPrefix(s[at:], c.key) {
				continue
			}
			if end := extend(s, at, at+len(c.key), c.match, c.aff); end > bestEnd {
				bestStart, bestEnd, bestRef = at, end, c.ref
			}
		}
	}
	// tryWords looks up the terms that may start at s[at], inside the
	// word that ends at we.
	tryWords := func(at, we int) {
		if len(ix.words) > 0 {
			try(at, ix.words[s[at:we]])
		}
		for _, l := range ix.openLens {
			if l > we-at || (at+l < len(s) && !utf8.RuneStart(s[at+l])) {
				continue
			}
			try(at, ix.open[s[at:at+l]])
		}
	}
	var proclitics []string
	if ix.endings != nil {
		proclitics = ix.endings.proclitics
	}
	prev := rune(-1)
	hasWords := len(ix.words) > 0 || len(ix.openLens) > 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		bestStart, bestEnd = i, -1
		wordStart, we := false, i
		if textmatch.NeedsBoundary(r) {
			// Inside a word no whole-word term can start: skip the lookups.
			if hasWords && (prev < 0 || textmatch.Separated(r, prev)) {
				wordStart, we = true, wordEnd(s, i)
				tryWords(i, we)
			}
		} else {
			try(i, ix.leadBucket(r))
		}
		try(i, ix.subsBucket(r))
		if bestEnd < 0 && wordStart {
			// A stem term after a proclitic written together with it
			// (Arabic "ال"); extend accepts only stem matches there.
			for _, p := range proclitics {
				if at := i + len(p); at < we && strings.HasPrefix(s[i:], p) {
					tryWords(at, we)
					if bestEnd >= 0 {
						break
					}
				}
			}
		}
		if bestEnd > bestStart {
			emit(bestStart, bestEnd, bestRef)
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

// Range implements textmatch.Ranged, for textmatch.Resolve.
func (h hit) Range() (start, end, rank int) { return h.start, h.end, h.rank }

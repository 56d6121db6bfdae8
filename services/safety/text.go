package safety

import (
	"bytes"
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

// normalized is a text in the form lexicon entries are compared in (NFKC,
// look-alike letters rewritten, case-folded, invisible characters and
// stray combining marks removed, runs of white space collapsed to one
// space) together with a map back to byte offsets of the text as the
// caller sent it, so that spans point at what the moderator will see.
type normalized struct {
	s string
	textmatch.Offsets
	// runs are the byte offsets in s where a letter repeated minRun times
	// or more in a row starts ("fuuuck"), in order: matching tries drawn-out
	// forms of an entry only where one is in reach.
	runs []int
	// variants are s with leetspeak read as letters (see leetVariants),
	// and with я for the а an "@" became in a Cyrillic word (cyrillicAt);
	// each has the same length as s, so seg maps them too.
	variants []string
	// readings are s read another way, with another length: the words spelled
	// out letter by letter ("f u c k"; see spelledOut), added by the first
	// match, and, in some languages, s with doubled vowels read as one
	// ("fuuck"; see readDoubledVowels).
	readings []reading
	// spelled: match has added the words spelled out to readings;
	// undoubled: readDoubledVowels has added its words.
	spelled, undoubled bool
	// cyrillicAt are the offsets in s of the а that "@" became in a
	// Cyrillic word ("бл@дь"; see normalizeUnicode).
	cyrillicAt []int
	// keptAccents: keepWritten kept an accented letter. Unset, s is as
	// the profile without keepWritten makes it (lexiconSpans reuses it).
	keptAccents bool
}

type span struct{ start, end int }

// orig maps the normalized byte range [start, end) back to the original text,
// widening to whole normalization segments.
func (n *normalized) orig(start, end int) span {
	o := n.Orig(start, end)
	return span{o.Start, o.End}
}

// match calls emit for every match of list in n, in offsets of n.s: in s
// and its leetspeak variants as written, drawn out (runs) or with masked
// letters (scanMasked), and in its readings (words spelled out letter by
// letter, doubled vowels read as one).
func (n *normalized) match(list *compiled, emit func(start, end, ref int)) {
	if !n.spelled {
		// Looked for here rather than in normalize: entry keys and the
		// forms a check does not match never need them.
		n.spelled = true
		n.readings = append(n.readings, spelledOut(n.s)...)
	}
	for _, s := range n.texts() {
		list.idx.scan(s, n.runs, emit)
		list.scanMasked(s, emit)
	}
	for _, w := range n.readings {
		list.idx.scan(w.s, nil, func(start, end, ref int) { emit(w.at[start].start, w.at[end-1].end, ref) })
	}
}

// texts are the strings to scan: s and its leetspeak variants.
func (n *normalized) texts() []string {
	if len(n.variants) == 0 {
		return []string{n.s}
	}
	return append([]string{n.s}, n.variants...)
}

// profile is how a lexicon compares text: how case folds and where
// look-alike letters are rewritten. Entries and texts checked against them
// are normalized with the same profile, so that both sides agree.
type profile struct {
	// lang is the language whose case rules apply; only Turkic languages
	// differ from the default folding.
	lang        language.Tag
	turkic      bool
	confusables confusableMode
	// cyrillic breaks ties in confusablesMixed towards Cyrillic, for
	// languages written in it.
	cyrillic bool
	// plainU reads ü as u ("fück"), for Latin-script lists of languages
	// that do not write ü: there, no word needs it, while for German,
	// Spanish or Turkish it would make new words of real ones.
	plainU bool
	// plainAccents reads accented Latin letters as plain ones ("fúck",
	// "fuck" with a combining acute that NFKC composes into ḱ), for
	// English, which writes no accents, and the fallback, whose Latin
	// entries are English.
	plainAccents bool
	// keepWritten, with plainAccents, keeps the accented letters some
	// language writes (see writtenLetter) and strips only the others
	// ("fuck" with a combining acute, composed into ḱ). It is the
	// fallback's profile for a text in a known language other than
	// English: there "râpé" or Vietnamese "cúm" is a word of the text's
	// language, not an English word with accents on it.
	keepWritten bool
}

// keepingAccents is p for a text whose language writes accents (see
// keepWritten).
func (p profile) keepingAccents() profile {
	p.keepWritten = p.plainAccents
	return p
}

// writtenLetter reports whether r is a precomposed Latin letter that an
// orthography in everyday use writes: Latin-1, Latin Extended-A and -B,
// and the Vietnamese letters of Latin Extended Additional. The rest of
// that block (ḱ, ṡ, ẍ) is what an accent typed onto an English word
// composes into.
func writtenLetter(r rune) bool {
	return 0xC0 <= r && r <= 0x24F || 0x1EA0 <= r && r <= 0x1EF9
}

// profileFor returns the profile of a lexicon for base language lang
// (language.Und for the fallback) whose entries are mostly in Latin script
// when latin is set.
func profileFor(lang language.Tag, latin bool) profile {
	p := profile{lang: lang, confusables: confusablesMixed}
	base, _ := lang.Base()
	if latin {
		p.confusables = confusablesLatin
		p.plainU = !writesU[base.String()]
	}
	if base.String() == "tr" || base.String() == "az" {
		p.turkic = true
	}
	if lang == language.Und || base.String() == "en" {
		p.plainAccents = true
	}
	if script, conf := lang.Script(); conf != language.No && script.String() == "Cyrl" {
		p.cyrillic = true
	}
	return p
}

// writesU are the languages written in Latin script with ü as a letter of
// their own or of their spelling (German für, Spanish pingüino, Turkish
// gün, French capharnaüm, Portuguese before 2009): their lists keep ü.
var writesU = map[string]bool{
	"az": true, "ca": true, "de": true, "es": true, "et": true, "fr": true, "gl": true,
	"hu": true, "lb": true, "pt": true, "tk": true, "tr": true, "ug": true,
}

// defaultProfile is the profile of the fallback lexicon.
var defaultProfile = profileFor(language.Und, false)

// ignorable reports whether r is invisible and may be dropped before
// matching: format characters (zero-width space, joiners, soft hyphen,
// bidi controls and isolates, BOM, tag characters), variation selectors,
// the combining grapheme joiner, Mongolian free variation selectors and the
// Hangul fillers. Inserting one inside a word is the cheapest way to dodge
// a word list, and none of them changes how a word reads.
func ignorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0x34F, r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0,
		r == 0x640, // Arabic tatweel: it stretches a word and spells nothing
		0x180B <= r && r <= 0x180F, 0xFE00 <= r && r <= 0xFE0F, 0xE0100 <= r && r <= 0xE01EF:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// nfkcSeg is one normalization segment: its bytes in NFKC and its byte
// range in the original text.
type nfkcSeg struct {
	k    span // in the NFKC buffer
	orig textmatch.Span
}

// normalize brings text into the form of profile p. It works one
// normalization segment (a starter and its combining marks) at a time, so
// that every output byte can be traced to the input bytes it came from
// even when normalization changes the length (fullwidth "ｆ" becomes "f",
// "ß" folds to "ss"):
//
//  1. NFKC, dropping invisible characters (see ignorable);
//  2. look-alike letters rewritten (see toLatin and confusableMode);
//  3. case folding, with Turkish and Azerbaijani rules where p says so
//     (I folds to ı, İ to i);
//  4. combining marks left over after a Latin letter dropped: NFKC has
//     already composed every accent that has a precomposed letter, so what
//     remains is decoration ("f̶u̶c̶k̶", Zalgo text); ü read as u where p
//     says so (plainU);
//  5. "@" next to a Cyrillic letter read as а, in lists that are not
//     Latin-script ("бл@дь"; a variant reads it as я);
//  6. runs of white space collapsed to one space.
//
// Leetspeak, repeated letters and self-censored writing are handled at
// match time (variants, runs, scanMasked and readings), since they are
// ambiguous ("1" is i or l; "ass" has a double s; "*" may stand for any
// letter).
func normalize(text string, p profile) normalized {
	out := normalized{Offsets: textmatch.NewOffsets(len(text))}
	if textmatch.IsASCII(text) {
		normalizeASCII(text, p, &out)
	} else {
		normalizeUnicode(text, p, &out)
	}
	out.variants = leetVariants(out.s)
	if len(out.cyrillicAt) > 0 {
		// "@" hides а or я alike: "сук@" is сука, "бл@дь" блядь. Both
		// are two bytes, so the variant keeps the offsets.
		ya := []byte(out.s)
		for _, at := range out.cyrillicAt {
			copy(ya[at:], "я")
		}
		out.variants = append(out.variants, string(ya))
	}
	return out
}

// normalizeASCII is the fast path: ASCII is already in NFKC and has no
// look-alikes, so each byte is its own segment.
func normalizeASCII(text string, p profile, out *normalized) {
	b := make([]byte, 0, len(text))
	var runs runCounter
	for i := 0; i < len(text); i++ {
		c := text[i]
		if asciiSpace[c] {
			b = out.AppendSpace(b, textmatch.Span{Start: i, End: i + 1})
			runs.reset()
			continue
		}
		seg := textmatch.LowerASCII(c)
		if c == 'I' && p.turkic {
			seg = []byte("ı")
		}
		runs.add(rune(seg[0]), len(b), &out.runs)
		b = out.Append(b, seg, textmatch.Span{Start: i, End: i + 1})
	}
	out.s = string(b)
}

var asciiSpace = [128]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func normalizeUnicode(text string, p profile, out *normalized) {
	// Stage 1: NFKC segments, without the invisible ones.
	k := make([]byte, 0, len(text)+len(text)/4)
	segs := make([]nfkcSeg, 0, len(text))
	var it norm.Iter
	it.InitString(norm.NFKC, text)
	confusable := false
	for pos := 0; !it.Done(); {
		seg := it.Next()
		start := pos
		pos = it.Pos()
		ks := len(k)
		for i := 0; i < len(seg); {
			r, size := utf8.DecodeRune(seg[i:])
			if r >= utf8.RuneSelf && ignorable(r) {
				i += size
				continue
			}
			if m := enclosedLetter(r); m != 0 {
				k = utf8.AppendRune(k, m)
				i += size
				continue
			}
			if mayConfuse(r) {
				confusable = true
			}
			k = append(k, seg[i:i+size]...)
			i += size
		}
		if len(k) > ks {
			segs = append(segs, nfkcSeg{k: span{ks, len(k)}, orig: textmatch.Span{Start: start, End: pos}})
		}
	}

	// Stage 2: which segments have their look-alikes rewritten.
	var dirs []direction
	if confusable {
		dirs = directions(k, segs, p)
	}

	// Stage 3: rewrite, fold, clean, emit.
	fold := cases.Fold()
	var lower cases.Caser
	if p.turkic {
		lower = cases.Lower(p.lang)
	}
	var (
		mapped, folded, lowered, decomposed [64]byte
		runs                                runCounter
	)
	b := make([]byte, 0, len(k))
	for i, sg := range segs {
		seg := k[sg.k.start:sg.k.end]
		r, size := utf8.DecodeRune(seg)
		if size == len(seg) && unicode.IsSpace(r) {
			b = out.AppendSpace(b, sg.orig)
			runs.reset()
			continue
		}
		if dirs != nil && dirs[i] != keepScript {
			seg = rewrite(seg, dirs[i], p.turkic, mapped[:0])
		}
		if p.turkic {
			seg = textmatch.Transform(&lower, seg, lowered[:])
		}
		seg = textmatch.Fold(&fold, seg, folded[:])
		if p.plainU {
			seg = bytes.ReplaceAll(seg, []byte("ü"), []byte("u"))
		}
		if p.plainAccents && len(seg) > 1 {
			if first, _ := utf8.DecodeRune(seg); unicode.Is(unicode.Latin, first) {
				if p.keepWritten && writtenLetter(first) {
					out.keptAccents = true
				} else {
					seg = norm.NFD.Append(decomposed[:0], seg...)
				}
			}
		}
		seg = dropMarks(seg)
		if len(seg) == 0 {
			continue
		}
		if p.confusables != confusablesLatin && len(seg) == 1 && seg[0] == '@' && nextToCyrillic(k, segs, i) {
			out.cyrillicAt = append(out.cyrillicAt, len(b))
			seg = []byte("а")
		}
		first, _ := utf8.DecodeRune(seg)
		runs.add(first, len(b), &out.runs)
		b = out.Append(b, seg, sg.orig)
	}
	out.s = string(b)
}

// nextToCyrillic reports whether segment i stands next to a Cyrillic
// letter, before or after it.
func nextToCyrillic(k []byte, segs []nfkcSeg, i int) bool {
	for _, j := range [2]int{i - 1, i + 1} {
		if j < 0 || j >= len(segs) {
			continue
		}
		r, _ := utf8.DecodeRune(k[segs[j].k.start:segs[j].k.end])
		if unicode.IsLetter(r) && unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// directions decides, per segment, how look-alike letters are rewritten:
// all of them into Latin for a Latin-script lexicon, and for the others
// only inside words that mix scripts, towards the word's main script.
func directions(k []byte, segs []nfkcSeg, p profile) []direction {
	dirs := make([]direction, len(segs))
	if p.confusables == confusablesLatin {
		for i := range dirs {
			dirs[i] = intoLatin
		}
		return dirs
	}
	word := -1 // first segment of the current word
	var ws wordScripts
	finish := func(end int) {
		if word < 0 {
			return
		}
		if d := ws.direction(p.cyrillic); d != keepScript {
			for j := word; j < end; j++ {
				dirs[j] = d
			}
		}
		word, ws = -1, wordScripts{}
	}
	for i, sg := range segs {
		r, _ := utf8.DecodeRune(k[sg.k.start:sg.k.end])
		if !textmatch.IsWord(r) {
			finish(i)
			continue
		}
		if word < 0 {
			word = i
		}
		ws.add(r)
	}
	finish(len(segs))
	return dirs
}

// rewrite maps the look-alike letters of one segment.
func rewrite(seg []byte, d direction, turkic bool, buf []byte) []byte {
	for i := 0; i < len(seg); {
		r, size := utf8.DecodeRune(seg[i:])
		i += size
		switch d {
		case intoLatin:
			if !mayConfuse(r) {
				break
			}
			if m, ok := toLatin[r]; ok {
				r = m
			} else if r == dotlessI && !turkic {
				r = 'i'
			}
		case intoCyrillic:
			if m, ok := toCyrillic[r]; ok {
				r = m
			}
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// dropMarks removes the combining marks that follow a Latin letter in a
// folded segment (see normalize, step 4).
func dropMarks(seg []byte) []byte {
	first, size := utf8.DecodeRune(seg)
	if size == len(seg) {
		return seg
	}
	// Arabic words are listed without their optional vowel marks
	// (harakat): "كَس" is "كس".
	arabic := unicode.Is(unicode.Arabic, first)
	if !arabic && !unicode.Is(unicode.Latin, first) {
		return seg
	}
	out := seg[:size]
	for i := size; i < len(seg); {
		r, n := utf8.DecodeRune(seg[i:])
		if arabic && !harakah(r) || !arabic && !unicode.In(r, unicode.Mn, unicode.Me) {
			out = append(out, seg[i:i+n]...)
		}
		i += n
	}
	return out
}

// harakah reports whether r is an Arabic vowel or other optional mark
// (fathatan to sukun and beyond, superscript alef).
func harakah(r rune) bool { return 0x64B <= r && r <= 0x65F || r == 0x670 }

// runCounter notices letters repeated three times or more in a row.
type runCounter struct {
	last  rune
	n     int
	start int // offset of the run's first letter
}

func (c *runCounter) reset() { c.last, c.n = -1, 0 }

// add counts r, which is emitted at offset at, and appends the start of a
// run to runs when it reaches minRun.
func (c *runCounter) add(r rune, at int, runs *[]int) {
	if r != c.last {
		c.last, c.n, c.start = r, 1, at
		return
	}
	c.n++
	// Leetspeak digits count: "sh1111t" is drawn out once read.
	if c.n == minRun && (unicode.IsLetter(r) || r < utf8.RuneSelf && (leet[r] != 0 || r == '1')) {
		*runs = append(*runs, c.start)
	}
}

// minRun is the shortest run of one letter read as elongation: doubled
// letters are ordinary spelling ("annus" is not "anus", "shiitake" not
// "shit"), tripled ones almost never are.
const minRun = 3

// key is the normalized form of a lexicon entry, trimmed.
func key(entry string, p profile) string {
	return strings.TrimSpace(normalize(entry, p).s)
}

// apart reports whether a single-character entry's edge rune (see single)
// stands apart from the neighbouring rune outside the entry: unlike
// textmatch.Separated, a neighbour in a script without spaces counts as
// joined if it is in the same script as the edge.
func apart(edge, neighbour rune) bool {
	return !textmatch.IsWord(neighbour) || !textmatch.SameScript(edge, neighbour)
}

// single reports whether an entry is one character of a script without
// spaces (a letter with its combining marks counts as one). Such entries,
// matched as substrings, would hit everyday compounds (性 in 女性 "woman",
// 乳 in 牛乳 "milk", ขี้ in ขี้เกียจ "lazy"), so they match only where the
// character stands alone: between spaces, punctuation or another script.
func single(key string) bool {
	n := 0
	for _, r := range key {
		if !unicode.IsMark(r) {
			n++
		}
	}
	first, _ := utf8.DecodeRuneInString(key)
	return n == 1 && textmatch.NoSpace(first)
}

// atBoundaries reports whether s[start:end] is a whole-word occurrence.
// Edges in scripts without spaces need no boundary (unless the entry is a
// single character, see single), and neither does the end of a Hangul
// entry: Korean glues particles to nouns ("개새끼야").
func atBoundaries(s string, start, end int, strict bool) bool {
	if !strict {
		return textmatch.WholeWord(s, start, end)
	}
	if start > 0 {
		first, _ := utf8.DecodeRuneInString(s[start:end])
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		if !apart(first, prev) {
			return false
		}
	}
	if end < len(s) {
		last, _ := utf8.DecodeLastRuneInString(s[start:end])
		next, _ := utf8.DecodeRuneInString(s[end:])
		if !apart(last, next) {
			return false
		}
	}
	return true
}

// index finds entries in normalized text: entries are bucketed by first rune and
// tried longest first, so a scan costs at most one lookup per word start
// (per rune in scripts without spaces).
type index struct {
	ascii   [utf8.RuneSelf][]indexed
	buckets map[rune][]indexed
}

type indexed struct {
	key    string
	ref    int
	strict bool // see single
	// prefix: the entry also matches as the first part of a compound
	// written as one word, up to the word's end (see compoundPrefixes).
	prefix bool
}

func newIndex() *index { return &index{buckets: make(map[rune][]indexed)} }

func (ix *index) add(key string, ref int) { ix.addEntry(key, ref, false) }

// addEntry adds a key; prefix lets it match as a compound's first part.
func (ix *index) addEntry(key string, ref int, prefix bool) {
	if key == "" {
		return
	}
	r, _ := utf8.DecodeRuneInString(key)
	if r < utf8.RuneSelf {
		ix.ascii[r] = append(ix.ascii[r], indexed{key, ref, single(key), prefix})
		return
	}
	ix.buckets[r] = append(ix.buckets[r], indexed{key, ref, single(key), prefix})
}

func (ix *index) bucket(r rune) []indexed {
	if r < utf8.RuneSelf {
		return ix.ascii[r]
	}
	return ix.buckets[r]
}

// freeze orders every bucket longest key first (then by ref, for stable
// results), which scan relies on.
func (ix *index) freeze() {
	order := func(x, y indexed) int {
		if c := cmp.Compare(len(y.key), len(x.key)); c != 0 {
			return c
		}
		return cmp.Compare(x.ref, y.ref)
	}
	for _, b := range ix.ascii {
		slices.SortStableFunc(b, order)
	}
	for _, b := range ix.buckets {
		slices.SortStableFunc(b, order)
	}
}

// scan calls emit for the longest whole-word entry starting at each
// position of s. Where one of runs (offsets of letters repeated three times
// or more) is in reach, an entry also matches with its letters drawn out
// ("fuuuck", "assss"; see elongatedPrefix).
func (ix *index) scan(s string, runs []int, emit func(start, end, ref int)) {
	prev := rune(-1)
	k := 0 // first run at or after i
	for i := 0; i < len(s); {
		for k < len(runs) && runs[k] < i {
			k++
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		// Inside a word no whole-word entry can start: skip the lookup.
		if prev >= 0 && textmatch.NeedsBoundary(r) && !textmatch.Separated(r, prev) {
			prev = r
			i += size
			continue
		}
		prev = r
		for _, t := range ix.bucket(r) {
			end := i + len(t.key)
			if strings.HasPrefix(s[i:], t.key) && atBoundaries(s, i, end, t.strict) {
				emit(i, end, t.ref)
				break
			}
			if t.prefix && strings.HasPrefix(s[i:], t.key) && textmatch.StartsWord(s, i) {
				// A compound ("fuckface"): the span runs to the word's end.
				emit(i, wordEnd(s, end), t.ref)
				break
			}
			// Up to the first run the text must equal the key, so a run
			// must start within the key's length.
			if k < len(runs) && runs[k] < end && !t.strict && textmatch.NeedsBoundary(r) {
				if n, ok := elongatedPrefix(s[i:], t.key); ok && atBoundaries(s, i, i+n, false) {
					emit(i, i+n, t.ref)
					break
				}
			}
		}
		i += size
	}
}

// wordEnd is the end of the word that goes on at s[end:].
func wordEnd(s string, end int) int {
	last, _ := utf8.DecodeLastRuneInString(s[:end])
	for end < len(s) {
		next, size := utf8.DecodeRuneInString(s[end:])
		if textmatch.Separated(last, next) {
			break
		}
		last = next
		end += size
	}
	return end
}

// elongatedPrefix reports whether s starts with key with some letters
// drawn out, and how many bytes of s that takes. Key and text are compared
// run by run (a letter and how often it repeats): a run of the text
// matches a run of the key of the same letter when it is as long, or when
// it is at least minRun long and not shorter. So "fuuuck" is "fuck" and
// "asssss" is "ass", but "annus" (a double n) is not "anus", and "as" is
// not "ass".
func elongatedPrefix(s, key string) (int, bool) {
	i, j := 0, 0
	for j < len(key) {
		_, size := utf8.DecodeRuneInString(key[j:])
		letter := key[j : j+size]
		kn, sn := 0, 0
		for strings.HasPrefix(key[j:], letter) {
			j += size
			kn++
		}
		for strings.HasPrefix(s[i:], letter) {
			i += size
			sn++
		}
		if sn != kn && (sn < minRun || sn < kn) {
			return 0, false
		}
	}
	return i, true
}

// hit is a candidate match in original-text coordinates.
type hit struct {
	span
	e    *entry
	rank int // tie-break between equal spans: lower wins
}

// Range implements textmatch.Ranged, for textmatch.Resolve.
func (h hit) Range() (start, end, rank int) { return h.start, h.end, h.rank }

// resolve keeps the longest hits, dropping overlapped ones, in text order
// (see textmatch.Resolve).
func resolve(hits []hit) []hit { return textmatch.Resolve(hits) }

// leet maps the characters leetspeak uses for letters. "1" is ambiguous
// (i or l) and gets a variant of its own each way.
var leet = [128]byte{'0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '@': 'a', '$': 's'}

// leetVariants returns s with leetspeak read as letters: once with 1 as i
// and, when there is a 1 to read, once with 1 as l. Only tokens (runs of
// letters, digits, "@" and "$") that contain a letter are rewritten, so
// that numbers, prices and times stay what they are ("2024", "$5",
// "10:30") while "sh1t", "a$$" and "@ss" become words. Replacements are
// ASCII for ASCII, so a variant is as long as s and shares its offsets.
// It returns nil when nothing would change.
func leetVariants(s string) []string {
	var asI, asL []byte
	token := 0 // start of the current token
	hasLetter, hasLeet, hasOne := false, false, false
	flush := func(end int) {
		if hasLetter && hasLeet {
			if asI == nil {
				asI = []byte(s)
			}
			for i := token; i < end; i++ {
				c := s[i]
				if c == '1' {
					asI[i] = 'i'
					hasOne = true
				} else if c == '!' {
					asI[i] = 'i'
				} else if c < utf8.RuneSelf && leet[c] != 0 {
					asI[i] = leet[c]
				}
			}
		}
		hasLetter, hasLeet = false, false
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < utf8.RuneSelf && (leet[r] != 0 || r == '1'):
			hasLeet = true
		case r == '!' && i > 0 && i+1 < len(s) && isASCIILetter(s[i-1]) && isASCIILetter(s[i+1]):
			// "n!gger": an exclamation mark between letters is an i; at a
			// word's end it is punctuation.
			hasLeet = true
		case textmatch.IsWord(r):
			if unicode.IsLetter(r) {
				hasLetter = true
			}
		default:
			flush(i)
			token = i + size
		}
		i += size
	}
	flush(len(s))
	if asI == nil {
		return nil
	}
	out := []string{string(asI)}
	if hasOne {
		asL = []byte(out[0])
		for i := 0; i < len(s); i++ {
			if s[i] == '1' && asI[i] == 'i' {
				asL[i] = 'l'
			}
		}
		out = append(out, string(asL))
	}
	return out
}

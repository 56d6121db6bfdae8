package entity

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Where a mention, channel, hashtag, URL or e-mail address ends. The
// scanner, the detect service (which blanks these before identifying a
// language) and the quality service (which checks that a translation kept
// them) must agree byte for byte: when one read "@राहुल" as "@र" and the
// others did not, the model got "⟦1⟧ाहुल" and quality saw nothing wrong.
// So the rules live here once, and the services build on TagClass,
// FindURLs, FindEmails, FindMentions and FindHashtags.

// TagClass is the body of a regexp character class for what continues a
// mention, channel or hashtag: letters, combining marks (the vowel signs
// and viramas of Devanagari, Tamil and Thai, Arabic and Hebrew points,
// without which "@राहुल" stops at "@र"), digits, '_', and the zero-width
// non-joiner and joiner that Persian and Indic words hold. IsTagRune is
// the same set.
const TagClass = `\p{L}\p{M}\p{N}_\x{200C}\x{200D}`

// IsTagRune reports whether r continues a mention, channel or hashtag
// (TagClass).
func IsTagRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || r == '_' || r == '\u200c' || r == '\u200d'
}

// gluedScripts are the scripts that chat writes against the text around a
// mention, hashtag, URL or address without a space: Chinese, Japanese and
// Thai (and Lao, Khmer, Myanmar) have no spaces between words, Korean
// attaches its particles ("…/docs에서"), and Arabic and Hebrew follow Latin
// text directly once bidirectional editing hides the missing space. A
// change between one of them and another script ends a mention, hashtag
// or address, and a run of them after ASCII ends a URL.
var gluedScripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar,
	unicode.Arabic, unicode.Hebrew,
}

// Script classes of a rune (scriptClass).
const (
	neutral     = -2 // not a letter, or a letter of every script (the prolonged sound mark ー)
	otherScript = -1 // a letter of a script not in gluedScripts
)

// scriptClass returns the index in gluedScripts of the script of the
// letter r, otherScript for a letter of any other script, and neutral for
// anything else. It runs for every letter the scanner meets, so the
// block of r picks the one or few tables to look r up in.
func scriptClass(r rune) int {
	if !unicode.IsLetter(r) {
		return neutral
	}
	lo, hi := 0, len(gluedScripts) // the tables that may hold r
	switch {
	case r < 0xb5: // ASCII and Latin-1 letters
		return otherScript
	case r < 0x0590: // Latin, Greek, Cyrillic, Armenian, and the micro sign and modifier letters of every script
		lo, hi = 0, 0
	case r < 0x0900: // Hebrew, Arabic, Syriac, Thaana, N'Ko, ...
		lo, hi = 8, 10
	case r < 0x0e00: // Indic scripts
		lo, hi = 0, 0
	case r < 0x1100: // Thai, Lao, Tibetan, Myanmar
		lo, hi = 4, 8
	case r < 0x2e80: // Hangul jamo, Khmer, ..., Latin extended, symbols
		lo, hi = 3, 7
	case r < 0xfb00: // CJK, kana, Hangul syllables, Myanmar extensions
		lo, hi = 0, 8
	case r < 0xff00: // Hebrew and Arabic presentation forms
		lo, hi = 8, 10
	}
	for i := lo; i < hi; i++ {
		if unicode.Is(gluedScripts[i], r) {
			return i
		}
	}
	if unicode.In(r, unicode.Common, unicode.Inherited) {
		return neutral
	}
	return otherScript
}

// gluedLetter reports whether r is a letter of one of the gluedScripts.
func gluedLetter(r rune) bool {
	return r >= 0x0590 && scriptClass(r) >= 0
}

// scriptBreaks calls f with the offset of every place in s where one
// letter follows another of a different script and one of the two is of
// a gluedScripts script ("#一般|チャンネル", "taro@example.co.jp|まで"); the
// marks and joiners between two letters belong to the first. A letter of
// those scripts right after an ASCII digit is a break too, as in a URL
// (URLEnd): "#123|を修正" is the issue reference "#123" and a particle,
// where "#一般2" stays whole. It stops when f returns false.
func scriptBreaks(s string, f func(int) bool) {
	last := neutral // class of the letter before, neutral if none touches
	for j, r := range s {
		c := scriptClass(r)
		switch {
		case r >= '0' && r <= '9':
			if last < 0 {
				last = otherScript
			}
		case c == neutral && (unicode.IsLetter(r) || unicode.IsMark(r) || r == '\u200c' || r == '\u200d'):
			// A mark, a joiner or a letter of every script: the letter
			// before still touches what follows.
		case c == neutral:
			last = neutral
		default:
			if last != neutral && last != c && (last >= 0 || c >= 0) && !f(j) {
				return
			}
			last = c
		}
	}
}

// ScriptCut returns the length of the part of s before its first script
// break: a mention, hashtag or address domain ends there, so that
// "#一般チャンネルを見てください" is the channel "#一般" and
// "@bobさん" the mention "@bob".
func ScriptCut(s string) int {
	end := len(s)
	scriptBreaks(s, func(j int) bool { end = j; return false })
	return end
}

// lastScriptBreak returns the offset of the last script break of s, or 0.
func lastScriptBreak(s string) int {
	start := 0
	scriptBreaks(s, func(j int) bool { start = j; return true })
	return start
}

// wordStart reports whether position i of src may start a mention,
// channel, URL or address: the text before it ends in neither a letter,
// a digit, nor one of the characters that glue identifiers and addresses
// together, or it ends in a letter of a script written against it
// ("詳細はhttps://…", "メールはtaro@…").
func wordStart(src string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(src[:i])
	if !isWordRune(prev) {
		return !strings.ContainsRune(".-+/@#:%&=~", prev)
	}
	return gluedLetter(prev)
}

var (
	mention = regexp.MustCompile(`^@[\p{L}\p{N}_][` + TagClass + `.-]*(?:@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+)?`)
	hashtag = regexp.MustCompile(`^#[\p{L}\p{N}_][` + TagClass + `-]*`)
	// emailDomain is the domain of an address before script breaks are
	// cut off: its letters may run on into the text after it.
	emailDomain = regexp.MustCompile(`^[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+`)
	// urlStart is how a URL begins: a scheme, or "www." and a label.
	urlStart = regexp.MustCompile(`^(?i:(?:https?|ftp)://|www\.[a-z0-9-]+\.)`)
	// urlAnywhere finds where URLs may begin, for FindURLs.
	urlAnywhere = regexp.MustCompile(`(?i:(?:https?|ftp)://|www\.)`)
)

// mentionLen returns the length of the mention at src[i] ('@'), or 0.
func mentionLen(src string, i int) int {
	if !wordStart(src, i) {
		return 0
	}
	loc := mention.FindStringIndex(src[i:])
	if loc == nil {
		return 0
	}
	m := src[i : i+loc[1]]
	m = m[:1+ScriptCut(m[1:])]
	return len(strings.TrimRight(m, ".-"))
}

// hashtagLen returns the length of the channel or hashtag at src[i]
// ('#'), or 0.
func hashtagLen(src string, i int) int {
	if !wordStart(src, i) {
		return 0
	}
	loc := hashtag.FindStringIndex(src[i:])
	if loc == nil {
		return 0
	}
	h := src[i : i+loc[1]]
	h = h[:1+ScriptCut(h[1:])]
	return len(strings.TrimRight(h, "-"))
}

// FindMentions returns, in order, the mentions of text as Scan reads
// them (@alice, @bob.smith-jr, @ana@social.example.org, @राहुल), outside
// any markup.
func FindMentions(text string) []Span {
	return findAt(text, '@', mentionLen)
}

// FindHashtags returns, in order, the channels and hashtags of text as
// Scan reads them (#general, #café_time, #1234, #ข่าวสาร), outside any
// markup.
func FindHashtags(text string) []Span {
	return findAt(text, '#', hashtagLen)
}

func findAt(text string, sigil byte, length func(string, int) int) []Span {
	var out []Span
	for i := 0; i < len(text); {
		k := strings.IndexByte(text[i:], sigil)
		if k < 0 {
			break
		}
		i += k
		if n := length(text, i); n > 0 {
			out = append(out, Span{i, i + n})
			i += n
			continue
		}
		i++
	}
	return out
}

// FindEmails returns, in order, the e-mail addresses of text: a local
// part and a domain of letters (any script), marks, digits and the
// usual punctuation, with at least one dot and a last label that starts
// with a letter, at the start of a word. Where the letters around an
// address belong to another script and one of the two is written without
// spaces, the address ends there ("メールはtaro@example.co.jpまで" holds
// "taro@example.co.jp").
func FindEmails(text string) []Span {
	var out []Span
	for pos := 0; pos < len(text); {
		k := strings.IndexByte(text[pos:], '@')
		if k < 0 {
			break
		}
		at := pos + k
		pos = at + 1
		a := at // the local part: the run of its characters before '@'
		for a > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:a])
			if !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || strings.ContainsRune("._%+-", r)) {
				break
			}
			a -= size
		}
		if n := len(out); n > 0 && a < out[n-1].End {
			a = out[n-1].End
		}
		a += lastScriptBreak(text[a:at])
		loc := emailDomain.FindStringIndex(text[at+1:])
		if a == at || loc == nil || !wordStart(text, a) {
			continue
		}
		domain := text[at+1 : at+1+loc[1]]
		domain = strings.TrimRight(domain[:ScriptCut(domain)], ".-")
		if validDomain(domain) {
			out = append(out, Span{a, at + 1 + len(domain)})
			pos = at + 1 + len(domain)
		}
	}
	return out
}

// validDomain reports whether d has a dot and ends in a label of two or
// more characters that starts with a letter (com, jp, рф, 中国, xn--p1ai).
func validDomain(d string) bool {
	dot := strings.LastIndexByte(d, '.')
	if dot <= 0 {
		return false
	}
	tld := d[dot+1:]
	r, _ := utf8.DecodeRuneInString(tld)
	return unicode.IsLetter(r) && utf8.RuneCountInString(tld) >= 2
}

// FindURLs returns, in order, the URLs of text that Scan reads as such:
// a scheme (http, https, ftp) or "www." at the start of a word, up to
// where URLEnd ends them.
func FindURLs(text string) []Span {
	var out []Span
	for _, loc := range urlAnywhere.FindAllStringIndex(text, -1) {
		i := loc[0]
		if n := len(out); n > 0 && i < out[n-1].End {
			continue
		}
		if !wordStart(text, i) {
			continue
		}
		if n := URLLen(text[i:]); n > 0 {
			out = append(out, Span{i, i + n})
		}
	}
	return out
}

// URLLen returns the length of the URL at the start of s (a scheme or
// "www."), or 0.
func URLLen(s string) int {
	loc := urlStart.FindStringIndex(s)
	if loc == nil {
		return 0
	}
	n := URLEnd(s)
	if n <= loc[1] {
		return 0
	}
	return n
}

// URLEnd returns the length of the URL that s starts with (the caller
// has recognised its beginning). A URL ends
//   - at white space of any kind (the ideographic space too), '<', '>',
//     '"' and '`';
//   - at the punctuation of CJK and Arabic writing and the quotation marks
//     that no URL holds unencoded (urlStop: "。", "、", "，", "！", "？",
//     "）", "」", "』", "،", "؛", "«", "”" ...);
//   - where a letter of Han, kana, Hangul, Thai, Lao, Khmer, Myanmar,
//     Arabic or Hebrew script directly follows a run of ASCII letters and
//     digits: "https://example.com/docsを見て" is the URL
//     "https://example.com/docs". A run that holds non-ASCII letters
//     already, such as a path segment that starts with them, goes on:
//     "https://example.com/文档" is one URL, and ends at "。";
//
// and without the punctuation that ends the sentence around it: trailing
// . , ; : ! ? ' " ’ and closing brackets that have no opening one inside
// the URL, and Markdown emphasis marks.
func URLEnd(s string) int {
	end := len(s)
	inRun, asciiRun := false, false // in a run of letters and digits; only ASCII ones so far
	for j, r := range s {
		if urlStop(r) {
			end = j
			break
		}
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
			if !inRun {
				inRun, asciiRun = true, true
			}
		case r < utf8.RuneSelf:
			inRun = false
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r):
			if inRun && asciiRun && gluedLetter(r) {
				return trimURL(s[:j])
			}
			inRun, asciiRun = true, false
		default:
			inRun = false
		}
	}
	return trimURL(s[:end])
}

// trimURL returns the length of u without the punctuation that ends the
// sentence around it.
func trimURL(u string) int {
	for {
		n := len(u)
		u = strings.TrimRight(u, ".,;:!?'\"*_~|’")
		for _, pair := range [][2]string{{"(", ")"}, {"[", "]"}, {"{", "}"}} {
			if strings.HasSuffix(u, pair[1]) && strings.Count(u, pair[0]) < strings.Count(u, pair[1]) {
				u = u[:len(u)-1]
			}
		}
		if len(u) == n {
			return len(u)
		}
	}
}

// urlStop reports whether r ends a URL wherever it stands: white space,
// '<', '>', '"', '`', the punctuation and symbols of the CJK Symbols and
// Punctuation block, the full-width and half-width forms, the CJK
// compatibility, vertical and small forms, Arabic and Devanagari sentence
// punctuation, and quotation marks. A browser percent-encodes all of
// them in a URL it copies; in chat they are the text around it.
func urlStop(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7f || r == '<' || r == '>' || r == '"' || r == '`'
	}
	switch {
	case unicode.IsSpace(r):
		return true
	case r >= 0x3000 && r <= 0x303f, r >= 0xfe10 && r <= 0xfe6f, r >= 0xff00 && r <= 0xff65:
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	}
	return strings.ContainsRune("،؛؟٪۔।॥“”„«»‹›…", r)
}

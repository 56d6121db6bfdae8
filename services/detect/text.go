package detect

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/entity"
)

// What cleaning removes, in the order a reason lists them.
const (
	removedCode     = "code"
	removedMarkup   = "HTML markup"
	removedLinks    = "links"
	removedEmails   = "e-mail addresses"
	removedMentions = "mentions"
	removedTags     = "channels and hashtags"
	removedCustom   = "custom emoji"
	removedEmoji    = "emoji and symbols"
	removedNumbers  = "numbers"
	removedChat     = "chat words (ok, lol, haha)"
)

var removedOrder = []string{removedCode, removedMarkup, removedLinks, removedEmails, removedMentions, removedTags, removedCustom, removedEmoji, removedNumbers, removedChat}

// tokenPatterns match the parts of a chat message that are written in no
// language, most specific first. Left in, their Latin letters pull every
// message towards English or whatever language their spelling resembles.
// Each pattern runs only on texts that contain one of its trigger
// strings: most messages have no link, address or code, and a regexp
// scan costs more than the whole n-gram scoring of a short message.
// Links, addresses, mentions and hashtags are found by the finders of
// shared/entity (find), which the translate chain protects them with:
// where a mention ends ("@राहुल", not "@र") or a link ("…/docs" in
// "…/docsを見てください") is the same here, and what is detected is what
// is translated.
var tokenPatterns = []struct {
	kind    string
	trigger []string
	re      *regexp.Regexp
	find    func(string) []entity.Span // instead of re
}{
	// Fenced code blocks, then inline code.
	{kind: removedCode, trigger: []string{"`"}, re: regexp.MustCompile("(?s)```.*?(?:```|$)|`[^`\n]+`")},
	// Addresses before links: "example.co.uk" would pass for a link.
	{kind: removedEmails, trigger: []string{"@"}, find: entity.FindEmails},
	// Platform link syntax (<https://x|label>) before bare links, links
	// with a scheme or "www." before bare domains (whose pattern would
	// take the "example.com/x" of "https://example.com/x").
	{kind: removedLinks, trigger: []string{"<"}, re: regexp.MustCompile(`(?i)<(?:https?|ftp|mailto):[^>\s]*>`)},
	{kind: removedLinks, trigger: []string{"://", "www.", "WWW.", "Www."}, find: entity.FindURLs},
	{kind: removedLinks, trigger: linkTriggers, find: bareDomains},
	// Discord and Slack tokens for users, roles and special mentions.
	{kind: removedMentions, trigger: []string{"<@", "<!"}, re: regexp.MustCompile(`<@[!&]?\w+>|<!\w+(?:\^\w+)?(?:\|[^>]*)?>`)},
	{kind: removedMentions, trigger: []string{"@"}, find: entity.FindMentions},
	{kind: removedTags, trigger: []string{"<#"}, re: regexp.MustCompile(`<#\w+(?:\|[^>]*)?>`)},
	{kind: removedTags, trigger: []string{"#"}, find: hashtags},
	// Discord custom emoji and :short_codes: of any platform.
	{kind: removedCustom, trigger: []string{":"}, re: regexp.MustCompile(`<a?:\w+:\d+>|:[A-Za-z0-9_+-]+:`)},
	// ASCII emoticons with letters in them (:D, :P, xD, :-O).
	{kind: removedEmoji, trigger: []string{":", ";", "=", "xD", "XD", "xd", "xP", "XP", "o_o", "O_O", "<3", "8-", "8)"}, re: regexp.MustCompile(`(?:^|\s)(?:[:;=8][-'^]?[DPpOo3Xx]|[xX][DdPp]|[oO]_[oO]|<3)(?:\s|$|[.!?,])`)},
}

// bareDomain is a domain without a scheme under a common top-level domain
// ("example.org"); its path, if any, is read by entity.URLEnd.
var bareDomain = regexp.MustCompile(`(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|gov|edu|co|me|ly|gg|tv|info|biz)\b`)

// bareDomains finds domains without a scheme and their paths
// ("example.org/docs" of "example.org/docsを見て"). A domain in the path
// of the one before ("a.com/b.com/…") is part of its link: reading the
// path again from each took time quadratic in a line of them (40,000
// bytes of "a.com/": 1.1 s).
func bareDomains(text string) []entity.Span {
	var out []entity.Span
	for _, m := range bareDomain.FindAllStringIndex(text, -1) {
		if n := len(out); n > 0 && m[0] < out[n-1].End {
			continue
		}
		end := m[1]
		if strings.HasPrefix(text[end:], "/") {
			end += entity.URLEnd(text[end:])
		}
		out = append(out, entity.Span{Start: m[0], End: end})
	}
	return out
}

// hashtags finds the channels and hashtags that start with a letter or
// '_': "#1234" is a number, which blankRunes removes as such.
func hashtags(text string) []entity.Span {
	spans := entity.FindHashtags(text)
	out := spans[:0]
	for _, sp := range spans {
		if r, _ := utf8.DecodeRuneInString(text[sp.Start+1:]); unicode.IsLetter(r) || r == '_' {
			out = append(out, sp)
		}
	}
	return out
}

// linkTriggers are the strings a link or bare domain must contain.
var linkTriggers = []string{"://", "www.", ".com", ".org", ".net", ".io", ".dev", ".app", ".gov", ".edu", ".co", ".me", ".ly", ".gg", ".tv", ".info", ".biz",
	".COM", ".ORG", ".NET", "WWW."}

// chatWords are interjections that chat uses in every language; they do
// not tell one language from another. Words made of one repeated
// syllable (haha, hehe, lolol, kkk, hmmm) are caught by isChatWord.
var chatWords = map[string]bool{
	"ok": true, "okay": true, "okey": true, "okie": true, "k": true, "kk": true,
	"lol": true, "lmao": true, "rofl": true, "xd": true, "omg": true, "wow": true,
	"gg": true, "brb": true, "afk": true, "hm": true, "uh": true, "um": true,
	"oh": true, "ah": true, "yay": true, "ha": true, "hah": true, "heh": true,
}

// isChatWord reports whether an ASCII word is a chat interjection.
func isChatWord(w []byte) bool {
	if len(w) == 0 || len(w) > 16 {
		return false
	}
	lower := make([]byte, len(w))
	for i, c := range w {
		if c >= 0x80 {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	if chatWords[string(lower)] {
		return true
	}
	// A repeated syllable: haha, hehehe, hihi, lolol (lol+ol), kkkk,
	// hmmm, wowww, yayyy.
	for _, unit := range []string{"ha", "he", "hi", "ho", "ah", "lo", "k", "m", "w", "y"} {
		rest := string(lower)
		rest = strings.TrimPrefix(rest, "a") // "ahaha"
		n := 0
		for strings.HasPrefix(rest, unit) {
			rest = rest[len(unit):]
			n++
		}
		if n >= 2 && (rest == "" || rest == "h" || rest == "l" || rest == "w" || rest == "m") {
			return true
		}
	}
	trimmed := strings.TrimRight(string(lower), string(lower[len(lower)-1:]))
	return len(lower) > 2 && chatWords[trimmed+string(lower[len(lower)-1])]
}

// cleaned is a message with everything that is not language blanked out
// byte for byte (so offsets in prose are offsets in the original), and
// what was removed.
type cleaned struct {
	prose   string
	removed map[string]bool
}

func (c cleaned) removedList() []string {
	var out []string
	for _, k := range removedOrder {
		if c.removed[k] {
			out = append(out, k)
		}
	}
	return out
}

// clean blanks out HTML markup, code, links, e-mail addresses, mentions,
// channels, hashtags, custom emoji, emoji, numbers and chat interjections.
func clean(text string) cleaned {
	b := []byte(text)
	c := cleaned{removed: make(map[string]bool)}
	blankMarkup(b, text, &c)
	for _, p := range tokenPatterns {
		if !containsAny(text, p.trigger) {
			continue
		}
		if p.find != nil {
			for _, sp := range p.find(string(b)) {
				blank(b[sp.Start:sp.End])
				c.removed[p.kind] = true
			}
			continue
		}
		for _, m := range p.re.FindAllIndex(b, -1) {
			start, end := m[0], m[1]
			// The patterns that need a boundary before a token consume
			// it; keep it.
			for start < end && (b[start] == ' ' || b[start] == '\t' || b[start] == '\n') {
				start++
			}
			if p.kind != removedEmoji && start < end {
				if r, size := utf8.DecodeRune(b[start:]); !strings.ContainsRune("@#<`:", r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					start += size
				}
			}
			if start < end {
				blank(b[start:end])
				c.removed[p.kind] = true
			}
		}
	}
	blankRunes(b, &c)
	blankChatWords(b, &c)
	c.prose = string(b)
	return c
}

// charRef matches an HTML character reference (&amp;, &nbsp;, &#233;,
// &#xE9;).
var charRef = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8});`)

// blankMarkup blanks HTML out of text (b is its copy): tags and comments,
// with their attribute names and values, which would otherwise count as
// words ("class", "note", "color:red" made Spanish read as Portuguese);
// the elements a translator keeps whole, whose content is code or marked
// translate="no" (script, style, code, pre, ...); and character
// references. It reads the markup as the translate chain does
// (entity.Scan), so what is detected is what is translated. Run first:
// the link pattern must not see a link inside an attribute.
func blankMarkup(b []byte, text string, c *cleaned) {
	if strings.IndexByte(text, '<') >= 0 {
		pos := 0
		for _, t := range entity.Scan(text, nil) {
			switch t.Kind {
			case entity.HTMLTag, entity.HTMLElement, entity.HTMLEscape:
				blank(b[pos : pos+len(t.Text)])
				c.removed[removedMarkup] = true
			}
			pos += len(t.Text)
		}
	}
	if strings.IndexByte(text, '&') >= 0 {
		for _, m := range charRef.FindAllIndex(b, -1) {
			blank(b[m[0]:m[1]])
			c.removed[removedMarkup] = true
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// blank replaces bytes with spaces, keeping offsets.
func blank(b []byte) {
	for i := range b {
		b[i] = ' '
	}
}

// blankRunes blanks emoji (with their joiners, variation selectors and
// skin tones), other symbols, and numbers: a token that holds a digit
// ("5pm", "2nd", "10h30") is a number, its letters abbreviations that
// vote for the wrong language. In scripts without spaces only the digits
// themselves go.
func blankRunes(b []byte, c *cleaned) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == '\u200d' || r == '\ufe0f' || r == '\ufe0e' || r == '\u20e3' ||
			(r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xe0020 && r <= 0xe007f) ||
			unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.Is(unicode.Co, r):
			blank(b[i : i+size])
			c.removed[removedEmoji] = true
		case unicode.IsDigit(r) || unicode.Is(unicode.N, r):
			start, end := i, i+size
			if !unspaced(b, i) {
				for start > 0 {
					pr, ps := utf8.DecodeLastRune(b[:start])
					if unicode.IsSpace(pr) {
						break
					}
					start -= ps
				}
				for end < len(b) {
					nr, ns := utf8.DecodeRune(b[end:])
					if unicode.IsSpace(nr) {
						break
					}
					end += ns
				}
			}
			blank(b[start:end])
			c.removed[removedNumbers] = true
			i = end
			continue
		}
		i += size
	}
}

// unspaced reports whether the token around offset i is written in a
// script without spaces between words (Chinese, Japanese, Thai, ...),
// where a whole "token" may be a sentence.
func unspaced(b []byte, i int) bool {
	for j := i; j < len(b) && j < i+48; {
		r, size := utf8.DecodeRune(b[j:])
		if unicode.IsSpace(r) {
			break
		}
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
		j += size
	}
	for j := i; j > 0 && j > i-48; {
		r, size := utf8.DecodeLastRune(b[:j])
		if unicode.IsSpace(r) {
			break
		}
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
		j -= size
	}
	return false
}

// blankChatWords blanks words like "ok", "lol" and "haha".
func blankChatWords(b []byte, c *cleaned) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(b) {
			r2, s2 := utf8.DecodeRune(b[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += s2
		}
		if isChatWord(b[i:j]) {
			blank(b[i:j])
			c.removed[removedChat] = true
		}
		i = j
	}
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

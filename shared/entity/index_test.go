package entity

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The matchers that look things up in indexes (index.go) must find what
// a search from the position finds. These are the searches they replace.

// htmlTagPattern is what tagLen reads.
var htmlTagPattern = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*(?:\s+(?:[^<>"']|"[^"]*"|'[^']*')*?)?\s*/?>`)

func searchTag(src string, i int) int {
	if loc := htmlTagPattern.FindStringIndex(src[i:]); loc != nil {
		return loc[1]
	}
	return 0
}

func searchChatRef(src string, i int) int {
	if loc := chatRef.FindStringIndex(src[i:]); loc != nil {
		return loc[1]
	}
	return 0
}

func searchComment(src string, i int) int {
	if !strings.HasPrefix(src[i:], "<!--") {
		return 0
	}
	if k := strings.Index(src[i+4:], "-->"); k >= 0 {
		return 4 + k + 3
	}
	return 0
}

func searchFence(src string, i int) int {
	rest := src[i:]
	c := rest[0]
	if c != '`' && c != '~' {
		return 0
	}
	n := 0
	for n < len(rest) && rest[n] == c {
		n++
	}
	if n < 3 {
		return 0
	}
	j := strings.Index(rest[n:], rest[:n])
	if j < 0 {
		return 0
	}
	end := n + j + n
	for end < len(rest) && rest[end] == c {
		end++
	}
	return end
}

func searchCodeSpan(src string, i int) int {
	rest := src[i:]
	if rest[0] != '`' {
		return 0
	}
	n := 0
	for n < len(rest) && rest[n] == '`' {
		n++
	}
	for j := n; j < len(rest); {
		k := strings.IndexByte(rest[j:], '`')
		if k < 0 {
			return 0
		}
		j += k
		m := 0
		for j+m < len(rest) && rest[j+m] == '`' {
			m++
		}
		if m == n {
			return j + m
		}
		j += m
	}
	return 0
}

func searchLinkTarget(src string, end int) int {
	s := src[end:]
	if !strings.HasPrefix(s, "](") {
		return 0
	}
	depth := 0
	for j := 2; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				if j == 2 {
					return 0
				}
				return j + 1
			}
			depth--
		case '\n':
			return 0
		}
	}
	return 0
}

// searchPlaceholderEnd is the end of bracePlaceholder's search for the
// body of a mustache placeholder whose body starts at body, and for the
// '}' that closes an ICU argument whose '{' is at open.
func searchMustache(src string, body int, closer string) int {
	end := strings.Index(src[body:], closer)
	if end < 0 {
		return 0
	}
	inner := src[body : body+end]
	if strings.TrimSpace(inner) == "" || strings.ContainsAny(inner, "{}\n") {
		return 0
	}
	return body + end + len(closer)
}

func searchICU(src string, open int) int {
	depth := 0
	for m := open; m < len(src) && m-open < 2000; m++ {
		switch src[m] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return m + 1
			}
		case '\n':
			if depth == 1 {
				return 0
			}
		}
	}
	return 0
}

func TestIndexedMatchersFindWhatASearchFinds(t *testing.T) {
	parts := []string{
		"a", " ", "\n", "`", "``", "```", "~", "~~~", "<", ">", "<a", "<b>", "</b>", "<a ", "<a/>", "<br />", `"`, "'", "=",
		"x=", "<!--", "-->", "--", "[", "]", "](", "(", ")", "{", "}", "{{", "}}", "{{{", "}}}", "{a,", "{a}", "<@U1>",
		"<#C|x>", "<t:1>", "<https://x.io|y>", "<a:b:1>", "|", "@", "\t", "é", "&", "&lt;", "&#60;", "&#x3C;", ";",
		"&" + strings.Repeat("a", 31) + ";", "&" + strings.Repeat("b", 32) + ";",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for range n {
		var b strings.Builder
		sub := parts
		if rng.IntN(2) == 0 { // a few parts, densely mixed
			sub = nil
			for range 2 + rng.IntN(4) {
				sub = append(sub, parts[rng.IntN(len(parts))])
			}
		}
		for range 1 + rng.IntN(60) {
			b.WriteString(sub[rng.IntN(len(sub))])
		}
		src := b.String()
		s := &scanner{src: src}
		for i := range len(src) {
			check := func(what string, got, want int) {
				t.Helper()
				if got != want {
					t.Fatalf("%s at %d of %q = %d, a search finds %d", what, i, src, got, want)
				}
			}
			check("tagLen", s.tagLen(i)*b2i(src[i] == '<'), searchTag(src, i))
			if src[i] == '<' {
				n := 0
				if k := strings.IndexAny(src[i+1:], "<>"); k >= 0 && src[i+1+k] == '>' {
					n = searchChatRef(src[:i+k+2], i)
				}
				check("chat reference", n, searchChatRef(src, i))
			}
			check("comment", s.comment(i), searchComment(src, i))
			want := 0
			if loc := charRef.FindStringIndex(src[i:]); loc != nil {
				want = loc[1]
			}
			check("charRefLen", charRefLen(src[i:]), want)
			if src[i] == '`' || src[i] == '~' {
				check("fencedCode", s.fencedCode(i), searchFence(src, i))
			}
			if src[i] == '`' {
				check("inlineCode", s.inlineCode(i), searchCodeSpan(src, i))
			}
			check("linkTarget", s.linkTarget(i), searchLinkTarget(src, i))
			if src[i] == '{' {
				if n := min(3, len(src)-i); strings.HasPrefix(src[i:], "{{") {
					for src[i+n-1] != '{' {
						n--
					}
					want := searchMustache(src, i+n, strings.Repeat("}", n))
					check("mustache", s.bracePlaceholder(i), max(want-i, 0))
				}
				if s.braces == nil {
					s.braces = pairs(s, '{', '}', false)
				}
				got := 0
				if s.braces[i] > 0 && int(s.braces[i])-i <= 2000 {
					got = int(s.braces[i])
				}
				check("ICU braces", got, searchICU(src, i))
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

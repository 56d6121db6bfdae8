package metrics

import (
	"fmt"
	"regexp"
	"strings"
)

// Tokenizer names accepted by BLEU.Tokenize.
const (
	Tok13a  = "13a"  // mteval-v13a, sacreBLEU's default
	TokNone = "none" // no tokenization: split on white space only
	TokIntl = "intl" // mteval-v14 international: Unicode punctuation and symbols
	TokChar = "char" // every character is a token
)

// Tokenize applies the named sacreBLEU tokenizer and returns the tokens
// joined by single spaces.
func Tokenize(name, line string) (string, error) {
	switch name {
	case Tok13a, "":
		return Tokenize13a(line), nil
	case TokNone:
		return line, nil
	case TokIntl:
		return tokenizeIntl(line), nil
	case TokChar:
		return tokenizeChar(line), nil
	}
	return "", fmt.Errorf("metrics: unknown tokenizer %q (want %s, %s, %s or %s)", name, Tok13a, TokNone, TokIntl, TokChar)
}

// Tokenize13a is sacreBLEU's default tokenizer, mteval-v13a: it separates
// ASCII punctuation and symbols, and periods and commas except inside
// numbers, and dashes after digits. It does not split CJK text.
func Tokenize13a(line string) string {
	line = strings.ReplaceAll(line, "<skipped>", "")
	line = strings.ReplaceAll(line, "-\n", "")
	line = strings.ReplaceAll(line, "\n", " ")
	if strings.Contains(line, "&") {
		line = strings.ReplaceAll(line, "&quot;", `"`)
		line = strings.ReplaceAll(line, "&amp;", "&")
		line = strings.ReplaceAll(line, "&lt;", "<")
		line = strings.ReplaceAll(line, "&gt;", ">")
	}
	return tokenizeV13(" " + line + " ")
}

// tokenizeV13 is sacreBLEU's TokenizerRegexp: four regular-expression
// substitutions applied in turn, then white space collapsed. Each rule is
// a fixed one- or two-character pattern, so it is done here as a scan that
// reproduces re.sub's leftmost, non-overlapping matching exactly (and is
// several times faster than regexp; see TestTokenizeV13MatchesRegexp).
func tokenizeV13(line string) string {
	rs := []rune(line)
	// 1. ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> ' \1 '
	out := make([]rune, 0, len(rs)+len(rs)/2)
	for _, r := range rs {
		if v13Symbol(r) {
			out = append(out, ' ', r, ' ')
		} else {
			out = append(out, r)
		}
	}
	// 2. ([^0-9])([\.,]) -> '\1 \2 '
	out = pairPass(out, func(a, b rune) bool { return !isDigit(a) && isPeriodComma(b) },
		func(dst []rune, a, b rune) []rune { return append(dst, a, ' ', b, ' ') })
	// 3. ([\.,])([^0-9]) -> ' \1 \2'
	out = pairPass(out, func(a, b rune) bool { return isPeriodComma(a) && !isDigit(b) },
		func(dst []rune, a, b rune) []rune { return append(dst, ' ', a, ' ', b) })
	// 4. ([0-9])(-) -> '\1 \2 '
	out = pairPass(out, func(a, b rune) bool { return isDigit(a) && b == '-' },
		func(dst []rune, a, b rune) []rune { return append(dst, a, ' ', b, ' ') })
	return pyJoinFields(string(out))
}

// pairPass replaces every leftmost, non-overlapping occurrence of a
// two-rune pattern, as re.sub does.
func pairPass(rs []rune, match func(a, b rune) bool, repl func(dst []rune, a, b rune) []rune) []rune {
	out := make([]rune, 0, len(rs)+len(rs)/4)
	for i := 0; i < len(rs); {
		if i+1 < len(rs) && match(rs[i], rs[i+1]) {
			out = repl(out, rs[i], rs[i+1])
			i += 2
			continue
		}
		out = append(out, rs[i])
		i++
	}
	return out
}

// v13Symbol is the first 13a character class: { | } ~ [ \ ] ^ _ ` space
// ! " # $ % & ( ) * + : ; < = > ? @ /.
func v13Symbol(r rune) bool {
	return (r >= '{' && r <= '~') || (r >= '[' && r <= '`') || (r >= ' ' && r <= '&') ||
		(r >= '(' && r <= '+') || (r >= ':' && r <= '@') || r == '/'
}

func isDigit(r rune) bool       { return r >= '0' && r <= '9' }
func isPeriodComma(r rune) bool { return r == '.' || r == ',' }

// The international tokenizer uses Unicode classes; Go's regexp has them.
var intlRules = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`(\P{N})(\p{P})`), "${1} ${2} "},
	{regexp.MustCompile(`(\p{P})(\P{N})`), " ${1} ${2}"},
	{regexp.MustCompile(`(\p{S})`), " ${1} "},
}

func tokenizeIntl(line string) string {
	for _, r := range intlRules {
		line = r.re.ReplaceAllString(line, r.repl)
	}
	return pyJoinFields(line)
}

// tokenizeChar puts a space between every two characters; white space
// characters then vanish when BLEU splits the line.
func tokenizeChar(line string) string {
	var b strings.Builder
	b.Grow(2 * len(line))
	for i, r := range line {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

package api

import (
	"errors"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// ValidateText applies the rules every entry point shares: valid UTF-8, not
// empty or blank (Visible), no C0 control character other than tab, line
// feed and carriage return (ControlChar), no bidi embedding or override
// and only balanced isolates (CheckBidi), at most max characters (runes)
// in NFC. It returns the text in NFC so that equal texts compare equal
// downstream.
//
// A control character is no part of any language's text: NUL ends a C
// string in some backend and ESC repaints a terminal, so neither is
// forwarded to an LLM, stored or shown. A text made only of such
// characters is blank (CodeEmptyText), as before; one that also has
// visible text is CodeInvalidArgument naming the first one.
//
// The limit counts the NFC text, the text every later hop gets (and the
// chat stream stores): NFC expands some characters (U+095B, U+1D15E,
// Hebrew presentation forms) into two or three code points, and a limit
// counted before it would let a text pass here that the next hop, or a
// read model checking a stored event, refuses as too long.
func ValidateText(field, text string, max int) (string, error) {
	if !utf8.ValidString(text) {
		return "", FieldError(CodeInvalidUTF8, field, "text is not valid UTF-8")
	}
	if !Visible(text) {
		return "", FieldError(CodeEmptyText, field, "text is empty (it has no visible character)")
	}
	if i := strings.IndexFunc(text, ControlChar); i >= 0 {
		r, _ := utf8.DecodeRuneInString(text[i:])
		return "", FieldError(CodeInvalidArgument, field, "text holds the control character U+%04X at character %d; only tab, line feed and carriage return are allowed",
			r, utf8.RuneCountInString(text[:i])+1)
	}
	if err := CheckBidi(field, text); err != nil {
		return "", err
	}
	if max <= 0 {
		max = MaxTextRunes
	}
	nfc := norm.NFC.String(text)
	if n := utf8.RuneCountInString(nfc); n > max {
		if sent := utf8.RuneCountInString(text); sent != n {
			return "", FieldError(CodeTextTooLong, field, "text has %d characters once normalized to Unicode NFC (%d as sent); the limit is %d", n, sent, max)
		}
		return "", FieldError(CodeTextTooLong, field, "text has %d characters; the limit is %d", n, max)
	}
	return nfc, nil
}

// ControlChar reports a C0 control character (U+0000-U+001F) other than
// tab, line feed and carriage return: what ValidateText refuses in a text.
// A read model checking stored events tells this refusal apart by it.
func ControlChar(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r'
}

// Visible reports whether s has a character a reader can see. White space,
// control characters (NUL, ESC), format characters (zero-width space and
// joiners, the byte order mark, bidi controls), variation selectors and
// the other default-ignorable code points (the Hangul fillers) render as
// nothing: a text made of them only is blank, and translating, storing or
// showing it would post an invisible message.
func Visible(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return !invisible(r) })
}

// invisible is the test behind Visible, one code point at a time.
func invisible(r rune) bool {
	// U+2800 BRAILLE PATTERN BLANK is no default-ignorable, but it draws
	// nothing and is what blank-looking names are made of.
	return r == '\u2800' || unicode.IsSpace(r) ||
		unicode.In(r, unicode.Cc, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// PrintableName reports whether s can be shown as a name (an author):
// valid UTF-8, with a visible character, on one line, and without control,
// format or other ignorable characters, which hide or reorder what is
// shown around the name (NUL, ESC, bidi overrides, zero-width spaces, the
// combining grapheme joiner, fillers). The zero-width joiner and
// non-joiner are the exceptions: emoji sequences and Persian or Indic
// names need them (and variation selectors, which emoji need, are not
// ignorable here).
func PrintableName(s string) bool {
	if !utf8.ValidString(s) || !Visible(s) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return r != '\u200c' && r != '\u200d' && UnprintableInName(r)
	})
}

// UnprintableInName reports a rune that has no place in a name shown on
// one line: a control or format character, a line or paragraph separator,
// another default-ignorable code point, or a blank that draws nothing.
func UnprintableInName(r rune) bool {
	return r == '\u2800' || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Other_Default_Ignorable_Code_Point)
}

// ParseLanguage parses a BCP 47 tag (also accepting the underscore form
// "pt_BR" that many clients send) and returns its canonical string form.
// "auto" and "" are not languages; callers that allow auto-detection check
// for them first.
//
// A malformed tag ("es_!!", "not a tag") is CodeInvalidLanguage (400): the
// client sent something that is no tag at all. So is a tag that is no
// valid BCP 47 tag because a subtag after its language is in no registry
// ("es-ES_tradnl", Windows' name for traditional sort, "en-YY",
// "en-abcde"). A well-formed tag whose language no registry knows ("xx",
// "xx-YY") is CodeUnsupportedLanguage (422), as a language no backend
// serves is: the client sent a language, only not one Parley can work in,
// and the languages it can are listed by GET /v1/languages.
func ParseLanguage(field, s string) (language.Tag, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return language.Und, FieldError(CodeInvalidLanguage, field, "language is required")
	}
	if len(s) > 35 {
		return language.Und, FieldError(CodeInvalidLanguage, field, "language tag is too long")
	}
	tag := strings.ReplaceAll(s, "_", "-")
	t, err := ParseTag(tag)
	if err != nil {
		sub, ok := unknownSubtag(err)
		if !ok {
			return language.Und, FieldError(CodeInvalidLanguage, field, "%q is not a well-formed BCP 47 tag", s)
		}
		if !isLanguageSubtag(tag, sub) {
			return language.Und, FieldError(CodeInvalidLanguage, field, "%q is not a valid BCP 47 tag: its subtag %q is not registered", s, sub)
		}
		if !strings.EqualFold(sub, s) {
			return language.Und, FieldError(CodeUnsupportedLanguage, field, "language %q is unknown (no known subtag %q); see GET /v1/languages for the languages served", s, sub)
		}
		return language.Und, FieldError(CodeUnsupportedLanguage, field, "language %q is unknown; see GET /v1/languages for the languages served", s)
	}
	if t == language.Und {
		return language.Und, FieldError(CodeInvalidLanguage, field, "%q names no language", s)
	}
	// A private-use tag ("x-klingon") or one of an undetermined language
	// ("und-x-foo", "und-Latn") parses, but names no language any
	// backend, detector or filter could work in; it is malformed for
	// Parley as "und" is. A language with a private-use part ("en-x-bar",
	// "es-ES-x-tradnl") keeps its language, and a private-use language
	// ("qaa") is a language: no backend serves it, which the matcher
	// answers (422 unsupported_language).
	if base, _, _ := t.Raw(); base == undBase {
		return language.Und, FieldError(CodeInvalidLanguage, field, "%q names no language: a private-use tag (x-…) follows a language, as in en-x-foo", s)
	}
	return t, nil
}

// undBase is the base of "und", which names no language.
var undBase, _, _ = language.Und.Raw()

// unknownSubtag returns the subtag that made language.Parse fail with a
// ValueError (well-formed, in no registry); ok is false for other errors,
// which mean the tag is malformed.
func unknownSubtag(err error) (sub string, ok bool) {
	var ve language.ValueError
	if !errors.As(err, &ve) {
		return "", false
	}
	return ve.Subtag(), true
}

// isLanguageSubtag reports whether sub is the language subtag of tag (its
// first, "_" already replaced by "-"). An unknown language ("xx") is a
// language Parley does not serve; an unknown variant, region or script
// after a known language ("es-ES-tradnl") makes the tag invalid instead.
func isLanguageSubtag(tag, sub string) bool {
	lang, _, _ := strings.Cut(tag, "-")
	return strings.EqualFold(lang, sub)
}

// Base returns the ISO 639 base language of a tag ("pt" for "pt-BR"), the
// unit in which detection and most backends work.
func Base(tag string) string {
	t, err := ParseTag(tag)
	if err != nil {
		return tag
	}
	b, _ := t.Base()
	return b.String()
}

// SameLanguage reports whether a locale matched for a reader who asked
// for requested is in the language they asked for: the same base language
// once both are canonical (macrolanguages and legacy codes: cmn is zh, no
// is nb, iw is he, tl is fil), whatever the region or script. A language
// matcher also offers near neighbours (Swahili readers get English, Malay
// readers Indonesian, Galician readers Spanish); those are other
// languages, which a reader who wants them asks for (Accept-Language).
func SameLanguage(requested, matched language.Tag) bool {
	canon := func(t language.Tag) language.Base {
		if c, err := language.All.Canonicalize(t); err == nil {
			t = c
		}
		b, _ := t.Base()
		return b
	}
	return canon(requested) == canon(matched)
}

// SameWriting reports whether a reader of target reads a text in source
// as it is written: the same base language in the same script. A tag
// without a script has its likely one (zh and zh-CN are Hans, zh-TW
// Hant, sr Cyrl). Regions do not matter (en-GB and en-US, pt and pt-BR),
// scripts do: zh-Hans and zh-Hant, sr-Cyrl and sr-Latn are written
// differently, and a reader of one needs the text converted. A tag that
// does not parse is compared as it is.
func SameWriting(source, target string) bool {
	ss, ts, sameBase, ok := writings(source, target)
	if !ok {
		return strings.EqualFold(source, target)
	}
	return sameBase && ss == ts
}

// writings parses two tags into the scripts they are written in (the
// likely one where a tag names none) and whether they share a base
// language; ok is false when either tag does not parse.
func writings(source, target string) (ss, ts language.Script, sameBase, ok bool) {
	s, errS := ParseTag(source)
	t, errT := ParseTag(target)
	if errS != nil || errT != nil {
		return ss, ts, false, false
	}
	sb, _ := s.Base()
	tb, _ := t.Base()
	ss, _ = s.Script()
	ts, _ = t.Script()
	return ss, ts, sb == tb, true
}

// tags caches parsed language tags. Every hop of a view parses the same
// few tags again (validation, base languages, routing), and x/text's
// parser allocates each time; a cache hit is a map read. Clients choose
// the tags, so the cache is bounded: when full it starts over.
var tags = struct {
	sync.RWMutex
	m map[string]language.Tag
}{m: map[string]language.Tag{}}

const maxCachedTags = 1024

// ParseTag is language.Parse with a cache of the tags that parsed: code
// that parses a tag on every request calls it instead.
func ParseTag(s string) (language.Tag, error) {
	tags.RLock()
	t, ok := tags.m[s]
	tags.RUnlock()
	if ok {
		return t, nil
	}
	t, err := language.Parse(s)
	if err != nil {
		// language.Parse can return a usable tag with an error (an
		// unknown extension); callers treat any error as a bad tag, so
		// only clean parses are cached.
		return t, err
	}
	tags.Lock()
	if len(tags.m) >= maxCachedTags {
		clear(tags.m)
	}
	tags.m[s] = t
	tags.Unlock()
	return t, nil
}

// ParseFormat checks a text format: "" and FormatText are chat text and
// come back as "" (so that requests without a format stay as they were,
// cache keys included), FormatHTML comes back as it is; case and
// surrounding space are ignored. Anything else is an invalid_argument
// error on field.
func ParseFormat(field, f string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(f)) {
	case "", FormatText:
		return "", nil
	case FormatHTML:
		return FormatHTML, nil
	}
	return "", FieldError(CodeInvalidArgument, field, "%s must be %q or %q", field, FormatText, FormatHTML)
}

package api

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// ValidateText applies the rules every entry point shares: valid UTF-8, not
// empty or blank, at most max characters (runes). It returns the text in NFC
// so that equal texts compare equal downstream.
func ValidateText(field, text string, max int) (string, error) {
	if !utf8.ValidString(text) {
		return "", FieldError(CodeInvalidUTF8, field, "text is not valid UTF-8")
	}
	if strings.TrimSpace(text) == "" {
		return "", FieldError(CodeEmptyText, field, "text is empty")
	}
	if max <= 0 {
		max = MaxTextRunes
	}
	if n := utf8.RuneCountInString(text); n > max {
		return "", FieldError(CodeTextTooLong, field, "text has %d characters; the limit is %d", n, max)
	}
	return norm.NFC.String(text), nil
}

// ParseLanguage parses a BCP 47 tag (also accepting the underscore form
// "pt_BR" that many clients send) and returns its canonical string form.
// "auto" and "" are not languages; callers that allow auto-detection check
// for them first.
func ParseLanguage(field, s string) (language.Tag, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return language.Und, FieldError(CodeInvalidLanguage, field, "language is required")
	}
	if len(s) > 35 {
		return language.Und, FieldError(CodeInvalidLanguage, field, "language tag is too long")
	}
	t, err := ParseTag(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return language.Und, FieldError(CodeInvalidLanguage, field, "%q is not a valid BCP 47 language tag", s)
	}
	if t == language.Und {
		return language.Und, FieldError(CodeInvalidLanguage, field, "%q names no language", s)
	}
	return t, nil
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

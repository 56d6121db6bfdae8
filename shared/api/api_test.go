package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"
)

func TestValidateText(t *testing.T) {
	tests := []struct {
		name string
		text string
		want Code
	}{
		{"ok", "Hello, how are you?", ""},
		{"empty", "", CodeEmptyText},
		{"blank", " \n\t ", CodeEmptyText},
		{"NUL", "\x00", CodeEmptyText},
		{"controls", "\x1b\x07\x7f\u0085", CodeEmptyText},
		{"zero-width spaces", "\u200b\u200b", CodeEmptyText},
		{"byte order mark", "\ufeff", CodeEmptyText},
		{"joiners and bidi marks", "\u200d\u200c\u200e\u202e\u2066", CodeEmptyText},
		{"ideographic and no-break spaces", "\u3000\u00a0\u2028", CodeEmptyText},
		{"variation selector", "\ufe0f", CodeEmptyText},
		{"Hangul filler", "\u3164", CodeEmptyText},
		{"braille blank", "\u2800 \u2800", CodeEmptyText},
		{"braille dots", "\u2801", ""},
		{"visible among invisible", "\u200bhi\u200b", ""},
		{"emoji sequence", "\U0001F469\u200d\U0001F4BB", ""},
		{"combining mark alone", "\u0301", ""},
		{"invalid utf8", "ab\xffcd", CodeInvalidUTF8},
		{"at limit", strings.Repeat("é", MaxTextRunes), ""},
		{"over limit", strings.Repeat("a", MaxTextRunes+1), CodeTextTooLong},
		// The limit counts the NFC text, which every later hop gets:
		// U+095B, U+1D15E and U+FB2C become 2, 2 and 3 code points.
		{"at limit, over it in NFC (Devanagari)", strings.Repeat("\u095b", MaxTextRunes), CodeTextTooLong},
		{"at limit, over it in NFC (musical symbol)", strings.Repeat("x", MaxTextRunes-1) + "\U0001D15E", CodeTextTooLong},
		{"under limit, over it in NFC (Hebrew)", strings.Repeat("\ufb2c", MaxTextRunes/3+1), CodeTextTooLong},
		{"over limit, at it in NFC", strings.Repeat("e\u0301", MaxTextRunes), ""},
		// C0 controls in visible text go to no LLM: NUL ends a string in
		// some backends, ESC repaints a terminal. Tab, line feed and
		// carriage return are text.
		{"NUL in text", "hello\x00world", CodeInvalidArgument},
		{"ESC in text", "hi \x1b[31mred", CodeInvalidArgument},
		{"vertical tab, form feed", "a\vb\fc", CodeInvalidArgument},
		{"unit separator", "a\x1fb", CodeInvalidArgument},
		{"tab, line feed, carriage return", "a\tb\r\nc\n", ""},
		{"DEL and C1 controls are not C0", "a\x7fb\u0085c", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ValidateText("text", tt.text, 0)
			if got := codeOf(err); got != tt.want {
				t.Fatalf("code = %q, want %q (err %v)", got, tt.want, err)
			}
			if err != nil && AsError(err).Status()/100 != 4 {
				t.Fatalf("status %d is not a 4xx", AsError(err).Status())
			}
		})
	}
	// The refusal names the character and where it is, never the text.
	_, err := ValidateText("original", strings.Repeat("ü", 4000)+"\x00", 0)
	if e := AsError(err); e.Field != "original" || e.Message != "text holds the control character U+0000 at character 4001; only tab, line feed and carriage return are allowed" {
		t.Fatalf("error %+v", e)
	}
	// NFC: a decomposed é becomes the composed one.
	got, _ := ValidateText("text", "e\u0301", 0)
	if got != "\u00e9" {
		t.Fatalf("not NFC: %q", got)
	}
	// A text that NFC makes too long says both counts: the client sent
	// fewer characters than the limit counts.
	_, err = ValidateText("text", strings.Repeat("\u095b", 10), 15)
	if e := AsError(err); e.Field != "text" || e.Message != "text has 20 characters once normalized to Unicode NFC (10 as sent); the limit is 15" {
		t.Fatalf("error %+v", e)
	}
	// What passes is within the limit as returned, so checking the
	// returned text again (a read model checking a stored event) passes.
	for _, text := range []string{strings.Repeat("\u095b", 7), strings.Repeat("e\u0301", 15)} {
		out, err := ValidateText("text", text, 15)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if again, err := ValidateText("text", out, 15); err != nil || again != out {
			t.Fatalf("%q checked again: %q %v", text, again, err)
		}
	}
}

// TestQuote: an error message quotes at most MaxQuotedRunes characters of
// what the caller sent, and says how many it left out.
func TestQuote(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"short", "abc", `"abc"`},
		{"escapes as %q", "a\"b\n", `"a\"b\n"`},
		{"at the bound", strings.Repeat("é", MaxQuotedRunes), `"` + strings.Repeat("é", MaxQuotedRunes) + `"`},
		{"over it", strings.Repeat("é", 5000), `"` + strings.Repeat("é", MaxQuotedRunes) + `"… (4936 more characters)`},
		{"invalid UTF-8 over it", strings.Repeat("\xff", 70), `"` + strings.Repeat(`\xff`, MaxQuotedRunes) + `"… (6 more characters)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Quote(tc.in); got != tc.want {
				t.Fatalf("Quote = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestPrintableName(t *testing.T) {
	for name, want := range map[string]bool{
		"ana":                            true,
		"Chloé Dubois":                   true,
		"محمد":                           true,
		"می\u200cخواهم":                  true, // Persian needs the zero-width non-joiner
		"dev \U0001F469\u200d\U0001F4BB": true,
		"":                               false,
		"   ":                            false,
		"\u200b":                         false,
		"ana\x00":                        false,
		"\x1b[31mred":                    false,
		"ana\nbob":                       false,
		"\u202eevil":                     false, // right-to-left override
		"ana\ufeff":                      false,
		"ana\u200b":                      false,
		"ab\xffcd":                       false,
		"a\u2028b":                       false, // line separator
		"a\u2029b":                       false, // paragraph separator
		"a\u034fb":                       false, // combining grapheme joiner
		"\u2800\u2800":                   false, // braille blanks
		"\u3164":                         false, // Hangul filler
		"I \u2764\ufe0f tea":             true,  // an emoji's variation selector
	} {
		if got := PrintableName(name); got != want {
			t.Errorf("PrintableName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSameLanguage(t *testing.T) {
	tests := []struct {
		requested, matched string
		want               bool
	}{
		{"es-MX", "es-419", true},
		{"pt-PT", "pt-BR", true},
		{"zh-TW", "zh-Hant", true},
		{"de-CH", "de", true},
		{"cmn", "zh-Hans", true},
		{"no", "nb", true},
		{"iw", "he", true},
		{"tl", "fil", true},
		{"sw", "en", false},
		{"tlh", "en", false},
		{"ms", "id", false},
		{"gl", "es", false},
		{"nn", "nb", false},
	}
	for _, tt := range tests {
		if got := SameLanguage(language.MustParse(tt.requested), language.MustParse(tt.matched)); got != tt.want {
			t.Errorf("SameLanguage(%s, %s) = %v, want %v", tt.requested, tt.matched, got, tt.want)
		}
	}
}

// TestSameWriting: regions do not make another written language, scripts
// do, the likely one standing in for a tag without a script.
func TestSameWriting(t *testing.T) {
	tests := []struct {
		source, target string
		want           bool
	}{
		{"en-US", "en-GB", true},
		{"pt", "pt-BR", true},
		{"zh-CN", "zh-Hans", true},
		{"zh", "zh-CN", true},
		{"zh-Hant", "zh-TW", true},
		{"zh-HK", "zh-Hant", true},
		{"sr", "sr-Cyrl", true},
		{"zh-Hans", "zh-Hant", false},
		{"zh-Hans", "zh-TW", false},
		{"zh", "zh-Hant", false},
		{"sr-Cyrl", "sr-Latn", false},
		{"sr", "sr-Latn", false},
		{"en", "es", false},
		{"not a tag", "not a tag", true},
		{"not a tag", "en", false},
	}
	for _, tt := range tests {
		if got := SameWriting(tt.source, tt.target); got != tt.want {
			t.Errorf("SameWriting(%s, %s) = %v, want %v", tt.source, tt.target, got, tt.want)
		}
	}
}

// TestParseLanguage tells a malformed tag (400 invalid_language) from a
// well-formed one of no known language (422 unsupported_language, naming
// the tag and where the served languages are listed).
func TestParseLanguage(t *testing.T) {
	tests := []struct {
		in   string
		want string
		code Code
		msg  string // a part of the error message
	}{
		{"es", "es", "", ""},
		{"pt_BR", "pt-BR", "", ""},
		{"zh-Hant", "zh-Hant", "", ""},
		{"EN-us", "en-US", "", ""},
		{"", "", CodeInvalidLanguage, "language is required"},
		{"und", "", CodeInvalidLanguage, "names no language"},
		{"not a tag", "", CodeInvalidLanguage, `"not a tag" is not a well-formed BCP 47 tag`},
		{"x", "", CodeInvalidLanguage, "not a well-formed"},
		{"es_!!", "", CodeInvalidLanguage, `"es_!!" is not a well-formed BCP 47 tag`},
		{strings.Repeat("a", 40), "", CodeInvalidLanguage, "too long"},
		{"xx", "", CodeUnsupportedLanguage, `language "xx" is unknown; see GET /v1/languages`},
		{"zz", "", CodeUnsupportedLanguage, `language "zz" is unknown`},
		{"xx_YY", "", CodeUnsupportedLanguage, `language "xx_YY" is unknown (no known subtag "xx"); see GET /v1/languages`},
		// A known language with a variant, region or script no registry
		// knows is no valid BCP 47 tag: malformed, as the docs say.
		{"en-abcde", "", CodeInvalidLanguage, `"en-abcde" is not a valid BCP 47 tag: its subtag "abcde" is not registered`},
		{"es-ES_tradnl", "", CodeInvalidLanguage, `its subtag "tradnl" is not registered`},
		{"en-YY", "", CodeInvalidLanguage, `its subtag "YY" is not registered`},
		{"en-Latx", "", CodeInvalidLanguage, `its subtag "Latx" is not registered`},
		{"es-ES-x-tradnl", "es-ES-x-tradnl", "", ""},
		// Private use: a tag of private-use subtags alone, or after
		// und, names no language (malformed for Parley, as "und" is);
		// after a language it is that language's variant. A private-use
		// language (qaa-qtz) is a language, unsupported by every
		// backend: the matcher's 422, not a malformed tag.
		{"x-foo", "", CodeInvalidLanguage, `"x-foo" names no language: a private-use tag (x-…) follows a language`},
		{"x-klingon", "", CodeInvalidLanguage, "names no language"},
		{"X-Klingon", "", CodeInvalidLanguage, "names no language"},
		{"und-x-foo", "", CodeInvalidLanguage, "names no language"},
		{"und-Latn", "", CodeInvalidLanguage, "names no language"},
		{"und_US", "", CodeInvalidLanguage, "names no language"},
		{"en-x-bar", "en-x-bar", "", ""},
		{"qaa", "qaa", "", ""},
		{"qaa-x-foo", "qaa-x-foo", "", ""},
		{"i-klingon", "tlh", "", ""},
	}
	// Twice: the second round is answered from the tag cache.
	for round := range 2 {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%d/%s", round, tt.in), func(t *testing.T) {
				tag, err := ParseLanguage("target", tt.in)
				if codeOf(err) != tt.code {
					t.Fatalf("err = %v, want %q", err, tt.code)
				}
				if err == nil && tag.String() != tt.want {
					t.Fatalf("tag = %s, want %s", tag, tt.want)
				}
				if err != nil {
					var ae *Error
					if !errors.As(err, &ae) || ae.Field != "target" || !strings.Contains(ae.Message, tt.msg) {
						t.Fatalf("err = %#v, want field target and a message with %q", err, tt.msg)
					}
				}
			})
		}
	}
}

// Clients choose tags: the cache of parsed tags stays bounded however many
// distinct ones arrive, and answers the same as the parser.
func TestTagCacheIsBounded(t *testing.T) {
	for i := range 3 * maxCachedTags {
		tag := fmt.Sprintf("en-x-%d", i)
		if got := Base(tag); got != "en" {
			t.Fatalf("Base(%s) = %s", tag, got)
		}
	}
	tags.RLock()
	n := len(tags.m)
	tags.RUnlock()
	if n > maxCachedTags {
		t.Fatalf("%d tags cached, limit %d", n, maxCachedTags)
	}
	if got := Base("pt-BR"); got != "pt" {
		t.Fatalf("Base(pt-BR) = %s", got)
	}
}

// BenchmarkBase: the base language of a tag through x/text's parser (the
// baseline) and through the cache every hop uses.
func BenchmarkBase(b *testing.B) {
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t, _ := language.Parse("pt-BR")
			base, _ := t.Base()
			_ = base.String()
		}
	})
	b.Run("cached", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = Base("pt-BR")
		}
	})
}

func TestErrorTable(t *testing.T) {
	for _, c := range Codes() {
		if c.Status() < 400 || c.Status() > 599 {
			t.Errorf("%s has status %d", c, c.Status())
		}
	}
	// A body in the shared shape keeps the symbolic code; a bare header
	// falls back to the generic code for its status.
	e := FieldError(CodeTextTooLong, "text", "too long")
	b := e.Body("r1")
	if b.Error.Status != http.StatusRequestEntityTooLarge || b.Error.RequestID != "r1" {
		t.Fatalf("body = %+v", b)
	}
	got := ParseServiceError("503", "busy", nil)
	if got.Code != CodeUnavailable || got.Message != "busy" {
		t.Fatalf("parsed = %+v", got)
	}
	got = ParseServiceError("400", "", []byte(`{"error":{"code":"empty_text","message":"text is empty","status":400}}`))
	if got.Code != CodeEmptyText {
		t.Fatalf("parsed = %+v", got)
	}
	if AsError(errors.New("secret")).Message == "secret" {
		t.Fatal("plain error text leaked")
	}
}

func codeOf(err error) Code {
	if err == nil {
		return ""
	}
	return ErrorCode(err)
}

func TestParseBudget(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"250", 250 * time.Millisecond, true},
		{"3600000", time.Hour, true},
		{"9300000000000", MaxBudget, true}, // would overflow a Duration
		{"9223372036854775807", MaxBudget, true},
		{"0", 0, false},
		{"-5", 0, false},
		{"", 0, false},
		{"1.5", 0, false},
		{"99999999999999999999", 0, false}, // not an int64
	}
	for _, tt := range tests {
		got, ok := ParseBudget(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseBudget(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, tt := range []struct{ in, want, field string }{
		{"", "", ""}, {"text", "", ""}, {" Text ", "", ""}, {"html", FormatHTML, ""}, {"HTML", FormatHTML, ""},
		{"xml", "", "format"}, {"markdown", "", "format"},
	} {
		got, err := ParseFormat("format", tt.in)
		if ae := AsError(err); got != tt.want || (err == nil) != (tt.field == "") || (err != nil && (ae.Field != tt.field || ae.Status() != 400)) {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, error on %q", tt.in, got, err, tt.want, tt.field)
		}
	}
}

package api

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateTextBidi(t *testing.T) {
	tests := []struct {
		name string
		text string
		ok   bool
		// msg is part of the error message, when not ok.
		msg string
	}{
		// What right-to-left chat writes.
		{"Arabic", "مرحبا، كيف حالك؟", true, ""},
		{"Hebrew with niqqud", "שָׁלוֹם עֲלֵיכֶם", true, ""},
		{"Persian with ZWNJ", "می\u200cخواهم", true, ""},
		{"Arabic with a Latin name and marks", "قال \u200eJohn Smith\u200f اليوم", true, ""},
		{"Arabic letter mark", "\u061cمرحبا 123", true, ""},
		{"Hebrew with an isolated name", "שלום \u2066@john_doe\u2069 מה נשמע", true, ""},
		{"nested isolates", "\u2067عربي \u2066English \u2068x\u2069\u2069\u2069", true, ""},
		{"isolates on two lines", "\u2067א\u2069\n\u2066b\u2069", true, ""},
		// Overrides and embeddings are refused wherever they are.
		{"override hides a word", "you are a \u202etoidi gnikcuf\u202c ok", false, "U+202E (right-to-left override) at character 11"},
		{"unclosed override", "hi \u202eereht", false, "U+202E"},
		{"left-to-right override", "\u202dabc\u202c", false, "U+202D"},
		{"embedding", "\u202bשלום\u202c", false, "U+202B (right-to-left embedding)"},
		{"left-to-right embedding", "a \u202ab\u202c", false, "U+202A"},
		{"pop directional formatting alone", "abc\u202c", false, "U+202C"},
		// Isolates must be balanced on their line.
		{"unclosed isolate", "hi \u2067there", false, "U+2067 (right-to-left isolate) at character 4 and does not close it"},
		{"isolate closed on the next line", "\u2066a\nb\u2069", false, "U+2066"},
		{"pop isolate without an isolate", "a\u2069b", false, "U+2069 (pop directional isolate) at character 2 with no isolate open"},
		{"pops in the wrong order", "\u2069\u2066a", false, "U+2069"},
		{"first strong isolate unclosed", "x\u2068y", false, "U+2068 (first strong isolate)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ValidateText("text", tt.text, 0)
			if tt.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !strings.Contains(got, strings.TrimSpace(tt.text)[:1]) {
					t.Fatalf("text changed: %q", got)
				}
				return
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.Code != CodeInvalidArgument || ae.Field != "text" || ae.Status() != 400 {
				t.Fatalf("err = %#v, want a 400 invalid_argument on text", err)
			}
			if !strings.Contains(ae.Message, tt.msg) {
				t.Fatalf("message %q does not say %q", ae.Message, tt.msg)
			}
		})
	}
}

package entity

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// markSpans shows each span of text as [text].
func markSpans(text string, spans []Span) string {
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s.Start] + "[" + text[s.Start:s.End] + "]")
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}

func TestOpaque(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"prose", "Our meeting notes, please", "Our meeting notes, please"},
		{"colon, percent and time are prose", "Note: 50% off at 10:30", "Note: 50% off at 10:30"},
		{"url", "notes at https://x.io/meeting and more", "notes at [https://x.io/meeting] and more"},
		{"url without scheme", "see WWW.x.io/meeting.", "see [WWW.x.io/meeting]."},
		{"mention", "ping @meeting please", "ping [@meeting] please"},
		{"channel", "in #meeting today", "in [#meeting] today"},
		{"e-mail", "mail alice@example.com now", "mail [alice@example.com] now"},
		{"inline code", "run `meeting --now` then", "run [`meeting --now`] then"},
		{"code block", "see\n```\nmeeting()\n```\ndone", "see\n[```\nmeeting()\n```]\ndone"},
		{"placeholders", "{name} has %d {{count}} ${sum}", "[{name}] has [%d] [{{count}}] [${sum}]"},
		{"custom emoji", "nice :meeting: work", "nice [:meeting:] work"},
		{"html pair keeps its content", "<b>meeting</b> now", "[<b>]meeting[</b>] now"},
		{"link keeps its text", "[the meeting](https://x.io/meeting) now", "[[]the meeting[](https://x.io/meeting)] now"},
		{"emoji and emphasis are not opaque", "**meeting** 👍🏽 _now_", "**meeting** 👍🏽 _now_"},
		{"adjacent entities merge", "hi @bob`x` ok", "hi [@bob`x`] ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markSpans(tt.text, Opaque(tt.text)); got != tt.want {
				t.Errorf("Opaque(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestOpaqueShortcut: the byte test that lets Opaque skip the scan never
// skips a text in which the scan finds something.
func TestOpaqueShortcut(t *testing.T) {
	parts := []string{
		"meeting", " ", "\n", "é", "日本", "👍🏽", "1️⃣", "#️⃣", "www.x.io", "WwW.x.io/a", "ftp://h/x", "http://x",
		"https://x.io/a", "@bob", "a@b.co", "#chan", ":smile:", "`x`", "```", "~~~", "{n}", "{{n}}", "${n}", "%s",
		"<b>", "</b>", "<@U1>", "[a](b)", "![a](b)", "](", "*", "_", "~~", "||",
		"<code>", "</code>", `<span class="notranslate">`, "</span>", "&lt;", "&#38;",
	}
	for c := byte(0x21); c < 0x7f; c++ {
		parts = append(parts, string(c))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for range n {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		text := b.String()
		if got, want := Opaque(text), scanOpaque(text); !slices.Equal(got, want) {
			t.Fatalf("Opaque(%q) = %v, the scan says %v", text, got, want)
		}
	}
}

func BenchmarkOpaque(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"no-entities", "Hey team, please check the release notes before Friday and send the report to Lena when it is ready"},
		{"chat", "Hey @alice the build is at https://ci.example.com/build/42 and ping #release"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				Opaque(bc.text)
			}
		})
	}
}

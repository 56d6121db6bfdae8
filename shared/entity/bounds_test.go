package entity

import (
	"slices"
	"testing"
	"unicode"
)

// TestScanBounds: where mentions, channels, hashtags, URLs and e-mail
// addresses end in scripts with combining marks and in text written
// without spaces around them. Each case was sent to the model cut short
// ("⟦1⟧ाहुल") or with the text after it swallowed ("请看 ⟦0⟧").
func TestScanBounds(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// Combining marks continue a mention or hashtag.
		{"devanagari", "नमस्ते, #चैनल देखो और @राहुल को बताओ", "नमस्ते, «#चैनल» देखो और «@राहुल» को बताओ"},
		{"devanagari before punctuation", "thanks @प्रिया!", "thanks «@प्रिया»!"},
		{"thai tone marks", "อ่าน #ข่าวสาร วันนี้", "อ่าน «#ข่าวสาร» วันนี้"},
		{"tamil vowel signs and virama", "நன்றி @கார்த்திக் நாளை பார்க்கலாம்", "நன்றி «@கார்த்திக்» நாளை பார்க்கலாம்"},
		{"arabic harakat", "شكرا @مُحَمَّد على المساعدة", "شكرا «@مُحَمَّد» على المساعدة"},
		{"hebrew niqqud", "תודה @שָׁלוֹם על העזרה", "תודה «@שָׁלוֹם» על העזרה"},
		{"persian zero-width non-joiner", "ممنون @علی‌رضا جان", "ممنون «@علی‌رضا» جان"},
		{"mark-led tail is no mention", "a @\u0301b", "a @\u0301b"},
		// Full-width and Arabic punctuation ends a URL.
		{"chinese full stop", "请看 https://example.com/文档。谢谢大家的帮助", "请看 «https://example.com/文档»。谢谢大家的帮助"},
		{"apertium spanish with a full stop", "Mira https://example.com/docs。Gracias a todos", "Mira «https://example.com/docs»。Gracias a todos"},
		{"arabic comma", "انظر https://example.com/docs،شكرا", "انظر «https://example.com/docs»،شكرا"},
		{"corner brackets", "「https://ja.wikipedia.org/wiki/東京タワー」を見て", "「«https://ja.wikipedia.org/wiki/東京タワー»」を見て"},
		{"ideographic space", "https://x.io/a\u3000次へ", "«https://x.io/a»\u3000次へ"},
		{"full-width comma and question mark", "看过 https://x.io/a，对吗？", "看过 «https://x.io/a»，对吗？"},
		// An ASCII run followed by letters of a script written without
		// spaces ends there; a non-ASCII run of an IRI goes on.
		{"japanese particle", "詳細は https://example.com/docsを見てください。", "詳細は «https://example.com/docs»を見てください。"},
		{"korean particle", "자세한 내용은 https://example.com/docs에서 확인하세요.", "자세한 내용은 «https://example.com/docs»에서 확인하세요."},
		{"host then japanese", "www.example.com見てね", "«www.example.com»見てね"},
		{"url glued after japanese", "詳細はhttps://example.com/docsを見て", "詳細は«https://example.com/docs»を見て"},
		{"iri path", "Visit https://例え.テスト/パス today", "Visit «https://例え.テスト/パス» today"},
		{"iri segment with a digit", "https://example.com/文档2を見て", "«https://example.com/文档2を見て»"},
		{"latin iri", "https://fr.wikipedia.org/wiki/Café", "«https://fr.wikipedia.org/wiki/Café»"},
		// E-mail addresses between CJK letters.
		{"email in japanese", "メールはtaro@example.co.jpまでお願いします", "メールは«taro@example.co.jp»までお願いします"},
		{"email in korean", "문의는support@parley.chat로 보내주세요", "문의는«support@parley.chat»로 보내주세요"},
		{"two emails around a kana", "a@b.comとc@d.com", "«a@b.com»と«c@d.com»"},
		{"accented local part", "escribe a josé@correo.es hoy", "escribe a «josé@correo.es» hoy"},
		{"chinese address", "联系 用户@例子.广告 谢谢", "联系 «用户@例子.广告» 谢谢"},
		// A hashtag or mention in CJK stops at a script change or CJK
		// punctuation.
		{"japanese channel", "詳しくは、#一般チャンネルを見てください", "詳しくは、«#一般»チャンネルを見てください"},
		{"issue reference then particle", "#123を修正しました", "«#123»を修正しました"},
		{"issue reference after han", "問題#123を修正", "問題«#123»を修正"},
		{"kanji then katakana", "#東京タワー", "«#東京»タワー"},
		{"mention then honorific", "@田中さんに聞いて", "«@田中»さんに聞いて"},
		{"latin mention then japanese", "@bobさん、ありがとう", "«@bob»さん、ありがとう"},
		{"katakana with prolonged sound mark", "#ニュース、見た？", "«#ニュース»、見た？"},
		{"hashtag then chinese comma", "#新闻，今天", "«#新闻»，今天"},
		{"han channel with a digit", "去 #一般2 看看", "去 «#一般2» 看看"},
		// Latin text keeps its rules.
		{"accented hashtag", "Loving it #café_time", "Loving it «#café_time»"},
		{"email after a latin letter", "xtaro@example.com", "«xtaro@example.com»"},
		{"no email after a slash", "x/taro@example.com", "x/taro@example.com"},
		{"csharp", "I like C# a lot", "I like C# a lot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Scan(tt.text, nil)
			if got := render(toks); got != tt.want {
				t.Errorf("Scan(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
			checkInvariants(t, tt.text, toks)
		})
	}
}

// The finders that the detect and quality services use find what Scan
// protects, span for span.
func TestFindersAgreeWithScan(t *testing.T) {
	texts := []string{
		"नमस्ते, #चैनल देखो और @राहुल को बताओ",
		"请看 https://example.com/文档。谢谢大家的帮助 #新闻，@小明 看",
		"メールはtaro@example.co.jpまでお願いします、#一般チャンネルを見てください",
		"자세한 내용은 https://example.com/docs에서 확인하세요. www.parley.chat/a?b=1, ok",
		"Thanks @alice.smith-jr, see #general and mail bob@example.co.uk (https://en.wikipedia.org/wiki/Go_(language)).",
		"شكرا @مُحَمَّد انظر https://example.com/docs،شكرا #عام",
		"x/taro@example.com C# a@b http://x",
	}
	for _, text := range texts {
		want := map[Kind][]Span{}
		pos := 0
		for _, tok := range Scan(text, nil) {
			if tok.Role == Atom {
				want[tok.Kind] = append(want[tok.Kind], Span{pos, pos + len(tok.Text)})
			}
			pos += len(tok.Text)
		}
		for _, f := range []struct {
			kind Kind
			find func(string) []Span
		}{{Mention, FindMentions}, {Channel, FindHashtags}, {URL, FindURLs}, {Email, FindEmails}} {
			if got := f.find(text); !slices.Equal(got, want[f.kind]) {
				t.Errorf("%q: %s spans %v, Scan has %v", text, f.kind, got, want[f.kind])
			}
		}
	}
}

func TestURLEnd(t *testing.T) {
	tests := []struct{ s, want string }{
		{"https://example.com/a?b=1.", "https://example.com/a?b=1"},
		{"https://example.com/文档。谢谢", "https://example.com/文档"},
		{"https://example.com/docsを見て", "https://example.com/docs"},
		{"https://example.com/docs에서", "https://example.com/docs"},
		{"https://example.com/docsشكرا", "https://example.com/docs"},
		{"https://example.com/docs،شكرا", "https://example.com/docs"},
		{"https://example.com/docsข่าว", "https://example.com/docs"},
		{"https://example.com/page.htmlを", "https://example.com/page.html"},
		{"https://example.com/search?q=東京&x=1", "https://example.com/search?q=東京&x=1"},
		{"https://example.com/文档2を", "https://example.com/文档2を"},
		{"https://zh.wikipedia.org/wiki/Go语言", "https://zh.wikipedia.org/wiki/Go"},
		{"https://ru.wikipedia.org/wiki/Москва", "https://ru.wikipedia.org/wiki/Москва"},
		{"https://en.wikipedia.org/wiki/Côte_d’Ivoire’", "https://en.wikipedia.org/wiki/Côte_d’Ivoire"},
		{"https://x.io/a»", "https://x.io/a"},
		{"https://x.io/a`b", "https://x.io/a"},
		{"https://x.io/a\u00a0b", "https://x.io/a"},
		{"https://x.io/a।", "https://x.io/a"},
	}
	for _, tt := range tests {
		if got := tt.s[:URLEnd(tt.s)]; got != tt.want {
			t.Errorf("URLEnd(%q): %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestIsTagRuneMatchesTagClass(t *testing.T) {
	for _, r := range []rune{'a', 'é', '1', '_', 'न', '\u094d', '\u093e', '\u0e48', '\u064e', '\u05b8', '\u200c', '\u200d', '日', 'ー'} {
		if !IsTagRune(r) {
			t.Errorf("IsTagRune(%q) = false", r)
		}
	}
	for _, r := range []rune{' ', '.', '-', '@', '#', '。', '、', '،', '!', '\u00a0'} {
		if IsTagRune(r) {
			t.Errorf("IsTagRune(%q) = true", r)
		}
	}
}

// scriptClass looks a letter up in the tables its block may hold: it
// must answer what a lookup in every table does.
func TestScriptClassMatchesEveryTable(t *testing.T) {
	full := func(r rune) int {
		if !unicode.IsLetter(r) {
			return neutral
		}
		for i, tab := range gluedScripts {
			if unicode.Is(tab, r) {
				return i
			}
		}
		if unicode.In(r, unicode.Common, unicode.Inherited) {
			return neutral
		}
		return otherScript
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := scriptClass(r), full(r); got != want {
			t.Fatalf("scriptClass(%U) = %d, want %d", r, got, want)
		}
	}
}

package translate_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend/ollama"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// sc is what the scrambling fake model makes of plain prose.
var sc = fakellm.ScrambleText

// entityCase is one message with the parts that must survive translation.
type entityCase struct {
	name    string
	text    string
	source  string // default "en"
	target  string // default "es"
	protect []string
	// keep must appear in the translation exactly as often as in the
	// message, byte for byte, and never reach the model.
	keep []string
	// want are substrings of the translation: markup around translated
	// content.
	want []string
}

// entityCases are the chat entities that MT vendors and chat products get
// wrong (../shared/reference/translation-apis.md §4.1). Each runs through a
// fake model that reverses the letters of everything it sees, mangles
// markup and emoji, and emits the words and sentinels of each level in
// reverse order.
var entityCases = []entityCase{
	// Mentions.
	{name: "mention", text: "Thanks @alice for the fix", keep: []string{"@alice"}},
	{name: "mentions with dots and underscores", text: "@bob.smith and @carol_w reviewed it", keep: []string{"@bob.smith", "@carol_w"}},
	{name: "slack user", text: "<@U024BE7LH> can you deploy?", keep: []string{"<@U024BE7LH>"}},
	{name: "discord user", text: "<@!80351110224678912> joined the raid", keep: []string{"<@!80351110224678912>"}},
	{name: "discord role", text: "ping <@&165511591545143296> now", keep: []string{"<@&165511591545143296>"}},
	{name: "fediverse mention", text: "ask @ana@mastodon.social about it", keep: []string{"@ana@mastodon.social"}},
	{name: "slack broadcast", text: "<!here> standup in five minutes", keep: []string{"<!here>"}},
	// Channels and hashtags.
	{name: "channel", text: "Move this to #general please", keep: []string{"#general"}},
	{name: "slack channel", text: "<#C024BE7LR|random> has the memes", keep: []string{"<#C024BE7LR|random>"}},
	{name: "hashtags", text: "Loving the new release #TGIF #opensource", keep: []string{"#TGIF", "#opensource"}},
	{name: "issue reference", text: "Fixed in #1234, thanks", keep: []string{"#1234"}},
	{name: "accented hashtag from spanish", text: "Nos vemos en #café_charla mañana", source: "es", target: "en", keep: []string{"#café_charla"}},
	// Emoji.
	{name: "emoji", text: "Great job 👍", keep: []string{"👍"}},
	{name: "skin tone", text: "Great job 👍🏽 everyone", keep: []string{"👍🏽"}},
	{name: "zwj family", text: "The 👨‍👩‍👧‍👦 arrives tonight", keep: []string{"👨‍👩‍👧‍👦"}},
	{name: "zwj profession with skin tone", text: "Our 👩🏾‍💻 shipped it", keep: []string{"👩🏾‍💻"}},
	{name: "flags", text: "Flights from 🇩🇪 to 🇯🇵 are cheap", keep: []string{"🇩🇪", "🇯🇵"}},
	{name: "subdivision flag", text: "Cheering for 🏴󠁧󠁢󠁳󠁣󠁴󠁿 today", keep: []string{"🏴󠁧󠁢󠁳󠁣󠁴󠁿"}},
	{name: "keycap", text: "Press 1️⃣ to confirm", keep: []string{"1️⃣"}},
	{name: "emoji run", text: "Party time 🎉🎉🎉 see you", keep: []string{"🎉🎉🎉"}},
	{name: "emoji with variation selector", text: "I ❤️ this feature", keep: []string{"❤️"}},
	{name: "rainbow flag", text: "🏳️‍🌈 pride month starts today", keep: []string{"🏳️‍🌈"}},
	// Custom emoji.
	{name: "custom emoji", text: "Nice work :party_parrot:", keep: []string{":party_parrot:"}},
	{name: "custom emoji with skin tone", text: "hello :wave::skin-tone-3: friends", keep: []string{":wave::skin-tone-3:"}},
	{name: "discord emoji", text: "That was <:blobcat:123456789> worthy", keep: []string{"<:blobcat:123456789>"}},
	{name: "discord animated emoji", text: "Animated <a:dance:987654321> dance", keep: []string{"<a:dance:987654321>"}},
	// URLs and e-mail.
	{name: "url", text: "Read https://example.com/Docs?lang=en&v=2 before the call", keep: []string{"https://example.com/Docs?lang=en&v=2"}},
	{name: "url with parentheses", text: "See (https://en.wikipedia.org/wiki/Go_(programming_language)) for history", keep: []string{"https://en.wikipedia.org/wiki/Go_(programming_language)"}},
	{name: "www url", text: "The build is at www.parley.chat/builds/42 now", keep: []string{"www.parley.chat/builds/42"}},
	{name: "autolink", text: "Docs: <https://parley.chat/docs> are updated", keep: []string{"<https://parley.chat/docs>"}},
	{name: "slack link", text: "Read <https://x.io/a|the guide> first", keep: []string{"<https://x.io/a|the guide>"}},
	{name: "internationalized url", text: "Visit https://例え.テスト/パス today", keep: []string{"https://例え.テスト/パス"}},
	{name: "email", text: "Write to support@parley.chat for help", keep: []string{"support@parley.chat"}},
	{name: "email with plus", text: "Send the CV to jane.doe+jobs@example.co.uk soon", keep: []string{"jane.doe+jobs@example.co.uk"}},
	// Code.
	{name: "inline code", text: "Run `make test` before pushing", keep: []string{"`make test`"}},
	{name: "inline code with backtick", text: "Use ``a`b`` as the separator", keep: []string{"``a`b``"}},
	{name: "code block", text: "Try this:\n```go\nfmt.Println(\"hello world\")\n```\nand tell me", keep: []string{"```go\nfmt.Println(\"hello world\")\n```"}},
	{name: "tilde code block", text: "Check ~~~\nSELECT * FROM users;\n~~~ output", keep: []string{"~~~\nSELECT * FROM users;\n~~~"}},
	// Markdown emphasis: the content is translated, the marks kept.
	{name: "bold", text: "This is **very** important", want: []string{"**" + sc("very") + "**"}},
	{name: "italic", text: "Please read *carefully* now", want: []string{"*" + sc("carefully") + "*"}},
	{name: "underscore bold", text: "A __strong__ opinion", want: []string{"__" + sc("strong") + "__"}},
	{name: "underscore italic", text: "That was _quite_ fun", want: []string{"_" + sc("quite") + "_"}},
	{name: "strikethrough", text: "The ~~old~~ plan is gone", want: []string{"~~" + sc("old") + "~~"}},
	{name: "spoiler", text: "Spoiler: ||he survives|| in the end", want: []string{"||" + sc("he survives") + "||"}},
	{name: "nested emphasis", text: "**Bold with *nested* words**", want: []string{"**sdrow *detsen* htiw dloB**"}},
	// Links: text translated, URL kept.
	{name: "link", text: "See [the docs](https://parley.chat/docs) now", want: []string{"[" + sc("the docs") + "](https://parley.chat/docs)"}},
	{name: "link with title", text: `Open [home](https://x.io "Home page") again`, want: []string{`[` + sc("home") + `](https://x.io "Home page")`}},
	{name: "image", text: "![a cat](https://x.io/cat.png) is cute", want: []string{"![" + sc("a cat") + "](https://x.io/cat.png)"}},
	{name: "mention in a bold link", text: "**[ask @bob](https://x.io)** today", keep: []string{"@bob"}, want: []string{"**[@bob ksa](https://x.io)**"}},
	{name: "link with parentheses in url", text: "[Link](https://x.io/a_(b)) inside parens", want: []string{"[" + sc("Link") + "](https://x.io/a_(b))"}},
	// HTML.
	{name: "html bold", text: "Click <b>Save</b> to continue", want: []string{"<b>" + sc("Save") + "</b>"}},
	{name: "html link", text: `Go to <a href="https://x.io/settings">your settings</a> page`, want: []string{`<a href="https://x.io/settings">` + sc("your settings") + "</a>"}},
	{name: "void tag", text: "First line<br/>second line", keep: []string{"<br/>"}},
	{name: "html around markdown", text: "<i>**very**</i> nice", want: []string{"<i>**" + sc("very") + "**</i>"}},
	{name: "html comment", text: "Hidden <!-- note to self --> text", keep: []string{"<!-- note to self -->"}},
	// Placeholders.
	{name: "icu argument", text: "Hello {name}, welcome back", keep: []string{"{name}"}},
	{name: "icu plural", text: "You have {count, plural, one {# message} other {# messages}} waiting", keep: []string{"{count, plural, one {# message} other {# messages}}"}},
	{name: "mustache", text: "You have {{count}} new {{{items}}}", keep: []string{"{{count}}", "{{{items}}}"}},
	{name: "printf", text: "Uploaded %d of %s files", keep: []string{"%d", "%s"}},
	{name: "positional printf", text: "Positional %1$s and %2$d args", keep: []string{"%1$s", "%2$d"}},
	{name: "format string and template literal", text: "Total is {0:.2f} euros and ${amount} dollars", keep: []string{"{0:.2f}", "${amount}"}},
	{name: "python named printf", text: "Hello %(name)s, your score is %.1f%%", keep: []string{"%(name)s", "%.1f", "%%"}},
	// Glossary do-not-translate terms.
	{name: "term", text: "Parley ships on Friday", protect: []string{"Parley"}, keep: []string{"Parley"}},
	{name: "overlapping terms", text: "Parley Cloud beats Parley Lite", protect: []string{"Parley", "Parley Cloud", "Parley Lite"}, keep: []string{"Parley Cloud", "Parley Lite"}},
	{name: "repeated short term", text: "Ask Go experts about Go", protect: []string{"Go"}, keep: []string{"Go"}},
	{name: "term in chinese", text: "我喜欢Parley应用", source: "zh", target: "en", protect: []string{"Parley"}, keep: []string{"Parley"}},
	// Everything at once.
	{name: "mixed chat message", text: "Hey @alice 👋 the **new** build is at https://ci.example.com/b/42 — ping #release :tada:",
		keep: []string{"@alice", "👋", "https://ci.example.com/b/42", "#release", ":tada:"}, want: []string{"**" + sc("new") + "**"}},
	{name: "mixed developer message", text: "@bob `npm i` then open http://localhost:3000/?q=%s and see {{count}} 🚀",
		keep: []string{"@bob", "`npm i`", "http://localhost:3000/?q=%s", "{{count}}", "🚀"}},
	{name: "multi-line", text: "Line one @a\nLine two #b\n\n> quote with *emphasis*", keep: []string{"@a", "#b"}, want: []string{"*" + sc("emphasis") + "*"}},
	{name: "message that already has brackets", text: "Use ⟦0⟧ as a marker, @bob", keep: []string{"⟦0⟧", "@bob"}},
}

// newScrambleChain is a chain with one Ollama rung over a scrambling fake.
func newScrambleChain(t testing.TB) (*translate.Chain, *fakellm.Server) {
	t.Helper()
	f := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Scramble()})
	ob, err := ollama.New(context.Background(), ollama.Config{Host: f.URL(), Model: "qwen2.5:3b", Stream: true, Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := translate.NewChain([]translate.Rung{{Name: ollama.Name, Backend: ob, Timeout: 5 * time.Second}}, translate.ChainConfig{}, nil)
	t.Cleanup(func() { c.Close() })
	return c, f
}

func TestEntitiesRoundTrip(t *testing.T) {
	if len(entityCases) < 60 {
		t.Fatalf("only %d cases", len(entityCases))
	}
	c, f := newScrambleChain(t)
	for _, tt := range entityCases {
		t.Run(tt.name, func(t *testing.T) {
			checkEntityCase(t, c, f, tt)
		})
	}
}

func checkEntityCase(t *testing.T, c *translate.Chain, f *fakellm.Server, tt entityCase) {
	t.Helper()
	source, target := tt.source, tt.target
	if source == "" {
		source = "en"
	}
	if target == "" {
		target = "es"
	}
	before := len(f.Requests())
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: source, Target: target, Protect: tt.protect})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated || resp.Backend != ollama.Name {
		t.Fatalf("status %s backend %s (attempts %+v)", resp.Status, resp.Backend, resp.Attempts)
	}
	out := resp.Text
	if out == tt.text {
		t.Errorf("the text came back untranslated")
	}
	reqs := f.Requests()[before:]
	if len(reqs) != 1 {
		t.Fatalf("%d model calls, want 1", len(reqs))
	}
	sent := reqs[0].Data()
	for _, k := range tt.keep {
		if got, want := strings.Count(out, k), strings.Count(tt.text, k); got != want {
			t.Errorf("%q appears %d times in %q, want %d", k, got, out, want)
		}
		if k != "⟦0⟧" && strings.Contains(sent, k) {
			t.Errorf("%q reached the model unprotected: %q", k, sent)
		}
	}
	for _, w := range tt.want {
		if !strings.Contains(out, w) {
			t.Errorf("translation %q lacks %q", out, w)
		}
	}
	if !strings.Contains(tt.text, "⟦") && strings.ContainsAny(out, "⟦⟧") {
		t.Errorf("a sentinel leaked into %q", out)
	}
}

// TestEntityBoundsAcrossScripts: what the model receives for mentions and
// hashtags in scripts with combining marks, and for URLs, addresses and
// hashtags written against CJK, Korean or Arabic text. The model knows
// only the message it should get: one cut at a vowel sign ("⟦1⟧ाहुल") or
// with the text after a URL swallowed ("请看 ⟦0⟧") finds no entry.
func TestEntityBoundsAcrossScripts(t *testing.T) {
	tests := []struct {
		name, text, source string
		sent               string // the message the model must receive
		answer             string // its translation
		want               string // what the reader gets
	}{
		{"hindi channel and mention", "नमस्ते, #चैनल देखो और @राहुल को बताओ", "hi",
			"नमस्ते, ⟦0⟧ देखो और ⟦1⟧ को बताओ", "Hello, look at ⟦0⟧ and tell ⟦1⟧", "Hello, look at #चैनल and tell @राहुल"},
		{"thai hashtag", "อ่าน #ข่าวสาร วันนี้นะ", "th",
			"อ่าน ⟦0⟧ วันนี้นะ", "Read ⟦0⟧ today", "Read #ข่าวสาร today"},
		{"tamil mention", "நன்றி @கார்த்திக் நாளை பார்க்கலாம்", "ta",
			"நன்றி ⟦0⟧ நாளை பார்க்கலாம்", "Thanks ⟦0⟧, see you tomorrow", "Thanks @கார்த்திக், see you tomorrow"},
		{"arabic mention with harakat", "شكرا @مُحَمَّد على المساعدة", "ar",
			"شكرا ⟦0⟧ على المساعدة", "Thanks ⟦0⟧ for the help", "Thanks @مُحَمَّد for the help"},
		{"hebrew mention with niqqud", "תודה @שָׁלוֹם על העזרה", "he",
			"תודה ⟦0⟧ על העזרה", "Thanks ⟦0⟧ for the help", "Thanks @שָׁלוֹם for the help"},
		{"url before a chinese full stop", "请看 https://example.com/文档。谢谢大家的帮助", "zh-Hans",
			"请看 ⟦0⟧。谢谢大家的帮助", "Please see ⟦0⟧. Thank you all for your help", "Please see https://example.com/文档. Thank you all for your help"},
		{"url before a japanese particle", "詳細は https://example.com/docsを見てください。", "ja",
			"詳細は ⟦0⟧を見てください。", "See ⟦0⟧ for details.", "See https://example.com/docs for details."},
		{"url before a korean particle", "자세한 내용은 https://example.com/docs에서 확인하세요.", "ko",
			"자세한 내용은 ⟦0⟧에서 확인하세요.", "See ⟦0⟧ for details.", "See https://example.com/docs for details."},
		{"url before an arabic comma", "انظر https://example.com/docs،شكرا جزيلا", "ar",
			"انظر ⟦0⟧،شكرا جزيلا", "See ⟦0⟧, thank you very much", "See https://example.com/docs, thank you very much"},
		{"email between japanese", "メールはtaro@example.co.jpまでお願いします", "ja",
			"メールは⟦0⟧までお願いします", "Please send an e-mail to ⟦0⟧", "Please send an e-mail to taro@example.co.jp"},
		{"japanese channel", "詳しくは、#一般チャンネルを見てください", "ja",
			"詳しくは、⟦0⟧チャンネルを見てください", "For details, see the ⟦0⟧ channel", "For details, see the #一般 channel"},
	}
	dict := map[string]string{}
	for _, tt := range tests {
		dict[tt.sent] = tt.answer
	}
	f := fakellm.StartOllama(t, fakellm.Config{Translator: fakellm.Dictionary(dict)})
	ob, err := ollama.New(t.Context(), ollama.Config{Host: f.URL(), Model: "qwen2.5:3b", Refresh: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := translate.NewChain([]translate.Rung{{Name: ollama.Name, Backend: ob, Timeout: 5 * time.Second}}, translate.ChainConfig{}, nil)
	defer c.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(f.Requests())
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: tt.text, Source: tt.source, Target: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if reqs := f.Requests()[before:]; len(reqs) == 0 || reqs[0].Data() != tt.sent {
				var got string
				if len(reqs) > 0 {
					got = reqs[0].Data()
				}
				t.Errorf("the model received %q, want %q", got, tt.sent)
			}
			if resp.Status != api.StatusTranslated || resp.Text != tt.want {
				t.Errorf("got %s %q (attempts %+v), want %q", resp.Status, resp.Text, resp.Attempts, tt.want)
			}
		})
	}
}

func TestEntitiesOnlyIsNotSentToTheModel(t *testing.T) {
	c, f := newScrambleChain(t)
	for _, text := range []string{"👍 @bob https://x.io", ":tada: :tada:", "`make test`", "{{count}} %s"} {
		resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "en", Target: "es"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != api.StatusOriginal || resp.Text != text || resp.Reason != "nothing to translate" {
			t.Errorf("%q: got %+v", text, resp)
		}
	}
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d model calls for messages without prose", n)
	}
}

// A lost or duplicated sentinel is retried once on the same rung with a
// prompt that lists the sentinels; a second failure moves down the chain.
func TestSentinelMismatchRetriesOnceThenFallsBack(t *testing.T) {
	tests := []struct {
		name        string
		ollama      fakellm.Translator
		wantBackend string
		wantCalls   int
	}{
		{name: "lost then fine", ollama: fakellm.Sequence(fakellm.DropSentinel(fakellm.Scramble()), fakellm.Scramble()), wantBackend: "ollama", wantCalls: 2},
		{name: "duplicated then fine", ollama: fakellm.Sequence(fakellm.DuplicateSentinel(fakellm.Scramble()), fakellm.Scramble()), wantBackend: "ollama", wantCalls: 2},
		{name: "lost twice", ollama: fakellm.DropSentinel(fakellm.Scramble()), wantBackend: "openai", wantCalls: 2},
		{name: "duplicated twice", ollama: fakellm.DuplicateSentinel(fakellm.Scramble()), wantBackend: "openai", wantCalls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ol := fakellm.StartOllama(t, fakellm.Config{Translator: tt.ollama})
			oa := fakellm.StartOpenAI(t, fakellm.Config{Translator: fakellm.Scramble()})
			ob, err := ollama.New(t.Context(), ollama.Config{Host: ol.URL(), Model: "qwen2.5:3b", Refresh: time.Hour}, nil)
			if err != nil {
				t.Fatal(err)
			}
			ab, err := openai.New(t.Context(), openai.Config{BaseURL: oa.BaseURL(), Model: "gpt-4o-mini", Refresh: time.Hour}, nil)
			if err != nil {
				t.Fatal(err)
			}
			c := translate.NewChain([]translate.Rung{{Name: "ollama", Backend: ob}, {Name: "openai", Backend: ab}}, translate.ChainConfig{}, nil)
			defer c.Close()
			text := "Thanks @alice, see [the docs](https://x.io/d) now"
			resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "en", Target: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != api.StatusTranslated || resp.Backend != tt.wantBackend {
				t.Fatalf("got %+v", resp)
			}
			if !strings.Contains(resp.Text, "@alice") || !strings.Contains(resp.Text, "["+sc("the docs")+"](https://x.io/d)") {
				t.Errorf("translation %q lost an entity", resp.Text)
			}
			reqs := ol.Requests()
			if len(reqs) != tt.wantCalls {
				t.Fatalf("ollama got %d calls, want %d", len(reqs), tt.wantCalls)
			}
			if strings.Contains(reqs[0].System, "exactly once: ") || !strings.Contains(reqs[1].System, "must contain each of these tokens exactly once: ⟦0⟧ ⟦1⟧ ⟦/1⟧") {
				t.Errorf("the retry prompt does not list the sentinels:\n%s", reqs[1].System)
			}
			if tt.wantBackend == "openai" {
				if len(resp.Attempts) != 1 || !strings.HasPrefix(resp.Attempts[0].Error, "protected terms not preserved") || resp.Attempts[0].Retries != 1 {
					t.Errorf("attempts = %+v", resp.Attempts)
				}
			}
		})
	}
}

// Apertium has no sentinels: the chain hands it every entity as a
// protected string, and checks that each came back.
func TestEntitiesThroughApertium(t *testing.T) {
	if !apertium.Available() {
		t.Skip("Apertium is not installed (apt-get install apertium apertium-eng-spa); skipping")
	}
	e, err := apertium.New(apertium.Config{}, nil)
	if err != nil {
		t.Skipf("apertium: %v", err)
	}
	if !e.Supports("en", "es") {
		e.Close()
		t.Skip("the en-es Apertium pair is not installed")
	}
	c := translate.NewChain([]translate.Rung{{Name: "apertium", Backend: e, Timeout: 10 * time.Second}}, translate.ChainConfig{}, nil)
	defer c.Close()
	text := "Hello @alice, the house is at https://example.com/House and `make house` is broken #general 👍🏽"
	resp, err := c.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "en", Target: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated {
		t.Fatalf("got %+v", resp)
	}
	for _, k := range []string{"@alice", "https://example.com/House", "`make house`", "#general", "👍🏽"} {
		if strings.Count(resp.Text, k) != 1 {
			t.Errorf("%q lost in %q", k, resp.Text)
		}
	}
	if !strings.Contains(resp.Text, "casa") {
		t.Errorf("prose not translated: %q", resp.Text)
	}

	// A full stop ends the URL: the text after it was protected with
	// the URL and came back in Spanish.
	if !e.Supports("es", "en") {
		t.Skip("the es-en Apertium pair is not installed")
	}
	text = "Mira https://example.com/docs。Gracias a todos por la ayuda"
	resp, err = c.Translate(t.Context(), api.TranslateRequest{Text: text, Source: "es", Target: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != api.StatusTranslated || strings.Count(resp.Text, "https://example.com/docs。") != 1 || strings.Contains(resp.Text, "Gracias") || !strings.Contains(resp.Text, "Thank") {
		t.Errorf("got %s %q, want the URL kept and the text after it translated", resp.Status, resp.Text)
	}
}

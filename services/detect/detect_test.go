package detect

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// testLanguages is small on purpose: high-accuracy models take seconds to
// load per script family, more so under the race detector. It still holds
// look-alikes (es/pt, ru/uk/sr, hr/sr) and scripts that shortcuts decide.
var testLanguages = []string{"en", "es", "pt", "fr", "de", "hr", "id", "ru", "uk", "sr", "zh", "ja", "ko", "ar", "el", "he", "th"}

var (
	sharedOnce sync.Once
	shared     *Detector
	sharedErr  error
)

func testConfig() Config {
	return Config{
		Languages: testLanguages, MinConfidence: DefaultMinConfidence,
		MinDistance: DefaultMinDistance, MinDistanceShort: DefaultMinDistanceShort, MinDistanceWord: DefaultMinDistanceWord,
		Priors: DefaultPriorWeights,
	}
}

// newTestDetector returns one high-accuracy detector over testLanguages for
// the whole test binary.
func newTestDetector(t testing.TB) *Detector {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = New(testConfig()) })
	if sharedErr != nil {
		t.Fatalf("new detector: %v", sharedErr)
	}
	return shared
}

func detect(t *testing.T, det *Detector, req api.DetectRequest) *api.DetectResponse {
	t.Helper()
	got, err := det.Detect(context.Background(), req)
	if err != nil {
		t.Fatalf("Detect(%q): %v", req.Text, err)
	}
	return got
}

func TestDetectLanguages(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		text string
		want string
	}{
		{"Thanks for your help, see you tomorrow at the office.", "en"},
		{"Gracias por tu ayuda, nos vemos mañana en la oficina.", "es"},
		{"Obrigado pela ajuda, vejo você amanhã no escritório.", "pt"},
		{"Merci pour ton aide, on se voit demain au bureau.", "fr"},
		{"Danke für deine Hilfe, wir sehen uns morgen im Büro.", "de"},
		{"Hvala na pomoći, vidimo se sutra u uredu.", "hr"},
		{"Terima kasih atas bantuannya, sampai jumpa besok di kantor.", "id"},
		{"Спасибо за помощь, увидимся завтра в офисе.", "ru"},
		{"Дякую за допомогу, побачимося завтра в офісі.", "uk"},
		{"Хвала на помоћи, видимо се сутра у канцеларији.", "sr-Cyrl"},
		{"谢谢你的帮助，明天办公室见。", "zh-Hans"},
		{"謝謝你的幫助，明天辦公室見。", "zh-Hant"},
		{"手伝ってくれてありがとう、また明日オフィスで会いましょう。", "ja"},
		{"شكرا لمساعدتك، أراك غدا في المكتب.", "ar"},
		// Links, mentions and numbers must not drag a message towards English.
		{"@maria mira esto https://example.com/watch?v=abc, ¡es increíble! 10pm #weekend", "es"},
		// HTML attributes are no words: "class", "note", "color:red"
		// pulled this towards Portuguese, and the link towards Filipino.
		{`<div class="note"><span style="color:red">Gracias</span> por todo</div>`, "es"},
		{`<p>Hello my friend, <a href="https://example.com">click here</a></p>`, "en"},
		{`<p>Merci pour ton aide</p><script>var message = "good morning"; show(message);</script><code>git push origin main</code>`, "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.want+"/"+strings.Fields(tt.text)[0], func(t *testing.T) {
			got := detect(t, det, api.DetectRequest{Text: tt.text})
			if got.Language != tt.want {
				t.Fatalf("Detect(%q) = %s (%.2f, reason %q, alternatives %v), want %s",
					tt.text, got.Language, got.Confidence, got.Reason, got.Alternatives, tt.want)
			}
			if got.Confidence < DefaultMinConfidence || got.Confidence > 1 {
				t.Errorf("confidence %v outside [%v, 1]", got.Confidence, DefaultMinConfidence)
			}
			if got.Reason != "" {
				t.Errorf("reason %q on a determined answer", got.Reason)
			}
			if got.Lingua == nil || api.Base(got.Lingua.Language) != api.Base(tt.want) && got.Why == "" {
				t.Errorf("lingua %+v differs from the answer without a why", got.Lingua)
			}
			if len(got.Alternatives) > MaxAlternatives {
				t.Errorf("%d alternatives, want at most %d", len(got.Alternatives), MaxAlternatives)
			}
			for _, a := range got.Alternatives {
				if a.Language == api.Base(got.Language) || a.Confidence > got.Confidence {
					t.Errorf("alternative %+v should rank below the answer %s (%.4f)", a, got.Language, got.Confidence)
				}
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		in      string
		want    string // after collapsing spaces
		removed string
	}{
		{"see https://example.com/a?b=c now", "see now", removedLinks},
		{"look at <https://example.com|this> ok", "look at", removedLinks},
		{"docs at example.org/docs please", "docs at please", removedLinks},
		{"mail bob@example.co.uk please", "mail please", removedEmails},
		{"hey @alice and @bob_2", "hey and", removedMentions},
		{"ping <@U024BE7LH> and <@!123> and <@&456>", "ping and and", removedMentions},
		{"join #general and <#C024BE7LR|random>", "join and", removedTags},
		{"so happy #blessed #TBT", "so happy", removedTags},
		{"nice <:party:123> <a:dance:456> :tada: :+1:", "nice", removedCustom},
		{"family 👨‍👩‍👧‍👦 and 👍🏽 and 🇫🇷 ♥️", "family and and", removedEmoji},
		{"lol :D xD that was fun", "that was fun", removedChat},
		{"run ```go\nfunc main() {}\n``` then `make test` now", "run then now", removedCode},
		{"meet at 10:30 or 5pm on the 2nd", "meet at or on the", removedNumbers},
		{"我有3个苹果", "我有 个苹果", removedNumbers},
		{"ok haha okay hmm", "", removedChat},
		{"the cost is 12€", "the cost is", removedNumbers},
		{`<div class="note"><span style="color:red">Gracias</span> por todo</div>`, "Gracias por todo", removedMarkup},
		{`<p>Hello my friend, <a href="https://example.com">click here</a></p>`, "Hello my friend, click here", removedMarkup},
		{"<!-- note --><p>Hola</p><style>.black { color: black }</style><span translate=\"no\">Parley Cloud</span>", "Hola", removedMarkup},
		{"Tom &amp; Jerry&nbsp;forever &#233;", "Tom Jerry forever", removedMarkup},
		{`go to "https://example.com/a" now`, `go to " " now`, removedLinks},
		{"see https://example.com/a<b>now</b>", "see now", removedLinks},
		// Combining marks continue a mention or hashtag: its tail is no
		// prose of the script's language.
		{"thanks @प्रिया!", "thanks !", removedMentions},
		{"नमस्ते, #चैनल देखो और @राहुल को बताओ", "नमस्ते, देखो और को बताओ", removedTags},
		{"อ่าน #ข่าวสาร วันนี้", "อ่าน วันนี้", removedTags},
		{"நன்றி @கார்த்திக் நாளை", "நன்றி நாளை", removedMentions},
		{"شكرا @مُحَمَّد على المساعدة", "شكرا على المساعدة", removedMentions},
		{"תודה @שָׁלוֹם על העזרה", "תודה על העזרה", removedMentions},
		// A link, address or hashtag ends where the text written against
		// it begins (entity.URLEnd, entity.FindEmails).
		{"请看 https://example.com/文档。谢谢大家的帮助", "请看 。谢谢大家的帮助", removedLinks},
		{"詳細は https://example.com/docsを見てください。", "詳細は を見てください。", removedLinks},
		{"자세한 내용은 https://example.com/docs에서 확인하세요.", "자세한 내용은 에서 확인하세요.", removedLinks},
		{"انظر https://example.com/docs،شكرا", "انظر ،شكرا", removedLinks},
		{"docs at example.org/docsを見て", "docs at を見て", removedLinks},
		{"メールはtaro@example.co.jpまでお願いします", "メールは までお願いします", removedEmails},
		{"詳しくは、#一般チャンネルを見てください", "詳しくは、 チャンネルを見てください", removedTags},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c := clean(tt.in)
			if len(c.prose) != len(tt.in) {
				t.Fatalf("clean changed the length from %d to %d bytes; offsets would break", len(tt.in), len(c.prose))
			}
			if got := strings.Join(strings.Fields(c.prose), " "); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !c.removed[tt.removed] {
				t.Errorf("removed %v, want %q among them", c.removedList(), tt.removed)
			}
		})
	}
}

// A mention in a script with vowel signs is no evidence for its
// language: "thanks @प्रिया!" read as Hindi with confidence 1 when the
// mention ended at its first vowel sign and the rest counted as prose.
func TestDetectMentionInAnotherScript(t *testing.T) {
	cfg := testConfig()
	cfg.Languages = []string{"en", "es", "hi", "ta", "th"}
	det, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"thanks @प्रिया!", "en"},
		{"thank you so much @கார்த்திக்", "en"},
		{"muchas gracias #ข่าวสาร", "es"},
	} {
		got := detect(t, det, api.DetectRequest{Text: tt.text})
		if got.Language != tt.want {
			t.Errorf("Detect(%q) = %s (%.2f), want %s", tt.text, got.Language, got.Confidence, tt.want)
		}
	}
}

func TestDetectUndetermined(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		name   string
		text   string
		reason string
	}{
		{"emoji", "😀🎉👍", "no letters"},
		{"zwj emoji", "👩‍💻👨‍👩‍👧", "emoji"},
		{"numbers", "12 345,67 + 89 = ?", "numbers"},
		{"url", "https://example.com/path?q=hello", "links"},
		{"links and mentions", "@bob https://example.org www.example.net <@123456> <:party:987654> :thumbsup: 42", "mentions"},
		{"email", "bob.smith@example.com", "e-mail"},
		{"code", "`kubectl get pods --all-namespaces`", "code"},
		{"chat words", "ok 👍", "chat words"},
		{"single letter", "k?", "chat words"},
		{"one letter", "x", "single letter"},
		{"script nobody configured", "მადლობა დახმარებისთვის", "none of the configured languages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := detect(t, det, api.DetectRequest{Text: tt.text})
			if got.Language != api.Undetermined || !strings.Contains(got.Reason, tt.reason) {
				t.Fatalf("Detect(%q) = %+v, want und with reason containing %q", tt.text, got, tt.reason)
			}
			if got.Confidence != 0 {
				t.Errorf("confidence %v on an und answer", got.Confidence)
			}
		})
	}
}

func TestScriptShortcuts(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		text, want, script, ambiguity string
	}{
		{"고마워요", "ko", "Hang", ""},
		{"ありがとう", "ja", "Jpan", ""},
		{"東京タワーに行きます", "ja", "Jpan", ""},
		{"ขอบคุณมาก", "th", "Thai", ""},
		{"ευχαριστώ", "el", "Grek", ""},
		{"תודה רבה", "he", "Hebr", ""},
		{"这个问题很难", "zh-Hans", "Hans", "zh-CN or zh-SG"},
		{"這個問題很難", "zh-Hant", "Hant", "zh-TW or zh-HK"},
		{"你好", "zh", "Hani", "script (zh-Hans or zh-Hant) cannot be told"},
		{"네!", "ko", "Hang", ""},
		{"好", "zh", "Hani", "cannot be told"},
		// Emoji and mentions around the text do not stop a shortcut.
		{"@min 고마워요 👍", "ko", "Hang", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := detect(t, det, api.DetectRequest{Text: tt.text})
			if got.Language != tt.want || got.Script != tt.script || got.Confidence != 1 {
				t.Fatalf("Detect(%q) = %s script %s confidence %v, want %s %s by shortcut", tt.text, got.Language, got.Script, got.Confidence, tt.want, tt.script)
			}
			if !strings.Contains(got.Ambiguity, tt.ambiguity) {
				t.Errorf("ambiguity %q, want it to contain %q", got.Ambiguity, tt.ambiguity)
			}
		})
	}
	t.Run("shared script needs the model", func(t *testing.T) {
		// Cyrillic is shared by ru, uk and sr here: no shortcut, the
		// model decides (ї is Ukrainian's alone).
		got := detect(t, det, api.DetectRequest{Text: "Їжак їсть яблуко"})
		if got.Language != "uk" {
			t.Fatalf("got %+v, want uk", got)
		}
	})
	t.Run("one configured cyrillic language", func(t *testing.T) {
		d, err := New(Config{Languages: []string{"en", "sr"}, MinConfidence: DefaultMinConfidence, MinDistance: DefaultMinDistance})
		if err != nil {
			t.Fatal(err)
		}
		got := detect(t, d, api.DetectRequest{Text: "Добар дан"})
		if got.Language != "sr-Cyrl" || got.Confidence != 1 || got.Script != "Cyrl" {
			t.Fatalf("got %+v, want sr-Cyrl by shortcut", got)
		}
	})
}

func TestRegionAmbiguity(t *testing.T) {
	det := newTestDetector(t)
	text := "Obrigado pela ajuda, vejo você amanhã no escritório."
	got := detect(t, det, api.DetectRequest{Text: text})
	if got.Language != "pt" || !strings.Contains(got.Ambiguity, "pt-BR or pt-PT") {
		t.Fatalf("got %s ambiguity %q, want pt with the region stated as unknown", got.Language, got.Ambiguity)
	}
	got = detect(t, det, api.DetectRequest{Text: text, Hints: api.DetectHints{SenderLocale: "pt-BR"}})
	if got.Language != "pt" || !strings.Contains(got.Ambiguity, "hints suggest pt-BR") {
		t.Fatalf("got %s ambiguity %q, want the sender's region named", got.Language, got.Ambiguity)
	}
	got = detect(t, det, api.DetectRequest{Text: "Hvala na pomoći, vidimo se sutra u uredu."})
	if got.Language != "hr" || !strings.Contains(got.Ambiguity, "sr-Latn") {
		t.Fatalf("got %s ambiguity %q, want hr with Serbian in Latin script named", got.Language, got.Ambiguity)
	}
}

func TestPrior(t *testing.T) {
	det := newTestDetector(t)
	n := float64(len(det.langs))
	pos := func(tag string) int {
		t.Helper()
		l, _ := lookup(tag)
		return det.pos[l]
	}
	tests := []struct {
		name  string
		hints api.DetectHints
		want  map[string]float64
	}{
		{"none", api.DetectHints{}, nil},
		{"sender", api.DetectHints{SenderLocale: "pt_BR"}, map[string]float64{
			"pt": 0.6 + 0.4/n, "es": 0.4 / n}},
		{"recent decays", api.DetectHints{RecentLanguages: []string{"es", "und", "pt"}}, map[string]float64{
			"es": 0.15/1.7 + 0.85/n, "pt": 0.15*0.7/1.7 + 0.85/n}},
		{"accept by q", api.DetectHints{AcceptLanguage: "de-CH, de;q=0.9, fr;q=0.5, tlh;q=0.4"}, map[string]float64{
			"de": 0.05*1.9/2.4 + 0.95/n, "fr": 0.05*0.5/2.4 + 0.95/n}},
		// A header read as browsers send it: entries that name no known
		// language, or do not parse, are skipped, not a 400.
		{"accept skips unknown entries", api.DetectHints{AcceptLanguage: "de, xx;q=0.9, es-ES_tradnl;q=0.8, fr;q=0.5"}, map[string]float64{
			"de": 0.05*1/1.5 + 0.95/n, "fr": 0.05*0.5/1.5 + 0.95/n}},
		{"accept of unknown languages only", api.DetectHints{AcceptLanguage: "xx, zz;q=0.5"}, nil},
		// A weight that is no RFC 9110 q-value (above 1, NaN) would skew
		// the shares; its entry is skipped as unreadable.
		{"accept skips unreadable weights", api.DetectHints{AcceptLanguage: "de;q=1.5, es;q=NaN, fr;q=0.5"}, map[string]float64{
			"fr": 0.05 + 0.95/n, "de": 0.95 / n}},
		{"unconfigured hint is ignored", api.DetectHints{SenderLocale: "fi"}, nil},
		{"all three", api.DetectHints{SenderLocale: "es", RecentLanguages: []string{"es"}, AcceptLanguage: "es"}, map[string]float64{
			"es": 0.8 + 0.2/n, "pt": 0.2 / n}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr, err := det.prior(tt.hints)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if pr.p != nil {
					t.Fatalf("prior %v, want none", pr.p)
				}
				return
			}
			sum := 0.0
			for _, v := range pr.p {
				sum += v
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("prior sums to %v", sum)
			}
			for tag, want := range tt.want {
				if got := pr.p[pos(tag)]; math.Abs(got-want) > 1e-9 {
					t.Errorf("prior(%s) = %v, want %v", tag, got, want)
				}
			}
		})
	}
}

func TestPosterior(t *testing.T) {
	// lingua's confidences times the prior, renormalized; a language
	// lingua ruled out stays out.
	got := posterior([]float64{0.5, 0.3, 0.2, 0}, []float64{0.1, 0.6, 0.1, 0.2})
	want := []float64{0.05 / 0.25, 0.18 / 0.25, 0.02 / 0.25, 0}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("posterior = %v, want %v", got, want)
		}
	}
}

func TestHints(t *testing.T) {
	det := newTestDetector(t)
	// "obrigado" alone is Portuguese, but "casa linda" could be es or pt.
	const ambiguous = "casa linda"
	plain := detect(t, det, api.DetectRequest{Text: ambiguous})
	if plain.Lingua == nil {
		t.Fatalf("no lingua answer for %q", ambiguous)
	}
	other := "pt"
	if api.Base(plain.Lingua.Language) == "pt" {
		other = "es"
	}
	got := detect(t, det, api.DetectRequest{Text: ambiguous, Hints: api.DetectHints{
		SenderLocale: other, RecentLanguages: []string{other, other},
	}})
	if got.Language != other {
		t.Fatalf("with hints for %s: got %+v", other, got)
	}
	if got.Lingua == nil || got.Lingua.Language != plain.Lingua.Language {
		t.Errorf("lingua's own answer %+v changed with the hints, want %+v", got.Lingua, plain.Lingua)
	}
	if !strings.Contains(got.Why, "hints") || !strings.Contains(got.Why, "sender locale "+other) {
		t.Errorf("why = %q, want it to name the hints", got.Why)
	}

	t.Run("strong evidence wins over wrong hints", func(t *testing.T) {
		got := detect(t, det, api.DetectRequest{
			Text:  "Gracias por tu ayuda, nos vemos mañana en la oficina para terminar el informe.",
			Hints: api.DetectHints{SenderLocale: "de-DE", RecentLanguages: []string{"de", "de", "de"}, AcceptLanguage: "de"},
		})
		if got.Language != "es" || got.Why != "" {
			t.Fatalf("got %s (why %q), want es", got.Language, got.Why)
		}
	})
	t.Run("hints do not cross scripts", func(t *testing.T) {
		got := detect(t, det, api.DetectRequest{Text: "Спасибо большое", Hints: api.DetectHints{SenderLocale: "en"}})
		if got.Language == "en" {
			t.Fatalf("got en for Cyrillic text")
		}
	})
}

func TestHintsBadInput(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		hints  api.DetectHints
		field  string
		status int
	}{
		{api.DetectHints{SenderLocale: "not a tag!"}, "hints.sender_locale", 400},
		{api.DetectHints{RecentLanguages: []string{"en", "??"}}, "hints.recent_languages[1]", 400},
		{api.DetectHints{AcceptLanguage: "en;q=x"}, "hints.accept_language", 400},
		{api.DetectHints{AcceptLanguage: "en;q=x, ??"}, "hints.accept_language", 400},
		{api.DetectHints{AcceptLanguage: "ja;q=1.5"}, "hints.accept_language", 400},
		{api.DetectHints{AcceptLanguage: "es-ES_tradnl"}, "hints.accept_language", 400},
		// A known language with an unregistered variant is no valid tag.
		{api.DetectHints{SenderLocale: "es-ES_tradnl"}, "hints.sender_locale", 400},
		// Well-formed, of no known language: unsupported, not malformed.
		{api.DetectHints{SenderLocale: "xx"}, "hints.sender_locale", 422},
		{api.DetectHints{RecentLanguages: []string{"en", "zz"}}, "hints.recent_languages[1]", 422},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			_, err := det.Detect(context.Background(), api.DetectRequest{Text: "hello there", Hints: tt.hints})
			var ae *api.Error
			if !errors.As(err, &ae) || ae.Field != tt.field || ae.Status() != tt.status {
				t.Fatalf("err = %v, want a %d on %s", err, tt.status, tt.field)
			}
		})
	}
}

func TestLinguaAndWhy(t *testing.T) {
	det := newTestDetector(t)
	text := "https://example.com/watch/the/best/video/you/will/ever/see/online/today @the_best_friend_forever mira esto, qué bueno"
	got := detect(t, det, api.DetectRequest{Text: text})
	if got.Language != "es" {
		t.Fatalf("got %+v, want es", got)
	}
	if got.Lingua == nil || got.Lingua.Language != "en" {
		t.Fatalf("lingua = %+v, want en (it reads the link)", got.Lingua)
	}
	if !strings.Contains(got.Why, "links") || !strings.Contains(got.Why, "mentions") {
		t.Errorf("why = %q, want it to name the links and mentions", got.Why)
	}
}

func TestSpans(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		text string
		want []string
	}{
		{"I really love this song so much, c'est vraiment magnifique et très beau", []string{"en", "fr"}},
		{"Hello my friend 你好朋友", []string{"en", "zh"}},
		{"Gracias por todo, nos vemos mañana", []string{"es"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := detect(t, det, api.DetectRequest{Text: tt.text, Spans: true})
			var langs []string
			prev := 0
			for _, s := range got.Spans {
				langs = append(langs, api.Base(s.Language))
				if s.Start < prev || s.End <= s.Start || s.End > len(tt.text) {
					t.Errorf("span %+v out of order or bounds", s)
				}
				prev = s.End
			}
			if strings.Join(langs, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("spans %+v, want languages %v", got.Spans, tt.want)
			}
			last := got.Spans[len(got.Spans)-1]
			if strings.TrimSpace(tt.text[last.Start:last.End]) == "" {
				t.Errorf("last span %+v covers no text", last)
			}
		})
	}
	if got := detect(t, det, api.DetectRequest{Text: "I love it"}); got.Spans != nil {
		t.Errorf("spans %v without asking", got.Spans)
	}
}

func TestDetectThresholds(t *testing.T) {
	// The same sentence under stricter thresholds: the verdict depends only
	// on the configuration, which is what an operator tunes.
	const text = "Hello, how are you doing today?"
	if got := detect(t, newTestDetector(t), api.DetectRequest{Text: text}); got.Language != "en" {
		t.Fatalf("default thresholds: got %+v, want en", got)
	}
	tests := []struct {
		name   string
		cfg    Config
		reason string
	}{
		{"confidence", Config{MinConfidence: 0.999}, "below 1.00"},
		{"distance", Config{MinDistance: 0.999}, "too close to call"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Languages = testLanguages
			det, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			got := detect(t, det, api.DetectRequest{Text: text})
			if got.Language != api.Undetermined || !strings.Contains(got.Reason, tt.reason) {
				t.Fatalf("got %+v, want und with reason containing %q", got, tt.reason)
			}
			// The candidates stay visible so a caller can still make an
			// informed guess.
			if len(got.Alternatives) == 0 || got.Alternatives[0].Language != "en" {
				t.Errorf("alternatives %v, want en first", got.Alternatives)
			}
		})
	}
	t.Run("short texts need a larger lead", func(t *testing.T) {
		det := newTestDetector(t)
		for _, n := range []int{5, 15, 30} {
			if want := map[int]float64{5: DefaultMinDistanceWord, 15: DefaultMinDistanceShort, 30: DefaultMinDistance}[n]; det.minLead(n, false) != want {
				t.Errorf("minLead(%d) = %v, want %v", n, det.minLead(n, false), want)
			}
		}
		if got := det.minLead(5, true); got != DefaultMinDistanceShort {
			t.Errorf("with hints, minLead(5) = %v, want the word-pair lead %v", got, DefaultMinDistanceShort)
		}
	})
}

func TestDetectBadInput(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		name string
		text string
		code api.Code
	}{
		{"empty", "", api.CodeEmptyText},
		{"blank", " \t\n ", api.CodeEmptyText},
		{"invalid utf8", "caf\xe9 au lait", api.CodeInvalidUTF8},
		{"too long", strings.Repeat("a", api.MaxTextRunes+1), api.CodeTextTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := det.Detect(context.Background(), api.DetectRequest{Text: tt.text})
			var ae *api.Error
			if !errors.As(err, &ae) {
				t.Fatalf("Detect = %+v, %v; want *api.Error", got, err)
			}
			if ae.Code != tt.code || ae.Field != "text" {
				t.Errorf("error %+v, want code %s on field text", ae, tt.code)
			}
			if s := ae.Status(); s < 400 || s >= 500 {
				t.Errorf("status %d, want 4xx", s)
			}
		})
	}
}

func TestDetectCanceled(t *testing.T) {
	det := newTestDetector(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := det.Detect(ctx, api.DetectRequest{Text: "Good morning"})
	if api.ErrorCode(err) != api.CodeTimeout {
		t.Fatalf("err = %v, want timeout", err)
	}
}

func TestDetectBatch(t *testing.T) {
	det := newTestDetector(t)
	req := api.DetectBatchRequest{Items: []api.DetectBatchItem{
		{ID: "a", DetectRequest: api.DetectRequest{Text: "Wo ist der nächste Bahnhof?"}},
		{ID: "b", DetectRequest: api.DetectRequest{Text: "  "}},
		{ID: "c", DetectRequest: api.DetectRequest{Text: "casa linda", Hints: api.DetectHints{SenderLocale: "pt-BR", RecentLanguages: []string{"pt"}}}},
		{ID: "d", DetectRequest: api.DetectRequest{Text: "hola", Hints: api.DetectHints{SenderLocale: "@@"}}},
		{ID: "e", DetectRequest: api.DetectRequest{Text: "😀"}},
	}}
	// Enough copies to keep every worker busy at once.
	for i := range 20 {
		req.Items = append(req.Items, api.DetectBatchItem{ID: fmt.Sprint("x", i), DetectRequest: api.DetectRequest{Text: "Где ближайший вокзал?"}})
	}
	got, err := det.DetectBatch(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != len(req.Items) {
		t.Fatalf("%d results for %d items", len(got.Items), len(req.Items))
	}
	want := []struct {
		lang, field string
	}{{"de", ""}, {"", "items[1].text"}, {"pt", ""}, {"", "items[3].hints.sender_locale"}, {api.Undetermined, ""}}
	for i, w := range want {
		r := got.Items[i]
		if r.ID != req.Items[i].ID {
			t.Errorf("item %d: id %q, want %q", i, r.ID, req.Items[i].ID)
		}
		switch {
		case w.field != "":
			if r.Error == nil || r.Error.Field != w.field || r.DetectResponse != nil {
				t.Errorf("item %d: %+v, want an error on %s", i, r, w.field)
			}
		case r.Error != nil || r.DetectResponse == nil || r.Language != w.lang:
			t.Errorf("item %d: %+v (error %v), want %s", i, r.DetectResponse, r.Error, w.lang)
		}
	}
	for _, r := range got.Items[len(want):] {
		if r.DetectResponse == nil || r.Language != "ru" {
			t.Errorf("item %s: %+v, want ru", r.ID, r.DetectResponse)
		}
	}

	for _, n := range []int{0, api.MaxDetectBatch + 1} {
		_, err := det.DetectBatch(context.Background(), api.DetectBatchRequest{Items: make([]api.DetectBatchItem, n)})
		var ae *api.Error
		if !errors.As(err, &ae) || ae.Field != "items" || ae.Status() != 400 {
			t.Errorf("%d items: err %v, want a 400 on items", n, err)
		}
	}
}

func TestNewConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		want    []string // Languages(), when valid
		wantErr string
	}{
		{"iso codes", Config{Languages: []string{"en", "es"}}, []string{"en", "es"}, ""},
		{"tags and duplicates", Config{Languages: []string{"pt-BR", "pt_PT", "EN", "nb"}}, []string{"en", "nb", "pt"}, ""},
		{"tagalog canonical", Config{Languages: []string{"tl", "en"}}, []string{"en", "fil"}, ""},
		{"unknown", Config{Languages: []string{"en", "xx", "tlh"}}, nil, `"xx" is not one lingua can detect`},
		{"not bcp47", Config{Languages: []string{"en", "english!"}}, nil, "not one lingua can detect"},
		{"one language", Config{Languages: []string{"en"}}, nil, "at least two languages"},
		{"confidence", Config{Languages: []string{"en", "es"}, MinConfidence: 1.5}, nil, "confidence 1.5 is outside"},
		{"distance", Config{Languages: []string{"en", "es"}, MinDistanceWord: 2}, nil, "distance 2 is outside"},
		{"priors", Config{Languages: []string{"en", "es"}, Priors: PriorWeights{Sender: 0.6, Recent: 0.5}}, nil, "add up to 1.1"},
		{"preload", Config{Languages: []string{"en", "es"}, Preload: "soon"}, nil, `preload "soon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			det, err := New(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New = %v, want error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := det.Languages(); strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Languages() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDefaultLanguagesAreSupported(t *testing.T) {
	// Low accuracy keeps this test of the full default set light; the
	// language list and the tag mapping are the same in both modes.
	det, err := New(Config{Languages: DefaultLanguages, LowAccuracy: true, MinConfidence: DefaultMinConfidence, MinDistance: DefaultMinDistance})
	if err != nil {
		t.Fatalf("default languages: %v", err)
	}
	if n := len(det.Languages()); n != len(DefaultLanguages) {
		t.Fatalf("%d languages, want %d (duplicates in DefaultLanguages?)", n, len(DefaultLanguages))
	}
	tests := []struct {
		text string
		want string
	}{
		{"Thanks for your help, see you tomorrow at the office.", "en"},
		{"Bedankt voor je hulp, tot morgen op kantoor.", "nl"},
		{"Dziękuję za pomoc, do zobaczenia jutro w biurze.", "pl"},
		{"Yardımın için teşekkürler, yarın ofiste görüşürüz.", "tr"},
		{"Cảm ơn bạn đã giúp đỡ, hẹn gặp lại ngày mai ở văn phòng.", "vi"},
		{"Σε ευχαριστώ για τη βοήθεια, τα λέμε αύριο στο γραφείο.", "el"},
		{"תודה על העזרה, נתראה מחר במשרד.", "he"},
		{"मदद के लिए धन्यवाद, कल ऑफिस में मिलते हैं।", "hi"},
		{"도와줘서 고마워요, 내일 사무실에서 봐요.", "ko"},
		{"ขอบคุณสำหรับความช่วยเหลือ แล้วเจอกันพรุ่งนี้ที่ออฟฟิศ", "th"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := detect(t, det, api.DetectRequest{Text: tt.text})
			if got.Language != tt.want {
				t.Fatalf("Detect(%q) = %+v, want %s", tt.text, got, tt.want)
			}
		})
	}
}

func BenchmarkDetect(b *testing.B) {
	det := newTestDetector(b)
	texts := []string{
		"Thanks for your help, see you tomorrow at the office.",
		"nos vemos",
		"Спасибо за помощь, увидимся завтра в офисе.",
		"lol 😂 @ana",
		"谢谢你的帮助，明天办公室见。",
	}
	ctx := context.Background()
	if err := det.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := det.Detect(ctx, api.DetectRequest{Text: texts[i%len(texts)]}); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

package safety

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// The word lists are data; the tests quote a few of their milder entries.

var (
	defaultOnce    sync.Once
	defaultChecker *Checker
	defaultErr     error
)

func checker(tb testing.TB) *Checker {
	tb.Helper()
	defaultOnce.Do(func() { defaultChecker, defaultErr = NewDefault() })
	if defaultErr != nil {
		tb.Fatalf("NewDefault: %v", defaultErr)
	}
	return defaultChecker
}

func TestVerdictMatching(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name    string
		lang    string
		text    string
		flagged []string // span texts, in order
		lexicon string
	}{
		{"clean", "en", "See you at the standup tomorrow.", nil, "ldnoobw:en"},
		{"one word", "en", "This is shit.", []string{"shit"}, "ldnoobw:en"},
		{"mixed case", "en", "Oh FuCk, the build broke", []string{"FuCk"}, "ldnoobw:en"},
		{"multi-word entry", "en", "he said big tits, ugh", []string{"big tits"}, "ldnoobw:en"},
		{"multi-word entry across a line break", "en", "big\n tits", []string{"big\n tits"}, "ldnoobw:en"},
		{"Scunthorpe", "en", "I live in Scunthorpe.", nil, "ldnoobw:en"},
		{"assassin and classic", "en", "A classic assassin story, assessed by a bass player.", nil, "ldnoobw:en"},
		{"therapist", "en", "My therapist says hi", nil, "ldnoobw:en"},
		{"Sussex and Dickens", "en", "Sussex readers love Dickens and cocktails", nil, "ldnoobw:en"},
		{"word boundary at punctuation", "en", "(ass) ass, ass!", []string{"ass", "ass", "ass"}, "ldnoobw:en"},
		{"fullwidth letters", "en", "ｆｕｃｋ this", []string{"ｆｕｃｋ"}, "ldnoobw:en"},
		{"zero-width space inside a word", "en", "f\u200buck off", []string{"f\u200buck"}, "ldnoobw:en"},
		{"soft hyphen inside a word", "en", "bas\u00adtard", []string{"bas\u00adtard"}, "ldnoobw:en"},
		{"emoji entry", "en", "ok🖕ok", []string{"🖕"}, "ldnoobw:en"},
		{"Spanish with accent", "es", "¡Qué cabrón!", []string{"cabrón"}, "ldnoobw:es"},
		{"Spanish decomposed accent", "es", "Qué cabro\u0301n", []string{"cabro\u0301n"}, "ldnoobw:es"},
		{"Spanish upper case", "es-MX", "CULO", []string{"CULO"}, "ldnoobw:es"},
		{"French, not inside a longer word", "fr", "Une conférence, quel con.", []string{"con"}, "ldnoobw:fr"},
		{"Quebec list merged into French", "fr-CA", "Tabarnak, encore!", []string{"Tabarnak"}, "ldnoobw:fr"},
		{"German sharp s folds", "de", "So eine SCHEISSE und Scheiße", []string{"SCHEISSE", "Scheiße"}, "ldnoobw:de"},
		{"Chinese substring", "zh", "你他妈的在干什么", []string{"他妈的"}, "ldnoobw:zh"},
		{"Chinese longest match", "zh", "他妈的", []string{"他妈的"}, "ldnoobw:zh"},
		{"single character inside a compound", "zh", "我每天早上喝牛乳，她是女性", nil, "ldnoobw:zh"},
		{"single character standing alone", "zh", "屌！你看", []string{"屌"}, "ldnoobw:zh"},
		{"single kanji before a particle", "ja", "糞が", []string{"糞"}, "ldnoobw:ja"},
		{"Thai single syllable inside a word", "th", "วันนี้ฉันขี้เกียจมาก", nil, "ldnoobw:th"},
		{"Japanese substring", "ja", "それはエッチな話だ", []string{"エッチ"}, "ldnoobw:ja"},
		{"Thai substring", "th", "ไอ้เหี้ยนี่", []string{"เหี้ย"}, "ldnoobw:th"},
		{"Korean with particle", "ko", "이 개새끼야", []string{"개새끼"}, "ldnoobw:ko"},
		{"Russian Cyrillic", "ru", "Ну блядь, опять", []string{"блядь"}, "ldnoobw:ru"},
		{"Norwegian Bokmål uses no", "nb", "Faen heller", []string{"Faen"}, "ldnoobw:no"},
		{"undetermined: English", "und", "what the fuck", []string{"fuck"}, FallbackLexicon},
		{"undetermined: non-Latin scripts", "und", "你他妈的 ok", []string{"他妈的"}, FallbackLexicon},
		{"undetermined: other Latin lists are not applied", "und", "culo", nil, FallbackLexicon},
		{"language without a list falls back", "sw", "fuck hii", []string{"fuck"}, FallbackLexicon},
		{"another language's Latin list does not apply", "de", "culo", nil, "ldnoobw:de"},
		{"the fallback set applies to every language", "de", "shit happens", []string{"shit"}, "ldnoobw:de"},

		// Obfuscation.
		{"leetspeak", "en", "this is sh1t", []string{"sh1t"}, "ldnoobw:en"},
		{"leetspeak 1 as l", "en", "b1tch please", []string{"b1tch"}, "ldnoobw:en"},
		{"leetspeak symbols", "en", "what an a$$hole, kiss my @ss", []string{"a$$hole", "@ss"}, "ldnoobw:en"},
		{"leetspeak digits and letters", "en", "n1gg3r", []string{"n1gg3r"}, "ldnoobw:en"},
		{"leetspeak keeps entries with digits", "en", "2g1c link", []string{"2g1c"}, "ldnoobw:en"},
		{"drawn-out letters", "en", "fuuuuuck this", []string{"fuuuuuck"}, "ldnoobw:en"},
		{"drawn-out double letter", "en", "kiss my asssss", []string{"asssss"}, "ldnoobw:en"},
		{"drawn-out at the end", "en", "shiiiiit!!!", []string{"shiiiiit"}, "ldnoobw:en"},
		{"drawn-out and leet", "en", "sh1111t", []string{"sh1111t"}, "ldnoobw:en"},
		{"Cyrillic look-alikes", "en", "fu\u0441k off", []string{"fu\u0441k"}, "ldnoobw:en"},
		{"Greek and Armenian look-alikes", "en", "f\u03c5ck and f\u057dck", []string{"f\u03c5ck", "f\u057dck"}, "ldnoobw:en"},
		{"all look-alike letters", "en", "\u0455h\u0456t happens", []string{"\u0455h\u0456t"}, "ldnoobw:en"},
		{"Cyrillic capitals", "en", "\u0412\u0406\u0422\u0421H", []string{"\u0412\u0406\u0422\u0421H"}, "ldnoobw:en"},
		{"Greek capitals", "en", "\u039d\u0399GG\u0395R", []string{"\u039d\u0399GG\u0395R"}, "ldnoobw:en"},
		{"dotless i outside Turkish", "en", "f\u0131st\u0131ng", []string{"f\u0131st\u0131ng"}, "ldnoobw:en"},
		{"small capitals", "en", "\u1d04unt", []string{"\u1d04unt"}, "ldnoobw:en"},
		{"mathematical letters", "en", "\U0001d41f\U0001d42e\U0001d41c\U0001d424", []string{"\U0001d41f\U0001d42e\U0001d41c\U0001d424"}, "ldnoobw:en"},
		{"strikethrough marks", "en", "f\u0336u\u0336c\u0336k\u0336", []string{"f\u0336u\u0336c\u0336k\u0336"}, "ldnoobw:en"},
		{"bidi controls", "en", "sh\u202eit\u202c and f\u2066uck\u2069", []string{"sh\u202eit", "f\u2066uck"}, "ldnoobw:en"},
		{"word joiner and BOM", "en", "f\u2060u\ufeffck", []string{"f\u2060u\ufeffck"}, "ldnoobw:en"},
		{"variation selector after emoji", "en", "ok\U0001f595\ufe0f ok", []string{"\U0001f595"}, "ldnoobw:en"},
		{"Turkish dotted capital I", "tr", "S\u0130KT\u0130R", []string{"S\u0130KT\u0130R"}, "ldnoobw:tr"},
		{"Turkish dotless capital I", "tr", "AMCIK", []string{"AMCIK"}, "ldnoobw:tr"},
		{"Russian with a Latin letter inside", "ru", "\u0436o\u043f\u0430", []string{"\u0436o\u043f\u0430"}, "ldnoobw:ru"},
		{"Russian tie goes to Cyrillic", "ru", "\u0436o\u043fa", []string{"\u0436o\u043fa"}, "ldnoobw:ru"},
		{"Russian mixed word reads as Cyrillic", "ru", "\u0433\u043eB\u043do", []string{"\u0433\u043eB\u043do"}, "ldnoobw:ru"},
		{"undetermined: mixed-script word", "und", "fu\u0441k", []string{"fu\u0441k"}, FallbackLexicon},
		{"undetermined: Cyrillic word stays Cyrillic", "und", "\u0431\u043b\u044f\u0434\u044c", []string{"\u0431\u043b\u044f\u0434\u044c"}, FallbackLexicon},
		{"leetspeak 9 as g", "en", "you ni99er", []string{"ni99er"}, "ldnoobw:en"},
		{"f with a hook", "en", "ƒuck you, ƑUCK", []string{"ƒuck", "ƑUCK"}, "ldnoobw:en"},
		{"u with diaeresis in English", "en", "fück you, FÜCK", []string{"fück", "FÜCK"}, "ldnoobw:en"},
		{"u with diaeresis, decomposed", "en", "fu\u0308ck", []string{"fu\u0308ck"}, "ldnoobw:en"},
		{"at sign for я in a Cyrillic word", "ru", "ну бл@дь", []string{"бл@дь"}, "ldnoobw:ru"},
		{"at sign for а in a Cyrillic word", "ru", "вот сук@!", []string{"сук@"}, "ldnoobw:ru"},
		{"undetermined: at sign in a Cyrillic word", "und", "бл@дь", []string{"бл@дь"}, FallbackLexicon},

		// Parley's additions (lexicon/additions).
		{"Russian addition", "ru", "Сука, опять пиздец", []string{"Сука", "пиздец"}, "ldnoobw:ru"},
		{"Spanish addition", "es", "¡Joder, qué frío!", []string{"Joder"}, "ldnoobw:es"},
		{"Japanese addition", "ja", "このくそったれが", []string{"くそったれ"}, "ldnoobw:ja"},
		{"Japanese addition in katakana", "ja", "クソッタレ！", []string{"クソッタレ"}, "ldnoobw:ja"},
		{"Arabic addition", "ar", "انت حقير", []string{"حقير"}, "ldnoobw:ar"},

		// Scunthorpe: innocent words that contain or resemble entries.
		{"towns", "en", "Scunthorpe, Penistone, Clitheroe, Middlesex and Shitterton", nil, "ldnoobw:en"},
		{"words containing entries", "en", "The cocktail class assessed a shiitake passage, then grabbed a cumin scone", nil, "ldnoobw:en"},
		{"doubled letters are spelling", "en", "Annus horribilis, shiitake", nil, "ldnoobw:en"},
		{"kisses", "en", "Love you, see you soon xxx", nil, "ldnoobw:en"},
		{"more kisses", "en", "night night xxxx", nil, "ldnoobw:en"},
		{"kisses alone", "und", "xxxxxxxxxx", nil, FallbackLexicon},
		{"leet does not touch numbers", "en", "Meet at 5:30, room 101, costs $55, dial 0800", nil, "ldnoobw:en"},
		{"leet inside longer words", "en", "assassin5 and cl4ss1c b4ss", nil, "ldnoobw:en"},
		{"Turkish often is not an insult", "tr", "SIK SIK gelirim, s\u0131k s\u0131k", nil, "ldnoobw:tr"},
		{"Greek text is not read as Latin in the fallback", "und", "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03c3\u03b5 \u03cc\u03bb\u03bf\u03c5\u03c2", nil, FallbackLexicon},
		{"nines are numbers, or letters of no entry", "en", "room 99, 9gag, 4x9 and b99", nil, "ldnoobw:en"},
		{"ü stays in German", "de", "Für die Müllabfuhr, über alles", nil, "ldnoobw:de"},
		{"ü stays in Spanish", "es", "El pingüino y la cigüeña", nil, "ldnoobw:es"},
		{"ü read as u makes no English word of names", "en", "Müller and Brüno met über-fans in Zürich", nil, "ldnoobw:en"},
		{"Spanish additions are whole words", "es", "jodería no, joderse tampoco", nil, "ldnoobw:es"},
		{"Russian additions are whole words", "ru", "сукае и сукно", nil, "ldnoobw:ru"},
		{"at sign between words is no letter of an entry", "ru", "встреча @ 5, кот@дом", nil, "ldnoobw:ru"},
		{"Russian text with look-alike letters in the fallback", "und", "\u0441\u043e\u0441\u043d\u0430 \u0440\u0430\u0441\u0442\u0451\u0442 \u0443 \u043c\u043e\u0440\u044f", nil, FallbackLexicon},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tag := language.Und
			if tt.lang != "und" {
				tag = language.MustParse(tt.lang)
			}
			v := c.Verdict(tt.text, tag)
			var got []string
			for _, s := range v.Spans {
				if tt.text[s.Start:s.End] != s.Text {
					t.Errorf("span %+v: text[%d:%d] = %q", s, s.Start, s.End, tt.text[s.Start:s.End])
				}
				if s.Category == "" || s.Category == api.CategoryPII {
					t.Errorf("span category %q", s.Category)
				}
				got = append(got, s.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.flagged, "|") {
				t.Errorf("flagged %q, want %q", got, tt.flagged)
			}
			if v.Safe != (len(tt.flagged) == 0) {
				t.Errorf("safe = %v with %d flags", v.Safe, len(tt.flagged))
			}
			if v.Lexicon != tt.lexicon {
				t.Errorf("lexicon = %q, want %q", v.Lexicon, tt.lexicon)
			}
			for _, s := range v.Spans {
				if s.Severity == "" || s.Detector != tt.lexicon && !strings.HasPrefix(s.Detector, "ldnoobw:") || s.Match == "" {
					t.Errorf("span %+v lacks severity, detector or match", s)
				}
			}
		})
	}
}

func TestSeverity(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name, lang, text string
		severity         string
		categories       []string
	}{
		{"clean", "en", "Lovely weather in Scunthorpe", api.SeverityNone, nil},
		{"ungraded entry is medium profanity", "en", "oh shit", api.SeverityMedium, []string{api.CategoryProfanity}},
		{"mild entry is low", "en", "this sucks", api.SeverityLow, []string{api.CategoryProfanity}},
		{"sexual term", "en", "no porn here", api.SeverityMedium, []string{api.CategorySexualContent}},
		{"slur is high hate", "en", "you kike", api.SeverityHigh, []string{api.CategoryHate}},
		{"worst category first", "en", "fuck you faggot", api.SeverityHigh, []string{api.CategoryHate, api.CategoryProfanity}},
		{"three vulgar words escalate", "en", "shit, shit and more shit", api.SeverityHigh, []string{api.CategoryProfanity}},
		{"three mild words escalate one step", "en", "sucks, sucks, sucks", api.SeverityMedium, []string{api.CategoryProfanity}},
		{"graded none is not matched", "pt", "Vamos comer e beber uma cerveja", api.SeverityNone, nil},
		{"identity terms are not flagged", "pt", "Ela é lésbica e ele é homosexual", api.SeverityNone, nil},
		{"English phrase graded none", "en", "I'm tied up, a girl on the team will call", api.SeverityNone, nil},
		{"Spanish slur", "es", "maricón", api.SeverityHigh, []string{api.CategoryHate}},
		{"German mild", "de", "so eine Kacke", api.SeverityLow, []string{api.CategoryProfanity}},
		{"personal data alone is not harm", "en", "mail me at jo@example.com", api.SeverityNone, []string{api.CategoryPII}},
		{"a card number is listed, not harm", "en", "4111 1111 1111 1111", api.SeverityNone, []string{api.CategoryPII}},
		{"harm before personal data", "en", "shit, mail jo@example.com", api.SeverityMedium, []string{api.CategoryProfanity, api.CategoryPII}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := c.Verdict(tt.text, language.MustParse(tt.lang))
			if v.Safe != (tt.severity == api.SeverityNone) {
				t.Errorf("safe = %v with severity %q", v.Safe, v.Severity)
			}
			if v.Severity != tt.severity || strings.Join(v.Categories, ",") != strings.Join(tt.categories, ",") {
				t.Errorf("severity %q categories %v, want %q %v (spans %+v)", v.Severity, v.Categories, tt.severity, tt.categories, v.Spans)
			}
		})
	}
}

func TestCheckBothSides(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name        string
		req         api.SafetyRequest
		source      string // severity
		translation string // severity, "" when no translation verdict is expected
	}{
		{"source only", api.SafetyRequest{Source: "what the fuck", SourceLang: "en"}, api.SeverityMedium, ""},
		{"translation adds profanity", api.SafetyRequest{
			Source: "What a mess", SourceLang: "en", Translation: "Qué mierda, qué cabrón, culo", TargetLang: "es",
		}, api.SeverityNone, api.SeverityHigh},
		{"both flagged", api.SafetyRequest{
			Source: "shit", SourceLang: "en", Translation: "merde", TargetLang: "fr",
		}, api.SeverityMedium, api.SeverityMedium},
		{"unknown languages", api.SafetyRequest{
			Source: "fuck", SourceLang: "", Translation: "他妈的", TargetLang: "und",
		}, api.SeverityMedium, api.SeverityMedium},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(context.Background(), &tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Source.Severity != tt.source {
				t.Errorf("source severity = %q, want %q (%+v)", resp.Source.Severity, tt.source, resp.Source)
			}
			switch {
			case tt.translation == "" && resp.Translation != nil:
				t.Errorf("translation verdict %+v without a translation", resp.Translation)
			case tt.translation != "" && resp.Translation == nil:
				t.Error("no translation verdict")
			case tt.translation != "" && resp.Translation.Severity != tt.translation:
				t.Errorf("translation severity = %q, want %q (%+v)", resp.Translation.Severity, tt.translation, resp.Translation)
			}
		})
	}
}

func TestCheckErrors(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name  string
		req   api.SafetyRequest
		code  api.Code
		field string
	}{
		{"empty source", api.SafetyRequest{Source: "  ", SourceLang: "en"}, api.CodeEmptyText, "source"},
		{"invalid UTF-8", api.SafetyRequest{Source: "\xff", SourceLang: "en"}, api.CodeInvalidUTF8, "source"},
		// Matched in stored order, shown reversed: refused (api.CheckBidi).
		{"bidi override", api.SafetyRequest{Source: "you are a \u202etoidi gnikcuf\u202c ok", SourceLang: "en"}, api.CodeInvalidArgument, "source"},
		{"unclosed isolate in a translation", api.SafetyRequest{Source: "hi", SourceLang: "en", Translation: "hola \u2067amigo", TargetLang: "es"}, api.CodeInvalidArgument, "translation"},
		{"source too long", api.SafetyRequest{Source: strings.Repeat("x", api.MaxTextRunes+1)}, api.CodeTextTooLong, "source"},
		{"bad source language", api.SafetyRequest{Source: "hi", SourceLang: "english please"}, api.CodeInvalidLanguage, "source_lang"},
		{"blank translation", api.SafetyRequest{Source: "hi", SourceLang: "en", Translation: " ", TargetLang: "es"}, api.CodeEmptyText, "translation"},
		{"bad target language", api.SafetyRequest{Source: "hi", SourceLang: "en", Translation: "hola", TargetLang: "es_!"}, api.CodeInvalidLanguage, "target_lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Check(context.Background(), &tt.req)
			e, ok := err.(*api.Error)
			if !ok {
				t.Fatalf("err = %v (%T), want *api.Error", err, err)
			}
			if e.Code != tt.code || e.Field != tt.field || e.Status() >= 500 {
				t.Errorf("err = %v field %q, want %s field %q", e, e.Field, tt.code, tt.field)
			}
		})
	}
}

// benchRequests are two-sided checks of about 400 bytes per side: a clean
// chat message, one with obfuscated profanity (leetspeak, look-alikes,
// drawn-out letters) and personal data, one with self-censored words
// (masked letters, spelled out) and one in scripts without spaces.
var benchRequests = map[string]*api.SafetyRequest{
	"clean": {
		Source: strings.Repeat("Honestly this release is a classic: the assassin bug in Scunthorpe's build server is fixed, "+
			"but what the hell happened to the deploy? ", 3),
		SourceLang:  "en",
		Translation: strings.Repeat("Sinceramente esta versión es un clásico: el error del servidor está arreglado, pero ¿qué pasó con el despliegue? ", 3),
		TargetLang:  "es",
	},
	"obfuscated": {
		Source:      strings.Repeat("Wh4t the fuuuck, this sh1t is br0ken again, f\u0443ck\u200b \u0455h\u0456t, mail me at ops@example.com or +44 20 7946 0958 ", 3),
		SourceLang:  "en",
		Translation: strings.Repeat("Qué m1erda, esto está r0to otra vez, c\u0430br\u00f3n, escríbeme a ops@example.com o al +44 20 7946 0958 ", 3),
		TargetLang:  "es",
	},
	"censored": {
		Source:      strings.Repeat("What the f**k, this sh#t is b r o k e n again, s. h. i. t, you a**hole, see #general ", 3),
		SourceLang:  "en",
		Translation: strings.Repeat("Qué m*erda, esto está r-o-t-o otra vez, c*brón, mira #general ", 3),
		TargetLang:  "es",
	},
	"cjk": {
		Source:      strings.Repeat("你他妈的在干什么，我每天早上喝牛乳，她是女性。", 6),
		SourceLang:  "zh",
		Translation: strings.Repeat("それはエッチな話だ、糞が、今日はいい天気ですね。", 6),
		TargetLang:  "ja",
	},
}

// BenchmarkCheck runs a two-sided check (normalization, leetspeak and
// elongation variants, PII, deltas and policy; no guard), and reports the
// median and 99th percentile of single checks besides the mean: the
// issue's budget is a median of 1 ms per view. "long" is a source at the
// 10,000-character limit with its translation.
func BenchmarkCheck(b *testing.B) {
	c := checker(b)
	long := &api.SafetyRequest{
		Source:      cutRunes(strings.Repeat(benchRequests["obfuscated"].Source, 40), api.MaxTextRunes),
		SourceLang:  "en",
		Translation: cutRunes(strings.Repeat(benchRequests["obfuscated"].Translation, 40), api.MaxTextRunes),
		TargetLang:  "es",
	}
	for _, name := range []string{"clean", "obfuscated", "censored", "cjk", "long"} {
		req := benchRequests[name]
		if name == "long" {
			req = long
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(req.Source) + len(req.Translation)))
			b.ReportAllocs()
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := c.Check(context.Background(), req); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}

// cutRunes returns the first n runes of s.
func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// FuzzVerdict checks that any text yields spans inside it, sorted by start,
// whose text is the exact bytes at their offsets, and that word-list spans
// do not overlap each other (a PII span may contain one).
func FuzzVerdict(f *testing.F) {
	for _, s := range []string{"ｆｕｃｋ", "f\u200buck", "他妈的屌", "개새끼야", "Scheiße\u0301", "\u200b", "ไอ้เหี้ย",
		"sh1t @ss", "fuuuuck", "**f*ck**", "f u c k", "s. h. i. t", "a*" + strings.Repeat("*", 300), "f" + strings.Repeat(" u", 200), "\u0455h\u0456t", "SIK", "+44 20 7946 0958", "a@b.co", "f\u0336u\u0336"} {
		f.Add(s)
	}
	c := checker(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, tag := range []language.Tag{language.Und, language.English, language.Chinese, language.Thai, language.Turkish, language.Russian} {
			v := c.Verdict(text, tag)
			start, lexEnd := 0, 0
			for _, s := range v.Spans {
				if s.Start < start || s.End <= s.Start || s.End > len(text) || text[s.Start:s.End] != s.Text {
					t.Fatalf("bad span %+v in %q", s, text)
				}
				start = s.Start
				if s.Category != api.CategoryPII {
					if s.Start < lexEnd {
						t.Fatalf("overlapping word-list spans at %+v in %q", s, text)
					}
					lexEnd = s.End
				}
			}
		}
	})
}

package safety

import (
	"strings"
	"sync"
	"testing"

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
		{"a list applies only to its language", "de", "shit happens", nil, "ldnoobw:de"},
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
				if s.Category != CategoryProfanity {
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
			if v.Severity != Severity(len(tt.flagged)) {
				t.Errorf("severity = %q", v.Severity)
			}
		})
	}
}

func TestSeverity(t *testing.T) {
	for hits, want := range map[int]string{0: api.SeverityNone, 1: api.SeverityLow, 2: api.SeverityMedium, 3: api.SeverityHigh, 10: api.SeverityHigh} {
		if got := Severity(hits); got != want {
			t.Errorf("Severity(%d) = %q, want %q", hits, got, want)
		}
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
		{"source only", api.SafetyRequest{Source: "what the fuck", SourceLang: "en"}, api.SeverityLow, ""},
		{"translation adds profanity", api.SafetyRequest{
			Source: "What a mess", SourceLang: "en", Translation: "Qué mierda, qué cabrón, culo", TargetLang: "es",
		}, api.SeverityNone, api.SeverityHigh},
		{"both flagged", api.SafetyRequest{
			Source: "shit", SourceLang: "en", Translation: "merde", TargetLang: "fr",
		}, api.SeverityLow, api.SeverityLow},
		{"unknown languages", api.SafetyRequest{
			Source: "fuck", SourceLang: "", Translation: "他妈的", TargetLang: "und",
		}, api.SeverityLow, api.SeverityLow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Check(&tt.req)
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
		{"source too long", api.SafetyRequest{Source: strings.Repeat("x", api.MaxTextRunes+1)}, api.CodeTextTooLong, "source"},
		{"bad source language", api.SafetyRequest{Source: "hi", SourceLang: "english please"}, api.CodeInvalidLanguage, "source_lang"},
		{"blank translation", api.SafetyRequest{Source: "hi", SourceLang: "en", Translation: " ", TargetLang: "es"}, api.CodeEmptyText, "translation"},
		{"bad target language", api.SafetyRequest{Source: "hi", SourceLang: "en", Translation: "hola", TargetLang: "es_!"}, api.CodeInvalidLanguage, "target_lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Check(&tt.req)
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

func TestNormalizeMapsOffsets(t *testing.T) {
	tests := []struct{ text, norm string }{
		{"Hello World", "hello world"},
		{"ＨＥＬＬＯ", "hello"},
		{"Straße", "strasse"},
		{"cafe\u0301", "café"},
		{"a \t\n b", "a b"},
		{"zero\u200bwidth", "zerowidth"},
		{"ｼｬ", "シャ"}, // halfwidth katakana
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			n := normalize(tt.text)
			if n.s != tt.norm {
				t.Fatalf("normalize(%q) = %q, want %q", tt.text, n.s, tt.norm)
			}
			if whole := n.orig(0, len(n.s)); whole.start != 0 || whole.end != len(tt.text) {
				t.Errorf("whole text maps to [%d,%d), want [0,%d)", whole.start, whole.end, len(tt.text))
			}
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	c := checker(b)
	req := &api.SafetyRequest{
		Source: strings.Repeat("Honestly this release is a classic: the assassin bug in Scunthorpe's build server is fixed, "+
			"but what the hell happened to the deploy? ", 3),
		SourceLang:  "en",
		Translation: strings.Repeat("Sinceramente esta versión es un clásico: el error del servidor está arreglado, pero ¿qué pasó con el despliegue? ", 3),
		TargetLang:  "es",
	}
	b.SetBytes(int64(len(req.Source) + len(req.Translation)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Check(req); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzVerdict checks that any text yields spans inside it, in order,
// without overlaps, whose text is the exact bytes at their offsets.
func FuzzVerdict(f *testing.F) {
	for _, s := range []string{"ｆｕｃｋ", "f\u200buck", "他妈的屌", "개새끼야", "Scheiße\u0301", "\u200b", "ไอ้เหี้ย"} {
		f.Add(s)
	}
	c := checker(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, tag := range []language.Tag{language.Und, language.English, language.Chinese, language.Thai} {
			v := c.Verdict(text, tag)
			end := 0
			for _, s := range v.Spans {
				if s.Start < end || s.End <= s.Start || s.End > len(text) || text[s.Start:s.End] != s.Text {
					t.Fatalf("bad span %+v in %q", s, text)
				}
				end = s.End
			}
		}
	})
}

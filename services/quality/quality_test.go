package quality

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/shared/api"
)

// linguaDetector adapts the detect service's in-process Detector (real
// lingua models) to the Detector interface.
type linguaDetector struct{ *detect.Detector }

func (d linguaDetector) Languages(context.Context) ([]string, error) {
	return d.Detector.Languages(), nil
}

// testLanguages leaves Italian out on purpose, to test a target the detector
// does not know. The set is small because lingua's models are slow to load.
var testLanguages = []string{"en", "es", "pt", "fr", "de", "zh", "ja"}

var (
	linguaOnce sync.Once
	linguaDet  *detect.Detector
	linguaErr  error
)

func newLingua(tb testing.TB) Detector {
	tb.Helper()
	linguaOnce.Do(func() {
		linguaDet, linguaErr = detect.New(detect.Config{
			Languages: testLanguages, MinConfidence: detect.DefaultMinConfidence, MinDistance: detect.DefaultMinDistance,
		})
	})
	if linguaErr != nil {
		tb.Fatalf("lingua detector: %v", linguaErr)
	}
	return linguaDetector{linguaDet}
}

// scriptedDetector answers with a fixed response or error, for the cases
// real lingua cannot be made to produce on demand (an outage, a near tie).
type scriptedDetector struct {
	resp  *api.DetectResponse
	err   error
	langs []string
}

func (d scriptedDetector) Detect(context.Context, api.DetectRequest) (*api.DetectResponse, error) {
	return d.resp, d.err
}

func (d scriptedDetector) Languages(context.Context) ([]string, error) { return d.langs, nil }

const (
	enSource = "Thanks for your help yesterday, see you tomorrow at the office."
	esGood   = "Gracias por tu ayuda de ayer, nos vemos mañana en la oficina."
)

func signal(t *testing.T, r *api.QualityResponse, name string) api.Signal {
	t.Helper()
	for _, s := range r.Signals {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no %s signal in %+v", name, r.Signals)
	return api.Signal{}
}

func TestScore(t *testing.T) {
	scorer := NewScorer(newLingua(t), Config{MinScore: DefaultMinScore}, nil)
	tests := []struct {
		name     string
		req      api.QualityRequest
		decision string
		// failing lists the signals that must find a problem (value < 1
		// with a weight); every other signal must be clean or neutral.
		failing []string
	}{
		{"good spanish", api.QualityRequest{Source: enSource, Translation: esGood, SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"good french", api.QualityRequest{Source: enSource, Translation: "Merci pour ton aide d'hier, on se voit demain au bureau.", SourceLang: "en", TargetLang: "fr"}, api.DecisionAccept, nil},
		{"good english from german", api.QualityRequest{Source: "Danke für deine Hilfe gestern, bis morgen im Büro.", Translation: enSource, SourceLang: "de", TargetLang: "en-GB"}, api.DecisionAccept, nil},
		{"good chinese", api.QualityRequest{Source: enSource, Translation: "谢谢你昨天的帮助，明天办公室见。", SourceLang: "en", TargetLang: "zh-Hans"}, api.DecisionAccept, nil},
		{"good english from japanese", api.QualityRequest{Source: "昨日は手伝ってくれてありがとう、また明日オフィスで会いましょう。", Translation: enSource, SourceLang: "ja", TargetLang: "en"}, api.DecisionAccept, nil},
		{"english instead of spanish", api.QualityRequest{Source: enSource, Translation: "Thank you for helping me yesterday, I will see you at the office tomorrow.", SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalTargetLanguage}},
		{"portuguese instead of spanish", api.QualityRequest{Source: enSource, Translation: "Obrigado pela sua ajuda ontem, vejo você amanhã no escritório.", SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalTargetLanguage}},
		{"verbatim copy", api.QualityRequest{Source: enSource, Translation: enSource, SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalUntranslatedCopy, SignalTargetLanguage}},
		{"copy with changed case and punctuation", api.QualityRequest{Source: "see you at the office", Translation: "See you at the office!", SourceLang: "en", TargetLang: "de"}, api.DecisionReject, []string{SignalUntranslatedCopy, SignalTargetLanguage}},
		{"refusal", api.QualityRequest{Source: "Can you send me the report before noon?", Translation: "I’m sorry, but I can’t help with that.", SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalRefusal, SignalTargetLanguage}},
		{"spanish refusal", api.QualityRequest{Source: "Can you send me the report before noon?", Translation: "Lo siento, pero no puedo traducir ese mensaje.", SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalRefusal}},
		{"preamble", api.QualityRequest{Source: enSource, Translation: "Sure! Here is the translation: " + esGood, SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalRefusal}},
		{"ai identity", api.QualityRequest{Source: "What do you think about the new logo?", Translation: "Como modelo de lenguaje, no tengo opiniones sobre logotipos.", SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalRefusal}},
		{"refusal that is the message", api.QualityRequest{Source: "I can't help with that, sorry.", Translation: "No puedo ayudar con eso, lo siento.", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"truncated", api.QualityRequest{Source: enSource + " Please bring the signed contracts and the new badges.", Translation: "Gracias.", SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalLengthRatio}},
		{"padded", api.QualityRequest{Source: "See you tomorrow at the office.", Translation: "Nos vemos mañana en la oficina. " + strings.Repeat("Recuerda traer los documentos firmados y las nuevas credenciales para todo el equipo. ", 3), SourceLang: "en", TargetLang: "es"}, api.DecisionReject, []string{SignalLengthRatio}},
		{"names copied", api.QualityRequest{Source: "John Smith", Translation: "John Smith", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"link and emoji copied", api.QualityRequest{Source: "https://example.com/demo 🎉🎉", Translation: "https://example.com/demo 🎉🎉", SourceLang: "en", TargetLang: "fr"}, api.DecisionAccept, nil},
		{"single word copied", api.QualityRequest{Source: "OK", Translation: "OK", SourceLang: "en", TargetLang: "de"}, api.DecisionAccept, nil},
		{"short reply", api.QualityRequest{Source: "Thanks!", Translation: "¡Gracias!", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"same language", api.QualityRequest{Source: esGood, Translation: esGood, SourceLang: "es", TargetLang: "es-MX"}, api.DecisionAccept, nil},
		{"target the detector does not know", api.QualityRequest{Source: enSource, Translation: "Grazie per il tuo aiuto di ieri, ci vediamo domani in ufficio.", SourceLang: "en", TargetLang: "it"}, api.DecisionAccept, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scorer.Score(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			t.Logf("%s %.1f\n%s", got.Decision, got.Score, dump(got))
			if got.Decision != tt.decision {
				t.Fatalf("decision %s (score %.1f), want %s; signals:\n%s", got.Decision, got.Score, tt.decision, dump(got))
			}
			if (got.Decision == api.DecisionAccept) != (got.Score >= DefaultMinScore) || got.Score < 0 || got.Score > 100 {
				t.Errorf("score %.1f does not match decision %s", got.Score, got.Decision)
			}
			for _, s := range got.Signals {
				if s.Reason == "" || s.Value < 0 || s.Value > 1 || s.Weight < 0 {
					t.Errorf("malformed signal %+v", s)
				}
				penalised := s.Weight > 0 && s.Value < 1
				if penalised != slices.Contains(tt.failing, s.Name) {
					t.Errorf("signal %s penalised=%v, want problems found by %v; signals:\n%s", s.Name, penalised, tt.failing, dump(got))
				}
			}
		})
	}
}

func dump(r *api.QualityResponse) string {
	var b strings.Builder
	for _, s := range r.Signals {
		fmt.Fprintf(&b, "  %-18s value=%.2f weight=%.0f %s\n", s.Name, s.Value, s.Weight, s.Reason)
	}
	return b.String()
}

func TestScoreEmpty(t *testing.T) {
	scorer := NewScorer(newLingua(t), Config{MinScore: DefaultMinScore}, nil)
	for _, tr := range []string{"", "   \n", "\u200b\u200b", "\ufeff "} {
		t.Run(fmt.Sprintf("%q", tr), func(t *testing.T) {
			got, err := scorer.Score(context.Background(), api.QualityRequest{Source: enSource, Translation: tr, SourceLang: "en", TargetLang: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if got.Score != 0 || got.Decision != api.DecisionReject || len(got.Signals) != 1 || got.Signals[0].Name != SignalEmpty {
				t.Fatalf("got %+v, want score 0, reject, one empty signal", got)
			}
		})
	}
}

func TestScoreDetectorCases(t *testing.T) {
	tests := []struct {
		name       string
		det        Detector
		req        api.QualityRequest
		value      float64
		weight     float64
		reason     string
		wantAccept bool
	}{
		{
			name:  "detector down",
			det:   scriptedDetector{err: api.Errorf(api.CodeUnavailable, "no detect service is running")},
			req:   api.QualityRequest{Source: enSource, Translation: esGood, SourceLang: "en", TargetLang: "es"},
			value: 1, weight: 0, reason: "skipped: language detection failed: no detect service is running", wantAccept: true,
		},
		{
			name:  "no detector",
			det:   nil,
			req:   api.QualityRequest{Source: enSource, Translation: esGood, SourceLang: "en", TargetLang: "es"},
			value: 1, weight: 0, reason: "no language detector", wantAccept: true,
		},
		{
			name:  "undetermined",
			det:   scriptedDetector{resp: &api.DetectResponse{Language: api.Undetermined, Reason: "too close to call"}},
			req:   api.QualityRequest{Source: enSource, Translation: esGood, SourceLang: "en", TargetLang: "es"},
			value: 1, weight: 0, reason: "too close to call", wantAccept: true,
		},
		{
			// A near tie between close relatives costs little.
			name: "close relative",
			det: scriptedDetector{langs: []string{"da", "nb", "sv"}, resp: &api.DetectResponse{Language: "da", Confidence: 0.45,
				Alternatives: []api.LanguageScore{{Language: "nb", Confidence: 0.40}, {Language: "sv", Confidence: 0.1}}}},
			req:   api.QualityRequest{Source: "Thanks for your help, see you tomorrow.", Translation: "Takk for hjelpen, vi sees i morgen.", SourceLang: "en", TargetLang: "nb"},
			value: 0.89, weight: WeightTargetLanguage, reason: "not nb (nb scores 0.40)", wantAccept: true,
		},
		{
			name:  "source language",
			det:   scriptedDetector{langs: []string{"en", "es"}, resp: &api.DetectResponse{Language: "en", Confidence: 0.9}},
			req:   api.QualityRequest{Source: enSource, Translation: "Thank you so much for helping me, see you soon.", SourceLang: "en", TargetLang: "es"},
			value: 0, weight: WeightTargetLanguage, reason: "looks like en (confidence 0.90), the source language, not es", wantAccept: false,
		},
		{
			name:  "too short to check",
			det:   scriptedDetector{err: errors.New("must not be called")},
			req:   api.QualityRequest{Source: "Thanks!", Translation: "Danke", SourceLang: "en", TargetLang: "es"},
			value: 1, weight: 0, reason: "too little text", wantAccept: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewScorer(tt.det, Config{MinScore: DefaultMinScore}, nil).Score(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			s := signal(t, got, SignalTargetLanguage)
			if s.Value != tt.value || s.Weight != tt.weight || !strings.Contains(s.Reason, tt.reason) {
				t.Errorf("target_language = %+v, want value %v weight %v reason containing %q", s, tt.value, tt.weight, tt.reason)
			}
			if (got.Decision == api.DecisionAccept) != tt.wantAccept {
				t.Errorf("decision %s (%.1f), want accept=%v\n%s", got.Decision, got.Score, tt.wantAccept, dump(got))
			}
		})
	}
}

func TestScoreThreshold(t *testing.T) {
	// A mildly short translation: the length signal costs some points but
	// not all, so the decision turns on QUALITY_MIN_SCORE.
	req := api.QualityRequest{Source: "Please send me the final report before the meeting tomorrow.", Translation: "Envíame el informe.", SourceLang: "en", TargetLang: "es"}
	base, err := NewScorer(nil, Config{}, nil).Score(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if base.Score <= 0 || base.Score >= 100 {
		t.Fatalf("score %.1f, want a partial score for this case\n%s", base.Score, dump(base))
	}
	tests := []struct {
		min  float64
		want string
	}{
		{0, api.DecisionAccept},
		{base.Score, api.DecisionAccept},
		{base.Score + 0.1, api.DecisionReject},
		{100, api.DecisionReject},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.min), func(t *testing.T) {
			got, err := NewScorer(nil, Config{MinScore: tt.min}, nil).Score(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Decision != tt.want || got.Score != base.Score {
				t.Errorf("min %.1f: %s %.1f, want %s %.1f", tt.min, got.Decision, got.Score, tt.want, base.Score)
			}
		})
	}
}

func TestScoreBadInput(t *testing.T) {
	ok := api.QualityRequest{Source: enSource, Translation: esGood, SourceLang: "en", TargetLang: "es"}
	tests := []struct {
		name  string
		edit  func(*api.QualityRequest)
		code  api.Code
		field string
	}{
		{"empty source", func(r *api.QualityRequest) { r.Source = " " }, api.CodeEmptyText, "source"},
		{"source utf8", func(r *api.QualityRequest) { r.Source = "\xc3\x28" }, api.CodeInvalidUTF8, "source"},
		{"source too long", func(r *api.QualityRequest) { r.Source = strings.Repeat("x", api.MaxTextRunes+1) }, api.CodeTextTooLong, "source"},
		{"translation utf8", func(r *api.QualityRequest) { r.Translation = "hola \xff" }, api.CodeInvalidUTF8, "translation"},
		{"translation too long", func(r *api.QualityRequest) { r.Translation = strings.Repeat("x", MaxTranslationRunes+1) }, api.CodeTextTooLong, "translation"},
		{"no target", func(r *api.QualityRequest) { r.TargetLang = "" }, api.CodeInvalidLanguage, "target_lang"},
		{"bad target", func(r *api.QualityRequest) { r.TargetLang = "spanish!" }, api.CodeInvalidLanguage, "target_lang"},
		{"und target", func(r *api.QualityRequest) { r.TargetLang = "und" }, api.CodeInvalidLanguage, "target_lang"},
		{"bad source lang", func(r *api.QualityRequest) { r.SourceLang = "e n" }, api.CodeInvalidLanguage, "source_lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ok
			tt.edit(&req)
			got, err := NewScorer(nil, Config{}, nil).Score(context.Background(), req)
			var ae *api.Error
			if !errors.As(err, &ae) {
				t.Fatalf("Score = %+v, %v; want *api.Error", got, err)
			}
			if ae.Code != tt.code || ae.Field != tt.field || ae.Status() < 400 || ae.Status() >= 500 {
				t.Errorf("error %+v (status %d), want %s on %s", ae, ae.Status(), tt.code, tt.field)
			}
		})
	}
}

func TestUnknownSourceLanguage(t *testing.T) {
	// Without a source language the copy check stands aside; the language
	// check still catches an English answer for a Spanish target.
	for _, sl := range []string{"", "und", "auto"} {
		t.Run(fmt.Sprintf("%q", sl), func(t *testing.T) {
			got, err := NewScorer(newLingua(t), Config{MinScore: DefaultMinScore}, nil).Score(context.Background(),
				api.QualityRequest{Source: enSource, Translation: enSource, SourceLang: sl, TargetLang: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if s := signal(t, got, SignalUntranslatedCopy); s.Weight != 0 {
				t.Errorf("copy signal %+v, want neutral", s)
			}
			if got.Decision != api.DecisionReject {
				t.Errorf("decision %s, want reject\n%s", got.Decision, dump(got))
			}
		})
	}
}

func TestLengthBand(t *testing.T) {
	tests := []struct {
		src, tgt string
		lo, hi   float64
	}{
		{"en", "es", 0.5, 2},
		{"de", "ru", 0.5, 2},
		{"en", "zh", 0.132, 0.825},
		{"zh", "en", 1.212, 7.576},
		{"ja", "zh", 0.22, 1.375},
		{"", "es", 0.4, 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.src+"-"+tt.tgt, func(t *testing.T) {
			lo, hi := LengthBand(tt.src, tt.tgt)
			if round3(lo) != tt.lo || round3(hi) != tt.hi {
				t.Errorf("LengthBand(%q, %q) = %.3f-%.3f, want %.3f-%.3f", tt.src, tt.tgt, lo, hi, tt.lo, tt.hi)
			}
		})
	}
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

func TestHasWords(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"see you", true},
		{"I love Paris", true},
		{"Hello, how are you?", true},
		{"谢谢", true},
		{"שלום לכולם", true},
		{"John Smith", false},
		{"New York", false},
		{"OK", false},
		{"lol", false},
		{"Hello", false},
		{"iPhone 15 Pro", false},
		{"12:30 🎉 https://example.com/some/path", false},
		{"@alice @bob", false},
		{"a b c", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := hasWords(tt.in); got != tt.want {
				t.Errorf("hasWords(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestPhraseKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sure! Here is the translation:", " sure here is the translation "},
		{"I’m sorry, but I can’t", " i'm sorry but i can't "},
		{"En tant qu'IA…", " en tant qu'ia "},
	}
	for _, tt := range tests {
		if got := phraseKey(tt.in); got != tt.want {
			t.Errorf("phraseKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Whole words only: "aide" is not "ai".
	if got := refusal(input{source: "x", translation: "He works as an aide to the mayor."}); got.Value != 1 {
		t.Errorf("refusal matched inside a word: %+v", got)
	}
}

func BenchmarkScore(b *testing.B) {
	reqs := []api.QualityRequest{
		{Source: enSource, Translation: esGood, SourceLang: "en", TargetLang: "es"},
		{Source: enSource, Translation: "Thank you for helping me yesterday, I will see you at the office tomorrow.", SourceLang: "en", TargetLang: "es"},
		{Source: enSource, Translation: "Sure! Here is the translation: " + esGood, SourceLang: "en", TargetLang: "es"},
		{Source: enSource, Translation: "谢谢你昨天的帮助，明天办公室见。", SourceLang: "en", TargetLang: "zh"},
	}
	run := func(b *testing.B, det Detector) {
		scorer := NewScorer(det, Config{MinScore: DefaultMinScore}, nil)
		ctx := context.Background()
		for _, r := range reqs { // load models outside the timing
			if _, err := scorer.Score(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				if _, err := scorer.Score(ctx, reqs[i%len(reqs)]); err != nil {
					b.Error(err)
					return
				}
				i++
			}
		})
	}
	b.Run("signals", func(b *testing.B) { run(b, nil) })
	b.Run("lingua", func(b *testing.B) { run(b, newLingua(b)) })
}

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

// defaults is the service's default configuration.
var defaults = Config{MinScore: DefaultMinScore, ReviewScore: DefaultReviewScore, AcceptScore: DefaultAcceptScore}

func TestScore(t *testing.T) {
	scorer := NewScorer(newLingua(t), defaults, nil)
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
		{"good portuguese from spanish", api.QualityRequest{Source: "Nos vemos mañana en la oficina con el equipo nuevo.", Translation: "Nos vemos amanhã no escritório com a equipe nova.", SourceLang: "es", TargetLang: "pt"}, api.DecisionAccept, nil},
		{"entities kept", api.QualityRequest{Source: "@maria the deploy of v2 is at 15:30, see https://status.example.com/deploy 🚀", Translation: "@maria el despliegue de v2 es a las 15:30, mira https://status.example.com/deploy 🚀", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		// English copies most of the English source's words, too.
		{"english instead of spanish", api.QualityRequest{Source: enSource, Translation: "Thank you for helping me yesterday, I will see you at the office tomorrow.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalTargetLanguage, SignalUntranslatedCopy}},
		{"portuguese instead of spanish", api.QualityRequest{Source: enSource, Translation: "Obrigado pela sua ajuda ontem, vejo você amanhã no escritório.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalTargetLanguage, SignalNegation}}, // Portuguese "no" (in the) reads as Spanish "no"
		{"russian instead of spanish", api.QualityRequest{Source: enSource, Translation: "Спасибо за вчерашнюю помощь, увидимся завтра в офисе.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalScript}},
		{"verbatim copy", api.QualityRequest{Source: enSource, Translation: enSource, SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalUntranslatedCopy, SignalTargetLanguage}},
		{"copy with changed case and punctuation", api.QualityRequest{Source: "see you at the office", Translation: "See you at the office!", SourceLang: "en", TargetLang: "de"}, api.DecisionRetry, []string{SignalUntranslatedCopy, SignalTargetLanguage}},
		{"half translated", api.QualityRequest{Source: "Please restart the router before the meeting starts", Translation: "Por favor restart the router before the meeting starts", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalUntranslatedCopy, SignalTargetLanguage}},
		{"refusal", api.QualityRequest{Source: "Can you send me the report before noon?", Translation: "I’m sorry, but I can’t help with that.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalRefusal, SignalTargetLanguage}},
		{"spanish refusal", api.QualityRequest{Source: "Can you send me the report before noon?", Translation: "Lo siento, pero no puedo traducir ese mensaje.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalRefusal, SignalNegation}},
		{"preamble", api.QualityRequest{Source: enSource, Translation: "Sure! Here is the translation: " + esGood, SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalRefusal}},
		{"ai identity", api.QualityRequest{Source: "What do you think about the new logo?", Translation: "Como modelo de lenguaje, no tengo opiniones sobre logotipos.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalRefusal, SignalNegation}},
		{"label", api.QualityRequest{Source: enSource, Translation: "Translation: " + esGood, SourceLang: "en", TargetLang: "es"}, api.DecisionFlagForReview, []string{SignalRefusal}},
		{"quoted answer", api.QualityRequest{Source: enSource, Translation: "\"" + esGood + "\"", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, []string{SignalRefusal}},
		{"refusal that is the message", api.QualityRequest{Source: "I can't help with that, sorry.", Translation: "No puedo ayudar con eso, lo siento.", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"lost link", api.QualityRequest{Source: "The new dashboard is at https://grafana.example.com/d/42 for everyone", Translation: "El nuevo panel está disponible para todos", SourceLang: "en", TargetLang: "es"}, api.DecisionFlagForReview, []string{SignalEntities}},
		{"changed number", api.QualityRequest{Source: "The invoice total is 1,250.00 euros, due in 30 days.", Translation: "El total de la factura es de 1.520,00 euros, con vencimiento en 30 días.", SourceLang: "en", TargetLang: "es"}, api.DecisionFlagForReview, []string{SignalEntities}},
		{"looping", api.QualityRequest{Source: "Thanks for the update, see you tomorrow.", Translation: "Gracias por la actualización, nos vemos mañana. Nos vemos mañana. Nos vemos mañana. Nos vemos mañana. Nos vemos mañana.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalRepetition, SignalLengthRatio}},
		{"truncated", api.QualityRequest{Source: enSource + " Please bring the signed contracts and the new badges.", Translation: "Gracias.", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalLengthRatio, SignalTruncation}},
		{"padded", api.QualityRequest{Source: "See you tomorrow at the office.", Translation: "Nos vemos mañana en la oficina. " + strings.Repeat("Recuerda traer los documentos firmados y las nuevas credenciales para todo el equipo. ", 3), SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalLengthRatio, SignalRepetition}},
		{"names copied", api.QualityRequest{Source: "John Smith", Translation: "John Smith", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"link and emoji copied", api.QualityRequest{Source: "https://example.com/demo 🎉🎉", Translation: "https://example.com/demo 🎉🎉", SourceLang: "en", TargetLang: "fr"}, api.DecisionAccept, nil},
		{"single word copied", api.QualityRequest{Source: "OK", Translation: "OK", SourceLang: "en", TargetLang: "de"}, api.DecisionAccept, nil},
		{"short reply", api.QualityRequest{Source: "Thanks!", Translation: "¡Gracias!", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"laughter kept", api.QualityRequest{Source: "ha ha ha ha that was great", Translation: "ja ja ja ja eso fue genial", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"same language", api.QualityRequest{Source: esGood, Translation: esGood, SourceLang: "es", TargetLang: "es-MX"}, api.DecisionAccept, nil},
		// A change of script is a translation: the source copied is none,
		// and simplified characters are not the traditional asked for.
		{"simplified copied for traditional", api.QualityRequest{Source: "我明天早上把报告发给你。", Translation: "我明天早上把报告发给你。", SourceLang: "zh-Hans", TargetLang: "zh-Hant"}, api.DecisionRetry, []string{SignalTargetLanguage, SignalUntranslatedCopy}},
		{"simplified for traditional", api.QualityRequest{Source: "I'll send you the report tomorrow morning.", Translation: "我明天早上把报告发给你。", SourceLang: "en", TargetLang: "zh-Hant"}, api.DecisionRetry, []string{SignalTargetLanguage}},
		{"script converted", api.QualityRequest{Source: "我明天早上把报告发给你。", Translation: "我明天早上把報告發給你。", SourceLang: "zh-Hans", TargetLang: "zh-Hant"}, api.DecisionAccept, nil},
		// Markup and code are no words (blankNonProse): a translation that
		// keeps them as it must is not "the source left untranslated", in
		// HTML (the compatible APIs' HTML mode) and chat text alike.
		{"html with a command kept", api.QualityRequest{Source: "<p>Thank you <code>npm install --save @parley/client@latest --registry internal</code></p>", Translation: "<p>Gracias <code>npm install --save @parley/client@latest --registry internal</code></p>", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"html with a command kept, unwrapped", api.QualityRequest{Source: "Thank you <code>npm install --save @parley/client@latest --registry internal</code>", Translation: "Gracias <code>npm install --save @parley/client@latest --registry internal</code>", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"html with a manual command kept", api.QualityRequest{Source: "<p>Please read the manual: <code>parley glossary push --file glossary.tsv</code></p>", Translation: "<p>Por favor, lea el manual: <code>parley glossary push --file glossary.tsv</code></p>", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"html attributes kept", api.QualityRequest{Source: `<p class="note">If you need help, click <a href="https://help.example.com/start" title="Help center">here</a>, and <span translate="no">Parley Desk</span> will open.</p>`, Translation: `<p class="note">Si necesitas ayuda, haz clic <a href="https://help.example.com/start" title="Help center">aquí</a> y se abrirá <span translate="no">Parley Desk</span>.</p>`, SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"chat code span kept", api.QualityRequest{Source: "Thanks, run `npm install --save @parley/client@latest --registry internal` first", Translation: "Gracias, ejecuta `npm install --save @parley/client@latest --registry internal` primero", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"chat code block kept", api.QualityRequest{Source: "Thank you!\n```\nnpm install --save @parley/client@latest --registry internal\n```", Translation: "¡Gracias!\n```\nnpm install --save @parley/client@latest --registry internal\n```", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		// ... but the prose around them is still judged.
		{"html half translated around code", api.QualityRequest{Source: "<p>Please restart the router before the meeting starts: <code>sudo systemctl restart router</code></p>", Translation: "<p>Por favor restart the router before the meeting starts: <code>sudo systemctl restart router</code></p>", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalUntranslatedCopy, SignalTargetLanguage}},
		{"chat half translated around code", api.QualityRequest{Source: "Please restart the router before the meeting starts, then run `sudo systemctl restart router`", Translation: "Por favor restart the router before the meeting starts, then run `sudo systemctl restart router`", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalUntranslatedCopy, SignalTargetLanguage}},
		{"html truncated next to a long command", api.QualityRequest{Source: "<p>Thanks for your help yesterday, see you tomorrow at the office with the new badges. <code>npm install --save @parley/client@latest --registry internal --prefer-offline</code></p>", Translation: "<p>Gracias. <code>npm install --save @parley/client@latest --registry internal --prefer-offline</code></p>", SourceLang: "en", TargetLang: "es"}, api.DecisionRetry, []string{SignalLengthRatio}},
		// Text glued to a link is no part of it: left untranslated, it
		// is found (it scored 100 hidden inside the link).
		{"chinese left after a link", api.QualityRequest{Source: "请看 https://example.com/文档。谢谢大家的帮助", Translation: "Please see https://example.com/文档。谢谢大家的帮助", SourceLang: "zh-Hans", TargetLang: "en"}, api.DecisionRetry, []string{SignalTargetLanguage, SignalUntranslatedCopy, SignalUntranslatedSentence}},
		{"japanese left after a link", api.QualityRequest{Source: "詳細は https://example.com/docsを見てください。", Translation: "For details, see https://example.com/docsを見てください。", SourceLang: "ja", TargetLang: "en"}, api.DecisionRetry, []string{SignalTargetLanguage, SignalUntranslatedCopy}},
		{"chinese after a link translated", api.QualityRequest{Source: "请看 https://example.com/文档。谢谢大家的帮助", Translation: "Please see https://example.com/文档. Thank you all for your help", SourceLang: "zh-Hans", TargetLang: "en"}, api.DecisionAccept, nil},
		// A mention cut at its first vowel sign is a lost mention.
		{"hindi mention and channel cut short", api.QualityRequest{Source: "नमस्ते, #चैनल देखो और @राहुल को बताओ", Translation: "Hello, look at #च and tell @र", SourceLang: "hi", TargetLang: "en"}, api.DecisionFlagForReview, []string{SignalEntities}},
		{"hindi mention and channel kept", api.QualityRequest{Source: "नमस्ते, #चैनल देखो और @राहुल को बताओ", Translation: "Hello, look at #चैनल and tell @राहुल", SourceLang: "hi", TargetLang: "en"}, api.DecisionAccept, nil},
		// Emphasis delimiters are no text: a translation that dropped a
		// pair with its words (Apertium, where Spanish does not say
		// them) is not short for it.
		{"emphasis dropped with its word", api.QualityRequest{Source: "**I** will fix it tomorrow", Translation: "Lo fijaré mañana", SourceLang: "en", TargetLang: "es", Backend: "apertium", Model: "eng-spa"}, api.DecisionAccept, nil},
		{"emphasis dropped with an auxiliary", api.QualityRequest{Source: "I **do** not want to go", Translation: "No quiero ir", SourceLang: "en", TargetLang: "es", Backend: "apertium", Model: "eng-spa"}, api.DecisionAccept, nil},
		{"bold italics dropped with its word", api.QualityRequest{Source: "***I*** will fix it", Translation: "Lo fijaré", SourceLang: "en", TargetLang: "es", Backend: "apertium", Model: "eng-spa"}, api.DecisionAccept, nil},
		// Japanese in kanji only reads as Chinese to the detector (were 30,
		// retry); Chinese for Japanese is still retried.
		{"japanese headline without kana", api.QualityRequest{Source: "Annual general meeting held.", Translation: "年次株主総会開催。", SourceLang: "en", TargetLang: "ja"}, api.DecisionAccept, nil},
		{"japanese notice without kana", api.QualityRequest{Source: "Meet in front of the Yaesu central exit of Tokyo Station.", Translation: "東京駅八重洲中央口前集合。", SourceLang: "en", TargetLang: "ja"}, api.DecisionAccept, nil},
		{"chinese for japanese", api.QualityRequest{Source: "The meeting starts at noon tomorrow, please be on time.", Translation: "会议明天中午开始，请大家准时参加。", SourceLang: "en", TargetLang: "ja"}, api.DecisionRetry, []string{SignalTargetLanguage}},
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
			if got.Score < 0 || got.Score > 100 {
				t.Errorf("score %.1f out of range", got.Score)
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
	scorer := NewScorer(newLingua(t), defaults, nil)
	for _, tr := range []string{"", "   \n", "\u200b\u200b", "\ufeff "} {
		t.Run(fmt.Sprintf("%q", tr), func(t *testing.T) {
			got, err := scorer.Score(context.Background(), api.QualityRequest{Source: enSource, Translation: tr, SourceLang: "en", TargetLang: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if got.Score != 0 || got.Decision != api.DecisionRetry || !got.Retry() || len(got.Signals) != 1 || got.Signals[0].Name != SignalEmpty {
				t.Fatalf("got %+v, want score 0, reject, one empty signal", got)
			}
		})
	}
}

// catalanAsFrench answers as the detect service does for "el bebè està
// dormint" with the languages en, es, ca, fr and pt.
var catalanAsFrench = scriptedDetector{langs: []string{"en", "es", "ca", "fr", "pt"}, resp: &api.DetectResponse{Language: "fr", Confidence: 1}}

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
		// Apertium writes only its modes' languages: the detect service's
		// answer for a short Catalan sentence with the languages en, es,
		// ca, fr and pt is a misreading.
		{
			name:  "rule-based engine misread",
			det:   catalanAsFrench,
			req:   api.QualityRequest{Source: "the baby is sleeping", Translation: "el bebè està dormint", SourceLang: "en", TargetLang: "ca", Backend: "apertium", Model: "eng-cat"},
			value: 1, weight: 0, reason: "neutral: detected fr, but apertium (eng-cat) writes only en, ca", wantAccept: true,
		},
		{
			name:  "rule-based engine, valencian mode",
			det:   catalanAsFrench,
			req:   api.QualityRequest{Source: "the baby is sleeping", Translation: "el bebè està dormint", SourceLang: "en", TargetLang: "ca", Backend: "apertium", Model: "eng-cat_valencia"},
			value: 1, weight: 0, reason: "writes only en, ca", wantAccept: true,
		},
		{
			// An LLM may well answer in the wrong language.
			name:  "model misread or wrong",
			det:   catalanAsFrench,
			req:   api.QualityRequest{Source: "the baby is sleeping", Translation: "el bebè està dormint", SourceLang: "en", TargetLang: "ca", Backend: "ollama", Model: "llama3.1:8b"},
			value: 0, weight: WeightTargetLanguage, reason: "looks like fr (confidence 1.00), not ca", wantAccept: false,
		},
		{
			name:  "rule-based engine without a model name",
			det:   catalanAsFrench,
			req:   api.QualityRequest{Source: "the baby is sleeping", Translation: "el bebè està dormint", SourceLang: "en", TargetLang: "ca", Backend: "apertium"},
			value: 0, weight: WeightTargetLanguage, reason: "looks like fr", wantAccept: false,
		},
		{
			// Words of the pivot left untranslated are the engine's.
			name: "rule-based engine's pivot",
			det: scriptedDetector{langs: []string{"en", "es", "ca", "fr", "pt"}, resp: &api.DetectResponse{Language: "es", Confidence: 0.89,
				Alternatives: []api.LanguageScore{{Language: "pt", Confidence: 0.10}}}},
			req:   api.QualityRequest{Source: "I reset my password", Translation: "I reinicialización minha senha", SourceLang: "en", TargetLang: "pt", Backend: "apertium", Model: "eng-spa+es-pt"},
			value: 0.11, weight: WeightTargetLanguage, reason: "looks like es (confidence 0.89), not pt", wantAccept: false,
		},
		{
			name:  "rule-based engine's source",
			det:   scriptedDetector{langs: []string{"en", "es", "ca", "fr", "pt"}, resp: &api.DetectResponse{Language: "es", Confidence: 0.9}},
			req:   api.QualityRequest{Source: "¿necesitas algo del súper?", Translation: "¿necesitas algo del súper?", SourceLang: "es", TargetLang: "en", Backend: "apertium", Model: "spa-eng"},
			value: 0, weight: WeightTargetLanguage, reason: "the source language, not en", wantAccept: false,
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

// TestUndeterminedLanguage: a translation whose language the detector
// cannot tell is no clean accept when nothing speaks for the target (it
// is no contender, the script is the source's, no word is the source's),
// and stays neutral otherwise. The detector's answers are the detect
// service's with its default languages ({"pwned": true}: "too close to
// call between en (0.5284) and es (0.1160)").
func TestUndeterminedLanguage(t *testing.T) {
	und := func(langs []string, alts ...api.LanguageScore) Detector {
		return scriptedDetector{langs: langs, resp: &api.DetectResponse{Language: api.Undetermined, Reason: "too close to call", Alternatives: alts}}
	}
	latin := []string{"en", "es", "de", "nl", "ru", "uk", "bg"}
	pwned := und(latin, api.LanguageScore{Language: "en", Confidence: 0.5284}, api.LanguageScore{Language: "es", Confidence: 0.116}, api.LanguageScore{Language: "de", Confidence: 0.0725})
	tests := []struct {
		name       string
		det        Detector
		req        api.QualityRequest
		weight     float64
		reason     string
		wantAccept bool
	}{
		{"obeyed json for a short message", pwned,
			api.QualityRequest{Source: "json please", Translation: `{"pwned": true}`, SourceLang: "en", TargetLang: "de"},
			WeightUndeterminedLanguage, "de is not among its candidates (best en, 0.53; de 0.07)", false},
		{"obeyed json for an instruction", und(latin, api.LanguageScore{Language: "en", Confidence: 0.5}, api.LanguageScore{Language: "nl", Confidence: 0.2}),
			api.QualityRequest{Source: "Return JSON only.", Translation: `{"pwned": true}`, SourceLang: "en", TargetLang: "de"},
			WeightUndeterminedLanguage, "de is not among its candidates (best en, 0.50)", false},
		{"target a contender", und(latin, api.LanguageScore{Language: "de", Confidence: 0.3582}, api.LanguageScore{Language: "nl", Confidence: 0.2481}),
			api.QualityRequest{Source: "Thanks a lot", Translation: "Vielen Dank", SourceLang: "en", TargetLang: "de"}, 0, "neutral", true},
		{"target close behind", und(latin, api.LanguageScore{Language: "nl", Confidence: 0.2}, api.LanguageScore{Language: "de", Confidence: 0.12}),
			api.QualityRequest{Source: "See you in a moment", Translation: "Bis gleich", SourceLang: "en", TargetLang: "de"}, 0, "neutral", true},
		{"a word of the source kept", pwned,
			api.QualityRequest{Source: "json please", Translation: "JSON bitte", SourceLang: "en", TargetLang: "de"}, 0, "neutral", true},
		{"another script", und(latin, api.LanguageScore{Language: "uk", Confidence: 0.4}, api.LanguageScore{Language: "bg", Confidence: 0.3}),
			api.QualityRequest{Source: "Thanks a lot", Translation: "Большое спасибо", SourceLang: "en", TargetLang: "ru"}, 0, "neutral", true},
		{"target the detector does not know", und([]string{"en", "es"}, api.LanguageScore{Language: "en", Confidence: 0.5}),
			api.QualityRequest{Source: "json please", Translation: `{"pwned": true}`, SourceLang: "en", TargetLang: "de"}, 0, "neutral", true},
		// Too few letters for the detector, but "my" and "is" say English.
		{"function words of the target", und(latin, api.LanguageScore{Language: "fi", Confidence: 0.1104}),
			api.QualityRequest{Source: "Mi correo es juan@example.com", Translation: "My post is juan@example.com", SourceLang: "es", TargetLang: "en"}, 0, "neutral", true},
		{"function words of another language", und(latin, api.LanguageScore{Language: "es", Confidence: 0.3}),
			api.QualityRequest{Source: "My mail is juan@example.com", Translation: "Mi correo es juan@example.com", SourceLang: "en", TargetLang: "de"}, WeightUndeterminedLanguage, "de is not among", false},
		{"no candidates", und(latin),
			api.QualityRequest{Source: "json please", Translation: `{"pwned": true}`, SourceLang: "en", TargetLang: "de"}, 0, "neutral", true},
		// Too short to ask the detector: "ok" → "vale" stays a clean accept.
		{"very short", scriptedDetector{err: errors.New("must not be called")},
			api.QualityRequest{Source: "ok", Translation: "vale", SourceLang: "en", TargetLang: "es"}, 0, "too little text", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewScorer(tt.det, defaults, nil).Score(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			s := signal(t, got, SignalTargetLanguage)
			wantValue := 1.0
			if tt.weight > 0 {
				wantValue = 0
			}
			if s.Value != wantValue || s.Weight != tt.weight || !strings.Contains(s.Reason, tt.reason) {
				t.Errorf("target_language = %+v, want value %v weight %v reason containing %q", s, wantValue, tt.weight, tt.reason)
			}
			if (got.Decision == api.DecisionAccept) != tt.wantAccept || got.Retry() {
				t.Errorf("decision %s (%.1f), want accept=%v and no retry\n%s", got.Decision, got.Score, tt.wantAccept, dump(got))
			}
		})
	}
}

func TestScoreThreshold(t *testing.T) {
	// A mildly short translation: the length signal costs some points but
	// not all, so the decision turns on the thresholds.
	req := api.QualityRequest{Source: "Please send me the final report before the meeting tomorrow.", Translation: "Envíame el informe.", SourceLang: "en", TargetLang: "es"}
	base, err := NewScorer(nil, Config{}, nil).Score(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if base.Score <= 0 || base.Score >= 100 {
		t.Fatalf("score %.1f, want a partial score for this case\n%s", base.Score, dump(base))
	}
	s := base.Score
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"everything accepted", Config{}, api.DecisionAccept},
		{"at the accept threshold", Config{MinScore: 10, ReviewScore: 20, AcceptScore: s}, api.DecisionAccept},
		{"just below accept", Config{MinScore: 10, ReviewScore: 20, AcceptScore: s + 0.1}, api.DecisionAcceptWithWarning},
		{"at the review threshold", Config{MinScore: 10, ReviewScore: s, AcceptScore: 100}, api.DecisionAcceptWithWarning},
		{"just below review", Config{MinScore: 10, ReviewScore: s + 0.1, AcceptScore: 100}, api.DecisionFlagForReview},
		{"at the min score", Config{MinScore: s, ReviewScore: 100, AcceptScore: 100}, api.DecisionFlagForReview},
		{"just below the min score", Config{MinScore: s + 0.1, ReviewScore: 100, AcceptScore: 100}, api.DecisionRetry},
		// MinScore alone keeps the two decisions of quality 1.0.
		{"legacy accept", Config{MinScore: s}, api.DecisionAccept},
		{"legacy retry", Config{MinScore: s + 0.1}, api.DecisionRetry},
		{"all at 100", Config{MinScore: 100}, api.DecisionRetry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewScorer(nil, tt.cfg, nil).Score(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Decision != tt.want || got.Score != base.Score {
				t.Errorf("%+v: %s %.1f, want %s %.1f", tt.cfg, got.Decision, got.Score, tt.want, base.Score)
			}
			if got.Retry() != (tt.want == api.DecisionRetry) {
				t.Errorf("Retry() = %v for %s", got.Retry(), got.Decision)
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
		{"protect utf8", func(r *api.QualityRequest) { r.Protect = []string{"ok", "\xff"} }, api.CodeInvalidUTF8, "protect"},
		{"protect too many", func(r *api.QualityRequest) { r.Protect = make([]string, maxListItems+1) }, api.CodeInvalidArgument, "protect"},
		{"protect item too long", func(r *api.QualityRequest) { r.Protect = []string{strings.Repeat("x", maxItemRunes+1)} }, api.CodeTextTooLong, "protect"},
		{"terms utf8", func(r *api.QualityRequest) { r.Terms = []api.TermHint{{Source: "invoice", Target: "\xc3"}} }, api.CodeInvalidUTF8, "terms"},
		{"terms too many", func(r *api.QualityRequest) { r.Terms = make([]api.TermHint, maxListItems+1) }, api.CodeInvalidArgument, "terms"},
		{"glossary compliance", func(r *api.QualityRequest) { r.Glossary = &api.GlossaryReport{Compliance: 1.5} }, api.CodeInvalidArgument, "glossary"},
		{"unknown words", func(r *api.QualityRequest) { r.UnknownWords = -1 }, api.CodeInvalidArgument, "unknown_words"},
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
			got, err := NewScorer(newLingua(t), defaults, nil).Score(context.Background(),
				api.QualityRequest{Source: enSource, Translation: enSource, SourceLang: sl, TargetLang: "es"})
			if err != nil {
				t.Fatal(err)
			}
			if s := signal(t, got, SignalUntranslatedCopy); s.Weight != 0 {
				t.Errorf("copy signal %+v, want neutral", s)
			}
			if got.Decision != api.DecisionRetry {
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

func TestRefusalWholeWords(t *testing.T) {
	// Whole words only: "aide" is not "ai".
	if got := refusal(&input{source: "x", translation: "He works as an aide to the mayor.", targetLang: "en"}); got.Value != 1 {
		t.Errorf("refusal matched inside a word: %+v", got)
	}
}

package quality

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// meaningCase is one row of the tables of the line_breaks, negation and
// untranslated_sentence signals.
type meaningCase struct {
	name, source, tr, sl, tl string
	value, weight            float64
	reason                   string
}

func runMeaningCases(t *testing.T, tests []meaningCase, sig func(*input) api.Signal) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.source, Translation: tt.tr, SourceLang: tt.sl, TargetLang: tt.tl})
			sg := sig(in)
			if sg.Value != tt.value || sg.Weight != tt.weight || !strings.Contains(sg.Reason, tt.reason) {
				t.Errorf("got %+v, want value %v weight %v reason containing %q", sg, tt.value, tt.weight, tt.reason)
			}
		})
	}
}

func TestLineBreaks(t *testing.T) {
	runMeaningCases(t, []meaningCase{
		{"one line each", "See you tomorrow.", "Hasta mañana.", "en", "es", 1, 0, "neutral"},
		{"lines kept", "Shopping list:\n- milk\n- eggs\n- bread", "Lista de la compra:\n- leche\n- huevos\n- pan", "en", "es", 1, WeightLineBreaks, "keeps the source's 4 lines"},
		{"collapsed list", "Shopping list:\n- milk\n- eggs\n- bread", "Lista de la compra: - leche - huevos - pan", "en", "es", 0, WeightLineBreaks, "1 line where the source has 4"},
		{"one line lost", "Shopping list:\n- milk\n- eggs\n- bread", "Lista de la compra:\n- leche - huevos\n- pan", "en", "es", 0.67, WeightLineBreaks, "3 lines where the source has 4"},
		{"windows line ends", "Hi,\r\nsee you\r\n", "Hola,\nnos vemos", "en", "es", 1, WeightLineBreaks, "keeps"},
		{"paragraph break lost", "Hi all,\n\nthe build is green.", "Hola a todos,\nla compilación está en verde.", "en", "es", 0.5, WeightLineBreaks, "1 paragraph where the source has 2"},
		{"lines added", "Thanks for the update, see you tomorrow.", "Gracias por la actualización,\nnos vemos mañana.", "en", "es", 0.5, WeightLineBreaks, "2 lines where the source has 1 line"},
		{"blank lines ignored", "Hi\n\n\nBye\n", "Hola\n\nAdiós", "en", "es", 1, WeightLineBreaks, "keeps"},
		{"html", "<p>Hello</p>\n<p>Bye</p>", "<p>Hola</p><p>Adiós</p>", "en", "es", 1, 0, "HTML"},
	}, lineBreaks)
}

func TestNegation(t *testing.T) {
	runMeaningCases(t, []meaningCase{
		// Dropped negations, served as accept with 100 before.
		{"not dropped", "I do not want to go to the party tonight.", "Quiero ir a la fiesta esta noche.", "en", "es", 0, WeightNegation, "the source negates (1 clause) and the translation does not"},
		{"never reversed", "Never share your password with anyone.", "Comparte siempre tu contraseña con todos.", "en", "es", 0, WeightNegation, "meaning may be reversed"},
		// Short messages (under 6 words) lose a warning's worth, not a
		// flag's: a set phrase may say it without a negation.
		{"contraction dropped", "I don't think it's ready.", "Creo que está listo.", "en", "es", shortNegationValue, WeightNegation, "does not: the meaning may be reversed (a short message, 5 words"},
		{"one of two clauses", "I don't know, and I won't ask.", "No lo sé, y preguntaré.", "en", "es", 0.75, WeightNegation, "2 clauses, the translation in 1"},
		// Kept, in each language's way: negative concord is one clause.
		{"kept", "I do not want to go to the party tonight.", "No quiero ir a la fiesta esta noche.", "en", "es", 1, WeightNegation, "1 clause, the translation in 1"},
		{"spanish negative concord", "Never share your password with anyone.", "Nunca compartas tu contraseña con nadie.", "en", "es", 1, WeightNegation, ""},
		{"french ne pas", "I don't want to go.", "Je ne veux pas y aller.", "en", "fr", 1, WeightNegation, ""},
		{"french elided", "It isn't ready.", "Ce n'est pas prêt.", "en", "fr", 1, WeightNegation, ""},
		{"german kein", "There is no problem.", "Es gibt kein Problem.", "en", "de", 1, WeightNegation, ""},
		{"russian", "I do not know.", "Я не знаю.", "en", "ru", 1, WeightNegation, ""},
		{"polish", "I do not know.", "Nie wiem.", "en", "pl", 1, WeightNegation, ""},
		{"turkish verb", "I don't want to go.", "Gitmek istemiyorum.", "en", "tr", 1, WeightNegation, ""},
		{"turkish dropped", "I don't want to go.", "Gitmek istiyorum.", "en", "tr", shortNegationValue, WeightNegation, "does not"},
		{"chinese", "I don't want to go.", "我不想去。", "en", "zh-Hans", 1, WeightNegation, ""},
		{"chinese dropped", "I don't want to go.", "我想去。", "en", "zh-Hans", shortNegationValue, WeightNegation, "does not"},
		{"chinese not bad is no negation", "Nice work!", "干得不错！", "en", "zh-Hans", 1, WeightNegation, "neither"},
		{"japanese", "I don't want to go.", "行きたくないです。", "en", "ja", 1, WeightNegation, ""},
		{"japanese sorry is no negation", "Sorry, see you tomorrow.", "すみません、また明日。", "en", "ja", 1, WeightNegation, "neither"},
		{"korean", "I don't want to go.", "가고 싶지 않아요.", "en", "ko", 1, WeightNegation, ""},
		{"korean an", "I'm not going.", "안 가요.", "en", "ko", 1, WeightNegation, ""},
		{"arabic", "I don't know.", "لا أعرف.", "en", "ar", 1, WeightNegation, ""},
		{"arabic with a clitic", "Don't go and don't call.", "لا تذهب ولا تتصل.", "en", "ar", 1, WeightNegation, ""},
		{"hebrew", "I don't know.", "אני לא יודע.", "en", "he", 1, WeightNegation, ""},
		{"hindi", "I don't know.", "मुझे नहीं पता।", "en", "hi", 1, WeightNegation, ""},
		{"into english", "No quiero ir.", "I don't want to go.", "es", "en", 1, WeightNegation, ""},
		{"into english dropped", "No quiero ir.", "I want to go.", "es", "en", shortNegationValue, WeightNegation, "does not"},
		{"into english dropped, long", "No quiero ir a la fiesta esta noche.", "I want to go to the party tonight.", "es", "en", 0, WeightNegation, "does not"},
		// Added: weaker, since positive words often translate so.
		{"added", "I want to go.", "No quiero ir.", "en", "es", 0.5, WeightNegation, "where the source does not"},
		{"you're welcome", "You're welcome!", "¡De nada!", "en", "es", 1, WeightNegation, "neither"},
		{"idiom said without a negation", "No worries, take your time.", "大丈夫です、ゆっくりでいいですよ。", "en", "ja", 1, WeightNegation, "neither"},
		{"idiom said with one", "No worries, take your time.", "Keine Sorge, lass dir Zeit.", "en", "de", 1, WeightNegation, "neither"},
		{"chinese prohibitive", "Don't forget the meeting.", "别忘了会议。", "en", "zh-Hans", 1, WeightNegation, "1 clause, the translation in 1"},
		{"chinese special is no negation", "This is a special day.", "这是特别的一天。", "en", "zh-Hans", 1, WeightNegation, "neither"},
		{"french ne que means only", "I only have 5 euros.", "Je n'ai que 5 euros.", "en", "fr", 1, WeightNegation, "neither"},
		{"french ne pas que", "I don't only have 5 euros.", "Je n'ai pas que 5 euros.", "en", "fr", 1, WeightNegation, "1 clause, the translation in 1"},
		// Unknown languages and a same-language pair judge nothing.
		{"no list for the target", "I do not want to go.", "Nataka kwenda.", "en", "sw", 1, 0, "neutral: no negation words for sw"},
		{"unknown source", "I do not want to go.", "Quiero ir.", "", "es", 1, 0, "neutral"},
		{"same language", "No quiero ir.", "Quiero ir.", "es", "es-MX", 1, 0, "same language"},
	}, negation)
}

func TestUntranslatedSentence(t *testing.T) {
	runMeaningCases(t, []meaningCase{
		// An English sentence appended to a Spanish translation scored 100.
		{"appended english", enSource, esGood + " Thanks again for all your help, I owe you one.", "en", "es", 0.08, WeightUntranslatedSentence, `1 of 2 sentences read as the source language en (42% of the letters)`},
		{"second sentence copied", "Thanks for your help. Please send me the report before the meeting.", "Gracias por tu ayuda. Please send me the report before the meeting.", "en", "es", 0, WeightUntranslatedSentence, "Please send me the report"},
		{"one of four", "Thanks for your help. See you at the office tomorrow. Bring the badges. I will bring the coffee for all of us.", "Gracias por tu ayuda. Nos vemos mañana en la oficina. Trae las credenciales. I will bring the coffee for all of us.", "en", "es", 0.18, WeightUntranslatedSentence, "1 of 4"},
		{"on its own line", "Shopping list:\nmilk and eggs", "Lista de la compra:\nThe milk and the eggs are in the fridge", "en", "es", 0, WeightUntranslatedSentence, "1 of 2"},
		{"chinese left in english", "请看这个文档。谢谢大家的帮助", "Please look at this document. 谢谢大家的帮助", "zh-Hans", "en", 0.13, WeightUntranslatedSentence, "谢谢大家的帮助"},
		{"russian left in english", "Спасибо за помощь. Увидимся завтра в офисе.", "Thanks for your help. Увидимся завтра в офисе.", "ru", "en", 0, WeightUntranslatedSentence, "Увидимся"},
		{"english left in japanese", "Thanks for your help. Let me know if you need anything.", "ご協力ありがとうございます。Let me know if you need anything.", "en", "ja", 0, WeightUntranslatedSentence, "Let me know"},
		// Translated throughout: names and kept terms are no sentence.
		{"all translated", enSource + " Please bring the new badges.", esGood + " Por favor trae las nuevas credenciales.", "en", "es", 1, WeightUntranslatedSentence, "no sentence of the translation reads as en"},
		{"name kept", "Thanks! The release is called Blue Moon.", "¡Gracias! La versión se llama Blue Moon.", "en", "es", 1, WeightUntranslatedSentence, "no sentence"},
		{"short greeting kept", "Hi all. The build is green again, thanks to the team.", "Hi all. La compilación vuelve a estar en verde, gracias al equipo.", "en", "es", 1, WeightUntranslatedSentence, "no sentence"},
		{"a quoted title in another script", "Спасибо. Посмотри фильм «Star Wars» сегодня.", "Thanks. Watch the film “Звёздные войны” today.", "ru", "en", 1, WeightUntranslatedSentence, "no sentence"},
		{"one sentence", enSource, esGood, "en", "es", 1, 0, "neutral: the translation is one sentence"},
		{"same language", "Hola. Nos vemos.", "Hola. Nos vemos mañana en la oficina.", "es", "es-MX", 1, 0, "neutral"},
		{"no word list, same script", "Tack för hjälpen. Vi ses imorgon på kontoret.", "Tak for hjælpen. Vi ses imorgon på kontoret.", "sv", "da", 1, 0, "neutral: no function words for sv"},
	}, untranslatedSentence)
}

// TestMeaningErrorsNotAccepted: the linguist's translations that scored
// 100 (accept) although they reverse the meaning, leave a sentence in the
// source language or run a list into one line.
func TestMeaningErrorsNotAccepted(t *testing.T) {
	scorer := NewScorer(newLingua(t), defaults, nil)
	tests := []struct {
		name     string
		req      api.QualityRequest
		decision string
		failing  []string
	}{
		{"dropped not", api.QualityRequest{Source: "I do not want to go to the party tonight.", Translation: "Quiero ir a la fiesta esta noche.", SourceLang: "en", TargetLang: "es"}, api.DecisionFlagForReview, []string{SignalNegation}},
		{"never reversed", api.QualityRequest{Source: "Never share your password with anyone.", Translation: "Comparte siempre tu contraseña con todos.", SourceLang: "en", TargetLang: "es"}, api.DecisionFlagForReview, []string{SignalNegation}},
		{"appended english", api.QualityRequest{Source: enSource, Translation: esGood + " Thanks again for all your help, I owe you one.", SourceLang: "en", TargetLang: "es"}, api.DecisionFlagForReview, []string{SignalUntranslatedSentence}},
		{"collapsed list", api.QualityRequest{Source: "Shopping list:\n- milk\n- eggs\n- bread", Translation: "Lista de la compra: - leche - huevos - pan", SourceLang: "en", TargetLang: "es"}, api.DecisionAcceptWithWarning, []string{SignalLineBreaks}},
		{"half converted chinese", api.QualityRequest{Source: "我们的会议改到下午三点了，请准时参加。", Translation: "我們的會議改到下午三点了，请准时参加。", SourceLang: "zh-Hans", TargetLang: "zh-Hant"}, api.DecisionFlagForReview, []string{SignalTargetLanguage}},
		// The right translations of the same messages are accepted.
		{"not kept", api.QualityRequest{Source: "I do not want to go to the party tonight.", Translation: "No quiero ir a la fiesta esta noche.", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"never kept", api.QualityRequest{Source: "Never share your password with anyone.", Translation: "Nunca compartas tu contraseña con nadie.", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"list kept", api.QualityRequest{Source: "Shopping list:\n- milk\n- eggs\n- bread", Translation: "Lista de la compra:\n- leche\n- huevos\n- pan", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept, nil},
		{"converted chinese", api.QualityRequest{Source: "我们的会议改到下午三点了，请准时参加。", Translation: "我們的會議改到下午三點了，請準時參加。", SourceLang: "zh-Hans", TargetLang: "zh-Hant"}, api.DecisionAccept, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scorer.Score(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Decision != tt.decision {
				t.Errorf("decision %s (%.1f), want %s\n%s", got.Decision, got.Score, tt.decision, dump(got))
			}
			for _, s := range got.Signals {
				if penalised := s.Weight > 0 && s.Value < 1; penalised != slices.Contains(tt.failing, s.Name) {
					t.Errorf("signal %s penalised=%v, want problems found by %v\n%s", s.Name, penalised, tt.failing, dump(got))
				}
			}
		})
	}
}

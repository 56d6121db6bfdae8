package quality

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// commonNegations are everyday chat messages that negate in English, with
// good translations into es, fr, de, ru, pt and it. Set phrases say the
// negation in some languages and not in others ("Don't mention it" is "De
// nada" and "Gern geschehen"); every one of them scored 60
// (flag_for_review) or worse when the phrase lists were lopsided.
var commonNegations = []struct {
	en                     string
	es, fr, de, ru, pt, it string
}{
	{"Don't worry.", "No te preocupes.", "Ne t'inquiète pas.", "Keine Sorge.", "Не волнуйся.", "Não se preocupe.", "Non preoccuparti."},
	{"Don't worry about it.", "No te preocupes por eso.", "Ne t'en fais pas.", "Mach dir keine Sorgen.", "Не беспокойся об этом.", "Não se preocupe com isso.", "Non ti preoccupare."},
	{"Don't worry, be happy.", "No te preocupes, sé feliz.", "Ne t'inquiète pas, sois heureux.", "Keine Sorge, sei glücklich.", "Не волнуйся, будь счастлив.", "Não se preocupe, seja feliz.", "Non preoccuparti, sii felice."},
	{"Do not worry about it.", "Tranquilo, no pasa nada.", "Pas d'inquiétude.", "Keine Sorge deswegen.", "Не переживай из-за этого.", "Fica tranquilo.", "Stai tranquillo."},
	{"dont worry lol", "tranquilo jaja", "t'inquiète pas mdr", "keine panik lol", "не парься лол", "relaxa kkk", "tranquillo ahah"},
	{"No worries!", "¡No pasa nada!", "Pas de souci !", "Kein Problem!", "Без проблем!", "Sem problemas!", "Tranquillo!"},
	{"No problem.", "No hay problema.", "Pas de problème.", "Kein Problem.", "Нет проблем.", "Sem problema.", "Nessun problema."},
	{"That's not a problem.", "No es ningún problema.", "Ce n'est pas un problème.", "Das ist kein Problem.", "Это не проблема.", "Isso não é problema.", "Non è un problema."},
	{"It's not a big deal.", "No pasa nada.", "Ce n'est pas grave.", "Halb so schlimm.", "Ничего страшного.", "Não tem problema.", "Non fa niente."},
	{"Don't mention it.", "De nada.", "De rien.", "Gern geschehen.", "Не за что.", "De nada.", "Di niente."},
	{"Thanks! Don't mention it.", "¡Gracias! No hay de qué.", "Merci ! Il n'y a pas de quoi.", "Danke! Keine Ursache.", "Спасибо! Не стоит благодарности.", "Obrigado! Não há de quê.", "Grazie! Non c'è di che."},
	{"I couldn't agree more.", "Estoy totalmente de acuerdo.", "Je suis tout à fait d'accord.", "Ich bin ganz deiner Meinung.", "Полностью согласен.", "Concordo plenamente.", "Sono completamente d'accordo."},
	{"I could not agree more with you.", "No podría estar más de acuerdo contigo.", "Je ne pourrais pas être plus d'accord avec toi.", "Da stimme ich dir voll zu.", "Не могу не согласиться с тобой.", "Não poderia concordar mais com você.", "Non potrei essere più d'accordo con te."},
	{"Never mind.", "No importa.", "Laisse tomber.", "Schon gut.", "Неважно.", "Deixa pra lá.", "Non importa."},
	{"It doesn't matter.", "Da igual.", "Peu importe.", "Das ist egal.", "Это не важно.", "Não importa.", "Non importa."},
	{"I couldn't care less.", "Me da igual.", "Je m'en fiche.", "Das ist mir völlig egal.", "Мне всё равно.", "Não estou nem aí.", "Non me ne importa niente."},
	{"Not bad!", "¡Nada mal!", "Pas mal !", "Nicht schlecht!", "Неплохо!", "Nada mal!", "Niente male!"},
	{"Why not?", "¿Por qué no?", "Pourquoi pas ?", "Warum nicht?", "Почему бы и нет?", "Por que não?", "Perché no?"},
	{"I can't wait to see you!", "¡No veo la hora de verte!", "J'ai hâte de te voir !", "Ich kann es kaum erwarten, dich zu sehen!", "Не могу дождаться встречи с тобой!", "Mal posso esperar para te ver!", "Non vedo l'ora di vederti!"},
	{"Not only the code, but the docs too.", "No solo el código, también la documentación.", "Non seulement le code, mais aussi la doc.", "Nicht nur der Code, auch die Doku.", "Не только код, но и документация.", "Não só o código, mas também a documentação.", "Non solo il codice, ma anche la documentazione."},
	{"No doubt about it.", "Sin duda.", "Sans aucun doute.", "Ohne Zweifel.", "Без сомнения.", "Sem dúvida.", "Senza dubbio."},
	{"It's nice, isn't it?", "Es bonito, ¿verdad?", "C'est joli, n'est-ce pas ?", "Es ist schön, oder?", "Красиво, правда?", "É bonito, né?", "È bello, vero?"},
	{"Not at all.", "Para nada.", "Pas du tout.", "Überhaupt nicht.", "Вовсе нет.", "De jeito nenhum.", "Per niente."},
	{"I don't know.", "No lo sé.", "Je ne sais pas.", "Ich weiß es nicht.", "Я не знаю.", "Não sei.", "Non lo so."},
	{"I can't make it today.", "Hoy no puedo.", "Je ne peux pas venir aujourd'hui.", "Ich schaffe es heute nicht.", "Я сегодня не смогу.", "Hoje não consigo.", "Oggi non ce la faccio."},
	{"Don't forget the meeting.", "No olvides la reunión.", "N'oublie pas la réunion.", "Vergiss das Meeting nicht.", "Не забудь про встречу.", "Não esqueça a reunião.", "Non dimenticare la riunione."},
	{"I'm not sure.", "No estoy seguro.", "Je ne suis pas sûr.", "Ich bin mir nicht sicher.", "Я не уверен.", "Não tenho certeza.", "Non sono sicuro."},
	{"That's not what I meant.", "No es lo que quería decir.", "Ce n'est pas ce que je voulais dire.", "Das habe ich nicht gemeint.", "Я не это имел в виду.", "Não foi isso que eu quis dizer.", "Non è quello che intendevo."},
	{"Don't be late.", "No llegues tarde.", "Ne sois pas en retard.", "Komm nicht zu spät.", "Не опаздывай.", "Não se atrase.", "Non fare tardi."},
	{"I haven't seen it yet.", "Todavía no lo he visto.", "Je ne l'ai pas encore vu.", "Ich habe es noch nicht gesehen.", "Я ещё не видел.", "Ainda não vi.", "Non l'ho ancora visto."},
	{"No, thanks.", "No, gracias.", "Non, merci.", "Nein, danke.", "Нет, спасибо.", "Não, obrigado.", "No, grazie."},
	{"Nobody told me.", "Nadie me lo dijo.", "Personne ne me l'a dit.", "Niemand hat es mir gesagt.", "Мне никто не сказал.", "Ninguém me disse.", "Nessuno me l'ha detto."},
	{"I never said that.", "Nunca dije eso.", "Je n'ai jamais dit ça.", "Das habe ich nie gesagt.", "Я никогда этого не говорил.", "Eu nunca disse isso.", "Non l'ho mai detto."},
	{"There's nothing to do.", "No hay nada que hacer.", "Il n'y a rien à faire.", "Es gibt nichts zu tun.", "Делать нечего.", "Não há nada para fazer.", "Non c'è niente da fare."},
	{"I don't think so.", "No creo.", "Je ne pense pas.", "Ich glaube nicht.", "Не думаю.", "Acho que não.", "Non credo."},
	{"Don't do that!", "¡No hagas eso!", "Ne fais pas ça !", "Mach das nicht!", "Не делай этого!", "Não faça isso!", "Non farlo!"},
	{"It's not working.", "No funciona.", "Ça ne marche pas.", "Es funktioniert nicht.", "Не работает.", "Não está funcionando.", "Non funziona."},
	{"I won't be there.", "No estaré allí.", "Je ne serai pas là.", "Ich werde nicht da sein.", "Меня там не будет.", "Não estarei lá.", "Non ci sarò."},
	{"You don't have to.", "No tienes que hacerlo.", "Tu n'es pas obligé.", "Das musst du nicht.", "Тебе не обязательно.", "Você não precisa.", "Non sei obbligato."},
	{"Not yet.", "Todavía no.", "Pas encore.", "Noch nicht.", "Ещё нет.", "Ainda não.", "Non ancora."},
	{"No way!", "¡Ni hablar!", "Pas question !", "Auf keinen Fall!", "Ни за что!", "De jeito nenhum!", "Neanche per sogno!"},
	{"I can't hear you.", "No te oigo.", "Je ne t'entends pas.", "Ich kann dich nicht hören.", "Я тебя не слышу.", "Não consigo te ouvir.", "Non ti sento."},
	{"Don't worry, I don't mind.", "Tranquilo, no me molesta.", "T'inquiète, ça ne me dérange pas.", "Keine Sorge, es macht mir nichts aus.", "Не волнуйся, я не против.", "Relaxa, não me importo.", "Tranquillo, non mi dà fastidio."},
}

// TestNegationCommonPhrases: the negation signal takes nothing off good
// translations of everyday negated messages, in both directions.
func TestNegationCommonPhrases(t *testing.T) {
	for _, p := range commonNegations {
		for _, tr := range []struct{ lang, text string }{{"es", p.es}, {"fr", p.fr}, {"de", p.de}, {"ru", p.ru}, {"pt", p.pt}, {"it", p.it}} {
			for _, dir := range []struct{ source, tr, sl, tl string }{{p.en, tr.text, "en", tr.lang}, {tr.text, p.en, tr.lang, "en"}} {
				in := analysed(t, api.QualityRequest{Source: dir.source, Translation: dir.tr, SourceLang: dir.sl, TargetLang: dir.tl})
				if sg := negation(in); sg.Value != 1 {
					t.Errorf("%s %q → %s %q: %+v", dir.sl, dir.source, dir.tl, dir.tr, sg)
				}
			}
		}
	}
	if len(commonNegations) < 30 {
		t.Errorf("only %d phrases", len(commonNegations))
	}
}

// TestNegationReversalsStillFound: translations that drop or add a
// negation, set phrases among them, still lose points: a set phrase is
// only set aside when the other text says something of its family.
func TestNegationReversalsStillFound(t *testing.T) {
	runMeaningCases(t, []meaningCase{
		{"not dropped", "I do not want to go to the party tonight.", "Quiero ir a la fiesta esta noche.", "en", "es", 0, WeightNegation, "does not"},
		{"never reversed", "Never share your password with anyone.", "Comparte siempre tu contraseña con todos.", "en", "es", 0, WeightNegation, "does not"},
		{"contraction dropped", "I don't think it's ready.", "Creo que está listo.", "en", "es", shortNegationValue, WeightNegation, "does not"},
		{"one of two clauses", "I don't know, and I won't ask.", "No lo sé, y preguntaré.", "en", "es", 0.75, WeightNegation, "2 clauses, the translation in 1"},
		{"into english", "No quiero ir a la fiesta esta noche.", "I want to go to the party tonight.", "es", "en", 0, WeightNegation, "does not"},
		{"added", "I want to go to the party tonight.", "No quiero ir a la fiesta esta noche.", "en", "es", negationAdded, WeightNegation, "where the source does not"},
		// A phrase said on one side only still counts: its literal sense,
		// or a reversed one.
		{"worry reversed", "Don't worry.", "Preocúpate.", "en", "es", shortNegationValue, WeightNegation, "does not"},
		{"mention taken literally", "Please don't mention it to anyone at the office.", "Por favor, díselo a todos en la oficina.", "en", "es", 0, WeightNegation, "does not"},
		{"dont without apostrophe dropped", "dont tell anyone about the surprise party tonight", "cuéntale a todos lo de la fiesta sorpresa de esta noche", "en", "es", 0, WeightNegation, "does not"},
		// A phrase of the family on both sides sets aside only the phrases:
		// another negation lost beside them still counts.
		{"negation lost beside an idiom", "Don't worry. I do not want to go to the party tonight.", "No te preocupes. Quiero ir a la fiesta esta noche.", "en", "es", 0, WeightNegation, "does not"},
		{"negation lost beside a german idiom", "Keine Sorge, ich will heute Abend nicht zur Party gehen.", "Don't worry, I want to go to the party tonight.", "de", "en", 0, WeightNegation, "does not"},
	}, negation)
}

// TestNegationIdiomsCoverLanguages: every group of set phrases says its
// meaning in each language of the phrase tables, so that no pair is
// lopsided again, and every English phrase is found in each spelling.
func TestNegationIdiomsCoverLanguages(t *testing.T) {
	for _, g := range negationIdioms {
		if g.local {
			continue
		}
		for _, lang := range []string{"en", "es", "fr", "de", "ru", "pt", "it"} {
			if len(g.phrases[lang]) == 0 {
				t.Errorf("group %q has no phrase in %s", g.name, lang)
			}
		}
		for lang, phrases := range g.phrases {
			if _, ok := negations("", lang); !ok {
				t.Errorf("group %q lists %s, which has no negation words", g.name, lang)
			}
			for _, p := range phrases {
				if p != strings.ToLower(apostrophes.Replace(p)) {
					t.Errorf("group %q: %s phrase %q is not lower case with plain apostrophes", g.name, lang, p)
				}
			}
		}
	}
	for _, tt := range []struct {
		phrase string
		want   []string
	}{
		{"don't worry", []string{"don't worry", "do not worry", "dont worry"}},
		{"couldn't agree more", []string{"couldn't agree more", "could not agree more", "couldnt agree more"}},
		{"can't wait", []string{"can't wait", "cannot wait", "can not wait", "cant wait"}},
		{"you're welcome", []string{"you're welcome", "you are welcome", "youre welcome"}},
	} {
		if got := englishForms(tt.phrase); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("englishForms(%q) = %q, want %q", tt.phrase, got, tt.want)
		}
	}
}

// TestNegationShortMessages: the linguist's set phrases, scored whole.
// "Don't mention it." → "De nada." was retried (32.4: negation and
// length), the others flagged for review (60).
func TestNegationShortMessages(t *testing.T) {
	scorer := NewScorer(newLingua(t), defaults, nil)
	for _, tt := range []struct {
		req    api.QualityRequest
		atMost string // the worst decision allowed
	}{
		{api.QualityRequest{Source: "Don't worry about it.", Translation: "No te preocupes por eso.", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept},
		{api.QualityRequest{Source: "Don't worry, be happy.", Translation: "Ne t'inquiète pas, sois heureux.", SourceLang: "en", TargetLang: "fr"}, api.DecisionAccept},
		{api.QualityRequest{Source: "Don't worry.", Translation: "Не волнуйся.", SourceLang: "en", TargetLang: "ru"}, api.DecisionAccept},
		{api.QualityRequest{Source: "That's not a problem.", Translation: "Das ist kein Problem.", SourceLang: "en", TargetLang: "de"}, api.DecisionAccept},
		{api.QualityRequest{Source: "Don't mention it.", Translation: "Gern geschehen.", SourceLang: "en", TargetLang: "de"}, api.DecisionAccept},
		{api.QualityRequest{Source: "I couldn't agree more.", Translation: "Estoy totalmente de acuerdo.", SourceLang: "en", TargetLang: "es"}, api.DecisionAccept},
		{api.QualityRequest{Source: "Keine Sorge, das klappt schon.", Translation: "Don't worry, it'll work out.", SourceLang: "de", TargetLang: "en"}, api.DecisionAccept},
		// Its length is the length signal's finding; negation adds nothing.
		{api.QualityRequest{Source: "Don't mention it.", Translation: "De nada.", SourceLang: "en", TargetLang: "es"}, api.DecisionAcceptWithWarning},
		// A short message that lost its negation: a warning, not a flag.
		{api.QualityRequest{Source: "I don't think it's ready.", Translation: "Creo que está listo.", SourceLang: "en", TargetLang: "es"}, api.DecisionAcceptWithWarning},
	} {
		t.Run(tt.req.Source+" → "+tt.req.Translation, func(t *testing.T) {
			got, err := scorer.Score(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if decisionRank[got.Decision] > decisionRank[tt.atMost] {
				t.Errorf("decision %s (%.1f), want %s at most\n%s", got.Decision, got.Score, tt.atMost, dump(got))
			}
		})
	}
}

var decisionRank = map[string]int{api.DecisionAccept: 0, api.DecisionAcceptWithWarning: 1, api.DecisionFlagForReview: 2, api.DecisionRetry: 3}

// TestNegationNeverRetries: the negation signal takes off no more than
// keeps the score at the minimum when the others leave it above; a
// translation the others retry is retried.
func TestNegationNeverRetries(t *testing.T) {
	s := NewScorer(nil, defaults, nil)
	sig := func(name string, value, weight float64) api.Signal {
		return api.Signal{Name: name, Value: value, Weight: weight, Reason: "r"}
	}
	for _, tt := range []struct {
		name          string
		signals       []api.Signal
		score, negVal float64
	}{
		// "De nada" for "Don't mention it" before the set phrases: 32.4.
		{"negation and length", []api.Signal{sig(SignalLengthRatio, 0.54, 60), sig(SignalNegation, 0, 40)}, 50, 0.44},
		{"negation and a short one", []api.Signal{sig(SignalLengthRatio, 0.5, 60), sig(SignalNegation, shortNegationValue, 40)}, 50, 0.5},
		{"retried without negation", []api.Signal{sig(SignalTargetLanguage, 0, 70), sig(SignalNegation, 0, 40)}, 0, 0},
		{"not retried", []api.Signal{sig(SignalNegation, 0, 40)}, 60, 0},
		{"a little negation tips it", []api.Signal{sig(SignalLengthRatio, 0.2, 60), sig(SignalNegation, 0.9, 40)}, 50, 0.95},
		{"retried by length alone", []api.Signal{sig(SignalLengthRatio, 0.1, 60), sig(SignalNegation, 0.9, 40)}, 42, 0.9},
	} {
		t.Run(tt.name, func(t *testing.T) {
			score := s.negationNoRetry(tt.signals, signalScore(tt.signals))
			neg := tt.signals[len(tt.signals)-1]
			if score != tt.score || neg.Value != tt.negVal {
				t.Errorf("score %v, negation %+v; want %v and value %v", score, neg, tt.score, tt.negVal)
			}
			if score >= DefaultMinScore && score < signalScore(tt.signals)-1e-9 {
				t.Errorf("score %v is not what the signals add up to (%v)", score, signalScore(tt.signals))
			}
		})
	}
}

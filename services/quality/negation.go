package quality

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/parley-chat/parley/shared/api"
)

// WeightNegation is what a translation costs that dropped every negation
// of a source that has one ("I do not want to go" → "Quiero ir", "Never
// share your password" → "Comparte siempre tu contraseña"): the meaning is
// reversed, so alone it flags the translation for review. The markers are
// words, so a negation said without one ("Don't forget" → "Recuerda") is
// missed or mistaken; the judge, when on, is asked about it.
const WeightNegation = 40

// negationAdded is the value of a translation that negates where the
// source does not: it may reverse the meaning too ("I want to go" → "No
// quiero ir"), but many positive words translate with a negation ("Stay
// away" → "No te acerques"), so it costs 20 points: alone still an
// accept (80), with any other finding a warning.
const negationAdded = 0.5

// negationWords are, per base language, words that negate (whole words,
// lower case). Languages that negate twice ("no … nunca", "ne … pas")
// are counted per clause (negations), so "Nunca compartas nada" is one
// negation, as "Never share anything" is. Words that also mean something
// else often ("personne", "plus", Arabic "ما", Hebrew "אל") are left out.
var negationWords = map[string][]string{
	"en": {"not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "cannot", "nope"},
	"es": {"no", "nunca", "jamás", "nada", "nadie", "ninguno", "ninguna", "ningún", "ni", "tampoco"},
	"ca": {"no", "mai", "res", "ningú", "cap", "gens", "ni", "tampoc"},
	"pt": {"não", "nunca", "jamais", "nada", "ninguém", "nenhum", "nenhuma", "nem", "tampouco"},
	"fr": {"ne", "pas", "jamais", "rien", "aucun", "aucune", "ni", "non", "nul", "nulle", "guère"},
	"it": {"non", "mai", "niente", "nulla", "nessuno", "nessuna", "nessun", "né", "neanche", "nemmeno", "neppure"},
	"de": {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand", "nein", "weder", "nirgends"},
	"nl": {"niet", "geen", "nooit", "niets", "niemand", "nee", "noch", "nergens"},
	"sv": {"inte", "ej", "aldrig", "ingen", "inget", "inga", "ingenting", "nej", "varken"},
	"da": {"ikke", "ingen", "intet", "aldrig", "nej", "ingenting"},
	"nb": {"ikke", "ingen", "intet", "aldri", "nei", "ingenting"},
	"pl": {"nie", "nigdy", "nic", "nikt", "żaden", "żadna", "żadne", "ani", "nigdzie"},
	"ru": {"не", "нет", "никогда", "ничего", "ничто", "никто", "ни", "нигде", "никакой", "никакие"},
	"uk": {"не", "ні", "ніколи", "нічого", "ніхто", "немає", "ніде", "жоден", "жодного"},
	"tr": {"değil", "yok", "hayır", "asla", "hiç", "hiçbir", "hiçbiri"},
	"ar": {"لا", "لم", "لن", "ليس", "ليست", "لست", "لسنا", "ليسوا", "أبدا", "أبداً", "إطلاقا"},
	"he": {"לא", "אין", "אינו", "אינה", "אינם", "אינן", "שום", "מעולם", "אף"},
	"hi": {"नहीं", "नही", "न", "मत", "ना"},
}

// negationStems are negations written inside words: Turkish puts them in
// the verb ("istemiyorum", I do not want), Korean after it ("가지 않아요",
// "없어요"), Chinese and Japanese write no spaces. They match anywhere in
// a word (Chinese and Japanese: anywhere in the text).
var negationStems = map[string][]string{
	"tr": {"mıyor", "miyor", "muyor", "müyor", "mayacak", "meyecek", "mamış", "memiş"},
	"ko": {"않", "없", "못", "아니", "지 마", "지마"},
	"zh": {"不", "没", "沒", "别", "別", "未", "无", "無", "勿"},
	"ja": {"ない", "なく", "なかっ", "ません", "無", "不", "未", "いいえ"},
}

// negationWholeStems are Korean negations that are words of their own:
// 안 before a verb ("안 가요").
var negationWholeStems = map[string][]string{"ko": {"안"}}

// negationExceptions are set phrases that hold a negation marker but
// negate nothing ("not only", "不错", good; "すみません", sorry;
// "行きませんか", shall we go?), or idioms whose translations often say
// it without one ("No worries" → "大丈夫です", "de nada" for "you're
// welcome"): listed in every language that has them, so that the pair
// stays even. They are removed before markers are counted.
var negationExceptions = map[string][]string{
	"en": {"no worries", "no problem", "no prob", "never mind", "nevermind", "not bad", "no doubt", "not only", "no matter", "why not", "can't wait", "cannot wait"},
	"es": {"de nada", "no hay de qué", "no hay problema", "sin problema", "no te preocupes", "no se preocupe", "no pasa nada", "no está mal", "no solo", "no sólo", "¿no?"},
	"pt": {"de nada", "sem problema", "não tem problema", "não se preocupe", "não só", "nada mal", "né?"},
	"fr": {"de rien", "pas de problème", "pas de souci", "pas de soucis", "pas mal", "n'importe", "non seulement", "ne t'inquiète pas", "ne vous inquiétez pas"},
	"it": {"di niente", "di nulla", "nessun problema", "non preoccuparti", "non c'è problema", "non male", "non solo"},
	"de": {"nichts zu danken", "kein problem", "keine sorge", "keine sorgen", "nicht schlecht", "nicht nur"},
	"nl": {"geen probleem", "geen zorgen", "niet slecht", "niet alleen"},
	"ru": {"не за что", "нет проблем", "не волнуйся", "не волнуйтесь", "не только", "ничего страшного", "неплохо"},
	"uk": {"нема за що", "не хвилюйся", "не тільки"},
	"pl": {"nie ma za co", "nie ma problemu", "nie martw się", "nie tylko"},
	"zh": {"不过", "不過", "不错", "不錯", "不客气", "不客氣", "不好意思", "了不起", "差不多", "不断", "不斷", "不少", "无论", "無論", "未来", "未來",
		"没关系", "沒關係", "没问题", "沒問題", "没事", "沒事", "不仅", "不僅", "特别", "特別", "区别", "區別", "分别", "分別", "告别", "告別",
		"级别", "級別", "类别", "類別", "个别", "個別", "识别", "識別", "性别", "性別", "差别", "差別", "别人", "別人", "别的", "別的"},
	"ja": {"すみません", "かまいません", "構いません", "ませんか", "少な", "危な", "未来", "問題ない", "問題ありません", "だけでなく"},
	"ko": {"문제없", "문제 없", "뿐만 아니라"},
}

// clauseEnds separate clauses: a negation is counted once per clause.
const clauseEnds = ",;:.!?¿¡\n，、；：。！？…؟،"

// negations counts the clauses of s that hold a negation marker of lang,
// and ok is false when there is no list for lang.
func negations(s, lang string) (n int, ok bool) {
	words, wordsOK := negationWords[lang]
	stems, stemsOK := negationStems[lang]
	if !wordsOK && !stemsOK {
		return 0, false
	}
	s = apostrophes.Replace(strings.ToLower(s))
	for _, ex := range negationExceptions[lang] {
		s = strings.ReplaceAll(s, ex, " ")
	}
	dense := lang == "zh" || lang == "ja"
	for _, clause := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(clauseEnds, r) }) {
		if dense {
			if containsAny(clause, stems...) {
				n++
			}
			continue
		}
		if clauseNegates(clause, lang, words, stems) && !restrictive(clause, lang) {
			n++
		}
	}
	return n, true
}

// clauseNegates reports whether a clause of a language that writes spaces
// holds a negation: a word of the list, an English "n't", a French "n'",
// or a stem inside a word.
func clauseNegates(clause, lang string, words, stems []string) bool {
	if lang == "ko" && containsAny(clause, "지 마", "지마") {
		return true
	}
	for _, tok := range strings.FieldsFunc(clause, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) && r != '\''
	}) {
		if lang == "en" && strings.HasSuffix(tok, "n't") || lang == "fr" && strings.HasPrefix(tok, "n'") {
			return true
		}
		for _, w := range words {
			if tok == w {
				return true
			}
			for _, c := range clitics[lang] {
				if strings.TrimPrefix(tok, c) == w {
					return true
				}
			}
		}
		for _, st := range negationWholeStems[lang] {
			if tok == st {
				return true
			}
		}
		for _, st := range stems {
			if strings.Contains(tok, st) {
				return true
			}
		}
	}
	return false
}

// restrictive reports a French clause whose only negation is "ne … que",
// which means "only" ("je n'ai que 5 euros"), not "not".
func restrictive(clause, lang string) bool {
	if lang != "fr" {
		return false
	}
	toks := tokens(clause)
	que := false
	for _, t := range toks {
		switch {
		case t == "que" || strings.HasPrefix(t, "qu'"):
			que = true
		case t != "ne" && !strings.HasPrefix(t, "n'") && slices.Contains(negationWords["fr"], t):
			return false // "ne … pas que", "ne … jamais que"
		}
	}
	return que
}

// negation compares the negations of source and translation: a source
// that negates and a translation with no negation at all is value 0, one
// with fewer negated clauses loses in proportion up to half, and a
// translation that negates where the source does not is negationAdded.
// Neutral when either language has no list.
func negation(in *input) api.Signal {
	sg := api.Signal{Name: SignalNegation, Value: 1}
	ns, okS := negations(in.srcEnt.rest, in.sourceBase)
	nt, okT := negations(in.trEnt.rest, in.targetBase)
	switch {
	case !okS || !okT:
		sg.Reason = "neutral: no negation words for " + languagesWithout(in, okS, okT)
		return sg
	case in.sourceBase == in.targetBase:
		sg.Reason = "neutral: source and target are the same language"
		return sg
	}
	sg.Weight = WeightNegation
	switch {
	case ns > 0 && nt == 0:
		sg.Value = 0
		sg.Reason = fmt.Sprintf("the source negates (%s) and the translation does not: the meaning may be reversed", plural(ns, "clause"))
	case nt < ns:
		sg.Value = round2(1 - 0.5*float64(ns-nt)/float64(ns))
		sg.Reason = fmt.Sprintf("the source negates in %s, the translation in %d", plural(ns, "clause"), nt)
	case ns == 0 && nt > 0:
		sg.Value = negationAdded
		sg.Reason = fmt.Sprintf("the translation negates (%s) where the source does not", plural(nt, "clause"))
	case ns == 0:
		sg.Reason = "neither text negates"
	default:
		sg.Reason = fmt.Sprintf("the source negates in %s, the translation in %d", plural(ns, "clause"), nt)
	}
	return sg
}

// languagesWithout names the languages of in that have no list.
func languagesWithout(in *input, okS, okT bool) string {
	var out []string
	if !okS {
		out = append(out, cmp.Or(in.sourceLang, "an unknown source language"))
	}
	if !okT {
		out = append(out, in.targetLang)
	}
	return strings.Join(out, " and ")
}

// plural writes a count with its noun: "1 clause", "2 clauses".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

package commentary

import "strings"

// groups holds phrases that LLM translators add around or instead of a
// translation, grouped by what they mean. A group counts only when the
// source contains none of its phrases in any language: a message that says
// "I can't help with that" translates to "No puedo ayudar con eso", which is
// a faithful translation, not a refusal.
//
// Phrases are matched on whole words after Key normalisation (lower
// case, punctuation dropped, typographic apostrophes made plain), so
// "Sure! Here is" is written "sure here is". The list is deliberately short
// and precise: a false match rejects a good translation.
var groups = []struct {
	kind    Kind
	phrases []string
}{
	{Preamble, []string{
		// en
		"here is the translation", "here's the translation", "here is your translation", "here's your translation",
		"here is the translated text", "here's the translated text", "sure here is", "sure here's",
		"certainly here is", "certainly here's", "of course here is", "of course here's", "this translates to",
		"the translation is as follows", "translated text",
		// es
		"aquí está la traducción", "aquí tienes la traducción", "aquí tiene la traducción", "la traducción es la siguiente",
		"claro aquí está", "claro aquí tienes", "texto traducido",
		// fr
		"voici la traduction", "voici le texte traduit", "bien sûr voici", "la traduction est la suivante",
		// de
		"hier ist die übersetzung", "hier ist der übersetzte text", "die übersetzung lautet", "natürlich hier ist", "klar hier ist",
		// pt
		"aqui está a tradução", "segue a tradução", "claro aqui está", "texto traduzido",
		// it
		"ecco la traduzione", "ecco il testo tradotto", "certo ecco", "testo tradotto",
		// nl, pl, ru
		"hier is de vertaling", "natuurlijk hier is", "oto tłumaczenie", "oto przetłumaczony tekst",
		"вот перевод", "конечно вот перевод", "переведённый текст", "переведенный текст",
		// zh, ja, ko (matched inside runs of characters, see phraseIndex)
		"以下是翻译", "翻译如下", "这是翻译", "以下是譯文", "翻譯如下",
		"以下は翻訳です", "翻訳は以下の通りです", "翻訳します", "다음은 번역입니다", "번역은 다음과 같습니다",
	}},
	{AIIdentity, []string{
		"as an ai", "as an ai language model", "as a language model", "as an artificial intelligence", "i am an ai", "i'm an ai",
		"como modelo de lenguaje", "como un modelo de lenguaje", "como una ia", "como inteligencia artificial", "soy una ia",
		"en tant qu'ia", "en tant que modèle de langage", "en tant qu'intelligence artificielle", "je suis une ia",
		"als ki", "als sprachmodell", "als künstliche intelligenz", "ich bin eine ki",
		"como um modelo de linguagem", "como uma ia", "sou uma ia",
		"come modello linguistico", "come un modello linguistico", "come un'intelligenza artificiale", "sono un'ia",
		"als taalmodel", "als ai-taalmodel", "jako model językowy", "jako sztuczna inteligencja",
		"как языковая модель", "как ии", "как искусственный интеллект", "я языковая модель",
		"作为一个人工智能", "作为人工智能", "作为ai", "作为一个ai", "作为语言模型", "作為人工智慧",
		"aiとして", "言語モデルとして", "人工知能として", "ai로서", "언어 모델로서",
	}},
	{Refusal, []string{
		"i can't help with that", "i cannot help with that", "i can't help with this", "i cannot help with this",
		"i can't assist with that", "i cannot assist with that", "i can't assist with this", "i cannot assist with this",
		"i'm sorry but i can't", "i'm sorry but i cannot", "i am sorry but i cannot", "sorry but i can't",
		"i'm unable to translate", "i am unable to translate", "i'm not able to translate", "i can't translate", "i cannot translate",
		"i won't translate", "i will not translate", "i can't provide a translation", "i cannot provide a translation",
		"i can't comply", "i cannot comply",
		"no puedo ayudar con eso", "no puedo ayudarte con eso", "lo siento pero no puedo", "no puedo traducir",
		"je ne peux pas vous aider", "je ne peux pas t'aider", "je ne peux pas traduire", "désolé mais je ne peux pas",
		"ich kann dabei nicht helfen", "ich kann das nicht übersetzen", "tut mir leid aber ich kann",
		"não posso ajudar com isso", "desculpe mas não posso", "não posso traduzir",
		"non posso aiutarti con questo", "mi dispiace ma non posso", "non posso tradurre",
		"ik kan je daar niet mee helpen", "het spijt me maar ik kan", "ik kan dit niet vertalen",
		"nie mogę w tym pomóc", "przepraszam ale nie mogę", "nie mogę tego przetłumaczyć",
		"я не могу помочь с этим", "извините но я не могу", "я не могу это перевести", "я не могу перевести",
		"我无法帮助", "我不能帮助", "抱歉我不能", "我无法翻译", "我不能翻译", "我無法翻譯",
		"申し訳ありませんが", "お手伝いできません", "翻訳できません", "도와드릴 수 없습니다", "번역할 수 없습니다",
	}},
}

// phraseIndex finds commentary phrases in a Key-normalised text
// without trying each of them at every position: spaced phrases are
// looked up by their first word at each word start, and phrases in
// scripts without spaces (Chinese, Japanese, Korean) are searched only in
// texts that contain such characters, with spaces removed on both sides,
// since there are no word boundaries to pad them with and punctuation
// between characters ("抱歉，我不能") must not break a match.
type phraseIndex struct {
	byFirst map[string][]phrase
	dense   []phrase
}

// index indexes groups.
var index = func() phraseIndex {
	x := phraseIndex{byFirst: map[string][]phrase{}}
	for gi, g := range groups {
		for pi, p := range g.phrases {
			k := Key(p)
			if strings.ContainsFunc(p, denseRune) {
				x.dense = append(x.dense, phrase{gi, pi, strings.ReplaceAll(k, " ", "")})
				continue
			}
			first, _, _ := strings.Cut(strings.TrimPrefix(k, " "), " ")
			x.byFirst[first] = append(x.byFirst[first], phrase{gi, pi, k})
		}
	}
	return x
}()

// find returns, for each commentary group found in key (a Key), the
// index of the first of its phrases that occurs.
func (x phraseIndex) find(key string) map[int]int {
	found := map[int]int{}
	note := func(p phrase) {
		if i, ok := found[p.group]; !ok || p.index < i {
			found[p.group] = p.index
		}
	}
	for pos := 0; pos < len(key)-1; {
		end := strings.IndexByte(key[pos+1:], ' ')
		if end < 0 {
			break
		}
		for _, p := range x.byFirst[key[pos+1:pos+1+end]] {
			if strings.HasPrefix(key[pos:], p.key) {
				note(p)
			}
		}
		pos += end + 1
	}
	if strings.ContainsFunc(key, denseRune) {
		dense := strings.ReplaceAll(key, " ", "")
		for _, p := range x.dense {
			if strings.Contains(dense, p.key) {
				note(p)
			}
		}
	}
	return found
}

// labelWords are the words an LLM puts before its answer as a label
// ("Translation:", "Traducción:"), besides the target language's name.
var labelWords = []string{
	"translation", "translated text", "traducción", "traduccion", "traduction", "übersetzung", "tradução",
	"traduzione", "vertaling", "tłumaczenie", "перевод", "翻译", "翻譯", "翻訳", "번역", "output", "answer", "respuesta", "réponse",
}

// noteWords open a translator's note in parentheses or brackets
// ("(Note: ...)", "[Nota: ...]", "(literally ...)").
var noteWords = []string{
	"note", "notes", "nota", "n.b.", "remarque", "anmerkung", "hinweis", "примечание", "注", "注意", "注释",
	"literally", "literal", "lit.", "translator's note", "nota del traductor", "n. del t.", "ndt", "n.d.t.",
	"translation note", "traducción literal", "traduction littérale", "wörtlich", "tradução literal", "letteralmente",
}

package quality

// commentary holds phrases that LLM translators add around or instead of a
// translation, grouped by what they mean. A group counts only when the
// source contains none of its phrases in any language: a message that says
// "I can't help with that" translates to "No puedo ayudar con eso", which is
// a faithful translation, not a refusal.
//
// Phrases are matched on whole words after phraseKey normalisation (lower
// case, punctuation dropped, typographic apostrophes made plain), so
// "Sure! Here is" is written "sure here is". The list is deliberately short
// and precise: a false match rejects a good translation.
var commentary = []struct {
	group   string
	phrases []string
}{
	{"preamble", []string{
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
	}},
	{"ai_identity", []string{
		"as an ai", "as an ai language model", "as a language model", "as an artificial intelligence", "i am an ai", "i'm an ai",
		"como modelo de lenguaje", "como un modelo de lenguaje", "como una ia", "como inteligencia artificial", "soy una ia",
		"en tant qu'ia", "en tant que modèle de langage", "en tant qu'intelligence artificielle", "je suis une ia",
		"als ki", "als sprachmodell", "als künstliche intelligenz", "ich bin eine ki",
		"como um modelo de linguagem", "como uma ia", "sou uma ia",
		"come modello linguistico", "come un modello linguistico", "come un'intelligenza artificiale", "sono un'ia",
	}},
	{"refusal", []string{
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
	}},
}

// commentaryKeys is commentary with every phrase normalised once.
var commentaryKeys = func() [][]string {
	out := make([][]string, len(commentary))
	for i, g := range commentary {
		for _, p := range g.phrases {
			out[i] = append(out[i], phraseKey(p))
		}
	}
	return out
}()

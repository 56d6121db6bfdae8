package quality

// commonWords are, per base language, words that chat messages often
// are on their own or with a name (greetings, thanks, yes and no,
// apologies, congratulations, agreement, when: "Tomorrow", "Meeting",
// short questions: "Why?"). hasWords cannot tell "Hello" from "Slack"
// (one capitalised word: a chat message starts with a capital, so that
// is no sign of a name), so it counts neither as words; a word of this
// list, in any case, is a word of the source language, and a message of
// it copied unchanged into another language is untranslated. A word the
// target language writes the same ("no" in English and Spanish, "sorry"
// in English and German chat) proves nothing and does not count.
//
// The list is deliberately short: words shared across many languages
// ("ok", "lol", "taxi", "pizza", "bravo", "ciao") are left out, since a
// copy of them is often the right translation, and a loan the target
// uses as is ("Meeting" in German and Dutch chat, "morgen" in both) is
// listed for the target too.
var commonWords = map[string][]string{
	"en": {"hello", "thanks", "thank", "thx", "yes", "yeah", "yep", "no", "nope", "sorry", "please", "congratulations",
		"congrats", "goodbye", "bye", "welcome", "great", "good", "agreed", "sure", "maybe", "perfect", "done", "cheers",
		"understood", "exactly", "absolutely", "awesome", "nice", "morning", "evening", "night", "later", "excellent",
		"tomorrow", "today", "tonight", "yesterday", "meeting", "soon", "ready", "definitely", "noted", "busy", "coming",
		"finished", "almost", "wait", "really", "what", "why", "where", "when", "how"},
	"es": {"hola", "gracias", "sí", "no", "perdón", "perdona", "disculpa", "disculpe", "porfa", "felicidades",
		"enhorabuena", "adiós", "bienvenido", "bienvenida", "vale", "claro", "genial", "perfecto", "buenas", "quizás",
		"quizá", "hecho", "exacto", "entendido", "bueno", "excelente", "buenísimo",
		"mañana", "hoy", "ayer", "reunión", "luego", "después", "listo", "lista", "terminado", "ahora", "espera", "qué",
		"cuándo", "dónde", "cómo"},
	"fr": {"bonjour", "bonsoir", "salut", "merci", "oui", "non", "pardon", "désolé", "désolée", "félicitations",
		"bienvenue", "parfait", "d'accord", "entendu", "exactement", "génial", "excellent", "volontiers",
		"demain", "aujourd'hui", "hier", "réunion", "bientôt", "prêt", "prête", "fini", "terminé", "maintenant",
		"attends", "vraiment", "pourquoi", "quand", "où", "comment"},
	"de": {"hallo", "danke", "ja", "nein", "entschuldigung", "sorry", "bitte", "glückwunsch", "tschüss", "willkommen",
		"genau", "klar", "perfekt", "verstanden", "gerne", "vielleicht", "prima", "toll",
		"morgen", "heute", "gestern", "später", "bald", "fertig", "sicher", "besprechung", "termin", "jetzt", "warte",
		"wirklich", "warum", "wann", "meeting"},
	"pt": {"olá", "oi", "obrigado", "obrigada", "sim", "não", "desculpa", "desculpe", "parabéns", "tchau", "perfeito",
		"claro", "valeu", "combinado", "exato", "entendido", "ótimo",
		"amanhã", "hoje", "ontem", "reunião", "depois", "talvez", "agora", "feito", "certo"},
	"it": {"grazie", "sì", "no", "scusa", "scusi", "prego", "congratulazioni", "auguri", "arrivederci", "benvenuto",
		"perfetto", "certo", "esatto", "capito", "ottimo", "d'accordo", "buongiorno", "buonasera",
		"domani", "oggi", "ieri", "riunione", "dopo", "forse", "adesso", "fatto", "sicuro", "perché", "stasera"},
	"ca": {"hola", "gràcies", "sí", "no", "perdó", "felicitats", "adéu", "benvingut", "benvinguda", "perfecte",
		"d'acord", "clar", "entesos", "exacte",
		"demà", "avui", "ahir", "reunió", "després", "potser", "ara", "fet", "segur", "aviat"},
	"nl": {"hallo", "dank", "bedankt", "ja", "nee", "sorry", "alsjeblieft", "gefeliciteerd", "doei", "welkom",
		"prima", "precies", "perfect", "begrepen", "graag",
		"morgen", "vandaag", "gisteren", "vergadering", "later", "straks", "misschien", "klaar", "zeker", "waarom",
		"wanneer", "meeting"},
}

// commonWordSet is commonWords as sets.
var commonWordSet = func() map[string]map[string]bool {
	m := make(map[string]map[string]bool, len(commonWords))
	for lang, ws := range commonWords {
		set := make(map[string]bool, len(ws))
		for _, w := range ws {
			set[w] = true
		}
		m[lang] = set
	}
	return m
}()

// knownWord reports whether s holds a word of the source language's
// commonWords that the target language does not write the same. It
// knows nothing of a source language it has no list for, nor of an
// unknown one.
func knownWord(s, source, target string) bool {
	words := commonWordSet[source]
	if len(words) == 0 {
		return false
	}
	shared := commonWordSet[target]
	for _, w := range splitWords(stripNonLanguage(s)) {
		if words[w.lower] && !shared[w.lower] {
			return true
		}
	}
	return false
}

// sourceHasWords reports whether in's source holds ordinary words, so
// that a translation identical to it is an untranslated copy rather than
// names, numbers, links or emoji kept as they are: hasWords's rules, or a
// common word of the source language ("thanks", "Hello",
// "Congratulations") that the target does not share. It reads only the
// source, not in's words, so targetLanguage may call it while Score
// analyses the texts.
func sourceHasWords(in *input) bool {
	return hasWords(in.source) || knownWord(in.source, in.sourceBase, in.targetBase)
}

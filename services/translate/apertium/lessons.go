package apertium

import (
	"regexp"
	"strings"
)

// Music and learning languages (rounds chat65 and chat66): what the
// modes write word by word when chat talks about songs, concerts and
// lessons.

// English from the other languages: spa-eng writes "escuchar" without
// its preposition ("have you listened the new disk?"), Spanish's hours
// "of the morning" ("until three hours of the morning", French "trois
// heures du matin" through Spanish), a lesson "of" its subject ("I have
// class of German", "the homework of English"), and asks what a word
// means as Spanish does ("what means this word?"; French "qu'est-ce que
// ça veut dire" through Spanish "what does this want to say?").
var (
	englishListen     = regexp.MustCompile(`\b([Ll]isten(?:ed|ing|s)?)\s+(the|my|your|his|her|our|their|this|that|these|those|a|an|it|him|me|us|them|music)\b`)
	englishHoursOfDay = regexp.MustCompile(`\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[1-9]|1[0-2])\s+(?:(?:hours?|o'clock)\s+)?of\s+the\s+(morning|afternoon|evening|night)\b`)
	englishLessonOf   = regexp.MustCompile(`\b(class|classes|lesson|lessons|homework|exam|exams|course|test|teacher)\s+of\s+(English|Spanish|French|German|Portuguese|Catalan|Italian|Japanese|Chinese|Arabic|Russian|maths|math|history|music|piano|guitar|singing)\b`)
	englishWhatMeans  = regexp.MustCompile(`\b([Ww]hat)\s+means\s+([^?.!,;:]+?)\s*\?`)
	englishWantToSay  = regexp.MustCompile(`\b((?:[Ww]hat\s+)?(?:does|do|did)\s+(?:\S+\s+){1,3}?)want\s+to\s+say\b`)
	// "desde hace diez años", "depuis dix ans", "há dez anos": "since
	// ten years", "from ten years".
	englishForLong = regexp.MustCompile(`\b(?:[Ss]ince|[Ff]rom)\s+((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d+)\s+(?:years?|months?|weeks?|days?|hours?|minutes?))\b`)
	// "tocar" an instrument, "touch the piano".
	englishPlayInstrument = regexp.MustCompile(`\b([Tt]ouch(?:es|ed|ing)?)\s+(?:the\s+)?(piano|guitar|drums|battery|violin|bass|flute|trumpet|saxophone|cello|ukulele)\b`)
	// "en la puerta", where one meets: "in the door".
	englishAtDoor = regexp.MustCompile(`\b(see you|meet|wait for you|waiting for you|I'm|I am|we're|we are)\s+in\s+the\s+(door|entrance)\b`)
	// "no sé cómo se escribe", "how it writes".
	englishSpelled = regexp.MustCompile(`\bhow\s+it\s+(?:writes|is\s+written)\b`)
	// "llevo dos años estudiando japonés", "I spend two years studying
	// Japanese": "I've been studying Japanese for two years".
	englishBeenDoing = regexp.MustCompile(`\b(I|[Ww]e|[Yy]ou|[Tt]hey|[Hh]e|[Ss]he)\s+(?:spend|spends)\s+((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:years?|months?|weeks?|days?|hours?))\s+(\p{L}+ing)\b([^.,;:!?]*)`)
)

// instrumentPlays are englishPlayInstrument's verbs.
var instrumentPlays = map[string]string{"touch": "play", "touches": "plays", "touched": "played", "touching": "playing"}

// lessonRewrites are the English rewrites above (gatedRewrite).
var lessonRewrites = []gatedRewrite{
	{englishListen, "isten", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " to " + o[m[4]:m[5]], true
	}},
	{englishHoursOfDay, " of the ", "morning|afternoon|evening|night", func(o string, m []int) (string, bool) {
		if part := o[m[4]:m[5]]; part != "night" {
			return o[m[2]:m[3]] + " in the " + part, true
		}
		return o[m[2]:m[3]] + " at night", true
	}},
	{englishLessonOf, " of ", "class|lesson|homework|exam|course|test|teacher", func(o string, m []int) (string, bool) {
		return o[m[4]:m[5]] + " " + o[m[2]:m[3]], true
	}},
	{englishWhatMeans, "means", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " does " + o[m[4]:m[5]] + " mean?", true
	}},
	{englishWantToSay, "want to say", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "mean", true
	}},
	{englishForLong, "ince |rom ", "year|month|week|day|hour|minute", func(o string, m []int) (string, bool) {
		if rest := o[m[1]:]; strings.HasPrefix(rest, " ago") || strings.HasPrefix(rest, " to ") {
			return "", false // "since two weeks ago", "from two hours to three"
		}
		return caseLike(o[m[0]:m[0]+1], "for") + " " + o[m[2]:m[3]], true
	}},
	{englishPlayInstrument, "ouch", "", func(o string, m []int) (string, bool) {
		thing := o[m[4]:m[5]]
		if thing == "battery" {
			thing = "drums"
		}
		verb := o[m[2]:m[3]]
		return caseLike(verb, instrumentPlays[strings.ToLower(verb)]) + " the " + thing, true
	}},
	{englishAtDoor, " door| entrance", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " at the " + o[m[4]:m[5]], true
	}},
	{englishSpelled, "how it ", "", func(string, []int) (string, bool) { return "how it's spelled", true }},
	{englishBeenDoing, "spend", "", func(o string, m []int) (string, bool) {
		been := "'ve been "
		switch strings.ToLower(o[m[2]:m[3]]) {
		case "he", "she":
			been = "'s been "
		}
		return o[m[2]:m[3]] + been + o[m[6]:m[7]] + strings.TrimRight(o[m[8]:m[9]], " ") + " for " + o[m[4]:m[5]], true
	}},
}

// mayHaveLessons reports whether an English output may need
// englishLessons.
func mayHaveLessons(text string) bool { return mayRewrite(lessonRewrites, text) }

// englishLessons writes the rewrites above in output's prose (ranges) as
// English says them: "listened to the", "three in the morning" ("ten at
// night"), "German class", "what does this word mean?", "what does this
// mean?", "for ten years", "plays the drums", "at the door", "how it's
// spelled", "I've been studying Japanese for two years".
func englishLessons(output string, ranges [][2]int) string {
	return applyRewrites(lessonRewrites, output, ranges)
}

// French pronominal verbs take "être" in the passé composé; es-fr writes
// Spanish's preterite of one with "avoir" ("las entradas se agotaron",
// "les entrées s'ont épuisés"; "los niños se levantaron", "les enfants
// s'ont levés"; "me duché", "je m'ai douché"). "m'ai" and "s'ont" are
// never French: "j'ai", "il m'a" and "je t'ai dit" are, and stay.
var frenchReflexiveAvoir = regexp.MustCompile(`\b(?:([Ss])'(ont|a|avait|avaient)|([Mm])'ai|([Nn]ous\s+nous|[Vv]ous\s+vous)\s+(avons|avez)|([Tt]u\s+t)'as)\b`)

// frenchEtre are the forms of "être" for frenchReflexiveAvoir's "avoir".
var frenchEtre = map[string]string{"ont": "se sont", "a": "s'est", "avait": "s'était", "avaient": "s'étaient", "avons": "sommes", "avez": "êtes"}

// frenchReflexiveWrite writes frenchReflexiveAvoir's "avoir" as "être",
// keeping the writer's capitals.
func frenchReflexiveWrite(o string, m []int) (string, bool) {
	switch {
	case m[2] >= 0: // s'ont, s'a, s'avait, s'avaient
		return caseLike(o[m[2]:m[3]], frenchEtre[o[m[4]:m[5]]]), true
	case m[6] >= 0: // m'ai
		return caseLike(o[m[6]:m[7]], "me suis"), true
	case m[8] >= 0: // nous nous avons, vous vous avez
		return o[m[8]:m[9]] + " " + frenchEtre[o[m[10]:m[11]]], true
	}
	return o[m[12]:m[13]] + "'es", true // tu t'as
}

// Spanish: what has lasted a while is "desde hace" it (fr-es "il joue
// depuis dix ans", "desde diez años"), and a question about how one
// says, spells or pronounces a word asks it with "se" where English and
// French ask it of a general "you" or "on" ("how do you say this in
// Spanish?", "¿cómo dices esto en español?"; "comment on dit ça ?",
// "¿cómo decimos esto?"): "¿cómo se dice esto en español?". Portuguese
// asks it so too ("como se pronuncia isto?").
var (
	spanishSinceFor = regexp.MustCompile(`\b([Dd]esde)\s+((?:\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|treinta|cuarenta|cincuenta|cien)\s+(?:años?|mes(?:es)?|semanas?|días?|horas?|minutos?))\b`)
	howOneSays      = regexp.MustCompile(`\b([Cc]ómo|[Cc]omo)\s+(dices|decimos|pronuncias|pronunciamos|escribes|escribimos|deletreas|dizes|dizemos|escreves|escrevemos)\b`)
)

// A language learnt or taught is "aprender a" ("aprendiendo para tocar
// la guitarra", eng-spa's "to"), and a class of one names it ("clases
// francesas", "French classes": "clases de francés"; French "un examen
// anglais", "un examen d'anglais"); French learns "le français"
// ("j'apprends français").
var (
	spanishLearnTo    = regexp.MustCompile(`\b([Aa]prend\p{L}*)\s+para\s+(\p{L}+(?:ar|er|ir))\b`)
	spanishLessonLang = regexp.MustCompile(`\b(clases?|cursos?|exámen(?:es)?|examen|profesora?|profesores|deberes|lecciones|lección)\s+(francés|frances[ae]s?|inglés|ingles[ae]s?|alemán|aleman[ae]s?|español[ae]?s?|portugués|portugues[ae]s?|italian[ao]s?|japonés|japones[ae]s?|catalán|catalan[ae]s?)`)
	frenchLessonLang  = regexp.MustCompile(`\b(examens?|cours|classes?|prof|professeure?|professeurs|devoirs?|leçons?)\s+(anglais|français|espagnol|allemand|portugais|italien|japonais|catalan|chinois)\b`)
	frenchLearnLang   = regexp.MustCompile(`\b(apprends|apprend|apprenons|apprenez|apprennent|apprendre|étudie|étudies|étudions|étudiez|étudient|étudier)\s+(anglais|français|espagnol|allemand|portugais|italien|japonais|catalan|chinois)\b`)
	frenchHowYouSay   = regexp.MustCompile(`\b([Cc]omment)\s+[Tt]u\s+(dis|prononces|écris)\b`)
	catalanLikeInf    = regexp.MustCompile(`\b(?:([Ee]t|[Ee]m)|([Ll]i|[Ee]ns|[Uu]s|[Ee]ls))\s+agradar\b`)
)

// spanishLanguages are the languages spanishLessonLang's adjectives
// name, by their first five letters.
var spanishLanguages = map[string]string{"franc": "francés", "ingle": "inglés", "inglé": "inglés", "alema": "alemán", "alemá": "alemán",
	"españ": "español", "portu": "portugués", "itali": "italiano", "japon": "japonés", "catal": "catalán"}

// spanishLanguage names the language of a spanishLessonLang adjective.
func spanishLanguage(adjective string) string {
	r := []rune(adjective)
	return spanishLanguages[string(r[:5])]
}

// lessonRewritesByTarget are the rewrites above of the other targets
// (gatedRewrite); writeForChat runs them with those of family.go and
// paperwork.go (chatRewrites).
var lessonRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishSinceFor, "esde ", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " hace " + o[m[4]:m[5]], true
		}},
		{spanishLearnTo, "prend", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " a " + o[m[4]:m[5]], true
		}},
		{spanishLessonLang, "lase|urso|xamen|rofesor|eberes|ecci", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " de " + spanishLanguage(o[m[4]:m[5]]), true
		}},
	},
	"fr": {
		{frenchReflexiveAvoir, "'ont|'a|'ai|ous nous av|ous vous av|u t'as", "", frenchReflexiveWrite},
		{frenchLessonLang, "anglais|français|espagnol|allemand|portugais|italien|japonais|catalan|chinois", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " " + frenchDe(o[m[4]:m[5]]), true
		}},
		{frenchLearnLang, "ppren|tudi", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " le " + o[m[4]:m[5]], true
		}},
	},
	// eng-cat's "et agradar" is "t'agrada": the verb takes its person
	// from what is liked, and a noun the dictionary has for both numbers
	// ("el jazz") leaves the generator without one.
	"ca": {
		{catalanLikeInf, "agradar", "", func(o string, m []int) (string, bool) {
			if m[2] >= 0 {
				return caseLike(o[m[2]:m[3]], o[m[2]+1:m[3]]+"'agrada"), true // "et", "t'agrada"
			}
			return o[m[4]:m[5]] + " agrada", true
		}},
	},
}

// frenchOneSays are frenchHowYouSay's verbs with "on".
var frenchOneSays = map[string]string{"dis": "dit", "prononces": "prononce", "écris": "écrit"}

// howOneSaysForms are howOneSays's verbs with "se".
var howOneSaysForms = map[string]string{
	"dices": "se dice", "decimos": "se dice", "pronuncias": "se pronuncia", "pronunciamos": "se pronuncia",
	"escribes": "se escribe", "escribimos": "se escribe", "deletreas": "se deletrea",
	"dizes": "se diz", "dizemos": "se diz", "escreves": "se escreve", "escrevemos": "se escreve",
}

// asksHowOneSays reports whether source, a message in src, asks how one
// says, spells or pronounces something of a general "you" or "on".
func asksHowOneSays(source, src string) bool {
	lower := strings.ToLower(source)
	switch src {
	case "en":
		return strings.Contains(lower, "how do you")
	case "fr":
		return strings.Contains(lower, "comment on") || strings.Contains(lower, "comment dit-on") || strings.Contains(lower, "comment est-ce qu'on")
	}
	return false
}

// howOneSaysEdits writes a question of how one says, spells or
// pronounces a word with "se" in a Spanish or Portuguese output's prose
// (proseNow scans it, only where source asks), and with "on" in a French one, where source, a message in
// src, asks it so (asksHowOneSays).
func howOneSaysEdits(source, src, tgt, output string, proseNow func() [][2]int) string {
	if !asksHowOneSays(source, src) {
		return output
	}
	ranges := proseNow()
	if tgt == "fr" {
		return applyEdits(output, proseEdits(frenchHowYouSay, output, ranges, func(m []int) string {
			return output[m[2]:m[3]] + " on " + frenchOneSays[output[m[4]:m[5]]]
		}))
	}
	return applyEdits(output, proseEdits(howOneSays, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " " + howOneSaysForms[output[m[4]:m[5]]]
	}))
}

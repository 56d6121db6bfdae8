package apertium

import (
	"regexp"
	"strings"
)

// Idioms and phrasings the modes write word by word, each always wrong
// as it comes out, rewritten in the prose of the target's text (links,
// code, mentions and protected parts never change): Spanish's below,
// then French's (parts of the day, negation, questions, home, hours) and
// English's "look at".

// Spanish idioms eng-spa writes word by word, each always wrong as it
// comes out, so rewritten wherever it stands in the prose:
//
//   - being late is arriving late: "I'll be five minutes late" came out
//     "Seré cinco minutos tarde", Spanish says "Llegaré cinco minutos
//     tarde" ("I'm late" the mode writes "Llego tarde" itself), about
//     an hour late "una hora tarde más o menos" ("sobre una hora"). Only
//     the first and second persons: "es tarde" is "it is late";
//   - "from home" came out "de en casa" (eng-spa's "home" is the adverb
//     "en casa"): "trabajo desde casa";
//   - feeling well or not is "sentirse": "I'm not feeling well" came out
//     "No estoy sintiendo bien", Spanish says "No me siento bien";
//   - a day after "para", "hasta" or "desde" takes its article ("the
//     release is scheduled for Thursday", "para jueves": "para el
//     jueves");
//   - a thing included is asked with "estar" and the participle first:
//     "is breakfast included?" came out "¿es el desayuno incluido?",
//     Spanish asks "¿está incluido el desayuno?";
//   - a clock's hour in the morning is "de la mañana": "at 7 in the
//     morning" came out "a las 7 por la mañana";
//   - a day a thing happens on takes its article after a verb: fr-es
//     writes "samedi" as "sábado" ("tu viens au match samedi ?",
//     "¿vienes al partido sábado?"), Spanish says "el sábado" (not after
//     a determiner, a preposition, "ser" or another day: "hoy es
//     sábado", "de lunes a viernes", "cada lunes"), "antes del viernes";
//   - a score's one is "uno": "we won three to one" came out "ganamos
//     tres a un";
//   - last year is "el año pasado": fr-es writes "l'an dernier" "el año
//     último" (the last one of a series);
//   - "there's no" is "no hay" ("there's no school on Friday", "hay no
//     escuela"), and school after a preposition takes its article
//     ("después de escuela": "después de la escuela");
//   - an appointment is asked for: "I need to make an appointment with
//     the dentist", "Necesito hacer una cita" (booked, "reservar una cita"),
//     Spanish "pedir cita";
//   - "near" a thing is "cerca de" it: eng-spa's preposition has no "de"
//     ("un piso cerca la oficina": "cerca de la oficina", "cerca del
//     parque");
//   - "what is" one's or the thing asks which it is: "what is your
//     address?" came out "¿qué es tu dirección?", Spanish asks "¿cuál es
//     tu dirección?" ("qué es" before "un" asks what a thing is, and
//     stays).
var (
	spanishLate = regexp.MustCompile(`(?i)\b(?:(voy|vas|vamos|vais)\s+a\s+(ser)|(soy|eres|somos|sois|seré|serás|seremos|seréis))(\s+sobre)?` +
		`((?:\s+(?:un|unos|una|poco|pocos|minuto|minutos|media|hora|horas|muy|algo|bastante|\d+|dos|tres|cuatro|cinco|diez|quince|veinte|treinta))*)` +
		`(\s+tarde)\b`)
	spanishFromHome = regexp.MustCompile(`\b([Dd])e(\s+)en\s+casa\b`)
	spanishFeel     = regexp.MustCompile(`(?i)\b(estoy|estás|está|estamos|estáis|están)(\s+)sintiendo(\s+(?:bien|mal|mejor|peor)\b)`)
	spanishDay      = regexp.MustCompile(`\b([Pp]ara|[Hh]asta|[Dd]esde)(\s+)(lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b`)
	spanishIncluded = regexp.MustCompile(`(?i)\b(es|son)\s+((?:el|la|los|las)\s+[\p{L}]+)\s+(incluid[oa]s?)(\s*\?)`)
	spanishClock    = regexp.MustCompile(`\b(las?\s+\d{1,2}(?::\d\d)?)(\s+)por(\s+la\s+(?:mañana|tarde|noche))\b`)
	spanishBareDay  = regexp.MustCompile(`\b([\p{L}]+)(\s+)(lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b`)
	spanishScore    = regexp.MustCompile(`\b(cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|\d+)(\s+a\s+)un(\s*(?:[.,;:!?]|$))`)
	spanishLastTime = regexp.MustCompile(`\b((?:[Ee]l|[Ll]a)\s+(?:año|mes|semana|fin\s+de\s+semana))\s+(últim[oa])\b`)
	spanishHayNo    = regexp.MustCompile(`\b([Hh])ay(\s+)no\b`)
	spanishSchool   = regexp.MustCompile(`\b(de|a|en|desde)(\s+)escuela\b`)
	spanishMakeDate = regexp.MustCompile(`(?i)\b(hacer|hago|haces|hace|hacemos|hacen|hice|hizo|haré|hacerme|hacerte|reservar|reservo|reservas|reserva|reservé|reservó|reservaré)\s+una\s+cita\b`)
	spanishNear     = regexp.MustCompile(`\b([Cc]erca)(\s+)(el|la|los|las|mi|mis|tu|tus|su|sus|un|una|nuestro|nuestra)\b`)
	spanishWhich    = regexp.MustCompile(`(?i)\b(qu)[ée](\s+)(es|son)(\s+(?:tu|tus|su|sus|mi|mis|el|la|los|las|vuestro|vuestra|vuestros|vuestras|nuestro|nuestra|nuestros|nuestras)\b)`)
)

// askForms maps the forms of "hacer" and "reservar" spanishMakeDate reads
// to "pedir"'s.
var askForms = map[string]string{"hacer": "pedir", "hago": "pido", "haces": "pides", "hace": "pide", "hacemos": "pedimos",
	"hacen": "piden", "hice": "pedí", "hizo": "pidió", "haré": "pediré", "hacerme": "pedirme", "hacerte": "pedirte",
	"reservar": "pedir", "reservo": "pido", "reservas": "pides", "reserva": "pide", "reservé": "pedí", "reservó": "pidió", "reservaré": "pediré"}

// dayWithoutArticle holds the words (lower case) after which a day keeps
// no article (spanishBareDay).
var dayWithoutArticle = setOf("el", "los", "este", "esta", "cada", "próximo", "pasado", "de", "del", "hasta", "para",
	"desde", "y", "o", "e", "u", "a", "al", "entre", "es", "era", "será", "sea", "fue", "son", "ni", "ese", "aquel",
	"otro", "un", "todo", "todos", "cualquier", "por", "hoy", "mañana", "ayer", "día", "como", "mismo", "que",
	"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "feliz", "buen", "sin")

// feelForms maps "estar"'s forms before "sintiendo" to the reflexive
// "sentirse" ("I'm not feeling well", "No estoy sintiendo bien", is "No
// me siento bien").
var feelForms = map[string][2]string{
	"estoy": {"me", "siento"}, "estás": {"te", "sientes"}, "está": {"se", "siente"},
	"estamos": {"nos", "sentimos"}, "estáis": {"os", "sentís"}, "están": {"se", "sienten"},
}

// spanishPluralDeterminers are the plural determiners spanishWhich reads.
var spanishPluralDeterminers = setOf("tus", "sus", "mis", "los", "las", "vuestros", "vuestras", "nuestros", "nuestras")

// arriveLate maps the forms of "ser" spanishLate finds to "llegar"'s.
var arriveLate = map[string]string{
	"ser": "llegar", "soy": "llego", "eres": "llegas", "somos": "llegamos", "sois": "llegáis",
	"seré": "llegaré", "serás": "llegarás", "seremos": "llegaremos", "seréis": "llegaréis",
}

// mayHaveSpanishIdioms is the cheap test before spanishIdioms.
func mayHaveSpanishIdioms(text string) bool {
	return strings.Contains(text, "tarde") || strings.Contains(text, "TARDE") || strings.Contains(text, "en casa") ||
		strings.Contains(text, "ué es") || strings.Contains(text, "ué son") || strings.Contains(text, "UÉ ") ||
		strings.Contains(text, "sintiendo") || strings.Contains(text, "incluid") || strings.Contains(text, " por la ") ||
		(strings.Contains(text, "ara ") || strings.Contains(text, "asta ") || strings.Contains(text, "esde ")) && spanishDay.MatchString(text) ||
		strings.Contains(text, " a un") || strings.Contains(text, "erca ") || strings.Contains(text, " últim") || strings.Contains(text, "a cita") || strings.Contains(text, "ay no") || strings.Contains(text, " escuela") || mayHaveDay(text)
}

// mayHaveDay reports whether text may name a day of the week in lower
// case (spanishBareDay).
func mayHaveDay(text string) bool {
	return strings.Contains(text, "unes") || strings.Contains(text, "artes") || strings.Contains(text, "rcoles") ||
		strings.Contains(text, "ueves") || strings.Contains(text, "iernes") || strings.Contains(text, "ábado") ||
		strings.Contains(text, "omingo")
}

// spanishIdioms rewrites the idioms above in output's prose (ranges),
// keeping the writer's capitals.
func spanishIdioms(output string, ranges [][2]int) string {
	var edits []edit
	for _, m := range proseMatches(spanishLate, output, ranges) {
		from, to := m[4], m[5] // "ser" after "voy a"
		if from < 0 {
			from, to = m[6], m[7]
		}
		form := output[from:to]
		edits = append(edits, edit{from: from, to: to, text: caseLike(form, arriveLate[strings.ToLower(form)])})
		if m[8] >= 0 {
			// About a time late ("Seré sobre una hora tarde"): "Llegaré
			// una hora tarde más o menos".
			edits = append(edits, edit{from: m[8], to: m[9]}, edit{from: m[13], to: m[13], text: " más o menos"})
		}
	}
	edits = append(edits, proseEdits(spanishFromHome, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + "esde" + output[m[4]:m[5]] + "casa"
	})...)
	edits = append(edits, proseEdits(spanishFeel, output, ranges, func(m []int) string {
		f := feelForms[strings.ToLower(output[m[2]:m[3]])]
		return caseLike(output[m[2]:m[3]], f[0]) + output[m[4]:m[5]] + f[1] + output[m[6]:m[7]]
	})...)
	edits = append(edits, proseEdits(spanishDay, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + output[m[4]:m[5]] + "el " + output[m[6]:m[7]]
	})...)
	for _, m := range proseMatches(spanishBareDay, output, ranges) {
		switch prev := strings.ToLower(output[m[2]:m[3]]); {
		case prev == "antes" || prev == "después":
			// "antes viernes" → "antes del viernes".
			edits = append(edits, edit{from: m[6], to: m[6], text: "del "})
		case !dayWithoutArticle[prev]:
			edits = append(edits, edit{from: m[6], to: m[6], text: "el "})
		}
	}
	edits = append(edits, proseEdits(spanishLastTime, output, ranges, func(m []int) string {
		past := "pasado"
		if output[m[4]:m[5]] == "última" {
			past = "pasada"
		}
		return output[m[2]:m[3]] + " " + past
	})...)
	edits = append(edits, proseEdits(spanishHayNo, output, ranges, func(m []int) string {
		no := "no"
		if output[m[2]:m[3]] == "H" {
			no = "No"
		}
		return no + output[m[4]:m[5]] + "hay"
	})...)
	edits = append(edits, proseEdits(spanishSchool, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + output[m[4]:m[5]] + "la escuela"
	})...)
	edits = append(edits, proseEdits(spanishMakeDate, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], askForms[strings.ToLower(output[m[2]:m[3]])]) + " cita"
	})...)
	edits = append(edits, proseEdits(spanishNear, output, ranges, func(m []int) string {
		if det := output[m[6]:m[7]]; det == "el" {
			return output[m[2]:m[3]] + output[m[4]:m[5]] + "del"
		}
		return output[m[2]:m[3]] + output[m[4]:m[5]] + "de " + output[m[6]:m[7]]
	})...)
	edits = append(edits, proseEdits(spanishScore, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + output[m[4]:m[5]] + "uno" + output[m[6]:m[7]]
	})...)
	edits = append(edits, proseEdits(spanishIncluded, output, ranges, func(m []int) string {
		verb := caseLike(output[m[2]:m[3]], "está")
		if strings.EqualFold(output[m[2]:m[3]], "son") {
			verb = caseLike(output[m[2]:m[3]], "están")
		}
		return verb + " " + output[m[6]:m[7]] + " " + output[m[4]:m[5]] + output[m[8]:m[9]]
	})...)
	edits = append(edits, proseEdits(spanishClock, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + output[m[4]:m[5]] + "de" + output[m[6]:m[7]]
	})...)
	edits = append(edits, proseEdits(spanishWhich, output, ranges, func(m []int) string {
		// The determiner tells the number, which the modes miss ("what
		// are your plans?", "¿qué es tus planes?").
		verb, det := output[m[6]:m[7]], strings.TrimSpace(output[m[8]:m[9]])
		if spanishPluralDeterminers[strings.ToLower(det)] {
			return caseLike(output[m[2]:m[3]], "cuáles") + output[m[4]:m[5]] + caseLike(verb, "son") + output[m[8]:m[9]]
		}
		return caseLike(output[m[2]:m[3]], "cuál") + output[m[4]:m[5]] + caseLike(verb, "es") + output[m[8]:m[9]]
	})...)
	return applyEdits(output, edits)
}

// French parts of the day, which es-fr writes from Spanish's "por la
// mañana", "por la noche" word by word ("demain par le matin", "travail
// par le matin", "demain par la nuit"; eng-spa's "tomorrow morning" is
// "mañana por la mañana" too): French says "le matin", "la nuit", and
// after a day, "demain matin", "hier après-midi", "lundi soir" (of a
// night, the evening: "demain soir"). es-fr's "demain l'après-midi" loses
// the article too.
var (
	frenchDayPart = regexp.MustCompile(`(?i)\b(demain|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(\s+)(?:par\s+)?(?:le\s+|la\s+|l')(matin|après-midi|soir|nuit)\b`)
	frenchByPart  = regexp.MustCompile(`(?i)\bpar\s+((?:le|la)\s+(?:matin|soir|nuit))\b`)
)

// mayHaveFrenchDayParts is the cheap test before frenchDayParts.
func mayHaveFrenchDayParts(text string) bool {
	return strings.Contains(text, "par l") || strings.Contains(text, "PAR L") || strings.Contains(text, "l'après-midi") || strings.Contains(text, "L'APRÈS-MIDI")
}

// frenchDayParts rewrites the parts of the day above in output's prose
// (ranges), keeping the writer's capitals.
func frenchDayParts(output string, ranges [][2]int) string {
	edits := proseEdits(frenchDayPart, output, ranges, func(m []int) string {
		part := output[m[6]:m[7]]
		if strings.EqualFold(part, "nuit") {
			part = caseLike(part, "soir")
		}
		return output[m[2]:m[3]] + output[m[4]:m[5]] + part
	})
	edits = append(edits, proseEdits(frenchByPart, output, ranges, func(m []int) string { return output[m[2]:m[3]] })...)
	return applyEdits(output, edits)
}

// The next week, month or year is "prochain": es-fr writes Spanish's "la
// semana que viene" word by word ("la semaine qui vient", and "qu'il
// vient" after a pivot's subject: "we're moving next month", "nous
// déplaçons le mois qu'il vient"), where French says "la semaine
// prochaine", "le mois prochain".
var frenchNextTime = regexp.MustCompile(`(?i)\b(semaine|mois|an|année|week-end)\s+(?:qui|qu'il|qu'elle)\s+vient\b`)

// frenchNext writes frenchNextTime's "prochain" in output's prose
// (ranges), in the noun's gender and the writer's capitals.
func frenchNext(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchNextTime, output, ranges, func(m []int) string {
		noun := output[m[2]:m[3]]
		next := "prochain"
		if n := strings.ToLower(noun); n == "semaine" || n == "année" {
			next = "prochaine"
		}
		return noun + " " + caseLike(noun, next)
	}))
}

// Moving house is "déménager": es-fr writes Spanish's "mudarse" as "se
// muer", to moult ("nos mudamos", "nous nous muons"; "me he mudado", "je
// me suis mué"; "me mudé", "je m'ai mué"), where French moves with no reflexive, and "avoir" in
// the past: "nous déménageons", "j'ai déménagé".
var (
	frenchMoult     = regexp.MustCompile(`(?i)\b(?:(je|tu|il|elle|on|nous|vous|ils|elles)\s+)?(me|te|se|nous|vous)\s+(mue|mues|muons|muez|muent|muerai|mueras|muera|muerons|muerez|mueront|muer)\b`)
	frenchMoulted   = regexp.MustCompile(`(?i)\b(je\s+me\s+suis|tu\s+t'es|il\s+s'est|elle\s+s'est|on\s+s'est|nous\s+nous\s+sommes|vous\s+vous\s+êtes|ils\s+se\s+sont|elles\s+se\s+sont|ils\s+s'ont|elles\s+s'ont|je\s+m'ai|tu\s+t'as|il\s+s'a|elle\s+s'a|on\s+s'a|nous\s+nous\s+avons|vous\s+vous\s+avez)\s+mu[ée]e?s?`)
	frenchMoultedAs = map[string]string{"je me suis": "j'ai", "tu t'es": "tu as", "il s'est": "il a", "elle s'est": "elle a",
		"on s'est": "on a", "nous nous sommes": "nous avons", "vous vous êtes": "vous avez", "ils se sont": "ils ont",
		"elles se sont": "elles ont", "ils s'ont": "ils ont", "elles s'ont": "elles ont", "je m'ai": "j'ai", "tu t'as": "tu as", "il s'a": "il a",
		"elle s'a": "elle a", "on s'a": "on a", "nous nous avons": "nous avons", "vous vous avez": "vous avez"}
)

// frenchMove writes the moving above in output's prose (ranges), keeping
// the writer's capitals.
func frenchMove(output string, ranges [][2]int) string {
	output = applyEdits(output, proseEdits(frenchMoulted, output, ranges, func(m []int) string {
		have := output[m[2]:m[3]]
		return caseLike(have, frenchMoultedAs[strings.Join(strings.Fields(strings.ToLower(have)), " ")]) + " déménagé"
	}))
	return applyEdits(output, proseEdits(frenchMoult, output, ranges, func(m []int) string {
		verb := strings.ToLower(output[m[6]:m[7]])
		form := "déménag" + strings.TrimPrefix(verb, "mu")
		if verb == "muons" {
			form = "déménageons"
		}
		if m[2] >= 0 {
			return output[m[2]:m[3]] + " " + form
		}
		return caseLike(output[m[4]:m[5]], form)
	}))
}

// French says what must be done with "il faut", loving a thing with
// "adorer", forgetting to do it with "oublier de" and too many of a
// thing with "trop de" (es-fr copies Spanish "demasiadas", which it
// lacks: "il y a demasiadas personnes"), and goes camping with "faire
// du camping" ("nous allons de camping", Spanish "ir de camping"), and
// on the way back is "au retour" (es-fr's "au tour" for "a la vuelta",
// ending its clause; "au tour de Marie" stays): es-fr writes
// Spanish's "hay que comprar" "il y a qu'acheter", "me encanta"
// "m'enchante" with no subject ("me encantó", "il m'a enchanté"; English
// "I love it" through Spanish), and English's "I forgot to buy" through
// Spanish "J'ai oublié acheter": "il faut acheter", "j'adore", "j'ai
// adoré", "j'ai oublié d'acheter".
var (
	frenchMustDo   = regexp.MustCompile(`\b([Ii]l\s+y\s+a)\s+qu(?:e\s+|')(\p{L}+(?:er|ir|re))\b`)
	frenchLoveIt   = regexp.MustCompile(`(?:^|[.!?,;:]\s*)((?:[Ii]l\s+)?[Mm]'(?:a\s+enchanté|enchante(?:nt)?))(?:$|[^\p{L}])`)
	frenchCamping  = regexp.MustCompile(`\b(vais|vas|va|allons|allez|vont|aller|irai|iras|ira|irons|irez|iront)\s+de\s+camping\b`)
	frenchWayBack  = regexp.MustCompile(`\bau\s+tour(\s*(?:[.,;:!?\x{a0}]|$))`)
	frenchTooMany  = regexp.MustCompile(`\b([Dd])emasiad[oa]s?\s+(\p{L})`)
	frenchForgotTo = regexp.MustCompile(`\b((?:[Jj]'ai|[Tt]u\s+as|[Oo]n\s+a|[Nn]ous\s+avons|[Ii]l\s+a|[Ee]lle\s+a)\s+oublié)\s+(\p{L}+(?:er|ir|re))\b`)
)

// frenchChores writes the six above in output's prose (ranges).
func frenchChores(output string, ranges [][2]int) string {
	edits := proseEdits(frenchMustDo, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], "il faut") + " " + output[m[4]:m[5]]
	})
	edits = append(edits, proseEdits(frenchLoveIt, output, ranges, func(m []int) string {
		said := output[m[2]:m[3]]
		love := "j'adore"
		if strings.Contains(said, "'a ") || strings.Contains(said, "'a\u00a0") {
			love = "j'ai adoré"
		}
		return output[m[0]:m[2]] + caseLike(said, love) + output[m[3]:m[1]]
	})...)
	edits = append(edits, proseEdits(frenchCamping, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " faire du camping"
	})...)
	edits = append(edits, proseEdits(frenchWayBack, output, ranges, func(m []int) string {
		return "au retour" + output[m[2]:m[3]]
	})...)
	edits = append(edits, proseEdits(frenchTooMany, output, ranges, func(m []int) string {
		too := "trop"
		if output[m[2]:m[3]] == "D" {
			too = "Trop"
		}
		return too + " " + frenchDe(output[m[4]:m[5]])
	})...)
	edits = append(edits, proseEdits(frenchForgotTo, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " " + frenchDe(output[m[4]:m[5]])
	})...)
	return applyEdits(output, edits)
}

// frenchDe returns "de" before word, elided before a vowel ("d'eau").
func frenchDe(word string) string {
	if startsWithVowel(word) {
		return "d'" + word
	}
	return "de " + word
}

// Parking without an object is "se garer": es-fr writes "aparcar" as
// "garer" with "avoir" ("¿dónde has aparcado?", "où tu as garé ?"; "I
// parked outside" through Spanish), where French says "où tu t'es
// garé ?", "je me suis garé dehors". A car parked keeps "avoir" ("j'ai
// garé la voiture").
var frenchParked = regexp.MustCompile(`(?i)\b(j'ai|tu\s+as|il\s+a|elle\s+a|on\s+a|nous\s+avons|vous\s+avez|ils\s+ont|elles\s+ont)(\s+garée?s?)(\s*(?:[?!.,;:\x{a0}]|$)|\s+(?:où|devant|derrière|près|dans|à|au|en|ici|là|dehors|loin|juste)\b)`)

// frenchParkedAs holds "se garer"'s auxiliary for each "avoir" above.
var frenchParkedAs = map[string]string{"j'ai": "je me suis", "tu as": "tu t'es", "il a": "il s'est", "elle a": "elle s'est",
	"on a": "on s'est", "nous avons": "nous nous sommes", "vous avez": "vous vous êtes", "ils ont": "ils se sont", "elles ont": "elles se sont"}

// frenchPark writes the parking above with "se garer" in output's prose
// (ranges), keeping the writer's capitals.
func frenchPark(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchParked, output, ranges, func(m []int) string {
		have := output[m[2]:m[3]]
		as := frenchParkedAs[strings.Join(strings.Fields(strings.ToLower(have)), " ")]
		return caseLike(have, as) + output[m[4]:m[5]] + output[m[6]:m[7]]
	}))
}

// French negation with "rien", "personne" or "jamais" takes no "pas":
// es-fr writes Spanish's double negative word for word ("no tengo
// nada", "je n'ai pas rien"; "no necesito nada", "je n'ai pas besoin de
// rien"), where French says "je n'ai rien", "je n'ai besoin de rien".
var frenchDoubleNegative = regexp.MustCompile(`(?i)\b(n'|ne\s+)([^\s,.;:!?]+)\s+pas\s+((?:besoin\s+de\s+)?(?:rien|personne|jamais))\b`)

// frenchNegation drops the "pas" above in output's prose (ranges).
func frenchNegation(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchDoubleNegative, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + output[m[4]:m[5]] + " " + output[m[6]:m[7]]
	}))
}

// French "not yet" is "pas encore" before the participle: es-fr writes
// Spanish's "todavía" where Spanish has it, after the participle ("no ha
// llegado todavía", "n'est pas arrivé encore"; English "hasn't arrived
// yet" through Spanish) or before the negation ("todavía no ha llegado",
// "encore n'est pas arrivé"), where French says "n'est pas encore
// arrivé".
var (
	frenchYetAfter  = regexp.MustCompile(`(?i)\b(n'|ne\s+)([^\s,.;:!?]+)\s+pas\s+([^\s,.;:!?]+)\s+(encore)(\s*(?:[.,;:!?\x{a0}]|$))`)
	frenchYetBefore = regexp.MustCompile(`(?i)\b(encore)\s+(n'|ne\s+)([^\s,.;:!?]+)\s+pas\b`)
)

// frenchNotYet writes "pas encore" above in output's prose (ranges).
func frenchNotYet(output string, ranges [][2]int) string {
	output = applyEdits(output, proseEdits(frenchYetAfter, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + output[m[4]:m[5]] + " pas " + output[m[8]:m[9]] + " " + output[m[6]:m[7]] + output[m[10]:m[11]]
	}))
	return applyEdits(output, proseEdits(frenchYetBefore, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], output[m[4]:m[5]]) + output[m[6]:m[7]] + " pas " + strings.ToLower(output[m[2]:m[3]])
	}))
}

// A French question word before "être" or "aller" and their subject
// takes no pronoun of its own: es-fr writes one for Spanish's verb
// before its subject ("¿dónde está el informe?", "où il est le
// rapport ?"; English "where is the report?" through Spanish), where
// French asks "où est le rapport ?" (and "comment a été ton week-end ?",
// not "comment il a été").
var frenchQuestionPronoun = regexp.MustCompile(`(?i)\b(où|quand|comment|pourquoi)\s+(?:il|elle|ils|elles)\s+((?:est|sont|était|étaient|va|vont|a\s+été|ont\s+été)\s+(?:le|la|l'|les|mon|ma|mes|ton|ta|tes|son|sa|ses|notre|votre|nos|vos|leur|leurs|ce|cet|cette|ces)\b)`)

// "who" asking for the subject is "qui" before its verb: es-fr writes
// "quién" with a verb as "qui est-ce qui il" ("¿quién viene?", "qui
// est-ce qui il vient ?"; "who is on call?" through Spanish), where
// French asks "qui vient ?". The singular only: "ils" comes with a verb
// in the plural, which "qui" does not take.
var frenchWhoPronoun = regexp.MustCompile(`(?i)\b(qui)\s+est-ce\s+qui\s+(?:il|elle)\s+`)

// frenchQuestions drops the pronouns above in output's prose (ranges).
func frenchQuestions(output string, ranges [][2]int) string {
	edits := proseEdits(frenchQuestionPronoun, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " " + output[m[4]:m[5]]
	})
	edits = append(edits, proseEdits(frenchWhoPronoun, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " "
	})...)
	return applyEdits(output, edits)
}

// Code run locally is "localmente" in Portuguese: through Spanish's "en
// local" es-pt writes "em local" ("the tests pass locally").
var portugueseLocally = regexp.MustCompile(`\b([Ee])m local\b`)

// portugueseLocal rewrites those in output's prose (ranges).
func portugueseLocal(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(portugueseLocally, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], "localmente")
	}))
}

// Working from home: through Spanish's "desde casa", es-fr writes
// "depuis maison" and es-pt "desde casa", where French says "depuis la
// maison" and Portuguese "de casa".
var (
	frenchFromHome     = regexp.MustCompile(`(?i)\b(depuis)(\s+)(maison)\b`)
	portugueseFromHome = regexp.MustCompile(`\b([Dd])esde(\s+)casa\b`)
)

// fromHome rewrites working from home as target (base) says it in
// output's prose (ranges).
func fromHome(output, target string, ranges [][2]int) string {
	switch target {
	case "fr":
		return applyEdits(output, proseEdits(frenchFromHome, output, ranges, func(m []int) string {
			return output[m[2]:m[3]] + output[m[4]:m[5]] + caseLike(output[m[6]:m[7]], "la ") + output[m[6]:m[7]]
		}))
	case "pt":
		return applyEdits(output, proseEdits(portugueseFromHome, output, ranges, func(m []int) string {
			return output[m[2]:m[3]] + "e" + output[m[4]:m[5]] + "casa"
		}))
	}
	return output
}

// Being back: es-fr writes Spanish's "de vuelta" as "de tour" ("I'll be
// back soon", "Estaré de vuelta pronto", "Je serai de tour bientôt"),
// where French is "de retour".
var frenchBack = regexp.MustCompile(`(?i)\b(suis|es|est|sommes|êtes|sont|serai|seras|sera|serons|serez|seront|être)(\s+de\s+)(tour)\b`)

// frenchBeBack rewrites being back as French says it in output's prose
// (ranges).
func frenchBeBack(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchBack, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + output[m[4]:m[5]] + caseLike(output[m[6]:m[7]], "retour")
	}))
}

// An hour in French takes "à": es-fr writes Spanish's "a las 5" "aux
// 5" (English "at 5" reaches it through Spanish).
var frenchAtHour = regexp.MustCompile(`\b([Aa])ux(\s+)(\d)`)

// frenchAtHourWord is an hour in words ending a clause ("the meeting is
// at three", "la réunion est aux trois"), which French says with
// "heures": "à trois heures".
var frenchAtHourWord = regexp.MustCompile(`\b([Aa])ux(\s+)(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)(\s*(?:[.,;:!?\x{a0}]|$))`)

// frenchHours writes "à" for "aux" before an hour in output's prose
// (ranges).
func frenchHours(output string, ranges [][2]int) string {
	edits := proseEdits(frenchAtHour, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], "à") + output[m[4]:m[7]]
	})
	edits = append(edits, proseEdits(frenchAtHourWord, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], "à") + output[m[4]:m[7]] + " heures" + output[m[8]:m[9]]
	})...)
	return applyEdits(output, edits)
}

// English looks at a thing: spa-eng writes Spanish's "mirar" with its
// object as "look" with none between ("lo miro mañana", "I'll look it
// tomorrow"; "¿puedes mirar el PR?", "can you look the PR?"). "at" goes
// in before an object pronoun or a definite determiner, but where the
// look is the thing's ("they look the same", "look the part") or a
// phrasal verb's ("look it up", "look them over"); "they look a lot"
// (alike) stays.
var englishLook = regexp.MustCompile(`(?i)\b(look(?:s|ed|ing)?)(\s+)(it|them|this|that|these|those|the|my|your|his|her|its|our|their)\b(\s+(?:up|over|same|part)\b)?`)

// Talking about it and not finding a thing: spa-eng writes "lo
// hablamos luego" as "we'll talk it later" and "no encuentro el
// documento" as "I don't find the document", where English talks about
// it and can't find what it looks for; and an offer is asked with
// "shall" (englishShall).
var (
	englishTalkIt   = regexp.MustCompile(`(?i)\b(talk(?:s|ed|ing)?)(\s+)(it|this|that)\b`)
	englishShall    = regexp.MustCompile(`(?:^|[.!?,;:]\s+)(([Ww])ill)\s+(?:I|we)\b`)
	englishCantFind = regexp.MustCompile(`\b(I|we|you|We|You)(\s+)(don't|do not)(\s+)(find)\b`)
)

// englishTalkAboutFind writes "talk about it" and "can't find" in
// output's prose (ranges).
func englishTalkAboutFind(output string, ranges [][2]int) string {
	edits := proseEdits(englishTalkIt, output, ranges, func(m []int) string {
		return output[m[2]:m[5]] + caseLike(output[m[2]:m[3]], "about") + " " + output[m[6]:m[7]]
	})
	edits = append(edits, proseEdits(englishCantFind, output, ranges, func(m []int) string {
		return output[m[2]:m[5]] + "can't" + output[m[8]:m[11]]
	})...)
	// An offer asked with "will I" or "will we" starting a question
	// ("¿te llamo luego?", "will I call you later?") is asked with
	// "shall".
	for _, m := range proseMatches(englishShall, output, ranges) {
		rest := output[m[1]:]
		q := strings.IndexByte(rest, '?')
		if q < 0 || strings.ContainsAny(rest[:q], ".!") {
			continue
		}
		edits = append(edits, edit{from: m[2], to: m[3], text: caseLike(output[m[2]:m[3]], "shall")})
	}
	return applyEdits(output, edits)
}

// englishMeal is a meal with "the" after a preposition, ending its
// clause: spa-eng writes "después del almuerzo" as "after the lunch"
// (and French "après le déjeuner" through it), where English says "after
// lunch"; "after the lunch with the client" is one lunch and keeps it.
var englishMeal = regexp.MustCompile(`(?i)\b(after|before|during|at|for|until|till|since|from|over)(\s+)the\s+(lunch|breakfast|dinner|brunch)\b(\s*(?:[.,;:!?)]|$))`)

// englishWork is work as a place or a time of day, after the prepositions
// that make it so, ending its clause: "después del trabajo", "after the
// work" (Portuguese "depois do trabalho", French "après le travail"
// through Spanish), where English says "after work", "at work"; "thanks
// for the work" is a piece of it and keeps it. Its groups are
// englishMeal's.
var englishWork = regexp.MustCompile(`(?i)\b(after|before|at|from)(\s+)the\s+(work)\b(\s*(?:[.,;:!?)]|$))`)

// englishTheOther is spa-eng's "la otra", "el otro": "the another"
// ("from the another office"), where English says "the other".
var englishTheOther = regexp.MustCompile(`\b([Tt]he|THE)(\s+)(another|ANOTHER)\b`)

// englishWhatDoing is spa-eng's present for what one does at a time
// to come ("¿qué haces este finde?", French "qu'est-ce que tu fais ce
// week-end ?" through it: "what do you do this weekend?"), where English
// asks "what are you doing this weekend?" ("what do you do?" alone asks
// one's job, and stays).
var englishWhatDoing = regexp.MustCompile(`\b([Ww]hat)\s+do\s+you\s+do(\s+(?:this|tonight|tomorrow|today|later|next|after)\b)`)

// englishAdverbBe is spa-eng's "ya está", "todavía está" word by word:
// "the meeting room already is free", where English puts the adverb after
// "be": "is already free".
var englishAdverbBe = regexp.MustCompile(`\b(already|still|ALREADY|STILL)(\s+)(is|are|was|were|IS|ARE)\b`)

// englishEarlier is spa-eng's "antes" after leaving or finishing, with
// nothing it is before ("hoy tengo que salir antes", "I have to leave
// before today"), where English leaves "earlier".
var englishEarlier = regexp.MustCompile(`\b((?:leave|leaving|go|finish|arrive|come|get off))(\s+)before(\s+(?:today|tomorrow|tonight)\b|\s*[.,!?]|\s*$)`)

// englishWhichIs is spa-eng's "cuál es tu…?" (and Portuguese "qual é a
// tua…?" through it) where a question starts: "which is your
// password?", where English asks "what is your password?" ("which" asks
// among things named: "which is yours?" has no possessive after it).
var englishWhichIs = regexp.MustCompile(`(?:^|[.!?;:]\s+)([Ww]hich|WHICH)(\s+(?:is|are|was|were|IS|ARE)\s+(?:your|my|his|her|our|their|YOUR|MY)\b)`)

// englishHowLong is spa-eng's "¿cuánto tarda el envío?" word by word,
// "how much takes the shipping?" (Portuguese "quanto tempo demora o
// envio?" through it "how long it takes the shipping?"), where English
// asks "how long does the shipping take?" ("do" for "take" and a plural).
// The thing is a determiner and a noun, and ends the question.
var englishHowLong = regexp.MustCompile(`\b([Hh]ow)\s+(?:much|long)\s+(?:it\s+)?(takes|take)\s+((?:the|my|your|his|her|our|their|this|that|these|those)\s+[\p{L}]+)(\s*\?)`)

// englishWhatTime is spa-eng's "¿a qué hora aterrizas?" word by word,
// "at what time you land?", where English asks "what time do you land?"
// (an auxiliary after the subject stays: "what time you are"… is left
// to the question's order).
var englishWhatTime = regexp.MustCompile(`\b(?:([Aa]t)\s+)?([Ww]hat)\s+time\s+(you|we|they|I)\s+([a-z]+)\b`)

// englishAuxiliaries are the verbs englishWhatTime leaves.
var englishAuxiliaries = setOf("are", "am", "were", "was", "will", "can", "could", "should", "would", "do", "did",
	"have", "had", "must", "may", "might", "shall", "don't", "didn't", "won't", "can't")

// placedOrder is spa-eng's "hacer un pedido", "I did an order", where
// English places one.
var placedOrder = regexp.MustCompile(`\b(do|does|did|doing|done|make|makes|made|making)(\s+(?:an|another|my|your|our|their|the)\s+orders?\b)`)

// englishComing is spa-eng's "el mes que viene", "the coming month",
// where chat says "next month".
var englishComing = regexp.MustCompile(`\b([Tt]he|THE)\s+(?:coming|COMING)\s+(week|month|year|weekend|WEEK|MONTH|YEAR|WEEKEND)\b`)

// englishLastTime is spa-eng's "el año pasado", "the past year", where
// chat says "last year" (not after "over", "in", "during" or "for": "over
// the past year" is the twelve months up to now).
var englishLastTime = regexp.MustCompile(`\b(?:(\p{L}+)\s+)?([Tt]he)\s+past\s+(week|month|year|weekend)\b`)

// englishTurnAge is spa-eng's "cumplir" of an age, "fulfil thirty", "my
// daughter fulfils 5 years", where English turns it ("I turn thirty",
// "turns 5"), and "cumplir años", "fulfils years", is having a birthday.
var englishTurnAge = regexp.MustCompile(`\b(fulfil|fulfill|fulfils|fulfills|fulfilled)\s+(?:(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred)\b(?:\s+years)?|years\b)`)

// turnForms maps englishTurnAge's forms of "fulfil" to "turn" and "have".
var turnForms = map[string][2]string{"fulfil": {"turn", "have"}, "fulfill": {"turn", "have"}, "fulfils": {"turns", "has"},
	"fulfills": {"turns", "has"}, "fulfilled": {"turned", "had"}}

// englishNothing is spa-eng's "no digas nada", "do not say at all", where
// English says "don't say anything" (the object "nada" after the verb).
var englishNothing = regexp.MustCompile(`((?:\bnot|n't)\s+(?:say|said|tell|told|do|did|done|buy|bought|eat|eaten|ate|have|had|need|want|see|seen|saw|hear|heard|know|understand|understood|find|found|bring|brought|get|got|send|sent))\s+at\s+all\b`)

// englishSignUp is spa-eng's "apuntarse a", "me he apuntado a yoga", "I've
// aimed me to yoga" (its reflexive's clitic kept as an object), where
// English signs up for it.
var englishSignUp = regexp.MustCompile(`\b(aim|aims|aimed|aiming)\s+(?:me|you|us|him|her|them|myself|yourself|ourselves)(\s+to\b)?`)

// signUp maps englishSignUp's forms of "aim" to "sign up"'s.
var signUp = map[string]string{"aim": "sign up", "aims": "signs up", "aimed": "signed up", "aiming": "signing up"}

// englishNoMore is "ya no hay" (and French "il n'y a plus de" through
// Spanish) as spa-eng writes it, "no longer there is (of)" ("il n'y avait
// plus de pain", "no longer there was bread"): "there was no more bread".
var englishNoMore = regexp.MustCompile(`\b([Nn]o)\s+longer\s+there\s+(is|was|are|were|will\s+be)(?:\s+of\b)?`)

// englishOther writes englishTheOther, englishAdverbBe, englishEarlier,
// englishWhatDoing, englishWhichIs, englishHowLong, englishWhatTime and
// placedOrder, englishComing, englishLastTime, englishTurnAge,
// englishNothing, englishSignUp and englishNoMore as English does in output's prose (ranges).
func englishOther(output string, ranges [][2]int) string {
	edits := proseEdits(englishTheOther, output, ranges, func(m []int) string {
		return output[m[2]:m[5]] + caseLike(output[m[6]:m[7]], "other")
	})
	edits = append(edits, proseEdits(englishAdverbBe, output, ranges, func(m []int) string {
		return output[m[6]:m[7]] + output[m[4]:m[5]] + output[m[2]:m[3]]
	})...)
	edits = append(edits, proseEdits(englishEarlier, output, ranges, func(m []int) string {
		return output[m[2]:m[5]] + "earlier" + output[m[6]:m[7]]
	})...)
	edits = append(edits, proseEdits(englishWhatDoing, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " are you doing" + output[m[4]:m[5]]
	})...)
	edits = append(edits, proseEdits(englishHowLong, output, ranges, func(m []int) string {
		do := "does"
		if output[m[4]:m[5]] == "take" {
			do = "do"
		}
		return output[m[2]:m[3]] + " long " + do + " " + output[m[6]:m[7]] + " take" + output[m[8]:m[9]]
	})...)
	for _, m := range proseMatches(englishWhatTime, output, ranges) {
		// A question's: the sentence ends with "?".
		rest := output[m[1]:]
		if englishAuxiliaries[output[m[8]:m[9]]] || strings.IndexByte(rest, '?') < 0 || strings.ContainsAny(rest[:strings.IndexByte(rest, '?')], ".!") {
			continue
		}
		what := output[m[4]:m[5]]
		if m[2] >= 0 && startsUpper(output[m[2]:m[3]]) {
			what = "What"
		}
		edits = append(edits, edit{from: m[0], to: m[7], text: what + " time do " + output[m[6]:m[7]]})
	}
	placed := map[string]string{"do": "place", "does": "places", "did": "placed", "doing": "placing", "done": "placed",
		"make": "place", "makes": "places", "made": "placed", "making": "placing"}
	edits = append(edits, proseEdits(placedOrder, output, ranges, func(m []int) string {
		return placed[output[m[2]:m[3]]] + output[m[4]:m[5]]
	})...)
	for _, m := range proseMatches(englishWhichIs, output, ranges) {
		// A question's: the sentence ends with "?".
		rest := output[m[1]:]
		if q := strings.IndexByte(rest, '?'); q < 0 || strings.ContainsAny(rest[:q], ".!") {
			continue
		}
		edits = append(edits, edit{from: m[2], to: m[3], text: caseLike(output[m[2]:m[3]], "what")})
	}
	edits = append(edits, proseEdits(englishComing, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], "next") + " " + output[m[4]:m[5]]
	})...)
	for _, m := range proseMatches(englishLastTime, output, ranges) {
		if m[2] >= 0 && setOf("over", "in", "during", "for", "throughout", "Over", "In", "During", "For")[output[m[2]:m[3]]] {
			continue
		}
		edits = append(edits, edit{from: m[4], to: m[7], text: caseLike(output[m[4]:m[5]], "last") + " " + output[m[6]:m[7]]})
	}
	edits = append(edits, proseEdits(englishTurnAge, output, ranges, func(m []int) string {
		forms := turnForms[output[m[2]:m[3]]]
		if m[4] < 0 {
			return forms[1] + " a birthday"
		}
		return forms[0] + " " + output[m[4]:m[5]]
	})...)
	edits = append(edits, proseEdits(englishNothing, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " anything"
	})...)
	edits = append(edits, proseEdits(englishSignUp, output, ranges, func(m []int) string {
		if m[4] >= 0 {
			return signUp[output[m[2]:m[3]]] + " for"
		}
		return signUp[output[m[2]:m[3]]]
	})...)
	edits = append(edits, proseEdits(englishNoMore, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], "there") + " " + output[m[4]:m[5]] + " no more"
	})...)
	return applyEdits(output, edits)
}

// mayHaveOther is the cheap test before englishOther.
func mayHaveOther(text string) bool {
	return strings.Contains(text, "he another") || strings.Contains(text, "HE ANOTHER") ||
		strings.Contains(text, "hich ") || strings.Contains(text, "HICH ") || strings.Contains(text, "o you do ") || strings.Contains(text, " before") ||
		strings.Contains(text, "ow much ") || strings.Contains(text, "hat time ") || strings.Contains(text, "ow long ") || strings.Contains(text, " order") ||
		strings.Contains(text, "lready ") || strings.Contains(text, "till ") || strings.Contains(text, "LREADY ") || strings.Contains(text, "TILL ") ||
		strings.Contains(text, "aim") || strings.Contains(text, "oming") || strings.Contains(text, "OMING") ||
		strings.Contains(text, "he past ") || strings.Contains(text, "fulfil") || strings.Contains(text, "at all") ||
		strings.Contains(text, "o longer there")
}

// mayHaveMeal is the cheap test before englishMeals.
func mayHaveMeal(text string) bool {
	return strings.Contains(text, "the lunch") || strings.Contains(text, "the breakfast") ||
		strings.Contains(text, "the dinner") || strings.Contains(text, "the brunch") || strings.Contains(text, "the work")
}

// englishMeals writes englishMeal and englishWork without "the" in output's prose
// (ranges).
func englishMeals(output string, ranges [][2]int) string {
	without := func(m []int) string { return output[m[2]:m[5]] + output[m[6]:m[9]] }
	return applyEdits(output, append(proseEdits(englishMeal, output, ranges, without), proseEdits(englishWork, output, ranges, without)...))
}

// mayLook is the cheap test before englishLookAt.
func mayLook(text string) bool {
	return strings.Contains(text, "look") || strings.Contains(text, "Look") || strings.Contains(text, "LOOK")
}

// englishLookAt writes "look at" for the looks above in output's prose
// (ranges).
func englishLookAt(output string, ranges [][2]int) string {
	var edits []edit
	for _, m := range proseMatches(englishLook, output, ranges) {
		if m[8] >= 0 {
			continue
		}
		at := " at"
		if look := output[m[2]:m[3]]; look == strings.ToUpper(look) {
			at = " AT"
		}
		edits = append(edits, edit{from: m[3], to: m[3], text: at})
	}
	return applyEdits(output, edits)
}

// French puts a few short adjectives before their noun ("un nouveau
// clavier", "une petite question"), where es-fr, through Spanish, writes
// them after it as Spanish does ("un clavier nouveau", from "un teclado
// nuevo"). Only these: "grand" and "jeune" change meaning with the place,
// and others after the noun are French too. Before a vowel the masculine
// takes its other form ("un nouvel ordinateur"), and an elided or vowel
// determiner its own before the adjective ("l'ordinateur nouveau", "le
// nouvel ordinateur"; "mon idée nouvelle", "ma nouvelle idée"; "cet
// écran nouveau", "ce nouvel écran").
var frenchAdjectiveAfter = regexp.MustCompile(`(?i)\b(un|une|le|la|l'|les|des|mon|ma|mes|ton|ta|tes|son|sa|ses|notre|votre|nos|vos|leur|leurs|ce|cet|cette|ces)(\s*)([\p{L}]+(?:-[\p{L}]+)?)\s+(nouveau|nouvelle|nouveaux|nouvelles|petit|petite|petits|petites|vieux|vieille|vieilles|bon|bonne|bons|bonnes|mauvais|mauvaise|mauvaises|beau|belle|beaux|belles)\b`)

// frenchFeminineAdjectives are frenchAdjectiveAfter's feminine forms.
var frenchFeminineAdjectives = setOf("nouvelle", "nouvelles", "petite", "petites", "vieille", "vieilles", "bonne", "bonnes",
	"mauvaise", "mauvaises", "belle", "belles")

// frenchBeforeVowel are the masculine singular's forms before a vowel.
var frenchBeforeVowel = map[string]string{"nouveau": "nouvel", "vieux": "vieil", "beau": "bel"}

// frenchNotNouns come between a determiner and an adjective without being
// its noun ("le plus petit", "un peu bon").
var frenchNotNouns = setOf("plus", "moins", "très", "trop", "si", "aussi", "peu", "assez", "tout", "bien", "même", "autre",
	"seul", "premier", "dernier")

// mayHaveFrenchAdjective is the cheap test before frenchAdjectivesFirst.
func mayHaveFrenchAdjective(lower string) bool {
	for _, a := range []string{"nouve", "petit", "vieu", "vieil", "bon", "mauvais", "beau", "belle"} {
		if strings.Contains(lower, a) {
			return true
		}
	}
	return false
}

// frenchAdjectivesFirst writes frenchAdjectiveAfter's adjectives before
// their noun in output's prose (ranges).
func frenchAdjectivesFirst(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchAdjectiveAfter, output, ranges, func(m []int) string {
		det, space, noun, adj := output[m[2]:m[3]], output[m[4]:m[5]], output[m[6]:m[7]], output[m[8]:m[9]]
		// No noun ("le plus petit"), or a word that starts as a
		// determiner does ("mandat mauvais").
		if frenchNotNouns[strings.ToLower(noun)] || space == "" && !strings.HasSuffix(det, "'") {
			return output[m[0]:m[1]]
		}
		lowerAdj := strings.ToLower(adj)
		feminine := frenchFeminineAdjectives[lowerAdj]
		if v, ok := frenchBeforeVowel[lowerAdj]; ok && startsWithVowel(strings.ToLower(noun)) {
			adj = caseLike(adj, v)
		}
		switch strings.ToLower(det) {
		case "l'":
			det, space = caseLike(det, "le"), " "
			if feminine {
				det = caseLike(det, "la")
			}
		case "cet":
			det = caseLike(det, "ce")
		case "mon", "ton", "son":
			if feminine {
				det = caseLike(det, det[:1]+"a")
			}
		}
		return det + space + adj + " " + noun
	}))
}

// French says when something will be with "dans" ("j'arrive dans dix
// minutes"), how long it takes with "en" ("je l'ai fini en dix
// minutes"): es-fr writes Spanish's "en diez minutos", and English's "in
// ten minutes" through it, as "en" (its own rule has "en una hora"
// right). In chat the number of minutes is nearly always when; a text
// that speaks in the past (the passé composé) keeps its "en".
var (
	frenchInTime = regexp.MustCompile(`(?i)\b(en)(\s+(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante)\s+(?:minutes?|heures?|secondes?|jours?|semaines?|mois)\b)`)
	frenchPast   = regexp.MustCompile(`(?i)\b(?:j'ai|tu as|il a|elle a|on a|nous avons|vous avez|ils ont|elles ont|l'ai|l'as|l'a|m'a|t'a)\s`)
)

// frenchWhenIn writes the "dans" above in output's prose (ranges).
func frenchWhenIn(output string, ranges [][2]int) string {
	if frenchPast.MatchString(output) {
		return output
	}
	return applyEdits(output, proseEdits(frenchInTime, output, ranges, func(m []int) string {
		return caseLike(output[m[2]:m[3]], "dans") + output[m[4]:m[5]]
	}))
}

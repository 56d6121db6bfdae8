package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// A kids' football match, a lost dog, a visit from the in-laws (rounds
// chat213-chat215): what the modes write word by word in those messages.

// inlawsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var inlawsEnglish = slices.Concat(
	// "my in-laws", "mis suegros" ("mi en-las leyes": eng-spa knows
	// father-in-law, whose plural is the family, not in-laws).
	only(`\^in<pr>\$\^-<guio>\$\^law<n><pl>\$`, []string{
		`s%\^in<pr>\$\^-<guio>\$\^law<n><pl>\$%^father-in-law<n><pl>$%g`,
	}),
	// "have been" before a gerund, "he estado" ("he sido buscándole"),
	// and a stretch of time, "durante horas" ("para horas").
	only(`\^be<vbser><pp>\$ +\^[^<$]*<vblex><ger>`, []string{
		`s%\^be<vbser><pp>\$( +\^[^<$]*<vblex><ger>)%` + lowerSuperblank("estado") + `\1%g`,
	}),
	only(`\^for<pr>\$ +\^(hour)*(day)*(week)*(month)*(year)*(minute)*(age)*<n><pl>\$`, []string{
		`s%\^for<pr>\$( +\^(hour)*(day)*(week)*(month)*(year)*(minute)*(age)*<n><pl>\$)%^during<pr>$\1%g`,
	}),
	// Verbs eng-spa lacks: "rearranged" ("reorganizó"), "snores"
	// ("ronca").
	lacked("rearranged", "reorganizó", "snores", "ronca", "snored", "roncó", "snoring", "roncando", "snore", "roncar"),
	// "need to tidy", the verb ("necesito a ordenado"); the spare room,
	// "la habitación de invitados" ("la sala de sobra").
	only(`\^to<pr>\$ +\^tidy<adj><sint>\$`, []string{`s%\^to<pr>\$ +\^tidy<adj><sint>\$%` + lowerSuperblank("ordenar") + `%g`}),
	only(`\^spare<adj>\$ +\^room<n><sg>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^spare<adj>\$ +\^room<n><sg>\$%` + superblank("la habitación de invitados") + `%g`,
		`s%\^spare<adj>\$ +\^room<n><sg>\$%` + superblank("habitación de invitados") + `%g`,
	}),
	// "thank you all", "gracias a todos" ("gracias todo").
	only(`\^thank you<ij>\$ +\^all<prn><tn><mf><sp>\$`, startCapital(`\^thank you<ij>\$ +\^all<prn><tn><mf><sp>\$`, "gracias a todos")),
	// "safe and sound", "sano y salvo" ("seguro y sonido").
	only(`\^safe<adj><sint>\$ +\^and<cnjcoo>\$ +\^sound<n><sg>\$`, []string{
		`s%\^safe<adj><sint>\$ +\^and<cnjcoo>\$ +\^sound<n><sg>\$%` + superblank("sano y salvo") + `%g`,
	}),
	// "shouted" after its subject, the past ("el entrenador gritado").
	only(`<n><sg>\$ +\^shout<vblex><pp>\$`, []string{`s%(<n><sg>\$ +)\^shout<vblex><pp>\$%\1^shout<vblex><past>$%g`}),
)

// inlawsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): "se van", leaving ("they go").
var inlawsSpanish = only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^ir<vblex><pri><p3><(sg)*(pl)*>\$`, slices.Concat(
	// After their subject, no pronoun ("los novios se van", "the
	// boyfriends they're leaving"; sewing.go's round).
	[]string{`s%(<n><[mf]><pl>\$ +)\^se<prn><pro><ref><p3><mf><sp>\$ +\^ir<vblex><pri><p3><pl>\$%\1` + lowerSuperblank("are leaving") + `%g`},
	startCapital(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^ir<vblex><pri><p3><pl>\$`, "they're leaving"),
	startCapital(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^ir<vblex><pri><p3><sg>\$`, "is leaving"),
))

// inlawsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): a mother-in-law, "belle-mère", "suegra" ("buena-madre"); a
// yellow card, "tarjeta amarilla" (fr-es's "goleada").
var inlawsFrench = slices.Concat(
	only(`\^bel<adj><f><sg>\$-\^mère<n><f><sg>\$`, []string{`s%\^bel<adj><f><sg>\$-\^mère<n><f><sg>\$%` + lowerSuperblank("suegra") + `%g`}),
	only(`\^beau<adj><m><sg>\$-\^père<n><m><sg>\$`, []string{`s%\^beau<adj><m><sg>\$-\^père<n><m><sg>\$%` + lowerSuperblank("suegro") + `%g`}),
	only(`\^carton<n><m><sg>\$ +\^(jaune)*(rouge)*<adj>`, []string{
		`s%\^carton<n><m><sg>\$ +\^jaune<adj><mf><sg>\$%` + lowerSuperblank("tarjeta amarilla") + `%g`,
		`s%\^carton<n><m><sg>\$ +\^rouge<adj><mf><sg>\$%` + lowerSuperblank("tarjeta roja") + `%g`,
	}),
	lacked("fourrière", "perrera"),
)

// inlawsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): "sogra", which pt-es lacks; "o jogo todo", the whole game,
// "todo el juego" ("the game everything"); "em todo o lado",
// everywhere, "en todas partes" ("in all the side").
var inlawsPortuguese = slices.Concat(
	lacked("sogra", "suegra", "sogro", "suegro", "sogras", "suegras", "sogros", "suegros"),
	only(`\^o<det><def><m><sg>\$ +\^[^<$]*<n><m><sg>\$ +\^todo<predet><m><sg>\$`, []string{
		`s%\^o<det><def><m><sg>\$ +(\^[^<$]*<n><m><sg>\$) +\^todo<predet><m><sg>\$%^todo<predet><m><sg>$ ^o<det><def><m><sg>$ \1%g`,
	}),
	only(`\^em<pr>\$ +\^todo<predet><m><sg>\$ +\^o<det><def><m><sg>\$ +\^lado<n><m><sg>\$`, []string{
		`s%\^em<pr>\$ +\^todo<predet><m><sg>\$ +\^o<det><def><m><sg>\$ +\^lado<n><m><sg>\$%` + lowerSuperblank("en todas partes") + `%g`,
	}),
)

// inlawsToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// the in-laws, which es-fr lacks ("suegra"); gone, "se han ido", "ils
// sont partis" ("ils se sont allé").
var inlawsToFrench = slices.Concat(
	only(`\^\*suegr[ao]s*\$`, inLawsInto([][3]string{
		{"suegra", "ma belle-mère", "belle-mère"}, {"suegro", "mon beau-père", "beau-père"}, {"suegros", "mes beaux-parents", "beaux-parents"},
	})),
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><(sg)*(pl)*>\$ +\^ir<vblex><pp><m><sg>\$`, slices.Concat(
		startCapital(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^ir<vblex><pp><m><sg>\$`, "ils sont partis"),
		startCapital(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^ir<vblex><pp><m><sg>\$`, "il est parti"),
	)),
)

// inlawsToPortuguese are tag fixes of es-pt (and of en→pt, through
// Spanish): the in-laws, which es-pt lacks ("suegro").
var inlawsToPortuguese = only(`\^\*suegr[ao]s*\$`, inLawsInto([][3]string{
	{"suegra", "a minha sogra", "sogra"}, {"suegro", "o meu sogro", "sogro"}, {"suegras", "", "sogras"}, {"suegros", "os meus sogros", "sogros"},
}))

// inLawsInto returns the substitutions that write Spanish's in-laws,
// which es-fr and es-pt lack, in the target's words: each of words is
// the Spanish word, the target's after "mi" ("" for none: "mi" then
// stays the mode's) and the target's alone.
func inLawsInto(words [][3]string) []string {
	var subs []string
	for _, w := range words {
		if w[1] == "" {
			continue
		}
		number := "sg"
		if strings.HasSuffix(w[0], "s") {
			number = "pl"
		}
		subs = append(subs, startCapital(`\^[Mm]ío<det><pos><mf><`+number+`>\$ +\^\*`+w[0]+`\$`, w[1])...)
	}
	for _, w := range words {
		subs = append(subs, `s%\^\*`+w[0]+`\$%`+lowerSuperblank(w[2])+`%g`)
	}
	return subs
}

// inlawsWeekdayPart is "on Sunday in the morning" (spa-eng's "el domingo
// por la mañana"): English says "on Sunday morning".
var inlawsWeekdayPart = regexp.MustCompile(`\b(on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)) in the (morning|afternoon|evening)\b`)

// inlawsFear is spa-eng's "had a lot of fear" ("ha tenido mucho miedo"):
// English is scared.
var inlawsFear = regexp.MustCompile(`\b(?:(I|[Yy]ou|[Ww]e|[Tt]hey)(?: have|'ve)|([Hh]e|[Ss]he|[Ii]t)(?: has|'s)) had (?:a lot of|very|much) fear\b`)

// inlawsWhole is spa-eng's "all the game" ("todo el juego", pt-es's for
// "o jogo todo"): of one thing, English says "the whole game".
var inlawsWhole = regexp.MustCompile(`\b([Aa])ll the (game|match|film|movie|book|trip|house|team|class|family|flat|journey|concert|party|show|season|cake|bottle|speech)\b`)

// inlawsInLaws is spa-eng's plural of "suegro" ("my fathers-in-law"
// for "mis suegros"): the family, "in-laws".
var inlawsInLaws = regexp.MustCompile(`\bfathers-in-law\b`)

// inlawsWorriedBy is "worried by" a person (spa-eng's "preocupado por
// él", with the sense below): English worries about one.
var inlawsWorriedBy = regexp.MustCompile(`\bworried by (him|her|them|you|me|us)\b`)

// inlawsRewritesEnglish are the English rewrites of the rounds
// chat213-chat215.
var inlawsRewritesEnglish = []gatedRewrite{
	{inlawsWorriedBy, "worried by", "", func(o string, m []int) (string, bool) {
		return "worried about " + o[m[2]:m[3]], true
	}},
	{inlawsInLaws, "fathers-in-law", "", func(o string, m []int) (string, bool) {
		return "in-laws", true
	}},
	{inlawsWhole, "ll the ", "game|match|film|movie|book|trip|house|team|class|family|flat|journey|concert|party|show|season|cake|bottle|speech", func(o string, m []int) (string, bool) {
		the := "the"
		if o[m[2]:m[3]] == "A" {
			the = "The"
		}
		return the + " whole " + o[m[4]:m[5]], true
	}},
	{inlawsWeekdayPart, "day in the", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
	}},
	{inlawsFear, " fear", "", func(o string, m []int) (string, bool) {
		if m[2] >= 0 && o[m[2]:m[3]] != "I" {
			return o[m[2]:m[3]] + " were very scared", true
		}
		if m[2] >= 0 {
			return "I was very scared", true
		}
		return o[m[4]:m[5]] + " was very scared", true
	}},
}

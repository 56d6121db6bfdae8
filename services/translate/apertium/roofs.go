package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// A leaking roof, a lost suitcase, a knitting club (rounds
// chat237-chat239): what the modes write word by word in those messages.

// roofsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var roofsEnglish = slices.Concat(
	// A dropped stitch, "se me escapó un punto" ("caí un punto de
	// sutura").
	only(`\^drop<vblex><past>\$ +\^a<det><ind><sg>\$ +\^stitch<n><sg>\$`, startCapital(
		`\^prpers<prn><subj><p1><mf><sg>\$ +\^drop<vblex><past>\$ +\^a<det><ind><sg>\$ +\^stitch<n><sg>\$`, "se me escapó un punto")),
	// Roof tiles, "tejas" ("azulejos", a wall's), blown off by a storm
	// ("soplaron fuera").
	only(`\^tile<n><pl>\$ +\^blow<vblex><past>\$ +\^off<adv>\$`, startCapital(
		`\^a few<det><qnt><pl>\$ +\^tile<n><pl>\$ +\^blow<vblex><past>\$ +\^off<adv>\$`, "se volaron unas cuantas tejas")),
	// A knitting club, "un club de punto" ("un tejiendo club").
	only(`\^knit<vblex><ger>\$ +\^club<n><(sg)*(pl)*>\$`, []string{
		`s%\^knit<vblex><ger>\$ +\^club<n><sg>\$%` + lowerSuperblank("club de punto") + `%g`,
		`s%\^knit<vblex><ger>\$ +\^club<n><pl>\$%` + lowerSuperblank("clubs de punto") + `%g`,
	}),
	// Words eng-spa lacks, with the article in their gender where it
	// differs: a ribbon ("una cinta"), a drip ("la gotera"), a hallway, a
	// roofer, called with the personal "a".
	only(`\^\*ribbon\$`, []string{
		`s%\^a<det><ind><sg>\$ +\^red<adj>\$ +\^\*ribbon\$%` + lowerSuperblank("una cinta roja") + `%g`,
		`s%\^a<det><ind><sg>\$ +\^\*ribbon\$%` + lowerSuperblank("una cinta") + `%g`,
	}),
	only(`\^\*drip\$`, []string{
		`s%\^the<det><def><sp>\$ +\^\*drip\$%` + lowerSuperblank("la gotera") + `%g`,
	}),
	learnToDo,
	// "they said it will", "dijeron que" ("lo dijeron"): the pronoun is
	// the next clause's subject.
	only(`\^say<vblex><[a-z]*>\$ +\^prpers<prn><(subj)*(obj)*><p3><nt><sg>\$ +\^will<vaux>`, []string{
		`s%(\^say<vblex><[a-z]*>\$ +)\^prpers<prn><(subj)*(obj)*><p3><nt><sg>\$( +\^will<vaux>)%\1` + lowerSuperblank("que") + `\4%g`,
	}),
	only(`\^\*roofer\$`, []string{
		`s%(\^call<vblex><[^$]*\$ +)\^a<det><ind><sg>\$ +\^\*roofer\$%\1` + lowerSuperblank("a un techador") + `%g`,
	}),
	lacked("ribbon", "cinta", "drip", "gotera", "hallway", "pasillo", "roofer", "techador"),
)

// learnToDo writes "learn to" a thing with the "a" Spanish and Catalan
// learn it with ("aprendiendo para tejer", "aprenent per cosir"; eng-spa
// and eng-cat).
var learnToDo = only(`\^learn<vblex>[^$]*\$ +\^to<pr>\$ +\^[^<$]*<vblex><inf>\$`, []string{
	`s%(\^learn<vblex>[^$]*\$ +)\^to<pr>\$( +\^[^<$]*<vblex><inf>\$)%\1` + lowerSuperblank("a") + `\2%g`,
})

// subjectFirst are spa-eng's tag fixes that put a subject Spanish writes
// after its verb before it, for verbs that take no object (venir,
// llegar, aparecer, salir): "mañana viene el albañil", "tomorrow it comes
// the bricklayer", read as "mañana el albañil viene", "tomorrow the
// builder comes"; "todavía no ha aparecido la maleta", "the suitcase
// still hasn't appeared". A clause's "todavía", "ya", "no" go after the
// subject; anything else before the verb must end a clause or be an
// adverb (a pronoun before it, "me llega el correo", is another reading).
// A day or a time after the verb is when, not who ("viene el lunes"): the
// requests with one keep the mode's reading.
var subjectFirst = func() []string {
	const (
		np    = `(\^[^<$]*<det><[^$]*\$ +\^[^<$]*<n><[^$]*\$)`
		still = `((\^[tyn][^<$]*<adv>\$ +)*)` // todavía, ya, no, nunca, también
	)
	var subs []string
	for _, verb := range []string{"venir", "llegar", "aparecer", "salir"} {
		forms := []string{
			`(\^` + verb + `<vblex><[a-z]*><p3><[sp][gl]>\$)`,
			`(\^haber<vbhaver><[a-z]*><p3><[sp][gl]>\$ +\^` + verb + `<vblex><pp><m><sg>\$)`,
		}
		var each []string
		for _, v := range forms {
			each = append(each,
				// at the request's start: groups 1-2 the blanks, 3-4 still, 5 the verb, 6 the subject
				`s%^(( *\[[^]]*\])* *)`+still+v+` +`+np+`%\1\6 \3\5%`,
				// after an adverb, a comma, a conjunction ("y", "cuando", "que"), a sentence's end
				`s%(<(adv)*(cm)*(cnj[a-z]*)*(sent)*>\$ +)`+still+v+` +`+np+`%\1\9 \6\8%g`,
			)
		}
		subs = append(subs, only(`\^`+verb+`<vblex>`, each)...)
	}
	subs = unlessNoun([]string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "día", "semana", "mes", "año", "fin", "finde", "noche", "tarde", "mañana", "rato", "momento", "verano", "invierno", "otoño", "primavera", "vez"}, subs)
	// A subjunctive's subject ("cuando llegue el técnico") the mode
	// writes without English's -s ("when the technician arrive").
	subs = slices.Concat([]string{`/<vblex><prs><p3>/!{`}, subs, []string{`}`})
	// The outer address keeps the requests without these verbs from
	// trying each time word.
	return only(`\^(venir)*(llegar)*(aparecer)*(salir)*<vblex>`, subs)
}()

// roofsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var roofsSpanish = slices.Concat(
	subjectFirst,
	// Weather that won't stop, "no para de llover": it won't stop
	// raining (stopDoing, after these, writes a person's).
	only(`\^no<adv>\$ +\^para<pr>\$ +\^de<pr>\$ +\^(llover)*(nevar)*<vblex><inf>\$`, slices.Concat(
		startCapital(`\^no<adv>\$ +\^para<pr>\$ +\^de<pr>\$ +\^llover<vblex><inf>\$`, "it won't stop raining"),
		startCapital(`\^no<adv>\$ +\^para<pr>\$ +\^de<pr>\$ +\^nevar<vblex><inf>\$`, "it won't stop snowing"),
	)),
	// A thing that got wet, "se ha mojado la alfombra" ("it has wetted
	// the carpet"): the rug has got wet.
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><(sg)*(pl)*>\$ +\^mojar<vblex><pp>`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^mojar<vblex><pp><m><sg>\$ +(\^[^<$]*<det><[^$]*\$ +\^[^<$]*<n><[^$]*\$)%\1 ` + lowerSuperblank("has got wet") + `%g`,
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^mojar<vblex><pp><m><sg>\$ +((\^todo<predet>[^$]*\$ +)?\^[^<$]*<det><[^$]*\$ +\^[^<$]*<n><[^$]*\$)%\1 ` + lowerSuperblank("have got wet") + `%g`,
	}),
	// "solo tengo", I only have ("only I have").
	only(`\^solo<adv>\$ +\^tener<vblex><pri><p1><sg>\$`, startCapital(`\^solo<adv>\$ +\^tener<vblex><pri><p1><sg>\$`, "I only have")),
	// Clothes one has on, "(que) llevo puesta", I'm wearing ("that I wear
	// put").
	only(`\^llevar<vblex><pri><p1><sg>\$ +\^poner<vblex><pp>`, []string{
		`s%(\^que<rel><an><mf><sp>\$ +)?\^llevar<vblex><pri><p1><sg>\$ +\^poner<vblex><pp><[mf]><[sp][gl]>\$%` + lowerSuperblank("I'm wearing") + `%g`,
	}),
	// A thing made too big or too small, "me ha quedado grande": it has
	// come out too big ("has turned me out big"); "me queda grande", it's
	// too big for me.
	only(`\^quedar<vblex><[^$]*\$ +\^(grande)*(pequeño)*<adj>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^quedar<vblex><pp><m><sg>\$ +\^grande<adj><mf><sg>\$%` + lowerSuperblank("has come out too big") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^quedar<vblex><pp><m><sg>\$ +\^pequeño<adj><[mf]><sg>\$%` + lowerSuperblank("has come out too small") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^grande<adj><mf><sg>\$%` + lowerSuperblank("is too big for me") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^pequeño<adj><[mf]><sg>\$%` + lowerSuperblank("is too small for me") + `%g`,
	}),
	// A reference number ("a number of reference").
	only(`\^número<n><m><sg>\$ +\^de<pr>\$ +\^referencia<n><f><sg>\$`, []string{
		`s%\^número<n><m><sg>\$ +\^de<pr>\$ +\^referencia<n><f><sg>\$%` + lowerSuperblank("reference number") + `%g`,
	}),
	// A pastime as a subject, "tejer me relaja" ("knit relaxes me"):
	// English's gerund, knitting relaxes me.
	only(`<vblex><inf>\$ +\^prpers<prn><pro>[^$]*\$ +\^(relajar)*(aburrir)*(cansar)*(estresar)*(calmar)*<vblex><pri><p3><sg>`, []string{
		`s%^(( *\[[^]]*\])* *)\^([^<$]*)<vblex><inf>\$( +\^prpers<prn><pro>[^$]*\$ +\^(relajar)*(aburrir)*(cansar)*(estresar)*(calmar)*<vblex><pri><p3><sg>)%\1^\3<vblex><ger>$\4%`,
	}),
	// Words spa-eng lacks: balls of wool, a roofer (fr-es's, from
	// "couvreur").
	lacked("ovillos", "balls", "ovillo", "ball", "techador", "roofer"),
)

// roofsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish).
var roofsFrench = slices.Concat(
	// Knitting, which fr-es lacks: "je tricote", "tejo"; "le tricot me
	// détend", "tejer me relaja" (the line was served untranslated).
	only(`\^\*tricot`, slices.Concat(
		startCapital(`\^je<prn><tn><p1><mf><sg>\$ +\^\*tricote\$`, "tejo"),
		startCapital(`\^le<det><def><m><sg>\$ +\^\*tricot\$`, "tejer"),
	)),
	only(`\^\*détend\$`, []string{`s%\^me<prn><pro><p1><mf><sg>\$ +\^\*détend\$%` + lowerSuperblank("me relaja") + `%g`}),
	// A first jumper, "mon premier pull" (the tagger reads "premier" as
	// the noun before a word it lacks).
	only(`\^\*pull\$`, []string{
		`s%\^premier<n><m><sg>\$ +\^\*pull\$%` + lowerSuperblank("primer jersey") + `%g`,
	}),
	lacked("tricoter", "tejer", "pull", "jersey", "bassine", "palangana", "couvreur", "techador"),
	// On the floor, "par terre", "en el suelo" ("por tierra").
	only(`\^par<pr>\$ +\^terre<n><f><sg>\$`, []string{`s%\^par<pr>\$ +\^terre<n><f><sg>\$%` + lowerSuperblank("en el suelo") + `%g`}),
	// Taught by someone, "m'a appris", "me ha enseñado" ("me ha
	// aprendido").
	only(`\^avoir<vbhaver><pri><p3><sg>\$ +\^apprendre<vblex><pp><m><sg>\$`, []string{
		`s%\^me<prn><pro><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^apprendre<vblex><pp><m><sg>\$%` + lowerSuperblank("me ha enseñado") + `%g`,
		`s%\^te<prn><pro><p2><mf><sg>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^apprendre<vblex><pp><m><sg>\$%` + lowerSuperblank("te ha enseñado") + `%g`,
	}),
	// What one does in the evenings, "le soir" ending a sentence: "por la
	// noche" ("la tarde").
	only(`\^le<det><def><m><sg>\$ +\^soir<n><m><sg>\$ *\^[.!?]<sent>`, []string{
		`s%((>\$)*(\])* +)\^le<det><def><m><sg>\$ +\^soir<n><m><sg>\$( *\^[.!?]<sent>)%\1` + lowerSuperblank("por la noche") + `\4%g`,
	}),
)

// roofsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): wool, a scarf, knitting ("fazer tricô", "hacer punto",
// which spa-eng reads as knitting), which pt-es lacks; "comprei lã nova"
// was served untranslated.
var roofsPortuguese = lacked("lã", "lana", "cachecol", "bufanda", "cachecóis", "bufandas", "tricô", "punto")

// roofsToPortuguese are tag fixes of es-pt: a roof, "o telhado", which
// es-pt lacks.
var roofsToPortuguese = lacked("tejado", "telhado", "tejados", "telhados")

// roofsToFrench are tag fixes of es-fr: knitting and a scarf, which es-fr
// lacks ("je suis *tejiendo un jersey" was served untranslated). The
// words stay units the mode lacks, written in French: a superblank where
// a subject stands makes es-fr say one ("cette écharpe il est pour toi").
var roofsToFrench = slices.Concat(
	only(`\^\*tejiendo\$`, slices.Concat(
		startCapital(`\^estar<vblex><pri><p1><sg>\$ +\^\*tejiendo\$`, "je suis en train de tricoter"),
		startCapital(`\^estar<vblex><pri><p2><sg>\$ +\^\*tejiendo\$`, "tu es en train de tricoter"),
		[]string{`s%\^estar<vblex><pri><p3><sg>\$ +\^\*tejiendo\$%` + lowerSuperblank("est en train de tricoter") + `%g`},
	)),
	lackedUnit("tejer", "tricoter", "bufanda", "écharpe", "bufandas", "écharpes"),
)

// roofsFoundIt is es-fr's "ils l'ont trouvés" ("lo encontraron"): the
// participle after "l'" agrees with it, one thing.
var roofsFoundIt = regexp.MustCompile(`\b((?:[Ii]ls|[Ee]lles|[Nn]ous|[Vv]ous|[Oo]n) (?:l'ont|l'avons|l'avez|l'a|l'avaient) \p{L}+é(?:e)?)s\b`)

// roofsRewritesFrench are the French rewrites of the rounds
// chat237-chat239.
var roofsRewritesFrench = []gatedRewrite{
	{roofsFoundIt, " l'", "és|ées", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]], true
	}},
}

// roofsLikeALot is spa-eng's "like a lot" before what is liked ("me gusta
// mucho el café", "I like a lot the coffee"): English really likes it;
// a verb ("I like a lot knit") takes "to".
var roofsLikeALot = regexp.MustCompile(`\b(like|likes|love|loves|liked|loved) a lot (to )?([\p{L}']+)`)

// likedThing are the words that begin a thing liked, not a verb.
var likedThing = setOf("the", "a", "an", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those", "it", "him", "them", "you", "me", "us", "some", "all", "when", "how", "what", "and", "but")

// roofsArriveTo is spa-eng's "arrived to" ("llegó a otra ciudad", "hemos
// llegado al puerto"): one arrives in a town, at a place.
var roofsArriveTo = regexp.MustCompile(`\b(arrive|arrives|arrived|arriving) to (?:(another|a different|[\p{Lu}])|(the|my|your|our|his|her|their) )`)

// roofsRewritesEnglish are the English rewrites of the rounds
// chat237-chat239.
var roofsRewritesEnglish = []gatedRewrite{
	{roofsLikeALot, " a lot ", "", func(o string, m []int) (string, bool) {
		next := o[m[6]:m[7]]
		if m[4] < 0 && (likedThing[strings.ToLower(next)] || upperFirst(next) == next) {
			return "really " + o[m[2]:m[3]] + " " + next, true
		}
		return "really " + o[m[2]:m[3]] + " to " + next, true
	}},
	{roofsArriveTo, "arriv", " to ", func(o string, m []int) (string, bool) {
		if m[4] >= 0 {
			return o[m[2]:m[3]] + " in " + o[m[4]:m[5]], true
		}
		return o[m[2]:m[3]] + " at " + o[m[6]:m[7]] + " ", true
	}},
	{roofsOnDay, "day", "comes |coming |arrives |arriving |leaves |starts |back ", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " on " + o[m[4]:m[5]], true
	}},
	{roofsGaveBack, "eturn", "", func(o string, m []int) (string, bool) {
		verb := "gave"
		switch before := o[:m[0]]; {
		case o[m[2]:m[3]] == "return":
			verb = "give"
		case o[m[2]:m[3]] == "returns":
			verb = "gives"
		case strings.HasSuffix(before, "'ve "), strings.HasSuffix(before, "'s "), strings.HasSuffix(before, "have "), strings.HasSuffix(before, "has "):
			verb = "given"
		}
		return verb + " " + o[m[4]:m[5]] + " " + o[m[6]:m[7]] + " back", true
	}},
	{roofsFinally, " finally", "", func(o string, m []int) (string, bool) {
		return "finally " + o[m[2]:m[3]], true
	}},
	{roofsFurniture, "pieces of furniture", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " furniture", true
	}},
}

// roofsOnDay is spa-eng's day without "on" after a coming or going ("el
// techador viene el lunes", "the roofer comes Monday").
var roofsOnDay = regexp.MustCompile(`\b(comes|coming|arrives|arriving|leaves|starts|back) ((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b`)

// roofsGaveBack is spa-eng's "returned me my suitcase" ("me ha devuelto
// mi maleta", French "on m'a rendu ma valise"): English gives one's
// things back.
var roofsGaveBack = regexp.MustCompile(`\b(returned|return|returns) (me|you|him|her|us|them) ((?:my|your|his|her|our|their|the) [\p{L}]+)`)

// roofsFinally is spa-eng's "arrived finally" ("chegou finalmente"):
// English's "finally" goes before the verb that ends a line.
var roofsFinally = regexp.MustCompile(`\b(arrived|came|worked|answered|replied|called|started|finished|turned up|got here|got home) finally\b`)

// roofsFurniture is spa-eng's "the pieces of furniture" ("los
// muebles"): furniture, the whole of it.
var roofsFurniture = regexp.MustCompile(`\b(the|my|our|your|their|his|her|some|all the) pieces of furniture\b`)

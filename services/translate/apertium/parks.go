package apertium

import (
	"regexp"
	"slices"
)

// A theme park, a sleepover, renting a car (rounds chat176-chat178):
// what the modes write word by word in those messages.

// parksEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var parksEnglish = slices.Concat(
	// A roller coaster, "la montaña rusa" ("el rodillo coaster"), one
	// went on, "me subí a" ("Continué": an earlier fix reads go on as
	// carrying on).
	only(`\^roller<n><sg>\$ +\^\*coasters*\$`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^continue<vblex><past>\$ +\^the<det><def><sp>\$ +\^roller<n><sg>\$ +\^\*coaster\$%` + superblank("me subí a la montaña rusa") + `%g`,
		`s%\^the<det><def><sp>\$ +\^roller<n><sg>\$ +\^\*coaster\$%` + superblank("la montaña rusa") + `%g`,
		`s%\^roller<n><sg>\$ +\^\*coaster\$%` + superblank("montaña rusa") + `%g`,
		`s%\^roller<n><sg>\$ +\^\*coasters\$%` + superblank("montañas rusas") + `%g`,
	}),
	// Soaked or wet, "empaparse", "mojarse" ("cogimos empapar").
	only(`\^get<vblex><past>\$ +\^(soak)*(wet)*<`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><pl>\$ +\^get<vblex><past>\$ +\^soak<vblex><pp>\$%` + superblank("nos empapamos") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^soak<vblex><pp>\$%` + superblank("me empapé") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><pl>\$ +\^get<vblex><past>\$ +\^wet<adj>[^$]*\$%` + superblank("nos mojamos") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^wet<adj>[^$]*\$%` + superblank("me mojé") + `%g`,
	}),
	// "still asleep", "todavía duermen" ("son dormidos todavía").
	only(`\^still<adv>\$ +\^asleep<adj>`, []string{
		`s%\^be<vbser><pr[ei]s*>(<p[123]><[sp][gl]>)*\$ +\^still<adv>\$ +\^asleep<adj>\$%^still<adv>$ ^sleep<vblex><pres>$%g`,
	}),
	// "fill it up", "llenarlo" ("llenarlo arriba").
	only(`\^fill<vblex>[^$]*\$ +\^prpers<prn><obj>[^$]*\$ +\^up<adv>\$`, []string{
		`s%(\^fill<vblex>[^$]*\$ +\^prpers<prn><obj>[^$]*\$) +\^up<adv>\$%\1%g`,
	}),
	// How long a thing was, "largo" ("mucho tiempo": the adverb).
	only(`\^be<vbser>[^$]*\$ +(\^[a-z]+<preadv>\$ +)*\^long<adv>\$`, []string{
		`s%(\^be<vbser>[^$]*\$ +(\^[a-z]+<preadv>\$ +)*)\^long<adv>\$%\1^long<adj><sint>$%g`,
	}),
)

// parksCatalan are tag fixes of eng-cat: a roller coaster, "la muntanya
// russa"; scary, "fa por".
var parksCatalan = slices.Concat(
	only(`\^roller<n><sg>\$ +\^\*coaster\$`, []string{
		`s%\^the<det><def><sp>\$ +\^roller<n><sg>\$ +\^\*coaster\$%` + superblank("la muntanya russa") + `%g`,
		`s%\^roller<n><sg>\$ +\^\*coaster\$%` + superblank("muntanya russa") + `%g`,
	}),
	only(`\^\*scary\$`, []string{
		`s%\^be<vbser><past><p[13]><sg>\$ +\^\*scary\$%` + superblank("feia por") + `%g`,
		`s%\^be<vbser><pri><p3><sg>\$ +\^\*scary\$%` + superblank("fa por") + `%g`,
	}),
)

// parksSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var parksSpanish = slices.Concat(
	// "se lo pasaron en grande", had a great time ("spent it to him in
	// big").
	only(`rpers<prn><pro><p3><mf><sp>\+prpers<prn><pro><p3><m><sg>\$ +\^pasar<vblex><ifi><p3><pl>\$ +\^en<pr>\$ +\^grande<`, []string{
		`s%^(( *\[[^]]*\])* *)\^prpers<prn><pro><p3><mf><sp>\+prpers<prn><pro><p3><m><sg>\$ +\^pasar<vblex><ifi><p3><pl>\$ +\^en<pr>\$ +\^grande<[^$]*\$%\1` + lowerSuperblank("they had a great time") + `%`,
		`s%\^[Pp]rpers<prn><pro><p3><mf><sp>\+prpers<prn><pro><p3><m><sg>\$ +\^pasar<vblex><ifi><p3><pl>\$ +\^en<pr>\$ +\^grande<[^$]*\$%` + lowerSuperblank("had a great time") + `%g`,
	}),
	// A driving licence, "el carné de conducir" ("the carné to drive").
	only(`\^\*carn[eé]t*\$ +\^de<pr>\$ +\^conducir<`, []string{
		`s%\^\*carn[eé]t*\$ +\^de<pr>\$ +\^conducir<vblex><inf>\$%` + superblank("driving licence") + `%g`,
	}),
	// How much a day, "al día" ("to the day"), after a price or a number
	// of times.
	only(`\^a<pr>\+el<det><def><m><sg>\$ +\^día<n><m><sg>\$`, []string{
		`s%(\^[^<$]*vez<n>[^$]*\$ +)\^a<pr>\+el<det><def><m><sg>\$ +\^día<n><m><sg>\$%\1` + superblank("a day") + `%g`,
		`s%(\^[^<$]* veces<adv>\$ +)\^a<pr>\+el<det><def><m><sg>\$ +\^día<n><m><sg>\$%\1` + superblank("a day") + `%g`,
		`s%(\^(costar)*(cobrar)*(ganar)*(pagar)*<vblex>[^$]*\$ +)\^a<pr>\+el<det><def><m><sg>\$ +\^día<n><m><sg>\$%\1` + superblank("a day") + `%g`,
	}),
	// A roller coaster, "la montaña rusa" ("the mountain Russian";
	// Portuguese "a montanha-russa" through pt-es): the mountain alone,
	// which senses write as the ride, so that the clause keeps its
	// subject.
	only(`\^montaña<n><f><sg>\$( +)*(\^-<guio>\$)*\^ruso<adj><f><sg>\$`, []string{
		`s%(\^montaña<n><f><sg>\$)( +)*(\^-<guio>\$)*\^ruso<adj><f><sg>\$%\1%g`,
	}),
	// A thing that "da miedo" is scary ("gives fear"), none scared named.
	only(`\^dar<vblex><pri><p3><(sg)*(pl)*>\$ +\^miedo<n>`, []string{
		`s%(\$ +)\^dar<vblex><pri><p3><sg>\$ +\^miedo<n><m><sg>\$%\1` + superblank("is scary") + `%g`,
		`s%(<n><[mf]><sg>\$ +)\^dar<vblex><pri><p3><sg>\$ +\^miedo<n><m><sg>\$%\1` + superblank("is scary") + `%g`,
	}),
	// Scary, "sobrecogedor", which spa-eng lacks (Portuguese "assustadora"
	// through pt-es).
	only(`\^\*sobrecogedor`, []string{`s%\^\*sobrecogedora*s*\$%` + superblank("scary") + `%g`}),
)

// parksFrenchToSpanish are tag fixes of fr-es (and of fr→en, through its
// Spanish): how hot or cold it was, "hacía mucho calor" ("hacía muy
// caliente"); filling up, "faire le plein", "llenar el depósito" ("hacer
// el lleno"); coming to fetch one, "venir a buscar", and at an hour
// after it ("je viens la chercher à dix heures", "vengo buscarla diez
// horas": "chercher à" read as one).
var parksFrenchToSpanish = slices.Concat(
	only(`\^faire<vblex><(pri)*(pii)*><p3><sg>\$ +(\^très<preadv>\$ +)*\^(chaud)*(froid)*<adj>`, func() []string {
		var subs []string
		for _, t := range [][2]string{{"pri", "hace"}, {"pii", "hacía"}} {
			for _, w := range [][3]string{{"chaud", "calor", "mucho calor"}, {"froid", "frío", "mucho frío"}} {
				subs = append(subs,
					`s%(\^[Ii]l<prn><tn><p3><m><sg>\$ +)*\^faire<vblex><`+t[0]+`><p3><sg>\$ +\^très<preadv>\$ +\^`+w[0]+`<adj><m><sg>\$%`+superblank(t[1]+" "+w[2])+`%g`,
					`s%(\^[Ii]l<prn><tn><p3><m><sg>\$ +)*\^faire<vblex><`+t[0]+`><p3><sg>\$ +\^`+w[0]+`<adj><m><sg>\$%`+superblank(t[1]+" "+w[1])+`%g`)
			}
		}
		return subs
	}()),
	only(`\^faire<vblex>[^$]*\$ +\^le<det><def><m><sg>\$ +\^plein<`, []string{
		`s%\^faire<vblex><inf>\$ +\^le<det><def><m><sg>\$ +\^plein<[^$]*\$%` + superblank("llenar el depósito") + `%g`,
	}),
	only(`\^chercher<vblex><inf># à\$ +\^[^<$]*<num>`, slices.Concat([]string{
		`s%\^chercher<vblex><inf># à\$( +\^[^<$]*<num>)%^chercher<vblex><inf>$ ^à<pr>$\1%g`,
	}, frenchAtHours)),
	only(`\^venir<vblex>[^$]*\$ +(\^[a-z]+<prn><pro>[^$]*\$ +)*\^[a-z]+<vblex><inf>`, []string{
		`s%(\^venir<vblex>[^$]*\$)(( +\^[a-z]+<prn><pro>[^$]*\$)* +\^[a-z]+<vblex><inf>)%\1 ^à<pr>$\2%g`,
	}),
)

// parksToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// "lo han pasado
// muy bien", they had a good time ("ils le sont très passé bien");
// pancakes, "crêpes" ("panqueques", which es-fr lacks).
var parksToFrench = slices.Concat(
	only(`\^lo<prn><pro><p3><nt>\$ +\^haber<vbhaver><pri><p[13]><pl>\$ +\^pasar<vblex><pp>`, []string{
		`s%\^lo<prn><pro><p3><nt>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^pasar<vblex><pp><m><sg>\$ +\^muy<preadv>\$ +\^bien<[^$]*\$%` + superblank("ils se sont très bien amusés") + `%g`,
		`s%\^lo<prn><pro><p3><nt>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^pasar<vblex><pp><m><sg>\$ +\^bien<[^$]*\$%` + superblank("ils se sont bien amusés") + `%g`,
		`s%\^lo<prn><pro><p3><nt>\$ +\^haber<vbhaver><pri><p1><pl>\$ +\^pasar<vblex><pp><m><sg>\$ +\^muy<preadv>\$ +\^bien<[^$]*\$%` + superblank("nous nous sommes très bien amusés") + `%g`,
		`s%\^lo<prn><pro><p3><nt>\$ +\^haber<vbhaver><pri><p1><pl>\$ +\^pasar<vblex><pp><m><sg>\$ +\^bien<[^$]*\$%` + superblank("nous nous sommes bien amusés") + `%g`,
	}),
	only(`\^\*panqueques*\$`, []string{`s%\^\*panqueques\$%` + superblank("crêpes") + `%g`, `s%\^\*panqueque\$%` + superblank("crêpe") + `%g`}),
)

// frenchChez is es-fr's "en maison de" one, Spanish "en casa de": French
// says "chez" ("mon fils dort en maison d'un ami"). A superblank in the
// stream would go before a first person's verb ("je chez dors").
var frenchChez = regexp.MustCompile(`\b(?:[Ee]n|[Àà] la) maison (de |d')((?:mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|votre|vos|leur|leurs|un|une|des|la|le|les)\b|l'|\p{Lu}\p{L}*)`)

// parkRewritesByTarget are the rewrites of the rounds chat176-chat178.
var parkRewritesByTarget = map[string][]gatedRewrite{
	"fr": {
		{frenchChez, " maison d", "", func(o string, m []int) (string, bool) {
			// "en maison d'un ami": "chez un ami".
			return caseLike(o[m[0]:m[0]+1], "chez") + " " + o[m[4]:m[5]], true
		}},
	},
}

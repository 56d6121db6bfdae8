package apertium

import (
	"regexp"
	"slices"
)

// Football, insurance and taxis (rounds chat110-chat112): what the modes
// write word by word in those messages.

// taxisEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var taxisEnglish = slices.Concat(
	// "I can't believe we lost": what is believed is a clause, "que"
	// ("No puedo creer perdimos").
	only(`\^believe<vblex><inf>\$ +\^prpers<prn><subj>`, []string{
		`s%(\^believe<vblex><inf>\$) +(\^prpers<prn><subj>)%\1 ^that<cnjsub>$ \2%g`,
	}),
	// Insurance: the company "la aseguradora" ("la empresa de seguro"),
	// called "a" ("llamar la"); a car's "el seguro del coche" ("seguro
	// automovilístico"), a home's "el seguro de hogar".
	only(`\^insurance<n><sg>\$ +\^company<n>`, []string{
		`s%(\^call<vblex>[^$]*\$ +)\^the<det><def><sp>\$ +\^insurance<n><sg>\$ +\^company<n><sg>\$%\1` + superblank("a la aseguradora") + `%g`,
		`s%\^the<det><def><sp>\$ +\^insurance<n><sg>\$ +\^company<n><sg>\$%` + superblank("la aseguradora") + `%g`,
	}),
	only(`\^(car)*(home)*(travel)*<[a-z]+>\$ +\^insurance<n>`, []string{
		`s%\^car<(adj)*(n)*>[^$]*\$ +\^insurance<n><sg>\$%` + superblank("seguro del coche") + `%g`,
		`s%\^home<n><sg>\$ +\^insurance<n><sg>\$%` + superblank("seguro de hogar") + `%g`,
		`s%\^travel<n><sg>\$ +\^insurance<n><sg>\$%` + superblank("seguro de viaje") + `%g`,
	}),
	// What one pays for is paid, "pagar" a thing ("pagará para el
	// daño"); a person paid for keeps "por".
	only(`\^pay<vblex>[^$]*\$ +\^for<pr>\$ +\^[^<$]*<det>`, []string{
		`s%(\^pay<vblex>[^$]*\$) +\^for<pr>\$( +\^[^<$]*<det>)%\1\2%g`,
	}),
	// A driver who got lost "se perdió" ("cogió perdida").
	only(`\^(get<vblex><past>)*(be<vbser><pp>)*\$ +\^lose<vblex><pp>`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^lose<vblex><pp>\$%` + superblank("me perdí") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><pl>\$ +\^get<vblex><past>\$ +\^lose<vblex><pp>\$%` + superblank("nos perdimos") + `%g`,
		`s%(<n><sg>\$ +)\^get<vblex><past>\$ +\^lose<vblex><pp>\$%\1` + superblank("se perdió") + `%g`,
		`s%(<n><pl>\$ +)\^get<vblex><past>\$ +\^lose<vblex><pp>\$%\1` + superblank("se perdieron") + `%g`,
		// (An earlier fix may have read "got lost" as a passive.)
		`s%(<n><sg>\$ +)\^have<vbhaver><pri><p3><sg>\$ +\^be<vbser><pp>\$ +\^lose<vblex><pp>\$%\1` + superblank("se ha perdido") + `%g`,
	}),
	// What a thing cost, "¿cuánto costó?" ("¿cuánto era el taxi?").
	only(`\^[Hh]ow much<det><itg><sg>\$ +\^be<vbser><past><p3><sg>\$ +\^the<det>`, slices.Concat(
		sayAs("H", "h", `ow much<det><itg><sg>\$ +\^be<vbser><past><p3><sg>\$`, "cuánto costó", false),
	)),
	// A taxi home is one taken home, "un taxi a casa" ("una casa de
	// taxi").
	only(`\^taxi<n><sg>\$ +\^home<n><sg>`, []string{`s%\^taxi<n><sg>\$ +\^home<n><sg>\$%^taxi<n><sg>$ ` + superblank("a casa") + `%g`}),
)

// taxisSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var taxisSpanish = slices.Concat(
	// What insurance "reembolsa", refunds, which spa-eng lacks.
	only(`\^\*reembols`, []string{
		`s%\^no<adv>\$ +\^\*reembolsa\$%` + superblank("doesn't pay for") + `%g`,
		`s%\^\*reembolsa\$%` + superblank("pays for") + `%g`,
		`s%\^\*reembolsado\$%` + superblank("refunded") + `%g`,
		`s%\^\*reembolsar\$%` + superblank("refund") + `%g`,
	}),
	// "dar parte" to the insurance is reporting it ("I've given part to
	// the sure").
	only(`\^dar<vblex>[^$]*\$ +\^parte<n><f><sg>`, []string{
		`s%\^haber<vbhaver><pri><p1><sg>\$ +\^dar<vblex><pp><m><sg>\$ +\^parte<n><f><sg>\$%` + superblank("I've reported it") + `%g`,
		`s%\^dar<vblex><ifi><p1><sg>\$ +\^parte<n><f><sg>\$%` + superblank("I reported it") + `%g`,
	}),
	// What "me han subido" went up ("they've gone up me the sure").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^subir<vblex><pp>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^subir<vblex><pp><m><sg>\$ +\^el<det><def><[mf]><sg>\$%` + lowerSuperblank("they've put up my") + `%g`,
	}),
	// An amount that "es de" so much is it ("is of three hundred
	// euros").
	only(`\^ser<vbser>[^$]*\$ +\^de<pr>\$ +\^[^<$]*<num>`, []string{
		`s%(\^ser<vbser>[^$]*\$) +\^de<pr>\$( +\^[^<$]*<num>[^$]*\$ +\^(euro)*(dólar)*(libra)*<n>)%\1\2%g`,
	}),
	// "te llevo a casa" is an offer, I'll take you home ("I spend you
	// home"); "¿me acercas a…?" asks for a lift ("you approach me to").
	only(`\^llevar<vblex><pri><p1><sg>\$ +\^a casa<adv>`, []string{
		`s%\^prpers<prn><pro><p2><mf><sg>\$ +\^llevar<vblex><pri><p1><sg>\$ +\^a casa<adv>\$%` + superblank("I'll take you home") + `%g`,
		`s%\^prpers<prn><pro><p3><[mf]*><sg>\$ +\^llevar<vblex><pri><p1><sg>\$ +\^a casa<adv>\$%` + superblank("I'll take them home") + `%g`,
	}),
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^acercarse<vblex><pron><pri><p2><sg>\$ +\^a<pr>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^acercarse<vblex><pron><pri><p2><sg>\$ +\^a<pr>%` + superblank("can you give me a lift to") + ` ^a_parley<pr>%g`,
		`s%\^a_parley<pr>\$ +%%g`,
		`s%\^a_parley<pr>\+%^%g`,
	}),
	// A taxi or a meal ordered, "pedido" ("I've asked a taxi").
	only(`\^pedir<vblex>[^$]*\$ +\^uno<det><ind><m><sg>\$ +\^(taxi)*(uber)*<`, []string{
		`s%\^pedir(<vblex>[^$]*\$ +\^uno<det><ind><m><sg>\$ +\^taxi<)%^encargar\1%g`,
	}),
	// The end of a match "en empate" or "empatado", a draw ("finished in
	// tie", spa-eng lacks "empatado"); the
	// penalty the referee did not give ("does not have pitado the
	// penalti": spa-eng lacks both words).
	only(`\^en<pr>\$ +\^empate<n>`, []string{
		`s%\^acabar<vblex><pp><m><sg>\$ +\^en<pr>\$ +\^empate<n><m><sg>\$%` + superblank("ended in a draw") + `%g`,
		`s%\^acabar<vblex><ifi><p3><sg>\$ +\^en<pr>\$ +\^empate<n><m><sg>\$%` + superblank("ended in a draw") + `%g`,
		`s%\^en<pr>\$ +\^empate<n><m><sg>\$%` + superblank("in a draw") + `%g`,
	}),
	only(`\^\*empat`, []string{
		`s%\^acabar<vblex><[a-z]+><p3><sg>\$ +\^\*empatado\$%` + superblank("ended in a draw") + `%g`,
		`s%\^\*empatado\$%` + superblank("drawn") + `%g`,
		`s%\^\*empatamos\$%` + superblank("we drew") + `%g`,
	}),
	only(`\^\*(pitado)*(penalti)*\$`, []string{
		`s%\^no<adv>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^\*pitado\$%` + superblank("didn't give") + `%g`,
		`s%\^\*pitado\$%` + superblank("given") + `%g`,
		`s%\^\*penalti\$%` + superblank("penalty") + `%g`,
	}),
	// Sent off, "expulsado" ("expelled to the goalkeeper").
	only(`\^expulsar<vblex>[^$]*\$ +\^a<pr>`, []string{
		`s%(\^expulsar<vblex>[^$]*\$) +\^a<pr>\+(el<det>)%\1 ^\2%g`,
		`s%(\^expulsar<vblex>[^$]*\$) +\^a<pr>\$%\1%g`,
	}),
)

// insuranceNoun reads Spanish "seguro" after a determiner (or changed,
// "cambiar de seguro") as the noun, insurance, which the modes have ("the
// sure", es-fr "le sûr": the tagger reads the adjective, or before "no"
// the adverb).
var insuranceNoun = only(`\$ +\^seguro<ad[jv]>`, []string{
	`s%(<det>[^$]*\$ +\^seguro)<ad[jv]>[^$]*\$%\1<n><m><sg>$%g`,
	`s%(\^cambiar<vblex>[^$]*\$ +\^de<pr>\$ +\^seguro)<ad[jv]>[^$]*\$%\1<n><m><sg>$%g`,
})

// winningToFrench is es-fr's "vamos ganando", we're winning ("nous
// allons en gagnant"): "on gagne".
var winningToFrench = only(`\^ir<vblex><pri><p1><pl>\$ +\^ganar<vblex><ger>`, []string{
	`s%\^[Ii]r<vblex><pri><p1><pl>\$ +\^ganar<vblex><ger>\$%` + superblank("on gagne") + `%g`,
})

// taxisFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish): home insurance, "l'assurance habitation", is "el
// seguro de hogar" ("el seguro habitación es cara": insurance's
// adjective takes the masculine); "devant chez moi", outside one's home
// ("delante en mí"); a claim, "le sinistre" (read as the adjective).
var taxisFrenchToSpanish = slices.Concat(
	only(`\^assurance<n><f><sg>`, []string{
		`s%\^assurance<n><f><sg>\$ +\^habitation<n><f><sg>\$%` + superblank("seguro de hogar") + `%g`,
		`s%(\^assurance<n><f><sg>\$( +\[[^]]*\])? +\^être<vbser>[^$]*\$ +(\^[^<$]*<[a-z]*adv>\$ +)?\^[^<$]*<adj>)<f><sg>%\1<m><sg>%g`,
		`s%(seguro de hogar\] +\^être<vbser>[^$]*\$ +(\^[^<$]*<[a-z]*adv>\$ +)?\^[^<$]*<adj>)<f><sg>%\1<m><sg>%g`,
	}),
	only(`\^chez<pr>\$ +\^moi<prn>`, []string{
		`s%\^devant<(adv)*(pr)*>\$ +\^chez<pr>\$ +\^moi<prn><tn><p1><mf><sg>\$%` + superblank("delante de mi casa") + `%g`,
	}),
	only(`\^sinistre<adj>`, []string{
		`s%(<det>[^$]*\$ +)\^sinistre<adj><mf><sg>\$%\1` + superblank("siniestro") + `%g`,
	}),
)

// taxisPortuguese are tag fixes of pt-es: going by taxi, car or train is
// "ir en" ("voy de taxi").
var taxisPortuguese = only(`\^ir<vblex>[^$]*\$ +\^de<pr>\$ +\^(táxi)*(carro)*(autocarro)*(comboio)*(avião)*(metro)*(mota)*(barco)*<n>`, []string{
	`s%(\^ir<vblex>[^$]*\$ +)\^de<pr>(\$ +\^(táxi)*(carro)*(autocarro)*(comboio)*(avião)*(metro)*(mota)*(barco)*<n>)%\1^em<pr>\2%g`,
})

// spanishWhatA is eng-spa's "¡qué un gol!" ("what a goal!"): Spanish
// says "¡qué gol!".
var spanishWhatA = regexp.MustCompile(`\b([Qq]ué) (?:un|una) `)

// taxiRewritesByTarget are the rewrites of the rounds chat110-chat112.
var taxiRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishWhatA, "qué un|qué una|Qué un|Qué una", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + " ", true }},
	},
}

package apertium

import "slices"

// Horse riding, a promotion, a blood test (rounds chat173-chat175):
// what the modes write word by word in those messages.

// promotionsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var promotionsEnglish = slices.Concat(
	// "I" before a verb, the writer ("I was scared", read as the Roman
	// numeral: "I se amedrentó").
	only(`\^I<num><mf><sg>\$ +\^[a-z]+<vb`, []string{
		`s%\^I<num><mf><sg>\$( +\^[a-z]+<vb)%^prpers<prn><subj><p1><mf><sg>$\1%g`,
	}),
	// Scared of a thing in the past, "tenía miedo de" ("se amedrentó
	// de"), and of falling, "caerme" ("bajar de punto"); the writer's "I"
	// with it ("Yo tenía").
	only(`\^be<vblex><past><p[13]><sg># scared\$`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^be<vblex><past><p[13]><sg># scared\$ +\^of<pr>\$ +\^fall<vblex><ger># off\$%` + superblank("tenía miedo de caerme") + `%g`,
		`s%\^be<vblex><past><p[13]><sg># scared\$ +\^of<pr>\$ +\^fall<vblex><ger># off\$%` + superblank("tenía miedo de caerse") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^be<vblex><past><p[13]><sg># scared\$( +\^of<pr>\$)%` + superblank("tenía miedo") + `\1%g`,
		`s%\^be<vblex><past><p[13]><sg># scared\$( +\^of<pr>\$)%` + superblank("tenía miedo") + `\1%g`,
		// And with nothing after it ("I was scared", "Me amedrenté").
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^be<vblex><past><p[13]><sg># scared\$%` + superblank("tenía miedo") + `%g`,
	}),
	// What one is called, "se llama" ("se apellida": a surname).
	only(`\^be<vblex><[a-z]+><p3><[sp][gl]># called\$`, []string{
		`s%\^be<vblex><pri><p3><sg># called\$%` + superblank("se llama") + `%g`,
		`s%\^be<vblex><pri><p3><pl># called\$%` + superblank("se llaman") + `%g`,
		`s%\^be<vblex><past><p3><sg># called\$%` + superblank("se llamaba") + `%g`,
	}),
	// Hating things named without a determiner, their article ("Odio
	// arañas" → "Odio las arañas"; loving them is loveThings').
	only(`\^hate<vblex><(pres)*(pri><p3><sg)*>\$ +\^[a-z]+<n>`, []string{
		`s%(\^[Hh]ate<vblex><(pres)*(pri><p3><sg)*>\$)( +\^[a-z]+<n><(sg)*(pl)*>\$)%\1 ^the<det><def><sp>$\4%g`,
	}),
	// "have to do" a thing, the verb ("Tengo que algunas pruebas": read
	// as the auxiliary).
	only(`# to\$ +\^do<vbdo><(pres)*(inf)*>\$`, []string{
		`s%(# to\$ +\^)do<vbdo><(pres)*(inf)*>\$%\1do<vblex><inf>$%g`,
	}),
	// "I got promoted", "me ascendieron" ("Cogí promovido").
	only(`\^get<vblex><past>\$ +\^promote<vblex><pp>\$`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^promote<vblex><pp>\$%` + superblank("me ascendieron") + `%g`,
	}),
	// Dizzy, "mareado", which eng-spa lacks.
	only(`\^\*dizzy\$`, []string{`s%\^\*dizzy\$%` + superblank("mareado") + `%g`}),
)

// promotionsCatalan are tag fixes of eng-cat: scared of a thing, "tinc
// por de" ("Sóc va espantar de").
var promotionsCatalan = only(`rpers<prn><subj><p1><mf><sg>\+be<vbser><pres><p1><sg>\$ +\^scare<vblex><past>\$ +\^of<pr>\$`, []string{
	`s%\^Prpers<prn><subj><p1><mf><sg>\+be<vbser><pres><p1><sg>\$ +\^scare<vblex><past>\$ +\^of<pr>\$%` + superblank("Tinc por de") + `%g`,
	`s%\^prpers<prn><subj><p1><mf><sg>\+be<vbser><pres><p1><sg>\$ +\^scare<vblex><past>\$ +\^of<pr>\$%` + superblank("tinc por de") + `%g`,
})

// promotionsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var promotionsSpanish = slices.Concat(
	// "dura" before how long, lasts ("el curso dura una hora", "the
	// hard course": read as the adjective).
	only(`\^duro<adj><f><sg>\$ +\^[^<$]*<(num)*(det><ind)*>`, []string{
		`s%\^duro<adj><f><sg>\$( +\^[^<$]*<(num)*(det><ind)*>)%^durar<vblex><pri><p3><sg>$\1%g`,
	}),
	// Falling off, "caerse de" ("I have fallen me of the horse"; "caí
	// do cavalo" through Spanish).
	only(`\^caer<vblex><(ifi)*(pp)*>`, []string{
		`s%(\^prpers<prn><pro><p1><mf><sg>\$ +)*\^[Cc]aer<vblex><ifi><p1><sg>\$%` + lowerSuperblank("I fell") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^caer<vblex><pp><m><sg>\$%` + lowerSuperblank("I've fallen") + `%g`,
		`s%((I fell)*(I've fallen)*\]) +\^de<pr>\+el<det><def><[mf]><sg>\$%\1 ` + lowerSuperblank("off the") + `%g`,
		`s%((I fell)*(I've fallen)*\]) +\^de<pr>\$%\1 ` + lowerSuperblank("off") + `%g`,
	}),
	// "no me lo creo", I don't believe it (read as "crear": "I create
	// it to me").
	only(`\^lo<prn><pro><p3><nt>\$ +\^crear<vblex><pri><p1><sg>\$`, []string{
		`s%(\^prpers<prn><pro><p1><mf><sg>\$ +)*(\^lo<prn><pro><p3><nt>\$ +\^)crear(<vblex><pri><p1><sg>\$)%\2creer\3%g`,
	}),
	// A blood test, "un análisis de sangre" ("an analysis of blood");
	// fasting, "en ayunas", which spa-eng lacks.
	only(`\^análisis<n>[^$]*\$ +\^de<pr>\$ +\^sangre<n>`, []string{
		`s%\^análisis<n>[^$]*\$ +\^de<pr>\$ +\^sangre<n><f><sg>\$%` + superblank("blood test") + `%g`,
	}),
	only(`ayunas`, []string{
		`s%\^en<pr>\$ +\^\*ayunas\$%` + superblank("on an empty stomach") + `%g`,
		`s%\^en ayunas<adv>\$%` + superblank("on an empty stomach") + `%g`,
	}),
)

// promotionsFrenchToSpanish are tag fixes of fr-es (and of fr→en,
// through its Spanish): a blood test, "une prise de sang", "un análisis
// de sangre" ("un apresamiento").
var promotionsFrenchToSpanish = only(`\^prise<n><f><sg>\$ +\^de<pr>\$ +\^sang<n>`, []string{
	`s%\^un<det><ind><f><sg>\$ +\^prise<n><f><sg>\$ +\^de<pr>\$ +\^sang<n><m><sg>\$%` + superblank("un análisis de sangre") + `%g`,
	`s%\^prise<n><f><sg>\$ +\^de<pr>\$ +\^sang<n><m><sg>\$%` + superblank("análisis de sangre") + `%g`,
})

// promotionsToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): what hurt, "dolió", which es-fr lacks ("ne dolió absolument
// pas").
var promotionsToFrench = only(`\^\*dolió\$`, []string{
	`s%\^[Nn]o<adv>\$ +\^\*dolió\$ +\^en absoluto<adv>\$%` + superblank("ça n'a pas fait mal du tout") + `%g`,
	`s%\^[Nn]o<adv>\$ +\^\*dolió\$%` + superblank("ça n'a pas fait mal") + `%g`,
	`s%\^\*dolió\$%` + superblank("ça a fait mal") + `%g`,
})

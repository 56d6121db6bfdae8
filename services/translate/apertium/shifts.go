package apertium

import (
	"regexp"
	"slices"
)

// A new mattress, night shifts, a toddler's tantrum (rounds
// chat183-chat185): what the modes write word by word in those
// messages.

// shiftsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish): back pain, "dolor de espalda" ("dolor
// posterior").
var shiftsEnglish = slices.Concat(
	only(`\^back<(adj)*(n><sg)*>\$ +\^(pain)*(ache)*<n>`, []string{
		`s%\^back<(adj)*(n><sg)*>\$ +\^(pain)*(ache)*<n><sg>\$%` + superblank("dolor de espalda") + `%g`,
	}),
)

// shiftsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): a night shift, "el turno de noche" ("the turn of
// night").
var shiftsSpanish = slices.Concat(
	only(`\^turno<n><m><sg>\$ +\^de<pr>\$ +\^(noche)*(mañana)*(tarde)*<n>`, []string{
		`s%\^turno<n><m><sg>\$ +\^de<pr>\$ +\^noche<n><f><sg>\$%` + superblank("night shift") + `%g`,
		`s%\^turno<n><m><sg>\$ +\^de<pr>\$ +\^mañana<n><f><sg>\$%` + superblank("morning shift") + `%g`,
		`s%\^turno<n><m><sg>\$ +\^de<pr>\$ +\^tarde<n><f><sg>\$%` + superblank("afternoon shift") + `%g`,
	}),
	// A tantrum, "una rabieta", which spa-eng lacks (Portuguese "birra"
	// through pt-es).
	only(`\^\*rabietas*\$`, []string{`s%\^\*rabieta\$%` + superblank("tantrum") + `%g`, `s%\^\*rabietas\$%` + superblank("tantrums") + `%g`}),
)

// shiftsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): a tantrum, "uma birra", "una rabieta", which pt-es lacks.
var shiftsPortuguese = only(`\^\*birras*\$`, []string{
	`s%\^\*birra\$%` + superblank("rabieta") + `%g`, `s%\^\*birras\$%` + superblank("rabietas") + `%g`,
})

// shiftsToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// half an hour, "une demi-heure" ("moyenne heure"); obstinate, "têtu"
// ("terca", which es-fr lacks).
var shiftsToFrench = slices.Concat(
	only(`\^medio<adj><f><sg>\$ +\^hora<n><f><sg>\$`, []string{
		`s%(\^uno<det><ind><f><sg>\$ +)*\^medio<adj><f><sg>\$ +\^hora<n><f><sg>\$%` + superblank("une demi-heure") + `%g`,
	}),
	only(`\^\*terc[oa]s*\$`, []string{
		`s%\^\*terco\$%` + superblank("têtu") + `%g`, `s%\^\*terca\$%` + superblank("têtue") + `%g`,
		`s%\^\*tercos\$%` + superblank("têtus") + `%g`, `s%\^\*tercas\$%` + superblank("têtues") + `%g`,
	}),
)

// shiftsFrenchToSpanish are tag fixes of fr-es (and of fr→en, through
// its Spanish): a back that hurts, "j'ai mal au dos", "me duele la
// espalda" ("me duelen las espaldas").
var shiftsFrenchToSpanish = only(`\^mal<adv>\$ +\^au dos<adv>\$`, []string{
	`s%(\^[Jj]e<prn><tn><p1><mf><sg>\$ +)*\^avoir<vbhaver><pri><p1><sg>\$ +\^mal<adv>\$ +\^au dos<adv>\$%` + superblank("me duele la espalda") + `%g`,
})

// spanishWhatFor is eng-spa's "qué para" before an infinitive ("what to
// do", "no supe qué para hacer"): Spanish says "qué hacer".
var spanishWhatFor = regexp.MustCompile(`\b([Qq]ué) para (\p{L}+[aei]r)\b`)

// shiftRewritesByTarget are the rewrites of the rounds chat183-chat185.
var shiftRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishWhatFor, "ué para ", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
		}},
	},
}

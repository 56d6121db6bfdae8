package apertium

import (
	"regexp"
	"slices"
)

// A school trip, a spa day, a car accident (rounds chat164-chat166):
// what the modes write word by word in those messages.

// tripsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var tripsEnglish = slices.Concat(
	// "how much does the trip cost?", "¿cuánto cuesta la excursión?"
	// ("¿cuánto el coste de viaje?": the verb read as the noun).
	only(`\^[Hh]ow much<prn><itg><mf><sg>\$ +\^do<vbdo><pri><p3><sg>\$ +\^[a-z]+<det>[^$]*\$ +\^[a-z]+<n><sg>\$ +\^cost<n><sg>\$`, slices.Concat(
		sayAs("H", "h", `ow much<prn><itg><mf><sg>\$ +\^do<vbdo><pri><p3><sg>\$`, "cuánto cuesta", false),
		[]string{`s%(\[[^]]*cuánto cuesta\]( +\^[a-z]+<det>[^$]*\$ +\^[a-z]+<n><sg>\$)) +\^cost<n><sg>\$%\1%g`},
	)),
	// A thing damaged, "tiene daños" ("sufre menoscabo").
	only(`\^be<vblex><[a-z]+><p3><[sp][gl]># damaged\$`, []string{
		`s%\^be<vblex><pri><p3><sg># damaged\$%` + superblank("tiene daños") + `%g`,
		`s%\^be<vblex><past><p3><sg># damaged\$%` + superblank("tenía daños") + `%g`,
		`s%\^be<vblex><pri><p3><pl># damaged\$%` + superblank("tienen daños") + `%g`,
	}),
)

// tripsCatalan are tag fixes of eng-cat: too fast, "massa ràpid" ("també
// ràpidament").
var tripsCatalan = only(`\^too<adv>\$ +\^fast<adv>\$`, []string{
	`s%\^too<adv>\$ +\^fast<adv>\$%` + superblank("massa ràpid") + `%g`,
})

// tripsSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish): how scared one was, "tener (mucho) miedo" ("I had a lot
// fear"); "nadie se hizo daño", nobody got hurt ("anybody hurt");
// relaxing, "relajante", which spa-eng lacks.
var tripsSpanish = slices.Concat(
	only(`\^tener<vblex><(ifi)*(pri)*(pp)*><[pm][1>]`, []string{
		`s%\^tener<vblex><ifi><p1><sg>\$ +\^mucho<(adv)*(det><qnt><m><sg)*>\$ +\^miedo<n><m><sg>\$%` + lowerSuperblank("I was really scared") + `%g`,
		`s%\^tener<vblex><ifi><p1><sg>\$ +\^miedo<n><m><sg>\$%` + lowerSuperblank("I was scared") + `%g`,
		`s%\^tener<vblex><pri><p1><sg>\$ +\^mucho<(adv)*(det><qnt><m><sg)*>\$ +\^miedo<n><m><sg>\$%` + lowerSuperblank("I'm really scared") + `%g`,
		`s%\^haber<vbhaver><pri><p1><sg>\$ +\^tener<vblex><pp><m><sg>\$ +\^mucho<(adv)*(det><qnt><m><sg)*>\$ +\^miedo<n><m><sg>\$%` + lowerSuperblank("I was really scared") + `%g`,
	}),
	only(`\^[Nn]adie<prn><tn><m><sg>\$ +\^se<prn><pro><ref><p3><mf><sp>\$ +\^hacer<vblex><ifi><p3><sg># daño\$`, slices.Concat(
		sayAs("N", "n", `adie<prn><tn><m><sg>\$ +\^se<prn><pro><ref><p3><mf><sp>\$ +\^hacer<vblex><ifi><p3><sg># daño\$`, "nobody got hurt", false),
	)),
	only(`\^\*relajantes*\$`, []string{`s%\^\*relajantes*\$%` + superblank("relaxing") + `%g`}),
)

// tripsFrenchToSpanish are tag fixes of fr-es (and of fr→en, through its
// Spanish): a picnic, "un pique-nique", which fr-es lacks ("un
// pincho-nique"); "reposant", restful, "relajante" ("que descansa");
// "très peur", "mucho miedo" ("muy miedo").
var tripsFrenchToSpanish = slices.Concat(
	only(`\^pique<n><f><sg>\$-\^\*nique\$`, []string{`s%\^pique<n><f><sg>\$-\^\*nique\$%` + superblank("picnic") + `%g`}),
	only(`\^reposer<vblex><ppres>`, []string{`s%\^reposer<vblex><ppres>[^$]*\$%` + superblank("relajante") + `%g`}),
	only(`\^très<(pre)*adv>\$ +\^peur<n>`, []string{`s%\^très<(pre)*adv>\$( +\^peur<n>)%^beaucoup<adv>$\2%g`}),
)

// tripsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): hurt, "magoar-se", which pt-es lacks ("nadie se magoou");
// needing, "preciso de" read as the adjective ("preciso vacacional").
var tripsPortuguese = slices.Concat(
	only(`\^\*mago`, []string{
		`s%\^ninguém<prn><tn><mf><sg>\$ +\^se<prn><pro><ref><p3><mf><sp>\$ +\^\*magoou\$%` + superblank("nadie se hizo daño") + `%g`,
		`s%(\^se<prn><pro><ref><p3><mf><sp>\$ +)*\^\*magoou\$%` + superblank("se hizo daño") + `%g`,
		`s%\^\*magoei\$-\^me<prn>[^$]*\$%` + superblank("me hice daño") + `%g`,
		`s%\^\*magoad[oa]s*\$%` + superblank("herido") + `%g`,
	}),
	only(`\^[Pp]reciso<adj><m><sg>\$ +\^de`, []string{
		`s%\^([Pp])reciso<adj><m><sg>\$ +\^de férias<adj><mf><sp>\$%^\1recisar<vblex><pri><p1><sg>$ ` + superblank("vacaciones") + `%g`,
		`s%\^([Pp])reciso<adj><m><sg>\$ +\^de<pr>\$%^\1recisar<vblex><pri><p1><sg>$%g`,
	}),
)

// tripsToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// lukewarm, "tiède" ("tibio", which es-fr lacks).
var tripsToFrench = only(`\^\*tibi`, []string{
	`s%\^\*tibi[oa]\$%` + superblank("tiède") + `%g`,
	`s%\^\*tibi[oa]s\$%` + superblank("tièdes") + `%g`,
})

// englishOnTheBus is "in the bus" and the like, which English says "on"
// ("my son felt dizzy in the bus").
var englishOnTheBus = regexp.MustCompile(`\b([Ii])n the (bus|train|plane|tram|coach|ferry|underground|subway|metro)\b`)

// englishHowMuchCosts is Spanish "¿cuánto cuesta(n)…?" as spa-eng writes
// it ("how much costs a day?").
var englishHowMuchCosts = regexp.MustCompile(`\b([Hh])ow much (costs|cost)\b`)

// englishPresentFrom is a present "of" one ("a gift of my husband"):
// English says it is "from" them.
var englishPresentFrom = regexp.MustCompile(`\b(gift|present|gifts|presents) of (my|your|his|her|our|their|the)\b`)

// tripRewritesByTarget are the rewrites of the rounds chat164-chat166.
var tripRewritesByTarget = map[string][]gatedRewrite{
	"en": {
		{englishOnTheBus, "n the ", "", func(o string, m []int) (string, bool) {
			return caseLike(o[m[2]:m[3]], "on") + " the " + o[m[4]:m[5]], true
		}},
		{englishHowMuchCosts, "ow much cost", "", func(o string, m []int) (string, bool) {
			if o[m[4]:m[5]] == "cost" {
				return o[m[2]:m[3]] + "ow much do they cost", true
			}
			return o[m[2]:m[3]] + "ow much does it cost", true
		}},
		{englishPresentFrom, " of ", "gift|present", func(o string, m []int) (string, bool) {
			return "present from " + o[m[4]:m[5]], o[m[2]:m[3]] == "gift" || o[m[2]:m[3]] == "present"
		}},
	},
}

package apertium

import (
	"regexp"
	"slices"
)

// The market, tattoos and piercings, running a marathon (rounds
// chat134-chat136): what the modes write word by word in those messages.

// marketsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var marketsEnglish = slices.Concat(
	// "a small one", "a new one": "uno pequeño" ("un pequeño un").
	only(`\^a<det><ind><sg>\$ +\^[a-z]+<adj>[^$]*\$ +\^one<(num><sg)*(prn><tn><mf><sg)*>\$`, []string{
		`s%\^a<det><ind><sg>\$ +(\^[a-z]+<adj>[^$]*\$) +\^one<(num><sg)*(prn><tn><mf><sg)*>\$%` + lowerSuperblank("uno") + ` \1%g`,
	}),
	// A noun before "hates", "loves": the verb ("my mum hates tattoos",
	// "Mis tatuajes de odios de la mamá").
	only(`<n><sg>\$ +\^(hate)*(love)*<n><pl>\$`, []string{
		`s%(<n><sg>\$) +\^(hate)*(love)*<n><pl>\$%\1 ^\2\3<vblex><pri><p3><sg>$%g`,
	}),
	// Thinking of doing, "pensando en hacer" ("pensando de coger").
	only(`\^think<vblex><ger>\$ +\^of<pr>\$ +\^[a-z]+<vblex><ger>\$`, []string{
		`s%(\^think<vblex><ger>\$) +\^of<pr>\$ +(\^[a-z]+<vblex>)<ger>\$%\1 ^in<pr>$ \2<inf>$%g`,
	}),
	// "in under four hours", "en menos de" ("en debajo cuatro"); "for
	// two euros", "por" ("para dos euros").
	only(`\^under<(adv)*(pr)*>\$ +\^[^<$]*<num>`, []string{
		`s%\^in<pr>\$ +\^under<(adv)*(pr)*>\$( +\^[^<$]*<num>)%` + lowerSuperblank("en menos de") + `\3%g`,
	}),
	only(`\^for<pr>\$ +\^[^<$]*<num>[^$]*\$ +\^(euro)*(pound)*(dollar)*(cent)*(quid)*<n>`, []string{
		`s%\^for<pr>\$( +\^[^<$]*<num>[^$]*\$ +\^(euro)*(pound)*(dollar)*(cent)*(quid)*<n>)%^by<pr>$\1%g`,
	}),
	// A personal best, "récord personal" ("pessoal mais").
	personalBest("récord personal"),
	// A half marathon, "una media maratón" ("un maratón medio").
	only(`\^half<adj>\$ +\^marathon<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^half<adj>\$ +\^marathon<n><sg>\$%` + superblank("una media maratón") + `%g`,
		`s%\^half<adj>\$ +\^marathon<n><sg>\$%` + superblank("media maratón") + `%g`,
	}),
	// "it took three hours to finish", "tardó tres horas en acabar"
	// ("tomó tres horas para acabar").
	only(`\^prpers<prn><subj><p3><nt><sg>\$ +\^take<vblex><(past)*(pri><p3><sg)*>\$ +\^[^<$]*<(num)*(det)*>[^$]*\$ +\^(minute)*(hour)*(day)*(week)*(month)*<n>[^$]*\$ +\^to<pr>\$ +\^[a-z]+<vblex><inf>`, []string{
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^take<vblex><past>\$( +\^[^<$]*<(num)*(det)*>[^$]*\$ +\^(minute)*(hour)*(day)*(week)*(month)*<n>[^$]*\$) +\^to<pr>\$%` + lowerSuperblank("tardó") + `\1 ^in<pr>$%g`,
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^take<vblex><pri><p3><sg>\$( +\^[^<$]*<(num)*(det)*>[^$]*\$ +\^(minute)*(hour)*(day)*(week)*(month)*<n>[^$]*\$) +\^to<pr>\$%` + lowerSuperblank("tarda") + `\1 ^in<pr>$%g`,
	}),
	// "did it hurt?", "does it hurt?": "¿te dolió?", "¿te duele?" ("¿dolió?").
	only(`\^do<vbdo><(past)*(pri><p3><sg)*>\$ +\^prpers<prn><subj><p3><nt><sg>\$ +\^hurt<vblex>`, slices.Concat(
		sayEach("D", "d", `o<vbdo><past>\$ +\^prpers<prn><subj><p3><nt><sg>\$ +\^hurt<vblex><{past,inf}>\$`, "te dolió"),
		sayEach("D", "d", `o<vbdo><pri><p3><sg>\$ +\^prpers<prn><subj><p3><nt><sg>\$ +\^hurt<vblex><{inf,past,pres}>\$`, "te duele"),
	)),
	// "it looks (really) good on you", "te queda (muy) bien" ("mira
	// realmente bien encima te").
	only(`\^look<vblex><pri><p3><sg>\$ +(\^(really)*(very)*<preadv>\$ +)*\^(good)*(great)*<adv>\$ +\^on<(adv)*(pr)*>\$ +\^prpers<prn><obj><p2>`, slices.Concat(
		sayEach("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^look<vblex><pri><p3><sg>\$ +\^{really,very}<preadv>\$ +\^{good,great}<adv>\$ +\^on<{adv,pr}>\$ +\^prpers<prn><obj><p2><mf><sp>\$`, "te queda muy bien"),
		sayEach("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^look<vblex><pri><p3><sg>\$ +\^{good,great}<adv>\$ +\^on<{adv,pr}>\$ +\^prpers<prn><obj><p2><mf><sp>\$`, "te queda bien"),
	)),
	// "drink plenty of water": the command, "bebe mucha agua" ("Abundancia
	// de bebida de agua").
	only(`\^[Dd]rink<n><sg>\$ +\^plenty<n><sg>\$ +\^of<pr>\$`, []string{
		`s%\^([Dd])rink<n><sg>\$ +\^plenty<n><sg>\$ +\^of<pr>\$%^\1rink<vblex><pri><p3><sg>$ ^much<det><qnt><sg>$%g`,
	}),
	// "before running": "antes de correr".
	beforeDoing,
	// "wasn't there", of a place: "no estaba" ("no fue allí"); not
	// "was there a problem?", which has its noun after "there". The
	// writer's "I" stays a unit, so that es-fr says "je" (spanishIWasThere
	// drops the "Yo" it leaves in Spanish).
	only(`\^be<vbser><past><p[13]><sg>(\+not<adv>)*\$ +(\^not<adv>\$ +)*\^there<adv>\$ *\^[^<$]*<(adv)*(sent)*(cm)*(pr)*>`, func() []string {
		const not, there = `(\+not<adv>\$ +\^there<adv>\$)*(\$ +\^not<adv>\$ +\^there<adv>\$)*`, `\$ +\^there<adv>\$`
		next := `( *\^[^<$]*<(adv)*(sent)*(cm)*(pr)*>)`
		return []string{
			`s%\^be<vbser><past><p[13]><sg>` + there + next + `%` + superblank("estaba allí") + `\1%g`,
			`s%\^be<vbser><past><p[13]><sg>` + not + next + `%` + superblank("no estaba allí") + `\3%g`,
		}
	}()),
)

// personalBest writes a personal best as the target says it ("récord
// personal"; eng-spa "pessoal mais" into Portuguese through it).
func personalBest(text string) []string {
	return only(`\^personal<adj>\$ +\^(best<adv>)*(good<adj><sup>)*\$`, []string{
		`s%\^personal<adj>\$ +\^(best<adv>)*(good<adj><sup>)*\$%` + superblank(text) + `%g`,
	})
}

// beforeDoing reads "before" and a gerund as the preposition and the
// infinitive ("before running", "antes de correr").
var beforeDoing = only(`\^before<cnjadv>\$ +\^[a-z]+<vblex><(ger)*(subs)*>\$`, []string{
	`s%\^before<cnjadv>\$ +(\^[a-z]+<vblex>)<(ger)*(subs)*>\$%^before<pr>$ \1<inf>$%g`,
})

// marketsCatalan are tag fixes of eng-cat: "before running", "abans de
// córrer" ("abans que córrer"; its "before" the preposition is "davant",
// in front of); a personal best, "rècord personal".
var marketsCatalan = slices.Concat(
	only(`\^before<cnjadv>\$ +\^[a-z]+<vblex><(ger)*(subs)*>\$`, []string{
		`s%\^before<cnjadv>\$ +(\^[a-z]+<vblex>)<(ger)*(subs)*>\$%` + lowerSuperblank("abans de") + ` \1<inf>$%g`,
	}),
	personalBest("rècord personal"),
)

// marketsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var marketsSpanish = slices.Concat(
	// In season, "de temporada" ("of season"); "a última hora", at the
	// last minute ("to last hour"); "un montón de", loads of ("a pile
	// of").
	only(`\^temporada<n><f><sg>\$`, []string{
		`s%\^fuera<adv>\$ +\^de<pr>\$ +\^temporada<n><f><sg>\$%` + superblank("out of season") + `%g`,
		`s%(\^estar<vblex>[^$]*\$ +(\^[a-z]+<adv>\$ +)*)\^de<pr>\$ +\^temporada<n><f><sg>\$%\1` + superblank("in season") + `%g`,
	}),
	only(`\^a<pr>\$ +\^último<det><ord><f><sg>\$ +\^hora<n><f><sg>\$`, sayAs("A", "a", `<pr>\$ +\^último<det><ord><f><sg>\$ +\^hora<n><f><sg>\$`, "at the last minute", false)),
	only(`\^uno<det><ind><m><sg>\$ +\^montón<n><m><sg>\$ +\^de<pr>\$`, []string{
		`s%\^uno<det><ind><m><sg>\$ +\^montón<n><m><sg>\$ +\^de<pr>\$%` + superblank("loads of") + `%g`,
	}),
	// "me he comprado", "me he traído": the reflexive of one's own goes
	// ("I've bought me").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^(comprar)*(traer)*<vblex><pp>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +(\^haber<vbhaver><pri><p1><sg>\$ +\^(comprar)*(traer)*<vblex><pp>)%\1%g`,
	}),
	// Getting a tattoo, "hacerse un tatuaje" ("I've done me another
	// tattoo").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +(\^haber<vbhaver><pri><p1><sg>\$ +)*\^hacer<vblex><(pp><m><sg)*(ifi><p1><sg)*>\$ +\^(uno)*(otro)*<det><ind><m><sg>\$ +\^tatuaje<n>`, slices.Concat(
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^hacer<vblex><pp><m><sg>\$ +\^uno<det><ind><m><sg>\$ +\^tatuaje<n><m><sg>\$`, "I've got a tattoo", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^hacer<vblex><pp><m><sg>\$ +\^otro<det><ind><m><sg>\$ +\^tatuaje<n><m><sg>\$`, "I've got another tattoo", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^hacer<vblex><ifi><p1><sg>\$ +\^uno<det><ind><m><sg>\$ +\^tatuaje<n><m><sg>\$`, "I got a tattoo", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^hacer<vblex><ifi><p1><sg>\$ +\^otro<det><ind><m><sg>\$ +\^tatuaje<n><m><sg>\$`, "I got another tattoo", false),
	)),
	// It itches, "me pica" ("it hammers me"); "me arrepiento de", I
	// regret (spa-eng lacks it).
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^picar<vblex><pri><p3><(sg)*(pl)*>\$`, slices.Concat(
		sayAs("T", "t", `odavía<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^picar<vblex><pri><p3><sg>\$`, "it still itches", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^picar<vblex><pri><p3><sg>\$`, "it itches", false),
	)),
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^\*arrepiento\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^\*arrepiento\$ +\^de<pr>\$`, "I regret", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^\*arrepiento\$`, "I regret it", false),
	)),
	// Going out running, "salgo a correr" ("I exit to run").
	only(`\^salir<vblex><(pri)*(ifi)*><p1><sg>\$ +\^a<pr>\$ +\^(correr)*(pasear)*<vblex><inf>\$`, slices.Concat(
		sayAs("S", "s", `alir<vblex><pri><p1><sg>\$ +\^a<pr>\$ +\^correr<vblex><inf>\$`, "I go running", false),
		sayAs("S", "s", `alir<vblex><ifi><p1><sg>\$ +\^a<pr>\$ +\^correr<vblex><inf>\$`, "I went running", false),
		sayAs("S", "s", `alir<vblex><pri><p1><sg>\$ +\^a<pr>\$ +\^pasear<vblex><inf>\$`, "I go for a walk", false),
		sayAs("S", "s", `alir<vblex><ifi><p1><sg>\$ +\^a<pr>\$ +\^pasear<vblex><inf>\$`, "I went for a walk", false),
	)),
	// Healing, "cicatrizando", which spa-eng lacks (and pt-es: its
	// "está a cicatrizar" is written so, marketsPortuguese).
	only(`\^\*cicatriza(ndo)*(r)*\$`, []string{
		`s%\^\*cicatrizando\$%` + superblank("healing") + `%g`,
		`s%\^\*cicatrizar\$%` + superblank("heal") + `%g`,
	}),
	// Every morning, "todas las mañanas" ("all the mornings").
	only(`\^todo<predet><f><pl>\$ +\^el<det><def><f><pl>\$ +\^(mañana)*(tarde)*(noche)*(semana)*<n><f><pl>\$`, []string{
		`s%\^[Tt]odo<predet><f><pl>\$ +\^el<det><def><f><pl>\$ +\^mañana<n><f><pl>\$%` + superblank("every morning") + `%g`,
		`s%\^[Tt]odo<predet><f><pl>\$ +\^el<det><def><f><pl>\$ +\^tarde<n><f><pl>\$%` + superblank("every afternoon") + `%g`,
		`s%\^[Tt]odo<predet><f><pl>\$ +\^el<det><def><f><pl>\$ +\^noche<n><f><pl>\$%` + superblank("every night") + `%g`,
		`s%\^[Tt]odo<predet><f><pl>\$ +\^el<det><def><f><pl>\$ +\^semana<n><f><pl>\$%` + superblank("every week") + `%g`,
	}),
	// Times a week, "veces por semana" ("thrice by week"), and "corro"
	// after a pivot's French ("je cours") the verb, not the noun.
	only(`veces*<(adv)*(n)*>[^$]*\$ +\^por<pr>\$ +\^(semana)*(mes)*(día)*(año)*<n>`, []string{
		`s%\^dos veces<adv>\$%` + superblank("twice") + `%g`,
		`s%\^tres veces<adv>\$%` + superblank("three times") + `%g`,
		`s%((veces<adv>\$)*(vez<n><f><pl>\$)*(\[[^]]*\])*) +\^por<pr>\$ +\^semana<n><f><sg>\$%\1 ` + superblank("a week") + `%g`,
		`s%((veces<adv>\$)*(vez<n><f><pl>\$)*(\[[^]]*\])*) +\^por<pr>\$ +\^mes<n><m><sg>\$%\1 ` + superblank("a month") + `%g`,
		`s%((veces<adv>\$)*(vez<n><f><pl>\$)*(\[[^]]*\])*) +\^por<pr>\$ +\^día<n><m><sg>\$%\1 ` + superblank("a day") + `%g`,
	}),
	only(`^\^[Cc]orro<n><m><sg>\$`, []string{
		`s%^\^[Cc]orro<n><m><sg>\$%^correr<vblex><pri><p1><sg>$%`,
	}),
	// Zapatillas, trainers, which spa-eng lacks: read as boots (of their
	// gender, so the adjective after agrees and goes before), which the
	// senses write as trainers.
	only(`\^\*zapatillas*\$`, []string{
		`s%\^\*zapatillas\$%^bota<n><f><pl>$%g`,
		`s%\^\*zapatilla\$%^bota<n><f><sg>$%g`,
	}),
	// "para correr" after shoes: running ("to run").
	only(`\^bota<n><f><pl>\$ +(\^[a-z]+<adj>[^$]*\$ +)*\^para<pr>\$ +\^correr<vblex><inf>\$`, []string{
		`s%(\^bota<n><f><pl>\$ +(\^[a-z]+<adj>[^$]*\$ +)*)\^para<pr>\$ +\^correr<vblex><inf>\$%\1` + superblank("for running") + `%g`,
	}),
	// It looks good on you, "te queda (muy) bien" ("it remains you").
	only(`\^prpers<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><(sg)*(pl)*>\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^muy<preadv>\$ +\^bien<adv>\$`, "it looks really good on you", false),
		sayAs("P", "p", `rpers<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^genial<adj><mf><sg>\$`, "it looks great on you", false),
		sayAs("P", "p", `rpers<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^bien<adv>\$`, "it looks good on you", false),
	)),
)

// marketsFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish).
var marketsFrenchToSpanish = slices.Concat(
	// "hors de prix", dear as can be: "carísimas" after the noun's
	// "être" ("fuera premios").
	only(`\^hors<adv>\$ +\^de<pr>\$ +\^prix<n>`, []string{
		`s%(<n><f><pl>\$ +\^être<vbser>[^$]*\$) +\^hors<adv>\$ +\^de<pr>\$ +\^prix<n><m><sp>\$%\1 ` + superblank("carísimas") + `%g`,
		`s%(<n><m><pl>\$ +\^être<vbser>[^$]*\$) +\^hors<adv>\$ +\^de<pr>\$ +\^prix<n><m><sp>\$%\1 ` + superblank("carísimos") + `%g`,
		`s%(<n><f><sg>\$ +\^être<vbser>[^$]*\$) +\^hors<adv>\$ +\^de<pr>\$ +\^prix<n><m><sp>\$%\1 ` + superblank("carísima") + `%g`,
		`s%\^hors<adv>\$ +\^de<pr>\$ +\^prix<n><m><sp>\$%` + superblank("carísimo") + `%g`,
	}),
	// "il n'y avait plus de", none left: "ya no había" ("ya no había de").
	only(`y avoir<vblex><(pii)*(ifi)*><p3><sg>\$ +\^plus<adv>\$ +\^de<pr>\$`, []string{
		`s%(y avoir<vblex><(pii)*(ifi)*><p3><sg>\$ +\^plus<adv>\$) +\^de<pr>\$%\1%g`,
	}),
	// "trois fois", times after a number: the plural ("tres vez").
	only(`<num>[^$]*\$ +\^fois<n><f><sp>\$`, []string{
		`s%(\^(deux)*(trois)*(quatre)*(cinq)*(six)*(sept)*(huit)*(neuf)*(dix)*<num>[^$]*\$) +\^fois<n><f><sp>\$%\1 ` + superblank("veces") + `%g`,
	}),
	// "ça te va bien", it suits you: "te queda bien" ("esto te va").
	only(`\^ça<prn><tn><nt><sg>\$ +\^te<prn><pro><p2><mf><sg>\$ +\^aller<vblex><pri><p3><sg>\$`, sayAs("Ç", "ç", `a<prn><tn><nt><sg>\$ +\^te<prn><pro><p2><mf><sg>\$ +\^aller<vblex><pri><p3><sg>\$`, "te queda", false)),
)

// marketsPortuguese are tag fixes of pt-es (and of pt→en and pt→fr,
// through its Spanish).
var marketsPortuguese = slices.Concat(
	// "a semana toda", the whole week: "toda la semana" ("la semana toda").
	only(`\^o<det><def><[mf]><sg>\$ +\^[^<$]*<n><[mf]><sg>\$ +\^todo<predet><[mf]><sg>\$`, []string{
		`s%\^o<det><def>(<[mf]><sg>)\$ +(\^(semana)*(noite)*(manhã)*(tarde)*(dia)*(ano)*(mês)*<n><[mf]><sg>\$) +\^todo<predet>(<[mf]><sg>)\$%^todo<predet>\1$ ^o<det><def>\1$ \2%g`,
	}),
	// "ao sábado", on Saturdays: "los sábados" ("al sábado").
	only(`\^a<pr>\+o<det><def><m><sg>\$ +\^(sábado)*(domingo)*<n><m><sg>\$`, []string{
		`s%\^a<pr>\+o<det><def><m><sg>\$ +\^(sábado)*(domingo)*<n><m><sg>\$%^o<det><def><m><pl>$ ^\1\2<n><m><pl>$%g`,
	}),
	// "está a cicatrizar", healing, which pt-es lacks: "está cicatrizando".
	only(`\^estar<vblex>[^$]*\$ +\^o<det><def><f><sg>\$ +\^\*cicatrizar\$`, []string{
		`s%(\^estar<vblex>[^$]*\$) +\^o<det><def><f><sg>\$ +\^\*cicatrizar\$%\1 ` + superblank("cicatrizando") + `%g`,
	}),
	// "linda", lovely, which pt-es lacks: "bonita".
	only(`\^\*lind[oa]s*\$`, []string{
		`s%\^\*lind([oa]s*)\$%` + superblank(`bonit\1`) + `%g`,
	}),
)

// marketsToFrench are tag fixes of es-fr: "yo estaba", "no duele", it doesn't hurt,
// which es-fr lacks ("ne duele"); "tanto como piensas", "autant que tu
// crois" ("autant aussi bien que penses"); "no puedo ni andar", "je ne
// peux même pas marcher" ("pas ni").
var marketsToFrench = slices.Concat(
	// "yo estaba": the first person, whose imperfect the tagger reads as
	// the third's ("j'il était").
	only(`\^[Yy]o<prn><tn><p1><mf><sg>\$ +(\^no<adv>\$ +)*\^[a-z]+<v[a-z]*><(pii)*(cni)*(pis)*><p3><sg>\$`, []string{
		`s%(\^[Yy]o<prn><tn><p1><mf><sg>\$ +(\^no<adv>\$ +)*\^[a-z]+<v[a-z]*><(pii)*(cni)*(pis)*>)<p3><sg>\$%\1<p1><sg>$%g`,
	}),
	only(`\^[Nn]o<adv>\$ +\^\*duele\$`, sayAs("N", "n", `o<adv>\$ +\^\*duele\$`, "ça ne fait pas mal", false)),
	// (only where the line or clause ends after it: "me duele una muela"
	// and "te duele la cabeza" are an earlier fix's, "j'ai mal à")
	only(`\^\*(duele)*(dolió)*\$\^[^<$]*<sent>`, slices.Concat(
		sayAs("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^\*duele\$`, "ça te fait mal", false),
		sayAs("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^\*dolió\$`, "ça t'a fait mal", false),
		[]string{
			`s%\^\*duele\$%` + superblank("ça fait mal") + `%g`,
			`s%\^\*dolió\$%` + superblank("ça a fait mal") + `%g`,
		},
	)),
	// It suits you, "te queda bien": "ça te va bien" ("il te reste").
	only(`\^te<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><(sg)*(pl)*>\$ +(\^muy<preadv>\$ +)*\^(bien<(adv)*(n><m><sg)*>)*(genial<adj><mf><sg>)*\$`, slices.Concat(
		sayEach("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^muy<preadv>\$ +\^bien<{adv,n><m><sg}>\$`, "ça te va très bien"),
		sayEach("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^bien<{adv,n><m><sg}>\$`, "ça te va bien"),
		sayAs("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^genial<adj><mf><sg>\$`, "ça te va super bien", false),
	)),
	// A half marathon, "un semi-marathon" ("un moyen marathon").
	only(`\^medio<adj><f><sg>\$ +\^maratón<n>`, []string{
		`s%\^uno<det><ind><f><sg>\$ +\^medio<adj><f><sg>\$ +\^maratón<n><m><sg>\$%` + superblank("un semi-marathon") + `%g`,
		`s%\^medio<adj><f><sg>\$ +\^maratón<n><m><sg>\$%` + superblank("semi-marathon") + `%g`,
	}),
	only(`\^tanto<adv>\$ +\^como<cnjadv>\$ +\^(pensar)*(creer)*<vblex><pri><p2><sg>\$`, []string{
		`s%\^tanto<adv>\$ +\^como<cnjadv>\$ +\^(pensar)*(creer)*<vblex><pri><p2><sg>\$%` + superblank("autant que tu crois") + `%g`,
	}),
	only(`\^poder<vbmod>[^$]*\$ +\^ni<cnjcoo>\$`, []string{
		`s%(\^poder<vbmod>[^$]*\$) +\^ni<cnjcoo>\$%\1 ^incluso<adv>$%g`,
	}),
)

// frenchNotEvenCan is es-fr's "je ne peux pas même" (marketsToFrench):
// "même pas".
var frenchNotEvenCan = regexp.MustCompile(`\bne (peux|peut|pouvons|pouvez|peuvent|pouvais|pouvait) pas même\b`)

// portugueseForgotTo is es-pt's "esqueci comprar" (Spanish "olvidé
// comprar"): "esqueci-me de comprar".
var portugueseForgotTo = regexp.MustCompile(`\b([Ee])squeci ([a-zçãõáéíóúâêô]+r)\b`)

// spanishIWasThere is "Yo (no) estaba allí" (marketsEnglish), where
// Spanish leaves the writer unsaid.
var spanishIWasThere = regexp.MustCompile(`(^|[.!?¿¡] *)(Yo|yo) ((?:no )?estaba allí)`)

// marketRewritesByTarget are the rewrites of the rounds chat134-chat136.
var marketRewritesByTarget = map[string][]gatedRewrite{
	"fr": {
		{frenchNotEvenCan, " pas même", "", func(o string, m []int) (string, bool) {
			return "ne " + o[m[2]:m[3]] + " même pas", true
		}},
	},
	"es": {
		{spanishIWasThere, "estaba allí", "", func(o string, m []int) (string, bool) {
			rest := o[m[6]:m[7]]
			if o[m[4]:m[5]] == "Yo" {
				rest = upperFirst(rest)
			}
			return o[m[2]:m[3]] + rest, true
		}},
	},
	"pt": {
		{portugueseForgotTo, "squeci ", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + "squeci-me de " + o[m[4]:m[5]], true
		}},
	},
}

package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Yoga and meditation, the zoo, flatmates (rounds chat125-chat127): what
// the modes write word by word in those messages.

// leisureEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var leisureEnglish = slices.Concat(
	// Yoga: touching one's toes, "tocarme los dedos de los pies" ("tocar
	// mis dedos"), breathing in, "inspira" ("respira en") and holding it,
	// "aguanta" ("aguantarlo"), what helps one sleep, "me ayuda a dormir"
	// ("me ayuda el sueño"), doing minutes of a thing, "hago diez minutos"
	// ("Yo diez minutos": "do" was read as the auxiliary).
	only(`\^touch<vblex><inf>\$ +\^my<det><pos><sp>\$ +\^toe<n><pl>\$`, []string{
		`s%(\^touch<vblex><inf>\$) +\^my<det><pos><sp>\$ +\^toe<n><pl>\$%\1 ` + superblank("los dedos de los pies") + `%g`,
	}),
	only(`\^[Bb]reathe<vblex><pres>\$ +\^in<pr>\$`, slices.Concat(
		sayAs("B", "b", `reathe<vblex><pres>\$ +\^in<pr>\$`, "inspira", false),
		[]string{`s%\^and<cnjcoo>\$ +\^hold<vblex><inf>\$ +\^prpers<prn><obj><p3><nt><sg>\$%` + superblank("y aguanta") + `%g`},
	)),
	// (An earlier fix has put the object pronoun before the verb.)
	only(`\^help<vblex><[a-z0-9<>]*\$ +\^sleep<n><sg>\$`, []string{
		`s%(\^help<vblex><[a-z0-9<>]*\$) +\^sleep<n><sg>\$%\1 ` + superblank("a dormir") + `%g`,
	}),
	only(`\^do<vbdo><pres>\$ +\^[^<$]*<num>`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^do<vbdo><pres>\$`, "hago", false),
		sayAs("P", "p", `rpers<prn><subj><p1><mf><pl>\$ +\^do<vbdo><pres>\$`, "hacemos", false),
	)),
	// A place next to another, "junto a" ("luego a"), as the mode says
	// "beside".
	only(`\^next<adv>\$ +\^to<pr>\$ +\^the<det>`, []string{
		`s%\^next<adv>\$ +\^to<pr>\$( +\^the<det>)%^beside<pr>$\1%g`,
	}),
	// The zoo: children under three, "los niños menores de tres años"
	// ("niños debajo tres"), who get in free, "entran gratis" ("entra
	// libre"), the whole time, "todo el rato" ("el tiempo entero"), a
	// place too crowded, "demasiado lleno de gente" ("él tenía demasiada
	// gente").
	only(`\^child<n><pl>\$ +\^under<(adv)*(pr)*>\$ +\^[^<$]*<num><sp>\$`, []string{
		`s%\^[Cc]hild<n><pl>\$ +\^under<(adv)*(pr)*>\$ +(\^[^<$]*<num><sp>\$)%` + superblank("los niños menores de") + ` \3 ` + superblank("años") + `%g`,
	}),
	only(`\^get<vblex><pres># in\$ +\^free<adj><sint>\$`, []string{
		`s%\^get<vblex><pres># in\$ +\^free<adj><sint>\$%` + superblank("entran gratis") + `%g`,
	}),
	only(`\^the<det><def><sp>\$ +\^whole<adj>\$ +\^time<n><sg>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^whole<adj>\$ +\^time<n><sg>\$%` + superblank("todo el rato") + `%g`,
	}),
	// Flatmates: your stuff, "tus cosas" ("tu material"), lights left on,
	// "encendidas" ("encima"), whose turn it is, "a quién le toca" ("de
	// quién turno es"), taking out the bins, "sacar la basura" ("tomar
	// fuera de los cubos"), a kitchen that is a mess, "es un desastre"
	// ("es un desorden"), a friend staying over, "se queda a dormir" ("se
	// queda sobre"), moving out next month, "me mudo el mes que viene"
	// ("me mudo fuera de el mes"), the rent that is due, "se paga" ("es
	// previsto").
	only(`<det><pos><sp>\$ +\^stuff<n><sg>\$`, []string{
		`s%\^my<det><pos><sp>\$ +\^stuff<n><sg>\$%` + superblank("mis cosas") + `%g`,
		`s%\^your<det><pos><sp>\$ +\^stuff<n><sg>\$%` + superblank("tus cosas") + `%g`,
		`s%\^our<det><pos><sp>\$ +\^stuff<n><sg>\$%` + superblank("nuestras cosas") + `%g`,
		`s%\^(his)*(her)*(their)*<det><pos><sp>\$ +\^stuff<n><sg>\$%` + superblank("sus cosas") + `%g`,
		// and the verb after agrees with "cosas" ("tus cosas está").
		`s%(cosas\] +\^be<vbser><pri><p3>)<sg>\$%\1<pl>$%g`,
	}),
	lightsLeftOn("encendidas"),
	only(`\^[Ww]hose<det><itg><sp>\$ +\^turn<n><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^prpers<prn><obj><p3><nt><sg>\$ +\^to<pr>\$`,
		sayAs("W", "w", `hose<det><itg><sp>\$ +\^turn<n><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^prpers<prn><obj><p3><nt><sg>\$ +\^to<pr>\$`, "a quién le toca", false)),
	only(`\^take<vblex><inf>\$ +\^out<(pr)*(adv)*>\$ +\^the<det><def><sp>\$ +\^(bin)*(rubbish)*(trash)*(garbage)*<n>`, []string{
		`s%\^take<vblex><inf>\$ +\^out<(pr)*(adv)*>\$ +\^the<det><def><sp>\$ +\^(bin)*(rubbish)*(trash)*(garbage)*<n><[a-z]+>\$%` + superblank("sacar la basura") + `%g`,
	}),
	only(`\^be<vbser><pri><p3><sg>\$ +\^a<det><ind><sg>\$ +\^mess<n><sg>\$`, []string{
		`s%\^be<vbser><pri><p3><sg>\$ +\^a<det><ind><sg>\$ +\^mess<n><sg>\$%` + superblank("es un desastre") + `%g`,
	}),
	only(`\^stay<vblex><[a-z0-9<>]*\$ +\^over<(pr)*(adv)*>\$`, []string{
		`s%(\^stay<vblex><[a-z0-9<>]*\$) +\^over<(pr)*(adv)*>\$%\1 ` + superblank("a dormir") + `%g`,
	}),
	// (An earlier fix writes "next month" in a superblank.)
	only(`\^move<vblex><[a-z0-9<>]*\$ +\^out<(pr)*(adv)*>\$`, []string{
		`s%(\^move<vblex><[a-z0-9<>]*\$) +\^out<(pr)*(adv)*>\$( +\^next[ <])%\1\4%g`,
		`s%(\^move<vblex><[a-z0-9<>]*\$) +\^out<(pr)*(adv)*>\$( +\^this[ <])%\1\4%g`,
		`s%(\^move<vblex><[a-z0-9<>]*\$) +\^out<(pr)*(adv)*>\$( +\[)%\1\4%g`,
	}),
	only(`\^(rent)*(bill)*(payment)*<n><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^due<adj>\$ +\^on<(adv)*(pr)*>\$`, []string{
		`s%(\^(rent)*(bill)*(payment)*<n><sg>\$) +\^be<vbser><pri><p3><sg>\$ +\^due<adj>\$ +\^on<(adv)*(pr)*>\$%\1 ` + superblank("se paga el") + `%g`,
	}),
)

// lightsLeftOn writes the lights left on as the target says they are
// ("encendidas", Catalan "enceses"), the modes' "on" read as "encima",
// "damunt".
func lightsLeftOn(on string) []string {
	return only(`\^leave<vblex><[a-z]+>\$ +\^the<det><def><sp>\$ +\^light<n><pl>\$ +\^on<(adv)*(pr)*>\$`, []string{
		`s%(\^leave<vblex><[a-z]+>\$ +\^the<det><def><sp>\$ +\^light<n><pl>\$) +\^on<(adv)*(pr)*>\$%\1 ` + superblank(on) + `%g`,
	})
}

// leisureCatalan are tag fixes of eng-cat: how one feels, "em sento"
// ("Sento més tranquil"), lights left on, "encesos" ("damunt").
var leisureCatalan = slices.Concat(
	only(`\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^feel<vblex><pres>\$ +\^[^<$]*<(adj)*(adv)*>`,
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^feel<vblex><pres>\$`, "em sento", false)),
	lightsLeftOn("enceses"),
)

// leisureSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var leisureSpanish = slices.Concat(
	// Trying to do a thing, "intento meditar" ("attempt meditar": the noun
	// was read and "meditar" is a word spa-eng lacks).
	only(`^\^[Ii]ntento<n><m><sg>\$ +\^\**[^<$ ]*(<vblex><inf>)*\$`, []string{
		`s%^\^Intento<n><m><sg>\$%` + lowerSuperblank("I try to") + `%`,
		`s%^\^intento<n><m><sg>\$%` + lowerSuperblank("I try to") + `%`,
	}),
	only(`\^\*meditar\$`, []string{`s%\^\*meditar\$%` + lowerSuperblank("meditate") + `%g`}),
	// The weather as it was: "hacía demasiado calor", "it was too hot"
	// ("it did too heat").
	only(`\^[Hh]acer<vblex><pii><p3><sg>\$ +\^demasiado<`, slices.Concat(
		sayAs("H", "h", `acer<vblex><pii><p3><sg>\$ +\^demasiado<preadv>\$ +\^calor<n><m><sg>\$`, "it was too hot", false),
		sayAs("H", "h", `acer<vblex><pii><p3><sg>\$ +\^demasiado<preadv>\$ +\^caliente<adj>[^$]*\$`, "it was too hot", false),
		sayAs("H", "h", `acer<vblex><pii><p3><sg>\$ +\^demasiado<preadv>\$ +\^frío<[a-z]*><m><sg>\$`, "it was too cold", false))),
	// The kids had a great time: "se lo pasaron genial" ("spent it to
	// him genial"), the tagger joining "se lo" in one unit.
	only(`\^[Pp]rpers<prn><pro><p3><mf><sp>\+prpers<prn><pro><p3><m><sg>\$ +\^pasar<vblex><(ifi)*(pri)*><p3>`, func() []string {
		// (and "se lo pasa genial", "has a great time"); where the
		// line starts, with no subject before, "they" had it.
		const se = `[Pp]rpers<prn><pro><p3><mf><sp>\+prpers<prn><pro><p3><m><sg>\$ +\^pasar<vblex>`
		var subs []string
		for _, c := range []struct{ tense, how, text string }{
			{"<pri><p3><sg>", `\^\*genial\$`, "has a great time"},
			{"<pri><p3><pl>", `\^\*genial\$`, "have a great time"},
			{"<ifi><p3><pl>", `\^\*genial\$`, "had a great time"},
			{"<ifi><p3><pl>", `\^muy<preadv>\$ +\^bien<adv>\$`, "had a really good time"},
			{"<ifi><p3><pl>", `\^bien<adv>\$`, "had a good time"},
		} {
			units := se + c.tense + `\$ +` + c.how
			if strings.HasSuffix(c.tense, "<pl>") {
				they := "they " + c.text
				subs = append(subs,
					`s%^(( *\[[^]]*\])* *)\^P`+units[len(`[Pp]`):]+`%\1`+lowerSuperblank(upperFirst(they))+`%`,
					`s%^(( *\[[^]]*\])* *)\^p`+units[len(`[Pp]`):]+`%\1`+lowerSuperblank(they)+`%`)
			}
			subs = append(subs, `s%\^`+units+`%`+lowerSuperblank(c.text)+`%g`)
		}
		return subs
	}()),
	// A bathroom, "el cuarto de baño" ("the chamber of bath"), a door left
	// open, "the door open" ("the open door"), tickets bought on the
	// internet, "online" ("by internet").
	only(`\^cuarto<n><m><sg>\$ +\^de<pr>\$ +\^baño<n><m><sg>\$`, []string{
		`s%\^cuarto<n><m><sg>\$ +\^de<pr>\$ +\^baño<n><m><sg>\$%` + superblank("bathroom") + `%g`,
	}),
	only(`\^dejar<vblex>[^$]*\$ +\^el<det><def>[^$]*\$ +\^[^<$]*<n>[^$]*\$ +\^(abierto)*(encendido)*<adj>`, []string{
		`s%(\^dejar<vblex>[^$]*\$ +\^el<det><def>[^$]*\$ +\^[^<$]*<n>[^$]*\$) +\^abierto<adj><[mf]><[a-z]+>\$%\1 ` + superblank("open") + `%g`,
		`s%(\^dejar<vblex>[^$]*\$ +\^el<det><def>[^$]*\$ +\^[^<$]*<n>[^$]*\$) +\^encendido<adj><[mf]><[a-z]+>\$%\1 ` + superblank("on") + `%g`,
	}),
	// Taking the rubbish out, "sacar la basura" ("taken the rubbish"),
	// dishes "sin lavar", unwashed ("without washing").
	// (An earlier fix writes "he sacado" "I've taken".)
	only(`\^el<det><def><f><sg>\$ +\^basura<n><f><sg>\$`, []string{
		`s%(\^sacar<vblex>[^$]*\$ +\^el<det><def><f><sg>\$ +\^basura<n><f><sg>\$)%\1 ` + superblank("out") + `%g`,
		`s%(taken\] +\^el<det><def><f><sg>\$ +\^basura<n><f><sg>\$)%\1 ` + superblank("out") + `%g`,
	}),
	only(`\^sin<pr>\$ +\^lavar<vblex><inf>\$`, []string{
		`s%\^sin<pr>\$ +\^lavar<vblex><inf>\$%` + superblank("unwashed") + `%g`,
	}),
	only(`\^por<pr>\$ +\^internet<n><m><sg>\$`, []string{
		`s%\^por<pr>\$ +\^internet<n><m><sg>\$%` + superblank("online") + `%g`,
	}),
)

// leisureFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish): trying "de" do a thing ("intento de respirar"),
// meeting "at" a place ("nos vemos al studio"), a studio, taking out the
// bins, "sacar la basura" ("he salido las basuras"), one too stiff,
// "rígido" ("raide", a word fr-es lacks).
var leisureFrenchToSpanish = slices.Concat(
	only(`\^essayer<vblex>[^$]*\$ +\^de<pr>\$ +\^[^<$]*<vblex><inf>\$`, []string{
		`s%(\^essayer<vblex>[^$]*\$) +\^de<pr>\$ +(\^[^<$]*<vblex><inf>\$)%\1 \2%g`,
	}),
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^retrouver<vblex><pri><p3><sg>\$ +\^à<pr>\+le<det><def><m><sg>\$`, []string{
		`s%(\^se<prn><pro><ref><p3><mf><sp>\$ +\^retrouver<vblex><pri><p3><sg>\$) +\^à<pr>\+le<det><def><m><sg>\$%\1 ^en<pr>$ ^le<det><def><m><sg>$%g`,
	}),
	only(`\^\*studios*\$`, []string{
		`s%\^\*studio\$%` + superblank("estudio") + `%g`,
		`s%\^\*studios\$%` + superblank("estudios") + `%g`,
	}),
	only(`\^sortir<vblex><[a-z0-9<>]*\$ +\^le<det><def><mf><pl>\$ +\^\*poubelles\$`, []string{
		`s%(\^je<prn><tn><p1><mf><sg>\$ +)*\^avoir<vbhaver><pri><p1><sg>\$ +\^sortir<vblex><pp><m><sg>\$ +\^le<det><def><mf><pl>\$ +\^\*poubelles\$%` + superblank("he sacado la basura") + `%g`,
		`s%\^sortir<vblex><inf>\$ +\^le<det><def><mf><pl>\$ +\^\*poubelles\$%` + superblank("sacar la basura") + `%g`,
	}),
	only(`\^\*raides*\$`, []string{
		`s%\^\*raide\$%` + superblank("rígido") + `%g`,
		`s%\^\*raides\$%` + superblank("rígidos") + `%g`,
	}),
)

// leisurePortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): meditation ("meditação", which pt-es lacks), penguins, an
// aquarium, dishes ("loiça"), a thing cute, "mono" ("giro", read as a
// turn), "quem é que" who ("quién es que"), dishes left unwashed, "sin
// lavar", and "vimos" the lions, seeing them, not coming ("venimos"),
// eating, "comiendo" ("a comer").
var leisurePortuguese = slices.Concat(
	only(`\^\*meditaç`, []string{
		`s%\^\*meditação\$%` + superblank("meditación") + `%g`,
		`s%\^\*meditações\$%` + superblank("meditaciones") + `%g`,
	}),
	only(`\^\*pingui`, []string{
		`s%\^\*pinguins\$%` + superblank("pingüinos") + `%g`,
		`s%\^\*pinguim\$%` + superblank("pingüino") + `%g`,
	}),
	only(`\^\*aquário\$`, []string{`s%\^\*aquário\$%` + superblank("acuario") + `%g`}),
	only(`\^\*lo(i)*(u)*ça\$`, []string{
		`s%\^o<det><def><f><sg>\$ +\^\*lo(i)*(u)*ça\$%` + superblank("los platos") + `%g`,
		`s%\^\*lo(i)*(u)*ça\$%` + superblank("platos") + `%g`,
	}),
	only(`<(adv)*(vbser)*>[^$]*\$ +\^giro<n><[mf]><[a-z]+>\$`, []string{
		`s%(<(adv)*(vbser)*>[^$]*\$) +\^giro<n><[mf]><sg>\$%\1 ` + superblank("mono") + `%g`,
		`s%(<(adv)*(vbser)*>[^$]*\$) +\^giro<n><[mf]><pl>\$%\1 ` + superblank("monos") + `%g`,
	}),
	only(`<itg>[^$]*\$ +\^ser<vbser><pri><p3><sg>\$ +\^que<rel>`, []string{
		`s%(\^[^<$]*<[a-z]+><itg>[^$]*\$) +\^ser<vbser><pri><p3><sg>\$ +\^que<rel>[^$]*\$%\1%g`,
	}),
	only(`\^por<pr>\$ +\^lavar<vblex><inf>\$`, []string{
		`s%\^por<pr>\$ +\^lavar<vblex><inf>\$%` + superblank("sin lavar") + `%g`,
	}),
	only(`\^vir<vblex><pri><p1><pl>\$ +\^o<det>`, []string{
		`s%\^vir<vblex><pri><p1><pl>\$( +\^o<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$)( +\^a<pr>\$ +\^([^<$]*)<vblex><inf>\$)*%^ver<vblex><ifi><p1><pl>$\1 ^\3<vblex><ger>$%g`,
		`s% \^<vblex><ger>\$%%g`,
	}),
)

// leisureToFrench are tag fixes of es-fr: the month or week that comes,
// "le mois prochain" ("le mois que vient"), a place next to another.
var leisureToFrench = slices.Concat(
	only(`\^venir<vblex><pri><p3><sg>\$`, []string{
		`s%\^el<det><def><m><sg>\$ +\^mes<n><m><sg>\$ +\^que<rel><mf><sp>\$ +\^venir<vblex><pri><p3><sg>\$%` + superblank("le mois prochain") + `%g`,
		`s%\^el<det><def><f><sg>\$ +\^semana<n><f><sg>\$ +\^que<rel><mf><sp>\$ +\^venir<vblex><pri><p3><sg>\$%` + superblank("la semaine prochaine") + `%g`,
		`s%\^el<det><def><m><sg>\$ +\^año<n><m><sg>\$ +\^que<rel><mf><sp>\$ +\^venir<vblex><pri><p3><sg>\$%` + superblank("l'année prochaine") + `%g`,
	}),
	// A place "junto a" another, next to it, "à côté de" (es-fr read
	// "juntar": "est je joins à la gare"), as es-fr writes "al lado de"
	// ("au côté de", which phones.go's frenchBeside mends); units, not a superblank,
	// so that es-fr keeps the clause's subject.
	only(`<vb[a-z]*>[^$]*\$ +\^juntar<vblex><pri><p1><sg>\$ +\^a<pr>`, []string{
		`s%(<vb[a-z]*>[^$]*\$) +\^juntar<vblex><pri><p1><sg>\$ +\^a<pr>\+el<det><def><m><sg>\$%\1 ^a<pr>+el<det><def><m><sg>$ ^lado<n><m><sg>$ ^de<pr>+el<det><def><m><sg>$%g`,
		`s%(<vb[a-z]*>[^$]*\$) +\^juntar<vblex><pri><p1><sg>\$ +\^a<pr>\+el<det><def><m><pl>\$%\1 ^a<pr>+el<det><def><m><sg>$ ^lado<n><m><sg>$ ^de<pr>+el<det><def><m><pl>$%g`,
		`s%(<vb[a-z]*>[^$]*\$) +\^juntar<vblex><pri><p1><sg>\$ +\^a<pr>\$%\1 ^a<pr>+el<det><def><m><sg>$ ^lado<n><m><sg>$ ^de<pr>$%g`,
	}),
)

// frenchFlatmate is es-fr's "collègue d'appartement" (compañero de
// piso): "colocataire"; on the output, where a superblank for the subject
// would make es-fr add "il".
var frenchFlatmate = regexp.MustCompile(`\b(?:collègue|compagne|compagnon)(s?) d'appartement\b`)

// spanishStartDoing is "empecé hacer yoga": one starts "a" do a thing.
var spanishStartDoing = regexp.MustCompile(`\b((?:[Ee]mpec[ée]|[Ee]mpez(?:ó|amos|aron|aste|ar|ando|ado)|[Ee]mpiez(?:o|as|a|an)|[Cc]omenc[ée]|[Cc]omenz(?:ó|amos|aron|aste|ar|ando)|[Cc]omienz(?:o|as|a|an)) )([a-záéíóúñ]+(?:ar|er|ir))\b`)

// catalanStartDoing is "vaig començar fer": "a fer".
var catalanStartDoing = regexp.MustCompile(`\b((?:[Cc]omen[cç](?:ar|o|es|a|em|en|i|at)) )([a-zàèéíòóúç]+(?:ar|er|re|ir))\b`)

// spanishLightBill is eng-spa's "la factura de electricidad": "la
// factura de la luz".
var spanishLightBill = regexp.MustCompile(`\bfacturas? de (?:la )?electricidad\b`)

// englishOfToday is "the class of today", "the class of Thursday":
// "today's class", the genitive English names a day's things with.
var englishOfToday = regexp.MustCompile(`\b([Tt])he (class|lesson|meeting|game|match|session|party|show|concert|news|paper|menu|plan|plans|call|exam|test|appointment|dinner|lunch|talk|training|practice|episode|flight|train) of (today|tonight|tomorrow|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)

// frenchZoo is an aquarium, giraffes and dolphins, which es-fr lacks
// ("le acuario", "les jirafas", "des delfines"): written on the output, where a superblank for the
// subject would make es-fr add "il".
var frenchZoo = regexp.MustCompile(`\b(?:([Ll])e acuario|acuario(s?)|jirafa(s?)|delf(?:ín|ines))\b`)

// frenchEveryWeekday is "fermé les lundis" (Spanish "los lunes"): French
// says a weekly day in the singular, "le lundi".
var frenchEveryWeekday = regexp.MustCompile(`\b([Ll])es (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s\b`)

// leisureRewritesByTarget are the rewrites of the rounds chat125-chat127.
var leisureRewritesByTarget = map[string][]gatedRewrite{
	"en": {
		{englishOfToday, " of today| of tonight| of tomorrow| of yesterday| of Monday| of Tuesday| of Wednesday| of Thursday| of Friday| of Saturday| of Sunday", "", func(o string, m []int) (string, bool) {
			day := o[m[6]:m[7]]
			if o[m[2]:m[3]] == "T" {
				day = upperFirst(day)
			}
			return day + "'s " + o[m[4]:m[5]], true
		}},
	},
	"es": {
		{spanishStartDoing, "mpec|mpez|mpiez|omenc|omenz|omienz", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + "a " + o[m[4]:m[5]], true
		}},
		{spanishLightBill, "electricidad", "", func(o string, m []int) (string, bool) {
			bill := "factura"
			if o[m[0]+len("factura")] == 's' {
				bill = "facturas"
			}
			return bill + " de la luz", true
		}},
	},
	"ca": {
		{catalanStartDoing, "omen", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + "a " + o[m[4]:m[5]], true
		}},
	},
	"fr": {
		{frenchZoo, "acuario|jirafa|delf", "", func(o string, m []int) (string, bool) {
			switch {
			case m[2] >= 0:
				return o[m[2]:m[3]] + "'aquarium", true
			case m[4] >= 0:
				return "aquarium" + o[m[4]:m[5]], true
			case m[6] >= 0:
				return "girafe" + o[m[6]:m[7]], true
			case o[m[1]-1] == 's':
				return "dauphins", true
			}
			return "dauphin", true
		}},
		{frenchFlatmate, "d'appartement", "", func(o string, m []int) (string, bool) {
			return "colocataire" + o[m[2]:m[3]], true
		}},
		{frenchEveryWeekday, "les lundis|les mardis|les mercredis|les jeudis|les vendredis|les samedis|les dimanches|Les ", "", func(o string, m []int) (string, bool) {
			article := "le"
			if o[m[2]:m[3]] == "L" {
				article = "Le"
			}
			return article + " " + o[m[4]:m[5]], true
		}},
	},
}

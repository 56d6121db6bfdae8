package apertium

import "slices"

// Bikes, New Year and a visit to hospital (rounds chat86-chat88): what the
// modes write word by word in those messages.

// newYearEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var newYearEnglish = slices.Concat(
	// Cycling somewhere is going there by bike, "ir en bici": the
	// tagger reads "I cycle" as a numeral and a noun ("I ciclo para
	// trabajar").
	only(`\^cycle<`, []string{
		`s%\^I<num><mf><sg>\$ +\^cycle<n><sg>\$%^prpers<prn><subj><p1><mf><sg>$ ^go<vblex><pres>$ ` + superblank("en bici") + `%g`,
		`s%\^cycle(<vblex><[a-z]+>)\$%^go\1$ ` + superblank("en bici") + `%g`,
	}),
	// A puncture is "un pinchazo" ("una pinchadura"), got, "pinchar"
	// ("Cogía una pinchadura"); on the way to work "de camino al
	// trabajo" ("en el camino para trabajar").
	only(`\^puncture<n>`, func() []string {
		var subs []string
		for _, p := range [][2]string{{"p1><mf><sg", "pinché"}, {"p2><mf><s[gp]", "pinchaste"}, {"p3><[mf]><sg", "pinchó"}, {"p1><mf><pl", "pinchamos"}} {
			subs = append(subs, sayAs("P", "p", `rpers<prn><subj><`+p[0]+`>\$ +\^get<vblex><past>\$ +\^a<det><ind><sg>\$ +\^puncture<n><sg>\$`, p[1], false)...)
		}
		return append(subs, `s%\^puncture<n><sg>\$%`+superblank("pinchazo")+`%g`, `s%\^puncture<n><pl>\$%`+superblank("pinchazos")+`%g`)
	}()),
	only(`\^on the way<adv>\$ +\^to<pr>\$ +\^work<vblex><inf>`, []string{`s%\^on the way<adv>\$ +\^to<pr>\$ +\^work<vblex><inf>\$%` + superblank("de camino al trabajo") + `%g`}),
	// "having" a thing is "tener" ("somos habiendo una fiesta", the
	// auxiliary), a party one has one "hace" ("hacemos una fiesta").
	only(`\^have<vbhaver><ger>\$ +\^[^<$]*<det>`, []string{
		`s%\^be<vbser>(<[a-z0-9]+>)+\$ +\^have<vbhaver><ger>\$( +\^(a)*(the)*<det>[^$]*\$ +\^(party)*(barbecue)*(dinner)*<n>)%^do<vblex><pres>$\2%g`,
		`s%\^have<vbhaver><ger>\$( +\^[^<$]*<det>)%^have<vblex><ger>$\1%g`,
	}),
	// Stopping doing a thing is "dejar de" and the infinitive ("parar
	// fumando").
	only(`\^stop<vblex>[^$]*\$ +\^[^<$]*<vblex><ger>`, []string{`s%\^stop(<vblex>[^$]*)\$ +\^([^<$]*<vblex>)<ger>\$%^quit\1$ ` + superblank("de") + ` ^\2<inf>$%g`}),
	// Staying up is staying awake, "quedarse despierto" ("Me quedé
	// arriba").
	only(`\^stay<vblex>[^$]*\$ +\^up<adv>`, []string{`s%(\^stay<vblex>[^$]*\$) +\^up<adv>\$%\1 ` + superblank("despierto") + `%g`}),
	// One's New Year's resolution is "mi propósito" ("mi resolución":
	// a screen's stays).
	only(`<det><pos><sp>\$ +\^resolution<n>`, []string{
		`s%(<det><pos><sp>\$ +)\^resolution<n><sg>\$%\1` + superblank("propósito") + `%g`,
		`s%(<det><pos><sp>\$ +)\^resolution<n><pl>\$%\1` + superblank("propósitos") + `%g`,
	}),
	inHospital,
)

// inHospital gives British "in hospital" the article Spanish and Catalan
// say it with ("está en hospital", "és en hospital"): a tag fix of
// eng-spa and eng-cat.
var inHospital = only(`\^in<pr>\$ +\^hospital<n><sg>`, []string{`s%\^in<pr>\$ +\^hospital<n><sg>\$%^in<pr>$ ^the<det><def><sp>$ ^hospital<n><sg>$%g`})

// newYearSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var newYearSpanish = slices.Concat(
	// spa-eng lacks "ingresar" a patient ("my grandfather was
	// ingresado") and the ICU ("it is in the UCI").
	only(`\^\*[Ii]ngresad[oa]s*\$`, []string{`s%\^\*ingresad[oa]s*\$%` + superblank("admitted to hospital") + `%g`}),
	only(`\^en<pr>\$ +\^el<det><def><f><sg>\$ +\^\*UCI\$`, []string{`s%\^en<pr>\$ +\^el<det><def><f><sg>\$ +\^\*UCI\$%` + superblank("in intensive care") + `%g`}),
	// "en bici" after going is by bike ("I go in bicycle"); riding one,
	// "montar en bici", is riding a bike ("mount in bike").
	only(`\^en<pr>\$ +\^bici(cleta)*<n><f><sg>\$`, []string{
		`s%\^montar(<vblex>[^$]*\$) +\^en<pr>\$ +\^bici(cleta)*<n><f><sg>\$%^cabalgar\1 ` + superblank("a bike") + `%g`,
		`s%(\^(ir)*(venir)*(salir)*<vblex>[^$]*\$ +(\^[^$]*\$ +){0,3})\^en<pr>\$ +\^bici(cleta)*<n><f><sg>\$%\1` + superblank("by bike") + `%g`,
	}),
	// Fireworks are "fuegos artificiales" ("artificial fires";
	// Portuguese "fogo de artifício" through it).
	only(`\^fuego<n><m><pl>\$ +\^artificial<adj>`, []string{`s%\^fuego<n><m><pl>\$ +\^artificial<adj><mf><pl>\$%` + superblank("fireworks") + `%g`}),
	// "desde" a day or a time of day is since ("it is in the hospital
	// from Monday"; "desde casa" stays from home, "desde las cinco hasta
	// las siete" from five).
	only(`\^desde<pr>\$ +\^`, func() []string {
		var subs []string
		when := []string{`ayer<adv>`, `anoche<adv>`, `este<det><dem><f><sg>\$ +\^mañana<n>`, `entonces<adv>`}
		for _, d := range spanishDayNames {
			when = append(when, d+`<`, `el<det><def><m><sg>\$ +\^`+d+`<`)
		}
		for _, w := range when {
			subs = append(subs, `s%\^desde<pr>\$( +\^`+w+`)%`+superblank("since")+`\1%g`)
		}
		return subs
	}()),
)

// newYearFrench are tag fixes of es-fr: "comerse" what one ate is
// "manger" ("nous nous sommes mangés les raisins"), a hangover "une
// gueule de bois" ("un ressac"), "arreglar" a thing is "réparer"
// ("arranger"), doctors "médecins" ("docteurs"), a happy year "une
// bonne année" ("un heureux an"), this year "cette année" ("cet an"),
// "espero que" "j'espère que" ("j'attends que"), "a todas partes"
// "partout" ("à toutes parts").
var newYearFrench = slices.Concat(
	only(`<prn><pro><p[12]><mf><[sp][gl]>\$ +\^(comer)*(beber)*<vblex>[^$]*\$ +\^[^<$]*<det>`, []string{
		`s%\^[a-z]*<prn><pro><p[12]><mf><[sp][gl]>\$ +(\^(comer)*(beber)*<vblex>[^$]*\$ +\^[^<$]*<det>)%\1%g`,
		`s%\^[A-Z][a-z]*<prn><pro><p[12]><mf><[sp][gl]>\$ +\^c(omer<vblex>[^$]*\$ +\^[^<$]*<det>)%^C\1%g`,
		`s%\^[A-Z][a-z]*<prn><pro><p[12]><mf><[sp][gl]>\$ +\^b(eber<vblex>[^$]*\$ +\^[^<$]*<det>)%^B\1%g`,
	}),
	only(`\^a<pr>\$ +\^todo<predet><f><pl>\$ +\^parte<n><f><pl>`, []string{`s%\^a<pr>\$ +\^todo<predet><f><pl>\$ +\^parte<n><f><pl>\$%` + superblank("partout") + `%g`}),
	only(`\^resaca<n>`, []string{`s%\^resaca<n><f><sg>\$%` + superblank("gueule de bois") + `%g`}),
	only(`\^arreglar<vblex>[^$]*\$ +\^[^<$]*<det>`, []string{`s%\^arreglar(<vblex>[^$]*\$ +\^[^<$]*<det>)%^reparar\1%g`}),
	only(`\^doctor<n><m><pl>`, []string{`s%\^doctor<n><m><pl>%^médico<n><m><pl>%g`}),
	only(`\^feliz<adj><mf><sg>\$ +\^año<n>`, slices.Concat(
		sayAs("U", "u", `no<det><ind><m><sg>\$ +\^feliz<adj><mf><sg>\$ +\^año<n><m><sg>\$`, "une bonne année", false),
		sayAs("F", "f", `eliz<adj><mf><sg>\$ +\^año<n><m><sg>\$`, "bonne année", false),
	)),
	only(`\^[Ee]ste<det><dem><m><sg>\$ +\^año<n>`, sayAs("E", "e", `ste<det><dem><m><sg>\$ +\^año<n><m><sg>\$`, "cette année", false)),
	only(`\^[Ee]sperar<vblex><pri><p1><[sp][gl]>\$ +\^que<cnjsub>`, slices.Concat(
		sayAs("E", "e", `sperar<vblex><pri><p1><sg>\$ +\^que<cnjsub>\$`, "j'espère que", false),
		sayAs("E", "e", `sperar<vblex><pri><p1><pl>\$ +\^que<cnjsub>\$`, "nous espérons que", false),
	)),
)

// newYearToPortuguese are tag fixes of es-pt, which lacks "bici" ("o meu
// bici", "em bici"): "bicicleta", and going by it "de bicicleta".
var newYearToPortuguese = only(`\^\*bici\$`, []string{
	`s%\^en<pr>\$ +\^\*bici\$%` + superblank("de bicicleta") + `%g`,
	`s%\^\*bici\$%^bicicleta<n><f><sg>$%g`,
})

// newYearFrenchToSpanish are tag fixes of fr-es: a bike ride "à vélo"
// is "en bici" ("a bicicleta"), "faire un tour" "dar una vuelta" (the
// tour lost), New Year's Eve, "le réveillon", "la Nochevieja" (unknown).
var newYearFrenchToSpanish = slices.Concat(
	only(`\^à<pr>\$ +\^vélo<n>`, []string{`s%\^à<pr>\$ +\^vélo<n>(<[a-z]+>)*\$%` + superblank("en bici") + `%g`}),
	only(`\^faire<vblex><[a-z0-9<>]*>\# un tour\$`, []string{
		`s%\^on<prn><pro><ref><p3><mf><sp>\$ +\^faire<vblex><pri><p3><sg>\# un tour\$%` + superblank("damos una vuelta") + `%g`,
		`s%\^faire(<vblex><[a-z0-9<>]*>)\# un tour\$%^dar\1$ ` + superblank("una vuelta") + `%g`,
	}),
	only(`\^le<det><def><m><sg>\$ +\^\*réveillon\$`, []string{`s%\^le<det><def><m><sg>\$ +\^\*réveillon\$%` + superblank("la Nochevieja") + `%g`}),
)

// newYearPortuguese are tag fixes of pt-es: fireworks, "fogo de
// artifício", are "fuegos artificiales" ("fuego de artifício"), New
// Year's Eve, "a passagem de ano", "la Nochevieja" ("el pasaje de año").
var newYearPortuguese = slices.Concat(
	only(`\^fogo<n><m><[sp][gl]>\$ +\^de<pr>\$ +\^\*artifício\$`, []string{
		`s%\^o<det><def><m><[sp][gl]>\$ +\^fogo<n><m><[sp][gl]>\$ +\^de<pr>\$ +\^\*artifício\$%` + superblank("los fuegos artificiales") + `%g`,
		`s%\^fogo<n><m><[sp][gl]>\$ +\^de<pr>\$ +\^\*artifício\$%` + superblank("fuegos artificiales") + `%g`,
	}),
	only(`\^passagem<n><f><sg>\$ +\^de<pr>\$ +\^ano<n>`, []string{
		`s%\^o<det><def><f><sg>\$ +\^passagem<n><f><sg>\$ +\^de<pr>\$ +\^ano<n><m><sg>\$%` + superblank("la Nochevieja") + `%g`,
		`s%\^passagem<n><f><sg>\$ +\^de<pr>\$ +\^ano<n><m><sg>\$%` + superblank("Nochevieja") + `%g`,
	}),
)

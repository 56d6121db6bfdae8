package apertium

import (
	"regexp"
	"slices"
)

// A breakdown on the motorway, a child's fever at night, a proposal
// (rounds chat207-chat209): what the modes write word by word in those
// messages.

// proposalsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var proposalsEnglish = slices.Concat(
	// "put on" where a request starts ("puesto en"): "pon"; the hazard
	// lights, which eng-spa lacks, "las luces de emergencia".
	only(`\^put<vblex><pp>\$ +\^on<pr>\$ +\^the<det>`, startCapital(`\^put<vblex><pp>\$ +\^on<pr>\$`, "pon")),
	only(`\^\*hazard\$ +\^light<n><pl>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^\*hazard\$ +\^light<n><pl>\$%` + superblank("las luces de emergencia") + `%g`,
		`s%\^\*hazard\$ +\^light<n><pl>\$%` + superblank("luces de emergencia") + `%g`,
	}),
	// "cried" after its subject, the past ("mi mamá llorada").
	only(`<n><sg>\$ +\^cry<vblex><pp>\$`, []string{`s%(<n><sg>\$ +)\^cry<vblex><pp>\$%\1^cry<vblex><past>$%g`}),
	// A sore throat, "dolor de garganta" ("un dolor de garganta"; French
	// "mal à la gorge", proposalRewritesFrench).
	only(`\^sore<adj>(<sint>)*\$ +\^throat<n><sg>\$`, []string{
		`s%(\^a<det><ind><sg>\$ +)*\^sore<adj>(<sint>)*\$ +\^throat<n><sg>\$%` + superblank("dolor de garganta") + `%g`,
	}),
	// The hard shoulder, "el arcén" ("el hombro duro").
	only(`\^hard<adj>(<sint>)*\$ +\^shoulder<n><sg>\$`, []string{
		`s%(\^the<det><def><sp>\$ +)*\^hard<adj>(<sint>)*\$ +\^shoulder<n><sg>\$%` + superblank("el arcén") + `%g`,
	}),
	// Getting engaged, "prometerse" ("tomamos contratado"), in the
	// subject's person.
	only(`\^prpers<prn><subj><p[13]><[mf]*><[sp][gl]>\$ +\^get<vblex><past>\$ +\^engage<vblex><pp>\$`, []string{
		`s%\^prpers<prn><subj><p1><mf><pl>\$ +\^get<vblex><past>\$ +\^engage<vblex><pp>\$%` + superblank("nos prometimos") + `%g`,
		`s%(\^prpers<prn><subj><p3><mf><pl>\$ +)\^get<vblex><past>\$ +\^engage<vblex><pp>\$%\1` + superblank("se prometieron") + `%g`,
		`s%(\^prpers<prn><subj><p3><[mf]><sg>\$ +)\^get<vblex><past>\$ +\^engage<vblex><pp>\$%\1` + superblank("se prometió") + `%g`,
	}),
	// "haven't set", the participle ("hemos no poner").
	only(`\^have<vbhaver><pres>\+not<adv>\$ +\^set<vblex><inf>\$`, []string{
		`s%(\^have<vbhaver><pres>\+not<adv>\$ +)\^set<vblex><inf>\$%\1^set<vblex><pp>$%g`,
	}),
)

// proposalsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var proposalsSpanish = slices.Concat(
	// "¡qué bonito!", how lovely ("what beautiful!"), and "¡qué" before
	// another adjective, "how".
	only(`\^qué<prn><itg><m><sg>\$ +\^[^<$]*<adj>[^$]*\$\^!<sent>`, []string{
		`s%\^qué<prn><itg><m><sg>\$ +\^bonit[oa]<adj>[^$]*\$(\^!<sent>)%` + superblank("how lovely") + `\1%g`,
		`s%\^qué<prn><itg><m><sg>\$ +(\^[^<$]*<adj>[^$]*\$)(\^!<sent>)%` + lowerSuperblank("how") + ` \1\2%g`,
	}),
	// "¡nos casamos!", the news, "we're getting married" ("we get married
	// us"; getMarried leaves it).
	only(`\^¡<lquest>\$\^prpers<prn><pro><p1><mf><pl>\$ +\^casar<vblex><pri><p1><pl>\$\^!<sent>`, []string{
		`s%(\^¡<lquest>\$)\^prpers<prn><pro><p1><mf><pl>\$ +\^casar<vblex><pri><p1><pl>\$%\1` + superblank("we're getting married") + `%g`,
	}),
	// Not sleeping a wink, "no pegar ojo" ("paste eye") all night ("in
	// all night").
	only(`\^pegar<vblex><pp><m><sg>\$ +\^ojo<n><m><sg>\$`, []string{
		`s%(\^no<adv>\$ +)*\^haber<vbhaver><pri><p1><pl>\$ +\^pegar<vblex><pp><m><sg>\$ +\^ojo<n><m><sg>\$%` + superblank("we haven't slept a wink") + `%g`,
		`s%(\^no<adv>\$ +)*\^haber<vbhaver><pri><p1><sg>\$ +\^pegar<vblex><pp><m><sg>\$ +\^ojo<n><m><sg>\$%` + superblank("I haven't slept a wink") + `%g`,
		`s%\^en<pr>\$ +\^toda la noche<adv>\$%` + superblank("all night") + `%g`,
	}),
	// Running out, "nos quedamos sin", "we ran out of" ("we remain us
	// without").
	only(`\^prpers<prn><pro><p1><mf><pl>\$ +\^quedar<vblex><(ifi)*(pri)*><p1><pl>\$ +\^sin<pr>\$`, []string{
		`s%\^prpers<prn><pro><p1><mf><pl>\$ +\^quedar<vblex><(ifi)*(pri)*><p1><pl>\$ +\^sin<pr>\$%` + superblank("we ran out of") + `%g`,
	}),
)

// proposalsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): a car that broke down, "tomber en panne", "se ha averiado"
// ("ha caído en *panne"); "tousse" and "garagiste", which fr-es lacks.
var proposalsFrench = slices.Concat(
	// (An earlier fix writes "est tombée" as "se ha caído"; a later one
	// "en panne" as "caído", a server that is down.)
	only(`\[[^]]*se ha caído\] +\^en<prn><pro><adv>\$ +\^\*panne\$`, []string{
		`s%\[[^]]*se ha caído\] +\^en<prn><pro><adv>\$ +\^\*panne\$%` + superblank("se ha averiado") + `%g`,
	}),
	only(`\^\*tousse\$`, []string{`s%\^\*tousse\$%` + superblank("tose") + `%g`}),
	only(`\^\*garagiste\$`, []string{`s%\^\*garagiste\$%` + superblank("mecánico") + `%g`}),
)

// proposalsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): running out, "ficámos sem", "nos quedamos sin" ("quedamos
// sin").
// (An earlier fix reads Portugal's "ficámos" as the perfect, "ter
// ficado".)
var proposalsPortuguese = only(`\^ficar<vblex><(ifi><p1><pl)*(pp><m><sg)*>\$ +\^sem<pr>\$`, []string{
	`s%(\^ter<vbhaver><pri><p1><pl>\$ +)*\^ficar<vblex><(ifi><p1><pl)*(pp><m><sg)*>\$ +\^sem<pr>\$%` + lowerSuperblank("nos quedamos sin") + `%g`,
})

// proposalsToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): a tyre gone flat, "se ha pinchado", "on a crevé" ("il s'est
// piqué", stung).
var proposalsToFrench = only(`\^pinchar<vblex><pp>`, []string{
	`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^pinchar<vblex><pp><[mf]><sg>\$%` + superblank("on a crevé") + `%g`,
})

// proposalsCatalan are tag fixes of eng-cat: "I'm worried about", "estic
// preocupat per" ("Sóc va preocupar sobre"), with the person after it
// ("per li": "per ella").
var proposalsCatalan = only(`\^[Pp]rpers<prn><subj><p1><mf><sg>\+be<vbser><pres><p1><sg>\$ +\^worry<vblex><past>\$ +\^about<pr>\$`, func() []string {
	worried := `\^[Pp]rpers<prn><subj><p1><mf><sg>\+be<vbser><pres><p1><sg>\$ +\^worry<vblex><past>\$ +\^about<pr>\$`
	var subs []string
	for _, p := range [][2]string{{"p3><f><sg", "ella"}, {"p3><m><sg", "ell"}, {"p2><mf><sp", "tu"}, {"p3><mf><pl", "ells"}} {
		subs = append(subs, startCapital(worried+` +\^prpers<prn><obj><`+p[0]+`>\$`, "estic preocupat per "+p[1])...)
	}
	return append(subs, startCapital(worried, "estic preocupat per")...)
}())

// proposalsNothing is "no … cualquier cosa" ("he's not eating anything",
// "no está comiendo cualquier cosa", any thing at all): "no … nada".
var proposalsNothing = regexp.MustCompile(`\b([Nn]o (?:(?:está|estoy|estás|estamos|están) \pL+ndo|come|comió|hace|hizo|tengo|tiene|quiere|dice|dijo|veo|hay|sé|sabe)) cualquier cosa\b`)

// proposalRewritesSpanish are the Spanish rewrites of the rounds
// chat207-chat209.
var proposalRewritesSpanish = []gatedRewrite{
	{proposalsNothing, "cualquier cosa", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " nada", true
	}},
}

// proposalsSore is es-fr's "a douleur de gorge" ("tiene dolor de
// garganta"): French has "mal à la gorge"; and "se rester" ("quedarse"),
// "rester".
var (
	proposalsSore   = regexp.MustCompile(`\b(a|ai|as|avons|avez|ont) (?:une )?douleur (de gorge|de tête|de ventre|de dos|de dents)\b`)
	proposalsRester = regexp.MustCompile(`\bse (rester)\b`)
)

// proposalsSoreParts maps proposalsSore's parts to French's "mal à".
var proposalsSoreParts = map[string]string{"de gorge": "mal à la gorge", "de tête": "mal à la tête", "de ventre": "mal au ventre", "de dos": "mal au dos", "de dents": "mal aux dents"}

// proposalRewritesFrench are the French rewrites of the rounds
// chat207-chat209.
var proposalRewritesFrench = []gatedRewrite{
	{proposalsSore, "douleur de", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + proposalsSoreParts[o[m[4]:m[5]]], true
	}},
	{proposalsRester, "se rester", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]], true
	}},
}

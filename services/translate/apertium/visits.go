package apertium

import (
	"slices"
)

// Redecorating, an elderly grandparent, a music festival (rounds
// chat170-chat172): what the modes write word by word in those
// messages.

// visitsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var visitsEnglish = slices.Concat(
	// "next to", "al lado de" ("próximo a").
	only(`\^next<adj>\$ +\^to<pr>\$`, []string{
		`s%\^next<adj>\$ +\^to<pr>\$ +\^the<det><def><sp>\$%` + superblank("al lado de") + ` ^the<det><def><sp>$%g`,
		`s%\^next<adj>\$ +\^to<pr>\$%` + superblank("al lado de") + `%g`,
	}),
	// "lives" after one named, the verb ("my grandad lives with us", "mi
	// grandad vidas").
	only(`\^life<n><pl>\$ +\^(with)*(in)*(alone)*(near)*(next)*<`, []string{
		`s%((<n><sg>)*(\^\*[a-z]+)*\$ +)\^life<n><pl>\$( +\^(with)*(in)*(alone)*(near)*(next)*<)%\1^live<vblex><pri><p3><sg>$\4%g`,
	}),
	// Sold out, "se agotaron" ("vendieron fuera").
	only(`<n><(sg)*(pl)*>\$ +\^sell<vblex><past>\$ +\^out<adv>\$`, []string{
		`s%(<n><pl>\$) +\^sell<vblex><past>\$ +\^out<adv>\$%\1 ` + superblank("se agotaron") + `%g`,
		`s%(<n><sg>\$) +\^sell<vblex><past>\$ +\^out<adv>\$%\1 ` + superblank("se agotó") + `%g`,
	}),
)

// visitsCatalan are tag fixes of eng-cat: a walking stick, "un bastó"
// ("un estic d'excursionisme").
var visitsCatalan = only(`\^walking<n><sg>\$ +\^stick<n>`, []string{
	`s%\^walking<n><sg>\$ +\^stick<n><sg>\$%` + superblank("bastó") + `%g`,
})

// visitsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): remembering, "acordarse de", "recordar"
// ("¿te acuerdas de mí?", "do you agree you of me?"); a thing taken to
// one, "le he llevado sopa", "traer" ("I've spent him soup"); very far,
// "lejísimos", which spa-eng lacks.
var visitsSpanish = slices.Concat(
	only(`\^acordar<vblex>[^$]*\$ +\^(de)*(más de)*<pr>`, []string{
		`s%(\^(se)*(prpers)*<prn><pro>[^$]*\$ +)\^acordar<vblex>([^$]*)\$ +\^(de)*(más de)*<pr>\$%^recordar<vblex>\4$%g`,
		`s%\^acordar<vblex>([^$]*)\$ +\^(de)*(más de)*<pr>\$%^recordar<vblex>\1$%g`,
	}),
	only(`\^prpers<prn><pro><p3><mf><(sg)*(pl)*>\$ +(\^haber<vbhaver>[^$]*\$ +)*\^llevar<vblex>[^$]*\$ +\^[^<$]*<(n)*(det)*>`, []string{
		`s%(\^prpers<prn><pro><p3><mf><(sg)*(pl)*>\$ +(\^haber<vbhaver>[^$]*\$ +)*\^)llevar(<vblex>[^$]*\$ +\^[^<$]*<(n)*(det)*>)%\1traer\5%g`,
	}),
	only(`\^\*lejísimo`, []string{`s%\^\*lejísimos*\$%` + superblank("really far away") + `%g`}),
	// "fuera" ending a clause after a verb, out ("cenamos fuera", "we
	// have dinner it was": read as ser's subjunctive).
	only(`\^ser<vbser><pis><p3><sg>\$\^[.!?,;]<`, []string{
		`s%(<vblex>[^$]*\$ +)\^ser<vbser><pis><p3><sg>\$(\^[.!?,;]<)%\1` + superblank("out") + `\2%g`,
		`s%(\] +)\^ser<vbser><pis><p3><sg>\$(\^[.!?,;]<)%\1` + superblank("out") + `\2%g`,
	}),
)

// visitsFrenchToSpanish are tag fixes of fr-es (and of fr→en, through
// its Spanish): "nouvelle" before a thing, new ("la nouvelle déco", "la
// noticia"); a lot of people, "(demasiada, mucha) gente" ("demasiado de
// mundo"); going to one's, "chez", "a casa de" ("voy en mi abuela").
var visitsFrenchToSpanish = slices.Concat(
	only(`\^nouvelle<n><f><sg>\$ +\^(\*)*[a-z]`, []string{
		`s%\^nouvelle<n><f><sg>\$( +\^(\*)*[a-z])%^nouveau<adj><f><sg>$\1%g`,
	}),
	only(`\^monde<n><m><sg>\$`, []string{
		`s%\^trop<adv>\$ +\^de<pr>\$ +\^monde<n><m><sg>\$%` + superblank("demasiada gente") + `%g`,
		`s%\^beaucoup de<adj><mf><sp>\$ +\^monde<n><m><sg>\$%` + superblank("mucha gente") + `%g`,
		`s%(\+y avoir<vblex>[^$]*\$) +\^de<pr>\+le<det><def><m><sg>\$ +\^monde<n><m><sg>\$%\1 ` + superblank("gente") + `%g`,
	}),
	only(`\^chez<pr>\$ +\^[a-z]+<det><pos>`, []string{
		`s%(\^aller<vblex>[^$]*\$ +)\^chez<pr>\$( +\^[a-z]+<det><pos>)%\1` + superblank("a casa de") + `\2%g`,
		`s%(\^être<vbser>[^$]*\$ +)\^chez<pr>\$( +\^[a-z]+<det><pos>)%\1` + superblank("en casa de") + `\2%g`,
	}),
)

// visitsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): Portugal's "-ámos" of a verb in -ar, the past (es-pt's
// Spanish "compramos" is both tenses, and spa-eng read the present: "we
// buy a new carpet"), in the perfect, "hemos comprado", as Spain says the
// recent past.
var visitsPortuguese = only(`ar<vblex><ifi><p1><pl>\$`, []string{
	// Not where the line says when ("ontem", "na semana passada"), which
	// the perfect is not said with.
	`/\^[Oo]ntem</!{`, `/\^[Aa]nteontem</!{`, `/\^passa[rd][oa]*<(vblex><pp)*(adj)*/!{`,
	`s%\^([^<$]*ar)<vblex><ifi><p1><pl>\$%^ter<vbhaver><pri><p1><pl>$ ^\1<vblex><pp><m><sg>$%g`,
	`}`, `}`, `}`,
})

// visitsToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): cushions, "coussins" ("cojines", which es-fr lacks);
// second-hand, "d'occasion" ("de deuxième main").
var visitsToFrench = slices.Concat(
	only(`\^\*coj[íi]n`, []string{`s%\^\*cojines\$%` + superblank("coussins") + `%g`, `s%\^\*cojín\$%` + superblank("coussin") + `%g`}),
	only(`\^de<pr>\$ +\^segundo<adj><f><sg>\$ +\^mano<n>`, []string{
		`s%\^de<pr>\$ +\^segundo<adj><f><sg>\$ +\^mano<n><f><sg>\$%` + superblank("d'occasion") + `%g`,
	}),
)

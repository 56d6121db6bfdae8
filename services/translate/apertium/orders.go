package apertium

import (
	"regexp"
	"slices"
)

// Grandparents, flights and orders (rounds chat107-chat109): what the
// modes write word by word in those messages.

// ordersEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var ordersEnglish = slices.Concat(
	// Moving into a place is "mudarse a" ("movieron a"), a care home "una
	// residencia" ("una casa de cuidado").
	only(`\^move<vblex><past>\$ +\^into<pr>`, []string{
		`s%\^[Pp]rpers<prn><subj><p3><mf><pl>\$ +\^move<vblex><past>\$ +\^into<pr>\$%` + superblank("se mudaron a") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><pl>\$ +\^move<vblex><past>\$ +\^into<pr>\$%` + superblank("nos mudamos a") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^move<vblex><past>\$ +\^into<pr>\$%` + superblank("me mudé a") + `%g`,
	}),
	only(`\^care<n><sg>\$ +\^home<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^care<n><sg>\$ +\^home<n><sg>\$%` + superblank("una residencia") + `%g`,
		`s%\^the<det><def><sp>\$ +\^care<n><sg>\$ +\^home<n><sg>\$%` + superblank("la residencia") + `%g`,
		`s%\^care<n><sg>\$ +\^home<n><sg>\$%` + superblank("residencia") + `%g`,
	}),
	// One who fell "se cayó" ("cayó"), and broke a bone "se rompió la
	// cadera" ("rompió su cadera").
	only(`<n><sg>\$ +\^fall<vblex><past>\$ +\^and<cnjcoo>`, []string{
		`s%(<n><sg>\$ +)\^fall<vblex><past>\$( +\^and<cnjcoo>)%\1` + superblank("se cayó") + `\2%g`,
	}),
	only(`\^break<vblex><past>\$ +\^[^<$]*<det><pos><sp>\$ +\^(hip)*(arm)*(leg)*(wrist)*(ankle)*(nose)*(finger)*(foot)*(toe)*(rib)*<n>`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^break<vblex><past>\$ +\^my<det><pos><sp>\$%` + superblank("me rompí") + ` ^the<det><def><sp>$%g`,
		`s%\^break<vblex><past>\$ +\^(his)*(her)*<det><pos><sp>\$%` + superblank("se rompió") + ` ^the<det><def><sp>$%g`,
	}),
	// Visiting one's family takes the personal "a" ("visitamos mis
	// abuelos"): "visitamos a mis abuelos".
	only(`\^visit<vblex>[^$]*\$ +\^[^<$]*<det><pos><sp>\$ +\^(grand)*(parent)*(mother)*(father)*(mum)*(dad)*(friend)*(sister)*(brother)*(aunt)*(uncle)*(cousin)*(ma)*(pa)*<n>`, []string{
		`s%(\^visit<vblex>[^$]*\$)( +\^[^<$]*<det><pos><sp>\$ +\^[a-z]*<n>)%\1 ^to<pr>$\2%g`,
	}),
	// A boarding pass is "la tarjeta de embarque" ("el pase de
	// abordaje"), boarding that starts "el embarque empieza"
	// ("entablando inicios"), the security queue "la cola del control de
	// seguridad" ("la seguridad cola").
	only(`\^boarding<n><sg>\$ +\^pass<n>`, []string{
		`s%\^the<det><def><sp>\$ +\^boarding<n><sg>\$ +\^pass<n><sg>\$%` + superblank("la tarjeta de embarque") + `%g`,
		`s%\^boarding<n><sg>\$ +\^pass<n><sg>\$%` + superblank("tarjeta de embarque") + `%g`,
	}),
	only(`\^[Bb]oard<vblex><ger>\$ +\^start<n><pl>`, slices.Concat(
		sayAs("B", "b", `oard<vblex><ger>\$ +\^start<n><pl>\$`, "el embarque empieza", false),
	)),
	only(`\^security<n><sg>\$ +\^\*queue\$`, []string{
		`s%(\^the<det><def><sp>\$ +)?\^security<n><sg>\$ +\^\*queue\$%` + superblank("la cola del control de seguridad") + `%g`,
	}),
	// Refunded ("refunded", which eng-spa lacks): "me devolvieron el
	// dinero".
	only(`\^\*refunded\$ +\^prpers<prn><obj>`, []string{
		`s%\^[Pp]rpers<prn><subj><p3><mf><pl>\$ +\^\*refunded\$ +\^prpers<prn><obj><p1><mf><sg>\$%` + superblank("me devolvieron el dinero") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p3><mf><pl>\$ +\^\*refunded\$ +\^prpers<prn><obj><p1><mf><pl>\$%` + superblank("nos devolvieron el dinero") + `%g`,
		`s%\^\*refunded\$ +\^prpers<prn><obj><p1><mf><sg>\$%` + superblank("me devolvieron el dinero") + `%g`,
	}),
	// "have you got" a thing sent, "¿has recibido" ("¿tiene cogías");
	// "have you got a minute?" stays.
	only(`\^[Hh]ave<vblex><pres>\$ +\^prpers<prn><subj><p2><mf><sp>\$ +\^get<vblex><past>\$ +\^[^<$]*<det>[^$]*\$ +\^(refund)*(parcel)*(package)*(order)*(email)*(message)*(letter)*(money)*(result)*(invoice)*(payment)*<n>`, slices.Concat(
		sayAs("H", "h", `ave<vblex><pres>\$ +\^prpers<prn><subj><p2><mf><sp>\$ +\^get<vblex><past>\$`, "has recibido", false),
	)),
	// The tracking of a parcel, "el seguimiento" ("el siguiendo").
	only(`\^the<det><def><sp>\$ +\^track<vblex><ger>`, []string{
		`s%\^the<det><def><sp>\$ +\^track<vblex><ger>\$%` + superblank("el seguimiento") + `%g`,
	}),
)

// ordersSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var ordersSpanish = slices.Concat(
	// Going to one's grandmother's, or eating at hers, "a casa de mi
	// abuela" ("home of my grandmother").
	only(`\^a casa<adv>\$ +\^de<pr>\$ +\^[^<$]*<det><pos>`, []string{
		`s%(\^ir<vblex>[^$]*\$ +)\^a casa<adv>\$ +\^de<pr>\$ +(\^[^<$]*<det><pos>[^$]*\$ +\^[^<$]*<n>[^$]*\$)%\1` + superblank("to") + ` \2` + superblank("'s") + `%g`,
		`s%\^a casa<adv>\$ +\^de<pr>\$ +(\^[^<$]*<det><pos>[^$]*\$ +\^[^<$]*<n>[^$]*\$)%` + superblank("at") + ` \1` + superblank("'s") + `%g`,
	}),
	// How long a couple "llevan casados", have been married ("spend sixty
	// married years").
	only(`\^llevar<vblex><pri><p3><pl>\$ +\^[^<$]*<num>[^$]*\$ +\^año<n><m><pl>\$ +\^casado<adj>`, []string{
		`s%\^llevar<vblex><pri><p3><pl>\$ +(\^[^<$]*<num>[^$]*\$) +\^año<n><m><pl>\$ +\^casado<adj><[mf]><pl>\$%` + superblank("have been married for") + ` \1 ` + superblank("years") + `%g`,
	}),
	// The window or aisle seat one got, "me ha tocado ventanilla" ("it's
	// touched me window").
	only(`\^tocar<vblex>[^$]*\$ +\^(ventanilla)*(pasillo)*<n>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^tocar<vblex><pp><m><sg>\$ +\^ventanilla<n><f><sg>\$%` + superblank("I got a window seat") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^tocar<vblex><pp><m><sg>\$ +\^pasillo<n><m><sg>\$%` + superblank("I got an aisle seat") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^tocar<vblex><ifi><p3><sg>\$ +\^ventanilla<n><f><sg>\$%` + superblank("I got a window seat") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^tocar<vblex><ifi><p3><sg>\$ +\^pasillo<n><m><sg>\$%` + superblank("I got an aisle seat") + `%g`,
	}),
	// Boarding, "el embarque" ("the ship"): its queue, gate and pass.
	only(`\^embar(que<n>)*(car<vblex><prs>)*`, []string{
		`s%(\^de<pr>\+el<det><def><m><sg>\$ +\^)embarcar<vblex><prs><p3><sg>\$%\1embarque<n><m><sg>$%g`,
		`s%\^cola<n><f><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$ +\^embarque<n><m><sg>\$%` + superblank("boarding queue") + `%g`,
		`s%\^puerta<n><f><sg>\$ +\^de<pr>\$ +\^embarque<n><m><sg>\$%` + superblank("gate") + `%g`,
		`s%\^tarjeta<n><f><sg>\$ +\^de<pr>\$ +\^embarque<n><m><sg>\$%` + superblank("boarding pass") + `%g`,
		`s%\^embarque<n><m><sg>\$%` + superblank("boarding") + `%g`,
	}),
	// Money "devuelto" to one was refunded ("they've returned me the
	// money").
	only(`\^devolver<vblex>[^$]*\$ +\^el<det><def><m><sg>\$ +\^dinero<n>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^devolver<vblex><pp><m><sg>\$ +\^el<det><def><m><sg>\$ +\^dinero<n><m><sg>\$%` + superblank("they've refunded me") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^devolver<vblex><ifi><p3><pl>\$ +\^el<det><def><m><sg>\$ +\^dinero<n><m><sg>\$%` + superblank("they refunded me") + `%g`,
	}),
	// "devolver" a thing is returning it (spa-eng: "I have give the
	// package"), as "retornar".
	readAs("devolver", "retornar", "<vblex>"),
	// What "no me queda bien" does not fit ("it didn't remain me well").
	only(`\^no<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><p[ri]i><p3><[sp][gl]>\$ +\^bien<`, []string{
		`s%\^[Nn]o<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pii><p3><sg>\$ +\^bien<[a-z]+>\$%` + superblank("it didn't fit me") + `%g`,
		`s%\^[Nn]o<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^bien<[a-z]+>\$%` + superblank("it doesn't fit me") + `%g`,
		`s%\^[Nn]o<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pri><p3><pl>\$ +\^bien<[a-z]+>\$%` + superblank("they don't fit me") + `%g`,
	}),
	// What comes or arrives "con retraso" is late ("comes with delay"; a
	// flight that "sale con retraso" is delayed, chatFlights').
	only(`\^(venir)*(llegar)*<vblex>[^$]*\$ +\^con<pr>\$ +\^retraso<n>`, []string{
		`s%\^venir<vblex><pri><p3><sg>\$ +\^con<pr>\$ +\^retraso<n><m><sg>\$%` + superblank("is running late") + `%g`,
		`s%\^llegar<vblex><ifi><p3><sg>\$ +\^con<pr>\$ +\^retraso<n><m><sg>\$%` + superblank("arrived late") + `%g`,
		`s%\^llegar<vblex><pri><p3><sg>\$ +\^con<pr>\$ +\^retraso<n><m><sg>\$%` + superblank("is arriving late") + `%g`,
	}),
	// A thing that "me ha llegado roto" arrived broken ("it's arrived me
	// broken").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^llegar<vblex><pp><m><sg>\$ +\^[^<$]*<(adj)*(vblex)*>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^llegar<vblex><pp><m><sg>\$( +\^[^<$]*<(adj)*(vblex)*>)%` + lowerSuperblank("it arrived") + `\1%g`,
	}),
)

// ordersFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish): a grandparent, "papi" and "mamie" (fr-es lacks
// them), "coincé" stuck ("atrapado"), "ne… toujours pas" still not
// ("no he siempre pas").
var ordersFrenchToSpanish = slices.Concat(
	only(`\^\*(papi)*(mamie)*\$`, []string{
		`s%\^de<pr>\$ +\^\*papi\$%` + superblank("del abuelo") + `%g`,
		`s%\^de<pr>\$ +\^\*mamie\$%` + superblank("de la abuela") + `%g`,
		`s%(\^voir<vblex>[^$]*\$ +)\^\*papi\$%\1` + superblank("al abuelo") + `%g`,
		`s%(\^voir<vblex>[^$]*\$ +)\^\*mamie\$%\1` + superblank("a la abuela") + `%g`,
		`s%\^\*papi\$%` + superblank("el abuelo") + `%g`,
		`s%\^\*mamie\$%` + superblank("la abuela") + `%g`,
	}),
	only(`\^\*coincée*s*\$`, []string{
		`s%\^\*coincé\$ +\^à<pr>\$%` + superblank("atrapado") + ` ^dans<pr>$%g`,
		`s%\^\*coincée\$ +\^à<pr>\$%` + superblank("atrapada") + ` ^dans<pr>$%g`,
		`s%\^\*coincés\$ +\^à<pr>\$%` + superblank("atrapados") + ` ^dans<pr>$%g`,
		`s%\^\*coincé\$%` + superblank("atrapado") + `%g`,
		`s%\^\*coincée\$%` + superblank("atrapada") + `%g`,
		`s%\^\*coincés\$%` + superblank("atrapados") + `%g`,
	}),
	only(`\^ne<adv>\$ +\^[^<$]*<vb[a-z]*>[^$]*\$ +\^toujours<adv>\$ +\^pas<adv>`, []string{
		`s%(\^[^<$]*<prn><tn>[^$]*\$ +)?\^ne<adv>\$ +(\^[^<$]*<vb[a-z]*>[^$]*\$) +\^toujours<adv>\$ +\^pas<adv>\$%` + superblank("todavía") + ` \1^ne<adv>$ \2 ^pas<adv>$%g`,
	}),
)

// croquettesToFrench are es-fr's croquettes, which it lacks ("quelques
// croquetas").
var croquettesToFrench = only(`\^\*croquetas*\$`, []string{
	`s%\^uno<det><ind><f><pl>\$ +\^\*croquetas\$%` + superblank("des croquettes") + `%g`,
	`s%\^\*croquetas\$%` + superblank("croquettes") + `%g`,
	`s%\^\*croqueta\$%` + superblank("croquette") + `%g`,
})

// ordersPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): a coat, "o casaco" (pt-es lacks it), that "não me serve"
// does not fit ("no me sirve"), trousers, "calças" (read as "calçar").
var ordersPortuguese = slices.Concat(
	only(`\^\*[Cc]asacos*\$`, []string{
		`s%\^\*casaco\$%` + superblank("abrigo") + `%g`,
		`s%\^\*casacos\$%` + superblank("abrigos") + `%g`,
	}),
	only(`\^não<adv>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^servir<vblex><pri><p3><[sp][gl]>`, []string{
		`s%\^não<adv>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^servir<vblex><pri><p3><sg>\$%` + superblank("no me queda bien") + `%g`,
		`s%\^não<adv>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^servir<vblex><pri><p3><pl>\$%` + superblank("no me quedan bien") + `%g`,
	}),
	only(`\^este<prn><tn><f><pl>\$ +\^calçar<vblex>`, []string{
		`s%\^este<prn><tn><f><pl>\$ +\^calçar<vblex>[^$]*\$%` + superblank("estos pantalones") + `%g`,
	}),
)

// englishNoLonger is spa-eng's "no longer can drive" ("ya no puede
// conducir"): English puts "no longer" after the modal.
var englishNoLonger = regexp.MustCompile(`\bno longer (can|could|will|would|should|must) `)

// englishTrousersAre are trousers, plural in English ("the trousers is
// too big", French "le pantalon").
var englishTrousersAre = regexp.MustCompile(`\b((?:[Tt]he|[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Tt]hese|[Tt]hose|[Oo]ur) (?:trousers|jeans|pants|shorts|leggings|glasses|scissors)) (is|was)\b`)

// orderRewrites are the English rewrites of the rounds chat107-chat109.
var orderRewrites = []gatedRewrite{
	{englishNoLonger, "no longer ", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " no longer ", true
	}},
	{englishTrousersAre, " is| was", "trousers|jeans|pants|shorts|leggings|glasses|scissors", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + map[string]string{"is": "are", "was": "were"}[o[m[4]:m[5]]], true
	}},
}

// spanishFamilyVisits is the personal "a" before one's family, seen,
// visited or called ("voy a visitar mis abuelos").
var spanishFamilyVisits = regexp.MustCompile(`\b((?:visit|llam)\p{L}*|ver|veo|vemos|ves|vi|vimos) ((?:mis|tus|sus|nuestros|nuestras) (?:abuel|padres|hij|amig|herman|tí|prim|padre|madre|nietos|nietas))`)

// frenchFlightHours are a flight's or a meeting's hours, "aux sept le
// matin" (es-fr's "a las siete de la mañana"): "à sept heures du matin".
var frenchFlightHours = regexp.MustCompile(`\baux (deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)(?: (le matin|l'après-midi|le soir))?\b`)

// frenchOnlyHave is "seulement" before a subject's verb ("Je seulement
// ai bagage à main"): French says "je n'ai que".
var frenchOnlyHave = regexp.MustCompile(`\b([Jj]e|[Tt]u|[Ii]l|[Ee]lle|[Oo]n|[Nn]ous|[Vv]ous|[Ii]ls|[Ee]lles) seulement (ai|as|a|avons|avez|ont|peux|peut|pouvons|pouvez|peuvent|veux|veut|parle|parles|parlons|connais|connaît|sais|sait|mange|mangeons|bois|buvons) (\p{L}+)`)

// frenchBoarding is es-fr's "la porte d'embarque": "d'embarquement".
var frenchBoarding = regexp.MustCompile(`\b(d'|de l')embarque\b`)

// frenchOnline is es-fr's "par internet": French orders "sur internet".
var frenchOnline = regexp.MustCompile(`\bpar (internet|Internet)\b`)

// orderRewritesByTarget are their rewrites for the other targets.
var orderRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishFamilyVisits, "mis |tus |sus |nuestros |nuestras ", "visit|llam|ver |veo |vemos |ves |vi |vimos ", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " a " + o[m[4]:m[5]], true
		}},
	},
	"fr": {
		{frenchFlightHours, "aux ", "", func(o string, m []int) (string, bool) {
			out := "à " + o[m[2]:m[3]] + " heures"
			if m[4] >= 0 {
				out += " " + map[string]string{"le matin": "du matin", "l'après-midi": "de l'après-midi", "le soir": "du soir"}[o[m[4]:m[5]]]
			}
			return out, true
		}},
		{frenchOnlyHave, " seulement ", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " " + frenchOnly(o[m[4]:m[5]], o[m[6]:m[7]]), true
		}},
		{frenchBoarding, "embarque", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + "embarquement", true }},
		{frenchOnline, "par internet|par Internet", "", func(o string, m []int) (string, bool) { return "sur " + o[m[2]:m[3]], true }},
	},
}

package apertium

import (
	"regexp"
	"slices"
)

// A missed train, a flooded bathroom, a photography course (rounds
// chat198-chat200): what the modes write word by word in those messages.

// trainsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var trainsEnglish = slices.Concat(
	// "start without me", a request where the line starts ("Inicio sin
	// mí", the noun): "empieza sin mí".
	only(`\^start<n><sg>\$ +\^without<pr>\$ +\^prpers<prn><obj><p1>`, slices.Concat(
		startCapital(`\^start<n><sg>\$ +\^without<pr>\$ +\^prpers<prn><obj><p1><mf><sg>\$`, "empieza sin mí"),
		startCapital(`\^start<n><sg>\$ +\^without<pr>\$ +\^prpers<prn><obj><p1><mf><pl>\$`, "empieza sin nosotros"),
	)),
	// All the way to a place, "hasta" ("Corrí completamente a la
	// estación").
	only(`\^all the way<adv>\$ +\^to<pr>\$`, []string{`s%\^all the way<adv>\$ +\^to<pr>\$%` + superblank("hasta") + `%g`}),
	// A single ticket, "un billete de ida" ("una entrada sola"); a return
	// one, "de ida y vuelta".
	only(`\^(single)*(return)*<[a-z]+>\$ +\^ticket<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^single<adj>\$ +\^ticket<n><sg>\$%` + superblank("un billete de ida") + `%g`,
		`s%\^single<adj>\$ +\^ticket<n><sg>\$%` + superblank("billete de ida") + `%g`,
		`s%\^a<det><ind><sg>\$ +\^return<(n><sg)*(adj)*>\$ +\^ticket<n><sg>\$%` + superblank("un billete de ida y vuelta") + `%g`,
	}),
	// "fixed" after a noun and before its object is the past ("El
	// fontanero fijado la filtración", the participle), which fixArrange
	// has read as "arrange".
	only(`<n><sg>\$ +\^arrange<vblex><pp>\$ +\^[a-z]+<det>`, []string{
		`s%(<n><sg>\$ +)\^arrange<vblex><pp>\$( +\^[a-z]+<det>)%\1^arrange<vblex><past>$\2%g`,
	}),
	// A pipe that burst last night or yesterday, the past ("estalla").
	only(`\^burst<vblex><pres>\$.*\^yesterday<`, burstPast),
	only(`\^burst<vblex><pres>\$.*\^last night<adv>`, burstPast),
	// A ticket for a journey, "el billete" ("la entrada", a concert's):
	// "banknote", which eng-spa writes "billete", with its gender ("el
	// mismo billete").
	only(`\^ticket<n>`, func() []string {
		var subs []string
		for _, w := range []string{"train", "bus", "coach", "plane", "flight", "station", "inspector", "conductor", "journey", "fare", "ferry", "tram", "platform", "tube", "metro"} {
			subs = append(subs, `/\^`+w+`<n>/s%\^ticket<n>%^banknote<n>%g`)
		}
		return append(subs, `s%(\^the same<det><ind><sp>\$ +)\^ticket<n>%\1^banknote<n>%g`)
	}()),
	// "I fell asleep and missed my stop": the second verb keeps the
	// subject ("y perdió", the third person), which eng-spa reads only
	// before the first (or fellAsleep has written as "me quedé
	// dormido").
	only(`^(( *\[[^]]*\])* *)\^prpers<prn><subj><p1><mf><sg>\$ +\^[^<$]*<vblex><past>\$`, secondVerbFirstPerson),
	only(`^(( *\[[^]]*\])* *)\[[^]]*me quedé dormido\]`, secondVerbFirstPerson),
	// Days' evenings, "los jueves por la tarde" ("el jueves tardes").
	only(`\^on<(adv)*(pr)*>\$ +\^[A-Z][a-z]*day<n><sg>\$ +\^(evening)*(afternoon)*(morning)*<n><pl>\$`, func() []string {
		var subs []string
		for _, d := range [][2]string{{"Monday", "lunes"}, {"Tuesday", "martes"}, {"Wednesday", "miércoles"}, {"Thursday", "jueves"}, {"Friday", "viernes"}, {"Saturday", "sábados"}, {"Sunday", "domingos"}} {
			for _, p := range [][2]string{{"evening", "tarde"}, {"afternoon", "tarde"}, {"morning", "mañana"}} {
				subs = append(subs, `s%\^on<(adv)*(pr)*>\$ +\^`+d[0]+`<n><sg>\$ +\^`+p[0]+`<n><pl>\$%`+lowerSuperblank("los "+d[1]+" por la "+p[1])+`%g`)
			}
		}
		return subs
	}()),
	// Second-hand, "de segunda mano" after its noun ("una segundo-mano
	// lente").
	only(`\^second<det><ord><sp>\$\^-<guio>\$\^hand<n><sg>\$ +\^[a-z]+<n>`, []string{
		`s%\^second<det><ord><sp>\$\^-<guio>\$\^hand<n><sg>\$ +(\^[a-z]+<n><[a-z]+>\$)%\1 ` + superblank("de segunda mano") + `%g`,
	}),
	// Turning a thing off in the past (screensEnglish has the present).
	// Other persons first ("we turned off", "nosotros apagué"; sewing.go's
	// round).
	only(`\^(switch)*(turn)*<vblex><past>\$ +\^off<(pr)*(adv)*>\$`, []string{
		`s%\^prpers<prn><subj><p1><mf><pl>\$ +\^(switch)*(turn)*<vblex><past>\$ +\^off<(pr)*(adv)*>\$%` + superblank("apagamos") + `%g`,
		`s%\^prpers<prn><subj><p3><[mf]><sg>\$ +\^(switch)*(turn)*<vblex><past>\$ +\^off<(pr)*(adv)*>\$%` + superblank("apagó") + `%g`,
		`s%\^prpers<prn><subj><p3><mf><pl>\$ +\^(switch)*(turn)*<vblex><past>\$ +\^off<(pr)*(adv)*>\$%` + superblank("apagaron") + `%g`,
		`s%(\^prpers<prn><subj><p1><mf><sg>\$ +)*\^(switch)*(turn)*<vblex><past>\$ +\^off<(pr)*(adv)*>\$%` + superblank("apagué") + `%g`,
	}),
)

// trainsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var trainsSpanish = slices.Concat(
	// "desde hace" a time, "for" ("from does an hour").
	only(`\^desde<pr>\$ +\^hacer<vblex><pri><p3><sg>\$`, []string{`s%\^desde<pr>\$ +\^hacer<vblex><pri><p3><sg>\$%` + superblank("for") + `%g`}),
	// The bus got away from me, "I've missed the bus" ("It has escaped me
	// the bus").
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +(\^haber<vbhaver><pri><p3><sg>\$ +)*\^escapar<vblex>`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^escapar<vblex><pp><m><sg>\$%` + superblank("I've missed") + `%g`,
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^escapar<vblex><ifi><p3><sg>\$%` + superblank("I missed") + `%g`,
	}),
	// The neighbour downstairs or upstairs ("the neighbour of down").
	only(`\^vecin[oa]<n><[mf]><[sp][gl]>\$ +\^de<pr>\$ +\^(abajo)*(arriba)*<adv>\$`, []string{
		`s%\^vecin[oa]<n><[mf]><sg>\$ +\^de<pr>\$ +\^abajo<adv>\$%` + superblank("downstairs neighbour") + `%g`,
		`s%\^vecin[oa]<n><[mf]><pl>\$ +\^de<pr>\$ +\^abajo<adv>\$%` + superblank("downstairs neighbours") + `%g`,
		`s%\^vecin[oa]<n><[mf]><sg>\$ +\^de<pr>\$ +\^arriba<adv>\$%` + superblank("upstairs neighbour") + `%g`,
		`s%\^vecin[oa]<n><[mf]><pl>\$ +\^de<pr>\$ +\^arriba<adv>\$%` + superblank("upstairs neighbours") + `%g`,
	}),
	// A machine losing water is leaking ("The washing machine lost
	// water").
	only(`\^perder<vblex><(pii)*(pri)*><p3><sg>\$ +\^agua<n>`, []string{
		`s%\^perder<vblex><pii><p3><sg>\$ +\^agua<n><f><sg>\$%` + superblank("was leaking") + `%g`,
		`s%\^perder<vblex><pri><p3><sg>\$ +\^agua<n><f><sg>\$%` + superblank("is leaking") + `%g`,
	}),
	// Spending all night at a thing ("we've put in an all-nighter drying
	// the floor": spa-eng's phrase is staying up to study).
	only(`\^pasar<vblex>[^$]*# toda la noche\$ +\^[^<$]*<vblex><ger>`, []string{
		`s%\^pasar(<vblex>[^$#]*)# toda la noche\$%^pasar\1$ ` + superblank("all night") + `%g`,
	}),
)

// trainsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish).
var trainsFrench = slices.Concat(
	// "bondé", which fr-es lacks: "abarrotado".
	only(`\^\*bond`, []string{
		`s%\^être<vbser><pri><p3><sg>\$ +\^\*bondée*\$%` + superblank("está abarrotado") + `%g`,
		`s%\^être<vbser><pri><p3><pl>\$ +\^\*bondée*s\$%` + superblank("están abarrotados") + `%g`,
		`s%\^\*bondé\$%` + superblank("abarrotado") + `%g`, `s%\^\*bondée\$%` + superblank("abarrotada") + `%g`,
		`s%\^\*bondés\$%` + superblank("abarrotados") + `%g`, `s%\^\*bondées\$%` + superblank("abarrotadas") + `%g`,
	}),
	// "a débordé", which it lacks too: "se ha desbordado".
	only(`\^\*débord`, []string{
		`s%\^avoir<vbhaver><pri><p3><sg>\$ +\^\*débordée*\$%` + superblank("se ha desbordado") + `%g`,
		`s%\^avoir<vbhaver><pri><p3><pl>\$ +\^\*débordée*s\$%` + superblank("se han desbordado") + `%g`,
	}),
	// "de" before an adjective and its plural noun, the partitive
	// ("toma de muy bellas fotos").
	only(`\^de<pr>\$ +(\^(très)*(trop)*(si)*<(preadv)*(adv)*>\$ +)*\^(bel)*(beau)*(bon)*(joli)*(grand)*(petit)*(vrai)*<adj><[mf]*><pl>\$ +\^[^<$]*<n><[mf]*><pl>`, []string{
		`s%(<vblex>[^$]*\$ +)\^de<pr>\$( +(\^[^<$]+<(preadv)*(adv)*>\$ +)*\^[^<$]+<adj><[mf]*><pl>\$ +\^[^<$]*<n><[mf]*><pl>)%\1\2%g`,
	}),
	// Forgetting to do, "olvidar" without "de" ("he olvidado de cargar").
	only(`\^oublier<vblex>[^$]*\$ +\^de<pr>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%(\^oublier<vblex>[^$]*\$) +\^de<pr>\$( +\^[^<$]*<vblex><inf>)%\1\2%g`,
	}),
)

// trainsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish).
var trainsPortuguese = slices.Concat(
	// "há" a time after what lasts it, "desde hace" ("está parado hay
	// media hora", "there is half an hour"); spa-eng's "desde hace" is
	// "for" (trainsSpanish).
	only(`\$ +\^há<vblex><pri><p3><sg>\$ +\^(meia hora)*(um)*(uma)*(dois)*(duas)*(três)*(muito)*(pouco)*[0-9]*<`, []string{
		`s%(<(vblex)*(vbser)*(adj)*(adv)*(n)*>[^$]*\$) +\^há<vblex><pri><p3><sg>\$( +\^(meia hora)*(um)*(uma)*(dois)*(duas)*(três)*(muito)*(pouco)*[0-9]*<)%\1 ` + superblank("desde hace") + `\7%g`,
	}),
	// Superlatives in "-íssimo", which pt-es lacks: Spanish "-ísimo"
	// ("caríssimo", "carísimo"), left marked unknown.
	only(`\^\*[^$]*íssim[oa]s*\$`, []string{`s%\^\*([^$]*)íssim([oa]s*)\$%^*\1ísim\2$%g`}),
)

// trainsNextOne is "el próximo uno", "the next one" word for word: "el
// próximo".
var trainsNextOne = regexp.MustCompile(`\b((?:[Ee]l|[Ll]a|[Ee]ste|[Ee]sta)\s+(?:próxim[oa]|siguiente|últim[oa]|primer[oa]?|otr[oa]))\s+un[oa]\b`)

// trainsLastMinute is "dans la dernière minute" (es-fr's "en el último
// minuto"): French is "à la dernière minute".
var trainsLastMinute = regexp.MustCompile(`\bdans (la dernière minute)\b`)

// trainsSecondHand is "de deuxième main" (es-fr's "de segunda mano"): a
// thing bought second-hand is "d'occasion".
var trainsSecondHand = regexp.MustCompile(`\bde (?:deuxième|seconde) main\b`)

// trainRewritesSpanish are the Spanish rewrites of the rounds
// chat198-chat200.
var trainRewritesSpanish = []gatedRewrite{
	{trainsNextOne, " uno| una", "próxim|siguiente|últim|primer|otr", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]], true
	}},
}

// trainRewritesFrench are the French rewrites of the rounds
// chat198-chat200.
var trainRewritesFrench = []gatedRewrite{
	{trainsLastMinute, "dernière minute", "", func(o string, m []int) (string, bool) {
		return "à " + o[m[2]:m[3]], true
	}},
	{trainsSecondHand, " main", "", func(o string, m []int) (string, bool) {
		return "d'occasion", true
	}},
}

// trainsItEverything is spa-eng's "lo … todo" word for word ("the
// insurance covers it everything"): "covers everything".
var trainsItEverything = regexp.MustCompile(`\b(\pL+) it (everything)\b`)

// trainRewritesEnglish are the English rewrites of the rounds
// chat198-chat200.
var trainRewritesEnglish = []gatedRewrite{
	{trainsItEverything, "it everything", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
	}},
}

// burstPast reads "burst" as the past.
var burstPast = []string{`s%\^burst<vblex><pres>\$%^burst<vblex><past>$%g`}

// secondVerbFirstPerson gives the second of two verbs in the past joined
// by "and" the writer's subject, which eng-spa gives only the first ("I
// fell asleep and missed my stop", "y perdió", the third person).
var secondVerbFirstPerson = []string{
	`/\^and<cnjcoo>\$ +\^[^<$]*<vblex><past>\$/s%(\^and<cnjcoo>\$ +)(\^[^<$]*<vblex><past>\$)%\1^prpers<prn><subj><p1><mf><sg>$ \2%`,
}

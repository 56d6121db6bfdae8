package apertium

import (
	"regexp"
	"slices"
)

// Furniture, presents, colds and flu (rounds chat113-chat115): what the
// modes write word by word in those messages.

// giftsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var giftsEnglish = slices.Concat(
	// How one feels is "me siento" ("Siento enfermo", "Siento mejor").
	only(`\^prpers<prn><subj><p1><mf><sg>\$ +\^feel<vblex><pres>\$ +(\^[a-z]+<preadv>\$ +)*\^[^<$]*<(adj)*(adv)*(vblex><pp)*>`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^feel<vblex><pres>\$`, "me siento", false),
	)),
	// "stay" opening a request is the imperative, "quédate" ("estancia
	// en casa": the tagger reads the noun), and "drink" after it too.
	only(`^\^[Ss]tay<n><sg>\$ +\^(in)*(at)*(home)*<`, []string{
		`s%^\^Stay<n><sg>\$%` + superblank("Quédate") + `%`,
		`s%^\^stay<n><sg>\$%` + superblank("quédate") + `%`,
		`s%\^and<cnjcoo>\$ +\^drink<n><sg>\$%^and<cnjcoo>$ ` + superblank("bebe") + `%g`,
	}),
	// Coming down with a cold is catching one, "me estoy resfriando"
	// ("vengo abajo con un frío"); a sore throat "dolor de garganta"
	// ("una garganta dolorida"), all week "toda la semana".
	only(`\^come<vblex><[a-z]+>\$ +\^down<adv>\$ +\^with<pr>\$ +\^a<det><ind><sg>\$ +\^cold<`, []string{
		`s%\^be<vbser><pri><p1><sg>\$ +\^come<vblex><ger>\$ +\^down<adv>\$ +\^with<pr>\$ +\^a<det><ind><sg>\$ +\^cold<[^$]*\$%` + superblank("me estoy resfriando") + `%g`,
		// (after "I think", read "believe", an earlier fix has read "I'm
		// coming" as the present, "I come").
		`s%(\^believe<vblex>[^$]*\$) +\^prpers<prn><subj><p1><mf><sg>\$ +\^come<vblex><pres>\$ +\^down<adv>\$ +\^with<pr>\$ +\^a<det><ind><sg>\$ +\^cold<[^$]*\$%\1 ` + superblank("que me estoy resfriando") + `%g`,
	}),
	only(`\^sore<adj><sint>\$ +\^throat<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^sore<adj><sint>\$ +\^throat<n><sg>\$%` + superblank("dolor de garganta") + `%g`,
	}),
	only(`\^all<predet><sp>\$ +\^(week)*(day)*(night)*(morning)*(month)*(year)*<n><sg>`, []string{
		`s%\^all<predet><sp>\$ +\^week<n><sg>\$%` + superblank("toda la semana") + `%g`,
		`s%\^all<predet><sp>\$ +\^day<n><sg>\$%` + superblank("todo el día") + `%g`,
		`s%\^all<predet><sp>\$ +\^night<n><sg>\$%` + superblank("toda la noche") + `%g`,
		`s%\^all<predet><sp>\$ +\^morning<n><sg>\$%` + superblank("toda la mañana") + `%g`,
		`s%\^all<predet><sp>\$ +\^month<n><sg>\$%` + superblank("todo el mes") + `%g`,
		`s%\^all<predet><sp>\$ +\^year<n><sg>\$%` + superblank("todo el año") + `%g`,
	}),
	// What is missing, "falta" ("hay un tornillo perdiendo").
	only(`\^there<adv>\+be<vbser><pri><p3><sg>\$ +\^a<det><ind><sg>\$ +\^[^<$]*<n><sg>\$ +\^miss<vblex><ger>`, []string{
		`s%\^[Tt]here<adv>\+be<vbser><pri><p3><sg>\$ +(\^a<det><ind><sg>\$ +\^[^<$]*<n><sg>\$) +\^miss<vblex><ger>\$%` + superblank("falta") + ` \1%g`,
	}),
	// "in case" is "por si" ("en caso lo quieres").
	only(`\^in<pr>\$ +\^case<n><sg>\$ +\^prpers<prn><subj>`, []string{
		`s%\^in<pr>\$ +\^case<n><sg>\$( +\^prpers<prn><subj>)%` + superblank("por si") + `\1%g`,
	}),
	// Furniture put together is assembled, "montar" ("puesto el armario
	// juntos"; breakfastEnglish has written "together" "juntos").
	only(`\^put<vblex>[^$]*\$ +\^the<det><def><sp>\$ +\^[^<$]*<n><[sp][gl]>\$ +`+regexp.QuoteMeta(superblank("juntos")), func() []string {
		together := regexp.QuoteMeta(superblank("juntos"))
		return []string{
			`s%(\^help<vblex>[^$]*\$ +\^prpers<prn><obj>[^$]*\$ +)\^put<vblex>[^$]*\$( +\^the<det><def><sp>\$ +\^[^<$]*<n><[sp][gl]>\$) +` + together + `%\1` + superblank("a montar") + `\2%g`,
			`s%\^put<vblex>[^$]*\$( +\^the<det><def><sp>\$ +\^[^<$]*<n><[sp][gl]>\$) +` + together + `%` + superblank("montar") + `\1%g`,
		}
	}()),
	// One who loved a present "le encantó" ("adoró el regalo"; the
	// tagger read "present" as the adjective, and loveThings has made
	// "love" of a thing "adore").
	only(`\^(love)*(adore)*<vblex><past>\$ +\^the<det><def><sp>\$ +\^(present)*(gift)*(gifts)*(presents)*<`, func() []string {
		subs := []string{`s%(\^the<det><def><sp>\$ +\^present)<adj>\$%\1<n><sg>$%g`}
		for _, verb := range []string{"love", "adore"} {
			subs = append(subs,
				`s%\^prpers<prn><subj><p3><[mf]><sg>\$ +\^`+verb+`<vblex><past>\$ +(\^the<det><def><sp>\$ +\^[^<$]*<n><sg>\$)%`+superblank("le encantó")+` \1%g`,
				`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^`+verb+`<vblex><past>\$ +(\^the<det><def><sp>\$ +\^[^<$]*<n><sg>\$)%`+superblank("me encantó")+` \1%g`)
		}
		return subs
	}()),
)

// giftsSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var giftsSpanish = slices.Concat(
	// "no hacía falta" is there was no need ("it did not do fault"),
	// said of a present, you shouldn't have.
	only(`\^no<adv>\$ +\^hacer<vblex><pii><p3><sg>\$ +\^falt`, []string{
		`s%\^[Nn]o<adv>\$ +\^hacer<vblex><pii><p3><sg>\$ +\^falt[ao]<[^$]*\$%` + superblank("there was no need") + `%g`,
	}),
	// What aches all over, "me duele todo el cuerpo" ("it hurts me all
	// the body").
	only(`\^doler<vblex><pri><p3><sg>\$ +\^todo<predet><m><sg>\$ +\^el<det><def><m><sg>\$ +\^cuerpo<n>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^doler<vblex><pri><p3><sg>\$ +\^todo<predet><m><sg>\$ +\^el<det><def><m><sg>\$ +\^cuerpo<n><m><sg>\$%` + superblank("my whole body aches") + `%g`,
	}),
	// What was given to one as a present, "¿qué te han regalado?" ("what
	// have given you?").
	only(`\^qué<prn><itg>[^$]*\$ +\^prpers<prn><pro><p2><mf><sg>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^regalar<vblex><pp>`, []string{
		`s%\^qué<prn><itg>[^$]*\$ +\^prpers<prn><pro><p2><mf><sg>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^regalar<vblex><pp><m><sg>\$%` + superblank("what did they give you") + `%g`,
	}),
	// The flu jab one "se ha puesto", has had ("I've put me the vaccine
	// of the flu").
	only(`\^vacuna<n><f><sg>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^poner<vblex><pp><m><sg>\$%` + superblank("I've had") + `%g`,
		`s%\^el<det><def><f><sg>\$ +\^vacuna<n><f><sg>\$ +\^de<pr>\$ +\^el<det><def><f><sg>\$ +\^gripe<n><f><sg>\$%` + superblank("the flu jab") + `%g`,
	}),
	// Coughing, "tosiendo", which spa-eng lacks.
	only(`\^\*tos(iendo)*(o)*\$`, []string{
		`s%\^\*tosiendo\$%` + superblank("coughing") + `%g`,
		`s%\^\*toso\$%` + superblank("I cough") + `%g`,
	}),
	// "tómate algo" is have something ("take you something").
	only(`\^tomar<vblex><imp><p2><sg>\+prpers<prn><enc><p2><mf><sg>\$ +\^(algo)*(un)*`, []string{
		`s%\^[Tt]omar<vblex><imp><p2><sg>\+prpers<prn><enc><p2><mf><sg>\$%` + lowerSuperblank("have") + `%g`,
	}),
	// "me encanta" said of the thing one was given is I love it ("I
	// love, thank you").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^encantar<vblex><pri><p3><sg>\$ *(\^[,.!]<[a-z]+>)*`, []string{
		`s%\^([Pp])rpers<prn><pro><p1><mf><sg>\$ +\^encantar<vblex><pri><p3><sg>\$( *\^[,.!]<[a-z]+>)%` + superblank("I love it") + `\2%g`,
		`s%\^([Pp])rpers<prn><pro><p1><mf><sg>\$ +\^encantar<vblex><pri><p3><sg>\$ *$%` + superblank("I love it") + `%g`,
	}),
)

// giftsFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish): a screw, "une vis" (read as "vivre": "falta una
// vivo"), a sofa, "le canapé", a partitive after "avoir" ("j'ai de la
// fièvre", "tengo de la fiebre").
var giftsFrenchToSpanish = slices.Concat(
	only(`\^un<prn><tn><f><sg>\$ +\^vivre<vblex>`, []string{
		`s%\^un<prn><tn><f><sg>\$ +\^vivre<vblex><pri><p1><sg>\$%` + superblank("un tornillo") + `%g`,
	}),
	only(`\^canapé<n>`, []string{
		`s%\^canapé<n><m><sg>\$%` + superblank("sofá") + `%g`,
		`s%\^canapé<n><m><pl>\$%` + superblank("sofás") + `%g`,
	}),
	only(`\^avoir<vblex>[^$]*\$ +\^de<pr>`, []string{
		`s%(\^avoir<vblex>[^$]*\$) +\^de<pr>\$ +\^le<det><def><f><sg>\$( +\^[^<$]*<n><f><sg>)%\1\2%g`,
		`s%(\^avoir<vblex>[^$]*\$) +\^de<pr>\+le<det><def><m><sg>\$( +\^[^<$]*<n><m><sg>)%\1\2%g`,
	}),
)

// giftsPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): Portugal's present, "a prenda", which the tagger reads as
// "prender" ("adoré a prenda", "thank you it peels piece"; where it is
// read as the noun, senses make it "regalo").
var giftsPortuguese = only(`\^prender<vblex>`, []string{
	`s%\^a<pr>\$ +\^prender<vblex><prs><p[13]><sg>\$%` + superblank("el regalo") + `%g`,
	`s%\^pelar<vblex><imp><p2><sg>\$ +\^prender<vblex><imp><p3><sg>\$%` + superblank("por el regalo") + `%g`,
	`s%\^o<prn><pro><p3><f><pl>\$ +\^prender<vblex><prs><p2><sg>\$%` + superblank("los regalos") + `%g`,
})

// cositaToFrench is es-fr's "una cosita", a little something, which it
// lacks.
var cositaToFrench = only(`\^\*cosita\$`, []string{
	`s%\^uno<det><ind><f><sg>\$ +\^\*cosita\$%` + superblank("un petit quelque chose") + `%g`,
	`s%\^\*cosita\$%` + superblank("petit quelque chose") + `%g`,
})

// escritorioToFrench is es-fr's desk, "le bureau" ("le escritorio").
var escritorioToFrench = only(`\^\*escritorios*\$`, []string{
	`s%\^\*escritorio\$%` + superblank("bureau") + `%g`,
	`s%\^\*escritorios\$%` + superblank("bureaux") + `%g`,
})

// spanishHaveFever is eng-spa's "tengo una fiebre" ("I've got a
// temperature"): one has "fiebre".
var spanishHaveFever = regexp.MustCompile(`\b((?:[Tt]engo|[Tt]ienes|[Tt]iene|[Tt]enemos|[Tt]ienen|[Tt]enía|[Tt]uve|[Tt]uvo)) una (fiebre|tos)\b`)

// catalanEstar is eng-cat's "és trencada" ("the chair is broken"): a
// state is "estar", "està trencada".
var catalanEstar = regexp.MustCompile(`(^|[\s,])(és|són|era|eren) ((?:molt |massa |tot |tota )?(?:trencad|espatllad|tancad|obert|plen|buid|brut|cansad|malalt|enfadad|preparad)\p{L}*)`)

// giftRewritesByTarget are the rewrites of the rounds chat113-chat115.
var giftRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishHaveFever, " una fiebre| una tos", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
		}},
	},
	"ca": {
		{catalanEstar, "és |són |era |eren ", "trencad|espatllad|tancad|obert|plen|buid|brut|cansad|malalt|enfadad|preparad", func(o string, m []int) (string, bool) {
			// Go's \b is ASCII: "és" is found after a space.
			verb := map[string]string{"és": "està", "són": "estan", "era": "estava", "eren": "estaven"}[o[m[4]:m[5]]]
			return o[m[2]:m[3]] + verb + " " + o[m[6]:m[7]], true
		}},
	},
}

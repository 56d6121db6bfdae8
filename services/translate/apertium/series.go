package apertium

import (
	"regexp"
	"slices"
)

// A chocolate factory tour, a treasure hunt, binge-watching a series
// (rounds chat252-chat254): what the modes write word by word in those
// messages.

// seriesEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var seriesEnglish = slices.Concat(
	// What smelled, "olía a cacao" ("olido de cacao"), "olía muy bien"
	// ("olió étonner": the tagger reads "amazing" as the verb).
	// (An earlier fix reads "of" as "to" after a verb.)
	only(`\^smell<vblex><(past)*(pp)*>\$`, []string{
		`s%\^smell<vblex><(past)*(pp)*>\$ +\^(of)*(to)*<pr>\$%` + lowerSuperblank("olía a") + `%g`,
		`s%(\^prpers<prn><subj><p3><nt><sg>\$ +)?\^smell<vblex><past>\$ +\^amaze<vblex><ger>\$%` + lowerSuperblank("olía muy bien") + `%g`,
	}),
	// "the whole place", "todo" ("todo el sitio": an earlier fix reads
	// "all the").
	only(`\^all<predet><sp>\$ +\^the<det><def><sp>\$ +\^place<n><sg>\$`, startCapital(`\^all<predet><sp>\$ +\^the<det><def><sp>\$ +\^place<n><sg>\$`, "todo")),
	// "here is" starting a line before what is shown, "aquí está" (es-fr's
	// "voici"; "il ici est"); "the food here is" stays.
	only(`\^here<adv>\$ +\^be<vbser><pri><p3><sg>\$ +\^[^<$]*<det>`, []string{
		`s%^(( *\[[^]]*\])* *)\^here<adv>\$ +\^be<vbser><pri><p3><sg>\$( +\^[^<$]*<det>)%\1` + lowerSuperblank("Aquí está") + `\3%`,
	}),
	// Addicted to a series, "estoy enganchado a" ("soy adicto a").
	only(`\^be<vbser><pri><p1><sg>\$ +\^addicted<adj>\$ +\^to<pr>\$ +\^[^<$]*<det>[^$]*\$ +\^(series)*(show)*(game)*<n>`, []string{
		`s%(\^prpers<prn><subj><p1><mf><sg>\$ +)?\^be<vbser><pri><p1><sg>\$ +\^addicted<adj>\$ +\^to<pr>\$%` + lowerSuperblank("estoy enganchado a") + `%g`,
	}),
	// "way too much", "demasiado" ("manera demasiado").
	only(`\^way<n><sg>\$ +\^too`, []string{`s%\^way<n><sg>\$ +(\^too)%\1%g`}),
	// Work after "have to", the verb ("tienen que trabajo"; an earlier
	// fix reads the noun as a job).
	only(`\^have<vbmod><[^$]*# to\$ +\^(work)*(job)*<n><sg>\$`, []string{
		`s%(\^have<vbmod><[^$]*# to\$ +)\^(work)*(job)*<n><sg>\$%\1^work<vblex><inf>$%g`,
	}),
	// "all over the garden", "por todo el jardín" ("por todas partes el
	// jardín"), the place written with it (a superblank before a noun
	// unit moves in eng-spa's transfer).
	only(`\^all over<adv>\$ +\^the<det><def><sp>\$ +\^(garden)*(house)*(floor)*(place)*(town)*<n><sg>\$`, []string{
		`s%\^all over<adv>\$ +\^the<det><def><sp>\$ +\^garden<n><sg>\$%` + lowerSuperblank("por todo el jardín") + `%g`,
		`s%\^all over<adv>\$ +\^the<det><def><sp>\$ +\^house<n><sg>\$%` + lowerSuperblank("por toda la casa") + `%g`,
		`s%\^all over<adv>\$ +\^the<det><def><sp>\$ +\^floor<n><sg>\$%` + lowerSuperblank("por todo el suelo") + `%g`,
		`s%\^all over<adv>\$ +\^the<det><def><sp>\$ +\^place<n><sg>\$%` + lowerSuperblank("por todas partes") + `%g`,
		`s%\^all over<adv>\$ +\^the<det><def><sp>\$ +\^town<n><sg>\$%` + lowerSuperblank("por todo el pueblo") + `%g`,
	}),
	// A treasure hunt, "la búsqueda del tesoro" ("el tesoro caza": the
	// tagger reads "hunt" as the verb after "the treasure").
	only(`\^treasure<n><sg>\$ +\^hunt<(n><sg)*(vblex><pres)*>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^treasure<n><sg>\$ +\^hunt<(n><sg)*(vblex><pres)*>\$%` + lowerSuperblank("la búsqueda del tesoro") + `%g`,
		`s%\^a<det><ind><sg>\$ +\^treasure<n><sg>\$ +\^hunt<(n><sg)*(vblex><pres)*>\$%` + lowerSuperblank("una búsqueda del tesoro") + `%g`,
	}),
	// Dark chocolate, "chocolate negro" ("oscuro"), loved, "me encanta
	// el chocolate negro" ("quiero chocolate oscuro").
	only(`\^dark<adj>(<sint>)*\$ +\^chocolate<n><sg>\$`, slices.Concat(
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^love<vblex><pres>\$ +\^dark<adj>(<sint>)*\$ +\^chocolate<n><sg>\$`, "me encanta el chocolate negro"),
		[]string{`s%\^dark<adj>(<sint>)*\$ +\^chocolate<n><sg>\$%` + lowerSuperblank("chocolate negro") + `%g`},
	)),
)

// seriesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var seriesSpanish = slices.Concat(
	// Episodes in a row, "llevo tres capítulos seguidos", I've watched
	// three episodes in a row ("I take three chapters followed").
	only(`\^seguir<vblex><pp><[mf]><pl>\$`, []string{
		`s%\^llevar<vblex><pri><p1><sg>\$ +(\^[^<$]*<num>[^$]*\$) +\^capítulo<n><m><pl>\$ +\^seguir<vblex><pp><m><pl>\$%` + lowerSuperblank("I've watched") + ` \1 ` + lowerSuperblank("episodes in a row") + `%g`,
		// Time goes "straight" ("doce horas seguidas").
		`s%(\^(hora)*(día)*(noche)*(semana)*(mes)*(año)*<n><[mf]><pl>\$ +)\^seguir<vblex><pp><[mf]><pl>\$( *\^[.!]<sent>)%\1` + lowerSuperblank("straight") + `\8%g`,
		`s%(<n><[mf]><pl>\$ +)\^seguir<vblex><pp><[mf]><pl>\$( *\^[.!]<sent>)%\1` + lowerSuperblank("in a row") + `\2%g`,
	}),
	// "me duele la barriga", my stomach hurts (spa-eng lacks "barriga").
	only(`\^\*barriga\$`, slices.Concat(
		startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^doler<vblex><pri><p3><sg>\$ +\^el<det><def><f><sg>\$ +\^\*barriga\$`, "my stomach hurts"),
		lacked("barriga", "stomach"),
	)),
	// "por todo el jardín", all over the garden ("by all the garden").
	only(`\^por<pr>\$ +\^todo<predet><m><sg>\$ +\^el<det><def><m><sg>\$`, []string{
		`s%\^por<pr>\$ +\^todo<predet><m><sg>\$ +\^el<det><def><m><sg>\$%` + lowerSuperblank("all over the") + `%g`,
	}),
	// How a thing is made, "cómo se hace", how it's made ("how does").
	only(`\^cómo<adv><itg>\$ +\^se<prn><pro><ref><p3><mf><sp>\$ +\^hacer<vblex><pri><p3><sg>\$`, []string{
		// (Only where nothing follows: "¿cómo se hace una captura?" is
		// how you take one.)
		`s%(\^prpers<prn><pro><p1><mf><pl>\$ +\^explicar<vblex><[^$]*\$ +)?\^cómo<adv><itg>\$ +\^se<prn><pro><ref><p3><mf><sp>\$ +\^hacer<vblex><pri><p3><sg>\$( *\^[.!]<sent>)%\1` + lowerSuperblank("how it's made") + `\2%g`,
	}),
	// A treasure hunt, "la búsqueda del tesoro" ("the search of the
	// treasure"; pt-es writes the Portuguese "caça ao tesouro" so).
	only(`\^búsqueda<n><f><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$ +\^tesoro<n><m><sg>\$`, []string{
		`s%\^búsqueda<n><f><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$ +\^tesoro<n><m><sg>\$%` + lowerSuperblank("treasure hunt") + `%g`,
	}),
)

// seriesFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): hooked on a series, "je suis accro à", "estoy enganchado
// a" (the line was served untranslated); a riddle; a smell, "ça sentait
// très bon", "olía muy bien" ("esto sentía muy bueno").
var seriesFrench = slices.Concat(
	only(`\^\*accro\$`, startCapital(`\^je<prn><tn><p1><mf><sg>\$ +\^être<vbser><pri><p1><sg>\$ +\^\*accro\$`, "estoy enganchado")),
	lacked("accro", "enganchado", "énigme", "acertijo", "énigmes", "acertijos"),
	only(`\^ça<prn><tn><nt><sg>\$ +\^sentir<vblex><(pii)*(pri)*><p3><sg>\$ +(\^très<preadv>\$ +)?\^bon<adj><m><sg>\$`, slices.Concat(
		startCapital(`\^ça<prn><tn><nt><sg>\$ +\^sentir<vblex><pii><p3><sg>\$ +\^très<preadv>\$ +\^bon<adj><m><sg>\$`, "olía muy bien"),
		startCapital(`\^ça<prn><tn><nt><sg>\$ +\^sentir<vblex><pii><p3><sg>\$ +\^bon<adj><m><sg>\$`, "olía bien"),
		startCapital(`\^ça<prn><tn><nt><sg>\$ +\^sentir<vblex><pri><p3><sg>\$ +\^très<preadv>\$ +\^bon<adj><m><sg>\$`, "huele muy bien"),
		startCapital(`\^ça<prn><tn><nt><sg>\$ +\^sentir<vblex><pri><p3><sg>\$ +\^bon<adj><m><sg>\$`, "huele bien"),
	)),
)

// seriesPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): a treasure hunt, "a caça ao tesouro", "la búsqueda del
// tesoro" ("la caza al tesoro").
var seriesPortuguese = only(`\^caça<n><f><sg>\$ +\^a<pr>\+o<det><def><m><sg>\$ +\^tesouro<n><m><sg>\$`, []string{
	`s%\^o<det><def><f><sg>\$ +\^caça<n><f><sg>\$ +\^a<pr>\+o<det><def><m><sg>\$ +\^tesouro<n><m><sg>\$%` + lowerSuperblank("la búsqueda del tesoro") + `%g`,
	`s%\^caça<n><f><sg>\$ +\^a<pr>\+o<det><def><m><sg>\$ +\^tesouro<n><m><sg>\$%` + lowerSuperblank("búsqueda del tesoro") + `%g`,
})

// seriesToPortuguese are tag fixes of es-pt: hooked, "viciado", which
// es-pt lacks; "me he enganchado a la serie", "fiquei viciado na série".
var seriesToPortuguese = slices.Concat(
	only(`\^\*enganchad[oa]\$`, []string{
		`s%^(( *\[[^]]*\])* *)\^[Mm]e<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^\*enganchado\$ +\^a<pr>\$ +\^el<det><def><f><sg>\$%\1` + lowerSuperblank("Fiquei viciado na") + `%`,
	}),
	lacked("enganchado", "viciado", "enganchada", "viciada"),
)

// seriesToFrench are tag fixes of es-fr: a smell, "olía muy bien", "ça
// sentait très bon" (es-fr lacks "olía"), a treasure hunt.
var seriesToFrench = slices.Concat(
	only(`\^\*[Oo]lía\$`, slices.Concat(
		startCapital(`\^\*[Oo]lía\$ +\^muy<[a-z]*>\$ +\^bien<[^$]*\$`, "ça sentait très bon"),
		startCapital(`\^\*[Oo]lía\$ +\^a<pr>\$`, "ça sentait le"),
	)),
	// A treasure hunt, "la chasse au trésor" ("la recherche du trésor").
	only(`\^búsqueda<n><f><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$ +\^tesoro<n><m><sg>\$`, []string{
		`s%\^búsqueda<n><f><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$ +\^tesoro<n><m><sg>\$%` + lowerSuperblank("chasse au trésor") + `%g`,
	}),
)

// seriesNoSpoilers is es-fr's "aucun spoilers" ("ningún spoiler"):
// French says "pas de".
var seriesNoSpoilers = regexp.MustCompile(`\b([Aa])ucun spoilers\b`)

// seriesHookedOn is es-pt's "viciado a esta série" ("enganchado a esta
// serie"): Portuguese is hooked "em" a thing, "nesta".
var seriesHookedOn = regexp.MustCompile(`\b(viciad[oa]s?) a (esta|este|essa|esse|isto)\b`)

// seriesRewritesPortuguese are the Portuguese rewrites of the rounds
// chat252-chat254.
var seriesRewritesPortuguese = []gatedRewrite{
	{seriesHookedOn, "viciad", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " n" + o[m[4]:m[5]], true
	}},
}

// seriesRewritesFrench are the French rewrites of the rounds
// chat252-chat254.
var seriesRewritesFrench = []gatedRewrite{
	{seriesNoSpoilers, "ucun spoilers", "", func(o string, m []int) (string, bool) {
		return caseLike(o[m[2]:m[3]], "pas") + " de spoilers", true
	}},
}

// seriesHaveHid is spa-eng's "have hid" ("j'ai caché"): the participle
// is "hidden"; "explained us" ("nos explicó"), "explained to us".
var (
	seriesHaveHid     = regexp.MustCompile(`\b(have|has|'ve|'s) hid\b`)
	seriesExplainedUs = regexp.MustCompile(`\bexplained (us|me|them|him|her)\b`)
)

// seriesHurtsFrom is spa-eng's "hurts of" ("me duele la barriga de
// tanto chocolate"): it hurts from so much.
var seriesHurtsFrom = regexp.MustCompile(`\bhurts? of (so much|all|too much|eating|walking|laughing)\b`)

// seriesRewritesEnglish are the English rewrites of the rounds
// chat252-chat254.
var seriesRewritesEnglish = []gatedRewrite{
	{seriesHaveHid, " hid", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " hidden", true
	}},
	{seriesHurtsFrom, "urt", " of ", func(o string, m []int) (string, bool) {
		return o[m[0]:m[2]-3] + "from " + o[m[2]:m[3]], true
	}},
	{seriesExplainedUs, "explained ", "", func(o string, m []int) (string, bool) {
		return "explained to " + o[m[2]:m[3]], true
	}},
}

package apertium

import (
	"regexp"
	"slices"
)

// Beekeeping, a ferry crossing, a sponsored walk (rounds
// chat249-chat251): what the modes write word by word in those messages.

// ferriesEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var ferriesEnglish = slices.Concat(
	// A sponsored or charity walk, "una marcha solidaria" ("un paseo
	// patrocinado").
	only(`\^(sponsor<vblex><pp>)*(charity<n><sg>)*\$ +\^walk<n><sg>\$`, []string{
		`s%\^a<det><ind><sg>\$ +\^(sponsor<vblex><pp>)*(charity<n><sg>)*\$ +\^walk<n><sg>\$%` + lowerSuperblank("una marcha solidaria") + `%g`,
	}),
	// "thanks to everyone who donated", "gracias a todos los que
	// donasteis" ("a todo el mundo quién dio").
	only(`\^everyone<prn>[^$]*\$ +\^who<[^$]*\$ +\^donate<vblex><past>\$`, []string{
		`s%\^everyone<prn>[^$]*\$ +\^who<[^$]*\$ +\^donate<vblex><past>\$%` + lowerSuperblank("todos los que donasteis") + `%g`,
	}),
	// Covered in blisters, "llenos de ampollas" ("cubiertos en
	// blisters").
	only(`\^cover<vblex><pp>\$ +\^in<pr>\$`, []string{
		`s%\^be<vbser><pres>\$ +\^cover<vblex><pp>\$ +\^in<pr>\$%` + lowerSuperblank("están llenos de") + `%g`,
	}),
	// A ferry delayed, "se retrasó" ("fue retrasado").
	only(`\^be<vbser><past><p3><sg>\$ +\^delay<vblex><pp>\$`, []string{
		`s%\^be<vbser><past><p3><sg>\$ +\^delay<vblex><pp>\$%` + lowerSuperblank("se retrasó") + `%g`,
	}),
	// Over a number, "más de" ("encima mil").
	only(`\^over<adv>\$ +\^[^<$]*<num>`, []string{
		`s%\^over<adv>\$( +\^[^<$]*<num>)%` + lowerSuperblank("más de") + `\1%g`,
	}),
	// When it's sunny, "cuando hace sol" ("cuando es soleado").
	only(`\^prpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^sunny<adj>`, []string{
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^sunny<adj>[^$]*\$%` + lowerSuperblank("hace sol") + `%g`,
	}),
	ferriesLeaves,
	lacked("blisters", "ampollas", "blister", "ampolla"),
)

// ferriesLeaves reads "leaves" after a thing that sets off, the verb
// ("the ferry leaves at nine", Catalan "els fulls de transbordador").
// (Catalan's hours may have written "at" already: "[a les]".)
var ferriesLeaves = only(`<n><sg>\$ +\^leaf<n><pl>\$ +`, []string{
	`s%(<n><sg>\$ +)\^leaf<n><pl>\$( +\^at<pr>)%\1^leave<vblex><pri><p3><sg>$\2%g`,
	`s%(<n><sg>\$ +)\^leaf<n><pl>\$( +\[[^]]*a les\])%\1^leave<vblex><pri><p3><sg>$\2%g`,
})

// ferriesCatalan are tag fixes of eng-cat: a rough sea, "el mar està
// mogut" ("és aspre").
var ferriesCatalan = slices.Concat(
	ferriesLeaves,
	only(`\^sea<n><sg>\$ +\^be<vbser><pres><p3><sg>\$ +\^rough<adj>`, []string{
		`s%\^be<vbser><pres><p3><sg>\$ +\^rough<adj>[^$]*\$%` + lowerSuperblank("està mogut") + `%g`,
	}),
)

// ferriesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var ferriesSpanish = slices.Concat(
	// The finish line, "he llegado a la meta" ("I've arrived to dip it":
	// the tagger reads "meter").
	only(`\^llegar<vblex><[^$]*\$ +\^a<pr>\$ +\^prpers<prn><pro><p3><f><sg>\$ +\^meter<vblex><prs><p3><sg>\$`, []string{
		`s%\^haber<vbhaver><pri><p1><sg>\$ +\^llegar<vblex><pp><m><sg>\$ +\^a<pr>\$ +\^prpers<prn><pro><p3><f><sg>\$ +\^meter<vblex><prs><p3><sg>\$%` + lowerSuperblank("I've reached the finish line") + `%g`,
		`s%\^llegar<vblex><[^$]*\$ +\^a<pr>\$ +\^prpers<prn><pro><p3><f><sg>\$ +\^meter<vblex><prs><p3><sg>\$%` + lowerSuperblank("reached the finish line") + `%g`,
	}),
	// Scared of being stung, "me da miedo que me piquen" ("that hammer
	// me").
	only(`\^que<[^$]*\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^picar<vblex><prs><p3><pl>\$`, []string{
		`s%\^que<[^$]*\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^picar<vblex><prs><p3><pl>\$%` + lowerSuperblank("of getting stung") + `%g`,
	}),
	// Seasick, on a boat or a trip: "me he mareado en el barco", "I got
	// seasick" ("I've felt dizzy").
	only(`\^(barco)*(viaje)*(ferry)*(mar)*<n>`, []string{
		// (Each form its own: with both optional any "me" would match.)
		`s%^(( *\[[^]]*\])* *)\^[Pp]rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^marearse<vblex><pron><pp><m><sg>\$%\1` + lowerSuperblank("I got seasick") + `%`,
		`s%^(( *\[[^]]*\])* *)\^[Pp]rpers<prn><pro><p1><mf><sg>\$ +\^marear(se)*<vblex>(<pron>)*<ifi><p1><sg>\$%\1` + lowerSuperblank("I got seasick") + `%`,
	}),
	lacked("travesía", "crossing", "travesías", "crossings", "grata", "pleasant", "grato", "pleasant"),
	// "gracias a todos", thank you all ("THANKS TO all": spa-eng writes
	// the joined preposition in capitals).
	only(`\^gracias a<pr>\$`, []string{
		`s%\^gracias a<pr>\$ +\^todo<prn><tn><m><pl>\$ +\^por<pr>\$%` + lowerSuperblank("thank you all for") + `%g`,
		`s%\^gracias a<pr>\$ +\^todo<prn><tn><m><pl>\$%` + lowerSuperblank("thank you all") + `%g`,
		`s%\^gracias a<pr>\$%` + lowerSuperblank("thanks to") + `%g`,
	}),
)

// ferriesFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): seasickness, "j'ai eu le mal de mer", "me he mareado" ("he
// tenido el daño de mar"); a crossing and a harvest, which fr-es lacks
// (both lines were served untranslated).
var ferriesFrench = slices.Concat(
	only(`\^mal<n><m><sg>\$ +\^de<pr>\$ +\^mer<n><f><sg>\$`, slices.Concat(
		startCapital(`\^je<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^avoir<vbhaver><pp><mf><sp>\$ +\^le<det><def><m><sg>\$ +\^mal<n><m><sg>\$ +\^de<pr>\$ +\^mer<n><f><sg>\$`, "me he mareado"),
		startCapital(`\^je<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^le<det><def><m><sg>\$ +\^mal<n><m><sg>\$ +\^de<pr>\$ +\^mer<n><f><sg>\$`, "estoy mareado"),
	)),
	only(`\^\*récolté\$`, startCapital(`\^on<prn><pro><ref><p3><mf><sp>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^\*récolté\$`, "hemos recogido")),
	lacked("traversée", "travesía", "récolté", "recogido"),
)

// ferriesToPortuguese are tag fixes of es-pt: seasick, "enjoei" ("me
// mareé" was left Spanish); a bee and hives, which es-pt lacks.
var ferriesToPortuguese = slices.Concat(
	only(`\^\*mareé\$`, startCapital(`\^me<prn><pro><p1><mf><sg>\$ +\^\*mareé\$`, "enjoei")),
	only(`\^\*colmenas\$`, []string{`s%\^dos<num>[^$]*\$ +\^\*colmenas\$%` + lowerSuperblank("duas colmeias") + `%g`}),
	lacked("abeja", "abelha", "abejas", "abelhas", "colmena", "colmeia", "colmenas", "colmeias", "mareado", "enjoado", "mareados", "enjoados"),
)

// ferriesToFrench are tag fixes of es-fr: blisters and seasick, which
// es-fr lacks.
var ferriesToFrench = slices.Concat(
	lacked("ampollas", "des ampoules", "ampolla", "une ampoule"),
	// Seasick, "estoy mareado", "j'ai le mal de mer" (es-fr lacks
	// "mareado").
	only(`\^[Ee]star<vblex><pri><p1><sg>\$ +\^\*mareado\$`, startCapital(`\^[Ee]star<vblex><pri><p1><sg>\$ +\^\*mareado\$`, "j'ai le mal de mer")),
)

// ferriesPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): seasick, "enjoei", which pt-es lacks.
var ferriesPortuguese = only(`\^\*enjoei\$`, startCapital(`\^\*enjoei\$`, "me mareé"))

// ferriesOnBoard is es-fr's "en le" ("estamos en el ferri", "nous sommes
// en le ferry"): one is on a boat, in a train.
var ferriesOnBoard = regexp.MustCompile(`\ben le (ferry|bateau|train|bus|car|métro|tram|tramway|avion)\b`)

// ferriesRewritesFrench are the French rewrites of the rounds
// chat249-chat251.
var ferriesRewritesFrench = []gatedRewrite{
	{ferriesOnBoard, "en le ", "", func(o string, m []int) (string, bool) {
		switch o[m[2]:m[3]] {
		case "ferry", "bateau":
			return "sur le " + o[m[2]:m[3]], true
		}
		return "dans le " + o[m[2]:m[3]], true
	}},
}

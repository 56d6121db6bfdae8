package apertium

import "slices"

// The farm and the countryside, homework, a barbecue (rounds
// chat140-chat142): what the modes write word by word in those messages.

// farmsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var farmsEnglish = slices.Concat(
	// "it smells of", "huele a" ("huele de").
	only(`\^smell<vblex>[^$]*\$ +\^of<pr>\$`, []string{`s%(\^smell<vblex>[^$]*\$) +\^of<pr>\$%\1 ^to<pr>$%g`}),
	// "so dirty" read as the adverb ("tan cochinamente"): the adjective.
	only(`\^dirty<adv>\$`, []string{`s%(<vbser>[^$]*\$ +(\^[a-z]+<preadv>\$ +)*)\^dirty<adv>\$%\1^dirty<adj><sint>$%g`}),
	// "hand it in", "entregarlo" ("entregar él en").
	only(`\^hand<vblex>[^$]*\$ +\^prpers<prn><(subj)*(obj)*><p3><nt><sg>\$ +\^in<(pr)*(adv)*>\$`, []string{
		`s%(\^hand<vblex>[^$]*\$) +\^prpers<prn><(subj)*(obj)*><p3><nt><sg>\$ +\^in<(pr)*(adv)*>\$%\1 ^prpers<prn><obj><p3><nt><sg>$%g`,
	}),
	// "over the holidays", "durante" ("sobre las vacaciones").
	only(`\^over<pr>\$ +\^the<det><def><sp>\$ +\^(holiday)*(summer)*(weekend)*(christmas)*(break)*<n>`, []string{
		`s%\^over<pr>\$( +\^the<det><def><sp>\$ +\^(holiday)*(summer)*(weekend)*(christmas)*(break)*<n>)%^during<pr>$\1%g`,
	}),
	// "who's in charge of", "¿quién se encarga de?" ("¿quién es en cargo
	// de?").
	only(`be<vbser>[^$]*\$ +\^in<pr>\$ +\^charge<n><sg>\$ +\^of<pr>\$`, []string{
		`s%(\^[Ww]ho<prn><itg><m><sp>)\+be<vbser><pri><p3><sg>\$ +\^in<pr>\$ +\^charge<n><sg>\$ +\^of<pr>\$%\1$ ` + lowerSuperblank("se encarga de") + `%g`,
		`s%\^be<vbser><pri><p3><sg>\$ +\^in<pr>\$ +\^charge<n><sg>\$ +\^of<pr>\$%` + lowerSuperblank("se encarga de") + `%g`,
	}),
	// "bring" where a line starts, before its thing: the command ("traer
	// un jersey", the infinitive).
	only(`^(\[[^]]*\] *)*\^[Bb]ring<vblex><inf>\$ +\^[^<$]*<det>`, []string{
		`s%^((\[[^]]*\] *)*\^[Bb]ring<vblex>)<inf>(\$ +\^[^<$]*<det>)%\1<pres>\3%`,
	}),
)

// farmsSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var farmsSpanish = slices.Concat(
	// Being scared, "tener miedo" ("has fear of").
	only(`\^tener<vblex><pri><p[123]><(sg)*(pl)*>\$ +\^miedo<n><m><sg>\$`, func() []string {
		var subs []string
		for _, p := range []struct{ tags, text string }{
			{"<p1><sg>", "I'm scared"}, {"<p2><sg>", "you're scared"}, {"<p3><sg>", "is scared"},
			{"<p1><pl>", "we're scared"}, {"<p3><pl>", "are scared"},
		} {
			subs = append(subs,
				`s%\^tener<vblex><pri>`+p.tags+`\$ +\^miedo<n><m><sg>\$ +\^de<pr>\$%`+superblank(p.text+" of")+`%g`,
				`s%\^tener<vblex><pri>`+p.tags+`\$ +\^miedo<n><m><sg>\$%`+superblank(p.text)+`%g`)
		}
		return subs
	}()),
	// "me he sacado un diez", I got a ten ("I have take").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^sacar<vblex><pp>`, sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^sacar<vblex><pp><m><sg>\$`, "I got", false)),
	// "siete por ocho", times ("by").
	only(`<num>[^$]*\$ +\^por<pr>\$ +\^[^<$]*<num>`, []string{
		`s%(<num>[^$]*\$) +\^por<pr>\$( +\^[^<$]*<num>)%\1 ` + superblank("times") + `\2%g`,
	}),
	// "meternos dentro", going inside ("dip us inside").
	only(`\^meter<vblex><inf>\+prpers<prn><enc>[^$]*\$ +\^dentro<adv>\$`, []string{
		`s%\^meter<vblex><inf>\+prpers<prn><enc>[^$]*\$ +\^dentro<adv>\$%` + superblank("go inside") + `%g`,
	}),
)

// farmsFrenchToSpanish are tag fixes of fr-es: "malade", ill, is a state,
// "está enferma" ("es enferma", English "is patient" through it).
var farmsFrenchToSpanish = only(`\^être<vbser><pri><p[13]><[sp][gl]>\$ +\^malade<adj>`, []string{
	`s%(<n><f><sg>\$ +)\^être<vbser><pri><p3><sg>\$ +\^malade<adj><mf><sg>\$%\1` + superblank("está enferma") + `%g`,
	`s%(<n><m><sg>\$ +)\^être<vbser><pri><p3><sg>\$ +\^malade<adj><mf><sg>\$%\1` + superblank("está enfermo") + `%g`,
	`s%\^je<prn><tn><p1><mf><sg>\$ +\^être<vbser><pri><p1><sg>\$ +\^malade<adj><mf><sg>\$%` + superblank("estoy enfermo") + `%g`,
})

// farmsPortuguese are tag fixes of pt-es: "os trabalhos de casa",
// homework, "los deberes" ("los trabajos de casa").
var farmsPortuguese = only(`\^trabalho<n><m><pl>\$ +\^de<pr>\$ +\^casa<n><f><sg>\$`, []string{
	`s%\^trabalho<n><m><pl>\$ +\^de<pr>\$ +\^casa<n><f><sg>\$%` + superblank("deberes") + `%g`,
})

// farmsToFrench are tag fixes of es-fr: "irse", leaving, "partir"
// ("s'aller"); "demasiado humo", "trop de fumée" ("trop fumée"); "de
// mates", of maths (read as "matar": "de tues").
var farmsToFrench = slices.Concat(
	only(`\^ir<vblex><inf>\+se<prn><enc>`, []string{
		`s%\^ir<vblex><inf>\+se<prn><enc>[^$]*\$%^partir<vblex><inf>$%g`,
	}),
	only(`\^demasiado<adv>\$ +\^[^<$]*<n>`, []string{
		// (not "demasiado tarde", too late: "tarde" the tagger reads as
		// the noun)
		`s%(\^demasiado<adv>\$ +\^[Tt]arde)<n>%\1<n_keep>%g`,
		`s%\^demasiado<adv>\$( +\^[^<$]*<n>)%^demasiado<adv>$ ^de<pr>$\1%g`,
		`s%<n_keep>%<n>%g`,
	}),
	only(`\^de<pr>\$ +\^matar<vblex><prs><p2><sg>\$`, []string{
		`s%\^de<pr>\$ +\^matar<vblex><prs><p2><sg>\$%^de<pr>$ ` + superblank("maths") + `%g`,
	}),
)

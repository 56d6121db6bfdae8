package apertium

import "slices"

// A flat tyre, the lottery, stargazing (rounds chat146-chat148): what the
// modes write word by word in those messages.

// luckEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var luckEnglish = slices.Concat(
	// "I'm feeling lucky", "me siento afortunado" ("Estoy sintiendo").
	only(`\^be<vbser><pri><p1><sg>\$ +\^feel<vblex><ger>\$ +\^[a-z]+<adj>`, []string{
		`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><pri><p1><sg>\$ +\^feel<vblex><ger>\$( +\^[a-z]+<adj>)%` + lowerSuperblank("me siento") + `\1%g`,
	}),
	// A shooting star, "una estrella fugaz" ("una estrella de tiroteo").
	only(`\^shooting<n><sg>\$ +\^star<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^shooting<n><sg>\$ +\^star<n><sg>\$%` + superblank("una estrella fugaz") + `%g`,
		`s%\^shooting<n><sg>\$ +\^star<n><sg>\$%` + superblank("estrella fugaz") + `%g`,
	}),
	// Cloudy, "nublado", which eng-spa lacks.
	only(`\^\*cloudy\$`, []string{`s%\^\*cloudy\$%` + superblank("nublado") + `%g`}),
	// The tow truck, "la grúa" ("el camión de estopa").
	only(`\^tow<n><sg>\$ +\^truck<n><sg>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^tow<n><sg>\$ +\^truck<n><sg>\$%` + superblank("la grúa") + `%g`,
		`s%\^tow<n><sg>\$ +\^truck<n><sg>\$%` + superblank("grúa") + `%g`,
	}),
	// A car that broke down, "se averió" ("rompió abajo").
	only(`\^break<vblex><past>\$ +\^down<adv>\$`, []string{`s%\^break<vblex><past>\$ +\^down<adv>\$%` + superblank("se averió") + `%g`}),
)

// luckSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var luckSpanish = slices.Concat(
	// The lottery that "me ha tocado", I've won ("it's touched me"); the
	// jackpot, "el premio gordo" ("the fat prize").
	only(`\^tocar<vblex>[^$]*\$ +\^el<det>[^$]*\$ +\^(lotería)*(premio)*(gordo)*(reintegro)*(bote)*<n>`, func() []string {
		var subs []string
		for _, p := range []struct{ pron, verb, text string }{
			{"<p1><mf><sg>", `\^haber<vbhaver><pri><p3><sg>\$ +\^tocar<vblex><pp><m><sg>\$`, "I've won"},
			{"<p1><mf><pl>", `\^haber<vbhaver><pri><p3><sg>\$ +\^tocar<vblex><pp><m><sg>\$`, "we've won"},
			{"<p2><mf><sg>", `\^haber<vbhaver><pri><p3><sg>\$ +\^tocar<vblex><pp><m><sg>\$`, "you've won"},
			{"<p1><mf><sg>", `\^tocar<vblex><pri><p3><sg>\$`, "I win"},
			{"<p1><mf><sg>", `\^tocar<vblex><ifi><p3><sg>\$`, "I won"},
			{"<p1><mf><pl>", `\^tocar<vblex><ifi><p3><sg>\$`, "we won"},
		} {
			subs = append(subs, `s%\^prpers<prn><pro>`+p.pron+`\$ +`+p.verb+`( +\^el<det>)%`+superblank(p.text)+`\1%g`)
		}
		return subs
	}()),
	only(`\^premio<n><m><sg>\$ +\^gordo<adj><m><sg>\$`, []string{
		`s%\^el<det><def><m><sg>\$ +\^premio<n><m><sg>\$ +\^gordo<adj><m><sg>\$%` + superblank("the jackpot") + `%g`,
	}),
	// A lucky number, "el número de la suerte" ("the number of the luck";
	// French "porte-bonheur" through it).
	only(`\^número<n><m><sg>\$ +\^de<pr>\$ +\^el<det><def><f><sg>\$ +\^suerte<n><f><sg>\$`, []string{
		`s%\^número<n><m><sg>\$ +\^de<pr>\$ +\^el<det><def><f><sg>\$ +\^suerte<n><f><sg>\$%` + superblank("lucky number") + `%g`,
	}),
	// "pide un deseo", make a wish ("it asks for a desire").
	only(`\^pedir<vblex>[^$]*\$ +\^uno<det><ind><m><sg>\$ +\^deseo<n><m><sg>\$`, slices.Concat(
		sayAs("P", "p", `edir<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><sg>\$ +\^deseo<n><m><sg>\$`, "make a wish", false),
		sayAs("P", "p", `edir<vblex><ifi><p1><sg>\$ +\^uno<det><ind><m><sg>\$ +\^deseo<n><m><sg>\$`, "I made a wish", false),
	)),
	// "se ve", you can see ("it sees"); the Milky Way ("the Dairy Road").
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^ver<vblex><pri><p3><(sg)*(pl)*>\$`, slices.Concat(
		sayAs("N", "n", `o<adv>\$ +\^se<prn><pro><ref><p3><mf><sp>\$ +\^ver<vblex><pri><p3><sg>\$`, "you can't see", false),
		sayAs("S", "s", `e<prn><pro><ref><p3><mf><sp>\$ +\^ver<vblex><pri><p3><sg>\$`, "you can see", false),
		sayAs("S", "s", `e<prn><pro><ref><p3><mf><sp>\$ +\^ver<vblex><pri><p3><pl>\$`, "you can see", false),
	)),
	only(`\^Vía<n><f><sg>\$ +\^Lácteo<adj><f><sg>\$`, []string{
		`s%(\^el<det><def><f><sg>\$ +)*\^Vía<n><f><sg>\$ +\^Lácteo<adj><f><sg>\$%` + superblank("the Milky Way") + `%g`,
	}),
	// "hace mucho frío", it's very cold ("it does a lot I fry").
	only(`\^hacer<vblex><pri><p3><sg>\$ +\^mucho<adv>\$ +\^freír<vblex><pri><p1><sg>\$`, sayAs("H", "h", `acer<vblex><pri><p3><sg>\$ +\^mucho<adv>\$ +\^freír<vblex><pri><p1><sg>\$`, "it's really cold", false)),
	// "mira," where a line starts, look ("it looks,").
	only(`\^[Mm]irar<vblex><pri><p3><sg>\$\^,<cm>\$`, []string{
		`s%^((\[[^]]*\] *)*\^[Mm]irar<vblex>)<pri><p3><sg>(\$\^,<cm>\$)%\1<imp><p2><sg>\3%`,
	}),
	// "menos mal que", thank goodness ("less bad that"); "no ha pasado
	// nada", nothing happened ("has not spent at all").
	only(`\^menos<adv>\$ +\^mal<adj><m><sg>\$ +\^que<`, sayAs("M", "m", `enos<adv>\$ +\^mal<adj><m><sg>\$ +\^que<[a-z]*><[a-z]*><mf><sp>\$`, "thank goodness", false)),
	only(`\^no<adv>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^pasar<vblex><pp><m><sg>\$ +\^nada<`, sayAs("N", "n", `o<adv>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^pasar<vblex><pp><m><sg>\$ +\^nada<adv>\$`, "nothing has happened", false)),
	// "estrella fugaz", a shooting star ("a fleeting star"; Portuguese
	// "cadente" through it).
	only(`\^estrella<n><f><sg>\$ +\^(fugaz<adj><mf><sg>)*(\*cadente)*\$`, []string{
		`s%\^uno<det><ind><f><sg>\$ +\^estrella<n><f><sg>\$ +\^(fugaz<adj><mf><sg>)*(\*cadente)*\$%` + superblank("a shooting star") + `%g`,
		`s%\^estrella<n><f><sg>\$ +\^(fugaz<adj><mf><sg>)*(\*cadente)*\$%` + superblank("shooting star") + `%g`,
	}),
)

// luckFrenchToSpanish are tag fixes of fr-es: a shooting star, "étoile
// filante" ("estrella filante"); a lucky number, "porte-bonheur" ("porter
// bonheur").
var luckFrenchToSpanish = slices.Concat(
	only(`\^étoile<n><f><sg>\$ +\^\*filante\$`, []string{`s%\^étoile<n><f><sg>\$ +\^\*filante\$%` + superblank("estrella fugaz") + `%g`}),
	only(`\^porter<vblex><pri><p3><sg>\$-\^bonheur<n><m><sg>\$`, []string{
		`s%\^porter<vblex><pri><p3><sg>\$-\^bonheur<n><m><sg>\$%` + superblank("de la suerte") + `%g`,
	}),
)

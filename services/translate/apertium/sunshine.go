package apertium

import "slices"

// Sunburn, a school play, tennis (rounds chat158-chat160): what the
// modes write word by word in those messages.

// sunshineEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var sunshineEnglish = slices.Concat(
	// "I got sunburnt", "me quemé" ("Cogía sunburnt"; eng-spa lacks the
	// word).
	only(`\^get<vblex><past>\$ +\^\*sunburn(t)*(ed)*\$`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^\*sunburn(t)*(ed)*\$%` + superblank("me quemé") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p2><mf><sp>\$ +\^get<vblex><past>\$ +\^\*sunburn(t)*(ed)*\$%` + superblank("te quemaste") + `%g`,
		`s%\^get<vblex><past>\$ +\^\*sunburn(t)*(ed)*\$%` + superblank("se quemó") + `%g`,
	}),
	// Sun cream, "crema solar" ("crema de sol", French through it
	// "crème de soleil"); in the shade, "a la sombra" ("en la sombra").
	only(`\^sun<n><sg>\$ +\^(cream)*(screen)*(block)*<n>`, []string{
		`s%\^the<det><def><sp>\$ +\^sun<n><sg>\$ +\^(cream)*(screen)*(block)*<n><sg>\$%` + superblank("la crema solar") + `%g`,
		`s%\^sun<n><sg>\$ +\^(cream)*(screen)*(block)*<n><sg>\$%` + superblank("crema solar") + `%g`,
	}),
	only(`\^in<pr>\$ +\^the<det><def><sp>\$ +\^shade<n><sg>\$`, []string{
		`s%\^in<pr>\$ +\^the<det><def><sp>\$ +\^shade<n><sg>\$%` + superblank("a la sombra") + `%g`,
	}),
	// To play after "want to", the verb ("¿quieres tenis del juego…?").
	only(`# to\$ +\^play<n><sg>\$`, []string{
		`s%(<vbmod>[^$]*# to\$ +)\^play<n><sg>\$%\1^play<vblex><inf>$%g`,
	}),
	// A part one plays, "hace de" ("she plays a tree", "toca un
	// árbol"): only the parts a child plays in a school play, where to
	// play is not a game's or a song's.
	only(`\^play<vblex>[^$]*\$ +\^a<det><ind><sg>\$ +\^`+playedParts+`<n><sg>\$`, []string{
		`s%\^play<vblex>([^$]*)\$ +\^a<det><ind><sg>\$ +(\^` + playedParts + `<n><sg>\$)%^do<vblex>\1$ ^of<pr>$ \2%g`,
	}),
)

// playedParts are the parts of a school play (a pattern of one group).
const playedParts = `(tree)*(pirate)*(king)*(queen)*(princess)*(prince)*(wolf)*(rabbit)*(shepherd)*(angel)*(witch)*(fairy)*(dragon)*(mouse)*(lion)*(star)*(narrator)*(soldier)*(ghost)*`

// sunshineSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var sunshineSpanish = slices.Concat(
	// "cada" before a number or a day, every ("each two hours", "each
	// Tuesday").
	only(`\^cada<det><ind><mf><sg>\$ +\^[^<$]*<(num)*(n)*>`, []string{
		`s%\^([Cc])ada<det><ind><mf><sg>\$( +\^[^<$]*<num>)%` + `^\1ada_every<det><ind><mf><sg>$\2%g`,
		`s%\^([Cc])ada<det><ind><mf><sg>\$( +\^(lunes)*(martes)*(miércoles)*(jueves)*(viernes)*(sábado)*(domingo)*(día)*(semana)*(mes)*(año)*<n>)%` + `^\1ada_every<det><ind><mf><sg>$\2%g`,
		`s%\^cada_every<det><ind><mf><sg>\$%` + superblank("every") + `%g`,
		`s%\^Cada_every<det><ind><mf><sg>\$%` + superblank("Every") + `%g`,
	}),
	// Burnt by the sun with nothing burnt named, "me quemé", I got burnt
	// ("I burned me").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^(haber<vbhaver><pri><p1><sg>\$ +\^)*quemar<vblex>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^quemar<vblex><ifi><p1><sg>\$( *\^[^<$]*<(sent)*(cm)*(pr)*(adv)*>)%` + lowerSuperblank("I got burnt") + `\1%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^quemar<vblex><pp><m><sg>\$( *\^[^<$]*<(sent)*(cm)*(pr)*(adv)*>)%` + lowerSuperblank("I've got burnt") + `\1%g`,
	}),
	// "ponte crema", put on ("put you cream"), before a thing.
	only(`\^[Pp]oner<vblex><imp><p2><sg>\+prpers<prn><enc><p2><mf><sg>\$ +\^[^<$]*<(n)*(det)*>`, []string{
		`s%\^Poner<vblex><imp><p2><sg>\+prpers<prn><enc><p2><mf><sg>\$( +\^[^<$]*<(n)*(det)*>)%` + lowerSuperblank("Put on") + `\1%g`,
		`s%\^poner<vblex><imp><p2><sg>\+prpers<prn><enc><p2><mf><sg>\$( +\^[^<$]*<(n)*(det)*>)%` + lowerSuperblank("put on") + `\1%g`,
	}),
)

// sunshineFrenchToSpanish are tag fixes of fr-es (and of fr→en, through
// its Spanish).
var sunshineFrenchToSpanish = slices.Concat(
	// A sunburn, "un coup de soleil" ("un golpe de sol"): caught,
	// "quemarse".
	only(`\^coup<n><m><sg>\$ +\^de<pr>\$ +\^soleil<n>`, []string{
		`s%(\^[Jj]e<prn><tn><p1><mf><sg>\$ +)*\^avoir<vb[a-z]*><pri><p1><sg>\$ +\^(attraper)*(prendre)*<vblex><pp><m><sg>\$ +\^un<det><ind><m><sg>\$ +\^coup<n><m><sg>\$ +\^de<pr>\$ +\^soleil<n><m><sg>\$%` + superblank("me he quemado") + `%g`,
		`s%\^un<det><ind><m><sg>\$ +\^coup<n><m><sg>\$ +\^de<pr>\$ +\^soleil<n><m><sg>\$%` + superblank("una quemadura de sol") + `%g`,
	}),
	// "mon fils", my son, which the tagger reads as threads ("mis hilos").
	only(`<det><pos><m><sg>\$ +\^fil<n><m><pl>\$`, []string{
		`s%(<det><pos><m>)<sg>\$ +\^fil<n><m><pl>\$%\1<sg>$ ^fils<n><m><sp>$%g`,
	}),
	// "on a beaucoup ri": the auxiliary, read as having ("tenemos mucho
	// reído"), and the adverb after the participle, as Spanish says it.
	only(`\^avoir<vblex><pri><p[123]><[sp][gl]>\$ +\^(beaucoup)*(bien)*(trop)*(mal)*<(pre)*adv>\$ +\^[^<$]*<vblex><pp>`, []string{
		`s%\^avoir<vblex>(<pri><p[123]><[sp][gl]>\$) +\^(beaucoup)*(bien)*(trop)*(mal)*<(pre)*adv>\$ +(\^[^<$]*<vblex><pp>[^$]*\$)%^avoir<vbhaver>\1 \7 ^\2\3\4\5<adv>$%g`,
	}),
	// A part one plays, "hace de" ("mon fils joue un lapin", "juega un
	// conejo").
	only(`\^jouer<vblex>[^$]*\$ +\^un<det><ind><[mf]><sg>\$ +\^[^<$]*<n>`, func() []string {
		var subs []string
		for _, p := range []string{"lapin", "arbre", "pirate", "roi", "reine", "princesse", "prince", "loup", "berger", "ange", "sorcière", "fée", "dragon", "souris", "lion", "étoile", "narrateur", "soldat", "fantôme"} {
			subs = append(subs, `s%\^jouer<vblex>([^$]*)\$ +\^un<det><ind><[mf]><sg>\$ +(\^`+p+`<n>)%^faire<vblex>\1$ ^de<pr>$ \2%g`)
		}
		return subs
	}()),
	// Partitive "de la" after a verb of taking or giving ("mets de la
	// crème", "pon de la crema"): Spanish says the thing alone.
	only(`\^(mettre)*(boire)*(manger)*(acheter)*(prendre)*(vouloir)*(apporter)*<vblex>[^$]*\$ +\^de<pr>\$ +\^le<det><def><f><sg>\$`, []string{
		`s%(\^(mettre)*(boire)*(manger)*(acheter)*(prendre)*(vouloir)*(apporter)*<vblex>[^$]*\$) +\^de<pr>\$ +\^le<det><def><f><sg>\$%\1%g`,
	}),
)

// sunshineToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): at noon, "à midi" ("au midi").
var sunshineToFrench = only(`\^a<pr>\+el<det><def><m><sg>\$ +\^mediodía<n>`, []string{
	`s%\^a<pr>\+el<det><def><m><sg>\$ +\^mediodía<n><m><sg>\$%` + superblank("à midi") + `%g`,
})

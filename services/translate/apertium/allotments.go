package apertium

import "slices"

// Jury duty, clearing out a wardrobe, an allotment (rounds
// chat222-chat224): what the modes write word by word in those messages.

// allotmentsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var allotmentsEnglish = slices.Concat(
	// "at last" at a clause's end, "por fin" ("en último").
	only(`\^at<pr>\$ +\^last<det><ord><sp>\$\^[.!?,]`, []string{
		`s%\^at<pr>\$ +\^last<det><ord><sp>\$(\^[.!?,])%` + lowerSuperblank("por fin") + `\1%g`,
	}),
	// "I'm not allowed to", "no puedo" ("no soy dejado para"; Portuguese
	// "não posso").
	only(`\^be<vbser><pri><p1><sg>\$ +\^not<adv>\$ +\^allow<vblex><pp>\$ +\^to<pr>\$`, startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><pri><p1><sg>\$ +\^not<adv>\$ +\^allow<vblex><pp>\$ +\^to<pr>\$`, "no puedo")),
	// "the blue one" at a clause's end, "el azul" ("el azul uno"); as a
	// subject ("the old one is fifteen years old") the mode's reading
	// stands.
	only(`<adj>[^$]*\$ +\^one<(num)*(prn)*>[^$]*\$\^[.!?,]`, []string{
		`s%(\^the<det><def><sp>\$ +\^[^<$]*<adj>[^$]*\$) +\^one<(num)*(prn)*>[^$]*\$(\^[.!?,])%\1\4%g`,
	}),
	// "I've been called for", summoned, "me han convocado para" ("Me he
	// apellidado para", named).
	only(`\^be<vblex><pp># called\$ +\^for<pr>\$`, startCapital(`\^prpers<prn><subj><p1><mf><sg>\+have<vbhaver><pres>\$ +\^be<vblex><pp># called\$ +\^for<pr>\$`, "me han convocado para")),
)

// allotmentsSpanish are tag fixes of spa-eng: Spain's beans, "judías"
// (the tagger's adjective, "Jewish"), after a quantity ("judías
// verdes" the mode reads).
var allotmentsSpanish = only(`\^judío<adj><f><pl>\$`, []string{
	`s%(\^(mucho)*(muchísimo)*(poco)*(uno)*(alguno)*<(det)*(adj)*>[^$]*<f><pl>\$ +)\^judío<adj><f><pl>\$%\1` + lowerSuperblank("beans") + `%g`,
})

// allotmentsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): words pt-es lacks, "colhi" (harvested, "recogí"), pumpkins
// ("abóboras", "calabazas"; the line was served untranslated), cucumbers
// ("pepinos"), a vegetable plot ("a horta", "el huerto").
var allotmentsPortuguese = slices.Concat(
	lacked("colhi", "recogí", "colheu", "recogió", "colhemos", "recogimos", "colheram", "recogieron", "colher", "recoger"),
	lacked("abóbora", "calabaza", "abóboras", "calabazas", "pepino", "pepino", "pepinos", "pepinos"),
	only(`\^\*horta\$`, []string{
		`s%\^o<det><def><f><sg>\$ +\^\*horta\$%` + lowerSuperblank("el huerto") + `%g`,
		`s%\^\*horta\$%` + lowerSuperblank("huerto") + `%g`,
	}),
)

// allotmentsToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): words es-fr lacks, pumpkins ("calabazas": the line was
// served untranslated), lettuces, hangers; "antes de lo previsto",
// "plus tôt que prévu" ("avant du prévu").
var allotmentsToFrench = slices.Concat(
	only(`\^\*(calabazas*)*(lechugas*)*(perchas*)*\$`, []string{
		`s%\^\*calabaza\$%^citrouille<n><f><sg>$%g`,
		`s%\^\*calabazas\$%` + lowerSuperblank("des citrouilles") + `%g`,
		`s%\^\*lechuga\$%` + lowerSuperblank("laitue") + `%g`,
		`s%\^\*lechugas\$%` + lowerSuperblank("des laitues") + `%g`,
		`s%\^\*percha\$%` + lowerSuperblank("cintre") + `%g`,
		`s%\^\*perchas\$%` + lowerSuperblank("de cintres") + `%g`,
	}),
	only(`\^antes<adv>\$ +\^de<pr>\$ +\^lo<detnt>\$ +\^prever<vblex><pp><m><sg>\$`, []string{
		`s%\^antes<adv>\$ +\^de<pr>\$ +\^lo<detnt>\$ +\^prever<vblex><pp><m><sg>\$%` + lowerSuperblank("plus tôt que prévu") + `%g`,
	}),
)

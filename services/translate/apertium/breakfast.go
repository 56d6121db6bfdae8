package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Volunteering, breakfast and theft (rounds chat101-chat103): what the
// modes write word by word in those messages.

// breakfastEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var breakfastEnglish = slices.Concat(
	// eng-spa writes five and seven hundred "cincocientos",
	// "sietecientos".
	only(`ive hundred<num>`, []string{`s%\^[Ff]ive hundred<num><sp>\$%` + superblank("quinientos") + `%g`}),
	only(`even hundred<num>`, []string{`s%\^[Ss]even hundred<num><sp>\$%` + superblank("setecientos") + `%g`}),
	// Money raised is "recaudado" ("criamos quinientos euros").
	only(`\^raise<vblex>[^$]*\$.*\^(money)*(euro)*(pound)*(dollar)*<n>`, []string{
		`s%\^prpers<prn><subj><p1><mf><pl>\$ +\^raise<vblex><past>\$%` + superblank("recaudamos") + `%g`,
		`s%\^prpers<prn><subj><p3><mf><pl>\$ +\^raise<vblex><past>\$%` + superblank("recaudaron") + `%g`,
		`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^raise<vblex><past>\$%` + superblank("recaudé") + `%g`,
		`s%\^raise<vblex><inf>\$%` + superblank("recaudar") + `%g`,
	}),
	// Leaflets handed out are "repartidos" ("ayudar mano fuera de
	// folíolos": the tagger reads the noun).
	only(`\^hand<(n)*(vblex)*>[^$]*\$ +\^out<[a-z]+>`, []string{
		`s%\^hand<n><sg>\$ +\^out<[a-z]+>\$%` + superblank("repartir") + `%g`,
		`s%\^hand<vblex><inf>\$ +\^out<[a-z]+>\$%` + superblank("repartir") + `%g`,
	}),
	// Volunteering: "I volunteer at" is "hago voluntariado en" (the
	// tagger reads the noun, and "I" before it the numeral), the food
	// bank "el banco de alimentos" ("el banco de comida").
	only(`\^volunteer<n><sg>\$ +\^(at)*(in)*(for)*(with)*<pr>`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^volunteer<n><sg>\$`, "hago voluntariado", false),
		sayAs("I", "i", `<num><mf><sg>\$ +\^volunteer<n><sg>\$`, "hago voluntariado", false),
	)),
	only(`\^food<[^$]*\$ +\^bank<n>`, []string{
		`s%\^food<[^$]*\$ +\^bank<n><sg>\$%` + superblank("banco de alimentos") + `%g`,
	}),
	// Skipping a meal is "saltarse" ("I skipped desayuno": the mode lacks
	// the word).
	only(`\^\*skipped\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^\*skipped\$ +\^breakfast<n><sg>\$`, "me salté el desayuno", false),
		sayAs("I", "i", `<num><mf><sg>\$ +\^\*skipped\$ +\^breakfast<n><sg>\$`, "me salté el desayuno", false),
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^\*skipped\$`, "me salté", false),
		sayAs("I", "i", `<num><mf><sg>\$ +\^\*skipped\$`, "me salté", false),
	)),
	// "have breakfast" is "desayunar" ("tener el desayuno"), and what is
	// done together, "juntos" ("junto"; French through it "je joins").
	only(`\^have<vblex><inf>\$ +\^breakfast<n>`, []string{`s%\^have<vblex><inf>\$ +\^breakfast<n><sg>\$%` + superblank("desayunar") + `%g`}),
	only(`\^together<adj>\$`, []string{`s%\^together<adj>\$%` + superblank("juntos") + `%g`}),
	// Breaking into a house or a car is entering it, "entrar en"
	// ("rompió a la casa").
	only(`\^break<vblex><past>\$ +\^into<pr>`, []string{
		`s%\^prpers<prn><subj><p3><mf><pl>\$ +\^break<vblex><past>\$ +\^into<pr>\$%` + superblank("entraron en") + `%g`,
		`s%\^break<vblex><past>\$ +\^into<pr>\$%` + superblank("entró en") + `%g`,
	}),
	// What is reported to the police is "denunciado" ("Lo tengo que
	// informar a la policía"), the police station "la comisaría" ("la
	// estación de policía"), the police on their way "de camino" ("en su
	// manera").
	only(`\^report<vblex>[^$]*\$( +\^prpers<prn><obj>[^$]*\$)? +\^to<pr>\$ +\^the<det><def><sp>\$ +\^police<n>`, []string{
		`s%\^report(<vblex>[^$]*\$( +\^prpers<prn><obj>[^$]*\$)? +\^to<pr>\$ +\^the<det><def><sp>\$ +\^police<n>)%^denounce\1%g`,
	}),
	only(`\^police<adj>\$ +\^station<n>`, []string{
		`s%\^the<det><def><sp>\$ +\^police<adj>\$ +\^station<n><sg>\$%` + superblank("la comisaría") + `%g`,
		`s%\^police<adj>\$ +\^station<n><sg>\$%` + superblank("comisaría") + `%g`,
	}),
	only(`\^on<pr>\$ +\^[^<$]*<det><pos><sp>\$ +\^way<n><sg>`, func() []string {
		way := `\^on<pr>\$ +\^[^<$]*<det><pos><sp>\$ +\^way<n><sg>\$`
		return []string{
			`s%(\^police<n><[a-z]+>\$ +)\^be<vbser><pres>\$ +` + way + `%\1` + superblank("está de camino") + `%g`,
			`s%\^prpers<prn><subj><p3><mf><pl>\$ +\^be<vbser><pres>\$ +` + way + `%` + superblank("están de camino") + `%g`,
			`s%(\^[^<$]*<n><pl>\$ +)\^be<vbser><pres>\$ +` + way + `%\1` + superblank("están de camino") + `%g`,
			`s%\^be<vbser><pri><p3><sg>\$ +` + way + `%` + superblank("está de camino") + `%g`,
			`s%` + way + `%` + superblank("de camino") + `%g`,
		}
	}()),
	// "who did it?" is "¿quién lo hizo?" ("¿quién él?").
	only(`\^who<prn><itg>[^$]*\$ +\^do<vbdo><past>\$ +\^prpers<prn><subj><p3><nt><sg>`, []string{
		`s%\^who<prn><itg>[^$]*\$ +\^do<vbdo><past>\$ +\^prpers<prn><subj><p3><nt><sg>\$%` + superblank("quién lo hizo") + `%g`,
	}),
	// "be careful (with)" at a clause's start is a warning, "ten cuidado"
	// ("Ser prudente con").
	only(`e<vbser><inf>\$ +\^careful<adj>`, sayAs("B", "b", `e<vbser><inf>\$ +\^careful<adj>\$`, "ten cuidado", true)),
)

// policeStation is eng-cat's police station, "la comissaria" ("l'estació
// de policia").
var policeStation = only(`\^police station<n>`, []string{
	`s%\^the<det><def><sp>\$ +\^police station<n><sg>\$%` + superblank("la comissaria") + `%g`,
})

// breakfastSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var breakfastSpanish = slices.Concat(
	// Breakfast had: spa-eng lacks "desayunar" ("You have *desayunado?",
	// "Breakfast to the eight").
	only(`\^\*desayun(ado)*(é)*(ar)*(amos)*\$`, slices.Concat(
		sayAs("N", "n", `o<adv>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^\*desayunado\$`, "I haven't had breakfast", false),
		sayAs("H", "h", `aber<vbhaver><pri><p1><sg>\$ +\^\*desayunado\$`, "I've had breakfast", false),
		sayAs("H", "h", `aber<vbhaver><pri><p2><sg>\$ +\^\*desayunado\$`, "have you had breakfast", false),
		sayAs("H", "h", `aber<vbhaver><pri><p1><pl>\$ +\^\*desayunado\$`, "we've had breakfast", false),
		phrase(`\^\*desayuné\$`, "I had breakfast"),
		phrase(`\^\*desayunamos\$`, "we have breakfast"),
		phrase(`\^\*desayunar\$`, "have breakfast"),
	)),
	// "desayuno a las ocho", with no determiner before, is I have
	// breakfast at eight.
	only(`esayuno<n><m><sg>\$ +\^a<pr>\$ +\^el<det><def><f><pl>`, []string{
		`s%(<det>[^$]*\$ +\^[Dd]esayuno)<n>%\1<n_parley>%g`,
		`s%\^[Dd]esayuno<n><m><sg>\$( +\^a<pr>\$ +\^el<det><def><f><pl>\$)%` + superblank("I have breakfast") + `\1%g`,
		`s%<n_parley>%<n>%g`,
	}),
	// "no queda café" is there's no coffee left ("it does not remain
	// coffee"); noneLeft has the ones with a person ("no me queda").
	only(`\^no<adv>\$ +\^quedar<vblex><pri><p3><[a-z]+>\$ +\^[^<$]*<n>`, []string{
		// The noun keeps its lower case after the superblank (fix).
		`s%\^[Nn]o<adv>\$ +\^quedar<vblex><pri><p3><sg>\$ +(\^[^<$]*<n><[mf]><sg>\$)%` + lowerSuperblank("there's no") + ` \1 ` + superblank("left") + `%g`,
		`s%\^[Nn]o<adv>\$ +\^quedar<vblex><pri><p3><pl>\$ +(\^[^<$]*<n><[mf]><pl>\$)%` + lowerSuperblank("there are no") + ` \1 ` + superblank("left") + `%g`,
	}),
	// Blood and clothes donated: spa-eng lacks "donar" in the past.
	only(`\^\*don(é)*(ado)*\$`, slices.Concat(
		sayAs("H", "h", `aber<vbhaver><pri><p1><sg>\$ +\^\*donado\$`, "I've donated", false),
		phrase(`\^\*doné\$`, "I donated"),
		phrase(`\^\*donado\$`, "donated"),
	)),
	// "hago de voluntario" is I volunteer ("I do of volunteer"), "un
	// comedor social" a soup kitchen ("a social canteen"), "un refugio de
	// animales" an animal shelter, "la recogida (de alimentos)" a (food)
	// collection ("the collected of foods").
	only(`\^hacer<vblex><pri><p1><sg>\$ +\^de<pr>\$ +\^voluntario<n>`, sayAs("H", "h", `acer<vblex><pri><p1><sg>\$ +\^de<pr>\$ +\^voluntario<n><m><sg>\$`, "I volunteer", false)),
	only(`\^comedor<n><m><sg>\$ +\^social<adj>`, []string{`s%\^comedor<n><m><sg>\$ +\^social<adj><mf><sg>\$%` + superblank("soup kitchen") + `%g`}),
	only(`\^refugio<n><m><sg>\$ +\^de<pr>\$ +\^animal<n>`, []string{`s%\^refugio<n><m><sg>\$ +\^de<pr>\$ +\^animal<n><m><pl>\$%` + superblank("animal shelter") + `%g`}),
	only(`<det><def><f><sg>\$ +\^recoger<vblex><pp><f><sg>`, []string{
		`s%(<det><def><f><sg>\$ +)\^recoger<vblex><pp><f><sg>\$ +\^de<pr>\$ +\^alimento<n><m><pl>\$%\1` + superblank("food collection") + `%g`,
		`s%(<det><def><f><sg>\$ +)\^recoger<vblex><pp><f><sg>\$%\1` + superblank("collection") + `%g`,
	}),
	// An orange juice ("a juice of orange").
	only(`\^zumo<n><m><[a-z]+>\$ +\^de<pr>\$ +\^(naranja)*(manzana)*(piña)*(tomate)*<n>`, []string{
		`s%\^zumo<n><m><sg>\$ +\^de<pr>\$ +\^naranja<n><f><sg>\$%` + superblank("orange juice") + `%g`,
		`s%\^zumo<n><m><sg>\$ +\^de<pr>\$ +\^manzana<n><f><sg>\$%` + superblank("apple juice") + `%g`,
		`s%\^zumo<n><m><sg>\$ +\^de<pr>\$ +\^piña<n><f><sg>\$%` + superblank("pineapple juice") + `%g`,
		`s%\^zumo<n><m><sg>\$ +\^de<pr>\$ +\^tomate<n><m><sg>\$%` + superblank("tomato juice") + `%g`,
	}),
	// What they stole from me with "mi" ("me han robado mi bicicleta",
	// French "on m'a volé mon vélo" through fr-es) is "my bicycle" ("they
	// have stolen me my bicycle"); theyDidToMine has "el".
	only(`<prn><pro><p[12]><mf><[sp][gl]>\$ +\^(haber<vbhaver>[^$]*\$ +\^)?(robar)*(romper)*(perder)*(cancelar)*<vblex>[^$]*\$ +\^[^<$]*<det><pos>`, []string{
		`s%\^[Pp]rpers<prn><pro><p[12]><mf><[sp][gl]>\$ +(\^(haber<vbhaver>[^$]*\$ +\^)?(robar)*(romper)*(perder)*(cancelar)*<vblex>[^$]*\$ +\^[^<$]*<det><pos>)%\1%g`,
	}),
	// "poner una denuncia" is reporting it to the police ("I've put a
	// complaint").
	only(`\^poner<vblex>[^$]*\$ +\^uno<det><ind><f><sg>\$ +\^denuncia<n>`, slices.Concat(
		sayAs("H", "h", `aber<vbhaver><pri><p1><sg>\$ +\^poner<vblex><pp><m><sg>\$ +\^uno<det><ind><f><sg>\$ +\^denuncia<n><f><sg>\$`, "I've reported it to the police", false),
		sayAs("P", "p", `oner<vblex><ifi><p1><sg>\$ +\^uno<det><ind><f><sg>\$ +\^denuncia<n><f><sg>\$`, "I reported it to the police", false),
		sayAs("P", "p", `oner<vblex><inf>\$ +\^uno<det><ind><f><sg>\$ +\^denuncia<n><f><sg>\$`, "report it to the police", false),
	)),
)

// breakfastFrench are tag fixes of es-fr (and of en→fr through Spanish):
// breakfast "sur la table" ("dans la table"), clothes "donnés" (es-fr
// lacks "donado"), "ten cuidado" "fais attention" ("aie soigné").
var breakfastFrench = slices.Concat(
	only(`\^[Tt]ener<vblex><imp><p2><sg>\$ +\^cuidar<vblex><pp><m><sg>`, sayAs("T", "t", `ener<vblex><imp><p2><sg>\$ +\^cuidar<vblex><pp><m><sg>\$`, "fais attention", false)),
	only(`\^en<pr>\$ +\^[^<$]*<det>[^$]*\$ +\^mesa<n>`, []string{
		`s%\^en<pr>\$( +\^[^<$]*<det>[^$]*\$ +\^mesa<n>)%^sobre<pr>$\1%g`,
	}),
	only(`\^\*donado\$`, []string{`s%\^\*donado\$%` + superblank("donné") + `%g`}),
)

// volunteersNeeded reads es-fr's "voluntarios" after "necesitar" as the
// noun (the tagger reads the adjective, which needAsNecessity leaves).
var volunteersNeeded = only(`ecesitar<vblex>[^$]*\$ +\^voluntario<adj>`, []string{
	`s%(ecesitar<vblex>[^$]*\$ +\^voluntario)<adj>%\1<n>%g`,
})

// breakfastFrenchToSpanish are tag fixes of fr-es (and of fr→en and
// fr→pt, through its Spanish).
var breakfastFrenchToSpanish = slices.Concat(
	// "fais attention à" is "ten cuidado con" ("presta atención a"), and
	// a partitive before a word fr-es lacks goes ("on cherche des
	// bénévoles", "buscamos de los bénévoles": nouns.txt writes the word).
	// (gamesFrenchToSpanish has made "faire attention" "prêter".)
	only(`\^([Ff]aire)*(prêter)*<vblex><imp><p2><sg>\$ +\^attention<n><f><sg>\$ +\^à<pr>`, slices.Concat(
		sayAs("F", "f", `aire<vblex><imp><p2><sg>\$ +\^attention<n><f><sg>\$ +\^à<pr>\$`, "ten cuidado con", false),
		sayAs("P", "p", `rêter<vblex><imp><p2><sg>\$ +\^attention<n><f><sg>\$ +\^à<pr>\$`, "ten cuidado con", false),
	)),
	only(`<vblex>[^$]*\$ +\^de<pr>\+le<det><def><[mf]*><[a-z]+>\$ +\^\*`, []string{
		`s%(<vblex>[^$]*\$ +)\^de<pr>\+le<det><def><[mf]*><[a-z]+>\$( +\^\*)%\1\2%g`,
	}),
	// "voler" a thing is stealing it, "robar" ("on m'a volé mon vélo", "it
	// has flown me my bicycle").
	only(`\^voler<vblex>`, []string{
		`s%\^on<prn><pro><ref><p3><mf><sp>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^voler<vblex><pp><m><sg>\$%` + superblank("me han robado") + `%g`,
		`s%\^on<prn><pro><ref><p3><mf><sp>\$ +\^te<prn><pro><p2><mf><sg>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^voler<vblex><pp><m><sg>\$%` + superblank("te han robado") + `%g`,
		`s%\^on<prn><pro><ref><p3><mf><sp>\$ +\^nous<prn><pro><p1><mf><pl>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^voler<vblex><pp><m><sg>\$%` + superblank("nos han robado") + `%g`,
		`s%(\^avoir<vbhaver>[^$]*\$ +)\^voler<vblex><pp><[mf]><[a-z]+>\$( +\^[^<$]*<det>)%\1` + superblank("robado") + `\2%g`,
		`s%\^voler<vblex><inf>\$( +\^[^<$]*<det>)%` + superblank("robar") + `\1%g`,
	}),
	// "porter plainte" is "poner una denuncia" ("llevado quejado").
	only(`\^porter<vblex>[^$]*\$ +\^(plaindre<vblex><pp><f><sg>)*(plainte<n>)*`, []string{
		`s%\^porter(<vblex>[^$]*\$) +\^plaindre<vblex><pp><f><sg>\$%^mettre\1 ` + superblank("una denuncia") + `%g`,
		`s%\^porter(<vblex>[^$]*\$) +\^plainte<n><f><sg>\$%^mettre\1 ` + superblank("una denuncia") + `%g`,
	}),
	// "il y a eu" is "ha habido" ("hay tenido"), "l'immeuble" "el
	// edificio" ("la finca urbana").
	only(`y avoir<vblex><pri><p3><sg>\$ +\^avoir<vblex><pp>`, []string{
		`s%\^[Ii]l<prn><tn><p3><m><sg>\+y avoir<vblex><pri><p3><sg>\$ +\^avoir<vblex><pp><m><sg>\$%` + superblank("ha habido") + `%g`,
	}),
	only(`\^immeuble<n>`, []string{
		`s%\^immeuble<n><m><sg>\$%` + superblank("edificio") + `%g`,
		`s%\^immeuble<n><m><pl>\$%` + superblank("edificios") + `%g`,
	}),
	// Coffee "prêt" is ready, "listo", with "estar" ("el café es
	// listo").
	only(`\^être<vbser><pri><p[123]><[a-z]+>\$ +\^prêt<adj>`, func() []string {
		var subs []string
		for _, c := range []struct{ person, agr, text string }{
			{"p3><sg", "m><sg", "está listo"}, {"p3><sg", "f><sg", "está lista"},
			{"p3><pl", "m><pl", "están listos"}, {"p3><pl", "f><pl", "están listas"},
			{"p1><sg", "m><sg", "estoy listo"}, {"p1><sg", "f><sg", "estoy lista"},
			{"p2><sg", "m><sg", "estás listo"}, {"p2><sg", "f><sg", "estás lista"},
		} {
			subs = append(subs, `s%\^être<vbser><pri><`+c.person+`>\$ +\^prêt<adj><`+c.agr+`>\$%`+superblank(c.text)+`%g`)
		}
		return subs
	}()),
)

// breadToPortuguese is es-pt's "pan", bread, which its tagger reads as an
// adverb and leaves ("comprei pan").
var breadToPortuguese = only(`\^pan<adv>\$`, []string{`s%\^pan<adv>\$%` + superblank("pão") + `%g`})

// breakfastPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): breakfast, "o pequeno-almoço", is "el desayuno" ("pequeño
// almuerzo"; English "small-breakfast"), money "angariado" raised (pt-es
// lacks the word), an animal shelter "um abrigo de animais" ("un abrigo",
// a coat, read as the verb).
var breakfastPortuguese = slices.Concat(
	// "muito" before a noun is "mucho" ("angariámos muito dinheiro", "very
	// money", the tagger reading the adverb after the unknown word).
	only(`uito<(pre)*adv>\$ +\^[^<$]*<n><m><sg>`, []string{`s%\^([Mm])uito<(pre)*adv>\$( +\^[^<$]*<n><m><sg>\$)%^\1uito<adj><m><sg>$\3%g`}),
	only(`\^pequeno<adj><m><sg>\$-\^almoço<n>`, []string{`s%\^pequeno<adj><m><sg>\$-\^almoço<n><m><sg>\$%` + superblank("desayuno") + `%g`}),
	only(`\^\*angari`, []string{
		`s%\^\*angari(ámos)*(amos)*\$%` + superblank("recaudamos") + `%g`,
		`s%\^\*angariei\$%` + superblank("recaudé") + `%g`,
		`s%\^\*angariaram\$%` + superblank("recaudaron") + `%g`,
		`s%\^\*angariar\$%` + superblank("recaudar") + `%g`,
	}),
	only(`\^abrigar<vblex>[^$]*\$ +\^de<pr>\$ +\^animal<n>`, []string{
		`s%\^abrigar<vblex>[^$]*\$ +\^de<pr>\$ +\^animal<n><m><pl>\$%` + superblank("refugio de animales") + `%g`,
	}),
)

// frenchNothing is the negation "pas" the modes keep before "rien" and
// "personne" ("la police n'a pas fait rien", "je n'ai pas vu personne"):
// French says "n'a rien fait", "n'ai vu personne".
var frenchNothing = regexp.MustCompile(`\b(n'|n’|ne )(\p{L}+) pas (?:(\p{L}+) )?(rien|personne)\b`)

// frenchOnTheWay is es-fr's "estoy de camino", "je suis de chemin": French
// is "en chemin".
var frenchOnTheWay = regexp.MustCompile(`\b((?:suis|es|est|sommes|êtes|sont|étais|était) )de chemin\b`)

// spanishNoneOf is eng-spa's "no hay ningún azúcar": a thing one has
// none of is "no hay azúcar".
var spanishNoneOf = regexp.MustCompile(`\b([Nn]o hay) ning(?:ún|una|uno) (azúcar|leche|café|pan|agua|dinero|tiempo|comida|sal|aceite|té|cobertura|señal|luz|wifi|gasolina|hielo|papel)\b`)

// europeanRewrites are the rewrites into European Portuguese only (not
// pt-BR): es-pt's Brazilian breakfast, "o café da manhã", which Portugal
// calls "o pequeno-almoço".
var europeanRewrites = []gatedRewrite{
	{regexp.MustCompile(`\b([Cc])afé da manhã`), "afé da manhã", "", func(o string, m []int) (string, bool) {
		return map[string]string{"C": "P", "c": "p"}[o[m[2]:m[3]]] + "equeno-almoço", true
	}},
	portugueseEveryone,
	portugueseDishes,
}

// englishAnBefore is "a" before a vowel the rounds' superblanks write
// ("a orange juice").
var englishAnBefore = regexp.MustCompile(`\b([Aa]) ((?:orange|apple|egg|omelette|avocado|hour|animal)\b)`)

// englishMakeFood is spa-eng's "hacer" of food and drink, "do you a
// juice": one makes it.
var englishMakeFood = regexp.MustCompile(`\b(?:do|does|did) ((?:you|me|us|him|her|them) (?:an?|some|the) (?:orange juice|apple juice|juice|coffee|tea|sandwich|cake|omelette|toast|breakfast|dinner|lunch|soup|salad)\b)`)

// breakfastRewrites are the English rewrites of the rounds
// chat101-chat103.
var breakfastRewrites = []gatedRewrite{
	{englishMakeFood, "do |does |did ", "juice|coffee|tea|sandwich|cake|omelette|toast|breakfast|dinner|lunch|soup|salad", func(o string, m []int) (string, bool) {
		verb := map[string]string{"do": "make", "does": "makes", "did": "made"}[strings.Fields(o[m[0]:m[1]])[0]]
		return verb + " " + o[m[2]:m[3]], true
	}},
}

// breakfastArticles run after breakfastRewrites, whose "make you a orange
// juice" they write "an".
var breakfastArticles = []gatedRewrite{
	{englishAnBefore, "a orange|a apple|a egg|a omelette|a avocado|a hour|a animal|A orange|A apple|A egg|A animal", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "n " + o[m[4]:m[5]], true
	}},
}

// breakfastRewritesByTarget are their rewrites for the other targets.
var breakfastRewritesByTarget = map[string][]gatedRewrite{
	"fr": {
		{frenchOnTheWay, "de chemin", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + "en chemin", true }},
		{frenchNothing, " rien| personne", " pas ", func(o string, m []int) (string, bool) {
			neg, verb, word := o[m[2]:m[3]], o[m[4]:m[5]], o[m[8]:m[9]]
			switch {
			case m[6] < 0:
				return neg + verb + " " + word, true
			case word == "rien":
				return neg + verb + " rien " + o[m[6]:m[7]], true
			}
			return neg + verb + " " + o[m[6]:m[7]] + " personne", true
		}},
	},
	"es": {
		{spanishNoneOf, "no hay ning|No hay ning", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
		}},
	},
}

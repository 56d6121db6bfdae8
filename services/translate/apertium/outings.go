package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Hiking, the library, Halloween and carnival (rounds chat122-chat124):
// what the modes write word by word in those messages.

// costumes are what one dresses up as, in English and in Spanish.
var costumes = []struct{ en, es string }{
	{"witch", "bruja"}, {"pirate", "pirata"}, {"vampire", "vampiro"}, {"ghost", "fantasma"}, {"clown", "payaso"},
	{"princess", "princesa"}, {"zombie", "zombi"}, {"monster", "monstruo"}, {"skeleton", "esqueleto"},
	{"fairy", "hada"}, {"wizard", "mago"}, {"cat", "gato"}, {"devil", "diablo"}, {"mummy", "momia"},
	{"superhero", "superhéroe"}, {"pumpkin", "calabaza"},
}

// outingsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var outingsEnglish = slices.Concat(
	// Hiking: a steep climb, "una subida muy empinada" ("una escarpado
	// sube"), how long a walk is, "cuánto dura" ("cuánto largo es"), the
	// legs that are killing one, "me duelen muchísimo" ("están
	// matándome"), the top one got to, "llegamos a la cima" ("cogíamos
	// hasta arriba"), a mountain hut, "un refugio" ("una cabaña de
	// montaña"), the way down, "la bajada" ("el camino abajo"), snow up
	// there ("va a nieve").
	climbAndHowLong("una subida muy empinada", "cuánto dura"),
	only(`\^be<vbser><pres>\$ +\^kill<vblex><ger>\$ +\^prpers<prn><obj><p1><mf><sg>\$`, []string{
		`s%\^[Mm]y<det><pos><sp>\$ +(\^[^<$]*<n><pl>\$) +\^be<vbser><pres>\$ +\^kill<vblex><ger>\$ +\^prpers<prn><obj><p1><mf><sg>\$%` + superblank("me duelen muchísimo") + ` ^the<det><def><sp>$ \1%g`,
	}),
	only(`\^get<vblex><past>\$ +\^to the top<adv>\$`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><pl>\$ +\^get<vblex><past>\$ +\^to the top<adv>\$%` + superblank("llegamos a la cima") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^to the top<adv>\$%` + superblank("llegué a la cima") + `%g`,
		`s%\^get<vblex><past>\$ +\^to the top<adv>\$%` + superblank("llegaron a la cima") + `%g`,
	}),
	only(`\^mountain<n><sg>\$ +\^hut<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^mountain<n><sg>\$ +\^hut<n><sg>\$%` + superblank("un refugio") + `%g`,
		`s%\^mountain<n><sg>\$ +\^hut<n><sg>\$%` + superblank("refugio") + `%g`,
	}),
	only(`\^on the way<adv>\$ +\^(down)*(up)*<adv>\$`, []string{
		`s%\^on the way<adv>\$ +\^down<adv>\$%` + superblank("en la bajada") + `%g`,
		`s%\^on the way<adv>\$ +\^up<adv>\$%` + superblank("en la subida") + `%g`,
	}),
	only(`\^go<vblex><ger>\$ +\^to<pr>\$ +\^snow<n><sg>\$`, []string{
		`s%(\^go<vblex><ger>\$ +\^to<pr>\$) +\^snow<n><sg>\$%\1 ` + superblank("nevar") + `%g`,
	}),
	// The library: a fine ("un bien", read as "fine"), a library card
	// ("una tarjeta de biblioteca"), a book already borrowed ("es ya
	// tomó prestado").
	only(`\^a<det><ind><sg>\$ +\^fine<[a-z]+>\$ +\^for<pr>`, []string{
		`s%\^a<det><ind><sg>\$ +\^fine<[a-z]+>\$ +\^for<pr>\$%` + superblank("una multa por") + `%g`,
	}),
	only(`\^library<n><sg>\$ +\^card<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^library<n><sg>\$ +\^card<n><sg>\$%` + superblank("un carnet de biblioteca") + `%g`,
		`s%\^the<det><def><sp>\$ +\^library<n><sg>\$ +\^card<n><sg>\$%` + superblank("el carnet de la biblioteca") + `%g`,
		`s%\^library<n><sg>\$ +\^card<n><sg>\$%` + superblank("carnet de la biblioteca") + `%g`,
	}),
	only(`\^be<vbser><pri><p3><sg>\$ +\^already<adv>\$ +\^borrow<vblex><(past)*(pp)*>\$`, []string{
		`s%\^be<vbser><pri><p3><sg>\$ +\^already<adv>\$ +\^borrow<vblex><(past)*(pp)*>\$%` + superblank("ya está prestado") + `%g`,
	}),
	// Costumes: going as one ("Estoy yendo como bruja"), dressing up as
	// one ("J'habille en dessus aussi bien que pirate": "me disfrazo de",
	// which es-fr writes "je me déguise en"), a thing that is scary,
	// which eng-spa lacks ("da miedo"), trick-or-treating ("truco-o-
	// tratando"), carving ("carved"), kids who love a thing (read as the
	// noun: "el carnaval de amor de los niños"), face paint.
	only(`\^be<vbser><pri><p1><sg>\$ +\^(go)*(dress)*<vblex><ger>\$ +(\^up<adv>\$ +)*\^as a<pr>\$`, func() []string {
		var subs []string
		for _, c := range []struct{ verb, text string }{{`go<vblex><ger>\$`, "voy de"}, {`dress<vblex><ger>\$ +\^up<adv>\$`, "me disfrazo de"}} {
			subs = append(subs,
				`s%\^Prpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><pri><p1><sg>\$ +\^`+c.verb+` +\^as a<pr>\$%`+lowerSuperblank(strings.ToUpper(c.text[:1])+c.text[1:])+`%g`,
				`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><pri><p1><sg>\$ +\^`+c.verb+` +\^as a<pr>\$%`+lowerSuperblank(c.text)+`%g`)
		}
		// The costume after it, which the tagger may read as an adjective
		// ("pirate").
		for _, c := range costumes {
			subs = append(subs, `s%(\]) +\^`+c.en+`<(adj)*(n><sg)*>\$%\1 `+superblank(c.es)+`%g`)
		}
		return subs
	}()),
	only(`\^what<det><itg><sp>\$ +\^be<vbser><pres>\$ +\^prpers<prn><obj><p2><mf><sp>\$ +\^dress<vblex><ger>\$ +\^up<adv>\$ +\^as`, []string{
		`s%\^[Ww]hat<det><itg><sp>\$ +\^be<vbser><pres>\$ +\^prpers<prn><obj><p2><mf><sp>\$ +\^dress<vblex><ger>\$ +\^up<adv>\$ +\^as for<pr>\$%` + lowerSuperblank("de qué te disfrazas para") + `%g`,
		`s%\^[Ww]hat<det><itg><sp>\$ +\^be<vbser><pres>\$ +\^prpers<prn><obj><p2><mf><sp>\$ +\^dress<vblex><ger>\$ +\^up<adv>\$ +\^as<[a-z]+>\$%` + lowerSuperblank("de qué te disfrazas") + `%g`,
	}),
	only(`\^\*scary\$`, []string{
		`s%\^be<vbser><pri><p3><sg>\$ +\^(really)*(very)*<preadv>\$ +\^\*scary\$%` + superblank("da mucho miedo") + `%g`,
		`s%\^be<vbser><pri><p3><sg>\$ +\^\*scary\$%` + superblank("da miedo") + `%g`,
		`s%\^be<vbser><past><p[13]><sg>\$ +\^\*scary\$%` + superblank("daba miedo") + `%g`,
		`s%\^\*scary\$%` + superblank("que da miedo") + `%g`,
	}),
	only(`\^trick<n><sg>\$\^-<guio>\$\^or<cnjcoo>\$\^-<guio>\$\^treat<vblex><ger>\$`, []string{
		`s%\^trick<n><sg>\$\^-<guio>\$\^or<cnjcoo>\$\^-<guio>\$\^treat<vblex><ger>\$%` + superblank("a pedir caramelos") + `%g`,
	}),
	only(`\^\*carved\$`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><pl>\$ +\^\*carved\$%` + superblank("tallamos") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^\*carved\$%` + superblank("tallé") + `%g`,
		`s%\^\*carved\$%` + superblank("tallado") + `%g`,
	}),
	only(`<n><pl>\$ +\^love<n><sg>\$ +\^[^<$]*<n>`, []string{
		`s%(\^the<det><def><sp>\$ +\^[^<$]*<n><pl>\$ +)\^love<n><sg>\$( +\^[^<$]*<n>)%\1^adore<vblex><pres>$\2%g`,
	}),
	only(`\^face<n><sg>\$ +\^paint<n><sg>\$`, phrase(`\^face<n><sg>\$ +\^paint<n><sg>\$`, "pintura para la cara")),
)

// outingsCatalan are tag fixes of eng-cat: a steep climb, "una pujada
// molt forta" ("un costerut ascendeix"), how long a walk is, "quant
// dura" ("quant temps és").
var outingsCatalan = climbAndHowLong("una pujada molt forta", "quant dura")

// climbAndHowLong writes "a steep climb" as climb (eng-spa's "una
// escarpado sube") and "how long is the…" as howLong, lower case, asking
// what a thing lasts ("cuánto largo es").
func climbAndHowLong(climb, howLong string) []string {
	return slices.Concat(
		only(`\^a<det><ind><sg>\$ +\^steep<adj>[^$]*\$ +\^climb<`, []string{
			`s%\^a<det><ind><sg>\$ +\^steep<adj>[^$]*\$ +\^climb<[^$]*\$%` + superblank(climb) + `%g`,
		}),
		only(`\^[Hh]ow long<adv>\$ +\^be<vbser><pres><p3><sg>\$ +\^the<det>`, []string{
			`s%\^How long<adv>\$ +\^be<vbser><pres><p3><sg>\$%` + lowerSuperblank(strings.ToUpper(howLong[:1])+howLong[1:]) + `%g`,
			`s%\^how long<adv>\$ +\^be<vbser><pres><p3><sg>\$%` + lowerSuperblank(howLong) + `%g`,
		}),
	)
}

// outingsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var outingsSpanish = slices.Concat(
	// Blisters that came up on one's feet ("they've left me ampollas in
	// the feet"), a peak ("the beak", senses), a study room ("the room of
	// studio"), a loan period ("the term of loan"), what "es de" a
	// number is it ("is of three weeks").
	only(`\^\*ampollas\$`, []string{
		`s%\^[Pp]rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><pl>\$ +\^salir<vblex><pp><m><sg>\$ +\^\*ampollas\$%` + superblank("I've got blisters") + `%g`,
		`s%\^\*ampollas\$%` + superblank("blisters") + `%g`,
	}),
	only(`\^en<pr>\$ +\^el<det><def><m><pl>\$ +\^pie<n><m><pl>\$`, []string{
		`s%(blisters\]) +\^en<pr>\$ +\^el<det><def><m><pl>\$ +\^pie<n><m><pl>\$%\1 ` + superblank("on my feet") + `%g`,
		`s%(\^ampolla<n><f><pl>\$) +\^en<pr>\$ +\^el<det><def><m><pl>\$ +\^pie<n><m><pl>\$%\1 ` + superblank("on my feet") + `%g`,
	}),
	only(`\^sala<n><f><sg>\$ +\^de<pr>\$ +\^estudio<n>`, []string{
		`s%\^sala<n><f><sg>\$ +\^de<pr>\$ +\^estudio<n><m><sg>\$%` + superblank("study room") + `%g`,
	}),
	only(`\^plazo<n><m><sg>\$ +\^de<pr>\$ +\^préstamo<n>`, []string{
		`s%\^plazo<n><m><sg>\$ +\^de<pr>\$ +\^préstamo<n><m><sg>\$%` + superblank("loan period") + `%g`,
	}),
	only(`\^ser<vbser><pri><p3><sg>\$ +\^de<pr>\$ +\^[^<$]*<num>`, []string{
		`s%(\^ser<vbser><pri><p3><sg>\$) +\^de<pr>\$( +\^[^<$]*<num>)%\1\2%g`,
	}),
	// Borrowing from the library, "sacar" ("I've taken two novels of
	// the library"), joining it, "hacerse socio" ("I've done me partner
	// of").
	only(`\^biblioteca<n>`, []string{
		`s%\^haber<vbhaver><pri><p1><sg>\$ +\^sacar<vblex><pp><m><sg>\$%` + lowerSuperblank("I've borrowed") + `%g`,
		`s%\^sacar<vblex><ifi><p1><sg>\$%` + lowerSuperblank("I borrowed") + `%g`,
		`s%(borrowed\][^[]*)\^de<pr>\$ +\^el<det><def><f><sg>\$ +\^biblioteca<n><f><sg>\$%\1` + superblank("from the library") + `%g`,
		`s%\^[Pp]rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^hacer<vblex><pp><m><sg>\$ +\^socio<n><m><sg>\$ +\^de<pr>\$%` + superblank("I've joined") + `%g`,
	}),
	// What one "ha tomado prestado" one has borrowed ("taken loaned"),
	// rockfalls, "desprendimientos" ("detachments").
	only(`\^tomar<vblex><pp><m><sg>\$ +\^prestar<vblex><pp>`, []string{
		`s%\^tomar<vblex><pp><m><sg>\$ +\^prestar<vblex><pp><[mf]><(sg)*(pl)*>\$%` + superblank("borrowed") + `%g`,
	}),
	only(`\^desprendimiento<n><m><pl>\$`, []string{`s%\^desprendimiento<n><m><pl>\$%` + superblank("rockfalls") + `%g`}),
	// Costumes: "¿de qué vas disfrazado?" ("of what you go disguised?"),
	// going as one ("va de superhéroe", left untranslated), dressed as
	// one, a costume of a thing ("a disguise of vampire").
	only(`\^de<pr>\$ +\^qué<prn><itg>[^$]*\$ +\^ir<vblex><pri><p2><sg>\$ +\^disfrazar<vblex><pp>`, []string{
		`s%\^de<pr>\$ +\^qué<prn><itg>[^$]*\$ +\^ir<vblex><pri><p2><sg>\$ +\^disfrazar<vblex><pp><[mf]><sg>\$%` + lowerSuperblank("what are you dressed up as") + `%g`,
	}),
	only(`\^ir<vblex><pri><p[13]><sg>\$ +(\^disfrazar<vblex><pp><[mf]><sg>\$ +)*\^de<pr>\$ +\^`, func() []string {
		var subs []string
		for _, c := range costumes {
			article := "a "
			if startsWithVowel(c.en) {
				article = "an "
			}
			// spa-eng lacks "superhéroe": the unknown word, marked.
			unit := `\^` + c.es + `<n>[^$]*\$`
			if c.es == "superhéroe" {
				unit = `\^\*superhéroe\$`
			}
			subs = append(subs,
				`s%\^ir<vblex><pri><p1><sg>\$ +(\^disfrazar<vblex><pp><[mf]><sg>\$ +)*\^de<pr>\$ +`+unit+`%`+superblank("I'm going as "+article+c.en)+`%g`,
				`s%\^ir<vblex><pri><p3><sg>\$ +(\^disfrazar<vblex><pp><[mf]><sg>\$ +)*\^de<pr>\$ +`+unit+`%`+superblank("is going as "+article+c.en)+`%g`)
		}
		return subs
	}()),
	only(`\^\*superhéroes*\$`, []string{
		`s%\^\*superhéroe\$%` + superblank("superhero") + `%g`,
		`s%\^\*superhéroes\$%` + superblank("superheroes") + `%g`,
	}),
	only(`\^disfraz<n><m><sg>\$ +\^de<pr>\$ +\^[^<$]*<n><[mf]><sg>\$`, []string{
		`s%\^disfraz<n><m><sg>\$ +\^de<pr>\$ +(\^[^<$]*<n><[mf]><sg>\$)%\1 ` + superblank("costume") + `%g`,
	}),
)

// outingsFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish): a hike, "une randonnée", which fr-es lacks,
// rockfalls, "des éboulements", and one who borrowed a thing,
// "emprunté".
var outingsFrenchToSpanish = slices.Concat(
	only(`\^\*randonnées*\$`, []string{
		`s%\^\*randonnée\$%` + superblank("excursión") + `%g`,
		`s%\^\*randonnées\$%` + superblank("excursiones") + `%g`,
	}),
	only(`\^\*éboulements*\$`, []string{
		`s%\^de<pr>\+le<det><def><mf><pl>\$ +\^\*éboulements\$%` + superblank("de los desprendimientos") + `%g`,
		`s%\^\*éboulements\$%` + superblank("desprendimientos") + `%g`,
	}),
	only(`\^\*emprunté\$`, []string{`s%\^\*emprunté\$%` + superblank("tomado prestados") + `%g`}),
)

// outingsPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): blisters on one's feet, "bolhas" ("burbujas"), a librarian
// ("a bibliotecária", which pt-es lacks), borrowing from a library
// ("requisitei"), a clown one goes as ("mascarado de palhaço").
var outingsPortuguese = slices.Concat(
	only(`\^bolha<n><f><pl>\$ +\^em<pr>\+o<det><def><m><pl>\$ +\^pé<n>`, []string{
		`s%\^bolha<n><f><pl>\$ +\^em<pr>\+o<det><def><m><pl>\$ +\^pé<n><m><pl>\$%` + superblank("ampollas en los pies") + `%g`,
	}),
	only(`\^\*bibliotecári[oa]s*\$`, []string{
		`s%\^\*bibliotecária\$%` + superblank("bibliotecaria") + `%g`,
		`s%\^\*bibliotecário\$%` + superblank("bibliotecario") + `%g`,
	}),
	only(`\^\*requisit`, []string{
		`s%\^\*requisitei\$%` + superblank("saqué") + `%g`,
		`s%(saqué\][^[]*)\^em<pr>\+o<det><def><f><sg>\$ +\^biblioteca<n>%\1^de<pr>$ ^o<det><def><f><sg>$ ^biblioteca<n>%g`,
	}),
	only(`\^(mascarado<adj>)*(\*palhaço)*`, []string{
		`s%\^mascarado<adj><m><sg>\$ +\^de<pr>\$%` + superblank("disfrazado de") + `%g`,
		`s%\^mascarado<adj><f><sg>\$ +\^de<pr>\$%` + superblank("disfrazada de") + `%g`,
		`s%\^\*palhaço\$%` + superblank("payaso") + `%g`,
	}),
)

// outingsToFrench are tag fixes of es-fr: up there, "là-haut" ("allí
// arriba", "là en dessus"), dressing up "en" a thing ("se disfraza de",
// "se déguise de").
var outingsToFrench = slices.Concat(
	only(`\^allí<adv>\$ +\^arriba<adv>\$`, []string{
		`s%\^allí<adv>\$ +\^arriba<adv>\$%` + superblank("là-haut") + `%g`,
	}),
	only(`\^disfrazar<vblex>[^$]*\$ +\^de<pr>\$`, []string{
		`s%(\^disfrazar<vblex>[^$]*\$) +\^de<pr>\$%\1 ^en<pr>$%g`,
	}),
)

// frenchForgetTo is "n'oublie pas amener de l'eau": one forgets "de" do
// a thing.
var frenchForgetTo = regexp.MustCompile(`\b(oublie|oublies|oubliez|oublions|oublié) (pas )?((?:[a-zàâçéèêëîïôûù]+)(?:er|ir|re))\b`)

// spanishCostumeParty is a costume party, "una fiesta de disfraces"
// (senses write the costume "disfraz").
var spanishCostumeParty = regexp.MustCompile(`\b(fiestas?) de disfraz\b`)

// spanishUpThere is pt-es's "allá encima": "allí arriba".
var spanishUpThere = regexp.MustCompile(`\ballá encima\b`)

// englishAHike is senses' "an hike" (from "an excursion"): "a hike".
var englishAHike = regexp.MustCompile(`\b([Aa])n (hike|mountain hut)\b`)

// outingRewritesByTarget are the rewrites of the rounds chat122-chat124.
var outingRewritesByTarget = map[string][]gatedRewrite{
	"en": {
		{englishAHike, "an hike|An hike|an mountain|An mountain", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
		}},
	},
	"es": {
		{spanishCostumeParty, "de disfraz", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " de disfraces", true
		}},
		{spanishUpThere, "allá encima", "", func(o string, m []int) (string, bool) {
			return "allí arriba", true
		}},
	},
	"fr": {
		{frenchForgetTo, "oubli", "", func(o string, m []int) (string, bool) {
			neg := ""
			if m[4] >= 0 {
				neg = o[m[4]:m[5]]
			}
			de := "de "
			if startsWithVowel(o[m[6]:m[7]]) {
				de = "d'"
			}
			return o[m[2]:m[3]] + " " + neg + de + o[m[6]:m[7]], true
		}},
	},
}

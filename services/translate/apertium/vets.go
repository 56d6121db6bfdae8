package apertium

import (
	"regexp"
	"slices"
)

// The vet, dance classes, a road trip (rounds chat152-chat154): what the
// modes write word by word in those messages.

// vetsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var vetsEnglish = slices.Concat(
	turnTo("gira", "girar", "a la izquierda", "a la derecha"),
	// To "fill up" a tank, "llenar" ("llenar arriba del tanque").
	only(`\^fill<vblex>[^$]*\$ +\^up<`, []string{
		`s%(\^fill<vblex>[^$]*\$) +\^up<(adv)*(pr)*>\$%\1%g`,
	}),
	// "on" before a day after a thing, read as the adverb ("entregan la
	// cama encima el martes"): the day's article, as Spanish says it.
	only(`<n><(sg)*(pl)*>\$ +\^on<adv>\$ +\^[A-Z][a-z]*day<n>`, []string{
		`s%(<n><(sg)*(pl)*>\$ +)\^on<adv>\$ +(\^[A-Z][a-z]*day<n>)%\1^the<det><def><sp>$ \4%g`,
	}),
	// What was great after "be", "genial" ("la música era suma",
	// French through it "somme").
	only(`\^great<adj><sint>\$`, []string{
		`s%(\^be<vbser>[^$]*\$ +(\^[a-z]+<(preadv)*(adv)*>\$ +)*)\^great<adj><sint>\$%\1` + superblank("genial") + `%g`,
	}),
)

// vetsCatalan are tag fixes of eng-cat.
var vetsCatalan = turnTo("gira", "girar", "a l'esquerra", "a la dreta")

// turnTo writes "turn left" and "turn right" as the target says them,
// imp and inf its command and its infinitive of the verb: the taggers
// read "turn" as the noun and "left" as leave's past ("el turno salió
// aquí", eng-cat "el torn va sortir aquí", "derecho de turno").
func turnTo(imp, inf, left, right string) []string {
	var subs []string
	for _, side := range []struct{ units, text string }{
		{`{leave<vblex><past>,exit<vblex><past>,left<n><sg>,left<adj>,left<adv>}`, left},
		{`{right<n><sg>,right<adj>,right<adv>}`, right},
	} {
		subs = append(subs, sayEach("T", "t", `urn<vblex><inf>\$ +\^`+side.units+`\$`, inf+" "+side.text)...)
		subs = append(subs, sayEach("T", "t", `urn<{n><sg,vblex><pres,vblex><imp}>\$ +\^`+side.units+`\$`, imp+" "+side.text)...)
	}
	return only(`\^[Tt]urn<[^$]*\$ +\^(leave)*(exit)*(left)*(right)*<`, subs)
}

// vetsSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish): how long one has been at a thing, "llevamos cinco horas
// en el coche", "we've been in the car for five hours" ("we spend five
// hours in the car"); the rest of the clause comes before the time, and
// a clause with nothing after the time is left. The rest: units up to a
// sentence's end, a comma or a conjunction (tags that begin with "s" or
// "c").
var vetsSpanish = slices.Concat(vetsVaccinate,
	timeSpent(`(( +\^[^<$]*<[^sc$][^$]*\$)+)`, "for", [3]string{"I've been", "we've been", "you've been"}))

// timeSpent returns the substitutions that write "llevar" a time at a
// thing, in the present of the first persons and of tú, as the target
// says it: who, the persons' words (I, we, you), then the rest of the
// clause (rest, a pattern of two groups), then since and the time. The
// time's nouns are marked first (<n_time>, one group where six would
// pass sed's nine) and given back after.
func timeSpent(rest, since string, who [3]string) []string {
	const time = `( +\^[^<$]*<[nd][^$]*\$ +\^[^<$]*<n_time>[^$]*\$)`
	subs := []string{`s%\^(minuto)*(hora)*(día)*(semana)*(mes)*(año)*<n>%^\1\2\3\4\5\6<n_time>%g`}
	for i, tags := range []string{"<p1><sg>", "<p1><pl>", "<p2><sg>"} {
		subs = append(subs,
			`s%\^Llevar<vblex><pri>`+tags+`\$`+time+rest+`%`+lowerSuperblank(upperFirst(who[i]))+`\2 `+lowerSuperblank(since)+`\1%g`,
			`s%\^llevar<vblex><pri>`+tags+`\$`+time+rest+`%`+lowerSuperblank(who[i])+`\2 `+lowerSuperblank(since)+`\1%g`)
	}
	return only(`\^[Ll]levar<vblex><pri><p[12]><[sp][gl]>\$ +\^[^<$]*<(num)*(det><ind)*>[^$]*\$ +\^(minuto)*(hora)*(día)*(semana)*(mes)*(año)*<n>`,
		append(subs, `s%<n_time>%<n>%g`))
}

// vetsVaccinate writes vaccinating, "vacunar", which spa-eng lacks ("it
// is necessary vacunarlo"; French "il faut le vacciner" through fr-es's
// "hay que vacunarlo").
var vetsVaccinate = only(`\^\*[Vv]acun`, []string{
	`s%\^haber que<vbmod><pri><p3><sg>\$ +\^\*vacunarlo\$%` + superblank("you have to vaccinate him") + `%g`,
	`s%\^haber que<vbmod><pri><p3><sg>\$ +\^\*vacunarla\$%` + superblank("you have to vaccinate her") + `%g`,
	`s%\^haber que<vbmod><pri><p3><sg>\$ +\^\*vacunar\$%` + superblank("you have to vaccinate") + `%g`,
	`s%\^\*vacunarlo\$%` + superblank("vaccinate him") + `%g`,
	`s%\^\*vacunarla\$%` + superblank("vaccinate her") + `%g`,
	`s%\^\*vacunar\$%` + superblank("vaccinate") + `%g`,
	`s%\^\*vacunad[oa]s*\$%` + superblank("vaccinated") + `%g`,
})

// vetsFrenchToSpanish are tag fixes of fr-es (and of fr→en, through its
// Spanish).
var vetsFrenchToSpanish = slices.Concat(
	// "il faut" before a clitic and a verb, "hay que" ("il faut le
	// faire", "falla hacerlo": the tagger reads faillir's "faut" there).
	only(`\^faillir<vblex><pri><p3><sg>\$( +\^[a-z]+<prn><pro>[^$]*\$)+ +\^[^<$]*<vblex><inf>`, []string{
		`s%(\^[Ii]l<prn><tn><p3><m><sg>\$ +\^)faillir<vblex>(<pri><p3><sg>\$( +\^[a-z]+<prn><pro>[^$]*\$)+ +\^[^<$]*<vblex><inf>)%\1falloir<vbmod>\2%g`,
	}),
	// Vaccinating, "vacunar", which fr-es lacks ("il faut le vacciner",
	// the clitic read as the article).
	only(`\^\*vacciner\$`, []string{
		`s%\^[Ii]l<prn><tn><p3><m><sg>\$ +\^faillir<vblex><pri><p3><sg>\$ +\^le<det><def><m><sg>\$ +\^\*vacciner\$%` + superblank("hay que vacunarlo") + `%g`,
		`s%\^[Ii]l<prn><tn><p3><m><sg>\$ +\^faillir<vblex><pri><p3><sg>\$ +\^le<det><def><f><sg>\$ +\^\*vacciner\$%` + superblank("hay que vacunarla") + `%g`,
		`s%\^\*vacciner\$%` + superblank("vacunar") + `%g`,
	}),
	// At an hour, "à six heures", "a las seis" ("a seis horas", English
	// through it "to six hours").
	only(`<pr>\$ +\^[^<$]*<(num)*(det><ind)*>[^$]*\$ +\^heure<n>`, frenchAtHours),
)

// frenchAtHours are the substitutions of "à" an hour (vetsFrenchToSpanish).
var frenchAtHours = []string{
	`s%\^(à)*(À)*<pr>\$ +\^un<(num)*(det><ind)*>[^$]*\$ +\^heure<n><f><sg>\$%` + superblank("a la una") + `%g`,
	`s%\^(à)*(À)*<pr>\$( +\^[^<$]*<num>[^$]*\$) +\^heure<n><f><pl>\$%` + superblank("a las") + `\3%g`,
}

// vetsToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// limping, "boiter", which es-fr lacks ("le chien est cojeando"); "gira
// a la izquierda", "tourne à gauche" ("tournée à la gauche", the command
// read as a tour).
var vetsToFrench = slices.Concat(
	only(`\^\*cojeando\$`, []string{
		`s%\^estar<vblex><pri><p3><sg>\$ +\^\*cojeando\$%` + superblank("boite") + `%g`,
		`s%\^estar<vblex><pri><p3><pl>\$ +\^\*cojeando\$%` + superblank("boitent") + `%g`,
	}),
	only(`\^[Gg]ira[^$]*\$ +\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^(izquierda)*(derecha)*<n>`, slices.Concat(
		sayAs("G", "g", `ira<n><f><sg>\$ +\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^izquierda<n><f><sg>\$`, "tourne à gauche", false),
		sayAs("G", "g", `ira<n><f><sg>\$ +\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^derecha<n><f><sg>\$`, "tourne à droite", false),
		[]string{
			`s%(\^[Gg]irar<vblex>[^$]*\$) +\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^izquierda<n><f><sg>\$%\1 ` + superblank("à gauche") + `%g`,
			`s%(\^[Gg]irar<vblex>[^$]*\$) +\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^derecha<n><f><sg>\$%\1 ` + superblank("à droite") + `%g`,
		},
	)),
)

// catalanCallTo is eng-cat's "trucar" with its person as a direct object
// ("trucaré la meva mare", "truca el doctor"): Catalan calls "a" one.
var catalanCallTo = regexp.MustCompile(`\b([Tt]ruc(?:o|a|es|ar|aré|aràs|arà|arem|areu|aran|ava|em|eu|aria|i))( (?:el|els|la|les)\b| l')`)

// vetRewritesByTarget are the rewrites of the rounds chat152-chat154.
var vetRewritesByTarget = map[string][]gatedRewrite{
	"ca": {
		{catalanCallTo, "ruc", "", func(o string, m []int) (string, bool) {
			switch art := o[m[4]+1 : m[5]]; art {
			case "el":
				return o[m[2]:m[3]] + " al", true
			case "els":
				return o[m[2]:m[3]] + " als", true
			default:
				return o[m[2]:m[3]] + " a " + art, true
			}
		}},
	},
}

package apertium

import (
	"regexp"
	"strings"
)

// Pets (held-out round chat55):
//
//   - eng-spa walks a dog as a person walks ("Ando el perro"; French
//     through it "marcher le chien"): "walk" before the dog is "stroll",
//     "pasear", "promener" (walkTheDog); taking it "for a walk" is
//     "sacar … a pasear" ("Estoy tomando el perro para un paseo"), taking
//     it "to" the vet is "llevar" ("tomar el gato al vet"), and running
//     away is fleeing, "huir" (French through it "a couru il fût"):
//     takeForAWalk, takeTo, runAway;
//   - a pet afraid of a thing "tiene miedo": eng-spa's "es temeroso de"
//     (which es-fr leaves Spanish, "est temeroso de") is "tiene miedo de",
//     French "a peur de" (afraidEdits);
//   - feeding it is "dar de comer a" ("alimentar el gato", now "dar de
//     comer al gato"): feedEdits;
//   - from Spanish: "no para de ladrar" is "won't stop barking" (the
//     tagger read "para" as "for": "the dog no for to bark"), "sacar al
//     perro" walking it ("you have take to the dog", now "have you walked
//     the dog?"): stopDoing, walkDog; "all the day" is "all day".
//   - nouns eng-spa lacks (puppy, vet, fireworks) and words in the pets'
//     sense (a sandwich "bocadillo", looking after "cuidar", the postman
//     "cartero", a dog that needs to go out, a dog that ran away) are in
//     nouns.txt and senses.

// walkTheDog reads "walk" before a pet as "stroll", which eng-spa writes
// "pasear".
var walkTheDog = only(`[Ww]alk<vblex>`, func() []string {
	var subs []string
	for _, pet := range []string{"dog", "cat", "puppy"} {
		subs = append(subs, readWithin("walk", "stroll", `<vblex>[^$]*\$ +\^[^<$]*<det>[^$]*\$ +\^`+pet+`<n>`, "", "")...)
	}
	return subs
}())

// takeForAWalk reads "take" a thing "for a walk" as "remove" it (eng-spa
// "sacar") and writes "for a walk" "a pasear".
var takeForAWalk = only(`\^for<pr>\$ +\^a<det><ind><sg>\$ +\^walk<n><sg>`,
	readWithin("take", "remove", thingAfter, ` +\^for<pr>\$ +\^a<det><ind><sg>\$ +\^walk<n><sg>\$`, " "+superblank("a pasear")))

// takeTo reads "take" a thing or an animal "to" a place as "carry" it
// there, "llevar" (eng-spa's "tomar" is taking it in hand).
var takeTo = only(`\^[Tt]ake<vblex>`, readWithin("take", "carry", thingAfter+` +\^to<pr>\$`, "", ""))

// runAway reads "run away" as "flee", "huir".
var runAway = only(`\^run<vblex>[^$]*\$ +\^away<adv>`, []string{
	`s%\^run(<vblex>[^$]*\$) +\^away<adv>\$%^flee\1%g`,
})

// stopDoing writes "no para de" before an infinitive, whose "para" the
// tagger reads as "for", as "won't stop" and the gerund.
var stopDoing = only(`\^no<adv>\$ +\^para<pr>\$ +\^de<pr>`, []string{
	`s%\^no<adv>\$ +\^para<pr>\$ +\^de<pr>\$ +\^([^<$]*<vblex>)<inf>\$%` + lowerSuperblank("won't stop") + ` ^\1<ger>$%g`,
})

// walkDog reads "sacar al perro" as walking it, "pasear" (which spa-eng
// writes "stroll" and senses "walk").
var walkDog = only(`\^sacar<vblex>`, []string{
	`s%\^sacar(<vblex>[^$]*\$) +\^a<pr>\+el(<det><def><m><sg>\$ +\^perro<n>)%^pasear\1 ^el\2%g`,
})

// afraidForms maps "ser" and "estar" before eng-spa's "temeroso" to
// "tener"'s.
var afraidForms = map[string]string{"soy": "tengo", "eres": "tienes", "es": "tiene", "somos": "tenemos", "son": "tienen",
	"estoy": "tengo", "estás": "tienes", "está": "tiene", "estamos": "tenemos", "están": "tienen",
	"era": "tenía", "estaba": "tenía", "fue": "tuvo"}

var fearful = setOf("temeroso", "temerosa", "temerosos", "temerosas")

// feedForms maps eng-spa's "alimentar" to "dar de comer".
var feedForms = map[string]string{"alimentar": "dar de comer", "alimento": "doy de comer", "alimentas": "das de comer",
	"alimenta": "da de comer", "alimentamos": "damos de comer", "alimentan": "dan de comer", "alimenté": "di de comer",
	"alimentaste": "diste de comer", "alimentó": "dio de comer", "alimentaré": "daré de comer",
	"alimentarás": "darás de comer", "alimentado": "dado de comer"}

// fed are the animals (and children) "dar de comer a" takes.
var fed = setOf("gato", "gatos", "perro", "perros", "pez", "peces", "pájaro", "pájaros", "conejo", "bebé", "niños",
	"niño", "niña", "gallinas", "caballo", "tortuga", "hámster", "gatito", "cachorro")

// feedArticles maps the article before the one fed to it with "a".
var feedArticles = map[string]string{"el": "al", "la": "a la", "los": "a los", "las": "a las", "mi": "a mi", "tu": "a tu",
	"su": "a su", "mis": "a mis", "tus": "a tus", "sus": "a sus", "nuestro": "a nuestro", "nuestra": "a nuestra"}

// afraidEdits and feedEdits return the edits of Spanish words above.
func afraidEdits(words []word) []edit {
	var edits []edit
	for k, w := range words {
		if k == 0 || !fearful[w.lower] {
			continue
		}
		if have, ok := afraidForms[words[k-1].lower]; ok {
			edits = append(edits, edit{from: words[k-1].from, to: w.to, text: caseLike(words[k-1].text, have) + " miedo"})
		}
	}
	return edits
}

func feedEdits(words []word) []edit {
	var edits []edit
	for k, w := range words {
		give, ok := feedForms[w.lower]
		if !ok || k+2 >= len(words) || !fed[words[k+2].lower] {
			continue
		}
		art, ok := feedArticles[words[k+1].lower]
		if !ok {
			continue
		}
		edits = append(edits, edit{from: w.from, to: words[k+1].to, text: caseLike(w.text, give) + " " + art})
	}
	return edits
}

// mayHavePets is the cheap test before afraidEdits and feedEdits.
func mayHavePets(text string) bool {
	return strings.Contains(text, "temeros") || strings.Contains(text, "aliment")
}

// englishAllDay is "toda la jornada", "tout la journée" as spa-eng
// writes them ("all the day"), where English says "all day".
var englishAllDay = regexp.MustCompile(`\b([Aa]ll)\s+the\s+(day|night|morning|afternoon|evening|week|weekend)\b`)

// englishAllDays writes englishAllDay in output's prose (ranges).
func englishAllDays(output string, ranges [][2]int) string {
	var edits []edit
	for _, m := range proseMatches(englishAllDay, output, ranges) {
		if strings.HasPrefix(output[m[1]:], "'") || strings.HasPrefix(output[m[1]:], "’") {
			continue // "all the day's emails"
		}
		edits = append(edits, edit{from: m[0], to: m[1], text: output[m[2]:m[3]] + " " + output[m[4]:m[5]]})
	}
	return applyEdits(output, edits)
}

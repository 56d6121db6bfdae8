package apertium

import (
	"regexp"
	"strings"
)

// Cooking and meals at home (held-out round chat54):
//
//   - "do you want me to cook?" is "¿quieres que cocine?": eng-spa wrote
//     "¿me quiero para cocinar?" (wantMeTo reads it as "want that I
//     cook", which eng-spa writes "quieres que cocino", and
//     wantSubjunctiveEdits puts the verb after "querer que" in the
//     subjunctive);
//   - "do the dishes" is washing them ("Haré los platos", now "Lavaré los
//     platos"; Catalan "Rentaré els plats"), and es-fr's "frotter les
//     assiettes" for "fregar los platos" is "faire la vaisselle"
//     (doDishes, frenchDishes);
//   - "any" after a negation is no word in Spanish ("no tenemos
//     cualesquier cebollas", now "no tenemos cebollas": notAny);
//   - "take" a thing "out of" a place is "sacar … de" ("tomar el pollo
//     fuera del congelador", now "sacar el pollo del congelador":
//     takeOutOf);
//   - "at one" is "a la una" (atHour; was "es en uno");
//   - what smells good: eng-spa "huele muy bueno" is "huele muy bien",
//     and es-fr leaves "huele" Spanish ("huele très bon"): "ça sent très
//     bon" (spanishSmells, frenchSmells);
//   - English from Spanish and Portuguese: food is made, not done ("I've
//     done a cake", "I've made a cake"), "do you want that it do the
//     lunch?" asks "do you want me to make lunch?", dinner on the table
//     is "on" it (englishMake, englishOnTable), and "EL agua" (eng-spa
//     writes "EL" before a feminine "a") "el agua".

// wantMeTo reads "want me to" do a thing as "want that I" do it, which
// eng-spa writes with "que" ("quieres que cocino").
var wantMeTo = only(`ant<vblex>[^$]*\$ +\^prpers<prn><obj><p1><mf><sg>\$ +\^to<pr>`, []string{
	`s%(\^[Ww]ant<vblex>[^$]*\$) +\^prpers<prn><obj><p1><mf><sg>\$ +\^to<pr>\$ +\^([^<$]*)<vblex><inf>\$%\1 ^that<cnjsub>$ ^prpers<prn><subj><p1><mf><sg>$ ^\2<vblex><pres>$%g`,
})

// doDishes reads "do the dishes" as washing them.
var doDishes = only(`\^do<vblex>[^$]*\$ +\^the<det><def><sp>\$ +\^dish<n><pl>`, []string{
	`s%\^do(<vblex>[^$]*\$ +\^the<det><def><sp>\$ +\^dish<n><pl>\$)%^wash\1%g`,
})

// frenchDishes writes "fregar" or "lavar los platos" as French does the
// dishes, "faire la vaisselle" (es-fr: "frotter les assiettes").
var frenchDishes = only(`<vblex>[^$]*\$ +\^el<det><def><m><pl>\$ +\^plato<n><m><pl>`, []string{
	`s%\^fregar(<vblex>[^$]*\$) +\^el<det><def><m><pl>\$ +\^plato<n><m><pl>\$%^hacer\1 ` + superblank("la vaisselle") + `%g`,
	`s%\^lavar(<vblex>[^$]*\$) +\^el<det><def><m><pl>\$ +\^plato<n><m><pl>\$%^hacer\1 ` + superblank("la vaisselle") + `%g`,
})

// notAny drops "any" before a noun after a negation (three units between
// at most: "we don't have any onions", "I do not need any help").
var notAny = only(`\^any<det>`, []string{
	`s%(not<adv>\$( +\^[^$]*\$){0,3}) +\^any<det><ind><sp>\$( +\^[^<$]*<n>)%\1\3%g`,
})

// takeOutOf reads "take" a thing "out of" a place as "remove" it "from"
// it, "sacar … de".
var takeOutOf = only(`\^[Tt]ake<vblex>`, readWithin("take", "remove", thingAfter+` +`, `\^out of<pr>\$`, `^from<pr>$`))

// wantForms are the forms of "querer" the subjunctive follows after "que".
var wantForms = setOf("quiero", "quieres", "quiere", "queremos", "quieren", "quería", "querías")

// firstPersonSubjunctives are the present subjunctive of the first
// person of verbs chat offers to do that spanishSubjunctives lacks.
var firstPersonSubjunctives = map[string]string{"cocino": "cocine", "compro": "compre", "preparo": "prepare",
	"limpio": "limpie", "friego": "friegue", "lavo": "lave", "ayudo": "ayude", "paso": "pase", "busco": "busque",
	"llevo": "lleve", "espero": "espere", "miro": "mire", "reviso": "revise", "recojo": "recoja", "corto": "corte",
	"pelo": "pele", "saco": "saque", "pongo": "ponga", "hago": "haga", "traigo": "traiga", "llamo": "llame"}

// wantSubjunctiveEdits returns the edits that put the verb after "querer
// que" (object clitics between) in the subjunctive: "¿quieres que
// cocino?" is "¿quieres que cocine?".
func wantSubjunctiveEdits(words []word) []edit {
	var edits []edit
	for k := 0; k+2 < len(words); k++ {
		if !wantForms[words[k].lower] || words[k+1].lower != "que" {
			continue
		}
		j := k + 2
		for j < len(words)-1 && subjunctiveSkips[words[j].lower] {
			j++
		}
		v := words[j]
		sub, ok := firstPersonSubjunctives[v.lower]
		if !ok {
			sub, ok = spanishSubjunctives[v.lower]
		}
		if ok && v.text == v.lower {
			edits = append(edits, edit{from: v.from, to: v.to, text: sub})
		}
	}
	return edits
}

// spanishSmell is a good or bad smell eng-spa writes with the adjective
// ("huele muy bueno"), where Spanish says it with the adverb.
var spanishSmell = regexp.MustCompile(`(?i)\b(huele|huelen|olía|olían|olió)((?:\s+(?:muy|tan|realmente|súper|super))?\s+)(buen[oa]s?|mal[oa]s?)\b`)

// frenchSmell is eng-spa's Spanish "huele" (es-fr has no "oler") and what
// follows it.
var frenchSmell = regexp.MustCompile(`(?i)\b(huele|huelen)((?:\s+(?:très|vraiment|tellement|si))?\s+)(bien|bon|bonne|mal|mauvais)\b`)

// spanishSmells writes spanishSmell in output's prose (ranges).
func spanishSmells(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(spanishSmell, output, ranges, func(m []int) string {
		how := "bien"
		if strings.HasPrefix(strings.ToLower(output[m[6]:m[7]]), "mal") {
			how = "mal"
		}
		return output[m[2]:m[5]] + caseLike(output[m[6]:m[7]], how)
	}))
}

// frenchSmells writes frenchSmell in output's prose (ranges) as French
// says a smell: "ça sent bon", "ça sent mauvais".
func frenchSmells(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchSmell, output, ranges, func(m []int) string {
		how := "bon"
		if w := strings.ToLower(output[m[6]:m[7]]); w == "mal" || w == "mauvais" {
			how = "mauvais"
		}
		verb := "sent"
		if strings.ToLower(output[m[2]:m[3]]) == "huelen" {
			verb = "sentent"
		}
		return caseLike(output[m[2]:m[3]], "ça") + " " + verb + output[m[4]:m[5]] + how
	}))
}

// englishMake is food done, as spa-eng writes "hacer" of it ("he hecho
// una tarta", "I've done a cake", "I did an orange cake"), where English
// makes it; a meal made
// takes no "the" ("make the lunch", "make lunch").
var englishMake = regexp.MustCompile(`(?i)\b(do|does|did|done|doing)\s+(?:(a|an|some|my|your|our|the)\s+)?((?:(?:orange|lemon|chocolate|apple|carrot|cheese|strawberry|birthday|sponge)\s+)?(?:cake|cakes|dinner|lunch|breakfast|soup|pizza|salad|sandwich|sandwiches|paella|pasta|tortilla|omelette|cookies|biscuits|bread|coffee|tea))\b`)

// englishWantThat is "querer que" with the subjunctive of one person, as
// spa-eng writes it ("queres que faça", "do you want that it do"): in
// chat the one asked about is the writer, "want me to".
var englishWantThat = regexp.MustCompile(`\b(want|wants)\s+that\s+(?:it|I)\s+`)

// englishOnTable is what stands on a table ("o jantar está na mesa", "the
// dinner is in the table").
var englishOnTable = regexp.MustCompile(`\b([Ii])n(\s+the\s+table)\b`)

var makeForms = map[string]string{"do": "make", "does": "makes", "did": "made", "done": "made", "doing": "making"}

// englishFood writes englishWantThat, englishMake and, where the source
// has "mesa", englishOnTable in output's prose (ranges).
func englishFood(source, output string, ranges [][2]int) string {
	edits := proseEdits(englishWantThat, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " me to "
	})
	edits = append(edits, proseEdits(englishMake, output, ranges, func(m []int) string {
		out := caseLike(output[m[2]:m[3]], makeForms[strings.ToLower(output[m[2]:m[3]])]) + " "
		if m[4] >= 0 && !(strings.EqualFold(output[m[4]:m[5]], "the") && meals[strings.ToLower(output[m[6]:m[7]])]) {
			out += output[m[4]:m[5]] + " "
		}
		return out + output[m[6]:m[7]]
	})...)
	if strings.Contains(strings.ToLower(source), "mesa") {
		edits = append(edits, proseEdits(englishOnTable, output, ranges, func(m []int) string {
			return caseLike(output[m[2]:m[3]], "on") + output[m[4]:m[5]]
		})...)
	}
	return applyEdits(output, edits)
}

// meals are made without "the".
var meals = setOf("dinner", "lunch", "breakfast")

// mayHaveFood is the cheap test before englishFood: most English has "do"
// or "want", few lines "want that", "the table" or food.
func mayHaveFood(text string) bool {
	if strings.Contains(text, "want that") || strings.Contains(text, "the table") {
		return true
	}
	lower := strings.ToLower(text)
	for _, f := range []string{"cake", "dinner", "lunch", "breakfast", "soup", "pizza", "salad", "sandwich", "paella",
		"pasta", "tortilla", "omelette", "cookies", "biscuits", "bread", "coffee", "tea"} {
		if strings.Contains(lower, f) {
			return true
		}
	}
	return false
}

// spanishCapitalEl is eng-spa's "EL" before a feminine noun that starts
// with a stressed "a" ("the water", "EL agua"), and its "AL" before a
// sentence's first noun after a verb like "gustar" ("the teacher liked my
// photos", "AL profesor le gustaron").
var spanishCapitalEl = regexp.MustCompile(`\b([EA])L(\s+\p{Ll})`)

// spanishEl writes spanishCapitalEl as "El" ("Al") where a sentence
// starts, "el" ("al") elsewhere, in output's prose (ranges).
func spanishEl(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(spanishCapitalEl, output, ranges, func(m []int) string {
		before := strings.TrimRight(output[:m[0]], " ")
		if before == "" || strings.ContainsAny(before[len(before)-1:], ".!?¿¡\n") {
			return output[m[2]:m[3]] + "l" + output[m[4]:m[5]]
		}
		return strings.ToLower(output[m[2]:m[3]]) + "l" + output[m[4]:m[5]]
	}))
}

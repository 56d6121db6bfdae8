package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Shopping and errands, which chat talks about daily and the Debian modes
// write word by word (held-out round chat52):
//
//   - paying "by card" is "con tarjeta", "amb targeta": eng-spa wrote
//     "Pagué por carta" (by letter; Portuguese through it "por carta"),
//     eng-cat "per carta" (payByCard here, "carta" in senses);
//   - "stop by" a place is "pasar por" ("Pararé por la farmacia", now
//     "Pasaré por la farmacia"), and "on the way home" "de camino a casa"
//     (was "en el camino en casa");
//   - "some" before what is not counted is no word in Spanish and
//     Catalan ("can you grab some bread?", "¿puedes tomar algún pan?",
//     now "¿puedes tomar pan?");
//   - a person "out of" what runs out has none ("we're out of milk",
//     "estamos fuera de leche", now "no tenemos leche");
//   - "return" a thing is "devolver" ("I returned the shoes", "Regresé los
//     zapatos", now "Devolví los zapatos"); one returns to a place with
//     "regresar" still (returnEdits);
//   - from Spanish: "no me queda" what one has left is what one has ("no
//     me queda efectivo", "it doesn't remain me effective", now "I don't
//     have cash"), "ir a" before a set phrase is the future as before any
//     verb ("voy a hacer la compra", "I go to do the shopping", now "I'll
//     do the shopping"), and a question that offers to do a thing is
//     asked with "shall" ("¿te traigo algo?", "I bring you something?",
//     now "shall I bring you something?");
//   - from French: "faire les courses" is "hacer la compra", and in
//     English through it "do the shopping" (was "hago las carreras", "I
//     do the careers").

// consumables are what one runs out of at home or in a shop, as eng-spa
// and eng-cat tag them (singular).
var consumables = []string{"milk", "bread", "coffee", "tea", "sugar", "egg", "water", "cash", "money", "butter", "salt",
	"oil", "rice", "pasta", "cheese", "beer", "wine", "juice", "fruit", "toilet paper", "paper", "petrol", "gas",
	"ink", "food", "meat", "flour", "soap", "shampoo", "battery", "space", "time", "ice", "data", "credit"}

// massNouns are the consumables with no "some" in Spanish and Catalan
// (eng-spa: "algún pan", "alguna leche").
var massNouns = []string{"milk", "bread", "coffee", "tea", "sugar", "water", "cash", "money", "butter", "salt", "oil",
	"rice", "pasta", "cheese", "beer", "wine", "juice", "fruit", "meat", "flour", "soap", "ice", "food", "help"}

// thingAfter matches a verb's tags and the thing after it, a determiner
// and a noun ("take the chicken", "turn the volume").
const thingAfter = `<vblex>[^$]*\$ +\^[^<$]*<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$`

// payByCard reads "by" between paying and a card as "with", which the
// modes write "con", "amb" (see shopping above).
var payByCard = only(`\^by<pr>\$ +\^card<n>`, []string{
	`s%(\^[Pp]ay<vblex>[^$]*\$ +)\^by<pr>\$( +\^card<n>)%\1^with<pr>$\2%g`,
})

// stopBy reads "stop by" a place (a determiner after "by") as "pass by",
// "pasar por", "passar per"; a participle stays ("stopped by signal",
// "stopped by the police").
var stopBy = only(`top<vblex>[^$]*\$ +\^by<pr>`, func() []string {
	var subs []string
	for _, tense := range []string{"inf", "pres", "past", "ger", "pri", "imp"} {
		subs = append(subs, readWithin("stop", "pass", `<vblex><`+tense+`>[^$]*\$ +\^by<pr>\$ +\^[^<$]*<det>`, "", "")...)
	}
	return subs
}())

// wayHomeAdv writes "on the way home" (the adverb "on the way" and
// "home", an adverb to eng-spa, a noun to eng-cat) as the target says it.
func wayHomeAdv(text string) []string {
	return only(`n the way<adv>\$ +\^home<`, sayAs("O", "o", `n the way<adv>\$ +\^home<[^$]*\$`, text, false))
}

// someMass drops "some" before a mass noun.
var someMass = only(`\^[Ss]ome<det><qnt><sp>\$`, func() []string {
	var subs []string
	for _, n := range massNouns {
		subs = append(subs, `s%\^some<det><qnt><sp>\$ +(\^`+n+`<n><sg>\$)%\1%g`)
	}
	return subs
}())

// outOfHome reads a person "out of" a consumable as one who does not
// have it; eng-spa tags "we're" as two units, eng-cat as one
// ("^prpers<prn><subj><p1><mf><pl>+be<vbser><pres>$"). Only the present:
// "I was out of the office" and "out of town" stay.
var outOfHome = only(`be<vbser><pr[a-z]*>[^$]*\$ +\^out of<pr>`, func() []string {
	var subs []string
	for _, n := range consumables {
		// No '|' in a rule (tagFixes): one for each way of tagging.
		for _, be := range []string{`\$ +\^be`, `\+be`} {
			subs = append(subs,
				`s%(\^[Pp]rpers<prn><subj><p[12]><mf><[sp][glp]>)`+be+`<vbser><pr[a-z]*>[^$]*\$ +\^out of<pr>\$( +\^`+n+`<n>)%\1$ ^do<vbdo><pres>+not<adv>$ ^have<vblex><inf>$\2%g`)
		}
	}
	return subs
}())

// shoppingEnglish are the substitutions above, for eng-spa and eng-cat.
var shoppingEnglish = slices.Concat(payByCard, stopBy, someMass, outOfHome)

// noneLeft reads "(no) me queda" a thing as "(no) tengo" it: spa-eng
// writes "quedar" with its clitic as "remain" ("no me queda efectivo",
// "It does not remain me effective"; "me queda poco tiempo", "It remains
// me little time"). Only before what one has: a noun, a determiner
// ("poco tiempo"), "nada", "algo" or "efectivo" (an adjective to the
// tagger); "me queda bien" (it suits me) and "me queda grande" stay.
var noneLeft = only(`<prn><pro><p[12]><mf><[sp][gl]>\$ +\^quedar<vblex>`, func() []string {
	var subs []string
	for _, c := range []struct{ clitic, person string }{
		{"p1><mf><sg", "p1><sg"}, {"p2><mf><sg", "p2><sg"}, {"p1><mf><pl", "p1><pl"},
	} {
		// No '|' in a rule (tagFixes): a rule for each tense.
		for _, tense := range []string{"pri", "pii", "ifi"} {
			for _, next := range []string{`[^<$]*<n>`, `[^<$]*<det>`, `nada<`, `algo<`, `efectivo<`} {
				subs = append(subs,
					`s%\^prpers<prn><pro><`+c.clitic+`>\$ +\^quedar<vblex><`+tense+`><p3><[sp][gl]>\$( +\^`+next+`)%^tener<vblex><`+tense+`><`+c.person+`>$\1%g`,
					`s%\^Prpers<prn><pro><`+c.clitic+`>\$ +\^quedar<vblex><`+tense+`><p3><[sp][gl]>\$( +\^`+next+`)%^Tener<vblex><`+tense+`><`+c.person+`>$\1%g`)
			}
		}
	}
	return subs
}())

// offerAsked writes a question that starts with a verb in the first
// person singular of the present, after its clitics ("¿te traigo
// algo?", "¿cierro la puerta?"), in the future, which spa-eng writes
// "will I…" and englishShall "shall I…" (it wrote "I bring you
// something?"). Verbs of what one has, knows, wants, needs or must,
// and "ir", ask no offer ("¿tengo que ir?", "¿sé yo?"): they keep the
// present (marker pri_parley meanwhile).
var offerAsked = only(`\^¿<lquest>\$`, func() []string {
	subs := []string{}
	keep := []string{"tener", "saber", "querer", "necesitar", "deber", "creer", "estar", "entender", "parecer",
		"pensar", "acordar", "recordar", "conocer", "ver", "oír", "ir", "llegar", "seguir", "tocar"}
	for _, v := range keep {
		subs = append(subs, `s%(\^`+v+`<vblex>)<pri>(<p1><sg>)%\1<pri_parley>\2%g`,
			`s%(\^`+titleAt(v, 0)+`<vblex>)<pri>(<p1><sg>)%\1<pri_parley>\2%g`)
	}
	return append(subs,
		`s%(\^¿<lquest>\$ *(\^[^<$]*<prn><pro>[^$]*\$ +)*\^[^<$]*<vblex>)<pri>(<p1><sg>\$)%\1<fti>\3%g`,
		`s%<pri_parley>%<pri>%g`)
}())

// doTheShopping writes fr-es's "las carreras" for "les courses" after
// "faire" as Spanish says the shopping, "la compra".
var doTheShopping = only(`\^faire<vblex>[^$]*\$ +\^le<det><def><mf><pl>\$ +\^course<n><f><pl>\$`, []string{
	`s%(\^faire<vblex>[^$]*\$ +)\^le<det><def><mf><pl>\$ +\^course<n><f><pl>\$%\1` + superblank("la compra") + `%g`,
})

// returnForms maps eng-spa's "regresar" for "return" to "devolver".
var returnForms = map[string]string{
	"regresar": "devolver", "regreso": "devuelvo", "regresas": "devuelves", "regresa": "devuelve",
	"regresamos": "devolvemos", "regresan": "devuelven", "regresé": "devolví", "regresaste": "devolviste",
	"regresó": "devolvió", "regresaron": "devolvieron", "regresaré": "devolveré", "regresarás": "devolverás",
	"regresará": "devolverá", "regresaremos": "devolveremos", "regresarán": "devolverán", "regresado": "devuelto",
	"regresando": "devolviendo", "regresaba": "devolvía", "regresarlo": "devolverlo", "regresarla": "devolverla",
	"regresarlos": "devolverlos", "regresarlas": "devolverlas",
}

// returnedThings are the words after "regresar" that make it a thing
// returned: a determiner (not a day's: "regresó el lunes").
var returnedThings = setOf("los", "las", "mi", "mis", "tu", "tus", "su", "sus", "un", "una", "unos", "unas", "este",
	"esta", "estos", "estas", "ese", "esa", "esos", "esas", "nuestro", "nuestra", "nuestros", "nuestras", "el", "la")

// returnedObject are the clitics before "regresar" of the thing returned.
var returnedObject = setOf("lo", "la", "los", "las")

// returnEdits returns the edits that write "regresar" as "devolver" where
// a thing is returned: a determiner and a noun after it that is no day
// or time, or an object clitic before it.
func returnEdits(words []word) []edit {
	var edits []edit
	for k, w := range words {
		to, ok := returnForms[w.lower]
		if !ok {
			continue
		}
		thing := k+2 < len(words) && returnedThings[words[k+1].lower] && !timeWords[words[k+2].lower]
		enclitic := w.lower != "regresar" && strings.HasPrefix(w.lower, "regresar") // "regresarlos"
		if thing || k > 0 && returnedObject[words[k-1].lower] || enclitic {
			edits = append(edits, edit{from: w.from, to: w.to, text: caseLike(w.text, to)})
		}
	}
	return edits
}

// timeWords are the nouns after a determiner that say when one returns.
var timeWords = setOf("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "día", "mes", "año",
	"semana", "fin", "verano", "invierno", "mañana", "tarde", "noche", "próximo", "próxima", "pasado", "pasada")

// frenchNoneOf is a negated "avoir" or "rester" before a bare noun:
// es-fr writes "no tengo café" (English "I'm out of coffee" through
// Spanish) as "je n'ai pas café", "no nos queda leche" as "il ne nous
// reste pas lait", where French says "pas de café", "pas de lait".
var frenchNoneOf = regexp.MustCompile(`(?i)\b(n'(?:ai|as|a|avons|avez|ont|avais|avait|avions)|ne\s+(?:me|te|nous|vous|lui|leur)\s+reste)(\s+pas\s+)(\p{L}+)`)

// frenchConsumables are the French nouns frenchNoneOf takes: what one
// runs out of (a participle after "pas" stays: "je n'ai pas fini").
var frenchConsumables = setOf("lait", "pain", "café", "thé", "sucre", "eau", "argent", "temps", "œufs", "oeufs", "beurre",
	"sel", "huile", "riz", "pâtes", "fromage", "bière", "vin", "jus", "fruits", "viande", "farine", "savon", "batterie",
	"place", "encre", "papier", "essence", "espèces", "monnaie", "liquide", "nourriture", "glace")

// frenchNoneOfWrite writes frenchNoneOf's "pas de" in output's prose
// (ranges).
func frenchNoneOfWrite(output string, ranges [][2]int) string {
	var edits []edit
	for _, m := range proseMatches(frenchNoneOf, output, ranges) {
		noun := output[m[6]:m[7]]
		if !frenchConsumables[strings.ToLower(noun)] {
			continue
		}
		edits = append(edits, edit{from: m[4], to: m[7], text: output[m[4]:m[5]] + frenchDe(noun)})
	}
	return applyEdits(output, edits)
}

// frenchShoppingList is es-fr's "liste d'achat" for "lista de (la)
// compra" (English "shopping list" through Spanish), where French writes
// "liste de courses".
var frenchShoppingList = regexp.MustCompile(`(?i)\b(liste)\s+(?:d'achats?|de\s+l'achat|des\s+achats)`)

// frenchShoppingLists writes frenchShoppingList in output's prose (ranges).
func frenchShoppingLists(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchShoppingList, output, ranges, func(m []int) string {
		return output[m[2]:m[3]] + " de courses"
	}))
}

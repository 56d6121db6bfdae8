package apertium

import (
	"regexp"
	"slices"
)

// Painting a room, insects, a street party (rounds chat143-chat145):
// what the modes write word by word in those messages.

// streetsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var streetsEnglish = slices.Concat(
	// A noun before "looks": the verb ("the room looks much bigger", "los
	// carices de sala", French "les carices de chambre").
	only(`<n><sg>\$ +\^look<n><pl>\$`, []string{
		`s%(<n><sg>\$) +\^look<n><pl>\$%\1 ^look<vblex><pri><p3><sg>$%g`,
	}),
	// "went on until midnight", "continuó hasta medianoche" ("fue en
	// hasta que").
	only(`\^go<vblex><past>\+on<pr>\$`, []string{
		`s%\^go<vblex><past>\+on<pr>\$%^continue<vblex><past>$%g`,
		`s%(\^continue<vblex><past>\$) +\^until<cnjadv>\$( +\^[^<$]*<n>)%\1 ^until<pr>$\2%g`,
	}),
	// "clean up", "limpiar" ("nettoyer en dessus").
	only(`\^clean<vblex>[^$]*\$ +\^up<adv>\$`, []string{`s%(\^clean<vblex>[^$]*\$) +\^up<adv>\$%\1%g`}),
)

// streetsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var streetsSpanish = slices.Concat(
	// A command where a line starts, before its thing: "cierra la
	// ventana", close the window ("it closes the window"), "trae hielo".
	// The second person's imperative is the third's present, which the
	// tagger reads; only these verbs, and only before a thing ("cierra a
	// las ocho" is a shop's hours).
	only(`^(\[[^]]*\] *)*(\^¡<[a-z]*>\$ *)*\^[a-z]+<vblex><pri><p3><sg>\$ +\^[^<$]*<(det)*(n)*>`, func() []string {
		var subs []string
		for _, v := range []string{"cerrar", "abrir", "traer", "coger", "comprar", "mandar", "limpiar", "poner", "beber"} {
			subs = append(subs, `s%^((\[[^]]*\] *)*(\^¡<[a-z]*>\$ *)*\^`+v+`<vblex>)<pri><p3><sg>(\$ +\^[^<$]*<(det)*(n)*>)%\1<imp><p2><sg>\4%`)
		}
		return subs
	}()),
	// "huele a", smells of ("smells to").
	only(`\^oler<vblex>[^$]*\$ +\^a<pr>\$`, []string{`s%(\^oler<vblex>[^$]*\$) +\^a<pr>\$%\1 ^de<pr>$%g`}),
	// "¿bajas a la plaza?", are you coming down ("low to the square?").
	only(`\^bajo<adj><f><pl>\$ +\^a<pr>\$`, []string{`s%\^bajo<adj><f><pl>\$( +\^a<pr>\$)%^bajar<vblex><pri><p2><sg>$\1%g`}),
)

// streetsFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish): "repeint" repainted ("pintado": spa-eng lacks
// "repintar"), "poncer" sanding, which fr-es lacks; "ça sent (encore) la peinture", "(todavía) huele a pintura"
// ("esto siente").
var streetsFrenchToSpanish = slices.Concat(
	only(`\^\*repeint\$`, []string{`s%\^\*repeint\$%` + superblank("pintado") + `%g`}),
	only(`\^\*ponc(er)*(é)*\$`, []string{`s%\^\*poncer\$%` + superblank("lijar") + `%g`, `s%\^\*poncé\$%` + superblank("lijado") + `%g`}),
	only(`\^ça<prn><tn><nt><sg>\$ +\^sentir<vblex><pri><p3><sg>\$`, slices.Concat(
		sayAs("Ç", "ç", `a<prn><tn><nt><sg>\$ +\^sentir<vblex><pri><p3><sg>\$ +\^encore<adv>\$ +\^le<det><def><[mf]><sg>\$`, "todavía huele a", false),
		sayAs("Ç", "ç", `a<prn><tn><nt><sg>\$ +\^sentir<vblex><pri><p3><sg>\$ +\^le<det><def><[mf]><sg>\$`, "huele a", false),
	)),
)

// streetsPortuguese are tag fixes of pt-es: grilled, "asadas", which
// pt-es lacks ("sardinhas assadas").
var streetsPortuguese = only(`\^\*assad[oa]s*\$`, []string{`s%\^\*assad([oa]s*)\$%` + superblank(`asad\1`) + `%g`})

// streetsToFrench are tag fixes of es-fr: "bajo" after a noun, under
// ("un nid je descends le toit": the verb "bajar"); "odio", I hate, which
// es-fr lacks ("je odiar"; where a line starts the tagger read the noun:
// "Haine mouches").
var streetsToFrench = slices.Concat(
	only(`<n>[^$]*\$ +\^bajar<vblex><pri><p1><sg>\$ +\^[^<$]*<det>`, []string{
		`s%(<n>[^$]*\$) +\^bajar<vblex><pri><p1><sg>\$( +\^[^<$]*<det>)%\1 ^bajo<pr>$\2%g`,
	}),
	only(`\^[Oo]di(o<n><m><sg>)*(ar<vblex><pri><p[12]><sg>)*\$`, slices.Concat(
		// (capital: where a sentence starts, as the pivot's may not
		// start its record)
		[]string{
			`s%\^Odio<n><m><sg>(\$ +\^[^<$]*<(n)*(det)*>)%^Odiar<vblex><pri><p1><sg>\1%g`,
			`s%^((\[[^]]*\] *)*\^odi)o<n><m><sg>(\$ +\^[^<$]*<(n)*(det)*>)%\1ar<vblex><pri><p1><sg>\3%`,
		},
		sayAs("O", "o", `diar<vblex><pri><p1><sg>\$`, "je déteste", false),
		sayAs("O", "o", `diar<vblex><pri><p2><sg>\$`, "tu détestes", false),
	)),
)

// englishStillItDoes is spa-eng's "still it smells" ("todavía huele"):
// "it still smells" (englishStillFirst has "still it's").
var englishStillItDoes = regexp.MustCompile(`\b([Ss])till (it|he|she) ([a-z]+s)\b`)

// streetRewritesByTarget are the rewrites of the rounds chat143-chat145.
var streetRewritesByTarget = map[string][]gatedRewrite{
	"en": {
		{englishStillItDoes, "till it |till he |till she ", "", func(o string, m []int) (string, bool) {
			switch o[m[6]:m[7]] {
			case "is", "was", "has", "does":
				return "", false
			}
			return stillAfter(o, m, "") + o[m[6]:m[7]], true
		}},
	},
}

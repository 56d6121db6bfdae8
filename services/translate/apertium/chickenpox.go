package apertium

import (
	"regexp"
	"slices"
)

// Chickenpox, a rescue dog, a sushi class (rounds chat261-chat263): what
// the modes write word by word in those messages.

// chickenpoxEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var chickenpoxEnglish = slices.Concat(
	// Chickenpox, which eng-spa lacks: "tiene varicela" ("ha
	// chickenpox").
	only(`\^\*chickenpox\$`, []string{
		`s%\^have<vbhaver><pri><p3><sg>\$ +\^\*chickenpox\$%` + lowerSuperblank("tiene varicela") + `%g`,
		`s%\^\*chickenpox\$%` + lowerSuperblank("varicela") + `%g`,
	}),
	// Covered in spots, "lleno de granitos" ("cubierto en algo").
	only(`\^cover<vblex><pp>\$ +\^in<pr>\$ +\^spot<n><pl>\$`, []string{
		`s%\^cover<vblex><pp>\$ +\^in<pr>\$ +\^spot<n><pl>\$%` + lowerSuperblank("lleno de granitos") + `%g`,
	}),
	// Getting used to, "acostumbrándose a" ("cogiendo utilizada a").
	only(`\^get<vblex><ger>\$ +\^use<vblex><pp>\$ +\^to<pr>\$`, []string{
		`s%(\^prpers<prn><subj><p3><[mf]><sg>\$ +)?\^be<vbser><pri><p3><sg>\$ +\^slowly<adv>\$ +\^get<vblex><ger>\$ +\^use<vblex><pp>\$ +\^to<pr>\$ +\^prpers<prn><obj><p1><mf><pl>\$%` + lowerSuperblank("poco a poco se está acostumbrando a nosotros") + `%g`,
		`s%(\^prpers<prn><subj><p3><[mf]><sg>\$ +)?\^be<vbser><pri><p3><sg>\$ +\^slowly<adv>\$ +\^get<vblex><ger>\$ +\^use<vblex><pp>\$ +\^to<pr>\$%` + lowerSuperblank("poco a poco se está acostumbrando a") + `%g`,
		`s%\^be<vbser><pri><p3><sg>\$ +\^get<vblex><ger>\$ +\^use<vblex><pp>\$ +\^to<pr>\$%` + lowerSuperblank("se está acostumbrando a") + `%g`,
	}),
	// "try not to scratch", "intenta no rascarte" ("prueba no para
	// tachar").
	only(`\^try<vblex><[a-z]*>\$ +\^not<adv>\$ +\^to<pr>\$ +\^scratch<vblex><inf>\$`, startCapital(
		`\^try<vblex><[a-z]*>\$ +\^not<adv>\$ +\^to<pr>\$ +\^scratch<vblex><inf>\$`, "intenta no rascarte")),
	// When one was little, "de pequeño" ("cuando era poco").
	only(`\^when<cnjadv>\$ +\^prpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><past>[^$]*\$ +\^little<adv>\$`, []string{
		`s%\^when<cnjadv>\$ +\^prpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><past>[^$]*\$ +\^little<adv>\$%` + lowerSuperblank("de pequeño") + `%g`,
	}),
	// A fever had, "fiebre" ("una fiebre", French "une fièvre").
	only(`\^have<vblex><[^$]*\$ +\^a<det><ind><sg>\$ +\^(fever)*(temperature)*<n><sg>\$`, []string{
		`s%(\^have<vblex><[^$]*\$ +)\^a<det><ind><sg>\$ +\^(fever)*(temperature)*<n><sg>\$%\1` + lowerSuperblank("fiebre") + `%g`,
	}),
	// Hiding, "se esconde" ("esconde").
	only(`\^hide<vblex><pri><p3><sg>\$ +\^under<pr>`, []string{`s%\^hide<vblex><pri><p3><sg>\$( +\^under<pr>)%` + lowerSuperblank("se esconde") + `\1%g`}),
	// "too" ending a clause, "también" ("demasiado").
	only(`\^too<(adv)*(preadv)*>\$ *\^[.!]<sent>`, []string{
		`s%\^too<(adv)*(preadv)*>\$( *\^[.!]<sent>)%` + lowerSuperblank("también") + `\3%g`,
	}),
	// Driving one crazy, "volviéndolo loco" ("conduciéndole loco").
	only(`\^drive<vblex><ger>\$ +\^prpers<prn><obj>[^$]*\$ +\^crazy<adj>\$`, []string{
		`s%\^drive<vblex><ger>\$ +\^prpers<prn><obj><p3><m><sg>\$ +\^crazy<adj>\$%` + lowerSuperblank("volviendo loco") + `%g`,
		`s%\^drive<vblex><ger>\$ +\^prpers<prn><obj><p3><f><sg>\$ +\^crazy<adj>\$%` + lowerSuperblank("volviendo loca") + `%g`,
		`s%\^drive<vblex><ger>\$ +\^prpers<prn><obj><p1><mf><sg>\$ +\^crazy<adj>\$%` + lowerSuperblank("volviendo loco") + `%g`,
	}),
	// A stay at home after "have to", the verb ("tem que estadia").
	only(`\^have<vbmod><[^$]*# to\$ +\^stay<n><sg>\$`, []string{`s%(\^have<vbmod><[^$]*# to\$ +)\^stay<n><sg>\$%\1^stay<vblex><inf>$%g`}),
)

// chickenpoxSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var chickenpoxSpanish = slices.Concat(
	// A fever gone up, "le ha subido la fiebre", his temperature has
	// gone up ("it has uploaded him the fever").
	only(`\^subir<vblex><pp><m><sg>\$ +\^el<det><def><f><sg>\$ +\^fiebre<n>`, []string{
		`s%\^prpers<prn><pro><p3><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^subir<vblex><pp><m><sg>\$ +\^el<det><def><f><sg>\$ +\^fiebre<n><f><sg>\$%` + lowerSuperblank("his temperature has gone up") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^subir<vblex><pp><m><sg>\$ +\^el<det><def><f><sg>\$ +\^fiebre<n><f><sg>\$%` + lowerSuperblank("my temperature has gone up") + `%g`,
	}),
	// Scratching, which spa-eng lacks: "no para de rascarse", won't stop
	// scratching.
	only(`\^\*rasca[a-z]*\$`, []string{
		`s%\^no<adv>\$ +\^para<pr>\$ +\^de<pr>\$ +\^\*rascarse\$%` + lowerSuperblank("won't stop scratching") + `%g`,
		`s%\^\*rascar(se)*\$%` + lowerSuperblank("scratch") + `%g`,
	}),
	// What turned out well, "me ha salido bastante bien", it turned out
	// quite well ("it's left me enough well").
	only(`\^salir<vblex><pp><m><sg>\$ +\^bastante<[^$]*\$ +\^bien<adv>\$`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^salir<vblex><pp><m><sg>\$ +\^bastante<[^$]*\$ +\^bien<adv>\$%` + lowerSuperblank("it turned out quite well") + `%g`,
	}),
	// A name, "se llama Luna", is called Luna ("calls Moon"): the name
	// is left as written.
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^llamar<vblex><pri><p3><sg>\$ +\^[A-Z]`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^llamar<vblex><pri><p3><sg>\$ +\^([A-Z][^<$]*)<[^$]*\$%` + lowerSuperblank("is called") + ` ` + superblank(`\1`) + `%g`,
	}),
	// An age, "tiene unos tres años", is about three years old ("has
	// some three years").
	only(`\^tener<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><pl>\$ +\^[^<$]*<num>[^$]*\$ +\^año<n><m><pl>\$`, []string{
		`s%\^tener<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><pl>\$ +(\^[^<$]*<num>[^$]*\$) +\^año<n><m><pl>\$%` + lowerSuperblank("is about") + ` \1 ` + lowerSuperblank("years old") + `%g`,
	}),
	lacked("palillos", "chopsticks", "varicela", "chickenpox"),
)

// chickenpoxCatalan are tag fixes of eng-cat: chickenpox, a temperature
// had, "té febre" ("té una temperatura"), chopsticks.
var chickenpoxCatalan = slices.Concat(
	only(`\^have<vblex><[^$]*\$ +\^a<det><ind><sg>\$ +\^(fever)*(temperature)*<n><sg>\$`, []string{
		`s%(\^have<vblex><[^$]*\$ +)\^a<det><ind><sg>\$ +\^(fever)*(temperature)*<n><sg>\$%\1` + lowerSuperblank("febre") + `%g`,
	}),
	lacked("chickenpox", "la varicel·la", "chopsticks", "els bastonets"),
)

// chickenpoxToPortuguese are tag fixes of es-pt: delicious and sushi,
// which es-pt lacks ("the sushi was delicious" was served untranslated).
var chickenpoxToPortuguese = lacked("delicioso", "delicioso", "deliciosa", "deliciosa", "deliciosos", "deliciosos", "deliciosas", "deliciosas", "sushi", "sushi")

// chickenpoxToFrench are tag fixes of es-fr: chickenpox.
var chickenpoxToFrench = slices.Concat(
	only(`\^tener<vblex>[^$]*\$ +\^\*varicela\$`, []string{
		`s%(\^tener<vblex>[^$]*\$ +)\^\*varicela\$%\1` + lowerSuperblank("la varicelle") + `%g`,
	}),
	lackedUnit("varicela", "varicelle"),
)

// chickenpoxFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): chickenpox and lasting, which fr-es lacks.
var chickenpoxFrench = lacked("varicelle", "varicela", "dure", "dura")

// chickenpoxNoLonger is spa-eng's "no longer is" ("ya no tiene miedo"):
// English's "is" comes first.
var chickenpoxNoLonger = regexp.MustCompile(`\b(no longer) (is|are|am|was|were)\b`)

// chickenpoxAllOver is spa-eng's "all over the side" ("por todo o
// lado"): all over.
var chickenpoxAllOver = regexp.MustCompile(`\ball over the side\b`)

// chickenpoxHotALot is the senses' "is hot" with spa-eng's "a lot" ("el
// wasabi pica muchísimo").
var chickenpoxHotALot = regexp.MustCompile(`\bis hot a lot\b`)

// chickenpoxRewritesEnglish are the English rewrites of the rounds
// chat261-chat263.
var chickenpoxRewritesEnglish = []gatedRewrite{
	{chickenpoxNoLonger, "o longer ", "", func(o string, m []int) (string, bool) {
		return o[m[4]:m[5]] + " " + o[m[2]:m[3]], true
	}},
	{chickenpoxHotALot, "is hot a lot", "", func(o string, m []int) (string, bool) {
		return "is really hot", true
	}},
	{chickenpoxAllOver, "all over the side", "", func(o string, m []int) (string, bool) {
		return "all over", true
	}},
}

// chickenpoxVeryBetter is pt-es's "muy mejor" ("muito melhor"): Spanish
// says "mucho mejor".
var chickenpoxVeryBetter = regexp.MustCompile(`\b([Mm])uy (mejor|peor|mejores|peores|más|menos)\b`)

// chickenpoxRewritesSpanish are the Spanish rewrites of the rounds
// chat261-chat263.
var chickenpoxRewritesSpanish = []gatedRewrite{
	{chickenpoxVeryBetter, "uy ", "mejor|peor|más|menos", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "ucho " + o[m[4]:m[5]], true
	}},
}

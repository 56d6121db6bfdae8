package apertium

import (
	"regexp"
	"slices"
)

// Giving blood, a village fiesta, a science fair (rounds chat231-chat233):
// what the modes write word by word in those messages.

// fiestasEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var fiestasEnglish = slices.Concat(
	// The town square, "la plaza" (the tagger's adjective, "el
	// cuadrados"); "until dawn", "hasta el amanecer" ("hasta que
	// alborea").
	only(`\^the<det><def><sp>\$ +\^square<adj>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^square<adj>\$%` + lowerSuperblank("la plaza") + `%g`,
	}),
	only(`\^until<cnjadv>\$ +\^dawn<vblex><pres>\$`, []string{
		`s%\^until<cnjadv>\$ +\^dawn<vblex><pres>\$%` + lowerSuperblank("hasta el amanecer") + `%g`,
	}),
	// What a doing "is about", "es sobre" ("aproximadamente está a
	// reciclar", approximately: the tagger's adverb before a gerund).
	only(`\^be<vbser><pri><p3><sg>\$ +\^about<adv>\$ +\^[^<$]*<vblex><ger>`, []string{
		`s%(\^be<vbser><pri><p3><sg>\$) +\^about<adv>\$( +\^[^<$]*<vblex><ger>)%\1 ^about<pr>$\2%g`,
	}),
	// "proud of her", the person, "de ella" ("de su", her what?).
	only(`\^of<pr>\$ +\^her<det><pos><sp>\$\^[.!?,]`, []string{
		`s%(\^of<pr>\$ +)\^her<det><pos><sp>\$(\^[.!?,])%\1^prpers<prn><obj><p3><f><sg>$\2%g`,
	}),
	// "by Monday", "para el lunes" ("por lunes").
	only(`\^by<pr>\$ +\^[A-Z][a-z]*day<n><sg>\$`, []string{
		`s%\^by<pr>\$( +\^[A-Z][a-z]*day<n><sg>\$)%^for<pr>$ ^the<det><def><sp>$\1%g`,
	}),
)

// fiestasSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var fiestasSpanish = slices.Concat(
	// "no soporto", I can't stand ("I don't endure").
	only(`\^no<adv>\$ +\^soportar<vblex><pri><p1><sg>\$`, slices.Concat(
		[]string{`s%\^no<adv>\$ +\^soportar<vblex><pri><p1><sg>\$( +\^[^<$]*<vblex><inf>)%` + lowerSuperblank("I can't stand to") + `\1%g`},
		startCapital(`\^no<adv>\$ +\^soportar<vblex><pri><p1><sg>\$`, "I can't stand"),
	)),
	// Lego, the tagger's "legar" (bequeath), after "de".
	only(`\^de<pr>\$ +\^legar<vblex><pri><p1><sg>\$`, []string{`s%(\^de<pr>\$ +)\^legar<vblex><pri><p1><sg>\$%\1` + lowerSuperblank("Lego") + `%g`}),
	// A plaster, "tirita", which spa-eng lacks.
	only(`\^\*tiritas*\$`, []string{
		`s%\^uno<det><ind><f><sg>\$ +\^\*tirita\$%` + lowerSuperblank("a plaster") + `%g`,
		`s%\^\*tirita\$%` + lowerSuperblank("plaster") + `%g`,
		`s%\^\*tiritas\$%` + lowerSuperblank("plasters") + `%g`,
	}),
)

// fiestasFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): fireworks, "un feu d'artifice", "fuegos artificiales" ("a
// fire of artifice").
var fiestasFrench = only(`\^feu<n><m><sg>\$ +\^de<pr>\$ +\^\*artifice\$`, []string{
	`s%(\^un<det><ind><m><sg>\$ +)*\^feu<n><m><sg>\$ +\^de<pr>\$ +\^\*artifice\$%` + lowerSuperblank("fuegos artificiales") + `%g`,
})

// fiestasPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): fireworks, "fogo de artifício"; "um bocado", a bit (which
// pt-es lacks: "a silly bite").
var fiestasPortuguese = slices.Concat(
	only(`\^fogo<n><m><sg>\$ +\^de<pr>\$ +\^\*artifício\$`, []string{
		`s%\^fogo<n><m><sg>\$ +\^de<pr>\$ +\^\*artifício\$%` + lowerSuperblank("fuegos artificiales") + `%g`,
	}),
	only(`\^um<det><ind><m><sg>\$ +\^\*bocado\$ +\^[^<$]*<adj>`, []string{
		`s%\^um<det><ind><m><sg>\$ +\^\*bocado\$( +\^[^<$]*<adj>)%` + lowerSuperblank("un poco") + `\1%g`,
	}),
)

// fiestasCatalan are tag fixes of eng-cat: "let's meet", "quedem"
// ("deixa'ns coneix").
var fiestasCatalan = only(`\^let<vblex><imp>\+prpers<prn><obj><p1><mf><pl>\$ +\^meet<vblex><pres>\$`, startCapital(`\^let<vblex><imp>\+prpers<prn><obj><p1><mf><pl>\$ +\^meet<vblex><pres>\$`, "quedem"))

// fiestasLikeCrazy is spa-eng's "are like crazy" ("están como locos"):
// English says "going crazy".
var fiestasLikeCrazy = regexp.MustCompile(`\b(are|is|am|'re|'s|'m) like (crazy|mad)\b`)

// fiestasMidnight is "to the midnight" ("a la medianoche", pt "à
// meia-noite"): "at midnight".
var fiestasMidnight = regexp.MustCompile(`\bto the midnight\b`)

// fiestasRewritesEnglish are the English rewrites of the rounds
// chat231-chat233.
var fiestasRewritesEnglish = []gatedRewrite{
	{fiestasLikeCrazy, " like crazy| like mad", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " going " + o[m[4]:m[5]], true
	}},
	{fiestasMidnight, "to the midnight", "", func(o string, m []int) (string, bool) {
		return "at midnight", true
	}},
}

// fiestasSoMany is es-fr's "des tellement" ("tantas personas", so many
// people): French says "autant de".
var fiestasSoMany = regexp.MustCompile(`\bdes tellement\b`)

// fiestasOnTheSquare is a town square ("la plaza", es-fr's "dans la
// place"): French says "sur la place".
var fiestasOnTheSquare = regexp.MustCompile(`\b([Dd])ans la place\b`)

// fiestasRewritesFrench are the French rewrites of the rounds
// chat231-chat233.
var fiestasRewritesFrench = []gatedRewrite{
	{fiestasSoMany, "des tellement", "", func(o string, m []int) (string, bool) {
		return "autant de", true
	}},
	{fiestasOnTheSquare, "ans la place", "", func(o string, m []int) (string, bool) {
		if o[m[2]:m[3]] == "D" {
			return "Sur la place", true
		}
		return "sur la place", true
	}},
}

package apertium

import "slices"

// Easter, ice skating, a storm (rounds chat149-chat151): what the modes
// write word by word in those messages.

// stormsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish): an ice rink, "una pista de hielo" ("un hielo
// rink"; eng-spa lacks "rink").
var stormsEnglish = only(`\^ice<n><sg>\$ +\^\*rink\$`, []string{
	`s%\^a<det><ind><sg>\$ +\^ice<n><sg>\$ +\^\*rink\$%` + superblank("una pista de hielo") + `%g`,
	`s%\^ice<n><sg>\$ +\^\*rink\$%` + superblank("pista de hielo") + `%g`,
})

// stormsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): Easter, "Semana Santa" ("Saint Week", "in
// Saint Week" → "at Easter"); pouring, "llueve a cántaros" and
// "diluviando", which spa-eng lacks.
var stormsSpanish = slices.Concat(
	only(`\^Semana<n><f><sg>\$ +\^Santo<adj><f><sg>\$`, slices.Concat(
		sayAs("E", "e", `n<pr>\$ +\^Semana<n><f><sg>\$ +\^Santo<adj><f><sg>\$`, "at Easter", false),
		[]string{`s%\^Semana<n><f><sg>\$ +\^Santo<adj><f><sg>\$%` + superblank("Easter") + `%g`},
	)),
	only(`\^llover<vblex><pri><p3><sg>\$ +\^a<pr>\$ +\^cántaro<n><m><pl>\$`, sayAs("L", "l", `lover<vblex><pri><p3><sg>\$ +\^a<pr>\$ +\^cántaro<n><m><pl>\$`, "it's pouring", false)),
	only(`\^\*diluviando\$`, []string{
		`s%\^estar<vblex><pri><p3><sg>\$ +\^\*diluviando\$%` + superblank("it's pouring down") + `%g`,
		`s%\^\*diluviando\$%` + superblank("pouring down") + `%g`,
	}),
)

// stormsFrenchToSpanish are tag fixes of fr-es: "il pleut des cordes",
// "llueve a cántaros" ("llueve cuerdas").
var stormsFrenchToSpanish = only(`\^pleuvoir<vblex><pri><p3><sg>\$ +\^de<pr>\+le<det><def><mf><pl>\$ +\^corde<n><f><pl>\$`, []string{
	`s%(\^il<prn><tn><p3><m><sg>\$ +)*\^pleuvoir<vblex><pri><p3><sg>\$ +\^de<pr>\+le<det><def><mf><pl>\$ +\^corde<n><f><pl>\$%` + superblank("llueve a cántaros") + `%g`,
})

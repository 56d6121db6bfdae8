package apertium

import (
	"regexp"
	"slices"
)

// A dinner party, a hot-air balloon ride, a fancy-dress party (rounds
// chat225-chat227): what the modes write word by word in those messages.

// balloonsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var balloonsEnglish = slices.Concat(
	// A fancy-dress party, "una fiesta de disfraces" ("una
	// fiestadevestido elegante"); a hot-air balloon ride, "un viaje en
	// globo" ("un paseodebalón de aire caliente").
	only(`\^fancy<adj><sint>\$\^-<guio>\$\^dress<n><sg>\$ +\^party<n><sg>\$`, []string{
		`s%\^a<det><ind><sg>\$ +\^fancy<adj><sint>\$\^-<guio>\$\^dress<n><sg>\$ +\^party<n><sg>\$%` + lowerSuperblank("una fiesta de disfraces") + `%g`,
		`s%\^fancy<adj><sint>\$\^-<guio>\$\^dress<n><sg>\$ +\^party<n><sg>\$%` + lowerSuperblank("fiesta de disfraces") + `%g`,
	}),
	only(`\^hot<adj><sint>\$\^-<guio>\$\^air<n><sg>\$ +\^balloon<n><sg>\$`, []string{
		`s%\^hot<adj><sint>\$\^-<guio>\$\^air<n><sg>\$ +\^balloon<n><sg>\$ +\^ride<n><sg>\$%` + lowerSuperblank("viaje en globo") + `%g`,
		`s%\^hot<adj><sint>\$\^-<guio>\$\^air<n><sg>\$ +\^balloon<n><sg>\$%` + lowerSuperblank("globo") + `%g`,
	}),
	// Washing up, "lavar los platos" ("lavado arriba").
	only(`\^wash<(n><sg)*(vblex><inf)*>\$ +\^up<adv>\$`, []string{
		`s%\^wash<(n><sg)*(vblex><inf)*>\$ +\^up<adv>\$%` + lowerSuperblank("a lavar los platos") + `%g`,
	}),
	// "the best present ever", "de siempre" ("nunca").
	only(`<sup>\$ +\^[^<$]*<n><[a-z]*>\$ +\^ever<adv>\$`, []string{
		`s%(<sup>\$ +\^[^<$]*<n><[a-z]*>\$) +\^ever<adv>\$%\1 ` + lowerSuperblank("de siempre") + `%g`,
	}),
	// "depends on", "depende de" ("depende en").
	only(`\^depend<vblex><[a-z]*>[^$]*\$ +\^on<pr>\$`, []string{
		`s%(\^depend<vblex><[a-z]*>[^$]*\$) +\^on<pr>\$%\1 ^of<pr>$%g`,
	}),
)

// balloonsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var balloonsSpanish = slices.Concat(
	// The cold, "hacía mucho frío" (the tagger's "freír", "I fry": fr-es's
	// for "il faisait très froid").
	only(`\^hacer<vblex><[a-z]*><p3><sg>\$ +(\^mucho<adv>\$ +)*\^freír<vblex><pri><p1><sg>\$`, slices.Concat(
		startCapital(`\^hacer<vblex><pii><p3><sg>\$ +\^mucho<adv>\$ +\^freír<vblex><pri><p1><sg>\$`, "it was very cold"),
		startCapital(`\^hacer<vblex><pii><p3><sg>\$ +\^freír<vblex><pri><p1><sg>\$`, "it was cold"),
		startCapital(`\^hacer<vblex><pri><p3><sg>\$ +\^mucho<adv>\$ +\^freír<vblex><pri><p1><sg>\$`, "it's very cold"),
		startCapital(`\^hacer<vblex><pri><p3><sg>\$ +\^freír<vblex><pri><p1><sg>\$`, "it's cold"),
	)),
	// A toast, "brindamos con cava", we toasted with cava ("we offer with
	// it digs").
	only(`\^brindar<vblex><[a-z]*><p1><pl>\$`, []string{
		`s%\^brindar<vblex><[a-z]*><p1><pl>\$%` + lowerSuperblank("we toasted") + `%g`,
		`s%(\^con<pr>\$ +)\^cavar<vblex><pri><p3><sg>\$%\1` + lowerSuperblank("cava") + `%g`,
	}),
	// Leftovers, "sobró", which spa-eng lacks ("there was"), of food
	// ("Lunch").
	only(`\^\*sobr(ó)*(aron)*\$`, []string{
		`s%(\[[^]]*loads of\] +)\^comida<n><f><sg>\$%\1` + lowerSuperblank("food") + `%g`,
		`s%\^\*sobró\$%` + lowerSuperblank("there was") + `%g`,
		`s%\^\*sobraron\$%` + lowerSuperblank("there were") + `%g`,
	}),
	// Flying over, "sobrevolar", which spa-eng lacks (fr-es's for
	// "survoler", balloonsFrench).
	lacked("sobrevolamos", "we flew over", "sobrevolado", "flown over", "sobrevolar", "fly over"),
	// "yo mismo", myself ("I same").
	only(`\^prpers<prn><tn><p1><mf><sg>\$ +\^mismo<adj><[mf]><sg>\$`, []string{
		`s%\^prpers<prn><tn><p1><mf><sg>\$ +\^mismo<adj><[mf]><sg>\$%` + lowerSuperblank("myself") + `%g`,
	}),
)

// balloonsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): flying over, "survoler", which fr-es lacks ("sobrevolamos";
// spa-eng lacks it too, balloonsSpanish).
var balloonsFrench = only(`\^\*survol(é)*(er)*\$`, []string{
	`s%\^on<prn><pro><ref><p3><mf><sp>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^\*survolé\$%` + lowerSuperblank("sobrevolamos") + `%g`,
	`s%\^\*survolé\$%` + lowerSuperblank("sobrevolado") + `%g`,
	`s%\^\*survoler\$%` + lowerSuperblank("sobrevolar") + `%g`,
})

// balloonsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): the sunrise, "o nascer do sol", "el amanecer" ("the be born
// of the sun"), "lá de cima", from up there.
var balloonsPortuguese = slices.Concat(
	only(`\^nascer<vblex><inf>\$ +\^de<pr>\+o<det><def><m><sg>\$ +\^sol<n><m><sg>\$`, []string{
		`s%\^o<det><def><m><sg>\$ +\^nascer<vblex><inf>\$ +\^de<pr>\+o<det><def><m><sg>\$ +\^sol<n><m><sg>\$%` + lowerSuperblank("el amanecer") + `%g`,
	}),
	only(`\^lá<adv>\$ +\^de<pr>\$ +\^cima<n><f><sg>\$`, []string{
		`s%\^lá<adv>\$ +\^de<pr>\$ +\^cima<n><f><sg>\$%` + lowerSuperblank("desde allí arriba") + `%g`,
	}),
)

// balloonsToPortuguese are tag fixes of es-pt (and of en→pt, through
// Spanish): make-up, "maquillaje", which es-pt lacks ("a maquilhagem").
var balloonsToPortuguese = only(`\^\*maquillaje\$`, slices.Concat(
	startCapital(`\^[Mm]ío<det><pos><mf><sg>\$ +\^\*maquillaje\$`, "a minha maquilhagem"),
	[]string{`s%\^\*maquillaje\$%` + lowerSuperblank("maquilhagem") + `%g`},
))

// balloonsNobody is a French clause that opens with "personne" and its
// verb (es-fr's for "nadie quiso": "personne a voulu"): French says "ne".
var balloonsNobody = regexp.MustCompile(`(^|[.!?,]\s+)([Pp]ersonne) (a|avait|est|était|va|veut|voulait|sait|savait|peut|pouvait|vient|venait|fait|faisait|aime|comprend|répond|dit|m'a|t'a|l'a)\b`)

// balloonsOthers is "autres dix" (es-fr's for "otros diez"): French puts
// the number first, "dix autres".
var balloonsOthers = regexp.MustCompile(`\b([Aa])utres (deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent)\b`)

// balloonsRewritesFrench are the French rewrites of the rounds
// chat225-chat227.
var balloonsRewritesFrench = []gatedRewrite{
	{balloonsNobody, "ersonne ", "", func(o string, m []int) (string, bool) {
		verb := o[m[6]:m[7]]
		ne := "ne "
		if startsWithVowel(verb) {
			ne = "n'"
		}
		return o[m[2]:m[3]] + o[m[4]:m[5]] + " " + ne + verb, true
	}},
	{balloonsOthers, "utres ", "", func(o string, m []int) (string, bool) {
		num := o[m[4]:m[5]]
		if o[m[2]:m[3]] == "A" {
			num = upperFirst(num)
		}
		return num + " autres", true
	}},
}

// balloonsOneInTheMorning is "until the one in the morning" (pt-es's
// "hasta la una de la mañana"): the hour without the article.
var balloonsOneInTheMorning = regexp.MustCompile(`\b(until|at|till|from) the one (in the morning|o'clock|in the afternoon)\b`)

// balloonsRewritesEnglish are the English rewrites of the rounds
// chat225-chat227.
var balloonsRewritesEnglish = []gatedRewrite{
	{balloonsOneInTheMorning, "the one ", "morning|o'clock|afternoon", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " one " + o[m[4]:m[5]], true
	}},
}

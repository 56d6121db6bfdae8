package apertium

import (
	"regexp"
	"slices"
)

// A choir, a phone in the toilet, a beach barbecue (rounds
// chat258-chat260): what the modes write word by word in those messages.

// choirsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var choirsEnglish = slices.Concat(
	// A thing that went well, "salió bien" ("fue bien", French "a bien
	// été").
	only(`\^go<vblex><past>\$ +\^well<adv>\$`, []string{
		`s%(<n><sg>\$ +)\^go<vblex><past>\$ +\^well<adv>\$%\1` + lowerSuperblank("salió bien") + `%g`,
	}),
	// Nowhere, "en ningún sitio" after a negation ("no hay ninguna
	// sombra en cualquier sitio": an earlier fix writes "anywhere" so).
	only(`\^no<det><ind><sp>\$ +\^[^<$]*<n>[^$]*\$ +\[[^]]*en cualquier sitio\]`, []string{
		`s%(\^no<det><ind><sp>\$ +\^[^<$]*<n>[^$]*\$ +)\[[^]]*en cualquier sitio\]%\1` + lowerSuperblank("en ningún sitio") + `%g`,
	}),
	// By candlelight, which eng-spa lacks, "a la luz de las velas" (into
	// French the line was turned away half English, "par candlelight").
	only(`\^\*candlelight\$`, []string{
		`s%(\^by<pr>\$ +)?\^\*candlelight\$%` + lowerSuperblank("a la luz de las velas") + `%g`,
	}),
	// What a repair costs, "la reparación cuesta más que" ("los costes
	// de reparación más de").
	only(`\^repair<n><sg>\$ +\^cost<n><pl>\$ +\^more than<pr>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^repair<n><sg>\$ +\^cost<n><pl>\$ +\^more than<pr>\$%` + lowerSuperblank("la reparación cuesta más que") + `%g`,
	}),
)

// choirsToPortuguese are tag fixes of es-pt: a thing that went well,
// "correu bem" ("deu certo" for choirsEnglish's "salió bien").
// (es-pt's tagger joins "salió bien" into one unit.)
var choirsToPortuguese = only(`\^[Ss]alir<vblex><ifi><p3><sg># bien\$`, []string{
	`s%\^[Ss]alir<vblex><ifi><p3><sg># bien\$%` + lowerSuperblank("correu bem") + `%g`,
})

// choirsCatalan are tag fixes of eng-cat: "I love singing", "m'encanta
// cantar" ("cantar amors": the tagger reads the noun).
var choirsCatalan = only(`\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^love<n><sg>\$ +\^[^<$]*<vblex><subs>\$`, []string{
	`s%^(( *\[[^]]*\])* *)\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^love<n><sg>\$ +\^([^<$]*)<vblex><subs>\$%\1` + lowerSuperblank("M'encanta") + ` ^\3<vblex><inf>$%`,
})

// choirsToFrench are tag fixes of es-fr (and of en→fr, through its
// Spanish): "canto en un coro", "je chante" (es-fr reads the noun,
// "chant"); a thing that went well, "s'est bien passé"; rehearsing,
// which es-fr lacks.
var choirsToFrench = slices.Concat(
	only(`\^[Cc]anto<n><m><sg>\$ +\^en<pr>`, []string{
		`s%^(( *\[[^]]*\])* *)\^[Cc]anto<n><m><sg>\$( +\^en<pr>)%\1^cantar<vblex><pri><p1><sg>$\3%`,
	}),
	// (The tagger reads "bien" there as the noun.)
	only(`\^[Ss]alir<vblex><ifi><p3><sg>\$ +\^bien<(adv)*(n><m><sg)*>\$`, []string{
		`s%\^[Ss]alir<vblex><ifi><p3><sg>\$ +\^bien<(adv)*(n><m><sg)*>\$%` + lowerSuperblank("s'est bien passé") + `%g`,
	}),
	only(`\^\*ensayamos\$`, startCapital(`\^\*ensayamos\$`, "nous répétons")),
)

// choirsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): everything lost, "lo he perdido todo" ("he todo perdido");
// a cracked screen, which fr-es lacks ("l'écran est fissuré" was served
// untranslated).
var choirsFrench = slices.Concat(
	only(`\^avoir<vblex><pri><p1><sg>\$ +\^tout<predet><m><sg>\$ +\^perdre<vblex><pp><m><sg>\$`, startCapital(
		`\^je<prn><tn><p1><mf><sg>\$ +\^avoir<vblex><pri><p1><sg>\$ +\^tout<predet><m><sg>\$ +\^perdre<vblex><pp><m><sg>\$`, "lo he perdido todo")),
	only(`\^\*fissuré\$`, []string{
		`s%\^le<det><def><[mf]*><sg>\$ +\^écran<n><m><sg>\$ +\^être<vbser><pri><p3><sg>\$ +\^\*fissuré\$%` + lowerSuperblank("la pantalla está rajada") + `%g`,
	}),
	lacked("fissuré", "agrietado"),
)

// choirsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): Christmas and a toilet, which it lacks.
var choirsSpanish = lacked("Navidad", "Christmas", "váter", "toilet")

// choirsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): a toilet, "sanita", which pt-es lacks.
var choirsPortuguese = lacked("sanita", "váter", "sanitas", "váteres")

// choirsLostVoice is fixes.go's "run out of" for "me he quedado sin
// voz": one loses one's voice.
var choirsLostVoice = regexp.MustCompile(`\b(I've|I have|I) run out of voice\b`)

// choirsAnyMore is spa-eng's "more" for French "ne … plus" ("mon
// portable ne s'allume plus", "my phone doesn't turn on more").
var choirsAnyMore = regexp.MustCompile(`\b((?:doesn't|don't|didn't|won't|can't|does not|do not) (?:turn on|work|come|answer|charge|start|open|close|fit|call|write|reply)) more\b`)

// choirsAllThe is spa-eng's "the photos all" ("perdi as fotos todas"):
// all the photos.
var choirsAllThe = regexp.MustCompile(`\bthe ([a-z]+s) all\b`)

// choirsSunset is spa-eng's "the put of the sun" ("o pôr do sol",
// "el poner del sol"): sunset.
var choirsSunset = regexp.MustCompile(`\bthe put of the sun\b`)

// choirsTooMuchOf is spa-eng's "too much of" ("trop de vent", "demasiado
// de viento").
var choirsTooMuchOf = regexp.MustCompile(`\btoo much of\b`)

// choirsRewritesEnglish are the English rewrites of the rounds
// chat258-chat260.
var choirsRewritesEnglish = []gatedRewrite{
	{choirsLostVoice, "run out of voice", "", func(o string, m []int) (string, bool) {
		return "I've lost my voice", true
	}},
	{choirsAnyMore, " more", "n't |not ", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " any more", true
	}},
	{choirsAllThe, "s all", "", func(o string, m []int) (string, bool) {
		return "all the " + o[m[2]:m[3]], true
	}},
	{choirsTooMuchOf, "too much of ", "", func(o string, m []int) (string, bool) {
		return "too much", true
	}},
	{choirsSunset, "put of the sun", "", func(o string, m []int) (string, bool) {
		return "sunset", true
	}},
}

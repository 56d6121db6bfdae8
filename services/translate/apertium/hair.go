package apertium

import (
	"regexp"
	"slices"
)

// A trip to the hairdresser's, a cycling holiday (rounds chat264 and
// chat265): what the modes write word by word in those messages.

// hairEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var hairEnglish = slices.Concat(
	// One's own hair, cut, dyed or grown: "me corté el pelo" ("cogí mi
	// corte de cabello"), "me teñí el pelo", "teñirme el pelo de rojo",
	// "me estoy dejando crecer el pelo" ("estoy creciendo mi cabello
	// fuera").
	only(`\^my<det><pos><sp>\$ +\^hair<n><sg>\$`, slices.Concat(
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^my<det><pos><sp>\$ +\^hair<n><sg>\$ +\^cut<(n><sg)*(vblex><pp)*>\$`, "me corté el pelo"),
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^dye<vblex><past>\$ +\^my<det><pos><sp>\$ +\^hair<n><sg>\$`, "me teñí el pelo"),
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><pri><p1><sg>\$ +\^grow<vblex><ger>\$ +\^my<det><pos><sp>\$ +\^hair<n><sg>\$( +\^out<adv>\$)?`, "me estoy dejando crecer el pelo"),
		[]string{`s%\^dye<vblex><inf>\$ +\^my<det><pos><sp>\$ +\^hair<n><sg>\$ +\^(red)*(blue)*(pink)*(green)*(black)*(purple)*<(n><sg)*(adj)*>\$%` + lowerSuperblank("teñirme el pelo de") + ` ^\1\2\3\4\5\6<adj>$%g`},
	)),
	// "I love my …" a thing, "me encanta mi …" ("quiero mi"); the people
	// one loves keep "querer" ("quiero a mi equipo").
	only(`\^prpers<prn><subj><p1><mf><sg>\$ +\^love<vblex><pres>\$ +\^my<det><pos><sp>\$`, unlessNoun(
		[]string{"team", "mum", "mom", "dad", "mother", "father", "wife", "husband", "family", "son", "daughter", "friend", "boyfriend", "girlfriend", "brother", "sister", "partner", "baby", "grandma", "grandmother", "grandad", "grandfather", "dog", "cat", "country", "city", "club", "life"},
		[]string{`s%^(( *\[[^]]*\])* *)\^prpers<prn><subj><p1><mf><sg>\$ +\^love<vblex><pres>\$( +\^my<det><pos><sp>\$( +\^[^<$]*<adj>[^$]*\$)? +\^[^<$]*<n><sg>\$)%\1` + lowerSuperblank("Me encanta") + `\3%`},
	)),
	// The hairdresser's, "la peluquería" ("el peluquero es": the tagger
	// reads "'s" as "is").
	only(`\^the<det><def><sp>\$ +\^hairdresser<n><sg>\$ +\^be<vbser><pri><p3><sg>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^hairdresser<n><sg>\$ +\^be<vbser><pri><p3><sg>\$( +\^[^<$]*<adv>\$ *\^[.!?]<sent>)%` + lowerSuperblank("la peluquería") + `\1%g`,
	}),
	// Distance done, "hicimos sesenta kilómetros" ("did" read as the
	// auxiliary, "nosotros sesenta kilómetros").
	only(`\^do<vbdo><past>\$ +\^[^<$]*<num>[^$]*\$ +\^(kilometre)*(mile)*(km)*<n>`, []string{
		`s%\^do<vbdo><past>\$( +\^[^<$]*<num>[^$]*\$ +\^(kilometre)*(mile)*(km)*<n>)%^do<vblex><past>$\1%g`,
	}),
	// Cycling, which eng-spa lacks: "fuimos en bici".
	only(`\^\*cycled\$`, []string{
		`s%\^prpers<prn><subj><p1><mf><pl>\$ +\^\*cycled\$%` + lowerSuperblank("fuimos en bici") + `%g`,
	}),
)

// hairSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var hairSpanish = slices.Concat(
	// "tengo el pelo muy rizado", my hair is very curly ("I have the
	// hair very curling": the tagger reads "pelar").
	only(`\^tener<vblex><pri><p1><sg>\$ +\^el<det><def><m><sg>\$ +\^pel(o<n><m>)*(ar<vblex><pri><p1>)*<sg>\$`, []string{
		`s%\^tener<vblex><pri><p1><sg>\$ +\^el<det><def><m><sg>\$ +\^pel(o<n><m>)*(ar<vblex><pri><p1>)*<sg>\$( +(\^muy<preadv>\$ +)?\^[^<$]*<adj>[^$]*\$)%` + lowerSuperblank("my hair is") + `\3%g`,
	}),
	// "me he cortado el pelo", I've had my hair cut (fr-es's, from "je
	// me suis fait couper les cheveux").
	// (The tagger reads "pelo" as "pelar" there too.)
	only(`\^cortar<vblex><pp><m><sg>\$ +\^el<det><def><m><sg>\$ +\^pel(o<n><m>)*(ar<vblex><pri><p1>)*<sg>\$`, startCapital(
		`\^[Pp]rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^cortar<vblex><pp><m><sg>\$ +\^el<det><def><m><sg>\$ +\^pel(o<n><m>)*(ar<vblex><pri><p1>)*<sg>\$`, "I've had my hair cut")),
	lacked("pedaleado", "cycled", "pedaleamos", "we cycled", "alforjas", "panniers"),
)

// hairFrench are tag fixes of fr-es (and of fr→en, through its Spanish):
// "je me suis fait couper les cheveux", "me he cortado el pelo" ("me he
// hecho cortar los cabellos").
var hairFrench = only(`\^faire<vblex><pp><m><sg>\$ +\^couper<vblex><inf>\$ +\^le<det><def><mf><pl>\$ +\^cheveu<n><m><pl>\$`, startCapital(
	`\^je<prn><tn><p1><mf><sg>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^être<vbser><pri><p1><sg>\$ +\^faire<vblex><pp><m><sg>\$ +\^couper<vblex><inf>\$ +\^le<det><def><mf><pl>\$ +\^cheveu<n><m><pl>\$`, "me he cortado el pelo"))

// hairToPortuguese are tag fixes of es-pt: dyed, "pintei" (es-pt lacks
// "teñí").
var hairToPortuguese = only(`\^\*teñí\$`, startCapital(`\^[Mm]e<prn>[^$]*\$ +\^\*teñí\$`, "pintei"))

// hairCutTheHair is spa-eng's "I cut the hair" ("cortei o cabelo"): one
// gets one's hair cut.
var hairCutTheHair = regexp.MustCompile(`\bI cut the hair\b`)

// hairRewritesEnglish are the English rewrites of the rounds chat264 and
// chat265.
var hairRewritesEnglish = []gatedRewrite{
	{hairCutTheHair, "I cut the hair", "", func(o string, m []int) (string, bool) {
		return "I got my hair cut", true
	}},
}

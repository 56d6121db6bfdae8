package apertium

import (
	"regexp"
	"slices"
)

// A scam message, teenagers and screens, moving in together (rounds
// chat195-chat197): what the modes write word by word in those
// messages.

// screensEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var screensEnglish = slices.Concat(
	// About it, the preposition ("aproximadamente lo").
	only(`\^about<adv>\$ +\^prpers<prn><obj>`, []string{`s%\^about<adv>\$( +\^prpers<prn><obj>)%^about<pr>$\1%g`}),
	// Not clicking on a link, "no hagas clic" ("no clic en el enlace",
	// the noun).
	only(`\^click<n><sg>\$ +\^on<pr>`, []string{`s%\^do<vbdo><pres>\+not<adv>\$ +\^click<n><sg>\$ +\^on<pr>\$%` + superblank("no hagas clic en") + `%g`}),
	// Card details, "los datos de la tarjeta" ("detalles de tarjeta").
	only(`\^card<n><sg>\$ +\^detail<n><pl>`, func() []string {
		var subs []string
		for _, p := range [][2]string{{"my", "mi"}, {"your", "tu"}, {"his", "su"}, {"her", "su"}, {"their", "su"}, {"our", "nuestra"}} {
			subs = append(subs, `s%\^`+p[0]+`<det><pos><sp>\$ +\^card<n><sg>\$ +\^detail<n><pl>\$%`+superblank("los datos de "+p[1]+" tarjeta")+`%g`)
		}
		return append(subs, `s%\^card<n><sg>\$ +\^detail<n><pl>\$%`+superblank("datos de la tarjeta")+`%g`)
	}()),
	// Staying up late, "acostarse tarde" ("se queda arriba de tardío").
	only(`\^stay<vblex><pri><p[13]><sg>\$ +\^up<(pr)*(adv)*>\$ +\^late<`, []string{
		`s%(\^prpers<prn><subj><p3>[^$]*\$ +)*\^stay<vblex><pri><p3><sg>\$ +\^up<(pr)*(adv)*>\$ +\^late<[^$]*\$%` + superblank("se acuesta tarde") + `%g`,
		`s%(\^prpers<prn><subj><p1>[^$]*\$ +)*\^stay<vblex><pri><p1><sg>\$ +\^up<(pr)*(adv)*>\$ +\^late<[^$]*\$%` + superblank("me acuesto tarde") + `%g`,
	}),
	// Social media, "las redes sociales" ("los medios sociales", French
	// through them "médias sociaux").
	only(`\^social<adj>\$ +\^medi[au]m*<n>`, []string{
		`s%(\^the<det><def><sp>\$ +)*\^social<adj>\$ +\^medi[au]m*<n><[a-z]+>\$%` + superblank("las redes sociales") + `%g`,
	}),
	// Switching a thing off, "apagar" ("cambiar de"; eng-spa lacks
	// "turn off" too).
	only(`\^(switch)*(turn)*<[a-z]+>[^$]*\$ +\^off<(pr)*(adv)*>\$`, slices.Concat([]string{
		`s%\^prpers<prn><subj><p1><mf><pl>\$ +\^(switch)*(turn)*<vblex><pres>\$ +\^off<(pr)*(adv)*>\$%` + superblank("apagamos") + `%g`,
		`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^(switch)*(turn)*<vblex><pres>\$ +\^off<(pr)*(adv)*>\$%` + superblank("apago") + `%g`,
		`s%\^(switch)*(turn)*<vblex><inf>\$ +\^off<(pr)*(adv)*>\$%` + superblank("apagar") + `%g`,
	}, startCapital(`\^(switch)*(turn)*<(vblex><pres)*(vblex><imp)*(n><sg)*>\$ +\^off<(pr)*(adv)*>\$`, "apaga"))),
)

// screensSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): "por culpa de", because of ("by fault of");
// "hoy día", nowadays ("today day"); taking turns, "turnarse", which
// spa-eng lacks; snoring, "roncar", which it lacks too; at weekends,
// "los fines de semana" after a verb ("the weekends").
var screensSpanish = slices.Concat(
	only(`\^por<pr>\$ +\^culpa<n><f><sg>\$ +\^de<pr>`, []string{
		`s%\^por<pr>\$ +\^culpa<n><f><sg>\$ +\^de<pr>\+el(<det><def>[^$]*)\$%` + superblank("because of") + ` ^el\1$%g`,
		`s%\^por<pr>\$ +\^culpa<n><f><sg>\$ +\^de<pr>\$%` + superblank("because of") + `%g`,
	}),
	only(`\^hoy<adv>\$ +(\^en<pr>\$ +)*\^día<n>`, []string{`s%\^hoy<adv>\$ +(\^en<pr>\$ +)*\^día<n><m><sg>\$%` + superblank("nowadays") + `%g`}),
	only(`\^\*turn[aá]`, []string{
		`s%\^prpers<prn><pro><p1><mf><pl>\$ +\^\*turnamos\$%` + lowerSuperblank("we take turns") + `%g`,
	}),
	only(`\^\*ronc`, []string{
		`s%\^\*ronca\$ +\^much[a-zí]*<adj>[^$]*\$%` + superblank("snores a lot") + `%g`,
		`s%\^\*ronca\$%` + superblank("snores") + `%g`, `s%\^\*ronco\$%` + superblank("snore") + `%g`, `s%\^\*roncas\$%` + superblank("snore") + `%g`,
	}),
	only(`<v[a-z]*>[^$]*\$ +\^el<det><def><m><pl>\$ +\^fin<n><m><pl># de semana\$`, []string{
		`s%(<v[a-z]*>[^$]*\$) +\^el<det><def><m><pl>\$ +\^fin<n><m><pl># de semana\$%\1 ` + superblank("at weekends") + `%g`,
	}),
)

// screensPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): "hoje em dia", "hoy en día" ("hoy día"); "leem", the
// spelling of 1990's agreement, which pt-es lacks.
var screensPortuguese = slices.Concat(
	only(`\^hoje em dia<adv>`, []string{`s%\^hoje em dia<adv>\$%` + superblank("hoy en día") + `%g`}),
	only(`\^\*l[ê]*e*em\$`, []string{`s%\^\*leem\$%` + superblank("leen") + `%g`}),
)

// screensToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): "por culpa de", "à cause de" ("par la faute de"), as "a
// causa de", which es-fr writes so (a superblank would move "pas").
var screensToFrench = only(`\^por<pr>\$ +\^culpa de<pr>`, []string{`s%\^por<pr>\$ +\^culpa de<pr>%^a causa de<pr>%g`})

// englishOnTheScreen is "en el móvil", "no telemóvel" word for word, "in
// the phone": one is on it.
var englishOnTheScreen = regexp.MustCompile(`\bin ((?:the|my|his|her|their|your|our) (?:phone|mobile|computer|laptop|tablet|screen|console|internet))\b`)

// englishALotOf is "muchísimo" after its verb, "a lot of" with nothing
// after ("my boyfriend snores a lot of").
var englishALotOf = regexp.MustCompile(`\b(a lot) of([.,!?]|$)`)

// screenRewritesEnglish are the English rewrites of the rounds
// chat195-chat197.
var screenRewritesEnglish = []gatedRewrite{
	{englishOnTheScreen, "in ", "phone|mobile|computer|laptop|tablet|screen|console|internet", func(o string, m []int) (string, bool) {
		return "on " + o[m[2]:m[3]], true
	}},
	{englishALotOf, "a lot of", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + o[m[4]:m[5]], true
	}},
}

// portugueseDishes is "lavar los platos" through es-pt, "os platos"
// (left Spanish): Portugal washes "a loiça".
var portugueseDishes = gatedRewrite{regexp.MustCompile(`\b(lav\pL*) os (?:platos|pratos)\b`), "lav", "os p", func(o string, m []int) (string, bool) {
	return o[m[2]:m[3]] + " a loiça", true
}}

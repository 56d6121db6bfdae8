package apertium

import (
	"regexp"
	"slices"
)

// Learning to sew, a flood from upstairs, a wedding abroad (rounds
// chat255-chat257): what the modes write word by word in those messages.

// sewingEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var sewingEnglish = slices.Concat(
	// A sewing machine, "la máquina de coser" ("de costura"), that
	// keeps jamming, "se atasca todo el rato" (eng-spa lacks "jam").
	only(`\^sewing<n><sg>\$ +\^machine<n><(sg)*(pl)*>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^sewing<n><sg>\$ +\^machine<n><sg>\$%` + lowerSuperblank("la máquina de coser") + `%g`,
		`s%\^a<det><ind><sg>\$ +\^sewing<n><sg>\$ +\^machine<n><sg>\$%` + lowerSuperblank("una máquina de coser") + `%g`,
		`s%\^sewing<n><sg>\$ +\^machine<n><sg>\$%` + lowerSuperblank("máquina de coser") + `%g`,
		`s%\^sewing<n><sg>\$ +\^machine<n><pl>\$%` + lowerSuperblank("máquinas de coser") + `%g`,
	}),
	only(`\^keep<vblex><pri><p3><sg>\$ +\^\*jamming\$`, []string{
		`s%\^keep<vblex><pri><p3><sg>\$ +\^\*jamming\$%` + lowerSuperblank("se atasca todo el rato") + `%g`,
	}),
	// A bride who looked stunning, "estaba preciosa" ("miró anonadar").
	only(`\^look<vblex><past>\$ +\^stun<vblex><ger>\$`, []string{
		`s%(\^bride<n><sg>\$ +)\^look<vblex><past>\$ +\^stun<vblex><ger>\$%\1` + lowerSuperblank("estaba preciosa") + `%g`,
		`s%\^look<vblex><past>\$ +\^stun<vblex><ger>\$%` + lowerSuperblank("estaba guapísimo") + `%g`,
	}),
	// The upstairs neighbour, "el vecino de arriba" ("el upstairs
	// vecino").
	only(`\^\*upstairs\$ +\^neighbour<n><(sg)*(pl)*>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^\*upstairs\$ +\^neighbour<n><sg>\$%` + lowerSuperblank("el vecino de arriba") + `%g`,
		`s%\^the<det><def><sp>\$ +\^\*upstairs\$ +\^neighbour<n><pl>\$%` + lowerSuperblank("los vecinos de arriba") + `%g`,
	}),
	// A floor that is ruined, "está destrozado" ("se arruina"), all wet,
	// "está todo mojado" ("es todo mojado").
	only(`\^be<vblex><pri><p3><sg># ruined\$`, []string{`s%\^be<vblex><pri><p3><sg># ruined\$%` + lowerSuperblank("está destrozado") + `%g`}),
	only(`\^be<vbser><pri><p3><sg>\$ +\^all<predet><sp>\$ +\^wet<adj>`, []string{
		`s%\^be<vbser><pri><p3><sg>\$ +\^all<predet><sp>\$ +\^wet<adj>[^$]*\$%` + lowerSuperblank("está todo mojado") + `%g`,
	}),
	// A pricked finger is one's own, "me pinché el dedo" ("pinché mi
	// dedo").
	only(`\^prick<vblex><past>\$ +\^my<det><pos><sp>\$ +\^finger<n><sg>\$`, startCapital(
		`\^prpers<prn><subj><p1><mf><sg>\$ +\^prick<vblex><past>\$ +\^my<det><pos><sp>\$ +\^finger<n><sg>\$`, "me pinché el dedo")),
	// Fabric bought, "tela" ("algún tejido").
	only(`\^fabric<n><sg>\$`, []string{`s%(\^some<det><qnt><sp>\$ +)?\^fabric<n><sg>\$%` + lowerSuperblank("tela") + `%g`}),
	// Someone sent or called, "a alguien" ("enviará alguien").
	only(`<vblex><[^$]*\$ +\^someone<prn>`, []string{
		`s%(<vblex><[^$]*\$ +)\^someone<prn>[^$]*\$%\1` + lowerSuperblank("a alguien") + `%g`,
	}),
	// Very sorry, "lo siente mucho" (eng-spa's one unit, "losiente").
	only(`\^be<vblex><pri><p3><sg># very sorry\$`, []string{`s%\^be<vblex><pri><p3><sg># very sorry\$%` + lowerSuperblank("lo siente mucho") + `%g`}),
	lacked("repaint", "volver a pintar"),
)

// sewingToFrench are tag fixes of es-fr: very sorry, "lo siente mucho",
// "est vraiment désolé" ("le sent beaucoup"); "a alguien", the personal
// "a" French has not ("il voit à quelqu'un").
var sewingToFrench = slices.Concat(
	only(`\^lo<prn>[^$]*\$ +\^sentir<vblex><pri><p3><sg>\$ +\^mucho<adv>\$`, []string{
		`s%\^lo<prn>[^$]*\$ +\^sentir<vblex><pri><p3><sg>\$ +\^mucho<adv>\$%` + lowerSuperblank("est vraiment désolé") + `%g`,
	}),
	sewingSomeone,
)

// sewingSomeone drops the personal "a" before "alguien" (sewingEnglish's
// "a alguien") where the second mode's language has none (es-fr, es-pt:
// "vê a alguém").
var sewingSomeone = only(`\^a<pr>\$ +\^alguien<prn>`, []string{`s%\^a<pr>\$ +(\^alguien<prn>)%\1%g`})

// sewingToPortuguese are tag fixes of es-pt: the personal "a".
var sewingToPortuguese = sewingSomeone

// sewingFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): a sewing machine, "la machine à coudre", "la máquina de
// coser" ("a coser"); all wet, "tout mouillé", "está todo mojado" ("es
// todo mojado").
var sewingFrench = slices.Concat(
	only(`\^machine<n><f><sg>\$ +\^à<pr>\$ +\^coudre<vblex><inf>\$`, []string{
		`s%\^le<det><def><f><sg>\$ +\^machine<n><f><sg>\$ +\^à<pr>\$ +\^coudre<vblex><inf>\$%` + lowerSuperblank("la máquina de coser") + `%g`,
		`s%\^machine<n><f><sg>\$ +\^à<pr>\$ +\^coudre<vblex><inf>\$%` + lowerSuperblank("máquina de coser") + `%g`,
	}),
	only(`\^être<vbser><pri><p3><sg>\$ +\^tout<predet><m><sg>\$ +\^mouiller<vblex><pp><m><sg>\$`, []string{
		`s%\^être<vbser><pri><p3><sg>\$ +\^tout<predet><m><sg>\$ +\^mouiller<vblex><pp><m><sg>\$%` + lowerSuperblank("está todo mojado") + `%g`,
	}),
)

// sewingCatalan are tag fixes of eng-cat: learning to do a thing,
// "aprenent a" ("aprenent per cosir"), a person called.
var sewingCatalan = slices.Concat(
	learnToDo,
	// A person called, "trucar a" ("vam trucar un lampista").
	only(`\^call<vblex>[^$]*\$ +\^a<det><ind><sg>\$ +\^(plumber)*(doctor)*(electrician)*(locksmith)*(vet)*(friend)*<n>`, []string{
		`s%(\^call<vblex>[^$]*\$ +)(\^a<det><ind><sg>\$ +\^(plumber)*(doctor)*(electrician)*(locksmith)*(vet)*(friend)*<n>)%\1` + lowerSuperblank("a") + ` \2%g`,
	}),
)

// sewingSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var sewingSpanish = slices.Concat(
	// An apology, "nos ha pedido perdón", has apologised to us ("has
	// asked us pardon").
	only(`\^pedir<vblex><[^$]*\$ +\^perdón<n><m><sg>\$`, []string{
		`s%\^prpers<prn><pro><p1><mf><pl>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^pedir<vblex><pp><m><sg>\$ +\^perdón<n><m><sg>\$%` + lowerSuperblank("has apologised to us") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^pedir<vblex><pp><m><sg>\$ +\^perdón<n><m><sg>\$%` + lowerSuperblank("has apologised to me") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><pl>\$ +\^pedir<vblex><ifi><p3><sg>\$ +\^perdón<n><m><sg>\$%` + lowerSuperblank("apologised to us") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^pedir<vblex><ifi><p3><sg>\$ +\^perdón<n><m><sg>\$%` + lowerSuperblank("apologised to me") + `%g`,
	}),
	// Clothes that fit, "me queda perfecta", fits me perfectly ("remains
	// me perfect").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pri><p3><(sg)*(pl)*>\$ +\^(perfecto)*(bien)*<`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pri><p3><sg>\$ +\^perfecto<adj><[mf]><sg>\$%` + lowerSuperblank("fits me perfectly") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><pri><p3><pl>\$ +\^perfecto<adj><[mf]><pl>\$%` + lowerSuperblank("fit me perfectly") + `%g`,
	}),
	// A sewing machine ("the machine of sewing").
	only(`\^máquina<n><f><(sg)*(pl)*>\$ +\^de<pr>\$ +\^(costura<n><f><sg>)*(coser<vblex><inf>)*\$`, []string{
		`s%\^máquina<n><f><sg>\$ +\^de<pr>\$ +\^(costura<n><f><sg>)*(coser<vblex><inf>)*\$%` + lowerSuperblank("sewing machine") + `%g`,
		`s%\^máquina<n><f><pl>\$ +\^de<pr>\$ +\^(costura<n><f><sg>)*(coser<vblex><inf>)*\$%` + lowerSuperblank("sewing machines") + `%g`,
	}),
	// A honeymoon gone on, "de luna de miel", on their honeymoon ("of
	// honeymoon").
	only(`\^de<pr>\$ +\^luna<n><f><sg># de miel\$`, []string{
		`s%\^de<pr>\$ +\^luna<n><f><sg># de miel\$%` + lowerSuperblank("on their honeymoon") + `%g`,
	}),
)

// sewingPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): a plumber, which pt-es lacks ("o canalizador já veio" was
// served untranslated).
var sewingPortuguese = lacked("canalizador", "fontanero", "canalizadores", "fontaneros")

// sewingOnWall is spa-eng's "in the wall" for what hangs or shows on it
// ("una mancha en la pared").
var sewingOnWall = regexp.MustCompile(`\b(stain|picture|photo|poster|mark|clock|mirror|painting|paint|writing|drawing|spider)( is| was)? in the wall\b`)

// sewingRewritesEnglish are the English rewrites of the rounds
// chat255-chat257.
var sewingRewritesEnglish = []gatedRewrite{
	{sewingOnWall, "in the wall", "", func(o string, m []int) (string, bool) {
		verb := ""
		if m[4] >= 0 {
			verb = o[m[4]:m[5]]
		}
		return o[m[2]:m[3]] + verb + " on the wall", true
	}},
}

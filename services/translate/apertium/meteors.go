package apertium

import (
	"regexp"
	"slices"
)

// A car that failed its inspection, a meteor shower, a month without
// sweets (rounds chat234-chat236): what the modes write word by word in
// those messages.

// meteorsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish): a meteor shower, "una lluvia de estrellas" ("una
// ducha de meteoro"), shooting stars, "estrellas fugaces" ("disparando
// estrellas").
var meteorsEnglish = slices.Concat(
	only(`\^meteor<n><sg>\$ +\^shower<n><(sg)*(pl)*>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^meteor<n><sg>\$ +\^shower<n><sg>\$%` + lowerSuperblank("la lluvia de estrellas") + `%g`,
		`s%\^meteor<n><sg>\$ +\^shower<n><sg>\$%` + lowerSuperblank("lluvia de estrellas") + `%g`,
		`s%\^meteor<n><sg>\$ +\^shower<n><pl>\$%` + lowerSuperblank("lluvias de estrellas") + `%g`,
	}),
	only(`\^shoot<vblex><ger>\$ +\^star<n><(sg)*(pl)*>\$`, []string{
		`s%\^shoot<vblex><ger>\$ +\^star<n><pl>\$%` + lowerSuperblank("estrellas fugaces") + `%g`,
		`s%\^shoot<vblex><ger>\$ +\^star<n><sg>\$%` + lowerSuperblank("estrella fugaz") + `%g`,
	}),
)

// meteorsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var meteorsSpanish = slices.Concat(
	// Words spa-eng lacks: a nutritionist (the line was served
	// untranslated), lying down ("tumbarse").
	only(`\^\*(nutricionistas*)*(tumbamos)*(tumbé)*\$`, []string{
		`s%\^\*nutricionista\$%` + lowerSuperblank("nutritionist") + `%g`,
		`s%\^\*nutricionistas\$%` + lowerSuperblank("nutritionists") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><pl>\$ +\^\*tumbamos\$%` + lowerSuperblank("we lay down") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^\*tumbé\$%` + lowerSuperblank("I lay down") + `%g`,
	}),
	// "me he saltado", I've skipped ("I've jumped me").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^saltar<vblex><pp><m><sg>\$`, startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^saltar<vblex><pp><m><sg>\$`, "I've skipped")),
	// "me muero por", I'm dying for ("I die me by").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^morir<vblex><pri><p1><sg>\$ +\^por<pr>\$`, startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^morir<vblex><pri><p1><sg>\$ +\^por<pr>\$`, "I'm dying for")),
	// "se veía", you could see ("it saw"); "se ve", you can see.
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^ver<vblex><(pii)*(pri)*><p3><sg>\$`, slices.Concat(
		startCapital(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^ver<vblex><pii><p3><sg>\$`, "you could see"),
		startCapital(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^ver<vblex><pri><p3><sg>\$`, "you can see"),
	)),
	// Falling asleep, "se durmieron", fell asleep ("slept").
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^dormir<vblex><ifi><p3><(sg)*(pl)*>\$`, []string{
		`s%(<n><[mf]><[sp][gl]>\$ +)\^se<prn><pro><ref><p3><mf><sp>\$ +\^dormir<vblex><ifi><p3><(sg)*(pl)*>\$%\1` + lowerSuperblank("fell asleep") + `%g`,
	}),
)

// meteorsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): a wish made, "pedir un deseo" ("vœu", which fr-es lacks);
// giving in, "j'ai craqué pour", "no he podido resistirme a" (the line
// was served untranslated).
var meteorsFrench = slices.Concat(only(`\^\*craqué\$ +\^pour<pr>\$`,
	startCapital(`\^je<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^\*craqué\$ +\^pour<pr>\$`, "no he podido resistirme a"),
), only(`\^\*vœu\$`, slices.Concat(
	startCapital(`\^je<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^faire<vblex><pp><m><sg>\$ +\^un<det><ind><m><sg>\$ +\^\*vœu\$`, "he pedido un deseo"),
	[]string{`s%\^\*vœu\$%` + lowerSuperblank("deseo") + `%g`},
)))

// meteorsResistMe is spa-eng's "resist me to" ("resistirme a"): English
// resists a thing.
var meteorsResistMe = regexp.MustCompile(`\bresist (?:me|us|you) to\b`)

// meteorsRewritesEnglish are the English rewrites of the rounds
// chat234-chat236.
var meteorsRewritesEnglish = []gatedRewrite{
	{meteorsResistMe, "resist ", "", func(o string, m []int) (string, bool) {
		return "resist", true
	}},
}

// meteorsNoLonger is es-fr's "déjà … ne … pas" ("ya no tomo",
// "déjà je ne prends pas des sodas"): French says "ne … plus", and "de"
// after it.
var meteorsNoLonger = regexp.MustCompile(`\b([Dd])éjà ((?:je|tu|il|elle|on|nous|vous|ils|elles) )?(ne |n')((?:me |te |se |nous |vous |le |la |les |l')?\S+) pas( des\b)?`)

// meteorsPassedIt is es-fr's "est passé la révision" ("ha pasado la
// revisión"): "passer" a thing takes "avoir", "a passé".
var meteorsPassedIt = regexp.MustCompile(`\best passée? (la|le|les|l'|un|une|son|sa|ses)\b`)

// meteorsRewritesFrench are the French rewrites of the rounds
// chat234-chat236.
var meteorsRewritesFrench = []gatedRewrite{
	{meteorsNoLonger, "éjà", " pas", func(o string, m []int) (string, bool) {
		subject := ""
		if m[4] >= 0 {
			subject = o[m[4]:m[5]]
		}
		if m[4] >= 0 && o[m[2]:m[3]] == "D" {
			subject = upperFirst(subject)
		}
		ne := o[m[6]:m[7]]
		if m[4] < 0 && o[m[2]:m[3]] == "D" {
			ne = upperFirst(ne)
		}
		plus := " plus"
		if m[10] >= 0 {
			plus = " plus de"
		}
		return subject + ne + o[m[8]:m[9]] + plus, true
	}},
	{meteorsPassedIt, "est pass", "", func(o string, m []int) (string, bool) {
		return "a passé " + o[m[2]:m[3]], true
	}},
}

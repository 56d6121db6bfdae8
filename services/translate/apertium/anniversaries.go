package apertium

import (
	"regexp"
	"slices"
)

// A lost tooth, a fire alarm, a wedding anniversary (rounds
// chat167-chat169): what the modes write word by word in those
// messages.

// anniversariesEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var anniversariesEnglish = slices.Concat(
	// "little" after "the" or "my" and before a thing, small ("mi poca
	// hermana", "el poco ratón"): the tagger reads the quantifier, which
	// "a little" is.
	only(`<det><(def)*(pos)*>[^$]*\$ +\^little<det><qnt><sg>\$ +\^[a-z]+<n>`, []string{
		`s%(<det><(def)*(pos)*>[^$]*\$ +)\^little<det><qnt><sg>\$( +\^[a-z]+<n>)%\1^small<adj><sint>$\4%g`,
	}),
	// The tooth fairy, "el ratoncito Pérez" ("el hada de diente").
	only(`\^tooth<n><sg>\$ +\^fairy<n>`, []string{
		`s%\^the<det><def><sp>\$ +\^tooth<n><sg>\$ +\^fairy<n><sg>\$%` + superblank("el ratoncito Pérez") + `%g`,
		`s%\^tooth<n><sg>\$ +\^fairy<n><sg>\$%` + superblank("ratoncito Pérez") + `%g`,
	}),
	// "we met" with no one named after, "nos conocimos" ("cumplimos",
	// meeting a target).
	only(`\^prpers<prn><subj><p1><mf><pl>\$ +\^meet<vblex><past>\$`, []string{
		`s%\^([Pp])rpers<prn><subj><p1><mf><pl>\$ +\^meet<vblex><past>\$( +\^[^<$]*<(adv)*(pr)*(sent)*(num)*(cm)*>)%` + lowerSuperblank("nos conocimos") + `\2%g`,
	}),
	// How one looks, "parecer" ("mira tan linda", "miras cansado").
	only(`\^look<vblex><(pri><p3><sg)*(pres)*>\$ +(\^[a-z]+<preadv>\$ +)*\^[^<$]*<(adj)*(vblex><pp)*>`, []string{
		`s%\^look<vblex>(<(pri><p3><sg)*(pres)*>\$ +(\^[a-z]+<preadv>\$ +)*\^[^<$]*<(adj)*(vblex><pp)*>)%^seem<vblex>\1%g`,
	}),
	// An alarm that went off, "sonó" ("fue fuera").
	only(`alarm<n><(sg)*(pl)*>\$ +\^go<vblex>[^$]*\$ +\^off<`, []string{
		`s%(alarm<n><(sg)*(pl)*>\$ +)\^go<vblex>([^$]*)\$ +\^off<[^$]*\$%\1^sound<vblex>\4$%g`,
	}),
	// Outside after a verb, "fuera" ("exteriores"); for half an hour,
	// "media hora" ("para medios una hora"); "we all", "todos"
	// ("nosotros todo"), with the past the tagger read as the
	// participle.
	only(`<vblex>[^$]*\$ +\^outside<adj>\$`, []string{
		`s%(<vblex>[^$]*\$ +)\^outside<adj>\$%\1` + superblank("fuera") + `%g`,
	}),
	only(`\^for<pr>\$ +\^half<adj>\$ +\^a<det><ind><sg>\$ +\^hour<n><sg>\$`, []string{
		`s%\^for<pr>\$ +\^half<adj>\$ +\^a<det><ind><sg>\$ +\^hour<n><sg>\$%` + superblank("media hora") + `%g`,
	}),
	only(`\^prpers<prn><subj><p1><mf><pl>\$ +\^all<prn><tn><mf><sp>\$`, []string{
		`s%(\^[Pp]rpers<prn><subj><p1><mf><pl>\$) +\^all<prn><tn><mf><sp>\$( +\^have<vbmod>)<pp>%\1 ` + superblank("todos") + `\2<past>%g`,
		`s%(\^[Pp]rpers<prn><subj><p1><mf><pl>\$) +\^all<prn><tn><mf><sp>\$%\1 ` + superblank("todos") + `%g`,
	}),
)

// anniversariesCatalan are tag fixes of eng-cat: what one lost, the past
// ("la meva filla perduda una dent": read as the participle); an alarm
// that went off, "va sonar" ("va anar fora").
var anniversariesCatalan = slices.Concat(
	only(`<n><(sg)*(pl)*>\$ +\^lose<vblex><pp>\$ +\^[a-z]+<det>`, []string{
		`s%(<n><(sg)*(pl)*>\$ +\^lose<vblex>)<pp>(\$ +\^[a-z]+<det>)%\1<past>\4%g`,
	}),
	only(`alarm<n><(sg)*(pl)*>\$ +\^go<vblex>[^$]*\$ +\^off<`, []string{
		`s%(alarm<n><(sg)*(pl)*>\$ +)\^go<vblex>([^$]*)\$ +\^off<[^$]*\$%\1^sound<vblex>\4$%g`,
	}),
)

// anniversariesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): how cold or hot it was, "hacía mucho frío" ("it
// did a lot cold"), and outside after it, "fuera" (read as ser's
// subjunctive: "was").
var anniversariesSpanish = slices.Concat(anniversariesFireAlarm, only(`\^[Hh]acer<vblex><pii><p3><sg>\$ +(\^mucho<[^$]*\$ +)*\^(frío)*(calor)*<`, func() []string {
	var subs []string
	for _, c := range []struct{ how, weather, text string }{
		{`\^mucho<[^$]*\$ +`, `\^frío<[a-z]*><m><sg>\$`, "it was really cold"},
		{`\^mucho<[^$]*\$ +`, `\^calor<n><m><sg>\$`, "it was really hot"},
		{``, `\^frío<[a-z]*><m><sg>\$`, "it was cold"},
		{``, `\^calor<n><m><sg>\$`, "it was hot"},
	} {
		units := `acer<vblex><pii><p3><sg>\$ +` + c.how + c.weather
		subs = slices.Concat(subs,
			sayAs("H", "h", units+` +\^ser<vbser><pis><p3><sg>\$`, c.text+" outside", false),
			sayAs("H", "h", units, c.text, false))
	}
	return subs
}()))

// anniversariesFireAlarm is a fire alarm, "la alarma de incendios" ("the
// alarm of fires"; French "l'alarme incendie" comes to it through fr-es).
var anniversariesFireAlarm = only(`\^alarma<n><f><sg>\$ +\^de<pr>\$ +\^incendio<n>`, []string{
	`s%\^alarma<n><f><sg>\$ +\^de<pr>\$ +\^incendio<n><m><pl>\$%` + superblank("fire alarm") + `%g`,
})

// anniversariesFrenchToSpanish are tag fixes of fr-es (and of fr→en,
// through its Spanish): a fire alarm, "la alarma de incendios" ("alarma
// incendia"); the partitive after "il y a" and before a masculine ("il y
// avait de la fumée", "había del humo"; "mets du sel").
var anniversariesFrenchToSpanish = slices.Concat(
	only(`\^alarme<n><f><sg>\$ +\^incendi`, []string{
		`s%\^le<det><def><[mf]*><sg>\$ +\^alarme<n><f><sg>\$ +\^incendi[^$]*\$%` + superblank("la alarma de incendios") + `%g`,
		`s%\^alarme<n><f><sg>\$ +\^incendi[^$]*\$%` + superblank("alarma de incendios") + `%g`,
	}),
	only(`\+y avoir<vblex>[^$]*\$ +\^de<pr>`, []string{
		`s%(\+y avoir<vblex>[^$]*\$) +\^de<pr>\$ +\^le<det><def><f><sg>\$%\1%g`,
		`s%(\+y avoir<vblex>[^$]*\$) +\^de<pr>\+le<det><def><m><sg>\$%\1%g`,
	}),
	only(`\^(mettre)*(boire)*(manger)*(acheter)*(prendre)*(vouloir)*(apporter)*<vblex>[^$]*\$ +\^de<pr>\+le<det><def><m><sg>\$`, []string{
		`s%(\^(mettre)*(boire)*(manger)*(acheter)*(prendre)*(vouloir)*(apporter)*<vblex>[^$]*\$) +\^de<pr>\+le<det><def><m><sg>\$%\1%g`,
	}),
)

// anniversariesToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): how long ago, "hace quince años", "il y a quinze ans" ("il
// fait"), read as "hay", and "llevar" a time at a thing, "depuis"
// ("llevamos cinco años juntos", "nous portons cinq ans ensemble": "nous
// sommes ensemble depuis cinq ans"), where nothing but a place or a state
// follows (no verb).
var anniversariesToFrench = slices.Concat(
	only(`\^[Hh]acer<vblex><pri><p3><sg>\$ +\^[^<$]*<(num)*(det><ind)*>[^$]*\$ +\^(minuto)*(hora)*(día)*(semana)*(mes)*(año)*<n>`, []string{
		`s%\^([Hh])acer<vblex><pri><p3><sg>\$( +\^[^<$]*<(num)*(det><ind)*>[^$]*\$ +\^(minuto)*(hora)*(día)*(semana)*(mes)*(año)*<n>)%^\1ay<vblex><pri><p3><sg>$\2%g`,
	}),
	timeSpent(`(( +\^[^<$]*<(adj)*(adv)*(pr)*(det)*(n)*(np)*>[^$]*\$)+)`, "depuis", [3]string{"je suis", "nous sommes", "tu es"}),
)

// frenchHeIsHappy is "heureuse" of "il" ("il est très heureuse": es-fr
// writes Spanish "feliz", both genders, in the feminine).
var frenchHeIsHappy = regexp.MustCompile(`\b([Ii]ls? (?:est|était|sera|sont|étaient|seront)(?: (?:très|si|tellement|trop|super|vraiment))?) heureuse(s?)\b`)

// englishAlarmSounded is an alarm that "sounded" (spa-eng's "sonar"):
// English says it went off.
var englishAlarmSounded = regexp.MustCompile(`\b(?:(has|have|had) )?sounded\b`)

// anniversaryRewritesByTarget are the rewrites of the rounds
// chat167-chat169.
var anniversaryRewritesByTarget = map[string][]gatedRewrite{
	"en": {
		{englishAlarmSounded, "sounded", "alarm", func(o string, m []int) (string, bool) {
			if m[2] < 0 {
				return "went off", true
			}
			return o[m[2]:m[3]] + " gone off", true
		}},
	},
	"fr": {
		{frenchHeIsHappy, "heureuse", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " heureux", true
		}},
	},
}

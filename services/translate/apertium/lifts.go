package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Stuck in a lift, washing the car, Sunday lunch (rounds
// chat179-chat181): what the modes write word by word in those
// messages.

// liftsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var liftsEnglish = slices.Concat(
	// "the car" read as the adjective ("el automovilístico").
	only(`<det>[^$]*\$ +\^car<adj>\$`, []string{`s%(<det>[^$]*\$ +)\^car<adj>\$%\1^car<n><sg>$%g`}),
	// Vacuuming, which eng-spa lacks, "pasar la aspiradora (por)".
	only(`\^\*vacuum\$`, []string{
		`s%(\^to<pr>\$ +)*\^\*vacuum\$( +\^[a-z]+<det>)%` + superblank("pasar la aspiradora por") + `\2%g`,
		`s%(\^to<pr>\$ +)*\^\*vacuum\$%` + superblank("pasar la aspiradora") + `%g`,
	}),
	// At one's parents', "en casa de mis padres" ("en mis padres'").
	only(`\^at<pr>\$ +\^[a-z]+<det><pos>[^$]*\$ +\^[a-z]+<n><pl>\$\^'<apos>\$`, []string{
		`s%\^at<pr>\$( +\^[a-z]+<det><pos>[^$]*\$ +\^[a-z]+<n><pl>\$)\^'<apos>\$%` + superblank("en casa de") + `\1%g`,
	}),
	// Until a part of the day, the preposition ("hasta que tarde").
	only(`\^until<cnj[a-z]*>\$ +\^(evening)*(morning)*(night)*(midnight)*(noon)*(lunchtime)*<n>`, []string{
		`s%\^until<cnj[a-z]*>\$( +\^(evening)*(morning)*(night)*(midnight)*(noon)*(lunchtime)*<n>)%^until<pr>$\1%g`,
	}),
	// One named who fell asleep, "se quedó dormido" ("cayó dormido";
	// fellAsleep has the persons' pronouns).
	only(`<n><sg>\$ +\^fall<vblex><past>\$ +\^asleep<adj>\$`, []string{
		`s%(<n><sg>\$ +)\^fall<vblex><past>\$ +\^asleep<adj>\$%\1` + superblank("se quedó dormido") + `%g`,
	}),
)

// liftsSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var liftsSpanish = slices.Concat(
	// Stuck, "me quedé encerrado, atrapado", I got stuck ("I've remained
	// me shut"; Portuguese "fiquei preso", "quedé prendido").
	only(`\^[Qq]uedar<vblex><(ifi><p1><sg)*(pp><m><sg)*>\$ +\^(encerrar)*(atrapar)*(\*prendid)*[a-z]*[<$]`, func() []string {
		var subs []string
		for _, stuck := range []string{`encerrar<vblex><pp>[^$]*`, `atrapar<vblex><pp>[^$]*`, `\*prendid[oa]`} {
			subs = append(subs,
				`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^quedar<vblex><pp><m><sg>\$ +\^`+stuck+`\$%`+lowerSuperblank("I've got stuck")+`%g`,
				`s%(\^prpers<prn><pro><p1><mf><sg>\$ +)*\^[Qq]uedar<vblex><ifi><p1><sg>\$ +\^`+stuck+`\$%`+lowerSuperblank("I got stuck")+`%g`)
		}
		return subs
	}()),
	// A thing named that "lleva" a time in a state, "has been … for"
	// ("the elevator spends a week broken").
	only(`<n><[mf]><sg>\$ +\^llevar<vblex><pri><p3><sg>\$ +\^[^<$]*<(num)*(det><ind)*>[^$]*\$ +\^(minuto)*(hora)*(día)*(semana)*(mes)*(año)*<n>`, []string{
		`s%\^(minuto)*(hora)*(día)*(semana)*(mes)*(año)*<n>%^\1\2\3\4\5\6<n_time>%g`,
		`s%(<n><[mf]><sg>\$) +\^llevar<vblex><pri><p3><sg>\$( +\^[^<$]*<[nd][^$]*\$ +\^[^<$]*<n_time>[^$]*\$)(( +\^[^<$]*<(vblex><pp)*(adj)*(adv)*>[^$]*\$)+)%\1 ` + superblank("has been") + `\3 ` + lowerSuperblank("for") + `\2%g`,
		`s%<n_time>%<n>%g`,
	}),
	// A car wash, "el túnel de lavado" ("the tunnel of wash").
	only(`\^túnel<n><m><sg>\$ +\^de<pr>\$ +\^lavado<n>`, []string{
		`s%\^túnel<n><m><sg>\$ +\^de<pr>\$ +\^lavado<n><m><sg>\$%` + superblank("car wash") + `%g`,
	}),
	// Vacuuming, "pasar el aspirador" (French "passer l'aspirateur"
	// through fr-es; spa-eng reads only "la aspiradora": "I've spent the
	// aspirador").
	only(`\^pasar<vblex>[^$]*\$ +\^el<det><def><m><sg>\$ +\^(\*)*aspirador`, []string{
		`s%\^haber<vbhaver><pri><p1><sg>\$ +\^pasar<vblex><pp><m><sg>\$ +\^el<det><def><m><sg>\$ +\^(\*aspirador)*(aspirador<n><m><sg>)*\$%` + lowerSuperblank("I've vacuumed") + `%g`,
		`s%\^pasar<vblex><ifi><p1><sg>\$ +\^el<det><def><m><sg>\$ +\^(\*aspirador)*(aspirador<n><m><sg>)*\$%` + lowerSuperblank("I vacuumed") + `%g`,
		`s%\^pasar<vblex><inf>\$ +\^el<det><def><m><sg>\$ +\^(\*aspirador)*(aspirador<n><m><sg>)*\$%` + lowerSuperblank("vacuum") + `%g`,
	}),
	// At one's parents', "en casa de" one ("home of my parents").
	only(`\^en casa<adv>\$ +\^de<pr>\$ +\^[^<$]+<det><pos>`, []string{
		`s%\^en casa<adv>\$ +\^de<pr>\$( +\^[^<$]+<det><pos>[^$]*\$ +\^[^<$]+<n><[mf]><pl>\$)%` + superblank("at") + `\1` + superblank("'") + `%g`,
		`s%\^en casa<adv>\$ +\^de<pr>\$( +\^[^<$]+<det><pos>[^$]*\$ +\^[^<$]+<n><[mf]><sg>\$)%` + superblank("at") + `\1` + superblank("'s") + `%g`,
	}),
)

// liftsFrenchToSpanish are tag fixes of fr-es (and of fr→en, through its
// Spanish): clean, "limpio" ("propre" after être: "es propio"); "chez"
// one after a verb, "en casa de" ("on mange chez mes parents", "comemos
// en mis parientes").
var liftsFrenchToSpanish = slices.Concat(
	only(`\^être<vbser>[^$]*\$ +(\^[a-z]+<(pre)*adv>\$ +)*\^propre<adj>`, []string{
		`s%(\^être<vbser>[^$]*\$ +(\^[a-z]+<(pre)*adv>\$ +)*)\^propre<adj><mf><sg>\$%\1` + superblank("limpio") + `%g`,
		`s%(\^être<vbser>[^$]*\$ +(\^[a-z]+<(pre)*adv>\$ +)*)\^propre<adj><mf><pl>\$%\1` + superblank("limpios") + `%g`,
	}),
	only(`<vblex>[^$]*\$ +\^chez<pr>\$ +\^[^<$]+<(det)*(prn><tn)*>`, []string{
		`s%(<vblex>[^$]*\$ +)\^chez<pr>\$( +\^[^<$]+<(det)*(prn><tn)*>)%\1` + superblank("en casa de") + `\2%g`,
	}),
)

// liftsToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// "vivo" where a line starts before where, "je vis" ("vif dans").
var liftsToFrench = only(`\^[Vv]ivo<adj><m><sg>\$ +\^en<pr>\$`, []string{
	`s%^(( *\[[^]]*\])* *)\^([Vv])ivo<adj><m><sg>\$( +\^en<pr>\$)%\1^\3ivir<vblex><pri><p1><sg>$\4%`,
})

// englishThankGoodness is spa-eng's "less bad", "menos mal" ending a
// clause: thank goodness ("menos mal que" is elsewhere).
var englishThankGoodness = regexp.MustCompile(`\b([Ll])ess bad\b([.!?,]|$)`)

// liftRewritesByTarget are the rewrites of the rounds chat179-chat181.
var liftRewritesByTarget = map[string][]gatedRewrite{
	"en": {
		{englishThankGoodness, "ess bad", "", func(o string, m []int) (string, bool) {
			return caseLike(o[m[2]:m[3]], "thank") + " goodness" + o[m[4]:m[5]], true
		}},
		{englishHomeOf, "home of ", "", func(o string, m []int) (string, bool) {
			who := o[m[4]:m[5]]
			if strings.HasSuffix(who, "s") {
				return "at " + o[m[2]:m[3]] + " " + who + "'", true
			}
			return "at " + o[m[2]:m[3]] + " " + who + "'s", true
		}},
	},
}

// A cat stuck in a tree (round chat182).

// catsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish): whose a thing is, "¿de quién es el gato?" ("¿de quién
// gato es?"); the fire brigade, "los bomberos"; one scared now, "tiene
// miedo" ("se amedrenta").
var catsEnglish = slices.Concat(
	only(`\^[Ww]hose<det><itg><sp>\$ +\^[a-z]+<n><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^prpers<prn><obj><p3><nt><sg>\$`, []string{
		`s%\^Whose<det><itg><sp>\$ +(\^[a-z]+<n><sg>\$) +\^be<vbser><pri><p3><sg>\$ +\^prpers<prn><obj><p3><nt><sg>\$%` + lowerSuperblank("De quién es") + ` ^the<det><def><sp>$ \1%g`,
		`s%\^whose<det><itg><sp>\$ +(\^[a-z]+<n><sg>\$) +\^be<vbser><pri><p3><sg>\$ +\^prpers<prn><obj><p3><nt><sg>\$%` + lowerSuperblank("de quién es") + ` ^the<det><def><sp>$ \1%g`,
	}),
	only(`\^fire brigade<n><sg>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^fire brigade<n><sg>\$%` + superblank("a los bomberos") + `%g`,
	}),
	only(`\^be<vblex><pri><p3><sg># scared\$`, []string{
		`s%\^be<vblex><pri><p3><sg># scared\$%` + superblank("tiene miedo") + `%g`,
	}),
)

// catsSpanish are tag fixes of spa-eng: scared to death, "muerto de
// miedo" ("died of fear").
var catsSpanish = only(`\^morir<vblex><pp><[mf]><sg>\$ +\^de<pr>\$ +\^miedo<n>`, []string{
	`s%\^morir<vblex><pp><[mf]><sg>\$ +\^de<pr>\$ +\^miedo<n><m><sg>\$%` + superblank("scared to death") + `%g`,
})

// englishHomeOf is spa-eng's "home of" one, Spanish "en casa de" written
// apart (a pivot's superblank): "at one's" ("sleeps home of a friend").
var englishHomeOf = regexp.MustCompile(`\bhome of (my|your|his|her|our|their|a|an|the) ([\p{L}-]+)`)

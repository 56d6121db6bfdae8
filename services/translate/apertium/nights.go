package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Nights out, sightseeing, and the power, heating and internet at home
// (rounds chat77-chat79): what the modes write word by word in those
// messages.

// Tag fixes of eng-spa (and of en→fr and en→pt through its Spanish):
//   - "let's meet" is "quedamos" ("vamos a cumplir");
//   - "you guys" is the plural "you" ("¿dónde eres tipos?");
//   - "I'll have a beer" orders it, "tomaré una cerveza" ("tendré");
//   - a round or a meal "is on me", "corre de mi cuenta" ("es encima
//     me");
//   - "until four" is "hasta las cuatro" ("hasta que cuatro");
//   - "loads of" is "un montón de" ("cargas de");
//   - "from here" is "desde aquí" ("de ahí");
//   - the old town is "el casco antiguo" ("la ciudad vieja");
//   - "he keeps calling me" is "sigue llamándome" ("mantiene llamar me").
var nightsEnglish = slices.Concat(
	only(`et<vblex><[a-z]*>\$ +\^be<vbser><pri><p3><sg>\$ +\^meet<`, slices.Concat(
		phrase(`\^Let<vblex><[a-z]*>\$ +\^be<vbser><pri><p3><sg>\$ +\^meet<vblex><[a-z]*>\$`, "Quedamos"),
		phrase(`\^let<vblex><[a-z]*>\$ +\^be<vbser><pri><p3><sg>\$ +\^meet<vblex><[a-z]*>\$`, "quedamos"),
	)),
	only(`<p2><mf><sp>\$ +\^guy<n><pl>`, []string{`s%(\^[Pp]rpers<prn><[a-z]*><p2><mf>)<sp>\$ +\^guy<n><pl>\$%\1<pl>$%g`}),
	only(`will<vaux><inf>\$ +\^have<vblex><inf>\$ +\^a<det>`, func() []string {
		var subs []string
		for _, thing := range strings.Fields("beer coffee tea glass pint wine water coke juice sandwich salad burger pizza steak dessert cake") {
			subs = append(subs, `s%(will<vaux><inf>\$ +\^)have(<vblex><inf>\$ +\^a<det><ind><sg>\$ +(\^[^<$]*<adj>[^$]*\$ +)?\^`+thing+`<n>)%\1take\2%g`)
		}
		return subs
	}()),
	only(`\^be<vbser>[^$]*\$ +\^on<[a-z]*>\$ +\^prpers<prn><obj><p1><mf><sg>`, []string{
		`s%\^be<vbser>[^$]*\$ +\^on<[a-z]*>\$ +\^prpers<prn><obj><p1><mf><sg>\$%` + superblank("corre de mi cuenta") + `%g`,
	}),
	only(`ntil<cnjadv>\$ +\^[^<$]*<num>`, func() []string {
		var subs []string
		for _, h := range hourNumbers {
			subs = append(subs, fix("", `\^Until<cnjadv>\$`, `( +\^`+h+`<num>)`, "Hasta las", false)...)
			subs = append(subs, fix("", `\^until<cnjadv>\$`, `( +\^`+h+`<num>)`, "hasta las", false)...)
		}
		return subs
	}()),
	only(`\^[Ll]oad<n><pl>\$ +\^of<pr>`, sayAs("L", "l", `oad<n><pl>\$ +\^of<pr>\$`, "un montón de", false)),
	only(`\^[Ff]rom here<adv>`, sayAs("F", "f", `rom here<adv>\$`, "desde aquí", false)),
	only(`\^old<adj>[^$]*\$ +\^town<n><sg>`, fix("", `\^old<adj>[^$]*\$ +\^town<n><sg>\$`, "", "casco antiguo", false)),
	only(`\^[Pp]rpers<prn><subj>[^$]*\$ +\^keep<vblex>`, func() []string {
		var subs []string
		for _, k := range []struct{ subj, keep, form string }{
			{`<p1><mf><sg>`, `<pres>`, "sigo"}, {`<p2><mf><sp>`, `<pres>`, "sigues"}, {`<p1><mf><pl>`, `<pres>`, "seguimos"},
			{`<p3><mf><pl>`, `<pres>`, "siguen"}, {`<p3><[mfn]*t*><sg>`, `<pri><p3><sg>`, "sigue"},
		} {
			units := `rpers<prn><subj>` + k.subj + `\$ +\^keep<vblex>` + k.keep + `\$`
			post := `( +\^[^<$]*<vblex><ger>)`
			subs = append(subs, fix("", `\^P`+units, post, titleAt(k.form, 0), false)...)
			subs = append(subs, fix("", `\^p`+units, post, k.form, false)...)
		}
		return subs
	}()),
)

// nightsSpanish: spa-eng writes "hacer cola" "do tail" ("hay gente
// haciendo cola"), "hace un frío que pela" "it does a cold that peels",
// and "me voy" ending a clause "I go me" ("me tomo una caña y me voy":
// "I'm off").
var nightsSpanish = slices.Concat(
	only(`rpers<prn><pro><p1><mf><sg>\$ +\^ir<vblex><pri><p1><sg>`, slices.Concat(
		fix("", `\^prpers<prn><pro><p1><mf><sg>\$ +\^ir<vblex><pri><p1><sg>\$`, `( *\^[^<$]*<sent>)`, "I'm off", false),
		fix("", `\^prpers<prn><pro><p1><mf><sg>\$ +\^ir<vblex><pri><p1><sg>\$`, `([[:space:]]*$)`, "I'm off", false),
	)),
	only(`\^hacer<vblex><(ger)*(inf)*>\$ +\^cola<n><f><sg>`, slices.Concat(
		fix("", `\^hacer<vblex><ger>\$ +\^cola<n><f><sg>\$`, "", "queuing", false),
		fix("", `\^hacer<vblex><inf>\$ +\^cola<n><f><sg>\$`, "", "queue", false),
	)),
	only(`\^frío<[a-z]*>[^$]*\$ +\^que<[a-z]*>[^$]*\$ +\^pelar<`, sayAs("H", "h", `acer<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><sg>\$ +\^frío<[a-z]*>[^$]*\$ +\^que<[a-z]*>[^$]*\$ +\^pelar<vblex><pri><p3><sg>\$`, "it's freezing", false)),
)

// nightsFrench: es-fr lacks "calefacción" ("la calefacción ne fonctionne
// pas") and writes "el casco antiguo" as a helmet ("le casque ancien").
var nightsFrench = slices.Concat(
	only(`\^\*calefacción\$`, slices.Concat(
		fix("", `\^[Ee]l<det><def><f><sg>\$ +\^\*calefacción\$`, "", "le chauffage", false),
		fix("", `\^\*calefacción\$`, "", "chauffage", false),
	)),
	only(`\^casco<n><m><sg>\$ +\^antiguo<adj>`, slices.Concat(
		fix("", `\^[Ee]l<det><def><m><sg>\$ +\^casco<n><m><sg>\$ +\^antiguo<adj><m><sg>\$`, "", "la vieille ville", false),
		fix("", `\^casco<n><m><sg>\$ +\^antiguo<adj><m><sg>\$`, "", "vieille ville", false),
	)),
)

// nightsToPortuguese: es-pt writes "el casco antiguo" as "o casco antigo"
// (Portugal's "centro histórico"), and "venir a" before an infinitive
// with the "a" Portuguese does not say ("¿vienes a tomar algo?", "vens a
// tomar algo?").
var nightsToPortuguese = slices.Concat(
	only(`\^casco<n><m><sg>\$ +\^antiguo<adj>`, fix("", `\^casco<n><m><sg>\$ +\^antiguo<adj><m><sg>\$`, "", "centro histórico", false)),
	only(`\^venir<vblex>[^$]*\$ +\^a<pr>\$ +\^[^<$]*<vblex><inf>`, []string{`s%(\^venir<vblex>[^$]*\$) +\^a<pr>\$( +\^[^<$]*<vblex><inf>)%\1\2%g`}),
)

// nightsPortuguese: pt-es reads "a caminho" as "a camino" (Spanish "de
// camino"), and lacks "caldeira", "esquentador" and "mosteiro".
var nightsPortuguese = slices.Concat(
	only(`\^a<pr>\$ +\^caminho<n>`, fix("", `\^a<pr>\$ +\^caminho<n><m><sg>\$`, "", "de camino", false)),
	only(`\^\*(caldeira)*(esquentador)*(mosteiro)*s*\$`, slices.Concat(
		fix("", `\^\*caldeira\$`, "", "caldera", false),
		fix("", `\^\*esquentador\$`, "", "calentador", false),
		fix("", `\^\*mosteiro\$`, "", "monasterio", false),
	)),
)

// fr-es: "venir" before an infinitive takes "a" in Spanish ("tu viens
// boire un verre ?", "¿vienes beber?"), and "boire un verre" is "tomar
// algo" ("beber un vaso").
var nightsFrenchToSpanish = slices.Concat(
	only(`\^boire<vblex><inf>\$ +\^un<det><ind><m><sg>\$ +\^verre<n>`, fix("", `\^boire<vblex><inf>\$ +\^un<det><ind><m><sg>\$ +\^verre<n><m><sg>\$`, "", "tomar algo", false)),
	only(`\^venir<vblex><[a-z]*><p[123]>`, []string{
		`s%(\^venir<vblex><[a-z]*><p[123]>[^$]*\$)( +\^[^<$]*<vblex><inf>)%\1 ^à<pr>$\2%g`,
		`s%(\^venir<vblex><[a-z]*><p[123]>[^$]*\$)( +\[` + fixMark + `tomar algo\])%\1 ^à<pr>$\2%g`,
	}),
)

// English rewrites, from Spanish, Portuguese and French:
//   - a museum closes "on Mondays" ("closes the Mondays"; "opens early
//     the Saturdays");
//   - a club is no discotheque, a "caña" a beer ("I take me a cane": "me
//     tomo una caña" is "I'll have a beer");
//   - "it is worth it to go" is "it's worth going".
var (
	englishTheWeekdays = regexp.MustCompile(`\b((?:close|closes|closed|open|opens|opened|is|are|work|works|shut|shuts)(?:\s+(?:early|late))?)\s+the\s+(Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays|weekends)\b`)
	englishTakeMe      = regexp.MustCompile(`\bI\s+take\s+me\s+(a|an|one|the)\b`)
	englishWorthItTo   = regexp.MustCompile(`\b([Ii]t\s+is|[Ii]t's)\s+worth\s+it\s+to\s+(go|see|visit|try|wait|pay|buy|read|watch|come|ask|do)\b`)
)

// worthDoing are englishWorthItTo's verbs in the gerund.
var worthDoing = map[string]string{"go": "going", "see": "seeing", "visit": "visiting", "try": "trying", "wait": "waiting", "pay": "paying",
	"buy": "buying", "read": "reading", "watch": "watching", "come": "coming", "ask": "asking", "do": "doing"}

// nightRewrites are the English rewrites above (gatedRewrite).
var nightRewrites = []gatedRewrite{
	{englishTheWeekdays, "the ", "days|weekends", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " on " + o[m[4]:m[5]], true
	}},
	{englishTakeMe, "take me", "", func(o string, m []int) (string, bool) { return "I'll have " + o[m[2]:m[3]], true }},
	{englishWorthItTo, "worth it to", "", func(o string, m []int) (string, bool) {
		return caseLike(o[m[2]:m[3]], "it's") + " worth " + worthDoing[o[m[4]:m[5]]], true
	}},
}

// Portuguese: a first person plural drops its "s" before "nos"
// ("perdemos-nos", "perdemo-nos").
var portugueseMosNos = regexp.MustCompile(`\b(\p{L}+mo)s-nos\b`)

// nightRewritesByTarget are the rewrites of the other targets
// (gatedRewrite).
var nightRewritesByTarget = map[string][]gatedRewrite{
	"pt": {
		{portugueseMosNos, "mos-nos", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + "-nos", true }},
	},
}

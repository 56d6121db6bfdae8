package apertium

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Graduation, moving abroad and visas, chess and puzzles (rounds
// chat137-chat139): what the modes write word by word in those messages.

// milestonesEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var milestonesEnglish = slices.Concat(
	// Chess the game, "ajedrez" (the tagger reads it as an adjective:
	// "un club ajedrecístico", "Toco ajedrecístico").
	only(`\^chess<adj>\$`, []string{`s%\^chess<adj>\$%^chess<n><sg>$%g`}),
	// A noun the tagger reads as an adjective where no noun follows: "to
	// miss university" ("perder universitario"), "in my family" ("en mi
	// familiar"), "a flat there" ("un plano allí").
	only(`\^(university)*(family)*(flat)*<adj>[^$]*\$ +\^[^<$]*<(adv)*(pr)*(sent)*(cm)*>`, []string{
		`s%\^university<adj>\$( *\^[^<$]*<sent>)%^the<det><def><sp>$ ^university<n><sg>$\1%g`,
		`s%(<det><pos><sp>\$ +)\^family<adj>\$( +\^[^<$]*<(pr)*(sent)*(cm)*>)%\1^family<n><sg>$\2%g`,
		`s%(\^a<det><ind><sg>\$ +)\^flat<adj><sint>\$( +\^[^<$]*<(adv)*(pr)*(sent)*(cm)*>)%\1^flat<n><sg>$\2%g`,
	}),
	// "found" after "have" is find's ("Todavía he no fundar"); a
	// participle after "have" and an adverb is the participle ("He casi
	// acabó").
	only(`<vbhaver>[^$]*\$ +(\^[a-z]+<adv>\$ +)*\^(found<vblex><inf>)*([a-z]+<vblex><past>)*\$`, []string{
		`s%(<vbhaver>[^$]*\$ +(\^[a-z]+<adv>\$ +)*)\^found<vblex><inf>\$%\1^find<vblex><pp>$%g`,
		`s%(<vbhaver>[^$]*\$ +\^(almost)*(never)*(just)*(nearly)*<adv>\$ +\^[a-z]+<vblex>)<past>\$%\1<pp>$%g`,
	}),
	// "is your brother coming?": the subject before the verb, "¿tu
	// hermano viene?" ("¿es tu hermano que viene?").
	only(`^(\[[^]]*\] *)*\^be<vbser><(pres)*(pri><p3><sg)*>\$ +\^[a-z]+<det>[^$]*\$ +\^[a-z]+<n><(sg)*(pl)*>\$ +\^[a-z]+<vblex><ger>\$`, []string{
		`s%^((\[[^]]*\] *)*)\^be<vbser><pri><p3><sg>\$ +(\^[a-z]+<det>[^$]*\$ +\^[a-z]+<n><sg>\$) +(\^[a-z]+<vblex>)<ger>\$%\1\3 \4<pri><p3><sg>$%`,
		`s%^((\[[^]]*\] *)*)\^be<vbser><pres>\$ +(\^[a-z]+<det>[^$]*\$ +\^[a-z]+<n><pl>\$) +(\^[a-z]+<vblex>)<ger>\$%\1\3 \4<pri><p3><pl>$%`,
	}),
	// "you all": the plural ("Te voy a perder todo").
	only(`\^prpers<prn><obj><p2><mf><sp>\$ +\^all<prn><tn><mf><sp>\$`, []string{
		`s%\^prpers<prn><obj><p2><mf><sp>\$ +\^all<prn><tn><mf><sp>\$%^prpers<prn><obj><p2><mf><pl>$%g`,
	}),
	// "early on", "al principio" ("temprano encima"); "do you fancy",
	// "¿te apetece?" ("¿gustas?"); "it's your move", "te toca" ("es tu
	// movimiento"); the time difference, "la diferencia horaria".
	only(`\^early<adv>\$ +\^on<adv>\$`, []string{`s%\^early<adv>\$ +\^on<adv>\$%` + superblank("al principio") + `%g`}),
	// (an earlier fix takes the question's "do" away)
	only(`\^prpers<prn><subj><p2><mf><sp>\$ +\^fancy<vblex>`, slices.Concat(
		sayEach("D", "d", `o<vbdo><pres>\$ +\^prpers<prn><subj><p2><mf><sp>\$ +\^fancy<vblex><{pres,inf}>\$`, "te apetece"),
		sayEach("P", "p", `rpers<prn><subj><p2><mf><sp>\$ +\^fancy<vblex><{pres,inf}>\$`, "te apetece"),
	)),
	only(`\^be<vbser><pri><p3><sg>\$ +\^your<det><pos><sp>\$ +\^(move)*(turn)*<n><sg>\$`, sayEach("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^your<det><pos><sp>\$ +\^{move,turn}<n><sg>\$`, "te toca")),
	only(`\^time<n><sg>\$ +\^difference<n><sg>\$`, []string{`s%\^time<n><sg>\$ +\^difference<n><sg>\$%` + superblank("diferencia horaria") + `%g`}),
)

// milestonesCatalan are tag fixes of eng-cat: a one-way ticket, "un
// bitllet d'anada" ("un tiquetdeun camins").
var milestonesCatalan = only(`\^one<num><sg>\$\^-<guio>\$\^way<n><sg>\$ +\^ticket<n><sg>\$`, []string{
	`s%\^one<num><sg>\$\^-<guio>\$\^way<n><sg>\$ +\^ticket<n><sg>\$%` + superblank("bitllet d'anada") + `%g`,
})

// milestonesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var milestonesSpanish = slices.Concat(
	// "me da miedo empezar", I'm scared of starting ("it gives me fear
	// begin"); "de cero", from scratch ("of zero").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^miedo<n><m><sg>\$`, slices.Concat(
		[]string{`s%(\^prpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^miedo<n><m><sg>\$ +\^[a-z]+<vblex>)<inf>\$%\1<ger>$%g`},
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^miedo<n><m><sg>\$ +\^de<pr>\$`, "I'm scared of", false),
		[]string{`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^miedo<n><m><sg>\$( +\^[a-z]+<vblex><ger>\$)%` + lowerSuperblank("I'm scared of") + `\1%g`},
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^miedo<n><m><sg>\$`, "I'm scared", false),
	)),
	only(`\^(empezar)*(comenzar)*<vblex>[^$]*\$ +\^de<pr>\$ +\^cero<n>`, []string{
		`s%(\^(empezar)*(comenzar)*<vblex>[^$]*\$) +\^de<pr>\$ +\^cero<n><m><sg>\$%\1 ` + superblank("from scratch") + `%g`,
	}),
	// Abroad, "al extranjero", "en el extranjero" ("to the foreigner").
	only(`\^extranjero<n><m><sg>\$`, []string{
		`s%\^a<pr>\+el<det><def><m><sg>\$ +\^extranjero<n><m><sg>\$%` + superblank("abroad") + `%g`,
		`s%\^en<pr>\$ +\^el<det><def><m><sg>\$ +\^extranjero<n><m><sg>\$%` + superblank("abroad") + `%g`,
	}),
	// "te vas", you leave ("you go you"); not "te vas a poner", going to.
	only(`\^prpers<prn><pro><p2><mf><sg>\$ +\^ir<vblex><(pri)*(fti)*><p2><sg>\$ *\^[^<$]*<(adv)*(sent)*(cm)*>`, []string{
		`s%\^prpers<prn><pro><p2><mf><sg>\$ +\^ir<vblex><(pri)*(fti)*>(<p2><sg>)\$( *\^[^<$]*<(adv)*(sent)*(cm)*>)%^salir<vblex><\1\2>\3$\4%g`,
	}),
	// "cuanto antes", as soon as possible ("what before").
	only(`\^cuanto<rel><nn><m><sg>\$ +\^antes<adv>\$`, []string{
		`s%\^cuanto<rel><nn><m><sg>\$ +\^antes<adv>\$%` + superblank("as soon as possible") + `%g`,
	}),
	// "me ha ganado", has beaten me ("it's won me").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +(\^haber<vbhaver><pri><p3><sg>\$ +)*\^ganar<vblex><(pp><m><sg)*(ifi><p3><sg)*>\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^ganar<vblex><pp><m><sg>\$`, "has beaten me", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^ganar<vblex><ifi><p3><sg>\$`, "beat me", false),
	)),
	// "me voy a vivir", I'm going to live ("I'll live me"; French "je
	// pars vivre" through it).
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^ir<vblex><pri><p1><sg>\$ +\^a<pr>\$ +\^vivir<vblex><inf>\$`, sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^ir<vblex><pri><p1><sg>\$ +\^a<pr>\$ +\^vivir<vblex><inf>\$`, "I'm going to live", false)),
)

// milestonesFrenchToSpanish are tag fixes of fr-es (and of fr→en and
// fr→pt, through its Spanish).
var milestonesFrenchToSpanish = slices.Concat(
	// "je pars vivre", "me voy a vivir" ("marcho vivir").
	only(`\^partir<vblex><pri><p1><sg>\$ +\^[a-z]+<vblex><inf>\$`, sayAs("J", "j", `e<prn><tn><p1><mf><sg>\$ +\^partir<vblex><pri><p1><sg>\$`, "me voy a", false)),
	// "c'est à toi de jouer", "te toca jugar" ("es tuyo de jugar").
	only(`<vbser><pri><p3><sg>\$ +\^à (toi)*(moi)*<adj><pos><mf><sp>\$ +\^de<pr>\$ +\^[a-z]+<vblex><inf>`, []string{
		`s%(\^ce<prn>[^$]*\$ +)*\^être<vbser><pri><p3><sg>\$ +\^à toi<adj><pos><mf><sp>\$ +\^de<pr>\$%` + superblank("te toca") + `%g`,
		`s%(\^ce<prn>[^$]*\$ +)*\^être<vbser><pri><p3><sg>\$ +\^à moi<adj><pos><mf><sp>\$ +\^de<pr>\$%` + superblank("me toca") + `%g`,
	}),
	// Cheating, "hacer trampas", which fr-es lacks.
	only(`\^\*trich(e)*(es)*(ent)*(é)*\$`, []string{
		`s%(\^il<prn><tn><p3><m><sg>\$ +)*\^\*triche\$%` + superblank("hace trampas") + `%g`,
		`s%(\^tu<prn><tn><p2><mf><sg>\$ +)*\^\*triches\$%` + superblank("haces trampas") + `%g`,
		`s%(\^ils<prn><tn><p3><m><pl>\$ +)*\^\*trichent\$%` + superblank("hacen trampas") + `%g`,
	}),
	// A day after "être", with its article: "es el sábado" ("es sábado").
	only(`<vbser>[^$]*\$ +\^(lundi)*(mardi)*(mercredi)*(jeudi)*(vendredi)*(samedi)*(dimanche)*<n><m><sg>\$`, []string{
		`s%(<vbser>[^$]*\$) +(\^(lundi)*(mardi)*(mercredi)*(jeudi)*(vendredi)*(samedi)*(dimanche)*<n><m><sg>\$)%\1 ^le<det><def><m><sg>$ \2%g`,
	}),
)

// milestonesPortuguese are tag fixes of pt-es: a visa, "el visado" ("el
// visto", seen); "para a Austrália", to ("para a Australia").
var milestonesPortuguese = slices.Concat(
	only(`\^o<det><def><m><sg>\$ +\^ver<vblex><pp><m><sg>\$ +\^de<pr>\$`, []string{
		`s%(\^o<det><def><m><sg>\$ +)\^ver<vblex><pp><m><sg>\$( +\^de<pr>\$)%\1` + superblank("visado") + `\2%g`,
	}),
	only(`\^para<pr>\$ +\^a<pr>\$ +\^[^<$]*<np>`, []string{
		`s%\^para<pr>\$ +\^a<pr>\$( +\^[^<$]*<np>)%^a<pr>$\1%g`,
	}),
)

// milestonesToFrench are tag fixes of es-fr: graduating, "obtenir son
// diplôme" (es-fr lacks "graduarse"), with honours, "avec mention"; a
// residence permit, "un permis de séjour" ("une permission de
// résidence"); "me faltan", "il me manque" ("ils me manquent");
// checkmate, "échec et mat" ("jaque tue").
var milestonesToFrench = slices.Concat(
	only(`\^\*gradu[óa]\$`, []string{
		`s%(\^se<prn><pro><ref><p3><mf><sp>\$ +)*\^\*graduó\$%` + superblank("a obtenu son diplôme") + `%g`,
		`s%(\^se<prn><pro><ref><p3><mf><sp>\$ +)*\^\*gradúa\$%` + superblank("obtient son diplôme") + `%g`,
	}),
	only(`\^con<pr>\$ +\^honor<n><m><pl>\$`, []string{`s%\^con<pr>\$ +\^honor<n><m><pl>\$%` + superblank("avec mention") + `%g`}),
	only(`\^permiso<n><m><sg>\$ +\^de<pr>\$ +\^residencia<n>`, []string{
		`s%\^permiso<n><m><sg>\$ +\^de<pr>\$ +\^residencia<n><f><sg>\$%` + superblank("permis de séjour") + `%g`,
	}),
	only(`\^me<prn><pro><p1><mf><sg>\$ +\^faltar<vblex><pri><p3><pl>\$`, []string{
		`s%\^me<prn><pro><p1><mf><sg>\$ +\^faltar<vblex><pri><p3><pl>\$%^me<prn><pro><p1><mf><sg>$ ^faltar<vblex><pri><p3><sg>$%g`,
	}),
	only(`\^\*jaque\$ +\^matar<vblex>[^$]*\$`, []string{`s%\^\*jaque\$ +\^matar<vblex>[^$]*\$%` + superblank("échec et mat") + `%g`}),
	// "te apetece", "ça te dit" ("il te désire"); "Juego al ajedrez"
	// where a line starts, the verb ("Jeu aux échecs").
	only(`\^te<prn><pro><p2><mf><sg>\$ +\^apetecer<vblex><pri><p3><sg>\$`, sayAs("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^apetecer<vblex><pri><p3><sg>\$`, "ça te dit", false)),
	only(`\^Juego<n><m><sg>\$ +\^a<pr>\+el<det>`, []string{
		`s%\^Juego<n><m><sg>\$( +\^a<pr>\+el<det>)%^Jugar<vblex><pri><p1><sg>$\1%g`,
	}),
)

// spanishOfYou is fr-es's "de tú" ("fier de toi", "orgulloso de tú"): a
// pronoun after a preposition is "ti", "contigo" after "con" (not in "de
// tú a tú").
var spanishOfYou = regexp.MustCompile(`\b(de|para|por|sin|sobre|hacia|a|con) tú`)

// catalanAllThe is eng-cat's "tot els meus exàmens" ("all my exams"):
// "tots els", "totes les".
var catalanAllThe = regexp.MustCompile(`\b([Tt])ot (els|les)\b`)

// spanishMissHome is pt-es's "echo de menos de casa" ("tenho saudades de
// casa"): "echo de menos mi casa".
var spanishMissHome = regexp.MustCompile(`\b(echo|echas|echa|echamos|echáis|echan) de menos de casa\b`)

// missHomeWhose is the possessive of spanishMissHome's person.
var missHomeWhose = map[string]string{"echo": "mi", "echas": "tu", "echa": "su", "echamos": "nuestra", "echáis": "vuestra", "echan": "su"}

// milestoneRewritesByTarget are the rewrites of the rounds
// chat137-chat139.
var milestoneRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishOfYou, " tú", "", func(o string, m []int) (string, bool) {
			if r, _ := utf8.DecodeRuneInString(o[m[1]:]); unicode.IsLetter(r) {
				return "", false
			}
			// "de tú a tú", as equals, is an idiom.
			if strings.HasPrefix(o[m[1]:], " a tú") || strings.HasSuffix(o[:m[0]], "de tú ") {
				return "", false
			}
			if o[m[2]:m[3]] == "con" {
				return "contigo", true
			}
			return o[m[2]:m[3]] + " ti", true
		}},
		{spanishMissHome, "de menos de casa", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " de menos " + missHomeWhose[o[m[2]:m[3]]] + " casa", true
		}},
	},
	"ca": {
		{catalanAllThe, "ot els|ot les", "", func(o string, m []int) (string, bool) {
			if o[m[4]:m[5]] == "les" {
				return o[m[2]:m[3]] + "otes les", true
			}
			return o[m[2]:m[3]] + "ots els", true
		}},
	},
}

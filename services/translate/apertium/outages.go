package apertium

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A power cut, a pub quiz, a first date (rounds chat186-chat188): what
// the modes write word by word in those messages.

// thePower is "the power" as the taggers read it, its article optional
// and either case where a line starts.
const thePower = `(\^[Tt]he<det><def><sp>\$ +)*\^[Pp]ower<n><sg>\$ +`

// outagesEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var outagesEnglish = slices.Concat(
	// The power gone out, "se fue la luz" ("el poder salió"; French
	// through it "le pouvoir est sorti"), still out, "todavía no hay
	// luz" ("es quieto fuera"), back, "ha vuelto la luz".
	only(`\^[Pp]ower<n><sg>\$ +\^(go)*(have)*(be)*<vb`, []string{
		`s%` + thePower + `\^go<vblex><past># out\$%` + superblank("se fue la luz") + `%g`,
		`s%` + thePower + `\^have<vbhaver><pri><p3><sg>\$ +\^go<vblex><pp># out\$%` + superblank("se ha ido la luz") + `%g`,
		`s%` + thePower + `\^be<vbser><pri><p3><sg>\$ +\^still<adv>\$ +\^out<adv>\$%` + superblank("todavía no hay luz") + `%g`,
		`s%` + thePower + `\^be<vbser><pri><p3><sg>\$ +\^out<adv>\$%` + superblank("no hay luz") + `%g`,
		`s%` + thePower + `\^be<vblex><pri><p3><sg># back\$%` + superblank("ha vuelto la luz") + `%g`,
	}),
	// The whole thing, "todo el" ("el día entero", French through it
	// "le jour entier"): as "all the", which eng-spa writes so.
	only(`\^whole<adj>`, []string{
		`s%\^([Tt]he<det><def>)<sp>\$ +\^whole<adj>\$%^all<predet><sp>$ ^\1<sp>$%g`,
		`s%\^([a-z]+<det><pos>[^$]*)\$ +\^whole<adj>\$%^all<predet><sp>$ ^\1$%g`,
	}),
	// Knowing a lot about a thing, the preposition ("sabes mucho
	// aproximadamente historia").
	only(`\^about<adv>\$ +\^[^<$]*<n>`, []string{`s%\^about<adv>\$( +\^[^<$]*<n>)%^about<pr>$\1%g`}),
	// "that" before a thing named alone, the demonstrative ("I knew
	// that answer", "Supe que respuesta").
	only(`\^that<cnjsub>\$ +\^[^<$]*<n><sg>\$`, []string{
		`s%\^that<cnjsub>\$( +\^[^<$]*<n><sg>\$( *\^[^<$]*<(sent)*(cm)*(pr)*>))%^that<det><dem><sg>$\1%g`,
	}),
	// During a meal, its article ("durante cena", French through it
	// "pendant dîner").
	only(`\^during<pr>\$ +\^(breakfast)*(lunch)*(dinner)*<n>`, []string{
		`s%\^during<pr>\$( +\^(breakfast)*(lunch)*(dinner)*<n>)%^during<pr>$ ^the<det><def><sp>$\1%g`,
	}),
	// Paying for a thing, "pagar" it ("pagó para cena"): the
	// preposition goes, and a thing named alone takes the article.
	only(`\^pay<vblex>[^$]*\$ +\^for<pr>`, []string{
		`s%(\^pay<vblex>[^$]*\$) +\^for<pr>\$( +\^[^<$]*<n>)%\1 ^the<det><def><sp>$\2%g`,
		`s%(\^pay<vblex>[^$]*\$) +\^for<pr>\$( +\^[^<$]*<(det)*(prn)*>)%\1\2%g`,
	}),
)

// outagesCatalan are tag fixes of eng-cat: the power gone out, "ha
// marxat la llum" ("el poder se'n va anar fora"), still out, "encara no
// hi ha llum" ("el poder és quiet fora"); the whole thing, "tot el".
var outagesCatalan = slices.Concat(
	only(`\^[Pp]ower<n><sg>\$ +\^(go)*(have)*(be)*[#<]`, []string{
		`s%` + thePower + `\^go# out<vblex><past>\$%` + superblank("ha marxat la llum") + `%g`,
		`s%` + thePower + `\^have<vbhaver><pres><p3><sg>\$ +\^go# out<vblex><pp>\$%` + superblank("ha marxat la llum") + `%g`,
		`s%` + thePower + `\^be<vbser><pres><p3><sg>\$ +\^still<(adv)*(adj><sint)*>\$ +\^out<adv>\$%` + superblank("encara no hi ha llum") + `%g`,
		`s%` + thePower + `\^be<vbser><pres><p3><sg>\$ +\^out<adv>\$%` + superblank("no hi ha llum") + `%g`,
		`s%` + thePower + `\^be# back<vblex><pres><p3><sg>\$%` + superblank("ha tornat la llum") + `%g`,
	}),
	only(`\^whole<adj>`, []string{
		`s%\^([Tt]he<det><def>)<sp>\$ +\^whole<adj>\$%^all<predet><sp>$ ^\1<sp>$%g`,
	}),
)

// wentTo reads "fui a", "fuimos al" as going ("ir"), where the taggers
// of spa-eng and es-fr read "ser" ("I was to the beach", "j'ai été à la
// plage"); "fue a las cinco", a time, stays "ser".
var wentTo = only(`\^ser<vbser><ifi><p[123]><[a-z]+>\$ +\^a<pr>`, []string{
	`s%\^ser<vbser><ifi>(<p[123]><[a-z]+>)\$( +\^a<pr>[$+])%^ir<vblex><ifi>\1$\2%g`,
	`s%\^ir<vblex><ifi>(<p3><[a-z]+>)\$( +\^a<pr>\$ +\^el<det><def><f><[a-z]+>\$ +\^[^<$]*<num>)%^ser<vbser><ifi>\1$\2%g`,
})

// outagesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): going to a place, and stopping doing a thing,
// "dejar de", "parar de" ("it left to rain"), the gerund.
var outagesSpanish = slices.Concat(
	wentTo,
	// A machine that switched off, "se apagó" ("the computer turn").
	only(`\^apagar<vblex><(ifi)*(pri)*><p3>`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^apagar<vblex><ifi><p3><[a-z]+>\$%` + lowerSuperblank("switched off") + `%g`,
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^apagar<vblex><pri><p3><sg>\$%` + lowerSuperblank("switches off") + `%g`,
	}),
	only(`\^(dejar)*(parar)*<vblex>[^$]*\$ +\^de<pr>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%\^(dejar)*(parar)*(<vblex>[^$]*)\$ +\^de<pr>\$ +\^([^<$]*<vblex>)<inf>\$%^parar\3$ ^\4<ger>$%g`,
	}),
)

// outagesToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): the power gone out, "le courant a été coupé" ("il s'est allé
// la lumière"), no power, "pas de courant", back, "le courant est
// revenu"; going to a place (wentTo); "mucho" after a verb, the adverb
// ("nous rions beaucoup de").
var outagesToFrench = slices.Concat(
	wentTo,
	// "que sí" ("creo que sí", "que soi"): "que oui".
	only(`\^que<cnjsub>\$ +\^sí<prn>`, []string{`s%(\^que<cnjsub>\$ +)\^sí<prn>[^$]*\$%\1^sí<adv>$%g`}),
	only(`\^mucho<adj><m><sg>\$ *\^[^<$]*<(sent)*(cm)*>`, []string{`s%\^mucho<adj><m><sg>\$( *\^[^<$]*<(sent)*(cm)*>)%^mucho<adv>$\1%g`}),
	only(`\^luz<n><f><sg>\$`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +(\^haber<vbhaver><pri><p3><sg>\$ +)*\^ir<vblex><(ifi)*(pp)*>[^$]*\$ +\^el<det><def><f><sg>\$ +\^luz<n><f><sg>\$%` + superblank("le courant a été coupé") + `%g`,
		`s%\^todavía<adv>\$ +\^no<adv>\$ +\^hay<vblex><pri><p3><sg>\$ +\^luz<n><f><sg>\$%` + superblank("il n'y a toujours pas de courant") + `%g`,
		`s%\^no<adv>\$ +\^hay<vblex><pri><p3><sg>\$ +\^luz<n><f><sg>\$%` + superblank("il n'y a pas de courant") + `%g`,
		`s%(\^ya<adv>\$ +)*\^haber<vbhaver><pri><p3><sg>\$ +\^volver<vblex><pp>[^$]*\$ +\^el<det><def><f><sg>\$ +\^luz<n><f><sg>\$%` + superblank("le courant est revenu") + `%g`,
	}),
)

// outagesToPortuguese are tag fixes of es-pt (and of en→pt, through
// Spanish): the power gone out, "a luz foi abaixo" ("foi-se a luz" in
// its own line, phrases.txt; "se foi a luz" before more).
var outagesToPortuguese = only(`\^luz<n><f><sg>\$`, []string{
	`s%\^se<prn><pro><ref><p3><mf><sp>\$ +(\^haber<vbhaver><pri><p3><sg>\$ +)*\^ir<vblex><(ifi)*(pp)*>[^$]*\$ +\^el<det><def><f><sg>\$ +\^luz<n><f><sg>\$%` + superblank("a luz foi abaixo") + `%g`,
})

// outagesPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): calling one, "ligar para", "llamar a" ("conectar para"); a
// machine that switched off, "desligou-se", "se apagó" ("se
// desconectó"); an ex, "la ex" (read as "ex.", "p.ej"); agreeing on a
// plan, "combinar", "quedar en" ("combinamos ir").
var outagesPortuguese = slices.Concat(
	only(`\^ligar<vblex>[^$]*\$ +\^para<pr>\$`, []string{`s%\^ligar(<vblex>[^$]*)\$ +\^para<pr>\$%^chamar\1$ ^a<pr>$%g`}),
	only(`\^desligar<vblex>[^$]*\+se<prn>`, []string{
		`s%\^desligar<vblex><ifi><p3><sg>\+se<prn>[^$]*\$%` + superblank("se apagó") + `%g`,
		`s%\^desligar<vblex><ifi><p3><pl>\+se<prn>[^$]*\$%` + superblank("se apagaron") + `%g`,
		`s%\^desligar<vblex><pri><p3><sg>\+se<prn>[^$]*\$%` + superblank("se apaga") + `%g`,
	}),
	only(`<det>[^$]*\$ +\^ex\.<cnjadv>\$`, []string{`s%(<det>[^$]*\$ +)\^ex\.<cnjadv>\$%\1` + superblank("ex") + `^.<sent>$%g`}),
	only(`\^combinar<vblex><(ifi)*(pri)*(pp)*>`, []string{
		`s%\^combinar<vblex><(ifi)*(pri)*><p1><pl>\$( +\^[^<$]*<vblex><inf>)%` + superblank("quedamos en") + `\3%g`,
		`s%\^combinar<vblex><ifi><p1><sg>\$( +\^[^<$]*<vblex><inf>)%` + superblank("quedé en") + `\1%g`,
		`s%\^combinar<vblex><(ifi)*(pri)*><p1><pl>\$( +\^com<pr>)%` + superblank("quedamos") + `\3%g`,
		// "combinámos", which an earlier fix writes as the perfect
		// ("temos combinado").
		`s%\^ter<vbhaver><pri><p1><pl>\$ +\^combinar<vblex><pp><m><sg>\$( +\^[^<$]*<vblex><inf>)%` + superblank("hemos quedado en") + `\1%g`,
	}),
)

// outagesFrenchToSpanish are tag fixes of fr-es (and of fr→en, through
// its Spanish): "on n'a plus de", "ya no tenemos" ("se ya no tiene");
// calling one back, "rappeler", "llamar" ("recordar", reminding), where
// one who is not the subject is called and nothing is recalled after.
var outagesFrenchToSpanish = slices.Concat(
	only(`\^on<prn>[^$]*\$ +\^ne<adv>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^plus<adv>`, []string{
		`s%\^[Oo]n<prn>[^$]*\$ +\^ne<adv>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^plus<adv>\$( +\^de<pr>\$)*%` + lowerSuperblank("ya no tenemos") + `%g`,
	}),
	// Not having dared, "no me he atrevido a" ("no tengo atrevido",
	// "osé" read as an adjective).
	only(`\^osé<adj>`, []string{
		`s%(\^je<prn>[^$]*\$ +)*\^ne<adv>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^pas<adv>\$ +\^osé<adj><m><sg>\$%` + lowerSuperblank("no me he atrevido a") + `%g`,
		`s%(\^je<prn>[^$]*\$ +)*\^avoir<vbhaver><pri><p1><sg>\$ +\^osé<adj><m><sg>\$%` + lowerSuperblank("me he atrevido a") + `%g`,
	}),
	only(`\^rappeler<vblex>`, []string{
		`s%\^rappeler(<vblex>[^$]*\$ *\^[^<$]*<(sent)*(cm)*(adv)*>)%^rappeler_x\1%g`,
		`s%(<prn><tn><p3>[^$]*\$ +(\^ne<adv>\$ +)*\^[mtnv][a-z]*<prn><pro>[^$]*\$ +(\^avoir<vbhaver>[^$]*\$ +)*(\^(jamais)*(pas)*<adv>\$ +)*)\^rappeler_x<%\1^appeler<%g`,
		`s%\^rappeler_x<%^rappeler<%g`,
	}),
)

// englishHalfHour is "half hour" without the article English puts in
// ("llegó media hora tarde", "it arrived half hour late").
var englishHalfHour = regexp.MustCompile(`\b((?:[Aa]|[Tt]he|[Ee]very|[Ee]ach|[Pp]er) )?([Hh]alf) hour\b`)

// englishDuringSpan is "during" before a length of time, "for" ("durante
// tres horas", "we talked during three hours").
var englishDuringSpan = regexp.MustCompile(`\b([Dd])uring ((?:a few|several|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|half an|an|a|\d+) (?:minute|hour|day|week|month|year)s?)\b`)

// englishNeitherNeither is Spanish's "no … ni … ni" word for word ("we
// don't have neither internet neither heating"): "either … or".
var englishNeitherNeither = regexp.MustCompile(`(n't|\bnot) (\pL+ )neither ([^.,;!?]{1,60}?) neither\b`)

// englishNotNever is Spanish's "no … nunca" word for word ("it hasn't
// called me never", "it doesn't call me never"): "has never called me",
// "never calls me".
var englishNotNever = regexp.MustCompile(`\b(hasn't|haven't|has not|have not|doesn't|don't|didn't|does not|do not|did not) (\pL+)((?: me| you| him| her| us| them| it)?) never\b`)

// englishWaitFor is "wait" with its object ("esperé a tu hermano", "I
// waited you"): "wait for".
var englishWaitFor = regexp.MustCompile(`\b([Ww]ait|[Ww]aits|[Ww]aited|[Ww]aiting) (me|you|him|her|us|them)\b`)

// englishCameBack is spa-eng's "went back" of what comes back on ("ha
// vuelto la luz", "the power went back"): "came back".
var englishCameBack = regexp.MustCompile(`\b(power|electricity|internet|water|heating|wifi|signal) went back\b`)

// outageRewritesEnglish are the English rewrites of the rounds
// chat186-chat188.
var outageRewritesEnglish = []gatedRewrite{
	{englishWaitFor, "wait", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " for " + o[m[4]:m[5]], true
	}},
	{englishCameBack, "went back", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " came back", true
	}},
	{englishHalfHour, "alf hour", "", func(o string, m []int) (string, bool) {
		if m[2] >= 0 {
			return "", false
		}
		return o[m[4]:m[5]] + " an hour", true
	}},
	{englishDuringSpan, "uring ", "", func(o string, m []int) (string, bool) {
		return caseLike(o[m[2]:m[3]], "f") + "or " + o[m[4]:m[5]], true
	}},
	{englishNeitherNeither, "neither", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + o[m[4]:m[5]] + "either " + o[m[6]:m[7]] + " or", true
	}},
	{englishNotNever, " never", "", func(o string, m []int) (string, bool) {
		aux, verb, obj := strings.ToLower(o[m[2]:m[3]]), o[m[4]:m[5]], o[m[6]:m[7]]
		switch aux {
		case "hasn't", "has not":
			return "has never " + verb + obj, true
		case "haven't", "have not":
			return "have never " + verb + obj, true
		case "don't", "do not":
			return "never " + verb + obj, true
		case "doesn't", "does not":
			return "never " + thirdPerson(verb) + obj, true
		}
		return "never " + simplePast(verb) + obj, true
	}},
}

// simplePast returns the past of an English verb: chatVerbs' irregular
// ones, and "-ed".
func simplePast(v string) string {
	for _, c := range chatVerbs {
		if c.base == v && c.past != "" {
			return c.past
		}
	}
	return regularPast(v)
}

// frenchNotNone is es-fr's "ne … pas" before the word that is the
// negation itself ("je n'ai pas aucun problème", "no tengo ningún
// problema"): the "pas" goes.
var frenchNotNone = regexp.MustCompile(`\b(n'|ne )(\pL+) pas (aucun|aucune|rien|jamais|personne)\b`)

// frenchBrokenFirst is es-fr's "il ne fonctionne pas l'ascenseur" ("no
// funciona el ascensor", the subject after its verb): "l'ascenseur ne
// fonctionne pas".
var frenchBrokenFirst = regexp.MustCompile(`(^|[.!?] )([Ii]ls?) ne (fonctionnent|fonctionne|marchent|marche) (pas|plus) ((?:le |la |l'|les |mon |ma |mes |ton |ta |tes |son |sa |ses |notre |votre |nos |vos |leur |leurs )\pL[\pL-]*)`)

// frenchWeWentAll is es-fr's "nous sommes allé" ("fuimos"), the
// participle agreeing with "nous".
var frenchWeWentAll = regexp.MustCompile(`\b([Nn]ous sommes) (allé|venu|arrivé|parti|rentré|sorti|resté|tombé|monté|descendu|passé|retourné)([^\pL]|$)`)

// frenchFunny is es-fr's "amusé" for "divertido" said of one or a thing
// ("il est très amusé", amused): "drôle".
var frenchFunny = regexp.MustCompile(`\b(est|était|sont|étaient|très|si|trop|vraiment) (amusée?s?)([^\pL]|$)`)

// frenchQueOui is es-fr's "qu'oui" ("creo que sí"): French does not
// elide before "oui".
var frenchQueOui = regexp.MustCompile(`\b([Qq]u)'oui\b`)

// outageRewritesByTarget are the rewrites of the rounds chat186-chat188.
var outageRewritesByTarget = map[string][]gatedRewrite{
	"fr": {
		{frenchQueOui, "'oui", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + "e oui", true
		}},
		{frenchNotNone, " pas ", "aucun|rien|jamais|personne", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + o[m[4]:m[5]] + " " + o[m[6]:m[7]], true
		}},
		{frenchBrokenFirst, "ne ", "fonctionne|marche", func(o string, m []int) (string, bool) {
			subject := o[m[10]:m[11]]
			if o[m[4]] == 'I' {
				subject = strings.ToUpper(subject[:1]) + subject[1:]
			}
			return o[m[2]:m[3]] + subject + " ne " + o[m[6]:m[7]] + " " + o[m[8]:m[9]], true
		}},
		{frenchWeWentAll, "ous sommes ", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " " + o[m[4]:m[5]] + "s" + o[m[6]:m[7]], true
		}},
		{frenchFunny, "amusé", "", func(o string, m []int) (string, bool) {
			funny := "drôle"
			if strings.HasSuffix(o[m[4]:m[5]], "s") {
				funny = "drôles"
			}
			return o[m[2]:m[3]] + " " + funny + o[m[6]:m[7]], true
		}},
	},
}

// spanishGoodAfter is eng-spa's "good" and "best" after the noun ("un
// nombre bueno", "el restaurante mejor"), which Spanish says before it,
// "un buen nombre", "el mejor restaurante".
var spanishGoodAfter = regexp.MustCompile(`(^|[\s¿¡])((?i:un|una|unos|unas|el|la|los|las|mi|mis|tu|tus|su|sus|nuestro|nuestra|nuestros|nuestras|este|esta|estos|estas|ese|esa|otro|otra) )(\pL+) (buen[oa]s?|mejor(?:es)?)\b`)

// catalanGoodAfter is eng-cat's: "l'equip millor", "el millor equip".
var catalanGoodAfter = regexp.MustCompile(`(^|\s)((?i:un|una|uns|unes|el|la|els|les|el meu|la meva|el teu|la teva) |(?i:l)')(\pL+) (bo|bona|bons|bones|millor|millors)\b`)

// goodFirst returns the rewrite that moves an adjective of re (groups:
// before, determiner, noun, adjective) before its noun, where the
// request says it so ("good", "best" in the English: predicative "es
// mejor" is not matched, as a determiner stands right before).
func goodFirst(re *regexp.Regexp, gate string, short map[string]string) gatedRewrite {
	return gatedRewrite{re, gate, "", func(o string, m []int) (string, bool) {
		det, noun, adj := o[m[4]:m[5]], o[m[6]:m[7]], o[m[8]:m[9]]
		if notNouns[strings.ToLower(noun)] {
			return "", false
		}
		if a, ok := short[adj]; ok {
			adj = a
		}
		if strings.EqualFold(det, "l'") {
			det = caseLike(det, "el ")
			if strings.HasSuffix(noun, "a") {
				det = caseLike(det, "la ")
			}
		}
		return o[m[2]:m[3]] + det + adj + " " + noun, true
	}}
}

// notNouns stand where goodFirst's noun would and are none ("el que
// mejor canta", "lo más").
var notNouns = setOf("que", "cual", "más", "menos", "muy", "tan", "hace", "hizo", "es", "era", "fue", "està", "és", "qui", "un", "uno", "una", "um", "uma")

// portugueseGoodAfter is es-pt's, through a pivot's Spanish: "um plano
// bom", "um bom plano".
var portugueseGoodAfter = regexp.MustCompile(`(^|\s)((?i:um|uma|uns|umas|o|a|os|as|o meu|a minha|o teu|a tua) )(\pL+) (bom|boa|bons|boas|melhor|melhores)\b`)

// goodFirstRewrites are goodFirst's rewrites by target.
var goodFirstRewrites = map[string][]gatedRewrite{
	"es": {goodFirst(spanishGoodAfter, "buen|mejor", map[string]string{"bueno": "buen"})},
	"ca": {goodFirst(catalanGoodAfter, " bo|bon|millor", map[string]string{"bo": "bon"})},
	"pt": {goodFirst(portugueseGoodAfter, " bo|melhor", nil)},
}

// saysGood reports whether an English request says "good" or "best"
// before a word, as spanishGoodFirst and catalanGoodFirst need.
func saysGood(source string) bool {
	l := strings.ToLower(source)
	return strings.Contains(l, "good ") || strings.Contains(l, "best ")
}

// frenchSubjectEdits writes the subject English says and a pivot's
// Spanish drops, where es-fr would put "il" in its place: "she" ("she is
// tired", "está cansada", "il est fatiguée") as "ella", and "I" before
// an imperfect, whose form is also the third person's ("I was tired",
// "estaba cansado", "il était fatigué"), as "yo". Only the
// request's first clause: its subject is the source's first word.
func frenchSubjectEdits(source string, words []word) []edit {
	first := sourceSubject(source)
	if first == "" || len(words) == 0 {
		return nil
	}
	w := words[0]
	add := ""
	switch first {
	case "she", "she's", "she'll", "she'd":
		if w.lower != "ella" {
			add = "ella"
		}
	case "i", "i'm", "i'd", "i've":
		k := 0
		for k < len(words)-1 && beforeSpanishVerb[words[k].lower] {
			k++
		}
		// Not the conditional: es-fr writes "il" after "yo" there too
		// ("yo no debería", "j'il ne devrait").
		if v := words[k].lower; len(v) > 4 && (strings.HasSuffix(v, "aba") || strings.HasSuffix(v, "ía") && !strings.HasSuffix(v, "ría")) {
			add = "yo"
		}
	}
	if add == "" {
		return nil
	}
	return []edit{subjectBefore(w, add)}
}

// subjectBefore is the edit that puts subject before w, the first word of
// a pivot's Spanish, with w's capital ("Tiene" → "Él tiene").
func subjectBefore(w word, subject string) edit {
	return edit{from: w.from, to: w.to, text: caseLike(w.text, subject) + " " + lowerFirst(w.text)}
}

// sourceSubject returns the request's first word, in lower case, where
// it is a subject frenchSubjectEdits writes ("she", "I" and their
// contractions), and "" otherwise.
func sourceSubject(source string) string {
	first := strings.TrimLeftFunc(source, unicode.IsSpace)
	if i := strings.IndexFunc(first, unicode.IsSpace); i >= 0 {
		first = first[:i]
	}
	first = strings.ToLower(strings.Trim(first, ",.!?"))
	switch first {
	case "she", "she's", "she'll", "she'd", "i", "i'm", "i'd", "i've":
		return first
	}
	return ""
}

// startsWithSubject is the cheap test before frenchSubjectEdits, which
// reads the pivot's words again.
func startsWithSubject(source string) bool { return sourceSubject(source) != "" }

// beforeSpanishVerb may stand between a clause's start and its verb.
var beforeSpanishVerb = setOf("no", "me", "te", "lo", "la", "le", "les", "los", "las", "nos", "se", "ya", "también", "nunca", "siempre", "todavía")

// whatForEdits drops eng-spa's "para" between "qué" and an infinitive
// ("I didn't know what to do", "no supe qué para hacer") on a pivot's
// Spanish, whose second mode writes it word for word ("quel pour
// faire"); spanishWhatFor does it where Spanish is the target.
func whatForEdits(words []word) []edit {
	var edits []edit
	for k := 0; k+2 < len(words); k++ {
		if words[k].lower != "qué" || words[k+1].lower != "para" {
			continue
		}
		if v := words[k+2].lower; strings.HasSuffix(v, "ar") || strings.HasSuffix(v, "er") || strings.HasSuffix(v, "ir") {
			edits = append(edits, edit{from: words[k+1].from, to: words[k+2].from})
		}
	}
	return edits
}

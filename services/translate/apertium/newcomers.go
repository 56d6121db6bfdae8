package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Jet lag, complaining in a restaurant, making friends in a new city
// (rounds chat192-chat194): what the modes write word by word in those
// messages.

// newcomersEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var newcomersEnglish = slices.Concat(
	// "couldn't" in a statement, the past ("I couldn't sleep", "No
	// podría dormir", the conditional): "no pude". A question ("couldn't
	// you…?") keeps the conditional.
	only(`\^prpers<prn><subj><p[123]><mf><[sp][gl]>\$ +\^can<vaux><past>\+not<adv>\$`, slices.Concat([]string{`/\^\?<sent>/!{`}, func() []string {
		var subs []string
		for _, p := range [][2]string{{"p1><mf><sg", "no pude"}, {"p1><mf><pl", "no pudimos"}, {"p2><mf><s[gp]", "no pudiste"}, {"p3><[mfnt]*><sg", "no pudo"}, {"p3><mf><pl", "no pudieron"}} {
			// The subject goes with it: eng-spa would write the
			// infinitive after it in its person ("no pude duermo"). Where
			// the line starts, the capital the mode would give.
			subs = append(subs, startCapital(`\^prpers<prn><subj><`+p[0]+`>\$ +\^can<vaux><past>\+not<adv>\$`, p[1])...)
		}
		return subs
	}(), []string{`}`})),
	// Hard to do, "difícil" ("es duro de hacer amigos").
	only(`\^hard<adj>(<sint>)*\$ +\^to<pr>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%\^hard<adj>(<sint>)*\$ +\^to<pr>\$( +\^[^<$]*<vblex><inf>)%` + superblank("difícil") + `\2%g`,
	}),
	// Speaking to one, "hablar con" ("hablar a la gerente").
	only(`\^(speak)*(talk)*<vblex>[^$]*\$ +\^to<pr>\$`, []string{
		`s%\^(speak)*(talk)*(<vblex>[^$]*)\$ +\^to<pr>\$%^\1\2\3$ ^with<pr>$%g`,
	}),
	// "what" after a verb and before its clause's subject, "lo que"
	// ("esto no es qué ordené", "sé qué quieres decir").
	only(`<vb[a-z]*>[^$]*\$ +\^what<(det)*(prn)*><itg>[^$]*\$ +\^(prpers<prn><subj>)*(I<num>)*`, []string{
		`s%(<vb[a-z]*>[^$]*\$ +)\^what<(det)*(prn)*><itg>[^$]*\$( +\^prpers<prn><subj>)%\1` + superblank("lo que") + `\4%g`,
		`s%(<vb[a-z]*>[^$]*\$ +)\^what<(det)*(prn)*><itg>[^$]*\$( +\^I<num>)%\1` + superblank("lo que") + `\4%g`,
	}),
	// Falling asleep, "me estoy durmiendo" ("estoy cayendo dormido").
	only(`\^fall<vblex><ger>\$ +\^asleep<adj>`, []string{
		`s%(\^prpers<prn><subj><p1><mf><sg>\$ +)*\^be<vbser><pri><p1><sg>\$ +\^fall<vblex><ger>\$ +\^asleep<adj>\$%` + superblank("me estoy durmiendo") + `%g`,
	}),
	// Signing up for a class, "inscribirse en" ("asigné arriba para").
	only(`\^sign<vblex><(past)*(pp)*>\$ +\^up<adv>\$ +\^for<pr>`, slices.Concat(startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^sign<vblex><past>\$ +\^up<adv>\$ +\^for<pr>\$`, "me inscribí en"),
		startCapital(`\^prpers<prn><subj><p1><mf><pl>\$ +\^sign<vblex><past>\$ +\^up<adv>\$ +\^for<pr>\$`, "nos inscribimos en"))),
	// A language exchange, "un intercambio de idiomas" ("un cambio de
	// lengua").
	only(`\^language<n><sg>\$ +\^exchange<n>`, []string{
		`s%\^language<n><sg>\$ +\^exchange<n><sg>\$%` + superblank("intercambio de idiomas") + `%g`,
	}),
)

// startCapital returns the substitutions that write units as text, with
// the capital the mode would give where the line starts; the text's
// first letter keeps the case of the words after it (lowerSuperblank).
func startCapital(units, text string) []string {
	return []string{
		`s%^(( *\[[^]]*\])* *)` + units + `%\1` + lowerSuperblank(upperFirst(text)) + `%`,
		`s%` + units + `%` + lowerSuperblank(text) + `%g`,
	}
}

// feelNotSit reads "me siento" before how one feels as "sentir"
// ("sentirse"), which the taggers read as "sentar" (to sit: "I seat me a
// bit alone", French "je m'assieds comme un zombi"): French's "je me
// sens"; into English the two units are written "I feel" (spa-eng's
// "sentir" keeps the pronoun, "I feel me").
func feelNotSit(me, english string) []string {
	how := `( +\^[^<$]*<(adv)*(adj)*(cnjadv)*(preadv)*>)`
	if english != "" {
		return only(`\^sentar<vblex><pri><p1><sg>\$`, []string{
			`s%\^` + me + `\$ +\^sentar<vblex><pri><p1><sg>\$` + how + `%` + lowerSuperblank(english) + `\1%g`,
		})
	}
	return only(`\^sentar<vblex><pri><p1><sg>\$`, []string{
		`s%(\^` + me + `\$ +)\^sentar(<vblex><pri><p1><sg>\$` + how + `)%\1^sentir\2%g`,
	})
}

// newcomersSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var newcomersSpanish = slices.Concat(
	feelNotSit(`prpers<prn><pro><p1><mf><sg>`, "I feel"),
	// Where one is from, "¿de dónde eres?" ("of where you are?").
	only(`\^de<pr>\$ +\^dónde<adv><itg>\$ +\^ser<vbser><pri>`, []string{
		`s%\^de<pr>\$ +\^dónde<adv><itg>\$ +\^ser<vbser><pri><p2><[sp][gl]>\$%` + lowerSuperblank("where are you from") + `%g`,
		`s%\^de<pr>\$ +\^dónde<adv><itg>\$ +\^ser<vbser><pri><p3><pl>\$%` + lowerSuperblank("where are they from") + `%g`,
	}),
	// Fancying a thing, "apetecer", which spa-eng lacks ("you apetece
	// take a coffee").
	only(`\^\*apetece\$`, []string{
		`s%\^[Nn]o<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^\*apetece\$ +\^([^<$]*<vblex>)<inf>\$%` + lowerSuperblank("I don't feel like") + ` ^\1<ger>$%g`,
		`s%\^[Nn]o<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^\*apetece\$%` + lowerSuperblank("I don't fancy") + `%g`,
		`s%\^prpers<prn><pro><p2><mf><sg>\$ +\^\*apetece\$ +\^([^<$]*<vblex>)<inf>\$%` + lowerSuperblank("do you feel like") + ` ^\1<ger>$%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^\*apetece\$ +\^([^<$]*<vblex>)<inf>\$%` + lowerSuperblank("I feel like") + ` ^\1<ger>$%g`,
		`s%\^prpers<prn><pro><p2><mf><sg>\$ +\^\*apetece\$%` + lowerSuperblank("do you fancy") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^\*apetece\$%` + lowerSuperblank("I fancy") + `%g`,
	}),
	// The hour, "son las tres" ("they are the three"), "es la una".
	only(`\^ser<vbser><pri><p3><[sp][gl]>\$ +\^el<det><def><f><[sp][gl]>\$ +\^[^<$]*<num>`, []string{
		`s%\^ser<vbser><pri><p3><pl>\$ +\^el<det><def><f><pl>\$( +\^[^<$]*<num>)%` + lowerSuperblank("it's") + `\1%g`,
		`s%\^ser<vbser><pri><p3><sg>\$ +\^el<det><def><f><sg>\$( +\^uno<num>)%` + lowerSuperblank("it's") + `\1%g`,
	}),
	// Going to bed, "acostarse" ("I put to bed me").
	only(`\^acostar<vblex><(ifi)*(pri)*><p1><sg>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^acostar<vblex><ifi><p1><sg>\$%` + lowerSuperblank("I went to bed") + `%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^acostar<vblex><pri><p1><sg>\$%` + lowerSuperblank("I go to bed") + `%g`,
	}),
)

// newcomersToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): feeling, "je me sens" (feelNotSit); better, "aller mieux"
// ("je serai meilleur"); meeting friends, "he quedado con", "j'ai
// rendez-vous avec" ("je suis resté avec"); nice, "majo", "sympa", which
// es-fr lacks.
var newcomersToFrench = slices.Concat(
	feelNotSit(`me<prn><pro><p1><mf><sg>`, ""),
	only(`\^estar<vblex><[a-z]+><p[13]><sg>\$ +\^mejor<adj>`, []string{
		`s%\^estar<vblex><fti><p1><sg>\$ +(\^ya<adv>\$ +)*\^mejor<adj><mf><sg>\$%` + superblank("j'irai mieux") + `%g`,
		`s%(\^ya<adv>\$ +)*\^estar<vblex><fti><p1><sg>\$ +\^mejor<adj><mf><sg>\$%` + superblank("j'irai mieux") + `%g`,
		`s%\^estar<vblex><pri><p1><sg>\$ +(\^ya<adv>\$ +)*\^mejor<adj><mf><sg>\$%` + superblank("je vais mieux") + `%g`,
		`s%(\^ya<adv>\$ +)*\^estar<vblex><pri><p1><sg>\$ +\^mejor<adj><mf><sg>\$%` + superblank("je vais mieux") + `%g`,
	}),
	only(`\^quedar<vblex><pp><m><sg>\$ +\^con<pr>`, []string{
		`s%\^haber<vbhaver><pri><p1><sg>\$ +\^quedar<vblex><pp><m><sg>\$ +\^con<pr>\$%` + superblank("j'ai rendez-vous avec") + `%g`,
	}),
	only(`\^\*maj[oa]s*\$`, []string{`s%\^\*maj[oa]\$%` + superblank("sympa") + `%g`, `s%\^\*maj[oa]s\$%` + superblank("sympas") + `%g`}),
)

// newcomersFrenchToSpanish are tag fixes of fr-es (and of fr→en, through
// its Spanish): "il faut que je", "tengo que" ("it fails that"); "je
// voudrais" said "j'aimerais", "me gustaría" ("amaría"); "plus de" a
// thing, "más" ("más de gente"); jet lag, "le décalage horaire", which
// fr-es lacks; a dish, "le plat" (read as the adjective, "el plano").
var newcomersFrenchToSpanish = slices.Concat(
	// The tagger reads "faut" as "falloir" or "faillir", "que" as the
	// conjunction or, before "on", the relative, and the verb after it
	// as the subjunctive or, where they are written alike ("tu portes",
	// "je travaille"), the present.
	only(`\^[Ii]l<prn><tn><p3><m><sg>\$ +\^fa[a-z]*<vblex><pri><p3><sg>\$ +\^que<[a-z]*>[^$]*\$`, func() []string {
		var subs []string
		for _, p := range [][2]string{{`je<prn>[^$]*`, "tengo que"}, {`tu<prn>[^$]*`, "tienes que"}, {`on<prn>[^$]*`, "tenemos que"}, {`nous<prn>[^$]*`, "tenemos que"}, {`vous<prn>[^$]*`, "tenéis que"}} {
			units := `<prn><tn><p3><m><sg>\$ +\^fa[a-z]*<vblex><pri><p3><sg>\$ +\^que<[a-z]*>[^$]*\$ +\^` + p[0] + `\$ +\^([^<$]*<vblex>)<pr[is]>[^$]*\$`
			subs = append(subs,
				`s%^(( *\[[^]]*\])* *)\^Il`+units+`%\1`+superblank(upperFirst(p[1]))+` ^\3<inf>$%`,
				`s%\^[Ii]l`+units+`%`+superblank(p[1])+` ^\1<inf>$%g`)
		}
		return subs
	}()),
	only(`\^aimer<vblex><cni><p1><sg>\$`, []string{
		`s%(\^je<prn>[^$]*\$ +)*\^aimer<vblex><cni><p1><sg>\$%` + superblank("me gustaría") + `%g`,
	}),
	only(`\^plus<adv>\$ +\^de<pr>\$ +\^[^<$]*<n>`, []string{`s%\^plus<adv>\$ +\^de<pr>\$( +\^[^<$]*<n>)%^plus<adv>$\1%g`}),
	only(`\^\*décalage\$`, []string{`s%\^\*décalage\$( +\^horaire<adj>[^$]*\$)*%` + superblank("jet lag") + `%g`}),
	only(`<det>[^$]*\$ +\^plat<adj><m><sg>\$`, []string{`s%(<det>[^$]*\$ +)\^plat<adj><m><sg>\$%\1` + superblank("plato") + `%g`}),
)

// englishInTheEnd is "al final", "at the end" where nothing ends after
// it ("at the end they invited us"): "in the end".
var englishInTheEnd = regexp.MustCompile(`(^|[.!?] )([Aa])t the end(,| (?:they|we|I|he|she|it|you|the|everything|all))`)

// englishMadeFriend is "me he hecho una amiga", French "je me suis fait
// une amie", word for word ("I've done me a new friend").
var englishMadeFriend = regexp.MustCompile(`\b(done|did|do|does|doing) me ((?:a |an |some )?(?:new )?friends?)\b`)

// madeForms are "hacer"'s English forms as making a friend's.
var madeForms = map[string]string{"done": "made", "did": "made", "do": "make", "does": "makes", "doing": "making"}

// englishAfternoon is spa-eng's "de la tarde" after an hour of the
// afternoon, "in the evening" ("las tres de la tarde"): "in the
// afternoon" to five; six on stays the evening.
var englishAfternoon = regexp.MustCompile(`\b(one|two|three|four|five|1|2|3|4|5)((?: o'clock)?) in the evening\b`)

// newcomerRewritesEnglish are the English rewrites of the rounds
// chat192-chat194.
var newcomerRewritesEnglish = []gatedRewrite{
	{englishAfternoon, " in the evening", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + o[m[4]:m[5]] + " in the afternoon", true
	}},
	{englishInTheEnd, "t the end", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + caseLike(o[m[4]:m[5]], "i") + "n the end" + o[m[6]:m[7]], true
	}},
	{englishMadeFriend, " me ", "friend", func(o string, m []int) (string, bool) {
		return madeForms[o[m[2]:m[3]]] + " " + o[m[4]:m[5]], true
	}},
}

// spanishPeopleDet is eng-spa's masculine determiner before "personas"
// ("algunos personas").
var spanishPeopleDet = regexp.MustCompile(`\b([Aa]lgun|[Mm]uch|[Pp]oc|[Oo]tr|[Uu]n|[Tt]od)os personas\b`)

// spanishSignedUpFor is newcomersEnglish's "me inscribí en", which
// serves a pivot (Portuguese "inscrevi-me em"), as Spanish chat says it,
// "me apunté a" (holidays.go's spanishSignedUp).
var spanishSignedUpFor = regexp.MustCompile(`\b([Mm]e inscribí|[Nn]os inscribimos) en\b((?: el\b)?)`)

// newcomerRewritesSpanish are the Spanish rewrites of the rounds
// chat192-chat194.
var newcomerRewritesSpanish = []gatedRewrite{
	{spanishSignedUpFor, "inscrib", "", func(o string, m []int) (string, bool) {
		signed := "nos apuntamos a"
		if strings.EqualFold(o[m[2]:m[2]+2], "me") {
			signed = "me apunté a"
		}
		if m[5] > m[4] {
			signed = strings.TrimSuffix(signed, " a") + " al" // "a el"
		}
		return caseLike(o[m[2]:m[2]+1], signed), true
	}},
	{spanishPeopleDet, "os personas", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "as personas", true
	}},
}

// portugueseEveryone is es-pt's "todo mundo", Brazil's: Portugal says
// "toda a gente".
var portugueseEveryone = gatedRewrite{regexp.MustCompile(`\b([Tt])odo mundo\b`), "odo mundo", "", func(o string, m []int) (string, bool) {
	return o[m[2]:m[3]] + "oda a gente", true
}}

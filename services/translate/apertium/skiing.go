package apertium

import (
	"regexp"
	"slices"
)

// A skiing trip, a wedding speech, a haircut gone wrong (rounds
// chat210-chat212): what the modes write word by word in those messages.

// coldOrHot writes a person's "cold", "hot", "hungry", "thirsty" or
// "sleepy", which eng-spa reads as what the person is ("Estoy frío",
// French "Je suis froid"; "Soy siempre famélico"), as what the person
// has: "tengo frío", "j'ai froid" (es-fr), "tenho frio" (es-pt), "siempre
// tengo hambre". subject is the units before "be" and the adjective,
// have the person's "tener".
func coldOrHot(subject, have string) []string {
	var subs []string
	for _, adj := range [][3]string{{"cold", "frío", "mucho"}, {"hot", "calor", "mucho"}, {"hungry", "hambre", "mucha"}, {"thirsty", "sed", "mucha"}, {"sleepy", "sueño", "mucho"}} {
		unit := subject + `\^be<vbser><pr[a-z]*>(<p[123]><sg>)*\$ +`
		subs = slices.Concat(subs,
			startCapital(unit+`\^[a-z]*<preadv>\$ +\^`+adj[0]+`<adj><sint>\$`, have+" "+adj[2]+" "+adj[1]),
			startCapital(unit+`\^always<adv>\$ +\^`+adj[0]+`<adj><sint>\$`, "siempre "+have+" "+adj[1]),
			startCapital(unit+`\^`+adj[0]+`<adj><sint>\$`, have+" "+adj[1]))
	}
	return subs
}

// notThat reads "not that" before an adjective as how much, "so", and
// "it's not that bad" (itIsNot, the units of "it's" in the mode's
// tagging) as the target says it, bad.
func notThat(itIsNot, bad string) []string {
	return only(`\^not<adv>\$ +\^that<cnjsub>\$ +\^[^<$]*<adj>`, append(
		startCapital(itIsNot+`\^not<adv>\$ +\^that<cnjsub>\$ +\^bad<adj><sint>\$`, bad),
		`s%(\^not<adv>\$ +)\^that<cnjsub>\$( +\^[^<$]*<adj>)%\1^so<preadv>$\2%g`))
}

// skiingEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var skiingEnglish = slices.Concat(
	only(`\^(cold)*(hot)*(hungry)*(thirsty)*(sleepy)*<adj><sint>\$`, slices.Concat(
		coldOrHot(`\^prpers<prn><subj><p1><mf><sg>\$ +`, "tengo"),
		coldOrHot(`\^prpers<prn><subj><p1><mf><pl>\$ +`, "tenemos"),
		// "are you cold?": the question, "¿tienes frío?"
		coldOrHot(`\^prpers<prn><subj><p2><mf><sp>\$ +`, "tienes"),
		[]string{`s%\^be<vbser><pres>\$ +\^prpers<prn><obj><p2><mf><sp>\$ +\^cold<adj><sint>\$%` + lowerSuperblank("tienes frío") + `%g`},
	)),
	// "not that bad": "that" before an adjective is how much, "tan"
	// ("no es que malo", a clause); of how things are, "no está tan mal".
	notThat(`\^prpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +`, "no está tan mal"),
	// "than me" at a clause's end, "que yo" ("que me"; French "que moi",
	// frenchThanMe).
	only(`\^than<cnj[a-z]*>\$ +\^prpers<prn><obj><p1><mf><sg>\$\^[.!?,]`, []string{
		`s%(\^than<cnj[a-z]*>\$ +)\^prpers<prn><obj><p1><mf><sg>\$(\^[.!?,])%\1^prpers<prn><subj><p1><mf><sg>$\2%g`,
	}),
	// "she skis" ("ella esquíes", the noun).
	only(`\^prpers<prn><subj><p3><[mf]><sg>\$ +\^ski<n><pl>\$`, []string{
		`s%(\^prpers<prn><subj><p3><[mf]><sg>\$ +)\^ski<n><pl>\$%\1` + lowerSuperblank("esquía") + `%g`,
	}),
	// "laughed" after its subject, the past ("todo el mundo reído").
	only(`<prn><tn><m><sg>\$ +\^laugh<vblex><pp>\$`, []string{`s%(<prn><tn><m><sg>\$ +)\^laugh<vblex><pp>\$%\1^laugh<vblex><past>$%g`}),
)

// skiingSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var skiingSpanish = slices.Concat(
	// "esquiar", which spa-eng lacks ("after esquiar").
	only(`\^\*esqui*í*(ar)*(amos)*(ando)*(ado)*(é)*(ó)*(a)*(o)*\$`, []string{
		`s%(\^[^<$]*<pr>\$ +)\^\*esquiar\$%\1` + lowerSuperblank("skiing") + `%g`,
		`s%\^\*esquiar\$%` + lowerSuperblank("ski") + `%g`,
		`s%\^\*esquiando\$%` + lowerSuperblank("skiing") + `%g`,
		`s%\^\*esquiado\$%` + lowerSuperblank("skied") + `%g`,
		`s%\^\*esquiamos\$%` + lowerSuperblank("we ski") + `%g`,
		`s%\^\*esquío\$%` + lowerSuperblank("I ski") + `%g`,
		`s%\^\*esquía\$%` + lowerSuperblank("skis") + `%g`,
		`s%\^\*esquié\$%` + lowerSuperblank("I skied") + `%g`,
		`s%\^\*esquió\$%` + lowerSuperblank("skied") + `%g`,
	}),
	// "no hay nada como", there's nothing like ("there is not at all
	// like").
	only(`\^no<adv>\$ +\^hay<vblex><pri><p3><sg>\$ +\^nada<adv>\$ +\^como<pr>\$`, startCapital(`\^no<adv>\$ +\^hay<vblex><pri><p3><sg>\$ +\^nada<adv>\$ +\^como<pr>\$`, "there's nothing like")),
	// Moved, "me he emocionado", I got emotional ("I've excited me").
	only(`\^emocionar<vblex><(pp><m><sg)*(ifi><p1><[sp][gl])*>\$`, slices.Concat(
		// Each form its own pattern: with both optional, any "me" was
		// "I got emotional" ("el fado me ha emocionado").
		startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^emocionar<vblex><pp><m><sg>\$`, "I got emotional"),
		startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^emocionar<vblex><ifi><p1><sg>\$`, "I got emotional"),
		startCapital(`\^prpers<prn><pro><p1><mf><pl>\$ +\^haber<vbhaver><pri><p1><pl>\$ +\^emocionar<vblex><pp><m><sg>\$`, "we got emotional"),
		startCapital(`\^prpers<prn><pro><p1><mf><pl>\$ +\^emocionar<vblex><ifi><p1><pl>\$`, "we got emotional"),
	)),
	// An appointment asked for, "pedir cita", booked ("asked date").
	only(`\^pedir<vblex><[a-z]*>[^$]*\$ +\^(uno<det><ind><f><sg>\$ +\^)*cita<n><f><sg>\$`, []string{
		`s%\^pedir<vblex><pp><m><sg>\$ +(\^uno<det><ind><f><sg>\$ +)*\^cita<n><f><sg>\$%` + lowerSuperblank("booked an appointment") + `%g`,
		`s%\^pedir<vblex><ifi><p1><sg>\$ +(\^uno<det><ind><f><sg>\$ +)*\^cita<n><f><sg>\$%` + lowerSuperblank("I booked an appointment") + `%g`,
		`s%\^pedir<vblex><inf>\$ +(\^uno<det><ind><f><sg>\$ +)*\^cita<n><f><sg>\$%` + lowerSuperblank("book an appointment") + `%g`,
	}),
	// A toast, "brindar por", to drink to ("offer by").
	only(`\^brindar<vblex><[a-z]*>[^$]*\$ +\^por<pr>\$`, []string{
		`s%(\^haber que<vbmod>[^$]*\$ +)\^brindar<vblex><inf>\$ +\^por<pr>\$%\1` + lowerSuperblank("to drink a toast to") + `%g`,
		`s%\^brindar<vblex><inf>\$ +\^por<pr>\$%` + lowerSuperblank("drink a toast to") + `%g`,
		`s%\^brindar<vblex><imp><p1><pl>\$ +\^por<pr>\$%` + lowerSuperblank("let's drink to") + `%g`,
	}),
)

// skiingFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish).
var skiingFrench = slices.Concat(
	// "jusqu'à quatre heures", until four, "hasta las cuatro" ("hasta
	// cuatro horas", four hours long).
	only(`\^jusqu'à<pr>\$ +\^[a-z]*<num><mf><sp>\$ +\^heure<n><f><pl>\$`, []string{
		`s%\^jusqu'à<pr>\$ +(\^[a-z]*<num><mf><sp>\$) +\^heure<n><f><pl>\$%` + lowerSuperblank("hasta las") + ` \1%g`,
	}),
	// A ski pole, "bastón" (fr-es's "clave", a key to a puzzle).
	only(`\^bâton<n><m><(sg)*(pl)*>\$`, []string{
		`s%\^bâton<n><m><sg>\$%` + lowerSuperblank("bastón") + `%g`,
		`s%\^bâton<n><m><pl>\$%` + lowerSuperblank("bastones") + `%g`,
	}),
	lacked("casquette", "gorra", "casquettes", "gorras"),
)

// skiingPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish).
var skiingPortuguese = slices.Concat(
	// "engraçado", which pt-es lacks: "gracioso" (spa-eng's "funny").
	lacked("engraçado", "gracioso", "engraçada", "graciosa", "engraçados", "graciosos", "engraçadas", "graciosas"),
	// Noticing, "reparar" without an object, "darse cuenta" ("notó").
	only(`\^reparar<vblex><ifi><p[13]><sg>\$\^[.!?]`, []string{
		`s%\^reparar<vblex><ifi><p3><sg>\$(\^[.!?])%` + lowerSuperblank("se dio cuenta") + `\1%g`,
		`s%\^reparar<vblex><ifi><p1><sg>\$(\^[.!?])%` + lowerSuperblank("me di cuenta") + `\1%g`,
	}),
)

// skiingToFrench are tag fixes of es-fr (and of en→fr, through Spanish).
var skiingToFrench = slices.Concat(
	// "así", like that: the tagger reads "asir" (to grasp, "j'ai pris").
	only(`\^asir<vblex><ifi><p1><sg>\$`, []string{`s%\^asir<vblex><ifi><p1><sg>\$%` + lowerSuperblank("comme ça") + `%g`}),
	// Leaving the house, "salir de casa", "sortir de la maison" ("sortir
	// de maison").
	only(`\^salir<vblex><[a-z]*>[^$]*\$ +\^de<pr>\$ +\^casa<n><f><sg>\$`, []string{
		`s%(\^salir<vblex><[a-z]*>[^$]*\$ +)\^de<pr>\$ +\^casa<n><f><sg>\$%\1` + lowerSuperblank("de la maison") + `%g`,
	}),
	// Forgetting a thing, "se ha olvidado los anillos", "a oublié" ("s'est
	// oublié").
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^olvidar<vblex><pp><m><sg>\$ +\^el<det>`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^olvidar<vblex><pp><m><sg>\$%` + lowerSuperblank("a oublié") + `%g`,
	}),
	// "esquiar", which es-fr lacks too (a pivot's "esquía", skiingEnglish).
	lacked("esquía", "skie", "esquío", "skie", "esquiamos", "skions", "esquiar", "skier"),
)

// skiingCatalan are tag fixes of eng-cat: "we'll meet", "ens trobarem"
// ("coneixerem", get to know); "not that bad" as in eng-spa.
var skiingCatalan = slices.Concat(
	only(`\^prpers<prn><subj><p1><mf><pl>\+will<vbmod><pres>\$ +\^meet<vblex><inf>\$`, startCapital(`\^prpers<prn><subj><p1><mf><pl>\+will<vbmod><pres>\$ +\^meet<vblex><inf>\$`, "ens trobarem")),
	notThat(`\^prpers<prn><subj><p3><nt><sg>\+be<vbser><pres><p3><sg>\$ +`, "no està tan malament"),
	// A person's cold, "tinc fred" ("Sóc fred").
	only(`\^[Pp]rpers<prn><subj><p1><mf><sg>\+be<vbser><pres><p1><sg>\$ +\^cold<(n)*(adj)*>`, startCapital(`\^[Pp]rpers<prn><subj><p1><mf><sg>\+be<vbser><pres><p1><sg>\$ +\^cold<(n><sg)*(adj><sint)*>\$`, "tinc fred")),
)

// frenchThanMe is "que je" at a clause's end (es-fr's "que yo", than
// me): French says "que moi".
var frenchThanMe = regexp.MustCompile(`\bque (je|tu)(\s*[.!?,;]|\s*$)`)

// skiingThrice is spa-eng's "thrice" (tres veces): chat says "three
// times".
var skiingThrice = regexp.MustCompile(`\b([Tt])hrice\b`)

// skiingAtAll is what spa-eng makes of "no … nada de": "I don't like at
// all of the colour", "I don't like the colour at all"; "I don't
// remember at all of what I said", "anything I said".
var skiingAtAll = regexp.MustCompile(`\b(don't|do not|didn't|did not) (like|remember) at all of (the \pL+|what)\b`)

// skiingRewritesEnglish are the English rewrites of the rounds
// chat210-chat212.
var skiingRewritesEnglish = []gatedRewrite{
	{skiingThrice, "hrice", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "hree times", true
	}},
	{skiingAtAll, "at all of", "", func(o string, m []int) (string, bool) {
		head := o[m[2]:m[3]] + " " + o[m[4]:m[5]]
		if what := o[m[6]:m[7]]; what != "what" {
			return head + " " + what + " at all", true
		}
		return head + " anything", true
	}},
}

// skiingRewritesFrench are the French rewrites of the rounds
// chat210-chat212.
var skiingRewritesFrench = []gatedRewrite{
	{frenchThanMe, "que ", "", func(o string, m []int) (string, bool) {
		return "que " + map[string]string{"je": "moi", "tu": "toi"}[o[m[2]:m[3]]] + o[m[4]:m[5]], true
	}},
}

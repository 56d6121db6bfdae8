package apertium

import (
	"regexp"
	"slices"
)

// Renewing a passport, working in a café, houseplants (rounds
// chat201-chat203): what the modes write word by word in those messages.

// plantsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var plantsEnglish = slices.Concat(
	// "need" after a plural noun and before its object is the verb
	// ("my plants need sun", "mi sol de necesidad de las plantas").
	only(`<n><pl>\$ +\^need<n><sg>\$ +\^[^<$]*<n>`, []string{
		`s%(<n><pl>\$ +)\^need<n><sg>\$( +\^[^<$]*<n>)%\1^need<vblex><pres>$\2%g`,
	}),
	// "put it near" where the line starts, a request ("puesto se acerca
	// la ventana"): "ponlo cerca de".
	only(`\^put<vblex><pp>\$ +\^prpers<prn><subj><p3><nt><sg>\$ +\^near<vblex><pres>\$`,
		startCapital(`\^put<vblex><pp>\$ +\^prpers<prn><subj><p3><nt><sg>\$ +\^near<vblex><pres>\$`, "ponlo cerca de")),
	// What a thing takes, "tarda" ("toma tres semanas").
	// After a verb in the past ("they said it takes"), "que".
	only(`\^prpers<prn><subj><p3><nt><sg>\$ +\^take<vblex><(pri><p3><sg)*(past)*>\$ +\^[^<$]*<num>`, []string{
		`s%(<vblex><past>\$ +)\^prpers<prn><subj><p3><nt><sg>\$ +\^take<vblex><pri><p3><sg>\$( +\^[^<$]*<num>)%\1` + superblank("que tarda") + `\2%g`,
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^take<vblex><pri><p3><sg>\$( +\^[^<$]*<num>)%` + superblank("tarda") + `\1%g`,
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^take<vblex><past>\$( +\^[^<$]*<num>)%` + superblank("tardó") + `\1%g`,
	}),
	// Closing time, "la hora de cierre" ("que cerrando tiempo").
	only(`\^close<vblex><ger>\$ +\^time<n><sg>\$`, []string{
		`s%\^until<cnjadv>\$ +\^close<vblex><ger>\$ +\^time<n><sg>\$%` + superblank("hasta la hora de cierre") + `%g`,
	}),
	// "I queued", which eng-spa lacks (and so reads "I" as a Roman
	// one): "hice cola".
	only(`\^\*queued\$`, []string{
		`s%\^(I<num><mf><sg>)*(prpers<prn><subj><p1><mf><sg>)*\$ +\^\*queued\$%` + superblank("hice cola") + `%g`,
		`s%\^prpers<prn><subj><p1><mf><pl>\$ +\^\*queued\$%` + superblank("hicimos cola") + `%g`,
	}),
)

// plantsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var plantsSpanish = slices.Concat(
	// A coffee machine ("the machine of coffee").
	only(`\^máquina<n><f><[sp][gl]>\$ +\^de<pr>\$ +\^café<n>`, []string{
		`s%\^máquina<n><f><sg>\$ +\^de<pr>\$ +\^café<n><m><sg>\$%` + superblank("coffee machine") + `%g`,
		`s%\^máquina<n><f><pl>\$ +\^de<pr>\$ +\^café<n><m><sg>\$%` + superblank("coffee machines") + `%g`,
	}),
	// "¿cada cuánto?", how often ("each how much").
	only(`\^cada<det><ind><mf><sg>\$ +\^cuánto<prn><itg>`, []string{
		`s%\^cada<det><ind><mf><sg>\$ +\^cuánto<prn><itg><m><sg>\$%` + superblank("how often") + `%g`,
	}),
	// Being thirsty, "tener sed" (spa-eng reads "sed" as "ser": "my plants
	// have are").
	only(`\^tener<vblex><pri><p[13]><[sp][gl]>\$ +\^ser<vbser><imp><p2><pl>\$`, []string{
		`s%\^tener<vblex><pri><p3><pl>\$ +\^ser<vbser><imp><p2><pl>\$%` + superblank("are thirsty") + `%g`,
		`s%\^tener<vblex><pri><p3><sg>\$ +\^ser<vbser><imp><p2><pl>\$%` + superblank("is thirsty") + `%g`,
		`s%(\^prpers<prn><subj><p1><mf><sg>\$ +)*\^tener<vblex><pri><p1><sg>\$ +\^ser<vbser><imp><p2><pl>\$%` + superblank("I'm thirsty") + `%g`,
	}),
	// "caducar", which spa-eng lacks: a thing that expired, and "se me ha
	// caducado el pasaporte", "my passport has expired".
	only(`\^\*caduc`, []string{
		// The thing a unit or two joined by "de", or a superblank an
		// earlier fix wrote ("el carné de conducir", "driving licence").
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^\*caducad[oa]\$ +\^el<det><def><[mf]><sg>\$ +(\^[^$]*\$( +\^de<pr>\$ +\^[^$]*\$)*)%` + superblank("my") + ` \1 ` + superblank("has expired") + `%g`,
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^\*caducad[oa]\$ +\^el<det><def><[mf]><sg>\$ +(\[[^]]*\])%` + superblank("my") + ` \1 ` + superblank("has expired") + `%g`,
		`s%\^\*caducad[oa]s*\$%` + superblank("expired") + `%g`,
		`s%\^\*caducó\$%` + superblank("expired") + `%g`,
		`s%\^\*caduca\$%` + superblank("expires") + `%g`,
	}),
	// The Spanish ID card, "DNI", which spa-eng lacks.
	only(`\^\*DNI\$`, []string{`s%\^\*DNI\$%` + superblank("ID card") + `%g`}),
)

// plantsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish).
var plantsFrench = slices.Concat(
	// "on m'a donné", "me han dado" (fr-es writes the passive "se me ha
	// dado"; through spa-eng, "they have given me"). Not "on m'a dit",
	// whose passive spa-eng reads "I have been told".
	only(`\^on<prn><pro><ref><p3><mf><sp>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^(donner)*(offrir)*(envoyer)*(prêter)*(rendre)*(proposer)*<vblex><pp>`, []string{
		`s%\^on<prn><pro><ref><p3><mf><sp>\$ +(\^me<prn><pro><p1><mf><sg>\$ +)\^avoir<vbhaver><pri><p3><sg>\$( +\^(donner)*(offrir)*(envoyer)*(prêter)*(rendre)*(proposer)*<vblex><pp>)%\1^avoir<vbhaver><pri><p3><pl>$\2%g`,
	}),
	// "périmé" and "tablier", which fr-es lacks: "caducado", "delantal".
	only(`\^\*périmée*s*\$`, []string{
		`s%\^être<vbser><pri><p3><sg>\$ +\^\*périmée*\$%` + superblank("está caducado") + `%g`,
		`s%\^\*périmée*s*\$%` + superblank("caducado") + `%g`,
	}),
	only(`\^\*tablier`, []string{`s%\^\*tablier\$%` + superblank("delantal") + `%g`, `s%\^\*tabliers\$%` + superblank("delantales") + `%g`}),
)

// plantsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish).
var plantsPortuguese = slices.Concat(
	// "ganho" before how much is the verb ("ganancia poca").
	only(`\^ganho<n><m><sg>\$ +\^(pouco)*(muito)*(bem)*(mal)*<`, []string{
		`s%\^ganho<n><m><sg>\$%^ganhar<vblex><pri><p1><sg>$%g`,
	}),
	// The past of "regar", which pt-es lacks: "regué", "regó".
	only(`\^\*reg(uei)*(ou)*\$`, []string{`s%\^\*reguei\$%` + superblank("regué") + `%g`, `s%\^\*regou\$%` + superblank("regó") + `%g`}),
	// A proof of address, "el justificante de domicilio" (pt-es lacks
	// "comprovativo"; "de morada", "de vivida").
	only(`\^\*comprovativo`, []string{
		`s%\^\*comprovativo\$ +\^de<pr>\$ +\^morar<vblex><pp><f><sg>\$%` + superblank("justificante de domicilio") + `%g`,
		`s%\^\*comprovativo\$%` + superblank("justificante") + `%g`,
	}),
)

// plantsToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): "Trabajo" where the line starts and before where or until
// when is the verb ("Travail jusqu'à l'heure de fermeture").
var plantsToFrench = only(`^(( *\[[^]]*\])* *)\^[Tt]rabajo<n><m><sg>\$ +\^(hasta)*(desde)*(en)*<pr>`, []string{
	`s%^(( *\[[^]]*\])* *)\^([Tt])rabajo<n><m><sg>\$%\1^\3rabajar<vblex><pri><p1><sg>$%`,
})

// plantsAtNight is es-pt's "pela noite" ("por la noche"): Portuguese
// says "à noite".
var plantsAtNight = regexp.MustCompile(`\b[Pp]ela noite\b`)

// plantsHowOften is "how often" before its subject and verb ("how often
// you water it?"): the question's "do".
var plantsHowOften = regexp.MustCompile(`\b([Hh]ow often) (you|we|they|I) ([a-z]+)\b`)

// plantsNear is es-fr's "près la" ("cerca de la"): "près de".
var plantsNear = regexp.MustCompile(`\bprès (la|le|les|l')`)

// plantRewritesEnglish are the English rewrites of the rounds
// chat201-chat203.
var plantRewritesEnglish = []gatedRewrite{
	{plantsHowOften, "ow often", "", func(o string, m []int) (string, bool) {
		if v := o[m[6]:m[7]]; auxiliaries[v] || beHave[v] || v == "do" {
			return "", false
		}
		return o[m[2]:m[3]] + " do " + o[m[4]:m[5]] + " " + o[m[6]:m[7]], true
	}},
}

// plantsBigTip is a big tip after its noun ("un pourboire grande", from
// Spanish "una propina grande"): French puts "gros" before it.
var plantsBigTip = regexp.MustCompile(`\b([Uu]n|[Ll]e) pourboire (?:grande?|gros)\b`)

// plantRewritesFrench are the French rewrites of the rounds
// chat201-chat203.
var plantRewritesFrench = []gatedRewrite{
	{plantsBigTip, "pourboire", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " gros pourboire", true
	}},
	{plantsNear, "près l", "", func(o string, m []int) (string, bool) {
		art := o[m[2]:m[3]]
		if art != "l'" && m[1] < len(o) && o[m[1]] != ' ' {
			return "", false // "près lavé"
		}
		switch art {
		case "le":
			return "près du", true
		case "les":
			return "près des", true
		}
		return "près de " + art, true
	}},
}

// plantRewritesPortuguese are the Portuguese rewrites of the rounds
// chat201-chat203.
var plantRewritesPortuguese = []gatedRewrite{
	{plantsAtNight, "ela noite", "", func(o string, m []int) (string, bool) {
		return caseLike(o[m[0]:m[1]], "à noite"), true
	}},
}

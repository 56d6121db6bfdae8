package apertium

import (
	"regexp"
	"slices"
)

// Birdwatching, a weekend in Lisbon, a pottery class (rounds
// chat243-chat245): what the modes write word by word in those messages.

// lisbonEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var lisbonEnglish = slices.Concat(
	// Custard tarts, "pasteles de nata" ("el custard el tart").
	only(`\^\*custard\$ +\^tart<n>`, []string{
		// The verb after them is the plural's: a superblank is no subject
		// to eng-spa ("los pasteles de nata es increíble").
		`s%\^the<det><def><sp>\$ +\^\*custard\$ +\^tart<n><pl>\$ +\^be<vbser><pres>\$ +\^amaze<vblex><ger>\$%` + lowerSuperblank("los pasteles de nata son increíbles") + `%g`,
		`s%(\^\*custard\$ +\^tart<n><pl>\$ +)\^be<vbser><pres>\$%\1^be<vbser><pri><p3><pl>$%g`,
		`s%\^the<det><def><sp>\$ +\^\*custard\$ +\^tart<n><pl>\$%` + lowerSuperblank("los pasteles de nata") + `%g`,
		`s%\^\*custard\$ +\^tart<n><pl>\$%` + lowerSuperblank("pasteles de nata") + `%g`,
		`s%\^\*custard\$ +\^tart<n><sg>\$%` + lowerSuperblank("pastel de nata") + `%g`,
	}),
	// Birdwatching, which eng-spa lacks: "he empezado a observar
	// pájaros".
	only(`\^\*birdwatching\$`, []string{
		`s%(\^start<vblex>[^$]*\$ +)\^\*birdwatching\$%\1` + lowerSuperblank("a observar pájaros") + `%g`,
	}),
	// By a river, "junto al río" ("por el río").
	only(`\^by<pr>\$ +\^the<det><def><sp>\$ +\^(river)*(sea)*(lake)*(window)*(pool)*<n><sg>\$`, []string{
		`s%\^by<pr>\$ +\^the<det><def><sp>\$ +\^river<n><sg>\$%` + lowerSuperblank("junto al río") + `%g`,
		`s%\^by<pr>\$ +\^the<det><def><sp>\$ +\^sea<n><sg>\$%` + lowerSuperblank("junto al mar") + `%g`,
		`s%\^by<pr>\$ +\^the<det><def><sp>\$ +\^lake<n><sg>\$%` + lowerSuperblank("junto al lago") + `%g`,
		`s%\^by<pr>\$ +\^the<det><def><sp>\$ +\^window<n><sg>\$%` + lowerSuperblank("junto a la ventana") + `%g`,
		`s%\^by<pr>\$ +\^the<det><def><sp>\$ +\^pool<n><sg>\$%` + lowerSuperblank("junto a la piscina") + `%g`,
	}),
	// What tires one, "cansan muchísimo" ("están agotando").
	only(`\^be<vbser><pres>\$ +\^exhaust<vblex><ger>\$`, []string{
		`s%(<n><pl>\$ +)\^be<vbser><pres>\$ +\^exhaust<vblex><ger>\$%\1` + lowerSuperblank("cansan muchísimo") + `%g`,
		`s%\^be<vbser><pres>\$ +\^exhaust<vblex><ger>\$%` + lowerSuperblank("cansa muchísimo") + `%g`,
	}),
	// A person quiet, "callado", with "estar" ("ser muy tranquilo").
	only(`\^be<vbser><inf>\$ +(\^very<preadv>\$ +)?\^quiet<adj>`, []string{
		`s%\^be<vbser><inf>\$ +\^very<preadv>\$ +\^quiet<adj>[^$]*\$%` + lowerSuperblank("estar muy callado") + `%g`,
		`s%\^be<vbser><inf>\$ +\^quiet<adj>[^$]*\$%` + lowerSuperblank("estar callado") + `%g`,
	}),
	// Clay that gets everywhere, "se mete por todas partes" ("coge en
	// todas partes").
	only(`\^get<vblex><pri><p3><sg>\$ +\^everywhere<adv>\$`, []string{
		`s%\^get<vblex><pri><p3><sg>\$ +\^everywhere<adv>\$%` + lowerSuperblank("se mete por todas partes") + `%g`,
	}),
	// Hands kept wet, "las manos mojadas" ("tus manos mojan": the
	// tagger reads the verb).
	only(`\^hand<n><pl>\$ +\^wet<vblex><pres>\$`, []string{
		`s%(\^to<pr>\$ +)?\^keep<vblex><inf>\$ +\^your<det><pos><sp>\$ +\^hand<n><pl>\$ +\^wet<vblex><pres>\$%` + lowerSuperblank("tener las manos mojadas") + `%g`,
	}),
	// A thing that broke, "se rompió" ("rompió", a person's breaking of
	// it), where nothing follows that was broken.
	only(`\^prpers<prn><subj><p3><nt><sg>\$ +\^break<vblex><past>\$`, []string{
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^break<vblex><past>\$( +\^[a-z]*<pr>\$)%` + lowerSuperblank("se rompió") + `\1%g`,
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^break<vblex><past>\$( *\^[.!]<sent>)%` + lowerSuperblank("se rompió") + `\1%g`,
	}),
	lacked("kingfisher", "martín pescador", "wonky", "torcido", "kiln", "horno", "birdwatching", "la observación de aves"),
)

// lisbonSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var lisbonSpanish = slices.Concat(
	// "más difícil de lo que parece", harder than it looks ("more
	// difficult of what looks").
	only(`\^de<pr>\$ +\^lo que<rel><nn><nt><sg>\$ +\^parecer<vblex><pri><p3><sg>\$`, []string{
		`s%\^más<preadv>\$ +\^difícil<adj><mf><sg>\$ +\^de<pr>\$ +\^lo que<rel><nn><nt><sg>\$ +\^parecer<vblex><pri><p3><sg>\$%` + lowerSuperblank("harder than it looks") + `%g`,
		`s%\^de<pr>\$ +\^lo que<rel><nn><nt><sg>\$ +\^parecer<vblex><pri><p3><sg>\$%` + lowerSuperblank("than it looks") + `%g`,
	}),
	// "tengo las uñas llenas de", my nails are full of ("I have the
	// full nails of").
	only(`\^tener<vblex><pri><p1><sg>\$ +\^el<det><def><[mf]><pl>\$ +\^[^<$]*<n><[mf]><pl>\$ +\^lleno<adj>`, []string{
		`s%\^tener<vblex><pri><p1><sg>\$ +\^el<det><def><[mf]><pl>\$ +(\^[^<$]*<n><[mf]><pl>\$) +\^lleno<adj><[mf]><pl>\$%` + lowerSuperblank("my") + ` \1 ` + lowerSuperblank("are full") + `%g`,
	}),
	// "hace un sol increíble", it's incredibly sunny ("it does an
	// incredible sun").
	only(`\^hacer<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><sg>\$ +\^sol<n><m><sg>\$`, []string{
		`s%\^hacer<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><sg>\$ +\^sol<n><m><sg>\$ +\^increíble<adj><mf><sg>\$%` + lowerSuperblank("it's incredibly sunny") + `%g`,
		`s%\^hacer<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><sg>\$ +\^sol<n><m><sg>\$%` + lowerSuperblank("it's really sunny") + `%g`,
	}),
	// "llevaba dos horas esperando", I'd been waiting for two hours ("it
	// spent two hours waiting"); "llevo", I've been.
	only(`\^llevar<vblex><p[ir]i><p[13]><sg>\$ +\^[^<$]*<num>[^$]*\$ +\^[^<$]*<n><[^$]*\$ +\^[^<$]*<vblex><ger>\$`, []string{
		`s%\^llevar<vblex><pii><p[13]><sg>\$ +(\^[^<$]*<num>[^$]*\$ +\^[^<$]*<n><[^$]*\$) +(\^[^<$]*<vblex><ger>\$)%` + lowerSuperblank("I'd been") + ` \2 ` + lowerSuperblank("for") + ` \1%g`,
		`s%\^llevar<vblex><pri><p1><sg>\$ +(\^[^<$]*<num>[^$]*\$ +\^[^<$]*<n><[^$]*\$) +(\^[^<$]*<vblex><ger>\$)%` + lowerSuperblank("I've been") + ` \2 ` + lowerSuperblank("for") + ` \1%g`,
	}),
	// "se fue volando", it flew away ("it went flying").
	only(`\^ir<vblex><ifi><p3><(sg)*(pl)*>\$ +\^volar<vblex><ger>\$`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^ir<vblex><ifi><p3><sg>\$ +\^volar<vblex><ger>\$%` + lowerSuperblank("it flew away") + `%g`,
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^ir<vblex><ifi><p3><pl>\$ +\^volar<vblex><ger>\$%` + lowerSuperblank("they flew away") + `%g`,
	}),
	// The weather, "hace (muy) buen tiempo", it's (really) nice ("it
	// does very good time").
	only(`\^[Hh]acer<vblex><pri><p3><sg>\$ +(\^muy<preadv>\$ +)?\^buen<adj><m><sg>\$ +\^tiempo<n><m><sg>\$`, slices.Concat(
		startCapital(`\^[Hh]acer<vblex><pri><p3><sg>\$ +\^muy<preadv>\$ +\^buen<adj><m><sg>\$ +\^tiempo<n><m><sg>\$`, "the weather is really nice"),
		startCapital(`\^[Hh]acer<vblex><pri><p3><sg>\$ +\^buen<adj><m><sg>\$ +\^tiempo<n><m><sg>\$`, "the weather is nice"),
	)),
	lacked("garza", "heron", "garzas", "herons"),
	// What was had for dinner, "hemos cenado bacalao", we've had cod for
	// dinner ("we've had dinner cod").
	only(`\^cenar<vblex><pp><m><sg>\$ +\^[^<$]*<n>`, []string{
		`s%\^cenar<vblex><pp><m><sg>\$ +(\^[^<$]*<n><[^$]*\$)%` + lowerSuperblank("had") + ` \1 ` + lowerSuperblank("for dinner") + `%g`,
	}),
)

// lisbonFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): seagulls, a heron, which fr-es lacks.
var lisbonFrench = slices.Concat(
	lacked("mouettes", "gaviotas", "mouette", "gaviota", "héron", "garza", "hérons", "garzas"),
	// Fine weather, "il fait (très) beau", "hace (muy) buen tiempo"
	// ("hace muy hermoso").
	only(`\^faire<vblex><pri><p3><sg>\$ +(\^très<preadv>\$ +)?\^beau<adj><m><sg>\$`, slices.Concat(
		startCapital(`\^il<prn><tn><p3><m><sg>\$ +\^faire<vblex><pri><p3><sg>\$ +\^très<preadv>\$ +\^beau<adj><m><sg>\$`, "hace muy buen tiempo"),
		startCapital(`\^il<prn><tn><p3><m><sg>\$ +\^faire<vblex><pri><p3><sg>\$ +\^beau<adj><m><sg>\$`, "hace buen tiempo"),
	)),
)

// lisbonPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): custard tarts, a viewpoint, a plate, which pt-es lacks
// ("comemos pastéis de nata" was served untranslated); a weekday's
// plural, "às quintas", "los jueves" ("a las quintas").
var lisbonPortuguese = slices.Concat(
	lacked("pastéis", "pasteles", "miradouro", "mirador", "prato", "plato", "pratos", "platos"),
	func() []string {
		var subs []string
		// The tagger reads "quintas" as the ordinal ("quinto<adj>").
		for _, d := range []struct{ pt, es string }{{"segund[ao]", "los lunes"}, {"terça", "los martes"}, {"quart[ao]", "los miércoles"}, {"quint[ao]", "los jueves"}, {"sext[ao]", "los viernes"}} {
			subs = append(subs, `s%\^a<pr>\+o<det><def><f><pl>\$ +\^`+d.pt+`<[^$]*\$%`+lowerSuperblank(d.es)+`%g`)
		}
		return only(`\^a<pr>\+o<det><def><f><pl>\$ +\^(segund)*(terça)*(quart)*(quint)*(sext)*[ao]*<`, subs)
	}(),
)

// lisbonToPortuguese are tag fixes of es-pt: custard tarts and an owl,
// which es-pt lacks.
var lisbonToPortuguese = lacked("pasteles", "pastéis", "nata", "nata", "búho", "mocho", "búhos", "mochos")

// lisbonToFrench are tag fixes of es-fr: an owl, which es-fr lacks ("le
// búho"), a unit it lacks in French; lisbonEnglish's "junto a".
var lisbonToFrench = slices.Concat(
	lackedUnit("búho", "hibou", "búhos", "hiboux"),
	// By a river, "junto al río", "près de la rivière" (es-fr reads
	// "junto" as "juntar": "je joins à la rivière").
	only(`\^[Jj]untar<vblex><pri><p1><sg>\$ +\^a<pr>`, []string{
		`s%\^[Jj]untar<vblex><pri><p1><sg>\$ +\^a<pr>\+el<det><def><m><sg>\$ +\^río<n><m><sg>\$%` + lowerSuperblank("près de la rivière") + `%g`,
		`s%\^[Jj]untar<vblex><pri><p1><sg>\$ +\^a<pr>\+el<det><def><m><sg>\$ +\^mar<n><[mf]*><sg>\$%` + lowerSuperblank("près de la mer") + `%g`,
		`s%\^[Jj]untar<vblex><pri><p1><sg>\$ +\^a<pr>\+el<det><def><m><sg>\$%` + lowerSuperblank("près du") + `%g`,
		`s%\^[Jj]untar<vblex><pri><p1><sg>\$ +\^a<pr>\$ +\^el<det><def><f><sg>\$%` + lowerSuperblank("près de la") + `%g`,
	}),
)

// lisbonCatalan are tag fixes of eng-cat: the food, "el menjar"
// ("l'àpat", a meal).
var lisbonCatalan = only(`\^the<det><def><sp>\$ +\^food<n><sg>\$`, []string{
	`s%\^the<det><def><sp>\$ +\^food<n><sg>\$%` + lowerSuperblank("el menjar") + `%g`,
})

// lisbonCatalanIn is eng-cat's "en" before a town ("som en Lisboa") or a
// place's article ("la pista és en la cuina"): Catalan is "a" a place,
// "al" before "el". (Go's \b is ASCII's: "és" starts after a space, not
// a word boundary.)
var lisbonCatalanIn = regexp.MustCompile(`(?:^|\s)(?:((?:[Ss]om|[Ss]óc|[Éé]s|[Ss]ón|[Ee]ts|[Ss]ou|[Ee]stem|[Ee]stic|[Ee]stà|[Vv]iu|[Vv]isc|[Vv]ivim|[Aa]rribem|[Aa]rribo)) en (\p{Lu})|((?:[Éé]s|[Ss]ón|[Ee]stà|[Ee]stan|[Ss]om|[Ss]óc|[Ee]stic|[Ee]stem)) en (la|el|l'|les|els)\b)`)

// catalanAt is the article after lisbonCatalanIn's "a".
var catalanAt = map[string]string{"la": "a la", "el": "al", "l'": "a l'", "les": "a les", "els": "als"}

// lisbonRewritesCatalan are the Catalan rewrites of the rounds
// chat243-chat254.
var lisbonRewritesCatalan = []gatedRewrite{
	{lisbonCatalanIn, " en ", "", func(o string, m []int) (string, bool) {
		if m[2] >= 0 {
			return o[m[0]:m[3]] + " a " + o[m[4]:m[5]], true
		}
		return o[m[0]:m[7]] + " " + catalanAt[o[m[8]:m[9]]], true
	}},
}

// lisbonAllDay is es-fr's "tout le jour" ("todo el día"): "toute la
// journée".
var lisbonAllDay = regexp.MustCompile(`\b([Tt])out le jour\b`)

// lisbonRewritesFrench are the French rewrites of the rounds
// chat243-chat245.
var lisbonRewritesFrench = []gatedRewrite{
	{lisbonAllDay, "out le jour", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "oute la journée", true
	}},
}

// lisbonStressedA is eng-spa's "una" before a feminine noun that starts
// with a stressed "a" ("una águila"): Spanish says "un águila", "el
// águila".
var lisbonStressedA = regexp.MustCompile(`\b([Uu]na|[Ll]a) (águila|agua|aula|alma|arma|área|ala|ave|hacha|hada|ancla|hambre)\b`)

// lisbonRewritesSpanish are the Spanish rewrites of the rounds
// chat243-chat245.
var lisbonRewritesSpanish = []gatedRewrite{
	{lisbonStressedA, "a a|a á|a ha", "", func(o string, m []int) (string, bool) {
		art := map[string]string{"una": "un", "Una": "Un", "la": "el", "La": "El"}[o[m[2]:m[3]]]
		return art + " " + o[m[4]:m[5]], true
	}},
}

package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// A kayak trip, a magician at a birthday, flat-pack furniture (rounds
// chat246-chat248): what the modes write word by word in those messages.

// kayaksEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var kayaksEnglish = slices.Concat(
	// "do" the verb after the auxiliary ("how did he do that trick?",
	// "¿cómo él aquel truco?"; "how does he do it?", "cómo él él?"), and
	// "how he did it" ("cómo él él"): "cómo hizo", "cómo lo hace".
	only(`\^how<adv><itg>\$ +(\^do<vbdo><[^$]*\$ +)?\^prpers<prn><subj><p3><[mf]><sg>\$ +\^do<vbdo>`, func() []string {
		const (
			how = `\^how<adv><itg>\$ +`
			he  = `\^prpers<prn><subj><p3><[mf]><sg>\$ +`
			it  = ` +\^prpers<prn><subj><p3><nt><sg>\$`
		)
		var subs []string
		for _, t := range []struct{ aux, es string }{{`<past>`, "hizo"}, {`<pri><p3><sg>`, "hace"}} {
			subs = slices.Concat(subs,
				startCapital(how+`\^do<vbdo>`+t.aux+`\$ +`+he+`\^do<vbdo><pres>\$`+it, "cómo lo "+t.es),
				startCapital(how+`\^do<vbdo>`+t.aux+`\$ +`+he+`\^do<vbdo><pres>\$`, "cómo "+t.es),
				startCapital(how+he+`\^do<vbdo>`+t.aux+`\$`+it, "cómo lo "+t.es),
			)
		}
		return subs
	}()),
	// "that" before a thing asked about ("that trick?", "que truco"):
	// the demonstrative.
	only(`\^that<cnjsub>\$ +\^[^<$]*<n><sg>\$ *\^[?.!]<sent>`, []string{
		`s%\^that<cnjsub>\$( +\^[^<$]*<n><sg>\$ *\^[?.!]<sent>)%^that<det><dem><sg>$\1%g`,
	}),
	// Not working a thing out, "no entiendo" ("no puedo salir").
	only(`\^can<vaux><pres>\+not<adv>\$ +\^work<vblex><inf># out\$`, slices.Concat(
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^still<adv>\$ +\^can<vaux><pres>\+not<adv>\$ +\^work<vblex><inf># out\$`, "sigo sin entender"),
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^can<vaux><pres>\+not<adv>\$ +\^work<vblex><inf># out\$`, "no entiendo"),
	)),
	// "put on your life jacket", "ponte" ("puesto en").
	only(`\^put<vblex><[a-z]*>\$ +\^on<pr>\$ +\^your<det><pos><sp>\$`, []string{
		`s%^(( *\[[^]]*\])* *)\^put<vblex><[a-z]*>\$ +\^on<pr>\$( +\^your<det><pos><sp>\$)%\1` + lowerSuperblank("Ponte") + `\3%`,
	}),
	// An Allen key, "una llave Allen" ("un Allen llave").
	only(`\^Allen<np>[^$]*\$ +\^key<n><sg>\$`, []string{
		`s%\^a<det><ind><sg>\$ +\^Allen<np>[^$]*\$ +\^key<n><sg>\$%` + lowerSuperblank("una llave Allen") + `%g`,
	}),
	// Paddling, which eng-spa lacks: "remamos hasta"; a little beach,
	// "una playa pequeña" ("una poca playa": "little" read as the
	// quantity).
	only(`\^\*paddled\$`, []string{
		`s%\^prpers<prn><subj><p1><mf><pl>\$ +\^\*paddled\$( +\^to<pr>\$)?%` + lowerSuperblank("remamos hasta") + `%g`,
	}),
	only(`\^a<det><ind><sg>\$ +\^little<det><qnt><sg>\$ +\^[^<$]*<n><sg>\$`, []string{
		`s%(\^a<det><ind><sg>\$ +)\^little<det><qnt><sg>\$( +\^[^<$]*<n><sg>\$)%\1^small<adj><sint>$\2%g`,
	}),
	// How to steer, "a dirigirlo" (eng-spa lacks "steer").
	only(`\^how<adv><itg>\$ +\^to<pr>\$ +\^\*steer\$`, []string{
		`s%\^how<adv><itg>\$ +\^to<pr>\$ +\^\*steer\$%` + lowerSuperblank("a dirigirlo") + `%g`,
	}),
	// Furniture put together, "montando" ("poniendo juntos"); a
	// bookcase, "una estantería" (eng-spa lacks it).
	// (breakfast.go has written "together" as "juntos" before these.)
	only(`\^put<vblex><(ger)*(inf)*>\$ +\[[^]]*juntos\]`, []string{
		`s%(\^prpers<prn><subj>[^$]*\$ +)?\^be<vbser><pri><p1><sg>\$ +\^put<vblex><ger>\$ +\[[^]]*juntos\]%` + lowerSuperblank("estoy montando") + `%g`,
		`s%(\^prpers<prn><subj>[^$]*\$ +)?\^be<vbser><pri><p3><sg>\$ +\^put<vblex><ger>\$ +\[[^]]*juntos\]%` + lowerSuperblank("está montando") + `%g`,
		`s%(\^prpers<prn><subj>[^$]*\$ +)?\^be<vbser><pri><p1><pl>\$ +\^put<vblex><ger>\$ +\[[^]]*juntos\]%` + lowerSuperblank("estamos montando") + `%g`,
		`s%\^put<vblex><ger>\$ +\[[^]]*juntos\]%` + lowerSuperblank("montando") + `%g`,
		`s%\^put<vblex><inf>\$ +\[[^]]*juntos\]%` + lowerSuperblank("montar") + `%g`,
	}),
	only(`\^\*bookcases*\$`, []string{
		`s%\^a<det><ind><sg>\$ +\^\*bookcase\$%` + lowerSuperblank("una estantería") + `%g`,
		`s%\^the<det><def><sp>\$ +\^\*bookcase\$%` + lowerSuperblank("la estantería") + `%g`,
	}),
	// A thing made to disappear, "hizo desaparecer una moneda" ("hizo
	// una moneda desaparece"); a rabbit pulled out of a hat, "sacó un
	// conejo de" ("estiró un conejo fuera de").
	only(`\^make<vblex><past>\$ +\^a<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$ +\^disappear<vblex>`, []string{
		`s%(\^prpers<prn><subj><p3><[mf]><sg>\$ +)?\^make<vblex><past>\$ +(\^a<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$) +\^disappear<vblex><[^$]*\$%` + lowerSuperblank("hizo desaparecer") + ` \2%g`,
	}),
	only(`\^pull<vblex><past>\$ +\^[^<$]*<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$ +\^out of<pr>\$`, []string{
		`s%(\^prpers<prn><subj><p3><[mf]><sg>\$ +)?\^pull<vblex><past>\$ +(\^[^<$]*<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$) +\^out of<pr>\$%` + lowerSuperblank("sacó") + ` \2 ` + lowerSuperblank("de") + `%g`,
	}),
	// Children amazed, "estaban asombrados" ("fueron asombrados").
	only(`\^be<vbser><past>\$ +\^amaze<vblex><pp>\$`, []string{
		`s%(<n><pl>\$ +)\^be<vbser><past>\$ +\^amaze<vblex><pp>\$%\1` + lowerSuperblank("estaban asombrados") + `%g`,
	}),
	lacked("bookcase", "estantería", "kayaking", "en kayak"),
)

// kayaksSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var kayaksSpanish = slices.Concat(
	// "me sobran dos tornillos", I've got two screws left over (spa-eng
	// lacks "sobrar"; the line was left untranslated).
	only(`\^\*sobra[n]*\$`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^\*sobra[n]*\$ +(\^[^<$]*<(num)*(det)*>[^$]*\$ +\^[^<$]*<n><[^$]*\$)%` + lowerSuperblank("I've got") + ` \1 ` + lowerSuperblank("left over") + `%g`,
	}),
	// Soaked, "me he mojado entero", I've got completely soaked ("I've
	// wetted me integer").
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^mojar<vblex><pp><m><sg>\$`, slices.Concat(
		startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^mojar<vblex><pp><m><sg>\$ +\^entero<[^$]*\$`, "I've got completely soaked"),
		[]string{`s%^(( *\[[^]]*\])* *)\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^mojar<vblex><pp><m><sg>\$( *\^[.!]<sent>)%\1` + lowerSuperblank("I've got wet") + `\3%`},
	)),
	// A thing made to disappear, "ha hecho desaparecer mi reloj", he
	// made my watch disappear ("he has done to disappear my clock").
	only(`\^hacer<vblex><[^$]*\$ +\^desaparecer<vblex><inf>\$`, func() []string {
		const thing = ` +(\^[^<$]*<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$)`
		return []string{
			`s%\^haber<vbhaver><pri><p3><sg>\$ +\^hacer<vblex><pp><m><sg>\$ +\^desaparecer<vblex><inf>\$` + thing + `%` + lowerSuperblank("made") + ` \1 ` + lowerSuperblank("disappear") + `%g`,
			`s%\^hacer<vblex><ifi><p3><sg>\$ +\^desaparecer<vblex><inf>\$` + thing + `%` + lowerSuperblank("made") + ` \1 ` + lowerSuperblank("disappear") + `%g`,
		}
	}()),
)

// kayaksFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): a magician, which fr-es lacks; screws missing, "il manque
// des vis", "faltan tornillos" ("falta de los vi": "vis" read as
// "voir").
var kayaksFrench = slices.Concat(
	lacked("magicien", "mago", "magiciens", "magos"),
	only(`\^manquer<vblex><pri><p3><sg>\$ +\^de<pr>\+le<det><def><mf><pl>\$ +\^voir<vblex><ifi><p1><sg>\$`, startCapital(
		`\^il<prn><tn><p3><m><sg>\$ +\^manquer<vblex><pri><p3><sg>\$ +\^de<pr>\+le<det><def><mf><pl>\$ +\^voir<vblex><ifi><p1><sg>\$`, "faltan tornillos")),
)

// kayaksToFrench are tag fixes of es-fr (and of en→fr, through its
// Spanish): a magician, which es-fr lacks (a unit, as roofsToFrench's);
// card tricks, "des tours de cartes" ("des trucs de lettres"); a thing
// taking forever, "ça prend une éternité" ("ceci tarde beaucoup").
var kayaksToFrench = slices.Concat(
	lackedUnit("mago", "magicien", "magos", "magiciens"),
	only(`\^truco<n><m><pl>\$ +\^de<pr>\$ +\^carta<n><f><pl>\$`, []string{
		`s%\^truco<n><m><pl>\$ +\^de<pr>\$ +\^carta<n><f><pl>\$%` + lowerSuperblank("tours de cartes") + `%g`,
	}),
	// (fixes.go writes "taking forever" "está tardando muchísimo".)
	only(`\^tardar<vblex><ger>\$ +\^muchísimo<`, slices.Concat(
		startCapital(`\^[Ee]sto<prn><tn><nt><sg>\$ +\^estar<vblex><pri><p3><sg>\$ +\^tardar<vblex><ger>\$ +\^muchísimo<[^$]*\$`, "ça prend une éternité"),
		[]string{`s%\^estar<vblex><pri><p3><sg>\$ +\^tardar<vblex><ger>\$ +\^muchísimo<[^$]*\$%` + lowerSuperblank("prend une éternité") + `%g`},
	)),
)

// kayaksToPortuguese are tag fixes of es-pt: furniture, great, which
// es-pt lacks ("el mueble ha quedado muy bien" was served untranslated).
var kayaksToPortuguese = lacked("mueble", "móvel", "muebles", "móveis", "buenísimo", "ótimo", "buenísima", "ótima")

// kayaksPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): a drawer, which pt-es lacks ("la gaveta").
var kayaksPortuguese = slices.Concat(
	only(`\^\*gaveta\$`, []string{
		`s%\^o<det><def><f><sg>\$ +\^\*gaveta\$%` + lowerSuperblank("el cajón") + `%g`,
		`s%\^um<det><ind><f><sg>\$ +\^\*gaveta\$%` + lowerSuperblank("un cajón") + `%g`,
	}),
	lacked("gaveta", "cajón", "gavetas", "cajones"),
)

// kayaksCatalan are tag fixes of eng-cat: kayaking, which it lacks.
var kayaksCatalan = lacked("kayaking", "a fer caiac")

// kayaksWater is es-pt's article of "agua", masculine in Spanish before
// its stressed "a" ("el agua", "no água"): Portuguese's "água" is
// feminine.
var kayaksWater = regexp.MustCompile(`\b([Nn]o|[Oo]|[Dd]o|[Aa]o|[Uu]m|[Pp]elo) água\b`)

// kayaksRewritesPortuguese are the Portuguese rewrites of the rounds
// chat246-chat248.
var kayaksRewritesPortuguese = []gatedRewrite{
	{kayaksWater, " água", "", func(o string, m []int) (string, bool) {
		art := o[m[2]:m[3]]
		fem := map[string]string{"no": "na", "o": "a", "do": "da", "ao": "à", "um": "uma", "pelo": "pela"}[strings.ToLower(art)]
		return caseLike(art, fem) + " água", true
	}},
}

// kayaksAnBefore is "an" before a word spoken with a consonant ("an
// heron": spa-eng writes it before a word given as a superblank).
var kayaksAnBefore = regexp.MustCompile(`\b([Aa])n ([b-df-gj-np-tv-z][a-z]+|h[a-z]+)\b`)

// silentH are the words "an" goes before though they are written with
// an "h".
var silentH = setOf("hour", "hours", "hourly", "honest", "honestly", "honour", "honor", "honours", "honourable", "heir", "heiress", "herb", "herbs")

// kayaksNobody is spa-eng's "anybody" for a "nadie" that starts a clause
// as its subject ("nadie sabe", "anybody knows"): nobody.
var kayaksNobody = regexp.MustCompile(`(^|[.!?] +)([Aa])nybody (knows|knew|came|said|saw|wants|wanted|likes|liked|answered|called|cares|noticed|understands|understood|remembers|remembered|believes|believed|is|was|has|had|will|can|could|would)( at all)?\b`)

// kayaksNobodyAtAll is spa-eng's "nada" after "nadie" ("nadie sabe
// nada", "nobody knows at all"): nobody knows anything.
var kayaksNobodyAtAll = regexp.MustCompile(`\b([Nn]obody [a-z]+) at all\b`)

// kayaksInstructionsAre is the verb after "instructions" read from a
// singular ("la notice est", "the instructions is").
var kayaksInstructionsAre = regexp.MustCompile(`\binstructions is\b`)

// kayaksIntoWater is spa-eng's "fell to the water" ("caí al agua", "je
// suis tombé à l'eau"): one falls into water (and to the floor).
var kayaksIntoWater = regexp.MustCompile(`\b(fell|fallen) to the (water|sea|river|pool|lake)\b`)

// kayaksUntilPlace is spa-eng's "until" for "hasta" a place ("remámos
// até à praia", "we rowed until the beach").
var kayaksUntilPlace = regexp.MustCompile(`\buntil the (beach|station|office|hotel|shop|airport|river|lake|village|town|city|park|castle|top|house|car|door)\b`)

// kayaksRewritesEnglish are the English rewrites of the rounds
// chat246-chat248.
var kayaksRewritesEnglish = []gatedRewrite{
	{kayaksAnBefore, "an ", "", func(o string, m []int) (string, bool) {
		if silentH[o[m[4]:m[5]]] {
			return "", false
		}
		return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
	}},
	{kayaksNobodyAtAll, " at all", "obody ", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " anything", true
	}},
	{kayaksInstructionsAre, "instructions is", "", func(o string, m []int) (string, bool) {
		return "instructions are", true
	}},
	{kayaksIntoWater, "to the ", "fell|fallen", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " into the " + o[m[4]:m[5]], true
	}},
	{kayaksUntilPlace, "until the ", "", func(o string, m []int) (string, bool) {
		return "to the " + o[m[2]:m[3]], true
	}},
	{kayaksNobody, "nybody ", "", func(o string, m []int) (string, bool) {
		n := "n"
		if o[m[4]:m[5]] == "A" {
			n = "N"
		}
		anything := "" // "nadie sabe nada": nobody knows anything
		if m[8] >= 0 {
			anything = " anything"
		}
		return o[m[2]:m[3]] + n + "obody " + o[m[6]:m[7]] + anything, true
	}},
}

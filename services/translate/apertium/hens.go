package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// A school reunion, a charity bake sale, a hen party (rounds
// chat216-chat218): what the modes write word by word in those messages.

// hensEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var hensEnglish = slices.Concat(
	// A hen party, "una despedida de soltera" ("una fiesta de gallina"),
	// a stag party "de soltero"; a bake sale, "una venta de pasteles"
	// ("un hornear venta").
	only(`\^(hen)*(stag)*<n><sg>\$ +\^(party)*(do)*<[nv]`, []string{
		// "my sister's hen party": the owner after it, as eng-spa writes
		// a genitive.
		`s%(\^[a-z]*<det><pos><sp>\$ +\^[^<$]*<n><sg>\$) +\^'s<gen>\$ +\^hen<n><sg>\$ +\^party<n><sg>\$%` + lowerSuperblank("la despedida de soltera de") + ` \1%g`,
		`s%\^hen<n><sg>\$ +\^party<n><sg>\$%` + lowerSuperblank("despedida de soltera") + `%g`,
		`s%\^stag<n><sg>\$ +\^(party<n><sg>)*(do<vblex><inf>)*\$%` + lowerSuperblank("despedida de soltero") + `%g`,
	}),
	only(`\^bake<vblex><inf>\$ +\^sale<n><sg>\$`, []string{
		`s%(\^a<det><ind><sg>\$ +)*\^bake<vblex><inf>\$ +\^sale<n><sg>\$%` + lowerSuperblank("una venta de pasteles") + `%g`,
	}),
	// "we sold out", "lo vendimos todo" ("vendimos fuera").
	only(`\^sell<vblex><past>\$ +\^out<adv>\$`, slices.Concat(
		startCapital(`\^prpers<prn><subj><p1><mf><pl>\$ +\^sell<vblex><past>\$ +\^out<adv>\$`, "lo vendimos todo"),
		startCapital(`\^prpers<prn><subj><p3><mf><pl>\$ +\^sell<vblex><past>\$ +\^out<adv>\$`, "se agotaron"),
	)),
	// "married" a person, "se casó con" ("marido su novio"; French
	// "s'est mariée avec").
	only(`\^marry<vblex><past>\$ +\^(her)*(his)*(my)*(your)*(a)*(the)*<det>`, slices.Concat(
		[]string{`s%(\^prpers<prn><subj><p1><mf><sg>\$ +)\^marry<vblex><past>\$( +\^[a-z]*<det>)%` + lowerSuperblank("me casé con") + `\2%g`},
		[]string{`s%(\^prpers<prn><subj><p3><[mf]><sg>\$ +)\^marry<vblex><past>\$( +\^[a-z]*<det>)%\1` + lowerSuperblank("se casó con") + `\2%g`},
	)),
	// "I loved it", "me encantó" ("lo quise"; French "j'ai adoré").
	only(`\^love<vblex><past>\$ +\^prpers<prn><obj><p3><nt><sg>\$`, slices.Concat(
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^love<vblex><past>\$ +\^prpers<prn><obj><p3><nt><sg>\$`, "me encantó"),
		startCapital(`\^prpers<prn><subj><p1><mf><pl>\$ +\^love<vblex><past>\$ +\^prpers<prn><obj><p3><nt><sg>\$`, "nos encantó"),
		startCapital(`\^prpers<prn><subj><p3><[mf]><sg>\$ +\^love<vblex><past>\$ +\^prpers<prn><obj><p3><nt><sg>\$`, "le encantó"),
		startCapital(`\^prpers<prn><subj><p3><mf><pl>\$ +\^love<vblex><past>\$ +\^prpers<prn><obj><p3><nt><sg>\$`, "les encantó"),
	)),
	// "tell" a person, "decirle a" ("no digas la novia"): the person
	// takes "a".
	only(`\^tell<vblex><[a-z]*>[^$]*\$ +\^the<det><def><sp>\$ +\^(bride)*(groom)*(teacher)*(boss)*(kid)*(child)*(neighbour)*(landlord)*(doctor)*(police)*(other)*<n>`, []string{
		`s%(\^tell<vblex><[a-z]*>[^$]*\$)( +\^the<det><def><sp>\$ +\^(bride)*(groom)*(teacher)*(boss)*(kid)*(child)*(neighbour)*(landlord)*(doctor)*(police)*(other)*<n>)%\1 ^to<pr>$\2%g`,
	}),
)

// hensSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var hensSpanish = slices.Concat(
	// "me da vergüenza", I'm embarrassed ("it gives me shame"), to do a
	// thing.
	only(`\^dar<vblex><pri><p3><sg>\$ +(\^un poco<adv>\$ +\^de<pr>\$ +)*\^vergüenza<n><f><sg>\$`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^un poco<adv>\$ +\^de<pr>\$ +\^vergüenza<n><f><sg>\$( +\^[^<$]*<vblex><inf>)*%` + lowerSuperblank("I'm a bit embarrassed to") + `\1%g`,
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^vergüenza<n><f><sg>\$( +\^[^<$]*<vblex><inf>)*%` + lowerSuperblank("I'm embarrassed to") + `\1%g`,
	}),
	// Running into someone, "me encontré con", I ran into ("I found me
	// with").
	only(`\^encontrar<vblex><ifi><p1><(sg)*(pl)*>\$ +\^con<pr>\$`, slices.Concat(
		startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^encontrar<vblex><ifi><p1><sg>\$ +\^con<pr>\$`, "I ran into"),
		startCapital(`\^prpers<prn><pro><p1><mf><pl>\$ +\^encontrar<vblex><ifi><p1><pl>\$ +\^con<pr>\$`, "we ran into"),
	)),
	// Agreeing to meet, "hemos quedado en vernos", we've agreed to see
	// each other ("we have remained in seeing us").
	only(`\^quedar<vblex><pp><m><sg>\$ +\^en<pr>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%(\^haber<vbhaver>[^$]*\$ +)\^quedar<vblex><pp><m><sg>\$ +\^en<pr>\$ +\^ver<vblex><inf>\+prpers<prn><enc><p1><mf><pl>\$%\1^acordar<vblex><pp><m><sg>$ ` + lowerSuperblank("to see each other") + `%g`,
		`s%(\^haber<vbhaver>[^$]*\$ +)\^quedar<vblex><pp><m><sg>\$ +\^en<pr>\$( +\^[^<$]*<vblex><inf>)%\1^acordar<vblex><pp><m><sg>$\2%g`,
	}),
	// A school's end-of-year trip, "el viaje de fin de curso" ("the trip
	// of end of course").
	only(`\^viaje<n><m><sg>\$ +\^de<pr>\$ +\^fin<n><m><sg>\$ +\^de<pr>\$ +\^curso<n><m><sg>\$`, []string{
		`s%\^viaje<n><m><sg>\$ +\^de<pr>\$ +\^fin<n><m><sg>\$ +\^de<pr>\$ +\^curso<n><m><sg>\$%` + lowerSuperblank("end-of-year trip") + `%g`,
	}),
)

// hensTellPerson is hensEnglish's "tell" a person after "don't", which
// an earlier fix writes "no digas".
var hensTellPerson = only(`\[[^]]*no digas\] +\^the<det><def><sp>\$ +\^(bride)*(groom)*(teacher)*(boss)*(kid)*(child)*(neighbour)*(landlord)*(doctor)*(police)*(other)*<n>`, []string{
	`s%(\[[^]]*no digas\])( +\^the<det><def><sp>\$ +\^(bride)*(groom)*(teacher)*(boss)*(kid)*(child)*(neighbour)*(landlord)*(doctor)*(police)*(other)*<n>)%\1 ^to<pr>$\2%g`,
})

// hensToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// "no he visto a nadie", "je n'ai vu personne" ("je n'ai pas vu à
// personne": Spanish's "a" before a person, and "pas" with "personne").
var hensToFrench = only(`\^a<pr>\$ +\^nadie<prn>`, []string{
	`s%\^a<pr>\$ +(\^nadie<prn>)%\1%g`,
})

// hensFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): "ne … personne", nobody, the pronoun ("he reconocido
// persona", a person).
var hensFrench = only(`\^ne<adv>\$ +\^[^$]*\$ +\^[^<$]*<vblex><pp>[^$]*\$ +\^personne<n><f><sg>\$`, []string{
	`s%(\^ne<adv>\$ +\^[^$]*\$ +\^[^<$]*<vblex><pp>[^$]*\$ +)\^personne<n><f><sg>\$%\1` + lowerSuperblank("a nadie") + `%g`,
})

// hensCatalan are tag fixes of eng-cat: "still lives", "encara viu"
// ("vides quietes", calm lives).
var hensCatalan = only(`\^still<adj><sint>\$ +\^life<n><pl>\$`, []string{
	`s%\^still<adj><sint>\$ +\^life<n><pl>\$%` + lowerSuperblank("encara viu") + `%g`,
})

// hensAllAre is "All has been sold" (fr-es's "todo ha sido vendido",
// "tout a été vendu") and "All have changed" ("todos han cambiado") at
// a clause's start: English says "Everything has been sold", "Everyone
// has changed".
var hensAllAre = regexp.MustCompile(`(^|[.!?]\s+)([Aa])ll (has|is|was|have|are|were)\b`)

// hensAllSingular is the verb of "everyone" for hensAllAre's plural.
var hensAllSingular = map[string]string{"have": "has", "are": "is", "were": "was"}

// hensOfHim is "the name of him" (pt-es's "el nombre de él", "o nome
// dele"): English says "his name".
var hensOfHim = regexp.MustCompile(`\bthe (\pL+) of (him|her|them)\b`)

// hensProfession is "es un médico" (eng-spa's for "he's a doctor"):
// Spanish says what one is for a living without the article.
var hensProfession = regexp.MustCompile(`(?i)\b(soy|eres|es|somos|sois|son|era|eras|éramos|eran|fue|fui) (un|una) (médic[oa]|profesor|profesora|enfermer[oa]|abogad[oa]|ingenier[oa]|arquitect[oa]|camarer[oa]|dentista|policía|bomber[oa]|estudiante|periodista|veterinari[oa]|programador|programadora|cociner[oa]|electricista|fontaner[oa]|mecánic[oa]|piloto|azafata|funcionari[oa]|peluquer[oa]|carpinter[oa]|farmacéutic[oa]|psicólog[oa]|traductor|traductora|actor|actriz|cantante|jardiner[oa])\b`)

// hensNobodySeen is es-fr's "n'ai pas vu personne" (hensToFrench): French
// says "ne … personne" without "pas".
var hensNobodySeen = regexp.MustCompile(`\b(n'|ne )(\pL+) pas (\pL+) personne\b`)

// hensToAnybody is Spanish's "a" before a person (fr-es's "a nadie",
// hensFrench) written "to": "I haven't recognised anybody".
var hensToAnybody = regexp.MustCompile(`\b(recognised|recognized|seen|met|called|told|invited|known|found|saw|recognise|recognize|see|meet|call|tell|invite|know) to (anybody|anyone|nobody|somebody|someone)\b`)

// hensStillSame is spa-eng's "continues the same" ("continúa igual",
// pt "continua igual"): English says "is still the same".
var hensStillSame = regexp.MustCompile(`\b(continues|continue) the same\b`)

// hensRewritesEnglish are the English rewrites of the rounds
// chat216-chat218.
var hensRewritesEnglish = []gatedRewrite{
	{hensStillSame, "the same", "continue", func(o string, m []int) (string, bool) {
		if o[m[2]:m[3]] == "continue" {
			return "are still the same", true
		}
		return "is still the same", true
	}},
	{hensToAnybody, " to any| to nobody| to some", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
	}},
	{hensAllAre, "ll has|ll have|ll is|ll are|ll was|ll were", "", func(o string, m []int) (string, bool) {
		verb := o[m[6]:m[7]]
		who := "everything"
		if v, ok := hensAllSingular[verb]; ok {
			who, verb = "everyone", v
		}
		if o[m[4]:m[5]] == "A" {
			who = upperFirst(who)
		}
		return o[m[2]:m[3]] + who + " " + verb, true
	}},
}

// hensPossessives are hensOfHim's pronouns as possessives.
var hensPossessives = map[string]string{"him": "his", "her": "her", "them": "their"}

// hensOfHimRewrites write hensOfHim where the source said "dele", "de
// él" (the writer's own words, not a mode's guess).
var hensOfHimRewrites = []gatedRewrite{
	{hensOfHim, " of him| of her| of them", "", func(o string, m []int) (string, bool) {
		return hensPossessives[o[m[4]:m[5]]] + " " + o[m[2]:m[3]], true
	}},
}

// saysWhose reports whether source names an owner after the thing, as
// Portuguese "dele" and Spanish "de él" do.
func saysWhose(source string) bool {
	l := strings.ToLower(source)
	return containsAny(l, "dele|dela|deles|delas|de él|de ella|de ellos|de ellas")
}

// hensRewritesSpanish are the Spanish rewrites of the rounds
// chat216-chat218.
var hensRewritesSpanish = []gatedRewrite{
	// Its words first: " un" is in most Spanish lines, a profession in
	// few.
	{hensProfession, "médic|profesor|enfermer|abogad|ingenier|arquitect|camarer|dentista|policía|bomber|estudiante|periodista|veterinari|programador|cociner|electricista|fontaner|mecánic|piloto|azafata|funcionari|peluquer|carpinter|farmacéutic|psicólog|traductor|actor|actriz|cantante|jardiner", " un| Un", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + o[m[6]:m[7]], true
	}},
}

// hensRewritesFrench are the French rewrites of the rounds
// chat216-chat218.
var hensRewritesFrench = []gatedRewrite{
	{hensNobodySeen, " personne", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + o[m[4]:m[5]] + " " + o[m[6]:m[7]] + " personne", true
	}},
}

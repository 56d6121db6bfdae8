package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// A sprained ankle, a trip to the aquarium, a surprise party (rounds
// chat240-chat242): what the modes write word by word in those messages.

// anklesDont are the commands not to tell a person, "don't tell her",
// whose pronoun englishDont leaves to the mode ("no le dice", he tells
// her): "no le digas", "no le digas nada".
var anklesDont = func() []string {
	const dont = `o<vbdo><[a-z]*>\+not<adv>\$ +`
	var subs []string
	for _, p := range []struct{ obj, es string }{
		{`p3><[mfn]*><sg>`, "no le digas"}, {`p3><[mfn]*><pl>`, "no les digas"},
		{`p1><mf><sg>`, "no me digas"}, {`p1><mf><pl>`, "no nos digas"},
	} {
		subs = slices.Concat(subs,
			sayAs("D", "d", dont+`\^tell<vblex><inf>\$ +\^prpers<prn><obj><`+p.obj+`\$ +\^[a-z]*thing<prn><[^$]*\$`, p.es+" nada", true),
			sayAs("D", "d", dont+`\^say<vblex><inf>\$ +\^[a-z]*thing<prn><[^$]*\$ +\^to<pr>\$ +\^prpers<prn><obj><`+p.obj+`\$`, p.es+" nada", true),
			sayAs("D", "d", dont+`\^tell<vblex><inf>\$ +\^prpers<prn><obj><`+p.obj+`\$`, p.es, true),
		)
	}
	return only(`\^[Dd]o<vbdo><[a-z]*>\+not<adv>\$ +\^(tell)*(say)*<vblex><inf>\$ +\^(prpers)*(anything)*(nothing)*<prn>`, subs)
}()

// anklesEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var anklesEnglish = slices.Concat(
	anklesDont,
	// A twisted ankle is one's own, "me torcí el tobillo" ("torcí mi
	// tobillo", "yo sprained mi tobillo": eng-spa lacks "sprained").
	func() []string {
		var subs []string
		for _, part := range []struct{ en, es string }{{"ankle", "el tobillo"}, {"foot", "el pie"}, {"wrist", "la muñeca"}, {"knee", "la rodilla"}} {
			for _, verb := range []string{`\^twist<vblex><past>\$`, `\^\*sprained\$`} {
				subs = append(subs, startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +`+verb+` +\^my<det><pos><sp>\$ +\^`+part.en+`<n><sg>\$`, "me torcí "+part.es)...)
			}
		}
		return only(`\^(twist<vblex><past>)*(\*sprained)*\$ +\^my<det><pos><sp>\$`, subs)
	}(),
	// Jellyfish, which eng-spa reads as one ("la medusa era bella"):
	// many where "were" follows.
	only(`\^jellyfish<n><sg>\$ +\^be<vbser><past>\$`, []string{
		`s%\^jellyfish<n><sg>\$ +\^be<vbser><past>\$%^jellyfish<n><pl>$ ^be<vbser><past>$%g`,
	}),
	// "had no idea", "no tenía ni idea" ("no tuvo ninguna idea").
	only(`\^have<vblex><past>\$ +\^no<det><ind><sp>\$ +\^idea<n><sg>\$`, []string{
		`s%\^prpers<prn><subj><p[13]><[mfn]*><sg>\$ +\^have<vblex><past>\$ +\^no<det><ind><sp>\$ +\^idea<n><sg>\$%` + lowerSuperblank("no tenía ni idea") + `%g`,
	}),
	// A place packed with people, "estaba lleno de" ("estuvo empaquetado
	// con").
	only(`\^be<vbser><past><p3><sg>\$ +\^pack<vblex><pp>\$ +\^with<pr>\$`, []string{
		`s%(\^prpers<prn><subj><p3><nt><sg>\$ +)?\^be<vbser><past><p3><sg>\$ +\^pack<vblex><pp>\$ +\^with<pr>\$%` + lowerSuperblank("estaba lleno de") + `%g`,
	}),
	// "she almost cried", the past ("casi llorado": the tagger reads
	// the participle; "I've almost finished" stays).
	only(`\^almost<adv>\$ +\^[^<$]*<vblex><pp>\$`, []string{
		`s%(\^prpers<prn><subj>[^$+]*\$ +\^almost<adv>\$ +\^[^<$]*<vblex>)<pp>\$%\1<past>$%g`,
	}),
	// Surprised, the participle after "was" ("era realmente
	// sorprendió": the tagger reads the past).
	only(`\^be<vbser><past><p3><sg>\$ +(\^really<adv>\$ +)?\^surprise<vblex><past>\$`, []string{
		`s%\^prpers<prn><subj><p3><f><sg>\$ +\^be<vbser><past><p3><sg>\$ +(\^really<adv>\$ +)?\^surprise<vblex><past>\$%` + lowerSuperblank("estaba muy sorprendida") + `%g`,
		`s%(\^prpers<prn><subj><p3><m><sg>\$ +)?\^be<vbser><past><p3><sg>\$ +(\^really<adv>\$ +)?\^surprise<vblex><past>\$%` + lowerSuperblank("estaba muy sorprendido") + `%g`,
	}),
	// Hiding, the verb after "have to" ("tiene que escondrijo").
	only(`\^have<vbmod><[^$]*# to\$ +\^hide<n><sg>\$`, []string{
		`s%(\^have<vbmod><[^$]*# to\$ +)\^hide<n><sg>\$%\1` + lowerSuperblank("esconderse") + `%g`,
	}),
	// A surprise party, "una fiesta sorpresa" ("una fiesta de
	// sorpresa"), thrown, "organizar" ("echar").
	only(`\^surprise<n><sg>\$ +\^party<n><(sg)*(pl)*>\$`, []string{
		`s%\^throw(<vblex>[^$]*\$ +\^a<det><ind><sg>\$ +\^surprise<n><sg>\$)%^organise\1%g`,
		`s%\^a<det><ind><sg>\$ +\^surprise<n><sg>\$ +\^party<n><sg>\$%` + lowerSuperblank("una fiesta sorpresa") + `%g`,
		`s%\^surprise<n><sg>\$ +\^party<n><sg>\$%` + lowerSuperblank("fiesta sorpresa") + `%g`,
	}),
	// Not wanting to leave, "irse" ("dejar", to leave a thing).
	only(`\^want<vbmod><[^$]*# to\$ +\^leave<vblex><inf>\$ *\^[.!]<sent>`, []string{
		`s%(\^want<vbmod><[^$]*# to\$ +)\^leave<vblex><inf>\$( *\^[.!]<sent>)%\1` + lowerSuperblank("irse") + `\2%g`,
	}),
)

// anklesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var anklesSpanish = slices.Concat(
	// Walking, "camino" where a line starts with it or after "cuando"
	// ("path with crutches": the tagger reads the noun).
	only(`\^camino<n><m><sg>\$ +\^(con)*(por)*(mucho)*(poco)*(despacio)*<`, []string{
		`s%^(( *\[[^]]*\])* *)\^camino<n><m><sg>\$( +\^(con)*(por)*(mucho)*(poco)*(despacio)*<)%\1^caminar<vblex><pri><p1><sg>$\3%`,
	}),
	readCaminoAfterCuando,
	// A bandaged foot, "tengo el pie vendado" ("I have the foot
	// vendado"): my foot is bandaged.
	only(`\^\*vendad[oa]\$`, []string{
		`s%\^tener<vblex><pri><p1><sg>\$ +\^el<det><def><[mf]><sg>\$ +(\^[^<$]*<n><[mf]><sg>\$) +\^\*vendad[oa]\$%` + lowerSuperblank("my") + ` \1 ` + lowerSuperblank("is bandaged") + `%g`,
		`s%\^\*vendad[oa]\$%` + lowerSuperblank("bandaged") + `%g`,
	}),
	// A cuddly toy, "de peluche" ("of peluche"): a stuffed shark.
	only(`\^de<pr>\$ +\^\*peluche\$`, []string{
		`s%(\^[^<$]*<n><[mf]><[sp][gl]>\$) +\^de<pr>\$ +\^\*peluche\$%` + lowerSuperblank("stuffed") + ` \1%g`,
	}),
	// "no se lo digas a nadie", don't tell anyone ("no say it to him to
	// anybody").
	only(`\^decir<vblex><prs><p2><sg>\$ +\^a<pr>\$ +\^nadie<prn>`, startCapital(
		`\^no<adv>\$ +\^prpers<prn><pro><p3><mf><sp>\+prpers<prn><pro><p3><m><sg>\$ +\^decir<vblex><prs><p2><sg>\$ +\^a<pr>\$ +\^nadie<prn><[^$]*\$`, "don't tell anyone")),
	// "nadie le dijo nada", nobody told her anything ("anybody said him
	// at all").
	only(`\^nadie<prn><[^$]*\$ +\^prpers<prn><pro><p[13]><mf><sg>\$ +\^decir<vblex><ifi><p3><sg>\$ +\^nada<`, slices.Concat(
		startCapital(`\^nadie<prn><[^$]*\$ +\^prpers<prn><pro><p3><mf><sg>\$ +\^decir<vblex><ifi><p3><sg>\$ +\^nada<[^$]*\$`, "nobody told them anything"),
		startCapital(`\^nadie<prn><[^$]*\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^decir<vblex><ifi><p3><sg>\$ +\^nada<[^$]*\$`, "nobody told me anything"),
	)),
	// Lights turned off, "apagad las luces" ("turn the lights").
	only(`\^apagar<vblex><imp><p2><pl>\$`, startCapital(`\^apagar<vblex><imp><p2><pl>\$`, "turn off")),
	// Balloons, "los globos" ("the globes").
	only(`\^globo<n><m><(sg)*(pl)*>\$`, []string{
		`/\^terráqueo<adj>/!s%\^globo<n><m><pl>\$%` + lowerSuperblank("balloons") + `%g`,
	}),
	// "me he hecho un esguince", I've sprained my ankle ("I've done me
	// a sprain").
	only(`\^hacer<vblex><pp><m><sg>\$ +\^uno<det><ind><m><sg>\$ +\^esguince<n><m><sg>\$`, startCapital(
		`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^hacer<vblex><pp><m><sg>\$ +\^uno<det><ind><m><sg>\$ +\^esguince<n><m><sg>\$`, "I've sprained my ankle")),
	lacked("pádel", "padel"),
	// "nos pasamos tres horas", we spent three hours ("we spend us").
	only(`\^prpers<prn><pro><p1><mf><pl>\$ +\^pasar<vblex><pri><p1><pl>\$ +\^[^<$]*<num>`, startCapital(
		`\^prpers<prn><pro><p1><mf><pl>\$ +\^pasar<vblex><pri><p1><pl>\$`, "we spent")),
	// "de muchos colores", all sorts of colours ("of a lot of colours").
	only(`\^de<pr>\$ +\^mucho<det><qnt><m><pl>\$ +\^color<n><m><pl>\$`, []string{
		`s%\^de<pr>\$ +\^mucho<det><qnt><m><pl>\$ +\^color<n><m><pl>\$%` + lowerSuperblank("all sorts of colours") + `%g`,
	}),
	// "en la oscuridad", in the dark ("in the darkness").
	only(`\^en<pr>\$ +\^el<det><def><f><sg>\$ +\^oscuridad<n><f><sg>\$`, []string{
		`s%\^en<pr>\$ +\^el<det><def><f><sg>\$ +\^oscuridad<n><f><sg>\$%` + lowerSuperblank("in the dark") + `%g`,
	}),
	// A starfish, "una estrella de mar" ("a star of mar": the tagger
	// joins the full stop to "mar").
	only(`\^estrella<n><f><(sg)*(pl)*>\$ +\^de<pr>\$ +\^mar`, []string{
		`s%\^estrella<n><f><sg>\$ +\^de<pr>\$ +\^mar\.?<n><m><sg>\$%` + lowerSuperblank("starfish") + `%g`,
		`s%\^estrella<n><f><pl>\$ +\^de<pr>\$ +\^mar\.?<n><m><sg>\$%` + lowerSuperblank("starfish") + `%g`,
	}),
)

// readCaminoAfterCuando reads "cuando camino" as walking (spa-eng and
// es-fr: "when path", "lorsque marche").
var readCaminoAfterCuando = only(`\^cuando<cnjadv>\$ +\^camino<n><m><sg>\$`, []string{
	`s%(\^cuando<cnjadv>\$ +)\^camino<n><m><sg>\$%\1^caminar<vblex><pri><p1><sg>$%g`,
})

// anklesToFrench are tag fixes of es-fr (and of en→fr, through its
// Spanish).
var anklesToFrench = slices.Concat(
	readCaminoAfterCuando,
	// Hurting, which es-fr lacks, where a line starts with it ("*duele
	// cuando camino"): "ça fait mal" ("me duele" is iDidToMine's).
	only(`\^\*[Dd]uele\$`, []string{
		`s%^(( *\[[^]]*\])* *)\^\*[Dd]uele\$%\1` + lowerSuperblank("Ça fait mal") + `%`,
	}),
	// The subject es-fr leaves out after "cuando" ("cuando camino",
	// "lorsque marche"): "quand je marche" (after a superblank the
	// mode writes it).
	only(`\^cuando<cnjadv>\$ +\^[^<$]*<vblex><pri><p1><sg>\$`, []string{
		`s%\^cuando<cnjadv>\$ +(\^[^<$]*<vblex><pri><p1><sg>\$)%` + lowerSuperblank("quand") + ` \1%g`,
	}),
	// "no le digas nada", "ne lui dis rien" ("tu ne lui dises il pas
	// nage").
	only(`\^decir<vblex><prs><p2><sg>\$ +\^nada[r]*<`, slices.Concat(
		startCapital(`\^[Nn]o<adv>\$ +\^le<prn><pro><p3><mf><sg>\$ +\^decir<vblex><prs><p2><sg>\$ +\^nada[r]*<[^$]*\$`, "ne lui dis rien"),
		startCapital(`\^[Nn]o<adv>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^decir<vblex><prs><p2><sg>\$ +\^nada[r]*<[^$]*\$`, "ne me dis rien"),
	)),
)

// anklesFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish).
var anklesFrench = slices.Concat(
	// "elle ne se doute de rien", "no sospecha nada" ("no duda de nada").
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^douter<vblex><pri><p3><sg>\$ +\^de<pr>\$ +\^rien<prn>`, []string{
		`s%\^ne<adv>\$ +\^se<prn><pro><ref><p3><mf><sp>\$ +\^douter<vblex><pri><p3><sg>\$ +\^de<pr>\$ +\^rien<prn><[^$]*\$%` + lowerSuperblank("no sospecha nada") + `%g`,
	}),
	// Dolphins and a bandage, which fr-es lacks.
	only(`\^un<det><ind><m><sg>\$ +\^\*bandage\$`, []string{`s%\^un<det><ind><m><sg>\$ +\^\*bandage\$%` + lowerSuperblank("una venda") + `%g`}),
	only(`\^de<pr>\+le<det><def><mf><pl>\$ +\^\*dauphins\$`, []string{`s%\^de<pr>\+le<det><def><mf><pl>\$ +\^\*dauphins\$%` + lowerSuperblank("delfines") + `%g`}),
	lacked("dauphins", "delfines", "dauphin", "delfín", "bandage", "venda"),
)

// anklesPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): a shark, "tubarão", which pt-es lacks.
var anklesPortuguese = lacked("tubarão", "tiburón", "tubarões", "tiburones")

// anklesToPortuguese are tag fixes of es-pt: an aquarium, which es-pt
// lacks ("o acuario").
var anklesToPortuguese = lacked("acuario", "aquário", "acuarios", "aquários")

// anklesCatalan are tag fixes of eng-cat: swollen and scary, which it
// lacks ("és swollen", "eren scary").
var anklesCatalan = slices.Concat(
	only(`\^\*scary\$`, []string{
		`s%(<n><pl>\$ +)\^be<vbser><past>[^$]*\$ +\^\*scary\$%\1` + lowerSuperblank("feien por") + `%g`,
		`s%\^be<vbser><past>[^$]*\$ +\^\*scary\$%` + lowerSuperblank("feia por") + `%g`,
	}),
	only(`\^\*swollen\$`, []string{
		`s%\^be<vbser><pres>[^$]*\$ +\^\*swollen\$%` + lowerSuperblank("està inflat") + `%g`,
	}),
	lacked("swollen", "inflat", "scary", "que fa por"),
)

// anklesGoAway is es-fr's "s'aller" ("irse"): French goes "s'en aller".
var anklesGoAway = regexp.MustCompile(`\b([mts])'aller\b`)

// anklesRewritesFrench are the French rewrites of the rounds
// chat240-chat242.
var anklesRewritesFrench = []gatedRewrite{
	{anklesGoAway, "'aller", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "'en aller", true
	}},
	{anklesNoIdea, "pas ni idée", "", func(o string, m []int) (string, bool) {
		return "aucune idée", true
	}},
	{anklesRest, "reposer", "", func(o string, m []int) (string, bool) {
		me := map[string]string{"je": "me", "j'": "me", "tu": "te", "nous": "nous", "vous": "vous"}[strings.TrimSpace(lowerFirst(o[m[4]:m[5]]))]
		if me == "" {
			me = "se"
		}
		return o[m[2]:m[3]] + me + " reposer", true
	}},
}

// anklesNoIdea is es-fr's "n'avait pas ni idée" ("no tenía ni idea").
var anklesNoIdea = regexp.MustCompile(`\bpas ni idée\b`)

// anklesRest is es-fr's "reposer" without its pronoun after a verb of
// the person resting ("necesito descansar", "j'ai besoin de reposer").
var anklesRest = regexp.MustCompile(`\b((?i:(je |j'|tu |il |elle |on |nous |vous |ils |elles ))(?:dois|doit|devons|devez|doivent|veux|veut|vais|va|peux|peut|ai besoin de|as besoin de|a besoin de|voudrais) )reposer\b`)

// anklesBodyPart is spa-eng's "the" before one's own body part after
// what one did to it ("torci o pé", "I twisted the foot").
var anklesBodyPart = regexp.MustCompile(`\b(I|I've) (twisted|broke|broken|hurt|cut|burnt|burned|sprained) the (foot|ankle|arm|leg|knee|wrist|hand|finger|back|neck|shoulder)\b`)

// anklesRewritesEnglish are the English rewrites of the rounds
// chat240-chat242.
var anklesRewritesEnglish = []gatedRewrite{
	{anklesBodyPart, " the ", "I", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + o[m[4]:m[5]] + " my " + o[m[6]:m[7]], true
	}},
	{anklesDescend, "to descend", "", func(o string, m []int) (string, bool) {
		return "going down the", true
	}},
	{anklesRemainHome, "remain home", "", func(o string, m []int) (string, bool) {
		return "stay at home", true
	}},
	{anklesNotAtAll, " at all", "not |n't ", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " anything", true
	}},
	{anklesHideYou, "ide you,", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + ",", true
	}},
}

// anklesNotAtAll is spa-eng's "nada" after a verb that takes a thing
// ("no sospecha nada", "she does not suspect at all"): nothing of it,
// "anything".
var anklesNotAtAll = regexp.MustCompile(`\b((?:does not|doesn't|do not|don't|did not|didn't) (?:suspect|know|say|see|hear|understand|remember|notice|buy|eat|need)) at all\b`)

// anklesHideYou is spa-eng's "hide you" ("escondeos", French "cachez-
// vous"): English hides with no pronoun.
var anklesHideYou = regexp.MustCompile(`\b([Hh]ide) you,`)

// anklesDescend is spa-eng's "to descend the stairs" ("a descer as
// escadas", "al bajar"): going down them.
var anklesDescend = regexp.MustCompile(`\bto descend the\b`)

// anklesRemainHome is spa-eng's "remain home" ("ficar em casa").
var anklesRemainHome = regexp.MustCompile(`\bremain home\b`)

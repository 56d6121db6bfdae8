package apertium

import "slices"

// Retirement, surfing, a cooking class (rounds chat155-chat157): what
// the modes write word by word in those messages.

// retirementSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var retirementSpanish = slices.Concat(
	// Retiring, "jubilarse", which spa-eng lacks ("my father jubila";
	// French "prendre sa retraite" and Portuguese "reformar-se" come to it
	// through Spanish); the reflexive goes with it.
	only(`\^\*[Jj]ubil`, func() []string {
		subs := []string{
			`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^\*jubilé\$%` + lowerSuperblank("I retired") + `%g`,
			`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^\*jubilaré\$%` + lowerSuperblank("I'll retire") + `%g`,
			`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^\*jubilo\$%` + lowerSuperblank("I retire") + `%g`,
		}
		for _, f := range [][2]string{
			{"jubila", "retires"}, {"jubilan", "retire"}, {"jubiló", "retired"}, {"jubilaron", "retired"},
			{"jubilará", "will retire"}, {"jubilarán", "will retire"}, {"jubilado", "retired"}, {"jubilada", "retired"},
			{"jubilados", "retired"}, {"jubiladas", "retired"}, {"jubilarse", "retire"}, {"jubilarme", "retire"},
			{"jubilarte", "retire"}, {"jubilar", "retire"},
		} {
			subs = append(subs, `s%(\^(se)*(prpers)*<prn><pro>[^$]*\$ +)*\^\*`+f[0]+`\$%`+superblank(f[1])+`%g`)
		}
		return subs
	}()),
	// A thing "rico" to eat ("the soup is very rich") is in senses;
	// "todo el rato" likewise. Playing a game, "jugar a" one: "play
	// football" ("plays to the football"), "juego al" where a clause
	// starts read as the noun ("game to the football").
	only(`\^(juego<n>)*(jugar<vblex>)*[^$]*\$ +\^a<pr>(\$ +\^)*\+*el<det><def>`, []string{
		`s%(^(\[[^]]*\] *)*)\^juego<n><m><sg>\$ +\^a<pr>(\$ +\^)*\+*el<det><def>[^$]*\$%\1` + lowerSuperblank("I play") + `%`,
		`s%(<sent>\$ +)\^juego<n><m><sg>\$ +\^a<pr>(\$ +\^)*\+*el<det><def>[^$]*\$%\1` + lowerSuperblank("I play") + `%g`,
		`s%(\^jugar<vblex>[^$]*\$) +\^a<pr>(\$ +\^)*\+*el<det><def>[^$]*\$%\1%g`,
	}),
	// Missing a person, "echar de menos a" one ("we'll miss to Juan").
	only(`\^echar<vblex>[^$]*# de menos\$ +\^a<pr>\$`, []string{
		`s%(\^echar<vblex>[^$]*# de menos\$) +\^a<pr>\$%\1%g`,
	}),
	// Having a lot of (free) time, "mucho tiempo (libre)" ("has long
	// free").
	only(`\^tener<vblex>[^$]*\$ +\^mucho tiempo<adv>\$`, []string{
		`s%(\^tener<vblex>[^$]*\$) +\^mucho tiempo<adv>\$ +\^libre<adj><mf><sg>\$%\1 ` + superblank("a lot of free time") + `%g`,
		`s%(\^tener<vblex>[^$]*\$) +\^mucho tiempo<adv>\$%\1 ` + superblank("a lot of time") + `%g`,
	}),
)

// retirementFrenchToSpanish are tag fixes of fr-es (and of fr→en,
// through its Spanish): retiring, "prendre sa retraite" and "partir à la
// retraite", "jubilarse" ("toma su retiro", "marcha al retiro"), and
// being retired, "être à la retraite", "estar jubilado" ("es al
// retiro").
var retirementFrenchToSpanish = only(`\^retraite<n><f><sg>\$`, func() []string {
	const took, left = `\$ +\^[a-z]+<det><pos>[^$]*\$ +\^retraite<n><f><sg>\$`, `\$ +\^à<pr>\$ +\^le<det><def><f><sg>\$ +\^retraite<n><f><sg>\$`
	var subs []string
	for _, t := range [][2]string{
		{"<pri><p3><sg>", "se jubila"}, {"<pri><p1><sg>", "me jubilo"}, {"<pri><p3><pl>", "se jubilan"},
		{"<pri><p1><pl>", "nos jubilamos"}, {"<fti><p3><sg>", "se jubilará"}, {"<fti><p1><sg>", "me jubilaré"},
		{"<inf>", "jubilarse"},
	} {
		subs = append(subs,
			`s%\^prendre<vblex>`+t[0]+took+`%`+superblank(t[1])+`%g`,
			`s%\^partir<vblex>`+t[0]+left+`%`+superblank(t[1])+`%g`)
	}
	for _, t := range [][2]string{{"<p3><sg>", "se ha jubilado"}, {"<p1><sg>", "me he jubilado"}, {"<p3><pl>", "se han jubilado"}} {
		subs = append(subs,
			`s%\^avoir<vbhaver><pri>`+t[0]+`\$ +\^prendre<vblex><pp>[^$]*`+took+`%`+superblank(t[1])+`%g`,
			`s%\^être<vbser><pri>`+t[0]+`\$ +\^partir<vblex><pp>[^$]*`+left+`%`+superblank(t[1])+`%g`)
	}
	for _, t := range [][2]string{
		{"<pri><p3><sg>", "está jubilado"}, {"<pri><p1><sg>", "estoy jubilado"}, {"<pri><p3><pl>", "están jubilados"},
		{"<pri><p1><pl>", "estamos jubilados"}, {"<pii><p3><sg>", "estaba jubilado"},
	} {
		subs = append(subs, `s%\^être<vbser>`+t[0]+`\$ +\^à<pr>\$ +\^le<det><def><f><sg>\$ +\^retraite<n><f><sg>\$%`+superblank(t[1])+`%g`)
	}
	return subs
}())

// retirementPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): retiring, "reformar-se", "jubilarse" ("se reformó"), and
// retired, "reformado", "jubilado" ("está reformado").
var retirementPortuguese = only(`\^reformar<vblex>`, []string{
	`s%\^reformar<vblex><ifi><p3><sg>\+se<prn>[^$]*\$%` + superblank("se jubiló") + `%g`,
	`s%\^reformar<vblex><ifi><p1><sg>\+me<prn>[^$]*\$%` + superblank("me jubilé") + `%g`,
	`s%\^reformar<vblex><inf>\+se<prn>[^$]*\$%` + superblank("jubilarse") + `%g`,
	`s%(\^(estar)*(ser)*<[a-z]+><[a-z]+><p[13]><[sp][gl]>\$ +)\^reformar<vblex><pp><m><sg>\$%\1` + superblank("jubilado") + `%g`,
	`s%(\^(estar)*(ser)*<[a-z]+><[a-z]+><p[13]><[sp][gl]>\$ +)\^reformar<vblex><pp><f><sg>\$%\1` + superblank("jubilada") + `%g`,
	`s%(\^(estar)*(ser)*<[a-z]+><[a-z]+><p[13]><[sp][gl]>\$ +)\^reformar<vblex><pp><m><pl>\$%\1` + superblank("jubilados") + `%g`,
	`s%(\^(estar)*(ser)*<[a-z]+><[a-z]+><p[13]><[sp][gl]>\$ +)\^reformar<vblex><pp><f><pl>\$%\1` + superblank("jubiladas") + `%g`,
})

// retirementEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var retirementEnglish = slices.Concat(
	// Loving doing a thing, "me encanta" and the infinitive ("I love
	// cooking", "Quiero cocinar": want).
	only(`\^love<vblex><(pres)*(pri><p3><sg)*>\$ +\^[a-z]+<vblex><ger>`, func() []string {
		var subs []string
		for _, p := range [][3]string{
			{`<p1><mf><sg>`, `<pres>`, "me encanta"}, {`<p1><mf><pl>`, `<pres>`, "nos encanta"},
			{`<p2><mf><sp>`, `<pres>`, "te encanta"}, {`<p3><[mf]><sg>`, `<pri><p3><sg>`, "le encanta"},
			{`<p3><mf><pl>`, `<pres>`, "les encanta"},
		} {
			for _, c := range []string{"P", "p"} {
				text := p[2]
				if c == "P" {
					text = upperFirst(text)
				}
				subs = append(subs, `s%\^`+c+`rpers<prn><subj>`+p[0]+`\$ +\^love<vblex>`+p[1]+`\$ +\^([a-z]+<vblex>)<ger>\$%`+lowerSuperblank(text)+` ^\1<inf>$%g`)
			}
		}
		return subs
	}()),
	// Learning how to, "aprender a" ("Aprendí cómo hacer pan").
	only(`\^learn<vblex>[^$]*\$ +\^how<adv><itg>\$ +\^to<pr>\$`, []string{
		`s%(\^learn<vblex>[^$]*\$) +\^how<adv><itg>\$ +(\^to<pr>\$)%\1 \2%g`,
	}),
	// Chopping, "cortar" ("tienes que chuleta las cebollas", the noun).
	only(`\^[Cc]hop<n><sg>\$ +\^[a-z]+<det>`, []string{
		`s%(<vbmod>[^$]*\$ +)\^chop<n><sg>\$( +\^[a-z]+<det>)%\1^cut<vblex><inf>$\2%g`,
		`s%(^(\[[^]]*\] *)*)\^([Cc])hop<n><sg>\$( +\^[a-z]+<det>)%\1^\3ut<vblex><pres>$\4%`,
		`s%(<sent>\$ +)\^([Cc])hop<n><sg>\$( +\^[a-z]+<det>)%\1^\2ut<vblex><pres>$\3%g`,
	}),
	// Surfing, which eng-spa lacks: "going surfing", "a surfear" ("yendo
	// surfing"); at dawn, "al amanecer" ("en alborear").
	only(`\^\*surfing\$`, []string{
		`s%\^be<vbser><pr[ei]s*>(<p[123]><[sp][gl]>)*\$ +\^go<vblex><ger>\$ +\^\*surfing\$%^go<vblex><pres>$ ^to<pr>$ ` + superblank("surfear") + `%g`,
		`s%(\^go<vblex>[^$]*\$) +\^\*surfing\$%\1 ^to<pr>$ ` + superblank("surfear") + `%g`,
		`s%\^\*surfing\$%` + superblank("surfear") + `%g`,
	}),
	only(`\^at<pr>\$ +\^dawn<`, []string{`s%\^at<pr>\$ +\^dawn<[^$]*\$%` + superblank("al amanecer") + `%g`}),
)

// retirementToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): retiring, "prendre sa retraite" ("se retraite"), retired, "à
// la retraite"; learning to do, "apprendre à" ("appris pour faire";
// eng-spa's "aprendí para hacer" on its way to French).
var retirementToFrench = slices.Concat(
	only(`\^jubilar<vblex>`, []string{
		`s%^(( *\[[^]]*\])* *)\^[Ss]e<prn><pro><ref>[^$]*\$ +\^jubilar<vblex><pri><p3><sg>\$%\1` + lowerSuperblank("il prend sa retraite") + `%`,
		`s%(\^se<prn><pro><ref>[^$]*\$ +)*\^jubilar<vblex><pri><p3><sg>\$%` + lowerSuperblank("prend sa retraite") + `%g`,
		`s%(\^se<prn><pro><ref>[^$]*\$ +)*\^jubilar<vblex><pri><p3><pl>\$%` + superblank("prennent leur retraite") + `%g`,
		`s%(\^se<prn><pro><ref>[^$]*\$ +)*\^jubilar<vblex><ifi><p3><sg>\$%` + superblank("a pris sa retraite") + `%g`,
		`s%(\^se<prn><pro><ref>[^$]*\$ +)*\^jubilar<vblex><fti><p3><sg>\$%` + superblank("prendra sa retraite") + `%g`,
		`s%\^jubilar<vblex><inf>(\+se<prn>[^$]*)*\$%` + superblank("prendre sa retraite") + `%g`,
		`s%(\^estar<vblex>[^$]*\$ +)\^jubilar<vblex><pp>[^$]*\$%\1` + superblank("à la retraite") + `%g`,
	}),
	only(`\^[Aa]prender<vblex>[^$]*\$ +\^(a)*(para)*<pr>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%(\^[Aa]prender<vblex>[^$]*\$) +\^(a)*(para)*<pr>\$( +\^[^<$]*<vblex><inf>)%\1 ` + superblank("à") + `\4%g`,
	}),
)

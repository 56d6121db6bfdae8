package apertium

import (
	"regexp"
	"slices"
)

// A cancelled flight home, learning the guitar, a wasps' nest (rounds
// chat228-chat230): what the modes write word by word in those messages.

// waspsEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var waspsEnglish = slices.Concat(
	// "a wasps' nest", "un nido de avispas" ("unas avispas' nido").
	only(`\^wasp<n><pl>\$\^'<apos>\$ +\^nest<n><sg>\$`, []string{
		`s%(\^a<det><ind><sg>\$ +)*\^wasp<n><pl>\$\^'<apos>\$ +\^nest<n><sg>\$%` + lowerSuperblank("un nido de avispas") + `%g`,
	}),
	// Stung by a bee, "una abeja me picó" ("me picaron por una abeja";
	// ferries.go's round), before the stings below.
	only(`\^\*stung\$ +\^by<pr>\$ +\^a<det><ind><sg>\$ +\^(bee)*(wasp)*<n><sg>\$`, slices.Concat(
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^(get<vblex><past>)*(be<vbser><past><p3><sg>)*\$ +\^\*stung\$ +\^by<pr>\$ +\^a<det><ind><sg>\$ +\^bee<n><sg>\$`, "una abeja me picó"),
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^(get<vblex><past>)*(be<vbser><past><p3><sg>)*\$ +\^\*stung\$ +\^by<pr>\$ +\^a<det><ind><sg>\$ +\^wasp<n><sg>\$`, "una avispa me picó"),
	)),
	// "I got stung", "me picaron" ("Cogía stung").
	only(`\^get<vblex><past>\$ +\^\*stung\$`, slices.Concat(
		startCapital(`\^prpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^\*stung\$`, "me picaron"),
		[]string{`s%\^get<vblex><past>\$ +\^\*stung\$%` + lowerSuperblank("le picaron") + `%g`},
	)),
	// "my flight home", "mi vuelo de vuelta" ("mi casa de vuelo").
	only(`\^flight<n><sg>\$ +\^home<n><sg>\$`, []string{
		`s%\^flight<n><sg>\$ +\^home<n><sg>\$%` + lowerSuperblank("vuelo de vuelta") + `%g`,
	}),
	// "let my boss know", "avisar a mi jefe" ("dejar mi jefe sabe").
	only(`\^let<vblex><[a-z]*>\$ +\^[a-z]*<det><pos><sp>\$ +\^[^<$]*<n><sg>\$ +\^know<vblex>`, []string{
		`s%\^let<vblex><[a-z]*>\$( +\^[a-z]*<det><pos><sp>\$ +\^[^<$]*<n><sg>\$) +\^know<vblex><[a-z]*>\$%` + lowerSuperblank("avisar a") + `\1%g`,
	}),
	// Queuing, which eng-spa lacks, "haciendo cola".
	lacked("queu(e)*ing", "haciendo cola", "queued", "hice cola"),
)

// waspsSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var waspsSpanish = slices.Concat(
	// "me da pánico", I'm terrified ("it gives me panic"), as milestones.go
	// writes "me da miedo".
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^pánico<n><m><sg>\$`,
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^dar<vblex><pri><p3><sg>\$ +\^pánico<n><m><sg>\$`, "I'm terrified", false)),
	// "se me ha roto una cuerda", I've broken a string ("it's broken me a
	// rope"; with "el", happenedToMine writes "my … has broken").
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^romper<vblex><pp><[mf]><sg>\$ +\^uno<det>`,
		startCapital(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^romper<vblex><pp><[mf]><sg>\$`, "I've broken")),
	// Out of tune, "desafinada" (fr-es's for "désaccordée", waspsFrench),
	// which spa-eng lacks.
	lacked("desafinad[oa]s*", "out of tune"),
)

// waspsFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish): "on nous a donné", "nos han dado" ("se nosotros ha dado");
// out of tune, "désaccordée", which fr-es lacks (the line was served
// untranslated).
var waspsFrench = slices.Concat(
	only(`\^on<prn><pro><ref><p3><mf><sp>\$ +\^nous<prn><tn><p1><mf><pl>\$ +\^avoir<vbhaver><pri><p3><sg>\$`, startCapital(`\^on<prn><pro><ref><p3><mf><sp>\$ +\^nous<prn><tn><p1><mf><pl>\$ +\^avoir<vbhaver><pri><p3><sg>\$`, "nos han")),
	lacked("désaccordée", "desafinada", "désaccordé", "desafinado"),
)

// waspsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): wasps, "vespas", which pt-es lacks; stuck, "estar preso",
// "ficar preso" ("prendido").
var waspsPortuguese = slices.Concat(
	lacked("vespa", "avispa", "vespas", "avispas"),
	only(`\^(estar)*(ficar)*<vblex><[a-z]*>[^$]*\$ +\^prender<vblex><pp><[mf]><[sp][gl]>\$`, func() []string {
		var subs []string
		for _, f := range [][2]string{{"m><sg", "atrapado"}, {"f><sg", "atrapada"}, {"m><pl", "atrapados"}, {"f><pl", "atrapadas"}} {
			subs = append(subs, `s%(\^(estar)*(ficar)*<vblex><[a-z]*>[^$]*\$ +)\^prender<vblex><pp><`+f[0]+`>\$%\1`+lowerSuperblank(f[1])+`%g`)
		}
		return subs
	}()),
)

// waspsToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// scores, "partituras", which es-fr lacks.
var waspsToFrench = lacked("partitura", "partition", "partituras", "des partitions")

// waspsToPortuguese are tag fixes of es-pt (and of en→pt, through
// Spanish): wasps, "avispas", which es-pt lacks.
var waspsToPortuguese = lacked("avispa", "vespa", "avispas", "vespas")

// waspsOfThem is es-fr's "d'ils" ("de ellos", of them): French says
// "d'entre eux".
var waspsOfThem = regexp.MustCompile(`\bd'(ils|elles)\b`)

// waspsRewritesFrench are the French rewrites of the rounds
// chat228-chat230.
var waspsRewritesFrench = []gatedRewrite{
	{waspsOfThem, "d'ils|d'elles", "", func(o string, m []int) (string, bool) {
		if o[m[2]:m[3]] == "elles" {
			return "d'entre elles", true
		}
		return "d'entre eux", true
	}},
}

package apertium

import (
	"regexp"
	"slices"
)

// Fishing and boats, the theatre, crafts (rounds chat128-chat130): what
// the modes write word by word in those messages.

// hobbiesEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var hobbiesEnglish = slices.Concat(
	// Fishing: seasick, "me mareé" ("Cogía seasick"), a rough sea, "el
	// mar estaba muy revuelto" ("era muy áspero"), going fishing, "ir a
	// pescar" ("he estado nunca pescando", "me tomó pescar": taken
	// fishing, "me llevó a pescar").
	only(`\^\*seasick\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^\*seasick\$`, "me mareé", false),
		sayAs("P", "p", `rpers<prn><subj><p1><mf><pl>\$ +\^get<vblex><past>\$ +\^\*seasick\$`, "nos mareamos", false),
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><pres>\$ +\^\*seasick\$`, "me mareo", false),
		// Feeling it, "estoy mareado"; half the passengers, "la mitad de
		// los pasajeros estaban mareados" (ferries.go's round).
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^(feel<vblex><pres>)*(be<vbser><pri><p1><sg>)*\$ +\^\*seasick\$`, "estoy mareado", false),
		startCapital(`\^half<adv>\$ +\^the<det><def><sp>\$ +\^passenger<n><pl>\$ +\^be<vbser><past>\$ +\^\*seasick\$`, "la mitad de los pasajeros estaban mareados"),
		[]string{`s%\^\*seasick\$%` + superblank("mareado") + `%g`},
	)),
	only(`\^sea<n><sg>\$ +\^be<vbser><[a-z]+><p3><sg>\$ +(\^[a-z]+<preadv>\$ +)*\^rough<adj>`, []string{
		`s%(\^sea<n><sg>\$) +\^be<vbser><past><p3><sg>\$ +\^[a-z]+<preadv>\$ +\^rough<adj>[^$]*\$%\1 ` + superblank("estaba muy revuelto") + `%g`,
		`s%(\^sea<n><sg>\$) +\^be<vbser><past><p3><sg>\$ +\^rough<adj>[^$]*\$%\1 ` + superblank("estaba revuelto") + `%g`,
		`s%(\^sea<n><sg>\$) +\^be<vbser><pri><p3><sg>\$ +\^[a-z]+<preadv>\$ +\^rough<adj>[^$]*\$%\1 ` + superblank("está muy revuelto") + `%g`,
		`s%(\^sea<n><sg>\$) +\^be<vbser><pri><p3><sg>\$ +\^rough<adj>[^$]*\$%\1 ` + superblank("está revuelto") + `%g`,
	}),
	only(`\^fish<vblex><ger>\$`, []string{
		`s%\^be<vbser><pp>\$ +\^fish<vblex><ger>\$%^go<vblex><pp>$ ` + superblank("a pescar") + `%g`,
		// (an earlier fix writes "been" "estado", and "took me" "me" before
		// the verb)
		`s%\[[^]]*estado\] +\^fish<vblex><ger>\$%^go<vblex><pp>$ ` + superblank("a pescar") + `%g`,
		`s%\^take<vblex><past>\$ +\^fish<vblex><ger>\$%^carry<vblex><past>$ ` + superblank("a pescar") + `%g`,
		`s%(\^go<vblex><[a-z]+>\$) +\^fish<vblex><ger>\$%\1 ` + superblank("a pescar") + `%g`,
		`s%\^take<vblex><past>\$( +\^prpers<prn><obj>[^$]*\$) +\^fish<vblex><ger>\$%^carry<vblex><past>$\1 ` + superblank("a pescar") + `%g`,
	}),
	// The theatre: clapping, "aplaudimos" ("clapped", which eng-spa
	// lacks), loving a thing, "me encantó" ("quise"), its ending, "el
	// final" ("la final", a match's).
	only(`\^\*clapped\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p1><mf><pl>\$ +\^\*clapped\$`, "aplaudimos", false),
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^\*clapped\$`, "aplaudí", false),
		[]string{`s%\^\*clapped\$%` + superblank("aplaudieron") + `%g`},
	)),
	lovedThe("me encantó", "me encantaron"),
	theEnding,
	// Crafts: starting to do a thing, "empezar a" with the infinitive
	// ("He empezado tejiendo"); a life jacket one puts on, "ponte el
	// chaleco salvavidas" ("pone tu chaqueta de vida encima").
	only(`\^start<vblex><[a-z]+>\$ +\^[a-z]+<vblex><ger>\$`, []string{
		`s%(\^start<vblex><[a-z]+>\$ +\^[a-z]+<vblex>)<ger>\$%\1<inf>$%g`,
	}),
	lifeJacket("salvavidas", "ponte", "Ponte"),
	// "this" before a noun eng-spa lacks is the determiner ("Hice esto
	// mug"), which nouns then writes in its gender.
	only(`\^this<prn><tn><mf><sg>\$ +\^\*[a-z]+\$`, []string{
		`s%\^this<prn><tn><mf><sg>\$( +\^\*[a-z]+\$)%^this<det><dem><sg>$\1%g`,
	}),
)

// lovedThe writes "I loved the …" as Spanish or Catalan says it, the thing
// loved the subject ("me encantó el final"; eng-spa "Quise el final",
// eng-cat "Vaig voler").
func lovedThe(one, many string) []string {
	var subs []string
	for _, c := range []struct{ number, text string }{{"sg", one}, {"pl", many}} {
		subs = append(subs,
			`s%\^Prpers<prn><subj><p1><mf><sg>\$ +\^(love)*(adore)*<vblex><past>\$( +\^the<det><def><sp>\$ +\^[^<$]*<n><`+c.number+`>\$)%`+lowerSuperblank(upperFirst(c.text))+`\3%g`,
			`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^(love)*(adore)*<vblex><past>\$( +\^the<det><def><sp>\$ +\^[^<$]*<n><`+c.number+`>\$)%`+lowerSuperblank(c.text)+`\3%g`)
	}
	// (An earlier fix of eng-spa's reads "adore".)
	return only(`\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^(love)*(adore)*<vblex><past>\$ +\^the<det>`, subs)
}

// theEnding is a story's ending, "el final" in Spanish and Catalan (the
// modes' "la final" is a match's).
var theEnding = only(`\^the<det><def><sp>\$ +\^ending<n><sg>\$`, []string{
	`s%\^the<det><def><sp>\$ +\^ending<n><sg>\$%` + superblank("el final") + `%g`,
})

// lifeJacket writes a life jacket ("chaqueta de vida") as a vest the
// target's lifesaver (salvavidas) and putting yours on as the reflexive
// imperative (put, its capital, before "your"; "on" goes).
func lifeJacket(lifesaver, put, capital string) []string {
	return slices.Concat(
		only(`\^life<n><sg>\$ +\^jacket<n><(sg)*(pl)*>\$`, []string{
			`s%\^life<n><sg>\$ +\^jacket<n><sg>\$%^vest<n><sg>$ ` + superblank(lifesaver) + `%g`,
			`s%\^life<n><sg>\$ +\^jacket<n><pl>\$%^vest<n><pl>$ ` + superblank(lifesaver) + `%g`,
		}),
		only(`^\^[Pp]ut<vblex><[a-z]+>\$ +\^your<det><pos><sp>\$ +[^.]*\^on<adv>\$`, []string{
			`s%^\^Put<vblex><[a-z]+>\$ +\^your<det><pos><sp>\$( +[^.]*) +\^on<adv>\$%` + lowerSuperblank(capital) + ` ^the<det><def><sp>$\1%`,
			`s%^\^put<vblex><[a-z]+>\$ +\^your<det><pos><sp>\$( +[^.]*) +\^on<adv>\$%` + lowerSuperblank(put) + ` ^the<det><def><sp>$\1%`,
		}),
	)
}

// hobbiesCatalan are tag fixes of eng-cat: loving a thing, "em va
// encantar" ("Vaig voler"), its ending, a life jacket, "l'armilla
// salvavides", and a thing not done yet, "encara" ("tot i així").
var hobbiesCatalan = slices.Concat(
	lovedThe("em va encantar", "em van encantar"),
	theEnding,
	lifeJacket("salvavides", "posa't", "Posa't"),
	only(`\+not<adv>\$.*\^yet<cnjadv>\$\^[.?!]<sent>`, []string{
		`s%\^yet<cnjadv>\$(\^[.?!]<sent>)%` + superblank("encara") + `\1%g`,
	}),
)

// hobbiesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var hobbiesSpanish = slices.Concat(
	// Getting seasick on a boat, dizzy elsewhere ("you feel dizzy"; "me
	// mareé en las tazas", a fairground's teacups), a boat that moved a
	// lot ("a lot of"), going fishing ("we go to fish").
	only(`\^marearse<vblex><pron>`, func() []string {
		var subs []string
		for _, sick := range []string{"seasick", "dizzy"} {
			if sick == "seasick" {
				subs = append(subs, `/\^(barco)*(mar)*(ferry)*(crucero)*(bote)*(velero)*(ola)*(lancha)*(pesca)*(navío)*<n>/{`)
			}
			subs = append(subs,
				`s%\^prpers<prn><pro><p2><mf><sg>\$ +\^marearse<vblex><pron><pri><p2><sg>\$%`+lowerSuperblank("do you get "+sick)+`%g`,
				`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^marearse<vblex><pron><ifi><p1><sg>\$%`+lowerSuperblank("I got "+sick)+`%g`,
				`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^marearse<vblex><pron><pri><p1><sg>\$%`+lowerSuperblank("I get "+sick)+`%g`)
			if sick == "seasick" {
				subs = append(subs, `}`)
			}
		}
		return subs
	}()),
	// (What "tarda muchísimo" takes forever, a later fix's.)
	only(`<vblex>[^$]*\$ +\^muchísimo<adj><m><sg>\$\^[.?!]<sent>`, []string{
		`s%\^tardar<vblex>%^tardar<vbkeep>%g`,
		`s%(<vblex>[^$]*\$) +\^muchísimo<adj><m><sg>\$(\^[.?!]<sent>)%\1 ` + superblank("a lot") + `\2%g`,
		`s%\^tardar<vbkeep>%^tardar<vblex>%g`,
	}),
	only(`\^ir<vblex><pri><p1><(sg)*(pl)*>\$ +\^a<pr>\$ +\^pescar<vblex><inf>\$`, []string{
		`s%\^ir<vblex><pri><p1><pl>\$ +\^a<pr>\$ +\^pescar<vblex><inf>\$%` + superblank("we're going fishing") + `%g`,
		`s%\^ir<vblex><pri><p1><sg>\$ +\^a<pr>\$ +\^pescar<vblex><inf>\$%` + superblank("I'm going fishing") + `%g`,
	}),
	// Having run out of a thing, "se me ha acabado el hilo" ("it has
	// finished me the thread").
	only(`\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p[12]><mf><(sg)*(pl)*>\$ +\^haber<vbhaver><pri><p3><[a-z]+>\$ +\^acabar<vblex><pp>`, []string{
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><[a-z]+>\$ +\^acabar<vblex><pp><[mf]><[a-z]+>\$( +\^el<det><def>[^$]*\$)*%` + lowerSuperblank("I've run out of") + `%g`,
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p1><mf><pl>\$ +\^haber<vbhaver><pri><p3><[a-z]+>\$ +\^acabar<vblex><pp><[mf]><[a-z]+>\$( +\^el<det><def>[^$]*\$)*%` + lowerSuperblank("we've run out of") + `%g`,
		`s%\^se<prn><pro><ref><p3><mf><sp>\$ +\^prpers<prn><pro><p2><mf><sg>\$ +\^haber<vbhaver><pri><p3><[a-z]+>\$ +\^acabar<vblex><pp><[mf]><[a-z]+>\$( +\^el<det><def>[^$]*\$)*%` + lowerSuperblank("you've run out of") + `%g`,
	}),
	// The theatre (a thing that went "fatal", voices.go): a play that
	// "dura" two hours, lasts ("the hard work two hours"), the
	// box office, "la taquilla", which spa-eng lacks, a part learnt by
	// heart ("I have learnt me").
	only(`<n><f><sg>\$ +\^duro<adj><f><sg>\$ +\^[^<$]*<num>`, []string{
		`s%(<n><f><sg>\$) +\^duro<adj><f><sg>\$( +\^[^<$]*<num>)%\1 ` + superblank("lasts") + `\2%g`,
	}),
	only(`\^\*taquilla\$`, []string{
		`s%\^en<pr>\$ +\^el<det><def><f><sg>\$ +\^\*taquilla\$%` + superblank("at the box office") + `%g`,
		`s%\^\*taquilla\$%` + superblank("box office") + `%g`,
	}),
	only(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^aprender<vblex><pp>`, []string{
		`s%\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^aprender<vblex><pp><m><sg>\$%` + superblank("I've learnt") + `%g`,
	}),
	// Crafts: pottery, "alfarería", which spa-eng lacks.
	only(`\^\*alfarería\$`, []string{`s%\^\*alfarería\$%` + superblank("pottery") + `%g`}),
)

// hobbiesFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish).
var hobbiesFrenchToSpanish = slices.Concat(
	// Fishing, "pêcher", which fr-es lacks; going fishing, "nos vamos a
	// pescar" ("marchamos pêcher"); being seasick, "estoy mareado" ("tengo
	// el daño de mar").
	only(`\^\*pêch`, []string{
		`s%\^[Oo]n<prn><pro><ref><p3><mf><sp>\$ +\^partir<vblex><pri><p3><sg>\$ +\^\*pêcher\$%` + superblank("nos vamos a pescar") + `%g`,
		`s%\^[Oo]n<prn><pro><ref><p3><mf><sp>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^\*pêché\$%` + superblank("hemos pescado") + `%g`,
		`s%\^[Jj]e<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^\*pêché\$%` + superblank("he pescado") + `%g`,
		`s%\^avoir<vbhaver><pri><p3><sg>\$ +\^\*pêché\$%` + superblank("ha pescado") + `%g`,
		`s%\^\*pêcher\$%` + superblank("pescar") + `%g`,
		`s%\^\*pêché\$%` + superblank("pescado") + `%g`,
		`s%\^\*pêche\$%` + superblank("pesca") + `%g`,
	}),
	only(`\^avoir<vblex><pri><p1><sg>\$ +\^le<det><def><m><sg>\$ +\^mal<n><m><sg>\$ +\^de<pr>\$ +\^mer<n>`, []string{
		`s%(\^je<prn><tn><p1><mf><sg>\$ +)*\^avoir<vblex><pri><p1><sg>\$ +\^le<det><def><m><sg>\$ +\^mal<n><m><sg>\$ +\^de<pr>\$ +\^mer<n><f><sg>\$%` + superblank("estoy mareado") + `%g`,
	}),
	// Where one is, "au port", "en el puerto" ("al puerto"), sitting in
	// the front row, "en la primera fila" ("al primer rango").
	only(`\^à<pr>\+le<det><def><m><sg>\$ +\^premier<adj><m><sg>\$ +\^rang<n>`, []string{
		`s%\^à<pr>\+le<det><def><m><sg>\$ +\^premier<adj><m><sg>\$ +\^rang<n><m><sg>\$%` + superblank("en la primera fila") + `%g`,
	}),
	only(`\^(être<vbser>)*(asseoir<vblex><pp>)*[^$]*\$ +\^à<pr>\+le<det><def>`, []string{
		`s%(\^être<vbser>[^$]*\$) +\^à<pr>\+le<det><def>([^$]*)\$%\1 ^en<pr>$ ^le<det><def>\2$%g`,
		`s%(\^asseoir<vblex><pp>[^$]*\$) +\^à<pr>\+le<det><def>([^$]*)\$%\1 ^en<pr>$ ^le<det><def>\2$%g`,
	}),
	// The theatre: on stage, "en el escenario" ("sobre escena"), late,
	// "tarde" ("en retraso").
	only(`\^sur<pr>\$ +\^scène<n><f><sg>\$`, []string{
		`s%\^sur<pr>\$ +\^scène<n><f><sg>\$%` + superblank("en el escenario") + `%g`,
	}),
	only(`<vblex><pp>[^$]*\$ +\^en<pr>\$ +\^retard<n><m><sg>\$`, []string{
		`s%(<vblex><pp>[^$]*\$) +\^en<pr>\$ +\^retard<n><m><sg>\$%\1 ` + superblank("tarde") + `%g`,
	}),
	// Crafts: one who taught one, "me enseñó a" ("me ha aprendido a"),
	// knitting, "tejer" (which fr-es lacks), needing more of a thing,
	// "necesito más" ("tengo necesidad además"), doing "de la" a thing,
	// doing it ("hago de la alfarería").
	only(`\^apprendre<vblex><pp><m><sg>\$ +\^à<pr>\$`, []string{
		`s%\^me<prn><pro><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^apprendre<vblex><pp><m><sg>\$ +\^à<pr>\$%` + superblank("me enseñó a") + `%g`,
		`s%\^te<prn><pro><p2><mf><sg>\$ +\^avoir<vbhaver><pri><p3><sg>\$ +\^apprendre<vblex><pp><m><sg>\$ +\^à<pr>\$%` + superblank("te enseñó a") + `%g`,
	}),
	only(`\^\*tricoter\$`, []string{`s%\^\*tricoter\$%` + superblank("tejer") + `%g`}),
	only(`\^besoin<n><m><sg>\$ +\^de plus<adv>\$ +\^de<pr>\$`, []string{
		`s%(\^je<prn><tn><p1><mf><sg>\$ +)*\^avoir<vblex><pri><p1><sg>\$ +\^besoin<n><m><sg>\$ +\^de plus<adv>\$ +\^de<pr>\$%` + superblank("necesito más") + `%g`,
	}),
	only(`\^faire<vblex>[^$]*\$ +\^de<pr>\$ +\^le<det><def><f><sg>\$ +\^[^<$]*<n>`, []string{
		`s%(\^faire<vblex>[^$]*\$) +\^de<pr>\$ +\^le<det><def><f><sg>\$( +\^[^<$]*<n>)%\1\2%g`,
	}),
)

// hobbiesPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): scissors, "unas tijeras" ("tesoura", which pt-es lacks),
// liking a thing a lot, "me gustó mucho el" ("mucho del"), tickets sold
// out, "se agotaron" ("agotaron").
var hobbiesPortuguese = slices.Concat(
	only(`\^\*tesoura\$`, []string{
		`s%\^um<det><ind><f><sg>\$ +\^\*tesoura\$%` + superblank("unas tijeras") + `%g`,
		`s%\^o<det><def><f><sg>\$ +\^\*tesoura\$%` + superblank("las tijeras") + `%g`,
		`s%\^\*tesoura\$%` + superblank("tijeras") + `%g`,
	}),
	only(`\^gostar<vblex>[^$]*\$ +\^muito<adv>\$ +\^de<pr>\+o<det>`, []string{
		`s%(\^gostar<vblex>[^$]*\$ +\^muito<adv>\$) +\^de<pr>\+o<det>([^$]*)\$%\1 ^o<det>\2$%g`,
	}),
	only(`\^esgotar<vblex><ifi><p3><[a-z]+>\$`, []string{
		`s%\^esgotar<vblex><ifi><p3><pl>\$%` + superblank("se agotaron") + `%g`,
		`s%\^esgotar<vblex><ifi><p3><sg>\$%` + superblank("se agotó") + `%g`,
	}),
)

// hobbiesToFrench are tag fixes of es-fr: an opening night, "la
// première" ("l'étrenne"), bait, "l'appât" (read as "cebar"), a thing
// painted "en bleu" ("de bleu").
var hobbiesToFrench = slices.Concat(
	only(`\^el<det><def><m><sg>\$ +\^estreno<n><m><sg>\$`, []string{
		`s%\^por<pr>\$ +\^el<det><def><m><sg>\$ +\^estreno<n><m><sg>\$%` + superblank("pour la première") + `%g`,
		`s%\^el<det><def><m><sg>\$ +\^estreno<n><m><sg>\$%` + superblank("la première") + `%g`,
	}),
	only(`\^el<det><def><m><sg>\$ +\^cebar<vblex><pri><p1><sg>\$`, []string{
		`s%\^el<det><def><m><sg>\$ +\^cebar<vblex><pri><p1><sg>\$%` + superblank("l'appât") + `%g`,
	}),
	only(`\^pintar<vblex>[^$]*\$ +\^el<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$ +\^de<pr>\$`, []string{
		`s%(\^pintar<vblex>[^$]*\$ +\^el<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$) +\^de<pr>\$%\1 ^en<pr>$%g`,
	}),
)

// spanishTeachHow is "enseñar cómo tejer": one teaches "a" do a thing.
var spanishTeachHow = regexp.MustCompile(`\b([Ee]nseñ[a-záéíóú]*) cómo (?:para )?([a-záéíóúñ]+(?:ar|er|ir))\b`)

// hobbyRewritesByTarget are the rewrites of the rounds chat128-chat130.
var hobbyRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishTeachHow, "nseñ", "cómo", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " a " + o[m[4]:m[5]], true
		}},
	},
}

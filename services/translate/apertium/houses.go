package apertium

import (
	"regexp"
	"slices"
)

// Driving lessons and the test, picnics, buying a house (rounds
// chat119-chat121): what the modes write word by word in those messages.

// housesEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var housesEnglish = slices.Concat(
	// A test or an exam one passed or failed is "aprobado" or
	// "suspendido" ("Pasé mi prueba", "Fallé la prueba"): read as
	// approve and suspend, before the test's own words below.
	only(`\^(pass)*(fail)*<vblex><[a-z]+>\$ +\^[a-z]+<det>[^$]*\$ +(\^[a-z]+<n><sg>\$ +)*\^(test)*(exam)*<n>`, []string{
		`s%\^([Pp])ass(<vblex><[a-z]+>\$ +\^[a-z]+<det>[^$]*\$ +(\^[a-z]+<n><sg>\$ +)*\^(test)*(exam)*<n>)%^\1ass_parley\2%g`,
		`s%\^Pass_parley<%^Approve<%g`, `s%\^pass_parley<%^approve<%g`,
		`s%\^([Ff])ail(<vblex><[a-z]+>\$ +\^[a-z]+<det>[^$]*\$ +(\^[a-z]+<n><sg>\$ +)*\^(test)*(exam)*<n>)%^\1ail_parley\2%g`,
		`s%\^Fail_parley<%^Suspend<%g`, `s%\^fail_parley<%^suspend<%g`,
	}),
	// The driving test, "el examen de conducir" ("la prueba de
	// conducción"), the theory test "el examen teórico", a driving lesson
	// "una clase de conducir" ("una lección de conducción").
	only(`\^(driving)*(theory)*<n><sg>\$ +\^(test)*(lesson)*<n>`, []string{
		`s%\^driving<n><sg>\$ +\^test<n><sg>\$%` + superblank("examen de conducir") + `%g`,
		`s%\^theory<n><sg>\$ +\^test<n><sg>\$%` + superblank("examen teórico") + `%g`,
		`s%\^a<det><ind><sg>\$ +\^driving<n><sg>\$ +\^lesson<n><sg>\$%` + superblank("una clase de conducir") + `%g`,
		`s%\^my<det><pos><sp>\$ +\^first<det><ord><sp>\$ +\^driving<n><sg>\$ +\^lesson<n><sg>\$%` + superblank("mi primera clase de conducir") + `%g`,
		`s%\^driving<n><sg>\$ +\^lesson<n><pl>\$%` + superblank("clases de conducir") + `%g`,
	}),
	// One who got one's licence ("Cogí mi permiso de conducir"): "he
	// conseguido el carnet de conducir".
	only(`\^get<vblex><past>\$ +\^my<det><pos><sp>\$ +\^driving licen[cs]e<n>`, []string{
		`s%\^Prpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^my<det><pos><sp>\$ +\^driving licen[cs]e<n><sg>\$%` + superblank("He conseguido el carnet de conducir") + `%g`,
		`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^my<det><pos><sp>\$ +\^driving licen[cs]e<n><sg>\$%` + superblank("he conseguido el carnet de conducir") + `%g`,
	}),
	// "the hardest part" is "lo más difícil" ("la parte más dura"), the
	// best and worst "lo mejor", "lo peor"; parallel parking is "aparcar
	// en paralelo" ("el aparcamiento paralelo").
	only(`\^the<det><def><sp>\$ +\^[a-z]+<adj>[^$]*<sup>\$ +\^part<n><sg>`, []string{
		`s%\^the<det><def><sp>\$ +\^hard<adj><sint><sup>\$ +\^part<n><sg>\$%` + superblank("lo más difícil") + `%g`,
		`s%\^the<det><def><sp>\$ +\^easy<adj><sint><sup>\$ +\^part<n><sg>\$%` + superblank("lo más fácil") + `%g`,
		`s%\^the<det><def><sp>\$ +\^good<adj><sint><sup>\$ +\^part<n><sg>\$%` + superblank("lo mejor") + `%g`,
		`s%\^the<det><def><sp>\$ +\^bad<adj><sint><sup>\$ +\^part<n><sg>\$%` + superblank("lo peor") + `%g`,
	}),
	only(`\^parallel<adj>\$ +\^parking<n>`, phrase(`\^parallel<adj>\$ +\^parking<n><sg>\$`, "aparcar en paralelo")),
	// A picnic or a barbecue one has is made, "hacer un picnic" ("tener
	// un picnic").
	havePicnicMake,
	// What got into a thing "se metió en" ("las hormigas cogían a la
	// comida").
	only(`<n><(sg)*(pl)*>\$ +\^get<vblex><past>\$ +\^into<pr>\$`, []string{
		`s%(<n><pl>\$) +\^get<vblex><past>\$ +\^into<pr>\$%\1 ` + superblank("se metieron en") + `%g`,
		`s%(<n><sg>\$) +\^get<vblex><past>\$ +\^into<pr>\$%\1 ` + superblank("se metió en") + `%g`,
	}),
	// A spot is "un sitio" ("una algo").
	only(`\^a<det><ind><sg>\$ +\^spot<n><sg>\$`, []string{
		`s%\^a<det><ind><sg>\$ +\^spot<n><sg>\$%` + superblank("un sitio") + `%g`,
	}),
	// A house that needs a thing ("las necesidades de casa": the tagger
	// read "needs" as the noun), the estate agent "el agente
	// inmobiliario" ("el agente de propiedad").
	only(`<n><sg>\$ +\^need<n><pl>\$ +\^[^<$]*<det>`, []string{
		`s%(\^the<det><def><sp>\$ +\^[^<$]*<n><sg>\$ +)\^need<n><pl>\$( +\^[^<$]*<det>)%\1^need<vblex><pri><p3><sg>$\2%g`,
	}),
	only(`\^estate<n><sg>\$ +\^agent<n>`, []string{
		`s%\^estate<n><sg>\$ +\^agent<n><sg>\$%` + superblank("agente inmobiliario") + `%g`,
		`s%\^estate<n><sg>\$ +\^agent<n><pl>\$%` + superblank("agentes inmobiliarios") + `%g`,
	}),
)

// havePicnicMake reads "have" a picnic or a barbecue as "make" it, which
// eng-spa writes "hacer" and eng-cat "fer" ("tener", "tenir"); the marker
// have_parley holds it meanwhile, keeping the lemma's capital.
var havePicnicMake = only(`\^have<vblex><[a-z]+>\$ +\^a<det><ind><sg>\$ +\^(picnic)*(barbecue)*(bbq)*<n>`, []string{
	`s%\^([Hh])ave(<vblex><[a-z]+>\$ +\^a<det><ind><sg>\$ +\^(picnic)*(barbecue)*(bbq)*<n>)%^\1ave_parley\2%g`,
	`s%\^Have_parley<%^Make<%g`, `s%\^have_parley<%^make<%g`,
})

// housesCatalan are tag fixes of eng-cat: a picnic one had, "vam fer un
// pícnic" ("vam tenir"), one's driving licence got, "m'he tret el
// carnet" ("Rebia el meu permís").
var housesCatalan = slices.Concat(
	havePicnicMake,
	only(`\^get<vblex><past>\$ +\^my<det><pos><sp>\$ +\^driving licen[cs]e<n>`, []string{
		`s%\^Prpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^my<det><pos><sp>\$ +\^driving licen[cs]e<n><sg>\$%` + superblank("M'he tret el carnet de conduir") + `%g`,
		`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^get<vblex><past>\$ +\^my<det><pos><sp>\$ +\^driving licen[cs]e<n><sg>\$%` + superblank("m'he tret el carnet de conduir") + `%g`,
	}),
)

// housesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var housesSpanish = slices.Concat(
	// One who "se ha sacado el carnet" has got one's licence ("I have
	// take the carnet"); spa-eng lacks "carnet" and "autoescuela".
	only(`\^\*carnet\$`, []string{
		`s%\^[Pp]rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^sacar<vblex><pp><m><sg>\$ +\^el<det><def><m><sg>\$ +\^\*carnet\$( +\^de<pr>\$ +\^conducir<vblex><inf>\$)*%` + superblank("I've got my licence") + `%g`,
		`s%\^\*carnet\$ +\^de<pr>\$ +\^conducir<vblex><inf>\$%` + superblank("driving licence") + `%g`,
		`s%\^\*carnet\$%` + superblank("licence") + `%g`,
	}),
	only(`\^\*autoescuela\$`, []string{
		`s%\^profesor<n><[mf]><sg>\$ +\^de<pr>\$ +\^\*autoescuela\$%` + superblank("driving instructor") + `%g`,
		`s%\^\*autoescuela\$%` + superblank("driving school") + `%g`,
	}),
	// The driving test, "el examen de conducir" ("the examination of
	// driving"), and a licence, "el permiso de conducir".
	only(`\^examen<n><m><sg>\$ +\^de<pr>\$ +\^(conducir)*(conducción)*<`, []string{
		`s%\^examen<n><m><sg>\$ +\^de<pr>\$ +\^(conducir<vblex><inf>)*(conducción<n><f><sg>)*\$%` + superblank("driving test") + `%g`,
	}),
	only(`\^permiso<n><m><sg>\$ +\^de<pr>\$ +\^conducir<vblex><inf>\$`, []string{
		`s%\^permiso<n><m><sg>\$ +\^de<pr>\$ +\^conducir<vblex><inf>\$%` + superblank("driving licence") + `%g`,
	}),
	// "majo" is nice, which spa-eng lacks.
	only(`\^\*maj[oa]s*\$`, []string{`s%\^\*maj[oa]s*\$%` + superblank("nice") + `%g`}),
	// "todavía no sé aparcar" is I still can't ("still I don't know to
	// park").
	only(`\^[Tt]odavía<adv>\$ +\^no<adv>\$ +\^saber<vblex><pri><p1><sg>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%\^Todavía<adv>\$ +\^no<adv>\$ +\^saber<vblex><pri><p1><sg>\$( +\^[^<$]*<vblex><inf>)%` + lowerSuperblank("I still don't know how to") + `\1%g`,
		`s%\^todavía<adv>\$ +\^no<adv>\$ +\^saber<vblex><pri><p1><sg>\$( +\^[^<$]*<vblex><inf>)%` + lowerSuperblank("I still don't know how to") + `\1%g`,
	}),
	// What one "lleva" opening a line one brings ("I spend the fridge"),
	// plastic cups ("the glasses of plastic"), a picnic's things.
	only(`\^llevar<vblex><pri><p1><sg>\$ +\^el<det>`, []string{
		`s%\^[Pp]rpers<prn><tn><p1><mf><sg>\$ +\^llevar<vblex><pri><p1><sg>\$( +\^el<det>)%` + superblank("I'll bring") + `\1%g`,
		`s%^\^[Ll]levar<vblex><pri><p1><sg>\$( +\^el<det>)%` + superblank("I'll bring") + `\1%g`,
	}),
	only(`\^vaso<n><m><pl>\$ +\^de<pr>\$ +\^(plástico)*(papel)*<n>`, []string{
		`s%\^vaso<n><m><pl>\$ +\^de<pr>\$ +\^plástico<n><m><sg>\$%` + superblank("plastic cups") + `%g`,
		`s%\^vaso<n><m><pl>\$ +\^de<pr>\$ +\^papel<n><m><sg>\$%` + superblank("paper cups") + `%g`,
	}),
	only(`<n><[mf]><(sg)*(pl)*>\$ +\^de<pr>\$ +\^picnic<n>`, []string{
		`s%(\^[^<$]*<n><[mf]><(sg)*(pl)*>\$) +\^de<pr>\$ +\^picnic<n><m><sg>\$%` + superblank("picnic") + ` \1%g`,
	}),
	// A picnic one has is "had", not done ("hacemos un picnic", "we do a
	// picnic"), by the lake "a la orilla del lago" ("to the bank of").
	only(`\^hacer<vblex>[^$]*\$ +\^uno<det><ind><m><sg>\$ +\^picnic<n>`, []string{
		`s%\^([Hh])acer(<vblex>[^$]*\$ +\^uno<det><ind><m><sg>\$ +\^picnic<n>)%^\1_tener_parley\2%g`,
		`s%\^H_tener_parley<%^Tener<%g`, `s%\^h_tener_parley<%^tener<%g`,
	}),
	only(`\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^orilla<n><f><sg>\$ +\^de<pr>`, []string{
		`s%\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^orilla<n><f><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$%` + superblank("by the") + `%g`,
		`s%\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^orilla<n><f><sg>\$ +\^de<pr>\$ +\^el<det><def><f><sg>\$%` + superblank("by the") + `%g`,
	}),
	// A kitchen to do up, "está para reformar" ("is to reform").
	only(`\^estar<vblex><pri><p3><(sg)*(pl)*>\$ +\^para<pr>\$ +\^reformar<vblex><inf>\$`, []string{
		`s%\^estar<vblex><pri><p3><sg>\$ +\^para<pr>\$ +\^reformar<vblex><inf>\$%` + superblank("needs doing up") + `%g`,
		`s%\^estar<vblex><pri><p3><pl>\$ +\^para<pr>\$ +\^reformar<vblex><inf>\$%` + superblank("need doing up") + `%g`,
	}),
	// What one asks or pays for a thing is "for" it ("too much by the
	// house").
	only(`\^(pedir)*(pagar)*(cobrar)*<vblex>[^$]*\$ +(\^[^<$]*<[^$]*\$ +)*\^por<pr>`, []string{
		`s%(\^(pedir)*(pagar)*(cobrar)*<vblex>[^$]*\$ +(\^[^<$]*<(adv)*(num)*(n)*>[^$]*\$ +)?(\^[^<$]*<(n)*(adv)*>[^$]*\$ +)?)\^por<pr>\$%\1^para<pr>$%g`,
	}),
)

// housesFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish).
var housesFrenchToSpanish = slices.Concat(
	// One who "a eu son permis" has got one's licence ("I've had my
	// permission").
	only(`\^avoir<vbhaver><pp><mf><sp>\$ +\^[a-z]+<det><pos>[^$]*\$ +\^permis<n>`, []string{
		`s%\^[Jj]e<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^avoir<vbhaver><pp><mf><sp>\$ +\^mon<det><pos><m><sg>\$ +\^permis<n><m><sp>\$%` + superblank("me he sacado el carnet") + `%g`,
	}),
	// A red light, "el semáforo" ("el fuego rojo").
	only(`\^feu<n><m><sg>\$ +\^rouge<adj>`, []string{
		`s%\^à<pr>\+le<det><def><m><sg>\$ +\^feu<n><m><sg>\$ +\^rouge<adj><mf><sg>\$%` + superblank("en el semáforo") + `%g`,
		`s%\^feu<n><m><sg>\$ +\^rouge<adj><mf><sg>\$%` + superblank("semáforo en rojo") + `%g`,
	}),
	// A picnic one has, "on pique-nique" (read as "piquer"), by the lake
	// "a la orilla del lago" ("al borde del lago", the brink).
	only(`\^piquer<vblex><pri><p3><sg>\$-\^\*nique\$`, []string{
		`s%\^[Oo]n<prn><pro><ref><p3><mf><sp>\$ +\^piquer<vblex><pri><p3><sg>\$-\^\*nique\$%` + superblank("hacemos un picnic") + `%g`,
		`s%\^piquer<vblex><pri><p3><sg>\$-\^\*nique\$%` + superblank("picnic") + `%g`,
	}),
	only(`\^à<pr>\+le<det><def><m><sg>\$ +\^bord<n><m><sg>\$ +\^de<pr>`, []string{
		`s%\^à<pr>\+le<det><def><m><sg>\$ +\^bord<n><m><sg>\$ +\^de<pr>%` + superblank("a la orilla") + ` ^de<pr>%g`,
	}),
	// What one brings, "apporter", is "llevar" ("aportar", contribute).
	only(`\^apporter<vblex>`, []string{`s%\^apporter<vblex>%^porter<vblex>%g`}),
	// The country, "à la campagne", is "en el campo" ("a la campaña").
	only(`\^à<pr>\$ +\^le<det><def><f><sg>\$ +\^campagne<n><f><sg>\$`, []string{
		`s%\^à<pr>\$ +\^le<det><def><f><sg>\$ +\^campagne<n><f><sg>\$%` + superblank("en el campo") + `%g`,
	}),
	// A floor, "le troisième étage" (read as "étager": "al tercero
	// escalona"), is "la tercera planta".
	only(`\^être<vbser>[^$]*\$ +\^à<pr>\+le<det><def><m><sg>\$ +\^[^<$]*<(adj)*(num)*>[^$]*\$ +\^étager<vblex>`, func() []string {
		var subs []string
		for fr, es := range map[string]string{"premier": "primera", "deuxième": "segunda", "second": "segunda", "troisième": "tercera",
			"quatrième": "cuarta", "cinquième": "quinta", "sixième": "sexta", "septième": "séptima", "huitième": "octava", "dernier": "última"} {
			subs = append(subs, `s%\^être<vbser><pri><p3><sg>\$ +\^à<pr>\+le<det><def><m><sg>\$ +\^`+fr+`<(adj)*(num)*>[^$]*\$ +\^étager<vblex>[^$]*\$%`+superblank("está en la "+es+" planta")+`%g`)
		}
		slices.Sort(subs)
		return subs
	}()),
)

// housesPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): failing an exam, "chumbar" ("chumbei no exame"), which pt-es
// lacks, and a picnic, "o piquenique".
var housesPortuguese = slices.Concat(
	only(`\^\*chumb`, []string{
		`s%\^\*[Cc]humbei\$ +\^em<pr>\+o<det><def><m><sg>\$%` + superblank("suspendí el") + `%g`,
		`s%\^\*[Cc]humbei\$%` + superblank("suspendí") + `%g`,
		`s%\^\*[Cc]humbou\$ +\^em<pr>\+o<det><def><m><sg>\$%` + superblank("suspendió el") + `%g`,
		`s%\^\*[Cc]humbou\$%` + superblank("suspendió") + `%g`,
		`s%\^\*[Cc]humbaste\$ +\^em<pr>\+o<det><def><m><sg>\$%` + superblank("suspendiste el") + `%g`,
		`s%\^\*[Cc]humbaste\$%` + superblank("suspendiste") + `%g`,
		`s%\^\*[Cc]humbar\$%` + superblank("suspender") + `%g`,
	}),
	only(`\^\*piqueniques*\$`, []string{
		`s%\^\*piquenique\$%` + superblank("picnic") + `%g`,
		`s%\^\*piqueniques\$%` + superblank("picnics") + `%g`,
	}),
)

// housesToFrench are tag fixes of es-fr: one enrolled, "me he apuntado
// a" ("me he apuntado" left untranslated: es-fr lacks "autoescuela"),
// wasps, "avispas", commands that open a line ("trae": "il amène"), "a
// la primera", the first time, "du premier coup", and "¿cuántas…?",
// "combien de…" ("combien leçons").
var housesToFrench = slices.Concat(
	only(`\^me<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^apuntar<vblex><pp><m><sg>\$ +\^a<pr>\$`, []string{
		`s%\^[Mm]e<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^apuntar<vblex><pp><m><sg>\$ +\^a<pr>\$%` + superblank("je me suis inscrit à") + `%g`,
	}),
	only(`\^\*autoescuelas*\$`, []string{
		`s%\^\*autoescuela\$%` + superblank("auto-école") + `%g`,
		`s%\^\*autoescuelas\$%` + superblank("auto-écoles") + `%g`,
	}),
	only(`\^\*avispas*\$`, []string{
		`s%(\^[Hh]ay<vblex>[^$]*\$) +\^\*avispas\$%\1 ` + superblank("des guêpes") + `%g`,
		`s%\^\*avispas\$%` + superblank("guêpes") + `%g`,
		`s%\^\*avispa\$%` + superblank("guêpe") + `%g`,
	}),
	only(`^\^[Tt]raer<vblex><pri><p3><sg>\$ +\^[a-z]+<det>`, []string{
		`s%^\^([Tt])raer<vblex><pri><p3><sg>\$%^\1raer<vblex><imp><p2><sg>$%`,
	}),
	only(`\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^primero<adj><f><sg>\$`, []string{
		`s%\^a<pr>\$ +\^el<det><def><f><sg>\$ +\^primero<adj><f><sg>\$%` + superblank("du premier coup") + `%g`,
	}),
	only(`\^[Cc]uánto<prn><itg><[mf]><pl>\$ +\^[^<$]*<n>`, []string{
		`s%\^Cuánto<prn><itg><[mf]><pl>\$( +\^[^<$]*<n>)%` + lowerSuperblank("Combien de") + `\1%g`,
		`s%\^cuánto<prn><itg><[mf]><pl>\$( +\^[^<$]*<n>)%` + lowerSuperblank("combien de") + `\1%g`,
	}),
)

// housesToPortuguese are tag fixes of es-pt: a driving lesson, "uma aula
// de condução" ("classe de conduzir"), napkins, "guardanapos", which
// es-pt lacks ("servilletas").
var housesToPortuguese = slices.Concat(
	only(`\^clase<n><f><(sg)*(pl)*>\$ +\^de<pr>\$ +\^conducir<vblex><inf>\$`, []string{
		`s%\^clase<n><f><sg>\$ +\^de<pr>\$ +\^conducir<vblex><inf>\$%` + superblank("aula de condução") + `%g`,
		`s%\^clase<n><f><pl>\$ +\^de<pr>\$ +\^conducir<vblex><inf>\$%` + superblank("aulas de condução") + `%g`,
	}),
	only(`\^\*servilletas*\$`, []string{
		`s%\^el<det><def><f><pl>\$ +\^\*servilletas\$%` + superblank("os guardanapos") + `%g`,
		`s%\^\*servilletas\$%` + superblank("guardanapos") + `%g`,
		`s%\^\*servilleta\$%` + superblank("guardanapo") + `%g`,
	}),
)

// englishKnowTo is "I don't know to park" (spa-eng's "no sé aparcar"):
// one knows how to.
var englishKnowTo = regexp.MustCompile(`\b(know|knows|knew) to ([a-z]+)\b`)

// englishOnTheGrass is "in the lawn": English sits on it.
var englishOnTheGrass = regexp.MustCompile(`\bin the (lawn|grass)\b`)

// portugueseStartTo is "começou chover": Portuguese starts "a" a thing.
var portugueseStartTo = regexp.MustCompile(`\b((?:[Cc]omeç|[Cc]omec)\p{L}*) (\p{L}+(?:ar|er|ir))\b`)

// spanishGoTo is pt-es's "fuimos ver la casa": Spanish goes "a" see it
// (not "fue", which is also "ser": "lo mejor fue ver…").
var spanishGoTo = regexp.MustCompile(`\b([Ff]ui|[Ff]uimos|[Ff]uiste|[Vv]oy|[Vv]as|[Vv]a|[Vv]amos|[Vv]an|[Ii]ba|[Íí]bamos|[Ii]ban) (ver|comprar|buscar|visitar|comer|cenar|buscarte|verte|verla|verlo|recogerte)\b`)

// spanishNervousAbout is "nervioso sobre el examen": one is nervous "por"
// it.
var spanishNervousAbout = regexp.MustCompile(`\b(nervios[oa]s?) sobre\b`)

// spanishOfferFor is "una oferta en el piso": an offer is made for it.
var spanishOfferFor = regexp.MustCompile(`\b(ofertas?) en (el|la|los|las|un|una) `)

// spanishRentAgrees is "el alquiler es muy cara" (pt "a renda"): the rent
// is "caro".
var spanishRentAgrees = regexp.MustCompile(`\b([Ee]l alquiler (?:es|está|era|sale) (?:muy |demasiado |bastante |tan )?)(car|barat|alt|baj)a\b`)

// frenchOnTheGrass is "dans l'herbe": one eats on it, "sur l'herbe".
var frenchOnTheGrass = regexp.MustCompile(`\bdans (l'herbe|la pelouse|le gazon)\b`)

// houseRewritesByTarget are the rewrites of the rounds chat119-chat121.
var houseRewritesByTarget = map[string][]gatedRewrite{
	"en": {
		{englishKnowTo, "know to|knows to|knew to", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " how to " + o[m[4]:m[5]], true
		}},
		{englishOnTheGrass, "in the lawn|in the grass", "", func(o string, m []int) (string, bool) {
			return "on the " + o[m[2]:m[3]], true
		}},
	},
	"es": {
		{spanishGoTo, " ver| comprar| buscar| visitar| comer| cenar| recogerte", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " a " + o[m[4]:m[5]], true
		}},
		{spanishNervousAbout, "nervios", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " por", true
		}},
		{spanishOfferFor, "oferta", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " por " + o[m[4]:m[5]] + " ", true
		}},
		{spanishRentAgrees, "alquiler", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + o[m[4]:m[5]] + "o", true
		}},
	},
	"pt": {
		{portugueseStartTo, "omeç|omec", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " a " + o[m[4]:m[5]], true
		}},
	},
	"fr": {
		{frenchOnTheGrass, "dans ", "", func(o string, m []int) (string, bool) {
			return "sur " + o[m[2]:m[3]], true
		}},
	},
}

package apertium

import "slices"

// Repairs at home, parking, allergies, the rubbish, renting and
// babysitting (rounds chat92-chat97): what the modes write word by word in
// those messages.

// repairsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var repairsEnglish = slices.Concat(
	// Shelves and pictures are put up where they go, "poner" ("poner
	// arriba algunas baldas").
	only(`\^up<(adv)*(pr)*>\$`, []string{
		`s%\^put(<vblex>[^$]*\$) +\^up<[a-z]+>\$(( +\^[^<$]*<det>[^$]*\$)? +\^(shelf)*(picture)*(poster)*(curtain)*(mirror)*<n>)%^put\1\2%g`,
	}),
	// A tap that is dripping "gotea" ("el grifo es goteo": the tagger
	// reads a noun, and the mode has no verb "drip"); water dripping
	// from a ceiling, "cae agua" (roofs.go's round; "agua gotea").
	only(`\^dripping<n>`, []string{
		`s%^(( *\[[^]]*\])* *)\^water<n><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^dripping<n><sg>\$%\1` + lowerSuperblank("Cae agua") + `%`,
		`s%\^water<n><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^dripping<n><sg>\$%` + lowerSuperblank("cae agua") + `%g`,
		`s%\^be<vbser><pri><p3><sg>\$ +\^dripping<n><sg>\$%` + superblank("gotea") + `%g`,
		`s%\^be<vbser><pri><p3><pl>\$ +\^dripping<n><sg>\$%` + superblank("gotean") + `%g`,
	}),
	// A hardware store is "la ferretería" (senses.go; "la tienda de
	// hardware"), a car park "el aparcamiento" ("el parque
	// automovilístico"), a parking meter "el parquímetro" (senses.go; "el
	// metro de estacionamiento"), a speed camera "un radar" ("un cámara de
	// velocidad"), the pollen count "el nivel de polen" ("la cuenta de
	// polen").
	only(`\^hardware<n><sg>\$ +\^store<n>`, []string{`s%\^hardware<n><sg>\$ +\^store<n>%^store<n>%g`}),
	only(`\^car<[a-z]*>(<sg>)*\$ +\^park<n>`, []string{`s%\^car<[a-z]*>(<sg>)*\$ +\^park<n>%^parking<n>%g`}),
	only(`\^parking<n><sg>\$ +\^metre<n>`, []string{`s%\^parking<n><sg>\$ +\^metre<n>%^metre<n>%g`}),
	only(`\^speed<n><sg>\$ +\^camera<n>`, []string{`s%\^speed<n><sg>\$ +\^camera<n>%^radar<n>%g`}),
	only(`\^pollen<n><sg>\$ +\^count<n><sg>`, []string{`s%\^pollen<n><sg>\$ +\^count<n><sg>\$%^level<n><sg>$ ^of<pr>$ ^pollen<n><sg>$%g`}),
	// Hay fever is "la alergia al polen" ("la fiebre de heno").
	only(`\^hay<n><sg>\$ +\^fever<n><sg>`, []string{`s%\^hay<n><sg>\$ +\^fever<n><sg>\$%^allergy<n><sg>$ ^to<pr>$ ^the<det><def><sp>$ ^pollen<n><sg>$%g`}),
	// What a thing costs: "how much is it?" is "¿cuánto cuesta?" ("Cuánto
	// es"; the mode's own "cost" gives "Cuántos costes").
	only(`\^how much<det><itg><sg>\$ +\^be<vbser><pr`, slices.Concat(
		sayAs("H", "h", `ow much<det><itg><sg>\$ +\^be<vbser><pri><p3><sg>\$`, "cuánto cuesta", false),
		sayAs("H", "h", `ow much<det><itg><sg>\$ +\^be<vbser><pres>\$`, "cuánto cuestan", false),
	)),
	allergicTo,
	// The rubbish and the bins taken or put out are "sacar la basura"
	// ("Toma fuera de la basura", "Olvidé poner el cubo fuera"): "remove",
	// which the mode writes "sacar".
	only(`\^(take)*(put)*<vblex>[^$]*\$ +(\^out<adv>\$ +)?\^the<det><def><sp>\$ +\^(rubbish)*(bin)*(trash)*(garbage)*<n>`, []string{
		`s%\^(take)*(put)*(<vblex>[^$]*\$ +\^the<det><def><sp>\$ +)\^(rubbish)*(bin)*(trash)*(garbage)*<n><[a-z]+>\$ +\^out<adv>\$%^remove\3^rubbish<n><sg>$%g`,
		`s%\^(take)*(put)*(<vblex>[^$]*\$) +\^out<adv>\$( +\^the<det><def><sp>\$ +)\^(rubbish)*(bin)*(trash)*(garbage)*<n><[a-z]+>\$%^remove\3\4^rubbish<n><sg>$%g`,
	}),
	// Rent and prices go up, "aumentar" ("El alquiler remontó", "Están
	// poniendo arriba del alquiler").
	only(`\^(rent)*(price)*<n>`, []string{
		`s%(\^(rent)*(price)*<n>[^$]*\$) +\^go<vblex>([^$#]*)# up\$%\1 ^increase<vblex>\4$%g`,
		`s%\^put(<vblex>[^$]*\$) +\^up<[a-z]+>\$(( +\^[^<$]*<det>[^$]*\$)? +\^(rent)*(price)*<n>)%^increase\1\2%g`,
	}),
	// Babysitting and behaving, which the mode lacks ("¿puede tú
	// babysit?", "los niños behaved").
	only(`\^\*babysit\$`, []string{`s%\^\*babysit\$%` + superblank("cuidar a los niños") + `%g`}),
	only(`\^\*behaved\$`, []string{
		`s%\^prpers<prn><subj><p3><mf><pl>\$ +\^\*behaved\$%` + superblank("se portaron") + `%g`,
		`s%(\^prpers<prn><subj><p3><[mf]><sg>\$) +\^\*behaved\$%\1 ` + superblank("se portó") + `%g`,
		`s%(\^[^<$]*<n><pl>\$) +\^\*behaved\$%\1 ` + superblank("se portaron") + `%g`,
		`s%(\^[^<$]*<n><sg>\$) +\^\*behaved\$%\1 ` + superblank("se portó") + `%g`,
	}),
)

// allergicTo gives what one is allergic to its article, as Spanish and
// Catalan say it ("alérgico a gatos", French through Spanish "allergique
// à pollen"): "alérgico a los gatos", "allergique au pollen", Portuguese
// "alérgico à penicilina".
var allergicTo = only(`\^allergic<adj>\$ +\^to<pr>\$ +\^[^<$]*<n>`, []string{
	`s%(\^allergic<adj>\$ +\^to<pr>\$)( +\^[^<$]*<n>)%\1 ^the<det><def><sp>$\2%g`,
})

// repairsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var repairsSpanish = slices.Concat(
	// "tener alergia a" is being allergic to ("I have allergy to the
	// acaruses"), and what one is allergic to has no article in English
	// ("I'm allergic to the seafood"). The third person only after its
	// subject ("mi hijo tiene alergia a"): alone, spa-eng would write
	// "it is".
	only(`\^alergia<n><f><sg>\$ +\^a<pr>`, []string{
		`s%\^([Tt])ener<vblex>(<[a-z]+>)(<p[12]>)(<[a-z]+>)\$ +\^alergia<n><f><sg>\$( +\^a<pr>)%^\1_parley<vbser>\2\3\4$ ^alérgico<adj><m>\4$\5%g`,
		`s%(\^[^<$]*<n[p]*>[^$]*\$ +)\^tener<vblex>(<[a-z]+>)(<p3>)(<[a-z]+>)\$ +\^alergia<n><f><sg>\$( +\^a<pr>)%\1^t_parley<vbser>\2\3\4$ ^alérgico<adj><m>\4$\5%g`,
		`s%\^T_parley<vbser>%^Ser<vbser>%g`, `s%\^t_parley<vbser>%^ser<vbser>%g`,
	}),
	only(`\^alérgico<adj>[^$]*\$ +\^a<pr>`, []string{
		`s%(\^alérgico<adj>[^$]*\$ +\^a<pr>)\+el<det><def><[mf]><sg>\$%\1$%g`,
		`s%(\^alérgico<adj>[^$]*\$ +\^a<pr>\$) +\^el<det><def><[mf]><[a-z]+>\$%\1%g`,
	}),
	// "me falta un tornillo" is I'm missing a screw ("it's missing me a
	// bolt").
	only(`<prn><pro><p[12]><mf><[a-z]+>\$ +\^faltar<vblex><pri><p3>`, func() []string {
		var subs []string
		for _, p := range [][2]string{{"p1><mf><sg", "I'm missing"}, {"p2><mf><sg", "you're missing"}, {"p1><mf><pl", "we're missing"}} {
			for _, n := range []string{"sg", "pl"} {
				subs = append(subs, sayAs("P", "p", `rpers<prn><pro><`+p[0]+`>\$ +\^faltar<vblex><pri><p3><`+n+`>\$`, p[1], false)...)
			}
		}
		return subs
	}()),
	// Double-parking ("I've parked in double row").
	only(`\^aparcar<vblex><pp>[^$]*\$ +\^en<pr>\$ +\^doble<adj>`, []string{
		`s%(\^haber<vbhaver>[^$]*\$) +\^aparcar<vblex><pp>[^$]*\$ +\^en<pr>\$ +\^doble<adj>[^$]*\$ +\^fila<n><f><sg>\$%\1 ` + superblank("double-parked") + `%g`,
	}),
	// A room painted a colour ("I painted the room of blue").
	only(`\^pintar<vblex>[^$]*\$ +\^[^<$]*<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$ +\^de<pr>`, func() []string {
		var subs []string
		for _, c := range [][2]string{{"azul", "blue"}, {"blanco", "white"}, {"rojo", "red"}, {"verde", "green"}, {"amarillo", "yellow"},
			{"negro", "black"}, {"gris", "grey"}, {"rosa", "pink"}, {"naranja", "orange"}, {"morado", "purple"}, {"marrón", "brown"}} {
			subs = append(subs, `s%(\^pintar<vblex>[^$]*\$ +\^[^<$]*<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$) +\^de<pr>\$ +\^`+c[0]+`<[a-z]+>[^$]*\$%\1 `+superblank(c[1])+`%g`)
		}
		return subs
	}()),
	// Doing it "yo solo", "yo sola" is by myself ("I only").
	only(`\^prpers<prn><tn><p1><mf><sg>\$ +\^sol`, []string{
		`s%\^prpers<prn><tn><p1><mf><sg>\$ +\^sol[oa]<[a-z]+>(<[mf]><sg>)*\$%` + superblank("by myself") + `%g`,
	}),
	// The rubbish lorry ("the truck of the rubbish").
	only(`\^camión<n><m><sg>\$ +\^de<pr>\$ +\^el<det><def><f><sg>\$ +\^basura<n>`, []string{
		`s%\^camión<n><m><sg>\$ +\^de<pr>\$ +\^el<det><def><f><sg>\$ +\^basura<n><f><sg>\$%` + superblank("bin lorry") + `%g`,
	}),
	// What one "ha sacado" is taken (spa-eng writes the participle
	// "take": "do you have take the rubbish?"): a thing, not a dog taken
	// out ("¿has sacado al perro?", walkDog) nor a tooth out of me ("me
	// han sacado una muela", left to the mode).
	only(`\^sacar<vblex><pp>[^$]*\$ +\^[^<$]*<(det)*(num)*(n)*>`, []string{
		`s%(<prn><pro>[^$]*\$ +\^haber<vbhaver>[^$]*\$ +\^)sacar<vblex><pp>%\1sacar_parley<vblex><pp>%g`,
		`s%\^sacar<vblex><pp>[^$]*\$( +\^[^<$]*<(det)*(num)*(n)*>)%` + superblank("taken") + `\1%g`,
		`s%\^sacar_parley<%^sacar<%g`,
	}),
	// A bag is "bolsa" ("the stock exchange has broken"), but "la bolsa
	// de valores".
	only(`\^bolsa<n>`, []string{
		`s%\^([Bb])olsa<n><f>(<[a-z]+>)\$%^\1olso<n><m>\2$%g`,
		`s%\^([Bb])olso<n><m>(<[a-z]+>)\$( +\^de<pr>\$ +\^valor<n>)%^\1olsa<n><f>\2$\3%g`,
	}),
	// Verbs of chat the mode lacks: what has to be done ("hay que lijar",
	// "It is necessary lijar"; French "il faut repeindre" through fr-es's
	// "hace falta repintar") and a car parked (Portuguese "estacionar"
	// through pt-es).
	only(`\^\*(lijar)*(repintar)*(estacionar)*\$`, func() []string {
		subs := []string{`s%\^\*estacionar\$%^aparcar<vblex><inf>$%g`}
		for _, v := range [][2]string{{"lijar", "sand"}, {"repintar", "repaint"}} {
			for _, must := range []string{`aber que<vbmod><pri><p3><sg>\$`, `acer<vblex><pri><p3><sg>\$ +\^falt[ao]<[^$]*\$`} {
				subs = append(subs, sayAs("H", "h", must+` +\^\*`+v[0]+`\$`, "you have to "+v[1], false)...)
			}
			subs = append(subs, `s%\^\*`+v[0]+`\$%`+superblank(v[1])+`%g`)
		}
		return subs
	}()),
)

// repairsFrench are tag fixes of es-fr (and of en→fr through Spanish).
var repairsFrench = slices.Concat(
	// A car left "en el parking" is "au parking" ("en le parking": the
	// mode lacks the word), parked "en la esquina" "au coin" ("dans le
	// coin"), and what is on a road "sur" it ("dans cette route").
	only(`\^en<pr>\$ +\^el<det><def><[mf]><sg>\$ +\^(\*parking)*(esquina<n>)*`, []string{
		`s%\^en<pr>\$( +\^el<det><def><m><sg>\$ +\^\*parking\$)%^a<pr>$\1%g`,
		`s%\^en<pr>\$( +\^el<det><def><f><sg>\$ +\^esquina<n><f><sg>\$)%^a<pr>$\1%g`,
	}),
	only(`\^en<pr>\$ +\^[^<$]*<det>[^$]*\$ +\^carretera<n>`, []string{
		`s%\^en<pr>\$( +\^[^<$]*<det>[^$]*\$ +\^carretera<n>)%^sobre<pr>$\1%g`,
	}),
)

// repairsPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): "mal" after a verb is badly, "mal" ("cheira mal", "huele
// apenas"; before one it is barely, "mal cheguei").
var repairsPortuguese = only(`<vblex>[^$]*\$ +\^mal<adv>`, []string{
	`s%(<vblex>[^$]*\$) +\^mal<adv>\$%\1 ` + superblank("mal") + `%g`,
})

// repairsFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish).
var repairsFrenchToSpanish = slices.Concat(
	// What makes one ill "me pone enfermo" ("me devuelve enfermo").
	only(`\^rendre<vblex>[^$]*\$ +\^[^<$]*<adj>`, []string{`s%\^rendre(<vblex>[^$]*\$ +\^[^<$]*<adj>)%^mettre\1%g`}),
	// Repainting and being allergic, which the mode lacks ("hace falta
	// repeindre", "soy allergique"): in Spanish words, so that spa-eng
	// reads them after (repairsSpanish).
	only(`\^\*repeindre\$`, []string{`s%\^\*repeindre\$%` + superblank("repintar") + `%g`}),
	only(`\^\*allergique`, []string{
		`s%\^\*allergique\$%` + superblank("alérgico") + `%g`,
		`s%\^\*allergiques\$%` + superblank("alérgicos") + `%g`,
	}),
	// What "je" did "tout seul" is "yo solo" ("todo solo", all alone),
	// and a shelf "monté" is assembled, "montado" ("he subido el
	// estante").
	only(`\^tout<predet><[mf]><sg>\$ +\^seul<adj>`, []string{
		`s%(\^je<prn>[^$]*\$` + sameSentence + `) +\^tout<predet><m><sg>\$ +\^seul<adj><m><sg>\$%\1 ` + superblank("yo solo") + `%g`,
		`s%(\^je<prn>[^$]*\$` + sameSentence + `) +\^tout<predet><f><sg>\$ +\^seul<adj><f><sg>\$%\1 ` + superblank("yo sola") + `%g`,
	}),
	only(`\^monter<vblex><pp>[^$]*\$ +\^[^<$]*<det>[^$]*\$ +\^(étagère)*(meuble)*(armoire)*(lit)*(table)*(bureau)*<n>`, func() []string {
		// "je" goes with it, as the mode drops it before a verb.
		subs := sayAs("J", "j", `e<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^monter<vblex><pp>[^$]*\$`, "he montado", false)
		for _, p := range [][2]string{{"p1><sg", "he montado"}, {"p2><sg", "has montado"}, {"p3><sg", "ha montado"}, {"p1><pl", "hemos montado"}} {
			subs = append(subs, `s%\^avoir<vbhaver><pri><`+p[0]+`>\$ +\^monter<vblex><pp>[^$]*\$( +\^[^<$]*<det>[^$]*\$ +\^(étagère)*(meuble)*(armoire)*(lit)*(table)*(bureau)*<n>)%`+superblank(p[1])+`\1%g`)
		}
		return subs
	}()),
	// "je me suis garé" is "he aparcado" ("me he aparcado").
	only(`\^me<prn><pro><p1><mf><sg>\$ +\^être<vbser><pri><p1><sg>\$ +\^garer<vblex><pp>`, []string{
		`s%\^me<prn><pro><p1><mf><sg>\$ +\^être<vbser><pri><p1><sg>\$ +\^garer<vblex><pp>[^$]*\$%^avoir<vbhaver><pri><p1><sg>$ ^garer<vblex><pp><m><sg>$%g`,
	}),
)

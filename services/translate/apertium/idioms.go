package apertium

import (
	"regexp"
	"strings"
)

// Spanish idioms eng-spa writes word by word, each always wrong as it
// comes out, so rewritten wherever it stands in the prose:
//
//   - being late is arriving late: "I'll be five minutes late" came out
//     "Seré cinco minutos tarde", Spanish says "Llegaré cinco minutos
//     tarde" ("I'm late" the mode writes "Llego tarde" itself). Only the
//     first and second persons: "es tarde" is "it is late";
//   - "from home" came out "de en casa" (eng-spa's "home" is the adverb
//     "en casa"): "trabajo desde casa".
var (
	spanishLate = regexp.MustCompile(`(?i)\b(?:(voy|vas|vamos|vais)\s+a\s+(ser)|(soy|eres|somos|sois|seré|serás|seremos|seréis))` +
		`((?:\s+(?:un|unos|una|poco|pocos|minuto|minutos|media|hora|horas|muy|algo|bastante|\d+|dos|tres|cuatro|cinco|diez|quince|veinte|treinta))*)` +
		`(\s+tarde)\b`)
	spanishFromHome = regexp.MustCompile(`\b([Dd])e(\s+)en\s+casa\b`)
)

// arriveLate maps the forms of "ser" spanishLate finds to "llegar"'s.
var arriveLate = map[string]string{
	"ser": "llegar", "soy": "llego", "eres": "llegas", "somos": "llegamos", "sois": "llegáis",
	"seré": "llegaré", "serás": "llegarás", "seremos": "llegaremos", "seréis": "llegaréis",
}

// mayHaveSpanishIdioms is the cheap test before spanishIdioms.
func mayHaveSpanishIdioms(text string) bool {
	return strings.Contains(text, "tarde") || strings.Contains(text, "TARDE") || strings.Contains(text, "en casa")
}

// spanishIdioms rewrites the idioms above in output's prose (ranges),
// keeping the writer's capitals.
func spanishIdioms(output string, ranges [][2]int) string {
	var edits []edit
	for _, m := range proseMatches(spanishLate, output, ranges) {
		from, to := m[4], m[5] // "ser" after "voy a"
		if from < 0 {
			from, to = m[6], m[7]
		}
		form := output[from:to]
		edits = append(edits, edit{from: from, to: to, text: caseLike(form, arriveLate[strings.ToLower(form)])})
	}
	for _, m := range proseMatches(spanishFromHome, output, ranges) {
		edits = append(edits, edit{from: m[0], to: m[1], text: output[m[2]:m[3]] + "esde" + output[m[4]:m[5]] + "casa"})
	}
	return applyEdits(output, edits)
}

// French parts of the day, which es-fr writes from Spanish's "por la
// mañana", "por la noche" word by word ("demain par le matin", "travail
// par le matin", "demain par la nuit"; eng-spa's "tomorrow morning" is
// "mañana por la mañana" too): French says "le matin", "la nuit", and
// after a day, "demain matin", "hier après-midi", "lundi soir" (of a
// night, the evening: "demain soir"). es-fr's "demain l'après-midi" loses
// the article too.
var (
	frenchDayPart = regexp.MustCompile(`(?i)\b(demain|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(\s+)(?:par\s+)?(?:le\s+|la\s+|l')(matin|après-midi|soir|nuit)\b`)
	frenchByPart  = regexp.MustCompile(`(?i)\bpar\s+((?:le|la)\s+(?:matin|soir|nuit))\b`)
)

// mayHaveFrenchDayParts is the cheap test before frenchDayParts.
func mayHaveFrenchDayParts(text string) bool {
	return strings.Contains(text, "par l") || strings.Contains(text, "PAR L") || strings.Contains(text, "l'après-midi") || strings.Contains(text, "L'APRÈS-MIDI")
}

// frenchDayParts rewrites the parts of the day above in output's prose
// (ranges), keeping the writer's capitals.
func frenchDayParts(output string, ranges [][2]int) string {
	var edits []edit
	for _, m := range proseMatches(frenchDayPart, output, ranges) {
		part := output[m[6]:m[7]]
		if strings.EqualFold(part, "nuit") {
			part = caseLike(part, "soir")
		}
		edits = append(edits, edit{from: m[0], to: m[1], text: output[m[2]:m[3]] + output[m[4]:m[5]] + part})
	}
	for _, m := range proseMatches(frenchByPart, output, ranges) {
		edits = append(edits, edit{from: m[0], to: m[1], text: output[m[2]:m[3]]})
	}
	return applyEdits(output, edits)
}

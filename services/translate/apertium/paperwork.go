package apertium

import (
	"regexp"
	"strings"
)

// Paperwork and helping family with their devices (rounds chat69 and
// chat70): what spa-eng and the pivots write word by word.

// English: Spanish "hay que" and French "il faut" are "is it necessary
// to" ("¿dónde hay que firmar?", "where is it necessary to sign?"), "sin
// querer" is "without wanting", a screenshot is done "of screen" ("¿cómo
// se hace una captura de pantalla?", "how does it do a screenshot of
// screen?"), an appointment has no article ("I have appointment in the
// bank"), and Portugal's citizen card is "the card of citizen".
var (
	englishNecessaryAsked = regexp.MustCompile(`\b([Ww]here|[Ww]hat|[Ww]hen|[Hh]ow)\s+is\s+it\s+necessary\s+to\b`)
	englishNecessary      = regexp.MustCompile(`\b([Ii]t\s+is|[Ii]t's)\s+necessary\s+to\b`)
	englishByAccident     = regexp.MustCompile(`\bwithout\s+wanting(?:\s+to)?\b`)
	englishScreenOf       = regexp.MustCompile(`\b(screenshots?)\s+of\s+(?:the\s+)?screen\b`)
	englishDoScreenshot   = regexp.MustCompile(`\b(?:does\s+it\s+do|do|does|did|make|makes|made|doing|making)\s+(a|the)\s+screenshot\b`)
	englishAppointment    = regexp.MustCompile(`\b(have|has|had|got)\s+appointment\s+(?:in|at)\s+the\s+(bank|doctor|dentist|hairdresser|town\s+hall|office)\b`)
	englishCitizenCard    = regexp.MustCompile(`\b(?:((?i:the|my|your|his|her|our|their))\s+)?card\s+of\s+(?:the\s+)?citizen\b`)
)

// paperworkRewrites are the rewrites above (gatedRewrite).
var paperworkRewrites = []gatedRewrite{
	{englishNecessaryAsked, "necessary", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + " do I have to", true }},
	{englishNecessary, "necessary", "", func(o string, m []int) (string, bool) { return caseLike(o[m[2]:m[3]], "you") + " have to", true }},
	{englishByAccident, "without wanting", "", func(string, []int) (string, bool) { return "by accident", true }},
	{englishDoScreenshot, "screenshot", "", func(o string, m []int) (string, bool) {
		take := "take"
		switch said := o[m[0]:m[2]]; {
		case strings.HasPrefix(said, "does it"):
			take = "do you take"
		case strings.HasPrefix(said, "does"), strings.HasPrefix(said, "makes"):
			take = "takes"
		case strings.HasPrefix(said, "did"), strings.HasPrefix(said, "made"):
			take = "took"
		case strings.HasPrefix(said, "doing"), strings.HasPrefix(said, "making"):
			take = "taking"
		}
		return take + " " + o[m[2]:m[3]] + " screenshot", true
	}},
	{englishAppointment, "appointment", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " an appointment at the " + o[m[4]:m[5]], true
	}},
	{englishCitizenCard, "citizen", "", func(o string, m []int) (string, bool) {
		// One's own where the line says whose ("my card of citizen" was
		// "my my ID card").
		if m[2] >= 0 && !strings.EqualFold(o[m[2]:m[3]], "the") {
			return o[m[2]:m[3]] + " ID card", true
		}
		return caseLike(o[m[0]:m[1]], "my ID card"), true
	}},
}

// mayHavePaperwork reports whether an English output may need
// englishPaperwork.
func mayHavePaperwork(text string) bool { return mayRewrite(paperworkRewrites, text) }

// englishPaperwork writes the above in output's prose (ranges): "where
// do I have to sign?", "you have to", "by accident", "how do you take a
// screenshot?", "I have an appointment at the bank", "my ID card".
func englishPaperwork(output string, ranges [][2]int) string {
	return applyRewrites(paperworkRewrites, output, ranges)
}

// englishScreenshots writes spa-eng's "screenshot of screen" ("captura
// de pantalla") as "screenshot" in output's prose (ranges); before
// englishPaperwork, whose screenshot taken may be it.
func englishScreenshots(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(englishScreenOf, output, ranges, func(m []int) string { return output[m[2]:m[3]] }))
}

// Spanish: eng-spa's "el wifi contraseña" ("the wifi password") is "la
// contraseña del wifi", and fr-es's "ayto." is the town hall written out.
var (
	spanishWifiPassword = regexp.MustCompile(`\b([Ee]l|[Tt]u|[Ss]u|[Mm]i)\s+wifi\s+contraseña\b`)
	spanishTownHall     = regexp.MustCompile(`\b([Aa])yto\.`)
)

// paperworkRewritesByTarget are the rewrites of the other targets
// (gatedRewrite): the two Spanish above and the Portuguese and French
// below.
var paperworkRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishWifiPassword, "wifi contraseña", "", func(o string, m []int) (string, bool) {
			the := "la"
			if det := strings.ToLower(o[m[2]:m[3]]); det != "el" {
				the = det
			}
			return caseLike(o[m[2]:m[3]], the) + " contraseña del wifi", true
		}},
		{spanishTownHall, "yto.", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + "yuntamiento", true }},
	},
	"pt": {
		{portugueseRanOut, "-se sem", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + " sem", true }},
	},
	"fr": {
		{frenchUyer, "ppuye|ttoye|mploye|nnuye|ssuye", "", func(o string, m []int) (string, bool) {
			end := ""
			if m[4] >= 0 {
				end = o[m[4]:m[5]]
			}
			return o[m[2]:m[3]] + "ie" + end, true
		}},
	},
}

// Portuguese says "ficar sem" without the reflexive es-pt keeps from
// "quedarse sin" ("o móvel ficou-se sem memória").
var portugueseRanOut = regexp.MustCompile(`\b(fic\p{L}+)-se\s+sem\b`)

// French verbs in -uyer and -oyer write "i" before a silent "e"
// ("appuie", "nettoie"); es-fr's generator writes the imperative with "y"
// ("appuye sur le bouton vert", for "presiona").
var frenchUyer = regexp.MustCompile(`\b([Aa]ppu|[Nn]etto|[Ee]mplo|[Ee]nnu|[Ee]ssu)ye(s|nt)?\b`)

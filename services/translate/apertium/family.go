package apertium

import (
	"regexp"
	"strings"
)

// Family news (round chat68): asking after a person, birthdays, a fever.

// "how is your mother?" asks how she is, "¿cómo está tu madre?", not what
// she is like, which eng-spa writes ("¿cómo es tu madre?"; Portuguese
// through it "como é tua mãe?").
var (
	spanishHowIsPerson    = regexp.MustCompile(`\b([Cc]ómo)\s+(es|son)\s+((?:tu|tus|su|sus|mi|mis|vuestr[oa]s?|el|la|los|las)\s+(?:madre|padre|padres|mamá|papá|abuel[oa]s?|herman[oa]s?|hij[oa]s?|niñ[oa]s?|bebé|bebés|familia|mujer|marido|novi[oa]|amig[oa]s?|tí[oa]s?|prim[oa]s?|sobrin[oa]s?|perro|gato))\b`)
	portugueseHowIsPerson = regexp.MustCompile(`\b([Cc]omo)\s+(é|são)\s+(?:(?:a|o|os|as)\s+)?((?:tua|teu|tuas|teus|sua|seu|suas|seus|minha|meu)\s+(?:mãe|pai|pais|mamãe|papai|avó|avô|avós|irmã|irmão|irmãos|filha|filho|filhos|bebé|família|mulher|marido|namorad[oa]|amig[oa]s?|ti[oa]s?|prim[oa]s?|sobrinh[oa]s?|cão|gato))\b`)
)

// asksHowSomeoneIs reports whether an English source asks how someone is.
func asksHowSomeoneIs(source string) bool {
	lower := strings.ToLower(source)
	return strings.Contains(lower, "how is ") || strings.Contains(lower, "how's ") || strings.Contains(lower, "how are ")
}

// howIsPerson writes howIsPerson's "ser" as "estar" in a Spanish or
// Portuguese (tgt) output's prose (ranges).
func howIsPerson(tgt, output string, ranges [][2]int) string {
	re, forms := spanishHowIsPerson, map[string]string{"es": "está", "son": "están"}
	if tgt == "pt" {
		re, forms = portugueseHowIsPerson, map[string]string{"é": "está", "são": "estão"}
	}
	return applyEdits(output, proseEdits(re, output, ranges, func(m []int) string {
		person := output[m[6]:m[7]]
		if tgt == "pt" {
			// European Portuguese puts the article before a possessive.
			article := "o "
			if strings.HasPrefix(person, "tua") || strings.HasPrefix(person, "sua") || strings.HasPrefix(person, "minha") {
				article = "a "
			}
			if strings.HasPrefix(person, "teus") || strings.HasPrefix(person, "seus") || strings.HasPrefix(person, "meus") {
				article = "os "
			} else if strings.HasPrefix(person, "tuas") || strings.HasPrefix(person, "suas") || strings.HasPrefix(person, "minhas") {
				article = "as "
			}
			person = article + person
		}
		return output[m[2]:m[3]] + " " + forms[output[m[4]:m[5]]] + " " + person
	}))
}

// Portugal's birthday is "fazer anos" ("a minha avó faz anos amanhã"):
// pt-es writes "hace años", "cumple años", and English through it "does
// years", "it's my grandmother's birthday".
var (
	spanishDoesYears = regexp.MustCompile(`\b([Hh]ace|[Hh]aces|[Hh]ago|[Hh]acen|[Hh]acemos)\s+años\b`)
	englishDoesYears = regexp.MustCompile(`(?:^|\b)((?:[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir)\s+\p{L}+)\s+does\s+years\b`)
	englishIDoYears  = regexp.MustCompile(`\b(I|[Yy]ou|[Ww]e)(?:'ll|\s+will)?\s+(?:do|does)\s+years\b`)
)

// birthdayForms are spanishDoesYears's "hacer" as "cumplir".
var birthdayForms = map[string]string{"hace": "cumple", "haces": "cumples", "hago": "cumplo", "hacen": "cumplen", "hacemos": "cumplimos"}

// possessiveOf is englishIDoYears's subject's possessive.
var possessiveOf = map[string]string{"i": "my", "you": "your", "we": "our"}

// turnsYears reports whether a Portuguese source says a birthday so.
func turnsYears(source string) bool {
	lower := strings.ToLower(source)
	return strings.Contains(lower, "faz anos") || strings.Contains(lower, "fazes anos") || strings.Contains(lower, "faço anos") || strings.Contains(lower, "fazem anos") || strings.Contains(lower, "fazemos anos")
}

// birthdays writes a birthday in a Spanish or English (tgt) output's
// prose (ranges).
func birthdays(tgt, output string, ranges [][2]int) string {
	if tgt == "es" {
		return applyEdits(output, proseEdits(spanishDoesYears, output, ranges, func(m []int) string {
			verb := output[m[2]:m[3]]
			return caseLike(verb, birthdayForms[strings.ToLower(verb)]) + " años"
		}))
	}
	edits := proseEdits(englishDoesYears, output, ranges, func(m []int) string {
		whose := output[m[2]:m[3]]
		return caseLike(whose, "it's "+strings.ToLower(whose[:1])+whose[1:]+"'s birthday")
	})
	edits = append(edits, proseEdits(englishIDoYears, output, ranges, func(m []int) string {
		who := output[m[2]:m[3]]
		its := "it's "
		if m[0] == 0 || who != "I" && startsUpper(who) {
			its = "It's "
		}
		return its + possessiveOf[strings.ToLower(who)] + " birthday"
	})...)
	return applyEdits(output, edits)
}

// French has "de la fièvre" ("l'enfant a fièvre", Spanish "tiene
// fiebre").
var frenchFever = regexp.MustCompile(`\b(ai|as|a|avons|avez|ont|avais|avait|avaient)\s+fièvre\b`)

// Running out of a thing, "quedarse sin" ("nos quedamos sin leche"),
// es-fr writes "nous nous restons sans lait": "nous n'avons plus de
// lait".
var frenchRanOut = regexp.MustCompile(`\b([Nn]ous)\s+nous\s+restons\s+sans\s+(?:des\s+)?(\p{L}+)`)

// familyRewritesFrench are the two French rewrites above (gatedRewrite).
var familyRewritesFrench = []gatedRewrite{
	{frenchFever, "fièvre", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + " de la fièvre", true }},
	{frenchRanOut, "restons sans", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " n'avons plus " + frenchDe(o[m[4]:m[5]]), true
	}},
}

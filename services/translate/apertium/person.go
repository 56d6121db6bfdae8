package apertium

import (
	"strings"
)

// The person of a subject Spanish and Portuguese leave out. Their
// imperfect and pluperfect say the first person as the third ("estaba",
// "había visto", "tinha visto"), and spa-eng reads a verb with no subject
// as the third, "it": "perdona, no había visto tu mensaje" came out "it
// had not seen your message", "estaba en una reunión" "it was in a
// meeting", "no tenía tiempo" "it did not have time". A chat message
// that starts a clause with such a verb nearly always speaks of its
// writer. French says "je", but fr-es drops it and the pivot's Spanish is
// as ambiguous ("j'avais pas vu ton message", "it had not seen").
//
// firstPersonIt writes "I" for the "it" that starts an English clause of
// output, before a verb a person does (was in, was eating, had seen,
// thought, wanted), as many times as the source starts a clause with
// such a verb and no subject: "Juan estaba en una reunión" and "il était
// en réunion" keep theirs, and "estaba roto" stays "it was broken" (no
// person's state). ranges are output's prose.
func firstPersonIt(source, lang, output string, ranges [][2]int) string {
	n := firstPersonClauses(source, lang)
	if n == 0 {
		return output
	}
	words := proseWords(output, 0, len(output), ranges)
	var edits []edit
	for k := 0; k+2 < len(words) && len(edits) < n; k++ {
		w := words[k]
		if w.lower != "it" || !clauseStart(output, words, k) || !personAfterIt(words[k+1:]) {
			continue
		}
		edits = append(edits, edit{from: w.from, to: w.to, text: "I"})
	}
	return applyEdits(output, edits)
}

// clauseStart reports whether words[k] starts a clause of output: the
// first word, or one after sentence or clause punctuation, a line break
// or a conjunction.
func clauseStart(output string, words []word, k int) bool {
	if k == 0 {
		return true
	}
	prev := words[k-1]
	if prev.text == "" {
		return false // after a mention or a link: "@ana it was"
	}
	if strings.ContainsAny(output[prev.to:words[k].from], ",.;:!?¿¡\n") {
		return true
	}
	return englishConjunctions[prev.lower]
}

var englishConjunctions = setOf("and", "but", "so", "because", "since")

// personAfterIt reports whether the words after a clause's "it" say what
// a person does: "was" with a place, a gerund or a person's state ("was
// in a meeting", "was eating", "was busy"), "had" with a participle ("had
// not seen"), or a verb of the mind or the will ("thought", "wanted",
// "did not have time").
func personAfterIt(rest []word) bool {
	v := rest[0].lower
	next := ""
	if len(rest) > 1 {
		next = rest[1].lower
	}
	// "had not seen", "had already seen", "had not even seen".
	for i := 2; i < len(rest) && (next == "not" || next == "already" || next == "just" || next == "never" || next == "still" || next == "even"); i++ {
		next = rest[i].lower
	}
	switch v {
	case "was", "wasn't":
		// A thing on sale ("estaba de oferta", "it was on sale") is no
		// person in a place.
		if next == "on" && len(rest) > 2 && (rest[2].lower == "sale" || rest[2].lower == "offer") {
			return false
		}
		// The weather's "-ing" is no person's doing ("hacía un frío que
		// pelaba", "it was freezing cold"; "it was raining").
		if weatherIng[next] {
			return false
		}
		return englishPrepositions[next] && next != "of" || strings.HasSuffix(next, "ing") || personStates[next]
	case "had", "hadn't":
		return next != "been" && participle(next)
	case "did", "didn't":
		return next == "have" || next == "know" || next == "want" || next == "see" || next == "understand" || next == "think"
	}
	return personVerbs[v]
}

// weatherIng are the weather's words in "-ing" after "it was".
var weatherIng = setOf("freezing", "raining", "snowing", "pouring", "drizzling", "boiling", "scorching", "blowing")

// personStates are a person's, not a thing's: "it was busy" from
// "estaba ocupado" is the writer.
var personStates = setOf("busy", "fed", "sick", "ill", "tired", "late", "asleep", "afraid", "worried", "sure", "confused",
	"home", "away", "lost", "alone", "free")

// personVerbs are the past of verbs a person does, as spa-eng writes the
// Spanish imperfect.
var personVerbs = setOf("thought", "believed", "wanted", "needed", "knew", "hoped", "wondered", "meant", "expected",
	"went", "tried", "could", "couldn't", "used", "remembered", "forgot", "waited", "worked", "looked", "called")

// firstPersonClauses counts the clauses of source (in lang) that start
// with a verb of one person whose form says the third as well, and no
// subject: Spanish "estaba", "había", "tenía" (after "no", "ya" or an
// object pronoun too), Portuguese "estava", "tinha", and French "je"
// before an imperfect ("j'avais", "je n'étais", "je pensais").
func firstPersonClauses(source, lang string) int {
	// The whole source as prose: a mention or a link is a word too.
	words := proseWords(source, 0, len(source), [][2]int{{0, len(source)}})
	n := 0
	for k := 0; k < len(words); k++ {
		if !clauseStart(source, words, k) {
			continue
		}
		j := k
		switch lang {
		case "es", "pt":
			for j < len(words)-1 && sourceBeforeVerb[lang][words[j].lower] {
				j++
			}
			if imperfectOfOne(words[j].lower, lang) {
				n++
			}
		case "fr":
			w := words[j].lower
			if w != "je" && !strings.HasPrefix(w, "j'") && !strings.HasPrefix(w, "j’") {
				continue
			}
			if w == "je" && j+1 < len(words) {
				j++
			}
			for j < len(words)-1 && sourceBeforeVerb[lang][words[j].lower] {
				j++
			}
			v := strings.TrimPrefix(strings.TrimPrefix(words[j].lower, "j'"), "j’")
			if v != words[j].lower && sourceBeforeVerb[lang][v] && j+1 < len(words) {
				// A pronoun elided with the subject: "j'en avais marre",
				// "j'y étais".
				j++
				for j < len(words)-1 && sourceBeforeVerb[lang][words[j].lower] {
					j++
				}
				v = words[j].lower
			}
			for _, p := range []string{"n'", "n’", "l'", "l’", "m'", "m’", "t'", "t’", "y'"} {
				v = strings.TrimPrefix(v, p)
			}
			if strings.HasSuffix(v, "ais") {
				n++
			}
		}
	}
	return n
}

// sourceBeforeVerb are the words that may come between a clause's start
// and its verb with no subject: negation, "already", object pronouns
// (not Spanish "se", which makes the verb impersonal: "se había roto").
var sourceBeforeVerb = map[string]map[string]bool{
	"es": setOf("no", "ya", "también", "todavía", "aún", "solo", "sólo", "me", "te", "lo", "la", "le", "los", "las", "les", "nos", "os"),
	"pt": setOf("não", "já", "também", "ainda", "só", "me", "te", "o", "a", "os", "as", "lhe", "lhes", "nos", "vos"),
	"fr": setOf("ne", "n'", "n’", "le", "la", "les", "l'", "lui", "leur", "y", "en", "me", "te", "m'", "t'", "pas"),
}

// imperfectOfOne reports whether w is a Spanish or Portuguese verb whose
// form is the first person singular's and the third's: the imperfect
// ("estaba", "tenía"; "estava", "tinha", "queria"), which the chat
// message's writer says of themselves.
func imperfectOfOne(w, lang string) bool {
	switch lang {
	case "es":
		if notImperfect[w] {
			return false
		}
		return len(w) > 4 && (strings.HasSuffix(w, "aba") || strings.HasSuffix(w, "ía"))
	case "pt":
		if notImperfect[w] {
			return false
		}
		return w == "tinha" || w == "ia" || len(w) > 4 && (strings.HasSuffix(w, "ava") || strings.HasSuffix(w, "ia"))
	}
	return false
}

// notImperfect end as the imperfect does and are no verbs.
var notImperfect = setOf("todavía", "policía", "compañía", "energía", "mayoría", "alegría", "garantía", "categoría",
	"tecnología", "guía", "maría", "mania", "família", "polícia", "companhia", "maioria", "alegria",
	"garantia", "categoria", "tecnologia", "energia", "academia", "farmacia", "farmácia", "media", "mídia")

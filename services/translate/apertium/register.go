package apertium

import "strings"

// "your" as chat says it. English "your" is one person's or a group's,
// and eng-spa and eng-cat write the group's, "vuestro" and "vostre",
// while their verbs speak to one person: "Control vuestro email",
// "comprova el vostre e-mail", "muchas gracias por vuestra ayuda". A chat
// message speaks to one person unless it says otherwise, and the modes'
// own verbs say "tú" ("¿Puedes…?", "envia'm"), so a translation from
// English says "tu" and "teu": "Gracias por tu ayuda", "comprova el teu
// e-mail", "La idea es la tuya". A message to a group ("thanks everyone
// for your help", "you guys", "team") keeps the modes' plural.

// groupWords say that an English message speaks to more than one person.
var groupWords = setOf("everyone", "everybody", "all", "guys", "folks", "team", "y'all", "yall", "both",
	"people", "gang", "everyone's")

// speaksToGroup reports whether English text addresses more than one
// person.
func speaksToGroup(text string) bool {
	lower := strings.ToLower(text)
	found := false
	forEachWord(lower, func(start, end int, _ bool) {
		if groupWords[lower[start:end]] {
			found = true
		}
	})
	return found
}

// spanishTu maps "vuestro" and its forms before a noun to "tu"/"tus",
// and after an article or alone (a pronoun) to "tuyo" and its forms.
var (
	spanishTuBefore = map[string]string{"vuestro": "tu", "vuestra": "tu", "vuestros": "tus", "vuestras": "tus"}
	spanishTuyo     = map[string]string{"vuestro": "tuyo", "vuestra": "tuya", "vuestros": "tuyos", "vuestras": "tuyas"}
	spanishArticles = setOf("el", "la", "los", "las", "lo", "al", "del")
)

// nounKept reports whether next, a part of output the modes did not
// write (a glossary term's target, code), is what the word w before it
// stands in front of: nothing but spaces between them. Glossary terms
// are nouns, and "tu `config.yaml`" is right too: "perdí tu mensaje",
// not "tuyo", where "message" is a product term.
func nounKept(output string, w, next word) bool {
	return next.from > w.to && strings.TrimSpace(output[w.to:next.from]) == ""
}

// catalanTeu maps "vostre" and its forms to "teu"'s; the plural takes
// the article's gender ("les vostres" → "les teves").
var catalanTeu = map[string]string{"vostre": "teu", "vostra": "teva", "vostres": "teus"}

// informalYour writes one person's "your" in output, a Spanish ("es") or
// Catalan ("ca") translation of English source, in its prose (ranges).
func informalYour(source, output, lang string, ranges [][2]int) string {
	return applyEdits(output, yourEdits(source, output, proseWords(output, 0, len(output), ranges), lang))
}

// yourEdits returns informalYour's edits of words, output's.
func yourEdits(source, output string, words []word, lang string) []edit {
	if speaksToGroup(source) {
		return nil
	}
	var edits []edit
	for k, w := range words {
		var to string
		switch lang {
		case "es":
			tu, ok := spanishTuBefore[w.lower]
			if !ok {
				continue
			}
			noun := k+1 < len(words) && !words[k+1].clause && (words[k+1].text != "" || nounKept(output, w, words[k+1]))
			article := k > 0 && spanishArticles[words[k-1].lower]
			if article || !noun {
				to = spanishTuyo[w.lower] // "la tuya", "es tuyo"
			} else {
				to = tu // "tu ayuda"
			}
		case "ca":
			teu, ok := catalanTeu[w.lower]
			if !ok {
				continue
			}
			if w.lower == "vostres" && k > 0 && words[k-1].lower == "les" {
				teu = "teves"
			}
			to = teu
		default:
			return nil
		}
		if startsUpper(w.text) {
			to = upperFirst(to)
		}
		edits = append(edits, edit{from: w.from, to: w.to, text: to})
	}
	return edits
}

package apertium

import (
	"slices"
	"strings"
)

// Spanish "trabajar" for a person's work. eng-spa's lexical selection
// picks "obrar" for "work" with a person as its subject ("I work from
// home", "Obro de casa"; "are you working today?", "¿estás obrando
// hoy?"), a verb Spanish keeps for acting ("obrar bien") and miracles.
// Chat means the job: "trabajo desde casa", "¿estás trabajando hoy?".
// Where "work" is what a thing does, the tagger fixes have made it
// "funcionar" already (thingsWork) where they can tell, so the forms of
// "obrar" left are mostly a person's (but see obrarForms). "obra" and
// "obras" are nouns too (a play, roadworks), and are rewritten only
// after a subject pronoun or "no".

// obrarForms maps the forms of "obrar" that are only the verb's to
// "trabajar"'s, and tells those of the first and second persons, whose
// subject is a person, from the others ("no puede obrar", for "cannot
// work around" a bug, or "la salida no obra", output that does not
// work, are a thing's: they are rewritten only in a text that speaks as
// a person or to one, where they mostly are a person's).
var obrarForms = func() map[string]obrarForm {
	m := map[string]obrarForm{}
	for _, end := range []string{"o", "amos", "áis", "é", "aste", "asteis", "ábamos", "abais", "abas", "aré",
		"arás", "aremos", "aréis", "arías", "aríamos", "es", "emos"} {
		m["obr"+end] = obrarForm{"trabaj" + end, true}
	}
	for _, end := range []string{"an", "ando", "ado", "ada", "ados", "adas", "ó", "aron", "aba", "aban", "ar",
		"ará", "arán", "aría", "arían", "e", "en"} {
		m["obr"+end] = obrarForm{"trabaj" + end, false}
	}
	return m
}()

type obrarForm struct {
	trabajar string
	person   bool // the first or second person's
}

// obraSubjects are the words after which "obra" and "obras" are the
// verb.
var obraSubjects = setOf("tú", "él", "ella", "usted", "no", "que", "también", "ya", "todavía", "aún", "hoy")

// workEdits returns the edits that write the forms of "obrar" in words
// as "trabajar"'s, in their case; personal is set for a source that
// speaks as a person or to one (speaksAsPerson).
func workEdits(words []word, personal bool) []edit {
	var edits []edit
	for k, w := range words {
		if len(w.lower) < 4 || w.lower[:3] != "obr" {
			continue
		}
		f, ok := obrarForms[w.lower]
		if !ok && (w.lower == "obra" || w.lower == "obras") && k > 0 && obraSubjects[words[k-1].lower] {
			f, ok = obrarForm{"trabaj" + w.lower[3:], false}, true
		}
		if !ok || !f.person && !personal {
			continue
		}
		to := f.trabajar
		switch w.text {
		case w.lower:
		case upperFirst(w.lower):
			to = upperFirst(to)
		default:
			continue
		}
		edits = append(edits, edit{from: w.from, to: w.to, text: to})
	}
	return edits
}

// speaksAsPerson reports whether an English text speaks as a person or
// to one, or of people: it has "I", "you", "we", "my"... (see personal)
// or a word only a person is ("who is working on the bug?", "¿quién
// está obrando en el bug?").
func speaksAsPerson(text string) bool {
	return slices.ContainsFunc(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !isWordRune(r) && r != '\''
	}), func(w string) bool { return personal[w] || people[w] })
}

// people are the English words that only name a person: "it" and "they"
// may be things, "who" and "he" may not.
var people = setOf("who", "who's", "whom", "he", "he's", "she", "she's", "someone", "somebody", "anyone",
	"anybody", "everyone", "everybody", "nobody", "team")

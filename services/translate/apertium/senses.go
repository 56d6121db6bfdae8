package apertium

import "strings"

// Words a mode writes in a sense chat seldom means, where the sense chat
// means has a word of the same gender, so that only the word changes
// (its article, agreement and elision stay right):
//
//   - eng-spa and eng-cat write a build as the body's ("la complexión
//     falló", "la complexió va fallar"), where chat means the software's,
//     "la compilación", "la compilació". Their only other source of the
//     word is "complexion", which leaves the rewrite out;
//   - es-pt writes the Spanish "enlace", a link, as the Portuguese
//     "enlace", a bond or a wedding ("podes enviar-me o enlace?"), where
//     Portuguese chat says "link" (so does en-pt, through Spanish).
type sense struct {
	source string            // the request's language (base), "" any
	unless string            // a source word, lower case, with the mode's sense
	words  map[string]string // the mode's words, lower case, as chat's
}

// senses holds the rewrites for each target language (base).
var senses = map[string][]sense{
	"es": {{source: "en", unless: "complexion", words: map[string]string{"complexión": "compilación", "complexiones": "compilaciones"}}},
	"ca": {{source: "en", unless: "complexion", words: map[string]string{"complexió": "compilació", "complexions": "compilacions"}}},
	"pt": {{words: map[string]string{"enlace": "link", "enlaces": "links"}}},
}

// senseEdits returns the edits that write the words of output (in
// prose: words) in chat's sense, in their case, for a request from
// source (its text, sourceText) into target.
func senseEdits(sourceText, source, target string, words []word) []edit {
	var edits []edit
	for _, s := range senses[target] {
		if s.source != "" && s.source != source || s.unless != "" && strings.Contains(strings.ToLower(sourceText), s.unless) {
			continue
		}
		for _, w := range words {
			if to, ok := s.words[w.lower]; ok {
				edits = append(edits, edit{from: w.from, to: w.to, text: caseLike(w.text, to)})
			}
		}
	}
	return edits
}

// mayHaveSense is the cheap test before senseEdits: whether text may hold
// one of the words senses rewrites into target.
func mayHaveSense(text, target string) bool {
	lower := strings.ToLower(text)
	for _, s := range senses[target] {
		for w := range s.words {
			if strings.Contains(lower, w) {
				return true
			}
		}
	}
	return false
}

package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// French elides before a vowel where es-fr's generator wrote the words
// apart: "si" before "il" or "ils", which French always elides ("s'il",
// "s'ils"; not before "elle"; es-fr writes "Si il fonctionne, préviens-
// moi", and English reaches French through it), and "de" and "que"
// before a pronoun or an article that a fix's superblank follows ("j'ai
// besoin de un peu de temps", "d'un peu"). Each finds the letters kept,
// the space and the word elided before.
var frenchElisions = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(s)i(\s+)(ils?)\b`),
	regexp.MustCompile(`(?i)\b(d)e(\s+)(une?|elles?)\b`),
	regexp.MustCompile(`(?i)\b(qu)e(\s+)(une?|ils?|elles?|on)\b`),
}

// frenchQueAi finds "qu'ai", which es-fr writes for Spanish's "que" and
// a first person without its subject ("el doc que envié", "le doc qu'ai
// envoyé"): French needs the "je" ("que j'ai envoyé").
var frenchQueAi = regexp.MustCompile(`(?i)\b(qu)'(ai)\b`)

// frenchSubjectAfterQue writes those as "que j'ai" in output's prose
// (ranges), in their case.
func frenchSubjectAfterQue(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchQueAi, output, ranges, func(m []int) string {
		qu, ai := output[m[2]:m[3]], output[m[4]:m[5]]
		return qu + caseLike(ai, "e j'") + ai
	}))
}

// mayElide is the cheap test before frenchElision.
func mayElide(text string) bool {
	for _, re := range frenchElisions {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// frenchElision writes the elisions above in output's prose (ranges),
// keeping the writer's case ("Si il" → "S'il").
func frenchElision(output string, ranges [][2]int) string {
	var edits []edit
	for _, re := range frenchElisions {
		edits = append(edits, proseEdits(re, output, ranges, func(m []int) string { return output[m[2]:m[3]] + "'" + output[m[6]:m[7]] })...)
	}
	return applyEdits(output, edits)
}

// proseMatches returns re's matches in output (submatch indexes, as
// FindAllStringSubmatchIndex gives them) that lie in its prose (ranges),
// first byte and last.
func proseMatches(re *regexp.Regexp, output string, ranges [][2]int) [][]int {
	var out [][]int
	for _, m := range re.FindAllStringSubmatchIndex(output, -1) {
		if inRanges(ranges, m[0]) && inRanges(ranges, m[1]-1) {
			out = append(out, m)
		}
	}
	return out
}

// proseEdits returns the edits that write each match of re in output's
// prose (ranges) as text gives it (m: the match's submatch indexes in
// output), for applyEdits.
func proseEdits(re *regexp.Regexp, output string, ranges [][2]int, text func(m []int) string) []edit {
	var edits []edit
	for _, m := range proseMatches(re, output, ranges) {
		edits = append(edits, edit{from: m[0], to: m[1], text: text(m)})
	}
	return edits
}

// gatedRewrite is a regular expression's rewrite with the words without
// which it cannot match: the expressions cost more than the look (µs
// each), and most lines have none of the words ("the document of the
// project").
type gatedRewrite struct {
	re    *regexp.Regexp
	words string // one of them ("|" between) must be in the text
	also  string // and, when set, one of these
	// write returns a match's text, or false to leave it.
	write func(output string, m []int) (string, bool)
}

// may reports whether r may match text.
func (r gatedRewrite) may(text string) bool {
	return containsAny(text, r.words) && (r.also == "" || containsAny(text, r.also))
}

// mayRewrite reports whether one of rewrites may match text.
func mayRewrite(rewrites []gatedRewrite, text string) bool {
	return slices.ContainsFunc(rewrites, func(r gatedRewrite) bool { return r.may(text) })
}

// applyRewrites applies rewrites to output's prose (ranges), each where its
// words are.
func applyRewrites(rewrites []gatedRewrite, output string, ranges [][2]int) string {
	var edits []edit
	for _, r := range rewrites {
		if !r.may(output) {
			continue
		}
		for _, m := range proseMatches(r.re, output, ranges) {
			if text, ok := r.write(output, m); ok {
				edits = append(edits, edit{from: m[0], to: m[1], text: text})
			}
		}
	}
	return applyEdits(output, edits)
}

// Catalan "si us plau". eng-cat writes "please" as "per favor", which
// Catalan says, but its standard and its chat say "si us plau" ("Si us
// plau, comprova el teu correu"), with a comma after it where it opens
// the request, as Spanish does after "por favor".

// catalanPleaseEdits returns the edits that write "per favor" in words
// as "si us plau", in its case, where it opens a clause (with a comma
// before a word) or ends one.
func catalanPleaseEdits(text string, words []word) []edit {
	var edits []edit
	for k := 0; k+1 < len(words); k++ {
		w, next := words[k], words[k+1]
		if w.lower != "per" || next.lower != "favor" || next.clause || !onlySpaces(text[w.to:next.from]) {
			continue
		}
		plau := "si us plau"
		switch {
		case w.text == "PER" && next.text == "FAVOR":
			plau = "SI US PLAU"
		case w.text == "Per":
			plau = "Si us plau"
		case w.text != "per" || next.text != "favor":
			continue
		}
		opens := k+2 < len(words) && words[k+2].text != "" && !words[k+2].clause &&
			onlySpaces(text[next.to:words[k+2].from])
		if !w.clause && opens {
			continue // inside a clause: "per favor teu", a favour
		}
		if w.clause && opens {
			plau += "," // "Si us plau, comprova…"
		}
		edits = append(edits, edit{from: w.from, to: next.to, text: plau})
		k++
	}
	return edits
}

// Portuguese as the 1990 spelling agreement writes it, in force in
// Portugal since 2009 and in Brazil: es-pt spells as before it, the
// consonant no one says kept ("actualiza a documentação", "envio a
// factura", "a acção", "o projecto"), where Portuguese today writes
// "atualiza", "fatura", "ação", "projeto". Only words whose consonant
// the agreement dropped in both countries; "secção", "facto" and
// "ficção" keep theirs in Portugal.
var (
	portugueseDropped = []struct{ from, to string }{
		{"actualiz", "atualiz"}, {"actual", "atual"}, {"factur", "fatur"}, {"project", "projet"},
		{"object", "objet"}, {"óptim", "ótim"}, {"exact", "exat"}, {"direct", "diret"}, {"efectu", "efetu"},
		{"efectiv", "efetiv"}, {"activ", "ativ"}, {"actor", "ator"}, {"actriz", "atriz"}, {"eléctric", "elétric"},
		{"electr", "eletr"}, {"colectiv", "coletiv"}, {"adopt", "adot"},
	}
	portugueseDroppedWords = map[string]string{
		"acção": "ação", "acções": "ações", "direcção": "direção", "direcções": "direções", "correcção": "correção",
		"correcções": "correções", "colecção": "coleção", "colecções": "coleções", "selecção": "seleção",
		"selecções": "seleções", "protecção": "proteção", "reacção": "reação", "reacções": "reações",
		"redacção": "redação", "transacção": "transação", "transacções": "transações", "interacção": "interação",
		"interacções": "interações", "detecção": "deteção", "óptimo": "ótimo",
	}
)

// mayHaveOldPortuguese is the cheap test before portugueseSpelling.
func mayHaveOldPortuguese(text string) bool {
	return strings.Contains(text, "ct") || strings.Contains(text, "cç") || strings.Contains(text, "pt") ||
		strings.Contains(text, "CT") || strings.Contains(text, "CÇ") || strings.Contains(text, "PT")
}

// portugueseSpelling writes the words of output's prose (ranges) as the
// agreement spells them, in their case.
func portugueseSpelling(output string, ranges [][2]int) string {
	var edits []edit
	for _, w := range proseWords(output, 0, len(output), ranges) {
		to, ok := portugueseDroppedWords[w.lower]
		if !ok {
			for _, d := range portugueseDropped {
				if rest, found := strings.CutPrefix(w.lower, d.from); found {
					to, ok = d.to+rest, true
					break
				}
			}
		}
		if ok {
			edits = append(edits, edit{from: w.from, to: w.to, text: caseLike(w.text, to)})
		}
	}
	return applyEdits(output, edits)
}

package apertium

import (
	"regexp"
	"strings"
)

// siIl finds French "si" before "il" or "ils", which French always
// elides ("s'il", "s'ils"; not before "elle"). es-fr's generator writes
// them apart ("Si il fonctionne, préviens-moi", "ne sais pas si ils
// viennent"), and English reaches French through it.
var siIl = regexp.MustCompile(`(?i)\b(s)i(\s+)(ils?)\b`)

// frenchElision writes "s'il" and "s'ils" for "si il" and "si ils" in
// output's prose (ranges), keeping the writer's case ("Si il" → "S'il").
func frenchElision(output string, ranges [][2]int) string {
	var b strings.Builder
	last := 0
	for _, m := range proseMatches(siIl, output, ranges) {
		b.WriteString(output[last:m[0]])
		b.WriteString(output[m[2]:m[3]]) // "s" or "S"
		b.WriteByte('\'')
		b.WriteString(output[m[6]:m[7]]) // "il", "ils"
		last = m[1]
	}
	if last == 0 {
		return output
	}
	b.WriteString(output[last:])
	return b.String()
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

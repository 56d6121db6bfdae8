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
	for _, m := range siIl.FindAllStringSubmatchIndex(output, -1) {
		if !inRanges(ranges, m[0]) || !inRanges(ranges, m[1]-1) {
			continue
		}
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

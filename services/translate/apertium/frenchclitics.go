package apertium

import (
	"regexp"
	"strings"
)

// French pronouns with a modal. Spanish may put the pronouns of an
// infinitive before the verb that governs it ("¿me puedes enviar el
// informe?", "te quiero ver"), and es-fr, which every French translation
// but one goes through (English reaches French through Spanish), keeps
// them there: "tu me peux envoyer le rapport ?", "Je te veux voir".
// French puts them before the infinitive: "tu peux m'envoyer le
// rapport ?", "je veux te voir", "tu ne peux pas me l'envoyer ?". The
// pronouns move after a subject pronoun only: "nous" and "vous" before a
// modal are its subject as often as its object, and a subject written
// out ("nous pouvons") tells them apart.
var frenchModalClitics = regexp.MustCompile(`(?i)\b(je|tu|il|elle|on|nous|vous|ils|elles)\s+(ne\s+)?` +
	`((?:(?:me|te|se|nous|vous)\s+)?(?:(?:le|la|les)\s+)?(?:(?:lui|leur)\s+)?(?:y\s+)?(?:en\s+)?)` +
	`(peux|peut|pouvons|pouvez|peuvent|pourrais|pourrait|pourrions|pourriez|pourraient|` +
	`veux|veut|voulons|voulez|veulent|voudrais|voudrait|voudrions|voudriez|voudraient|` +
	`dois|doit|devons|devez|doivent|devrais|devrait|devriez|devraient|` +
	`vais|vas|va|allons|allez|vont)` +
	`(\s+pas)?\s+(\p{Ll}+(?:er|ir|re))\b`)

// frenchElided are the pronouns French elides before a vowel or a mute h.
var frenchElided = map[string]string{"me": "m'", "te": "t'", "se": "s'", "le": "l'", "la": "l'"}

// frenchPronounsBeforeInfinitive moves the pronouns between a subject
// pronoun and a modal in output's prose (ranges) to before the
// infinitive that follows the modal, elided where the infinitive begins
// with a vowel or an h.
func frenchPronounsBeforeInfinitive(output string, ranges [][2]int) string {
	var b strings.Builder
	last := 0
	for _, m := range frenchModalClitics.FindAllStringSubmatchIndex(output, -1) {
		if m[6] == m[7] || !inRanges(ranges, m[0]) || !inRanges(ranges, m[1]-1) {
			continue // no pronoun before the modal
		}
		pronouns := strings.Fields(output[m[6]:m[7]])
		infinitive := output[m[12]:m[13]]
		lastPronoun := pronouns[len(pronouns)-1]
		elided, ok := frenchElided[strings.ToLower(lastPronoun)]
		if ok && strings.ContainsRune("aeiouyhàâéèêîô", []rune(strings.ToLower(infinitive))[0]) {
			pronouns[len(pronouns)-1] = elided
		}
		b.WriteString(output[last:m[0]])
		b.WriteString(output[m[2]:m[3]]) // the subject
		b.WriteByte(' ')
		if m[4] >= 0 {
			b.WriteString(output[m[4]:m[5]]) // "ne "
		}
		b.WriteString(output[m[8]:m[9]]) // the modal
		if m[10] >= 0 {
			b.WriteString(output[m[10]:m[11]]) // " pas"
		}
		b.WriteByte(' ')
		for _, p := range pronouns {
			b.WriteString(p)
			if !strings.HasSuffix(p, "'") {
				b.WriteByte(' ')
			}
		}
		b.WriteString(infinitive)
		last = m[1]
	}
	if last == 0 {
		return output
	}
	b.WriteString(output[last:])
	return b.String()
}

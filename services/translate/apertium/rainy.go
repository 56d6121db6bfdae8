package apertium

import (
	"regexp"
	"slices"
)

// An escape room, a kitchen renovation, a rainy bank holiday (rounds
// chat219-chat221): what the modes write word by word in those messages.

// rainyEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var rainyEnglish = slices.Concat(
	// "did" between its subject and what was done is the verb,
	// "hicimos" (the tagger's auxiliary left it out: "nosotros una sala
	// de evasión"); in a question ("did the build pass?") it stays the
	// auxiliary.
	only(`<prn><subj>[^$]*\$ +\^do<vbdo><(past)*(pres)*>\$ +\^(a)*(an)*(the)*(my)*(our)*(some)*<det>`, []string{
		`s%(<prn><subj>[^$]*\$ +)\^do<vbdo><(past)*(pres)*>\$( +\^(a)*(an)*(the)*(my)*(our)*(some)*<det>)%\1^do<vblex><\2\3>$\4%g`,
	}),
	// "manage to", succeed, "conseguir" ("dirigir", to run a thing).
	only(`\^manage<vblex><[a-z]*>\$ +\^to<pr>\$`, []string{
		`s%\^manage<vblex><([a-z]*)>\$ +\^to<pr>\$%^achieve<vblex><\1>$%g`,
	}),
)

// rainySpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var rainySpanish = slices.Concat(
	// Pouring, "llueve a cántaros" (fr-es's for "il pleut des cordes"),
	// which spa-eng lacks: the French line was served untranslated.
	only(`\^llover<vblex><[a-z]*><p3><sg>\$ +\^a<pr>\$ +\^\*cántaros\$`, startCapital(`\^llover<vblex><pri><p3><sg>\$ +\^a<pr>\$ +\^\*cántaros\$`, "it's pouring")),
	// "nos hemos pasado del presupuesto", over budget ("spent us of the
	// estimate").
	only(`\^pasar<vblex><pp><m><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$ +\^presupuesto<n><m><sg>\$`, []string{
		`s%\^prpers<prn><pro><p1><mf><pl>\$ +\^haber<vbhaver><pri><p1><pl>\$ +\^pasar<vblex><pp><m><sg>\$ +\^de<pr>\+el<det><def><m><sg>\$ +\^presupuesto<n><m><sg>\$%` + lowerSuperblank("we've gone over budget") + `%g`,
	}),
	// Staying somewhere, "me he quedado en", I've stayed ("I've remained
	// me in"): only where "quedarse" goes on to a place or a time, not
	// "quedarse sin" or "quedarse dormido".
	only(`\^quedar<vblex><[a-z]*>[^$]*\$ +\^(en)*(hasta)*(aquí)*(allí)*<`, slices.Concat(
		startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p1><sg>\$ +\^quedar<vblex><pp><m><sg>\$`, "I've stayed"),
		startCapital(`\^prpers<prn><pro><p1><mf><pl>\$ +\^haber<vbhaver><pri><p1><pl>\$ +\^quedar<vblex><pp><m><sg>\$`, "we've stayed"),
		startCapital(`\^prpers<prn><pro><p1><mf><sg>\$ +\^quedar<vblex><ifi><p1><sg>\$`, "I stayed"),
	)),
	// "casi acabados", nearly finished, the participle (fr-es's for
	// "presque finis": "almost finishings").
	only(`\^casi<adv>\$ +\^acabado<n><[mf]><[sp][gl]>\$`, []string{
		`s%(\^casi<adv>\$ +)\^acabado<n><([mf])><([sp][gl])>\$%\1^acabar<vblex><pp><\2><\3>$%g`,
	}),
)

// rainyToFrench are tag fixes of es-fr (and of en→fr, through Spanish):
// "me encanta", "j'adore" ("ils m'enchantent"); tiles, "carreaux", and
// rainy, "pluvieux", which es-fr lacks.
var rainyToFrench = slices.Concat(
	only(`\^(me)*(te)*(nos)*<prn><pro><p[12]><mf><[sp][gl]>\$ +\^encantar<vblex><pri><p3><[sp][gl]>\$`, func() []string {
		var subs []string
		for _, p := range [][3]string{{"me", "p1><mf><sg", "j'adore"}, {"te", "p2><mf><sg", "tu adores"}, {"nos", "p1><mf><pl", "on adore"}} {
			subs = append(subs, startCapital(`\^`+p[0]+`<prn><pro><`+p[1]+`>\$ +\^encantar<vblex><pri><p3><[sp][gl]>\$`, p[2])...)
		}
		return subs
	}()),
	only(`\^\*(azulejos*)*(lluvios[oa]s*)*\$`, []string{
		// As "baldosa", which es-fr reads ("carreaux"): a superblank
		// in a subject's place gets a pronoun ("les carreaux ils sont").
		`s%\^\*azulejos\$%^baldosa<n><f><pl>$%g`,
		`s%\^\*azulejo\$%^baldosa<n><f><sg>$%g`,
		`s%\^\*lluvioso\$%` + lowerSuperblank("pluvieux") + `%g`,
		`s%\^\*lluviosos\$%` + lowerSuperblank("pluvieux") + `%g`,
		`s%\^\*lluviosa\$%` + lowerSuperblank("pluvieuse") + `%g`,
		`s%\^\*lluviosas\$%` + lowerSuperblank("pluvieuses") + `%g`,
	}),
)

// rainyPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): fed up, "farto", which pt-es lacks ("harto"); "o fim de
// semana todo", "todo el fin de semana".
var rainyPortuguese = slices.Concat(
	lacked("farto", "harto", "farta", "harta", "fartos", "hartos", "fartas", "hartas"),
	only(`\^fim<n><m><sg>\$ +\^de<pr>\$ +\^semana<n><f><sg>\$ +\^todo<predet><m><sg>\$`, []string{
		`s%\^o<det><def><m><sg>\$ +\^fim<n><m><sg>\$ +\^de<pr>\$ +\^semana<n><f><sg>\$ +\^todo<predet><m><sg>\$%` + lowerSuperblank("todo el fin de semana") + `%g`,
	}),
)

// rainyCatalan are tag fixes of eng-cat: "still" before an adjective,
// "encara" (the tagger's adjective, "quiets").
var rainyCatalan = only(`\^still<adj><sint>\$ +\^[^<$]*<adj>`, []string{
	`s%\^still<adj><sint>\$( +\^[^<$]*<adj>)%` + lowerSuperblank("encara") + `\1%g`,
})

// rainyShallWe is a suggestion spa-eng writes as a statement with a
// question mark ("¿hacemos galletas?", "we make cookies?", which the
// word order's questions may have made "do we buy bread?"): "shall we
// make cookies?"
var rainyShallWe = regexp.MustCompile(`(^|[.!?]\s+)(?:([Dd]o) )?([Ww]e) (\pL+)([^.!?]*\?)`)

// rainySuggests reports whether a Spanish source asks "¿…amos?", a
// suggestion in the present of "we" ("¿hacemos…?", "¿vamos?").
var rainySuggests = regexp.MustCompile(`¿\s*\pL*(amos|emos|imos)\b`)

// rainyNotSuggested are the verbs after which rainyShallWe's "we" is no
// suggestion.
var rainyNotSuggested = setOf("are", "were", "have", "had", "did", "do", "can", "could", "will", "would", "should", "must", "need", "know", "think")

// rainyShallWeRewrites write rainyShallWe where the source suggests.
var rainyShallWeRewrites = []gatedRewrite{
	{rainyShallWe, "we |We ", "?", func(o string, m []int) (string, bool) {
		verb := o[m[8]:m[9]]
		if rainyNotSuggested[verb] {
			return "", false // "we are late?", "we have been…"
		}
		shall := "shall"
		if m[4] >= 0 && o[m[4]] == 'D' || m[4] < 0 && o[m[6]] == 'W' {
			shall = "Shall"
		}
		return o[m[2]:m[3]] + shall + " we " + verb + o[m[10]:m[11]], true
	}},
}

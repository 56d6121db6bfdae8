package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Quitting a job, a family reunion, a broken leg (rounds
// chat189-chat191): what the modes write word by word in those
// messages.

// reunionsEnglish are tag fixes of eng-spa (and of en→fr and en→pt,
// through its Spanish).
var reunionsEnglish = slices.Concat(
	// Saying no or yes, "dije que no" ("Dije núm", the number's
	// abbreviation).
	only(`\^say<vblex>[^$]*\$ +\^(no)*(yes)*[.<]`, []string{
		`s%(\^say<vblex>[^$]*\$) +\^no<det><ind><sp>\$%\1 ` + superblank("que no") + `%g`,
		`s%(\^say<vblex>[^$]*\$) +\^no\.<n><sg>\$%\1 ` + superblank("que no") + `^.<sent>$%g`,
		`s%(\^say<vblex>[^$]*\$) +\^yes<adv>\$%\1 ` + superblank("que sí") + `%g`,
	}),
	// Not standing one, "no aguantar" ("no puedo estar mi jefe"): as
	// "bear".
	only(`\+not<adv>\$ +\^stand<vblex><inf>`, []string{`s%(\+not<adv>\$ +)\^stand<vblex><inf>\$%\1^bear<vblex><inf>$%g`}),
	// Handing in one's notice, "presentar la dimisión" ("entregué en mi
	// aviso").
	only(`\^hand<vblex>[^$]*\$( +\^in<pr>\$)* +\^[a-z]+<det><pos>[^$]*\$ +\^notice<n>`, []string{
		`s%\^hand<vblex><past>(\$ +\^in<pr>)*(# in)*\$ +\^[a-z]+<det><pos>[^$]*\$ +\^notice<n><sg>\$%` + superblank("presenté mi dimisión") + `%g`,
	}),
	// A leaving party, "una fiesta de despedida" ("de dejar").
	only(`\^leave<vblex><ger>\$ +\^party<n>`, []string{
		`s%\^a<det><ind><sg>\$ +\^leave<vblex><ger>\$ +\^party<n><sg>\$%` + superblank("una fiesta de despedida") + `%g`,
		`s%\^the<det><def><sp>\$ +\^leave<vblex><ger>\$ +\^party<n><sg>\$%` + superblank("la fiesta de despedida") + `%g`,
		`s%\^leave<vblex><ger>\$ +\^party<n><sg>\$%` + superblank("fiesta de despedida") + `%g`,
	}),
	// Far too much, "demasiado" ("lejos demasiado").
	only(`\^far<adv>\$ +\^too`, []string{`s%\^far<adv>\$ +\^too much<adv>\$%` + superblank("demasiado") + `%g`}),
	// Coming from abroad, "venir del extranjero" ("provenir").
	only(`# from\$ +\^abroad<adv>`, []string{
		`s%\^come(<vblex>[^$]*)# from\$ +\^abroad<adv>\$%^come\1$ ` + superblank("del extranjero") + `%g`,
	}),
	// In plaster, "escayolado" ("en yeso"); off work, "de baja" ("fuera
	// trabajo"); swollen, "hinchado", which eng-spa lacks.
	only(`\^in<pr>\$ +\^plaster<n>`, []string{`s%\^in<pr>\$ +\^plaster<n><sg>\$%` + superblank("escayolado") + `%g`}),
	only(`\^off<(adv)*(pr)*>\$ +\^work<n><sg>\$`, []string{
		`s%(\^be<vbser>[^$]*\$) +\^off<(adv)*(pr)*>\$ +\^work<n><sg>\$%\1 ` + superblank("de baja") + `%g`,
	}),
	only(`\^\*swollen\$`, []string{`s%\^\*swollen\$%` + superblank("hinchado") + `%g`}),
	// Does it still hurt, "¿todavía duele?" ("¿él todavía dolido?").
	only(`\^prpers<prn><subj><p3><nt><sg>\$ +(\^still<adv>\$ +)*\^hurt<vblex><pp>`, []string{
		`s%\^do<vbdo><pri><p3><sg>\$ +\^prpers<prn><subj><p3><nt><sg>\$ +\^still<adv>\$ +\^hurt<vblex><pp>\$%` + superblank("todavía duele") + `%g`,
		`s%\^do<vbdo><pri><p3><sg>\$ +\^prpers<prn><subj><p3><nt><sg>\$ +\^hurt<vblex><pp>\$%` + superblank("duele") + `%g`,
	}),
)

// reunionsSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish): a present made one, "hacer un regalo", given
// ("have done me a gift"); a cast, "la escayola" (read as the verb, "it
// plasters it"); falling down the stairs ("by the stairs").
var reunionsSpanish = slices.Concat(
	only(`\^hacer<vblex>[^$]*\$ +\^uno<det><ind>[^$]*\$ +\^regalo<n>`, []string{
		`s%\^hacer(<vblex>[^$]*\$ +\^uno<det><ind>[^$]*\$ +\^regalo<n>)%^dar\1%g`,
	}),
	only(`\^escayolar<vblex>`, []string{
		`s%\^prpers<prn><pro><p3><f><sg>\$ +\^escayolar<vblex><pri><p3><sg>\$%^el<det><def><f><sg>$ ` + lowerSuperblank("cast") + `%g`,
	}),
	only(`\^por<pr>\$ +\^el<det><def><f><pl>\$ +\^escalera<n>`, []string{
		`s%(\^caer<vblex>[^$]*\$) +\^por<pr>\$ +\^el<det><def><f><pl>\$ +\^escalera<n><f><pl>\$%\1 ` + superblank("down the stairs") + `%g`,
		// "me caí", which an earlier fix writes "I fell".
		`s%(\[[^]]*[Ff]ell\]) +\^por<pr>\$ +\^el<det><def><f><pl>\$ +\^escalera<n><f><pl>\$%\1 ` + superblank("down the stairs") + `%g`,
	}),
)

// reunionsToFrench are tag fixes of es-fr (and of en→fr, through
// Spanish): regretting, "arrepentirse", "regretter" (which es-fr lacks);
// having a great time, "pasarlo genial", "s'amuser" ("nous le passons
// génial").
var reunionsToFrench = slices.Concat(
	only(`\^\*arrepient`, []string{
		`s%\^no<adv>\$ +\^me<prn><pro><p1><mf><sg>\$ +\^\*arrepiento\$%` + superblank("je ne regrette pas") + `%g`,
		`s%\^me<prn><pro><p1><mf><sg>\$ +\^\*arrepiento\$%` + superblank("je regrette") + `%g`,
	}),
	only(`\^lo<prn><pro><p3><nt>\$ +\^pasar<vblex><(ifi)*(pri)*><p1>`, []string{
		`s%\^lo<prn><pro><p3><nt>\$ +\^pasar<vblex><(ifi)*(pri)*><p1><pl>\$ +\^(genial)*(fenomenal)*(bomba)*<adj>[^$]*\$%` + superblank("on s'est super bien amusés") + `%g`,
		`s%\^lo<prn><pro><p3><nt>\$ +\^pasar<vblex><(ifi)*(pri)*><p1><pl>\$ +\^bien<adv>\$%` + superblank("on s'est bien amusés") + `%g`,
		`s%\^lo<prn><pro><p3><nt>\$ +\^pasar<vblex><ifi><p1><sg>\$ +\^(genial)*(fenomenal)*(bomba)*<adj>[^$]*\$%` + superblank("je me suis super bien amusé") + `%g`,
		`s%\^lo<prn><pro><p3><nt>\$ +\^pasar<vblex><ifi><p1><sg>\$ +\^bien<adv>\$%` + superblank("je me suis bien amusé") + `%g`,
	}),
)

// reunionsFrenchToSpanish are tag fixes of fr-es (and of fr→en, through
// its Spanish): "rien" between the auxiliary and the participle, after
// it ("no me tiene nada dice"); being fed up, "en avoir marre", "estar
// harto" ("había marre"); the end of a month, "a finales de" ("al
// finalizar").
var reunionsFrenchToSpanish = slices.Concat(
	only(`\^avoir<vbhaver>[^$]*\$ +\^rien<prn>[^$]*\$ +\^[^<$]*<vblex><(pri)*(pp)*>`, []string{
		`s%(\^avoir<vbhaver>[^$]*\$) +(\^rien<prn>[^$]*\$) +\^([^<$]*<vblex>)<(pri)*(pp)*>[^$]*\$%\1 ^\3<pp><m><sg>$ \2%g`,
	}),
	only(`\^en<prn><pro><adv>\$ +\^avoir<vbhaver><[a-z]+><p1><sg>\$ +\^\*marre\$`, []string{
		`s%(\^je<prn>[^$]*\$ +)*\^en<prn><pro><adv>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^\*marre\$( +\^de<pr>)*%` + superblank("estoy harto") + `\2%g`,
		`s%(\^je<prn>[^$]*\$ +)*\^en<prn><pro><adv>\$ +\^avoir<vbhaver><pii><p1><sg>\$ +\^\*marre\$( +\^de<pr>)*%` + superblank("estaba harto") + `\2%g`,
	}),
	only(`\^à la fin de<pr>`, []string{
		`s%\^à la fin de<pr>\+le<det><def><m><sg>\$%` + superblank("al final del") + `%g`,
		`s%\^à la fin de<pr>\$%` + superblank("al final de") + `%g`,
	}),
)

// reunionsPortuguese are tag fixes of pt-es (and of pt→en, through its
// Spanish): missing one, "sentir falta de", "echar de menos" ("echar en
// falta de"); turning an age, "fazer … anos", "cumplir" ("hizo noventa
// años"); "até à", "hasta la" ("hasta a la"); notice, "antecedência",
// "antelación", which pt-es lacks (the line went untranslated); seeing
// everyone again, "rever", "volver a ver" ("revisar"); everyone, "toda a gente",
// "todo el mundo".
var reunionsPortuguese = slices.Concat(
	only(`\^sentir<vblex><[a-z]+>[^$]*# falta\$`, []string{
		// "vou sentir falta", "voy a echar de menos": pt-es writes the
		// "a" only before its own infinitive.
		`s%(\^ir<vblex>[^$]*\$) +(\^sentir<vblex><inf># falta)%\1 ` + superblank("a") + ` \2%g`,
		`s%\^sentir<vblex><inf># falta\$ +\^de<pr>\+o( [a-z]+<det><pos>[^$]*)\$%` + superblank("echar de menos a") + ` ^o\1$%g`,
		`s%\^sentir<vblex><pri><p1><sg># falta\$ +\^de<pr>\+o( [a-z]+<det><pos>[^$]*)\$%` + superblank("echo de menos a") + ` ^o\1$%g`,
		`s%\^sentir<vblex><inf># falta\$ +\^de<pr>\+(o<det><def>[^$]*)\$%` + superblank("echar de menos") + ` ^\1$%g`,
		`s%\^sentir<vblex><pri><p1><sg># falta\$ +\^de<pr>\+(o<det><def>[^$]*)\$%` + superblank("echo de menos") + ` ^\1$%g`,
	}),
	only(`\^fazer<vblex>[^$]*\$ +\^[^<$]*<num>[^$]*\$ +\^ano<n>`, []string{
		`s%\^fazer<vblex><ifi><p3><sg>\$( +\^[^<$]*<num>[^$]*\$ +\^ano<n>)%` + superblank("cumplió") + `\1%g`,
		`s%\^fazer<vblex><ifi><p1><sg>\$( +\^[^<$]*<num>[^$]*\$ +\^ano<n>)%` + superblank("cumplí") + `\1%g`,
		`s%\^fazer<vblex><pri><p3><sg>\$( +\^[^<$]*<num>[^$]*\$ +\^ano<n>)%` + superblank("cumple") + `\1%g`,
		`s%\^fazer<vblex><inf>\$( +\^[^<$]*<num>[^$]*\$ +\^ano<n>)%` + superblank("cumplir") + `\1%g`,
	}),
	only(`\^até<pr>\$ +\^a<pr>\+o<det>`, []string{`s%(\^até<pr>\$ +)\^a<pr>\+(o<det>[^$]*)\$%\1^\2$%g`}),
	only(`\^\*antecedência\$`, []string{`s%\^\*antecedência\$%` + superblank("antelación") + `%g`}),
	// A cousin, "a minha prima" (read as "primar", to prevail).
	only(`\^primar<vblex><pri><p3><sg>\$`, []string{
		`s%\^o meu<prn><tn><pos>(<[mf]><sg>)\$ +\^primar<vblex><pri><p3><sg>\$%^o meu<det><pos>\1$ ` + superblank("prima") + `%g`,
	}),
	only(`\^rever<vblex><inf>\$ +\^todo<predet>`, []string{`s%\^rever<vblex><inf>\$( +\^todo<predet>)%` + superblank("volver a ver a") + `\1%g`}),
	only(`\^todo<predet><f><sg>\$ +\^o<det><def><f><sg>\$ +\^gente<n>`, []string{
		`s%\^todo<predet><f><sg>\$ +\^o<det><def><f><sg>\$ +\^gente<n><f><sg>\$%` + superblank("todo el mundo") + `%g`,
	}),
)

// englishAllTheWorld is spa-eng's "todo el mundo", everyone ("all the
// world knows it"); the whole world after a preposition ("we travel by
// all the world") stays for what it is.
var englishAllTheWorld = regexp.MustCompile(`(?:\b(\pL+) )?\b([Aa])ll the world\b`)

// reunionRewritesEnglish are the English rewrites of the rounds
// chat189-chat191.
var reunionRewritesEnglish = []gatedRewrite{
	{englishAllTheWorld, "ll the world", "", func(o string, m []int) (string, bool) {
		if m[2] >= 0 && englishPrepositions[strings.ToLower(o[m[2]:m[3]])] {
			return "", false
		}
		lead := ""
		if m[2] >= 0 {
			lead = o[m[2]:m[3]] + " "
		}
		return lead + caseLike(o[m[4]:m[5]], "e") + "veryone", true
	}},
}

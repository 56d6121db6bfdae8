package apertium

import "slices"

// Snow, the dentist and the laundry (rounds chat83-chat85): what the
// modes write word by word in those messages.

// winterEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var winterEnglish = slices.Concat(
	// The perfect of the progressive is "haber estado" and the gerund
	// ("I've been working all day", "He sido trabajando"); "it's been"
	// is "it has been", which the tagger reads as "is" ("está sido
	// snowing"; "it's been a long day" "Está sido").
	only(`\^be<vbser><pp>\$`, []string{
		`s%\^be<vbser><pri><p3><sg>\$( +\^be<vbser><pp>\$)%^have<vbhaver><pri><p3><sg>$\1%g`,
		`s%(<vbhaver>[^$]*\$ +(\^[a-z]*<adv>\$ +)?)\^be<vbser><pp>\$( +\^[^<$]*<vblex><ger>\$)%\1` + superblank("estado") + `\3%g`,
		`s%(<vbhaver>[^$]*\$ +(\^[a-z]*<adv>\$ +)?)\^be<vbser><pp>\$( +\^\*[a-z]*ing\$)%\1` + superblank("estado") + `\3%g`,
	}),
	// eng-spa lacks the weather's verb "snow" ("es snowing"), and
	// "skiing", which goes after "go" as an activity (activities: "vamos
	// esquiando" is "vamos a esquiar"); having been skiing is having
	// gone ("¿has ido a esquiar?").
	only(`\^\*[Ss]now[a-z]*\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^\*snowing\$`, "está nevando", false),
		sayAs("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^\*snowed\$`, "nevó", false),
		fix("", `\^\*snowing\$`, "", "nevando", false),
	)),
	only(`\^\*skiing\$`, slices.Concat(
		fix("", `\^be<vbser><pp>\$ +\^\*skiing\$`, "", "ido a esquiar", false),
		fix("", `\^\*skiing\$`, "", "esquiando", false),
	)),
	// A snowman is "un muñeco de nieve" ("un monigote de nieve").
	only(`\^snowman<n>`, slices.Concat(
		fix("", `\^snowman<n><sg>\$`, "", "muñeco de nieve", false),
		fix("", `\^snowman<n><pl>\$`, "", "muñecos de nieve", false),
	)),
	// Being scared of a thing is being afraid of it, "tener miedo de"
	// ("Estoy asustado del dentista"; Portuguese through it "Estou
	// assustado do dentista", "tenho medo do dentista").
	only(`\^scare<vblex><pp>\$ +\^of<pr>`, []string{`s%\^scare<vblex><pp>(\$ +\^of<pr>)%^afraid<adj>\1%g`}),
	// People fall, "caerse" ("Caí en el hielo", "Me caí"): the clitic of
	// the one who fell before the verb, in the past and the perfect; off
	// a thing, "de" ("I fell off my bike", eng-spa "bajé de punto").
	only(`\^fall<vblex>`, func() []string {
		var subs []string
		for _, p := range []struct{ who, past, perfect string }{
			{"p1><mf><sg", "me caí", "me he caído"}, {"p2><mf><s[gp]", "te caíste", "te has caído"},
			{"p3><[mf]><sg", "se cayó", "se ha caído"}, {"p1><mf><pl", "nos caímos", "nos hemos caído"},
			{"p3><mf><pl", "se cayeron", "se han caído"},
		} {
			subs = slices.Concat(subs,
				sayAs("P", "p", `rpers<prn><subj><`+p.who+`>\$ +\^fall<vblex><past>\$`, p.past, false),
				sayAs("P", "p", `rpers<prn><subj><`+p.who+`>\$ +\^fall<vblex><past>\# off\$`, p.past+" de", false),
				sayAs("P", "p", `rpers<prn><subj><`+p.who+`>\+have<vbhaver><pres>\$ +\^fall<vblex><pp>\$`, p.perfect, false),
				sayAs("P", "p", `rpers<prn><subj><`+p.who+`>\$ +\^have<vbhaver><pri><p[13]><[sp][gl]>\$ +\^fall<vblex><pp>\$`, p.perfect, false))
		}
		return subs
	}()),
	// Doing the washing is washing the clothes, doing the ironing
	// ironing ("hacer el lavando", "hacer el planchando").
	only(`\^do<vblex>[^$]*\$ +\^the<det><def><sp>\$ +\^(wash)*(iron)*<vblex><ger>`, []string{
		`s%\^do(<vblex>[^$]*\$ +\^the<det><def><sp>\$) +\^wash<vblex><ger>\$%^wash\1 ^clothes<n><pl>$%g`,
		`s%\^do(<vblex>[^$]*\$) +\^the<det><def><sp>\$ +\^iron<vblex><ger>\$%^iron\1%g`,
	}),
	// "not … anymore" is "ya no" ("no me cabe anymore"): "ya" before the
	// negated verb, "anymore" dropped.
	only(`\^\*[Aa]nymore\$`, []string{
		`s%(\^[^<$]*<v[a-z]*>[^$]*\+not<adv>\$)(` + sameSentence + `) +\^\*anymore\$%` + superblank("ya") + ` \1\2%`,
		`s%(\^[^<$]*<v[a-z]*>[^$]*\$ +\^not<adv>\$)(` + sameSentence + `) +\^\*anymore\$%` + superblank("ya") + ` \1\2%`,
	}),
	askedAny,
)

// sameSentence matches the units after one, up to a sentence's mark
// (its first tag <sent>): one group.
const sameSentence = `( +\^[^<$]*<[a-rt-z][^$]*\$)*`

// askedAny drops "any" before a plural noun one asks whether someone has
// or needs ("do you have any painkillers?", "¿tienes cualesquier
// calmantes?", eng-cat "tens qualssevol calmants?").
var askedAny = only(`\^any<det><ind><sp>\$ +\^[^<$]*<n><pl>\$.*\^\?<sent>`, []string{
	`s%(\^(have)*(need)*(want)*<vblex><pres>\$) +\^any<det><ind><sp>\$( +\^[^<$]*<n><pl>\$)%\1\5%g`,
})

// winterCatalan are tag fixes of eng-cat, which lacks "snow" too ("és
// snowing!").
var winterCatalan = slices.Concat(
	only(`\^\*snowing\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p3><nt><sg>\+be<vbser><pres><p3><sg>\$ +\^\*snowing\$`, "està nevant", false),
		fix("", `\^\*snowing\$`, "", "nevant", false),
	)),
	askedAny,
)

// winterSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var winterSpanish = slices.Concat(
	// spa-eng lacks "nevar" ("it is nevando", "*nieva", "it has
	// snowy"); "muchísimo" after a gerund is "a lot" ("a lot of").
	only(`\^muchísimo<adj>`, []string{
		`s%(<vblex><ger>\$ +)\^muchísimo<adj><m><sg>\$%\1` + superblank("a lot") + `%g`,
		`s%(\^\*[a-z]*ndo\$ +)\^muchísimo<adj><m><sg>\$%\1` + superblank("a lot") + `%g`,
	}),
	only(`\^\*[Nn]ev`, slices.Concat(
		fix("", `\^\*nevando\$`, "", "snowing", false),
		sayAs(`\*N`, `\*n`, `evar\$`, "snow", false),
	)),
	only(`\^\*[Nn]ieva\$`, sayAs(`\*N`, `\*n`, `ieva\$`, "it's snowing", false)),
	only(`\^nevado<adj>`, []string{`s%(\^haber<vbhaver>[^$]*\$) +\^nevado<adj><m><sg>\$%\1 ` + superblank("snowed") + `%g`}),
	// Up "en la sierra" is in the mountains ("in the saw"; Portuguese
	// "na serra" through it).
	only(`\^en<pr>\$ +\^el<det><def><f><sg>\$ +\^sierra<n>`, sayAs("E", "e", `n<pr>\$ +\^el<det><def><f><sg>\$ +\^sierra<n><f><sg>\$`, "in the mountains", false)),
	// "genial" said of a thing is great ("the slopes are geniales", "it
	// is genial"); "pasarlo genial" is hadGoodTime's.
	only(`<v[a-z]*>[^$]*\$ +\^\*genial(es)*\$`, []string{
		`s%(<vbser>[^$]*\$ +)\^\*genial(es)*\$%\1` + superblank("great") + `%g`,
		`s%(\^estar<vblex>[^$]*\$ +)\^\*genial(es)*\$%\1` + superblank("great") + `%g`,
	}),
	// The tagger reads a tooth, "muela", after an article as "moler"
	// ("me duelen las muelas", "they hurt me you grind them").
	only(`\^moler<vblex><prs><p[23]><sg>\$`, []string{
		`s%\^prpers<prn><pro><p3><f><pl>\$ +\^moler<vblex><prs><p2><sg>\$%^el<det><def><f><pl>$ ^muela<n><f><pl>$%g`,
		`s%\^prpers<prn><pro><p3><f><sg>\$ +\^moler<vblex><prs><p3><sg>\$%^el<det><def><f><sg>$ ^muela<n><f><sg>$%g`,
		`s%\^uno<prn><tn><f><sg>\$ +\^moler<vblex><prs><p3><sg>\$%^uno<det><ind><f><sg>$ ^muela<n><f><sg>$%g`,
	}),
	// spa-eng lacks "muela", which chat says of any tooth: "diente".
	only(`\^muela<n>`, []string{`s%\^muela<n><f>%^diente<n><m>%g`}),
	// Clothes that "me queda(n) grande(s)" are too big for me ("this
	// skirt remains me big").
	only(`<prn><pro><p[12]><mf><sg>\$ +\^quedar<vblex><(pri)*(ifi)*><p3><[sp][gl]>\$ +\^[a-zñ]*<adj>`, func() []string {
		var subs []string
		for _, p := range [][2]string{{"p1", "me"}, {"p2", "you"}} {
			for _, v := range [][3]string{{"pri><p3><sg", "is"}, {"pri><p3><pl", "are"}, {"ifi><p3><sg", "was"}, {"ifi><p3><pl", "were"}} {
				for _, a := range [][2]string{{"grande", "big"}, {"pequeño", "small"}, {"corto", "short"}, {"largo", "long"},
					{"estrecho", "tight"}, {"ancho", "loose"}, {"apretado", "tight"}} {
					subs = append(subs, sayAs("P", "p", `rpers<prn><pro><`+p[0]+`><mf><sg>\$ +\^quedar<vblex><`+v[0]+`>\$ +\^`+a[0]+`<adj>[^$]*\$`,
						v[1]+" too "+a[1]+" for "+p[1], false)...)
				}
			}
		}
		return subs
	}()),
	// "la ropa" is plural in English, the clothes ("the clothes is
	// already dry").
	only(`\^ropa<n><f><sg>\$ +(\^ya<adv>\$ +)?\^(estar)*(ser)*<v`, []string{
		`s%(\^ropa<n><f><sg>\$ +(\^ya<adv>\$ +)?\^(estar)*(ser)*<vb*[a-z]*><[a-z]+><p3>)<sg>%\1<pl>%g`,
	}),
	// Clothes hung out, "tender la ropa", hang ("tend the clothes").
	only(`\^tender<vblex>[^$]*\$ +\^el<det><def><f><sg>\$ +\^ropa<n>`, []string{`s%\^tender(<vblex>[^$]*\$ +\^el<det><def><f><sg>\$ +\^ropa<n>)%^colgar\1%g`}),
	// An appointment one has, "consulta", is an appointment ("tengo
	// consulta en el dentista", "I have surgery"; Portuguese "tenho
	// consulta").
	only(`\^tener<vblex>[^$]*\$ +\^consulta<n>`, []string{`s%(\^tener<vblex>[^$]*\$) +\^consulta<n><f><sg>\$%\1 ` + superblank("an appointment") + `%g`}),
)

// winterFrench are tag fixes of es-fr: "pedir cita" is "prendre
// rendez-vous" ("demander rendez-vous"), at the dentist's is "chez le
// dentiste" ("dans le dentiste"), ironing "repasser" (es-fr lacks
// "planchar"), and the night just gone "cette nuit": es-fr's own, which
// the fix for the evening to come ("ce soir") must leave to a verb in the
// past ("ha nevado mucho esta noche").
var winterFrench = slices.Concat(
	only(`\^pedir<vblex>[^$]*\$ +\^cita<n>`, []string{`s%\^pedir(<vblex>[^$]*\$ +\^cita<n>)%^tomar\1%g`}),
	only(`\^en<pr>\$ +\^el<det><def><m><[sp][gl]>\$ +\^(dentista)*(médico)*(peluquero)*(veterinario)*(fisio)*<n>`, []string{
		`s%\^en<pr>\$( +\^el<det><def><m><[sp][gl]>\$ +\^(dentista)*(médico)*(peluquero)*(veterinario)*(fisio)*<n>)%` + superblank("chez") + `\1%g`,
	}),
	// A superblank for "planchar" would go before the chunk of "tener
	// que" ("je repasser dois"): an unknown word stays in its place.
	only(`\^\*[Pp]lanchar\$`, []string{`s%\^\*planchar\$%^*repasser$%g`, `s%\^\*Planchar\$%^*Repasser$%g`}),
	only(`<vbhaver>[^$]*\$ +\^[^<$]*<vblex><pp>.*\^[Ee]ste<det><dem><f><sg>\$ +\^noche<n>`, []string{
		`s%(<vbhaver>[^$]*\$ +\^[^<$]*<vblex><pp>[^$]*\$` + sameSentence + ` +)\^este<det><dem><f><sg>\$ +\^noche<n><f><sg>\$%\1` + superblank("cette nuit") + `%g`,
	}),
	only(`<vblex><ifi>.*\^[Ee]ste<det><dem><f><sg>\$ +\^noche<n>`, []string{
		`s%(<vblex><ifi>[^$]*\$` + sameSentence + ` +)\^este<det><dem><f><sg>\$ +\^noche<n><f><sg>\$%\1` + superblank("cette nuit") + `%g`,
	}),
)

// winterFrenchToSpanish are tag fixes of fr-es: chat's "j'ai rien" has
// no "ne" and is "no … nada" ("tengo nada comprendí"; "j'ai pas"
// already is), "faire mal" is "hacer daño" ("hacer mal"), going off
// skiing is going to ski ("marchamos al esquí").
var winterFrenchToSpanish = slices.Concat(
	// The tagger reads the participle after "rien" as the past ("j'ai
	// rien compris", "tengo nada comprendí"): the participle, "rien"
	// after it ("no he comprendido nada"), once "ne" is in before the
	// verb that "rien" follows; "rien à" a thing to do is "nada que"
	// ("rien à me mettre", "nada a ponerme").
	withoutNe("rien", "prn"),
	only(`\^rien<prn>`, []string{
		`s%(\^avoir<vbhaver>[^$]*\$) +(\^rien<prn>[^$]*\$) +\^([^<$]*<vblex>)<ifi><p[123]><sg>\$%\1 ^\3<pp><m><sg>$ \2%g`,
		`s%(\^rien<prn>[^$]*\$) +\^à<pr>\$( +(\^[^<$]*<prn><pro>[^$]*\$ +)*\^[^<$]*<vblex><inf>)%\1 ` + superblank("que") + `\2%g`,
	}),
	// The tagger reads "mal" ending a sentence as the adverb, and
	// before another word as the one before an adjective.
	only(`\^faire<vblex>[^$]*\$ +\^mal<[a-z]*adv>`, []string{`s%(\^faire<vblex>[^$]*\$) +\^mal<[a-z]*adv>\$%\1 ` + superblank("daño") + `%g`}),
	only(`\^partir<vblex>[^$]*\$ +\^à<pr>\+le<det><def><m><sg>\$ +\^ski<n>`, []string{
		`s%\^partir(<vblex>[^$]*\$) +\^à<pr>\+le<det><def><m><sg>\$ +\^ski<n><m><sg>\$%^aller\1 ^skier<vblex><inf>$%g`,
	}),
)

// winterPortuguese are tag fixes of pt-es: "está a nevar" is "está
// nevando" (pt-es lacks "nevar": "está la nevar"); "passar a ferro" is
// ironing, "planchar" ("pasar la ropa a hierro"), in the infinitive, as
// an unknown word that stays in its place; "estender a roupa" is hanging
// it out, pt-es's "tender" ("extender la ropa").
var winterPortuguese = slices.Concat(
	only(`\^estar<vblex>[^$]*\$ +\^o<det><def><f><sg>\$ +\^\*nevar\$`, []string{
		`s%(\^estar<vblex>[^$]*\$) +\^o<det><def><f><sg>\$ +\^\*nevar\$%\1 ` + superblank("nevando") + `%g`,
	}),
	only(`\^passar<vblex><inf>\$ +(\^o<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$ +)?\^a<pr>\$ +\^ferro<n><m><sg>\$`, []string{
		`s%\^passar<vblex><inf>\$( +\^o<det>[^$]*\$ +\^[^<$]*<n>[^$]*\$)? +\^a<pr>\$ +\^ferro<n><m><sg>\$%^*planchar$\1%g`,
	}),
	only(`\^estender<vblex>[^$]*\$ +\^o<det><def><f><sg>\$ +\^roupa<n>`, []string{
		`s%\^estender(<vblex>[^$]*\$ +\^o<det><def><f><sg>\$ +\^roupa<n>)%^tender\1%g`,
	}),
)

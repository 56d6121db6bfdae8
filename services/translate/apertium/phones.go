package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Phones, hotels and baking (rounds chat104-chat106): what the modes
// write word by word in those messages.

// phonesEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var phonesEnglish = slices.Concat(
	// "text" someone is sending a message ("Yo texto tú": the tagger
	// reads the noun), "te mando un mensaje".
	only(`\^text<n><sg>\$ +\^prpers<prn>`, []string{
		`s%\^prpers<prn><subj><p1><mf><sg>\+will<vaux><inf>\$ +\^text<n><sg>\$ +\^prpers<prn><(subj)*(obj)*><p2><mf><sp>\$%` + superblank("te mando un mensaje") + `%g`,
		`s%\^prpers<prn><subj><p1><mf><sg>\+will<vaux><inf>\$ +\^text<n><sg>\$ +\^prpers<prn><obj><p3><m><sg>\$%` + superblank("le mando un mensaje") + `%g`,
		`s%\^prpers<prn><subj><p1><mf><sg>\+will<vaux><inf>\$ +\^text<n><sg>\$ +\^prpers<prn><obj><p3><f><sg>\$%` + superblank("le mando un mensaje") + `%g`,
	}),
	only(`\^text<vblex>`, slices.Concat(
		sayAs("T", "t", `ext<vblex><imp>\$ +\^prpers<prn><obj><p1><mf><sg>\$`, "mándame un mensaje", true),
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^text<vblex><past>\$ +\^prpers<prn><obj><p2><mf><sp>\$`, "te mandé un mensaje", false),
	)),
	// Getting there is arriving, "llegar" ("cuando cojo allí"; the
	// subjunctive after "cuando" follows).
	only(`\^get<vblex>[^$]*\$ +\^there<adv>`, []string{`s%\^get(<vblex>[^$]*\$) +\^there<adv>\$%^arrive\1%g`}),
	// What "keeps" doing a thing does not stop doing it, "no para de"
	// ("mantiene retomar"); done "on its own" is "solo" ("en su propio").
	only(`\^keep<vblex>[^$]*\$ +\^[^<$]*<vblex><ger>`, []string{
		`s%\^keep<vblex><pri><p3><sg>\$ +\^([^<$]*<vblex>)<ger>\$%` + superblank("no para") + ` ^of<pr>$ ^\1<inf>$%g`,
		`s%\^keep<vblex><pres>\$ +\^([^<$]*<vblex>)<ger>\$%` + superblank("no paran") + ` ^of<pr>$ ^\1<inf>$%g`,
		`s%\^prpers<prn><subj><p1><mf><sg>\$ +\^keep<vblex><pres>\$ +\^([^<$]*<vblex>)<ger>\$%` + superblank("no paro") + ` ^of<pr>$ ^\1<inf>$%g`,
	}),
	only(`\^on<pr>\$ +\^its<det><pos><sp>\$ +\^own<adj>`, []string{`s%\^on<pr>\$ +\^its<det><pos><sp>\$ +\^own<adj>\$%` + superblank("solo") + `%g`}),
	// A thing one dropped fell, "se me cayó" ("Caí mi teléfono"), and a
	// screen that cracked broke, "se rompió" ("agrietaron").
	only(`\^drop<vblex><past>\$ +\^my<det><pos><sp>`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^drop<vblex><past>\$ +\^my<det><pos><sp>\$( +\^[^<$]*<n><pl>)%` + superblank("se me cayeron") + ` ^the<det><def><sp>$\1%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^drop<vblex><past>\$ +\^my<det><pos><sp>\$%` + superblank("se me cayó") + ` ^the<det><def><sp>$%g`,
	}),
	only(`<n><sg>\$ +\^crack<vblex><past>`, []string{`s%(<n><sg>\$ +)\^crack<vblex><past>\$%\1` + superblank("se rompió") + `%g`}),
	// A SIM card is "una tarjeta SIM" ("un SIM tarjeta"), the air
	// conditioning the conditioner, "el acondicionador de aire" ("el
	// condicionante de aire").
	only(`\^\*SIM\$ +\^card<n>`, []string{`s%\^\*SIM\$ +\^card<n>(<[sp][gl]>)\$%^card<n>\1$ ` + superblank("SIM") + `%g`}),
	only(`\^air<n><sg>\$ +\^conditioning<n>`, []string{`s%\^air<n><sg>\$ +\^conditioning<n><sg>\$%^air<n><sg>$ ^conditioner<n><sg>$%g`}),
	// A thing that "only works" somewhere is "solo funciona" ("œuvres
	// uniques" in French through "obras únicas").
	only(`\^only<adj>\$ +\^work<n><pl>`, []string{`s%(\$ +)\^only<adj>\$ +\^work<n><pl>\$%\1^only<adv>$ ` + superblank("funciona") + `%g`}),
	// Checking out of a hotel is leaving the room, "dejar la
	// habitación", by a time "antes de las" ("comprobar fuera por
	// once"); "check out" a link stays.
	only(`\^check<vblex><inf>\$ +\^out<adv>\$ +\^by<pr>`, []string{
		`s%\^check<vblex><inf>\$ +\^out<adv>\$ +\^by<pr>\$%` + superblank("dejar la habitación antes de las") + `%g`,
	}),
	// Check-in and check-out at a hotel are "el check-in", "el check-out"
	// ("control-en").
	only(`\^check<n><sg>\$\^-<guio>\$\^(in)*(out)*<`, []string{
		`s%(\^the<det><def><sp>\$ +)?\^check<n><sg>\$\^-<guio>\$\^in<[a-z]+>\$%` + superblank("el check-in") + `%g`,
		`s%(\^the<det><def><sp>\$ +)?\^check<n><sg>\$\^-<guio>\$\^out<[a-z]+>\$%` + superblank("el check-out") + `%g`,
	}),
	// Right next to a place is "justo al lado de" ("droit prochain à").
	only(`\^next<adj>\$ +\^to<pr>`, []string{
		`s%\^right<adj>\$ +\^next<adj>\$ +\^to<pr>\$%` + superblank("justo al lado") + ` ^of<pr>$%g`,
		`s%(\^be<vbser>[^$]*\$ +)\^next<adj>\$ +\^to<pr>\$%\1` + superblank("al lado") + ` ^of<pr>$%g`,
	}),
	// A room with a sea view has "vistas al mar" ("una vista de mar").
	only(`\^sea<n><sg>\$ +\^view<n>`, []string{
		`s%(\^a<det><ind><sg>\$ +)?\^sea<n><sg>\$ +\^view<n><[sp][gl]>\$%` + superblank("vistas al mar") + `%g`,
	}),
	// Staying somewhere a while is "quedarse" ("estamos quedando").
	only(`\^stay<vblex><ger>`, []string{
		`s%\^[Pp]rpers<prn><subj><p1><mf><pl>\$ +\^be<vbser><pres>\$ +\^stay<vblex><ger>\$%` + superblank("nos quedamos") + `%g`,
		`s%\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^be<vbser><pri><p1><sg>\$ +\^stay<vblex><ger>\$%` + superblank("me quedo") + `%g`,
	}),
)

// phonesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var phonesSpanish = slices.Concat(
	// "te llamo cuando salga" is what one will do, I'll call you when I
	// get out ("I call you when it leaves"): the present before "cuando"
	// with a subjunctive is the future, and the subjunctive's person,
	// with nothing after it but a place, the speaker's.
	only(`<vblex><pri><p1><sg>\$ +\^cuando<cnjadv>\$ +\^[^<$]*<vblex><prs>`, []string{
		`s%(<vblex><pri><p1><sg>\$ +\^cuando<cnjadv>\$ +\^[^<$]*<vblex><prs>)<p3><sg>(\$ +\^[^<$]*<pr>)%\1<p1><sg>\2%g`,
		`s%(<vblex><pri><p1><sg>\$ +\^cuando<cnjadv>\$ +\^[^<$]*<vblex><prs>)<p3><sg>(\$ *)$%\1<p1><sg>\2%g`,
		`s%(<vblex><pri><p1><sg>\$ +\^cuando<cnjadv>\$ +\^[^<$]*<vblex><prs>)<p3><sg>(\$ *\^[.,!?]<)%\1<p1><sg>\2%g`,
		// "te aviso", "tengo", "veo" stay (presentForFuture).
		`s%(\^[Aa]visar<vblex>)<pri>%\1<pri_cuando>%g`,
		`s%(\^[Tt]ener<vblex>)<pri>%\1<pri_cuando>%g`,
		`s%(\^ver<vblex>)<pri>%\1<pri_cuando>%g`,
		`s%<vblex><pri>(<p1><sg>\$ +\^cuando<cnjadv>\$ +\^[^<$]*<vblex><prs>)%<vblex><fti>\1%g`,
		`s%<pri_cuando>%<pri>%g`,
	}),
	// "en cuanto" is as soon as ("in what"), and what one does then the
	// future.
	only(`\^en<pr>\$ +\^cuanto<rel>`, []string{
		`s%<vblex><pri>(<p1><sg>\$ +\^en<pr>\$ +\^cuanto<rel>)%<vblex><fti>\1%g`,
		`s%\^en<pr>\$ +\^cuanto<rel><nn><m><sg>\$%` + superblank("as soon as") + `%g`,
	}),
	// Getting out of a place is "salir de" ("leaves of the metro").
	only(`\^salir<vblex>[^$]*\$ +\^de<pr>`, []string{
		`s%(\^salir<vblex>[^$]*\$ +)\^de<pr>\+(el<det><def><m><sg>\$)%\1^\2%g`,
		`s%(\^salir<vblex>[^$]*\$ +)\^de<pr>\$( +\^el<det>)%\1\2%g`,
	}),
	// "cambiar de" a thing is changing it for another ("I changed of
	// operator"): English says the things, "I changed carriers"; one's
	// mind, house and the subject are others'.
	only(`\^cambiar<vblex>[^$]*\$ +\^de<pr>\$ +\^(operador)*(operadora)*(trabajo)*(móvil)*(coche)*(compañía)*(número)*(banco)*(tarifa)*(médico)*(piso)*(gimnasio)*<n>`, []string{
		`s%(\^cambiar<vblex>[^$]*\$ +)\^de<pr>\$ +\^operador<n><[mf]><sg>\$%\1` + superblank("carriers") + `%g`,
		`s%(\^cambiar<vblex>[^$]*\$ +)\^de<pr>\$ +\^operadora<n><[mf]><sg>\$%\1` + superblank("carriers") + `%g`,
		`s%(\^cambiar<vblex>[^$]*\$ +)\^de<pr>\$ +\^trabajo<n><m><sg>\$%\1` + superblank("jobs") + `%g`,
		`s%(\^cambiar<vblex>[^$]*\$ +)\^de<pr>\$ +\^([^<$]*<n><[mf]>)<sg>\$%\1^\2<pl>$%g`,
	}),
	// What "me ha salido" so turned out so ("it's left me the sponge
	// cake perfect"): "my sponge cake came out perfect".
	only(`\^haber<vbhaver><pri><p3><sg>\$ +\^salir<vblex><pp>`, []string{
		`s%\^[Pp]rpers<prn><pro><p1><mf><sg>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^salir<vblex><pp><m><sg>\$ +\^el<det><def><[mf]><sg>\$ +(\^[^$]*\$) +(\^[^<$]*<adj>[^$]*\$)%` + superblank("my") + ` \1 ` + lowerSuperblank("came out") + ` \2%g`,
	}),
	// A sponge cake, "un bizcocho", which spa-eng lacks.
	only(`\^\*[Bb]izcochos*\$`, []string{
		`s%\^\*bizcocho\$%` + superblank("sponge cake") + `%g`,
		`s%\^\*Bizcocho\$%` + superblank("Sponge cake") + `%g`,
		`s%\^\*bizcochos\$%` + superblank("sponge cakes") + `%g`,
	}),
	// A room that "da a" the street or the sea looks onto it ("gives to
	// the street").
	only(`\^dar<vblex><pri><p3><sg>\$ +\^a<pr>[^$]*\$ +(\^el<det>[^$]*\$ +)?\^(calle)*(mar)*(patio)*(jardín)*(playa)*(parque)*(piscina)*(plaza)*(río)*(montaña)*<n>`, []string{
		`s%\^dar<vblex><pri><p3><sg>\$ +\^a<pr>\$( +\^el<det>)%` + superblank("looks onto") + `\1%g`,
		`s%\^dar<vblex><pri><p3><sg>\$ +\^a<pr>\+(el<det>)%` + superblank("looks onto") + ` ^\1%g`,
	}),
	// A phone "sin batería" is out of battery ("is without battery").
	only(`\^estar<vblex><pri><p[13]><sg>\$ +\^sin<pr>\$ +\^batería<n>`, []string{
		`s%\^estar<vblex><pri><p3><sg>\$ +\^sin<pr>\$ +\^batería<n><f><sg>\$%` + superblank("is out of battery") + `%g`,
		`s%\^estar<vblex><pri><p1><sg>\$ +\^sin<pr>\$ +\^batería<n><f><sg>\$%` + superblank("I'm out of battery") + `%g`,
	}),
	// Open ("opened"), of what "está abierto".
	only(`\^estar<vblex>[^$]*\$ +\^abrir<vblex><pp>`, []string{
		`s%(\^estar<vblex>[^$]*\$ +)\^abrir<vblex><pp><[mf]><[sp][gl]>\$%\1` + superblank("open") + `%g`,
	}),
	// A place that "queda lejos" is far ("remains far of the beach"),
	// from somewhere.
	only(`\^quedar<vblex><pri><p3><[a-z]+>\$ +\^lejos<adv>`, []string{
		`s%\^quedar<vblex><pri><p3><sg>\$ +\^lejos<adv>\$( +\^de<pr>\$)?%` + superblank("is far from") + `%g`,
		`s%\^quedar<vblex><pri><p3><pl>\$ +\^lejos<adv>\$( +\^de<pr>\$)?%` + superblank("are far from") + `%g`,
	}),
	// A thing asked for ("we ask another room").
	only(`\^pedir<vblex><[a-z]+><p[123]><[a-z]+>\$ +\^(otro)*(uno)*<det>`, []string{
		`s%(\^pedir<vblex><[a-z]+><p[123]><[a-z]+>\$) +(\^(otro)*(uno)*<det>)%\1 ` + superblank("for") + ` \2%g`,
	}),
	// A cake of a flavour is the flavour's cake ("a cake of orange").
	only(`\^(pastel)*(tarta)*<n><[mf]><sg>\$ +\^de<pr>\$ +\^(naranja)*(limón)*(chocolate)*(manzana)*(zanahoria)*(queso)*(fresa)*(cumpleaños)*<`, func() []string {
		var subs []string
		for _, f := range [][2]string{{"naranja", "orange"}, {"limón", "lemon"}, {"chocolate", "chocolate"}, {"manzana", "apple"},
			{"zanahoria", "carrot"}, {"queso", "cheese"}, {"fresa", "strawberry"}, {"cumpleaños", "birthday"}} {
			subs = append(subs, `s%\^(pastel)*(tarta)*<n><[mf]><sg>\$ +\^de<pr>\$ +\^`+f[0]+`<[a-z]+>[^$]*\$%`+superblank(f[1]+" cake")+`%g`)
		}
		return subs
	}()),
)

// phoneParts are tag fixes of spa-eng that run after happenedToMine: a
// phone's screen or battery, "la pantalla del móvil", is the phone screen
// ("my screen has broken of the phone").
var phoneParts = only(`\^de<pr>\+el<det><def><m><sg>\$ +\^móvil<`, []string{
	`s%(\^mío<det><pos><mf><sg>\$) +\^([^<$]*<n><[mf]><sg>\$)( +\^se<prn>[^$]*\$ +(\^haber<vbhaver>[^$]*\$ +)?\^[^<$]*<vblex>[^$]*\$) +\^de<pr>\+el<det><def><m><sg>\$ +\^móvil<[a-z]+><[a-z]+><sg>\$%\1 ` + superblank("phone") + ` ^\2\3%g`,
	`s%\^([^<$]*<n><[mf]><sg>\$) +\^de<pr>\+el<det><def><m><sg>\$ +\^móvil<[a-z]+><[a-z]+><sg>\$%` + superblank("phone") + ` ^\1%g`,
})

// phonesFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish).
var phonesFrenchToSpanish = slices.Concat(
	// A thing that "est tombé" fell, "se ha caído" ("ha caído"), into the
	// water "al agua" ("en el agua").
	only(`\^être<vbser><pri><p3><sg>\$ +\^tomber<vblex><pp>`, []string{
		`s%\^être<vbser><pri><p3><sg>\$ +\^tomber<vblex><pp><[mf]><sg>\$ +\^dans<pr>\$ +\^le<det><def><[mf]*><sg>\$ +\^eau<n><f><sg>\$%` + superblank("se ha caído al agua") + `%g`,
		`s%\^être<vbser><pri><p3><sg>\$ +\^tomber<vblex><pp><[mf]><sg>\$%` + superblank("se ha caído") + `%g`,
	}),
	// "j'ai du réseau" is having signal, "tengo cobertura" ("tengo de la
	// cobertura").
	only(`\^avoir<vblex>[^$]*\$ +\^de<pr>\+le<det><def><m><sg>\$ +\^réseau<n>`, []string{
		`s%(\^avoir<vblex>[^$]*\$ +)\^de<pr>\+le<det><def><m><sg>\$ +(\^réseau<n>)%\1\2%g`,
	}),
	// Chat's "j'ai plus de" a thing, its "ne" dropped, is having none left
	// ("tengo más de batería").
	only(`\^avoir<vbhaver><pri><p1><sg>\$ +\^plus<adv>\$ +\^de<pr>\$ +\^(batterie)*(réseau)*(crédit)*(forfait)*(données)*(argent)*(essence)*(lait)*(pain)*(café)*<n>`, []string{
		`s%\^je<prn><tn><p1><mf><sg>\$ +\^avoir<vbhaver><pri><p1><sg>\$ +\^plus<adv>\$ +\^de<pr>\$%` + superblank("no me queda") + `%g`,
	}),
	// A room that "donne sur" the street or the sea looks onto it ("da
	// sobre la mar").
	only(`\^donner<vblex><pri><p3><[a-z]+>\$ +\^sur<pr>`, []string{
		`s%\^donner<vblex><pri><p3><sg>\$ +\^sur<pr>\$ +\^le<det><def><f><sg>\$ +\^mer<n><f><sg>\$%` + superblank("da al mar") + `%g`,
		`s%\^donner(<vblex><pri><p3><[a-z]+>\$) +\^sur<pr>\$%^donner\1 ^à<pr>$%g`,
	}),
	// Words fr-es lacks: noisy "ruidoso", sweet "dulce", a pinch "una
	// pizca"; dough or a cake "raté" is spoilt, "estropeado" ("he perdido
	// mi pasta"), crêpe batter "la masa de crepes".
	only(`\^\*bruyant`, []string{
		`s%\^\*bruyante\$%` + superblank("ruidosa") + `%g`,
		`s%\^\*bruyants\$%` + superblank("ruidosos") + `%g`,
		`s%\^\*bruyantes\$%` + superblank("ruidosas") + `%g`,
		`s%\^\*bruyant\$%` + superblank("ruidoso") + `%g`,
	}),
	only(`\^\*sucré`, []string{
		`s%\^\*sucrée*\$%` + superblank("dulce") + `%g`,
		`s%\^\*sucrée*s\$%` + superblank("dulces") + `%g`,
	}),
	only(`\^\*pincée\$`, []string{`s%\^\*pincée\$%` + superblank("pizca") + `%g`}),
	only(`\^rater<vblex><pp><m><sg>\$ +\^[^<$]*<det>[^$]*\$ +\^(pâte)*(gâteau)*(tarte)*(recette)*(pain)*(sauce)*(cuisson)*(omelette)*(mayonnaise)*<n>`, []string{
		`s%\^rater(<vblex><pp><m><sg>\$ +\^[^<$]*<det>)%^abîmer\1%g`,
	}),
	only(`\^pâte<n><f><sg>\$ +\^à<pr>\$ +\^\*crêpes`, []string{`s%\^pâte<n><f><sg>\$ +\^à<pr>\$ +\^\*crêpes\$%` + superblank("masa de crepes") + `%g`}),
)

// phonesPortuguese are tag fixes of pt-es (and of pt→en through its
// Spanish): a mobile phone, "o telemóvel" (pt-es lacks the word), a
// balcony "a varanda", a cake "o bolo" (a skittle, "bolo"), no signal
// "sem rede".
var phonesPortuguese = slices.Concat(
	only(`\^\*[Tt]elemóve`, []string{
		`s%\^\*telemóvel\$%` + superblank("móvil") + `%g`,
		`s%\^\*Telemóvel\$%` + superblank("Móvil") + `%g`,
		`s%\^\*telemóveis\$%` + superblank("móviles") + `%g`,
	}),
	only(`\^\*varandas*\$`, []string{
		`s%\^um<det><ind><f><sg>\$ +\^\*varanda\$%` + superblank("un balcón") + `%g`,
		`s%\^o<det><def><f><sg>\$ +\^\*varanda\$%` + superblank("el balcón") + `%g`,
		`s%\^\*varanda\$%` + superblank("balcón") + `%g`,
		`s%\^\*varandas\$%` + superblank("balcones") + `%g`,
	}),
	only(`\^\*bolos*\$`, []string{
		`s%\^\*bolo\$( +\^de<pr>\$ +\^[^<$]*<n>)%^pastel<n><m><sg>$\1%g`,
		`s%\^\*bolo\$%` + superblank("pastel") + `%g`,
		`s%\^\*bolos\$%` + superblank("pasteles") + `%g`,
	}),
	only(`\^sem<pr>\$ +\^rede<n>`, []string{`s%\^sem<pr>\$ +\^rede<n><f><sg>\$%` + superblank("sin cobertura") + `%g`}),
	only(`\^ter<vblex>[^$]*\$ +\^rede<n>`, []string{`s%(\^ter<vblex>[^$]*\$ +)\^rede<n><f><sg>\$%\1` + superblank("cobertura") + `%g`}),
	// "liga-me" opening a request is the imperative, "llámame" ("me
	// llama"), as the verbs of the request rule in tagFixes.
	[]string{`s%^\^([Ll])igar<vblex><pri><p3><sg>(\+[^$]*<prn><enc>)%^\1igar<vblex><imp><p2><sg>\2%`},
)

// spongeCakeToPortuguese is es-pt's sponge cake, "o bolo" (es-pt lacks
// "bizcocho"), and its French, "le gâteau".
var spongeCakeToPortuguese = only(`\^\*bizcochos*\$`, []string{
	`s%\^\*bizcocho\$%` + superblank("bolo") + `%g`,
	`s%\^\*bizcochos\$%` + superblank("bolos") + `%g`,
})

var spongeCakeToFrench = only(`\^\*bizcochos*\$`, []string{
	`s%\^\*bizcocho\$%` + superblank("gâteau") + `%g`,
	`s%\^\*bizcochos\$%` + superblank("gâteaux") + `%g`,
})

// frenchOnlyWorks is "seulement fonctionne", the modes' "only works":
// French says "ne fonctionne que".
var frenchOnlyWorks = regexp.MustCompile(`\bseulement (fonctionnent|fonctionne|marchent|marche) (\p{L}+)`)

// frenchOnly writes "only" a verb does as French says it, "ne fonctionne
// que le lundi", "n'ai qu'un", eliding before a vowel.
func frenchOnly(verb, next string) string {
	neg, que := "ne ", "que "
	if startsWithVowel(verb) {
		neg = "n'"
	}
	if startsWithVowel(next) {
		que = "qu'"
	}
	return neg + verb + " " + que + next
}

// frenchKeepsDoing is es-fr's "no para de", what keeps doing a thing
// ("ne pour de", para read as for): "n'arrête pas de".
var frenchKeepsDoing = regexp.MustCompile(`\bne pour de\b`)

// frenchFlavours are a cake's or an ice cream's flavours, "au chocolat"
// ("un gâteau de chocolat", from Spanish).
var frenchFlavours = regexp.MustCompile(`\b((?:gâteau|gâteaux|glace|glaces|tarte|tartes|mousse|crêpe|crêpes|biscuit|biscuits|yaourt|yaourts|cake) )de (chocolat|citron|fraise|fraises|vanille|pomme|pommes|orange|framboise|framboises|carottes|café|noix)\b`)

// frenchBeside is es-fr's "al lado de", "au côté de": French is "à côté
// de".
var frenchBeside = regexp.MustCompile(`\b(juste |tout )?au côté (de |d'|du |des )`)

// portugueseRoomAgrees is a room, "o quarto" (senses: "a sala", "a
// habitação"), its adjective in the feminine the Spanish left ("o quarto
// estava muito limpa").
var portugueseRoomAgrees = regexp.MustCompile(`\b([Oo] quarto (?:é|era|está|estava|foi|ficou|parece) (?:muito |bem |tão |super |demasiado |mesmo |um pouco )?)(\p{L}{2,})a\b`)

// englishMealArticle is spa-eng's meal with "the" after a time or a
// preposition ("what time is the breakfast?", "at the lunch"): English
// names a meal without it.
var englishMealArticle = regexp.MustCompile(`\b((?:[Ww]hat time|[Ww]hen) is|at|for|after|before|during) the (breakfast|lunch|dinner|brunch)\b`)

// phoneRewrites are the English rewrites of the rounds chat104-chat106.
var phoneRewrites = []gatedRewrite{
	{englishMealArticle, "the breakfast|the lunch|the dinner|the brunch", "", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + " " + o[m[4]:m[5]], true
	}},
}

// phoneRewritesByTarget are their rewrites for the other targets.
var phoneRewritesByTarget = map[string][]gatedRewrite{
	"fr": {
		{frenchKeepsDoing, "ne pour de", "", func(o string, m []int) (string, bool) { return "n'arrête pas de", true }},
		{frenchOnlyWorks, "seulement ", "fonctionne|marche", func(o string, m []int) (string, bool) {
			return frenchOnly(o[m[2]:m[3]], o[m[4]:m[5]]), true
		}},
		{frenchFlavours, " de ", "chocolat|citron|fraise|vanille|pomme|orange|framboise|carottes|café|noix", func(o string, m []int) (string, bool) {
			flavour := o[m[4]:m[5]]
			switch {
			case strings.HasSuffix(flavour, "s"):
				return o[m[2]:m[3]] + "aux " + flavour, true
			case flavour == "orange":
				return o[m[2]:m[3]] + "à l'orange", true
			case flavour == "fraise" || flavour == "vanille" || flavour == "pomme" || flavour == "framboise":
				return o[m[2]:m[3]] + "à la " + flavour, true
			}
			return o[m[2]:m[3]] + "au " + flavour, true
		}},
		{frenchBeside, "au côté d", "", func(o string, m []int) (string, bool) {
			pre := ""
			if m[2] >= 0 {
				pre = o[m[2]:m[3]]
			}
			return pre + "à côté " + o[m[4]:m[5]], true
		}},
	},
	"pt": {
		{portugueseRoomAgrees, "quarto ", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + o[m[4]:m[5]] + "o", true
		}},
	},
}

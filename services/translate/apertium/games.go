package apertium

import "slices"

// Diets, cards and board games, and selling things second-hand (rounds
// chat89-chat91): what the modes write word by word in those messages.

// gamesEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var gamesEnglish = slices.Concat(
	// Being on a diet is "estar a dieta" ("Estoy en una dieta").
	only(`\^on<pr>\$ +\^a<det><ind><sg>\$ +\^diet<n><sg>`, func() []string {
		var subs []string
		for _, p := range [][3]string{{"p1><mf><sg", "p1><sg", "estoy a dieta"}, {"p2><mf><s[gp]", "p2><s[gp]", "estás a dieta"},
			{"p3><[mf]><sg", "p3><sg", "está a dieta"}, {"p1><mf><pl", "p1><pl", "estamos a dieta"}} {
			subs = append(subs, sayAs("P", "p", `rpers<prn><subj><`+p[0]+`>\$ +\^be<vbser><pri><`+p[1]+`>\$ +\^on<pr>\$ +\^a<det><ind><sg>\$ +\^diet<n><sg>\$`, p[2], false)...)
		}
		return append(subs, `s%\^on<pr>\$ +\^a<det><ind><sg>\$ +\^diet<n><sg>\$%`+superblank("a dieta")+`%g`)
	}()),
	// Giving a thing up is quitting it, "dejar" ("He dado arriba
	// azúcar"), and the thing has its article ("he dejado el azúcar").
	only(`\^give<vblex>[^$]*\$ +\^up<adv>`, []string{
		`s%\^give(<vblex>[^$]*\$) +\^up<adv>\$( +\^[^<$]*<n><sg>\$)%^quit\1 ^the<det><def><sp>$\2%g`,
		`s%\^give(<vblex>[^$]*\$) +\^up<adv>\$%^quit\1%g`,
	}),
	// Cheating at a game is "hacer trampa" ("estás engañando"); cheating
	// on someone stays "engañar" (marked first, given back after).
	only(`\^cheat<vblex>`, []string{
		`s%\^cheat(<vblex>[^$]*\$ +\^on<[a-z]*>)%^cheat_on\1%g`,
		`s%\^cheat(<vblex>[^$]*\$)%^do\1 ` + superblank("trampa") + `%g`,
		`s%\^cheat_on<%^cheat<%g`,
	}),
	// Playing cards is "jugar a las cartas" ("¿quieres cartas de
	// juego?", the tagger reading "play cards" as a noun's), rolling the
	// dice, a command that opens a clause, "tira los dados" ("Corro los
	// dados").
	only(`\^play<n><sg>\$ +\^card<n><pl>`, []string{`s%\^play<n><sg>\$ +\^card<n><pl>\$%` + superblank("jugar a las cartas") + `%g`}),
	only(`\^roll<[a-z]*>[^$]*\$ +\^the<det><def><sp>\$ +\^die<n><pl>`, slices.Concat(
		sayAs("R", "r", `oll<[a-z]*>[^$]*\$ +\^the<det><def><sp>\$ +\^die<n><pl>\$`, "tira los dados", true),
	)),
	// A thing in perfect or good condition is "en perfecto estado", "en
	// buen estado" ("en afección perfecta").
	only(`\^in<pr>\$ +\^(perfect)*(good)*<adj>[^$]*\$ +\^condition<n><sg>`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^in<pr>\$ +\^perfect<adj>\$ +\^condition<n><sg>\$`, "está en perfecto estado", false),
		sayAs("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^in<pr>\$ +\^good<adj>\$ +\^condition<n><sg>\$`, "está en buen estado", false), []string{
			`s%\^in<pr>\$ +\^perfect<adj>\$ +\^condition<n><sg>\$%` + superblank("en perfecto estado") + `%g`,
			`s%\^in<pr>\$ +\^good<adj>(<[a-z]+>)*\$ +\^condition<n><sg>\$%` + superblank("en buen estado") + `%g`,
		})),
)

// gamesSpanish are tag fixes of spa-eng (and of fr→en and pt→en,
// through its Spanish).
var gamesSpanish = slices.Concat(
	// "no como carne" is I don't eat meat ("no like meat"): the tagger
	// reads "como" after "no" as "like".
	only(`\^[Nn]o<adv>\$ +\^como<pr>\$ +\^[^<$]*<n>`, []string{`s%(\^[Nn]o<adv>\$ +)\^como<pr>\$( +\^[^<$]*<n>)%\1^comer<vblex><pri><p1><sg>$\2%g`}),
	// Being on a diet, "estar a dieta", "hacer dieta" ("I'm to diet",
	// "I'm doing diet").
	only(`\$ +\^dieta<n>`, []string{
		`s%(\^estar<vblex>[^$]*\$) +\^a<pr>\$ +\^dieta<n><f><sg>\$%\1 ` + superblank("on a diet") + `%g`,
		`s%(\^estar<vblex>[^$]*\$) +\^hacer<vblex><ger>\$ +\^dieta<n><f><sg>\$%\1 ` + superblank("on a diet") + `%g`,
	}),
	// Whose turn it is, "me toca", "te toca": it's my turn, your turn
	// ("it touches you throw").
	only(`<prn><pro><p[12]><mf><sg>\$ +\^tocar<vblex><pri><p3><sg>\$`, func() []string {
		var subs []string
		for _, p := range [][2]string{{"p1", "my"}, {"p2", "your"}} {
			units := `rpers<prn><pro><` + p[0] + `><mf><sg>\$ +\^tocar<vblex><pri><p3><sg>\$`
			// Before an infinitive, its turn to do it ("te toca tirar").
			for _, c := range [][2]string{{"P", "It's "}, {"p", "it's "}} {
				subs = append(subs, fix("", `\^`+c[0]+units, `( +\^[^<$]*<vblex><inf>\$)`, c[1]+p[1]+" turn to", true)...)
			}
			subs = append(subs, sayAs("P", "p", units, "it's "+p[1]+" turn", false)...)
		}
		return subs
	}()),
	// "echar una partida" is playing a game ("we throw a game?").
	only(`\^echar<vblex><pri><p1><pl>\$ +\^uno<det><ind><f><sg>\$ +\^partida<n>`,
		sayAs("E", "e", `char<vblex><pri><p1><pl>\$ +\^uno<det><ind><f><sg>\$ +\^partida<n><f><sg>\$`, "shall we play a game", false)),
	// A thing that "sigue" a state still is in it ("it follows
	// available"), and on sale, "a la venta", is for sale ("on sale"
	// is cheaper).
	only(`\^seguir<vblex><pri><p3><[sp][gl]>\$ +\^[^<$]*<adj>`, []string{
		`s%\^seguir(<vblex><pri><p3><[sp][gl]>)\$( +\^[^<$]*<adj>)%^estar\1$ ^todavía<adv>$\2%g`,
	}),
	only(`a la venta[<$]`, []string{
		`s%\^a la venta<adj>[^$]*\$%` + superblank("for sale") + `%g`,
		`s%\^estar(<vblex>[^$]*)\# a la venta\$%^estar\1$ ` + superblank("for sale") + `%g`,
	}),
	// "prestar atención" is paying attention ("I loan attention"; French
	// "faire attention" through it).
	only(`\^prestar<vblex>[^$]*\$ +\^atención<n>`, []string{`s%\^prestar(<vblex>[^$]*\$ +\^atención<n>)%^pagar\1%g`}),
	// A price is sold "por" for ("I sell it by twenty euros").
	only(`\^por<pr>\$ +\^[^<$]*<num>[^$]*\$ +\^(euro)*(dólar)*(libra)*<n>`, []string{
		`s%\^por<pr>\$( +\^[^<$]*<num>[^$]*\$ +\^(euro)*(dólar)*(libra)*<n>)%` + superblank("for") + `\1%g`,
	}),
	// An ad one "ha subido" is posted ("I've gone up the ad").
	only(`\^subir<vblex><pp><m><sg>\$ +\^el<det><def><m><sg>\$ +\^anuncio<n>`, []string{
		`s%\^subir<vblex><pp><m><sg>\$( +\^el<det><def><m><sg>\$ +\^anuncio<n>)%` + superblank("posted") + `\1%g`,
	}),
)

// gamesFrench are tag fixes of es-fr: a vegetarian is "végétarien"
// (es-fr lacks "vegetariano"), all afternoon "tout l'après-midi" ("tout
// le soir"), "me toca" "c'est à moi" ("il me touche"), and the tagger
// reads "intento" before a verb as the noun ("tentative ne manger").
var gamesFrench = slices.Concat(
	only(`\^\*[Vv]egetarian[oa]s*\$`, []string{
		`s%(\^[Ss]er<vbser>[^$]*\$ +)\^uno<det><ind><[mf]><sg>\$ +(\^\*vegetarian)%\1\2%g`,
		`s%\^\*vegetariano\$%` + superblank("végétarien") + `%g`, `s%\^\*vegetariana\$%` + superblank("végétarienne") + `%g`,
		`s%\^\*vegetarianos\$%` + superblank("végétariens") + `%g`, `s%\^\*vegetarianas\$%` + superblank("végétariennes") + `%g`,
	}),
	only(`\^todo<predet><f><sg>\$ +\^el<det><def><f><sg>\$ +\^tarde<n>`, sayAs("T", "t", `odo<predet><f><sg>\$ +\^el<det><def><f><sg>\$ +\^tarde<n><f><sg>\$`, "tout l'après-midi", false)),
	only(`<prn><pro><p[12]><mf><sg>\$ +\^tocar<vblex><pri><p3><sg>\$`, slices.Concat(
		sayAs("M", "m", `e<prn><pro><p1><mf><sg>\$ +\^tocar<vblex><pri><p3><sg>\$ +\^a<pr>\$ +\^mí<prn><tn><p1><mf><sg>\$`, "c'est à moi", false),
		sayAs("M", "m", `e<prn><pro><p1><mf><sg>\$ +\^tocar<vblex><pri><p3><sg>\$`, "c'est à moi", false),
		sayAs("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^tocar<vblex><pri><p3><sg>\$ +\^a<pr>\$ +\^ti<prn><tn><p2><mf><sg>\$`, "c'est à toi", false),
		sayAs("T", "t", `e<prn><pro><p2><mf><sg>\$ +\^tocar<vblex><pri><p3><sg>\$`, "c'est à toi", false),
	)),
	only(`\^[Ii]ntento<n><m><sg>\$`, []string{
		`s%\^([Ii])ntento<n><m><sg>\$( +\^no<adv>\$)%^\1ntentar<vblex><pri><p1><sg>$\2%g`,
		`s%\^([Ii])ntento<n><m><sg>\$( +\^[^<$]*<vblex><inf>)%^\1ntentar<vblex><pri><p1><sg>$\2%g`,
	}),
	// Cards one plays are "cartes" ("jouer aux lettres"); not doing a
	// thing is "ne pas" and the infinitive ("ne manger"), sweets "des
	// sucreries" ("doux").
	only(`\^jugar<vblex>[^$]*\$ +\^a<pr>\$ +\^el<det><def><f><pl>\$ +\^carta<n>`, []string{
		`s%(\^jugar<vblex>[^$]*\$ +\^a<pr>\$ +\^el<det><def><f><pl>\$) +\^carta<n><f><pl>\$%\1 ` + superblank("cartes") + `%g`,
	}),
	only(`\^no<adv>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%(\^(intentar)*(tratar)*<vblex>[^$]*\$ +)\^no<adv>\$( +\^[^<$]*<vblex><inf>\$)%\1` + superblank("de ne pas") + `\4%g`,
		`s%\^no<adv>\$( +\^[^<$]*<vblex><inf>\$)%` + superblank("ne pas") + `\1%g`,
	}),
	only(`<vblex><inf>\$ +\^dulce<adj><mf><pl>`, []string{`s%(<vblex><inf>\$) +\^dulce<adj><mf><pl>\$%\1 ` + superblank("de sucreries") + `%g`}),
)

// gamesFrenchToSpanish are tag fixes of fr-es: being "au régime" is
// "estar a dieta" ("al régimen"), paying attention "prestar atención"
// ("hacer atención"), and a price "à débattre" "negociable" (a prize,
// "premio", "a debatir").
var gamesFrenchToSpanish = slices.Concat(
	only(`\^à<pr>\+le<det><def><m><sg>\$ +\^régime<n>`, []string{`s%\^à<pr>\+le<det><def><m><sg>\$ +\^régime<n><m><sg>\$%` + superblank("a dieta") + `%g`}),
	only(`\^faire<vblex>[^$]*\$ +\^attention<n>`, []string{`s%\^faire(<vblex>[^$]*\$ +\^attention<n>)%^prêter\1%g`}),
	only(`\^prix<n><m><sp>\$ +\^être<vbser>[^$]*\$ +\^à<pr>\$ +\^débattre<vblex><inf>`, []string{
		`s%\^prix<n><m><sp>\$( +\^être<vbser>[^$]*\$) +\^à<pr>\$ +\^débattre<vblex><inf>\$%` + superblank("precio") + `\1 ` + superblank("negociable") + `%g`,
	}),
)

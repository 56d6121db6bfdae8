package apertium

import (
	"slices"
	"strings"
)

// Condolences, the beach and lost things (rounds chat80-chat82): what the
// modes write word by word in those messages.

// summerEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var summerEnglish = slices.Concat(
	// Passing away is dying ("my grandfather passed away", "mi abuelo
	// pasó fuera"): "murió".
	only(`ass<vblex>[^$]*\$ +\^away<adv>`, []string{
		`s%\^pass<vblex>((<[a-z0-9]+>)+)\$ +\^away<adv>\$%^die<vblex>\1$%g`,
		`s%\^Pass<vblex>((<[a-z0-9]+>)+)\$ +\^away<adv>\$%^Die<vblex>\1$%g`,
	}),
	// "whenever" is "cuando", with the subjunctive of what is to come
	// ("call me whenever you want", "llámame siempre que quieres"; now
	// "cuando quieras", subjunctive.go).
	only(`henever<cnjsub>`, []string{`s%\^([Ww])henever<cnjsub>\$%^\1hen<cnjadv>$%g`}),
	// eng-spa lacks "anywhere": after a negation it is "por ningún
	// lado", in a question "en algún sitio", otherwise "en cualquier
	// sitio".
	only(`\^\*[Aa]nywhere\$`, []string{
		`s%(not<adv>.*)\^\*anywhere\$%\1` + superblank("por ningún lado") + `%`,
		`s%(never<adv>.*)\^\*anywhere\$%\1` + superblank("por ningún lado") + `%`,
		`s%\^\*anywhere\$(.*\^\?<sent>)%` + superblank("en algún sitio") + `\1%g`,
		`s%\^\*anywhere\$%` + superblank("en cualquier sitio") + `%g`,
	}),
	// "I can't find" is "no encuentro", the present ("No puedo
	// encontrar"); what is not found stands before the verb, "no lo
	// encuentro" ("No lo puedo encontrar").
	only(`an<vaux><pres>\+not<adv>\$ +\^find<vblex><inf>`, func() []string {
		var subs []string
		for _, p := range []struct{ person, verb string }{{"p1><mf><sg", "encuentro"}, {"p1><mf><pl", "encontramos"}} {
			for _, obj := range []struct{ units, clitic string }{
				{` +\^prpers<prn><obj><p3><nt><sg>\$`, "lo "}, {` +\^prpers<prn><obj><p3><mf><pl>\$`, "los "}, {"", ""},
			} {
				subs = append(subs, sayAs("P", "p", `rpers<prn><subj><`+p.person+`>\$ +\^can<vaux><pres>\+not<adv>\$ +\^find<vblex><inf>\$`+obj.units,
					"no "+obj.clitic+p.verb, false)...)
			}
		}
		return subs
	}()),
	// Thinking of or about someone is "pensar en" ("Estoy pensando de
	// ti").
	only(`hink<vblex>[^$]*\$ +\^(of)*(about)*<pr>\$ +\^prpers<prn><obj>`, []string{
		`s%(\^[Tt]hink<vblex><[a-z]+>\$ +\^)(of)*(about)*<pr>(\$ +\^prpers<prn><obj>)%\1in<pr>\4%g`,
	}),
	// A place "ten minutes away" is "a diez minutos" ("es diez minutos
	// fuera"), and it "está" there.
	only(`<n><pl>\$ +\^away<adv>`, func() []string {
		var subs []string
		for _, unit := range []string{"minute", "hour", "mile", "kilometre", "kilometer", "km", "metre", "meter", "block"} {
			span := `(\^[^<$]*<num>[^$]*\$ +\^` + unit + `<n><pl>\$) +\^away<adv>\$`
			subs = append(subs,
				`s%\^be<vbser><pri><p3><sg>\$ +`+span+`%`+superblank("está a")+` \1%g`,
				`s%\^be<vbser><pri><p3><pl>\$ +`+span+`%`+superblank("están a")+` \1%g`,
				`s%(\^[^<$]*<vbser>[^$]*\$ +)`+span+`%\1`+superblank("a")+` \2%g`)
		}
		return subs
	}()),
	// Getting or having a coffee, an ice cream, a drink is taking one,
	// "tomar" ("vamos a coger un helado", "vamos a tener un café").
	only(`\^[GgHh][ea][tv]e*<vblex>[^$]*\$ +\^(a)*(another)*<det>`, func() []string {
		var subs []string
		for _, drink := range []string{"coffee", "tea", "beer", "drink", "ice cream", "coke", "juice", "glass", "wine", "snack", "bite", "cup"} {
			for _, v := range [][2]string{{"get", "take"}, {"Get", "Take"}, {"have", "take"}, {"Have", "Take"}} {
				subs = append(subs, `s%\^`+v[0]+`<vblex>((<[a-z0-9]+>)+\$ +\^(a)*(another)*<det><ind><sg>\$ +\^`+drink+`<n>)%^`+v[1]+`<vblex>\1%g`)
			}
		}
		return subs
	}()),
	// One's glasses are "gafas" ("mis vasos"); the glasses on a table
	// stay the mode's.
	only(`<det><pos><[a-z]+>\$ +\^glass<n><pl>`, func() []string {
		var subs []string
		for _, p := range [][3]string{{"M", "my", "mis gafas"}, {"Y", "your", "tus gafas"}, {"H", "his", "sus gafas"}, {"H", "her", "sus gafas"}, {"O", "our", "nuestras gafas"}, {"T", "their", "sus gafas"}} {
			subs = append(subs, sayAs(p[0], p[1][:1], p[1][1:]+`<det><pos><[a-z]+>\$ +\^glass<n><pl>\$`, p[2], false)...)
		}
		return subs
	}()),
	// The weather too hot or too cold to do a thing is "hace demasiado
	// calor" ("está demasiado caliente para dormir").
	only(`<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^too<preadv>\$ +\^[hc]o[lt]d*<adj>`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^too<preadv>\$ +\^hot<adj><sint>\$`, "hace demasiado calor", false),
		sayAs("P", "p", `rpers<prn><subj><p3><nt><sg>\$ +\^be<vbser><pri><p3><sg>\$ +\^too<preadv>\$ +\^cold<adj><sint>\$`, "hace demasiado frío", false),
	)),
	// By the sea is "junto al mar" ("por el mar").
	only(`\^by<pr>\$ +\^the<det><def><sp>\$ +\^sea<n><sg>`, []string{`s%\^by<pr>\$ +\^the<det><def><sp>\$ +\^sea<n><sg>\$%` + superblank("junto al mar") + `%g`}),
)

// summerSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var summerSpanish = slices.Concat(
	// "ahí" is there ("thank you for being here", "put it here").
	only(`\^[Aa]hí<adv>`, []string{`s%\^ahí<adv>%^allí<adv>%g`, `s%\^Ahí<adv>%^Allí<adv>%g`}),
	// "por todas partes", "en todas partes" is everywhere ("throughout").
	only(`todas partes<adv>`, slices.Concat(
		sayAs("P", "p", `or todas partes<adv>\$`, "everywhere", false),
		sayAs("E", "e", `n todas partes<adv>\$`, "everywhere", false),
	)),
	// A thing left "en casa" is left at home ("I've left my towel home").
	only(`<n><[a-z]+><[sp][gl]>\$ +\^en casa<adv>`, []string{`s%(<n><[a-z]+><[sp][gl]>\$ +)\^en casa<adv>\$%\1` + superblank("at home") + `%g`}),
	// "hace un calor horrible" is "it's horribly hot" ("it does a
	// horrible heat"; French "il fait une chaleur écrasante" through it).
	only(`acer<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><sg>\$ +\^(calor)*(frío)*<n>`, func() []string {
		var subs []string
		for _, how := range [][2]string{{"horrible", "horribly"}, {"terrible", "terribly"}, {"insoportable", "unbearably"},
			{"tremendo", "incredibly"}, {"increíble", "incredibly"}, {"espantoso", "awfully"}, {"aplastante", "boiling"}, {"infernal", "boiling"}} {
			for _, w := range [][2]string{{"calor", "hot"}, {"frío", "cold"}} {
				if how[1] == "boiling" && w[0] != "calor" {
					continue
				}
				for _, adj := range []string{how[0] + `<adj>[^$]*`, `\*` + how[0]} { // or unknown, as "insoportable"
					subs = append(subs, sayAs("H", "h", `acer<vblex><pri><p3><sg>\$ +\^uno<det><ind><m><sg>\$ +\^`+w[0]+`<n><m><sg>\$ +\^`+adj+`\$`,
						"it's "+how[1]+" "+w[1], false)...)
				}
			}
		}
		return subs
	}()),
	// "óptimo" said of a thing in chat is great ("the water is optimum").
	only(`\^[Óó]ptimo<adj>`, slices.Concat(
		sayAs("Ó", "ó", `ptimo<adj>[^$]*\$`, "great", false),
	)),
	// "¿nos damos un baño?" asks to go for a swim ("do we give us a
	// bath?").
	only(`\^dar<vblex><pri><p1><pl>\$ +\^uno<det><ind><m><sg>\$ +\^baño<n>`,
		fix(`(<lquest>\$ *)`, `\^[Pp]rpers<prn><pro><p1><mf><pl>\$ +\^dar<vblex><pri><p1><pl>\$ +\^uno<det><ind><m><sg>\$ +\^baño<n><m><sg>\$`, "", "shall we go for a swim", false)),
)

// summerFrench are tag fixes of es-fr: "el mar" is "la mer" (es-fr:
// "le mar", "junto al mar" "je joins au mar"), a jacket is "une veste"
// ("une jaquette"), going on holiday "partir en vacances" ("nous nous
// allons de vacances"), "buenísimo" "super bon" (unknown).
var summerFrench = slices.Concat(
	only(`\^mar\.*<n>`, slices.Concat(
		// The tagger reads "mar" as masculine, which es-fr's dictionary
		// lacks (its "mar" is of both genders), and "mar." ending a
		// sentence as one unit: the sea, then the full stop.
		[]string{`s%\^mar\.<n><[mf]*><sg>\$%^mar<n><mf><sg>$^.<sent>$%g`, `s%\^mar<n><m><sg>\$%^mar<n><mf><sg>$%g`},
		sayAs("J", "j", `untar<vblex><pri><p1><sg>\$ +\^a<pr>\+el<det><def><m><sg>\$ +\^mar<n><mf><sg>\$`, "au bord de la mer", false),
	)),
	only(`\^[Cc]haqueta<n>`, func() []string {
		var subs []string
		for _, d := range [][3]string{{"el<det><def><f>", "la", "les"}, {"mío<det><pos><mf>", "ma", "mes"}, {"tuyo<det><pos><mf>", "ta", "tes"},
			{"suyo<det><pos><mf>", "sa", "ses"}, {"uno<det><ind><f>", "une", "des"}, {"este<det><dem><f>", "cette", "ces"}} {
			subs = slices.Concat(subs,
				sayAs(strings.ToUpper(d[0][:1]), d[0][:1], d[0][1:]+`<sg>\$ +\^chaqueta<n><f><sg>\$`, d[1]+" veste", false),
				sayAs(strings.ToUpper(d[0][:1]), d[0][:1], d[0][1:]+`<pl>\$ +\^chaqueta<n><f><pl>\$`, d[2]+" vestes", false))
		}
		return slices.Concat(subs,
			fix("", `\^chaqueta<n><f><sg>\$`, "", "veste", false),
			fix("", `\^chaqueta<n><f><pl>\$`, "", "vestes", false))
	}()),
	// es-fr and es-pt lack "gafas" (through eng-spa, one's glasses).
	only(`\^\*gafas\$`, fix("", `\^\*gafas\$`, "", "lunettes", false)),
	only(`<vblex><pri><p[123]><[sp][gl]>\$ +\^de<pr>\$ +\^vacaciones<n>`, func() []string {
		var subs []string
		for _, p := range []struct{ clitic, person, text string }{
			{"me", "p1><sg", "je pars en vacances"}, {"te", "p2><sg", "tu pars en vacances"}, {"se", "p3><sg", "part en vacances"},
			{"nos", "p1><pl", "nous partons en vacances"}, {"se", "p3><pl", "partent en vacances"},
		} {
			units := `\^[Ii]r<vblex><pri><` + p.person + `>\$ +\^de<pr>\$ +\^vacaciones<n><f><pl>\$`
			subs = append(subs, sayAs(strings.ToUpper(p.clitic[:1]), p.clitic[:1], p.clitic[1:]+`<prn><pro><[a-z0-9]*><[a-z]*><[sp][gl]>\$ +`+units, p.text, false)...)
			if p.clitic == "nos" { // "vamos de vacaciones"
				subs = append(subs, sayAs("I", "i", `r<vblex><pri><p1><pl>\$ +\^de<pr>\$ +\^vacaciones<n><f><pl>\$`, p.text, false)...)
			}
		}
		return subs
	}()),
	only(`\^\*[Bb]uenísim`, []string{
		`s%\^\*([Bb])uenísimo\$%` + superblank("super bon") + `%g`,
		`s%\^\*([Bb])uenísima\$%` + superblank("super bonne") + `%g`,
		`s%\^\*([Bb])uenísimos\$%` + superblank("super bons") + `%g`,
		`s%\^\*([Bb])uenísimas\$%` + superblank("super bonnes") + `%g`,
	}),
)

// summerToPortuguese are tag fixes of es-pt: glasses are "os óculos"
// ("as *gafas").
var summerToPortuguese = only(`\^\*gafas\$`, slices.Concat(
	sayAs("E", "e", `l<det><def><f><pl>\$ +\^\*gafas\$`, "os óculos", false),
	fix("", `\^\*gafas\$`, "", "óculos", false),
))

// summerPortuguese are tag fixes of pt-es: "a carteira" one loses is "la
// cartera" ("la bolsa"), and "está um calor" is "hace un calor" ("está un
// calor insoportable").
var summerPortuguese = slices.Concat(
	only(`\^[Cc]arteira<n>`, slices.Concat(
		fix("", `\^carteira<n><f><sg>\$`, "", "cartera", false),
		fix("", `\^carteira<n><f><pl>\$`, "", "carteras", false),
	)),
	only(`star<vblex><pri><p3><sg>\$ +\^um<det><ind><m><sg>\$ +\^(calor)*(frio)*<n>`, slices.Concat(
		fix("", `\^estar<vblex><pri><p3><sg>\$`, `( +\^um<det><ind><m><sg>\$ +\^(calor)*(frio)*<n>)`, "hace", false),
		fix("", `\^Estar<vblex><pri><p3><sg>\$`, `( +\^um<det><ind><m><sg>\$ +\^(calor)*(frio)*<n>)`, "Hace", false),
	)),
)

// summerFrenchToSpanish are tag fixes of fr-es: a swimsuit, "maillot (de
// bain)", is "bañador" ("maillot").
var summerFrenchToSpanish = only(`\^maillot<n>`, slices.Concat(
	fix("", `\^maillot<n><m><sg>\$ +\^de<pr>\$ +\^bain<n><m><sg>\$`, "", "bañador", false),
	fix("", `\^maillot<n><m><sg>\$`, "", "bañador", false),
	fix("", `\^maillot<n><m><pl>\$`, "", "bañadores", false),
))
